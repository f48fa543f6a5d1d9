"""Reader for ``pdftotext -layout`` output (``corpus/ga73-pdf/*-EN.layout.txt``).

The page as printed, in characters: form feeds between pages; the title block in two columns
("United Nations ... A/RES/73/7"); running headers and footers in two columns ("2/5 ...
18-18142"); paragraph starts shown by the indentation of their first line (a few characters
right of the page's text margin, which differs between odd and even pages); footnotes under a
rule with each number alone on a line and its text indented under it; line-end hyphens kept
("seventy-" / "fourth"), decided by `layout.Hyphenation`.
"""

from __future__ import annotations

import re
from collections import Counter

from ..diagnostics import Report
from .base import Document, Source
from .layout import Line, segments
from .pdftext import FORMULA_LINE_RE, Context, Format, Proto, common_start, read_pages

NAME = "pdftotext-layout"


def _starts(ln: Line, prev: Line | None, cur: Proto | None, ctx: Context, page: int) -> bool:
    c = common_start(ln, prev, cur)
    if c is not None:
        return c
    if prev is None or prev.blank:
        return True
    margin = ctx.margins.get(page, 0)
    return ln.indent >= margin + 3


def _prepare(pages: list[list[Line]], ctx: Context) -> None:
    for k, page in enumerate(pages):
        indents = Counter(ln.indent for ln in page if len(ln.text) >= 40)
        ctx.margins[k] = indents.most_common(1)[0][0] if indents else 0
    # the title block's columns ("General Assembly ... Distr.: General") are separate lines
    first = pages[0]
    out: list[Line] = []
    in_header = True
    for ln in first:
        if in_header and FORMULA_LINE_RE.fullmatch(ln.text):
            in_header = False
        if in_header and ln.text:
            out.extend(segments(ln, gap=10))
        else:
            out.append(ln)
    first[:] = out


FORMAT = Format(NAME, "formfeed", True, "column", _starts)


def sniff(text: str) -> int:
    """How much `text` looks like pdftotext -layout output."""
    head = text[:30000]
    lines = head.count("\n") + 1
    indented = len(re.findall(r"^ {4,}\S", head, re.MULTILINE))
    score = 0
    if indented > lines / 4:
        score += 3
    if "\f" in head:
        score += 2
    if re.search(r"^\s+_{10,}$", head, re.MULTILINE):
        score += 2
    if re.search(r" {20,}(?:A|S)/RES/", head):
        score += 2
    return score


def read(source: Source, report: Report) -> Document:
    """Read pdftotext -layout output."""
    return read_pages(source, report, FORMAT, _prepare)
