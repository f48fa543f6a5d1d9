"""Resolutions -> PDFs that read like the official print: one per resolution and one volume.

``build_pdfs`` writes, into one folder:

- ``<slug>.pdf`` for every resolution (``A-RES-78-167.pdf``);
- ``<slug>-annotated.pdf`` for every resolution that has editor's notes;
- ``corpus.pdf``: every resolution in the order given, after a table of contents, with one
  outline (bookmark) tree per resolution.

The pipeline is model -> print HTML (`pdf_html`, templates/print/) -> WeasyPrint
(`pdf_render`, which also keeps each footnote on its call's page). Nothing is scraped from the
built site.

**Editor's notes go in a separate annotated PDF, not in the main one.** Readers quote a
resolution by page: the main PDF must paginate the same whatever editors write, and it is
the text alone (it says "not an official record", but holds nothing that is not in the
resolution). So ``<slug>.pdf`` never depends on the notes, an edited note rebuilds only
``<slug>-annotated.pdf``, and the volume carries no notes either.

**Only what changed is rebuilt.** Each PDF is keyed by content hashes
(`generator.cache.digest`) of everything it depends on: the resolution's model (its public JSON,
`model.to_dict`), its notes, and `print_fingerprint()`: the print templates and stylesheet,
the code of the modules that make the PDF, the versions of WeasyPrint and its libraries
(Pango, HarfBuzz included), and the font files fontconfig picks for the stylesheet's families.
A rendered PDF is kept in the cache under its key; a build takes unchanged PDFs from there and
writes a file only when its bytes differ (`output.write_if_changed`), so unchanged files keep
their modification time. The volume's key is made of its resolutions' keys, so it is rebuilt
when any of them changes. Rendering is deterministic (no dates in the file; WeasyPrint's file
identifier is a hash of the content), so deleting the cache only costs time.

**Parallel.** PDFs are rendered in a pool of worker processes (`jobs`, all cores by default),
each importing WeasyPrint and parsing the stylesheet once. The volume repeats the pages of the
single PDFs (every resolution starts on a new page, with the same page geometry), so it is laid
out last, starting from the page breaks its resolutions' own PDFs had to force, and normally
needs a single layout pass.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import pdf_render
from .cache import PACKAGE, Cache, digest
from .model import Resolution, to_dict
from .output import write_if_changed
from .pdf_html import Mode, print_document
from .templating import TEMPLATES

PRINT_TEMPLATES = TEMPLATES / "print"
STYLESHEET = PRINT_TEMPLATES / "print.css"
CORPUS_NAME = "corpus.pdf"
ANNOTATED_SUFFIX = "-annotated"

RENDER_MODULES = ("pdf.py", "pdf_html.py", "pdf_render.py", "segments.py", "templating.py",
                  "symbols.py", "model.py")
"""The modules whose code shapes a PDF (the model's own content is keyed separately)."""
FONT_FAMILIES = ("Liberation Serif", "Liberation Sans", "Liberation Mono", "serif", "sans-serif",
                 "monospace")
"""Families the stylesheet asks for: the files fontconfig gives for them key the cache."""
CACHE_NAMESPACE = "pdf"


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class PdfFile:
    """What a build did for one PDF."""

    name: str
    """File name in the output folder: ``A-RES-78-167.pdf``."""
    rebuilt: bool
    """Rendered in this build (False: taken from the cache)."""
    written: bool
    """The file on disk changed (False: it already held these bytes and was not touched)."""
    seconds: float
    """Time spent on it in this build: rendering, or fetching from the cache and comparing."""
    pages: int
    passes: int
    """Layout passes of the render that made it (more than 1 when footnotes were moved)."""
    displaced: tuple[str, ...] = ()
    """Footnotes the renderer could not keep on their call's page."""


@dataclass(slots=True)
class PdfStats:
    """What `build_pdfs` did."""

    files: list[PdfFile] = field(default_factory=list)
    """In output order: the resolutions' PDFs, the annotated ones, then the volume."""
    removed: list[str] = field(default_factory=list)
    """PDFs deleted from the output folder because no resolution makes them any more."""
    total_seconds: float = 0.0

    @property
    def rebuilt(self) -> int:
        """How many PDFs were rendered."""
        return sum(1 for f in self.files if f.rebuilt)

    @property
    def unchanged(self) -> int:
        """How many PDFs came from the cache."""
        return sum(1 for f in self.files if not f.rebuilt)

    @property
    def seconds(self) -> dict[str, float]:
        """Seconds per file."""
        return {f.name: f.seconds for f in self.files}

    @property
    def warnings(self) -> list[str]:
        """``A-RES-78-167.pdf: footnote fn3 called on p. 2, printed on p. 3``."""
        return [f"{f.name}: footnote {d}" for f in self.files for d in f.displaced]


# ---------------------------------------------------------------------------------------------
# Keys


def _read_fonts() -> list[bytes | str]:
    parts: list[bytes | str] = []
    if shutil.which("fc-match") is None:
        return ["no fontconfig"]
    files: set[str] = set()
    for family in FONT_FAMILIES:
        for style in ("", ":bold", ":italic", ":bold:italic"):
            res = subprocess.run(["fc-match", "-f", "%{file}", family + style],
                                 capture_output=True, text=True, check=False)
            if res.returncode == 0 and res.stdout:
                files.add(res.stdout)
    for name in sorted(files):
        parts.append(name)
        try:
            parts.append(Path(name).read_bytes())
        except OSError:
            parts.append("unreadable")
    return parts


def _native_versions() -> list[str]:
    out = []
    for lib, fn in (("libpango-1.0.so.0", "pango_version_string"),
                    ("libharfbuzz.so.0", "hb_version_string"),
                    ("libfontconfig.so.1", "FcGetVersion")):
        try:
            f = getattr(ctypes.CDLL(lib), fn)
            if fn == "FcGetVersion":
                f.restype = ctypes.c_int
                out.append(f"{lib}={f()}")
            else:
                f.restype = ctypes.c_char_p
                out.append(f"{lib}={f().decode()}")
        except (OSError, AttributeError):
            out.append(f"{lib}=?")
    return out


def _package_versions() -> list[str]:
    names = {"weasyprint", "Jinja2", "MarkupSafe"}
    try:
        for req in metadata.requires("weasyprint") or []:
            if "extra ==" not in req:
                names.add(req.split(";")[0].split("[")[0].split(">")[0].split("=")[0]
                          .split("<")[0].strip())
    except metadata.PackageNotFoundError:
        pass
    out = []
    for name in sorted(names, key=str.lower):
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}==?")
    return out


