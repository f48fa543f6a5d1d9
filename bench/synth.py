"""Synthetic corpora for the benchmark, made from the real texts.

The real texts (the seed, ``ga80-md``, the ``ga73-pdf`` text dumps, ``sc-gold``) are read by the
project's own readers and parser; their paragraphs, footnotes and citations are the material.
Each synthetic resolution gets

- a symbol of its own: ``A/RES/<session>/<number>`` across sessions 60-80 (about 88% of the
  texts), ``S/RES/<n> (<year>)`` for the Security Council ones;
- the size of a real resolution of its kind (preambular, operative and annex paragraph counts
  of one real text, picked at random);
- paragraphs sampled from every real text of its kind, with their sub-paragraphs and footnotes;
  about a third of the simple openers swapped for another head of the vocabulary (some with
  "Also ..."/"... also"), so that the verb pages grow as the corpus does;
- citations rewritten: resolution numbers point to earlier synthetic resolutions about half
  the time (else stay the real ones, 70/1 and the like), report symbols (``A/78/465/Add.2``,
  ``S/2002/914``) become fresh ones of the resolution's session or year, and every text has an
  origin line with a report or draft of its own; so the cited-document pages grow as in a real
  corpus (a few thousand distinct documents for 1,000 resolutions).

Texts are written in the seed's format (``*Decides*``, ``[73/291](#)``, superscript footnote
markers with the footnote block after the paragraph) or, for a quarter of the General
Assembly texts, in the ``ga80-md`` export format (front matter, ``[^n]`` markers, footnotes at
the end; all Security Council texts, whose seed-like form the SC OCR reader would claim), so the
real readers and parser run. Everything is drawn from one seeded RNG in
index order: text ``i`` is the same in every run and in every corpus size (the 100 corpus is
the first 100 texts of the 1,000 one).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.load import load
from generator.model import Citation, Paragraph, Resolution
from generator.verbs import vocabulary

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"

SEED = 20261128
GA_SESSIONS = range(60, 81)
SC_SHARE = 0.12
MD_SHARE = 0.25
"""Share of General Assembly texts written in the ga80-md export format."""
VARY_OPENER = 0.35
CITE_SYNTHETIC = 0.5


def source_files() -> list[Path]:
    """The real texts the corpus is made from (one copy of each resolution)."""
    files = [REPO / "content" / "resolutions" / "A-RES-78-167.txt"]
    files += sorted((SHARED / "ga80-md").glob("A_RES_*.md"))
    files += sorted((SHARED / "ga73-pdf").glob("A_RES_*-EN.txt"))
    files += sorted((SHARED / "sc-gold").glob("S_RES_*.txt"))
    return [f for f in files if f.is_file()]


# -- the material -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Cite:
    """A citation in a piece of text, and how it may be rewritten."""

    start: int
    end: int
    kind: str
    """``ga-short`` (73/291), ``ga-full``, ``sc-short`` (827 (1993)), ``sc-full``,
    ``doc-a`` (A/78/465/Add.2), ``doc-s`` (S/2002/914) or ``keep``."""
    text: str
    suffix: str = ""
    """``/Add.2`` of a report symbol, kept on the fresh one."""


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    cites: tuple[Cite, ...]


@dataclass(slots=True)
class Piece:
    """A real paragraph, ready to be written again."""

    part: str
    text: str
    opener_end: int | None
    """End of the opening phrase (which starts the text), None when there is none."""
    head: str | None
    """The head, when the phrase is the bare head (only those are swapped)."""
    cites: list[Cite]
    notes: list[tuple[int, Note]]
    label: str | None = None
    children: list[Piece] = field(default_factory=list)


@dataclass(slots=True)
class Material:
    """Everything the corpus is made from, by kind (``ga`` or ``sc``)."""

    preamble: dict[str, list[Piece]] = field(default_factory=lambda: {"ga": [], "sc": []})
    operative: dict[str, list[Piece]] = field(default_factory=lambda: {"ga": [], "sc": []})
    annex: list[Piece] = field(default_factory=list)
    shapes: dict[str, list[tuple[int, int, int]]] = field(
        default_factory=lambda: {"ga": [], "sc": []})
    """(preambular, operative, annex) paragraph counts of every real text."""
    titles: list[tuple[str, str, str]] = field(default_factory=list)
    """(title, agenda item number, agenda item title) of the real GA texts."""
    heads: dict[str, list[str]] = field(default_factory=dict)
    """part -> heads to swap in, most common first."""
    sources: list[str] = field(default_factory=list)


_GA_SHORT = re.compile(r"\d{2,3}/\d{1,3}(?: [A-Z])?")
_GA_FULL = re.compile(r"A/RES/\d{2,3}/\d{1,3}(?: [A-Z])?")
_SC_SHORT = re.compile(r"\d{1,4} \(\d{4}\)")
_SC_FULL = re.compile(r"S/RES/\d{1,4} \(\d{4}\)")
_DOC_A = re.compile(r"A/\d{2}/\d{1,4}(?P<suffix>(?:/(?:Add|Rev|Corr)\.\d{1,2})*)")
_DOC_S = re.compile(r"S/(?:19|20)\d\d/\d{1,4}(?P<suffix>(?:/(?:Add|Rev|Corr)\.\d{1,2})*)")


def _cite(text: str, c: Citation) -> Cite | None:
    if c.at is None:
        return None
    s, e = c.at.start, c.at.end
    t = text[s:e]
    if "\n" in t or t != " ".join(t.split()):
        return Cite(s, e, "keep", t)
    if _GA_FULL.fullmatch(t):
        return Cite(s, e, "ga-full", t)
    if _GA_SHORT.fullmatch(t) and c.symbol.startswith("A/RES/"):
        return Cite(s, e, "ga-short", t)
    if _SC_FULL.fullmatch(t):
        return Cite(s, e, "sc-full", t)
    if _SC_SHORT.fullmatch(t) and c.symbol.startswith("S/RES/"):
        return Cite(s, e, "sc-short", t)
    m = _DOC_A.fullmatch(t)
    if m:
        return Cite(s, e, "doc-a", t, m.group("suffix"))
    m = _DOC_S.fullmatch(t)
    if m:
        return Cite(s, e, "doc-s", t, m.group("suffix"))
    return Cite(s, e, "keep", t)


def _pieces(r: Resolution) -> Iterator[tuple[str, Piece]]:
    vocab = vocabulary()
    in_text: dict[str, list[Citation]] = {}
    in_note: dict[int, list[Citation]] = {}
    for c in r.citations:
        if c.footnote is not None:
            in_note.setdefault(c.footnote, []).append(c)
        elif c.paragraph:
            in_text.setdefault(c.paragraph, []).append(c)
    notes = {}
    for f in r.footnotes:
        cs = [x for x in (_cite(f.text, c) for c in in_note.get(f.number, ())) if x]
        notes[f.number] = Note(f.text, tuple(cs))

    def piece(p: Paragraph) -> Piece:
        op = vocab.opener(p.text, guess=False)
        opener_end = op.end if op is not None and op.start == 0 else None
        head = op.verb if op is not None and opener_end and op.phrase == op.verb else None
        cites = [x for x in (_cite(p.text, c) for c in in_text.get(p.id, ())) if x]
        refs = [(n.at, notes[n.number]) for n in p.noterefs if n.number in notes]
        label = p.label or (f"({p.number})" if p.number else None)
        return Piece(p.part, p.text, opener_end, head, cites, refs, label,
                     [piece(c) for c in p.children])

    for p in r.paragraphs:
        yield p.part, piece(p)
    for a in r.annexes:
        for p in a.paragraphs:
            yield "annex", piece(p)


def gather(files: Sequence[Path] | None = None) -> Material:
    """Read the real texts into the material the synthetic ones are made of."""
    m = Material()
    for path in files or source_files():
        loaded = load(path)
        r = loaded.resolution
        if r is None:
            raise RuntimeError(f"{path}: the real text does not parse: {loaded.diagnostics[:1]}")
        kind = "sc" if r.symbol.startswith("S/") else "ga"
        m.sources.append(f"{r.symbol} ({path.parent.name}/{path.name})")
        counts = {"preamble": 0, "operative": 0, "annex": 0}
        for part, p in _pieces(r):
            counts[part] += 1
            if part == "annex":
                if kind == "ga" and p.label:
                    m.annex.append(p)
            elif part == "preamble":
                m.preamble[kind].append(p)
            else:
                m.operative[kind].append(p)
        m.shapes[kind].append((counts["preamble"], counts["operative"], counts["annex"]))
        if kind == "ga" and r.agenda_items:
            a = r.agenda_items[0]
            m.titles.append((" ".join(r.title.split()), a.number, " ".join(a.title.split())))
    vocab = vocabulary()
    for part in ("operative", "preamble"):
        heads = sorted(h for h, k in vocab.heads.items() if k == part)
        if part == "operative":  # present tense only (base forms open declarations: "We adopt")
            heads = [h for h in heads if h.split()[0].endswith("s")]
        heads = [h[:1].upper() + h[1:] for h in heads]
        # a long tail: the first heads of a shuffled list are much more frequent
        random.Random(f"{SEED}:{part}").shuffle(heads)
        m.heads[part] = heads
    return m


# -- writing a text -----------------------------------------------------------------------------

_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TENS = {6: ("sixtieth", "sixty"), 7: ("seventieth", "seventy"), 8: ("eightieth", "eighty")}
_COMMITTEES = ("First", "Second", "Third", "Fifth", "Sixth")


def session_words(n: int) -> str:
    """60 -> "Sixtieth", 78 -> "Seventy-eighth"."""
    whole, tens = _TENS[n // 10]
    word = whole if n % 10 == 0 else f"{tens}-{_UNITS[n % 10]}"
    return word[:1].upper() + word[1:]


def nth(n: int) -> str:
    """49 -> "49th", 2932 -> "2932nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(d: dt.date) -> str:
    return f"{d.day} {d:%B} {d.year}"


