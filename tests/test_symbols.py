"""DocSymbol: parsing, canonical form, URL, slug, kind, body, order, refusals."""

from __future__ import annotations

import enum
import re

import pytest

from generator.symbols import BODIES, DocSymbol

GA = "General Assembly"
SC = "Security Council"
HRC = "Human Rights Council"
ECOSOC = "Economic and Social Council"

# (as written, body of the citing text, canonical form, kind, organ of the symbol)
PARSE = [
    # full symbols, all seen in the shared corpus or named in the brief
    ("A/RES/78/167", None, "A/RES/78/167", "resolution", GA),
    ("A/RES/57/270 B", None, "A/RES/57/270 B", "resolution", GA),
    ("S/RES/687 (1991)", None, "S/RES/687 (1991)", "resolution", SC),
    ("S/RES/2334 (2016)", None, "S/RES/2334 (2016)", "resolution", SC),
    ("A/78/465/Add.2", None, "A/78/465/Add.2", "document", GA),
    ("A/78/290", None, "A/78/290", "document", GA),
    ("TD/541/Add.2", None, "TD/541/Add.2", "document", None),
    ("FCCC/CP/2015/10/Add.1", None, "FCCC/CP/2015/10/Add.1", "document", None),
    ("E/CN.6/2023/L.3", None, "E/CN.6/2023/L.3", "document", ECOSOC),
    ("A/C.3/78/L.60/Rev.1", None, "A/C.3/78/L.60/Rev.1", "document", GA),
    ("GC(69)/RES/7", None, "GC(69)/RES/7", "resolution", None),
    ("GC(69)/RES/9 A.2", None, "GC(69)/RES/9 A.2", "resolution", None),
    ("GC(69)/DEC/10", None, "GC(69)/DEC/10", "decision", None),
    ("GC(69)/RES/DEC(2025)", None, "GC(69)/RES/DEC(2025)", "document", None),
    ("A/HRC/17/31", None, "A/HRC/17/31", "document", HRC),
    ("CEDAW/C/GC/38", None, "CEDAW/C/GC/38", "document", None),
    ("A/CONF.229/2017/8", None, "A/CONF.229/2017/8", "document", GA),
    ("A/CONF.202/3", None, "A/CONF.202/3", "document", GA),
    ("NPT/CONF.2010/50 (Vol. I)", None, "NPT/CONF.2010/50 (Vol. I)", "document", None),
    ("A/73/12 (Part I)", None, "A/73/12 (Part I)", "document", GA),
    ("S/2002/914", None, "S/2002/914", "document", SC),
    ("S/25704", None, "S/25704", "document", SC),
    ("S/PRST/2013/2", None, "S/PRST/2013/2", "document", SC),
    ("A/80/L.2/Rev.1", None, "A/80/L.2/Rev.1", "document", GA),
    ("A/73/L.8/Add.1", None, "A/73/L.8/Add.1", "document", GA),
    ("A/66/89/Corr.1", None, "A/66/89/Corr.1", "document", GA),
    ("A/71/53/Add.1/Corr.1", None, "A/71/53/Add.1/Corr.1", "document", GA),
    ("A/51/182/Rev.1", None, "A/51/182/Rev.1", "document", GA),
    ("CBD/COP/15/17", None, "CBD/COP/15/17", "document", None),
    ("WHA69/2016/REC/1", None, "WHA69/2016/REC/1", "document", None),
    ("A/RES/ES-10/23", None, "A/RES/ES-10/23", "resolution", GA),
    ("A/RES/S-8/1", None, "A/RES/S-8/1", "resolution", GA),
    ("E/RES/2023/3", None, "E/RES/2023/3", "resolution", ECOSOC),
    ("A/HRC/RES/33/11", None, "A/HRC/RES/33/11", "resolution", HRC),
    ("A/RES/2200 A (XXI)", None, "A/RES/2200 A (XXI)", "resolution", GA),
    ("ICC-ASP/17/Res.5", None, "ICC-ASP/17/Res.5", "document", None),
    ("A/RES/57/270/Corr.1", None, "A/RES/57/270/Corr.1", "document", GA),
    # full symbols written loosely: spacing and the UN's capitalisation restored
    ("S/RES/687(1991)", None, "S/RES/687 (1991)", "resolution", SC),
    ("A/RES/57/270   B", None, "A/RES/57/270 B", "resolution", GA),
    ("A/RES/2200(XXI)", None, "A/RES/2200 (XXI)", "resolution", GA),
    ("A/78/465/ADD.2", None, "A/78/465/Add.2", "document", GA),
    ("A/C.3/78/l.60/rev.1", None, "A/C.3/78/L.60/Rev.1", "document", GA),
    ("A/Res/78/167", None, "A/RES/78/167", "resolution", GA),
    ("A/73/12\n    (part I)", None, "A/73/12 (Part I)", "document", GA),
    ("NPT/CONF.2010/50 (vol. I)", None, "NPT/CONF.2010/50 (Vol. I)", "document", None),
    ("  A/78/290\n", None, "A/78/290", "document", GA),
    # short resolution numbers, completed by form and organ
    ("73/291", None, "A/RES/73/291", "resolution", GA),
    ("73/291", GA, "A/RES/73/291", "resolution", GA),
    ("73/291", SC, "A/RES/73/291", "resolution", GA),
    ("57/270 B", None, "A/RES/57/270 B", "resolution", GA),
    ("31/6 A", None, "A/RES/31/6 A", "resolution", GA),
    ("ES-10/23", None, "A/RES/ES-10/23", "resolution", GA),
    ("S-8/1", None, "A/RES/S-8/1", "resolution", GA),
    ("S-10/2", None, "A/RES/S-10/2", "resolution", GA),
    ("S-24/2", SC, "A/RES/S-24/2", "resolution", GA),
    ("2200 A (XXI)", None, "A/RES/2200 A (XXI)", "resolution", GA),
    ("2200A (XXI)", None, "A/RES/2200 A (XXI)", "resolution", GA),
    ("217 A (III)", None, "A/RES/217 A (III)", "resolution", GA),
    ("1 (I)", None, "A/RES/1 (I)", "resolution", GA),
    ("169 (II)", None, "A/RES/169 (II)", "resolution", GA),
    ("1514 (XV)", SC, "A/RES/1514 (XV)", "resolution", GA),
    ("2262 (XXII)", SC, "A/RES/2262 (XXII)", "resolution", GA),
    ("1653 (XVI)", None, "A/RES/1653 (XVI)", "resolution", GA),
    ("2453 A (XXIII)", None, "A/RES/2453 A (XXIII)", "resolution", GA),
    ("3362 (S-VII)", None, "A/RES/3362 (S-VII)", "resolution", GA),
    ("827 (1993)", None, "S/RES/827 (1993)", "resolution", SC),
    ("827 (1993)", SC, "S/RES/827 (1993)", "resolution", SC),
    ("242 (1967)", GA, "S/RES/242 (1967)", "resolution", SC),
    ("217\n(1965)", SC, "S/RES/217 (1965)", "resolution", SC),
    ("33/11", HRC, "A/HRC/RES/33/11", "resolution", HRC),
    ("5/1", HRC, "A/HRC/RES/5/1", "resolution", HRC),
    ("S-30/1", HRC, "A/HRC/RES/S-30/1", "resolution", HRC),
    ("ES-10/23", HRC, "A/RES/ES-10/23", "resolution", GA),
    ("2023/3", ECOSOC, "E/RES/2023/3", "resolution", ECOSOC),
    ("1980/67", GA, "E/RES/1980/67", "resolution", ECOSOC),
    ("1296 (XLIV)", ECOSOC, "E/RES/1296 (XLIV)", "resolution", ECOSOC),
    ("1296 (XLIV)", GA, "E/RES/1296 (XLIV)", "resolution", ECOSOC),  # past XXX: not the GA
    ("624 (XXII)", ECOSOC, "E/RES/624 (XXII)", "resolution", ECOSOC),
]


