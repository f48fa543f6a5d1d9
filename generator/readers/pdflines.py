"""Printed lines -> blocks: the page layout of an official UN PDF, shared by two readers.

The PDF reader (`pdf`) and the reader for ``pdftohtml -xml`` renderings (`pdfxml`) both see
the same thing: pages of printed lines, each a row of styled runs with a position (x from the
left, baseline from the top, in the units of the format), a font size, italic and bold, a link
target, and whether the run is raised and smaller than the line (a superscript). Everything
after that is here, in this order:

1. each row is cut into segments at wide gaps (the two columns of the title block, the closing
   line on the right);
2. noise is dropped: barcodes (by font), job numbers (``18-18142 (E)``, ``021118``), page
   numbers (``2/5``), and on every page after the first the running header above the first
   line of body size (symbol and short title, in a smaller font);
3. the footnote area starts at the ``____`` rule: a line opening with a superscript number
   starts a footnote, any other line continues the last one (also from the previous page);
4. body segments are grouped into blocks by vertical gap, size, boldness and indentation: a
   paragraph's first line is indented (or carries its number at a hanging indent), its other
   lines stand at the page's left margin; a paragraph continues on the next page when the
   last line of the page is full and the next page starts at the margin;
5. blocks get clean text: line breaks folded to spaces, words the PDF broke at a line end
   rejoined (`layout.Hyphenation`, and only when the joined word stands elsewhere in the
   document: ``particu-``/``lar`` -> ``particular``, but ``high-``/``level`` stays
   ``high-level``), superscript footnote numbers removed and replaced by NOTEREF marks (a
   second call typed as a plain digit, "UNISPACE+50,1", by `markers.MarkerScanner`), italic
   and bold runs turned into marks, link annotations into LINK marks where the text names
   their target;
6. reading order: blocks by page and position, a right-column block after the left-column
   block beside it; each page's footnotes after the block that was open at the page's end;
   ``after_break`` on a block that starts a new page without continuing the one before.

Thresholds are relative to font sizes and the page width, never absolute, so that PDF points
and pdftohtml's zoomed pixels go through the same code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .base import Block, BlockKind, Mark, MarkKind
from .layout import Hyphenation, noise_kind
from .mapped import MappedText
from .markers import MarkerScanner

# -- input: what a reader hands this module -------------------------------------------------


@dataclass(slots=True)
class Run:
    """Characters of one style on one printed line."""

    text: MappedText
    """The characters, mapped into the source (superscripts included, as printed)."""
    x0: float
    x1: float
    size: float
    italic: bool = False
    bold: bool = False
    sup: bool = False
    """Raised and smaller than the line: a footnote number or another superscript."""
    link: str | None = None
    """The target of a link annotation covering the run."""
    noise: bool = False
    """Printed in a font that carries no text (a barcode)."""


@dataclass(slots=True)
class Line:
    """One printed line (or one segment of it, after `split_segments`)."""

    page: int
    """0-based page index."""
    baseline: float
    """Distance of the baseline from the top of the page."""
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(r.text.text for r in self.runs)

    @property
    def main_runs(self) -> list[Run]:
        """The runs that are not superscripts and not blank."""
        return [r for r in self.runs if not r.sup and r.text.text.strip()]

    @property
    def size(self) -> float:
        main = self.main_runs or [r for r in self.runs if r.text.text.strip()] or self.runs
        return max(r.size for r in main)

    @property
    def x0(self) -> float:
        """Where the first visible character stands (superscripts aside); leading spaces
        inside a run (pdftohtml keeps them) are measured off its width."""
        main = self.main_runs or self.runs
        first = min(main, key=lambda r: r.x0)
        t = first.text.text
        lead = len(t) - len(t.lstrip())
        if not lead:
            return first.x0
        return first.x0 + (first.x1 - first.x0) * lead / max(1, len(t.rstrip()))

    @property
    def x1(self) -> float:
        return max(r.x1 for r in self.runs)

    @property
    def top(self) -> float:
        return self.baseline - self.size

    @property
    def bold(self) -> bool:
        main = self.main_runs
        return bool(main) and all(r.bold for r in main)

    @property
    def noise(self) -> bool:
        main = self.main_runs
        return bool(main) and all(r.noise for r in main)


@dataclass(slots=True)
class Page:
    """One page: its size and its printed lines, in any order."""

    index: int
    width: float
    height: float
    lines: list[Line]


# -- noise -------------------------------------------------------------------------------------

# a job number with its print date on one printed line ("18-18142 (E)    021118"), with a
# duty-station prefix ("GE.18-12345"); `layout.noise_kind` knows the parts one by one
_JOB_NUMBER = re.compile(r"(?:[A-Z]{1,3}\.)?\d{2}-\d{5,6}\s*(?:\([A-Z]\))?(?:\s+\d{6})*")
_RECYCLE = re.compile(r"Please\s+recycle\W*", re.IGNORECASE)
_FURNITURE = ("job", "barcode", "page", "printdate")
_SYMBOL_LIKE = re.compile(r"[A-Z]{1,4}(?:/[A-Za-z0-9.\-]+){2,}(?:\s*\(\d{4}\))?")
_RULE = re.compile(r"_{5,}")
_LABEL = re.compile(r"\s*(?:\d{1,4}/\d{1,4}\.|\d{1,3}\.|\([a-z]{1,4}\)|\([ivxl]{1,6}\)|[a-z]\.)\s")


def is_noise_text(text: str) -> bool:
    """A job number, date stamp, page number, barcode text or recycling note."""
    t = text.strip()
    return bool(noise_kind(t) in _FURNITURE or _JOB_NUMBER.fullmatch(t) or _RECYCLE.fullmatch(t))


# -- step 1: segments ----------------------------------------------------------------------------


def split_segments(line: Line, gap: float) -> list[Line]:
    """Cut a printed line where a gap wider than `gap` times its size separates two runs."""
    runs = sorted(line.runs, key=lambda r: r.x0)
    out: list[list[Run]] = [[]]
    last_x1: float | None = None
    size = line.size
    for r in runs:
        blank = not r.text.text.strip()
        if last_x1 is not None and not blank and r.x0 - last_x1 > gap * size and not r.sup:
            out.append([])
        out[-1].append(r)
        if not blank:
            last_x1 = r.x1
    return [Line(line.page, line.baseline, rs) for rs in out if any(r.text.text.strip() for r in rs)]


# -- steps 2-4: classify and group -----------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """Lines that make one block."""

    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    number: int | None = None
    right: bool = False
    """In the right-hand column (title-block fields, the closing line)."""


@dataclass(slots=True)
class _PageInfo:
    margin: float
    right: float


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    counts = Counter(round(v) for v in values)
    best = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
    return float(best[0])


def body_size(pages: list[Page]) -> float:
    """The size of most characters: the body text."""
    counts: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            for r in ln.runs:
                if not r.sup and not r.noise:
                    counts[round(r.size, 1)] += len(r.text.text.strip())
    return counts.most_common(1)[0][0] if counts else 10.0


def layout(pages: list[Page], source: str) -> list[Block]:
    """The blocks of a document, in reading order (see the module docstring)."""
    size0 = body_size(pages)
    tol = 0.5 * size0
    body: list[_Group] = []
    notes: list[tuple[int, _Group]] = []  # (page, group)
    kept_by_page: dict[int, list[Line]] = {}
    notes_by_page: dict[int, list[Line]] = {}
    for page in pages:
        segs: list[Line] = []
        for ln in sorted(page.lines, key=lambda ln: (ln.baseline, ln.x0)):
            segs.extend(split_segments(ln, 3.0))
        segs.sort(key=lambda s: (round(s.baseline, 1), s.x0))
        kept: list[Line] = []
        in_header = page.index > 0
        in_notes = False
        note_lines: list[Line] = []
        for s in segs:
            text = s.text
            if s.noise or is_noise_text(text):
                continue
            if in_header:
                if (s.size < 0.9 * size0 or _SYMBOL_LIKE.fullmatch(text.strip())) \
                        and s.top < 0.2 * page.height:
                    continue  # the running header: symbol and short title
                in_header = False
            if _RULE.fullmatch(text.strip()):
                in_notes = True
                continue
            if in_notes:
                note_lines.append(s)
            else:
                kept.append(s)
        kept_by_page[page.index] = kept
        notes_by_page[page.index] = note_lines
    infos = _page_infos(pages, kept_by_page, size0)
    for page in pages:
        for s in kept_by_page[page.index]:
            _place_body(body, s, page, infos, tol)
        for s in notes_by_page[page.index]:
            _place_note(notes, s, page.index)
    groups = _reading_order(body)
    numbers = {g.number for _, g in notes if g.number is not None}
    words = Hyphenation(_plain(pages))
    blocks: list[Block] = []
    pending = list(notes)
    last_page = 0
    for g in groups:
        first_page = g.lines[0].page
        while pending and pending[0][0] < first_page:
            blocks.append(_render(pending.pop(0)[1], source, numbers, words))
        block = _render(g, source, numbers, words)
        if first_page > last_page:
            # a new page began between this block and the one before (which did not go on)
            block = Block(block.kind, block.text, block.marks, after_break=True, lines=block.lines)
        blocks.append(block)
        last_page = max(last_page, g.lines[-1].page)
    for _, g in pending:
        blocks.append(_render(g, source, numbers, words))
    blocks = _unraised_markers(blocks)
    return [b for b in blocks if b.text.text or b.kind is BlockKind.FOOTNOTE]


_TITLE_LINE = re.compile(r"\d{1,4}/\d{1,4}\.\s+\S")


def _unraised_markers(blocks: list[Block]) -> list[Block]:
    """Second calls of a footnote typed as plain digits ("UNISPACE+50,1" in 73/6, where the
    first call of note 1 is a superscript): `markers.MarkerScanner`, the rules the text-dump
    readers use, limited to numbers a superscript has already called, from the title on."""
    called: set[int] = set()
    scanner: MarkerScanner | None = None
    out: list[Block] = []
    for b in blocks:
        if b.kind is BlockKind.BODY:
            if scanner is None and _TITLE_LINE.match(b.text.text):
                scanner = MarkerScanner(set())
            elif scanner is not None:
                explicit = {int(m.value) for m in b.marks if m.kind is MarkKind.NOTEREF}
                scanner.footnotes = called | explicit
                if scanner.footnotes:
                    text, marks = scanner.scan(b.text, b.marks)
                    b = Block(b.kind, text, marks, b.number, b.after_break, b.lines)
                called |= explicit
        out.append(b)
    return out


def _page_infos(pages: list[Page], kept: dict[int, list[Line]], size0: float) -> dict[int, _PageInfo]:
    """Each page's text margin and right edge: the commonest line start and end among lines
    of body size. A page with few such lines (the last one) borrows them from a page of the
    same parity (odd and even pages have different margins), or from the whole document."""
    own: dict[int, tuple[list[float], list[float]]] = {}
    for page in pages:
        left = [s for s in kept[page.index] if not _is_right(s, page.width)]
        sized = [s for s in left if abs(s.size - size0) <= 0.1 * size0]
        own[page.index] = ([s.x0 for s in sized], [s.x1 for s in sized])
    everything = ([x for xs, _ in own.values() for x in xs], [x for _, xs in own.values() for x in xs])
    infos: dict[int, _PageInfo] = {}
    for page in pages:
        starts, ends = own[page.index]
        if len(starts) < 6:
            same_parity = [own[i] for i in own if i % 2 == page.index % 2 and len(own[i][0]) >= 6]
            starts, ends = same_parity[0] if same_parity else everything
        infos[page.index] = _PageInfo(_mode(starts, 0.0), _mode(ends, page.width))
    return infos


def _is_right(s: Line, width: float) -> bool:
    """A segment of the right-hand column: starts right of 55% and is narrow."""
    return s.x0 >= 0.55 * width and s.x1 - s.x0 <= 0.45 * width


def _label_text_x(s: Line) -> float | None:
    """Where the text of a line that opens with a label ("1.", "73/7.", "(a)") begins."""
    main = s.main_runs
    if not main:
        return None
    m = _LABEL.match(s.text)
    if not m:
        return None
    text = s.text
    idx = m.end()
    while idx < len(text) and text[idx].isspace():
        idx += 1
    # the run holding the first character after the label: its start, or an estimate inside
    # it (pdftohtml keeps a tab as spaces inside one run)
    pos = 0
    for r in s.runs:
        t = r.text.text
        if pos + len(t) > idx:
            k = idx - pos
            return r.x0 + (r.x1 - r.x0) * k / max(1, len(t.rstrip()))
        pos += len(t)
    return None


def _place_body(groups: list[_Group], s: Line, page: Page, infos: dict[int, _PageInfo],
                tol: float) -> None:
    right = _is_right(s, page.width)
    prev = next((g for g in reversed(groups) if g.right == right), None)
    if prev is not None and _continues(prev, s, right, infos, tol):
        prev.lines.append(s)
        return
    groups.append(_Group(BlockKind.BODY, [s], right=right))


def _continues(g: _Group, s: Line, right: bool, infos: dict[int, _PageInfo], tol: float) -> bool:
    p = g.lines[-1]
    size = max(p.size, s.size)
    if abs(p.size - s.size) > 0.15 * size or p.bold != s.bold:
        return False
    if right:
        return s.page == p.page and 0 < s.baseline - p.baseline <= 1.45 * size
    info = infos[s.page]
    rx = s.x0 - info.margin
    if s.bold and s.page == p.page:
        # consecutive bold lines make one heading, centred ones too
        return 0 < s.baseline - p.baseline <= 1.45 * size
    first = g.lines[0]
    finfo = infos[first.page]
    if len(g.lines) == 1:
        frx = first.x0 - finfo.margin
        label_x = _label_text_x(first)
        ok = rx <= frx + tol or (label_x is not None and abs(s.x0 - info.margin
                                                            - (label_x - finfo.margin)) <= tol)
        if frx > tol and abs(rx - frx) <= tol:
            ok = False  # indented like the line before: the next one-line paragraph
    else:
        second = g.lines[1]
        crx = second.x0 - infos[second.page].margin
        ok = abs(rx - crx) <= tol
    if not ok:
        return False
    if s.page == p.page:
        return 0 < s.baseline - p.baseline <= 1.45 * size
    # a page break: the paragraph goes on only when the page ended on a full line and the new
    # page starts at the margin (Word indents the first line of a paragraph)
    pinfo = infos[p.page]
    return p.x1 >= pinfo.right - 1.5 * size and abs(rx) <= tol


def _place_note(notes: list[tuple[int, _Group]], s: Line, page: int) -> None:
    runs = [r for r in s.runs if r.text.text.strip()]
    number = None
    if runs and runs[0].sup and runs[0].text.text.strip().isdigit():
        number = int(runs[0].text.text.strip())
    if number is not None or not notes:
        notes.append((page, _Group(BlockKind.FOOTNOTE, [s], number=number)))
    else:
        notes[-1][1].lines.append(s)


def _reading_order(groups: list[_Group]) -> list[_Group]:
    """Blocks by page and position, a left-column block before a right-column block beside it."""
    def top(g: _Group) -> tuple[int, float]:
        return g.lines[0].page, g.lines[0].top

    out = sorted(groups, key=top)
    changed = True
    while changed:
        changed = False
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if a.right and not b.right and a.lines[0].page == b.lines[0].page:
                a_bottom = max(ln.baseline for ln in a.lines if ln.page == a.lines[0].page)
                if b.lines[0].top < a_bottom:
                    out[i], out[i + 1] = b, a
                    changed = True
    return out


# -- step 5: text and marks --------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")


def _plain(pages: list[Page]) -> str:
    """The document as plain lines, the evidence `layout.Hyphenation` reads."""
    out: list[str] = []
    for p in pages:
        for ln in sorted(p.lines, key=lambda ln: (ln.baseline, ln.x0)):
            out.append(ln.text.strip())
    return "\n".join(out)


class _Out:
    """Clean text under construction: characters with their source offsets and styles."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.chars: list[str] = []
        self.offs: list[int] = []
        self.italic: list[bool] = []
        self.bold: list[bool] = []
        self.link: list[str | None] = []
        self.space_at: int | None = None
        self.marks: list[Mark] = []
        self.line_starts: list[int] = []

    def emit(self, ch: str, off: int, run: Run | None) -> None:
        if ch.isspace():
            if self.chars and self.space_at is None:
                self.space_at = off
            return
        if self.space_at is not None:
            self._put(" ", self.space_at, None)
            self.space_at = None
        self._put(ch, off, run)

    def _put(self, ch: str, off: int, run: Run | None) -> None:
        self.chars.append(ch)
        self.offs.append(off)
        self.italic.append(bool(run and run.italic))
        self.bold.append(bool(run and run.bold))
        self.link.append(run.link if run else None)

    def pop(self) -> None:
        for lst in (self.chars, self.offs, self.italic, self.bold, self.link):
            lst.pop()

    def text(self) -> MappedText:
        if not self.chars:
            return MappedText("", (0,), (self.offs[0] if self.offs else 0,))
        starts: list[int] = []
        srcs: list[int] = []
        for i, off in enumerate(self.offs):
            if not starts or srcs[-1] + (i - starts[-1]) != off:
                starts.append(i)
                srcs.append(off)
        return MappedText("".join(self.chars), tuple(starts), tuple(srcs))

    def style_marks(self) -> list[Mark]:
        out: list[Mark] = []
        for kind, values in ((MarkKind.ITALIC, self.italic), (MarkKind.BOLD, self.bold),
                             (MarkKind.LINK, self.link)):
            out.extend(_spans(kind, self.chars, list(values)))
        return out


