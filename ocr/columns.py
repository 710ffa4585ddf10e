"""Register columns typed by what their cells hold, for headings OCR could not read.

A heading may be stained, faded or run into its neighbour, but the cells below it still say what the
column is: cells that parse as dates make a date column, "Nam"/"Nữ" a sex column, Vietnamese full
names a name column, hospital and street words a place column, short numbers at the left the entry
number. Which date or which name a column holds comes from the register's usual column order (a
prior, not a rule: a heading read well always wins) and from the names themselves (a column of
"… Thị …" names is the mother's or the wife's).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from hotich.domain import FIELD_BY_NAME, RecordType
from hotich.text import fold
from ocr.dates import parse_date
from ocr.labels import SECTION_FIELDS
from ocr.names import FAMILY_NAMES, normalise_sex, strip_value

# The columns a register of each type usually has, in their usual order (narrower books leave some out).
EXPECTED: dict[RecordType, tuple[str, ...]] = {
    RecordType.BIRTH: (
        "registration_number", "subject_name", "sex", "date_of_birth", "place_of_birth", "father_name",
        "mother_name", "registration_date", "notes",
    ),
    RecordType.DEATH: (
        "registration_number", "subject_name", "sex", "date_of_birth", "date_of_death", "place_of_death",
        "cause_of_death", "registration_date", "notes",
    ),
    RecordType.MARRIAGE: (
        "registration_number", "husband_name", "husband_date_of_birth", "husband_residence", "wife_name",
        "wife_date_of_birth", "wife_residence", "registration_date", "notes",
    ),
}  # fmt: skip
GENERIC: tuple[str, ...] = (
    "registration_number", "subject_name", "sex", "date_of_birth", "residence", "counterpart_name",
    "change_description", "registration_date", "notes",
)  # fmt: skip

# Words of places in registers: health facilities, streets and administrative units.
PLACE_WORDS = frozenset("vien nha pho phuong xa thon xom ngo hem khu quan huyen tinh noi rieng te".split())
_NUMBER = re.compile(r"^[\W_]*\d{1,5}(?:/[\w.\-]+)?[\W_]*$")
_DATE_SHAPE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\bngay\b.*\bthang\b|\bthang\b.*\bnam\b")
_YEAR_ONLY = re.compile(r"^[\W_]*(1[89]\d{2}|20\d{2})[\W_]*$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
# A date whose separators OCR lost or blurred ("10021970", "®6 - 66 -1963", "2701/1966"): seven or
# eight digits ending in a year. "123/1998" is an entry number of a year, and so is "1234/1998" unless
# its first four digits are a day and a month.
_RUN_DATE = re.compile(r"^\d{1,2}\D{0,3}\d{1,2}\D{0,3}(?:1[89]|20)\d{2}$")
_NUMBER_OF_YEAR = re.compile(r"^(\d{3,4})[/\-](?:1[89]|20)\d{2}$")
# "short": one word of a few letters, what a damaged "Nam"/"Nữ" reads as ("Nan", "wữ", "Xem"), but also
# a given name wrapped onto its own line; "noise": specks, garbled runs and lone words that say nothing
# of their column (a wrapped cell's tail), so they count neither for nor against any field; "proper":
# a phrase of capitalised words that is not a person's name ("… viện Việt Đức").
CELL_KINDS = ("number", "date", "year", "sex", "name", "place", "proper", "text", "short", "noise")
STRONG_KINDS = frozenset(("number", "date", "year", "sex", "name", "place"))  # kinds that can contradict a heading
SHORT_LETTERS = 3
# Which kinds of cell fit which kind of field, and how well.
_FITS: dict[str, dict[str, float]] = {
    "number": {"number": 1.0},
    "date": {"date": 1.0, "year": 0.8},
    "year": {"year": 1.0, "date": 0.6},
    "enum": {"sex": 1.0, "short": 0.5},
    "name": {"name": 1.0, "proper": 0.3},
    "place": {"place": 1.0, "proper": 0.6, "text": 0.3},
    "text": {"text": 0.8, "place": 0.3, "name": 0.1, "proper": 0.1},
}


def cell_kind(text: str) -> str | None:
    """What a cell's text looks like: one of ``CELL_KINDS`` (None if empty)."""
    value = strip_value(text)
    if not value or not any(ch.isalnum() for ch in value):
        return None
    folded = fold(value)
    words = folded.split()
    if _run_together_date(value):
        return "date"
    if _NUMBER.match(value) and not _YEAR_ONLY.match(value):
        return "number"
    if _YEAR_ONLY.match(value):
        return "year"
    found = parse_date(value)
    if found and len(found) >= 7 and _DATE_SHAPE.search(folded):
        return "date"
    if len(words) <= 2 and normalise_sex(value) and len(folded) <= 6:
        return "sex"
    letters = [w for w in value.split() if any(ch.isalpha() for ch in w)]
    placed = sum(1 for w in words if w in PLACE_WORDS) >= 1 and (len(words) >= 2 or words[0] in PLACE_WORDS)
    # "Nguyễn Thu Phương": a family name, no place word in the first two, is a person's name.
    person = 2 <= len(words) <= 5 and words[0] in FAMILY_NAMES and not any(w in PLACE_WORDS for w in words[:2])
    if placed and not person:
        return "place"
    tokens = [_EDGE.sub("", t) for t in value.split()]
    wordlike = [t for t in tokens if len(t) >= 2 and t.isalpha()]
    if len(tokens) == 1 and wordlike and len(wordlike[0]) <= SHORT_LETTERS:
        return "short"
    if not wordlike or 2 * len(wordlike) < len(tokens):
        return "noise"
    shaped = 2 <= len(letters) <= 6 and len(letters) == len(value.split()) and _capitalised(letters)
    if shaped and (words[0] in FAMILY_NAMES or all(w[:1].isupper() for w in letters)):
        return "name"
    if len(wordlike) < 2:
        return "noise"
    # Vietnamese capitalises proper nouns only: a phrase whose later words are capitalised names a place
    # or a person, never a note or a cause of death ("Tai biến mạch máu não", "con thứ nhất").
    later = [t for t in tokens[1:] if t[:1].isalpha()]
    return "proper" if 2 * sum(1 for t in later if t[:1].isupper()) >= len(later) else "text"


