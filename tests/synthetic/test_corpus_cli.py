"""Volumes and corpora on disk, and ``hotich synth``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hotich.cli import app
from synthetic.corpus import corpus_specs, generate_corpus, generate_volume


def _truths(paths: list[Path]) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(p.with_suffix(".json").read_text("utf-8")) for p in paths]


def test_volume_is_a_cover_then_pages_of_one_register(tmp_path: Path) -> None:
    paths = generate_volume(tmp_path / "vol", pages=3, seed=4, register_type="death", year=1971, jobs=1)
    assert [p.name for p in paths] == ["p0001.png", "p0002.png", "p0003.png"]
    truths = _truths(paths)
    assert [t["kind"] for t in truths] == ["cover", "register", "certificate"]
    assert all(
        t["image"] == p.name and t["page_number"] == i for i, (t, p) in enumerate(zip(truths, paths, strict=True), 1)
    )
    assert all(t["volume"]["register_type"] == "death" and t["volume"]["year"] == 1971 for t in truths)
    assert all(r["record_type"] == "death" for t in truths for r in t["records"])
    again = generate_volume(tmp_path / "again", pages=2, seed=4, register_type="death", year=1971, jobs=1)
    assert [p.read_bytes() for p in paths[:2]] == [p.read_bytes() for p in again]


def test_corpus_properties_vary_independently() -> None:
    specs = corpus_specs(180, seed=7)
    levels = {"clean", "moderate", "heavy"}
    for kind in ("register", "certificate", "spread"):
        assert {s.level for s in specs if s.kind == kind} == levels, kind
    for register_type in ("birth", "death", "marriage"):
        registers = [s for s in specs if s.kind == "register" and s.record_type == register_type]
        assert {s.level for s in registers} == levels, register_type
    assert {s.record_type for s in specs if s.kind == "certificate"} >= {"birth", "adoption", "guardianship"}
    assert len({(s.level, s.style) for s in specs}) == 9  # every style at every level
    assert specs == corpus_specs(180, seed=7)


def test_corpus_balances_levels_and_cli_writes_pages(tmp_path: Path) -> None:
    corpus = generate_corpus(tmp_path / "corpus", pages=4, seed=2, jobs=2)
    truths = _truths(corpus)
    assert {t["level"] for t in truths} == {"clean", "moderate", "heavy"}
    assert len({t["era"] for t in truths}) >= 2
    assert any(p.suffix == ".jpg" for p in corpus)  # heavy pages alternate JPEG files

    args = ["synth", str(tmp_path / "cli"), "--pages", "2", "--seed", "3", "--kind", "certificate", "--year", "1970"]
    result = CliRunner().invoke(app, [*args, "--register-type", "adoption", "--level", "clean"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 pages" in result.output
    written = [json.loads(p.read_text("utf-8")) for p in sorted((tmp_path / "cli").glob("*.json"))]
    assert len(written) == 2
    assert all(t["kind"] == "certificate" and t["level"] == "clean" and t["era"] == "1956-1975" for t in written)
    assert all(r["record_type"] == "adoption" for t in written for r in t["records"])
    bad = CliRunner().invoke(app, ["synth", str(tmp_path / "bad"), "--level", "awful"])
    assert bad.exit_code != 0
