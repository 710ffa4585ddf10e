"""An OCRed page in, the records it holds out: page kind → record type → entries and fields."""

from __future__ import annotations

from dataclasses import replace

from hotich.domain import ExtractedRecord
from ocr.book_year import check_spouse_ages
from ocr.certificate import extract_certificate
from ocr.classify import TITLED, classify
from ocr.layout import Frame, leaf_kind, page_kind, rows, split_leaves, upright
from ocr.register import extract_register
from ocr.types import OcrPage


def extract_records(page: OcrPage, kind: str | None = None) -> list[ExtractedRecord]:
    """Every record on ``page`` (none for covers, index pages and blanks), fields with confidences and boxes
    on the original image.

    A two-page spread is read leaf by leaf, entries numbered on across them; a leaf without its own
    title (the left page of a register often has none) takes the type of the other."""
    kind = kind or page_kind(page)
    if kind not in {"register", "certificate"}:
        return []
    if "spread_split" in page.quality_flags and kind == "register":
        records = _spread(page)
    else:
        turned, frame = upright(page)
        records = _back(frame, _records(turned, kind))
    for index, record in enumerate(records):
        record.entry_index = index
        check_spouse_ages(record)
    return _discounted(page, records)


# Page flags under which the engine's word confidences run high (handwriting reads as confident nonsense).
DOUBTFUL_FLAGS = {"likely_handwriting": 0.88, "low_confidence": 0.9}


def _discounted(page: OcrPage, records: list[ExtractedRecord]) -> list[ExtractedRecord]:
    factor = 1.0
    for flag, weight in DOUBTFUL_FLAGS.items():
        if flag in page.quality_flags:
            factor *= weight
    if factor < 1.0:
        for record in records:
            for found in record.fields.values():
                if found.confidence is not None:
                    found.confidence = round(found.confidence * factor, 4)
    return records


def _back(frame: Frame, records: list[ExtractedRecord]) -> list[ExtractedRecord]:
    """Boxes found on the upright page, put back on the original image."""
    for record in records:
        record.bbox = frame.to_original(record.bbox)
        for name, found in record.fields.items():
            record.fields[name] = replace(found, bbox=frame.to_original(found.bbox))
    return records


def _spread(page: OcrPage) -> list[ExtractedRecord]:
    leaves = [upright(leaf) for leaf in split_leaves(page)]
    typed = [(leaf, frame, classify([line.text for line in rows(leaf).lines])) for leaf, frame in leaves]
    titled = [t for _, _, t in typed if t[1] >= TITLED]
    records: list[ExtractedRecord] = []
    for leaf, frame, (record_type, confidence) in typed:
        if confidence < TITLED and titled:
            record_type, confidence = max(titled, key=lambda t: t[1])
        kind = leaf_kind(leaf)
        if kind == "register":
            found = extract_register(rows(leaf), record_type, confidence)
        elif kind == "certificate":
            found = [extract_certificate(rows(leaf), record_type, confidence)]
        else:
            found = []
        records += _back(frame, [r for r in found if r.fields])
    # A wide single page taken for a spread reads better whole: keep the reading with more fields.
    turned, frame = upright(page)
    whole = _back(frame, _records(turned, "register"))
    if sum(len(r.fields) for r in whole) > sum(len(r.fields) for r in records):
        return whole
    return records


def _records(page: OcrPage, kind: str) -> list[ExtractedRecord]:
    whole = rows(page)
    record_type, type_confidence = classify([line.text for line in whole.lines])
    if kind == "register":
        records = extract_register(whole, record_type, type_confidence)
        if records:
            return records
    record = extract_certificate(whole, record_type, type_confidence)
    return [record] if record.fields else []
