"""The Vietnamese clean-up: one tone placement, and the syllable model that spots impossible words."""

from __future__ import annotations

import unicodedata

import pytest

from ocr.vietnamese import clean_word, invalid_syllables, is_valid_syllable, normalise_tone_placement, split_glued


def test_one_tone_placement() -> None:
    assert normalise_tone_placement("Cộng hoà, Thuỷ, khoẻ, HOÀ") == "Cộng hòa, Thủy, khỏe, HÒA"
    for unchanged in ["hoàn", "quý", "Quỳnh", "thuyền", "hòa", "của", "mùa"]:
        assert normalise_tone_placement(unchanged) == unchanged
    decomposed = unicodedata.normalize("NFD", "hoà")
    assert normalise_tone_placement(decomposed) == "hòa"


@pytest.mark.parametrize(
    "word",
    [
        "Nguyễn",
        "Thị",
        "Hường",
        "quốc",
        "gìn",
        "giêng",
        "nghĩa",
        "khuya",
        "Huỳnh",
        "Đằng",
        "tuổi",
        "ngoằn",
        "Lựu",
        "Quang",
        "quăn",
        "quế",
        "Quyên",
        "an",
        "ở",
        "yêu",
        "em",
        "uống",
    ],
)
def test_real_syllables_are_valid(word: str) -> None:
    assert is_valid_syllable(word)


@pytest.mark.parametrize("word", ["Hưòng", "ngàyt", "Huong", "ce", "kha̋", "ngiã", "Ngyễn", "hàp", "tử̃"])
def test_impossible_syllables_are_caught(word: str) -> None:
    assert not is_valid_syllable(word)


def test_abbreviations_and_numbers_are_not_syllables_to_judge() -> None:
    assert invalid_syllables("UBND phường Bạch Đằng, số 12/1962, CMND") == []
    assert invalid_syllables("Nguyễn Thi Hưòng") == ["Hưòng"]


def test_clean_word_fixes_lookalikes_and_normalises() -> None:
    assert clean_word("ðăng") == "đăng"
    assert clean_word(unicodedata.normalize("NFD", "Thuỷ")) == "Thủy"


def test_a_run_together_word_splits_into_its_known_syllables_only_one_way() -> None:
    common = {"bệnh": 2.0, "viện": 2.0, "y": 1.0, "tế": 1.0, "tếp": 0.5, "hường": 0.5, "phường": 2.0, "đứ": 1.0}
    weight = lambda syllable: common.get(syllable.lower(), 0.0)  # noqa: E731
    assert split_glued("Bệnhviện", weight) == "Bệnh viện"
    assert split_glued("ytếphường", weight) == "y tế phường"  # outweighs "y tếp hường"
    assert split_glued("ĐứỨc", weight) == "ĐứỨc"  # "Ức" is no known syllable
    assert split_glued("Viện", weight) == "Viện" and split_glued("UBND", weight) == "UBND"
    assert split_glued("tếphường", lambda syllable: 1.0) == "tếphường"  # "tế phường" or "tếp hường": left alone
