"""Page quality flags: what a reviewer should know about a page before trusting what was read from it."""

from __future__ import annotations

import numpy as np

from ocr.types import Word

LOW_CONFIDENCE = 0.6
LOW_DPI = 200
MIN_TEXT_HEIGHT = 12  # px: below this a glyph has too few pixels to read reliably


def image_flags(grey: np.ndarray, dpi: int | None) -> list[str]:
    """Flags read off the raw page: blank, too dark, too light, low resolution."""
    flags: list[str] = []
    sample = grey[::3, ::3]
    mean = float(sample.mean())
    darkest = float(np.percentile(sample, 0.5))
    if mean < 90:
        flags.append("too_dark")
    elif darkest > 150:  # even the darkest strokes are pale: faded ink or an over-exposed scan
        flags.append("too_light")
    if (dpi is not None and dpi < LOW_DPI) or (dpi is None and max(grey.shape) < 1400):
        flags.append("low_resolution")
    return flags


def reading_flags(words: list[Word], rotation: int, skew: float, text_height: float, invalid_share: float) -> list[str]:
    """Flags from preprocessing and recognition: rotated, skewed, tiny text, low confidence, handwriting."""
    flags: list[str] = []
    if not words:
        flags.append("blank")
    if rotation:
        flags.append(f"rotated_{rotation}")
    if abs(skew) >= 2.0:
        flags.append("skew_corrected")
    if 0 < text_height < MIN_TEXT_HEIGHT:
        flags.append("small_text")
    if words:
        mean = float(np.mean([w.confidence for w in words]))
        if mean < LOW_CONFIDENCE:
            flags.append("low_confidence")
        # Handwriting reads with middling confidence everywhere and many impossible syllables.
        if mean < 0.75 and invalid_share > 0.25:
            flags.append("likely_handwriting")
    return flags
