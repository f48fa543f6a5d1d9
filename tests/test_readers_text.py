"""The readers of page text (PDF dumps, pdftotext, OCR'd Security Council texts) and their
shared layout module (table-driven)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.diagnostics import LineIndex, Report
from generator.readers import read_file
from generator.readers.base import BlockKind, Source
from generator.readers.layout import (
    Hyphenation,
    build_text,
    footnote_groups,
    noise_kind,
    split_lines,
)
from generator.readers.mapped import MappedText
from generator.readers.markers import MarkerScanner
from tests.conftest import CORPUS

# -- furniture -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,kind", [
    ("25-18769 (E)", "job"), ("25-18769", "job"), ("*2518769*", "barcode"), ("2/18", "page"),
    ("Page 2", "page"), ("021118", "printdate"), ("_______________", "rule"),
    ("A/RES/80/7", "symbol"), ("S/RES/902 (1994)", "symbol"),
    ("2013 (S/INF/68).", None), ("A/73/334.", None), ("1", None), ("Annex", None),
    ("25-18769 is a number", None),
])
def test_noise_kind(text: str, kind: str | None) -> None:
    assert noise_kind(text) == kind


# -- hyphenation -----------------------------------------------------------------------------------

@pytest.mark.parametrize("doc,left,right,join", [
    # the hyphenated form elsewhere: a compound
    ("the ex-combatants and any ex-\ncombatants", "ex", "combatants", False),
    # the joined form elsewhere: a broken word
    ("international peace and inter-\nnational security", "inter", "national", True),
    # a capital after the hyphen: a compound
    ("the Secretary-\nGeneral", "Secretary", "General", False),
    # a half that is a word of the document: a compound (80/3 "action-oriented")
    ("a call to action and an action-\noriented framework", "action", "oriented", False),
    ("high level and high-\nquality", "high", "quality", False),
    # neither half a word of the document: one word broken (253 "Govern-men")
    ("the primary responsibility of the Govern-\nmen of the United Kingdom", "Govern", "men", True),
])
def test_hyphenation(doc: str, left: str, right: str, join: bool) -> None:
    assert Hyphenation(doc).join(left, right) is join


def test_build_text_joins_keeps_and_glues() -> None:
    src = "a renewed and action-\noriented framework, inter-\nnational peace, Decade 2024–\n203412 and\n  the end"
    lines = split_lines(src)
    t = build_text(src, lines, Hyphenation(src + " international; a call to action"))
    assert t.text == "a renewed and action-oriented framework, international peace, Decade 2024–203412 and the end"
    # every character maps back to the source
    i = t.text.index("national")
    assert src[t.offset(i):t.offset(i) + 8] == "national"


# -- footnote areas ------------------------------------------------------------------------------

def _area(text: str) -> list[str]:
    return [ln.text for ln in split_lines(text)]


def test_scrambled_area_73_7_page_2() -> None:
    """pdftotext reading order: texts first, numbers after, out of order."""
    text = ("A/58/874 and A/58/874/Add.1.\nArticles 10 and 13 of the Relationship Agreement.\n4\n"
            "A/73/334.\n5\nUnited Nations, Treaty Series, vol. 2271, No. 40446.\n2\n3\n")
    groups = footnote_groups(split_lines(text), 1, "scrambled")
    assert [(g.number, " ".join(ln.text for ln in g.lines)) for g in groups] == [
        (2, "A/58/874 and A/58/874/Add.1."), (3, "Articles 10 and 13 of the Relationship Agreement."),
        (4, "A/73/334."), (5, "United Nations, Treaty Series, vol. 2271, No. 40446.")]


def test_scrambled_area_with_a_text_over_two_lines() -> None:
    text = ("Resolution 70/1.\nResolution 69/313, annex.\n3\nSee World Health Organization.\n4\n"
            "See Official Records of the General Assembly, Supplement No. 53A and corrigendum\n"
            "(A/71/53/Add.1 and A/71/53/Add.1/Corr.1), chap. II.\n1\n2\n")
    groups = footnote_groups(split_lines(text), 0, "scrambled")
    assert [g.number for g in groups] == [1, 2, 3, 4]
    assert len(groups[3].lines) == 2


def test_area_continuing_the_previous_page() -> None:
    text = "A/AC.105/1168, A/AC.105/1169 and A/AC.105/1181.\n"
    (g,) = footnote_groups(split_lines(text), 6, "scrambled")
    assert g.number is None


@pytest.mark.parametrize("style,text,numbers", [
    ("inline", ("1 See resolution 169 (II).\n \n2 Report of the World Summit, Copenhagen, 6–12 March\n"
               "1995 (United Nations publication).\n"), [1, 2]),
    ("slash", "1/ S/1994/262.\n\n2/ S/26G26.\n", [1, 2]),
    ("column", "2\n  A/58/874 and A/58/874/Add.1.\n3\n  Articles 10 and 13.\n", [2, 3]),
])
def test_footnote_styles(style: str, text: str, numbers: list[int]) -> None:
    groups = footnote_groups(split_lines(text), numbers[0] - 1, style)
    assert [g.number for g in groups] == numbers


# -- markers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,notes,clean,called", [
    ("adopted on 24 December 2024,1 which builds", {1}, "adopted on 24 December 2024, which builds", ["1"]),
    ("Political Declarations of 20172 and 2021", {1, 2},
     "Political Declarations of 2017 and 2021", []),
    ("for the Decade 2014–20243 and provides", {1, 2, 3}, "for the Decade 2014–2024 and provides", []),
    ("the reports of 1990 3  and 1995", {1, 2, 3}, "the reports of 1990  and 1995", []),
    ("the Millennium Development Goals 6 and associated strategies", {1, 2, 3, 4, 5, 6},
     "the Millennium Development Goals and associated strategies", []),
    ("the Treaty on the Non- Proliferation of Nuclear Weapons 6and the advisory", {1, 2, 3, 4, 5, 6},
     "the Treaty on the Non- Proliferation of Nuclear Weapons and the advisory", []),
    ("the New Urban Agenda9 and the Convention", {1, 2, 3, 4, 5, 6, 7, 8, 9},
     "the New Urban Agenda and the Convention", []),
    # not markers
    ("United Nations, Treaty Series, vol. 1771, No. 30822.", {1}, None, []),
    ("towards Sustainable Development Goal 1 on poverty", {1}, None, []),
    ("in paragraph 1 of resolution 70/1", {1}, None, []),
])
def test_bare_digit_markers(text: str, notes: set[int], clean: str | None, called: list[str]) -> None:
    scanner = MarkerScanner(notes)
    n = max(notes)
    # the marker under test is the next one expected
    for k in range(1, n):
        scanner._called(k)
    out, marks = scanner.scan(MappedText.verbatim(text, 0, len(text)))
    if clean is None:
        assert out.text == text and not marks
    else:
        assert out.text == clean and [m.value for m in marks] == [str(n)]


# -- reader choice by content --------------------------------------------------------------------

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not found")


@needs_corpus
@pytest.mark.parametrize("rel,reader", [
    ("seed/A-RES-78-167.txt", "markdown"),
    ("ga80-md/A_RES_80_1.md", "markdown"),
    ("ga80-pdftext/A_RES_80_1.txt", "pdftext"),
    ("ga73-pdf/A_RES_73_7-EN.txt", "pdftotext"),
    ("ga73-pdf/A_RES_73_7-EN.layout.txt", "pdftotext-layout"),
    ("sc-gold/S_RES_0001_1946_EN_GOLD.txt", "sc-ocr"),
    ("sc-gold/S_RES_0902_1994_EN_GOLD.txt", "sc-ocr"),
])
def test_reader_chosen_by_content_not_name(tmp_path: Path, rel: str, reader: str) -> None:
    # renamed to a misleading extension: the content decides
    copy = tmp_path / ("renamed.md" if not rel.endswith(".md") else "renamed.txt")
    shutil.copy(CORPUS / rel, copy)
    report = Report(str(copy))
    doc = read_file(copy, str(copy), report)
    assert doc.source.format == reader


@needs_corpus
def test_pdftext_page_furniture_is_gone() -> None:
    path = CORPUS / "ga80-pdftext/A_RES_80_3.txt"
    doc = read_file(path, "x", Report("x"))
    body = " ".join(b.text.text for b in doc.blocks if b.kind is BlockKind.BODY)
    for noise in ("25-16680", "*2516680*", "2/5", "_____"):
        assert noise not in body
    assert body.count("Awaza Political Declaration") == 2  # the title line and the annex title
    notes = [b for b in doc.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [b.number for b in notes] == list(range(1, 17))


@needs_corpus
def test_sc_markers_and_footnotes() -> None:
    path = CORPUS / "sc-gold/S_RES_0083_1950_EN_GOLD.txt"
    text = path.read_text(encoding="utf-8")
    report = Report("x", LineIndex(text))
    from generator.readers import scocr

    doc = scocr.read(Source("x", text, "sc-ocr"), report)
    refs = [(m.value, text[m.source_start:m.source_end]) for b in doc.blocks for m in b.marks]
    assert refs == [("11", "11"), ("12", "12")]
    notes = {b.number: b.text.text for b in doc.blocks if b.kind is BlockKind.FOOTNOTE}
    assert notes[11].startswith("Official Records of the Security Council, Fifth Year, No. 16, 474th")
    assert notes[12].startswith("Two members (Egypt, India)")


SC_2016 = """United Nations S/RES/2334 (2016)

