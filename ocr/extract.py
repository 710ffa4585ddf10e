"""An OCRed page in, the records it holds out: page kind → record type → entries and fields."""

from __future__ import annotations

from hotich.domain import ExtractedRecord
from ocr.certificate import extract_certificate
from ocr.classify import classify
from ocr.layout import page_kind
from ocr.register import extract_register
from ocr.types import OcrPage


def extract_records(page: OcrPage, kind: str | None = None) -> list[ExtractedRecord]:
    """Every record on ``page`` (none for covers, index pages and blanks), fields with confidences and boxes.

    A two-page spread is read as its two halves, entries numbered on across them."""
    kind = kind or page_kind(page)
    if kind not in {"register", "certificate"}:
        return []
    record_type, type_confidence = classify([line.text for line in page.lines])
    if kind == "register":
        records: list[ExtractedRecord] = []
        for half in _halves(page):
            for record in extract_register(half, record_type, type_confidence):
                record.entry_index = len(records)
                records.append(record)
        if records:
            return records
    record = extract_certificate(page, record_type, type_confidence)
    return [record] if record.fields else []


def _halves(page: OcrPage) -> list[OcrPage]:
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
