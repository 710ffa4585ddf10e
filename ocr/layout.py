"""What kind of page this is: a register page, a single certificate or extract, a cover, an index page,
or a blank. Decided from the OCR words alone."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from statistics import median

import numpy as np

from hotich.domain import Bbox
from hotich.text import fold
from ocr.geometry import quarter_turn
from ocr.labels import find_labels
from ocr.register import find_table
from ocr.types import Line, OcrPage, Rule, Word, by_line, enclosing

PAGE_KINDS = ("register", "certificate", "cover", "index", "blank")
_INDEX_TITLES = ("muc luc", "danh muc", "so theo doi", "bang tra cuu")


UPRIGHT = "upright_frame"  # flag of a page whose boxes were already turned into its reading frame
MIN_SKEW = 0.15  # degrees of residual skew below which words are left where they are


@dataclass(frozen=True)
class Frame:
    """The reading frame of a page: original pixels → pixels of the page turned upright and level.

    Word boxes stay on the original scan (so the web app outlines them there), but a page read sideways
    or skewed has its lines running up the original image or slanting across it; layout works on the
    upright, level page, and boxes found there go back through ``to_original``."""

    matrix: np.ndarray  # 3×3, original → upright
    width: int  # of the original image
    height: int

    def to_original(self, box: Bbox | None) -> Bbox | None:
        if box is None:
            return None
        x0, y0, x1, y1 = box
        corners = np.array([[x0, y0, 1.0], [x1, y0, 1.0], [x1, y1, 1.0], [x0, y1, 1.0]]).T
        back = np.linalg.inv(self.matrix) @ corners
        xs, ys = back[0], back[1]
        return (
            int(max(0, math.floor(xs.min()))),
            int(max(0, math.floor(ys.min()))),
            int(min(self.width, math.ceil(xs.max()))),
            int(min(self.height, math.ceil(ys.max()))),
        )


def _rotation(flags: list[str]) -> int:
    for flag in flags:
        if flag.startswith("rotated_") and flag[8:].isdigit():
            return int(flag[8:]) % 360
    return 0


def _moved(word: Word, matrix: np.ndarray, swap: bool) -> Word:
    """A word whose centre goes through ``matrix``; its size kept (width and height swapped on a quarter turn)."""
    x0, y0, x1, y1 = word.bbox
    cx, cy, _ = matrix @ np.array([(x0 + x1) / 2, (y0 + y1) / 2, 1.0])
    w, h = (y1 - y0, x1 - x0) if swap else (x1 - x0, y1 - y0)
    box = (round(cx - w / 2), round(cy - h / 2), round(cx + w / 2), round(cy + h / 2))
    return Word(word.text, word.confidence, box, word.line_key)


def _turned_rule(rule: Rule, matrix: np.ndarray) -> Rule:
    """A rule's ends through ``matrix``, the upper end first."""
    ends = matrix @ np.array([[rule.x0, rule.x1], [rule.y0, rule.y1], [1.0, 1.0]])
    (x0, x1), (y0, y1) = np.rint(ends[0]).astype(int), np.rint(ends[1]).astype(int)
    if y1 < y0:
        x0, y0, x1, y1 = x1, y1, x0, y0
    return Rule(int(x0), int(y0), int(x1), int(y1), rule.leaf)


def skew_of(words: list[Word]) -> float:
    """The slope (degrees, positive = lines going down to the right) of the engine's text lines, from
    the centres of their words: the median over lines long enough to tell."""
    slopes: list[float] = []
    for line in by_line(words).values():
        if len(line) < 3:
            continue
        xs = np.array([(w.bbox[0] + w.bbox[2]) / 2 for w in line])
        ys = np.array([(w.bbox[1] + w.bbox[3]) / 2 for w in line])
        height = median(w.bbox[3] - w.bbox[1] for w in line)
        if xs.max() - xs.min() < 6 * max(1, height):
            continue
        slope = float(np.polyfit(xs, ys, 1)[0])
        if abs(slope) < 0.2:
            slopes.append(slope)
    if len(slopes) < 3:
        return 0.0
    return math.degrees(math.atan(median(slopes)))


