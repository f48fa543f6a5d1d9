"""UN document symbols as value objects: parse, normalise, URL, slug, order.

A symbol is read by `DocSymbol.parse`, in one of two shapes:

* a **full symbol**, written with its series: ``A/RES/57/270 B``, ``S/RES/827 (1993)``,
  ``A/78/465/Add.2``, ``GC(69)/RES/7``, ``NPT/CONF.2010/50 (Vol. I)``. The grammar is general:
  an upper-case series root (``A``, ``S``, ``E``, ``TD``, ``FCCC``, ``CEDAW``, ``GC(69)``,
  ``WHA69``) and one or more slash-separated components, each a number (``78``, ``2015``) or
  a word with an optional number (``RES``, ``HRC``, ``C.3``, ``CONF.229``, ``L.60``, ``Add.2``,
  ``ES-10``, ``COP(15)``); at least one digit somewhere (so ``HIV/AIDS`` is not a symbol).
  After it, at most: a part letter (``B``, ``A.2``) on a resolution, then one bracketed
  suffix: the roman session of an old General Assembly or ECOSOC resolution (``(XXI)``), the
  year of a Security Council resolution (``(1993)``), or a volume or part of a document
  (``(Vol. I)``, ``(Part I)``).
* a **short resolution number**, as resolutions cite each other, completed from its form and
  the organ it belongs to (`body`):

  ========================  ===============================  ==============================
  written                   organ                            canonical
  ========================  ===============================  ==============================
  ``73/291``, ``57/270 B``  any but the Human Rights Council ``A/RES/73/291``,
                                                             ``A/RES/57/270 B``
  ``33/11``                 Human Rights Council             ``A/HRC/RES/33/11``
  ``ES-10/23``, ``S-8/1``   any (``S-n`` is the HRC's own    ``A/RES/ES-10/23``,
                            special session with its body)   ``A/RES/S-8/1``
  ``2023/3``, ``1980/67``   any (only ECOSOC numbers by      ``E/RES/2023/3``
                            year, since 1978)
  ``2200 A (XXI)``          any but ECOSOC                   ``A/RES/2200 A (XXI)``
  ``1296 (XLIV)``           Economic and Social Council;     ``E/RES/1296 (XLIV)``
                            any past XXX, the last roman
                            session of the Assembly
  ``827 (1993)``            any (only the Security Council   ``S/RES/827 (1993)``
                            numbers with a year)
  ========================  ===============================  ==============================

  General Assembly numbers of the form session/number exist from the 31st session (1976);
  ``2/10`` is therefore not a General Assembly resolution (it is a page number), and `parse`
  refuses it unless the organ is the Human Rights Council.

The canonical form (`str`) is the full symbol with single spaces, the UN's own capitalisation
of ``RES``, ``DEC``, ``Add.``, ``Rev.``, ``Corr.``, ``Amend.``, ``L.``, ``Vol.`` and ``Part``
and otherwise as written. ``parse(str(s)) == s`` for every symbol `parse` returns. Lower-case
roots (``a/res/78/167``) are refused rather than guessed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

GENERAL_ASSEMBLY = "General Assembly"
SECURITY_COUNCIL = "Security Council"
HUMAN_RIGHTS_COUNCIL = "Human Rights Council"
ECOSOC = "Economic and Social Council"
BODIES = (GENERAL_ASSEMBLY, SECURITY_COUNCIL, HUMAN_RIGHTS_COUNCIL, ECOSOC)
"""The organs a symbol can belong to (the values of `model.Body`)."""

Kind = Literal["resolution", "decision", "document"]

URL_BASE = "https://docs.un.org/en/"

# Pieces shared by the two grammars (and by `citations`, which scans text with them).
ROMAN = r"(?=[IVXL])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
"""A roman numeral up to 99: the sessions of old GA (I..XXX) and ECOSOC (I..LXIII) numbers."""
SC_YEAR = r"(?:19[4-9]\d|20\d\d)"
"""A year the Security Council may have adopted a resolution in."""
PART_END = r"""(?=
      \s* (?: [,;:.)\]\u00b9\u00b2\u00b3\u2070-\u2079] | \( | $ )
    | \s+ (?: of | and | or | on | adopted | entitled | in | which | as | by | to | at
            | concerning | was | were | paragraphs? | paras?\. | annex(?:es)? | section ) \b
    | (?<=[B-HJ-Z]) \s+ [a-z]
)"""
"""What may follow a part letter. A capital letter after a number is a part letter before
punctuation or a connecting word (``57/270 B of 23 June``, ``35/142 B, which``), and, unless it
is ``A`` or ``I`` (an article, a pronoun), before any lower-case word (``54/237 C so as``);
never before a capitalised word (a section heading ``A`` on the next line, a new sentence)."""

ROOT = r"[A-Z]+(?:-[A-Z]+)*(?:\(\d+\)|\d+)?"
"""A series root: ``A``, ``S``, ``TD``, ``FCCC``, ``CEDAW``, ``ICC-ASP``, ``GC(69)``, ``WHA69``."""
COMPONENT = r"""(?:
      \d+ (?![A-Za-z\d])                             # 78, 2015, 465
    | [A-Z][A-Za-z]* (?: -\d+ | \(\d+\) )?            # RES, HRC, Add, ES-10, COP(15)
      (?: \.[A-Za-z\d]+ )* (?![A-Za-z\d(])            # L.60, Add.2, CONF.229, CN.6
)"""
"""One slash-separated component after the root. A number glued to letters (``26G26``, an
OCR error) is no component, so such a symbol is not read at all."""

FULL_PATTERN = rf"""
    (?P<base> {ROOT} (?: / {COMPONENT} )+ )
    (?: \s+ (?P<part> [A-Z] (?: \.\d+ )? ) {PART_END} )?
    (?: \s* \( (?:
          (?P<session> (?:E?S-)? {ROMAN} )
        | (?P<year> {SC_YEAR} )
        | (?P<qualifier> (?:[Vv]ol\.?|[Pp]art) \s+ [IVX]+ )
    ) \) )?
"""
"""A full symbol with its optional part letter and bracketed suffix (verbose syntax)."""

SHORT_PATTERN = rf"""
    (?: (?P<special> E?S-\d{{1,2}} ) / (?P<special_number> \d{{1,3}} ) (?![\d/])
      | (?P<ecosoc_year> (?:19|20)\d\d ) / (?P<ecosoc_number> \d{{1,4}} ) (?![\d/])
      | (?P<session> \d{{1,3}} ) / (?P<number> \d{{1,4}} ) (?![\d/])
        (?: \s+ (?P<part> [A-Z] ) {PART_END} )?
      | (?P<old_number> \d{{1,4}} ) (?: \s* (?P<old_part> [A-Z] ) )?
        \s* \( (?P<roman> (?:E?S-)? {ROMAN} ) \)
      | (?P<sc_number> \d{{1,4}} ) \s* \( (?P<sc_year> {SC_YEAR} ) \)
    )
"""
"""A short resolution number (verbose syntax); part letters only on session/number forms
and, before the roman session, on old ones."""

_FULL = re.compile(FULL_PATTERN, re.VERBOSE)
_SHORT = re.compile(SHORT_PATTERN, re.VERBOSE)
_DIGIT = re.compile(r"\d")
_NUMBERING = re.compile(r"\d+|E?S-\d+")
_OTHER_CASE = re.compile(
    r"""(?<=/) (?: (?P<issue> (?i:add|rev|corr|amend) ) (?=\.\d)
                | (?P<type> (?i:res|dec) ) (?=/|\s|$)
                | l (?=\.\d) )""",
    re.VERBOSE,
)
_UN_CASE = {
    "add": "Add",
    "rev": "Rev",
    "corr": "Corr",
    "amend": "Amend",
    "res": "RES",
    "dec": "DEC",
    "l": "L",
}
_NATURAL = re.compile(r"\d+|\D+")
_SLUG = str.maketrans({"/": "-", " ": "-", "(": None, ")": None})

FIRST_NUMBERED_GA_SESSION = 31
"""The General Assembly numbers resolutions session/number from its 31st session (1976)."""
LAST_ROMAN_GA = 30
"""The General Assembly's last session numbered in roman (XXX, 1975): a higher roman session
(``1296 (XLIV)``) is ECOSOC's, whatever the citing text."""
FIRST_NUMBERED_ECOSOC_YEAR = 1978
"""ECOSOC numbers resolutions year/number from 1978."""


@dataclass(frozen=True, slots=True, repr=False)
class DocSymbol:
    """A UN document symbol. Build it with `parse`; `str()` gives the canonical form.

    Symbols compare equal when their canonical forms are equal, and sort naturally
    (``A/RES/9/1`` before ``A/RES/10/1``) by `sort_key`.
    """

    base: str
    """The slash-separated symbol proper: ``A/RES/57/270``, ``S/RES/827``, ``A/RES/2200``,
    ``A/78/465/Add.2``, ``GC(69)/RES/7``."""
    part: str | None = None
    """Part of a resolution adopted in parts: ``B`` in ``A/RES/57/270 B``, ``A`` in
    ``A/RES/2200 A (XXI)``, ``A.2`` in ``GC(69)/RES/9 A.2``."""
    session: str | None = None
    """Roman session of a General Assembly or ECOSOC resolution numbered before
    session/number and year/number numbering: ``XXI``, ``S-VII``."""
    year: int | None = None
    """Year of a Security Council resolution: ``1993`` in ``S/RES/827 (1993)``."""
    qualifier: str | None = None
    """Volume or part of a document issued in several: ``Vol. I``, ``Part I``."""

    @classmethod
    def parse(cls, text: str, *, body: str | None = None) -> DocSymbol:
        """Read a full symbol or a short resolution number (see the module docstring).

        `body` is the organ a short number belongs to (one of `BODIES`); it is ignored for
        full symbols. Whitespace runs count as one space. Raises `ValueError` for anything
        that is not a symbol this module knows.
        """
        return _parse(" ".join(text.split()), canonical_body(body))

    def __str__(self) -> str:
        text = self.base
        if self.part is not None:
            text += f" {self.part}"
        suffix = self.session or self.qualifier or (str(self.year) if self.year else None)
        if suffix is not None:
            text += f" ({suffix})"
        return text

    def __repr__(self) -> str:
        return f"DocSymbol({str(self)!r})"

    @property
    def kind(self) -> Kind:
        """``resolution`` (``.../RES/<numbers>``), ``decision`` (``.../DEC/<numbers>``) or
        ``document`` for everything else (reports, drafts, corrigenda of a resolution)."""
        return _kind(self.base.split("/"))

    @property
    def body(self) -> str | None:
        """The organ whose series the symbol belongs to: ``A/HRC/...`` the Human Rights
        Council, ``A/...`` the General Assembly (its committees and conferences included),
        ``S/...`` the Security Council, ``E/...`` ECOSOC (its commissions included); None for
        other series (``TD``, ``FCCC``, ``GC(69)``, ``CEDAW`` ...)."""
        components = self.base.split("/")
        root = components[0]
        if root == "A":
            return HUMAN_RIGHTS_COUNCIL if components[1] == "HRC" else GENERAL_ASSEMBLY
        return {"S": SECURITY_COUNCIL, "E": ECOSOC}.get(root)

    @property
    def url(self) -> str:
        """``https://docs.un.org/en/<symbol>``, percent-encoded (spaces as ``%20``).

        Resolutions with a roman session are filed there without the space and without the
        part letter, as the Official Documents System registered them (``A/RES/2200(XXI)``
        holds parts A, B and C), so ``A/RES/2200 A (XXI)`` links to ``A/RES/2200(XXI)``.
        """
        target = f"{self.base}({self.session})" if self.session else str(self)
        return URL_BASE + quote(target, safe="/().")

    @property
    def slug(self) -> str:
        """File-name and URL-path form, only ``[A-Za-z0-9.-]``: the canonical form with ``/``
        and spaces turned into ``-`` and brackets dropped (``A-RES-57-270-B``,
        ``S-RES-827-1993``, ``GC69-RES-7``, ``NPT-CONF.2010-50-Vol.-I``).

        Deterministic, and unique in practice: two canonical symbols share a slug only if they
        differ by ``/`` against a space or ``-`` at the same place (``X/1 B`` against ``X/1/B``,
        ``ES-10`` against ``ES/10``) or by brackets alone (``GC(69)`` against ``GC69``), and no
        UN series pairs such forms: spaces only ever introduce a part letter or a bracketed
        suffix, and series that bracket a number (IAEA ``GC(n)``) never write it bare.
        """
        return str(self).translate(_SLUG)

    @property
    def sort_key(self) -> tuple[tuple[int, int, str], ...]:
        """Natural order of the canonical form: runs of digits compare as numbers
        (``A/RES/9/1`` < ``A/RES/10/1`` < ``A/RES/ES-10/1``; ``S/RES/242 (1967)`` <
        ``S/RES/1325 (2000)``), numbers before letters at the same place."""
        return tuple(
            (0, int(token), "") if token.isdigit() else (1, 0, token)
            for token in _NATURAL.findall(str(self))
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, DocSymbol):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, DocSymbol):
            return NotImplemented
        return self.sort_key <= other.sort_key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, DocSymbol):
            return NotImplemented
        return self.sort_key > other.sort_key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, DocSymbol):
            return NotImplemented
        return self.sort_key >= other.sort_key


