"""Reader for Markdown texts: the seed format and Markdown exports.

Two real shapes, one reader (they differ only in markup the lexer already knows):

- the seed (``corpus/seed``): text converted from the official PDF, ``*italic*`` verbs,
  ``**bold**`` agenda title, citations as ``[73/291](#)``, footnote markers as Unicode
  superscripts, each footnote text standing as its own block (``¹ *Report of ...*``) where the
  PDF page ended, so that a paragraph may continue after it;
- Markdown exports (``corpus/ga80-md``): YAML front matter, page headers mostly stripped but
  the running title sometimes left between two halves of a paragraph, footnotes moved to the
  end as ``[^n]: text`` after a ``---`` rule, markers written ``[^n]``, as bare digits
  (``2024,1``) or digits with stray spaces.

Layout handled here: front matter, blank-line blocks, lines that start a numbered or lettered
paragraph inside a block, footnote blocks, thematic breaks, running titles. Everything else is
the parser's.
"""

from __future__ import annotations

import re

import yaml

from ..diagnostics import Report
from .base import Block, BlockKind, Document, Mark, MarkKind, ReadError, Source
from .inline import SUPERSCRIPTS, render
from .mapped import MappedText
from .markers import MarkerScanner

NAME = "markdown"

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (ten times faster on front matter)."""

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_NOTE_DEF = re.compile(r"\[\^(\d+)\]:[ \t]?")
_SUPER_NOTE = re.compile(rf"([{SUPERSCRIPTS}]+)[ \t]+")
_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,})[ \t]*")
# a line that starts a new paragraph inside a block: "12. ", "(a) ", "(iv) ", "a. ", "iv. "
_STARTS_PARAGRAPH = re.compile(r"(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)|[a-z]\.|[ivx]{1,5}\.)[ \t]")
_ANNEX_LABEL = re.compile(r"(?:Annex|ANNEX)(?: [IVXL]+| \d{1,2})?")
_TITLE_LINE = re.compile(r"\d{1,4}/\d{1,4}\.\s+(.+)", re.DOTALL)


_ITALIC_WORD = re.compile(r"\*[A-Z][a-z]+(?: [a-z]+)*\*")


def sniff(text: str) -> int:
    """How much `text` looks like Markdown (0: not at all)."""
    score = 0
    if _FRONT.match(text):
        score += 3
    if re.search(r"^\[\^\d+\]:", text, re.MULTILINE):
        score += 4
    if re.search(r"\[[^\]\n]+\]\(#?[^)\s]*\)", text):
        score += 2
    if re.search(rf"[{SUPERSCRIPTS}]", text):
        score += 2
    if "*" in text:
        m = _ITALIC_WORD.search(text)
        if m and not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "*")):
            score += 2
    return score


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of every line from `start` on, end excluding the newline."""
    out = []
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl == -1:
            nl = n
        out.append((pos, nl))
        pos = nl + 1
    return out


def read(source: Source, report: Report) -> Document:
    """Read a Markdown text into blocks."""
    text = source.text
    body_start = 0
    meta: dict[str, str] = {}
    fm = _FRONT.match(text)
    if fm:
        try:
            data = yaml.load(fm.group(1) or "", Loader=_YAML_LOADER) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            offset = fm.start(1) + (mark.index if mark is not None else 0)
            raise ReadError("E-FRONTMATTER", f"front matter is not valid YAML ({exc.__class__.__name__})",
                            offset) from None
        if not isinstance(data, dict):
            raise ReadError("E-FRONTMATTER", "front matter must be a mapping of keys to values",
                            fm.start(1) if fm.group(1) else 0)
        meta = {str(k): str(v) for k, v in data.items() if v is not None}
        body_start = fm.end()

    # group lines into chunks separated by blank lines
    chunks: list[tuple[list[tuple[int, int]], int]] = []  # (lines, blank lines before)
    current: list[tuple[int, int]] = []
    blanks = 0
    for a, e in _lines(text, body_start):
        if text[a:e].strip():
            if not current:
                chunks.append((current, blanks))
            current.append((a, e))
            blanks = 0
        else:
            if current:
                current = []
            blanks += 1

    raw_blocks: list[tuple[BlockKind, int, int, int | None, bool]] = []  # kind, start, end, number, after_break
    continued: list[tuple[int, tuple[int, int]]] = []  # footnote block index, more source to render
    pending_break = False
    for lines, blanks_before in chunks:
        first = text[lines[0][0]:lines[0][1]]
        if blanks_before >= 3:
            pending_break = True
        if len(lines) == 1 and _RULE.fullmatch(first):
            pending_break = True
            continue
        if _NOTE_DEF.match(first) or _SUPER_NOTE.match(first):
            for kind_start, kind_end, fn_number, extra in _footnotes(text, lines, report):
                raw_blocks.append((BlockKind.FOOTNOTE, kind_start, kind_end, fn_number, False))
                continued.extend((len(raw_blocks) - 1, x) for x in extra)
            pending_break = True
            continue
        # body: a line that starts a numbered or lettered paragraph starts a new block
        bstart = lines[0][0]
        prev_end = lines[0][1]
        for a, e in lines[1:]:
            if _STARTS_PARAGRAPH.match(text, a):
                raw_blocks.append((BlockKind.BODY, bstart, prev_end, None, pending_break))
                pending_break = False
                bstart = a
            prev_end = e
        raw_blocks.append((BlockKind.BODY, bstart, prev_end, None, pending_break))
        pending_break = False

    blocks: list[Block] = []
    noted: set[int] = set()
    more: dict[int, list[tuple[int, int]]] = {}
    for k, seg in continued:
        more.setdefault(k, []).append(seg)
    for k, (kind, a, e, number, brk) in enumerate(raw_blocks):
        clean, marks = render(text, a, e)
        for x0, x1 in more.get(k, ()):
            extra_text, _ = render(text, x0, x1)
            clean = clean + MappedText.synthetic(" ", x0) + extra_text
        if kind is BlockKind.FOOTNOTE:
            blocks.append(Block(kind, clean, tuple(marks), number=number))
        else:
            blocks.append(Block(kind, clean, tuple(marks), after_break=brk))
            noted.update(int(m.value) for m in marks if m.kind is MarkKind.NOTEREF
                         and m.value.isdigit())

    blocks = _drop_running_titles(blocks, meta)
    footnote_numbers = {b.number for b in blocks if b.kind is BlockKind.FOOTNOTE and b.number is not None}
    if footnote_numbers - noted:
        blocks = _bare_markers(blocks, footnote_numbers)
    return Document(Source(source.path, source.text, NAME, meta), tuple(blocks))


