"""What managers are measured on, computed from the catalog (the source of truth), for a period.

Reuse rate (tỷ lệ khai thác, sử dụng lại dữ liệu số hóa): of the records digitized by the end of the
period, the share that were reused at least once in it — each reuse being a procedure at the counter
served from the digitized record instead of paper.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.events import REUSE_PROCEDURES
from catalog.models import Page, Record, ReuseEvent, Volume


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    @classmethod
    def last_days(cls, days: int, today: date | None = None) -> Period:
        end = today or datetime.now(UTC).date()
        return cls(end - timedelta(days=days - 1), end)


@dataclass
class ReuseReport:
    period: Period
    records_digitized: int
    records_reused: int
    reuse_events: int
    by_procedure: dict[str, int] = field(default_factory=dict)
    by_office: dict[str, int] = field(default_factory=dict)
    by_month: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.records_reused / self.records_digitized if self.records_digitized else 0.0


def reuse(session: Session, period: Period) -> ReuseReport:
    digitized = session.scalar(select(func.count()).select_from(Record).where(Record.created_at < period.until)) or 0
    in_period = (ReuseEvent.at >= period.since, ReuseEvent.at < period.until)
    reused = session.scalar(select(func.count(func.distinct(ReuseEvent.record_id))).where(*in_period)) or 0
    events = session.execute(select(ReuseEvent.procedure, ReuseEvent.office, ReuseEvent.at).where(*in_period)).all()
    by_procedure = Counter(REUSE_PROCEDURES.get(p, p) for p, _, _ in events)
    by_office = Counter(o or "—" for _, o, _ in events)
    by_month = Counter(at.strftime("%Y-%m") for _, _, at in events)
    return ReuseReport(
        period,
        int(digitized),
        int(reused),
        len(events),
        dict(by_procedure),
        dict(by_office),
        dict(sorted(by_month.items())),
    )


@dataclass(frozen=True)
class CoverageRow:
    ward: str
    register_type: str
    years: str
    volumes: int
    pages: int
    records: int
    in_review: int
    verified: int

    @property
    def verified_share(self) -> float:
        return self.verified / self.records if self.records else 0.0


def coverage(session: Session) -> list[CoverageRow]:
    """Volumes, pages and records by ward, register type and years; how many wait for review."""
    rows = []
    volumes = session.scalars(select(Volume).order_by(Volume.ward, Volume.register_type, Volume.year_from)).all()
    grouped: dict[tuple[str, str, str], list[int]] = {}
    for volume in volumes:
        years = (
            str(volume.year_from or "")
            if volume.year_to in (None, volume.year_from)
            else f"{volume.year_from}–{volume.year_to}"
        )
        grouped.setdefault((volume.ward, volume.register_type, years), []).append(volume.id)
    for (ward, register_type, years), ids in grouped.items():
        pages = session.scalar(select(func.count()).select_from(Page).where(Page.volume_id.in_(ids))) or 0
        status_counts = dict(
            session.execute(
                select(Record.status, func.count())
                .join(Page, Record.page_id == Page.id)
                .where(Page.volume_id.in_(ids))
                .group_by(Record.status)
            ).all()
        )
        records = sum(status_counts.values())
        rows.append(
            CoverageRow(
                ward,
                register_type,
                years,
                len(ids),
                int(pages),
                int(records),
                int(status_counts.get("review", 0)),
                int(status_counts.get("verified", 0)),
            )
        )
    return rows


@dataclass(frozen=True)
class ThroughputDay:
    day: str
    pages: int
    records: int
    ocr_seconds: float


def throughput(session: Session, period: Period) -> list[ThroughputDay]:
    """Pages and records ingested per day, and OCR time spent."""
    pages = session.execute(
        select(Page.created_at, Page.ocr_seconds).where(Page.created_at >= period.since, Page.created_at < period.until)
    ).all()
    records = session.execute(
        select(Record.created_at).where(Record.created_at >= period.since, Record.created_at < period.until)
    ).all()
    days: dict[str, list[float]] = {}
    for created, seconds in pages:
        entry = days.setdefault(created.strftime("%Y-%m-%d"), [0, 0, 0.0])
        entry[0] += 1
        entry[2] += seconds or 0.0
    for (created,) in records:
        days.setdefault(created.strftime("%Y-%m-%d"), [0, 0, 0.0])[1] += 1
    return [ThroughputDay(day, int(v[0]), int(v[1]), round(v[2], 1)) for day, v in sorted(days.items())]
