"""``hotich synth OUT``: write generated register pages and certificates with their ground truth."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from synthetic.degrade import LEVELS


def synth(
    out: Annotated[Path, typer.Argument(help="folder to write pNNNN.png + pNNNN.json into")],
    pages: Annotated[int, typer.Option(help="how many pages")] = 20,
    seed: Annotated[int, typer.Option(help="same seed, same pages")] = 1,
    level: Annotated[str, typer.Option(help="clean | moderate | heavy | mixed")] = "mixed",
    kind: Annotated[str, typer.Option(help="register | certificate | cover | blank | spread | mixed")] = "mixed",
    jobs: Annotated[int, typer.Option(help="pages rendered at once")] = 2,
) -> None:
    """Realistic synthetic civil-status pages with exact ground truth (deterministic by seed)."""
    from synthetic.corpus import KINDS, generate_corpus

    levels = LEVELS if level == "mixed" else (level,)
    kinds = KINDS if kind == "mixed" else (kind,)
    for value, allowed in ((levels, LEVELS), (kinds, KINDS)):
        if not set(value) <= set(allowed):
            raise typer.BadParameter(f"{value} not in {allowed}")
    started = time.perf_counter()
    written = generate_corpus(out, pages=pages, seed=seed, levels=levels, kinds=kinds, jobs=jobs)
    typer.echo(f"wrote {len(written)} pages with ground truth to {out} in {time.perf_counter() - started:.1f} s")
