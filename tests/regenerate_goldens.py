"""Regenerate the golden files of tests/cases (run by `make goldens`; review the diff).

For each case folder: ``model.json`` from the parser, and ``pages/*.md`` from the page
generator when the case has a ``pages`` folder. Nothing else writes goldens.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.load import load  # noqa: E402
from generator.model import to_dict  # noqa: E402
from tests.conftest import ROOT, case_input, display_name, golden_cases  # noqa: E402


def model_json(case: Path) -> str:
    """The golden model of a case, as the tests compare it."""
    src = case_input(case)
    loaded = load(src, display_name(src))
    if loaded.resolution is None:
        raise SystemExit(f"{case.name}: does not parse: "
                         + "; ".join(d.format() for d in loaded.diagnostics))
    data = to_dict(loaded.resolution)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    changed = 0
    for case in golden_cases():
        out = case / "model.json"
        new = model_json(case)
        if not out.exists() or out.read_text(encoding="utf-8") != new:
            out.write_text(new, encoding="utf-8")
            changed += 1
            print(f"updated {out.relative_to(ROOT)}")
        pages_dir = case / "pages"
        if pages_dir.is_dir():
            from tests.page_goldens import write_pages  # noqa: PLC0415

            changed += write_pages(case)
    from tests.model_doc import write as write_model_doc  # noqa: PLC0415

    if write_model_doc():
        changed += 1
        print("updated docs/model.md")
    print(f"{changed} golden file(s) changed; review them with `git diff tests/cases`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
