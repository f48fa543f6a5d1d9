"""The Akoma Ntoso reader (generator/readers/akn.py) and the parser rules ITU texts need.

The two real files are ``../shared/corpus/akn-itu`` (ITU Plenipotentiary Conference, Dubai
2018: Resolution 2 and Decision 5, AKN 3.0 in the UN profile, machine-converted from the PDF).
Every count below was made by reading the XML, not copied from the parser:

``res_2.xml``
  - preamble: *considering* a) to i) (9 recitals; "a)" is written inside the first ``<p>``, the
    others in ``<num>``), *conscious* a) to d) (4), *emphasizing* a) to g) (7): 3 intro
    paragraphs, 20 recitals;
  - operative: *resolves* 1 to 10 (10; the converter ran "10 that broad participation ..." into
    the ``<p>`` of 9), *instructs the Secretary-General* (one unnumbered paragraph, read into
    the intro as a GA text reads "Requests the Secretary-General to ..."), *instructs the ITU
    Council* 1 to 3, *further instructs the ITU Council* (unnumbered): 4 intro paragraphs,
    13 items;
  - one footnote ("These include the least developed countries ..."): its text stands inside
    the ``<p>`` of *resolves* 1 after a rule of underscores (the PDF's footnote area); its
    marker is the bare digit of "developing countries1," in *emphasizing* d);
  - no UN document symbol: "Resolution 77 (Rev. Dubai, 2018)" and "Resolution 2 (Kyoto, 1994)"
    are ITU resolutions (resolutions of another organisation are not cited, as in
    test_corpus.py), so 0 citations.

``dec_5.xml``
  - preamble: *considering* a) b), *considering further* a) b), *noting* (one recital),
    *noting further* (one recital): 4 intro paragraphs, 4 recitals;
  - operative: *decides* 1 to 7 (7), with 1.1 to 1.4 (run into the ``<p>`` of 1), 4.1 to 4.3
    and 6 a) to f): 20 items; the intro *instructs the Secretary-General, with the assistance
    of the Coordination Committee* stands at the end of decides 7 (converter), its items 1 to 3
    follow (3); *instructs the Secretary-General* 1 to 3 (3); *instructs the Secretary-General
    and the Directors of the Bureaux*, again at the end of the item before, 1 to 3 (3);
    *instructs the ITU Council* 1 to 9 (9); *invites the ITU Council* and *invites Member
    States*, one unnumbered paragraph each: 7 intro paragraphs, 38 items;
  - annexes, both run into the text ("ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)"): Annex 1 is
    two tables, which the converter cut into ``<paragraph><num>0</num>`` pieces at the zero
    cells: one unnumbered annex paragraph holding the tables' text; Annex 2 "Measures for
    improving ITU's efficiency and reducing its expenses", measures 1) to 27): 28 annex
    paragraphs;
  - no footnotes; no UN document symbol (Resolutions 71, 91, 151, 48 and 154 are ITU's): 0.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.diagnostics import Level, Report
from generator.load import Loaded, load
from generator.model import Paragraph, Resolution
from generator.readers import akn, read_file
from generator.readers.base import BlockKind, ReadError
from tests.conftest import CORPUS

AKN = CORPUS / "akn-itu"
needs_corpus = pytest.mark.skipif(not AKN.exists(), reason=f"shared corpus not at {CORPUS}")

_CACHE: dict[str, Loaded] = {}


def loaded(name: str) -> Loaded:
    if name not in _CACHE:
        _CACHE[name] = load(AKN / name, f"akn-itu/{name}")
    return _CACHE[name]


def model(name: str) -> Resolution:
    got = loaded(name)
    errors = [d.format() for d in got.diagnostics if d.level is Level.ERROR]
    assert got.resolution is not None and not errors, errors
    return got.resolution


def _subs(ps: tuple[Paragraph, ...]) -> int:
    return sum(len(p.children) + _subs(p.children) for p in ps)


# -- counts -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Expected:
    name: str
    preamble: int
    operative: int
    sub: int
    annex: int
    annex_sub: int
    footnotes: int
    citations: int
    warnings: frozenset[str]


COUNTS = [
    Expected("res_2.xml", 3, 4, 20 + 13, 0, 0, 1, 0, frozenset({"W-FOOTNOTE-IN-TEXT"})),
    Expected("dec_5.xml", 4, 7, 4 + 38, 28, 0, 0, 0, frozenset({"W-INTRO-RUN-IN"})),
]


@needs_corpus
@pytest.mark.parametrize("exp", COUNTS, ids=lambda e: e.name)
def test_counts_and_warnings(exp: Expected) -> None:
    r = model(exp.name)
    assert r.source.format == "akn"
    pp = sum(1 for p in r.paragraphs if p.part == "preamble")
    counts = (pp, len(r.paragraphs) - pp, _subs(r.paragraphs),
              sum(len(a.paragraphs) for a in r.annexes), sum(_subs(a.paragraphs) for a in r.annexes),
              len(r.footnotes), len(r.citations))
    assert counts == (exp.preamble, exp.operative, exp.sub, exp.annex, exp.annex_sub, exp.footnotes,
                      exp.citations)
    assert {d.code for d in loaded(exp.name).diagnostics} == exp.warnings


# Every intro paragraph: id, phrase as written, verb, and the labels of its items in order
# (an item's own items in brackets after it).
STRUCTURE = {
    "res_2.xml": [
        ("pp1", "considering", "Considering", "a) b) c) d) e) f) g) h) i)"),
        ("pp2", "conscious", "Conscious", "a) b) c) d)"),
        ("pp3", "emphasizing", "Emphasizing", "a) b) c) d) e) f) g)"),
        ("op1", "resolves", "Resolves", "1 2 3 4 5 6 7 8 9 10"),
        ("op2", "instructs the Secretary-General", "Instructs", ""),
        ("op3", "instructs the ITU Council", "Instructs", "1 2 3"),
        ("op4", "further instructs the ITU Council", "Instructs", ""),
    ],
    "dec_5.xml": [
        ("pp1", "considering", "Considering", "a) b)"),
        ("pp2", "considering further", "Considering", "a) b)"),
        ("pp3", "noting", "Noting", ""),
        ("pp4", "noting further", "Noting", ""),
        ("op1", "decides", "Decides", "1 [1.1 1.2 1.3 1.4] 2 3 4 [4.1 4.2 4.3] 5 6 [a) b) c) d) e) f)] 7"),
        # run into decides 7, so not in italics: the phrase is the head alone
        ("op2", "instructs", "Instructs", "1 2 3"),
        ("op3", "instructs the Secretary-General", "Instructs", "1 2 3"),
        ("op4", "instructs", "Instructs", "1 2 3"),
        ("op5", "instructs the ITU Council", "Instructs", "1 2 3 4 5 6 7 8 9"),
        ("op6", "invites the ITU Council", "Invites", ""),
        ("op7", "invites Member States", "Invites", ""),
    ],
}


def _labels(p: Paragraph) -> str:
    out = []
    for c in p.children:
        out.append(c.label or "?")
        if c.children:
            out.append("[" + _labels(c) + "]")
    return " ".join(out)


@needs_corpus
@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_intro_phrases_and_their_items(name: str) -> None:
    r = model(name)
    got = [(p.id, p.phrase, p.verb, _labels(p)) for p in r.paragraphs]
    assert got == STRUCTURE[name]


@needs_corpus
def test_item_ids_and_texts() -> None:
    r = model("res_2.xml")
    op1 = r.paragraph("op1")
    assert op1 is not None and op1.text == "resolves"
    ten = r.paragraph("op1(10)")
    assert ten is not None and ten.text.startswith("that broad participation in WTPF")
    nine = r.paragraph("op1(9)")
    assert nine is not None and nine.text.endswith("prior to the forum;")
    first = r.paragraph("pp1(a)")
    assert first is not None and first.label == "a)" and first.number == "a"
    assert first.text == "relevant resolutions of the United Nations General Assembly (UNGA);"
    op2 = r.paragraph("op2")
    assert op2 is not None and op2.text == ("instructs the Secretary-General to make the necessary "
                                            "preparations for convening WTPF based on resolves above,")
    d = model("dec_5.xml")
    ids = [p.id for p in d.walk()]
    assert ids[ids.index("op1(1)"):ids.index("op1(2)")] == [
        "op1(1)", "op1(1)(1)", "op1(1)(2)", "op1(1)(3)", "op1(1)(4)"]
    seven = d.paragraph("op1(7)")
    assert seven is not None and seven.text.endswith("above 6 per cent of total annual expenses,")
    op2 = d.paragraph("op2")
    assert op2 is not None and op2.text == ("instructs the Secretary-General, with the assistance of "
                                            "the Coordination Committee")
    op7 = d.paragraph("op7")
    assert op7 is not None and op7.text.endswith("before the end of the calendar year 2021.")


@needs_corpus
def test_annexes_of_decision_5() -> None:
    d = model("dec_5.xml")
    assert [(a.id, a.label, a.title) for a in d.annexes] == [
        ("annex1", "ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)", None),
        ("annex2", "ANNEX 2 TO DECISION 5 (REV. DUBAI, 2018)",
         "Measures for improving ITU's efficiency and reducing its expenses")]
    tables, measures = d.annexes
    assert [p.id for p in tables.paragraphs] == ["annex1.pp1"]
    assert tables.paragraphs[0].text.startswith("TABLE 1 Financial plan of the Union for 2020-2023")
    assert tables.paragraphs[0].text.endswith("Estimates 2020-2021 Estimates 2022-2023")
    assert [p.id for p in measures.paragraphs] == [f"annex2.{n}" for n in range(1, 28)]
    assert [p.label for p in measures.paragraphs][:3] == ["1)", "2)", "3)"]
    assert measures.paragraphs[-1].text.startswith("Any additional measures adopted by the Council")


@needs_corpus
@pytest.mark.parametrize("name,symbol,slug,number,title,kind", [
    ("res_2.xml", "ITU/PP-18/RES/2", "ITU-PP-18-RES-2", "2 (Rev. Dubai, 2018)",
     "World telecommunication/information and communication technology policy forum", "RESOLUTION"),
    ("dec_5.xml", "ITU/PP-18/DEC/5", "ITU-PP-18-DEC-5", "5 (Rev. Dubai, 2018)",
     "Revenue and expenses for the Union for the period 2020-2023", "DECISION"),
])
def test_title_block_symbol_and_formula(name: str, symbol: str, slug: str, number: str, title: str,
                                        kind: str) -> None:
    r = model(name)
    assert (r.symbol, r.slug, r.number, r.title) == (symbol, slug, number, title)
    assert (r.body, r.session, r.year, r.adopted) == ("ITU Plenipotentiary Conference", None, 2018,
                                                       "2018-11-15")  # adopted: the FRBR work date
    assert [ln.text for ln in r.front] == [f"{kind} {number.upper()}", title]
    assert r.formula is not None and r.formula.text == (
        "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),")
    assert r.closing is None and r.vote is None  # ITU texts have no closing line: no warning


@needs_corpus
def test_footnote_area_in_the_text_of_resolution_2() -> None:
    r = model("res_2.xml")
    (fn,) = r.footnotes
    assert (fn.number, fn.paragraph, fn.called_from) == (1, "pp3(d)", ("pp3(d)",))
    assert fn.text.startswith("These include the least developed countries, small island")
    assert fn.text.endswith("countries with economies in transition.")
    call = r.paragraph("pp3(d)")
    assert call is not None
    (ref,) = call.noterefs
    assert call.text[:ref.at].endswith("needs of the developing countries")
    src = (AKN / "res_2.xml").read_text(encoding="utf-8")
    assert src[ref.span.start:ref.span.end] == "1"
    assert src[fn.span.start:fn.span.end] == fn.text
    one = r.paragraph("op1(1)")
    assert one is not None and one.text.endswith("adequate preparation by Member States;")


# -- conservation --------------------------------------------------------------------------------
#
# Every word of the XML's text content (``meta`` aside), in order, is a word of the model: the
# title block, the formula, paragraphs with their labels, headings, annex headings. Footnote
# texts are cut out of the source by their spans (and compared apart), with the markers and the
# footnote numbers written before them.

_JOIN_HYPHEN = re.compile(r"(\w)\s*[-‑]\s*(\w)")


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", _JOIN_HYPHEN.sub(r"\1\2", text).lower())


def xml_words(xml: str) -> list[str]:
    xml = re.sub(r"<(\w+:)?meta\b.*?</(\w+:)?meta>|<\?.*?\?>|<!--.*?-->", " ", xml, flags=re.DOTALL)
    return words(html.unescape(re.sub(r"<[^>]*>", " ", xml)))


def source_words(path: Path, r: Resolution) -> tuple[list[str], list[str]]:
    text = path.read_text(encoding="utf-8")
    chars = list(text)

    def blank(a: int, b: int) -> None:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    notes = []
    for f in r.footnotes:
        notes.append(text[f.span.start:f.span.end])
        blank(f.span.start, f.span.end)
        number = re.search(rf"{f.number}\s*$", text[:f.span.start])  # "____ 1 These include"
        if number:
            blank(number.start(), number.end())
    for p in r.walk():
        for n in p.noterefs:
            blank(n.span.start, n.span.end)
    return xml_words("".join(chars)), [w for n in notes for w in xml_words(n)]


def model_words(r: Resolution) -> tuple[list[str], list[str]]:
    items: list[tuple[int, str]] = []
    for ln in [*r.front, r.formula, r.closing, *(x for a in r.annexes for x in a.front)]:
        if ln is not None:
            items.append((ln.span.start, ln.text))
    for p in r.walk():
        items.append((p.span.start, f"{p.label or ''} {p.text}"))
    for h in [*r.headings, *(h for a in r.annexes for h in a.headings)]:
        items.append((h.span.start, f"{h.label or ''} {h.title}"))
    items.sort(key=lambda x: x[0])
    notes = [w for f in sorted(r.footnotes, key=lambda f: f.span.start) for w in words(f.text)]
    return [w for _, t in items for w in words(t)], notes


@needs_corpus
@pytest.mark.parametrize("name", ["res_2.xml", "dec_5.xml"])
def test_conservation(name: str) -> None:
    r = model(name)
    src_body, src_notes = source_words(AKN / name, r)
    mod_body, mod_notes = model_words(r)
    assert len(src_body) > 1000
    assert mod_body == src_body
    assert mod_notes == src_notes


@needs_corpus
@pytest.mark.parametrize("name", ["res_2.xml", "dec_5.xml"])
def test_every_character_maps_into_the_xml(name: str) -> None:
    """A character of a block is the source character it maps to; or a space made up for a
    line break (mapped to whitespace, or to the tag after the text it follows); or a character
    written as a reference (mapped to its ``&``)."""
    path = AKN / name
    doc = read_file(path, name, Report(name))
    src = doc.source.text
    assert doc.source.format == "akn"
    for b in doc.blocks:
        for i, ch in enumerate(b.text.text):
            at = b.text.offset(i)
            ok = src[at] == ch or (ch == " " and src[at] in " \n\t<") or src[at] == "&"
            assert ok, (b.text.text, i)


# -- Akoma Ntoso as the UN writes it: a General Assembly and a Security Council text -----------

GA = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta>
      <identification source="#un">
        <FRBRWork>
          <FRBRthis value="/akn/un/statement/deliberation/unga/2023-12-19/78-167/!main"/>
          <FRBRuri value="/akn/un/statement/deliberation/unga/2023-12-19/78-167"/>
          <FRBRdate date="2023-12-19" name="adoption"/>
          <FRBRauthor href="#unga"/>
          <FRBRnumber value="78/167"/>
        </FRBRWork>
      </identification>
      <notes source="#un"><note eId="n3"><p>A/78/290.</p></note></notes>
    </meta>
    <preface>
      <container name="symbol"><p><docNumber>A/RES/78/167</docNumber></p></container>
      <p><docAuthority>General Assembly</docAuthority></p>
      <container name="distribution"><p>Distr.: General</p>
        <p><docDate date="2023-12-21">21 December 2023</docDate></p></container>
      <p><session value="78">Seventy-eighth session</session></p>
      <p>Agenda item 22 (<i>b</i>)</p>
      <p><docTitle>Resolution adopted by the General Assembly on 19 December 2023</docTitle></p>
      <p>[on the report of the Second Committee (<ref href="#">A/78/465/Add.2</ref>, para. 7)]</p>
      <longTitle><p><docNumber>78/167.</docNumber> <docTitle>South-South cooperation</docTitle></p></longTitle>
    </preface>
    <preamble>
      <formula name="enactingFormula"><p><i>The General Assembly</i>,</p></formula>
      <recitals>
        <recital><p><i>Recalling</i> its resolutions <ref href="/akn/un/unga/33-134">33/134</ref>
          of 19 December 1978 and 64/222 of 21 December 2009,</p></recital>
        <recital><p><i>Reaffirming</i> the Buenos Aires outcome document<authorialNote marker="1"
          placement="bottom"><p>Resolution 73/291, annex; see <i>Official Records</i> &amp; annexes.</p>
          </authorialNote> of the second High&#8209;level Conference,</p></recital>
      </recitals>
    </preamble>
    <mainBody>
      <paragraph><num>1.</num><content><p><i>Takes note</i> of the report of the
        Secretary-General;<noteRef marker="2" href="#n3"/></p></content></paragraph>
      <paragraph><num>2.</num>
        <intro><p><i>Calls upon</i> Member States:</p></intro>
        <point><num>(a)</num><content><p>To act &#8220;now&#8221;;</p></content></point>
        <point><num>(b)</num>
          <intro><p>To report on:</p></intro>
          <point><num>(i)</num><content><p>progress;</p></content></point>
          <point><num>(ii)</num><content><p>obstacles;<br/>and</p></content></point>
        </point>
      </paragraph>
      <paragraph><num>3.</num><content><p><i>Decides</i> to include the item entitled
        &#x201C;South-South cooperation&#x201D;.</p></content></paragraph>
    </mainBody>
    <conclusions>
      <p><role>49th plenary meeting</role></p>
      <p><date date="2023-12-19">19 December 2023</date></p>
    </conclusions>
    <attachments>
      <attachment>
        <doc name="annex">
          <preface><p>Annex</p><p><docTitle>Guidelines for cooperation</docTitle></p></preface>
          <mainBody>
            <hcontainer name="section"><num>I.</num><heading>Principles</heading>
              <paragraph><num>1.</num><content><p>Cooperation is voluntary.</p></content></paragraph>
            </hcontainer>
            <paragraph><num>2.</num><content><p>It complements North-South cooperation.</p></content></paragraph>
          </mainBody>
        </doc>
      </attachment>
    </attachments>
  </statement>
</akomaNtoso>
"""

