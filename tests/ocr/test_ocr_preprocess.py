"""Each preprocessing step on its own, measured on rendered pages (no OCR needed here)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.engine import recognise
from ocr.geometry import Geometry, quarter_turn
from ocr.preprocess import (
    PrepareOptions,
    binarise,
    estimate_skew,
    estimate_text_height,
    find_page_quad,
    find_spread_gutter,
    normalise_background,
    prepare,
    remove_and_find_rules,
    remove_rules,
    rescale,
    rotate_by,
    rotate_quarter,
    to_grey,
    warp_page,
)
from tests.ocr.conftest import CERTIFICATE_LINES, RenderedPage, age, render


@pytest.mark.parametrize("angle", [-12.0, -4.0, 2.5, 9.0])
def test_skew_is_measured_within_half_a_degree(certificate: RenderedPage, angle: float) -> None:
    turned, _ = rotate_by(to_grey(certificate.image), angle)
    assert abs(estimate_skew(turned) + angle) < 0.5
    assert estimate_skew(to_grey(certificate.image)) == 0.0


def test_red_stamp_disappears_black_ink_stays(certificate: RenderedPage) -> None:
    stamped = certificate.image.copy()
    cv2.circle(stamped, (1200, 700), 150, (40, 40, 220), 14)
    grey = to_grey(stamped)
    assert grey[700, 1200 - 150] > 200  # on the stamp's ring
    assert np.array_equal(grey < 100, to_grey(certificate.image) < 100)
    assert to_grey(stamped, remove_red=False)[700, 1200 - 150] < 120


def test_a_dull_blurred_stamp_goes_edges_and_all_and_black_ink_over_it_stays(certificate: RenderedPage) -> None:
    # A dull red absorbs some red too (its red channel 170 against the paper's 255), and a blurred ring's
    # edges are only a little red: both had stayed grey rings that the cut turned to specks.
    stamped = certificate.image.copy()
    ring = np.zeros(stamped.shape[:2], np.uint8)
    cv2.circle(ring, (1200, 700), 150, 255, 14)
    ring = cv2.GaussianBlur(ring, (9, 9), 0).astype(np.float32)[:, :, None] / 255
    stamped = (stamped * (1 - ring) + np.array([70, 60, 170], np.float32) * ring).astype(np.uint8)
    cv2.putText(stamped, "Le Thi Luu", (1060, 560), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (30, 30, 30), 5)
    grey = to_grey(stamped)
    around = grey[540:860, 1040:1360]
    ink = cv2.cvtColor(stamped, cv2.COLOR_BGR2GRAY)[540:860, 1040:1360] < 60
    assert (around[~ink] > 200).mean() > 0.99  # the ring and its edges are paper
    assert (around[ink] < 110).mean() > 0.95  # the name over it stays dark


def test_peach_paper_is_not_taken_for_a_stamp(certificate: RenderedPage) -> None:
    # Yellowed/peach paper has a red excess of its own (here 45); grain on it must not flicker
    # between "paper" and "stamp" pixel by pixel, which binarises into block patterns.
    grey = to_grey(certificate.image).astype(np.float32) / 255
    peach = np.stack([grey * 170, grey * 200, grey * 245], axis=2)
    grain = np.random.default_rng(1).normal(0, 6, peach.shape)
    page = np.clip(peach + grain, 0, 255).astype(np.uint8)
    cv2.circle(page, (1200, 700), 150, (60, 60, 235), 14)
    out = to_grey(page)
    paper = out[to_grey(certificate.image) > 250]
    assert np.percentile(paper, 99) - np.percentile(paper, 1) < 40  # one even paper, no lifted speckle
    assert out[700, 1200 - 150] > np.median(paper) - 25  # the stamp's ring is gone into the paper
    assert (out[to_grey(certificate.image) < 60] < 100).mean() > 0.9  # the text stays


def test_background_normalisation_flattens_uneven_light(certificate: RenderedPage) -> None:
    grey = to_grey(certificate.image).astype(np.float32)
    ramp = np.linspace(0.45, 1.0, grey.shape[1], dtype=np.float32)[None, :]
    dim = (grey * ramp).astype(np.uint8)
    flat = normalise_background(dim, estimate_text_height(dim))
    paper = flat[to_grey(certificate.image) > 250]
    assert paper.mean() > 240 and np.percentile(paper, 5) > 215
    ink = flat[to_grey(certificate.image) < 60]
    assert ink.mean() < 90


def test_ink_darker_than_faded_writing_stays_black_when_the_contrast_is_stretched() -> None:
    # A black printed title over a page of faded writing: stretching the faded ink's contrast folded the
    # title's darker ink back over to white, its letters came out hollow and the register's title unread.
    title = to_grey(render(["SỔ ĐĂNG KÝ KHAI TỬ"], (1400, 900), 44).image)
    lines = ["", "", *["Nguyễn Thị Hường  14/3/1962  Bệnh viện Phụ sản Hà Nội"] * 5]
    faded = 255 - (255 - to_grey(render(lines, (1400, 900), 30).image).astype(np.float32)) * 0.4
    page = np.minimum(title, faded.astype(np.uint8))
    flat = normalise_background(page, 30)
    assert (flat[title < 60] < 60).mean() > 0.95
    assert (flat[faded < 170] < 128).mean() > 0.8  # the faded writing is darkened as before


@pytest.mark.parametrize("method", ["otsu", "adaptive", "sauvola"])
def test_binarisation_keeps_faded_text(certificate: RenderedPage, method: str) -> None:
    faded = (255 - (255 - to_grey(certificate.image).astype(np.float32)) * 0.35).astype(np.uint8)
    flat = normalise_background(faded, 30)
    out = binarise(flat, method, 30)
    assert set(np.unique(out)) <= {0, 255}
    truth = to_grey(certificate.image) < 128
    agreement = (out[truth] == 0).mean()
    assert agreement > 0.8


def test_a_lower_ink_cut_parts_letters_that_blur_ran_together() -> None:
    page = render(["Nguyễn Thị Hường, Trần Văn Lực", "Hà Nội, ngày 14 tháng 3 năm 1962"], (1000, 400), 30)
    blurred = cv2.GaussianBlur(to_grey(page.image), (0, 0), 2.2)
    flat = normalise_background(blurred, 30)
    otsu, thinner = binarise(flat, "otsu", 30), binarise(flat, "otsu", 30, ink_cut=0.8)
    assert (thinner == 0).sum() < 0.9 * (otsu == 0).sum()  # the grey halo of each stroke is left out
    pieces = [cv2.connectedComponents((b == 0).astype(np.uint8))[0] for b in (otsu, thinner)]
    assert pieces[1] > pieces[0]  # letters the halo had joined come apart
    assert binarise(flat, "otsu", 30, ink_cut=1.0).tobytes() == otsu.tobytes()


def test_ruling_lines_go_text_stays() -> None:
    page = render(["Số 12   Nguyễn Văn Ba   1962"], size=(1400, 400)).image
    grey = to_grey(page)
    cv2.line(grey, (50, 60), (1350, 60), 0, 3)
    cv2.line(grey, (700, 20), (700, 380), 0, 3)
    _, binary = cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY)
    cleaned = remove_rules(binary, 35)
    assert (cleaned[60, 50:1350] == 255).mean() > 0.95
    text_ink = (binary[110:170] == 0).sum()
    assert (cleaned[110:170] == 0).sum() > 0.9 * text_ink


def test_rules_that_step_go_too() -> None:
    # A sheared ledger: the row rule climbs 1 px every 40 px, so no pixel row holds a long run.
    page = render(["Số 12   Nguyễn Văn Ba   1962"], size=(1400, 400)).image
    grey = to_grey(page)
    for x in range(50, 1350, 40):
        grey[60 + (x - 50) // 40 : 62 + (x - 50) // 40, x : x + 40] = 0
    _, binary = cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY)
    cleaned = remove_rules(binary, 35)
    assert (cleaned[55:100, 50:1350] == 0).sum() < 0.05 * (binary[55:100, 50:1350] == 0).sum()
    assert (cleaned[110:170] == 0).sum() > 0.9 * (binary[110:170] == 0).sum()


def test_a_broken_upright_line_goes_and_the_text_reads_clean() -> None:
    # A faded fold: dashes 4 px long with 6 px gaps, leaning a little, between two words. Left in, the
    # engine reads it as stray marks beside the words.
    page = render(["Số 12   Nguyễn Văn Ba   1962", "Hà Nội   ngày 5 tháng 3"], size=(1400, 400)).image
    grey = to_grey(page)
    for y in range(10, 390, 10):
        x = 585 + (y - 10) // 80
        grey[y : y + 4, x : x + 3] = 0
    _, binary = cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY)
    cleaned = remove_rules(binary, 35)
    assert (cleaned[:, 580:595] == 0).sum() < 0.05 * (binary[:, 580:595] == 0).sum()
    assert [w.text for w in recognise(cleaned)] == "Số 12 Nguyễn Văn Ba 1962 Hà Nội ngày 5 tháng 3".split()


def test_letters_a_fold_runs_through_keep_their_strokes() -> None:
    # A thin upright line through 'Hưng' and 'Bạch': the line goes, the strokes that cross it stay, and
    # the words read right (erasing all ink under the line split them into stray pieces).
    page = render(["Nguyễn Văn Hưng", "Bệnh viện Bạch Mai"], size=(900, 300), font_size=40).image
    grey = to_grey(page)
    grey[:, 452:455] = 0
    _, binary = cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY)
    cleaned = remove_rules(binary, 40)
    assert (cleaned[:100, 452:455] == 0).sum() == 0 and (cleaned[270:, 452:455] == 0).sum() == 0
    assert [w.text for w in recognise(cleaned)] == "Nguyễn Văn Hưng Bệnh viện Bạch Mai".split()


def test_a_fold_shadow_of_sideways_dashes_goes() -> None:
    # A fold's shadow binarised, between two words: two dark edges with the grain between them cut into
    # sideways dashes, wider than a rule's. Left in, the engine takes the band for a column's edge.
    page = render(["Số 12   Nguyễn Văn Ba   1962", "Hà Nội   ngày 5 tháng 3"], size=(1400, 400)).image
    grey = to_grey(page)
    for x in (60, 90, 1310, 1340):  # the table's thin column rules
        grey[:, x : x + 3] = 0
    grey[:, 580:583] = 0
    grey[:, 601:604] = 0
    for y in range(5, 395, 9):
        grey[y : y + 3, 583:601] = 0
    _, binary = cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY)
    cleaned = remove_rules(binary, 35)
    assert (cleaned[:, 578:607] == 0).sum() < 0.05 * (binary[:, 578:607] == 0).sum()
    assert [w.text for w in recognise(cleaned)] == "Số 12 Nguyễn Văn Ba 1962 Hà Nội ngày 5 tháng 3".split()


def _ruled_table(size: tuple[int, int] = (1400, 1000)) -> tuple[np.ndarray, list[int]]:
    """A grey table of four rows between column rules at known x, 3 px wide, from y 100 to 900."""
    lines = ["Số 12   Nguyễn Văn Ba   1962"] * 4
    page = render(lines, size=size)
    grey = to_grey(page.image)
    xs = [60, 200, 700, 1000, 1300]
    for x in xs:
        cv2.line(grey, (x, 100), (x, 900), 0, 3)
    cv2.line(grey, (60, 100), (1300, 100), 0, 3)
    return grey, xs


def test_upright_rules_are_found_where_they_are_erased() -> None:
    grey, xs = _ruled_table()
    for x in range(1000, 1301, 3):  # a dotted underline is no upright rule
        grey[500:503, x] = 0
    _, binary = cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY)
    cleaned, rules = remove_and_find_rules(binary, 35)
    assert np.array_equal(cleaned, remove_rules(binary, 35))  # finding them erases nothing else
    assert len(rules) == len(xs)
    for (x0, y0, x1, y1), x in zip(sorted(rules), xs, strict=True):
        assert abs(x0 - x) <= 2 and abs(x1 - x) <= 2
        assert abs(y0 - 100) <= 3 and abs(y1 - 900) <= 3


def test_a_broken_rule_is_one_rule() -> None:
    grey, xs = _ruled_table()
    grey[380:420, 690:710] = 255  # the rule at 700 faded in two places
    grey[640:680, 690:710] = 255
    _, binary = cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY)
    _, rules = remove_and_find_rules(binary, 35)
    assert [round((r[0] + r[2]) / 2) for r in sorted(rules)] == pytest.approx(xs, abs=2)
    middle = next(r for r in rules if abs(r[0] - 700) < 5)
    assert middle[1] <= 103 and middle[3] >= 897


def test_prepare_reports_rules_that_map_back_onto_the_scan() -> None:
    grey, xs = _ruled_table((1400, 1400))
    matrix = cv2.getRotationMatrix2D((700, 700), 4.0, 1.0)
    skewed = cv2.warpAffine(grey, matrix, (1400, 1400), borderValue=255)
    prepared = prepare(cv2.cvtColor(skewed, cv2.COLOR_GRAY2BGR), PrepareOptions())
    assert prepared.skew != 0 and len(prepared.rules) == len(xs)
    for segment, x in zip(sorted(prepared.rules), xs, strict=True):
        assert abs(segment[0] - segment[2]) <= 3  # upright on the deskewed image
        ends = prepared.geometry.segment_to_original(*segment)
        assert ends is not None
        # Where the rule was drawn, on the skewed scan: both ends within a few px.
        for (ex, ey), y in (((ends[0], ends[1]), 100), ((ends[2], ends[3]), 900)):
            want = matrix @ np.array([x, y, 1.0])
            assert abs(ex - want[0]) <= 5 and abs(ey - want[1]) <= 8


def test_rescale_to_tesseract_text_height() -> None:
    small = render(CERTIFICATE_LINES, size=(700, 650), font_size=14).image
    height = estimate_text_height(to_grey(small))
    assert 8 < height < 20
    scaled, factor = rescale(to_grey(small), height)
    assert factor > 1.5 and scaled.shape[1] == round(700 * factor)
    # Text of 22 px is left as it is, unless enlarging is asked from a smaller factor (the pipeline's retry).
    assert rescale(to_grey(small), 22.0)[1] == 1.0
    enlarged, factor = rescale(to_grey(small), 22.0, upscale_from=1.2)
    assert factor == pytest.approx(30 / 22) and enlarged.shape[1] == round(700 * factor)


def test_text_height_ignores_streaks_of_a_replicated_border() -> None:
    # Deskewing a noisy scan replicates its border into the corners: one-pixel-wide streaks, hundreds
    # of them glyph-tall, which once halved the measured height and enlarged the page threefold.
    grey = to_grey(render(CERTIFICATE_LINES, size=(1800, 1500), font_size=38).image)
    height = estimate_text_height(grey)
    streaked = grey.copy()
    for rise in range(7):  # in the margin, clear of the text: 38 x 30 streaks
        streaked[rise::50, 1500::8] = 0
    assert estimate_text_height(streaked) == height


def test_two_page_spread_gutter() -> None:
    left = to_grey(render(CERTIFICATE_LINES, size=(1200, 1500), font_size=30).image)
    spread = np.hstack([left, np.full((1500, 80), 255, np.uint8), left])
    gutter = find_spread_gutter(spread)
    assert gutter is not None and all(900 <= x <= 1380 for x in gutter)  # between the texts, cutting none
    # Leaves laid askew: the fold leans, and is followed.
    lean = np.float32([[1, 0.08, -60], [0, 1, 0]])
    askew = cv2.warpAffine(spread, lean, (spread.shape[1], 1500), borderValue=255)
    top, bottom = find_spread_gutter(askew) or (0, 0)
    assert bottom - top > 60 and top >= 800 and bottom <= 1450
    assert find_spread_gutter(left) is None  # portrait page
    table = spread.copy()
    for y in range(200, 1400, 120):
        table[y : y + 3, :] = 0  # rules across the middle: one wide register page, not a spread
    assert find_spread_gutter(table) is None


def test_phone_photo_page_is_found_and_flattened(certificate: RenderedPage) -> None:
    page = cv2.resize(certificate.image, (900, 750))
    canvas = np.full((1300, 1400, 3), 60, np.uint8)
    corners = np.array([[220, 180], [1180, 260], [1130, 1120], [160, 1010]], np.float32)
    source = np.array([[0, 0], [900, 0], [900, 750], [0, 750]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners)
    cv2.warpPerspective(page, matrix, (1400, 1300), dst=canvas, borderMode=cv2.BORDER_TRANSPARENT)
    found = find_page_quad(canvas)
    assert found is not None and np.abs(found - corners).max() < 15
    flat, _ = warp_page(canvas, found)
    assert abs(flat.shape[1] / flat.shape[0] - 900 / 750) < 0.1
    assert find_page_quad(certificate.image) is None  # a flatbed scan has no page edge


def test_geometry_maps_boxes_back_through_every_step() -> None:
    geometry = Geometry(original_size=(1000, 600)).then(quarter_turn(1000, 600, 90))
    turned = np.zeros((600, 1000), np.uint8)
    rotated = rotate_quarter(turned, 90)
    _, matrix = rotate_by(rotated, 7.0)
    geometry = geometry.then(matrix).then(np.array([[2.0, 0, 0], [0, 2.0, 0]]))
    point = np.array([300.0, 200.0, 1.0])
    mapped = geometry.matrix @ point
    x, y = mapped[0] / mapped[2], mapped[1] / mapped[2]
    box = geometry.to_original((int(x) - 2, int(y) - 2, int(x) + 2, int(y) + 2))
    assert box[0] <= 300 <= box[2] and box[1] <= 200 <= box[3]
    assert box[2] - box[0] < 8


def test_prepare_chain_on_an_aged_page(certificate: RenderedPage) -> None:
    aged = age(certificate.image, angle=6.0)
    prepared = prepare(aged, PrepareOptions())
    assert abs(prepared.skew + 6.0) < 0.6
    assert set(np.unique(prepared.image)) <= {0, 255}
    assert 0.01 < (prepared.image == 0).mean() < 0.2  # text, not a black page
    # The caller's grey, computed once for all readings of the page, gives the same page.
    again = prepare(aged, PrepareOptions(), grey=to_grey(aged))
    assert np.array_equal(again.image, prepared.image) and again.skew == prepared.skew
