"""A volume (``corpus.pdf``) bound from the resolutions' own PDFs, with pikepdf (qpdf).

Laying a thousand resolutions out again as one WeasyPrint document took longer than making
all their PDFs, and its memory grew with the volume. A volume is therefore bound, as a
printed one is: a table of contents, the only part laid out here (`pdf_html.contents_document`,
in a worker), then every resolution's PDF as it is, page for page. Each resolution keeps its
own running header and its own "n/N" page numbers, as the official documents bound in a
volume of resolutions do. The volume's own numbering is in its page labels: the contents are
i, ii, ..., the resolutions' pages 1, 2, ... in order, and the contents give each resolution
the label of its first page (which a PDF viewer shows and goes to).

What binding does to the parts:

- one outline (bookmark) entry per resolution, ``A/RES/78/167 South-South cooperation``,
  pointing where its own top entry points; its children are that resolution's own outline
  (parts, sections, operative paragraphs), pointing at the same places in the volume;
- a link inside a resolution (a repeated footnote call to its footnote) points into the
  resolution's own pages; the named destinations of the parts are not carried over, since
  every resolution has an ``op1``;
- a contents entry links to its resolution's first page;
- document metadata: title, subject, author, keywords, creator; the language; page labels;
  the outline shown on opening. No dates; the file identifier is a hash of the content
  (``deterministic_id``), and qpdf writes objects in a fixed order, so the same parts give
  the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from .pdf_html import VOLUME_LINK, VolumeInfo


@dataclass(frozen=True, slots=True)
class VolumePart:
    """One resolution's PDF in a volume."""

    slug: str
    label: str
    """Its outline entry: ``A/RES/78/167 South-South cooperation``."""
    pdf: bytes | str
    """The PDF, or the path of its file."""


@dataclass(slots=True)
class _Entry:
    title: str
    dest: pikepdf.Array
    children: list[_Entry] = field(default_factory=list)
    closed: bool = False


def bind(contents: bytes | Callable[[], bytes], parts: Sequence[VolumePart],
         info: VolumeInfo) -> tuple[bytes, int]:
    """The volume: `contents` (a PDF whose links point to ``VOLUME_LINK`` + slug; or a
    function that gives it, called once the parts are bound) and then every part in order.
    Returns (PDF bytes, pages)."""
    volume = pikepdf.Pdf.new()
    sources: list[pikepdf.Pdf] = []    # kept open: qpdf copies their streams when saving
    outline: list[_Entry] = []
    starts: dict[str, pikepdf.Array] = {}
    for part in parts:
        src = pikepdf.Pdf.open(io.BytesIO(part.pdf) if isinstance(part.pdf, bytes) else part.pdf)
        sources.append(src)
        volume.pages.extend(src.pages)
        # the copies qpdf made of the part's pages (asking again gives the same objects)
        pages = [volume.copy_foreign(page.obj) for page in src.pages]
        index: dict[tuple[int, int], int] = {
            page.obj.objgen: i for i, page in enumerate(src.pages)}
        _resolve_named_links(src, pages, index)
        entry = _part_entry(part, src, pages, index)
        starts[part.slug] = entry.dest
        outline.append(entry)
    toc = pikepdf.Pdf.open(io.BytesIO(contents if isinstance(contents, bytes) else contents()))
    sources.append(toc)
    for i, page in enumerate(toc.pages):
        volume.pages.insert(i, page)
    front = len(toc.pages)
    _link_contents(volume, front, starts)
    _write_outline(volume, outline)
    volume.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([
        0, pikepdf.Dictionary(S=pikepdf.Name.r),
        front, pikepdf.Dictionary(S=pikepdf.Name.D)]))
    volume.Root.PageMode = pikepdf.Name.UseOutlines
    volume.Root.Lang = pikepdf.String(info.lang)
    volume.docinfo = volume.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(info.title), Subject=pikepdf.String(info.subject),
        Author=pikepdf.String(info.author), Keywords=pikepdf.String(info.keywords),
        Creator=pikepdf.String(info.creator),
        Producer=pikepdf.String(f"WeasyPrint and pikepdf {pikepdf.__version__}")))
    out = io.BytesIO()
    # the parts' streams are copied as they are (WeasyPrint compressed them): not decoding and
    # compressing them again saves a fifth of the binding time
    volume.save(out, deterministic_id=True, compress_streams=True,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                fix_metadata_version=False)
    n = len(volume.pages)
    for s in sources:
        s.close()
    return out.getvalue(), n


