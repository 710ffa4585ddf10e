"""Administrative place names mended against the official list of Vietnam's units.

The list is the General Statistics Office's, as the package ``vietnam-provinces`` 0.5.0 ships it (data of
2023-05-07, before the 2024-25 mergers, so it still holds the wards the registers name). A name read after a
unit word ("phường Hàng Buôm") that is one or two letters off exactly one listed name of that level is that
name misread; a name that is listed stays as read, only its casing put right.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from hotich.text import exact_form, fold, normalise_tone_placement
from ocr.vietnamese import LETTER_RUN, invalid_syllables, split_glued

# The archive's city: the province of a value that names none ("Số 5 phố Huế, phường Phúc Xá").
HOME_PROVINCE = "Hà Nội"

# Unit words of the list's names ("Thành phố Hà Nội", "Quận Ba Đình", "Phường Phúc Xá"), taken off to leave
# the names a value writes after its own unit word.
_LISTED_UNIT = re.compile(r"^(?:Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn)\s+")

# A unit word in a value and the level of the name after it. "Thành phố" / "TP." names a province (Hà Nội,
# Hải Phòng…) or a city within one (Nam Định, Vinh): a "city" is looked up among the provinces and the
# districts of the value's province.
_UNIT = re.compile(r"(?i)(?<!\w)(phường|xã|thị trấn|quận|huyện|thị xã|tỉnh|thành phố|tp\.|tp(?=\s))\s*")
_LEVEL = {"phường": "ward", "xã": "ward", "thị trấn": "ward", "quận": "district", "huyện": "district",
          "thị xã": "district", "tỉnh": "province"}  # fmt: skip


@dataclass(frozen=True)
class _Province:
    name: str
    districts: frozenset[str]
    wards: frozenset[str]


def _bare(listed: str) -> str:
    return _LISTED_UNIT.sub("", listed)


@cache
def gazetteer() -> dict[str, _Province]:
    """Provinces by their bare name ("Hà Nội"), each with the bare names of its districts and wards
    (communes and townships among them): read from the package's data once, when first needed."""
    import vietnam_provinces  # its data file only; imported here so that OCR start-up does not pay for it

    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as file:
        provinces = json.load(file)
    return {
        _bare(p["name"]): _Province(
            _bare(p["name"]),
            frozenset(_bare(d["name"]) for d in p["districts"]),
            frozenset(_bare(w["name"]) for d in p["districts"] for w in d["wards"]),
        )
        for p in provinces
    }


@cache
def _provinces() -> frozenset[str]:
    return frozenset(gazetteer())


@cache
def _keyed(names: frozenset[str]) -> dict[str, str]:
    """Names by the form they are compared in (lower case, NFC, one tone placement: the list writes both
    "Yên Hoà" and "Ứng Hòa")."""
    return {exact_form(name): name for name in names}


@lru_cache(maxsize=4096)
def closest(name: str, names: frozenset[str], two_from: int = 9) -> str | None:
    """The listed name ``name`` is, or is a slip of: itself (the list's casing) when listed, else the one
    name within one letter (two for names of ``two_from`` letters or more); None when none is, or two are
    equally close.
    A listed name with a figure in it ("Phường 12") is matched exactly only: a misread figure is no slip of
    spelling, while "L1 Đại Hành" is one of "Lê Đại Hành"."""
    keyed = _keyed(names)
    key = exact_form(name)
    if key in keyed:
        return keyed[key]
    if not key:
        return None
    found = []
    for listed_key, listed in keyed.items():
        allowed = 0 if any(ch.isdigit() for ch in listed) else 1 if len(listed) < two_from else 2
        off = Levenshtein.distance(key, listed_key, score_cutoff=allowed)
        if off <= allowed:
            found.append((off, listed))
    found.sort()
    if len(found) > 1 and found[1][0] == found[0][0]:
        # Equally close: a scan loses a mark (a horn, a dot below) far more often than it invents one, so
        # the one name that holds every letter and mark read stands out ("Trung Tư", "Trung Tụ": Trung Tự,
        # not Trung Tú).
        found = [(off, listed) for off, listed in found if off == found[0][0] and _holds(exact_form(listed), key)]
        if len(found) != 1:
            return None
    return found[0][1] if found else None


