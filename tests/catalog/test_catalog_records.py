"""The catalog on SQLite and PostgreSQL: volumes, pages, records, revisions, events, users."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from catalog.db import session_scope
from catalog.events import audit, record_reuse
from catalog.models import AuditEvent, FieldValue, Page, Record, ReuseEvent
from catalog.records import (
    VolumeInfo,
    add_records,
    correct_record,
    get_or_create_volume,
    load_records,
    next_page_number,
    record_as_json,
    to_index_document,
)
from catalog.users import Role, authenticate, create_user
from hotich.domain import ExtractedField, ExtractedRecord, RecordType


def _birth(name: str, dob: str, confidence: float = 0.95, entry_index: int = 0) -> ExtractedRecord:
    return ExtractedRecord(
        record_type=RecordType.BIRTH,
        fields={
            "subject_name": ExtractedField(name, raw=name, confidence=confidence, bbox=(10, 20, 300, 50)),
            "date_of_birth": ExtractedField(dob, raw="14/3/1962", confidence=0.97),
        },
        entry_index=entry_index,
        bbox=(0, 0, 400, 100),
        type_confidence=0.99,
    )


def _page(session, volume_id: int, sha: str = "a" * 64) -> Page:  # type: ignore[no-untyped-def]
    page = Page(
        volume_id=volume_id,
        page_number=next_page_number(session, volume_id),
        source_sha256=sha,
        source_name="p0001.png",
        width=2480,
        height=3508,
    )
    session.add(page)
    session.flush()
    return page


def test_volume_is_found_again_not_duplicated(catalog_url: str) -> None:
    info = VolumeInfo(ward="Bạch Đằng", register_type="birth", year_from=1962, book_number="01")
    with session_scope(catalog_url) as session:
        first = get_or_create_volume(session, info).id
    with session_scope(catalog_url) as session:
        assert get_or_create_volume(session, info).id == first
        other = get_or_create_volume(session, VolumeInfo(ward="Bạch Đằng", register_type="birth"))
        assert other.id != first
        assert get_or_create_volume(session, VolumeInfo(ward="Bạch Đằng", register_type="birth")).id == other.id


def test_records_keep_fields_and_route_low_confidence_to_review(catalog_url: str) -> None:
    with session_scope(catalog_url) as session:
        volume = get_or_create_volume(session, VolumeInfo(ward="Bạch Đằng", register_type="birth", year_from=1962))
        page = _page(session, volume.id)
        sure, doubtful = add_records(
            session,
            page,
            [
                _birth("Nguyễn Thị Hường", "1962-03-14"),
                _birth("Trần Văn Ba", "1962-05-01", confidence=0.4, entry_index=1),
            ],
            review_threshold=0.9,
        )
        ids = (sure.id, doubtful.id)
    with session_scope(catalog_url) as session:
        first, second = load_records(session, ids)
        assert first.status == "ok" and second.status == "review"
        doc = to_index_document(first)
        assert doc.fields == {"subject_name": "Nguyễn Thị Hường", "date_of_birth": "1962-03-14"}
        assert doc.ward == "Bạch Đằng" and doc.volume_year == 1962 and doc.revision == 1
        assert record_as_json(first)["fields"]["subject_name"]["bbox"] == [10, 20, 300, 50]


def test_correction_is_a_new_revision_and_keeps_history(catalog_url: str) -> None:
    with session_scope(catalog_url) as session:
        volume = get_or_create_volume(session, VolumeInfo(register_type="birth"))
        (record,) = add_records(session, _page(session, volume.id), [_birth("Nguyển Thi Hưòng", "1962-03-14")], 0.9)
        record_id = record.id
    with session_scope(catalog_url) as session:
        corrected = correct_record(
            session, record_id, {"subject_name": "Nguyễn Thị Hường", "date_of_birth": "1962-03-14"}, author="reviewer"
        )
        assert corrected.revision == 2
    with session_scope(catalog_url) as session:
        (record,) = load_records(session, [record_id])
        assert record.current_fields()["subject_name"].value == "Nguyễn Thị Hường"
        assert record.status == "verified" and record.indexed_revision == 0
        revisions = session.scalar(
            select(func.count()).select_from(FieldValue).where(FieldValue.record_id == record_id)
        )
        assert revisions == 4  # two fields in each of two revisions
        with pytest.raises(ValueError):
            correct_record(session, record_id, {"not_a_field": "x"}, author="reviewer")


def test_a_failed_unit_of_work_writes_nothing(catalog_url: str) -> None:
    with pytest.raises(RuntimeError), session_scope(catalog_url) as session:
        volume = get_or_create_volume(session, VolumeInfo(register_type="death"))
        add_records(session, _page(session, volume.id), [_birth("Lê Văn Tám", "1950")], 0.9)
        raise RuntimeError("crash between two writes")
    with session_scope(catalog_url) as session:
        assert session.scalar(select(func.count()).select_from(Record)) == 0


def test_reuse_and_audit_events(catalog_url: str) -> None:
    with session_scope(catalog_url) as session:
        volume = get_or_create_volume(session, VolumeInfo(register_type="birth"))
        (record,) = add_records(session, _page(session, volume.id), [_birth("Lê Hà", "1970")], 0.9)
        record_reuse(session, record.id, "trich_luc", actor="canbo1", office="UBND phường Bạch Đằng", reference="HS-1")
        audit(session, "search", actor="canbo1", role="officer", results=3)
        with pytest.raises(ValueError):
            record_reuse(session, record.id, "no-such-procedure", actor="canbo1")
    with session_scope(catalog_url) as session:
        assert session.scalar(select(func.count()).select_from(ReuseEvent)) == 1
        actions = sorted(session.scalars(select(AuditEvent.action)))
        assert actions == ["reuse", "search"]


def test_users_log_in_with_their_password_only(catalog_url: str) -> None:
    with session_scope(catalog_url) as session:
        create_user(session, "canbo1", "mật-khẩu đúng", Role.OFFICER, office="UBND phường Bạch Đằng")
    with session_scope(catalog_url) as session:
        user = authenticate(session, "canbo1", "mật-khẩu đúng")
        assert user is not None and user.role == "officer"
        assert authenticate(session, "canbo1", "sai") is None
        assert authenticate(session, "nobody", "mật-khẩu đúng") is None
