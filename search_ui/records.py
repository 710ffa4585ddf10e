"""A record: its fields, revisions and scanned page with the entry highlighted; recording its reuse at
the counter; a printable certified extract (trích lục); the page image itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.events import REUSE_PROCEDURES, record_reuse
from catalog.models import FieldValue, Page, Record, ReuseEvent
from catalog.users import Role
from hotich.domain import FIELDS, nfc
from hotich.errors import HotichError
from search_ui import i18n
from search_ui.context import CATALOG, SessionUser, audit_as, check_csrf, lang_of, render, require, web
from search_ui.images import page_rendition

router = APIRouter()

VIEW_ROLES = (Role.OFFICER, Role.DIGITIZER, Role.MANAGER, Role.ADMIN)
REUSE_ROLES = (Role.OFFICER, Role.ADMIN)


def load_record(session: Session, record_id: int) -> Record:
    record = session.get(Record, record_id)
    if record is None:
        raise HTTPException(404, "no such record")
    return record


def box_on_page(bbox: list[Any] | None, page: Page) -> dict[str, float] | None:
    """A box in original pixels as percentages of the page (the rendition keeps the original's proportions)."""
    if not bbox or len(bbox) != 4 or not page.width or not page.height:
        return None
    x0, y0, x1, y1 = (float(v) for v in bbox)
    return {
        "left": round(100 * x0 / page.width, 3),
        "top": round(100 * y0 / page.height, 3),
        "width": round(100 * (x1 - x0) / page.width, 3),
        "height": round(100 * (y1 - y0) / page.height, 3),
    }


def page_box(record: Record) -> dict[str, float] | None:
    """The entry's box on its page, in %."""
    return box_on_page(record.bbox, record.page)


def ordered_fields(record: Record) -> list[tuple[str, FieldValue]]:
    current = record.current_fields()
    return [(spec.name, current[spec.name]) for spec in FIELDS if spec.name in current]


def revision_changes(record: Record) -> dict[int, list[str]]:
    """For each revision after the first, the names of the fields it changed, added or removed."""
    by_revision: dict[int, dict[str, str]] = {}
    for fv in record.field_values:
        by_revision.setdefault(fv.revision, {})[fv.name] = fv.value
    changes: dict[int, list[str]] = {}
    previous: dict[str, str] = by_revision.get(1, {})
    for number in sorted(by_revision):
        if number == 1:
            continue
        values = by_revision[number]
        changed = [spec.name for spec in FIELDS if values.get(spec.name) != previous.get(spec.name)]
        changes[number] = changed
        previous = values
    return changes


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(
    request: Request,
    record_id: int,
    user: SessionUser = Depends(require(*VIEW_ROLES)),
    session: Session = CATALOG,
) -> HTMLResponse:
    record = load_record(session, record_id)
    audit_as(session, user, "view", record_id=record.id)
    reuses = session.scalars(
        select(ReuseEvent).where(ReuseEvent.record_id == record.id).order_by(ReuseEvent.at.desc()).limit(20)
    ).all()
    return render(
        request,
        "record.html",
        record=record,
        fields=ordered_fields(record),
        changes=revision_changes(record),
        box=page_box(record),
        volume=record.page.volume,
        procedures=REUSE_PROCEDURES,
        reuses=reuses,
        may_reuse=user.role in REUSE_ROLES,
        threshold=web(request).settings.review_threshold,
    )


@router.get("/records/{record_id}/extract", response_class=HTMLResponse)
def printable_extract(
    request: Request,
    record_id: int,
    user: SessionUser = Depends(require(*VIEW_ROLES)),
    session: Session = CATALOG,
) -> HTMLResponse:
    record = load_record(session, record_id)
    audit_as(session, user, "print", record_id=record.id)
    return render(
        request,
        "extract.html",
        record=record,
        fields=ordered_fields(record),
        volume=record.page.volume,
        today=date.today(),
    )


@router.post("/records/{record_id}/reuse")
def reuse(
    request: Request,
    record_id: int,
    procedure: str = Form(...),
    reference: str = Form(""),
    csrf: str = Form(""),
    user: SessionUser = Depends(require(*REUSE_ROLES)),
    session: Session = CATALOG,
) -> RedirectResponse:
    check_csrf(request, csrf)
    load_record(session, record_id)
    try:
        record_reuse(
            session, record_id, procedure, actor=user.name, office=user.office, reference=nfc(reference.strip())[:100]
        )
    except ValueError as error:
        raise HTTPException(400, i18n.text("bad_procedure", lang_of(request))) from error
    request.session["flash"] = i18n.text("reused", lang_of(request))
    return RedirectResponse(f"/records/{record_id}", status_code=303)


@router.get("/pages/{page_id}/image")
def page_image(
    request: Request,
    page_id: int,
    user: SessionUser = Depends(require(*VIEW_ROLES)),
    session: Session = CATALOG,
) -> FileResponse:
    page = session.get(Page, page_id)
    if page is None:
        raise HTTPException(404, "no such page")
    try:
        path = page_rendition(web(request).settings, page)
    except FileNotFoundError as error:
        raise HTTPException(404, "the original scan is missing") from error
    except HotichError as error:
        raise HTTPException(422, f"the scan can't be shown ({error.reason})") from error
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})
