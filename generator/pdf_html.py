"""Resolutions -> print HTML, through templates/print/ (the PDF's source; see `pdf`).

Python decides what is printed where: which words are italic or linked, where each footnote
is called and whether that call carries the footnote's text (its first call) or refers back to
it (a later one), which ids the blocks get. The templates only write the HTML, escaping every
text from a resolution once (`templating.html_environment`, autoescape on).

Besides the HTML, `PrintDocument` lists what the renderer checks after layout: every footnote
call with its footnote (they must share a page) and the blocks before which a page break may
be forced when they do not (`pdf_render`).

`contents_document` is the HTML of a volume's table of contents: the only part of
``corpus.pdf`` laid out by WeasyPrint (the resolutions' own PDFs are bound after it, see
`pdf_volume`). Its links point to ``VOLUME_LINK`` + slug, which the binding turns into links
to the first page of that resolution.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from markupsafe import Markup

from .model import Annex, Citation, Footnote, Heading, Line, NoteRef, Paragraph, Part, Resolution
from .segments import Span, segments
from .symbols import SECURITY_COUNCIL, DocSymbol
from .templating import html_environment, long_date, ordinal_words

GENERATOR = "resodocs"
LANGUAGE = "en"
"""Every text the readers know is English; the PDF's /Lang."""
SHORT_TITLE_MAX = 110
"""Longer titles are cut (at a word, with an ellipsis) in the running header, which has room
for two lines."""

HANGING_NUMBER_MAX = 9
"""Longest resolution number that hangs in the column indent ("78/167.", "ES-10/23.")."""

Mode = Literal["single", "annotated"]

VOLUME_LINK = "resodocs-volume:"
"""Link target prefix of a contents entry (``resodocs-volume:A-RES-78-167``), replaced by a
link to the resolution's first page when the volume is bound."""


# ---------------------------------------------------------------------------------------------
# Views: what the templates receive


@dataclass(frozen=True, slots=True)
class Call:
    """A footnote call in the text."""

    number: str
    anchor: str
    """Id of the (empty) marker at the call: ``fnref3``. Empty for a repeated call."""
    target: str
    """Id of the footnote: ``fn3``."""
    body: tuple[Inline, ...] | None
    """The footnote's text at its first call (printed at the foot of the page); None for a
    later call, which links back to the footnote, or for a marker without a footnote."""
    known: bool = True
    """False when the text has a marker but no footnote of that number."""


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of text with uniform looks, and the footnote calls that follow it."""

    text: str
    italic: bool = False
    href: str | None = None
    calls: tuple[Call, ...] = ()


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """A paragraph or sub-paragraph as printed."""

    kind: Literal["paragraph"]
    id: str
    """Element id: ``op5``."""
    part: str
    """``preamble``, ``operative`` or ``annex``."""
    label: str | None
    """As written (``5.``, ``(a)``); None for an unnumbered paragraph."""
    inlines: tuple[Inline, ...]
    children: tuple[ParagraphView, ...]
    note: Markup | None
    """The editor's note printed under the paragraph (annotated PDFs only)."""
    bookmark: str | None
    """Outline entry (``5. Reaffirms``) for top-level operative paragraphs."""


@dataclass(frozen=True, slots=True)
class HeadingView:
    """A section heading or sub-heading between paragraphs."""

    kind: Literal["heading"]
    id: str
    label: str | None
    title: str
    level: int
    calls: tuple[Call, ...]


Item = ParagraphView | HeadingView


@dataclass(frozen=True, slots=True)
class SectionView:
    """The preambular or the operative paragraphs of a resolution (or of one of its parts)."""

    id: str
    name: str
    """Outline entry: ``Preamble``, ``Operative paragraphs``."""
    part: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class PartView:
    """One resolution under the number (parts A, B ...), or the whole text when there are
    no parts."""

    id: str | None
    """Element id of a part heading; None when the text has no parts."""
    label: str | None
    title: str | None
    formula: tuple[Inline, ...]
    sections: tuple[SectionView, ...]
    closing: tuple[tuple[Inline, ...], ...]
    """The closing line(s): the meeting on one line, its date on the next."""
    closing_note: tuple[Inline, ...]
    """A bracketed record of the vote after the closing line (Human Rights Council)."""
    annexes: tuple[AnnexView, ...]


