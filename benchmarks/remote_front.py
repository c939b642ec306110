"""Latency of ``pharmgraph serve`` in front of a remote SPARQL server, beside the baselines.

Generates statements (drugs acting on targets, each with a sentence of evidence, spread over
documents), ingests them into an embedded store and into each remote engine (``oxigraph
serve`` and, when installed, Virtuoso 7), then times, in one run:

* a simple SELECT sent straight to the remote endpoint (the baseline for the front);
* the same SELECT through ``pharmgraph --store URL serve`` (checks, forwarding, parsing back,
  re-serialising);
* the same SELECT through ``pharmgraph serve`` on the embedded store;
* an entity page through the front and through the embedded server;
* the front's start-up (the label index read in pages from the remote).

Each figure is the median (p50) and 95th percentile of ``--repeat`` sequential requests over
one kept-alive connection.

Usage::

    python benchmarks/remote_front.py                 # 2,000 statements, 200 requests each
    python benchmarks/remote_front.py --statements 20000 --repeat 500
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import SparqlEndpointStore, open_store

from engines import free_port, oxigraph_server, virtuoso_server

QUERY = "SELECT ?d ?t WHERE { ?d pg:blocks ?t } LIMIT 10"
PREFIXED = "PREFIX pg: <https://w3id.org/pharmgraph/ontology#>\n" + QUERY
ACCEPT = {"Accept": "application/sparql-results+json"}


def generate(n: int, seed: int = 7) -> list[Statement]:
    """``n`` statements over about n/10 documents, drugs and targets."""
    rng = random.Random(seed)
    drugs = [Entity(f"pharmgraph:drug{i}", f"drug {i}", "Drug") for i in range(max(2, n // 10))]
    targets = [Entity(f"pharmgraph:target{i}", f"target {i}", "Protein") for i in range(max(2, n // 20))]
    out = []
    for i in range(n):
        drug, target = rng.choice(drugs), rng.choice(targets)
        doc = f"doc{i % max(1, n // 10)}.txt"
        out.append(Statement(drug, rng.choice(["blocks", "inhibits", "binds"]), target,
                             evidence=(Evidence(doc, f"Sentence {i} about {drug.label}.", 0, 20, extractor="bench"),)))
    return out


def serve(store: str, timeout: float = 120.0) -> tuple[subprocess.Popen, str, float]:
    """Start ``pharmgraph serve``; return the process, its URL and the seconds to readiness."""
    port = free_port()
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "pharmgraph.cli", "--store", store, "serve", "--port", str(port), "--no-access-log"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    url = f"http://127.0.0.1:{port}"
    while time.monotonic() - began < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"pharmgraph serve {store} exited early")
        try:
            if httpx.get(url + "/sparql", timeout=2).status_code == 200:
                return process, url, time.monotonic() - began
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"pharmgraph serve {store} did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def timed(repeat: int, call) -> str:
    """p50 and p95 of ``repeat`` calls, in milliseconds (after five warm-up calls)."""
    for _ in range(5):
        call()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return f"p50 {statistics.median(times):6.2f} ms  p95 {times[int(0.95 * (len(times) - 1))]:6.2f} ms"


def check(response: httpx.Response) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {response.text[:200]}")


def measure(name: str, endpoint: str, baseline_url: str, repeat: int) -> None:
    """Time the remote directly, through a front, and the embedded baseline."""
    front, front_url, started = serve(endpoint)
    try:
        with httpx.Client(timeout=30) as client:
            print(f"{name}: front ready in {started:.1f} s (label index read from the remote)")
            print(f"  SELECT straight to {name:20s} {timed(repeat, lambda: check(client.post(endpoint, data={'query': PREFIXED}, headers=ACCEPT)))}")
            print(f"  SELECT through the front          {timed(repeat, lambda: check(client.get(front_url + '/sparql', params={'query': QUERY}, headers=ACCEPT)))}")
            print(f"  SELECT embedded pharmgraph serve  {timed(repeat, lambda: check(client.get(baseline_url + '/sparql', params={'query': QUERY}, headers=ACCEPT)))}")
            page = "/entity/pharmgraph:drug1"
            print(f"  entity page through the front     {timed(max(20, repeat // 4), lambda: check(client.get(front_url + page)))}")
            print(f"  entity page embedded              {timed(max(20, repeat // 4), lambda: check(client.get(baseline_url + page)))}")
    finally:
        stop(front)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    statements = generate(args.statements)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        embedded = open_store(root / "embedded")
        embedded.ingest(statements)
        embedded.close()
        baseline, baseline_url, started = serve(str(root / "embedded"))
        print(f"{args.statements} statements; embedded server ready in {started:.1f} s; "
              f"{args.repeat} sequential requests per figure, one kept-alive connection")
        try:
            (root / "oxigraph").mkdir()
            with oxigraph_server(root / "oxigraph") as url:
                SparqlEndpointStore(url).ingest(statements)
                measure("oxigraph serve", url, baseline_url, args.repeat)
            (root / "virtuoso").mkdir()
            try:
                with virtuoso_server(root / "virtuoso") as url:
                    SparqlEndpointStore(url, url).ingest(statements)
                    measure("Virtuoso 7", url, baseline_url, args.repeat)
            except BaseException as exc:  # pytest.skip outside pytest: Virtuoso is not installed
                if type(exc).__name__ != "Skipped":
                    raise
                print("Virtuoso is not installed; skipped.")
        finally:
            stop(baseline)


if __name__ == "__main__":
    main()
