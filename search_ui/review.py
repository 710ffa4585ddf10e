"""The digitizers' review queue: doubtful records (lowest confidence first) beside their page; a saved
correction is a new revision, verified, and is in the search index before the next page loads."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from catalog.models import Page, Record
from catalog.outbox import sync_index
from catalog.records import correct_record
from catalog.users import Role
from hotich.domain import FIELD_BY_NAME, FIELDS, RecordType, nfc
from search_ui import i18n
from search_ui.context import CATALOG, SessionUser, audit_as, check_csrf, lang_of, render, require, web
from search_ui.records import box_on_page, load_record, page_box

router = APIRouter()

REVIEW_ROLES = (Role.DIGITIZER, Role.ADMIN)
QUEUE_LENGTH = 100

# The fields a form of each type always offers, even when the machine read nothing there.
EXPECTED: dict[str, tuple[str, ...]] = {
    RecordType.BIRTH: (
        "registration_number",
        "registration_date",
        "subject_name",
        "sex",
        "date_of_birth",
        "place_of_birth",
        "father_name",
        "mother_name",
    ),
    RecordType.MARRIAGE: (
        "registration_number",
        "registration_date",
        "husband_name",
        "husband_date_of_birth",
        "wife_name",
        "wife_date_of_birth",
    ),
    RecordType.DEATH: (
        "registration_number",
        "registration_date",
        "subject_name",
        "date_of_death",
        "place_of_death",
        "cause_of_death",
    ),
}
DEFAULT_EXPECTED = ("registration_number", "registration_date", "subject_name")


def queue(session: Session, limit: int = QUEUE_LENGTH) -> list[Record]:
    query = (
        select(Record)
        .where(Record.status == "review")
        .order_by(Record.confidence, Record.id)
        .limit(limit)
        .options(selectinload(Record.field_values), selectinload(Record.page).selectinload(Page.volume))
    )
    return list(session.scalars(query))


@router.get("/review", response_class=HTMLResponse)
def review_queue(
    request: Request, user: SessionUser = Depends(require(*REVIEW_ROLES)), session: Session = CATALOG
) -> HTMLResponse:
    waiting = int(session.scalar(select(func.count()).select_from(Record).where(Record.status == "review")) or 0)
    return render(request, "review.html", records=queue(session), waiting=waiting)


@router.get("/review/{record_id}", response_class=HTMLResponse)
def review_form(
    request: Request,
    record_id: int,
    user: SessionUser = Depends(require(*REVIEW_ROLES)),
    session: Session = CATALOG,
) -> HTMLResponse:
    record = load_record(session, record_id)
    audit_as(session, user, "view", record_id=record.id, page="review")
    current = record.current_fields()
    main = [n for n in EXPECTED.get(record.record_type, DEFAULT_EXPECTED)]
    main += [spec.name for spec in FIELDS if spec.name in current and spec.name not in main]
    more = [spec.name for spec in FIELDS if spec.name not in main]
    field_boxes = {}
    for name, fv in current.items():
        box = box_on_page(fv.bbox, record.page)
        if box:
            field_boxes[name] = ",".join(str(box[k]) for k in ("left", "top", "width", "height"))
    return render(
        request,
        "review_form.html",
        record=record,
        current=current,
        main=main,
        more=more,
        box=page_box(record),
        field_boxes=field_boxes,
        threshold=web(request).settings.review_threshold,
    )


@router.post("/review/{record_id}")
async def review_save(
    request: Request,
    record_id: int,
    user: SessionUser = Depends(require(*REVIEW_ROLES)),
    session: Session = CATALOG,
) -> RedirectResponse:
    form = await request.form()
    check_csrf(request, str(form.get("csrf", "")))
    values = {name: nfc(str(form[f"f_{name}"])) for name in FIELD_BY_NAME if f"f_{name}" in form}
    record_type = str(form.get("record_type", "")) or None
    record = load_record(session, record_id)
    before = {name: fv.value for name, fv in record.current_fields().items()}
    kept = {name: value for name, value in before.items() if name not in values}  # fields the form did not show
    try:
        corrected = correct_record(
            session,
            record_id,
            {**kept, **values},
            author=user.name,
            record_type=record_type,
            note=nfc(str(form.get("note", "")))[:500],
        )
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    after = {name: fv.value for name, fv in corrected.current_fields().items()}
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    audit_as(session, user, "correct", record_id=record_id, revision=corrected.revision, fields=changed)
    session.commit()  # the catalog first, then the index (the outbox repairs a crash in between)
    context = web(request)
    with context.index_writes:
        sync_index(context.settings.sqlalchemy_url, context.index())
    request.session["flash"] = i18n.text("corrected", lang_of(request))
    following = next((r.id for r in queue(session, 1)), None)
    return RedirectResponse(f"/review/{following}" if following else "/review", status_code=303)
