"""A ruled register read column by column (real Tesseract on a drawn register)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from hotich.errors import OcrEngineError
from ocr import pipeline, ruled_table
from ocr.pipeline import read_page
from ocr.preprocess import PrepareOptions
from ocr.ruled_table import RuledTable, find_table, read_ruled
from ocr.types import PageImage, Word
from tests.ocr.conftest import FONT, cer

COLUMNS = (80, 200, 640, 820, 1120, 1620)  # x of the column rules
TITLE = "SỔ ĐĂNG KÝ KHAI SINH"
# Each cell written on its own baseline and in its own size, as a clerk's hand wanders from cell to cell.
ROWS = [
    ("12", "Nguyễn Đình Lực", "Nam", "23/2/1962", "Bệnh viện Bạch Mai"),
    ("13", "Trần Thị Hường", "Nữ", "14/3/1962", "Nhà hộ sinh Hàng Bạc"),
    ("14", "Lê Văn Thắng", "Nam", "05/04/1962", "Bệnh viện Việt Đức"),
]
SHIFTS = (0, -8, 6, -4, 8)  # px each column's writing sits above (-) or below its row's line
SIZES = (34, 30, 36, 34, 30)


def _register() -> PageImage:
    image = Image.new("RGB", (1700, 1000), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.text((560, 60), TITLE, font=ImageFont.truetype(FONT, 40), fill=(15, 15, 15))
    top, row_height = 180, 180
    bottom = top + row_height * len(ROWS)
    for x in COLUMNS:
        draw.line([(x, top), (x, bottom)], fill=(20, 20, 20), width=3)
    for y in range(top, bottom + 1, row_height):
        draw.line([(COLUMNS[0], y), (COLUMNS[-1], y)], fill=(20, 20, 20), width=3)
    for number, row in enumerate(ROWS):
        for column, text in enumerate(row):
            font = ImageFont.truetype(FONT, SIZES[column])
            corner = (COLUMNS[column] + 14, top + number * row_height + 50 + SHIFTS[column])
            draw.text(corner, text, font=font, fill=(15, 15, 15))
    pixels = np.asarray(image)[:, :, ::-1].copy()
    return PageImage(1, pixels, dpi=200)


def test_the_column_rules_of_a_register_make_its_table() -> None:
    rules = [(float(x), 200.0, float(x) + 2, 1800.0) for x in (100, 300, 700, 1200)]
    table = find_table(rules, 1500, 2000, 30)
    assert table == RuledTable(200, 1800, [(8, 92), (110, 292), (310, 692), (710, 1192), (1210, 1492)])


def test_a_fold_a_margin_line_and_short_rules_are_not_a_table() -> None:
    columns = [(float(x), 200.0, float(x), 1800.0) for x in (100, 700)]
    fold = (400.0, 0.0, 398.0, 2000.0)  # down the whole leaf, from above the table's top line
    assert find_table([*columns, fold], 1500, 2000, 30) is None
    boxes = [(float(x), 200.0, float(x), 400.0) for x in (100, 300, 700, 1200)]  # a form's boxes
    assert find_table(boxes, 1500, 2000, 30) is None
    table = find_table([*columns, fold, (1200.0, 205.0, 1200.0, 1800.0)], 1500, 2000, 30)
    assert table is not None and len(table.columns) == 4  # the fold is no column's side


def test_a_register_is_read_row_by_row_with_every_cell_and_its_boxes_on_the_scan() -> None:
    page = _register()
    read = read_page(page)
    truth = "\n".join([TITLE, *(" ".join(row) for row in ROWS)])
    assert cer(read.text, truth) <= 0.03, read.text
    assert [line.text.split()[0] for line in read.lines[1:]] == ["12", "13", "14"]
    for word in read.words:
        if word.text == "Hường":  # drawn at column 2's left, in the second row
            assert COLUMNS[1] < word.bbox[0] < COLUMNS[2] and 360 < word.bbox[1] < 540


def test_the_table_is_read_whole_when_the_engine_dies_on_its_strips(monkeypatch: pytest.MonkeyPatch) -> None:
    def dying(*_: object, **__: object) -> list[object]:
        raise OcrEngineError("Tesseract failed: floating point exception")

    monkeypatch.setattr(pipeline, "read_ruled", dying)
    read = read_page(_register())
    assert "Hường" in read.text and "Bạch Mai" in read.text
    plain = read_page(_register(), options=PrepareOptions(read_columns=False))
    assert read.text == plain.text


def test_a_strip_line_replaces_the_page_runs_words_only_when_surer(monkeypatch: pytest.MonkeyPatch) -> None:
    table = RuledTable(100, 500, [(10, 190), (210, 390)])
    page_words = [
        Word("SỔ", 0.95, (50, 20, 120, 60), (1, 1, 1)),  # the title, above the table: always the page run's
        Word("Nguyễn", 0.40, (30, 150, 120, 180), (2, 1, 1)),  # doubted by the page run
        Word("Nam", 0.90, (230, 150, 290, 180), (2, 1, 1)),
    ]
    # Strip reads, on each strip padded by the margin (20): strip 0 surer than the page, strip 1 less
    # sure than the page where both read, and a stamp's speckle the page run passed over.
    strips = [
        [Word("Nguyễn", 0.92, (40, 70, 130, 100), (1, 1, 1))],
        [
            Word("Nơm", 0.50, (40, 70, 100, 100), (1, 1, 1)),
            Word("ạ", 0.35, (40, 300, 60, 330), (1, 1, 2)),
            Word("Nữ", 0.90, (40, 400, 80, 430), (1, 1, 3)),
        ],
    ]
    monkeypatch.setattr(ruled_table, "recognise_many", lambda images, psm, timeout: strips)
    words = read_ruled(np.full((600, 400), 255, np.uint8), table, page_words, margin=20)
    found = {(w.text, w.confidence) for w in words}
    assert found == {("SỔ", 0.95), ("Nguyễn", 0.92), ("Nam", 0.90), ("Nữ", 0.90)}
    surer = next(w for w in words if w.text == "Nguyễn")
    assert surer.bbox == (30, 150, 120, 180)  # strip 0 starts at x 10, the table at y 100; less the margin
