"""Writing the engine passed over, read again line by line.

Tesseract's page layout analysis sometimes drops whole cells of a register: on a stained or grainy page
it takes a column of short entries ("Nam", "Nữ", dates) for noise, and a fold's shadow through a column
makes it give up the text beside it. That ink is still on the prepared page. It is found as ink no word
box covers, gathered into stretches the size of a line of text, and read in one run of the engine as
single lines (``--psm 7``), which skips the layout analysis that lost it.
"""

from __future__ import annotations

import cv2
import numpy as np

from hotich.domain import Bbox
from hotich.errors import OcrEngineError
from ocr.engine import line_margin, recognise_many
from ocr.types import Word

MIN_CONFIDENCE = 0.5  # a stretch's word the engine is less sure of is a stain or a speck read as text
# Sizes in text heights (the height of a glyph with an ascender on the prepared page):
LETTER_MAX = 1.5  # a mark taller than this is a fold, a stain or a rule's remnant, not a letter
LINE_HEIGHTS = (0.5, 2.0)  # a stretch lower than a small letter is specks; taller, marks of two lines
LINE_MIN_WIDTH = 1.2  # narrower than a short word ("Nữ") is a dash or a speck
MIN_INK = 0.3  # square text heights of ink a stretch must hold to be writing
JOIN = 1.5  # gap up to which marks side by side are one stretch: the words of a cell, a line's words
# A stretch that reads as no word at all is read again this much enlarged: as a single line Tesseract
# returns nothing for some plain lines at their own size (a typed value set above the baseline of the
# printed label before it, on a clean certificate), and reads them whole once they are larger.
ENLARGE_EMPTY = 1.5


def read_missed(image: np.ndarray, words: list[Word], text_height: float, timeout: float = 0) -> list[Word]:
    """Words read from the writing on ``image`` (binarised, ink 0) that no word of ``words`` covers,
    with boxes on ``image``. Should the engine die on the run, nothing is added: the page is read as it
    was, not lost."""
    left_over = uncovered(image, words, text_height)
    stretches = find_stretches(left_over, text_height)
    if not stretches:
        return []
    # Sideways a stretch's box already has a margin of paper (the join's reach); above and below it
    # is given one, as the engine wants.
    pad = line_margin(text_height)
    corners = [(x0, max(0, y0 - pad)) for x0, y0, _, _ in stretches]
    crops = [left_over[y : b + pad, x:r] for (x, y), (_, _, r, b) in zip(corners, stretches, strict=True)]
    try:
        readings = recognise_many(crops, 7, timeout)
    except OcrEngineError:
        return []
    # Each stretch's words come back on ``image`` by the scale it was read at and its corner.
    scales = [1.0] * len(crops)
    empty = [i for i, read in enumerate(readings) if not read]  # no word at all, not even a speck's
    enlarged = [cv2.resize(crops[i], None, fx=ENLARGE_EMPTY, fy=ENLARGE_EMPTY) for i in empty]
    try:
        for i, read in zip(empty, recognise_many(enlarged, 7, timeout), strict=True):
            readings[i], scales[i] = read, 1 / ENLARGE_EMPTY
    except OcrEngineError:
        pass  # the stretches read as nothing stay so
    found: list[Word] = []
    for number, ((left, top), scale, read) in enumerate(zip(corners, scales, readings, strict=True)):
        for word in _kept(read):
            x0, y0, x1, y1 = word.bbox
            box = (left + int(x0 * scale), top + int(y0 * scale), left + round(x1 * scale), top + round(y1 * scale))
            found.append(Word(word.text, word.confidence, box, (-1 - number,)))
    return found


def _kept(read: list[Word]) -> list[Word]:
    """The words of a stretch's reading sure enough to be writing, not a stain or a speck read as text."""
    return [w for w in read if w.confidence >= MIN_CONFIDENCE and any(c.isalnum() for c in w.text)]


def uncovered(image: np.ndarray, words: list[Word], text_height: float) -> np.ndarray:
    """``image`` with every word's box (and a little around it, for accents and strokes a box cuts) white."""
    margin = max(2, int(text_height * 0.15))
    out = image.copy()
    for word in words:
        x0, y0, x1, y1 = word.bbox
        out[max(0, y0 - margin) : y1 + margin, max(0, x0 - margin) : x1 + margin] = 255
    return out


def find_stretches(image: np.ndarray, text_height: float) -> list[Bbox]:
    """Boxes (x0, y0, x1, y1) of line-sized stretches of writing on ``image``: marks of letter size joined
    sideways (the letters of a word, the words of a cell), never up or down, so a fold's dashed shadow
    or a column of specks cannot gather lines into one."""
    # Looked for at a size where letters stand about a dozen px tall: enough to tell a letter from a
    # speck, and an upscaled page has a quarter of the pixels to label.
    step = max(1, int(text_height // 12))
    if step > 1:
        image = cv2.resize(image, (image.shape[1] // step, image.shape[0] // step), interpolation=cv2.INTER_AREA)
        text_height /= step
    ink = (image < 160).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    flat_line = (widths >= 2 * text_height) & (heights <= 0.3 * text_height)
    letter = (heights <= LETTER_MAX * text_height) & ~flat_line
    letter[0] = False  # the paper
    marks = letter[labels].astype(np.uint8)
    reach = max(3, int(text_height * JOIN))
    joined = cv2.dilate(marks, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    low, high = (text_height * share for share in LINE_HEIGHTS)
    boxes: list[Bbox] = []
    for x, y, w, h, _area in stats[1:count]:
        # The join widened the stretch by its reach; its writing is that much narrower.
        line_sized = low <= h <= high and w - (reach - 1) >= LINE_MIN_WIDTH * text_height
        if line_sized and marks[y : y + h, x : x + w].sum() >= MIN_INK * text_height**2:
            boxes.append((int(x) * step, int(y) * step, int(x + w) * step, int(y + h) * step))
    return boxes
