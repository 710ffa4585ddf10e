"""Originals, stored content-addressed by sha256 and never rewritten; quarantined inputs kept apart."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class StoredOriginal:
    sha256: str
    path: Path  # where the immutable copy lives
    source_name: str
    size: int
    already_stored: bool


def original_path(originals_dir: Path, sha256: str, suffix: str = "") -> Path:
    return originals_dir / sha256[:2] / sha256[2:4] / f"{sha256}{suffix.lower()}"


def _copy_atomically(source: Path, target: Path) -> None:
    """Copy to a temporary file beside the target, then rename: a crash never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp_name)
        os.chmod(tmp_name, 0o444)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def store_original(source: Path, originals_dir: Path) -> StoredOriginal:
    """Copy ``source`` into the store (once) and return where it lives."""
    sha = sha256_of(source)
    target = original_path(originals_dir, sha, source.suffix)
    already = target.exists()
    if already:
        if sha256_of(target) != sha:  # a damaged copy is replaced from the good source
            target.chmod(0o644)
            _copy_atomically(source, target)
            already = False
    else:
        _copy_atomically(source, target)
    return StoredOriginal(sha, target, source.name, source.stat().st_size, already)


def quarantine_file(source: Path, quarantine_dir: Path, sha256: str, reason: str) -> Path:
    """Keep a bad input as it came, under its hash and the reason, for a person to look at."""
    target = quarantine_dir / reason / f"{sha256[:16]}-{source.name}"
    if not target.exists():
        _copy_atomically(source, target)
    return target


def verify_originals(originals_dir: Path, expected: dict[str, Path]) -> dict[str, str]:
    """Fixity check: re-hash each stored original. Returns sha256 -> problem ("missing" or "altered")."""
    problems: dict[str, str] = {}
    for sha, path in expected.items():
        if not path.exists():
            problems[sha] = "missing"
        elif sha256_of(path) != sha:
            problems[sha] = "altered"
    return problems
