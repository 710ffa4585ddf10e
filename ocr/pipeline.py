"""One page image in, one ``OcrPage`` out: orientation → spread split → preprocessing → Tesseract →
Vietnamese clean-up and the forms' headings → quality flags, with every word box on the original scan."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from statistics import median

import cv2
import numpy as np

from hotich.errors import OcrEngineError
from ocr.engine import detect_orientation, line_margin, recognise
from ocr.figures import reread_figures
from ocr.geometry import Geometry, quarter_turn
from ocr.headings import restore_headings
from ocr.load import load_pages
from ocr.missed import read_missed
from ocr.preprocess import (
    PrepareOptions,
    Segment,
    estimate_text_height,
    find_spread_gutter,
    ink_contrast,
    ink_mask,
    looks_sideways,
    prepare,
    rotate_quarter,
    scale_for,
    to_grey,
)
from ocr.quality import image_flags, reading_flags
from ocr.ruled_table import find_table, read_ruled
from ocr.slant import reread_slanted_lines
from ocr.types import Line, OcrPage, PageImage, Rule, Word, by_line, letter_confidence
from ocr.vietnamese import clean_word, invalid_syllables

DEFAULT_PSM = 4  # a single column of text of variable sizes: keeps a register row on one line
FALLBACK_PSM = 6  # one uniform block of text: the mode tried when the engine dies on a page in its own
ORIENTATION_MIN_CONFIDENCE = 2.0
DOUBTFUL_CONFIDENCE = 0.6  # a mean letter confidence below this makes us ask which way is up
INVALID_SYLLABLE_CONFIDENCE = 0.45  # a word that cannot be Vietnamese is at most this sure
JUNK_CONFIDENCE = 0.15  # below this a word that is not Vietnamese is a stray mark read as text
NOISE_LINE_CONFIDENCE = 0.3  # a line whose letters average below this is rule remnants or a stain
SPECK_LINE_CONFIDENCE = 0.5  # ... and a line of at most three words of one or two letters each, below this
# (mean letter confidence below which a reading is tried again, ink cut as a share of Otsu's threshold):
# a page still unsure after the first retry is cut nearer again (both measured on the development corpora).
THIN_RETRIES = ((0.85, 0.8), (0.8, 0.65))
# A page the thinner cuts did not help and still this unsure is read again cutting further from the strokes'
# core: a fine pen's faint strokes lose pieces to Otsu's cut (dev sets: clean handwriting 7.24% -> 6.64%).
THICK_RETRY_BELOW, THICK_INK_CUT = 0.85, 1.15
UPSCALE_RETRY_CONFIDENCE = 0.93  # a reading less sure than this, its text a little small for the engine...
UPSCALE_RETRY_FROM = 1.2  # ... is read again enlarged when Tesseract's height is over this many times its own
BLANK_INK_CONTRAST = 60.0  # grey levels; written pages measure 99+ even faded, blank backs under 45
ROW_OVERLAP = 0.4  # share of the shorter height a word must share with a row band to join the row
TALL_WORD = 1.5  # a word this many times a row's height is a mark over it, not a word of it
# Two words stand one above the other when their widths share over STACKED_WIDTH of the narrower's and
# their middles are over STACKED_OFFSET of the shorter's height apart (a box Tesseract drew too wide over
# its neighbours on the same line must not push them out of the row).
STACKED_WIDTH, STACKED_OFFSET = 0.5, 0.4


def read_page(
    page: PageImage, timeout: float = 0, options: PrepareOptions | None = None, psm: int = DEFAULT_PSM
) -> OcrPage:
    """Read one page. A PDF page with a real text layer is taken from that layer, not OCRed."""
    if page.text_layer:
        return page_from_words(page.page_number, page.width, page.height, page.text_layer, [], source="text_layer")
    options = options or PrepareOptions()
    grey = to_grey(page.image)
    flags = image_flags(grey, page.dpi)
    if _looks_blank(grey):
        return page_from_words(page.page_number, page.width, page.height, [], [*flags, "blank"])

    # Orientation costs an OSD run, so it is asked only when the page looks sideways, or when an
    # upright reading comes out as low-confidence noise (an upside-down page reads that way).
    rotation = 0
    if options.orientation and looks_sideways(grey):
        rotation = detect_rotation(grey) or 90
    reading = _read_turned(page, rotation, options, psm, timeout, grey)
    if options.orientation and reading.doubtful:
        # Next the engine's own guess if it is sure, else the other way up on the same axis; then,
        # if every reading is still doubtful, the other axis (OSD is rarely sure on faded or
        # handwritten pages, and the sideways check can miss). The reading with most sure letters wins.
        second_guess = detect_rotation(grey)
        if second_guess in (0, rotation):
            second_guess = (rotation + 180) % 360
        tried = {rotation, second_guess}
        reading = max(reading, _read_turned(page, second_guess, options, psm, timeout, grey), key=lambda r: r.score)
        for turn in (0, 90, 180, 270):
            if reading.doubtful and turn not in tried:
                reading = max(reading, _read_turned(page, turn, options, psm, timeout, grey), key=lambda r: r.score)

    if options.thin_retry and options.binarise == "otsu":
        # A page that reads badly is often blurred or bled, its letters fattened into blobs by the cut:
        # read it again cutting nearer the dark core of the strokes, and keep the surer reading; a page
        # still read badly, nearer again.
        for below, ink_cut in THIN_RETRIES:
            if reading.mean_confidence < below:
                thinner = replace(options, ink_cut=ink_cut)
                retried = _read_turned(page, reading.rotation, thinner, psm, timeout, grey)
                reading = max(reading, retried, key=lambda r: r.score)
        if reading.options.ink_cut == 1.0 and reading.mean_confidence < THICK_RETRY_BELOW:
            thicker = replace(options, ink_cut=THICK_INK_CUT)
            retried = _read_turned(page, reading.rotation, thicker, psm, timeout, grey)
            reading = max(reading, retried, key=lambda r: r.score)

    if options.rescale and reading.mean_confidence < UPSCALE_RETRY_CONFIDENCE and _enlargeable(reading):
        # Small handwriting reads better enlarged to the height the engine likes; typed text of that size
        # often reads worse so (its strokes run together), hence a second reading and the surer one kept.
        larger = replace(reading.options, upscale_from=UPSCALE_RETRY_FROM)
        reading = max(reading, _read_turned(page, reading.rotation, larger, psm, timeout, grey), key=lambda r: r.score)

    # Done once the reading is chosen, not in each tried: on a sideways page the stray marks read from
    # the ink of its upright text would make a wrong turn look surer; and a register's strips, read in
    # every retry, cost as much again as the page run.
    if options.read_columns:
        reading = _with_words(reading, lambda leaf: _read_columns(leaf, timeout))
    if options.read_missed:
        reading = _with_words(
            reading, lambda leaf: leaf.words + read_missed(leaf.image, leaf.words, leaf.text_height, timeout)
        )
    if options.reread_figures:
        reading = _with_words(reading, lambda leaf: reread_figures(leaf.image, leaf.words, leaf.text_height, timeout))
    words = restore_headings(reading.words)
    invalid = sum(1 for w in words if w.confidence <= INVALID_SYLLABLE_CONFIDENCE and any(c.isalpha() for c in w.text))
    flags += reading_flags(
        words,
        reading.rotation,
        max(reading.skews, key=abs, default=0.0),
        float(np.median(reading.text_heights)),
        invalid / max(1, len(words)),
    )
    if len(reading.skews) == 2:
        flags.append("spread_split")
    return page_from_words(page.page_number, page.width, page.height, words, flags, rules=reading.rules)


@dataclass(frozen=True)
class _Leaf:
    """One leaf as the engine read it: the prepared image, its words there, and the way back to the scan."""

    image: np.ndarray
    words: list[Word]
    geometry: Geometry
    text_height: float  # on ``image``
    rules: list[Segment]  # the upright rules erased from ``image``, on it


@dataclass
class _Reading:
    rotation: int
    leaves: list[_Leaf]
    skews: list[float]
    text_heights: list[float]
    rules: list[Rule]
    options: PrepareOptions
    words: list[Word] = field(init=False)  # every leaf's, on the original scan, in reading order

    def __post_init__(self) -> None:
        words: list[Word] = []
        for half, leaf in enumerate(self.leaves):
            for word in rows_in_reading_order(leaf.words):
                words.append(
                    Word(word.text, word.confidence, leaf.geometry.to_original(word.bbox), (half, *word.line_key))
                )
        self.words = _drop_noise([_checked(w) for w in words])

    @property
    def score(self) -> float:
        """Confident letters read: more text, read surely, wins."""
        return sum(w.confidence * sum(c.isalnum() for c in w.text) for w in self.words)

    @property
    def letters(self) -> int:
        return sum(sum(c.isalnum() for c in w.text) for w in self.words)

    @property
    def mean_confidence(self) -> float:
        return self.score / max(1, self.letters)

    @property
    def doubtful(self) -> bool:
        return self.letters < 20 or self.mean_confidence < DOUBTFUL_CONFIDENCE


def _read_turned(
    page: PageImage, rotation: int, options: PrepareOptions, psm: int, timeout: float, grey: np.ndarray
) -> _Reading:
    """Turn, split a spread, preprocess and recognise; word boxes back on the original page. ``grey`` is
    the page's grey (``to_grey``), computed once for every reading of an upright page: on a clean page it
    was a fifth of the time spent besides the engine."""
    upright = rotate_quarter(page.image, rotation)
    upright_grey = grey if rotation == 0 else None  # a turned page's paper statistics sample other pixels
    base = Geometry(original_size=(page.width, page.height)).then(quarter_turn(page.width, page.height, rotation))
    leaves: list[_Leaf] = []
    skews: list[float] = []
    text_heights: list[float] = []
    rules: list[Rule] = []
    parts = _split_spread(upright, upright_grey)
    for half, (dx, part) in enumerate(parts):
        prepared = prepare(part, options, rotation=0, grey=upright_grey if len(parts) == 1 else None)
        geometry = Geometry(prepared.geometry.matrix @ base.offset(dx, 0).matrix, base.original_size)
        read = _recognise(prepared.image, psm, timeout)
        if options.reread_slanted:
            read = reread_slanted_lines(prepared.image, read, timeout)
        leaves.append(_Leaf(prepared.image, read, geometry, prepared.text_height * prepared.scale, prepared.rules))
        for segment in prepared.rules:
            if (ends := geometry.segment_to_original(*segment)) is not None:
                rules.append(Rule(*ends, leaf=half))
        skews.append(prepared.skew)
        text_heights.append(prepared.text_height)
    return _Reading(rotation, leaves, skews, text_heights, rules, options)


def _with_words(reading: _Reading, words_of: Callable[[_Leaf], list[Word]]) -> _Reading:
    """``reading`` with each leaf's words replaced by ``words_of(leaf)``."""
    return replace(reading, leaves=[replace(leaf, words=words_of(leaf)) for leaf in reading.leaves])


