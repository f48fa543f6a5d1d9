"""Where things are, and loading a content folder into a corpus (shared by every command)."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache, digest
from .collect import Collected, choose_sources, collect, load_all
from .corpus import Corpus
from .diagnostics import Diagnostic, Level
from .load import Loaded

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Settings:
    """A build's folders and switches."""

    content: Path
    """Holds ``resolutions/`` (texts), optionally ``annotations/`` and ``pages/``."""
    site: Path
    cache: Path
    config: Path
    """mkdocs.yml."""
    strict: bool = False
    site_url: str | None = None
    """Overrides mkdocs.yml's site_url (the address the site is served from)."""
    jobs: int | None = None

    @classmethod
    def make(cls, content: str | None = None, site: str | None = None, cache: str | None = None,
             config: str | None = None, strict: bool = False, site_url: str | None = None,
             jobs: int | None = None) -> Settings:
        """Settings with defaults: ``content/``, ``site/``, ``.cache/`` in the current folder,
        mkdocs.yml from the current folder or else the project's own."""
        cwd = Path.cwd()
        cfg = Path(config) if config else (cwd / "mkdocs.yml" if (cwd / "mkdocs.yml").exists()
                                           else REPO / "mkdocs.yml")
        return cls(content=Path(content or "content").resolve(),
                   site=Path(site or "site").resolve(),
                   cache=Path(cache or os.environ.get("RESODOCS_CACHE", ".cache")).resolve(),
                   config=cfg.resolve(), strict=strict,
                   site_url=site_url or os.environ.get("RESODOCS_SITE_URL") or None, jobs=jobs)

    @property
    def work(self) -> Path:
        """The build's working folder in the cache (one per site folder)."""
        return self.cache / "sites" / digest(str(self.site))[:16]

    def display(self, path: Path) -> str:
        """How a file is named in diagnostics and in the model: relative to the current
        folder when it is inside it, else absolute."""
        try:
            return path.resolve().relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.resolve().as_posix()


@dataclass(slots=True)
class Loading:
    """The outcome of loading a content folder."""

    corpus: Corpus | None
    loaded: list[Loaded] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    collected: Collected = field(default_factory=Collected)
    seconds: float = 0.0
    cache_hits: int = 0

    def failed(self, strict: bool) -> bool:
        """Whether the build must stop (nothing is written then)."""
        return self.corpus is None or any(
            d.level is Level.ERROR or strict for d in self.diagnostics)


def print_diagnostics(diagnostics: list[Diagnostic], strict: bool) -> None:
    """Diagnostics on stderr, warnings as errors under --strict."""
    for d in diagnostics:
        print((d.as_error() if strict else d).format(), file=sys.stderr)


def load_content(settings: Settings, files: list[Path] | None = None) -> Loading:
    """Read and parse every text (from the cache where unchanged) and index the corpus."""
    t0 = time.perf_counter()
    folder = settings.content / "resolutions"
    if files is None:
        collected = collect(folder)
        paths = collected.texts
    else:
        collected = Collected(texts=list(files))
        paths = list(files)
    cache = Cache(settings.cache, "parsed")
    loaded = load_all(paths, settings.display, cache, settings.jobs)
    diagnostics = [d for item in loaded for d in item.diagnostics]
    out = Loading(None, loaded, diagnostics, collected)
    out.cache_hits = cache.hits
    if files is None and not paths:
        diagnostics.append(Diagnostic(Level.ERROR, "E-NO-TEXTS",
                                      f"no resolution texts in {settings.display(folder)}/: "
                                      "expected .txt, .md, .pdf or .xml files",
                                      settings.display(folder), 1, 1))
    resolutions, notes = choose_sources(loaded)
    diagnostics.extend(notes)
    if resolutions:
        out.corpus = Corpus.build(resolutions)
    out.seconds = time.perf_counter() - t0
    return out