def _spans(kind: MarkKind, chars: list[str], values: list[object]) -> list[Mark]:
    """Maximal runs of one style value over the visible characters (spaces between two
    characters of the same value belong to the run)."""
    out: list[Mark] = []
    n = len(chars)
    i = 0
    while i < n:
        v = values[i]
        if not v or chars[i] == " ":
            i += 1
            continue
        j = i + 1
        last = i
        while j < n:
            if chars[j] == " ":
                j += 1
                continue
            if values[j] != v:
                break
            last = j
            j += 1
        out.append(Mark(kind, i, last + 1, v if isinstance(v, str) else ""))
        i = last + 1
    return out


_LINK_PATH = re.compile(r"(?:https?://)?(?:www\.)?(?:undocs\.org|documents\.un\.org|docs\.un\.org)"
                        r"/(?:(?:en|fr|es|ar|ru|zh)/)?(?:.*?symbol=)?(?P<path>[^?#\s]+)", re.IGNORECASE)
_LINK_LEAD = "([{“‘\"'"
_LINK_TRAIL = ".,;:”’\"'"


def _link_mark(text: str, m: Mark) -> Mark | None:
    """A link annotation as a LINK mark, when it is a citation the text itself shows.

    Word's link rectangles run over the punctuation around a symbol ("(A/73/L.8", "2017/18;"),
    and pdftohtml's ``<a>`` over neighbouring letters ("S/PRST/2013/2; s", "d A/AC.105/1181."):
    the mark is the token of the span that names the target, in full
    (``A/58/874``) or as the number of a resolution of the same series (``72/3`` for
    ``A/RES/72/3``): the parser reads a marked short number as a resolution of the text's
    own organ, and a link on ``2017/18`` to ``E/RES/2017/18`` would become a wrong citation.
    A link whose span names no target is dropped.
    """
    if m.kind is not MarkKind.LINK:
        return m
    target = _LINK_PATH.match(m.value.strip())
    if not target:
        return None
    path = "".join(target.group("path").replace("%20", " ").rstrip("/").split()).upper()
    pos = m.start
    while pos < m.end:
        end = text.find(" ", pos, m.end)
        end = m.end if end == -1 else end
        a, b = pos, end
        while a < b and text[a] in _LINK_LEAD:
            a += 1
        while b > a and (text[b - 1] in _LINK_TRAIL
                         or (text[b - 1] in ")]" and "(" not in text[a:b])):
            b -= 1
        token = text[a:b].upper()
        if token and path in (token, f"A/RES/{token}", f"S/RES/{token}"):
            return Mark(MarkKind.LINK, a, b, m.value)
        pos = end + 1
    return None


