"""Shared test fixtures: paths to the repository, the shared corpus and golden cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("RESODOCS_CORPUS", ROOT.parent / "shared" / "corpus")).resolve()
CASES = Path(__file__).resolve().parent / "cases"


def case_input(case: Path) -> Path:
    """The input file of a golden case: ``input.*`` in the folder, or the file named (relative
    to the repository root) in ``input.path``."""
    pointer = case / "input.path"
    if pointer.exists():
        rel = pointer.read_text(encoding="utf-8").strip()
        if rel.startswith("../shared/corpus/"):  # the shared corpus, wherever it is
            return CORPUS / rel[len("../shared/corpus/"):]
        return (ROOT / rel).resolve()
    inputs = sorted(p for p in case.iterdir() if p.name.startswith("input."))
    if len(inputs) != 1:
        raise AssertionError(f"{case}: expected one input.* file, found {len(inputs)}")
    return inputs[0]


def display_name(path: Path) -> str:
    """The name a golden case's input is reported under: stable whatever the checkout's
    folder is called (``tests/cases/x/input.txt``, ``corpus/seed/A-RES-78-167.txt``)."""
    path = path.resolve()
    if path.is_relative_to(CORPUS):
        return "corpus/" + path.relative_to(CORPUS).as_posix()
    if path.is_relative_to(ROOT):
        return path.relative_to(ROOT).as_posix()
    return path.name


def golden_cases() -> list[Path]:
    """Every folder under tests/cases that has an input."""
    if not CASES.exists():
        return []
    return sorted(p for p in CASES.iterdir() if p.is_dir() and any(
        c.name.startswith("input.") for c in p.iterdir()))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus of real resolutions (../shared/corpus)."""
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS
