"""Editors' annotations (issue 7): the format, every error with its location, the safety of a
note's Markdown, golden pages with notes, and real builds (hostile notes, the shipped example
under --strict, a note whose paragraph is gone), the PDF and `resodocs check`.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from generator.annotations import RESOLUTION, Note, load_annotations
from generator.cli import main
from generator.corpus import Corpus
from generator.diagnostics import Diagnostic, Level
from generator.load import load
from generator.model import Resolution
from generator.pages import Builder, render
from generator.search import search_files
from tests.conftest import CASES, ROOT
from tests.page_goldens import case_pages
from tests.site_build import build_site, make_content
from tests.test_browser import browser, page, served  # noqa: F401 - the browser's fixtures

SEED = ROOT / "content" / "resolutions" / "A-RES-78-167.txt"
EXAMPLE = ROOT / "content" / "annotations"
HOSTILE = CASES / "hostile-note" / "annotations"


@pytest.fixture(scope="module")
def seed() -> Resolution:
    loaded = load(SEED, "content/resolutions/A-RES-78-167.txt")
    assert loaded.resolution is not None
    return loaded.resolution


@pytest.fixture(scope="module")
def seed_corpus(seed: Resolution) -> Corpus:
    return Corpus.build([seed])


def read(tmp_path: Path, text: str | bytes, corpus: Corpus | None,
         name: str = "A-RES-78-167.md") -> tuple[dict[str, dict[str, Note]], list[Diagnostic]]:
    """Load one annotations file (named as diagnostics show it: its file name)."""
    folder = tmp_path / "annotations"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_annotations(folder, corpus, lambda p: p.name)


def where(diags: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in diags]


# -- the format ----------------------------------------------------------------------------------


def test_the_shipped_example_loads_cleanly(seed_corpus: Corpus) -> None:
    notes, diags = load_annotations(EXAMPLE, seed_corpus, lambda p: p.name)
    assert diags == []
    by_target = notes["A-RES-78-167"]
    assert list(by_target) == [RESOLUTION, "pp5", "op3", "op15"]  # document order
    op3 = by_target["op3"]
    assert "21/1 and 21/2" in op3.text and "twenty-first session" in op3.text
    assert op3.meta.author == "resodocs editors" and op3.meta.tags == ("High-level Committee",)
    assert "70/1" in by_target["pp5"].text


def test_front_matter_of_the_file_and_of_a_note(tmp_path: Path, seed_corpus: Corpus) -> None:
    notes, diags = read(tmp_path, """---
author: Ana Ruiz
tags: [finance]
---

## op15
---
date: 2024-05-31
tags: [funds, history]
---

On the *Pérez-Guerrero* Trust Fund.

## resolution

The whole text.
""", seed_corpus)
    assert diags == []
    op15, whole = notes["A-RES-78-167"]["op15"], notes["A-RES-78-167"][RESOLUTION]
    assert (op15.meta.author, op15.meta.date, op15.meta.tags) == (
        "Ana Ruiz", "2024-05-31", ("funds", "history"))  # a note's values replace the file's
    assert whole.meta.tags == ("finance",) and whole.meta.date is None
    assert "— Ana Ruiz, 31 May 2024 · Tags: funds, history\n{: .note-meta }" in op15.markdown
    assert '<p class="note-meta">— Ana Ruiz, 31 May 2024 · Tags: funds, history</p>' in op15.html
    assert "<em>Pérez-Guerrero</em>" in op15.html
    assert list(notes["A-RES-78-167"]) == [RESOLUTION, "op15"]


def test_a_heading_in_a_code_block_or_a_quote_is_not_a_target(tmp_path: Path,
                                                              seed_corpus: Corpus) -> None:
    notes, diags = read(tmp_path, """## op3

How a note is written:

```markdown
## op4

A note.
```

    ## op5 (indented: code)

