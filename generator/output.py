"""Writing output deterministically: a file is written only when its content changed.

Unchanged files keep their modification time, which is what lets MkDocs' dirty build (and
anyone watching the folder) see exactly what changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class WriteStats:
    """What a write pass did."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def safe_join(root: Path, relative: str) -> Path:
    """`root / relative`, refusing anything that would land outside `root`."""
    rel = Path(relative)
    if rel.is_absolute() or any(part in ("..", "") for part in rel.parts):
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    out = (root / rel).resolve()
    if not out.is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return out


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True if written.
    Writes go through a temporary file and a rename, so a reader never sees half a file."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def sync_tree(root: Path, files: Mapping[str, bytes], keep: Iterable[str] = (),
              keep_files: Iterable[str] = ()) -> WriteStats:
    """Make `root` hold exactly `files` (relative POSIX path -> bytes): changed files are
    written, unchanged ones left alone, others removed (except under the `keep` prefixes and
    the files named in `keep_files`, known to be current)."""
    stats = WriteStats()
    root.mkdir(parents=True, exist_ok=True)
    for rel in sorted(files):
        if write_if_changed(safe_join(root, rel), files[rel]):
            stats.written.append(rel)
        else:
            stats.unchanged += 1
    keep_prefixes = tuple(keep)
    current = set(keep_files)
    stats.unchanged += len(current)
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
            continue
        if rel not in files and rel not in current and not rel.startswith(keep_prefixes):
            path.unlink()
            stats.removed.append(rel)
    return stats
