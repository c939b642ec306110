"""DrugProt relation extraction on the development split: quality and speed.

Usage::

    .venv/bin/python benchmarks/drugprot.py [DEV_DIR] [--model MODEL] [--predictions OUT]
        [--baseline OLD_MODEL]
    .venv/bin/python benchmarks/drugprot.py --holdout [TRAIN_DIR]

``--holdout`` trains the chemical–gene head on four fifths of the training split and scores the
rules alone, the model alone (on the ``base`` feature set with the former settings, and on the
set the shipped head reads, its linear part only: the shipped head also adds a small
network, :func:`pharmgraph.evaluation.training.fit_hidden`) and both combined (as ``extract`` does: the rules own
every sentence where they find something; and per pair: the rules win where they speak of a
pair) on the remaining fifth, each model's NONE bias tuned on that fifth as before. The
measuring split is not read in that mode.

``--baseline`` also times the prediction with another model on the same abstracts in the same
run (a speed comparison on a loaded machine).

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
from pharmgraph.evaluation import (
    load_model,
    predict_relations,
    read_drugprot,
    score,
    write_relations,
)

DEFAULT = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "drugprot" / "development"
)
TRAINING = DEFAULT.parent / "training"


def holdout(folder: Path) -> int:
    """Rules alone, model alone and both on a 1-in-5 hold-out of a training folder."""
    import numpy as np

    from pharmgraph.evaluation.extractor import CLASSES, FEATURE_SET, candidates, gold_labels
    from pharmgraph.evaluation.training import batch_scores, fit_head, is_held_out, tune_none_bias
    from pharmgraph.extract.learned import DRUGPROT_PREDICATES, PREDICATE_TYPES

    corpus = read_drugprot(folder)
    gold = gold_labels(corpus)
    pmids = {p for p in corpus.abstracts if is_held_out(p)}
    reference = {r for r in corpus.relations if r[0] in pmids}
    grid = tuple(round(x, 2) for x in np.arange(-2.0, 1.01, 0.05))
    models: dict[str, set] = {}
    timings = []
    for feature_set, c_value in (("base", 0.02), (FEATURE_SET, 0.01)):
        train, held = [], []
        for abstract in corpus.abstracts.values():
            for c in candidates(abstract, feature_set):
                k = CLASSES.index(gold.get((c.doc, c.subject, c.object), "NONE"))
                (held if is_held_out(c.doc) else train).append((c, k))
        started = time.perf_counter()
        head = fit_head("chemical-gene", ("C", "G"), CLASSES, DRUGPROT_PREDICATES,
                        [(c.features, k) for c, k in train], c=c_value, algorithm="svm", feature_set=feature_set)
        timings.append(f"{feature_set}: {len(head.features)} features, fit {time.perf_counter() - started:.1f} s")
        scores = batch_scores(head, [c.features for c, _ in held])
        bias, _ = tune_none_bias(scores, [k for _, k in held], grid=grid)
        scores[:, 0] += bias
        predicted = scores.argmax(axis=1)
        models[f"model alone ({feature_set} features, C={c_value}, NONE bias {bias:+.2f})"] = {
            (c.doc, CLASSES[k], c.subject, c.object) for (c, _), k in zip(held, predicted, strict=True) if k
        }

    def rule(c):
        for f in c.features:
            if f.startswith("rule=") and "|" not in f and f[5:] in PREDICATE_TYPES:
                return PREDICATE_TYPES[f[5:]]
        return None

    def fired(c):
        return any(f.startswith("rule=") and "|" not in f and f != "rule=none" for f in c.features)

    rules = {(c.doc, rule(c), c.subject, c.object) for c, _ in held if rule(c)}
    model = models[next(reversed(models))]
    sentence_of = {(c.doc, c.subject, c.object): c.sentence for c, _ in held}
    owned = {(c.doc, c.sentence) for c, _ in held if fired(c)}
    both = rules | {m for m in model if (m[0], sentence_of[(m[0], m[2], m[3])]) not in owned}
    ruled = {(d, a, b) for d, _, a, b in rules}
    per_pair = rules | {m for m in model if (m[0], m[2], m[3]) not in ruled}
    rows = []
    for name, found in (("rules alone", rules), *models.items(),
                        (f"both ({FEATURE_SET}; extract: rules own their sentences)", both),
                        (f"both ({FEATURE_SET}; rules win per pair)", per_pair)):
        r = score(reference, found, pmids)
        rows.append({"setting": name, **{k: r[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")}})
    print(render_table(rows, ["setting", "tp", "fp", "fn", "precision", "recall", "f1"]))
    print(f"held-out abstracts: {len(pmids)}; gold relations: {len(reference)}; {'; '.join(timings)}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--predictions", type=Path, default=None, help="write predictions here")
    parser.add_argument("--holdout", action="store_true", help="rules vs model vs both on training")
    parser.add_argument("--baseline", type=Path, default=None, help="also time this model (same run)")
    args = parser.parse_args(argv)
    if args.holdout:
        return holdout(args.folder or TRAINING)
    args.folder = args.folder or DEFAULT

    started = time.perf_counter()
    corpus = read_drugprot(args.folder)
    read_s = time.perf_counter() - started
    model = load_model(args.model)
    started = time.perf_counter()
    predicted = predict_relations(corpus, model)
    predict_s = time.perf_counter() - started
    baseline_s = None
    if args.baseline is not None:
        old = load_model(args.baseline)
        started = time.perf_counter()
        predict_relations(corpus, old)
        baseline_s = time.perf_counter() - started
    if args.predictions is not None:
        write_relations(predicted, args.predictions)
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
    if baseline_s is not None:
        print(
            f"baseline {args.baseline.name}: predict {baseline_s:.2f} s = "
            f"{len(corpus) / baseline_s:.0f} abstracts/s (same run)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