@functools.lru_cache(maxsize=8192)
def _parse(folded: str, organ: str | None) -> DocSymbol:
    """`DocSymbol.parse` proper. Cached: a corpus cites the same few thousand symbols over and
    over, and a `DocSymbol` is immutable (failures are not cached, and are rare)."""
    short = _SHORT.fullmatch(folded)
    if short is not None:
        return _from_short(short, organ, folded)
    full = _FULL.fullmatch(_normalise_words(folded))
    if full is not None:
        return _from_full(full, folded)
    raise ValueError(f"not a UN document symbol: {folded!r}")


def canonical_body(body: str | None) -> str | None:
    """`body` as one of `BODIES` (a `model.Body` member compares equal to its value);
    `ValueError` for any other organ."""
    if body is None:
        return None
    for known in BODIES:
        if body == known:
            return known
    raise ValueError(f"unknown body {body!r}; expected one of {', '.join(BODIES)}")


def _normalise_words(text: str) -> str:
    """The UN's capitalisation of the words a symbol may be written with in other cases."""
    return _OTHER_CASE.sub(lambda m: _UN_CASE[m.group().lower()], text)


def _kind(components: list[str]) -> Kind:
    if "RES" not in components and "DEC" not in components:
        return "document"
    for index, component in enumerate(components[1:], start=1):
        if component in ("RES", "DEC"):
            numbering = components[index + 1 :]
            if numbering and all(_NUMBERING.fullmatch(c) for c in numbering):
                return "resolution" if component == "RES" else "decision"
            return "document"
    return "document"


