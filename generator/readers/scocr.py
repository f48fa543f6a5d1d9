"""Reader for OCR'd Security Council texts (``corpus/sc-gold``), 1946 to the 2000s.

Two layouts, one reader:

- 1946-1964 (printed yearly volumes): an optional subject heading ("MILITARY STAFF
  COMMITTEE"), ``83 (1950). Resolution of 27 June 1950`` with the draft symbol in brackets, the
  vote in the closing line ("Adopted at the 474th meeting by 7 votes to 1 (Yugoslavia)"),
  footnotes numbered through the volume ("11", "22") called by a number after the word or
  punctuation ("Korea 11 that", "meeting. 22", "Protocol, 28") and printed after the closing
  line as ``22 Adopted without vote.``;
- the 1990s documents: a title block ("S/RES/902 (1994)", "RESOLUTION 902 (1994)", "Adopted by
  the Security Council at its 3347th meeting, on ..."), page headers ("S/RES/902 (1994)" and
  "Page 2") and job numbers ("94-12513 (E)") around form feeds, ``1/`` footnote markers and
  footnotes at the page bottom (``1/ S/1994/262.``), no closing line.

Blocks are the blank-line separated groups of lines, split where a line opens a numbered or
lettered paragraph, a dashed item, or a clause with a known opener after a line that closed
its clause ("Reaffirming its resolution 582 (1986),\\nDeeply concerned that, ..."). OCR noise
("Apri]", "S. Decides", "(1)" for "(i)") is kept as read; the parser reads what it can with a
warning. A footnote marker whose footnote text the OCR text lacks ("Protocol, 28") is still a
marker: the parser warns that its text is missing.
"""

from __future__ import annotations

import re

from ..diagnostics import Report
from .base import Block, BlockKind, Document, Mark, MarkKind, Source
from .layout import (
    RULE_RE,
    FootnoteGroup,
    Hyphenation,
    Line,
    RunningTitles,
    build_text,
    footnote_groups,
    noise_kind,
    page_zones,
    segments,
    split_lines,
    split_pages,
)
from .mapped import MappedText
from .pdftext import LABEL_START_RE, is_label_line, scan_markers

NAME = "sc-ocr"

_SC_HEAD = re.compile(
    r"(?im)^\s*(?:resolution\s+\d{1,4}\s*\(\d{4}\)|\d{1,4}\s*\(\d{4}\)\.?\s+Resolution\s+of\b)")
_SC_FORMULA = re.compile(r"(?m)^\s*The Security Council\s*,?\s*$")
_DASH_START = re.compile(r"[-–—•]\s+\S")
_NUMBER_START = re.compile(r"(?:\d{1,3}|[SlIO])[.,]\s+[A-Z]")
_CLOSES = re.compile(r"[,;:.][”’\"')\]]?$")
_CLOSING = re.compile(r"Adopted\b.*\bmeeting\b", re.DOTALL)
_OLD_NOTE = re.compile(r"(\d{1,3})\s+(?=\S)")
# markers: "1/" (1990s); a number closing a line after punctuation or a year ("Protocol, 28",
# "meeting. 22", "( Yugoslavia) 12", "of 30 May 1992 54"); a number between words whose
# footnote text exists ("Korea 11 that")
_SLASH_MARK = re.compile(r"(?<=\S)( ?)(\d{1,2})/(?=\s|$|[,;.:])")
_END_MARK = re.compile(r"(?:(?<=[,;.:)])|(?<=\b(?:19|20)\d{2}))( )(\d{1,3})$")
_MID_MARK = re.compile(r"(?<=[a-z])( )(\d{1,3})(?= [a-z])")


def sniff(text: str) -> int:
    """How much `text` looks like an OCR'd Security Council resolution."""
    head = text[:6000]
    score = 0
    if _SC_HEAD.search(head):
        score += 4
    if _SC_FORMULA.search(head) or re.search(r"(?m)^\s*\d{1,3}\. The Security Council\b", head):
        score += 3
    if re.search(r"Adopted (?:by the Security Council )?(?:unanimously )?at (?:its|the) \d+", text):
        score += 2
    if text.startswith("---") or re.search(r"^\[\^\d+\]:", text, re.MULTILINE):
        score -= 6
    return max(score, 0)


def _is_start(ln: Line, prev: Line | None) -> bool:
    """Whether a line inside a blank-line group opens a new block."""
    t = ln.text
    if prev is None:
        return True
    if is_label_line(t) or LABEL_START_RE.match(t) or _DASH_START.match(t):
        return True
    if _NUMBER_START.match(t) and re.match(r"\d", t):
        return True
    if _CLOSES.search(prev.text) and t[:1].isupper():
        from ..verbs import vocabulary

        o = vocabulary().opener(t, guess=False)
        if o is not None and o.start == 0:
            return True
    return False


