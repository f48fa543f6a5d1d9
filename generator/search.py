"""Site search with Pagefind: a generator stage, not a MkDocs plugin.

The generator writes one search-only HTML file per resolution from the model (a heading per
paragraph, with the paragraph's id, so a result leads to ``/A-RES-78-167/#op9``), and Pagefind
indexes those files into static chunks the browser fetches on demand (a first query costs a few
hundred KB whatever the size of the site). Verb and document pages, which quote the same text,
are left out so they do not crowd the results.

The index is in two shards, merged in the browser: ``recent`` (the newest session or year, where
new texts land) and ``archive`` (the rest), so adding a text re-indexes only the small shard.
A shard is re-indexed only when its files changed, into a fresh folder that is checked and then
swapped in.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .cache import digest
from .corpus import Corpus
from .model import Footnote, Paragraph, Resolution
from .output import sync_tree
from .pages import SEARCH_SHARDS as SHARDS
from .pages import Notes, cite_text, search_shards
from .templating import html_environment


@dataclass(slots=True)
class SearchStats:
    """What the search stage did."""

    shards_indexed: list[str] = field(default_factory=list)
    files_written: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Entry:
    """A paragraph as the search index holds it."""

    id: str
    title: str
    text: str
    footnotes: list[Footnote]
    note: str | None


def _entries(r: Resolution, notes: Mapping[str, object]) -> list[Entry]:
    by_number = {f.number: f for f in r.footnotes}

    def visit(p: Paragraph, out: list[Entry]) -> None:
        note = notes.get(p.id)
        out.append(Entry(p.id, cite_text(r, p), p.text,
                         [by_number[n.number] for n in p.noterefs if n.number in by_number],
                         getattr(note, "text", None) if note is not None else None))
        for c in p.children:
            visit(c, out)

    out: list[Entry] = []
    for p in r.walk():
        if "(" not in p.id:  # children are visited with their parent
            visit(p, out)
    return out


def search_files(corpus: Corpus, notes: Notes) -> dict[str, dict[str, bytes]]:
    """Shard -> relative path -> HTML bytes of the search-only pages."""
    env = html_environment()
    template = env.get_template("search/resolution.html.j2")
    shards = search_shards(corpus)
    files: dict[str, dict[str, bytes]] = {s: {} for s in SHARDS}
    for r in corpus.resolutions:
        mine = notes.get(r.slug, {})
        whole = mine.get("resolution")
        html = template.render(r=r, entries=_entries(r, mine),
                               note=getattr(whole, "text", None) if whole is not None else None)
        files[shards[r.slug]][f"{r.slug}/index.html"] = html.encode("utf-8")
    return files


def check_bundle(bundle: Path) -> list[str]:
    """Problems in a Pagefind bundle (empty or truncated files); [] when sound."""
    bad = []
    for f in sorted(bundle.rglob("*")):
        if not f.is_file():
            continue
        data = f.read_bytes()
        if not data:
            bad.append(f"{f.name}: empty")
        elif f.suffix in (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment"):
            try:
                gzip.decompress(data)
            except (OSError, EOFError) as exc:
                bad.append(f"{f.name}: {exc}")
        elif f.name == "pagefind-entry.json":
            try:
                json.loads(data)
            except ValueError as exc:
                bad.append(f"{f.name}: {exc}")
    if not (bundle / "pagefind-entry.json").exists():
        bad.append("pagefind-entry.json missing")
    return bad


class Indexer:
    """Runs Pagefind over the shards that changed (in the background, beside MkDocs)."""

    def __init__(self, work: Path) -> None:
        self.src = work / "search-src"
        self.out = work / "pagefind"
        self.procs: dict[str, tuple[subprocess.Popen[bytes], Path, str]] = {}
        self.stats = SearchStats()

    def start(self, corpus: Corpus, notes: Notes) -> None:
        """Write the search pages and start indexing every shard whose pages changed."""
        for shard, files in search_files(corpus, notes).items():
            root = self.src / shard
            written = sync_tree(root, files)
            self.stats.files_written += len(written.written) + len(written.removed)
            stamp = digest(*[p + "\0" for p in sorted(files)], *[files[p] for p in sorted(files)])
            stamp_file = self.out / f"{shard}.stamp"
            bundle = self.out / f"pagefind-{shard}"
            if not files:  # an empty shard has no bundle; the search page does not ask for it
                shutil.rmtree(bundle, ignore_errors=True)
                stamp_file.unlink(missing_ok=True)
                continue
            if bundle.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
                continue
            tmp = self.out / f"pagefind-{shard}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            self.out.mkdir(parents=True, exist_ok=True)
            cmd = [sys.executable, "-m", "pagefind", "--site", str(root), "--output-path", str(tmp),
                   "--force-language", "en", "--quiet"]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            self.procs[shard] = (proc, tmp, stamp)

    def finish(self) -> None:
        """Wait for Pagefind; check each new bundle and swap it in. Raises RuntimeError."""
        for shard, (proc, tmp, stamp) in sorted(self.procs.items()):
            _, err = proc.communicate()
            problems = check_bundle(tmp) if proc.returncode == 0 else [err.decode(errors="replace")]
            if problems:
                raise RuntimeError(f"Pagefind failed on the {shard} shard: {'; '.join(problems)[:500]}")
            bundle = self.out / f"pagefind-{shard}"
            shutil.rmtree(bundle, ignore_errors=True)
            tmp.rename(bundle)
            (self.out / f"{shard}.stamp").write_text(stamp)
            self.stats.shards_indexed.append(shard)
        self.procs.clear()

    def bundles(self) -> dict[str, Path]:
        """Site-relative folder -> bundle folder, for the final copy into the site."""
        return {f"pagefind-{s}": self.out / f"pagefind-{s}" for s in SHARDS}
