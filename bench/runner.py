"""One `resodocs build` or `resodocs pdf`, run in its own process and measured from inside.

    python bench/runner.py JSON_OUT [--profile PROF_OUT] -- build|pdf --content ... --site ...

The command goes through `generator.cli.main`, exactly as the ``resodocs`` script runs it. The
bench only wraps a few functions to time what the pipeline's own report lumps together (it
changes nothing in what they do):

- ``read+parse``: `collect.load_all` (cache look-ups, reading and parsing, in a process pool);
- ``corpus``: `collect.choose_sources` and `Corpus.build` (the indexes);
- inside the build's ``mkdocs`` stage: rendering and writing the search pages
  (`Indexer.start`), MkDocs itself (`run_mkdocs`), and the wall time of each Pagefind process
  (which runs beside MkDocs);
- `build_pdfs`' `PdfStats`.

At exit it writes JSON: the exit status, wall seconds, those timings, the BuildReport or
PdfStats figures, and `resource.getrusage` max RSS of this process and of its children
(process pool workers, Pagefind), in bytes.
"""

from __future__ import annotations

import cProfile
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import generator.build as gbuild
import generator.cli as gcli
import generator.pdf as gpdf
import generator.project as gproject
from generator.corpus import Corpus
from generator.search import Indexer

timings: dict[str, float] = {}
info: dict[str, Any] = {}
_lock = threading.Lock()


def _add(name: str, seconds: float) -> None:
    with _lock:
        timings[name] = timings.get(name, 0.0) + seconds


def _timed(name: str, fn: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _add(name, time.perf_counter() - t)
    wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
    return wrapper


def install() -> None:
    """Wrap the functions timed (see the module docstring)."""
    gproject.load_all = _timed("read+parse", gproject.load_all)  # type: ignore[attr-defined]
    gproject.collect = _timed("read+parse", gproject.collect)  # type: ignore[attr-defined]
    gproject.choose_sources = _timed("corpus", gproject.choose_sources)  # type: ignore[attr-defined]
    build_corpus = Corpus.build.__func__  # type: ignore[attr-defined]

    def corpus_build(cls: type[Corpus], resolutions: Any) -> Corpus:
        t = time.perf_counter()
        try:
            return build_corpus(cls, resolutions)  # type: ignore[no-any-return]
        finally:
            _add("corpus", time.perf_counter() - t)
    Corpus.build = classmethod(corpus_build)  # type: ignore[assignment,method-assign]

    gbuild.run_mkdocs = _timed("mkdocs itself", gbuild.run_mkdocs)  # type: ignore[attr-defined]
    start = Indexer.start

    def indexer_start(self: Indexer, corpus: Any, notes: Any) -> None:
        t0 = time.perf_counter()
        start(self, corpus, notes)
        _add("search pages", time.perf_counter() - t0)
        for shard, (proc, _tmp, _stamp) in self.procs.items():
            def wait(p: Any = proc, s: str = shard, t: float = time.perf_counter()) -> None:
                p.wait()
                _add(f"pagefind {s}", time.perf_counter() - t)
            threading.Thread(target=wait, daemon=True).start()
    Indexer.start = indexer_start  # type: ignore[method-assign]

    build = gbuild.build

    def build_and_keep(settings: Any, pdf: bool = False) -> Any:
        rep = build(settings, pdf=pdf)
        info["report"] = {
            "ok": rep.ok, "stages": rep.stages, "resolutions": rep.resolutions,
            "pages": rep.pages, "pages_written": rep.pages_written,
            "pages_removed": rep.pages_removed, "mkdocs_mode": rep.mkdocs_mode,
            "search_shards": rep.search_shards, "copied": rep.copied, "removed": rep.removed,
            "cache_hits": rep.cache_hits, "files": rep.files}
        return rep
    gbuild.build = build_and_keep

    build_pdfs = gpdf.build_pdfs

    def build_pdfs_and_keep(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        stats = build_pdfs(*args, **kwargs)
        _add("pdfs", time.perf_counter() - t)
        info["pdf"] = {
            "files": len(stats.files), "rebuilt": stats.rebuilt, "unchanged": stats.unchanged,
            "removed": len(stats.removed), "total_seconds": stats.total_seconds,
            "pages": sum(f.pages for f in stats.files),
            "seconds_by_file": {f.name: round(f.seconds, 3) for f in stats.files if f.rebuilt},
            "warnings": len(stats.warnings)}
        return stats
    gpdf.build_pdfs = build_pdfs_and_keep


def main() -> int:
    out = Path(sys.argv[1])
    rest = sys.argv[2:]
    profile = None
    if rest[:1] == ["--profile"]:
        profile, rest = Path(rest[1]), rest[2:]
    if rest[:1] == ["--"]:
        rest = rest[1:]
    install()
    t0 = time.perf_counter()
    prof = cProfile.Profile() if profile else None
    if prof:
        prof.enable()
    try:
        rc = gcli.main(rest)
    finally:
        if prof:
            prof.disable()
            prof.dump_stats(str(profile))
    wall = time.perf_counter() - t0
    # Pagefind waits run in threads: give them a moment to record after the build waited
    time.sleep(0.05)
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {"rc": rc, "wall": wall, "timings": timings, **info,
              "maxrss_self": me.ru_maxrss * 1024, "maxrss_children": kids.ru_maxrss * 1024,
              "cpu_self": me.ru_utime + me.ru_stime, "cpu_children": kids.ru_utime + kids.ru_stime}
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    sys.stdout.flush()
    return rc


if __name__ == "__main__":
    sys.exit(main())
