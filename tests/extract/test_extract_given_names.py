"""Middle and given names with a mark misread, put back by the syllables Vietnamese names are made of."""

from __future__ import annotations

import pytest

from ocr.given_names import NAME_SYLLABLES, lookalike_name_syllable, name_syllable, nearest_name_syllable
from ocr.names import GUESSED_GIVEN_NAME, NAME_WORD_FLOOR, REPAIRED_GIVEN_NAME, normalise, read_confidence
from ocr.types import Word


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Chỉ", "Chi"),  # a word of its own, hardly ever a name
        ("Tuần", "Tuấn"),
        ("Nhưng", "Nhung"),
        ("Gìa", "Gia"),  # the mark on the wrong letter, no syllable at all
        ("Tháng", "Thắng"),  # Thắng and Thăng share its letters: the commoner
        ("Vân", None),  # a name of its own, not a misread Văn
        ("Định", None),  # nor Định an Đình
        ("Năm", None),  # nor the old generation's Năm a Nam
        ("Hoà", None),  # the old tone placement of Hòa is Hòa
        ("Xyz", None),  # no listed name has its letters: left as read
    ],
)
def test_the_name_a_misread_word_stands_for(word: str, name: str | None) -> None:
    assert name_syllable(word) == name


def test_the_list_names_each_syllable_once() -> None:
    assert len(NAME_SYLLABLES) == len(set(NAME_SYLLABLES))


def test_a_full_name_with_its_given_name_put_back_is_less_sure() -> None:
    assert normalise("mother_name", "Nguyễn Thị Thùy Chỉ") == ("Nguyễn Thị Thùy Chi", REPAIRED_GIVEN_NAME)
    assert normalise("mother_name", "Nguyễn Thị Thùy Chi") == ("Nguyễn Thị Thùy Chi", 1.0)
    # The family name is mended by the family names, never by the given ones ("Hồ" stays, "Mình" is mended).
    assert normalise("father_name", "Hồ Mình Tâm") == ("Hồ Minh Tâm", REPAIRED_GIVEN_NAME)


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("Nguyễn Thị ThẢo", "Nguyễn Thị Thảo"),  # "Th" and "Ảo" are no two words: a misread capital
        ("Phan Văn LộC", "Phan Văn Lộc"),
        ("LÊ Xuân Nghĩa", "Lê Xuân Nghĩa"),
        ("Nguyễn ThuHạnh", "Nguyễn Thu Hạnh"),  # two syllables run together are two words
        ("H'Hen Niê", "H'Hen Niê"),  # a name with an apostrophe keeps its case
    ],
)
def test_a_capital_inside_a_word_is_a_misread_letter_unless_it_starts_a_syllable(read: str, name: str) -> None:
    assert normalise("subject_name", read)[0] == name


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Khốnh", "Khánh"),  # no Vietnamese syllable: a letter off one name
        ("Mgọc", "Ngọc"),
        ("Km", "Kim"),
        ("kăn", "Văn"),  # a letter off Văn, Lan, Tân…: the commonest
        ("Tâm", None),  # Vietnamese: left to the list of marks, never guessed at
        ("Ngoc", None),  # Vietnamese as it stands (its marks are name_syllable's)
        ("Xyzw", None),  # nothing listed is that close
    ],
)
def test_an_impossible_word_of_a_name_is_the_commonest_name_a_letter_off(word: str, name: str | None) -> None:
    assert nearest_name_syllable(word) == name


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Rồng", "Hồng"),  # no name: a worn H read as R, B or N
        ("Niếu", "Hiếu"),
        ("Bữu", "Hữu"),
        ("Bức", "Đức"),  # ... a worn Đ as B
        ("Bình", None),  # a name of its own, never taken for Hình or Đình
        ("Nam", None),
        ("Rất", None),  # no name behind a look-alike capital either
        ("tiên", "Liên"),  # read in lower case: its capital lost, a handwritten L's loop read as a t
        ("xuân", "Xuân"),  # ... or lost, no look-alike listed
        ("Tiên", None),
    ],
)
def test_a_word_of_a_name_with_its_capital_read_as_a_look_alike(word: str, name: str | None) -> None:
    assert lookalike_name_syllable(word) == name


def test_a_name_with_a_look_alike_capital_put_back_is_a_guess() -> None:
    assert normalise("subject_name", "Lê Văn Ròa") == ("Lê Văn Hòa", GUESSED_GIVEN_NAME)


def test_a_name_with_a_guessed_word_is_less_sure_than_one_with_marks_put_back() -> None:
    assert normalise("subject_name", "Nguyễn Khốnh Tâm") == ("Nguyễn Khánh Tâm", GUESSED_GIVEN_NAME)
    assert GUESSED_GIVEN_NAME < REPAIRED_GIVEN_NAME


def test_a_listed_name_word_the_engine_doubts_counts_as_half_read() -> None:
    def word(text: str, confidence: float) -> Word:
        return Word(text, confidence, (0, 0, 10, 10), (1, 1, 1))

    clear = [word("Trần", 0.97), word("Hữu", 0.01), word("Phong", 0.94)]
    assert read_confidence("subject_name", clear) == NAME_WORD_FLOOR  # "Hữu" is a name as it stands
    assert read_confidence("subject_name", [word("Trần", 0.97), word("Hxu", 0.01)]) == 0.01  # a misread is not
    assert read_confidence("place_of_birth", [word("Hữu", 0.01)]) == 0.01  # names only
    assert read_confidence("subject_name", [word("Trần", 0.97), word("Hữu", 0.7)]) == 0.7  # only ever raised