@lru_cache(maxsize=1)
def _environment_fingerprint() -> str:
    """Versions and font files: fixed for the life of a process."""
    return digest(*_package_versions(), *_native_versions(), *_read_fonts())


def print_fingerprint() -> str:
    """Hash of everything but the resolution that shapes a PDF: print templates and stylesheet,
    the rendering code, WeasyPrint and library versions, font files. Templates and code are
    read on every call (a long-running process sees them change)."""
    parts: list[bytes | str] = [_environment_fingerprint()]
    for path in sorted(p for p in PRINT_TEMPLATES.rglob("*") if p.is_file()):
        parts += [path.relative_to(PRINT_TEMPLATES).as_posix(), path.read_bytes()]
    for name in RENDER_MODULES:
        parts += [name, (PACKAGE / name).read_bytes()]
    return digest(*parts)


def model_digest(r: Resolution) -> str:
    """Hash of a resolution's model (its public JSON, keys sorted)."""
    return digest(json.dumps(to_dict(r), sort_keys=True, ensure_ascii=False))


# ---------------------------------------------------------------------------------------------
# Plan


@dataclass(frozen=True, slots=True)
class _Job:
    name: str
    mode: Mode
    members: tuple[int, ...]
    """Indexes into the resolutions given."""
    key: str
    notes: Mapping[str, Mapping[str, str]] | None = None


def _plan(resolutions: Sequence[Resolution],
          notes: Mapping[str, Mapping[str, str]]) -> tuple[list[_Job], _Job | None]:
    fingerprint = print_fingerprint()
    seen: dict[str, str] = {}
    for r in resolutions:
        if not r.slug:
            raise ValueError(f"{r.symbol}: resolution without a slug")
        if r.slug in seen:
            raise ValueError(f"two texts print to {r.slug}.pdf: {seen[r.slug]} and {r.source.path}")
        seen[r.slug] = r.source.path
    unknown = sorted(set(notes) - set(seen))
    if unknown:
        raise ValueError("editor's notes for resolutions not in the corpus: " + ", ".join(unknown))
    for r in resolutions:
        missing = sorted(set(notes.get(r.slug, {})) - {p.id for p in r.walk()} - {"resolution"})
        if missing:
            raise ValueError(f"{r.symbol}: editor's notes for paragraphs the text does not "
                             "have: " + ", ".join(missing))
    models = [model_digest(r) for r in resolutions]
    jobs: list[_Job] = []
    for i, r in enumerate(resolutions):
        jobs.append(_Job(f"{r.slug}.pdf", "single", (i,), digest("single", fingerprint, models[i])))
    for i, r in enumerate(resolutions):
        n = notes.get(r.slug)
        if n:
            key = digest("annotated", fingerprint, models[i], json.dumps(n, sort_keys=True))
            jobs.append(_Job(f"{r.slug}{ANNOTATED_SUFFIX}.pdf", "annotated", (i,), key,
                             {r.slug: n}))
    corpus = None
    if resolutions:
        corpus = _Job(CORPUS_NAME, "corpus", tuple(range(len(resolutions))),
                      digest("corpus", fingerprint, *(j.key for j in jobs[:len(resolutions)])))
    return jobs, corpus


# ---------------------------------------------------------------------------------------------
# Work


@dataclass(frozen=True, slots=True)
class _Made:
    pdf: bytes
    pages: int
    passes: int
    forced: tuple[str, ...]
    displaced: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Task:
    """What a worker needs to render one PDF."""

    job: _Job
    resolutions: list[Resolution]
    forced: tuple[str, ...] = ()


