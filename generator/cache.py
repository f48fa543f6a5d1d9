"""A cache keyed by content hashes: unchanged texts are not read and parsed again.

Keys are sha256 of everything the result depends on (the file's bytes and the name it is
reported under, the generator's own code and data, the versions of the packages that read
files), so a stale entry can never be hit; deleting the cache only costs time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
_VERSIONED = ("pypdfium2", "PyYAML", "Jinja2", "mkdocs", "mkdocs-material",
              "pymdown-extensions", "Markdown", "weasyprint", "pagefind")


def digest(*parts: bytes | str) -> str:
    """sha256 over the parts (each length-prefixed, so parts cannot run together)."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


READING = ("readers/", "parse/", "data/", "model.py", "symbols.py", "citations.py", "verbs.py",
           "diagnostics.py", "load.py", "cache.py")
"""The modules whose code decides what a text parses into (the parse cache's key)."""


@lru_cache(maxsize=2)
def code_fingerprint(scope: tuple[str, ...] | None = None) -> str:
    """Hash of the generator's code and data (all of it, or the files under the `scope`
    prefixes) and of the versions of the tools it uses."""
    parts: list[bytes | str] = []
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if scope is not None and not rel.startswith(scope):
            continue
        if path.is_file() and path.suffix in (".py", ".tsv", ".txt", ".yml", ".json"):
            parts.append(path.relative_to(PACKAGE).as_posix())
            parts.append(path.read_bytes())
    for name in _VERSIONED:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}==?")
    return digest(*parts)


class Cache:
    """A folder of pickled results, one file per key."""

    def __init__(self, root: Path, namespace: str) -> None:
        self.root = root / namespace
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None."""
        try:
            with self._path(key).open("rb") as f:
                value = pickle.load(f)
        except (FileNotFoundError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store `value` under `key` (atomically: a crash leaves no half-written entry)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
