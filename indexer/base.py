"""The ``SearchIndex`` interface that every backend implements, and the shapes that cross it.

The index is a projection of the catalog: an ``IndexDocument`` is built from a catalog record and can
always be rebuilt from it. Both backends pass one contract test suite (tests/indexer/).
"""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from hotich.domain import nfc


@dataclass
class IndexDocument:
    record_id: int
    revision: int
    record_type: str
    fields: dict[str, str]  # field name -> normalised value (NFC; dates ISO, possibly partial)
    volume_id: int | None = None
    page_number: int | None = None
    ward: str | None = None  # ward or registration office of the volume
    register_type: str | None = None
    volume_year: int | None = None
    book_number: str | None = None
    image: str | None = None  # URL path of the page image for the UI
    status: str = "ok"  # "ok" or "review"

    def normalised(self) -> IndexDocument:
        """The same document with every text NFC-normalised, without NUL or SOH (what backends store)."""
        texts = "\x02".join([*self.fields, *self.fields.values(), self.ward or "", self.book_number or ""])
        if unicodedata.is_normalized("NFC", texts) and "\x00" not in texts and "\x01" not in texts:
            return self
        return replace(
            self,
            fields={nfc(name): _clean(value) for name, value in self.fields.items()},
            ward=nfc(self.ward) if self.ward else self.ward,
            book_number=nfc(self.book_number) if self.book_number else self.book_number,
        )


def _clean(text: str) -> str:
    return nfc(text).replace("\x00", "").replace("\x01", "")


@dataclass
class SearchQuery:
    text: str = ""
    record_type: str | None = None
    year_from: int | None = None  # on the subject's key date (birth, marriage registration, death)
    year_to: int | None = None
    ward: str | None = None
    sex: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    limit: int = 20
    offset: int = 0
    facets: bool = False
    highlight: bool = False


@dataclass
class SearchHit:
    record_id: int
    score: float
    document: IndexDocument
    highlights: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        doc = self.document
        return {
            "record_id": self.record_id,
            "record_type": doc.record_type,
            "score": round(self.score, 4),
            "fields": dict(doc.fields),
            "page": {"volume_id": doc.volume_id, "page_number": doc.page_number, "image": doc.image},
        }


@dataclass
class SearchResult:
    hits: list[SearchHit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> count
    took_ms: float = 0.0


class SearchIndex(ABC):
    """A search index over catalog records. Implementations: embedded (default), Elasticsearch."""

    @abstractmethod
    def index(self, documents: Iterable[IndexDocument]) -> int:
        """Add or replace documents (bulk). An older revision never overwrites a newer one.
        Returns how many were written."""

    @abstractmethod
    def delete(self, record_ids: Iterable[int]) -> None: ...

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult: ...

    @abstractmethod
    def get(self, record_id: int) -> IndexDocument | None: ...

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def clear(self) -> None:
        """Remove every document (the first step of a rebuild)."""

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Replace the whole content with ``documents``. Backends that can build aside and swap (an
        alias, a new directory) override this so searches never see a half-built index."""
        self.clear()
        written = self.index(documents)
        self.refresh()
        return written

    def refresh(self) -> None:  # noqa: B027 - optional hook, a no-op where writes are visible at once
        """Make what was written visible to search."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files, connections."""
