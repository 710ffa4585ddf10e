"""The embedded backend shared by processes: a reader sees other processes' commits, writers take turns,
a rebuild swaps generations under an open reader."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from indexer.base import IndexDocument, SearchQuery
from indexer.embedded import EmbeddedIndex

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from indexer.base import IndexDocument
    from indexer.embedded import EmbeddedIndex

    index = EmbeddedIndex(Path(sys.argv[1]))
    start = int(sys.argv[2])
    for batch in range(5):
        first = start + batch * 20
        index.index(
            IndexDocument(n, 1, "birth", {"subject_name": f"Trần Văn Số{n}"}) for n in range(first, first + 20)
        )
    index.close()
    """
)


def write_in_another_process(path: Path, start: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(start)])


def test_reader_sees_commits_of_another_process(tmp_path: Path) -> None:
    reader = EmbeddedIndex(tmp_path)
    assert reader.count() == 0
    assert write_in_another_process(tmp_path, 0).wait(timeout=60) == 0
    assert reader.count() == 100
    assert reader.search(SearchQuery(text="tran van so42")).hits[0].record_id == 42


def test_two_writers_take_turns(tmp_path: Path) -> None:
    EmbeddedIndex(tmp_path).close()
    writers = [write_in_another_process(tmp_path, start) for start in (0, 1000)]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    assert EmbeddedIndex(tmp_path).count() == 200