def _holds(listed: str, read: str) -> bool:
    """Whether ``read``'s letters and marks, decomposed, are all in ``listed``'s, in order."""
    marks = iter(unicodedata.normalize("NFD", listed))
    return all(ch in marks for ch in unicodedata.normalize("NFD", read))


def _names(level: str, province: _Province) -> frozenset[str]:
    if level == "ward":
        return province.wards
    if level == "district":
        return province.districts
    if level == "city":
        return _cities(province)
    return _provinces()


@cache
def _cities(province: _Province) -> frozenset[str]:
    return _provinces() | province.districts


def _province_of(parts: list[str]) -> _Province:
    """The province a value names, after "tỉnh" / "thành phố" or as its last part ("…, Nam Định"); else
    the archive's city."""
    provinces = gazetteer()
    named = [
        part[unit.end() :] for part in parts if (unit := _UNIT.search(part)) and _level(unit) in ("province", "city")
    ]
    if len(parts) > 1:
        named.append(parts[-1])
    for candidate in reversed(named):
        found = closest(candidate.strip(" ."), _provinces())
        if found:
            return provinces[found]
    return provinces[HOME_PROVINCE]


def _level(unit: re.Match[str]) -> str:
    return _LEVEL.get(unit.group(1).lower(), "city")


def _recased(read: str, listed: str) -> str:
    """``read`` with the listed name's casing ("Hà NỘI" → "Hà Nội"); its letters and tone placement kept."""
    if len(read) != len(listed):
        return listed
    return "".join(r.upper() if n.isupper() else r.lower() for r, n in zip(read, listed, strict=True))


# A unit's name after its unit word (or a hospital's) of this many letters may be two letters off: a hand
# misreads marks and vowels together ("phường Lóng Họ", "Bệnh viện Bọch Mơi" for Láng Hạ, Bạch Mai).
UNIT_TWO_FROM = 7


def _mended_name(read: str, *lists: frozenset[str]) -> str:
    """The listed name ``read`` is, in the first of ``lists`` that has one: as read when listed (casing put
    right), else the listed name in the one tone placement; as read when it is no listed name."""
    listed = next((found for names in lists if (found := closest(read, names, two_from=UNIT_TWO_FROM))), None)
    if listed is None:
        return read
    if exact_form(listed) == exact_form(read):
        return _recased(read, listed)
    return normalise_tone_placement(listed)


def _named_units(
    texts: list[str], province: _Province, any_last: bool = False
) -> Iterator[tuple[int, int, str, frozenset[str]]]:
    """For each part of a value (split at commas) that names a unit: its index, where the name starts, the
    name as read and the listed names of its level within ``province``. A last part without a unit word
    is taken for a province, or with ``any_last`` for any unit of ``province`` ("…, Hai Bà Trưng")."""
    for index, text in enumerate(texts):
        unit = _UNIT.search(text)
        if unit:
            start, names = unit.end(), _names(_level(unit), province)
        elif index == len(texts) - 1 and index > 0:
            start, names = 0, _any_unit(province) if any_last else _provinces()
        else:
            continue
        read = text[start:].rstrip(" .")
        if read:
            yield index, start, read, names


@cache
def _any_unit(province: _Province) -> frozenset[str]:
    return _provinces() | province.districts | province.wards


def mend_units(value: str) -> str:
    """The value with the name after each unit word (up to the next comma) mended within its level and
    the province the value names; a last part without a unit word mended as a province."""
    parts = re.split(r"(,\s*)", value)
    texts = parts[::2]
    for index, start, read, names in list(_named_units(texts, _province_of(texts))):
        text = texts[index]
        texts[index] = text[:start] + _mended_name(read, names) + text[start + len(read) :]
    parts[::2] = texts
    return "".join(parts)


def listed_units(value: str) -> set[str]:
    """The names of the value's units that are listed as they stand ("…, phường Láng Hạ, Hà Nội": Láng Hạ,
    Hà Nội)."""
    texts = re.split(r",\s*", value)
    return {read for _, _, read, names in _named_units(texts, _province_of(texts)) if exact_form(read) in _keyed(names)}


