"""Editors' annotations (issue 7). Placeholder until the annotations stage lands: no notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .corpus import Corpus
from .diagnostics import Diagnostic
from .pages import Notes


def load_annotations(folder: Path, corpus: Corpus | None,
                     display: Callable[[Path], str]) -> tuple[Notes, list[Diagnostic]]:
    """Notes by resolution slug and paragraph id, and the problems found."""
    return {}, []
