"""The extraction bench: a kept OCR reading is read back instead of OCRing again; wrong fields are listed."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from bench.accuracy import Page
from bench.extraction import _ocr_cached, errors_of


def test_a_kept_reading_is_used_instead_of_ocring_again(tmp_path: Path) -> None:
    image = tmp_path / "page.png"
    image.write_bytes(b"not an image: OCRing it would fail")
    cache = tmp_path / "cache"
    cache.mkdir()
    key = hashlib.sha256(image.read_bytes()).hexdigest()[:32]
    (cache / f"{key}.pickle").write_bytes(pickle.dumps({"kept": "reading"}))
    assert _ocr_cached(str(image), str(cache), fresh=False) == {"kept": "reading"}


def test_errors_name_each_wrong_or_missed_field_of_the_closest_record() -> None:
    truth: dict[str, Any] = {
        "record_type": "birth",
        "fields": {"subject_name": "Nguyễn Văn Hòa", "sex": "Nam", "date_of_birth": "1962-03-14"},
    }
    page = Page(Path("p1.png"), "", [truth], "moderate", "typed", "register")
    predicted = [
        {"record_type": "birth", "fields": {"subject_name": {"value": "Lê Thị Lan", "confidence": 0.9}}},
        {
            "record_type": "birth",
            "fields": {
                "subject_name": {"value": "Nguyễn  Văn Hòa", "confidence": 0.95},
                "sex": {"value": "Nữ", "confidence": 0.6},
            },
        },
    ]
    errors = errors_of(page, predicted)
    assert [(e["field"], e["found"], e["confidence"]) for e in errors] == [
        ("sex", "Nữ", 0.6),
        ("date_of_birth", None, None),
    ]
    assert {e["level"] for e in errors} == {"moderate"}
