"""``hotich synth OUT``: write generated register pages and certificates with their ground truth."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from synthetic.degrade import LEVELS

KIND_CHOICES = ("register", "certificate", "mixed")


def synth(
    out: Annotated[Path, typer.Argument(help="folder to write pNNNN.png + pNNNN.json into")],
    pages: Annotated[int, typer.Option(help="how many pages")] = 20,
    seed: Annotated[int, typer.Option(help="same seed, same pages")] = 1,
    level: Annotated[str, typer.Option(help="clean | moderate | heavy | mixed")] = "mixed",
    kind: Annotated[str, typer.Option(help="register | certificate | mixed (adds covers, blanks, spreads)")] = "mixed",
    register_type: Annotated[
        str | None, typer.Option(help="birth | marriage | death | … (default: every type)")
    ] = None,
    year: Annotated[int | None, typer.Option(help="registration year (default: 1956–2024)")] = None,
) -> None:
    """Realistic synthetic civil-status pages with exact ground truth (deterministic by seed)."""
    from synthetic.corpus import KINDS, generate_corpus
    from synthetic.records import RECORD_TYPES

    if level not in (*LEVELS, "mixed"):
        raise typer.BadParameter(f"level must be one of {(*LEVELS, 'mixed')}", param_hint="--level")
    if kind not in KIND_CHOICES:
        raise typer.BadParameter(f"kind must be one of {KIND_CHOICES}", param_hint="--kind")
    if register_type is not None and register_type not in RECORD_TYPES:
        raise typer.BadParameter(f"register type must be one of {RECORD_TYPES}", param_hint="--register-type")
    if year is not None and not 1956 <= year <= 2030:
        raise typer.BadParameter("year must be between 1956 and 2030", param_hint="--year")
    levels = LEVELS if level == "mixed" else (level,)
    kinds = KINDS if kind == "mixed" else (kind,)
    started = time.perf_counter()
    written = generate_corpus(
        out,
        pages=pages,
        seed=seed,
        levels=levels,
        kinds=kinds,
        record_types=(register_type,) if register_type else None,
        year=year,
    )
    elapsed = time.perf_counter() - started
    typer.echo(f"wrote {len(written)} pages (+ ground truth .json) to {out} in {elapsed:.1f} s")
