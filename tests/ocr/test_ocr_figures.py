"""Dates and numbers read again with the English model (real Tesseract)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.engine import recognise
from ocr.figures import is_damaged_date, is_figures, reread_figures
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


@pytest.mark.parametrize(
    ("text", "damaged"),
    [("26/7/⁄1%2", True), ("27//19%0", True), ("1004/1964", True), ("29Ø/!1%8", True), ("13/07/1955", False),
     ("249", False), ("12.", False), ("Số3?", False), ("tháng", False), ("12a", False)],
)  # fmt: skip
def test_a_damaged_date_is_mostly_figures_and_marks_read_for_them_and_no_whole_date(text: str, damaged: bool) -> None:
    assert is_damaged_date(text) is damaged


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
    # A box holding more than the word it was read as: the English reading differs in shape, not figures;
    # and a number read whole is no damaged date, which a whole date read there would put right.
    wide = [Word("1955", 0.9, w.bbox, w.line_key) if w.text == "13/07/1955" else w for w in words]
    assert reread_figures(binary, wide, 30)[2].text == "1955"


def test_a_damaged_date_read_whole_by_the_english_model_is_taken_at_the_lower_confidence() -> None:
    binary, words = _page()
    # As the Vietnamese model reads a handwritten date: a stroke as a fraction slash, a 9 as a per cent sign.
    damaged = [Word("13/07/⁄1%55", 0.41, w.bbox, w.line_key) if w.text == "13/07/1955" else w for w in words]
    date = reread_figures(binary, damaged, 30)[2]
    assert date.text == "13/07/1955" and date.confidence == 0.41


def test_a_word_that_is_no_date_is_not_read_into_one() -> None:
    binary, words = _page()
    # "sinh:" is letters: read with figures only, the engine would make figures of it; it is not asked.
    assert reread_figures(binary, words, 30)[1] == words[1]


def test_the_punctuation_after_a_date_stays_with_it() -> None:
    page = render(["Sinh ngày 13/07/1955, tại Hà Nội"], size=(1300, 200))
    binary = cv2.threshold(to_grey(page.image), 128, 255, cv2.THRESH_BINARY)[1]
    words = recognise(binary)
    date = next(i for i, w in enumerate(words) if w.text.startswith("13/07/1955"))
    assert words[date].text == "13/07/1955,"
    misread = [Word("13/01/1955,", 0.99, w.bbox, w.line_key) if i == date else w for i, w in enumerate(words)]
    assert reread_figures(binary, misread, 30)[date].text == "13/07/1955,"
