"""Search: one ``SearchIndex`` interface, an embedded backend (default) and an Elasticsearch one."""

from __future__ import annotations

from hotich.errors import ConfigurationError
from hotich.settings import Settings
from indexer.base import SearchIndex


def open_index(settings: Settings) -> SearchIndex:
    """The index the settings name: embedded at ``index_dir``, or an Elasticsearch cluster."""
    if settings.search_backend == "embedded":
        from indexer.embedded import EmbeddedIndex

        return EmbeddedIndex(settings.index_dir)
    if settings.search_backend == "elasticsearch":
        from indexer.elasticsearch import ElasticsearchIndex

        return ElasticsearchIndex.from_settings(settings)
    raise ConfigurationError(f"unknown search backend {settings.search_backend!r}")
