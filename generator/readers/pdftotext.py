"""Reader for ``pdftotext`` output in reading order (``corpus/ga73-pdf/*-EN.txt``).

What the format looks like: form feeds between pages; the running header (symbol, short title)
at the top of each page and the job number, print date, barcode and page number at the bottom,
in any order; no blank line between paragraphs; paragraph numbers on a line of their own
(``1.`` then the text) up to 9, on the text's line from 10; the footnote area under a rule with
numbers and texts on separate lines and sometimes out of order (`layout.footnote_groups`,
style ``scrambled``); line-end hyphens already removed by pdftotext ("seventyfourth") and
spaces it inserted inside words ("Confere nce") kept as they are.

Paragraph starts are read from the lines themselves: a label line, the enacting formula, a
blank line, and a line that follows a short line (the last line of a paragraph or a heading
ends short of the full width) or a line closing its clause when it opens with a known opener
(`verbs.py`) or a declaration's "We".
"""

from __future__ import annotations

import re

from ..diagnostics import Report
from .base import Document, Source
from .layout import Line
from .pdftext import Context, Format, Proto, common_start, read_pages

NAME = "pdftotext"

_CLOSES = re.compile(r"[,;:.!?][”’\"')\]]?$")
_WE = re.compile(r"We\b[ ,]")


def _opener(text: str) -> bool:
    from ..verbs import vocabulary

    if _WE.match(text):
        return True
    return vocabulary().opener(text, guess=False) is not None


def _starts(ln: Line, prev: Line | None, cur: Proto | None, ctx: Context, page: int) -> bool:
    c = common_start(ln, prev, cur)
    if c is not None:
        return c
    if prev is None or prev.blank:
        return True
    first = ln.text[:1]
    if not (first.isupper() or first in "“\"‘"):
        return False
    if len(prev.text) < 0.75 * ctx.width:
        return True
    return bool((_CLOSES.search(prev.text) or len(prev.text) < 0.9 * ctx.width) and ctx.opener(ln.text))


def _prepare(pages: list[list[Line]], ctx: Context) -> None:
    lengths = sorted(len(ln.text) for page in pages for ln in page if len(ln.text) >= 30)
    if lengths:
        ctx.width = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]
    ctx.opener = _opener


FORMAT = Format(NAME, "formfeed", False, "scrambled", _starts)


def sniff(text: str) -> int:
    """How much `text` looks like pdftotext output in reading order."""
    head = text[:30000]
    score = 0
    if "\f" in head:
        score += 3
    if re.search(r"^_{10,}$", head, re.MULTILINE):
        score += 2
    if re.search(r"^\d{1,3}\.$", head, re.MULTILINE):
        score += 2
    if re.search(r"^\d{2}-\d{5}(?: \([A-Z]\))?$", head, re.MULTILINE):
        score += 2
    # -layout output indents most lines; this format does not
    indented = len(re.findall(r"^ {4,}\S", head, re.MULTILINE))
    lines = head.count("\n") + 1
    if indented > lines / 4:
        score -= 6
    return max(score, 0)


def read(source: Source, report: Report) -> Document:
    """Read pdftotext reading-order output."""
    return read_pages(source, report, FORMAT, _prepare)
