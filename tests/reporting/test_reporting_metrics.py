"""Reuse rate, coverage and throughput on a catalog with known numbers; the exports open."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from openpyxl import load_workbook

from catalog.db import session_scope
from reporting import charts, metrics
from reporting.export import coverage_table, reuse_tables, throughput_table, to_csv, to_pdf, to_xlsx
from tests.reporting.dataset import seed_known

YEAR_2026 = metrics.Period(date(2026, 1, 1), date(2026, 12, 31))


def test_reuse_rate_counts_records_reused_in_the_period_over_records_digitized(catalog_url: str) -> None:
    seed_known(catalog_url)
    with session_scope(catalog_url) as session:
        report = metrics.reuse(session, YEAR_2026)
    assert (report.records_digitized, report.records_reused, report.reuse_events) == (6, 2, 3)
    assert report.rate == 2 / 6
    assert report.by_procedure == {"trich_luc": 2, "xac_nhan": 1}
    assert report.by_ward == {"Bạch Đằng": 2, "Hàng Bạc": 1}
    assert report.by_office == {"UBND phường Bạch Đằng": 2, "UBND phường Hàng Bạc": 1}
    assert len(report.by_month) == 12 and report.by_month["2026-04"] == 1 and report.by_month["2026-05"] == 2
    assert report.records_reused_by_month["2026-05"] == 2 and report.records_reused_by_month["2026-01"] == 0


def test_a_period_before_any_reuse_has_a_rate_of_zero(catalog_url: str) -> None:
    seed_known(catalog_url)
    with session_scope(catalog_url) as session:
        report = metrics.reuse(session, metrics.Period(date(2026, 1, 1), date(2026, 2, 28)))
        empty = metrics.reuse(session, metrics.Period(date(2020, 1, 1), date(2020, 1, 31)))
    assert (report.records_digitized, report.records_reused, report.rate) == (0, 0, 0.0)
    assert empty.rate == 0.0


def test_december_reuse_counts_in_its_own_year(catalog_url: str) -> None:
    seed_known(catalog_url)
    with session_scope(catalog_url) as session:
        report = metrics.reuse(session, metrics.Period.year(2025))
    assert (report.records_reused, report.reuse_events, report.records_digitized) == (1, 1, 0)


def test_coverage_by_ward_register_and_years(catalog_url: str) -> None:
    seed_known(catalog_url)
    with session_scope(catalog_url) as session:
        rows = metrics.coverage(session)
    as_tuples = [
        (r.ward, r.register_type, r.years, r.volumes, r.pages, r.records, r.in_review, r.verified) for r in rows
    ]
    assert as_tuples == [
        ("Bạch Đằng", "birth", "1962", 1, 1, 4, 1, 1),
        ("Hàng Bạc", "death", "1975–1976", 1, 2, 3, 0, 1),
    ]
    total = metrics.coverage_total(rows)
    assert (total.pages, total.records, total.in_review, total.verified) == (3, 7, 1, 2)
    assert rows[0].verified_share == 0.25 and rows[0].review_share == 0.25


def test_throughput_per_day_with_ingest_runs(catalog_url: str) -> None:
    seed_known(catalog_url)
    with session_scope(catalog_url) as session:
        days = metrics.throughput(session, YEAR_2026)
    assert [(d.day, d.pages, d.records, d.ocr_seconds, d.runs, d.quarantined) for d in days] == [
        ("2026-03-01", 1, 4, 2.5, 0, 0),
        ("2026-03-02", 2, 2, 2.5, 1, 1),
    ]


def test_exports_open_in_their_readers(catalog_url: str) -> None:
    seed_known(catalog_url)
    with session_scope(catalog_url) as session:
        report = metrics.reuse(session, YEAR_2026)
        tables = [
            *reuse_tables(report),
            coverage_table(metrics.coverage(session)),
            throughput_table(metrics.throughput(session, YEAR_2026)),
        ]
    rows = list(csv.reader(io.StringIO(to_csv(tables).decode("utf-8-sig"))))
    assert ["Tỷ lệ khai thác (%)", "33.33"] in rows
    assert ["Cấp bản sao trích lục hộ tịch", "2"] in rows
    assert ["Tổng", "", "", "2", "3", "7", "1", "2", "28.6"] in rows
    sheet = load_workbook(io.BytesIO(to_xlsx(tables))).active
    assert sheet is not None
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert ("Hồ sơ đã số hóa", 6, None, None, None, None, None, None, None) in values
    pdf = to_pdf(tables, [charts.reuse_by_month(report)])
    assert pdf.startswith(b"%PDF-") and b"DejaVu" in pdf


def test_charts_are_png_and_svg_even_when_empty(catalog_url: str) -> None:
    with session_scope(catalog_url) as session:
        report = metrics.reuse(session, YEAR_2026)
        rows = metrics.coverage(session)
    assert charts.reuse_by_month(report).startswith(b"\x89PNG")
    assert b"<svg" in charts.coverage_by_ward(rows, "svg")
    assert charts.throughput_by_day([]).startswith(b"\x89PNG")


def test_long_tables_run_over_several_pdf_pages() -> None:
    from reporting.export import PDF_ROWS_PER_PAGE, Table

    table = Table("Dài", ["Ngày", "Trang"], [[f"2026-01-{i:03d}", i] for i in range(PDF_ROWS_PER_PAGE * 2 + 5)])
    pdf = to_pdf([table])
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 3
