"""Load test of `pharmgraph serve` on loopback: concurrent clients sending realistic queries.

Builds a store of generated statements, starts the real server on a free 127.0.0.1 port,
runs CLIENTS threads that send QUERIES SPARQL requests in all (a mix of lookups, evidence
queries, a grouping "drugs sharing a target" query, ASK, CONSTRUCT and CSV results, over GET
and both POST styles), then stops the server and reports throughput, latency percentiles and
errors. Everything is bounded: the number of queries, and a wall-clock limit on the run.

Usage: python benchmarks/server_load.py [--statements N] [--clients 20] [--queries 2000]
                                        [--workers W] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

from pharmgraph.model import Entity, Evidence, Statement

PREDICATES = ["inhibits", "blocks", "activates", "binds", "antagonist_of", "agonist_of", "treats"]
OBO = "http://purl.obolibrary.org/obo/"
ENTITY = "https://w3id.org/pharmgraph/entity/"


def generate(n: int, seed: int = 11) -> list[Statement]:
    """Statements about 2,000 drugs and 800 targets, 40 per document, 5% negated, 10% hedged."""
    rng = random.Random(seed)
    drugs = [Entity(f"pharmgraph:drug{i}", f"drug {i}", "Drug", synonyms=(f"D-{i}",)) for i in range(2000)]
    targets = [Entity(f"pharmgraph:target{i}", f"target {i}", "Protein") for i in range(800)]
    out = []
    for i in range(n):
        drug, target = rng.choice(drugs), rng.choice(targets)
        doc = f"doc{i // 40}.txt"
        text = f"In run {i}, {drug.label} acted on {target.label}."
        start = 100 * (i % 40)
        out.append(Statement(
            drug, rng.choice(PREDICATES), target,
            negated=rng.random() < 0.05,
            certainty="hedged" if rng.random() < 0.1 else "asserted",
            evidence=(Evidence(doc, text, start, start + len(text), extractor="bench"),),
        ))
    return out


def build_store(path: Path, n: int) -> None:
    """Fill a fresh store quickly (bulk load, then flush)."""
    from pharmgraph.rdf import group_by_document, oxigraph_quads
    from pharmgraph.store import OxigraphStore

    store = OxigraphStore(path)
    store.bulk_add(q for doc, stmts in group_by_document(generate(n)).items() for q in oxigraph_quads(doc, stmts))
    store.close()


def queries(rng: random.Random) -> tuple[str, str, dict, dict]:
    """One request of the mix: (kind, method, params or form, headers)."""
    d, t, doc = rng.randrange(2000), rng.randrange(800), rng.randrange(200)
    drug, target = f"<{ENTITY}drug{d}>", f"<{ENTITY}target{t}>"
    mix = [
        ("drugs_blocking", f"SELECT DISTINCT ?drug ?label WHERE {{ ?drug pg:blocks {target} ; rdfs:label ?label }}", {}),
        ("drug_evidence",
         f"""SELECT ?p ?target ?sentence ?doc WHERE {{ ?st rdf:subject {drug} ; rdf:predicate ?p ;
             rdf:object ?target ; pg:negated false ; pg:hasEvidence ?ev .
             ?ev pg:sentence ?sentence ; prov:wasDerivedFrom ?doc }} LIMIT 50""", {}),
        ("shared_targets",
         f"""SELECT ?other (COUNT(DISTINCT ?t) AS ?shared) WHERE {{
             {drug} ?p ?t . ?other ?q ?t . ?other a pg:Drug .
             FILTER(?other != {drug} && ?p IN (pg:inhibits, pg:blocks, pg:binds) && ?q IN (pg:inhibits, pg:blocks, pg:binds))
             }} GROUP BY ?other ORDER BY DESC(?shared) ?other LIMIT 20""", {}),
        ("negated_ask", f"ASK {{ ?st rdf:subject {drug} ; pg:negated true }}", {}),
        ("document_count",
         f"""SELECT (COUNT(?st) AS ?n) WHERE {{ GRAPH <https://w3id.org/pharmgraph/document/doc{doc}.txt>
             {{ ?st a pg:Statement }} }}""", {}),
        ("label_lookup", f'SELECT ?e ?type WHERE {{ ?e skos:altLabel "D-{d}" ; a ?type }}', {}),
        ("construct", f"CONSTRUCT {{ {drug} ?p ?o }} WHERE {{ {drug} ?p ?o }}", {"Accept": "text/turtle"}),
        ("csv_targets", f"SELECT DISTINCT ?t WHERE {{ {drug} pg:inhibits|pg:blocks ?t }}", {"Accept": "text/csv"}),
    ]
    kind, query, headers = rng.choice(mix)
    style = rng.choice(["get", "form", "direct"])
    return kind, style, {"query": query}, headers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(store: Path, port: int, workers: int | None, log) -> subprocess.Popen:
    command = [sys.executable, "-m", "pharmgraph.cli", "--store", str(store), "serve", "--host", "127.0.0.1",
               "--port", str(port), "--no-access-log", "--timeout", "30"]
    if workers:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    end = time.monotonic() + 90
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError("the server exited before it was ready")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/sparql", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start in 90 s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_load(endpoint: str, clients: int, total: int, wall_limit: float, seed: int = 3) -> dict:
    """Send ``total`` requests from ``clients`` threads; stop early at ``wall_limit`` seconds."""
    lock = threading.Lock()
    issued = 0
    results: list[tuple[str, float, int | str]] = []
    deadline = time.monotonic() + wall_limit

    def client(index: int) -> None:
        nonlocal issued
        rng = random.Random(seed * 1000 + index)
        with httpx.Client(timeout=60) as http:
            while time.monotonic() < deadline:
                with lock:
                    if issued >= total:
                        return
                    issued += 1
                kind, style, params, headers = queries(rng)
                began = time.perf_counter()
                try:
                    if style == "get":
                        response = http.get(endpoint, params=params, headers=headers)
                    elif style == "form":
                        response = http.post(endpoint, data=params, headers=headers)
                    else:
                        response = http.post(endpoint, content=params["query"].encode(),
                                             headers={**headers, "Content-Type": "application/sparql-query"})
                    _ = response.content
                    outcome: int | str = response.status_code
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
                elapsed = time.perf_counter() - began
                with lock:
                    results.append((kind, elapsed, outcome))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0) + 70)
    wall = time.perf_counter() - began
    latencies = sorted(r[1] for r in results)
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, elapsed, _ in results:
        by_kind[kind].append(elapsed)
    statuses = Counter(r[2] for r in results)

    def pct(values: list[float], p: float) -> float:
        values = sorted(values)
        return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000 if values else float("nan")

    return {
        "requests": len(results),
        "wall_s": round(wall, 2),
        "throughput_qps": round(len(results) / wall, 1) if wall else 0.0,
        "p50_ms": round(pct(latencies, 50), 1),
        "p90_ms": round(pct(latencies, 90), 1),
        "p99_ms": round(pct(latencies, 99), 1),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "errors": sum(n for status, n in statuses.items() if status != 200),
        "statuses": {str(k): v for k, v in statuses.items()},
        "p50_ms_by_kind": {k: round(pct(v, 50), 1) for k, v in sorted(by_kind.items())},
        "stopped_by_time_limit": len(results) < total,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--workers", type=int, default=None, help="server query workers (default: the server's)")
    parser.add_argument("--wall-limit", type=float, default=300.0, help="stop sending after this many seconds")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pharmgraph-load-") as tmp:
        store = Path(tmp) / "store"
        began = time.perf_counter()
        build_store(store, args.statements)
        build_s = time.perf_counter() - began
        port = free_port()
        with open(Path(tmp) / "server.log", "wb") as log:
            process = start_server(store, port, args.workers, log)
            try:
                figures = run_load(f"http://127.0.0.1:{port}/sparql", args.clients, args.queries, args.wall_limit)
            finally:
                stop_server(process)
        figures.update(statements=args.statements, clients=args.clients, store_build_s=round(build_s, 1),
                       cpus=os.cpu_count())
        if figures["errors"]:
            figures["server_log_tail"] = (Path(tmp) / "server.log").read_text(errors="replace")[-2000:]
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['requests']} queries from {args.clients} clients in {figures['wall_s']} s "
              f"({args.statements:,} statements, {figures['cpus']} CPUs)")
        print(f"throughput {figures['throughput_qps']} queries/s; latency p50 {figures['p50_ms']} ms, "
              f"p90 {figures['p90_ms']} ms, p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms")
        print(f"errors {figures['errors']}  statuses {figures['statuses']}")
        print("p50 by query: " + ", ".join(f"{k} {v} ms" for k, v in figures["p50_ms_by_kind"].items()))
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
