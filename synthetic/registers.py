"""Register books: ruled pages of consecutive entries, and the book's cover.

A register page is pre-ruled: a title, the book's office and page, column headers whose wording varies
by era and office, then rows of equal height the clerk fills in order (numbers and dates ascending);
a long value wraps inside its cell. Each entry becomes a record holding exactly the fields written in
its row, with the row's box.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from synthetic.canvas import Canvas
from synthetic.layouts import NATIONAL
from synthetic.wording import date_text, era_of

REGISTER_TITLES = {
    "birth": "SỔ ĐĂNG KÝ KHAI SINH",
    "death": "SỔ ĐĂNG KÝ KHAI TỬ",
    "marriage": "SỔ ĐĂNG KÝ KẾT HÔN",
    "parent_recognition": "SỔ ĐĂNG KÝ NHẬN CHA, MẸ, CON",
    "guardianship": "SỔ ĐĂNG KÝ GIÁM HỘ",
    "adoption": "SỔ ĐĂNG KÝ NUÔI CON NUÔI",
    "civil_status_change": "SỔ ĐĂNG KÝ THAY ĐỔI, CẢI CHÍNH HỘ TỊCH",
    "other": "SỔ ĐĂNG KÝ HỘ TỊCH",
}
# What a clerk writes in the notes column, by register.
NOTES = {
    "birth": ("con thứ hai", "con thứ ba", "con thứ nhất", "sinh đôi", "cấp bản sao ngày {d}"),
    "death": ("có giấy báo tử của bệnh viện", "cấp bản sao ngày {d}"),
    "marriage": ("kết hôn lần đầu", "cấp bản sao ngày {d}"),
}
Column = tuple[str, tuple[str, ...], float]  # field, header wordings, share of the table's width
_COMMON_TAIL: tuple[Column, ...] = (
    ("registration_date", ("Ngày đăng ký", "Ngày, tháng, năm đăng ký"), 0.1),
    ("notes", ("Ghi chú",), 0.09),
)
COLUMNS: dict[str, tuple[Column, ...]] = {
    "birth": (
        ("registration_number", ("Số", "Số TT", "Số thứ tự"), 0.05),
        ("subject_name", ("Họ và tên", "Họ, chữ đệm, tên", "Tên họ"), 0.15),
        ("sex", ("Giới tính", "Nam hay nữ", "Trai hay gái"), 0.07),
        ("date_of_birth", ("Ngày sinh", "Ngày, tháng, năm sinh"), 0.1),
        ("place_of_birth", ("Nơi sinh", "Sinh tại"), 0.14),
        ("father_name", ("Họ tên cha", "Họ và tên cha", "Tên họ người cha"), 0.14),
        ("mother_name", ("Họ tên mẹ", "Họ và tên mẹ", "Tên họ người mẹ"), 0.14),
        *_COMMON_TAIL,
    ),
    "death": (
        ("registration_number", ("Số", "Số TT"), 0.05),
        ("subject_name", ("Họ và tên người chết", "Họ và tên", "Tên họ người chết"), 0.16),
        ("sex", ("Giới tính", "Nam hay nữ"), 0.07),
        ("date_of_birth", ("Ngày sinh", "Năm sinh", "Ngày, tháng, năm sinh"), 0.1),
        ("date_of_death", ("Ngày chết", "Chết ngày"), 0.1),
        ("place_of_death", ("Nơi chết", "Chết tại"), 0.15),
        ("cause_of_death", ("Nguyên nhân chết", "Nguyên nhân"), 0.13),
        *_COMMON_TAIL,
    ),
    "marriage": (
        ("registration_number", ("Số", "Số TT"), 0.05),
        ("husband_name", ("Họ tên chồng", "Họ và tên chồng", "Tên họ người chồng"), 0.16),
        ("husband_date_of_birth", ("Ngày sinh của chồng", "Chồng sinh ngày"), 0.11),
        ("husband_residence", ("Nơi cư trú của chồng", "Chỗ ở của chồng"), 0.15),
        ("wife_name", ("Họ tên vợ", "Họ và tên vợ", "Tên họ người vợ"), 0.16),
        ("wife_date_of_birth", ("Ngày sinh của vợ", "Vợ sinh ngày"), 0.11),
        ("registration_date", ("Ngày đăng ký", "Ngày, tháng, năm đăng ký"), 0.1),
        ("notes", ("Ghi chú",), 0.16),
    ),
    "other": (
        ("registration_number", ("Số", "Số TT"), 0.05),
        ("subject_name", ("Họ và tên", "Họ, chữ đệm, tên"), 0.15),
        ("sex", ("Giới tính",), 0.07),
        ("date_of_birth", ("Ngày sinh", "Ngày, tháng, năm sinh"), 0.1),
        ("residence", ("Nơi cư trú", "Nơi thường trú"), 0.2),
        ("counterpart_name", ("Người liên quan",), 0.14),
        ("change_description", ("Nội dung",), 0.0),
        *_COMMON_TAIL,
    ),
}
COUNTERPART_HEADERS = {
    "parent_recognition": ("Họ tên người nhận cha, mẹ, con", "Người nhận"),
    "guardianship": ("Họ tên người giám hộ", "Người giám hộ"),
    "adoption": ("Họ tên người nhận nuôi", "Cha, mẹ nuôi"),
}


def columns_for(register_type: str, width: int) -> list[Column]:
    """The register's columns; narrow (portrait) pages leave out the notes and, for deaths, the cause."""
    columns = list(COLUMNS.get(register_type, COLUMNS["other"]))
    if register_type in COUNTERPART_HEADERS:
        columns = [c for c in columns if c[0] != "change_description"]
        columns = [
            (n, COUNTERPART_HEADERS[register_type], s) if n == "counterpart_name" else (n, h, s) for n, h, s in columns
        ]
    elif register_type not in COLUMNS:  # change registers and other: the content of the change or note
        columns = [c for c in columns if c[0] != "counterpart_name"]
        content = "change_description" if register_type == "civil_status_change" else "notes"
        columns = [c for c in columns if c[0] != "notes" or content == "notes"]
        columns = [(n, h, 0.23) if n == content else (n, h, s) for n, h, s in columns]
    if width < 2000:
        columns = [c for c in columns if c[0] not in {"notes", "cause_of_death", "husband_residence"}]
    total = sum(share for _, _, share in columns)
    return [(name, headers, share / total) for name, headers, share in columns]