Security Council Distr.: General
23 December 2016

Resolution 2334 (2016)

Adopted by the Security Council at its 7853rd meeting, on
23 December 2016

The Security Council,

Reaffirming its relevant resolutions, including resolutions 242 (1967), 338 (1973) and 446 (1979),

Recalling the advisory opinion rendered on 9 July 2004 by the International Court of Justice,1

1. Reaffirms that the establishment by Israel of settlements has no legal validity;

2. Calls upon all parties to continue to exert efforts;

_______________
1 See A/ES-10/273 and A/ES-10/273/Corr.1.

16-22994 (E)
\fS/RES/2334 (2016)

3. Decides to remain seized of the matter.
"""


def test_sc_text_with_ruled_footnotes(tmp_path: Path) -> None:
    """A later Security Council text (hand-made, modelled on S/RES/2334 (2016)): footnotes
    under a rule, a bare-digit marker, a page header after the form feed."""
    from generator.load import load

    p = tmp_path / "sc.txt"
    p.write_text(SC_2016, encoding="utf-8")
    r = load(p).resolution
    assert r is not None and r.source.format == "sc-ocr"
    assert [p.id for p in r.paragraphs] == ["pp1", "pp2", "op1", "op2", "op3"]
    assert [(f.number, f.paragraph, f.text) for f in r.footnotes] == [
        (1, "pp2", "See A/ES-10/273 and A/ES-10/273/Corr.1.")]
    assert r.meeting == "7853rd meeting" and r.adopted == "2016-12-23"


def test_markdown_footnote_misread_as_a_definition() -> None:
    """80/10: the export turned the line "1994 (United Nations publication ..." of footnote 10
    into a definition "[^1994]:"; it continues footnote 10, digits included."""
    text = ("---\nsymbol: A/RES/99/1\n---\n\n99/1. Test\n\nThe General Assembly,\n\n"
            "Recalling the Programme of Action,1\n\n1. Decides.\n\n1st plenary meeting\n\n---\n\n"
            "[^1]: Report of the Conference, Cairo, 5–13 September\n"
            "[^1994]: (United Nations publication, Sales No. E.95.XIII.18), chap. I.\n")
    from generator.readers import markdown

    report = Report("x", LineIndex(text))
    doc = markdown.read(Source("x", text, "markdown"), report)
    notes = [(b.number, b.text.text) for b in doc.blocks if b.kind is BlockKind.FOOTNOTE]
    assert notes == [(1, ("Report of the Conference, Cairo, 5–13 September 1994 (United Nations "
                         "publication, Sales No. E.95.XIII.18), chap. I."))]
    assert [d.code for d in report.items] == ["W-FOOTNOTE-SEQUENCE"]
