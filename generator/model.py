"""The document model: frozen dataclasses for a resolution and everything in it.

The model keeps the source: every paragraph, footnote and citation carries a `Span` into the
text as read (`readers.base.Source.text`), and line/column come from it. Offsets *inside* a
paragraph's or footnote's `text` (where an italic phrase, a citation or a footnote marker sits)
are `Range`s. `to_dict()` gives the public JSON format, documented in docs/model.md.

Ids are stable, because annotations and permalinks depend on them:

- ``pp1..ppN`` preambular, ``op1..opN`` operative paragraphs (an operative paragraph's id
  carries its printed number: ``op5``; unnumbered ones count from 1);
- sub-paragraphs append their label without brackets or dot at every level: ``op5(a)``,
  ``op5(a)(ii)``, ``op3(b)(a)`` for ``a.`` under ``(b)``; "(i)" after "(h)" is the letter i;
  dashed and bulleted items (``— Calls for``) are numbered by their place: ``op13(1)``;
- annexes: ``annex`` (``annex1``, ``annex2`` ... when there are several), their numbered
  paragraphs ``annex.3``, unnumbered paragraphs before the first number ``annex.pp1``, after
  it ``annex.u1``; a text the resolution adopts "as follows" before its closing line is
  ``text`` with ``text.1``, ``text.pp1`` (80/5, 73/3 style declarations);
- parts A, B ... adopted under one number prefix every id with their letter: ``A.op5``,
  ``B.annex.2``;
- headings: ``sec-II`` (``annex.sec-II``) for lettered or numbered sections, ``h3`` for
  unlabelled sub-headings (``annex.h3``), counted in order.
A repeated id gets ``-2`` with a warning rather than being silently merged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """Offsets ``[start, end)`` into the source text as read."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Range:
    """Offsets ``[start, end)`` into a model text field (a paragraph's or footnote's `text`)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Line:
    """A piece of text outside the paragraphs (a title-block line, the enacting formula, the
    closing line, an annex heading), kept as read so that no word of the source is lost."""

    text: str
    span: Span
    noterefs: tuple[NoteRef, ...] = ()
    """Footnote markers in the line ("Adopted at the 2nd meeting. 22"; "of 30 May 1992 54")."""


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A footnote marker in a paragraph or footnote text (the marker is not part of the text)."""

    number: int
    """The footnote it calls."""
    at: int
    """Index in the text just after which the marker stood."""
    span: Span
    """The marker in the source."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A preambular, operative or annex paragraph, or a sub-paragraph of one."""

    id: str
    """Stable id: ``pp3``, ``op5``, ``op5(a)(ii)``, ``annex.3``, ``A.op5``."""
    part: str
    """``preamble``, ``operative`` or ``annex``; sub-paragraphs share their parent's part."""
    number: str | None
    """The number or letter alone (``5``, ``a``, ``ii``), None for unnumbered paragraphs."""
    label: str | None
    """The number or letter as written (``5.``, ``(a)``, ``a.``), None when unnumbered."""
    phrase: str | None
    """The opening as written: the italic span where there is one (``Reaffirms its support``,
    ``Noting with great concern``); None when the paragraph opens with no known phrase."""
    verb: str | None
    """The head verb of the opening, without adverbs or complements (``Reaffirms``,
    ``Noting``, ``Takes note``, ``Calls upon``)."""
    text: str
    """The paragraph as read: opening included, number and footnote markers left out, emphasis
    markup removed, line breaks folded to spaces; sub-paragraphs are in `children`."""
    children: tuple[Paragraph, ...]
    """Sub-paragraphs, in order."""
    span: Span
    """The paragraph in the source, from its number (or first word) to its last character,
    sub-paragraphs included."""
    phrase_at: Range | None = None
    """Where `phrase` sits in `text` (normally at its start)."""
    emphasis: tuple[Range, ...] = ()
    """Italic runs in `text` other than the phrase (titles such as *Treaty Series*)."""
    noterefs: tuple[NoteRef, ...] = ()
    """Footnote markers in `text`."""
    section: str | None = None
    """The section or part the paragraph stands in (``A``, ``II``), if the text has them."""


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote, attached to the paragraph whose marker calls it."""

    number: int
    """As printed."""
    paragraph: str | None
    """Id of the paragraph (or sub-paragraph) whose text first calls it; None if uncalled."""
    text: str
    """The footnote text as read, number left out."""
    span: Span
    """The footnote text in the source."""
    emphasis: tuple[Range, ...] = ()
    """Italic runs in `text`."""
    called_from: tuple[str, ...] = ()
    """Ids of every paragraph whose text calls it, in order (a footnote may be called twice)."""
    pieces: tuple[Span, ...] = ()
    """The footnote's text in the source piece by piece when it runs on over a page break (the
    source between two pieces is not the footnote's: a running header, body text); empty when
    `span` holds nothing else."""
    outside: tuple[str, ...] = ()
    """Where markers outside the paragraphs call it: ``front`` (the title block, "of 30 May
    1992 54"), ``closing`` (the closing line, "Adopted at the 2nd meeting. 22"), an annex id
    (its title lines) or a heading id."""


@dataclass(frozen=True, slots=True)
class Citation:
    """A UN document symbol cited in a paragraph or a footnote."""

    symbol: str
    """Canonical symbol: ``A/RES/73/291``, ``A/78/465/Add.2``, ``S/RES/827 (1993)``."""
    as_written: str
    """The citation as it stands in the text (``73/291``, ``resolution 827 (1993)``)."""
    paragraph: str | None
    """Id of the citing paragraph; for a citation in a footnote, the footnote's paragraph."""
    url: str
    """``https://docs.un.org/en/<symbol>``, percent-encoded."""
    span: Span
    """`as_written` in the source."""
    footnote: int | None = None
    """Number of the footnote the citation stands in, None when in the paragraph itself."""
    at: Range | None = None
    """Where `as_written` sits in the paragraph's (or footnote's) `text`."""
    slug: str = ""
    """File-name form of the symbol (``A-RES-73-291``), for the cited-document page."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside the body or an annex: a section (``A``, ``II. Conclusion``) or a
    sub-heading; it stands before paragraph `before`."""

    id: str
    """Anchor id: ``sec-A``, ``annex.sec-II``, ``annex.h2``."""
    label: str | None
    """Section letter or numeral as written (``A``, ``II.``), None for a plain heading."""
    title: str
    """The heading text (without its label)."""
    before: str | None
    """Id of the first paragraph after the heading (None when nothing follows it)."""
    span: Span
    level: int = 2
    """2 for sections, 3 for sub-headings within a section."""


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex after the closing line, or a text the resolution adopts "as follows"."""

    id: str
    """``annex`` (``annex2`` ... when there are several; ``text`` for an adopted text)."""
    label: str
    """As written: ``Annex``, ``Annex I``."""
    title: str | None
    """The annexed document's title, when it has one."""
    paragraphs: tuple[Paragraph, ...]
    """Numbered (and unnumbered) paragraphs, ids ``annex.1`` ... or ``annex.u3``."""
    headings: tuple[Heading, ...]
    span: Span
    subtitle: str | None = None
    """A second title line (a theme or motto) when there is one."""
    front: tuple[Line, ...] = ()
    """The annex's label and title lines as read."""
    section: str | None = None
    """The part (``A``, ``B``) the annex belongs to, when the text has parts."""


@dataclass(frozen=True, slots=True)
class Part:
    """One of several resolutions adopted under one number (``57/270 A``, ``57/270 B``)."""

    label: str
    """``A``, ``B``."""
    title: str | None
    formula: Line | None
    closing: Line | None
    span: Span


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """An agenda item the resolution was adopted under."""

    number: str
    """``22 (b)``."""
    title: str
    """The item's title as printed."""


@dataclass(frozen=True, slots=True)
class Origin:
    """The origin line: ``[on the report of the Second Committee (A/78/465/Add.2, para. 7)]``."""

    text: str
    """The line as written, brackets left out."""
    committee: str | None
    """``Second Committee``; None for ``without reference to a Main Committee``."""
    report: str | None
    """Symbol of the report or draft (``A/78/465/Add.2``, ``A/80/L.2/Rev.1``)."""
    paragraph: str | None
    """``7`` for ``para. 7``."""
    documents: tuple[str, ...] = ()
    """Every symbol in the line (``A/73/L.8``, ``A/73/L.8/Add.1``)."""


@dataclass(frozen=True, slots=True)
class Vote:
    """How the text was adopted, when the text says so."""

    text: str
    """As written (``by 10 votes to none, with 1 abstention (China)``, ``unanimously``)."""
    in_favour: int | None = None
    against: int | None = None
    abstentions: int | None = None
    unanimous: bool = False
    without_vote: bool = False
    recorded: bool = False


class Body(str, Enum):
    """Organs whose resolutions the generator knows."""

    GA = "General Assembly"
    SC = "Security Council"
    HRC = "Human Rights Council"
    ECOSOC = "Economic and Social Council"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a resolution was read from."""

    path: str
    format: str
    """The reader that read it."""
    sha256: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolution, as read."""

    symbol: str
    """Canonical symbol, ``A/RES/78/167``, ``S/RES/827 (1993)``."""
    body: str
    """``General Assembly``, ``Security Council`` ..."""
    number: str
    """``78/167``, ``827 (1993)``."""
    session: int | None
    """GA session (78), None for bodies without sessions."""
    title: str
    """``South-South cooperation``."""
    agenda_items: tuple[AgendaItem, ...]
    """The agenda items (usually one) with their titles."""
    adopted: str | None
    """ISO date of adoption."""
    distributed: str | None
    """ISO date of the ``Distr.`` line."""
    origin: Origin | None
    """The origin line (committee report or draft), when the text has one."""
    meeting: str | None
    """``49th plenary meeting``, ``3217th meeting``."""
    paragraphs: tuple[Paragraph, ...]
    """Preambular then operative paragraphs, in order (sub-paragraphs as children)."""
    footnotes: tuple[Footnote, ...]
    """Footnotes in number order, each attached to the paragraph that first calls it."""
    citations: tuple[Citation, ...]
    """In reading order: paragraph text first, then the paragraph's footnotes."""
    source: SourceInfo
    slug: str = ""
    """File-name form of the symbol, the page's URL: ``A-RES-78-167``."""
    year: int | None = None
    """Year of adoption."""
    vote: Vote | None = None
    annexes: tuple[Annex, ...] = ()
    headings: tuple[Heading, ...] = ()
    """Section headings between paragraphs of the body."""
    formula: Line | None = None
    """The enacting formula as written (``The General Assembly,``)."""
    closing: Line | None = None
    """The closing line as written (``49th plenary meeting 19 December 2023``)."""
    front: tuple[Line, ...] = ()
    """The title block as read, block by block (every word of it, in order)."""
    parts: tuple[Part, ...] = ()
    """Parts A, B ... of a text that adopts several resolutions under one number."""
    closing_date: str | None = None
    """ISO date printed under the closing line."""

    def walk(self) -> list[Paragraph]:
        """Every paragraph and sub-paragraph, annexes included, in document order."""
        out: list[Paragraph] = []

        def visit(p: Paragraph) -> None:
            out.append(p)
            for c in p.children:
                visit(c)

        for p in self.paragraphs:
            visit(p)
        for a in self.annexes:
            for p in a.paragraphs:
                visit(p)
        return out

    def paragraph(self, pid: str) -> Paragraph | None:
        """The paragraph with id `pid`, or None."""
        for p in self.walk():
            if p.id == pid:
                return p
        return None


# ---------------------------------------------------------------------------------------------
# JSON

def _convert(value: Any) -> Any:
    if isinstance(value, (Span, Range)):
        return [value.start, value.end]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, NoteRef):
        return {"number": value.number, "at": value.at, "span": [value.span.start, value.span.end]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            out[f.name] = _convert(v)
        return out
    if isinstance(value, (tuple, list)):
        return [_convert(v) for v in value]
    return value


def to_dict(resolution: Resolution) -> dict[str, Any]:
    """The resolution as JSON-ready data (the public format; keys sorted when dumped)."""
    data: dict[str, Any] = _convert(resolution)
    data["format_version"] = FORMAT_VERSION
    return data


FORMAT_VERSION = 1
"""Bumped when a key changes meaning or disappears; new keys do not bump it."""


__all__ = [
    "AgendaItem", "Annex", "Body", "Citation", "Footnote", "Heading", "Line", "NoteRef", "Origin",
    "Part",
    "Paragraph", "Range", "Resolution", "SourceInfo", "Span", "Vote", "to_dict",
]
