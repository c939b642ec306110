"""Back matter is skipped by its whole heading; a heading that only starts alike is content."""

from __future__ import annotations

from pharmgraph.extract import extract_text


def _claims(text: str) -> set[tuple[str, str, str]]:
    return {(s.subject.label, s.predicate, s.object.label)
            for s in extract_text(text, name="review.md")}


def test_a_reference_table_is_read_and_the_references_are_not():
    text = (
        "# Notes on two channel blockers\n\n"
        "## Reference table\n\n"
        "Lamotrigine blocks voltage-gated sodium channels.\n\n"
        "## References\n\n"
        "1. Carbamazepine blocks voltage-gated sodium channels. J Example. 2001.\n"
    )
    subjects = {s for s, _, _ in _claims(text)}
    assert "lamotrigine" in subjects
    assert "carbamazepine" not in subjects
