"""Charts for the dashboard and the PDF report (matplotlib, Agg, offline)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from reporting.metrics import ReuseReport, ThroughputDay

plt.rcParams["font.family"] = "DejaVu Sans"


def _png(figure: plt.Figure) -> bytes:
    out = io.BytesIO()
    figure.tight_layout()
    figure.savefig(out, format="png", dpi=110)
    plt.close(figure)
    return out.getvalue()


def reuse_by_month(report: ReuseReport) -> bytes:
    figure, axes = plt.subplots(figsize=(7, 3.2))
    months = list(report.by_month) or ["—"]
    axes.bar(months, [report.by_month.get(m, 0) for m in months], color="#b3261e")
    axes.set_title(f"Lượt khai thác dữ liệu số hóa — tỷ lệ {100 * report.rate:.1f}%")
    axes.set_ylabel("lượt")
    axes.tick_params(axis="x", rotation=45)
    return _png(figure)


def throughput_by_day(days: list[ThroughputDay]) -> bytes:
    figure, axes = plt.subplots(figsize=(7, 3.2))
    labels = [d.day for d in days] or ["—"]
    axes.plot(labels, [d.pages for d in days] or [0], marker="o", label="trang")
    axes.plot(labels, [d.records for d in days] or [0], marker="s", label="hồ sơ")
    axes.set_title("Năng suất số hóa theo ngày")
    axes.legend()
    axes.tick_params(axis="x", rotation=45)
    return _png(figure)
