"""MkDocs renders the generated Markdown; then the built site replaces site/ in one step.

MkDocs builds into a staging folder in the cache, never into site/ directly, so that a failed
build leaves site/ as it was. The staging folder persists between builds: when nothing but
Markdown changed since the last build (same mkdocs.yml, assets, hand-written pages' set, tool
versions), MkDocs' dirty build re-renders only the pages whose Markdown the generator rewrote
(it compares modification times, and the generator writes a page only when its bytes change).
That is sound here because the navigation lists index pages only: no generated page appears in
another page's navigation, and pages that moved or vanished are removed by `_remove_stale`.
Any other change triggers a full build.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from .cache import digest

log = logging.getLogger("resodocs")
STAMP = ".resodocs-mkdocs-stamp"


@dataclass(slots=True)
class MkDocsResult:
    """What the MkDocs stage did."""

    mode: str
    """``full`` or ``dirty``."""
    warnings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    """Collects MkDocs' warnings and errors (printed by the build, counted under strict)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if msg.startswith("A 'dirty' build is being performed"):
            return  # the dirty build is ours and sound (see the module docstring)
        self.messages.append(f"{record.levelname}: {msg}")


class _DropDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _stamp(config_file: Path, docs: Path, site_url: str | None, pages: list[str]) -> str:
    parts: list[bytes | str] = [config_file.read_bytes(), site_url or ""]
    for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown"):
        parts.append(f"{name}=={version(name)}")
    assets = docs / "assets"
    if assets.is_dir():
        for p in sorted(assets.rglob("*")):
            if p.is_file():
                parts += [p.relative_to(docs).as_posix(), p.read_bytes()]
    parts += pages  # the set of pages: a new or removed page changes nothing else's HTML,
    # but the hand-written pages in the nav do; both are cheap to include
    return digest(*parts)


def _dest(page: str) -> str:
    if page == "index.md":
        return "index.html"
    if page.endswith("/index.md"):
        return page[: -len(".md")] + ".html"
    return page[: -len(".md")] + "/index.html"


def _remove_stale(stage: Path, pages: list[str]) -> list[str]:
    wanted = {_dest(p) for p in pages} | {"404.html"}
    removed = []
    for html in sorted(stage.rglob("*.html"), reverse=True):
        rel = html.relative_to(stage).as_posix()
        if rel.startswith("assets/") or rel in wanted:
            continue
        html.unlink()
        removed.append(rel)
        for d in html.parents:
            if d == stage or any(d.iterdir()):
                break
            d.rmdir()
    return removed


SPLIT_AT = 600
"""From this many pages on, MkDocs runs as two processes (see `run_mkdocs`)."""

DOCUMENTS = "documents/"


@dataclass(frozen=True, slots=True)
class _Part:
    """One MkDocs process: the pages it renders and the ones it leaves to the other."""

    name: str
    stage: Path
    exclude: str
    """gitignore-style patterns of MkDocs' ``exclude_docs``: pages the other part renders."""
    pages: tuple[str, ...]


def _parts(stage: Path, pages: list[str]) -> list[_Part]:
    """One part, or two for a large site: the cited-document pages (many small pages, whose
    cost is MkDocs' per-page work) and everything else, about half the time each."""
    if len(pages) < SPLIT_AT:
        return [_Part("site", stage, "", tuple(pages))]
    docs = tuple(p for p in pages if p.startswith(DOCUMENTS) and p != DOCUMENTS + "index.md")
    rest = tuple(p for p in pages if p not in set(docs))
    return [
        _Part("site", stage, f"/{DOCUMENTS}*.md\n!/{DOCUMENTS}index.md\n", rest),
        _Part("documents", stage.with_name(stage.name + "-documents"),
              "/*\n!/" + DOCUMENTS + "\n/" + DOCUMENTS + "index.md\n", docs),
    ]


