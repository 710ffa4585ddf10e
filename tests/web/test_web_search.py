"""Officers search a real embedded index: names with or without diacritics, filters, facets, highlights."""

from __future__ import annotations

import re
import unicodedata

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from catalog.db import session_scope
from catalog.models import AuditEvent
from hotich.errors import SearchBackendError
from hotich.settings import Settings
from tests.web.conftest import Archive, login


def _record_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-record="(\d+)"', html)]


def test_a_name_without_diacritics_finds_the_record_with_highlights(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    page = client.get("/search", params={"q": "nguyen thi huong"})
    assert page.status_code == 200
    ids = _record_ids(page.text)
    assert ids[0] == archive.huong_id
    assert "<mark>" in page.text
    assert re.search(r'id="total">\d+<', page.text)
    assert " ms" in page.text
    assert f'href="/records/{archive.huong_id}"' in page.text


def test_year_and_exact_name_rank_the_right_person_first(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    ids = _record_ids(client.get("/search", params={"q": "Nguyễn Thị Hường 1962"}).text)
    assert ids[0] == archive.huong_id


def test_filters_narrow_and_facets_count(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    both = _record_ids(client.get("/search", params={"q": "nguyen", "father": "nguyen van hai"}).text)
    assert set(both) == {archive.huong_id, archive.other_ids[1]}
    boys = _record_ids(client.get("/search", params={"q": "nguyen", "sex": "Nam"}).text)
    assert boys == [archive.other_ids[1]]
    page = client.get("/search", params={"q": "", "ward": "Bạch Đằng", "year_from": "1962", "year_to": "1962"})
    assert len(_record_ids(page.text)) == 4
    assert re.search(r'class="facets"', page.text)
    assert re.search(r"Bạch Đằng</a>\s*<span>4</span>", page.text)
    none = client.get("/search", params={"q": "nguyen", "year_from": "1990"})
    assert _record_ids(none.text) == []
    assert "Không tìm thấy" in none.text


def test_each_search_is_audited_by_kind_without_the_names(
    client: TestClient, archive: Archive, web_settings: Settings
) -> None:
    login(client, "canbo")
    client.get("/search", params={"q": "nguyen thi huong 1962", "mother": "tran thi lan"})
    with session_scope(web_settings.sqlalchemy_url) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "search")).one()
    assert event.actor == "canbo" and event.role == "officer"
    text = str(event.detail).lower()
    assert "huong" not in text and "hường" not in text and "lan" not in text.replace("lang", "")
    assert "mother" in event.detail["filters"] and event.detail["query"] == ["name", "year"]


def test_pages_of_results(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    page = client.get("/search", params={"ward": "Bạch Đằng", "size": "2"})
    assert len(_record_ids(page.text)) == 2
    assert "page=2" in page.text
    second = client.get("/search", params={"ward": "Bạch Đằng", "size": "2", "page": "2"})
    assert set(_record_ids(second.text)).isdisjoint(_record_ids(page.text))
    assert len(_record_ids(second.text)) == 2


def test_nonsense_parameters_do_not_break_the_page(client: TestClient) -> None:
    login(client, "canbo")
    assert client.get("/search", params={"q": "huong", "page": "-3", "year_from": "abc"}).status_code == 200


def test_decomposed_input_is_normalised(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert _record_ids(client.get("/search", params={"q": decomposed}).text)[0] == archive.huong_id


def test_a_search_backend_failure_is_a_message_not_a_crash(
    client: TestClient, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, "canbo")
    index = client.app.state.web.index()  # type: ignore[attr-defined]

    def down(_: object) -> None:
        raise SearchBackendError("connection refused")

    monkeypatch.setattr(index, "search", down)
    page = client.get("/search", params={"q": "huong"})
    assert page.status_code == 200 and "Máy tìm kiếm đang bận" in page.text
