"""Openers, the page-break join rule and the structures the parser builds, on small texts
(table-driven; the whole corpus is in test_corpus.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load
from generator.model import Resolution
from generator.parse.structure import closes_clause
from generator.verbs import vocabulary

# -- openers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,phrase,verb,part", [
    ("Reaffirms its support for the High-level Committee", "Reaffirms its support", "Reaffirms", "operative"),
    ("Also recognizes the need to enhance", "Also recognizes", "Recognizes", "operative"),
    ("Noting with great concern the severe negative impact", "Noting with great concern", "Noting", "preamble"),
    ("Takes note of the report", "Takes note", "Takes note", "operative"),
    ("Takes note with appreciation of the report", "Takes note with appreciation", "Takes note", "operative"),
    ("Calls upon the international community", "Calls upon", "Calls upon", "operative"),
    ("Looks forward to the Third South Summit", "Looks forward", "Looks forward", "operative"),
    ("Also looks forward to the convening", "Also looks forward", "Looks forward", "operative"),
    ("Welcomes and urges all States", "Welcomes and urges", "Welcomes", "operative"),
    ("Deplores in the strongest terms the attacks", "Deplores in the strongest terms", "Deplores", "operative"),
    ("Reiterates its call upon all parties", "Reiterates its call upon", "Reiterates", "operative"),
    ("Recalling and reaffirming its resolutions", "Recalling and reaffirming", "Recalling", "preamble"),
    ("Deeply concerned that further escalation", "Deeply concerned", "Concerned", "preamble"),
    ("Acting under Chapter VII of the Charter,", "Acting", "Acting", "preamble"),
    ("Having considered chapter V of the report", "Having considered", "Having considered", "preamble"),
    ("The Security Council requests the permanent members", "requests", "Requests", "operative"),
    ("We also welcome the convening of", "also welcome", "Welcome", "operative"),
    ("Reaffirm the 2030 Agenda for Sustainable Development", "Reaffirm", "Reaffirm", "operative"),
])
def test_openers(text: str, phrase: str, verb: str, part: str) -> None:
    o = vocabulary().opener(text, guess=False)
    assert o is not None
    assert (o.phrase, o.verb, o.part) == (phrase, verb, part)


@pytest.mark.parametrize("text", ["In regard to DDR under the new concept, endorses", "Therefore",
                                  "By Article 47 of the Charter", "Treaty Series, vol. 1771"])
def test_no_opener(text: str) -> None:
    assert vocabulary().opener(text, guess=False) is None


# -- the page-break join rule ---------------------------------------------------------------------

@pytest.mark.parametrize("text,closes", [
    ("is the greatest", False),                       # seed pp5, split by a footnote area
    ("and its outcome", False),                       # seed op1
    ("under the theme “Driving progress through", False),
    ("supported by the different entities;", True),
    ("in this regard:", True),
    ("the Treaty Series,", True),
    ("(“Space2030”)", False),
    ("as follows: “the", False),
    ("the present resolution.”", True),
    ("(Serbia and Montenegro);", True),
    ("", False),
])
def test_closes_clause(text: str, closes: bool) -> None:
    assert closes_clause(text) is closes


HEAD = """General Assembly

Distr.: General
1 January 2024

99/1. A test

The General Assembly,

