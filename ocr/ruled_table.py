"""A ruled register read column by column.

Over a whole page Tesseract builds each text line across the columns of a register, and handwriting
does not keep one baseline from cell to cell: a name written small and high beside a date written low
is split, merged with the line below or dropped ("Nguyễn Đình Lực" read as "Nguyễn"). Between its
column rules each column is a plain block of text lines, which the engine reads well as one uniform
block (``--psm 6``). So once the page's reading is chosen (not in every retry, which would cost as
much again), the table is cut at the rules the preprocessing found and each column strip read as a
block, all strips in one more engine run. Around the table (title, book and year, signatures) the page
run's words stand. Inside it a strip's line takes the place of the page run's words under it when the
engine is surer of it: taken always, the strips halved the errors of clean handwritten registers but
made printed ones on stained paper worse, the block reading's digits and letters noisier there than the
page run's. ``rows_in_reading_order`` then puts each entry's cells back on one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from statistics import median

import cv2
import numpy as np

from hotich.domain import Bbox
from ocr.engine import recognise_many
from ocr.preprocess import Segment
from ocr.types import Word, by_line, letter_confidence

MIN_COLUMN_RULES = 3  # fewer upright rules than this is a form's box or a fold, not a register's columns
RULE_SPAN = 0.3  # share of the page's height a column rule runs at least
SAME_TOP = 3.0  # text heights within which the column rules start at the table's top line
RULE_CLEARANCE = 0.25  # text heights a strip keeps clear of a column rule's middle
MIN_STRIP = 10  # px: a gap between two rules narrower than this is a doubled rule, not a column
STRIP_PSM = 6  # a column is one block of text lines
# As a block the engine reads every mark as letters: a red stamp's remnants, a stain's edge, a fold. A
# strip's line where the page run found no word (it passes such marks over) is kept only this sure.
SURE_LINE = 0.6


@dataclass(frozen=True)
class RuledTable:
    """Where a register's grid stands on the prepared page: from ``top`` to ``bottom``, its columns between
    ``columns`` (x from, x to), ink of the rules excluded."""

    top: int
    bottom: int
    columns: list[tuple[int, int]]


def find_table(rules: list[Segment], width: int, height: int, text_height: float) -> RuledTable | None:
    """The table whose column rules are ``rules`` (upright, on a page ``width`` × ``height``), or None when
    the page has no such grid. Column rules start together at the table's top line; a fold or a margin
    line that runs down the page from elsewhere is not one of them."""
    long = [rule for rule in rules if rule[3] - rule[1] >= RULE_SPAN * height]
    if len(long) < MIN_COLUMN_RULES:
        return None
    top = median(rule[1] for rule in long)
    columns = [rule for rule in long if abs(rule[1] - top) <= SAME_TOP * text_height]
    if len(columns) < MIN_COLUMN_RULES:
        return None
    # A rule left slanting a little by the deskew: each strip stops short of its rules' inner sides, by
    # more than half a rule's width (a segment is a rule's middle): what the erasure left of a rule's
    # edge, cut into a strip, reads as a letter before the cell's first word ("3064" for "264").
    sides = sorted((min(r[0], r[2]), max(r[0], r[2])) for r in columns)
    edges = [(0.0, 0.0), *sides, (float(width), float(width))]
    inset = max(3, round(RULE_CLEARANCE * text_height))
    strips = []
    for (_, left), (right, _) in pairwise(edges):
        start, end = int(left) + inset, int(right) - inset
        if end - start > MIN_STRIP:
            strips.append((start, end))
    bottom = median(rule[3] for rule in columns)  # the outer rules may run on down the margins
    return RuledTable(int(top), int(bottom), strips)


def read_ruled(
    image: np.ndarray, table: RuledTable, page_words: list[Word], margin: int, timeout: float = 0
) -> list[Word]:
    """The words of ``image`` (prepared, rules erased) with boxes on ``image``: ``page_words`` (the page
    read whole) around the table and inside it, but where a line of a column strip (read as a block,
    with ``margin`` px of paper around it) is surer than the page run's words under it. Raises
    ``OcrEngineError`` as the engine does."""
    strips = [_padded(image[table.top : table.bottom, x0:x1], margin) for x0, x1 in table.columns]
    strip_reads = recognise_many(strips, STRIP_PSM, timeout)
    words: list[Word] = []  # the page run's around the table, then the strips' lines taken
    inside: list[Word] = []
    for word in page_words:
        (inside if table.top <= (word.bbox[1] + word.bbox[3]) / 2 <= table.bottom else words).append(word)
    replaced: set[int] = set()
    for number, ((x0, _), read) in enumerate(zip(table.columns, strip_reads, strict=True)):
        dx, dy = x0 - margin, table.top - margin
        for line in by_line(read).values():
            moved = [Word(w.text, w.confidence, _shifted(w.bbox, dx, dy), (-1 - number, *w.line_key)) for w in line]
            under = {i for i, p in enumerate(inside) if any(_overlap(w.bbox, p.bbox) for w in moved)}
            sure = letter_confidence(moved)[0]
            if sure > (letter_confidence([inside[i] for i in under])[0] if under else SURE_LINE):
                words += moved
                replaced |= under
    return words + [word for i, word in enumerate(inside) if i not in replaced]


def _shifted(box: Bbox, dx: int, dy: int) -> Bbox:
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def _overlap(a: Bbox, b: Bbox) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _padded(image: np.ndarray, margin: int) -> np.ndarray:
    return cv2.copyMakeBorder(image, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
