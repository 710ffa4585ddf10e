"""Fixtures shared by every test area: a fresh data directory and a real catalog (SQLite and PostgreSQL)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from catalog.db import get_engine, migrate
from hotich.settings import Settings, get_settings

# One Prefect home for the whole test run (per worker): its ephemeral server's database lives there.
if "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="hotich-prefect-")
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

POSTGRES_URL = os.environ.get("HOTICH_TEST_POSTGRES_URL")


@pytest.fixture
def hotich_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh HOTICH_HOME with the embedded defaults (SQLite catalog, embedded index)."""
    home = tmp_path / "hotich-home"
    monkeypatch.setenv("HOTICH_HOME", str(home))
    monkeypatch.delenv("HOTICH_DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTICH_SEARCH_BACKEND", "embedded")
    monkeypatch.setenv("HOTICH_OCR_JOBS", "2")
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture
def settings(hotich_home: Path) -> Settings:
    return get_settings()


def _postgres_database() -> Iterator[str]:
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL not started: run `make test` (scripts/start-postgres.sh sets HOTICH_TEST_POSTGRES_URL)")
    name = f"hotich_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'"))
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        get_engine(url).dispose()
        get_engine.cache_clear()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def catalog_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty catalog on each database the product supports."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'catalog.sqlite3'}"
        migrate(url)
        yield url
        get_engine(url).dispose()
    else:
        for url in _postgres_database():
            migrate(url)
            yield url
