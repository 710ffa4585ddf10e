"""Fonts that draw every Vietnamese letter; dates and numbers as clerks write them."""

from __future__ import annotations

import random

from synthetic.fonts import CANDIDATES, REQUIRED, fonts_for, missing_letters
from synthetic.wording import date_text, date_words, number_words


def test_every_font_used_draws_every_vietnamese_letter() -> None:
    assert {"ộ", "Ữ", "ơ", "Ư", "ặ", "Ỹ", "đ", "Đ"} <= REQUIRED
    for style in CANDIDATES:
        assert fonts_for(style)
        for path in fonts_for(style):
            assert missing_letters(path) == frozenset(), path
    # The check is real: DejaVu Sans Mono lacks ẩ, ễ… and is refused.
    assert missing_letters("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


def test_numbers_and_dates_in_words() -> None:
    assert number_words(14) == "mười bốn" and number_words(21) == "hai mươi mốt" and number_words(15) == "mười lăm"
    assert number_words(1962) == "một nghìn chín trăm sáu mươi hai"
    assert number_words(2005) == "hai nghìn không trăm linh năm"
    assert date_words("1962-03-14") == "Mười bốn tháng ba năm một nghìn chín trăm sáu mươi hai"


def test_dates_as_written() -> None:
    rng = random.Random(1)
    forms = {date_text("1962-03-14", rng) for _ in range(60)}
    assert forms == {"14/3/1962", "14-03-1962", "14/03/1962", "ngày 14 tháng 3 năm 1962"}
    assert date_text("1962-03-14", rng, long=True) == "ngày 14 tháng 3 năm 1962"
    assert date_text("1930", rng) == "1930"
