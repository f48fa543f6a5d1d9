"""Golden model.json files: the parser's output for each case, compared in full."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import case_input, golden_cases
from tests.regenerate_goldens import model_json


@pytest.mark.parametrize("case", golden_cases(), ids=lambda p: p.name)
def test_model_matches_golden(case: Path) -> None:
    if not case_input(case).exists():
        pytest.skip(f"input not found: {case_input(case)} (the shared corpus is not here)")
    golden = case / "model.json"
    assert golden.exists(), f"no golden for {case.name}: run `make goldens` and review it"
    assert model_json(case) == golden.read_text(encoding="utf-8"), (
        f"{case.name}: the model changed; if on purpose, run `make goldens` and review the diff")
