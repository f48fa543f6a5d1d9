"""Page layout shared by the readers of text taken from printed pages.

PDF text dumps (PyMuPDF, ``pdftotext``, ``pdftotext -layout``), OCR'd Security Council texts and
the PDF reader itself all meet the same furniture: pages, running headers (the symbol, the short
title), job numbers ("25-18769 (E)"), print dates ("021118"), barcodes ("*2518769*"), page
numbers ("2/5", "Page 2"), a rule ("_____") above the footnotes at the page bottom, lines broken
with a hyphen. This module knows that furniture and nothing about resolutions.

The API (every function works on `Line`s, which keep their source offsets):

- `split_lines(text, start, end)` -> lines; `split_pages(lines, text, by)` -> pages
  (``by="formfeed"``: a form feed starts a page; ``by="empty"``: a line with no character at
  all separates pages, as in PyMuPDF dumps where blank lines inside a page hold one space);
- `segments(line)`: the columns of a ``-layout`` line (runs separated by 3 or more spaces);
- `noise_kind(text, symbols)`: ``job``, ``barcode``, ``page``, ``printdate``, ``symbol``,
  ``rule`` or None for a line (or column) of page furniture; `line_noise(line, symbols,
  columns)` for a whole line;
- `RunningTitles(titles, pages, symbols, columns)`: the short titles repeated at page tops,
  learnt from the pages themselves and from the title line; `page_zones(page, titles)` ->
  (header end, footer start): the body of a page between its running header and footer;
- `footnote_groups(lines, last_number, style)` -> `FootnoteGroup(number, lines,
  first_offset)`s for a footnote area, in the styles ``inline`` ("1 See ..."), ``slash``
  ("1/ S/1994/262."), ``column`` (-layout) and ``scrambled`` (pdftotext reading order, numbers
  and texts on separate lines and out of order); a group with number None continues the
  previous page's last footnote;
- `Hyphenation(text).join(left, right)`: whether a hyphen at a line end broke a word
  (evidence from the document itself, see the class); `build_text(source, lines, hyph)`:
  the lines of a block as one `MappedText` (line breaks folded to spaces, broken words joined).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .mapped import MappedText, TextBuilder


@dataclass(slots=True)
class Line:
    """One printed line: its text without surrounding whitespace, and where it stands.
    (Not frozen: thousands are made per document, and a frozen dataclass's constructor is
    several times slower; treat it as read-only.)"""

    start: int
    """Source offset of the first non-blank character (of the line start when blank)."""
    end: int
    """Source offset just after the last non-blank character."""
    indent: int
    """Leading whitespace, in characters (form feeds not counted)."""
    text: str
    """The line's content, stripped ("" for a blank line)."""
    raw_empty: bool = False
    """True when the line holds no character at all (not even a space)."""

    @property
    def blank(self) -> bool:
        """Whether the line holds only whitespace."""
        return not self.text


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of ``text[start:end]``, with offsets into `text`."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl == -1:
            nl = end
        raw = text[pos:nl]
        body = raw.lstrip(" \t\f\r\v\u00a0")
        lead = len(raw) - len(body)
        stripped = body.rstrip()
        indent = len(raw[:lead].replace("\f", ""))
        if stripped:
            out.append(Line(pos + lead, pos + lead + len(stripped), indent, stripped))
        else:
            out.append(Line(pos, pos, 0, "", raw_empty=(raw == "")))
        if nl >= end:
            break
        pos = nl + 1
    return out


def split_pages(lines: Sequence[Line], text: str, by: str) -> list[list[Line]]:
    """Lines grouped into pages (see the module docstring for `by`)."""
    pages: list[list[Line]] = [[]]
    for ln in lines:
        if by == "formfeed":
            # a form feed stands at the start of the first line of a page
            line_start = text.rfind("\n", 0, ln.start) + 1
            if "\f" in text[line_start:ln.start + (0 if ln.text else 1)] and pages[-1]:
                pages.append([])
            pages[-1].append(ln)
        elif by == "empty":
            if ln.raw_empty:
                if pages[-1]:
                    pages.append([])
                continue
            pages[-1].append(ln)
        else:  # pragma: no cover - programming error
            raise ValueError(f"unknown page separator {by!r}")
    return [p for p in pages if any(not ln.blank for ln in p)]


