"""Blocks -> `model.Resolution`. The parser knows resolutions, not layouts.

Stages, in order (one list, in this function, nowhere else):

1. split the body blocks into the title block, the enacting formula and the rest
   (`split_header`); several formulas mean parts A, B ... under one number;
2. read the title block's fields (`titleblock`);
3. assemble paragraphs, headings, the closing line and annexes (`structure`);
4. build the model: ids, openers, footnotes attached to their callers, citations (`build`);
5. check what a careful reader would: a closing line, footnotes called and present.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from ..diagnostics import Report
from ..model import Annex, Paragraph, Part, Resolution, SourceInfo, Span, Vote
from ..readers.base import Block, BlockKind, Document, Mark, MarkKind
from ..symbols import DocSymbol
from .build import Builder, footnotes_and_citations, headings, joined_line, line
from .dates import find_date
from .structure import FORMULA_RE, Assembler, Body, HeadingNode, LineNode, PartNode, Piece, cut
from .titleblock import (
    GA_NUMBER_RE,
    SC_NEW_RE,
    SC_OLD_RE,
    TitleBlock,
    conference_symbol,
    header_text,
    read_title_block,
)
from .votes import read_vote

_HEADING_END = (GA_NUMBER_RE, SC_NEW_RE, SC_OLD_RE,
                re.compile(r"(?m)^\s*(?:Resolution\s+)?of\s+\d{1,2}\s+\w+\s+\d{4}\s*$"),
                re.compile(r"Adopted by the Security Council at its"),
                re.compile(r"^\s*\[S/\d+.*\]\s*$"))
_FORMULA_START = re.compile(FORMULA_RE.pattern + r"(?=\s+[A-Z])")
_PART_LETTER = re.compile(r"[A-H]")
_MEETING_RE = re.compile(r"\d{1,4}\s?(?:st|nd|rd|th|d)\s+(?:plenary\s+)?meeting")


def _is_formula(b: Block) -> bool:
    return bool(FORMULA_RE.fullmatch(b.text.text.strip()))


def split_header(blocks: list[Block], report: Report) -> tuple[list[Block], list[int]]:
    """The blocks with formulas split out, and the indices of the formula blocks."""
    out: list[Block] = []
    for b in blocks:
        m = _FORMULA_START.match(b.text.text)
        if m and not _is_formula(b):
            head, hm = cut(b.text, list(b.marks), 0, m.end())
            tail, tm = cut(b.text, list(b.marks), m.end())
            out.append(Block(BlockKind.BODY, head, tuple(hm), None, b.after_break))
            out.append(Block(BlockKind.BODY, tail, tuple(tm)))
        else:
            out.append(b)
    formulas = [i for i, b in enumerate(out) if _is_formula(b)]
    return out, formulas


def _heading_end(blocks: list[Block]) -> int | None:
    """Index after the heading of a text without an enacting formula (early SC texts)."""
    end = None
    for i, b in enumerate(blocks[:12]):
        t = b.text.text
        if any(r.search(t) for r in _HEADING_END):
            end = i + 1
    return end


def parse(doc: Document, report: Report) -> Resolution:
    """Parse a reader's document into a resolution."""
    src = doc.source
    body_blocks = [b for b in doc.blocks if b.kind is BlockKind.BODY and b.text.text.strip()]
    notes = [b for b in doc.blocks if b.kind is BlockKind.FOOTNOTE]
    if not body_blocks:
        raise report.fatal("E-EMPTY", "no text: expected a resolution", 0 if src.text else None)
    blocks, formulas = split_header(body_blocks, report)
    if formulas:
        header_end = formulas[0]
    else:
        he = _heading_end(blocks)
        if he is None:
            raise report.fatal(
                "E-NOT-RESOLUTION",
                "this is not a resolution: expected an enacting formula such as 'The General "
                "Assembly,' or a heading such as '78/167. Title' or 'Resolution 827 (1993)'",
                blocks[0].text.offset(0))
        header_end = he
    header = blocks[:header_end]
    # parts A, B ...: a single-letter block (and its title) just before each formula
    part_heads: list[tuple[int, int]] = []  # (heading start, formula index)
    if len(formulas) > 1:
        prev_end = 0
        for fi in formulas:
            hs = fi
            for k in range(fi - 1, max(prev_end, fi - 4) - 1, -1):
                if _PART_LETTER.fullmatch(blocks[k].text.text.strip()):
                    hs = k
                    break
            part_heads.append((hs, fi))
            prev_end = fi + 1
        header = blocks[:part_heads[0][0]]
    tb = read_title_block(header_text(header))
    if formulas:
        _organ_from_formula(tb, blocks[formulas[0]])
    header_refs = [m for b in header for m in b.marks if m.kind is MarkKind.NOTEREF]

    assembler = Assembler(report, tb.body)
    builder = Builder(report, tb.body)
    parts: list[tuple[PartNode, Body]] = []
    if part_heads:
        for k, (hs, fi) in enumerate(part_heads):
            nxt = part_heads[k + 1][0] if k + 1 < len(part_heads) else len(blocks)
            heading_blocks = blocks[hs:fi]
            first = heading_blocks[0].text.text.strip() if heading_blocks else ""
            letter = first if _PART_LETTER.fullmatch(first) else chr(ord("A") + k)
            body = assembler.assemble(blocks[fi + 1:nxt], LineNode(blocks[fi].text), prefix_part=letter)
            parts.append((PartNode(letter, [LineNode(b.text) for b in heading_blocks], body.formula,
                                   body.paragraphs, body.headings, body.closing), body))
    else:
        start = header_end + (1 if formulas else 0)
        formula = LineNode(blocks[formulas[0]].text) if formulas else None
        body = assembler.assemble(blocks[start:], formula)
        parts.append((PartNode("", [], formula, body.paragraphs, body.headings, body.closing), body))

    paragraphs: list[Paragraph] = []
    annexes: list[Annex] = []
    heading_nodes: list[tuple[HeadingNode, str]] = []
    node_ids: dict[int, str] = {}
    multi = len(parts) > 1
    n_annexes = sum(len(b.annexes) for _, b in parts)
    annex_counter = 0
    for part, body in parts:
        prefix = f"{part.label}." if multi else ""
        tops = builder.top_level(body.paragraphs, prefix)
        for node, para in zip(body.paragraphs, tops, strict=False):
            node_ids[id(node)] = para.id
        paragraphs.extend(tops)
        heading_nodes.extend((h, prefix) for h in body.headings)
        for a in body.annexes:
            annex_counter += 1
            if a.adopted_text:
                aid = f"{prefix}text"
            elif n_annexes == 1:
                aid = f"{prefix}annex"
            else:
                aid = f"{prefix}annex{annex_counter}"
            annex, heads = builder.annex(a, aid)
            for node, para in zip(a.paragraphs, annex.paragraphs, strict=False):
                node_ids[id(node)] = para.id
            ah = headings([(h, f"{aid}.") for h, _ in heads], node_ids)
            annexes.append(replace(annex, headings=tuple(ah)))
    body_headings = headings(heading_nodes, node_ids)

    if not paragraphs and not any(a.paragraphs for a in annexes):
        raise report.fatal("E-NO-PARAGRAPHS",
                           "no paragraphs after the enacting formula: expected preambular or numbered "
                           "operative paragraphs", blocks[formulas[0]].text.offset(0) if formulas else 0)

    all_paras: list[Paragraph] = []

    def walk(p: Paragraph) -> None:
        all_paras.append(p)
        for c in p.children:
            walk(c)

    for top_para in paragraphs:
        walk(top_para)
    for annex_para in (q for x in annexes for q in x.paragraphs):
        walk(annex_para)
    outside_refs: list[tuple[str, Mark]] = [("front", m) for m in header_refs]
    for part_node, _ in parts:
        for closing_node in part_node.closing:
            outside_refs.extend(("closing", m) for m in closing_node.marks
                                if m.kind is MarkKind.NOTEREF)
    annex_nodes = [x for _, part_body in parts for x in part_body.annexes]
    for annex_model, annex_node in zip(annexes, annex_nodes, strict=False):
        for line_node in annex_node.front:
            outside_refs.extend((annex_model.id, m) for m in line_node.marks
                                if m.kind is MarkKind.NOTEREF)
    for h_model, (h_node, _) in zip(body_headings, heading_nodes, strict=False):
        outside_refs.extend((h_model.id, m) for m in h_node.marks if m.kind is MarkKind.NOTEREF)
    footnotes, citations = footnotes_and_citations(report, tb.body, all_paras, notes, builder.texts,
                                                   outside_refs, src.text)

    symbol = _symbol(tb, doc, report, blocks)
    closing_nodes = parts[-1][0].closing
    closing = None
    closing_date = meeting = None
    vote: Vote | None = None
    if closing_nodes:
        closing = joined_line(closing_nodes)
        ct = closing.text
        mm = _MEETING_RE.search(ct)
        meeting = " ".join(mm.group(0).split()) if mm else None
        d = find_date(ct)
        closing_date = d[0] if d else None
        vote = read_vote(ct)
        if vote is None:
            # "Adopted at the 2nd meeting. 22" with footnote 22 "Adopted without vote."
            for f in footnotes:
                if "closing" in f.outside:
                    vote = read_vote(f.text)
                    if vote is not None:
                        break
    else:
        if tb.meeting is None and tb.organ is None:  # ITU conferences write no closing line
            last_end = all_paras[-1].span.end if all_paras else len(src.text)
            report.warn("W-NO-CLOSING",
                        "no closing line (such as '49th plenary meeting' and its date): the text may "
                        "be truncated", min(last_end, len(src.text)))
    if meeting is None:
        meeting = tb.meeting

    sym = DocSymbol.parse(symbol, body=tb.body)
    model_parts = tuple(
        Part(label=p.label, title=" ".join(h.text.text for h in p.heading[1:]) or None,
             formula=line(p.formula) if p.formula else None,
             closing=joined_line(p.closing) if p.closing else None,
             span=Span(p.heading[0].start if p.heading else (p.formula.start if p.formula else 0),
                       max([n.end for n in p.closing] or [p.formula.end if p.formula else 0])))
        for p, _ in parts) if multi else ()
    title = tb.title or _meta_title(doc) or (f"Resolution {tb.number}" if tb.number else str(sym))
    adopted = tb.adopted or _meta_date(doc)
    return Resolution(
        symbol=str(sym), body=tb.body or tb.organ or "",
        number=tb.number or _number_from_symbol(str(sym)),
        session=tb.session, title=title, agenda_items=tuple(tb.agenda_items), adopted=adopted,
        distributed=tb.distributed, origin=tb.origin, meeting=meeting,
        paragraphs=tuple(paragraphs), footnotes=tuple(footnotes), citations=tuple(citations),
        source=SourceInfo(path=src.path, format=src.format,
                          sha256=hashlib.sha256(src.text.encode("utf-8")).hexdigest()),
        slug=sym.slug, year=tb.year or (int(adopted[:4]) if adopted else None), vote=vote,
        annexes=tuple(annexes), headings=tuple(body_headings),
        formula=line(parts[0][0].formula) if parts[0][0].formula else None, closing=closing,
        front=tuple(line(b.text, b.marks) for b in blocks[:part_heads[0][0] if part_heads else header_end]
                    if b.text.text.strip()),
        parts=model_parts, closing_date=closing_date)


