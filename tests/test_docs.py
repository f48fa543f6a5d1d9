"""Documentation generated from the code stays current."""

from __future__ import annotations

from tests.model_doc import DOC, render


def test_model_doc_is_current() -> None:
    assert DOC.exists() and DOC.read_text(encoding="utf-8") == render(), (
        "docs/model.md is out of date: run `make goldens` and review it")
