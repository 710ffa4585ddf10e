"""What kind of page this is: a register page, a single certificate or extract, a cover, an index page,
or a blank. Decided from the OCR words alone."""

from __future__ import annotations

from hotich.text import fold
from ocr.labels import find_labels
from ocr.register import find_table
from ocr.types import OcrPage

PAGE_KINDS = ("register", "certificate", "cover", "index", "blank")
_INDEX_TITLES = ("muc luc", "danh muc", "so theo doi", "bang tra cuu")


def page_kind(page: OcrPage) -> str:
    letters = sum(ch.isalpha() for ch in page.text)
    if "blank" in page.quality_flags or letters < 12:
        return "blank"
    top = " ".join(fold(line.text) for line in page.lines[:6])
    if any(title in top for title in _INDEX_TITLES):
        return "index"
    if find_table(page) is not None:
        return "register"
    labelled = sum(1 for line in page.lines if find_labels([w.text for w in line.words]))
    if labelled >= 3:
        return "certificate"
    return "cover"
