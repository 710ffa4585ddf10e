"""Misread family names put back: Vietnamese family names are few, and a full name starts with one."""

from __future__ import annotations

import pytest

from ocr.names import REPAIRED_FAMILY_NAME, family_name, normalise


@pytest.mark.parametrize(
    ("first", "family"),
    [
        ("Trấn", "Trần"),  # the only family name with these letters
        ("Nguyên", "Nguyễn"),
        ("Đình", "Đinh"),  # a middle name, never a family name
        ("Ngưyên", "Nguyễn"),  # no Vietnamese syllable: the only family name a letter away
        ("Nguyễn", None),  # already one
        ("Thân", None),  # a rarer family name, itself a syllable: left alone
        ("Lã", None),  # a family name of its own, not a misread "La"
        ("Minh", None),  # no family name at all: nothing stands out
        ("Hoòng", "Hoàng"),  # a syllable of its own, but no family name: the only one a letter away
        ("Phơm", "Phạm"),  # a letter from Phạm and from the rarer Phó: the common one
        ("Ninh", None),  # a rarer family name a letter from Đinh: left alone
        ("Thị", None),  # the middle name: the family name before it was lost, it is no "Thái" misread
        ("Thi", None),
        ("tê", "Lê"),  # read in lower case: its capital misread, the only common family name so rhymed
        ("an", "Phan"),  # ... or lost
        ("Tê", None),  # a capital read as one: no family name a letter away, left as read
        ("ào", "Đào"),
        ("ao", "Cao"),
        ("ô", None),  # a rhyme several share (Tô, Ngô): nothing stands out
        ("n", None),
    ],
)
def test_the_family_name_a_misread_first_syllable_stands_for(first: str, family: str | None) -> None:
    assert family_name(first) == family


def test_a_name_with_its_family_name_put_back_is_less_sure() -> None:
    assert normalise("mother_name", "tê Thanh Quỳnh") == ("Lê Thanh Quỳnh", REPAIRED_FAMILY_NAME)
    assert normalise("subject_name", "Trấn Thị Hà") == ("Trần Thị Hà", REPAIRED_FAMILY_NAME)
    assert normalise("subject_name", "Trần Thị Hà") == ("Trần Thị Hà", 1.0)
    assert normalise("subject_name", "Trấn")[0] == "Trấn"  # a lone word is no full name to mend


def test_the_middle_name_thi_with_its_mark_misread_is_put_back() -> None:
    assert normalise("mother_name", "Trần Thì Lan") == ("Trần Thị Lan", REPAIRED_FAMILY_NAME)
    assert normalise("mother_name", "Lê Thi")[0] == "Lê Thi"  # a given name Thi, last: left alone


def test_the_middle_name_van_with_its_mark_lost_is_put_back_and_van_of_its_own_stays() -> None:
    assert normalise("father_name", "Trần Van Phúc") == ("Trần Văn Phúc", REPAIRED_FAMILY_NAME)
    assert normalise("father_name", "Trần Vặn Phúc")[0] == "Trần Văn Phúc"
    assert normalise("mother_name", "Lê Vân Anh") == ("Lê Vân Anh", 1.0)


@pytest.mark.parametrize("middle", ["Vốn", "Võn", "Vũn", "Vun"])
def test_the_middle_name_van_with_its_vowel_misread_is_put_back(middle: str) -> None:
    assert normalise("father_name", f"Nguyễn {middle} Bình") == ("Nguyễn Văn Bình", REPAIRED_FAMILY_NAME)


@pytest.mark.parametrize(
    ("raw", "plausibility"),
    [
        ("Nguyễn Xuân Khoa", 1.0),
        ("Nguyễn Xuân", 0.9),  # two words: the given name may have wrapped onto a line OCR lost
        ("Phan Văn", 0.81),  # and a middle name never ends a full name
    ],
)
def test_a_full_name_cut_short_is_doubted(raw: str, plausibility: float) -> None:
    value, found = normalise("father_name", raw)
    assert value == raw and found == pytest.approx(plausibility)


@pytest.mark.parametrize(
    ("raw", "plausibility"),
    [
        ("Bệnh viện Việt Đức", 1.0),
        ("Bệnh viện Việt", 0.9),  # the rest of the hospital's name on a line OCR lost
        ("Nhà hộ sinh", 0.8),  # no name at all
        ("Tại nhà riêng", 1.0),
        ("nhà", 0.8),  # a place of one word: the rest lost
    ],
)
def test_an_institution_without_its_whole_name_is_doubted(raw: str, plausibility: float) -> None:
    value, found = normalise("place_of_birth", raw)
    assert value == raw and found == pytest.approx(plausibility)
