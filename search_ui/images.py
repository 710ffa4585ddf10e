"""Browser-friendly renditions of stored originals (TIFF, PDF pages, huge scans → JPEG), cached under the
derivatives folder; the original is never touched."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import cv2

from catalog.models import Page
from catalog.storage import original_path
from hotich.settings import Settings
from ocr.load import load_page

MAX_SIDE = 2400
JPEG_QUALITY = 85


def source_of(settings: Settings, page: Page) -> Path:
    """Where the page's original lives: content-addressed, with the suffix it was stored under."""
    suffixes = dict.fromkeys([Path(page.source_name).suffix, f".{page.media_type}" if page.media_type else ""])
    for suffix in suffixes:
        path = original_path(settings.originals_dir, page.source_sha256, suffix)
        if path.exists():
            return path
    folder = original_path(settings.originals_dir, page.source_sha256).parent
    found = sorted(folder.glob(f"{page.source_sha256}*")) if folder.exists() else []
    if not found:
        raise FileNotFoundError(f"original {page.source_sha256[:12]}… is missing")
    return found[0]


def page_rendition(settings: Settings, page: Page) -> Path:
    """A JPEG of ``page`` in the original's proportions (scaled down only if huge, by the same factor in both
    directions, so boxes in original pixels map by percentage)."""
    target = settings.derivatives_dir / "pages" / f"{page.source_sha256}-{page.source_page}.jpg"
    if target.exists():
        return target
    image = load_page(source_of(settings, page), page.source_page).image
    scale = min(1.0, MAX_SIDE / max(image.shape[:2]))
    if scale < 1.0:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.stem}.{os.getpid()}.{threading.get_ident()}.jpg")
    if not cv2.imwrite(str(temporary), image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY]):
        raise OSError(f"could not write {temporary}")
    os.replace(temporary, target)
    return target
