"""Place names mended against the official list of units (the real data of vietnam-provinces 0.5.0)."""

from __future__ import annotations

import pytest

from ocr.extract import extract_records
from ocr.names import INCOMPLETE_ADDRESS, MENDED_PLACE, normalise
from ocr.places import complete, mend_cut_province, mend_place
from tests.extract.pages import page_of


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("Số 41 phố Lò Đúc, phường Hàng Buôm, Hà Nội", "Số 41 phố Lò Đúc, phường Hàng Buồm, Hà Nội"),
        ("Số 4 phố Thái Hà, phường Phạm Đình Hỗ, Hà Nội", "Số 4 phố Thái Hà, phường Phạm Đình Hổ, Hà Nội"),
        ("Số 60 phố Lò Đúc, phường Kin Mã, Hà Nội", "Số 60 phố Lò Đúc, phường Kim Mã, Hà Nội"),
        ("Số 175 phố Láng, phường L1 Đại Hành, Hà Nội", "Số 175 phố Láng, phường Lê Đại Hành, Hà Nội"),
        ("UBND phường Bạch Đẳng", "UBND phường Bạch Đằng"),
        ("Huyện Cẩm Giàg, tỉnh Hải Dương", "Huyện Cẩm Giàng, tỉnh Hải Dương"),
        ("Số 91 phố Huế, phường Lóng Họ, Hà Nội", "Số 91 phố Huế, phường Láng Hạ, Hà Nội"),  # 7 letters: two off
    ],
)
def test_a_unit_name_a_letter_or_two_off_a_listed_one_is_mended(read: str, mended: str) -> None:
    assert mend_place(read) == (mended, True)


@pytest.mark.parametrize(
    "read",
    [
        "Số 38 phố Nguyễn Du, phường Bạch Đằng, Hà Nội",
        "Huyện Ứng Hoà, tỉnh Hà Tây",  # listed as "Ứng Hòa": the tone placement read is kept
        "Huyện Từ Liêm, thành phố Hà Nội",  # split in 2013, so no longer listed, and no listed name is close
        "Ủy ban hành chính khu phố Hàng Bông",  # the old "khu phố" is no unit of the list
    ],
)
def test_a_listed_or_unknown_name_is_left_as_read(read: str) -> None:
    assert mend_place(read) == (read, False)


def test_a_listed_name_gets_its_casing_back() -> None:
    assert mend_place("Số 38 phố Nguyễn Du, phường Bạch Đằng, Hà NỘI") == (
        "Số 38 phố Nguyễn Du, phường Bạch Đằng, Hà Nội",
        True,
    )


def test_a_name_as_close_to_two_listed_names_is_left_alone() -> None:
    # Hà Nội has both phường Trung Tự (Đống Đa) and xã Trung Tú (Ứng Hòa); both hold every letter read.
    assert mend_place("phường Trung Tu, Hà Nội") == ("phường Trung Tu, Hà Nội", False)


@pytest.mark.parametrize("read", ["Trung Tư", "Trung Tụ"])
def test_between_two_as_close_the_one_holding_every_mark_read_is_the_name(read: str) -> None:
    # A scan loses a horn or a dot far more often than it invents one: Trung Tú holds neither.
    assert mend_place(f"phường {read}, Hà Nội") == ("phường Trung Tự, Hà Nội", True)


def test_the_province_a_value_names_is_where_its_districts_and_wards_are_looked_up() -> None:
    assert mend_place("xã Hải Anh, huyện Hải Hâu, tỉnh Nam Đinh") == (
        "xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định",
        True,
    )
    assert (
        mend_place("xã Bạch Lung, huyện Giao Thủy, tỉnh Nam Định")[0] == "xã Bạch Long, huyện Giao Thủy, tỉnh Nam Định"
    )
    # Without a province the archive's city is meant: Hải Hậu is no district of Hà Nội.
    assert mend_place("huyện Hải Hâu") == ("huyện Hải Hâu", False)


@pytest.mark.parametrize("read", ["Bệnh viện Bạch Mai", "Hàng Buôm", "Nam Đinh", "Tại nhà riêng"])
def test_a_value_without_a_unit_word_is_left_alone(read: str) -> None:
    assert mend_place(read) == (read, False)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("S156 phố Huế", "Số 156 phố Huế"),
        ("3ố 158 phố Huế", "Số 158 phố Huế"),
        ("Số60 phố Lò Đúc", "Số 60 phố Lò Đúc"),
        ("Bó 26 phố Huế", "Số 26 phố Huế"),
        ("Số 18 phổ Phố Vọng", "Số 18 phố Phố Vọng"),
        ("Nhà 5 phố Huế", "Nhà 5 phố Huế"),  # a word of its own before the number
        ("Ngõ 12 phố Huế", "Ngõ 12 phố Huế"),
        ("156 phố Huế", "156 phố Huế"),  # no "Số" to mend
        ("Số 12 ngo Huế", "Số 12 ngo Huế"),  # only "phố" is put right after the number
    ],
)
def test_a_misread_so_before_a_house_number_is_mended(read: str, mended: str) -> None:
    assert mend_place(read) == (mended, read != mended)


