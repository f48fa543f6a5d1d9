"""Operative verbs and preambular phrases: how a paragraph opens.

The vocabulary is data (`data/openers.tsv`), not code. For a paragraph text this module finds
the *phrase*, the opening as written ("Reaffirms its support", "Also recognizes", "Noting with
great concern"), and the *verb*, the head as it opens a clause without adverbs or complements
("Reaffirms", "Recognizes", "Noting", "Takes note", "Calls upon"). Where the source marks the
opening in italics, the italic run is the phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "openers.tsv"

# A subject written before the verb, as in early Security Council texts ("1. The Security
# Council requests the permanent members ...") and in declarations ("We recall ...",
# "We also welcome ...")
_SUBJECT_RE = re.compile(
    r"(?:(?:The|the) (?:Security Council|General Assembly|Economic and Social Council|"
    r"Human Rights Council|Council|Assembly),?|We) (?=[a-z])"
)
_GUESS_RE = re.compile(r"[A-Z][a-z]+(?:ing|ed|es|s)\b")


@dataclass(frozen=True, slots=True)
class Opener:
    """How a paragraph opens."""

    phrase: str
    """The opening as written."""
    verb: str
    """The head verb, capitalised (``Recognizes`` for "Also recognizes")."""
    part: str
    """``operative`` or ``preamble``: which kind of paragraph the head opens."""
    start: int
    """Where the phrase starts in the text (after a subject such as "The Security Council")."""
    end: int
    """Where the phrase ends in the text."""
    known: bool = True
    """False when the head is not in the vocabulary and was guessed from its form."""


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Vocabulary:
    """The openers of `data/openers.tsv`, indexed for matching at the start of a text."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.heads: dict[str, str] = {}  # lower-case head -> part
        self.before: list[str] = []
        self.after: list[str] = []
        for kind, text in rows:
            if kind in ("operative", "preamble"):
                self.heads[text.lower()] = kind
            elif kind == "before":
                self.before.append(text.lower())
            elif kind == "after":
                self.after.append(text.lower())
            else:
                raise ValueError(f"unknown opener kind {kind!r}")

        def by_len(s: str) -> tuple[int, str]:
            return (-len(s), s)

        self._heads = sorted(self.heads, key=by_len)
        self.before.sort(key=by_len)
        self.after.sort(key=by_len)
        self._head_re = self._alternation(self._heads)
        self._before_re = self._alternation(self.before)
        self._after_re = self._alternation(self.after)

    @staticmethod
    def _alternation(items: list[str]) -> re.Pattern[str]:
        body = "|".join(re.escape(i) for i in items)
        return re.compile(rf"(?:{body})(?![A-Za-z-])", re.IGNORECASE)

    @classmethod
    def load(cls, path: Path = DATA) -> Vocabulary:
        """Read a vocabulary file (``kind<TAB>text`` lines, ``#`` comments)."""
        rows: list[tuple[str, str]] = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            kind, sep, text = line.partition("\t")
            if not sep or not text.strip():
                raise ValueError(f"{path}:{n}: expected 'kind<TAB>text'")
            rows.append((kind.strip(), " ".join(text.split())))
        return cls(rows)

    def part_of(self, verb: str) -> str | None:
        """``operative`` or ``preamble`` for a known head, else None."""
        return self.heads.get(verb.lower())

    def _head_at(self, text: str, i: int) -> tuple[str, int] | None:
        m = self._head_re.match(text, i)
        return (m.group(0), m.end()) if m else None

    def opener(self, text: str, italic_end: int | None = None, *, guess: bool = True) -> Opener | None:
        """The opening of `text`, or None when it opens with nothing verb-like.

        `italic_end`: end of an italic run starting the text (the source's own marking of
        the phrase). `guess`: when the head is unknown, guess it from its form (a capitalised
        word in -ing, -ed or -s) and return it with ``known=False``.
        """
        start = 0
        subj = _SUBJECT_RE.match(text)
        if subj:
            start = subj.end()
        i = start
        m = self._before_re.match(text, i)
        if m and m.end() < len(text) and text[m.end()] == " ":
            head = self._head_at(text, m.end() + 1)
            if head:
                i = m.end() + 1
        head = self._head_at(text, i)
        if head is None:
            if not guess or subj:
                return None
            g = _GUESS_RE.match(text, start)
            if not g:
                return None
            word = g.group(0)
            part = "preamble" if word.endswith(("ing", "ed")) else "operative"
            return Opener(word, word, part, start, g.end(), known=False)
        head_text, j = head
        part = self.heads[head_text.lower()]
        # compound openers: "Welcomes and urges", "Recalling and reaffirming"
        if text.startswith(" and ", j):
            k = j + 5
            b = self._before_re.match(text, k)
            if b and text.startswith(" ", b.end()):
                k = b.end() + 1
            second = self._head_at(text, k)
            if second and self.heads[second[0].lower()] == part:
                j = second[1]
        for _ in range(2):
            if j < len(text) and text[j] == " ":
                a = self._after_re.match(text, j + 1)
                if a:
                    j = a.end()
                    continue
            break
        end = j
        if italic_end is not None and start == 0 and italic_end > i:
            end = italic_end
            while end > 0 and text[end - 1] in " ,;:":
                end -= 1
        phrase = text[start:end]
        return Opener(phrase, _cap(" ".join(head_text.split())), part, start, end)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The project's vocabulary (loaded once)."""
    return Vocabulary.load()
