"""`resodocs build`: content -> Markdown -> MkDocs -> search -> site/, in stages.

The stages, in order (this list is the only place that orders them):

1. read and parse every text (cached by content hash), then index the corpus;
2. read and check the editors' annotations against the corpus;
3. render every page from the templates, and write the pages that changed into the docs folder;
4. in parallel: MkDocs renders the docs folder into a staging folder, Pagefind indexes the
   search pages of the shards that changed;
5. publish: the staging folder and the search bundles replace site/ (PDFs kept).

Nothing is written to site/ unless every stage before 5 succeeded. With ``--pdf`` the PDFs are
made beside stages 3 to 5, in a process forked after stage 2 (`generator.pdf_stage`); it is
stopped if the site fails.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .annotations import Note, load_annotations
from .corpus import Corpus
from .output import sync_tree
from .pages import Builder, render
from .pdf_stage import Beside, html_notes
from .project import REPO, Settings, load_content, print_diagnostics
from .search import Indexer
from .site import publish, run_mkdocs
from .templating import TEMPLATES


@dataclass(slots=True)
class BuildReport:
    """Figures of one build (printed by the CLI, read by the benchmark)."""

    ok: bool = False
    stages: dict[str, float] = field(default_factory=dict)
    resolutions: int = 0
    pages: int = 0
    pages_written: int = 0
    pages_removed: int = 0
    mkdocs_mode: str = ""
    search_shards: list[str] = field(default_factory=list)
    copied: int = 0
    removed: int = 0
    cache_hits: int = 0
    files: int = 0


def _static_files(settings: Settings) -> dict[str, bytes]:
    """Hand-written pages (content/pages/*.md) and the site's assets (templates/assets)."""
    out: dict[str, bytes] = {}
    # the project's own pages (the "how to read" page the navigation names) unless the content
    # folder has its own page of the same name
    for pages in (REPO / "content" / "pages", settings.content / "pages"):
        if pages.is_dir():
            for p in sorted(pages.rglob("*.md")):
                out[p.relative_to(pages).as_posix()] = p.read_bytes()
    for p in sorted((TEMPLATES / "assets").rglob("*")):
        if p.is_file():
            out["assets/" + p.relative_to(TEMPLATES / "assets").as_posix()] = p.read_bytes()
    return out


def build(settings: Settings, pdf: bool = False) -> BuildReport:
    """Build the site, and with `pdf` the PDFs beside it (`generator.pdf_stage`). Prints
    diagnostics; returns the report (``ok`` False on failure, of the site or of the PDFs)."""
    rep = BuildReport()
    t = time.perf_counter()

    # 1. read and parse, then the corpus
    loading = load_content(settings)
    rep.stages["read+parse+corpus"] = loading.seconds
    rep.cache_hits = loading.cache_hits
    rep.files = len(loading.collected.texts)
    for path, why in loading.collected.skipped:
        print(f"resodocs: skipped {settings.display(path)}: {why}")
    t = time.perf_counter()

    # 2. annotations
    notes, note_diags = load_annotations(settings.content / "annotations", loading.corpus,
                                         settings.display)
    print_diagnostics(loading.diagnostics + note_diags, settings.strict)
    if loading.failed(settings.strict) or any(
            d.level.value == "error" or settings.strict for d in note_diags):
        print("resodocs: build stopped; nothing was written to "
              f"{settings.display(settings.site)}/", flush=True)
        return rep
    corpus = loading.corpus
    assert corpus is not None
    rep.resolutions = len(corpus.resolutions)
    rep.stages["annotations"] = time.perf_counter() - t
    t = time.perf_counter()
    pdfs = Beside(settings, corpus.resolutions, html_notes(notes)) if pdf else None
    try:
        _site(settings, rep, corpus, notes)
    finally:
        if pdfs is not None and not rep.ok:
            pdfs.stop()  # the site failed: no PDFs either (each file is written whole)
        elif pdfs is not None:
            t = time.perf_counter()
            rep.ok = pdfs.wait()
            rep.stages["PDFs (after the site)"] = time.perf_counter() - t
    return rep


def _site(settings: Settings, rep: BuildReport, corpus: Corpus,
          notes: Mapping[str, Mapping[str, Note]]) -> None:
    """Stages 3 to 5; sets ``rep.ok`` when the site is published."""
    t = time.perf_counter()

    # 3. pages: render those whose key changed since the last build (or all, without a
    #    manifest), write those whose bytes changed
    builder = Builder(corpus, notes)
    docs = settings.work / "docs"
    manifest_file = settings.work / "pages.json"
    try:
        manifest: dict[str, str] = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    env_pages: dict[str, bytes] = {}
    kept: set[str] = set()
    keys: dict[str, str] = {}
    for page, key, make in builder.plan():
        if key is not None:
            keys[page] = key
            if manifest.get(page) == key and (docs / page).is_file():
                kept.add(page)
                continue
        env_pages.update({p: t.encode("utf-8") for p, t in render([make()]).items()})
    static = _static_files(settings)
    generated = set(env_pages) | kept
    clash = sorted(generated & set(static))
    if clash:
        print(f"resodocs: error: content/pages/{clash[0]} has the name of a generated page; "
              "rename it", flush=True)
        return
    manifest_file.unlink(missing_ok=True)  # rewritten below, once the docs folder is right
    written = sync_tree(docs, {**env_pages, **static}, keep_files=kept)
    settings.work.mkdir(parents=True, exist_ok=True)
    manifest_file.write_text(json.dumps(keys, sort_keys=True), encoding="utf-8")
    rep.pages = len(generated) + len([p for p in static if p.endswith(".md")])
    rep.pages_written = len(written.written)
    rep.pages_removed = len(written.removed)
    rep.stages["pages"] = time.perf_counter() - t
    t = time.perf_counter()

    # 4. MkDocs and Pagefind, side by side
    indexer = Indexer(settings.work)
    indexer.start(corpus, notes)
    stage = settings.work / "stage"
    md_pages = sorted(p for p in generated | set(static) if p.endswith(".md"))
    nav_pages = sorted(p for p in static if p.endswith(".md"))
    try:
        result, built = run_mkdocs(settings.config, docs, stage, strict=settings.strict,
                                   site_url=settings.site_url, pages=md_pages, nav_pages=nav_pages)
    except RuntimeError as exc:
        indexer.finish()
        print(f"resodocs: error: {exc}", flush=True)
        print(f"resodocs: build stopped; nothing was written to {settings.display(settings.site)}/")
        return
    for w in result.warnings:
        print(f"resodocs: mkdocs {w}")
    rep.mkdocs_mode = result.mode
    rep.stages["mkdocs"] = time.perf_counter() - t
    t = time.perf_counter()
    try:
        indexer.finish()
    except RuntimeError as exc:
        print(f"resodocs: error: {exc}", flush=True)
        return
    rep.search_shards = indexer.stats.shards_indexed
    rep.stages["search (after mkdocs)"] = time.perf_counter() - t
    t = time.perf_counter()

    # 5. publish
    rep.copied, rep.removed = publish({**built, **indexer.bundles()}, settings.site)
    rep.stages["publish"] = time.perf_counter() - t
    rep.ok = True


def clean(settings: Settings) -> None:
    """Remove the build's working folder (the cache of parsed texts stays)."""
    shutil.rmtree(settings.work, ignore_errors=True)


__all__ = ["build", "BuildReport", "clean", "Path"]
