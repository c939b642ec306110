"""The relation extractor on sentences written for these tests."""

from __future__ import annotations

import pytest

from pharmgraph.evaluation import Abstract, Mention, predict_relations
from pharmgraph.evaluation.extractor import candidates


def abstract(text: str, chemicals: list[str], genes: list[str]) -> Abstract:
    """An abstract whose title is ``text``, with the named mentions located in it."""
    mentions = {}
    for kind, names in (("CHEMICAL", chemicals), ("GENE", genes)):
        for name in names:
            start = text.index(name)
            tid = f"T{len(mentions) + 1}"
            mentions[tid] = Mention(tid, kind, start, start + len(name), name)
    return Abstract("42", text, "", mentions)


@pytest.mark.parametrize(
    ("text", "chemical", "gene", "expected"),
    [
        (
            "Lovastatin inhibits HMG-CoA reductase in the liver.",
            "Lovastatin",
            "HMG-CoA reductase",
            "INHIBITOR",
        ),
        (
            "Haloperidol, a potent D2 antagonist, was given daily.",
            "Haloperidol",
            "D2",
            "ANTAGONIST",
        ),
        ("We found that midazolam is a substrate of CYP3A4.", "midazolam", "CYP3A4", "SUBSTRATE"),
        ("The D2 antagonist haloperidol was given daily.", "haloperidol", "D2", "ANTAGONIST"),
        (
            "Morphine is a full agonist of the mu opioid receptor.",
            "Morphine",
            "mu opioid receptor",
            "AGONIST",
        ),
    ],
)
def test_simple_sentences(text: str, chemical: str, gene: str, expected: str) -> None:
    found = predict_relations([abstract(text, [chemical], [gene])])
    assert found == [("42", expected, "T1", "T2")]


def test_pairs_in_different_sentences_are_not_related() -> None:
    text = "Lovastatin was given. The patients carried a mutation in HMG-CoA reductase."
    assert predict_relations([abstract(text, ["Lovastatin"], ["HMG-CoA reductase"])]) == []


def test_arguments_are_chemical_then_gene() -> None:
    text = "Inhibition of HMG-CoA reductase by lovastatin lowers cholesterol synthesis."
    found = predict_relations([abstract(text, ["lovastatin"], ["HMG-CoA reductase"])])
    assert found == [("42", "INHIBITOR", "T1", "T2")]


def test_candidates_follow_the_shared_sentence_splitter() -> None:
    # "e.g." and "Fig." do not end a sentence in pharmgraph.documents; the full stop does.
    text = "Drug A (e.g. 5 mg) blocks COX2 as in Fig. 2. Then HMG-CoA reductase was measured."
    pairs = candidates(abstract(text, ["Drug A"], ["COX2", "HMG-CoA reductase"]))
    assert [(c.subject, c.object) for c in pairs] == [("T1", "T2")]
    assert "rule=blocks" in pairs[0].features  # the rules' own reading is a feature
