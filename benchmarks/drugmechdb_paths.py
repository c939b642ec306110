"""How many DrugMechDB indications ``path DRUG DISEASE`` explains with a chain through a target.

Issue 14 asks that, for at least 90% of DrugMechDB's indications whose drug and disease are
both in the store, ``pharmgraph path DRUG DISEASE`` returns a chain drug -> target -> ... ->
disease with evidence on every hop. This script measures that:

1. imports DrugMechDB (``--hetionet`` adds Hetionet, ``--go`` adds the GO annotations of the
   genes the store holds) into a fresh store in a temporary folder, through the same code and
   grounding ``pharmgraph import`` runs, and prints each import's time and the peak memory;
2. takes every indication (distinct drug-disease pair, canonical ids) whose drug and disease
   are both in the store, or a fixed-seed sample of them with ``--sample``;
3. asks :func:`pharmgraph.analysis.mechanism_paths` (what the ``path`` command calls for a
   drug and a disease) for the best chain, and counts: a chain through a target with evidence
   on every hop; an answer with no such chain (the direct ``treats`` only); no answer;
4. for the indications without a chain, reads DrugMechDB's own paths for the pair and says
   why (the cause found in the best of its paths): no target-typed node in the path; the
   drug's first link does not reach a target; the chain passes through a drug or a disease;
   it is longer than the search bound; links left out at import; or none of these (a search
   that should have found it: a bug).

Usage::

    nice python benchmarks/drugmechdb_paths.py                 # all indications, DrugMechDB only
    nice python benchmarks/drugmechdb_paths.py --go            # + GO annotations
    nice python benchmarks/drugmechdb_paths.py --hetionet --go # + Hetionet
    nice python benchmarks/drugmechdb_paths.py --sample 300 --seed 7
    nice python benchmarks/drugmechdb_paths.py --store S --failures f.tsv  # list what has no chain
    nice python benchmarks/drugmechdb_paths.py --store S --pairs f.tsv     # ask those again
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HETIONET = SHARED / "corpora" / "hetionet"
DRUGMECHDB = SHARED / "corpora" / "drugmechdb" / "indication_paths.reassembled.json.gz"

def peak_mb() -> int:
    """Peak resident memory of this process so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def import_all(store, args, grounder) -> None:
    """Import the sources asked for, printing time, statements and peak memory of each."""
    from pharmgraph.sources import drugmechdb

    steps = [("drugmechdb", lambda: drugmechdb.import_source(store, DRUGMECHDB, resolve=grounder.statements))]
    if args.hetionet:
        from pharmgraph.sources import hetionet

        steps.append(("hetionet", lambda: hetionet.import_source(store, HETIONET, resolve=grounder.statements)))
    if args.go:
        from pharmgraph.sources import go_annotations

        steps.append(("go", lambda: go_annotations.import_source(store, resolve=grounder.statements)))
    for name, call in steps:
        start = time.perf_counter()
        summary = call()
        print(f"import {name:<11} {summary.statements:>9,} statements  {time.perf_counter() - start:7.1f} s  "
              f"peak RSS {peak_mb():,} MB")


def record_graphs(records, grounder) -> dict[tuple[str, str], list[tuple[str, nx.DiGraph]]]:
    """Each DrugMechDB path as a directed graph of grounded CURIEs, by (drug, disease)."""
    from pharmgraph.sources import drugmechdb

    by_pair: dict[tuple[str, str], list[tuple[str, nx.DiGraph]]] = {}
    for record in records:
        skipped: Counter = Counter()
        statements = [grounder.statement(s) for s in drugmechdb.process_path(record, skipped)]
        if not statements or statements[-1].predicate != "treats":
            continue
        *links, indication = statements
        graph = nx.DiGraph(skipped=sum(skipped.values()))
        for s in links:
            if s.subject.id != s.object.id:
                graph.add_edge(s.subject.id, s.object.id, predicate=s.predicate)
                graph.nodes[s.subject.id]["label"] = s.subject.label
                graph.nodes[s.object.id]["label"] = s.object.label
        pair = (indication.subject.id, indication.object.id)
        by_pair.setdefault(pair, []).append((str(record["graph"]["_id"]), graph))
    return by_pair


def in_store(store, by_iri: dict[str, str]) -> set[str]:
    """The CURIEs (values of ``by_iri``) whose entity the store describes."""
    from pharmgraph.analysis import queries as q

    found: set[str] = set()
    for batch in q.batches(sorted(by_iri)):
        query = f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {q.iris(batch)} }} ?e pg:curie ?c }}"
        found |= {by_iri[e] for (e,) in q.rows(store, query, ("e",))}
    return found


