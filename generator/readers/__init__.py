"""Readers: one module per input format, chosen by content (not only by extension).

Each reader module has ``NAME``, ``sniff(text) -> int`` (how much the text looks like its
format; 0 = not at all) and ``read(source, report) -> Document``. Binary formats (PDF) are
recognised by their magic bytes before any decoding. `read_file` is the single entry point.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from types import ModuleType

from ..diagnostics import LineIndex, Report
from . import akn, markdown, pdflayout, pdftext, pdftotext, pdfxml, scocr
from .base import Document, ReadError, Source

TEXT_READERS: tuple[ModuleType, ...] = (markdown, pdftext, pdftotext, pdflayout, pdfxml, scocr, akn)
"""Text readers in order of preference when two formats score the same."""


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as Windows-1252 (a file mixing both is the usual
    result of a broken conversion; each bad byte is read on its own)."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("resodocs-cp1252", _cp1252_fallback)


def decode(data: bytes, report: Report) -> str:
    """Bytes -> text: UTF-8 (with or without BOM); bytes that are not UTF-8 are read as
    Windows-1252, with a warning at the first of them. Line endings are normalised to ``\\n``
    (spans refer to the text so normalised)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8-sig", errors="replace")
        text = data.decode("utf-8-sig", errors="resodocs-cp1252")
        report.index = LineIndex(text.replace("\r\n", "\n").replace("\r", "\n"))
        report.warn("W-ENCODING",
                    f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                    "such bytes are read as Windows-1252: check the characters on this line",
                    len(good.replace("\r\n", "\n")))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary(data: bytes) -> int | None:
    """Offset of the first sign that `data` is not text, or None."""
    head = data[:65536]
    nul = head.find(b"\x00")
    if nul != -1:
        return nul
    # count control bytes with bytes.translate (C speed), not a Python loop per byte
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if head and controls / len(head) > 0.05:
        m = re.search(b"[" + re.escape(_CONTROLS) + b"]", head)
        return m.start() if m else 0
    return None


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def read_file(path: Path, display: str, report: Report) -> Document:
    """Read one file with the reader its content calls for. Raises `ReadError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError("E-IO", f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise ReadError("E-EMPTY", "the file is empty: expected the text of a resolution")
    if data.startswith(b"%PDF"):
        from . import pdf  # imported late: only PDFs need PDFium

        return pdf.read_pdf(path, display, data, report)
    bad = _binary(data)
    if bad is not None:
        line = data.count(b"\n", 0, bad) + 1
        col = bad - (data.rfind(b"\n", 0, bad) + 1) + 1
        raise ReadError("E-BINARY",
                        f"the file is binary (byte 0x{data[bad]:02x} at offset {bad}), not text: "
                        "expected a text, Markdown, XML or PDF file", line=line, col=col)
    text = decode(data, report)
    report.index = LineIndex(text)
    if not text.strip():
        raise ReadError("E-EMPTY", "the file holds only whitespace: expected the text of a resolution", 0)
    scores = [(reader.sniff(text), -i, reader) for i, reader in enumerate(TEXT_READERS)]
    best = max(scores, key=lambda s: (s[0], s[1]))
    reader = best[2]
    doc: Document = reader.read(Source(display, text, reader.NAME), report)
    return doc
