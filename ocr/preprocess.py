"""OpenCV preprocessing: an aged, skewed, stained scan in; a clean, upright, black-on-white page out.

Each step is a pure function of an image. ``prepare`` chains them and keeps the geometry so that word
boxes found on the processed image map back onto the original scan. Which steps run is a
``PrepareOptions`` choice so the benchmark can measure each one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from ocr.geometry import Geometry, quarter_turn

TARGET_TEXT_HEIGHT = 30.0  # px height of a lower-case-with-ascender glyph Tesseract reads best at
MAX_SKEW = 15.0
GUTTER_LEAN = 0.12  # how far (dx/dy) the fold of a spread may lean when the leaves are not laid square
RED_STAMP_EXCESS = 20  # how much redder than the paper a pixel must be to count as stamp ink (at 40 pale stamps stayed)


@dataclass(frozen=True)
class PrepareOptions:
    orientation: bool = True
    perspective: bool = True
    deskew: bool = True
    remove_red: bool = True
    normalise_background: bool = True
    binarise: str = "otsu"  # otsu | adaptive | sauvola | none
    ink_cut: float = 1.0  # Otsu's threshold scaled by this: below 1 keeps the dark core of blurred strokes
    remove_rules: bool = True
    rescale: bool = True
    upscale_from: float = 1.6  # text is enlarged when Tesseract's height is over this many times its own
    read_columns: bool = True  # a ruled register read column strip by column strip (ocr.ruled_table)
    reread_slanted: bool = True  # doubted slanted lines read again upright (ocr.slant)
    read_missed: bool = True  # ink no word covers read again as lines (ocr.missed)
    reread_figures: bool = True  # dates and numbers read again with the English model (ocr.figures)
    thin_retry: bool = True  # a page that reads badly read again with a lower ink cut (ocr.pipeline)


Segment = tuple[float, float, float, float]  # x0, y0, x1, y1: a line from one end to the other


@dataclass
class Prepared:
    image: np.ndarray  # grey uint8, upright, ready for Tesseract
    geometry: Geometry
    rotation: int = 0  # quarter turns applied, clockwise degrees
    skew: float = 0.0  # degrees corrected
    scale: float = 1.0
    text_height: float = 0.0  # median glyph height on the original, px
    perspective_corrected: bool = False
    notes: dict[str, float] = field(default_factory=dict)
    rules: list[Segment] = field(default_factory=list)  # upright rules erased, on ``image``, top end first


# --- colour -------------------------------------------------------------------------------------


def to_grey(image: np.ndarray, remove_red: bool = True) -> np.ndarray:
    """Grey from BGR. Red and pink ink (stamps, seals, red ruling) turns to paper: in the red channel
    it is as bright as the paper, while black and blue ink stay dark. Redness is measured against the
    paper's own tint, so yellowed or peach paper is not taken for a stamp."""
    if image.ndim == 2:
        return image
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if not remove_red:
        return grey
    b, g, r = (image[:, :, i].astype(np.int16) for i in range(3))
    redness = r - np.maximum(g, b)
    sample = grey[::4, ::4]
    paper = sample >= np.percentile(sample, 60)
    paper_redness = float(np.median(redness[::4, ::4][paper])) if paper.any() else 0.0
    reddish = redness > paper_redness + RED_STAMP_EXCESS
    if reddish.any():
        # A stroke's edges blend into the paper and are less red than its core: they go with it.
        reddish = cv2.dilate(reddish.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        # The red channel of a stamp is about as bright as the paper's: scaled to the paper's grey, the stamp
        # turns to paper and black ink over it stays dark. A dull or faded stamp's red channel is darker than
        # the paper's: its own brightness is what is scaled to the paper's grey, or the stamp stays a grey
        # that the cut turns to specks around the words written over it.
        paper_grey = float(np.median(sample[paper])) if paper.any() else 255.0
        paper_red = float(np.median(r[::4, ::4][paper])) if paper.any() else 255.0
        stamp_red = float(np.median(r[reddish]))
        grey = grey.copy()
        lifted = r[reddish].astype(np.float32) * (paper_grey / max(1.0, min(paper_red, stamp_red)))
        grey[reddish] = np.clip(lifted, 0, paper_grey).astype(np.uint8)
    return grey


# --- measuring ----------------------------------------------------------------------------------


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Dark marks (text, lines) as 255 on 0, robust to uneven light: Otsu on a background-flattened copy."""
    flat = _flatten(grey, max(15, min(grey.shape) // 40))
    _, mask = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask


def estimate_text_height(grey: np.ndarray) -> float:
    """Median height of glyph-sized connected components; 0 when the page has no text."""
    mask = ink_mask(grey)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return 0.0
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    # One pixel wide is no glyph: such slivers are streaks, as a rotation's replicated border draws.
    glyphs = heights[(heights >= 6) & (heights <= grey.shape[0] // 10) & (widths >= 2) & (widths <= heights * 4)]
    if glyphs.size < 10:
        return 0.0
    return float(np.median(glyphs))


def estimate_skew(grey: np.ndarray, limit: float = MAX_SKEW) -> float:
    """The angle (degrees, positive = counter-clockwise text) that makes text rows horizontal.

    Projection-profile search on a small copy: text rows give the sharpest row-sum profile when level.
    """
    mask = ink_mask(grey)
    scale = 900.0 / max(mask.shape)
    if scale < 1.0:
        mask = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    height, width = mask.shape
    centre = (width / 2, height / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(mask, matrix, (width, height), flags=cv2.INTER_NEAREST)
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(rows) ** 2))

    best = max(np.arange(-limit, limit + 0.01, 1.0), key=sharpness)
    fine = max(np.arange(best - 1.0, best + 1.01, 0.1), key=sharpness)
    return float(round(fine, 2)) if abs(fine) >= 0.2 else 0.0


def looks_sideways(grey: np.ndarray) -> bool:
    """Whether text runs top-to-bottom (a page turned 90°): once rulings are removed, text rows make the
    row profile of an upright page far sharper than its column profile, and the other way round."""
    mask = ink_mask(grey)
    scale = 900.0 / max(mask.shape)
    if scale < 1.0:
        mask = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    text = cv2.bitwise_not(remove_rules(cv2.bitwise_not(mask), 10.0, broken_upright=False))  # rules over 60 px go

    def best_row_sharpness(image: np.ndarray) -> float:
        """Row-profile sharpness at the best small angle, so a skewed page is judged fairly."""
        height, width = image.shape
        best = 0.0
        for angle in np.arange(-14.0, 14.1, 2.0):
            matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
            rows = cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
            best = max(best, float(np.sum(np.diff(rows) ** 2) / max(1.0, float(np.sum(rows)) ** 2)))
        return best

    return best_row_sharpness(np.ascontiguousarray(text.T)) > 1.5 * best_row_sharpness(text)


def find_spread_gutter(grey: np.ndarray) -> tuple[int, int] | None:
    """The fold of a two-page spread as its x at the top and at the bottom of the image, or None.

    A spread is wider than tall with a band near the middle that no text or ruling crosses (a wide
    register page has rules across its middle). The two leaves are rarely laid square on the scanner,
    so the band may lean: each lean is tried by shearing it upright, and the clearest band wins."""
    height, width = grey.shape
    if width < height * 1.15:
        return None
    mask = ink_mask(grey)
    best: tuple[int, int, float] | None = None  # (clear width, x on the sheared image, lean)
    for lean in np.linspace(-GUTTER_LEAN, GUTTER_LEAN, 9):
        matrix = np.array([[1, -lean, lean * height / 2], [0, 1, 0]], np.float32)  # x' = x - lean·(y - h/2)
        upright = cv2.warpAffine(mask, matrix, (width, height), flags=cv2.INTER_NEAREST)
        found = _clear_band(upright, width)
        if found and (best is None or found[0] > best[0]):
            best = (*found, float(lean))
    if best is not None:
        _, x, lean = best
        return round(x - lean * height / 2), round(x + lean * height / 2)
    columns = (mask > 0).mean(axis=0)
    lo, hi = int(width * 0.4), int(width * 0.6)
    dark = columns[lo:hi] > 0.85  # a shadowed fold reads as a solid dark column
    if dark.any():
        x = lo + int(np.flatnonzero(dark).mean())
        return x, x
    return None


def _clear_band(mask: np.ndarray, width: int) -> tuple[int, int] | None:
    """(width, centre x) of the ink-free column band nearest the middle, with ink on both sides."""
    columns = (mask > 0).mean(axis=0)
    lo, hi = int(width * 0.4), int(width * 0.6)
    band = max(3, width // 150)
    smoothed = np.convolve(columns[lo:hi], np.ones(band) / band, mode="same")
    empty = np.flatnonzero(smoothed < 0.002)
    if not empty.size:
        return None
    runs = np.split(empty, np.flatnonzero(np.diff(empty) > 1) + 1)
    middle = (hi - lo) / 2
    run = min(runs, key=lambda r: 0 if r[0] <= middle <= r[-1] else min(abs(r[0] - middle), abs(r[-1] - middle)))
    x = lo + int((run[0] + run[-1]) // 2)
    if columns[:x].mean() > 0.004 and columns[x:].mean() > 0.004:
        return int(run[-1] - run[0] + 1), x
    return None


def find_page_quad(image: np.ndarray) -> np.ndarray | None:
    """The four corners of a photographed page lying on a darker background, or None for a flat scan."""
    grey = to_grey(image, remove_red=False)
    scale = 800.0 / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    page = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(page)
    total = small.shape[0] * small.shape[1]
    if not 0.2 * total < area < 0.92 * total:
        return None  # no page edge inside the frame: a flatbed scan
    quad = cv2.approxPolyDP(page, 0.02 * cv2.arcLength(page, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    # The background around the page must be clearly darker than the page.
    inside = np.zeros_like(small)
    cv2.drawContours(inside, [quad], -1, 255, -1)
    if small[inside == 0].mean() > small[inside > 0].mean() * 0.8:
        return None
    return _order_corners(quad.reshape(4, 2).astype(np.float64) / (scale if scale < 1 else 1.0))


def _order_corners(points: np.ndarray) -> np.ndarray:
    sums = points.sum(axis=1)
    diffs = np.diff(points, axis=1).ravel()
    return np.array(
        [points[np.argmin(sums)], points[np.argmin(diffs)], points[np.argmax(sums)], points[np.argmax(diffs)]]
    )


# --- transforming -------------------------------------------------------------------------------


def rotate_quarter(image: np.ndarray, degrees: int) -> np.ndarray:
    turns = (degrees // 90) % 4
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return image if turns == 0 else cv2.rotate(image, codes[turns])


def rotate_by(image: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """Rotate counter-clockwise by ``angle`` degrees on an enlarged white canvas; returns the matrix."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(height * sin + width * cos), int(height * cos + width * sin)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    turned = cv2.warpAffine(image, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return turned, matrix


def warp_page(image: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flatten the page inside ``corners`` (tl, tr, br, bl) to a rectangle; returns the homography."""
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float64)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target.astype(np.float32))
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_LINEAR), matrix.astype(np.float64)


def _flatten(grey: np.ndarray, radius: int) -> np.ndarray:
    """Divide by an estimate of the paper (ink removed by a grey closing), computed on a small copy."""
    factor = 4
    size_small = (max(1, grey.shape[1] // factor), max(1, grey.shape[0] // factor))
    small = cv2.resize(grey, size_small, interpolation=cv2.INTER_AREA)
    size = max(3, (radius // factor) | 1)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    paper = cv2.medianBlur(paper, 5)
    paper = cv2.resize(paper, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(grey, np.maximum(paper, 1), scale=255)
    return flat


def normalise_background(grey: np.ndarray, text_height: float) -> np.ndarray:
    """Even out yellowed paper, uneven light, stains and shadows; then stretch the contrast of faded ink."""
    radius = int(max(15, text_height * 3))
    flat = _flatten(grey, radius)
    low = float(np.percentile(flat[::3, ::3], 0.5))
    if low < 250:
        # Clipped, not folded: ink darker than ``low`` (a bold title on a page of faded writing) stays black.
        stretched = (flat.astype(np.float32) - low) * (255.0 / (255.0 - low))
        flat = np.clip(stretched, 0, 255).astype(np.uint8)
    return flat


def ink_contrast(grey: np.ndarray) -> float:
    """How much darker than the paper the darkest marks are, once light and stains are evened out:
    ~100+ for any written page, however faded; under ~50 for a blank page or a sheet's back showing
    only bleed-through and grain."""
    flat = _flatten(grey, max(15, min(grey.shape) // 40))
    sample = flat[::2, ::2]
    return float(np.median(sample) - np.percentile(sample, 0.1))


def binarise(grey: np.ndarray, method: str, text_height: float, ink_cut: float = 1.0) -> np.ndarray:
    """Ink black on white. ``ink_cut`` < 1 lowers Otsu's threshold: on a blurred or bled page Otsu
    takes the grey halo of each stroke as ink and letters run together into blobs; on a sharp page
    with thin or faded strokes a lower threshold breaks them, so it is for pages that read badly."""
    if method == "none":
        return grey
    if method == "otsu":
        threshold, out = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        if ink_cut != 1.0:
            _, out = cv2.threshold(grey, threshold * ink_cut, 255, cv2.THRESH_BINARY)
        return out
    block = int(max(15, text_height * 2)) | 1
    if method == "adaptive":
        return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 15)
    if method == "sauvola":
        return sauvola(grey, block)
    raise ValueError(f"unknown binarisation {method!r}")


def sauvola(grey: np.ndarray, window: int, k: float = 0.2, dynamic_range: float = 128.0) -> np.ndarray:
    """Sauvola's threshold T = m·(1 + k·(s/R − 1)), from box-filtered mean and variance."""
    image = grey.astype(np.float64)
    mean = cv2.boxFilter(image, -1, (window, window))
    sq_mean = cv2.boxFilter(image * image, -1, (window, window))
    std = np.sqrt(np.maximum(sq_mean - mean * mean, 0))
    threshold = mean * (1 + k * (std / dynamic_range - 1))
    return np.where(image > threshold, 255, 0).astype(np.uint8)


def remove_rules(binary: np.ndarray, text_height: float, broken_upright: bool = True) -> np.ndarray:
    """Erase long ruling lines (register tables, form underlines) that Tesseract would read as text.

    A rule on an old ledger is rarely one pixel row: the page is slightly sheared or the paper wavy, so
    the rule steps up or down every few dozen pixels. Ink is first smeared a few pixels across the rule's
    direction so a stepping rule is one long run; only the original ink under that run is erased.

    Upright lines are also found through gaps: the fold of a bound book or a faded column rule
    binarises as a broken, speckled line, which Tesseract takes for a column edge (dropping the lines
    it crosses) or reads as 'ị' or '|'. Such a line often runs through text rather than between cells,
    so ink on a row run that goes on beyond the line (a letter's bar or bowl) is kept, while a fold's
    shadow, binarised as two edges with its grain cut into sideways dashes between them, goes whole.
    Rows are not bridged: along a text row, letter tops bridged together look like a rule. Nor are
    upright lines when ``broken_upright`` is False (the sideways test, where text rows run upright)."""
    return _erase_rules(binary, text_height, broken_upright)[0]


def remove_and_find_rules(binary: np.ndarray, text_height: float) -> tuple[np.ndarray, list[Segment]]:
    """``remove_rules`` (upright lines found through gaps), and the upright rules it found as segments
    (x, y of the top end, x, y of the bottom end): a register's column rules are its column boundaries."""
    cleaned, vertical = _erase_rules(binary, text_height, True)
    return cleaned, upright_rules(vertical, text_height)


def _erase_rules(binary: np.ndarray, text_height: float, broken_upright: bool) -> tuple[np.ndarray, np.ndarray]:
    """The page with its rules erased, and the mask of upright runs (rules, smeared) that were looked for."""
    ink = cv2.bitwise_not(binary)
    length = int(max(40, text_height * 6))
    smear = _smear(text_height)

    def runs(direction: tuple[int, int], across: tuple[int, int], bridge: tuple[int, int] | None) -> np.ndarray:
        smeared = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, across))
        if bridge:
            smeared = cv2.morphologyEx(smeared, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, bridge))
        return cv2.morphologyEx(smeared, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, direction))

    horizontal = runs((length, 1), (1, smear), None)
    vertical = runs((1, length), (smear, 1), (1, smear) if broken_upright else None)
    if not (horizontal.any() or vertical.any()):
        return binary, vertical
    near_ink = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    erase = cv2.bitwise_and(horizontal, near_ink)
    on_vertical = cv2.bitwise_and(vertical, ink)
    if on_vertical.any() and broken_upright:
        crossing = _leaving(ink, vertical)
        upright = cv2.bitwise_and(cv2.bitwise_and(vertical, near_ink), cv2.bitwise_not(crossing))
        erase = cv2.bitwise_or(erase, upright)
    elif on_vertical.any():
        erase = cv2.bitwise_or(erase, cv2.bitwise_and(vertical, near_ink))
    cleaned = binary.copy()
    cleaned[erase > 0] = 255
    return cleaned, vertical