SC = """<?xml version="1.0"?>
<akn:akomaNtoso xmlns:akn="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
 <akn:statement name="resolution">
  <akn:preface>
   <akn:p><akn:docNumber>Resolution 2231 (2015)</akn:docNumber></akn:p>
   <akn:p>Adopted by the Security Council at its 7488th meeting, on 20 July 2015</akn:p>
  </akn:preface>
  <akn:preamble>
   <akn:formula><akn:p><akn:i>The Security Council</akn:i>,</akn:p></akn:formula>
   <akn:p><akn:i>Recalling</akn:i> the statement of its President, S/PRST/2006/15,</akn:p>
  </akn:preamble>
  <akn:mainBody>
   <akn:paragraph><akn:num>1.</akn:num><akn:content><akn:p><akn:i>Endorses</akn:i> the Joint
     Comprehensive Plan of Action;</akn:p></akn:content></akn:paragraph>
   <akn:paragraph><akn:num>2.</akn:num><akn:content><akn:p><akn:i>Decides</akn:i> to remain seized
     of the matter.</akn:p></akn:content></akn:paragraph>
  </akn:mainBody>
  <akn:attachments><akn:attachment><akn:doc name="annex"><akn:mainBody>
   <akn:p>Annex</akn:p><akn:p>Joint Comprehensive Plan of Action</akn:p>
   <akn:paragraph><akn:num>1.</akn:num><akn:content><akn:p>Iran reaffirms its commitment.</akn:p>
   </akn:content></akn:paragraph>
  </akn:mainBody></akn:doc></akn:attachment></akn:attachments>
 </akn:statement>
</akn:akomaNtoso>
"""


