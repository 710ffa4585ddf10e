"""One report by name, for a period: its tables and the charts its PDF carries. The CLI and the web app
both ask here, so a report reads the same in every format and place."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from reporting import charts, metrics
from reporting.export import Table, coverage_table, reuse_tables, throughput_table, to_csv, to_pdf, to_xlsx

KINDS = ("reuse", "coverage", "throughput")
FILE_FORMATS = ("csv", "xlsx", "pdf")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass
class Report:
    kind: str
    period: metrics.Period
    tables: list[Table]
    charts: list[bytes] = field(default_factory=list)  # PNG, for the PDF

    def render(self, fmt: str) -> bytes:
        if fmt == "csv":
            return to_csv(self.tables)
        if fmt == "xlsx":
            return to_xlsx(self.tables)
        if fmt == "pdf":
            return to_pdf(self.tables, self.charts)
        raise ValueError(f"format must be one of {FILE_FORMATS}")

    def filename(self, fmt: str) -> str:
        return f"hotich-{self.kind}-{self.period.start}-{self.period.end}.{fmt}"


def build_report(session: Session, kind: str, period: metrics.Period, with_charts: bool = True) -> Report:
    if kind == "reuse":
        reuse = metrics.reuse(session, period)
        pictures = [charts.reuse_by_month(reuse), charts.reuse_by_procedure(reuse)] if with_charts else []
        return Report(kind, period, reuse_tables(reuse), pictures)
    if kind == "coverage":
        rows = metrics.coverage(session)
        return Report(kind, period, [coverage_table(rows)], [charts.coverage_by_ward(rows)] if with_charts else [])
    if kind == "throughput":
        days = metrics.throughput(session, period)
        return Report(kind, period, [throughput_table(days)], [charts.throughput_by_day(days)] if with_charts else [])
    raise ValueError(f"report must be one of {KINDS}")
