"""Misread words of places, causes and notes put back by the words beside them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hotich.domain import ExtractedField
from ocr.extract import extract_records
from ocr.names import (
    MENDED_LISTED,
    REPAIRED_WORDING,
    UNLISTED,
    normalise,
    repaired_wording,
    reworded,
    reworded_fields,
)
from tests.extract.pages import page_of, table_of


def test_a_word_one_letter_off_the_common_wording_beside_it_is_put_back() -> None:
    got = repaired_wording(["Tại nhè riêng", "Tai nạn giao thông", "con thử nhất", "Hàng Bạc"])
    assert got == [("Tại nhà riêng", True), ("Tai nạn giao thông", False), ("con thứ nhất", True), ("Hàng Bạc", False)]


def test_a_marriage_note_misread_in_its_marks_is_put_back_word_by_word() -> None:
    # "lấn" is put back beside "hôn", then "đấu" beside the mended "lần".
    got = repaired_wording(["kết hôn lấn đấu", "kết hôn lần dầu"])
    assert got == [("kết hôn lần đầu", True), ("kết hôn lần đầu", True)]


def test_the_wording_of_a_certificates_notes_is_put_back() -> None:
    got = repaired_wording(["Ghi chú ty hôn theo bản án", "Ghi vào sổ việc xóc định lại đân tộc"])
    assert got == [("Ghi chú ly hôn theo bản án", True), ("Ghi vào sổ việc xác định lại dân tộc", True)]


def test_a_place_read_surely_elsewhere_on_the_page_repairs_its_misreading() -> None:
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh"]
    rows = [
        ["21", "Trần Văn Ngân", "Nam", "30/3/1965", "Bệnh viện Bạch Mai"],
        ["22", "Lê Văn Giang", "Nam", "1/4/1965", "Bệnh viện Bạch Mai"],
        ["23", "Phạm Minh Đức", "Nam", "8/5/1965", "Bệnh viên Bạch Múi"],
        ["24", "Phạm Thị Hoa", "Nữ", "9/5/1965", "Bệnh viện Việt Đức"],  # one letter from nothing: kept
    ]
    records = extract_records(table_of(header, rows, [110, 450, 220, 260, 450]))
    places = [r.value("place_of_birth") for r in records]
    assert places == ["Bệnh viện Bạch Mai"] * 3 + ["Bệnh viện Việt Đức"]
    assert (records[2].fields["place_of_birth"].confidence or 1.0) <= 0.95 * REPAIRED_WORDING


def test_a_place_with_its_wording_put_back_has_its_unit_name_mended() -> None:
    # "sảnh" hid the maternity home from the unit names' mend until its neighbours put it back.
    header = ["Số", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh"]
    rows = [
        ["21", "Trần Văn Ngân", "Nam", "30/3/1965", "Nhà hộ sinh Hàng Bạc"],
        ["22", "Lê Văn Giang", "Nam", "1/4/1965", "Nhà hộ sảnh khu vực Đống Đu"],
    ]
    records = extract_records(table_of(header, rows, [110, 450, 220, 260, 550]))
    assert [r.value("place_of_birth") for r in records] == ["Nhà hộ sinh Hàng Bạc", "Nhà hộ sinh khu vực Đống Đa"]


def test_a_listed_ward_read_as_it_stands_is_not_reworded_by_the_page() -> None:
    # "phường Hàng …" and "phố Hàng Mã" on the page would make "Láng Hạ" "Hàng Hạ", then "Hàng Mã".
    values = [
        "Số 85 phố Hàng Mã, phường Hàng Buồm, Hà Nội",
        "Số 15 phố Hàng Mã, phường Hàng Buồm, Hà Nội",
        "Số 54 phố Đội Cấn, phường Láng Hạ, Hà Nội",
    ]
    named = [("husband_residence", ExtractedField(v, v, 0.95, (0, 0, 10, 10))) for v in values]
    assert [field.value for field in reworded_fields(named)] == values


def test_the_common_wording_wins_over_a_hand_that_misreads_it_in_every_row() -> None:
    got = repaired_wording(["Bệnh viên Bạch Mai", "Bệnh viên Việt Đức", "Bệnh viên Phụ sản Hà Nội", "Bệnh viêm phổi"])
    assert [value for value, _ in got] == [
        "Bệnh viện Bạch Mai",
        "Bệnh viện Việt Đức",
        "Bệnh viện Phụ sản Hà Nội",
        "Bệnh viêm phổi",  # common wording itself: pneumonia, not a hospital
    ]


def test_words_either_side_of_a_comma_are_no_pair_to_mend_by() -> None:
    addresses = [
        "Số 24 phố Hàng Bạc, phường Ngọc Hà, Hà Nội",
        "Số 9 phố Kim Mã, phường Ngọc Hà, Hà Nội",
        "Số 28 phố Tôn Đức Thắng, phường Phạm Đình Hổ, Hà Nội",  # "Hổ, Hà" is not "Hà, Hà" misread
    ]
    assert repaired_wording(addresses) == [(address, False) for address in addresses]


@pytest.mark.parametrize(
    ("raw", "address"),
    [
        ("Số 63 phố Giải Phóng. phường Hàng Bông. Hà Nội", "Số 63 phố Giải Phóng, phường Hàng Bông, Hà Nội"),
        ("Số 7 phố Trần Hưng. Đạo, phường. Dịch Vọng, Hà Nội", "Số 7 phố Trần Hưng Đạo, phường Dịch Vọng, Hà Nội"),
        ("Số 5 P. Hàng Bạc, Q. Hoàn Kiếm", "Số 5 P. Hàng Bạc, Q. Hoàn Kiếm"),  # abbreviations kept
    ],
)
def test_full_stops_inside_an_address_are_its_commas_or_specks(raw: str, address: str) -> None:
    assert normalise("residence", raw)[0] == address


def test_specks_inside_a_place_or_a_note_are_dropped_and_a_hyphen_between_words_stays() -> None:
    assert normalise("place_of_birth", "Bệnh viện Phụ sản — Trung ương")[0] == "Bệnh viện Phụ sản Trung ương"
    assert normalise("notes", "cấp bản sao ngày _3/8/2000")[0] == "cấp bản sao ngày 3/8/2000"
    assert normalise("residence", "Thôn Đông - xã Yên Sở")[0] == "Thôn Đông - xã Yên Sở"
    assert normalise("notes", "— \\ „")[0] is None


@pytest.mark.parametrize(
    ("read", "relation", "plausible"),
    [
        ("Bà nội", "Bà nội", 1.0),
        ("bà ngoai", "Bà ngoại", MENDED_LISTED),  # its marks lost
        ("Hà nội", "Bà nội", MENDED_LISTED),  # a letter off: a kinship, never the city
        ("Mẹ", "Mẹ", 1.0),
        ("Người làm chứng", "Người làm chứng", UNLISTED),  # no listed kinship: as read, less sure
    ],
)
def test_a_declarants_relation_is_read_as_the_forms_write_it(read: str, relation: str, plausible: float) -> None:
    assert normalise("declarant_relation", read) == (relation, plausible)
    assert not reworded("declarant_relation")  # the page's places do not mend it back into "Hà Nội"


@pytest.mark.parametrize(
    ("field", "read", "value", "plausible"),
    [
        ("ethnicity", "Kinh", "Kinh", 1.0),
        ("ethnicity", "Kĩnh", "Kinh", MENDED_LISTED),  # a mark misread
        ("ethnicity", "Kidh", "Kinh", MENDED_LISTED),  # a letter off
        ("ethnicity", "Mường", "Mường", 1.0),
        ("ethnicity", "#/n/", "#/n/", UNLISTED),  # nothing to go by: as read, less sure
        ("nationality", "Jêt Nam", "Việt Nam", MENDED_LISTED),  # two letters off a long name
        ("nationality", "Việt N2", "Việt Nam", MENDED_LISTED),
        ("nationality", "Pháp", "Pháp", 1.0),
        ("nationality", "Lầo", "Lào", MENDED_LISTED),
    ],
)
def test_an_ethnic_group_or_a_nationality_is_read_as_the_official_list_writes_it(
    field: str, read: str, value: str, plausible: float
) -> None:
    assert normalise(field, read) == (value, plausible)
    assert not reworded(field)


def test_a_tie_between_two_wordings_goes_to_the_one_nearer_in_its_marks_whatever_the_hash_seed() -> None:
    # "việt" is a letter off "viện" and "viêm", both common beside "Bệnh"; the pairs' order (a set's) once
    # decided it, so a page read differently from one run to the next.
    script = "from ocr.names import repaired_wording; print(repaired_wording(['Bệnh việt Xhế'])[0][0])"
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "Bệnh viện Xhế"


def test_a_certificates_place_with_its_wording_put_back_has_its_unit_name_mended() -> None:
    lines = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIẤY KHAI SINH", "Họ và tên: Lê Văn Giang"]
    page = page_of([*lines, "Nơi sinh: Nhà hộ sảnh khu vực Đống Đu", "Giới tính: Nam"])
    assert extract_records(page)[0].value("place_of_birth") == "Nhà hộ sinh khu vực Đống Đa"
