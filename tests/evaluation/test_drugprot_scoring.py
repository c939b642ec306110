"""The scoring maths: micro P/R/F1 on exact tuples, duplicates once, PMID restriction."""

from __future__ import annotations

import pytest

from pharmgraph.evaluation import score

GOLD = [
    ("1", "INHIBITOR", "T1", "T2"),
    ("1", "INHIBITOR", "T1", "T2"),  # duplicate line
    ("1", "AGONIST", "T3", "T2"),
    ("2", "SUBSTRATE", "T1", "T5"),
    ("2", "INHIBITOR", "T4", "T5"),
]


def test_micro_figures_and_per_type_counts() -> None:
    predicted = [
        ("1", "INHIBITOR", "Arg1:T1", "Arg2:T2"),  # tp (prefixes are accepted)
        ("1", "INHIBITOR", "T1", "T2"),  # the same prediction again: counts once
        ("1", "ANTAGONIST", "T3", "T2"),  # fp; the AGONIST is a fn
        ("2", "SUBSTRATE", "T1", "T5"),  # tp
    ]
    result = score(GOLD, predicted)
    assert (result["tp"], result["fp"], result["fn"]) == (2, 1, 2)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(2 / 4)
    assert result["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    table = {row["type"]: (row["tp"], row["fp"], row["fn"]) for row in result["per_type"]}
    assert table == {
        "AGONIST": (0, 0, 1),
        "ANTAGONIST": (0, 1, 0),
        "INHIBITOR": (1, 0, 1),
        "SUBSTRATE": (1, 0, 0),
    }
    assert [row["type"] for row in result["per_type"]] == sorted(table)


def test_wrong_type_or_argument_is_not_a_match() -> None:
    result = score(GOLD, [("1", "INHIBITOR", "T2", "T1"), ("1", "AGONIST", "T1", "T2")])
    assert (result["tp"], result["fp"], result["fn"]) == (0, 2, 4)
    assert result["f1"] == 0.0


def test_predictions_outside_the_gold_pmids_are_ignored_by_default() -> None:
    result = score(GOLD, [("1", "INHIBITOR", "T1", "T2"), ("3", "INHIBITOR", "T1", "T2")])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 0, 3)


def test_explicit_pmids_restrict_both_sides_and_count_unrelated_abstracts() -> None:
    predicted = [("1", "INHIBITOR", "T1", "T2"), ("3", "AGONIST", "T1", "T2")]
    # PMID 3 has no gold relation but is in the evaluated set: its prediction is a fp.
    result = score(GOLD, predicted, pmids=["1", "3"])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 1)
    assert result["precision"] == 0.5 and result["recall"] == 0.5


def test_nothing_predicted_scores_zero_without_dividing_by_zero() -> None:
    result = score(GOLD, [])
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)
    assert score([], [])["per_type"] == []
