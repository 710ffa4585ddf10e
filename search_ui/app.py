"""The web app: officers search and reuse records, digitizers review, managers report.

Server-rendered (FastAPI + Jinja2), Vietnamese by default. Every page needs a login and a role; every
search, record view and export is audited (without names or dates in the log); every form carries a
CSRF token bound to the session.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware

from catalog.db import migrate, session_scope
from catalog.events import REUSE_PROCEDURES, audit, record_reuse
from catalog.models import AuditEvent, Page, Record
from catalog.outbox import sync_index
from catalog.records import correct_record
from catalog.users import Role, authenticate
from hotich.domain import FIELD_BY_NAME, FIELDS, RecordType
from hotich.settings import Settings
from indexer import open_index
from indexer.base import SearchIndex, SearchQuery
from search_ui import i18n
from search_ui.images import page_rendition

HERE = Path(__file__).parent
PAGE_SIZE = 20
SEARCH_ROLES = {Role.OFFICER, Role.MANAGER, Role.ADMIN, Role.DIGITIZER}
REVIEW_ROLES = {Role.DIGITIZER, Role.ADMIN}
REPORT_ROLES = {Role.MANAGER, Role.ADMIN}


class LoginRequired(Exception):
    pass


def create_app(settings: Settings) -> FastAPI:
    migrate(settings.sqlalchemy_url)
    app = FastAPI(title="hotich", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="hotich_session",
        same_site="strict",
        https_only=False,
        max_age=8 * 3600,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    index_holder: dict[str, SearchIndex] = {}

    def index() -> SearchIndex:
        if "index" not in index_holder:
            index_holder["index"] = open_index(settings)
        return index_holder["index"]

    def db() -> Iterator[Session]:
        with session_scope(settings.sqlalchemy_url) as session:
            yield session

    def lang_of(request: Request) -> str:
        asked = request.query_params.get("lang")
        if asked in i18n.LANGUAGES:
            request.session["lang"] = asked
        return str(request.session.get("lang", settings.language))

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = secrets.token_urlsafe(24)
        return str(token)

    def check_csrf(request: Request, token: str) -> None:
        if not token or not secrets.compare_digest(token, str(request.session.get("csrf", ""))):
            raise HTTPException(403, "CSRF token missing or wrong")

    def user_of(request: Request) -> dict[str, str]:
        user = request.session.get("user")
        if not user:
            raise LoginRequired
        return dict(user)

    def role(*allowed: Role) -> Callable[[Request], dict[str, str]]:
        def dependency(request: Request) -> dict[str, str]:
            user = user_of(request)
            if Role(user["role"]) not in allowed:
                raise HTTPException(403, i18n.text("forbidden", lang_of(request)))
            return user

        return dependency

    def render(request: Request, name: str, **context: Any) -> HTMLResponse:
        lang = lang_of(request)
        context.update(
            request=request,
            lang=lang,
            t=lambda key: i18n.text(key, lang),
            field_label=lambda n: i18n.field_label(n, lang),
            type_label=lambda v: i18n.type_label(v, lang),
            user=request.session.get("user"),
            csrf=csrf_token(request),
            record_types=[t.value for t in RecordType],
            flash=request.session.pop("flash", None),
        )
        return templates.TemplateResponse(request, name, context)

    @app.exception_handler(LoginRequired)
    def _to_login(request: Request, _: LoginRequired) -> RedirectResponse:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)

    # --- sign in ----------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/search") -> HTMLResponse:
        return render(request, "login.html", next=next, error=None)

    @app.post("/login", response_model=None)
    def login(
        request: Request,
        username: str = Form(...),
        password: str = Form(...),
        csrf: str = Form(""),
        next: str = Form("/search"),
        session: Session = Depends(db),
    ) -> Response:
        check_csrf(request, csrf)
        user = authenticate(session, username.strip(), password)
        if user is None:
            audit(session, "login_failed", actor=username.strip()[:100])
            return render(request, "login.html", next=next, error=i18n.text("bad_login", lang_of(request)))
        request.session["user"] = {
            "name": user.username,
            "full_name": user.full_name,
            "role": user.role,
            "office": user.office,
        }
        request.session["csrf"] = secrets.token_urlsafe(24)  # a new session, a new token
        audit(session, "login", actor=user.username, role=user.role, office=user.office)
        safe_next = next if next.startswith("/") and not next.startswith("//") else "/search"
        return RedirectResponse(safe_next, status_code=303)

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form("")) -> RedirectResponse:
        check_csrf(request, csrf)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    @app.get("/")
    def home(request: Request) -> RedirectResponse:
        user = user_of(request)
        if Role(user["role"]) == Role.DIGITIZER:
            return RedirectResponse("/review", status_code=303)
        if Role(user["role"]) == Role.MANAGER:
            return RedirectResponse("/reports", status_code=303)
        return RedirectResponse("/search", status_code=303)

    # --- search -----------------------------------------------------------------------------

    @app.get("/search", response_class=HTMLResponse)
    def search(
        request: Request,
        q: str = "",
        record_type: str = "",
        year_from: str = "",
        year_to: str = "",
        ward: str = "",
        sex: str = "",
        father: str = "",
        mother: str = "",
        page: int = 1,
        user: dict[str, str] = Depends(role(*SEARCH_ROLES)),
        session: Session = Depends(db),
    ) -> HTMLResponse:
        asked = any((q.strip(), record_type, year_from, year_to, ward, sex, father.strip(), mother.strip()))
        result = None
        if asked:
            query = SearchQuery(
                text=q.strip(),
                record_type=record_type or None,
                year_from=int(year_from) if year_from.isdigit() else None,
                year_to=int(year_to) if year_to.isdigit() else None,
                ward=ward or None,
                sex=sex or None,
                father_name=father.strip() or None,
                mother_name=mother.strip() or None,
                limit=PAGE_SIZE,
                offset=(max(1, page) - 1) * PAGE_SIZE,
                facets=True,
                highlight=True,
            )
            result = index().search(query)
            used = sorted(
                k
                for k, v in {
                    "text": q.strip(),
                    "type": record_type,
                    "years": year_from or year_to,
                    "ward": ward,
                    "sex": sex,
                    "father": father,
                    "mother": mother,
                }.items()
                if v
            )
            audit(
                session,
                "search",
                actor=user["name"],
                role=user["role"],
                office=user["office"],
                filters=used,
                results=result.total,
            )
        params = {
            k: v
            for k, v in {
                "q": q,
                "record_type": record_type,
                "year_from": year_from,
                "year_to": year_to,
                "ward": ward,
                "sex": sex,
                "father": father,
                "mother": mother,
            }.items()
            if v
        }
        shown = [s.name for s in FIELDS if s.shown_in_results]
        return render(
            request,
            "search.html",
            result=result,
            params=params,
            page=max(1, page),
            page_size=PAGE_SIZE,
            shown=shown,
            urlencode=urlencode,
        )

    # --- records ----------------------------------------------------------------------------

    def load(session: Session, record_id: int) -> Record:
        record = session.get(Record, record_id)
        if record is None:
            raise HTTPException(404, "no such record")
        return record

    def page_box(record: Record) -> dict[str, float] | None:
        page = record.page
        if not record.bbox or not page.width or not page.height:
            return None
        x0, y0, x1, y1 = record.bbox
        return {
            "left": 100 * x0 / page.width,
            "top": 100 * y0 / page.height,
            "width": 100 * (x1 - x0) / page.width,
            "height": 100 * (y1 - y0) / page.height,
        }

    @app.get("/records/{record_id}", response_class=HTMLResponse)
    def record_page(
        request: Request,
        record_id: int,
        user: dict[str, str] = Depends(role(*SEARCH_ROLES)),
        session: Session = Depends(db),
    ) -> HTMLResponse:
        record = load(session, record_id)
        audit(session, "view", actor=user["name"], role=user["role"], office=user["office"], record_id=record.id)
        fields = record.current_fields()
        ordered = [(spec.name, fields[spec.name]) for spec in FIELDS if spec.name in fields]
        return render(
            request,
            "record.html",
            record=record,
            fields=ordered,
            box=page_box(record),
            procedures=REUSE_PROCEDURES,
            volume=record.page.volume,
        )

    @app.get("/records/{record_id}/extract", response_class=HTMLResponse)
    def printable_extract(
        request: Request,
        record_id: int,
        user: dict[str, str] = Depends(role(*SEARCH_ROLES)),
        session: Session = Depends(db),
    ) -> HTMLResponse:
        record = load(session, record_id)
        audit(session, "print", actor=user["name"], role=user["role"], office=user["office"], record_id=record.id)
        fields = record.current_fields()
        ordered = [(spec.name, fields[spec.name]) for spec in FIELDS if spec.name in fields]
        return render(request, "extract.html", record=record, fields=ordered, today=date.today())

    @app.post("/records/{record_id}/reuse")
    def reuse(
        request: Request,
        record_id: int,
        procedure: str = Form(...),
        reference: str = Form(""),
        csrf: str = Form(""),
        user: dict[str, str] = Depends(role(*SEARCH_ROLES)),
        session: Session = Depends(db),
    ) -> RedirectResponse:
        check_csrf(request, csrf)
        load(session, record_id)
        try:
            record_reuse(
                session,
                record_id,
                procedure,
                actor=user["name"],
                office=user["office"],
                reference=reference.strip()[:100],
            )
        except ValueError as error:
            raise HTTPException(400, str(error)) from error
        request.session["flash"] = i18n.text("reused", lang_of(request))
        return RedirectResponse(f"/records/{record_id}", status_code=303)

    @app.get("/pages/{page_id}/image")
    def page_image(
        page_id: int, user: dict[str, str] = Depends(role(*SEARCH_ROLES)), session: Session = Depends(db)
    ) -> FileResponse:
        page = session.get(Page, page_id)
        if page is None:
            raise HTTPException(404, "no such page")
        return FileResponse(
            page_rendition(settings, page), media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"}
        )

    # --- review -----------------------------------------------------------------------------

    @app.get("/review", response_class=HTMLResponse)
    def review_queue(
        request: Request, user: dict[str, str] = Depends(role(*REVIEW_ROLES)), session: Session = Depends(db)
    ) -> HTMLResponse:
        waiting = session.scalars(
            select(Record).where(Record.status == "review").order_by(Record.confidence, Record.id).limit(100)
        ).all()
        return render(request, "review.html", records=waiting)

    @app.get("/review/{record_id}", response_class=HTMLResponse)
    def review_form(
        request: Request,
        record_id: int,
        user: dict[str, str] = Depends(role(*REVIEW_ROLES)),
        session: Session = Depends(db),
    ) -> HTMLResponse:
        record = load(session, record_id)
        audit(session, "view", actor=user["name"], role=user["role"], office=user["office"], record_id=record.id)
        current = record.current_fields()
        return render(
            request,
            "review_form.html",
            record=record,
            current=current,
            box=page_box(record),
            fields=[s for s in FIELDS],
            threshold=settings.review_threshold,
        )

    @app.post("/review/{record_id}")
    async def review_save(
        request: Request,
        record_id: int,
        user: dict[str, str] = Depends(role(*REVIEW_ROLES)),
    ) -> RedirectResponse:
        form = await request.form()
        check_csrf(request, str(form.get("csrf", "")))
        values = {name: str(form.get(f"f_{name}", "")) for name in FIELD_BY_NAME}
        record_type = str(form.get("record_type", "")) or None
        with session_scope(settings.sqlalchemy_url) as session:
            correct_record(
                session,
                record_id,
                values,
                author=user["name"],
                record_type=record_type,
                note=str(form.get("note", ""))[:500],
            )
            audit(session, "correct", actor=user["name"], role=user["role"], office=user["office"], record_id=record_id)
        sync_index(settings.sqlalchemy_url, index())
        request.session["flash"] = i18n.text("corrected", lang_of(request))
        return RedirectResponse("/review", status_code=303)

    # --- reports ----------------------------------------------------------------------------

    from search_ui.reports import add_report_routes

    add_report_routes(app, render, role(*REPORT_ROLES), db, settings)

    @app.get("/audit", response_class=HTMLResponse)
    def audit_log(
        request: Request, user: dict[str, str] = Depends(role(*REPORT_ROLES)), session: Session = Depends(db)
    ) -> HTMLResponse:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(200)).all()
        return render(request, "audit.html", events=events)

    return app
