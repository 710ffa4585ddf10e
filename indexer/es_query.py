"""Elasticsearch search bodies from a ``SearchQuery``, and results from the answers: pure functions.

Every name clause scores a constant, so ranking is deterministic and needs no term statistics (which
differ between shards and are meaningless for names): per typed syllable the best of an exact-diacritics
match (only when the officer typed diacritics), a folded match, one edit away; then bonuses for the whole
name in any order, the syllables in typed order, n-gram likeness; a typed date or year outweighs them all.

    names    all syllables (one may be missing from three on), or from three on most n-grams shared
    dates    every date field: a typed year is a range over that year, a typed date over its day or month
    filters  record type, key-date year range, ward and sex folded, father/mother fuzzy and folded
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

from hotich.domain import NAME_FIELDS, nfc
from indexer.base import SearchHit, SearchQuery, SearchResult
from indexer.es_mapping import from_source, sex_key
from indexer.query import ParsedQuery, parse_query
from indexer.text import fold, normalize_tones

EXACT = 8.0  # a syllable as typed, diacritics and all
FOLDED = 4.0  # a syllable without diacritics
FUZZY = 1.5  # one edit away (OCR slips)
WHOLE_NAME = 6.0  # a principal name's syllables exactly, in any order
TYPED_ORDER = 2.0  # the syllables in the order typed (one step of slop)
NGRAM = 1.0  # most two- and three-letter grams shared (short syllables edit distance skips)
KEY_YEAR = 2.0  # a typed year is the year of the record's key date
DATE = 100.0  # each typed date or year found among the record's dates: dated records first

FUZZINESS = "AUTO:3,8"  # no edit under three letters, one up to seven (no Vietnamese syllable is longer)
NGRAM_SHARE = "80%"
FACET_SIZES = {"record_type": 20, "ward": 50, "sex": 5}
# Elasticsearch refuses a page whose from + size passes index.max_result_window (10,000 by default):
# a page past it comes back empty, with its total and facets, rather than as a cluster error.
RESULT_WINDOW = 10_000
MARK_START, MARK_END = "\ue000", "\ue001"  # private-use characters: never in a name


def marked(fragment: str) -> str:
    """A highlighted field from Elasticsearch as HTML: the text escaped, the matches in <mark>."""
    return html.escape(fragment).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def _const(query: dict[str, Any], boost: float) -> dict[str, Any]:
    return {"constant_score": {"filter": query, "boost": boost}}


def _match(field: str, text: str, **options: Any) -> dict[str, Any]:
    return {"match": {field: {"query": text, **options}}}


def syllable_query(exact: str, folded: str, typed_diacritics: bool) -> dict[str, Any]:
    """The best of: the syllable as typed (exact subfield), folded, and one edit away (folded)."""
    options = [_const(_match("persons", folded), FOLDED)]
    if typed_diacritics and exact != folded:
        options.insert(0, _const(_match("persons.exact", exact), EXACT))
    if len(folded) >= 3:
        options.append(_const(_match("persons", folded, fuzziness=FUZZINESS), FUZZY))
    return options[0] if len(options) == 1 else {"dis_max": {"queries": options, "tie_breaker": 0.0}}


def names_query(parsed: ParsedQuery) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """(what a record must match, bonuses) for the typed name syllables, or None when none was typed."""
    pairs = [(e, f) for e, f in zip(parsed.name_tokens, parsed.folded_tokens, strict=True) if f]
    if not pairs:
        return None
    folded = [f for _, f in pairs]
    typed = " ".join(folded)
    required = len(pairs) if len(pairs) <= 2 else len(pairs) - 1
    syllables = {
        "bool": {
            "should": [syllable_query(e, f, parsed.has_diacritics) for e, f in pairs],
            "minimum_should_match": required,
        }
    }
    bonuses = [_const({"term": {"name_keys": " ".join(sorted(folded))}}, WHOLE_NAME)]
    if len(pairs) < 2:
        return syllables, bonuses
    grams = _const(_match("persons.ngram", typed, minimum_should_match=NGRAM_SHARE), NGRAM)
    bonuses.append(_const({"match_phrase": {"persons": {"query": typed, "slop": 1}}}, TYPED_ORDER))
    if len(pairs) < 3:  # two short syllables share too few grams to tell a slip from another name
        return syllables, [*bonuses, grams]
    return {"bool": {"should": [syllables, grams], "minimum_should_match": 1}}, bonuses


def day_range(iso: str) -> tuple[str, str]:
    """[start, end) of a year, a month or a day: "1999-12" → ("1999-12-01", "2000-01-01")."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return f"{parts[0]:04d}-01-01", f"{parts[0] + 1:04d}-01-01"
    if len(parts) == 2:
        year, month = parts
        after = (year + 1, 1) if month == 12 else (year, month + 1)
        return f"{year:04d}-{month:02d}-01", f"{after[0]:04d}-{after[1]:02d}-01"
    start = date(parts[0], parts[1], parts[2])
    return start.isoformat(), (start + timedelta(days=1)).isoformat()


