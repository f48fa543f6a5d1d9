"""The built site (issue 3): pages, anchors, links, escaping, determinism, failure safety.

One real build (generator + MkDocs + Pagefind) of the seed, a few real texts of other shapes
and a fixture full of markup characters, shared by the tests of this module.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.site_build import FIXTURES, ROOT, build_site, make_content

SEED = ROOT / "content" / "resolutions" / "A-RES-78-167.txt"


def corpus_texts(corpus: Path) -> list[Path]:
    return [SEED, corpus / "ga80-md" / "A_RES_80_51.md", corpus / "ga80-md" / "A_RES_80_3.md",
            corpus / "sc-gold" / "S_RES_0827_1993_EN_GOLD.txt",
            corpus / "ga73-pdf" / "A_RES_73_7-EN.pdf", FIXTURES / "escaping.txt"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("site")
    content = make_content(root / "content", corpus_texts(corpus))
    site, cache = root / "site", root / "cache"
    rep = build_site(content, site, cache, strict=False)  # 80/3's export lost a number: warnings
    assert rep.ok
    return content, site, cache


class Links(HTMLParser):
    """Every id, href and src of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if a.get("name") and tag == "a":
            self.ids.add(a["name"] or "")
        for key in ("href", "src"):
            if a.get(key):
                self.refs.append((tag, a[key] or ""))
        if tag == "script":
            self.scripts.append(a.get("src") or "")


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(doc: str, element_id: str) -> str:
    """Visible text of the element with `element_id` (a div, to its matching close)."""
    m = re.search(rf'<(\w+)[^>]*\bid="{re.escape(html.escape(element_id))}"', doc)
    assert m, f"no element with id {element_id}"
    tag = m.group(1)
    depth, pos = 0, m.start()
    for t in re.finditer(rf"<(/?){tag}\b[^>]*>", doc[m.start():]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            inner = doc[m.start():m.start() + t.end()]
            break
    else:  # pragma: no cover
        raise AssertionError("unbalanced")
    _ = pos
    text = re.sub(r"<[^>]+>", "", inner)
    return " ".join(html.unescape(text).split())


# -- pages and anchors -------------------------------------------------------------------------

def test_resolution_page_has_every_paragraph_anchor(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    ids = parse(site / "A-RES-78-167" / "index.html").ids
    assert {f"pp{i}" for i in range(1, 19)} <= ids
    assert {f"op{i}" for i in range(1, 27)} <= ids
    assert {f"fn:{i}" for i in range(1, 8)} <= ids
    subs = parse(site / "A-RES-80-51" / "index.html").ids
    assert {"op3(a)", "op3(h)", "op3(i)"} <= subs
    annex = parse(site / "A-RES-80-3" / "index.html").ids
    assert {"annex", "annex.1", "annex.13(a)"} <= annex


def test_title_block_and_cite(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    doc = page(site, "A-RES-78-167")
    block = text_of(doc, "op5")
    assert block.startswith("5. Welcomes the support of development partners")
    # the number is the permalink and carries the citation (the cite button copies it)
    assert '<a class="pnum" href="#op5" title="A/RES/78/167, para. 5">5.</a>' in doc
    assert '<a class="pnum" href="#pp3" title="A/RES/78/167, preambular para. 3">¶</a>' in doc
    title = re.search(r'<div class="title-block">(.*?)</div>', doc, re.S)
    assert title
    t = " ".join(html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).split())
    for part in ("A/RES/78/167", "General Assembly", "78th session", "Agenda item 22 (b)",
                 "Operational activities for development: South-South cooperation for development",
                 "Adopted 19 December 2023 at the 49th plenary meeting", "distributed 21 December 2023",
                 "On the report of the Second Committee (A/78/465/Add.2, para. 7)"):
        assert part in t
    assert 'href="../documents/A-78-465-Add.2/"' in title.group(1)
    sub = page(site, "A-RES-80-51")
    assert 'href="#op3(i)" title="A/RES/80/51, para. 3 (i)">(i)</a>' in sub


def test_phrases_are_italic_and_link_to_their_verb_page(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    doc = page(site, "A-RES-78-167")
    assert ('<a class="verb" href="../verbs/operative/recognizes/#A-RES-78-167-op15">'
            "<em>Also recognizes</em></a>") in doc
    assert ('<a class="verb" href="../verbs/preambular/noting/#A-RES-78-167-pp9">'
            "<em>Noting with great concern</em></a>") in doc


def test_footnotes_are_real_footnotes_numbered_as_in_the_original(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    doc = page(site, "A-RES-78-167")
    assert re.search(r'<sup id="fnref:5"><a class="footnote-ref" href="#fn:5">5</a></sup>', doc)
    assert "Resolution 73/291, annex." in text_of(doc, "fn:5")


def test_citations_link_to_the_corpus_or_to_their_document_page(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    doc = page(site, "A-RES-78-167")
    assert ('<a class="cite" href="../documents/A-RES-73-291/" '
            'data-url="https://docs.un.org/en/A/RES/73/291">73/291</a>') in doc
    # 70/1 is not in the corpus: its page carries the docs.un.org link
    d = page(site, "documents/A-RES-70-1")
    assert 'href="https://docs.un.org/en/A/RES/70/1"' in d
    assert 'id="A-RES-78-167-pp5"' in d and 'id="A-RES-78-167-fn7"' in d
    # a symbol in the corpus links to its resolution page (73/7 cites nothing here; the
    # escaping fixture cites 70/1 and 78/167's footnote cites 73/291 in a footnote)
    fn = text_of(doc, "fn:6")
    assert "A/78/290" in fn
    assert '<a class="cite" href="../documents/A-78-290/" data-url="https://docs.un.org/en/A/78/290">' in doc


def test_every_cite_link_goes_to_the_document_it_names(built: tuple[Path, Path, Path]) -> None:
    # a quote shared between pages must not carry a link written for one of them: on every
    # page, a citation links to the page of the document its data-url names, never to itself
    _, site, _ = built
    cite = re.compile(r'<a class="cite" href="([^"]*)" data-url="https://docs\.un\.org/en/([^"]+)"')
    checked = 0
    for path in sorted(site.rglob("*.html")):
        doc = path.read_text(encoding="utf-8")
        for href, symbol in cite.findall(doc):
            def letters(t: str) -> str:
                return re.sub(r"[^A-Za-z0-9]", "", t)

            target = (path.parent / urlsplit(href).path).resolve()
            assert letters(target.name) == letters(unquote(html.unescape(symbol))), \
                (path, href, symbol)
            checked += 1
    assert checked > 100


def test_verb_pages_group_paragraphs_across_the_corpus(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    rec = page(site, "verbs/operative/recognizes")
    ids = re.findall(r'id="A-RES-78-167-(op\d+)"', rec)
    assert ids == ["op14", "op15", "op21", "op22", "op23"]
    assert "Also recognizes" in rec and "Further recognizes" in rec
    reaff = page(site, "verbs/preambular/reaffirming")
    assert re.findall(r'id="A-RES-78-167-(pp\d+)"', reaff) == [
        "pp1", "pp2", "pp3", "pp5", "pp6", "pp7", "pp8", "pp17"]
    assert 'href="../../../A-RES-78-167/#op15"' in rec
    index = page(site, "verbs")
    op = index[index.index('id="operative"'):index.index('id="preambular"')]
    assert re.search(r'href="operative/recognizes/">Recognizes</a> \((\d+)\)', op)
    assert "Reaffirming" in index[index.index('id="preambular"'):]


def test_home_page_lists_resolutions_newest_first(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    doc = (site / "index.html").read_text(encoding="utf-8")
    order = re.findall(r'<a href="(A-RES-[^/"]+|S-RES-[^/"]+)/">', doc)
    assert order[:3] == ["A-RES-80-51", "A-RES-80-3", "A-RES-79-999"]
    assert order[-1] == "S-RES-827-1993"
    assert (site / "how-to-read" / "index.html").exists()


# -- link integrity ----------------------------------------------------------------------------

def test_every_internal_link_and_anchor_resolves(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    checked = 0
    for path, links in pages.items():
        for _tag, ref in links.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("mailto:", "javascript:")):
                continue
            base = site if parts.path.startswith("/") else path.parent  # 404.html is absolute
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                if parts.path.startswith("../pdf/") or "/pdf/" in parts.path:
                    continue  # PDFs are made by `resodocs pdf` (tested in test_pdf.py)
                broken.append(f"{path.relative_to(site)}: {ref}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages.get(target, parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {ref} (no such anchor)")
            checked += 1
    assert checked > 1000
    assert not broken, broken[:20]


# -- escaping ----------------------------------------------------------------------------------

def test_markup_in_the_text_renders_literally_everywhere(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    res = page(site, "A-RES-79-999")
    assert "<script>alert" not in res and "<b>bold" not in res and "<img src=x" not in res
    pp1 = text_of(res, "pp1")
    assert ('a text <script>alert("x")</script> & more: 5 * 3, _under_scores_, #hash, a|pipe, '
            "[x] brackets and &amp; an entity,") in pp1
    op1 = text_of(res, "op1")
    assert 'that a <b>bold</b> claim & 5 * 3 | 2 [x] #1 _x_ stays literal;' in op1
    op2 = text_of(res, "op2")
    assert "<img src=x onerror=alert(1)> and `code` and \\escapes\\ are data too." in op2
    assert 'A footnote with <script>alert("fn")</script> & | * _ [y] #z.' in text_of(res, "fn:1")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", res, re.S)
    assert title and html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip().startswith(
        "Escaping <b>markup</b> & friends")
    # every page that quotes these paragraphs shows them literally as well
    for url, anchor, literal in (
            ("verbs/operative/recognizes", "A-RES-79-999-op1", "claim & 5 * 3 | 2 [x] #1 _x_ stays"),
            ("verbs/operative/decides", "A-RES-79-999-op2", "<img src=x onerror=alert(1)> and `code`"),
            ("documents/A-RES-70-1", "A-RES-79-999-pp1", '<script>alert("x")</script> & more: 5 * 3')):
        doc = page(site, url)
        assert "<script>alert" not in doc and "<b>bold" not in doc and "<img src=x" not in doc
        assert literal in text_of(doc, anchor)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<b>markup" not in home and "Escaping &lt;b&gt;markup&lt;/b&gt; &amp; friends" in home


def test_only_the_sites_own_scripts_run(built: tuple[Path, Path, Path]) -> None:
    _, site, _ = built
    for path in site.rglob("*.html"):
        for src in parse(path).scripts:
            assert src == "" or "assets/" in src, f"{path}: script {src}"
        doc = path.read_text(encoding="utf-8")
        assert "alert(" not in re.sub(r"&[a-z]+;|&#\d+;", "", "".join(
            re.findall(r"<script\b[^>]*>(.*?)</script>", doc, re.S)))


# -- determinism, increments, failures ---------------------------------------------------------

def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.name.startswith("sitemap.xml")}


def test_two_builds_are_identical_and_unchanged_files_are_not_rewritten(
        built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    content, site, cache = built
    before = _snapshot(site)
    mtimes = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    rep = build_site(content, site, cache, strict=False)
    assert rep.ok and rep.pages_written == 0 and rep.copied == 0 and rep.removed == 0
    assert _snapshot(site) == before
    assert all(p.stat().st_mtime_ns == m for p, m in mtimes.items())
    # a build from scratch (no cache) gives the same bytes
    fresh = tmp_path / "site"
    assert build_site(content, fresh, tmp_path / "cache", strict=False).ok
    assert _snapshot(fresh) == before


def test_adding_and_removing_a_text(built: tuple[Path, Path, Path], tmp_path: Path,
                                    corpus: Path) -> None:
    content, site, cache = built
    c2 = tmp_path / "content"
    shutil.copytree(content, c2)
    s2 = tmp_path / "site"
    assert build_site(c2, s2, cache, strict=False).mkdocs_mode == "full"  # a new site folder
    shutil.copy(corpus / "ga80-md" / "A_RES_80_7.md", c2 / "resolutions")
    rep = build_site(c2, s2, cache, strict=False)
    assert rep.ok and rep.mkdocs_mode == "dirty"
    assert 0 < rep.pages_written < rep.pages / 2  # only what the new text touches
    assert (s2 / "A-RES-80-7" / "index.html").exists()
    assert "A-RES-80-7" in (s2 / "index.html").read_text(encoding="utf-8")
    # the incremental site is the site a build from scratch makes
    fresh = tmp_path / "fresh"
    assert build_site(c2, fresh, tmp_path / "fresh-cache", strict=False).ok
    assert _snapshot(s2) == _snapshot(fresh)
    (c2 / "resolutions" / "A_RES_80_7.md").unlink()
    rep = build_site(c2, s2, cache, strict=False)
    assert rep.ok and not (s2 / "A-RES-80-7").exists()
    assert _snapshot(s2) == _snapshot(site)


def test_a_text_that_fails_stops_the_build_and_leaves_the_site_alone(
        built: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, site, cache = built
    c2 = tmp_path / "content"
    shutil.copytree(content, c2)
    (c2 / "resolutions" / "broken.txt").write_text("Minutes of a meeting.\n\nNothing else.\n",
                                                   encoding="utf-8")
    s2 = tmp_path / "site"
    shutil.copytree(site, s2)
    before = _snapshot(s2)
    rep = build_site(c2, s2, cache, strict=False)
    assert not rep.ok
    err = capsys.readouterr()
    assert "broken.txt:1:1: error[E-NOT-RESOLUTION]" in err.err
    assert _snapshot(s2) == before


def test_split_verb_pages_and_two_mkdocs_processes(built: tuple[Path, Path, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A large site: verbs quoting many paragraphs get a page per session, and MkDocs runs as
    two processes. Forced here on a small site; the result must hold together the same way."""
    import generator.pages
    import generator.site

    content, _, _ = built
    monkeypatch.setattr(generator.pages, "VERB_PAGE_LIMIT", 3)
    monkeypatch.setattr(generator.site, "SPLIT_AT", 10)
    site = tmp_path / "site"
    assert build_site(content, site, tmp_path / "cache", strict=False).ok
    main = page(site, "verbs/operative/recognizes")
    assert "78th session" in main and "paragraphs, by session" in main
    chunk = page(site, "verbs/operative/recognizes/s078")
    assert re.findall(r'id="A-RES-78-167-(op\d+)"', chunk) == ["op14", "op15", "op21", "op22", "op23"]
    res = page(site, "A-RES-78-167")
    assert 'href="../verbs/operative/recognizes/s078/#A-RES-78-167-op15"' in res
    # the documents came from the second MkDocs process, the rest from the first
    assert (site / "documents" / "A-RES-70-1" / "index.html").exists()
    assert (site / "documents" / "index.html").exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    pages = list(site.rglob("index.html"))
    assert sitemap.count("<url>") == len(pages)
    test_every_internal_link_and_anchor_resolves((content, site, tmp_path / "cache"))
