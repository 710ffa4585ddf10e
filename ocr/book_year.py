"""The year of a register book, and registration dates checked against it.

A civil-status register is opened for one year ("Năm 1963 — Quyển số 01 — Trang 38"): every entry on
its pages was registered that year. A registration date read with another year is misread; when the
years differ in a single digit (1933 for 1993, 2044 for 2024: a slip of the engine) the book's year
is put back, less surely; otherwise the date is only doubted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from hotich.domain import ExtractedRecord
from hotich.text import fold
from ocr.dates import parse_date
from ocr.types import Line

_YEAR_LINE = re.compile(r"\bnam\s*[:.]?\s*((?:19|20)\d{2})\b")
CORRECTED = 0.8  # confidence ceiling of a date whose year was put back from the book's
DOUBTED = 0.6  # confidence ceiling of a date whose year is not the book's


def book_year(lines: list[Line], records: list[ExtractedRecord], top_lines: int = 8) -> int | None:
    """The book's year: from the page heading ("Năm 1963", "Năm: 1971") when a registration date on
    the page agrees with it; else the year most registration dates share, when two or more do."""
    years = Counter(
        int(found.value[:4])
        for record in records
        if (found := record.fields.get("registration_date")) is not None and found.value[:4].isdigit()
    )
    for line in lines[:top_lines]:
        match = _YEAR_LINE.search(fold(line.text))
        if match and years[int(match.group(1))]:
            return int(match.group(1))
    if years:
        year, count = years.most_common(1)[0]
        if count >= 2:
            return year
    return None


def _valid(value: str) -> bool:
    """Whether an ISO date (full or partial) with its year put back is still a date (29 February)."""
    return len(value) < 10 or parse_date(value) == value


def check_registration_years(lines: list[Line], records: list[ExtractedRecord]) -> None:
    """Registration dates of a register page put against the book's year (see the module's note)."""
    year = book_year(lines, records)
    if year is None:
        return
    for record in records:
        found = record.fields.get("registration_date")
        if found is None or not found.value[:4].isdigit() or int(found.value[:4]) == year:
            continue
        read = found.value[:4]
        confidence = found.confidence if found.confidence is not None else 1.0
        value = str(year) + found.value[4:]
        if sum(a != b for a, b in zip(read, str(year), strict=True)) == 1 and _valid(value):
            record.fields["registration_date"] = replace(found, value=value, confidence=min(confidence, CORRECTED))
        else:
            record.fields["registration_date"] = replace(found, confidence=min(confidence, DOUBTED))
