"""The embedded search backend: a Tantivy index in a folder, no server.

Why Tantivy (bench/search.py, 1M synthetic records, 2 cores shared with other jobs, three runs): bare
Tantivy built at 161k–244k records/s and answered a name phrase + year in 0.7–4.4 ms p95; bare SQLite
FTS5 built at 103k–125k records/s and took 32–45 ms p95, with no fuzzy matching or facets. This backend,
on the bench's whole query mix (50 hits with their records, slips, filters, facets, highlights), in the
same run as the last figures above: 3.4 / 11.1 / 14.2 ms p50 / p95 / p99 at a load average of 6 on the
2 cores (bench/results/search.json).
Tantivy has fuzzy term queries (OCR slips), positions (names in order), fast fields and aggregations
(facets) built in; FTS5 would need all three written by hand. paperless-ngx made the same move.

What is indexed (``_to_tantivy``): the principal names (subject, husband, wife) twice — lower case with
diacritics and one tone placement (``persons``, for exact matches, which rank first) and folded by
Tantivy's ASCII-folding analyzer (``persons_folded``, same terms as ``indexer.text.fold``) — plus each
name's folded syllables sorted and, prefixed "=", in their written order (``name_keys``: the whole name
typed in any order, or in order), every date as YYYY,
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
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import Any

import tantivy

from hotich.domain import DATE_FIELDS
from hotich.errors import SearchBackendError
from indexer.base import IndexDocument, SearchHit, SearchIndex, SearchQuery, SearchResult
from indexer.projection import PRINCIPAL_NAMES, highlight, key_year
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
        self._near: dict[str, list[str]] = {}  # syllable -> known syllables one edit away, until a reload
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
        self._near = {}

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
            self._reload()

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
        self._reload()
        self._meta_mtime = self._meta_time()

    def _reload(self) -> None:
        self._index.reload()
        self._near = {}

    def _revisions(self, record_ids: list[int]) -> dict[int, int]:
        """The indexed revision of each record already in the index (from the fast fields: reading the
        stored records took ten times as long)."""
        if not record_ids:
            return {}  # (Tantivy refuses a limit of 0)
        searcher = self._index.searcher()
        query = Query.term_set_query(SCHEMA, "id", record_ids)
        found = [address for _, address in searcher.search(query, limit=len(record_ids), count=False).hits]
        ids = searcher.fast_field_values("id", found)
        revisions = searcher.fast_field_values("revision", found)
        return {int(i): int(r) for i, r in zip(ids, revisions, strict=True) if i is not None and r is not None}

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
        self._reload()

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
        """One scale of constant scores instead of BM25 (``TOKEN``…``FULL_DATE``): a record with a typed
        year or date ranks above every record without it, its key year above another of its dates; then
        the whole name (in any order; in order a little more) above a part of a longer name; each
        syllable found counts, typed diacritics found as typed a little more, a syllable one OCR slip
        away a little less. Passes, each excluding what the earlier ones matched, so totals and facets
        add up: the names exactly; while fewer than ``ENOUGH`` records match closely (all the names;
        with a typed date, the whole name with it as key date), whole names with one syllable slipped,
        the readings more records bear first; while none does, parts of longer names with one syllable
        slipped, then with one missing."""
        started = time.perf_counter()
        self._fresh()
        searcher = self._index.searcher()
        parsed = parse_query(query.text)
        filters = _filters(query)
        wanted = max(1, query.offset + query.limit)  # (Tantivy refuses a limit of 0)
        if len(self._near) > 100_000:
            self._near = {}
        names = _Names.of(parsed, searcher, self._near)
        dated = _date_requirement(parsed)
        pushed = [] if dated is None else [dated]  # into each branch of the looser passes
        passes: list[Query] = []  # what each pass matched (without bonuses), for facets
        few: list[Any] = []  # or, when a looser pass returned all it matched, the records themselves
        if names is None:
            passes.append(_no_names(parsed, filters))
        else:
            passes.append(_and(names.exact(), *filters))
        found = searcher.search(_with(passes[0], _bonuses(parsed, names)), limit=wanted, count=True)
        ranked = [(float(score), address) for score, address in found.hits]
        total = _count(found)
        if names is not None:
            # Records close to what was typed: all of it; with a typed date, the whole name and the date
            # as the record's key date (a year typed is most often a birth year).
            whole = TOKEN * len(names.folded) + WHOLE_NAME - 0.5
            close = total if dated is None else sum(s >= KEY_YEAR and s % ANY_YEAR >= whole for s, _ in ranked)
            seen = [names.exact()]
            # First the whole name with one syllable slipped (a few name keys: cheap); a part of a longer
            # name with one slipped, or one missing, only while nothing matched closely.
            for loosen, enough in ((names.slipped_whole, ENOUGH), (names.slipped, 1), (names.relaxed, 1)):
                if close >= enough:
                    continue
                core = loosen(pushed)
                if core is None:
                    continue
                matched = _and(core, *filters, exclude=seen)
                bonuses = [*_bonuses(parsed, names), *names.slip_bonuses()]
                # With facets, a pass that matched a few hundred records is counted from its hits.
                scan = max(wanted, FACET_SCAN) if query.facets else wanted
                found = searcher.search(_with(matched, bonuses), limit=scan, count=True)
                ranked += [(float(score), address) for score, address in found.hits[:wanted]]
                total += _count(found)
                close += _count(found)
                if len(found.hits) == _count(found):
                    few += [address for _, address in found.hits]
                else:
                    passes.append(matched)
                seen.append(core)
        ranked.sort(key=lambda item: -item[0])
        out: list[SearchHit] = []
        folded = parsed.folded_tokens
        for score, address in ranked[query.offset : wanted]:
            document = _from_stored(searcher.doc(address))
            marks = highlight(document, folded) if query.highlight else {}
            out.append(SearchHit(document.record_id, score, document, marks))
        facets = {}
        if query.facets:
            if few:  # cheaper than running the looser passes again
                ids = [int(i) for i in searcher.fast_field_values("id", few) if i is not None]
                # Term by term: a term set walks the dictionary of every id (milliseconds for ten).
                passes.append(Query.boolean_query([(Occur.Should, Query.term_query(SCHEMA, "id", i)) for i in ids]))
            counted = passes[0] if len(passes) == 1 else Query.boolean_query([(Occur.Should, p) for p in passes])
            facets = _facets(searcher, counted)
        return SearchResult(out, max(total, len(ranked)), facets, (time.perf_counter() - started) * 1000)

    def close(self) -> None:
        del self._index


# --- documents ----------------------------------------------------------------------------------


def _to_tantivy(document: IndexDocument) -> tantivy.Document:
    """What this backend indexes of a record (a lean ``projection.view``: names, dates, facets). On the
    Python thread for every record of a build, so written for speed (a build spends its time here):
    Tantivy's own threads fold the names (``FOLD``)."""
    source = _source_text(document)
    nones = sum(getattr(document, name) is None for name in _SCALARS)
    if not (
        unicodedata.is_normalized("NFC", source)
        and source.count(_NUL) == _HEAD + 2 * len(document.fields) - 1  # no NUL in a text
        and source.count(_NONE) == nones  # nor SOH
    ):
        document = document.normalised()
        source = _source_text(document)
    fields = document.fields
    get = fields.get
    principal = [value for name in PRINCIPAL_NAMES if (value := get(name))]
    sex = get("sex", "")
    ward = document.ward or ""
    doc = tantivy.Document()
    add = doc.add_text
    doc.add_unsigned("id", document.record_id)
    doc.add_unsigned("revision", document.revision)
    doc.add_bytes("source", source.encode("utf-8"))
    add("record_type", document.record_type)
    add("ward", ward)
    add("sex", sex)
    add("status", document.status)
    add("ward_key", ward)
    add("sex_key", sex_key(sex))
    year = key_year(document)
    if year is not None:
        doc.add_integer("key_year", year)
    dates: set[str] = set()
    for name in DATE_FIELDS:
        value = get(name)
        if value and value[:4].isdigit():
            dates.add(value[:4])
            if len(value) >= 7:
                dates.add(value[:7])
                dates.add(value)
    for date in dates:
        add("dates", date)
    joined = " ".join(principal)
    add("persons", exact_form(joined))
    add("persons_folded", joined)
    add("father_folded", get("father_name", ""))
    add("mother_folded", get("mother_name", ""))
    for name in principal:
        for key in _name_keys(name):
            add("name_keys", key)
    return doc


