"""Dates as Vietnamese civil-status papers write them, to ISO 8601 (full or partial).

"ngày 14 tháng 3 năm 1962", "14/3/1962", "14-03-1962", "14.3.1962", "tháng 3 năm 1962", "1962", and in
words: "Mười bốn tháng ba năm một nghìn chín trăm sáu mươi hai", "mồng năm tháng chạp năm …".
Diacritics may be lost to OCR: everything is matched on the folded text.
"""

from __future__ import annotations

import re
from datetime import date

from hotich.text import fold

# "~", "⁄", "=" and "—" are slashes and dashes as OCR reads them off handwriting ("20-07=1957", "08-08-—1957")
_SEP = r"\s*(?:[/.\-~⁄=]|-?—)\s*"
_NUMERIC = re.compile(rf"(?<!\d)(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})(?!\d)")
# A separator read as a space ("01 09 1986", "22.04 1986"): only with a year of four figures, tried after
# every date written with separators ("12 05/03/1962" is an entry number before a date).
_SPACED = re.compile(rf"(?<!\d)(\d{{1,2}})(?:{_SEP}|\s+)(\d{{1,2}})(?:{_SEP}|\s+)(\d{{4}})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# "tháng" and "năm" between figures, also with a vowel misread ("thóng", "thủng", "nỡm", "nữm": folded thong, thung,
# nom, num): with a day, a month and a year around them there is nothing else they can be.
MONTH_WORD = r"th[a-z]{1,2}ng"
YEAR_WORD = r"n[a-z]{1,2}m"
WORD_GAP = r"\s*[,.]?\s*"  # between a written date's parts: a comma, or a speck read as a full stop ("tháng. 6")
# The year of a written date: a handwritten leading 1 is often read as a slash ("năm /960"); the word
# "năm" may be lost, or pushed onto the next line, when the day and "tháng" leave no doubt.
WORDED_YEAR = rf"(?:{YEAR_WORD}{WORD_GAP})?([/\d]\d{{3}})"
_WORDED_DIGITS = re.compile(
    rf"(?:ngay|mong|mung)?\s*(\d{{1,2}}){WORD_GAP}{MONTH_WORD}{WORD_GAP}(\d{{1,2}}){WORD_GAP}{WORDED_YEAR}(?!\d)"
)
_MONTH_YEAR = re.compile(
    rf"thang{WORD_GAP}(\d{{1,2}}){WORD_GAP}nam\s*(\d{{4}})|(?<!\d)(\d{{1,2}}){_SEP}(\d{{4}})(?!\d)"
)
_YEAR = re.compile(r"(?<!\d)(1[89]\d{2}|20\d{2})(?!\d)")

DIGIT_WORDS = {
    "khong": 0, "mot": 1, "mots": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6,
    "bay": 7, "tam": 8, "chin": 9,
}  # fmt: skip
MONTH_NAMES = {"gieng": 1, "chap": 12, "mot": 1}
_NUMBER_WORDS = set(DIGIT_WORDS) | {"muoi", "tram", "nghin", "ngan", "linh", "le", "mươi"}


def valid(year: int, month: int | None = None, day: int | None = None) -> bool:
    if not 1850 <= year <= 2100:
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def year_come(year: int) -> bool:
    """Whether ``year`` has come: a register holds no later one, so a later reading is a misread."""
    return year <= date.today().year


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not valid(year, month, day):
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year(text: str) -> int:
    year = int(text.replace("/", "1"))
    return year + 1900 if year < 100 else year


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` as ISO (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), or None."""
    folded = _with_figures(fold(text.replace("mươi", "muoi")))
    for pattern, order in ((_ISO, "ymd"), (_NUMERIC, "dmy"), (_WORDED_DIGITS, "dmy"), (_SPACED, "dmy")):
        for match in pattern.finditer(folded):
            a, b, c = match.groups()
            year, month, day = (int(a), int(b), int(c)) if order == "ymd" else (_year(c), int(b), int(a))
            found = _iso(year, month, day)
            if found:
                return found
    worded = _date_in_words(folded)
    if worded:
        return worded
    for match in _MONTH_YEAR.finditer(folded):
        month_text, year_text = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        found = _iso(int(year_text), int(month_text))
        if found:
            return found
    year_match = _YEAR.search(folded)
    return _iso(int(year_match.group(1))) if year_match else None


def is_written_date(text: str) -> bool:
    """Whether ``text`` is a whole numeric date, day, month and four-figure year ("18-01-1992")."""
    match = _NUMERIC.fullmatch(text)
    if not match or len(match.group(3)) != 4:
        return False
    day, month, year = (int(part) for part in match.groups())
    return valid(year, month, day)


# Digits the engine reads for others in a day or a month (a looped 0 read 9, 8 or 6; a 1 read 4 or 7).
_SLIPS = (("9", "0"), ("8", "0"), ("6", "0"), ("4", "1"), ("2", "0"), ("7", "1"))
_BROKEN_YEAR = re.compile(r"(?<=[/.\-~⁄=])\s*([\dil|!\]])\s+(\d{3})(?!\d)")
_RUN = re.compile(r"(?<!\d)(\d{7,8})(?!\d)")
_SHORT = re.compile(rf"(?<!\d)(\d{{3,4}}){_SEP}((?:1[89]|20)\d{{2}})(?!\d)")


def repair_date(text: str) -> str | None:
    """A full date from a numeric date the engine damaged, or None: a lost separator ("0308/1997",
    "2406-1960"), a separator read as a digit ("2243/1935": 22/3), a slipped digit in the day or the
    month ("97-11-1993", "21/26/1968") or the year's first digit ("10-02-3983", "ngày 23 tháng 4 năm 7985"),
    every separator lost ("28101874").
    Readings as they stand are tried before any slip."""
    # A year broken by a space after its first figure ("10/8/1 963", "19-06-] 963") is one year.
    folded = _with_figures(_BROKEN_YEAR.sub(r"\1\2", fold(text)))
    candidates: list[tuple[str, str, int]] = []
    for pattern in (_NUMERIC, _WORDED_DIGITS, _SPACED):
        for match in pattern.finditer(folded):
            candidates.append((match.group(1), match.group(2), _year(match.group(3))))
    for match in _SHORT.finditer(folded):
        run, year = match.group(1), int(match.group(2))
        splits = [(run[:2], run[2:])] if len(run) == 4 else [(run[:1], run[1:]), (run[:2], run[2:])]
        if len(run) == 4 and run[2] in "41":
            splits.append((run[:2], run[3:]))
        candidates += [(day, month, year) for day, month in splits]
    for match in _RUN.finditer(folded):
        # Every separator lost ("28101874", "1441977"): taken only where one way of cutting it is a date.
        run = match.group(1)
        cuts = (
            [(run[:2], run[2:4], run[4:])]
            if len(run) == 8
            else [(run[:1], run[1:3], run[3:]), (run[:2], run[2:3], run[3:])]
        )
        dates = [(day, month, int(year)) for day, month, year in cuts if valid(int(year), int(month), int(day))]
        if len(dates) == 1:
            candidates += dates
    # A year's first digit misread ("3983", "7956", "0964"): only one of 1xxx and 2xxx is a year of the registers,
    # which hold no year to come ("1068" is no 2068).
    candidates += [(day, month, fixed) for day, month, year in candidates if 100 <= year <= 9999 and not valid(year)
                   for fixed in (int(lead + f"{year:04d}"[1:]) for lead in "12")
                   if valid(fixed) and year_come(fixed)]  # fmt: skip
    for day, month, year in candidates:
        found = _iso(year, int(month), int(day))
        if found:
            return found
    for day, month, year in candidates:
        for d in _slipped(day):
            for m in _slipped(month):
                found = _iso(year, int(m), int(d))
                if found:
                    return found
    return None


def _slipped(part: str) -> list[str]:
    """A day or month as read, then with each likely slip of one of its digits undone."""
    out = [part]
    for wrong, right in _SLIPS:
        out += [part[:at] + right + part[at + 1 :] for at, digit in enumerate(part) if digit == wrong]
    return out


# Marks the engine reads for the figures 1 and 0 in a handwritten or stained number.
DIGIT_LOOKALIKES = str.maketrans("ilI|!¡]oO", "111111100")


_DATE_TOKEN = re.compile(r"[\dilo|!\]]+(?:[/.\-~⁄=][\dilo|!\]]+)+")


# A year's handwritten 1 read as a stroke after the separator, or alone: "13-02-/967", "!930".
_STROKE_YEAR = re.compile(r"(?<![\d/])[/|!](?=9\d\d(?!\d))")


def _with_figures(folded: str) -> str:
    """Marks read for figures put back, in numbers ("i7" → "17") and in dates written with separators
    ("16-ii-1988", "29-08-]963"), where a mark between figures can only be one."""
    folded = re.sub(r"\b[\dilo]{1,4}\b", digit_lookalikes, _STROKE_YEAR.sub("1", folded))
    return _DATE_TOKEN.sub(
        lambda m: m.group(0).translate(DIGIT_LOOKALIKES) if _figures(m.group(0)) >= 4 else m.group(0), folded
    )


def _figures(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def digit_lookalikes(match: re.Match[str]) -> str:
    """ "i7" → "17", "1o" → "10": marks OCR reads for figures, inside a number (a token with a figure)."""
    token = match.group(0)
    return token.translate(DIGIT_LOOKALIKES) if any(ch.isdigit() for ch in token) else token


def words_to_number(words: list[str]) -> int | None:
    """Vietnamese number words to an integer: "mot nghin chin tram sau muoi hai" → 1962."""
    total = below_thousand = small = 0
    seen = False
    for word in words:
        if word in DIGIT_WORDS:
            small += DIGIT_WORDS[word]
            seen = True
        elif word == "muoi":
            small = (small or 1) * 10 if small < 10 else small + 10
            seen = True
        elif word == "tram":
            below_thousand += (small if seen else 1) * 100
            small, seen = 0, False
        elif word in {"nghin", "ngan"}:
            total += ((below_thousand + small) or 1) * 1000
            below_thousand = small = 0
            seen = False
        elif word in {"linh", "le"}:
            continue
        else:
            return None
    value = total + below_thousand + small
    return value if (value or seen) else None


def _date_in_words(folded: str) -> str | None:
    """ "muoi bon thang ba nam mot nghin chin tram sau muoi hai" → 1962-03-14."""
    words = re.findall(r"[a-z]+", folded)
    if "thang" not in words or "nam" not in words:
        return None
    at = words.index("thang")
    day_words = [w for w in words[:at] if w not in {"ngay", "mong", "mung"}]
    # Keep only the number words right before "thang".
    tail: list[str] = []
    for word in reversed(day_words):
        if word not in _NUMBER_WORDS:
            break
        tail.insert(0, word)
    rest = words[at + 1 :]
    # The month runs to the "nam" that introduces the year; "thang nam nam ..." is May.
    if len(rest) >= 2 and rest[0] == "nam" and rest[1] == "nam":
        month_words, year_words = ["nam"], rest[2:]
    elif "nam" in rest:
        cut = rest.index("nam")
        month_words, year_words = rest[:cut], rest[cut + 1 :]
    else:
        return None
    year_run: list[str] = []
    for word in year_words:
        if word not in _NUMBER_WORDS:
            break
        year_run.append(word)
    year = words_to_number(year_run)
    if len(month_words) == 1 and month_words[0] in MONTH_NAMES:
        month: int | None = MONTH_NAMES[month_words[0]]
    else:
        month = words_to_number(month_words)
    day = words_to_number(tail) if tail else None
    if year is None or month is None:
        return None
    return _iso(year, month, day) or _iso(year, month)


def parse_year(text: str) -> str | None:
    """A four-digit year in ``text`` (a parent's birth year), or a year written in words."""
    match = _YEAR.search(fold(text))
    if match:
        return match.group(1)
    words = re.findall(r"[a-z]+", fold(text))
    number = words_to_number([w for w in words if w in _NUMBER_WORDS]) if words else None
    return str(number) if number and valid(number) else None
