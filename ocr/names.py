"""Normalising field values as read: names, sex, years, numbers; and how plausible a value looks."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from hotich.domain import FIELD_BY_NAME, ExtractedField, nfc
from hotich.text import exact_form, fold
from ocr.dates import digit_lookalikes, is_written_date, parse_date, parse_year, repair_date, year_come
from ocr.given_names import (
    LOOKALIKE_CAPITALS,
    is_name_syllable,
    lookalike_name_syllable,
    name_syllable,
    nearest_name_syllable,
)
from ocr.places import complete, listed_units, mend_place
from ocr.types import Word
from ocr.vietnamese import invalid_syllables, is_valid_syllable

REPAIRED_DATE = 0.6  # plausibility of a date put together from a damaged reading (see ``repair_date``)
# A date after today was misread, whole as it may look ("12/3/2068" for 1968): kept for review at most this sure.
FUTURE_DATE = 0.5

# Family names as written: the common ones, covering nearly all Vietnamese people (a name starting with
# one is plausible), then rarer ones a misreading must not be "corrected" away from.
COMMON_SURNAMES = tuple(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Đoàn Lâm Trịnh Mai Trương Cao "
    "Hà Lưu Tạ Tôn Thái Quách Kiều Chu Tống Lương La Khúc Văn Lại Phùng Tăng Nghiêm Thạch Khổng Mạc Tô Triệu Hứa Lữ "
    "Kim Giang Tiêu Bạch Đồng Vương Ông".split()
)
SURNAMES = COMMON_SURNAMES + tuple(
    "Lã Đàm Hầu Thân Lò Quan Âu Lạc Vi Lục Ma Mã Doãn Đậu Từ Ninh Cù Nông Bế Giáp Khương Khuất Tiết Phó Ung Hàn "
    "Diệp Mẫn Ngụy Trình Chung Cung Kha Viên Yên Cầm Mông Lường Sầm Đới Vòng".split()
)
FAMILY_NAMES = frozenset(fold(name) for name in COMMON_SURNAMES)  # folded, as the OCR's words are compared

_EDGE = re.compile(r"^[\s.:;,\-–_…·*'\"“”()]+|[\s.:;,\-–_…·*'\"“”()]+$")


# Words of marks alone that no written value holds: specks, rules and stains as the engine reads them.
_SPECK = re.compile(r"^[\\|_—~`^“”„‚'\"*•·°¬]+$")


def without_specks(value: str) -> str:
    """A place or a text without the specks OCR reads inside it ("Bệnh viện Phụ sản — Trung ương", "ngày
    _3/8/2000"); a hyphen between words stays."""
    words = (word.strip("_") for word in value.split() if not _SPECK.match(word))
    return " ".join(word for word in words if word)


def strip_value(text: str) -> str:
    """A value without the dots, colons and dashes that forms print around blanks."""
    text = re.sub(r"[.…·_]{2,}", " ", nfc(text))
    return " ".join(_EDGE.sub("", text).split())


def title_case(name: str) -> str:
    """ "NGUYỄN THỊ HƯỜNG" → "Nguyễn Thị Hường"; in a name of mixed case, a word with a capital inside it
    is a letter misread as a capital ("ThẢo", "LÊ"): its capital starts it only. A name with an apostrophe
    or hyphen ("H'Hen Niê", "Y-Moan") keeps its case."""
    if name.isupper() or name.islower():
        return " ".join(part[:1].upper() + part[1:].lower() for part in name.split())
    return " ".join(part if "'" in part or "-" in part else part[:1] + part[1:].lower() for part in name.split())


_OFFICE_BODIES = {
    ("ubnd",): "UBND",
    ("ubhc",): "UBHC",  # Ủy ban hành chính, before 1975
    ("ban", "nhan", "dan"): "Ủy ban nhân dân",
    ("ban", "hanh", "chinh"): "Ủy ban hành chính",
}
_OFFICE_UNITS = (("phuong",), ("xa",), ("thi", "tran"), ("quan",), ("huyen",), ("khu", "pho"), ("thi", "xa"),
                 ("thanh", "pho"), ("khu",))  # fmt: skip
_MOTTO = ("cong", "hoa", "viet", "doc", "nam")  # the national header beside the letterhead ends the office


def office_name(words: list[str]) -> str | None:
    """A registering office from letterhead words, in the form "UBND phường Bạch Đằng" /
    "Ủy ban hành chính khu phố Hàng Bông" (capitals of the letterhead undone, a damaged "Ủy" read by
    the words after it); None if the words name no office."""
    folded = [fold(w).strip(".,:;—-_") for w in words]
    for start in range(len(words)):
        for body, head in _OFFICE_BODIES.items():
            at = start + len(body)
            if tuple(folded[start:at]) != body:
                continue
            unit = next((u for u in _OFFICE_UNITS if tuple(folded[at : at + len(u)]) == u), None)
            if unit is None:
                continue
            place_words: list[str] = []
            for word, folded_word in zip(words[at + len(unit) :], folded[at + len(unit) :], strict=True):
                if folded_word in _MOTTO[:2] or (folded_word == "viet" and place_words):
                    break
                if strip_value(word):
                    place_words.append(strip_value(word))
            if not place_words:
                continue
            unit_text = " ".join(words[at : at + len(unit)]).lower()
            return nfc(f"{head} {unit_text} {title_case(' '.join(place_words))}")
    return None


def split_run_together(text: str) -> str:
    """Words OCR ran together, seen as a capital inside a word: "ThuHạnh" → "Thu Hạnh". A capital that
    turns a syllable into pieces that are no syllables is a letter misread as a capital, not a new word:
    "ThẢo" is "Thảo", "LộC" is "Lộc"."""
    return " ".join(_split_word(word) for word in text.split(" "))


def _split_word(word: str) -> str:
    cuts = [i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower()]
    if not cuts:
        return word
    pieces = [word[a:b] for a, b in pairwise([0, *cuts, len(word)])]
    if is_valid_syllable(word) and not all(is_valid_syllable(piece) for piece in pieces):
        return word
    return " ".join(pieces)


NAME_WORD_FLOOR = 0.4  # the least a listed name word counts as read: kept for review, no sign of a well-read page


def read_confidence(field: str, words: list[Word]) -> float:
    """How surely the engine read a field's words: the least sure word's confidence. In a name, a word
    that is a listed family, middle or given name as it stands counts as read at least ``NAME_WORD_FLOOR``
    surely, enough to be kept for review (below 0.2 a cell is dropped as a stain): the engine scores a
    clear handwritten "Hữu" 0.01 beside its 0.97 "Trần", a misread rarely lands on a name exactly, and
    the name is the entry's most wanted field."""
    if FIELD_BY_NAME[field].kind != "name":
        return min(w.confidence for w in words)
    return min(max(w.confidence, NAME_WORD_FLOOR) if _listed_name(w.text) else w.confidence for w in words)


def _listed_name(word: str) -> bool:
    return is_name_syllable(word) or exact_form(word) in _surname_forms()


@cache
def _surname_forms() -> frozenset[str]:
    return frozenset(exact_form(name) for name in SURNAMES)


SEX_BY_NAME = 0.75  # confidence cap of a sex told by the middle name when the sex cell reads as nothing
_SEX_OF_MIDDLE_NAME = {"Thị": "Nữ", "Văn": "Nam"}


def sex_by_name(fields: dict[str, ExtractedField]) -> None:
    """The sex of a record whose sex reads as nothing, from its middle name: "Thị" is a woman's, "Văn" a
    man's (as good as always in Vietnamese names)."""
    name = fields.get("subject_name")
    parts = name.value.split() if name else []
    if name is None or len(parts) < 3 or parts[1] not in _SEX_OF_MIDDLE_NAME:
        return
    confidence = min(SEX_BY_NAME, name.confidence or 0.0)
    fields["sex"] = ExtractedField(_SEX_OF_MIDDLE_NAME[parts[1]], None, round(confidence, 4), name.bbox)


SEX_OF_FIELD = {"father_name": "Nam", "husband_name": "Nam", "mother_name": "Nữ", "wife_name": "Nữ"}
# Words one mark or letter off the middle name most people of a sex bear that people of that sex hardly
# ever bear as a middle name: "Vân", "Yên", "Vên" in a man's name are "Văn" misread (Vân is a woman's),
# "Tý", "Tì", "Trí", "Thy" in a woman's name are "Thị".
_MISREAD_MIDDLE = {"Nam": ("Văn", re.compile(r"[vy][aeiouy]n")), "Nữ": ("Thị", re.compile(r"t[hr]?[iy]"))}


def middle_name_by_sex(fields: dict[str, ExtractedField]) -> None:
    """Each full name of a known sex (a father's, a wife's, the person registered with their sex read) whose
    middle name is a slip of that sex's common one, put back: "Nguyễn Vân An" as a father is "Nguyễn Văn
    An", "Hoàng Tì Linh" as a woman "Hoàng Thị Linh". A name of unknown sex keeps its "Vân"."""
    sex_read = fields.get("sex")
    for field, found in list(fields.items()):
        sex = SEX_OF_FIELD.get(field) or (sex_read.value if sex_read and field == "subject_name" else None)
        parts = found.value.split()
        if sex not in _MISREAD_MIDDLE or len(parts) < 3:
            continue
        middle, slips = _MISREAD_MIDDLE[sex]
        if parts[1] != middle and slips.fullmatch(fold(parts[1])):
            fields[field] = found.mended(" ".join([parts[0], middle, *parts[2:]]), REPAIRED_FAMILY_NAME)


def normalise_sex(text: str) -> str | None:
    folded = fold(text)
    if re.search(r"\b(nu|gai|female)\b", folded):
        return "Nữ"
    if re.search(r"\b(nam|trai|male)\b", folded):
        return "Nam"
    return None


REPAIRED_FAMILY_NAME = 0.85  # plausibility factor of a name whose misread family name was put back
REPAIRED_GIVEN_NAME = 0.9  # plausibility factor of a name with a middle or given name's marks put back
GUESSED_GIVEN_NAME = 0.8  # ... with an impossible word taken for the commonest name a letter off it
SHORT_NAME = 0.9  # plausibility factor of a full name of two words (a wrapped or faded given name lost)


def family_name(first: str) -> str | None:
    """The family name a misread first syllable of a full name stands for, or None when it is one
    already or no single one stands out: the only family name with the same letters ("Trấn" → "Trần",
    "Nguyên" → "Nguyễn", "Đình" → "Đinh"), or the only one a letter away ("Ngưyên" → "Nguyễn", "Hoòng" →
    "Hoàng", "Phơm" → "Phạm"; a common one before a rare one). The first word of a full name is a family
    name; rarer ones are listed so that they are not taken for a slip of a common one ("Ninh" is no "Đinh")."""
    word = nfc(first)
    if any(word.casefold() == s.casefold() for s in SURNAMES):
        return None
    folded = fold(word)
    if folded in MIDDLE_NAMES:
        return None  # "Thị Cúc": the family name before the middle name was lost, "Thị" is no "Thái" misread
    same = {s for s in SURNAMES if fold(s) == folded}
    if same:
        return same.pop() if len(same) == 1 else None
    lookalike = {
        s for c in LOOKALIKE_CAPITALS.get(word[:1], "") for s in COMMON_SURNAMES if fold(s) == fold(c + word[1:])
    }
    if len(lookalike) == 1:
        return lookalike.pop()  # "Roàng", "Buỳnh": a common family name's capital read as a look-alike
    if len(folded) >= 3:
        # A syllable of its own is taken for a misread family name only when its vowel was misread ("Hoòng",
        # "Phơm"): with another consonant it is more likely another word ("Minh" is no "Đinh").
        sound = None if invalid_syllables(word.lower()) else _consonants(folded)
        close = [
            s for s in SURNAMES if Levenshtein.distance(fold(s), folded) == 1 and sound in (None, _consonants(fold(s)))
        ]
        common = [s for s in close if s in COMMON_SURNAMES]  # far likelier than a rare one beside it
        if len(common) == 1 or len(close) == 1:
            return (common or close)[0]
    rhyme = _rhyme(word).lower()
    if word[:1].islower() or (len(rhyme) >= 2 and not is_name_syllable(word)):
        # A full name starts with a capital: one read in lower case is its capital misread or lost ("tê"
        # for "Lê", "an" for "Phan"), its rhyme and tone read right; so is one whose first consonants were
        # misread into no name at all ("Muyễn", "Nuyễn" for "Nguyễn"; "Minh" is a name, no "Đinh"), when
        # its rhyme is more than a vowel. The only common family name so rhymed stands for it; a rhyme
        # several share ("ô": Tô, Ngô) is left as read.
        rhymed = [s for s in COMMON_SURNAMES if _rhyme(s).lower() == rhyme]
        if len(rhymed) == 1:
            return rhymed[0]
    return None


def _rhyme(syllable: str) -> str:
    """A syllable without the consonants it starts with, marks kept: "Lê" → "ê", "phan" → "an"."""
    return syllable[len(_consonants(fold(syllable))[0]) :]  # folding keeps a syllable's length


def _consonants(folded: str) -> tuple[str, str]:
    """The consonants a folded syllable starts and ends with: "hoang" → ("h", "ng")."""
    match = re.fullmatch(r"([^aeiouy]*)[aeiouy]*(.*)", folded)
    return (match.group(1), match.group(2)) if match else (folded, "")


_UNITS = {"phuong", "xa", "quan", "huyen", "tinh", "thi", "thanh"}  # phường, xã, quận, huyện, tỉnh, thị xã, thành phố


def _address_commas(value: str) -> str:
    """Full stops inside an address as OCR reads its commas and specks ("phố Huế. phường Phúc Xá. Hà Nội"):
    before an administrative unit, or after a unit's name of two words or more, a comma; else nothing."""
    words = value.split()
    out: list[str] = []
    for index, word in enumerate(words):
        if not (word.endswith(".") and index + 1 < len(words) and len(word) > 2):
            out.append(word)
            continue
        folded = [fold(w).strip(".,").lower() for w in words[: index + 1]]
        units = [i for i, w in enumerate(folded) if w in _UNITS]
        named = bool(units) and index - units[-1] >= 2 and words[index + 1][:1].isupper()
        comma = fold(words[index + 1]).lower() in _UNITS or named
        out.append(word[:-1] + ("," if comma else ""))
    return " ".join(out)


_INSTITUTIONS = ("benh vien", "nha ho sinh")
UNNAMED_PLACE = 0.8  # plausibility of an institution without its name ("Bệnh viện"): the name is on a lost line
INCOMPLETE_ADDRESS = 0.8  # plausibility factor of an address with its street or a unit's name cut short (``complete``)
MENDED_PLACE = 0.9  # plausibility factor of a place whose unit names or house number were mended (``mend_place``)


def _named_place(value: str) -> float:
    """How plausible a place is as whole: a hospital or maternity home named by one word or none ("Bệnh
    viện Việt" for Việt Đức), or a place of one word, has most likely lost the rest of its name to a wrap
    OCR did not read."""
    folded = " ".join(fold(value).lower().replace(",", " ").split())
    if len(folded.split()) == 1:
        return UNNAMED_PLACE  # a place of one word ("nhà", "Bệnh"): the rest of it lost to a stain or a wrap
    for institution in _INSTITUTIONS:
        if folded.endswith(institution):
            return UNNAMED_PLACE
        if folded.startswith(institution) and len(folded[len(institution) :].split()) == 1:
            return SHORT_NAME
    return 1.0


MIDDLE_NAMES = {"thi": "Thị", "van": "Văn"}  # the middle names most Vietnamese bear, by their folded form
MIDDLE_NAME_KIN = {"Văn": ("Vân",)}  # middle names of their own that fold the same
# "Vốn", "Võn", "Vũn": no names, Văn with its vowel misread (the vowel under a breve reads as o or u)
MISREAD_VAN = re.compile(r"v[ou]n")


def _middle_name(word: str) -> str | None:
    """The common middle name (Thị, Văn) a name's second word is, as written or with a mark or vowel misread."""
    folded = fold(word)
    return MIDDLE_NAMES.get(folded) or ("Văn" if MISREAD_VAN.fullmatch(folded) else None)


_STROKE_ONE = re.compile(r"(?<![\w/])[/|!](?=\d{1,3}\b)")
_S_FIVE = re.compile(r"(?<!\w)[Ss](?=\d{1,3}\b)")  # "S45": a number's leading 5 read as an S


def _normalised_date(value: str) -> tuple[str | None, float]:
    iso = parse_date(value)
    if iso and len(iso) == 10:
        # A year of two digits ("8/7/96", or "19%" cut short): the century is a guess.
        return iso, 1.0 if re.search(r"\d{4}", value) else 0.8
    repaired = repair_date(value)
    if repaired:
        return repaired, REPAIRED_DATE
    return (iso, 0.8) if iso else (None, 0.0)


def _normalised_year(value: str) -> tuple[str | None, float]:
    year = parse_year(value)
    return (year, 1.0) if year else (None, 0.0)


def normalise(field: str, raw: str) -> tuple[str | None, float]:
    """(normalised value or None, plausibility 0..1) of a raw field text."""
    value = strip_value(raw)
    if not value:
        return None, 0.0
    kind = FIELD_BY_NAME[field].kind
    if kind in ("date", "year"):
        found, plausible = _normalised_date(value) if kind == "date" else _normalised_year(value)
        if found and not year_come(int(found[:4])):
            plausible = min(plausible, FUTURE_DATE)
        return found, plausible
    if field == "sex":
        sex = normalise_sex(value)
        return (sex, 1.0) if sex else (None, 0.0)
    if field in LISTED:
        return listed_value(field, value)
    if kind == "name":
        value = split_run_together(value)
        # A hyphen or an apostrophe joins the syllables of some names ("H'Hen", "Ê-nuôl"); at a word's edge
        # it is a speck ("'Toàn").
        name = title_case(re.sub(r"[^\w\s\-']|(?<!\w)['\-]+|['\-]+(?!\w)", " ", value))
        name = " ".join(name.split())
        parts = name.split()
        if not parts or any(ch.isdigit() for ch in name):
            return (name or None), 0.3
        plausible = 1.0
        if not 2 <= len(parts) <= 6:
            plausible *= 0.6
        elif len(parts) == 2:
            plausible *= SHORT_NAME  # most full names have three words or more: the last one may be lost
        if fold(parts[-1]) in MIDDLE_NAMES and len(parts) >= 2:
            plausible *= SHORT_NAME  # a middle name ends no full name: "Phan Văn" lost its given name
        joined = fold("".join(parts[:2])) if len(parts) >= 3 else None
        split = [s for s in COMMON_SURNAMES if fold(s) == joined]
        if split and not is_name_syllable(parts[1]):
            # "Ngụy Ễn Hữu Cường": a family name the engine cut in two, its second piece no name of its own
            parts = [split[0], *parts[2:]]
            name = " ".join(parts)
            plausible *= REPAIRED_FAMILY_NAME
        family = family_name(parts[0]) if len(parts) >= 2 else None
        if family:
            name = " ".join([family, *parts[1:]])
            plausible *= REPAIRED_FAMILY_NAME
        elif fold(parts[0]) not in FAMILY_NAMES:
            plausible *= 0.85
        middle = _middle_name(parts[1]) if len(parts) >= 3 else None
        if middle and parts[1] not in (middle, *MIDDLE_NAME_KIN.get(middle, ())):
            # "Trần Thì Lan", "Trần Van Phúc": the middle names most Vietnamese women and men bear, a mark
            # misread or lost ("Vân" is a middle name of its own and stays).
            name = " ".join([name.split()[0], middle, *parts[2:]])
            plausible *= REPAIRED_FAMILY_NAME
        words = name.split()
        marked = [words[0], *(name_syllable(word) or word for word in words[1:])]
        given = [
            marked[0],
            *(nearest_name_syllable(word) or lookalike_name_syllable(word) or word for word in marked[1:]),
        ]
        if marked != words:
            plausible *= REPAIRED_GIVEN_NAME
        if given != marked:
            plausible *= GUESSED_GIVEN_NAME
        name = " ".join(given)
        if invalid_syllables(name):
            plausible *= 0.5
        return name, plausible
    if kind in {"place", "text"}:
        value = without_specks(value)
        if not value:
            return None, 0.0
    if kind == "place" and re.match(r"(?i)số\s*\d", value):
        value = "Số" + value[2:]  # "SỐ 85 phố Huế", "số 85…": an address starts with a capital
    if kind == "place":
        value, mended = mend_place(_address_commas(value))
        plausible = _named_place(value) * (MENDED_PLACE if mended else 1.0)
        return value, plausible * (1.0 if complete(value) else INCOMPLETE_ADDRESS)
    if kind == "number":
        # "Số: 125", "Quyển số: 01", "12/TLKS": a number, perhaps with a series; letters alone are misreads.
        # A stroke just before the figures ("/78", "|78") is a handwritten 1 read as a mark.
        value = _S_FIVE.sub("5", _STROKE_ONE.sub("1", value))
        number = re.search(r"\d[\w/.\-]*", re.sub(r"\b[\dOoIl]{1,4}\b", digit_lookalikes, value))
        if number and is_written_date(number.group(0).rstrip(".-/")):
            return None, 0.0  # "18-01-1992": a date read into the number's column, no number
        return (number.group(0).rstrip(".-/"), 1.0) if number else (None, 0.0)
    return value, 1.0


# What a declarant is to the person registered, as the forms write it.
KINSHIP = tuple(
    "Cha;Mẹ;Bố;Ông nội;Bà nội;Ông ngoại;Bà ngoại;Anh ruột;Chị ruột;Em ruột;Anh;Chị;Em;Con;Con trai;Con gái;Vợ;"
    "Chồng;Cháu;Cháu nội;Cháu ngoại;Cô;Chú;Bác;Dì;Cậu;Mợ;Thím;Người giám hộ;Người nuôi dưỡng;Hàng xóm".split(";")
)
# The 54 ethnic groups of Vietnam as the official list names them (Decision 121-TCTK/PPCĐ), with the
# spellings older papers use beside some (Khơ-me, H'Mông, Xtiêng).
ETHNIC_GROUPS = tuple(
    "Kinh;Tày;Thái;Mường;Khmer;Khơ-me;Hoa;Nùng;Mông;H'Mông;Dao;Gia Rai;Ê Đê;Ba Na;Xơ Đăng;Sán Chay;Cơ Ho;Chăm;"
    "Sán Dìu;Hrê;Ra Glai;Mnông;Xtiêng;X'Tiêng;Bru-Vân Kiều;Thổ;Giáy;Cơ Tu;Giẻ Triêng;Mạ;Khơ Mú;Co;Tà Ôi;Chơ Ro;"
    "Kháng;Xinh Mun;Hà Nhì;Chu Ru;Lào;La Chí;La Ha;Phù Lá;La Hủ;Lự;Lô Lô;Chứt;Mảng;Pà Thẻn;Cờ Lao;Cống;Bố Y;"
    "Si La;Pu Péo;Brâu;Ơ Đu;Rơ Măm;Ngái".split(";")
)
# The nationalities the registers of Hà Nội record: Vietnamese, and those of its neighbours and of the
# countries its people married or were born in.
NATIONALITIES = tuple(
    "Việt Nam;Lào;Campuchia;Trung Quốc;Liên Xô;Nga;Ba Lan;Tiệp Khắc;Cộng hòa Séc;Hungary;Bulgaria;Đức;Cu Ba;"
    "Pháp;Anh;Mỹ;Hoa Kỳ;Nhật Bản;Hàn Quốc;Thái Lan;Singapore;Malaysia;Úc;Canada;Đài Loan".split(";")
)
LISTED = {"declarant_relation": (KINSHIP, 1), "ethnicity": (ETHNIC_GROUPS, 2), "nationality": (NATIONALITIES, 2)}
MENDED_LISTED = 0.9  # plausibility factor of a value taken for the listed one it is a mark or a letter off
UNLISTED = 0.8  # plausibility factor of a value that is none of its field's listed ones


def listed_value(field: str, value: str) -> tuple[str, float]:
    """A field whose values are a closed list (a declarant's relation, an ethnic group, a nationality)
    as the list writes it: the listed value with the same letters, or the one a letter off ("Hà nội" →
    "Bà nội", "Kidh" → "Kinh") when only one is; on longer values two letters ("Jêt Nam" → "Việt Nam").
    Anything else as read, less sure. These values are mended here, never by the page's places or wording
    ("Bà nội" is one letter from "Hà Nội")."""
    listed, most = LISTED[field]
    folded = fold(value)
    for known in listed:
        if fold(known) == folded:
            return (known, 1.0) if exact_form(known) == exact_form(value) else (known, MENDED_LISTED)
    if len(folded) < 3:
        return value, UNLISTED
    allowed = 1 if len(folded) < 6 else most
    distances = {known: Levenshtein.distance(fold(known), folded) for known in listed}
    nearest = min(distances.values())
    close = [known for known, distance in distances.items() if distance == nearest]
    return (close[0], MENDED_LISTED) if nearest <= allowed and len(close) == 1 else (value, UNLISTED)


def reworded(field: str) -> bool:
    """Whether a field's words may be put back by the page's wording (``repaired_wording``)."""
    return FIELD_BY_NAME[field].kind in {"place", "text"} and field not in LISTED


# Word pairs that the places, causes and notes of civil-status papers are made of (general wording, no
# place names): a word a letter off from one of these beside its partner is that word misread.
COMMON_PAIRS: frozenset[tuple[str, str]] = frozenset(
    (pair.split()[0], pair.split()[1])
    for pair in (
        "bệnh viện", "nhà hộ", "hộ sinh", "trạm y", "y tế", "tại nhà", "nhà riêng", "phụ sản", "đa khoa",
        "trung ương", "khu vực", "thành phố", "tai nạn", "nạn giao", "giao thông", "tai biến", "biến mạch",
        "mạch máu", "máu não", "bệnh tim", "bệnh già", "ốm đau", "ung thư", "bệnh phổi", "cấp bản", "bản sao",
        "sao ngày", "đăng ký", "ký quá", "quá hạn", "con thứ", "thứ nhất", "thứ hai", "thứ ba", "giấy báo",
        "báo tử", "sinh đôi", "hà nội", "số nhà", "ghi vào", "vào sổ", "viêm phổi", "bệnh viêm", "kết hôn",
        "hôn lần", "lần đầu", "lần thứ", "ly hôn", "bản án", "tòa án", "án nhân", "nhân dân", "dân tộc",
        "xác định", "định lại", "lại dân", "cải chính", "thay đổi", "bổ sung", "ngày sinh", "họ tên",
        "nuôi con", "con nuôi", "giám hộ", "cha mẹ",
    )
)  # fmt: skip
REPAIRED_WORDING = 0.9  # plausibility factor of a value with a word put back by its neighbours


def _core(word: str) -> str:
    return word.strip(".,;:").lower()


def _paired(first: str) -> bool:
    """Whether a word and the next are one phrase: a comma or semicolon after it ends the phrase ("phường
    Ngọc Hà, Hà Nội" pairs no "hà hà" to mend "Phạm Đình Hổ, Hà Nội" by)."""
    return not first.rstrip().endswith((",", ";"))


def reworded_fields(named: list[tuple[str, ExtractedField]]) -> list[ExtractedField]:
    """Each (name, field) of a page's places, causes and notes as its field, less sure where a word of it was
    put back by the others (``repaired_wording``); a place so put right goes through the place mends again,
    its unit's or hospital's name now mendable ("Nhà hộ sảnh khu vực Đống Đu")."""
    repaired = repaired_wording([field.value for _, field in named])
    out = []
    for (name, kept), (value, changed) in zip(named, repaired, strict=True):
        if changed and FIELD_BY_NAME[name].kind == "place":
            if not listed_units(kept.value) <= listed_units(value):
                # A listed unit read as it stands outweighs the page's wording: "phường Láng Hạ" is no slip
                # of the "Hàng" of the page's "phường Hàng Buồm" ("Hàng Hạ", then "Hàng Mã" of "phố Hàng Mã").
                out.append(kept)
                continue
            value, _ = mend_place(value)
        out.append(kept.mended(value, REPAIRED_WORDING) if changed else kept)
    return out


def repaired_wording(values: list[str]) -> list[tuple[str, bool]]:
    """Values of a page's place and text cells, each with a word put back where it is one letter (folded)
    off a word that, beside the same neighbour, is the common wording or is read so elsewhere on the page
    more often ("Bệnh viên Bạch Mai" among "Bệnh viện …"): a register repeats its few places and causes.
    Each value comes back with whether a word was changed. The common wording wins however often a hand
    misreads it on the page ("Bệnh viên" in every row); a word that is common wording with one of its
    neighbours ("Bệnh viêm phổi") is left alone."""
    split = [value.split() for value in values]
    pairs: dict[tuple[str, str], int] = {}
    for words in split:
        for a, b in pairwise(words):
            if _paired(a):
                key = (_core(a), _core(b))
                pairs[key] = pairs.get(key, 0) + 1
    common = 2 * (max(pairs.values(), default=0) + 1)
    pairs.update({pair: common for pair in COMMON_PAIRS})
    out = []
    for words in split:
        changed = False
        for index, word in enumerate(words):
            core = _core(word)
            if len(core) < 2 or any(ch.isdigit() for ch in core):
                continue
            before = _core(words[index - 1]) if index else ""
            after = _core(words[index + 1]) if index + 1 < len(words) else ""
            if (before, core) in COMMON_PAIRS or (core, after) in COMMON_PAIRS:
                continue
            best: tuple[int, int, int, str] | None = None  # (folded letters off, letters off, -count, word)
            for side in (-1, 1):
                at = index + side
                if not 0 <= at < len(words) or not _paired(words[min(at, index)]):
                    continue
                other = _core(words[at])
                seen = pairs.get((other, core) if side < 0 else (core, other), 0)
                for (a, b), count in pairs.items():
                    known, partner = (b, a) if side < 0 else (a, b)
                    if partner != other or known == core or count < 2 or count < 2 * max(seen, 1):
                        continue
                    off = Levenshtein.distance(fold(known), fold(core))
                    marked = Levenshtein.distance(known, core)
                    # The closest, its marks too ("việt" is "viện", not "viêm"), then the commonest; then
                    # by the word itself, so that the page reads the same whatever the order of the pairs.
                    if off <= 1 and marked <= 2 and (best is None or (off, marked, -count, known) < best):
                        best = (off, marked, -count, known)
            if best is not None:
                known = best[3]
                start = word.lower().index(core) if core in word.lower() else 0
                cased = known[:1].upper() + known[1:] if word[start : start + 1].isupper() else known
                words[index] = word[:start] + cased + word[start + len(core) :]
                changed = True
        out.append((" ".join(words), changed))
    return out
