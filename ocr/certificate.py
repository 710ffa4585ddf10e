"""A single certificate or extract: "label: value" lines, read into one record.

Several fields may share a line ("Giới tính: Nữ   Dân tộc: Kinh"); a value may wrap onto the next line;
a heading ("Cha", "Mẹ", "Bên chồng") says whose name a generic "Họ và tên" is; a two-column marriage
form puts the husband on the left and the wife on the right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from hotich.domain import FIELD_BY_NAME, Bbox, ExtractedField, ExtractedRecord, RecordType
from hotich.text import fold
from ocr.dates import MONTH_WORD, WORD_GAP, WORDED_YEAR, is_written_date
from ocr.labels import WHERE, LabelMatch, find_labels, find_section, resolve
from ocr.names import (
    MENDED_PLACE,
    middle_name_by_sex,
    normalise,
    office_name,
    read_confidence,
    reworded,
    reworded_fields,
    sex_by_name,
    strip_value,
)
from ocr.places import mend_place
from ocr.types import Line, OcrPage, Word, enclosing

PERSONAL_FIELDS = frozenset(
    {"residence", "ethnicity", "nationality", "hometown", "place_of_birth", "sex", "date_of_birth", "subject_name"}
)
WIDE_GAP = 3.0  # gap between words, in word heights, beyond which a value does not go on
FREE_TEXT = frozenset({"change_description", "notes"})  # their values may hold label-like words
WRAPPING = frozenset({"place", "text"})  # kinds of value that wrap onto the next line
_SIGNATURE = re.compile(
    r"^(tm|kt|t/m|chu tich|pho chu tich|uy ban|ubnd|ubhc|can bo|nguoi thuc hien|cong chuc|nguoi ky|uy vien|thu ky)\b"
)
_SIGNED_DATE = re.compile(
    rf"ng[a-z]{{1,2}}y{WORD_GAP}\d{{1,2}}{WORD_GAP}{MONTH_WORD}{WORD_GAP}\d{{1,2}}{WORD_GAP}{WORDED_YEAR}"
)

# A line of figures alone above the labelled fields, or after a label worn to a letter or two: the
# certificate's number, its "Số:" lost ("352", "ố: 469"). Less sure than one read beside its label.
_LONE_NUMBER = re.compile(r"^(?:\S{1,2}\s*:\s*)?(\d{1,6}(?:/[\w.\-]+)?)$")
LOST_LABEL = 0.8


@dataclass
class _Value:
    name: str
    words: list[Word] = field(default_factory=list)
    label_score: float = 1.0
    label_x: int = 0


def _section_field(label_field: str, section: str | None, columns: tuple[str, str] | None) -> str | None:
    resolved = resolve(label_field, section)
    if resolved is None:
        return None
    others = {"father", "mother", "declarant", "counterpart"}
    if section in others and resolved == label_field and label_field in PERSONAL_FIELDS:
        return None  # under another person's heading, a generic field is about that person: not ours
    return resolved


def _value_words(line: Line, labels: list[LabelMatch], index: int, whole: bool = False) -> list[Word]:
    """The words after a label up to the next label or, unless ``whole``, the first wide gap (what lies
    beyond is another column: the national motto beside "Số:", a title beside "Quyển số:")."""
    start = labels[index].end
    end = labels[index + 1].start if index + 1 < len(labels) else len(line.words)
    words = [w for w in line.words[start:end] if strip_value(w.text)]
    if whole:
        return words
    label_end = line.words[labels[index].end - 1].bbox[2]
    height = _word_height(line)
    kept: list[Word] = []
    for word in words:
        previous = kept[-1].bbox[2] if kept else label_end
        if word.bbox[0] - previous > WIDE_GAP * height:
            break
        kept.append(word)
    return kept


def _word_height(line: Line) -> float:
    heights = sorted(w.bbox[3] - w.bbox[1] for w in line.words)
    return max(1.0, float(heights[len(heights) // 2])) if heights else 1.0


def runs(line: Line) -> list[list[Word]]:
    """A line's words in runs split at wide gaps (separate columns of a form)."""
    height = _word_height(line)
    out: list[list[Word]] = []
    for word in line.words:
        if out and word.bbox[0] - out[-1][-1].bbox[2] <= WIDE_GAP * height:
            out[-1].append(word)
        else:
            out.append([word])
    return out


