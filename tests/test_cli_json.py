"""The JSON the CLI prints for other tools: `ocr` and `extract` keep their shapes, and every record
`extract` prints is valid against the record schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from hotich.cli import app
from tests.flows.test_flow_ingest import make_certificate

SCHEMA = Path(__file__).parents[1] / "hotich" / "schema" / "record.schema.json"
SHARED_SCHEMA = Path(__file__).parents[2] / "shared" / "schema" / "record.schema.json"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_certificate(tmp_path_factory.mktemp("scan") / "giay-khai-sinh.png")


def test_ocr_json_shape(certificate: Path) -> None:
    result = CliRunner().invoke(app, ["ocr", str(certificate), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"source", "pages"} and len(out["pages"]) == 1
    page = out["pages"][0]
    assert {"page_number", "width", "height", "text", "mean_confidence", "words", "quality_flags"} <= set(page)
    assert (page["page_number"], page["width"], page["height"]) == (1, 1654, 1400)
    assert "Nguyễn Thị Hường" in page["text"] and 0.8 < page["mean_confidence"] <= 1
    word = next(w for w in page["words"] if w["text"] == "Hường")
    assert set(word) >= {"text", "confidence", "bbox"} and len(word["bbox"]) == 4


def test_extract_json_is_records_of_the_schema(certificate: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(certificate), "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text("utf-8")))
    assert isinstance(records, list) and len(records) == 1
    for record in records:
        assert not list(validator.iter_errors(record))
        assert record["page_number"] == 1 and record["entry_index"] == 0
    fields = records[0]["fields"]
    assert records[0]["record_type"] == "birth"
    assert fields["subject_name"]["value"] == "Nguyễn Thị Hường"
    assert fields["date_of_birth"]["value"] == "1962-03-14"


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    result = CliRunner().invoke(app, ["extract", str(broken), "--json"])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_the_projects_schema_is_the_shared_one() -> None:
    if not SHARED_SCHEMA.exists():
        pytest.skip("no shared/ folder beside this checkout")
    assert json.loads(SCHEMA.read_text("utf-8")) == json.loads(SHARED_SCHEMA.read_text("utf-8"))
