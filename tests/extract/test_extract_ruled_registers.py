"""Register pages whose column rules the OCR found: the rules are the column boundaries, so cells that
run close together stay apart, and a table whose heading is lost is still cut into its columns."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ocr.extract import extract_records
from ocr.layout import leaves, page_kind, split_leaves, upright
from ocr.pipeline import page_from_words
from ocr.types import OcrPage, Rule, Word
from tests.extract.pages import CHAR, table_of

HEADER = ["Số", "Họ và tên", "Nam hay nữ", "Ngày sinh", "Nơi sinh", "Họ tên cha"]
ROWS = [
    ["12", "Nguyễn Văn An", "Nam", "02/01/1975", "Bạch Mai", "Nguyễn Văn Bình"],
    ["13", "Trần Thị Dung", "Nữ", "09/02/1975", "Hàng Bạc", "Trần Văn Đức"],
    ["14", "Lê Văn Giang", "Nam", "01/03/1975", "Tại nhà", "Lê Văn Hải"],
    ["15", "Phạm Thị Hoa", "Nữ", "11/04/1975", "Bạch Mai", "Phạm Văn Khôi"],
]
# Each column a character wider than its longest cell: one character's gap between cells, less than the
# gap that parts cells without rules.
TIGHT = [3 * CHAR, 14 * CHAR, 4 * CHAR, 11 * CHAR, 9 * CHAR, 16 * CHAR]


def ruled(page: OcrPage, widths: list[int], top: int = 150, bottom: int = 500, leaf: int = 0) -> OcrPage:
    """``page`` with upright rules drawn before each column of ``table_of`` and after the last."""
    xs = [100 - 8]
    for width in widths:
        xs.append(xs[-1] + width)
    return replace(page, rules=[Rule(x, top, x, bottom, leaf) for x in xs])


def values(page: OcrPage, *names: str) -> list[tuple[str | None, ...]]:
    return [tuple(r.value(name) for name in names) for r in extract_records(page)]


def test_cells_that_nearly_touch_are_parted_by_the_rules() -> None:
    page = table_of(HEADER, ROWS, TIGHT)
    assert len(extract_records(page)) <= 1  # without rules the row reads as one run of words
    names = ("registration_number", "subject_name", "sex", "date_of_birth", "place_of_birth", "father_name")
    assert values(ruled(page, TIGHT), *names) == [
        ("12", "Nguyễn Văn An", "Nam", "1975-01-02", "Bạch Mai", "Nguyễn Văn Bình"),
        ("13", "Trần Thị Dung", "Nữ", "1975-02-09", "Hàng Bạc", "Trần Văn Đức"),
        ("14", "Lê Văn Giang", "Nam", "1975-03-01", "Tại nhà", "Lê Văn Hải"),
        ("15", "Phạm Thị Hoa", "Nữ", "1975-04-11", "Bạch Mai", "Phạm Văn Khôi"),
    ]


def test_a_ruled_table_whose_heading_is_lost_is_cut_at_its_rules() -> None:
    page = table_of([""], ROWS, TIGHT)
    assert page_kind(page) != "register"  # no heading, and the cells read as one run: no table
    found = ruled(page, TIGHT)
    assert page_kind(found) == "register"
    assert values(found, "registration_number", "subject_name", "sex", "date_of_birth") == [
        ("12", "Nguyễn Văn An", "Nam", "1975-01-02"),
        ("13", "Trần Thị Dung", "Nữ", "1975-02-09"),
        ("14", "Lê Văn Giang", "Nam", "1975-03-01"),
        ("15", "Phạm Thị Hoa", "Nữ", "1975-04-11"),
    ]


def test_a_rule_beats_a_gap() -> None:
    # A wide place cell whose words stand apart ("Bệnh viện   Bạch Mai"): without rules the gap cuts it
    # and its second half is taken for another column; between two rules it is one cell.
    rows = [[*row[:4], "Bệnh viện     Bạch Mai", row[5]] for row in ROWS]
    widths = [*TIGHT[:4], 30 * CHAR, TIGHT[5]]
    page = table_of(HEADER, rows, widths)
    records = values(ruled(page, widths), "place_of_birth", "father_name")
    assert records[0] == ("Bệnh viện Bạch Mai", "Nguyễn Văn Bình")
    assert all(place == "Bệnh viện Bạch Mai" for place, _ in records)


def test_rules_too_short_for_the_body_are_not_columns() -> None:
    # Rules of a title block (three short ones, over the title only): the gaps decide, as without rules.
    widths = [110, 400, 220, 260, 300, 500]
    page = table_of(HEADER, ROWS, widths)
    boxed = ruled(page, widths)
    title_rules = [Rule(x, 90, x, 140) for x in (880, 1300, 1500)]
    long = [max(boxed.rules, key=lambda r: r.x0)]  # and one long rule alone (a margin line)
    assert values(replace(page, rules=title_rules + long), "subject_name") == values(page, "subject_name")


def test_rules_go_with_the_leaf_they_were_found_on() -> None:
    left = ruled(table_of(HEADER, ROWS, TIGHT), TIGHT, leaf=0)
    shift = 1500
    right_words = [
        Word(w.text, w.confidence, (w.bbox[0] + shift, w.bbox[1], w.bbox[2] + shift, w.bbox[3]), (1, *w.line_key))
        for w in left.words
    ]
    left_words = [replace(w, line_key=(0, *w.line_key)) for w in left.words]
    right_rules = [Rule(r.x0 + shift, r.y0, r.x1 + shift, r.y1, 1) for r in left.rules]

    spread = page_from_words(1, 3000, 1200, left_words + right_words, ["spread_split"], rules=left.rules + right_rules)
    parts = split_leaves(spread)
    assert [len(p.rules) for p in parts] == [7, 7]
    assert all(r.leaf == 1 and r.x0 >= shift for r in parts[1].rules)
    assert [r.value("subject_name") for r in extract_records(spread)] == [row[1] for row in ROWS] * 2
    assert all(len(leaf.rules) == 7 for leaf in leaves(spread))


def test_a_page_read_sideways_has_its_rules_turned_upright() -> None:
    # The scan lies on its side (turned 90° clockwise to read): its column rules run across the scan.
    page = ruled(table_of(HEADER, ROWS, TIGHT), TIGHT)
    width, height = page.width, page.height

    def on_scan(x: float, y: float) -> tuple[int, int]:  # upright (x, y) -> scan, turned counter-clockwise
        return round(y), round(width - 1 - x)

    words = [
        Word(w.text, w.confidence, (*on_scan(w.bbox[2], w.bbox[1]), *on_scan(w.bbox[0], w.bbox[3])), w.line_key)
        for w in page.words
    ]
    rules = [Rule(*on_scan(r.x0, r.y0), *on_scan(r.x1, r.y1)) for r in page.rules]

    sideways = page_from_words(1, height, width, words, ["rotated_90"], rules=rules)
    turned, _ = upright(sideways)
    xs = sorted(np.mean([r.x0, r.x1]) for r in turned.rules)
    assert all(r.x0 == r.x1 and r.y0 < r.y1 for r in turned.rules)
    assert xs == sorted(float(r.x0) for r in page.rules)
    assert [r.value("subject_name") for r in extract_records(sideways)] == [row[1] for row in ROWS]


def test_a_dash_beside_the_entry_number_leaves_a_ruled_table_found_from_its_body() -> None:
    # "12 —": the stroke after the number falls between the same rules as the number, beside it in its cell.
    rows = [[f"{row[0]} —", *row[1:]] for row in ROWS]
    widths = [6 * CHAR, *TIGHT[1:]]
    found = ruled(table_of([""], rows, widths), widths)
    assert values(found, "registration_number", "subject_name") == [(row[0], row[1]) for row in ROWS]


def test_a_stain_read_as_short_lines_one_under_another_starts_no_column() -> None:
    # A stain inside the name column reads as specks on three short lines just under the last entry: at one
    # left edge, as many lines as a column's start needs, but all within a few lines' height of each other.
    page = ruled(table_of(HEADER, ROWS, TIGHT), TIGHT)
    specks = [
        Word(text, 0.6, (340, y, 340 + 2 * CHAR, y + 24), (20 + number,))
        for number, (text, y) in enumerate([("ĐI", 440), ("VÀ", 466), ("NN", 492)])
    ]
    stained = page_from_words(1, page.width, page.height, [*page.words, *specks], [], rules=page.rules)
    names = [r.value("subject_name") or "" for r in extract_records(stained)]
    assert names[:3] == [row[1] for row in ROWS[:3]]
    assert names[3].startswith(ROWS[3][1])  # the specks wrap onto the last name, as a stain's would


def test_a_ruled_table_whose_heading_and_entry_numbers_are_misread_is_found_from_its_figures() -> None:
    # A photographed page: two headings still legible, too few to take the line for the heading, and the
    # entry numbers read as letters ("so", "se®"), too few left to count rising. The body's lines still hold
    # figures in several cells between the rules; the cells say what the unnamed columns hold.
    header = ["sc®", "to tòa chúng", "Nm", "Ngày sinh", "Nhi", "Ngày đảng ký"]
    rows = [
        ["so", "Nguyễn Văn An", "Nam", "02/01/1975", "Bạch Mai", "12/01/1975"],
        ["se®", "Trần Thị Dung", "Nữ", "09/02/1975", "Hàng Bạc", "20/02/1975"],
        ["14", "Lê Văn Giang", "Nam", "01/03/1975", "Tại nhà", "05/03/1975"],
    ]
    widths = [4 * CHAR, 14 * CHAR, 4 * CHAR, 11 * CHAR, 9 * CHAR, 12 * CHAR]
    page = table_of(header, rows, widths)
    assert extract_records(page) == []  # without rules, lines of figures are no table: gaps are too weak a sign
    assert values(ruled(page, widths, bottom=400), "subject_name", "sex", "date_of_birth", "registration_date") == [
        ("Nguyễn Văn An", "Nam", "1975-01-02", "1975-01-12"),
        ("Trần Thị Dung", "Nữ", "1975-02-09", "1975-02-20"),
        ("Lê Văn Giang", "Nam", "1975-03-01", "1975-03-05"),
    ]
