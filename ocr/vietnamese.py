"""Vietnamese text after OCR: NFC, one tone-mark placement, and which syllables cannot exist.

The syllable model is built from Vietnamese phonotactics (initial consonant × rhyme × tone, with the
rule that a rhyme closed by p/t/c/ch only takes the sắc or nặng tone), so it needs no word list. A word
the model rejects is an OCR error or a foreign word; its confidence drops so review sees it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from hotich.domain import nfc
from hotich.text import normalise_tone_placement

# Combining tone marks (NFD): huyền, sắc, hỏi, ngã, nặng.
TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}

INITIALS = "ngh ng gh gi kh nh ph qu th tr ch b c d đ g h k l m n p r s t v x".split()

RHYMES = frozenset(
    """
    a ac ai am an ang anh ao ap at au ay ach
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu
    iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot ooc oong
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut
    uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu
    ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêt yêu
    uy uya uych uyn uynh uyp uyt uyu uyên uyêt
    oa oac oach oai oam oan oang oanh oao oap oat oay
    oăc oăm oăn oăng oăt
    oe oen oeo oet
    uân uâng uât uây
    uê uênh uơ
    """.split()
)

_STOP_CODAS = ("p", "t", "c", "ch")
_FRONT_VOWELS = ("i", "e", "ê", "y")  # k, gh, ngh go before these; c, g, ng do not


def strip_tone(syllable: str) -> tuple[str, str | None]:
    """(syllable without its tone mark, tone name or None). Vowel-quality marks (ă, â, ơ, ư…) stay."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [TONE_MARKS[ch] for ch in decomposed if ch in TONE_MARKS]
    bare = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", bare), (tones[0] if len(tones) == 1 else ("many" if tones else None))


@lru_cache(maxsize=65536)
def is_valid_syllable(word: str) -> bool:
    """Whether ``word`` (one syllable, any case) can be a Vietnamese syllable."""
    bare, tone = strip_tone(word.lower())
    if tone == "many" or not bare.isalpha():
        return False
    for initial in [*INITIALS, ""]:
        if not bare.startswith(initial):
            continue
        rhyme = bare[len(initial) :]
        if initial == "gi" and (rhyme == "" or rhyme[0] not in "iê"):
            rhyme_options = [rhyme, "i" + rhyme] if rhyme else ["i"]
        elif initial == "qu":
            # The medial after q is spelled u where elsewhere it is o or u: quang ~ hoang, quân ~ huân.
            rhyme_options = ["u" + rhyme, "o" + rhyme] if rhyme and rhyme[0] not in "uo" else []
        else:
            rhyme_options = [rhyme]
        for option in rhyme_options:
            if option not in RHYMES:
                continue
            if (option.startswith("yê") and initial) or (option.startswith("iê") and not initial):
                continue  # yên, yêu stand alone; with an initial the spelling is iê (tiên, liêu)
            if initial in {"k", "gh", "ngh"} and not option.startswith(_FRONT_VOWELS):
                continue
            if initial in {"c", "ng"} and option.startswith(("i", "e", "ê")):
                continue
            if initial == "g" and option.startswith(("e", "ê")):
                continue
            if option.endswith(_STOP_CODAS) and tone not in {"sac", "nang"}:
                continue
            return True
    return False


LETTER_RUN = re.compile(r"[^\W\d_]+", re.UNICODE)  # a run of letters: a syllable, or syllables glued together
MAX_GLUED = 4  # syllables a run-together word is split into, at most


def split_glued(word: str, weight: Callable[[str], float]) -> str:
    """A word the engine ran together from known syllables, its spaces lost ("Bệnhviện", "ytếphường",
    "NhàhộsinhHai"), split into the fewest. A syllable is known when ``weight`` (how common it is in the
    field's vocabulary) is above 0: a misread syllable would otherwise split into bits ("ĐứỨc" is no
    "Đứ Ức"). Where several such splits exist ("y tế phường", "y tếp hường") the one weighing most is
    taken, if it is the only one. A syllable stays, and so does a word with no such split."""
    if len(word) < 3 or not word.isalpha() or is_valid_syllable(word) or (word.isupper() and word.isascii()):
        return word
    splits = [split for split in _splits(word, MAX_GLUED) if all(weight(piece) > 0 for piece in split)]
    if not splits:
        return word
    fewest = min(len(split) for split in splits)
    ranked = sorted(
        ((sum(weight(piece) for piece in split), split) for split in splits if len(split) == fewest), reverse=True
    )
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return word
    return " ".join(ranked[0][1])


def _splits(word: str, most: int) -> list[tuple[str, ...]]:
    """Every way of cutting ``word`` into at most ``most`` valid syllables."""
    if not word:
        return [()]
    if most == 0:
        return []
    return [
        (word[:cut], *rest)
        for cut in range(1, min(len(word), 7) + 1)  # no syllable is longer than "nghiêng"
        if is_valid_syllable(word[:cut])
        for rest in _splits(word[cut:], most - 1)
    ]


def invalid_syllables(text: str) -> list[str]:
    """The lower-case alphabetic words of ``text`` that cannot be Vietnamese syllables.

    All-capital abbreviations (UBND, TP) and words with no vowel are left alone: they are not syllables."""
    found: list[str] = []
    for match in LETTER_RUN.finditer(nfc(text)):
        word = match.group(0)
        if len(word) > 1 and word.isupper() and word.isascii():
            continue  # an abbreviation (UBND, CMND, TP) or a Latin name, not a syllable
        if not is_valid_syllable(word):
            found.append(word)
    return found


_LOOKALIKES = str.maketrans({"ð": "đ", "Ð": "Đ", "ı": "i", "ﬁ": "fi", "ﬂ": "fl"})


def clean_word(text: str) -> str:
    """One OCR word in the house form: NFC, lookalike letters fixed, one tone placement."""
    return normalise_tone_placement(nfc(text).translate(_LOOKALIKES))
