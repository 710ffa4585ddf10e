"""``hotich demo``: make a sample volume, run it through the pipeline, create demo accounts, summarise."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from hotich.settings import get_settings

DEMO_WARD = "Bạch Đằng"
DEMO_YEAR = 1962
DEMO_PASSWORD = "hotich-demo"
DEMO_USERS = (
    ("canbo", "officer", "Cán bộ một cửa (demo)"),
    ("sohoa", "digitizer", "Tổ số hóa (demo)"),
    ("lanhdao", "manager", "Lãnh đạo (demo)"),
)


def run_demo(console: Console, pages: int, seed: int) -> dict[str, object]:
    from catalog.db import migrate, session_scope
    from catalog.users import create_user
    from hotich.cli import _run_ingest
    from synthetic.corpus import generate_volume

    settings = get_settings()
    scans = settings.home / "demo-scans" / f"{DEMO_YEAR}-birth-seed{seed}"
    console.print(f"[bold]1/3[/bold] generating a sample birth register ({pages} pages) in {scans}")
    started = time.perf_counter()
    if not any(scans.glob("*.png")):
        generate_volume(scans, pages=pages, seed=seed, register_type="birth", year=DEMO_YEAR, level="moderate")

    console.print("[bold]2/3[/bold] running it through the pipeline (OCR, extraction, catalog, index)")
    summary = _run_ingest(
        Path(scans), DEMO_WARD, "birth", DEMO_YEAR, None, "01", None, verbose=False, show_progress=True
    )

    console.print("[bold]3/3[/bold] creating demo accounts")
    migrate(settings.sqlalchemy_url)
    office = f"UBND phường {DEMO_WARD}"
    with session_scope(settings.sqlalchemy_url) as session:
        for username, role, full_name in DEMO_USERS:
            create_user(session, username, DEMO_PASSWORD, role, full_name=full_name, office=office)

    elapsed = time.perf_counter() - started
    table = Table(title="hotich demo", show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")  # paths and URLs wrap whole on a narrow terminal, never cut with "…"
    table.add_row("pages read", f"{summary['pages_new']} new, {summary['pages_present']} already present")
    table.add_row("records", f"{summary['records']} ({summary['indexed']} indexed)")
    table.add_row("quarantined files", str(summary["quarantined"]))
    table.add_row("pipeline time", f"{summary['seconds']:.1f} s")
    if summary["pages_new"]:
        table.add_row("throughput", f"{summary['pages_new'] / max(summary['seconds'], 1e-9) * 60:.1f} pages/minute")
    table.add_row("total time", f"{elapsed:.1f} s")
    table.add_row("data", str(settings.home))
    table.add_row("catalog", settings.catalog_shown)
    table.add_row("logins", ", ".join(u for u, _, _ in DEMO_USERS) + f" — password: {DEMO_PASSWORD}")
    console.print(table)
    return summary
