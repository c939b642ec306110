"""Rebuild the statement heads (``src/pharmgraph/data/models/statements.json.gz``).

The heads are trained on the gold of the six studied parts of ``benchmarks/devset`` (``dev``,
``heldout`` ... ``heldout5``; never ``heldout6``), with the acceptance threshold chosen by
leave-one-part-out inside them (:func:`pharmgraph.evaluation.devset_head.fit_for_extract`).
``benchmarks/devset_cv.py`` measures the same procedure with each part held out in turn.

Usage::

    PHARMGRAPH_STATEMENT_MODEL=none python scripts/train_statement_head.py [--out FILE] [--scorer PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")


def main(argv: list[str] | None = None) -> int:
    """Train on all six parts and write the heads."""
    from pharmgraph.evaluation import devset_head
    from pharmgraph.extract.combine import STATEMENTS_PATH
    from pharmgraph.extract.learned import EXTRACTOR

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=STATEMENTS_PATH)
    ap.add_argument("--scorer", type=Path, default=Path("/work/shared/tools/score_statements.py"))
    ap.add_argument("--c", type=float, default=0.5)
    args = ap.parse_args(argv)
    os.environ["PHARMGRAPH_STATEMENT_MODEL"] = "none"  # learn beside the rules and corpus heads only
    spec = importlib.util.spec_from_file_location("score_statements", args.scorer)
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    rows, golds, base = {}, {}, {}
    for part in PARTS:
        folder = ROOT / "benchmarks" / "devset" / part
        data = devset_head.collect(folder)
        golds[part] = json.loads((folder / "gold.json").read_text())
        rows[part] = devset_head.sentence_pairs(data["sentences"], keep_read=True)
        base[part] = [s for s in data["statements"] if any(ev.get("extractor") != EXTRACTOR for ev in s["evidence"])]
        print(f"{part}: {len(rows[part])} pairs", file=sys.stderr)
    model = devset_head.fit_for_extract(rows, golds, base, sc, c=args.c)
    for head in model.heads.values():
        head.about["parts"] = list(PARTS)
    size = model.save(args.out)
    for name, head in model.heads.items():
        print(f"{name}: {len(head.features)} features, classes {head.classes}, threshold {head.threshold}, {head.about}")
    print(f"wrote {args.out} ({size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
