"""Reports as tables, and the same tables as CSV, XLSX (openpyxl) and PDF (matplotlib, DejaVu Sans for
Vietnamese). A table is a title, column headings and rows: one shape for every report and format."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from catalog.events import REUSE_PROCEDURES
from hotich.domain import RECORD_TYPE_LABELS_VI, RecordType
from reporting.metrics import CoverageRow, ReuseReport, ThroughputDay, coverage_total

PDF_ROWS_PER_PAGE = 40


@dataclass
class Table:
    title: str
    headings: list[str]
    rows: list[list[Any]]


def reuse_tables(report: ReuseReport) -> list[Table]:
    summary = Table(
        f"Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa ({report.period})",
        ["Chỉ tiêu", "Giá trị"],
        [
            ["Hồ sơ đã số hóa", report.records_digitized],
            ["Hồ sơ được khai thác, sử dụng lại", report.records_reused],
            ["Lượt khai thác", report.reuse_events],
            ["Tỷ lệ khai thác (%)", round(100 * report.rate, 2)],
        ],
    )
    procedures = Table(
        "Lượt khai thác theo thủ tục",
        ["Thủ tục", "Lượt"],
        [[REUSE_PROCEDURES.get(k, k), v] for k, v in report.by_procedure.items()],
    )
    wards = Table(
        "Lượt khai thác theo phường/xã của sổ", ["Phường/xã", "Lượt"], [[k, v] for k, v in report.by_ward.items()]
    )
    months = Table(
        "Khai thác theo tháng",
        ["Tháng", "Lượt", "Hồ sơ"],
        [[k, v, report.records_reused_by_month.get(k, 0)] for k, v in report.by_month.items()],
    )
    offices = Table("Lượt khai thác theo đơn vị", ["Đơn vị", "Lượt"], [[k, v] for k, v in report.by_office.items()])
    return [summary, procedures, wards, months, offices]


def register_label(value: str) -> str:
    """The Vietnamese name of a register type ("birth" → "Khai sinh")."""
    try:
        return RECORD_TYPE_LABELS_VI[RecordType(value)]
    except ValueError:
        return value


def coverage_table(rows: list[CoverageRow]) -> Table:
    total = coverage_total(rows)
    lines = [*rows, total] if rows else []
    return Table(
        "Tiến độ số hóa theo sổ",
        ["Phường/xã", "Loại sổ", "Năm", "Quyển", "Trang", "Hồ sơ", "Chờ kiểm tra", "Đã kiểm tra", "Đã kiểm tra (%)"],
        [
            [
                r.ward if r is not total else "Tổng",
                register_label(r.register_type),
                r.years,
                r.volumes,
                r.pages,
                r.records,
                r.in_review,
                r.verified,
                round(100 * r.verified_share, 1),
            ]
            for r in lines
        ],
    )


def throughput_table(days: list[ThroughputDay]) -> Table:
    return Table(
        "Năng suất số hóa theo ngày",
        ["Ngày", "Trang", "Hồ sơ", "Thời gian OCR (giây)", "Lượt nhập", "Tệp cách ly"],
        [[d.day, d.pages, d.records, d.ocr_seconds, d.runs, d.quarantined] for d in days],
    )


def to_csv(tables: list[Table]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for table in tables:
        writer.writerow([table.title])
        writer.writerow(table.headings)
        writer.writerows(table.rows)
        writer.writerow([])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Báo cáo"
    for table in tables:
        sheet.append([table.title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
        sheet.append(table.headings)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
        sheet.append([])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(tables: list[Table], charts: list[bytes] | None = None) -> bytes:
    """An A4 PDF: each table as a page section, then the charts (PNG bytes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    plt.rcParams["font.family"] = "DejaVu Sans"
    out = io.BytesIO()
    with PdfPages(out) as pdf:
        for table in tables:
            chunks = [table.rows[i : i + PDF_ROWS_PER_PAGE] for i in range(0, len(table.rows), PDF_ROWS_PER_PAGE)]
            for number, rows in enumerate(chunks or [[]], start=1):
                figure, axes = plt.subplots(figsize=(8.27, 11.69))
                axes.axis("off")
                title = table.title if len(chunks) <= 1 else f"{table.title} ({number}/{len(chunks)})"
                axes.set_title(title, fontsize=13, loc="left")
                if rows:
                    cells = [[str(v) for v in row] for row in rows]
                    grid = axes.table(cellText=cells, colLabels=table.headings, loc="upper left", cellLoc="left")
                    grid.auto_set_font_size(False)
                    grid.set_fontsize(8)
                    grid.scale(1, 1.3)
                else:
                    axes.text(0, 0.95, "Không có số liệu trong kỳ.", fontsize=10)
                pdf.savefig(figure)
                plt.close(figure)
        for png in charts or []:
            figure, axes = plt.subplots(figsize=(11.69, 8.27))
            axes.axis("off")
            axes.imshow(mpimg.imread(io.BytesIO(png), format="png"))
            pdf.savefig(figure)
            plt.close(figure)
    return out.getvalue()