_COLUMN_GAP = re.compile(r"\s{3,}")


def segments(line: Line, gap: int = 3) -> list[Line]:
    """The columns of a line: runs of text separated by `gap` or more spaces."""
    if not line.text:
        return [line]
    pattern = _COLUMN_GAP if gap == 3 else re.compile(rf"\s{{{gap},}}")
    out: list[Line] = []
    pos = 0
    for m in pattern.finditer(line.text):
        out.append(Line(line.start + pos, line.start + m.start(), line.indent + pos,
                        line.text[pos:m.start()]))
        pos = m.end()
    out.append(Line(line.start + pos, line.end, line.indent + pos, line.text[pos:]))
    return out


# -- page furniture ---------------------------------------------------------------------------

JOB_RE = re.compile(r"\d{2}-\d{5}(?:\s*\([A-Z]\))?")
"""Job number: ``25-18769 (E)`` on the first page, ``25-18769`` on the others."""
BARCODE_RE = re.compile(r"\*\d{6,10}\*")
PAGE_RE = re.compile(r"\d{1,3}\s?/\s?\d{1,3}|Page\s+\d{1,3}|-\s?\d{1,3}\s?-")
PRINTDATE_RE = re.compile(r"\d{6}")
"""The print date under the job number (``021118``)."""
RULE_RE = re.compile(r"_{5,}")
SYMBOL_LINE_RE = re.compile(
    r"(?:A|E|S)/(?:HRC/)?RES/(?:ES-\d+/|S-\d+/)?\d+(?:/\d+)?(?: ?\(\d{4}\))?(?: [A-Z])?")


def fold(s: str) -> str:
    """Whitespace folded to single spaces."""
    return " ".join(s.split())


def noise_kind(text: str, symbols: Iterable[str] = ()) -> str | None:
    """What piece of page furniture `text` (one line or one column) is, or None."""
    t = text.strip()
    if not t or len(t) > 40:
        return None  # furniture is short: most lines are text and leave here
    if RULE_RE.fullmatch(t):
        return "rule"
    if JOB_RE.fullmatch(t):
        return "job"
    if BARCODE_RE.fullmatch(t):
        return "barcode"
    if PAGE_RE.fullmatch(t):
        return "page"
    if PRINTDATE_RE.fullmatch(t):
        return "printdate"
    f = fold(t)
    if any(f == s for s in symbols) or (SYMBOL_LINE_RE.fullmatch(f) and not symbols):
        return "symbol"
    return None


def line_noise(line: Line, symbols: Iterable[str] = (), columns: bool = False) -> bool:
    """Whether a whole line is furniture (every column of it, for ``-layout`` text)."""
    if line.blank:
        return False
    syms = tuple(symbols)
    if not columns:
        return noise_kind(line.text, syms) is not None
    return all(noise_kind(s.text, syms) is not None for s in segments(line))


