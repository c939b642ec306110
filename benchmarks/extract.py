"""Speed of extraction: abstracts per second and MB/s of extract_text over DrugProt training.

Each abstract (title + abstract) goes through :func:`pharmgraph.extract.extract_text` in one
process: sentence splitting, lexicon matching, mention finding, relation rules, merging. The
lexicon (matcher and name index) is loaded once before timing. Wall and CPU time are both
reported, with the load average: on a busy machine the CPU figure is the steadier one.

Usage::

    .venv/bin/python benchmarks/extract.py [--limit N] [--profile] [--rules-only | --model FILE]

Target: at least 300 abstracts per second with the learned relation model on (the default;
``--rules-only`` sets ``PHARMGRAPH_MODEL=none``). ``--model FILE`` times another model file
(a baseline, e.g. an earlier commit's: ``git show REV:src/pharmgraph/data/models/relations.json.gz
> /tmp/base.json.gz``); run the variants back to back, since the machine's load moves the
figures more than most changes do. Peak memory (max RSS) is printed too.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import time
from pathlib import Path

CORPUS = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "drugprot" / "training"
    / "drugprot_training_abstracs.tsv"
)


def load_abstracts(path: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """Return (pmid, title + abstract) pairs from a DrugProt abstracts TSV."""
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            out.append((parts[0], parts[1] + "\n\n" + parts[2]))
            if limit and len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N abstracts")
    parser.add_argument("--profile", action="store_true", help="print the top functions by time")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--rules-only", action="store_true", help="switch the learned model off")
    which.add_argument("--model", type=Path, default=None, help="time this model file instead of the shipped one")
    args = parser.parse_args(argv)
    if args.rules_only:
        os.environ["PHARMGRAPH_MODEL"] = "none"
    elif args.model is not None:
        if not args.model.is_file():
            print(f"model not found: {args.model}", file=sys.stderr)
            return 1
        os.environ["PHARMGRAPH_MODEL"] = str(args.model)
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 1
    from pharmgraph.extract import extract_text
    from pharmgraph.extract.learned import load_model
    from pharmgraph.lexicon import default_lexicon

    t0 = time.perf_counter()
    lexicon = default_lexicon()
    lexicon.matcher()
    lexicon.lookup("lamotrigine")  # builds the name index the resolver uses
    model = load_model()
    load_s = time.perf_counter() - t0
    abstracts = load_abstracts(CORPUS, args.limit)
    size = sum(len(text.encode("utf-8")) for _, text in abstracts)
    extract_text(abstracts[0][1], abstracts[0][0], lexicon)  # warm imports
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    t0 = time.perf_counter()
    c0 = time.process_time()
    statements = 0
    by_model = 0
    for pmid, text in abstracts:
        found = extract_text(text, pmid, lexicon)
        statements += len(found)
        by_model += sum(1 for s in found if all(e.extractor == "pharmgraph-model" for e in s.evidence))
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    print(f"lexicon load: {load_s:.2f} s ({len(lexicon)} entities)")
    heads = ", ".join(model.heads) if model is not None else "off (rules only)"
    print(f"learned model: {heads}" + (f" (from {args.model})" if args.model is not None else ""))
    print(f"abstracts: {len(abstracts)}  size: {size / 1e6:.2f} MB  statements: {statements}"
          f"  (from the model alone: {by_model})")
    print(f"time: {elapsed:.2f} s  abstracts/s: {len(abstracts) / elapsed:.0f}  MB/s: {size / 1e6 / elapsed:.2f}")
    print(f"cpu time: {cpu:.2f} s  abstracts per cpu-second: {len(abstracts) / cpu:.0f}")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