def _organ_from_formula(tb: TitleBlock, formula: Block) -> None:
    """The adopting organ named by the enacting formula: a UN body (``tb.body``, when the
    title block did not name it), or an ITU conference (``tb.organ``, and the symbol
    `conference_symbol` gives its text)."""
    fm = FORMULA_RE.fullmatch(formula.text.text.strip())
    if fm is None:
        return
    if fm["body"]:
        tb.body = tb.body or " ".join(fm["body"].split())
        return
    conference = " ".join(fm["conference"].split())
    tb.organ = f"ITU {conference}"
    year = int(fm["year"]) if fm["year"] else tb.year
    if year is not None and tb.kind and tb.number and not tb.symbol:
        tb.symbol = conference_symbol(conference, year, tb.kind, tb.number.split()[0])
    tb.year = tb.year or year


def _meta_date(doc: Document) -> str | None:
    """The adoption date the format's metadata gives (Akoma Ntoso's FRBR adoption date)."""
    d = doc.source.meta.get("adopted", "")
    return d if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) else None


def _meta_title(doc: Document) -> str | None:
    t = doc.source.meta.get("title")
    if not t:
        return None
    return t.rstrip(" :").strip() or None


def _number_from_symbol(symbol: str) -> str:
    for prefix in ("A/RES/", "S/RES/", "A/HRC/RES/", "E/RES/"):
        if symbol.startswith(prefix):
            return symbol[len(prefix):]
    return symbol


def _symbol(tb: TitleBlock, doc: Document, report: Report, blocks: list[Block]) -> str:
    """The resolution's symbol: from the text, else its number, else metadata, else the file name."""
    candidates: list[str] = []
    if tb.symbol:
        candidates.append(tb.symbol)
    if tb.number:
        candidates.append(tb.number)
    if doc.source.meta.get("symbol"):
        candidates.append(doc.source.meta["symbol"])
    for c in candidates:
        try:
            return str(DocSymbol.parse(c, body=tb.body))
        except ValueError:
            continue
    stem = Path(doc.source.path).stem
    guess = re.sub(r"[-_](?:EN|en)$", "", stem).replace("_", "/").replace("-", "/")
    try:
        sym = str(DocSymbol.parse(guess, body=tb.body))
    except ValueError:
        raise report.fatal("E-NO-SYMBOL",
                           "no resolution number found: expected a line such as '78/167. Title' or "
                           "'Resolution 827 (1993)'", blocks[0].text.offset(0)) from None
    report.warn("W-SYMBOL-FROM-FILENAME", f"no resolution number in the text; {sym} taken from the file name",
                None)
    return sym


__all__ = ["Mark", "Piece", "parse"]
