"""Markdown-style inline markup -> clean text with marks.

Used by the Markdown readers (the seed format and Markdown exports). Handles what those texts
use and nothing more: ``*italic*``, ``**bold**``, ``[text](target)`` links, ``[^n]`` footnote
references, Unicode superscript footnote markers (``¹²³``), backslash escapes, and line breaks
(folded to single spaces). Anything else, a lone ``*``, an ``_``, a ``#``, ``<script>``, stays in
the text as the literal character it is: resolution text is data.
"""

from __future__ import annotations

import re

from .base import Mark, MarkKind
from .mapped import MappedText, TextBuilder

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPER_TO_DIGIT = {c: str(i) for i, c in enumerate(SUPERSCRIPTS)}

_TOKEN = re.compile(
    # the lookahead lets the engine skip plain text at C speed (3-4x faster than trying every
    # branch at every character)
    r"(?=[\\\[⁰¹²³⁴⁵⁶⁷⁸⁹*\t\r\n\f\v ])(?:"
    r"(?P<esc>\\[\\`*_{}\[\]()#+\-.!|])"
    r"|(?P<noteref>\[\^(?P<note>\w+)\])"
    r"|(?P<link>\[(?P<ltext>[^\[\]\n]*(?:\n[^\[\]\n]*)?)\]\((?P<target>[^()\s]*)\))"
    r"|(?P<super>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|(?P<star>\*{1,3})"
    r"|(?P<ws>[ \t\r\n\f\v]{2,}|[\t\r\n\f\v]))"
)
"""Tokens that change the text. A single space is not one: it is copied with the words
around it (one token per word would make rendering cost a Python step per word)."""
_PLAIN = re.compile(r"[^\\*\[\]()⁰¹²³⁴⁵⁶⁷⁸⁹\t\r\n\f\v]*")
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—")


def _pair_stars(raw: str, runs: list[tuple[int, int]]) -> dict[int, tuple[str, int]]:
    """Pair ``*`` delimiter runs (a simplified CommonMark rule). Returns, for each run start
    that is markup, ("open"|"close", its length)."""
    result: dict[int, tuple[str, int]] = {}
    stack: list[tuple[int, int]] = []
    for start, end in runs:
        before = raw[start - 1] if start > 0 else " "
        after = raw[end] if end < len(raw) else " "
        left = not after.isspace() and (after not in _PUNCT or before.isspace() or before in _PUNCT)
        right = not before.isspace() and (before not in _PUNCT or after.isspace() or after in _PUNCT)
        n = end - start
        if right and stack:
            # close the nearest opener of the same length (or any, for *** runs)
            for k in range(len(stack) - 1, -1, -1):
                o_start, o_len = stack[k]
                if o_len == n or n == 3 or o_len == 3:
                    result[o_start] = ("open", o_len)
                    result[start] = ("close", n)
                    del stack[k:]
                    break
            else:
                if left:
                    stack.append((start, n))
            continue
        if left:
            stack.append((start, n))
    return result


def render(source: str, start: int, end: int) -> tuple[MappedText, list[Mark]]:
    """Clean text and marks for the source slice ``[start, end)``."""
    raw = source[start:end]
    b = TextBuilder(source)
    marks: list[Mark] = []
    star_runs = [(m.start(), m.end()) for m in re.finditer(r"\*{1,3}", raw)]
    pairs = _pair_stars(raw, star_runs) if star_runs else {}
    open_em: list[tuple[int, int]] = []  # (clean position, length)
    pos = 0
    last_space = True  # at the start, whitespace is dropped

    def copy(a: int, c: int) -> None:
        nonlocal last_space
        if c > a:
            b.copy(start + a, start + c)
            last_space = raw[c - 1] == " "

    for m in _TOKEN.finditer(raw):
        kind = m.lastgroup
        if kind == "star" and m.start() not in pairs:
            continue  # a literal asterisk: copied with the text around it
        copy(pos, m.start())
        pos = m.end()
        if kind == "esc":
            b.copy(start + m.start() + 1, start + m.end())
            last_space = False
        elif kind == "ws":
            if not last_space:
                b.add(" ", start + m.start())
                last_space = True
        elif kind == "noteref" or kind == "super":
            value = m.group("note") if kind == "noteref" else "".join(
                SUPER_TO_DIGIT[c] for c in m.group("super"))
            at = len(b) - 1 if last_space and len(b) else len(b)
            marks.append(Mark(MarkKind.NOTEREF, at, at, value, start + m.start(), start + m.end()))
        elif kind == "link":
            lstart = len(b)
            l0, l1 = start + m.start("ltext"), start + m.end("ltext")
            if _PLAIN.fullmatch(source, l0, l1) and "  " not in source[l0:l1] \
                    and source[l0:l0 + 1] != " " and source[l1 - 1:l1] != " ":
                # plain link text ("73/291"): copied as it stands
                b.copy(l0, l1)
                last_space = False
            else:
                b_text, inner_marks = _render_inner(source, l0, l1)
                # copy the inner text character by character through the builder: keep its map
                for i, ch in enumerate(b_text.text):
                    b.add(ch, b_text.offset(i))  # synthetic add keeps exact offsets per char
                for im in inner_marks:
                    marks.append(Mark(im.kind, im.start + lstart, im.end + lstart, im.value,
                                      im.source_start, im.source_end))
                last_space = b_text.text.endswith(" ")
            marks.append(Mark(MarkKind.LINK, lstart, len(b), m.group("target")))
        elif kind == "star":
            role, n = pairs[m.start()]
            if role == "open":
                open_em.append((len(b), n))
            elif open_em:
                o_pos, o_len = open_em.pop()
                close_at = len(b) - 1 if last_space and len(b) > o_pos else len(b)
                if o_len in (1, 3) or n in (1, 3):
                    marks.append(Mark(MarkKind.ITALIC, o_pos, close_at))
                if o_len in (2, 3) or n in (2, 3):
                    marks.append(Mark(MarkKind.BOLD, o_pos, close_at))
    copy(pos, len(raw))
    text = b.build()
    # drop a trailing space (the marks never point past the end)
    stripped = text.strip()
    lead = text.lstrip_len()
    if lead:
        marks = [Mark(k.kind, max(0, k.start - lead), max(0, k.end - lead), k.value,
                      k.source_start, k.source_end) for k in marks]
    n = len(stripped)
    marks = [Mark(k.kind, min(k.start, n), min(k.end, n), k.value, k.source_start, k.source_end)
             for k in marks]
    marks.sort(key=lambda k: (k.start, k.end))
    return stripped, marks


def _render_inner(source: str, start: int, end: int) -> tuple[MappedText, list[Mark]]:
    return render(source, start, end)
