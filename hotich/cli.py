"""The ``hotich`` command line. Other tools and benchmarks call these commands: keep their JSON stable.

Stateless commands (``ocr``, ``extract``, ``search``) never import Prefect (its ephemeral server costs
seconds per process); ``ingest`` and ``demo`` run the Prefect flow in-process.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from hotich.errors import HotichError
from hotich.settings import get_settings

if TYPE_CHECKING:
    from ocr.types import OcrPage

app = typer.Typer(
    name="hotich",
    help="Số hóa sổ hộ tịch: scans in, searchable civil-status records out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)


def _prepare_prefect(verbose: bool = False) -> None:
    """Prefect in-process, offline, its state under HOTICH_HOME, quiet unless asked."""
    home = get_settings().home
    os.environ.setdefault("PREFECT_HOME", str(home / "prefect"))
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _fail(error: HotichError) -> typer.Exit:
    console.print(f"[red]error[/red] ({error.reason}): {error}")
    return typer.Exit(error.exit_code)


def _read_pages(file: Path) -> list[OcrPage]:
    """Every page of an image or PDF, read as the pipeline reads it; bad input ends the command."""
    from ocr.pipeline import read_document

    try:
        return list(read_document(file, timeout=get_settings().ocr_page_timeout))
    except HotichError as error:
        raise _fail(error) from error


@app.command()
def ocr(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="image or PDF")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """OCR one image or PDF: text, word boxes (original coordinates), confidences, quality flags."""
    pages = _read_pages(file)
    if as_json:
        _print_json({"source": str(file), "pages": [p.to_json() for p in pages]})
        return
    for page in pages:
        flags = ", ".join(page.quality_flags) or "-"
        console.print(f"[bold]page {page.page_number}[/bold]  confidence {page.mean_confidence:.2f}  flags: {flags}")
        sys.stdout.write(page.text + "\n")


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="image or PDF")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """The records on one image or PDF, in the shape of record.schema.json."""
    from ocr.extract import extract_records

    found: list[dict[str, Any]] = []
    for page in _read_pages(file):
        for record in extract_records(page):
            record.page_number = page.page_number
            found.append(record.to_json())
    if as_json:
        _print_json(found)
        return
    for item in found:
        console.print(f"[bold]{item['record_type']}[/bold] page {item['page_number']} #{item['entry_index']}")
        for name, value in item["fields"].items():
            console.print(f"  {name}: {value['value']}  ({value.get('confidence', 0):.2f})")


@app.command()
def ingest(
    path: Annotated[Path, typer.Argument(exists=True, help="a scan file or a folder of scans")],
    ward: Annotated[str, typer.Option(help="ward or registration office, e.g. 'Bạch Đằng'")] = "",
    register_type: Annotated[str, typer.Option(help="birth, marriage, death, ... (the volume's register)")] = "other",
    year: Annotated[int | None, typer.Option(help="the volume's year (first year of a range)")] = None,
    year_to: Annotated[int | None, typer.Option(help="last year of the volume's range")] = None,
    book: Annotated[str, typer.Option(help="book number (quyển số)")] = "",
    jobs: Annotated[int | None, typer.Option(help="pages OCRed at once (default: CPU cores)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="show Prefect's logs")] = False,
) -> None:
    """Run scans through the whole pipeline. Idempotent: a scan already ingested adds nothing."""
    summary = _run_ingest(path, ward, register_type, year, year_to, book, jobs, verbose, show_progress=not as_json)
    if as_json:
        out = dict(summary)
        out.pop("outcomes", None)
        out["quarantined_files"] = [o for o in summary["outcomes"] if o["status"] == "quarantined"]
        _print_json(out)
    else:
        _print_summary(summary)


def _run_ingest(
    path: Path,
    ward: str,
    register_type: str,
    year: int | None,
    year_to: int | None,
    book: str,
    jobs: int | None,
    verbose: bool,
    show_progress: bool,
) -> dict[str, Any]:
    _prepare_prefect(verbose)
    from catalog.records import VolumeInfo
    from flows.ingest import run_ingest
    from flows.progress import set_reporter
    from hotich.progress_bar import RichProgress

    volume = VolumeInfo(ward=ward, register_type=register_type, year_from=year, year_to=year_to, book_number=book)
    progress = RichProgress(console) if show_progress else None
    set_reporter(progress)
    try:
        return run_ingest(path, volume, jobs=jobs)
    finally:
        set_reporter(None)
        if progress:
            progress.stop()


def _print_summary(summary: dict[str, Any]) -> None:
    minutes = max(summary["seconds"], 1e-9) / 60
    console.print(
        f"[green]done[/green]: {summary['files']} files, {summary['pages_new']} new pages "
        f"({summary['pages_present']} already present), {summary['records']} records, "
        f"{summary['quarantined']} quarantined, in {summary['seconds']:.1f} s "
        f"({summary['pages_new'] / minutes:.1f} pages/minute)"
    )
    for outcome in summary["outcomes"]:
        if outcome["status"] == "quarantined":
            reason = f"{outcome['reason']} — {outcome['message']}"
            console.print(f"  [yellow]quarantined[/yellow] {outcome['name']}: {reason}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="free text: names (with or without diacritics), years, dates")],
    record_type: Annotated[str | None, typer.Option("--type", help="birth, marriage, death, ...")] = None,
    year_from: Annotated[int | None, typer.Option(help="key date from this year")] = None,
    year_to: Annotated[int | None, typer.Option(help="key date up to this year")] = None,
    ward: Annotated[str | None, typer.Option(help="ward or registration office")] = None,
    sex: Annotated[str | None, typer.Option(help="Nam or Nữ")] = None,
    father: Annotated[str | None, typer.Option(help="father's name")] = None,
    mother: Annotated[str | None, typer.Option(help="mother's name")] = None,
    limit: Annotated[int, typer.Option(help="how many hits")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Search the records as an officer would."""
    from catalog.db import migrate, session_scope
    from catalog.events import audit
    from indexer import open_index
    from indexer.base import SearchQuery

    settings = get_settings()
    index = open_index(settings)
    try:
        result = index.search(
            SearchQuery(
                text=query,
                record_type=record_type,
                year_from=year_from,
                year_to=year_to,
                ward=ward,
                sex=sex,
                father_name=father,
                mother_name=mother,
                limit=limit,
            )
        )
    except HotichError as error:
        raise _fail(error) from error
    finally:
        index.close()
    migrate(settings.sqlalchemy_url)
    with session_scope(settings.sqlalchemy_url) as session:
        audit(
            session, "search", actor=f"cli:{getpass.getuser()}", role="cli", terms=len(query.split()), hits=result.total
        )
    hits = [hit.to_json() for hit in result.hits]
    if as_json:
        _print_json(hits)
        return
    from hotich.domain import FIELD_BY_NAME, RecordType

    console.print(f"{result.total} records ({result.took_ms:.1f} ms)")
    for hit in hits:
        fields = hit["fields"].items()
        shown = [f"{FIELD_BY_NAME[k].label_vi}: {v}" for k, v in fields if FIELD_BY_NAME[k].shown_in_results]
        # The record's kind in the officers' words; the relevance score, meaningless at the counter, only in --json.
        kind = RecordType(hit["record_type"]).label_vi
        console.print(f"[bold]#{hit['record_id']}[/bold] {kind}  " + " · ".join(shown))