def _two_columns(line: Line) -> int | None:
    """The x where the wife's column starts, for a heading line holding both "chồng" and "vợ"."""
    folded = [fold(w.text).strip(":") for w in line.words]
    if "chong" in folded and "vo" in folded:
        wife = line.words[folded.index("vo")]
        husband = line.words[folded.index("chong")]
        if wife.bbox[0] > husband.bbox[2]:
            # The boundary is midway between the two headings' starts.
            start = next((w for w in line.words if w.bbox[0] > husband.bbox[2]), wife)
            return (husband.bbox[2] + start.bbox[0]) // 2
    return None


_JOINED = re.compile(r"^([^\W\d_]{2,}:)(\S+)$")


def colons_apart(line: Line) -> Line:
    """A line whose label and value the engine read as one word ("Số:27", "tuổi:28", typed without a
    space) with that word split after the colon, its box shared by letter count."""
    words: list[Word] = []
    for word in line.words:
        joined = _JOINED.match(word.text)
        if joined is None:
            words.append(word)
            continue
        label, value = joined.groups()
        x0, y0, x1, y1 = word.bbox
        cut = x0 + (x1 - x0) * len(label) // len(word.text)
        words += [replace(word, text=label, bbox=(x0, y0, cut, y1)), replace(word, text=value, bbox=(cut, y0, x1, y1))]
    return line if len(words) == len(line.words) else replace(line, words=tuple(words))


def _spouse_columns(line: Line, labels: list[LabelMatch]) -> int | None:
    """The x where the wife's column starts, for a line labelling both spouses side by side
    ("Họ và tên chồng: …      Họ và tên vợ: …"): the generic labels below are then read per column."""
    fields = [label.field for label in labels]
    if "husband_name" in fields and "wife_name" in fields:
        husband, wife = labels[fields.index("husband_name")], labels[fields.index("wife_name")]
        if wife.start > husband.end:
            return line.words[wife.start].bbox[0]
    return None


