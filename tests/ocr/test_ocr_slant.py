"""Slanted writing: the slant is measured, and a doubted slanted line is read again upright."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from ocr.engine import recognise
from ocr.slant import estimate_slant, reread_slanted_lines
from tests.ocr.conftest import cer, render

LINE = "Nguyễn Thị Hường sinh ngày 14 tháng 3 năm 1962"


def _slanted(slant: float) -> np.ndarray:
    grey = cv2.cvtColor(render([LINE], size=(1500, 300), font_size=40).image, cv2.COLOR_BGR2GRAY)
    height, width = grey.shape
    matrix = np.array([[1, -slant, slant * height / 2], [0, 1, 0]], np.float32)  # tops lean right
    leaning = cv2.warpAffine(grey, matrix, (width, height), borderValue=255)
    _, binary = cv2.threshold(leaning, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def test_slant_is_measured() -> None:
    for slant in (0.0, 0.2, 0.35):
        assert abs(estimate_slant(cv2.bitwise_not(_slanted(slant))) - slant) <= 0.051


def test_a_doubted_slanted_line_is_read_again_upright() -> None:
    image = _slanted(0.4)
    # As the engine reads real handwriting: the line comes back doubted.
    doubted = [replace(w, confidence=0.4) for w in recognise(image, psm=4)]
    again = reread_slanted_lines(image, doubted)
    assert again != doubted and min(w.confidence for w in again) > 0.4
    assert cer(" ".join(w.text for w in again), LINE) < 0.05
    for word in again:  # boxes are on the slanted image, over its ink
        x0, y0, x1, y1 = word.bbox
        assert (image[y0:y1, x0:x1] == 0).mean() > 0.05


def test_confident_upright_lines_are_left_alone() -> None:
    image = _slanted(0.0)
    first = recognise(image, psm=4)
    assert reread_slanted_lines(image, first) == first