@dataclass(frozen=True, slots=True)
class AnnexView:
    """An annex after the closing line, or a text adopted "as follows" (`adopted_text`)."""

    id: str
    label: str
    title: str | None
    subtitle: str | None
    calls: tuple[Call, ...]
    """Footnotes called from the annex's label or title lines."""
    items: tuple[Item, ...]
    adopted_text: bool
    bookmark: str


@dataclass(frozen=True, slots=True)
class AgendaView:
    """The agenda line of the title block."""

    text: str
    """``Agenda item 22 (b)``, ``Agenda items 12 and 120``."""
    titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ResolutionView:
    """A resolution as printed."""

    id: str
    """Element id of the resolution's article: its slug."""
    symbol: str
    body: str
    number: str
    number_hangs: bool
    """Whether "78/167." hangs left of the title, as the official print; a long number
    ("2 (Rev. Dubai, 2018)") would run off the page and stands before the title instead."""
    title: str
    short_title: str
    layout: Literal["assembly", "council"]
    """``assembly``: session, agenda item and "78/167. Title" (GA, HRC, ECOSOC);
    ``council``: "Resolution 827 (1993)" and its adoption line, no session block (SC)."""
    session: str | None
    """``Seventy-eighth session``."""
    distribution: str | None
    """``Distr.: General``."""
    distributed: str | None
    """``21 December 2023``."""
    agenda: AgendaView | None
    adoption: str | None
    """``Resolution adopted by the General Assembly on`` or ``Adopted by the Security Council
    at its 3217th meeting, on``: the adoption line before its date."""
    adopted_on: str | None
    """``19 December 2023`` (kept on one line)."""
    origin: tuple[Inline, ...]
    title_calls: tuple[Call, ...]
    """Footnotes called from the title block (old texts: "of 30 May 1992 54")."""
    parts: tuple[PartView, ...]
    trailing: tuple[Call, ...]
    """Footnotes no marker calls, printed at the end rather than lost."""
    source_name: str
    """The file the text was read from (its name only, so the PDF does not depend on where
    the checkout is)."""
    url: str
    """The official text at docs.un.org."""
    bookmark: str
    note: Markup | None = None
    """The editor's note on the whole resolution, printed under the title block (annotated
    PDFs only)."""


@dataclass(frozen=True, slots=True)
class PrintDocument:
    """Print HTML and what the renderer checks after layout."""

    html: str
    footnotes: tuple[tuple[str, str], ...]
    """(call id, footnote id) for every footnote printed at a call."""
    blocks: tuple[str, ...]
    """Ids of the paragraph blocks, in document order: where a page break may be forced."""


# ---------------------------------------------------------------------------------------------
# Building the views


RESOLUTION_NOTE = "resolution"
"""The key of an editor's note on the whole resolution (generator/annotations.py)."""
_DISTR = re.compile(r"\bDistr\.:\s*([A-Z][a-z]+)")


