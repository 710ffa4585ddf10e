"""The ingest pipeline's steps as plain functions: scans → originals → OCR → records → catalog.

The Prefect flow in ``flows/ingest.py`` only composes these, so every step is testable without Prefect.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from catalog.db import session_scope
from catalog.models import Page, QuarantinedFile
from catalog.records import VolumeInfo, add_records, get_or_create_volume, next_page_number, pages_of_source
from catalog.storage import StoredOriginal, quarantine_file, sha256_of, store_original
from hotich.domain import ExtractedRecord
from hotich.errors import HotichError, InputFileError
from hotich.settings import Settings
from ocr.extract import extract_records
from ocr.layout import page_kind
from ocr.load import count_pages, load_page
from ocr.pipeline import read_page
from ocr.types import OcrPage

log = logging.getLogger("hotich.ingest")

SCAN_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf", ".bmp", ".webp", ".jp2"})


@dataclass
class PageReading:
    """What the machine read from one page of a source file."""

    source_page: int
    ocr: OcrPage | None
    records: list[ExtractedRecord] = field(default_factory=list)
    kind: str = ""
    seconds: float = 0.0
    error: str | None = None  # a page that could not be read is kept, flagged, and routed to review


@dataclass
class FileOutcome:
    name: str
    sha256: str
    status: str  # new | present | quarantined
    pages: int = 0
    records: int = 0
    reason: str | None = None
    message: str | None = None


def discover_scans(path: Path) -> list[Path]:
    """The scans under ``path`` (a file or a folder), in a stable order. Sidecars (ground-truth JSON,
    notes) and hidden files are not scans and are left alone."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"no such file or folder: {path}")
    found = [
        p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SCAN_SUFFIXES
    ]
    return sorted(found)


def store_scan(path: Path, settings: Settings) -> StoredOriginal:
    return store_original(path, settings.originals_dir)


def pages_already_present(settings: Settings, sha256: str) -> int:
    with session_scope(settings.sqlalchemy_url) as session:
        return len(pages_of_source(session, sha256))


def count_source_pages(stored: StoredOriginal, settings: Settings) -> int:
    """How many pages the stored original has; raises an InputFileError for a file that can't be used."""
    if stored.size > settings.max_file_bytes:
        from hotich.errors import FileTooLargeError

        raise FileTooLargeError(f"{stored.size} bytes is over the {settings.max_file_bytes}-byte limit")
    return count_pages(stored.path)


def read_source_page(stored_path: Path, source_page: int, settings: Settings) -> PageReading:
    """Load one page, OCR it and read its records. Pure but for the OCR engine it runs."""
    started = time.perf_counter()
    try:
        image = load_page(stored_path, source_page)
        ocr_page = read_page(image, timeout=settings.ocr_page_timeout)
        ocr_page.page_number = source_page
        kind = page_kind(ocr_page)
        records = extract_records(ocr_page)
    except InputFileError:
        raise
    except HotichError as error:
        return PageReading(source_page, None, seconds=time.perf_counter() - started, error=error.reason)
    for record in records:
        record.page_number = source_page
    return PageReading(source_page, ocr_page, records, kind, time.perf_counter() - started)


def save_file(
    settings: Settings, volume_info: VolumeInfo, stored: StoredOriginal, readings: list[PageReading]
) -> FileOutcome:
    """Write a file's pages and records in one transaction: all of the file, or nothing."""
    record_count = 0
    try:
        with session_scope(settings.sqlalchemy_url) as session:
            volume = get_or_create_volume(session, volume_info)
            number = next_page_number(session, volume.id)
            for reading in sorted(readings, key=lambda r: r.source_page):
                ocr_page = reading.ocr
                flags = list(ocr_page.quality_flags) if ocr_page else []
                if reading.error:
                    flags.append(reading.error)
                page = Page(
                    volume_id=volume.id,
                    page_number=number,
                    source_sha256=stored.sha256,
                    source_name=stored.source_name,
                    source_page=reading.source_page,
                    media_type=stored.path.suffix.lower().lstrip("."),
                    width=ocr_page.width if ocr_page else 0,
                    height=ocr_page.height if ocr_page else 0,
                    ocr_text=ocr_page.text if ocr_page else "",
                    ocr_words=[[w.text, round(w.confidence, 3), *w.bbox] for w in ocr_page.words] if ocr_page else [],
                    mean_confidence=ocr_page.mean_confidence if ocr_page else 0.0,
                    page_kind=reading.kind,
                    quality_flags=flags,
                    status="review" if reading.error else "done",
                    ocr_seconds=reading.seconds,
                )
                session.add(page)
                session.flush()
                record_count += len(add_records(session, page, reading.records, settings.review_threshold))
                number += 1
    except IntegrityError:
        # Another process stored the same scan meanwhile: it is there, once.
        return FileOutcome(stored.source_name, stored.sha256, "present", pages=len(readings))
    return FileOutcome(stored.source_name, stored.sha256, "new", pages=len(readings), records=record_count)


def quarantine(settings: Settings, path: Path, error: InputFileError, sha256: str | None = None) -> FileOutcome:
    """Keep a bad input apart with its reason; the rest of the batch goes on."""
    sha = sha256 or sha256_of(path)
    kept = quarantine_file(path, settings.quarantine_dir, sha, error.reason)
    with session_scope(settings.sqlalchemy_url) as session:
        exists = (
            session.query(QuarantinedFile)
            .filter(QuarantinedFile.sha256 == sha, QuarantinedFile.reason == error.reason)
            .first()
        )
        if exists is None:
            session.add(
                QuarantinedFile(
                    sha256=sha, source_name=path.name, reason=error.reason, message=str(error), stored_path=str(kept)
                )
            )
    log.warning("quarantined %s: %s", path.name, error.reason)
    return FileOutcome(path.name, sha, "quarantined", reason=error.reason, message=str(error))
