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
    # Lines with a label for a person's field ("Số", "Quyển số" also appear on register covers).
    labelled = sum(
        1
        for line in page.lines
        if any(m.field not in {"registration_number", "book_number"} for m in find_labels([w.text for w in line.words]))
    )
    titled = any(word in top for word in ("giay", "trich luc", "ban sao", "chung nhan"))
    if labelled >= 3 or (labelled >= 1 and titled):
        return "certificate"
    return "cover"
