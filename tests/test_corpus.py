"""The whole shared corpus (../shared/corpus): every text parses, with the counts a careful
reader counts by hand, every word of the source in the model, and two forms of the same
resolution giving the same paragraphs.

Not here: ``akn-itu`` (Akoma Ntoso, another reader) and the ``*.pdf`` / ``*.xml`` files of
``ga73-pdf`` (the PDF readers have their own tests).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pytest

from generator.diagnostics import Level
from generator.load import Loaded, load
from generator.model import Paragraph, Resolution
from tests.conftest import CORPUS

# -- the table ------------------------------------------------------------------------------
#
# Counted by hand from each text (not copied from the parser): preambular and operative
# paragraphs of the resolution; sub-paragraphs at every level under them; numbered and
# unnumbered paragraphs of annexes and adopted texts (``text.N``), and their sub-paragraphs;
# footnote texts; citations (every UN document symbol in the paragraphs and footnotes, each
# item of a list counted, ``S/25704 and Add.1`` as two; not counted: decisions such as
# "decision 1/CP.21", resolutions of other bodies such as "World Health Assembly resolution
# 69.2", Sales numbers, the text's own symbol in its headers).
#
# Notes on single files:
# - ga80-md/80_3: the export lost the number "2." of annex paragraph 2 (its text stands inside
#   paragraph 1): 24 numbered annex paragraphs in this file, 25 in the PDF dump.
# - ga80-md/80_5: the export lost the last line of several pages ("development;", "commit
#   to:", "frameworks;", ...), so some list items run together and 122 items become 95; the
#   count is what this file shows a careful reader (the PDF dump has 122).
# - sc-gold/0902 and 1445: "S/26G26" and "(5/2002/1005)" are OCR damage of S/26026 and
#   S/2002/1005; a careful reader counts them (4 and 9), generator/citations.py does not cite
#   what no longer reads as a symbol, so the table holds 3 and 8.
# - sc-gold/0598 and 0757: markers 28 and 54 have no footnote text in the OCR file (warning).

@dataclass(frozen=True)
class Expected:
    path: str
    preamble: int
    operative: int
    sub: int
    annex: int
    annex_sub: int
    footnotes: int
    citations: int
    warnings: frozenset[str]


def _e(path: str, pp: int, op: int, sub: int, annex: int, annex_sub: int, fn: int, cit: int,
       warnings: tuple[str, ...] = ()) -> Expected:
    return Expected(path, pp, op, sub, annex, annex_sub, fn, cit, frozenset(warnings))


EXPECTED = [
    _e("seed/A-RES-78-167.txt", 18, 26, 0, 0, 0, 7, 29),
    _e("ga80-md/A_RES_80_1.md", 5, 3, 3, 0, 0, 1, 1),
    _e("ga80-md/A_RES_80_2.md", 2, 6, 0, 0, 0, 1, 4),
    _e("ga80-md/A_RES_80_3.md", 1, 2, 0, 24, 5, 16, 19, ("W-NUMBER-GAP", "W-NUMBER-MISSING")),
    _e("ga80-md/A_RES_80_5.md", 0, 1, 0, 44, 95, 15, 14, ("W-LABEL-INFERRED", "W-LABEL-SEQUENCE")),
    _e("ga80-md/A_RES_80_7.md", 4, 5, 0, 0, 0, 3, 20),
    _e("ga80-md/A_RES_80_9.md", 0, 1, 0, 31, 13, 15, 13, ("W-LABEL-INFERRED",)),
    _e("ga80-md/A_RES_80_10.md", 11, 3, 0, 0, 0, 13, 11, ("W-FOOTNOTE-SEQUENCE",)),
    _e("ga80-md/A_RES_80_12.md", 14, 10, 11, 0, 0, 5, 29, ("W-LABEL-INFERRED",)),
    _e("ga80-md/A_RES_80_41.md", 18, 6, 0, 0, 0, 7, 9),
    _e("ga80-md/A_RES_80_51.md", 12, 6, 9, 0, 0, 10, 13),
    _e("ga80-md/A_RES_80_53.md", 25, 12, 12, 0, 0, 12, 19),
    _e("ga80-pdftext/A_RES_80_1.txt", 5, 3, 3, 0, 0, 1, 1),
    _e("ga80-pdftext/A_RES_80_3.txt", 1, 2, 0, 25, 5, 16, 19),
    _e("ga80-pdftext/A_RES_80_5.txt", 0, 1, 0, 44, 122, 15, 14),
    _e("ga80-pdftext/A_RES_80_7.txt", 4, 5, 0, 0, 0, 3, 20),
    _e("ga73-pdf/A_RES_73_3-EN.txt", 0, 1, 0, 54, 0, 7, 15),
    _e("ga73-pdf/A_RES_73_3-EN.layout.txt", 0, 1, 0, 54, 0, 7, 15),
    _e("ga73-pdf/A_RES_73_6-EN.txt", 25, 14, 0, 0, 0, 6, 29),
    _e("ga73-pdf/A_RES_73_6-EN.layout.txt", 25, 14, 0, 0, 0, 6, 29),
    _e("ga73-pdf/A_RES_73_7-EN.txt", 13, 28, 0, 0, 0, 9, 11),
    _e("ga73-pdf/A_RES_73_7-EN.layout.txt", 13, 28, 0, 0, 0, 9, 11),
    _e("sc-gold/S_RES_0001_1946_EN_GOLD.txt", 1, 3, 0, 0, 0, 1, 0, ("W-OPENER-UNKNOWN",)),
    _e("sc-gold/S_RES_0083_1950_EN_GOLD.txt", 5, 1, 0, 0, 0, 2, 1),
    _e("sc-gold/S_RES_0242_1967_EN_GOLD.txt", 3, 4, 5, 0, 0, 0, 0, ("W-OCR-LABEL",)),
    _e("sc-gold/S_RES_0253_1968_EN_GOLD.txt", 10, 23, 9, 0, 0, 0, 13, ("W-OCR-LABEL", "W-OCR-NUMBER")),
    _e("sc-gold/S_RES_0598_1987_EN_GOLD.txt", 10, 10, 0, 0, 0, 1, 1, ("W-FOOTNOTE-MISSING",)),
    _e("sc-gold/S_RES_0660_1990_EN_GOLD.txt", 3, 4, 0, 0, 0, 0, 0),
    _e("sc-gold/S_RES_0678_1990_EN_GOLD.txt", 5, 5, 0, 0, 0, 0, 14),
    _e("sc-gold/S_RES_0757_1992_EN_GOLD.txt", 18, 21, 19, 0, 0, 0, 25, ("W-FOOTNOTE-MISSING",)),
    _e("sc-gold/S_RES_0827_1993_EN_GOLD.txt", 11, 9, 0, 0, 0, 0, 8),
    _e("sc-gold/S_RES_0902_1994_EN_GOLD.txt", 4, 5, 0, 0, 0, 2, 3, ("W-OCR-NUMBER",)),
    _e("sc-gold/S_RES_1445_2002_EN_GOLD.txt", 8, 25, 6, 0, 0, 0, 8, ("W-OPENER-UNKNOWN",)),
]

READER = {"seed": "markdown", "ga80-md": "markdown", "ga80-pdftext": "pdftext",
          "sc-gold": "sc-ocr"}
"""The reader each folder's files must be read with (chosen by content, checked here)."""

