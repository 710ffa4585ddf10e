"""Ground-truth records: deterministic, schema-valid, realistic and self-consistent."""

from __future__ import annotations

import re
from collections import Counter

import jsonschema

from hotich.domain import nfc
from synthetic import people
from synthetic.records import RECORD_TYPES, generate_records

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def test_deterministic_by_seed_and_every_type(record_validator: jsonschema.Draft202012Validator) -> None:
    first = list(generate_records(600, seed=11))
    assert first == list(generate_records(600, seed=11))
    assert first != list(generate_records(600, seed=12))
    assert {r["record_type"] for r in first} == set(RECORD_TYPES)
    for record in first:
        record_validator.validate(record)
        for name, value in record["fields"].items():
            assert value and value == value.strip() and value == nfc(value), (name, value)
            if name.endswith(("date", "date_of_birth", "date_of_death")):
                assert ISO.match(value), (name, value)
        assert record["fields"].get("sex", "Nam") in {"Nam", "Nữ"}
        assert any(record["fields"]["registration_office"].endswith(ward) for ward in people.WARDS)


def test_families_and_ages_hang_together() -> None:
    records = list(generate_records(3000, seed=3))
    for record in records:
        fields = record["fields"]
        office, year = fields["registration_office"], int(fields["registration_date"][:4])
        assert office.startswith("Ủy ban hành chính khu phố" if year <= 1975 else "UBND phường")
        if record["record_type"] == "birth":
            born = int(fields["date_of_birth"][:4])
            assert fields["subject_name"].split()[0] == fields["father_name"].split()[0]
            assert 18 <= born - int(fields["father_birth_year"]) <= 45
            assert 18 <= born - int(fields["mother_birth_year"]) <= 45
            assert fields["date_of_birth"] <= fields["registration_date"]
        if record["record_type"] == "death":
            assert fields["date_of_birth"][:4] <= fields["date_of_death"][:4]
            assert fields["date_of_death"] <= fields["registration_date"]
            if fields["declarant_relation"] == "Vợ":
                assert fields["sex"] == "Nam"
    families = Counter(r["fields"]["subject_name"].split()[0] for r in records if "subject_name" in r["fields"])
    total = sum(families.values())
    assert 0.3 < families["Nguyễn"] / total < 0.45  # Nguyễn is about 38% of Vietnamese
    assert [name for name, _ in families.most_common(3)] == ["Nguyễn", "Trần", "Lê"]


def test_only_the_asked_types_and_a_hundred_thousand_quickly() -> None:
    deaths = list(generate_records(200, seed=5, record_types=["death", "marriage"]))
    assert {r["record_type"] for r in deaths} == {"death", "marriage"}
    assert sum(1 for _ in generate_records(100_000, seed=1)) == 100_000  # ~2 s; the search bench makes a million