> ## op6 in a quote
""", seed_corpus)
    assert diags == []
    assert list(notes["A-RES-78-167"]) == ["op3"]
    note = notes["A-RES-78-167"]["op3"]
    assert "## op4" in note.html and "<strong>op6 in a quote</strong>" in note.html


def test_sub_paragraphs_and_parts(tmp_path: Path) -> None:
    path = CASES / "parts-a-b" / "input.txt"
    r = load(path, "parts-a-b.txt").resolution
    assert r is not None
    notes, diags = read(tmp_path, "## B.op2(a)\n\nOn (a).\n\n## A.op1\n\nOn A.\n\n"
                        "## B.op2(c)\n\nNo such.\n\n## B.op9\n\nNo such.\n",
                        Corpus.build([r]), name=f"{r.slug}.md")
    assert list(notes[r.slug]) == ["A.op1", "B.op2(a)"]
    assert [(d.code, d.line, d.message.split(";")[0]) for d in diags] == [
        ("E-ANN-TARGET", 9, (f"no paragraph B.op2(c) in {r.symbol} (B.op2 has sub-paragraphs "
                             "B.op2(a)..B.op2(b))")),
        ("E-ANN-TARGET", 13, (f"no paragraph B.op9 in {r.symbol} (operative paragraphs "
                              "B.op1..B.op3)"))]


def test_annex_paragraphs(tmp_path: Path, corpus: Path) -> None:
    r = load(corpus / "akn-itu" / "dec_5.xml", "dec_5.xml").resolution
    assert r is not None
    notes, diags = read(tmp_path, "## annex2.1\n\nOn the annex.\n\n## annex2.99\n\nNo.\n",
                        Corpus.build([r]), name=f"{r.slug}.md")
    assert list(notes[r.slug]) == ["annex2.1"]
    assert where(diags) == [("E-ANN-TARGET", 5, 4)]
    assert "(paragraphs annex2.1..annex2." in diags[0].message


def test_notes_are_searchable(seed_corpus: Corpus) -> None:
    notes, _ = load_annotations(EXAMPLE, seed_corpus, lambda p: p.name)
    files = search_files(seed_corpus, notes)
    doc = next(iter(files["recent"].values())).decode()
    assert "Editor’s note: The High-level Committee on South-South Cooperation" in doc


def test_links_to_paragraphs_are_written_for_each_page(seed_corpus: Corpus) -> None:
    notes, _ = load_annotations(EXAMPLE, seed_corpus, lambda p: p.name)
    op3 = notes["A-RES-78-167"]["op3"]
    assert "[pp3](<#pp3>)" in op3.markdown  # the resolution's page
    assert '<a href="#pp3">pp3</a>' in op3.html  # ... and its PDF
    pages = render(Builder(seed_corpus, notes).pages())
    assert "[pp3](<../A-RES-78-167.md#pp3>)" in pages["annotations/index.md"]
    assert '<a href="../../../A-RES-78-167/#pp3">pp3</a>' in pages["verbs/operative/reaffirms.md"]


# -- errors, with their places -------------------------------------------------------------------

ERRORS: list[tuple[str, str | bytes, list[tuple[str, int, int]], str]] = [
    ("target-missing", "## op27\n\nA note.\n", [("E-ANN-TARGET", 1, 4)],
     "no paragraph op27 in A/RES/78/167 (operative paragraphs op1..op26)"),
    ("sub-paragraph-missing", "## op1(a)\n\nA note.\n", [("E-ANN-TARGET", 1, 4)],
     "no paragraph op1(a) in A/RES/78/167 (op1 has no sub-paragraphs)"),
    ("preambular-missing", "## pp40\n\nA note.\n", [("E-ANN-TARGET", 1, 4)],
     "(preambular paragraphs pp1..pp18)"),
    ("annex-missing", "## annex.3\n\nA note.\n", [("E-ANN-TARGET", 1, 4)],
     "(it has preambular paragraphs pp1..pp18 and operative paragraphs op1..op26)"),
    ("not-a-target", "## Background\n\nA note.\n", [("E-ANN-HEADING", 1, 4)],
     "## Background is not a note's heading"),
    ("target-in-capitals", "## OP3\n\nA note.\n", [("E-ANN-HEADING", 1, 4)],
     "did you mean ## op3?"),
    ("level-1-heading", "## op3\n\nA note.\n\n# op4\n\nMore.\n", [("E-ANN-HEADING", 5, 1)],
     "# op4 is not a note's heading"),
    ("underlined-heading", "## op3\n\nBackground\n---\n\nMore.\n", [("E-ANN-HEADING", 3, 1)],
     "the line under 'Background' makes it a heading"),
    ("duplicate", "## op3\n\nOne.\n\n## op3\n\nTwo.\n", [("E-ANN-DUPLICATE", 5, 4)],
     "a second note for op3 (the first is at line 1)"),
    ("text-before", "Intro.\n\n## op3\n\nA note.\n", [("E-ANN-TEXT-BEFORE", 1, 1)],
     "text before the first note"),
    ("empty-note", "## op3\n\n## op4\n\nA note.\n", [("E-ANN-EMPTY", 1, 4)],
     "the note for op3 is empty"),
    ("comment-only-note", "## op3\n\n<!-- to do -->\n\n## op4\n\nA note.\n",
     [("E-ANN-EMPTY", 1, 4)], "the note for op3 is empty"),
    ("html-only-note", "## op3\n\n<script>alert(1)</script>\n",
     [("E-ANN-EMPTY", 1, 4), ("W-ANN-HTML", 3, 1)], "nothing is left of the note for op3"),
    ("empty-file", "", [("E-ANN-EMPTY", 1, 1)], "no notes in this file"),
    ("front-matter-unclosed", "---\nauthor: A\n\n## op3\n\nA note.\n", [("E-ANN-META", 1, 1)],
     "front matter opened here is never closed"),
    ("front-matter-not-yaml", "---\nauthor: [A\n---\n\n## op3\n\nA note.\n",
     [("E-ANN-META", 2, 11)], "front matter is not valid YAML"),
    ("front-matter-not-a-mapping", "---\n- A\n---\n\n## op3\n\nA note.\n",
     [("E-ANN-META", 2, 1)], "front matter must be `key: value` lines"),
    ("front-matter-key-twice", "---\nauthor: A\nauthor: B\n---\n\n## op3\n\nA note.\n",
     [("E-ANN-META", 3, 1)], "author is given twice"),
    ("bad-date", "## op3\n---\ndate: 31/05/2024\n---\n\nA note.\n", [("E-ANN-META", 3, 7)],
     "date must be a date written 2024-05-31"),
    ("bad-tags", "## op3\n---\ntags: {a: b}\n---\n\nA note.\n", [("E-ANN-META", 3, 7)],
     "tags must be a list of words"),
    ("note-front-matter-unclosed", "## op3\n---\nauthor: A\n\n## op4\n\nA note.\n",
     [("E-ANN-META", 2, 1)], "never closed (expected a line --- before the next note)"),
    ("unknown-key", "---\nauther: A\n---\n\n## op3\n\nA note.\n", [("W-ANN-META-KEY", 2, 1)],
     "unknown front matter key 'auther'"),
    ("fence-left-open", "## op3\n\n```\ncode\n\n## op4\n\nA note.\n", [("E-ANN-FENCE", 3, 1)],
     "this code block is never closed"),
    ("heading-inside-html", "## op3\n\nA note.\n\n<div>\n## op4\n</div>\n",
     [("W-ANN-HTML", 5, 1), ("E-ANN-HEADING", 6, 1)], "this heading is inside raw HTML"),
    ("link-to-missing-paragraph", "## op3\n\nSee [para. 99](#op99).\n", [("E-ANN-LINK", 3, 16)],
     "link to #op99: no paragraph op99 in A/RES/78/167 (operative paragraphs op1..op26)"),
    ("link-to-missing-resolution", "## op3\n\nSee [77/185](A-RES-77-185.md#op3).\n",
     [("E-ANN-LINK", 3, 14)], "no resolution A-RES-77-185 in content/resolutions/"),
    ("unsafe-link", "## op3\n\nA [link](javascript:alert(1)).\n", [("W-ANN-LINK", 3, 10)],
     "link to a javascript: address removed, its text kept"),
    ("relative-link", "## op3\n\nA [link](../x.md).\n", [("W-ANN-LINK", 3, 10)],
     "relative link '../x.md' removed"),
    ("raw-html", "## op3\n\nA <b>bold</b> word.\n", [("W-ANN-HTML", 3, 3)],
     "raw HTML is not allowed in a note: <b> removed"),
    ("footnote", "## op3\n\nA note[^1].\n\n[^1]: Its footnote.\n",
     [("W-ANN-FOOTNOTE", 3, 7), ("W-ANN-FOOTNOTE", 5, 1)], "footnotes are not supported"),
    ("image", "## op3\n\n![a chart](https://example.org/c.png)\n", [("W-ANN-IMAGE", 3, 1)],
     "a note shows no images"),
    ("not-utf-8", b"## op3\n\nCaf\xe9.\n", [("E-ANN-ENCODING", 3, 4)], "not UTF-8"),
]


@pytest.mark.parametrize(("text", "expected", "message"), [e[1:] for e in ERRORS],
                         ids=[e[0] for e in ERRORS])
def test_error(tmp_path: Path, seed_corpus: Corpus, text: str | bytes,
               expected: list[tuple[str, int, int]], message: str) -> None:
    _, diags = read(tmp_path, text, seed_corpus)
    assert where(diags) == expected
    assert any(message in d.message for d in diags), [d.message for d in diags]
    for d in diags:
        assert d.level is (Level.ERROR if d.code.startswith("E-") else Level.WARNING)
        assert d.path == "A-RES-78-167.md"
        shown = d.format().split("\n")
        source = (text if isinstance(text, str) else text.decode("utf-8", "replace"))
        source_line = source.split("\n")[d.line - 1] if source else ""
        if source_line:  # the source line, and a caret under the column
            assert shown[1] == "    " + source_line
            assert shown[2] == "    " + " " * (d.col - 1) + "^"


def test_a_file_naming_no_resolution(tmp_path: Path, seed_corpus: Corpus) -> None:
    notes, diags = read(tmp_path, "## op3\n\nA note.\n", seed_corpus, name="A-RES-78-176.md")
    assert where(diags) == [("E-ANN-FILE", 1, 1)]
    assert "no resolution A-RES-78-176 in content/resolutions/" in diags[0].message
    assert "did you mean A-RES-78-167.md?" in diags[0].message
    assert notes == {}


def test_a_file_that_is_not_markdown(tmp_path: Path, seed_corpus: Corpus) -> None:
    _, diags = read(tmp_path, "notes", seed_corpus, name="notes.txt")
    assert where(diags) == [("W-ANN-IGNORED", 1, 1)]


def test_without_a_corpus_the_file_is_still_checked(tmp_path: Path) -> None:
    notes, diags = read(tmp_path, "Intro.\n\n## op99\n\nA note.\n", None)
    assert where(diags) == [("E-ANN-TEXT-BEFORE", 1, 1)]  # targets cannot be checked
    assert list(notes["A-RES-78-167"]) == ["op99"]


def test_a_paragraph_that_disappears_takes_its_note_with_it_loudly(tmp_path: Path) -> None:
    """A new version of the text without op26: the note on op26 is an error, not dropped."""
    text = SEED.read_text(encoding="utf-8")
    shorter = re.sub(r"\n26\. \*Decides\*[^\n]*\n", "\n", text)
    assert shorter != text
    (tmp_path / "A-RES-78-167.txt").write_text(shorter, encoding="utf-8")
    r = load(tmp_path / "A-RES-78-167.txt", "A-RES-78-167.txt").resolution
    assert r is not None and r.walk()[-1].id == "op25"
    _, diags = read(tmp_path, "## op3\n\nKept.\n\n## op26\n\nOn the agenda item.\n",
                    Corpus.build([r]))
    assert where(diags) == [("E-ANN-TARGET", 5, 4)]
    assert diags[0].message.startswith("no paragraph op26 in A/RES/78/167 (operative paragraphs "
                                       "op1..op25); if the text changed, move this note")


# -- safety --------------------------------------------------------------------------------------

HOSTILE_SNIPPETS = [
    '<script>alert("x")</script>',
    'Text <script>alert("x")</script> text',
    "<SCRIPT SRC=https://example.org/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](jav&#x09;ascript:alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD4=) [e](vbscript:x) [f](//example.org) [g](file:///etc)",
    "<javascript:alert(1)> <data:text/html,x>",
    '[ok](https://un.org "title") [ok2](<https://un.org/a b>)',
    "<div>\nunclosed",
    "</div>\n</div>\n</details>",
    "`</div>` and ``</details>``",
    "```\n</div>\n<script>alert(1)</script>\n```",
    "    </div>\n    indented code",
    "A footnote[^1].\n\n[^1]: https://example.org",
    "# h1\n\nnot reached",
    "### h3 {#op4}\n\n#### h4",
    "!!! danger\n    admonition?\n\n??? note\n    details?",
    "{: .x } { #op5 } [TOC] *[HTML]: x",
    "| a | b |\n| - | - |\n| `</div>` | <b>x</b> |",
    "- item `</div>`\n\n      code </div> in a list\n\n- > quote\n  > ```\n  > </div>\n  > ```",
    "&lt;/div&gt; &amp; &#60;/div&#62;",
    "*unclosed **emphasis [link( `code <div",
    "Text\\\nhard break\n= not a heading",
    "[![img](https://example.org/x.png)](javascript:alert(1))",
]


def mkdocs_extensions() -> tuple[list[str], dict[str, Any]]:
    """mkdocs.yml's Markdown extensions and their settings."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings: dict[str, Any] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, conf), = item.items()
            names.append(name)
            settings[name] = conf or {}
        else:
            names.append(item)
    return names, settings


