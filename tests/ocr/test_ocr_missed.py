"""Writing the engine's page reading passed over, found and read again (real Tesseract)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr import missed, pipeline
from ocr.engine import recognise
from ocr.missed import find_stretches, read_missed
from ocr.pipeline import read_page
from ocr.preprocess import PrepareOptions, estimate_text_height, to_grey
from ocr.types import PageImage, Word
from tests.ocr.conftest import render

LINES = ["Họ và tên: Nguyễn Thị Hường", "Nơi sinh: Bệnh viện Bạch Mai"]


def _binary(image: np.ndarray) -> np.ndarray:
    return cv2.threshold(to_grey(image), 128, 255, cv2.THRESH_BINARY)[1]


def test_a_line_the_engine_passed_over_is_read_with_its_boxes_on_the_page() -> None:
    page = render(LINES, size=(1300, 400))
    binary = _binary(page.image)
    words = recognise(binary)
    first = [w for w in words if w.line_key == words[0].line_key]
    assert " ".join(w.text for w in first) == LINES[0]

    found = read_missed(binary, first, estimate_text_height(to_grey(page.image)))
    assert " ".join(w.text for w in found) == LINES[1]
    for word in found:
        x0, y0, x1, y1 = page.boxes[word.text]
        assert abs(word.bbox[0] - x0) <= 6 and abs(word.bbox[2] - x1) <= 6
        assert word.bbox[1] < y1 and word.bbox[3] > y0
    assert read_missed(binary, words, 38) == []  # nothing left over, nothing read


def test_specks_a_dashed_fold_a_rule_remnant_and_a_letters_tail_are_not_writing() -> None:
    image = np.full((600, 1400), 255, np.uint8)
    rng = np.random.default_rng(1)
    for x, y in rng.integers(20, 580, size=(300, 2)):
        image[y : y + 3, x : x + 3] = 0  # grain
    for y in range(10, 590, 14):
        image[y : y + 9, 700:704] = 0  # a fold binarised into dashes, each as tall as a small letter
    image[300:304, 100:600] = 0  # what is left of a rule
    image[100:160, 1000:1006] = 0  # a stain's streak taller than any letter
    image[450:478, 1200:1220] = 0  # a letter's tail the box of its word left out: no word, however inky
    assert find_stretches(image, 35) == []


def test_the_page_reading_keeps_what_the_engines_layout_analysis_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    # The engine's page run loses the second line (as it loses a column of short entries on a stained
    # register); the page still has it, in place.
    recognise_page = pipeline._recognise

    def losing_a_line(image: np.ndarray, psm: int, timeout: float) -> list[Word]:
        words = recognise_page(image, psm, timeout)
        return [w for w in words if w.line_key == words[0].line_key]

    monkeypatch.setattr(pipeline, "_recognise", losing_a_line)
    scan = PageImage(1, render(LINES, size=(1300, 400)).image, dpi=300)
    assert read_page(scan).text == "\n".join(LINES)
    assert read_page(scan, options=PrepareOptions(read_missed=False)).text == LINES[0]


def test_a_stretch_read_as_nothing_at_its_size_is_read_again_enlarged(monkeypatch: pytest.MonkeyPatch) -> None:
    # As Tesseract reads some plain lines as single lines at their own size (a typed value set above the
    # label's baseline): nothing at all. Enlarged, the same crop reads whole, its boxes back on the page.
    page = render(LINES, size=(1300, 400))
    binary = _binary(page.image)
    first = [w for w in recognise(binary) if w.line_key == (1, 1, 1)]
    engine = missed.recognise_many
    runs: list[int] = []

    def blank_at_own_size(images: list[np.ndarray], *args: object) -> list[list[Word]]:
        runs.append(len(images))
        return [[] for _ in images] if len(runs) == 1 else engine(images, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(missed, "recognise_many", blank_at_own_size)
    found = read_missed(binary, first, estimate_text_height(to_grey(page.image)))
    assert runs == [1, 1]
    assert " ".join(w.text for w in found) == LINES[1]
    for word in found:
        x0, y0, x1, y1 = page.boxes[word.text]
        assert abs(word.bbox[0] - x0) <= 6 and abs(word.bbox[2] - x1) <= 6
        assert word.bbox[1] < y1 and word.bbox[3] > y0
