"""The catalog: the system of record. SQLAlchemy 2 models shared by SQLite and PostgreSQL.

Originals are immutable and content-addressed (``Page.source_sha256``). A record's fields are versioned:
every correction writes a new revision of the whole field set; the record points at its current one.
``Record.indexed_revision`` lags ``Record.revision`` until the search index has the new revision, so a
crash between the catalog commit and the index write is repaired by indexing what lags (an outbox).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012 - SQLAlchemy reads it


class Volume(Base):
    """One register book (sổ) of one office, register type and year (or year range)."""

    __tablename__ = "volume"
    __table_args__ = (UniqueConstraint("ward", "register_type", "year_from", "book_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ward: Mapped[str] = mapped_column(String(200), default="")
    register_type: Mapped[str] = mapped_column(String(40), default="other")
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)
    book_number: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    pages: Mapped[list[Page]] = relationship(back_populates="volume", order_by="Page.page_number")

    @property
    def title(self) -> str:
        years = str(self.year_from or "")
        if self.year_to and self.year_to != self.year_from:
            years = f"{self.year_from}–{self.year_to}"
        parts = [self.register_type, self.ward, years, f"quyển {self.book_number}" if self.book_number else ""]
        return " · ".join(p for p in parts if p)


class Page(Base):
    """One page of one original file. (source_sha256, source_page) identifies it: ingesting the same scan
    twice finds the page already there."""

    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("source_sha256", "source_page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    volume_id: Mapped[int] = mapped_column(ForeignKey("volume.id"), index=True)
    page_number: Mapped[int] = mapped_column(Integer)  # order within the volume
    source_sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_name: Mapped[str] = mapped_column(String(500))  # the file name as scanned (no path)
    source_page: Mapped[int] = mapped_column(Integer, default=1)  # 1-based page within the file
    media_type: Mapped[str] = mapped_column(String(80), default="")
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    ocr_text: Mapped[str] = mapped_column(Text, default="")
    ocr_words: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[text, conf, x0, y0, x1, y1], ...]
    mean_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    page_kind: Mapped[str] = mapped_column(String(20), default="")
    quality_flags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="done")  # done | review
    ocr_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    volume: Mapped[Volume] = relationship(back_populates="pages")
    records: Mapped[list[Record]] = relationship(back_populates="page", order_by="Record.entry_index")


class Record(Base):
    __tablename__ = "record"
    __table_args__ = (
        UniqueConstraint("page_id", "entry_index"),
        Index("ix_record_index_lag", "indexed_revision", "revision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id"), index=True)
    entry_index: Mapped[int] = mapped_column(Integer, default=0)
    record_type: Mapped[str] = mapped_column(String(40), index=True)
    bbox: Mapped[list[Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="ok", index=True)  # ok | review | verified
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    indexed_revision: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    page: Mapped[Page] = relationship(back_populates="records")
    field_values: Mapped[list[FieldValue]] = relationship(
        back_populates="record", order_by="FieldValue.id", cascade="all, delete-orphan"
    )
    revisions: Mapped[list[RecordRevision]] = relationship(
        back_populates="record", order_by="RecordRevision.revision", cascade="all, delete-orphan"
    )

    def current_fields(self) -> dict[str, FieldValue]:
        return {fv.name: fv for fv in self.field_values if fv.revision == self.revision}


class RecordRevision(Base):
    """Who made each revision of a record's fields: revision 1 is the machine's reading."""

    __tablename__ = "record_revision"
    __table_args__ = (UniqueConstraint("record_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    record_type: Mapped[str] = mapped_column(String(40))
    author: Mapped[str] = mapped_column(String(100), default="ocr")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    record: Mapped[Record] = relationship(back_populates="revisions")


class FieldValue(Base):
    __tablename__ = "field_value"
    __table_args__ = (Index("ix_field_value_record_rev", "record_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id"))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text)
    raw: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    bbox: Mapped[list[Any] | None] = mapped_column(JSON)

    record: Mapped[Record] = relationship(back_populates="field_values")


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))  # officer | digitizer | manager | admin
    office: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """Every view, search, correction and export by a person. ``detail`` carries no personal data
    (no names, no dates of birth): ids, counts, filters' kinds."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), default="")
    office: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("record.id"), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ReuseEvent(Base):
    """A digitized record reused for a procedure (e.g. a certified extract, trích lục): the reuse-rate
    indicator counts these."""

    __tablename__ = "reuse_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id"), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    office: Mapped[str] = mapped_column(String(200), default="")
    procedure: Mapped[str] = mapped_column(String(60))
    reference: Mapped[str] = mapped_column(String(100), default="")  # the dossier number at the counter


class QuarantinedFile(Base):
    """An input that could not be used, kept as it came with the reason."""

    __tablename__ = "quarantined_file"
    __table_args__ = (UniqueConstraint("sha256", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_name: Mapped[str] = mapped_column(String(500))
    reason: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text, default="")
    stored_path: Mapped[str] = mapped_column(String(1000), default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IngestRun(Base):
    """One batch through the pipeline: the throughput report reads these."""

    __tablename__ = "ingest_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(100), default="cli")
    files: Mapped[int] = mapped_column(Integer, default=0)
    pages_new: Mapped[int] = mapped_column(Integer, default=0)
    pages_present: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0)
    records: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