@app.command()
def reindex() -> None:
    """Rebuild the search index from the catalog (the source of truth)."""
    from catalog.db import migrate
    from catalog.outbox import rebuild_index
    from indexer import open_index

    settings = get_settings()
    migrate(settings.sqlalchemy_url)
    index = open_index(settings)
    try:
        written = rebuild_index(settings.sqlalchemy_url, index)
    finally:
        index.close()
    console.print(f"[green]reindexed[/green] {written} records")


@app.command()
def fixity(as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False) -> None:
    """Re-hash every stored original; report missing or altered files (exit 1 if any)."""
    from sqlalchemy import select

    from catalog.db import migrate, session_scope
    from catalog.models import Page
    from catalog.storage import original_path, verify_originals

    settings = get_settings()
    migrate(settings.sqlalchemy_url)
    with session_scope(settings.sqlalchemy_url) as session:
        rows = session.execute(select(Page.source_sha256, Page.source_name).distinct()).all()
    expected = {sha: original_path(settings.originals_dir, sha, Path(name).suffix) for sha, name in rows}
    problems = verify_originals(settings.originals_dir, expected)
    if as_json:
        _print_json({"checked": len(expected), "problems": problems})
    else:
        console.print(f"checked {len(expected)} originals, {len(problems)} problems")
        for sha, problem in problems.items():
            console.print(f"  [red]{problem}[/red] {sha}")
    if problems:
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
) -> None:
    """Serve the web app for officers, digitizers and managers."""
    import uvicorn

    from search_ui.app import create_app

    settings = get_settings()
    uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port, log_level="info")


@app.command("user")
def user_add(
    username: Annotated[str, typer.Argument(help="login name")],
    role: Annotated[str, typer.Option(help="officer, digitizer, manager or admin")] = "officer",
    office: Annotated[str, typer.Option(help="e.g. 'UBND phường Bạch Đằng'")] = "",
    full_name: Annotated[str, typer.Option(help="shown in the app")] = "",
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """Create or update a user account."""
    from catalog.db import migrate, session_scope
    from catalog.users import create_user

    settings = get_settings()
    migrate(settings.sqlalchemy_url)
    with session_scope(settings.sqlalchemy_url) as session:
        create_user(session, username, password, role, office=office, full_name=full_name)
    console.print(f"[green]saved[/green] {username} ({role})")


@app.command()
def demo(
    pages: Annotated[int, typer.Option(help="pages in the sample volume")] = 12,
    seed: Annotated[int, typer.Option(help="seed of the sample volume")] = 1962,
    serve_app: Annotated[bool, typer.Option("--serve/--no-serve", help="serve the web app afterwards")] = True,
) -> None:
    """The main job on a fresh machine: make a sample volume, run it through, serve it."""
    from hotich.demo import run_demo

    run_demo(console, pages=pages, seed=seed)
    if serve_app:
        settings = get_settings()
        console.print(f"serving at [bold]http://{settings.host}:{settings.port}[/bold] — Ctrl+C to stop")
        serve(None, None)


def _mount_subcommands() -> None:
    from reporting.cli import report_app
    from synthetic.cli import synth

    app.command("synth")(synth)
    app.add_typer(report_app, name="report", help="Reuse-rate, coverage and throughput reports.")


_mount_subcommands()


if __name__ == "__main__":
    app()
