"""Audit and reuse events. Audit details never carry personal data (no names, no dates of birth)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from catalog.models import AuditEvent, Record, ReuseEvent

# Procedures at the one-stop counter that reuse a digitized record.
REUSE_PROCEDURES: dict[str, str] = {
    "trich_luc": "Cấp bản sao trích lục hộ tịch",
    "cai_chinh": "Thay đổi, cải chính, bổ sung hộ tịch",
    "xac_nhan": "Xác nhận thông tin hộ tịch",
    "ket_hon": "Đăng ký kết hôn (đối chiếu)",
    "lien_thong": "Liên thông thủ tục hành chính",
    "khac": "Thủ tục khác",
}


def audit(
    session: Session,
    action: str,
    *,
    actor: str,
    role: str = "",
    office: str = "",
    record_id: int | None = None,
    **detail: Any,
) -> AuditEvent:
    event = AuditEvent(actor=actor, role=role, office=office, action=action, record_id=record_id, detail=detail)
    session.add(event)
    return event


def record_reuse(
    session: Session, record_id: int, procedure: str, *, actor: str, office: str = "", reference: str = ""
) -> ReuseEvent:
    if procedure not in REUSE_PROCEDURES:
        raise ValueError(f"unknown procedure {procedure!r}; one of {sorted(REUSE_PROCEDURES)}")
    if session.get(Record, record_id) is None:
        raise LookupError(f"no record {record_id}")
    event = ReuseEvent(record_id=record_id, procedure=procedure, actor=actor, office=office, reference=reference)
    session.add(event)
    audit(session, "reuse", actor=actor, office=office, record_id=record_id, procedure=procedure)
    return event
