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
