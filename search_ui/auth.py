"""Signing in and out. A new session (and CSRF token) on every sign-in; failures are audited."""

from __future__ import annotations

import secrets
from datetime import timedelta

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.events import audit
from catalog.models import AuditEvent, utcnow
from catalog.users import Role, authenticate
from hotich.domain import nfc
from search_ui import i18n
from search_ui.context import CATALOG, check_csrf, current_user, lang_of, render

router = APIRouter()

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
HOME_OF_ROLE = {Role.OFFICER: "/search", Role.DIGITIZER: "/review", Role.MANAGER: "/reports", Role.ADMIN: "/search"}


def locked_out(session: Session, username: str) -> bool:
    """Too many failed sign-ins for this name lately (guessing passwords gets slow)."""
    since = utcnow() - LOCKOUT
    query = select(func.count()).where(
        AuditEvent.action == "login_failed", AuditEvent.actor == username, AuditEvent.at >= since
    )
    return int(session.scalar(query) or 0) >= MAX_FAILURES


def _safe_next(target: str) -> str:
    """Only a path of this site (no scheme, no other host)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return ""


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "") -> HTMLResponse:
    return render(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login", response_model=None)
def login(
    request: Request,
    username: str = Form(...),
    password: str = Form(...),
    csrf: str = Form(""),
    next: str = Form(""),
    session: Session = CATALOG,
) -> Response:
    check_csrf(request, csrf)
    username = nfc(username.strip())[:100]
    if locked_out(session, username):
        audit(session, "login_locked", actor=username)
        error = i18n.text("locked", lang_of(request))
        return render(request, "login.html", status_code=429, next=_safe_next(next), error=error)
    user = authenticate(session, username, password)
    if user is None:
        audit(session, "login_failed", actor=username)
        error = i18n.text("bad_login", lang_of(request))
        return render(request, "login.html", status_code=200, next=_safe_next(next), error=error)
    lang = request.session.get("lang")
    request.session.clear()
    request.session.update(
        user={"name": user.username, "full_name": user.full_name, "role": user.role, "office": user.office},
        csrf=secrets.token_urlsafe(24),
    )
    if lang:
        request.session["lang"] = lang
    audit(session, "login", actor=user.username, role=user.role, office=user.office)
    return RedirectResponse(_safe_next(next) or HOME_OF_ROLE[Role(user.role)], status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> RedirectResponse:
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home(request: Request) -> RedirectResponse:
    return RedirectResponse(HOME_OF_ROLE[current_user(request).role], status_code=303)