_HYPHENS = "-\u2010\u00ad"
_DASHES = "\u2013\u2014"


def _render(g: _Group, source: str, notes: set[int], words: Hyphenation) -> Block:
    out = _Out(source)
    number = g.number
    for li, ln in enumerate(g.lines):
        runs = [r for r in ln.runs]
        if g.kind is BlockKind.FOOTNOTE and li == 0 and number is not None:
            k = next(i for i, r in enumerate(runs) if r.text.text.strip())
            runs = runs[k + 1:]
        if li > 0:
            _join_lines(out, runs, words, source)
            out.line_starts.append(len(out.chars) + (1 if out.space_at is not None else 0))
        for r in runs:
            t = r.text.text
            if r.sup:
                digits = t.strip()
                if digits.isdigit() and int(digits) in notes:
                    lead = len(t) - len(t.lstrip())
                    tail = len(t.rstrip())
                    for i in range(lead):
                        out.emit(t[i], r.text.offset(i), None)
                    a = r.text.offset(lead)
                    b = r.text.offset(tail - 1) + 1
                    at = len(out.chars)
                    out.marks.append(Mark(MarkKind.NOTEREF, at, at, str(int(digits)), a, b))
                    for i in range(tail, len(t)):
                        out.emit(t[i], r.text.offset(i), None)
                    continue
            for i, ch in enumerate(t):
                out.emit(ch, r.text.offset(i), r)
    text = out.text()
    styles: list[Mark] = []
    for m in out.style_marks():
        kept = _link_mark(text.text, m) if m.kind is MarkKind.LINK else m
        if kept is not None:
            styles.append(kept)
    marks = sorted(out.marks + styles, key=lambda m: (m.start, m.end))
    n = len(text)
    marks = [m if m.end <= n else Mark(m.kind, min(m.start, n), n, m.value, m.source_start,
                                       m.source_end) for m in marks]
    lines = tuple(i for i in out.line_starts if 0 < i < n)
    if g.kind is BlockKind.FOOTNOTE:
        return Block(BlockKind.FOOTNOTE, text, tuple(marks), number=number, lines=lines)
    return Block(BlockKind.BODY, text, tuple(marks), lines=lines)


