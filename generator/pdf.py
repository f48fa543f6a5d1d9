"""Resolutions -> PDFs that read like the official print: one per resolution and one volume.

``build_pdfs`` writes, into one folder:

- ``<slug>.pdf`` for every resolution (``A-RES-78-167.pdf``);
- ``<slug>-annotated.pdf`` for every resolution that has editor's notes;
- ``corpus.pdf``: every resolution in the order given, after a table of contents, with one
  outline (bookmark) entry per resolution holding that resolution's own outline.

A resolution's PDF goes model -> print HTML (`pdf_html`, templates/print/) -> WeasyPrint
(`pdf_render`, which also keeps each footnote on its call's page). Nothing is scraped from the
built site.

**The volume is bound, not laid out again** (`pdf_volume`): WeasyPrint lays out only its table
of contents, and the resolutions' own PDFs follow it page for page (pikepdf). So each
resolution keeps its own running header and its own "n/N" page numbers, as the documents
bound in a printed volume of resolutions do; the volume's page labels number its pages i, ii,
... (the contents) and 1, 2, ... (the resolutions), and the contents give each resolution the
label of its first page, known from the page counts of the resolutions' PDFs. Binding a
thousand resolutions takes seconds, where one WeasyPrint layout of them took a quarter of an
hour and gigabytes; the contents are laid out in a worker while the main process binds.

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
A rendered PDF is kept in the cache under its key. The cache also keeps, per output folder, a
manifest: each file's key, size and modification time when this code last wrote or checked
it. A file whose key is unchanged and that still has that size and time is left alone without
being read; any other is taken from the cache (or rendered) and written only when its bytes
differ (`output.write_if_changed`), so unchanged files keep their modification time. The
volume's key is made of its resolutions' keys in order, so adding a text renders that text's
PDF (and its annotated one, if it has notes) and binds the volume again: seconds. Rendering
and binding are deterministic (no dates in the files; the file identifiers are hashes of the
content), so deleting the cache only costs time.

**Parallel, with bounded memory.** PDFs are rendered in a pool of worker processes (`jobs`,
all cores by default), longest text first. The workers are started from a fork server
(``forkserver``: they do not inherit the parsed corpus of the main process), import WeasyPrint
once and parse the stylesheet once, write their PDF and cache entry themselves, and hand back
only figures. Each worker is replaced after `MAX_TASKS_PER_WORKER` PDFs, so what WeasyPrint
leaves behind in a process cannot pile up over a thousand renders.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import multiprocessing.pool
import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import pdf_render
from .cache import PACKAGE, Cache, digest
from .model import Resolution, to_dict
from .output import write_if_changed
from .pdf_html import Mode, contents_document, print_document, volume_info
from .templating import TEMPLATES

PRINT_TEMPLATES = TEMPLATES / "print"
STYLESHEET = PRINT_TEMPLATES / "print.css"
CONTENTS_STYLESHEET = PRINT_TEMPLATES / "contents.css"
CONTENTS_PREFIX = "contents."
"""Templates named so shape only a volume's contents, not the resolutions' PDFs."""
CORPUS_NAME = "corpus.pdf"
ANNOTATED_SUFFIX = "-annotated"

RENDER_MODULES = ("pdf.py", "pdf_html.py", "pdf_render.py", "segments.py", "templating.py",
                  "symbols.py", "model.py")
"""The modules whose code shapes a PDF (the model's own content is keyed separately)."""
VOLUME_MODULES = ("pdf_volume.py",)
"""The modules that bind a volume (besides those above)."""
FONT_FAMILIES = ("Liberation Serif", "Liberation Sans", "Liberation Mono", "serif", "sans-serif",
                 "monospace")
"""Families the stylesheet asks for: the files fontconfig gives for them key the cache."""
CACHE_NAMESPACE = "pdf"
MAX_TASKS_PER_WORKER = 50
"""PDFs a worker process renders before a fresh one replaces it."""


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
    """Hash of everything but the resolution that shapes a resolution's PDF: the print
    templates and stylesheet (not the contents'), the rendering code, WeasyPrint and library
    versions, font files. Templates and code are read on every call (a long-running process
    sees them change)."""
    parts: list[bytes | str] = [_environment_fingerprint()]
    for path in sorted(p for p in PRINT_TEMPLATES.rglob("*")
                       if p.is_file() and not p.name.startswith(CONTENTS_PREFIX)):
        parts += [path.relative_to(PRINT_TEMPLATES).as_posix(), path.read_bytes()]
    for name in RENDER_MODULES:
        parts += [name, (PACKAGE / name).read_bytes()]
    return digest(*parts)


def volume_fingerprint() -> str:
    """Hash of what binds a volume besides its resolutions' PDFs: the contents' template and
    stylesheet, the binding code, the pikepdf version (which pins its bundled qpdf)."""
    parts: list[bytes | str] = [print_fingerprint(), f"pikepdf=={pikepdf_version()}"]
    for path in sorted(PRINT_TEMPLATES.glob(CONTENTS_PREFIX + "*")):
        parts += [path.name, path.read_bytes()]
    for name in VOLUME_MODULES:
        parts += [name, (PACKAGE / name).read_bytes()]
    return digest(*parts)


def pikepdf_version() -> str:
    """pikepdf's version (its wheel bundles the qpdf it wraps, so this pins both)."""
    try:
        return f"{metadata.version('pikepdf')}"
    except metadata.PackageNotFoundError:
        return "?"


def model_digest(r: Resolution) -> str:
    """Hash of a resolution's model (its public JSON, keys sorted)."""
    return digest(json.dumps(to_dict(r), sort_keys=True, ensure_ascii=False))


# ---------------------------------------------------------------------------------------------
# Plan


@dataclass(frozen=True, slots=True)
class _Job:
    name: str
    mode: Mode
    index: int
    """The resolution's index in the resolutions given."""
    key: str
    notes: Mapping[str, Mapping[str, str]] | None = None


def _plan(resolutions: Sequence[Resolution],
          notes: Mapping[str, Mapping[str, str]]) -> list[_Job]:
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
        jobs.append(_Job(f"{r.slug}.pdf", "single", i, digest("single", fingerprint, models[i])))
    for i, r in enumerate(resolutions):
        n = notes.get(r.slug)
        if n:
            key = digest("annotated", fingerprint, models[i], json.dumps(n, sort_keys=True))
            jobs.append(_Job(f"{r.slug}{ANNOTATED_SUFFIX}.pdf", "annotated", i, key,
                             {r.slug: n}))
    return jobs


def _volume_key(resolutions: Sequence[Resolution], singles: Sequence[_Job]) -> str:
    return digest("volume", volume_fingerprint(),
                  *(f"{r.slug}\0{j.key}" for r, j in zip(resolutions, singles, strict=True)))


# ---------------------------------------------------------------------------------------------
# Work


@dataclass(frozen=True, slots=True)
class _Made:
    """A rendered PDF, as the cache keeps it."""

    pdf: bytes
    pages: int
    passes: int
    forced: tuple[str, ...]
    displaced: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Output:
    """A file of the output folder as this code last wrote or checked it (the manifest)."""

    key: str
    size: int
    mtime_ns: int
    pages: int
    passes: int = 1
    displaced: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Task:
    """What a worker needs to render one PDF and file it."""

    job: _Job
    resolution: Resolution
    path: Path
    cache_dir: Path


@dataclass(frozen=True, slots=True)
class _Done:
    """What a worker hands back: figures, not the PDF."""

    name: str
    written: bool
    output: _Output
    seconds: float


def _render(task: _Task) -> _Done:
    """Worker entry: model -> HTML -> PDF, stored in the cache and written to its file."""
    t0 = time.perf_counter()
    job = task.job
    doc = print_document([task.resolution], job.mode, job.notes)
    res = pdf_render.render(doc.html, STYLESHEET, doc.footnotes, doc.blocks)
    Cache(task.cache_dir, CACHE_NAMESPACE).put(
        job.key, _Made(res.pdf, res.pages, res.passes, res.forced, res.displaced))
    written = write_if_changed(task.path, res.pdf)
    st = task.path.stat()
    return _Done(job.name, written,
                 _Output(job.key, st.st_size, st.st_mtime_ns, res.pages, res.passes, res.displaced),
                 time.perf_counter() - t0)


def _render_contents(html: str) -> tuple[bytes, int]:
    """Worker entry: a volume's contents."""
    return pdf_render.render_plain(html, CONTENTS_STYLESHEET)


def _init_worker() -> None:
    pdf_render.init_worker(STYLESHEET)
    pdf_render.init_worker(CONTENTS_STYLESHEET)


def _pool(jobs: int, work: int) -> multiprocessing.pool.Pool | None:
    """A pool of `jobs` workers, or None when rendering in this process is as fast."""
    if jobs <= 1 or work <= 1:
        return None
    # A fork server starts each worker from a small process that has imported WeasyPrint and
    # this module, not from the caller: the workers do not carry the caller's corpus (nor
    # its threads), and a fresh one starts in milliseconds when an old one retires.
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["weasyprint", __name__])
    return ctx.Pool(min(jobs, work), initializer=_init_worker,
                    maxtasksperchild=MAX_TASKS_PER_WORKER)