def _from_full(match: re.Match[str], text: str) -> DocSymbol:
    base = match["base"]
    if _DIGIT.search(base) is None:
        raise ValueError(f"not a UN document symbol (no number in it): {text!r}")
    components = base.split("/")
    kind = _kind(components)
    part, session, year = match["part"], match["session"], match["year"]
    qualifier = match["qualifier"]
    single_number = len(components) == 3 and components[2].isdigit()
    if part is not None and (kind == "document" or components[0] == "S"):
        raise ValueError(f"a part letter belongs to a resolution or decision: {text!r}")
    if session is not None and not (
        kind == "resolution" and components[0] in ("A", "E") and single_number
    ):
        raise ValueError(f"a roman session belongs to an old GA or ECOSOC resolution: {text!r}")
    if year is not None and not (components[:2] == ["S", "RES"] and single_number):
        raise ValueError(f"a year belongs to a Security Council resolution: {text!r}")
    if qualifier is not None:
        if kind != "document":
            raise ValueError(f"a volume or part belongs to a document: {text!r}")
        word, numeral = qualifier.replace(".", " ").split()
        qualifier = f"{'Vol.' if word.lower() == 'vol' else 'Part'} {numeral}"
    return DocSymbol(
        base=base,
        part=part,
        session=session,
        year=int(year) if year is not None else None,
        qualifier=qualifier,
    )


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], "I"], strict=True):
        value = values[letter]
        total += -value if value < values[following] else value
    return total


