"""Interface text in Vietnamese (default) and English. Field and record-type labels come from the
field registry (hotich.domain), so they are declared once."""

from __future__ import annotations

from catalog.events import REUSE_PROCEDURES
from catalog.users import ROLE_LABELS_VI, Role
from hotich.domain import FIELD_BY_NAME, RECORD_TYPE_LABELS_VI, RecordType

LANGUAGES = ("vi", "en")

RECORD_TYPE_LABELS_EN = {
    RecordType.BIRTH: "Birth",
    RecordType.MARRIAGE: "Marriage",
    RecordType.DEATH: "Death",
    RecordType.PARENT_RECOGNITION: "Parent recognition",
    RecordType.GUARDIANSHIP: "Guardianship",
    RecordType.ADOPTION: "Adoption",
    RecordType.CIVIL_STATUS_CHANGE: "Civil-status change",
    RecordType.OTHER: "Other",
}

PROCEDURES_EN = {
    "trich_luc": "Certified extract",
    "cai_chinh": "Change or correction of civil status",
    "xac_nhan": "Confirmation of civil-status data",
    "ket_hon": "Marriage registration (cross-check)",
    "lien_thong": "Linked administrative procedure",
    "khac": "Other procedure",
}

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
    "csrf": {"vi": "Phiên làm việc đã hết hạn, vui lòng tải lại trang.", "en": "The form expired; reload the page."},
    "search_down": {"vi": "Máy tìm kiếm đang bận, vui lòng thử lại.", "en": "Search is unavailable; try again."},
    "bad_procedure": {"vi": "Thủ tục không hợp lệ.", "en": "Unknown procedure."},
    "filters": {"vi": "Lọc thêm", "en": "More filters"},
    "clear": {"vi": "Xóa điều kiện", "en": "Clear"},
    "per_page": {"vi": "Số dòng", "en": "Per page"},
    "of_pages": {"vi": "trên", "en": "of"},
    "zoom_in": {"vi": "Phóng to", "en": "Zoom in"},
    "zoom_out": {"vi": "Thu nhỏ", "en": "Zoom out"},
    "zoom_fit": {"vi": "Vừa khung", "en": "Fit"},
    "entry": {"vi": "Vị trí trên trang", "en": "Entry on the page"},
    "no_box": {"vi": "Không có vị trí mục trên trang.", "en": "No entry position on this page."},
    "reuse_history": {"vi": "Các lượt khai thác", "en": "Reuses"},
    "none_yet": {"vi": "Chưa có.", "en": "None yet."},
    "waiting": {"vi": "hồ sơ chờ kiểm tra", "en": "records waiting"},
    "doubtful": {
        "vi": "Trường đánh dấu đỏ có độ tin cậy thấp.",
        "en": "Fields marked red were read with low confidence.",
    },
    "more_fields": {"vi": "Các trường khác", "en": "Other fields"},
    "note": {"vi": "Ghi chú hiệu đính", "en": "Correction note"},
    "changed": {"vi": "sửa", "en": "changed"},
    "error": {"vi": "Lỗi", "en": "Error"},
    "back": {"vi": "Quay lại", "en": "Back"},
    "keys": {"vi": "Phím tắt: / tìm, ↑↓ chọn dòng, Enter mở", "en": "Keys: / search, ↑↓ move, Enter open"},
    "when": {"vi": "Thời gian", "en": "When"},
    "who": {"vi": "Người dùng", "en": "User"},
    "role": {"vi": "Vai trò", "en": "Role"},
    "action": {"vi": "Hành động", "en": "Action"},
    "detail": {"vi": "Chi tiết", "en": "Detail"},
    "period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "from": {"vi": "Từ ngày", "en": "From"},
    "to": {"vi": "Đến ngày", "en": "To"},
    "records_digitized": {"vi": "Hồ sơ đã số hóa", "en": "Records digitized"},
    "records_reused": {"vi": "Hồ sơ được khai thác", "en": "Records reused"},
    "reuse_events": {"vi": "Lượt khai thác", "en": "Reuse events"},
    "by_procedure": {"vi": "Theo thủ tục", "en": "By procedure"},
    "by_ward": {"vi": "Theo phường/xã", "en": "By ward"},
    "by_month": {"vi": "Theo tháng", "en": "By month"},
    "volumes": {"vi": "Quyển", "en": "Volumes"},
    "pages": {"vi": "Trang", "en": "Pages"},
    "records": {"vi": "Hồ sơ", "en": "Records"},
    "year": {"vi": "Năm", "en": "Year"},
    "day": {"vi": "Ngày", "en": "Day"},
    "runs": {"vi": "Lượt nhập", "en": "Runs"},
    "ocr_seconds": {"vi": "OCR (giây)", "en": "OCR (s)"},
    "verified_share": {"vi": "Đã kiểm tra", "en": "Verified"},
    "total": {"vi": "Tổng", "en": "Total"},
    "locked": {
        "vi": "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau 15 phút.",
        "en": "Too many failed sign-ins; try again in 15 minutes.",
    },
    "decade": {"vi": "Thập niên", "en": "Decade"},
    "status": {"vi": "Trạng thái", "en": "Status"},
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
    return RECORD_TYPE_LABELS_EN[record_type] if lang == "en" else RECORD_TYPE_LABELS_VI[record_type]


def role_label(value: str, lang: str) -> str:
    try:
        role = Role(value)
    except ValueError:
        return value
    return role.value if lang == "en" else ROLE_LABELS_VI[role]


def procedure_label(code: str, lang: str) -> str:
    if lang == "en":
        return PROCEDURES_EN.get(code, code)
    return REUSE_PROCEDURES.get(code, code)