def extract_certificate(page: OcrPage, record_type: RecordType, type_confidence: float) -> ExtractedRecord:
    values: dict[str, list[_Value]] = {}
    section: str | None = None
    boundary: int | None = None
    last: _Value | None = None
    last_person = ""
    last_date = ""
    last_line_bottom = 0
    for line in map(colons_apart, page.lines):
        texts = [w.text for w in line.words]
        labels = find_labels(texts)
        free = next((i for i, label in enumerate(labels) if label.field in FREE_TEXT), None)
        if free is not None:
            labels = labels[: free + 1]  # "Nội dung: Bổ sung quê quán: …" — the rest is the value
        if not labels:
            split = _two_columns(line)
            heading = find_section(texts)
            if split is not None:
                boundary, section, last = split, "husband", None
                continue
            if heading:
                section, last = heading, None
                continue
            if last is not None and _continues(last, line, line.bbox[1] - last_line_bottom):
                last.words += [w for w in runs(line)[0] if strip_value(w.text)]
            else:
                last = None
            last_line_bottom = line.bbox[3]
            continue
        # "Cha: Nguyễn Văn A" — a heading word used as a label before the first real label.
        lead = find_section(texts[: labels[0].start]) if labels[0].start > 0 else None
        if lead:
            section = lead
        if boundary is None:
            boundary = _spouse_columns(line, labels)
        for index, label in enumerate(labels):
            words = _value_words(line, labels, index, whole=boundary is not None)
            if boundary is not None and words and label.field in {"subject_name", "date_of_birth", "residence"}:
                husband = [w for w in words if w.bbox[0] < boundary]
                wife = [w for w in words if w.bbox[0] >= boundary]
                for person, part in (("husband", husband), ("wife", wife)):
                    name = _section_field(label.field, person, None)
                    if name and part:
                        values.setdefault(name, []).append(
                            _Value(name, part, label.score, line.words[label.start].bbox[0])
                        )
                continue
            field = label.field
            if field == "{who}_birth_year" and section is None:
                # "Họ và tên cha: …  Năm sinh: 1935": the year belongs to the person just named.
                field = {"father_name": "father_birth_year", "mother_name": "mother_birth_year"}.get(
                    last_person, "date_of_birth"
                )
            if field == WHERE:
                field = {"date_of_birth": "place_of_birth", "date_of_death": "place_of_death"}.get(last_date, field)
            name = _section_field(field, section, None)
            if name in {"date_of_birth", "date_of_death"}:
                last_date = name
            if name in {"subject_name", "father_name", "mother_name", "husband_name", "wife_name", "declarant_name"}:
                last_person = name
            if name is None:
                last = None
                continue
            label_x = line.words[label.start].bbox[0]
            if FIELD_BY_NAME[name].kind == "name":
                words, rest = _name_and_rest(words)
                year = _BIRTH_YEARS.get(name)
                if year and any(_YEAR.fullmatch(w.text.strip(".,:;")) for w in rest):
                    # "Họ và tên cha: Đặng Văn Nghĩa  ma sinh 1938": the year's label misread, its value after the name
                    years = [w for w in rest if _YEAR.fullmatch(w.text.strip(".,:;"))]
                    values.setdefault(year, []).append(_Value(year, years[:1], 0.85 * label.score, label_x))
            last = _Value(name, words, label.score, label_x)
            values.setdefault(name, []).append(last)
        last_line_bottom = line.bbox[3]

    fields: dict[str, ExtractedField] = {}
    for name, candidates in values.items():
        # The first reading that normalises wins: a stray match that holds no date yields to the real label.
        for value in candidates:
            if not value.words:
                continue
            raw = " ".join(w.text for w in value.words)
            normalised, plausibility = normalise(name, raw)
            if not normalised or (FIELD_BY_NAME[name].kind == "name" and len(normalised.split()) < 2):
                continue  # a full name has two syllables at least
            ocr_confidence = read_confidence(name, value.words)
            confidence = ocr_confidence * value.label_score * plausibility
            fields[name] = ExtractedField(normalised, raw, round(confidence, 4), enclosing(w.bbox for w in value.words))
            break
    middle_name_by_sex(fields)
    if "sex" in values and "sex" not in fields:
        sex_by_name(fields)  # its label is there, its value unreadable ("Nam hay nữ: @œ/m")
    _header_fields(page, fields)
    worded = [name for name in fields if reworded(name)]
    for name, mended in zip(worded, reworded_fields([(n, fields[n]) for n in worded]), strict=True):
        fields[name] = mended
    boxes = [f.bbox for f in fields.values() if f.bbox]
    bbox = enclosing(boxes) if boxes else None
    return ExtractedRecord(record_type, fields, entry_index=0, page_number=page.page_number, bbox=bbox,
                           type_confidence=type_confidence)  # fmt: skip


_BIRTH_YEARS = {"father_name": "father_birth_year", "mother_name": "mother_birth_year"}
_YEAR = re.compile(r"(1[89]|20)\d{2}")


def _name_and_rest(words: list[Word]) -> tuple[list[Word], list[Word]]:
    """A full name and what follows it on its line: a name's words are capitalised and hold no figures, so
    after two of them a word in lower case or with a digit starts something else (a misread label, a year)."""
    for index, word in enumerate(words):
        letters = [ch for ch in word.text if ch.isalpha()]
        if index >= 2 and (any(ch.isdigit() for ch in word.text) or (letters and letters[0].islower())):
            if all(w.text[:1].isupper() for w in words[:index]):
                return words[:index], words[index:]
            break
    return words, []


def _continues(value: _Value, line: Line, gap: int) -> bool:
    """Whether an unlabelled line carries on the value above it: a place or text that wrapped, on the
    very next line, starting under the value (not a signature block or a dated line at the right)."""
    if not value.words:
        return gap < 2 * _height(line)  # "Nơi sinh:" with its value on the line below
    if FIELD_BY_NAME[value.name].kind not in WRAPPING or gap > _height(line):
        return False
    text = fold(line.text)
    if _SIGNATURE.search(text) or _SIGNED_DATE.search(text):
        return False
    start = line.words[0].bbox[0]
    return value.label_x - 2 * _height(line) <= start <= value.words[0].bbox[0] + 2 * _height(line)


def _height(line: Line) -> int:
    return max(1, line.bbox[3] - line.bbox[1])


