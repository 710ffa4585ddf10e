"""Middle and given names with a tone or vowel mark misread, put back by the names people bear.

Tesseract reads a stray dot or stroke near a handwritten or faded letter as a mark: "Chi" comes out as
"Chỉ", "Tuấn" as "Tuần", "Nhung" as "Nhưng", each a syllable of Vietnamese but hardly ever a name. A word
of a full name after its family name that is no name syllable listed below, and whose letters (marks
aside) are those of one that is, is that name misread. The list holds the syllables of Vietnamese middle
and given names, the commoner first, old generation ones (Tám, Sáu, Hĩm, the zodiac years) among them;
both members of a pair that differ only by marks and are both names (Văn and Vân, Đình and Định, Nam and
Năm) are listed, so that neither is "corrected" into the other. Where several listed names share a word's
letters, the first listed (the commoner) is taken.
"""

from __future__ import annotations

from functools import cache

from rapidfuzz.distance import Levenshtein

from hotich.text import exact_form, fold
from ocr.vietnamese import is_valid_syllable

NAME_SYLLABLES = tuple(
    # The commonest, in about the order of how often they are borne.
    "Thị Văn Anh Minh Hương Linh Hoa Lan Hà Hùng Dũng Tuấn Hải Nam Thanh Hằng Trang Huy Long Sơn Thảo Ngọc "
    "Phương Mai Hạnh Hiếu Hoàng Đức Quang Trung Thủy Thùy Hồng Nga Nhung Dung Yến Vân Chi Hiền Huyền Loan Quân "
    "Thắng Tùng Cường Hiệp Khánh Bình An Tâm Thu Hòa Thành Tú Tiến Toàn Vinh Việt Kiên Phúc Thái Thịnh Lâm "
    "Mạnh Nghĩa Phong Quý Tài Thuận Trí Tuyết Xuân Đạt Đông Giang Hưng Khoa Lộc Lợi Ngân Nhi Oanh Phượng "
    "Quyên Quỳnh Thư Thúy Trâm Trinh Uyên Vy Hậu Bảo Bích Cúc Duy Duyên Dương Đình Gia Hoài Huệ Hữu Kim Khải "
    "Khôi Lệ Liên Ly Lý My Mỹ Nguyệt Nhàn Nhân Nhật Như Phú Quế Quyết Sáu Sinh Tấn Thắm Thiện Thoa Thông "
    "Hóa Thương Tiên Trọng Trúc Trường Tư Tuệ Tường Vĩnh Xuyến Yên Định Chiến Chính Công Danh Đăng Đại Hào Hợp "
    "Khắc Lập Luân Nguyên Phát Phi Quốc Sỹ Sĩ Thọ Triều Tuân Tuyên Uy Châu Chung Cảnh Diệp Diệu Điệp Đào Hân "
    "Hảo Hiển Khang Khuê Lành Liễu Lương Lực Mến Ninh Phụng Sang Tân Thơ Thạch Thân Thục Thường Tín Tình "
    "Trà Tuyền Vũ Vượng Hiên Hạ Kỳ Lai Luyến Mão Nghị Thi Thìn Thoại Tịnh Toản Trực Tuất Vận Vỹ Vĩ "
    # Old generation, country and zodiac names (1950s and 60s registers are full of them).
    "Tám Bảy Chín Mười Năm Ba Hai Cả Hĩm Gái Bé Tý Sửu Dần Mùi Dậu Hợi Ngọ Tỵ Mận Lựu Mơ Nhài Lài Sen Gấm "
    "Lụa Thêu Vàng Bạc Chanh Cam Na Hồ Lê Nhạn Ngà Nụ Nhị Lạng Khuyên Khiêm Khương Kiệt Lĩnh Lam Lãm Hoan "
    "Hoạt Hưởng Hường Huân Huấn Huyên Kha Khanh Khoái Khuyến Lạc Lịch Liêm Luận Mạc "
    "Mẫn Miên Mừng Nhã Nhu Nhuần Nhượng Phán Phẩm Phiên Phòng Phục Phước Quảng Quyền Sáng "
    "Sâm Sở Tạo Thạc Thăng Thẩm Thiêm Thiều Thoan Thuần Thuật Thụy Thức Tiệp "
    "Tòng Tố Trác Tráng Trân Tri Trịnh Trụ Tuyển Túc Ứng Ước Vạn Vịnh Võ Vui Vương Xiêm Xuyên Yêm "
    "Bằng Biên Bổng Cần Cầm Chất Chiêm Chuyên Cửu Đán Đảm Điền Đoan Độ Giao Giám Giáp Hàn Hạp "
    "Hòe Hội Huynh Hựu Khâm Khởi Kiểm Kính Lãng Lễ Luật Lục Mậu Nghiêm Ngôn Ngữ Nhẫn "
    "Nho Nông Oánh Phùng Quách Quy Quyện Sử Tạ Tằng Thế Thể Thích Thiết "
    "Tiêu Toại Tôn Trạch Trãi Triệu Trình Truyền Tuy Tùy Tuyến Từ Ưng Vi Viên".split()
)


