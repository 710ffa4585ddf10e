"""The Elasticsearch backend: a city's or a province's records on a cluster (8.x or 9.x servers).

Layout: a composable index template for ``<prefix>-records-*`` holds the analyzers and the mapping
(es_mapping.py); each generation is an index ``<prefix>-records-v<N>``; every read and write goes through
the alias ``<prefix>-records``. ``rebuild`` fills the next generation aside (no refresh while loading),
swaps the alias in one ``update_aliases`` call and deletes the old generation, so a search never sees a
half-built index. Writes carry the record's revision as an external version: Elasticsearch itself refuses
an older revision (409), which is counted as skipped. Nothing is refreshed per bulk; ``refresh()`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TlsError, TransportError
from elasticsearch import (
    ApiError,
    AuthenticationException,
    AuthorizationException,
    BadRequestError,
    Elasticsearch,
    NotFoundError,
    UnsupportedProductError,
)
from elasticsearch.helpers import streaming_bulk

from hotich.errors import ConfigurationError, SearchBackendError
from hotich.settings import Settings
from indexer.base import IndexDocument, SearchIndex, SearchQuery, SearchResult
from indexer.es_mapping import (
    alias_name,
    delete_action,
    from_source,
    index_action,
    index_name,
    index_template,
    index_version,
    template_name,
    valid_prefix,
)
from indexer.es_query import search_body, search_result

REQUEST_TIMEOUT = 30.0  # seconds; a bulk chunk of 500 short records takes well under one


@dataclass(frozen=True)
class BulkOptions:
    """How ``helpers.streaming_bulk`` sends writes: chunk size, and retries of 429 (cluster busy) with
    exponential backoff: ``initial_backoff`` seconds, doubling up to ``max_backoff``."""

    chunk_size: int = 500
    max_retries: int = 5
    initial_backoff: float = 2.0
    max_backoff: float = 60.0


@dataclass
class BulkOutcome:
    written: int = 0
    skipped: int = 0  # an older (or the same) revision than the one the index holds: 409, as intended
    missing: int = 0  # deletes of records the index did not have


class ElasticsearchIndex(SearchIndex):
    def __init__(self, client: Elasticsearch, prefix: str = "hotich", bulk: BulkOptions | None = None) -> None:
        if not valid_prefix(prefix):
            raise ConfigurationError(f"the Elasticsearch index prefix {prefix!r} must be lower case, without spaces")
        self.client = client
        self.prefix = prefix
        self.alias = alias_name(prefix)
        self.bulk = bulk or BulkOptions()
        self.last_bulk = BulkOutcome()
        self._ready = False
        nodes = client.transport.node_pool.all()
        self._where = ", ".join(f"{n.scheme}://{n.host}:{n.port}{n.path_prefix}" for n in nodes) or "?"

    @classmethod
    def from_settings(cls, settings: Settings) -> ElasticsearchIndex:
        if not settings.es_url:
            raise ConfigurationError("HOTICH_SEARCH_BACKEND=elasticsearch needs HOTICH_ES_URL (the cluster's URL)")
        return cls.from_url(
            settings.es_url,
            prefix=settings.es_index_prefix,
            api_key=settings.es_api_key,
            verify_certs=settings.es_verify_certs,
            ca_certs=settings.es_ca_certs,
        )

    @classmethod
    def from_url(
        cls,
        url: str,
        prefix: str = "hotich",
        api_key: str | None = None,
        verify_certs: bool = True,
        ca_certs: str | None = None,
    ) -> ElasticsearchIndex:
        """A client for one URL or several, comma separated; TLS options apply to https URLs only."""
        hosts = [part.strip() for part in url.split(",") if part.strip()]
        if not hosts:
            raise ConfigurationError("HOTICH_ES_URL is empty")
        secure = [urlsplit(h).scheme == "https" for h in hosts]
        options: dict[str, Any] = {"request_timeout": REQUEST_TIMEOUT, "retry_on_timeout": True, "max_retries": 3}
        if api_key:
            options["api_key"] = api_key
        if ca_certs and not all(secure):
            raise ConfigurationError("HOTICH_ES_CA_CERTS is set, but HOTICH_ES_URL is not https")
        if all(secure):
            options["verify_certs"] = verify_certs
            if ca_certs:
                options["ca_certs"] = ca_certs
        try:
            client = Elasticsearch(hosts, **options)
        except (ValueError, TypeError, OSError) as error:
            raise ConfigurationError(f"Elasticsearch settings can't be used: {error}") from error
        return cls(client, prefix)

    # --- errors -------------------------------------------------------------------------------

    @contextmanager
    def _guard(self, doing: str, detail: bool = False) -> Iterator[None]:
        """Client errors become ``SearchBackendError`` saying what failed and which setting to check.
        Server reasons are quoted only where ``detail`` (they may quote a record's or a query's text)."""
        where = self._where
        try:
            yield
        except TlsError as error:
            raise SearchBackendError(
                f"TLS with Elasticsearch at {where} failed while {doing}: {error.message}. Check HOTICH_ES_CA_CERTS "
                "(the cluster's CA certificate) or HOTICH_ES_VERIFY_CERTS"
            ) from error
        except ConnectionTimeout as error:
            raise SearchBackendError(f"Elasticsearch at {where} did not answer in time while {doing}") from error
        except TransportConnectionError as error:
            raise SearchBackendError(
                f"cannot reach Elasticsearch at {where} while {doing} (check HOTICH_ES_URL and that the cluster is up)"
            ) from error
        except AuthenticationException as error:
            raise SearchBackendError(
                f"Elasticsearch at {where} refused the credentials while {doing} (401): check HOTICH_ES_API_KEY"
            ) from error
        except AuthorizationException as error:
            raise SearchBackendError(
                f"the API key may not do this on Elasticsearch at {where}: {doing} (403). It needs the index "
                f"privileges all on {self.prefix}-records* and the cluster privilege manage_index_templates"
            ) from error
        except UnsupportedProductError as error:
            raise SearchBackendError(f"{where} is not an Elasticsearch server (HOTICH_ES_URL)") from error
        except ApiError as error:
            reason = f": {_reason(error)}" if detail else ""
            raise SearchBackendError(
                f"Elasticsearch at {where} answered {error.status_code} {error.error} while {doing}{reason}"
            ) from error
        except TransportError as error:
            raise SearchBackendError(f"Elasticsearch at {where} failed while {doing}: {error.message}") from error

    # --- generations and the alias ------------------------------------------------------------

    def _put_template(self) -> None:
        with self._guard("putting the index template", detail=True):
            self.client.indices.put_index_template(name=template_name(self.prefix), **_template_kwargs(self.prefix))

    def _generations(self) -> dict[str, bool]:
        """Every ``<prefix>-records-v<N>`` index → whether the alias points to it."""
        with self._guard("listing the index generations", detail=True):
            found = self.client.indices.get_alias(index=f"{self.prefix}-records-v*").body
        return {
            name: self.alias in (info.get("aliases") or {})
            for name, info in found.items()
            if index_version(self.prefix, name) is not None
        }

    def _next_index(self, generations: Iterable[str]) -> str:
        versions = [index_version(self.prefix, name) or 0 for name in generations]
        return index_name(self.prefix, max(versions, default=0) + 1)

    def _ensure(self) -> None:
        """On a fresh cluster: the template, the first generation and the alias (once per instance)."""
        if self._ready:
            return
        with self._guard("looking for the index alias"):
            exists = bool(self.client.indices.exists_alias(name=self.alias))
        if not exists:
            self._put_template()
            first = self._next_index(self._generations())
            with self._guard(f"creating the index {first}", detail=True):
                try:
                    self.client.indices.create(index=first, aliases={self.alias: {"is_write_index": True}})
                except BadRequestError as error:
                    if error.error != "resource_already_exists_exception":  # another process was first
                        raise
        self._ready = True

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Load the next generation aside, then swap the alias to it atomically and drop the old ones."""
        self._put_template()
        generations = self._generations()
        fresh = self._next_index(generations)
        with self._guard(f"creating the index {fresh}", detail=True):
            self.client.indices.create(index=fresh, settings={"index": {"refresh_interval": "-1"}})
        try:
            written = self._bulk(index_action(d, fresh) for d in documents).written
            with self._guard(f"refreshing the index {fresh}", detail=True):
                self.client.indices.put_settings(index=fresh, settings={"index": {"refresh_interval": None}})
                self.client.indices.refresh(index=fresh)
        except BaseException:
            with suppress(Exception):  # best effort: the error that stopped the load is the one to report
                self.client.indices.delete(index=fresh, ignore_unavailable=True)
            raise
        with self._guard(f"moving the alias {self.alias} to {fresh}", detail=True):
            self.client.indices.update_aliases(actions=alias_swap(self.alias, generations, fresh))
        stale = sorted(name for name in generations if name != fresh)
        if stale:
            with self._guard("deleting the old index generations", detail=True):
                self.client.indices.delete(index=stale, ignore_unavailable=True)
        self._ready = True
        return written

    def clear(self) -> None:
        """An empty generation swapped in (no per-document deletes, no version tombstones left)."""
        self.rebuild([])

    def drop(self) -> None:
        """Delete every generation and the template (tests; uninstall)."""
        generations = sorted(self._generations())
        with self._guard("deleting the index generations", detail=True):
            if generations:
                self.client.indices.delete(index=generations, ignore_unavailable=True)
            with suppress(NotFoundError):
                self.client.indices.delete_index_template(name=template_name(self.prefix))
        self._ready = False

    # --- writing ------------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> int:
        self._ensure()
        return self._bulk(index_action(d, self.alias) for d in documents).written

    def delete(self, record_ids: Iterable[int]) -> None:
        self._ensure()
        self._bulk(delete_action(i, self.alias) for i in record_ids)

    def _bulk(self, actions: Iterable[dict[str, Any]]) -> BulkOutcome:
        """Send ``actions`` through ``helpers.streaming_bulk``; 409 (older revision) and a delete's 404 are
        expected; anything else fails the call once every chunk has been sent."""
        outcome = BulkOutcome()
        failed: list[tuple[str, int, str]] = []  # (record id, status, error type): no names, no dates
        options = self.bulk
        with self._guard("writing records"):
            for ok, item in streaming_bulk(
                self.client,
                actions,
                chunk_size=options.chunk_size,
                max_retries=options.max_retries,
                initial_backoff=options.initial_backoff,
                max_backoff=options.max_backoff,
                raise_on_error=False,
                raise_on_exception=True,
            ):
                operation, info = next(iter(item.items()))
                status = int(info.get("status", 500))
                if ok:
                    outcome.written += 1
                elif status == 409 and operation == "index":
                    outcome.skipped += 1
                elif status == 404 and operation == "delete":
                    outcome.missing += 1
                else:
                    error = info.get("error")
                    kind = error.get("type", "error") if isinstance(error, dict) else str(error or "error")
                    failed.append((str(info.get("_id", "?")), status, kind))
        self.last_bulk = outcome
        if failed:
            record, status, kind = failed[0]
            raise SearchBackendError(
                f"Elasticsearch at {self._where} refused {len(failed)} record write(s), e.g. record {record}: "
                f"{status} {kind}" + (" (cluster still busy after retries)" if status == 429 else "")
            )
        return outcome

    def refresh(self) -> None:
        with self._guard("refreshing the index"), _unless_missing():
            self.client.indices.refresh(index=self.alias)

    # --- reading: no alias yet (nothing written) reads as empty; a read-only API key is enough ---------

    def search(self, query: SearchQuery) -> SearchResult:
        body = search_body(query)
        with self._guard("searching"), _unless_missing():
            return search_result(self.client.search(index=self.alias, body=body).body)
        return SearchResult([], 0)

    def get(self, record_id: int) -> IndexDocument | None:
        with self._guard("reading a record"), suppress(NotFoundError):
            found = self.client.get(index=self.alias, id=str(int(record_id)), source_includes=["document"]).body
            return from_source(found["_source"]) if found.get("found") else None
        return None

    def count(self) -> int:
        with self._guard("counting records"), _unless_missing():
            return int(self.client.count(index=self.alias).body["count"])
        return 0

    def close(self) -> None:
        self.client.close()


@contextmanager
def _unless_missing() -> Iterator[None]:
    """Swallow "no such index" (the alias before the first write); any other 404 is an error."""
    try:
        yield
    except NotFoundError as error:
        if error.error != "index_not_found_exception":
            raise


def alias_swap(alias: str, generations: dict[str, bool], fresh: str) -> list[dict[str, Any]]:
    """One atomic ``update_aliases`` call: off every generation that holds the alias, onto ``fresh``."""
    removes = [{"remove": {"index": name, "alias": alias}} for name, holds in sorted(generations.items()) if holds]
    return [*removes, {"add": {"index": fresh, "alias": alias, "is_write_index": True}}]


def _template_kwargs(prefix: str) -> dict[str, Any]:
    body = index_template(prefix)
    return {
        "index_patterns": body["index_patterns"],
        "priority": body["priority"],
        "template": body["template"],
        "meta": body["_meta"],
    }


def _reason(error: ApiError) -> str:
    info = error.info if isinstance(error.info, dict) else {}
    cause = info.get("error", {})
    if isinstance(cause, dict):
        root = (cause.get("root_cause") or [cause])[0]
        return str(root.get("reason", "")) if isinstance(root, dict) else str(root)
    return str(cause)
