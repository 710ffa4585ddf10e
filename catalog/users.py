"""People who use hotich: accounts, roles and password checks (scrypt, from the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.models import User


class Role(StrEnum):
    OFFICER = "officer"  # searches, views, records reuse
    DIGITIZER = "digitizer"  # ingests, reviews and corrects
    MANAGER = "manager"  # reports
    ADMIN = "admin"  # everything, and accounts


ROLE_LABELS_VI = {
    Role.OFFICER: "Cán bộ một cửa",
    Role.DIGITIZER: "Số hóa",
    Role.MANAGER: "Lãnh đạo",
    Role.ADMIN: "Quản trị",
}

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt_b64), dklen=32, **_SCRYPT)
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


def create_user(
    session: Session, username: str, password: str, role: Role | str, *, full_name: str = "", office: str = ""
) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        user = User(username=username)
        session.add(user)
    user.password_hash = hash_password(password)
    user.role = Role(role).value
    user.full_name = full_name
    user.office = office
    user.active = True
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalars(select(User).where(User.username == username, User.active.is_(True))).first()
    if user is None:
        check_password(password, hash_password("timing-equaliser"))
        return None
    return user if check_password(password, user.password_hash) else None
