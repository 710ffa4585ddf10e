"""Slanted writing: the slant is measured, and a doubted slanted line is read again upright."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

import ocr.slant
from hotich.errors import OcrEngineError
from ocr.engine import recognise, recognise_many
from ocr.slant import DOUBTED_LINE, SURE_PAGE, estimate_slant, reread_slanted_lines
from ocr.types import Word, letter_confidence
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


def test_a_page_read_surely_is_not_read_again_for_a_doubted_speck() -> None:
    # On print, the odd doubted word is a stamp or a signature: not worth a second engine start.
    image = _slanted(0.4)
    words = [replace(w, confidence=0.4 if w.text == "14" else 0.99) for w in recognise(image, psm=4)]
    assert letter_confidence(words)[0] >= SURE_PAGE
    assert reread_slanted_lines(image, words) == words
    less_sure = [replace(w, confidence=0.9) if w.confidence == 0.99 else w for w in words]
    assert reread_slanted_lines(image, less_sure) != less_sure


def _label_then_slanted_value(label_text: str, value_text: str, label_width: int) -> np.ndarray:
    label = render([label_text], size=(label_width + 20, 300), font_size=40).image
    label = cv2.cvtColor(label, cv2.COLOR_BGR2GRAY)
    value = cv2.cvtColor(render([value_text], size=(900, 300), font_size=40).image, cv2.COLOR_BGR2GRAY)
    height, width = value.shape
    matrix = np.array([[1, -0.4, 0.4 * height / 2], [0, 1, 0]], np.float32)
    value = cv2.warpAffine(value, matrix, (width, height), borderValue=255)
    joined = np.hstack([label[:, :label_width], value[:, 90:]])  # a word's space between them
    _, image = cv2.threshold(joined, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return image


@pytest.mark.parametrize(
    ("label", "value", "width"),
    [("Họ và tên:", "Nguyễn Thị Hường", 400), ("Nơi đăng ký khai sinh của người mẹ:", "Lựu", 870)],
)
def test_only_the_doubted_stretch_of_a_line_is_sheared_upright(label: str, value: str, width: int) -> None:
    """A printed label, then a handwritten value: the label is kept as read, the value read again."""
    image = _label_then_slanted_value(label, value, width)
    read = recognise(image, psm=4)
    # As the engine reads a form filled in by hand: the label sure, the value doubted.
    words = [w if w.bbox[2] < width else replace(w, confidence=0.4) for w in read]
    if len(value.split()) == 1:  # a line sure on the whole, but for its one handwritten word
        assert letter_confidence(words)[0] >= DOUBTED_LINE
    again = reread_slanted_lines(image, words)
    kept = [w for w in words if w.bbox[2] < width]
    assert cer(" ".join(w.text for w in kept), label) < 0.1 and all(w in again for w in kept)
    value_words = [w for w in again if w not in kept]
    assert " ".join(w.text for w in value_words) == value
    assert all(w.confidence > 0.4 and w.bbox[0] >= width for w in value_words)


def test_a_stretch_the_engine_dies_on_stays_as_first_read_and_the_others_are_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tesseract 5.3 dies of a floating-point exception on some lines of a stamp's scattered letters; that
    # killed the one run reading all of a page's stretches again, and the page with it.
    image = np.vstack([_slanted(0.4), _slanted(0.4)])
    doubted = [replace(w, confidence=0.4) for w in recognise(image, psm=4)]
    assert len({w.line_key for w in doubted}) == 2
    runs: list[int] = []

    def engine(images: list[np.ndarray], psm: int, timeout: float) -> list[list[Word]]:
        runs.append(len(images))
        if len(images) > 1 or len(runs) == 3:  # the run of both lines, then the second line alone
            raise OcrEngineError("Tesseract failed: Floating point exception")
        return recognise_many(images, psm, timeout)

    monkeypatch.setattr(ocr.slant, "recognise_many", engine)
    again = reread_slanted_lines(image, doubted)
    assert runs == [2, 1, 1]
    first, second = sorted(
        {w.line_key for w in doubted}, key=lambda k: min(w.bbox[1] for w in doubted if w.line_key == k)
    )
    assert min(w.confidence for w in again if w.line_key == first) > 0.4  # read again upright
    assert [w for w in again if w.line_key == second] == [w for w in doubted if w.line_key == second]


def test_words_of_other_lines_inside_a_doubted_stretch_are_not_read_twice() -> None:
    # A table row read as cells on lines of their own, and a line of two specks strewn along the row: the
    # specks' stretch spans the row, but the words read again over the cells' words are not added twice.
    image = _slanted(0.4)
    cells = [replace(w, confidence=0.95, line_key=(1, 1, 1)) for w in recognise(image, psm=4)]
    top, bottom = min(w.bbox[1] for w in cells), max(w.bbox[3] for w in cells)
    specks = [
        Word("`", 0.3, (5, top, 15, bottom), (2, 1, 1)),
        Word("x4", 0.3, (image.shape[1] - 20, top, image.shape[1] - 5, bottom), (2, 1, 1)),
    ]
    again = reread_slanted_lines(image, cells + specks)
    assert sorted(w.text for w in again) == sorted(w.text for w in cells + specks)
