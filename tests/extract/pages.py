"""OcrPages built from text, with plausible word boxes: each line top to bottom, words left to right;
three or more spaces make a wide gap (a new field or a table column)."""

from __future__ import annotations

from collections.abc import Sequence

from ocr.pipeline import page_from_words
from ocr.types import OcrPage, Word

CHAR = 18  # px per character
HEIGHT = 30


def page_of(lines: Sequence[str | tuple[int, str]], confidence: float = 0.95) -> OcrPage:
    words: list[Word] = []
    for number, item in enumerate(lines):
        indent, text = item if isinstance(item, tuple) else (100, item)
        x = indent
        y = 100 + number * 60
        for run_index, run in enumerate(text.split("   ")):
            if run_index:
                x += 8 * CHAR
            for word in run.split():
                width = len(word) * CHAR
                words.append(Word(word, confidence, (x, y, x + width, y + HEIGHT), (number,)))
                x += width + CHAR
    return page_from_words(1, 2400, 100 + len(lines) * 60 + 100, words, [])


def table_of(header: list[str], rows: list[list[str]], widths: list[int]) -> OcrPage:
    """A register page: a title, a header row and rows, cells starting at fixed column positions."""
    lines: list[tuple[int, str]] = [(900, "SỔ ĐĂNG KÝ KHAI SINH")]
    words: list[Word] = []
    starts = [100]
    for width in widths[:-1]:
        starts.append(starts[-1] + width)
    all_rows = [header, *rows]
    for number, cells in enumerate(all_rows, start=1):
        y = 100 + number * 60
        for start, cell in zip(starts, cells, strict=False):
            x = start
            for word in cell.split():
                width = len(word) * CHAR
                words.append(Word(word, 0.95, (x, y, x + width, y + HEIGHT), (number,)))
                x += width + CHAR
    title_words = []
    x = 900
    for word in lines[0][1].split():
        title_words.append(Word(word, 0.95, (x, 100, x + len(word) * CHAR, 130), (0,)))
        x += len(word) * CHAR + CHAR
    return page_from_words(1, 3000, 1200, title_words + words, [])
