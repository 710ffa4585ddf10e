"""The ingest flow: a folder or file of scans through originals → OCR → extraction → catalog → index.

Page-level tasks run in a thread pool (Tesseract runs in its own process, so threads do not contend on the
GIL); one task a page, ``ocr_jobs`` at once. Runs in-process with no server by default.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from catalog.db import migrate, session_scope
from catalog.models import IngestRun, utcnow
from catalog.outbox import sync_index
from catalog.records import VolumeInfo
from catalog.storage import StoredOriginal
from flows import steps
from flows.progress import reporter
from hotich.errors import InputFileError
from hotich.settings import Settings, get_settings
from indexer import open_index


@dataclass
class IngestSummary:
    files: int = 0
    pages_new: int = 0
    pages_present: int = 0
    quarantined: int = 0
    records: int = 0
    records_in_review: int = 0
    indexed: int = 0
    seconds: float = 0.0
    outcomes: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@task(cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def store_scan(path: Path, settings: Settings) -> StoredOriginal:
    return steps.store_scan(path, settings)


@task(cache_policy=NO_CACHE)
def read_page(stored_path: Path, source_page: int, settings: Settings) -> steps.PageReading:
    reading = steps.read_source_page(stored_path, source_page, settings)
    reporter().page_done(f"{stored_path.name}#{source_page}")
    return reading


@task(cache_policy=NO_CACHE)
def save_file(
    settings: Settings, volume: VolumeInfo, stored: StoredOriginal, readings: list[steps.PageReading]
) -> steps.FileOutcome:
    return steps.save_file(settings, volume, stored, readings)


@task(cache_policy=NO_CACHE)
def update_index(settings: Settings) -> int:
    index = open_index(settings)
    try:
        return sync_index(settings.sqlalchemy_url, index)
    finally:
        index.close()


def _plan(
    scans: list[Path], settings: Settings
) -> tuple[list[tuple[Path, StoredOriginal, int]], list[steps.FileOutcome]]:
    """Store each original; decide which files need reading (new ones) and which are done or bad."""
    todo: list[tuple[Path, StoredOriginal, int]] = []
    settled: list[steps.FileOutcome] = []
    for path in scans:
        stored = store_scan(path, settings)
        present = steps.pages_already_present(settings, stored.sha256)
        if present:
            settled.append(steps.FileOutcome(path.name, stored.sha256, "present", pages=present))
            continue
        try:
            todo.append((path, stored, steps.count_source_pages(stored, settings)))
        except InputFileError as error:
            settled.append(steps.quarantine(settings, path, error, stored.sha256))
    return todo, settled


@flow(name="ingest-scans", log_prints=True, validate_parameters=False)
def ingest_flow(
    path: Path,
    ward: str = "",
    register_type: str = "other",
    year: int | None = None,
    year_to: int | None = None,
    book: str = "",
) -> dict[str, Any]:
    """Run every scan under ``path`` through the pipeline. Idempotent: a scan already in the catalog
    (same sha256) adds nothing."""
    logger = get_run_logger()
    settings = get_settings()
    started = time.perf_counter()
    migrate(settings.sqlalchemy_url)
    volume = VolumeInfo(ward=ward, register_type=register_type, year_from=year, year_to=year_to, book_number=book)
    run_started = utcnow()

    scans = steps.discover_scans(Path(path))
    todo, outcomes = _plan(scans, settings)
    reporter().start(sum(pages for _, _, pages in todo))
    logger.info("%d scan files: %d to read, %d already present or quarantined", len(scans), len(todo), len(outcomes))

    futures: list[tuple[Path, StoredOriginal, list[PrefectFuture[steps.PageReading]]]] = []
    for path_, stored, pages in todo:
        page_futures = [read_page.submit(stored.path, n, settings) for n in range(1, pages + 1)]
        futures.append((path_, stored, page_futures))

    for path_, stored, page_futures in futures:
        try:
            readings = [f.result() for f in page_futures]
        except InputFileError as error:
            outcomes.append(steps.quarantine(settings, path_, error, stored.sha256))
            continue
        outcomes.append(save_file(settings, volume, stored, readings))

    indexed = update_index(settings)
    summary = _summarise(scans, outcomes, indexed, time.perf_counter() - started)
    _record_run(settings, run_started, summary)
    logger.info(
        "ingest done: %d new pages, %d already present, %d quarantined, %d records, %.1f s",
        summary.pages_new,
        summary.pages_present,
        summary.quarantined,
        summary.records,
        summary.seconds,
    )
    return summary.to_json()


def _summarise(scans: list[Path], outcomes: list[steps.FileOutcome], indexed: int, seconds: float) -> IngestSummary:
    summary = IngestSummary(files=len(scans), indexed=indexed, seconds=round(seconds, 2))
    for outcome in outcomes:
        if outcome.status == "new":
            summary.pages_new += outcome.pages
            summary.records += outcome.records
        elif outcome.status == "present":
            summary.pages_present += outcome.pages
        else:
            summary.quarantined += 1
        summary.outcomes.append(asdict(outcome))
    return summary


def _record_run(settings: Settings, started_at: Any, summary: IngestSummary) -> None:
    with session_scope(settings.sqlalchemy_url) as session:
        session.add(
            IngestRun(
                started_at=started_at,
                finished_at=utcnow(),
                files=summary.files,
                pages_new=summary.pages_new,
                pages_present=summary.pages_present,
                quarantined=summary.quarantined,
                records=summary.records,
                seconds=summary.seconds,
            )
        )


def run_ingest(path: Path, volume: VolumeInfo, jobs: int | None = None) -> dict[str, Any]:
    """Run the flow in this process with ``jobs`` pages at once (default: the settings' ocr_jobs)."""
    workers = jobs or get_settings().ocr_jobs
    runner: Any = ThreadPoolTaskRunner(max_workers=workers)  # its generic parameter confuses mypy
    configured = ingest_flow.with_options(task_runner=runner)
    result: dict[str, Any] = configured(
        path=path,
        ward=volume.ward,
        register_type=volume.register_type,
        year=volume.year_from,
        year_to=volume.year_to,
        book=volume.book_number,
    )
    return result
