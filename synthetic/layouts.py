"""Page layouts: certificates and extracts of every record type, register pages, covers.

Wordings vary the way real forms do across eras and offices; each layout returns the records it drew,
with exactly the fields that are printed on the page.
"""

from __future__ import annotations

import random
from typing import Any

from synthetic.canvas import Canvas
from synthetic.wording import date_text, date_words, era_of

NATIONAL = {
    "1956-1975": ("VIỆT NAM DÂN CHỦ CỘNG HÒA", "Độc lập - Tự do - Hạnh phúc"),
    "1976-1999": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
    "2000-": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
}
TITLES = {
    "birth": ("GIẤY KHAI SINH", "TRÍCH LỤC KHAI SINH", "BẢN SAO GIẤY KHAI SINH"),
    "death": ("GIẤY CHỨNG TỬ", "TRÍCH LỤC KHAI TỬ", "GIẤY BÁO TỬ"),
    "marriage": ("GIẤY CHỨNG NHẬN KẾT HÔN", "GIẤY ĐĂNG KÝ KẾT HÔN", "TRÍCH LỤC KẾT HÔN"),
    "parent_recognition": ("TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON", "GIẤY CHỨNG NHẬN NHẬN CHA, MẸ, CON"),
    "guardianship": ("TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ", "GIẤY CHỨNG NHẬN ĐĂNG KÝ GIÁM HỘ"),
    "adoption": ("GIẤY CHỨNG NHẬN NUÔI CON NUÔI", "TRÍCH LỤC ĐĂNG KÝ NUÔI CON NUÔI"),
    "civil_status_change": ("TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH", "TRÍCH LỤC CẢI CHÍNH HỘ TỊCH"),
    "other": ("TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH",),
}
REGISTER_TITLES = {"birth": "SỔ ĐĂNG KÝ KHAI SINH", "death": "SỔ ĐĂNG KÝ KHAI TỬ", "marriage": "SỔ ĐĂNG KÝ KẾT HÔN"}

# field -> label wordings seen on forms of different eras and offices
LABELS: dict[str, tuple[str, ...]] = {
    "subject_name": ("Họ và tên", "Họ, chữ đệm, tên", "Tên họ", "Họ tên"),
    "sex": ("Giới tính", "Nam hay nữ"),
    "date_of_birth": ("Ngày, tháng, năm sinh", "Sinh ngày", "Ngày sinh"),
    "place_of_birth": ("Nơi sinh", "Sinh tại"),
    "ethnicity": ("Dân tộc",),
    "nationality": ("Quốc tịch",),
    "hometown": ("Quê quán", "Nguyên quán"),
    "residence": ("Nơi cư trú", "Nơi thường trú", "Chỗ ở hiện tại"),
    "father_name": ("Họ và tên cha", "Họ tên cha", "Họ, chữ đệm, tên người cha"),
    "mother_name": ("Họ và tên mẹ", "Họ tên mẹ", "Họ, chữ đệm, tên người mẹ"),
    "declarant_name": ("Họ và tên người đi khai", "Người đi khai", "Họ, chữ đệm, tên người yêu cầu"),
    "declarant_relation": ("Quan hệ với người được khai", "Quan hệ"),
    "date_of_death": ("Ngày chết", "Chết ngày", "Ngày, tháng, năm chết"),
    "place_of_death": ("Nơi chết", "Chết tại"),
    "cause_of_death": ("Nguyên nhân chết", "Nguyên nhân"),
    "husband_name": ("Họ và tên chồng", "Họ tên chồng"),
    "wife_name": ("Họ và tên vợ", "Họ tên vợ"),
    "husband_date_of_birth": ("Ngày sinh của chồng",),
    "wife_date_of_birth": ("Ngày sinh của vợ",),
    "husband_residence": ("Nơi cư trú của chồng",),
    "wife_residence": ("Nơi cư trú của vợ",),
    "counterpart_name": ("Họ và tên người giám hộ", "Người nhận"),
    "change_description": ("Nội dung thay đổi, cải chính", "Nội dung"),
    "notes": ("Ghi chú",),
}
COUNTERPART_LABELS = {
    "guardianship": ("Họ và tên người giám hộ", "Người giám hộ"),
    "adoption": ("Họ và tên người nhận con nuôi", "Người nhận con nuôi"),
    "parent_recognition": ("Họ và tên người nhận", "Người nhận"),
}
ORDER = {
    "birth": (
        "subject_name",
        "sex|ethnicity|nationality",
        "date_of_birth",
        "place_of_birth",
        "hometown",
        "father_name|father_birth_year",
        "mother_name|mother_birth_year",
        "residence",
        "declarant_name",
        "declarant_relation",
    ),
    "death": (
        "subject_name",
        "sex|ethnicity|nationality",
        "date_of_birth",
        "residence",
        "date_of_death",
        "place_of_death",
        "cause_of_death",
        "declarant_name",
        "declarant_relation",
    ),
    "marriage": (
        "husband_name",
        "husband_date_of_birth",
        "husband_residence",
        "wife_name",
        "wife_date_of_birth",
        "wife_residence",
    ),
    "other": ("subject_name", "sex", "date_of_birth", "residence", "counterpart_name", "change_description", "notes"),
}


