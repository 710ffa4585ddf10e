"""Register pages under OCR damage: titles with misread letters, headings with joined or lost words,
a register whose title is gone entirely."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hotich.domain import RecordType
from ocr.classify import classify
from ocr.extract import extract_records
from ocr.pipeline import page_from_words
from ocr.register import _header_field
from ocr.types import Word
from tests.extract.pages import table_of


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("SỐ ĐĂNG KÝ KHAl TỬ", RecordType.DEATH),  # l for I: "khai tu" alone is too short to fuzz
        ("SỐ ĐĂNG KÝ KHAI SII", RecordType.BIRTH),  # cut short: "khai" is shared, "sii" decides
        ("SỐ ĐĂNG IKÝ IKHI/ lì SINH", RecordType.BIRTH),
        ("s Ì ĐĂNG KÝ KẾT HỐN", RecordType.MARRIAGE),
        ("SỔ ĐĂNG KÝ NUÔI CON NUÔl", RecordType.ADOPTION),
    ],
)
def test_a_damaged_register_title_still_gives_the_type(title: str, expected: RecordType) -> None:
    record_type, confidence = classify(["UBND PHƯỜNG HÀNG BẠC", title, "Năm 1993 — Quyển số 01 — Trang 7"])
    assert record_type == expected and confidence >= 0.8


def test_registered_in_a_sentence_is_no_title() -> None:
    lines = ["TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH", "Ghi chú: Ghi vào sổ việc hộ tịch đã đăng ký ở nước ngoài"]
    assert classify(lines)[0] == RecordType.OTHER
    assert classify(["SỐ ĐĂNG KÝ KHAI"])[0] == RecordType.OTHER  # nothing left to tell birth from death


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Họ,ch#đệm tên", "subject_name"),  # a lost letter and a comma joining two words
        ("—TT", "registration_number"),
        ("Tên họ ngườicha", "father_name"),  # "người" joined to the person
        ("Họovàtên", "subject_name"),
        ("ti và tên mẹ", "mother_name"),
        ("Hệ và tên vợ", "wife_name"),  # not "Họ và tên bố", a letter off too but longer than the exact "tên vợ"
    ],
)
def test_damaged_column_headings(heading: str, field: str) -> None:
    assert _header_field(heading.split()) == field


@pytest.mark.parametrize("heading", ["Tên họ người sọ", "Họ tên người mơ"])
def test_a_heading_of_some_person_whose_word_for_whom_is_misread_names_no_field(heading: str) -> None:
    # Not the registered person's name: "người …" says it is another's (a parent's), the cells decide whose.
    assert _header_field(heading.split()) is None
    assert _header_field("Họ và tên người chết".split()) == "subject_name"
    assert _header_field("Họ tên người đi khai".split()) == "declarant_name"


def test_a_register_without_its_title_is_typed_by_its_columns() -> None:
    header = ["Số", "Họ và tên", "Nam hay nữ", "Ngày sinh", "Ngày chết", "Nơi chết"]
    rows = [
        ["12", "Nguyễn Văn An", "Nam", "2/1/1935", "4/5/1975", "Bệnh viện Bạch Mai"],
        ["13", "Trần Thị Dung", "Nữ", "9/2/1940", "7/6/1975", "Tại nhà riêng"],
    ]
    page = table_of(header, rows, [110, 400, 220, 260, 300, 500])
    title = [w for w in page.words if w.line_key == (0,)]
    stained = [Word("~~ ;", 0.3, title[0].bbox, (0,))] + [w for w in page.words if w.line_key != (0,)]
    page.words[:] = stained
    page.lines[:] = [line for line in page.lines if line.words[0].line_key != (0,)]
    records = extract_records(page)
    assert [r.record_type for r in records] == [RecordType.DEATH, RecordType.DEATH]
    assert all(r.type_confidence is not None and r.type_confidence < 0.9 for r in records)


def test_a_generic_column_right_of_a_spouse_is_that_spouses() -> None:
    header = ["Số", "Họ tên chồng", "Chồng sinh ngày", "Họ và tên vợ", "Vự sinh ngày", "Ngày đăng ký"]
    rows = [["7", "Nguyễn Văn Long", "3/4/1960", "Lê Thị Tâm", "5/6/1962", "1/2/1985"]]
    page = table_of(header, rows, [110, 400, 420, 400, 420, 300])
    record = extract_records(page)[0]
    assert record.value("husband_date_of_birth") == "1960-04-03"
    assert record.value("wife_date_of_birth") == "1962-06-05"  # "Vự": the wife's, by its place
    assert record.value("date_of_birth") is None


def test_a_body_line_of_dates_is_no_title() -> None:
    # "Nhà Í sinh" in a row of dates looks like "khai sinh" to a fuzzy match: only a title line may.
    line = "135 Trần Hữu Quang Nam 3/11/1877 29/11/1963 Nhà Í sinh Hàng Bạc 3/12/1963"
    assert classify(["Năm 1963 — Quyển số 01 — Trang 38", line])[0] == RecordType.OTHER


def test_a_register_whose_heading_is_lost_and_numbers_misread_is_still_a_table() -> None:
    # The heading row reads as noise; three of seven numbers have a slipped digit (297 for 207…), so
    # fewer than half the neighbours rise, but most numbers still rise in order down the page.
    header = ["—", "chết", "'Ngày, thúng,mấm", "(hết trổ", "Ngày dàng ký"]
    numbers = ["206", "297", "208", "289", "216", "211", "212"]
    names = ["Tô Thu Dung", "Đào Văn Thịnh", "Nguyễn Thị Vân", "Trần Văn Tâm", "Nguyễn Kim Thu", "Phan Xuân Quân",
             "Vũ Hữu Kiên"]  # fmt: skip
    rows = [
        [n, name, "Nam", "2/1/1935", "Bệnh viện Bạch Mai", "4/5/2008"] for n, name in zip(numbers, names, strict=True)
    ]
    page = table_of(header, rows, [110, 400, 220, 260, 500, 300])
    records = extract_records(page)
    assert [r.value("subject_name") for r in records] == names


def test_a_row_whose_number_is_lost_is_an_entry_of_its_own_when_it_starts_lower() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "Tên cha"]
    rows = [
        ["113", "Nguyễn Thanh Uyên", "A⁄'", "4/13/1996", "Nhà hộ sinh Hai Bà", "Nguyễn Văn Lực"],
        ["", "", "", "", "Trưng"],  # a wrapped cell, just below its line: same entry
        [],
        ["", "Trần Quang Anh Thái", "Nam", "29/12/1996", "Nhà hộ sinh Hàng Bạc", "Trần Văn Tâm"],  # number faded
        [],
        ["115", "Nguyễn Thị Thanh Khuê", "Nữ", "06-01-1997", "Bệnh viện Bạch Mai", "Nguyễn Văn Kiên"],
    ]
    records = extract_records(table_of(header, rows, [110, 450, 220, 260, 450, 400]))
    assert [r.value("subject_name") for r in records] == [
        "Nguyễn Thanh Uyên",
        "Trần Quang Anh Thái",
        "Nguyễn Thị Thanh Khuê",
    ]
    assert records[0].value("place_of_birth") == "Nhà hộ sinh Hai Bà Trưng"
    assert records[1].value("date_of_birth") == "1996-12-29"


def test_an_unreadable_sex_cell_is_told_by_the_middle_name() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh"]
    rows = [
        ["21", "Trần Thị Ngân", "~", "30/3/1965", "Bệnh viện Bạch Mai"],
        ["22", "Lê Văn Giang", "", "1/3/1965", "Tại nhà riêng"],
        ["23", "Phạm Minh Đức", "", "8/1/1965", "Tại nhà riêng"],  # no telling middle name: left out
    ]
    records = extract_records(table_of(header, rows, [110, 450, 220, 260, 450]))
    assert [r.value("sex") for r in records] == ["Nữ", "Nam", None]
    assert all((r.fields["sex"].confidence or 1.0) <= 0.75 for r in records[:2])


def test_the_first_rows_of_a_page_are_entries_when_their_single_digit_numbers_are_lost() -> None:
    header = ["Số TT", "Họ và tên người chết", "Nam hay nữ", "Chết ngày", "Nơi chết"]
    rows = [
        ["", "Trần Văn Bảo", "Nam", "3/1/2008", "Bệnh viện Bạch Mai"],  # "8" and "9" not read
        [],
        ["", "Lê Thị Uyên", "Nữ", "1/2/2008", "Tại nhà riêng"],
        [],
        ["10", "Phan Văn Duy", "Nam", "6/9/2008", "Bệnh viện Việt Đức"],
        [],
        ["11", "Trần Quang Cường", "Nam", "4/10/2008", "Bệnh viện Bạch Mai"],
    ]
    records = extract_records(table_of(header, rows, [110, 450, 220, 260, 450]))
    assert [r.value("subject_name") for r in records] == [
        "Trần Văn Bảo",
        "Lê Thị Uyên",
        "Phan Văn Duy",
        "Trần Quang Cường",
    ]


def test_a_row_whose_number_and_name_are_lost_is_still_an_entry() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "Tên cha", "Tên mẹ"]
    rows = [
        ["49", "Nguyễn Anh Hà", "Nam", "20/12/1986", "Bệnh viện Bạch Mai", "Nguyễn Văn Tư", "Trịnh Thị Tâm"],
        [],
        ["", "", "", "", "Nhà hộ sinh Hàng Bạc", "Bùi Văn Khánh", "Phạm Thị Hương"],  # the left columns faded
        [],
        ["51", "Nguyễn Thanh An", "Nam", "19/2/1987", "Bệnh viện Thanh Nhàn", "Nguyễn Xuân Thành", "Lê Thị Liên"],
    ]
    records = extract_records(table_of(header, rows, [110, 450, 220, 260, 450, 400, 400]))
    assert [r.value("father_name") for r in records] == ["Nguyễn Văn Tư", "Bùi Văn Khánh", "Nguyễn Xuân Thành"]
    assert records[1].value("subject_name") is None


def test_a_dash_read_after_the_entry_number_still_opens_the_row() -> None:
    # A stroke after each number ("563 —", a ditto mark or a rule's stub) read as a word: the number is
    # still the cell's one value, and the body still makes a table when the heading is lost.
    header = ["—", "chết", "'Ngày, thúng,mấm", "(hết trổ", "Ngày dàng ký"]
    names = ["Tô Thu Dung", "Đào Văn Thịnh", "Nguyễn Thị Vân", "Trần Văn Tâm"]
    rows = [[f"{563 + i} —", name, "Nam", "2/1/1935", "Bệnh viện Bạch Mai", "4/5/2008"] for i, name in enumerate(names)]
    page = table_of(header, rows, [110, 400, 220, 260, 500, 300])
    records = extract_records(page)
    assert [(r.value("registration_number"), r.value("subject_name")) for r in records] == [
        (str(563 + i), name) for i, name in enumerate(names)
    ]


def test_a_blot_of_digits_in_the_heading_row_leaves_it_the_heading() -> None:
    # A stain read as a number beside one heading ("Nơi sinh 27708"): a body line holds figures in two
    # cells or more, a heading with one blot is still the heading (no entry numbers to fall back on here).
    header = ["Họ và tên", "Nam hay nữ", "Ngày sinh", "Nơi sinh 27708", "Họ tên cha"]
    rows = [
        ["Nguyễn Văn An", "Nam", "02/01/1975", "Bạch Mai", "Nguyễn Văn Bình"],
        ["Trần Thị Dung", "Nữ", "09/02/1975", "Hàng Bạc", "Trần Văn Đức"],
        ["Lê Văn Giang", "Nam", "01/03/1975", "Tại nhà", "Lê Văn Hải"],
    ]
    page = table_of(header, rows, [400, 220, 260, 400, 400])
    records = extract_records(page)
    assert [(r.value("subject_name"), r.value("father_name")) for r in records] == [(row[0], row[4]) for row in rows]


def test_a_date_read_very_unsurely_is_kept_for_review_and_a_place_is_not() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh"]
    rows = [
        ["21", "Trần Thị Ngân", "Nữ", "30/3/1965", "Bệnh viện Bạch Mai"],
        ["22", "Lê Văn Giang", "Nam", "02111965", "Tại nhà riêng"],  # the strokes between the figures lost
    ]
    page = table_of(header, rows, [110, 450, 220, 260, 450])
    faint = {"02111965", "Tại", "nhà", "riêng"}
    words = [replace(w, confidence=0.15) if w.text in faint else w for w in page.words]
    records = extract_records(page_from_words(1, page.width, page.height, words, []))
    assert records[1].value("date_of_birth") == "1965-11-02"
    assert (records[1].fields["date_of_birth"].confidence or 1.0) < 0.2
    assert records[1].value("place_of_birth") is None  # words so unsure are most likely a stain's marks
