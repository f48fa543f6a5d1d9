"""Editors' annotations: ``content/annotations/<slug>.md`` -> checked notes on paragraphs.

One file per resolution, named after its slug, in CommonMark. Each note starts with a level-2
heading naming its target: a paragraph id (``## op3``, ``## pp5``, ``## op1(a)``,
``## annex.3``) or ``## resolution`` for the text as a whole. Front matter (YAML between
``---`` lines) may open the file and each note: ``author``, ``date`` (``2024-05-31``) and
``tags``; a note's own values replace the file's. They are shown under the note.

The file is parsed as Markdown (markdown-it-py), so a ``## x`` line inside a code block or a
quote is text, not a target. Problems are `Diagnostic` s located in the file:

=================  ==========================================================================
E-ANN-FILE         the file names no resolution of content/resolutions/
E-ANN-ENCODING     the file is not UTF-8
E-ANN-META         front matter that is not closed, not YAML, not a mapping, or has a bad value
W-ANN-META-KEY     a front matter key other than author, date, tags
E-ANN-TEXT-BEFORE  text before the first target heading
E-ANN-HEADING      a heading that is not a target (``# x``, ``## Background``, an underlined
                   heading, a heading inside raw HTML)
E-ANN-TARGET       a target the resolution does not have (also: a paragraph that a new version
                   of the text no longer has)
E-ANN-DUPLICATE    a second note for the same target
E-ANN-EMPTY        a note with nothing in it, or a file with no note
E-ANN-FENCE        a code block that is never closed (it would swallow the notes after it)
E-ANN-LINK         a link to a paragraph or resolution the site does not have
W-ANN-HTML         raw HTML in a note (removed)
W-ANN-LINK         a link that is not http(s), mailto or to a paragraph (its text is kept)
W-ANN-FOOTNOTE     footnote syntax in a note (shown as text)
W-ANN-IMAGE        an image in a note (linked, not shown)
W-ANN-IGNORED      a file in content/annotations/ that is not a ``.md`` file
=================  ==========================================================================

How a note's text is made safe is `generator.note_markdown`'s business.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it.tree import SyntaxTreeNode

from .corpus import Corpus
from .diagnostics import Diagnostic, Level, LineIndex
from .model import Resolution
from .note_markdown import Writer, Written, only_comments, parse, to_html
from .pages import RESOLUTION_NOTE, html_link, link, resolution_path
from .templating import environment

RESOLUTION = RESOLUTION_NOTE
"""The target of a note on the whole text: ``## resolution``."""
META_KEYS = ("author", "date", "tags")

_ID = re.compile(r"^(?P<prefix>(?:[A-Za-z][A-Za-z0-9]*\.)*)(?P<kind>pp|op|u)?(?P<num>\d+)"
                 r"(?P<subs>(?:\([0-9A-Za-z]+\))*)$")
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*$")
_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_KINDS = {"pp": "preambular paragraphs", "op": "operative paragraphs", "u": "unnumbered paragraphs",
          "": "paragraphs"}

Href = Callable[[str, str | None], str]
"""(resolution slug, paragraph id or None) -> href on the page that shows the note."""


@dataclass(frozen=True, slots=True)
class Meta:
    """Who wrote a note, when, and its tags."""

    author: str | None = None
    date: str | None = None
    """ISO date, ``2024-05-31``."""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedNote:
    """A note written for one page."""

    markdown: str
    """For a Markdown page: the note's body and its byline, safe to place in any block."""
    html: str
    """The same Markdown rendered by Python-Markdown: for HTML blocks and the PDF."""
    text: str
    """Plain text (for search)."""


@dataclass(frozen=True, slots=True)
class Note:
    """An editor's note on a paragraph (or on the whole resolution, `target` ``resolution``).

    ``markdown`` and ``html`` are written for the resolution's own page (``<slug>.md``, and its
    URL ``/<slug>/`` for HTML, which is also where ``pdf/`` is); `at` writes them for another
    page, which matters only to links to paragraphs."""

    slug: str
    target: str
    path: str
    """The annotations file, as diagnostics name it."""
    line: int
    """Line of the note's heading."""
    meta: Meta
    markdown: str
    html: str
    text: str
    has_links: bool
    """Whether the note links to paragraphs (and so reads differently on other pages)."""
    blocks: tuple[SyntaxTreeNode, ...] = field(repr=False, compare=False, hash=False)
    source: str = field(repr=False, compare=False, hash=False)

    def at(self, href: Href) -> RenderedNote:
        """The note as written for a page whose links to paragraphs `href` makes."""
        if not self.has_links:
            return RenderedNote(self.markdown, self.html, self.text)
        markdown, _ = _render(self, href)
        return RenderedNote(markdown, to_html(markdown), self.text)


