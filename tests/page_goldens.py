"""Golden Markdown pages of a case: ``tests/cases/<name>/pages/*.md`` (written by
`make goldens`, compared by tests/test_annotations.py).

A case with a ``pages`` folder is built into pages as the site builds it: its text alone in a
corpus, with the editors' notes of its ``annotations/`` folder, or of the folder named (relative
to the repository root) in ``annotations.path``. The goldens are the resolution's page and the
annotations index: where notes show on a page.
"""

from __future__ import annotations

from pathlib import Path

from generator.annotations import Note, load_annotations
from generator.corpus import Corpus
from generator.diagnostics import Level
from generator.load import load
from generator.pages import Builder, render, resolution_path
from tests.conftest import ROOT, case_input, display_name


def annotations_folder(case: Path) -> Path | None:
    """The annotations folder of a case, if it has one."""
    pointer = case / "annotations.path"
    if pointer.exists():
        return (ROOT / pointer.read_text(encoding="utf-8").strip()).resolve()
    folder = case / "annotations"
    return folder if folder.is_dir() else None


def case_pages(case: Path) -> dict[str, str]:
    """Docs path -> Markdown of the golden pages of a case, as generated now."""
    src = case_input(case)
    loaded = load(src, display_name(src))
    if loaded.resolution is None:
        raise AssertionError(f"{case.name}: does not parse: "
                             + "; ".join(d.format() for d in loaded.diagnostics))
    corpus = Corpus.build([loaded.resolution])
    notes: dict[str, dict[str, Note]] = {}
    folder = annotations_folder(case)
    if folder is not None:
        found, diagnostics = load_annotations(folder, corpus, display_name)
        errors = [d.format() for d in diagnostics if d.level is Level.ERROR]
        if errors:
            raise AssertionError(f"{case.name}: annotations have errors:\n" + "\n".join(errors))
        notes = found
    pages = render(Builder(corpus, notes).pages())
    wanted = [resolution_path(loaded.resolution), "annotations/index.md"]
    return {path: pages[path] for path in wanted}


def write_pages(case: Path) -> int:
    """Write the golden pages of a case; the number of files changed."""
    changed = 0
    out = case / "pages"
    for path, text in case_pages(case).items():
        target = out / path
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"updated {target.relative_to(ROOT)}")
        changed += 1
    return changed
