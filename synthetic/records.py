"""Ground-truth records: realistic, self-consistent civil-status facts, fast enough for a million.

Each record is a dict in the shape of shared/schema/record.schema.json with bare-string values:
names NFC as written, sex "Nam"/"Nữ", dates ISO.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from synthetic import people

RECORD_TYPES = (
    "birth",
    "marriage",
    "death",
    "parent_recognition",
    "guardianship",
    "adoption",
    "civil_status_change",
    "other",
)
# Registers are mostly births, then deaths and marriages; the rest are rare procedures.
TYPE_WEIGHTS = (60, 14, 16, 2, 1.5, 1.5, 4, 1)
CHANGES = (
    "Cải chính ngày sinh từ {a} thành {b}",
    "Thay đổi họ từ {a} thành {b}",
    "Bổ sung quê quán: {b}",
    "Cải chính tên cha từ {a} thành {b}",
)


def _day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _iso(day: date) -> str:
    return day.isoformat()


def generate_record(rng: random.Random, record_type: str, year: int, ward: str | None = None) -> dict[str, Any]:
    """One record of ``record_type`` registered in ``year`` at ``ward`` (a Hà Nội ward)."""
    ward = ward or rng.choice(people.WARDS)
    fields: dict[str, str] = {
        "registration_number": str(rng.randint(1, 480)),
        "book_number": f"{rng.randint(1, 6):02d}",
        "registration_office": people.ward_office(ward, year),
    }
    registered = _day(rng, year)
    if record_type == "birth":
        sex = rng.choice(("Nam", "Nữ"))
        born = registered - timedelta(days=rng.randint(3, 60))
        father_family = people.family_name(rng)
        father_year = born.year - rng.randint(20, 45)
        mother_year = born.year - rng.randint(18, 40)
        fields |= {
            "subject_name": people.full_name(rng, sex, born.year, family=father_family),
            "sex": sex,
            "date_of_birth": _iso(born),
            "place_of_birth": rng.choice(people.HOSPITALS),
            "ethnicity": rng.choice(people.ETHNICITIES),
            "nationality": "Việt Nam",
            "hometown": people.hometown(rng),
            "father_name": people.full_name(rng, "Nam", father_year, family=father_family),
            "father_birth_year": str(father_year),
            "mother_name": people.full_name(rng, "Nữ", mother_year),
            "mother_birth_year": str(mother_year),
            "residence": people.address(rng, ward),
        }
        relation = rng.choice(("Cha", "Cha", "Mẹ", "Bà nội"))
        fields["declarant_name"] = (
            fields["father_name"]
            if relation == "Cha"
            else (fields["mother_name"] if relation == "Mẹ" else people.full_name(rng, "Nữ", born.year - 50))
        )
        fields["declarant_relation"] = relation
    elif record_type == "marriage":
        husband_year = year - rng.randint(20, 35)
        wife_year = year - rng.randint(18, 30)
        fields |= {
            "husband_name": people.full_name(rng, "Nam", husband_year),
            "husband_date_of_birth": _iso(_day(rng, husband_year)),
            "husband_residence": people.address(rng),
            "wife_name": people.full_name(rng, "Nữ", wife_year),
            "wife_date_of_birth": _iso(_day(rng, wife_year)),
            "wife_residence": people.address(rng, ward),
        }
    elif record_type == "death":
        sex = rng.choice(("Nam", "Nữ"))
        born_year = year - rng.randint(1, 95)
        died = registered - timedelta(days=rng.randint(1, 14))
        fields |= {
            "subject_name": people.full_name(rng, sex, born_year),
            "sex": sex,
            "date_of_birth": str(born_year) if rng.random() < 0.4 else _iso(_day(rng, born_year)),
            "ethnicity": rng.choice(people.ETHNICITIES),
            "nationality": "Việt Nam",
            "residence": people.address(rng, ward),
            "date_of_death": _iso(died),
            "place_of_death": rng.choice((*people.HOSPITALS[:4], "Tại nhà riêng")),
            "cause_of_death": rng.choice(people.CAUSES_OF_DEATH),
            "declarant_name": people.full_name(rng, rng.choice(("Nam", "Nữ")), born_year + 25),
            "declarant_relation": rng.choice(("Con", "Vợ", "Chồng", "Cháu")),
        }
    else:
        sex = rng.choice(("Nam", "Nữ"))
        born = _day(rng, year - rng.randint(0, 17 if record_type != "civil_status_change" else 60))
        fields |= {
            "subject_name": people.full_name(rng, sex, born.year),
            "sex": sex,
            "date_of_birth": _iso(born),
            "residence": people.address(rng, ward),
        }
        if record_type in {"parent_recognition", "guardianship", "adoption"}:
            fields["counterpart_name"] = people.full_name(rng, rng.choice(("Nam", "Nữ")), born.year - 30)
        if record_type == "civil_status_change":
            old, new = people.full_name(rng, sex, born.year), fields["subject_name"]
            fields["change_description"] = rng.choice(CHANGES).format(a=old.split()[0], b=new.split()[0])
        if record_type == "other":
            fields["notes"] = "Ghi vào sổ việc hộ tịch đã đăng ký ở nước ngoài"
    fields["registration_date"] = _iso(registered)
    return {"record_type": record_type, "fields": fields}


def generate_records(count: int, seed: int, record_types: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """``count`` records, deterministic by ``seed``, registered 1956–2024 across Hà Nội's wards."""
    rng = random.Random(seed)
    types = list(record_types or RECORD_TYPES)
    weights = [TYPE_WEIGHTS[RECORD_TYPES.index(t)] for t in types]
    for _ in range(count):
        record_type = rng.choices(types, weights)[0]
        yield generate_record(rng, record_type, rng.randint(1956, 2024))
