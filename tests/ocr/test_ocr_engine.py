"""The engine: several small images read in one Tesseract run, each with its own words."""

from __future__ import annotations

import os
import subprocess

import cv2
import numpy as np
import pytest

from hotich.errors import OcrTimeoutError
from ocr.engine import recognise, recognise_many
from tests.ocr.conftest import render


def _line(text: str) -> np.ndarray:
    return cv2.cvtColor(render([text], size=(900, 200), font_size=40).image, cv2.COLOR_BGR2GRAY)[80:200]


def test_several_lines_read_in_one_run_come_back_each_with_its_own_words() -> None:
    lines = [_line("Nguyễn Thị Hường"), _line("14/3/1962"), _line("Trần Văn Lực")]
    read = recognise_many(lines, psm=7)
    assert [" ".join(w.text for w in words) for words in read] == ["Nguyễn Thị Hường", "14/3/1962", "Trần Văn Lực"]
    # The same words and boxes as one run per line, and about the same confidences.
    alone = recognise(lines[2], psm=7)
    assert [(w.text, w.bbox) for w in read[2]] == [(w.text, w.bbox) for w in alone]
    assert all(abs(a.confidence - b.confidence) < 0.03 for a, b in zip(read[2], alone, strict=True))
    assert recognise_many([]) == []


def test_told_which_characters_to_read_the_engine_reads_no_others() -> None:
    (words,) = recognise_many([_line("Số 249")], psm=7, allowed="0123456789")
    read = "".join(w.text for w in words)
    assert read.isdigit() and "249" in read  # "Số" read as figures or not at all, never as letters


def test_a_page_over_its_time_limit_is_a_clear_error_and_leaves_no_engine_running() -> None:
    noise = (np.random.default_rng(0).random((3000, 3000)) > 0.5).astype(np.uint8) * 255  # minutes of work
    with pytest.raises(OcrTimeoutError, match="longer than 1 s"):
        recognise(noise, timeout=1)
    mine = subprocess.run(["pgrep", "-P", str(os.getpid()), "-x", "tesseract"], capture_output=True)
    assert mine.returncode == 1  # none of this process's children is a tesseract still running
