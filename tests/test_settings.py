from pathlib import Path

from hotich.settings import Settings


def test_the_catalog_is_shown_by_its_file_or_its_url_without_the_password(tmp_path: Path) -> None:
    assert Settings(home=tmp_path).catalog_shown == "catalog.sqlite3 (SQLite) in the data folder"
    shown = Settings(home=tmp_path, database_url="postgresql+psycopg://hotich:s3cret@db:5432/hotich").catalog_shown
    assert shown == "postgresql+psycopg://hotich:***@db:5432/hotich"