@pytest.mark.parametrize(("written", "body", "canonical", "kind", "organ"), PARSE)
def test_parse(
    written: str, body: str | None, canonical: str, kind: str, organ: str | None
) -> None:
    symbol = DocSymbol.parse(written, body=body)
    assert str(symbol) == canonical
    assert symbol.kind == kind
    assert symbol.body == organ


@pytest.mark.parametrize("canonical", sorted({row[2] for row in PARSE}))
def test_round_trip(canonical: str) -> None:
    symbol = DocSymbol.parse(canonical)
    assert str(symbol) == canonical
    assert DocSymbol.parse(str(symbol)) == symbol
    assert hash(DocSymbol.parse(str(symbol))) == hash(symbol)


def test_fields() -> None:
    assert DocSymbol.parse("2200 A (XXI)") == DocSymbol("A/RES/2200", part="A", session="XXI")
    assert DocSymbol.parse("S/RES/827 (1993)") == DocSymbol("S/RES/827", year=1993)
    assert DocSymbol.parse("A/73/12 (Part I)") == DocSymbol("A/73/12", qualifier="Part I")
    assert DocSymbol.parse("GC(69)/RES/9 A.2") == DocSymbol("GC(69)/RES/9", part="A.2")
    assert repr(DocSymbol.parse("57/270 B")) == "DocSymbol('A/RES/57/270 B')"


