"""The record page: fields with their labels, the scanned page with the entry's box, reuse, the extract."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from catalog.db import session_scope
from catalog.models import AuditEvent, ReuseEvent
from hotich.settings import Settings
from search_ui.app import create_app
from tests.web.conftest import PAGE_SIZE_PX, Archive, login, token


def test_the_record_page_shows_labelled_fields_history_and_the_entry_box(
    client: TestClient, archive: Archive, web_settings: Settings
) -> None:
    login(client, "canbo")
    page = client.get(f"/records/{archive.huong_id}")
    assert page.status_code == 200
    html = page.text
    assert "Họ, chữ đệm, tên" in html and "Nguyễn Thị Hường" in html and "Họ tên mẹ" in html
    assert "Khai sinh" in html and "Bạch Đằng" in html
    assert f'src="/pages/{archive.page_id}/image"' in html
    # HUONG_BOX (100, 280, 900, 420) on a 1000 x 1400 page
    assert 'style="left:10.0%;top:20.0%;width:80.0%;height:10.0%"' in html
    assert "r1 · ocr" in html
    with session_scope(web_settings.sqlalchemy_url) as session:
        viewed = session.scalars(select(AuditEvent).where(AuditEvent.action == "view")).one()
    assert (viewed.record_id, viewed.actor, viewed.role) == (archive.huong_id, "canbo", "officer")


def test_the_page_image_is_a_browser_friendly_rendition_kept_as_a_derivative(
    client: TestClient, archive: Archive, web_settings: Settings
) -> None:
    login(client, "canbo")
    response = client.get(f"/pages/{archive.page_id}/image")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    picture = Image.open(io.BytesIO(response.content))
    assert picture.format == "JPEG" and picture.size == PAGE_SIZE_PX
    assert list((web_settings.derivatives_dir / "pages").glob("*.jpg"))
    assert client.get("/pages/9999/image").status_code == 404


def test_a_missing_original_is_a_404_not_a_crash(client: TestClient, archive: Archive, web_settings: Settings) -> None:
    login(client, "canbo")
    for path in web_settings.originals_dir.rglob("*.png"):
        path.chmod(0o644)
        path.unlink()
    assert client.get(f"/pages/{archive.page_id}/image").status_code == 404


def test_a_reuse_is_recorded_audited_and_listed(client: TestClient, archive: Archive, web_settings: Settings) -> None:
    login(client, "canbo")
    csrf = token(client, f"/records/{archive.huong_id}")
    data = {"procedure": "trich_luc", "reference": "000.00.21.H26-261123-0001", "csrf": csrf}
    response = client.post(f"/records/{archive.huong_id}/reuse", data=data)
    assert response.status_code == 303 and response.headers["location"] == f"/records/{archive.huong_id}"
    page = client.get(f"/records/{archive.huong_id}").text
    assert "Đã ghi nhận lượt khai thác" in page
    assert "Cấp bản sao trích lục hộ tịch" in page and "000.00.21.H26-261123-0001" in page
    with session_scope(web_settings.sqlalchemy_url) as session:
        event = session.scalars(select(ReuseEvent)).one()
        assert (event.record_id, event.procedure, event.actor, event.office) == (
            archive.huong_id,
            "trich_luc",
            "canbo",
            "UBND phường Bạch Đằng",
        )
        assert session.scalars(select(AuditEvent.action).where(AuditEvent.action == "reuse")).all() == ["reuse"]
    bad = client.post(f"/records/{archive.huong_id}/reuse", data={"procedure": "nope", "csrf": csrf})
    assert bad.status_code == 400


def test_only_counter_officers_record_reuse(client: TestClient, archive: Archive) -> None:
    login(client, "lanhdao")
    assert 'id="reuse-form"' not in client.get(f"/records/{archive.huong_id}").text
    csrf = token(client, f"/records/{archive.huong_id}")
    response = client.post(f"/records/{archive.huong_id}/reuse", data={"procedure": "trich_luc", "csrf": csrf})
    assert response.status_code == 403


def test_the_printable_extract(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    page = client.get(f"/records/{archive.huong_id}/extract")
    assert page.status_code == 200
    assert "TRÍCH LỤC KHAI SINH" in page.text and "Nguyễn Thị Hường" in page.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.text


def test_an_unknown_record_is_a_404_page(client: TestClient) -> None:
    login(client, "canbo")
    response = client.get("/records/424242", headers={"accept": "text/html"})
    assert response.status_code == 404 and "Lỗi 404" in response.text


def test_english_labels_on_the_record_page(client: TestClient, archive: Archive) -> None:
    login(client, "canbo")
    html = client.get(f"/records/{archive.huong_id}?lang=en").text
    assert "Full name" in html and "Mother" in html and "Record a reuse" in html and "Certified extract" in html


def test_a_reuse_the_catalog_failed_to_store_is_not_reported_as_recorded(
    web_settings: Settings, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog commits before the answer leaves: an officer redirected to the record finds the reuse
    listed, and a failed commit is an error page, never a 'recorded' that was lost."""
    with TestClient(create_app(web_settings), follow_redirects=False, raise_server_exceptions=False) as client:
        login(client, "canbo")
        csrf = token(client, f"/records/{archive.huong_id}")

        def refuse(self: Session) -> None:
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

        monkeypatch.setattr(Session, "commit", refuse)
        response = client.post(f"/records/{archive.huong_id}/reuse", data={"procedure": "trich_luc", "csrf": csrf})
        monkeypatch.undo()
        assert response.status_code == 500
        with session_scope(web_settings.sqlalchemy_url) as session:
            assert session.scalars(select(ReuseEvent)).all() == []
