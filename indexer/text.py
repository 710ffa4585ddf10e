"""Vietnamese text forms for search: folding, one tone placement, tokens.

The forms themselves live in ``hotich.text`` (OCR and scoring use them too); this module is the
indexer's door to them, so both backends fold and tokenise the same way.

    fold("Nguyễn  Thị Hường")  == "nguyen thi huong"
    normalize_tones("Thuỷ Hoà") == "Thủy Hòa"
"""

from __future__ import annotations

import re
from functools import lru_cache

from hotich.domain import nfc
from hotich.text import fold as _fold
from hotich.text import normalise_tone_placement
from hotich.text import tokens as _tokens

__all__ = ["exact_form", "fold", "normalize_tones", "tokens"]


def _folding_table() -> dict[int, str | None]:
    """Every accented Latin letter → its bare lower-case letter; combining marks → nothing; đ → d."""
    table: dict[int, str | None] = {code: None for code in range(0x300, 0x370)}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        folded = _fold(chr(code))
        if folded != chr(code):
            table[code] = folded
    return table


_FOLDING = _folding_table()


def fold(text: str) -> str:
    """NFC, lower case, no diacritic at all, đ → d, spaces collapsed: "Đặng  Hòa" → "dang hoa".

    Same result as ``hotich.text.fold``, by one table lookup per character (indexing folds every text
    of every record, so this is on the hot path of a build)."""
    return " ".join(text.lower().translate(_FOLDING).split())


def normalize_tones(text: str) -> str:
    """NFC with one tone placement (hoà → hòa, thuỷ → thủy, khoẻ → khỏe); case kept."""
    return normalise_tone_placement(text)


def tokens(text: str) -> list[str]:
    """Words (letters and digits) in order, NFC: "Nguyễn Thị-Hường, 1962" → [Nguyễn, Thị, Hường, 1962]."""
    return _tokens(nfc(text))


# A tone on the second vowel of oa, oe, uy at the end of a word: the only case ``normalize_tones`` moves.
_MOVABLE_TONE = re.compile("[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?![^\\W\\d_])")


@lru_cache(maxsize=100_000)
def exact_form(text: str) -> str:
    """Lower case, NFC, one tone placement, spaces collapsed: the form exact matches compare."""
    lowered = nfc(text).lower()
    if _MOVABLE_TONE.search(lowered):
        lowered = normalise_tone_placement(lowered)
    return " ".join(lowered.split())