def _run_together_date(value: str) -> bool:
    bare = _EDGE.sub("", value)
    if sum(ch.isdigit() for ch in bare) < 7 or not _RUN_DATE.match(bare):
        return False
    numbered = _NUMBER_OF_YEAR.match(bare)
    if numbered is None:
        return True
    head = numbered.group(1)
    return len(head) == 4 and 1 <= int(head[:2]) <= 31 and 1 <= int(head[2:]) <= 12


def _capitalised(words: list[str]) -> bool:
    return sum(1 for w in words if w[:1].isupper()) * 3 >= 2 * len(words)


@dataclass
class ColumnEvidence:
    """What is known about one column: its heading's field (None if unread) and the kinds of its cells."""

    heading: str | None
    kinds: Counter[str]
    texts: list[str]

    @property
    def cells(self) -> int:
        return sum(self.kinds.values())

    @property
    def informative(self) -> int:
        """Cells that say something of the column (not noise)."""
        return self.cells - self.kinds["noise"]

    def share(self, kind: str) -> float:
        return self.kinds[kind] / self.cells if self.cells else 0.0

    def fit(self, field: str) -> float:
        """How well the cells fit ``field``: the share of cells of a kind that field takes, weighted."""
        fits = _FITS[FIELD_BY_NAME[field].kind if field != "sex" else "enum"]
        return sum(self.share(kind) * weight for kind, weight in fits.items())

    def contradicts(self, field: str) -> bool:
        """Whether the cells say the column holds something else than ``field``: few fit it, and most are
        of one other recognisable kind (garbled text, the common case under damage, says nothing)."""
        if self.cells < MIN_CELLS or self.fit(field) >= 0.25:
            return False
        fits = _FITS[FIELD_BY_NAME[field].kind if field != "sex" else "enum"]
        return any(self.share(kind) >= 0.5 for kind in STRONG_KINDS if kind not in fits)

    @property
    def female_share(self) -> float:
        """Share of name cells with "Thị" inside (a woman's middle name in most Vietnamese names)."""
        names = [n for n in (fold(t).split() for t in self.texts) if len(n) >= 2]
        if not names:
            return 0.0
        return sum(1 for n in names if "thi" in n[1:-1] or (len(n) == 2 and n[1] == "thi")) / len(names)


HEADING_HINT = 0.5  # what a heading whose cells disagree with it still counts for
MIN_CELLS = 2  # a column judged by its cells needs at least this many


