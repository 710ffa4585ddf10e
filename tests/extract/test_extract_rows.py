"""Physical rows put back together from the engine's lines before fields are read."""

from __future__ import annotations

from dataclasses import replace

from ocr.extract import extract_records
from ocr.pipeline import page_from_words
from ocr.types import OcrPage, Word
from tests.extract.pages import page_of

HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def _apart(page: OcrPage, texts: set[str], drop: int) -> OcrPage:
    """The page as the engine reads handwriting: the words ``texts`` written ``drop`` px low and read
    as a line of their own, after the line they belong to."""
    kept: list[Word] = []
    moved: list[Word] = []
    for word in page.words:
        if word.text in texts:
            x0, y0, x1, y1 = word.bbox
            moved.append(replace(word, bbox=(x0, y0 + drop, x1, y1 + drop), line_key=(99, *word.line_key)))
        else:
            kept.append(word)
    return page_from_words(1, page.width, page.height, kept + moved, [])


def test_words_written_a_little_low_between_a_lines_words_join_their_row() -> None:
    page = page_of(
        [
            "UBND PHƯỜNG NGUYỄN DU",
            *HEADER,
            "Số: 107   Quyển số: 05",
            "TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON",
            "Họ, chữ đệm, tên: Trần Ngọc Hằng",
            "Giới tính: Nữ",
            "Nơi cư trú: số 3 phố Huế, phường Nguyễn Du, Hà Nội",
            "Họ và tên người nhận: Nguyễn Thị Anh",
        ]
    )
    (record,) = extract_records(_apart(page, {"Ngọc", "Du,", "Nội"}, 9))
    assert record.value("subject_name") == "Trần Ngọc Hằng"
    assert record.value("residence") == "Số 3 phố Huế, phường Nguyễn Du, Hà Nội"