def _load_text(tmp_path: Path, text: str, name: str = "input.xml") -> Loaded:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load(p, name)


def test_general_assembly_resolution(tmp_path: Path) -> None:
    got = _load_text(tmp_path, GA)
    r = got.resolution
    assert r is not None, [d.format() for d in got.diagnostics]
    assert not got.diagnostics, [d.format() for d in got.diagnostics]
    assert (r.symbol, r.body, r.session, r.title, r.adopted, r.distributed, r.meeting) == (
        "A/RES/78/167", "General Assembly", 78, "South-South cooperation", "2023-12-19", "2023-12-21",
        "49th plenary meeting")
    assert r.origin is not None and r.origin.report == "A/78/465/Add.2"
    assert r.formula is not None and r.formula.text == "The General Assembly,"
    assert [(p.id, p.label, p.phrase) for p in r.walk()] == [
        ("pp1", None, "Recalling"), ("pp2", None, "Reaffirming"), ("op1", "1.", "Takes note"),
        ("op2", "2.", "Calls upon"), ("op2(a)", "(a)", None), ("op2(b)", "(b)", None),
        ("op2(b)(i)", "(i)", None), ("op2(b)(ii)", "(ii)", None), ("op3", "3.", "Decides"),
        ("annex.1", "1.", None), ("annex.2", "2.", None)]
    pp2 = r.paragraphs[1]
    assert pp2.text == "Reaffirming the Buenos Aires outcome document of the second High\u2011level Conference,"
    assert [(n.number, pp2.text[:n.at][-8:]) for n in pp2.noterefs] == [(1, "document")]
    assert [(f.number, f.paragraph, f.text) for f in r.footnotes] == [
        (1, "pp2", "Resolution 73/291, annex; see Official Records & annexes."), (2, "op1", "A/78/290.")]
    (em,) = r.footnotes[0].emphasis
    assert r.footnotes[0].text[em.start:em.end] == "Official Records"
    assert [(c.symbol, c.as_written, c.paragraph, c.footnote) for c in r.citations] == [
        ("A/RES/33/134", "33/134", "pp1", None), ("A/RES/64/222", "64/222", "pp1", None),
        ("A/RES/73/291", "73/291", "pp2", 1), ("A/78/290", "A/78/290", "op1", 2)]
    assert r.paragraph("op2(b)(ii)").text == "obstacles; and"  # type: ignore[union-attr]
    assert r.paragraph("op3").text == "Decides to include the item entitled “South-South cooperation”."  # type: ignore[union-attr]
    (annex,) = r.annexes
    assert (annex.label, annex.title) == ("Annex", "Guidelines for cooperation")
    assert [(h.id, h.label, h.title, h.before) for h in annex.headings] == [
        ("annex.sec-I", "I.", "Principles", "annex.1")]
    # spans point into the XML; a character written as a reference maps to its "&"
    op3 = r.paragraph("op3")
    assert op3 is not None and GA[op3.span.start:op3.span.start + 2] == "3."
    doc = read_file(tmp_path / "input.xml", "input.xml", Report("input.xml"))
    block = next(b for b in doc.blocks if b.text.text.startswith("3. Decides"))
    assert GA.startswith("&#x201C;", block.text.offset(block.text.text.index("“")))
    block = next(b for b in doc.blocks if b.text.text.startswith("Reaffirming"))
    assert GA.startswith("&#8209;", block.text.offset(block.text.text.index("\u2011")))


