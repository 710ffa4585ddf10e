"""End to end on real Tesseract: pages rendered in DejaVu Serif, OCRed by ocr.pipeline.read_page, then read.
Three OCR runs in all (they cost seconds)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from hotich.domain import RecordType
from ocr.extract import extract_records
from ocr.layout import page_kind
from ocr.pipeline import read_page
from ocr.types import OcrPage, PageImage

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def ocr(cells: list[list[tuple[int, str]]], size: tuple[int, int] = (2000, 1500), font_size: int = 34) -> OcrPage:
    """Each line is cells (x, text); lines are drawn top to bottom."""
    font = ImageFont.truetype(FONT, font_size)
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(cells):
        for x, text in line:
            draw.text((x, 100 + i * int(font_size * 2)), text, font=font, fill=(20, 20, 20))
    return read_page(PageImage(1, np.asarray(image)[:, :, ::-1].copy(), dpi=300), timeout=60)


@pytest.fixture(scope="module")
def certificate() -> OcrPage:
    return ocr(
        [
            [(100, "UBND PHƯỜNG BẠCH ĐẰNG"), (1000, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
            [(100, "Số: 125"), (1100, "Độc lập - Tự do - Hạnh phúc")],
            [(100, "Quyển số: 01")],
            [(750, "GIẤY KHAI SINH")],
            [(100, "Họ và tên: NGUYỄN THỊ HƯỜNG")],
            [(100, "Giới tính: Nữ"), (700, "Dân tộc: Kinh"), (1200, "Quốc tịch: Việt Nam")],
            [(100, "Ngày, tháng, năm sinh: 14/3/1962")],
            [(100, "Nơi sinh: Bệnh viện Phụ sản Hà Nội")],
            [(100, "Họ và tên cha: Nguyễn Văn Lực"), (1100, "Năm sinh: 1935")],
            [(100, "Họ và tên mẹ: Trần Thị Lựu"), (1100, "Năm sinh: 1940")],
            [(1100, "Bạch Đằng, ngày 20 tháng 3 năm 1962")],
        ]
    )


def test_real_ocr_birth_certificate(certificate: OcrPage) -> None:
    assert page_kind(certificate) == "certificate"
    [record] = extract_records(certificate)
    assert record.record_type == RecordType.BIRTH and (record.type_confidence or 0) >= 0.9
    got = {name: field.value for name, field in record.fields.items()}
    assert got["subject_name"] == "Nguyễn Thị Hường"
    assert got["date_of_birth"] == "1962-03-14" and got["sex"] == "Nữ"
    assert got["father_name"] == "Nguyễn Văn Lực" and got["mother_birth_year"] == "1940"
    assert got["registration_number"] == "125" and got["registration_office"] == "UBND phường Bạch Đằng"
    assert got["registration_date"] == "1962-03-20"
    name = record.fields["subject_name"]
    assert name.bbox is not None and name.bbox[1] > 300  # on the name's line, below the letterhead
    assert name.confidence is not None and name.confidence > 0.8


def test_real_ocr_register_page() -> None:
    columns = [100, 220, 640, 800, 1060, 1500]
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "Họ tên cha"]
    rows = [
        ["1", "Nguyễn Văn An", "Nam", "02/01/1975", "Bệnh viện Bạch Mai", "Nguyễn Văn Bình"],
        ["2", "Trần Thị Dung", "Nữ", "09/02/1975", "Nhà hộ sinh Hàng Bạc", "Trần Văn Đức"],
        ["3", "Lê Văn Giang", "Nam", "01/03/1975", "Tại nhà riêng", "Lê Văn Hải"],
    ]
    lines = [[(700, "SỔ ĐĂNG KÝ KHAI SINH")], list(zip(columns, header, strict=True))]
    lines += [list(zip(columns, row, strict=True)) for row in rows]
    page = ocr(lines, font_size=28)
    assert page_kind(page) == "register"
    records = extract_records(page)
    assert [r.value("subject_name") for r in records] == ["Nguyễn Văn An", "Trần Thị Dung", "Lê Văn Giang"]
    assert [r.value("date_of_birth") for r in records] == ["1975-01-02", "1975-02-09", "1975-03-01"]
    assert records[1].value("sex") == "Nữ" and records[2].value("father_name") == "Lê Văn Hải"
    assert all(r.record_type == RecordType.BIRTH for r in records)


def test_real_ocr_ruled_register_with_cells_close_together() -> None:
    # Columns ruled and filled nearly to their rules: the gap between two cells is about a letter wide, too
    # narrow to part them; the rules the preprocessing finds (and erases) part them.
    font = ImageFont.truetype(FONT, 28)
    rows = [
        ["1", "Nguyễn Văn An", "Nam", "02/01/1975", "Bạch Mai", "Nguyễn Văn Bình"],
        ["2", "Trần Thị Dung", "Nữ", "09/02/1975", "Hàng Bạc", "Trần Văn Đức"],
        ["3", "Lê Văn Giang", "Nam", "01/03/1975", "Tại nhà", "Lê Văn Hải"],
    ]
    header = ["Số", "Họ và tên", "Giới", "Ngày sinh", "Nơi sinh", "Họ tên cha"]
    image = Image.new("RGB", (1500, 900), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    widths = [max(draw.textlength(row[i], font=font) for row in [header, *rows]) for i in range(len(header))]
    xs = [80]
    for width in widths:
        xs.append(round(xs[-1] + width + 22))  # text starts 8 px after its rule: 14 px to the next rule
    draw.text((600, 60), "SỔ ĐĂNG KÝ KHAI SINH", font=font, fill=(20, 20, 20))
    top, bottom = 150, 150 + 70 * (len(rows) + 1)
    for line, cells in enumerate([header, *rows]):
        y = top + 70 * line
        draw.line([(xs[0], y), (xs[-1], y)], fill=(20, 20, 20), width=2)
        for x, text in zip(xs, cells, strict=False):
            draw.text((x + 8, y + 18), text, font=font, fill=(20, 20, 20))
    draw.line([(xs[0], bottom), (xs[-1], bottom)], fill=(20, 20, 20), width=2)
    for x in xs:
        draw.line([(x, top), (x, bottom)], fill=(20, 20, 20), width=2)
    page = read_page(PageImage(1, np.asarray(image)[:, :, ::-1].copy(), dpi=300), timeout=60)
    found = sorted((r.x0 + r.x1) / 2 for r in page.rules if r.y1 - r.y0 > 200)
    assert found == pytest.approx(xs, abs=3)
    assert all(abs(r.y0 - top) <= 4 and abs(r.y1 - bottom) <= 4 for r in page.rules if r.y1 - r.y0 > 200)
    records = extract_records(page)
    assert [r.value("subject_name") for r in records] == ["Nguyễn Văn An", "Trần Thị Dung", "Lê Văn Giang"]
    assert [r.value("date_of_birth") for r in records] == ["1975-01-02", "1975-02-09", "1975-03-01"]
    assert [r.value("father_name") for r in records] == ["Nguyễn Văn Bình", "Trần Văn Đức", "Lê Văn Hải"]
    # Without the rules, the same reading loses its columns.
    assert [r.value("father_name") for r in extract_records(replace(page, rules=[]))] != [
        "Nguyễn Văn Bình",
        "Trần Văn Đức",
        "Lê Văn Hải",
    ]
