"""Analysis speed on a store of Hetionet-shaped statements, each figure beside its baseline.

Builds (or reuses, with ``--store``) an Oxigraph store of statements made from the Hetionet SIF
edges in ``../shared/corpora/hetionet``: each edge becomes a statement between pharmgraph
entities (Compound -> Drug, Gene -> Protein, ...), mapped onto pharmgraph predicates, with one
piece of evidence that is the database record (source ``infores:hetionet``). ``--fraction``
of every metaedge is kept (seeded), and all of the small drug metaedges (binds, treats,
palliates) so that the questions about the drug have their real answers. The quads are
written by :func:`pharmgraph.rdf.oxigraph_quads`, in documents of ``--per-document``
statements, and bulk-loaded (this benchmark times the questions, not ingest).

Then, in the same run, each question is timed the way pharmgraph asks it now (SPARQL against
the store, reading what the question touches) and the old way (project the whole store into
networkx, then answer), plus the CLI command end to end in a fresh process:

* ``shared-targets DRUG`` (query time and command time);
* ``path DRUG DISEASE -k 3`` (mechanism chains) and a plain ``path`` with ``-k 3``;
* ``view --focus DRUG --radius 2``;
* ``stats`` (store.py's; the figure says whether it needs work);
* ``central``: first build and up-to-date use of the saved projection; PageRank with scipy
  against the old pure-Python loop.

Usage::

    nice python benchmarks/hetionet_scale.py                    # 10% in a temporary folder
    nice python benchmarks/hetionet_scale.py --fraction 0.3 --store /tmp/het30
    nice python benchmarks/hetionet_scale.py --store /tmp/het30 # reuse a built store
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "hetionet"

KINDS = {
    "Compound": ("drugbank", "Drug"),
    "Gene": ("ncbigene", "Protein"),
    "Disease": (None, "Disease"),
    "Biological Process": (None, "BiologicalProcess"),
    "Side Effect": ("umls", "AdverseEvent"),
    "Anatomy": (None, "Entity"),
    "Symptom": ("mesh", "PhysiologicalEffect"),
    "Pathway": ("pathway", "BiologicalProcess"),
    "Pharmacologic Class": ("ndfrt", "DrugClass"),
    "Molecular Function": (None, "Effect"),
    "Cellular Component": (None, "Entity"),
}

# metaedge -> (predicate, reversed?)
METAEDGES = {
    "CbG": ("binds", False), "CtD": ("treats", False), "CpD": ("treats", False),
    "CuG": ("increases", False), "CdG": ("decreases", False),
    "CcSE": ("causes_adverse_event", False), "CrC": ("interacts_with", False),
    "DaG": ("contributes_to", True), "DuG": ("affects", False), "DdG": ("affects", False),
    "DlA": ("part_of", False), "DpS": ("causes", False), "DrD": ("interacts_with", False),
    "GiG": ("interacts_with", False), "GcG": ("interacts_with", False),
    "Gr>G": ("modulates", False), "AeG": ("interacts_with", False),
    "AuG": ("increases", False), "AdG": ("decreases", False),
    "GpBP": ("participates_in", False), "GpPW": ("participates_in", False),
    "GpMF": ("participates_in", False), "GpCC": ("part_of", False),
    "PCiC": ("part_of", True),
}
KEEP_ALL = {"CbG", "CtD", "CpD"}


def _curie(node: str) -> str:
    kind, _, ident = node.partition("::")
    prefix = KINDS[kind][0]
    return f"{prefix}:{ident}" if prefix else ident


def read_nodes(folder: Path):
    from pharmgraph.model import Entity

    out = {}
    with open(folder / "hetionet-v1.0-nodes.tsv", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            node, name, kind = line.rstrip("\n").split("\t")
            out[node] = Entity(_curie(node), name, KINDS[kind][1])
    return out


def statements(folder: Path, fraction: float, per_document: int, seed: int = 7) -> Iterator:
    """Yield Hetionet-shaped statements with database-record evidence, ``per_document`` to
    a document (``hetionet/part-NNNN``)."""
    from pharmgraph.model import Evidence, Statement

    nodes = read_nodes(folder)
    rng = random.Random(seed)
    path = folder / "hetionet-v1.0-edges.18-of-24-metaedges.sif.gz"
    kept = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            source, metaedge, target = line.rstrip("\n").split("\t")
            if metaedge not in KEEP_ALL and rng.random() >= fraction:
                continue
            predicate, flip = METAEDGES[metaedge]
            s, o = nodes[source], nodes[target]
            if flip:
                s, o = o, s
            document = f"hetionet/part-{kept // per_document:04d}"
            kept += 1
            yield Statement(s, predicate, o, evidence=(Evidence(
                document, "", source="infores:hetionet",
                record=f"{metaedge}:{source}:{target}", source_version="1.0",
                knowledge_level="knowledge_assertion"),))


def build(location: Path, fraction: float, per_document: int) -> tuple[int, float]:
    """Bulk-load the statements into a new store; return (statements, seconds)."""
    from pharmgraph.rdf import oxigraph_quads
    from pharmgraph.store import OxigraphStore

    start = time.perf_counter()
    store = OxigraphStore(location)
    count = 0
    batch: list = []

    def flush() -> None:
        if batch:
            store.bulk_add(oxigraph_quads(batch[0].evidence[0].document, batch))
            batch.clear()

    for stmt in statements(SHARED, fraction, per_document):
        if batch and stmt.evidence[0].document != batch[0].evidence[0].document:
            flush()
        batch.append(stmt)
        count += 1
    flush()
    store.close()
    return count, time.perf_counter() - start


class Seconds(float):
    """Wall seconds, with the CPU seconds of the same run in ``cpu`` (on a shared machine the
    wall time includes waiting for a core)."""

    cpu: float = 0.0


def timed(function: Callable, repeat: int = 3):
    """Return (best wall seconds as :class:`Seconds`, result) over ``repeat`` runs."""
    best, result = Seconds("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        took = Seconds(time.perf_counter() - start)
        took.cpu = time.process_time() - start_cpu
        if took < best:
            best = took
    return best, result


def command(location: Path, *args: str, pythonpath: str | None = None) -> float:
    """Run a pharmgraph command in a fresh process (with ``pythonpath``: another version's
    ``src``); return its wall time (and, as ``cpu``, the child's CPU time)."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pharmgraph.cli", "--store", str(location), *args],
                          capture_output=True, text=True, check=False, env=env)
    took = Seconds(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    took.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(f"   ! {' '.join(args)} failed: {done.stdout.strip()[:300]} {done.stderr.strip()[-300:]}")
    return took


def old_code(commit: str, folder: Path) -> str:
    """Extract ``src`` of an older commit (read-only ``git archive``); return its path."""
    target = folder / f"old-{commit}"
    target.mkdir(exist_ok=True)
    repo = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "archive", commit, "src"], cwd=repo, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return str(target / "src")


