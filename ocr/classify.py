"""Which kind of civil-status record a page holds, from its title first and its wording second."""

from __future__ import annotations

from rapidfuzz import fuzz

from hotich.domain import RecordType
from hotich.text import fold

# Title phrases (folded) by record type. Longer, more specific phrases win over shorter ones, so
# "TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH" is a change even though it mentions "hộ tịch".
TITLES: tuple[tuple[str, RecordType], ...] = (
    # Recording in the register what another authority decided (abroad, a court): not a type of its own.
    ("ghi vao so ho tich", RecordType.OTHER),
    ("thay doi cai chinh ho tich", RecordType.CIVIL_STATUS_CHANGE),
    ("thay doi cai chinh bo sung ho tich", RecordType.CIVIL_STATUS_CHANGE),
    ("cai chinh ho tich", RecordType.CIVIL_STATUS_CHANGE),
    ("thay doi ho tich", RecordType.CIVIL_STATUS_CHANGE),
    ("bo sung ho tich", RecordType.CIVIL_STATUS_CHANGE),
    ("xac dinh lai dan toc", RecordType.CIVIL_STATUS_CHANGE),
    ("nhan cha me con", RecordType.PARENT_RECOGNITION),
    ("nhan cha con", RecordType.PARENT_RECOGNITION),
    ("nhan me con", RecordType.PARENT_RECOGNITION),
    ("nuoi con nuoi", RecordType.ADOPTION),
    ("con nuoi", RecordType.ADOPTION),
    ("giam ho", RecordType.GUARDIANSHIP),
    ("chung nhan ket hon", RecordType.MARRIAGE),
    ("dang ky ket hon", RecordType.MARRIAGE),
    ("ket hon", RecordType.MARRIAGE),
    ("giay chung tu", RecordType.DEATH),
    ("giay bao tu", RecordType.DEATH),
    ("khai tu", RecordType.DEATH),
    ("chung tu", RecordType.DEATH),
    ("giay khai sinh", RecordType.BIRTH),
    ("khai sinh", RecordType.BIRTH),
)

# Body words that point to a type when the title is lost (torn, stained, or not printed).
CLUES: dict[RecordType, tuple[str, ...]] = {
    RecordType.DEATH: ("ngay chet", "noi chet", "nguyen nhan chet", "da chet", "nguoi chet"),
    RecordType.MARRIAGE: ("ho ten chong", "ho ten vo", "ben chong", "ben vo", "ho va ten chong", "ho va ten vo"),
    RecordType.BIRTH: ("noi sinh", "ho ten cha", "ho ten me", "nguoi di khai sinh", "ngay thang nam sinh"),
    RecordType.GUARDIANSHIP: ("nguoi giam ho", "nguoi duoc giam ho"),
    RecordType.ADOPTION: ("nguoi nhan con nuoi", "cha me nuoi"),
    RecordType.PARENT_RECOGNITION: ("nguoi nhan", "nguoi duoc nhan"),
    RecordType.CIVIL_STATUS_CHANGE: ("noi dung thay doi", "cai chinh"),
}


def _title_score(line: str, phrase: str) -> float:
    if phrase in line:
        return 1.0
    if len(line) < len(phrase) - 3:
        return 0.0
    return fuzz.partial_ratio(phrase, line) / 100.0


def _register_title(line: str) -> tuple[RecordType, float] | None:
    """A damaged register title "SỔ ĐĂNG KÝ <what>" ("SỐ ĐĂNG IKÝ IKHI/ lì SINH"): after a word pair
    reading as "đăng ký", the words that follow compared with each type's wording; the best must be
    clearly better than the best of another type."""
    words = line.split()
    if len(words) > 9:
        return None  # a title stands alone on its line
    for start in range(min(3, len(words) - 1)):  # "sổ" (or a stray mark and "sổ") before "đăng ký"
        if fuzz.ratio("".join(words[start : start + 2]), "dangky") < 75:
            continue
        rest = words[start + 2 :]
        by_type: dict[RecordType, float] = {}
        for phrase, record_type in TITLES:
            size = len(phrase.split())
            spans = {size, size + 1} if len(rest) >= size else {len(rest)}  # never judge on a shared "khai"
            score = max(fuzz.ratio(" ".join(rest[:span]), phrase) for span in spans) / 100.0
            by_type[record_type] = max(by_type.get(record_type, 0.0), score)
        ranked = sorted(by_type.items(), key=lambda item: -item[1])
        if ranked[0][1] >= 0.7 and ranked[0][1] - ranked[1][1] >= 0.12:
            return ranked[0][0], round(0.55 + 0.4 * ranked[0][1], 4)
    return None


def classify(lines: list[str], title_lines: int = 10) -> tuple[RecordType, float]:
    """(record type, confidence) from the page's lines in reading order."""
    folded = [" ".join(fold(line).replace(",", " ").split()) for line in lines]
    # The best-read phrase wins; between phrases read as well, the title above the body, whose notes may
    # name another procedure ("TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH … Ghi chú: việc xác định lại dân tộc").
    best: tuple[float, int, int, RecordType] | None = None
    for index, line in enumerate(folded[:title_lines]):
        figures = sum(ch.isdigit() for ch in line) >= 3  # a row of dates: only an exact phrase counts there
        for phrase, record_type in TITLES:
            score = _title_score(line, phrase)
            if figures and score < 1.0:
                continue
            key = (score, -index, len(phrase), record_type)
            if score >= 0.86 and (best is None or key[:3] > best[:3]):
                best = key
    if best is not None:
        return best[3], min(0.99, 0.55 + 0.45 * best[0])
    for line in folded[:title_lines]:
        found = _register_title(line)
        if found is not None:
            return found
    body = " ".join(folded)
    votes = {t: sum(1 for clue in clues if clue in body) for t, clues in CLUES.items()}
    record_type, count = max(votes.items(), key=lambda item: item[1])
    if count == 0:
        return RecordType.OTHER, 0.5
    return record_type, min(0.85, 0.5 + 0.1 * count)


# A register's columns say what it records when its title is lost: the first group found wins.
COLUMN_CLUES: tuple[tuple[frozenset[str], RecordType], ...] = (
    (frozenset({"date_of_death", "place_of_death", "cause_of_death"}), RecordType.DEATH),
    (frozenset({"husband_name", "wife_name", "husband_date_of_birth", "wife_date_of_birth"}), RecordType.MARRIAGE),
    (frozenset({"change_description"}), RecordType.CIVIL_STATUS_CHANGE),
    (frozenset({"place_of_birth", "father_name", "mother_name"}), RecordType.BIRTH),
)
TITLED = 0.86  # type confidences above this come from a title


def type_from_columns(fields: set[str]) -> tuple[RecordType, float] | None:
    """(record type, confidence) of a register from the fields of its columns, or None if they don't tell."""
    for clues, record_type in COLUMN_CLUES:
        found = len(fields & clues)
        if found:
            return record_type, min(0.85, 0.7 + 0.05 * found)
    return None
