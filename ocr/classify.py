"""Which kind of civil-status record a page holds, from its title first and its wording second."""

from __future__ import annotations

from rapidfuzz import fuzz

from hotich.domain import RecordType
from hotich.text import fold

# Title phrases (folded) by record type. Longer, more specific phrases win over shorter ones, so
# "TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH" is a change even though it mentions "hộ tịch".
TITLES: tuple[tuple[str, RecordType], ...] = (
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


def classify(lines: list[str], title_lines: int = 10) -> tuple[RecordType, float]:
    """(record type, confidence) from the page's lines in reading order."""
    folded = [" ".join(fold(line).replace(",", " ").split()) for line in lines]
    best: tuple[float, int, RecordType] | None = None
    for line in folded[:title_lines]:
        for phrase, record_type in TITLES:
            score = _title_score(line, phrase)
            if score >= 0.86 and (best is None or (score, len(phrase)) > (best[0], best[1])):
                best = (score, len(phrase), record_type)
    if best is not None:
        return best[2], min(0.99, 0.55 + 0.45 * best[0])
    body = " ".join(folded)
    votes = {t: sum(1 for clue in clues if clue in body) for t, clues in CLUES.items()}
    record_type, count = max(votes.items(), key=lambda item: item[1])
    if count == 0:
        return RecordType.OTHER, 0.5
    return record_type, min(0.85, 0.5 + 0.1 * count)