def read(source: Source, report: Report) -> Document:
    """Read an OCR'd Security Council text."""
    text = source.text
    lines = split_lines(text)
    pages = split_pages(lines, text, "formfeed")
    symbols = tuple(sorted({" ".join(m.group(0).split()) for m in re.finditer(
        r"S/RES/\d{1,4}\s?\(\d{4}\)", text[:3000])}))
    titles = RunningTitles([], pages, symbols, False)
    hyph = Hyphenation(text)

    groups: list[tuple[list[Line], bool]] = []  # blank-line groups: (lines, after a page break)
    inline_notes = False
    notes: list[FootnoteGroup] = []
    last_note = 0
    for pno, page in enumerate(pages):
        h, f = page_zones(page, titles)
        if pno == 0:
            h = 0
        body = [ln for ln in page[h:f]
                if ln.blank or not all(noise_kind(s.text, symbols) in ("job", "barcode", "page")
                                       for s in segments(ln))]
        page_groups: list[list[Line]] = []
        for ln in body:
            if ln.blank:
                if page_groups and page_groups[-1]:
                    page_groups.append([])
                continue
            if not page_groups:
                page_groups.append([])
            page_groups[-1].append(ln)
        page_groups = [g for g in page_groups if g]
        # later documents: footnotes under a rule ("_____" then "1 S/2002/914."), their markers
        # bare digits once the superscript is lost
        rule = next((i for i, g in enumerate(page_groups) if RULE_RE.fullmatch(g[0].text)), None)
        if rule is not None:
            ruled = [ln for g in page_groups[rule:] for ln in g + [Line(g[-1].end, g[-1].end, 0, "")]]
            for fg in footnote_groups(ruled[1:], last_note, "inline"):
                if fg.number is not None:
                    notes.append(fg)
                    last_note = fg.number
                    inline_notes = True
                elif notes:
                    notes[-1].lines.extend(fg.lines)
            page_groups = page_groups[:rule]
        # 1990s footnotes: the page's last groups, each opening with "1/"
        k = len(page_groups)
        while k > 0 and re.match(r"\d{1,2}/\s", page_groups[k - 1][0].text):
            k -= 1
        area = [ln for g in page_groups[k:] for ln in g + [Line(g[-1].end, g[-1].end, 0, "")]]
        if area:
            for fg in footnote_groups(area, last_note, "slash"):
                if fg.number is not None:
                    notes.append(fg)
                    last_note = fg.number
        for j, g in enumerate(page_groups[:k]):
            groups.append((g, j == 0 and pno > 0))

    # old style: footnotes printed after the closing line ("22 Adopted without vote.")
    closing_at = None
    for i, (g, _) in enumerate(groups):
        if i > 0 and _CLOSING.match(" ".join(ln.text for ln in g)):
            closing_at = i
    if closing_at is not None:
        kept = groups[:closing_at + 1]
        for g, brk in groups[closing_at + 1:]:
            m = _OLD_NOTE.match(g[0].text)
            if m and not re.match(r"\d{1,3}\s*(?:st|nd|rd|th)\b", g[0].text):
                notes.append(FootnoteGroup(int(m.group(1)), g, m.end()))
            else:
                kept.append((g, brk))
        groups = kept
    numbers = {n.number for n in notes if n.number is not None}

    blocks: list[Block] = []
    for g, brk in groups:
        starts = [i for i, ln in enumerate(g) if _is_start(ln, g[i - 1] if i else None)]
        for a, b in zip(starts, starts[1:] + [len(g)], strict=False):
            part = g[a:b]
            t = build_text(text, part, hyph)
            found: tuple[Mark, ...] = ()
            if not inline_notes:
                t, found = _markers(t, part, g[b] if b < len(g) else None, numbers)
            blocks.append(Block(BlockKind.BODY, t, found, after_break=brk and a == 0))
    if inline_notes:
        blocks = scan_markers(blocks, numbers)
    note_blocks = [Block(BlockKind.FOOTNOTE, build_text(text, n.lines, hyph, n.first_offset), (),
                         number=n.number) for n in notes if n.lines]
    return Document(Source(source.path, source.text, NAME, {}), tuple(blocks + note_blocks))


def _markers(t: MappedText, lines: list[Line], after: Line | None,
             numbers: set[int]) -> tuple[MappedText, tuple[Mark, ...]]:
    """Find the footnote markers of one block (see the module docstring) and cut them out."""
    cuts: list[tuple[int, int, str]] = []  # source offsets of the cut (space included), number
    for k, ln in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else after
        for m in _SLASH_MARK.finditer(ln.text):
            cuts.append((ln.start + m.start(), ln.start + m.end(), m.group(2)))
        end = _END_MARK.search(ln.text)
        if end and not (nxt is not None and nxt.text.startswith("(")):
            cuts.append((ln.start + end.start(), ln.start + end.end(), end.group(2)))
        for m in _MID_MARK.finditer(ln.text):
            if int(m.group(2)) in numbers:
                cuts.append((ln.start + m.start(), ln.start + m.end(), m.group(2)))
    if not cuts:
        return t, ()
    cuts.sort()
    # map source offsets to positions in the block text
    src = t.source_offsets() if len(cuts) else ()
    pos = {o: i for i, o in enumerate(src)}
    pieces: list[MappedText] = []
    marks: list[Mark] = []
    at = 0
    removed = 0
    for s0, s1, value in cuts:
        i = pos.get(s0)
        if i is None:
            continue
        j = i
        while j < len(t) and src[j] < s1:
            j += 1
        # the slash marker's cut includes the slash; keep text between cuts
        pieces.append(t[at:i])
        where = i - removed
        marks.append(Mark(MarkKind.NOTEREF, where, where, value, s0 + (1 if t.text[i:i + 1] == " " else 0),
                          s1))
        removed += j - i
        at = j
    pieces.append(t[at:])
    out = MappedText.join(pieces)
    n = len(out.text.rstrip())
    if n < len(out):
        out = out[:n]
    marks = [Mark(m.kind, min(m.start, len(out)), min(m.end, len(out)), m.value, m.source_start,
                  m.source_end) for m in marks]
    return out, tuple(marks)


__all__ = ["NAME", "read", "sniff"]
