"""The evaluation helper: pairing, type accuracy, field counts, calibration."""

from __future__ import annotations

from hotich.domain import ExtractedField, ExtractedRecord, RecordType
from ocr.extract_eval import evaluate


def record(index: int, bbox: tuple[int, int, int, int], **fields: tuple[str, float]) -> ExtractedRecord:
    return ExtractedRecord(
        RecordType.BIRTH,
        {name: ExtractedField(value, confidence=conf) for name, (value, conf) in fields.items()},
        entry_index=index,
        bbox=bbox,
    )


def test_records_pair_by_box_and_fields_count_once_each() -> None:
    truth = [
        {"record_type": "birth", "entry_index": 0, "bbox": [0, 0, 100, 50],
         "fields": {"subject_name": "Nguyễn Văn Hòa", "date_of_birth": "1962-03-14"}},
        {"record_type": "death", "entry_index": 1, "bbox": [0, 50, 100, 100],
         "fields": {"subject_name": "Lê Thị Lan", "sex": "Nữ"}},
    ]  # fmt: skip
    predicted = [
        # The first entry was missed; the second is read with one wrong value and one extra field.
        record(0, (0, 52, 100, 98), subject_name=("Lê  Thị Lan", 0.95), sex=("Nam", 0.92), notes=("x", 0.5)),
    ]
    result = evaluate([(predicted, truth)])
    assert result["records_matched"] == 1
    assert result["type_accuracy"] == 0.0  # birth read for a death; the missed record is not right either
    assert result["fields"]["tp"] == 1 and result["fields"]["fp"] == 2 and result["fields"]["fn"] == 3
    assert result["by_field"]["sex"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert result["calibration"]["confident"] == 2 and result["calibration"]["share_right"] == 0.5


def test_tone_placement_and_nfc_are_not_errors() -> None:
    truth = [{"record_type": "birth", "fields": {"subject_name": "Nguyễn Văn Hòa"}}]
    predicted = [record(0, (0, 0, 1, 1), subject_name=("Nguye\u0302\u0303n Văn Hoà", 0.99))]
    result = evaluate([(predicted, truth)])
    assert result["fields"]["f1"] == 1.0 and result["type_accuracy"] == 1.0
