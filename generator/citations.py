"""Find every UN document symbol a text cites, with its offsets in the text.

Three ways a citation is recognised, each precise on its own:

1. **Full symbols** (`symbols.FULL_PATTERN`: an upper-case series root and slash-separated
   components with a digit in them) are citations wherever they stand: ``A/78/290``,
   ``S/RES/1445 (2002)``, ``GC(69)/RES/9 A.2``, ``NPT/CONF.2010/50 (Vol. I)``. Sentence
   punctuation after them is not part of them. ``S/25704 and Add.1`` also cites
   ``S/25704/Add.1`` (written ``Add.1``).
2. **Short resolution numbers** (``73/291``, ``57/270 B``, ``827 (1993)``, ``2200 A (XXI)``,
   ``ES-10/23``) only right after ``resolution`` or ``resolutions``, and then every further
   item of the list that follows (``resolutions 53/72 of 4 December 1998, 54/43 of ... and
   77/33``); ``31/6 A and B`` cites parts A and B. An organ named before the word decides
   whose resolution a number is (``Human Rights Council resolution 33/11``); the number's own
   form decides where it can (``827 (1993)`` is the Security Council's in any text).
3. **Marked ranges**: where the source marked a span as a citation (``[73/291](#)``), a short
   number in it is cited whatever precedes it.

Deliberately not cited: decisions (``decisions 21/1 and 21/2``, ``decision 1/CP.21``, ``15/4``:
another body's numbering, with no symbol that would resolve); resolutions of organs outside the
UN's numbering (``World Health Assembly resolution 69.2``, ``Commission ... resolution``,
``Conference ... resolution 1``); numbers without a resolution context (``2017/18``, ``24/7``,
page numbers ``2/10``, the text's own title number ``78/167.``); OCR damage that no longer reads
as a symbol (``5/2002/1005``, ``S/26G26``); anything inside a URL. Document symbols of other
organisations written in the UN's way (``WHA69/2016/REC/1``, ``GC(69)/RES/7``,
``CBD/COP/15/17``) are cited: they are symbols, and the page for them says so even where
docs.un.org does not hold them.

Whitespace runs (line breaks of PDF text) count as one space everywhere; `Found.as_written` is
the text exactly as it stands between `start` and `end`. A resolution's own heading
(``Resolution 827 (1993)``, a running header ``A/RES/80/5``) is found like any other citation:
whether the title block and page furniture are scanned is the caller's decision.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .symbols import (
    ECOSOC,
    FULL_PATTERN,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    PART_END,
    ROOT,
    SECURITY_COUNCIL,
    SHORT_PATTERN,
    DocSymbol,
    canonical_body,
)


@dataclass(frozen=True, slots=True)
class Found:
    """One citation in a text."""

    start: int
    """Offset in the text of the first character of `as_written`."""
    end: int
    """Offset just after its last character."""
    as_written: str
    """The citation as it stands in the text: ``73/291``, ``A/78/290``, ``217\\n(1965)``,
    ``B`` (second part of ``31/6 A and B``), ``Add.1`` (of ``S/25704 and Add.1``)."""
    symbol: DocSymbol
    """What it cites."""


# Scanning is anchored on literals ("/", "esolution", "http", "www."), which the regex engine
# finds at C speed; the patterns proper run only where one of them stands. A pattern opening
# with a character class would be tried at every position of 20 MB of text.
_SLASH = re.compile("/")
_ROOT_BEFORE = re.compile(rf"(?<![\w/.]) {ROOT} \Z", re.VERBOSE)
"""A series root ending where the search window ends, i.e. just before a slash."""
_ROOT_WINDOW = 24
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+")
_URL_STARTS = (re.compile("http"), re.compile("www."))
_FULL_AT = re.compile(FULL_PATTERN, re.VERBOSE)
_SHORT_AT = re.compile(SHORT_PATTERN, re.VERBOSE)
_SHORT_SCAN = re.compile(rf"(?<![\w/.-]) (?: {SHORT_PATTERN} )", re.VERBOSE)

_TRIGGER_WORDS = (re.compile("esolution"), re.compile("ESOLUTION"))
_TRIGGER = re.compile(r"(?<!\w)(?:[Rr]esolutions?|RESOLUTIONS?)\s+")
"""The word that makes short numbers after it citations (tried one letter before each
literal hit)."""
_ORGAN_BEFORE = re.compile(
    r"""\b(?:
          (?P<ga> General \s+ Assembly )
        | (?P<foreign> Health \s+ Assembly | General \s+ Conference | Conference | Board
                     | Commission | Committee | Rights | Parties | Agency | Organization
                     | Union | Summit | Congress | Forum | Group )
        | (?P<sc> Security \s+ Council )
        | (?P<hrc> Human \s+ Rights \s+ Council )
        | (?P<ecosoc> Economic \s+ and \s+ Social \s+ Council )
        | (?P<assembly> Assembly )
        | (?P<council> Council )
    ) \s+ $""",
    re.VERBOSE,
)
"""The organ named right before the trigger word. The leftmost alternative that reaches the
word wins, so ``World Health Assembly`` is foreign and ``General Assembly`` the Assembly."""
_ORGAN_WINDOW = 40

_LIST_NEXT = re.compile(
    r"""(?: \s+ of \s+ \d{1,2} \s+ [A-Z][a-z]+ \s+ \d{4} )?     # of 20 November 1965
        (?: \s* , \s* (?: and \s+ | or \s+ )? | \s+ and \s+ | \s+ or \s+ )""",
    re.VERBOSE,
)
"""Between two items of a list of resolutions: an adoption date, then a comma or "and"."""
_MORE_PARTS = re.compile(
    rf"(?: \s* , \s* (?: and \s+ )? | \s+ and \s+ ) (?P<letter> [A-Z] ) {PART_END}", re.VERBOSE
)
"""Further parts of the same resolution: ``31/6 A and B``, ``57/270 A, B and C``."""
_MORE_ISSUES = re.compile(
    r"(?: \s* , \s* (?: and \s+ )? | \s+ and \s+ ) (?P<issue> (?:Add|Corr|Rev)\.\d+ ) (?![\w/])",
    re.VERBOSE,
)
"""Further issues of the same document: ``S/25704 and Add.1``."""

_NAMED_ORGANS = {
    "ga": GENERAL_ASSEMBLY,
    "assembly": GENERAL_ASSEMBLY,
    "sc": SECURITY_COUNCIL,
    "hrc": HUMAN_RIGHTS_COUNCIL,
    "ecosoc": ECOSOC,
}
_UNKNOWN_COUNCIL = "Council"
"""A bare ``Council resolution`` in a text of the General Assembly: only numbers whose form
names the council (``752 (1992)``, ``1980/67``) are read."""


def find_citations(
    text: str, *, body: str | None, marked: Sequence[tuple[int, int]] = ()
) -> list[Found]:
    """Every document symbol cited in `text`, in text order, none overlapping another.

    `body` is the organ whose text this is (one of `symbols.BODIES`, or None): it decides whose
    resolution a bare ``resolution 33/11`` is. `marked` are ``(start, end)`` ranges the source
    marked as citations. Raises `ValueError` for an unknown `body`.
    """
    organ = canonical_body(body)
    found: list[Found] = []
    urls = _url_spans(text) if "http" in text or "www." in text else []
    if "/" in text:
        _find_full(text, found, urls)
    if "esolution" in text or "ESOLUTION" in text:
        _find_after_trigger(text, organ, found)
    for start, end in marked:
        _find_marked(text, start, end, organ, found)
    return _in_order(found, urls)


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for start in _URL_STARTS:
        for hit in start.finditer(text):
            url = _URL.match(text, hit.start())
            if url is not None:
                spans.append(url.span())
    return sorted(spans)


def _find_full(text: str, found: list[Found], urls: list[tuple[int, int]]) -> None:
    """Full symbols: at each slash not inside a URL or an earlier symbol, look back for a
    series root and read the symbol from there."""
    reached = 0
    next_url = iter(urls)
    url = next(next_url, None)
    for slash in _SLASH.finditer(text):
        at = slash.start()
        if at < reached:
            continue
        while url is not None and url[1] <= at:
            url = next(next_url, None)
        if url is not None and url[0] <= at:
            reached = url[1]
            continue
        root = _ROOT_BEFORE.search(text, max(0, at - _ROOT_WINDOW), at)
        if root is None:
            continue
        match = _FULL_AT.match(text, root.start())
        read = None if match is None else _read_full(text, match)
        if read is not None:
            reached = _add_with_continuations(text, read[0], root.start(), read[1], found)


def _read_full(text: str, match: re.Match[str]) -> tuple[DocSymbol, int] | None:
    """The symbol `match` found and where it ends: with its suffixes if they fit the symbol,
    else with the part letter alone, else the base alone."""
    start = match.start("base")
    for end in (match.end(), match.end("part"), match.end("base")):
        if end > start:
            try:
                return DocSymbol.parse(text[start:end]), end
            except ValueError:
                continue
    return None


def _find_after_trigger(text: str, organ: str | None, found: list[Found]) -> None:
    for word in _TRIGGER_WORDS:
        for hit in word.finditer(text):
            trigger = _TRIGGER.match(text, hit.start() - 1) if hit.start() else None
            if trigger is not None:
                _read_list(text, trigger, organ, found)


def _read_list(text: str, trigger: re.Match[str], organ: str | None, found: list[Found]) -> None:
    """The resolution numbers after a trigger word: the first, and each further list item."""
    named = _ORGAN_BEFORE.search(text, max(0, trigger.start() - _ORGAN_WINDOW), trigger.start())
    context = organ
    if named is not None:
        which = named.lastgroup
        if which == "foreign":
            return
        if which == "council":
            councils = (SECURITY_COUNCIL, HUMAN_RIGHTS_COUNCIL, ECOSOC)
            context = organ if organ in councils else _UNKNOWN_COUNCIL
        else:
            context = _NAMED_ORGANS[which or ""]
    position = trigger.end()
    while True:
        item = _read_item(text, position, context)
        if item is None:
            break
        symbol, end = item
        position = _add_with_continuations(text, symbol, position, end, found)
        separator = _LIST_NEXT.match(text, position)
        if separator is None:
            break
        position = separator.end()


def _read_item(text: str, position: int, context: str | None) -> tuple[DocSymbol, int] | None:
    """The resolution number or full symbol standing at `position`, and its end."""
    short = _SHORT_AT.match(text, position)
    if short is not None:
        symbol = _read_short(short.group(), context)
        return None if symbol is None else (symbol, short.end())
    full = _FULL_AT.match(text, position)
    return None if full is None else _read_full(text, full)


def _read_short(written: str, context: str | None) -> DocSymbol | None:
    try:
        if context == _UNKNOWN_COUNCIL:
            symbol = DocSymbol.parse(written)
            return symbol if symbol.body in (SECURITY_COUNCIL, ECOSOC) else None
        return DocSymbol.parse(written, body=context)
    except ValueError:
        return None


def _find_marked(text: str, start: int, end: int, organ: str | None, found: list[Found]) -> None:
    for match in _SHORT_SCAN.finditer(text, start, end):
        symbol = _read_short(match.group(), organ)
        if symbol is not None:
            _add_with_continuations(text, symbol, match.start(), match.end(), found)


def _add_with_continuations(
    text: str, symbol: DocSymbol, start: int, end: int, found: list[Found]
) -> int:
    """Record `symbol` at ``text[start:end]``, then the parts or issues that continue it
    (``A and B``, ``and Add.1``); return where the last of them ends."""
    found.append(Found(start, end, text[start:end], symbol))
    if symbol.part is not None and len(symbol.part) == 1:
        while (more := _MORE_PARTS.match(text, end)) is not None:
            symbol = dataclasses.replace(symbol, part=more["letter"])
            found.append(Found(more.start("letter"), more.end("letter"), more["letter"], symbol))
            end = more.end("letter")
    else:
        while (more := _MORE_ISSUES.match(text, end)) is not None:
            if symbol.kind != "document" or symbol.qualifier is not None:
                break
            try:
                symbol = DocSymbol.parse(_next_issue(symbol.base, more["issue"]))
            except ValueError:
                break
            found.append(Found(more.start("issue"), more.end("issue"), more["issue"], symbol))
            end = more.end("issue")
    return end


def _next_issue(base: str, issue: str) -> str:
    """``S/25704`` + ``Add.1`` -> ``S/25704/Add.1``; an issue of the same kind replaces the
    last one (``A/58/874/Add.1 and Add.2``), another kind follows it
    (``A/71/53/Add.1 and Corr.1`` is ``A/71/53/Add.1/Corr.1``)."""
    head, _, last = base.rpartition("/")
    if last.split(".")[0] == issue.split(".")[0]:
        return f"{head}/{issue}"
    return f"{base}/{issue}"


def _in_order(found: list[Found], urls: list[tuple[int, int]]) -> list[Found]:
    """Text order without overlaps: of overlapping finds the one that starts first (then the
    longest) stays; nothing that touches a URL stays."""
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[Found] = []
    next_url = iter(urls)
    url = next(next_url, None)
    reached = 0
    for item in found:
        while url is not None and url[1] <= item.start:
            url = next(next_url, None)
        if item.start < reached or (url is not None and url[0] < item.end):
            continue
        kept.append(item)
        reached = item.end
    return kept
