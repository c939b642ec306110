"""Generated inputs across every reader and JSON Lines: count tracebacks and silent acceptances.

Each case is one generated file (``tests/ingest/fuzz_cases.py`` holds the strategies and the
judge); it is read the way ``pharmgraph ingest`` reads it and counted as landed, refused (one
sentence), traceback or silent (accepted but changed). The goal is ``tracebacks=0`` and
``silent=0``.

Run: ``nice .venv/bin/python benchmarks/fuzz_inputs.py [--cases 20000] [--seed 0]``
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000, help="total cases, split evenly over the readers")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=5, help="examples of each bad kind to print")
    args = parser.parse_args()

    from fuzz_cases import STRATEGIES, outcome
    from hypothesis import HealthCheck, given, seed, settings

    from pharmgraph.lexicon import default_lexicon

    warnings.simplefilter("ignore")
    default_lexicon().matcher()
    per_reader = -(-args.cases // len(STRATEGIES))
    totals: collections.Counter = collections.Counter()
    bad: dict[str, list[str]] = collections.defaultdict(list)
    folder = Path(tempfile.mkdtemp(prefix="pg-fuzz-"))
    print(f"{'reader':<10} {'cases':>6} {'landed':>7} {'refused':>8} {'tracebacks':>10} {'silent':>7} {'s':>6}")
    for name, strategy in STRATEGIES.items():
        counts: collections.Counter = collections.Counter()
        start = time.perf_counter()

        def judge(case, counts=counts, name=name):
            data, suffix = case
            kind, detail = outcome(data, suffix, folder, name)
            counts[kind] += 1
            if kind in ("traceback", "silent") and len(bad[kind]) < args.show:
                bad[kind].append(f"{name}{suffix}: {detail[:300]} <- {data[:120]!r}")

        check = settings(max_examples=per_reader, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))(given(strategy)(lambda case: judge(case)))
        seed(args.seed)(check)()
        cases = sum(counts.values())
        totals.update(counts)
        totals["cases"] += cases
        print(f"{name:<10} {cases:>6} {counts['landed']:>7} {counts['refused']:>8} {counts['traceback']:>10} "
              f"{counts['silent']:>7} {time.perf_counter() - start:>6.0f}", flush=True)
    print(f"total cases={totals['cases']} landed={totals['landed']} refused={totals['refused']} "
          f"tracebacks={totals['traceback']} silent acceptances={totals['silent']}")
    for kind, examples in bad.items():
        for example in examples:
            print(f"  {kind}: {example}")


if __name__ == "__main__":
    main()