def _build_part(config_file: Path, docs: Path, part: _Part, site_url: str | None,
                stamp: str) -> MkDocsResult:
    """Run MkDocs for one part (in this process or a forked one)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build  # noqa: PLC0415 - heavy, and only this stage needs it
    from mkdocs.config import load_config  # noqa: PLC0415
    from mkdocs.exceptions import Abort, MkDocsException  # noqa: PLC0415

    # MkDocs' own strictness comes from mkdocs.yml (strict: true): a warning from MkDocs means a
    # broken page, whatever --strict says about warnings on the input texts
    overrides: dict[str, object] = {"docs_dir": str(docs), "site_dir": str(part.stage)}
    if part.exclude:
        overrides["exclude_docs"] = part.exclude
    if site_url:
        overrides["site_url"] = site_url
    stamp_file = part.stage / STAMP
    dirty = stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp
    handler = _Collect()
    mk_log = logging.getLogger("mkdocs")
    drop = _DropDirty()
    mk_log.addHandler(handler)
    logging.getLogger("mkdocs.commands.build").addFilter(drop)
    previous = mk_log.propagate
    mk_log.propagate = False
    try:
        config = load_config(str(config_file), **overrides)  # type: ignore[arg-type]
        if stamp_file.exists():
            stamp_file.unlink()  # a failed build must not be trusted by the next dirty one
        build(config, dirty=dirty)
    except (Abort, MkDocsException, OSError) as exc:
        messages = handler.messages or [str(exc)]
        raise RuntimeError("MkDocs failed:\n  " + "\n  ".join(messages)) from None
    finally:
        mk_log.removeHandler(handler)
        logging.getLogger("mkdocs.commands.build").removeFilter(drop)
        mk_log.propagate = previous
    result = MkDocsResult("dirty" if dirty else "full", handler.messages)
    if dirty:
        result.removed = _remove_stale(part.stage, list(part.pages))
    stamp_file.write_text(stamp, encoding="utf-8")
    return result


def run_mkdocs(config_file: Path, docs: Path, stage: Path, *, strict: bool,
               site_url: str | None, pages: list[str],
               nav_pages: list[str]) -> tuple[MkDocsResult, dict[str, Path]]:
    """Build `docs` (full or dirty, see the module docstring). A large site is built by two
    MkDocs processes side by side, each with MkDocs' own ``exclude_docs`` leaving the other's
    pages out (links to them are still resolved); their outputs and sitemaps are merged.
    Returns the result and the folders to publish (site-relative prefix -> folder). Raises
    RuntimeError with MkDocs' messages when the build fails."""
    stamp = _stamp(config_file, docs, site_url, nav_pages + [str(strict)])
    parts = _parts(stage, pages)
    if len(parts) == 1:
        return _build_part(config_file, docs, parts[0], site_url, stamp), {"": stage}
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        other = pool.submit(_build_part, config_file, docs, parts[1], site_url, stamp)
        first_error: RuntimeError | None = None
        try:
            result = _build_part(config_file, docs, parts[0], site_url, stamp)
        except RuntimeError as exc:
            first_error = exc
        second = other.result()  # raises the other part's RuntimeError, if any
        if first_error is not None:
            raise first_error
    result.warnings += second.warnings
    result.removed += second.removed
    if second.mode == "full":
        result.mode = "full"
    _merge_sitemaps(parts[0].stage, parts[1].stage)
    return result, {"": parts[0].stage, DOCUMENTS.rstrip("/"): parts[1].stage / DOCUMENTS}


_URL_RE = re.compile(r"<url>.*?</url>", re.S)


def _merge_sitemaps(main: Path, other: Path) -> None:
    """One sitemap listing the pages of both parts, in URL order."""
    path = main / "sitemap.xml"
    if not path.exists() or not (other / "sitemap.xml").exists():
        return
    text = path.read_text(encoding="utf-8")
    urls = _URL_RE.findall(text) + _URL_RE.findall((other / "sitemap.xml").read_text(encoding="utf-8"))
    body = "\n".join(" ".join(u.split()) for u in sorted(set(urls)))
    head = text[: text.index("<url>")] if "<url>" in text else text[: text.rindex("</urlset>")]
    merged = f"{head.rstrip()}\n{body}\n</urlset>\n"
    path.write_text(merged, encoding="utf-8")
    with (main / "sitemap.xml.gz").open("wb") as f:
        f.write(gzip.compress(merged.encode("utf-8"), mtime=0))


def _files(root: Path, prefix: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(relative POSIX path, entry) of every file under `root`, by os.scandir (its entries
    cache what a stat costs, which matters at seven thousand files)."""
    with os.scandir(root) as it:
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        if e.is_dir(follow_symlinks=False):
            yield from _files(Path(e.path), f"{prefix}{e.name}/")
        else:
            yield f"{prefix}{e.name}", e


def publish(sources: dict[str, Path], site: Path, keep: tuple[str, ...] = ("pdf/",)) -> tuple[int, int]:
    """Make `site` the union of the `sources` folders (site-relative prefix -> folder): copy
    files that are new or changed (by size and modification time, which copies keep), remove
    files no source has, except under `keep`. Returns (copied, removed)."""
    wanted: dict[str, os.DirEntry[str]] = {}
    for prefix, folder in sources.items():
        if not folder.is_dir():
            continue
        for rel, entry in _files(folder):
            if not entry.name.startswith(".resodocs-"):
                wanted[(f"{prefix}/" if prefix else "") + rel] = entry
    site.mkdir(parents=True, exist_ok=True)
    present = dict(_files(site))
    copied = removed = 0
    for rel in sorted(wanted):
        src = wanted[rel]
        dst = site / rel
        s = src.stat()
        d = present[rel].stat() if rel in present else None
        if d is not None and d.st_size == s.st_size and (
                d.st_mtime_ns == s.st_mtime_ns or dst.read_bytes() == Path(src.path).read_bytes()):
            if d.st_mtime_ns != s.st_mtime_ns:  # same bytes: remember it by the mtime
                os.utime(src.path, ns=(d.st_atime_ns, d.st_mtime_ns))
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.tmp")
        shutil.copy2(src.path, tmp)
        os.replace(tmp, dst)
        copied += 1
    for rel in sorted(present, reverse=True):
        if rel not in wanted and not rel.startswith(keep):
            path = site / rel
            path.unlink()
            removed += 1
            # the folders this removal emptied go too
            for folder in path.parents:
                if folder == site or any(folder.iterdir()):
                    break
                folder.rmdir()
    return copied, removed