def prepare_entries(entries: list[dict[str, Any]], first_number: int, office: str, book: str) -> list[dict[str, Any]]:
    """Entries as a clerk writes them in one book: by registration date, numbered on from ``first_number``."""
    entries = sorted(entries, key=lambda r: r["fields"]["registration_date"])
    for offset, entry in enumerate(entries):
        entry["fields"]["registration_number"] = str(first_number + offset)
        entry["fields"]["registration_office"] = office
        entry["fields"]["book_number"] = book
    return entries


def register_page(
    canvas: Canvas,
    records: list[dict[str, Any]],
    register_type: str,
    rng: random.Random,
    header: tuple[str, str],
    rows: int,
) -> list[dict[str, Any]]:
    """A ruled register page of ``rows`` rows filled with ``records`` in order; returns the entries
    written (as records with their row boxes). ``header`` is (office, "Năm … Quyển số … Trang …")."""
    width, height = canvas.width, canvas.height
    size = 26 if width >= 2000 else 23
    margin = width * 0.04
    y = height * 0.035
    office, page_label = header
    canvas.line(y, [(margin, office.upper(), size - 2, "bold")])
    y += size * 1.8
    canvas.centred(y, REGISTER_TITLES.get(register_type, REGISTER_TITLES["other"]), int(size * 1.45), "bold")
    y += size * 2.3
    canvas.centred(y, page_label, size, "label")
    y += size * 2.2
    columns = columns_for(register_type, width)
    usable = width - 2 * margin
    xs = [margin]
    for _, _, share in columns:
        xs.append(xs[-1] + usable * share)
    headers = [rng.choice(options) for _, options, _ in columns]
    header_lines = [
        canvas.wrap(h, size - 2, "bold", usable * share - 14) for h, (_, _, share) in zip(headers, columns, strict=True)
    ]
    depth = max(len(h) for h in header_lines)
    top = y
    canvas.rule(xs[0], y, xs[-1], y, 3)
    for row in range(depth):
        parts = [(xs[i] + 7, h[row], size - 2, "bold") for i, h in enumerate(header_lines) if row < len(h)]
        canvas.line(y + size * 0.45 + row * size * 1.3, parts)
    y += depth * size * 1.3 + size * 0.8
    canvas.rule(xs[0], y, xs[-1], y, 3)
    bottom = height * 0.96
    row_height = (bottom - y) / rows
    leading = size * 1.38
    printed_records: list[dict[str, Any]] = []
    for record in records:
        cells = _cells(canvas, record, columns, usable, size, rng, register_type)
        lines_needed = max(1, *(len(lines) for _, _, lines in cells))
        height_needed = lines_needed * leading + size * 0.9
        span = max(1, -(-height_needed // row_height))  # a long entry takes two ruled rows
        if y + span * row_height > bottom + 1:
            break
        for row in range(lines_needed):
            parts = [
                (x + 8, lines[row], size, "value")
                for (_, _, lines), x in zip(cells, xs, strict=False)
                if row < len(lines)
            ]
            canvas.line(y + size * 0.5 + rng.uniform(0, size * 0.15) + row * leading, parts)
        printed = {name: value for name, value, lines in cells if value and lines}
        printed_records.append(
            {"record_type": register_type, "fields": printed, "bbox": [xs[0], y, xs[-1], y + span * row_height]}
        )
        y += span * row_height
        canvas.rule(xs[0], y, xs[-1], y, 1)
    while y + row_height <= bottom + 1:  # the rest of the page stays ruled and empty
        y += row_height
        canvas.rule(xs[0], y, xs[-1], y, 1)
    for x in xs:
        canvas.rule(x, top, x, y, 2)
    return printed_records


def _cells(
    canvas: Canvas,
    record: dict[str, Any],
    columns: list[Column],
    usable: float,
    size: int,
    rng: random.Random,
    register_type: str,
) -> list[tuple[str, str, list[str]]]:
    """(field, normalised value, lines as written) for each column of one entry."""
    fields = record["fields"]
    cells = []
    for name, _, share in columns:
        value = fields.get(name, "")
        if name == "notes" and not value and register_type in NOTES and rng.random() < 0.3:
            later = date(
                int(fields["registration_date"][:4]) + rng.randint(1, 30), rng.randint(1, 12), rng.randint(1, 28)
            )
            value = rng.choice(NOTES[register_type]).format(d=f"{later.day}/{later.month}/{later.year}")
        is_date = name in {"registration_date", "date_of_birth", "date_of_death"} or name.endswith("date_of_birth")
        text = date_text(value, rng, numeric=True) if value and is_date else value
        room = (usable * share - 16) * (0.85 if canvas.style == "handwriting" else 0.95)
        cells.append((name, value, canvas.wrap(text, size, "value", room) if text else []))
    return cells


def cover(canvas: Canvas, register_type: str, year: int, book: str, office: str, rng: random.Random) -> None:
    """The book's cover: office, title, year and book number, between ruled borders."""
    width, height = canvas.width, canvas.height
    size = max(30, width // 40)
    inset = width * 0.06
    canvas.rule(inset, inset, width - inset, inset, 6)
    canvas.rule(inset, height - inset, width - inset, height - inset, 6)
    canvas.rule(inset, inset, inset, height - inset, 6)
    canvas.rule(width - inset, inset, width - inset, height - inset, 6)
    y = height * 0.09
    first, second = NATIONAL[era_of(year)]
    canvas.centred(y, first, int(size * 0.8), "bold")
    y += size * 1.3
    canvas.centred(y, second, int(size * 0.8), "label")
    y = height * 0.2
    canvas.centred(y, office.upper(), size, "bold")
    y = height * 0.38
    canvas.centred(y, REGISTER_TITLES.get(register_type, REGISTER_TITLES["other"]), int(size * 1.6), "bold")
    y += size * 3.5
    canvas.centred(y, f"Năm {year}", int(size * 1.2), "label")
    y += size * 2.5
    canvas.centred(y, rng.choice((f"Quyển số: {book}", f"Quyển số {book}")), size, "label")
    if rng.random() < 0.6:
        y += size * 2.2
        canvas.centred(y, f"Bắt đầu từ ngày {rng.randint(1, 5)} tháng 1 năm {year}", int(size * 0.8), "label")
