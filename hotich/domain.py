"""Shared domain types: record types, the field registry and the extracted-record shape.

Every package may import this module (it imports nothing of ours). The field registry is the one place
a field is declared: extraction, the catalog, the index mapping, the web app and exports all read it.
The names and the JSON shape follow ``shared/schema/record.schema.json``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

Bbox = tuple[int, int, int, int]
"""[x0, y0, x1, y1] in pixels of the original page image, origin top-left."""


def nfc(text: str) -> str:
    """Every text is NFC-normalised on the way in."""
    return unicodedata.normalize("NFC", text)


class RecordType(StrEnum):
    BIRTH = "birth"
    MARRIAGE = "marriage"
    DEATH = "death"
    PARENT_RECOGNITION = "parent_recognition"
    GUARDIANSHIP = "guardianship"
    ADOPTION = "adoption"
    CIVIL_STATUS_CHANGE = "civil_status_change"
    OTHER = "other"

    @property
    def label_vi(self) -> str:
        return RECORD_TYPE_LABELS_VI[self]


RECORD_TYPE_LABELS_VI: dict[RecordType, str] = {
    RecordType.BIRTH: "Khai sinh",
    RecordType.MARRIAGE: "Kết hôn",
    RecordType.DEATH: "Khai tử",
    RecordType.PARENT_RECOGNITION: "Nhận cha, mẹ, con",
    RecordType.GUARDIANSHIP: "Giám hộ",
    RecordType.ADOPTION: "Nuôi con nuôi",
    RecordType.CIVIL_STATUS_CHANGE: "Thay đổi, cải chính hộ tịch",
    RecordType.OTHER: "Khác",
}

FieldKind = Literal["name", "date", "year", "place", "enum", "text", "number"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record: how it is named, labelled, normalised, searched and shown."""

    name: str
    kind: FieldKind
    label_vi: str
    label_en: str
    searchable: bool = True
    shown_in_results: bool = False
    person_name: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("registration_number", "number", "Số", "Registration number", shown_in_results=True),
    FieldSpec("book_number", "number", "Quyển số", "Book number"),
    FieldSpec("registration_date", "date", "Ngày đăng ký", "Registration date", shown_in_results=True),
    FieldSpec("registration_office", "place", "Nơi đăng ký", "Registration office"),
    FieldSpec("registrar_name", "name", "Cán bộ hộ tịch", "Registrar", searchable=False),
    FieldSpec("notes", "text", "Ghi chú", "Notes"),
    FieldSpec("subject_name", "name", "Họ, chữ đệm, tên", "Full name", shown_in_results=True, person_name=True),
    FieldSpec("sex", "enum", "Giới tính", "Sex", shown_in_results=True),
    FieldSpec("date_of_birth", "date", "Ngày sinh", "Date of birth", shown_in_results=True),
    FieldSpec("place_of_birth", "place", "Nơi sinh", "Place of birth"),
    FieldSpec("ethnicity", "text", "Dân tộc", "Ethnicity"),
    FieldSpec("nationality", "text", "Quốc tịch", "Nationality"),
    FieldSpec("hometown", "place", "Quê quán", "Hometown"),
    FieldSpec("residence", "place", "Nơi cư trú", "Residence"),
    FieldSpec("father_name", "name", "Họ tên cha", "Father", shown_in_results=True, person_name=True),
    FieldSpec("father_birth_year", "year", "Năm sinh của cha", "Father's birth year"),
    FieldSpec("mother_name", "name", "Họ tên mẹ", "Mother", shown_in_results=True, person_name=True),
    FieldSpec("mother_birth_year", "year", "Năm sinh của mẹ", "Mother's birth year"),
    FieldSpec("declarant_name", "name", "Người đi khai", "Declarant", person_name=True),
    FieldSpec("declarant_relation", "text", "Quan hệ với người được khai", "Relation to subject"),
    FieldSpec("husband_name", "name", "Họ tên chồng", "Husband", shown_in_results=True, person_name=True),
    FieldSpec("husband_date_of_birth", "date", "Ngày sinh của chồng", "Husband's date of birth"),
    FieldSpec("husband_residence", "place", "Nơi cư trú của chồng", "Husband's residence"),
    FieldSpec("wife_name", "name", "Họ tên vợ", "Wife", shown_in_results=True, person_name=True),
    FieldSpec("wife_date_of_birth", "date", "Ngày sinh của vợ", "Wife's date of birth"),
    FieldSpec("wife_residence", "place", "Nơi cư trú của vợ", "Wife's residence"),
    FieldSpec("date_of_death", "date", "Ngày chết", "Date of death", shown_in_results=True),
    FieldSpec("place_of_death", "place", "Nơi chết", "Place of death"),
    FieldSpec("cause_of_death", "text", "Nguyên nhân chết", "Cause of death"),
    FieldSpec("counterpart_name", "name", "Người liên quan", "Counterpart", person_name=True),
    FieldSpec("change_description", "text", "Nội dung thay đổi, cải chính", "Change description"),
)

FIELD_BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}
FIELD_NAMES: frozenset[str] = frozenset(FIELD_BY_NAME)
NAME_FIELDS: tuple[str, ...] = tuple(spec.name for spec in FIELDS if spec.person_name)
DATE_FIELDS: tuple[str, ...] = tuple(spec.name for spec in FIELDS if spec.kind == "date")


@dataclass
class ExtractedField:
    """A field value as the system read it (the schema's FieldValue)."""

    value: str
    raw: str | None = None
    confidence: float | None = None
    bbox: Bbox | None = None

    def mended(self, value: str, factor: float) -> ExtractedField:
        """The field with its value put right by a rule, its confidence scaled by how sure the rule is."""
        confidence = None if self.confidence is None else round(self.confidence * factor, 4)
        return replace(self, value=value, confidence=confidence)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value}
        if self.raw is not None:
            out["raw"] = self.raw
        if self.confidence is not None:
            out["confidence"] = round(float(self.confidence), 4)
        if self.bbox is not None:
            out["bbox"] = [int(v) for v in self.bbox]
        return out


@dataclass
class ExtractedRecord:
    """One record found on a page (a register entry or a certificate)."""

    record_type: RecordType
    fields: dict[str, ExtractedField] = field(default_factory=dict)
    entry_index: int = 0
    page_number: int = 1
    bbox: Bbox | None = None
    type_confidence: float | None = None

    def __post_init__(self) -> None:
        unknown = set(self.fields) - FIELD_NAMES
        if unknown:
            raise ValueError(f"unknown field names: {sorted(unknown)}")

    @property
    def confidence(self) -> float:
        """The weakest link: the lowest confidence among the type and the fields."""
        values = [f.confidence for f in self.fields.values() if f.confidence is not None]
        if self.type_confidence is not None:
            values.append(self.type_confidence)
        return min(values) if values else 0.0

    def value(self, name: str) -> str | None:
        found = self.fields.get(name)
        return found.value if found else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "record_type": self.record_type.value,
            "entry_index": self.entry_index,
            "page_number": self.page_number,
        }
        if self.bbox is not None:
            out["bbox"] = [int(v) for v in self.bbox]
        out["fields"] = {name: f.to_json() for name, f in self.fields.items() if f.value}
        return out
