"""The data that flows through ``ocr/``: a page image in, an OCRed page out.

Coordinates are always in pixels of the *original* page image (as stored in the catalog), origin
top-left, so a box drawn on the original scan sits on the word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hotich.domain import Bbox


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float  # 0..1
    bbox: Bbox
    line_key: tuple[int, ...] = ()  # (block, paragraph, line) of the engine, to regroup words into lines

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "confidence": round(self.confidence, 4), "bbox": list(self.bbox)}


def by_line(words: list[Word]) -> dict[tuple[int, ...], list[Word]]:
    """``words`` grouped by their line key, lines and words in the order they come."""
    lines: dict[tuple[int, ...], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    return lines


def letter_confidence(words: list[Word]) -> tuple[float, int]:
    """The engine's confidence over the letters and digits of ``words`` (each weighs as many as it holds),
    and how many there are: a stray mark read as one sure letter then weighs little beside a word."""
    letters = [sum(c.isalnum() for c in w.text) for w in words]
    total = sum(letters)
    return sum(w.confidence * n for w, n in zip(words, letters, strict=True)) / max(1, total), total


def enclosing(boxes: Iterable[Bbox]) -> Bbox:
    """The smallest box holding all of ``boxes`` (at least one)."""
    x0s, y0s, x1s, y1s = zip(*boxes, strict=True)
    return (min(x0s), min(y0s), max(x1s), max(y1s))


@dataclass(frozen=True)
class Line:
    text: str
    bbox: Bbox
    words: tuple[Word, ...]

    @classmethod
    def of(cls, words: Iterable[Word]) -> Line:
        """A line of ``words`` as given (at least one): their text joined by spaces, their boxes enclosed."""
        held = tuple(words)
        return cls(" ".join(w.text for w in held), enclosing(w.bbox for w in held), held)

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)


@dataclass(frozen=True)
class Rule:
    """A ruling line on the original scan, as the segment from one end to the other: a skewed page's rules
    slant across the scan, which a box would lose. ``leaf`` is the half of a split spread it was found on."""

    x0: int
    y0: int
    x1: int
    y1: int
    leaf: int = 0

    def x_at(self, y: float) -> float:
        """Where the rule crosses height ``y`` (a level line, as a column rule is on an upright page)."""
        if self.y1 == self.y0:
            return (self.x0 + self.x1) / 2
        return self.x0 + (self.x1 - self.x0) * (y - self.y0) / (self.y1 - self.y0)

    def to_json(self) -> list[int]:
        return [self.x0, self.y0, self.x1, self.y1]


@dataclass
class PageImage:
    """One page as loaded from a file: pixels (BGR or grey uint8) and, for PDFs, a text layer."""

    page_number: int  # 1-based, within the source file
    image: np.ndarray
    dpi: int | None = None
    text_layer: list[Word] | None = None  # a real PDF text layer, in this image's pixel coordinates

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


@dataclass
class OcrPage:
    page_number: int
    width: int
    height: int
    text: str
    mean_confidence: float  # 0..1
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    quality_flags: list[str] = field(default_factory=list)
    source: str = "ocr"  # "ocr" or "text_layer"
    rules: list[Rule] = field(default_factory=list)  # upright ruling lines (column rules) the OCR found

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update({"rules": [], **state})  # pages pickled before rules were kept have none

    def to_json(self) -> dict[str, Any]:
        return {
            "page_number": self.page_number,
            "width": self.width,
            "height": self.height,
            "text": self.text,
            "mean_confidence": round(self.mean_confidence, 4),
            "words": [w.to_json() for w in self.words],
            "quality_flags": list(self.quality_flags),
            "rules": [r.to_json() for r in self.rules],
        }
