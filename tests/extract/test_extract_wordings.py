"""Forms worded as other eras and offices word them, beyond the wordings the synthetic corpus prints:
a 1960s birth certificate of an administrative committee (UBHC), the 2016-form birth certificate."""

from __future__ import annotations

from collections.abc import Sequence

from ocr.extract import extract_records
from tests.extract.pages import page_of


def values(lines: Sequence[str | tuple[int, str]]) -> dict[str, str]:
    (record,) = extract_records(page_of(lines))
    return {name: field.value for name, field in record.fields.items()}


def test_a_1960s_birth_certificate() -> None:
    got = values(
        [
            "UBHC KHU PHỐ HAI BÀ TRƯNG   VIỆT NAM DÂN CHỦ CỘNG HÒA",
            "Số: 318   Quyển số: 2",
            "GIẤY KHAI SINH",
            "Tên họ đứa trẻ: Phạm Văn Thắng",
            "Con trai hay con gái: con trai",
            "Sinh ngày mười bốn tháng ba năm một nghìn chín trăm sáu mươi hai",
            "Tại: Nhà hộ sinh khu phố Hai Bà Trưng",
            "Tên họ người cha: Phạm Văn Lộc   tuổi: 32   nghề nghiệp: công nhân",
            "Tên họ người mẹ: Lê Thị Nụ tuổi 28   nghề nghiệp: buôn bán",
            "Trú quán: số 7 phố Lò Đúc, Hà Nội",
            "Người khai: Phạm Văn Lộc, là cha đứa trẻ",
            "Ủy viên thư ký",
            "Nguyễn Văn Sơn",
        ]
    )
    assert got["subject_name"] == "Phạm Văn Thắng"
    assert got["sex"] == "Nam"
    assert got["date_of_birth"] == "1962-03-14"
    assert got["place_of_birth"] == "Nhà hộ sinh khu phố Hai Bà Trưng"  # "Tại" after the birth date
    assert got["father_name"] == "Phạm Văn Lộc"  # not the age and trade printed beside it
    assert got["mother_name"] == "Lê Thị Nụ"
    assert got["declarant_name"] == "Phạm Văn Lộc"
    assert got["registration_office"] == "UBHC khu phố Hai Bà Trưng"
    assert got["registrar_name"] == "Nguyễn Văn Sơn"
    assert "counterpart_name" not in got


def test_a_1970s_death_certificate_typed_without_spaces_after_colons() -> None:
    got = values(
        [
            "UBND XÃ THANH LIỆT   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số:27 Quyển số: 1",
            "GIẤY CHỨNG TỬ",
            "Họ và tên người chết: Nguyễn Thị Lựu",
            "Sinh năm: 1921   Dân tộc: Kinh",
            "Chết hồi 14 giờ 30 phút, ngày 05 tháng 8 năm 1979",
            "Tại: nhà riêng",
            "Vì bệnh: tuổi già",
            "Người đứng khai: Trần Văn Khải, con trai người chết",
        ]
    )
    assert (got["registration_number"], got["book_number"]) == ("27", "1")
    assert got["date_of_death"] == "1979-08-05"
    assert got["place_of_death"] == "nhà riêng"  # "Tại" after the date of death
    assert got["cause_of_death"] == "tuổi già"
    assert got["declarant_name"] == "Trần Văn Khải"


def test_a_2016_form_birth_certificate() -> None:
    got = values(
        [
            "UBND PHƯỜNG KIM LIÊN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 215",
            "GIẤY KHAI SINH",
            "Họ, chữ đệm, tên: ĐỖ MINH KHÔI",
            "Ngày, tháng, năm sinh: 09/11/2018   ghi bằng chữ: Ngày chín, tháng mười một, năm hai nghìn",
            "Giới tính: Nam   Dân tộc: Kinh   Quốc tịch: Việt Nam",
            "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
            "Số định danh cá nhân: 001218034567",
            "Họ, chữ đệm, tên người mẹ: NGUYỄN THỊ THU HẰNG",
            "Năm sinh: 1990   Dân tộc: Kinh   Quốc tịch: Việt Nam",
            "Họ, chữ đệm, tên người cha: ĐỖ VĂN HÙNG",
            "Năm sinh: 1987   Dân tộc: Kinh   Quốc tịch: Việt Nam",
            "Nơi đăng ký khai sinh: Ủy ban nhân dân phường Kim Liên",
            "Ngày, tháng, năm đăng ký: 20/11/2018",
        ]
    )
    assert got["subject_name"] == "Đỗ Minh Khôi"
    assert got["date_of_birth"] == "2018-11-09"
    assert (got["sex"], got["ethnicity"], got["nationality"]) == ("Nam", "Kinh", "Việt Nam")
    assert got["place_of_birth"] == "Bệnh viện Phụ sản Hà Nội"
    assert (got["mother_name"], got["mother_birth_year"]) == ("Nguyễn Thị Thu Hằng", "1990")
    assert (got["father_name"], got["father_birth_year"]) == ("Đỗ Văn Hùng", "1987")
    assert got["registration_number"] == "215"
    assert got["registration_date"] == "2018-11-20"