def upright(page: OcrPage) -> tuple[OcrPage, Frame]:
    """The page with its word boxes in its reading frame (quarter turn undone, residual skew levelled),
    and the frame to bring boxes found there back to the original image."""
    if UPRIGHT in page.quality_flags:
        return page, Frame(np.eye(3), page.width, page.height)
    rotation = _rotation(page.quality_flags)
    swap = rotation in (90, 270)
    width, height = (page.height, page.width) if swap else (page.width, page.height)
    turn = np.vstack([quarter_turn(page.width, page.height, rotation), [0.0, 0.0, 1.0]])
    turned_words = {id(w): _moved(w, turn, swap) for line in page.lines for w in line.words}
    angle = skew_of(list(turned_words.values()))
    matrix = turn
    moved = turned_words
    if abs(angle) >= MIN_SKEW:
        level = np.vstack([_level(angle, width, height), [0.0, 0.0, 1.0]])
        moved = {key: _moved(w, level, False) for key, w in turned_words.items()}
        matrix = level @ turn
    lines = []
    for line in page.lines:
        line_words = tuple(moved[id(w)] for w in line.words)
        if line_words:
            lines.append(Line(line.text, enclosing(w.bbox for w in line_words), line_words))
    words = [w for line in lines for w in line.words]
    flags = [f for f in page.quality_flags if not f.startswith("rotated_")] + [UPRIGHT]
    rules = [_turned_rule(rule, matrix) for rule in page.rules]
    turned = replace(page, width=width, height=height, words=words, lines=lines, quality_flags=flags, rules=rules)
    return turned, Frame(matrix, page.width, page.height)


def _level(angle: float, width: int, height: int) -> np.ndarray:
    """Rotation about the page centre that takes lines sloping by ``angle`` degrees to level."""
    theta = math.radians(-angle)
    cos, sin = math.cos(theta), math.sin(theta)
    cx, cy = width / 2, height / 2
    return np.array([[cos, -sin, cx - cos * cx + sin * cy], [sin, cos, cy - sin * cx - cos * cy]])


def _centre(word: Word) -> float:
    return (word.bbox[1] + word.bbox[3]) / 2


def rows(page: OcrPage) -> OcrPage:
    """The page with its lines rejoined into physical rows, top to bottom.

    The engine reads a ruled table or a two-column form block by block (a column, then the next), so
    one row of the page comes as several lines far apart in reading order. A line joins the row whose
    right end it continues: its first word level with the row's last word (ends are compared, not
    whole boxes, so a skewed page still joins). Words the engine put on the wrong line are then moved
    (``_interleaved``), and what that leaves apart is joined again: the end of a wrapped cell read with
    the line above ("Số 53 phố Giải Phóng, Tư, Hà" over "phường Trung") goes back after its row's start."""
    merged = _joined(_interleaved(_joined([line for line in page.lines if line.words])))
    merged.sort(key=lambda line: (_centre(line.words[0]), line.bbox[0]))
    return replace(page, lines=merged)


def _joined(lines: list[Line]) -> list[Line]:
    """Lines each joined to the row whose right end it continues."""
    joined: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.words[0].bbox[0]):
        first = line.words[0]
        height = max(1, first.bbox[3] - first.bbox[1])
        best: tuple[float, int] | None = None
        for index, row in enumerate(joined):
            last = row[-1].words[-1]
            # It may overlap the row's end by a letter's height (the shorter's: a hooked "phường" is tall).
            if last.bbox[2] > first.bbox[0] + min(height, last.bbox[3] - last.bbox[1]):
                continue
            offset = abs(_centre(last) - _centre(first))
            if offset < 0.6 * max(height, last.bbox[3] - last.bbox[1]) and (best is None or offset < best[0]):
                best = (offset, index)
        if best is None:
            joined.append([line])
        else:
            joined[best[1]].append(line)
    return [_merge(row) for row in joined]


