"""The official UN PDF reader (`readers.pdf`) and the pdftohtml XML reader (`readers.pdfxml`).

Expectations were counted by hand from the PDFs (``pdftotext -layout`` renderings and page
images), not taken from the readers' output: paragraphs, footnotes and who calls them, the
italic phrases, the page furniture that must not reach any paragraph.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from generator.diagnostics import Level, Report
from generator.load import Loaded, load
from generator.model import Paragraph, Resolution
from generator.readers import TEXT_READERS, read_file
from generator.readers.base import BlockKind, MarkKind

GA73 = "ga73-pdf"
FORMATS = ("pdf", "xml")


def _path(corpus: Path, n: int, ext: str) -> Path:
    return corpus / GA73 / f"A_RES_73_{n}-EN.{ext}"


def _load(corpus: Path, n: int, ext: str) -> Resolution:
    loaded = load(_path(corpus, n, ext))
    errors = [d.format() for d in loaded.diagnostics if d.level is Level.ERROR]
    assert loaded.resolution is not None and not errors, errors
    return loaded.resolution


def _walk(paragraphs: tuple[Paragraph, ...]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for p in paragraphs:
        out.append(p)
        out.extend(_walk(p.children))
    return out


def _all_paragraphs(res: Resolution) -> list[Paragraph]:
    out = _walk(res.paragraphs)
    for a in res.annexes:
        out.extend(_walk(a.paragraphs))
    return out


# -- hand-counted expectations ---------------------------------------------------------------

# (resolution, preambular, operative, footnotes, {footnote: paragraphs that call it})
COUNTS = [
    (7, 13, 28, 9, {1: ("pp2", "op2"), 2: ("pp9", "op11"), 3: ("pp10",), 4: ("op1",),
                    5: ("op3",), 6: ("op12",), 7: ("op13",), 8: ("op13",), 9: ("op21",)}),
    # pp22 calls note 1 a second time with a plain "1" typed after "UNISPACE+50,"
    (6, 25, 14, 6, {1: ("pp2", "pp22"), 2: ("pp5", "op1", "op4"), 3: ("pp5",), 4: ("pp5",),
                    5: ("pp13",), 6: ("pp23",)}),
    # "Adopts the following political declaration": one operative paragraph, the declaration
    # as the adopted text ("We, Heads of State ..." and paragraphs 1-53)
    (3, 0, 1, 7, {1: ("text.1",), 2: ("text.1",), 3: ("text.2",), 4: ("text.2",), 5: ("text.2",),
                  6: ("text.3",), 7: ("text.23",)}),
]


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("n,pp,op,fn,callers", COUNTS, ids=lambda v: str(v) if isinstance(v, int) else "")
def test_counts_and_footnotes(corpus: Path, ext: str, n: int, pp: int, op: int, fn: int,
                              callers: dict[int, tuple[str, ...]]) -> None:
    res = _load(corpus, n, ext)
    assert res.symbol == f"A/RES/73/{n}"
    assert sum(p.part == "preamble" for p in res.paragraphs) == pp
    assert sum(p.part == "operative" for p in res.paragraphs) == op
    assert len(res.footnotes) == fn
    assert {f.number: f.called_from for f in res.footnotes} == callers
    assert res.source.format == ("pdf" if ext == "pdf" else "pdfxml")


def test_adopted_text_of_73_3(corpus: Path) -> None:
    for ext in FORMATS:
        res = _load(corpus, 3, ext)
        (text,) = res.annexes
        ids = [p.id for p in text.paragraphs]
        assert ids == ["text.pp1"] + [f"text.{k}" for k in range(1, 54)]
        assert text.paragraphs[0].text.startswith("We, Heads of State and Government")
        assert text.paragraphs[-1].text.endswith("at a high-level meeting in 2023.")
        assert res.closing is not None and res.closing.text == "18th plenary meeting 10 October 2018"


@pytest.mark.parametrize("ext", FORMATS)
def test_title_block(corpus: Path, ext: str) -> None:
    res = _load(corpus, 6, ext)
    assert res.title == ("Fiftieth anniversary of the first United Nations Conference on the "
                         "Exploration and Peaceful Uses of Outer Space: space as a driver of "
                         "sustainable development")
    assert (res.adopted, res.distributed, res.session) == ("2018-10-26", "2018-10-31", 73)
    assert [a.number for a in res.agenda_items] == ["30"]
    # the right-hand column ("Distr.: General" over the date) after the left one beside it
    front = [line.text for line in res.front]
    assert front[:4] == ["United Nations", "A/RES/73/6", "General Assembly",
                         "Distr.: General 31 October 2018"]
    assert res.closing is not None and res.closing.text == "26th plenary meeting 26 October 2018"


PHRASES = [
    (7, "pp1", "Recalling"), (7, "pp2", "Recalling also"), (7, "pp9", "Expressing its appreciation"),
    (7, "op2", "Also welcomes"), (7, "op3", "Further welcomes"), (7, "op9", "Calls upon"),
    (6, "pp6", "Noting with satisfaction"), (6, "pp14", "Seriously concerned"),
    (6, "op1", "Notes with appreciation"), (6, "op9", "Expresses its conviction"),
]


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("n,pid,phrase", PHRASES)
def test_italic_phrases(corpus: Path, ext: str, n: int, pid: str, phrase: str) -> None:
    res = _load(corpus, n, ext)
    para = next(p for p in res.paragraphs if p.id == pid)
    assert para.phrase == phrase


@pytest.mark.parametrize("ext", FORMATS)
def test_italics_inside_text_and_footnotes(corpus: Path, ext: str) -> None:
    res = _load(corpus, 7, ext)
    pp7 = next(p for p in res.paragraphs if p.id == "pp7")
    assert [pp7.text[r.start:r.end] for r in pp7.emphasis] == ["proprio motu"]
    note1 = res.footnotes[0]
    assert [note1.text[r.start:r.end] for r in note1.emphasis] == ["Treaty Series"]


# page furniture: job numbers, print dates, barcodes, page numbers, running headers
FURNITURE = re.compile(r"\d{2}-\d{5}|\b\d{6}\b|\*\d+\*|\b\d{1,2}/(?:5|10)\b(?!/)|A/RES/73/\d")
RUNNING_TITLE = "Political declaration of the high-level meeting of the General Assembly"


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("n", [3, 6, 7])
def test_no_page_furniture_in_text(corpus: Path, ext: str, n: int) -> None:
    res = _load(corpus, n, ext)
    texts = [p.text for p in _all_paragraphs(res)] + [f.text for f in res.footnotes]
    for t in texts:
        assert not FURNITURE.search(t), t
        assert RUNNING_TITLE not in t, t
        assert "  " not in t and "\n" not in t


@pytest.mark.parametrize("ext", FORMATS)
def test_footnote_continued_on_the_next_page(corpus: Path, ext: str) -> None:
    res = _load(corpus, 6, ext)
    note6 = res.footnotes[5]
    assert note6.text.startswith("Related documents include A/AC.105/1129,")
    assert note6.text.endswith("A/AC.105/1180 and A/AC.105/1181.")  # page 4, under the rule


@pytest.mark.parametrize("ext", FORMATS)
def test_paragraphs_rejoined_across_pages(corpus: Path, ext: str) -> None:
    res = _load(corpus, 7, ext)
    pp9 = next(p for p in res.paragraphs if p.id == "pp9")  # starts on page 1, ends on page 2
    assert pp9.text.startswith("Expressing its appreciation")
    op12 = next(p for p in res.paragraphs if p.id == "op12")
    assert "respect each other’s status and mandate, and requests" in op12.text


@pytest.mark.parametrize("ext", FORMATS)
def test_hyphens_at_line_ends_are_kept_in_compounds(corpus: Path, ext: str) -> None:
    # every line-final hyphen in these PDFs belongs to a compound: none may be dropped
    res7 = _load(corpus, 7, ext)
    by_id = {p.id: p.text for p in res7.paragraphs}
    assert "post-conflict societies" in by_id["pp5"]
    assert "at its seventy-fourth session." in by_id["op28"]
    res3 = _load(corpus, 3, ext)
    text = " ".join(p.text for p in _all_paragraphs(res3))
    for compound in ("drug-resistant forms", "tuberculosis-associated deaths", "high-quality",
                     "child-friendly formulations", "at a high-level meeting"):
        assert compound in text


def test_pdf_source_text_and_spans(corpus: Path) -> None:
    """The source of a PDF is the extracted text: one line per printed line, a form feed line
    between pages; every span of the model points into it."""
    path = _path(corpus, 7, "pdf")
    doc = read_file(path, "x.pdf", Report("x.pdf"))
    text = doc.source.text
    assert text.count("\n\f\n") == 4  # five pages
    assert text.startswith("United Nations")
    res = _load(corpus, 7, "pdf")
    for p in res.paragraphs:
        written = text[p.span.start:p.span.end]  # the label ("1.") included
        assert p.text.split()[0] in written[:24] and written.endswith(p.text.split()[-1])
        for r in p.noterefs:
            assert text[r.span.start:r.span.end] == str(r.number)
    for f in res.footnotes:
        assert text[f.span.start:f.span.end].split()[0] == f.text.split()[0]


def test_link_marks_name_their_targets(corpus: Path) -> None:
    for ext in FORMATS:
        doc = read_file(_path(corpus, 7, ext), "x", Report("x"))
        links = [(b.text.text[m.start:m.end], m.value) for b in doc.blocks for m in b.marks
                 if m.kind is MarkKind.LINK]
        assert ("72/3", "https://undocs.org/A/RES/72/3") in links
        assert ("A/58/874/Add.1", "https://undocs.org/A/58/874/Add.1") in links
        # the PDF links "2017/18" in op1 to E/RES/2017/18: not a citation the text makes
        assert not any(t.startswith("2017/18") for t, _ in links)


def test_blocks_of_pdf_and_xml_agree(corpus: Path) -> None:
    """The two renderings of one PDF give the same blocks (whitespace aside: pdftohtml keeps
    spurious spaces inside words, "Internati onal")."""
    for n in (3, 6, 7):
        blocks = []
        for ext in FORMATS:
            doc = read_file(_path(corpus, n, ext), "x", Report("x"))
            blocks.append([(b.kind, b.number, "".join(b.text.text.split())) for b in doc.blocks])
        assert blocks[0] == blocks[1]


# -- twins: the PDF against its other renderings --------------------------------------------------

def _texts(loaded: Loaded) -> tuple[list[str], dict[str, str], dict[int, str]]:
    # whitespace is removed before comparing: pdftotext and pdftohtml insert spaces inside
    # words ("includi ng", "Internati onal", "post -") where the PDF has a kerning gap, and the
    # model keeps the source's text as it stands
    assert loaded.resolution is not None, [d.format() for d in loaded.diagnostics]
    paras = _all_paragraphs(loaded.resolution)
    return ([p.id for p in paras], {p.id: "".join(p.text.split()) for p in paras},
            {f.number: "".join(f.text.split()) for f in loaded.resolution.footnotes})


TEXT_DUMP_READERS = {"txt": "pdftotext", "layout.txt": "pdftotext-layout"}


def _twin_cases() -> list[object]:
    return [pytest.param(n, ext, id=f"73_{n}-{ext}")
            for n in (3, 6, 7) for ext in ("xml", "txt", "layout.txt")]


def _dehyphenated(texts: dict[str, str]) -> dict[str, str]:
    return {k: v.replace("-", "") for k, v in texts.items()}


@pytest.mark.parametrize("n,ext", _twin_cases())
def test_twins_give_the_same_paragraphs(corpus: Path, n: int, ext: str) -> None:
    if ext in TEXT_DUMP_READERS and TEXT_DUMP_READERS[ext] not in {r.NAME for r in TEXT_READERS}:
        pytest.skip(f"no reader for {ext} text dumps yet (readers/{TEXT_DUMP_READERS[ext]})")
    pdf = _texts(load(_path(corpus, n, "pdf")))
    other_loaded = load(_path(corpus, n, ext))
    other = _texts(other_loaded)
    assert other_loaded.resolution is not None
    if ext in TEXT_DUMP_READERS:
        assert other_loaded.resolution.source.format == TEXT_DUMP_READERS[ext]
    assert other[0] == pdf[0], "paragraph ids differ"
    pdf_texts, other_texts = pdf[1], other[1]
    if ext == "txt":
        # pdftotext in reading order has already dropped the hyphen of compounds broken at a
        # line end after one of its spurious spaces ("drug -" / "resistant" -> "drug resistant"):
        # the hyphen is not in that source at all, so no reader can restore it
        pdf_texts, other_texts = _dehyphenated(pdf_texts), _dehyphenated(other_texts)
    differ = [pid for pid in pdf[0] if pdf_texts[pid] != other_texts[pid]]
    assert not differ, f"paragraph texts differ: {differ}"
    assert other[2] == pdf[2], "footnotes differ"


# -- bad input ---------------------------------------------------------------------------------------

def _error(path: Path) -> tuple[str, int, int, str]:
    loaded = load(path, path.name)
    assert loaded.resolution is None
    (diag,) = [d for d in loaded.diagnostics if d.level is Level.ERROR]
    text = diag.format()
    assert "Traceback" not in text and text.startswith(f"{path.name}:1:1: error[")
    return diag.code, diag.line, diag.col, diag.message


def test_encrypted_pdf(corpus: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(_path(corpus, 7, "pdf")))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = tmp_path / "encrypted.pdf"
    with out.open("wb") as f:
        writer.write(f)
    code, line, col, message = _error(out)
    assert (code, line, col) == ("E-PDF-ENCRYPTED", 1, 1)
    assert "password" in message


def test_pdf_encrypted_without_user_password_is_read(corpus: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(_path(corpus, 7, "pdf")))
    writer.encrypt(user_password="", owner_password="owner")  # "no copying" restrictions only
    out = tmp_path / "restricted.pdf"
    with out.open("wb") as f:
        writer.write(f)
    loaded = load(out)
    assert loaded.resolution is not None and len(loaded.resolution.paragraphs) == 41


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = tmp_path / "scanned.pdf"
    buf = io.BytesIO()
    writer.write(buf)
    out.write_bytes(buf.getvalue())
    code, line, col, message = _error(out)
    assert (code, line, col) == ("E-PDF-NO-TEXT", 1, 1)
    assert "OCR" in message


def test_truncated_pdf(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "truncated.pdf"
    out.write_bytes(_path(corpus, 7, "pdf").read_bytes()[:2000])
    code, line, col, message = _error(out)
    assert (code, line, col) == ("E-PDF-DAMAGED", 1, 1)
    assert "truncated" in message


def _text_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF showing `lines` in Helvetica."""
    ops = ["BT /F1 11 Tf 72 720 Td 14 TL"]
    for ln in lines:
        ops.append("(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_that_is_not_a_resolution(tmp_path: Path) -> None:
    out = tmp_path / "minutes.pdf"
    out.write_bytes(_text_pdf(["Minutes of the meeting of the garden committee",
                               "We agreed to plant more roses."]))
    loaded = load(out, out.name)
    assert loaded.resolution is None
    (diag,) = [d for d in loaded.diagnostics if d.level is Level.ERROR]
    assert diag.code == "E-NOT-RESOLUTION"
    # located in the extracted text: line 1 is the first printed line
    assert (diag.line, diag.col) == (1, 1)
    assert diag.source_line.startswith("Minutes of the meeting")


def test_minimal_pdf_is_read_as_lines(tmp_path: Path) -> None:
    out = tmp_path / "two-lines.pdf"
    out.write_bytes(_text_pdf(["First line", "Second line"]))
    doc = read_file(out, out.name, Report(out.name))
    assert doc.source.text == "First line\nSecond line\n"
    assert [b.kind for b in doc.blocks] == [BlockKind.BODY]
    assert doc.blocks[0].text.text == "First line Second line"


def test_xml_reader_is_chosen_by_content(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "rendering.txt"  # the extension says nothing
    out.write_bytes(_path(corpus, 7, "xml").read_bytes())
    doc = read_file(out, out.name, Report(out.name))
    assert doc.source.format == "pdfxml"
    assert doc.source.text == _path(corpus, 7, "xml").read_text(encoding="utf-8")


# -- the shared line layout, on hand-made pages -----------------------------------------------------

def _pages(spec: list[tuple[int, float, float, str, str]]) -> tuple[list[object], str]:
    """Pages from rows of (page, baseline, x, text, style): style letters ``s`` small (8 pt
    against 10), ``b`` bold, ``i`` italic, ``^`` the last word a superscript, ``n`` the first
    word a superscript (a footnote's number); the source text is the rows, one per line."""
    from generator.readers.mapped import MappedText
    from generator.readers.pdflines import Line, Page, Run

    source = ""
    pages: dict[int, list[Line]] = {}
    for page, base, x, text, style in spec:
        size = 8.0 if "s" in style else 10.0
        parts = [text]
        sup_at = -1
        if "^" in style:
            head, _, sup = text.rpartition(" ")
            parts, sup_at = [head + " ", sup], 1
        elif "n" in style:
            number, _, rest = text.partition(" ")
            parts, sup_at = [number, " " + rest], 0
        runs = []
        cx = x
        for k, part in enumerate(parts):
            is_sup = k == sup_at
            width = len(part) * (0.3 if is_sup else 0.5) * size
            runs.append(Run(MappedText(part, (0,), (len(source),)), cx, cx + width,
                            6.0 if is_sup else size, italic="i" in style, bold="b" in style,
                            sup=is_sup))
            source += part
            cx += width
        source += "\n"
        pages.setdefault(page, []).append(Line(page, base, runs))
    return [Page(i, 612, 792, pages.get(i, [])) for i in range(max(pages) + 1)], source


FULL = "x" * 72  # a full justified line: 72 characters of 5 pt from the margin at 100 to 460


def _layout(spec: list[tuple[int, float, float, str, str]]) -> list[tuple[str, int | None, bool, str]]:
    from generator.readers.pdflines import layout

    pages, source = _pages(spec)
    return [(b.kind.value, b.number, b.after_break, b.text.text) for b in layout(pages, source)]


def test_layout_sub_paragraphs_and_one_line_paragraphs() -> None:
    # no extra space between paragraphs: only the indentation tells where they start
    blocks = _layout([
        (0, 100, 130, "4. Stresses " + "w" * 58, ""),
        *[(0, 112 + 12 * k, 100, FULL, "") for k in range(6)],
        (0, 184, 100, "end of paragraph four;", ""),
        (0, 196, 130, "5. Requests the Secretary-General:", ""),
        (0, 208, 130, "(a) To report on the first matter;", ""),
        (0, 220, 130, "(b) To report on the second matter, which is long and " + "v" * 12, ""),
        (0, 232, 100, "goes on;", ""),
        (0, 244, 130, "6. Decides to remain seized of the matter.", ""),
    ])
    assert [t for _, _, _, t in blocks][1:] == [
        "5. Requests the Secretary-General:", "(a) To report on the first matter;",
        "(b) To report on the second matter, which is long and " + "v" * 12 + " goes on;",
        "6. Decides to remain seized of the matter."]


def test_layout_pages_furniture_and_footnotes() -> None:
    blocks = _layout([
        (0, 100, 130, "Recalling its resolution 1 of today and " + "y" * 40, "i"),
        (0, 112, 100, FULL, ""),
        *[(0, 124 + 12 * k, 100, FULL, "") for k in range(5)],
        (0, 184, 100, "the end of page one text with a note 1", "^"),
        (0, 700, 80, "__________", "s"),
        (0, 712, 95, "1 An explanatory note.", "sn"),
        (0, 750, 60, "18-18142 (E) 021118", ""),
        (1, 40, 60, "A/RES/73/99", "sb"),
        (1, 52, 300, "Short title of the resolution", "s"),
        (1, 100, 130, "Noting the particu-", ""),
        (1, 112, 100, "lar high-", ""),
        (1, 124, 100, "level meeting, a particular one,", ""),
        *[(1, 136 + 12 * k, 100, FULL, "") for k in range(5)],
        (1, 760, 60, "2/5", "sb"),
    ])
    assert blocks[0][3].startswith("Recalling its resolution 1 of today")
    assert blocks[0][3].endswith("the end of page one text with a note")
    assert [b[0] for b in blocks] == ["body", "footnote", "body"]
    assert blocks[1] == ("footnote", 1, False, "An explanatory note.")
    assert blocks[2][:3] == ("body", None, True)
    assert blocks[2][3].startswith("Noting the particular high-level meeting, a particular one,")
    assert all("18-18142" not in b[3] and "A/RES" not in b[3] and "2/5" not in b[3]
               and "Short title" not in b[3] for b in blocks)


def test_layout_paragraph_goes_on_after_a_full_last_line() -> None:
    blocks = _layout([
        (0, 100, 130, "Recalling " + "z" * 60, ""),
        *[(0, 112 + 12 * k, 100, FULL, "") for k in range(6)],
        (1, 100, 100, "and ends on the next page,", ""),
        (1, 112, 130, "Noting that a short line ends it,", ""),
        (2, 100, 130, "Welcoming the new page,", ""),
    ])
    assert [(b[2], b[3].split()[0], b[3].split()[-1]) for b in blocks] == [
        (False, "Recalling", "page,"), (False, "Noting", "it,"), (True, "Welcoming", "page,")]
