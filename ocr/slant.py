"""Slanted writing (handwriting, italic typewriter faces) read again upright.

Tesseract's model is trained on upright print; a line written with a 10–20° slant reads badly. Only
lines the engine doubts are looked at: the slant of their ink is measured (the shear that makes the
column profile sharpest), and if it is clear the line is sheared upright and read again as one line.
The new reading replaces the old one only when the engine is surer of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from hotich.errors import OcrEngineError
from ocr.engine import recognise_many
from ocr.types import Word, by_line, letter_confidence

DOUBTED_LINE = 0.8  # mean letter confidence under which a line is looked at again
# A page read this surely is print: its doubted bits are stamps, signatures and specks, which never read
# better sheared (on 63 clean and moderate printed and typewritten pages, not once), and the second
# engine start costs a tenth of a second or more. Handwritten pages read at 0.93 and below.
SURE_PAGE = 0.94
MIN_SLANT = 0.1  # shear (dx/dy) below which writing counts as upright
SLANTS = np.arange(0.0, 0.51, 0.05)


def estimate_slant(ink: np.ndarray) -> float:
    """Shear dx/dy (positive: tops lean right) that stands the strokes of ``ink`` (255 on 0) upright."""
    height, width = ink.shape

    def sharpness(slant: float) -> float:
        matrix = np.array([[1, slant, -slant * height / 2], [0, 1, 0]], np.float32)
        columns = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_LINEAR).sum(axis=0, dtype=np.float64)
        return float(np.sum(columns**2))

    return float(max(SLANTS, key=sharpness))


def reread_slanted_lines(image: np.ndarray, words: list[Word], timeout: float = 0) -> list[Word]:
    """``words`` (read from the binarised ``image``) with doubted slanted stretches read again upright,
    all of a page's in one run of the engine (``recognise_many``), each as one line. A page read surely
    throughout (``SURE_PAGE``) is left as it is."""
    if letter_confidence(words)[0] >= SURE_PAGE:
        return words
    lines = by_line(words)
    stretches = [s for line in lines.values() if (s := _stretch(image, line)) is not None]
    if not stretches:
        return words
    replaced: dict[tuple[int, ...], list[Word]] = {}
    for stretch, again in zip(stretches, _read_again([s.upright for s in stretches], timeout), strict=True):
        others = [w for key, line in lines.items() if key != stretch.key for w in line]
        if (better := stretch.replacement(again, others)) is not None:
            replaced[stretch.key] = better
    out: list[Word] = []
    for key, line in lines.items():
        out.extend(replaced.get(key, line))
    return out


def _read_again(images: list[np.ndarray], timeout: float) -> list[list[Word]]:
    """Each stretch read again as one line. Should the engine die on the run (Tesseract 5.3 stops with a
    floating-point exception on some lines of a stamp's scattered letters), the stretches are read one by
    one, and one it dies on reads as nothing: its line stays as first read, the page is not lost."""
    try:
        return recognise_many(images, 7, timeout)
    except OcrEngineError:
        if len(images) == 1:
            return [[]]
        return [again for image in images for again in _read_again([image], timeout)]


@dataclass
class _Stretch:
    """The doubted stretch of one line (from its first doubted word to its last), sheared upright; the
    sure words either side are kept as read: on a form a printed label often stands before a handwritten
    value, and shearing the label with the value would spoil it."""

    key: tuple[int, ...]
    before: list[Word]
    words: list[Word]
    after: list[Word]
    upright: np.ndarray
    back: np.ndarray  # upright → crop coordinates
    pad: int
    left: int
    top: int

    def replacement(self, again: list[Word], others: list[Word]) -> list[Word] | None:
        """The line with the stretch as read again, if the engine is surer of it. A word read again over a
        word of another line (``others``) is that word's ink read twice, and is dropped: a line of specks
        strewn along a table row spans the row, and its stretch takes in the words of every cell."""
        out = []
        for word in again:
            bx0, by0, bx1, by1 = word.bbox
            xs = [self.back[0, 0] * x + self.back[0, 1] * y + self.back[0, 2] for x in (bx0, bx1) for y in (by0, by1)]
            x0, x1 = int(min(xs)) - self.pad + self.left, int(max(xs)) - self.pad + self.left
            box = (x0, by0 + self.top, x1, by1 + self.top)
            if not any(_covered(box, other.bbox) for other in others):
                out.append(Word(word.text, word.confidence, box, self.key))
        confidence, letters = letter_confidence(self.words)
        new_confidence, new_letters = letter_confidence(out)
        if not out or new_confidence <= confidence or new_letters < letters * 0.6:
            return None
        return [*self.before, *out, *self.after]


def _covered(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """Whether over half of ``box`` lies within ``other``."""
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    area = max(1, (box[2] - box[0]) * (box[3] - box[1]))
    return width > 0 and height > 0 and width * height > area / 2


def _stretch(image: np.ndarray, line: list[Word]) -> _Stretch | None:
    ordered = sorted(line, key=lambda w: w.bbox[0])
    doubted = [i for i, w in enumerate(ordered) if w.confidence < DOUBTED_LINE]
    if not doubted:
        return None
    first, last = doubted[0], doubted[-1]
    before, stretch, after = ordered[:first], ordered[first : last + 1], ordered[last + 1 :]
    x0, y0 = min(w.bbox[0] for w in stretch), min(w.bbox[1] for w in line)
    x1, y1 = max(w.bbox[2] for w in stretch), max(w.bbox[3] for w in line)
    margin = int((y1 - y0) * 0.4) + 4
    # Sideways, no further than the sure words either side (their ink would be read twice).
    left = max(0, x0 - margin, before[-1].bbox[2] + 1 if before else 0)
    right = min(image.shape[1], x1 + margin, after[0].bbox[0] - 1 if after else image.shape[1])
    top = max(0, y0 - margin)
    crop = image[top : min(image.shape[0], y1 + margin), left:right]
    if crop.size == 0:
        return None
    slant = estimate_slant(cv2.bitwise_not(crop))
    if slant < MIN_SLANT:
        return None
    height = crop.shape[0]
    pad = int(slant * height) + 2
    padded = cv2.copyMakeBorder(crop, 0, 0, pad, pad, cv2.BORDER_CONSTANT, value=255)
    matrix = np.array([[1, slant, -slant * height / 2], [0, 1, 0]], np.float32)
    upright = cv2.warpAffine(padded, matrix, (padded.shape[1], height), flags=cv2.INTER_LINEAR, borderValue=255)
    back = cv2.invertAffineTransform(matrix)
    return _Stretch(line[0].line_key, before, stretch, after, upright, back, pad, left, top)