"""


def _parse(tmp_path: Path, body: str, name: str = "input.txt") -> Resolution:
    p = tmp_path / name
    p.write_text(HEAD + body, encoding="utf-8")
    got = load(p)
    assert got.resolution is not None, [d.format() for d in got.diagnostics]
    return got.resolution


@pytest.mark.parametrize("body,texts", [
    # a paragraph split by a page break continues in lower case
    ("Recalling its resolution 1/1 of the\n\n\n\nyear 2000,\n\n1. Decides to act.\n\n1st plenary meeting\n",
     ["Recalling its resolution 1/1 of the year 2000,", "Decides to act."]),
    # ... and with a capital, when the block before does not close its clause (seed op18)
    ("1. Decides that the\n\nSecretary-General shall act;\n\n2. Requests more.\n\n1st plenary meeting\n",
     ["Decides that the Secretary-General shall act;", "Requests more."]),
    # a block that closes its clause and opens with an opener is a new paragraph
    ("Recalling its resolution,\n\nNoting the report,\n\n1. Decides to act.\n\n1st plenary meeting\n",
     ["Recalling its resolution,", "Noting the report,", "Decides to act."]),
])
def test_page_break_join(tmp_path: Path, body: str, texts: list[str]) -> None:
    r = _parse(tmp_path, body)
    assert [p.text for p in r.paragraphs] == texts


def test_sub_paragraphs_at_every_level(tmp_path: Path) -> None:
    r = _parse(tmp_path, "1. Decides:\n\n(a) That one;\n\n(i) First;\n\n(ii) Second;\n\n"
                         "(b) That two:\n\na. A sub-item;\n\nb. Another;\n\n2. Requests.\n\n"
                         "1st plenary meeting\n")
    ids = [p.id for p in r.walk()]
    assert ids == ["op1", "op1(a)", "op1(a)(i)", "op1(a)(ii)", "op1(b)", "op1(b)(a)", "op1(b)(b)",
                   "op2"]


def test_acting_under_chapter_vii_is_preambular(tmp_path: Path) -> None:
    r = _parse(tmp_path, "Determining that a threat exists,\n\nActing under Chapter VII of the Charter,\n\n"
                         "1. Decides to act.\n\n1st plenary meeting\n")
    assert [(p.id, p.verb) for p in r.paragraphs] == [("pp1", "Determining"), ("pp2", "Acting"),
                                                      ("op1", "Decides")]


def test_connective_before_operative_part(tmp_path: Path) -> None:
    r = _parse(tmp_path, "By Article 47 of the Charter, the Members agreed;\n\nTherefore\n\n"
                         "1. The General Assembly requests the Members to meet;\n\n1st plenary meeting\n")
    assert [p.id for p in r.paragraphs] == ["pp1", "op1"]
    assert [(h.title, h.before) for h in r.headings] == [("Therefore", "op1")]
    assert r.paragraphs[1].verb == "Requests"


def test_adopted_text_before_the_closing_line(tmp_path: Path) -> None:
    r = _parse(tmp_path, "Adopts the following declaration:\n\nDeclaration on testing\n\n"
                         "We, the Heads of State, gathered here, therefore:\n\n"
                         "1. Reaffirm our commitment;\n\n2. Commit to act.\n\n"
                         "1st plenary meeting\n1 January 2024\n")
    assert [p.id for p in r.paragraphs] == ["op1"]
    (text,) = r.annexes
    assert (text.id, text.title) == ("text", "Declaration on testing")
    assert [p.id for p in text.paragraphs] == ["text.pp1", "text.1", "text.2"]
    assert r.meeting == "1st plenary meeting" and r.closing is not None


def test_annex_with_sections_and_roman_headings(tmp_path: Path) -> None:
    r = _parse(tmp_path, "1. Adopts the annexed text.\n\n1st plenary meeting\n1 January 2024\n\n"
                         "Annex\n\nA test declaration\n\nI. Context\n\n1. We note this.\n\n"
                         "II. Commitments\n\n2. We commit to that.\n")
    (annex,) = r.annexes
    assert (annex.id, annex.label, annex.title) == ("annex", "Annex", "A test declaration")
    assert [p.id for p in annex.paragraphs] == ["annex.1", "annex.2"]
    assert [(h.id, h.label, h.title, h.before) for h in annex.headings] == [
        ("annex.sec-I", "I.", "Context", "annex.1"), ("annex.sec-II", "II.", "Commitments", "annex.2")]


@pytest.mark.parametrize("closing,vote", [
    ("Adopted unanimously at the\n1382nd meeting.", (None, None, None, True)),
    ("Adopted at the 2963rd meeting by\n12 votes to 2 (Cuba and Yemen),\nwith 1 abstention (China).",
     (12, 2, 1, False)),
    ("Adopted at the 3082nd meeting by 13\nvotes io none, with 2 abstentions\n(China, Zimbabwe)",
     (13, 0, 2, False)),  # OCR "io" for "to"
])
def test_votes_in_the_closing_line(tmp_path: Path, closing: str, vote: tuple[object, ...]) -> None:
    p = tmp_path / "sc.txt"
    p.write_text("Resolution 1 (1990)\nof 1 January 1990\n\nThe Security Council,\n\n"
                 "Recalling its resolutions,\n\n1. Decides to remain seized of the matter.\n\n"
                 + closing + "\n", encoding="utf-8")
    r = load(p).resolution
    assert r is not None and r.vote is not None
    assert (r.vote.in_favour, r.vote.against, r.vote.abstentions, r.vote.unanimous) == vote
    assert r.source.format == "sc-ocr"