def _header_fields(page: OcrPage, fields: dict[str, ExtractedField]) -> None:
    """Fields printed without a label: the registering office in the letterhead, the signing date; and
    the number whose label was lost."""
    if "registration_number" not in fields:
        fields_top = min(
            (f.bbox[1] for name, f in fields.items() if f.bbox and name != "registration_office"),
            default=page.height // 3,
        )
        for line in page.lines:
            if line.bbox[1] >= fields_top:
                break
            lone = _LONE_NUMBER.match(line.text.strip())
            if lone and not is_written_date(lone.group(1)):
                confidence = round(LOST_LABEL * line.confidence, 4)
                fields["registration_number"] = ExtractedField(lone.group(1), line.text, confidence, line.bbox)
                break
    if "registration_office" not in fields:
        office = find_office(page)
        if office is not None:
            fields["registration_office"] = office
    if "registrar_name" not in fields:
        registrar = _registrar(page)
        if registrar is not None:
            fields["registrar_name"] = registrar
    if "registration_date" not in fields:
        taken = [f.bbox for f in fields.values() if f.bbox]
        for line in reversed(page.lines[len(page.lines) // 2 :]):
            if any(_within(box, line.bbox) for box in taken):
                continue  # a labelled field's line ("Ngày, tháng, năm sinh: ngày 24 tháng 8 năm 1942")
            signed = _SIGNED_DATE.search(fold(line.text))
            if signed:  # "Hà Nội, ngày 5 tháng 4 năm 1985": the place before it may hold figures of its own
                value, plausibility = normalise("registration_date", fold(line.text)[signed.start() :])
                if value:
                    confidence = 0.9 * line.confidence * plausibility
                    fields["registration_date"] = ExtractedField(value, line.text, round(confidence, 4), line.bbox)
                break


def _within(inner: Bbox, outer: Bbox) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def find_office(page: OcrPage, top_lines: int = 6) -> ExtractedField | None:
    """The registering office of the letterhead ("UBND PHƯỜNG X" beside the national motto), also when
    it is set on two lines ("UBND" over "PHƯỜNG X")."""
    lines = page.lines[:top_lines]
    for index, line in enumerate(lines):
        for run in runs(line):
            candidates = [run]
            below = lines[index + 1] if index + 1 < len(lines) else None
            if below is not None:
                under = [r for r in runs(below) if r[0].bbox[0] < run[-1].bbox[2] and r[-1].bbox[2] > run[0].bbox[0]]
                candidates += [run + r for r in under[:1]]
            for words in candidates:
                office = office_name([w.text for w in words])
                if office:
                    office, mended = mend_place(office)  # "UBND PHƯỜNG Ô CHỢ ĐỪA": the ward a letter off
                    confidence = 0.95 * min(w.confidence for w in words) * (MENDED_PLACE if mended else 1.0)
                    raw = " ".join(w.text for w in words)
                    return ExtractedField(office, raw, round(confidence, 4), enclosing(w.bbox for w in words))
    return None


def _registrar(page: OcrPage) -> ExtractedField | None:
    """The name under the signature ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / (signature) / Nguyễn Văn A"):
    the last plausible name below a signing line, in its column (overlapping it: a name may run wider than
    a short title, "CHỦ TỊCH")."""
    signed_at: Line | None = None
    found: list[Word] | None = None
    for line in page.lines[len(page.lines) // 3 :]:
        for run in runs(line):
            text = fold(" ".join(w.text for w in run))
            if _SIGNATURE.search(text):
                signed_at, found = line, None
                continue
            if signed_at is None or run[-1].bbox[2] < signed_at.bbox[0] or run[0].bbox[0] > signed_at.bbox[2]:
                continue
            name, plausibility = normalise("registrar_name", " ".join(w.text for w in run))
            if name and plausibility >= 0.8 and 2 <= len(name.split()) <= 5:
                found = run
    if not found:
        return None
    raw = " ".join(w.text for w in found)
    name, plausibility = normalise("registrar_name", raw)
    if not name:
        return None
    confidence = 0.95 * min(w.confidence for w in found) * plausibility
    return ExtractedField(name, raw, round(confidence, 4), enclosing(w.bbox for w in found))
