"""Corpus -> Markdown pages, through the templates in templates/pages/.

Python decides which pages exist, where they go and what every link points to; the templates
write the Markdown. Paths are stable: a resolution at ``<slug>.md`` (``/A-RES-78-167/``),
verbs at ``verbs/<part>/<verb>.md`` (split into ``verbs/<part>/<verb>/<group>.md`` pages by
session when a verb quotes many paragraphs), cited documents at ``documents/<slug>.md``.

Resolution pages are Markdown (MkDocs checks every link and anchor in them). The long quote
lists of verb and document pages are written as HTML blocks inside the Markdown: Python-
Markdown passes them through about three times faster, which keeps a 1,000-resolution site
within its build budget; their links are final URLs computed here (`html_link`), and the link
walk over the built site in the tests checks them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from .corpus import CitedDocument, Corpus, Occurrence, VerbIndex
from .model import Footnote, Line, Paragraph, Resolution
from .segments import Segment, Span, segments
from .templating import environment

PART_DIRS = {"operative": "operative", "preamble": "preambular"}
VERB_PAGE_LIMIT = 200
"""A verb quoting more paragraphs than this gets one page per session (or year)."""


class RenderedNote(Protocol):
    """An editor's note written for one page."""

    @property
    def markdown(self) -> str: ...

    @property
    def html(self) -> str: ...


class Note(RenderedNote, Protocol):
    """An editor's note as the pages need it (see generator/annotations.py): ``markdown`` and
    ``html`` as written for its resolution's page, `at` for another page (a note's links to
    paragraphs are relative to the page that shows it)."""

    def at(self, href: Callable[[str, str | None], str]) -> RenderedNote: ...


Notes = Mapping[str, Mapping[str, Note]]
"""Resolution slug -> paragraph id (or ``resolution``, for a note on the whole text) -> note."""

RESOLUTION_NOTE = "resolution"
"""The key of a note on the whole resolution (``## resolution``), shown under the title block."""


@dataclass(frozen=True, slots=True)
class Page:
    """A page to write."""

    path: str
    """POSIX path under the docs folder."""
    template: str
    context: dict[str, Any] = field(hash=False, compare=False)


# -- paths and links ----------------------------------------------------------------------------

def resolution_path(r: Resolution | str) -> str:
    """Docs path of a resolution page."""
    return f"{r if isinstance(r, str) else r.slug}.md"


def document_path(slug: str) -> str:
    """Docs path of a cited-document page."""
    return f"documents/{slug}.md"


def group_of(r: Resolution) -> tuple[str, str]:
    """(key, label) of the group a resolution is listed in on split verb pages: its session
    (``s78``, "78th session") or, for bodies without sessions, its year (``y1993``)."""
    if r.session:
        k = r.session
        suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
        return f"s{k:03d}", f"{k}{suffix} session"
    if r.year:
        return f"y{r.year}", str(r.year)
    return "other", "Other"


def link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A relative Markdown link between docs pages (MkDocs checks and rewrites it)."""
    target = "" if to_path == from_path else posixpath.relpath(
        to_path, posixpath.dirname(from_path) or ".")
    return f"{target}#{anchor}" if anchor else target


def url_of(path: str) -> str:
    """The URL directory of a docs page (``use_directory_urls``): ``a/b.md`` -> ``a/b/``."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def html_link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A relative link between built pages, for HTML that MkDocs does not rewrite."""
    if to_path == from_path:
        return f"#{anchor}" if anchor else "./"
    here, there = url_of(from_path) or ".", url_of(to_path) or "."
    rel = posixpath.relpath(there, here)
    target = "./" if rel == "." else rel + "/"
    return f"{target}#{anchor}" if anchor else target


Linker = Callable[[str, str, str | None], str]

SEARCH_SHARDS = ("recent", "archive")


def search_shards(corpus: Corpus) -> dict[str, str]:
    """Resolution slug -> search index shard: ``recent`` for the newest session (or year) of
    the corpus, where new texts land, ``archive`` for the rest (see generator/search.py)."""
    newest = max((group_of(r)[0] for r in corpus.resolutions), default="")
    return {r.slug: "recent" if group_of(r)[0] == newest else "archive" for r in corpus.resolutions}


