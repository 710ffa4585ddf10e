"""Settings, in one place: environment variables with the ``HOTICH_`` prefix, or a ``.env`` file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOTICH_", env_file=".env", extra="ignore")

    home: Path = Field(default=Path.home() / ".local/share/hotich", description="data directory")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; SQLite under home if unset")

    search_backend: Literal["embedded", "elasticsearch"] = "embedded"
    es_url: str | None = Field(default=None, description="Elasticsearch URL(s), comma separated")
    es_api_key: str | None = None
    es_index_prefix: str = "hotich"
    es_verify_certs: bool = True
    es_ca_certs: str | None = None

    ocr_jobs: int = Field(default_factory=_default_jobs, description="pages OCRed at once")
    ocr_page_timeout: float = Field(default=120.0, description="seconds Tesseract may spend on a page")
    max_file_bytes: int = Field(default=500 * 1024 * 1024, description="larger inputs are quarantined")
    max_image_pixels: int = Field(default=200_000_000)
    review_threshold: float = Field(default=0.9, description="records below this confidence go to review")

    secret_key: str = Field(default="", description="signs web sessions; generated under home if unset")
    host: str = "127.0.0.1"
    port: int = 8000
    language: Literal["vi", "en"] = "vi"

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'catalog.sqlite3'}"

    @property
    def catalog_shown(self) -> str:
        """The catalog as a summary shows it: the SQLite file under home by name, any other URL without its
        password."""
        if not self.database_url:
            return "catalog.sqlite3 (SQLite) in the data folder"
        from sqlalchemy.engine import make_url

        return make_url(self.database_url).render_as_string(hide_password=True)

    @property
    def originals_dir(self) -> Path:
        return self.home / "originals"

    @property
    def derivatives_dir(self) -> Path:
        return self.home / "derivatives"

    @property
    def quarantine_dir(self) -> Path:
        return self.home / "quarantine"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
