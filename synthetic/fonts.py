"""Fonts for the generator, each checked to draw every Vietnamese letter.

A font missing ộ or ư renders an empty box and silently poisons the ground truth (Debian's Liberation
1.07, DejaVu Sans Mono, Courier Prime and every handwriting font Debian packages lack some), so a font
is used only after its character map is checked. All come from Debian packages installed by
``make install`` (fonts-dejavu-core, fonts-noto-core); nothing is downloaded.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

VIETNAMESE_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
REQUIRED = frozenset(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "0123456789.,:;-/()")

# style -> candidate font files, in order of preference
CANDIDATES: dict[str, tuple[str, ...]] = {
    "printed": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    ),
    "printed_bold": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    ),
    # FreeMono is a Courier, the face of office typewriters (fonts-freefont-ttf).
    "typewriter": (
        "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf",
    ),
    # No handwriting font in Debian covers Vietnamese: an italic drawn with per-word jitter stands in.
    "handwriting": (
        "/usr/share/fonts/truetype/freefont/FreeSerifItalic.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf",
    ),
}


@lru_cache(maxsize=64)
def missing_letters(path: str) -> frozenset[str]:
    """The required characters the font has no glyph for."""
    cmap = TTFont(path, fontNumber=0, lazy=True).getBestCmap() or {}
    return frozenset(ch for ch in REQUIRED if ord(ch) not in cmap)


@lru_cache(maxsize=16)
def fonts_for(style: str) -> tuple[str, ...]:
    """The usable fonts of a style: installed and covering every Vietnamese letter."""
    usable = tuple(p for p in CANDIDATES[style] if Path(p).exists() and not missing_letters(p))
    if not usable:
        raise RuntimeError(f"no installed font covers Vietnamese for style {style!r}: run `make install`")
    return usable


@lru_cache(maxsize=256)
def load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)
