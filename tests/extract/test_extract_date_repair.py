"""Numeric dates the engine damaged, put back together (and doubted) rather than cut to a year."""

from __future__ import annotations

import pytest

from ocr.dates import parse_date, repair_date
from ocr.extract import extract_records
from ocr.names import FUTURE_DATE, REPAIRED_DATE, normalise
from tests.extract.pages import page_of


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("0308/1997", "1997-08-03"),  # the separator between day and month lost
        ("2406-1960", "1960-06-24"),
        ("2243/1935", "1935-03-22"),  # the separator read as a 4
        ("1941/1932", "1932-01-19"),  # a split as read (19/41) is no date; the 4 was the separator
        ("97-11-1993", "1993-11-07"),  # a looped 0 read 9
        ("21/26/1968", "1968-06-21"),
        ("05-40-2024", "2024-10-05"),  # a 1 read 4
        ("10-02-3983", "1983-02-10"),  # the year's first digit misread: only 1983 of 1983 and 2983 can be
        ("16/12/0964", "1964-12-16"),
        ("39/96/1988", "1988-06-30"),  # a slip in the day and one in the month
        ("2?-93-1993", None),  # the day itself lost: nothing to rebuild
        ("ngày 23 tháng 4 năm 7985", "1985-04-23"),  # a written date's year with its first digit misread
        ("28101874", "1874-10-28"),  # every separator lost
        ("1441977", "1977-04-14"),  # 14/4: 1/44 is no date
        ("1121995", None),  # 1/12 or 11/2: no telling
        ("10/8/1 963", "1963-08-10"),  # a year broken by a space
        ("]9-06-] 963", "1963-06-19"),
        ("13-02-/967", "1967-02-13"),  # the year's handwritten 1 read as a stroke after the separator
        ("12/3/1068", None),  # its 9 misread, not its first figure: no 2068, a year to come
    ],
)
def test_a_damaged_numeric_date_is_repaired(raw: str, iso: str | None) -> None:
    assert repair_date(raw) == iso


@pytest.mark.parametrize(("raw", "iso"), [("!930", "1930"), ("/-02-/968", "1968-02"), ("12/930", None)])
def test_a_years_1_read_as_a_stroke_is_a_1(raw: str, iso: str | None) -> None:
    assert normalise("date_of_birth", raw)[0] == iso  # between figures ("12/930") a stroke is a separator


def test_slashes_and_dashes_as_read_off_handwriting_separate_dates() -> None:
    assert parse_date("28~02~2021") == "2021-02-28"
    assert parse_date("23⁄02/1983") == "1983-02-23"


def test_a_repaired_date_is_less_sure_and_a_date_read_whole_is_not_repaired() -> None:
    assert normalise("date_of_birth", "97-11-1993") == ("1993-11-07", REPAIRED_DATE)
    assert normalise("date_of_birth", "7/11/1993") == ("1993-11-07", 1.0)
    assert normalise("date_of_birth", "Năm 1993") == ("1993", 0.8)  # a year alone stays a year


def test_a_date_after_today_is_kept_for_review() -> None:
    # "12/3/2068": a 1968 whose 9 was misread reads whole, but no register holds a date not yet come
    assert normalise("date_of_birth", "12/3/2068") == ("2068-03-12", FUTURE_DATE)
    assert normalise("father_birth_year", "2071") == ("2071", FUTURE_DATE)
    assert normalise("date_of_birth", "12/3/1968") == ("1968-03-12", 1.0)


def test_a_date_with_a_two_digit_year_is_less_sure() -> None:
    assert normalise("date_of_death", "8/7/96") == ("1996-07-08", 0.8)  # the century is a guess
    assert normalise("date_of_death", "8/7/1996") == ("1996-07-08", 1.0)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("ngày 5 thóng 4 năm 1985", "1985-04-05"),  # a vowel of "tháng" misread
        ("ngày 4 tháng 10 nỡm 1965", "1965-10-04"),  # and of "năm"
        ("ngày 16 thủng, 12 năm 1964", "1964-12-16"),
        ("ngày 25 tháng. 6 năm 1966", "1966-06-25"),  # a speck after "tháng" read as a full stop
        ("tháng 6. năm 1966", "1966-06"),
        ("Hà Nội, ngòy 5 thúng 1 năm. 1959", "1959-01-05"),  # and after "năm"
    ],
)
def test_worded_dates_with_a_misread_vowel(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


def test_the_signing_date_of_a_certificate_without_a_comma_after_the_place() -> None:
    page = page_of(
        [
            "UBND PHƯỜNG HÀNG ĐÀO",
            "GIẤY KHAI SINH",
            "Họ và tên: Nguyễn Văn An",
            "Giới tính: Nam",
            "Sinh ngày: 12/3/1982",
            (700, "Hà Nội ngày 19 thóng. 12 năm 1982"),
            (1000, "NGƯỜI THỰC HIỆN"),
            (1000, "Nguyễn Xuân Quang"),
        ]
    )
    (record,) = extract_records(page)
    assert record.value("registration_date") == "1982-12-19"