class _Builder:
    """Views of one resolution; tracks which footnotes have been printed already."""

    def __init__(self, r: Resolution, notes: Mapping[str, str] | None) -> None:
        self.r = r
        self.notes = notes or {}
        self.footnotes = {f.number: f for f in r.footnotes}
        self.printed: set[int] = set()
        self.pairs: list[tuple[str, str]] = []
        self.blocks: list[str] = []
        self.cites: dict[tuple[str | None, int | None], list[Citation]] = {}
        for c in r.citations:
            self.cites.setdefault((c.paragraph, c.footnote), []).append(c)
        self.note_cites: dict[int, list[Citation]] = {}
        for c in r.citations:
            if c.footnote is not None:
                self.note_cites.setdefault(c.footnote, []).append(c)
        known = {p.id for p in r.walk()} | {RESOLUTION_NOTE}
        unknown = sorted(set(self.notes) - known)
        if unknown:
            raise ValueError(f"{r.symbol}: editor's notes for paragraphs the text does not have: "
                             + ", ".join(unknown))

    # -- inline text ----------------------------------------------------------------------

    def call(self, number: int) -> Call:
        f = self.footnotes.get(number)
        target = f"fn{number}"
        if f is None:
            return Call(str(number), "", target, None, known=False)
        if number in self.printed:
            return Call(str(number), "", target, None)
        self.printed.add(number)
        anchor = f"fnref{number}"
        self.pairs.append((anchor, target))
        return Call(str(number), anchor, target, self.footnote_inlines(f))

    def footnote_inlines(self, f: Footnote) -> tuple[Inline, ...]:
        spans = [Span(e.start, e.end, True) for e in f.emphasis]
        spans += [Span(c.at.start, c.at.end, False, c.url, "cite")
                  for c in self.note_cites.get(f.number, ()) if c.at is not None]
        return tuple(Inline(s.text, s.italic, s.href) for s in segments(f.text, spans))

    def inlines(self, text: str, spans: Sequence[Span], refs: Iterable[NoteRef],
                italic: bool = False) -> tuple[Inline, ...]:
        notes = [(n.at, str(n.number)) for n in refs]
        out = []
        for s in segments(text, spans, notes):
            calls = tuple(self.call(int(n)) for n in s.notes)
            out.append(Inline(s.text, s.italic or italic, s.href, calls))
        return tuple(out)

    def line(self, line: Line | None, italic: bool = False) -> tuple[Inline, ...]:
        if line is None:
            return ()
        return self.inlines(line.text, [], line.noterefs, italic)

    def closing(self, line: Line | None) -> tuple[tuple[tuple[Inline, ...], ...],
                                                   tuple[Inline, ...]]:
        """The closing line as the official print sets it: the meeting, then the date (both
        italic, right), then a bracketed record of the vote ("[Adopted by a recorded vote of
        23 to 13 ...]") as a paragraph of its own."""
        if line is None:
            return (), ()
        text = line.text
        meeting = self.r.meeting
        cuts = []
        if meeting and text.startswith(meeting) and len(text) > len(meeting):
            cuts.append(len(meeting))
        bracket = text.find("[", cuts[0] if cuts else 0)
        if bracket > 0:
            cuts.append(bracket)
        bounds = [0, *cuts, len(text)]
        pieces = []
        for start, end in itertools.pairwise(bounds):
            raw = text[start:end]
            lead = len(raw) - len(raw.lstrip())
            piece = raw.strip()
            refs = [NoteRef(n.number, min(len(piece), max(0, n.at - start - lead)), n.span)
                    for n in line.noterefs
                    if start < n.at <= end or (start == 0 and n.at == 0)]
            pieces.append((piece, refs))
        note: tuple[Inline, ...] = ()
        if bracket > 0:
            piece, refs = pieces.pop()
            note = self.inlines(piece, [], refs)
        return tuple(self.inlines(t, [], refs, True) for t, refs in pieces if t or refs), note

    def outside(self, where: str) -> tuple[Call, ...]:
        """Calls of footnotes that markers outside the paragraphs call from `where` (printed
        at the end of the heading or title they belong to)."""
        return tuple(self.call(f.number) for f in self.r.footnotes if where in f.outside)

    # -- paragraphs -----------------------------------------------------------------------

    def paragraph(self, p: Paragraph) -> ParagraphView:
        pid = p.id
        self.blocks.append(pid)
        spans: list[Span] = []
        if p.phrase_at is not None and _phrase_is_italic(p):
            spans.append(Span(p.phrase_at.start, p.phrase_at.end, True))
        spans += [Span(e.start, e.end, True) for e in p.emphasis]
        spans += [Span(c.at.start, c.at.end, False, c.url, "cite")
                  for c in self.cites.get((p.id, None), ()) if c.at is not None]
        inlines = self.inlines(p.text, spans, p.noterefs)
        children = tuple(self.paragraph(c) for c in p.children)
        note = self.notes.get(p.id)
        bookmark = None
        if p.part == "operative" and "(" not in p.id:
            opening = p.phrase or " ".join(p.text.split()[:2])
            bookmark = f"{p.label} {opening}" if p.label else opening
        return ParagraphView("paragraph", pid, p.part, p.label, inlines, children,
                             Markup(note) if note is not None else None, bookmark)

    def heading(self, h: Heading) -> HeadingView:
        return HeadingView("heading", h.id, h.label, h.title, h.level,
                           self.outside(h.id))

    def items(self, paragraphs: Sequence[Paragraph], headings: Sequence[Heading],
              trailing: bool) -> tuple[Item, ...]:
        before: dict[str, list[Heading]] = {}
        for h in headings:
            if h.before:
                before.setdefault(h.before, []).append(h)
        out: list[Item] = []
        for p in paragraphs:
            out += [self.heading(h) for h in before.get(p.id, ())]
            out.append(self.paragraph(p))
        if trailing:
            out += [self.heading(h) for h in headings if not h.before]
        return tuple(out)

    def sections(self, paragraphs: Sequence[Paragraph], headings: Sequence[Heading],
                 key: str) -> tuple[SectionView, ...]:
        pre = [p for p in paragraphs if p.part == "preamble"]
        op = [p for p in paragraphs if p.part != "preamble"]
        ids = {p.id for p in pre}
        out = []
        if pre:
            out.append(SectionView(f"{key}preamble", "Preamble", "preamble",
                                   self.items(pre, [h for h in headings if h.before in ids],
                                              trailing=not op)))
        if op:
            out.append(SectionView(f"{key}operative", "Operative paragraphs",
                                   "operative",
                                   self.items(op, [h for h in headings if h.before not in ids],
                                              trailing=True)))
        return tuple(out)

    def annex(self, a: Annex) -> AnnexView:
        adopted = a.id.split(".")[-1] == "text"
        label = a.label or ("" if adopted else "Annex")
        calls = self.outside(a.id)
        items = self.items(a.paragraphs, a.headings, trailing=True)
        name = label or "Adopted text"
        bookmark = f"{name}: {a.title}" if a.title else name
        return AnnexView(a.id, label, a.title, a.subtitle, calls, items, adopted,
                         bookmark)

    def parts(self) -> tuple[PartView, ...]:
        r = self.r
        if not r.parts:
            return (PartView(None, None, None, self.line(r.formula, italic=True),
                             self.sections(r.paragraphs, r.headings, ""),
                             *self.closing(r.closing),
                             tuple(self.annex(a) for a in r.annexes)),)
        out = []
        for part in r.parts:
            out.append(self.part(part))
        return tuple(out)

    def part(self, part: Part) -> PartView:
        r = self.r
        pfx = f"{part.label}."
        paragraphs = [p for p in r.paragraphs if p.id.startswith(pfx)]
        headings = [h for h in r.headings if h.id.startswith(pfx)
                    or (h.before or "").startswith(pfx)]
        annexes = [a for a in r.annexes if a.id.startswith(pfx) or a.section == part.label]
        return PartView(f"part-{part.label}", part.label, part.title,
                        self.line(part.formula, italic=True),
                        self.sections(paragraphs, headings, f"{part.label}."),
                        *self.closing(part.closing), tuple(self.annex(a) for a in annexes))

    # -- the resolution -------------------------------------------------------------------

    def view(self) -> ResolutionView:
        r = self.r
        council = r.body == SECURITY_COUNCIL
        title_calls = self.outside("front")
        origin = self.origin()
        parts = self.parts()
        trailing = tuple(self.call(f.number) for f in r.footnotes
                         if f.number not in self.printed)
        distribution = None
        for line in r.front:
            m = _DISTR.search(line.text)
            if m:
                distribution = f"Distr.: {m.group(1)}"
                break
        if distribution is None and r.distributed:
            distribution = "Distr.: General"
        agenda = None
        if r.agenda_items:
            numbers = [a.number for a in r.agenda_items]
            joined = numbers[0] if len(numbers) == 1 else \
                ", ".join(numbers[:-1]) + " and " + numbers[-1]
            agenda = AgendaView(("Agenda item " if len(numbers) == 1 else "Agenda items ") + joined,
                                tuple(a.title for a in r.agenda_items if a.title))
        body = r.body or "United Nations"
        adopted_on = long_date(r.adopted) if r.adopted else None
        if council:
            adoption = f"Adopted by the {body}"
            if r.meeting:
                adoption += f" at its {r.meeting}" + ("," if adopted_on else "")
            if adopted_on:
                adoption += " on"
            if not (r.meeting or adopted_on):
                adoption = ""
        else:
            adoption = f"Resolution adopted by the {body} on" if adopted_on else ""
        session = None
        if r.session is not None:
            session = f"{ordinal_words(r.session).capitalize()} session"
        return ResolutionView(
            id=r.slug, symbol=r.symbol, body=r.body, number=r.number,
            number_hangs=len(r.number) <= HANGING_NUMBER_MAX, title=r.title,
            short_title="" if council and r.title == f"Resolution {r.number}" else _short(r.title),
            layout="council" if council else "assembly",
            session=session, distribution=distribution,
            distributed=long_date(r.distributed) if r.distributed else None, agenda=agenda,
            adoption=adoption or None, adopted_on=adopted_on, origin=origin,
            title_calls=title_calls, parts=parts,
            trailing=trailing, source_name=PurePath(r.source.path).name,
            url=_url(r.symbol) or "", bookmark=f"{r.symbol} {r.title}",
            note=Markup(self.notes[RESOLUTION_NOTE]) if RESOLUTION_NOTE in self.notes else None)

    def origin(self) -> tuple[Inline, ...]:
        o = self.r.origin
        if o is None:
            return ()
        spans = []
        for sym in o.documents:
            at = o.text.find(sym)
            href = _url(sym)
            if at >= 0 and href:
                spans.append(Span(at, at + len(sym), False, href, "cite"))
        return tuple(Inline(s.text, True, s.href) for s in segments(o.text, spans))


