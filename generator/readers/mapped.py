"""Text with a map back to the source it was read from.

Readers clean text up (drop Markdown emphasis, join hyphenated words, fold line breaks), but the
model must keep spans into the text *as read* (eyecite's rule: never rewrite the source and then
try to recover positions). A `MappedText` is a cleaned string plus a piecewise-linear map from
each of its characters to an offset in the source: a list of segments, each saying "from this
index on, character k sits at source offset s + (k - start)". Slicing and concatenation keep the
map, so spans survive every later step.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class MappedText:
    """An immutable string whose characters know their source offsets."""

    __slots__ = ("text", "_starts", "_srcs")

    def __init__(self, text: str, starts: tuple[int, ...], srcs: tuple[int, ...]) -> None:
        self.text = text
        self._starts = starts
        self._srcs = srcs

    @classmethod
    def verbatim(cls, source: str, start: int, end: int) -> MappedText:
        """The source slice `[start, end)` as it stands."""
        return cls(source[start:end], (0,), (start,))

    @classmethod
    def synthetic(cls, text: str, at: int) -> MappedText:
        """Text the reader made up (a space for a line break, a hyphen restored), every
        character mapped to the single source offset `at`."""
        if not text:
            return EMPTY
        # one segment per character, all pointing at `at`
        return cls(text, tuple(range(len(text))), (at,) * len(text))

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"MappedText({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MappedText):
            return NotImplemented
        return (self.text, self.source_offsets()) == (other.text, other.source_offsets())

    def __hash__(self) -> int:
        return hash(self.text)

    def offset(self, i: int) -> int:
        """Source offset of character `i` (for `i == len(self)`: just after the last one)."""
        if not self.text:
            return self._srcs[0] if self._srcs else 0
        if i >= len(self.text):
            return self.offset(len(self.text) - 1) + 1
        k = bisect.bisect_right(self._starts, i) - 1
        return self._srcs[k] + i - self._starts[k]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Source span covering characters `[i, j)`."""
        if j <= i:
            at = self.offset(i)
            return at, at
        return self.offset(i), self.offset(j - 1) + 1

    def source_offsets(self) -> tuple[int, ...]:
        """Source offset of every character (for tests)."""
        return tuple(self.offset(i) for i in range(len(self.text)))

    def __getitem__(self, key: slice) -> MappedText:
        start, stop, step = key.indices(len(self.text))
        if step != 1:
            raise ValueError("MappedText slices must be contiguous")
        if stop <= start:
            return MappedText("", (0,), (self.offset(start) if self.text else 0,))
        k0 = bisect.bisect_right(self._starts, start) - 1
        k1 = bisect.bisect_left(self._starts, stop)
        starts = [0]
        srcs = [self._srcs[k0] + start - self._starts[k0]]
        for k in range(k0 + 1, k1):
            starts.append(self._starts[k] - start)
            srcs.append(self._srcs[k])
        return MappedText(self.text[start:stop], tuple(starts), tuple(srcs))

    def __add__(self, other: MappedText) -> MappedText:
        if not other.text:
            return self
        if not self.text:
            return other
        n = len(self.text)
        starts = list(self._starts)
        srcs = list(self._srcs)
        for s, src in zip(other._starts, other._srcs, strict=False):
            # merge a segment that simply continues the previous one
            if s == 0 and srcs[-1] + n - starts[-1] == src:
                continue
            starts.append(s + n)
            srcs.append(src)
        return MappedText(self.text + other.text, tuple(starts), tuple(srcs))

    def strip(self) -> MappedText:
        """Without leading and trailing whitespace."""
        t = self.text
        i = len(t) - len(t.lstrip())
        j = len(t.rstrip())
        return self[i:j] if (i, j) != (0, len(t)) else self

    def lstrip_len(self) -> int:
        """How many leading whitespace characters there are."""
        return len(self.text) - len(self.text.lstrip())

    @staticmethod
    def join(parts: Iterable[MappedText]) -> MappedText:
        """Concatenate several mapped texts."""
        out = EMPTY
        for p in parts:
            out = out + p
        return out


EMPTY = MappedText("", (0,), (0,))


class TextBuilder:
    """Builds a `MappedText` from source slices and synthetic text, in order."""

    __slots__ = ("source", "_chunks", "_starts", "_srcs", "_len")

    def __init__(self, source: str) -> None:
        self.source = source
        self._chunks: list[str] = []
        self._starts: list[int] = []
        self._srcs: list[int] = []
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def copy(self, start: int, end: int) -> None:
        """Append the source slice `[start, end)` verbatim."""
        if end <= start:
            return
        if not (self._starts and self._srcs[-1] + self._len - self._starts[-1] == start):
            self._starts.append(self._len)
            self._srcs.append(start)
        self._chunks.append(self.source[start:end])
        self._len += end - start

    def add(self, text: str, at: int) -> None:
        """Append text the reader made up, mapped to source offset `at`."""
        for ch in text:
            self._starts.append(self._len)
            self._srcs.append(at)
            self._chunks.append(ch)
            self._len += 1

    def build(self) -> MappedText:
        """The text built so far."""
        if not self._chunks:
            return EMPTY
        return MappedText("".join(self._chunks), tuple(self._starts), tuple(self._srcs))
