"""Rendered pages: ground-truth lines sit on ink, records are valid and match the page."""

from __future__ import annotations

import cv2
import jsonschema
import numpy as np
import pytest

from synthetic.corpus import PageSpec, render_page


def _check_lines_on_ink(image: np.ndarray, truth: dict) -> None:  # type: ignore[type-arg]
    height, width = image.shape[:2]
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    for line in truth["lines"]:
        assert line["text"] and line["text"] == " ".join(line["text"].split())
        x0, y0, x1, y1 = (round(v) for v in line["bbox"])
        assert 0 <= x0 < x1 <= width + 2 and 0 <= y0 < y1 <= height + 2, line
        assert (grey[max(0, y0) : y1, max(0, x0) : x1] < 128).any(), line["text"]


@pytest.mark.parametrize(
    ("kind", "record_type", "year", "style"),
    [
        ("certificate", "death", 1968, "handwriting"),
        ("certificate", "birth", 1995, "typewriter"),
        ("certificate", "civil_status_change", 2010, "printed"),
        ("register", "birth", 1962, "handwriting"),
        ("register", "adoption", 1988, "typewriter"),
        ("spread", "marriage", 2004, "printed"),
        ("cover", "death", 1970, None),
        ("blank", "birth", 1990, None),
    ],
)
def test_clean_pages_ground_truth(
    kind: str, record_type: str, year: int, style: str | None, record_validator: jsonschema.Draft202012Validator
) -> None:
    spec = PageSpec(2, 99, kind, record_type, year, "clean", "Bạch Đằng", "01", style)
    image, truth = render_page(spec)
    assert truth["kind"] == kind and truth["rotation"] == 0 and truth["level"] == "clean"
    assert truth["era"] == ("1956-1975" if year <= 1975 else "1976-1999" if year <= 1999 else "2000-")
    _check_lines_on_ink(image, truth)
    text = "\n".join(line["text"] for line in truth["lines"])
    if kind == "blank":
        assert truth["lines"] == [] and truth["records"] == []
        return
    if kind == "cover":
        assert truth["records"] == [] and "SỔ ĐĂNG KÝ KHAI TỬ" in text and "VIỆT NAM DÂN CHỦ CỘNG HÒA" in text
        return
    assert truth["records"]
    for index, record in enumerate(truth["records"]):
        record_validator.validate(record)
        assert record["entry_index"] == index and record["page_number"] == 2 and record["record_type"] == record_type
        for name in ("subject_name", "husband_name", "wife_name", "father_name", "place_of_death", "cause_of_death"):
            if name in record["fields"] and kind == "certificate":
                assert record["fields"][name] in text  # what the record says is written on the page
    if kind == "certificate":
        header = "VIỆT NAM DÂN CHỦ CỘNG HÒA" if year <= 1975 else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert header in text and "Độc lập - Tự do - Hạnh phúc" in text
    else:  # a register: numbered on, in date order
        numbers = [int(r["fields"]["registration_number"]) for r in truth["records"]]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        dates = [r["fields"]["registration_date"] for r in truth["records"]]
        if kind == "register":
            assert dates == sorted(dates)
            assert 1 <= len(numbers) <= 11
    if kind == "spread":  # entries on both facing pages
        middle = image.shape[1] / 2
        assert any(r["bbox"][2] < middle for r in truth["records"])
        assert any(r["bbox"][0] > middle for r in truth["records"])


def test_same_spec_same_page_and_degraded_pages_keep_truth_on_ink() -> None:
    spec = PageSpec(3, 7, "certificate", "birth", 1990, "moderate", "Kim Liên", "02", "printed")
    first, truth = render_page(spec)
    again, truth_again = render_page(spec)
    assert np.array_equal(first, again) and truth == truth_again
    clean, _ = render_page(PageSpec(3, 7, "certificate", "birth", 1990, "clean", "Kim Liên", "02", "printed"))
    assert float(np.mean(first)) < float(np.mean(clean)) - 5  # yellowed paper, uneven light
    red = (first[:, :, 2].astype(int) - first[:, :, 1].astype(int)) > 80
    assert red.sum() > 500  # the office's red seal
    assert truth["skew"] != 0
    if truth["rotation"] == 0:  # boxes moved through the skew still cover ink
        _check_lines_on_ink(first, truth)
