"""Search speed and quality of the embedded index beside the bare engines it could be built on.

    python -m bench.search [--records 1000000] [--seed 11] [--queries 200] [--index-dir DIR]

``--index-dir`` keeps the built index (with its query targets, the peers' rows and the build figures)
in DIR and reuses it on the next run with the same records and seed, so query changes can be measured
without building again (the build figures reported are then those of the run that built it).

Records come from ``synthetic.records.generate_records``. Measured in one run:
  * build: records/s streamed into ``EmbeddedIndex.index`` (record generation time excluded) and the
    peak RSS of the process while building;
  * queries through ``SearchIndex.search``, a mix an officer would type, built from records in the index
    (so the answer is known): folded name, name with diacritics, one OCR-like letter error (+ year),
    names reordered, name + birth year, name + full date, name + filters, name + year with facets and
    highlights. Latency p50/p95/p99 over the mix; recall@5 per kind. A hit ranked above the answer that
    the query cannot tell apart from it (a namesake with the same folded name, and the same year when a
    year was typed) is not held against it;
  * peers on the same records: bare Tantivy (one folded-name field, phrase + year) and bare SQLite FTS5
    (unicode61 remove_diacritics 2, phrase + year): build rate and p95, and our ratios to them.
Prints a markdown table; writes bench/results/search.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil
import tantivy

from indexer.base import IndexDocument, SearchIndex, SearchQuery
from indexer.embedded import EmbeddedIndex
from indexer.projection import key_year
from indexer.text import fold
from synthetic import people
from synthetic.records import generate_records

RESULTS = Path(__file__).parent / "results"
KINDS = ("folded", "exact", "ocr_error_year", "reordered", "name_year", "name_date", "filtered", "faceted")
PRINCIPAL = ("subject_name", "husband_name", "wife_name")


# --- records ------------------------------------------------------------------------------------


def _ward_of(office: str, cache: dict[str, str | None]) -> str | None:
    if office not in cache:
        cache[office] = next((w for w in people.WARDS if office.endswith(w)), None)
    return cache[office]


def documents(count: int, seed: int) -> Iterator[IndexDocument]:
    """The synthetic records as index documents (ids from 1), the ward taken from the registration office."""
    wards: dict[str, str | None] = {}
    for number, record in enumerate(generate_records(count, seed), start=1):
        fields = record["fields"]
        ward = _ward_of(fields.get("registration_office", ""), wards)
        yield IndexDocument(number, 1, record["record_type"], fields, volume_id=1, page_number=1, ward=ward)


class Timed:
    """An iterator that adds up the time its source spends producing items (to leave it out of rates)."""

    def __init__(self, source: Iterable[IndexDocument]) -> None:
        self.source = iter(source)
        self.seconds = 0.0

    def __iter__(self) -> Iterator[IndexDocument]:
        return self

    def __next__(self) -> IndexDocument:
        started = time.perf_counter()
        try:
            return next(self.source)
        finally:
            self.seconds += time.perf_counter() - started


class PeakRss:
    """The highest RSS of this process, sampled every 50 ms while in the ``with`` block."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._process = psutil.Process()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._process.memory_info().rss)
            self._stop.wait(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)


# --- queries ------------------------------------------------------------------------------------


@dataclass
class Target:
    record_id: int
    name: str
    year: int | None
    date: str | None
    record_type: str
    sex: str


@dataclass
class BenchQuery:
    kind: str
    query: SearchQuery
    target: Target
    typed_year: bool


def principal_name(fields: dict[str, str]) -> str:
    return next((fields[n] for n in PRINCIPAL if fields.get(n)), "")


def _ocr_slip(name: str, rng: random.Random) -> str:
    """One letter of one syllable replaced (by another), dropped or doubled, as OCR does."""
    words = name.split()
    i = rng.randrange(len(words))
    word = words[i]
    j = rng.randrange(len(word))
    action = rng.choice(("replace", "drop", "double")) if len(word) > 2 else "replace"
    if action == "replace":
        word = word[:j] + rng.choice([c for c in "cilnoruh" if c != word[j]]) + word[j + 1 :]
    elif action == "drop":
        word = word[:j] + word[j + 1 :]
    else:
        word = word[:j] + word[j] + word[j:]
    words[i] = word
    return " ".join(words)


