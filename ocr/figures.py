"""Dates and numbers read again with the engine's English model.

The Vietnamese model reads the figures of typed and printed ledgers worse than the English one: a bold
typewriter 7 comes out as 1 ("13/01/1955" for "13/07/1955"), surely (0.92), so that neither the dates
beside it nor the book's year can always put it back. Every word that is figures and separators is cut
from the prepared page and read again, all of a page's in one run of the engine as single lines; where
the English model reads the same shape of figures otherwise, its reading is taken, at the lower of the
two confidences (the models disagree).
"""

from __future__ import annotations

import re

import numpy as np

from hotich.errors import OcrEngineError
from ocr.engine import line_margin, recognise_many
from ocr.types import Word

FIGURES_LANGUAGE = "eng"
_FIGURES = re.compile(r"^[(\[]?\d[\d/.\-]*\d[)\],.;:]?$")  # "13/07/1955", "249", "07-11-1982,"


def is_figures(text: str) -> bool:
    """Whether a word is written in figures: a date, a number (two figures at least)."""
    return bool(_FIGURES.match(text))


def _shape(text: str) -> str:
    return re.sub(r"\d", "0", text)


def reread_figures(image: np.ndarray, words: list[Word], text_height: float, timeout: float = 0) -> list[Word]:
    """``words`` (boxes on ``image``, binarised, ink 0) with their figures read again (see the module's
    note). Should the engine die on the run, the words come back as they were read."""
    figures = [i for i, word in enumerate(words) if is_figures(word.text)]
    if not figures:
        return words
    pad = line_margin(text_height)
    height, width = image.shape[:2]
    crops = []
    for i in figures:
        x0, y0, x1, y1 = words[i].bbox
        crops.append(image[max(0, y0 - pad) : min(height, y1 + pad), max(0, x0 - pad) : min(width, x1 + pad)])
    try:
        readings = recognise_many(crops, 7, timeout, FIGURES_LANGUAGE)
    except OcrEngineError:
        return words
    out = list(words)
    for i, read in zip(figures, readings, strict=True):
        if len(read) != 1:
            continue
        word, again = words[i], read[0]
        if again.text != word.text and _shape(again.text) == _shape(word.text):
            out[i] = Word(again.text, min(word.confidence, again.confidence), word.bbox, word.line_key)
    return out
