"""An OCRed page in, the records it holds out: page kind → record type → entries and fields."""

from __future__ import annotations

from hotich.domain import ExtractedRecord
from ocr.certificate import extract_certificate
from ocr.classify import classify
from ocr.layout import page_kind, rows
from ocr.register import extract_register
from ocr.types import OcrPage


def extract_records(page: OcrPage, kind: str | None = None) -> list[ExtractedRecord]:
    """Every record on ``page`` (none for covers, index pages and blanks), fields with confidences and boxes.

    A two-page spread is read as its two halves, entries numbered on across them."""
    kind = kind or page_kind(page)
    if kind not in {"register", "certificate"}:
        return []
    return _discounted(page, _records(page, kind))


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


def _records(page: OcrPage, kind: str) -> list[ExtractedRecord]:
    whole = rows(page)
    record_type, type_confidence = classify([line.text for line in whole.lines])
    if kind == "register":
        records: list[ExtractedRecord] = []
        for half in halves(page):
            records += extract_register(rows(half), record_type, type_confidence)
        if len(halves(page)) > 1:
            # A wide single page taken for a spread reads better whole: keep the reading with more fields.
            single = extract_register(whole, record_type, type_confidence)
            if sum(len(r.fields) for r in single) > sum(len(r.fields) for r in records):
                records = single
        for index, record in enumerate(records):
            record.entry_index = index
        if records:
            return records
    record = extract_certificate(whole, record_type, type_confidence)
    return [record] if record.fields else []


def halves(page: OcrPage) -> list[OcrPage]:
    """The two pages of a spread (the OCR split it and keyed each line by its half), or the page itself."""
    if "spread_split" not in page.quality_flags:
        return [page]
    halves = []
    for half in (0, 1):
        lines = [line for line in page.lines if line.words and line.words[0].line_key[:1] == (half,)]
        words = [w for line in lines for w in line.words]
        text = "\n".join(line.text for line in lines)
        halves.append(
            OcrPage(
                page.page_number,
                page.width,
                page.height,
                text,
                page.mean_confidence,
                words,
                lines,
                page.quality_flags,
                page.source,
            )
        )
    return halves
