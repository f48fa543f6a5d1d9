"""Body blocks -> a tree of paragraphs, headings, closing line and annexes.

The parser knows resolutions, not layouts: it receives clean blocks from a reader and decides
what each one is. One pass over the blocks, in order, with a small amount of state (are we in
the preamble, the operative part, an annex; which number comes next). The rules, in the order
they are tried for each block:

0. an annex heading in capitals run into the text before it is split off;
1. the closing line (``49th plenary meeting``, ``Adopted unanimously at the 1382nd meeting``);
2. after it, ``Annex`` headings with their titles; in texts without a closing line (ITU), an
   ``ANNEX 1 TO DECISION 5 (...)`` heading, or ``Annex`` alone after an operative part that
   ended its sentence;
3. a paragraph number (``5.``; in annexes ``5)`` where 5 is expected), an item number under an
   intro phrase (``1 to hold``, ``4.1 salary``), a sub-paragraph label (``(a)``, ``a)``), a
   section heading; then an intro phrase standing alone after a closed clause (ITU style:
   *considering*, *resolves*, *instructs the Secretary-General*, in lower case or wholly in
   italics): a paragraph whose items follow as its sub-paragraphs;
4. otherwise, a block that does not close its clause continues the paragraph before it (the
   page-break rule: a paragraph split by a page break or a footnote area is joined again),
   as does a block starting in lower case;
5. otherwise a new unnumbered paragraph: preambular or operative by its opener; items after a
   paragraph ending in ``:`` whose labels the source lost get their labels back.

A block may hold more than one paragraph when an export ran them together ("... Future. 9. We
note"): it is split at the number expected next; items under an intro phrase likewise ("...
the forum; 10 that broad", "... following: 1.1 that"). Item numbers starting again at 1 under
an intro phrase mean a new intro phrase the source ran into the end of the last item ("...
expenses, instructs the Secretary-General"): it is cut off and read as one (a warning).
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from ..diagnostics import Report
from ..readers.base import Block, Mark, MarkKind
from ..readers.mapped import MappedText
from ..verbs import Opener, vocabulary
from .labels import (
    NUMBER_RE,
    OCR_DIGITS,
    Label,
    Level,
    label_number,
    place,
    read_bare_label,
    read_label,
)
from .titleblock import ITU_CONFERENCES

BODY_NAMES = (r"General Assembly|Security Council|Human Rights Council|Economic and Social Council"
              r"|Trusteeship Council")
_CONFERENCE_NAMES = "|".join(c.replace(" ", r"\s+") for c in ITU_CONFERENCES)
FORMULA_RE = re.compile(
    rf"The\s+(?:(?P<body>{BODY_NAMES})"
    rf"|(?P<conference>{_CONFERENCE_NAMES})\s+of\s+the\s+International\s+Telecommunication\s+Union"
    rf"(?:\s*\((?P<place>[^(),]{{1,40}}),\s*(?P<year>\d{{4}})\))?)\s*,?")
"""The enacting formula: "The General Assembly,"; "The Plenipotentiary Conference of the
International Telecommunication Union (Dubai, 2018),"."""
CLOSING_RE = re.compile(
    r"(?:\d{1,4}\s?(?:st|nd|rd|th|d)\s+(?:plenary\s+)?meeting\b"
    r"|Adopted\b[^\n]{0,80}?\bat\s+the\s+\d{1,4}\s?\w{0,2}\s+(?:plenary\s+)?meeting\b)",
    re.DOTALL)
VOTE_BRACKET_RE = re.compile(r"\[\s*Adopted\b")
DATE_ONLY_RE = re.compile(
    r"\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{4}\.?")
ANNEX_RE = re.compile(
    r"(?P<label>(?:Annex|ANNEX)(?:\s+(?P<num>[IVXL]+|\d{1,2})\b)?"
    r"(?P<to>\s+(?:TO|to)\s+(?:RESOLUTION|DECISION|Resolution|Decision)\s+\d{1,4}(?![\d/])"
    r"(?:\s*\([^()\n]{1,40}\))?)?)\s*(?P<rest>.*)", re.DOTALL)
"""An annex heading: "Annex", "Annex II", "ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)" (the
label), and what follows it on the block."""
RUN_IN_ANNEX_RE = re.compile(
    r"(?<=\s)ANNEX\s+(?:\d{1,2}|[IVXL]{1,5})\s+TO\s+(?:RESOLUTION|DECISION)\s+\d")
