"""What kind of page this is: a register page, a single certificate or extract, a cover, an index page,
or a blank. Decided from the OCR words alone."""

from __future__ import annotations

from dataclasses import replace

from hotich.text import fold
from ocr.labels import find_labels
from ocr.register import find_table
from ocr.types import Line, OcrPage, Word

PAGE_KINDS = ("register", "certificate", "cover", "index", "blank")
_INDEX_TITLES = ("muc luc", "danh muc", "so theo doi", "bang tra cuu")


def _centre(word: Word) -> float:
    return (word.bbox[1] + word.bbox[3]) / 2


def rows(page: OcrPage) -> OcrPage:
    """The page with its lines rejoined into physical rows, top to bottom.

    The engine reads a ruled table or a two-column form block by block (a column, then the next), so
    one row of the page comes as several lines far apart in reading order. A line joins the row whose
    right end it continues: its first word level with the row's last word (ends are compared, not
    whole boxes, so a skewed page still joins)."""
    lines = sorted((line for line in page.lines if line.words), key=lambda line: line.words[0].bbox[0])
    joined: list[list[Line]] = []
    for line in lines:
        first = line.words[0]
        height = max(1, first.bbox[3] - first.bbox[1])
        best: tuple[float, int] | None = None
        for index, row in enumerate(joined):
            last = row[-1].words[-1]
            if last.bbox[2] > first.bbox[0] + height:
                continue
            offset = abs(_centre(last) - _centre(first))
            if offset < 0.6 * max(height, last.bbox[3] - last.bbox[1]) and (best is None or offset < best[0]):
                best = (offset, index)
        if best is None:
            joined.append([line])
        else:
            joined[best[1]].append(line)
    merged = [_merge(row) for row in joined]
    merged.sort(key=lambda line: (_centre(line.words[0]), line.bbox[0]))
    return replace(page, lines=merged)


def _merge(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    words = tuple(w for line in row for w in line.words)
    bbox = (
        min(line.bbox[0] for line in row),
        min(line.bbox[1] for line in row),
        max(line.bbox[2] for line in row),
        max(line.bbox[3] for line in row),
    )
    return Line(" ".join(line.text for line in row), bbox, words)


def page_kind(page: OcrPage) -> str:
    if "spread_split" in page.quality_flags:  # a two-page spread: its left page says what it is
        left = [line for line in page.lines if line.words and line.words[0].line_key[:1] == (0,)]
        page = replace(page, lines=left or page.lines)
    page = rows(page)
    letters = sum(ch.isalpha() for ch in page.text)
    if "blank" in page.quality_flags or letters < 12:
        return "blank"
    top = " ".join(fold(line.text) for line in page.lines[:6])
    if any(title in top for title in _INDEX_TITLES):
        return "index"
    if find_table(page) is not None:
        return "register"
    # Lines with a label for a person's field ("Số", "Quyển số" also appear on register covers).
    labelled = sum(
        1
        for line in page.lines
        if any(m.field not in {"registration_number", "book_number"} for m in find_labels([w.text for w in line.words]))
    )
    titled = any(word in top for word in ("giay", "trich luc", "ban sao", "chung nhan"))
    if labelled >= 3 or (labelled >= 1 and titled):
        return "certificate"
    return "cover"