def test_a_mended_place_is_less_plausible() -> None:
    assert normalise("residence", "Số 41 phố Lò Đúc, phường Hàng Buôm. Hà Nội") == (
        "Số 41 phố Lò Đúc, phường Hàng Buồm, Hà Nội",
        MENDED_PLACE,
    )
    assert normalise("hometown", "Huyện Hải Hậu, tỉnh Nam Định") == ("Huyện Hải Hậu, tỉnh Nam Định", 1.0)


def test_the_letterhead_office_is_mended() -> None:
    header = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    page = page_of(["UBND PHƯỜNG Ô CHỢ ĐỪA", *header, "GIẤY KHAI SINH", "Họ và tên: Nguyễn Văn An"])
    office = extract_records(page)[0].fields["registration_office"]
    assert office.value == "UBND phường Ô Chợ Dừa"
    assert office.confidence == pytest.approx(0.95 * 0.95 * MENDED_PLACE, abs=1e-4)


@pytest.mark.parametrize(
    ("value", "whole"),
    [
        ("Số 5 phố Huế, phường Phúc Xá, Hà Nội", True),
        ("Số 5 phố Huế, Hai Bà Trưng", True),  # a last part may be a district without its unit word
        ("xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định", True),
        ("Tại nhà riêng", True),
        ("Số 14 phố", False),  # the street lost
        ("Số 90 phố phường Kim", False),  # the street and most of the ward
        ("Số 14 phố Tôn Đức Thắng, phường Lê Đại Hành, Hà", False),  # "Hà Nội" cut short
    ],
)
def test_an_address_reads_whole_when_its_street_and_units_are_all_there(value: str, whole: bool) -> None:
    assert complete(value) is whole


def test_an_address_cut_short_is_less_plausible() -> None:
    whole = "Số 5 phố Huế, phường Phúc Xá, Hà Nội"
    assert normalise("residence", whole) == (whole, 1.0)
    assert normalise("residence", "Số 90 phố phường Kim") == ("Số 90 phố phường Kim", INCOMPLETE_ADDRESS)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        # The street's letters are a ward's of the province, its marks are not: the marks put back.
        ("Số 135 phố Hằng Bạc, phường Phúc Xá, Hà Nội", "Số 135 phố Hàng Bạc, phường Phúc Xá, Hà Nội"),
        ("Số 3 phố Kim Ma, Hà Nội", "Số 3 phố Kim Mã, Hà Nội"),
        # No ward has its letters (a letter off one may be a street of its own), or it is a ward as read.
        ("Số 29 phố Tôn Đức Thông, phường Khương Thượng, Hà Nội", None),
        ("Số 54 phố Đội Cấn, phường Láng Hạ, Hà Nội", None),
        ("Số 5 phố Huế, Hà Nội", None),
    ],
)
def test_a_street_named_as_a_ward_gets_its_marks_back(read: str, mended: str | None) -> None:
    assert mend_place(read) == ((mended, True) if mended else (read, False))


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("BệnhviệnXanh Pôn", "Bệnh viện Xanh Pôn"),
        ("NhàhộsinhHai Bà Trưng", "Nhà hộ sinh Hai Bà Trưng"),
        ("Trạm ytếphường", "Trạm y tế phường"),  # not "y tếp hường": those are no place's syllables
        ("Bệnh viện Phụ sản Trungương", "Bệnh viện Phụ sản Trung ương"),  # not "Trun gương"
    ],
)
def test_words_run_together_are_put_apart(read: str, mended: str) -> None:
    assert mend_place(read) == (mended, True)


@pytest.mark.parametrize("read", ["Bệnh viện Phụ Aói", "Số 5 phố Huế, phường Phúc Xá, Hà Nội"])
def test_a_misread_word_is_not_cut_into_bits(read: str) -> None:
    assert mend_place(read) == (read, False)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("Bệnh viện Bạch Mơi", "Bệnh viện Bạch Mai"),  # named after its ward: a letter off it
        ("Nhà hộ sinh Hàng Đạc", "Nhà hộ sinh Hàng Bạc"),
        ("Nhà hộ sinh khu vực Đống Đụ", "Nhà hộ sinh khu vực Đống Đa"),  # ... or its district
        ("Bệnh viện Thanh Nhờn", "Bệnh viện Thanh Nhàn"),
        ("Bệnh viện Bọch Mơi", "Bệnh viện Bạch Mai"),  # a name of seven letters or more: two off it
        ("Bệnh viện Bạc Moi", "Bệnh viện Bạch Mai"),
    ],
)
def test_a_hospital_named_after_a_unit_gets_its_name_back(read: str, mended: str) -> None:
    assert mend_place(read) == (mended, True)


