"""Loading scans: bytes on disk → page images (and PDF text layers), one page at a time.

The format is told by the file's content, never by its name. Anything that can't be used raises an
``InputFileError`` subclass with a clear reason, so the caller can quarantine the file and go on.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from hotich.domain import nfc
from hotich.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    UnsupportedFormatError,
)
from ocr.types import PageImage, Word

PDF_RENDER_DPI = 300
MAX_IMAGE_PIXELS = 200_000_000  # a 600-dpi A2 sheet is ~70 Mpx; beyond this is a decompression bomb
MIN_TEXT_LAYER_WORDS = 5  # fewer real words than this on a PDF page means "scanned, OCR it"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"BM", "bmp"),
    (b"\x00\x00\x00\x0cjP  ", "jp2"),
)


def sniff_format(path: Path) -> str:
    """The file's format from its first bytes: pdf, png, jpeg, tiff, bmp, webp or jp2."""
    with path.open("rb") as handle:
        head = handle.read(16)
    if not head:
        raise EmptyFileError(f"{path.name} is empty")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    # A PDF may carry junk before its header (allowed within the first 1024 bytes).
    with path.open("rb") as handle:
        if b"%PDF-" in handle.read(1024):
            return "pdf"
    raise UnsupportedFormatError(f"{path.name} is not an image or PDF this system reads")


def count_pages(path: Path) -> int:
    """How many pages the file has. Opens (and so validates) the file."""
    kind = sniff_format(path)
    if kind == "pdf":
        with _open_pdf(path) as pdf:
            count = len(pdf.pages)
    else:
        with _open_image(path) as image:
            count = int(getattr(image, "n_frames", 1))
    if count < 1:
        raise EmptyFileError(f"{path.name} has no pages")
    return count


def load_page(path: Path, page_number: int) -> PageImage:
    """One page (1-based) of an image or PDF file."""
    kind = sniff_format(path)
    if kind == "pdf":
        with _open_pdf(path) as pdf:
            if not 1 <= page_number <= len(pdf.pages):
                raise IndexError(f"{path.name} has no page {page_number}")
            return _pdf_page(pdf.pages[page_number - 1], page_number)
    with _open_image(path) as image:
        frames = int(getattr(image, "n_frames", 1))
        if not 1 <= page_number <= frames:
            raise IndexError(f"{path.name} has no page {page_number}")
        image.seek(page_number - 1)
        return _image_page(image, page_number, path.name)


def load_pages(path: Path) -> Iterator[PageImage]:
    """Every page of the file, in order, one at a time (a 500-page TIFF never sits in memory at once)."""
    for number in range(1, count_pages(path) + 1):
        yield load_page(path, number)


def load_image_bytes(data: bytes, name: str = "upload") -> PageImage:
    """The first page of an image given as bytes (the web app's uploads)."""
    import io

    try:
        with Image.open(io.BytesIO(data)) as image:
            return _image_page(image, 1, name)
    except UnidentifiedImageError as error:
        raise UnsupportedFormatError(f"{name} is not an image this system reads") from error


# --- images -------------------------------------------------------------------------------------


def _open_image(path: Path) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise FileTooLargeError(f"{path.name}: {error}") from error
    except UnidentifiedImageError as error:
        raise CorruptFileError(f"{path.name} can't be decoded as an image") from error
    except OSError as error:
        raise CorruptFileError(f"{path.name}: {error}") from error


def _image_page(image: Image.Image, page_number: int, name: str) -> PageImage:
    """Decode the current frame to a uint8 array: grey for 1-bit/grey scans, BGR for colour."""
    try:
        image.load()
        dpi = image.info.get("dpi")
        frame = ImageOps.exif_transpose(image) if page_number == 1 else image
        if frame.mode in {"1", "L", "I;16", "I", "F", "LA"}:
            pixels = np.asarray(frame.convert("L"))
        else:
            pixels = np.asarray(frame.convert("RGB"))[:, :, ::-1]
    except (OSError, ValueError, SyntaxError) as error:  # truncated or damaged data
        raise CorruptFileError(f"{name} page {page_number}: {error}") from error
    if pixels.size == 0:
        raise EmptyFileError(f"{name} page {page_number} has no pixels")
    resolution = round(float(dpi[0])) if dpi and dpi[0] else None
    return PageImage(page_number, np.ascontiguousarray(pixels), dpi=resolution)


# --- PDFs ---------------------------------------------------------------------------------------


def _open_pdf(path: Path):  # type: ignore[no-untyped-def]  # pdfplumber.PDF, untyped upstream
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        # An empty password opens PDFs encrypted only against editing (common from scanners).
        return pdfplumber.open(path, password="")
    except PDFPasswordIncorrect as error:
        raise EncryptedFileError(f"{path.name} needs a password to open") from error
    except PDFSyntaxError as error:
        raise CorruptFileError(f"{path.name} is not a readable PDF: {error}") from error
    except Exception as error:  # pdfminer raises many kinds on damaged files; pdfplumber wraps them
        cause = error.__cause__ or error.__context__
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(error).lower():
            raise EncryptedFileError(f"{path.name} needs a password to open") from error
        raise CorruptFileError(f"{path.name} is not a readable PDF: {error}") from error


def _pdf_page(page, page_number: int) -> PageImage:  # type: ignore[no-untyped-def]
    """Render a PDF page at 300 dpi; keep its text layer when it has real text."""
    try:
        rendered = page.to_image(resolution=PDF_RENDER_DPI).original.convert("RGB")
        words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    except Exception as error:
        raise CorruptFileError(f"PDF page {page_number} can't be rendered: {error}") from error
    pixels = np.ascontiguousarray(np.asarray(rendered)[:, :, ::-1])
    scale = PDF_RENDER_DPI / 72.0
    layer = [
        Word(
            text=nfc(w["text"]),
            confidence=1.0,
            bbox=(int(w["x0"] * scale), int(w["top"] * scale), int(w["x1"] * scale) + 1, int(w["bottom"] * scale) + 1),
            line_key=(0, 0, round(float(w["top"]) / 2)),
        )
        for w in words
        if w["text"].strip()
    ]
    real = [w for w in layer if not w.text.startswith("(cid:") and any(ch.isalpha() for ch in w.text)]
    text_layer = _group_lines(real) if len(real) >= MIN_TEXT_LAYER_WORDS else None
    if pixels.size == 0:
        raise EmptyFileError(f"PDF page {page_number} is empty")
    return PageImage(page_number, pixels, dpi=PDF_RENDER_DPI, text_layer=text_layer)


def _group_lines(words: list[Word]) -> list[Word]:
    """Give text-layer words line keys by their vertical overlap, in reading order."""
    ordered = sorted(words, key=lambda w: (w.bbox[1], w.bbox[0]))
    lines: list[list[Word]] = []
    for word in ordered:
        mid = (word.bbox[1] + word.bbox[3]) / 2
        for line in lines:
            top = min(w.bbox[1] for w in line)
            bottom = max(w.bbox[3] for w in line)
            if top <= mid <= bottom:
                line.append(word)
                break
        else:
            lines.append([word])
    out: list[Word] = []
    for number, line in enumerate(lines):
        for word in sorted(line, key=lambda w: w.bbox[0]):
            out.append(Word(word.text, word.confidence, word.bbox, (0, 0, number)))
    return out