class Structure(HTMLParser):
    """Where each paragraph div and each note stand in a page's HTML."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.paras: dict[str, list[str]] = {}
        """paragraph id -> the ids/classes of the elements around its div."""
        self.notes: list[list[str]] = []
        self.scripts = 0
        self.hrefs: list[str] = []
        self.mismatched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        label = a.get("id") or (a.get("class") or "").split(" ")[0] or tag
        if tag == "div" and "para" in (a.get("class") or "").split():
            self.paras.setdefault(a.get("id") or "", []).append(
                "/".join(lb for _, lb in self.stack))
        if tag == "details" and "annotation" in (a.get("class") or ""):
            self.notes.append([lb for _, lb in self.stack])
        if tag == "script":
            self.scripts += 1
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag not in self.VOID:
            self.stack.append((tag, label))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.mismatched.append(tag)
            return
        self.stack.pop()


def structure(html_text: str) -> Structure:
    s = Structure()
    s.feed(html_text)
    s.close()
    return s


@pytest.mark.parametrize("snippet", HOSTILE_SNIPPETS)
def test_a_hostile_note_cannot_break_its_page(tmp_path: Path, seed_corpus: Corpus, seed: Resolution,
                                               snippet: str) -> None:
    text = f"## op3\n\n{snippet}\n\nThe end of the note.\n\n## op4\n\nAnother note.\n"
    notes, diags = read(tmp_path, text, seed_corpus)
    assert not [d for d in diags if d.level is Level.ERROR and d.code != "E-ANN-HEADING"], diags
    if "A-RES-78-167" not in notes:
        return
    note = notes["A-RES-78-167"]["op3"]
    # the Markdown holds no markup but its own: no "<" but the writer's code, pre, comments and
    # link targets
    rest = re.sub(r"<pre><code>|</code></pre>|</?code>|<!-- -->|\]\(<[^<>\s]*>\)", "",
                  note.markdown)
    assert "<" not in rest, note.markdown
    for html_text in (note.html,):
        s = structure(html_text)
        assert s.scripts == 0 and not s.mismatched
        assert all(h.startswith(("https:", "http:", "mailto:", "#", "../")) for h in s.hrefs), \
            s.hrefs
        assert "javascript" not in html_text.lower() or "javascript" in snippet.lower() and \
            "href=\"javascript" not in html_text.lower()
    # rendered as MkDocs renders the page: every paragraph div where it belongs
    doc = render(Builder(seed_corpus, notes).pages())["A-RES-78-167.md"]
    names, settings = mkdocs_extensions()
    body = markdown.markdown(doc, extensions=names, extension_configs=settings)
    s = structure(body)
    assert not s.mismatched and s.scripts == 0
    assert set(s.paras) == {p.id for p in seed.walk()}
    assert all(len(v) == 1 and v[0] == "" for v in s.paras.values()), s.paras  # none nested
    assert s.notes[0] == ["op3"]  # the note inside its paragraph's div, nothing between
    assert "The end of the note." in body


# -- golden pages --------------------------------------------------------------------------------

PAGE_CASES = sorted(c for c in CASES.iterdir() if (c / "pages").is_dir())


@pytest.mark.parametrize("case", PAGE_CASES, ids=lambda p: p.name)
def test_pages_match_goldens(case: Path) -> None:
    pages = case_pages(case)
    goldens = {p.relative_to(case / "pages").as_posix(): p for p in (case / "pages").rglob("*.md")}
    assert sorted(goldens) == sorted(pages), "run `make goldens` and review the diff"
    for path, text in pages.items():
        assert text == goldens[path].read_text(encoding="utf-8"), (
            f"{case.name}/pages/{path} changed; if on purpose, run `make goldens` and review it")


def test_goldens_cover_notes() -> None:
    assert {"seed", "hostile-note"} <= {c.name for c in PAGE_CASES}


# -- real builds ---------------------------------------------------------------------------------


def content_with(root: Path, annotations: Path | None) -> Path:
    content = make_content(root / "content", [SEED])
    if annotations is not None:
        shutil.copytree(annotations, content / "annotations")
    return content


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content = content_with(root, HOSTILE)
    assert build_site(content, root / "site", root / "cache", strict=False).ok
    return root / "site"


def test_hostile_notes_render_harmlessly_in_the_built_site(hostile_site: Path,
                                                           seed: Resolution) -> None:
    doc = (hostile_site / "A-RES-78-167" / "index.html").read_text(encoding="utf-8")
    s = structure(doc)
    assert set(s.paras) == {p.id for p in seed.walk()}
    assert all(len(v) == 1 and "para" not in v[0] and "annotation" not in v[0]
               for v in s.paras.values()), s.paras
    assert [n[-1] for n in s.notes] == ["op3", "op4"]
    for note_html in re.findall(r'<details class="note annotation".*?</details>', doc, re.DOTALL):
        low = note_html.lower()
        assert "<script" not in low and "<iframe" not in low and "<img" not in low
        assert 'href="javascript' not in low and "onerror=" not in low.replace("onerror=alert", "")
        assert 'class="evil"' not in low and 'class="footnote' not in low
    # the resolution's own footnotes are intact: seven, each referenced
    assert len(re.findall(r'<li id="fn:\d+"', doc)) == 7
    assert "Links kept: <a href=\"https://www.un.org/\">UN</a>" in doc
    assert '<a href="#op5">op5</a>' in doc


def test_hostile_notes_on_verb_pages_and_the_index(hostile_site: Path) -> None:
    for url in ("verbs/operative/reaffirms", "verbs/operative/encourages", "annotations"):
        doc = (hostile_site / url / "index.html").read_text(encoding="utf-8")
        s = structure(doc)
        assert not s.mismatched, (url, s.mismatched)
        assert "Editor’s note" in doc
        low = doc.lower()
        assert 'href="javascript' not in low and "<iframe" not in low
        assert "alert(3)</script>" not in low


def test_the_shipped_example_builds_under_strict(tmp_path: Path) -> None:
    content = content_with(tmp_path, EXAMPLE)
    assert build_site(content, tmp_path / "site", tmp_path / "cache", strict=True).ok
    doc = (tmp_path / "site" / "A-RES-78-167" / "index.html").read_text(encoding="utf-8")
    s = structure(doc)
    assert s.notes[0] == [] or "op" not in "/".join(s.notes[0])  # the whole-text note: top level
    assert ["op3"] in [n[-1:] for n in s.notes]
    assert "decisions 21/1 and 21/2 are the outcome" in doc.lower()
    index = (tmp_path / "site" / "annotations" / "index.html").read_text(encoding="utf-8")
    assert "4 editor’s notes on 1 resolution" in index
    assert 'href="../A-RES-78-167/#op3"' in index
    assert 'href="annotations/"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_without_annotations_the_index_says_so(tmp_path: Path) -> None:
    content = content_with(tmp_path, None)
    assert build_site(content, tmp_path / "site", tmp_path / "cache", strict=True).ok
    index = (tmp_path / "site" / "annotations" / "index.html").read_text(encoding="utf-8")
    assert "No editor’s notes yet" in index


def test_a_note_on_a_missing_paragraph_stops_the_build(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    content = content_with(tmp_path, None)
    (content / "annotations").mkdir()
    (content / "annotations" / "A-RES-78-167.md").write_text(
        "## op3\n\nFine.\n\n## op27\n\nLost.\n", encoding="utf-8")
    site = tmp_path / "site"
    assert not build_site(content, site, tmp_path / "cache", strict=False).ok
    err = capsys.readouterr().err
    assert re.search(r"annotations/A-RES-78-167\.md:5:4: error\[E-ANN-TARGET\]: no paragraph "
                     r"op27 in A/RES/78/167 \(operative paragraphs op1\.\.op26\)", err), err
    assert not site.exists()


def test_check_reports_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_with(tmp_path, None)
    (content / "annotations").mkdir()
    (content / "annotations" / "A-RES-78-167.md").write_text(
        "## op3\n\nA <b>bold</b> note.\n", encoding="utf-8")
    args = ["check", "--content", str(content), "--cache", str(tmp_path / "cache")]
    assert main(args) == 0  # a warning
    assert main([*args, "--strict"]) == 1
    err = capsys.readouterr().err
    assert "A-RES-78-167.md:3:3: error[W-ANN-HTML]" in err


def test_the_annotated_pdf_prints_every_note(tmp_path: Path, seed: Resolution,
                                             seed_corpus: Corpus) -> None:
    from pypdf import PdfReader

    from generator.pdf import build_pdfs

    notes, _ = load_annotations(EXAMPLE, seed_corpus, lambda p: p.name)
    html_notes = {slug: {t: n.html for t, n in by.items()} for slug, by in notes.items()}
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build_pdfs([seed], tmp_path / "pdf", tmp_path / "cache", jobs=1, notes=html_notes)
    text = " ".join(p.extract_text() for p in
                    PdfReader(tmp_path / "pdf" / "A-RES-78-167-annotated.pdf").pages)
    flat = re.sub(r"\s+", " ", text)
    assert "on this resolution" in flat.lower()
    assert "Decisions 21/1 and 21/2 are the outcome" in flat
    assert "Trust Fund was set up in 1983 by resolution 38/201" in flat
    plain = " ".join(p.extract_text() for p in PdfReader(tmp_path / "pdf" / "A-RES-78-167.pdf").pages)
    assert "21/1 and 21/2 are the outcome" not in re.sub(r"\s+", " ", plain)


# -- in a browser --------------------------------------------------------------------------------


def test_a_reader_sees_the_note_under_op3(page: Any, served: str) -> None:  # noqa: F811
    page.goto(served + "A-RES-78-167/#op3")
    note = page.locator("#op3 > details.annotation")
    note.wait_for(state="visible", timeout=5000)
    assert note.locator("summary").inner_text().strip() == "Editor’s note"
    assert "Decisions 21/1 and 21/2 are the outcome" in note.inner_text()
    text, box = page.locator("#op3 > p").first.bounding_box(), note.bounding_box()
    assert text is not None and box is not None and box["y"] > text["y"]  # under the paragraph
    note.locator("a", has_text="pp3").click()
    page.wait_for_url("**/A-RES-78-167/#pp3")
    note.locator("summary").click()  # and it folds away
    assert note.evaluate("el => el.open") is False
