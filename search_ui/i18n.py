"""Interface text in Vietnamese (default) and English. Field and record-type labels come from the
field registry (hotich.domain), so they are declared once."""

from __future__ import annotations

from hotich.domain import FIELD_BY_NAME, RECORD_TYPE_LABELS_VI, RecordType

LANGUAGES = ("vi", "en")

TEXT: dict[str, dict[str, str]] = {
    "app": {"vi": "Tra cứu hộ tịch số hóa", "en": "Digitized civil-status records"},
    "login": {"vi": "Đăng nhập", "en": "Sign in"},
    "logout": {"vi": "Đăng xuất", "en": "Sign out"},
    "username": {"vi": "Tên đăng nhập", "en": "User name"},
    "password": {"vi": "Mật khẩu", "en": "Password"},
    "bad_login": {"vi": "Sai tên đăng nhập hoặc mật khẩu.", "en": "Wrong user name or password."},
    "search": {"vi": "Tra cứu", "en": "Search"},
    "search_hint": {
        "vi": "Họ tên (có hoặc không dấu), năm hoặc ngày sinh… ví dụ: nguyen thi huong 1962",
        "en": "Name (with or without diacritics), year or date… e.g. nguyen thi huong 1962",
    },
    "record_type": {"vi": "Loại việc", "en": "Record type"},
    "year_from": {"vi": "Từ năm", "en": "From year"},
    "year_to": {"vi": "Đến năm", "en": "To year"},
    "ward": {"vi": "Phường/xã", "en": "Ward"},
    "sex": {"vi": "Giới tính", "en": "Sex"},
    "father": {"vi": "Tên cha", "en": "Father"},
    "mother": {"vi": "Tên mẹ", "en": "Mother"},
    "any": {"vi": "Tất cả", "en": "Any"},
    "results": {"vi": "kết quả", "en": "results"},
    "no_results": {"vi": "Không tìm thấy hồ sơ phù hợp.", "en": "No matching record."},
    "open": {"vi": "Xem", "en": "Open"},
    "page_image": {"vi": "Ảnh trang sổ", "en": "Page image"},
    "record": {"vi": "Hồ sơ", "en": "Record"},
    "fields": {"vi": "Thông tin", "en": "Fields"},
    "history": {"vi": "Lịch sử chỉnh sửa", "en": "Revision history"},
    "reuse": {"vi": "Ghi nhận khai thác, sử dụng lại", "en": "Record a reuse"},
    "procedure": {"vi": "Thủ tục", "en": "Procedure"},
    "reference": {"vi": "Số hồ sơ tiếp nhận", "en": "Case number"},
    "save": {"vi": "Lưu", "en": "Save"},
    "reused": {"vi": "Đã ghi nhận lượt khai thác.", "en": "Reuse recorded."},
    "extract": {"vi": "In trích lục", "en": "Print extract"},
    "review": {"vi": "Kiểm tra, hiệu đính", "en": "Review queue"},
    "review_empty": {"vi": "Không còn hồ sơ chờ kiểm tra.", "en": "Nothing waiting for review."},
    "confidence": {"vi": "Độ tin cậy", "en": "Confidence"},
    "save_verified": {"vi": "Lưu và xác nhận", "en": "Save as verified"},
    "corrected": {"vi": "Đã lưu bản hiệu đính.", "en": "Correction saved."},
    "reports": {"vi": "Báo cáo", "en": "Reports"},
    "reuse_rate": {"vi": "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa", "en": "Reuse rate of digitized data"},
    "coverage": {"vi": "Tiến độ số hóa", "en": "Coverage"},
    "throughput": {"vi": "Năng suất số hóa", "en": "Throughput"},
    "export": {"vi": "Xuất", "en": "Export"},
    "audit": {"vi": "Nhật ký truy cập", "en": "Audit log"},
    "status_review": {"vi": "chờ kiểm tra", "en": "to review"},
    "status_ok": {"vi": "máy đọc", "en": "machine-read"},
    "status_verified": {"vi": "đã kiểm tra", "en": "verified"},
    "took": {"vi": "trong", "en": "in"},
    "forbidden": {"vi": "Tài khoản không có quyền xem trang này.", "en": "Your role may not open this page."},
    "previous": {"vi": "Trang trước", "en": "Previous"},
    "next": {"vi": "Trang sau", "en": "Next"},
    "volume": {"vi": "Sổ", "en": "Volume"},
    "page": {"vi": "Trang", "en": "Page"},
}


def text(key: str, lang: str) -> str:
    entry = TEXT.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["vi"]


def field_label(name: str, lang: str) -> str:
    spec = FIELD_BY_NAME.get(name)
    if spec is None:
        return name
    return spec.label_en if lang == "en" else spec.label_vi


def type_label(value: str, lang: str) -> str:
    try:
        record_type = RecordType(value)
    except ValueError:
        return value
    return record_type.value.replace("_", " ") if lang == "en" else RECORD_TYPE_LABELS_VI[record_type]
