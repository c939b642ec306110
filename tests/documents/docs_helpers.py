"""Helpers shared by the document reader tests (a unique name, so no other conftest shadows it)."""

from __future__ import annotations

from pathlib import Path

from pharmgraph.documents import Document

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "pharmgraph" / "data" / "examples"


def check_offsets(doc: Document) -> None:
    """Assert the offset invariants every reader promises."""
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        assert len(s.clean) == len(s.text)
        assert s.kind in ("sentence", "heading", "bullet", "table_row")
        assert s.text == s.text.strip()
    for a in doc.annotations:
        assert doc.text[a.start : a.end] == a.text
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts)
