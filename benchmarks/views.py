"""How long views take to build in Python and to become interactive in headless Chromium.

Builds random graphs that look like projected knowledge graphs (drugs acting on targets, targets
on effects, drugs treating diseases and causing adverse events; some hedged statements, a few
negated; one to three evidence sentences per edge, made up here), renders them with
:func:`pharmgraph.views.render_html` and opens them in headless Chromium without network. The
page writes ``performance.now()`` at vis-network's first ``afterDrawing`` event: the time from
navigation start to a drawn, clickable graph.

Usage::

    python benchmarks/views.py              # 500, 5,000 and 20,000 nodes
    python benchmarks/views.py 1000 50000   # other sizes
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from pharmgraph.views import render_html
from pharmgraph.views.browser import find_chromium, headless
from pharmgraph.vocabulary import direction, edge_kind

GROUPS = [  # (type, group, share of nodes)
    ("Drug", "Drug", 0.25),
    ("Receptor", "Target", 0.12),
    ("IonChannel", "Target", 0.12),
    ("Enzyme", "Target", 0.11),
    ("BiologicalProcess", "Effect", 0.2),
    ("Disease", "Disease", 0.1),
    ("AdverseEvent", "AdverseEvent", 0.1),
]
ACTIONS = {
    "Target": ["blocks", "inhibits", "binds", "agonist_of", "antagonist_of", "activates", "opens"],
    "Effect": ["increases", "decreases"],
    "Disease": ["treats"],
    "AdverseEvent": ["causes_adverse_event"],
}
WORDS = "channel current receptor release uptake firing neurons cortex slices dose rats mice block".split()


def random_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """Return a projected-looking graph with ``n`` nodes and about 1.6 n edges."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    by_group: dict[str, list[str]] = {}
    for i in range(n):
        kind, group, _ = rng.choices(GROUPS, weights=[w for *_, w in GROUPS])[0]
        curie = f"bench:{i}"
        g.add_node(curie, id=curie, label=f"{kind.lower()} {i}", type=kind, group=group,
                   synonyms=[f"syn-{i}"], broader=[])
        by_group.setdefault(group, []).append(curie)
    drugs = by_group.get("Drug", [])
    targets = by_group.get("Target", [])
    weights = [1.0 / (1 + j) ** 0.7 for j in range(len(targets))]  # a few hub targets
    for _ in range(int(n * 1.6)):
        roll = rng.random()
        if roll < 0.55 and drugs and targets:
            s, o, group = rng.choice(drugs), rng.choices(targets, weights)[0], "Target"
        elif roll < 0.8 and targets and by_group.get("Effect"):
            s, o, group = rng.choice(targets), rng.choice(by_group["Effect"]), "Effect"
        elif roll < 0.92 and drugs and by_group.get("Disease"):
            s, o, group = rng.choice(drugs), rng.choice(by_group["Disease"]), "Disease"
        elif drugs and by_group.get("AdverseEvent"):
            s, o, group = rng.choice(drugs), rng.choice(by_group["AdverseEvent"]), "AdverseEvent"
        else:
            continue
        predicate = rng.choice(ACTIONS[group])
        negated = rng.random() < 0.02
        evidence = []
        for _ in range(rng.randint(1, 3)):
            doc = f"doc{rng.randrange(max(1, n // 10))}.txt"
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize() + "."
            start = rng.randrange(5000)
            evidence.append({"document": doc, "text": text, "start": start, "end": start + len(text),
                             "references": [str(rng.randrange(60))]})
        g.add_edge(s, o, key=("not_" if negated else "") + predicate, predicate=predicate,
                   sign=direction(predicate), kind=edge_kind(predicate),
                   certainty="hedged" if rng.random() < 0.15 else "asserted", negated=negated,
                   evidence=evidence, documents=sorted({e["document"] for e in evidence}),
                   evidence_count=len(evidence))
    return g


def budget_ms(n: int) -> int:
    """Wall-clock time the page gets before the DOM is read (the marker must be written by then)."""
    return 15000 + 3 * n


def measure(n: int, folder: Path, binary: str | None) -> dict[str, object]:
    """Build, render and (when Chromium is there) open one view of ``n`` nodes."""
    graph = random_graph(n)
    start = time.perf_counter()
    page = render_html(graph, title=f"benchmark {n}", show_negated=True)
    generate = time.perf_counter() - start
    path = folder / f"view-{n}.html"
    path.write_text(page, encoding="utf-8")
    row: dict[str, object] = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "generate_s": round(generate, 2),
        "page_mb": round(len(page.encode()) / 1e6, 1),
    }
    if binary:
        start = time.perf_counter()
        dom = headless(path, binary=binary, budget_ms=budget_ms(n), timeout=600, realtime=True)
        row["browser_wall_s"] = round(time.perf_counter() - start, 1)
        found = re.search(r'<div id="pg-status"([^>]*)>', dom)
        status = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', found.group(1) if found else ""))
        row["interactive_s"] = round(float(status.get("ready-ms", "nan")) / 1000, 2)
        row["drawn"] = f"{status.get('nodes')}/{status.get('edges')}"
        row["requests"] = status.get("resources")
        # navigation -> script start, JSON parsed, vis items built, network built, first draw
        marks = [float(t) for t in status.get("timings", "").split()]
        if len(marks) == 5:
            row["script/network/draw_s"] = "/".join(
                f"{v / 1000:.2f}" for v in (marks[0], marks[3] - marks[2], marks[4] - marks[3]))
    return row


def main(sizes: list[int]) -> None:
    binary = find_chromium()
    if binary is None:
        print("no chromium found: only generation is timed", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, Path(tmp), binary) for n in sizes]
    columns = list(rows[0])
    print("  ".join(f"{c:>14}" for c in columns))
    for row in rows:
        print("  ".join(f"{row.get(c)!s:>14}" for c in columns))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 5000, 20000])