@pytest.mark.parametrize(
    "read",
    [
        "Bệnh viện Xanh Pôn",  # named after no unit
        "Bệnh viện Phụ sản Trung ương",  # "Trung ương" is a word, no slip of the ward of Trung Hưng
        "Bệnh viện Phụ sản Hà Nội",
        "Bệnh viện Việt Đức",
        "Nhà hộ sinh Hàng",  # a short name two letters off a unit ("Phùng") is no slip of it
    ],
)
def test_a_hospital_named_after_no_unit_is_left_as_read(read: str) -> None:
    assert mend_place(read) == (read, False)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("Bệnh viện Việt Dức", "Bệnh viện Việt Đức"),  # one of the city's hospitals named after no unit
        ("Bệnh viện Xanh Pón", "Bệnh viện Xanh Pôn"),
        ("Bệnh viện Bạch Mà", "Bệnh viện Bạch Mai"),  # as near the ward of Bạch Hạ: the hospital's
        ("Bệnh viện Việt ĐứỨc", "Bệnh viện Việt Đức"),  # a misread word not cut into bits ("Đứ Ức") first
    ],
)
def test_one_of_the_citys_hospitals_gets_its_name_back(read: str, mended: str) -> None:
    assert mend_place(read) == (mended, True)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("hộ sinh khu vực Đống Đa", "Nhà hộ sinh khu vực Đống Đa"),  # a wrapped cell's first word lost
        ("Hộ sinh Hàng Bạc", "Nhà hộ sinh Hàng Bạc"),
        ("viện Thanh Nhàn", "Bệnh viện Thanh Nhàn"),
        ("Trạm tế phường", "Trạm y tế phường"),  # the "y" a hand ran over
        ("Định viện Việt Đức", "Bệnh viện Việt Đức"),  # "Bệnh" misread two letters off
        ("8ệnh viện Việt Đức", "Bệnh viện Việt Đức"),  # ... or into no word
        ("Học viện Quân y", None),  # another word's "viện"
        ("Viện Nhi", None),  # an institution of its own
        ("Viện Bảo vệ Bà mẹ và Trẻ sơ sinh", None),
        ("Bệnh viện Việt Đức", None),
    ],
)
def test_an_institutions_kind_that_lost_a_word_gets_it_back(read: str, mended: str | None) -> None:
    assert mend_place(read) == (mended or read, mended is not None)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("Số 27 phố Thái Hà phường Hàng Bông, Hà Nội", "Số 27 phố Thái Hà, phường Hàng Bông, Hà Nội"),
        ("Số 10 phố Hàng Mã phường Quán Thánh Hà Nội", "Số 10 phố Hàng Mã, phường Quán Thánh, Hà Nội"),
        ("Số 5 phố Lê Lợi thị xã Sơn Tây, Hà Nội", "Số 5 phố Lê Lợi, thị xã Sơn Tây, Hà Nội"),  # one unit word
    ],
)
def test_commas_an_address_lost_are_put_back(read: str, mended: str) -> None:
    assert mend_place(read) == (mended, True)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("Số 91 phố Láng, phưởng Láng Hạ, Hà Nội", "Số 91 phố Láng, phường Láng Hạ, Hà Nội"),
        ("Số 9 phố Huế, phờng Kim Liên, Hà Nội", "Số 9 phố Huế, phường Kim Liên, Hà Nội"),
        ("Huyện Phù Minh, tính Phí Thọ", "Huyện Phù Ninh, tỉnh Phú Thọ"),  # then its province, then its district
    ],
)
def test_a_misread_unit_word_is_put_back_before_a_name_of_its_level(read: str, mended: str) -> None:
    assert mend_place(read) == (mended, True)


def test_a_word_a_letter_off_a_unit_word_before_no_unit_stays() -> None:
    assert mend_place("Số 9 phố Huế, phương án mới") == ("Số 9 phố Huế, phương án mới", False)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("Số 142 phố Khâm Thiên, phường Quán Thánh, Hà", "Số 142 phố Khâm Thiên, phường Quán Thánh, Hà Nội"),
        ("Số 5 phố Huế, phường Phúc Xá, Hải", "Số 5 phố Huế, phường Phúc Xá, Hải"),  # no start of Hà Nội
        ("xã Liêm Chính, tỉnh Hà Nam, Hà", "xã Liêm Chính, tỉnh Hà Nam, Hà"),  # its province named already
        ("Số 5 phố Huế, Hà", "Số 5 phố Huế, Hà"),  # two parts: "Hà" may be a ward's or a district's name
    ],
)
def test_an_address_cut_after_the_first_word_of_its_province_gets_the_province_back(read: str, mended: str) -> None:
    assert mend_cut_province(read) == mended
