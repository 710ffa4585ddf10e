"""How close a reading is to the ground truth: character and word error rates, per page and pooled.

Both sides are compared in one canonical form, so conventions are not counted as errors: NFC, one
tone-mark placement (hòa = hoà), whitespace collapsed to single spaces and single line breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from hotich.text import normalise_tone_placement


def canonical(text: str) -> str:
    lines = (" ".join(line.split()) for line in normalise_tone_placement(text).splitlines())
    return "\n".join(line for line in lines if line)


@dataclass
class ErrorCount:
    """Edits and reference length, so rates pool over pages by summing (not by averaging rates)."""

    char_edits: int = 0
    chars: int = 0
    word_edits: int = 0
    words: int = 0

    def add(self, other: ErrorCount) -> None:
        self.char_edits += other.char_edits
        self.chars += other.chars
        self.word_edits += other.word_edits
        self.words += other.words

    @property
    def cer(self) -> float:
        return self.char_edits / self.chars if self.chars else 0.0

    @property
    def wer(self) -> float:
        return self.word_edits / self.words if self.words else 0.0


def count_errors(predicted: str, truth: str) -> ErrorCount:
    """Edits between a reading and the truth. Line breaks count as spaces: layout is not text."""
    got, want = canonical(predicted).replace("\n", " "), canonical(truth).replace("\n", " ")
    got_words, want_words = got.split(), want.split()
    return ErrorCount(
        Levenshtein.distance(got, want),
        len(want),
        Levenshtein.distance(got_words, want_words),
        len(want_words),
    )


# --- records ------------------------------------------------------------------------------------


@dataclass
class FieldCount:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: FieldCount) -> None:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative


@dataclass
class RecordScore:
    """Extraction on one or more pages: record types, fields (pooled and by name), calibration."""

    records: int = 0
    types_right: int = 0
    found: int = 0  # true records paired with a reading that agrees on at least one field
    found_types_right: int = 0
    fields: FieldCount | None = None
    by_field: dict[str, FieldCount] | None = None
    confident: int = 0  # predicted fields with confidence >= 0.9
    confident_right: int = 0

    def __post_init__(self) -> None:
        self.fields = self.fields or FieldCount()
        self.by_field = self.by_field if self.by_field is not None else {}

    def add(self, other: RecordScore) -> None:
        assert self.fields is not None and self.by_field is not None
        assert other.fields is not None and other.by_field is not None
        self.records += other.records
        self.types_right += other.types_right
        self.found += other.found
        self.found_types_right += other.found_types_right
        self.fields.add(other.fields)
        for name, count in other.by_field.items():
            self.by_field.setdefault(name, FieldCount()).add(count)
        self.confident += other.confident
        self.confident_right += other.confident_right

    @property
    def type_accuracy(self) -> float:
        return self.types_right / self.records if self.records else 1.0

    @property
    def found_share(self) -> float:
        return self.found / self.records if self.records else 1.0

    @property
    def found_type_accuracy(self) -> float:
        """Type accuracy over the entries that were found: a missed entry is not a misclassified one."""
        return self.found_types_right / self.found if self.found else 1.0

    @property
    def calibration(self) -> float:
        return self.confident_right / self.confident if self.confident else 1.0


def field_value(value: object) -> str:
    """A ground-truth bare string or a FieldValue object, in comparable form."""
    raw = value.get("value", "") if isinstance(value, dict) else str(value)
    return canonical(str(raw)).casefold()


def _agreement(predicted: dict[str, Any], truth: dict[str, Any]) -> int:
    return sum(
        1 for name, value in truth.items() if name in predicted and field_value(predicted[name]) == field_value(value)
    )


def pair_records(predicted: list[dict[str, Any]], truth: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
    """(predicted index, true index, agreeing fields) of each pair, one to one, most agreeing fields first."""
    pairs = sorted(
        ((_agreement(p["fields"], t["fields"]), i, j) for i, p in enumerate(predicted) for j, t in enumerate(truth)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_t: set[int] = set()
    matches: list[tuple[int, int, int]] = []
    for agreeing, i, j in pairs:
        if i not in used_p and j not in used_t:
            used_p.add(i)
            used_t.add(j)
            matches.append((i, j, agreeing))
    return matches


def score_records(predicted: list[dict[str, Any]], truth: list[dict[str, Any]]) -> RecordScore:
    """Pair predicted records with true ones (``pair_records``) and count field by field."""
    score = RecordScore(records=len(truth))
    assert score.fields is not None and score.by_field is not None
    found = pair_records(predicted, truth)
    matches = [(i, j) for i, j, _ in found]
    for i, j, agreeing in found:
        type_right = predicted[i]["record_type"] == truth[j]["record_type"]
        score.types_right += type_right
        if agreeing:
            score.found += 1
            score.found_types_right += type_right
    paired = dict(matches)
    for i, record in enumerate(predicted):
        want: dict[str, Any] = truth[paired[i]]["fields"] if i in paired else {}
        got: dict[str, Any] = record["fields"]
        for name, value in got.items():
            right = name in want and field_value(value) == field_value(want[name])
            count = score.by_field.setdefault(name, FieldCount())
            if right:
                count.true_positive += 1
                score.fields.true_positive += 1
            else:
                count.false_positive += 1
                score.fields.false_positive += 1
            confidence = value.get("confidence") if isinstance(value, dict) else None
            if isinstance(confidence, int | float) and confidence >= 0.9:
                score.confident += 1
                score.confident_right += int(right)
    for j, record in enumerate(truth):
        got_fields: dict[str, Any] = next((predicted[i]["fields"] for i, t in matches if t == j), {})
        for name, value in record["fields"].items():
            if not (name in got_fields and field_value(got_fields[name]) == field_value(value)):
                score.by_field.setdefault(name, FieldCount()).false_negative += 1
                score.fields.false_negative += 1
    return score
