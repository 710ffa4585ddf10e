"""Dates and numbers read again with the engine's English model.

The Vietnamese model reads the figures of typed and printed ledgers worse than the English one: a bold
typewriter 7 comes out as 1 ("13/01/1955" for "13/07/1955"), surely (0.92), so that neither the dates
beside it nor the book's year can always put it back. And it reads a handwritten date as letters and
specks, or loses its strokes: "26/7/⁄1%2", "27//19%0", "1004/1964". Every word that is figures and
separators, or mostly so, is cut from the prepared page and read again, all of a page's in one run of the
engine as single lines. A word in figures is taken as the English model reads it when that is the same
shape of figures read otherwise. A damaged date is read in one more run, the engine told to read figures
and separators only, and taken when it reads a whole date there and is sure of it (told so for every
word in figures, it made as many typed figures wrong as it put right). Either is taken at the lower of
the two confidences (the models disagree).
"""

from __future__ import annotations

import re

import numpy as np

from hotich.errors import OcrEngineError
from ocr.dates import is_written_date
from ocr.engine import line_margin, recognise_many
from ocr.types import Word

FIGURES_LANGUAGE = "eng"
FIGURE_CHARACTERS = "0123456789/-."
_FIGURES = re.compile(r"^[(\[]?\d[\d/.\-]*\d[)\],.;:]?$")  # "13/07/1955", "249", "07-11-1982,"
_NUMBER = re.compile(r"^\d{1,4}[.,;:]?$")  # "249", "12.": a number, no date
# What the Vietnamese model reads for a handwritten date's figures and strokes, besides figures themselves
_DATE_MARKS = frozenset("/-.⁄%!?#]|()lIOoSsZzB")
DAMAGED_DATE_MARKS = 0.7  # share of a damaged date's characters that are figures or such marks
SURE_DATE = 0.5  # the English model's confidence in a whole date read where the Vietnamese one damaged it


def is_figures(text: str) -> bool:
    """Whether a word is written in figures: a date, a number (two figures at least)."""
    return bool(_FIGURES.match(text))


def is_damaged_date(text: str) -> bool:
    """Whether a word reads as a date the engine damaged: three figures or more, mostly figures and marks
    read for them, and no whole date as it stands."""
    if sum(ch.isdigit() for ch in text) < 3 or _NUMBER.match(text) or is_written_date(text):
        return False
    return sum(ch.isdigit() or ch in _DATE_MARKS for ch in text) >= DAMAGED_DATE_MARKS * len(text)


def _shape(text: str) -> str:
    return re.sub(r"\d", "0", text)


def reread_figures(image: np.ndarray, words: list[Word], text_height: float, timeout: float = 0) -> list[Word]:
    """``words`` (boxes on ``image``, binarised, ink 0) with their figures and damaged dates read again
    (see the module's note). Should the engine die on a run, the words come back as that run found them."""
    pad = line_margin(text_height)
    height, width = image.shape[:2]

    def read_again(chosen: list[int], allowed: str = "") -> list[list[Word]]:
        crops = []
        for i in chosen:
            x0, y0, x1, y1 = words[i].bbox
            crops.append(image[max(0, y0 - pad) : min(height, y1 + pad), max(0, x0 - pad) : min(width, x1 + pad)])
        try:
            return recognise_many(crops, 7, timeout, FIGURES_LANGUAGE, allowed=allowed)
        except OcrEngineError:
            return [[] for _ in chosen]

    out = list(words)  # a word taken keeps its box: both runs crop the same
    figures = [i for i, word in enumerate(out) if is_figures(word.text)]
    for i, read in zip(figures, read_again(figures), strict=True):
        if len(read) == 1 and read[0].text != out[i].text and _shape(read[0].text) == _shape(out[i].text):
            out[i] = _taken(out[i], read[0])
    damaged = [i for i, word in enumerate(out) if is_damaged_date(word.text)]
    for i, read in zip(damaged, read_again(damaged, FIGURE_CHARACTERS), strict=True):
        if len(read) == 1 and is_written_date(read[0].text) and read[0].confidence >= SURE_DATE:
            out[i] = _taken(out[i], read[0])
    return out


def _taken(word: Word, again: Word) -> Word:
    """The English model's reading in the place of ``word``, at the lower of the two confidences."""
    return Word(again.text, min(word.confidence, again.confidence), word.bbox, word.line_key)
