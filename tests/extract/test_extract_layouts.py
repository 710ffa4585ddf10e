"""Layouts that trip naive readers: packed register headings, misread numbers, columns beside values,
letterheads on two lines, signature blocks under a wrapped address."""

from __future__ import annotations

from ocr.dates import parse_date
from ocr.extract import extract_records
from ocr.layout import page_kind
from ocr.numbering import INFERRED_CONFIDENCE
from tests.extract.pages import page_of, table_of

HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def test_packed_register_headings_are_cut_where_body_columns_start() -> None:
    # Headings set so tight that OCR gaps don't separate them; words merged ("SốTT"); a person's heading.
    header = ["SốTT", "Tên họ", "Namhay nữ", "Ngày sinh", "Nơi sinh", "Tên họ người cha", "Tên họ người mẹ"]
    widths = [110, 330, 190, 200, 420, 400, 400]
    rows = [
        ["21", "Nguyễn Văn An", "Nam", "2/1/1975", "Bệnh viện Bạch Mai", "Nguyễn Văn Bình", "Lê Thị Cúc"],
        ["Kị", "Trần Thị Dung", "Nữ", "9/2/1975", "Nhà hộ sinh Hàng Bạc", "Trần Văn Đức", "Phạm Thị Én"],
        ["23", "Lê Văn Giang", "Nam", "1/3/1975", "Tại nhà riêng", "Lê Văn Hải", "Vũ Thị Hoa"],
    ]
    page = table_of(header, rows, widths)
    assert page_kind(page) == "register"
    records = extract_records(page)
    assert [r.value("subject_name") for r in records] == ["Nguyễn Văn An", "Trần Thị Dung", "Lê Văn Giang"]
    first = records[0]
    assert first.value("sex") == "Nam" and first.value("date_of_birth") == "1975-01-02"
    assert first.value("father_name") == "Nguyễn Văn Bình" and first.value("mother_name") == "Lê Thị Cúc"
    assert first.value("registration_number") == "21"
    # "Kị" is no number, but still opens the entry; its number is the one between its neighbours', less sure.
    assert records[1].value("registration_number") == "22"
    assert records[1].fields["registration_number"].confidence == INFERRED_CONFIDENCE
    assert records[1].value("sex") == "Nữ"


def test_a_value_stops_at_the_column_beside_it_and_the_letterhead_may_take_two_lines() -> None:
    page = page_of(
        [
            "UBND   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "PHƯỜNG ĐỒNG NHÂN   Độc lập - Tự do - Hạnh phúc",
            "Số: 38   GIẤY KHAI SINH",
            "Họ và tên: Phạm Thu Trang",
            "Ngày sinh: 03/04/2001",
            "Nơi cư trú: Số 12 phố Huế,",
            (230, "phường Đồng Nhân, Hà Nội"),
            (1300, "Đồng Nhân, ngày 10 tháng 4 năm 2001"),
            (1300, "TM. ỦY BAN NHÂN DÂN"),
            (1300, "CHỦ TỊCH"),
            (1300, "Nguyễn Văn Thịnh"),
        ]
    )
    record = extract_records(page)[0]
    assert record.value("registration_number") == "38"
    assert record.value("registration_office") == "UBND phường Đồng Nhân"
    assert record.value("residence") == "Số 12 phố Huế, phường Đồng Nhân, Hà Nội"  # the signing line is not
    assert record.value("registration_date") == "2001-04-10"
    assert record.value("registrar_name") == "Nguyễn Văn Thịnh"


def test_a_change_description_keeps_label_like_words_and_office_capitals_are_undone() -> None:
    page = page_of(
        [
            "ỦY BAN HÀNH CHÍNH KHU PHỐ HÀNG BÔNG   VIỆT NAM DÂN CHỦ CỘNG HÒA",
            "TRÍCH LỤC CẢI CHÍNH HỘ TỊCH",
            "Họ tên: NGUYỄN XUÂN LỘC",
            "Nội dung: Bổ sung quê quán: Huyện Sóc Sơn, Hà Nội",
        ]
    )
    record = extract_records(page)[0]
    assert record.value("change_description") == "Bổ sung quê quán: Huyện Sóc Sơn, Hà Nội"
    assert "hometown" not in record.fields
    assert record.value("subject_name") == "Nguyễn Xuân Lộc"
    assert record.value("registration_office") == "Ủy ban hành chính khu phố Hàng Bông"


def test_digit_lookalikes_in_dates() -> None:
    assert parse_date("ngày I7 tháng 8 năm 2008") == "2008-08-17"
    assert parse_date("1O/3/I962") == "1962-03-10"


def test_confidences_are_discounted_on_pages_flagged_as_handwriting() -> None:
    lines = [*HEADER, "GIẤY KHAI SINH", "Họ và tên: Nguyễn Thị Hường", "Sinh ngày: 14/3/1962"]
    typed = extract_records(page_of(lines))[0].fields["subject_name"].confidence
    handwritten_page = page_of(lines)
    handwritten_page.quality_flags.append("likely_handwriting")
    handwritten = extract_records(handwritten_page)[0].fields["subject_name"].confidence
    assert typed is not None and handwritten is not None and handwritten < 0.9 <= typed
