"""Accuracy and speed of the pipeline beside the tools a user would otherwise pick.

    python -m bench.accuracy [--pages 180] [--seed 7] [--jobs 2] [--corpus DIR] [--real DIR]

On a generated corpus (or any folder of page images with ground-truth JSON beside them, in the page
format of shared/DESIGN.md) it measures, in one run and with the same parallelism:
  * CER/WER by degradation level and style: hotich, raw ``tesseract -l vie``, OCRmyPDF
    (``--deskew --clean --rotate-pages``), with pages/minute and ratios;
  * record-type accuracy and per-field precision/recall/F1 by level and page kind, and calibration;
  * end-to-end ``hotich ingest`` pages/minute and peak memory beside raw tesseract.
``--real DIR`` adds pages of PDFs whose text layer is the truth (e.g. VietOCR3's samples): the page
image is OCRed without its layer and compared with it.
Prints a markdown table; writes bench/results/accuracy.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.scoring import ErrorCount, RecordScore, count_errors, score_records

RESULTS = Path(__file__).parent / "results"


@dataclass
class Page:
    image: Path
    truth_text: str
    truth_records: list[dict[str, Any]]
    level: str
    style: str
    kind: str
    page_number: int = 1  # within the image file (PDFs)


@dataclass
class Reading:
    text: str
    seconds: float
    records: list[dict[str, Any]] = field(default_factory=list)
    extract_seconds: float = 0.0


# --- the corpus ---------------------------------------------------------------------------------


def load_corpus(folder: Path) -> list[Page]:
    pages = []
    for truth_path in sorted(folder.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        image = truth_path.with_name(truth.get("image", truth_path.stem + ".png"))
        if not image.exists():
            continue
        pages.append(
            Page(
                image=image,
                truth_text="\n".join(line["text"] for line in truth.get("lines", [])),
                truth_records=truth.get("records", []),
                level=truth.get("level", "unknown"),
                style=truth.get("style", "unknown"),
                kind=truth.get("kind", "unknown"),
            )
        )
    return pages


def real_pages(folder: Path) -> list[Page]:
    """Pages of PDFs with a text layer: the layer is the truth, the rendered page the input."""
    from ocr.load import load_pages

    pages = []
    for pdf in sorted(folder.glob("*.pdf")):
        for loaded in load_pages(pdf):
            if loaded.text_layer:
                from ocr.pipeline import page_from_words

                truth = page_from_words(1, loaded.width, loaded.height, loaded.text_layer, []).text
                pages.append(Page(pdf, truth, [], "real", "scan", "text", loaded.page_number))
    return pages


# --- the systems --------------------------------------------------------------------------------


def _worker_init() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def read_with_hotich(image: str, page_number: int) -> Reading:
    """One page through hotich's OCR and extraction (in a worker process)."""
    from ocr.extract import extract_records
    from ocr.load import load_page
    from ocr.pipeline import read_page

    loaded = load_page(Path(image), page_number)
    loaded.text_layer = None  # measure the OCR, never the PDF's own layer
    started = time.perf_counter()
    page = read_page(loaded)
    ocr_seconds = time.perf_counter() - started
    started = time.perf_counter()
    records = [r.to_json() for r in extract_records(page)]
    return Reading(page.text, ocr_seconds, records, time.perf_counter() - started)


def _image_for_tools(page: Page, workdir: Path) -> Path:
    if page.image.suffix.lower() != ".pdf":
        return page.image
    from PIL import Image

    from ocr.load import load_page

    target = workdir / f"{page.image.stem}-{page.page_number}.png"
    if not target.exists():
        loaded = load_page(page.image, page.page_number)
        pixels = loaded.image if loaded.image.ndim == 2 else loaded.image[:, :, ::-1]
        Image.fromarray(pixels).save(target, dpi=(300, 300))
    return target


def read_with_tesseract(image: Path) -> Reading:
    started = time.perf_counter()
    done = subprocess.run(
        ["tesseract", str(image), "stdout", "-l", "vie"],
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        check=False,
    )
    return Reading(done.stdout, time.perf_counter() - started)


