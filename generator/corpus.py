"""All resolutions at once, with the indexes the pages need.

Two phases, as in pelican: every text is read and parsed into a `Corpus` first; only then is
anything rendered, so index pages and backlinks never see a half-built corpus.

Indexes: verb -> paragraphs (operative and preambular apart), cited symbol -> citing
paragraphs and footnotes. Iteration order is always sorted, so output is deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Citation, Paragraph, Resolution
from .symbols import DocSymbol
from .verbs import vocabulary

FORMAT_RANK = {"pdf": 0, "pdfxml": 1, "markdown": 2, "pdftext": 3}
"""Which source wins when two files hold the same resolution (best layout information first)."""


def verb_slug(verb: str) -> str:
    """URL form of a verb: ``Calls upon`` -> ``calls-upon``."""
    return re.sub(r"[^a-z0-9]+", "-", verb.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A paragraph of a resolution, as an index lists it."""

    resolution: Resolution
    paragraph: Paragraph


@dataclass(frozen=True, slots=True)
class VerbIndex:
    """Every paragraph that opens with one verb."""

    part: str
    """``operative`` or ``preamble``."""
    verb: str
    slug: str
    occurrences: tuple[Occurrence, ...]
    """In corpus order (newest resolution first), then paragraph order."""

    @property
    def phrases(self) -> list[tuple[str, int]]:
        """The phrase variants with their counts, most used first."""
        counts: dict[str, int] = {}
        for o in self.occurrences:
            key = o.paragraph.phrase or self.verb
            counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def resolutions(self) -> list[tuple[Resolution, list[Paragraph]]]:
        """Occurrences grouped by resolution, in corpus order."""
        groups: dict[str, tuple[Resolution, list[Paragraph]]] = {}
        for o in self.occurrences:
            groups.setdefault(o.resolution.symbol, (o.resolution, []))[1].append(o.paragraph)
        return list(groups.values())


@dataclass(frozen=True, slots=True)
class CitingPlace:
    """A citation with the resolution and paragraph it stands in."""

    resolution: Resolution
    citation: Citation
    paragraph: Paragraph | None


@dataclass(frozen=True, slots=True)
class CitedDocument:
    """A cited symbol and every place that cites it."""

    symbol: str
    slug: str
    url: str
    kind: str
    """``resolution``, ``decision`` or ``document``."""
    places: tuple[CitingPlace, ...]
    in_corpus: Resolution | None
    """The resolution itself, when it is in the corpus."""
    origin_of: tuple[Resolution, ...] = ()
    """Resolutions adopted on this report or draft (their origin line names it)."""

    @property
    def resolutions(self) -> list[tuple[Resolution, list[CitingPlace]]]:
        """Places grouped by citing resolution, in corpus order."""
        groups: dict[str, tuple[Resolution, list[CitingPlace]]] = {}
        for p in self.places:
            groups.setdefault(p.resolution.symbol, (p.resolution, []))[1].append(p)
        return list(groups.values())


def _newest_first(r: Resolution) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    # adoption date descending, then symbol in natural order (ascending)
    date = r.adopted or "0000-00-00"
    inverted = "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)
    return inverted, DocSymbol.parse(r.symbol).sort_key


@dataclass(slots=True)
class Corpus:
    """The resolutions of a site and their indexes."""

    resolutions: list[Resolution]
    """Newest first (adoption date), then by symbol."""
    by_symbol: dict[str, Resolution] = field(default_factory=dict)
    verbs: dict[tuple[str, str], VerbIndex] = field(default_factory=dict)
    documents: dict[str, CitedDocument] = field(default_factory=dict)

    @classmethod
    def build(cls, resolutions: list[Resolution]) -> Corpus:
        """Index `resolutions` (symbols must be unique: see `choose_sources`)."""
        ordered = sorted(resolutions, key=_newest_first)
        corpus = cls(ordered, {r.symbol: r for r in ordered})
        corpus._index_verbs()
        corpus._index_documents()
        return corpus

    def _index_verbs(self) -> None:
        vocab = vocabulary()
        found: dict[tuple[str, str], list[Occurrence]] = {}
        for r in self.resolutions:
            for p in r.walk():
                if not p.verb:
                    continue
                part = vocab.part_of(p.verb) or ("preamble" if p.part == "preamble" else "operative")
                found.setdefault((part, p.verb), []).append(Occurrence(r, p))
        self.verbs = {k: VerbIndex(k[0], k[1], verb_slug(k[1]), tuple(v))
                      for k, v in sorted(found.items())}

    def _index_documents(self) -> None:
        places: dict[str, list[CitingPlace]] = {}
        origins: dict[str, list[Resolution]] = {}
        for r in self.resolutions:
            paras = {p.id: p for p in r.walk()}
            for c in r.citations:
                places.setdefault(c.symbol, []).append(
                    CitingPlace(r, c, paras.get(c.paragraph) if c.paragraph else None))
            if r.origin:
                for d in r.origin.documents:
                    try:
                        canonical = str(DocSymbol.parse(d))
                    except ValueError:
                        continue
                    origins.setdefault(canonical, []).append(r)
        docs: dict[str, CitedDocument] = {}
        for symbol in sorted(set(places) | set(origins), key=lambda s: DocSymbol.parse(s).sort_key):
            doc = DocSymbol.parse(symbol)
            docs[symbol] = CitedDocument(symbol, doc.slug, doc.url, doc.kind,
                                         tuple(places.get(symbol, ())), self.by_symbol.get(symbol),
                                         tuple(origins.get(symbol, ())))
        self.documents = docs

    def operative_verbs(self) -> list[VerbIndex]:
        """Operative verbs, most used first."""
        return sorted((v for v in self.verbs.values() if v.part == "operative"),
                      key=lambda v: (-len(v.occurrences), v.verb))

    def preambular_verbs(self) -> list[VerbIndex]:
        """Preambular verbs and phrases, most used first."""
        return sorted((v for v in self.verbs.values() if v.part == "preamble"),
                      key=lambda v: (-len(v.occurrences), v.verb))

    def verb_of(self, p: Paragraph) -> VerbIndex | None:
        """The verb index a paragraph is listed in."""
        if not p.verb:
            return None
        part = vocabulary().part_of(p.verb) or ("preamble" if p.part == "preamble" else "operative")
        return self.verbs.get((part, p.verb))
