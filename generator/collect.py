"""Finding and loading the texts of a content folder, with the parse cache.

Every file under ``content/resolutions/`` (sub-folders included) with a text extension is read.
Files that are documentation of a folder rather than texts (README, PROVENANCE, LICENSE ...)
and files in other formats are skipped and *named* in the build's output, never silently.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .cache import READING, Cache, code_fingerprint, digest
from .diagnostics import Diagnostic, Level
from .load import Loaded, load
from .model import Resolution

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".xml", ".text")
NOT_TEXTS = ("readme", "provenance", "license", "licence", "changelog", "notice", "authors")
FORMAT_RANK = {"pdf": 0, "pdfxml": 1, "markdown": 2, "pdftext": 3, "sctext": 4}
"""Which source wins when two files hold the same resolution (best layout information first)."""


@dataclass(slots=True)
class Collected:
    """The files of a content folder."""

    texts: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Files not read, with the reason (printed by the build)."""


def collect(folder: Path) -> Collected:
    """Every text under `folder`, sorted; other files with the reason they are skipped."""
    out = Collected()
    if not folder.is_dir():
        return out
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel_parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in rel_parts):
            out.skipped.append((path, "hidden file"))
            continue
        stem = path.stem.lower()
        if any(stem.startswith(n) for n in NOT_TEXTS):
            out.skipped.append((path, "documentation of the folder, not a resolution"))
            continue
        if path.suffix.lower() not in TEXT_SUFFIXES:
            out.skipped.append((path, f"'{path.suffix or 'no extension'}' is not a text format "
                                      f"({', '.join(TEXT_SUFFIXES)})"))
            continue
        out.texts.append(path)
    return out


def _load_one(args: tuple[str, str]) -> Loaded:
    return load(Path(args[0]), args[1])


def load_all(paths: list[Path], display: Callable[[Path], str], cache: Cache | None,
             jobs: int | None = None) -> list[Loaded]:
    """Load every file, from the cache where its content is unchanged, in parallel otherwise."""
    results: dict[int, Loaded] = {}
    todo: list[tuple[int, str, str]] = []
    fp = code_fingerprint(READING)
    for i, path in enumerate(paths):
        name = display(path)
        key = digest(fp, name, path.read_bytes()) if cache else ""
        hit = cache.get(key) if cache else None
        if isinstance(hit, Loaded):
            results[i] = hit
        else:
            todo.append((i, name, key))
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers > 1 and len(todo) > 4:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            loaded = list(pool.map(_load_one, [(str(paths[i]), name) for i, name, _ in todo],
                                   chunksize=max(1, len(todo) // (workers * 4))))
    else:
        loaded = [load(paths[i], name) for i, name, _ in todo]
    for (i, _, key), result in zip(todo, loaded, strict=False):
        results[i] = result
        if cache:
            cache.put(key, result)
    return [results[i] for i in range(len(paths))]


def choose_sources(loaded: list[Loaded]) -> tuple[list[Resolution], list[Diagnostic]]:
    """One resolution per symbol: where several files hold the same resolution, the one with
    the best layout information wins (PDF, then Markdown, then text dumps) and a warning names
    the others."""
    by_symbol: dict[str, list[Loaded]] = {}
    for item in loaded:
        if item.resolution is not None:
            by_symbol.setdefault(item.resolution.symbol, []).append(item)
    chosen: list[Resolution] = []
    notes: list[Diagnostic] = []
    for symbol in sorted(by_symbol):
        items = sorted(by_symbol[symbol], key=lambda x: (
            FORMAT_RANK.get(x.resolution.source.format, 9) if x.resolution else 9, x.path))
        best = items[0]
        assert best.resolution is not None
        chosen.append(best.resolution)
        for other in items[1:]:
            notes.append(Diagnostic(
                Level.WARNING, "W-DUPLICATE-RESOLUTION",
                f"{symbol} is also in {best.path}; this copy is not used (the "
                f"{best.resolution.source.format} source is preferred)", other.path, 1, 1))
    return chosen, notes