def read_with_ocrmypdf(image: Path, workdir: Path) -> Reading:
    out = workdir / (image.stem + ".ocrmypdf.pdf")
    sidecar = workdir / (image.stem + ".txt")
    command = [
        sys.executable, "-m", "ocrmypdf", "-l", "vie", "--deskew", "--clean", "--rotate-pages",
        "--image-dpi", "300", "--jobs", "1", "--optimize", "0", "--output-type", "pdf", "--quiet",
        "--sidecar", str(sidecar), str(image), str(out),
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)
    seconds = time.perf_counter() - started
    text = sidecar.read_text(encoding="utf-8", errors="replace") if sidecar.exists() else ""
    return Reading(text.replace("\f", "\n"), seconds)


def run_all(pages: list[Page], reader: Callable[[Page], Reading], jobs: int) -> tuple[list[Reading], float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        readings = list(pool.map(reader, pages))
    return readings, time.perf_counter() - started


def run_hotich(pages: list[Page], jobs: int) -> tuple[list[Reading], float]:
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs, initializer=_worker_init) as pool:
        futures = [pool.submit(read_with_hotich, str(p.image), p.page_number) for p in pages]
        readings = [f.result() for f in futures]
    return readings, time.perf_counter() - started


def ingest_throughput(folder: Path, jobs: int) -> dict[str, float]:
    """``hotich ingest`` end to end on a copy of the corpus: pages/minute and peak memory of the tree."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOTICH_HOME": home, "HOTICH_OCR_JOBS": str(jobs), "PREFECT_HOME": f"{home}/prefect"}
        command = [sys.executable, "-m", "hotich.cli", "ingest", str(folder), "--json"]
        started = time.perf_counter()
        process = psutil.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        out = process.stdout.read().decode() if process.stdout else "{}"
    summary = json.loads(out or "{}")
    pages = summary.get("pages_new", 0)
    return {"pages": pages, "seconds": seconds, "pages_per_minute": 60 * pages / seconds, "peak_mb": peak / 2**20}


# --- the report ---------------------------------------------------------------------------------


def pooled(readings: Iterable[tuple[Page, Reading]], key: Callable[[Page], str]) -> dict[str, ErrorCount]:
    groups: dict[str, ErrorCount] = defaultdict(ErrorCount)
    for page, reading in readings:
        if page.truth_text.strip():
            groups[key(page)].add(count_errors(reading.text, page.truth_text))
            groups["all"].add(count_errors(reading.text, page.truth_text))
    return dict(groups)


def time_ratios(pages: list[Page], ours: list[Reading], tesseract: list[Reading]) -> dict[str, float]:
    """Median over pages of (hotich's preprocessing + OCR time) ÷ (raw Tesseract's time), overall and by level:
    the typical page, which a few slow heavy pages do not hide."""
    ratios: dict[str, list[float]] = defaultdict(list)
    for page, mine, theirs in zip(pages, ours, tesseract, strict=True):
        ratio = mine.seconds / max(theirs.seconds, 1e-3)
        ratios[page.level].append(ratio)
        ratios["all"].append(ratio)
    return {level: statistics.median(values) for level, values in ratios.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=180)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", type=Path, help="a folder of pages + ground truth (default: generate one)")
    parser.add_argument("--real", type=Path, help="a folder of PDFs whose text layer is the truth")
    parser.add_argument("--no-peers", action="store_true", help="skip raw tesseract and OCRmyPDF")
    parser.add_argument("--no-ingest", action="store_true", help="skip the end-to-end ingest run")
    parser.add_argument(
        "--peers-every",
        type=int,
        default=3,
        help="peers and the ingest run read every Nth page (1: all; the corpus is shuffled, a third is a fair sample)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "accuracy.json")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="hotich-bench-"))
    corpus = args.corpus
    if corpus is None:
        from synthetic.corpus import generate_corpus

        corpus = workdir / "corpus"
        started = time.perf_counter()
        generate_corpus(corpus, pages=args.pages, seed=args.seed)
        print(f"generated {args.pages} pages in {time.perf_counter() - started:.0f} s → {corpus}", file=sys.stderr)
    pages = load_corpus(corpus)
    if args.real:
        pages += real_pages(args.real)
    print(f"{len(pages)} pages, {args.jobs} jobs", file=sys.stderr)

    hotich_readings, hotich_wall = run_hotich(pages, args.jobs)
    systems: dict[str, tuple[list[Page], list[Reading], float]] = {"hotich": (pages, hotich_readings, hotich_wall)}
    sample = pages[:: max(1, args.peers_every)]
    if not args.no_peers:
        tools = workdir / "tools"
        tools.mkdir(exist_ok=True)
        # Ratios compare like with like: hotich on the very pages the peers read.
        chosen = {id(p) for p in sample}
        mine = [r for p, r in zip(pages, hotich_readings, strict=True) if id(p) in chosen]
        systems["hotich on the peers' pages"] = (sample, mine, hotich_wall * len(sample) / len(pages))
        tesseract = run_all(sample, lambda p: read_with_tesseract(_image_for_tools(p, tools)), args.jobs)
        systems["tesseract"] = (sample, *tesseract)
        ocrmypdf = run_all(sample, lambda p: read_with_ocrmypdf(_image_for_tools(p, tools), tools), args.jobs)
        systems["ocrmypdf"] = (sample, *ocrmypdf)

    report: dict[str, Any] = {
        "machine": f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}",
        "command": "python -m bench.accuracy " + " ".join(argv if argv is not None else sys.argv[1:]),
        "pages": len(pages),
        "peer_pages": len(sample),
        "jobs": args.jobs,
        "ocr": {},
    }
    for name, (read_pages, readings, wall) in systems.items():
        pairs = list(zip(read_pages, readings, strict=True))
        by_level = pooled(pairs, lambda p: p.level)
        by_style = pooled(pairs, lambda p: p.style)
        report["ocr"][name] = {
            "pages_per_minute": 60 * len(read_pages) / wall,
            "seconds_per_page": sum(r.seconds for r in readings) / len(readings),
            "cer": {k: v.cer for k, v in by_level.items()},
            "wer": {k: v.wer for k, v in by_level.items()},
            "cer_by_style": {k: v.cer for k, v in by_style.items() if k != "all"},
        }

    if "tesseract" in systems:
        mine, theirs = systems["hotich on the peers' pages"][1], systems["tesseract"][1]
        report["time_vs_tesseract"] = time_ratios(sample, mine, theirs)

    readings = hotich_readings
    by_level: dict[str, RecordScore] = defaultdict(RecordScore)
    by_kind: dict[str, RecordScore] = defaultdict(RecordScore)
    for page, reading in zip(pages, readings, strict=True):
        if page.level == "real":
            continue
        score = score_records(reading.records, page.truth_records)
        for group in (by_level[page.level], by_level["all"], by_kind[page.kind]):
            group.add(score)
    report["extraction"] = {
        "by_level": {k: _record_json(v) for k, v in by_level.items()},
        "by_kind": {k: _record_json(v) for k, v in by_kind.items()},
        "extract_seconds_per_page": sum(r.extract_seconds for r in readings) / max(1, len(readings)),
    }
    if not args.no_ingest:
        report["ingest"] = ingest_throughput(_folder_of(sample, workdir / "ingest"), args.jobs)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(markdown(report))
    shutil.rmtree(workdir / "tools", ignore_errors=True)


def _folder_of(pages: list[Page], folder: Path) -> Path:
    """A folder holding just these pages' files (links, not copies), for the ingest run."""
    folder.mkdir(parents=True, exist_ok=True)
    for page in pages:
        target = folder / page.image.name
        if not target.exists():
            target.symlink_to(page.image.resolve())
    return folder


