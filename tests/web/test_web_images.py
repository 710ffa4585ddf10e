"""Renditions of stored originals for the browser: the right page of a multi-page TIFF or a PDF, as JPEG,
in the original's proportions, cached as a derivative."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from catalog.models import Page
from catalog.storage import original_path
from hotich.settings import Settings
from search_ui.images import MAX_SIDE, page_rendition


def _page(settings: Settings, name: str, number: int, frames: list[Image.Image], fmt: str) -> Page:
    sha = (name.encode().hex() * 64)[:64]
    path = original_path(settings.originals_dir, sha, Path(name).suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    frames[0].save(path, format=fmt, save_all=True, append_images=frames[1:])
    return Page(id=1, source_sha256=sha, source_name=name, source_page=number, media_type=Path(name).suffix[1:])


def test_the_second_page_of_a_tiff(settings: Settings) -> None:
    frames = [Image.new("L", (600, 800), 255), Image.new("L", (800, 600), 0)]
    rendition = page_rendition(settings, _page(settings, "so.tif", 2, frames, "TIFF"))
    with Image.open(rendition) as image:
        assert image.format == "JPEG" and image.size == (800, 600)
        assert image.getpixel((10, 10)) < 10  # the black second page, not the white first
    assert rendition.is_relative_to(settings.derivatives_dir)


def test_a_pdf_page(settings: Settings) -> None:
    frames = [Image.new("RGB", (850, 1100), (250, 240, 220))]
    rendition = page_rendition(settings, _page(settings, "so.pdf", 1, frames, "PDF"))
    with Image.open(rendition) as image:
        assert image.format == "JPEG"
        assert abs(image.size[0] / image.size[1] - 850 / 1100) < 0.01


def test_a_huge_scan_is_scaled_down_keeping_proportions(settings: Settings) -> None:
    frames = [Image.new("RGB", (5000, 3000), (200, 200, 200))]
    rendition = page_rendition(settings, _page(settings, "big.png", 1, frames, "PNG"))
    with Image.open(rendition) as image:
        assert image.size == (MAX_SIDE, 1440)


def test_a_missing_original(settings: Settings) -> None:
    with pytest.raises(FileNotFoundError):
        page_rendition(settings, Page(id=2, source_sha256="f" * 64, source_name="x.png", source_page=1))