def cite_text(r: Resolution, p: Paragraph) -> str:
    """How a reader cites a paragraph: ``A/RES/78/167, para. 5``, ``..., preambular para. 3``,
    ``..., para. 5 (a)``, ``..., annex, para. 3``."""
    top_id, _, sub = p.id.partition("(")
    subs = " ".join(f"({s}" for s in sub.split("(")) if sub else ""
    prefix, _, base = top_id.rpartition(".")
    symbol = r.symbol
    if prefix and prefix.split(".")[0] in {pt.label for pt in r.parts}:
        symbol = f"{r.symbol} {prefix.split('.')[0]}"
        prefix = ".".join(prefix.split(".")[1:])
    tail = f" {subs}" if subs else ""
    if p.part == "preamble":
        return f"{symbol}, preambular para. {base.removeprefix('pp')}{tail}"
    if p.part == "annex":
        where = "adopted text" if prefix.startswith("text") else "annex"
        if base.isdigit():
            return f"{symbol}, {where}, para. {base}{tail}"
        if base.startswith("pp") and base[2:].isdigit():
            return f"{symbol}, {where}, preambular para. {base[2:]}{tail}"
        return f"{symbol}, {where}, unnumbered para. {base.lstrip('u')}{tail}"
    n = base.removeprefix("op")
    return f"{symbol}, para. {n}{tail}" if p.number else f"{symbol}, unnumbered para. {n}{tail}"


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """A paragraph as the templates show it."""

    paragraph: Paragraph
    segments: list[Segment]
    cite: str
    children: list[ParagraphView]
    anchor: str
    """Id of the paragraph on the page that shows it."""
    href: str
    """Link to the paragraph on its resolution page."""
    note: RenderedNote | None = None


@dataclass(frozen=True, slots=True)
class VerbPage:
    """One page of a verb's quotes."""

    verb: VerbIndex
    path: str
    key: str | None
    """Group key (``s078``) for a split verb's page, None for a verb on one page."""
    label: str | None
    occurrences: tuple[Occurrence, ...]