def build_queries(targets: list[Target], per_kind: int, seed: int) -> list[BenchQuery]:
    rng = random.Random(seed)
    out: list[BenchQuery] = []
    usable = [t for t in targets if t.name and t.year]
    dated = [t for t in usable if t.date and len(t.date) == 10]
    for kind in KINDS:
        pool = dated if kind == "name_date" else usable
        for target in rng.sample(pool, min(per_kind, len(pool))):
            name, folded, year = target.name, fold(target.name), target.year
            words = folded.split()
            typed_year = kind in ("ocr_error_year", "name_year", "name_date", "faceted")
            text = {
                "folded": folded,
                "exact": name,
                "ocr_error_year": f"{_ocr_slip(folded, rng)} {year}",
                "reordered": " ".join(words[-1:] + words[:-1]),
                "name_year": f"{folded} {year}",
                "name_date": folded,
                "filtered": folded,
                "faceted": f"{folded} {year}",
            }[kind]
            query = SearchQuery(text=text, limit=50)
            if kind == "name_date" and target.date and len(target.date) == 10:
                y, m, d = target.date.split("-")
                query.text = f"{folded} {int(d)}/{int(m)}/{y}"
            if kind == "filtered":
                query.record_type = target.record_type
                query.year_from, query.year_to = (year - 2, year + 2) if year else (None, None)
                query.sex = target.sex or None
            if kind == "faceted":
                query.facets = query.highlight = True
            out.append(BenchQuery(kind, query, target, typed_year))
    rng.shuffle(out)
    return out


def _same_to_the_query(hit: IndexDocument, question: BenchQuery) -> bool:
    """A namesake the query cannot tell from the answer: one of its principal names (the subject, the
    husband or the wife) is the answer's name folded, in any order; the same key year if one was typed."""
    wanted = sorted(fold(question.target.name).split())
    if not any(sorted(fold(hit.fields[n]).split()) == wanted for n in PRINCIPAL if hit.fields.get(n)):
        return False
    return not question.typed_year or key_year(hit) == question.target.year


def recall_rank(hits: list[IndexDocument], question: BenchQuery, total: int) -> int | None:
    """Rank of the answer counting only hits above it that the query could tell apart from it (when the
    list is all namesakes and more matched than it holds, the answer is among them: rank 1)."""
    above = 0
    for hit in hits:
        if hit.record_id == question.target.record_id:
            return above + 1
        if not _same_to_the_query(hit, question):
            above += 1
    return 1 if hits and above == 0 and total > len(hits) else None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


# --- our index ----------------------------------------------------------------------------------


@dataclass
class Run:
    records: int
    build_seconds: float = 0.0
    generate_seconds: float = 0.0
    peak_rss: int = 0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    strict: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    tied: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    load: dict[str, float] = field(default_factory=dict)  # 1-minute load average at each stage
    build_reused: bool = False


def build_embedded(path: Path, count: int, seed: int, sample_every: int, peers_file: Path) -> tuple[Run, list[Target]]:
    """Stream the records into the index; keep every ``sample_every``-th as a query target and write the
    folded principal name and key year of each record to ``peers_file`` for the bare engines."""
    run = Run(count)
    targets: list[Target] = []
    index = EmbeddedIndex(path)
    with peers_file.open("w", encoding="utf-8") as peers:

        def tapped() -> Iterator[IndexDocument]:
            for document in documents(count, seed):
                year = key_year(document)
                peers.write(f"{document.record_id}\t{fold(principal_name(document.fields))}\t{year or 0}\n")
                if document.record_id % sample_every == 0:
                    fields = document.fields
                    date = fields.get("date_of_birth") if document.record_type not in ("marriage", "death") else None
                    targets.append(
                        Target(
                            document.record_id,
                            principal_name(fields),
                            year,
                            date,
                            document.record_type,
                            fields.get("sex", ""),
                        )
                    )
                yield document

        source = Timed(tapped())
        run.load["build_start"] = os.getloadavg()[0]
        with PeakRss() as rss:
            started = time.perf_counter()
            index.index(source)
            total = time.perf_counter() - started
    run.load["build_end"] = os.getloadavg()[0]
    run.generate_seconds = source.seconds
    run.build_seconds = total - source.seconds
    run.peak_rss = rss.peak
    index.close()
    return run, targets


def query_embedded(index: SearchIndex, questions: list[BenchQuery], run: Run) -> None:
    for question in questions[: min(50, len(questions))]:  # warm the caches
        index.search(question.query)
    for question in questions:
        started = time.perf_counter()
        result = index.search(question.query)
        run.latencies[question.kind].append((time.perf_counter() - started) * 1000)
        hits = [h.document for h in result.hits]
        rank = recall_rank(hits, question, result.total)
        run.tied[question.kind].append(rank is not None and rank <= 5)
        run.strict[question.kind].append(question.target.record_id in [h.record_id for h in hits[:5]])


# --- peers --------------------------------------------------------------------------------------


