"""Vietnamese text forms for search: folding, one tone placement, tokens.

The forms themselves live in ``hotich.text`` (OCR and scoring use them too); this module is the
indexer's door to them, so both backends fold and tokenise the same way.

    fold("Nguyễn  Thị Hường")  == "nguyen thi huong"
    normalize_tones("Thuỷ Hoà") == "Thủy Hòa"
"""

from __future__ import annotations

from hotich.domain import nfc
from hotich.text import exact_form, normalise_tone_placement
from hotich.text import fold as _fold
from hotich.text import tokens as _tokens

__all__ = ["exact_form", "fold", "normalize_tones", "tokens"]


def fold(text: str) -> str:
    """NFC, lower case, no diacritic at all, đ → d, spaces collapsed: "Đặng  Hòa" → "dang hoa"."""
    return _fold(nfc(text))


def normalize_tones(text: str) -> str:
    """NFC with one tone placement (hoà → hòa, thuỷ → thủy, khoẻ → khỏe); case kept."""
    return normalise_tone_placement(text)


def tokens(text: str) -> list[str]:
    """Words (letters and digits) in order, NFC: "Nguyễn Thị-Hường, 1962" → [Nguyễn, Thị, Hường, 1962]."""
    return _tokens(nfc(text))
