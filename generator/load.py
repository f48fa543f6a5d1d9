"""Read and parse one file into a resolution, with its diagnostics. Never raises for bad input."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Level, ParseError, Report
from .model import Resolution
from .parse import parse
from .readers import read_file
from .readers.base import ReadError


@dataclass(frozen=True, slots=True)
class Loaded:
    """The outcome of reading one file."""

    path: str
    resolution: Resolution | None
    """None when the file could not be read as a resolution (see `diagnostics`)."""
    diagnostics: tuple[Diagnostic, ...]

    def failed(self, strict: bool) -> bool:
        """Whether the file fails the build (errors; warnings too when strict)."""
        if self.resolution is None:
            return True
        return any(d.level is Level.ERROR or strict for d in self.diagnostics)


def load(path: Path, display: str | None = None) -> Loaded:
    """Read and parse `path`; every problem is a located diagnostic."""
    name = display or str(path)
    report = Report(name)
    resolution = None
    try:
        doc = read_file(path, name, report)
        resolution = parse(doc, report)
    except ReadError as exc:
        if exc.line is not None:
            report.at_line(Level.ERROR, exc.code, exc.message, exc.line, exc.col or 1)
        else:
            report.error(exc.code, exc.message, exc.offset)
    except ParseError:
        pass  # already recorded in the report
    except RecursionError:  # pragma: no cover - defensive: a pathological input
        report.error("E-INTERNAL", "the text is nested too deeply to parse", None)
    return Loaded(name, resolution, tuple(report.items))
