"""Ageing moves ground-truth boxes with the ink: skew, low resolution and quarter turns."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw

from synthetic.degrade import LEVELS, age, move_box


def _page(ink: bool = True) -> tuple[Image.Image, list[float]]:
    page = Image.new("RGB", (300, 420), (252, 250, 244))
    box = [40.0, 60.0, 200.0, 90.0]
    if ink:
        ImageDraw.Draw(page).rectangle(box, fill=(0, 0, 0))
    return page, box


def _ink_inside(inked: np.ndarray, bare: np.ndarray, box: list[float]) -> float:
    """The share of the ink (where the aged inked page differs from the aged bare one) inside ``box``."""
    ink = np.abs(inked.astype(int) - bare.astype(int)).max(axis=2) > 40
    x0, y0, x1, y1 = (round(v) for v in box)
    return float(ink[max(0, y0) : y1 + 1, max(0, x0) : x1 + 1].sum() / max(1, ink.sum()))


def test_boxes_follow_every_geometric_step() -> None:
    turns: set[int] = set()
    for seed in range(45):
        page, box = _page()
        level = LEVELS[seed % 3]
        aged = age(page, level, random.Random(seed))
        bare = age(_page(ink=False)[0], level, random.Random(seed))  # the same draws, without the ink
        moved = move_box(box, aged.matrix)
        assert _ink_inside(aged.image, bare.image, moved) > 0.97, (seed, level, aged.rotation, aged.skew)
        if aged.rotation:
            assert level == "heavy"
            width, height = moved[2] - moved[0], moved[3] - moved[1]
            assert (height > width) == (aged.rotation in (90, 270))
        turns.add(aged.rotation)
        assert abs(aged.skew) <= {"clean": 0.3, "moderate": 3.0, "heavy": 8.0}[level]
    assert turns > {0}  # heavy pages include quarter turns


def test_ageing_is_deterministic_and_darkens_with_level() -> None:
    page, _ = _page()
    one = age(page, "heavy", random.Random(4)).image
    assert np.array_equal(one, age(page, "heavy", random.Random(4)).image)
    means = [float(np.mean(age(page, level, random.Random(2), allow_turn=False).image)) for level in LEVELS]
    assert means[0] > means[1] > means[2] - 2