def _footnotes(text: str, lines: list[tuple[int, int]],
               report: Report) -> list[tuple[int, int, int, list[tuple[int, int]]]]:
    """Footnote definitions in a chunk: (text start, text end, number, more source ranges).

    A definition far out of sequence after a footnote that does not end its sentence is the
    export's misreading of a continuation line that began with a number: in 80/10,
    ``[^10]: ... Cairo, 5–13 September`` then ``[^1994]: (United Nations publication ...``.
    Its digits and text continue the previous footnote (with a warning)."""
    out: list[tuple[int, int, int, list[tuple[int, int]]]] = []
    cur: list[int] | None = None
    extra: list[tuple[int, int]] = []
    for a, e in lines:
        m = _NOTE_DEF.match(text, a) or _SUPER_NOTE.match(text, a)
        if m:
            digits = m.group(1)
            number = int("".join(str(SUPERSCRIPTS.index(c)) if c in SUPERSCRIPTS else c for c in digits))
            if (cur is not None and m.re is _NOTE_DEF and number > cur[2] + 9 and not extra
                    and not text[cur[0]:cur[1]].rstrip().endswith(".")):
                report.warn("W-FOOTNOTE-SEQUENCE",
                            f"footnote definition [^{digits}] out of sequence after footnote "
                            f"{cur[2]}: read as the continuation of footnote {cur[2]}", a)
                extra.append((m.start(1), m.end(1)))  # the digits: "1994"
                extra.append((m.end(), e))  # the text after "]: "
                continue
            if cur:
                out.append((cur[0], cur[1], cur[2], extra))
            extra = []
            cur = [m.end(), e, number]
        elif cur is not None:
            if extra:
                extra.append((a, e))
            else:
                cur[1] = e  # continuation line
    if cur:
        out.append((cur[0], cur[1], cur[2], extra))
    return out


def _fold(s: str) -> str:
    return " ".join(s.split())


def _drop_running_titles(blocks: list[Block], meta: dict[str, str]) -> list[Block]:
    """Drop running titles and symbols left between two halves of a paragraph.

    A body block that repeats the resolution's title (from its ``NN/NNN. Title`` line) or its
    symbol, after the title line itself, is a page header the export did not strip.
    """
    titles: set[str] = set()
    symbol = meta.get("symbol", "")
    if symbol:
        titles.add(_fold(symbol))
    out: list[Block] = []
    seen_title = False
    carry_break = False
    after_annex = False
    for b in blocks:
        if b.kind is BlockKind.BODY:
            folded = _fold(b.text.text)
            if seen_title and folded in titles and not after_annex:
                carry_break = True
                continue
            # the title under an "Annex" label is the annex's own (80/5), not a running title
            after_annex = bool(_ANNEX_LABEL.fullmatch(folded))
            m = _TITLE_LINE.fullmatch(folded)
            if not seen_title and m:
                seen_title = True
                titles.add(_fold(m.group(1)))
            if carry_break:
                b = Block(b.kind, b.text, b.marks, b.number, True, b.lines)
                carry_break = False
        out.append(b)
    return out


def _bare_markers(blocks: list[Block], numbers: set[int]) -> list[Block]:
    """Find footnote markers written as bare digits, in reading order."""
    scanner = MarkerScanner(numbers)
    out: list[Block] = []
    started = False
    for b in blocks:
        if b.kind is BlockKind.BODY:
            # markers only occur from the title on; the title block's dates must not be read as ones
            if not started and _TITLE_LINE.fullmatch(_fold(b.text.text)):
                started = True
            if started:
                text, marks = scanner.scan(b.text, b.marks)
                b = Block(b.kind, text, marks, b.number, b.after_break, b.lines)
        out.append(b)
    return out


__all__ = ["NAME", "MappedText", "Mark", "read", "sniff"]
