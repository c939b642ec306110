"""DrugProt relation extraction on the development split: quality and speed.

Usage::

    .venv/bin/python benchmarks/drugprot.py [DEV_DIR] [--model MODEL] [--predictions OUT]
        [--baseline OLD_MODEL]
    .venv/bin/python benchmarks/drugprot.py --holdout [TRAIN_DIR]

``--holdout`` trains the chemical–gene head on four fifths of the training split with the
shipped recipe (:func:`pharmgraph.evaluation.extractor.train_drugprot_head`: the NONE bias and
the network's weight chosen on out-of-fold scores of those four fifths, never on the fifth
scored) and scores the rules alone, the model alone (a linear head on the ``base`` feature set
with the former settings, and the head as shipped: the ``argument`` set with its network,
:func:`pharmgraph.evaluation.training.fit_hidden`) and both combined (as ``extract`` does: the
rules own every sentence where they find something; and per pair: the rules win where they
speak of a pair) on the remaining fifth. The measuring split is not read in that mode.

``--baseline`` also scores and times the prediction with another model on the same abstracts in
the same run (a quality and speed comparison on a loaded machine); with ``--predictions OUT`` its
predictions go to ``OUT.baseline``.

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
    from pharmgraph.evaluation.drugprot import DrugProtCorpus
    from pharmgraph.evaluation.extractor import (
        CLASSES,
        FEATURE_SET,
        candidates,
        train_drugprot_head,
    )
    from pharmgraph.evaluation.training import batch_scores, is_held_out
    from pharmgraph.extract.learned import PREDICATE_TYPES

    corpus = read_drugprot(folder)
    pmids = {p for p in corpus.abstracts if is_held_out(p)}
    reference = {r for r in corpus.relations if r[0] in pmids}
    rest = DrugProtCorpus({p: a for p, a in corpus.abstracts.items() if p not in pmids},
                          {r for r in corpus.relations if r[0] not in pmids}, corpus.folder)
    models: dict[str, set] = {}
    timings = []
    for feature_set, c_value, hidden in (("base", 0.02, 0), (FEATURE_SET, 0.01, 32)):
        held = [c for p in sorted(pmids) for c in candidates(corpus.abstracts[p], feature_set)]
        started = time.perf_counter()
        head = train_drugprot_head(rest, c=c_value, feature_set=feature_set, hidden=hidden)
        timings.append(f"{feature_set}: {len(head.features)} features, trained {time.perf_counter() - started:.1f} s")
        scores = batch_scores(head, [c.features for c in held])
        scores[:, 0] += head.none_bias
        predicted = scores.argmax(axis=1)
        network = f", network weight {head.hidden.weight:g}" if head.hidden is not None else ""
        models[f"model alone ({feature_set} features, C={c_value}, NONE bias {head.none_bias:+.2f}{network})"] = {
            (c.doc, CLASSES[k], c.subject, c.object) for c, k in zip(held, predicted, strict=True) if k
        }

    def rule(c):
        for f in c.features:
            if f.startswith("rule=") and "|" not in f and f[5:] in PREDICATE_TYPES:
                return PREDICATE_TYPES[f[5:]]
        return None

    def fired(c):
        return any(f.startswith("rule=") and "|" not in f and f != "rule=none" for f in c.features)

    rules = {(c.doc, rule(c), c.subject, c.object) for c in held if rule(c)}
    model = models[next(reversed(models))]
    sentence_of = {(c.doc, c.subject, c.object): c.sentence for c in held}
    owned = {(c.doc, c.sentence) for c in held if fired(c)}
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
    baseline_s, old_predicted = None, None
    if args.baseline is not None:
        old = load_model(args.baseline)
        started = time.perf_counter()
        old_predicted = predict_relations(corpus, old)
        baseline_s = time.perf_counter() - started
    if args.predictions is not None:
        write_relations(predicted, args.predictions)
        if old_predicted is not None:
            write_relations(old_predicted, args.predictions.with_name(args.predictions.name + ".baseline"))
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
        old_all = score(corpus.relations, old_predicted, corpus.abstracts)
        old_gold = score(corpus.relations, old_predicted)
        print(
            f"baseline {args.baseline.name} (same run): micro (all PMIDs) P={old_all['precision']:.3f} "
            f"R={old_all['recall']:.3f} F1={old_all['f1']:.3f}; (PMIDs with gold) P={old_gold['precision']:.3f} "
            f"R={old_gold['recall']:.3f} F1={old_gold['f1']:.3f}; predict {baseline_s:.2f} s = "
            f"{len(corpus) / baseline_s:.0f} abstracts/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
