"""Registration dates put against the year the register book was opened for."""

from __future__ import annotations

from hotich.domain import ExtractedField, ExtractedRecord, RecordType
from ocr.book_year import (
    CORRECTED,
    DOUBTED,
    book_year,
    check_registration_order,
    check_registration_years,
    check_spouse_ages,
    date_in_year,
)
from ocr.extract import extract_records
from tests.extract.pages import page_of, table_of


def _records(dates: list[str]) -> list[ExtractedRecord]:
    return [
        ExtractedRecord(RecordType.BIRTH, {"registration_date": ExtractedField(d, d, 0.95, None)}, i, 1, None, 0.99)
        for i, d in enumerate(dates)
    ]


HEADING = ["SỔ ĐĂNG KÝ KHAI SINH", "Năm 1993 — Quyển số 01 — Trang 12"]


def test_a_year_off_by_one_digit_is_the_books_and_one_further_off_the_books_too_but_doubted() -> None:
    # A register book holds one year's registrations: "1981" in the book of 1993 is a misreading.
    records = _records(["1993-05-01", "1933-05-12", "1981-06-02", "1993-07"])
    check_registration_years(page_of(HEADING).lines, records)
    assert [r.value("registration_date") for r in records] == ["1993-05-01", "1993-05-12", "1993-06-02", "1993-07"]
    assert [r.fields["registration_date"].confidence for r in records] == [0.95, CORRECTED, DOUBTED, 0.95]


def test_a_birth_or_death_long_before_the_books_year_or_after_it_is_misread() -> None:
    def entry(kind: RecordType, event: str, notes: str | None = None) -> ExtractedRecord:
        fields = {
            "registration_date": ExtractedField("1976-08-02", "2/8/1976", 0.95, None),
            "date_of_birth" if kind == RecordType.BIRTH else "date_of_death": ExtractedField(event, event, 0.95, None),
        }
        if notes:
            fields["notes"] = ExtractedField(notes, notes, 0.95, None)
        return ExtractedRecord(kind, fields, 0, 1, None, 0.99)

    records = [
        entry(RecordType.BIRTH, "1916-06-29"),  # a 7 read as 1: the book's year a figure away
        entry(RecordType.DEATH, "1985-12-30"),  # after the book's year: the year before is a figure away
        entry(RecordType.BIRTH, "1970-03-01"),  # six years late: as read
        entry(RecordType.BIRTH, "1938-05-04"),  # no year of the book's a figure away: doubted
        entry(RecordType.BIRTH, "1956-05-04", "đăng ký quá hạn"),  # registered late, as the note says
    ]
    check_registration_years(page_of(["Năm 1976"]).lines, records)
    events = [r.fields.get("date_of_birth") or r.fields["date_of_death"] for r in records]
    assert [e.value for e in events] == ["1976-06-29", "1975-12-30", "1970-03-01", "1938-05-04", "1956-05-04"]
    assert [e.confidence for e in events] == [CORRECTED, CORRECTED, 0.95, DOUBTED, 0.95]


def test_the_books_year_needs_a_date_that_agrees_or_dates_that_agree_among_themselves() -> None:
    lines = page_of(HEADING).lines
    assert book_year(lines, _records(["1933-05-12"])) is None  # the heading's year may itself be misread
    assert book_year(page_of(["SỔ ĐĂNG KÝ KHAI SINH"]).lines, _records(["1962-01-02", "1962-03-04"])) == 1962


def test_a_heading_whose_year_is_misread_gives_way_to_the_dates_that_read_another_more() -> None:
    misread = page_of(["SỔ ĐĂNG KÝ KHAI TỬ", "Năm 1916 — Quyển số 01 — Trang 4"]).lines  # a typed 7 read as 1
    records = _records(["1916-01-04", "1976-01-06", "1976-08-29", "1976-09-29"])
    assert book_year(misread, records) == 1976
    check_registration_years(misread, records)
    assert [r.value("registration_date")[:4] for r in records] == ["1976"] * 4
    # Dates misread as often as the heading is read right: the heading wins the tie.
    assert book_year(page_of(HEADING).lines, _records(["1913-05-01", "1993-05-12", "1913-06-02"])) == 1993


def test_a_date_that_would_not_exist_in_the_books_year_is_only_doubted() -> None:
    records = _records(["2023-01-05", "2024-02-29"])  # 29 February 2023 does not exist
    check_registration_years(page_of(["Năm: 2023"]).lines, records)
    assert records[1].value("registration_date") == "2024-02-29"
    assert records[1].fields["registration_date"].confidence == DOUBTED