@lru_cache(maxsize=65_536)
def _name_keys(name: str) -> tuple[str, str]:
    """``projection.name_key`` (order-free) and ``ordered_key`` of a principal name."""
    words = fold(name)
    return " ".join(sorted(words.split())), "=" + words


_NUL, _NONE = "\x00", "\x01"  # neither can be in a catalog text (PostgreSQL refuses NUL in text)
_SCALARS = ("record_type", "volume_id", "page_number", "ward", "register_type", "volume_year", "book_number", "image")
_HEAD = 4 + len(_SCALARS)


def _source_text(document: IndexDocument) -> str:
    """``encode_source`` before encoding."""
    head = [
        "1",
        str(document.record_id),
        str(document.revision),
        document.status,
        *(_NONE if (value := getattr(document, name)) is None else str(value) for name in _SCALARS),
    ]
    return _NUL.join(chain(head, chain.from_iterable(document.fields.items())))


def encode_source(document: IndexDocument) -> bytes:
    """The stored document, NUL-separated: version, id, revision, status, the optional scalars, then field
    names and values. A third of the time of JSON."""
    return _source_text(document.normalised()).encode("utf-8")


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


def _from_stored(stored: tantivy.Document) -> IndexDocument:
    return decode_source(bytes(stored["source"][0]))


