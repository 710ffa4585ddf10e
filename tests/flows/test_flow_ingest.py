"""The ingest flow end to end on real parts: Tesseract, SQLite catalog, embedded index, Prefect in-process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import func, select
from typer.testing import CliRunner

from catalog.db import session_scope
from catalog.models import Page, QuarantinedFile, Record
from hotich.cli import app

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
CERTIFICATE = [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
    ("Độc lập - Tự do - Hạnh phúc", True),
    ("GIẤY KHAI SINH", True),
    ("Số: 125   Quyển số: 01", False),
    ("Họ, chữ đệm, tên: Nguyễn Thị Hường", False),
    ("Ngày, tháng, năm sinh: 14/3/1962", False),
    ("Giới tính: Nữ   Dân tộc: Kinh   Quốc tịch: Việt Nam", False),
    ("Nơi sinh: Bệnh viện Bạch Mai, Hà Nội", False),
    ("Họ, chữ đệm, tên người mẹ: Lê Thị Lựu", False),
    ("Họ, chữ đệm, tên người cha: Nguyễn Văn Hải", False),
    ("Nơi đăng ký: UBND phường Bạch Đằng", False),
]


def make_certificate(path: Path) -> Path:
    """A clean printed birth certificate at about 200 dpi."""
    image = Image.new("RGB", (1654, 1400), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    y = 80
    for text, centred in CERTIFICATE:
        width = draw.textlength(text, font=font)
        x = (image.width - width) / 2 if centred else 120
        draw.text((x, y), text, font=font, fill="black")
        y += 90 if centred else 80
    image.save(path)
    return path


@pytest.fixture
def scans(tmp_path: Path) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    make_certificate(folder / "giay-khai-sinh.png")
    (folder / "giay-khai-sinh.json").write_text("{}")  # a sidecar, not a scan
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)  # truncated
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def _ingest(path: Path) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        app, ["ingest", str(path), "--ward", "Bạch Đằng", "--register-type", "birth", "--year", "1962", "--json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_then_search_without_diacritics_and_ingest_again_changes_nothing(hotich_home: Path, scans: Path) -> None:
    first = _ingest(scans)
    assert first["files"] == 3
    assert first["pages_new"] == 1 and first["records"] >= 1
    assert first["quarantined"] == 2
    assert {q["reason"] for q in first["quarantined_files"]} == {"corrupt", "empty"}

    found = CliRunner().invoke(app, ["search", "nguyen thi huong", "--json"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert hits and hits[0]["record_type"] == "birth"
    assert hits[0]["fields"]["subject_name"] == "Nguyễn Thị Hường"
    assert hits[0]["fields"]["date_of_birth"] == "1962-03-14"
    assert hits[0]["page"]["page_number"] == 1
    shown = CliRunner().invoke(app, ["search", "nguyen thi huong"]).output
    assert f"#{hits[0]['record_id']} Khai sinh" in shown  # the kind in the officers' words
    assert f"{hits[0]['score']:.2f}" not in shown  # a relevance figure says nothing at the counter

    second = _ingest(scans)
    assert second["pages_new"] == 0 and second["pages_present"] == 1 and second["records"] == 0
    again = json.loads(CliRunner().invoke(app, ["search", "nguyen thi huong", "--json"]).stdout)
    assert [h["record_id"] for h in again] == [h["record_id"] for h in hits]

    url = f"sqlite:///{hotich_home / 'catalog.sqlite3'}"
    with session_scope(url) as session:
        assert session.scalar(select(func.count()).select_from(Page)) == 1
        assert session.scalar(select(func.count()).select_from(Record)) == first["records"]
        assert session.scalar(select(func.count()).select_from(QuarantinedFile)) == 2
    originals = list((hotich_home / "originals").rglob("*.png"))
    assert len(originals) == 2  # the certificate and the broken PNG, each stored once
    assert len(list((hotich_home / "quarantine").rglob("*"))) >= 2


def test_reindex_rebuilds_the_index_from_the_catalog(hotich_home: Path, scans: Path) -> None:
    _ingest(scans)
    shutil.rmtree(hotich_home / "index")
    result = CliRunner().invoke(app, ["reindex"])
    assert result.exit_code == 0, result.output
    hits = json.loads(CliRunner().invoke(app, ["search", "Nguyễn Thị Hường", "--json"]).stdout)
    assert hits and hits[0]["fields"]["subject_name"] == "Nguyễn Thị Hường"


def test_fixity_reports_an_altered_original(hotich_home: Path, scans: Path) -> None:
    _ingest(scans)
    assert CliRunner().invoke(app, ["fixity"]).exit_code == 0
    (original,) = [p for p in (hotich_home / "originals").rglob("*.png") if p.stat().st_size > 1000]
    original.chmod(0o644)
    original.write_bytes(original.read_bytes()[:-10])
    result = CliRunner().invoke(app, ["fixity", "--json"])
    assert result.exit_code == 1
    assert list(json.loads(result.stdout)["problems"].values()) == ["altered"]


def test_prefect_yaml_deploys_the_ingest_flow() -> None:
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load(Path("prefect.yaml").read_text())
    (deployment,) = config["deployments"]
    flow = load_flow_from_entrypoint(deployment["entrypoint"])
    assert flow.name == "ingest-scans"
    assert set(deployment["parameters"]) <= set(flow.parameters.properties)
