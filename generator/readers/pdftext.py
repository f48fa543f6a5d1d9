"""Reader for text dumps of the official PDF, and the machinery its siblings share.

Three dumps of the same printed pages reach users, each with its own reader module:

- ``pdftext`` (this module): a PyMuPDF page dump (``corpus/ga80-pdftext``): optional YAML front
  matter, pages separated by a line with no character at all, blank lines inside a page
  holding a single space, paragraph numbers and labels on a line of their own, footnotes
  under a ``_____`` rule as ``1 See resolution 169 (II).``;
- ``pdftotext`` (`pdftotext.py`): ``pdftotext`` in reading order: form feeds between pages, no
  blank line between paragraphs, the footnote area scrambled (numbers and texts on separate
  lines, sometimes out of order);
- ``pdftotext-layout`` (`pdflayout.py`): ``pdftotext -layout``: paragraph starts shown by the
  first line's indentation, two columns in the title block and the page footers.

`read_pages` does what is common: front matter, pages, running headers and footers, page
furniture (`layout.noise_kind`), footnote areas, blocks built from lines with broken words
joined (`layout.Hyphenation`), page breaks marked on the next block (`Block.after_break`, the
parser joins a paragraph split by a page), and footnote markers written as bare digits
(`markers.MarkerScanner`). Each format gives its own `Format`: how pages are separated, how
the body lines of a page fall into blocks, how its footnote areas are written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from ..diagnostics import Report
from .base import Block, BlockKind, Document, Mark, MarkKind, ReadError, Source
from .layout import (
    FootnoteGroup,
    Hyphenation,
    Line,
    RunningTitles,
    build_text,
    fold,
    footnote_groups,
    noise_kind,
    page_zones,
    segments,
    split_lines,
    split_pages,
)
from .mapped import MappedText
from .markers import MarkerScanner

NAME = "pdftext"

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (ten times faster on front matter)."""

FRONT_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
TITLE_NUMBER_RE = re.compile(
    r"(?:ES-\d{1,2}/|S-\d{1,2}/)?\d{1,4}/\d{1,4}(?: [A-Z](?:(?:, | and )[A-Z])*)?\.")
FORMULA_LINE_RE = re.compile(
    r"The\s+(?:General Assembly|Security Council|Human Rights Council|Economic and Social Council"
    r"|Trusteeship Council)\s*,?")
# a line that is only a label: "1.", "(a)", "(iv)", "a.", "IV.", "A"
BARE_LABEL_RE = re.compile(r"\d{1,3}\.|\((?:[a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\)|[a-z]\.|[ivx]{1,5}\.|"
                           r"[IVXL]{1,6}\.|[A-H]\.?")
# a line that opens a paragraph with its label: "10. We welcome", "(a) The State"
LABEL_START_RE = re.compile(r"(?:\d{1,3}\.|\((?:[a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\)|[IVXL]{1,6}\.)"
                            r"\s+(?=[A-Z“\"‘(\[])")
CLOSING_LINE_RE = re.compile(r"\d{1,4}\s?(?:st|nd|rd|th|d)\s+(?:plenary\s+)?meeting\b")
_PART_LETTER = re.compile(r"[A-H]")
ANNEX_LINE_RE = re.compile(r"(?:Annex|ANNEX)(?:\s+[IVXL]+|\s+\d{1,2})?")


@dataclass(slots=True)
class Proto:
    """A block being collected from lines."""

    lines: list[Line]
    after_break: bool = False
    bare: bool = False
    """Opened by a label alone on its line: the text after it belongs to it."""


@dataclass(slots=True)
class Context:
    """What the segmenters of one document know."""

    source: str
    symbols: tuple[str, ...]
    width: int = 80
    """Typical length of a full line of body text (``pdftotext`` reading order)."""
    opener: Callable[[str], bool] = lambda s: False
    """Whether a text opens with a known paragraph opener (verbs.py)."""
    margins: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Format:
    """How one dump format writes its pages."""

    name: str
    pages_by: str
    """``empty`` or ``formfeed`` (`layout.split_pages`)."""
    columns: bool
    """Lines hold several columns (``pdftotext -layout``)."""
    footnotes: str
    """Footnote area style (`layout.footnote_groups`)."""
    starts: Callable[[Line, Line | None, Proto | None, Context, int], bool]
    """Whether a body line starts a new block: (line, previous line, open block, context,
    page number)."""


def is_label_line(text: str) -> bool:
    """A line holding only a paragraph number or sub-paragraph label."""
    return bool(BARE_LABEL_RE.fullmatch(text))


