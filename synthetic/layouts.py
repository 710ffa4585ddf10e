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
SIGNERS = {
    "1956-1975": ("TM. ỦY BAN HÀNH CHÍNH", "CÁN BỘ HỘ TỊCH", "CHỦ TỊCH"),
    "later": ("TM. ỦY BAN NHÂN DÂN", "CÁN BỘ TƯ PHÁP - HỘ TỊCH", "NGƯỜI THỰC HIỆN", "CHỦ TỊCH"),
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
            text += rng.choice((f" ({date_words(value)})", f"\nGhi bằng chữ: {date_words(value)}"))
        return text
    return value


def certificate(canvas: Canvas, record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A single certificate or extract; returns the record as printed (ground truth)."""
    fields: dict[str, str] = record["fields"]
    record_type: str = record["record_type"]
    year = int(fields["registration_date"][:4])
    era = era_of(year)
    width = canvas.width
    size = max(30, width // 42)
    margin = width * 0.08
    printed: dict[str, str] = {}
    y = width * 0.05
    office = fields["registration_office"]
    first, second = NATIONAL[era]
    y = _header(canvas, office, first, second, size - 4, y)
    canvas.line(y, [(margin * 0.7, f"Số: {fields['registration_number']}", size - 4, "label")])
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
                y += size * 2.2
                continue
        for name in names:
            label = _label(name, record_type, rng)
            value, _, in_words = _value(name, fields[name], rng, words).partition("\n")
            start = margin + canvas.measure(f"{label}: ", size)
            chunks = canvas.wrap(value, size, "value", width - margin - start)
            canvas.line(y, [(margin, f"{label}:", size, "label"), (start, chunks[0], size, "value")])
            for chunk in chunks[1:]:
                y += size * 1.6
                canvas.line(y, [(start, chunk, size, "value")])
            y += size * 2.2
            if in_words:  # "Ghi bằng chữ: Mười bốn tháng ba năm …" on the next line
                label, _, text = in_words.partition(": ")
                start = margin + canvas.measure(f"{label}: ", size)
                chunks = canvas.wrap(text, size, "value", width - margin - start)
                canvas.line(y, [(margin, f"{label}:", size, "label"), (start, chunks[0], size, "value")])
                for chunk in chunks[1:]:
                    y += size * 1.6
                    canvas.line(y, [(start, chunk, size, "value")])
                y += size * 2.2
            printed[name] = fields[name]
    y += size * 1.2
    place = (
        "Hà Nội" if "phường" not in office or rng.random() < 0.5 else "Phường " + office.split("phường", 1)[1].strip()
    )
    signed = f"{place}, {date_text(fields['registration_date'], rng, long=True)}"
    canvas.line(y, [(width * 0.42, signed, size - 2, "value")])
    printed["registration_date"] = fields["registration_date"]
    y += size * 1.8
    titles = SIGNERS["1956-1975" if era == "1956-1975" else "later"]
    canvas.centred(y, rng.choice(titles), size - 4, "bold", centre=width * 0.7)
    signature(canvas, width * 0.62, y + size * 1.6, size * 3.2, size * 1.6)
    y += size * 4.6
    if "registrar_name" in fields and y < canvas.height - size * 2:
        canvas.centred(y, fields["registrar_name"], size - 2, "value", centre=width * 0.7)
        printed["registrar_name"] = fields["registrar_name"]
    return {"record_type": record_type, "fields": printed}


def _header(canvas: Canvas, office: str, first: str, second: str, size: int, y: float) -> float:
    """The office on the left over two lines ("UBND" / "PHƯỜNG BẠCH ĐẰNG"), the national motto on the right,
    each shrunk to its half of the page; returns the height below them."""
    width = canvas.width
    keyword = next((k for k in (" phường ", " khu phố ", " xã ") if k in office), " ")
    cut = office.find(keyword)
    left = [office[:cut].upper(), office[cut + 1 :].upper()] if cut > 0 else [office.upper()]
    left_size = right_size = size
    while left_size > 16 and max(canvas.measure(t, left_size, "bold") for t in left) > width * 0.38:
        left_size -= 1
    while right_size > 16 and canvas.measure(first, right_size, "bold") > width * 0.5:
        right_size -= 1
    step = max(left_size, right_size) * 1.45
    for row in range(2):
        if row < len(left):
            canvas.centred(y + row * step, left[row], left_size, "bold", centre=width * 0.22)
        right = (first, second)[row]
        canvas.centred(y + row * step, right, right_size, "bold" if row == 0 else "label", centre=width * 0.7)
    return y + 2 * step + size * 0.4


def signature(canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
    """A pen scribble standing in for a signature (ink, not text: no ground-truth line)."""
    rng = canvas.rng
    points = [(x + width * i / 9, y + height * rng.uniform(0.1, 0.9)) for i in range(10)]
    canvas.draw.line(points, fill=(40, 50, 120), width=3, joint="curve")
    canvas.draw.line(
        [(x - width * 0.05, y + height * 0.95), (x + width * 1.05, y + height * 0.75)], fill=(40, 50, 120), width=2
    )


def _label(name: str, record_type: str, rng: random.Random) -> str:
    if name == "counterpart_name":
        return rng.choice(COUNTERPART_LABELS.get(record_type, LABELS["counterpart_name"]))
    if name in {"father_birth_year", "mother_birth_year"}:
        return "Năm sinh"
    return rng.choice(LABELS[name])