def _phrase_is_italic(p: Paragraph) -> bool:
    """The official print sets the opening phrase of preambular and operative paragraphs in
    italics; in annexes only that of an unnumbered paragraph that opens with it (the preamble
    of an annexed declaration), not the verbs of "We stress ..." or "1. Reaffirm ...".

    The model's `phrase_at` marks the opening whether or not the source printed it in
    italics, hence the rule here."""
    if p.part != "annex":
        return True
    return p.label is None and p.phrase_at is not None and p.phrase_at.start == 0


def _short(title: str) -> str:
    if len(title) <= SHORT_TITLE_MAX:
        return title
    cut = title.rfind(" ", 0, SHORT_TITLE_MAX)
    return title[:cut if cut > 0 else SHORT_TITLE_MAX].rstrip(" ,;:") + "…"


def _url(symbol: str) -> str | None:
    try:
        return DocSymbol.parse(symbol).url
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Rendering


def print_document(resolutions: Sequence[Resolution], mode: Mode,
                   notes: Mapping[str, Mapping[str, str]] | None = None) -> PrintDocument:
    """The print HTML of one resolution (`mode` ``single``, or ``annotated`` with its editor's
    notes, `notes` mapping slug -> paragraph id -> safe HTML)."""
    if len(resolutions) != 1:
        raise ValueError(f"a {mode} PDF prints one resolution, not {len(resolutions)}")
    r = resolutions[0]
    b = _Builder(r, (notes or {}).get(r.slug) if mode == "annotated" else None)
    view = b.view()
    doc_title = f"{r.symbol} – {r.title}"
    if mode == "annotated":
        doc_title += " (with editor's notes)"
    html = html_environment().get_template("print/resolution.html.j2").render(
        resolutions=[view], mode=mode, doc_title=doc_title, subject=r.symbol,
        author=_author([r]), generator=GENERATOR, lang=LANGUAGE)
    return PrintDocument(html, tuple(b.pairs), tuple(b.blocks))