"""An annex heading in capitals run into the text before it (an ITU text converted from PDF:
"... calendar year 2021. ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018) TABLE 1 ..."). Mixed case
("contained in Annex 2 to this decision") is text, never a heading."""
CLOSE_NUMBER_RE = re.compile(r"(?P<num>\d{1,3})\)(?=\s+[A-Z“\"‘(])")
"""An annex paragraph numbered ``1)`` (ITU annexes); read only where it is the number expected."""
ROMAN_HEAD_RE = re.compile(r"(?P<label>[IVXL]{1,6})\.?(?:\s+(?P<rest>.*))?", re.DOTALL)
LETTER_HEAD_RE = re.compile(r"(?P<label>[A-H])\.?(?:\s+(?P<rest>.*))?", re.DOTALL)
_NO_SPLIT_BEFORE = re.compile(
    r"(?:paragraphs?|paras?\.|resolutions?|items?|[Aa]rticles?|annex|sections?|chapters?|No\.|"
    r"vol\.|rule|rules|Goal|goal|target|page)\s*$")
CONNECTIVE_RE = re.compile(r"(?:Now,?\s+)?(?:Therefore|Accordingly|Consequently|Hence),?")
_RUNS_ON = re.compile(r"\b(?:the|of|and|on|for|to|in|a|an|with|by|at|from|or)$")
ADOPTS_TEXT_RE = re.compile(r"\b(?:following|as follows)\b[^:]*:\s*$")


def closes_clause(text: str) -> bool:
    """Whether `text` ends a clause: with , ; : . ! ? (closing quotes and brackets aside)."""
    t = text.rstrip().rstrip("”’\"')]")
    return bool(t) and t[-1] in ",;:.!?"


def heading_like(text: str) -> bool:
    """Short, no closing punctuation, starting with a capital or a digit: a heading or title."""
    t = text.strip()
    if not t or len(t) > 250 or t[-1] in ",;.:":
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "“\""):
        return False
    return len(t.split()) <= 30


@dataclass(slots=True)
class Node:
    """A paragraph (or sub-paragraph) being assembled."""

    part: str
    label: str | None
    number: str | None
    text: MappedText
    marks: list[Mark]
    start: int
    """Source offset of the label (or the first character)."""
    children: list[Node] = field(default_factory=list)
    section: str | None = None
    style: str | None = None
    ordinal: int | None = None
    inferred: bool = False
    pending: list[Node] = field(default_factory=list)
    """Unlabelled blocks after this paragraph closed its clause: continuation or lost-label
    items, decided when the paragraph ends."""
    levels: list[Level] = field(default_factory=list)
    intro: bool = False
    """An intro phrase standing alone ("considering", "resolves", "instructs the
    Secretary-General": ITU style), whose items follow as its sub-paragraphs."""

    @property
    def end(self) -> int:
        last = self.children[-1].end if self.children else 0
        own = self.text.offset(len(self.text) - 1) + 1 if len(self.text) else self.start
        return max(last, own)

    def last_descendant(self) -> Node:
        node = self
        while node.children:
            node = node.children[-1]
        return node


@dataclass(slots=True)
class HeadingNode:
    """A section heading or sub-heading."""

    label: str | None
    title: MappedText
    start: int
    end: int
    before: Node | None = None
    level: int = 2
    marks: list[Mark] = field(default_factory=list)


@dataclass(slots=True)
class LineNode:
    """Text outside paragraphs kept as read (formula, closing line, annex title lines)."""

    text: MappedText
    marks: list[Mark] = field(default_factory=list)
    """Its marks (a footnote marker in a closing line: "meeting. 22")."""

    @property
    def start(self) -> int:
        return self.text.offset(0)

    @property
    def end(self) -> int:
        return self.text.offset(len(self.text) - 1) + 1 if len(self.text) else self.start


@dataclass(slots=True)
class AnnexNode:
    """An annex, or a text adopted "as follows"."""

    label: str
    front: list[LineNode]
    paragraphs: list[Node] = field(default_factory=list)
    headings: list[HeadingNode] = field(default_factory=list)
    adopted_text: bool = False
    part: str | None = None


@dataclass(slots=True)
class PartNode:
    """One resolution of several under one number (parts A, B)."""

    label: str
    heading: list[LineNode]
    formula: LineNode | None
    paragraphs: list[Node] = field(default_factory=list)
    headings: list[HeadingNode] = field(default_factory=list)
    closing: list[LineNode] = field(default_factory=list)