def _read_columns(leaf: _Leaf, timeout: float) -> list[Word]:
    """The leaf's words, a ruled register's read again column by column (``ocr.ruled_table``)."""
    height, width = leaf.image.shape[:2]
    table = find_table(leaf.rules, width, height, leaf.text_height)
    if table is None:
        return leaf.words
    try:
        return read_ruled(leaf.image, table, leaf.words, line_margin(leaf.text_height), timeout)
    except OcrEngineError:
        return leaf.words  # the engine died on a strip: the page run stands, as it would without rules


def _recognise(image: np.ndarray, psm: int, timeout: float) -> list[Word]:
    """The page's words; should the engine die on the page in its segmentation mode (Tesseract 5.3 stops
    with a floating-point exception on some images in one mode and not in another), in the mode that
    takes the page as one block of text, before the page is given up."""
    try:
        return recognise(image, psm=psm, timeout=timeout)
    except OcrEngineError:
        if psm == FALLBACK_PSM:
            raise
        return recognise(image, psm=FALLBACK_PSM, timeout=timeout)


def _enlargeable(reading: _Reading) -> bool:
    """Whether the upscaling retry would scale the text of a leaf of ``reading`` otherwise than it was."""
    return any(
        scale_for(height, UPSCALE_RETRY_FROM) != scale_for(height, reading.options.upscale_from)
        for height in reading.text_heights
    )


