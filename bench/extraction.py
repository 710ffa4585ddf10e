"""Extraction alone, on OCR readings kept between runs: a change to ``ocr/extract.py`` and its helpers is
measured in seconds instead of a full benchmark.

    python -m bench.extraction CORPUS [CORPUS ...] [--cache DIR] [--jobs 2] [--errors FILE]

Each page is OCRed once (``ocr.pipeline.read_page``) and its ``OcrPage`` kept in ``--cache`` under the hash
of its image; later runs read the kept page and only extract and score. A change to the OCR itself needs
a fresh cache (``--fresh``, or another folder). Prints the OCR's CER by level; record-type accuracy,
field P/R/F1 and calibration by level and page kind; and F1 by field. ``--errors FILE`` writes every
wrong or missed field as JSON lines (page, field, truth, found, confidence), to see what a change should fix.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.accuracy import Page, load_corpus
from bench.scoring import ErrorCount, RecordScore, count_errors, field_value, pair_records, score_records

DEFAULT_CACHE = Path(__file__).parent / "out" / "ocr-cache"  # ignored by git


def _ocr_cached(image: str, cache: str, fresh: bool) -> Any:
    """The OCRed page of ``image``, from ``cache`` when kept there (in a worker process)."""
    from ocr.load import load_page
    from ocr.pipeline import read_page

    path = Path(image)
    kept = Path(cache) / (hashlib.sha256(path.read_bytes()).hexdigest()[:32] + ".pickle")
    if kept.exists() and not fresh:
        return pickle.loads(kept.read_bytes())
    loaded = load_page(path, 1)
    loaded.text_layer = None
    page = read_page(loaded)
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(page))
    partial.replace(kept)  # never a half-written page for the next run
    return page


def read_all(pages: list[Page], cache: Path, jobs: int, fresh: bool) -> list[Any]:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with ProcessPoolExecutor(jobs) as pool:
        futures = [pool.submit(_ocr_cached, str(p.image), str(cache), fresh) for p in pages]
        return [f.result() for f in futures]


def errors_of(page: Page, predicted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every true field not read right, paired as ``score_records`` pairs records (by agreeing fields)."""
    found: list[dict[str, Any]] = []
    paired = {j: i for i, j, _ in pair_records(predicted, page.truth_records)}
    for j, truth in enumerate(page.truth_records):
        want = truth["fields"]
        got = predicted[paired[j]]["fields"] if j in paired else {}
        for name, value in want.items():
            read = got.get(name)
            if read is None or field_value(read) != field_value(value):
                found.append(
                    {
                        "page": page.image.name,
                        "level": page.level,
                        "style": page.style,
                        "kind": page.kind,
                        "field": name,
                        "truth": value.get("value") if isinstance(value, dict) else value,
                        "found": read.get("value") if isinstance(read, dict) else None,
                        "confidence": read.get("confidence") if isinstance(read, dict) else None,
                    }
                )
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", type=Path, nargs="+", help="folders of pages + ground truth")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where OCRed pages are kept")
    parser.add_argument("--fresh", action="store_true", help="OCR every page anew (after an OCR change)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--errors", type=Path, help="write each wrong or missed field here (JSON lines)")
    args = parser.parse_args(argv)

    from ocr.extract import extract_records

    pages = [page for folder in args.corpora for page in load_corpus(folder)]
    started = time.perf_counter()
    ocred = read_all(pages, args.cache, args.jobs, args.fresh)
    print(
        f"{len(pages)} pages OCRed or read from {args.cache} in {time.perf_counter() - started:.0f} s", file=sys.stderr
    )

    by_level: dict[str, RecordScore] = defaultdict(RecordScore)
    by_kind: dict[str, RecordScore] = defaultdict(RecordScore)
    cer: dict[str, ErrorCount] = defaultdict(ErrorCount)
    wrong: list[dict[str, Any]] = []
    started = time.perf_counter()
    for page, read in zip(pages, ocred, strict=True):
        predicted = [r.to_json() for r in extract_records(read)]
        score = score_records(predicted, page.truth_records)
        for group in (by_level[page.level], by_level["all"], by_kind[page.kind]):
            group.add(score)
        for group_name in (page.level, "all"):
            cer[group_name].add(count_errors(read.text, page.truth_text))
        wrong += errors_of(page, predicted)
    seconds = time.perf_counter() - started
    print(report(by_level, by_kind))
    print("\nCER (the cached OCR's): " + ", ".join(f"{k} {100 * v.cer:.2f}%" for k, v in sorted(cer.items())))
    print(f"\nextraction: {1000 * seconds / max(1, len(pages)):.0f} ms a page")
    if args.errors:
        args.errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in wrong), encoding="utf-8")
        print(f"{len(wrong)} wrong or missed fields → {args.errors}", file=sys.stderr)


def report(by_level: dict[str, RecordScore], by_kind: dict[str, RecordScore]) -> str:
    lines = ["| group | records | type acc. | found | field P | field R | field F1 | right when conf ≥ 0.9 |"]
    lines.append("|---|---|---|---|---|---|---|---|")
    groups = [*sorted(by_level.items(), key=lambda kv: kv[0] == "all"), *sorted(by_kind.items())]
    for name, score in groups:
        assert score.fields is not None
        lines.append(
            f"| {name} | {score.records} | {100 * score.type_accuracy:.1f}% | {100 * score.found_share:.1f}% | "
            f"{score.fields.precision:.3f} | {score.fields.recall:.3f} | {score.fields.f1:.3f} | "
            f"{100 * score.calibration:.1f}% ({score.confident}) |"
        )
    fields = by_level["all"].by_field or {}
    lines += ["", "F1 by field: " + ", ".join(f"{k} {v.f1:.2f}" for k, v in sorted(fields.items()))]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
