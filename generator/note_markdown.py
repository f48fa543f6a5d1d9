"""An editor's note: CommonMark in, safe Markdown (and HTML) out.

Editors write notes in CommonMark (what GitHub and most editors preview). A note is parsed with
markdown-it-py into a syntax tree, and the tree is written back as Markdown for the site's
renderer (Python-Markdown with the extensions in mkdocs.yml), using only constructs whose
rendering is known, from an allow-list:

- paragraphs, emphasis, strong emphasis, line breaks, lists, block quotes, tables, rules;
- headings inside a note become bold paragraphs (the page's headings and table of contents
  belong to the resolution);
- links to ``http:``, ``https:`` and ``mailto:`` addresses, and links to paragraphs of the site
  (``#op5`` for a paragraph of the same resolution, ``A-RES-77-185.md#op3`` for another one),
  written for the page that shows the note; any other link keeps its text and loses its target;
- images become links to the image (a note shows no remote content);
- code is written as ``<code>``/``<pre>`` elements with escaped content;
- raw HTML is removed (its text kept, the content of ``<script>``, ``<style>`` and the like
  dropped; comments dropped silently); footnote syntax is shown as text.

Every piece of text goes through one escaper, so nothing the editor wrote can become markup
the tree did not have. The only ``<`` in the output are the ``<code>``, ``<pre>`` and ``<!-- -->``
written here and the ``<...>`` around link targets, whose own ``<``/``>`` are percent-encoded:
a note cannot close or open an element of the page around it (the paragraph ``div`` that
md_in_html parses as HTML, even inside code spans, is why code is not written with backticks).

This is the one place Python writes Markdown: it is a serialiser of a syntax tree, not a page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_block import reference as _reference_rule
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.tree import SyntaxTreeNode

from .templating import md, url

Linker = Callable[[str | None, str | None], str]
"""(resolution slug or None for the note's own resolution, paragraph id or None) -> href."""

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_SAME_PAGE = re.compile(r"^#(?P<anchor>[^#\s]+)$")
_OTHER_PAGE = re.compile(r"^(?P<slug>[A-Za-z0-9][A-Za-z0-9.\-]*)\.md(?:#(?P<anchor>[^#\s]+))?$")
_DROP_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed", "noscript",
                           "textarea", "svg", "math", "title", "head"})
_CONTAINERS = frozenset({"bullet_list", "ordered_list", "blockquote"})
_FOOTNOTE = re.compile(r"\[\^[^\]\s]*\]?:?")
_HTML_TAG = re.compile(r"^<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")


@dataclass(frozen=True, slots=True)
class Issue:
    """Something the writer changed or removed, located in the note's source."""

    code: str
    level: str
    """``error`` or ``warning``."""
    message: str
    line: int
    """0-based line in the parsed text."""
    col: int
    """1-based column (1 when only the block is known)."""


@dataclass(frozen=True, slots=True)
class InternalLink:
    """A link from a note to a paragraph or resolution of the site."""

    slug: str | None
    """None: the note's own resolution."""
    anchor: str | None
    """A paragraph id, or None for the top of the resolution page."""
    line: int
    col: int
    href: str
    """As written."""