def _record_json(score: RecordScore) -> dict[str, Any]:
    assert score.fields is not None and score.by_field is not None
    return {
        "records": score.records,
        "type_accuracy": score.type_accuracy,
        "found": score.found_share,
        "found_type_accuracy": score.found_type_accuracy,
        "precision": score.fields.precision,
        "recall": score.fields.recall,
        "f1": score.fields.f1,
        "confident_fields": score.confident,
        "confident_right": score.calibration,
        "by_field": {k: {"f1": v.f1, "p": v.precision, "r": v.recall} for k, v in sorted(score.by_field.items())},
    }


def markdown(report: dict[str, Any]) -> str:
    ocr = report["ocr"]
    levels = [lv for lv in ("clean", "moderate", "heavy", "real", "all") if lv in ocr["hotich"]["cer"]]
    peer_pages = report.get("peer_pages", report["pages"])
    lines = [
        f"**{report['pages']} pages (peers and ingest: {peer_pages}), {report['jobs']} jobs** — {report['machine']}",
        "",
    ]
    lines.append("| system | " + " | ".join(f"CER {lv}" for lv in levels) + " | WER all | pages/min |")
    lines.append("|---" * (len(levels) + 3) + "|")
    for name, row in ocr.items():
        cells = [f"{100 * row['cer'][lv]:.2f}%" if lv in row["cer"] else "–" for lv in levels]
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {100 * row['wer']['all']:.2f}% | {row['pages_per_minute']:.1f} |"
        )
    if "tesseract" in ocr:
        lines.append("")
        for peer in ("tesseract", "ocrmypdf"):
            same_pages = ocr.get("hotich on the peers' pages", ocr["hotich"])
            ratios = [
                f"{lv} {ocr[peer]['cer'][lv] / max(same_pages['cer'][lv], 1e-4):.1f}×"
                for lv in levels
                if lv in ocr[peer]["cer"] and lv in same_pages["cer"]
            ]
            speed = ocr["hotich"]["pages_per_minute"] / ocr[peer]["pages_per_minute"]
            lines.append(f"- {peer} CER ÷ hotich CER: {', '.join(ratios)}; hotich speed ÷ {peer}: {speed:.2f}×")
    styles = sorted({st for row in ocr.values() for st in row["cer_by_style"]})
    header = "| system | " + " | ".join(f"CER {st}" for st in styles) + " | s/page |"
    lines += ["", header, "|---" * (len(styles) + 2) + "|"]
    for name, row in ocr.items():
        cells = [f"{100 * row['cer_by_style'].get(st, 0):.2f}%" for st in styles]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {row['seconds_per_page']:.2f} |")
    if "tesseract" in ocr:
        per_page = ocr["hotich"]["seconds_per_page"] / ocr["tesseract"]["seconds_per_page"]
        lines.append(f"- hotich preprocessing + OCR per page ÷ raw tesseract per page: {per_page:.2f}×")
    if "time_vs_tesseract" in report:
        by_level = report["time_vs_tesseract"]
        ratios = ", ".join(f"{level} {by_level[level]:.2f}×" for level in levels if level in by_level)
        lines.append(f"- the same, median page by page: {ratios}")
    lines += [
        "",
        "| level | records | type acc. | entries found | type acc. of found | field P | field R | field F1 "
        "| right when conf ≥ 0.9 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    by_level = report["extraction"]["by_level"]
    for level, row in sorted(by_level.items(), key=lambda item: item[0] == "all"):
        lines.append(
            f"| {level} | {row['records']} | {100 * row['type_accuracy']:.1f}% | {100 * row['found']:.1f}% | "
            f"{100 * row['found_type_accuracy']:.1f}% | {row['precision']:.3f} | "
            f"{row['recall']:.3f} | {row['f1']:.3f} | {100 * row['confident_right']:.1f}% ({row['confident_fields']}) |"
        )
    lines += ["", "| page kind | records | type acc. | field F1 |", "|---|---|---|---|"]
    for kind, row in report["extraction"]["by_kind"].items():
        lines.append(f"| {kind} | {row['records']} | {100 * row['type_accuracy']:.1f}% | {row['f1']:.3f} |")
    fields = report["extraction"]["by_level"].get("all", {}).get("by_field", {})
    if fields:
        lines += ["", "Field F1 (all levels): " + ", ".join(f"{k} {v['f1']:.2f}" for k, v in fields.items())]
    if "ingest" in report:
        ingest = report["ingest"]
        tesseract = ocr.get("tesseract", {}).get("pages_per_minute")
        versus = f" (raw tesseract: {tesseract:.1f})" if tesseract else ""
        hotich = ocr["hotich"]
        ocr_s, extract_s = hotich["seconds_per_page"], report["extraction"]["extract_seconds_per_page"]
        work = (ocr_s + extract_s) / report["jobs"]  # wall seconds per page the OCR and extraction take
        wall = ingest["seconds"] / max(1, ingest["pages"])
        lines += [
            "",
            f"`hotich ingest` end to end: {ingest['pages']} pages in {ingest['seconds']:.0f} s = "
            f"{ingest['pages_per_minute']:.1f} pages/min{versus}; peak memory {ingest['peak_mb']:.0f} MB",
            f"- time per page by stage: preprocessing + OCR {ocr_s:.2f} s, extraction {extract_s:.3f} s (CPU, "
            f"{report['jobs']} in parallel); catalog, index, flow and start-up {max(0.0, wall - work):.2f} s of "
            f"{wall:.2f} s wall",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
