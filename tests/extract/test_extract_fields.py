"""Records from OCRed pages: every page kind, record type, label wording and date form, OCR damage."""

from __future__ import annotations

import pytest

from hotich.domain import RecordType
from ocr.classify import classify
from ocr.dates import parse_date, words_to_number
from ocr.extract import extract_records
from ocr.layout import page_kind
from ocr.names import SEX_BY_NAME, normalise
from tests.extract.pages import page_of, table_of

HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def values(page_lines: list[str]) -> dict[str, str]:
    records = extract_records(page_of(page_lines))
    assert len(records) == 1
    return {name: field.value for name, field in records[0].fields.items()}


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("ngày 14 tháng 3 năm 1962", "1962-03-14"),
        ("14/3/1962", "1962-03-14"),
        ("14-03-1962", "1962-03-14"),
        ("14.3.1962", "1962-03-14"),
        ("tháng 3 năm 1962", "1962-03"),
        ("năm 1962", "1962"),
        ("Mười bốn tháng ba năm một nghìn chín trăm sáu mươi hai", "1962-03-14"),
        ("mồng năm tháng chạp năm một nghìn chín trăm năm mươi lăm", "1955-12-05"),
        ("Hai mươi mốt tháng năm năm hai nghìn không trăm linh năm", "2005-05-21"),
        ("ngay 14 thang 3 nam 1962", "1962-03-14"),  # diacritics lost to OCR
        ("31/2/1962", "1962-02"),  # an impossible day keeps what is sure
        ("ngày 15 thắng 2 năm /960", "1960-02-15"),  # a handwritten leading 1 read as a slash
        ("ngày 10 tháng 9 1983", "1983-09-10"),  # "năm" lost, or pushed onto the next line
        ("20-07=1957", "1957-07-20"),  # a dash read as "="
        ("08-08-—1957", "1957-08-08"),
        ("22.04 1986", "1986-04-22"),  # a separator lost to a space
        ("12 05/03/1962", "1962-03-05"),  # ... but an entry number before a date is no day
        ("16-II-1988", "1988-11-16"),  # marks read for figures inside a date
        ("29-08-]963", "1963-08-29"),
    ],
)
def test_every_date_form(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_number_words() -> None:
    assert words_to_number("mot nghin chin tram sau muoi hai".split()) == 1962
    assert words_to_number("hai muoi tu".split()) == 24
    assert words_to_number("hai nghin khong tram linh nam".split()) == 2005


def test_birth_certificate_with_label_variants_and_several_fields_on_a_line() -> None:
    got = values(
        [
            "UBND PHƯỜNG BẠCH ĐẰNG",
            *HEADER,
            "Số: 125   Quyển số: 01",
            "GIẤY KHAI SINH",
            "Họ, chữ đệm, tên: NGUYỄN THỊ HƯỜNG",
            "Giới tính: Nữ   Dân tộc: Kinh   Quốc tịch: Việt Nam",
            "Ngày, tháng, năm sinh: 14/3/1962 (Mười bốn tháng ba năm một nghìn chín trăm sáu mươi hai)",
            "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
            "Họ và tên cha: Nguyễn Văn Lực   Năm sinh: 1935",
            "Họ và tên mẹ: Trần Thị Lựu   Năm sinh: 1940",
            "Bạch Đằng, ngày 20 tháng 3 năm 1962",
        ]
    )
    assert got["subject_name"] == "Nguyễn Thị Hường"  # title case repaired
    assert got["sex"] == "Nữ" and got["ethnicity"] == "Kinh" and got["nationality"] == "Việt Nam"
    assert got["date_of_birth"] == "1962-03-14"
    assert got["father_name"] == "Nguyễn Văn Lực" and got["father_birth_year"] == "1935"
    assert got["mother_name"] == "Trần Thị Lựu" and got["mother_birth_year"] == "1940"
    assert got["registration_number"] == "125" and got["book_number"] == "01"
    assert got["registration_date"] == "1962-03-20"
    assert got["registration_office"].casefold() == "ubnd phường bạch đằng"


@pytest.mark.parametrize(
    ("signed", "iso"),
    [
        ("Hà Nội, ngày 22 thúng 5 năm. 1965", "1965-05-22"),  # a speck after "năm"
        ("Mà Nội, ngày 15 thắng 2 năm /960", "1960-02-15"),
        ("Phường Trung Tự, ngày 10 tháng 9 1983", "1983-09-10"),
        ("Hà Nội, ngày, 3 tháng 12 năm 1969", "1969-12-03"),  # a speck after "ngày"
    ],
)
def test_a_damaged_signing_date_is_the_registration_date(signed: str, iso: str) -> None:
    got = values(
        [
            "UBND PHƯỜNG TRUNG TỰ",
            *HEADER,
            "Số: 57",
            "GIẤY KHAI SINH",
            "Họ và tên: Trần Văn Tú",
            "Ngày, tháng, năm sinh: 10/05/1960",
            "Nơi thường trú: Số 47 phố Láng, phường Trung Tự, Hà Nội",
            signed,
            "CÁN BỘ HỘ TỊCH",
        ]
    )
    assert got["registration_date"] == iso


@pytest.mark.parametrize("name", ["Nguyễn Quang Ba", "Nguyễn Quang Minh"])
def test_a_name_near_a_label_is_no_label(name: str) -> None:
    # "Nguyễn Quang" folds a letter from "Nguyên quán" (the hometown's label); a colon-less label inside a
    # line must be its wording exactly, while one starting a line may be misread.
    got = values(["UBND PHƯỜNG HÀNG BÔNG", "TRÍCH LỤC KHAI SINH", f"Họ, chữ đệm, tên: {name}", "Quê quán: Phú Thọ"])
    assert got["subject_name"] == name
    assert got["hometown"] == "Phú Thọ"
    assert values(["GIẤY KHAI SINH", "Họ và tên: Lê Văn Tú Giới tính Nam", "Nơi sinh Bệnh viện Bạch Mai"]) == {
        "subject_name": "Lê Văn Tú",
        "sex": "Nam",
        "place_of_birth": "Bệnh viện Bạch Mai",
    }


def test_a_labelled_date_is_never_taken_for_the_signing_date() -> None:
    # The signing date lost to a stain: the death date's line below the page's middle is no signing date.
    got = values(
        [
            "UBND PHƯỜNG Ô CHỢ DỪA",
            *HEADER,
            "Số: 57",
            "GIẤY CHỨNG TỬ",
            "Họ và tên: Nguyễn Hữu Khoa",
            "Ngày, tháng, năm chết: ngày 1 tháng 6 năm 1986",
            "Chết tại: Bệnh viện Việt Đức",
            "Hà Nội, ngời 11 thárg 6 nồm 1986",
            "CÁN BỘ TƯ PHÁP - HỘ TỊCH",
        ]
    )
    assert got["date_of_death"] == "1986-06-01"
    assert "registration_date" not in got


def test_ocr_damaged_labels_and_sections() -> None:
    got = values(
        [
            *HEADER,
            "GIAY KHAI SINH",
            "Ho va tén: Lê Minh Đức",  # tone marks lost and misplaced
            "Sinh ngay: ngày 2 tháng 9 năm 1970",
            "Cha",
            "Họ và tên: Lê Văn Tâm",
            "Năm sinh: 1941",
            "Mẹ",
            "Họ và tên: Phạm Thị Thu",
            "Nơi cư trú: Số 12 phố Huế, Hà Nội",
        ]
    )
    assert got["subject_name"] == "Lê Minh Đức" and got["date_of_birth"] == "1970-09-02"
    assert got["father_name"] == "Lê Văn Tâm" and got["father_birth_year"] == "1941"
    assert got["mother_name"] == "Phạm Thị Thu"
    assert "residence" not in got  # the mother's address is not the child's


def test_value_wrapping_to_the_next_line() -> None:
    got = values(
        [
            *HEADER,
            "GIẤY KHAI SINH",
            "Họ và tên: Đỗ Văn An",
            "Nơi sinh: Nhà hộ sinh khu vực",
            (330, "Đống Đa, Hà Nội"),
            "Dân tộc: Kinh",
        ]
    )
    assert got["place_of_birth"] == "Nhà hộ sinh khu vực Đống Đa, Hà Nội"


@pytest.mark.parametrize(
    ("title", "lines", "expected"),
    [
        (
            "GIẤY CHỨNG TỬ",
            [
                "Họ và tên người chết: Trần Văn Ba",
                "Ngày chết: 02/01/1990",
                "Nơi chết: Tại nhà riêng",
                "Nguyên nhân chết: Bệnh già",
            ],
            RecordType.DEATH,
        ),
        (
            "GIẤY CHỨNG NHẬN KẾT HÔN",
            [
                "Họ và tên chồng: Phạm Quang Huy",
                "Ngày sinh của chồng: 1/2/1960",
                "Họ và tên vợ: Đỗ Thị Lan",
                "Ngày sinh của vợ: 3/4/1962",
            ],
            RecordType.MARRIAGE,
        ),
        (
            "TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON",
            ["Họ và tên: Vũ Thị Mai", "Người nhận: Vũ Văn Hùng"],
            RecordType.PARENT_RECOGNITION,
        ),
        (
            "TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ",
            ["Họ và tên: Bùi Văn Nam", "Họ và tên người giám hộ: Bùi Thị Hoa"],
            RecordType.GUARDIANSHIP,
        ),
        (
            "GIẤY CHỨNG NHẬN NUÔI CON NUÔI",
            ["Họ và tên: Ngô Thị Hạnh", "Người nhận con nuôi: Ngô Văn Bình"],
            RecordType.ADOPTION,
        ),
        (
            "TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH",
            ["Họ và tên: Hồ Văn Tú", "Nội dung thay đổi, cải chính: Thay đổi họ từ Lê thành Hồ"],
            RecordType.CIVIL_STATUS_CHANGE,
        ),
        (
            "TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH",
            ["Họ và tên: Mai Văn Sơn", "Ghi chú: Ghi vào sổ việc hộ tịch"],
            RecordType.OTHER,
        ),
        ("TRÍCH LỤC KHAI SINH", ["Họ và tên: Đặng Thu Trang", "Sinh ngày: 5/6/2001"], RecordType.BIRTH),
    ],
)
def test_every_record_type(title: str, lines: list[str], expected: RecordType) -> None:
    page = page_of([*HEADER, title, *lines])
    assert page_kind(page) == "certificate"
    records = extract_records(page)
    assert records[0].record_type == expected
    fields = records[0].fields
    if expected == RecordType.MARRIAGE:
        assert fields["husband_name"].value == "Phạm Quang Huy" and fields["wife_date_of_birth"].value == "1962-04-03"
    elif expected == RecordType.DEATH:
        assert fields["date_of_death"].value == "1990-01-02" and fields["cause_of_death"].value == "Bệnh già"
    elif expected in {RecordType.GUARDIANSHIP, RecordType.ADOPTION, RecordType.PARENT_RECOGNITION}:
        assert fields["counterpart_name"].value.split()[-1] in {"Hùng", "Hoa", "Bình"}
    elif expected == RecordType.CIVIL_STATUS_CHANGE:
        assert fields["change_description"].value.startswith("Thay đổi họ")


def test_type_from_body_when_the_title_is_lost() -> None:
    record_type, confidence = classify(["Họ và tên: X", "Ngày chết: 1/1/1990", "Nơi chết: nhà", "Nguyên nhân chết: ốm"])
    assert record_type == RecordType.DEATH and confidence < 0.9


def test_register_page_with_wrapped_cells_and_lost_numbers() -> None:
    header = ["Số", "Họ và tên", "Ngày sinh", "Nơi sinh", "Họ tên cha", "Họ tên mẹ"]
    widths = [150, 500, 300, 520, 500, 500]
    rows = [
        ["1", "Nguyễn Thị Hường", "14/3/1962", "Bệnh viện Phụ sản", "Nguyễn Văn Lực", "Trần Thị Lựu"],
        ["", "", "", "Hà Nội", "", ""],  # the place wraps onto a second line
        ["2", "Trần Văn Ba", "01-05-1962", "Nhà hộ sinh Hàng Bạc", "Trần Văn Sáu", "Lê Thị Hoa"],
        ["3", "Lê Minh Đức", "22/6/1962", "Bệnh viện Bạch Mai", "Lê Văn Tâm", "Phạm Thị Thu"],
    ]
    page = table_of(header, rows, widths)
    assert page_kind(page) == "register"
    records = extract_records(page)
    assert [r.value("subject_name") for r in records] == ["Nguyễn Thị Hường", "Trần Văn Ba", "Lê Minh Đức"]
    assert records[0].value("place_of_birth") == "Bệnh viện Phụ sản Hà Nội"
    assert records[1].value("date_of_birth") == "1962-05-01" and records[2].value("registration_number") == "3"
    assert [r.entry_index for r in records] == [0, 1, 2] and all(r.record_type == RecordType.BIRTH for r in records)
    assert records[0].bbox is not None and records[0].bbox[3] < records[1].bbox[1]
    # Without the number column (faded away), entries start at names.
    unnumbered = table_of(header, [["", *row[1:]] for row in rows], widths)
    assert len(extract_records(unnumbered)) == 3


def test_covers_index_pages_and_blanks_hold_no_records() -> None:
    cover = page_of(["UBND PHƯỜNG BẠCH ĐẰNG", "SỔ ĐĂNG KÝ KHAI SINH", "Năm 1962", "Quyển số: 01"])
    assert page_kind(cover) == "cover" and extract_records(cover) == []
    index = page_of(["MỤC LỤC", "Nguyễn Văn A ..... 12", "Trần Thị B ..... 13", "Lê Văn C ..... 14"])
    assert page_kind(index) == "index" and extract_records(index) == []
    assert page_kind(page_of([])) == "blank"


def test_confidence_is_low_when_the_value_is_doubtful() -> None:
    good = extract_records(page_of([*HEADER, "GIẤY KHAI SINH", "Họ và tên: Nguyễn Thị Hường", "Sinh ngày: 14/3/1962"]))
    bad = extract_records(
        page_of([*HEADER, "GIẤY KHAI SINH", "Họ và tên: Ngyễn Thj Hưòng", "Sinh ngày: 14/3/1962"], confidence=0.7)
    )
    assert good[0].fields["subject_name"].confidence > 0.9
    assert bad[0].fields["subject_name"].confidence < 0.6


def test_a_parents_name_stops_where_a_misread_year_label_starts() -> None:
    got = values(
        [
            "UBND PHƯỜNG PHẠM ĐÌNH HỔ",
            *HEADER,
            "GIẤY KHAI SINH",
            "Họ và tên: Đặng Thị Lan",
            "Giới tính: Nữ",
            "Họ và tên cha: Đặng Văn Nghĩa ma sinh 1938",  # "Năm sinh:" read as "ma sinh"
            "Họ và tên mẹ: Ngô Thị Chi",
        ]
    )
    assert got["father_name"] == "Đặng Văn Nghĩa"
    assert got["father_birth_year"] == "1938"
    assert got["mother_name"] == "Ngô Thị Chi"


def test_an_unreadable_sex_on_a_certificate_is_told_by_the_middle_name() -> None:
    lines = [
        "UBND PHƯỜNG TRUNG TỰ",
        *HEADER,
        "GIẤY KHAI SINH",
        "Họ và tên: Trần Văn Tú",
        "Nam hay nữ: @œ/m   Dân tộc: Kinh",
        "Ngày, tháng, năm sinh: 10/05/1960",
    ]
    records = extract_records(page_of(lines))
    sex = records[0].fields["sex"]
    assert sex.value == "Nam" and sex.confidence is not None and sex.confidence <= SEX_BY_NAME
    # Without a sex label the certificate has no sex to tell (a marriage certificate has none).
    assert "sex" not in values([line for line in lines if not line.startswith("Nam hay")])


@pytest.mark.parametrize(
    ("raw", "number"),
    [("Số: 125", "125"), ("125/TLKS", "125/TLKS"), ("12/1992", "12/1992"), ("18-01-1992", None), ("22/1/1992", None)],
)
def test_a_date_read_into_the_number_column_is_no_number(raw: str, number: str | None) -> None:
    assert normalise("registration_number", raw)[0] == number


@pytest.mark.parametrize("line", ["352", "ố: 352", "Số: 352"])
def test_a_certificates_number_is_read_with_its_label_lost(line: str) -> None:
    lines = ["UBND PHƯỜNG Ô CHỢ DỪA", *HEADER, line, "TRÍCH LỤC KHAI TỬ", "Họ, chữ đệm, tên: Nguyễn Hữu Khoa"]
    records = extract_records(page_of([*lines, "Giới tính: Nam", "Chết tại: Bệnh viện Việt Đức"]))
    number = records[0].fields["registration_number"]
    assert number.value == "352"
    assert (number.confidence <= 0.8) == (line != "Số: 352")  # without its label, for review


def test_a_lone_figure_among_the_fields_is_no_certificate_number() -> None:
    lines = [*HEADER, "TRÍCH LỤC KHAI TỬ", "Họ, chữ đệm, tên: Nguyễn Hữu Khoa", "1986", "Giới tính: Nam"]
    assert "registration_number" not in extract_records(page_of(lines))[0].fields
