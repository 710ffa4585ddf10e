"""The ``search_index`` fixture: every backend the contract suite runs against.

Embedded always; Elasticsearch only when ``HOTICH_ES_URL`` names a server (and the backend module is
there), each test on its own index prefix.
"""

from __future__ import annotations

import importlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.base import SearchIndex

ES_URL = os.environ.get("HOTICH_ES_URL")


@pytest.fixture(params=["embedded", "elasticsearch"])
def search_index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchIndex]:
    index: SearchIndex
    if request.param == "embedded":
        from indexer.embedded import EmbeddedIndex

        index = EmbeddedIndex(tmp_path / "index")
    else:
        if not ES_URL:
            pytest.skip("HOTICH_ES_URL is not set")
        try:
            module = importlib.import_module("indexer.elasticsearch")
        except ImportError as error:
            pytest.skip(f"indexer.elasticsearch is not available: {error}")
        index = module.ElasticsearchIndex.from_url(ES_URL, prefix=f"hotich-test-{uuid.uuid4().hex[:12]}")
    try:
        yield index
    finally:
        if request.param == "elasticsearch":
            drop = getattr(index, "drop", None)
            drop() if callable(drop) else index.clear()
        index.close()
