"""Bad input (issue 2): every case exits non-zero (or warns) with file, line and column, a
caret under the spot, and never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.diagnostics import Level
from generator.load import load

SEED = Path(__file__).resolve().parent.parent / "content" / "resolutions" / "A-RES-78-167.txt"
HEADER = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning)"
                    r"\[(?P<code>[A-Z0-9-]+)\]: (?P<msg>.+)$", re.M)


def run_parse(path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "parse", str(path), *flags],
                          capture_output=True, text=True, check=False)


def diagnostics(path: Path) -> list[tuple[str, str, int, int]]:
    loaded = load(path, path.name)
    return [(d.level.value, d.code, d.line, d.col) for d in loaded.diagnostics]


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def line_of(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


# -- fatal: nothing to parse ------------------------------------------------------------------

@pytest.mark.parametrize("name,data,code,line,col", [
    ("empty.txt", b"", "E-EMPTY", 1, 1),
    ("blank.txt", b"\n   \n\t\n", "E-EMPTY", 1, 1),
    ("binary.txt", b"GIF89a\x01\x00\x00\x00" + bytes(range(256)), "E-BINARY", 1, 8),
    ("zeros.md", b"\x00" * 64, "E-BINARY", 1, 1),
])
def test_unreadable_files(tmp_path: Path, name: str, data: bytes, code: str, line: int, col: int) -> None:
    path = write(tmp_path, name, data)
    assert diagnostics(path) == [("error", code, line, col)]
    proc = run_parse(path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    m = HEADER.search(proc.stderr)
    assert m and m["file"] == str(path) and m["code"] == code and (int(m["line"]), int(m["col"])) == (line, col)


def test_text_that_is_not_a_resolution(tmp_path: Path) -> None:
    text = "Minutes of the meeting\n\nThe chair opened the meeting at 10 a.m.\n\nItems were discussed.\n"
    path = write(tmp_path, "minutes.txt", text)
    assert diagnostics(path) == [("error", "E-NOT-RESOLUTION", 1, 1)]
    proc = run_parse(path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    # the source line and a caret under the spot
    assert "\n    Minutes of the meeting\n    ^" in proc.stderr


def test_formula_with_no_paragraphs(tmp_path: Path) -> None:
    text = "78/999. Nothing\n\nThe General Assembly,\n"
    path = write(tmp_path, "nothing.txt", text)
    codes = diagnostics(path)
    assert ("error", "E-NO-PARAGRAPHS", 3, 1) in codes


def test_not_utf8_is_decoded_with_a_located_warning(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("Pérez-Guerrero", "P\udce9rez-Guerrero", 1)
    data = text.encode("utf-8", errors="surrogateescape")  # a lone Latin-1 byte 0xE9
    path = write(tmp_path, "latin1.txt", data)
    loaded = load(path, path.name)
    assert loaded.resolution is not None
    (w,) = [d for d in loaded.diagnostics if d.code == "W-ENCODING"]
    line, col = line_of(SEED.read_text(encoding="utf-8"), "Pérez-Guerrero")
    assert (w.level, w.line, w.col) == (Level.WARNING, line, col + 1)
    assert "Pérez-Guerrero" in loaded.resolution.paragraph("op15").text  # read as Windows-1252
    assert run_parse(path).returncode == 0
    strict = run_parse(path, "--strict")
    assert strict.returncode == 1 and "error[W-ENCODING]" in strict.stderr


# -- warnings: located, and errors under --strict ---------------------------------------------

def test_truncated_text_has_no_closing_line(tmp_path: Path) -> None:
    lines = seed_lines()
    cut = next(i for i, ln in enumerate(lines) if ln.startswith("20. *Requests*"))
    text = "\n".join(lines[:cut]) + "\n"
    path = write(tmp_path, "truncated.txt", text)
    loaded = load(path, path.name)
    assert loaded.resolution is not None
    (w,) = [d for d in loaded.diagnostics if d.code == "W-NO-CLOSING"]
    assert w.level is Level.WARNING and w.line >= cut - 2
    assert run_parse(path).returncode == 0
    proc = run_parse(path, "--strict")
    assert proc.returncode == 1 and proc.stdout == ""
    assert "error[W-NO-CLOSING]" in proc.stderr and "Traceback" not in proc.stderr


def test_footnote_marker_with_no_footnote_text(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n⁶ A/78/290.\n", "\n", 1)
    path = write(tmp_path, "nofootnote.txt", text)
    loaded = load(path, path.name)
    (w,) = [d for d in loaded.diagnostics if d.code == "W-FOOTNOTE-MISSING"]
    line, col = line_of(text, "⁶")
    assert (w.level, w.line, w.col) == (Level.WARNING, line, col)
    assert loaded.resolution is not None and [f.number for f in loaded.resolution.footnotes] == [1, 2, 3, 4, 5, 7]
    assert run_parse(path, "--strict").returncode == 1


def test_footnote_with_no_marker(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("cooperation;⁶", "cooperation;", 1)
    path = write(tmp_path, "uncalled.txt", text)
    loaded = load(path, path.name)
    (w,) = [d for d in loaded.diagnostics if d.code == "W-FOOTNOTE-UNCALLED"]
    line, col = line_of(text, "⁶ A/78/290.")
    assert w.line == line and w.col in (col, col + 2)
    assert loaded.resolution is not None
    (fn6,) = [f for f in loaded.resolution.footnotes if f.number == 6]
    assert fn6.paragraph is None and fn6.text == "A/78/290."


def test_missing_paragraph_number(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n12. *Also looks forward*", "\n13. *Also looks forward*", 1)
    text = text.replace("\n13. *Takes note* of the recommendations", "\n14. *Takes note* of the recommendations", 1)
    path = write(tmp_path, "gap.txt", text)
    codes = [(d.code, d.line, d.col) for d in load(path, path.name).diagnostics]
    line, col = line_of(text, "13. *Also looks forward*")
    assert ("W-NUMBER-GAP", line, col) in codes


def test_repeated_paragraph_number(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n12. *Also looks forward*", "\n11. *Also looks forward*", 1)
    path = write(tmp_path, "repeat.txt", text)
    loaded = load(path, path.name)
    line, col = line_of(text, "11. *Also looks forward*")
    codes = [(d.code, d.line, d.col) for d in loaded.diagnostics]
    assert ("W-NUMBER-REPEATED", line, col) in codes
    assert loaded.resolution is not None
    ids = [p.id for p in loaded.resolution.paragraphs]
    assert len(ids) == len(set(ids)), "ids stay unique"
    assert run_parse(path, "--strict").returncode == 1


def test_every_diagnostic_is_printed_once(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n⁶ A/78/290.\n", "\n", 1)
    path = write(tmp_path, "once.txt", text)
    proc = run_parse(path, "--strict")
    assert len(HEADER.findall(proc.stderr)) == len(load(path, path.name).diagnostics) == 1


def test_seed_parses_clean() -> None:
    proc = run_parse(SEED, "--strict")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
