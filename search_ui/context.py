"""What every page of the web app shares: settings, templates, the search index, catalog sessions, the
signed-in person, the CSRF token and rendering. Held on ``app.state.web``; routes reach it through the
FastAPI dependencies below."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.db import session_scope
from catalog.events import audit
from catalog.models import User
from catalog.users import Role
from hotich.domain import FIELD_BY_NAME, RecordType
from hotich.settings import Settings
from indexer import open_index
from indexer.base import SearchIndex
from search_ui import i18n

HERE = Path(__file__).parent


class LoginRequired(Exception):
    """Raised by any page opened without a session; the app answers with a redirect to the login."""


@dataclass(frozen=True)
class SessionUser:
    name: str
    full_name: str
    role: Role
    office: str


class WebContext:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.templates = Jinja2Templates(directory=HERE / "templates")
        self.templates.env.globals["urlencode"] = urlencode
        self.templates.env.globals["show"] = show_value
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self.index_writes = threading.Lock()  # one index write at a time from this process

    def index(self) -> SearchIndex:
        """The search index, opened once per process (it sees other processes' writes by itself)."""
        with self._lock:
            if self._index is None:
                self._index = open_index(self.settings)
            return self._index

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None


def show_value(name: str, value: str) -> str:
    """A field's value as people read it: ISO dates as dd/mm/yyyy (or mm/yyyy), the rest as stored."""
    spec = FIELD_BY_NAME.get(name)
    if spec is None or spec.kind != "date":
        return value
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{parts[1]}/{parts[0]}"
    return value


def web(request: Request) -> WebContext:
    context: WebContext = request.app.state.web
    return context


def db(request: Request) -> Iterator[Session]:
    """One catalog session per request, committed when the page is done."""
    with session_scope(web(request).settings.sqlalchemy_url) as session:
        yield session


# Routes take their session through this: scope "function" commits before the answer leaves, so the page a
# change redirects to shows it, and a failed commit is an error page, never a success that was lost (FastAPI
# ends a yield dependency after the response is sent unless told otherwise).
CATALOG = Depends(db, scope="function")


def lang_of(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in i18n.LANGUAGES:
        request.session["lang"] = asked
        return asked
    return str(request.session.get("lang") or request.cookies.get("lang") or web(request).settings.language)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return str(token)


def check_csrf(request: Request, token: str) -> None:
    expected = str(request.session.get("csrf", ""))
    if not token or not expected or not secrets.compare_digest(token, expected):
        raise HTTPException(403, i18n.text("csrf", lang_of(request)))


def current_user(request: Request) -> SessionUser:
    stored = request.session.get("user")
    if not stored:
        raise LoginRequired
    return SessionUser(stored["name"], stored.get("full_name", ""), Role(stored["role"]), stored.get("office", ""))


def require(*allowed: Role) -> Callable[..., SessionUser]:
    """A dependency: the signed-in person, checked against the catalog on every request (an account
    disabled or given another role takes effect at once), if their role may open the page (else 403)."""

    def dependency(request: Request, session: Session = CATALOG) -> SessionUser:
        user = current_user(request)
        account = session.scalars(select(User).where(User.username == user.name)).first()
        if account is None or not account.active:
            request.session.clear()
            raise LoginRequired
        if account.role != user.role.value:
            user = SessionUser(user.name, user.full_name, Role(account.role), account.office)
            request.session["user"] = {**request.session["user"], "role": account.role, "office": account.office}
        if user.role not in allowed:
            raise HTTPException(403, i18n.text("forbidden", lang_of(request)))
        return user

    return dependency


def audit_as(session: Session, user: SessionUser, action: str, record_id: int | None = None, **detail: Any) -> None:
    """An audit event by a person of the web app (details never carry names or dates)."""
    audit(session, action, actor=user.name, role=user.role.value, office=user.office, record_id=record_id, **detail)


def with_lang(request: Request, lang: str) -> str:
    """This page's address in another language (keeps the query)."""
    query = {k: v for k, v in request.query_params.multi_items() if k != "lang"}
    return request.url.path + "?" + urlencode({**query, "lang": lang})


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    stored = request.session.get("user")
    context.update(
        request=request,
        lang=lang,
        t=lambda key: i18n.text(key, lang),
        field_label=lambda n: i18n.field_label(n, lang),
        type_label=lambda v: i18n.type_label(v, lang),
        role_label=lambda v: i18n.role_label(v, lang),
        procedure_label=lambda v: i18n.procedure_label(v, lang),
        lang_url=lambda code: with_lang(request, code),
        user=current_user(request) if stored else None,
        csrf=csrf_token(request),
        record_types=[t.value for t in RecordType],
        flash=request.session.pop("flash", None),
    )
    response = web(request).templates.TemplateResponse(request, name, context, status_code=status_code)
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
    return response