def read_document(path: Path, timeout: float = 0, options: PrepareOptions | None = None) -> Iterator[OcrPage]:
    """Every page of an image or PDF file, read in order."""
    for page in load_pages(path):
        yield read_page(page, timeout=timeout, options=options)


def detect_rotation(grey: np.ndarray) -> int:
    """Clockwise quarter turns (degrees) that make the page upright, from Tesseract's OSD on a copy
    scaled so its text is a comfortable size; 0 unless the engine is sure."""
    text_height = estimate_text_height(grey)
    scale = min(1.0, 24.0 / text_height) if text_height else min(1.0, 1600.0 / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    ink = ink_mask(small)
    degrees, confidence = detect_orientation(cv2.bitwise_not(ink))
    return degrees if confidence >= ORIENTATION_MIN_CONFIDENCE else 0


def rows_in_reading_order(words: list[Word]) -> list[Word]:
    """Regroup words into text rows by their boxes on the upright page, top to bottom, left to right.

    Tesseract reads a ruled register column by column; an officer (and the ground truth) reads it row by
    row, one entry after another. Rows come from vertical overlap, so a cell that wraps becomes a row of
    its own below, as it is on paper. A row's band is the median top and bottom of its words: accents,
    descenders and a word written a little low (Tesseract splits "Trần Ngọc Hằng" when "Ngọc" sits
    lower) then neither stretch it into the next row nor push the word out of its own. A word far taller
    than a row (a stain or a scribble read as text) joins it only if centred in it, so it cannot bridge
    two lines into one. A row holding a word that stands over another is cut where its words' middles
    are furthest apart: a wrapped cell's lines written close, their marks and descenders reaching into
    each other's boxes, become two rows again instead of one of both lines' words interleaved ("Thượng,
    Học, phường Khương")."""
    rows: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (_middle(w), w.bbox[0])):
        top, bottom = word.bbox[1], word.bbox[3]
        best, best_share = -1, 0.0
        for index in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            band_top, band_bottom = bands[index]
            share = (min(bottom, band_bottom) - max(top, band_top)) / max(1, min(bottom - top, band_bottom - band_top))
            centred = band_top <= (top + bottom) / 2 <= band_bottom or (
                top <= (band_top + band_bottom) / 2 <= bottom and bottom - top <= TALL_WORD * (band_bottom - band_top)
            )
            if centred and share >= ROW_OVERLAP and share > best_share:
                best, best_share = index, share
        if best < 0:
            rows.append([word])
            bands.append((top, bottom))
        else:
            rows[best].append(word)
            bands[best] = (median(w.bbox[1] for w in rows[best]), median(w.bbox[3] for w in rows[best]))
    ordered: list[Word] = []
    for number, line in enumerate(part for row in rows for part in _unstacked(row)):
        for word in sorted(line, key=lambda w: w.bbox[0]):
            ordered.append(Word(word.text, word.confidence, word.bbox, (number,)))
    return ordered


