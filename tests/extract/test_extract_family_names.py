"""Misread family names put back: Vietnamese family names are few, and a full name starts with one."""

from __future__ import annotations

import pytest

from hotich.domain import ExtractedField
from ocr.names import REPAIRED_FAMILY_NAME, family_name, middle_name_by_sex, normalise


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
        ("Roàng", "Hoàng"),  # a common family name, its capital read as a look-alike
        ("Buỳnh", "Huỳnh"),
        ("Bùi", None),  # a family name of its own
        ("Rương", None),  # no one common family name behind a look-alike capital (Dương, Trương, Lương...)
        ("Muyễn", "Nguyễn"),  # its first consonants misread into no name: the only family name so rhymed
        ("Nuyễn", "Nguyễn"),
        ("Hùng", None),  # a given name (the family name lost): no "Phùng"
        ("tệ", "Lê"),  # a handwritten L read as a t, its tone misread
    ],
)
def test_the_family_name_a_misread_first_syllable_stands_for(first: str, family: str | None) -> None:
    assert family_name(first) == family


def test_a_name_with_its_family_name_put_back_is_less_sure() -> None:
    assert normalise("mother_name", "tê Thanh Quỳnh") == ("Lê Thanh Quỳnh", REPAIRED_FAMILY_NAME)
    assert normalise("subject_name", "Trấn Thị Hà") == ("Trần Thị Hà", REPAIRED_FAMILY_NAME)
    assert normalise("subject_name", "Trần Thị Hà") == ("Trần Thị Hà", 1.0)
    assert normalise("subject_name", "Trấn")[0] == "Trấn"  # a lone word is no full name to mend


def test_a_family_name_cut_in_two_is_put_back_together() -> None:
    assert normalise("subject_name", "Ngụy Ễn Hữu Cường") == ("Nguyễn Hữu Cường", REPAIRED_FAMILY_NAME)
    assert normalise("father_name", "Hoà Ng Văn Nam")[0] == "Hoàng Văn Nam"
    assert normalise("subject_name", "Ph An Khang")[0] == "Ph An Khang"  # "An" is a name of its own
    assert normalise("subject_name", "Ngụy Ễn")[0] == "Ngụy Ễn"  # no given name left to keep: as read


def test_a_speck_at_a_name_words_edge_goes_and_a_hyphen_or_apostrophe_inside_stays() -> None:
    assert normalise("registrar_name", "Nguyễn Xuân 'Toàn")[0] == "Nguyễn Xuân Toàn"
    assert normalise("subject_name", "Lê Văn An-")[0] == "Lê Văn An"
    assert normalise("subject_name", "H'Hen Niê")[0] == "H'Hen Niê"
    assert normalise("subject_name", "Y-Moan Ê-nuôl")[0] == "Y-Moan Ê-nuôl"


def test_the_middle_name_thi_with_its_mark_misread_is_put_back() -> None:
    assert normalise("mother_name", "Trần Thì Lan") == ("Trần Thị Lan", REPAIRED_FAMILY_NAME)
    assert normalise("mother_name", "Lê Thi")[0] == "Lê Thi"  # a given name Thi, last: left alone


def test_the_middle_name_van_with_its_mark_lost_is_put_back_and_van_of_its_own_stays() -> None:
    assert normalise("father_name", "Trần Van Phúc") == ("Trần Văn Phúc", REPAIRED_FAMILY_NAME)
    assert normalise("father_name", "Trần Vặn Phúc")[0] == "Trần Văn Phúc"
    assert normalise("mother_name", "Lê Vân Anh") == ("Lê Vân Anh", 1.0)


@pytest.mark.parametrize(
    ("field", "read", "sex", "meant"),
    [
        ("father_name", "Nguyễn Vân An", None, "Nguyễn Văn An"),  # Vân is a woman's name
        ("husband_name", "Nguyễn Yên Khánh", None, "Nguyễn Văn Khánh"),
        ("wife_name", "Hoàng Tì Linh", None, "Hoàng Thị Linh"),
        ("mother_name", "Lê Trí Oanh", None, "Lê Thị Oanh"),
        ("subject_name", "Nguyễn Tý Giang", "Nữ", "Nguyễn Thị Giang"),  # the sex read beside the name
        ("subject_name", "Nguyễn Vân Duy", "Nam", "Nguyễn Văn Duy"),
        ("subject_name", "Nguyễn Vân Anh", None, "Nguyễn Vân Anh"),  # sex unknown: left as read
        ("subject_name", "Nguyễn Vân Anh", "Nữ", "Nguyễn Vân Anh"),  # a woman's Vân is her own
        ("mother_name", "Lê Vân Anh", None, "Lê Vân Anh"),
        ("father_name", "Trần Tấn Phát", None, "Trần Tấn Phát"),  # a man's middle name of its own
        ("mother_name", "Trần Thu Hà", None, "Trần Thu Hà"),  # a woman's middle name of its own
        ("father_name", "Trần Yên", None, "Trần Yên"),  # a given name, no middle name
    ],
)
def test_a_middle_name_is_mended_by_the_sex_of_its_bearer(field: str, read: str, sex: str | None, meant: str) -> None:
    fields = {field: ExtractedField(read, read, 0.8)}
    if sex:
        fields["sex"] = ExtractedField(sex, sex, 0.9)
    middle_name_by_sex(fields)
    assert fields[field].value == meant
    assert fields[field].confidence == (0.8 if meant == read else round(0.8 * REPAIRED_FAMILY_NAME, 4))


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
