"""Entry numbers of a register page, checked against each other: a book numbers its entries one after
another, so the entries between two numbers read well are numbered in between.

A number lost to a stain or misread ("3?" for 37, "14" for 74) between two agreeing neighbours is
filled in from them, less surely than a number read; past the last of them it is counted on, less surely
still; a number read in order that nothing agrees with is left as read.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from hotich.domain import Bbox, ExtractedField, ExtractedRecord

INFERRED_CONFIDENCE = 0.75  # a number filled in between two agreeing neighbours: below the review threshold
COUNTED_ON_CONFIDENCE = 0.6  # a number counted on past the last agreeing neighbour: an entry may be missing
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
    anchored = _anchors(read)
    for i, record in enumerate(records):
        if anchored[i]:
            continue
        before = next((k for k in range(i - 1, -1, -1) if anchored[k]), None)
        after = next((k for k in range(i + 1, len(records)) if anchored[k]), None)
        if before is not None and after is not None and offsets[before] == offsets[after]:
            offset, confidence = offsets[before], INFERRED_CONFIDENCE
        elif (before is None) != (after is None):
            # Past the last agreeing neighbour an entry may be missing in between: a number read a slip
            # away from the one counted on ("30" for 305) is taken for it; a number lost, or read out of
            # order ("13" after 157), is counted on less surely; a number read in order is left as read.
            neighbour = before if before is not None else after
            assert neighbour is not None
            offset, anchor = offsets[neighbour], read[neighbour]
            assert offset is not None and anchor is not None
            found, number = record.fields.get(FIELD), read[i]
            if found is not None and Levenshtein.distance(found.value, str(i + offset)) == 1:
                confidence = INFERRED_CONFIDENCE
            elif found is None or number is None or (number - anchor) * (i - neighbour) <= 0:
                confidence = COUNTED_ON_CONFIDENCE
            else:
                _doubt(record, anchored)
                continue
        else:
            _doubt(record, anchored)
            continue
        assert offset is not None
        value = str(i + offset)
        box = _box(record.bbox, column)
        record.fields[FIELD] = ExtractedField(value, "", confidence, box)


def _anchors(read: list[int | None]) -> list[bool]:
    """Which numbers read are trusted: those agreeing with another (numbers differing by their distance),
    group by group, a group kept only if its numbers rise with those kept before it. Short misreads agree
    by chance ("1" and "6" among 51 … 57) but fall out of order. Larger groups come first, then those with
    more digits: a misread loses digits more often than it gains them."""
    numbers = {index: number for index, number in enumerate(read) if number is not None}
    groups: dict[int, list[int]] = {}
    for index, number in numbers.items():
        groups.setdefault(number - index, []).append(index)
    kept: list[int] = []
    for members in sorted(groups.values(), key=lambda m: (-len(m), -sum(len(str(numbers[i])) for i in m), m[0])):
        if len(members) < 2:
            break
        if all((numbers[i] - numbers[k]) * (i - k) > 0 for i in members for k in kept):
            kept += members
    return [index in kept for index in range(len(read))]


DOUBTED_CONFIDENCE = 0.8  # ceiling for a number read that agrees with none of the page's agreeing numbers


def _doubt(record: ExtractedRecord, anchored: list[bool]) -> None:
    """A number read that fits no other entry, on a page whose other numbers run in order ("1954"
    among 207 … 212): perhaps a year read in the number column, or a misread digit."""
    found = record.fields.get(FIELD)
    if found is not None and sum(anchored) >= 2 and (found.confidence or 0.0) > DOUBTED_CONFIDENCE:
        record.fields[FIELD] = replace(found, confidence=DOUBTED_CONFIDENCE)


def _box(entry: Bbox | None, column: tuple[int, int] | None) -> Bbox | None:
    if entry is None or column is None:
        return entry
    return (column[0], entry[1], column[1], entry[3])