def _peer_rows(peers_file: Path) -> Iterator[tuple[int, str, int]]:
    with peers_file.open(encoding="utf-8") as rows:
        for line in rows:
            record_id, name, year = line.rstrip("\n").split("\t")
            yield int(record_id), name, int(year)


def _name_year(questions: list[BenchQuery]) -> list[BenchQuery]:
    return [q for q in questions if q.kind == "name_year"]


def peer_tantivy(folder: Path, peers_file: Path, questions: list[BenchQuery]) -> dict[str, float]:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, fast=True)
    builder.add_text_field("name")
    builder.add_text_field("year", tokenizer_name="raw")
    schema = builder.build()
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(256 * 1024 * 1024, 2)
    rows = 0
    started = time.perf_counter()
    for record_id, name, year in _peer_rows(peers_file):
        document = tantivy.Document()
        document.add_unsigned("id", record_id)
        document.add_text("name", name)
        document.add_text("year", str(year))
        writer.add_document(document)
        rows += 1
    writer.commit()
    writer.wait_merging_threads()
    build = time.perf_counter() - started
    index.reload()
    searcher = index.searcher()
    latencies = []
    for question in _name_year(questions):
        target = question.target
        started = time.perf_counter()
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.phrase_query(schema, "name", list(fold(target.name).split()))),
                (tantivy.Occur.Must, tantivy.Query.term_query(schema, "year", str(target.year))),
            ]
        )
        hits = searcher.search(query, limit=20).hits
        [searcher.doc(address)["id"][0] for _, address in hits]
        latencies.append((time.perf_counter() - started) * 1000)
    return {"build_rate": rows / build, "p95_ms": percentile(latencies, 95), "p50_ms": percentile(latencies, 50)}


def peer_fts5(database: Path, peers_file: Path, questions: list[BenchQuery]) -> dict[str, float]:
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE VIRTUAL TABLE names USING fts5(name, year, tokenize='unicode61 remove_diacritics 2')")
    started = time.perf_counter()
    rows = 0
    batch: list[tuple[int, str, str]] = []
    for record_id, name, year in _peer_rows(peers_file):
        batch.append((record_id, name, str(year)))
        if len(batch) == 10_000:
            connection.executemany("INSERT INTO names(rowid, name, year) VALUES (?, ?, ?)", batch)
            rows += len(batch)
            batch.clear()
    connection.executemany("INSERT INTO names(rowid, name, year) VALUES (?, ?, ?)", batch)
    rows += len(batch)
    connection.commit()
    build = time.perf_counter() - started
    latencies = []
    for question in _name_year(questions):
        target = question.target
        match = f'name:"{fold(target.name)}" AND year:{target.year}'
        started = time.perf_counter()
        connection.execute("SELECT rowid FROM names WHERE names MATCH ? ORDER BY rank LIMIT 20", (match,)).fetchall()
        latencies.append((time.perf_counter() - started) * 1000)
    connection.close()
    return {"build_rate": rows / build, "p95_ms": percentile(latencies, 95), "p50_ms": percentile(latencies, 50)}


# --- report -------------------------------------------------------------------------------------


def summarise(run: Run, peers: dict[str, dict[str, float]]) -> dict[str, Any]:
    everything = [ms for values in run.latencies.values() for ms in values]
    kinds = {
        kind: {
            "queries": len(run.latencies[kind]),
            "p50_ms": round(percentile(run.latencies[kind], 50), 2),
            "p95_ms": round(percentile(run.latencies[kind], 95), 2),
            "recall_at_5": round(statistics.fmean(run.tied[kind]), 4) if run.tied[kind] else 0.0,
            "strict_recall_at_5": round(statistics.fmean(run.strict[kind]), 4) if run.strict[kind] else 0.0,
        }
        for kind in KINDS
    }
    build_rate = run.records / run.build_seconds if run.build_seconds else 0.0
    p95 = percentile(everything, 95)
    return {
        "records": run.records,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "tantivy": version("tantivy")},
        "build": {
            "records_per_s": round(build_rate),
            "seconds": round(run.build_seconds, 1),
            "generation_seconds_excluded": round(run.generate_seconds, 1),
            "peak_rss_mb": round(run.peak_rss / 2**20),
            "reused_from_an_earlier_run": run.build_reused,
        },
        "latency_ms": {
            "p50": round(percentile(everything, 50), 2),
            "p95": round(p95, 2),
            "p99": round(percentile(everything, 99), 2),
        },
        "kinds": kinds,
        "peers": {
            name: {k: round(v, 2) for k, v in figures.items()}
            | {
                "our_build_rate_ratio": round(build_rate / figures["build_rate"], 2),
                "our_p95_ratio": round(p95 / figures["p95_ms"], 2) if figures["p95_ms"] else 0.0,
            }
            for name, figures in peers.items()
        },
        "load_average_1min": run.load,
        "targets": {"build_records_per_s": 20_000, "peak_rss_mb": 1536, "p95_ms": 10, "p99_ms": 30, "recall": 0.98},
    }


