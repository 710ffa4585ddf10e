"""The officers' search page: one box, filters, facets with counts, highlighted results, pages."""

from __future__ import annotations

import time
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from catalog.users import Role
from hotich.domain import FIELDS, nfc
from hotich.errors import SearchBackendError
from indexer.base import SearchQuery, SearchResult
from indexer.query import parse_query
from search_ui import i18n
from search_ui.context import CATALOG, SessionUser, audit_as, lang_of, render, require, web

router = APIRouter()

SEARCH_ROLES = (Role.OFFICER, Role.DIGITIZER, Role.MANAGER, Role.ADMIN)
PAGE_SIZES = (10, 20, 50, 100)
DEFAULT_PAGE_SIZE = 20
FILTERS = ("record_type", "year_from", "year_to", "ward", "sex", "father", "mother")
SHOWN = [spec.name for spec in FIELDS if spec.shown_in_results]


def _int(value: str, low: int, high: int) -> int | None:
    value = value.strip()
    if not value.lstrip("-").isdigit():
        return None
    return min(high, max(low, int(value)))


@dataclass
class SearchForm:
    """What was asked, NFC and trimmed; ``params`` rebuilds links (facets, pages)."""

    q: str
    record_type: str
    year_from: str
    year_to: str
    ward: str
    sex: str
    father: str
    mother: str
    page: int
    size: int

    @classmethod
    def from_request(cls, request: Request) -> SearchForm:
        get = request.query_params.get
        values = {name: nfc(get(name, "")).strip()[:200] for name in ("q", *FILTERS)}
        size = _int(get("size", ""), 1, max(PAGE_SIZES)) or DEFAULT_PAGE_SIZE
        return cls(**values, page=_int(get("page", ""), 1, 10_000) or 1, size=size)

    @property
    def asked(self) -> bool:
        return any(getattr(self, name) for name in ("q", *FILTERS))

    @property
    def params(self) -> dict[str, str]:
        out = {name: getattr(self, name) for name in ("q", *FILTERS) if getattr(self, name)}
        if self.size != DEFAULT_PAGE_SIZE:
            out["size"] = str(self.size)
        return out

    def query(self) -> SearchQuery:
        years = (_int(self.year_from, 1800, 2200), _int(self.year_to, 1800, 2200))
        if years[0] is not None and years[1] is not None and years[0] > years[1]:
            years = (years[1], years[0])
        return SearchQuery(
            text=self.q,
            record_type=self.record_type or None,
            year_from=years[0],
            year_to=years[1],
            ward=self.ward or None,
            sex=self.sex or None,
            father_name=self.father or None,
            mother_name=self.mother or None,
            limit=self.size,
            offset=(self.page - 1) * self.size,
            facets=True,
            highlight=True,
        )

    def kinds(self) -> list[str]:
        """What kind of text was typed (name, year, date) — for the audit log, which never keeps the text."""
        parsed = parse_query(self.q)
        kinds = [
            ("name", bool(parsed.name_tokens)),
            ("year", bool(parsed.years) and not parsed.dates),
            ("date", bool(parsed.dates)),
        ]
        return [kind for kind, present in kinds if present]


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    user: SessionUser = Depends(require(*SEARCH_ROLES)),
    session: Session = CATALOG,
) -> HTMLResponse:
    form = SearchForm.from_request(request)
    result: SearchResult | None = None
    error = None
    elapsed_ms = 0.0
    if form.asked:
        started = time.perf_counter()
        try:
            result = web(request).index().search(form.query())
        except SearchBackendError:
            error = i18n.text("search_down", lang_of(request))
        elapsed_ms = (time.perf_counter() - started) * 1000
        audit_as(
            session,
            user,
            "search",
            query=form.kinds(),
            filters=[name for name in FILTERS if getattr(form, name)],
            page=form.page,
            results=result.total if result else None,
        )
    pages = (result.total + form.size - 1) // form.size if result else 0
    hits = result.hits if result else []
    columns = [name for name in SHOWN if any(hit.document.fields.get(name) for hit in hits)] or SHOWN[:4]
    return render(
        request,
        "search.html",
        form=form,
        params=form.params,
        result=result,
        error=error,
        elapsed_ms=elapsed_ms,
        pages=pages,
        shown=columns,
        page_sizes=PAGE_SIZES,
    )
