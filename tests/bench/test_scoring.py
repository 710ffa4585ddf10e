"""The benchmark's scoring: error rates pooled over pages, records paired by agreeing fields, calibration."""

from __future__ import annotations

from typing import Any

from bench.scoring import RecordScore, count_errors, pair_records, score_records


def record(record_type: str, **fields: Any) -> dict[str, Any]:
    return {"record_type": record_type, "fields": fields}


def test_conventions_are_not_errors_but_slips_are() -> None:
    assert count_errors("Nguye\u0302\u0303n Văn Hoà\nsinh  năm 1962", "Nguyễn Văn Hòa sinh năm 1962").char_edits == 0
    slip = count_errors("Nguyen Văn Hòa", "Nguyễn Văn Hòa")
    assert (slip.char_edits, slip.chars, slip.word_edits, slip.words) == (1, 14, 1, 3)


def test_records_pair_by_agreeing_fields_and_each_field_counts_once() -> None:
    truth = [
        record("birth", subject_name="Nguyễn Văn Hòa", date_of_birth="1962-03-14"),
        record("death", subject_name="Lê Thị Lan", sex="Nữ"),
    ]
    # The first entry was missed; the second is read as a birth, with a wrong sex and an extra field.
    predicted = [
        record(
            "birth",
            subject_name={"value": "Lê  Thị Lan", "confidence": 0.95},
            sex={"value": "Nam", "confidence": 0.92},
            notes={"value": "x", "confidence": 0.5},
        )
    ]
    score = score_records(predicted, truth)
    assert score.records == 2 and score.types_right == 0
    assert (score.found, score.found_share, score.found_type_accuracy) == (1, 0.5, 0.0)
    assert score.fields is not None and score.by_field is not None
    assert (score.fields.true_positive, score.fields.false_positive, score.fields.false_negative) == (1, 2, 3)
    sex = score.by_field["sex"]
    assert (sex.true_positive, sex.false_positive, sex.false_negative) == (0, 1, 1)
    assert (score.confident, score.confident_right, score.calibration) == (2, 1, 0.5)


def test_scores_pool_over_pages() -> None:
    right = score_records([record("birth", sex="Nam")], [record("birth", sex="Nam")])
    wrong = score_records([record("death", sex="Nữ")], [record("birth", sex="Nam")])
    pooled = RecordScore()
    pooled.add(right)
    pooled.add(wrong)
    assert pooled.fields is not None
    assert pooled.type_accuracy == 0.5 and pooled.fields.f1 == 0.5


def test_each_read_record_pairs_with_one_true_record_at_most() -> None:
    truth = [record("death", registration_number="551"), record("death", registration_number="552")]
    predicted = [record("death", registration_number="551", sex="Nam"), record("death")]
    assert sorted(pair_records(predicted, truth)) == [(0, 0, 1), (1, 1, 0)]