def common_start(ln: Line, prev: Line | None, cur: Proto | None) -> bool | None:
    """Block starts every format shares; None when undecided."""
    t = ln.text
    if cur is None:
        return True
    if cur.bare and len(cur.lines) == 1:
        return False  # the text after a label alone on its line
    if is_label_line(t) or LABEL_START_RE.match(t):
        return True
    if FORMULA_LINE_RE.fullmatch(t) or CLOSING_LINE_RE.match(t) or ANNEX_LINE_RE.fullmatch(t):
        return True
    if prev is not None and (FORMULA_LINE_RE.fullmatch(prev.text) or ANNEX_LINE_RE.fullmatch(prev.text)):
        return True
    return None


def _starts_pymupdf(ln: Line, prev: Line | None, cur: Proto | None, ctx: Context, page: int) -> bool:
    c = common_start(ln, prev, cur)
    if c is not None:
        return c
    return prev is None or prev.blank


PYMUPDF = Format(NAME, "empty", False, "inline", _starts_pymupdf)


def sniff(text: str) -> int:
    """How much `text` looks like a PyMuPDF page dump of a UN PDF."""
    head = text[:20000]
    score = 0
    if re.search(r"^ $", head, re.MULTILINE) and re.search(r"^_{10,} ?$", text, re.MULTILINE):
        score += 4
    if re.search(r"^\d{2}-\d{5} \([A-Z]\) ?$", head, re.MULTILINE):
        score += 3
    if re.search(r"^\*\d{7,9}\* ?$", head, re.MULTILINE):
        score += 2
    if "\f" in head:
        score -= 4
    if re.search(r"^\d{1,3}\. ?$", head, re.MULTILINE):
        score += 2
    return max(score, 0)


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """YAML front matter (as the Markdown exports carry it) and where the text after it starts."""
    fm = FRONT_RE.match(text)
    if not fm:
        return {}, 0
    try:
        data = yaml.load(fm.group(1) or "", Loader=YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ReadError("E-FRONTMATTER", f"front matter is not valid YAML ({exc.__class__.__name__})",
                        fm.start(1) + (mark.index if mark is not None else 0)) from None
    if not isinstance(data, dict):
        raise ReadError("E-FRONTMATTER", "front matter must be a mapping of keys to values",
                        fm.start(1) if fm.group(1) else 0)
    return {str(k): str(v) for k, v in data.items() if v is not None}, fm.end()


def _columns(ln: Line, columns: bool) -> list[Line]:
    return segments(ln) if columns else [ln]


def document_symbols(first_page: list[Line], meta: dict[str, str], columns: bool) -> tuple[str, ...]:
    """The resolution's own symbol as the running headers print it."""
    from .layout import SYMBOL_LINE_RE

    out: list[str] = []
    for ln in first_page[:40]:
        for s in _columns(ln, columns):
            f = fold(s.text)
            if SYMBOL_LINE_RE.fullmatch(f) and f not in out:
                out.append(f)
    sym = meta.get("symbol")
    if sym and fold(sym) not in out:
        out.append(fold(sym))
    return tuple(out)


def title_texts(first_page: list[Line], meta: dict[str, str], columns: bool) -> list[str]:
    """The resolution's title as printed under its number (and in the metadata): running
    headers repeat it."""
    out: list[str] = []
    lines = [ln for ln in first_page]
    for i, ln in enumerate(lines):
        cols = _columns(ln, columns)
        head = cols[0].text
        m = TITLE_NUMBER_RE.match(head)
        if not m or (m.end() < len(head) and not head[m.end()].isspace()):
            continue
        parts = [fold(head[m.end():])] + [fold(c.text) for c in cols[1:]]
        j = i + 1
        # the title runs on until a blank line (after some text) or the enacting formula
        while j < len(lines):
            nxt = lines[j]
            if nxt.blank:
                if any(parts):
                    break
                j += 1
                continue
            if FORMULA_LINE_RE.fullmatch(nxt.text):
                break
            parts.append(fold(nxt.text))
            j += 1
            if j - i > 6:
                break
        title = fold(" ".join(p for p in parts if p))
        if title:
            out.append(title)
        break
    t = meta.get("title")
    if t:
        out.append(t.rstrip(" :"))
    return out


def read_pages(source: Source, report: Report, fmt: Format,
               prepare: Callable[[list[list[Line]], Context], None] | None = None) -> Document:
    """Read a page dump with the rules of `fmt` (see the module docstring)."""
    text = source.text
    meta, body_start = front_matter(text)
    lines = split_lines(text, body_start)
    pages = split_pages(lines, text, fmt.pages_by)
    if not pages:
        raise ReadError("E-EMPTY", "the file holds no text: expected the text of a resolution", 0)
    symbols = document_symbols(pages[0], meta, fmt.columns)
    titles = RunningTitles(title_texts(pages[0], meta, fmt.columns), pages, symbols, fmt.columns)
    hyph = Hyphenation(text)
    ctx = Context(text, symbols)
    if prepare is not None:
        prepare(pages, ctx)

    protos: list[Proto] = []
    notes: list[FootnoteGroup] = []
    last_note = 0
    for pno, page in enumerate(pages):
        h, f = page_zones(page, titles)
        if pno == 0:
            h = 0  # the first page's head is the title block; its footer is furniture
        body = page[h:f]
        rule = next((k for k, ln in enumerate(body) if re.fullmatch(r"_{5,}", ln.text)), None)
        area = body[rule + 1:] if rule is not None else []
        body = body[:rule] if rule is not None else body
        body = [ln for ln in body if ln.blank or not _furniture(ln, fmt.columns, symbols, pno)]
        area = [ln for ln in area if ln.blank or not _furniture(ln, fmt.columns, symbols, 1)]
        first = True
        prev: Line | None = None
        cur: Proto | None = None
        for ln in body:
            if ln.blank:
                prev = ln
                continue
            if cur is None or fmt.starts(ln, prev, cur, ctx, pno):
                # a label alone on its line takes the text after it; a part letter alone
                # ("A" above "The General Assembly,") does not
                cur = Proto([ln], after_break=first and pno > 0,
                            bare=is_label_line(ln.text) and not _PART_LETTER.fullmatch(ln.text))
                protos.append(cur)
            else:
                cur.lines.append(ln)
            first = False
            prev = ln
        groups = footnote_groups(area, last_note, fmt.footnotes)
        for g in groups:
            if g.number is None and notes:
                notes[-1].lines.extend(g.lines)
                continue
            if g.number is None:
                # text under a rule with no number and nothing to continue: keep it as body
                protos.append(Proto(g.lines, after_break=True))
                continue
            notes.append(g)
            last_note = max(last_note, g.number)

    blocks: list[Block] = []
    for p in protos:
        t = build_text(text, p.lines, hyph)
        if t.text.strip():
            blocks.append(Block(BlockKind.BODY, t, (), after_break=p.after_break))
    note_blocks: list[Block] = []
    for g in notes:
        if not g.lines:
            report.warn("W-FOOTNOTE-EMPTY", f"footnote {g.number} has no text", None)
            continue
        t = build_text(text, g.lines, hyph, g.first_offset)
        note_blocks.append(Block(BlockKind.FOOTNOTE, t, (), number=g.number))
    numbers = {b.number for b in note_blocks if b.number is not None}
    blocks = scan_markers(blocks, numbers)
    return Document(Source(source.path, source.text, fmt.name, meta), tuple(blocks + note_blocks))


def _furniture(ln: Line, columns: bool, symbols: tuple[str, ...], page: int) -> bool:
    """Job numbers, barcodes, print dates and page numbers anywhere; the symbol alone on a line
    outside the first page (on the first page it is the title block's symbol)."""
    parts = segments(ln) if columns else [ln]
    kinds = [noise_kind(s.text, symbols) for s in parts]
    if not all(kinds):
        return False
    return page > 0 or any(k not in ("symbol", "rule") for k in kinds)


def scan_markers(blocks: list[Block], numbers: set[int]) -> list[Block]:
    """Remove footnote markers written as bare digits, from the title line on."""
    if not numbers:
        return blocks
    scanner = MarkerScanner(numbers)
    out: list[Block] = []
    started = False
    for b in blocks:
        if not started and (TITLE_NUMBER_RE.match(b.text.text) or FORMULA_LINE_RE.match(b.text.text)):
            started = True
        if started:
            t, marks = scanner.scan(b.text, b.marks)
            b = Block(b.kind, t, marks, b.number, b.after_break, b.lines)
        out.append(b)
    return out


def read(source: Source, report: Report) -> Document:
    """Read a PyMuPDF page dump."""
    return read_pages(source, report, PYMUPDF)


__all__ = [
    "NAME",
    "Context",
    "Format",
    "MappedText",
    "Mark",
    "MarkKind",
    "Proto",
    "common_start",
    "is_label_line",
    "read",
    "read_pages",
    "scan_markers",
    "sniff",
]
