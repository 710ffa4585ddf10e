"""A small real archive for the web tests: one scanned page (PNG original), records on it with boxes, a
real embedded index, and one user per role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from catalog.db import session_scope
from catalog.models import Page
from catalog.outbox import sync_index
from catalog.records import VolumeInfo, add_records, get_or_create_volume
from catalog.storage import original_path
from catalog.users import create_user
from hotich.domain import ExtractedField, ExtractedRecord, RecordType
from hotich.settings import Settings
from indexer import open_index
from search_ui.app import create_app

PASSWORD = "mat-khau-1962"
PAGE_SIZE_PX = (1000, 1400)
HUONG_BOX = (100, 280, 900, 420)


@dataclass
class Archive:
    page_id: int
    huong_id: int
    doubtful_id: int
    other_ids: list[int]


def _field(value: str, confidence: float = 0.97, bbox: tuple[int, int, int, int] | None = None) -> ExtractedField:
    return ExtractedField(value, confidence=confidence, bbox=bbox)


def _birth(
    index: int,
    name: str,
    born: str,
    sex: str,
    father: str,
    mother: str,
    conf: float = 0.97,
    bbox: tuple[int, int, int, int] | None = None,
) -> ExtractedRecord:
    return ExtractedRecord(
        RecordType.BIRTH,
        {
            "registration_number": _field(str(10 + index)),
            "subject_name": _field(name, conf, (250, 460 + 150 * index, 650, 500 + 150 * index)),
            "sex": _field(sex),
            "date_of_birth": _field(born),
            "father_name": _field(father),
            "mother_name": _field(mother),
            "place_of_birth": _field("Bệnh viện Phụ sản Hà Nội"),
        },
        entry_index=index,
        bbox=bbox or (100, 440 + 150 * index, 900, 580 + 150 * index),
    )


def build_archive(settings: Settings) -> Archive:
    """Write the original page image where the catalog expects it, the records, the index and users."""
    sha = "a1" * 32
    source = original_path(settings.originals_dir, sha, ".png")
    source.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", PAGE_SIZE_PX, (245, 238, 220)).save(source)
    with session_scope(settings.sqlalchemy_url) as session:
        volume = get_or_create_volume(
            session, VolumeInfo(ward="Bạch Đằng", register_type="birth", year_from=1962, book_number="01")
        )
        page = Page(
            volume_id=volume.id,
            page_number=3,
            source_sha256=sha,
            source_name="p0003.png",
            media_type="png",
            width=PAGE_SIZE_PX[0],
            height=PAGE_SIZE_PX[1],
        )
        session.add(page)
        session.flush()
        records = [
            _birth(0, "Nguyễn Thị Hường", "1962-03-14", "Nữ", "Nguyễn Văn Hải", "Trần Thị Lan", bbox=HUONG_BOX),
            _birth(1, "Phạm Văn Dũng", "1962-05-02", "Nam", "Phạm Văn Sơn", "Lê Thị Mai"),
            _birth(2, "Hoàng Thi Hôa", "1962-07-21", "Nữ", "Hoàng Văn Minh", "Đỗ Thị Hạnh", conf=0.41),
            _birth(3, "Nguyễn Văn Hùng", "1962-09-30", "Nam", "Nguyễn Văn Hải", "Trần Thị Lan"),
        ]
        stored = add_records(session, page, records, settings.review_threshold)
        for username, role in (
            ("canbo", "officer"),
            ("sohoa", "digitizer"),
            ("lanhdao", "manager"),
            ("quantri", "admin"),
        ):
            create_user(session, username, PASSWORD, role, full_name=username.title(), office="UBND phường Bạch Đằng")
        ids = [r.id for r in stored]
        page_id = page.id
    index = open_index(settings)
    try:
        sync_index(settings.sqlalchemy_url, index)
    finally:
        index.close()
    return Archive(page_id=page_id, huong_id=ids[0], doubtful_id=ids[2], other_ids=[ids[1], ids[3]])


@pytest.fixture
def web_settings(settings: Settings) -> Settings:
    settings.home.mkdir(parents=True, exist_ok=True)
    return settings


@pytest.fixture
def archive(web_settings: Settings) -> Archive:
    from catalog.db import migrate

    migrate(web_settings.sqlalchemy_url)
    return build_archive(web_settings)


@pytest.fixture
def client(web_settings: Settings, archive: Archive) -> Iterator[TestClient]:
    with TestClient(create_app(web_settings), follow_redirects=False) as test_client:
        yield test_client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": username, "password": password, "csrf": token})
    assert response.status_code == 303, response.text


def token(client: TestClient, path: str = "/search") -> str:
    return csrf_of(client.get(path).text)