def _write(note: Note | _Section, href: Href) -> Written:
    return Writer(note.source, lambda s, a: href(s or note.slug, a)).write(note.blocks)


def _render(note: Note | _Section, href: Href) -> tuple[str, Written]:
    written = _write(note, href)
    markdown = environment().get_template("pages/note.md.j2").render(
        body=written.markdown, author=note.meta.author, date=note.meta.date,
        tags=list(note.meta.tags)).strip("\n")
    return markdown, written


def _page_href(slug: str) -> Href:
    return lambda s, a: link(resolution_path(slug), resolution_path(s), a)


def _pdf_href(slug: str) -> Href:
    return lambda s, a: html_link(resolution_path(slug), resolution_path(s), a)


# -- reading a file ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Section:
    """A note while its file is read."""

    slug: str
    target: str
    line: int
    """0-based line of the heading."""
    col: int
    """1-based column of the target in the heading."""
    meta: Meta
    source: str
    blocks: list[SyntaxTreeNode] = field(default_factory=list)


class _File:
    """One annotations file being read; collects its diagnostics."""

    def __init__(self, shown: str, text: str, slug: str) -> None:
        self.shown = shown
        self.text = text
        self.slug = slug
        self.index = LineIndex(text)
        self.lines = text.split("\n")
        self.diagnostics: list[Diagnostic] = []

    def add(self, level: Level, code: str, message: str, line: int, col: int) -> None:
        """Record a diagnostic at a 0-based line and 1-based column."""
        self.diagnostics.append(Diagnostic(level, code, message, self.shown, line + 1, col,
                                           self.index.line_text(line + 1)))

    def error(self, code: str, message: str, line: int, col: int = 1) -> None:
        self.add(Level.ERROR, code, message, line, col)

    def warn(self, code: str, message: str, line: int, col: int = 1) -> None:
        self.add(Level.WARNING, code, message, line, col)

    # -- front matter ----------------------------------------------------------------------------

    def front_matter_end(self, start: int) -> int | None:
        """The line closing front matter opened at `start` (a ``---`` or ``...`` line)."""
        for i in range(start + 1, len(self.lines)):
            if self.lines[i].rstrip() in ("---", "..."):
                return i
            if self.lines[i].startswith("## "):  # the next note: this one was never closed
                return None
        return None

    def meta(self, first: int, last: int, base: Meta) -> Meta | None:
        """Front matter in lines [first, last) over `base`; None after an error."""
        text = "\n".join(self.lines[first:last])
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line, mark.column + 1) if mark else (0, 1)
            self.error("E-ANN-META", f"front matter is not valid YAML: {exc.problem or exc}",
                       first + line, col)
            return None
        except yaml.YAMLError as exc:
            self.error("E-ANN-META", f"front matter is not valid YAML: {exc}", first)
            return None
        if node is None:
            return base
        if not isinstance(node, yaml.MappingNode):
            self.error("E-ANN-META", "front matter must be `key: value` lines (author, date, "
                       "tags)", first + node.start_mark.line, node.start_mark.column + 1)
            return None
        values: dict[str, object] = {}
        ok = True
        constructor = yaml.SafeLoader("")
        for key_node, value_node in node.value:
            kl, kc = first + key_node.start_mark.line, key_node.start_mark.column + 1
            key = str(key_node.value)
            if key in values:
                self.error("E-ANN-META", f"{key} is given twice", kl, kc)
                ok = False
                continue
            if key not in META_KEYS:
                self.warn("W-ANN-META-KEY", f"unknown front matter key {key!r} (ignored; the "
                          f"keys are {', '.join(META_KEYS)})", kl, kc)
                continue
            vl, vc = first + value_node.start_mark.line, value_node.start_mark.column + 1
            try:
                value = constructor.construct_object(value_node, deep=True)
            except yaml.YAMLError as exc:
                self.error("E-ANN-META", f"{key}: {exc}", vl, vc)
                ok = False
                continue
            checked = self.meta_value(key, value, vl, vc)
            if checked is None:
                ok = False
                continue
            values[key] = checked
        if not ok:
            return None
        author = values.get("author", base.author)
        date = values.get("date", base.date)
        tags = values.get("tags", base.tags)
        assert author is None or isinstance(author, str)
        assert date is None or isinstance(date, str)
        assert isinstance(tags, tuple)
        return Meta(author, date, tags)

    def meta_value(self, key: str, value: object, line: int, col: int) -> object | None:
        """A front matter value checked and normalised (None after an error)."""
        if key == "author":
            if isinstance(value, str) and value.strip():
                return value.strip()
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                return ", ".join(v.strip() for v in value)
            self.error("E-ANN-META", "author must be a name, or a list of names", line, col)
            return None
        if key == "date":
            if isinstance(value, dt.datetime):
                return value.date().isoformat()
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                try:
                    return dt.date.fromisoformat(value.strip()).isoformat()
                except ValueError:
                    pass
            self.error("E-ANN-META", f"date must be a date written 2024-05-31, not {value!r}",
                       line, col)
            return None
        # tags
        if isinstance(value, str) and value.strip():
            return (value.strip(),)
        if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            return tuple(str(v).strip() for v in value if str(v).strip())
        self.error("E-ANN-META", "tags must be a list of words: tags: [funds, history]", line, col)
        return None

    # -- structure -------------------------------------------------------------------------------

    def sections(self) -> list[_Section]:
        """Split the file into notes, reporting what does not belong."""
        base = Meta()
        blank: set[int] = set()
        if self.lines and self.lines[0].rstrip() == "---":
            end = self.front_matter_end(0)
            if end is None:
                self.error("E-ANN-META", "front matter opened here is never closed (expected a "
                           "line ---)", 0)
                return []
            meta = self.meta(1, end, base)
            if meta is None:
                return []
            base = meta
            blank.update(range(end + 1))
        # a note's front matter directly follows its heading; find the headings first, then
        # read the file again without the front matter (which Markdown would take for a rule
        # and an underlined heading)
        first = parse(self._blanked(blank))
        note_meta: dict[int, tuple[int, int]] = {}
        for node in first.children:
            if _is_target_heading(node):
                h = node.map[0] if node.map else 0
                i = h + 1
                while i < len(self.lines) and not self.lines[i].strip():
                    i += 1
                if i < len(self.lines) and self.lines[i].rstrip() == "---":
                    end = self.front_matter_end(i)
                    if end is None:
                        self.error("E-ANN-META", "front matter opened here is never closed "
                                   "(expected a line --- before the next note)", i)
                        return []
                    note_meta[h] = (i, end)
                    blank.update(range(i, end + 1))
        source = self._blanked(blank)
        root = parse(source)
        sections: list[_Section] = []
        before_reported = False
        for node in root.children:
            self.check_block(node)
            if _is_target_heading(node):
                h = node.map[0] if node.map else 0
                note: Meta | None = base
                if h in note_meta:
                    i, end = note_meta[h]
                    note = self.meta(i + 1, end, base)
                target = node.children[0].content.strip() if node.children else ""
                col = self.lines[h].find(target) + 1 if target else 1
                sections.append(_Section(self.slug, target, h, max(col, 1), note or Meta(),
                                         source))
                if note is None:
                    sections[-1].target = ""  # reported; keep reading for other problems
                continue
            if node.type == "heading" and node.tag in ("h1", "h2"):
                self.heading_error(node)
                continue
            if not sections:
                if not (node.type == "html_block" and only_comments(node.content)) \
                        and not before_reported:
                    line = node.map[0] if node.map else 0
                    self.error("E-ANN-TEXT-BEFORE", "text before the first note: every note "
                               "starts with a heading naming its paragraph (## op5) or ## "
                               "resolution", line)
                    before_reported = True
                continue
            sections[-1].blocks.append(node)
        if not sections and not self.diagnostics:
            self.error("E-ANN-EMPTY", "no notes in this file: a note starts with a heading "
                       "naming its paragraph (## op5) or ## resolution", 0)
        return sections

    def _blanked(self, blank: set[int]) -> str:
        return "\n".join("" if i in blank else ln for i, ln in enumerate(self.lines))

    def heading_error(self, node: SyntaxTreeNode) -> None:
        line = node.map[0] if node.map else 0
        text = node.children[0].content.strip() if node.children else ""
        if node.markup in ("=", "-"):
            self.error("E-ANN-HEADING", f"the line under {text!r} makes it a heading, which "
                       "notes do not have: put a blank line before a --- rule, or start a note "
                       "with ## and its paragraph id", line)
        else:
            self.error("E-ANN-HEADING", f"# {text} is not a note's heading: a note starts "
                       "with ## and its paragraph id (## op5), or ## resolution", line)

    def check_block(self, node: SyntaxTreeNode) -> None:
        """Blocks that would swallow the notes after them."""
        if not node.map:
            return
        start, end = node.map
        if node.type == "fence":
            body = self.lines[start + 1:end]
            closed = bool(body) and bool(_FENCE_CLOSE.match(body[-1])) and \
                body[-1].strip()[0] == node.markup[0] and \
                len(body[-1].strip()) >= len(node.markup)
            if not closed:
                self.error("E-ANN-FENCE", f"this code block is never closed (no {node.markup} "
                           "line after it): everything after it, notes included, would be "
                           "code", start, self.lines[start].find(node.markup) + 1)
        elif node.type == "html_block":
            for i in range(start, end):
                if _HEADING_LINE.match(self.lines[i]) and i != start:
                    self.error("E-ANN-HEADING", "this heading is inside raw HTML opened at "
                               f"line {start + 1}, so it starts no note (raw HTML is not "
                               "allowed in notes)", i, self.lines[i].find("#") + 1)
                    break


