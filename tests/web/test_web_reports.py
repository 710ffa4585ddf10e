"""Managers' reports on a catalog with known numbers: the dashboard, charts, exports (audited), audit log."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from catalog.db import migrate, session_scope
from catalog.models import AuditEvent
from catalog.users import create_user
from hotich.settings import Settings
from search_ui.app import create_app
from tests.reporting.dataset import seed_known
from tests.web.conftest import PASSWORD, login

YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


@pytest.fixture
def manager(web_settings: Settings) -> Iterator[TestClient]:
    migrate(web_settings.sqlalchemy_url)
    seed_known(web_settings.sqlalchemy_url)
    with session_scope(web_settings.sqlalchemy_url) as session:
        create_user(session, "lanhdao", PASSWORD, "manager", office="UBND quận Hoàn Kiếm")
        create_user(session, "canbo", PASSWORD, "officer")
    with TestClient(create_app(web_settings), follow_redirects=False) as client:
        login(client, "lanhdao")
        yield client


def _number(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">([^<]+)<', html)
    assert found, element_id
    return found.group(1)


def test_the_dashboard_shows_the_known_numbers(manager: TestClient) -> None:
    html = manager.get("/reports", params=YEAR).text
    assert _number(html, "reuse-rate") == "33.3%"
    assert (_number(html, "records-digitized"), _number(html, "records-reused"), _number(html, "reuse-events")) == (
        "6",
        "2",
        "3",
    )
    assert re.search(r"<td>Cấp bản sao trích lục hộ tịch</td><td>2</td>", html)
    assert re.search(r"<td>Hàng Bạc</td><td>1</td>", html)
    assert re.search(
        r"<td>Bạch Đằng</td><td>Khai sinh</td><td>1962</td><td>1</td><td>1</td><td>4</td><td>1</td>"
        r"<td>25%</td>",
        html,
    )
    assert re.search(r"<td>2026-03-02</td><td>2</td><td>2</td><td>2.5</td><td>1</td>", html)


def test_charts_come_as_svg_and_png(manager: TestClient) -> None:
    for name in ("reuse", "procedures", "coverage", "throughput"):
        svg = manager.get(f"/reports/chart/{name}.svg", params=YEAR)
        assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    png = manager.get("/reports/chart/reuse.png", params=YEAR)
    assert png.content.startswith(b"\x89PNG")
    assert manager.get("/reports/chart/other.png").status_code == 404


def test_exports_open_and_are_audited(manager: TestClient, web_settings: Settings) -> None:
    xlsx = manager.get("/reports/export", params={"kind": "reuse", "format": "xlsx", **YEAR})
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert ("Tỷ lệ khai thác (%)", 33.33) in [tuple(r[:2]) for r in sheet.iter_rows(values_only=True)]
    pdf = manager.get("/reports/export", params={"kind": "coverage", "format": "pdf"})
    assert pdf.content.startswith(b"%PDF-") and pdf.headers["content-type"] == "application/pdf"
    csv = manager.get("/reports/export", params={"kind": "throughput", "format": "csv", **YEAR})
    assert "2026-03-02,2,2,2.5,1,1" in csv.content.decode("utf-8-sig")
    assert manager.get("/reports/export", params={"kind": "reuse", "format": "doc"}).status_code == 400
    with session_scope(web_settings.sqlalchemy_url) as session:
        exports = session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert [(e.detail["report"], e.detail["format"]) for e in exports] == [
        ("reuse", "xlsx"),
        ("coverage", "pdf"),
        ("throughput", "csv"),
    ]


def test_a_bad_period_is_a_400(manager: TestClient) -> None:
    assert manager.get("/reports", params={"start": "2026-12-31", "end": "2026-01-01"}).status_code == 400
    assert manager.get("/reports", params={"start": "hôm qua"}).status_code == 400


def test_the_audit_log_filters_by_action(manager: TestClient) -> None:
    manager.get("/reports/export", params={"kind": "reuse", "format": "csv"})
    html = manager.get("/audit", params={"action": "export"}).text
    assert "report=reuse" in html and "<td>login</td>" not in html
    assert "<td>login</td>" in manager.get("/audit").text


def test_officers_see_no_reports(manager: TestClient) -> None:
    manager.post("/logout", data={"csrf": re.findall(r'name="csrf" value="([^"]+)"', manager.get("/reports").text)[0]})
    login(manager, "canbo")
    assert manager.get("/reports").status_code == 403
    assert manager.get("/reports/export?kind=reuse&format=csv").status_code == 403


def test_reports_in_english(manager: TestClient) -> None:
    html = manager.get("/reports", params={**YEAR, "lang": "en"}).text
    assert "Reuse rate of digitized data" in html and "Records digitized" in html and "By ward" in html