def _from_short(match: re.Match[str], organ: str | None, text: str) -> DocSymbol:
    if match["special"] is not None:
        special = match["special"]
        series = "A/HRC/RES" if organ == HUMAN_RIGHTS_COUNCIL and special[0] == "S" else "A/RES"
        return DocSymbol(f"{series}/{special}/{match['special_number']}")
    if match["ecosoc_year"] is not None:
        if int(match["ecosoc_year"]) < FIRST_NUMBERED_ECOSOC_YEAR:
            raise ValueError(f"ECOSOC numbers by year only from 1978: {text!r}")
        return DocSymbol(f"E/RES/{match['ecosoc_year']}/{match['ecosoc_number']}")
    if match["session"] is not None:
        session = int(match["session"])
        if organ == HUMAN_RIGHTS_COUNCIL:
            series = "A/HRC/RES"
        elif session >= FIRST_NUMBERED_GA_SESSION:
            series = "A/RES"
        else:
            raise ValueError(
                f"General Assembly resolutions are numbered session/number from the 31st "
                f"session: {text!r}"
            )
        return DocSymbol(f"{series}/{session}/{match['number']}", part=match["part"])
    if match["old_number"] is not None:
        roman = match["roman"]
        ecosoc_only = not roman.startswith(("S-", "ES-")) and _roman_value(roman) > LAST_ROMAN_GA
        series = "E/RES" if organ == ECOSOC or ecosoc_only else "A/RES"
        if series == "E/RES" and match["old_part"] is not None:
            raise ValueError(f"ECOSOC resolutions have no part letters: {text!r}")
        return DocSymbol(
            f"{series}/{match['old_number']}", part=match["old_part"], session=match["roman"]
        )
    return DocSymbol(f"S/RES/{match['sc_number']}", year=int(match["sc_year"]))