def test_security_council_resolution_with_prefixed_names(tmp_path: Path) -> None:
    got = _load_text(tmp_path, SC)
    r = got.resolution
    assert r is not None, [d.format() for d in got.diagnostics]
    assert (r.symbol, r.body, r.adopted, r.meeting) == ("S/RES/2231 (2015)", "Security Council",
                                                        "2015-07-20", "7488th meeting")
    assert [p.id for p in r.walk()] == ["pp1", "op1", "op2", "annex.1"]
    assert [c.symbol for c in r.citations] == ["S/PRST/2006/15"]
    (annex,) = r.annexes
    assert annex.title == "Joint Comprehensive Plan of Action"
    assert {d.code for d in got.diagnostics} == set()


def test_blocks_for_the_parser(tmp_path: Path) -> None:
    """The stream the parser gets: a number opens its paragraph's block; the formula, each
    recital and each item a block; footnotes as FOOTNOTE blocks; marks on the text."""
    p = tmp_path / "input.xml"
    p.write_text(GA, encoding="utf-8")
    doc = read_file(p, "input.xml", Report("input.xml"))
    body = [b.text.text for b in doc.blocks if b.kind is BlockKind.BODY]
    assert body[8:12] == ["78/167. South-South cooperation", "The General Assembly,",
                          ("Recalling its resolutions 33/134 of 19 December 1978 and 64/222 of 21 "
                          "December 2009,"),
                          ("Reaffirming the Buenos Aires outcome document of the second "
                          "High\u2011level Conference,")]
    assert "2. Calls upon Member States:" in body and "(b) To report on:" in body
    notes = [(b.number, b.text.text) for b in doc.blocks if b.kind is BlockKind.FOOTNOTE]
    assert notes == [(1, "Resolution 73/291, annex; see Official Records & annexes."), (2, "A/78/290.")]
    recalling = next(b for b in doc.blocks if b.text.text.startswith("Recalling"))
    assert [(m.kind.value, recalling.text.text[m.start:m.end], m.value) for m in recalling.marks] == [
        ("italic", "Recalling", ""), ("link", "33/134", "/akn/un/unga/33-134")]
    assert doc.source.meta["adopted"] == "2023-12-19"
    assert doc.source.meta["akn-uri"] == "/akn/un/statement/deliberation/unga/2023-12-19/78-167"


