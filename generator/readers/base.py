"""What every reader hands the parser: a source and a clean stream of blocks with inline marks.

A reader's job is layout (page breaks, running headers, job numbers, footnote areas,
hyphenation, italics, superscripts); the parser's job is the resolution. Between them stands
this module: `Source` (the text as read), `Block` (one paragraph-like run of body text, or one
footnote) and `Mark` (italic, bold, link, footnote reference), all mapped back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .mapped import MappedText


@dataclass(frozen=True, slots=True)
class Source:
    """A file as read: the text every span and line/column refers to."""

    path: str
    """The file as the user named it."""
    text: str
    """The decoded text. For a PDF, the text the reader extracted (one line per printed line,
    pages separated by form feeds): diagnostics point into it."""
    format: str
    """Name of the reader that read it (``seed``, ``markdown``, ``pdftext``, ``pdf`` ...)."""
    meta: dict[str, str] = field(default_factory=dict)
    """Metadata the format carries beside the text (Markdown front matter, PDF info)."""


class MarkKind(str, Enum):
    """Kinds of inline marks."""

    ITALIC = "italic"
    BOLD = "bold"
    LINK = "link"
    """A span the source marked as a link or citation (``[73/291](#)``, a PDF link annotation)."""
    NOTEREF = "noteref"
    """A footnote marker, removed from the text: zero-width, `value` is the footnote number."""


@dataclass(frozen=True, slots=True)
class Mark:
    """An inline mark on a block's text."""

    kind: MarkKind
    start: int
    """Start index in `Block.text` (for NOTEREF: where the marker stood)."""
    end: int
    """End index in `Block.text` (for NOTEREF: equal to `start`)."""
    value: str = ""
    """NOTEREF: the footnote number as written; LINK: the target if one was given."""
    source_start: int = -1
    """For NOTEREF: source offset of the marker itself (for diagnostics)."""
    source_end: int = -1


class BlockKind(str, Enum):
    """Kinds of blocks."""

    BODY = "body"
    """Body text in reading order: title-block lines, paragraphs, headings, closing lines."""
    FOOTNOTE = "footnote"
    """The text of one footnote, with its number."""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of text in reading order."""

    kind: BlockKind
    text: MappedText
    """Clean text: markup removed, line breaks folded to single spaces, no marker digits."""
    marks: tuple[Mark, ...] = ()
    """Inline marks, sorted by start."""
    number: int | None = None
    """FOOTNOTE: the footnote's number."""
    after_break: bool = False
    """BODY: a page break or a footnote area stood between this block and the previous body
    block, so the previous one may continue here."""
    lines: tuple[int, ...] = ()
    """Indices in `text` where the source broke the line (for title blocks whose line
    structure carries meaning). Optional."""

    @property
    def start(self) -> int:
        """Source offset of the block's first character."""
        return self.text.offset(0)


@dataclass(frozen=True, slots=True)
class Document:
    """A reader's output."""

    source: Source
    blocks: tuple[Block, ...]


class ReadError(Exception):
    """A file no reader can read (binary, empty, not text); carries a located message."""

    def __init__(self, code: str, message: str, offset: int | None = None,
                 line: int | None = None, col: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset
        """Offset into the decoded text, when there is one."""
        self.line = line
        """Line and column computed from raw bytes (binary files), when there is no text."""
        self.col = col
