"""The embedded search backend: a Tantivy index in a folder, no server.

Why Tantivy (bench/search.py, 1M synthetic records, 2 cores shared with other jobs, two runs): bare
Tantivy built at 161k–244k records/s and answered a name phrase + year in 4.4 ms p95; bare SQLite FTS5
built at 103k–125k records/s and took 32–41 ms p95: 7–9 times slower, with no fuzzy matching or facets.
Tantivy has fuzzy term queries (OCR slips), positions (names in order), fast fields and aggregations
(facets) built in; FTS5 would need all three written by hand. paperless-ngx made the same move.

What is indexed (``_to_tantivy``): the principal names (subject, husband, wife) twice — lower case with
diacritics and one tone placement (``persons``, for exact matches, which rank first) and folded by
Tantivy's ASCII-folding analyzer (``persons_folded``, same terms as ``indexer.text.fold``) — plus each
name's folded syllables sorted (``name_keys``: the whole name typed in any order), every date as YYYY,
YYYY-MM and in full, the key year, and folded parents' names, ward and sex for filters. The record itself
is stored compactly (``encode_source``). How it is searched: ``EmbeddedIndex.search``.

Layout: ``<index_dir>/CURRENT`` names the live generation folder (``gen-000001``…). A rebuild writes a
new generation beside it and swaps CURRENT atomically, so a search never sees a half-built index.
Several processes share the folder: a web server reads while ``hotich ingest`` writes. Tantivy allows
one writer at a time, so a writer is held only for the length of one bulk write, and a second writer
waits for the lock instead of failing; readers look at meta.json and CURRENT before each request.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import tantivy

from hotich.domain import DATE_FIELDS
from hotich.errors import SearchBackendError
from indexer.base import IndexDocument, SearchHit, SearchIndex, SearchQuery, SearchResult
from indexer.projection import PRINCIPAL_NAMES, highlight, key_year, name_key
from indexer.query import ParsedQuery, parse_query
from indexer.text import exact_form, fold, tokens

WRITER_HEAP = 256 * 1024 * 1024
WRITER_THREADS = 2
LOCK_WAIT_SECONDS = 120.0
BATCH = 10_000

Occur = tantivy.Occur
Query = tantivy.Query


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("revision", stored=True, fast=True)
    builder.add_bytes_field("source", stored=True)
    for name in ("record_type", "ward", "sex", "status"):  # as written, for facets
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_text_field("ward_key", tokenizer_name=FOLD_WHOLE, index_option="basic")  # folded, for filters
    builder.add_text_field("sex_key", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("key_year", indexed=True, fast=True)
    builder.add_text_field("dates", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("persons", index_option="freq")
    # Folded by Tantivy itself (on its indexing threads, off the Python thread); positions kept on the
    # principal names: names typed in order earn a bonus.
    builder.add_text_field("persons_folded", tokenizer_name=FOLD)
    builder.add_text_field("name_keys", tokenizer_name="raw", index_option="basic")
    for name in ("father_folded", "mother_folded"):
        builder.add_text_field(name, tokenizer_name=FOLD, index_option="freq")
    return builder.build()


FOLD, FOLD_WHOLE = "vi_fold", "vi_fold_whole"


def _register_analyzers(index: tantivy.Index) -> None:
    """Words lower-cased and ASCII-folded (Lucene's folding: ễ → e, đ → d), the same terms as
    ``indexer.text.fold`` gives the query (tests/indexer/test_text.py checks it)."""
    for name, tokenizer in ((FOLD, tantivy.Tokenizer.simple()), (FOLD_WHOLE, tantivy.Tokenizer.raw())):
        analyzer = (
            tantivy.TextAnalyzerBuilder(tokenizer)
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build()
        )
        index.register_tokenizer(name, analyzer)


SCHEMA = _schema()


class EmbeddedIndex(SearchIndex):
    def __init__(self, path: Path) -> None:
        self.root = Path(path)
        self.root.mkdir(parents=True, exist_ok=True)
        self._generation = ""
        self._meta_mtime = 0.0
        self._open()

    # --- files and generations --------------------------------------------------------------

    def _current(self) -> str:
        pointer = self.root / "CURRENT"
        if pointer.exists():
            return pointer.read_text(encoding="utf-8").strip()
        first = "gen-000001"
        (self.root / first).mkdir(exist_ok=True)
        self._point_to(first)
        return first

    def _point_to(self, generation: str) -> None:
        temporary = self.root / f".CURRENT.{os.getpid()}"
        temporary.write_text(generation, encoding="utf-8")
        os.replace(temporary, self.root / "CURRENT")

    def _open(self) -> None:
        self._generation = self._current()
        folder = self.root / self._generation
        if not folder.exists():  # swapped out between reading CURRENT and opening: look again
            time.sleep(0.05)
            self._generation = self._current()
            folder = self.root / self._generation
            folder.mkdir(exist_ok=True)
        try:
            self._index = tantivy.Index(SCHEMA, path=str(folder), reuse=True)
            _register_analyzers(self._index)
        except ValueError as error:
            raise SearchBackendError(f"the search index at {folder} can't be opened: {error}") from error
        self._meta_mtime = self._meta_time()

    def _meta_time(self) -> float:
        meta = self.root / self._generation / "meta.json"
        return meta.stat().st_mtime if meta.exists() else 0.0

    def _fresh(self) -> None:
        """See what other processes committed or swapped in since we last looked (two stats)."""
        pointer = self.root / "CURRENT"
        if pointer.exists() and pointer.read_text(encoding="utf-8").strip() != self._generation:
            self._open()
        elif self._meta_time() != self._meta_mtime:
            self._meta_mtime = self._meta_time()
            self._index.reload()

    def _writer(self, index: tantivy.Index | None = None) -> Any:
        """The index's single writer, waiting while another process holds it."""
        target = index or self._index
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                return target.writer(WRITER_HEAP, WRITER_THREADS)
            except ValueError as error:
                if "lock" not in str(error).lower() or time.monotonic() > deadline:
                    raise SearchBackendError(f"the search index is busy: {error}") from error
                time.sleep(0.2)

    # --- writing ----------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> int:
        written = 0
        with self._writing() as writer:
            empty = self._index.searcher().num_docs == 0
            pending: dict[int, int] = {}  # record -> revision written by this call, not yet committed
            for batch in _batches(documents, BATCH):
                newest: dict[int, IndexDocument] = {}
                for document in batch:
                    kept = newest.get(document.record_id)
                    if kept is None or document.revision >= kept.revision:
                        newest[document.record_id] = document
                held = {} if empty else self._revisions([i for i in newest if i not in pending])
                held.update((i, r) for i, r in pending.items() if i in newest)
                # An older revision never overwrites a newer one.
                fresh = [d for d in newest.values() if held.get(d.record_id, -1) <= d.revision]
                replaced = [d.record_id for d in fresh if d.record_id in held]
                if replaced:
                    writer.delete_documents_by_query(Query.term_set_query(SCHEMA, "id", replaced))
                for document in fresh:
                    writer.add_document(_to_tantivy(document))
                    pending[document.record_id] = document.revision
                written += len(fresh)
        return written

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        """The live generation's writer for one write: committed on success, released afterwards."""
        self._fresh()
        writer = self._writer()
        while self._current() != self._generation:  # a rebuild swapped generations while we waited
            del writer
            self._open()
            writer = self._writer()
        try:
            yield writer
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
            del writer
        self._index.reload()
        self._meta_mtime = self._meta_time()

    def _revisions(self, record_ids: list[int]) -> dict[int, int]:
        searcher = self._index.searcher()
        query = Query.term_set_query(SCHEMA, "id", record_ids)
        found = searcher.search(query, limit=len(record_ids), count=False).hits
        out: dict[int, int] = {}
        for _, address in found:
            stored = searcher.doc(address)
            out[int(stored["id"][0])] = int(stored["revision"][0])
        return out

    def delete(self, record_ids: Iterable[int]) -> None:
        with self._writing() as writer:
            wanted = [int(i) for i in record_ids]
            if wanted:
                writer.delete_documents_by_query(Query.term_set_query(SCHEMA, "id", wanted))

    def clear(self) -> None:
        with self._writing() as writer:
            writer.delete_all_documents()

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Build a new generation beside the live one, then swap it in. The live generation's writer is
        held meanwhile, so other writers wait for the new generation instead of writing to the old."""
        self._fresh()
        live_writer = self._writer()
        try:
            number = int(self._generation.rsplit("-", 1)[1]) + 1
            generation = f"gen-{number:06d}"
            folder = self.root / generation
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            index = tantivy.Index(SCHEMA, path=str(folder), reuse=False)
            _register_analyzers(index)
            newest: dict[int, int] = {}
            writer = self._writer(index)
            try:
                for document in documents:
                    if newest.get(document.record_id, -1) > document.revision:
                        continue
                    if document.record_id in newest:
                        writer.delete_documents_by_query(Query.term_query(SCHEMA, "id", document.record_id))
                    newest[document.record_id] = document.revision
                    writer.add_document(_to_tantivy(document))
                writer.commit()
            finally:
                writer.wait_merging_threads()
                del writer
            del index
            self._point_to(generation)
        finally:
            live_writer.rollback()
            live_writer.wait_merging_threads()
            del live_writer
        self._open()
        for stale in self.root.glob("gen-*"):
            if stale.name != generation:
                shutil.rmtree(stale, ignore_errors=True)
        return len(newest)

    def refresh(self) -> None:
        self._fresh()
        self._index.reload()

    # --- reading ----------------------------------------------------------------------------

    def count(self) -> int:
        self._fresh()
        return int(self._index.searcher().num_docs)

    def get(self, record_id: int) -> IndexDocument | None:
        self._fresh()
        searcher = self._index.searcher()
        hits = searcher.search(Query.term_query(SCHEMA, "id", int(record_id)), limit=1, count=False).hits
        return _from_stored(searcher.doc(hits[0][1])) if hits else None

    def search(self, query: SearchQuery) -> SearchResult:
        """Ranked in tiers: with a typed year or date, the names matching exactly, then one edit away, then
        with one syllable missing, each among records with that date; then the same three without the
        date (which still boosts). A looser tier runs only while the tighter ones matched few records, so
        an officer sees slips only when exact matches are scarce, and common names stay fast."""
        started = time.perf_counter()
        self._fresh()
        searcher = self._index.searcher()
        parsed = parse_query(query.text)
        filters = _filters(query)
        wanted = query.offset + query.limit
        unknown = frozenset(f for f in parsed.folded_tokens if not searcher.doc_freq("persons_folded", f))
        names = {level: _name_query(parsed, level, unknown) for level in (EXACT, FUZZY, RELAXED)}
        levels = [EXACT, FUZZY] + ([RELAXED] if len(parsed.folded_tokens) >= 3 else [])
        if names[EXACT] is None:
            levels = [EXACT]  # no name typed: filters and dates only
        dated = _date_requirement(parsed) if names[EXACT] is not None else None
        collected: dict[int, tuple[int, float, Any]] = {}  # doc key -> (tier, score, address)
        counts: dict[tuple[int, bool], int] = {}  # (level, dated) -> matches

        def run(tier: int, level: int, required: Query | None) -> None:
            result = searcher.search(_combine(names[level], parsed, filters, required), limit=wanted, count=True)
            counts[level, required is not None] = int(getattr(result, "count", 0) or 0)  # (missing from stubs)
            for score, address in result.hits:
                key = address.segment_ord << 32 | address.doc
                if key not in collected or tier < collected[key][0]:
                    collected[key] = (tier, float(score), address)

        plan = [(level, True) for level in levels if dated is not None] + [(level, False) for level in levels]
        for tier, (level, with_date) in enumerate(plan):
            if (level, with_date) != (EXACT, False) and max(counts.values(), default=0) >= ENOUGH:
                continue  # enough close matches; the exact undated query still runs, for the total
            run(tier, level, dated if with_date else None)
        undated = max(level for level, with_date in counts if not with_date)
        total = counts[undated, False]
        counted = _combine(names[undated], parsed, filters, None)
        broadest_dated = max((level for level, with_date in counts if with_date), default=-1)
        if dated is not None and broadest_dated > undated:
            total += counts[broadest_dated, True] - counts[undated, True]
            broad, base = names[broadest_dated], names[undated]
            if broad is not None and base is not None:
                either = Query.boolean_query([(Occur.Should, base), (Occur.Should, _and(broad, dated))])
                counted = _combine(either, parsed, filters, None)
        ranked = sorted(collected.values(), key=lambda item: (item[0], -item[1]))
        out: list[SearchHit] = []
        folded = parsed.folded_tokens
        shown = float("inf")
        for tier, score, address in ranked[query.offset : wanted]:
            document = _from_stored(searcher.doc(address))
            marks = highlight(document, folded) if query.highlight else {}
            shown = min(shown, score / (1 + tier))  # scores fall with the tiers, as the order does
            out.append(SearchHit(document.record_id, shown, document, marks))
        facets = _facets(searcher, counted) if query.facets else {}
        return SearchResult(out, max(total, len(ranked)), facets, (time.perf_counter() - started) * 1000)

    def close(self) -> None:
        del self._index


# --- documents ----------------------------------------------------------------------------------


def _to_tantivy(document: IndexDocument) -> tantivy.Document:
    """What this backend indexes of a record (a lean ``projection.view``: names, dates, facets)."""
    document = document.normalised()
    fields = document.fields
    principal = [fields[n] for n in PRINCIPAL_NAMES if fields.get(n)]
    sex = fields.get("sex", "")
    doc = tantivy.Document()
    doc.add_unsigned("id", document.record_id)
    doc.add_unsigned("revision", document.revision)
    doc.add_bytes("source", encode_source(document))
    doc.add_text("record_type", document.record_type)
    doc.add_text("ward", document.ward or "")
    doc.add_text("sex", sex)
    doc.add_text("status", document.status)
    doc.add_text("ward_key", document.ward or "")
    doc.add_text("sex_key", sex_key(sex))
    year = key_year(document)
    if year is not None:
        doc.add_integer("key_year", year)
    for date in _dates(fields):
        doc.add_text("dates", date)
    joined = " ".join(principal)
    doc.add_text("persons", exact_form(joined))
    doc.add_text("persons_folded", joined)
    doc.add_text("father_folded", fields.get("father_name", ""))
    doc.add_text("mother_folded", fields.get("mother_name", ""))
    for name in principal:
        doc.add_text("name_keys", name_key(name))
    return doc


_NUL, _NONE = "\x00", "\x01"  # neither can be in a catalog text (PostgreSQL refuses NUL in text)
_SCALARS = ("record_type", "volume_id", "page_number", "ward", "register_type", "volume_year", "book_number", "image")


def encode_source(document: IndexDocument) -> bytes:
    """The stored document, NUL-separated: version, id, revision, status, the optional scalars, then field
    names and values. A third of the time of JSON, and a build spends its time here."""
    parts = ["1", str(document.record_id), str(document.revision), document.status]
    for name in _SCALARS:
        value = getattr(document, name)
        parts.append(_NONE if value is None else str(value))
    for name, value in document.fields.items():
        parts += (name, value)
    return _NUL.join(parts).encode("utf-8")


def decode_source(data: bytes) -> IndexDocument:
    parts = data.decode("utf-8").split(_NUL)
    if parts[0] != "1":
        raise SearchBackendError("the search index was written by a newer version: run `hotich reindex`")
    scalars = [None if p == _NONE else p for p in parts[4 : 4 + len(_SCALARS)]]
    record_type, volume_id, page_number, ward, register_type, volume_year, book_number, image = scalars
    rest = parts[4 + len(_SCALARS) :]
    return IndexDocument(
        record_id=int(parts[1]),
        revision=int(parts[2]),
        record_type=record_type or "",
        fields=dict(zip(rest[::2], rest[1::2], strict=True)),
        volume_id=_int(volume_id),
        page_number=_int(page_number),
        ward=ward,
        register_type=register_type,
        volume_year=_int(volume_year),
        book_number=book_number,
        image=image,
        status=parts[3],
    )


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _dates(fields: dict[str, str]) -> set[str]:
    """Every date of the record as YYYY, YYYY-MM and in full (what a typed year or date matches)."""
    out: set[str] = set()
    for name in DATE_FIELDS:
        value = fields.get(name)
        if value and value[:4].isdigit():
            out.update((value[:4], value[:7], value) if len(value) >= 7 else (value[:4],))
    return out


def _from_stored(stored: tantivy.Document) -> IndexDocument:
    return decode_source(bytes(stored["source"][0]))


def _batches(documents: Iterable[IndexDocument], size: int) -> Iterator[list[IndexDocument]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


# --- queries ------------------------------------------------------------------------------------


def _token_query(exact: str, folded: str, typed_diacritics: bool, fuzzy: bool) -> Query:
    """One typed syllable against the principal names: exact form first, folded, then one edit away."""
    options = [Query.boost_query(Query.term_query(SCHEMA, "persons_folded", folded), 4.0)]
    if typed_diacritics and exact != folded:
        options.append(Query.boost_query(Query.term_query(SCHEMA, "persons", exact), 8.0))
    if fuzzy:
        options.append(Query.boost_query(Query.fuzzy_term_query(SCHEMA, "persons_folded", folded, 1), 1.5))
    return options[0] if len(options) == 1 else Query.disjunction_max_query(options, 0.1)


EXACT, FUZZY, RELAXED = 0, 1, 2  # how loosely a name query matches
FUZZY_MIN_LETTERS = 3  # one edit on "le", "ha" would match most short syllables...
ENOUGH = 10  # a looser tier runs only while the tighter ones matched fewer records than this


def _name_query(parsed: ParsedQuery, level: int, unknown: frozenset[str] = frozenset()) -> Query | None:
    """All syllables (``EXACT``: folded or exact; ``FUZZY``: also one edit away, for syllables of three
    letters or more, or any the index has never seen, which can only be slips), or ``RELAXED``: all but
    any one (a slip too damaged to match, or in a short syllable edit distance skips: Lê, Hà, Thị, Văn),
    near misses of the missing one ranked first. Names typed in the written order, or the whole name in
    any order, earn a bonus."""
    pairs = [(e, f) for e, f in zip(parsed.name_tokens, parsed.folded_tokens, strict=True) if f]
    if not pairs:
        return None
    may_slip = [len(f) >= FUZZY_MIN_LETTERS or (f in unknown and len(f) >= 2) for _, f in pairs]
    tokens = [
        _token_query(e, f, parsed.has_diacritics, level == FUZZY and slip)
        for (e, f), slip in zip(pairs, may_slip, strict=True)
    ]
    folded = [f for _, f in pairs]
    bonus: list[tuple[Any, Query]] = [
        (Occur.Should, Query.boost_query(Query.term_query(SCHEMA, "name_keys", " ".join(sorted(folded))), 6.0))
    ]
    if level == RELAXED:
        leave_one_out = [_and(*(q for j, q in enumerate(tokens) if j != i)) for i in range(len(tokens))]
        core = Query.boolean_query([(Occur.Should, q) for q in leave_one_out])
        bonus += [
            (Occur.Should, Query.fuzzy_term_query(SCHEMA, "persons_folded", f, 1))
            for f, slip in zip(folded, may_slip, strict=True)
            if slip
        ]
    else:
        core = _and(*tokens)
    if len(folded) >= 2:
        words: list[str | tuple[int, str]] = list(folded)
        phrase = Query.phrase_query(SCHEMA, "persons_folded", words, slop=1)
        bonus.append((Occur.Should, Query.boost_query(phrase, 2.0)))
    return Query.boolean_query([(Occur.Must, core), *bonus])


def _and(*queries: Query) -> Query:
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def _date_requirement(parsed: ParsedQuery) -> Query | None:
    """Any of the typed dates or years among the record's dates (birth, registration, death, spouses)."""
    wanted = [*parsed.dates, *(str(y) for y in parsed.years)]
    if not wanted:
        return None
    return Query.boolean_query([(Occur.Should, Query.term_query(SCHEMA, "dates", d)) for d in wanted])


def _combine(names: Query | None, parsed: ParsedQuery, filters: list[Query], required: Query | None) -> Query:
    clauses: list[tuple[Any, Query]] = [(Occur.Must, f) for f in filters]
    if names is not None:
        clauses.append((Occur.Must, names))
    if required is not None:
        clauses.append((Occur.Must, required))
    for year in parsed.years:
        clauses.append((Occur.Should, Query.boost_query(Query.term_query(SCHEMA, "dates", str(year)), 3.0)))
        key = Query.term_query(SCHEMA, "key_year", year)  # a term: a range on the fast field scans every record
        clauses.append((Occur.Should, Query.const_score_query(key, 2.0)))
    for date in parsed.dates:
        clauses.append((Occur.Should, Query.boost_query(Query.term_query(SCHEMA, "dates", date), 4.0)))
    if names is None and not filters:
        if not parsed.years and not parsed.dates:
            return Query.all_query()
        clauses.append((Occur.Must, _date_requirement(parsed) or Query.all_query()))  # only a date was typed
    elif names is None and not parsed.years and not parsed.dates:
        clauses.append((Occur.Should, Query.all_query()))
    return Query.boolean_query(clauses)


def _person_filter(field: str, name: str) -> Query:
    """Every syllable of a parent's name, folded, one edit allowed on syllables of four letters or more."""
    musts = []
    for part in (fold(t) for t in tokens(name)):
        term = Query.term_query(SCHEMA, field, part)
        if len(part) >= 4:
            term = Query.boolean_query(
                [(Occur.Should, term), (Occur.Should, Query.fuzzy_term_query(SCHEMA, field, part, 1))]
            )
        musts.append((Occur.Must, term))
    return Query.boolean_query(musts)


_SEX = {"nam": "nam", "male": "nam", "m": "nam", "nu": "nu", "female": "nu", "f": "nu"}


@lru_cache(maxsize=256)
def sex_key(value: str) -> str:
    """ "Nữ", "nu", "female", "F" → "nu"; "Nam", "male", "M" → "nam"; anything else folded."""
    folded = fold(value)
    return _SEX.get(folded, folded)


def _filters(query: SearchQuery) -> list[Query]:
    filters: list[Query] = []
    if query.record_type:
        filters.append(Query.term_query(SCHEMA, "record_type", query.record_type))
    if query.ward:
        filters.append(Query.term_query(SCHEMA, "ward_key", fold(query.ward)))
    if query.sex:
        filters.append(Query.term_query(SCHEMA, "sex_key", sex_key(query.sex)))
    if query.year_from is not None or query.year_to is not None:
        filters.append(Query.range_query(SCHEMA, "key_year", tantivy.FieldType.Integer, query.year_from, query.year_to))
    if query.father_name:
        filters.append(_person_filter("father_folded", query.father_name))
    if query.mother_name:
        filters.append(_person_filter("mother_folded", query.mother_name))
    return filters


def _facets(searcher: tantivy.Searcher, query: Query) -> dict[str, dict[str, int]]:
    spec = {
        "record_type": {"terms": {"field": "record_type", "size": 20}},
        "ward": {"terms": {"field": "ward", "size": 50}},
        "sex": {"terms": {"field": "sex", "size": 5}},
        "decade": {"histogram": {"field": "key_year", "interval": 10}},
    }
    result = searcher.aggregate(query, spec)
    facets: dict[str, dict[str, int]] = {}
    for name, body in result.items():
        buckets = body.get("buckets", [])
        values = {str(int(b["key"])) if name == "decade" else str(b["key"]): int(b["doc_count"]) for b in buckets}
        facets[name] = {k: v for k, v in values.items() if v and k}
    return facets