@dataclass(frozen=True, slots=True)
class Spec:
    """One synthetic resolution."""

    index: int
    kind: str
    """``ga`` or ``sc``."""
    symbol: str
    short: str
    """How other texts cite it: ``78/167``, ``827 (1993)``."""
    session: int | None
    year: int
    number: int
    fmt: str
    """``seed`` or ``md``."""
    file: str


class Writer:
    """Writes one synthetic text (all choices from the RNG it is given)."""

    def __init__(self, m: Material, spec: Spec, rng: random.Random, earlier: Sequence[Spec]) -> None:
        self.m, self.spec, self.rng = m, spec, rng
        self.earlier_ga = [s for s in earlier if s.kind == "ga"
                           and (spec.session is None or (s.session or 0) <= spec.session)]
        self.earlier_sc = [s for s in earlier if s.kind == "sc" and s.year <= spec.year]
        self.seed = spec.fmt == "seed"
        self.footnotes: list[str] = []
        self.cited: set[str] = set()

    # citations
    def _doc_session(self) -> int:
        s = self.spec.session or (self.spec.year - 1945)
        return max(60, min(80, s - (1 if self.rng.random() < 0.2 else 0)))

    def _rewrite(self, c: Cite) -> str:
        rng = self.rng
        if c.kind in ("ga-short", "ga-full") and self.earlier_ga and rng.random() < CITE_SYNTHETIC:
            t = rng.choice(self.earlier_ga)
            return t.short if c.kind == "ga-short" else t.symbol
        if c.kind in ("sc-short", "sc-full") and self.earlier_sc and rng.random() < CITE_SYNTHETIC:
            t = rng.choice(self.earlier_sc)
            return t.short if c.kind == "sc-short" else t.symbol
        if c.kind == "doc-a":
            return f"A/{self._doc_session()}/{rng.randint(60, 999)}{c.suffix}"
        if c.kind == "doc-s":
            return f"S/{self.spec.year - rng.randint(0, 2)}/{rng.randint(1, 999)}{c.suffix}"
        return c.text

    def _mark(self, cite: str) -> str:
        return f"[{cite}](#)" if self.seed else cite

    def _note_marker(self, n: int) -> str:
        return str(n).translate(_SUPER) if self.seed else f"[^{n}]"

    def _note(self, note: Note) -> int:
        body = self._compose(note.text, [(c.start, c.end, self._mark(self._rewrite(c)))
                                         for c in note.cites], [])
        self.footnotes.append(" ".join(body.split()))
        return len(self.footnotes)

    @staticmethod
    def _compose(text: str, edits: list[tuple[int, int, str]], inserts: list[tuple[int, str]]) -> str:
        events = sorted([(s, 0, e, rep) for s, e, rep in edits] + [(a, 1, a, mk) for a, mk in inserts],
                        key=lambda x: (x[0], x[1]))
        out: list[str] = []
        pos = 0
        for start, kind, end, rep in events:
            if kind == 0 and start < pos:
                continue  # overlaps an edit already made
            start = max(start, pos)
            out.append(text[pos:start])
            out.append(rep)
            pos = max(pos, end)
        out.append(text[pos:])
        return "".join(out)

    def _opener(self, p: Piece) -> str | None:
        """A new opening phrase for `p`, or None to keep its own."""
        if p.head is None or p.opener_end is None or self.rng.random() >= VARY_OPENER:
            return None
        heads = self.m.heads[p.part if p.part in self.m.heads else "operative"]
        weights = [1.0 / (k + 1) ** 0.9 for k in range(len(heads))]
        head = self.rng.choices(heads, weights)[0]
        roll = self.rng.random()
        if p.part == "operative" and roll < 0.15:
            return f"{self.rng.choice(('Also', 'Further', 'Strongly'))} {head[:1].lower()}{head[1:]}"
        if p.part == "preamble" and roll < 0.15:
            return f"{head} {self.rng.choice(('also', 'further'))}"
        return head

    def paragraph(self, p: Piece, label: str | None, end: str | None, *,
                  top: bool = True) -> list[str]:
        """Blocks for `p` (its footnote blocks after it in the seed format)."""
        notes_before = len(self.footnotes)
        text = p.text
        edits: list[tuple[int, int, str]] = []
        italic = self.seed and p.part == "operative"
        if p.opener_end is not None and top:
            new = self._opener(p) or text[:p.opener_end]
            edits.append((0, p.opener_end, f"*{new}*" if italic else new))
        for c in p.cites:
            edits.append((c.start, c.end, self._mark(self._rewrite(c))))
        if end is not None and not p.children:
            cut = len(text.rstrip(" ,;.:"))
            edits.append((cut, len(text), end))
        inserts = [(at, self._note_marker(self._note(n))) for at, n in p.notes]
        body = self._compose(text, edits, inserts)
        blocks = [f"{label} {body}" if label else body]
        for child in p.children:
            blocks += self.paragraph(child, child.label, None, top=False)
        if self.seed and top:
            # the footnotes of the paragraph and its sub-paragraphs, after it (as where a
            # page of the seed ends)
            blocks += [f"{str(k + 1).translate(_SUPER)} {t}"
                       for k, t in enumerate(self.footnotes[notes_before:], notes_before)]
        return blocks

    def text(self) -> str:
        s, rng, m = self.spec, self.rng, self.m
        pp_n, op_n, an_n = rng.choice(m.shapes[s.kind])
        op_n = max(op_n, 1)
        pre = self._sample(m.preamble[s.kind], pp_n)
        ops = self._sample(m.operative[s.kind], op_n)
        annex = self._sample(m.annex, an_n) if s.kind == "ga" else []
        adopted = dt.date(s.year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        if s.kind == "ga":
            adopted = dt.date(s.year, 9, 15) + dt.timedelta(days=rng.randint(0, 100))
        distributed = adopted + dt.timedelta(days=rng.randint(2, 10))
        body: list[str] = []
        for p in pre:
            body += self.paragraph(p, None, ",")
        for k, p in enumerate(ops, 1):
            body += self.paragraph(p, f"{k}.", "." if k == len(ops) else ";")
        annex_blocks: list[str] = []
        for k, p in enumerate(annex, 1):
            annex_blocks += self.paragraph(p, f"{k}.", None)
        if s.kind == "sc":
            return self._sc(body, adopted, distributed)
        return self._ga(body, annex_blocks, adopted, distributed)

    def _sample(self, pool: list[Piece], n: int) -> list[Piece]:
        if n <= len(pool):
            return self.rng.sample(pool, n)
        return [self.rng.choice(pool) for _ in range(n)]

    def _ga(self, body: list[str], annex: list[str], adopted: dt.date, distributed: dt.date) -> str:
        s, rng = self.spec, self.rng
        title, item, item_title = rng.choice(self.m.titles)
        item = f"{rng.randint(5, 140)}{rng.choice(['', ' (a)', ' (b)', ' (c)'])}"
        if rng.random() < 0.6:
            report = f"A/{s.session}/{rng.randint(300, 999)}"
            if rng.random() < 0.5:
                report += f"/Add.{rng.randint(1, 5)}"
            origin = (f"[on the report of the {rng.choice(_COMMITTEES)} Committee "
                      f"({self._mark(report)}, para. {rng.randint(5, 40)})]")
        else:
            origin = (f"[without reference to a Main Committee "
                      f"({self._mark(f'A/{s.session}/L.{rng.randint(1, 99)}')})]")
        meeting = f"{nth(rng.randint(20, 80))} plenary meeting"
        if self.seed:
            head = ["General Assembly", f"Distr.: General\n{long_date(distributed)}",
                    f"{session_words(s.session or 0)} session", f"Agenda item {item}",
                    f"**{item_title}**",
                    f"Resolution adopted by the General Assembly on {long_date(adopted)}", origin,
                    f"{s.short}. {title}", "The General Assembly,"]
            tail = [f"*{meeting}\n{long_date(adopted)}*"]
            if annex:
                tail += ["Annex", title] + annex
            return "\n\n\n" + "\n\n".join(head + body + tail) + "\n"
        front = ["---", f"symbol: {s.symbol}", f'title: "{title.replace(chr(34), "")}"',
                 f'date: "{adopted.isoformat()}"', "language: EN", "---", ""]
        head = ["United Nations", f"General Assembly Distr.: General {long_date(distributed)}",
                f"{session_words(s.session or 0)} session Agenda item {item} {item_title}",
                f"Resolution adopted by the General Assembly on {long_date(adopted)}", origin,
                f"{s.short}. {title}", "The General Assembly,"]
        tail = [f"{meeting} {long_date(adopted)}"]
        if annex:
            tail += [f"Annex {title}"] + annex
        notes = ["---"] + [f"[^{k}]: {t}" for k, t in enumerate(self.footnotes, 1)] \
            if self.footnotes else []
        return "\n".join(front) + "\n" + "\n\n".join(head + body + tail + notes) + "\n"

    def _sc(self, body: list[str], adopted: dt.date, distributed: dt.date) -> str:
        s, rng = self.spec, self.rng
        meeting = nth(rng.randint(4000, 9900))
        front = ["---", f"symbol: {s.symbol}", f'date: "{adopted.isoformat()}"', "language: EN",
                 "---", ""]
        head = ["United Nations", f"Security Council Distr.: General {long_date(distributed)}",
                f"Resolution {s.short}",
                f"Adopted by the Security Council at its {meeting} meeting, on {long_date(adopted)}",
                "The Security Council,"]
        notes = ["---"] + [f"[^{k}]: {t}" for k, t in enumerate(self.footnotes, 1)] \
            if self.footnotes else []
        return "\n".join(front) + "\n" + "\n\n".join(head + body + notes) + "\n"


# -- the corpus ---------------------------------------------------------------------------------

def plan(n: int, extra: int = 0, seed: int = SEED) -> list[Spec]:
    """Specs of the first `n` synthetic texts, then `extra` more of the newest session (the
    texts added in the incremental case)."""
    rng = random.Random(seed)
    next_ga = {s: 1 for s in GA_SESSIONS}
    sc_k = 0
    specs: list[Spec] = []
    for i in range(n + extra):
        if i < n and rng.random() < SC_SHARE:
            num = 1400 + sc_k * 10 + rng.randint(0, 9)
            sc_k += 1
            year = 2002 + (num - 1400) // 60
            # in the export format: its front matter tells the readers apart from SC OCR text
            specs.append(Spec(i, "sc", f"S/RES/{num} ({year})", f"{num} ({year})", None, year, num,
                              "md", f"S_RES_{num}_{year}.md"))
            continue
        session = GA_SESSIONS[i % len(GA_SESSIONS)] if i < n else GA_SESSIONS[-1]
        num = next_ga[session]
        next_ga[session] += rng.randint(1, 4)
        fmt = "md" if rng.random() < MD_SHARE else "seed"
        name = f"A_RES_{session}_{num}.md" if fmt == "md" else f"A-RES-{session}-{num}.txt"
        specs.append(Spec(i, "ga", f"A/RES/{session}/{num}", f"{session}/{num}", session,
                          1945 + session, num, fmt, name))
    return specs


def write_texts(material: Material, specs: Sequence[Spec], seed: int = SEED) -> dict[str, str]:
    """File name -> text of every spec (text i depends on the specs before it only)."""
    out: dict[str, str] = {}
    for k, spec in enumerate(specs):
        rng = random.Random(f"{seed}:{spec.index}:{spec.symbol}")
        out[spec.file] = Writer(material, spec, rng, specs[:k]).text()
    return out


@dataclass(frozen=True, slots=True)
class Checked:
    """What the project's parser made of one synthetic text."""

    file: str
    symbol: str | None
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    paragraphs: int
    footnotes: int
    citations: tuple[str, ...]
    verbs: tuple[tuple[str, str], ...]


def _check(args: tuple[str, str]) -> Checked:
    path, name = args
    loaded = load(Path(path), name)
    r = loaded.resolution
    errs = tuple(d.format() for d in loaded.diagnostics if d.level.value == "error")
    warns = tuple(d.code for d in loaded.diagnostics if d.level.value != "error")
    if r is None:
        return Checked(name, None, errs or ("no resolution",), warns, 0, 0, (), ())
    cited = {c.symbol for c in r.citations}
    if r.origin:
        cited.update(r.origin.documents)
    verbs = {(p.part, p.verb) for p in r.walk() if p.verb}
    return Checked(name, r.symbol, errs, warns, len(r.walk()), len(r.footnotes),
                   tuple(sorted(cited)), tuple(sorted(verbs)))


def check(folder: Path, specs: Sequence[Spec], jobs: int = 2) -> list[Checked]:
    """Parse every text with the project's loader; raise if one has an error or does not
    read as the resolution it was written as."""
    args = [(str(folder / s.file), s.file) for s in specs]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(_check, args, chunksize=16))
    bad = []
    for spec, res in zip(specs, results, strict=False):
        if res.errors:
            bad.append(f"{spec.file}: {res.errors[0]}")
        elif res.symbol != spec.symbol:
            bad.append(f"{spec.file}: read as {res.symbol}, written as {spec.symbol}")
    if bad:
        raise RuntimeError(f"{len(bad)} synthetic texts do not parse cleanly:\n  "
                           + "\n  ".join(bad[:10]))
    return results