def _run(tasks: Sequence[_Task], pool: multiprocessing.pool.Pool | None) -> Iterator[_Done]:
    """Render the tasks, in the pool when there is one, yielding each as it is done."""
    if pool is None:
        for task in tasks:
            yield _render(task)
        return
    yield from pool.imap_unordered(_render, tasks)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


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
    plan = _plan(resolutions, notes)
    manifest_key = digest("outputs", str(out_dir.resolve()))
    stored = cache.get(manifest_key)
    manifest: dict[str, _Output] = stored if isinstance(stored, dict) else {}
    outputs: dict[str, _Output] = {}
    done: dict[str, PdfFile] = {}

    def unchanged(name: str, key: str) -> bool:
        """Whether `name` is as this code last left it for `key` (not read)."""
        known = manifest.get(name)
        if known is None or known.key != key or _stat(out_dir / name) != (known.size,
                                                                           known.mtime_ns):
            return False
        outputs[name] = known
        done[name] = PdfFile(name, False, False, 0.0, known.pages, known.passes, known.displaced)
        return True

    def from_cache(job: _Job) -> bool:
        t = time.perf_counter()
        made = cache.get(job.key)
        if not isinstance(made, _Made):
            return False
        path = out_dir / job.name
        written = write_if_changed(path, made.pdf)
        st = path.stat()
        outputs[job.name] = _Output(job.key, st.st_size, st.st_mtime_ns, made.pages,
                                    made.passes, made.displaced)
        done[job.name] = PdfFile(job.name, False, written, time.perf_counter() - t,
                                 made.pages, made.passes, made.displaced)
        return True

    todo = [j for j in plan if not unchanged(j.name, j.key) and not from_cache(j)]
    singles = plan[:len(resolutions)]
    volume_key = _volume_key(resolutions, singles) if resolutions else ""
    volume_todo = bool(resolutions) and not unchanged(CORPUS_NAME, volume_key)
    # Longest first, so that the pool is not left waiting on one long text at the end.
    todo.sort(key=lambda j: -_size(resolutions[j.index]))
    pool = _pool(jobs, len(todo) + (1 if volume_todo else 0))
    try:
        tasks = [_Task(j, resolutions[j.index], out_dir / j.name, cache_dir) for j in todo]
        for d in _run(tasks, pool):
            outputs[d.name] = d.output
            done[d.name] = PdfFile(d.name, True, d.written, d.seconds, d.output.pages,
                                   d.output.passes, d.output.displaced)
        if volume_todo:
            t = time.perf_counter()
            volume, pages = _bind(resolutions, [outputs[j.name] for j in singles], out_dir,
                                  cache, pool)
            written = write_if_changed(out_dir / CORPUS_NAME, volume)
            size_mtime = _stat(out_dir / CORPUS_NAME)
            assert size_mtime is not None
            outputs[CORPUS_NAME] = _Output(volume_key, *size_mtime, pages)
            done[CORPUS_NAME] = PdfFile(CORPUS_NAME, True, written, time.perf_counter() - t,
                                        pages, 1)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    names = [j.name for j in plan] + ([CORPUS_NAME] if resolutions else [])
    stats = PdfStats(files=[done[n] for n in names])
    wanted = set(names)
    for path in sorted(out_dir.glob("*.pdf")):
        if path.name not in wanted:
            path.unlink()
            stats.removed.append(path.name)
    new_manifest = {n: outputs[n] for n in names}
    if new_manifest != manifest:
        cache.put(manifest_key, new_manifest)
    stats.total_seconds = time.perf_counter() - t0
    return stats


