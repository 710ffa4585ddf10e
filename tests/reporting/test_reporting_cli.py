"""``hotich report``: tables on the terminal and files for each format."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select
from typer.testing import CliRunner

from catalog.db import migrate, session_scope
from catalog.models import AuditEvent
from hotich.cli import app
from hotich.settings import Settings
from tests.reporting.dataset import seed_known


def test_report_commands_write_every_format(settings: Settings, tmp_path: Path) -> None:
    migrate(settings.sqlalchemy_url)
    seed_known(settings.sqlalchemy_url)
    runner = CliRunner()
    table = runner.invoke(app, ["report", "reuse", "--from", "2026-01-01", "--to", "2026-12-31"])
    assert table.exit_code == 0, table.output
    assert "33.33" in table.output
    for kind, fmt in (("reuse", "xlsx"), ("coverage", "csv"), ("throughput", "pdf")):
        out = tmp_path / f"{kind}.{fmt}"
        args = ["report", kind, "--format", fmt, "--out", str(out)]
        if kind != "coverage":
            args += ["--from", "2026-01-01", "--to", "2026-12-31"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert load_workbook(tmp_path / "reuse.xlsx").active is not None
    assert (tmp_path / "throughput.pdf").read_bytes().startswith(b"%PDF-")
    assert "Hàng Bạc" in (tmp_path / "coverage.csv").read_text(encoding="utf-8-sig")
    with session_scope(settings.sqlalchemy_url) as session:
        assert len(session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()) == 3


def test_a_file_format_needs_an_output_and_bad_formats_are_refused(settings: Settings) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["report", "coverage", "--format", "xlsx"]).exit_code != 0
    assert runner.invoke(app, ["report", "coverage", "--format", "docx"]).exit_code != 0
    assert runner.invoke(app, ["report", "reuse", "--from", "2026-13-01"]).exit_code != 0