def _leaving(ink: np.ndarray, band: np.ndarray, reach: int = 3) -> np.ndarray:
    """The ink in ``band`` that lies on a row run of ink going on ``reach`` px or more outside it: a letter's
    bar or bowl across a fold or a rule, where the grain and dashes of a fold's own shadow stay inside."""
    out = np.zeros_like(ink)
    count, _, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=8)
    for x, y, w, h, _area in stats[1:count]:
        x0, x1 = max(0, x - 2 * reach), min(ink.shape[1], x + w + 2 * reach)
        rows, inside = ink[y : y + h, x0:x1] > 0, band[y : y + h, x0:x1] > 0
        # Each row's runs labelled on their own: rows are kept apart by a blank row between them.
        spaced = np.zeros((2 * h, x1 - x0), np.uint8)
        spaced[::2] = rows
        _, labels = cv2.connectedComponents(spaced, connectivity=4)
        runs = labels[::2]
        outside = np.bincount(runs[rows & ~inside], minlength=int(runs.max()) + 1)
        outside[0] = 0
        out[y : y + h, x0:x1][(outside[runs] >= reach) & rows & inside] = 255
    return out


def _smear(text_height: float) -> int:
    """How far (odd, px) ink is smeared across a rule's direction so a stepping or broken rule is one run."""
    return max(3, int(text_height / 4)) | 1