# -- refused input --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,message,line,col", [
    # an element closed by the wrong end tag: the caret under the end tag's name
    (('<?xml version="1.0"?>\n<akomaNtoso>\n  <statement>\n    <preamble><p>The General Assembly,</p>\n'
     '  </statement>\n</akomaNtoso>\n'), "mismatched tag", 5, 5),
    # an HTML entity XML does not know
    ("<akomaNtoso>\n  <p>The General&nbsp;Assembly,</p>\n</akomaNtoso>\n", "undefined entity", 2, 17),
    # a bare ampersand
    ("<akomaNtoso>\n <p>AT&T</p>\n</akomaNtoso>\n", "invalid token", 2, 9),
    # text after the document element
    ("<akomaNtoso><p>x</p></akomaNtoso>\n<p>more</p>\n", "junk after document element", 2, 1),
    # a file cut short
    ('<?xml version="1.0"?>\n<akomaNtoso>\n <statement>\n  <p>The General', "no element found", 4, 17),
])
def test_malformed_xml(tmp_path: Path, text: str, message: str, line: int, col: int) -> None:
    got = _load_text(tmp_path, text, "bad.xml")
    assert got.resolution is None
    assert [(d.level, d.code, d.line, d.col) for d in got.diagnostics] == [
        (Level.ERROR, "E-XML", line, col)]
    (d,) = got.diagnostics
    assert d.message == f"the XML is not well-formed: {message}"
    head, shown, caret = d.format().split("\n")
    assert head.startswith(f"bad.xml:{line}:{col}: error[E-XML]: ")
    assert shown == "    " + text.split("\n")[line - 1]
    assert caret == "    " + " " * (col - 1) + "^"


