"""A model text cut into inline segments for the templates.

A paragraph's text carries ranges: the opening phrase (italic, linked to its verb page),
other italic runs, citations (linked), footnote markers (zero-width). Templates cannot compute
overlaps, so this module does it once: it cuts the text at every range boundary and gives each
piece its attributes. Templates then write each piece as Markdown (escaped by the `md` filter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text with uniform attributes."""

    text: str
    italic: bool = False
    href: str | None = None
    """Link target (a verb page, a resolution page, a cited-document page)."""
    kind: str = ""
    """``verb``, ``cite`` or empty: what the link is (for a CSS class)."""
    notes: tuple[str, ...] = ()
    """Footnote labels whose markers stand right after this run."""
    refs: tuple[str, ...] = ()
    """Ids of those markers on the page (``fnref:5``, ``fnref2:5`` for a second call), set by
    `number_refs` where a page shows footnotes."""
    url: str = ""
    """For a citation: the document's own address (docs.un.org), which the print stylesheet
    writes after the link."""


@dataclass(frozen=True, slots=True)
class Span:
    """A range to mark: italic and/or linked."""

    start: int
    end: int
    italic: bool = False
    href: str | None = None
    kind: str = ""
    url: str = ""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a range so that it neither starts nor ends with whitespace (Markdown emphasis
    does not open before a space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def segments(text: str, spans: Sequence[Span], notes: Sequence[tuple[int, str]] = ()) -> list[Segment]:
    """Cut `text` into segments. `notes` are (position, label) of footnote markers."""
    if not spans and not notes:
        return [Segment(text)]
    marks = []
    for s in spans:
        a, b = _trim(text, max(0, s.start), min(len(text), s.end))
        if a < b:
            marks.append(Span(a, b, s.italic, s.href, s.kind, s.url))
    cuts = {0, len(text)}
    for s in marks:
        cuts.add(s.start)
        cuts.add(s.end)
    note_at: dict[int, list[str]] = {}
    for pos, label in notes:
        pos = max(0, min(pos, len(text)))
        cuts.add(pos)
        note_at.setdefault(pos, []).append(label)
    points = sorted(cuts)
    out: list[Segment] = []
    if 0 in note_at and points and points[0] == 0 and not text:
        return [Segment("", notes=tuple(note_at[0]))]
    italics = [s for s in marks if s.italic]
    links = [s for s in marks if s.href]
    for a, b in zip(points, points[1:], strict=False):
        piece = text[a:b]
        italic = any(s.start <= a and b <= s.end for s in italics)
        link = next((s for s in links if s.start <= a and b <= s.end), None)
        seg_notes = tuple(note_at.get(b, ()))
        prev = out[-1] if out else None
        if (prev is not None and not prev.notes and prev.italic == italic
                and prev.href == (link.href if link else None)):
            out[-1] = Segment(prev.text + piece, italic, prev.href, prev.kind, seg_notes,
                              url=prev.url)
        else:
            out.append(Segment(piece, italic, link.href if link else None,
                               link.kind if link else "", seg_notes,
                               url=link.url if link else ""))
    if 0 in note_at and out:
        # a marker before any text: attach it to the first segment's start (rare)
        first = out[0]
        out.insert(0, Segment("", notes=tuple(note_at[0])))
        out[1] = first
    return out


def number_refs(runs: list[list[Segment]], known: set[str]) -> tuple[list[list[Segment]],
                                                                      dict[str, list[str]]]:
    """Give every footnote marker of a page its id, in page order, as Python-Markdown's
    footnotes extension does (``fnref:5``, then ``fnref2:5`` ...). A marker whose footnote is
    not `known` (its text is missing from the source) gets the id "" and no link. Returns the
    runs with `refs` set and, for each footnote label, the ids of its markers (back links)."""
    seen: dict[str, list[str]] = {}
    out = []
    for segs in runs:
        new = []
        for s in segs:
            if s.notes:
                refs = []
                for label in s.notes:
                    if label not in known:
                        refs.append("")
                        continue
                    k = len(seen.setdefault(label, []))
                    ref = f"fnref:{label}" if k == 0 else f"fnref{k + 1}:{label}"
                    seen[label].append(ref)
                    refs.append(ref)
                s = Segment(s.text, s.italic, s.href, s.kind, s.notes, tuple(refs), s.url)
            new.append(s)
        out.append(new)
    return out, seen