class RunningTitles:
    """The running titles of a document: text repeated at the top of its pages.

    A column of a page's top (or bottom) lines is a running title when it is part of a known
    title (the resolution's title line, given to the constructor) or when the same text stands
    at the top of two or more pages. Only text next to furniture counts (see `page_zones`), so
    an annex title that happens to open a page is not taken for one.
    """

    def __init__(self, titles: Iterable[str], pages: Sequence[Sequence[Line]],
                 symbols: Sequence[str], columns: bool) -> None:
        self.titles = [fold(t) for t in titles if t and len(fold(t)) >= 8]
        self.symbols = tuple(symbols)
        self.columns = columns
        seen: Counter[str] = Counter()
        for page in pages[1:]:
            texts: set[str] = set()
            body = [ln for ln in page if not ln.blank]
            for ln in body[:6] + body[-6:]:
                for s in (segments(ln) if columns else [ln]):
                    f = fold(s.text)
                    if len(f) >= 12 and noise_kind(f, self.symbols) is None:
                        texts.add(f)
            seen.update(texts)
        self.repeated = {t for t, n in seen.items() if n >= 2}

    def matches(self, text: str) -> bool:
        """Whether `text` is (part of) a running title."""
        f = fold(text)
        if not f:
            return False
        if f in self.repeated:
            return True
        if len(f) < 8 and len(f.split()) < 2:
            return False
        return any(f in t for t in self.titles)

    def is_header_line(self, line: Line) -> bool:
        """Whether every column of `line` is furniture or running title."""
        if line.blank:
            return False
        parts = segments(line) if self.columns else [line]
        return all(noise_kind(s.text, self.symbols) is not None or self.matches(s.text)
                   for s in parts)


def page_zones(page: Sequence[Line], titles: RunningTitles) -> tuple[int, int]:
    """(header end, footer start): indices into `page` of the body between the running header
    and the running footer. A zone counts only when it holds furniture (a symbol, a page or
    job number), not a running title alone."""
    n = len(page)
    h = 0
    furniture = False
    last = 0
    while h < n:
        ln = page[h]
        if ln.blank:
            h += 1
            continue
        if not titles.is_header_line(ln):
            break
        if line_noise(ln, titles.symbols, titles.columns) or any(
                noise_kind(s.text, titles.symbols) for s in segments(ln)):
            furniture = True
        h += 1
        last = h
    header_end = last if furniture else 0
    f = n
    furniture = False
    first = n
    while f > header_end:
        ln = page[f - 1]
        if ln.blank:
            f -= 1
            continue
        if not titles.is_header_line(ln):
            break
        if any(noise_kind(s.text, titles.symbols) for s in segments(ln)):
            furniture = True
        f -= 1
        first = f
    footer_start = first if furniture else n
    return header_end, footer_start


# -- footnote areas -------------------------------------------------------------------------

_NUM_ONLY = re.compile(r"(\d{1,3})")
_NUM_TEXT = re.compile(r"(\d{1,3})(?:/)?\s+(\S.*)")
_SENTENCE_END = re.compile(r"[.)”\"’]\s*$")


@dataclass(slots=True)
class FootnoteGroup:
    """The lines of one footnote, and its number (None: it continues the previous footnote,
    begun on an earlier page)."""

    number: int | None
    lines: list[Line]
    first_offset: int = 0
    """How many characters of the first line are its number (and the space after it)."""


def footnote_groups(lines: Sequence[Line], last_number: int, style: str) -> list[FootnoteGroup]:
    """Split a footnote area (the lines under the rule, furniture removed) into footnotes.

    `last_number`: the number of the last footnote read so far (numbers go on from it).
    `style`: ``inline`` (``1 See resolution 169 (II).``, footnotes separated by blank lines or
    starting with the number expected next), ``slash`` (``1/ S/1994/262.``), ``column``
    (``-layout``: the number alone on a line, the text indented under it) or ``scrambled``
    (``pdftotext`` reading order: numbers and texts on separate lines, numbers sometimes
    after the texts). Scrambled areas are matched up so: the numbers of the area, in
    ascending order, go to the texts in reading order (footnotes are printed in order); texts
    are cut where a number stood between two lines, else where a line ends a sentence and the
    next begins a new one, choosing the strongest cuts; text before any cut that does not
    begin a sentence continues the previous page's footnote.
    """
    items = [ln for ln in lines]
    if style == "scrambled":
        return _scrambled(items, last_number)
    groups: list[FootnoteGroup] = []
    expected = last_number + 1
    blank_before = True
    for ln in items:
        if ln.blank:
            blank_before = True
            continue
        m = (_NUM_TEXT.fullmatch(ln.text) if style in ("inline", "slash") else None)
        num_only = _NUM_ONLY.fullmatch(ln.text)
        if style == "slash":
            m2 = re.fullmatch(r"(\d{1,2})/\s+(\S.*)", ln.text)
            if m2 and (int(m2.group(1)) == expected or blank_before):
                n = int(m2.group(1))
                groups.append(FootnoteGroup(n, [ln], m2.start(2)))
                expected = n + 1
                blank_before = False
                continue
        elif style == "inline" and m and (int(m.group(1)) == expected
                                          or (blank_before and int(m.group(1)) > last_number)):
            n = int(m.group(1))
            groups.append(FootnoteGroup(n, [ln], m.start(2)))
            expected = n + 1
            blank_before = False
            continue
        elif num_only and (style == "column" or (style == "inline" and int(num_only.group(1)) == expected)):
            # the number alone on its line, the text under it
            n = int(num_only.group(1))
            groups.append(FootnoteGroup(n, []))
            expected = n + 1
            blank_before = False
            continue
        if groups:
            groups[-1].lines.append(ln)
        else:
            groups.append(FootnoteGroup(None, [ln]))
        blank_before = False
    return groups