_STREET_LOST = re.compile(r"(?i)\bphố\s*(?:$|,|phường\b|quận\b|xã\b)")


def complete(value: str) -> bool:
    """Whether an address reads whole: a street named after "phố", and every unit's name a listed one
    ("Số 90 phố phường Kim" lost a street and most of a ward to a stain). A last part without a unit word
    may be any listed unit of the province ("…, Hai Bà Trưng")."""
    if _STREET_LOST.search(value):
        return False
    texts = re.split(r",\s*", value)
    named = _named_units(texts, _province_of(texts), any_last=True)
    return all(exact_form(read) in _keyed(names) for _, _, read, names in named)


# A house number whose "Số" OCR misread or ran into the figures ("S156 phố", "3ố 158 phố", "Số60 phố",
# "Bó 26 phố"), and "phố" itself a mark off after it ("Số 60 phổ"). The prefix must fold to within one letter
# of "so", so a real word before the figures ("Nhà 5", "Ngõ 12") stays.
_HOUSE = re.compile(r"^(?P<prefix>\S{1,3}?)\s*(?P<number>\d{1,4}[A-Za-z]?)\s+(?P<street>\S+)\s+(?=\S)")
_STREETS = ("pho", "duong", "ngo", "ngach")  # phố, đường, ngõ, ngách by their folded form


def mend_house_number(value: str) -> str:
    """ "S156 phố Huế" → "Số 156 phố Huế", "Số 60 phổ Lò Đúc" → "Số 60 phố Lò Đúc"; anything else as read."""
    house = _HOUSE.match(value)
    if not house:
        return value
    prefix, street = house.group("prefix"), house.group("street")
    if prefix != "Số" and Levenshtein.distance(fold(prefix), "so") > 1:
        return value
    if fold(street) not in _STREETS:
        return value
    if fold(street) == "pho" and street.lower() != "phố":
        street = "phố"  # after a house number no other word folds so; "ngo", "duong" are left as read
    return f"Số {house.group('number')} {street} " + value[house.end() :]


_STREET = re.compile(r"(?i)(?<!\w)(?:phố|đường)\s+(?P<name>[^,\d]+?)\s*(?=,|$)")


@cache
def _wards_by_letters(province: _Province) -> dict[str, frozenset[str]]:
    by_letters: dict[str, set[str]] = {}
    for ward in province.wards:
        by_letters.setdefault(fold(ward), set()).add(ward)
    return {letters: frozenset(wards) for letters, wards in by_letters.items()}


def mend_street(value: str) -> str:
    """The street after "phố" / "đường" with its marks put back where its letters are those of exactly one
    ward of the value's province and its marks are not: many streets give their name to a ward ("phố Hằng
    Bạc" is phố Hàng Bạc, the ward of Hàng Bạc). Only marks are mended, a street is never taken for
    another: most streets name no ward, and a letter off one may well be a street of its own."""
    street = _STREET.search(value)
    if not street:
        return value
    read = street.group("name")
    wards = _wards_by_letters(_province_of(re.split(r",\s*", value))).get(fold(read), frozenset())
    if len(wards) != 1 or any(exact_form(w) == exact_form(read) for w in wards):
        return value
    (ward,) = wards
    return value[: street.start("name")] + normalise_tone_placement(ward) + value[street.end("name") :]


# A hospital or maternity home named after its ward or district ("Bệnh viện Bạch Mai", "Nhà hộ sinh Hàng
# Bạc", "Nhà hộ sinh khu vực Đống Đa"), as most are: the name up to the next comma.
_INSTITUTION = re.compile(
    r"(?i)(?<!\w)(?:bệnh viện|nhà hộ sinh|nhà thương|trạm y tế|bệnh xá)(?:\s+(?:đa khoa|phụ sản|khu vực))?"
    r"\s+(?P<name>[^,\d]{4,}?)\s*(?=,|$)"
)


# The city's best-known hospitals by the names a register writes after "Bệnh viện" (capitalised: only such
# names are mended), tried before the units' names (most other hospitals and maternity homes are named after
# their ward or district), so that a slip near both ("Bạch Mà": Bạch Mai, Bạch Hạ) is the hospital's.
HOSPITALS = {
    HOME_PROVINCE: frozenset(
        {
            "Việt Đức", "Xanh Pôn", "Saint Paul", "Hồng Ngọc", "Thăng Long", "Tràng An", "Hòe Nhai",
            "Bưu Điện", "Thanh Nhàn", "Đức Giang", "Bạch Mai",
        }
    )
}  # fmt: skip


