"""How well extraction reads pages with known ground truth: record-type accuracy, per-field
precision/recall/F1, and calibration (of the fields read with confidence ≥ 0.9, the share that is right).

Predicted records are paired with true ones by box overlap where both have boxes, then by agreeing
fields, then by entry order. Values are compared after NFC, one tone-mark placement and collapsed
whitespace (hòa = hoà is spelling convention, not an error); dates are ISO on both sides, so exact.
A wrong value counts once as a false positive and once as a false negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hotich.domain import Bbox, ExtractedRecord, nfc
from hotich.text import normalise_tone_placement

CONFIDENT = 0.9
BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01)


@dataclass
class _Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        found, wanted = self.tp + self.fp, self.tp + self.fn
        precision = self.tp / found if found else 1.0
        recall = self.tp / wanted if wanted else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def canonical(value: object) -> str:
    """A bare ground-truth string or a {"value": …} object, in comparable form."""
    text = value.get("value", "") if isinstance(value, dict) else str(value)
    return " ".join(normalise_tone_placement(nfc(str(text))).split())


def _overlap(a: Bbox | None, b: Any) -> float:
    """Intersection over the smaller box (0 when either is missing)."""
    if a is None or not b or len(b) != 4:
        return 0.0
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    if x1 <= x0 or y1 <= y0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return (x1 - x0) * (y1 - y0) / smaller if smaller > 0 else 0.0


def _agreement(record: ExtractedRecord, truth: dict[str, Any]) -> float:
    fields = truth.get("fields", {})
    if not fields:
        return 0.0
    got = {name: canonical(f.value) for name, f in record.fields.items()}
    return sum(1 for name, value in fields.items() if got.get(name) == canonical(value)) / len(fields)


def match(predicted: list[ExtractedRecord], truth: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(predicted index, true index) pairs, best first: box overlap, agreeing fields, entry order."""
    scored = []
    for i, record in enumerate(predicted):
        for j, true in enumerate(truth):
            overlap = _overlap(record.bbox, true.get("bbox"))
            agreement = _agreement(record, true)
            if overlap < 0.3 and agreement == 0.0 and len(predicted) * len(truth) > 1:
                continue
            order = 1.0 / (1 + abs(record.entry_index - int(true.get("entry_index", j))))
            scored.append((overlap + agreement + 0.1 * order, i, j))
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_t: set[int] = set()
    for _, i, j in sorted(scored, reverse=True):
        if i not in used_p and j not in used_t:
            used_p.add(i)
            used_t.add(j)
            pairs.append((i, j))
    return pairs


def evaluate(pages: list[tuple[list[ExtractedRecord], list[dict[str, Any]]]]) -> dict[str, Any]:
    """Scores over pages of (predicted records, ground-truth records as in the page JSON)."""
    total = _Count()
    by_field: dict[str, _Count] = {}
    true_records = predicted_records = matched = types_right = 0
    bins = [[0, 0] for _ in BINS[:-1]]  # [fields, right] per confidence bin
    for predicted, truth in pages:
        true_records += len(truth)
        predicted_records += len(predicted)
        pairs = match(predicted, truth)
        matched += len(pairs)
        paired = dict(pairs)
        for i, j in pairs:
            types_right += int(predicted[i].record_type.value == truth[j].get("record_type"))
        for i, record in enumerate(predicted):
            want = truth[paired[i]].get("fields", {}) if i in paired else {}
            for name, got in record.fields.items():
                right = name in want and canonical(got.value) == canonical(want[name])
                count = by_field.setdefault(name, _Count())
                if right:
                    count.tp += 1
                    total.tp += 1
                else:
                    count.fp += 1
                    total.fp += 1
                confidence = got.confidence if got.confidence is not None else 0.0
                for k in range(len(bins)):
                    if BINS[k] <= confidence < BINS[k + 1]:
                        bins[k][0] += 1
                        bins[k][1] += int(right)
        got_by_truth = {j: predicted[i] for i, j in pairs}
        for j, true in enumerate(truth):
            read = got_by_truth[j].fields if j in got_by_truth else {}
            for name, value in true.get("fields", {}).items():
                found = read.get(name)
                if found is None or canonical(found.value) != canonical(value):
                    by_field.setdefault(name, _Count()).fn += 1
                    total.fn += 1
    high_bins = [counts for low, counts in zip(BINS, bins, strict=False) if low >= CONFIDENT]
    confident = sum(n for n, _ in high_bins)
    confident_right = sum(r for _, r in high_bins)
    return {
        "pages": len(pages),
        "records_true": true_records,
        "records_predicted": predicted_records,
        "records_matched": matched,
        "type_accuracy": round(types_right / true_records, 4) if true_records else 1.0,
        "fields": total.as_dict(),
        "by_field": {name: count.as_dict() for name, count in sorted(by_field.items())},
        "calibration": {
            "threshold": CONFIDENT,
            "confident": confident,
            "confident_right": confident_right,
            "share_right": round(confident_right / confident, 4) if confident else 1.0,
            "bins": [
                {"from": low, "to": min(high, 1.0), "fields": n, "right": r, "share": round(r / n, 4) if n else None}
                for low, high, (n, r) in zip(BINS, BINS[1:], bins, strict=False)
            ],
        },
    }
