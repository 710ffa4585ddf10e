"""Volumes and benchmark corpora: page images with their ground truth beside them (``p0001.png`` +
``p0001.json``, the page format of shared/DESIGN.md), deterministic by seed."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import cv2
import numpy as np
from PIL import Image

from synthetic.canvas import Canvas
from synthetic.degrade import age, move_box, stamp
from synthetic.layouts import certificate
from synthetic.people import WARDS, ward_office
from synthetic.records import RECORD_TYPES, generate_record
from synthetic.registers import cover, prepare_entries, register_page
from synthetic.wording import era_of

KINDS = ("register", "certificate", "cover", "blank", "spread")
STYLES_BY_ERA = {
    "1956-1975": ("handwriting", "handwriting", "typewriter"),
    "1976-1999": ("typewriter", "handwriting", "printed"),
    "2000-": ("printed", "printed", "typewriter"),
}
REGISTER_TYPES = ("birth", "death", "marriage")
T = TypeVar("T")
ERA_YEARS = {"1956-1975": (1956, 1975), "1976-1999": (1976, 1999), "2000-": (2000, 2024)}


@dataclass(frozen=True)
class PageSpec:
    number: int
    seed: int
    kind: str
    record_type: str  # for certificates; the register type for registers, covers and spreads
    year: int
    level: str
    ward: str
    book: str
    style: str | None = None


def render_page(spec: PageSpec) -> tuple[np.ndarray, dict[str, Any]]:
    """One page image (BGR) and its ground truth."""
    rng = random.Random(spec.seed)
    era = era_of(spec.year)
    style = spec.style or rng.choice(STYLES_BY_ERA[era])
    office = ward_office(spec.ward, spec.year)
    records: list[dict[str, Any]] = []
    back: Image.Image | None = None
    if spec.kind == "certificate":
        canvas = Canvas(1700, 2400, rng, style)
        record = generate_record(rng, spec.record_type, spec.year, spec.ward)
        records = [certificate(canvas, record, rng)]
        image, lines = canvas.image, canvas.lines
        if spec.level != "clean":
            last = lines[-1].bbox
            stamp(image, rng, office.upper(), ((last[0] + last[2]) / 2, last[3] + 40))
    elif spec.kind in {"register", "spread"}:
        image, lines, records = _register_pages(spec, rng, style, office)
        if spec.level != "clean" and records and rng.random() < 0.6:
            # The office seal: in the margin beside the last entry, or (heavy) right over an entry's text.
            box = rng.choice(records)["bbox"] if spec.level == "heavy" else records[-1]["bbox"]
            x = rng.uniform(box[0], box[2]) if spec.level == "heavy" else box[2] - image.width * 0.05
            stamp(image, rng, office.upper(), (x, (box[1] + box[3]) / 2))
    else:
        canvas = Canvas(1700, 2400, rng, "printed")
        if spec.kind == "cover":
            cover(canvas, spec.record_type, spec.year, spec.book, office, rng)
        else:  # blank: the back of a sheet, with the other side's ink showing through
            other = Canvas(1700, 2400, rng, style)
            certificate(other, generate_record(rng, "birth", spec.year, spec.ward), rng)
            back = other.image
        image, lines = canvas.image, canvas.lines

    if spec.level == "heavy" and spec.kind in {"certificate", "register"} and rng.random() < 0.5:
        back = image.copy()  # bleed-through: the other side of the sheet shows faintly, mirrored
    aged = age(image, spec.level, rng, back=back, allow_turn=spec.kind != "blank")
    for index, record in enumerate(records):
        record["entry_index"] = index
        record["page_number"] = spec.number
        if "bbox" in record:
            record["bbox"] = move_box(record["bbox"], aged.matrix)
    truth = {
        "page_number": spec.number,
        "kind": spec.kind,
        "style": style if spec.kind not in {"cover", "blank"} else "printed",
        "level": spec.level,
        "era": era,
        "rotation": aged.rotation,
        "skew": round(aged.skew, 2),
        "volume": {"ward": spec.ward, "register_type": spec.record_type, "year": spec.year, "book_number": spec.book},
        "lines": [{"text": line.text, "bbox": move_box(line.bbox, aged.matrix)} for line in lines],
        "records": records,
    }
    return aged.image, truth


def _register_pages(
    spec: PageSpec, rng: random.Random, style: str, office: str
) -> tuple[Image.Image, list[Any], list[dict[str, Any]]]:
    """One register page (landscape or portrait), or a spread of two portrait pages numbered on."""
    halves = 2 if spec.kind == "spread" else 1
    portrait = halves == 2 or rng.random() < 0.35
    size = ((1500, 2100) if halves == 2 else (1700, 2400)) if portrait else (2400, 1700)
    rows = rng.randint(7, 11) if portrait else rng.randint(5, 9)
    number = (spec.number - 1) * rows * halves + 1 + rng.randint(0, 3)
    pages = []
    for half in range(halves):
        canvas = Canvas(*size, rng, style)
        count = rows if rng.random() < 0.85 else rng.randint(1, rows)  # the last page of a book is part-filled
        entries = [generate_record(rng, spec.record_type, spec.year, spec.ward) for _ in range(count)]
        entries = prepare_entries(entries, number, office, spec.book)
        page = 2 * spec.number + half
        label = rng.choice(
            (
                f"Năm {spec.year} — Quyển số {spec.book} — Trang {page}",
                f"Quyển số: {spec.book}   Năm: {spec.year}   Tờ số: {page}",
            )
        )
        written = register_page(canvas, entries, spec.record_type, rng, (office, label), rows)
        number += len(written)
        pages.append((canvas, written))
    return _side_by_side(pages)


def _side_by_side(
    pages: list[tuple[Canvas, list[dict[str, Any]]]],
) -> tuple[Image.Image, list[Any], list[dict[str, Any]]]:
    if len(pages) == 1:
        canvas, records = pages[0]
        return canvas.image, canvas.lines, records
    gutter = 60
    width = sum(c.width for c, _ in pages) + gutter
    height = max(c.height for c, _ in pages)
    spread = Image.new("RGB", (width, height), (245, 242, 232))
    lines: list[Any] = []
    out_records: list[dict[str, Any]] = []
    x = 0
    for canvas, page_records in pages:
        spread.paste(canvas.image, (x, 0))
        for line in canvas.lines:
            line.bbox = [line.bbox[0] + x, line.bbox[1], line.bbox[2] + x, line.bbox[3]]
            lines.append(line)
        for record in page_records:
            box = record["bbox"]
            record["bbox"] = [box[0] + x, box[1], box[2] + x, box[3]]
            out_records.append(record)
        x += canvas.width + gutter
    return spread, lines, out_records


def write_page(out_dir: Path, spec: PageSpec, image_format: str = "png") -> Path:
    image, truth = render_page(spec)
    name = f"p{spec.number:04d}.{image_format}"
    path = out_dir / name
    params = [cv2.IMWRITE_JPEG_QUALITY, 90] if image_format == "jpg" else []
    if not cv2.imwrite(str(path), image, params):
        raise OSError(f"could not write {path}")
    truth = {"image": name, **truth}
    (out_dir / f"p{spec.number:04d}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _write_all(out_dir: Path, specs: list[PageSpec], formats: list[str], jobs: int) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    if jobs <= 1:
        return [write_page(out_dir, spec, fmt) for spec, fmt in zip(specs, formats, strict=True)]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(write_page, [out_dir] * len(specs), specs, formats))


def generate_volume(
    out_dir: Path,
    pages: int,
    seed: int,
    register_type: str = "birth",
    year: int = 1962,
    level: str = "moderate",
    ward: str = "Bạch Đằng",
    book: str = "01",
    jobs: int = 2,
) -> list[Path]:
    """A sample volume of one register: a cover, then register pages and certificates of that type."""
    rng = random.Random(seed)
    specs = []
    for number in range(1, pages + 1):
        kind = "cover" if number == 1 else ("certificate" if number % 3 == 0 else "register")
        specs.append(PageSpec(number, rng.randrange(2**31), kind, register_type, year, level, ward, book))
    return _write_all(out_dir, specs, ["png"] * len(specs), jobs)


def generate_corpus(
    out_dir: Path,
    pages: int,
    seed: int,
    levels: Sequence[str] = ("clean", "moderate", "heavy"),
    kinds: Sequence[str] = KINDS,
    record_types: Sequence[str] | None = None,
    year: int | None = None,
    jobs: int = 2,
) -> list[Path]:
    """A benchmark corpus balanced over levels, page kinds, record types, eras and styles (see
    ``corpus_specs``); heavy pages alternate PNG and JPEG files."""
    specs = corpus_specs(pages, seed, levels, kinds, record_types, year)
    formats, heavy = [], 0
    for spec in specs:
        heavy += spec.level == "heavy"
        formats.append("jpg" if spec.level == "heavy" and heavy % 2 else "png")
    return _write_all(out_dir, specs, formats, jobs)


def corpus_specs(
    pages: int,
    seed: int,
    levels: Sequence[str] = ("clean", "moderate", "heavy"),
    kinds: Sequence[str] = KINDS,
    record_types: Sequence[str] | None = None,
    year: int | None = None,
) -> list[PageSpec]:
    """Each property is drawn on its own, as shuffled rounds of its values: every value comes about
    equally often, and no two properties move in step (cycling them by page index made every register
    of one run heavy and every heavy register a birth, since the cycle lengths shared factors)."""
    rng = random.Random(seed)
    kind_weights = {"register": 4, "certificate": 5, "cover": 1, "blank": 1, "spread": 1}
    types = list(record_types or RECORD_TYPES)
    register_types = [t for t in types if t in REGISTER_TYPES] or types
    page_levels = _rounds(levels, pages, rng)
    page_kinds = _rounds([k for k in kinds for _ in range(kind_weights.get(k, 1))], pages, rng)
    page_eras = _rounds(list(STYLES_BY_ERA), pages, rng)
    style_picks = _rounds(range(3), pages, rng)
    certificate_types = iter(_rounds(types, pages, rng))
    book_types = iter(_rounds(register_types, pages, rng))
    specs: list[PageSpec] = []
    for index in range(pages):
        kind = page_kinds[index]
        record_type = next(certificate_types) if kind == "certificate" else next(book_types)
        page_year = year or rng.randint(*ERA_YEARS[page_eras[index]])
        style = STYLES_BY_ERA[era_of(page_year)][style_picks[index]]
        page_seed = rng.randrange(2**31)
        level = page_levels[index]
        specs.append(
            PageSpec(index + 1, page_seed, kind, record_type, page_year, level, rng.choice(WARDS), "01", style)
        )
    return specs


def _rounds(values: Sequence[T], count: int, rng: random.Random) -> list[T]:
    """``count`` items: shuffled copies of ``values``, one round after another."""
    out: list[T] = []
    while len(out) < count:
        round_ = list(values)
        rng.shuffle(round_)
        out.extend(round_)
    return out[:count]