# The words an institution's kind is written with, and the first of them a faded or wrapped cell loses
# ("hộ sinh Hàng Bạc", "viện Thanh Nhàn"), or the middle one a hand runs over ("Trạm tế phường"). A
# capitalised "Viện" is an institution of its own ("Viện Nhi", "Viện Bảo vệ Bà mẹ và Trẻ sơ sinh").
_KIND_CUT = re.compile(r"^(?:(?P<home>[Hh]ộ sinh)|(?P<hospital>viện)|[Tt]rạm\s+(?P<post>tế))\s+(?=\w)")


# "Bệnh" before a hospital's "viện" misread past the wording's mends ("Định viện", "8ệnh viện", "nh viện")
_BEFORE_VIEN = re.compile(r"^(?P<first>\S{1,5})\s+(?=viện\s+\w)")


def complete_institution(value: str) -> str:
    """A place that starts with the rest of an institution's kind, its first word lost, with that word put
    back: "hộ sinh Hàng Bạc" → "Nhà hộ sinh Hàng Bạc", "viện Thanh Nhàn" → "Bệnh viện Thanh Nhàn",
    "Trạm tế phường" → "Trạm y tế phường"; and a hospital's "Bệnh" read as no word or a word two letters
    off it ("Định viện Việt Đức"), not another word's ("Học viện")."""
    before = _BEFORE_VIEN.match(value)
    if before and _misread_benh(before.group("first")):
        return "Bệnh " + value[before.end() :]
    cut = _KIND_CUT.match(value)
    if not cut:
        return value
    rest = value[cut.end() :]
    if cut.group("home"):
        return f"Nhà hộ sinh {rest}"
    if cut.group("hospital"):
        return f"Bệnh viện {rest}"
    return f"Trạm y tế {rest}"


def _misread_benh(word: str) -> bool:
    """Whether a word before "viện" is a misread "Bệnh": no word, or a word two letters off it at most ("Học"
    is a word of its own)."""
    if word == "Bệnh":
        return False
    return not word.isalpha() or bool(invalid_syllables(word.lower())) or Levenshtein.distance(fold(word), "benh") <= 2


def mend_institution(value: str) -> str:
    """The name of a hospital or maternity home mended where it is a letter off (marks included; two from
    ``UNIT_TWO_FROM`` letters) exactly one listed unit of the value's province and is none itself ("Bệnh
    viện Bạch Mơi" → "Bạch Mai", "Nhà hộ sinh Hàng Đạc" → "Hàng Bạc"); a name off no unit, or off two
    equally, or not capitalised as names are, is as read ("Bệnh viện Xanh Pôn", "Bệnh viện Phụ sản Trung ương")."""
    found = _INSTITUTION.search(value)
    if not found:
        return value
    read = found.group("name")
    if not all(word[:1].isupper() for word in read.split()):
        return value  # a unit's name is a proper name: "Trung ương" (central) is none, nor a slip of "Trung Hưng"
    province = _province_of(re.split(r",\s*", value))
    mended = _mended_name(read, HOSPITALS.get(province.name, frozenset()), _any_unit(province))
    return value[: found.start("name")] + mended + value[found.end("name") :]


# Words places are written with beside the names of units: the addresses' and the birthplaces'.
PLACE_WORDS = frozenset(
    "số phố đường ngõ ngách thôn xóm tổ khu phường xã thị trấn quận huyện tỉnh thành "
    "bệnh viện nhà hộ sinh trạm y tế trung ương".split()
)


@cache
def _syllable_weights() -> dict[str, float]:
    """How common each syllable is in places: its count among the listed units' names, the place words
    counted as the commonest. A lone letter of a name ("A Lưới") is left out: a misread word would split
    into such bits."""
    counts: Counter[str] = Counter()
    for province in gazetteer().values():
        for name in (province.name, *province.districts, *province.wards):
            counts.update(syllable for syllable in exact_form(name).split() if len(syllable) > 1)
    top = max(counts.values())
    counts.update({word: top for word in PLACE_WORDS})
    return {syllable: math.log1p(count) for syllable, count in counts.items()}