def test_the_title_names_the_procedure_not_the_note_below_it() -> None:
    from hotich.domain import RecordType
    from ocr.classify import classify

    lines = [
        "UBND PHƯỜNG QUỲNH MAI   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH",
        "Họ và tên: Trần Văn Tùng",
        "Ngày sinh: 12-05-2012",
        "Ghi chú: Ghi vào sổ việc xác định lại dân tộc",
    ]
    assert classify(lines)[0] == RecordType.OTHER
    assert classify(["TRÍCH LỤC XÁC ĐỊNH LẠI DÂN TỘC", *lines[2:4]])[0] == RecordType.CIVIL_STATUS_CHANGE


def test_spouses_labelled_side_by_side() -> None:
    got = values(
        [
            "UBHC KHU PHỐ ĐỐNG ĐA   VIỆT NAM DÂN CHỦ CỘNG HÒA",
            "GIẤY CHỨNG NHẬN KẾT HÔN",
            "Họ và tên chồng: Lê Văn Hưng   Họ và tên vợ: Đặng Thị Mai",
            "Sinh ngày: 12/02/1950   Sinh ngày: 03/07/1953",
            "Nơi thường trú: Khâm Thiên, Hà Nội Nơi thường trú: Hàng Bột, Hà Nội",
        ]
    )
    assert (got["husband_name"], got["wife_name"]) == ("Lê Văn Hưng", "Đặng Thị Mai")
    assert (got["husband_date_of_birth"], got["wife_date_of_birth"]) == ("1950-02-12", "1953-07-03")
    # The wife's label follows the husband's place with no gap: its start is read where it is best.
    assert (got["husband_residence"], got["wife_residence"]) == ("Khâm Thiên, Hà Nội", "Hàng Bột, Hà Nội")


def test_a_heading_set_low_in_the_gap_between_two_headings_has_its_own_column() -> None:
    from ocr.pipeline import page_from_words
    from ocr.register import find_table
    from ocr.types import Word

    def cell(text: str, x: int, y: int, line: int) -> list[Word]:
        out = []
        for word in text.split():
            out.append(Word(word, 0.95, (x, y, x + 18 * len(word), y + 30), (line,)))
            x += 18 * (len(word) + 1)
        return out

    # "Trai/Gái" is printed on the heading's second line, under no heading of the first.
    header = [(100, "Số"), (300, "Họ và tên"), (900, "Ngày sinh"), (1300, "Nơi sinh"), (1800, "Họ tên cha")]
    words = cell("SỔ ĐĂNG KÝ KHAI SINH", 900, 40, 0)
    for x, text in header:
        words += cell(text, x, 120, 1)
    words += cell("Trai/Gái", 700, 160, 2)
    rows = [("1", "Nguyễn Văn Bình", "Trai", "02/01/1965", "Tại nhà", "Nguyễn Văn Tư")]
    rows += [("2", "Trần Thị Lan", "Gái", "07/01/1965", "Tại nhà", "Trần Văn Hải")]
    rows += [("3", "Đỗ Đức Minh", "Trai", "15/01/1965", "Tại nhà", "Đỗ Đức Thắng")]
    for number, row in enumerate(rows):
        for x, text in zip((100, 300, 700, 900, 1300, 1800), row, strict=True):
            words += cell(text, x, 240 + 60 * number, 3 + number)
    table = find_table(page_from_words(1, 2400, 600, words, []))
    assert table is not None
    assert [c.field for c in table.columns] == [
        "registration_number", "subject_name", "sex", "date_of_birth", "place_of_birth", "father_name",
    ]  # fmt: skip


def test_the_registrar_whose_name_runs_wider_than_the_short_title_above_it() -> None:
    got = values(
        [
            "UBND PHƯỜNG HÀNG BÔNG",
            "TRÍCH LỤC KHAI TỬ",
            "Họ và tên người chết: Nguyễn Văn Bình",
            "Nguyên nhân chết: Bệnh già",
            (1300, "Phường Hàng Bông, ngày 24 tháng 4 năm 2008"),
            (1500, "CHỦ TỊCH"),
            (1420, "Mai Thanh Hường"),  # starts left of the title's first letter, ends right of its last
        ]
    )
    assert got["registrar_name"] == "Mai Thanh Hường"
