"""docs/model.md from generator/model.py: every JSON key with its type and docstring.

The model's field docstrings are the documentation; this writes them out so the JSON format is
documented where readers look for it, and `test_model_doc_is_current` keeps the two in step.
`make goldens` regenerates it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "generator" / "model.py"
DOC = ROOT / "docs" / "model.md"
ORDER = ["Resolution", "Paragraph", "Footnote", "Citation", "Line", "NoteRef", "Heading", "Annex",
         "Part", "AgendaItem", "Origin", "Vote", "SourceInfo"]


def _fields(cls: ast.ClassDef) -> list[tuple[str, str, str]]:
    out = []
    body = cls.body
    for i, node in enumerate(body):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            doc = ""
            nxt = body[i + 1] if i + 1 < len(body) else None
            if isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant) and isinstance(
                    nxt.value.value, str):
                doc = " ".join(nxt.value.value.split())
            typ = ast.unparse(node.annotation).replace("tuple[", "list[").replace(", ...]", "]")
            typ = typ.replace("Span", "[start, end]").replace("Range", "[start, end]")
            typ = typ.replace(" | None", " or null").replace("|", "or")
            out.append((node.target.id, typ, doc))
    return out


def render() -> str:
    tree = ast.parse(MODEL.read_text(encoding="utf-8"))
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    lines = [
        "# The model as JSON",
        "",
        "`resodocs parse FILE` prints a resolution as JSON (keys sorted, UTF-8). This page is",
        "generated from the field docstrings of `generator/model.py` (`make goldens` rewrites it;",
        "a test fails when it is out of date). `format_version` is bumped when a key changes meaning",
        "or disappears; new keys do not bump it.",
        "",
        "Spans `[start, end]` are character offsets into the text as read (for a PDF, the text the",
        "reader extracted: one line per printed line, pages separated by form feeds); ranges",
        "`[start, end]` inside an object are offsets into that object's own `text`.",
        "",
    ]
    for name in ORDER:
        cls = classes[name]
        doc = ast.get_docstring(cls) or ""
        lines += [f"## {name}", "", " ".join(doc.split()), "", "| key | type | meaning |",
                  "| --- | --- | --- |"]
        for key, typ, fdoc in _fields(cls):
            cell = fdoc.replace("|", "\\|")
            lines.append(f"| `{key}` | `{typ}` | {cell} |")
        lines.append("")
    return "\n".join(lines)


def write() -> bool:
    """Rewrite docs/model.md; True if it changed."""
    new = render()
    if DOC.exists() and DOC.read_text(encoding="utf-8") == new:
        return False
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(new, encoding="utf-8")
    return True
