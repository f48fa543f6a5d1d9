"""Paragraph numbers and sub-paragraph labels: reading them and nesting them (table-driven)."""

from __future__ import annotations

import pytest

from generator.parse.labels import NUMBER_RE, Level, label_number, place, read_label, roman_value


@pytest.mark.parametrize("text,label,shape,readings", [
    ("(a) The State", "(a)", "paren", (("alpha", 1),)),
    ("(i) Withdrawal", "(i)", "paren", (("alpha", 9), ("roman", 1))),
    ("(iv) text", "(iv)", "paren", (("roman", 4),)),
    ("(v) text", "(v)", "paren", (("alpha", 22), ("roman", 5))),
    ("(aa) text", "(aa)", "paren", (("alpha", 27),)),
    ("(1) Withdrawal", "(1)", "paren", (("digit", 1),)),
    ("a. text", "a.", "dot", (("alpha", 1),)),
    ("ii. text", "ii.", "dot", (("alpha", 35), ("roman", 2))),  # "ii" is also the doubled letter
    ("b) text", "b)", "half", (("alpha", 2),)),
    ("— Calls for", "—", "bullet", (("bullet", 0),)),
    ("- All parties", "-", "bullet", (("bullet", 0),)),
])
def test_read_label(text: str, label: str, shape: str, readings: tuple[tuple[str, int], ...]) -> None:
    got = read_label(text)
    assert got is not None
    lab, after = got
    assert (lab.text, lab.shape, lab.readings) == (label, shape, readings)
    assert text[after:] == text.split(" ", 1)[1]


@pytest.mark.parametrize("text", ["(ab) mixed letters", "Annex I", "A/RES/80/1", "(xyz)x", "-1 degree",
                                  "2024, the year"])
def test_not_a_label(text: str) -> None:
    assert read_label(text) is None


def _sequence(labels: list[str]) -> list[tuple[int, str]]:
    """(depth, id part) for each label in order, as the parser places them."""
    stack: list[Level] = []
    out = []
    for t in labels:
        got = read_label(t + " x")
        assert got is not None
        depth, style, n, _, _, _ = place(stack, got[0])
        out.append((depth, label_number(style, n)))
    return out


@pytest.mark.parametrize("labels,expected", [
    # letters, then roman numerals under a letter
    (["(a)", "(i)", "(ii)", "(b)"], [(0, "a"), (1, "i"), (1, "ii"), (0, "b")]),
    # "(i)" as the ninth letter after "(h)" (80/51)
    (["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)"],
     [(0, x) for x in "abcdefghi"]),
    # "(i)" after "(h)", then "(j)": still letters
    (["(g)", "(h)", "(i)", "(j)"], [(0, "g"), (0, "h"), (0, "i"), (0, "j")]),
    # roman list opened by "(i)" continues as roman ("(v)" is 5, not the letter v)
    (["(i)", "(ii)", "(iii)", "(iv)", "(v)"], [(0, "i"), (0, "ii"), (0, "iii"), (0, "iv"), (0, "v")]),
    # three levels: (a) (i) a.
    (["(a)", "(i)", "a.", "b.", "(ii)", "(b)"],
     [(0, "a"), (1, "i"), (2, "a"), (2, "b"), (1, "ii"), (0, "b")]),
    # OCR: "(1)" then "(ii)" is a roman list (242; the parser renumbers the "(1)", see
    # test_ocr_flags), "(6)" after "(a)" is "(b)" (253)
    (["(1)", "(ii)"], [(0, "1"), (0, "ii")]),
    (["(a)", "(6)"], [(0, "a"), (0, "b")]),
    # dashes numbered by their place
    (["—", "—", "—"], [(0, "1"), (0, "2"), (0, "3")]),
    (["(a)", "-", "-", "(b)"], [(0, "a"), (1, "1"), (1, "2"), (0, "b")]),
])
def test_nesting(labels: list[str], expected: list[tuple[int, str]]) -> None:
    assert _sequence(labels) == expected


def test_ocr_flags() -> None:
    stack: list[Level] = []
    first = read_label("(1) x")
    second = read_label("(ii) x")
    assert first and second
    place(stack, first[0])
    assert place(stack, second[0])[4] is True  # the earlier "(1)" must be renumbered
    stack = []
    a, six = read_label("(a) x"), read_label("(6) x")
    assert a and six
    place(stack, a[0])
    assert place(stack, six[0])[5] is True  # misread: a warning


@pytest.mark.parametrize("text,num,ocr,comma", [
    ("12. Requests", "12", None, None),
    ("1.", "1", None, None),
    ("S. Decides", None, "S", None),
    ("14, Urges", None, None, "14"),
    ("2024, the year", None, None, None),
    ("12.5 per cent", None, None, None),
])
def test_paragraph_numbers(text: str, num: str | None, ocr: str | None, comma: str | None) -> None:
    m = NUMBER_RE.match(text)
    if num is None and ocr is None and comma is None:
        assert m is None
        return
    assert m is not None
    assert (m["num"], m["ocr"], m["comma"]) == (num, ocr, comma)


@pytest.mark.parametrize("s,value", [("i", 1), ("iv", 4), ("ix", 9), ("xiv", 14), ("xl", 40),
                                     ("iiii", None), ("vx", None), ("abc", None)])
def test_roman_value(s: str, value: int | None) -> None:
    assert roman_value(s) == value