def _batches(documents: Iterable[IndexDocument], size: int) -> Iterator[list[IndexDocument]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


# --- queries ------------------------------------------------------------------------------------


# Constant scores, so that the order is the same whatever the corpus (BM25 would let a short name or a
# rare syllable outweigh a typed year). Dates dominate any sum of name scores.
TOKEN = 10.0  # each typed syllable found among the principal names (folded)
DIACRITICS = 2.0  # ... with the diacritics as typed
SLIPPED = 6.0  # ... one edit away (an OCR slip, in the record or in what was typed)
WHOLE_NAME = 8.0  # the typed syllables are a principal name, in any order
WHOLE_NAME_SLIPPED = 5.0  # ... with the one slipped syllable
IN_ORDER = 2.0  # ... in the written order
# Dates score in thousands, names below a thousand: a score tells both apart.
ANY_YEAR = 1000.0  # a typed year is the year of one of the record's dates
KEY_YEAR = 2000.0  # ... and the record's key year (birth; marriage; death)
FULL_DATE = 4000.0  # a typed date (day or month) is one of the record's dates

FUZZY_MIN_LETTERS = 3  # a known syllable shorter than this may slip only beside others ("le" alone: no)
ENOUGH = 10  # slips are looked for only while fewer records than this matched closely; a syllable
# missing (weaker evidence than any slip), only while none did
FACET_SCAN = 200
MAX_CANDIDATES = 40  # known syllables one edit away from a typed one, most frequent first
COMMON = 0.02  # a syllable in more than this share of the records (Nguyễn, Thị, Văn) tells little alone
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _term(field: str, value: Any, score: float) -> Query:
    return Query.const_score_query(Query.term_query(SCHEMA, field, value), score)


def ordered_key(name: str) -> str:
    """ "Nguyễn Thị Hường" → "=nguyen thi huong": the whole name in its written order (kept in the
    ``name_keys`` field beside the order-free key)."""
    return "=" + fold(name)


def one_edit(word: str) -> set[str]:
    """Every string one deletion, substitution, insertion or swap of neighbours away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0]}
    out |= {a + c + b for a, b in splits for c in LETTERS}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1 and b[0] != b[1]}
    out.discard(word)
    out.discard("")
    return out


class _Names:
    """The typed name syllables and the query pieces built from them."""

    def __init__(
        self,
        pairs: list[tuple[str, str]],
        searcher: tantivy.Searcher,
        near: dict[str, list[str]],
        diacritics: bool,
        dated: Query | None,
    ) -> None:
        self.exact_forms = [e for e, _ in pairs]
        self.folded = [f for _, f in pairs]
        self.typed_diacritics = diacritics
        self.dated = dated  # the typed dates, which a record must bear
        self._searcher = searcher
        self.frequency = [searcher.doc_freq("persons_folded", f) for f in self.folded]
        self.common = COMMON * max(1, searcher.num_docs)
        self._near = near
        self._slips: dict[int, list[str]] | None = None
        self._readings: list[tuple[str, str]] | None = None

    @classmethod
    def of(cls, parsed: ParsedQuery, searcher: tantivy.Searcher, near: dict[str, list[str]]) -> _Names | None:
        pairs = [(e, f) for e, f in zip(parsed.name_tokens, parsed.folded_tokens, strict=True) if f]
        return cls(pairs, searcher, near, parsed.has_diacritics, _date_requirement(parsed)) if pairs else None

    def _token(self, i: int) -> Query:
        return _term("persons_folded", self.folded[i], TOKEN)

    def exact(self) -> Query:
        return _and(*(self._token(i) for i in range(len(self.folded))))

    def slips(self) -> dict[int, list[str]]:
        """Syllable → the known syllables one edit away. Any syllable of two letters or more may slip,
        except a known short one typed alone ("le": one edit matches most short syllables)."""
        if self._slips is None:
            self._slips = {}
            for i, folded in enumerate(self.folded):
                if len(folded) < 2:
                    continue
                if len(self.folded) == 1 and len(folded) < FUZZY_MIN_LETTERS and self.frequency[i]:
                    continue
                if folded not in self._near:
                    near = [(self._searcher.doc_freq("persons_folded", c), c) for c in one_edit(folded)]
                    kept = sorted(((n, c) for n, c in near if n), reverse=True)[:MAX_CANDIDATES]
                    self._near[folded] = [c for _, c in kept]
                if self._near[folded]:
                    self._slips[i] = self._near[folded]
        return self._slips

    def slipped(self, pushed: list[Query]) -> Query | None:
        """Every syllable found but one, which is one edit away; and what is ``pushed`` (a typed date)."""
        branches = []
        n = len(self.folded)
        for i, candidates in self.slips().items():
            near = Query.boolean_query(
                [(Occur.Should, Query.term_query(SCHEMA, "persons_folded", c)) for c in candidates]
            )
            others = [self._token(j) for j in range(n) if j != i]
            # A typed date goes into each branch: each intersection then starts from its rarest part
            # (a year: some 2% of the records) instead of from the union of branches.
            branches.append(_and(*pushed, *others, Query.const_score_query(near, SLIPPED)))
        return _any(branches)

    def relaxed(self, pushed: list[Query]) -> Query | None:
        """Every syllable but any one (a slip edit distance can't see: a one-letter syllable, two letters
        wrong, a syllable typed or read twice)."""
        n = len(self.folded)
        if n < 3:
            return None
        branches = [
            _and(*pushed, *(self._token(j) for j in range(n) if j != i))
            for i in range(n)
            # Left out, unless what is left is only common syllables ("nguyen thi": a tenth of the records).
            if min(f for j, f in enumerate(self.frequency) if j != i) <= self.common
        ]
        return _any(branches)

    def bonuses(self) -> list[Query]:
        out = [
            _term("name_keys", " ".join(sorted(self.folded)), WHOLE_NAME),
            _term("name_keys", "=" + " ".join(self.folded), IN_ORDER),
        ]
        if self.typed_diacritics:
            accented = [(e, n) for e, f, n in zip(self.exact_forms, self.folded, self.frequency, strict=True) if e != f]
            # Every syllable as typed; and each uncommon one on its own (an optional clause on a common
            # syllable would walk through a third of the index).
            exact = [Query.term_query(SCHEMA, "persons", e) for e, _ in accented]
            out.append(Query.const_score_query(_and(*exact), DIACRITICS * len(exact)))
            out += [_term("persons", e, DIACRITICS) for e, n in accented if n <= self.common]
        return out

    def readings(self) -> list[tuple[str, str]]:
        """The whole name with one syllable slipped put right, as name keys (order-free, ordered): only
        names the index holds, the likeliest slip first (a lost letter rather than a replaced one), and
        among equally likely slips the names fewer records bear first (with a typed date, of those
        bearing it; a name none of them bears is left out).

        Each record is a priori as likely as any other to be the one sought, so a record's chance is
        that of the slip alone: a name borne by sixty records makes none of them likelier than the three
        bearing another. Ranking the rarer name's records first puts both names near the top ("iuy":
        three Duy, then sixty Huy) where the commoner first would hide the rarer past the first page."""
        if self._readings is None:
            found: list[tuple[float, int, str, str]] = []
            for i, candidates in self.slips().items():
                for candidate in candidates:
                    words = [*self.folded[:i], candidate, *self.folded[i + 1 :]]
                    key = " ".join(sorted(words))
                    if bearers := self._bearers(key):
                        likelihood = _likelihood(self.folded[i], candidate)
                        found.append((-likelihood, bearers, key, "=" + " ".join(words)))
            self._readings = [(key, ordered) for _, _, key, ordered in sorted(found)]
        return self._readings

    def _bearers(self, key: str) -> int:
        bearers = self._searcher.doc_freq("name_keys", key)
        if bearers and self.dated is not None:
            both = _and(Query.term_query(SCHEMA, "name_keys", key), self.dated)
            bearers = _count(self._searcher.search(both, limit=1, count=True))
        return int(bearers)

    def slipped_whole(self, pushed: list[Query]) -> Query | None:
        """A whole principal name with one syllable slipped; and what is ``pushed``."""
        matched = TOKEN * (len(self.folded) - 1) + SLIPPED
        keys = [_term("name_keys", key, matched) for key, _ in self.readings()]
        return _and(*pushed, either) if (either := _any(keys)) is not None else None

    def slip_bonuses(self) -> list[Query]:
        """The whole name with one syllable slipped (in the written order a little more), the likelier
        readings a little more: among records matching equally, each reading's records stay together."""
        out = []
        readings = self.readings()
        for rank, (key, ordered) in enumerate(readings):
            out.append(_term("name_keys", key, WHOLE_NAME_SLIPPED + 0.4 * (len(readings) - rank) / len(readings)))
            if self._searcher.doc_freq("name_keys", ordered):
                out.append(_term("name_keys", ordered, IN_ORDER))
        return out


