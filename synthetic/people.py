"""Who and where: Vietnamese names by sex and era, Hà Nội wards and streets, hospitals, provinces.

Frequencies follow published surveys of Vietnamese family names (Nguyễn ~38%, Trần ~11%, Lê ~9.5%…);
middle names follow the era (Văn and Thị almost everywhere before 1980, more varied later).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

FAMILY_NAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.4),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.1),
    ("Hoàng", 4.1),
    ("Huỳnh", 1.0),
    ("Phan", 4.5),
    ("Vũ", 3.9),
    ("Võ", 1.0),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đinh", 0.8),
    ("Đào", 0.7),
    ("Đoàn", 0.6),
    ("Lâm", 0.3),
    ("Trịnh", 0.6),
    ("Mai", 0.4),
    ("Trương", 0.5),
    ("Cao", 0.4),
    ("Hà", 0.5),
    ("Lưu", 0.3),
    ("Tạ", 0.3),
    ("Tô", 0.3),
    ("Chu", 0.3),
    ("Khúc", 0.1),
    ("Lương", 0.4),
    ("Kiều", 0.2),
    ("Quách", 0.2),
    ("Nghiêm", 0.1),
    ("Phùng", 0.3),
    ("Lại", 0.2),
)

MIDDLE_OLD = {
    "Nam": ("Văn",) * 8 + ("Đức", "Hữu", "Quang", "Đình", "Xuân", "Ngọc", "Minh"),
    "Nữ": ("Thị",) * 10 + ("Ngọc", "Thu", "Thanh", "Kim"),
}
MIDDLE_NEW = {
    "Nam": ("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Tuấn", "Hoàng", "Thanh", "Gia", "Anh", "Đình"),
    "Nữ": ("Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Thùy", "Hải", "Khánh", "Bảo"),
}
GIVEN = {
    "Nam": (
        "Hùng",
        "Dũng",
        "Tuấn",
        "Minh",
        "Nam",
        "Hải",
        "Sơn",
        "Thắng",
        "Long",
        "Quân",
        "Cường",
        "Hưng",
        "Bình",
        "Toàn",
        "Thành",
        "Trung",
        "Việt",
        "Phong",
        "Khoa",
        "Đức",
        "Lực",
        "Ba",
        "Tư",
        "Tâm",
        "Huy",
        "Quang",
        "Tiến",
        "Kiên",
        "Thịnh",
        "Phúc",
        "Lâm",
        "Hiếu",
        "Hoàng",
        "Khánh",
        "Đạt",
        "Vinh",
        "Thái",
        "Lộc",
        "Tùng",
        "Chiến",
        "Nghĩa",
        "Bảo",
        "An",
        "Duy",
        "Công",
        "Tú",
        "Sáu",
        "Hòa",
        "Thủy",
        "Hà",
    ),
    "Nữ": (
        "Hường",
        "Lan",
        "Hoa",
        "Hương",
        "Mai",
        "Hà",
        "Thu",
        "Hằng",
        "Nga",
        "Lựu",
        "Thủy",
        "Linh",
        "Trang",
        "Yến",
        "Huyền",
        "Loan",
        "Phương",
        "Thảo",
        "Ngọc",
        "Vân",
        "Hạnh",
        "Dung",
        "Liên",
        "Nhung",
        "Oanh",
        "Tuyết",
        "Hiền",
        "Quỳnh",
        "Anh",
        "Chi",
        "Hạ",
        "My",
        "Nhi",
        "Tâm",
        "Xuân",
        "Đào",
        "Cúc",
        "Huệ",
        "Hồng",
        "Bích",
        "Thoa",
        "Thanh",
        "Hòa",
        "Uyên",
        "Giang",
        "Ly",
        "Khuê",
        "Diệp",
        "Châu",
        "Ngân",
    ),
}

WARDS = (
    "Bạch Đằng",
    "Hàng Bạc",
    "Hàng Buồm",
    "Hàng Đào",
    "Phúc Xá",
    "Trúc Bạch",
    "Kim Liên",
    "Láng Hạ",
    "Thanh Nhàn",
    "Quỳnh Mai",
    "Đồng Nhân",
    "Phạm Đình Hổ",
    "Lê Đại Hành",
    "Cửa Nam",
    "Hàng Bông",
    "Quán Thánh",
    "Nghĩa Tân",
    "Dịch Vọng",
    "Ngọc Hà",
    "Kim Mã",
    "Văn Miếu",
    "Ô Chợ Dừa",
    "Trung Tự",
    "Khương Thượng",
    "Nguyễn Du",
)
STREETS = (
    "Hàng Bạc",
    "Hàng Gai",
    "Bạch Đằng",
    "Lò Đúc",
    "Huế",
    "Bà Triệu",
    "Trần Hưng Đạo",
    "Phố Vọng",
    "Kim Mã",
    "Đội Cấn",
    "Nguyễn Thái Học",
    "Khâm Thiên",
    "Tôn Đức Thắng",
    "Giải Phóng",
    "Láng",
    "Thái Hà",
    "Hàng Chiếu",
    "Lương Văn Can",
    "Hàng Mã",
    "Nguyễn Du",
    "Lý Thường Kiệt",
    "Cầu Gỗ",
    "Mai Hắc Đế",
    "Chùa Bộc",
)
HOSPITALS = (
    "Bệnh viện Phụ sản Hà Nội",
    "Bệnh viện Bạch Mai",
    "Bệnh viện Việt Đức",
    "Nhà hộ sinh Hàng Bạc",
    "Nhà hộ sinh khu vực Đống Đa",
    "Bệnh viện Phụ sản Trung ương",
    "Bệnh viện Thanh Nhàn",
    "Bệnh viện Xanh Pôn",
    "Trạm y tế phường",
    "Nhà hộ sinh Hai Bà Trưng",
)
# province -> some of its districts (as named in the registers' era; Hà Tây merged into Hà Nội in 2008)
HOMETOWNS: dict[str, tuple[str, ...]] = {
    "Nam Định": ("Hải Hậu", "Giao Thủy", "Xuân Trường", "Ý Yên", "Nghĩa Hưng"),
    "Thái Bình": ("Kiến Xương", "Vũ Thư", "Thái Thụy", "Quỳnh Phụ", "Tiền Hải"),
    "Hà Nam": ("Duy Tiên", "Lý Nhân", "Bình Lục", "Thanh Liêm"),
    "Nghệ An": ("Nghi Lộc", "Diễn Châu", "Quỳnh Lưu", "Nam Đàn", "Hưng Nguyên"),
    "Thanh Hóa": ("Hoằng Hóa", "Quảng Xương", "Thiệu Hóa", "Hậu Lộc", "Nông Cống"),
    "Hải Dương": ("Cẩm Giàng", "Gia Lộc", "Kinh Môn", "Thanh Miện"),
    "Hưng Yên": ("Tiên Lữ", "Khoái Châu", "Văn Lâm", "Phù Cừ"),
    "Bắc Ninh": ("Từ Sơn", "Tiên Du", "Quế Võ", "Gia Bình"),
    "Hà Tĩnh": ("Can Lộc", "Đức Thọ", "Nghi Xuân", "Thạch Hà"),
    "Ninh Bình": ("Gia Viễn", "Hoa Lư", "Yên Mô", "Kim Sơn"),
    "Phú Thọ": ("Lâm Thao", "Thanh Ba", "Phù Ninh"),
    "Vĩnh Phúc": ("Vĩnh Tường", "Yên Lạc", "Tam Dương"),
    "Hà Tây": ("Ứng Hòa", "Thường Tín", "Chương Mỹ", "Phú Xuyên", "Quốc Oai"),
    "Quảng Bình": ("Lệ Thủy", "Quảng Trạch", "Bố Trạch"),
    "Hà Nội": ("Gia Lâm", "Thanh Trì", "Đông Anh", "Sóc Sơn", "Từ Liêm"),
}
PROVINCES = tuple(HOMETOWNS)
PROVINCE_WEIGHTS = (14, 12, 9, 8, 7, 6, 6, 5, 4, 4, 3, 3, 6, 2, 11)
_PROVINCE_POOL = tuple(p for p, w in zip(PROVINCES, PROVINCE_WEIGHTS, strict=True) for _ in range(w))
ETHNICITIES = ("Kinh",) * 30 + ("Tày", "Mường", "Nùng", "Hoa", "Thái")
CAUSES_OF_DEATH = ("Bệnh già", "Ốm đau", "Bệnh tim", "Tai nạn giao thông", "Bệnh phổi", "Tai biến mạch máu não")
RELATIONS = {"father": "Cha", "mother": "Mẹ", "grandfather": "Ông nội", "grandmother": "Bà ngoại", "uncle": "Chú"}

_FAMILY_POOL = [name for name, weight in FAMILY_NAMES for _ in range(max(1, round(weight * 10)))]


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` at a fraction of its cost (one C call): the generator makes millions of records."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint`` at a fraction of its cost."""
    return low + int(rng.random() * (high - low + 1))


def family_name(rng: random.Random) -> str:
    return pick(rng, _FAMILY_POOL)


def full_name(rng: random.Random, sex: str, year: int, family: str | None = None) -> str:
    middles = MIDDLE_OLD if year < 1980 else MIDDLE_NEW
    given = pick(rng, GIVEN[sex])
    middle = pick(rng, middles[sex])
    if year >= 1990 and rng.random() < 0.25:  # later names often carry two middle names
        middle = f"{middle} {pick(rng, middles[sex][2:] or middles[sex])}"
    return f"{family or family_name(rng)} {middle} {given}"


def ward_office(ward: str, year: int) -> str:
    return f"Ủy ban hành chính khu phố {ward}" if year < 1976 else f"UBND phường {ward}"


def address(rng: random.Random, ward: str | None = None) -> str:
    return f"Số {between(rng, 1, 180)} phố {pick(rng, STREETS)}, phường {ward or pick(rng, WARDS)}, Hà Nội"


def hometown(rng: random.Random) -> str:
    province = pick(rng, _PROVINCE_POOL)
    district = pick(rng, HOMETOWNS[province])
    return f"Huyện {district}, {'thành phố' if province == 'Hà Nội' else 'tỉnh'} {province}"
