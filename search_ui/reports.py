"""The managers' pages: reuse rate, coverage and throughput for a period, charts, and exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from catalog.events import audit
from hotich.settings import Settings
from reporting import charts, metrics
from reporting.export import Table, coverage_table, reuse_tables, throughput_table, to_csv, to_pdf, to_xlsx

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _period(start: str, end: str) -> metrics.Period:
    try:
        if start or end:
            return metrics.Period(
                date.fromisoformat(start) if start else date(1956, 1, 1),
                date.fromisoformat(end) if end else date.today(),
            )
    except ValueError as error:
        raise HTTPException(400, "dates are YYYY-MM-DD") from error
    return metrics.Period.last_days(365)


def add_report_routes(
    app: FastAPI,
    render: Callable[..., HTMLResponse],
    manager: Callable[[Request], dict[str, str]],
    db: Callable[[], Iterator[Session]],
    settings: Settings,
) -> None:
    @app.get("/reports", response_class=HTMLResponse)
    def dashboard(
        request: Request,
        start: str = "",
        end: str = "",
        user: dict[str, str] = Depends(manager),
        session: Session = Depends(db),
    ) -> HTMLResponse:
        period = _period(start, end)
        report = metrics.reuse(session, period)
        return render(
            request,
            "reports.html",
            report=report,
            coverage=metrics.coverage(session),
            days=metrics.throughput(session, period),
            start=period.start,
            end=period.end,
        )

    @app.get("/reports/chart/{name}.png")
    def chart(
        name: str,
        start: str = "",
        end: str = "",
        user: dict[str, str] = Depends(manager),
        session: Session = Depends(db),
    ) -> Response:
        period = _period(start, end)
        if name == "reuse":
            png = charts.reuse_by_month(metrics.reuse(session, period))
        elif name == "throughput":
            png = charts.throughput_by_day(metrics.throughput(session, period))
        else:
            raise HTTPException(404, "no such chart")
        return Response(png, media_type="image/png")

    @app.get("/reports/export")
    def export(
        kind: str = "reuse",
        format: str = "xlsx",
        start: str = "",
        end: str = "",
        user: dict[str, str] = Depends(manager),
        session: Session = Depends(db),
    ) -> Response:
        period = _period(start, end)
        pictures: list[bytes] = []
        tables: list[Table]
        if kind == "reuse":
            report = metrics.reuse(session, period)
            tables, pictures = reuse_tables(report), [charts.reuse_by_month(report)]
        elif kind == "coverage":
            tables = [coverage_table(metrics.coverage(session))]
        elif kind == "throughput":
            days = metrics.throughput(session, period)
            tables, pictures = [throughput_table(days)], [charts.throughput_by_day(days)]
        else:
            raise HTTPException(404, "no such report")
        writers: dict[str, Any] = {"csv": to_csv, "xlsx": to_xlsx}
        if format == "pdf":
            data = to_pdf(tables, pictures)
        elif format in writers:
            data = writers[format](tables)
        else:
            raise HTTPException(400, "format is csv, xlsx or pdf")
        audit(
            session, "export", actor=user["name"], role=user["role"], office=user["office"], report=kind, format=format
        )
        filename = f"hotich-{kind}-{period.start}-{period.end}.{format}"
        return Response(
            data, media_type=MEDIA[format], headers={"Content-Disposition": f'attachment; filename="{filename}"'}
        )
