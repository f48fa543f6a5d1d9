"""Building a real site into a temporary folder for the tests (MkDocs and Pagefind included)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.build import BuildReport, build
from generator.project import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_content(folder: Path, texts: list[Path]) -> Path:
    """A content folder holding copies of `texts` (and the project's pages)."""
    res = folder / "resolutions"
    res.mkdir(parents=True, exist_ok=True)
    for t in texts:
        shutil.copy(t, res / t.name)
    return folder


def build_site(content: Path, site: Path, cache: Path, *, strict: bool = True,
               site_url: str | None = None) -> BuildReport:
    """Run the build stages exactly as `resodocs build` does."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    settings = Settings.make(content=str(content), site=str(site), cache=str(cache),
                             config=str(ROOT / "mkdocs.yml"), strict=strict, site_url=site_url)
    return build(settings)
