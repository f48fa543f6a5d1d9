"""Footnote markers written as bare digits ("2024,1", "Development 1 and", "Weapons 6and").

Markdown exports and PDF text dumps lose the superscript: the marker is a digit run like any
other number. A digit run is read as a marker only when everything agrees:

- the footnote exists (its text was found) and the run is the *next* new footnote number, or
  a number already called, written tight against the preceding text (a repeated call);
- it stands after a word or punctuation, not inside a number, date, symbol or reference
  ("vol. 1771", "para. 7", "resolution 70/1", "19 December 2023", "under 5 years");
- what follows is a space, punctuation, the end, or a lower-case word glued to it.

`MarkerScanner` keeps the sequence across the blocks of one document, in reading order.
"""

from __future__ import annotations

import re

from .base import Mark, MarkKind
from .mapped import MappedText

# digit runs with their surroundings: group 1 the space before (if any), group 2 the digits.
# Each pattern opens with a one-character lookahead so that the engine skips other text at C
# speed instead of trying the lookbehind at every character.
_CANDIDATE = re.compile(r"(?=[ 0-9])(?<=[^\s\d/\-–:])( ?)(\d{1,3})(?=$|[\s,;:.)\]”’\"]|[a-z])")
# a marker glued to a year: "of 20172 and" (2017 + 2), "16 September 20055", "2014–20243"; the
# words or dash before the year are checked with `_YEAR_BEFORE` (a lookbehind alternation here
# would be tried at every position of every text)
_YEAR_GLUED = re.compile(r"(?=[12])(?<![\d/.])(?:19|20)\d{2}(\d{1,2})(?=$|[\s,;:.)])")
_YEAR_BEFORE = re.compile(
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|of|in|and|since) |\d[–-] ?)$")
# a marker after a year, set off by a space: "the reports of 1990 3  and 1995, 4"
_AFTER_YEAR = re.compile(r"(?= )(?<=\b(?:19|20)\d{2})( )(\d{1,2})(?=$|\s|[,;:.)])")
_DIGIT = re.compile(r"\d")