def _unstacked(row: list[Word]) -> list[list[Word]]:
    """``row`` as the rows it holds, top first: cut where its words' middles are furthest apart while a cut
    there parts two words that stand one over the other; a row of one line as it is."""
    if len(row) < 2:
        return [row]
    ordered = sorted(row, key=_middle)
    cut = max(range(1, len(ordered)), key=lambda i: _middle(ordered[i]) - _middle(ordered[i - 1]))
    upper, lower = ordered[:cut], ordered[cut:]
    if not any(_stacked(a, b) for a in upper for b in lower):
        return [row]
    return [*_unstacked(upper), *_unstacked(lower)]


def _middle(word: Word) -> float:
    return (word.bbox[1] + word.bbox[3]) / 2


def _stacked(a: Word, b: Word) -> bool:
    """Whether one of the two words stands over the other (see STACKED_WIDTH)."""
    width = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
    narrower = min(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0])
    shorter = min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])
    return width > STACKED_WIDTH * max(1, narrower) and abs(_middle(a) - _middle(b)) > STACKED_OFFSET * max(1, shorter)


def page_from_words(
    page_number: int,
    width: int,
    height: int,
    words: list[Word],
    flags: list[str],
    source: str = "ocr",
    rules: list[Rule] | None = None,
) -> OcrPage:
    """Assemble lines (by the engine's block/paragraph/line keys, in reading order) and page text; ``rules``
    are the upright rulings found, on the original image."""
    lines: list[Line] = []
    current: list[Word] = []
    for word in words:
        if current and word.line_key != current[-1].line_key:
            lines.append(Line.of(current))
            current = []
        current.append(word)
    if current:
        lines.append(Line.of(current))
    text = "\n".join(line.text for line in lines)
    total_chars = sum(len(w.text) for w in words)
    mean = sum(w.confidence * len(w.text) for w in words) / total_chars if total_chars else 0.0
    return OcrPage(page_number, width, height, text, mean, words, lines, sorted(set(flags)), source, rules or [])


