"""Tracking where a processed pixel came from, so word boxes land on the original scan.

Every geometric step of preprocessing (rotation by quarter turns, deskew, crop, perspective, rescale)
multiplies into one 3×3 matrix from original to processed coordinates; boxes go back through its
inverse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from hotich.domain import Bbox


@dataclass
class Geometry:
    """Original → processed coordinates, as a 3×3 homography (affine for all but perspective)."""

    matrix: np.ndarray = field(default_factory=lambda: np.eye(3))
    original_size: tuple[int, int] = (0, 0)  # width, height of the original image

    def then(self, step: np.ndarray) -> Geometry:
        """This geometry followed by ``step`` (a 2×3 affine or 3×3 matrix in processed coordinates)."""
        full = np.vstack([step, [0.0, 0.0, 1.0]]) if step.shape == (2, 3) else step
        return Geometry(full @ self.matrix, self.original_size)

    def offset(self, dx: float, dy: float) -> Geometry:
        """Processed coordinates shifted, e.g. for one half of a two-page spread cropped at (dx, dy)."""
        return self.then(np.array([[1.0, 0.0, -dx], [0.0, 1.0, -dy]]))

    def segment_to_original(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int] | None:
        """A processed-image line segment on the original, cut where it leaves the page (a deskewed image
        is larger than the scan, and its corners hold no page); None when none of it is on the page."""
        ends = np.linalg.inv(self.matrix) @ np.array([[x0, x1], [y0, y1], [1.0, 1.0]])
        (ax, bx), (ay, by) = ends[0] / ends[2], ends[1] / ends[2]
        width, height = self.original_size
        low, high = 0.0, 1.0  # the part of a + t·(b − a) on the page
        for start, delta, limit in ((ax, bx - ax, width), (ay, by - ay, height)):
            if abs(delta) < 1e-9:
                if not 0 <= start <= limit:
                    return None
                continue
            t0, t1 = sorted(((0 - start) / delta, (limit - start) / delta))
            low, high = max(low, t0), min(high, t1)
        if low > high:
            return None
        return (
            round(ax + low * (bx - ax)),
            round(ay + low * (by - ay)),
            round(ax + high * (bx - ax)),
            round(ay + high * (by - ay)),
        )

    def to_original(self, box: Bbox) -> Bbox:
        """A processed-image box as the smallest box on the original that holds it, clipped to the page."""
        x0, y0, x1, y1 = box
        corners = np.array([[x0, y0, 1.0], [x1, y0, 1.0], [x1, y1, 1.0], [x0, y1, 1.0]]).T
        back = np.linalg.inv(self.matrix) @ corners
        xs, ys = back[0] / back[2], back[1] / back[2]
        width, height = self.original_size
        return (
            int(max(0, np.floor(xs.min()))),
            int(max(0, np.floor(ys.min()))),
            int(min(width, np.ceil(xs.max()))),
            int(min(height, np.ceil(ys.max()))),
        )


def quarter_turn(width: int, height: int, degrees: int) -> np.ndarray:
    """The affine matrix of ``np.rot90``-style clockwise rotation by 0/90/180/270 degrees."""
    turns = (degrees // 90) % 4
    if turns == 0:
        return np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    if turns == 1:  # clockwise: (x, y) -> (h - 1 - y, x)
        return np.array([[0.0, -1.0, height - 1.0], [1.0, 0.0, 0.0]])
    if turns == 2:
        return np.array([[-1.0, 0.0, width - 1.0], [0.0, -1.0, height - 1.0]])
    return np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, width - 1.0]])  # counter-clockwise
