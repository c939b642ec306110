"""Leave-one-set-out measurement of how the learned relation heads join the rules.

The six studied parts of ``benchmarks/devset`` (``dev``, ``heldout`` ... ``heldout5``; never
``heldout6``, which is blind) are six folds. The script extracts every document once with the
current pipeline, keeping for each sentence its mentions and what the rules found in it (a
recorder around :func:`pharmgraph.extract.combine.combined_relations`), scores every candidate
pair with every head of the shipped model, and replays combination policies offline:

``current`` / ``rules``
    The pipeline's own output (run it with ``PHARMGRAPH_STATEMENT_MODEL=none``), and that
    output without the model's statements.
``pairs``
    The corpus heads (DrugProt, BC5CDR) may add a pair wherever the rules say nothing about
    that pair, with per-head thresholds for silent and for spoken sentences chosen on the other
    five parts (:func:`pharmgraph.evaluation.devset_head.choose_thresholds`).
``statement``
    Rules plus a statement head trained on the gold of the other five parts.
``both`` (reported as ``current+statement``)
    The current output plus a statement head trained on the other five parts
    (:func:`pharmgraph.evaluation.devset_head.fit_for_extract`), what ``extract`` does with
    ``$PHARMGRAPH_STATEMENT_MODEL`` set.

Every choice (a threshold, a trained head) is made on five parts and measured on the sixth; the
shared scorer's measures are computed in-process (the replay stands in for running ``extract``
with each fold's head; ``scripts/train_statement_head.py`` builds the head on all six).

Usage::

    PHARMGRAPH_STATEMENT_MODEL=none python benchmarks/devset_cv.py [--cache FILE] [--policies current,pairs,both]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "benchmarks" / "devset"
PARTS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")
SCORER = Path(os.environ.get("PHARMGRAPH_SCORER", "/work/shared/tools/score_statements.py"))


def scorer():
    """The shared scorer, imported as a module."""
    spec = importlib.util.spec_from_file_location("score_statements", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(part: str) -> dict:
    """Extract a part's documents, recording every sentence the model is offered."""
    from pharmgraph.evaluation.devset_head import collect as collect_folder

    if part == "heldout6":
        raise SystemExit("heldout6 is blind")
    return collect_folder(DEVSET / part)


def score(gold: dict, stmts: Sequence[dict], sc) -> dict:
    """The shared scorer's measures of ``stmts`` against ``gold`` (as its ``main`` computes them)."""
    classes = {k: set(v) for k, v in gold["relation_classes"].items()}
    table = sc.resolver(gold["entities"])
    golds, forbidden = gold["statements"], gold["forbidden"]

    def same_doc(stmt, g):
        d = sc.doc_of(stmt)
        return not d or d == g["doc"] or d.startswith(g["doc"].split(".")[0])

    found = [g for g in golds if any(same_doc(s, g) and sc.matches(s, g, classes, table) for s in stmts)]
    relevant = [s for s in stmts if sc.candidates(table, s["subject"]) and sc.candidates(table, s["object"])]
    correct = [s for s in relevant if any(same_doc(s, g) and sc.matches(s, g, classes, table) for g in golds)]
    bad = [g for g in forbidden if any(same_doc(s, g) and sc.matches(s, g, classes, table) for s in stmts)]
    certainty = 0
    for g in found:
        hits = [s for s in stmts if same_doc(s, g) and sc.matches(s, g, classes, table)]
        if "hedged" in g and not any((s.get("certainty", "asserted") == "hedged") == g["hedged"] for s in hits):
            certainty += 1
    core = [g for g in golds if g["core"]]
    recall = len(found) / len(golds) if golds else 0.0
    precision = len(correct) / len(relevant) if relevant else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "P": precision, "R": recall, "F1": f1,
        "core": sum(g["core"] for g in found) / len(core) if core else 0.0,
        "forbidden": len(bad), "certainty": certainty,
        "tp": len(correct), "rel": len(relevant), "found": len(found), "gold": len(golds),
    }


def rules_only(statements: Sequence[dict]) -> list[dict]:
    """The statements with at least one piece of evidence that is not the model's."""
    from pharmgraph.extract.learned import EXTRACTOR

    return [s for s in statements if any(ev.get("extractor") != EXTRACTOR for ev in s["evidence"])]


def load(cache: Path | None, parts: Sequence[str]) -> dict:
    """Every part's recorded extraction, from ``cache`` when it holds it."""
    data: dict = {}
    if cache is not None and cache.is_file():
        with cache.open("rb") as handle:
            data = pickle.load(handle)  # our own cache file, written below
    missing = [p for p in parts if p not in data]
    for part in missing:
        print(f"extracting {part} ...", file=sys.stderr)
        data[part] = collect(part)
    if missing and cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(data, handle)
    return data


