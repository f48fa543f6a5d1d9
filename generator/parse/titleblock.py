"""The title block: everything above the enacting formula.

Read with regular expressions over the header text (the header blocks joined by newlines),
because formats disagree on line structure: the seed gives one field per block, Markdown
exports run several fields into one line ("General Assembly Distr.: General 3 December 2025"),
PDF dumps break a field over two lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import AgendaItem, Origin
from ..readers.base import Block
from .dates import DATE_RE, ORDINAL_WORD, find_date, iso_date, ordinal

BODIES = ("General Assembly", "Security Council", "Human Rights Council",
          "Economic and Social Council")
_BODY_RE = "|".join(BODIES)

ITU_CONFERENCES = {
    "Plenipotentiary Conference": "PP",
    "World Telecommunication Standardization Assembly": "WTSA",
    "World Telecommunication Development Conference": "WTDC",
    "World Radiocommunication Conference": "WRC",
    "Radiocommunication Assembly": "RA",
}
"""ITU conferences that adopt resolutions and decisions, with the ITU's own abbreviation
(``PP-18`` is the Plenipotentiary Conference of 2018). Their enacting formula names them
("The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),"),
their heading is "RESOLUTION 2 (REV. DUBAI, 2018)" and they have no closing line."""

CONFERENCE_NUMBER_RE = re.compile(
    r"(?im)^\s*(?P<kind>resolution|decision|recommendation|opinion)\s+(?P<num>\d{1,4})\s*"
    r"\(\s*(?P<rev>rev\.\s*)?(?P<place>[^,()\n]{2,40}?)\s*,\s*(?P<year>\d{4})\s*\)[ \t]*$")
"""The heading of an ITU conference's text: "RESOLUTION 2 (REV. DUBAI, 2018)", "Decision 5
(Dubai, 2018)": number, "Rev." when the conference revised an older text, place and year of
the conference that adopted this version."""
_KIND_SERIES = {"resolution": "RES", "decision": "DEC", "recommendation": "REC", "opinion": "OPINION"}
_LOWER_WORDS = {"de", "del", "la", "le", "da", "do", "of", "the"}


def conference_symbol(conference: str, year: int, kind: str, number: str) -> str:
    """The symbol resodocs gives a text of an ITU conference, which has none in the UN's
    series: ``ITU/PP-18/RES/2`` for Resolution 2 (Rev. Dubai, 2018) of the Plenipotentiary
    Conference, ``ITU/PP-18/DEC/5`` for its Decision 5: the organisation, the conference as the
    ITU abbreviates it (``PP-18``, ``WTSA-20``), the series, the number. A value
    `symbols.DocSymbol` reads like any other (slug ``ITU-PP-18-RES-2``)."""
    return f"ITU/{ITU_CONFERENCES[conference]}-{year % 100:02d}/{_KIND_SERIES[kind]}/{number}"


def _place(name: str) -> str:
    """"DUBAI" -> "Dubai", "RIO DE JANEIRO" -> "Rio de Janeiro" (as the ITU cites them)."""
    words = name.split()
    return " ".join(w.lower() if k and w.lower() in _LOWER_WORDS else w[:1].upper() + w[1:].lower()
                    for k, w in enumerate(words))

GA_NUMBER_RE = re.compile(
    r"(?m)^\s*(?P<num>(?:ES-\d{1,2}/|S-\d{1,2}/)?\d{1,4}/\d{1,4}(?: [A-Z](?:(?:, | and )[A-Z])*)?)"
    r"\.[ \t]*(?P<title>.*)")
SC_NEW_RE = re.compile(r"(?im)^\s*resolution\s+(?P<num>\d{1,4})\s*\((?P<year>\d{4})\)")
SC_OLD_RE = re.compile(
    r"(?m)^\s*(?P<num>\d{1,4})\s*\((?P<year>\d{4})\)\.?\s+Resolution of\s+(?P<date>.+?\d{4})")
SYMBOL_RE = re.compile(
    r"\b(?P<sym>(?:A|E)/(?:HRC/)?RES/(?:ES-\d+/|S-\d+/)?\d+/\d+(?: [A-Z]\b)?|"
    r"S/RES/\d+\s*\(\d{4}\))")
SESSION_RE = re.compile(rf"(?i)\b(?P<ord>{ORDINAL_WORD})\s+(?P<kind>emergency special |special )?session\b")
AGENDA_RE = re.compile(
    r"(?s)Agenda items?\s+(?P<nums>\d+(?:\s?\([a-z]{1,3}\))?(?:(?:,\s*|\s+and\s+)\d+(?:\s?\([a-z]{1,3}\))?)*)"
    r"[ \t]*\n?(?P<title>.*?)(?=\s*(?:Resolution adopted|Resolutions? of\b|\[|$))")
AGENDA_NUM_RE = re.compile(r"\d+(?:\s?\([a-z]{1,3}\))?")
ADOPTED_RE = re.compile(
    rf"(?s)Resolution adopted by the\s+(?P<body>{_BODY_RE})\s+(?:on\s+|at its .*?on\s+)"
    rf"(?P<date>{DATE_RE.pattern})")
SC_ADOPTED_RE = re.compile(
    rf"(?s)Adopted by the\s+(?P<body>{_BODY_RE})\s+at its\s+(?P<meeting>\d+\s?\w*\s+meeting),?\s*"
    rf"on\s+(?P<date>{DATE_RE.pattern})")
OF_DATE_RE = re.compile(rf"(?m)^\s*(?:Resolution\s+)?of\s+(?P<date>{DATE_RE.pattern})")
SC_OF_DATE_RE = re.compile(rf"(?i)resolution\s+\d{{1,4}}\s*\(\d{{4}}\)\s+of\s+(?P<date>{DATE_RE.pattern})")
DISTR_RE = re.compile(
    rf"(?s)Distr\.:?\s*(?:General|GENERAL|Limited|LIMITED|Restricted|RESTRICTED)?\s*"
    rf"(?:(?:A|S|E)/\S+(?:\s\(\d{{4}}\))?\s*)?(?P<date>{DATE_RE.pattern})")
ORIGIN_RE = re.compile(r"(?s)\[(?P<text>(?:on the|without)[^\[\]]*)\]")
COMMITTEE_RE = re.compile(
    r"on the (?:report|reports|recommendation|recommendations) of the\s+(?P<committee>.+?)\s*\((?P<docs>.*)\)\s*$",
    re.DOTALL)
WITHOUT_RE = re.compile(r"without reference to a Main Committee\s*(?:\((?P<docs>.*)\))?\s*$", re.DOTALL)
DOC_RE = re.compile(r"[A-Z]{1,6}(?:\.\d+)?/[A-Za-z0-9.()/-]*[A-Za-z0-9)]")
PARA_RE = re.compile(r"paras?\.\s*(?P<para>\d+(?:\s*(?:,|and|-|–)\s*\d+)*)")
SC_OLD_SYMBOL_RE = re.compile(r"(?m)^\s*\[(?P<sym>S/\d+(?:/[A-Za-z0-9.]+)*)\]\s*$")


@dataclass(slots=True)
class TitleBlock:
    """Fields read from the title block (any may be missing)."""

    body: str | None = None
    symbol: str | None = None
    number: str | None = None
    session: int | None = None
    session_kind: str = ""
    agenda_items: list[AgendaItem] = field(default_factory=list)
    adopted: str | None = None
    distributed: str | None = None
    origin: Origin | None = None
    title: str | None = None
    meeting: str | None = None
    year: int | None = None
    number_offset: int | None = None
    """Offset in the header text where the resolution number stands."""
    draft: str | None = None
    """Old Security Council texts: the draft symbol in brackets ([S/1511])."""
    organ: str | None = None
    """An adopting organ outside `BODIES` (``ITU Plenipotentiary Conference``), named by the
    enacting formula; such texts have no closing line."""
    kind: str | None = None
    """``resolution``, ``decision`` ... where the heading says which (ITU texts)."""


def _fold(s: str) -> str:
    return " ".join(s.split())


def header_text(blocks: list[Block]) -> str:
    """The header blocks joined by newlines (the text every regex here reads)."""
    return "\n".join(b.text.text for b in blocks)


def read_title_block(text: str) -> TitleBlock:
    """Read the fields of a title block."""
    tb = TitleBlock()
    m = SYMBOL_RE.search(text)
    if m:
        tb.symbol = _fold(m["sym"]).replace(" (", " (")
    ga = GA_NUMBER_RE.search(text)
    sc_new = SC_NEW_RE.search(text)
    sc_old = SC_OLD_RE.search(text)
    if ga:
        tb.number = ga["num"]
        tb.number_offset = ga.start("num")
        rest = ga["title"] + text[ga.end():]
        tb.title = _fold(rest) or None
        session = ga["num"].split("/")[0]
        if session.isdigit():
            tb.session = int(session)
    elif sc_new:
        tb.number = f"{sc_new['num']} ({sc_new['year']})"
        tb.number_offset = sc_new.start("num")
        tb.year = int(sc_new["year"])
        tb.body = "Security Council"
    elif sc_old:
        tb.number = f"{sc_old['num']} ({sc_old['year']})"
        tb.number_offset = sc_old.start("num")
        tb.year = int(sc_old["year"])
        tb.body = "Security Council"
        d = find_date(sc_old["date"])
        if d:
            tb.adopted = d[0]
    elif conf := CONFERENCE_NUMBER_RE.search(text):
        rev = "Rev. " if conf["rev"] else ""
        tb.number = f"{conf['num']} ({rev}{_place(conf['place'])}, {conf['year']})"
        tb.number_offset = conf.start("num")
        tb.year = int(conf["year"])
        tb.kind = conf["kind"].lower()
        tb.title = _fold(text[conf.end():]) or None
    s = SESSION_RE.search(text)
    if s:
        n = ordinal(s["ord"])
        if n is not None:
            tb.session_kind = (s["kind"] or "").strip()
            if tb.session is None:
                tb.session = n
    a = AGENDA_RE.search(text)
    if a:
        title = _fold(a["title"])
        nums = [_fold(x) for x in AGENDA_NUM_RE.findall(a["nums"])]
        tb.agenda_items = [AgendaItem(n.replace("(", " (").replace("  ", " "), title) for n in nums]
    ad = ADOPTED_RE.search(text)
    if ad:
        tb.body = ad["body"]
        tb.adopted = iso_date(ad["day"], ad["month"], ad["year"])
    sca = SC_ADOPTED_RE.search(text)
    if sca:
        tb.body = sca["body"]
        tb.adopted = iso_date(sca["day"], sca["month"], sca["year"])
        tb.meeting = _fold(sca["meeting"])
    if tb.adopted is None and (sc_new or sc_old):
        # "Resolution 242 (1967)" with "of 22 November 1967" on its line or the next
        of = OF_DATE_RE.search(text) or SC_OF_DATE_RE.search(text)
        if of:
            tb.adopted = iso_date(of["day"], of["month"], of["year"])
    di = DISTR_RE.search(text)
    if di:
        tb.distributed = iso_date(di["day"], di["month"], di["year"])
    o = ORIGIN_RE.search(text)
    if o:
        tb.origin = read_origin(_fold(o["text"]))
    old = SC_OLD_SYMBOL_RE.search(text)
    if old:
        tb.draft = old["sym"]
    if tb.body is None:
        for body in BODIES:
            if re.search(rf"(?m)^\s*{body}\b", text):
                tb.body = body
                break
    if tb.year is None and tb.adopted:
        tb.year = int(tb.adopted[:4])
    # the title ends where the fields after it begin (a title block read out of order)
    if tb.title:
        tb.title = _clean_title(tb.title)
    return tb


def _clean_title(title: str) -> str | None:
    for stop in (" Resolution adopted by", " [on the", " [without", " Distr.", " Agenda item"):
        i = title.find(stop)
        if i > 0:
            title = title[:i]
    title = title.strip()
    return title or None


def read_origin(text: str) -> Origin:
    """The origin line, brackets removed: committee, report symbol, paragraph."""
    committee = report = para = None
    docs: list[str] = []
    m = COMMITTEE_RE.match(text)
    if m:
        committee = m["committee"]
        inner = m["docs"]
        docs = DOC_RE.findall(inner)
        p = PARA_RE.search(inner)
        if p:
            para = p["para"]
    else:
        w = WITHOUT_RE.match(text)
        if w and w["docs"]:
            docs = DOC_RE.findall(w["docs"])
    if docs:
        report = docs[0]
    return Origin(text=text, committee=committee, report=report, paragraph=para,
                  documents=tuple(docs))


__all__ = ["BODIES", "ITU_CONFERENCES", "TitleBlock", "conference_symbol", "header_text", "iso_date",
           "read_origin", "read_title_block"]
