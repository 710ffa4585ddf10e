"""Printed labels of civil-status forms and registers, and finding them in OCR text despite damage.

Wordings vary by era and office ("Họ và tên", "Họ, chữ đệm, tên", "Tên họ"…); OCR drops tone marks and
commas, merges or splits words. Labels are matched on folded words with a similarity score, so
"Ho va tén" still reads as "Họ và tên". A section heading ("Cha", "Mẹ", "Bên chồng") changes what a
generic label means: under "Mẹ", "Họ và tên" is the mother's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

from rapidfuzz import fuzz

from hotich.text import fold

WHERE = "{where}"
OTHER = "{other}"

# field -> wordings (as printed; folded for matching). "{…}" labels are not fields themselves: "{who}"
# ones depend on the section the line is in, WHERE on the date before it, OTHER on nothing we keep.
LABELS: dict[str, tuple[str, ...]] = {
    "subject_name": (
        "Họ và tên", "Họ, chữ đệm, tên", "Họ, chữ đệm và tên", "Tên họ", "Họ tên", "Họ và tên người được khai sinh",
        "Họ, chữ đệm, tên người được khai sinh", "Họ và tên người chết", "Họ, chữ đệm, tên người đã chết",
        "Họ và tên người đã chết", "Họ tên người chết", "Họ và tên người được giám hộ", "Họ và tên con nuôi",
        "Họ và tên người được nhận", "Họ, chữ đệm, tên người được nhận", "Tên họ đứa trẻ", "Họ và tên đứa trẻ",
        "Họ tên đứa trẻ",
    ),
    "sex": ("Giới tính", "Nam hay nữ", "Trai hay gái", "Con trai hay con gái", "Phái tính"),
    "date_of_birth": ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày", "Ngày sinh", "Sinh năm"),
    "place_of_birth": ("Nơi sinh", "Sinh tại", "Nơi sinh đẻ"),
    "ethnicity": ("Dân tộc",),
    "nationality": ("Quốc tịch",),
    "hometown": ("Quê quán", "Nguyên quán", "Quê"),
    "residence": (
        "Nơi cư trú", "Nơi thường trú", "Nơi đăng ký thường trú", "Chỗ ở hiện tại", "Chỗ ở", "Trú quán", "Địa chỉ",
        "Nơi ở", "Nơi cư trú cuối cùng",
    ),
    "father_name": (
        "Họ và tên cha", "Họ tên cha", "Họ, chữ đệm, tên người cha", "Họ, chữ đệm, tên cha", "Tên cha", "Họ tên bố",
        "Họ và tên bố", "Tên họ người cha", "Tên họ cha", "Họ và tên người cha", "Họ tên người cha",
    ),
    "mother_name": (
        "Họ và tên mẹ", "Họ tên mẹ", "Họ, chữ đệm, tên người mẹ", "Họ, chữ đệm, tên mẹ", "Tên mẹ", "Tên họ người mẹ",
        "Tên họ mẹ", "Họ và tên người mẹ", "Họ tên người mẹ",
    ),
    "father_birth_year": ("Năm sinh của cha", "Năm sinh cha", "Tuổi cha"),
    "mother_birth_year": ("Năm sinh của mẹ", "Năm sinh mẹ", "Tuổi mẹ"),
    "declarant_name": (
        "Họ và tên người đi khai", "Họ tên người đi khai", "Người đi khai", "Họ, chữ đệm, tên người yêu cầu",
        "Họ và tên người yêu cầu", "Người yêu cầu", "Người khai", "Người đi khai tử", "Người đi đăng ký",
        "Người đứng khai",
    ),
    "declarant_relation": (
        "Quan hệ với người được khai sinh", "Quan hệ với người được khai", "Quan hệ với người chết",
        "Quan hệ với người đã chết", "Quan hệ với người được đăng ký", "Quan hệ",
    ),
    "registration_number": ("Số", "Số đăng ký", "Số hiệu", "Số thứ tự", "STT", "Số TT", "TT"),
    "book_number": ("Quyển số", "Quyển"),
    "registration_date": (
        "Ngày đăng ký", "Đăng ký ngày", "Ngày, tháng, năm đăng ký", "Ngày tháng năm đăng ký", "Ngày đăng ký khai sinh",
        "Ngày đăng ký kết hôn", "Ngày đăng ký khai tử", "Ngày khai", "Ngày ghi vào sổ",
    ),
    "registration_office": ("Nơi đăng ký", "Cơ quan đăng ký", "Cơ quan đăng ký hộ tịch"),
    "registrar_name": ("Cán bộ hộ tịch", "Người thực hiện", "Công chức tư pháp - hộ tịch", "Cán bộ tư pháp hộ tịch"),
    "notes": ("Ghi chú",),
    "date_of_death": (
        "Ngày, tháng, năm chết", "Ngày tháng năm chết", "Ngày chết", "Chết ngày", "Chết vào lúc", "Đã chết vào lúc",
        "Chết lúc", "Chết hồi", "Ngày mất", "Mất ngày", "Từ trần lúc",
    ),
    "place_of_death": ("Nơi chết", "Chết tại", "Nơi mất"),
    "cause_of_death": (
        "Nguyên nhân chết", "Nguyên nhân", "Nguyên nhân mất", "Nguyên nhân tử vong", "Vì bệnh",
    ),
    "husband_name": ("Họ và tên chồng", "Họ tên chồng", "Họ, chữ đệm, tên chồng", "Tên chồng"),
    "wife_name": ("Họ và tên vợ", "Họ tên vợ", "Họ, chữ đệm, tên vợ", "Tên vợ"),
    "husband_date_of_birth": ("Ngày sinh của chồng", "Ngày, tháng, năm sinh của chồng"),
    "wife_date_of_birth": ("Ngày sinh của vợ", "Ngày, tháng, năm sinh của vợ"),
    "husband_residence": ("Nơi cư trú của chồng",),
    "wife_residence": ("Nơi cư trú của vợ",),
    "counterpart_name": (
        "Họ và tên người giám hộ", "Người giám hộ", "Họ, chữ đệm, tên người giám hộ", "Họ và tên người nhận con nuôi",
        "Người nhận con nuôi", "Họ và tên cha mẹ nuôi", "Cha mẹ nuôi", "Họ và tên người nhận", "Người nhận",
    ),
    "change_description": (
        "Nội dung thay đổi, cải chính", "Nội dung thay đổi", "Nội dung cải chính", "Nội dung bổ sung",
        "Nội dung thay đổi, cải chính hộ tịch", "Nội dung",
    ),
    "{who}_birth_year": ("Năm sinh",),
    # "Tại: …" after a date is where it happened: the place of birth or of death (see certificate.py).
    WHERE: ("Tại",),
    # Labels of what the schema does not hold: found so that their values end the value before them
    # ("Phạm Văn Lộc   tuổi: 32   nghề nghiệp: công nhân") and are not taken for a wrapped line.
    OTHER: (
        "Nghề nghiệp", "Tuổi", "Số định danh cá nhân", "Số CMND", "Số chứng minh nhân dân", "Giấy tờ tùy thân",
        "Ghi bằng chữ", "Nơi làm việc",
    ),
}  # fmt: skip

# Section headings: the person the following generic labels ("Họ và tên", "Năm sinh", "Nơi cư trú") are about.
SECTIONS: dict[str, tuple[str, ...]] = {
    "father": ("Cha", "Người cha", "Bố", "Phần khai về cha", "Họ tên cha"),
    "mother": ("Mẹ", "Người mẹ", "Phần khai về mẹ"),
    "declarant": ("Người đi khai", "Người yêu cầu", "Người đi khai tử", "Người đi đăng ký"),
    "husband": ("Bên chồng", "Chồng", "Người chồng"),
    "wife": ("Bên vợ", "Vợ", "Người vợ"),
    "subject": ("Người được khai sinh", "Người chết", "Người đã chết", "Người được giám hộ", "Con nuôi", "Người con"),
    "counterpart": ("Người giám hộ", "Cha mẹ nuôi", "Người nhận con nuôi", "Người nhận cha, mẹ, con"),
}

# Under a section, generic fields become the section person's fields.
SECTION_FIELDS: dict[str, dict[str, str]] = {
    "father": {
        "subject_name": "father_name",
        "{who}_birth_year": "father_birth_year",
        "date_of_birth": "father_birth_year",
    },
    "mother": {
        "subject_name": "mother_name",
        "{who}_birth_year": "mother_birth_year",
        "date_of_birth": "mother_birth_year",
    },
    "declarant": {"subject_name": "declarant_name"},
    "husband": {
        "subject_name": "husband_name",
        "date_of_birth": "husband_date_of_birth",
        "residence": "husband_residence",
    },
    "wife": {"subject_name": "wife_name", "date_of_birth": "wife_date_of_birth", "residence": "wife_residence"},
    "counterpart": {"subject_name": "counterpart_name"},
    "subject": {},
}

# Words that say whose a label is ("Họ tên cha", "Ngày sinh của vợ"), folded.
PERSON_WORDS = {"cha": "father", "bo": "father", "me": "mother", "chong": "husband", "vo": "wife"}

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class LabelForm:
    field: str
    words: tuple[str, ...]  # folded words of the label

    @cached_property
    def text(self) -> str:
        return " ".join(self.words)


def folded_words(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=1)
def label_forms() -> tuple[LabelForm, ...]:
    """Every wording as folded words, longest first (so "Họ và tên cha" wins over "Họ và tên")."""
    forms = {
        LabelForm(field, tuple(folded_words(wording))) for field, wordings in LABELS.items() for wording in wordings
    }
    return tuple(sorted(forms, key=lambda f: (-len(f.words), -len(f.text), f.field)))


@dataclass(frozen=True)
class LabelMatch:
    field: str
    start: int  # index of the first word of the label in the line
    end: int  # index after the last word
    score: float  # 0..1 similarity of the printed label to the known wording
    colon: bool  # the label ends with ":" (a strong sign it is a label)


def similarity(seen: str, known: str, spaces_lost: bool = False) -> float:
    if seen == known or seen.replace(" ", "") == known.replace(" ", ""):  # OCR merges words: "SốTT", "Namhay"
        return 1.0
    if len(known) <= 4:  # "so", "que": too short to guess at
        return 0.0
    score = fuzz.ratio(seen, known)
    if spaces_lost:  # a column heading: spaces lost by OCR ("Họovàtên") count as nothing
        score = max(score, fuzz.ratio(seen.replace(" ", ""), known.replace(" ", "")))
    return score / 100.0


def find_labels(words: list[str], min_score: float = 0.84, heading: bool = False) -> list[LabelMatch]:
    """Labels in one line of OCR words (raw text, punctuation attached), left to right, not overlapping.

    A label must end with a colon, or start the line, or be long and near-exact: values that merely
    contain a label's words ("số 12 phố Huế") are not labels. ``heading``: the words are one column
    heading of a register, where labels stand alone without colons."""
    folded = [" ".join(folded_words(w)) for w in words]
    figures = [0, *accumulate(any(ch.isdigit() for ch in w) for w in words)]  # words holding a figure, so far
    spans_read: dict[tuple[int, int], str] = {}  # the folded text of each span, joined once for all wordings
    candidates: list[tuple[str, LabelMatch]] = []  # (the wording matched, the match)
    for form in label_forms():
        size = len(form.words)
        for start in range(len(words)):
            # OCR may split or merge words: compare the joined texts, also with one word more or less.
            # A heading stands alone: any run of its words may be the wording (OCR joins and splits words).
            spans = set(range(1, len(words) - start + 1)) if heading else {size, size - 1, size + 1} - {0}
            for span in spans:
                end = start + span
                if end > len(words):
                    continue
                if figures[end] > figures[start]:
                    continue  # labels hold no figures: "27 Quyển số:" is a value and a label
                seen = spans_read.get((start, end))
                if seen is None:
                    seen = spans_read[start, end] = " ".join(f for f in folded[start:end] if f)
                score = similarity(seen, form.text, spaces_lost=heading)
                if score < min_score:
                    continue
                if _qualified(form) and not seen.endswith(form.words[-1]):
                    continue  # "người chất" is "người chết" misread, not "người cha": the person must be read right
                colon = words[end - 1].rstrip().endswith(":") or (end < len(words) and words[end].strip() == ":")
                if not colon and not heading and score < (0.92 if start == 0 else 1.0):
                    # Without a colon only a near-exact wording counts ("GIẤY KHAI" ≠ "Ngày khai"); inside a
                    # line, only the wording itself: a value's words are near many ("Nguyễn Quang" ≈ "Nguyên quán").
                    continue
                long_enough = len(form.text) >= 8
                aged = form.field == OTHER and _number_follows(words, end)  # "tuổi 28", its colon lost
                if not (colon or start == 0 or long_enough or heading or aged):
                    continue
                if form.field == "registration_number" and not (colon or heading or _number_follows(words, end)):
                    continue
                candidates.append(
                    (form.text, LabelMatch(form.field, start, end, score * (1.0 if colon else 0.97), colon))
                )
    # Prefer colon-ended, longer, better labels; then keep those that don't overlap.
    # Of readings of one wording ending at one word, the best-read start: "Nơi thường trú:", not
    # "Nội Nơi thường trú:" with the last word of the value before it. A longer wording read a little
    # worse stays ("Hệ và tên vợ" beside the exact "tên vợ"), or a long misreading of another field's
    # wording ("Họ và tên bố") would win by its length.
    best_start: dict[tuple[str, int], float] = {}
    for wording, m in candidates:
        best_start[wording, m.end] = max(m.score, best_start.get((wording, m.end), 0.0))
    matches = [m for wording, m in candidates if best_start[wording, m.end] <= m.score]
    matches.sort(key=lambda m: (m.colon, m.end - m.start, m.score), reverse=True)
    chosen: list[LabelMatch] = []
    for match in matches:
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def _qualified(form: LabelForm) -> bool:
    """A label ending "người cha", "người vợ"…: after "người" many words may stand (chết, chồng, con, cha),
    so the last word, short and easily misread into another, decides whose the label is."""
    return len(form.words) >= 2 and form.words[-2] == "nguoi" and form.words[-1] in PERSON_WORDS


def _number_follows(words: list[str], end: int) -> bool:
    return end < len(words) and any(ch.isdigit() for ch in words[end])


def find_section(words: list[str]) -> str | None:
    """The section a heading line opens ("Cha", "Bên vợ"…), if the line is such a heading."""
    text = " ".join(" ".join(folded_words(w)) for w in words).strip()
    if not text or len(text) > 40:
        return None
    stripped = text.rstrip(":").strip()
    for section, headings in SECTIONS.items():
        for heading in headings:
            known = " ".join(folded_words(heading))
            if stripped == known or (len(known) > 5 and similarity(stripped, known) >= 0.88):
                return section
    return None


def resolve(field: str, section: str | None) -> str | None:
    """The schema field a (possibly generic) label means in ``section``."""
    if section and field in SECTION_FIELDS.get(section, {}):
        return SECTION_FIELDS[section][field]
    if field.startswith("{"):
        return None
    return field