def _value(field: str, value: str, rng: random.Random, words: bool) -> str:
    if field in {"date_of_birth", "date_of_death", "registration_date", "husband_date_of_birth", "wife_date_of_birth"}:
        text = date_text(value, rng)
        if words and field == "date_of_birth" and len(value) == 10:
            text += f" ({date_words(value)})"
        return text
    return value


def certificate(canvas: Canvas, record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A single certificate or extract; returns the record as printed (ground truth)."""
    fields: dict[str, str] = record["fields"]
    record_type: str = record["record_type"]
    year = int(fields["registration_date"][:4])
    era = era_of(year)
    width = canvas.width
    size = max(26, width // 52)
    margin = width * 0.08
    printed: dict[str, str] = {}
    y = width * 0.05
    office = fields["registration_office"]
    left_centre = width * 0.24
    canvas.centred(y, office.upper(), size - 4, "bold", centre=left_centre)
    first, second = NATIONAL[era]
    canvas.centred(y, first, size - 4, "bold", centre=width * 0.68)
    y += size * 1.5
    canvas.line(y, [(margin * 0.7, f"Số: {fields['registration_number']}", size - 4, "label")])
    canvas.centred(y, second, size - 4, "label", centre=width * 0.68)
    printed["registration_number"] = fields["registration_number"]
    printed["registration_office"] = office
    y += size * 1.5
    if rng.random() < 0.6:
        canvas.line(y, [(margin * 0.7, f"Quyển số: {fields['book_number']}", size - 4, "label")])
        printed["book_number"] = fields["book_number"]
        y += size * 1.5
    y += size * 1.2
    canvas.centred(y, rng.choice(TITLES[record_type]), int(size * 1.35), "bold")
    y += size * 3.2
    words = era != "1956-1975" and year >= 1990 and rng.random() < 0.5
    for entry in ORDER.get(record_type, ORDER["other"]):
        names = [n for n in entry.split("|") if n in fields]
        if not names:
            continue
        if len(names) > 1 and rng.random() < 0.5:
            # Several fields on one line: "Giới tính: Nữ   Dân tộc: Kinh   Quốc tịch: Việt Nam"
            parts: list[tuple[float, str, int, str]] = []
            x = margin
            for name in names:
                label = _label(name, record_type, rng)
                value = _value(name, fields[name], rng, False)
                parts += [
                    (x, f"{label}:", size, "label"),
                    (x + canvas.measure(f"{label}: ", size), value, size, "value"),
                ]
                x += canvas.measure(f"{label}: ", size) + canvas.measure(value, size, "value") + size * 2.5
                printed[name] = fields[name]
            if x < width - margin:
                canvas.line(y, parts)
                y += size * 1.9
                continue
        for name in names:
            label = _label(name, record_type, rng)
            value = _value(name, fields[name], rng, words)
            start = margin + canvas.measure(f"{label}: ", size)
            chunks = canvas.wrap(value, size, "value", width - margin - start)
            canvas.line(y, [(margin, f"{label}:", size, "label"), (start, chunks[0], size, "value")])
            for chunk in chunks[1:]:
                y += size * 1.6
                canvas.line(y, [(start, chunk, size, "value")])
            y += size * 1.9
            printed[name] = fields[name]
    y += size * 1.5
    place = office.split(" ", 3)[-1] if "phường" not in office else office.split("phường", 1)[1].strip()
    signed = f"{place}, {date_text(fields['registration_date'], rng, long=True)}"
    canvas.line(y, [(width * 0.5, signed, size - 2, "value")])
    printed["registration_date"] = fields["registration_date"]
    y += size * 1.8
    canvas.centred(
        y,
        rng.choice(("CÁN BỘ HỘ TỊCH", "NGƯỜI THỰC HIỆN", "TM. ỦY BAN NHÂN DÂN")),
        size - 4,
        "bold",
        centre=width * 0.72,
    )
    return {"record_type": record_type, "fields": printed}


def _label(name: str, record_type: str, rng: random.Random) -> str:
    if name == "counterpart_name":
        return rng.choice(COUNTERPART_LABELS.get(record_type, LABELS["counterpart_name"]))
    if name in {"father_birth_year", "mother_birth_year"}:
        return "Năm sinh"
    return rng.choice(LABELS[name])


COLUMNS: dict[str, tuple[tuple[str, tuple[str, ...], float], ...]] = {
    "birth": (
        ("registration_number", ("Số", "Số TT"), 0.05),
        ("subject_name", ("Họ và tên", "Họ, chữ đệm, tên", "Tên họ"), 0.15),
        ("sex", ("Giới tính", "Nam hay nữ"), 0.07),
        ("date_of_birth", ("Ngày sinh", "Ngày, tháng, năm sinh"), 0.1),
        ("place_of_birth", ("Nơi sinh",), 0.14),
        ("father_name", ("Họ tên cha", "Họ và tên cha"), 0.14),
        ("mother_name", ("Họ tên mẹ", "Họ và tên mẹ"), 0.14),
        ("registration_date", ("Ngày đăng ký",), 0.1),
        ("notes", ("Ghi chú",), 0.07),
    ),
    "death": (
        ("registration_number", ("Số",), 0.05),
        ("subject_name", ("Họ và tên người chết", "Họ và tên"), 0.16),
        ("sex", ("Giới tính",), 0.07),
        ("date_of_birth", ("Ngày sinh", "Năm sinh"), 0.1),
        ("date_of_death", ("Ngày chết",), 0.1),
        ("place_of_death", ("Nơi chết",), 0.15),
        ("cause_of_death", ("Nguyên nhân chết",), 0.13),
        ("registration_date", ("Ngày đăng ký",), 0.1),
        ("notes", ("Ghi chú",), 0.1),
    ),
    "marriage": (
        ("registration_number", ("Số",), 0.05),
        ("husband_name", ("Họ tên chồng", "Họ và tên chồng"), 0.17),
        ("husband_date_of_birth", ("Ngày sinh của chồng",), 0.12),
        ("wife_name", ("Họ tên vợ", "Họ và tên vợ"), 0.17),
        ("wife_date_of_birth", ("Ngày sinh của vợ",), 0.12),
        ("registration_date", ("Ngày đăng ký",), 0.12),
        ("notes", ("Ghi chú",), 0.21),
    ),
}


def register_page(
    canvas: Canvas, records: list[dict[str, Any]], register_type: str, rng: random.Random, page_label: str
) -> list[dict[str, Any]]:
    """A ruled register page of ``records``; returns them as printed, with their boxes."""
    width, height = canvas.width, canvas.height
    size = max(20, width // 92)
    margin = width * 0.04
    y = height * 0.04
    canvas.centred(y, REGISTER_TITLES[register_type], int(size * 1.4), "bold")
    y += size * 2.2
    canvas.centred(y, page_label, size, "label")
    y += size * 2.4
    columns = COLUMNS[register_type]
    usable = width - 2 * margin
    xs = [margin]
    for _, _, share in columns:
        xs.append(xs[-1] + usable * share)
    headers = [rng.choice(options) for _, options, _ in columns]
    header_lines = [
        canvas.wrap(h, size, "bold", usable * share - 16) for h, (_, _, share) in zip(headers, columns, strict=True)
    ]
    header_height = max(len(h) for h in header_lines) * size * 1.35 + size
    top = y
    canvas.rule(xs[0], y, xs[-1], y, 3)
    for row in range(max(len(h) for h in header_lines)):
        parts = [(xs[i] + 8, h[row], size, "bold") for i, h in enumerate(header_lines) if row < len(h)]
        canvas.line(y + size * 0.5 + row * size * 1.35, parts)
    y += header_height
    canvas.rule(xs[0], y, xs[-1], y, 3)
    printed_records = []
    for record in records:
        fields = record["fields"]
        cells = []
        for name, _, share in columns:
            value = fields.get(name, "")
            if name == "notes" and not value:
                value = rng.choice(("", "", "", "con thứ hai", "đăng ký quá hạn"))
            text = (
                date_text(value, rng, numeric=True)
                if value and name.endswith(("date", "of_birth", "of_death"))
                else value
            )
            room = (usable * share - 16) * (0.8 if canvas.style == "handwriting" else 0.95)
            cells.append((name, value, canvas.wrap(text, size, "value", room) if text else []))
        rows = max(1, *(len(c[2]) for c in cells))
        row_top = y
        for row in range(rows):
            parts = [(x + 8, c[2][row], size, "value") for c, x in zip(cells, xs, strict=False) if row < len(c[2])]
            canvas.line(y + size * 0.55 + row * size * 1.4, parts)
        y += rows * size * 1.4 + size * rng.uniform(1.2, 2.6)
        canvas.rule(xs[0], y, xs[-1], y, 1)
        printed = {name: value for name, value, lines in cells if value and lines}
        box = [xs[0], row_top, xs[-1], y]
        printed_records.append({"record_type": register_type, "fields": printed, "bbox": box})
        if y > height * 0.95:
            break
    for x in xs:
        canvas.rule(x, top, x, y, 2)
    return printed_records


def cover(canvas: Canvas, register_type: str, year: int, book: str, office: str) -> None:
    width, height = canvas.width, canvas.height
    size = max(30, width // 40)
    y = height * 0.12
    canvas.centred(y, office.upper(), size, "bold")
    y = height * 0.35
    canvas.centred(y, REGISTER_TITLES.get(register_type, "SỔ ĐĂNG KÝ HỘ TỊCH"), int(size * 1.6), "bold")
    y += size * 3.5
    canvas.centred(y, f"Năm {year}", int(size * 1.2), "label")
    y += size * 2.5
    canvas.centred(y, f"Quyển số: {book}", size, "label")