def _interleaved(lines: list[Line]) -> list[Line]:
    """Words level with a row and sitting in its gaps, that the engine put in a line of their own, joined to
    the row: a word written a little high or low (handwriting) is read apart ("Họ và tên: Trần  Hằng" and
    "Ngọc" between them), sometimes together with the wrapped end of a cell below ("Bệnh" level with
    "viện Phụ sản Hà", "Nội" under it), and the value then reads cut or out of order."""
    out: list[Line] = []
    for line in sorted(lines, key=lambda line: line.bbox[1]):
        for index, row in enumerate(out):
            level = _level_between(row, line)
            if level:
                out[index] = Line.of(sorted([*row.words, *level], key=lambda w: w.bbox[0]))
                rest = [w for w in line.words if w not in level]
                if rest:
                    out.append(Line.of(sorted(rest, key=lambda w: w.bbox[0])))
                break
        else:
            out.append(line)
    return out


def _level_between(row: Line, line: Line) -> list[Word]:
    """The words of ``line`` level with ``row`` when the line starts within the row's span and those words
    are clear of the row's own (none when they are not)."""
    if not row.bbox[0] < line.bbox[0] < row.bbox[2]:
        return []
    height = median(w.bbox[3] - w.bbox[1] for w in row.words)
    centre = median(_centre(w) for w in row.words)
    top = median(w.bbox[1] for w in row.words)
    # By its centre, or its top: a word's box may reach down over the wrapped word under it ("Bệnh" over "Nội").
    level = [w for w in line.words if abs(_centre(w) - centre) <= 0.5 * height or abs(w.bbox[1] - top) <= 0.5 * height]
    if not level or line.words[0] not in level:
        return []
    clear = all(min(w.bbox[2], r.bbox[2]) <= max(w.bbox[0], r.bbox[0]) for w in level for r in row.words)
    return level if clear else []


def _merge(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    words = tuple(w for line in row for w in line.words)
    return Line(" ".join(line.text for line in row), enclosing(line.bbox for line in row), words)


def leaves(page: OcrPage) -> list[OcrPage]:
    """The pages of a two-page spread (the OCR split it and keyed each word by its leaf, 0 or 1), or the
    page itself; each in its reading frame (see ``upright``)."""
    if "spread_split" not in page.quality_flags:
        return [upright(page)[0]]
    return [upright(leaf)[0] for leaf in split_leaves(page)]


def split_leaves(page: OcrPage) -> list[OcrPage]:
    """The leaves of a spread as pages with original boxes (a leaf without words is left out)."""
    if "spread_split" not in page.quality_flags:
        return [page]
    out = []
    for leaf in (0, 1):
        lines = [line for line in page.lines if line.words and line.words[0].line_key[:1] == (leaf,)]
        if not lines:
            continue
        words = [w for line in lines for w in line.words]
        text = "\n".join(line.text for line in lines)
        rules = [rule for rule in page.rules if rule.leaf == leaf]
        out.append(replace(page, text=text, words=words, lines=lines, rules=rules))
    return out or [page]


def page_kind(page: OcrPage) -> str:
    """register, certificate, cover, index or blank; a spread is a register if either leaf is one."""
    if "spread_split" in page.quality_flags:
        kinds = [leaf_kind(leaf) for leaf in leaves(page)]
        return next((k for k in ("register", "certificate", "index", "cover") if k in kinds), "blank")
    return leaf_kind(upright(page)[0])


def leaf_kind(page: OcrPage) -> str:
    page = rows(page)
    letters = sum(ch.isalpha() for ch in page.text)
    if "blank" in page.quality_flags or letters < 12:
        return "blank"
    top = " ".join(fold(line.text) for line in page.lines[:6])
    if any(title in top for title in _INDEX_TITLES):
        return "index"
    if find_table(page) is not None:
        return "register"
    # Lines with a label for a person's field ("Số", "Quyển số" also appear on register covers).
    labelled = sum(
        1
        for line in page.lines
        if any(m.field not in {"registration_number", "book_number"} for m in find_labels([w.text for w in line.words]))
    )
    titled = any(word in top for word in ("giay", "trich luc", "ban sao", "chung nhan"))
    if labelled >= 3 or (labelled >= 1 and titled):
        return "certificate"
    return "cover"
