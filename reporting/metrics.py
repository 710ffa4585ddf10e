"""What managers are measured on, computed from the catalog (the source of truth) for a period. Pure
queries: a session and dates in, plain data out; nothing personal (no names) ever leaves here.

Reuse rate (tỷ lệ khai thác, sử dụng lại dữ liệu số hóa): of the records digitized by the end of the
period, the share reused at least once during it — each reuse a procedure at the counter served from the
digitized record instead of paper.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.models import IngestRun, Page, Record, ReuseEvent, Volume


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    @classmethod
    def last_days(cls, days: int, today: date | None = None) -> Period:
        end = today or datetime.now(UTC).date()
        return cls(end - timedelta(days=max(1, days) - 1), end)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def _day(value: datetime) -> str:
    return value.strftime("%Y-%m-%d")


@dataclass
class ReuseReport:
    period: Period
    records_digitized: int
    records_reused: int
    reuse_events: int
    by_procedure: dict[str, int] = field(default_factory=dict)  # procedure code -> events
    by_ward: dict[str, int] = field(default_factory=dict)  # ward of the record's volume -> events
    by_office: dict[str, int] = field(default_factory=dict)  # office of the officer -> events
    by_month: dict[str, int] = field(default_factory=dict)  # YYYY-MM -> events
    records_reused_by_month: dict[str, int] = field(default_factory=dict)  # YYYY-MM -> distinct records

    @property
    def rate(self) -> float:
        return self.records_reused / self.records_digitized if self.records_digitized else 0.0


def _months(period: Period) -> list[str]:
    months, year, month = [], period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def reuse(session: Session, period: Period) -> ReuseReport:
    digitized = session.scalar(select(func.count()).select_from(Record).where(Record.created_at < period.until))
    rows = session.execute(
        select(ReuseEvent.record_id, ReuseEvent.procedure, ReuseEvent.office, ReuseEvent.at, Volume.ward)
        .join(Record, ReuseEvent.record_id == Record.id)
        .join(Page, Record.page_id == Page.id)
        .join(Volume, Page.volume_id == Volume.id)
        .where(ReuseEvent.at >= period.since, ReuseEvent.at < period.until)
    ).all()
    months = _months(period) if len(_months(period)) <= 120 else []
    by_month = Counter({m: 0 for m in months})
    reused_in_month: dict[str, set[int]] = {m: set() for m in months}
    for record_id, _, _, at, _ in rows:
        by_month[at.strftime("%Y-%m")] += 1
        reused_in_month.setdefault(at.strftime("%Y-%m"), set()).add(record_id)
    return ReuseReport(
        period=period,
        records_digitized=int(digitized or 0),
        records_reused=len({row.record_id for row in rows}),
        reuse_events=len(rows),
        by_procedure=dict(Counter(row.procedure for row in rows).most_common()),
        by_ward=dict(Counter(row.ward or "—" for row in rows).most_common()),
        by_office=dict(Counter(row.office or "—" for row in rows).most_common()),
        by_month=dict(sorted(by_month.items())),
        records_reused_by_month={m: len(ids) for m, ids in sorted(reused_in_month.items())},
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

    @property
    def review_share(self) -> float:
        return self.in_review / self.records if self.records else 0.0


def _years(volume: Volume) -> str:
    if volume.year_to in (None, volume.year_from):
        return str(volume.year_from or "")
    return f"{volume.year_from}–{volume.year_to}"


def coverage(session: Session) -> list[CoverageRow]:
    """Volumes, pages and records by ward, register type and years; how many wait for review or are
    verified. Everything digitized so far (coverage has no period)."""
    pages = dict(session.execute(select(Page.volume_id, func.count()).group_by(Page.volume_id)).all())
    statuses: dict[int, Counter[str]] = {}
    for volume_id, status, count in session.execute(
        select(Page.volume_id, Record.status, func.count())
        .join(Page, Record.page_id == Page.id)
        .group_by(Page.volume_id, Record.status)
    ):
        statuses.setdefault(volume_id, Counter())[status] += int(count)
    grouped: dict[tuple[str, str, str], list[Volume]] = {}
    for volume in session.scalars(select(Volume).order_by(Volume.ward, Volume.register_type, Volume.year_from)):
        grouped.setdefault((volume.ward or "—", volume.register_type, _years(volume)), []).append(volume)
    rows = []
    for (ward, register_type, years), volumes in grouped.items():
        counts: Counter[str] = Counter()
        for volume in volumes:
            counts.update(statuses.get(volume.id, Counter()))
        rows.append(
            CoverageRow(
                ward,
                register_type,
                years,
                len(volumes),
                sum(int(pages.get(v.id, 0)) for v in volumes),
                sum(counts.values()),
                counts["review"],
                counts["verified"],
            )
        )
    return rows


def coverage_total(rows: list[CoverageRow]) -> CoverageRow:
    return CoverageRow(
        "",
        "",
        "",
        sum(r.volumes for r in rows),
        sum(r.pages for r in rows),
        sum(r.records for r in rows),
        sum(r.in_review for r in rows),
        sum(r.verified for r in rows),
    )


@dataclass(frozen=True)
class ThroughputDay:
    day: str
    pages: int
    records: int
    ocr_seconds: float
    runs: int = 0
    quarantined: int = 0


def throughput(session: Session, period: Period) -> list[ThroughputDay]:
    """Pages and records ingested per day (from their creation times), OCR time spent, and the ingest runs
    started that day with the files they quarantined."""
    days: dict[str, list[float]] = {}

    def entry(day: str) -> list[float]:
        return days.setdefault(day, [0, 0, 0.0, 0, 0])

    in_period_pages = (Page.created_at >= period.since, Page.created_at < period.until)
    for created, seconds in session.execute(select(Page.created_at, Page.ocr_seconds).where(*in_period_pages)):
        row = entry(_day(created))
        row[0] += 1
        row[2] += seconds or 0.0
    in_period_records = (Record.created_at >= period.since, Record.created_at < period.until)
    for (created,) in session.execute(select(Record.created_at).where(*in_period_records)):
        entry(_day(created))[1] += 1
    in_period_runs = (IngestRun.started_at >= period.since, IngestRun.started_at < period.until)
    for started, quarantined in session.execute(
        select(IngestRun.started_at, IngestRun.quarantined).where(*in_period_runs)
    ):
        row = entry(_day(started))
        row[3] += 1
        row[4] += quarantined or 0
    return [
        ThroughputDay(day, int(v[0]), int(v[1]), round(v[2], 1), int(v[3]), int(v[4]))
        for day, v in sorted(days.items())
    ]
