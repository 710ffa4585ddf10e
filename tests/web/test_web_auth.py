"""Every page needs a login and a role; forms carry a CSRF token; Vietnamese by default, English on ask."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from catalog.db import session_scope
from catalog.models import AuditEvent
from hotich.settings import Settings
from tests.web.conftest import PASSWORD, Archive, csrf_of, login, token


def test_every_page_sends_a_stranger_to_the_login(client: TestClient) -> None:
    paths = [
        "/",
        "/search?q=huong",
        "/records/1",
        "/records/1/extract",
        "/pages/1/image",
        "/review",
        "/review/1",
        "/reports",
        "/reports/chart/reuse.svg",
        "/audit",
        "/reports/export?kind=reuse&format=csv",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next="), path
    assert client.post("/records/1/reuse", data={"procedure": "trich_luc"}).status_code == 303


def test_a_wrong_password_is_refused_and_audited(client: TestClient, web_settings: Settings) -> None:
    page = client.get("/login")
    assert "Đăng nhập" in page.text
    response = client.post("/login", data={"username": "canbo", "password": "sai", "csrf": csrf_of(page.text)})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.text
    assert client.get("/search").status_code == 303
    with session_scope(web_settings.sqlalchemy_url) as session:
        assert session.scalars(select(AuditEvent.action).where(AuditEvent.actor == "canbo")).all() == ["login_failed"]


def test_login_without_the_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "canbo", "password": PASSWORD, "csrf": "forged"})
    assert response.status_code == 403


def test_login_goes_back_to_the_page_asked_for_but_never_off_site(client: TestClient) -> None:
    page = client.get("/login?next=/review")
    data = {"username": "sohoa", "password": PASSWORD, "csrf": csrf_of(page.text), "next": "//evil.example/x"}
    response = client.post("/login", data=data)
    assert response.headers["location"] == "/review"  # the digitizer's home, not the other site
    client.post("/logout", data={"csrf": token(client)})
    page = client.get("/login")
    data = {"username": "sohoa", "password": PASSWORD, "csrf": csrf_of(page.text), "next": "/search?q=hoa"}
    assert client.post("/login", data=data).headers["location"] == "/search?q=hoa"


@pytest.mark.parametrize(
    ("username", "allowed", "forbidden"),
    [
        ("canbo", ["/search", "/records/{huong}"], ["/review", "/reports", "/audit"]),
        ("sohoa", ["/review", "/review/{doubtful}"], ["/reports", "/audit"]),
        ("lanhdao", ["/reports", "/audit", "/search"], ["/review"]),
        ("quantri", ["/review", "/reports", "/audit", "/search"], []),
    ],
)
def test_roles_open_only_their_pages(
    client: TestClient, archive: Archive, username: str, allowed: list[str], forbidden: list[str]
) -> None:
    login(client, username)
    ids = {"huong": archive.huong_id, "doubtful": archive.doubtful_id}
    for path in allowed:
        assert client.get(path.format(**ids)).status_code == 200, path
    for path in forbidden:
        assert client.get(path.format(**ids)).status_code == 403, path


def test_logout_needs_the_token_and_ends_the_session(client: TestClient) -> None:
    login(client, "canbo")
    assert client.post("/logout", data={"csrf": "wrong"}).status_code == 403
    assert client.get("/search").status_code == 200
    assert client.post("/logout", data={"csrf": token(client)}).status_code == 303
    assert client.get("/search").status_code == 303


def test_forms_without_the_session_token_are_refused(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    response = client.post(f"/records/{archive.huong_id}/reuse", data={"procedure": "trich_luc", "csrf": "x"})
    assert response.status_code == 403


def test_vietnamese_by_default_and_english_on_request(client: TestClient) -> None:
    login(client, "canbo")
    assert "Tra cứu" in client.get("/search").text
    english = client.get("/search?lang=en").text
    assert '<html lang="en">' in english and "Sign out" in english
    assert "Sign out" in client.get("/search").text  # remembered for the session
    assert "Đăng xuất" in client.get("/search?lang=vi").text


def test_five_failed_sign_ins_lock_the_name_for_a_while(client: TestClient) -> None:
    for _ in range(5):
        page = client.get("/login")
        client.post("/login", data={"username": "canbo", "password": "doan", "csrf": csrf_of(page.text)})
    page = client.get("/login")
    response = client.post("/login", data={"username": "canbo", "password": PASSWORD, "csrf": csrf_of(page.text)})
    assert response.status_code == 429 and "15 phút" in response.text
    login(client, "lanhdao")  # others are not locked out


def test_a_disabled_account_or_a_new_role_takes_effect_at_once(client: TestClient, web_settings: Settings) -> None:
    from catalog.models import User

    login(client, "canbo")
    assert client.get("/reports").status_code == 403
    with session_scope(web_settings.sqlalchemy_url) as session:
        user = session.scalars(select(User).where(User.username == "canbo")).one()
        user.role = "manager"
    assert client.get("/reports").status_code == 200
    with session_scope(web_settings.sqlalchemy_url) as session:
        session.scalars(select(User).where(User.username == "canbo")).one().active = False
    assert client.get("/search").status_code == 303
