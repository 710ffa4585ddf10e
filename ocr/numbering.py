"""Entry numbers of a register page, checked against each other: a book numbers its entries one after
another, so the entries between two numbers read well are numbered in between.

A number lost to a stain or misread ("3?" for 37, "14" for 74) between two agreeing neighbours is
filled in from them, less surely than a number read; a number nothing agrees with is left as read.
"""

from __future__ import annotations

from hotich.domain import Bbox, ExtractedField, ExtractedRecord

INFERRED_CONFIDENCE = 0.75  # a number filled in between two agreeing neighbours: below the review threshold
FIELD = "registration_number"


def _read(record: ExtractedRecord) -> int | None:
    found = record.fields.get(FIELD)
    if found is None or not found.value.isdigit():
        return None
    return int(found.value)


def number_on(records: list[ExtractedRecord], column: tuple[int, int] | None = None) -> None:
    """Fill in or correct entry numbers that two agreeing neighbours fix: an entry between entries
    numbered n (at i) and n + (j - i) (at j), whose own number is missing or disagrees, is n + its
    distance from i. Two entries agree when their numbers differ by their distance; a number agreeing
    with no other is not trusted as an anchor. ``column``: x range of the number column, for boxes."""
    read = [_read(r) for r in records]
    offsets = [n - i if n is not None else None for i, n in enumerate(read)]
    anchored = [
        offsets[i] is not None and sum(1 for j, o in enumerate(offsets) if j != i and o == offsets[i]) >= 1
        for i in range(len(records))
    ]
    for i, record in enumerate(records):
        if anchored[i]:
            continue
        before = next((k for k in range(i - 1, -1, -1) if anchored[k]), None)
        after = next((k for k in range(i + 1, len(records)) if anchored[k]), None)
        if before is None or after is None or offsets[before] != offsets[after]:
            continue  # past the last agreeing neighbour nothing is sure: an entry may be missing between
        offset = offsets[before]
        assert offset is not None
        value = str(i + offset)
        box = _box(record.bbox, column)
        record.fields[FIELD] = ExtractedField(value, "", INFERRED_CONFIDENCE, box)


def _box(entry: Bbox | None, column: tuple[int, int] | None) -> Bbox | None:
    if entry is None or column is None:
        return entry
    return (column[0], entry[1], column[1], entry[3])
