"""Reader for Akoma Ntoso XML: AKN 3.0 and the UN's profile of it (AKN4UN).

The XML is parsed by the standard library's expat, which checks well-formedness (an error
names the line and column) and reports, for every piece of character data, its byte offset in
the source. Text is copied from the source slice by slice, so every span points into the XML
itself; a character written as an entity or character reference (``&amp;``, ``&#x2019;``) is
mapped to the reference's ``&``.

The document's structure becomes the block stream the parser expects:

- every element holding text (``p``, ``heading``, ``subheading``, a table row, ``docTitle``
  written outside a ``p`` ...) is one BODY block, its whitespace folded to single spaces;
- a ``num`` opens the block of the first text after it: ``<paragraph><num>1.</num><content>
  <p>Decides ...`` gives ``1. Decides ...``; ``<hcontainer><num>II.</num><heading>Title`` gives
  ``II. Title``; a ``num`` with no text after it in its unit is a block of its own;
- the title block (``preface``), the enacting formula (``formula``), recitals and their
  ``intro`` (ITU's *considering*), paragraphs, points and sub-paragraphs, ``wrapUp``,
  ``conclusions`` and attachments (annexes) follow in document order;
- ``<i>`` and ``<b>`` give ITALIC and BOLD marks, ``<ref>``/``<mref>``/``<rref>`` LINK marks
  with their ``href``;
- an ``<authorialNote>`` is a footnote: a zero-width NOTEREF mark where it stands (value: its
  ``marker``, else its place in the sequence) and a FOOTNOTE block with its text;
  ``<noteRef marker href="#id"/>`` calls a ``<note>`` kept in ``meta/notes`` the same way;
- ``meta`` is not text: its FRBR identification gives `Source.meta` (``akn-uri``,
  ``akn-number``, ``akn-author``, ``adopted`` from an adoption ``FRBRdate``).

Texts converted to AKN from a PDF carry the PDF's layout in their text; two such traces are
undone here, with a warning, because they are layout, not structure:

- a footnote area run into an element's text (``...; ____________________ 1 These include
  ...``): from the rule on, the text is footnote 1 (and 2, 3 ... where numbers follow in
  sequence after a full stop);
- the markers of such footnotes, left as bare digits in the text ("developing countries1,"):
  found as the other text readers find them (`markers.MarkerScanner`).

Whatever else a conversion ran together (an item number, an intro phrase, an annex heading
inside a paragraph's text) is the parser's to read, as it is for every other format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from ..diagnostics import Report
from .base import Block, BlockKind, Document, Mark, MarkKind, ReadError, Source
from .mapped import MappedText, TextBuilder
from .markers import MarkerScanner

NAME = "akn"

_PROLOG = r"\A\s*(?:(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)\s*)*"
_ROOT_RE = re.compile(_PROLOG + r"<(?:[A-Za-z_][\w.-]*:)?akomaNtoso\b", re.DOTALL)
"""An Akoma Ntoso document element, after the XML declaration, comments and a doctype."""
_XML_DECL = re.compile(r"\A\s*<\?xml\b")

INLINE = frozenset({
    "a", "abbr", "affectedDocument", "argument", "authorialNote", "b", "br", "change",
    "componentRef", "concept", "courtType", "date", "decoration", "def", "del", "docAuthority",
    "docCommittee", "docDate", "docIntroducer", "docJurisdiction", "docNumber", "docProponent",
    "docPurpose", "docStage", "docStatus", "docTitle", "docType", "documentRef", "entity", "eol",
    "eop", "event", "fillIn", "from", "i", "img", "inline", "ins", "judge", "lawyer",
    "legislature", "location", "mmod", "mod", "mref", "narrative", "neutralCitation", "noteRef",
    "object", "omissis", "opinion", "organization", "outcome", "party", "person", "placeholder",
    "process", "quantity", "quotedText", "recordedTime", "ref", "relatedDocument", "remark",
    "role", "rref", "session", "shortTitle", "signature", "span", "sub", "sup", "term", "time",
    "u", "vote",
})
"""Elements that stand inside a line of text (AKN's inline elements and markers)."""

_BREAKS = frozenset({"br", "eol", "eop"})
"""Markers that break a line: a space in the folded text."""
_SKIP = frozenset({"meta", "img", "documentRef", "componentRef"})
"""Elements whose content is not text of the document (attributes only, or metadata)."""
_ROW = frozenset({"tr"})
"""Elements read as one block, their cells separated by spaces."""
_ITALIC = frozenset({"i"})
_BOLD = frozenset({"b"})
_LINK = frozenset({"ref", "mref", "rref"})
_WS = " \t\n\r"
_TOKENS = re.compile(r"([ \t\n\r]+)|[^ \t\n\r]+")

_RULE_NOTE = re.compile(r"_{5,}\s*(\d{1,3})\s+(?=\S)")
"""A footnote rule and the first footnote's number, as a PDF conversion leaves them in text."""


def sniff(text: str) -> int:
    """How much `text` looks like Akoma Ntoso XML (0: not at all).

    Any other XML document (starting with an XML declaration) gets the lowest score, so that
    a reader made for it wins, and otherwise `read` refuses it with a clear message."""
    if _ROOT_RE.match(text):
        return 20
    if _XML_DECL.match(text):
        return 1
    return 0


# ---------------------------------------------------------------------------------------------
# XML -> a tree of elements and text pieces, with source offsets


@dataclass(slots=True)
class Text:
    """Character data: `text` stands at source offset `at`."""

    text: str
    at: int
    verbatim: bool
    """True when ``source[at:at + len(text)] == text``; False for an entity or character
    reference (or a skipped entity) at `at`, which `text` stands for."""


@dataclass(slots=True)
class Element:
    """An element: local name (namespace prefix dropped), attributes, children, offsets."""

    name: str
    attrs: dict[str, str]
    start: int
    """Offset of its ``<``."""
    tag_end: int
    """Offset just after its start tag."""
    end: int = -1
    """Offset just after its end tag."""
    children: list[Element | Text] = field(default_factory=list)

    def find(self, name: str) -> Element | None:
        """The first child element named `name`."""
        for c in self.children:
            if isinstance(c, Element) and c.name == name:
                return c
        return None

    def elements(self) -> list[Element]:
        """The child elements."""
        return [c for c in self.children if isinstance(c, Element)]

    def iter(self, name: str) -> list[Element]:
        """Every descendant element named `name`, in document order."""
        out: list[Element] = []
        for c in self.children:
            if isinstance(c, Element):
                if c.name == name:
                    out.append(c)
                out.extend(c.iter(name))
        return out


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _tag_end(source: str, start: int) -> int:
    """Offset just after the ``>`` closing the tag that starts at `start` (quotes respected:
    ``>`` is legal inside an attribute value)."""
    quote = ""
    i = start + 1
    n = len(source)
    while i < n:
        ch = source[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == ">":
            return i + 1
        i += 1
    return n


class _Offsets:
    """Byte offsets of the UTF-8 encoding -> offsets in the text (events come in order)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.byte = 0
        self.char = 0

    def char_at(self, byte: int) -> int:
        if byte < 0:
            byte = len(self.data)
        if byte < self.byte:
            self.byte = self.char = 0
        self.char += len(self.data[self.byte:byte].decode("utf-8", errors="replace"))
        self.byte = byte
        return self.char


def parse_xml(source: str) -> Element:
    """The document element of `source`, with offsets. Raises `ReadError` (``E-XML``, at
    the line and column expat names) for XML that is not well-formed."""
    data = source.encode("utf-8")
    offsets = _Offsets(data)
    parser = expat.ParserCreate(encoding="UTF-8")  # the text is decoded already
    stack: list[Element] = []
    root: list[Element] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        at = offsets.char_at(parser.CurrentByteIndex)
        el = Element(_local(name), {_local(k): v for k, v in attrs.items()}, at, _tag_end(source, at))
        if source[el.tag_end - 2:el.tag_end] == "/>":
            el.end = el.tag_end
        if stack:
            stack[-1].children.append(el)
        else:
            root.append(el)
        stack.append(el)

    def end(name: str) -> None:
        el = stack.pop()
        if el.end < 0:
            at = offsets.char_at(parser.CurrentByteIndex)
            el.end = _tag_end(source, at)

    def text(data_: str) -> None:
        if not stack:
            return
        at = offsets.char_at(parser.CurrentByteIndex)
        verbatim = source.startswith(data_, at)
        stack[-1].children.append(Text(data_, at, verbatim))

    def skipped(name: str, is_parameter: bool) -> None:
        # an entity declared in an external DTD that expat does not read: kept as written
        if stack and not is_parameter:
            at = offsets.char_at(parser.CurrentByteIndex)
            stack[-1].children.append(Text(f"&{name};", at, source.startswith(f"&{name};", at)))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.SkippedEntityHandler = skipped
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        at = offsets.char_at(parser.ErrorByteIndex)
        reason = expat.ErrorString(exc.code) or "error"
        inner = re.fullmatch(r"not well-formed \((.*)\)", reason)
        raise ReadError("E-XML", f"the XML is not well-formed: {inner[1] if inner else reason}",
                        min(at, len(source))) from None
    return root[0]


# ---------------------------------------------------------------------------------------------
# elements -> blocks


@dataclass(slots=True)
class _Open:
    """A mark opened in a run; `start` is set when its first character is written."""

    kind: MarkKind
    value: str
    start: int | None = None


class _Run:
    """A block being built: folded text, its marks, and the marks still open."""

    def __init__(self, source: str) -> None:
        self.builder = TextBuilder(source)
        self.marks: list[Mark] = []
        self.space_at: int | None = None
        """Source offset of whitespace not yet written (written only before more text, so
        that a block never starts or ends with a space)."""
        self.space_real = False
        """The whitespace at `space_at` is a space character (copied, not made up)."""
        self.opened: list[_Open] = []

    def __len__(self) -> int:
        return len(self.builder)

    def space(self, at: int, real: bool = False) -> None:
        """Whitespace (or a line break element) at source offset `at`."""
        if self.space_at is None:
            self.space_at = at
            self.space_real = real

    def _before_text(self) -> None:
        if self.space_at is not None:
            if len(self.builder):
                if self.space_real:
                    self.builder.copy(self.space_at, self.space_at + 1)  # the space as written
                else:
                    self.builder.add(" ", self.space_at)  # a line break, a tab, <br/>: a space
            self.space_at = None
        for o in self.opened:
            if o.start is None:
                o.start = len(self.builder)

    def text(self, piece: Text) -> None:
        """Add character data, whitespace runs folded to one space."""
        s = piece.text
        if not piece.verbatim:
            if not s.strip(_WS):
                self.space(piece.at)
                return
            self._before_text()
            self.builder.add(s, piece.at)  # an entity: its characters map to its "&"
            return
        for m in _TOKENS.finditer(s):
            a = piece.at + m.start()
            if m.group(1) is not None:
                self.space(a, real=s[m.start()] == " ")
            else:
                self._before_text()
                self.builder.copy(a, piece.at + m.end())

    def open(self, kind: MarkKind, value: str = "") -> _Open:
        o = _Open(kind, value)
        self.opened.append(o)
        return o

    def close(self, o: _Open) -> None:
        self.opened.remove(o)
        if o.start is not None and len(self.builder) > o.start:
            self.marks.append(Mark(o.kind, o.start, len(self.builder), o.value))

    def noteref(self, value: str, src_start: int, src_end: int) -> None:
        at = len(self.builder)
        self.marks.append(Mark(MarkKind.NOTEREF, at, at, value, src_start, src_end))

    def end(self) -> int:
        """Source offset just after the last character written."""
        text = self.builder.build()
        return text.offset(len(text) - 1) + 1 if len(text) else 0

    def build(self) -> tuple[MappedText, tuple[Mark, ...]]:
        text = self.builder.build()
        return text, tuple(sorted(self.marks, key=lambda m: (m.start, m.end)))


def _blank(node: Element | Text) -> bool:
    """Whitespace, or an element that is no text (a line break, an image, a reference to
    another document)."""
    if isinstance(node, Text):
        return not node.text.strip(_WS)
    return node.name in _BREAKS or node.name in _SKIP


class _Walker:
    """Walks the document in order and collects blocks."""

    def __init__(self, source: str, report: Report, notes: dict[str, Element]) -> None:
        self.source = source
        self.report = report
        self.notes = notes
        """``meta/notes`` notes by id, for ``noteRef``."""
        self.blocks: list[Block] = []
        self.footnotes: list[Block] = []
        self.run: _Run | None = None
        self.num_open = False
        """The run holds a ``num`` waiting for the first text of its unit."""
        self.next_note = 1
        self.note_numbers: dict[str, int] = {}
        """Number given to each ``meta/notes`` note already called (a note called twice)."""
        self.front_blocks: int | None = None
        """How many blocks there are up to the end of the first ``preface`` (the title
        block, where footnote markers written as digits are not looked for)."""

    # -- runs ----------------------------------------------------------------------------

    def _run(self) -> _Run:
        if self.run is None:
            self.run = _Run(self.source)
        return self.run

    def flush(self) -> None:
        """End the block being built."""
        run = self.run
        self.run = None
        self.num_open = False
        if run is None or not len(run):
            return
        text, marks = run.build()
        self.blocks.append(Block(BlockKind.BODY, text, marks))

    def _begin_text(self) -> None:
        """Start the text of a block: after a waiting number, on the number's block."""
        if self.num_open and self.run is not None:
            self.num_open = False
            self.run.space(self.run.end())
            return
        self.flush()
        self._run()

    # -- structure -----------------------------------------------------------------------

    def container(self, el: Element) -> None:
        """An element holding blocks: each run of inline content in it is a block."""
        inline_open = False
        had_num = False
        for child in el.children:
            if isinstance(child, Text) or child.name in INLINE:
                if not inline_open:
                    if _blank(child):
                        continue  # whitespace between blocks
                    self._begin_text()
                    inline_open = True
                self.inline(child)
                continue
            if inline_open:
                self.flush()
                inline_open = False
            name = child.name
            if name in _SKIP:
                continue
            if name == "num":
                self.flush()
                run = self._run()
                for c in child.children:
                    self.inline(c)
                self.num_open = bool(len(run))
                had_num = had_num or self.num_open
            elif name in _ROW:
                self._begin_text()
                self.flat(child)
                self.flush()
            else:
                self.container(child)
                if name == "preface" and self.front_blocks is None:
                    self.flush()
                    self.front_blocks = len(self.blocks)
        if inline_open:
            self.flush()
        if had_num and self.num_open:
            self.flush()  # a number with no text after it in its unit stands alone

    # -- inline content -------------------------------------------------------------------

    def inline(self, node: Element | Text) -> None:
        """Inline content into the block being built."""
        run = self._run()
        if isinstance(node, Text):
            run.text(node)
            return
        name = node.name
        if name in _SKIP:
            return
        if name in _BREAKS:
            run.space(node.start)
            return
        if name == "authorialNote":
            self._call(node, node.attrs.get("marker", ""), node.tag_end, node)
            return
        if name == "noteRef":
            target = node.attrs.get("href", "").lstrip("#")
            if target in self.note_numbers:  # a note called again: a marker only
                run.noteref(str(self.note_numbers[target]), node.start, node.end)
                return
            number = self._call(node, node.attrs.get("marker", ""), node.end, self.notes.get(target))
            self.note_numbers[target] = number
            return
        kind = (MarkKind.ITALIC if name in _ITALIC else MarkKind.BOLD if name in _BOLD
                else MarkKind.LINK if name in _LINK else None)
        opened = run.open(kind, node.attrs.get("href", "")) if kind is not None else None
        self.flat(node)
        if opened is not None:
            run.close(opened)

    def flat(self, el: Element) -> None:
        """Everything inside `el` on one line: a block inside it (a table cell, a note's
        paragraphs, a quoted structure) is set off by spaces."""
        run = self._run()
        for c in el.children:
            if isinstance(c, Text) or c.name in INLINE:
                self.inline(c)
            elif c.name not in _SKIP:
                run.space(c.start)
                self.flat(c)
                run.space(c.end)

    def _call(self, call: Element, marker: str, call_end: int, note: Element | None) -> int:
        """A footnote call: a zero-width NOTEREF mark here, the note's text as a FOOTNOTE
        block. Returns the footnote's number."""
        marker = marker.strip()
        if marker.isdigit():
            number = int(marker)
        else:
            number = self.next_note
            if marker:
                self.report.warn("W-FOOTNOTE-LABEL",
                                 f"footnote marker '{marker}' is not a number; read as footnote {number}",
                                 call.start)
        self.next_note = max(self.next_note, number + 1)
        self._run().noteref(str(number), call.start, call_end)
        if note is None:
            return number  # the parser reports a marker without its footnote
        outer = self.run
        self.run = _Run(self.source)
        self.flat(note)
        text, marks = self.run.build()
        self.run = outer
        if text.text:
            self.footnotes.append(Block(BlockKind.FOOTNOTE, text, marks, number=number))
        return number


# ---------------------------------------------------------------------------------------------
# metadata


def _meta(root: Element) -> tuple[dict[str, str], dict[str, Element]]:
    """`Source.meta` from the FRBR identification, and the notes of ``meta/notes`` by id."""
    meta: dict[str, str] = {}
    notes: dict[str, Element] = {}
    for m in root.iter("meta"):
        work = next(iter(m.iter("FRBRWork")), None)
        orgs = {e.attrs.get("eId") or e.attrs.get("id", ""): e.attrs.get("showAs", "")
                for e in m.iter("TLCOrganization")}
        if work is not None:
            for e in work.elements():
                v = e.attrs.get("value", "")
                if e.name == "FRBRuri" and v:
                    meta["akn-uri"] = v
                elif e.name == "FRBRnumber":
                    shown = e.attrs.get("showAs") or v
                    if shown:
                        meta["akn-number"] = shown
                elif e.name == "FRBRdate" and "adopt" in e.attrs.get("name", "").lower():
                    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", e.attrs.get("date", "")):
                        meta["adopted"] = e.attrs["date"]
                elif e.name == "FRBRauthor":
                    who = orgs.get(e.attrs.get("href", "").lstrip("#"))
                    if who:
                        meta["akn-author"] = who
                elif e.name == "FRBRname" and v:
                    meta.setdefault("akn-name", v)
        for n in m.iter("note"):
            key = n.attrs.get("eId") or n.attrs.get("id") or n.attrs.get("GUID")
            if key:
                notes[key] = n
    return meta, notes


# ---------------------------------------------------------------------------------------------
# layout a PDF conversion left in the text


def _cut(text: MappedText, marks: tuple[Mark, ...], i: int, j: int) -> tuple[MappedText, tuple[Mark, ...]]:
    """The piece ``[i, j)`` stripped of surrounding whitespace, marks rebased."""
    piece = text[i:j]
    lead = piece.lstrip_len()
    stripped = piece.strip()
    a = i + lead
    b = a + len(stripped)
    out = []
    for m in marks:
        if m.kind is MarkKind.NOTEREF:
            if a <= m.start <= b:
                out.append(Mark(m.kind, m.start - a, m.start - a, m.value, m.source_start, m.source_end))
            continue
        s, e = max(m.start, a), min(m.end, b)
        if s < e:
            out.append(Mark(m.kind, s - a, e - a, m.value, m.source_start, m.source_end))
    return stripped, tuple(out)


def _footnote_areas(blocks: list[Block], first_body: int, report: Report) -> tuple[list[Block], list[Block]]:
    """Split footnote areas out of body blocks: (body blocks, footnote blocks)."""
    out: list[Block] = []
    notes: list[Block] = []
    for k, b in enumerate(blocks):
        m = _RULE_NOTE.search(b.text.text) if k >= first_body else None
        if m is None:
            out.append(b)
            continue
        head, head_marks = _cut(b.text, b.marks, 0, m.start())
        if head.text:
            out.append(Block(BlockKind.BODY, head, head_marks))
        number = int(m.group(1))
        report.warn("W-FOOTNOTE-IN-TEXT",
                    f"a footnote rule and footnote {number} inside the text (a PDF conversion ran the "
                    f"page's footnote area into it): read as footnote {number}", b.text.offset(m.start()))
        s = b.text.text
        at = m.end()
        while True:
            nxt = re.search(rf"(?<=[.;]\s)({number + 1})\s+(?=[A-Z])", s[at:])
            end = at + nxt.start() if nxt else len(s)
            body, marks = _cut(b.text, b.marks, at, end)
            notes.append(Block(BlockKind.FOOTNOTE, body, marks, number=number))
            if nxt is None:
                break
            number += 1
            at = at + nxt.end()
    return out, notes


def _bare_markers(blocks: list[Block], first_body: int, numbers: set[int]) -> list[Block]:
    """Footnote markers written as bare digits, in reading order, from the body on."""
    scanner = MarkerScanner(numbers)
    out: list[Block] = []
    for k, b in enumerate(blocks):
        if k >= first_body:
            text, marks = scanner.scan(b.text, b.marks)
            b = Block(b.kind, text, marks)
        out.append(b)
    return out


# ---------------------------------------------------------------------------------------------


def read(source: Source, report: Report) -> Document:
    """Read an Akoma Ntoso document into blocks."""
    root = parse_xml(source.text)
    if root.name != "akomaNtoso":
        raise ReadError("E-NOT-AKN",
                        f"an XML document whose root element is <{root.name}>: expected Akoma Ntoso "
                        "(<akomaNtoso>) or pdftohtml -xml output (<pdf2xml>)", root.start)
    meta, notes = _meta(root)
    walker = _Walker(source.text, report, notes)
    walker.container(root)
    walker.flush()
    first_body = walker.front_blocks or 0
    blocks = walker.blocks
    blocks, area_notes = _footnote_areas(blocks, first_body, report)
    notes_found = walker.footnotes + area_notes
    if area_notes:
        called = {int(m.value) for b in blocks for m in b.marks
                  if m.kind is MarkKind.NOTEREF and m.value.isdigit()}
        loose = {b.number for b in area_notes if b.number is not None} - called
        if loose:
            blocks = _bare_markers(blocks, first_body, loose)
    if not any(b.text.text.strip() for b in blocks):
        raise ReadError("E-EMPTY", "the Akoma Ntoso document holds no text", root.start)
    return Document(Source(source.path, source.text, NAME, meta), tuple(blocks + notes_found))


__all__ = ["NAME", "Element", "Text", "parse_xml", "read", "sniff"]