def path_cause(graph: nx.DiGraph, drug: str, disease: str, kind: dict[str, str], max_length: int) -> str:
    """Why a DrugMechDB path, on its own, gives no mechanism chain (``ok`` when it gives one).

    The path's links are searched with the rules :func:`pharmgraph.analysis.mechanism_paths`
    applies, so an ``ok`` path whose pair got no chain from the store is a search bug.
    """
    from pharmgraph.analysis import paths
    from pharmgraph.vocabulary import is_subtype

    if drug not in graph or disease not in graph:
        return "path broken at import (links left out)" if graph.graph["skipped"] else "drug or disease not on the path"
    if not any(is_subtype(kind.get(n, "Entity"), "Target") for n in graph if n not in (drug, disease)):
        return "no target-typed node on the path"
    edge_ok = paths._chain_edge_ok(drug, lambda n: kind.get(n, "Entity"))
    view = nx.DiGraph()
    view.add_edges_from((u, v) for u, v, p in graph.edges(data="predicate") if edge_ok(u, p, v))
    def entry_ok(u: str, v: str) -> bool:
        return paths._mechanism_target(graph.edges[u, v]["predicate"], kind.get(v, "Entity"),
                                       graph.nodes[v].get("label"))

    found = paths._k_chains(view, drug, disease, 1, kind, entry_ok=entry_ok)
    if found:
        return "ok (search should find it)" if len(found[0]) - 1 <= max_length else f"chain longer than {max_length} hops"
    if not nx.has_path(graph, drug, disease):
        return "path broken at import (links left out)" if graph.graph["skipped"] else "no directed drug-to-disease route"
    lead_in = {n for n in graph.successors(drug)
               if is_subtype(kind.get(n, "Entity"), "Target") or any(is_subtype(kind.get(n, "Entity"), t) for t in paths._LEAD_IN)}
    if not lead_in:
        return "drug's first link is neither a target nor a substance"
    if not paths._k_chains(view, drug, disease, 1, kind):
        return "no route through a target (order or types of the links)"
    return "only through an enzyme, transporter or carrier of the drug"


def hop_source(hop) -> str:
    """Where a hop's evidence comes from: a source name (a Hetionet metaedge added), or text."""
    evidence = hop.evidence or {}
    source = str(evidence.get("source") or "")
    if not source:
        return "text"
    name = source.rsplit(":", 1)[-1]
    record = str(evidence.get("record") or "")
    if name == "hetionet" and record.count("|") == 2:
        name += " " + record.split("|")[1]
    return name