def _bind(resolutions: Sequence[Resolution], singles: Sequence[_Output], out_dir: Path,
          cache: Cache, pool: multiprocessing.pool.Pool | None) -> tuple[bytes, int]:
    """The volume: contents laid out (in a worker, while this process binds), then bound."""
    from . import pdf_volume  # pikepdf only where a volume is made

    first_pages = []
    page = 1
    for out in singles:
        first_pages.append(page)
        page += out.pages
    html = contents_document(resolutions, first_pages)
    contents_key = digest("contents", volume_fingerprint(), html)
    cached = cache.get(contents_key)
    pending = None
    if not (isinstance(cached, tuple) and len(cached) == 2):
        cached = None
        if pool is not None:
            pending = pool.apply_async(_render_contents, (html,))
    parts = [pdf_volume.VolumePart(r.slug, f"{r.symbol} {r.title}", str(out_dir / f"{r.slug}.pdf"))
             for r in resolutions]

    def contents() -> bytes:
        nonlocal cached
        if cached is None:
            cached = pending.get() if pending is not None else _render_contents(html)
            cache.put(contents_key, cached)
        return cached[0]

    return pdf_volume.bind(contents, parts, volume_info(resolutions))


def _size(r: Resolution) -> int:
    """Characters of text: a rough measure of how long a resolution takes to lay out."""
    return sum(len(p.text) for p in r.walk()) + sum(len(f.text) for f in r.footnotes)
