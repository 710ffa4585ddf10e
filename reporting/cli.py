"""``hotich report``: reuse rate, coverage and throughput, as a table or a CSV/XLSX/PDF file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from reporting.export import Table
from reporting.metrics import Period

report_app = typer.Typer(no_args_is_help=True)

FORMATS = ("table", "csv", "xlsx", "pdf")


def _period(start: str | None, end: str | None, days: int) -> Period:
    if start or end:
        return Period(
            date.fromisoformat(start) if start else date(1956, 1, 1), date.fromisoformat(end) if end else date.today()
        )
    return Period.last_days(days)


def _emit(tables: list[Table], fmt: str, out: Path | None, charts: list[bytes] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    from reporting.export import to_csv, to_pdf, to_xlsx

    if fmt not in FORMATS:
        raise typer.BadParameter(f"format must be one of {FORMATS}")
    if fmt == "table":
        console = Console()
        for table in tables:
            rich = RichTable(title=table.title)
            for heading in table.headings:
                rich.add_column(heading)
            for row in table.rows:
                rich.add_row(*[str(v) for v in row])
            console.print(rich)
        return
    data = {"csv": to_csv, "xlsx": to_xlsx}[fmt](tables) if fmt != "pdf" else to_pdf(tables, charts)
    if out is None:
        raise typer.BadParameter("--out FILE is needed for csv, xlsx and pdf")
    out.write_bytes(data)
    typer.echo(f"wrote {out} ({len(data)} bytes)")


def _audit_export(kind: str, fmt: str) -> None:
    import getpass

    from catalog.db import session_scope
    from catalog.events import audit
    from hotich.settings import get_settings

    if fmt != "table":
        with session_scope(get_settings().sqlalchemy_url) as session:
            audit(session, "export", actor=f"cli:{getpass.getuser()}", report=kind, format=fmt)


@report_app.command()
def reuse(
    start: Annotated[str | None, typer.Option("--from", help="first day, YYYY-MM-DD")] = None,
    end: Annotated[str | None, typer.Option("--to", help="last day, YYYY-MM-DD")] = None,
    days: Annotated[int, typer.Option(help="the last N days, when no --from/--to")] = 365,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | xlsx | pdf")] = "table",
    out: Annotated[Path | None, typer.Option(help="file to write")] = None,
) -> None:
    """Reuse rate of digitized records (tỷ lệ khai thác, sử dụng lại dữ liệu số hóa)."""
    from catalog.db import migrate, session_scope
    from hotich.settings import get_settings
    from reporting import charts, metrics
    from reporting.export import reuse_tables

    url = get_settings().sqlalchemy_url
    migrate(url)
    with session_scope(url) as session:
        report = metrics.reuse(session, _period(start, end, days))
    _emit(reuse_tables(report), fmt, out, [charts.reuse_by_month(report)] if fmt == "pdf" else None)
    _audit_export("reuse", fmt)


@report_app.command()
def coverage(
    fmt: Annotated[str, typer.Option("--format", help="table | csv | xlsx | pdf")] = "table",
    out: Annotated[Path | None, typer.Option(help="file to write")] = None,
) -> None:
    """What has been digitized: volumes, pages, records by ward, register and year."""
    from catalog.db import migrate, session_scope
    from hotich.settings import get_settings
    from reporting import metrics
    from reporting.export import coverage_table

    url = get_settings().sqlalchemy_url
    migrate(url)
    with session_scope(url) as session:
        rows = metrics.coverage(session)
    _emit([coverage_table(rows)], fmt, out)
    _audit_export("coverage", fmt)


@report_app.command()
def throughput(
    start: Annotated[str | None, typer.Option("--from", help="first day, YYYY-MM-DD")] = None,
    end: Annotated[str | None, typer.Option("--to", help="last day, YYYY-MM-DD")] = None,
    days: Annotated[int, typer.Option(help="the last N days, when no --from/--to")] = 30,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | xlsx | pdf")] = "table",
    out: Annotated[Path | None, typer.Option(help="file to write")] = None,
) -> None:
    """Pages and records digitized per day."""
    from catalog.db import migrate, session_scope
    from hotich.settings import get_settings
    from reporting import charts, metrics
    from reporting.export import throughput_table

    url = get_settings().sqlalchemy_url
    migrate(url)
    with session_scope(url) as session:
        days_rows = metrics.throughput(session, _period(start, end, days))
    _emit([throughput_table(days_rows)], fmt, out, [charts.throughput_by_day(days_rows)] if fmt == "pdf" else None)
    _audit_export("throughput", fmt)
