"""What a record looks like to search, for every backend: whose names, which dates, which year.

One place decides that the subject (or the spouses) of a record rank above the parents and declarant,
which date is the record's key date, and which texts are folded; the backends only store the result.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from hotich.domain import DATE_FIELDS, FIELD_BY_NAME
from indexer.base import IndexDocument
from indexer.text import exact_form, fold

PRINCIPAL_NAMES = ("subject_name", "husband_name", "wife_name")
RELATED_NAMES = ("father_name", "mother_name", "declarant_name", "counterpart_name")
KEY_DATE = {"death": "date_of_death", "marriage": "registration_date"}  # otherwise date_of_birth


@dataclass(frozen=True)
class SearchView:
    persons: str  # exact forms of the principal names
    persons_folded: str
    related_folded: str
    father_folded: str
    mother_folded: str
    other_folded: str  # places, numbers, notes
    dates: tuple[str, ...]  # every date as YYYY, YYYY-MM and the full ISO form
    key_year: int | None
    sex: str
    name_keys: tuple[str, ...] = ()  # each principal name's folded syllables, sorted: order-free exact match


def key_date(document: IndexDocument) -> str | None:
    fields = document.fields
    preferred = KEY_DATE.get(document.record_type, "date_of_birth")
    for name in (preferred, "date_of_birth", "registration_date", "date_of_death"):
        value = fields.get(name)
        if value and value[:4].isdigit():
            return value
    return None


def key_year(document: IndexDocument) -> int | None:
    date = key_date(document)
    if date:
        return int(date[:4])
    return document.volume_year


def view(document: IndexDocument) -> SearchView:
    fields = document.fields
    principal = " ".join(fields[n] for n in PRINCIPAL_NAMES if fields.get(n))
    related = " ".join(fields[n] for n in RELATED_NAMES if fields.get(n))
    other = " ".join(
        value
        for name, value in fields.items()
        if value
        and name not in PRINCIPAL_NAMES
        and name not in RELATED_NAMES
        and name not in DATE_FIELDS
        and (spec := FIELD_BY_NAME.get(name)) is not None
        and spec.searchable
    )
    dates: list[str] = []
    for name in DATE_FIELDS:
        value = fields.get(name)
        if value and value[:4].isdigit():
            dates += [value[:4], value[:7], value] if len(value) >= 7 else [value[:4]]
    return SearchView(
        persons=exact_form(principal),
        persons_folded=fold(principal),
        related_folded=fold(related),
        father_folded=fold(fields.get("father_name", "")),
        mother_folded=fold(fields.get("mother_name", "")),
        other_folded=fold(other),
        dates=tuple(dict.fromkeys(dates)),
        key_year=key_year(document),
        sex=fields.get("sex", ""),
        name_keys=tuple(name_key(fields[n]) for n in PRINCIPAL_NAMES if fields.get(n)),
    )


def name_key(name: str) -> str:
    """ "Nguyễn Thị Hường" and "hường nguyễn thị" → "huong nguyen thi"."""
    return " ".join(sorted(fold(name).split()))


_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)
_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def highlight(document: IndexDocument, folded_tokens: list[str]) -> dict[str, list[str]]:
    """Name fields whose syllables match the query (folded, or one edit apart for longer syllables),
    HTML-escaped with the matches in <mark>."""
    if not folded_tokens:
        return {}
    wanted = frozenset(folded_tokens)
    out: dict[str, list[str]] = {}
    for name in (*PRINCIPAL_NAMES, *RELATED_NAMES):
        value = document.fields.get(name)
        if value and (marked := _marked(value, wanted)) is not None:
            out[name] = [marked]
    return out


@lru_cache(maxsize=16_384)
def _marked(value: str, wanted: frozenset[str]) -> str | None:
    """``value`` escaped with its matching syllables in <mark>, or None if none matches (cached: the
    hits of one search share names: namesakes, and common parents' names)."""
    words, folded = _words(value)
    marks = [_matches(word, wanted) for word in folded]
    if not any(marks):
        return None
    if words is not None:  # words of letters, one space apart: nothing to escape
        return " ".join(f"<mark>{w}</mark>" if m else w for w, m in zip(words, marks, strict=True))
    pieces: list[str] = []
    last = 0
    for match, marked in zip(_SYLLABLE.finditer(value), marks, strict=True):
        pieces.append(html.escape(value[last : match.start()]))
        word = html.escape(match.group(0))
        pieces.append(f"<mark>{word}</mark>" if marked else word)
        last = match.end()
    pieces.append(html.escape(value[last:]))
    return "".join(pieces)


@lru_cache(maxsize=65_536)
def _words(value: str) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """The syllables of a name as written (None unless plain: letters, one space apart) and folded
    (cached across searches: names repeat)."""
    if _PLAIN.fullmatch(value):
        words, folded = value.split(" "), fold(value).split(" ")
        if len(words) == len(folded):
            return tuple(words), tuple(folded)
    return None, tuple(fold(m.group(0)) for m in _SYLLABLE.finditer(value))


def _matches(word: str, wanted: frozenset[str]) -> bool:
    return word in wanted or (len(word) >= 3 and _near(word, wanted))


@lru_cache(maxsize=65_536)
def _near(word: str, wanted: frozenset[str]) -> bool:
    return any(len(t) >= 3 and _one_edit(word, t) for t in wanted)


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
