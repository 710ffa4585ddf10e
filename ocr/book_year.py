"""The year of a register book, and registration dates checked against it.

A civil-status register is opened for one year ("Năm 1963 — Quyển số 01 — Trang 38"): every entry on
its pages was registered that year. A registration date read with another year is misread; when the
years differ in a single digit (1933 for 1993, 2044 for 2024: a slip of the engine) the book's year
is put back, less surely; otherwise the date is only doubted. A registration date whose year or separators
the engine damaged ("26-07-ioa9", "24/042014", "2404:1989") is put together from its day and month and
the book's year, when what stands for the year agrees with it.

The event a birth or death register records happened shortly before it was registered. An event read
after the book's year, or more than ``LATE_REGISTRATION`` years before it, is misread;
when one figure of its year put right dates it in the book's year or the year before (1916 for 1976 in
a book of 1976: a handwritten 7 read as 1), that year is put back, less surely; otherwise it is doubted.
An entry noted as registered late ("đăng ký quá hạn") is left as read.

Entries are written in a register as they are registered: registration dates rise down a page. A full
date outside the two beside it (those two in order) is misread; when one figure of its day or month read
as its usual lookalike ("1975-01-05" between "1975-05-07" and "1975-07-17": a 7 read as 1) gives the only
date between them, that date is put back, less surely. Otherwise it is left as read: a date misread
puts the right one beside it out of order too, and the two cannot be told apart.

A husband and wife are of marrying age when they register: a birth year read that makes one younger than
``MARRYING_AGES`` allows or older than it is misread. When one figure of it read as its usual lookalike
("1914" for "1974": a 7 read as 1) gives the only year of marrying age, that year is put back, less
surely; otherwise the date is doubted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from hotich.domain import ExtractedField, ExtractedRecord, RecordType
from hotich.text import fold
from ocr.dates import DIGIT_LOOKALIKES, parse_date, valid
from ocr.types import Line

_YEAR_LINE = re.compile(r"\bnam\s*[:.]?\s*((?:19|20)\d{2})\b")
CORRECTED = 0.8  # confidence ceiling of a date whose year was put back from the book's
DOUBTED = 0.6  # confidence ceiling of a date whose year is not the book's
LATE_REGISTRATION = 10  # years: a birth or death registered later than this is too rare to trust a reading
EVENTS = {RecordType.BIRTH: "date_of_birth", RecordType.DEATH: "date_of_death"}  # what a register records
MARRYING_AGES = (16, 80)  # years at registration: the law's least (18, 20) less a slip, and a generous most
SPOUSE_BIRTHS = ("husband_date_of_birth", "wife_date_of_birth")
FIGURE_SLIPS = {"1": "7", "7": "1", "3": "8", "8": "3", "5": "6", "6": "5"}  # figures the engine takes for another


def book_year(lines: list[Line], records: list[ExtractedRecord], top_lines: int = 8) -> int | None:
    """The book's year: the year the page's registration dates and its heading ("Năm 1963", "Năm: 1971")
    read most, the heading counting as one date more and winning a tie, when a date agrees with it (the
    heading's figures slip as the dates' do: "Năm 1916" over dates of 1976); the year two dates or more
    share at least."""
    votes = Counter(
        int(found.value[:4])
        for record in records
        if (found := record.fields.get("registration_date")) is not None and found.value[:4].isdigit()
    )
    heading = None
    for line in lines[:top_lines]:
        match = _YEAR_LINE.search(fold(line.text))
        if match and votes[int(match.group(1))]:
            heading = int(match.group(1))
            votes[heading] += 1
            break
    if not votes:
        return None
    year = max(votes, key=lambda y: (votes[y], y == heading))
    return year if votes[year] >= 2 else None


def _valid(value: str) -> bool:
    """Whether an ISO date (full or partial) with its year put back is still a date (29 February)."""
    return len(value) < 10 or parse_date(value) == value


_DAY_MONTH = re.compile(r"^\W*(\d{1,2})[\s/.\-:,~⁄]*?(\d{1,2})(.*?)\W*$")


def date_in_year(raw: str, year: int) -> str | None:
    """The date a registration cell holds in a book of ``year``, read from its day and month, when the
    rest of the cell stands for that year: its figures agree with the year's last figures (one may be
    misread, marks that are no figure are unknown, a separator may be read as an extra figure), at least
    two of them. "26-07-ioa9" in a book of 1989 is 1989-07-26; "25-06-1958" there is nothing."""
    match = _DAY_MONTH.match(fold(raw).translate(DIGIT_LOOKALIKES))
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    rest = re.sub(r"^[\s/.\-:,~⁄]+", "", match.group(3))
    if not 2 <= len(rest) <= 5 or not valid(year, month, day):
        return None
    written = str(year)[-min(len(rest), 4) :]
    pairs = list(zip(reversed(rest), reversed(written), strict=False))
    agreeing = sum(1 for a, b in pairs if a == b)
    misread = sum(1 for a, b in pairs if a.isdigit() and a != b)
    return f"{year:04d}-{month:02d}-{day:02d}" if agreeing >= 2 and misread <= 1 else None


def check_registration_years(
    lines: list[Line], records: list[ExtractedRecord], unread: dict[int, ExtractedField] | None = None
) -> None:
    """Registration dates of a register page put against the book's year (see the module's note).
    ``unread``: registration cells no date was read from, by entry."""
    year = book_year(lines, records)
    if year is None:
        return
    _check_registrations(records, year, unread or {})
    for record in records:
        late = "qua han" in fold(record.value("notes") or "")
        if (event := EVENTS.get(record.record_type)) and (found := record.fields.get(event)) and not late:
            record.fields[event] = _checked_event(found, year)


def _checked_event(found: ExtractedField, year: int) -> ExtractedField:
    """A birth or death date put against the book's year (see the module's note)."""
    if not found.value[:4].isdigit() or year - LATE_REGISTRATION <= int(found.value[:4]) <= year:
        return found
    return _put_back(found, (year, year - 1))


def _check_registrations(records: list[ExtractedRecord], year: int, unread: dict[int, ExtractedField]) -> None:
    for index, record in enumerate(records):
        found = record.fields.get("registration_date") or unread.get(index)
        if found is None:
            continue
        if len(found.value) < 10 and (rebuilt := date_in_year(found.raw or "", year)):
            record.fields["registration_date"] = _capped(found, rebuilt, CORRECTED)
        elif found.value[:4].isdigit() and int(found.value[:4]) != year:
            put_back = _put_back(found, (year,))
            if put_back.value == found.value and _valid(rebook := str(year) + found.value[4:]):
                put_back = _capped(found, rebook, DOUBTED)  # a year's book holds that year's registrations
            record.fields["registration_date"] = put_back


def _put_back(found: ExtractedField, years: tuple[int, ...]) -> ExtractedField:
    """The date in the first of ``years`` one figure from the year read (a slip of the engine), less sure;
    else the date as read, doubted."""
    for year in years:
        value = str(year) + found.value[4:]
        if sum(a != b for a, b in zip(found.value[:4], str(year), strict=True)) == 1 and _valid(value):
            return _capped(found, value, CORRECTED)
    return _capped(found, found.value, DOUBTED)


def _capped(found: ExtractedField, value: str, ceiling: float) -> ExtractedField:
    confidence = found.confidence if found.confidence is not None else 1.0
    return replace(found, value=value, confidence=min(confidence, ceiling))


def check_spouse_ages(record: ExtractedRecord) -> None:
    """A marriage's birth dates put against its registration year (see the module's note)."""
    registered = record.value("registration_date") or ""
    if record.record_type != RecordType.MARRIAGE or not registered[:4].isdigit():
        return
    year = int(registered[:4])
    for name in SPOUSE_BIRTHS:
        found = record.fields.get(name)
        if found is None or not found.value[:4].isdigit() or _of_marrying_age(found.value, year):
            continue
        slips = [value for value in _slipped(found.value, (0, 1, 2, 3)) if _of_marrying_age(value, year)]
        if len(slips) == 1:
            record.fields[name] = _capped(found, slips[0], CORRECTED)
        else:
            record.fields[name] = _capped(found, found.value, DOUBTED)


def _of_marrying_age(birth: str, registered: int) -> bool:
    least, most = MARRYING_AGES
    return least <= registered - int(birth[:4]) <= most


def check_registration_order(records: list[ExtractedRecord]) -> None:
    """A register page's registration dates put against the dates beside them (see the module's note)."""
    dated = [r for r in records if len(r.value("registration_date") or "") == 10]
    for before, record, after in zip(dated, dated[1:], dated[2:], strict=False):
        # Read as put back so far: a date set right above is the one the next is put against.
        least, most = before.fields["registration_date"].value, after.fields["registration_date"].value
        found = record.fields["registration_date"]
        if least > most or least <= found.value <= most:
            continue
        slips = [value for value in _slipped(found.value, (5, 6, 8, 9)) if least <= value <= most]
        if len(slips) == 1:
            record.fields["registration_date"] = _capped(found, slips[0], CORRECTED)


def _slipped(value: str, places: tuple[int, ...]) -> list[str]:
    """The valid dates ``value`` is with one figure at ``places`` changed for its usual lookalike."""
    slipped = (value[:i] + FIGURE_SLIPS[value[i]] + value[i + 1 :] for i in places if value[i] in FIGURE_SLIPS)
    return [date for date in slipped if _valid(date)]
