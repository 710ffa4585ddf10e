"""The printed headings of civil-status papers, their marks put back where the engine lost them.

Tesseract's Vietnamese model often loses or swaps the marks of large capitals: "SỐ ĐANG KY KET HON"
for "SỔ ĐĂNG KÝ KẾT HÔN", "CỘNG HOA XA HỘI" for "CỘNG HÒA XÃ HỘI". A heading is fixed wording of the
official forms, so a line whose words fold (no marks, đ → d) to exactly those of one heading, word for
word, is that heading: each word takes the heading's letters and keeps its own case, box and confidence.
Only a whole line is matched, so "Số đăng ký" (a registration number's label) inside a line is left as read.
"""

from __future__ import annotations

from functools import lru_cache

from hotich.text import fold
from ocr.types import Word, by_line
from ocr.vietnamese import LETTER_RUN

# Wording of the forms of 1956 to today (register and certificate titles, the state's headings, the
# signatures' titles), as printed; one tone placement (hòa, ủy).
HEADINGS = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "VIỆT NAM DÂN CHỦ CỘNG HÒA",
    "Độc lập - Tự do - Hạnh phúc",
    "SỔ ĐĂNG KÝ KHAI SINH",
    "SỔ ĐĂNG KÝ KẾT HÔN",
    "SỔ ĐĂNG KÝ KHAI TỬ",
    "SỔ ĐĂNG KÝ NHẬN CHA, MẸ, CON",
    "SỔ ĐĂNG KÝ NUÔI CON NUÔI",
    "SỔ ĐĂNG KÝ GIÁM HỘ",
    "SỔ ĐĂNG KÝ THAY ĐỔI, CẢI CHÍNH HỘ TỊCH",
    "SỔ ĐĂNG KÝ THAY ĐỔI, CẢI CHÍNH, BỔ SUNG HỘ TỊCH",
    "SỔ ĐĂNG KÝ HỘ TỊCH",
    "GIẤY KHAI SINH",
    "GIẤY CHỨNG NHẬN KẾT HÔN",
    "GIẤY CHỨNG TỬ",
    "GIẤY BÁO TỬ",
    "GIẤY CHỨNG NHẬN NHẬN CHA, MẸ, CON",
    "GIẤY CHỨNG NHẬN NUÔI CON NUÔI",
    "TRÍCH LỤC KHAI SINH",
    "TRÍCH LỤC KẾT HÔN",
    "TRÍCH LỤC KHAI TỬ",
    "TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON",
    "TRÍCH LỤC ĐĂNG KÝ NUÔI CON NUÔI",
    "TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ",
    "TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH",
    "TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH",
    "ỦY BAN NHÂN DÂN",
    "ỦY BAN HÀNH CHÍNH",
    "TM. ỦY BAN NHÂN DÂN",
    "TM. ỦY BAN HÀNH CHÍNH",
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "CÁN BỘ HỘ TỊCH",
    "CÁN BỘ TƯ PHÁP - HỘ TỊCH",
    "NGƯỜI THỰC HIỆN",
    "NGƯỜI ĐI KHAI",
)


@lru_cache(maxsize=1)
def _by_folded() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each heading's words (letters only) under their folded forms."""
    return {tuple(fold(w) for w in words): words for words in (tuple(LETTER_RUN.findall(h)) for h in HEADINGS)}


def restore_headings(words: list[Word]) -> list[Word]:
    """``words`` (in reading order, grouped by ``line_key``) with each line that is a heading of
    ``HEADINGS`` but for its marks spelt as the heading."""
    restored: dict[int, Word] = {}
    for line in by_line(words).values():
        spans = [(w, m) for w in line for m in LETTER_RUN.finditer(w.text)]
        heading = _by_folded().get(tuple(fold(m.group()) for _, m in spans))
        if heading is None or any(len(h) != len(m.group()) for h, (_, m) in zip(heading, spans, strict=True)):
            continue
        texts = {id(w): w.text for w in line}
        # From the line's end, so a word read as two runs of letters ("CHA,MẸ") keeps its offsets right.
        for (word, match), letters in reversed(list(zip(spans, heading, strict=True))):
            read = match.group()
            spelt = "".join(h.upper() if r.isupper() else h.lower() for h, r in zip(letters, read, strict=True))
            text = texts[id(word)]
            texts[id(word)] = text[: match.start()] + spelt + text[match.end() :]
        for word in line:
            restored[id(word)] = Word(texts[id(word)], word.confidence, word.bbox, word.line_key)
    return [restored.get(id(w), w) for w in words]
