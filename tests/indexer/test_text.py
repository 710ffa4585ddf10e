"""indexer.text and indexer.query: the forms both backends fold, and what an officer's query means."""

from __future__ import annotations

import unicodedata

import pytest

from indexer.query import parse_query
from indexer.text import fold, normalize_tones, tokens


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn  Thị Hường", "nguyen thi huong"),
        ("ĐẶNG Đình Đức", "dang dinh duc"),
        ("Nguyển Thi Hưòng", "nguyen thi huong"),
        (unicodedata.normalize("NFD", "Trần Thuỷ"), "tran thuy"),
        ("  Lê\tVăn\nHà ", "le van ha"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("a", "b"),
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Hoà Bình", "Hòa Bình"), ("THUỶ", "THỦY")],
)
def test_tone_placement_variants_compare_equal(a: str, b: str) -> None:
    assert normalize_tones(a) == normalize_tones(b)
    assert normalize_tones(unicodedata.normalize("NFD", a)) == unicodedata.normalize("NFC", normalize_tones(b))


@pytest.mark.parametrize("word", ["hoàn", "quý", "Quỳnh", "thuyền", "khoa", "Huệ", "Tuệ", "Khuê", "hoặc", "uể"])
def test_tone_placement_leaves_other_rhymes(word: str) -> None:
    assert normalize_tones(word) == word


def test_tokens() -> None:
    assert tokens("Nguyễn Thị-Hường, 1962") == ["Nguyễn", "Thị", "Hường", "1962"]
    assert tokens(unicodedata.normalize("NFD", "Hường")) == ["Hường"]


@pytest.mark.parametrize(
    ("text", "names", "years", "dates", "diacritics"),
    [
        ("nguyen thi huong 1962", ["nguyen", "thi", "huong"], [1962], [], False),
        ("Hường 14/3/1962", ["hường"], [1962], ["1962-03-14"], True),
        ("14-03-1962", [], [1962], ["1962-03-14"], False),
        ("1962-03-14 Lê", ["lê"], [1962], ["1962-03-14"], True),
        ("hà 3/1962", ["hà"], [1962], ["1962-03"], True),
        ("Thuỷ 1899 2099", ["thủy"], [2099], [], True),
        ("Phạm Văn Hoà", ["phạm", "văn", "hòa"], [], [], True),
    ],
)
def test_parse_query(text: str, names: list[str], years: list[int], dates: list[str], diacritics: bool) -> None:
    parsed = parse_query(text)
    assert parsed.name_tokens == names
    assert parsed.years == years
    assert parsed.dates == dates
    assert parsed.has_diacritics is diacritics


def test_parse_query_nfd() -> None:
    assert parse_query(unicodedata.normalize("NFD", "Nguyễn Hường")).name_tokens == ["nguyễn", "hường"]
