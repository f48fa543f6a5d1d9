"""Corpus -> Markdown pages, through the templates in templates/.

Python decides what pages exist, where they go and what each link points to; the templates
write the Markdown. Every page is a `Page` (its path under the docs folder, its template, its
context). Paths are stable: a resolution at ``<slug>.md`` (``/A-RES-78-167/``), verbs at
``verbs/<part>/<verb>.md``, cited documents at ``documents/<slug>.md``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .corpus import CitedDocument, Corpus, VerbIndex
from .model import Footnote, Paragraph, Resolution
from .segments import Segment, Span, segments
from .templating import environment

PART_DIRS = {"operative": "operative", "preamble": "preambular"}


@dataclass(frozen=True, slots=True)
class Page:
    """A page to write."""

    path: str
    """POSIX path under the docs folder."""
    template: str
    context: dict[str, Any] = field(hash=False, compare=False)


def resolution_path(r: Resolution | str) -> str:
    """Docs path of a resolution page."""
    return f"{r if isinstance(r, str) else r.slug}.md"


def verb_path(v: VerbIndex) -> str:
    """Docs path of a verb page."""
    return f"verbs/{PART_DIRS[v.part]}/{v.slug}.md"


def document_path(slug: str) -> str:
    """Docs path of a cited-document page."""
    return f"documents/{slug}.md"


def link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A relative link from one docs page to another (MkDocs checks and rewrites it)."""
    if to_path == from_path:
        target = ""
    else:
        target = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    return f"{target}#{anchor}" if anchor else target


def cite_text(r: Resolution, p: Paragraph) -> str:
    """How a reader cites a paragraph: ``A/RES/78/167, para. 5``, ``..., preambular para. 3``,
    ``..., para. 5 (a)``, ``..., annex, para. 3``."""
    top_id, _, sub = p.id.partition("(")
    subs = "".join(f" ({s}" for s in sub.split("(")) if sub else ""
    subs = subs.replace(" (", " (").strip()
    base = top_id.split(".")[-1]
    if p.part == "preamble":
        n = base.removeprefix("pp")
        return f"{r.symbol}, preambular para. {n}" + (f" {subs}" if subs else "")
    if p.part == "annex":
        annex = top_id.split(".")[0] if "." in top_id else "annex"
        where = "annex" if annex.startswith("annex") else "adopted text"
        n = base.removeprefix("pp").removeprefix("u") if not base.isdigit() else base
        label = f"para. {base}" if base.isdigit() else "unnumbered para."
        return f"{r.symbol}, {where}, {label}" + (f" {subs}" if subs else "") if n else r.symbol
    n = base.removeprefix("op")
    return f"{r.symbol}, para. {n}" + (f" {subs}" if subs else "")


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """A paragraph as the templates show it."""

    paragraph: Paragraph
    segments: list[Segment]
    cite: str
    children: list[ParagraphView]
    verb_href: str | None
    anchor: str
    """Id of the paragraph on the page that shows it."""
    href: str
    """Link to the paragraph on its resolution page."""


