"""A progress hook: the CLI shows a progress bar while the flow runs in the same process.

Prefect flow parameters must be serialisable, so the reporter is set here rather than passed in.
"""

from __future__ import annotations

from typing import Protocol


class ProgressReporter(Protocol):
    def start(self, total_pages: int) -> None: ...

    def page_done(self, name: str) -> None: ...


class _Silent:
    def start(self, total_pages: int) -> None:
        pass

    def page_done(self, name: str) -> None:
        pass


_reporter: ProgressReporter = _Silent()


def set_reporter(reporter: ProgressReporter | None) -> None:
    global _reporter
    _reporter = reporter or _Silent()


def reporter() -> ProgressReporter:
    return _reporter
