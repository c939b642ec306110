"""``pharmgraph ingest --jobs N`` on 4,000 abstracts: how the work spreads over cores.

The abstracts are the first 4,000 of the DrugProt and ChemProt training splits (title and
abstract of each, in that order), written as 40 PubTator files of 100 abstracts into a
temporary folder. Each ``--jobs`` value in ``--jobs`` is run by the ``pharmgraph ingest``
command in a fresh process into a fresh store, ``--rounds`` times alternating, and its wall
time, CPU time (the process and its workers) and peak memory are printed, with the speed-up
of each against ``--jobs 1`` in the same run. The store's quad count is checked to be the
same for every run.

Beside it, in the same run, the fixed start-up cost a run pays before any worker starts:
importing pharmgraph and building the lexicon's matcher, timed in a fresh process; and the
machine's own ceiling: the same pure-Python work (no I/O, no shared memory) done by one
process and split over two, so that the speed-up ``--jobs 2`` reaches can be read against
what two processes can reach on this machine at all.

Target (issue 13): ``--jobs 2`` at least 1.8x faster than ``--jobs 1`` on this 2-core
machine. The load average is printed at the start and the end: other work on the machine
moves these figures.

Usage::

    .venv/bin/python benchmarks/ingest_jobs.py [--abstracts 4000] [--jobs 1,2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SOURCES = (
    CORPORA / "drugprot" / "training" / "drugprot_training_abstracs.tsv",
    CORPORA / "chemprot" / "chemprot_training" / "chemprot_training_abstracts.tsv",
)
PHARMGRAPH = Path(sys.executable).with_name("pharmgraph")


def abstracts(limit: int) -> list[tuple[str, str, str]]:
    """Return up to ``limit`` (pmid, title, abstract) rows from the training splits."""
    rows: list[tuple[str, str, str]] = []
    csv.field_size_limit(1 << 24)
    for path in SOURCES:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3:
                    rows.append((row[0], row[1], row[2]))
                if len(rows) >= limit:
                    return rows
    return rows


def write_pubtator(rows: list[tuple[str, str, str]], folder: Path, per_file: int = 100) -> int:
    """Write ``rows`` as PubTator files of ``per_file`` records; return the file count."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for start in range(0, len(rows), per_file):
        lines = []
        for pmid, title, text in rows[start : start + per_file]:
            lines.append(f"{pmid}|t|{title}\n{pmid}|a|{text}\n\n")
        (folder / f"part{count:03d}.pubtator").write_text("".join(lines), encoding="utf-8")
        count += 1
    return count


def run(command: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Run ``command``; return wall s, CPU s of it and its children, peak MB, and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, done.stdout


def _spin(n: int) -> int:
    """Pure-Python work: a loop of ``n`` integer steps."""
    total = 0
    for i in range(n):
        total = (total + i * i) % 1_000_003
    return total


def ceiling(steps: int = 30_000_000) -> tuple[float, float]:
    """Return the wall seconds of ``steps`` loop steps in one process, and split over two
    forked processes (the best of two tries each)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")

    def one() -> float:
        start = time.perf_counter()
        _spin(steps)
        return time.perf_counter() - start

    def two() -> float:
        start = time.perf_counter()
        with context.Pool(2) as pool:
            pool.map(_spin, [steps // 2, steps - steps // 2])
        return time.perf_counter() - start

    return min(one(), one()), min(two(), two())


def quads(store: Path) -> int:
    """Return the number of quads in a store (opened read-only in this process)."""
    import pyoxigraph

    return len(pyoxigraph.Store.read_only(str(store)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstracts", type=int, default=4000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    if not all(p.exists() for p in SOURCES):
        print(f"skipped: the training splits are not under {CORPORA}")
        return 0
    jobs = [int(j) for j in args.jobs.split(",")]
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="pg-jobs-") as tmp:
        folder = Path(tmp) / "abstracts"
        rows = abstracts(args.abstracts)
        files = write_pubtator(rows, folder)
        print(f"{len(rows)} abstracts in {files} PubTator files")
        code = "import pharmgraph.extract, pharmgraph.lexicon as l; l.default_lexicon().matcher()"
        wall, cpu, peak, _ = run([sys.executable, "-c", code], Path(tmp))
        print(
            f"start-up (imports and matcher) in a fresh process: {wall:.1f} s wall, {cpu:.1f} s CPU"
        )
        results: dict[int, list[float]] = {j: [] for j in jobs}
        counts: set[int] = set()
        for round_ in range(args.rounds):
            for j in jobs:
                store = Path(tmp) / f"store-{j}-{round_}"
                command = [
                    str(PHARMGRAPH),
                    "--store",
                    str(store),
                    "ingest",
                    str(folder),
                    "--jobs",
                    str(j),
                ]
                wall, cpu, peak, _ = run(command, Path(tmp))
                counts.add(quads(store))
                results[j].append(wall)
                print(
                    f"round {round_ + 1} --jobs {j}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak {peak:.0f} MB"
                )
        print(f"quads per store: {sorted(counts)} ({'same' if len(counts) == 1 else 'DIFFERENT'})")
        single, double = ceiling()
        print(f"machine ceiling: pure-Python work {single:.2f} s in one process, {double:.2f} s split "
              f"over two: {single / double:.2f}x")
        base = min(results[jobs[0]])
        medians = {j: sorted(results[j])[len(results[j]) // 2] for j in jobs}
        for j in jobs:
            best = min(results[j])
            print(f"--jobs {j}: best {best:.1f} s, {base / best:.2f}x against --jobs {jobs[0]}; "
                  f"median {medians[j]:.1f} s, {medians[jobs[0]] / medians[j]:.2f}x")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