LOST_LETTER = 5.0  # a letter lost (or doubled) against one replaced by another, which could be any of many


def _likelihood(typed: str, meant: str) -> float:
    """How likely ``typed`` is as a slip of ``meant``, relative to a replaced letter: a letter lost, or a
    letter doubled, is one event, where a replaced letter is one of many replacements possible."""
    if len(meant) == len(typed) + 1:
        return LOST_LETTER
    if len(typed) == len(meant) + 1 and any(
        typed[i] == typed[i + 1] and typed[:i] + typed[i + 1 :] == meant for i in range(len(meant))
    ):
        return LOST_LETTER
    return 1.0


def _and(*queries: Query, exclude: list[Query] | None = None) -> Query:
    if len(queries) == 1 and not exclude:
        return queries[0]
    clauses = [(Occur.Must, q) for q in queries] + [(Occur.MustNot, q) for q in exclude or []]
    return Query.boolean_query(clauses)


def _any(queries: list[Query]) -> Query | None:
    """Any of ``queries``, scored as the best of them."""
    if len(queries) < 2:
        return queries[0] if queries else None
    return Query.disjunction_max_query(queries, 0.0)


def _with(matched: Query, bonuses: list[Query]) -> Query:
    """``matched``, ranked by its score plus the bonuses it earns. Each bonus is an optional clause of
    its own level: Tantivy looks it up only for the records matched, by skipping, where optional
    clauses side by side would be merged into one union walked window by window."""
    for bonus in bonuses:
        matched = Query.boolean_query([(Occur.Must, matched), (Occur.Should, bonus)])
    return matched