def _place_weight(syllable: str) -> float:
    return _syllable_weights().get(exact_form(syllable), 0.0)


def split_glued_words(value: str) -> str:
    """The words of a place the engine ran together put apart ("BệnhviệnXanh Pôn", "Trạm ytếphường")."""
    return LETTER_RUN.sub(lambda word: split_glued(word.group(0), _place_weight), value)


# A unit word inside a part of an address, after the street's or another unit's name (not after a bare "phố",
# whose name was lost): a comma was lost before it.
_UNIT_INSIDE = re.compile(
    r"(?<=\w)(?<!\bthị)(?<!\bphố)(?<!\bđường)\s+(?=(?:phường|xã|thị trấn|quận|huyện|thị xã|tỉnh|thành phố)\s+\w)"
)


def mend_commas(value: str) -> str:
    """Commas an address lost put back: before a unit word written in lower case ("phố Thái Hà phường Hàng
    Bông" → "phố Thái Hà, phường Hàng Bông"), and before the province that ends the last unit's part when
    what comes before it is a listed name of that unit ("phường Quán Thánh Hà Nội" → "…Quán Thánh, Hà Nội")."""
    if not re.match(r"(?i)(số|phố|đường|ngõ|thôn|xóm|tổ|khu)\b", value):
        return value  # an address's parts: a hospital's name may hold a unit word of its own
    value = _UNIT_INSIDE.sub(", ", value)
    parts = value.split(", ")
    last = parts[-1]
    unit = _UNIT.match(last)
    if unit and _level(unit) in ("ward", "district"):
        words = last[unit.end() :].split()
        province = gazetteer()
        for cut in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            if tail in province and head in _names(_level(unit), province[tail]):
                parts[-1] = last[: unit.end()] + head + ", " + tail
                break
    return ", ".join(parts)


_UNIT_WORDS = {word: level for word, level in _LEVEL.items() if " " not in word}  # phường, xã, quận, huyện, tỉnh


def mend_unit_words(value: str) -> str:
    """A unit word misread at the start of a part ("phưởng Láng Hạ", "phờng Kim Liên") put back, where it
    is a letter off the unit word (marks aside) and the name after it is one of that unit's level."""
    parts = value.split(", ")
    province = _province_of(parts)
    for index, part in enumerate(parts[1:], start=1):
        word, _, name = part.partition(" ")
        if not name or not word.islower() or word in _UNIT_WORDS:
            continue
        for unit, level in _UNIT_WORDS.items():
            if Levenshtein.distance(fold(word), fold(unit)) <= 1 and closest(name, _names(level, province)):
                parts[index] = f"{unit} {name}"
                break
    return ", ".join(parts)


def mend_cut_province(value: str) -> str:
    """ "…, phường Quán Thánh, Hà" → "…, phường Quán Thánh, Hà Nội": an address whose last part is the first
    words of the province the rest of it lies in (the archive's city when it names none) lost the rest of
    that name (a wrapped line faded or cut)."""
    parts = re.split(r",\s*", value)
    if len(parts) < 3:
        return value
    province = _province_of(parts[:-1]).name
    last = exact_form(parts[-1].strip(" ."))
    named = any(exact_form(province) in exact_form(part) for part in parts[:-1])  # the last part is another
    if last and not named and exact_form(province).startswith(last + " "):
        return ", ".join([*parts[:-1], province])
    return value


# In this order: words put apart before commas are looked for, the kind of an institution before its name.
_PLACE_MENDS = (
    split_glued_words,
    mend_commas,
    mend_house_number,
    mend_street,
    complete_institution,
    mend_institution,
    mend_unit_words,
    mend_units,
    mend_cut_province,
)


def mend_place(value: str) -> tuple[str, bool]:
    """The place with its run-together words put apart, its lost commas, its house number's "Số", its
    street's marks, its institution's kind and name, its unit words, its units' names and its cut province
    mended, and whether anything changed."""
    mended = value
    for mend in _PLACE_MENDS:
        mended = mend(mended)
    return mended, mended != value
