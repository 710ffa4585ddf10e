"""Pages whose boxes are not in reading order on the original scan: pages read sideways or upside
down, skewed pages, two-page spreads split by the OCR into leaves."""

from __future__ import annotations

import math
from dataclasses import replace

from ocr.extract import extract_records
from ocr.layout import page_kind, skew_of, upright
from ocr.pipeline import page_from_words
from ocr.types import OcrPage, Word
from tests.extract.pages import table_of

HEADER = ["Số", "Họ và tên", "Nam hay nữ", "Ngày sinh", "Ngày, tháng, năm chết", "Nơi chết"]
WIDTHS = [110, 400, 220, 260, 300, 500]
ROWS = [
    ["12", "Nguyễn Văn An", "Nam", "2/1/1935", "4/5/1975", "Bệnh viện Bạch Mai"],
    ["13", "Trần Thị Dung", "Nữ", "9/2/1940", "7/6/1975", "Tại nhà riêng"],
    ["14", "Lê Văn Giang", "Nam", "1/3/1921", "8/6/1975", "Bệnh viện Việt Đức"],
]


def _death_register(title: str = "SỔ ĐĂNG KÝ KHAI TỬ") -> OcrPage:
    page = table_of(HEADER, ROWS, WIDTHS)
    titled = [Word(t, 0.95, (900 + 130 * i, 100, 1010 + 130 * i, 130), (0,)) for i, t in enumerate(title.split())]
    return page_from_words(1, page.width, page.height, titled + [w for w in page.words if w.line_key != (0,)], [])


def _transformed(page: OcrPage, move, width: int, height: int, flags: list[str]) -> OcrPage:  # type: ignore[no-untyped-def]
    words = []
    for word in page.words:
        x0, y0, x1, y1 = word.bbox
        corners = [move(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        words.append(
            Word(
                word.text,
                word.confidence,
                (round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))),
                word.line_key,
            )
        )
    return page_from_words(1, width, height, words, flags)


def _values(page: OcrPage) -> list[dict[str, str]]:
    return [{name: f.value for name, f in r.fields.items()} for r in extract_records(page)]


def test_a_page_read_sideways_is_laid_out_upright_and_boxes_stay_on_the_scan() -> None:
    flat = _death_register()
    # The scan lay on its side: the OCR turned it 90° clockwise to read it (flag rotated_90), so a point
    # (u, v) of the upright page is (v, H - 1 - u) on the scan, H being the scan's height (= upright width).
    scan_w, scan_h = flat.height, flat.width
    sideways = _transformed(flat, lambda u, v: (v, scan_h - 1 - u), scan_w, scan_h, ["rotated_90"])
    assert page_kind(sideways) == "register"
    records = extract_records(sideways)
    assert _values(sideways) == _values(flat)
    assert [r.record_type.value for r in records] == ["death"] * 3
    name = records[0].fields["subject_name"]
    word = next(w for w in sideways.words if w.text == "An")
    box = name.bbox
    assert box is not None and box[0] <= word.bbox[0] and box[1] <= word.bbox[1]
    assert box[2] >= word.bbox[2] and box[3] >= word.bbox[3]
    assert box[2] - box[0] < box[3] - box[1]  # the name runs up the scan


def test_a_skewed_page_is_levelled_before_rows_are_joined() -> None:
    flat = _death_register()
    angle = math.radians(3.0)  # 3° over a 2000 px wide table: the row drifts by ~100 px, three rows
    skewed = _transformed(
        flat,
        lambda x, y: (x * math.cos(angle) - y * math.sin(angle) + 200, x * math.sin(angle) + y * math.cos(angle)),
        flat.width + 400,
        flat.height + 200,
        [],
    )
    assert abs(skew_of(skewed.words) - 3.0) < 0.5
    assert abs(skew_of(upright(skewed)[0].words)) < 0.3
    assert _values(skewed) == _values(flat)


def test_each_leaf_of_a_spread_gives_its_records_and_an_untitled_leaf_takes_the_others_type() -> None:
    left = _death_register(title="Năm 1975 Quyển số 01")  # the left page of the book: no title
    right = _death_register()
    offset = left.width + 60
    words = [replace(w, line_key=(0, *w.line_key)) for w in left.words]
    words += [
        Word(w.text, w.confidence, (w.bbox[0] + offset, w.bbox[1], w.bbox[2] + offset, w.bbox[3]), (1, *w.line_key))
        for w in right.words
    ]
    spread = page_from_words(1, 2 * left.width + 60, left.height, words, ["spread_split"])
    assert page_kind(spread) == "register"
    records = extract_records(spread)
    assert [r.record_type.value for r in records] == ["death"] * 6
    assert [r.entry_index for r in records] == list(range(6))
    assert [r.value("subject_name") for r in records[:3]] == [r.value("subject_name") for r in records[3:]]
    assert all(r.bbox is not None and r.bbox[0] >= offset for r in records[3:])


def test_a_heading_whose_spaces_ocr_lost_still_names_its_column() -> None:
    page = table_of(
        ["SốTT", "Họovàtên", "Namhaynữ", "Ngàysinh", "Nơisinh"], [[*r[:4], "Bạch Mai"] for r in ROWS], WIDTHS[:5]
    )
    assert [r.value("subject_name") for r in extract_records(page)] == [
        "Nguyễn Văn An",
        "Trần Thị Dung",
        "Lê Văn Giang",
    ]
