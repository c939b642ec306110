"""Load about 1,000,000 statement triples into rdflib's in-memory store and into pharmgraph's
store, and time a "drugs sharing a target" query on each; peak memory of each run too.

Usage: python benchmarks/store.py [--triples N]

Each setup runs in its own process so that peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time

from pharmgraph.model import Entity, Evidence, Statement

TARGET_PREDICATES = ["inhibits", "blocks", "activates", "binds", "antagonist_of", "agonist_of"]
SHARING = """
SELECT ?other (COUNT(DISTINCT ?t) AS ?shared) WHERE {{
  <{drug}> ?p ?t . ?other ?q ?t . ?other a pg:Drug .
  FILTER(?other != <{drug}> && ?p IN ({preds}) && ?q IN ({preds}))
}} GROUP BY ?other ORDER BY DESC(?shared) ?other
"""
DRUG = "https://w3id.org/pharmgraph/entity/drug1"


def generate(n_statements: int, seed: int = 7) -> list[Statement]:
    """Make realistic statements: 5,000 drugs, 2,000 targets, 40 statements per document."""
    rng = random.Random(seed)
    drugs = [Entity(f"pharmgraph:drug{i}", f"drug {i}", "Drug") for i in range(5000)]
    targets = [Entity(f"pharmgraph:target{i}", f"target {i}", "Protein") for i in range(2000)]
    out = []
    for i in range(n_statements):
        d, t = rng.choice(drugs), rng.choice(targets[: 200 + i % 1800])
        doc = f"doc{i // 40}"
        text = f"{d.label} acts on {t.label} in experiment {i}."
        out.append(
            Statement(d, rng.choice(TARGET_PREDICATES), t, negated=rng.random() < 0.05,
                      evidence=(Evidence(doc, text, 100 * (i % 40), 100 * (i % 40) + len(text), extractor="bench"),))
        )
    return out


def write_nquads(n: int, path: str) -> None:
    """Write the generated statements as N-Quads, as pharmgraph maps them."""
    from pyoxigraph import RdfFormat, serialize

    from pharmgraph.rdf import group_by_document, oxigraph_quads

    quads = (q for doc, stmts in group_by_document(generate(n)).items() for q in oxigraph_quads(doc, stmts))
    with open(path, "wb") as handle:
        serialize(quads, handle, format=RdfFormat.N_QUADS)


def _preds() -> str:
    return ", ".join(f"pg:{p}" for p in TARGET_PREDICATES)


def run_rdflib(path: str) -> dict:
    from rdflib import Dataset

    from pharmgraph.rdf import PREFIXES

    dataset = Dataset(default_union=True)
    t0 = time.perf_counter()
    dataset.parse(path, format="nquads")
    load = time.perf_counter() - t0
    triples = sum(1 for _ in dataset.quads((None, None, None, None)))
    t0 = time.perf_counter()
    rows = list(dataset.query(SHARING.format(drug=DRUG, preds=_preds()), initNs=PREFIXES))
    return {"setup": "rdflib in memory (parse N-Quads)", "triples": triples, "load_s": load,
            "query_s": time.perf_counter() - t0, "rows": len(rows)}


def run_pharmgraph_file(path: str, in_memory: bool = False) -> dict:
    from pharmgraph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(":memory:" if in_memory else f"{tmp}/kg")
        t0 = time.perf_counter()
        store.load_rdf(path)
        load = time.perf_counter() - t0
        triples = store.count()
        store.select(SHARING.format(drug=DRUG, preds=_preds()))  # warm the page cache once
        t0 = time.perf_counter()
        rows = store.select(SHARING.format(drug=DRUG, preds=_preds()))
        q = time.perf_counter() - t0
        store.close()
    where = "in memory" if in_memory else "on disk"
    return {"setup": f"pharmgraph store {where} (load N-Quads)", "triples": triples, "load_s": load,
            "query_s": q, "rows": len(rows)}


def run_statements(n: int, engine: str) -> dict:
    """From Statement objects, mapping included: rdflib Dataset vs pharmgraph ingest."""
    from pharmgraph.rdf import to_dataset
    from pharmgraph.store import open_store

    statements = generate(n)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        if engine == "rdflib":
            dataset = to_dataset(statements)
            load = time.perf_counter() - t0
            dataset.default_union = True
            triples = sum(1 for _ in dataset.quads((None, None, None, None)))
            name = "rdflib in memory (from statements)"
        else:
            store = open_store(f"{tmp}/kg")
            store.ingest(statements)
            store.raw.flush()
            load = time.perf_counter() - t0
            triples = store.count()
            store.close()
            name = "pharmgraph store on disk (ingest statements, transactional)"
    return {"setup": name, "triples": triples, "load_s": load, "query_s": float("nan"), "rows": -1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--child", choices=["rdflib", "pharmgraph", "pharmgraph-memory", "st-rdflib", "st-pharmgraph"])
    parser.add_argument("--file")
    args = parser.parse_args()
    n = args.triples // 21  # each generated statement maps to about 21 quads
    if args.child:
        result = {
            "rdflib": lambda: run_rdflib(args.file),
            "pharmgraph": lambda: run_pharmgraph_file(args.file),
            "pharmgraph-memory": lambda: run_pharmgraph_file(args.file, in_memory=True),
            "st-rdflib": lambda: run_statements(n, "rdflib"),
            "st-pharmgraph": lambda: run_statements(n, "pharmgraph"),
        }[args.child]()
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/statements.nq"
        t0 = time.perf_counter()
        write_nquads(n, path)
        print(f"generated {n} statements as N-Quads in {time.perf_counter() - t0:.1f} s")
        results = []
        for child in ("rdflib", "pharmgraph", "pharmgraph-memory", "st-rdflib", "st-pharmgraph"):
            out = subprocess.run([sys.executable, __file__, "--triples", str(args.triples), "--child", child, "--file", path],
                                 check=True, capture_output=True, text=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'setup':64} {'triples':>9} {'load s':>8} {'query s':>8} {'peak MB':>8}")
    for r in results:
        print(f"{r['setup']:64} {r['triples']:>9} {r['load_s']:>8.2f} {r['query_s']:>8.3f} {r['peak_rss_mb']:>8.0f}")
    rd = results[0]
    for pg in results[1:3]:
        print(f"{pg['setup']}: load speed-up {rd['load_s'] / pg['load_s']:.1f}x, query speed-up "
              f"{rd['query_s'] / pg['query_s']:.1f}x (target: 5x each); same answer: {rd['rows'] == pg['rows']}")
    print(f"from statements: ingest at {results[3]['load_s'] / results[4]['load_s']:.1f}x rdflib's speed")


if __name__ == "__main__":
    main()
