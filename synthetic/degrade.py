"""Ageing a clean page: yellowed paper, uneven light, stains, bleed-through, fold lines, faded ink, red
stamps, skew, quarter turns, blur, noise, low resolution and JPEG artefacts — at three levels.

Geometric steps return the matrix they applied, so the ground-truth boxes follow the ink.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from synthetic.fonts import fonts_for, load

LEVELS = ("clean", "moderate", "heavy")


@dataclass
class Aged:
    image: np.ndarray  # BGR uint8
    matrix: np.ndarray  # 3×3, clean-page coordinates → aged-image coordinates
    rotation: int  # clockwise quarter turns applied, degrees
    skew: float


def stamp(page: Image.Image, rng: random.Random, text: str, over: tuple[float, float]) -> None:
    """A round red seal, drawn over the text near ``over``, as offices stamp signatures and photos."""
    draw = ImageDraw.Draw(page, "RGBA")
    radius = page.width * rng.uniform(0.06, 0.085)
    cx, cy = over
    colour = (200, 30, 40, rng.randint(150, 210))
    for offset in (0, radius * 0.08):
        draw.ellipse(
            (cx - radius + offset, cy - radius + offset, cx + radius - offset, cy + radius - offset),
            outline=colour,
            width=max(3, int(radius * 0.04)),
        )
    # The office's name runs round the rim, clockwise from lower left to lower right.
    letters = text[:40]
    font = load(fonts_for("printed_bold")[0], max(12, int(radius * min(0.18, 2.9 / max(1, len(letters))))))
    for i, letter in enumerate(letters):
        angle = np.pi * (0.75 + 1.5 * i / max(1, len(letters) - 1))
        x = cx + radius * 0.74 * np.cos(angle)
        y = cy + radius * 0.74 * np.sin(angle)
        draw.text((x, y), letter, font=font, fill=colour, anchor="mm")
    points = [
        (
            cx + radius * (0.32 if k % 2 == 0 else 0.13) * np.sin(k * np.pi / 5),
            cy - radius * (0.32 if k % 2 == 0 else 0.13) * np.cos(k * np.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(points, fill=colour)


def age(
    page: Image.Image, level: str, rng: random.Random, back: Image.Image | None = None, allow_turn: bool = True
) -> Aged:
    """The page as a scanner would give it after decades on a shelf."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    seed = rng.randrange(2**31)
    np_rng = np.random.default_rng(seed)
    img: np.ndarray = np.asarray(page.convert("RGB"))[:, :, ::-1].astype(np.float32)
    height, width = img.shape[:2]
    strength = {"clean": 0.0, "moderate": 0.5, "heavy": 1.0}[level]
    matrix = np.eye(3)

    if strength:
        # Faded ink: strokes lose contrast against the paper.
        fade = rng.uniform(0.15, 0.35) * strength + (0.15 if level == "heavy" and rng.random() < 0.5 else 0)
        img = 255 - (255 - img) * (1 - fade)
        if back is not None:  # bleed-through: the other side's ink, mirrored and faint
            other = np.asarray(back.convert("L").resize((width, height)))[:, ::-1].astype(np.float32)
            img -= ((255 - other) * 0.12 * strength)[..., None]
        # Yellowed paper and uneven light.
        tint = np.array([rng.uniform(0.72, 0.9), rng.uniform(0.88, 0.97), 1.0], np.float32)
        img = img * (1 - strength * (1 - tint))
        yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
        light = 1 - strength * 0.25 * ((xx / width - rng.random()) ** 2 + (yy / height - rng.random()) ** 2)
        img *= light[..., None]
        for _ in range(rng.randint(1, 3) if level == "heavy" else rng.randint(0, 1)):  # stains
            # Drawn and blurred at 1/8 size (a stain has no fine detail), then scaled up.
            small = np.zeros((height // 8 + 1, width // 8 + 1), np.float32)
            centre = (rng.randrange(width) // 8, rng.randrange(height) // 8)
            axes = (rng.randint(width // 20, width // 7) // 8, rng.randint(height // 25, height // 8) // 8)
            cv2.ellipse(small, centre, axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
            small = cv2.GaussianBlur(small, (0, 0), max(1, max(axes) / 4))
            mask = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
            img *= (1 - mask * rng.uniform(0.12, 0.3) * strength)[..., None] * np.array([0.9, 0.95, 1.0], np.float32)
        if level == "heavy" or rng.random() < 0.4:  # a fold line
            x = int(width * rng.uniform(0.3, 0.7))
            band = np.exp(-((np.arange(width) - x) ** 2) / (2 * (width * 0.004) ** 2)).astype(np.float32)
            img *= (1 - 0.18 * strength * band)[None, :, None]

    skew = rng.uniform(-1.0, 1.0) * {"clean": 0.3, "moderate": 3.0, "heavy": 8.0}[level]
    if abs(skew) > 0.05:
        rotation = cv2.getRotationMatrix2D((width / 2, height / 2), skew, 1.0)
        img = cv2.warpAffine(img, rotation, (width, height), borderMode=cv2.BORDER_REPLICATE)
        matrix = np.vstack([rotation, [0, 0, 1]]) @ matrix

    if strength:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.4, 1.4) * strength + 0.2)
        img += np_rng.normal(0, 4 + 8 * strength, img.shape).astype(np.float32)
    else:
        img += np_rng.normal(0, 1.5, img.shape).astype(np.float32)
    out: np.ndarray = np.clip(img, 0, 255).astype(np.uint8)

    scale = rng.uniform(0.6, 0.8) if level == "heavy" and rng.random() < 0.5 else 1.0
    if scale != 1.0:  # a low-resolution scan
        out = cv2.resize(out, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        matrix = np.diag([scale, scale, 1.0]) @ matrix
    if strength:
        quality = int(95 - 55 * strength * rng.random())
        ok, buffer = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
        decoded = cv2.imdecode(buffer, cv2.IMREAD_COLOR) if ok else None
        if decoded is not None:
            out = decoded

    turn = 0
    if allow_turn and level == "heavy" and rng.random() < 0.25:
        turn = rng.choice((90, 180, 270))
        h, w = out.shape[:2]
        codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
        out = cv2.rotate(out, codes[turn])
        quarter = {
            90: np.array([[0, -1, h - 1], [1, 0, 0], [0, 0, 1]], np.float64),
            180: np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], np.float64),
            270: np.array([[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]], np.float64),
        }[turn]
        matrix = quarter @ matrix
    return Aged(out, matrix, turn, skew)


def move_box(box: list[float], matrix: np.ndarray) -> list[float]:
    """A clean-page box through ``matrix``: the smallest upright box around its four corners."""
    x0, y0, x1, y1 = box
    corners = np.array([[x0, y0, 1], [x1, y0, 1], [x1, y1, 1], [x0, y1, 1]], np.float64).T
    moved = matrix @ corners
    xs, ys = moved[0] / moved[2], moved[1] / moved[2]
    return [round(float(xs.min()), 1), round(float(ys.min()), 1), round(float(xs.max()), 1), round(float(ys.max()), 1)]
