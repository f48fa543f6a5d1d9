"""PDFs read back: pdftotext page by page for text and layout, pypdf for links, outline and
metadata. Rendering is the slow part, so the PDFs are built once per module and shared."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from generator import pdf
from generator.load import load
from generator.model import Footnote, Paragraph, Resolution
from generator.pdf import CORPUS_NAME, PdfStats, build_pdfs
from generator.pdf_html import print_document

from .conftest import ROOT

SEED = ROOT / "content" / "resolutions" / "A-RES-78-167.txt"
SEED_PDF = "A-RES-78-167.pdf"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")


def resolution(path: Path) -> Resolution:
    loaded = load(path)
    assert loaded.resolution is not None, loaded.diagnostics
    return loaded.resolution


# ---------------------------------------------------------------------------------------------
# Reading PDFs back


@lru_cache(maxsize=64)
def _pages(pdf: Path, mtime: int, layout: bool) -> tuple[str, ...]:
    n = len(pypdf.PdfReader(pdf).pages)
    out = []
    for i in range(1, n + 1):
        args = ["pdftotext", "-f", str(i), "-l", str(i), *(["-layout"] if layout else []),
                str(pdf), "-"]
        out.append(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    return tuple(out)


def pages(pdf: Path, layout: bool = False) -> tuple[str, ...]:
    """The text of every page (pdftotext -f N -l N)."""
    return _pages(pdf, pdf.stat().st_mtime_ns, layout)


def squeeze(text: str) -> str:
    """Text without whitespace and hyphens, so that line breaks (and pdftotext's joining of
    "South-/South" into "SouthSouth") do not matter when looking for a phrase."""
    return re.sub(r"[\s\-‐‑]+", "", text)


def printed(p: Paragraph) -> str:
    """A paragraph's text as printed: its footnote calls stand in it, as numbers."""
    text = p.text
    for ref in sorted(p.noterefs, key=lambda n: n.at, reverse=True):
        text = text[:ref.at] + str(ref.number) + text[ref.at:]
    return squeeze(text)


def body(pdf: Path, r: Resolution, first: int = 1, last: int | None = None) -> str:
    """The squeezed text of pages first..last without running headers, page numbers and
    footnotes: the body text, so that a paragraph broken over two pages reads as one."""
    texts = pages(pdf)
    n = len(texts)
    out = []
    for i in range(first, (last or n) + 1):
        s = squeeze(texts[i - 1])
        if i > first:
            for running in (squeeze(r.title), squeeze(r.symbol)):
                at = s.find(running)
                if 0 <= at < 300:
                    s = s[:at] + s[at + len(running):]
        s = s.removesuffix(f"{i}/{n}")
        for f in r.footnotes:
            s = s.replace(str(f.number) + squeeze(f.text), "", 1)
        out.append(s)
    return "".join(out)


def call_context(r: Resolution, f: Footnote) -> tuple[str, str]:
    """(text just before the first call of footnote f, squeezed; the call's number)."""
    for p in r.walk():
        for ref in p.noterefs:
            if ref.number == f.number:
                return squeeze(p.text[:ref.at])[-20:], str(f.number)
    raise AssertionError(f"footnote {f.number} is never called")


def page_of_footnote(texts: tuple[str, ...], f: Footnote) -> list[int]:
    start = squeeze(f.text)[:40]
    return [i for i, t in enumerate(texts, 1) if start in squeeze(t)]


def pages_of_call(texts: tuple[str, ...], before: str, number: str) -> list[int]:
    """Pages where the text before a call is followed by the call's number. The context is
    shortened (to 10 characters at least) when it runs over a page break."""
    for n in range(len(before), 9, -1):
        found = [i for i, t in enumerate(texts, 1) if before[-n:] + number in squeeze(t)]
        if found:
            return found
    return []


