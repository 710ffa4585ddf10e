"""Vietnamese text forms shared by OCR, search and scoring: one tone placement, folding, tokens.

Search folds diacritics (and đ → d) so that "nguyen thi huong" finds "Nguyễn Thị Hường"; the exact
form is kept beside it so an exact match ranks first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# In the open rhymes oa, oe, uy the tone sits on the first vowel (the form of official papers:
# "CỘNG HÒA", "Thủy"); after "q" the u belongs to the initial (quý, Quỳnh) and nothing moves.
# Only bare oa/oe/uy move: "Huệ" (ê carries a circumflex after the tone in NFD) stays as written.
_TONE_PLACEMENT = re.compile(
    r"(?<![qQ])([oO](?=[aAeE])|[uU](?=[yY]))([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_]|[\u0300-\u036f])"
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalise_tone_placement(text: str) -> str:
    """hoà → hòa, thuỷ → thủy, khoẻ → khỏe; hoàn, quý, thuyền unchanged. NFC out, case kept."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = _TONE_PLACEMENT.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case without any diacritic, đ → d, spaces collapsed: "Nguyễn  Thị" → "nguyen thi"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.replace("đ", "d").split())


@lru_cache(maxsize=200_000)
def exact_form(text: str) -> str:
    """Lower case with diacritics, one tone placement, spaces collapsed: the form exact matches use."""
    return " ".join(normalise_tone_placement(text.lower()).split())


def tokens(text: str) -> list[str]:
    """Words (letters and digits) in order."""
    return _WORD.findall(text)
