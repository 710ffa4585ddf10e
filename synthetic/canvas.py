"""Drawing text on a page while writing down exactly what was drawn and where (the ground truth).

Printed text goes down as set; typewriter text gets uneven ink and a wandering baseline; handwriting
gets per-word jitter in size, baseline and slant. Every drawn line becomes a ground-truth line with
the box that holds its ink.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from hotich.domain import nfc
from synthetic.fonts import fonts_for, load

INK = {"printed": (25, 25, 28), "typewriter": (35, 30, 40), "handwriting": (30, 45, 120)}
PAPER = (252, 250, 244)


@dataclass
class GroundLine:
    text: str
    bbox: list[float]


@dataclass
class Canvas:
    width: int
    height: int
    rng: random.Random
    style: str = "printed"  # of the filled-in values; labels and titles are always printed
    image: Image.Image = field(init=False)
    lines: list[GroundLine] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.image = Image.new("RGB", (self.width, self.height), PAPER)
        self.draw = ImageDraw.Draw(self.image)
        self.printed_font = self.rng.choice(fonts_for("printed"))
        bold = fonts_for("printed_bold")
        self.bold_font = bold[min(fonts_for("printed").index(self.printed_font), len(bold) - 1)]
        self.value_font = self.rng.choice(fonts_for(self.style)) if self.style != "printed" else self.printed_font

    def _font(self, size: int, kind: str) -> ImageFont.FreeTypeFont:
        path = {"label": self.printed_font, "bold": self.bold_font, "value": self.value_font}[kind]
        return load(path, size)

    def measure(self, text: str, size: int, kind: str = "label") -> float:
        return float(self._font(size, kind).getlength(nfc(text)))

    def segment(
        self, x: float, y: float, text: str, size: int, kind: str = "label"
    ) -> tuple[float, float, float, float]:
        """Draw one run of text starting at (x, y); returns its ink box."""
        text = nfc(text)
        if not text:
            return (x, y, x, y)
        font = self._font(size, kind)
        handwritten = kind == "value" and self.style == "handwriting"
        typed = kind == "value" and self.style == "typewriter"
        colour = INK[self.style] if kind == "value" else INK["printed"]
        if not (handwritten or typed):
            self.draw.text((x, y), text, font=font, fill=colour)
            return self.draw.textbbox((x, y), text, font=font)
        boxes = []
        cursor = x
        for word in text.split(" "):
            if handwritten:
                word_font = load(self.value_font, max(8, size + self.rng.randint(-3, 3)))
                dy = self.rng.uniform(-size * 0.12, size * 0.12)
            else:
                word_font, dy = font, self.rng.uniform(-1.5, 1.5)
            shade = tuple(min(255, c + self.rng.randint(0, 60 if typed else 25)) for c in colour)
            self.draw.text((cursor, y + dy), word, font=word_font, fill=shade)
            boxes.append(self.draw.textbbox((cursor, y + dy), word, font=word_font))
            cursor += word_font.getlength(word + " ") + (self.rng.uniform(0, size * 0.3) if handwritten else 0)
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))

    def line(self, y: float, parts: list[tuple[float, str, int, str]]) -> None:
        """A ground-truth line made of runs (x, text, size, kind) drawn at height ``y``."""
        boxes = [self.segment(x, y, text, size, kind) for x, text, size, kind in parts if text]
        if not boxes:
            return
        text = " ".join(nfc(t) for _, t, _, _ in parts if t)
        box = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
        self.lines.append(GroundLine(" ".join(text.split()), box))

    def centred(self, y: float, text: str, size: int, kind: str = "bold", centre: float | None = None) -> None:
        middle = self.width / 2 if centre is None else centre
        self.line(y, [(middle - self.measure(text, size, kind) / 2, text, size, kind)])

    def rule(self, x0: float, y0: float, x1: float, y1: float, width: int = 2) -> None:
        self.draw.line((x0, y0, x1, y1), fill=(60, 60, 60), width=width)

    def wrap(self, text: str, size: int, kind: str, width: float) -> list[str]:
        """Split ``text`` into lines no wider than ``width``."""
        lines: list[str] = []
        current = ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if current and self.measure(candidate, size, kind) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        return lines
