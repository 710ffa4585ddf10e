"""Tesseract through pytesseract: one call per page image, words with boxes and confidences out.

Tesseract runs single-threaded per page (``OMP_THREAD_LIMIT=1``): parallelism comes from pages, so
two pages on two cores never fight over four OpenMP threads.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import tempfile
from typing import Any

import cv2
import numpy as np
import pytesseract

from hotich.domain import nfc
from hotich.errors import OcrEngineError, OcrTimeoutError
from ocr.types import Word

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LANGUAGE = "vie"
PSM_BY_KIND = {"register": 4, "certificate": 4, "page": 3, "sparse": 11, "block": 6}


def line_margin(text_height: float) -> int:
    """The paper a line cut from a page is given above and below (px) for the engine to read it as a line."""
    return int(text_height * 0.4) + 4


def recognise(image: np.ndarray, psm: int = 4, timeout: float = 0, language: str = LANGUAGE) -> list[Word]:
    """Words of a preprocessed grey/binary page, in the image's own pixel coordinates, reading order."""
    return recognise_many([image], psm, timeout, language)[0]


def recognise_many(
    images: list[np.ndarray], psm: int = 7, timeout: float = 0, language: str = LANGUAGE, allowed: str = ""
) -> list[list[Word]]:
    """The words of each of ``images``, read in one Tesseract run from a list file: starting the engine
    and loading its model costs about a tenth of a second, more than reading a line, so a page's lines
    read again together cost one start instead of one each. Images are handed over as uncompressed
    PGM/PPM files (a PNG took ~0.1 s to encode for an upscaled page). With ``allowed``, the engine reads
    those characters only."""
    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="hotich-lines-") as folder:
        names = []
        for i, image in enumerate(images):
            names.append(os.path.join(folder, f"{i:04d}.pgm" if image.ndim == 2 else f"{i:04d}.ppm"))
            cv2.imwrite(names[-1], image)
        listing = os.path.join(folder, "images.txt")
        with open(listing, "w", encoding="utf-8") as listed:
            listed.write("\n".join(names) + "\n")
        command = [pytesseract.pytesseract.tesseract_cmd, listing, "stdout", "-l", language]
        command += ["--oem", "1", "--psm", str(psm), "-c", "preserve_interword_spaces=1"]
        if allowed:
            command += ["-c", f"tessedit_char_whitelist={allowed}"]
        command.append("tsv")
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout or None, check=False)
        except subprocess.TimeoutExpired as error:
            raise OcrTimeoutError(f"Tesseract took longer than {timeout:.0f} s") from error
        except FileNotFoundError as error:
            raise OcrEngineError(
                "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
            ) from error
    if done.returncode != 0:
        raise OcrEngineError(f"Tesseract failed: {done.stderr.decode('utf-8', 'replace').strip()[-300:]}")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE))
    out: list[list[Word]] = []
    for page in range(1, len(images) + 1):
        mine = [row for row in rows if row["page_num"] == str(page)]
        out.append(_words({key: [row[key] or "" for row in mine] for key in TSV_COLUMNS}))
    return out


TSV_COLUMNS = ("text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num")


def _words(data: dict[str, list[Any]]) -> list[Word]:
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = nfc(text.strip())
        confidence = float(data["conf"][i])
        if not text or confidence < 0:
            continue
        left, top, width, height = (int(data[key][i]) for key in ("left", "top", "width", "height"))
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        words.append(Word(text, confidence / 100.0, (left, top, left + width, top + height), key))
    return words


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_orientation(image: np.ndarray, timeout: float = 20) -> tuple[int, float]:
    """Tesseract's orientation and script detection: (clockwise degrees that make the page upright,
    confidence). (0, 0.0) when the page has too little text to tell."""
    try:
        report = pytesseract.image_to_osd(image, config="--psm 0 -c min_characters_to_try=20", timeout=timeout)
    except (pytesseract.TesseractError, RuntimeError):
        return 0, 0.0
    rotate = _ROTATE.search(report)
    confidence = _CONFIDENCE.search(report)
    if not rotate:
        return 0, 0.0
    return int(rotate.group(1)) % 360, float(confidence.group(1)) if confidence else 0.0
