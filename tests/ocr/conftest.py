"""Small rendered pages for OCR tests: real Vietnamese text in a font that covers it, known positions."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

CERTIFICATE_LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY KHAI SINH",
    "Họ và tên: Nguyễn Thị Hường",
    "Ngày, tháng, năm sinh: 14/3/1962",
    "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
    "Họ và tên cha: Nguyễn Văn Lực",
    "Họ và tên mẹ: Trần Thị Lựu",
]


@dataclass
class RenderedPage:
    image: np.ndarray  # BGR
    lines: list[str]
    boxes: dict[str, tuple[int, int, int, int]]  # word -> box where it was drawn

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def render(lines: list[str], size: tuple[int, int] = (1800, 1500), font_size: int = 38) -> RenderedPage:
    font = ImageFont.truetype(FONT, font_size)
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    boxes: dict[str, tuple[int, int, int, int]] = {}
    for i, line in enumerate(lines):
        x, y = 120, 120 + i * int(font_size * 2.2)
        draw.text((x, y), line, font=font, fill=(15, 15, 15))
        for word in line.split():
            left, top, right, bottom = draw.textbbox((x, y), word, font=font)
            boxes.setdefault(word, (left, top, right, bottom))
            x = right + draw.textlength(" ", font=font)
    return RenderedPage(np.asarray(image)[:, :, ::-1].copy(), list(lines), boxes)


def age(page: np.ndarray, angle: float = 5.0, seed: int = 0) -> np.ndarray:
    """Faded ink on yellowed, unevenly lit paper with a stain and a red stamp, skewed, blurred, noisy, JPEG."""
    rng = np.random.default_rng(seed)
    height, width = page.shape[:2]
    img = 255 - (255 - page.astype(np.float32)) * 0.5
    img = img / 255 * np.array([170, 215, 235], np.float32)
    yy, xx = np.mgrid[0:height, 0:width]
    img *= (0.7 + 0.3 * np.sin(xx / width * 3) * np.cos(yy / height * 2))[..., None]
    stain = np.zeros((height, width), np.float32)
    cv2.circle(stain, (width // 3, height // 2), height // 6, 1.0, -1)
    img *= (1 - 0.3 * cv2.GaussianBlur(stain, (0, 0), 40))[..., None]
    cv2.circle(img, (int(width * 0.7), int(height * 0.6)), height // 9, (60, 60, 215), 10)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1)
    img = cv2.warpAffine(img, matrix, (width, height), borderValue=(150, 190, 210))
    img = cv2.GaussianBlur(img, (0, 0), 1.3) + rng.normal(0, 12, img.shape)
    ok, buf = cv2.imencode(".jpg", np.clip(img, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 45])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


@pytest.fixture(scope="session")
def certificate() -> RenderedPage:
    return render(CERTIFICATE_LINES)


def cer(predicted: str, truth: str) -> float:
    from rapidfuzz.distance import Levenshtein

    squash = lambda s: " ".join(s.split())  # noqa: E731 - whitespace is not what we measure
    return Levenshtein.distance(squash(predicted), squash(truth)) / max(1, len(squash(truth)))
