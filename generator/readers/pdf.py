"""Reader for PDF files: the official UN PDF of a resolution, read from its text layer.

The characters come from PDFium (``pypdfium2``, a direct dependency): one pass
over the characters of each page, with their position, size and font. PDFium is ten times
faster than pdfminer here (0.06 s against 0.65 s for a five-page resolution) because it parses
the content streams in C; pdfminer's tokenizer was most of the time.

This module only turns characters into printed lines:

- characters are grouped into rows by baseline; a row of smaller characters standing a little
  above another row (a superscript footnote marker, a footnote number) joins that row, marked
  as raised;
- within a row, a space is written where the PDF has a space character or a gap wider than
  a fifth of the font size (PDFium drops some space characters, and Word often writes none
  between a number and a tab stop), and three spaces for a tab-wide gap;
- italic and bold come from the font (name, flags, weight), links from the page's URI link
  annotations, barcodes from the font name; PDFium reports a line-final hyphen it takes for
  a soft hyphen as U+0002, read back as the hyphen it is.

**The source text of a PDF** is the text this reader extracted: one line per printed row,
characters in reading order, a line holding only a form feed (``\\f``) between pages. Spans,
line and column numbers of diagnostics refer to it, and the model's ``source.sha256`` is its
hash. The layout (running headers, footnotes, paragraphs, hyphenation) is
`pdflines`' job, shared with the reader of ``pdftohtml -xml`` renderings.

Files PDFium cannot read raise `ReadError` at line 1, column 1: ``E-PDF-ENCRYPTED`` (a user
password is needed), ``E-PDF-DAMAGED`` (truncated or not a PDF), ``E-PDF-NO-TEXT`` (no text
layer: scanned pages need OCR first).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import LineIndex, Report
from .base import Document, ReadError, Source
from .mapped import MappedText
from .pdflines import Line, Page, Run, layout

NAME = "pdf"

_SPACE_GAP = 0.18
"""A gap wider than this many times the font size is a space (kerning gaps stay below 0.12)."""
_TAB_GAP = 0.8
"""A gap wider than this is a tab stop or a column gap: written as three spaces."""
_SAME_ROW = 0.15
"""Characters whose baselines differ by less than this many times the size share a row."""


@dataclass(slots=True)
class _Char:
    ch: str
    x0: float
    x1: float
    base: float
    size: float
    italic: bool
    bold: bool
    noise: bool
    link: str | None = None
    sup: bool = False


@dataclass(slots=True)
class _Font:
    italic: bool
    bold: bool
    noise: bool


def _fail(code: str, message: str) -> ReadError:
    return ReadError(code, message, line=1, col=1)


def read_pdf(path: Path, display: str, data: bytes, report: Report) -> Document:
    """Read a PDF file into blocks. Raises `ReadError` for files without readable text."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # late: only PDFs need it

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (4, 5):
            raise _fail("E-PDF-ENCRYPTED", "the PDF is encrypted: it needs a password to be read; "
                        "save an unprotected copy") from None
        raise _fail("E-PDF-DAMAGED", "the PDF is damaged or truncated (PDFium cannot read its "
                    "structure): download it again") from None
    try:
        pages = [_read_page(doc, i) for i in range(len(doc))]
        meta = {"pages": str(len(pages))}
        info = doc.get_metadata_dict(skip_empty=True)
        for key in ("Title", "Author", "Producer"):
            if info.get(key):
                meta[f"pdf-{key.lower()}"] = str(info[key])
    except pdfium.PdfiumError:
        raise _fail("E-PDF-DAMAGED", "the PDF is damaged (PDFium cannot read one of its pages): "
                    "download it again") from None
    finally:
        doc.close()
    if not any(chars for _, _, chars, _ in pages):
        if b"%%EOF" not in data[-2048:]:
            raise _fail("E-PDF-DAMAGED", "the PDF is truncated (no %%EOF at its end) and has no "
                        "readable text: download it again")
        raise _fail("E-PDF-NO-TEXT", "the PDF has no text layer (scanned pages?): run OCR on it "
                    "first, or use a text export of the resolution")
    text, model_pages = _write(pages)
    report.index = LineIndex(text)
    if b"%%EOF" not in data[-2048:]:
        report.warn("W-PDF-TRUNCATED", "the PDF does not end with %%EOF: it may be truncated; "
                    "check that the text is complete", None)
    source = Source(display, text, NAME, meta)
    return Document(source, tuple(layout(model_pages, text)))