# ---------------------------------------------------------------------------------------------
# A volume


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """A resolution's line in a volume's table of contents."""

    symbol: str
    title: str
    page: int
    """The volume page its first page is (the resolutions are numbered from 1 after the
    contents, whose pages are numbered i, ii, ...)."""
    href: str
    """``resodocs-volume:A-RES-78-167``."""


@dataclass(frozen=True, slots=True)
class VolumeInfo:
    """A volume's document metadata."""

    title: str
    subject: str
    author: str
    keywords: str
    creator: str = GENERATOR
    lang: str = LANGUAGE


def volume_info(resolutions: Sequence[Resolution]) -> VolumeInfo:
    """Title, subject (the symbols, or the first and last of a long list), authors."""
    subject = ", ".join(r.symbol for r in resolutions) if len(resolutions) <= 20 else \
        f"{len(resolutions)} resolutions, {resolutions[0].symbol} to {resolutions[-1].symbol}"
    return VolumeInfo("Resolutions", subject, _author(resolutions), "resolutions")


def contents_document(resolutions: Sequence[Resolution], first_pages: Sequence[int]) -> str:
    """The HTML of a volume's table of contents: one entry per resolution, in the order given,
    with the volume page its text starts on (`first_pages`, numbered from 1)."""
    info = volume_info(resolutions)
    entries = [ContentsEntry(r.symbol, r.title, page, VOLUME_LINK + r.slug)
               for r, page in zip(resolutions, first_pages, strict=True)]
    return html_environment().get_template("print/contents.html.j2").render(
        entries=entries, doc_title=info.title, subject=info.subject, author=info.author,
        keywords=info.keywords, generator=GENERATOR, lang=LANGUAGE)


def _author(resolutions: Sequence[Resolution]) -> str:
    return ", ".join(sorted({f"United Nations {r.body}" if r.body else "United Nations"
                             for r in resolutions}))
