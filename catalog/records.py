"""Reading and writing volumes, pages and records in the catalog."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalog.models import FieldValue, Page, Record, RecordRevision, Volume, utcnow
from hotich.domain import FIELD_NAMES, ExtractedRecord, RecordType, nfc
from indexer.base import IndexDocument


@dataclass(frozen=True)
class VolumeInfo:
    """What the digitization team knows of a volume when it scans it."""

    ward: str = ""
    register_type: str = "other"
    year_from: int | None = None
    year_to: int | None = None
    book_number: str = ""


def get_or_create_volume(session: Session, info: VolumeInfo) -> Volume:
    query = select(Volume).where(
        Volume.ward == nfc(info.ward),
        Volume.register_type == info.register_type,
        Volume.book_number == info.book_number,
        Volume.year_from.is_(None) if info.year_from is None else Volume.year_from == info.year_from,
    )
    volume = session.scalars(query).first()
    if volume is None:
        volume = Volume(
            ward=nfc(info.ward),
            register_type=info.register_type,
            year_from=info.year_from,
            year_to=info.year_to if info.year_to is not None else info.year_from,
            book_number=info.book_number,
        )
        session.add(volume)
        session.flush()
    return volume


def pages_of_source(session: Session, sha256: str) -> list[Page]:
    return list(session.scalars(select(Page).where(Page.source_sha256 == sha256).order_by(Page.source_page)))


def next_page_number(session: Session, volume_id: int) -> int:
    numbers = session.scalars(select(Page.page_number).where(Page.volume_id == volume_id))
    return max(numbers, default=0) + 1


def add_records(
    session: Session, page: Page, records: Sequence[ExtractedRecord], review_threshold: float
) -> list[Record]:
    """Store the machine's reading of a page's records as revision 1 of each."""
    stored: list[Record] = []
    for extracted in records:
        confidence = extracted.confidence
        record = Record(
            page_id=page.id,
            entry_index=extracted.entry_index,
            record_type=extracted.record_type.value,
            bbox=list(extracted.bbox) if extracted.bbox else None,
            status="ok" if confidence >= review_threshold else "review",
            confidence=confidence,
            revision=1,
            indexed_revision=0,
        )
        session.add(record)
        session.flush()
        session.add(RecordRevision(record_id=record.id, revision=1, record_type=record.record_type))
        for name, value in extracted.fields.items():
            if not value.value:
                continue
            session.add(
                FieldValue(
                    record_id=record.id,
                    revision=1,
                    name=name,
                    value=nfc(value.value),
                    raw=nfc(value.raw) if value.raw is not None else None,
                    confidence=value.confidence,
                    bbox=list(value.bbox) if value.bbox else None,
                )
            )
        stored.append(record)
    return stored


def correct_record(
    session: Session,
    record_id: int,
    fields: dict[str, str],
    *,
    author: str,
    record_type: str | None = None,
    note: str = "",
    verified: bool = True,
) -> Record:
    """A person's correction: a new revision of the whole field set; older revisions stay."""
    unknown = set(fields) - FIELD_NAMES
    if unknown:
        raise ValueError(f"unknown field names: {sorted(unknown)}")
    if record_type is not None:
        RecordType(record_type)  # raises on an unknown type
    record = session.get(Record, record_id, with_for_update=True)
    if record is None:
        raise LookupError(f"no record {record_id}")
    previous = record.current_fields()
    record.revision += 1
    if record_type:
        record.record_type = record_type
    for name, value in fields.items():
        value = nfc(value.strip())
        if not value:
            continue
        before = previous.get(name)
        unchanged = before is not None and before.value == value
        session.add(
            FieldValue(
                record_id=record.id,
                revision=record.revision,
                name=name,
                value=value,
                raw=before.raw if before else None,
                confidence=before.confidence if unchanged and before else 1.0,
                bbox=before.bbox if before else None,
            )
        )
    record.status = "verified" if verified else record.status
    record.confidence = 1.0 if verified else record.confidence
    record.updated_at = utcnow()
    session.add(
        RecordRevision(
            record_id=record.id, revision=record.revision, record_type=record.record_type, author=author, note=note
        )
    )
    session.flush()
    session.expire(record, ["field_values"])
    return record


def load_records(session: Session, record_ids: Iterable[int]) -> list[Record]:
    ids = list(record_ids)
    if not ids:
        return []
    query = (
        select(Record)
        .where(Record.id.in_(ids))
        .options(selectinload(Record.field_values), selectinload(Record.page).selectinload(Page.volume))
    )
    return list(session.scalars(query))


def page_image_url(page_id: int) -> str:
    return f"/pages/{page_id}/image"


def to_index_document(record: Record) -> IndexDocument:
    """The index's projection of a catalog record (current revision)."""
    page = record.page
    volume = page.volume
    return IndexDocument(
        record_id=record.id,
        revision=record.revision,
        record_type=record.record_type,
        fields={name: fv.value for name, fv in record.current_fields().items()},
        volume_id=volume.id,
        page_number=page.page_number,
        ward=volume.ward or None,
        register_type=volume.register_type,
        volume_year=volume.year_from,
        book_number=volume.book_number or None,
        image=page_image_url(page.id),
        status="review" if record.status == "review" else "ok",
    )


def record_as_json(record: Record) -> dict[str, Any]:
    """A catalog record in the shape of record.schema.json (FieldValue objects)."""
    fields: dict[str, Any] = {}
    for name, fv in record.current_fields().items():
        item: dict[str, Any] = {"value": fv.value}
        if fv.raw is not None:
            item["raw"] = fv.raw
        if fv.confidence is not None:
            item["confidence"] = round(fv.confidence, 4)
        if fv.bbox:
            item["bbox"] = fv.bbox
        fields[name] = item
    out: dict[str, Any] = {
        "record_type": record.record_type,
        "entry_index": record.entry_index,
        "page_number": record.page.page_number,
        "fields": fields,
    }
    if record.bbox:
        out["bbox"] = record.bbox
    return out
