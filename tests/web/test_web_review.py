"""The review queue: doubtful records first; a correction is a new verified revision that search sees."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from catalog.db import session_scope
from catalog.models import AuditEvent, Record
from hotich.settings import Settings
from tests.web.conftest import Archive, login, token


def test_the_queue_lists_records_to_review_lowest_confidence_first(client: TestClient, archive: Archive) -> None:
    login(client, "sohoa")
    page = client.get("/review").text
    assert [int(i) for i in re.findall(r'data-record="(\d+)"', page)] == [archive.doubtful_id]
    form = client.get(f"/review/{archive.doubtful_id}").text
    assert re.search(
        r'<label class="doubt">Họ, chữ đệm, tên\s*<input name="f_subject_name" value="Hoàng Thi Hôa"', form
    )
    assert 'class="highlight"' in form
    assert 'data-box="25.0,54.286,40.0,2.857"' in form  # the name's own box (250, 760, 650, 800) on 1000 x 1400
    assert '<label class="">Giới tính' in form  # read with confidence: not marked


def test_a_correction_is_a_new_verified_revision_and_search_finds_it_at_once(
    client: TestClient, archive: Archive, web_settings: Settings
) -> None:
    login(client, "sohoa")
    form = client.get(f"/review/{archive.doubtful_id}").text
    values = dict(re.findall(r'<input name="(f_\w+)" value="([^"]*)"', form))
    values.update(
        f_subject_name="Hoàng Thị Hoa",
        csrf=token(client, f"/review/{archive.doubtful_id}"),
        record_type="birth",
        note="sửa theo ảnh",
    )
    response = client.post(f"/review/{archive.doubtful_id}", data=values)
    assert response.status_code == 303 and response.headers["location"] == "/review"
    assert "Không còn hồ sơ chờ kiểm tra" in client.get("/review").text
    with session_scope(web_settings.sqlalchemy_url) as session:
        record = session.get(Record, archive.doubtful_id)
        assert record is not None
        assert (record.revision, record.status, record.indexed_revision) == (2, "verified", 2)
        fields = {name: fv.value for name, fv in record.current_fields().items()}
        assert fields["subject_name"] == "Hoàng Thị Hoa" and fields["mother_name"] == "Đỗ Thị Hạnh"
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "correct")).one()
        assert event.detail["fields"] == ["subject_name"] and "Hoa" not in str(event.detail)
    login(client, "canbo")
    hits = client.get("/search", params={"q": "hoang thi hoa"}).text
    assert re.findall(r'data-record="(\d+)"', hits)[0] == str(archive.doubtful_id)
    record_page = client.get(f"/records/{archive.doubtful_id}").text
    assert "r2 · sohoa" in record_page and "sửa theo ảnh" in record_page and "đã kiểm tra" in record_page


def test_an_officer_cannot_correct(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    csrf = token(client)
    response = client.post(f"/review/{archive.doubtful_id}", data={"f_subject_name": "X", "csrf": csrf})
    assert response.status_code == 403


def test_a_correction_needs_the_csrf_token(client: TestClient, archive: Archive) -> None:
    login(client, "sohoa")
    assert client.post(f"/review/{archive.doubtful_id}", data={"f_subject_name": "X"}).status_code == 403