def classify(paths) -> str:
    """``chain`` (through a target, evidence per hop), ``chain without evidence``,
    ``no chain (direct only)`` or ``none``."""
    chains = [p for p in paths if p.kind == "mechanism"]
    if chains:
        if all(h.evidence for h in chains[0].hops):
            return "chain"
        return "chain without evidence"
    return "no chain (direct only)" if paths else "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hetionet", action="store_true", help="Also import Hetionet (default metaedges).")
    parser.add_argument("--go", action="store_true", help="Also import GO annotations of the store's genes.")
    parser.add_argument("--sample", type=int, help="A fixed-seed sample of this many indications (default all).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path, help="Use this store folder (kept; reused when it exists).")
    parser.add_argument("--examples", type=int, default=3, help="Example pairs printed per failure cause.")
    parser.add_argument("--failures", type=Path,
                        help="Write every indication without a chain here (TSV: drug, disease, cause, path ids).")
    parser.add_argument("--pairs", type=Path,
                        help="Ask only the indications listed in this TSV (drug and disease in the first two columns).")
    args = parser.parse_args()
    if not DRUGMECHDB.exists():
        sys.exit(f"{DRUGMECHDB} is absent: nothing to measure.")

    from pharmgraph.analysis import mechanism_paths
    from pharmgraph.analysis.local import LocalGraph
    from pharmgraph.analysis.paths import MAX_CHAIN_LENGTH as MAX_LENGTH
    from pharmgraph.errors import PharmgraphError
    from pharmgraph.grounding import Grounder
    from pharmgraph.sources import drugmechdb
    from pharmgraph.store import open_store

    grounder = Grounder()
    with tempfile.TemporaryDirectory() as tmp:
        location = args.store or Path(tmp) / "store"
        fresh = not location.exists()
        store = open_store(location)
        if fresh:
            import_all(store, args, grounder)
        else:
            print(f"reusing the store at {location}")
        records = drugmechdb.read_paths(DRUGMECHDB)
        by_pair = record_graphs(records, grounder)
        local = LocalGraph(store)
        nodes = {n for graphs in by_pair.values() for _, g in graphs for n in g} | {x for p in by_pair for x in p}
        iris = {n: local.iri(n) for n in nodes}
        kinds_by_iri = local.types(iris.values())
        kind = {n: kinds_by_iri[iris[n]] for n in nodes}
        ends = {x for p in by_pair for x in p}
        known = in_store(store, {iris[n]: n for n in ends})
        pairs = sorted(p for p in by_pair if p[0] in known and p[1] in known)
        print(f"{len(by_pair):,} indications (distinct drug-disease pairs); {len(pairs):,} with both ends in the store")
        if args.pairs:
            wanted = {tuple(line.split("\t")[:2]) for line in args.pairs.read_text().splitlines() if line}
            pairs = [p for p in pairs if p in wanted]
            print(f"{len(pairs):,} of them listed in {args.pairs}")
        if args.sample and args.sample < len(pairs):
            pairs = random.Random(args.seed).sample(pairs, args.sample)
            print(f"sample of {len(pairs)} (seed {args.seed})")
        outcomes: Counter = Counter()
        causes: Counter = Counter()
        sources: Counter = Counter()
        first: Counter = Counter()
        examples: dict[str, list[str]] = {}
        failures: list[str] = []
        start = time.perf_counter()
        slowest = (0.0, None)
        for number, (drug, disease) in enumerate(pairs, start=1):
            if number % 100 == 0:
                print(f"  ... {number:,} asked, {outcomes['chain']:,} chains, "
                      f"{time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
            t = time.perf_counter()
            try:
                paths = mechanism_paths(store, drug, disease, k=1)
            except PharmgraphError as exc:
                outcome = f"error: {type(exc).__name__}"
                paths = []
            else:
                outcome = classify(paths)
            slowest = max(slowest, (time.perf_counter() - t, (drug, disease)))
            outcomes[outcome] += 1
            if outcome == "chain":
                chain = next(p for p in paths if p.kind == "mechanism")
                sources[" + ".join(sorted({hop_source(h) for h in chain.hops}))] += 1
                first[hop_source(chain.hops[0])] += 1
                continue
            found = [path_cause(g, drug, disease, kind, MAX_LENGTH) for _, g in by_pair[(drug, disease)]]
            order = ["ok (search should find it)", f"chain longer than {MAX_LENGTH} hops",
                     "only through an enzyme, transporter or carrier of the drug",
                     "no route through a target (order or types of the links)",
                     "drug's first link is neither a target nor a substance", "no target-typed node on the path"]
            cause = min(found, key=lambda c: order.index(c) if c in order else len(order))
            causes[cause] += 1
            ids = ",".join(i for i, _ in by_pair[(drug, disease)])
            failures.append(f"{drug}\t{disease}\t{cause}\t{ids}\n")
            examples.setdefault(cause, [])
            if len(examples[cause]) < args.examples:
                examples[cause].append(f"{drug} {disease} ({ids})")
        seconds = time.perf_counter() - start
        if args.failures:
            args.failures.write_text("".join(failures), encoding="utf-8")
        total = sum(outcomes.values())
        print(f"\n{total:,} indications asked in {seconds:.1f} s ({1000 * seconds / max(total, 1):.0f} ms each, "
              f"slowest {slowest[0]:.2f} s {slowest[1]})")
        for outcome, n in outcomes.most_common():
            print(f"  {outcome:<28}{n:>6,}  {n / total:6.1%}")
        print("\nchains by the sources of their hops:")
        for name, n in sources.most_common(12):
            print(f"  {name:<52}{n:>6,}")
        if len(sources) > 12:
            print(f"  ({len(sources) - 12} other combinations, {sum(n for _, n in sources.most_common()[12:]):,} chains)")
        print("chains by the source of their first hop (drug -> target or substance):")
        for name, n in first.most_common():
            print(f"  {name:<52}{n:>6,}")
        print("\nwithout a chain, by the cause in DrugMechDB's own paths for the pair:")
        for cause, n in causes.most_common():
            print(f"  {cause:<52}{n:>6,}  {n / total:6.1%}   e.g. {'; '.join(examples[cause])}")
        print(f"\nchain through a target, evidence on every hop: {outcomes['chain']:,}/{total:,} = "
              f"{outcomes['chain'] / max(total, 1):.1%}; peak RSS {peak_mb():,} MB")
        store.close()


if __name__ == "__main__":
    main()
