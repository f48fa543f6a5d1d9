"""The PDF stage: alone (``resodocs pdf``, which ``make site`` runs after ``resodocs build``)
or beside the site build (``resodocs build --pdf``).

Beside the site, the PDFs are made in a process forked once the corpus is read and the notes
are checked: it shares the parsed corpus with the build (nothing is read or parsed twice) and
works on the second core while the build writes pages and MkDocs renders them, which are
mostly one core's work when little changed; but the two builds' memory is then held at once
(``make bench`` measures both ways, see the README). The PDFs go to ``site/pdf/``, which the site's
publishing leaves alone; each file is written whole (a temporary file, then a rename).
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Mapping, Sequence
from typing import Any

from .model import Resolution
from .project import Settings


def html_notes(notes: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """slug -> paragraph id -> the note as safe HTML (as the PDFs print it)."""
    return {slug: {pid: n.html for pid, n in by_pid.items()} for slug, by_pid in notes.items()}


def write_pdfs(settings: Settings, resolutions: Sequence[Resolution],
               notes: Mapping[str, Mapping[str, str]]) -> bool:
    """Make the PDFs into ``site/pdf/`` and print what was done. False on failure."""
    from .pdf import build_pdfs  # noqa: PLC0415  (WeasyPrint only where PDFs are made)

    t0 = time.perf_counter()
    out = settings.site / "pdf"
    try:
        stats = build_pdfs(resolutions, out, settings.cache, jobs=settings.jobs, notes=notes)
    except ValueError as exc:
        print(f"resodocs: error: {exc}", file=sys.stderr, flush=True)
        return False
    for w in stats.warnings:
        print(f"resodocs: warning: {w}", file=sys.stderr)
    secs = [f.seconds for f in stats.files if f.rebuilt]
    per = f", {sum(secs) / len(secs):.2f}s per rebuilt PDF" if secs else ""
    print(f"resodocs: {len(stats.files)} PDFs in {settings.display(out)}/ ({stats.rebuilt} "
          f"rebuilt, {stats.unchanged} unchanged{per}) in {time.perf_counter() - t0:.1f}s",
          flush=True)
    return True


def _child(settings: Settings, resolutions: Sequence[Resolution],
           notes: Mapping[str, Mapping[str, str]]) -> None:
    try:
        ok = write_pdfs(settings, resolutions, notes)
    except Exception as exc:  # noqa: BLE001  (said in one line, never a traceback)
        print(f"resodocs: error: PDFs failed: {type(exc).__name__}: {exc}", file=sys.stderr,
              flush=True)
        ok = False
    sys.stdout.flush()
    sys.exit(0 if ok else 1)


class Beside:
    """The PDF stage running in a forked process beside the site build."""

    def __init__(self, settings: Settings, resolutions: Sequence[Resolution],
                 notes: Mapping[str, Mapping[str, str]]) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        ctx = multiprocessing.get_context("fork")
        self._process = ctx.Process(target=_child, args=(settings, resolutions, notes),
                                    name="resodocs-pdf")
        self._process.start()

    def wait(self) -> bool:
        """Wait for the PDFs; True when they were all made."""
        self._process.join()
        return self._process.exitcode == 0

    def stop(self) -> None:
        """Stop the PDFs (the site failed)."""
        self._process.terminate()
        self._process.join()
        print("resodocs: PDFs stopped", file=sys.stderr, flush=True)
