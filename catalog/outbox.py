"""Keeping the search index in step with the catalog.

The catalog commits first; then the index is written; then ``indexed_revision`` is raised. A crash
between the two writes leaves the record lagging (``indexed_revision < revision``), and the next sync
indexes it again. The index ignores a revision older than the one it holds, so repeats are harmless.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from catalog.db import session_scope
from catalog.models import Record
from catalog.records import load_records, to_index_document
from indexer.base import IndexDocument, SearchIndex

BATCH = 2000


def count_lagging(session: Session) -> int:
    query = select(func.count()).select_from(Record).where(Record.indexed_revision < Record.revision)
    return int(session.scalar(query) or 0)


def sync_index(database_url: str, index: SearchIndex, batch: int = BATCH) -> int:
    """Index every record whose current revision the index does not have yet. Returns how many."""
    done = 0
    last_id = 0
    while True:
        with session_scope(database_url) as session:
            ids = list(
                session.scalars(
                    select(Record.id)
                    .where(Record.indexed_revision < Record.revision, Record.id > last_id)
                    .order_by(Record.id)
                    .limit(batch)
                )
            )
            if not ids:
                break
            records = load_records(session, ids)
            index.index(to_index_document(r) for r in records)
            index.refresh()
            for record in records:
                session.execute(
                    update(Record)
                    .where(Record.id == record.id, Record.indexed_revision < record.revision)
                    .values(indexed_revision=record.revision)
                )
            done += len(records)
            last_id = ids[-1]
    return done


def _all_documents(database_url: str, seen: dict[int, int], batch: int) -> Iterator[IndexDocument]:
    """Every record's current revision, in id order, noting (id -> revision) in ``seen``."""
    last_id = 0
    while True:
        with session_scope(database_url) as session:
            query = select(Record.id).where(Record.id > last_id).order_by(Record.id).limit(batch)
            ids = list(session.scalars(query))
            if not ids:
                return
            docs = [to_index_document(r) for r in load_records(session, ids)]
        for doc in docs:
            seen[doc.record_id] = doc.revision
        yield from docs
        last_id = ids[-1]


def rebuild_index(database_url: str, index: SearchIndex, batch: int = BATCH) -> int:
    """``hotich reindex``: rebuild the whole index from the catalog, the source of truth.

    Records are marked indexed only once the rebuild has finished, and only at the revision it read."""
    seen: dict[int, int] = {}
    written = index.rebuild(_all_documents(database_url, seen, batch))
    with session_scope(database_url) as session:
        for record_id, revision in seen.items():
            session.execute(
                update(Record)
                .where(Record.id == record_id, Record.revision == revision)
                .values(indexed_revision=revision)
            )
    return written