def _reference(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    # "[^1]: text" is a footnote definition to the editor, not a link reference: leave it to
    # the paragraph rule, so that it is shown (and reported) rather than silently consumed.
    pos = state.bMarks[start] + state.tShift[start]
    if state.src.startswith("[^", pos):
        return False
    return bool(_reference_rule(state, start, end, silent))


def parser() -> MarkdownIt:
    """The CommonMark parser notes are read with (tables as on GitHub)."""
    p = MarkdownIt("commonmark", {"html": True}).enable("table")
    p.block.ruler.at("reference", _reference)
    # every link is kept by the parser and judged by `_classify` (markdown-it would turn a
    # javascript: link into literal text, which the editor would not be told about)
    p.validateLink = lambda url: True  # type: ignore[method-assign]
    return p


_PARSER = parser()


def parse(text: str) -> SyntaxTreeNode:
    """The syntax tree of a note (or of a whole annotations file)."""
    return SyntaxTreeNode(_PARSER.parse(text))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters: no note needs them, and Python-Markdown's placeholders are made of
them (STX, ETX), so text holding them could call up HTML stashed from elsewhere on the page."""


def text_escape(text: str) -> str:
    """Text -> Markdown that renders as that text, wherever it stands in a line."""
    s = md(_CONTROL.sub("", text).replace("\n", " "))
    # what `md` leaves alone but Python-Markdown reads at a line start: admonitions (!!!),
    # details (???), setext underlines (===); and "!" before a link, which makes an image
    if s.startswith("!"):
        s = "\\" + s
    elif s.startswith("?"):
        s = "&#63;" + s[1:]
    elif s.startswith("="):
        s = "&#61;" + s[1:]
    if s.endswith("!") and not s.endswith("\\!"):
        s = s[:-1] + "\\!"
    return s


def _code_escape(text: str) -> str:
    """Code -> the content of a ``<code>`` element written in Markdown (markup escaped, spaces
    kept)."""
    return text_escape(text).replace("  ", " &#32;")


class _TextOfHtml(HTMLParser):
    """The text of raw HTML, without the content of scripts, styles and the like."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_CONTENT:
            self.skip += 1
        elif tag in ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_CONTENT and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(raw: str) -> str:
    """The visible text of raw HTML (paragraphs separated by blank lines)."""
    p = _TextOfHtml()
    p.feed(raw)
    p.close()
    return "".join(p.parts)


def only_comments(raw: str) -> bool:
    """Whether raw HTML is nothing but comments (which a note may hold: they are dropped)."""
    return bool(re.fullmatch(r"\s*(<!--.*?-->\s*)+", raw, re.DOTALL))


@dataclass(slots=True)
class Written:
    """A note written out: its Markdown body, its plain text and what was changed on the way."""

    markdown: str
    text: str
    issues: list[Issue] = field(default_factory=list)
    links: list[InternalLink] = field(default_factory=list)


class Writer:
    """Writes a note's syntax tree as safe Markdown (see the module docstring)."""

    def __init__(self, source: str, linker: Linker) -> None:
        self.lines = source.split("\n")
        self.linker = linker
        self.issues: list[Issue] = []
        self.links: list[InternalLink] = []
        self.plain: list[str] = []
        self._block_map = (0, 1)
        self._cursor = (0, 0)
        self.skip_tag: str | None = None
        self._html_seen: set[int] = set()

    def write(self, blocks: Sequence[SyntaxTreeNode]) -> Written:
        """The Markdown of a parsed note's blocks."""
        body = "\n".join(self.blocks(blocks, top=True, tight=False)).strip("\n")
        text = re.sub(r"\s+", " ", " ".join(self.plain)).strip()
        return Written(body, text, self.issues, self.links)

    # -- locating what was changed -------------------------------------------------------------

    @property
    def block_map(self) -> tuple[int, int]:
        """Lines [start, end) of the block being written."""
        return self._block_map

    @block_map.setter
    def block_map(self, value: tuple[int, int]) -> None:
        self._block_map = value
        self._cursor = (value[0], 0)

    def locate(self, needle: str | None) -> tuple[int, int]:
        """Line (0-based) and column (1-based) of `needle` in the current block, after what
        was located last (inline things come in order), else the block's first line."""
        start, end = self.block_map
        if needle:
            low = needle.lower()
            line0, col0 = self._cursor
            for i in range(line0, min(end, len(self.lines))):
                k = self.lines[i].lower().find(low, col0 if i == line0 else 0)
                if k >= 0:
                    self._cursor = (i, k + len(low))
                    return i, k + 1
        line = self.lines[start] if start < len(self.lines) else ""
        return start, len(line) - len(line.lstrip()) + 1

    def issue(self, code: str, message: str, needle: str | None, level: str = "warning") -> None:
        line, col = self.locate(needle)
        self.issues.append(Issue(code, level, message, line, col))

    # -- blocks --------------------------------------------------------------------------------

    def blocks(self, nodes: Sequence[SyntaxTreeNode], *, top: bool, tight: bool) -> list[str]:
        out: list[str] = []
        prev: str | None = None
        for node in nodes:
            lines = self.block(node, top=top)
            if not lines:
                continue
            if out and not tight:
                out.append("")
            if prev in _CONTAINERS and node.type in _CONTAINERS:
                # Python-Markdown merges a list or quote into the one before it: keep them apart
                out += ["<!-- -->", ""]
            out += lines
            prev = node.type
            self.plain.append(" ")
        return out

    def block(self, node: SyntaxTreeNode, *, top: bool) -> list[str]:
        if node.map:
            self.block_map = (node.map[0], node.map[1])
        t = node.type
        if t == "paragraph":
            return self.inline_lines(node.children)
        if t == "heading":
            return self.inline_lines(node.children, strong=True)
        if t in ("bullet_list", "ordered_list"):
            return self.list_block(node, top=top)
        if t == "blockquote":
            inner = self.blocks(node.children, top=False, tight=False)
            return [f"> {ln}" if ln else ">" for ln in inner]
        if t in ("code_block", "fence"):
            return self.code(node.content, top=top)
        if t == "hr":
            return ["* * *"]
        if t == "html_block":
            return self.html_block(node)
        if t == "table":
            return self.table(node)
        # anything else the parser may produce: its text, escaped
        raw = node.content or ""
        self.plain.append(raw)
        return [text_escape(raw)] if raw.strip() else []

    def list_block(self, node: SyntaxTreeNode, *, top: bool) -> list[str]:
        items = [c for c in node.children if c.type == "list_item"]
        # a tight list stays tight only when its items hold paragraphs and lists
        tight = all(c.hidden for item in items for c in item.children if c.type == "paragraph")
        tight = tight and all(c.type in ("paragraph", "bullet_list", "ordered_list")
                              for item in items for c in item.children)
        start = int(node.attrGet("start") or 1) if node.type == "ordered_list" else 1
        out: list[str] = []
        for n, item in enumerate(items):
            if item.map:
                self.block_map = (item.map[0], item.map[1])
            inner = self.blocks(item.children, top=False, tight=tight) or [""]
            marker = f"{start + n}. " if node.type == "ordered_list" else "- "
            if out and not tight:
                out.append("")
            out.append(marker + inner[0])
            out += [("    " + ln) if ln else "" for ln in inner[1:]]
        return out

    def code(self, content: str, *, top: bool) -> list[str]:
        content = _CONTROL.sub("", content).expandtabs(4).rstrip("\n")
        self.plain.append(content)
        if top:
            # a raw <pre> block: only at the start of a line does Python-Markdown take it whole
            return [f"<pre><code>{html.escape(content, quote=False)}</code></pre>"]
        # inside a list or quote, where a raw block is not possible: one code element a line
        lines = content.split("\n") or [""]
        out = []
        for i, ln in enumerate(lines):
            lead = len(ln) - len(ln.lstrip(" "))
            code = "&#160;" * lead + _code_escape(ln.lstrip(" "))
            out.append(f"<code>{code}</code>" + ("  " if i < len(lines) - 1 else ""))
        return out

    def html_block(self, node: SyntaxTreeNode) -> list[str]:
        raw = node.content
        if only_comments(raw):
            return []
        self.report_html(raw)
        text = html_text(raw)
        self.plain.append(text)
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
        out: list[str] = []
        for p in paras:
            if p:
                out += ([""] if out else []) + [text_escape(p)]
        return out

    def report_html(self, raw: str) -> None:
        if self.block_map[0] in self._html_seen:
            return  # one warning a block is enough
        self._html_seen.add(self.block_map[0])
        m = _HTML_TAG.search(raw.lstrip())
        shown = f"<{m.group(1)}{m.group(2)}>" if m else raw.strip()[:20]
        self.issue("W-ANN-HTML", f"raw HTML is not allowed in a note: {shown} removed "
                   "(write Markdown: *italic*, **bold**, [text](https://...))",
                   m.group(0) if m else raw.strip()[:10])

    def table(self, node: SyntaxTreeNode) -> list[str]:
        rows: list[list[str]] = []
        aligns: list[str] = []
        for section in node.children:
            for tr in section.children:
                if tr.map:
                    self.block_map = (tr.map[0], tr.map[1])
                cells = []
                for cell in tr.children:
                    cells.append(" ".join(self.inline_lines(cell.children)).replace("  ", " "))
                    if section.type == "thead":
                        style = str(cell.attrGet("style") or "")
                        aligns.append(style.removeprefix("text-align:"))
                    self.plain.append(" ")
                rows.append(cells)
        if not rows:
            return []
        width = max(len(r) for r in rows)
        rule = {"left": ":---", "right": "---:", "center": ":---:"}
        out = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows[:1]]
        out.append("| " + " | ".join(rule.get(a, "---") for a in aligns + [""] * (width - len(aligns)))
                   + " |")
        out += ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows[1:]]
        return out

    # -- inline --------------------------------------------------------------------------------

    def inline_lines(self, nodes: Sequence[SyntaxTreeNode], strong: bool = False) -> list[str]:
        kids: list[SyntaxTreeNode] = []
        for n in nodes:
            kids += n.children if n.type == "inline" else [n]
        s = self.inline(kids, em=False, strong=strong).strip()
        if strong and s:
            s = f"**{s}**"
        return s.split("\n") if s else []

    def inline(self, nodes: Sequence[SyntaxTreeNode], *, em: bool, strong: bool) -> str:
        parts: list[str] = []
        for n in nodes:
            t = n.type
            if self.skip_tag is not None and t != "html_inline":
                continue
            if t == "text":
                call = _FOOTNOTE.search(n.content)
                if call:
                    self.issue("W-ANN-FOOTNOTE", "footnotes are not supported in a note (they "
                               f"would mix with the resolution's own): {call.group(0)} is shown "
                               "as text", call.group(0))
                self.plain.append(n.content)
                parts.append(text_escape(n.content))
            elif t == "softbreak":
                parts.append(" ")
                self.plain.append(" ")
            elif t == "hardbreak":
                parts.append("  \n")
                self.plain.append(" ")
            elif t == "code_inline":
                self.plain.append(n.content)
                parts.append(f"<code>{_code_escape(n.content)}</code>")
            elif t == "em":
                inner = self.inline(n.children, em=True, strong=strong)
                parts.append(inner if em or not inner.strip() else f"*{inner}*")
            elif t == "strong":
                inner = self.inline(n.children, em=em, strong=True)
                parts.append(inner if strong or not inner.strip() else f"**{inner}**")
            elif t == "link":
                parts.append(self.link(n, em=em, strong=strong))
            elif t == "image":
                parts.append(self.image(n))
            elif t == "html_inline":
                self.html_inline(n.content)
            else:  # an inline type this writer does not know: its text
                self.plain.append(n.content)
                parts.append(text_escape(n.content))
        return "".join(parts)

    def html_inline(self, raw: str) -> None:
        if raw.startswith("<!--"):
            return
        m = _HTML_TAG.match(raw)
        tag = m.group(2).lower() if m else ""
        if self.skip_tag is not None:
            if m and m.group(1) == "/" and tag == self.skip_tag:
                self.skip_tag = None
            return
        if tag in _DROP_CONTENT and m and not m.group(1) and not raw.rstrip().endswith("/>"):
            self.skip_tag = tag
        self.report_html(raw)

    def classify(self, href: str) -> tuple[str, str | None, str | None]:
        """(``external``|``internal``|``removed``, slug, anchor) of a link target."""
        h = href.strip()
        scheme = _SCHEME.match(h)
        if scheme:
            return ("external" if scheme.group(1).lower() in SAFE_SCHEMES else "removed",
                    None, None)
        m = _SAME_PAGE.match(h)
        if m:
            return "internal", None, unquote(m.group("anchor"))
        m = _OTHER_PAGE.match(h)
        if m:
            anchor = m.group("anchor")
            return "internal", m.group("slug"), unquote(anchor) if anchor else None
        return "removed", None, None

    def link(self, n: SyntaxTreeNode, *, em: bool, strong: bool) -> str:
        href = str(n.attrGet("href") or "")
        inner = self.inline(n.children, em=em, strong=strong)
        kind, slug, anchor = self.classify(href)
        if not inner.strip():
            inner = text_escape(href)
        if kind == "external":
            return f"[{inner}](<{url(href)}>)"
        if kind == "internal":
            line, col = self.locate(href)
            self.links.append(InternalLink(slug, anchor, line, col, href))
            # "" is a link to the page itself (pages.link): make it lead to the page's top
            return f"[{inner}](<{url(self.linker(slug, anchor) or '#')}>)"
        scheme = _SCHEME.match(href.strip())
        what = f"link to a {scheme.group(1).lower()}: address" if scheme else \
            f"relative link {href!r}"
        self.issue("W-ANN-LINK", f"{what} removed, its text kept (a note links to https:, "
                   "http: and mailto: addresses, and to paragraphs: #op5, "
                   "A-RES-77-185.md#op3)", href[:30] or "](")
        return inner

    def image(self, n: SyntaxTreeNode) -> str:
        src = str(n.attrGet("src") or "")
        alt = self.inline(n.children, em=False, strong=False) or text_escape(src)
        kind, _, _ = self.classify(src)
        if kind == "external":
            self.issue("W-ANN-IMAGE", "a note shows no images: the image is linked instead",
                       "![")
            return f"[{alt}](<{url(src)}>)"
        self.issue("W-ANN-IMAGE", "a note shows no images: only the image's description is kept",
                   "![")
        return alt


def write(source: str, linker: Linker) -> Written:
    """Parse a note and write it as safe Markdown."""
    return Writer(source, linker).write(parse(source).children)


_HTML_EXTENSIONS = ["footnotes", "attr_list", "md_in_html", "tables", "admonition",
                    "pymdownx.details"]
"""mkdocs.yml's extensions, but toc (a note has no headings, and its ids would be page-wide)."""

_converter: Any = None


def to_html(markdown_text: str) -> str:
    """A note's Markdown as HTML, rendered as MkDocs renders pages (Python-Markdown)."""
    global _converter  # one converter per process: building it costs more than a note
    if _converter is None:
        import markdown  # type: ignore[import-untyped]  # heavy, and only notes need it here

        _converter = markdown.Markdown(extensions=_HTML_EXTENSIONS)
    _converter.reset()
    return str(_converter.convert(markdown_text))