class Builder:
    """Plans every page of a corpus."""

    def __init__(self, corpus: Corpus, notes: Notes | None = None) -> None:
        self.corpus = corpus
        self.notes: Notes = notes or {}
        self.verb_pages: dict[tuple[str, str], list[VerbPage]] = {}
        self.verb_page_of: dict[tuple[str, str], str] = {}
        """(resolution slug, paragraph id) -> docs path of the verb page quoting it."""
        for key, v in corpus.verbs.items():
            pages = self._split(v)
            self.verb_pages[key] = pages
            for page in pages:
                if page.key is None and len(pages) > 1:
                    continue
                for o in page.occurrences:
                    self.verb_page_of[(o.resolution.slug, o.paragraph.id)] = page.path

    @staticmethod
    def _split(v: VerbIndex) -> list[VerbPage]:
        base = f"verbs/{PART_DIRS[v.part]}/{v.slug}"
        if len(v.occurrences) <= VERB_PAGE_LIMIT:
            return [VerbPage(v, f"{base}.md", None, None, v.occurrences)]
        groups: dict[str, tuple[str, list[Occurrence]]] = {}
        for o in v.occurrences:
            k, label = group_of(o.resolution)
            groups.setdefault(k, (label, []))[1].append(o)
        pages = [VerbPage(v, f"{base}.md", None, None, ())]
        for k in sorted(groups, reverse=True):
            label, occ = groups[k]
            pages.append(VerbPage(v, f"{base}/{k}.md", k, label, tuple(occ)))
        return pages

    # -- views ----------------------------------------------------------------------------------

    def symbol_href(self, here: str, symbol: str, slug: str, linker: Linker = link) -> str:
        r = self.corpus.by_symbol.get(symbol)
        return linker(here, resolution_path(r) if r else document_path(slug), None)

    def paragraph_view(self, here: str, r: Resolution, p: Paragraph, *, linker: Linker = link,
                       anchor_prefix: str = "", with_notes: bool = True) -> ParagraphView:
        spans: list[Span] = []
        if p.phrase_at is not None:
            target = self.verb_page_of.get((r.slug, p.id))
            href = linker(here, target, f"{r.slug}-{p.id}") if target else None
            spans.append(Span(p.phrase_at.start, p.phrase_at.end, True, href, "verb"))
        for e in p.emphasis:
            spans.append(Span(e.start, e.end, True))
        for c in r.citations:
            if c.paragraph == p.id and c.footnote is None and c.at is not None:
                spans.append(Span(c.at.start, c.at.end, False,
                                  self.symbol_href(here, c.symbol, c.slug, linker), "cite"))
        notes = [(n.at, str(n.number)) for n in p.noterefs] if with_notes else []
        children = [self.paragraph_view(here, r, c, linker=linker, anchor_prefix=anchor_prefix,
                                        with_notes=with_notes) for c in p.children]
        return ParagraphView(p, segments(p.text, spans, notes), cite_text(r, p), children,
                             f"{anchor_prefix}{p.id}", linker(here, resolution_path(r), p.id),
                             self.note(here, r, p.id, linker))

    def note(self, here: str, r: Resolution, target: str,
             linker: Linker = link) -> RenderedNote | None:
        """The editor's note on `target` of `r`, written for the page `here`."""
        note = self.notes.get(r.slug, {}).get(target)
        if note is None:
            return None
        return note.at(lambda slug, anchor: linker(here, resolution_path(slug), anchor))

    def footnote_segments(self, here: str, r: Resolution, f: Footnote,
                          linker: Linker = link) -> list[Segment]:
        spans = [Span(e.start, e.end, True) for e in f.emphasis]
        for c in r.citations:
            if c.footnote == f.number and c.at is not None:
                spans.append(Span(c.at.start, c.at.end, False,
                                  self.symbol_href(here, c.symbol, c.slug, linker), "cite"))
        return segments(f.text, spans)

    @staticmethod
    def line_segments(line: Line | None) -> list[Segment]:
        """A line kept as read (formula, closing line) with its footnote calls."""
        if line is None:
            return []
        return segments(line.text, [], [(n.at, str(n.number)) for n in line.noterefs])

    # -- pages ----------------------------------------------------------------------------------

    def pages(self) -> Iterable[Page]:
        """Every generated page of the site, in a stable order."""
        yield self.home()
        yield self.search()
        for r in self.corpus.resolutions:
            yield self.resolution(r)
        yield self.verbs_index()
        for pages in self.verb_pages.values():
            for vp in pages:
                yield self.verb(vp, pages)
        yield self.documents_index()
        for d in self.corpus.documents.values():
            yield self.document(d)
        yield self.annotations_index()

    def common(self, here: str) -> dict[str, Any]:
        return {"has_annotations": bool(self.notes), "home": link(here, "index.md")}

    def home(self) -> Page:
        here = "index.md"
        rows = [(r, link(here, resolution_path(r))) for r in self.corpus.resolutions]
        return Page(here, "pages/home.md.j2", {**self.common(here), "rows": rows})

    def search(self) -> Page:
        used = set(search_shards(self.corpus).values())
        bundles = [f"pagefind-{s}" for s in SEARCH_SHARDS if s in used]
        return Page("search.md", "pages/search.md.j2", {**self.common("search.md"),
                                                         "bundles": " ".join(bundles)})

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
        docs: list[tuple[str, str]] = []
        seen: set[str] = set()
        for c in r.citations:
            if c.symbol not in seen and c.symbol != r.symbol:
                seen.add(c.symbol)
                docs.append((c.symbol, self.symbol_href(here, c.symbol, c.slug)))
        own = self.corpus.documents.get(r.symbol)
        citing = [res for res, _ in own.resolutions if res.symbol != r.symbol] if own else []
        origin_href = None
        if r.origin and r.origin.report and r.origin.report in self.corpus.documents:
            d = self.corpus.documents[r.origin.report]
            origin_href = self.symbol_href(here, d.symbol, d.slug)
        return Page(here, "pages/resolution.md.j2", {
            **self.common(here), "r": r, "paragraphs": paragraphs, "headings": headings,
            "annexes": annexes, "footnotes": footnotes, "documents": docs,
            "cited_by": [(res, link(here, resolution_path(res))) for res in citing],
            "cited_by_href": link(here, document_path(own.slug)) if citing and own else None,
            "origin_href": origin_href, "pdf_href": f"../pdf/{r.slug}.pdf",
            "formula": self.line_segments(r.formula), "closing": self.line_segments(r.closing),
            "front_notes": sorted({str(n.number) for ln in r.front for n in ln.noterefs
                                   if any(f.number == n.number for f in r.footnotes)}),
            "resolution_note": self.note(here, r, RESOLUTION_NOTE),
        })

    def verbs_index(self) -> Page:
        here = "verbs/index.md"
        op = [(v, link(here, self.verb_pages[(v.part, v.verb)][0].path))
              for v in self.corpus.operative_verbs()]
        pre = [(v, link(here, self.verb_pages[(v.part, v.verb)][0].path))
               for v in self.corpus.preambular_verbs()]
        return Page(here, "pages/verbs-index.md.j2", {**self.common(here), "operative": op,
                                                      "preamble": pre})

    def verb(self, vp: VerbPage, siblings: list[VerbPage]) -> Page:
        here = vp.path
        v = vp.verb
        groups = []
        by_res: dict[str, tuple[Resolution, list[Paragraph]]] = {}
        for o in vp.occurrences:
            by_res.setdefault(o.resolution.symbol, (o.resolution, []))[1].append(o.paragraph)
        for r, paras in by_res.values():
            views = [self.paragraph_view(here, r, p, linker=html_link, anchor_prefix=f"{r.slug}-",
                                         with_notes=False) for p in paras]
            groups.append((r, html_link(here, resolution_path(r)), views))
        parts = [(s.label, link(here, s.path), len(s.occurrences)) for s in siblings if s.key]
        return Page(here, "pages/verb.md.j2", {
            **self.common(here), "v": v, "page": vp, "groups": groups, "parts": parts,
            "main": link(here, siblings[0].path), "index": link(here, "verbs/index.md")})

    def documents_index(self) -> Page:
        here = "documents/index.md"
        rows = [(d, link(here, document_path(d.slug))) for d in self.corpus.documents.values()]
        return Page(here, "pages/documents-index.md.j2", {**self.common(here), "rows": rows})

    def annotations_index(self) -> Page:
        """Every editor's note, grouped by resolution (newest first), in document order. The
        page exists when there are no notes too: the navigation names it."""
        here = "annotations/index.md"
        groups = []
        count = 0
        for r in self.corpus.resolutions:
            by_target = self.notes.get(r.slug)
            if not by_target:
                continue
            # (anchor, link, how the paragraph is cited, its text, the note)
            items: list[tuple[str, str, str | None, str | None, RenderedNote]] = []
            note = self.note(here, r, RESOLUTION_NOTE)
            if note is not None:
                items.append((f"{r.slug}-{RESOLUTION_NOTE}", link(here, resolution_path(r)),
                              None, None, note))
            for p in r.walk():
                note = self.note(here, r, p.id)
                if note is not None:
                    items.append((f"{r.slug}-{p.id}", link(here, resolution_path(r), p.id),
                                  cite_text(r, p), p.text, note))
            groups.append((r, link(here, resolution_path(r)), items))
            count += len(items)
        return Page(here, "pages/annotations-index.md.j2", {
            **self.common(here), "groups": groups, "count": count})

    def document(self, d: CitedDocument) -> Page:
        here = document_path(d.slug)
        groups = []
        for r, places in d.resolutions:
            items: list[tuple[str, Any, Any, str | None, str | None, str]] = []
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
                    items.append(("footnote", fn, self.footnote_segments(here, r, fn, html_link),
                                  html_link(here, resolution_path(r), p.id) if p else None,
                                  p.id if p else None, f"{r.slug}-fn{fnum}"))
                elif p is not None and p.id not in shown:
                    shown.add(p.id)
                    items.append(("paragraph", p, self.paragraph_view(
                        here, r, p, linker=html_link, anchor_prefix=f"{r.slug}-", with_notes=False),
                        None, p.id, f"{r.slug}-{p.id}"))
            groups.append((r, html_link(here, resolution_path(r)), items))
        origin_of = [(r, link(here, resolution_path(r))) for r in d.origin_of]
        in_corpus = link(here, resolution_path(d.in_corpus)) if d.in_corpus else None
        return Page(here, "pages/document.md.j2", {
            **self.common(here), "d": d, "groups": groups, "origin_of": origin_of,
            "in_corpus": in_corpus, "index": link(here, "documents/index.md")})


def render(pages: Iterable[Page]) -> dict[str, str]:
    """Render pages to Markdown text, keyed by docs path."""
    env = environment()
    out: dict[str, str] = {}
    for page in pages:
        out[page.path] = env.get_template(page.template).render(**page.context)
    return out
