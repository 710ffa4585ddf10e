"""The web app: officers search and reuse records, digitizers review, managers report.

Server-rendered (FastAPI + Jinja2), Vietnamese by default (English with ``?lang=en``). Every page needs a
login and a role; every search, record view and export is audited (without names or dates in the log);
every form carries a CSRF token bound to the signed session.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from catalog.db import migrate
from hotich.settings import Settings
from search_ui import auth, records, reports, review, search, security
from search_ui.context import HERE, LoginRequired, WebContext, render
from search_ui.secret import session_secret

SESSION_HOURS = 10


def create_app(settings: Settings) -> FastAPI:
    migrate(settings.sqlalchemy_url)
    context = WebContext(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        context.close()

    app = FastAPI(title="hotich", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.web = context
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie="hotich_session",
        same_site="lax",
        https_only=False,
        max_age=SESSION_HOURS * 3600,
    )
    security.install(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (auth, search, records, review, reports):
        app.include_router(module.router)

    @app.exception_handler(LoginRequired)
    def to_login(request: Request, _: LoginRequired) -> RedirectResponse:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)

    @app.exception_handler(HTTPException)
    def error_page(request: Request, error: HTTPException) -> Response:
        if "text/html" not in request.headers.get("accept", "") or error.status_code < 400:
            return Response(str(error.detail), status_code=error.status_code, headers=error.headers)
        page: HTMLResponse = render(request, "error.html", status_code=error.status_code, error=error)
        return page

    return app
