"""The one Jinja2 environment, with every filter registered here.

Templates receive model objects and do presentation only. Text that came from a resolution or
an annotation is data: the `md` filter makes it literal in Markdown (and therefore in HTML),
the `attr` filter makes it safe inside an HTML attribute. Both are used everywhere such text
is written; nothing else escapes.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Characters Python-Markdown (with the extensions in mkdocs.yml) treats as markup inside a
# line, escaped with a backslash; "<", ">" and "&" become entities instead, so that raw HTML
# and entities in the source show as the characters they are.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")
# Characters that are markup only at the start of a line (headings, lists, quotes, numbers).
_LINE_START = re.compile(r"^([#+\-]|\d+(?=[.)]))", re.M)


def md(text: object) -> str:
    """Text -> Markdown that renders exactly as that text (no markup, no HTML)."""
    s = html.escape(str(text), quote=False)
    s = _INLINE_SPECIAL.sub(r"\\\1", s)
    # markup at a line start: "# heading", "- item", "+ item", "1. item", "> quote"
    s = _LINE_START.sub(_escape_line_start, s)
    return s


def _escape_line_start(m: re.Match[str]) -> str:
    g = m.group(1)
    if g.isdigit():
        return g + "\\"  # "1." -> "1\\." : the escape goes before the dot that follows
    return "\\" + g if g in "#+-" else g


def attr(text: object) -> str:
    """Text -> safe inside a double-quoted HTML attribute."""
    return html.escape(str(text), quote=True)


def url(text: object) -> str:
    """A link target for Markdown's ``[text](<target>)`` form: no spaces, no angle brackets,
    no line breaks (characters outside that are percent-encoded)."""
    s = str(text)
    return s.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("\n", "%0A")


def yaml_str(text: object) -> str:
    """Text -> a double-quoted YAML scalar (for front matter)."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{s}"'


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def ordinal(n: object) -> str:
    """78 -> ``78th``, 1 -> ``1st``, 12 -> ``12th``."""
    k = int(str(n))
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def long_date(iso: object) -> str:
    """``2023-12-19`` -> ``19 December 2023`` (the UN's own form)."""
    y, m, d = str(iso).split("-")
    return f"{int(d)} {_MONTHS[int(m) - 1]} {y}"


@lru_cache(maxsize=4)
def environment(root: Path = TEMPLATES) -> jinja2.Environment:
    """The project's Jinja2 environment (built once per templates folder)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    _register_filters(env)
    return env


def template_files(root: Path = TEMPLATES) -> list[Path]:
    """Every template and asset file (their contents key the cache)."""
    return sorted(p for p in root.rglob("*") if p.is_file())


_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth")
_TENS_CARDINAL = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                  "ninety")
_TENS_ORDINAL = ("", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth",
                 "seventieth", "eightieth", "ninetieth")


def ordinal_words(n: object) -> str:
    """78 -> ``seventy-eighth``, 80 -> ``eightieth``, 101 -> ``one hundred and first`` (the
    UN's spelling of session numbers; capitalise in the template)."""
    k = int(str(n))
    if k <= 0 or k >= 200:
        return ordinal(k)
    if k >= 100:
        rest = k - 100
        return "one hundredth" if rest == 0 else f"one hundred and {ordinal_words(rest)}"
    if k < 10:
        return _UNITS[k]
    if k < 20:
        return _TEENS[k - 10]
    tens, units = divmod(k, 10)
    return _TENS_ORDINAL[tens] if units == 0 else f"{_TENS_CARDINAL[tens]}-{_UNITS[units]}"


def _register_filters(env: jinja2.Environment) -> None:
    env.filters["md"] = md
    env.filters["attr"] = attr
    env.filters["url"] = url
    env.filters["yaml"] = yaml_str
    env.filters["ordinal"] = ordinal
    env.filters["ordinal_words"] = ordinal_words
    env.filters["date"] = long_date


@lru_cache(maxsize=4)
def html_environment(root: Path = TEMPLATES) -> jinja2.Environment:
    """The environment for HTML templates (the print templates): the same loader, settings and
    filters as `environment`, but with autoescape on, so that every text from a resolution is
    escaped exactly once by ``{{ }}``. Markup that is already HTML (an editor's note the caller
    sanitised) reaches the template as `markupsafe.Markup` and is written as it is."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    _register_filters(env)
    return env
