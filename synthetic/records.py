"""Ground-truth records: realistic, self-consistent civil-status facts, fast enough for a million.

Each record is a dict in the shape of shared/schema/record.schema.json with bare-string values:
names NFC as written, sex "Nam"/"Nữ", dates ISO.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from synthetic import people
from synthetic.people import between, pick

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
OTHER_NOTES = (
    "Ghi vào sổ việc hộ tịch đã đăng ký ở nước ngoài",
    "Ghi chú ly hôn theo bản án của Tòa án nhân dân thành phố Hà Nội",
    "Đăng ký lại khai sinh",
    "Ghi vào sổ việc xác định lại dân tộc",
)


def _day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=int(rng.random() * 365))


def _iso(day: date) -> str:
    return day.isoformat()


def generate_record(rng: random.Random, record_type: str, year: int, ward: str | None = None) -> dict[str, Any]:
    """One record of ``record_type`` registered in ``year`` at ``ward`` (a Hà Nội ward)."""
    ward = ward or pick(rng, people.WARDS)
    fields: dict[str, str] = {
        "registration_number": str(between(rng, 1, 480)),
        "book_number": f"{between(rng, 1, 6):02d}",
        "registration_office": people.ward_office(ward, year),
    }
    registered = _day(rng, year)
    if record_type == "birth":
        sex = pick(rng, ("Nam", "Nữ"))
        late = rng.random() < 0.04  # registered years after the birth ("đăng ký quá hạn")
        born = registered - timedelta(days=between(rng, 400, 3000) if late else between(rng, 3, 60))
        father_family = people.family_name(rng)
        father_year = born.year - between(rng, 20, 45)
        mother_year = born.year - between(rng, 18, 40)
        fields |= {
            "subject_name": people.full_name(rng, sex, born.year, family=father_family),
            "sex": sex,
            "date_of_birth": _iso(born),
            "place_of_birth": pick(rng, people.HOSPITALS),
            "ethnicity": pick(rng, people.ETHNICITIES),
            "nationality": "Việt Nam",
            "hometown": people.hometown(rng),
            "father_name": people.full_name(rng, "Nam", father_year, family=father_family),
            "father_birth_year": str(father_year),
            "mother_name": people.full_name(rng, "Nữ", mother_year),
            "mother_birth_year": str(mother_year),
            "residence": people.address(rng, ward),
        }
        relation = pick(rng, ("Cha", "Cha", "Mẹ", "Bà nội"))
        fields["declarant_name"] = (
            fields["father_name"]
            if relation == "Cha"
            else (fields["mother_name"] if relation == "Mẹ" else people.full_name(rng, "Nữ", born.year - 50))
        )
        fields["declarant_relation"] = relation
        if late:
            fields["notes"] = "Đăng ký quá hạn"
    elif record_type == "marriage":
        husband_year = year - between(rng, 20, 35)
        wife_year = year - between(rng, 18, 30)
        fields |= {
            "husband_name": people.full_name(rng, "Nam", husband_year),
            "husband_date_of_birth": _iso(_day(rng, husband_year)),
            "husband_residence": people.address(rng),
            "wife_name": people.full_name(rng, "Nữ", wife_year),
            "wife_date_of_birth": _iso(_day(rng, wife_year)),
            "wife_residence": people.address(rng, ward),
        }
    elif record_type == "death":
        sex = pick(rng, ("Nam", "Nữ"))
        born_year = year - between(rng, 1, 95)
        died = registered - timedelta(days=between(rng, 1, 14))
        fields |= {
            "subject_name": people.full_name(rng, sex, born_year),
            "sex": sex,
            "date_of_birth": str(born_year) if rng.random() < 0.4 else _iso(_day(rng, born_year)),
            "ethnicity": pick(rng, people.ETHNICITIES),
            "nationality": "Việt Nam",
            "residence": people.address(rng, ward),
            "date_of_death": _iso(died),
            "place_of_death": pick(rng, (*people.HOSPITALS[:4], "Tại nhà riêng")),
            "cause_of_death": pick(rng, people.CAUSES_OF_DEATH),
        }
        declarant = _death_declarant(rng, fields["subject_name"], sex, born_year, year)
        fields["declarant_name"], fields["declarant_relation"] = declarant
    else:
        sex = pick(rng, ("Nam", "Nữ"))
        born = _day(rng, year - between(rng, 0, 17 if record_type != "civil_status_change" else 60))
        fields |= {
            "subject_name": people.full_name(rng, sex, born.year),
            "sex": sex,
            "date_of_birth": _iso(born),
            "residence": people.address(rng, ward),
        }
        if record_type in {"parent_recognition", "guardianship", "adoption"}:
            fields["counterpart_name"] = people.full_name(rng, pick(rng, ("Nam", "Nữ")), born.year - 30)
        if record_type == "civil_status_change":
            fields["change_description"] = _change(rng, fields["subject_name"], sex, born)
        if record_type == "other":
            fields["notes"] = pick(rng, OTHER_NOTES)
    fields["registration_date"] = _iso(registered)
    fields["registrar_name"] = people.full_name(rng, pick(rng, ("Nam", "Nữ")), year - between(rng, 25, 50))
    return {"record_type": record_type, "fields": fields}


def _death_declarant(rng: random.Random, name: str, sex: str, born_year: int, year: int) -> tuple[str, str]:
    """Who reports a death: a child of an old person, a spouse, or a parent of a child (a man's child and a
    child's father carry his family name)."""
    age = year - born_year
    family = name.split()[0]
    if age >= 45 and rng.random() < 0.7:
        child_sex = pick(rng, ("Nam", "Nữ"))
        child_family = family if sex == "Nam" else None
        return people.full_name(rng, child_sex, born_year + between(rng, 20, 35), family=child_family), "Con"
    if age >= 20:
        spouse_sex = "Nữ" if sex == "Nam" else "Nam"
        return people.full_name(rng, spouse_sex, born_year + between(rng, -5, 5)), "Vợ" if sex == "Nam" else "Chồng"
    if rng.random() < 0.6:
        return people.full_name(rng, "Nam", born_year - between(rng, 20, 40), family=family), "Cha"
    return people.full_name(rng, "Nữ", born_year - between(rng, 18, 38)), "Mẹ"


def _change(rng: random.Random, name: str, sex: str, born: date) -> str:
    """A change or correction that reads as one: the old and new values of the same kind."""
    kind = int(rng.random() * 4)
    if kind == 0:
        wrong = born + timedelta(days=pick(rng, (-1, 1)) * between(rng, 1, 40))
        old_text, new_text = (f"{d.day}/{d.month}/{d.year}" for d in (wrong, born))
        return f"Cải chính ngày sinh từ {old_text} thành {new_text}"
    if kind == 1:
        old = people.full_name(rng, sex, born.year, family=name.split()[0])
        return f"Thay đổi họ, tên từ {old} thành {name}"
    if kind == 2:
        return f"Bổ sung quê quán: {people.hometown(rng)}"
    old_family = people.family_name(rng)
    return f"Cải chính họ cha từ {old_family} thành {name.split()[0]}"


def generate_records(count: int, seed: int, record_types: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """``count`` records, deterministic by ``seed``, registered 1956–2024 across Hà Nội's wards."""
    rng = random.Random(seed)
    types = list(record_types or RECORD_TYPES)
    cumulative = list(itertools.accumulate(TYPE_WEIGHTS[RECORD_TYPES.index(t)] for t in types))
    total = cumulative[-1]
    for _ in range(count):
        record_type = types[min(len(types) - 1, bisect.bisect(cumulative, rng.random() * total))]
        yield generate_record(rng, record_type, between(rng, 1956, 2024))