_CACHE: dict[str, Loaded] = {}


def loaded(rel: str) -> Loaded:
    if rel not in _CACHE:
        _CACHE[rel] = load(CORPUS / rel, rel)
    return _CACHE[rel]


def corpus_files() -> list[str]:
    """Every text of the corpus this suite covers (the table must name them all)."""
    out = []
    for p in sorted(CORPUS.rglob("*")):
        rel = p.relative_to(CORPUS).as_posix()
        if p.is_dir() or p.name == "PROVENANCE.txt" or p.suffix in (".pdf", ".xml", ".tsv"):
            continue
        if rel.startswith(("akn-itu/", "phrases/")) or p.name == "README.md":
            continue
        out.append(rel)
    return out


def _subs(ps: tuple[Paragraph, ...]) -> int:
    return sum(len(p.children) + _subs(p.children) for p in ps)


pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason=f"shared corpus not at {CORPUS}")


def test_table_names_every_file() -> None:
    assert sorted(e.path for e in EXPECTED) == corpus_files()


@pytest.mark.parametrize("exp", EXPECTED, ids=lambda e: e.path)
def test_counts_and_warnings(exp: Expected) -> None:
    got = loaded(exp.path)
    errors = [d.format() for d in got.diagnostics if d.level is Level.ERROR]
    assert got.resolution is not None and not errors, errors
    r = got.resolution
    folder = exp.path.split("/")[0]
    if folder in READER:
        assert r.source.format == READER[folder]
    elif exp.path.endswith(".layout.txt"):
        assert r.source.format == "pdftotext-layout"
    else:
        assert r.source.format == "pdftotext"
    pp = sum(1 for p in r.paragraphs if p.part == "preamble")
    counts = (pp, len(r.paragraphs) - pp, _subs(r.paragraphs),
              sum(len(a.paragraphs) for a in r.annexes), sum(_subs(a.paragraphs) for a in r.annexes),
              len(r.footnotes), len(r.citations))
    assert counts == (exp.preamble, exp.operative, exp.sub, exp.annex, exp.annex_sub, exp.footnotes,
                      exp.citations)
    assert {d.code for d in got.diagnostics} == exp.warnings


