"""The shape of the Elasticsearch index, and documents in that shape: pure functions, no client.

Only built-in analysis (no ICU plugin): the standard tokenizer, ``lowercase``, ``asciifolding`` (which
maps đ → d and strips Vietnamese tone and vowel marks) and ``ngram``. Elasticsearch has no filter for
Vietnamese tone placement (hoà / hòa) nor for NFC, so texts are normalised here, before they are sent.

A person's name is indexed three ways: ``exact`` (lower case, diacritics kept), the folded main field
(``asciifolding`` with ``preserve_original``: the bare form beside the original) and ``ngram`` (two- and
three-letter grams of the folded form, a fallback for OCR slips in short syllables).
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date
from typing import Any

from hotich.domain import DATE_FIELDS, NAME_FIELDS, nfc
from indexer.base import IndexDocument
from indexer.projection import PRINCIPAL_NAMES, key_date, key_year, name_key
from indexer.text import fold, normalize_tones

DATE_FORMAT = "yyyy-MM-dd||yyyy-MM||yyyy"
TEMPLATE_PRIORITY = 500  # above generic user templates that might also match <prefix>-records-*

_PREFIX = re.compile(r"[a-z0-9][a-z0-9._-]{0,150}")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# --- names of things ----------------------------------------------------------------------------


def valid_prefix(prefix: str) -> bool:
    """Elasticsearch index names are lower case, without spaces, and start with a letter or digit."""
    return bool(_PREFIX.fullmatch(prefix))


def alias_name(prefix: str) -> str:
    """What every read and write goes through: ``<prefix>-records``."""
    return f"{prefix}-records"


def index_name(prefix: str, version: int) -> str:
    """One concrete generation: ``<prefix>-records-v<N>``."""
    return f"{prefix}-records-v{version}"


def index_version(prefix: str, name: str) -> int | None:
    """``hotich-records-v7`` → 7; anything else → None."""
    head = f"{prefix}-records-v"
    tail = name[len(head) :]
    return int(tail) if name.startswith(head) and tail.isdigit() else None


def template_name(prefix: str) -> str:
    return f"{prefix}-records"


# --- settings and mappings ----------------------------------------------------------------------


def analysis() -> dict[str, Any]:
    return {
        "filter": {
            "hotich_folding": {"type": "asciifolding", "preserve_original": True},
        },
        "tokenizer": {
            # A tokenizer, not a token filter: each gram gets its own position, so a match query's
            # minimum_should_match counts shared grams (a filter's grams share their word's position).
            "hotich_grams": {"type": "ngram", "min_gram": 2, "max_gram": 3, "token_chars": ["letter", "digit"]},
        },
        "analyzer": {
            "hotich_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            "hotich_folded": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "hotich_folding"]},
            "hotich_ngram": {"type": "custom", "tokenizer": "hotich_grams", "filter": ["lowercase", "asciifolding"]},
        },
        "normalizer": {
            # A keyword normaliser must keep one token: plain asciifolding, no preserve_original.
            "hotich_folded": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
        },
    }


def index_settings() -> dict[str, Any]:
    return {
        "number_of_shards": 1,  # short records: one shard holds millions; scores stay shard-independent
        "auto_expand_replicas": "0-1",  # green on one node, one replica on a cluster
        "analysis": analysis(),
    }


def name_field() -> dict[str, Any]:
    """A person's name: folded (the main field), exact and n-gram subfields."""
    return {
        "type": "text",
        "analyzer": "hotich_folded",
        "fields": {
            "exact": {"type": "text", "analyzer": "hotich_exact"},
            "ngram": {"type": "text", "analyzer": "hotich_ngram"},
        },
    }


def _date_field() -> dict[str, Any]:
    return {"type": "date", "format": DATE_FORMAT, "ignore_malformed": True}