@pytest.mark.parametrize("text,root,line", [
    (('<?xml version="1.0"?>\n<!-- a TEI edition -->\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
     "<text><body><p>The General Assembly,</p></body></text></TEI>\n"), "TEI", 3),
    ('<?xml version="1.0" encoding="UTF-8"?>\n<html><body><p>The General Assembly,</p></body></html>\n',
     "html", 2),
])
def test_other_xml_is_refused(tmp_path: Path, text: str, root: str, line: int) -> None:
    got = _load_text(tmp_path, text, "other.xml")
    assert got.resolution is None
    assert [(d.code, d.line, d.col) for d in got.diagnostics] == [("E-NOT-AKN", line, 1)]
    assert f"root element is <{root}>" in got.diagnostics[0].message
    assert "expected Akoma Ntoso" in got.diagnostics[0].message


def test_parse_xml_raises_read_error_with_offset() -> None:
    with pytest.raises(ReadError) as exc:
        akn.parse_xml("<akomaNtoso>\n<p>x</q></akomaNtoso>")
    assert exc.value.code == "E-XML" and exc.value.offset == len("<akomaNtoso>\n<p>x</")


@pytest.mark.parametrize("text,score", [
    ('<?xml version="1.0"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">', 20),
    ('<akn:akomaNtoso xmlns:akn="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">', 20),
    ('<?xml version="1.0"?>\n<TEI>', 1),  # other XML: refused by `read`, unless a reader claims it
    ("The General Assembly,\n\n1. Decides", 0),
    ("---\nsymbol: A/RES/80/1\n---\n", 0),
])
def test_sniff(text: str, score: int) -> None:
    assert akn.sniff(text) == score


