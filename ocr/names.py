"""Normalising field values as read: names, sex, years, numbers; and how plausible a value looks."""

from __future__ import annotations

import re

from hotich.domain import FIELD_BY_NAME, nfc
from hotich.text import fold
from ocr.dates import parse_date, parse_year
from ocr.vietnamese import invalid_syllables

# Family names (folded) covering nearly all Vietnamese people; a name starting with one is plausible.
FAMILY_NAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao doan lam trinh mai truong "
    "cao ha luu ta ton thai quach kieu chu tong luong la khuc van lai phung tang nghiem thach khong mac to "
    "trieu hua lu kim giang tieu bach dong vuong ong".split()
)

_EDGE = re.compile(r"^[\s.:;,\-–_…·*'\"“”()]+|[\s.:;,\-–_…·*'\"“”()]+$")


def strip_value(text: str) -> str:
    """A value without the dots, colons and dashes that forms print around blanks."""
    text = re.sub(r"[.…·_]{2,}", " ", nfc(text))
    return " ".join(_EDGE.sub("", text).split())


def title_case(name: str) -> str:
    """ "NGUYỄN THỊ HƯỜNG" → "Nguyễn Thị Hường"; a name already in mixed case is left as written."""
    if name.isupper() or name.islower():
        return " ".join(part[:1].upper() + part[1:].lower() for part in name.split())
    return name


def normalise_sex(text: str) -> str | None:
    folded = fold(text)
    if re.search(r"\b(nu|gai|female)\b", folded):
        return "Nữ"
    if re.search(r"\b(nam|trai|male)\b", folded):
        return "Nam"
    return None


def normalise(field: str, raw: str) -> tuple[str | None, float]:
    """(normalised value or None, plausibility 0..1) of a raw field text."""
    value = strip_value(raw)
    if not value:
        return None, 0.0
    kind = FIELD_BY_NAME[field].kind
    if kind == "date":
        iso = parse_date(value)
        return (iso, 1.0 if iso and len(iso) == 10 else 0.8) if iso else (None, 0.0)
    if kind == "year":
        year = parse_year(value)
        return (year, 1.0) if year else (None, 0.0)
    if field == "sex":
        sex = normalise_sex(value)
        return (sex, 1.0) if sex else (None, 0.0)
    if kind == "name":
        name = title_case(re.sub(r"[^\w\s\-']", " ", value))
        name = " ".join(name.split())
        parts = name.split()
        if not parts or any(ch.isdigit() for ch in name):
            return (name or None), 0.3
        plausible = 1.0
        if not 2 <= len(parts) <= 6:
            plausible *= 0.6
        if fold(parts[0]) not in FAMILY_NAMES:
            plausible *= 0.85
        if invalid_syllables(name):
            plausible *= 0.5
        return name, plausible
    if kind == "number":
        return value, 1.0 if any(ch.isdigit() for ch in value) else 0.6
    return value, 1.0
