"""Understanding what an officer types: names in any order, years and dates, with or without diacritics.

"nguyen thi huong 1962" → name tokens [nguyen, thi, huong], year 1962;
"Hường 14/3/1962" → name token hường (diacritics typed), date 1962-03-14.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from hotich.domain import nfc
from indexer.text import exact_form, fold, tokens

_FULL_DMY = re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\b")
_FULL_YMD = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{4})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass
class ParsedQuery:
    name_tokens: list[str] = field(default_factory=list)  # NFC, lower case, diacritics as typed (one tone placement)
    years: list[int] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # ISO, full or "YYYY-MM"
    has_diacritics: bool = False

    @property
    def folded_tokens(self) -> list[str]:
        return [fold(t) for t in self.name_tokens]


def _iso(year: str, month: str, day: str | None = None) -> str | None:
    y, m = int(year), int(month)
    if not 1 <= m <= 12:
        return None
    if day is None:
        return f"{y:04d}-{m:02d}"
    d = int(day)
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= d <= 31 else None


def parse_query(text: str) -> ParsedQuery:
    """Split what was typed into name words, years (1900–2099) and ISO dates (full or partial)."""
    text = nfc(text)
    parsed = ParsedQuery()

    def take(pattern: re.Pattern[str], build: Callable[[re.Match[str]], str | None]) -> None:
        nonlocal text
        for match in pattern.finditer(text):
            iso = build(match)
            if iso:
                parsed.dates.append(iso)
                parsed.years.append(int(iso[:4]))
        text = pattern.sub(" ", text)

    take(_FULL_YMD, lambda m: _iso(m.group(1), m.group(2), m.group(3)))
    take(_FULL_DMY, lambda m: _iso(m.group(3), m.group(2), m.group(1)))
    take(_MONTH_YEAR, lambda m: _iso(m.group(2), m.group(1)))
    for match in _YEAR.finditer(text):
        parsed.years.append(int(match.group(1)))
    text = _YEAR.sub(" ", text)
    words = [exact_form(t) for t in tokens(text) if not t.isdigit()]
    parsed.name_tokens = words
    parsed.has_diacritics = any(fold(w) != w for w in words)
    parsed.years = list(dict.fromkeys(parsed.years))
    return parsed
