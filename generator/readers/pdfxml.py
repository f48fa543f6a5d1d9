"""Reader for ``pdftohtml -xml -i`` renderings of a PDF (poppler's ``pdf2xml`` format).

The file is the PDF's text as positioned pieces::

    <page number="1" ... height="1188" width="918">
    <fontspec id="3" size="15" family="TimesNewRomanPSMT" color="#000000"/>
    <text top="547" left="221" width="61" height="17" font="10"><i>Recalling</i></text>

with ``<i>``, ``<b>`` and ``<a href>`` inside, coordinates zoomed (1.5 by default), pieces in
content-stream order (the barcode of page 1 comes early). This reader turns the pieces into
printed lines and hands them to `pdflines`, the layout logic it shares with the PDF reader:

- a piece's baseline is estimated as ``top + 0.8 * height`` (poppler's ``top`` is the baseline
  minus the font's ascent, ``height`` ascent plus descent); pieces whose baselines agree make
  one row, and a row of smaller pieces a little higher (a footnote marker) joins the row below;
- the size is the fontspec's; italic and bold come from the tags (the fontspec family is
  truncated and the same for both), links from ``<a href>``, barcodes from the family;
- between two pieces of a row a space is supplied when they do not touch; inside a piece the
  text is poppler's, spurious spaces included ("Internati onal", "post -"): the source is
  never rewritten.

Spans point into the XML text itself: a character written as an entity (``&amp;``) maps to the
entity's first character, a supplied space to the start of the next piece.
"""

from __future__ import annotations

import re

from ..diagnostics import Report
from .base import Document, ReadError, Source
from .mapped import MappedText
from .pdflines import Line, Page, Run, layout

NAME = "pdfxml"