def upright_rules(vertical: np.ndarray, text_height: float) -> list[Segment]:
    """Upright rules from the mask of upright runs: pieces level with one another joined into one line (a
    faded rule binarises broken), each fitted with a straight line so a rule the deskew left slanting a
    little keeps its slant. Wide pieces are a dark fold or a stain, not a rule."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(vertical, connectivity=8)
    widest = max(3 * _smear(text_height), text_height)
    pieces = [i for i in range(1, count) if stats[i, cv2.CC_STAT_WIDTH] <= widest]
    centre = {i: stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] / 2 for i in pieces}
    lines: list[list[int]] = []
    for piece in sorted(pieces, key=lambda i: centre[i]):
        if lines and centre[piece] - centre[lines[-1][-1]] <= max(3.0, text_height / 2):
            lines[-1].append(piece)
        else:
            lines.append([piece])
    out: list[Segment] = []
    for line in lines:
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        for i in line:
            x, y, w, h = (int(v) for v in stats[i, :4])
            rows, cols = np.nonzero(labels[y : y + h : 4, x : x + w] == i)
            ys.append(rows * 4 + y)
            xs.append(cols + x)
        along, across = np.concatenate(ys).astype(np.float64), np.concatenate(xs).astype(np.float64)
        top = min(int(stats[i, cv2.CC_STAT_TOP]) for i in line)
        bottom = max(int(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT]) - 1 for i in line)
        slope, offset = np.polyfit(along, across, 1) if np.ptp(along) > 0 else (0.0, float(across.mean()))
        out.append((float(slope * top + offset), float(top), float(slope * bottom + offset), float(bottom)))
    return out


def scale_for(text_height: float, upscale_from: float = 1.6) -> float:
    """The factor that brings glyphs to about TARGET_TEXT_HEIGHT px, or 1 within a tolerance that skips
    work: text is shrunk from 4/3 of that height, enlarged when the target is over ``upscale_from`` times
    its height."""
    if text_height <= 0:
        return 1.0
    factor = TARGET_TEXT_HEIGHT / text_height
    if 0.75 <= factor <= upscale_from:
        return 1.0
    return float(min(max(factor, 0.35), 3.0))


def rescale(image: np.ndarray, text_height: float, upscale_from: float = 1.6) -> tuple[np.ndarray, float]:
    """The image scaled by ``scale_for``, and the factor."""
    factor = scale_for(text_height, upscale_from)
    if factor == 1.0:
        return image, 1.0
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation), factor


# --- the chain ----------------------------------------------------------------------------------


def prepare(
    image: np.ndarray,
    options: PrepareOptions = PrepareOptions(),
    rotation: int | None = None,
    grey: np.ndarray | None = None,
) -> Prepared:
    """Upright, deskewed, flattened, binarised page with its geometry back to ``image``; ``grey``, when
    given, is ``to_grey(image)`` already computed by the caller.

    ``rotation`` (clockwise quarter turns in degrees) is decided by the caller (see ``ocr.orientation``),
    since telling 0° from 180° takes the OCR engine."""
    height, width = image.shape[:2]
    geometry = Geometry(original_size=(width, height))
    notes: dict[str, float] = {}
    perspective = False
    working = image
    if options.perspective and image.ndim == 3:
        corners = find_page_quad(image)
        if corners is not None:
            working, matrix = warp_page(image, corners)
            geometry = geometry.then(matrix)
            perspective = True
    if grey is None or perspective or not options.remove_red:
        grey = to_grey(working, remove_red=options.remove_red)
    turn = rotation or 0
    if turn:
        geometry = geometry.then(quarter_turn(grey.shape[1], grey.shape[0], turn))
        grey = rotate_quarter(grey, turn)
    skew = estimate_skew(grey) if options.deskew else 0.0
    if skew:
        grey, matrix = rotate_by(grey, skew)
        geometry = geometry.then(matrix)
    text_height = estimate_text_height(grey)
    notes["text_height"] = text_height
    if options.normalise_background:
        grey = normalise_background(grey, text_height)
    # No median filter against grain: it took the thin strokes of blurred print with the grain (dev pages
    # without it: heavy CER 12.1% -> 10.9%, the grainy moderate ones 3.8% -> 3.3%); Otsu leaves grain as
    # specks, which the noise filters drop.
    scale = 1.0
    if options.rescale:
        grey, scale = rescale(grey, text_height, options.upscale_from)
        if scale != 1.0:
            geometry = geometry.then(np.array([[scale, 0.0, 0.0], [0.0, scale, 0.0]]))
    out = binarise(grey, options.binarise, text_height * scale, options.ink_cut)
    rules: list[Segment] = []
    if options.remove_rules and options.binarise != "none":
        out, rules = remove_and_find_rules(out, text_height * scale)
    return Prepared(out, geometry, turn, skew, scale, text_height, perspective, notes, rules)