# -- conservation ------------------------------------------------------------------------------
#
# The source's words, with layout noise taken out by the simple filter below (written for the
# test, independent of the readers), must stand in the model in the same order: at least
# 99.9 % of them, matched by difflib over word lists. Footnote texts and footnote markers
# are cut out of the source by the model's spans first; footnote words are compared apart.

FURNITURE = re.compile(r"\d{2}-\d{5}(?: \([A-Z]\))?|\*\d{6,10}\*|\d{1,3}/\d{1,3}|Page \d{1,3}|\d{6}"
                       r"|_{5,}|-{3,}")
SYMBOL = re.compile(r"(?:A|S)/(?:HRC/)?RES/\d+(?:/\d+)?(?: \(\d{4}\))?")
_JOIN_HYPHEN = re.compile(r"(\w)\s*[-‑]\s*(\w)")


def words(text: str) -> list[str]:
    """Lower-case words; a hyphen (and the line break or space around it) joins its halves, so
    that a compound kept whole and a word joined at a line end compare alike."""
    return re.findall(r"[^\W_]+", _JOIN_HYPHEN.sub(r"\1\2", text).lower())


def _blank(chars: list[str], a: int, b: int) -> None:
    for i in range(max(a, 0), min(b, len(chars))):
        if chars[i] != "\n":
            chars[i] = " "


def _title(text: str) -> str:
    """The title under the resolution number ("80/5. Doha ..." or "73/3." and the lines after)."""
    m = re.search(r"(?m)^\s*\d{1,4}/\d{1,4}\.[ \t]*(.*)$", text)
    if not m:
        return ""
    parts = [m.group(1)]
    for line in text[m.end():].split("\n")[1:8]:
        line = line.strip()
        if not line:
            if any(parts):
                break
            continue
        if re.match(r"The (?:General Assembly|Security Council|Human Rights Council)", line):
            break
        parts.append(line)
    return " ".join(" ".join(parts).split())


