"""Retrain the shipped model's chemical-induced-disease heads on BC5CDR training + development.

The recipe (:func:`pharmgraph.evaluation.bc5cdr.train_cid_tuned`): train on the training split
with our own mentions, tune the document head on the development split, retrain on both. The
chemical-gene head (and any other head) is copied unchanged from ``--base``. The test split is
never read.

Usage::

    .venv/bin/python scripts/train_cid_model.py --corpora ../shared/corpora
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pharmgraph.evaluation.bc5cdr import read_bc5cdr, train_cid_tuned
from pharmgraph.extract.learned import MODEL_PATH, RelationModel
from pharmgraph.lexicon import default_lexicon


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    parser.add_argument("--base", type=Path, default=MODEL_PATH)
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    folder = args.corpora / "bc5cdr"
    training = read_bc5cdr(folder / "CDR_TrainingSet.PubTator.txt")
    development = read_bc5cdr(folder / "CDR_DevelopmentSet.PubTator.txt")
    base = RelationModel.load(args.base)
    heads, figures = train_cid_tuned(training, development, default_lexicon(), progress=print)
    size = RelationModel({**base.heads, **{h.name: h for h in heads}}).save(args.output)
    print(f"development CID F1 {figures['f1']:.3f}; wrote {args.output} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
