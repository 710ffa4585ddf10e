"""Real Tesseract runs: an aged page read back, rotated pages made upright, boxes on the original."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pytesseract
import pytest

from hotich.errors import OcrEngineError
from ocr import pipeline
from ocr.engine import recognise
from ocr.figures import is_figures
from ocr.headings import restore_headings
from ocr.pipeline import _drop_noise, read_page, rows_in_reading_order
from ocr.preprocess import Prepared, PrepareOptions
from ocr.types import PageImage, Word
from tests.ocr.conftest import CERTIFICATE_LINES, RenderedPage, age, cer, render


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    return inter / max(1, (b[2] - b[0]) * (b[3] - b[1]))


def test_clean_page_reads_almost_perfectly(certificate: RenderedPage) -> None:
    page = read_page(PageImage(1, certificate.image, dpi=300))
    assert cer(page.text, certificate.text) < 0.01
    assert page.mean_confidence > 0.85 and page.quality_flags == []
    word = next(w for w in page.words if w.text == "Hường")
    assert _overlap(word.bbox, certificate.boxes["Hường"]) > 0.7
    assert len(page.lines) == len(certificate.lines)


def test_aged_page_beats_raw_tesseract(certificate: RenderedPage) -> None:
    aged = age(certificate.image, angle=5.0, seed=3)
    raw = pytesseract.image_to_string(aged[:, :, ::-1], lang="vie")
    ours = read_page(PageImage(1, aged, dpi=300))
    assert cer(ours.text, certificate.text) < 0.08
    assert cer(ours.text, certificate.text) * 3 < cer(raw, certificate.text)
    assert "skew_corrected" in ours.quality_flags


def test_upside_down_and_sideways_pages_come_upright_with_boxes_on_the_scan(certificate: RenderedPage) -> None:
    for turns, flag in [(2, "rotated_180"), (1, "rotated_90")]:
        turned = np.ascontiguousarray(np.rot90(certificate.image, turns))  # counter-clockwise
        page = read_page(PageImage(1, turned, dpi=300))
        assert flag in page.quality_flags
        assert cer(page.text, certificate.text) < 0.03
        word = next(w for w in page.words if w.text == "Hường")
        x0, y0, x1, y1 = certificate.boxes["Hường"]
        height, width = certificate.image.shape[:2]
        expected = (
            (width - x1, height - y1, width - x0, height - y0) if turns == 2 else (y0, width - x1, y1, width - x0)
        )
        assert _overlap(word.bbox, expected) > 0.6, (word.bbox, expected)


def test_blank_page_is_flagged_without_ocr() -> None:
    paper = np.full((1200, 900, 3), (200, 225, 235), np.uint8)
    noise = np.random.default_rng(0).normal(0, 3, paper.shape)
    page = read_page(PageImage(1, np.clip(paper + noise, 0, 255).astype(np.uint8), dpi=300))
    assert page.words == [] and "blank" in page.quality_flags and page.text == ""


def test_the_back_of_a_sheet_showing_through_is_blank() -> None:
    # Mirrored, faint text bled through from the other side, on shaded, grainy paper.
    back = render(CERTIFICATE_LINES).image[:, ::-1]
    faint = 255 - (255 - back.astype(np.float32)) * 0.12
    shade = np.linspace(0.75, 1.0, faint.shape[1], dtype=np.float32)[None, :, None]
    grain = np.random.default_rng(2).normal(0, 4, faint.shape)
    sheet = np.clip(faint * np.array([0.8, 0.9, 0.97]) * shade + grain, 0, 255).astype(np.uint8)
    page = read_page(PageImage(1, sheet, dpi=300))
    assert "blank" in page.quality_flags and page.words == []
    faded = age(render(CERTIFICATE_LINES).image, angle=0.0, seed=5)  # faded, but written: not blank
    assert "blank" not in read_page(PageImage(1, faded, dpi=300)).quality_flags


def test_stray_marks_and_rule_remnants_are_dropped_words_kept() -> None:
    line = (0, 0, 1)
    words = [
        Word("Nguyễn", 0.93, (0, 0, 90, 30), line),
        Word("Văn", 0.12, (100, 0, 150, 30), line),  # doubted, but a Vietnamese word: kept
        Word("#8u", 0.05, (160, 0, 200, 30), line),  # doubted and not a word: dropped
        Word("Ba", 0.9, (210, 0, 240, 30), line),
    ]
    dotted_rule = [
        Word(t, 0.08, (i * 60, 50, i * 60 + 50, 56), (0, 0, 2)) for i, t in enumerate("an na nan. an".split())
    ]
    kept = _drop_noise(words + dotted_rule)
    assert [w.text for w in kept] == ["Nguyễn", "Văn", "Ba"]


def test_a_line_of_a_few_doubted_specks_is_dropped_a_short_sure_line_kept() -> None:
    # A stamp's remnants read between two rows of a register; and a wrapped cell's last syllable.
    stamp = [Word("He", 0.61, (506, 471, 524, 489), (0, 0, 1)), Word(".ẻ", 0.0, (1334, 497, 1347, 515), (0, 0, 1))]
    stamp.append(Word("ố", 0.19, (1485, 502, 1494, 520), (0, 0, 1)))
    wrapped = [Word("Đa", 0.9, (300, 540, 330, 560), (0, 0, 2))]
    assert [w.text for w in _drop_noise(stamp + wrapped)] == ["Đa"]


def test_a_stray_glyph_is_dropped_however_sure_a_lone_word_or_mark_kept() -> None:
    # A fold line down a register, read row after row as one glyph between a name and a date.
    texts = ["Lê", "Thanh", "Bảo", "$", "09-11-1990", "Chỗ", "ở", "§", "N", "-", "—", ":", "7", "y"]
    words = [Word(t, 0.93, (i * 60, 0, i * 60 + 50, 30), (0, 0, 1)) for i, t in enumerate(texts)]
    kept = [w.text for w in _drop_noise(words)]
    assert kept == ["Lê", "Thanh", "Bảo", "09-11-1990", "Chỗ", "ở", "-", "—", ":", "7", "y"]


def rows_of(boxes: list[tuple[str, tuple[int, int, int, int]]]) -> list[list[str]]:
    """The texts of words read with these boxes, row by row, as ``rows_in_reading_order`` puts them."""
    ordered = rows_in_reading_order([Word(text, 0.9, box, (0, 0, 0)) for text, box in boxes])
    return [[w.text for w in ordered if w.line_key == key] for key in dict.fromkeys(w.line_key for w in ordered)]


def test_a_word_written_low_stays_in_its_row_and_close_rows_stay_apart() -> None:
    # Boxes as Tesseract gave them on a typed extract with a handwritten-style name: "Ngọc" sits lower
    # than the short words that open the row, and was read as a row of its own ("Trần Hằng" / "Ngọc").
    name_row = [
        ("Họ,", (140, 502, 195, 536)),
        ("chữ", (208, 502, 266, 530)),
        ("đệm,", (277, 502, 352, 537)),
        ("tên:", (365, 503, 421, 531)),
        ("Trần", (435, 503, 526, 543)),
        ("Ngọc", (556, 514, 645, 553)),
        ("Hằng", (676, 504, 766, 553)),
    ]
    next_row = [("Giới", (140, 548, 209, 576)), ("tính:", (222, 548, 290, 576)), ("Nữ", (305, 556, 351, 585))]
    rows = rows_of(name_row + next_row)
    assert rows == [[t for t, _ in name_row], [t for t, _ in next_row]]


def test_a_wrapped_cells_close_lines_stay_two_rows() -> None:
    # Boxes as Tesseract gave them on a handwritten marriage register: the address cell's second and
    # third lines, written close, tall with their marks, overlap by half their height. Both had made one
    # row, sorted by x: "Thượng, Học, phường Khương Hà Nội".
    second = [("Học,", (811, 555, 856, 577)), ("phường", (853, 555, 956, 596)), ("Khương", (962, 553, 1072, 594))]
    third = [("Thượng,", (802, 574, 914, 618)), ("Hà", (925, 580, 962, 604)), ("Nội", (972, 576, 1016, 604))]
    rows = rows_of(second + third)
    assert rows == [[t for t, _ in second], [t for t, _ in third]]


def test_a_box_drawn_too_wide_over_its_neighbours_keeps_the_row_whole() -> None:
    # Tesseract drew "Trần" over the whole of "Trần Thị Linh", a little high: one line, not two stacked.
    row = [("310", (100, 480, 135, 500)), ("Phan", (188, 482, 233, 502)), ("Trần", (1240, 470, 1371, 500))]
    row += [("Thị", (1289, 477, 1320, 509)), ("Linh", (1328, 481, 1371, 506))]
    assert rows_of(row) == [[t for t, _ in row]]


def test_a_tall_stain_read_as_a_word_does_not_bridge_two_lines() -> None:
    office = [("PHƯỜNG", (300, 63, 420, 95)), ("NGUYỄN", (430, 63, 560, 95)), ("DU", (570, 63, 610, 95))]
    title = [("SỔ", (640, 110, 690, 145)), ("ĐĂNG", (700, 110, 800, 145)), ("KÝ", (810, 110, 860, 145))]
    stain = [("_——==_", (100, 50, 280, 150))]
    rows = rows_of(office + title + stain)
    assert [t for t, _ in office] in rows


def test_a_line_of_one_letter_alone_is_dropped_a_lone_syllable_kept() -> None:
    # The engine reads the lone 'h' surely; on a register such a line is a piece of a fold or a rule.
    lines = ["Họ và tên: Nguyễn Thị Hường", "h", "Nơi sinh: Bệnh viện Bạch", "Đa"]
    page = read_page(PageImage(1, render(lines, size=(1300, 700)).image, dpi=300))
    assert page.text == "Họ và tên: Nguyễn Thị Hường\nNơi sinh: Bệnh viện Bạch\nĐa"


def _readings(monkeypatch: pytest.MonkeyPatch) -> list[pipeline._Reading]:
    """Every reading ``read_page`` makes from now on, in order, each with the options it was made with."""
    readings: list[pipeline._Reading] = []
    read_turned = pipeline._read_turned

    def spy(
        page: PageImage, rotation: int, options: PrepareOptions, psm: int, timeout: float, grey: np.ndarray
    ) -> pipeline._Reading:
        readings.append(read_turned(page, rotation, options, psm, timeout, grey))
        return readings[-1]

    monkeypatch.setattr(pipeline, "_read_turned", spy)
    return readings


def test_a_page_that_reads_badly_is_read_again_with_a_lower_ink_cut_and_the_surer_reading_kept(
    certificate: RenderedPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    readings = _readings(monkeypatch)
    read_page(PageImage(1, certificate.image, dpi=300))
    assert [r.options.ink_cut for r in readings] == [1.0]  # a sure reading is kept as it is

    readings.clear()
    blurred = render(CERTIFICATE_LINES, size=(900, 700), font_size=20)
    image = 255 - (255 - cv2.GaussianBlur(blurred.image, (0, 0), 2.0).astype(np.float32)) * 0.8
    page = read_page(PageImage(1, image.astype(np.uint8), dpi=150))
    (first_below, first_cut), (second_below, second_cut) = pipeline.THIN_RETRIES
    assert readings[0].mean_confidence < first_below
    still_unsure = max(readings[:2], key=lambda r: r.score).mean_confidence < second_below
    thin = [1.0, first_cut, *([second_cut] if still_unsure else [])]
    chosen = max(readings[: len(thin)], key=lambda r: r.score)
    # Only a page the thinner cuts did not help, and still unsure, is read again with more ink.
    thick = chosen.options.ink_cut == 1.0 and chosen.mean_confidence < pipeline.THICK_RETRY_BELOW
    assert [r.options.ink_cut for r in readings] == [*thin, *([pipeline.THICK_INK_CUT] if thick else [])]
    best = max(readings, key=lambda r: r.score)
    assert [w.text for w in page.words if not is_figures(w.text)] == [
        w.text for w in restore_headings(best.words) if not is_figures(w.text)
    ]
    assert cer(page.text, blurred.text) < 0.2


def test_a_page_the_thinner_cuts_do_not_help_is_read_again_with_more_ink(monkeypatch: pytest.MonkeyPatch) -> None:
    # Faint strokes, thin as a fine pen's: cutting nearer their dark core loses more of them.
    readings = _readings(monkeypatch)
    rendered = render(CERTIFICATE_LINES, size=(900, 700), font_size=20)
    faint = 255 - (255 - cv2.dilate(rendered.image, np.ones((2, 2), np.uint8)).astype(np.float32)) * 0.5
    page = read_page(PageImage(1, faint.astype(np.uint8), dpi=150))
    upright = [r for r in readings if r.letters >= 20]
    assert [r.options.ink_cut for r in upright[-3:]] == [
        *(cut for _, cut in pipeline.THIN_RETRIES),
        pipeline.THICK_INK_CUT,
    ]
    best = max(readings, key=lambda r: r.score)
    assert [w.text for w in page.words if not is_figures(w.text)] == [
        w.text for w in restore_headings(best.words) if not is_figures(w.text)
    ]


def test_a_doubtful_reading_of_smallish_text_is_read_again_enlarged_and_the_surer_reading_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Text 20 px tall is left at its size (Tesseract likes 30, and enlarging typed text of this size often
    # reads worse); a reading of it that comes out unsure is tried again enlarged.
    readings = _readings(monkeypatch)
    scales: list[float] = []

    def prepare_spy(*args: Any, **kwargs: Any) -> Prepared:
        prepared = prepare(*args, **kwargs)
        scales.append(prepared.scale)
        return prepared

    prepare = pipeline.prepare
    monkeypatch.setattr(pipeline, "prepare", prepare_spy)
    sharp = render(CERTIFICATE_LINES, size=(1000, 700), font_size=28)
    read_page(PageImage(1, sharp.image, dpi=300))
    assert [r.options.upscale_from for r in readings] == [1.6] and scales == [1.0]  # sure: read once, as it is

    scales.clear(), readings.clear()
    blurred = 255 - (255 - cv2.GaussianBlur(sharp.image, (0, 0), 2.4).astype(np.float32)) * 0.8
    page = read_page(PageImage(1, blurred.astype(np.uint8), dpi=300))
    assert readings[0].mean_confidence < pipeline.UPSCALE_RETRY_CONFIDENCE
    assert [r.options.upscale_from for r in readings] == [1.6, pipeline.UPSCALE_RETRY_FROM]
    assert scales[0] == 1.0 and 1.3 < scales[1] < 1.6
    best = max(readings, key=lambda r: r.score)
    # The surer reading is kept; its figures alone may be read again (ocr.figures).
    assert [w.text for w in page.words if not is_figures(w.text)] == [
        w.text for w in restore_headings(best.words) if not is_figures(w.text)
    ]
    assert cer(page.text, sharp.text) < 0.05

    scales.clear(), readings.clear()
    large = render(CERTIFICATE_LINES, size=(1800, 1300), font_size=44)
    smudged = 255 - (255 - cv2.GaussianBlur(large.image, (0, 0), 3.5).astype(np.float32)) * 0.8
    read_page(PageImage(1, smudged.astype(np.uint8), dpi=300))
    assert readings[0].mean_confidence < pipeline.UPSCALE_RETRY_CONFIDENCE
    # Text at the engine's height: nothing to enlarge.
    assert pipeline.UPSCALE_RETRY_FROM not in [r.options.upscale_from for r in readings]


def test_a_page_the_engine_dies_on_is_read_in_another_segmentation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tesseract 5.3 dies of a floating-point exception on some images in one mode and not in another.
    modes: list[int] = []

    def engine(image: np.ndarray, psm: int = 4, timeout: float = 0) -> list[Word]:
        modes.append(psm)
        if psm == pipeline.DEFAULT_PSM:
            raise OcrEngineError("Tesseract failed: Floating point exception")
        return recognise(image, psm=psm, timeout=timeout)

    monkeypatch.setattr(pipeline, "recognise", engine)
    page = read_page(PageImage(1, render(CERTIFICATE_LINES, size=(1300, 900), font_size=34).image, dpi=300))
    assert modes == [pipeline.DEFAULT_PSM, pipeline.FALLBACK_PSM]
    assert cer(page.text, "\n".join(CERTIFICATE_LINES)) < 0.05

    def dead(image: np.ndarray, psm: int = 4, timeout: float = 0) -> list[Word]:
        raise OcrEngineError("Tesseract failed: Floating point exception")

    monkeypatch.setattr(pipeline, "recognise", dead)
    with pytest.raises(OcrEngineError):  # dead in every mode: the page is given up, with the engine's reason
        read_page(PageImage(1, render(CERTIFICATE_LINES, size=(1300, 900), font_size=34).image, dpi=300))
