"""Personal data stays in the page: no caching, framing or referrer; access logs carry no query strings."""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient

from search_ui.security import DropQueryStrings
from tests.web.conftest import login


def test_pages_are_not_cached_framed_or_referred(client: TestClient) -> None:
    login(client, "canbo")
    response = client.get("/search", params={"q": "nguyen thi huong"})
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_access_log_drops_query_strings() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/search?q=nguyen+thi+huong", "1.1", 200),
        None,
    )
    assert DropQueryStrings().filter(record)
    assert "huong" not in record.getMessage() and "/search?…" in record.getMessage()


def test_the_session_key_is_generated_once_and_kept_private(client: TestClient, web_settings: object) -> None:
    from hotich.settings import Settings
    from search_ui.secret import session_secret

    assert isinstance(web_settings, Settings)
    key = web_settings.home / "secret_key"
    assert key.stat().st_mode & 0o077 == 0
    assert session_secret(web_settings) == key.read_text().strip() and len(key.read_text().strip()) > 40
