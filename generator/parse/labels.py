"""Paragraph numbers and sub-paragraph labels: recognising them and nesting them.

Numbers: ``12.``; an OCR'd ``S.`` is read as 5 (``l.``/``I.`` as 1, ``O.`` as 0), and ``14,``
as 14, only where that is the number expected next. Labels: ``(a)``, ``(i)``, ``a.``, ``i.``,
``a)``, dashes and bullets (``— Calls for``, ``- All parties``: numbered by their place in the
list), and OCR misreadings of letters as digits: ``(1)`` for ``(i)``, ``(6)`` for ``(b)``, read as
the letter where the digit makes no sense and the letter continues the list. Whether ``(i)`` is
a roman one or the ninth letter is decided by what came before: after ``(h)`` it is a letter
(80/51); as the first label under a letter it is roman. Bare item numbers (``1 to hold``,
``4.1 salary``: ITU style, under an intro phrase such as *resolves*) are read by
`read_bare_label`; the parser accepts them only under such a phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_RE = re.compile(r"(?P<num>\d{1,3})\.(?=\s|$)|(?P<ocr>[SlIO])\.(?=\s+[A-Z])"
                       r"|(?P<comma>\d{1,3}),(?=\s+[A-Z][a-z])")
LABEL_RE = re.compile(
    r"\((?P<paren>[a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\)(?=\s|$)"
    r"|(?P<dot>[a-z]|[ivx]{1,5})\.(?=\s+\S)"
    r"|(?P<half>[a-z]|[ivx]{1,5})\)(?=\s)"
    r"|(?P<bullet>[-–—•])(?=\s+\S)"
)
OCR_DIGITS = {"S": 5, "l": 1, "I": 1, "O": 0}
OCR_LETTERS = {"1": "il", "6": "b", "0": "o", "5": "s", "8": "b"}
"""Letters OCR reads as digits in sub-paragraph labels."""
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(s: str) -> int | None:
    """Value of a lower-case roman numeral, None if `s` is not a well-formed one."""
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        if i + 1 < len(s) and _ROMAN[s[i + 1]] > v:
            total -= v
        else:
            total += v
    if to_roman(total) != s:
        return None
    return total


def to_roman(n: int) -> str:
    """Lower-case roman numeral of `n` (1..399)."""
    out = []
    for value, sym in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                       (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def alpha_value(s: str) -> int | None:
    """``a`` -> 1 ... ``z`` -> 26, ``aa`` -> 27 (UN style doubles the letter)."""
    if not s.isalpha() or not s.islower():
        return None
    if len(s) == 1:
        return ord(s) - 96
    if len(set(s)) == 1:
        return 26 * (len(s) - 1) + ord(s[0]) - 96
    return None


def alpha_label(n: int) -> str:
    """Inverse of `alpha_value`."""
    reps, k = divmod(n - 1, 26)
    return chr(97 + k) * (reps + 1)


@dataclass(frozen=True, slots=True)
class Label:
    """A sub-paragraph label as written, with the readings it allows."""

    text: str
    """As written: ``(a)``, ``ii.``."""
    body: str
    """Without brackets or dot: ``a``, ``ii``."""
    shape: str
    """``paren``, ``dot``, ``half`` (``a)``), ``bullet``; ``bare`` and ``decimal`` for the
    item numbers of `read_bare_label`."""
    readings: tuple[tuple[str, int], ...]
    """(style, ordinal) pairs: (``alpha``, 9) and (``roman``, 1) for ``(i)``."""


def read_label(text: str) -> tuple[Label, int] | None:
    """The label at the start of `text` and where the text after it starts."""
    m = LABEL_RE.match(text)
    if not m:
        return None
    shape = m.lastgroup or "paren"
    body = m.group(shape)
    readings: list[tuple[str, int]] = []
    if shape == "bullet":
        readings.append(("bullet", 0))
    elif body.isdigit():
        readings.append(("digit", int(body)))
    else:
        a = alpha_value(body)
        r = roman_value(body)
        if a is not None:
            readings.append(("alpha", a))
        if r is not None:
            readings.append(("roman", r))
    if not readings:
        return None
    end = m.end()
    while end < len(text) and text[end] == " ":
        end += 1
    return Label(m.group(0), body, shape, tuple(readings)), end


BARE_RE = re.compile(r"(?P<num>\d{1,2})(?:\.(?P<sub>\d{1,2}))?(?=[ \t]+\S)")
"""An item number without bracket or dot, as the ITU numbers the items under an intro phrase
(``1 to hold``), or with a second number under the first (``4.1 salary scales``)."""


def read_bare_label(text: str) -> tuple[Label, int, int | None] | None:
    """A bare item number at the start of `text`: (label, where the text after it starts, the
    number it is under: 4 for ``4.1``, None for ``4``). Shapes ``bare`` (``4``) and ``decimal``
    (``4.1``, read as item 1 under item 4)."""
    m = BARE_RE.match(text)
    if not m:
        return None
    end = m.end()
    while end < len(text) and text[end] in " \t":
        end += 1
    if m["sub"] is not None:
        n = int(m["sub"])
        return Label(m.group(0), m["sub"], "decimal", (("digit", n),)), end, int(m["num"])
    n = int(m["num"])
    return Label(m.group(0), m["num"], "bare", (("digit", n),)), end, None


@dataclass(slots=True)
class Level:
    """An open level of sub-paragraphs: its style and the last ordinal seen."""

    shape: str
    style: str
    last: int


def place(stack: list[Level], label: Label) -> tuple[int, str, int, bool, bool, bool]:
    """Where `label` goes: (depth, style, ordinal, in_sequence, ocr_roman, misread).

    Depth 0 is the first level of sub-paragraphs. `stack` is updated. `in_sequence` is False
    when the label neither continues an open level nor starts a new one (a warning).
    `ocr_roman` is True when a level opened by ``(1)`` turns out to be roman (``(1)`` then
    ``(ii)``: OCR read the ``i`` as ``1``); the caller renumbers the earlier siblings.
    `misread` is True when this label's digit was read as the letter it stands for
    (``(6)`` -> ``(b)``).
    """
    if label.shape == "bullet":
        # dashes and bullets: continue the nearest open list of them, else open one
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].shape == "bullet":
                del stack[depth + 1:]
                stack[depth].last += 1
                return depth, "bullet", stack[depth].last, True, False, False
        stack.append(Level("bullet", "bullet", 1))
        return len(stack) - 1, "bullet", 1, True, False, False
    # 1. continue an open level, deepest first
    for depth in range(len(stack) - 1, -1, -1):
        lvl = stack[depth]
        for style, n in label.readings:
            if lvl.shape != label.shape or n != lvl.last + 1:
                continue
            if style == lvl.style or (lvl.style == "digit" and style == "roman"):
                converted = style != lvl.style
                lvl.style = style
                del stack[depth + 1:]
                lvl.last = n
                return depth, lvl.style, n, True, converted, False
    # 1b. a digit OCR made of the letter that continues an open level ("(6)" after "(a)")
    if label.body.isdigit() and label.body in OCR_LETTERS:
        for depth in range(len(stack) - 1, -1, -1):
            lvl = stack[depth]
            if lvl.shape != label.shape or lvl.style not in ("alpha", "roman"):
                continue
            for letter in OCR_LETTERS[label.body]:
                value = alpha_value(letter) if lvl.style == "alpha" else roman_value(letter)
                if value is not None and value == lvl.last + 1:
                    n = value
                    del stack[depth + 1:]
                    lvl.last = n
                    return depth, lvl.style, n, True, False, True
    # 2. open a new level below the current one
    for style, n in label.readings:
        if n == 1:
            stack.append(Level(label.shape, style, 1))
            return len(stack) - 1, style, 1, True, False, False
    # 3. out of sequence: stay at the deepest level of the same shape and style
    for depth in range(len(stack) - 1, -1, -1):
        lvl = stack[depth]
        for style, n in label.readings:
            if lvl.shape == label.shape and style == lvl.style:
                del stack[depth + 1:]
                lvl.last = n
                return depth, style, n, False, False, False
    style, n = label.readings[0]
    stack.append(Level(label.shape, style, n))
    return len(stack) - 1, style, n, False, False, False


def label_number(style: str, n: int) -> str:
    """The canonical number of a sub-paragraph for its id: ``a``, ``ii``, ``3``."""
    if style == "alpha":
        return alpha_label(n)
    if style == "roman":
        return to_roman(n)
    return str(n)  # digits; dashes and bullets by their place in the list