def markdown(summary: dict[str, Any]) -> str:
    build, latency = summary["build"], summary["latency_ms"]
    lines = [
        f"### Search on {summary['records']:,} synthetic records",
        "",
        "| measure | hotich embedded | target |",
        "|---|---|---|",
        f"| build rate | {build['records_per_s']:,} records/s | ≥ 20,000 |",
        f"| peak RSS while building | {build['peak_rss_mb']:,} MB | ≤ 1,536 MB |",
        f"| latency p50 / p95 / p99 | {latency['p50']} / {latency['p95']} / {latency['p99']} ms | p95 ≤ 10, p99 ≤ 30 |",
        "",
        "Load average (1 min, on {} cores): {}{}".format(
            summary["machine"]["cpus"],
            ", ".join(f"{stage} {value:.1f}" for stage, value in summary["load_average_1min"].items()),
            " (the index and its build figures reused from an earlier run)"
            if build["reused_from_an_earlier_run"]
            else "",
        ),
        "",
        "| query kind | queries | p50 ms | p95 ms | recall@5 (namesakes tied) | recall@5 (strict) |",
        "|---|---|---|---|---|---|",
    ]
    for kind, row in summary["kinds"].items():
        lines.append(
            f"| {kind} | {row['queries']} | {row['p50_ms']} | {row['p95_ms']} | {row['recall_at_5']:.3f} "
            f"| {row['strict_recall_at_5']:.3f} |"
        )
    lines += ["", "| peer (name phrase + year) | build records/s | p95 ms | ours ÷ peer: build | ours ÷ peer: p95 |"]
    lines.append("|---|---|---|---|---|")
    for name, row in summary["peers"].items():
        lines.append(
            f"| {name} | {row['build_rate']:,.0f} | {row['p95_ms']} | {row['our_build_rate_ratio']} "
            f"| {row['our_p95_ratio']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--workdir", type=Path, default=None, help="where the indexes are built (a temp dir)")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--index-dir", type=Path, default=None, help="keep the built index here; reuse it if built")
    parser.add_argument("--results", type=Path, default=RESULTS / "search.json", help="where the JSON goes")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="hotich-bench-search-", dir=args.workdir))
    try:
        sample_every = max(1, args.records // (args.queries * 4))
        kept = args.index_dir
        built = kept / "bench-build.json" if kept else None
        identity = {"records": args.records, "seed": args.seed, "sample_every": sample_every}
        peers_file = (kept or workdir) / "peers.tsv"
        index_dir = kept / "embedded" if kept else workdir / "embedded"
        if built and built.exists() and json.loads(built.read_text())["identity"] == identity:
            saved = json.loads(built.read_text())
            run = Run(args.records, saved["build_seconds"], saved["generate_seconds"], saved["peak_rss"])
            run.load, run.build_reused = dict(saved.get("load", {})), True
            targets = [Target(**t) for t in saved["targets"]]
        else:
            if kept:
                shutil.rmtree(index_dir, ignore_errors=True)
                kept.mkdir(parents=True, exist_ok=True)
            run, targets = build_embedded(index_dir, args.records, args.seed, sample_every, peers_file)
            if built:
                saved = {
                    "identity": identity,
                    "build_seconds": run.build_seconds,
                    "generate_seconds": run.generate_seconds,
                    "peak_rss": run.peak_rss,
                    "load": run.load,
                    "targets": [dataclasses.asdict(t) for t in targets],
                }
                built.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
        questions = build_queries(targets, args.queries, args.seed)
        index = EmbeddedIndex(index_dir)
        run.load["queries_start"] = os.getloadavg()[0]
        query_embedded(index, questions, run)
        run.load["queries_end"] = os.getloadavg()[0]
        index.close()
        peers: dict[str, dict[str, float]] = {}
        if not args.no_peers:
            runs: dict[str, Callable[[], dict[str, float]]] = {
                "bare Tantivy": lambda: peer_tantivy(_fresh_dir(workdir / "tantivy"), peers_file, questions),
                "bare SQLite FTS5": lambda: peer_fts5(workdir / "fts5.sqlite3", peers_file, questions),
            }
            peers = {name: measure() for name, measure in runs.items()}
            run.load["peers_end"] = os.getloadavg()[0]
        summary = summarise(run, peers)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(markdown(summary))
    return summary


def _fresh_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


if __name__ == "__main__":
    main()