@dataclass(slots=True)
class Body:
    """Everything after the title block."""

    formula: LineNode | None
    paragraphs: list[Node] = field(default_factory=list)
    headings: list[HeadingNode] = field(default_factory=list)
    closing: list[LineNode] = field(default_factory=list)
    annexes: list[AnnexNode] = field(default_factory=list)
    parts: list[PartNode] = field(default_factory=list)
    numbered_ops: bool = False


def _shift(marks: list[Mark] | tuple[Mark, ...], by: int, lo: int = 0, hi: int | None = None) -> list[Mark]:
    out = []
    for m in marks:
        if m.start < lo or (hi is not None and m.start > hi) or (hi is not None and m.start == hi and m.end > hi):
            continue
        out.append(Mark(m.kind, m.start + by, min(m.end, hi if hi is not None else m.end) + by,
                        m.value, m.source_start, m.source_end))
    return out


def cut(text: MappedText, marks: list[Mark], i: int, j: int | None = None) -> tuple[MappedText, list[Mark]]:
    """The piece ``[i, j)`` of a block with its marks, positions rebased."""
    j = len(text) if j is None else j
    piece = text[i:j]
    out = []
    for m in marks:
        if m.kind is MarkKind.NOTEREF:
            if i <= m.start <= j and not (m.start == j and j < len(text)):
                out.append(Mark(m.kind, m.start - i, m.start - i, m.value, m.source_start, m.source_end))
            elif m.start == i and i > 0 and m.start == j:
                pass
            continue
        s, e = max(m.start, i), min(m.end, j)
        if s < e:
            out.append(Mark(m.kind, s - i, e - i, m.value, m.source_start, m.source_end))
    # strip leading whitespace, keeping marks aligned
    lead = piece.lstrip_len()
    if lead:
        piece = piece[lead:]
        out = [Mark(m.kind, max(0, m.start - lead), max(0, m.end - lead), m.value, m.source_start,
                    m.source_end) for m in out]
    trimmed = piece.strip()
    if len(trimmed) < len(piece):
        n = len(trimmed)
        out = [Mark(m.kind, min(m.start, n), min(m.end, n), m.value, m.source_start, m.source_end) for m in out]
        piece = trimmed
    return piece, out


def join(a: MappedText, am: list[Mark], b: MappedText, bm: list[Mark]) -> tuple[MappedText, list[Mark]]:
    """``a + " " + b`` with marks."""
    if not len(a):
        return b, list(bm)
    space = MappedText.synthetic(" ", a.offset(len(a) - 1) + 1)
    text = a + space + b
    return text, list(am) + _shift(bm, len(a) + 1)


@dataclass(slots=True)
class Piece:
    """A block (or part of one) waiting to be classified."""

    text: MappedText
    marks: list[Mark]
    after_break: bool = False