def _is_target_heading(node: SyntaxTreeNode) -> bool:
    return node.type == "heading" and node.tag == "h2" and node.markup == "##"


# -- checking targets ----------------------------------------------------------------------------


def _family(pid: str) -> tuple[str, str] | None:
    m = _ID.match(pid)
    return (m.group("prefix"), m.group("kind") or "") if m else None


def describe_ids(r: Resolution, target: str) -> str:
    """Which ids near `target` the resolution has: ``operative paragraphs op1..op26``."""
    ids = [p.id for p in r.walk()]
    m = _ID.match(target)
    if m and m.group("subs"):
        parent_id = target[: target.rfind("(")]
        parent = next((p for p in r.walk() if p.id == parent_id), None)
        if parent is None:
            return describe_ids(r, parent_id)
        kids = [c.id for c in parent.children]
        if not kids:
            return f"{parent_id} has no sub-paragraphs"
        return f"{parent_id} has sub-paragraphs {_span(kids)}"
    families: dict[tuple[str, str], list[str]] = {}
    for pid in ids:
        fam = _family(pid)
        if fam is not None and "(" not in pid:
            families.setdefault(fam, []).append(pid)
    fam = _family(target)
    if fam in families:
        return f"{_KINDS[fam[1]]} {_span(families[fam])}"
    if not families:
        return "it has no numbered paragraphs"
    return "it has " + _and([f"{_KINDS[k]} {_span(v)}" for (_, k), v in families.items()])


