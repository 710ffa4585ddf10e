"""A register page (sổ): a table of entries under a header row, one record per entry.

The table is found from word boxes: the header row is the line whose cells read as column labels; cells
are runs of words separated by wide gaps; every later word belongs to the column it sits under. Where
the OCR found the table's upright rules, they are the column boundaries instead of the gaps (words
between two rules are one cell, however close the next cell runs); faint or missing rulings fall back
to the gaps. An entry starts where the number column (or, without
one, the name column) has text; lines in between are wrapped cells of the same entry.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise
from statistics import median

from hotich.domain import FIELD_BY_NAME, ExtractedField, ExtractedRecord, RecordType
from hotich.text import fold
from ocr.book_year import check_registration_order, check_registration_years
from ocr.classify import TITLED, type_from_columns
from ocr.columns import EXPECTED, GENERIC, ColumnEvidence, assign, best_type, cell_kind, women_last
from ocr.dates import parse_date
from ocr.labels import (
    OTHER,
    PERSON_WORDS,
    SECTION_FIELDS,
    WHERE,
    find_labels,
    folded_words,
    label_forms,
    resolve,
    similarity,
)
from ocr.names import (
    FAMILY_NAMES,
    middle_name_by_sex,
    normalise,
    normalise_sex,
    read_confidence,
    reworded,
    reworded_fields,
    sex_by_name,
    strip_value,
)
from ocr.numbering import number_on
from ocr.types import Line, OcrPage, Rule, Word, enclosing

NAME_COLUMNS = ("subject_name", "husband_name", "wife_name")
MIN_HEADER_COLUMNS = 3
MIN_RULES = 3  # upright rules that make a ruled table (two columns at least between them)
RULE_SPAN = 0.6  # share of the table's height a column rule stands over
STARTS_SPREAD = 0.25  # share of the body's height the lines that start a column must spread over
RULE_OVERRUN = 0.03  # share of the table's height a column rule may run past its top or bottom (a crease runs on)
UPRIGHT_LEAN = 0.05  # dx/dy beyond which a line is no column rule (a levelled page's rules stand upright)


@dataclass
class Column:
    field: str | None  # None: a column we don't read (signatures, unknown headings)
    x0: int
    x1: int


@dataclass
class Table:
    columns: list[Column]
    header_bottom: int
    header_index: int  # index of the (last) header line
    starts: list[int] = field(default_factory=list)  # x where body cells of many lines start (column starts)
    rules: list[Rule] = field(default_factory=list)  # column rules, left to right; none: cells split at gaps

    def runs(self, words: list[Word]) -> list[list[Word]]:
        """The cells of a body line: between the column rules, else runs split at gaps and body starts."""
        return _between_rules(words, self.rules) if self.rules else _split_at(_body_runs(words), self.starts)

    def column_of(self, word: Word) -> Column:
        return self.column_of_span(word.bbox[0], word.bbox[2])

    def column_of_span(self, x0: int, x1: int) -> Column:
        """The column a run of words belongs to: the heading it overlaps most, else the nearest one.
        Judging whole runs keeps a long value that spills past its heading ("Bệnh viện Phụ sản Hà Nội")
        in one column."""
        overlaps = [min(x1, c.x1) - max(x0, c.x0) for c in self.columns]
        best = max(range(len(self.columns)), key=lambda i: overlaps[i])
        if overlaps[best] > 0:
            return self.columns[best]
        centre = (x0 + x1) / 2
        return min(self.columns, key=lambda c: abs((c.x0 + c.x1) / 2 - centre))


@dataclass
class Entry:
    cells: dict[str, list[Word]] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)


def _cells(words: list[Word]) -> list[list[Word]]:
    """Runs of words separated by gaps wider than about one glyph height."""
    if not words:
        return []
    ordered = sorted(words, key=lambda w: w.bbox[0])
    height = median(w.bbox[3] - w.bbox[1] for w in ordered)
    cells = [[ordered[0]]]
    for word in ordered[1:]:
        if word.bbox[0] - cells[-1][-1].bbox[2] > 1.2 * height:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


_ENTRY_NUMBER = re.compile(r"^[\W_]*\d{1,4}[\W_]*$")


def _body_runs(words: list[Word]) -> list[list[Word]]:
    """Cells of a body line: runs of words, and an entry's number at the line's start taken apart
    from the name that follows it closely ("143 Phạm Đình Chiến"): the number has its own column."""
    runs = _cells(words)
    if runs and len(runs[0]) > 1 and _ENTRY_NUMBER.match(runs[0][0].text):
        # A dash or a stroke read between the number and the name ("563 — Nguyễn") goes with the number.
        cut = next((i for i, w in enumerate(runs[0][1:], 1) if any(ch.isalnum() for ch in w.text)), None)
        if cut is not None and any(ch.isalpha() for ch in runs[0][cut].text):
            runs[:1] = [runs[0][:cut], runs[0][cut:]]
    return runs


def _column_rules(page: OcrPage) -> list[Rule]:
    """The upright rules of the page's table, left to right, when there are enough: those standing between
    the table's top and bottom (where most long rules end) over most of its height. A rule of the title
    block is too short; a crease or a fold, running past the table's ends, is no column rule."""
    upright = [r for r in page.rules if r.y1 - r.y0 > 0 and abs(r.x1 - r.x0) <= UPRIGHT_LEAN * (r.y1 - r.y0)]
    if len(upright) < MIN_RULES:
        return []
    longest = max(r.y1 - r.y0 for r in upright)
    long = [r for r in upright if r.y1 - r.y0 >= longest / 2]
    top, bottom = median(r.y0 for r in long), median(r.y1 for r in long)
    span = bottom - top
    level = [
        r
        for r in upright
        if min(r.y1, bottom) - max(r.y0, top) >= RULE_SPAN * span
        and r.y0 >= top - RULE_OVERRUN * span
        and r.y1 <= bottom + RULE_OVERRUN * span
    ]
    middle = (top + bottom) / 2
    height = median(w.bbox[3] - w.bbox[1] for w in page.words) if page.words else 0
    out: list[Rule] = []
    for rule in sorted(level, key=lambda r: r.x_at(middle)):
        if out and rule.x_at(middle) - out[-1].x_at(middle) < height:
            continue  # the two edges of one thick rule, or a rule doubled by bleed-through
        out.append(rule)
    return out if len(out) >= MIN_RULES else []


