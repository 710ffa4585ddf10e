"""Physical rows put back together from the engine's lines before fields are read."""

from __future__ import annotations

from dataclasses import replace

from ocr.extract import extract_records
from ocr.pipeline import page_from_words
from ocr.types import OcrPage, Word
from tests.extract.pages import page_of, table_of

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


def test_a_word_read_with_the_wrapped_word_under_it_goes_back_to_its_row() -> None:
    header = ["Số", "Họ và tên", "Ngày sinh", "Nơi sinh", "Ngày đăng ký"]
    rows = [
        ["51", "Trần Thị Diệp", "26/4/1960", "Bệnh viện Phụ sản Hà", "9/5/1960"],
        ["", "", "", "Nội"],  # the place wraps
        [],
        ["52", "Ngô Thanh My", "14/5/1960", "Tại nhà riêng", "23/5/1960"],
    ]
    page = table_of(header, rows, [110, 450, 260, 450, 300])
    # The engine reads "Bệnh" with the "Nội" under it as one line, its box reaching down over "Nội".
    words: list[Word] = []
    for word in page.words:
        if word.text == "Bệnh":
            continue
        if word.text == "Nội":
            first = next(w for w in page.words if w.text == "Bệnh")
            x0, y0, x1, y1 = first.bbox
            words.append(replace(first, bbox=(x0, y0, x1, y1 + 30), line_key=word.line_key))
        words.append(word)
    records = extract_records(page_from_words(1, page.width, page.height, words, []))
    assert records[0].value("place_of_birth") == "Bệnh viện Phụ sản Hà Nội"


def test_a_wrapped_cells_lines_keep_their_order_when_a_hooked_word_reaches_down_over_the_next() -> None:
    header = ["Số", "Họ và tên", "Ngày sinh", "Nơi sinh", "Ngày đăng ký"]
    rows = [
        ["252", "Lê Văn An", "5/3/1961", "Số 37 phố Kim Mã,", "4/8/1989"],
        ["", "", "", "phường Đồng Nhân, Hà"],
        ["", "", "", "Nội"],  # the place wraps twice
    ]
    page = table_of(header, rows, [110, 450, 260, 450, 300])
    # Handwriting: "phường" is read with its hooks, twice a line's height, down beside the "Nội" under
    # it, and "Nội" starts a pixel further left.
    words: list[Word] = []
    for word in page.words:
        x0, y0, x1, y1 = word.bbox
        if word.text == "phường":
            word = replace(word, bbox=(x0, y0 - 10, x1, y1 + 40))
        elif word.text == "Nội":
            word = replace(word, bbox=(x0 - 1, y0 - 10, x1 - 1, y1 - 10))
        words.append(word)
    records = extract_records(page_from_words(1, page.width, page.height, words, []))
    assert records[0].value("place_of_birth") == "Số 37 phố Kim Mã, phường Đồng Nhân, Hà Nội"


def test_the_end_of_a_wrapped_cell_read_with_the_line_above_goes_back_after_its_rows_start() -> None:
    header = ["Số", "Họ và tên", "Ngày sinh", "Nơi sinh", "Ngày đăng ký"]
    rows = [
        ["231", "Ngô Văn Hòa", "13/5/1939", "Số 53 phố Giải Phóng,", "20/6/1964"],
        ["", "", "", "phường Trung Tự, Hà"],
        ["", "", "", "Nội"],
    ]
    page = table_of(header, rows, [110, 450, 260, 450, 300])
    # The engine reads the cell as a block: "Số 53 phố Giải Phóng," with "Tự, Hà" under it (written a
    # little high) as one line, apart from the rest of its row, and "phường Trung" as a line of its own.
    cell = [w for w in page.words if w.text in {"Số", "53", "phố", "Giải", "Phóng,", "Tự,", "Hà"} and w.bbox[1] > 200]
    words = [w for w in page.words if w not in cell]
    for word in cell:
        x0, y0, x1, y1 = word.bbox
        high = 4 if word.text in {"Tự,", "Hà"} else 0
        words.append(replace(word, bbox=(x0, y0 - high, x1, y1 - high), line_key=(77,)))
    records = extract_records(page_from_words(1, page.width, page.height, words, []))
    assert records[0].value("place_of_birth") == "Số 53 phố Giải Phóng, phường Trung Tự, Hà Nội"