def table(rows: dict[str, dict[str, dict]], parts: Sequence[str]) -> str:
    """A Markdown table: one row per part and policy, then the means."""
    out = ["| part | policy | P | R | F1 | core | forbidden | certainty |", "|---|---|---|---|---|---|---|---|"]
    for part in [*parts, "mean"]:
        for name, by_part in rows.items():
            if part == "mean":
                m = {k: sum(by_part[p][k] for p in parts) / len(parts) for k in ("P", "R", "F1", "core")}
                m["forbidden"] = sum(by_part[p]["forbidden"] for p in parts)
                m["certainty"] = sum(by_part[p]["certainty"] for p in parts)
            else:
                m = by_part[part]
            out.append(f"| {part} | {name} | {m['P']:.3f} | {m['R']:.3f} | {m['F1']:.3f} | {m['core']:.3f} | {m['forbidden']} | {m['certainty']} |")
    return "\n".join(out)


def loso(parts: Sequence[str], fit: Callable[[list[str]], object], apply: Callable[[str, object], list[dict]],
         measure: Callable[[str, list[dict]], dict]) -> dict[str, dict]:
    """Fit on every five parts, apply on the sixth; the sixth's measures per part."""
    out = {}
    for held in parts:
        chosen = fit([p for p in parts if p != held])
        out[held] = measure(held, apply(held, chosen))
        if isinstance(chosen, dict):
            print(f"  {held}: {chosen}", file=sys.stderr)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/devset_cv.pkl"))
    ap.add_argument("--parts", default=",".join(PARTS))
    ap.add_argument("--policies", default="current,pairs,both")
    ap.add_argument("--json", type=Path, help="write the measures here")
    ap.add_argument("--c", type=float, default=0.5, help="inverse regularisation of the statement head")
    args = ap.parse_args(argv)
    parts = [p for p in args.parts.split(",") if p]
    if "heldout6" in parts:
        raise SystemExit("heldout6 is blind")
    from pharmgraph.evaluation import devset_head

    sc = scorer()
    golds = {p: json.loads((DEVSET / p / "gold.json").read_text()) for p in parts}
    data = load(args.cache, parts)
    pairs = {p: devset_head.sentence_pairs(data[p]["sentences"], keep_read=True) for p in parts}
    base = {p: rules_only(data[p]["statements"]) for p in parts}
    effects = {p: devset_head.Effects(golds[p], sc, base[p]) for p in parts}

    def measure(part, added):
        return effects[part].score([effects[part].effect(s) for s in added])

    rows: dict[str, dict[str, dict]] = {}
    policies = args.policies.split(",")
    if "current" in policies:
        rows["current"] = {p: score(golds[p], data[p]["statements"], sc) for p in parts}
        rows["rules"] = {p: effects[p].base_score for p in parts}
    if "pairs" in policies:
        def fit(train):
            return devset_head.choose_thresholds({p: pairs[p] for p in train}, {p: effects[p] for p in train})

        def apply(held, thresholds):
            return devset_head.model_additions(pairs[held], base[held], thresholds)

        rows["pairs"] = loso(parts, fit, apply, measure)
    if "statement" in policies:
        def fit_head(train):
            return devset_head.fit_statement_head({p: pairs[p] for p in train}, {p: golds[p] for p in train},
                                                  {p: effects[p] for p in train}, sc)

        def apply_head(held, head):
            return devset_head.statement_additions(pairs[held], base[held], head)

        rows["statement"] = loso(parts, fit_head, apply_head, measure)
    if "both" in policies:
        def fit_both(train):
            thresholds = devset_head.shipped_thresholds()
            head = devset_head.fit_for_extract({p: pairs[p] for p in train}, {p: golds[p] for p in train},
                                               {p: base[p] for p in train}, sc, c=args.c)
            print(f"  (without {[p for p in parts if p not in train]}) statement thresholds "
                  f"{ {n: h.threshold for n, h in head.heads.items()} }", file=sys.stderr)
            return thresholds, head

        def apply_both(held, chosen):
            thresholds, head = chosen
            added = devset_head.model_additions(pairs[held], base[held], thresholds)
            taken = {(s["evidence"][0]["document"], s["subject"]["id"], s["object"]["id"]) for s in added}
            left = [r for r in pairs[held] if not any((r.doc, a["id"], b["id"]) in taken for a in r.subjects for b in r.objects)]
            return added + devset_head.statement_additions(left, base[held] + added, head)

        rows["current+statement"] = loso(parts, fit_both, apply_both, measure)
    print(table(rows, parts))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