URL = [
    ("A/RES/78/167", "https://docs.un.org/en/A/RES/78/167"),
    ("A/RES/57/270 B", "https://docs.un.org/en/A/RES/57/270%20B"),
    ("S/RES/827 (1993)", "https://docs.un.org/en/S/RES/827%20(1993)"),
    ("827 (1993)", "https://docs.un.org/en/S/RES/827%20(1993)"),
    # old GA resolutions are filed without the space and the part letter
    ("A/RES/2200 A (XXI)", "https://docs.un.org/en/A/RES/2200(XXI)"),
    ("A/RES/2200 (XXI)", "https://docs.un.org/en/A/RES/2200(XXI)"),
    ("1 (I)", "https://docs.un.org/en/A/RES/1(I)"),
    ("1296 (XLIV)", "https://docs.un.org/en/E/RES/1296(XLIV)"),  # past XXX: ECOSOC
    ("A/78/465/Add.2", "https://docs.un.org/en/A/78/465/Add.2"),
    ("E/CN.6/2023/L.3", "https://docs.un.org/en/E/CN.6/2023/L.3"),
    ("GC(69)/RES/7", "https://docs.un.org/en/GC(69)/RES/7"),
    ("NPT/CONF.2010/50 (Vol. I)", "https://docs.un.org/en/NPT/CONF.2010/50%20(Vol.%20I)"),
    ("A/RES/ES-10/23", "https://docs.un.org/en/A/RES/ES-10/23"),
    ("A/HRC/RES/33/11", "https://docs.un.org/en/A/HRC/RES/33/11"),
]


@pytest.mark.parametrize(("written", "url"), URL)
def test_url(written: str, url: str) -> None:
    assert DocSymbol.parse(written).url == url


SLUG = [
    ("A/RES/78/167", "A-RES-78-167"),
    ("A/RES/57/270 B", "A-RES-57-270-B"),
    ("S/RES/827 (1993)", "S-RES-827-1993"),
    ("GC(69)/RES/7", "GC69-RES-7"),
    ("A/RES/2200 A (XXI)", "A-RES-2200-A-XXI"),
    ("A/RES/2200 (XXI)", "A-RES-2200-XXI"),
    ("A/78/465/Add.2", "A-78-465-Add.2"),
    ("E/CN.6/2023/L.3", "E-CN.6-2023-L.3"),
    ("A/RES/ES-10/23", "A-RES-ES-10-23"),
    ("NPT/CONF.2010/50 (Vol. I)", "NPT-CONF.2010-50-Vol.-I"),
    ("A/73/12 (Part I)", "A-73-12-Part-I"),
    ("GC(69)/RES/DEC(2025)", "GC69-RES-DEC2025"),
]


