"""Print HTML -> PDF bytes with WeasyPrint, keeping every footnote on the page of its call.

This is the only module that imports WeasyPrint; `pdf` runs it in worker processes, each of
which imports WeasyPrint, parses the stylesheet and sets up fontconfig once (`init_worker`).
The fonts a worker has loaded are kept for its later renders (one `FontConfiguration`).

**Footnotes on their call's page.** WeasyPrint 70 places a `float: footnote` at the foot of
the page of its call, except in one case: when the first lines of a paragraph do not fit at
the foot of a page and its `orphans` rule would send the whole paragraph on, it first
"reports" footnotes already placed on the page (called from *earlier* paragraphs) to the
next page, to make room (`weasyprint.layout.block._linebox_layout`, ``report = ...``).
`init_worker` switches that one decision off (`keep_footnotes_with_calls`): the paragraph
goes to the next page as the orphans rule says, and footnotes stay where they are called.
The patch is made on the source of that function as WeasyPrint 70.0 has it; another
version gets no patch, and only loses speed (the check below still holds).

After layout, `render` compares the page of each call marker (``span#fnrefN``) with the
page of its footnote (``#fnN``): a cheap look at the laid-out pages. Should a footnote
still be displaced, it forces a page break before the last paragraph that starts on the call
page and lays the document out again (the forced breaks go in as an extra stylesheet: the
HTML does not change). With the patch this second pass is not needed on any text we know;
it stays as the safety net, and `RenderResult.passes` says when it ran.
"""

from __future__ import annotations

import gc
import inspect
import io
import textwrap
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_PASSES = 6
"""Layout passes per document before giving up (and reporting what is still displaced)."""

_REPORT = "report = not context.in_column and can_break_now and not could_break_before"
"""The line of WeasyPrint 70.0's `_linebox_layout` that decides to move placed footnotes
to the next page to make room for a paragraph's first lines."""


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


_STYLESHEETS: dict[Path, Any] = {}
_FONT_CONFIG: Any = None
_ORIGINAL_LINEBOX: Any = None
_PATCHED_LINEBOX: Any = None


def init_worker(stylesheet: Path) -> None:
    """Import WeasyPrint, set up fonts, patch footnote reporting and parse the stylesheet,
    once per process."""
    global _FONT_CONFIG
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
        keep_footnotes_with_calls(True)
    if stylesheet not in _STYLESHEETS:
        _STYLESHEETS[stylesheet] = weasyprint.CSS(
            string=stylesheet.read_text(encoding="utf-8"), font_config=_FONT_CONFIG)
        # What is imported and parsed now lives as long as the worker: keep the cyclic
        # collector from walking it again and again during renders.
        gc.collect()
        gc.freeze()


def keep_footnotes_with_calls(enabled: bool) -> bool:
    """Switch WeasyPrint's reporting of placed footnotes (to make room for a paragraph's
    first lines) off (`enabled`) or back on. True when WeasyPrint is the version patched."""
    global _ORIGINAL_LINEBOX, _PATCHED_LINEBOX
    from weasyprint.layout import block  # type: ignore[import-untyped]

    if _ORIGINAL_LINEBOX is None:
        _ORIGINAL_LINEBOX = block._linebox_layout
        source = textwrap.dedent(inspect.getsource(_ORIGINAL_LINEBOX))
        if source.count(_REPORT) == 1:
            namespace: dict[str, Any] = {}
            code = compile(source.replace(_REPORT, "report = False"), block.__file__, "exec")
            exec(code, block.__dict__, namespace)  # noqa: S102 - WeasyPrint's own code, one line changed
            _PATCHED_LINEBOX = namespace["_linebox_layout"]
    if _PATCHED_LINEBOX is None:
        return False
    block._linebox_layout = _PATCHED_LINEBOX if enabled else _ORIGINAL_LINEBOX
    return True


@contextmanager
def footnote_reporting() -> Iterator[None]:
    """WeasyPrint as it is, for the duration (tests show what the patch fixes)."""
    keep_footnotes_with_calls(False)
    try:
        yield
    finally:
        keep_footnotes_with_calls(True)


def _forced_css(ids: Sequence[str]) -> str:
    def quoted(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "".join(f"[id={quoted(i)}]{{break-before:page}}" for i in ids)


def render(html: str, stylesheet: Path, footnotes: Sequence[tuple[str, str]],
           blocks: Sequence[str], forced: Sequence[str] = (), *,
           max_passes: int = MAX_PASSES) -> RenderResult:
    """Lay out `html` with `stylesheet` and write the PDF.

    `footnotes` lists (call id, footnote id); `blocks` the ids before which a break may be
    forced, in document order; `forced` breaks known beforehand."""
    import weasyprint

    t0 = time.perf_counter()
    init_worker(stylesheet)
    block_set = set(blocks)
    order = {b: i for i, b in enumerate(blocks)}
    forced_list = [f for f in forced if f in block_set]
    passes = 0
    while True:
        passes += 1
        sheets = [_STYLESHEETS[stylesheet]]
        if forced_list:
            sheets.append(weasyprint.CSS(
                string=_forced_css(sorted(forced_list, key=order.__getitem__)),
                font_config=_FONT_CONFIG))
        doc = weasyprint.HTML(string=html, base_url=None).render(
            stylesheets=sheets, font_config=_FONT_CONFIG)
        problems = _displaced(doc, footnotes)
        if not problems or passes >= max_passes:
            break
        call_page = problems[0][2]
        target = _last_block_starting_on(doc, call_page, block_set, order)
        if target is None or target in forced_list:
            break
        forced_list.append(target)
    out = io.BytesIO()
    doc.write_pdf(out)
    displaced = tuple(f"{body} called on p. {cp + 1}, printed on "
                      f"{'p. ' + str(bp + 1) if bp is not None else 'no page'}"
                      for _, body, cp, bp in problems)
    forced_sorted = tuple(sorted(forced_list, key=order.__getitem__))
    return RenderResult(out.getvalue(), len(doc.pages), passes, forced_sorted, displaced,
                        time.perf_counter() - t0)


def render_plain(html: str, stylesheet: Path) -> tuple[bytes, int]:
    """Lay out `html` once and write the PDF (a volume's contents): (PDF, pages)."""
    import weasyprint

    init_worker(stylesheet)
    doc = weasyprint.HTML(string=html, base_url=None).render(
        stylesheets=[_STYLESHEETS[stylesheet]], font_config=_FONT_CONFIG)
    out = io.BytesIO()
    doc.write_pdf(out)
    return out.getvalue(), len(doc.pages)


def _pages_of(doc: Any) -> dict[str, int]:
    """First page (0-based) on which each anchor stands."""
    page_of: dict[str, int] = {}
    for i, page in enumerate(doc.pages):
        for name in page.anchors:
            page_of.setdefault(name, i)
    return page_of


def _displaced(doc: Any, footnotes: Sequence[tuple[str, str]]
               ) -> list[tuple[str, str, int, int | None]]:
    page_of = _pages_of(doc)
    out = []
    for call, body in footnotes:
        call_page = page_of.get(call)
        if call_page is None:
            continue
        body_page = page_of.get(body)
        if body_page != call_page:
            out.append((call, body, call_page, body_page))
    out.sort(key=lambda p: p[2])
    return out


def _last_block_starting_on(doc: Any, page: int, blocks: set[str],
                            order: dict[str, int]) -> str | None:
    page_of = _pages_of(doc)
    starting = [name for name in doc.pages[page].anchors
                if name in blocks and page_of.get(name) == page]
    return max(starting, key=order.__getitem__) if starting else None