def source_words(rel: str, r: Resolution) -> tuple[list[str], list[str]]:
    """(body words, footnote words) of the source, noise removed."""
    text = (CORPUS / rel).read_text(encoding="utf-8").replace("\r\n", "\n")
    chars = list(text)
    note_text: list[str] = []
    for f in r.footnotes:
        for p in (f.pieces or (f.span,)):
            note_text.append(text[p.start:p.end])
            _blank(chars, p.start, p.end)
    for p in r.walk():
        for n in p.noterefs:
            _blank(chars, n.span.start, n.span.end)
    for ln in [*r.front, r.formula, r.closing, *(x for a in r.annexes for x in a.front),
               *(pt.closing for pt in r.parts)]:
        if ln is not None:
            for n in ln.noterefs:
                _blank(chars, n.span.start, n.span.end)
    text = "".join(chars)
    folder = rel.split("/")[0]
    if folder in ("seed", "ga80-md", "ga80-pdftext"):
        text = re.sub(r"\A---\n.*?\n---\n", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.DOTALL)
    if folder in ("seed", "ga80-md"):
        # Markdown emphasis and link syntax: "¹ *Report ...*", "⁴ [TD/541/Add.2](#)." leave "¹"
        text = re.sub(r"\*|\]\(#?[^)\s]*\)|\[(?!\^)", " ", text)
    title = _title(text)
    symbol = r.symbol
    out: list[str] = []
    # pages: form feeds; in PyMuPDF dumps a line with no character at all; Markdown exports have
    # no pages but keep running titles between blocks, so everything after the title line
    # counts as "a later page" there
    pages = re.split(r"\f|\n\n(?=\S)" if folder == "ga80-pdftext" else r"\f", text)
    if folder == "ga80-md" and title:
        at = text.find(title.split()[0], text.find(r.number + "."))
        pages = [text[:at + len(title.split()[0])], text[at + len(title.split()[0]):]]
    for k, page in enumerate(pages):
        prev = ""
        for line in page.split("\n"):
            cols = re.split(r"\s{3,}", line.strip()) if rel.endswith(".layout.txt") else [line.strip()]
            kept = []
            for c in cols:
                if FURNITURE.fullmatch(c) or re.fullmatch(r"\[\^\d+\]:|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}/?", c):
                    continue
                if k > 0 and (SYMBOL.fullmatch(c) or c == symbol or (
                        len(c.split()) >= 3 and c in title and not prev.startswith("Annex"))):
                    continue
                kept.append(c)
            out.append(" ".join(kept))
            if line.strip():
                prev = line.strip()
    body = words("\n".join(out))
    return body, words(" ".join(note_text))


def model_words(r: Resolution) -> tuple[list[str], list[str]]:
    """(words of every text-bearing item in source order, footnote words)."""
    items: list[tuple[int, str]] = []
    for ln in [*r.front, r.formula, r.closing]:
        if ln is not None:
            items.append((ln.span.start, ln.text))
    for pt in r.parts:
        items.append((pt.span.start, f"{pt.label} {pt.title or ''}"))
        for ln in (pt.formula, pt.closing):
            if ln is not None and ln != r.formula and ln != r.closing:
                items.append((ln.span.start, ln.text))
    for p in r.walk():
        items.append((p.span.start, f"{p.label or ''} {p.text}"))
    for h in [*r.headings, *(h for a in r.annexes for h in a.headings)]:
        items.append((h.span.start, f"{h.label or ''} {h.title}"))
    for a in r.annexes:
        for ln in a.front:
            items.append((ln.span.start, ln.text))
    items.sort(key=lambda x: x[0])
    body = [w for _, t in items for w in words(t)]
    notes = [w for f in sorted(r.footnotes, key=lambda f: f.span.start) for w in words(f.text)]
    return body, notes


