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

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from .cache import code_fingerprint, digest
from .corpus import CitedDocument, Corpus, Occurrence, VerbIndex
from .model import Citation, Footnote, Line, Paragraph, Resolution
from .segments import Segment, Span, number_refs, segments
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
    """A relative Markdown link between docs pages (MkDocs checks and rewrites it): up to the
    docs root, then down to the target (no shortest-path search: it is the same page, and this
    is called hundreds of thousands of times)."""
    target = "" if to_path == from_path else "../" * from_path.count("/") + to_path
    return f"{target}#{anchor}" if anchor else target


@functools.cache
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
    return html_link_by_depth(from_path, to_path, anchor)


def html_link_by_depth(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """`html_link` without its shortcut for a link to the page itself: the same string on
    every page at `from_path`'s depth, so HTML built with it can be shared between them."""
    target = "../" * url_of(from_path).count("/") + url_of(to_path) or "./"
    return f"{target}#{anchor}" if anchor else target


Linker = Callable[[str, str, str | None], str]

SEARCH_SHARDS = ("recent", "archive")


def search_shards(corpus: Corpus) -> dict[str, str]:
    """Resolution slug -> search index shard: ``recent`` for the texts adopted in the latest
    year of the corpus (where new texts land, whatever the body), ``archive`` for the rest (see
    generator/search.py): adding a text then re-indexes only the small shard."""
    years = [r.adopted[:4] for r in corpus.resolutions if r.adopted]
    newest = max(years, default="")
    return {r.slug: "recent" if r.adopted and r.adopted[:4] == newest else "archive"
            for r in corpus.resolutions}


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


def _walk(v: ParagraphView) -> list[ParagraphView]:
    out = [v]
    for c in v.children:
        out.extend(_walk(c))
    return out


def _walk_paragraphs(p: Paragraph) -> list[Paragraph]:
    out = [p]
    for c in p.children:
        out.extend(_walk_paragraphs(c))
    return out


def _with_segments(v: ParagraphView, segs: dict[int, list[Segment]]) -> ParagraphView:
    return dataclasses.replace(v, segments=segs.get(id(v), v.segments),
                               children=[_with_segments(c, segs) for c in v.children])


class Builder:
    """Plans every page of a corpus."""

    def __init__(self, corpus: Corpus, notes: Notes | None = None) -> None:
        self.corpus = corpus
        self.notes: Notes = notes or {}
        self._by_paragraph: dict[str, dict[str, list[Citation]]] = {}
        self._quotes: dict[tuple[str, str], ParagraphView] = {}
        self.verb_pages: dict[tuple[str, str], list[VerbPage]] = {}
        self.verb_page_of: dict[tuple[str, str], str] = {}
        self._verb_pages_of: dict[str, list[tuple[str, str]]] = {}
        """(resolution slug, paragraph id) -> docs path of the verb page quoting it."""
        for key, v in corpus.verbs.items():
            pages = self._split(v)
            self.verb_pages[key] = pages
            for page in pages:
                if page.key is None and len(pages) > 1:
                    continue
                for o in page.occurrences:
                    self.verb_page_of[(o.resolution.slug, o.paragraph.id)] = page.path
                    self._verb_pages_of.setdefault(o.resolution.slug, []).append(
                        (o.paragraph.id, page.path))

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

    def _citations(self, r: Resolution) -> dict[str, list[Citation]]:
        """A resolution's citations by paragraph id (``fn5`` for those in footnote 5)."""
        found = self._by_paragraph.get(r.slug)
        if found is None:
            found = {}
            for c in r.citations:
                key = f"fn{c.footnote}" if c.footnote is not None else (c.paragraph or "")
                found.setdefault(key, []).append(c)
            self._by_paragraph[r.slug] = found
        return found

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
        for c in self._citations(r).get(p.id, ()):
            if c.footnote is None and c.at is not None:
                spans.append(Span(c.at.start, c.at.end, False,
                                  self.symbol_href(here, c.symbol, c.slug, linker), "cite",
                                  c.url))
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

    def _document_quote(self, here: str, r: Resolution, p: Paragraph) -> ParagraphView:
        """A quote on a cited-document page. Every such page is at the same depth
        (``documents/<slug>/``), so a paragraph cited by several documents is quoted with
        the same links on each (none of them written as a link to the page itself, which
        would be another page on the next document page): it is built once."""
        key = (r.slug, p.id)
        view = self._quotes.get(key)
        if view is None:
            view = self.paragraph_view(here, r, p, linker=html_link_by_depth, anchor_prefix=f"{r.slug}-",
                                       with_notes=False)
            self._quotes[key] = view
        return view

    def footnote_segments(self, here: str, r: Resolution, f: Footnote,
                          linker: Linker = link) -> list[Segment]:
        spans = [Span(e.start, e.end, True) for e in f.emphasis]
        for c in self._citations(r).get(f"fn{f.number}", ()):
            if c.at is not None:
                spans.append(Span(c.at.start, c.at.end, False,
                                  self.symbol_href(here, c.symbol, c.slug, linker), "cite",
                                  c.url))
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
        for _, _, make in self.plan():
            yield make()

    def plan(self) -> Iterable[tuple[str, str | None, Callable[[], Page]]]:
        """Every page as (path, key, make): `key` digests everything the page shows, so that
        a page whose key did not change since the last build need not be rendered again (None:
        always render; the index pages are cheap). `make` renders it."""
        yield "index.md", None, self.home
        yield "search.md", None, self.search
        for r in self.corpus.resolutions:
            yield resolution_path(r), self._key("resolution", self._deps(r)), \
                functools.partial(self.resolution, r)
        yield "verbs/index.md", None, self.verbs_index
        for pages in self.verb_pages.values():
            for vp in pages:
                deps = [vp.verb.verb, vp.verb.part, vp.label or "",
                        [(s.label, s.path, len(s.occurrences)) for s in pages if s.key],
                        [self._quoted(o.resolution, o.paragraph) for o in vp.occurrences]]
                yield vp.path, self._key("verb", deps), functools.partial(self.verb, vp, pages)
        yield "documents/index.md", None, self.documents_index
        for d in self.corpus.documents.values():
            deps = [d.symbol, d.in_corpus.slug if d.in_corpus else "",
                    [r.slug for r in d.origin_of],
                    [(self._quoted(pl.resolution, pl.paragraph) if pl.paragraph else pl.resolution.slug,
                      pl.citation.footnote, self._model_id(pl.resolution)) for pl in d.places]]
            yield document_path(d.slug), self._key("document", deps), \
                functools.partial(self.document, d)
        yield "annotations/index.md", None, self.annotations_index

    # -- what a page depends on (for `plan`'s keys) ------------------------------------------------

    def _key(self, kind: str, deps: object) -> str:
        return digest(kind, self._salt, repr(deps))

    @functools.cached_property
    def _salt(self) -> str:
        """What every page depends on: the generator's code, the templates, whether the site
        has annotations at all."""
        from .templating import template_files  # noqa: PLC0415

        parts: list[bytes | str] = [code_fingerprint(), str(bool(self.notes))]
        for f in template_files():
            parts += [f.as_posix(), f.read_bytes()]
        return digest(*parts)

    def _model_id(self, r: Resolution) -> str:
        # a resolution's model is determined by its source and the generator's code (in the salt)
        return f"{r.source.sha256}:{r.source.path}:{r.slug}"

    def _notes_of(self, r: Resolution) -> list[tuple[str, str]]:
        return [(pid, getattr(n, "markdown", "") + getattr(n, "html", ""))
                for pid, n in sorted(self.notes.get(r.slug, {}).items())]

    def _linked(self, r: Resolution) -> list[str]:
        """The symbols `r` cites that are resolutions of the site (they link there)."""
        return sorted({c.symbol for c in r.citations if c.symbol in self.corpus.by_symbol})

    def _quoted(self, r: Resolution, p: Paragraph) -> tuple[object, ...]:
        """What a quote of `p` shows: the model, its links, its verb page, its note."""
        return (self._model_id(r), p.id, self._linked(r), self.verb_page_of.get((r.slug, p.id)),
                [self.verb_page_of.get((r.slug, c.id)) for c in _walk_paragraphs(p)],
                self._notes_of(r))

    def _deps(self, r: Resolution) -> list[object]:
        own = self.corpus.documents.get(r.symbol)
        return [self._model_id(r), self._linked(r), self._notes_of(r),
                self._verb_pages_of.get(r.slug, []),
                sorted(res.slug for res, _ in own.resolutions) if own else [],
                r.origin.report if r.origin and r.origin.report in self.corpus.by_symbol else ""]

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
        """A resolution's page. Its paragraphs are written as HTML blocks (links as final
        URLs, footnote markers and the footnote list in the markup of Python-Markdown's
        footnotes extension, which Material's tooltips read): a 1,000-resolution site then
        renders in half the time, and the tests' link walk checks what MkDocs does not."""
        here = resolution_path(r)
        view = functools.partial(self.paragraph_view, here, r, linker=html_link)
        front = sorted({str(n.number) for ln in r.front for n in ln.noterefs
                        if any(f.number == n.number for f in r.footnotes)})
        front_segs = [Segment("", notes=tuple(front))] if front else []
        paragraphs = [view(p) for p in r.paragraphs]
        annex_views = [[view(p) for p in a.paragraphs] for a in r.annexes]
        # footnote markers get their ids in page order: title block, formula, paragraphs,
        # closing line, annexes
        flat: list[list[Segment]] = [front_segs, self.line_segments(r.formula)]
        walked: list[ParagraphView] = []
        for v in paragraphs:
            walked.extend(_walk(v))
        flat.extend(v.segments for v in walked)
        flat.append(self.line_segments(r.closing))
        annex_walked = [[w for v in views for w in _walk(v)] for views in annex_views]
        for ws in annex_walked:
            flat.extend(v.segments for v in ws)
        numbered, backrefs = number_refs(flat, {str(f.number) for f in r.footnotes})
        it = iter(numbered)
        front_segs = next(it)
        formula = next(it)
        renumbered = {id(v): segs for v, segs in zip(walked, it, strict=False)}
        closing = next(it)
        for ws in annex_walked:
            renumbered.update({id(v): segs for v, segs in zip(ws, it, strict=False)})
        paragraphs = [_with_segments(v, renumbered) for v in paragraphs]
        annexes = []
        for a, views in zip(r.annexes, annex_views, strict=False):
            annexes.append((a, [_with_segments(v, renumbered) for v in views],
                            {h.before: h for h in a.headings if h.before},
                            [h for h in a.headings if not h.before]))
        footnotes = [(f, self.footnote_segments(here, r, f, html_link),
                      backrefs.get(str(f.number), [])) for f in r.footnotes]
        docs: list[tuple[str, str]] = []
        seen: set[str] = set()
        for c in r.citations:
            if c.symbol not in seen and c.symbol != r.symbol:
                seen.add(c.symbol)
                docs.append((c.symbol, self.symbol_href(here, c.symbol, c.slug, html_link)))
        own = self.corpus.documents.get(r.symbol)
        citing = [res for res, _ in own.resolutions if res.symbol != r.symbol] if own else []
        origin_href = None
        if r.origin and r.origin.report and r.origin.report in self.corpus.documents:
            d = self.corpus.documents[r.origin.report]
            origin_href = self.symbol_href(here, d.symbol, d.slug, html_link)
        return Page(here, "pages/resolution.md.j2", {
            **self.common(here), "r": r, "paragraphs": paragraphs,
            "headings": {h.before: h for h in r.headings if h.before},
            "annexes": annexes, "footnotes": footnotes, "documents": docs,
            "cited_by": [(res, html_link(here, resolution_path(res))) for res in citing],
            "cited_by_href": html_link(here, document_path(own.slug)) if citing and own else None,
            "origin_href": origin_href, "pdf_href": f"../pdf/{r.slug}.pdf",
            "formula": formula, "closing": closing, "front_segs": front_segs,
            "resolution_note": self.note(here, r, RESOLUTION_NOTE, html_link),
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
                    items.append(("paragraph", p, self._document_quote(here, r, p),
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
