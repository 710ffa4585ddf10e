"""``hotich report``: reuse rate, coverage and throughput, as a table on the terminal or a CSV/XLSX/PDF
file. Every file written is an audited export.

    hotich report reuse --from 2026-01-01 --to 2026-12-31 --format xlsx --out reuse.xlsx
    hotich report coverage --format pdf --out coverage.pdf
    hotich report throughput --days 30
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from reporting.export import Table
from reporting.metrics import Period

report_app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)

FORMATS = ("table", "csv", "xlsx", "pdf")

StartOption = Annotated[str | None, typer.Option("--from", help="first day, YYYY-MM-DD")]
EndOption = Annotated[str | None, typer.Option("--to", help="last day, YYYY-MM-DD (inclusive)")]
YearOption = Annotated[int | None, typer.Option("--year", help="a calendar year, instead of --from/--to")]
FormatOption = Annotated[str, typer.Option("--format", help="table | csv | xlsx | pdf")]
OutOption = Annotated[Path | None, typer.Option("--out", help="the file to write (csv, xlsx, pdf)")]


def period_of(start: str | None, end: str | None, year: int | None, days: int) -> Period:
    """--year, or --from/--to (either may be left out), or the last N days."""
    try:
        if year is not None:
            return Period.year(year)
        if start or end:
            today = date.today()
            first = date.fromisoformat(start) if start else date(1956, 1, 1)
            return Period(first, date.fromisoformat(end) if end else today)
        return Period.last_days(days)
    except ValueError as error:
        raise typer.BadParameter(f"bad period: {error}") from error


def _run(kind: str, period: Period, fmt: str, out: Path | None) -> None:
    import getpass

    from catalog.db import migrate, session_scope
    from catalog.events import audit
    from hotich.settings import get_settings
    from reporting.build import build_report

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if fmt != "table" and out is None:
        raise typer.BadParameter("--out FILE is needed for csv, xlsx and pdf")
    url = get_settings().sqlalchemy_url
    migrate(url)
    with session_scope(url) as session:
        report = build_report(session, kind, period, with_charts=fmt == "pdf")
        if fmt == "table":
            _print(report.tables)
            return
        data = report.render(fmt)
        assert out is not None
        out.write_bytes(data)
        audit(
            session,
            "export",
            actor=f"cli:{getpass.getuser()}",
            role="cli",
            report=kind,
            format=fmt,
            start=str(period.start),
            end=str(period.end),
        )
    typer.echo(f"wrote {out} ({len(data)} bytes)")


def _print(tables: list[Table]) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console()
    for table in tables:
        shown = RichTable(title=table.title, title_justify="left")
        for heading in table.headings:
            shown.add_column(heading)
        for row in table.rows:
            shown.add_row(*[str(v) for v in row])
        console.print(shown)


@report_app.command()
def reuse(
    start: StartOption = None,
    end: EndOption = None,
    year: YearOption = None,
    days: Annotated[int, typer.Option(help="the last N days, when no period is given")] = 365,
    fmt: FormatOption = "table",
    out: OutOption = None,
) -> None:
    """Reuse rate of digitized records (tỷ lệ khai thác, sử dụng lại dữ liệu số hóa), by procedure, ward, month."""
    _run("reuse", period_of(start, end, year, days), fmt, out)


@report_app.command()
def coverage(fmt: FormatOption = "table", out: OutOption = None) -> None:
    """What has been digitized: volumes, pages, records by ward, register and year; verified vs in review."""
    _run("coverage", Period.last_days(1), fmt, out)


@report_app.command()
def throughput(
    start: StartOption = None,
    end: EndOption = None,
    year: YearOption = None,
    days: Annotated[int, typer.Option(help="the last N days, when no period is given")] = 30,
    fmt: FormatOption = "table",
    out: OutOption = None,
) -> None:
    """Pages and records ingested per day, OCR time and ingest runs."""
    _run("throughput", period_of(start, end, year, days), fmt, out)
