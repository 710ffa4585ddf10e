"""Every input format, told by content: images, multi-page and 1-bit TIFFs, PDFs with and without text."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pikepdf
import pytesseract
import pytest
from PIL import Image

from hotich.errors import CorruptFileError, EmptyFileError, EncryptedFileError, UnsupportedFormatError
from ocr.load import count_pages, load_page, load_pages, sniff_format
from tests.ocr.conftest import RenderedPage


def _pil(page: RenderedPage) -> Image.Image:
    return Image.fromarray(page.image[:, :, ::-1].copy())


def test_png_and_jpeg_by_content_not_name(tmp_path: Path, certificate: RenderedPage) -> None:
    png = tmp_path / "scan.jpg"  # misnamed on purpose
    _pil(certificate).save(png, format="PNG", dpi=(300, 300))
    jpeg = tmp_path / "photo.png"
    _pil(certificate).save(jpeg, format="JPEG", quality=90)
    assert sniff_format(png) == "png" and sniff_format(jpeg) == "jpeg"
    page = load_page(png, 1)
    assert page.dpi == 300 and page.image.shape[:2] == (1500, 1800)
    assert np.array_equal(page.image, certificate.image)
    assert load_page(jpeg, 1).image.shape == certificate.image.shape


def test_jpeg_exif_orientation_is_applied(tmp_path: Path, certificate: RenderedPage) -> None:
    path = tmp_path / "phone.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise when displayed
    _pil(certificate).save(path, format="JPEG", exif=exif)
    assert load_page(path, 1).image.shape[:2] == (1800, 1500)


def test_multi_page_tiff_with_g4_and_lzw(tmp_path: Path, certificate: RenderedPage) -> None:
    grey = _pil(certificate).convert("L")
    bilevel = grey.point(lambda v: 255 if v > 128 else 0).convert("1")
    path = tmp_path / "volume.tif"
    bilevel.save(path, format="TIFF", compression="group4", save_all=True, append_images=[bilevel], dpi=(300, 300))
    lzw = tmp_path / "lzw.tiff"
    grey.save(lzw, format="TIFF", compression="tiff_lzw")
    assert count_pages(path) == 2 and count_pages(lzw) == 1
    first, second = list(load_pages(path))
    assert first.image.ndim == 2 and set(np.unique(first.image)) <= {0, 255}
    assert second.image.ndim == 2 and second.page_number == 2
    assert load_page(lzw, 1).image.shape == grey.size[::-1]
    with pytest.raises(IndexError):
        load_page(path, 3)


def _text_pdf(page: RenderedPage) -> bytes:
    """A PDF with a real (invisible, OCR-made) text layer, as scanners' software produces."""
    return pytesseract.image_to_pdf_or_hocr(_pil(page), lang="vie", extension="pdf")


def test_pdf_text_layer_scanned_and_mixed(tmp_path: Path, certificate: RenderedPage) -> None:
    text_pdf = pikepdf.open(io.BytesIO(_text_pdf(certificate)))
    scanned = io.BytesIO()
    _pil(certificate).save(scanned, format="PDF", resolution=300)
    mixed = pikepdf.new()
    mixed.pages.extend(text_pdf.pages)
    mixed.pages.extend(pikepdf.open(io.BytesIO(scanned.getvalue())).pages)
    path = tmp_path / "mixed.pdf"
    mixed.save(path)

    assert count_pages(path) == 2
    with_layer, without = list(load_pages(path))
    assert with_layer.text_layer is not None and without.text_layer is None
    words = [w.text for w in with_layer.text_layer]
    assert "Hường" in words and "GIẤY" in words
    # Word boxes are in the rendered page's pixels: the name sits where it was drawn, at that scale.
    word = next(w for w in with_layer.text_layer if w.text == "Hường")
    drawn = certificate.boxes["Hường"]
    scale = with_layer.width / certificate.image.shape[1]
    assert abs(word.bbox[0] / scale - drawn[0]) < 10 and abs(word.bbox[1] / scale - drawn[1]) < 20
    assert without.image.shape[0] > 1000


def test_encrypted_pdfs(tmp_path: Path, certificate: RenderedPage) -> None:
    source = pikepdf.open(io.BytesIO(_text_pdf(certificate)))
    open_path = tmp_path / "owner-only.pdf"
    source.save(open_path, encryption=pikepdf.Encryption(owner="archive", user=""))
    locked_path = tmp_path / "locked.pdf"
    source.save(locked_path, encryption=pikepdf.Encryption(owner="archive", user="secret"))
    assert load_page(open_path, 1).text_layer is not None
    with pytest.raises(EncryptedFileError):
        count_pages(locked_path)


def test_bad_files_have_clear_reasons(tmp_path: Path, certificate: RenderedPage) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    text = tmp_path / "notes.png"
    text.write_text("not an image", encoding="utf-8")
    good = io.BytesIO()
    _pil(certificate).save(good, format="PNG")
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(good.getvalue()[: len(good.getvalue()) // 3])
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)

    with pytest.raises(EmptyFileError):
        count_pages(empty)
    with pytest.raises(UnsupportedFormatError):
        count_pages(text)
    with pytest.raises(CorruptFileError):
        load_page(truncated, 1)
    with pytest.raises(CorruptFileError):
        count_pages(broken_pdf)
    assert EmptyFileError("x").reason == "empty" and CorruptFileError("x").reason == "corrupt"