def matched(src: list[str], model: list[str]) -> float:
    if not src:
        return 1.0
    sm = difflib.SequenceMatcher(None, src, model, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / len(src)


OUT_OF_ORDER: dict[str, str] = {}
"""Files whose source is itself out of order, so that the model cannot follow it word by word.
None so far: the model keeps every text in source order, so a text scrambled by its export
(ga80-md/80_3, annex paragraph 2 run into paragraph 1 with its number lost) is conserved as
scrambled; the scrambling shows in the twin test instead."""


@pytest.mark.parametrize("rel", corpus_files())
def test_conservation(rel: str) -> None:
    r = loaded(rel).resolution
    assert r is not None
    src_body, src_notes = source_words(rel, r)
    mod_body, mod_notes = model_words(r)
    ratio = matched(src_body, mod_body)
    if rel in OUT_OF_ORDER:
        pytest.skip(OUT_OF_ORDER[rel])
    assert ratio >= 0.999, f"{rel}: {ratio:.4%} of the body words in order"
    assert matched(src_notes, mod_notes) >= 0.999, f"{rel}: footnote words"


# -- twins ------------------------------------------------------------------------------------
#
# Two forms of one resolution must give the same paragraph ids and texts. Texts are compared
# with whitespace folded, or where the sources differ in form:
# - Markdown export vs PyMuPDF dump: all whitespace removed, because the export joins a line
#   ending in a hyphen or a dash with a space ("long- lasting", "2024– 2034") where the dump
#   has the compound unbroken;
# - pdftotext vs pdftotext -layout: whitespace and hyphens removed, because pdftotext in
#   reading order drops a line-end hyphen ("seventyfourth", "drug resistant") that -layout
#   keeps ("seventy-" / "fourth").
# Paragraphs where one source lost text are listed with the reason, and must differ: the test
# notices both a new difference and a fixed one.

TWINS = [
    ("ga80-md/A_RES_80_1.md", "ga80-pdftext/A_RES_80_1.txt", "nows", {}),
    ("ga80-md/A_RES_80_3.md", "ga80-pdftext/A_RES_80_3.txt", "nows", {
        "annex.1": "the export ran paragraph 2 into paragraph 1 and lost '... countries. 2.'",
        "annex.2": "missing from the export (its number was lost)",
        "annex.14": "the export lost 'landlocked developing countries.' at a page end",
    }),
    ("ga80-md/A_RES_80_5.md", "ga80-pdftext/A_RES_80_5.txt", "nows", {
        "annex.29": "the export lost 'development;' (end of item (j)) at a page end: (j) and (k) run together",
        "annex.30": "the export lost 'commit to:' at a page end: the items run into the paragraph",
        "annex.31": "the export lost 'frameworks;' and two items at page ends",
        "annex.32": "the export lost 'development;' (end of item (f)) at a page end",
        "annex.33": "the export lost 'commit to:' at a page end",
    }),
    ("ga80-md/A_RES_80_7.md", "ga80-pdftext/A_RES_80_7.txt", "nows", {}),
    ("ga73-pdf/A_RES_73_3-EN.txt", "ga73-pdf/A_RES_73_3-EN.layout.txt", "nohyphen", {}),
    ("ga73-pdf/A_RES_73_6-EN.txt", "ga73-pdf/A_RES_73_6-EN.layout.txt", "nohyphen", {}),
    ("ga73-pdf/A_RES_73_7-EN.txt", "ga73-pdf/A_RES_73_7-EN.layout.txt", "nohyphen", {}),
]


def _norm(text: str, how: str) -> str:
    if how == "nows":
        return re.sub(r"\s", "", text)
    return re.sub(r"[\s\-‑]", "", text)


def _tops(r: Resolution) -> dict[str, list[tuple[str, str]]]:
    """Top-level paragraph id -> [(id, text)] of it and its sub-paragraphs."""
    out: dict[str, list[tuple[str, str]]] = {}

    def flat(p: Paragraph) -> list[tuple[str, str]]:
        return [(p.id, p.text)] + [x for c in p.children for x in flat(c)]

    for p in [*r.paragraphs, *(q for a in r.annexes for q in a.paragraphs)]:
        out[p.id] = flat(p)
    return out


@pytest.mark.parametrize("a,b,how,known", TWINS, ids=lambda x: x if isinstance(x, str) else "")
def test_twins(a: str, b: str, how: str, known: dict[str, str]) -> None:
    ra, rb = loaded(a).resolution, loaded(b).resolution
    assert ra is not None and rb is not None
    ta, tb = _tops(ra), _tops(rb)
    differing = set()
    for pid in sorted(set(ta) | set(tb)):
        xa = [(i, _norm(t, how)) for i, t in ta.get(pid, [])]
        xb = [(i, _norm(t, how)) for i, t in tb.get(pid, [])]
        if xa != xb:
            differing.add(pid)
    assert differing == set(known), {p: "unexplained" for p in differing - set(known)}
    # whitespace folding alone would not do only where the sources differ in form
    assert [f.number for f in ra.footnotes] == [f.number for f in rb.footnotes]
    for fa, fb in zip(ra.footnotes, rb.footnotes, strict=False):
        assert _norm(fa.text, how) == _norm(fb.text, how)
        if not known:
            assert fa.paragraph == fb.paragraph
    assert (ra.symbol, ra.title, ra.adopted, ra.meeting) == (rb.symbol, rb.title, rb.adopted, rb.meeting)


def test_titles_read_from_both_forms() -> None:
    """The title block reads the same from every form of 80/7."""
    md = loaded("ga80-md/A_RES_80_7.md").resolution
    dump = loaded("ga80-pdftext/A_RES_80_7.txt").resolution
    assert md is not None and dump is not None
    for r in (md, dump):
        assert (r.symbol, r.session, r.adopted, r.meeting) == ("A/RES/80/7", 80, "2025-11-14",
                                                               "40th plenary meeting")
        assert r.origin is not None and r.origin.report == "A/80/L.7"


@pytest.mark.parametrize("rel,symbol,adopted,meeting,vote", [
    ("sc-gold/S_RES_0001_1946_EN_GOLD.txt", "S/RES/1 (1946)", "1946-01-25", "2nd meeting",
     (None, None, None, False, True)),  # "Adopted without vote." stands in footnote 22
    ("sc-gold/S_RES_0083_1950_EN_GOLD.txt", "S/RES/83 (1950)", "1950-06-27", "474th meeting",
     (7, 1, None, False, False)),
    ("sc-gold/S_RES_0242_1967_EN_GOLD.txt", "S/RES/242 (1967)", "1967-11-22", "1382nd meeting",
     (None, None, None, True, False)),
    ("sc-gold/S_RES_0253_1968_EN_GOLD.txt", "S/RES/253 (1968)", "1968-05-29", "1428th meeting",
     (None, None, None, True, False)),
    ("sc-gold/S_RES_0598_1987_EN_GOLD.txt", "S/RES/598 (1987)", "1987-07-20", "2750th meeting",
     (None, None, None, True, False)),
    ("sc-gold/S_RES_0660_1990_EN_GOLD.txt", "S/RES/660 (1990)", "1990-08-02", "2932nd meeting",
     (14, 0, None, False, False)),
    ("sc-gold/S_RES_0678_1990_EN_GOLD.txt", "S/RES/678 (1990)", "1990-11-29", "2963rd meeting",
     (12, 2, 1, False, False)),
    ("sc-gold/S_RES_0757_1992_EN_GOLD.txt", "S/RES/757 (1992)", "1992-05-30", "3082nd meeting",
     (13, 0, 2, False, False)),  # "by 13 votes io none" (OCR)
    ("sc-gold/S_RES_0827_1993_EN_GOLD.txt", "S/RES/827 (1993)", "1993-05-25", "3217th meeting", None),
    ("sc-gold/S_RES_0902_1994_EN_GOLD.txt", "S/RES/902 (1994)", "1994-03-11", "3347th meeting", None),
    ("sc-gold/S_RES_1445_2002_EN_GOLD.txt", "S/RES/1445 (2002)", "2002-12-04", "4653rd meeting", None),
])
def test_security_council_heads_and_votes(rel: str, symbol: str, adopted: str, meeting: str,
                                          vote: tuple[object, ...] | None) -> None:
    r = loaded(rel).resolution
    assert r is not None
    assert (r.symbol, r.body, r.adopted, r.meeting) == (symbol, "Security Council", adopted, meeting)
    if vote is None:
        assert r.vote is None and r.closing is None  # 1990s form: no closing line
    else:
        assert r.vote is not None
        assert (r.vote.in_favour, r.vote.against, r.vote.abstentions, r.vote.unanimous,
                r.vote.without_vote) == vote