def _with_starts(rules: list[Rule], starts: list[int], height: float) -> list[Rule]:
    """The column rules, and a rule of our own before each column the body's cells start far right of every
    rule found: a faded rule lost, its column would run into the one before."""
    middle = median((r.y0 + r.y1) / 2 for r in rules)
    y0, y1 = round(median(r.y0 for r in rules)), round(median(r.y1 for r in rules))
    out = list(rules)
    for start in starts:
        x = round(start - height / 4)
        if not any(-height <= start - r.x_at(middle) <= 2 * height for r in rules):
            out.append(Rule(x, y0, x, y1))
    return sorted(out, key=lambda r: r.x_at(middle))


def _ruled(rules: list[Rule], line: Line) -> bool:
    """Whether a line stands within the height of the column rules (a title above the table does not)."""
    height = line.bbox[3] - line.bbox[1]
    centre = (line.bbox[1] + line.bbox[3]) / 2
    return median(r.y0 for r in rules) - height <= centre <= median(r.y1 for r in rules) + height


def _by_gap(words: list[Word], rules: list[Rule]) -> dict[int, list[Word]]:
    """Words by the gap between column rules their centre falls in (0: left of the first rule), left to right."""
    groups: dict[int, list[Word]] = {}
    for word in sorted(words, key=lambda w: w.bbox[0]):
        x, y = (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
        groups.setdefault(sum(1 for r in rules if r.x_at(y) <= x), []).append(word)
    return groups


def _between_rules(words: list[Word], rules: list[Rule]) -> list[list[Word]]:
    """The cells of a line of a ruled table: its words between each two rules, left to right."""
    groups = _by_gap(words, rules)
    return [groups[i] for i in sorted(groups)]


def _rule_columns(rules: list[Rule], heading: list[Word], left: int, right: int) -> list[Column]:
    """A ruled table's columns: one between each two rules, named by the heading words between them; the
    margins left and right of the outer rules only when a heading stands there (an outer rule lost)."""
    middle = median((r.y0 + r.y1) / 2 for r in rules)
    xs = [round(r.x_at(middle)) for r in rules]
    edges = [min(left, xs[0]), *xs, max(right, xs[-1])]
    named = _by_gap(heading, rules)
    columns = []
    for index, (x0, x1) in enumerate(pairwise(edges)):
        outer = index in (0, len(edges) - 2)
        if x1 <= x0 or (outer and index not in named):
            continue
        words = named.get(index, [])
        field = _header_field([w.text for w in _reading_order(words)]) if words else None
        columns.append(Column(field, x0, x1 - 1))
    return columns


def _header_field(text_words: list[str]) -> str | None:
    labels = find_labels(text_words, min_score=0.8, heading=True)
    if labels:
        best = max(labels, key=lambda m: (m.end - m.start, m.score))
        field: str | None = best.field
    else:
        field = _heading_by_words(text_words)
    if field is None:
        return None
    # "Tên họ người cha", "Năm sinh (mẹ)": a generic heading naming a person is that person's field.
    words = [w for t in text_words for w in _person_words(t)]
    person = next((PERSON_WORDS[w] for w in words if w in PERSON_WORDS), None)
    if person and resolve(field, person) != field:
        return resolve(field, person)
    if field == "subject_name" and any(w == "nguoi" and 0 < len(after) <= 3 for w, after in pairwise(words)):
        return None  # "Tên họ người sọ": some person's, the word saying whose misread ("mẹ", "bố")
    # In a register row, a bare "Năm sinh" column is the year of birth of the entry's person.
    if field == "{who}_birth_year":
        return "date_of_birth"
    return None if field in (WHERE, OTHER) else field


def _person_words(text: str) -> list[str]:
    """Folded words of a heading, "người" split off where OCR joined it to the person ("ngườicha")."""
    out = []
    for word in folded_words(text):
        if word.startswith("nguoi") and word[5:] in PERSON_WORDS:
            out += ["nguoi", word[5:]]
        else:
            out.append(word)
    return out


def _heading_by_words(text_words: list[str]) -> str | None:
    """A heading whose words OCR reordered or partly lost ("hay Nam" for "Nam hay nữ" over two lines):
    every word seen belongs to the wording, and most of the wording's words are seen."""
    seen = [w for text in text_words for w in folded_words(text)]
    if len(seen) < 2:
        return None
    best: tuple[int, float, str] | None = None
    for form in label_forms():
        if len(form.words) < 2 or form.field == "{who}_birth_year":
            continue
        if not all(any(similarity(w, k) >= 0.8 for k in form.words) for w in seen):
            continue
        found = sum(1 for k in form.words if any(similarity(w, k) >= 0.8 for w in seen))
        if found >= 2 and found * 3 >= 2 * len(form.words):
            key = (found, found / len(form.words), form.field)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def _reading_order(words: list[Word]) -> list[Word]:
    """Words of a (possibly wrapped) heading cell: sub-lines top to bottom, each left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        centre = (word.bbox[1] + word.bbox[3]) / 2
        if rows:
            top = rows[-1][0]
            if abs(centre - (top.bbox[1] + top.bbox[3]) / 2) < 0.6 * max(1, top.bbox[3] - top.bbox[1]):
                rows[-1].append(word)
                continue
        rows.append([word])
    return [w for row in rows for w in sorted(row, key=lambda w: w.bbox[0])]


def _figures(text: str) -> bool:
    """Whether a line holds figures (numbers, dates) as table bodies do; a stray digit in a stained
    heading ("Ngmy6œ") is not enough."""
    return sum(ch.isdigit() for ch in text) >= 3


def _body_figures(line: Line) -> bool:
    """Whether a line holds figures in two cells or more, as a body line does (a number and a date, two
    dates); one blot of digits in a stained heading ("Họ và tên cha 277084") leaves it a heading."""
    return sum(1 for w in line.words if _figures(w.text) or w.text.isdigit()) >= 2


def find_table(page: OcrPage) -> Table | None:
    """The header row of a register table, with its columns, or None when the page has no table."""
    best: Table | None = None
    best_count = 0
    page_rules = _column_rules(page)
    for index, line in enumerate(page.lines[:25]):
        if _body_figures(line) or sum(w.text.endswith(":") for w in line.words) >= 2:
            continue  # a table's headings hold no figures, and no colons ("Nam hay nữ: Nam  Dân tộc: Kinh")
        starts = _body_starts(page.lines[index + 1 : index + 40])
        rules = page_rules if page_rules and _ruled(page_rules, line) else []
        if rules:
            table = _ruled_header(page, index, rules, starts)
            named = sum(1 for c in table.columns if c.field) if table else 0
            if table is not None and named > best_count:
                best, best_count = table, named
            continue
        cells = _split_at(_cells(list(line.words)), starts)
        if len(cells) < MIN_HEADER_COLUMNS:
            continue
        bottom = line.bbox[3]
        # A wrapped header: words of the next line(s) just below, without digits, join the cells above them.
        last = index
        for follower_index in range(index + 1, min(index + 3, len(page.lines))):
            follower = page.lines[follower_index]
            if any(ch.isdigit() for ch in follower.text) or follower.bbox[1] - bottom > 1.2 * (
                line.bbox[3] - line.bbox[1]
            ):
                break
            for word in follower.words:
                cell = _nearest_cell(cells, word)
                if _own_column(cell, word, starts):
                    cells = sorted([*cells, [word]], key=lambda c: c[0].bbox[0])
                else:
                    cell.append(word)
            bottom, last = follower.bbox[3], follower_index
        columns = []
        for cell in cells:
            texts = [w.text for w in _reading_order(cell)]
            columns.append(Column(_header_field(texts), min(w.bbox[0] for w in cell), max(w.bbox[2] for w in cell)))
        columns = _owned(sorted(columns, key=lambda c: c.x0))
        known = [c for c in columns if c.field]
        if len(known) >= MIN_HEADER_COLUMNS and len(known) > best_count:
            best, best_count = Table(sorted(columns, key=lambda c: c.x0), bottom, last, starts), len(known)
    return best or _table_from_body(page)


def _ruled_header(page: OcrPage, index: int, rules: list[Rule], starts: list[int]) -> Table | None:
    """The table headed by line ``index`` of a ruled page: its words and those of the heading lines wrapped
    under it, split into columns by the rules; None unless enough columns are named."""
    line = page.lines[index]
    if len(_between_rules(list(line.words), rules)) < MIN_HEADER_COLUMNS:
        return None
    heading = list(line.words)
    bottom, last = line.bbox[3], index
    for follower_index in range(index + 1, min(index + 3, len(page.lines))):
        follower = page.lines[follower_index]
        if any(ch.isdigit() for ch in follower.text) or follower.bbox[1] - bottom > 1.2 * (line.bbox[3] - line.bbox[1]):
            break
        heading += follower.words
        bottom, last = follower.bbox[3], follower_index
    body = [w for later in page.lines[last + 1 :] for w in later.words]
    if body:
        rules = _with_starts(rules, starts, median(w.bbox[3] - w.bbox[1] for w in body))
    left = min(w.bbox[0] for w in [*heading, *body])
    right = max(w.bbox[2] for w in [*heading, *body])
    columns = _owned(_rule_columns(rules, heading, left, right))
    if sum(1 for c in columns if c.field) < MIN_HEADER_COLUMNS:
        return None
    return Table(columns, bottom, last, starts, rules)


MIN_NUMBERED = 3  # numbered lines that make a table without a readable header


def _table_from_body(page: OcrPage) -> Table | None:
    """A table whose header row is lost or unreadable, found from its body: lines that open with an
    entry number at one left edge, numbers rising down the page, each line holding several cells.
    Columns start where the body's cells start; heading words still legible above name theirs, and
    the cells type the rest (``ocr.columns``)."""
    rules = _column_rules(page)
    return _numbered_body(page, rules) or _figured_body(page, rules)


def _numbered_body(page: OcrPage, rules: list[Rule]) -> Table | None:
    """The table of a page whose body lines open with rising entry numbers at one left edge."""
    numbered: list[tuple[int, Word]] = []
    for index, line in enumerate(page.lines[:60]):
        words = list(line.words)
        runs = _between_rules(words, rules) if rules and _ruled(rules, line) else _body_runs(words)
        # A dash or a stroke read beside the number ("563 —") leaves it the cell's one word.
        lead = [w for w in runs[0] if any(ch.isalnum() for ch in w.text)] if runs else []
        if len(runs) >= MIN_HEADER_COLUMNS and len(lead) == 1 and _ENTRY_NUMBER.match(lead[0].text):
            numbered.append((index, lead[0]))
    if len(numbered) < MIN_NUMBERED:
        return None
    height = median(w.bbox[3] - w.bbox[1] for _, w in numbered)
    left = median(w.bbox[0] for _, w in numbered)
    aligned = [(i, w) for i, w in numbered if abs(w.bbox[0] - left) <= 2 * height]
    values = [int(re.sub(r"\D", "", w.text)) for _, w in aligned]
    if len(aligned) < MIN_NUMBERED or 2 * _rising_run(values) <= len(values):
        return None
    first, first_word = aligned[0]
    body = page.lines[first:]
    starts = _body_starts(body[:40])
    if rules and _ruled(rules, page.lines[first]):
        return _ruled_body(page, first, rules, starts, height)
    if len(starts) < MIN_HEADER_COLUMNS:
        return None
    right = max(w.bbox[2] for line in body for w in line.words)
    columns = [Column(None, x0, x1 - 1) for x0, x1 in zip(starts, [*starts[1:], right + 1], strict=True)]
    above = [
        line
        for line in page.lines[max(0, first - 3) : first]
        if not _figures(line.text) and line.bbox[3] >= first_word.bbox[1] - 5 * height
    ]
    for column in columns:
        words = [w for line in above for w in line.words if column.x0 - height <= w.bbox[0] < column.x1 - height]
        if words:
            column.field = _header_field([w.text for w in _reading_order(words)])
    bottom = page.lines[first - 1].bbox[3] if first else 0
    return Table(_owned(columns), bottom, first - 1, starts)


def _figured_body(page: OcrPage, rules: list[Rule]) -> Table | None:
    """A ruled table whose heading and entry numbers are both too damaged to read (a photographed page, a
    stain over the numbers): its body starts at the first line within the rules (below their top, where the
    title's "Năm 1976 — Quyển số 01" stands above) holding figures in two cells or more, of several such."""
    if not rules:
        return None
    top = median(r.y0 for r in rules)
    figured = [
        index
        for index, line in enumerate(page.lines[:60])
        if line.bbox[1] >= top
        and _ruled(rules, line)
        and _body_figures(line)
        and len(_between_rules(list(line.words), rules)) >= MIN_HEADER_COLUMNS
    ]
    if len(figured) < MIN_NUMBERED:
        return None
    first = figured[0]
    height = median(w.bbox[3] - w.bbox[1] for index in figured for w in page.lines[index].words)
    return _ruled_body(page, first, rules, _body_starts(page.lines[first : first + 40]), height)


def _ruled_body(page: OcrPage, first: int, rules: list[Rule], starts: list[int], height: float) -> Table | None:
    """The table of a ruled page whose heading is lost, its body starting at line ``first``: columns between
    the rules, named by heading words still legible above the body within the rules."""
    body = [w for line in page.lines[first:] for w in line.words]
    rules = _with_starts(rules, starts, height)
    top = page.lines[first].bbox[1]
    above = [
        w
        for line in page.lines[max(0, first - 3) : first]
        if not _figures(line.text) and line.bbox[3] >= top - 5 * height and _ruled(rules, line)
        for w in line.words
    ]
    left, right = min(w.bbox[0] for w in body), max(w.bbox[2] for w in body)
    columns = _rule_columns(rules, above, left, right)
    if len(columns) < MIN_HEADER_COLUMNS:
        return None
    bottom = page.lines[first - 1].bbox[3] if first else 0
    return Table(_owned(columns), bottom, first - 1, starts, rules)


def _rising_run(values: list[int]) -> int:
    """How many of ``values`` rise in order (the longest rising subsequence): entry numbers rise down a page
    even when a few are misread ("297" for 207, "216" for 210 break a count of neighbours that rise)."""
    best: list[int] = []
    for value in values:
        at = next((i for i, top in enumerate(best) if top >= value), len(best))
        best[at : at + 1] = [value]
    return len(best)


_OWNERS = {"husband_name": "husband", "wife_name": "wife", "father_name": "father", "mother_name": "mother"}


def _owned(columns: list[Column]) -> list[Column]:
    """A generic column ("Sinh ngày", "Nơi cư trú") right of a spouse's or parent's name is about that
    person when its own heading did not say whose ("Vự sinh ngày": the wife read badly)."""
    owner: str | None = None
    for column in columns:
        if column.field in _OWNERS:
            owner = _OWNERS[column.field]
        elif column.field in NAME_COLUMNS:
            owner = None
        elif column.field and owner:
            column.field = SECTION_FIELDS[owner].get(column.field, column.field)
    return columns


_SPOUSE_FIELDS = {
    "husband": ("husband_date_of_birth", "husband_residence"),
    "wife": ("wife_date_of_birth", "wife_residence"),
}


def _by_block(columns: list[Column]) -> None:
    """A spouse's date of birth or residence standing in the other spouse's block (between that
    spouse's name and the next name) is the block owner's, when the owner has no such column: the
    heading was misread ("Ngày sinh của chồng" read as the wife's)."""
    owner: str | None = None
    taken = {c.field for c in columns if c.field}
    if not {"husband_name", "wife_name"} <= taken:
        return  # the blocks are known only when both names' columns are
    for column in columns:
        if column.field in ("husband_name", "wife_name"):
            owner = column.field.split("_")[0]
            continue
        if owner is None or column.field is None:
            continue
        other = "wife" if owner == "husband" else "husband"
        if column.field in _SPOUSE_FIELDS[other]:
            mine = _SPOUSE_FIELDS[owner][_SPOUSE_FIELDS[other].index(column.field)]
            if mine not in taken:
                taken.discard(column.field)
                column.field = mine
                taken.add(mine)


def _body_starts(lines: list[Line]) -> list[int]:
    """Where the table's columns start, from the body: x positions where cells of many lines begin, the
    lines spread down a good part of the body (a stain's specks, read as a few short lines one under the
    other, start no column)."""
    starts = sorted((run[0].bbox[0], line.bbox[1]) for line in lines for run in _body_runs(list(line.words)))
    if not starts:
        return []
    height = median(max(1, line.bbox[3] - line.bbox[1]) for line in lines)
    clusters: list[list[tuple[int, int]]] = [[starts[0]]]
    for start in starts[1:]:
        if start[0] - clusters[-1][-1][0] > height:
            clusters.append([start])
        else:
            clusters[-1].append(start)
    support = max(3, len(lines) // 4)
    spread = STARTS_SPREAD * (max(line.bbox[3] for line in lines) - min(line.bbox[1] for line in lines))
    return [
        min(x for x, _ in c)
        for c in clusters
        if len(c) >= support and max(y for _, y in c) - min(y for _, y in c) >= spread
    ]


def _split_at(cells: list[list[Word]], starts: list[int]) -> list[list[Word]]:
    """Heading cells that OCR ran together ("Nam hay nữ Ngày sinh") cut where body columns start."""
    out: list[list[Word]] = []
    for cell in cells:
        height = median(w.bbox[3] - w.bbox[1] for w in cell)
        piece = [cell[0]]
        for word in cell[1:]:
            if any(piece[-1].bbox[2] <= start + height / 2 <= word.bbox[0] + height for start in starts):
                out.append(piece)
                piece = [word]
            else:
                piece.append(word)
        out.append(piece)
    return out


def _own_column(cell: list[Word], word: Word, starts: list[int]) -> bool:
    """Whether a word of a wrapped heading line heads a column of its own: it overlaps no heading above
    it and a column of the body starts under it ("Trai/Gái" set low, in the gap between two headings)."""
    x0, x1 = min(w.bbox[0] for w in cell), max(w.bbox[2] for w in cell)
    height = word.bbox[3] - word.bbox[1]
    apart = word.bbox[2] <= x0 or word.bbox[0] >= x1
    return apart and any(abs(start - word.bbox[0]) <= height for start in starts)


def _nearest_cell(cells: list[list[Word]], word: Word) -> list[Word]:
    """The heading cell a word of a wrapped heading line sits under: most overlap, else nearest."""

    def distance(cell: list[Word]) -> float:
        x0, x1 = min(w.bbox[0] for w in cell), max(w.bbox[2] for w in cell)
        overlap = min(x1, word.bbox[2]) - max(x0, word.bbox[0])
        return -overlap if overlap > 0 else max(x0 - word.bbox[2], word.bbox[0] - x1)

    return min(cells, key=distance)


def _entries(page: OcrPage, table: Table) -> list[Entry]:
    fields = {c.field for c in table.columns if c.field}
    body = [w for line in page.lines[table.header_index + 1 :] for w in line.words]
    numbered = "registration_number" in fields and any(
        table.column_of(w).field == "registration_number" and any(ch.isdigit() for ch in w.text) for w in body
    )
    # Entries start at their number; where the numbers are lost (faded, dropped by OCR), at their name.
    starter = "registration_number" if numbered else next((name for name in NAME_COLUMNS if name in fields), None)
    entries: list[Entry] = []
    for line in page.lines[table.header_index + 1 :]:
        cells: dict[str, list[Word]] = {}
        for run in table.runs(list(line.words)):
            column = table.column_of_span(run[0].bbox[0], run[-1].bbox[2])
            if column.field:
                cells.setdefault(column.field, []).extend(w for w in run if strip_value(w.text))
        cells = {name: words for name, words in cells.items() if words}
        if not cells:
            continue
        if _starts_entry(cells, starter, entries[-1] if entries else None) or _row_below(line, cells, entries):
            entries.append(Entry())
        elif not entries:
            continue  # text above the first entry that is not an entry (a sub-heading)
        entry = entries[-1]
        entry.lines.append(line)
        for name, words in cells.items():
            entry.cells.setdefault(name, []).extend(words)
    return [
        e for e in entries if any(name in e.cells for name in NAME_COLUMNS) or _numbered_row(e) or len(e.cells) >= 3
    ]


def _numbered_row(entry: Entry) -> bool:
    """An entry whose name is lost but whose number and two more cells are there: still an entry."""
    number = entry.cells.get("registration_number", [])
    return any(ch.isdigit() for w in number for ch in w.text) and len(entry.cells) >= 3


def _complete(name: str, words: list[Word]) -> bool:
    """A cell holding a whole value of a kind that never wraps (a full date, a sex, a number)."""
    kind = FIELD_BY_NAME[name].kind
    raw = " ".join(w.text for w in words)
    if kind == "date":
        found = parse_date(raw)
        return found is not None and len(found) == 10
    if name == "sex":
        return normalise_sex(raw) is not None
    return name == "registration_number" and any(ch.isdigit() for ch in raw)


def _starts_entry(cells: dict[str, list[Word]], starter: str | None, current: Entry | None) -> bool:
    """Whether a table line opens a new entry rather than continuing the wrapped cells of ``current``.

    It does when its starting column (the number; without numbers, the name) has text, or when it
    brings a second whole value (a date, a sex) to a column the current entry has already filled: a
    lost or misread number does not merge two entries."""
    if starter is not None and starter in cells:
        if starter != "registration_number" or any(ch.isdigit() for w in cells[starter] for ch in w.text):
            return True
        if len(cells) >= 3:  # the number misread as letters ("Kị" for 7), on a line that fills the row
            return True
    if current is None:
        return starter is None
    clashes = [name for name, words in cells.items() if name in current.cells and _complete(name, words)]
    return bool(clashes) and any(_complete(name, current.cells[name]) for name in clashes)


def _row_below(line: Line, cells: dict[str, list[Word]], entries: list[Entry]) -> bool:
    """Whether a line whose number is lost opens an entry of its own: it fills three cells or more, and is
    the first line below the heading that names a person, or starts a blank line's height or more below
    the current entry and fills again two of its columns (a wrapped cell goes on just below the line it
    wraps; the next row of the ledger starts lower, its name perhaps faded too)."""
    name = next((n for n in NAME_COLUMNS if n in cells), None)
    if len(cells) < 3:
        return False
    if not entries:
        return name is not None  # single-digit numbers are the ones OCR loses most: the page's first rows
    if len(set(cells) & set(entries[-1].cells)) < 2:
        return False
    height = median(w.bbox[3] - w.bbox[1] for w in line.words)
    return line.bbox[1] - entries[-1].lines[-1].bbox[3] > height


MIN_CONFIDENCE = 0.2  # a register cell read less surely than this is left for review, not stored
CONTENT_TYPED = 0.9
DAMAGED_SEX = 0.7  # plausibility of a sex read from a damaged word of the sex column ("Nơm", "Nan")
RUN_TOGETHER = 0.6  # confidence factor of a cell holding what reads as two values (two columns run together)
_DATES = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")


_HOOKED = set("ưứừửữựơớờởỡợ")  # the hooked vowels: of the two words a sex column holds, only "Nữ" has one


def damaged_sex(raw: str) -> str | None:
    """A sex from a damaged word of a sex column: a short word ending in "m" or "n" is "Nam" ("Nơm",
    "Nan"); else one with a hooked vowel is "Nữ" ("wữ", "Nừ"); one whose only vowel is "a" is "Nam"
    ("Na", "NA")."""
    words = strip_value(raw).lower().split()
    if len(words) != 1 or not 1 <= len(words[0]) <= 4 or not words[0].isalpha():
        return None
    word = words[0]
    if word[-1] in "mn" and len(word) > 1:
        return "Nam"  # "Nơm", "Nan": only "Nam" ends so
    if any(ch in _HOOKED for ch in word):
        return "Nữ"
    vowels = {ch for ch in fold(word) if ch in "aeiouy"}
    return "Nam" if vowels == {"a"} else None


def _two_values(name: str, raw: str) -> bool:
    """Whether a cell reads as two values: two dates in a date cell; in a name cell, a second name
    (a family name, then "Thị") after a whole name ("Phạm Văn Toàn Đoàn Thị Huệ")."""
    kind = FIELD_BY_NAME[name].kind
    if kind == "date":
        return len(_DATES.findall(raw)) >= 2
    if kind == "name":
        words = folded_words(raw)
        return any(words[i] in FAMILY_NAMES and words[i + 1] == "thi" for i in range(2, len(words) - 1))
    return False  # confidence factor of a field whose column was typed by its cells, not its heading


def _evidence(page: OcrPage, table: Table) -> list[ColumnEvidence]:
    """Each column's heading field and the kinds of the cells below it."""
    texts: list[list[str]] = [[] for _ in table.columns]
    for line in page.lines[table.header_index + 1 :]:
        for run in table.runs(list(line.words)):
            column = table.column_of_span(run[0].bbox[0], run[-1].bbox[2])
            index = next(i for i, c in enumerate(table.columns) if c is column)
            text = strip_value(" ".join(w.text for w in run))
            if text:
                texts[index].append(text)
    out = []
    for column, cell_texts in zip(table.columns, texts, strict=True):
        kinds = Counter(kind for text in cell_texts if (kind := cell_kind(text)) is not None)
        out.append(ColumnEvidence(column.field, kinds, cell_texts))
    return out


def _number_apart(page: OcrPage, table: Table) -> None:
    """The entry numbers given their own column when the leftmost column holds both numbers and the
    names right of them (a number heading run into the name heading: "SốTT Tên họ người chồng")."""
    first = table.columns[0]
    numbers: list[list[Word]] = []
    others: list[list[Word]] = []
    for line in page.lines[table.header_index + 1 :]:
        for run in table.runs(list(line.words)):
            if table.column_of_span(run[0].bbox[0], run[-1].bbox[2]) is first:
                (numbers if cell_kind(" ".join(w.text for w in run)) == "number" else others).append(run)
    if len(numbers) < 2 or len(others) < 2 or first.field == "registration_number":
        return
    right = median(r[-1].bbox[2] for r in numbers)
    left = median(r[0].bbox[0] for r in others)
    if left <= right:
        return
    cut = int((right + left) / 2)
    heading = first.field if first.field != "registration_number" else None
    table.columns[0:1] = [
        Column("registration_number", first.x0, cut - 1),
        Column(heading, cut, max(first.x1, cut + 1)),
    ]
    table.starts = sorted({*table.starts, cut})
    if table.rules:  # the number column's own rule was lost: stand one at the cut
        y0, y1 = min(r.y0 for r in table.rules), max(r.y1 for r in table.rules)
        table.rules = sorted([*table.rules, Rule(cut, y0, cut, y1)], key=lambda r: r.x_at((y0 + y1) / 2))


def extract_register(page: OcrPage, record_type: RecordType, type_confidence: float) -> list[ExtractedRecord]:
    table = find_table(page)
    if table is None:
        return []
    _number_apart(page, table)
    evidence = _evidence(page, table)
    if type_confidence < TITLED:  # no title read: the columns say more than stray words of the body
        # With nothing read at all (no title, no clue words), the best fitting type beats none.
        margin = 0.3 if record_type == RecordType.OTHER else 1.0
        by_columns = best_type(evidence, margin) or type_from_columns({c.field for c in table.columns if c.field})
        if by_columns is not None:
            record_type, type_confidence = by_columns
    typed, _ = assign(evidence, EXPECTED.get(record_type, GENERIC))
    guessed = set()
    for column, name in zip(table.columns, women_last(evidence, typed), strict=True):
        if name != column.field:
            column.field = name
            if name:
                guessed.add(name)
    _by_block(table.columns)
    records = []
    unread_dates: dict[int, ExtractedField] = {}  # registration cells no date was read from, for the book's year
    for index, entry in enumerate(_entries(page, table)):
        fields: dict[str, ExtractedField] = {}
        for name, words in entry.cells.items():
            raw = " ".join(w.text for w in words)
            value, plausibility = normalise(name, raw)
            if not value and name == "sex":
                value, plausibility = damaged_sex(raw), DAMAGED_SEX
            if not value and name == "registration_date":
                box = enclosing(w.bbox for w in words)
                unread_dates[index] = ExtractedField("", raw, min(w.confidence for w in words), box)
            if not value or (FIELD_BY_NAME[name].kind in {"text", "place"} and sum(ch.isalpha() for ch in value) < 3):
                continue  # a note or a place of a letter or two is a speck, not a value
            confidence = read_confidence(name, words) * plausibility
            if name in guessed:
                confidence *= CONTENT_TYPED
            if _two_values(name, raw):
                confidence *= RUN_TOGETHER
            if confidence < MIN_CONFIDENCE and FIELD_BY_NAME[name].kind != "date":
                # Stain marks and misread cells: right about one time in nine on the dev corpora. A date is
                # kept however unsure, for review: figures that make a whole date are rarely a stain's.
                continue
            fields[name] = ExtractedField(value, raw, round(confidence, 4), enclosing(w.bbox for w in words))
        middle_name_by_sex(fields)
        bbox = enclosing(line.bbox for line in entry.lines)
        if "sex" not in fields and any(c.field == "sex" for c in table.columns):
            sex_by_name(fields)
        records.append(ExtractedRecord(record_type, fields, index, page.page_number, bbox, type_confidence))
    _reworded(records)
    number = next((c for c in table.columns if c.field == "registration_number"), None)
    number_on(records, (number.x0, number.x1) if number else None)
    check_registration_years(page.lines, records, unread_dates)
    check_registration_order(records)
    return _badly_read(records)


def _reworded(records: list[ExtractedRecord]) -> None:
    """Misread words of the page's places, causes and notes put back by their neighbours (``reworded_fields``)."""
    found = [(r, n) for r in records for n in r.fields if reworded(n)]
    for (record, name), mended in zip(found, reworded_fields([(n, r.fields[n]) for r, n in found]), strict=True):
        record.fields[name] = mended


BADLY_READ = 0.25  # share of a page's cells read unsurely (< 0.5) above which no cell on it is taken as sure
BADLY_READ_FACTOR = 0.9


def _badly_read(records: list[ExtractedRecord]) -> list[ExtractedRecord]:
    """On a page most of whose cells read unsurely, the cells that read surely are less sure too: the
    engine's confidence runs high on stained, faded pages (a misread digit, a slipped tone mark)."""
    found = [f for r in records for f in r.fields.values() if f.confidence is not None]
    if not found or sum(1 for f in found if f.confidence is not None and f.confidence < 0.5) <= BADLY_READ * len(found):
        return records
    for record in records:
        for name, value in record.fields.items():
            if value.confidence is not None:
                record.fields[name] = replace(value, confidence=round(value.confidence * BADLY_READ_FACTOR, 4))
    return records


def looks_like_header(line: Line) -> bool:
    """Whether a line reads as a register's column headings (for page-kind decisions)."""
    cells = _cells(list(line.words))
    named = [c for c in cells if _header_field([w.text for w in c])]
    return len(named) >= MIN_HEADER_COLUMNS and not any(ch.isdigit() for ch in line.text)