@pytest.mark.parametrize(("written", "slug"), SLUG)
def test_slug(written: str, slug: str) -> None:
    assert DocSymbol.parse(written).slug == slug


def test_slugs_are_safe_and_unique() -> None:
    symbols = {DocSymbol.parse(written, body=body) for written, body, *_ in PARSE}
    symbols |= {DocSymbol.parse(written) for written, _ in URL + SLUG}
    slugs = {symbol.slug for symbol in symbols}
    assert len(slugs) == len(symbols)
    assert all(re.fullmatch(r"[A-Za-z0-9.-]+", slug) for slug in slugs)


def test_natural_order() -> None:
    written = [
        "S/RES/1325 (2000)",
        "A/RES/10/1",
        "A/RES/ES-10/1",
        "A/RES/9/1",
        "A/RES/57/270 B",
        "S/RES/242 (1967)",
        "A/RES/57/270",
        "A/RES/2200 A (XXI)",
        "A/RES/217 A (III)",
        "A/RES/57/270 A",
    ]
    ordered = [str(s) for s in sorted(DocSymbol.parse(w) for w in written)]
    assert ordered == [
        "A/RES/9/1",
        "A/RES/10/1",
        "A/RES/57/270",
        "A/RES/57/270 A",
        "A/RES/57/270 B",
        "A/RES/217 A (III)",
        "A/RES/2200 A (XXI)",
        "A/RES/ES-10/1",
        "S/RES/242 (1967)",
        "S/RES/1325 (2000)",
    ]
    nine, ten = DocSymbol.parse("A/RES/9/1"), DocSymbol.parse("A/RES/10/1")
    assert nine < ten and nine <= ten and ten > nine and ten >= nine
    assert nine.sort_key < ten.sort_key


def test_body_may_be_a_str_enum() -> None:
    class Body(str, enum.Enum):
        HRC = "Human Rights Council"

    assert str(DocSymbol.parse("33/11", body=Body.HRC)) == "A/HRC/RES/33/11"
    assert HRC in BODIES


REFUSED = [
    ("", None),
    ("hello", None),
    ("A/", None),
    ("HIV/AIDS", None),  # no number: not a symbol
    ("a/res/78/167", None),  # lower-case root: not guessed
    ("5/2002/1005", SC),  # OCR damage for S/2002/1005: not invented
    ("S/26G26", SC),  # OCR damage: a number glued to a letter
    ("1/CP.21", None),  # a decision of the Conference of the Parties
    ("69.2", None),  # World Health Assembly numbering
    ("2/10", GA),  # a page number: GA session/number begins at the 31st session
    ("24/7", None),
    ("1977/5", ECOSOC),  # ECOSOC numbers by year from 1978
    ("1296 A (XLIV)", ECOSOC),  # ECOSOC resolutions have no parts
    ("A/78/290 B", None),  # a part letter on a document
    ("S/RES/827 B (1993)", None),  # Security Council resolutions have no parts
    ("A/RES/70/1 (2015)", None),  # a year on a GA resolution
    ("S/RES/827 (XXI)", None),  # a roman session on a Security Council resolution
    ("A/RES/70/1 (Vol. I)", None),  # a volume of a resolution
    ("A/RES/57/270 B C", None),
    ("A/67/828-S/2013/210", None),  # two symbols
    ("73/291", "Trusteeship Council"),  # unknown organ
]


@pytest.mark.parametrize(("written", "body"), REFUSED)
def test_refused(written: str, body: str | None) -> None:
    with pytest.raises(ValueError):
        DocSymbol.parse(written, body=body)


def test_short_numbers_below_the_31st_session_are_hrc_only() -> None:
    with pytest.raises(ValueError, match="31st session"):
        DocSymbol.parse("2/10")
    assert str(DocSymbol.parse("2/10", body=HRC)) == "A/HRC/RES/2/10"
