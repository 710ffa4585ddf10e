"""Browser-friendly renditions of stored originals (TIFF, PDF pages, huge scans → JPEG), cached as
derivatives; the original is never touched."""

from __future__ import annotations

from pathlib import Path

import cv2

from catalog.models import Page
from catalog.storage import original_path
from hotich.settings import Settings
from ocr.load import load_page

MAX_SIDE = 2400


def page_rendition(settings: Settings, page: Page) -> Path:
    """A JPEG of ``page`` in the original's pixel geometry (scaled down only if huge; the scale is the
    same in both directions, so boxes given in original pixels map by percentage)."""
    target = settings.derivatives_dir / "pages" / f"{page.id}.jpg"
    if target.exists():
        return target
    suffix = "." + page.media_type if page.media_type else ""
    source = original_path(settings.originals_dir, page.source_sha256, suffix)
    if not source.exists():
        source = next(settings.originals_dir.glob(f"**/{page.source_sha256}*"), source)
    image = load_page(source, page.source_page).image
    scale = min(1.0, MAX_SIDE / max(image.shape[:2]))
    if scale < 1.0:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp.jpg")
    cv2.imwrite(str(temporary), image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    temporary.replace(target)
    return target
