"""A single certificate or extract: "label: value" lines, read into one record.

Several fields may share a line ("Giới tính: Nữ   Dân tộc: Kinh"); a value may wrap onto the next line;
a heading ("Cha", "Mẹ", "Bên chồng") says whose name a generic "Họ và tên" is; a two-column marriage
form puts the husband on the left and the wife on the right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hotich.domain import Bbox, ExtractedField, ExtractedRecord, RecordType
from hotich.text import fold
from ocr.labels import LabelMatch, find_labels, find_section, resolve
from ocr.names import normalise, strip_value
from ocr.types import Line, OcrPage, Word

PERSONAL_FIELDS = frozenset(
    {"residence", "ethnicity", "nationality", "hometown", "place_of_birth", "sex", "date_of_birth", "subject_name"}
)
_OFFICE = re.compile(
    r"((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ủy ban hành chính|Uỷ ban hành chính)\s+"
    r"(?:phường|xã|thị trấn|quận|huyện|khu phố|khu|thành phố|thị xã)\s+[^\n,;:]+)",
    re.IGNORECASE,
)
_SIGNED_DATE = re.compile(r"ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4}")


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


def _box(words: list[Word]) -> Bbox:
    return (
        min(w.bbox[0] for w in words),
        min(w.bbox[1] for w in words),
        max(w.bbox[2] for w in words),
        max(w.bbox[3] for w in words),
    )


def _value_words(line: Line, labels: list[LabelMatch], index: int) -> list[Word]:
    start = labels[index].end
    end = labels[index + 1].start if index + 1 < len(labels) else len(line.words)
    return [w for w in line.words[start:end] if strip_value(w.text)]


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


def extract_certificate(page: OcrPage, record_type: RecordType, type_confidence: float) -> ExtractedRecord:
    values: dict[str, list[_Value]] = {}
    section: str | None = None
    boundary: int | None = None
    last: _Value | None = None
    last_person = ""
    last_line_bottom = 0
    for line in page.lines:
        texts = [w.text for w in line.words]
        labels = find_labels(texts)
        if not labels:
            split = _two_columns(line)
            heading = find_section(texts)
            if split is not None:
                boundary, section, last = split, "husband", None
                continue
            if heading:
                section, last = heading, None
                continue
            gap = line.bbox[1] - last_line_bottom
            if last is not None and (
                not last.words or (line.bbox[0] > last.label_x + 10 and gap < 1.5 * _height(line))
            ):
                last.words += [w for w in line.words if strip_value(w.text)]
            last_line_bottom = line.bbox[3]
            continue
        # "Cha: Nguyễn Văn A" — a heading word used as a label before the first real label.
        lead = find_section(texts[: labels[0].start]) if labels[0].start > 0 else None
        if lead:
            section = lead
        for index, label in enumerate(labels):
            words = _value_words(line, labels, index)
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
            name = _section_field(field, section, None)
            if name in {"subject_name", "father_name", "mother_name", "husband_name", "wife_name", "declarant_name"}:
                last_person = name
            if name is None:
                last = None
                continue
            last = _Value(name, words, label.score, line.words[label.start].bbox[0])
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
            if not normalised:
                continue
            ocr_confidence = min(w.confidence for w in value.words)
            confidence = ocr_confidence * value.label_score * plausibility
            fields[name] = ExtractedField(normalised, raw, round(confidence, 4), _box(value.words))
            break
    _header_fields(page, fields)
    boxes = [f.bbox for f in fields.values() if f.bbox]
    bbox = (
        (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        if boxes
        else None
    )
    return ExtractedRecord(record_type, fields, entry_index=0, page_number=page.page_number, bbox=bbox,
                           type_confidence=type_confidence)  # fmt: skip


def _height(line: Line) -> int:
    return max(1, line.bbox[3] - line.bbox[1])


def _header_fields(page: OcrPage, fields: dict[str, ExtractedField]) -> None:
    """Fields printed without a label: the registering office in the letterhead, the signing date."""
    if "registration_office" not in fields:
        for line in page.lines[:6]:
            match = _OFFICE.search(line.text)
            if match:
                office = strip_value(match.group(1))
                fields["registration_office"] = ExtractedField(
                    office, line.text, round(0.9 * line.confidence, 4), line.bbox
                )
                break
    if "registration_date" not in fields:
        for line in reversed(page.lines[len(page.lines) // 2 :]):
            if _SIGNED_DATE.search(fold(line.text)) and "," in line.text:
                value, plausibility = normalise("registration_date", line.text.split(",", 1)[1])
                if value:
                    confidence = 0.9 * line.confidence * plausibility
                    fields["registration_date"] = ExtractedField(value, line.text, round(confidence, 4), line.bbox)
                break