def _scrambled(lines: list[Line], last_number: int) -> list[FootnoteGroup]:
    numbers: list[int] = []
    texts: list[Line] = []
    num_between: set[int] = set()  # index k: a number line stood just before texts[k]
    for ln in lines:
        if ln.blank:
            continue
        m = _NUM_ONLY.fullmatch(ln.text)
        if m:
            numbers.append(int(m.group(1)))
            num_between.add(len(texts))
            continue
        texts.append(ln)
    numbers.sort()
    if not texts:
        return []
    k = len(numbers)
    if k == 0:
        return [FootnoteGroup(None, texts)]
    # does the area open with the end of the previous page's footnote?
    lead = 1 if last_number and len(texts) > k and texts[0].text[:1].islower() else 0
    # score every gap between text lines; choose the k-1 strongest (plus the lead cut)
    scores: list[tuple[float, int]] = []
    for g in range(lead + 1, len(texts)):
        prev, nxt = texts[g - 1].text, texts[g].text
        s = 0.0
        if g in num_between:
            s += 3
        if _SENTENCE_END.search(prev):
            s += 2
        elif prev.endswith((",", ";", "-", "–")) or not prev[-1:].isalnum():
            s -= 1
        if nxt[:1].isupper():
            s += 1
        elif nxt[:1].islower() or nxt[:1] in "(":
            s -= 2
        scores.append((s, g))
    need = min(k - 1, len(scores))
    cuts = sorted(g for _, g in sorted(scores, key=lambda x: (-x[0], x[1]))[:need])
    bounds = [lead] + cuts + [len(texts)]
    out: list[FootnoteGroup] = []
    if lead:
        out.append(FootnoteGroup(None, texts[:lead]))
    for i in range(len(bounds) - 1):
        number = numbers[i] if i < len(numbers) else None
        out.append(FootnoteGroup(number, texts[bounds[i]:bounds[i + 1]]))
    return out


# -- hyphenation and line joining -------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Za-z]+(?:[-‑][A-Za-z]+)*")
_BREAK_RE = re.compile(r"[-‑]\n\s*([A-Za-z]+)")
"""A line-end hyphen and the word after it (anchored on the hyphen: a pattern opening with
a letter class would be retried at every letter of the text)."""
_WORD_BEFORE = re.compile(r"([A-Za-z]+)$")
_LINE_END_HYPHEN = re.compile(r"(?<=[A-Za-z])[-‑]$")
_LINE_END_RANGE = re.compile(r"(?<=\d)[–-]$")