def _read_page(doc: Any, index: int) -> tuple[float, float, list[_Char], int]:
    """The characters of one page (top-down coordinates), its width and height."""
    from pypdfium2 import raw

    page = doc[index]
    try:
        width, height = page.get_width(), page.get_height()
        textpage = page.get_textpage()
        try:
            tp = textpage.raw
            links = _links(raw, doc, page, height)
            n = raw.FPDFText_CountChars(tp)
            box = raw.FS_RECTF()
            ox = ctypes.c_double()
            oy = ctypes.c_double()
            fonts: dict[tuple[bytes, int], _Font] = {}
            name_buf = ctypes.create_string_buffer(256)
            flags = ctypes.c_int(0)
            chars: list[_Char] = []
            for k in range(n):
                if raw.FPDFText_IsGenerated(tp, k):
                    continue
                code = raw.FPDFText_GetUnicode(tp, k)
                if code == 2:
                    ch = "-"  # PDFium reports a line-final hyphen it takes for a soft one as \x02
                elif code < 32 or 0xFFFE <= code <= 0xFFFF or 0xD800 <= code <= 0xDFFF:
                    continue
                else:
                    ch = " " if code in (0xA0, 0x2007, 0x202F) else chr(code)
                size = raw.FPDFText_GetFontSize(tp, k)
                if size < 2.0:
                    continue  # invisible anchors Word leaves behind
                font = _font(raw, tp, k, fonts, name_buf, flags)
                raw.FPDFText_GetLooseCharBox(tp, k, box)
                raw.FPDFText_GetCharOrigin(tp, k, ox, oy)
                c = _Char(ch, box.left, box.right, height - oy.value, size, font.italic, font.bold,
                          font.noise)
                if links:
                    cx = (box.left + box.right) / 2
                    cy = height - oy.value - 0.3 * size
                    for (x0, top, x1, bottom), uri in links:
                        if x0 <= cx <= x1 and top <= cy <= bottom:
                            c.link = uri
                            break
                chars.append(c)
        finally:
            textpage.close()
    finally:
        page.close()
    return width, height, chars, index


def _font(raw: Any, tp: Any, k: int, cache: dict[tuple[bytes, int], _Font],
          buf: Any, flags: Any) -> _Font:
    """Italic, bold and barcode for character `k`, from its font (cached by name and flags)."""
    raw.FPDFText_GetFontInfo(tp, k, buf, len(buf), ctypes.byref(flags))
    key = (buf.value, flags.value)
    found = cache.get(key)
    if found is not None:
        return found
    name = buf.value.decode("latin-1", "replace").lower()
    style = name.split("+", 1)[-1]
    weight = raw.FPDFText_GetFontWeight(tp, k)
    italic = "italic" in style or "oblique" in style or bool(flags.value & 64)
    bold = "bold" in style or "black" in style or bool(flags.value & (1 << 18)) or weight >= 600
    noise = "barcode" in name or "3 of 9" in name or "code39" in name
    found = cache[key] = _Font(italic and not noise, bold and not noise, noise)
    return found


