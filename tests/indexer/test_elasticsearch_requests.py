"""The Elasticsearch backend's requests, without a server.

A fake node (an ``elastic_transport.BaseNode``) stands in for the cluster: the real client serialises
every request (``helpers.streaming_bulk`` included) and the fake records it and answers like a small
cluster would (aliases, external versions, 409s, 429s). Ranking itself needs a real server: the contract
suite runs there when ``HOTICH_ES_URL`` is set.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import elastic_transport
import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders, NodeConfig
from elastic_transport._node._base import NodeApiResponse
from elasticsearch import Elasticsearch

from hotich.domain import NAME_FIELDS
from hotich.errors import ConfigurationError, SearchBackendError
from hotich.settings import Settings
from indexer.base import IndexDocument, SearchQuery
from indexer.elasticsearch import BulkOptions, ElasticsearchIndex
from indexer.es_mapping import index_action, index_template, source
from indexer.es_query import DATE, EXACT, FOLDED, FUZZINESS, MARK_END, MARK_START, NGRAM, search_body

# --- a fake cluster behind a fake node -----------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    body: Any  # parsed JSON, or a list of parsed lines for NDJSON
    headers: dict[str, str]


@dataclass
class FakeCluster:
    """Just enough of Elasticsearch: templates, indices, aliases, documents with external versions."""

    templates: dict[str, Any] = field(default_factory=dict)
    indices: dict[str, dict[str, tuple[int, dict[str, Any]]]] = field(default_factory=dict)  # name -> id -> doc
    aliases: dict[str, set[str]] = field(default_factory=dict)  # alias -> indices
    requests: list[Request] = field(default_factory=list)
    reject: dict[str, int] = field(default_factory=dict)  # document id -> bulk attempts to refuse with 429
    fail: dict[str, int] = field(default_factory=dict)  # document id -> status to answer instead
    answer: Callable[[Request], tuple[int, Any] | None] | None = None  # overrides, e.g. 401
    product_header: bool = True

    def resolve(self, name: str) -> list[str]:
        return sorted(self.aliases.get(name, set())) or ([name] if name in self.indices else [])

    def handle(self, request: Request) -> tuple[int, Any]:
        self.requests.append(request)
        if self.answer and (override := self.answer(request)):
            return override
        parts = [unquote(p) for p in request.path.strip("/").split("/")]
        method = request.method
        if parts[0] == "_index_template":
            if method == "PUT":
                self.templates[parts[1]] = request.body
                return 200, {"acknowledged": True}
            if method == "DELETE":
                return (200, {"acknowledged": True}) if self.templates.pop(parts[1], None) else (404, _error(404))
        if parts[0] == "_alias" and method == "HEAD":
            return (200, None) if self.aliases.get(parts[1]) else (404, None)
        if parts[0] == "_aliases":
            for action in request.body["actions"]:
                ((kind, spec),) = action.items()
                members = self.aliases.setdefault(spec["alias"], set())
                (members.add if kind == "add" else members.discard)(spec["index"])
            return 200, {"acknowledged": True}
        if parts[0] == "_bulk":
            return 200, self.bulk(request.body)
        if len(parts) == 2 and parts[1] == "_alias":
            prefix = parts[0].rstrip("*")
            found = {
                name: {"aliases": {a: {} for a, members in self.aliases.items() if name in members}}
                for name in self.indices
                if name.startswith(prefix)
            }
            return 200, found
        if len(parts) == 1 and method == "PUT":
            if parts[0] in self.indices:
                return 400, _error(400, "resource_already_exists_exception")
            self.indices[parts[0]] = {}
            for alias in (request.body or {}).get("aliases", {}):
                self.aliases.setdefault(alias, set()).add(parts[0])
            return 200, {"acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "DELETE":
            for name in parts[0].split(","):
                self.indices.pop(name, None)
                for members in self.aliases.values():
                    members.discard(name)
            return 200, {"acknowledged": True}
        targets = self.resolve(parts[0])
        if not targets:
            return 404, _error(404, "index_not_found_exception")
        docs = {i: d for name in targets for i, d in self.indices[name].items()}
        endpoint = parts[1]
        if endpoint in ("_refresh", "_settings"):
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}, "acknowledged": True}
        if endpoint == "_count":
            return 200, {"count": len(docs)}
        if endpoint == "_doc":
            if parts[2] not in docs:
                return 404, {"_index": targets[0], "_id": parts[2], "found": False}
            version, body = docs[parts[2]]
            return 200, {"_index": targets[0], "_id": parts[2], "_version": version, "found": True, "_source": body}
        if endpoint == "_search":
            return 200, self.search(request.body, docs)
        raise AssertionError(f"the fake cluster does not know {method} {request.path}")

    def bulk(self, lines: list[dict[str, Any]]) -> dict[str, Any]:
        items = []
        position = 0
        while position < len(lines):
            ((operation, meta),) = lines[position].items()
            body = lines[position + 1] if operation == "index" else None
            position += 2 if operation == "index" else 1
            target = self.resolve(meta["_index"])[0]
            held = self.indices[target]
            doc_id = meta["_id"]
            item: dict[str, Any] = {"_index": target, "_id": doc_id}
            if self.reject.get(doc_id, 0) > 0:
                self.reject[doc_id] -= 1
                item.update(status=429, error={"type": "es_rejected_execution_exception", "reason": "busy"})
            elif doc_id in self.fail:
                item.update(status=self.fail[doc_id], error={"type": "document_parsing_exception", "reason": "x"})
            elif operation == "delete":
                found = held.pop(doc_id, None)
                item.update(status=200 if found else 404, result="deleted" if found else "not_found")
            elif doc_id in held and held[doc_id][0] >= meta["version"]:
                item.update(status=409, error={"type": "version_conflict_engine_exception", "reason": "older"})
            else:
                item.update(status=201, result="created", _version=meta["version"])
                held[doc_id] = (meta["version"], body or {})
            items.append({operation: item})
        errors = any(not 200 <= next(iter(i.values()))["status"] < 300 for i in items)
        return {"took": 1, "errors": errors, "items": items}

    def search(self, body: dict[str, Any], docs: dict[str, tuple[int, dict[str, Any]]]) -> dict[str, Any]:
        """Every document, in id order (no scoring here), with facets and highlights shaped as ES does."""
        ordered = [docs[k][1] for k in sorted(docs, key=int)]
        page = ordered[body["from"] : body["from"] + body["size"]]
        hits = []
        for doc in page:
            hit: dict[str, Any] = {
                "_id": str(doc["record_id"]),
                "_score": 1.5,
                "_source": {"document": doc["document"]},
            }
            if "highlight" in body and doc.get("names", {}).get("subject_name"):
                first, _, rest = doc["names"]["subject_name"].partition(" ")
                hit["highlight"] = {"names.subject_name": [f"{MARK_START}{first}{MARK_END} {rest} <&>"]}
            hits.append(hit)
        answer: dict[str, Any] = {"took": 3, "hits": {"total": {"value": len(ordered), "relation": "eq"}, "hits": hits}}
        if "aggs" in body:
            answer["aggregations"] = {
                "record_type": _terms(d.get("record_type") for d in ordered),
                "ward": _terms(d.get("ward") for d in ordered),
                "sex": _terms(d.get("sex") for d in ordered),
                "decade": {
                    "buckets": [
                        {"key": float(k), "doc_count": n}
                        for k, n in _terms(d["key_year"] // 10 * 10 for d in ordered if "key_year" in d)["counts"]
                    ]
                },
            }
        return answer


def _terms(values: Any) -> dict[str, Any]:
    counts: dict[Any, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return {"buckets": [{"key": k, "doc_count": n} for k, n in ranked], "counts": ranked}


def _error(status: int, kind: str = "error") -> dict[str, Any]:
    return {"error": {"type": kind, "reason": "Nguyễn Thị Hường", "root_cause": [{"type": kind, "reason": "r"}]}}


class FakeNode(BaseNode):
    """Hands every request to ``cluster`` (set after the client is made), or raises ``raises``."""

    _CLIENT_META_HTTP_CLIENT = ("fake", "1")

    def __init__(self, config: NodeConfig) -> None:
        super().__init__(config)
        self.cluster = FakeCluster()
        self.raises: Exception | None = None

    def perform_request(
        self, method: str, target: str, body: bytes | None = None, headers: Any = None, request_timeout: Any = None
    ) -> NodeApiResponse:
        if self.raises is not None:
            raise self.raises
        url = urlsplit(target)
        parsed: Any = None
        if body:
            text = body.decode("utf-8")
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
            parsed = lines if url.path.endswith("_bulk") else lines[0]
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        all_headers = {**dict(self.headers), **dict(headers or {})}
        status, answer = self.cluster.handle(Request(method, url.path, params, parsed, all_headers))
        response_headers = {"content-type": "application/json"}
        if self.cluster.product_header:
            response_headers["x-elastic-product"] = "Elasticsearch"
        meta = ApiResponseMeta(status, "1.1", HttpHeaders(response_headers), 0.0, self.config)
        return NodeApiResponse(meta, json.dumps(answer).encode() if answer is not None else b"")


def make_index(prefix: str = "hotich", bulk: BulkOptions | None = None) -> tuple[ElasticsearchIndex, FakeNode]:
    client = Elasticsearch("http://fake:9200", node_class=FakeNode, max_retries=0)
    node = client.transport.node_pool.all()[0]
    assert isinstance(node, FakeNode)
    return ElasticsearchIndex(client, prefix, bulk), node


@pytest.fixture
def es() -> tuple[ElasticsearchIndex, FakeCluster]:
    index, node = make_index(bulk=BulkOptions(initial_backoff=0.01, max_backoff=0.02))
    return index, node.cluster


def doc(record_id: int, revision: int = 1, record_type: str = "birth", **fields: str) -> IndexDocument:
    return IndexDocument(record_id, revision, record_type, fields, volume_id=1, page_number=1, ward="Bạch Đằng")


def calls(cluster: FakeCluster) -> list[str]:
    return [f"{r.method} {unquote(r.path)}" for r in cluster.requests]


# --- template, settings, mappings ---------------------------------------------------------------


def test_first_write_puts_the_template_and_creates_generation_one_behind_the_alias(
    es: tuple[ElasticsearchIndex, FakeCluster],
) -> None:
    index, cluster = es
    assert index.index([doc(1, subject_name="Nguyễn Thị Hường")]) == 1
    assert calls(cluster) == [
        "HEAD /_alias/hotich-records",
        "PUT /_index_template/hotich-records",
        "GET /hotich-records-v*/_alias",
        "PUT /hotich-records-v1",
        "PUT /_bulk",
    ]
    assert cluster.requests[3].body == {"aliases": {"hotich-records": {"is_write_index": True}}}
    index.index([doc(2, subject_name="Lê Thị Hà")])
    assert calls(cluster)[-1] == "PUT /_bulk"  # the alias is checked once per instance
    assert cluster.aliases["hotich-records"] == {"hotich-records-v1"}


def test_template_patterns_settings_and_no_alias(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    index.index([doc(1)])
    body = cluster.templates["hotich-records"]
    assert body["index_patterns"] == ["hotich-records-*"]
    assert body["priority"] >= 100
    assert "aliases" not in body["template"]  # a generation joins the alias only when swapped in
    settings = body["template"]["settings"]
    assert settings["number_of_shards"] == 1
    analysis = settings["analysis"]
    assert analysis["filter"]["hotich_folding"] == {"type": "asciifolding", "preserve_original": True}
    grams = {"type": "ngram", "min_gram": 2, "max_gram": 3, "token_chars": ["letter", "digit"]}
    assert analysis["tokenizer"]["hotich_grams"] == grams  # a tokenizer: one position per gram
    analyzers = analysis["analyzer"]
    assert analyzers["hotich_exact"] == {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}
    assert analyzers["hotich_folded"]["filter"] == ["lowercase", "hotich_folding"]
    assert analyzers["hotich_ngram"] == {
        "type": "custom",
        "tokenizer": "hotich_grams",
        "filter": ["lowercase", "asciifolding"],
    }
    assert analysis["normalizer"]["hotich_folded"]["filter"] == ["lowercase", "asciifolding"]
    everything = json.dumps(analysis)
    assert "icu" not in everything  # built-in analysis only


def test_mapping_fields() -> None:
    properties = index_template("hotich")["template"]["mappings"]["properties"]
    name = {
        "type": "text",
        "analyzer": "hotich_folded",
        "fields": {
            "exact": {"type": "text", "analyzer": "hotich_exact"},
            "ngram": {"type": "text", "analyzer": "hotich_ngram"},
        },
    }
    assert properties["persons"] == name
    assert set(properties["names"]["properties"]) == set(NAME_FIELDS)
    assert all(spec == name for spec in properties["names"]["properties"].values())
    for date_field in ("dates", "key_date"):
        assert properties[date_field] == {
            "type": "date",
            "format": "yyyy-MM-dd||yyyy-MM||yyyy",
            "ignore_malformed": True,
        }
    assert properties["key_year"] == {"type": "integer"}
    for keyword in ("record_type", "register_type", "sex", "sex_key", "status", "name_keys"):
        assert properties[keyword] == {"type": "keyword"}
    assert properties["ward"]["type"] == "keyword"
    assert properties["ward"]["fields"]["folded"] == {"type": "keyword", "normalizer": "hotich_folded"}
    assert properties["document"] == {"type": "object", "enabled": False}


# --- bulk writes ----------------------------------------------------------------------------------


def test_bulk_actions_carry_external_versions_and_normalised_text(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    decomposed = unicodedata.normalize("NFD", "Phạm Văn Hoà")
    index.index([doc(7, revision=3, subject_name=decomposed, sex="Nam", date_of_birth="1962-03-14")])
    bulk = cluster.requests[-1]
    assert "refresh" not in bulk.params  # no refresh per bulk
    action, body = bulk.body
    assert action == {"index": {"_index": "hotich-records", "_id": "7", "version": 3, "version_type": "external"}}
    assert body["persons"] == body["names"]["subject_name"] == "Phạm Văn Hòa"  # NFC, one tone placement
    assert unicodedata.is_normalized("NFC", body["persons"])
    assert body["document"]["fields"]["subject_name"] == "Phạm Văn Hoà"  # as the catalog has it, NFC
    assert body["name_keys"] == ["hoa pham van"]
    assert body["dates"] == ["1962-03-14"] and body["key_date"] == "1962-03-14" and body["key_year"] == 1962
    assert body["ward"] == "Bạch Đằng" and body["sex_key"] == "nam"
    stored = index.get(7)
    assert stored is not None and stored.fields["subject_name"] == "Phạm Văn Hoà"


def test_source_drops_impossible_dates_and_keeps_the_rest() -> None:
    body = source(doc(1, subject_name="Lê Văn Hà", date_of_birth="1962-02-30", registration_date="1962-03"))
    assert body["dates"] == ["1962-03"]
    assert body["document"]["fields"]["date_of_birth"] == "1962-02-30"
    json.dumps(index_action(doc(1, subject_name="Lê Văn Hà"), "hotich-records"))


def test_older_revision_is_a_skipped_conflict_not_an_error(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, _ = es
    assert index.index([doc(31, revision=2, subject_name="Phan Văn Toàn")]) == 1
    assert index.index([doc(31, revision=1, subject_name="Phan Văn Toán")]) == 0
    assert (index.last_bulk.written, index.last_bulk.skipped) == (0, 1)
    assert index.index([doc(32, revision=3, subject_name="Ngô Bảo Châu"), doc(32, revision=2)]) == 1
    stored = index.get(31)
    assert stored is not None and stored.revision == 2 and stored.fields["subject_name"] == "Phan Văn Toàn"


def test_chunk_size_is_configurable() -> None:
    index, node = make_index(bulk=BulkOptions(chunk_size=2))
    assert index.index(doc(i, subject_name="Lê Văn Hà") for i in range(5)) == 5
    bulks = [r for r in node.cluster.requests if r.path == "/_bulk"]
    assert [len(r.body) // 2 for r in bulks] == [2, 2, 1]


def test_busy_cluster_429_is_retried_with_backoff(
    es: tuple[ElasticsearchIndex, FakeCluster], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, cluster = es
    slept: list[float] = []
    monkeypatch.setattr("elasticsearch.helpers.actions.time.sleep", slept.append)
    cluster.reject["2"] = 2
    assert index.index([doc(1), doc(2), doc(3)]) == 3
    bulks = [r for r in cluster.requests if r.path == "/_bulk"]
    assert [[line["index"]["_id"] for line in r.body[::2]] for r in bulks] == [["1", "2", "3"], ["2"], ["2"]]
    assert slept == [0.01, 0.02]  # initial_backoff, doubled, capped by max_backoff


def test_busy_cluster_after_the_last_retry_is_an_error(
    es: tuple[ElasticsearchIndex, FakeCluster], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, cluster = es
    monkeypatch.setattr("elasticsearch.helpers.actions.time.sleep", lambda _: None)
    cluster.reject["2"] = 99
    with pytest.raises(SearchBackendError, match="429"):
        index.index([doc(1), doc(2)])
    assert index.count() == 1


def test_refused_documents_fail_the_call_without_personal_data(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    cluster.fail["5"] = 400
    with pytest.raises(SearchBackendError) as raised:
        index.index([doc(4, subject_name="Nguyễn Thị Hường"), doc(5, subject_name="Nguyễn Thị Hường")])
    message = str(raised.value)
    assert "record 5" in message and "document_parsing_exception" in message
    assert "Nguyễn" not in message and "Hường" not in message
    assert index.count() == 1  # the rest of the batch went in


def test_delete_sends_bulk_deletes_and_ignores_missing(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    index.index([doc(1), doc(2)])
    index.delete([1, 999])
    action_lines = cluster.requests[-1].body
    assert action_lines == [
        {"delete": {"_index": "hotich-records", "_id": "1"}},
        {"delete": {"_index": "hotich-records", "_id": "999"}},
    ]
    assert (index.last_bulk.written, index.last_bulk.missing) == (1, 1)
    assert index.get(1) is None and index.count() == 1


def test_refresh_is_on_the_alias_and_only_when_asked(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    index.index([doc(1)])
    assert not [c for c in calls(cluster) if "_refresh" in c]
    index.refresh()
    assert calls(cluster)[-1] == "POST /hotich-records/_refresh"


# --- rebuild: a new generation, one alias swap ----------------------------------------------------


def test_rebuild_loads_aside_then_swaps_the_alias_atomically(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    index.index([doc(1), doc(2)])
    cluster.requests.clear()
    assert index.rebuild([doc(41, subject_name="Đinh Tiên Hoàng"), doc(42, subject_name="Lý Thái Tổ")]) == 2
    assert calls(cluster) == [
        "PUT /_index_template/hotich-records",
        "GET /hotich-records-v*/_alias",
        "PUT /hotich-records-v2",
        "PUT /_bulk",
        "PUT /hotich-records-v2/_settings",
        "POST /hotich-records-v2/_refresh",
        "POST /_aliases",
        "DELETE /hotich-records-v1",
    ]
    create, bulk, settings, swap = (cluster.requests[i] for i in (2, 3, 4, 6))
    assert create.body == {"settings": {"index": {"refresh_interval": "-1"}}}  # not in the alias yet
    assert {line["index"]["_index"] for line in bulk.body[::2]} == {"hotich-records-v2"}
    assert settings.body == {"index": {"refresh_interval": None}}
    assert swap.body == {
        "actions": [
            {"remove": {"index": "hotich-records-v1", "alias": "hotich-records"}},
            {"add": {"index": "hotich-records-v2", "alias": "hotich-records", "is_write_index": True}},
        ]
    }
    assert cluster.aliases["hotich-records"] == {"hotich-records-v2"}
    assert set(cluster.indices) == {"hotich-records-v2"}
    assert index.count() == 2 and index.get(1) is None


def test_failed_rebuild_leaves_the_live_generation_alone(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    index.index([doc(1)])

    def documents() -> Any:
        yield doc(2)
        raise RuntimeError("the catalog went away")

    with pytest.raises(RuntimeError):
        index.rebuild(documents())
    assert cluster.aliases["hotich-records"] == {"hotich-records-v1"}
    assert set(cluster.indices) == {"hotich-records-v1"}
    assert index.count() == 1


def test_clear_swaps_in_an_empty_generation(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    index.index([doc(1), doc(2)])
    index.clear()
    assert cluster.aliases["hotich-records"] == {"hotich-records-v2"}
    assert index.count() == 0
    assert index.index([doc(1)]) == 1  # no version tombstone from per-document deletes


def test_drop_deletes_generations_and_template(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    index.index([doc(1)])
    index.drop()
    assert not cluster.indices and not cluster.templates


# --- query bodies ---------------------------------------------------------------------------------


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def matches(body: dict[str, Any], field_name: str) -> list[dict[str, Any]]:
    return [n["match"][field_name] for n in _walk(body) if "match" in n and field_name in n["match"]]


def boosts_of(body: dict[str, Any], field_name: str) -> list[float]:
    found = []
    for node in _walk(body):
        inner = node.get("constant_score", {}).get("filter", {}).get("match", {})
        if field_name in inner:
            found.append(node["constant_score"]["boost"])
    return found


def test_folded_only_when_no_diacritics_typed() -> None:
    body = search_body(SearchQuery(text="nguyen thi huong"))
    assert not matches(body, "persons.exact")
    folded = matches(body, "persons")
    assert {m["query"] for m in folded} == {"nguyen", "thi", "huong"}
    assert {m.get("fuzziness") for m in folded} == {None, FUZZINESS}
    syllables = body["query"]["bool"]["must"][0]["bool"]["should"][0]["bool"]
    assert syllables["minimum_should_match"] == 2 and len(syllables["should"]) == 3  # one may be missing
    grams = matches(body, "persons.ngram")
    assert grams == [{"query": "nguyen thi huong", "minimum_should_match": "80%"}]
    json.dumps(body)


def test_exact_subfield_boosted_highest_when_diacritics_typed() -> None:
    body = search_body(SearchQuery(text="Lê Văn Ha"))
    assert [m["query"] for m in matches(body, "persons.exact")] == ["lê", "văn"]  # "ha" typed bare
    assert boosts_of(body, "persons.exact") == [EXACT, EXACT]
    assert max(boosts_of(body, "persons")) == FOLDED < EXACT
    two = search_body(SearchQuery(text="Hường Nguyễn"))["query"]["bool"]
    assert two["must"][0]["bool"]["minimum_should_match"] == 2  # both syllables; n-grams only rank
    grams = {"match": {"persons.ngram": {"query": "huong nguyen", "minimum_should_match": "80%"}}}
    assert {"constant_score": {"filter": grams, "boost": NGRAM}} in two["should"]


def test_query_text_is_nfc_and_tone_normalised() -> None:
    typed = unicodedata.normalize("NFD", "Phạm Văn Hoà")
    assert search_body(SearchQuery(text=typed)) == search_body(SearchQuery(text="Phạm Văn Hòa"))
    assert "hòa" in [m["query"] for m in matches(search_body(SearchQuery(text=typed)), "persons.exact")]


def test_names_in_any_order_score_the_whole_name_key() -> None:
    body = search_body(SearchQuery(text="huong nguyen thi"))
    should = body["query"]["bool"]["should"]
    assert {"constant_score": {"filter": {"term": {"name_keys": "huong nguyen thi"}}, "boost": 6.0}} in should
    phrases = [n["match_phrase"] for n in _walk(body) if "match_phrase" in n]
    assert phrases == [{"persons": {"query": "huong nguyen thi", "slop": 1}}]


def test_year_and_date_go_to_the_date_fields() -> None:
    body = search_body(SearchQuery(text="nguyen thi huong 1962"))
    should = body["query"]["bool"]["should"]
    year = {"range": {"dates": {"gte": "1962-01-01", "lt": "1963-01-01", "format": "yyyy-MM-dd"}}}
    assert {"constant_score": {"filter": year, "boost": DATE}} in should
    assert {"constant_score": {"filter": {"term": {"key_year": 1962}}, "boost": 2.0}} in should
    only_date = search_body(SearchQuery(text="14/3/1962"))["query"]["bool"]
    assert only_date["must"] == [
        {
            "bool": {
                "should": [{"range": {"dates": {"gte": "1962-03-14", "lt": "1962-03-15", "format": "yyyy-MM-dd"}}}],
                "minimum_should_match": 1,
            }
        }
    ]
    month = search_body(SearchQuery(text="12/1999"))["query"]["bool"]["must"][0]["bool"]["should"]
    assert month == [{"range": {"dates": {"gte": "1999-12-01", "lt": "2000-01-01", "format": "yyyy-MM-dd"}}}]


def test_structured_filters() -> None:
    query = SearchQuery(
        text="huong",
        record_type="birth",
        year_from=1960,
        year_to=1965,
        ward="Bạch Đằng",
        sex="Nữ",
        father_name="Nguyễn Văn Thamh",
        mother_name="tran thi lan",
    )
    assert search_body(query)["query"]["bool"]["filter"] == [
        {"term": {"record_type": "birth"}},
        {"term": {"ward.folded": "bach dang"}},
        {"term": {"sex_key": "nu"}},
        {"range": {"key_year": {"gte": 1960, "lte": 1965}}},
        {"match": {"names.father_name": {"query": "nguyen van thamh", "operator": "and", "fuzziness": FUZZINESS}}},
        {"match": {"names.mother_name": {"query": "tran thi lan", "operator": "and", "fuzziness": FUZZINESS}}},
    ]
    only_from = search_body(SearchQuery(year_from=1980))["query"]
    assert only_from == {"bool": {"filter": [{"range": {"key_year": {"gte": 1980}}}]}}


def test_empty_query_pages_facets_and_totals() -> None:
    body = search_body(SearchQuery(limit=5, offset=10))
    assert body["query"] == {"match_all": {}}
    assert (body["from"], body["size"], body["track_total_hits"]) == (10, 5, True)
    # Pages past the cluster's result window (10,000) are empty, not refused by the cluster.
    last = search_body(SearchQuery(limit=20, offset=9990))
    past = search_body(SearchQuery(limit=20, offset=20000))
    assert (last["from"], last["size"], past["from"], past["size"]) == (9990, 10, 10000, 0)
    assert body["sort"] == [{"_score": {"order": "desc"}}, {"record_id": {"order": "asc"}}]
    assert "aggs" not in body and "highlight" not in body
    aggs = search_body(SearchQuery(text="le", facets=True))["aggs"]
    assert aggs == {
        "record_type": {"terms": {"field": "record_type", "size": 20}},
        "ward": {"terms": {"field": "ward", "size": 50}},
        "sex": {"terms": {"field": "sex", "size": 5}},
        "decade": {"histogram": {"field": "key_year", "interval": 10, "min_doc_count": 1}},
    }


def test_highlight_on_name_fields_with_mark() -> None:
    body = search_body(SearchQuery(text="nguyen thi huong 1962", highlight=True))["highlight"]
    assert (body["pre_tags"], body["post_tags"]) == ([MARK_START], [MARK_END])
    assert body["encoder"] == "default"  # "html" would turn every Vietnamese letter into &#NNNN;
    assert body["number_of_fragments"] == 0  # the whole name, as stored
    assert set(body["fields"]) == {f"names.{n}" for n in NAME_FIELDS}
    father = body["fields"]["names.father_name"]["highlight_query"]["bool"]["should"]
    assert {"match": {"names.father_name": {"query": "nguyen"}}} in father
    assert not any("match_phrase" in n for n in _walk(body))  # syllables marked one by one
    assert "highlight" not in search_body(SearchQuery(text="1962", highlight=True))


# --- reading through the client -------------------------------------------------------------------


def test_search_sends_the_body_and_reads_hits_facets_highlights(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    first = doc(1, subject_name="Nguyễn Thị Hường", sex="Nữ", date_of_birth="1962-03-14")
    index.index([first, doc(2, subject_name="Lê Văn Hà", sex="Nam", date_of_birth="1975-01-01")])
    query = SearchQuery(text="nguyen thi huong", facets=True, highlight=True, limit=10)
    result = index.search(query)
    request = cluster.requests[-1]
    assert f"{request.method} {request.path}" == "POST /hotich-records/_search"
    assert request.body == search_body(query)
    assert result.total == 2
    assert result.hits[0].document == first.normalised()
    assert result.hits[0].highlights == {"subject_name": ["<mark>Nguyễn</mark> Thị Hường &lt;&amp;&gt;"]}
    assert result.facets == {
        "record_type": {"birth": 2},
        "ward": {"Bạch Đằng": 2},
        "sex": {"Nam": 1, "Nữ": 1},
        "decade": {"1960": 1, "1970": 1},
    }


def test_reads_before_the_first_write_are_empty_and_create_nothing(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    assert index.search(SearchQuery(text="le", facets=True)).hits == []
    assert index.get(1) is None and index.count() == 0
    index.refresh()
    assert not cluster.indices and not cluster.templates  # a read-only API key is enough to search


def test_get_and_count(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    index.index([doc(1, subject_name="Trần Văn Đức")])
    assert index.get(1) == doc(1, subject_name="Trần Văn Đức")
    assert cluster.requests[-1].params == {"_source_includes": "document"}
    assert index.count() == 1


# --- errors and settings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (elastic_transport.ConnectionError("refused"), "cannot reach Elasticsearch at http://fake:9200"),
        (elastic_transport.TlsError("certificate verify failed"), "HOTICH_ES_CA_CERTS"),
        (elastic_transport.ConnectionTimeout("slow"), "did not answer in time"),
    ],
)
def test_transport_errors_become_search_backend_errors(raised: Exception, expected: str) -> None:
    index, node = make_index()
    node.raises = raised
    with pytest.raises(SearchBackendError, match=expected):
        index.search(SearchQuery(text="le"))


@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, "HOTICH_ES_API_KEY"), (403, "manage_index_templates"), (500, "answered 500 error while searching")],
)
def test_api_errors_become_search_backend_errors(
    es: tuple[ElasticsearchIndex, FakeCluster], status: int, expected: str
) -> None:
    index, cluster = es
    index.count()
    cluster.answer = lambda request: (status, _error(status)) if request.path.endswith("_search") else None
    with pytest.raises(SearchBackendError, match=expected) as raised:
        index.search(SearchQuery(text="nguyen thi huong"))
    assert "Hường" not in str(raised.value)  # a server's reason may quote the query: never passed on


def test_a_server_that_is_not_elasticsearch(es: tuple[ElasticsearchIndex, FakeCluster]) -> None:
    index, cluster = es
    cluster.product_header = False  # the client checks the first successful answer
    with pytest.raises(SearchBackendError, match="not an Elasticsearch server"):
        index.index([doc(1)])


@pytest.mark.filterwarnings("ignore:Connecting to .* using TLS with verify_certs=False is insecure")
def test_from_url_passes_api_key_and_tls_settings(tmp_path: Any) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("not read until a TLS handshake")
    index = ElasticsearchIndex.from_url(
        "https://es1.example:9243, https://es2.example:9243", prefix="city", api_key="c2VjcmV0", ca_certs=str(ca)
    )
    configs = [node.config for node in index.client.transport.node_pool.all()]
    assert sorted(c.host for c in configs) == ["es1.example", "es2.example"]
    assert all(c.verify_certs and c.ca_certs == str(ca) for c in configs)
    assert index.alias == "city-records"
    assert index.client._headers["authorization"] == "ApiKey c2VjcmV0"
    insecure = ElasticsearchIndex.from_url("https://es.example:9243", verify_certs=False)
    assert not insecure.client.transport.node_pool.all()[0].config.verify_certs
    plain = ElasticsearchIndex.from_url("http://localhost:9200", prefix="hotich-test-1")
    assert plain.client.transport.node_pool.all()[0].config.scheme == "http"
    with pytest.raises(ConfigurationError, match="not https"):
        ElasticsearchIndex.from_url("http://localhost:9200", ca_certs=str(ca))


def test_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigurationError, match="HOTICH_ES_URL"):
        ElasticsearchIndex.from_settings(Settings(search_backend="elasticsearch", es_url=None))
    settings = Settings(search_backend="elasticsearch", es_url="http://localhost:9200", es_index_prefix="hanoi")
    assert ElasticsearchIndex.from_settings(settings).alias == "hanoi-records"
    with pytest.raises(ConfigurationError, match="prefix"):
        ElasticsearchIndex.from_url("http://localhost:9200", prefix="Hà Nội")