def mappings() -> dict[str, Any]:
    keyword = {"type": "keyword"}
    return {
        "dynamic": False,  # the source may carry more than is indexed; nothing new gets mapped
        "_source": {"enabled": True},
        "properties": {
            "record_id": {"type": "long"},
            "revision": {"type": "long"},
            "record_type": keyword,
            "register_type": keyword,
            "status": keyword,
            "ward": {"type": "keyword", "fields": {"folded": {"type": "keyword", "normalizer": "hotich_folded"}}},
            "sex": keyword,
            "sex_key": keyword,
            "volume_id": {"type": "long"},
            "page_number": {"type": "integer"},
            "volume_year": {"type": "integer"},
            "book_number": keyword,
            "key_date": _date_field(),
            "key_year": {"type": "integer"},
            "dates": _date_field(),
            "persons": name_field(),  # the principal names (subject, or husband and wife)
            "name_keys": keyword,  # each principal name's folded syllables, sorted
            "names": {"properties": {name: name_field() for name in NAME_FIELDS}},
            "document": {"type": "object", "enabled": False},  # the IndexDocument, returned by get()
        },
    }


def index_template(prefix: str) -> dict[str, Any]:
    """The composable template's body (``put_index_template`` keyword arguments, JSON names).

    No alias in it: a generation joins ``<prefix>-records`` only when a rebuild swaps it in."""
    return {
        "index_patterns": [f"{prefix}-records-*"],
        "priority": TEMPLATE_PRIORITY,
        "template": {"settings": index_settings(), "mappings": mappings()},
        "_meta": {"managed_by": "hotich", "description": "civil-status records, a projection of the catalog"},
    }


# --- documents ----------------------------------------------------------------------------------

_SEX = {"nam": "nam", "male": "nam", "m": "nam", "nu": "nu", "female": "nu", "f": "nu"}


def sex_key(value: str) -> str:
    """ "Nữ", "nu", "female", "F" → "nu"; "Nam", "male", "M" → "nam"; anything else folded."""
    folded = fold(value)
    return _SEX.get(folded, folded)


def searchable_text(text: str) -> str:
    """What Elasticsearch analyses: NFC with one tone placement (it has no filter for either)."""
    return normalize_tones(nfc(text))


def iso_date(value: str) -> str | None:
    """``value`` if it is a real ISO date, full or partial (``1962``, ``1962-03``, ``1962-03-14``)."""
    match = _ISO.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year or 0, month or 1, day or 1)
    except ValueError:
        return None
    return match.group(0)


def source(document: IndexDocument) -> dict[str, Any]:
    """The indexed body of one record. ``document`` keeps the record as the catalog has it (NFC), for
    ``get``; the searchable fields are NFC with one tone placement."""
    document = document.normalised()
    fields = document.fields
    names = {name: searchable_text(fields[name]) for name in NAME_FIELDS if fields.get(name)}
    dates = [d for name in DATE_FIELDS if fields.get(name) and (d := iso_date(fields[name]))]
    key = key_date(document)
    body: dict[str, Any] = {
        "record_id": document.record_id,
        "revision": document.revision,
        "record_type": document.record_type,
        "register_type": document.register_type,
        "status": document.status,
        "ward": document.ward,
        "sex": fields.get("sex"),
        "sex_key": sex_key(fields["sex"]) if fields.get("sex") else None,
        "volume_id": document.volume_id,
        "page_number": document.page_number,
        "volume_year": document.volume_year,
        "book_number": document.book_number,
        "key_date": iso_date(key) if key else None,
        "key_year": key_year(document),
        "dates": list(dict.fromkeys(dates)),
        "persons": " ".join(names[n] for n in PRINCIPAL_NAMES if n in names),
        "name_keys": [name_key(names[n]) for n in PRINCIPAL_NAMES if n in names],
        "names": names,
        "document": asdict(document),
    }
    return {key: value for key, value in body.items() if value is not None}


def index_action(document: IndexDocument, index: str) -> dict[str, Any]:
    """One bulk ``index`` action (``helpers.streaming_bulk`` form). External versioning by revision:
    Elasticsearch refuses (409) a revision not newer than the one it holds."""
    return {
        "_op_type": "index",
        "_index": index,
        "_id": str(document.record_id),
        "version": document.revision,
        "version_type": "external",
        "_source": source(document),
    }


def delete_action(record_id: int, index: str) -> dict[str, Any]:
    return {"_op_type": "delete", "_index": index, "_id": str(int(record_id))}


def from_source(body: dict[str, Any]) -> IndexDocument:
    """The ``IndexDocument`` stored in a hit's or a get's ``_source``."""
    return IndexDocument(**body["document"])