def _links(raw: Any, doc: Any, page: Any, height: float) -> list[tuple[tuple[float, float, float, float], str]]:
    """URI link annotations of a page: (x0, top, x1, bottom) and the target."""
    out: list[tuple[tuple[float, float, float, float], str]] = []
    pos = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    rawpage = page.raw
    rawdoc = doc.raw
    while raw.FPDFLink_Enumerate(rawpage, ctypes.byref(pos), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(rawdoc, action, None, 0)
        if size <= 1:
            continue
        buf = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(rawdoc, action, buf, size)
        uri = buf.value.decode("utf-8", "replace").strip()
        if not raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        x0, x1 = sorted((rect.left, rect.right))
        y0, y1 = sorted((rect.bottom, rect.top))
        out.append(((x0, height - y1, x1, height - y0), uri))
    return out


# -- rows ---------------------------------------------------------------------------------------


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into printed rows, superscripts joined to the row they belong to."""
    ordered = sorted(chars, key=lambda c: c.base)
    rows: list[list[_Char]] = []
    bases: list[float] = []
    row_size = 0.0
    for c in ordered:
        if rows and c.base - bases[-1] <= _SAME_ROW * max(c.size, row_size):
            rows[-1].append(c)
            if not c.ch.isspace():
                row_size = max(row_size, c.size)
        else:
            rows.append([c])
            bases.append(c.base)
            row_size = 0.0 if c.ch.isspace() else c.size
    # a row of small characters a little above a row of larger ones: superscripts
    merged: list[list[_Char] | None] = list(rows)
    for i, row in enumerate(rows):
        vis = [c for c in row if not c.ch.isspace()]
        if not vis:
            continue
        small = max(c.size for c in vis)
        rx0 = min(c.x0 for c in vis)
        rx1 = max(c.x1 for c in vis)
        best = None
        for j in range(i + 1, min(len(rows), i + 4)):
            target = merged[j]
            if target is None:
                continue
            tvis = [c for c in target if not c.ch.isspace() and not c.sup]
            if not tvis:
                continue
            tsize = max(c.size for c in tvis)
            rise = bases[j] - bases[i]
            if small <= 0.8 * tsize and 0.12 * tsize <= rise <= 0.75 * tsize \
                    and rx1 >= min(c.x0 for c in tvis) - 3 * tsize \
                    and rx0 <= max(c.x1 for c in tvis) + 2 * tsize:
                best = j
                break
        if best is not None:
            for c in row:
                c.sup = True
                c.base = bases[best]
            merged[best] = (merged[best] or []) + row
            merged[i] = None
    return [r for r in merged if r]


def _write(pages: list[tuple[float, float, list[_Char], int]]) -> tuple[str, list[Page]]:
    """The source text (one line per row, a form feed line between pages) and the pages of
    lines whose runs point into it."""
    parts: list[str] = []
    pos = 0
    out_pages: list[Page] = []
    for pi, (width, height, chars, index) in enumerate(pages):
        if pi:
            parts.append("\f\n")
            pos += 2
        lines: list[Line] = []
        for row in _rows(chars):
            row.sort(key=lambda c: c.x0)
            line_text, runs = _row_text(row, pos)
            if not runs:
                continue
            parts.append(line_text + "\n")
            pos += len(line_text) + 1
            base = max((c.base for c in row if not c.sup), default=row[0].base)
            lines.append(Line(index, base, runs))
        out_pages.append(Page(index, width, height, lines))
    return "".join(parts), out_pages


def _row_text(row: list[_Char], pos: int) -> tuple[str, list[Run]]:
    """The text of a row and its runs (same style, no tab-wide gap inside)."""
    text: list[str] = []
    runs: list[Run] = []
    cur: list[_Char] = []
    cur_start = 0
    prev: _Char | None = None
    space_seen = False

    def close(end: int) -> None:
        if cur:
            s = "".join(text)[cur_start:end]
            runs.append(Run(MappedText(s, (0,), (pos + cur_start,)), cur[0].x0, cur[-1].x1,
                            max(c.size for c in cur), cur[0].italic, cur[0].bold, cur[0].sup,
                            cur[0].link, cur[0].noise))

    length = 0
    for c in row:
        if c.ch.isspace():
            space_seen = True
            continue
        wide = False
        if prev is not None:
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size) if not (c.sup or prev.sup) else min(c.size, prev.size) * 1.5
            if gap > _TAB_GAP * size:
                wide = True
                text.append("   ")
                length += 3
            elif space_seen or gap > _SPACE_GAP * size:
                text.append(" ")
                length += 1
        space_seen = False
        style = (c.italic, c.bold, c.sup, round(c.size, 1), c.link, c.noise)
        if cur and (wide or style != (cur[0].italic, cur[0].bold, cur[0].sup,
                                      round(cur[0].size, 1), cur[0].link, cur[0].noise)):
            # spaces between two runs belong to the run before
            close(length)
            cur = []
            cur_start = length
        if not cur:
            cur_start = length
        cur.append(c)
        text.append(c.ch)
        length += len(c.ch)
        prev = c
    close(length)
    return "".join(text), runs