def old_pagerank(graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict:
    """The pure-Python PageRank pharmgraph used before (the baseline)."""
    nodes = list(graph)
    n = len(nodes)
    rank = dict.fromkeys(nodes, 1.0 / n)
    out_degree = {v: graph.out_degree(v) for v in nodes}
    dangling = [v for v in nodes if out_degree[v] == 0]
    for _ in range(max_iter):
        previous = rank
        spread = alpha * sum(previous[v] for v in dangling) / n
        rank = dict.fromkeys(nodes, (1.0 - alpha) / n + spread)
        for u in nodes:
            if out_degree[u]:
                share = alpha * previous[u] / out_degree[u]
                for v in graph.successors(u):
                    rank[v] += share
        if sum(abs(rank[v] - previous[v]) for v in nodes) < n * tol:
            break
    return rank


def cheap_stats(store) -> dict:
    """What ``stats`` counts, each with one index scan or lookup and no joins (a proposal for
    store.py): statements by their subject (either RDF model), negated and hedged ones by value, claims as the plain
    triples plus the negated statements, entities by type with a VALUES list of pharmgraph's
    types (the type triples of statements and evidence nodes are never scanned)."""
    from pharmgraph.vocabulary import ENTITY_TYPES, PREDICATES

    def one(query: str) -> int:
        return int(store.select(query)[0]["n"] or 0)

    types = " ".join(f"pg:{t}" for t in ENTITY_TYPES)
    predicates = " ".join(f"pg:{p}" for p in PREDICATES)
    return {
        "quads": store.count(),
        "statements": one("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st rdf:subject ?s } }"),
        "negated": one('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st pg:negated true } }'),
        "hedged": one('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st pg:certainty "hedged" } }'),
        # Plain triples (one index prefix per predicate) are the non-negated claims.
        "claims": one(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ "
                      f"VALUES ?p {{ {predicates} }} GRAPH ?g {{ ?s ?p ?o }} }} }}")
        + one("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { "
              "?st pg:negated true ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } } }"),
        "entities": {r["t"]: int(r["n"]) for r in store.select(
            f"SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?t {{ {types} }} GRAPH ?g {{ ?e a ?t }} }} GROUP BY ?t")},
        "predicates": {r["p"]: int(r["n"]) for r in store.select(
            "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st rdf:predicate ?p } } GROUP BY ?p")},
    }


def row(name: str, mine: float, baseline: float | None, target: float | None,
        note: str = "") -> None:
    base = f"{baseline:9.3f} s" if baseline is not None else "        -  "
    ratio = f"{baseline / mine:8.0f}x" if baseline else "        "
    goal = "" if target is None else ("  ok" if mine < target else f"  OVER {target} s")
    cpu = getattr(mine, "cpu", None)
    spent = f"{cpu:7.3f}" if cpu is not None else "       "
    print(f"{name:<42} {mine:9.3f} s {spent}   {base} {ratio}{goal}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--store", type=Path, help="store folder (built when missing)")
    parser.add_argument("--per-document", type=int, default=10_000)
    parser.add_argument("--drug", default="Lamotrigine")
    parser.add_argument("--disease", default="epilepsy syndrome")
    parser.add_argument("--no-baseline", action="store_true", help="skip the whole-store projections")
    parser.add_argument("--no-stats", action="store_true", help="skip store.stats() (slow)")
    parser.add_argument("--old-commit", default="0d3640b",
                        help="the commands are timed with this commit's code too, as their baseline "
                             "(default: before the profile sizes table and the counted focus ring); "
                             "'none' skips it")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent")

    from pharmgraph.analysis import (
        centrality,
        focus_graph,
        mechanism_paths,
        neighbourhood,
        project,
        resolve_entity,
        shared_targets,
        shortest_paths,
    )
    from pharmgraph.analysis.cache import projection_path, saved_projection
    from pharmgraph.analysis.centrality import pagerank
    from pharmgraph.store import OxigraphStore

    temporary = None
    location = args.store
    if location is None:
        temporary = tempfile.TemporaryDirectory(prefix="pharmgraph-hetionet-")
        location = Path(temporary.name) / "store"
    if not (location / "CURRENT").exists():
        count, seconds = build(location, args.fraction, args.per_document)
        print(f"built {location}: {count:,} statements ({args.fraction:.0%} of the SIF edges, "
              f"all drug-target/indication edges) in {seconds:.1f} s (bulk load)")
    old_src = None
    scratch = tempfile.TemporaryDirectory(prefix="pharmgraph-old-")
    if args.old_commit != "none":
        old_src = old_code(args.old_commit, Path(scratch.name))
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    store = OxigraphStore(location, read_only=True)
    quads = store.count()
    print(f"store: {quads:,} quads, {len(store.documents())} documents\n")
    print(f"{'question':<42} {'pharmgraph':>11} {'cpu s':>7}   {'baseline':>11} {'ratio':>9}")

    drug = resolve_entity(store, args.drug, types="Drug")
    row("resolve a drug name (SPARQL)", timed(lambda: resolve_entity(store, args.drug))[0], None, None)

    t_shared, rows = timed(lambda: shared_targets(store, drug))
    t_all_roles, rows_all = timed(lambda: shared_targets(store, drug, roles="all"))
    one_query = f"""SELECT ?other (COUNT(DISTINCT ?t) AS ?n) WHERE {{
        ?d pg:curie "{drug}" . ?d pg:binds ?t . ?other pg:binds ?t . FILTER(?other != ?d)
    }} GROUP BY ?other"""
    t_sparql, plain = timed(lambda: store.select(one_query))
    graph = None
    t_project = None
    if not args.no_baseline:
        t_project, graph = timed(lambda: project(store, evidence=False), repeat=1)
        t_old, old_rows = timed(lambda: shared_targets(graph, drug, roles="all"), repeat=1)
        same = [r["other"] for r in old_rows] == [r["other"] for r in rows_all]
    row("shared-targets DRUG (mechanism roles)", t_shared, None if graph is None else t_project + t_old,
        0.05, f"{len(rows)} drugs")
    row("shared-targets DRUG --roles all", t_all_roles, None if graph is None else t_project + t_old,
        0.05, f"{len(rows_all)} drugs" + ("" if graph is None else f", same as projection: {same}"))
    from pharmgraph.analysis import profile_sizes

    t_table, _ = timed(lambda: profile_sizes.count(store), repeat=1)
    row("profile sizes table: count it (once per write", t_table, None, None,
        "it cannot follow: a raw or bulk load)")
    if profile_sizes.read(store) is None:
        profile_sizes.table(store)
    t_top, rows_top = timed(lambda: shared_targets(store, drug, limit=50))
    real_table = profile_sizes.table
    profile_sizes.table = lambda store, build=None: None  # the exact path: profiles read
    t_exact, rows_exact = timed(lambda: shared_targets(store, drug, limit=50), repeat=1)
    profile_sizes.table = real_table
    row("shared-targets DRUG --limit 50 (the command's)", t_top, t_exact, 0.05,
        f"{len(rows_top)} drugs, same as reading the profiles: {rows_top == rows_exact}")
    row("  the same as one plain SPARQL query", t_sparql, None, None, f"{len(plain)} drugs (exact only)")
    base_cmd = command(location, "shared-targets", args.drug, pythonpath=old_src) if old_src else None
    row("  command: shared-targets DRUG", command(location, "shared-targets", args.drug), base_cmd, 1.0,
        f"baseline: commit {args.old_commit}" if old_src else "")

    t_mech, chains = timed(lambda: mechanism_paths(store, args.drug, args.disease, k=3))
    t_path, paths = timed(lambda: shortest_paths(store, args.drug, args.disease, k=3))
    base_path = None
    if graph is not None:
        t_old_path, _ = timed(lambda: shortest_paths(project(store), args.drug, args.disease, k=3), repeat=1)
        base_path = t_old_path
    row("path DRUG DISEASE -k 3 (mechanism chains)", t_mech, None, 1.0,
        f"{len(chains)} paths: " + "; ".join(p.text() for p in chains[:2])[:110])
    row("path DRUG DISEASE -k 3 --no-mechanism", t_path, base_path, 1.0, f"{len(paths)} paths")
    row("  command: path DRUG DISEASE -k 3", command(location, "path", args.drug, args.disease, "-k", "3"),
        None, 1.0)

    t_focus, (focus, _) = timed(lambda: focus_graph(store, [args.drug], 2), repeat=1)
    base_focus = None
    if graph is not None:
        t_full, full = timed(lambda: project(store), repeat=1)
        t_hood, _ = timed(lambda: neighbourhood(full, [drug], 2), repeat=1)
        base_focus = t_full + t_hood
        del full
    row("focus DRUG radius 2 (graph with evidence)", t_focus, base_focus, None,
        f"{focus.number_of_nodes():,} nodes, {focus.number_of_edges():,} edges")
    from pharmgraph.commands.view import MAX_NODES

    t_capped, (capped, _) = timed(lambda: focus_graph(store, [args.drug], 2, max_nodes=MAX_NODES), repeat=1)
    row(f"  the same, at most {MAX_NODES} entities (view's default)", t_capped, base_focus, 3.0,
        f"{capped.number_of_nodes():,} nodes, {capped.number_of_edges():,} edges, "
        f"{capped.graph['not_drawn']:,} left out")
    from pharmgraph.views import render_html

    row("  render_html of that graph (views)", timed(lambda: render_html(focus, title="x"), repeat=1)[0],
        None, None, "the force layout of views/layout.py")
    t_read, (read_ring, _) = timed(lambda: focus_graph(store, [args.drug], 2, max_nodes=MAX_NODES,
                                                        count_last_ring=False), repeat=1)
    row("  the same, reading the whole last ring", t_read, None, None,
        f"same graph: {sorted(read_ring.edges(keys=True)) == sorted(capped.edges(keys=True))}")
    out = Path(tempfile.gettempdir()) / f"pharmgraph-bench-{os.getpid()}.html"
    view_args = ("view", "--focus", args.drug, "--radius", "2", "-o", str(out))
    base_view = command(location, *view_args, pythonpath=old_src) if old_src else None
    row("  command: view --focus DRUG --radius 2", command(location, *view_args), base_view, 3.0,
        f"baseline: commit {args.old_commit}" if old_src else "")
    out.unlink(missing_ok=True)

    t_stats = None
    if not args.no_stats:
        from pharmgraph.store import GraphStore

        t_stats, _ = timed(lambda: GraphStore.stats(store), repeat=1)
        row("stats counted in full (SPARQL, no ledger)", t_stats, None, None)
        t_cheap, _ = timed(lambda: cheap_stats(store), repeat=1)
        row("  the same as join-free queries", t_cheap, t_stats, None)

    store.close()
    # A write (one small document, in its own process), then stats: the first call after a
    # write reads the ledger its writer kept (pharmgraph.stats_ledger) and counts entities.
    note = Path(tempfile.gettempdir()) / f"pharmgraph-bench-{os.getpid()}.jsonl"
    note.write_text(json.dumps({
        "subject": {"id": drug, "type": "Drug"}, "predicate": "blocks",
        "object": {"id": "NCBIGene:6323", "label": "SCN1A", "type": "IonChannel"},
        "evidence": [{"document": f"bench-note-{os.getpid()}", "text": "It blocks SCN1A.", "start": 0, "end": 16}],
    }) + "\n")
    row("command: ingest one small document", command(location, "ingest", str(note)), None, None)
    row("command: stats, first call after that write", command(location, "stats", "--format", "json"),
        t_stats, 1.0)
    row("command: stats, unchanged store", command(location, "stats", "--format", "json"), t_stats, 1.0)
    with OxigraphStore(location) as cleanup:
        cleanup.remove_document(f"bench-note-{os.getpid()}")
    note.unlink(missing_ok=True)
    writable = OxigraphStore(location)  # the saved projection is written beside the folder
    saved = projection_path(writable)
    saved.unlink(missing_ok=True)
    saved.with_name(saved.name + "-graph").unlink(missing_ok=True)
    t_first, whole = timed(lambda: saved_projection(writable), repeat=1)
    t_again, _ = timed(lambda: saved_projection(writable))
    row("central: build the saved projection", t_first, t_project, None,
        f"{whole.number_of_edges():,} edges")
    row("central: saved projection, up to date", t_again, t_project, None)
    t_central, _ = timed(lambda: centrality(writable), repeat=1)
    row("central (projection + degree + PageRank)", t_central, None, None)
    import networkx as nx

    simple = nx.DiGraph()
    simple.add_edges_from((u, v) for u, v in whole.edges() if u != v)
    t_pr, _ = timed(lambda: pagerank(simple), repeat=1)
    t_old_pr, _ = timed(lambda: old_pagerank(simple), repeat=1)
    row(f"PageRank ({simple.number_of_edges():,} links), scipy", t_pr, t_old_pr, None)
    writable.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    scratch.cleanup()
    if temporary is not None:
        temporary.cleanup()


if __name__ == "__main__":
    main()
