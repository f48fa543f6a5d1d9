"""find_citations: sentences -> (as written, canonical symbol), and the whole shared corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.citations import Found, find_citations
from generator.symbols import DocSymbol

GA = "General Assembly"
SC = "Security Council"
HRC = "Human Rights Council"
ECOSOC = "Economic and Social Council"

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# (id, text, body of the text, [(as written, canonical symbol), ...])
CASES: list[tuple[str, str, str | None, list[tuple[str, str]]]] = [
    # --- from the seed, A/RES/78/167 (links removed, as its reader hands them over)
    (
        "seed-origin",
        "[on the report of the Second Committee (A/78/465/Add.2, para. 7)]",
        GA,
        [("A/78/465/Add.2", "A/78/465/Add.2")],
    ),
    (
        "seed-list",
        (
            "Recalling its resolutions 57/270 B of 23 June 2003, 60/212 of 22 December 2005, "
            "62/209 of 19 December 2007, 76/221 of 17 December 2021 and 77/185 of 14 December 2022,"
        ),
        GA,
        [
            ("57/270 B", "A/RES/57/270 B"),
            ("60/212", "A/RES/60/212"),
            ("62/209", "A/RES/62/209"),
            ("76/221", "A/RES/76/221"),
            ("77/185", "A/RES/77/185"),
        ],
    ),
    (
        "seed-ga-named",
        "in accordance with General Assembly resolution 57/263 of 20 December 2002, and to",
        GA,
        [("57/263", "A/RES/57/263")],
    ),
    (
        "seed-footnote-fccc",
        (
            "² Adopted under the United Nations Framework Convention on Climate Change in "
            "FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."
        ),
        GA,
        [("FCCC/CP/2015/10/Add.1", "FCCC/CP/2015/10/Add.1")],
    ),
    ("seed-footnote-td", "⁴ TD/541/Add.2.", GA, [("TD/541/Add.2", "TD/541/Add.2")]),
    ("seed-footnote-report", "⁶ A/78/290.", GA, [("A/78/290", "A/78/290")]),
    ("seed-footnote-res", "⁵ Resolution 73/291, annex.", GA, [("73/291", "A/RES/73/291")]),
    ("seed-treaty-series", "³ United Nations, Treaty Series, vol. 1771, No. 30822.", GA, []),
    (
        "seed-sales-number",
        "(United Nations publication, Sales No. E.78.II.A.11 and corrigendum), chap. I.",
        GA,
        [],
    ),
    (
        "seed-decisions",
        (
            "recalls its decisions 21/1 and 21/2 adopted during its twenty-first session, held from "
            "30 May to 2 June 2023,"
        ),
        GA,
        [],
    ),
    ("seed-own-title", "78/167. South-South cooperation", GA, []),
    # --- ga80-md
    (
        "80/10-ecosoc",
        (
            "Reaffirming also its resolutions 53/199 of 15 December 1998 and 61/185 of 20 December "
            "2006 on the proclamation of international years, and Economic and Social Council "
            "resolution 1980/67 of 25 July 1980 on international years"
        ),
        GA,
        [("53/199", "A/RES/53/199"), ("61/185", "A/RES/61/185"), ("1980/67", "E/RES/1980/67")],
    ),
    (
        "80/10-old-ga",
        "[^1]: See resolution 2200 A (XXI), annex.",
        GA,
        [("2200 A (XXI)", "A/RES/2200 A (XXI)")],
    ),
    ("80/10-udhr", "[^6]: Resolution 217 A (III).", GA, [("217 A (III)", "A/RES/217 A (III)")]),
    (
        "80/10-conference-resolution",
        (
            "Beijing, 4–15 September 1995 (United Nations publication, Sales No. E.96.IV.13), chap. I, "
            "resolution 1, annexes I and II."
        ),
        GA,
        [],
    ),
    (
        "80/10-corr",
        "[^9]: See A/CONF.189/12 and A/CONF.189/12/Corr.1, chap. I.",
        GA,
        [("A/CONF.189/12", "A/CONF.189/12"), ("A/CONF.189/12/Corr.1", "A/CONF.189/12/Corr.1")],
    ),
    (
        "80/10-cedaw-recommendation",
        "general recommendation No. 39 (2022) on the rights of Indigenous women and girls",
        GA,
        [],
    ),
    ("80/10-cedaw", "[^12]: CEDAW/C/GC/39.", GA, [("CEDAW/C/GC/39", "CEDAW/C/GC/39")]),
    (
        "80/12-parts",
        (
            "Recalling also its resolution 35/142 B of 12 December 1980, which introduced the United "
            "Nations system, its resolutions 48/62 of 16 December 1993 and 52/32 of 9 December 1997, "
            "in which the General Assembly called upon all Member States, and its resolution 47/54 B "
            "of 9 December 1992,"
        ),
        GA,
        [
            ("35/142 B", "A/RES/35/142 B"),
            ("48/62", "A/RES/48/62"),
            ("52/32", "A/RES/52/32"),
            ("47/54 B", "A/RES/47/54 B"),
        ],
    ),
    (
        "80/12-corrigenda",
        "[^2]: A/66/89, A/66/89/Corr.1, A/66/89/Corr.2 and A/66/89/Corr.3.",
        GA,
        [
            ("A/66/89", "A/66/89"),
            ("A/66/89/Corr.1", "A/66/89/Corr.1"),
            ("A/66/89/Corr.2", "A/66/89/Corr.2"),
            ("A/66/89/Corr.3", "A/66/89/Corr.3"),
        ],
    ),
    ("80/12-url", "[^3]: See https://milex-reporting.unoda.org/en/states.", GA, []),
    (
        "80/12-url-with-symbol",
        "See https://undocs.org/A/RES/70/1 and https://docs.un.org/en/S/RES/827(1993).",
        GA,
        [],
    ),
    (
        "80/2-part-c",
        "in the deadline specified in resolution 54/237 C so as to enable",
        GA,
        [("54/237 C", "A/RES/54/237 C")],
    ),
    ("80/2-supplement", "Supplement No. 11 (A/80/11).", GA, [("A/80/11", "A/80/11")]),
    (
        "80/3-cbd",
        "[^11]: United Nations Environment Programme, document CBD/COP/15/17, decision 15/4, annex.",
        GA,
        [("CBD/COP/15/17", "CBD/COP/15/17")],
    ),
    (
        "80/3-two-triggers",
        "[^1]: Resolution 79/233, annex; see also resolution 79/279.",
        GA,
        [("79/233", "A/RES/79/233"), ("79/279", "A/RES/79/279")],
    ),
    (
        "80/41-security-council-list",
        (
            "Recalling Security Council resolutions 2325 (2016) of 15 December 2016 and 2663 (2022) of "
            "30 November 2022 on the non-proliferation of weapons of mass destruction,"
        ),
        GA,
        [("2325 (2016)", "S/RES/2325 (2016)"), ("2663 (2022)", "S/RES/2663 (2022)")],
    ),
    (
        "80/41-footnote-marker",
        "submitted pursuant to paragraph 5 of resolution 79/42,7",
        GA,
        [("79/42", "A/RES/79/42")],
    ),
    (
        "80/5-special-session",
        "[^3]: Resolution S-24/2, annex.",
        GA,
        [("S-24/2", "A/RES/S-24/2")],
    ),
    (
        "80/51-first-resolution",
        (
            "which is reflected in the first resolution, resolution 1 (I), adopted by the General "
            "Assembly on 24 January 1946,"
        ),
        GA,
        [("1 (I)", "A/RES/1 (I)")],
    ),
    ("80/51-part-m", "[^4]: See resolution 50/70 M.", GA, [("50/70 M", "A/RES/50/70 M")]),
    (
        "80/53-paragraphs",
        "[^1]: Resolution S-10/2, paras. 30, 31, 50, 91 and 92.",
        GA,
        [("S-10/2", "A/RES/S-10/2")],
    ),
    (
        "80/53-volume",
        "Weapons, Final Document, vol. I (NPT/CONF.2010/50 (Vol. I)), part I, Conclusions and",
        GA,
        [("NPT/CONF.2010/50 (Vol. I)", "NPT/CONF.2010/50 (Vol. I)")],
    ),
    (
        "80/7-iaea",
        (
            "2. Takes note of resolutions GC(69)/RES/7, entitled “Nuclear and radiation safety”; "
            "comprising GC(69)/RES/9 A.2, entitled “Support”, and GC(69)/RES/9 B, entitled “Nuclear "
            "power applications”; GC(69)/RES/16 A, entitled “Staffing”; and decisions GC(69)/DEC/10, "
            "entitled “Amendment to Article XIV.A of the Statute”"
        ),
        GA,
        [
            ("GC(69)/RES/7", "GC(69)/RES/7"),
            ("GC(69)/RES/9 A.2", "GC(69)/RES/9 A.2"),
            ("GC(69)/RES/9 B", "GC(69)/RES/9 B"),
            ("GC(69)/RES/16 A", "GC(69)/RES/16 A"),
            ("GC(69)/DEC/10", "GC(69)/DEC/10"),
        ],
    ),
    (
        "80/7-iaea-compilation",
        "Resolutions Adopted and Other Relevant Decisions (GC(69)/RES/DEC(2025)) for the full",
        GA,
        [("GC(69)/RES/DEC(2025)", "GC(69)/RES/DEC(2025)")],
    ),
    (
        "80/7-old-ga",
        "in the annex to its resolution 1145 (XII) of 14 November 1957,",
        GA,
        [("1145 (XII)", "A/RES/1145 (XII)")],
    ),
    (
        "80/9-parts-of-a-report",
        "Supplement No. 12 (A/73/12\n    (Part I) and A/73/12 (Part II)), part II.",
        GA,
        [("A/73/12\n    (Part I)", "A/73/12 (Part I)"), ("A/73/12 (Part II)", "A/73/12 (Part II)")],
    ),
    # --- ga73-pdf (pdftotext, hard line breaks kept)
    (
        "73/3-health-assemblies",
        (
            "resolution 68/300 of 10 July 2014, and its resolution 72/139 of 12 December 2017, in\n"
            "coverage in 2019, and take note of World Health Assembly resolution 69.2 of 28 May\n"
            "Children’s and Adolescents’ Health”, 3 and Human Rights Council resolution 33/11 of"
        ),
        GA,
        [("68/300", "A/RES/68/300"), ("72/139", "A/RES/72/139"), ("33/11", "A/HRC/RES/33/11")],
    ),
    (
        "73/3-who-document",
        "See World Health Organization, document WHA69/2016/REC/1.",
        GA,
        [("WHA69/2016/REC/1", "WHA69/2016/REC/1")],
    ),
    (
        "73/3-add-and-corr",
        "(A/71/53/Add.1 and A/71/53/Add.1/Corr.1), chap. II.",
        GA,
        [("A/71/53/Add.1", "A/71/53/Add.1"), ("A/71/53/Add.1/Corr.1", "A/71/53/Add.1/Corr.1")],
    ),
    (
        "73/6-old-and-new",
        (
            "Recalling its resolutions 2453 A (XXIII) of 20 December 1968, 37/90 of\n"
            "10 December 1982, 54/68 of 6 December 1999, 59/2 of 20 October 2004 and 72/79"
        ),
        GA,
        [
            ("2453 A (XXIII)", "A/RES/2453 A (XXIII)"),
            ("37/90", "A/RES/37/90"),
            ("54/68", "A/RES/54/68"),
            ("59/2", "A/RES/59/2"),
            ("72/79", "A/RES/72/79"),
        ],
    ),
    (
        "73/7-year-range",
        "Welcomes the report of the International Criminal Court for 2017/18; 4",
        GA,
        [],
    ),
    (
        "73/7-page-number",
        "Agreement and resolution 58/318;\n2/5\n",
        GA,
        [("58/318", "A/RES/58/318")],
    ),
    (
        "73/7-joint-symbol",
        "A/67/828 S/2013/210, annex. A/67/828-S/2013/210",
        GA,
        [
            ("A/67/828", "A/67/828"),
            ("S/2013/210", "S/2013/210"),
            ("A/67/828", "A/67/828"),
            ("S/2013/210", "S/2013/210"),
        ],
    ),
    (
        "73/7-prst",
        (
            "S/PRST/2013/2; see Resolutions and Decisions of the Security Council, 1 August 2012–31 "
            "July\n2013 (S/INF/68)."
        ),
        GA,
        [("S/PRST/2013/2", "S/PRST/2013/2"), ("S/INF/68", "S/INF/68")],
    ),
    # --- sc-gold (OCR of Security Council resolutions)
    (
        "253-list-over-lines",
        (
            "Recalling and reaffirming its resolutions 216 (1965)\nof 12 November 1965, 217 (1965) of "
            "20 November\n1965, 221 (1966) of 9 April 1966, and 232 (1966) of"
        ),
        SC,
        [
            ("216 (1965)", "S/RES/216 (1965)"),
            ("217 (1965)", "S/RES/217 (1965)"),
            ("221 (1966)", "S/RES/221 (1966)"),
            ("232 (1966)", "S/RES/232 (1966)"),
        ],
    ),
    (
        "253-split-number",
        (
            "the measures provided for in resolutions 217\n(1965) of 20 November 1965 and 232 (1966) "
            "of 16\nDecember 1966"
        ),
        SC,
        [("217\n(1965)", "S/RES/217 (1965)"), ("232 (1966)", "S/RES/232 (1966)")],
    ),
    (
        "253-ga-in-sc",
        (
            "Taking note of resolution 2262 (XXII) adopted by the General Assembly; in conformity "
            "with the objectives of General Assembly resolution\n1514 (XV);"
        ),
        SC,
        [("2262 (XXII)", "A/RES/2262 (XXII)"), ("1514 (XV)", "A/RES/1514 (XV)")],
    ),
    (
        "253-paragraph",
        "in addition to the provisions of operative paragraph 6 of resolution 217 (1965) ;",
        SC,
        [("217 (1965)", "S/RES/217 (1965)")],
    ),
    (
        "598-its-resolution",
        "Reaffirming its resolution 582 (1986),",
        SC,
        [("582 (1986)", "S/RES/582 (1986)")],
    ),
    (
        "678-long-list",
        (
            "Recalling and reaffirming its resolutions 660 (1990) of\n2 August 1990, 661 (1990) of 6 "
            "August 1990, 664 (1990) of 18 August 1990, 665\n(1990) of 25 August 1990 and 677 (1990) "
            "of 28 November"
        ),
        SC,
        [
            ("660 (1990)", "S/RES/660 (1990)"),
            ("661 (1990)", "S/RES/661 (1990)"),
            ("664 (1990)", "S/RES/664 (1990)"),
            ("665\n(1990)", "S/RES/665 (1990)"),
            ("677 (1990)", "S/RES/677 (1990)"),
        ],
    ),
    (
        "678-and-all-subsequent",
        (
            "Demands that Iraq comply fully with resolution 660\n(1990) and all subsequent relevant "
            "resolutions, and decides"
        ),
        SC,
        [("660\n(1990)", "S/RES/660 (1990)")],
    ),
    (
        "757-council-named",
        (
            "the Security\nCouncil resolution 752 (1992), and established by resolutions 713 (1991) "
            "and 727 (1992):"
        ),
        SC,
        [
            ("752 (1992)", "S/RES/752 (1992)"),
            ("713 (1991)", "S/RES/713 (1991)"),
            ("727 (1992)", "S/RES/727 (1992)"),
        ],
    ),
    (
        "827-report-and-addendum",
        (
            "Having considered the report of the Secretary-General (S/25704 and Add.1)\npursuant to "
            "paragraph 2 of resolution 808 (1993),"
        ),
        SC,
        [
            ("S/25704", "S/25704"),
            ("Add.1", "S/25704/Add.1"),
            ("808 (1993)", "S/RES/808 (1993)"),
        ],
    ),
    (
        "902-footnotes",
        "submitted pursuant to resolution 889 (1993) of\n1/ S/1994/262.\n2/ S/26G26.\n94-12513 (E)",
        SC,
        [("889 (1993)", "S/RES/889 (1993)"), ("S/1994/262", "S/1994/262")],
    ),
    (
        "1445-ocr-error",
        (
            "Having considered the report of the Secretary-General of 18 October 2002\n(5/2002/1005) "
            "and its recommendations,"
        ),
        SC,
        [],
    ),
    (
        "1445-header-and-1325",
        (
            "United Nations S/RES/1445 (2002) operations, in accordance with Security Council "
            "resolution 1325 (2000), and the Pretoria Agreement on 30 July 2002 (S/2002/914), as well"
        ),
        SC,
        [
            ("S/RES/1445 (2002)", "S/RES/1445 (2002)"),
            ("1325 (2000)", "S/RES/1325 (2000)"),
            ("S/2002/914", "S/2002/914"),
        ],
    ),
    (
        "83-old-heading",
        "83 (1950). Resolution of 27 June 1950\n[S/1511]\n474th meeting, p. 2 (document S/1507).",
        SC,
        [("S/1511", "S/1511"), ("S/1507", "S/1507")],
    ),
    # --- the brief's own cases
    (
        "parts-a-and-b",
        "Recalling its resolution 31/6 A and B of 9 November 1976,",
        GA,
        [("31/6 A", "A/RES/31/6 A"), ("B", "A/RES/31/6 B")],
    ),
    (
        "parts-a-b-and-c",
        "resolutions 57/270 A, B and C",
        GA,
        [("57/270 A", "A/RES/57/270 A"), ("B", "A/RES/57/270 B"), ("C", "A/RES/57/270 C")],
    ),
    (
        "full-parts",
        "A/RES/31/6 A and B",
        None,
        [("A/RES/31/6 A", "A/RES/31/6 A"), ("B", "A/RES/31/6 B")],
    ),
    ("article-a", "in its resolution 70/1 A new agenda", GA, [("70/1", "A/RES/70/1")]),
    (
        "paragraph-of-resolution",
        "Article 29 and paragraph 13 of resolution 889 (1993)",
        SC,
        [("889 (1993)", "S/RES/889 (1993)")],
    ),
    (
        "sc-in-ga",
        "resolution 242 (1967) of 22 November 1967",
        GA,
        [("242 (1967)", "S/RES/242 (1967)")],
    ),
    (
        "sc-named-in-ga",
        "Security Council resolution 1325 (2000)",
        GA,
        [("1325 (2000)", "S/RES/1325 (2000)")],
    ),
    (
        "ga-named-in-sc",
        "General Assembly resolution 1514 (XV)",
        SC,
        [("1514 (XV)", "A/RES/1514 (XV)")],
    ),
    (
        "hrc-text",
        "Recalling its resolution 5/1 and resolution S-30/1,",
        HRC,
        [
            ("5/1", "A/HRC/RES/5/1"),
            ("S-30/1", "A/HRC/RES/S-30/1"),
        ],
    ),
    ("hrc-text-ga-named", "General Assembly resolution 60/251", HRC, [("60/251", "A/RES/60/251")]),
    ("ecosoc-text", "Recalling its resolution 2023/3,", ECOSOC, [("2023/3", "E/RES/2023/3")]),
    (
        "ecosoc-named",
        "Economic and Social Council resolution 2023/3",
        GA,
        [("2023/3", "E/RES/2023/3")],
    ),
    (
        "emergency-session",
        "resolutions ES-10/23 and S-8/1",
        GA,
        [
            ("ES-10/23", "A/RES/ES-10/23"),
            ("S-8/1", "A/RES/S-8/1"),
        ],
    ),
    (
        "bare-council-in-ga",
        "Council resolution 752 (1992); Council resolution 33/11",
        GA,
        [("752 (1992)", "S/RES/752 (1992)")],
    ),
    ("commission", "Commission on Human Rights resolution 2005/69", GA, []),
    ("conference", "the Conference resolution 1 (I)", GA, []),
    ("decision-cop", "decision 1/CP.21, annex", None, []),
    ("no-number", "HIV/AIDS, TB/HIV, and/or the Stop TB Partnership/Global Drug Facility", GA, []),
    ("numbers", "24/7 services, 45 per cent, para. 7, 19 December 2023, 2/10, 3/5", GA, []),
    ("ga-short-below-31", "resolution 2/10", GA, []),
    ("uppercase-heading", "RESOLUTION 827 (1993)", SC, [("827 (1993)", "S/RES/827 (1993)")]),
    (
        "no-space",
        "S/RES/2334(2016) and A/RES/2200(XXI)",
        None,
        [
            ("S/RES/2334(2016)", "S/RES/2334 (2016)"),
            ("A/RES/2200(XXI)", "A/RES/2200 (XXI)"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "body", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_sentence(text: str, body: str | None, expected: list[tuple[str, str]]) -> None:
    found = find_citations(text, body=body)
    assert [(f.as_written, str(f.symbol)) for f in found] == expected
    for f in found:
        assert text[f.start : f.end] == f.as_written


# --- marked ranges ([73/291](#) in the seed)

MARKED = [
    # inside the mark a bare number is a citation whatever precedes it
    ("Recalling [73/291](#) and 73/292", GA, [("73/291", "A/RES/73/291")]),
    ("its [57/270 B](#) of 23 June 2003", GA, [("57/270 B", "A/RES/57/270 B")]),
    ("[827 (1993)](#)", SC, [("827 (1993)", "S/RES/827 (1993)")]),
    ("[33/11](#)", HRC, [("33/11", "A/HRC/RES/33/11")]),
    ("[A/78/465/Add.2](#)", GA, [("A/78/465/Add.2", "A/78/465/Add.2")]),
    # a mark does not make a GA resolution of the 21st session out of a decision number
    ("[decision 21/1](#)", GA, []),
]


def _links(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in re.finditer(r"\[([^\[\]]+)\]\(#\)", text)]


@pytest.mark.parametrize(("text", "body", "expected"), MARKED)
def test_marked(text: str, body: str, expected: list[tuple[str, str]]) -> None:
    found = find_citations(text, body=body, marked=_links(text))
    assert [(f.as_written, str(f.symbol)) for f in found] == expected


def test_marked_range_only_relaxes_inside() -> None:
    text = "Recalling 73/291 and 64/222"
    marked = [(text.index("73/291"), text.index("73/291") + 6)]
    assert [str(f.symbol) for f in find_citations(text, body=GA, marked=marked)] == ["A/RES/73/291"]
    assert find_citations(text, body=GA) == []


SEED_CITED = [
    "A/78/465/Add.2",
    "A/RES/73/291",
    "A/RES/64/222",
    "A/RES/33/134",
    "A/RES/57/270 B",
    "A/RES/60/212",
    "A/RES/62/209",
    "A/RES/63/233",
    "A/RES/64/1",
    "A/RES/66/219",
    "A/RES/67/227",
    "A/RES/68/230",
    "A/RES/69/239",
    "A/RES/70/222",
    "A/RES/71/244",
    "A/RES/72/237",
    "A/RES/73/249",
    "A/RES/74/239",
    "A/RES/75/234",
    "A/RES/76/221",
    "A/RES/77/185",
    "A/RES/70/1",
    "A/RES/69/313",
    "A/RES/73/291",
    "FCCC/CP/2015/10/Add.1",
    "TD/541/Add.2",
    "A/RES/73/291",
    "A/78/290",
    "A/RES/70/1",
    "A/RES/57/263",
]


def _corpus(relative: str) -> str:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return path.read_text(encoding="utf-8")


def test_seed_with_its_marks() -> None:
    """The seed as written: every `[x](#)` link a mark; both the marks and the text find all."""
    text = _corpus("seed/A-RES-78-167.txt")
    marked = _links(text)
    found = find_citations(text, body=GA, marked=marked)
    assert [str(f.symbol) for f in found] == SEED_CITED
    # every marked span is found exactly as marked
    assert {(f.start, f.end) for f in found} >= set(marked)
    unlinked = re.sub(r"\[([^\[\]]+)\]\(#\)", r"\1", text)
    assert [str(f.symbol) for f in find_citations(unlinked, body=GA)] == SEED_CITED


def test_unknown_body() -> None:
    with pytest.raises(ValueError):
        find_citations("resolution 73/291", body="Trusteeship Council")


# --- the whole shared corpus

CORPUS_FILES = [
    "seed/A-RES-78-167.txt",
    *(f"ga80-md/A_RES_80_{n}.md" for n in (1, 2, 3, 5, 7, 9, 10, 12, 41, 51, 53)),
    *(f"ga80-pdftext/A_RES_80_{n}.txt" for n in (1, 3, 5, 7)),
    *(f"ga73-pdf/A_RES_73_{n}-EN{kind}.txt" for n in (3, 6, 7) for kind in ("", ".layout")),
    *(
        f"sc-gold/S_RES_{name}_EN_GOLD.txt"
        for name in (
            "0001_1946", "0083_1950", "0242_1967", "0253_1968", "0598_1987", "0660_1990",
            "0678_1990", "0757_1992", "0827_1993", "0902_1994", "1445_2002",
        )
    ),
]  # fmt: skip


def _body(relative: str) -> str:
    return SC if relative.startswith("sc-gold/") else GA


def _check_invariants(text: str, found: list[Found]) -> None:
    previous_end = 0
    for f in found:
        assert text[f.start : f.end] == f.as_written
        assert f.start >= previous_end, "in text order, not overlapping"
        previous_end = f.end
        assert DocSymbol.parse(str(f.symbol)) == f.symbol
        assert re.fullmatch(r"[A-Za-z0-9.-]+", f.symbol.slug)
        assert f.symbol.url.startswith("https://docs.un.org/en/")


_FOOTNOTE_LINE = re.compile(
    r"^\s*(?:\[\^\d+\]:|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\d{1,2}/?\s|See\b|Resolution\b)"
)


@pytest.mark.parametrize("relative", CORPUS_FILES)
def test_corpus_file(relative: str) -> None:
    """Whole file and every footnote-ish line alone: no exception, the invariants hold, and a
    line read alone finds nothing the whole text does not find at the same place (context,
    such as a trigger word on the line before, can only add citations)."""
    text = _corpus(relative)
    body = _body(relative)
    whole = find_citations(text, body=body, marked=_links(text))
    _check_invariants(text, whole)
    starts = {f.start for f in whole}
    offset = lines = 0
    for line in text.splitlines(keepends=True):
        if _FOOTNOTE_LINE.match(line):
            lines += 1
            alone = find_citations(line, body=body)
            _check_invariants(line, alone)
            assert {offset + f.start for f in alone} <= starts, line
        offset += len(line)
    assert lines > 0


def _cited(relative: str) -> tuple[set[str], set[str]]:
    text = _corpus(relative)
    found = find_citations(text, body=_body(relative), marked=_links(text))
    return {str(f.symbol) for f in found}, {f.as_written for f in found}


# (file, cited symbols that must be found, as-written strings that must not be found anywhere,
#  symbols that must not be found)
KNOWN = [
    (
        "seed/A-RES-78-167.txt",
        {"A/78/290", "TD/541/Add.2", "FCCC/CP/2015/10/Add.1", "A/RES/57/270 B", "A/RES/57/263"},
        {"21/1", "21/2", "1/CP.21", "78/167", "A/78/290.", "30822", "E.78.II.A.11"},
        {"A/RES/21/1", "A/RES/78/167"},
    ),
    (
        "ga73-pdf/A_RES_73_3-EN.txt",
        {"A/HRC/RES/33/11", "WHA69/2016/REC/1", "A/71/53/Add.1/Corr.1", "A/RES/70/175"},
        {"69.2", "67.1", "71.3", "2/10", "10/10"},
        set(),
    ),
    (
        "ga73-pdf/A_RES_73_7-EN.txt",
        {"A/RES/58/318", "S/PRST/2013/2", "S/INF/68", "A/58/874/Add.1"},
        {"2017/18", "2019/20", "2/5", "5/5"},
        {"E/RES/2017/18"},
    ),
    (
        "ga73-pdf/A_RES_73_6-EN.txt",
        {"A/RES/2453 A (XXIII)", "A/AC.105/1181", "A/RES/51/122"},
        {"1/CP.21", "3/5"},
        set(),
    ),
    (
        "ga80-md/A_RES_80_12.md",
        {"A/66/89/Corr.3", "A/RES/35/142 B", "A/RES/47/54 B", "A/RES/77/33", "A/80/225"},
        {"milex-reporting.unoda.org/en/states"},
        set(),
    ),
    (
        "ga80-md/A_RES_80_10.md",
        {"E/RES/1980/67", "A/RES/2200 A (XXI)", "A/RES/217 A (III)", "CEDAW/C/GC/40"},
        {"E.96.IV.13", "39 (2022)", "40 (2024)"},
        {"S/RES/39 (2022)"},
    ),
    (
        "ga80-md/A_RES_80_51.md",
        {"A/RES/1 (I)", "A/RES/1653 (XVI)", "A/RES/S-10/2", "A/RES/50/70 M", "A/CONF.229/2017/8"},
        set(),
        set(),
    ),
    (
        "ga80-md/A_RES_80_7.md",
        {"GC(69)/RES/9 A.2", "GC(69)/RES/16 B", "GC(69)/DEC/12", "GC(67)/RES/15"},
        set(),
        set(),
    ),
    (
        "ga80-md/A_RES_80_41.md",
        {"S/RES/1540 (2004)", "S/RES/2663 (2022)", "A/RES/79/42"},
        {"79/42,7"},
        set(),
    ),
    (
        "ga80-md/A_RES_80_3.md",
        {"CBD/COP/15/17", "A/CONF.202/3", "A/RES/76/217"},
        {"15/4", "1/CP.21"},
        {"A/RES/15/4"},
    ),
    (
        "ga80-md/A_RES_80_9.md",
        {"A/73/12 (Part I)", "A/73/12 (Part II)", "A/HRC/17/31", "CEDAW/C/GC/38"},
        {"38 (2020)"},
        set(),
    ),
    (
        "ga80-md/A_RES_80_53.md",
        {"NPT/CONF.2010/50 (Vol. I)", "A/45/372/Corr.1", "A/51/182/Rev.1", "A/RES/S-10/2"},
        set(),
        set(),
    ),
    ("ga80-md/A_RES_80_1.md", {"A/RES/169 (II)", "A/80/L.2/Rev.1"}, set(), set()),
    ("ga80-md/A_RES_80_2.md", {"A/RES/54/237 C", "A/80/11"}, set(), {"A/RES/54/237"}),
    (
        "sc-gold/S_RES_1445_2002_EN_GOLD.txt",
        {"S/2002/914", "S/1999/815", "S/RES/1325 (2000)", "S/RES/1379 (2001)"},
        {"5/2002/1005", "2002/1005"},
        {"E/RES/2002/1005"},
    ),
    (
        "sc-gold/S_RES_0902_1994_EN_GOLD.txt",
        {"S/1994/262", "S/RES/889 (1993)", "S/RES/902 (1994)"},
        {"S/26G26", "1/", "2/"},
        set(),
    ),
    (
        "sc-gold/S_RES_0827_1993_EN_GOLD.txt",
        {"S/25704", "S/25704/Add.1", "S/RES/808 (1993)", "S/RES/780 (1992)"},
        set(),
        set(),
    ),
    (
        "sc-gold/S_RES_0253_1968_EN_GOLD.txt",
        {"A/RES/2262 (XXII)", "A/RES/1514 (XV)", "S/RES/216 (1965)", "S/RES/232 (1966)"},
        {"3 (d)"},
        set(),
    ),
    (
        "sc-gold/S_RES_0678_1990_EN_GOLD.txt",
        {"S/RES/665 (1990)", "S/RES/674 (1990)", "S/RES/677 (1990)"},
        {"2 (Cuba and Yemen)"},
        set(),
    ),
    ("sc-gold/S_RES_0083_1950_EN_GOLD.txt", {"S/1511", "S/1507"}, {"83 (1950)"}, set()),
]


@pytest.mark.parametrize(("relative", "present", "absent_written", "absent"), KNOWN)
def test_corpus_known_strings(
    relative: str, present: set[str], absent_written: set[str], absent: set[str]
) -> None:
    symbols, written = _cited(relative)
    assert present <= symbols
    assert not absent & symbols
    assert not {w for w in written if any(a in w for a in absent_written)}


def test_split_citations_keep_their_line_breaks() -> None:
    _, written = _cited("sc-gold/S_RES_0253_1968_EN_GOLD.txt")
    assert "217\n(1965)" in written
    _, written = _cited("sc-gold/S_RES_0678_1990_EN_GOLD.txt")
    assert "665\n(1990)" in written


@pytest.mark.parametrize("number", [1, 3, 5, 7])
def test_two_readings_cite_the_same(number: int) -> None:
    """The Markdown and the raw PDF text of one resolution cite the same documents (running
    headers, the resolution's own symbol, left aside)."""
    own = f"A/RES/80/{number}"
    md, _ = _cited(f"ga80-md/A_RES_80_{number}.md")
    pdf, _ = _cited(f"ga80-pdftext/A_RES_80_{number}.txt")
    assert md - {own} == pdf - {own}


def test_slugs_unique_over_the_corpus() -> None:
    symbols: set[DocSymbol] = set()
    for relative in CORPUS_FILES:
        text = _corpus(relative)
        symbols |= {f.symbol for f in find_citations(text, body=_body(relative))}
    assert len(symbols) > 200
    assert len({s.slug for s in symbols}) == len(symbols)
