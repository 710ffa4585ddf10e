"""Charts for the dashboard and the PDF report: matplotlib with the Agg backend (offline), DejaVu Sans for
Vietnamese. Each function takes report data and returns the picture's bytes, PNG or SVG."""

from __future__ import annotations

import io
from typing import Literal

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from catalog.events import REUSE_PROCEDURES
from reporting.metrics import CoverageRow, ReuseReport, ThroughputDay

Format = Literal["png", "svg"]
RED, GOLD, GREY, GREEN = "#b3261e", "#d4a017", "#8c8577", "#3a7d44"

plt.rcParams["font.family"] = "DejaVu Sans"
plt.rcParams["svg.fonttype"] = "none"  # text stays text in SVG


def _save(figure: Figure, fmt: Format) -> bytes:
    out = io.BytesIO()
    figure.tight_layout()
    figure.savefig(out, format=fmt, dpi=110)
    plt.close(figure)
    return out.getvalue()


def _empty(axes: plt.Axes) -> None:
    axes.text(0.5, 0.5, "Không có số liệu trong kỳ", ha="center", va="center", color=GREY, transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])


def reuse_by_month(report: ReuseReport, fmt: Format = "png") -> bytes:
    """Reuse events and distinct records reused, per month of the period."""
    figure, axes = plt.subplots(figsize=(7.5, 3.4))
    months = list(report.by_month)
    if months and report.reuse_events:
        positions = range(len(months))
        axes.bar([p - 0.2 for p in positions], [report.by_month[m] for m in months], 0.4, color=RED, label="lượt")
        reused = [report.records_reused_by_month.get(m, 0) for m in months]
        axes.bar([p + 0.2 for p in positions], reused, 0.4, color=GOLD, label="hồ sơ")
        axes.set_xticks(list(positions), months, rotation=45, ha="right")
        axes.legend()
    else:
        _empty(axes)
    axes.set_title(f"Khai thác dữ liệu số hóa theo tháng — tỷ lệ {100 * report.rate:.1f}%")
    return _save(figure, fmt)


def reuse_by_procedure(report: ReuseReport, fmt: Format = "png") -> bytes:
    figure, axes = plt.subplots(figsize=(7.5, 3.2))
    if report.by_procedure:
        labels = [REUSE_PROCEDURES.get(k, k) for k in report.by_procedure]
        axes.barh(labels[::-1], list(report.by_procedure.values())[::-1], color=RED)
        axes.set_xlabel("lượt")
    else:
        _empty(axes)
    axes.set_title("Lượt khai thác theo thủ tục")
    return _save(figure, fmt)


def coverage_by_ward(rows: list[CoverageRow], fmt: Format = "png") -> bytes:
    """Records per ward, split into verified, waiting for review and machine-read."""
    figure, axes = plt.subplots(figsize=(7.5, 3.4))
    wards: dict[str, list[int]] = {}
    for row in rows:
        counts = wards.setdefault(row.ward, [0, 0, 0])
        counts[0] += row.verified
        counts[1] += row.in_review
        counts[2] += row.records - row.verified - row.in_review
    if wards and any(sum(c) for c in wards.values()):
        names = list(wards)
        verified, review, machine = ([wards[n][i] for n in names] for i in range(3))
        axes.bar(names, verified, color=GREEN, label="đã kiểm tra")
        axes.bar(names, review, bottom=verified, color=GOLD, label="chờ kiểm tra")
        axes.bar(
            names, machine, bottom=[a + b for a, b in zip(verified, review, strict=True)], color=GREY, label="máy đọc"
        )
        axes.legend()
        axes.tick_params(axis="x", rotation=30)
    else:
        _empty(axes)
    axes.set_title("Hồ sơ đã số hóa theo phường/xã")
    return _save(figure, fmt)


def throughput_by_day(days: list[ThroughputDay], fmt: Format = "png") -> bytes:
    """Pages and records ingested per day, side by side."""
    figure, axes = plt.subplots(figsize=(7.5, 3.4))
    if days:
        positions = range(len(days))
        axes.bar([p - 0.2 for p in positions], [d.pages for d in days], 0.4, color=RED, label="trang")
        axes.bar([p + 0.2 for p in positions], [d.records for d in days], 0.4, color=GOLD, label="hồ sơ")
        step = max(1, len(days) // 15)
        axes.set_xticks(list(positions)[::step], [d.day for d in days][::step], rotation=45, ha="right")
        axes.legend()
    else:
        _empty(axes)
    axes.set_title("Năng suất số hóa theo ngày")
    return _save(figure, fmt)