def _span(ids: Sequence[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{ids[0]}..{ids[-1]}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _suggest(target: str, ids: Sequence[str]) -> str:
    squeezed = re.sub(r"\s+", "", target)
    for cand in (squeezed, squeezed.lower()):
        if cand in ids:
            return f" (did you mean ## {cand}?)"
    close = difflib.get_close_matches(target, list(ids), n=1, cutoff=0.75)
    return f" (did you mean ## {close[0]}?)" if close else ""


def _check_sections(f: _File, sections: list[_Section], r: Resolution | None) -> list[_Section]:
    """The sections whose targets are sound; the others are reported."""
    ids = [p.id for p in r.walk()] if r is not None else []
    known = set(ids)
    seen: dict[str, int] = {}
    good: list[_Section] = []
    for s in sections:
        if not s.target:
            continue  # front matter error, already reported
        if s.target != RESOLUTION and not _ID.match(s.target):
            f.error("E-ANN-HEADING", f"## {s.target} is not a note's heading: it names a "
                    "paragraph (## op5, ## pp3, ## op1(a), ## annex.3) or the whole text (## "
                    f"resolution){_suggest(s.target, ids + [RESOLUTION])}", s.line, s.col)
            continue
        if r is not None and s.target != RESOLUTION and s.target not in known:
            f.error("E-ANN-TARGET", f"no paragraph {s.target} in {r.symbol} "
                    f"({describe_ids(r, s.target)}); if the text changed, move this note to "
                    "the paragraph's new id or delete it", s.line, s.col)
            continue
        if s.target in seen:
            f.error("E-ANN-DUPLICATE", f"a second note for {s.target} (the first is at line "
                    f"{seen[s.target] + 1}): write them as one note", s.line, s.col)
            continue
        seen[s.target] = s.line
        if not any(_has_content(b) for b in s.blocks):
            f.error("E-ANN-EMPTY", f"the note for {s.target} is empty", s.line, s.col)
            continue
        good.append(s)
    return good


def _has_content(node: SyntaxTreeNode) -> bool:
    if node.type == "html_block":
        return not only_comments(node.content)
    return True


# -- loading -------------------------------------------------------------------------------------


def _decode(raw: bytes, shown: str) -> tuple[str | None, Diagnostic | None]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        end = raw.find(b"\n", exc.start)
        shown_line = raw[start:end if end >= 0 else len(raw)].decode("utf-8", "replace")
        return None, Diagnostic(Level.ERROR, "E-ANN-ENCODING", "not UTF-8: save the file as "
                                "UTF-8", shown, line, col, shown_line)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def read_file(path: Path, shown: str, corpus: Corpus | None) -> tuple[list[Note], list[Diagnostic]]:
    """The notes of one annotations file and the problems found in it."""
    text, bad = _decode(path.read_bytes(), shown)
    if text is None:
        assert bad is not None
        return [], [bad]
    slug = path.stem
    f = _File(shown, text, slug)
    r = None
    if corpus is not None:
        by_slug = {res.slug: res for res in corpus.resolutions}
        r = by_slug.get(slug)
        if r is None:
            close = difflib.get_close_matches(slug, list(by_slug), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}.md?" if close else ""
            f.error("E-ANN-FILE", f"no resolution {slug} in content/resolutions/: an "
                    f"annotations file is named after its resolution's slug{hint}", 0)
    sections = f.sections()
    good = _check_sections(f, sections, r)
    if corpus is not None and r is None:
        good = []  # checked for everything else; a note for no resolution goes nowhere
    notes: list[Note] = []
    for s in good:
        markdown, written = _render(s, _page_href(slug))
        for issue in written.issues:
            f.add(Level.ERROR if issue.level == "error" else Level.WARNING, issue.code,
                  issue.message, issue.line, issue.col)
        if not markdown.strip() or not written.markdown.strip():
            f.error("E-ANN-EMPTY", f"nothing is left of the note for {s.target} once its raw "
                    "HTML is removed", s.line, s.col)
            continue
        if corpus is not None:
            _check_links(f, written, corpus, r)
        html_md, _ = _render(s, _pdf_href(slug)) if written.links else (markdown, written)
        notes.append(Note(slug, s.target, shown, s.line + 1, s.meta, markdown, to_html(html_md),
                          written.text, bool(written.links), tuple(s.blocks), s.source))
    return notes, sorted(f.diagnostics, key=lambda d: (d.line, d.col))


def _check_links(f: _File, written: Written, corpus: Corpus, r: Resolution | None) -> None:
    by_slug = {res.slug: res for res in corpus.resolutions}
    for ln in written.links:
        target = by_slug.get(ln.slug) if ln.slug else r
        if target is None:
            if ln.slug:
                f.error("E-ANN-LINK", f"link to {ln.href}: no resolution {ln.slug} in "
                        "content/resolutions/", ln.line, ln.col)
            continue
        if ln.anchor is not None and ln.anchor not in {p.id for p in target.walk()}:
            f.error("E-ANN-LINK", f"link to {ln.href}: no paragraph {ln.anchor} in "
                    f"{target.symbol} ({describe_ids(target, ln.anchor)})", ln.line, ln.col)


def load_annotations(folder: Path, corpus: Corpus | None,
                     display: Callable[[Path], str]) -> tuple[dict[str, dict[str, Note]],
                                                             list[Diagnostic]]:
    """Notes by resolution slug and target (paragraph id or ``resolution``), in document order,
    and the problems found. Without a corpus (texts that failed), the files are checked but
    their targets are not."""
    notes: dict[str, dict[str, Note]] = {}
    diagnostics: list[Diagnostic] = []
    if not folder.is_dir():
        return notes, diagnostics
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        shown = display(path)
        if not path.is_file() or path.suffix != ".md":
            diagnostics.append(Diagnostic(Level.WARNING, "W-ANN-IGNORED", "not an annotations "
                                          "file (expected <slug>.md, e.g. A-RES-78-167.md)",
                                          shown, 1, 1))
            continue
        found, diags = read_file(path, shown, corpus)
        diagnostics += diags
        if found:
            notes[path.stem] = {n.target: n for n in _document_order(found, corpus)}
    return notes, diagnostics


def _document_order(found: list[Note], corpus: Corpus | None) -> list[Note]:
    r = next((res for res in corpus.resolutions if res.slug == found[0].slug), None) \
        if corpus else None
    if r is None:
        return found
    order = {RESOLUTION: -1, **{p.id: i for i, p in enumerate(r.walk())}}
    return sorted(found, key=lambda n: order.get(n.target, len(order)))