class Hyphenation:
    """Decides whether a hyphen at a line end broke a word or belongs to a compound.

    The evidence is the document's own vocabulary (every word and hyphenated compound in it,
    counted once per occurrence, the halves of line-end breaks left out). For ``left-`` at the
    end of a line and ``right`` at the start of the next one:

    1. ``left-right`` occurs elsewhere in the text: a compound, keep the hyphen;
    2. ``leftright`` occurs elsewhere: a word the line end broke, join it;
    3. ``right`` starts with a capital or a digit: a compound (``Secretary-General``), keep;
    4. ``left`` or ``right`` occurs elsewhere as a word in its own right: a compound
       (``action-oriented``, ``high-level``, ``twenty-first``), keep;
    5. neither half is a word of the document: fragments of one word (``Govern-men``), join.

    Born-digital UN PDFs do not break words (every line-end hyphen in the shared corpus is a
    compound's), so rule 4 decides most cases there; OCR'd texts of printed volumes do break
    words, and rules 2 and 5 join them.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: Counter[str] | None = None
        self._compounds: set[str] = set()

    def _vocabulary(self) -> Counter[str]:
        """Built on the first question only (most documents never ask)."""
        if self._words is None:
            words = Counter(_WORD_RE.findall(self.text.lower().replace("‑", "-")))
            for w in [w for w in words if "-" in w]:
                self._compounds.add(w)
                n = words.pop(w)
                for part in w.split("-"):
                    if part:
                        words[part] += n
            for m in _BREAK_RE.finditer(self.text):
                left = _WORD_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
                if left:
                    words[left.group(1).lower()] -= 1
                words[m.group(1).lower()] -= 1
            self._words = words
        return self._words

    @property
    def words(self) -> Counter[str]:
        """Every word of the document with its count (compounds split into their halves, the
        halves of line-end breaks left out)."""
        return self._vocabulary()

    @property
    def compounds(self) -> set[str]:
        """Every hyphenated compound of the document, lower-cased."""
        self._vocabulary()
        return self._compounds

    def join(self, left: str, right: str) -> bool:
        """True when ``left-`` + ``right`` is one word broken at the line end."""
        words = self._vocabulary()
        ll, rl = left.lower(), right.lower()
        if f"{ll}-{rl}" in self._compounds:
            return False
        if words.get(ll + rl, 0) > 0:
            return True
        if right[:1].isupper() or right[:1].isdigit():
            return False
        return not (words.get(ll, 0) > 0 or words.get(rl, 0) > 0)


def build_text(source: str, lines: Sequence[Line], hyph: Hyphenation | None,
               first_offset: int = 0) -> MappedText:
    """The lines as one text: line breaks folded to a space, a word broken at a line end
    joined (see `Hyphenation`), a compound's hyphen kept with no space after it."""
    b = TextBuilder(source)
    n = len(lines)
    glue = False  # the previous line ended with a kept or removed hyphen: no space
    for i, ln in enumerate(lines):
        a = ln.start + (first_offset if i == 0 else 0)
        e = ln.end
        if a >= e:
            continue
        if len(b) and not glue:
            b.add(" ", a)
        glue = False
        if i + 1 < n and ln.text.endswith(("-", "‑")) and _LINE_END_HYPHEN.search(ln.text) \
                and lines[i + 1].text[:1].isalpha():
            left = re.search(r"([A-Za-z]+)[-‑]$", ln.text)
            right = re.match(r"[A-Za-z]+", lines[i + 1].text)
            if left and right and hyph is not None and hyph.join(left.group(1), right.group(0)):
                b.copy(a, e - 1)
            else:
                b.copy(a, e)
            glue = True
            continue
        b.copy(a, e)
        # a range broken after its dash ("2024–" / "2034"): no space inside it
        glue = bool(i + 1 < n and ln.text.endswith(("–", "-")) and _LINE_END_RANGE.search(ln.text)
                    and lines[i + 1].text[:1].isdigit())
    return b.build()


__all__ = [
    "BARCODE_RE",
    "JOB_RE",
    "PAGE_RE",
    "PRINTDATE_RE",
    "RULE_RE",
    "FootnoteGroup",
    "Hyphenation",
    "Line",
    "RunningTitles",
    "build_text",
    "fold",
    "footnote_groups",
    "line_noise",
    "noise_kind",
    "page_zones",
    "segments",
    "split_lines",
    "split_pages",
]
