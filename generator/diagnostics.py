"""Errors and warnings located in a source file.

Every problem the generator reports is a `Diagnostic` naming the file, line and column, printed
as ``FILE:LINE:COL: error|warning[CODE]: message`` followed by the source line and a caret
(bluebell's ``format_error``). Fatal structure problems raise `ParseError`; everything else is
collected in a `Report`, and ``--strict`` turns its warnings into errors.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum


class Level(str, Enum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem."""

    level: Level
    """error or warning."""
    code: str
    """A stable short code, e.g. ``E-EMPTY`` or ``W-FOOTNOTE-MISSING``; tests and docs use it."""
    message: str
    """What was found and what was expected, in one sentence."""
    path: str
    """The file, as the user named it."""
    line: int
    """1-based line number (0 when the problem concerns the whole file)."""
    col: int
    """1-based column number (0 when the problem concerns the whole file)."""
    source_line: str = ""
    """The text of that line, shown under the message with a caret."""

    def format(self) -> str:
        """The diagnostic as printed on stderr: header, source line, caret."""
        head = f"{self.path}:{self.line}:{self.col}: {self.level.value}[{self.code}]: {self.message}"
        if not self.source_line or self.line <= 0:
            return head
        shown = self.source_line.rstrip("\n").replace("\t", " ")
        if len(shown) > 160:  # keep very long lines readable: show a window around the column
            start = max(0, self.col - 80)
            prefix = "..." if start else ""
            shown_win = prefix + shown[start : start + 160]
            caret_at = len(prefix) + self.col - 1 - start
            return f"{head}\n    {shown_win}\n    {' ' * caret_at}^"
        return f"{head}\n    {shown}\n    {' ' * max(0, self.col - 1)}^"

    def as_error(self) -> Diagnostic:
        """The same diagnostic raised to an error (what ``--strict`` does to warnings)."""
        return Diagnostic(Level.ERROR, self.code, self.message, self.path, self.line, self.col,
                          self.source_line)


class ParseError(Exception):
    """A fatal problem: the input cannot be read as a resolution."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


class LineIndex:
    """Turns offsets into a text into (line, column) pairs, both 1-based."""

    __slots__ = ("text", "_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of `offset` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        k = bisect.bisect_right(self._starts, offset) - 1
        return k + 1, offset - self._starts[k] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if line < 1 or line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        return self.text[start:end]


@dataclass(slots=True)
class Report:
    """Diagnostics collected while reading, parsing and checking one file (or a whole build)."""

    path: str
    index: LineIndex | None = None
    items: list[Diagnostic] = field(default_factory=list)

    def at(self, level: Level, code: str, message: str, offset: int | None) -> Diagnostic:
        """Record a diagnostic at a source offset (None: the file as a whole) and return it."""
        if offset is None or self.index is None:
            # a problem with the file as a whole: point at its start
            first = self.index.line_text(1) if self.index is not None else ""
            diag = Diagnostic(level, code, message, self.path, 1, 1, first)
        else:
            line, col = self.index.position(offset)
            diag = Diagnostic(level, code, message, self.path, line, col,
                              self.index.line_text(line))
        self.items.append(diag)
        return diag

    def at_line(self, level: Level, code: str, message: str, line: int, col: int,
                source_line: str = "") -> Diagnostic:
        """Record a diagnostic at a known line and column (for bytes that could not be decoded)."""
        diag = Diagnostic(level, code, message, self.path, line, col, source_line)
        self.items.append(diag)
        return diag

    def warn(self, code: str, message: str, offset: int | None) -> Diagnostic:
        """Record a warning."""
        return self.at(Level.WARNING, code, message, offset)

    def error(self, code: str, message: str, offset: int | None) -> Diagnostic:
        """Record an error that does not stop the parse."""
        return self.at(Level.ERROR, code, message, offset)

    def fatal(self, code: str, message: str, offset: int | None) -> ParseError:
        """Build (and record) an error that stops the parse; the caller raises it."""
        return ParseError(self.at(Level.ERROR, code, message, offset))

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors so far."""
        return [d for d in self.items if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings so far."""
        return [d for d in self.items if d.level is Level.WARNING]

    def failed(self, strict: bool) -> bool:
        """Whether this report makes the command fail."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def shown(self, strict: bool) -> list[Diagnostic]:
        """The diagnostics as they are to be printed (warnings raised to errors when strict)."""
        return [d.as_error() if strict and d.level is Level.WARNING else d for d in self.items]
