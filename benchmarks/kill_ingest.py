"""kill -9 during ingest: is any document lost, torn or double-counted afterwards?

A store holds version 1 of N documents (two statements each, one file per document, plus
record files of ten records each). ``pharmgraph ingest`` then re-ingests version 2 (three
statements each) in a child process that is killed with SIGKILL at a random moment. The store
is then opened and every document checked: it must be exactly version 1 or exactly version 2
(same quads as a clean ingest of that version), none missing, none extra, no staging graph.

Run: ``nice .venv/bin/python benchmarks/kill_ingest.py [--trials 20] [--documents 1000]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DRUGS = ["CHEBI:6367", "CHEBI:3387", "CHEBI:8107", "CHEBI:6437", "CHEBI:4887"]


def statement(doc: str, i: int, version: int) -> str:
    return json.dumps({
        "subject": {"id": DRUGS[i % len(DRUGS)], "label": f"drug {i % len(DRUGS)}", "type": "Drug"},
        "predicate": ["blocks", "inhibits", "binds"][i % 3],
        "object": {"id": f"pharmgraph:target_{i}_{version}", "label": f"target {i}", "type": "Protein"},
        "evidence": [{"document": doc, "text": f"Sentence {i} of version {version}.", "start": 10 * i, "end": 10 * i + 9}],
    })


def write_version(folder: Path, documents: int, version: int) -> None:
    """One JSON Lines file per document, ``2 + version - 1`` statements each."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(documents):
        doc = f"doc{n:05d}"
        lines = [statement(doc, i, version) for i in range(1 + version)]
        (folder / f"{doc}.jsonl").write_text("\n".join(lines) + "\n")


def snapshot(store_path: Path) -> dict[str, tuple[int, int]]:
    """Document -> (statements, quads) for every graph; staging graphs under ``'*staging*'``."""
    import pyoxigraph

    from pharmgraph.rdf import document_name
    from pharmgraph.store import STAGING_BASE

    store = pyoxigraph.Store.read_only(str(store_path))
    out: dict[str, tuple[int, int]] = {}
    for graph in store.named_graphs():
        quads = list(store.quads_for_pattern(None, None, None, graph))
        statements = sum(1 for q in quads if q.predicate.value.endswith("#type") and q.object.value.endswith("#Statement"))
        name = "*staging*" if graph.value.startswith(STAGING_BASE) else document_name(graph.value)
        out[name] = (statements, len(quads))
    del store
    return out


def ingest(store: Path, folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "pharmgraph.cli", "--store", str(store), "ingest", str(folder)],
                   check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="pg-kill-"))
    v1, v2 = work / "docs", work / "docs2"
    write_version(v1, args.documents, 1)
    write_version(v2, args.documents, 2)
    # The document keys must match between versions: same relative paths under the same name.
    shutil.move(str(v2), str(work / "v2"))
    base, clean2 = work / "base", work / "clean2"
    os.chdir(work)
    ingest(base, Path("docs"))
    expected1 = snapshot(base)
    shutil.copytree(base, clean2)
    shutil.rmtree(v1)
    shutil.copytree(work / "v2", v1)
    start = time.perf_counter()
    ingest(clean2, Path("docs"))
    full = time.perf_counter() - start
    expected2 = snapshot(clean2)
    print(f"{args.documents} documents; a clean re-ingest takes {full:.1f} s")
    totals = {"lost": 0, "torn": 0, "double": 0, "staging": 0, "old": 0, "new": 0}
    for trial in range(args.trials):
        store = work / f"trial{trial}"
        shutil.rmtree(store, ignore_errors=True)
        shutil.copytree(base, store)
        child = subprocess.Popen([sys.executable, "-m", "pharmgraph.cli", "--store", str(store), "ingest", "docs"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = rng.uniform(0.2, full * 0.95)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        seen = snapshot(store)
        counts = {"lost": 0, "torn": 0, "double": 0, "staging": int("*staging*" in seen), "old": 0, "new": 0}
        for doc, old in expected1.items():
            got = seen.get(doc)
            if got is None:
                counts["lost"] += 1
            elif got == old:
                counts["old"] += 1
            elif got == expected2[doc]:
                counts["new"] += 1
            elif got[0] > expected2[doc][0]:
                counts["double"] += 1
            else:
                counts["torn"] += 1
        extra = set(seen) - set(expected1) - {"*staging*"}
        counts["torn"] += len(extra)
        for key in totals:
            totals[key] += counts[key]
        print(f"trial {trial + 1:>2}: killed after {delay:5.1f} s: {counts['new']:>5} new, {counts['old']:>5} old, "
              f"lost={counts['lost']} torn={counts['torn']} double={counts['double']} staging={counts['staging']}", flush=True)
        shutil.rmtree(store)
    print(f"{args.trials} trials: lost={totals['lost']} torn={totals['torn']} double-counted={totals['double']} "
          f"visible staging graphs={totals['staging']}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
