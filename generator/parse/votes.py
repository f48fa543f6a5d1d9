"""Votes as the closing line or a Human Rights Council bracket states them.

OCR'd closing lines keep their noise ("by 13 votes io none"): "io" is read as "to" here, the
text of the vote stays as written."""

from __future__ import annotations

import re

from ..model import Vote

_NUM_WORDS = {"none": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
              "thirteen": 13, "fourteen": 14, "fifteen": 15}
_N = r"\d+|none|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
VOTE_RE = re.compile(
    rf"(?P<recorded>(?:a\s+)?recorded\s+vote\s+of\s+)?(?:by\s+)?(?P<yes>{_N})\s+(?:votes?\s+)?[ti]o\s+(?P<no>{_N})"
    rf"(?:\s*\([^)]*\))?(?:\s*,?\s*with\s+(?P<abs>{_N})\s+abstentions?(?:\s*\([^)]*\))?)?",
    re.IGNORECASE | re.DOTALL)
UNANIMOUS_RE = re.compile(r"\bunanimously\b", re.IGNORECASE)
WITHOUT_VOTE_RE = re.compile(r"\bwithout\s+(?:a\s+)?vote\b", re.IGNORECASE)


def _int(s: str | None) -> int | None:
    if s is None:
        return None
    s = s.lower()
    return int(s) if s.isdigit() else _NUM_WORDS.get(s)


def read_vote(text: str) -> Vote | None:
    """The vote stated in `text` (a closing line, a bracket), or None."""
    t = " ".join(text.split())
    m = VOTE_RE.search(t)
    if m:
        return Vote(text=m.group(0).strip(), in_favour=_int(m["yes"]), against=_int(m["no"]),
                    abstentions=_int(m["abs"]),
                    recorded=bool(m["recorded"]))
    u = UNANIMOUS_RE.search(t)
    if u:
        return Vote(text=u.group(0), unanimous=True)
    w = WITHOUT_VOTE_RE.search(t)
    if w:
        return Vote(text=w.group(0), without_vote=True)
    return None
