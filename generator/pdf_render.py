"""Print HTML -> PDF bytes with WeasyPrint, keeping every footnote on the page of its call.

This is the only module that imports WeasyPrint; `pdf` runs it in worker processes, each of
which imports WeasyPrint and parses the stylesheet once (`init_worker`).

WeasyPrint 70 places a `float: footnote` at the foot of the page of its call, except that it
sometimes pushes a footnote that would fit onto the next page (when a paragraph straddling the
page break makes it "report" the footnotes already placed). So after layout `render` compares
the page of each call marker (``span#fnrefN``) with the page of its footnote (``#fnN``); for a
displaced footnote it forces a page break before the last paragraph that starts on the call
page and lays the document out again. One problem per resolution is fixed per pass (a fix
moves everything after it), resolutions of a volume in parallel, as each starts on a new page.
The forced breaks go in as an extra stylesheet: the HTML does not change.
"""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_PASSES = 6
"""Layout passes per document before giving up (and reporting what is still displaced)."""


@dataclass(frozen=True, slots=True)
class RenderResult:
    """A rendered PDF and how it was made."""

    pdf: bytes
    pages: int
    passes: int
    """Layout passes (1 when no footnote had to be moved)."""
    forced: tuple[str, ...]
    """Ids of the blocks a page break was forced before."""
    displaced: tuple[str, ...]
    """Footnotes still not on their call's page (``fn3 called on p. 2, printed on p. 3``)."""
    seconds: float


_STYLESHEET: Any = None
_STYLESHEET_PATH: Path | None = None


def init_worker(stylesheet: Path) -> None:
    """Import WeasyPrint and parse the stylesheet once per process."""
    global _STYLESHEET, _STYLESHEET_PATH
    import weasyprint  # type: ignore[import-untyped]

    if _STYLESHEET_PATH != stylesheet:
        _STYLESHEET = weasyprint.CSS(string=stylesheet.read_text(encoding="utf-8"))
        _STYLESHEET_PATH = stylesheet


def _forced_css(ids: Sequence[str]) -> str:
    def quoted(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "".join(f"[id={quoted(i)}]{{break-before:page}}" for i in ids)


def render(html: str, stylesheet: Path, footnotes: Sequence[tuple[str, str, str]],
           blocks: Sequence[str], forced: Sequence[str] = (), *,
           max_passes: int = MAX_PASSES) -> RenderResult:
    """Lay out `html` with `stylesheet` and write the PDF.

    `footnotes` lists (group, call id, footnote id); `blocks` the ids before which a break may
    be forced, in document order; `forced` breaks known beforehand (a volume reuses those of
    its resolutions' own PDFs, whose pages it repeats)."""
    import weasyprint

    t0 = time.perf_counter()
    init_worker(stylesheet)
    block_set = set(blocks)
    order = {b: i for i, b in enumerate(blocks)}
    forced_list = [f for f in forced if f in block_set]
    passes = 0
    while True:
        passes += 1
        sheets = [_STYLESHEET]
        if forced_list:
            sheets.append(weasyprint.CSS(string=_forced_css(sorted(forced_list, key=order.__getitem__))))
        doc = weasyprint.HTML(string=html, base_url=None).render(stylesheets=sheets)
        problems = _displaced(doc, footnotes)
        if not problems or passes >= max_passes:
            break
        added = False
        for group in dict.fromkeys(g for g, *_ in problems):
            call_page = next(p[3] for p in problems if p[0] == group)
            target = _last_block_starting_on(doc, call_page, block_set, order)
            if target is not None and target not in forced_list:
                forced_list.append(target)
                added = True
        if not added:
            break
    out = io.BytesIO()
    doc.write_pdf(out)
    displaced = tuple(f"{body} called on p. {cp + 1}, printed on "
                      f"{'p. ' + str(bp + 1) if bp is not None else 'no page'}"
                      for _, _, body, cp, bp in problems)
    forced_sorted = tuple(sorted(forced_list, key=order.__getitem__))
    return RenderResult(out.getvalue(), len(doc.pages), passes, forced_sorted, displaced,
                        time.perf_counter() - t0)


def _pages_of(doc: Any) -> dict[str, int]:
    """First page (0-based) on which each anchor stands."""
    page_of: dict[str, int] = {}
    for i, page in enumerate(doc.pages):
        for name in page.anchors:
            page_of.setdefault(name, i)
    return page_of


def _displaced(doc: Any, footnotes: Sequence[tuple[str, str, str]]
               ) -> list[tuple[str, str, str, int, int | None]]:
    page_of = _pages_of(doc)
    out = []
    for group, call, body in footnotes:
        call_page = page_of.get(call)
        if call_page is None:
            continue
        body_page = page_of.get(body)
        if body_page != call_page:
            out.append((group, call, body, call_page, body_page))
    out.sort(key=lambda p: p[3])
    return out


def _last_block_starting_on(doc: Any, page: int, blocks: set[str],
                            order: dict[str, int]) -> str | None:
    page_of = _pages_of(doc)
    starting = [name for name in doc.pages[page].anchors
                if name in blocks and page_of.get(name) == page]
    return max(starting, key=order.__getitem__) if starting else None