def date_clause(iso: str) -> dict[str, Any]:
    """Any of the record's dates within the typed year, month or day."""
    start, end = day_range(iso)
    return {"range": {"dates": {"gte": start, "lt": end, "format": "yyyy-MM-dd"}}}


def dates_wanted(parsed: ParsedQuery) -> list[str]:
    """The typed dates, and the typed years that no typed date already covers."""
    covered = {d[:4] for d in parsed.dates}
    return [*parsed.dates, *(str(y) for y in parsed.years if str(y) not in covered)]


def filters(query: SearchQuery) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if query.record_type:
        out.append({"term": {"record_type": query.record_type}})
    if query.ward:
        out.append({"term": {"ward.folded": fold(query.ward)}})
    if query.sex:
        out.append({"term": {"sex_key": sex_key(query.sex)}})
    if query.year_from is not None or query.year_to is not None:
        bounds = {"gte": query.year_from, "lte": query.year_to}
        out.append({"range": {"key_year": {k: v for k, v in bounds.items() if v is not None}}})
    for field, name in (("father_name", query.father_name), ("mother_name", query.mother_name)):
        if name and fold(name):
            out.append(_match(f"names.{field}", fold(name), operator="and", fuzziness=FUZZINESS))
    return out


def aggregations() -> dict[str, Any]:
    aggs: dict[str, Any] = {name: {"terms": {"field": name, "size": size}} for name, size in FACET_SIZES.items()}
    aggs["decade"] = {"histogram": {"field": "key_year", "interval": 10, "min_doc_count": 1}}
    return aggs


def highlight(parsed: ParsedQuery) -> dict[str, Any]:
    """Every person-name field whose syllables match (folded, or one edit away), whole, between markers
    that ``marked`` turns into <mark>."""
    folded = [f for f in parsed.folded_tokens if f]

    def field_query(field: str) -> dict[str, Any]:
        options = [_match(field, f) for f in folded]
        options += [_match(field, f, fuzziness=FUZZINESS) for f in folded if len(f) >= 3]
        return {"bool": {"should": options}}

    return {
        "pre_tags": [MARK_START],
        "post_tags": [MARK_END],
        "encoder": "default",  # "html" would write every non-ASCII letter as &#NNNN;: escaped here instead
        "number_of_fragments": 0,
        "require_field_match": True,
        "fields": {f"names.{name}": {"highlight_query": field_query(f"names.{name}")} for name in NAME_FIELDS},
    }


def search_body(query: SearchQuery) -> dict[str, Any]:
    """The ``_search`` body for ``query``."""
    parsed = parse_query(normalize_tones(nfc(query.text)))
    names = names_query(parsed)
    wanted = dates_wanted(parsed)
    must: list[dict[str, Any]] = []
    should: list[dict[str, Any]] = []
    if names is not None:
        required, bonuses = names
        must.append(required)
        should += bonuses
        should += [_const(date_clause(d), DATE) for d in wanted]
        should += [_const({"term": {"key_year": y}}, KEY_YEAR) for y in parsed.years]
    elif wanted:  # only a date was typed: it must match
        must.append({"bool": {"should": [date_clause(d) for d in wanted], "minimum_should_match": 1}})
    bool_query: dict[str, Any] = {}
    for occur, clauses in (("must", must), ("should", should), ("filter", filters(query))):
        if clauses:
            bool_query[occur] = clauses
    body: dict[str, Any] = {
        "query": {"bool": bool_query} if bool_query else {"match_all": {}},
        "from": min(max(0, query.offset), RESULT_WINDOW),
        "size": max(0, min(query.limit, RESULT_WINDOW - max(0, query.offset))),
        "track_total_hits": True,
        "sort": [{"_score": {"order": "desc"}}, {"record_id": {"order": "asc"}}],
        "_source": ["document"],
    }
    if query.facets:
        body["aggs"] = aggregations()
    if query.highlight and parsed.folded_tokens:
        body["highlight"] = highlight(parsed)
    return body


def search_result(response: dict[str, Any]) -> SearchResult:
    """A ``SearchResult`` from a ``_search`` answer (hits, total, facets, highlights)."""
    hits = []
    for hit in response.get("hits", {}).get("hits", []):
        document = from_source(hit["_source"])
        marks = {
            name.removeprefix("names."): [marked(t) for t in texts] for name, texts in hit.get("highlight", {}).items()
        }
        hits.append(SearchHit(document.record_id, float(hit.get("_score") or 0.0), document, marks))
    total = response.get("hits", {}).get("total", {})
    count = int(total.get("value", 0)) if isinstance(total, dict) else int(total or 0)
    return SearchResult(hits, count, facets(response.get("aggregations", {})), float(response.get("took", 0)))


def facets(aggregations: dict[str, Any]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name, body in aggregations.items():
        buckets = body.get("buckets", [])
        values = {str(int(b["key"])) if name == "decade" else str(b["key"]): int(b["doc_count"]) for b in buckets}
        out[name] = {key: count for key, count in values.items() if count and key}
    return out