# The letters a worn or blurred typeface's H and Đ are read as, their stems kept and the bar between lost
# or run into a bowl: "Roàng", "Bữu", "Niếu", "Bức" for Hoàng, Hữu, Hiếu, Đức (dev sets: 20 such names);
# and a handwritten L, its loop closed into a cross: "tiên", "tựu", "tệ" for Liên, Lựu, Lê.
LOOKALIKE_CAPITALS = {"R": "H", "B": "HĐ", "N": "H", "t": "L"}


@cache
def _by_form() -> dict[str, str]:
    return {exact_form(name): name for name in NAME_SYLLABLES}


@cache
def _by_letters() -> dict[str, str]:
    """The commonest listed name of each letter sequence (marks aside)."""
    first: dict[str, str] = {}
    for name in NAME_SYLLABLES:
        first.setdefault(fold(name), name)
    return first


def name_syllable(word: str) -> str | None:
    """The listed name a misread word of a full name stands for ("Chỉ" → "Chi", "Tuần" → "Tuấn"), or None
    when the word is a listed name already or no listed name has its letters."""
    if exact_form(word) in _by_form():
        return None
    return _by_letters().get(fold(word))


def nearest_name_syllable(word: str) -> str | None:
    """The commonest listed name a word of a full name that cannot be Vietnamese is a letter off
    ("Khốnh" → "Khánh", "Mgọc" → "Ngọc", "Km" → "Kim", "kăn" → "Văn"), or None when the word can be
    Vietnamese or no listed name is that close. A guess, since a letter off the commonest name is not
    always the name meant (dev sets: 28 names put right, none put wrong): its field is less sure."""
    folded = fold(word)
    if is_valid_syllable(word) or not word.isalpha() or folded in _by_letters():
        return None  # a listed name's letters are name_syllable's to mend
    return next((name for letters, name in _by_letters().items() if Levenshtein.distance(letters, folded) == 1), None)


def lookalike_name_syllable(word: str) -> str | None:
    """The listed name a word of a full name that is none stands for, its capital read as a look-alike
    ("Rồng" → "Hồng", "Niếu" → "Hiếu", "Bức" → "Đức"), or None. A word read in lower case lost its capital
    however listed it is: to a look-alike ("tiên" → "Liên"), else to its own ("xuân" → "Xuân")."""
    lower = word[:1].islower()
    if is_name_syllable(word) and not lower:
        return None
    lookalike = (c + word[1:] for c in LOOKALIKE_CAPITALS.get(word[:1], "") if is_name_syllable(c + word[1:]))
    return next(lookalike, word[:1].upper() + word[1:] if lower and is_name_syllable(word) else None)


def is_name_syllable(word: str) -> bool:
    """Whether ``word`` is, as it stands (marks included), a listed middle or given name."""
    return exact_form(word) in _by_form()