def _dest(dest: Any, pages: list[Any], index: dict[tuple[int, int], int]
          ) -> pikepdf.Array | None:
    """A part's explicit destination ``[page /XYZ x y z]``, pointing into the volume."""
    if not isinstance(dest, pikepdf.Array) or len(dest) == 0:
        return None
    target = dest[0]
    at = index.get(target.objgen) if isinstance(target, pikepdf.Dictionary) else None
    if at is None:
        return None
    return pikepdf.Array([pages[at], *(_plain(x) for x in list(dest)[1:])])


def _plain(x: Any) -> Any:
    """A direct value (name, number, null) of another file, as one of this one."""
    if isinstance(x, pikepdf.Name):
        return pikepdf.Name(str(x))
    return x


def _resolve_named_links(src: pikepdf.Pdf, pages: list[Any],
                         index: dict[tuple[int, int], int]) -> None:
    """Links to a named destination of the part become links to the place it names."""
    names: dict[str, pikepdf.Array | None] | None = None
    for page in pages:
        for annot in page.get("/Annots", ()):
            dest = annot.get("/Dest")
            if not isinstance(dest, pikepdf.String):
                continue
            if names is None:
                names = {}
                names_dict = src.Root.get("/Names")
                tree = names_dict.get("/Dests") if names_dict is not None else None
                if tree is not None:
                    for name, value in pikepdf.NameTree(tree).items():
                        names[name] = _dest(value, pages, index)
            target = names.get(str(dest))
            if target is None:
                del annot.Dest
            else:
                annot.Dest = target


def _part_entry(part: VolumePart, src: pikepdf.Pdf, pages: list[Any],
                index: dict[tuple[int, int], int]) -> _Entry:
    """The part's outline entry: its own outline under one entry with the part's label."""
    roots = _read_outline(src, pages, index)
    top = pikepdf.Array([pages[0], pikepdf.Name.XYZ, None, None, None])
    if len(roots) == 1:
        return _Entry(part.label, roots[0].dest, roots[0].children, roots[0].closed)
    return _Entry(part.label, roots[0].dest if roots else top, roots)


def _read_outline(src: pikepdf.Pdf, pages: list[Any],
                  index: dict[tuple[int, int], int]) -> list[_Entry]:
    outlines = src.Root.get("/Outlines")
    first = outlines.get("/First") if outlines is not None else None
    return _read_items(first, pages, index, 0) if first is not None else []


def _read_items(item: Any, pages: list[Any], index: dict[tuple[int, int], int],
                depth: int) -> list[_Entry]:
    out: list[_Entry] = []
    seen: set[tuple[int, int]] = set()
    while item is not None and item.objgen not in seen and depth < 32:
        seen.add(item.objgen)
        dest = _dest(item.get("/Dest"), pages, index)
        if dest is not None:
            children = _read_items(item.get("/First"), pages, index, depth + 1)
            out.append(_Entry(str(item.get("/Title", "")), dest, children,
                              int(item.get("/Count", 0)) < 0))
        item = item.get("/Next")
    return out


def _link_contents(volume: pikepdf.Pdf, front: int, starts: dict[str, pikepdf.Array]) -> None:
    """The contents' links to ``VOLUME_LINK`` + slug go to that resolution."""
    for i in range(front):
        for annot in volume.pages[i].obj.get("/Annots", ()):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(VOLUME_LINK):
                continue
            target = starts.get(uri[len(VOLUME_LINK):])
            if target is None:
                raise ValueError(f"the contents link to {uri}, which the volume does not hold")
            del annot.A
            annot.Dest = pikepdf.Array(list(target))


def _write_outline(volume: pikepdf.Pdf, entries: list[_Entry]) -> None:
    root = volume.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    count = _write_items(volume, entries, root)
    if entries:
        root.Count = count
        volume.Root.Outlines = root


def _write_items(volume: pikepdf.Pdf, entries: list[_Entry], parent: pikepdf.Dictionary) -> int:
    """Write `entries` under `parent`; returns the number of visible descendants."""
    made = [volume.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(e.title), Dest=e.dest,
                                                    Parent=parent))
            for e in entries]
    visible = len(made)
    for i, (e, item) in enumerate(zip(entries, made, strict=True)):
        if i:
            item.Prev = made[i - 1]
        if i + 1 < len(made):
            item.Next = made[i + 1]
        if e.children:
            below = _write_items(volume, e.children, item)
            item.Count = -below if e.closed else below
            if not e.closed:
                visible += below
    if made:
        parent.First = made[0]
        parent.Last = made[-1]
    return visible
