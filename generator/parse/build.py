"""Assembled nodes -> model objects: ids, openers, footnotes, citations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..citations import find_citations
from ..diagnostics import Report
from ..model import Annex, Citation, Footnote, Heading, Line, NoteRef, Paragraph, Range, Span
from ..readers.base import Block, Mark, MarkKind
from ..readers.mapped import MappedText
from ..verbs import vocabulary
from .structure import AnnexNode, HeadingNode, LineNode, Node

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def line(node: LineNode | MappedText, marks: Sequence[Mark] = ()) -> Line:
    """A `Line` for text kept as read (with its footnote markers)."""
    return joined_line([node], [marks])


def joined_line(nodes: Sequence[LineNode | MappedText],
                marks: Sequence[Sequence[Mark]] | None = None) -> Line:
    """Several lines kept as one (a closing line and its date), joined by spaces."""
    texts: list[str] = []
    refs: list[NoteRef] = []
    at = 0
    for k, node in enumerate(nodes):
        t = node.text if isinstance(node, LineNode) else node
        mk = node.marks if isinstance(node, LineNode) else (marks[k] if marks else ())
        for m in mk:
            if m.kind is MarkKind.NOTEREF and m.value.isdigit():
                refs.append(NoteRef(int(m.value), at + m.start, Span(m.source_start, m.source_end)))
        texts.append(t.text)
        at += len(t.text) + 1
    first = nodes[0].text if isinstance(nodes[0], LineNode) else nodes[0]
    last = nodes[-1].text if isinstance(nodes[-1], LineNode) else nodes[-1]
    a = first.span(0, len(first))[0]
    b = last.span(0, len(last))[1]
    return Line(" ".join(texts), Span(a, b), tuple(refs))


def pieces(text: MappedText, source: str) -> tuple[Span, ...]:
    """The source pieces of a text that runs over a page break (see `Footnote.pieces`)."""
    a, b = text.span(0, len(text))
    if "\f" not in source[a:b] and not _BLANK_LINE.search(source, a, b):
        return ()
    offsets = text.source_offsets()
    out: list[Span] = []
    start = prev = offsets[0]
    for o in offsets[1:]:
        if o > prev + 1 and source[prev + 1:o].strip(" \t\n-‑"):
            out.append(Span(start, prev + 1))
            start = o
        prev = max(prev, o)
    out.append(Span(start, prev + 1))
    return tuple(out) if len(out) > 1 else ()


@dataclass(slots=True)
class Builder:
    """Builds paragraphs and collects what the footnotes and citations need."""

    report: Report
    body_name: str | None
    texts: dict[str, tuple[MappedText, list[Mark]]] = field(default_factory=dict)
    """Paragraph id -> its text and marks (for citations)."""
    used_ids: set[str] = field(default_factory=set)

    def unique(self, pid: str, at: int) -> str:
        if pid not in self.used_ids:
            self.used_ids.add(pid)
            return pid
        k = 2
        while f"{pid}-{k}" in self.used_ids:
            k += 1
        self.report.warn("W-DUPLICATE-ID", f"a second paragraph with id {pid}; this one is {pid}-{k}", at)
        self.used_ids.add(f"{pid}-{k}")
        return f"{pid}-{k}"

    def paragraph(self, node: Node, pid: str, *, top: bool, annex: bool = False) -> Paragraph:
        pid = self.unique(pid, node.start)
        text = node.text
        marks = node.marks
        phrase = verb = None
        phrase_at = None
        emphasis: list[Range] = []
        italic_start = [m for m in marks if m.kind is MarkKind.ITALIC and m.start == 0]
        italic_end = italic_start[0].end if italic_start else None
        if top:
            opener = vocabulary().opener(text.text, italic_end, guess=not annex)
            if opener is None and not annex:
                first = " ".join(text.text.split()[:3])
                self.report.warn("W-OPENER-UNKNOWN",
                                 f"paragraph {pid} opens with '{first}', not a known operative verb or "
                                 f"preambular phrase", node.start)
            elif opener is not None:
                if not opener.known:
                    self.report.warn("W-OPENER-UNKNOWN",
                                     f"'{opener.verb}' (paragraph {pid}) is not in the vocabulary of "
                                     f"openers (generator/data/openers.tsv); read as its verb",
                                     text.offset(opener.start))
                phrase, verb = opener.phrase, opener.verb
                phrase_at = Range(opener.start, opener.end)
        for m in marks:
            if m.kind is MarkKind.ITALIC and not (phrase_at and m.start <= phrase_at.start
                                                   and m.end >= phrase_at.end - 1 and m.start == 0):
                emphasis.append(Range(m.start, m.end))
        noterefs = []
        for m in marks:
            if m.kind is MarkKind.NOTEREF:
                if m.value.isdigit():
                    noterefs.append(NoteRef(int(m.value), m.start, Span(m.source_start, m.source_end)))
                else:
                    self.report.warn("W-FOOTNOTE-LABEL",
                                     f"footnote marker '{m.value}' is not a number", m.source_start)
        self.texts[pid] = (text, marks)
        children = []
        for c in node.children:
            cid = f"{pid}({c.number})" if c.number else f"{pid}(.)"
            children.append(self.paragraph(c, cid, top=False, annex=annex))
        span = Span(node.start, max(node.end, node.start))
        return Paragraph(
            id=pid, part=node.part, number=node.number,
            label=node.label if node.label else None,
            phrase=phrase, verb=verb, text=text.text, children=tuple(children), span=span,
            phrase_at=phrase_at, emphasis=tuple(emphasis), noterefs=tuple(noterefs),
            section=node.section)

    def top_level(self, nodes: list[Node], prefix: str) -> list[Paragraph]:
        out = []
        pp = op = 0
        for node in nodes:
            if node.part == "preamble":
                pp += 1
                pid = f"{prefix}pp{pp}"
            else:
                op += 1
                pid = f"{prefix}op{node.number if node.number else op}"
            out.append(self.paragraph(node, pid, top=True))
        return out

    def annex(self, node: AnnexNode, aid: str) -> tuple[Annex, list[tuple[HeadingNode, str]]]:
        paras = []
        pp = u = 0
        seen_numbered = False
        for p in node.paragraphs:
            if p.number:
                seen_numbered = True
                pid = f"{aid}.{p.number}"
            elif not seen_numbered:
                pp += 1
                pid = f"{aid}.pp{pp}"
            else:
                u += 1
                pid = f"{aid}.u{u}"
            paras.append(self.paragraph(p, pid, top=True, annex=True))
        front = [line(x) for x in node.front]
        title = front[1].text if len(front) > 1 and not node.adopted_text else (
            front[0].text if node.adopted_text and front else None)
        subtitle = None
        if node.adopted_text and len(front) > 1:
            subtitle = " ".join(f.text for f in front[1:])
        elif not node.adopted_text and len(front) > 2:
            subtitle = " ".join(f.text for f in front[2:])
        starts = [x.span.start for x in front] + [p.span.start for p in paras]
        ends = [x.span.end for x in front] + [p.span.end for p in paras]
        span = Span(min(starts), max(ends)) if starts else Span(0, 0)
        heads = [(h, aid) for h in node.headings]
        annex = Annex(id=aid, label=node.label, title=title, paragraphs=tuple(paras), headings=(),
                      span=span, subtitle=subtitle, front=tuple(front), section=node.part)
        return annex, heads


def headings(nodes: list[tuple[HeadingNode, str]], ids: dict[int, str]) -> list[Heading]:
    """Headings with ids; `ids` maps id(Node) -> paragraph id."""
    out = []
    for counter, (h, prefix) in enumerate(nodes, 1):
        label = h.label
        if label:
            hid = f"{prefix}sec-{label.rstrip('.')}"
        else:
            hid = f"{prefix}h{counter}"
        before = ids.get(id(h.before)) if h.before is not None else None
        title = h.title.text
        out.append(Heading(id=hid, label=label, title=title, before=before,
                           span=Span(h.start, max(h.end, h.start)), level=h.level))
    return out


def footnotes_and_citations(report: Report, body_name: str | None, paragraphs: list[Paragraph],
                            notes: list[Block], texts: dict[str, tuple[MappedText, list[Mark]]],
                            outside_refs: list[tuple[str, Mark]],
                            source: str = "") -> tuple[list[Footnote], list[Citation]]:
    """Attach footnotes to the paragraphs that call them; find every citation."""
    callers: dict[int, list[str]] = {}
    for p in paragraphs:
        for r in p.noterefs:
            callers.setdefault(r.number, []).append(p.id)
    by_number: dict[int, Block] = {}
    for b in notes:
        if b.number is None:
            continue
        if b.number in by_number:
            report.warn("W-FOOTNOTE-DUPLICATE", f"a second footnote numbered {b.number}", b.text.offset(0))
            continue
        by_number[b.number] = b
    outside: dict[int, list[str]] = {}
    for place, m in outside_refs:
        if not m.value.isdigit():
            continue
        places = outside.setdefault(int(m.value), [])
        if place not in places:
            places.append(place)
        if int(m.value) not in by_number:
            report.warn("W-FOOTNOTE-MISSING",
                        f"footnote marker {m.value} ({place}) has no footnote text", m.source_start)
    for p in paragraphs:
        for r in p.noterefs:
            if r.number not in by_number:
                report.warn("W-FOOTNOTE-MISSING",
                            f"footnote marker {r.number} in paragraph {p.id} has no footnote text",
                            r.span.start)
    footnotes: dict[int, Footnote] = {}
    note_cites: dict[int, list[Citation]] = {}
    for number, b in sorted(by_number.items()):
        called = tuple(callers.get(number, ()))
        if not called and number not in outside:
            report.warn("W-FOOTNOTE-UNCALLED",
                        f"footnote {number} is not called by any marker in the text", b.text.offset(0))
        owner = called[0] if called else None
        a, e = b.text.span(0, len(b.text))
        emphasis = tuple(Range(m.start, m.end) for m in b.marks if m.kind is MarkKind.ITALIC)
        footnotes[number] = Footnote(number=number, paragraph=owner, text=b.text.text, span=Span(a, e),
                                     emphasis=emphasis, called_from=called,
                                     pieces=pieces(b.text, source) if source else (),
                                     outside=tuple(outside.get(number, ())))
        marked = [(m.start, m.end) for m in b.marks if m.kind is MarkKind.LINK]
        note_cites[number] = [
            _citation(f, b.text, owner, number) for f in find_citations(b.text.text, body=body_name,
                                                                        marked=marked)]
    citations: list[Citation] = []
    emitted: set[int] = set()
    for p in paragraphs:
        text, marks = texts[p.id]
        marked = [(m.start, m.end) for m in marks if m.kind is MarkKind.LINK]
        for f in find_citations(text.text, body=body_name, marked=marked):
            citations.append(_citation(f, text, p.id, None))
        for r in p.noterefs:
            if r.number in note_cites and r.number not in emitted and footnotes[r.number].paragraph == p.id:
                emitted.add(r.number)
                citations.extend(note_cites[r.number])
    for number in sorted(note_cites):
        if number not in emitted:
            citations.extend(note_cites[number])
    return [footnotes[n] for n in sorted(footnotes)], citations


def _citation(found: object, text: MappedText, pid: str | None, footnote: int | None) -> Citation:
    start = found.start  # type: ignore[attr-defined]
    end = found.end  # type: ignore[attr-defined]
    sym = found.symbol  # type: ignore[attr-defined]
    a, b = text.span(start, end)
    return Citation(symbol=str(sym), as_written=found.as_written,  # type: ignore[attr-defined]
                    paragraph=pid, url=sym.url, span=Span(a, b), footnote=footnote,
                    at=Range(start, end), slug=sym.slug)
