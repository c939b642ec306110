"""The chemical–gene head's NONE bias and network weight: chosen on out-of-fold scores by the task's F1."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from pharmgraph.evaluation import read_drugprot
from pharmgraph.evaluation.drugprot import DrugProtCorpus
from pharmgraph.evaluation.extractor import train_drugprot_head
from pharmgraph.evaluation.training import relation_f1, tune_none_bias

# five pairs, one relation class: the two surest are right, one of the next three is
MARGINS = np.array([[0.0, 2.0], [0.0, 1.0], [0.0, 0.5], [0.0, 0.4], [0.0, 0.3]])
GOLD = [1, 1, 1, 0, 0]
GRID = (0.7, 0.0)  # NONE biases: with 0.7 only the two surest pairs are related, with 0.0 all five


def test_pair_f1_and_the_tasks_f1_agree_when_every_gold_relation_is_a_candidate_pair() -> None:
    assert tune_none_bias(MARGINS, GOLD, grid=GRID) == tune_none_bias(MARGINS, GOLD, relation_f1(GOLD, 3), grid=GRID)


def test_gold_relations_no_pair_holds_count_as_misses_and_move_the_bias_toward_recall() -> None:
    # pair F1 keeps the two surest pairs (0.8 against 0.75); with seven more gold relations
    # out of reach, the task's F1 is 4 / 12 for them and 6 / 15 for all five
    assert tune_none_bias(MARGINS, GOLD, grid=GRID)[0] == 0.7
    bias, f1 = tune_none_bias(MARGINS, GOLD, relation_f1(GOLD, 10), grid=GRID)
    assert bias == 0.0
    assert round(f1, 4) == 0.4


def copies(corpus: DrugProtCorpus, n: int) -> DrugProtCorpus:
    """``n`` copies of every abstract of a corpus under new PMIDs, with their relations."""
    abstracts, relations = {}, set()
    for i in range(n):
        for pmid, a in corpus.abstracts.items():
            new = f"{pmid}{i}"
            abstracts[new] = replace(a, pmid=new)
            relations |= {(new, *r[1:]) for r in corpus.relations if r[0] == pmid}
    return DrugProtCorpus(abstracts, relations, corpus.folder)


def test_the_head_records_the_tasks_out_of_fold_f1(tiny_folder: Path) -> None:
    corpus = copies(read_drugprot(tiny_folder), 4)
    f1 = train_drugprot_head(corpus, c=1.0, min_count=1, folds=2, hidden=0).about["out_of_fold_f1"]
    # gold relations between mentions of two sentences are misses no bias avoids
    far = {(p, "INHIBITOR", "T1", "T4") for p in corpus.abstracts if p.startswith("900001")}
    extra = DrugProtCorpus(corpus.abstracts, corpus.relations | far, corpus.folder)
    assert 0 < train_drugprot_head(extra, c=1.0, min_count=1, folds=2, hidden=0).about["out_of_fold_f1"] < f1