# words after which a number is a reference, not a footnote marker
_STOP_BEFORE = re.compile(
    r"(?:\b(?:Article|article|Articles|articles|paragraph|paragraphs|para|paras|vol|vols|No|Nos|"
    r"resolution|resolutions|decision|decisions|chapter|chap|section|sect|rule|rules|principle|"
    r"principles|annex|Annex|item|items|Goal|Goals|goal|goals|target|targets|page|pages|p|pp|part|"
    r"Part|phase|Phase|Protocol|Step|step|level|Level|Chapter|Section|Rule|Principle|Target|Item|"
    r"Paragraph|Appendix|appendix|Table|table|Figure|figure|Box|box|Recommendation|recommendation|"
    r"session|Session|meeting|Supplement|Series|series|Summit|Conference|Committee|Group|of|and|to|"
    r"under|over|than|least|about|some|nearly|almost|approximately|first|from|between|by|the|The|"
    r"in|In|on|at|with|per|for|Decade|Agenda|Year|year|years|age|aged|COVID|G|Group of)"
    r"\.?\s?$)"
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_QUANTITY_AFTER = re.compile(
    r"\s?(?:per\b|percent|years?\b|months?\b|weeks?\b|days?\b|hours?\b|million|billion|trillion|"
    r"times\b|members?\b|votes?\b|countries\b|States\b|people\b|persons\b|" + "|".join(_MONTHS)
    + r")"
)


class MarkerScanner:
    """Finds bare-digit footnote markers across the blocks of one document."""

    def __init__(self, footnotes: set[int]) -> None:
        self.footnotes = footnotes
        """Numbers of the footnotes whose texts exist."""
        self.called: set[int] = set()
        self.next_new = min(footnotes) if footnotes else 1

    def _called(self, n: int) -> None:
        self.called.add(n)
        if n >= self.next_new:
            self.next_new = n + 1
            while self.next_new in self.called:
                self.next_new += 1

    def scan(self, text: MappedText, marks: tuple[Mark, ...] = ()) -> tuple[MappedText, tuple[Mark, ...]]:
        """Remove the markers found in `text`; return the new text and marks (NOTEREF added,
        other marks moved)."""
        if not self.footnotes or not _DIGIT.search(text.text):
            for m in marks:
                if m.kind is MarkKind.NOTEREF and m.value.isdigit():
                    self._called(int(m.value))
            return text, marks
        s = text.text
        protected = [(m.start, m.end) for m in marks if m.kind is MarkKind.LINK]
        cuts: list[tuple[int, int, int]] = []  # (cut_start, cut_end, number)
        explicit = sorted((m.start, int(m.value)) for m in marks
                          if m.kind is MarkKind.NOTEREF and m.value.isdigit())
        for c in _candidates(s):
            while explicit and explicit[0][0] <= c.start():
                self._called(explicit.pop(0)[1])
            n = int(c.group(2) if c.re is not _YEAR_GLUED else c.group(1))
            if n not in self.footnotes:
                continue
            if c.re is not _CANDIDATE:
                # a year and a marker: only the next new footnote, never a quantity
                if n != self.next_new or any(a <= c.start() < b for a, b in protected):
                    continue
                if c.re is _AFTER_YEAR and _QUANTITY_AFTER.match(s[c.end():c.end() + 16]):
                    continue
                if c.re is _YEAR_GLUED and not _YEAR_BEFORE.search(s, max(0, c.start() - 12), c.start()):
                    continue
                if c.re is _YEAR_GLUED:
                    cuts.append((c.start(1), c.end(1), n))
                else:
                    cuts.append((c.start(1), c.end(2), n))
                self._called(n)
                continue
            d0, d1 = c.start(2), c.end(2)
            if any(a <= d0 < b for a, b in protected):
                continue
            spaced = bool(c.group(1))
            prev = s[c.start() - 1] if c.start() else ""
            if prev == "." and not (c.start() >= 2 and (s[c.start() - 2].islower()
                                                       or s[c.start() - 2] in ")”’\"")):
                continue  # "E.78.II.A.11", "No.5": a code, not a sentence end
            before = s[max(0, c.start() - 30):c.start()]
            after = s[d1:d1 + 16]
            if spaced and _STOP_BEFORE.search(before) and not (
                    # "the Millennium Development Goals 6 and associated", "the Sustainable
                    # Development Goals 2 for the benefit": after the plural a number that is
                    # followed by a word (not "and 14", not "to 17") is a marker; "Goal 6" is
                    # a reference
                    (n == self.next_new or n in self.called) and before.endswith("Goals")
                    and re.match(r" (?!(?:and|or|to|through) \d)[a-z]", after)):
                continue
            if after[:1].isdigit():
                continue
            if after[:1] == "." and (len(after) == 1 or after[1:2] == " " and after[2:3].isupper()
                                     or after[1:2].isdigit()):
                continue  # "9. We note": a paragraph number; "1.5": a decimal
            if spaced and _QUANTITY_AFTER.match(after):
                continue
            # "4 December" style dates and "Article 2 (a)" style references
            if after.startswith(" (") and not spaced:
                pass
            is_new = n == self.next_new
            is_repeat = n in self.called and (not spaced or after[:1] in ("", " ", ",", ";", ".", ")"))
            if not (is_new or is_repeat):
                continue
            # a glued lower-case word ("6and") or a following space: both fine; a capital
            # glued to the digits is a code, not a marker
            if after[:1].isupper():
                continue
            if spaced and not after[:1].isalpha():
                cut0 = c.start()  # drop the space before the digits as well
            elif spaced and after[:1].isalpha():
                cut0 = d0  # "Weapons 6and": keep the space, drop the digits
            else:
                cut0 = d0
            cuts.append((cut0, d1, n))
            self._called(n)
        for _, n in explicit:
            self._called(n)
        if not cuts:
            return text, marks
        return _apply_cuts(text, marks, cuts)


def _candidates(s: str) -> list[re.Match[str]]:
    """Digit runs that may be markers, in text order."""
    found = list(_CANDIDATE.finditer(s))
    if re.search(r"(?:19|20)\d{2}", s):
        found += list(_YEAR_GLUED.finditer(s)) + list(_AFTER_YEAR.finditer(s))
        found.sort(key=lambda m: m.start())
    return found


def _apply_cuts(text: MappedText, marks: tuple[Mark, ...],
                cuts: list[tuple[int, int, int]]) -> tuple[MappedText, tuple[Mark, ...]]:
    pieces: list[MappedText] = []
    new_marks: list[Mark] = []
    pos = 0
    removed = 0
    shifts: list[tuple[int, int]] = []  # (old position, cumulative removed before it)
    for c0, c1, n in cuts:
        pieces.append(text[pos:c0])
        src0, src1 = text.span(c0, c1)
        at = c0 - removed
        # a marker glued to a following word ("6and"): the space before stays, so the call sits
        # just before that space
        if at > 0 and c0 < c1 and text.text[c0 - 1:c0] == " " and text.text[c0:c1].strip().isdigit():
            at -= 1
        new_marks.append(Mark(MarkKind.NOTEREF, at, at, str(n), src0, src1))
        removed += c1 - c0
        shifts.append((c1, removed))
        pos = c1
    pieces.append(text[pos:])
    out = MappedText.join(pieces)

    def moved(i: int) -> int:
        r = 0
        for end, total in shifts:
            if i >= end:
                r = total
        return i - r

    for m in marks:
        new_marks.append(Mark(m.kind, moved(m.start), moved(m.end), m.value, m.source_start,
                              m.source_end))
    new_marks.sort(key=lambda m: (m.start, m.end))
    return out, tuple(new_marks)
