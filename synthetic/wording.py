"""How dates and numbers are written on the page: "ngày 14 tháng 3 năm 1962", "14/3/1962", "14-03-1962",
and in words on later birth certificates ("Mười bốn tháng ba năm một nghìn chín trăm sáu mươi hai")."""

from __future__ import annotations

import random

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def era_of(year: int) -> str:
    return "1956-1975" if year <= 1975 else ("1976-1999" if year <= 1999 else "2000-")


def date_text(iso: str, rng: random.Random, long: bool = False, numeric: bool = False) -> str:
    """An ISO date (full, year-month or year) as a clerk would write it."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    year, month = int(parts[0]), int(parts[1])
    if len(parts) == 2:
        return f"tháng {month} năm {year}" if not numeric else f"{month}/{year}"
    day = int(parts[2])
    if long:
        return f"ngày {day} tháng {month} năm {year}"
    forms = [f"{day}/{month}/{year}", f"{day:02d}-{month:02d}-{year}", f"{day:02d}/{month:02d}/{year}"]
    if not numeric:
        forms.append(f"ngày {day} tháng {month} năm {year}")
    return rng.choice(forms)


def number_words(n: int) -> str:
    """Vietnamese number words up to 9999: 14 → "mười bốn", 21 → "hai mươi mốt", 2005 → "hai nghìn không
    trăm linh năm"."""
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else f"{DIGITS[tens]} mươi"
        if unit == 0:
            return head
        tail = {1: "mốt" if tens > 1 else "một", 5: "lăm"}.get(unit, DIGITS[unit])
        return f"{head} {tail}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{DIGITS[hundreds]} trăm"
        if rest == 0:
            return head
        return f"{head} linh {DIGITS[rest]}" if rest < 10 else f"{head} {number_words(rest)}"
    thousands, rest = divmod(n, 1000)
    head = f"{DIGITS[thousands]} nghìn"
    if rest == 0:
        return head
    if rest < 100:
        return f"{head} không trăm " + (f"linh {DIGITS[rest]}" if rest < 10 else number_words(rest))
    return f"{head} {number_words(rest)}"


def date_words(iso: str) -> str:
    year, month, day = (int(p) for p in iso.split("-"))
    text = f"{number_words(day)} tháng {number_words(month)} năm {number_words(year)}"
    return text[0].upper() + text[1:]
