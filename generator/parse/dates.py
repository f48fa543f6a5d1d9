"""Dates and ordinal numbers as UN texts write them."""

from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), 1)}
# "19 December 2023", "2 August 1990", OCR "Apri] 1993" is not repaired (kept as written)
DATE_RE = re.compile(
    r"\b(?P<day>\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>(?:19|20)\d{2})\b")

_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
          "seventh": 7, "eighth": 8, "ninth": 9}
_TEENS = {"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
          "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
          "nineteenth": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
           "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
ORDINAL_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-‑ ]"
                r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
                r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
                r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
                r"nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|"
                r"eightieth|ninetieth|hundredth)")


def iso_date(day: str, month: str, year: str) -> str:
    """``19``, ``December``, ``2023`` -> ``2023-12-19``."""
    return f"{int(year):04d}-{MONTHS[month]:02d}-{int(day):02d}"


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date in `text`: (ISO date, start, end)."""
    m = DATE_RE.search(text)
    if not m:
        return None
    return iso_date(m["day"], m["month"], m["year"]), m.start(), m.end()


def ordinal(word: str) -> int | None:
    """``Seventy-eighth`` -> 78, ``Eightieth`` -> 80; None if not an ordinal word."""
    w = word.lower().replace("‑", "-").replace(" ", "-")
    if w in _UNITS:
        return _UNITS[w]
    if w in _TEENS:
        return _TEENS[w]
    if w in _TENTHS:
        return _TENTHS[w]
    tens, _, unit = w.partition("-")
    if tens in _TENS and unit in _UNITS:
        return _TENS[tens] + _UNITS[unit]
    return None