def test_writer_in_this_process_waits_for_another(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    other = write_in_another_process(tmp_path, 0)
    index.index([IndexDocument(5000, 1, "death", {"subject_name": "Lý Văn Phúc"})])
    assert other.wait(timeout=60) == 0
    assert index.count() == 101


def test_rebuild_swaps_generations_under_an_open_reader(tmp_path: Path) -> None:
    reader = EmbeddedIndex(tmp_path)
    writer = EmbeddedIndex(tmp_path)
    writer.index([IndexDocument(1, 1, "birth", {"subject_name": "Cũ"})])
    assert reader.count() == 1
    writer.rebuild(IndexDocument(n, 1, "birth", {"subject_name": f"Mới {n}"}) for n in range(10, 15))
    assert reader.count() == 5
    assert reader.get(1) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CURRENT", "gen-000002"]
    reader.index([IndexDocument(20, 1, "birth", {"subject_name": "Sau"})])  # writes go to the new generation
    assert writer.count() == 6


def test_rebuild_keeps_the_newest_revision(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    written = index.rebuild(
        [
            IndexDocument(1, 2, "birth", {"subject_name": "Hai"}),
            IndexDocument(1, 1, "birth", {"subject_name": "Một"}),
            IndexDocument(2, 1, "birth", {"subject_name": "Ba"}),
            IndexDocument(2, 3, "birth", {"subject_name": "Bốn"}),
        ]
    )
    assert written == 2 and index.count() == 2
    assert [index.get(i).revision for i in (1, 2)] == [2, 3]  # type: ignore[union-attr]


def test_index_reopens_after_close_of_another_handle(tmp_path: Path) -> None:
    first = EmbeddedIndex(tmp_path)
    first.index([IndexDocument(1, 1, "birth", {"subject_name": "An"})])
    first.close()
    assert EmbeddedIndex(tmp_path).get(1) is not None


def test_tantivy_folding_gives_the_terms_queries_use(tmp_path: Path) -> None:
    """Names are folded by Tantivy's analyzer at index time and by indexer.text.fold at query time."""
    from indexer.text import fold, tokens

    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    text = " ".join(f"x{c}{c.upper()}n" for c in letters) + " Nguyễn ĐẶNG Thuỷ Khoẻ Hường"
    index = EmbeddedIndex(tmp_path)
    index.index([IndexDocument(1, 1, "birth", {"subject_name": text, "father_name": "Đỗ Đức Thuỷ"}, ward="Bạch Đằng")])
    searcher = index._index.searcher()
    assert all(searcher.doc_freq("persons_folded", fold(t)) == 1 for t in tokens(text))
    assert [searcher.doc_freq("father_folded", w) for w in ("do", "duc", "thuy")] == [1, 1, 1]
    assert searcher.doc_freq("ward_key", "bach dang") == 1


def test_stored_documents_round_trip(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    document = IndexDocument(
        7,
        3,
        "marriage",
        {"husband_name": "Phạm Văn Hòa", "notes": "a\x00b"},
        volume_id=None,
        page_number=4,
        ward="Bạch Đằng",
        volume_year=1985,
        image="/pages/4/image",
        status="review",
    )
    index.index([document])
    stored = index.get(7)
    assert stored is not None
    assert stored.fields["notes"] == "ab"
    stored.fields["notes"] = "a\x00b"
    assert stored == document


def test_a_control_character_in_a_value_is_dropped_from_the_stored_document(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    index.index([IndexDocument(8, 1, "birth", {"subject_name": "Lê\x01 Văn Hà", "notes": "x\x00\x01y"})])
    stored = index.get(8)
    assert stored is not None and stored.fields == {"subject_name": "Lê Văn Hà", "notes": "xy"}
    assert index.search(SearchQuery(text="le van ha")).hits[0].record_id == 8


def test_one_edit_gives_deletions_substitutions_insertions_and_swaps() -> None:
    from indexer.embedded import one_edit

    near = one_edit("hoa")
    assert {"ho", "oa", "hoi", "hoan", "khoa", "oha"} <= near
    assert "hoa" not in near and "" not in one_edit("a")
    assert all(len(w) in (2, 3, 4) for w in near)


def _birth(record_id: int, name: str, born: str, **fields: str) -> IndexDocument:
    return IndexDocument(record_id, 1, "birth", {"subject_name": name, "date_of_birth": born, **fields})


def _ids(index: EmbeddedIndex, text: str, **options: object) -> list[int]:
    return [hit.record_id for hit in index.search(SearchQuery(text=text, **options)).hits]  # type: ignore[arg-type]


def test_whole_name_in_the_written_order_ranks_first(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    index.index(
        [
            _birth(1, "Hà Văn Lê", "1970-01-01"),
            _birth(2, "Lê Văn Hà Minh", "1970-01-01"),
            _birth(3, "Lê Văn Hà", "1970-01-01"),
        ]
    )
    assert _ids(index, "le van ha") == [3, 1, 2]  # in order, any order, a part of a longer name


def test_the_key_year_ranks_above_another_dates_year(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    death = {"subject_name": "Trần Văn Nam", "date_of_birth": "1962-02-02", "date_of_death": "2001-03-03"}
    index.index(
        [
            _birth(1, "Trần Văn Nam", "1961-12-30", registration_date="1962-01-05"),  # registered in 1962
            _birth(2, "Trần Văn Nam", "1962-05-01"),
            _birth(3, "Trần Văn Nam", "1975-05-01"),
            IndexDocument(4, 1, "death", death),  # born in 1962, but a death record's key year is 2001
        ]
    )
    found = _ids(index, "tran van nam 1962")
    assert found[0] == 2 and set(found[1:3]) == {1, 4} and found[3] == 3


def test_a_slipped_syllable_with_the_year_beats_the_exact_name_in_another_year(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    index.index(
        [
            _birth(1, "Nguyễn Thị Hoa", "1962-01-01"),  # the one meant by "nguyen thi hoi 1962"
            _birth(2, "Nguyễn Thị Hợi", "1980-01-01"),
            _birth(3, "Nguyễn Thị Hoa Mai", "1962-01-01"),  # one slip too, but not the whole name
            *(_birth(10 + n, "Nguyễn Thị Hợi", f"{1990 + n}-01-01") for n in range(12)),
        ]
    )
    result = index.search(SearchQuery(text="nguyen thi hoi 1962"))
    assert result.hits[0].record_id == 1
    assert 3 not in [hit.record_id for hit in result.hits]  # a whole name with the year was found
    assert result.total == 14  # the passes never count a record twice
    assert _ids(index, "thi hoi mai 1962") == [3]  # no whole name: a part of a longer name will do


def test_equally_likely_slips_show_the_name_fewer_records_bear_first(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    index.index(
        [
            *(_birth(n, "Nguyễn Văn Huy", f"1962-0{n}-01") for n in range(1, 7)),  # "iuy": h misread
            _birth(20, "Nguyễn Văn Duy", "1962-05-05"),  # "iuy": d misread, as likely; fewer in 1962
            _birth(21, "Nguyễn Văn Duy", "1962-06-06"),
            *(_birth(30 + n, "Nguyễn Văn Duy", f"{1980 + n}-01-01") for n in range(3)),  # other years
        ]
    )
    # Each record is as likely as any other to be the one sought: the two Duy of 1962 come first, and
    # all six Huy of 1962 are still within the first eight (the commoner name first would hide the Duy).
    ids = _ids(index, "nguyen van iuy 1962")
    assert set(ids[:2]) == {20, 21} and set(ids[2:8]) == set(range(1, 7))
    # Counted among the records of the typed year: more Duy born in other years change nothing.
    index.index([_birth(40 + n, "Nguyễn Văn Duy", f"{1990 + n}-01-01") for n in range(7)])
    ids = _ids(index, "nguyen van iuy 1962")
    assert set(ids[:2]) == {20, 21} and set(ids[2:8]) == set(range(1, 7))
    # A lost letter is likelier than a misread one, however few bear the misread name.
    index.index([_birth(60, "Nguyễn Văn Vy", "1962-07-07")])
    ids = _ids(index, "nguyen van uy 1962")
    assert set(ids[:2]) == {20, 21} and ids[-1] == 60 and len(ids) == 9


def test_without_a_year_slips_are_looked_for_only_while_exact_matches_are_few(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path)
    index.index([_birth(n, "Phạm Văn Toàn", f"{1950 + n}-01-01") for n in range(12)])
    index.index([_birth(99, "Phạm Văn Tuấn", "1990-01-01")])  # or a slip of OCR in "Toàn"
    assert 99 not in _ids(index, "pham van toan")  # twelve exact matches: enough
    assert _ids(index, "pham van toan 1990")[0] == 99  # with a year, slips are always looked for
    found = _ids(index, "pham van tuan")
    assert found[0] == 99 and len(found) == 13


def test_a_lost_or_doubled_letter_is_likelier_than_a_replaced_one() -> None:
    from indexer.embedded import LOST_LETTER, _likelihood

    assert _likelihood("xan", "xuan") == _likelihood("hhanh", "hanh") == LOST_LETTER
    assert _likelihood("xan", "van") == _likelihood("hanh", "han") == 1.0
