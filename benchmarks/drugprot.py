"""DrugProt relation extraction on the development split: quality and speed.

Usage::

    .venv/bin/python benchmarks/drugprot.py [DEV_DIR] [--model MODEL]

DEV_DIR defaults to ``<repo>/../shared/corpora/drugprot/development``. Prints micro
precision, recall and F1 over the 13 relation types (every abstract of the folder scored, as
in the shared task, and also restricted to PMIDs with a gold relation, as score_drugprot.py
does without --pmids), the per-type table, and abstracts per second.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pharmgraph.commands._common import render_table
from pharmgraph.evaluation import load_model, predict_relations, read_drugprot, score

DEFAULT = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "drugprot" / "development"
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    corpus = read_drugprot(args.folder)
    read_s = time.perf_counter() - started
    model = load_model(args.model)
    started = time.perf_counter()
    predicted = predict_relations(corpus, model)
    predict_s = time.perf_counter() - started
    if corpus.relations is None:
        print(f"{args.folder} has no relations file; nothing to score.")
        return 1
    result = score(corpus.relations, predicted, corpus.abstracts)
    gold_scope = score(corpus.relations, predicted)
    rows = [
        *result["per_type"],
        {
            "type": "micro",
            **{k: result[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")},
        },
    ]
    print(render_table(rows, ["type", "tp", "fp", "fn", "precision", "recall", "f1"]))
    print()
    print(
        f"abstracts: {len(corpus)}; gold relations: {len(corpus.relations)}; predicted: {len(set(predicted))}"
    )
    print(
        f"drugprot micro (all {len(corpus)} PMIDs)  P={result['precision']:.3f} "
        f"R={result['recall']:.3f} F1={result['f1']:.3f}"
    )
    print(
        f"drugprot micro (PMIDs with gold)  P={gold_scope['precision']:.3f} "
        f"R={gold_scope['recall']:.3f} F1={gold_scope['f1']:.3f}"
    )
    print(
        f"read {read_s:.2f} s; predict {predict_s:.2f} s = {len(corpus) / predict_s:.0f} abstracts/s "
        "(one core)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
