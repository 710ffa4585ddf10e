"""The index follows the catalog: a crash between the catalog commit and the index write loses nothing."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from catalog.db import session_scope
from catalog.models import Page, Record
from catalog.outbox import count_lagging, rebuild_index, sync_index
from catalog.records import VolumeInfo, add_records, correct_record, get_or_create_volume
from hotich.domain import ExtractedField, ExtractedRecord, RecordType
from indexer.base import IndexDocument, SearchIndex, SearchQuery, SearchResult


class RecordingIndex(SearchIndex):
    """Keeps documents in a dict, newest revision wins; can be told to fail like a server going away."""

    def __init__(self, fail: bool = False) -> None:
        self.docs: dict[int, IndexDocument] = {}
        self.fail = fail

    def index(self, documents: Iterable[IndexDocument]) -> int:
        written = 0
        for doc in documents:
            if self.fail:
                raise ConnectionError("index unavailable")
            held = self.docs.get(doc.record_id)
            if held is None or held.revision <= doc.revision:
                self.docs[doc.record_id] = doc
                written += 1
        return written

    def delete(self, record_ids: Iterable[int]) -> None:
        for record_id in record_ids:
            self.docs.pop(record_id, None)

    def search(self, query: SearchQuery) -> SearchResult:
        raise AssertionError("not used here")

    def get(self, record_id: int) -> IndexDocument | None:
        return self.docs.get(record_id)

    def count(self) -> int:
        return len(self.docs)

    def clear(self) -> None:
        self.docs.clear()


def _seed(url: str, n: int) -> list[int]:
    with session_scope(url) as session:
        volume = get_or_create_volume(session, VolumeInfo(ward="Hàng Bạc", register_type="birth", year_from=1970))
        page = Page(volume_id=volume.id, page_number=1, source_sha256="b" * 64, source_name="p.png")
        session.add(page)
        session.flush()
        records = [
            ExtractedRecord(
                RecordType.BIRTH,
                {"subject_name": ExtractedField(f"Phạm Văn {chr(65 + i)}", confidence=0.95)},
                entry_index=i,
            )
            for i in range(n)
        ]
        return [r.id for r in add_records(session, page, records, 0.9)]


def test_a_failed_index_write_leaves_records_lagging_and_the_next_sync_repairs_it(catalog_url: str) -> None:
    ids = _seed(catalog_url, 3)
    with pytest.raises(ConnectionError):
        sync_index(catalog_url, RecordingIndex(fail=True))
    with session_scope(catalog_url) as session:
        assert count_lagging(session) == 3

    index = RecordingIndex()
    assert sync_index(catalog_url, index) == 3
    assert sorted(index.docs) == sorted(ids)
    with session_scope(catalog_url) as session:
        assert count_lagging(session) == 0
    assert sync_index(catalog_url, index) == 0  # nothing left to do


def test_a_correction_reaches_the_index_as_a_newer_revision(catalog_url: str) -> None:
    (record_id,) = _seed(catalog_url, 1)
    index = RecordingIndex()
    sync_index(catalog_url, index)
    with session_scope(catalog_url) as session:
        correct_record(session, record_id, {"subject_name": "Phạm Văn Ánh"}, author="reviewer")
        assert count_lagging(session) == 1
    sync_index(catalog_url, index)
    doc = index.get(record_id)
    assert doc is not None and doc.revision == 2 and doc.fields["subject_name"] == "Phạm Văn Ánh"


def test_rebuild_replaces_everything_and_marks_records_indexed(catalog_url: str) -> None:
    ids = _seed(catalog_url, 4)
    index = RecordingIndex()
    index.docs[999] = IndexDocument(999, 1, "birth", {"subject_name": "stale"})
    assert rebuild_index(catalog_url, index, batch=3) == 4
    assert sorted(index.docs) == sorted(ids)
    with session_scope(catalog_url) as session:
        assert count_lagging(session) == 0
        assert session.get(Record, ids[0]) is not None