def _date_requirement(parsed: ParsedQuery) -> Query | None:
    """Any of the typed dates or years among the record's dates (birth, registration, death, spouses)."""
    wanted = [Query.term_query(SCHEMA, "dates", d) for d in (*parsed.dates, *(str(y) for y in parsed.years))]
    if not wanted:
        return None
    either = wanted[0] if len(wanted) == 1 else Query.boolean_query([(Occur.Should, q) for q in wanted])
    return Query.const_score_query(either, 0.0)


def _date_bonuses(parsed: ParsedQuery) -> list[Query]:
    out = []
    for year in parsed.years:
        out.append(_term("key_year", year, KEY_YEAR))  # a term: a range on the fast field scans every record
        out.append(_term("dates", str(year), ANY_YEAR))
    out += [_term("dates", date, FULL_DATE) for date in parsed.dates]
    return out


def _bonuses(parsed: ParsedQuery, names: _Names | None) -> list[Query]:
    return [*(names.bonuses() if names else []), *_date_bonuses(parsed)]


def _no_names(parsed: ParsedQuery, filters: list[Query]) -> Query:
    """Filters and dates only."""
    dated = _date_requirement(parsed)
    required = [*filters, *([dated] if dated is not None else [])]
    if not required:
        return Query.all_query()
    return _and(*required)


def _count(result: Any) -> int:
    return int(getattr(result, "count", 0) or 0)  # (missing from the type stubs)


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
    """What the records must be, scoring nothing."""
    filters: list[Query] = []
    if query.record_type:
        filters.append(Query.term_query(SCHEMA, "record_type", query.record_type))
    if query.ward:
        filters.append(Query.term_query(SCHEMA, "ward_key", fold(query.ward)))
    if query.sex:
        filters.append(Query.term_query(SCHEMA, "sex_key", sex_key(query.sex)))
    if query.year_from is not None or query.year_to is not None:
        years = (query.year_from, query.year_to)
        # On the inverted index: the fast field would be scanned record by record.
        filters.append(
            Query.range_query(SCHEMA, "key_year", tantivy.FieldType.Integer, *years, use_inverted_index=True)
        )
    if query.father_name:
        filters.append(_person_filter("father_folded", query.father_name))
    if query.mother_name:
        filters.append(_person_filter("mother_folded", query.mother_name))
    return [Query.const_score_query(f, 0.0) for f in filters]


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
