"""A catalog with known numbers for the report tests: two volumes, seven records, four reuses (one
outside 2026), one ingest run — with fixed times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from catalog.db import session_scope
from catalog.models import IngestRun, Page, Record, ReuseEvent
from catalog.records import VolumeInfo, get_or_create_volume


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class Known:
    record_ids: list[int]


def seed_known(url: str) -> Known:
    with session_scope(url) as session:
        birth = get_or_create_volume(session, VolumeInfo(ward="Bạch Đằng", register_type="birth", year_from=1962))
        death = get_or_create_volume(
            session, VolumeInfo(ward="Hàng Bạc", register_type="death", year_from=1975, year_to=1976)
        )
        pages = [
            Page(
                volume_id=birth.id,
                page_number=1,
                source_sha256="1" * 64,
                source_name="a.png",
                created_at=at("2026-03-01 09:00"),
                ocr_seconds=2.5,
            ),
            Page(
                volume_id=death.id,
                page_number=1,
                source_sha256="2" * 64,
                source_name="b.png",
                created_at=at("2026-03-02 10:00"),
                ocr_seconds=1.0,
            ),
            Page(
                volume_id=death.id,
                page_number=2,
                source_sha256="3" * 64,
                source_name="c.png",
                created_at=at("2026-03-02 11:00"),
                ocr_seconds=1.5,
            ),
        ]
        session.add_all(pages)
        session.flush()
        plan = [  # page, status, created
            (0, "ok", "2026-03-01 09:01"),
            (0, "review", "2026-03-01 09:01"),
            (0, "verified", "2026-03-01 09:02"),
            (0, "ok", "2026-03-01 09:02"),
            (1, "ok", "2026-03-02 10:01"),
            (2, "verified", "2026-03-02 11:01"),
            (2, "ok", "2027-01-05 08:00"),  # digitized after the period
        ]
        records = [
            Record(
                page_id=pages[p].id,
                entry_index=i,
                record_type="birth" if p == 0 else "death",
                status=status,
                created_at=at(created),
            )
            for i, (p, status, created) in enumerate(plan)
        ]
        session.add_all(records)
        session.flush()
        ids = [r.id for r in records]
        session.add_all(
            [
                ReuseEvent(
                    record_id=ids[0],
                    procedure="trich_luc",
                    actor="canbo",
                    office="UBND phường Bạch Đằng",
                    at=at("2026-04-10 08:30"),
                ),
                ReuseEvent(
                    record_id=ids[0],
                    procedure="xac_nhan",
                    actor="canbo",
                    office="UBND phường Bạch Đằng",
                    at=at("2026-05-02 14:00"),
                ),
                ReuseEvent(
                    record_id=ids[4],
                    procedure="trich_luc",
                    actor="canbo2",
                    office="UBND phường Hàng Bạc",
                    at=at("2026-05-20 15:00"),
                ),
                ReuseEvent(
                    record_id=ids[1], procedure="trich_luc", actor="canbo", office="", at=at("2025-12-31 16:00")
                ),
            ]
        )
        session.add(IngestRun(started_at=at("2026-03-02 09:55"), files=3, pages_new=2, records=2, quarantined=1))
        return Known(ids)