def outline_titles(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every outline entry, in order."""
    out: list[tuple[int, str, int]] = []

    def visit(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for it in items:
            if isinstance(it, list):
                visit(it, depth + 1)
            else:
                out.append((depth, it.title, reader.get_destination_page_number(it) + 1))
    visit(reader.outline, 0)
    return out


def uris(reader: pypdf.PdfReader) -> list[str]:
    found = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                found.append(str(action["/URI"]))
    return found


# ---------------------------------------------------------------------------------------------
# Fixtures: one build of a small corpus of real texts, shared by the tests


@pytest.fixture(scope="module")
def texts(corpus: Path) -> list[Resolution]:
    """The seed, a text with sub-paragraphs, one with an annex, a Security Council text."""
    return [resolution(SEED),
            resolution(corpus / "ga80-md" / "A_RES_80_51.md"),
            resolution(corpus / "ga80-md" / "A_RES_80_3.md"),
            resolution(corpus / "sc-gold" / "S_RES_0827_1993_EN_GOLD.txt")]


@pytest.fixture(scope="module")
def built(texts: list[Resolution], tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, Path, PdfStats]:
    root = tmp_path_factory.mktemp("pdf")
    out, cache = root / "pdf", root / "cache"
    stats = build_pdfs(texts, out, cache)
    return out, cache, stats


@pytest.fixture(scope="module")
def seed_pdf(built: tuple[Path, Path, PdfStats]) -> Path:
    return built[0] / SEED_PDF


@pytest.fixture(scope="module")
def seed() -> Resolution:
    return resolution(SEED)


# ---------------------------------------------------------------------------------------------
# The seed, A/RES/78/167


def test_builds_one_pdf_per_resolution_and_the_volume(built: tuple[Path, Path, PdfStats],
                                                      texts: list[Resolution]) -> None:
    out, _, stats = built
    names = sorted(p.name for p in out.glob("*.pdf"))
    assert names == sorted([f"{r.slug}.pdf" for r in texts] + [CORPUS_NAME])
    assert stats.rebuilt == len(texts) + 1 and stats.unchanged == 0
    assert set(stats.seconds) == set(names)
    assert stats.warnings == []
    assert stats.total_seconds > 0


def test_seed_has_every_paragraph(seed_pdf: Path, seed: Resolution) -> None:
    text = body(seed_pdf, seed)
    preambular = [p for p in seed.paragraphs if p.part == "preamble"]
    operative = [p for p in seed.paragraphs if p.part == "operative"]
    assert (len(preambular), len(operative)) == (18, 26)
    for p in preambular:
        assert printed(p) in text, p.id
    for p in operative:
        assert f"{p.number}.{printed(p)}" in text, p.id


def test_seed_footnotes_are_at_the_foot_of_their_call_page(seed_pdf: Path,
                                                           seed: Resolution) -> None:
    texts = pages(seed_pdf)
    assert len(seed.footnotes) == 7
    for f in seed.footnotes:
        on = page_of_footnote(texts, f)
        assert len(on) == 1, (f.number, on)
        before, number = call_context(seed, f)
        assert pages_of_call(texts, before, number) == on, f.number
        # at the foot: after the call
        page = squeeze(texts[on[0] - 1])
        assert page.find(squeeze(f.text)[:40]) > page.find(before + number)


def test_seed_running_header_and_page_numbers(seed_pdf: Path) -> None:
    layout = pages(seed_pdf, layout=True)
    n = len(layout)
    assert n >= 5
    for i, t in enumerate(layout, 1):
        lines = [line for line in t.splitlines() if line.strip()]
        assert re.search(rf"(?<!\d){i}/{n}(?!\d)", lines[-1]), (i, lines[-1])
        if i == 1:
            assert "United Nations" in lines[0] or "A/RES/78/167" in lines[0]
            assert "General Assembly" in t and "Seventy-eighth session" in t
        else:
            assert "A/RES/78/167" in lines[0] and "South-South cooperation" in lines[0], i


def test_seed_links_outline_and_metadata(seed_pdf: Path) -> None:
    reader = pypdf.PdfReader(seed_pdf)
    links = uris(reader)
    assert "https://docs.un.org/en/A/RES/73/291" in links
    assert "https://docs.un.org/en/FCCC/CP/2015/10/Add.1" in links   # in a footnote
    assert "https://docs.un.org/en/A/78/465/Add.2" in links          # in the origin line
    assert all(u.startswith("https://docs.un.org/en/") for u in links)
    outline = outline_titles(reader)
    assert [t for d, t, _ in outline if d == 0] == ["A/RES/78/167 South-South cooperation"]
    assert (1, "Preamble", 1) in outline
    assert any(d == 2 and t.startswith("26. ") for d, t, _ in outline)
    meta = reader.metadata
    assert meta is not None
    assert meta["/Title"] == "A/RES/78/167 – South-South cooperation"
    assert meta["/Subject"] == "A/RES/78/167"
    assert meta["/Author"] == "United Nations General Assembly"
    assert "/CreationDate" not in meta and "/ModDate" not in meta
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_seed_colophon_names_the_source_without_a_date(seed_pdf: Path) -> None:
    last = " ".join(pages(seed_pdf)[-1].split())
    colophon = last[last.index("Typeset by"):]
    assert colophon == ("Typeset by resodocs from A-RES-78-167.txt. Not an official record; "
                        "the official text is A/RES/78/167. 6/6")


def test_seed_italics_and_hanging_numbers_in_the_html(seed: Resolution) -> None:
    html = print_document([seed], "single").html
    assert '<p class="para operative numbered bm" id="op1" data-bookmark="1. Recalls">' \
           '<span class="num">1.</span><i>Recalls</i> the convening' in html
    assert '<p class="para preamble" id="pp2"><i>Reaffirming also</i> its resolution' in html


# ---------------------------------------------------------------------------------------------
# Determinism and rebuilding only what changed


def test_two_builds_give_identical_bytes(texts: list[Resolution],
                                         built: tuple[Path, Path, PdfStats],
                                         tmp_path: Path) -> None:
    # a fresh cache and output folder, rendered in this process rather than in the pool
    stats = build_pdfs(texts, tmp_path / "pdf", tmp_path / "cache", jobs=1)
    assert stats.rebuilt == len(texts) + 1
    names = sorted(p.name for p in built[0].glob("*.pdf"))
    assert names == sorted(p.name for p in (tmp_path / "pdf").glob("*.pdf"))
    for name in names:
        assert (tmp_path / "pdf" / name).read_bytes() == (built[0] / name).read_bytes(), name


def test_workers_are_replaced_and_give_the_same_bytes(
        texts: list[Resolution], built: tuple[Path, Path, PdfStats], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a fresh worker for every PDF: what a worker leaves behind cannot change the next one
    monkeypatch.setattr(pdf, "MAX_TASKS_PER_WORKER", 1)
    build_pdfs(texts, tmp_path / "pdf", tmp_path / "cache", jobs=2)
    for path in sorted(built[0].glob("*.pdf")):
        assert (tmp_path / "pdf" / path.name).read_bytes() == path.read_bytes(), path.name


def test_second_build_rebuilds_nothing(texts: list[Resolution],
                                       built: tuple[Path, Path, PdfStats]) -> None:
    out, cache, _ = built
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    stats = build_pdfs(texts, out, cache)
    assert stats.rebuilt == 0 and stats.unchanged == len(texts) + 1
    assert not any(f.written for f in stats.files)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")} == before


def test_changing_one_resolution_rebuilds_its_pdf_and_the_volume(
        texts: list[Resolution], built: tuple[Path, Path, PdfStats], tmp_path: Path) -> None:
    out, cache = tmp_path / "pdf", tmp_path / "cache"
    shutil.copytree(built[0], out)
    shutil.copytree(built[1], cache)
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("*.pdf")}
    changed = dataclasses.replace(texts[1], title=texts[1].title + " (revised)")
    stats = build_pdfs([texts[0], changed, *texts[2:]], out, cache)
    rebuilt = sorted(f.name for f in stats.files if f.rebuilt)
    assert rebuilt == sorted([f"{changed.slug}.pdf", CORPUS_NAME])
    for name, (mtime, data) in before.items():
        if name not in rebuilt:
            assert (out / name).stat().st_mtime_ns == mtime, name
            assert (out / name).read_bytes() == data
    assert "(revised)" in " ".join(pages(out / f"{changed.slug}.pdf")[0].split())
    # a text taken out of the corpus takes its PDF with it
    stats = build_pdfs([texts[0], changed], out, cache)
    assert sorted(stats.removed) == sorted(f"{r.slug}.pdf" for r in texts[2:])


def test_adding_a_text_renders_its_pdf_and_binds_the_volume_again(
        texts: list[Resolution], built: tuple[Path, Path, PdfStats], tmp_path: Path) -> None:
    out, cache = tmp_path / "pdf", tmp_path / "cache"
    shutil.copytree(built[0], out)
    shutil.copytree(built[1], cache)
    # the cache's manifest is kept per output folder: one build here records this one's
    # (the volume is not cached, only bound again, in milliseconds)
    assert [f.name for f in build_pdfs(texts, out, cache).files if f.rebuilt] == [CORPUS_NAME]
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    source = tmp_path / "A-RES-78-999.txt"
    source.write_text(ESCAPE_TEXT, encoding="utf-8")
    added = resolution(source)
    stats = build_pdfs([*texts[:2], added, *texts[2:]], out, cache)
    assert sorted(f.name for f in stats.files if f.rebuilt) == ["A-RES-78-999.pdf", CORPUS_NAME]
    for f in stats.files:
        if f.name in before and f.name != CORPUS_NAME:
            assert not f.written and f.seconds == 0.0, f.name   # not even read
            assert (out / f.name).stat().st_mtime_ns == before[f.name], f.name
    reader = pypdf.PdfReader(out / CORPUS_NAME)
    assert [t.split(" ")[0] for t, _, _ in volume_parts(reader)] == \
        [r.symbol.split(" ")[0] for r in (*texts[:2], added, *texts[2:])]


# ---------------------------------------------------------------------------------------------
# A corpus of real texts


def volume_parts(reader: pypdf.PdfReader) -> list[tuple[str, int, int]]:
    """(outline title, first page, last page) of every resolution bound in a volume, from its
    top-level outline entries (pages from 1)."""
    top = [(t, page) for d, t, page in outline_titles(reader) if d == 0]
    ends = [page - 1 for _, page in top[1:]] + [len(reader.pages)]
    return [(t, first, last) for (t, first), last in zip(top, ends, strict=False)]


def test_volume_has_contents_and_one_outline_entry_per_resolution(
        built: tuple[Path, Path, PdfStats], texts: list[Resolution]) -> None:
    out = built[0]
    volume = out / CORPUS_NAME
    reader = pypdf.PdfReader(volume)
    parts = volume_parts(reader)
    assert [t for t, _, _ in parts] == [f"{r.symbol} {r.title}" for r in texts]
    # the contents come first, numbered i, ii, ...; the resolutions from 1
    front = parts[0][1] - 1
    labels = reader.page_labels
    assert front >= 1 and labels[:front] == ["i", "ii", "iii", "iv"][:front]
    assert labels[front:] == [str(n) for n in range(1, len(reader.pages) - front + 1)]
    contents = " ".join(" ".join(pages(volume)[:front]).split()).replace("- ", "-")
    assert contents.startswith("Resolutions ")
    for (_title, first, last), r in zip(parts, texts, strict=False):
        # the contents give the label of the page the outline entry points to, which is
        # where the resolution's own PDF starts, and the resolution fills its pages
        assert r.symbol in contents
        listed = re.search(re.escape(" ".join(r.title.split())) + r" (\d+)\b", contents)
        assert listed and listed.group(1) == labels[first - 1], (r.symbol, first)
        own = pypdf.PdfReader(out / f"{r.slug}.pdf")
        assert last - first + 1 == len(own.pages), r.symbol
        # its children are the resolution's own outline, at the same places
        mine = [(d, t, page) for d, t, page in outline_titles(own) if d > 0]
        bound = [(d, t, page - first + 1) for d, t, page in outline_titles(reader)
                 if d > 0 and first <= page <= last]
        assert bound == mine, r.symbol
    meta = reader.metadata
    assert meta is not None
    assert meta["/Title"] == "Resolutions"
    assert meta["/Subject"] == ", ".join(r.symbol for r in texts)
    assert meta["/Author"] == "United Nations General Assembly, United Nations Security Council"
    assert "/CreationDate" not in meta and "/ModDate" not in meta
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_volume_contents_link_to_each_resolution(built: tuple[Path, Path, PdfStats]) -> None:
    reader = pypdf.PdfReader(built[0] / CORPUS_NAME)
    parts = volume_parts(reader)
    front = parts[0][1] - 1
    targets = []
    for page in reader.pages[:front]:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            assert "/A" not in a, "a contents link left unresolved"
            targets.append(reader.get_page_number(a["/Dest"][0].get_object()) + 1)
    # the symbol, the title and the page number of an entry are one link
    assert sorted(set(targets)) == [first for _, first, _ in parts]


def test_volume_keeps_each_resolutions_page_numbers_and_header(
        built: tuple[Path, Path, PdfStats], texts: list[Resolution]) -> None:
    volume = built[0] / CORPUS_NAME
    reader = pypdf.PdfReader(volume)
    layout = pages(volume, layout=True)
    for (_, first, last), r in zip(volume_parts(reader), texts, strict=False):
        n = last - first + 1
        for i in range(first, last + 1):
            lines = [line for line in layout[i - 1].splitlines() if line.strip()]
            assert re.search(rf"(?<!\d){i - first + 1}/{n}(?!\d)", lines[-1]), (r.symbol, i)
            if i > first:
                assert r.symbol in lines[0], (r.symbol, i)
        # a link inside a resolution (a repeated footnote call) stays inside it
        for page in reader.pages[first - 1:last]:
            for annot in page.get("/Annots") or []:
                a = annot.get_object()
                if "/Dest" in a:
                    target = reader.get_page_number(a["/Dest"][0].get_object()) + 1
                    assert first <= target <= last, (r.symbol, target)
                else:
                    assert a["/A"]["/S"] == "/URI"


def test_volume_keeps_footnotes_on_their_call_page(built: tuple[Path, Path, PdfStats],
                                                   texts: list[Resolution]) -> None:
    volume = built[0] / CORPUS_NAME
    reader = pypdf.PdfReader(volume)
    starts = [page for d, _, page in outline_titles(reader) if d == 0] + [len(reader.pages) + 1]
    for r, first, end in zip(texts, starts, starts[1:], strict=False):
        own = pages(volume)[first - 1:end - 1]       # the resolution's pages alone
        for f in r.footnotes:
            on = page_of_footnote(own, f)
            before, number = call_context(r, f)
            assert len(on) == 1 and pages_of_call(own, before, number) == on, (r.symbol, f.number)
        text = body(volume, r, first, end - 1)
        for p in r.walk():
            assert printed(p)[:80] in text, (r.symbol, p.id)


def test_sub_paragraphs_and_annexes_are_printed(built: tuple[Path, Path, PdfStats],
                                                texts: list[Resolution]) -> None:
    for r in texts[1:3]:
        text = body(built[0] / f"{r.slug}.pdf", r)
        for p in r.walk():
            label = squeeze(p.label or "")
            assert label + printed(p) in text, (r.symbol, p.id)
        for a in r.annexes:
            assert squeeze(a.label) in text
            for h in a.headings:
                assert squeeze(h.title) in text, h.id
    html = print_document([texts[1]], "single").html
    assert '<div class="subs">\n<p class="para operative numbered sub" id="op3(a)">' in html


def test_security_council_text_has_no_empty_title_block_fields(
        built: tuple[Path, Path, PdfStats], texts: list[Resolution]) -> None:
    first = " ".join(pages(built[0] / "S-RES-827-1993.pdf")[0].split())
    assert "Security Council" in first and "Resolution 827 (1993)" in first
    assert "Adopted by the Security Council at its 3217th meeting, on 25 May 1993" in first
    assert "The Security Council," in first
    for word in ("None", "session", "Agenda item", "Distr.", "[]"):
        assert word not in first, word


def test_every_security_council_text_prints_sensibly(corpus: Path) -> None:
    # the HTML only (rendering all of them would be slow): no empty fields or "None"
    for path in sorted((corpus / "sc-gold").glob("*.txt")):
        if path.name == "PROVENANCE.txt":
            continue
        r = resolution(path)
        html = print_document([r], "single").html
        visible = re.sub(r"<[^>]+>", " ", html)
        assert "None" not in visible, path.name
        assert "Distr.:" not in visible or r.distributed, path.name
        assert "<p></p>" not in html and "<p class=\"adoption\"></p>" not in html, path.name
        assert f"Resolution {r.number}" in visible


# ---------------------------------------------------------------------------------------------
# Escaping, editor's notes


ESCAPE_TEXT = """\
United Nations

General Assembly

Distr.: General
21 December 2023

Seventy-eighth session

Agenda item 99

**Testing <script>alert(1)</script> & friends**

Resolution adopted by the General Assembly on 19 December 2023

[without reference to a Main Committee ([A/78/L.99](#))]

78/999. Escaping <script>alert("x")</script> & ampersands

The General Assembly,

*Recalling* that R&D costs 5 * 3 < 20 and <b>bold</b> is not bold,¹

1. *Decides* that <script>document.write("pwned")</script> & "quotes" print as written, with a * star;

2. *Requests* that &amp; stays &amp; and &lt;i&gt; stays literal.

*49th plenary meeting
19 December 2023*

¹ A footnote with <em>tags</em> & an ampersand * star.
"""


def test_markup_in_the_text_prints_literally(tmp_path: Path) -> None:
    source = tmp_path / "A-RES-78-999.txt"
    source.write_text(ESCAPE_TEXT, encoding="utf-8")
    r = resolution(source)
    html = print_document([r], "single").html
    assert "<script>" not in html and "<b>bold" not in html and "<em>tags" not in html
    build_pdfs([r], tmp_path / "pdf", tmp_path / "cache", jobs=1)
    pdf = tmp_path / "pdf" / "A-RES-78-999.pdf"
    text = " ".join(" ".join(pages(pdf)).split())
    for literal in ('Escaping <script>alert("x")</script> & ampersands',
                    "R&D costs 5 * 3 < 20 and <b>bold</b> is not bold,",
                    '<script>document.write("pwned")</script> & "quotes"',
                    "&amp; stays &amp; and &lt;i&gt; stays literal",
                    "A footnote with <em>tags</em> & an ampersand * star.",
                    "Testing <script>alert(1)</script> & friends"):
        assert literal in text, literal
    meta = pypdf.PdfReader(pdf).metadata
    assert meta is not None and meta["/Title"] == \
        'A/RES/78/999 – Escaping <script>alert("x")</script> & ampersands'


def test_editor_notes_go_in_a_separate_annotated_pdf(seed: Resolution, built: tuple[Path, Path, PdfStats],
                                                     tmp_path: Path) -> None:
    out, cache = tmp_path / "pdf", tmp_path / "cache"
    shutil.copytree(built[1], cache)
    note = "<p>Compare <em>A/RES/77/185</em>, para. 2 &amp; its <b>annex</b>.</p>"
    notes = {seed.slug: {"op2": note}}
    stats = build_pdfs([seed], out, cache, notes=notes)
    # the volume of the seed alone is new here; the seed's own PDF comes from the cache
    assert sorted(f.name for f in stats.files if f.rebuilt) == ["A-RES-78-167-annotated.pdf",
                                                                 CORPUS_NAME]
    assert (out / SEED_PDF).read_bytes() == (built[0] / SEED_PDF).read_bytes()
    annotated = pages(out / "A-RES-78-167-annotated.pdf")
    joined = [" ".join(t.split()) for t in annotated]
    where = [i for i, t in enumerate(joined) if "Compare A/RES/77/185, para. 2 & its annex." in t]
    assert len(where) == 1
    page = joined[where[0]]
    assert page.index("EDITOR’S NOTE") < page.index("Compare A/RES/77/185")
    assert "Takes note of the report of the Secretary-General" in page[:page.index("EDITOR’S NOTE")]
    assert "Compare" not in " ".join(" ".join(pages(out / SEED_PDF)).split())
    # a changed note rebuilds the annotated PDF alone
    stats = build_pdfs([seed], out, cache, notes={seed.slug: {"op2": "<p>Changed.</p>"}})
    assert [f.name for f in stats.files if f.rebuilt] == ["A-RES-78-167-annotated.pdf"]
    with pytest.raises(ValueError, match="op99"):
        build_pdfs([seed], out, cache, notes={seed.slug: {"op99": "<p>x</p>"}})


# ---------------------------------------------------------------------------------------------
# Footnotes WeasyPrint pushes to the next page, parts, closing lines


def test_footnotes_stay_on_their_call_page_in_one_layout(corpus: Path, tmp_path: Path) -> None:
    from generator import pdf_render
    from generator.pdf import STYLESHEET

    # WeasyPrint 70 as it is moves a placed footnote of A/RES/80/41 to the next page to make
    # room for the next paragraph's first lines; the renderer's second pass brings it back
    r = resolution(corpus / "ga80-md" / "A_RES_80_41.md")
    doc = print_document([r], "single")
    assert pdf_render.keep_footnotes_with_calls(True), "WeasyPrint's footnote code changed"
    with pdf_render.footnote_reporting():
        one_pass = pdf_render.render(doc.html, STYLESHEET, doc.footnotes, doc.blocks,
                                     max_passes=1)
        fixed = pdf_render.render(doc.html, STYLESHEET, doc.footnotes, doc.blocks)
    assert one_pass.displaced, "WeasyPrint no longer displaces this footnote: the patch may go"
    assert fixed.displaced == () and fixed.passes == 2 and len(fixed.forced) == 1
    # with the patch (as the workers render) one layout keeps every footnote in place
    patched = pdf_render.render(doc.html, STYLESHEET, doc.footnotes, doc.blocks, max_passes=1)
    assert patched.displaced == () and patched.passes == 1 and patched.forced == ()
    for made in (fixed, patched):
        pdf_file = tmp_path / "fixed.pdf"
        pdf_file.write_bytes(made.pdf)
        texts = pages(pdf_file)
        for f in r.footnotes:
            before, number = call_context(r, f)
            on = page_of_footnote(texts, f)
            assert len(on) == 1 and pages_of_call(texts, before, number) == on, f.number


def test_parts_and_closing_lines_in_the_html() -> None:
    cases = ROOT / "tests" / "cases"
    parts = print_document([resolution(cases / "parts-a-b" / "input.txt")], "single").html
    assert parts.count('<h2 class="part-label">') == 2
    assert '<h2 class="part-title">United Nations global communications policies</h2>' in parts
    assert parts.count('<div class="closing">') == 2
    assert '<p class="para preamble" id="B.pp1"><i>Emphasizing</i>' in parts
    hrc = print_document([resolution(cases / "hrc-vote-bracket" / "input.txt")], "single").html
    assert "<p><i>52nd meeting</i></p>\n<p><i>4 April 2024</i></p>" in hrc
    assert '<p class="closing-note">[Adopted by a recorded vote of 23 to 13' in hrc
    assert "Resolution adopted by the Human Rights Council on <span" in hrc


# ---------------------------------------------------------------------------------------------
# `resodocs build --pdf` (what `make site` runs): the PDFs beside the site


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ROOT / ".venv" / "bin" / "resodocs"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})


def test_build_with_pdf_makes_the_site_and_the_pdfs(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "resolutions").mkdir(parents=True)
    shutil.copy(SEED, content / "resolutions" / SEED.name)
    site, cache = tmp_path / "site", tmp_path / "cache"
    res = _cli("build", "--pdf", "--content", str(content), "--site", str(site),
               "--cache", str(cache))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    assert (site / "A-RES-78-167" / "index.html").is_file()
    assert sorted(p.name for p in (site / "pdf").glob("*.pdf")) == [SEED_PDF, CORPUS_NAME]
    assert "2 PDFs in" in res.stdout and "PDFs (after the site)" in res.stdout
    # the same bytes as `resodocs pdf` makes alone
    alone = tmp_path / "alone"
    assert _cli("pdf", "--content", str(content), "--site", str(alone), "--cache",
                str(tmp_path / "cache2")).returncode == 0
    for name in (SEED_PDF, CORPUS_NAME):
        assert (site / "pdf" / name).read_bytes() == (alone / "pdf" / name).read_bytes(), name
    # nothing changed: nothing rebuilt, and the site is still whole
    again = _cli("build", "--pdf", "--content", str(content), "--site", str(site),
                 "--cache", str(cache))
    assert again.returncode == 0 and "(0 rebuilt, 2 unchanged)" in again.stdout, again.stdout


def test_build_with_pdf_stops_on_a_bad_text_and_writes_nothing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "resolutions").mkdir(parents=True)
    (content / "resolutions" / "A-RES-78-999.txt").write_text("not a resolution\n",
                                                              encoding="utf-8")
    site = tmp_path / "site"
    res = _cli("build", "--pdf", "--content", str(content), "--site", str(site),
               "--cache", str(tmp_path / "cache"))
    assert res.returncode == 1
    assert "A-RES-78-999.txt:1:1: error[" in res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    assert not site.exists()
