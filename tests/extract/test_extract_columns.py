"""Register columns typed by their cells when OCR could not read their headings."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from hotich.domain import RecordType
from ocr.columns import EXPECTED, ColumnEvidence, assign, best_type, cell_kind
from ocr.extract import extract_records
from ocr.register import damaged_sex, find_table
from tests.extract.pages import table_of

ROWS = [
    ["12", "Nguyễn Văn An", "Nam", "2/1/1962", "Bệnh viện Bạch Mai", "Nguyễn Văn Bình", "Trần Thị Dung", "9/1/1962"],
    ["13", "Lê Thị Hoa", "Nữ", "5/1/1962", "Nhà hộ sinh Hàng Bạc", "Lê Quang Huy", "Phạm Thị Lan", "12/1/1962"],
    ["14", "Phạm Minh Đức", "Nam", "8/1/1962", "Trạm y tế phường", "Phạm Văn Hải", "Đỗ Thị Mai", "15/1/1962"],
]
WIDTHS = [110, 400, 200, 260, 460, 400, 400, 260]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("12", "number"),
        ("27-03-1956", "date"),
        ("ngày 4 tháng 5 năm 1975", "date"),
        ("1935", "year"),
        ("Nữ", "sex"),
        ("Nguyễn Thị Hường", "name"),
        ("Bệnh viện Phụ sản Hà Nội", "place"),
        ("số 12 phố Huế", "place"),
        ("Tai biến mạch máu não", "text"),
        ("…", None),
        # Dates whose separators OCR lost; an entry number of a year stays a number.
        ("10021970", "date"),
        ("@9-87-1963", "date"),
        ("2701/1966", "date"),
        ("123/1998", "number"),
        ("1234/1998", "number"),
        # A damaged "Nam"; specks and garbled runs that say nothing.
        ("Nan", "short"),
        ("ung 7T", "noise"),
        ("Ỉ", "noise"),
        # Capitalised words not a person's name: a place read badly ("Bệnh viện Phụ sản Hà Nội").
        ("biện Phụ sản Hà", "proper"),
        ("con thứ nhất", "text"),
    ],
)
def test_what_a_cell_looks_like(text: str, kind: str | None) -> None:
    assert cell_kind(text) == kind


def test_unreadable_headings_typed_by_their_cells() -> None:
    # Three headings read; a stain took the sex, date, place and registration-date headings.
    header = ["Số", "Họ và tên", "~~ ;", "#ẻ ~", "ẵ ~ ~", "Họ tên cha", "Họ tên mẹ", "; ;"]
    page = table_of(header, ROWS, WIDTHS)
    records = extract_records(page)
    assert len(records) == 3
    first = records[0]
    assert first.value("sex") == "Nam"
    assert first.value("date_of_birth") == "1962-01-02"
    assert first.value("place_of_birth") == "Bệnh viện Bạch Mai"
    assert first.value("registration_date") == "1962-01-09"
    assert records[1].value("mother_name") == "Phạm Thị Lan"
    # Fields whose column was typed by its cells are less sure than those under a heading read.
    typed, headed = first.fields["place_of_birth"].confidence, first.fields["father_name"].confidence
    assert typed is not None and headed is not None and typed < headed


def test_a_heading_its_cells_contradict_yields_to_them() -> None:
    # "Ngày sinh" read over the sex column (OCR joined two headings): its cells are all "Nam"/"Nữ".
    header = ["Số", "Họ và tên", "Ngày sinh", "~ ~", "Nơi sinh", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    records = extract_records(table_of(header, ROWS, WIDTHS))
    assert [r.value("sex") for r in records] == ["Nam", "Nữ", "Nam"]
    assert records[2].value("date_of_birth") == "1962-01-08"


def test_the_column_of_thi_names_is_the_mothers_whatever_the_order() -> None:
    # A book that puts the mother before the father, both headings unreadable.
    rows = [[*row[:5], row[6], row[5], row[7]] for row in ROWS]
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "~ ~", "; ;", "Ngày đăng ký"]
    records = extract_records(table_of(header, rows, WIDTHS))
    assert records[0].value("mother_name") == "Trần Thị Dung"
    assert records[0].value("father_name") == "Nguyễn Văn Bình"


def test_the_number_run_into_the_name_has_its_own_column() -> None:
    # The number heading joined to the name heading: one column over both, numbers split off.
    header = ["SốTT Tên họ", "", "Giới tính", "Ngày sinh", "Nơi sinh", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    rows = [[f"{row[0]} {row[1]}", "", *row[2:]] for row in ROWS]
    records = extract_records(table_of(header, rows, [60, 450, 200, 260, 460, 400, 400, 260]))
    assert [r.value("registration_number") for r in records] == ["12", "13", "14"]
    assert records[0].value("subject_name") == "Nguyễn Văn An"


def test_a_register_without_a_title_typed_by_the_kinds_of_its_columns() -> None:
    # Number, name, date, place, name, date, date: the husband's and the wife's columns of a marriage book.
    kinds = ["number", "name", "date", "place", "name", "date", "date"]
    evidence = [ColumnEvidence(None, Counter({kind: 5}), []) for kind in kinds]
    assert best_type(evidence) == (RecordType.MARRIAGE, 0.75)
    fields, _ = assign(evidence, EXPECTED[RecordType.MARRIAGE])
    assert fields == [
        "registration_number",
        "husband_name",
        "husband_date_of_birth",
        "husband_residence",
        "wife_name",
        "wife_date_of_birth",
        "registration_date",
    ]
    # Two name columns, a date and a place, a sex column: a birth book's, not a marriage book's.
    kinds = ["number", "name", "sex", "date", "place", "name", "name", "date"]
    assert best_type([ColumnEvidence(None, Counter({kind: 5}), []) for kind in kinds]) == (RecordType.BIRTH, 0.75)


def test_a_register_whose_header_row_is_lost_is_read_from_its_body() -> None:
    # The header row a smear of marks; entries numbered 12, 13, 14 at the left edge.
    header = ["~", "ẵ ~", "", "; ;", "", "~ ~", "", ""]
    page = table_of(header, ROWS, WIDTHS)
    records = extract_records(page)
    assert [r.value("registration_number") for r in records] == ["12", "13", "14"]
    assert records[0].value("subject_name") == "Nguyễn Văn An"
    assert records[1].value("date_of_birth") == "1962-01-05"
    assert records[2].value("place_of_birth") == "Trạm y tế phường"
    assert all(r.record_type == RecordType.BIRTH for r in records)


def test_a_register_without_title_or_header_typed_by_its_cells() -> None:
    page = table_of(["~", "ẵ ~", "", "; ;", "", "~ ~", "", ""], ROWS, WIDTHS)
    page.words[:] = [w for w in page.words if w.line_key != (0,)]
    page.lines[:] = [line for line in page.lines if line.words[0].line_key != (0,)]
    records = extract_records(page)
    assert len(records) == 3 and all(r.record_type == RecordType.BIRTH for r in records)
    assert all(r.type_confidence is not None and r.type_confidence < 0.9 for r in records)


def test_numbered_lines_not_in_order_make_no_table() -> None:
    # A list of figures (a tally, a cover's summary) is not a register body.
    rows = [["7", "Nguyễn Văn An", "Nam", "2/1/1962"], ["3", "Lê Thị Hoa", "Nữ", "5/1/1962"]]
    rows += [["5", "Phạm Minh Đức", "Nam", "8/1/1962"], ["1", "Trần Văn Bình", "Nam", "9/1/1962"]]
    page = table_of(["~", "", "", ""], rows, [110, 400, 200, 260])
    assert find_table(page) is None


def test_a_stray_digit_in_a_stained_heading_does_not_hide_the_header() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh6", "Nơi sinh", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    table = find_table(table_of(header, ROWS, WIDTHS))
    assert table is not None and table.header_index == 1


def test_a_cell_read_too_unsurely_is_left_out() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    page = table_of(header, ROWS, WIDTHS)
    smudged = next(w for w in page.words if w.text == "Bạch")  # "Bệnh viện Bạch Mai" under a stain
    page.words[:] = [replace(w, confidence=0.1) if w is smudged else w for w in page.words]
    page.lines[:] = [
        replace(line, words=tuple(replace(w, confidence=0.1) if w is smudged else w for w in line.words))
        for line in page.lines
    ]
    records = extract_records(page)
    assert records[0].value("place_of_birth") is None
    assert records[1].value("place_of_birth") == "Nhà hộ sinh Hàng Bạc"


def test_a_spouses_date_misread_as_the_others_follows_its_block() -> None:
    header = ["Số", "Họ tên chồng", "Ngày sinh của vợ", "Họ tên vợ", "Ngày sinh của vợ", "Ngày đăng ký"]
    rows = [["7", "Nguyễn Văn Long", "3/4/1960", "Lê Thị Tâm", "5/6/1962", "1/2/1985"]]
    page = table_of(header, rows, [110, 400, 420, 400, 420, 300])
    page.lines[:] = [line for line in page.lines if line.words[0].line_key != (0,)]  # no title: typed by columns
    record = extract_records(page)[0]
    assert record.record_type == RecordType.MARRIAGE
    assert record.value("husband_date_of_birth") == "1960-04-03"
    assert record.value("wife_date_of_birth") == "1962-06-05"


def test_a_cell_holding_two_values_is_doubted() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    rows = [[*ROWS[0][:3], "2/1/1962 9/1/1962", ROWS[0][4], "Nguyễn Văn Bình Trần Thị Dung", "", ROWS[0][7]]]
    record = extract_records(table_of(header, rows, WIDTHS))[0]
    single = record.fields["registration_date"].confidence
    for name in ("date_of_birth", "father_name"):
        doubled = record.fields[name].confidence
        assert doubled is not None and single is not None and doubled < 0.9 * single


@pytest.mark.parametrize(
    ("raw", "sex"),
    [("wữ", "Nữ"), ("Nơm", "Nam"), ("Nừ", "Nữ"), ("Nan", "Nam"), ("Am", "Nam"), ("Na", "Nam"), ("Ne", None)],
)
def test_a_damaged_word_of_the_sex_column(raw: str, sex: str | None) -> None:
    assert damaged_sex(raw) == sex


def test_a_damaged_sex_is_read_but_doubted() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    rows = [[*ROWS[0][:2], "Nan", *ROWS[0][3:]], [*ROWS[1][:2], "wữ", *ROWS[1][3:]]]
    records = extract_records(table_of(header, rows, WIDTHS))
    assert [r.value("sex") for r in records] == ["Nam", "Nữ"]
    assert all((r.fields["sex"].confidence or 0) < 0.9 for r in records)


def test_two_columns_under_one_heading_are_told_apart_by_their_place() -> None:
    # "Tên họ" misread "Tên bọ" ("bố", the father): two columns headed as the father's name.
    header = ["Số", "Tên bọ", "Giới tính", "Ngày sinh", "Sinh tại", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    records = extract_records(table_of(header, ROWS, WIDTHS))
    assert [r.value("subject_name") for r in records] == ["Nguyễn Văn An", "Lê Thị Hoa", "Phạm Minh Đức"]
    assert records[0].value("father_name") == "Nguyễn Văn Bình"
    assert records[0].value("date_of_birth") == "1962-01-02"


def test_a_note_of_a_letter_or_two_is_a_speck() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Ghi chú"]
    rows = [["12", "Nguyễn Văn An", "Nam", "2/1/1962", "ự"], ["13", "Lê Thị Hoa", "Nữ", "5/1/1962", "con thứ hai"]]
    records = extract_records(table_of(header, rows, [110, 400, 200, 260, 300]))
    assert [r.value("notes") for r in records] == [None, "con thứ hai"]


def test_on_a_badly_read_page_no_cell_is_taken_as_sure() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    page = table_of(header, ROWS, WIDTHS)
    assert all((f.confidence or 0) >= 0.9 for r in extract_records(page) for f in r.fields.values())
    # Stains over most of the body: most cells read at 0.3, the rest as before.
    body = [w for w in page.words if w.line_key[0] >= 2]
    stained = {id(w) for w in body if w.text not in {"Nam", "Nữ"} and not w.text[0].isdigit()}
    page.lines[:] = [
        replace(line, words=tuple(replace(w, confidence=0.3) if id(w) in stained else w for w in line.words))
        for line in page.lines
    ]
    records = extract_records(page)
    assert records[0].value("sex") == "Nam"
    assert all((f.confidence or 0) < 0.9 for r in records for f in r.fields.values())


def _evidence(heading: str | None, **kinds: int) -> ColumnEvidence:
    return ColumnEvidence(heading, Counter(kinds), [])


BIRTH_HEADINGS = ["registration_number", "subject_name", None, "date_of_birth", "place_of_birth", "father_name"]


def test_a_damaged_sex_column_between_headings_read_is_the_sex() -> None:
    # "Nan", "wữ", "Xem" and specks under a lost heading, between the name and the date of birth: not notes
    # (notes stand right of the registration date), and the few words say "Nam"/"Nữ" as well as they can.
    columns = [_evidence(h, name=8) for h in BIRTH_HEADINGS]
    columns[2] = _evidence(None, short=5, noise=3, sex=1)
    columns += [_evidence("mother_name", name=8), _evidence("registration_date", date=8)]
    fields, _ = assign(columns, EXPECTED[RecordType.BIRTH])
    assert fields[2] == "sex"


def test_garbled_cells_neither_make_nor_unmake_a_column() -> None:
    # A column of specks and garbled runs is nothing, not notes; a column of five names among twelve specks
    # is still a name column.
    specks = _evidence(None, noise=10)
    assert assign([_evidence("registration_number", number=8), specks], EXPECTED[RecordType.BIRTH])[0][1] is None
    names = _evidence(None, name=5, noise=12)
    assert assign([_evidence("registration_number", number=8), names], EXPECTED[RecordType.BIRTH])[0][1] == (
        "subject_name"
    )


def test_a_badly_read_place_column_is_a_place_not_a_cause() -> None:
    # Between the date of death and the registration date of a death book, hospitals read badly: the
    # capitalised words of places, not the lower-case words of a cause of death.
    texts = ["teen viện Việt ĐêC", "biện Phụ sản Hà", "& bộ sinh Bàng Bạc", "kiên việt DỨC", "piện Việt Đức", "Ỉ"]
    headings = ["registration_number", "subject_name", "sex", "date_of_birth", "date_of_death"]
    columns = [_evidence(h, name=8) for h in headings]
    kinds = Counter(kind for text in texts if (kind := cell_kind(text)))
    columns += [ColumnEvidence(None, kinds, texts), _evidence("registration_date", date=8)]
    fields, _ = assign(columns, EXPECTED[RecordType.DEATH])
    assert fields[5] == "place_of_death"


def test_notes_stand_right_of_the_headings_that_come_before_them() -> None:
    # A few lower-case words and specks under a lost heading between the name and the date of birth: what
    # the cells say is too little to put the notes there, left of headings the notes always follow.
    columns = [_evidence(h, name=8) for h in BIRTH_HEADINGS]
    columns[2] = _evidence(None, text=4, noise=4)
    columns += [_evidence("mother_name", name=8), _evidence("registration_date", date=8)]
    fields, _ = assign(columns, EXPECTED[RecordType.BIRTH])
    assert fields[2] is None


def test_a_heading_read_out_of_order_bounds_no_column() -> None:
    # The husband's date of birth misread as the wife's: out of order with the husband's residence read
    # right of it, so neither says where the wife's name may stand.
    headings = ["registration_number", None, "wife_date_of_birth", "husband_residence", None, "registration_date"]
    kinds = ["number", "name", "date", "place", "name", "date"]
    columns = [_evidence(h, **{k: 8}) for h, k in zip(headings, kinds, strict=True)]
    fields, _ = assign(columns, EXPECTED[RecordType.MARRIAGE])
    assert fields[1] == "husband_name" and fields[4] == "wife_name"


def test_an_unreadable_sex_heading_over_damaged_words() -> None:
    header = ["Số", "Họ và tên", "~ ~", "Ngày sinh", "Nơi sinh", "Họ tên cha", "Họ tên mẹ", "Ngày đăng ký"]
    rows = [[*row[:2], sex, *row[3:]] for row, sex in zip(ROWS, ["Nan", "wữ", "Nam"], strict=True)]
    records = extract_records(table_of(header, rows, WIDTHS))
    assert [r.value("sex") for r in records] == ["Nam", "Nữ", "Nam"]
    assert all(r.value("notes") is None for r in records)


def test_a_generic_heading_the_book_holds_only_as_somebodys_is_no_extra_column() -> None:
    # "Ngày sinh" in a marriage book is the husband's or the wife's date of birth, whichever its owner;
    # with both taken, it is not a field of its own. "Nơi cư trú" in a death book is one.
    headings = ["registration_number", "husband_name", "wife_date_of_birth", "wife_name", "date_of_birth"]
    kinds = ["number", "name", "date", "name", "date"]
    columns = [_evidence(h, **{k: 8}) for h, k in zip(headings, kinds, strict=True)]
    columns[2] = _evidence("wife_date_of_birth", date=8)
    columns.insert(2, _evidence("husband_date_of_birth", date=8))
    columns.append(_evidence("registration_date", date=8))
    fields, _ = assign(columns, EXPECTED[RecordType.MARRIAGE])
    assert fields[-2] is None
    columns = [_evidence("registration_number", number=8), _evidence("subject_name", name=8)]
    columns += [_evidence("place_of_death", place=8), _evidence("residence", place=8)]
    assert assign(columns, EXPECTED[RecordType.DEATH])[0][-1] == "residence"
