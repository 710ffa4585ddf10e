"""Entry numbers checked against their neighbours: a book numbers its entries one after another."""

from __future__ import annotations

from hotich.domain import ExtractedField, ExtractedRecord, RecordType
from ocr.extract import extract_records
from ocr.numbering import COUNTED_ON_CONFIDENCE, DOUBTED_CONFIDENCE, INFERRED_CONFIDENCE, number_on
from tests.extract.pages import table_of


def _records(numbers: list[str | None]) -> list[ExtractedRecord]:
    out = []
    for index, number in enumerate(numbers):
        fields = {"registration_number": ExtractedField(number, number, 0.95, None)} if number else {}
        box = (100, 100 * index, 2000, 100 * index + 80)
        out.append(ExtractedRecord(RecordType.BIRTH, fields, index, 1, box, 0.99))
    return out


def _births_register(rows: list[list[str]]) -> list[ExtractedRecord]:
    """The records of a birth register page whose rows are ``rows`` (number, name, sex, birth date)."""
    return extract_records(table_of(["Số", "Họ và tên", "Giới tính", "Ngày sinh"], rows, [110, 400, 200, 260]))


def _numbers(records: list[ExtractedRecord]) -> list[str | None]:
    return [r.value("registration_number") for r in records]


def test_a_lost_or_misread_number_between_agreeing_neighbours_is_filled_in() -> None:
    records = _records(["72", "73", None, "14", "76", "77"])
    number_on(records, (100, 160))
    assert _numbers(records) == ["72", "73", "74", "75", "76", "77"]
    filled = records[2].fields["registration_number"]
    assert filled.confidence == INFERRED_CONFIDENCE and filled.bbox == (100, 200, 160, 280)
    assert records[0].fields["registration_number"].confidence == 0.95  # numbers read stay as read


def test_numbers_are_not_guessed_across_a_gap_and_only_counted_on_past_the_last_agreeing_neighbour() -> None:
    # An entry may be missing between 73 and 80: nothing between is filled in. Before 72 the lost number
    # is counted back, below the surety of a number filled in between two neighbours.
    records = _records([None, "72", "73", None, "80", "81"])
    number_on(records)
    assert _numbers(records) == ["71", "72", "73", None, "80", "81"]
    assert records[0].fields["registration_number"].confidence == COUNTED_ON_CONFIDENCE < INFERRED_CONFIDENCE


def test_short_misreads_agreeing_by_chance_are_no_anchors() -> None:
    # "1" and "6" differ by their distance, as do "34" and "38"; but they fall out of the order of 52 … 60.
    records = _records(["1", "52", "53", "34", "55", "6", "57", "38", "59", "60"])
    number_on(records)
    assert _numbers(records) == [str(n) for n in range(51, 61)]


def test_a_register_entry_whose_number_was_stained_is_numbered_on() -> None:
    rows = [
        ["12", "Nguyễn Văn An", "Nam", "2/1/1962"],
        ["~", "Lê Thị Hoa", "Nữ", "5/1/1962"],
        ["14", "Phạm Minh Đức", "Nam", "8/1/1962"],
        ["15", "Trần Văn Bình", "Nam", "9/1/1962"],
    ]
    records = _births_register(rows)
    assert _numbers(records) == ["12", "13", "14", "15"]


def test_an_entry_whose_name_is_lost_is_kept_by_its_number() -> None:
    rows = [
        ["12", "Nguyễn Văn An", "Nam", "2/1/1962"],
        ["13", "", "Nữ", "5/1/1962"],  # the name under a stain
        ["14", "Phạm Minh Đức", "Nam", "8/1/1962"],
    ]
    records = _births_register(rows)
    assert _numbers(records) == ["12", "13", "14"]
    assert records[1].value("date_of_birth") == "1962-01-05" and records[1].value("subject_name") is None


def test_past_the_last_agreeing_neighbour_a_number_read_in_order_is_kept() -> None:
    records = _records(["303", "304", "30", None, "39", "312"])
    number_on(records)
    # "30" is a digit short of 305: taken for it. The lost number and "39", out of order, are counted on
    # (306, 307) less surely; "312", in order, may follow missing entries and is kept as read.
    assert _numbers(records) == ["303", "304", "305", "306", "307", "312"]
    assert records[2].fields["registration_number"].confidence == INFERRED_CONFIDENCE
    assert records[4].fields["registration_number"].confidence == COUNTED_ON_CONFIDENCE


def test_a_number_fitting_no_other_on_an_ordered_page_is_doubted() -> None:
    records = _records(["207", "208", "1954", "210", "211"])
    records.append(_records(["1942"])[0])
    number_on(records)
    assert _numbers(records)[:5] == ["207", "208", "209", "210", "211"]  # between agreeing neighbours
    assert records[5].value("registration_number") == "1942"  # past them: kept as read, but doubted
    assert records[5].fields["registration_number"].confidence == DOUBTED_CONFIDENCE


def test_a_handwritten_1_read_as_a_stroke_before_the_figures_is_a_1() -> None:
    # "/78": the leading 1 of a handwritten 178 read as a slash. Taken for 78, two such numbers agreed
    # with each other and turned the one read right (177) into 77.
    rows = [
        ["177", "Nguyễn Văn An", "Nam", "2/1/1962"],
        ["/78", "Lê Thị Hoa", "Nữ", "5/1/1962"],
        ["|79", "Phạm Minh Đức", "Nam", "8/1/1962"],
    ]
    records = _births_register(rows)
    assert _numbers(records) == ["177", "178", "179"]
    assert [r.value("date_of_birth") for r in records] == ["1962-01-02", "1962-01-05", "1962-01-08"]


def test_a_leading_5_read_as_an_s_is_a_5() -> None:
    # "S45", "S46": a worn 5 read as the S it looks like; taken for 45 and 46, the numbers agreed with
    # each other and the one read right (547) was doubted.
    rows = [
        ["S45", "Phan Đức Tư", "Nam", "28/5/1947"],
        ["S46", "Nguyễn Kim Hòa", "Nữ", "20/9/1953"],
        ["547", "Nguyễn Văn Quang", "Nam", "2/7/1947"],
    ]
    assert _numbers(_births_register(rows)) == ["545", "546", "547"]