class Builder:
    """Plans and renders every page of a corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    # -- links --------------------------------------------------------------------------

    def symbol_href(self, here: str, symbol: str, slug: str) -> str:
        r = self.corpus.by_symbol.get(symbol)
        return link(here, resolution_path(r)) if r else link(here, document_path(slug))

    def paragraph_view(self, here: str, r: Resolution, p: Paragraph, *, anchor_prefix: str = "",
                       with_notes: bool = True) -> ParagraphView:
        spans: list[Span] = []
        verb = self.corpus.verb_of(p)
        verb_href = None
        if p.phrase_at is not None:
            if verb is not None:
                verb_href = link(here, verb_path(verb), f"{r.slug}-{p.id}")
            spans.append(Span(p.phrase_at.start, p.phrase_at.end, True, verb_href, "verb"))
        for e in p.emphasis:
            spans.append(Span(e.start, e.end, True))
        for c in r.citations:
            if c.paragraph == p.id and c.footnote is None and c.at is not None:
                spans.append(Span(c.at.start, c.at.end, False, self.symbol_href(here, c.symbol, c.slug),
                                  "cite"))
        notes = [(n.at, str(n.number)) for n in p.noterefs] if with_notes else []
        segs = segments(p.text, spans, notes)
        children = [self.paragraph_view(here, r, c, anchor_prefix=anchor_prefix, with_notes=with_notes)
                    for c in p.children]
        return ParagraphView(p, segs, cite_text(r, p), children, verb_href,
                             f"{anchor_prefix}{p.id}", link(here, resolution_path(r), p.id))

    def footnote_segments(self, here: str, r: Resolution, f: Footnote) -> list[Segment]:
        spans = [Span(e.start, e.end, True) for e in f.emphasis]
        for c in r.citations:
            if c.footnote == f.number and c.at is not None:
                spans.append(Span(c.at.start, c.at.end, False, self.symbol_href(here, c.symbol, c.slug),
                                  "cite"))
        return segments(f.text, spans)

    # -- pages --------------------------------------------------------------------------

    def pages(self) -> Iterable[Page]:
        """Every page of the site, in a stable order."""
        yield self.home()
        for r in self.corpus.resolutions:
            yield self.resolution(r)
        yield self.verbs_index()
        for v in self.corpus.verbs.values():
            yield self.verb(v)
        yield self.documents_index()
        for d in self.corpus.documents.values():
            yield self.document(d)

    def home(self) -> Page:
        here = "index.md"
        rows = [(r, link(here, resolution_path(r))) for r in self.corpus.resolutions]
        return Page(here, "pages/home.md.j2", {"rows": rows, "corpus": self.corpus})

    def resolution(self, r: Resolution) -> Page:
        here = resolution_path(r)
        paragraphs = [self.paragraph_view(here, r, p) for p in r.paragraphs]
        headings = {h.before: h for h in r.headings if h.before}
        annexes = []
        for a in r.annexes:
            views = [self.paragraph_view(here, r, p) for p in a.paragraphs]
            annexes.append((a, views, {h.before: h for h in a.headings if h.before},
                            [h for h in a.headings if not h.before]))
        footnotes = [(f, self.footnote_segments(here, r, f)) for f in r.footnotes]
        docs = []
        seen = set()
        for c in r.citations:
            if c.symbol not in seen:
                seen.add(c.symbol)
                docs.append((c.symbol, self.symbol_href(here, c.symbol, c.slug)))
        own = self.corpus.documents.get(r.symbol)
        cited_by = link(here, document_path(own.slug)) if own and own.places else None
        origin_href = None
        if r.origin and r.origin.report:
            d = self.corpus.documents.get(r.origin.report)
            if d:
                origin_href = self.symbol_href(here, d.symbol, d.slug)
        return Page(here, "pages/resolution.md.j2", {
            "r": r, "paragraphs": paragraphs, "headings": headings, "annexes": annexes,
            "footnotes": footnotes, "documents": docs, "cited_by": cited_by,
            "cited_by_count": len(own.resolutions) if own else 0,
            "origin_href": origin_href, "home": link(here, "index.md"),
            "pdf_href": f"../pdf/{r.slug}.pdf",
        })

    def verbs_index(self) -> Page:
        here = "verbs/index.md"
        op = [(v, link(here, verb_path(v))) for v in self.corpus.operative_verbs()]
        pre = [(v, link(here, verb_path(v))) for v in self.corpus.preambular_verbs()]
        return Page(here, "pages/verbs-index.md.j2", {"operative": op, "preamble": pre})

    def verb(self, v: VerbIndex) -> Page:
        here = verb_path(v)
        groups = []
        for r, paras in v.resolutions:
            views = [self.paragraph_view(here, r, p, anchor_prefix=f"{r.slug}-", with_notes=False)
                     for p in paras]
            groups.append((r, link(here, resolution_path(r)), views))
        return Page(here, "pages/verb.md.j2", {"v": v, "groups": groups,
                                         "index": link(here, "verbs/index.md")})

    def documents_index(self) -> Page:
        here = "documents/index.md"
        rows = [(d, link(here, document_path(d.slug))) for d in self.corpus.documents.values()]
        return Page(here, "pages/documents-index.md.j2", {"rows": rows})

    def document(self, d: CitedDocument) -> Page:
        here = document_path(d.slug)
        groups = []
        for r, places in d.resolutions:
            items = []
            shown: set[str] = set()
            notes_shown: set[int] = set()
            for place in places:
                fnum = place.citation.footnote
                p = place.paragraph
                if fnum is not None:
                    if fnum in notes_shown:
                        continue
                    notes_shown.add(fnum)
                    fn = next((f for f in r.footnotes if f.number == fnum), None)
                    if fn is None:
                        continue
                    items.append(("footnote", fn, self.footnote_segments(here, r, fn),
                                  link(here, resolution_path(r), p.id) if p else None,
                                  p.id if p else None, f"{r.slug}-fn{fnum}"))
                elif p is not None and p.id not in shown:
                    shown.add(p.id)
                    items.append(("paragraph", p, self.paragraph_view(
                        here, r, p, anchor_prefix=f"{r.slug}-", with_notes=False), None, p.id,
                        f"{r.slug}-{p.id}"))
            groups.append((r, link(here, resolution_path(r)), items))
        origin_of = [(r, link(here, resolution_path(r))) for r in d.origin_of]
        in_corpus = link(here, resolution_path(d.in_corpus)) if d.in_corpus else None
        return Page(here, "pages/document.md.j2", {"d": d, "groups": groups, "origin_of": origin_of,
                                             "in_corpus": in_corpus,
                                             "index": link(here, "documents/index.md")})


def render(pages: Iterable[Page]) -> dict[str, str]:
    """Render pages to Markdown text, keyed by docs path."""
    env = environment()
    out: dict[str, str] = {}
    for page in pages:
        out[page.path] = env.get_template(page.template).render(**page.context)
    return out