@needs_corpus
def test_pdftohtml_xml_is_still_read_by_its_own_reader() -> None:
    xml = sorted((CORPUS / "ga73-pdf").glob("*.xml"))
    assert xml
    doc = read_file(xml[0], xml[0].name, Report(xml[0].name))
    assert doc.source.format == "pdfxml"


# -- the parser's rules for ITU texts hold for every reader -----------------------------------

ITU_TEXT = """RESOLUTION 9 (REV. BUSAN, 2014)

Participation of countries in the work of the Union

The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),

*considering*

a) that one;

b) that two,

*noting*

that three,

*resolves*

1 to do this;

2 that the following apply: 2.1 that the first; 2.2 that the second; 3 that another applies, \
instructs the Secretary-General

1 to report;

2 to act,

*invites Member States*

to contribute. ANNEX 1 TO RESOLUTION 9 (REV. BUSAN, 2014) Measures 1) First measure. 2) Second.
"""


def test_itu_text_in_another_format(tmp_path: Path) -> None:
    """Intro phrases with lettered and numbered items, items and an intro phrase run together,
    an annex run into the last paragraph: the parser's rules, not the Akoma Ntoso reader's
    (here the Markdown reader reads the text)."""
    got = _load_text(tmp_path, ITU_TEXT, "itu.md")
    r = got.resolution
    assert r is not None, [d.format() for d in got.diagnostics]
    assert r.source.format == "markdown"
    assert (r.symbol, r.number, r.body, r.year) == ("ITU/PP-14/RES/9", "9 (Rev. Busan, 2014)",
                                                   "ITU Plenipotentiary Conference", 2014)
    assert [(p.id, p.label, p.text) for p in r.walk()] == [
        ("pp1", None, "considering"), ("pp1(a)", "a)", "that one;"), ("pp1(b)", "b)", "that two,"),
        ("pp2", None, "noting that three,"),
        ("op1", None, "resolves"), ("op1(1)", "1", "to do this;"),
        ("op1(2)", "2", "that the following apply:"), ("op1(2)(1)", "2.1", "that the first;"),
        ("op1(2)(2)", "2.2", "that the second;"), ("op1(3)", "3", "that another applies,"),
        ("op2", None, "instructs the Secretary-General"), ("op2(1)", "1", "to report;"),
        ("op2(2)", "2", "to act,"),
        ("op3", None, "invites Member States to contribute."),
        ("annex.1", "1)", "First measure."), ("annex.2", "2)", "Second.")]
    assert [(p.id, p.verb) for p in r.paragraphs] == [
        ("pp1", "Considering"), ("pp2", "Noting"), ("op1", "Resolves"), ("op2", "Instructs"),
        ("op3", "Invites")]
    (annex,) = r.annexes
    assert (annex.label, annex.title) == ("ANNEX 1 TO RESOLUTION 9 (REV. BUSAN, 2014)", "Measures")
    assert {d.code for d in got.diagnostics} == {"W-INTRO-RUN-IN"}


@pytest.mark.parametrize("text", [
    # a GA text: a lower-case block after a paragraph that does not close continues it
    "Recalling its resolution 1/1 of the\n\nnoting year 2000,\n\n1. Decides to act.\n\n1st plenary meeting\n",
    # ... and a lower-case block with a full stop is no intro phrase either
    "Recalling its resolution 1/1,\n\nnoting the year 2000.\n\n1. Decides to act.\n\n1st plenary meeting\n",
])
def test_lower_case_blocks_in_un_texts_are_no_intro_phrases(tmp_path: Path, text: str) -> None:
    head = "General Assembly\n\nDistr.: General\n1 January 2024\n\n99/1. A test\n\nThe General Assembly,\n\n"
    r = _load_text(tmp_path, head + text, "ga.txt").resolution
    assert r is not None
    assert [p.id for p in r.walk()] == ["pp1", "op1"]


def test_sniff_looks_at_the_document_element_only() -> None:
    assert akn.sniff('<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE akomaNtoso>\n<akomaNtoso>') == 20
    assert akn.sniff("Notes on the <akomaNtoso> element\n\nThe General Assembly,") == 0