class Assembler:
    """Turns the body blocks of one resolution (or part) into a `Body`."""

    def __init__(self, report: Report, body_name: str | None) -> None:
        self.report = report
        self.body_name = body_name or ""
        self.vocab = vocabulary()

    # -- helpers -------------------------------------------------------------------------

    def _split_at_number(self, piece: Piece, n: int, from_pos: int = 0,
                         delim: str = ".") -> tuple[Piece, Piece | None]:
        """Split `piece` where paragraph `n` starts inside it (an export ran them together).

        Paragraph ``n + 1`` or ``n + 2`` is accepted as well, after a full stop: an export that
        lost a paragraph number (80/3's annex paragraph 2) must not swallow the next one; the
        caller's numbering reports the gap. `delim` is what follows the number: ``.``, or
        ``)`` for texts numbering ``1)``."""
        s = piece.text.text
        d = re.escape(delim)
        for m in re.finditer(rf"(?<=\s)({n}|{n + 1}|{n + 2}){d}\s+(?=[A-Z“\"‘(])", s):
            if m.start() <= from_pos:
                continue
            before = s[:m.start()].rstrip()
            if _NO_SPLIT_BEFORE.search(before):
                continue
            if int(m.group(1)) != n and not (closes_clause(before) or heading_like(before[-120:])):
                continue
            # the text before must end a sentence, or be a heading running into the paragraph
            if not (closes_clause(before) or before[-1:].isalpha() or before[-1:].isdigit()
                    or before[-1:] in ")”’"):
                continue
            if before[-1:].isalpha() and not heading_like(before.split(". ")[-1]) and not closes_clause(before):
                # "... facility for 15. We emphasize": the export lost the end of a sentence;
                # still a paragraph start when the number is the one expected next
                pass
            head_t, head_m = cut(piece.text, piece.marks, 0, m.start())
            tail_t, tail_m = cut(piece.text, piece.marks, m.start())
            return Piece(head_t, head_m, piece.after_break), Piece(tail_t, tail_m, False)
        return piece, None

    def _intro(self, piece: Piece) -> Opener | None:
        """The opener of a block that is an intro phrase and nothing else: a known head at its
        start, written in lower case or wholly in italics, short, not closing a clause (or
        ending in a colon). Never a block continuing a page."""
        text = piece.text.text.rstrip()
        if piece.after_break or len(text.split()) > 16:
            return None
        if closes_clause(text) and not text.endswith(":"):
            return None
        italic = any(m.kind is MarkKind.ITALIC and m.start == 0 and m.end >= len(text.rstrip(":"))
                     for m in piece.marks)
        if not (text[:1].islower() or italic):
            return None
        o = self.vocab.opener(text, guess=False)
        return o if o is not None and o.start == 0 else None

    def _run_in_intro(self, top: Node) -> Piece | None:
        """Cut an intro phrase off the end of the last item of `top` ("... of total annual
        expenses, instructs the Secretary-General, with the assistance of the Coordination
        Committee"), where a conversion lost the line break before it. Returns the phrase."""
        last = top.last_descendant()
        s = last.text.text
        if closes_clause(s):
            return None
        for m in re.finditer(r"[,;:.]\s+(?=[a-z])", s):
            tail = Piece(*cut(last.text, last.marks, m.end()))
            if self._intro(tail) is None:
                continue
            last.text, last.marks = cut(last.text, last.marks, 0, m.start() + 1)
            self.report.warn("W-INTRO-RUN-IN",
                             f"the intro phrase '{tail.text.text}' stood at the end of the item "
                             f"before it; read as the intro of the items numbered again from 1",
                             tail.text.offset(0))
            return tail
        return None

    @staticmethod
    def _bare_fits(top: Node, label: Label, under: int | None) -> bool:
        """Whether a bare item number continues the items of intro paragraph `top`: 1 to
        start them (or start them again), the next number, a gap of at most two; ``4.1``
        only under item 4."""
        level = top.levels[0] if top.levels and top.levels[0].shape == "bare" else None
        n = label.readings[0][1]
        if under is not None:
            return level is not None and under == level.last
        if level is None:
            return n == 1 and not top.children
        return n == 1 or level.last < n <= level.last + 3

    @staticmethod
    def _split_at_item(piece: Piece, label: Label,
                       under: int | None) -> tuple[Piece, Piece | None]:
        """Split a bare-numbered item where the next item starts inside it ("... the forum;
        10 that broad participation", "... the following: 1.1 that the amount"): after a
        clause ends, the next number, or the first number under this one."""
        n = label.readings[0][1]
        if under is None:
            nxt = rf"{n + 1}|{n}\.1"
        else:
            nxt = rf"{under}\.{n + 1}|{under + 1}"
        s = piece.text.text
        m = re.search(rf"(?<=[;:,.]\s)(?:{nxt})\s+(?=[a-z“\"‘])", s)
        if m is None:
            return piece, None
        head_t, head_m = cut(piece.text, piece.marks, 0, m.start())
        tail_t, tail_m = cut(piece.text, piece.marks, m.start())
        return Piece(head_t, head_m, piece.after_break), Piece(tail_t, tail_m)

    def opener_part(self, text: str) -> str | None:
        o = self.vocab.opener(text, guess=False)
        return o.part if o else None

    # -- the pass ---------------------------------------------------------------------------

    def assemble(self, blocks: list[Block], formula: LineNode | None, prefix_part: str | None = None) -> Body:
        body = Body(formula)
        queue: deque[Piece] = deque(Piece(b.text, list(b.marks), b.after_break) for b in blocks)
        state = "preamble"  # preamble | operative | closed | annex
        top: Node | None = None  # current top-level paragraph
        next_op = 1
        annex: AnnexNode | None = None
        annex_next = 1
        pending_heading: list[HeadingNode] = []
        section: str | None = None
        annex_title_open = False
        seen_numbers: set[int] = set()

        def container() -> list[Node]:
            return annex.paragraphs if annex is not None else body.paragraphs

        def headings() -> list[HeadingNode]:
            return annex.headings if annex is not None else body.headings

        def finish_top() -> None:
            nonlocal top
            if top is not None:
                self._settle_pending(top)
            top = None

        def add_top(node: Node) -> None:
            nonlocal top
            finish_top()
            node.section = section
            container().append(node)
            for h in pending_heading:
                h.before = node
            pending_heading.clear()
            top = node

        while queue:
            piece = queue.popleft()
            text = piece.text.text
            if not text:
                continue
            start = piece.text.offset(0)

            # 0. an annex heading in capitals run into the text before it: split it off
            run_in = RUN_IN_ANNEX_RE.search(text)
            if run_in is not None and text[:run_in.start()].strip():
                head_t, head_m = cut(piece.text, piece.marks, 0, run_in.start())
                tail_t, tail_m = cut(piece.text, piece.marks, run_in.start())
                queue.appendleft(Piece(tail_t, tail_m))
                queue.appendleft(Piece(head_t, head_m, piece.after_break))
                continue

            # 1. the closing line (also after a text adopted "as follows", which it closes)
            if (state != "annex" or (annex is not None and annex.adopted_text)) and CLOSING_RE.match(text):
                finish_top()
                body.closing.append(LineNode(piece.text, piece.marks))
                while queue and (DATE_ONLY_RE.fullmatch(queue[0].text.text.strip())
                                 or VOTE_BRACKET_RE.match(queue[0].text.text)):
                    bracket = VOTE_BRACKET_RE.match(queue[0].text.text)
                    body.closing.append(LineNode(queue[0].text, queue.popleft().marks))
                    if bracket:
                        self._bracket_rest(body, queue)
                state = "closed"
                continue
            if state == "closed" and VOTE_BRACKET_RE.match(text):
                body.closing.append(LineNode(piece.text, piece.marks))
                self._bracket_rest(body, queue)
                continue

            # 2. annexes
            am = ANNEX_RE.fullmatch(text)
            # after the closing line; in texts without one (ITU, Akoma Ntoso attachments), a
            # heading "ANNEX 1 TO DECISION 5 (...)" says by itself that the annexes begin, and so
            # does a block "Annex" alone after an operative part that ended its sentence
            ended = (state == "operative" and top is not None and not top.pending
                     and top.last_descendant().text.text.rstrip().endswith("."))
            starts = state in ("closed", "annex") or (am is not None and (
                am["to"] or (ended and not am["rest"])))
            if am and starts and (not am["rest"] or am["rest"][:1].isupper()
                                  or am["rest"][:1].isdigit()):
                finish_top()
                label_end = am.end("label")
                label_t, _ = cut(piece.text, piece.marks, 0, label_end)
                annex = AnnexNode(label=" ".join(am["label"].split()), front=[LineNode(label_t)],
                                  part=prefix_part)
                body.annexes.append(annex)
                annex_next = 1
                section = None
                state = "annex"
                annex_title_open = True
                rest = text[label_end:].strip()
                if rest:
                    tail_t, tail_m = cut(piece.text, piece.marks, label_end)
                    head, more = self._split_at_number(Piece(tail_t, tail_m), 1, -1)
                    if more is None:
                        head, more = self._split_at_number(Piece(tail_t, tail_m), 1, -1, ")")
                    if more is not None and head.text.text.strip():
                        annex.front.append(LineNode(head.text, head.marks))
                        annex_title_open = False
                        queue.appendleft(more)
                    else:
                        queue.appendleft(Piece(tail_t, tail_m))
                continue

            if state == "closed":
                # something after the closing line that is not an annex: keep it, as an annex
                # without a label, so that nothing is lost
                self.report.warn("W-AFTER-CLOSING",
                                 "text after the closing line that is not an annex; kept as an unlabelled annex",
                                 start)
                annex = AnnexNode(label="", front=[], part=prefix_part)
                body.annexes.append(annex)
                annex_next = 1
                state = "annex"
                annex_title_open = False

            # 3a. a paragraph number ("5."; in annexes also "5)" where 5 is expected)
            nm = NUMBER_RE.match(text)
            expected = annex_next if state == "annex" else next_op
            if nm is None and state == "annex":
                nm = CLOSE_NUMBER_RE.match(text)
                if nm is not None and int(nm["num"]) != expected:
                    nm = None
            delim = ")" if nm is not None and nm.re is CLOSE_NUMBER_RE else "."
            ocr = nm["ocr"] if nm is not None and delim == "." else None
            comma = nm["comma"] if nm is not None and delim == "." else None
            if nm and ocr and OCR_DIGITS[ocr] != expected % 10:
                nm = None
            if nm and ocr and heading_like(text[nm.end():]):
                nm = None  # "I. Context": a section heading, not an OCR'd "1."
            if nm and comma and int(comma) != expected:
                nm = None  # "2024, the ...": a number, not a misread paragraph number
            if nm:
                if ocr or comma:
                    n = expected
                    self.report.warn("W-OCR-NUMBER",
                                     f"read '{nm.group(0)}' as paragraph number {n} (the number expected here)",
                                     start)
                else:
                    n = int(nm["num"])
                body_t, body_m = cut(piece.text, piece.marks, nm.end())
                head, more = self._split_at_number(Piece(body_t, body_m, piece.after_break), n + 1,
                                                   delim=delim)
                if more is not None:
                    queue.appendleft(more)
                label = nm.group(0)
                annex_title_open = False
                if state == "annex" and annex is not None:
                    if n != annex_next:
                        self._sequence_warning(n, annex_next, start, seen=None)
                    annex_next = n + 1
                    node = Node("annex", label, str(n), head.text, head.marks, start, ordinal=n)
                else:
                    if state == "preamble" or state == "operative":
                        state = "operative"
                    if n != next_op:
                        self._sequence_warning(n, next_op, start, seen_numbers)
                    seen_numbers.add(n)
                    next_op = n + 1
                    body.numbered_ops = True
                    node = Node("operative", label, str(n), head.text, head.marks, start, ordinal=n)
                add_top(node)
                continue

            # 3b. an item number under an intro phrase ("1 to hold", "4.1 salary"; ITU style)
            if top is not None and top.intro and state != "annex":
                bare = read_bare_label(text)
                if bare is not None and self._bare_fits(top, bare[0], bare[2]):
                    sub_label, after, _ = bare
                    if sub_label.shape == "bare" and sub_label.readings[0][1] == 1 and top.children:
                        # numbering starts again: an intro phrase the source ran into the end
                        # of the last item ("... expenses, instructs the Secretary-General")
                        intro = self._run_in_intro(top)
                        if intro is not None:
                            add_top(Node(top.part, None, None, intro.text, intro.marks,
                                         intro.text.offset(0), intro=True))
                            assert top is not None
                    body_t, body_m = cut(piece.text, piece.marks, after)
                    head, more = self._split_at_item(Piece(body_t, body_m), sub_label, bare[2])
                    if more is not None:
                        queue.appendleft(more)
                    self._add_child(top, sub_label, head.text, head.marks, start)
                    continue

            # 3b. a sub-paragraph label
            lab = read_label(text)
            if lab is not None and top is not None:
                sub_label, after = lab
                body_t, body_m = cut(piece.text, piece.marks, after)
                self._add_child(top, sub_label, body_t, body_m, start)
                continue

            # 3c. headings
            if self._heading(piece, queue, state, headings(), pending_heading,
                             top, annex, annex_title_open,
                             expected=(annex_next if state == "annex" else next_op)):
                h = headings()[-1] if headings() else None
                if h is not None and h.label:
                    section = h.label.rstrip(".")
                if state == "annex" and annex is not None and annex_title_open and not annex.paragraphs:
                    pass
                finish_top()
                continue

            # 3d. an intro phrase standing alone ("considering", "resolves", "instructs the
            # Secretary-General"): ITU style; its items follow as sub-paragraphs
            if state in ("preamble", "operative") and (
                    top is None or closes_clause((top.pending[-1] if top.pending
                                                  else top.last_descendant()).text.text)):
                opener = self._intro(piece)
                if opener is not None:
                    if state == "preamble" and opener.part == "operative":
                        state = "operative"
                    add_top(Node(state, None, None, piece.text, piece.marks, start, intro=True))
                    continue

            # 4. continuation: a block that does not close its clause, or starts in lower case
            if top is not None:
                last = top.last_descendant() if not top.pending else top.pending[-1]
                if not closes_clause(last.text.text) or text[:1].islower():
                    last.text, last.marks = join(last.text, last.marks, piece.text, piece.marks)
                    continue

            # 4b. an adopted text begins: "Adopts the following declaration:" + title
            if (state == "operative" and top is not None and not top.children and not top.pending
                    and ADOPTS_TEXT_RE.search(top.text.text) and heading_like(text)
                    and self.opener_part(text) is None):
                finish_top()
                annex = AnnexNode(label="", front=[LineNode(piece.text, piece.marks)], adopted_text=True,
                                  part=prefix_part)
                body.annexes.append(annex)
                annex_next = 1
                state = "annex"
                annex_title_open = True
                continue

            if state == "annex" and annex is not None and annex_title_open and not annex.paragraphs \
                    and heading_like(text):
                last_front = annex.front[-1] if annex.front else None
                if last_front is not None and len(annex.front) > (0 if annex.adopted_text else 1) \
                        and _RUNS_ON.search(last_front.text.text):
                    # a title broken over two lines ("... meeting of the" / "General Assembly ...")
                    last_front.text, last_front.marks = join(last_front.text, last_front.marks,
                                                             piece.text, piece.marks)
                else:
                    annex.front.append(LineNode(piece.text, piece.marks))
                continue

            # a connective standing alone before the operative part ("Therefore")
            if state == "preamble" and CONNECTIVE_RE.fullmatch(text):
                finish_top()
                h = HeadingNode(None, piece.text, start, piece.text.offset(len(piece.text) - 1) + 1,
                                level=3, marks=list(piece.marks))
                headings().append(h)
                pending_heading.append(h)
                continue

            # 5. a new unnumbered paragraph, or an item that lost its label
            part = self.opener_part(text)
            if state == "annex":
                annex_title_open = False
                if top is not None and top.number is not None:
                    top.pending.append(Node("annex", None, None, piece.text, piece.marks, start))
                    continue
                add_top(Node("annex", None, None, piece.text, piece.marks, start))
                continue
            if state == "preamble":
                if part == "operative":
                    state = "operative"
                    add_top(Node("operative", None, None, piece.text, piece.marks, start))
                else:
                    add_top(Node("preamble", None, None, piece.text, piece.marks, start))
                continue
            # operative part
            if part == "operative":
                if body.numbered_ops:
                    n = next_op
                    self.report.warn("W-NUMBER-MISSING",
                                     f"operative paragraph without a number; read as paragraph {n}",
                                     start)
                    seen_numbers.add(n)
                    next_op = n + 1
                    add_top(Node("operative", None, str(n), piece.text, piece.marks, start,
                                 inferred=True, ordinal=n))
                else:
                    add_top(Node("operative", None, None, piece.text, piece.marks, start))
                continue
            if top is not None:
                top.pending.append(Node(top.part, None, None, piece.text, piece.marks, start))
                continue
            add_top(Node("operative", None, None, piece.text, piece.marks, start))
        finish_top()
        for h in pending_heading:
            h.before = None
        return body

    # -- pieces of the pass -------------------------------------------------------------

    @staticmethod
    def _bracket_rest(body: Body, queue: deque[Piece]) -> None:
        """A vote bracket runs on over several blocks ("In favour: ...") to its "]"."""
        last = body.closing[-1].text.text.rstrip()
        while queue and not last.endswith("]"):
            nxt = queue.popleft()
            body.closing.append(LineNode(nxt.text, nxt.marks))
            last = nxt.text.text.rstrip()

    def _sequence_warning(self, n: int, expected: int, at: int, seen: set[int] | None) -> None:
        if seen is not None and n in seen:
            self.report.warn("W-NUMBER-REPEATED", f"paragraph number {n} appears twice", at)
        elif n > expected:
            missing = f"{expected}" if n == expected + 1 else f"{expected} to {n - 1}"
            self.report.warn("W-NUMBER-GAP",
                             f"paragraph {n} follows paragraph {expected - 1}: paragraph {missing} is missing",
                             at)
        else:
            self.report.warn("W-NUMBER-SEQUENCE",
                             f"paragraph {n} out of sequence: expected paragraph {expected}", at)

    def _add_child(self, top: Node, label: Label, text: MappedText, marks: list[Mark], start: int) -> None:
        # labelled items after unlabelled ones: the unlabelled ones lost their labels
        if top.pending:
            readings = dict(label.readings)
            k = len(top.pending)
            if not top.levels and any(n == k + 1 for n in readings.values()):
                style = next(s for s, n in label.readings if n == k + 1)
                top.levels.append(Level(label.shape, style, 0))
                for item in top.pending:
                    self._infer_child(top, item, top.levels[0])
                top.pending.clear()
            else:
                self._settle_pending(top)
        depth, style, n, in_seq, ocr_roman, misread = place(top.levels, label)
        if misread:
            self.report.warn("W-OCR-LABEL",
                             f"read '{label.text}' as '({label_number(style, n)})': a letter misread "
                             "as a digit", start)
        if not in_seq:
            self.report.warn("W-LABEL-SEQUENCE", f"sub-paragraph {label.text} out of sequence", start)
        parent = top
        for _ in range(depth):
            if not parent.children:
                break
            parent = parent.children[-1]
        if ocr_roman:
            for sib in parent.children:
                if sib.style == "digit":
                    sib.style = "roman"
                    sib.number = label_number("roman", sib.ordinal or 1)
                    self.report.warn("W-OCR-LABEL",
                                     f"read '{sib.label}' as '({sib.number})': a roman numeral misread as a digit",
                                     sib.start)
        child = Node(top.part, label.text, label_number(style, n), text, marks, start,
                     style=style, ordinal=n)
        parent.children.append(child)

    def _infer_child(self, top: Node, item: Node, level: Level) -> None:
        level.last += 1
        number = label_number(level.style, level.last)
        item.number = number
        item.style = level.style
        item.ordinal = level.last
        item.inferred = True
        item.part = top.part
        self.report.warn("W-LABEL-INFERRED",
                         f"sub-paragraph without its label; read as ({number}) from its place in the list",
                         item.start)
        top.children.append(item)

    def _settle_pending(self, top: Node) -> None:
        """Decide what unlabelled blocks after a closed paragraph were."""
        if not top.pending:
            return
        items = top.pending
        top.pending = []
        listy = all(closes_clause(i.text.text) for i in items)
        if top.children and listy and top.levels:
            lvl = top.levels[0]
            del top.levels[1:]
            for item in items:
                self._infer_child(top, item, lvl)
            return
        if not top.children and top.text.text.rstrip().endswith(":") and listy:
            top.levels.append(Level("paren", "alpha", 0))
            for item in items:
                self._infer_child(top, item, top.levels[0])
            return
        for item in items:
            last = top.last_descendant()
            last.text, last.marks = join(last.text, last.marks, item.text, item.marks)

    def _heading(self, piece: Piece, queue: deque[Piece], state: str, heads: list[HeadingNode],
                 pending: list[HeadingNode], top: Node | None, annex: AnnexNode | None,
                 annex_title_open: bool, expected: int) -> bool:
        """Section headings (``I. Title``, ``A``) and, in annexes, plain sub-headings."""
        text = piece.text.text
        start = piece.text.offset(0)
        if top is not None and not closes_clause(top.last_descendant().text.text):
            return False
        m = ROMAN_HEAD_RE.fullmatch(text) or LETTER_HEAD_RE.fullmatch(text)
        label = None
        title_piece: Piece | None = None
        if m and (m["rest"] is None or m["rest"][:1].isupper() or m["rest"][:1].isdigit()):
            label = m["label"] + ("." if text[len(m["label"]):len(m["label"]) + 1] == "." else "")
            rest_at = m.start("rest") if m["rest"] is not None else len(text)
            if m["rest"] is not None:
                t, mk = cut(piece.text, piece.marks, rest_at)
                head, more = self._split_at_number(Piece(t, mk), expected, -1)
                if more is not None:
                    queue.appendleft(more)
                    title_piece = head
                elif heading_like(t.text):
                    title_piece = Piece(t, mk)
                else:
                    return False
            elif queue and heading_like(queue[0].text.text) and not NUMBER_RE.match(queue[0].text.text):
                nxt = queue.popleft()
                head, more = self._split_at_number(nxt, expected, -1)
                if more is not None:
                    queue.appendleft(more)
                title_piece = head
        elif state == "annex" or (state == "operative" and top is not None):
            # a plain sub-heading: a heading-like block that runs into the paragraph expected next
            head, more = self._split_at_number(piece, expected, -1)
            if more is not None and heading_like(head.text.text) and head.text.text.strip():
                queue.appendleft(more)
                title_piece = head
            elif state == "annex" and heading_like(text) and self.opener_part(text) is None \
                    and not text.startswith("We ") and top is not None and len(text.split()) <= 12:
                title_piece = piece
            else:
                return False
        else:
            return False
        title = title_piece.text if title_piece is not None else MappedText.synthetic("", start)
        end_src = (title.offset(len(title) - 1) + 1) if len(title) else start + len(label or "")
        h = HeadingNode(label, title, start, end_src, level=2 if label else 3,
                        marks=list(title_piece.marks) if title_piece is not None else [])
        heads.append(h)
        pending.append(h)
        return True