def _render(task: _Task) -> pdf_render.RenderResult:
    """Worker entry: model -> HTML -> PDF."""
    doc = print_document(task.resolutions, task.job.mode, task.job.notes)
    return pdf_render.render(doc.html, STYLESHEET, doc.footnotes, doc.blocks, task.forced)


def _run(tasks: Sequence[_Task], pool: ProcessPoolExecutor | None
         ) -> Iterator[tuple[_Job, pdf_render.RenderResult]]:
    """Render the tasks, in the pool when there is one, yielding each result as it comes."""
    if pool is None:
        for task in tasks:
            yield task.job, _render(task)
        return
    futures = {pool.submit(_render, task): task.job for task in tasks}
    for fut in as_completed(futures):
        yield futures[fut], fut.result()


def _pool(jobs: int, work: int) -> ProcessPoolExecutor | None:
    """A pool of `jobs` workers, or None when rendering in this process is as fast."""
    if jobs <= 1 or work <= 1:
        return None
    # Workers are forked from the caller when it runs a single thread (they start at once and
    # share its imported modules); a caller with threads gets forkserver, since forking a
    # process whose other threads may hold locks can deadlock the child. Either way each
    # worker imports WeasyPrint once (init_worker), and the bytes are the same (tested).
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if threading.active_count() == 1 and "fork" in methods else \
        "forkserver" if "forkserver" in methods else "spawn"
    return ProcessPoolExecutor(max_workers=min(jobs, work),
                               mp_context=multiprocessing.get_context(method),
                               initializer=pdf_render.init_worker, initargs=(STYLESHEET,))


def build_pdfs(resolutions: Sequence[Resolution], out_dir: Path, cache_dir: Path, *,
               jobs: int | None = None,
               notes: Mapping[str, Mapping[str, str]] | None = None) -> PdfStats:
    """Write a PDF per resolution, an annotated PDF per resolution with notes, and
    ``corpus.pdf`` (all of them, in the order given) into `out_dir`; render only what changed.

    `notes` maps slug -> paragraph id -> an editor's note as safe HTML (sanitised by the
    caller). PDFs in `out_dir` that no resolution makes any more are removed. Raises
    ValueError for two texts with one slug or notes on unknown resolutions or paragraphs."""
    t0 = time.perf_counter()
    notes = notes or {}
    jobs = jobs or os.cpu_count() or 1
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = Cache(cache_dir, CACHE_NAMESPACE)
    plan, corpus = _plan(resolutions, notes)
    stats = PdfStats()
    done: dict[str, PdfFile] = {}
    made: dict[str, _Made] = {}

    def finish(job: _Job, res: pdf_render.RenderResult) -> None:
        m = _Made(res.pdf, res.pages, res.passes, res.forced, res.displaced)
        cache.put(job.key, m)
        store(job, m, True, res.seconds)

    def store(job: _Job, m: _Made, rebuilt: bool, seconds: float) -> None:
        t = time.perf_counter()
        written = write_if_changed(out_dir / job.name, m.pdf)
        made[job.name] = m
        done[job.name] = PdfFile(job.name, rebuilt, written, seconds + time.perf_counter() - t,
                                 m.pages, m.passes, m.displaced)

    def cached(job: _Job) -> bool:
        t = time.perf_counter()
        value = cache.get(job.key)
        if isinstance(value, _Made):
            store(job, value, False, time.perf_counter() - t)
            return True
        return False

    todo = [j for j in plan if not cached(j)]
    corpus_todo = corpus is not None and not cached(corpus)
    # Longest first, so that the pool is not left waiting on one long text at the end.
    todo.sort(key=lambda j: -_size(resolutions[j.members[0]]))
    pool = _pool(jobs, len(todo) + (1 if corpus_todo else 0))
    try:
        tasks = [_Task(j, [resolutions[i] for i in j.members]) for j in todo]
        if corpus is not None and corpus_todo:
            # the volume repeats its resolutions' pages: start from the breaks they needed
            # (known once every single PDF is made, hence last)
            for job, res in _run(tasks, pool):
                finish(job, res)
            seeds = [f"{resolutions[i].slug}-{b}" for i in corpus.members
                     for b in made[f"{resolutions[i].slug}.pdf"].forced]
            tasks = [_Task(corpus, list(resolutions), tuple(seeds))]
        for job, res in _run(tasks, pool):
            finish(job, res)
    finally:
        if pool is not None:
            pool.shutdown()
    stats.files = [done[j.name] for j in plan] + ([done[corpus.name]] if corpus else [])
    wanted = {f.name for f in stats.files}
    for path in sorted(out_dir.glob("*.pdf")):
        if path.name not in wanted:
            path.unlink()
            stats.removed.append(path.name)
    stats.total_seconds = time.perf_counter() - t0
    return stats


def _size(r: Resolution) -> int:
    """Characters of text: a rough measure of how long a resolution takes to lay out."""
    return sum(len(p.text) for p in r.walk()) + sum(len(f.text) for f in r.footnotes)
