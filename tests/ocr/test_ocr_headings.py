"""A printed heading read with its marks lost or swapped is spelt as the form prints it."""

from __future__ import annotations

from ocr.headings import restore_headings
from ocr.types import Word


def _line(text: str, row: int = 0) -> list[Word]:
    return [Word(t, 0.8, (100 * i, 10 * row, 100 * i + 90, 10 * row + 8), (0, row)) for i, t in enumerate(text.split())]


def test_a_register_title_gets_its_marks_back() -> None:
    words = _line("SỐ ĐANG KY KET HON")
    restored = restore_headings(words)
    assert " ".join(w.text for w in restored) == "SỔ ĐĂNG KÝ KẾT HÔN"
    assert [(w.bbox, w.confidence, w.line_key) for w in restored] == [(w.bbox, w.confidence, w.line_key) for w in words]


def test_case_and_punctuation_stay_as_read() -> None:
    restored = restore_headings(_line("Đôc lap - Tư do - Hanh phuc") + _line("SỔ ĐĂNG KÝ NHẬN CHA, ME, CON.", 1))
    assert " ".join(w.text for w in restored) == "Độc lập - Tự do - Hạnh phúc SỔ ĐĂNG KÝ NHẬN CHA, MẸ, CON."


def test_only_a_whole_line_that_is_a_heading_is_spelt_again() -> None:
    lines = _line("Số đăng ky: 1234") + _line("SO DANG KY KET HON NAM", 1) + _line("CỘNG HOA XÃ HỘI", 2)
    assert restore_headings(lines) == lines
