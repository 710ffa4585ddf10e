"""The managers' pages: reuse rate, coverage and throughput for a period, with charts and CSV/XLSX/PDF
exports (each export audited); the audit log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.models import AuditEvent
from catalog.users import Role
from reporting import charts, metrics
from reporting.build import FILE_FORMATS, KINDS, MEDIA_TYPES, build_report
from search_ui.context import CATALOG, SessionUser, audit_as, render, require

router = APIRouter()

REPORT_ROLES = (Role.MANAGER, Role.ADMIN)
AUDIT_PAGE = 100
PICTURES = {"png": "image/png", "svg": "image/svg+xml"}


def period_of(start: str, end: str) -> metrics.Period:
    """The period asked for; this calendar year so far when none."""
    today = datetime.now(UTC).date()
    try:
        first = date.fromisoformat(start) if start else date(today.year, 1, 1)
        last = date.fromisoformat(end) if end else today
        return metrics.Period(first, last)
    except ValueError as error:
        raise HTTPException(400, "dates are YYYY-MM-DD, the first before the last") from error


@router.get("/reports", response_class=HTMLResponse)
def dashboard(
    request: Request,
    start: str = "",
    end: str = "",
    user: SessionUser = Depends(require(*REPORT_ROLES)),
    session: Session = CATALOG,
) -> HTMLResponse:
    period = period_of(start, end)
    coverage = metrics.coverage(session)
    return render(
        request,
        "reports.html",
        report=metrics.reuse(session, period),
        coverage=coverage,
        coverage_total=metrics.coverage_total(coverage),
        days=metrics.throughput(session, period),
        start=period.start.isoformat(),
        end=period.end.isoformat(),
    )


CHARTS: dict[str, Callable[[Session, metrics.Period, charts.Format], bytes]] = {
    "reuse": lambda s, p, f: charts.reuse_by_month(metrics.reuse(s, p), f),
    "procedures": lambda s, p, f: charts.reuse_by_procedure(metrics.reuse(s, p), f),
    "coverage": lambda s, p, f: charts.coverage_by_ward(metrics.coverage(s), f),
    "throughput": lambda s, p, f: charts.throughput_by_day(metrics.throughput(s, p), f),
}


@router.get("/reports/chart/{name}.{fmt}")
def chart(
    name: str,
    fmt: str,
    start: str = "",
    end: str = "",
    user: SessionUser = Depends(require(*REPORT_ROLES)),
    session: Session = CATALOG,
) -> Response:
    if name not in CHARTS or fmt not in ("png", "svg"):
        raise HTTPException(404, "no such chart")
    picture = CHARTS[name](session, period_of(start, end), "svg" if fmt == "svg" else "png")
    return Response(picture, media_type=PICTURES[fmt], headers={"Cache-Control": "private, max-age=60"})


@router.get("/reports/export")
def export(
    kind: str = "reuse",
    format: str = "xlsx",
    start: str = "",
    end: str = "",
    user: SessionUser = Depends(require(*REPORT_ROLES)),
    session: Session = CATALOG,
) -> Response:
    if format not in FILE_FORMATS:
        raise HTTPException(400, "format is csv, xlsx or pdf")
    if kind not in KINDS:
        raise HTTPException(404, "no such report")
    report = build_report(session, kind, period_of(start, end), with_charts=format == "pdf")
    data = report.render(format)
    audit_as(
        session, user, "export", report=kind, format=format, start=str(report.period.start), end=str(report.period.end)
    )
    return Response(
        data,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{report.filename(format)}"'},
    )


@router.get("/audit", response_class=HTMLResponse)
def audit_log(
    request: Request,
    action: str = "",
    actor: str = "",
    page: int = 1,
    user: SessionUser = Depends(require(*REPORT_ROLES)),
    session: Session = CATALOG,
) -> HTMLResponse:
    query = select(AuditEvent)
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        query = query.where(AuditEvent.actor == actor)
    page = max(1, page)
    events = session.scalars(
        query.order_by(AuditEvent.id.desc()).offset((page - 1) * AUDIT_PAGE).limit(AUDIT_PAGE + 1)
    ).all()
    actions = session.scalars(
        select(AuditEvent.action).group_by(AuditEvent.action).order_by(func.min(AuditEvent.action))
    )
    return render(
        request,
        "audit.html",
        events=events[:AUDIT_PAGE],
        more=len(events) > AUDIT_PAGE,
        page=page,
        actions=list(actions),
        action=action,
        actor=actor,
    )