def _first_word(runs: list[Run]) -> str:
    for r in runs:
        if r.sup:
            continue
        t = r.text.text.lstrip()
        if t:
            m = _WORD.match(t)
            return m.group(0) if m else ""
    return ""


def _join_lines(out: _Out, runs: list[Run], words: Hyphenation, source: str) -> None:
    """Decide what stands between the previous line and this one: a space, nothing (a word
    broken at a hyphen), or nothing and no hyphen (a word the PDF hyphenated)."""
    out.space_at = None
    if not out.chars:
        return
    nxt = _first_word(runs)
    last = out.chars[-1]
    # pdftotext-style spurious space before a line-final hyphen ("post -"): a hyphen after a
    # space that follows a letter, with a lower-case word next, is the same hyphen
    if last in _HYPHENS and len(out.chars) >= 3 and out.chars[-2] == " " \
            and out.chars[-3].isalpha() and nxt[:1].islower():
        hy_off, hy_ch = out.offs[-1], out.chars[-1]
        run_style = (out.italic[-1], out.bold[-1], out.link[-1])
        out.pop()
        out.pop()
        out.chars.append(hy_ch)
        out.offs.append(hy_off)
        out.italic.append(run_style[0])
        out.bold.append(run_style[1])
        out.link.append(run_style[2])
    if last in _HYPHENS and len(out.chars) >= 2 and out.chars[-2].isalpha() and nxt[:1].islower():
        k = len(out.chars) - 2
        while k >= 0 and out.chars[k].isalpha():
            k -= 1
        before = "".join(out.chars[k + 1:-1])
        # `Hyphenation` also joins two halves that are no words of the document (OCR'd print
        # breaks words); a born-digital PDF is trusted more: joined only on evidence, the
        # joined word standing elsewhere in the document
        if words.join(before, nxt) and words.words.get((before + nxt).lower(), 0) > 0:
            out.pop()  # the PDF broke the word: drop the hyphen
        return  # a compound broken after its hyphen ("high-/level"): keep it, no space
    if last in _DASHES and len(out.chars) >= 2 and out.chars[-2] != " " and nxt:
        return  # "2015–/2030"
    out.space_at = out.offs[-1] + 1
