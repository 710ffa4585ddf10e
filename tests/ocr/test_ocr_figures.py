"""Dates and numbers read again with the English model (real Tesseract)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.engine import recognise
from ocr.figures import is_figures, reread_figures
from ocr.preprocess import to_grey
from ocr.types import Word
from tests.ocr.conftest import render


@pytest.mark.parametrize(
    ("text", "figures"),
    [("13/07/1955", True), ("07-11-1982,", True), ("249", True), ("(12)", True), ("7", False), ("Số", False),
     ("1955a", False), ("tháng", False), ("12/", False)],
)  # fmt: skip
def test_a_word_in_figures_is_a_date_or_a_number_of_two_figures_or_more(text: str, figures: bool) -> None:
    assert is_figures(text) is figures


def _page() -> tuple[np.ndarray, list[Word]]:
    page = render(["Ngày sinh: 13/07/1955 số 249"], size=(1100, 200))
    binary = cv2.threshold(to_grey(page.image), 128, 255, cv2.THRESH_BINARY)[1]
    return binary, recognise(binary)


def test_figures_read_otherwise_by_the_english_model_take_its_reading_at_the_lower_confidence() -> None:
    binary, words = _page()
    assert [w.text for w in words] == ["Ngày", "sinh:", "13/07/1955", "số", "249"]
    # As the Vietnamese model reads a bold typed 7: a 1, surely.
    misread = [Word("13/01/1955", 0.99, w.bbox, w.line_key) if w.text == "13/07/1955" else w for w in words]
    again = reread_figures(binary, misread, 30)
    assert [w.text for w in again] == [w.text for w in words]
    date = again[2]
    assert date.bbox == words[2].bbox and date.confidence < 0.99
    assert again[:2] == misread[:2] and again[3:] == misread[3:]  # words and figures read alike: as they were


def test_a_reading_of_another_shape_is_no_figure_misread_and_is_left_alone() -> None:
    binary, words = _page()
    # A box holding more than the word it was read as: the English reading differs in shape, not figures.
    wide = [Word("13/07", 0.9, w.bbox, w.line_key) if w.text == "13/07/1955" else w for w in words]
    assert reread_figures(binary, wide, 30)[2].text == "13/07"
