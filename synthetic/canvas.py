"""Drawing text on a page while writing down exactly what was drawn and where (the ground truth).

Printed text goes down as set; typewriter text gets uneven ink and a wandering baseline; handwriting
gets per-word jitter in size, baseline and slant. Every drawn line becomes a ground-truth line with
the box that holds its ink.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

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
        self.slant = self.rng.uniform(0.05, 0.25)  # the writer's hand leans right
        self.pen_width = self.rng.choice((1, 1, 3))
        self.strike = 1 if "FreeMono" in self.value_font else 0  # a thin Courier struck through a ribbon

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
        if handwritten:
            return self._handwritten(x, y, text, size, colour)
        if not typed:
            self.draw.text((x, y), text, font=font, fill=colour)
            return self.draw.textbbox((x, y), text, font=font)
        boxes = []
        cursor = x
        for word in text.split(" "):  # typed: each word struck a little higher or lower, lighter or darker
            dy = self.rng.uniform(-1.5, 1.5)
            lighter = self.rng.randint(0, 70)  # the ribbon runs dry here and there
            shade = tuple(min(255, c + lighter) for c in colour)
            self.draw.text((cursor, y + dy), word, font=font, fill=shade, stroke_width=self.strike, stroke_fill=shade)
            if word:
                boxes.append(self.draw.textbbox((cursor, y + dy), word, font=font, stroke_width=self.strike))
            cursor += font.getlength(word + " ")
        return _union(boxes) if boxes else (x, y, x, y)

    def _handwritten(
        self, x: float, y: float, text: str, size: int, colour: tuple[int, int, int]
    ) -> tuple[float, float, float, float]:
        """Words written by hand: slanted, each a little bigger or smaller, the line drifting up or down,
        uneven pen pressure and spacing."""
        rng = self.rng
        drift = rng.uniform(-0.012, 0.012)
        boxes = []
        cursor = x
        for word in text.split(" "):
            if not word:
                continue
            font = load(self.value_font, size + rng.choice((-2, -1, 0, 0, 1, 2)))
            left, top, right, bottom = (int(v) for v in font.getbbox(word))
            pad = size // 2 + 4
            mask = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 0)
            ImageDraw.Draw(mask).text((pad - left, pad - top), word, font=font, fill=255)
            shear = self.slant + rng.uniform(-0.05, 0.05)
            baseline = pad - top + size * 0.8
            mask = mask.transform(
                mask.size, Image.Transform.AFFINE, (1, shear, -shear * baseline, 0, 1, 0), Image.Resampling.BILINEAR
            )
            mask = self._wobble(mask, size)
            if self.pen_width > 1:
                mask = mask.filter(ImageFilter.MaxFilter(self.pen_width))
            pressure = rng.uniform(0.75, 1.0)
            mask = mask.point(lambda v, p=pressure: int(v * p))
            origin_x = round(cursor - (pad - left))
            origin_y = round(y + drift * (cursor - x) + rng.uniform(-0.07, 0.07) * size - (pad - top))
            self.image.paste(colour, (origin_x, origin_y, origin_x + mask.width, origin_y + mask.height), mask)
            ink = mask.getbbox()
            if ink:
                boxes.append((origin_x + ink[0], origin_y + ink[1], origin_x + ink[2], origin_y + ink[3]))
            cursor += font.getlength(word) + font.getlength(" ") * rng.uniform(0.9, 1.6)
        return _union(boxes) if boxes else (x, y, x, y)

    def _wobble(self, mask: Image.Image, size: int) -> Image.Image:
        """Strokes that waver like a pen's: a slow wave bends the word up/down and left/right."""
        rng = self.rng
        height, width = mask.height, mask.width
        phase_x, phase_y = rng.uniform(0, 6.3), rng.uniform(0, 6.3)
        wave = size * rng.uniform(1.2, 2.2)
        xs = np.arange(width, dtype=np.float32)
        ys = np.arange(height, dtype=np.float32)
        map_x = xs[None, :] + (size * 0.03) * np.sin(ys[:, None] / wave * 6.3 + phase_x)
        map_y = ys[:, None] + (size * 0.04) * np.sin(xs[None, :] / wave * 6.3 + phase_y)
        bent = cv2.remap(np.asarray(mask), map_x.astype(np.float32), map_y.astype(np.float32), cv2.INTER_LINEAR)
        return Image.fromarray(bent)

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


def _union(boxes: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