def test_a_date_whose_year_or_separators_were_damaged_is_read_in_the_books_year() -> None:
    assert date_in_year("26-07-ioa9", 1989) == "1989-07-26"  # marks for figures, one figure misread
    assert date_in_year("24/042014 —", 2014) == "2014-04-24"  # the separator before the year lost
    assert date_in_year("2404:1989", 1989) == "1989-04-24"
    assert date_in_year("18/1171965", 1965) == "1965-11-18"  # a separator read as a figure
    assert date_in_year("25-06-1958", 1989) is None  # another year: not this book's
    assert date_in_year("23-02- /9ó⁄", 1991) is None  # one figure of the year: too little to tell
    assert date_in_year("12/1989", 1989) is None  # a month and a year: no day to read
    assert date_in_year("31-02-1989", 1989) is None


def test_a_register_entry_whose_registration_date_was_unreadable_gets_the_books_year() -> None:
    header = ["Số", "Họ và tên", "Ngày sinh", "Ngày đăng ký"]
    rows = [
        ["12", "Nguyễn Văn An", "2/1/1962", "5/1/1962"],
        ["13", "Lê Thị Hoa", "5/1/1962", "09-01-i%62"],
        ["14", "Phạm Minh Đức", "8/1/1962", "12/01/1962"],
    ]
    records = extract_records(table_of(header, rows, [110, 400, 260, 260]))
    assert [r.value("registration_date") for r in records] == ["1962-01-05", "1962-01-09", "1962-01-12"]
    assert (records[1].fields["registration_date"].confidence or 0.0) <= CORRECTED


def test_a_spouse_too_old_or_too_young_to_marry_has_a_figure_misread() -> None:
    def marriage(husband: str, wife: str, kind: RecordType = RecordType.MARRIAGE) -> ExtractedRecord:
        fields = {
            "registration_date": ExtractedField("2002-03-13", "13/3/2002", 0.95, None),
            "husband_date_of_birth": ExtractedField(husband, husband, 0.95, None),
            "wife_date_of_birth": ExtractedField(wife, wife, 0.95, None),
        }
        return ExtractedRecord(kind, fields, 0, 1, None, 0.99)

    records = [
        marriage("1912-07-28", "1914-02-27"),  # 90 and 88: a 7 read as 1, the only lookalike of marrying age
        marriage("1975-01-11", "1990-10-02"),  # 27 and 12: a 5 read as a 9 is no usual slip, doubted
        marriage("1938-05-04", "1948"),  # 64 and 54: as read
        marriage("1912-07-28", "1914-02-27", RecordType.BIRTH),  # no marriage: nothing to check
    ]
    for record in records:
        check_spouse_ages(record)
    read = [(r.value("husband_date_of_birth"), r.value("wife_date_of_birth")) for r in records]
    assert read == [
        ("1972-07-28", "1974-02-27"),
        ("1975-01-11", "1990-10-02"),
        ("1938-05-04", "1948"),
        ("1912-07-28", "1914-02-27"),
    ]
    assert records[0].fields["husband_date_of_birth"].confidence == CORRECTED
    assert records[1].fields["wife_date_of_birth"].confidence == DOUBTED
    assert records[2].fields["wife_date_of_birth"].confidence == 0.95


def test_a_registration_date_out_of_order_has_a_figure_misread_when_its_lookalike_fits() -> None:
    records = _records(["1975-05-07", "1975-01-05", "1975-07-17", "1975-07-10", "1975-08-02", "1975-08-01", "1975-09"])
    check_registration_order(records)
    # "01" for "07" fits between its neighbours; "07-10" after "07-17" has no lookalike that fits, and a
    # misread neighbour would put a right date out of order too: left as read; "08-01" is last of the full
    # dates, with nothing after it to put it between.
    dates = [r.value("registration_date") for r in records]
    assert dates == ["1975-05-07", "1975-07-05", "1975-07-17", "1975-07-10", "1975-08-02", "1975-08-01", "1975-09"]
    assert [r.fields["registration_date"].confidence for r in records][:4] == [0.95, CORRECTED, 0.95, 0.95]


def test_registration_dates_are_put_in_order_on_a_register_page() -> None:
    header = ["Số", "Họ và tên", "Ngày sinh", "Nơi sinh", "Ngày đăng ký"]
    rows = [
        ["51", "Trần Thị Diệp", "26/4/1975", "Tại nhà riêng", "9/5/1975"],
        ["52", "Ngô Thanh My", "1/7/1975", "Tại nhà riêng", "5/1/1975"],  # a typed 7 read as 1
        ["53", "Lê Văn Hùng", "10/7/1975", "Tại nhà riêng", "17/7/1975"],
    ]
    records = extract_records(table_of(header, rows, [110, 450, 260, 450, 300]))
    assert [r.value("registration_date") for r in records] == ["1975-05-09", "1975-07-05", "1975-07-17"]