_ROOT = re.compile(r"<pdf2xml\b")
_PAGE = re.compile(r"<page\b([^>]*)>")
_FONTSPEC = re.compile(r"<fontspec\b([^>]*?)/?>")
_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.DOTALL)
_ATTR = re.compile(r"([\w-]+)=\"([^\"]*)\"")
_INLINE = re.compile(r"<(/?)([a-zA-Z]+)\b([^>]*)>|&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

_SAME_ROW = 0.15
_TOUCH = 0.12
"""Two pieces closer than this many times the size touch: no space between them."""


def sniff(text: str) -> int:
    """How much `text` looks like pdftohtml's XML (0: not at all)."""
    head = text[:4096]
    if _ROOT.search(head):
        return 20
    if "<page " in head and "<text " in text[:20000] and "<fontspec " in text[:20000]:
        return 10
    return 0


def _attrs(s: str) -> dict[str, str]:
    return {k: v for k, v in _ATTR.findall(s)}


def _num(attrs: dict[str, str], key: str, at: int) -> float:
    try:
        return float(attrs[key])
    except (KeyError, ValueError):
        raise ReadError("E-XML", f"a <text> or <page> element without a numeric '{key}' "
                        "attribute: expected pdftohtml -xml output", at) from None


class _Font:
    __slots__ = ("noise", "size")

    def __init__(self, size: float, noise: bool) -> None:
        self.size = size
        self.noise = noise


def read(source: Source, report: Report) -> Document:
    """Read a pdftohtml XML rendering into blocks."""
    text = source.text
    fonts: dict[str, _Font] = {}
    page_starts = [(m.start(), _attrs(m.group(1)), m.end()) for m in _PAGE.finditer(text)]
    if not page_starts:
        raise ReadError("E-XML", "no <page> element: expected pdftohtml -xml output", 0)
    for m in _FONTSPEC.finditer(text):
        a = _attrs(m.group(1))
        if "id" in a:
            family = a.get("family", "").lower()
            fonts[a["id"]] = _Font(_num(a, "size", m.start()),
                                   "barcode" in family or "3 of 9" in family)
    pages: list[Page] = []
    for k, (start, attrs, body) in enumerate(page_starts):
        end = page_starts[k + 1][0] if k + 1 < len(page_starts) else len(text)
        width = _num(attrs, "width", start)
        height = _num(attrs, "height", start)
        pieces: list[tuple[float, float, float, float, list[Run]]] = []  # base, x0, x1, size, runs
        for m in _TEXT.finditer(text, body, end):
            a = _attrs(m.group(1))
            font = fonts.get(a.get("font", ""))
            top = _num(a, "top", m.start())
            left = _num(a, "left", m.start())
            w = _num(a, "width", m.start())
            h = _num(a, "height", m.start())
            size = font.size if font else h
            runs = _runs(text, m.start(2), m.end(2), left, left + w, size,
                         bool(font and font.noise))
            if not any(r.text.text.strip() for r in runs):
                continue
            pieces.append((top + 0.8 * h, left, left + w, size, runs))
        pages.append(Page(k, width, height, _lines(k, pieces)))
    if not any(p.lines for p in pages):
        raise ReadError("E-EMPTY", "the XML has pages but no text", 0)
    return Document(Source(source.path, text, NAME, {"pages": str(len(pages))}),
                    tuple(layout(pages, text)))


def _runs(text: str, a: int, b: int, x0: float, x1: float, size: float, noise: bool) -> list[Run]:
    """The styled runs of one <text> element's content; x positions shared out by length."""
    chars: list[tuple[str, int, bool, bool, str | None]] = []
    italic = bold = 0
    links: list[str | None] = []
    pos = a
    for m in _INLINE.finditer(text, a, b):
        for i in range(pos, m.start()):
            chars.append((text[i], i, italic > 0, bold > 0, links[-1] if links else None))
        pos = m.end()
        if m.group(4):
            ent = m.group(4)
            if ent.startswith("#x"):
                ch = chr(int("0" + ent[1:], base=0))  # "#x41" -> "0x41"
            elif ent.startswith("#"):
                ch = chr(int(ent[1:]))
            else:
                ch = _ENTITIES[ent]
            chars.append((ch, m.start(), italic > 0, bold > 0, links[-1] if links else None))
            continue
        closing, tag = m.group(1) == "/", m.group(2).lower()
        step = -1 if closing else 1
        if tag == "i":
            italic = max(0, italic + step)
        elif tag == "b":
            bold = max(0, bold + step)
        elif tag == "a":
            if closing:
                if links:
                    links.pop()
            else:
                links.append(_attrs(m.group(3)).get("href"))
    for i in range(pos, b):
        chars.append((text[i], i, italic > 0, bold > 0, links[-1] if links else None))
    runs: list[Run] = []
    n = max(1, len(chars))
    i = 0
    while i < len(chars):
        j = i + 1
        style = chars[i][2:]
        # spaces join the run before them, so that a style change sits at a word
        while j < len(chars) and (chars[j][2:] == style or chars[j][0].isspace()):
            j += 1
        piece = chars[i:j]
        mt = _mapped(piece)
        runs.append(Run(mt, x0 + (x1 - x0) * i / n, x0 + (x1 - x0) * j / n, size,
                        italic=style[0] and not noise, bold=style[1] and not noise,
                        link=style[2], noise=noise))
        i = j
    return runs


def _mapped(piece: list[tuple[str, int, bool, bool, str | None]]) -> MappedText:
    starts: list[int] = []
    srcs: list[int] = []
    for i, (_, off, *_rest) in enumerate(piece):
        if not starts or srcs[-1] + (i - starts[-1]) != off:
            starts.append(i)
            srcs.append(off)
    return MappedText("".join(c[0] for c in piece), tuple(starts), tuple(srcs))


def _lines(page: int, pieces: list[tuple[float, float, float, float, list[Run]]]) -> list[Line]:
    """Pieces -> printed lines: rows by baseline, superscript rows joined to the row below."""
    pieces.sort(key=lambda p: p[0])
    rows: list[list[tuple[float, float, float, float, list[Run]]]] = []
    for p in pieces:
        if rows and p[0] - rows[-1][0][0] <= _SAME_ROW * max(p[3], max(q[3] for q in rows[-1])):
            rows[-1].append(p)
        else:
            rows.append([p])
    merged: list[list[tuple[float, float, float, float, list[Run]]] | None] = list(rows)
    sup: set[int] = set()
    for i, row in enumerate(rows):
        small = max(p[3] for p in row)
        base = row[0][0]
        rx0 = min(p[1] for p in row)
        rx1 = max(p[2] for p in row)
        for j in range(i + 1, min(len(rows), i + 4)):
            target = merged[j]
            if target is None:
                continue
            tsize = max(p[3] for p in target)
            rise = target[0][0] - base
            if small <= 0.8 * tsize and 0.12 * tsize <= rise <= 0.75 * tsize \
                    and rx1 >= min(p[1] for p in target) - 3 * tsize \
                    and rx0 <= max(p[2] for p in target) + 2 * tsize:
                for p in row:
                    sup.add(id(p))
                merged[j] = target + row
                merged[i] = None
                break
    lines: list[Line] = []
    for row_or_none in merged:
        if not row_or_none:
            continue
        row = sorted(row_or_none, key=lambda p: p[1])
        main = [p for p in row if id(p) not in sup] or row
        base = max(p[0] for p in main)
        runs: list[Run] = []
        prev_x1: float | None = None
        prev_text = ""
        for p in row:
            is_sup = id(p) in sup
            first = p[4][0]
            if prev_x1 is not None and not is_sup and p[1] - prev_x1 > _TOUCH * p[3] \
                    and not prev_text[-1:].isspace() and not first.text.text[:1].isspace():
                at = first.text.offset(0)
                runs.append(Run(MappedText.synthetic(" ", at), prev_x1, p[1], p[3]))
            for r in p[4]:
                r.sup = is_sup
                runs.append(r)
            prev_x1 = p[2]
            prev_text = p[4][-1].text.text
        lines.append(Line(page, base, runs))
    return lines


__all__ = ["NAME", "read", "sniff"]
