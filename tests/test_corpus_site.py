"""Issue 5's "done when": every text of the shared corpus, dropped as it is into
content/resolutions/, builds into the site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.site_build import build_site
from tests.test_site import test_every_internal_link_and_anchor_resolves as link_walk


def test_the_whole_shared_corpus_builds(corpus: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(corpus, content / "resolutions")  # README, PROVENANCE and TSV files too
    site = tmp_path / "site"
    rep = build_site(content, site, tmp_path / "cache", strict=False)
    out = capsys.readouterr()
    assert rep.ok, out.err[-3000:]
    # files that are not texts are named, not silently skipped
    assert "skipped resolutions/README.md" in out.out.replace(str(content) + "/", "")
    assert "phrases/italic_spans_from_corpus.tsv" in out.out
    assert "error[" not in out.err
    # one page per resolution: the duplicates (a PDF and its text dumps, a Markdown export and
    # its page dump) are one resolution each, the best source chosen
    pages = sorted(p.parent.name for p in site.glob("*/index.html")
                   if p.parent.name.startswith(("A-RES", "S-RES", "ITU")))
    # 1 seed + 11 Markdown exports + 3 GA 73rd-session + 11 Security Council + 2 ITU (AKN)
    assert len(pages) == rep.resolutions == 28
    assert {"A-RES-73-3", "A-RES-80-5", "S-RES-1-1946", "ITU-PP-18-RES-2", "A-RES-78-167"} <= set(pages)
    link_walk((content, site, tmp_path / "cache"))