def assign(columns: list[ColumnEvidence], expected: tuple[str, ...]) -> tuple[list[str | None], float]:
    """Fields for the columns (left to right), and how well the columns fit ``expected``.

    A heading read as a field whose cells agree (or that has too few cells to tell) keeps its field,
    wherever it stands. The other columns are aligned with the remaining expected fields in their
    usual order: each takes the next expected field that its cells fit, or none."""
    fields: list[str | None] = [None] * len(columns)
    score = 0.0
    headings = Counter(c.heading for c in columns if c.heading)
    for i, column in enumerate(columns):
        if column.heading and headings[column.heading] > 1 and column.cells >= MIN_CELLS:
            continue  # two columns under one heading: one was misread ("Tên bọ" read as the father's)
        if column.heading in expected and not column.contradicts(column.heading):
            fields[i] = column.heading
            score += 1.0 + column.fit(column.heading) if column.heading in expected else 0.0
    taken = {f for f in fields if f}
    remaining = tuple(f for f in expected if f not in taken)
    open_columns = [i for i, f in enumerate(fields) if f is None]
    bounds = _bounds(fields, expected)
    n, m = len(open_columns), len(remaining)
    # best[a][b]: best score aligning open_columns[a:] with remaining[b:]; choice: -1 none, k: remaining[k].
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    choice = [[-1] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        column = columns[open_columns[a]]
        low, high = bounds[open_columns[a]]
        for b in range(m, -1, -1):
            top, pick = best[a + 1][b], -1
            for k in range(b, m):
                place = expected.index(remaining[k])
                gain = _score(column, remaining[k]) + best[a + 1][k + 1]
                if not low < place < high:
                    gain -= OUT_OF_ORDER
                if gain > top:
                    top, pick = gain, k
            best[a][b], choice[a][b] = top, pick
    b = 0
    for a, i in enumerate(open_columns):
        pick = choice[a][b]
        if pick >= 0:
            fields[i] = remaining[pick]
            b = pick + 1
    for i, column in enumerate(columns):  # a heading the usual list lacks keeps its field if nothing else took one
        heading = column.heading
        unused = heading and heading not in fields and heading not in expected and not _whose(heading, expected)
        if fields[i] is None and heading and unused and not column.contradicts(heading):
            fields[i] = heading
    return fields, score + best[0][0]


def _whose(heading: str, expected: tuple[str, ...]) -> bool:
    """Whether ``heading`` is a generic field ("Ngày sinh") that the usual list holds only as somebody's
    ("Ngày sinh của vợ"): not an extra column but one of those, whose owner went unread."""
    return any(SECTION_FIELDS[who].get(heading) in expected for who in SECTION_FIELDS)


OUT_OF_ORDER = 1.0  # what a column pays for a field the headings read either side of it put elsewhere


def _bounds(fields: list[str | None], expected: tuple[str, ...]) -> list[tuple[int, int]]:
    """For each column, the places in ``expected`` between which its field should lie, going by the
    headings read left and right of it. A heading out of order with another read heading bounds
    nothing: one of the two is misread, and which one the order alone cannot tell."""
    anchored = [(i, expected.index(f)) for i, f in enumerate(fields) if f in expected]
    sure = [(c, p) for c, p in anchored if all((c < d) == (p < q) for d, q in anchored if d != c)]
    out = []
    for i in range(len(fields)):
        low = max((p for c, p in sure if c < i), default=-1)
        high = min((p for c, p in sure if c > i), default=len(expected))
        out.append((low, high))
    return out


def _score(column: ColumnEvidence, field: str) -> float:
    """What a column (heading unread, or read but disagreeing with its cells) gains by taking ``field``:
    each cell counts for the field as well as it fits it, noise neither for nor against."""
    if column.informative < MIN_CELLS:
        return -0.1
    hint = HEADING_HINT if column.heading == field else 0.0
    return hint + 3 * column.fit(field) - 1.2 * column.informative / column.cells


def best_type(columns: list[ColumnEvidence], margin: float = 1.0) -> tuple[RecordType, float] | None:
    """The register type whose usual columns the page's columns fit best, when better than the next by
    ``margin`` (a narrow lead gives a lower confidence)."""
    scored = sorted(((assign(columns, fields)[1], kind) for kind, fields in EXPECTED.items()), reverse=True)
    (top, kind), (second, _) = scored[0], scored[1]
    if top >= 3.0 and top - second >= margin:
        return kind, 0.75 if top - second >= 1.0 else 0.6
    return None


def women_last(columns: list[ColumnEvidence], fields: list[str | None]) -> list[str | None]:
    """Father and mother, husband and wife swapped back when the cells say so: the column of "Thị"
    names is the woman's (whatever the usual order put there), unless a heading said otherwise."""
    out = list(fields)
    for man, woman in (("father_name", "mother_name"),):
        if man not in out or woman not in out:
            continue
        a, b = out.index(man), out.index(woman)
        if columns[a].heading == man or columns[b].heading == woman:
            continue
        if columns[a].female_share >= columns[b].female_share + 0.4:
            out[a], out[b] = woman, man
    return out