def _checked(word: Word) -> Word:
    text = clean_word(word.text)
    confidence = word.confidence
    if invalid_syllables(text):
        confidence = min(confidence, INVALID_SYLLABLE_CONFIDENCE)
    return Word(text, confidence, word.bbox, word.line_key)


def _drop_noise(words: list[Word]) -> list[Word]:
    """Stains, stamps, fold lines and rule remnants read as stray marks. Dropped: punctuation-only words
    the engine doubts; words it all but rejects that are not Vietnamese (symbols, impossible syllables);
    lines whose letters it mostly doubts (a row of "an na nan" read off a dotted rule), or doubts by
    half when they hold no more than a few words of a letter or two (a stamp's remnants: "He .ẻ ố"); and
    lines of one letter or digit alone ('ị', 'l', '1': a piece of a fold or a rule, however sure the
    engine is; on the development pages 200 such lines were read and none was on the page, where a lone
    line is at least a syllable: 'Đa', 'tự'). A stray glyph goes however sure the engine is of it."""
    kept = [
        w
        for w in words
        if w.text.strip("|¦")  # "|": a ruling
        and (any(c.isalnum() for c in w.text) or w.confidence >= 0.5)
        and not (w.confidence < JUNK_CONFIDENCE and _not_vietnamese(w.text))
        and not _stray_glyph(w.text)
    ]
    lines = by_line(kept)

    def doubted(line: list[Word]) -> bool:
        confidence, total = letter_confidence(line)
        specks = len(line) <= 3 and all(sum(c.isalnum() for c in w.text) <= 2 for w in line)
        return (
            total <= 1
            or (total < 4 and max(w.confidence for w in line) < 0.4)
            or confidence < NOISE_LINE_CONFIDENCE
            or (specks and confidence < SPECK_LINE_CONFIDENCE)
        )

    noisy = {key for key, line in lines.items() if doubted(line)}
    return [w for w in kept if w.line_key not in noisy]


def _stray_glyph(text: str) -> bool:
    """One character standing alone that is no digit, no dash or colon (an empty cell; "Họ tên :") and no
    Vietnamese word ('ở', 'y' are; 'N', '$', '§' are not): a piece of a fold, a stain or a rule read as
    a glyph. On the development pages 170 such words were read, none of them on the page."""
    return len(text) == 1 and not text.isdigit() and text not in "-–—:" and _not_vietnamese(text)


def _not_vietnamese(text: str) -> bool:
    """Holds a character outside words and common punctuation, or a syllable that cannot exist."""
    stripped = text.strip(".,;:!?()\"'-–—/")
    if not stripped or any(not (c.isalnum() or c in "/-.,:") for c in stripped):
        return True
    return bool(invalid_syllables(stripped))


def _looks_blank(grey: np.ndarray) -> bool:
    """Nothing darker than the paper but grain or faint bleed-through: a blank page or a sheet's back."""
    return ink_contrast(grey) < BLANK_INK_CONTRAST


def _split_spread(image: np.ndarray, grey: np.ndarray | None = None) -> list[tuple[int, np.ndarray]]:
    """One (x offset, image) per leaf; a leaning fold is followed, the other leaf painted as paper."""
    grey = to_grey(image) if grey is None else grey
    scale = min(1.0, 1200.0 / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    gutter = find_spread_gutter(small)
    if gutter is None:
        return [(0, image)]
    height, width = image.shape[:2]
    top, bottom = (min(width - 1, max(1, int(x / scale))) for x in gutter)
    paper = np.median(image[::8, ::8].reshape(-1, *image.shape[2:]), axis=0).astype(image.dtype)
    left, right = image[:, : max(top, bottom)].copy(), image[:, min(top, bottom) :].copy()
    if top != bottom:
        fold = np.array([[top, 0], [bottom, height]], np.int32)
        beyond = np.array([[max(top, bottom), 0], [max(top, bottom), height]], np.int32)
        before = np.array([[min(top, bottom), 0], [min(top, bottom), height]], np.int32)
        shift = np.array([min(top, bottom), 0], np.int32)
        cv2.fillPoly(left, [np.vstack([fold, beyond[::-1]])], paper.tolist())
        cv2.fillPoly(right, [np.vstack([before, fold[::-1]]) - shift], paper.tolist())
    return [(0, left), (min(top, bottom), right)]
