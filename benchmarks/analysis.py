"""Speed of the analyses on a store of about a million triples.

Generates realistic statements (drugs acting on targets grouped in families, targets and
drugs changing effects, effects and drugs linked to diseases, some hedged, some negated, each
with a sentence of evidence) spread over documents, bulk-loads them into an Oxigraph store in
a temporary folder, and times:

* the projection of the whole store into networkx;
* shared targets for one drug, and for all pairs of drugs (the 50 best; every row with
  ``--all-rows``);
* shortest paths (k=1, and k=5 through targets and effects);
* similar drugs and centrality;

then prints the peak resident memory.

Usage::

    python benchmarks/analysis.py                 # about 1,000,000 triples
    python benchmarks/analysis.py --documents 500 # a smaller run
    python benchmarks/analysis.py --memory        # in-memory store instead of a folder
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pharmgraph.analysis import centrality, project, shared_targets, shortest_paths, similar
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.rdf import oxigraph_quads
from pharmgraph.store import OxigraphStore

TARGET_TYPES = ["IonChannel", "Receptor", "Enzyme", "Transporter", "Protein"]
DRUG_TARGET = ["inhibits", "blocks", "activates", "opens", "binds", "agonist_of",
               "antagonist_of", "positively_modulates", "negatively_modulates", "modulates"]
CHANGES = ["increases", "decreases", "inhibits", "activates"]


def make_entities(rng: random.Random, drugs: int, families: int, per_family: int,
                  effects: int, diseases: int) -> dict[str, list[Entity]]:
    """Drugs, target families with subtypes and currents, effects, diseases."""
    out: dict[str, list[Entity]] = {"drug": [], "target": [], "effect": [], "disease": []}
    for i in range(drugs):
        out["drug"].append(Entity(f"pharmgraph:drug_{i}", f"drug {i}", "Drug",
                                  synonyms=(f"D-{i}", f"brand{i}")))
    for f in range(families):
        kind = TARGET_TYPES[f % len(TARGET_TYPES)]
        family = Entity(f"pharmgraph:family_{f}", f"target family {f}", "ProteinFamily")
        out["target"].append(family)
        for s in range(per_family):
            out["target"].append(Entity(f"pharmgraph:target_{f}_{s}", f"target {f}.{s}", kind,
                                        broader=(family.id,)))
        out["target"].append(Entity(f"pharmgraph:current_{f}", f"current {f}", "IonCurrent",
                                    broader=(family.id,)))
    for i in range(effects):
        out["effect"].append(Entity(f"pharmgraph:effect_{i}", f"effect {i}", "BiologicalProcess"))
    for i in range(diseases):
        out["disease"].append(Entity(f"pharmgraph:disease_{i}", f"disease {i}", "Disease"))
    return out


def make_document(rng: random.Random, name: str, ents: dict[str, list[Entity]],
                  n: int) -> list[Statement]:
    """``n`` statements of one document, each with a sentence of evidence."""
    statements = []
    offset = 0
    targets = ents["target"]
    for i in range(n):
        roll = rng.random()
        drug = ents["drug"][min(int(rng.paretovariate(1.2)) - 1, len(ents["drug"]) - 1)
                            if rng.random() < 0.3 else rng.randrange(len(ents["drug"]))]
        if roll < 0.5:
            subject, predicate, obj = drug, rng.choice(DRUG_TARGET), rng.choice(targets)
        elif roll < 0.65:
            subject, predicate, obj = drug, rng.choice(CHANGES), rng.choice(ents["effect"])
        elif roll < 0.8:
            subject, predicate, obj = rng.choice(targets), rng.choice(CHANGES), rng.choice(ents["effect"])
        elif roll < 0.9:
            subject, predicate, obj = drug, "treats", rng.choice(ents["disease"])
        else:
            subject, predicate, obj = rng.choice(ents["effect"]), "causes", rng.choice(ents["disease"])
        text = f"In this work {subject.label} {predicate.replace('_', ' ')} {obj.label} ({i})."
        evidence = Evidence(name, text, offset, offset + len(text),
                            references=(f"ref{rng.randrange(40)}",) if rng.random() < 0.3 else ())
        offset += len(text) + 1
        statements.append(Statement(
            subject, predicate, obj,
            negated=rng.random() < 0.03,
            certainty="hedged" if rng.random() < 0.15 else "asserted",
            evidence=(evidence,),
        ))
    return statements


@contextmanager
def timed(label: str, results: dict[str, float]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start
    print(f"{label:<44} {results[label]:8.2f} s", flush=True)


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--statements", type=int, default=10, help="statements per document")
    parser.add_argument("--drugs", type=int, default=2000)
    parser.add_argument("--families", type=int, default=60)
    parser.add_argument("--memory", action="store_true", help="in-memory store")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", metavar="DIR", help="keep the store in DIR and reuse it on "
                        "later runs (same arguments) instead of a temporary folder")
    parser.add_argument("--all-rows", action="store_true",
                        help="also describe every pair of drugs (minutes, gigabytes)")
    parser.add_argument("--only", choices=["project", "shared", "path"],
                        help="time only this group (the store is still projected once)")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    ents = make_entities(rng, args.drugs, args.families, 8, 400, 200)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="pharmgraph-bench-") as folder:
        location = ":memory:" if args.memory else (args.keep or f"{folder}/kg")
        reuse = args.keep is not None and (Path(args.keep) / "CURRENT").exists()
        store = OxigraphStore(location)
        if reuse:
            print(f"{'reusing store':<44} {args.keep}")
        else:
            with timed("generate + bulk load", results):
                batch: list = []
                for d in range(args.documents):
                    name = f"doc{d:05d}.txt"
                    batch.extend(
                        oxigraph_quads(name, make_document(rng, name, ents, args.statements))
                    )
                    if len(batch) > 250_000:
                        store.bulk_add(batch)
                        batch = []
                store.bulk_add(batch)
        triples = store.count()
        print(f"{'quads in store':<44} {triples:8d}")
        with timed("project (whole store)", results):
            graph = project(store)
        print(f"{'graph':<44} {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
              f"{len(graph.graph['negated'])} negated")
        if args.only in (None, "project"):
            with timed("project (asserted only)", results):
                project(store, asserted_only=True)
            with timed("project (10 documents)", results):
                project(store, documents=[f"doc{d:05d}.txt" for d in range(10)])
        if args.only in (None, "shared"):
            with timed("shared targets: one drug (drug 0)", results):
                rows = shared_targets(graph, "drug 0")
            print(f"{'  pairs':<44} {len(rows):8d}")
            with timed("shared targets: one drug, exact only", results):
                shared_targets(graph, "drug 0", level=False)
            if args.all_rows:
                with timed("shared targets: all pairs, every row", results):
                    rows = shared_targets(graph)
                print(f"{'  pairs':<44} {len(rows):8d}")
            with timed("shared targets: all pairs ranked, top 50", results):
                rows = shared_targets(graph, limit=50)
            print(f"{'  pairs':<44} {len(rows):8d}")
        if args.only in (None, "path"):
            with timed("path drug 5 -> disease 3 (k=1)", results):
                paths = shortest_paths(graph, "drug 5", "disease 3")
            print(f"{'  length':<44} {paths[0].length if paths else 0:8d}")
            with timed("path drug 5 -> disease 3 (k=5, via Target/Effect)", results):
                shortest_paths(graph, "drug 5", "disease 3", k=5, via=["Target", "Effect"])
        if args.only is None:
            with timed("similar drugs (drug 0)", results):
                similar(graph, "drug 0")
            with timed("centrality (degree + PageRank)", results):
                centrality(graph)
        store.close()
    print(f"{'peak RSS':<44} {peak_rss_mb():8.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
