"""A rich progress bar that the ingest flow reports pages to."""

from __future__ import annotations

import threading

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


class RichProgress:
    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]OCR[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pages"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("ocr", total=0)
        self._lock = threading.Lock()
        self._started = False

    def start(self, total_pages: int) -> None:
        with self._lock:
            self._progress.update(self._task, total=total_pages)
            if total_pages and not self._started:
                self._progress.start()
                self._started = True

    def page_done(self, name: str) -> None:
        with self._lock:
            self._progress.advance(self._task)

    def stop(self) -> None:
        with self._lock:
            if self._started:
                self._progress.stop()
                self._started = False
