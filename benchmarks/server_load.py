"""Load test of `pharmgraph serve`: 50 browsing clients, with and without 2 costly clients.

1. Builds (or reuses) a store of at least 1,000 abstracts read through the real pipeline
   (``pharmgraph ingest``): the BC5CDR training abstracts (PubTator) and the ChemProt
   training abstracts (written to a temporary PubTator file first). Cached in ``--cache``.
2. Measures the label index alone at the scale of 100,000 documents (synthetic names, as
   many as such a store would hold): build time and per-query p50/p99.
3. Starts the real server on 127.0.0.1 and runs, for ``--duration`` seconds each:

   * baseline: ``--clients`` clients (each from its own loopback address 127.0.0.x, so the
     per-client admission sees them apart) that loop over pages (home, entity, document),
     searches (prefixes, substrings, misspellings) and small SPARQL queries, with 0.2-1 s
     of think time between requests;
   * loaded: the same, plus ``--costly`` clients looping costly queries (a cross product
     that runs into the time limit, and the old union-of-labels search query).

Prints, for both runs, the success rate and p50/p99 of the cheap requests, and /search p99.

Usage: nice python benchmarks/server_load.py [--duration 60] [--clients 50] [--costly 2]
                                             [--cache DIR] [--json]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import random
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "corpora"
BC5CDR = SHARED / "bc5cdr" / "CDR_TrainingSet.PubTator.txt"
CHEMPROT = SHARED / "chemprot" / "chemprot_training" / "chemprot_training_abstracts.tsv"

CHEAP_QUERIES = [
    "SELECT ?d ?t WHERE {{ ?d pg:blocks ?t }} LIMIT 20",
    "SELECT ?s ?p ?o WHERE {{ ?s ?p ?o . ?s pg:curie \"{curie}\" }} LIMIT 50",
    "ASK {{ ?s pg:curie \"{curie}\" }}",
    "SELECT ?label WHERE {{ ?e pg:curie \"{curie}\" ; rdfs:label ?label }}",
]
COSTLY_QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
    """SELECT ?e (SAMPLE(?c) AS ?curie) (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } UNION { ?e pg:curie ?name }
  FILTER(CONTAINS(LCASE(STR(?name)), "zzqx"))
  ?e pg:curie ?c . OPTIONAL { ?e rdfs:label ?l }
  OPTIONAL { ?e a ?type_iri . BIND(STRAFTER(STR(?type_iri), "#") AS ?t) }
} GROUP BY ?e""",
]


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pharmgraph.cli", *args], **kwargs)


def build_store(cache: Path) -> Path:
    """Ingest the BC5CDR and ChemProt training abstracts (once) into ``cache/store``."""
    store = cache / "store"
    if (store / "CURRENT").exists():
        return store
    cache.mkdir(parents=True, exist_ok=True)
    if not BC5CDR.exists() or not CHEMPROT.exists():
        sys.exit(f"the corpora are not at {SHARED}")
    chemprot = cache / "chemprot_training.pubtator.txt"
    with CHEMPROT.open(encoding="utf-8") as source, chemprot.open("w", encoding="utf-8") as out:
        for line in source:
            pmid, title, abstract = line.rstrip("\n").split("\t")[:3]
            out.write(f"{pmid}|t|{title}\n{pmid}|a|{abstract}\n\n")
    began = time.monotonic()
    done = cli("--store", str(store), "ingest", str(BC5CDR), str(chemprot), capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    print(f"built the store in {time.monotonic() - began:.0f} s: {done.stdout.strip().splitlines()[-1]}",
          file=sys.stderr)
    return store


def index_at_scale(documents: int = 100_000, seed: int = 3) -> dict:
    """Build a label index with the names a store of ``documents`` abstracts would hold."""
    from pharmgraph.server.label_index import LabelIndex

    rng = random.Random(seed)
    syllables = ["ami", "bro", "cal", "dex", "eno", "fla", "gli", "hex", "ido", "lam", "met", "nor",
                 "oxa", "pra", "quin", "ris", "sul", "tri", "val", "zol", "ine", "ate", "one", "ide"]
    entities = documents * 3 // 2  # generous: distinct entities grow slower than documents
    index = LabelIndex()
    labels = []
    for i in range(entities):
        label = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 5)))
        if rng.random() < 0.3:
            label += " " + rng.choice(["receptor", "channel", "kinase", "toxicity", "syndrome"])
        labels.append(label)
        synonyms = [label.upper()[:6] + str(i % 97)] if rng.random() < 0.5 else []
        index.add(f"https://e/{i}", f"pharmgraph:e{i}", label, "Drug", synonyms)
    began = time.perf_counter()
    index.finish()
    build = time.perf_counter() - began
    times = []
    for _ in range(400):
        label = rng.choice(labels)
        kind = rng.random()
        if kind < 0.4:
            q = label[: rng.randint(2, 6)]
        elif kind < 0.7:
            start = rng.randint(0, max(0, len(label) - 5))
            q = label[start:start + 5]
        else:
            chars = list(label)
            chars[rng.randrange(len(chars))] = rng.choice(string.ascii_lowercase)
            q = "".join(chars)
        t = time.perf_counter()
        index.search(q, limit=100)
        times.append(time.perf_counter() - t)
    times.sort()
    return {"documents": documents, "entities": len(index), "names": index.names, "build_s": round(build, 1),
            "query_p50_ms": round(1000 * times[len(times) // 2], 2),
            "query_p99_ms": round(1000 * times[int(len(times) * 0.99)], 2)}


def project_queries() -> list[str]:
    """SPARQL texts written in the package itself (string constants holding a query form)."""
    import ast

    found = []
    for path in (ROOT / "src" / "pharmgraph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.replace("%E%", "<http://e/x>").replace("%OTHERS%", "<http://e/x>")
                head = text.lstrip().split(None, 1)[0].upper() if text.strip() else ""
                if head in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX") and "{" in text:
                    found.append(text)
    return found


def guard_cost() -> dict:
    """Per-query cost of the two guard layers, and refusals among the project's own queries."""
    from pharmgraph.errors import QueryError
    from pharmgraph.sparql_guard import check_query, check_tokens

    queries = project_queries()
    check_query(queries[0])  # import and warm up rdflib's parser
    cheap, strict, refused = [], [], []
    for query in queries:
        t = time.perf_counter()
        try:
            check_tokens(query)
        except QueryError:
            refused.append(("tokens", query[:60]))
        cheap.append(time.perf_counter() - t)
        t = time.perf_counter()
        try:
            check_query(query)
        except QueryError as exc:
            refused.append((str(exc)[:80], query[:60]))
        strict.append(time.perf_counter() - t)
    # A refused text is a false positive only if Oxigraph reads it as a query (templates and
    # fragments that are completed at run time are not queries yet).
    import pyoxigraph

    from pharmgraph.rdf import PREFIXES

    false_positives = []
    for reason, query in refused:
        whole = next(q for q in queries if q.startswith(query))
        try:
            pyoxigraph.Store().query(whole, prefixes=PREFIXES)
        except SyntaxError:
            continue
        false_positives.append((reason, query))
    return {"queries": len(queries), "fragments_skipped": len(refused) - len(false_positives),
            "false_positives": false_positives,
            "tokens_median_ms": round(1000 * statistics.median(cheap), 3),
            "tokens_max_ms": round(1000 * max(cheap), 3),
            "strict_median_ms": round(1000 * statistics.median(strict), 1),
            "strict_max_ms": round(1000 * max(strict), 1)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(store: Path, port: int, timeout: float, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "pharmgraph.cli", "--store", str(store), "serve", "--port", str(port),
         "--no-access-log", "--timeout", str(timeout), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 180
    while time.monotonic() < end:
        if process.poll() is not None:
            sys.exit(process.stderr.read()[-2000:])
        try:
            if httpx.get(url + "/sparql", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    sys.exit("the server did not start")


def sample(url: str) -> dict:
    """Entities (CURIE, label) and document names to ask for."""
    query = "SELECT DISTINCT ?c ?l WHERE { ?e pg:curie ?c ; rdfs:label ?l } LIMIT 3000"
    rows = httpx.get(url + "/sparql", params={"query": query, "format": "json"}, timeout=60).json()
    entities = [(b["c"]["value"], b["l"]["value"]) for b in rows["results"]["bindings"]]
    query = "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?g a pg:Document ; rdfs:label ?l } } LIMIT 2000"
    rows = httpx.get(url + "/sparql", params={"query": query, "format": "json"}, timeout=60).json()
    documents = [b["l"]["value"] for b in rows["results"]["bindings"]]
    return {"entities": entities, "documents": documents}


def browse(url: str, address: str, data: dict, stop: float, seed: int, results: list) -> None:
    """One browsing client: pages, searches and small queries, with think time."""
    rng = random.Random(seed)
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=url, transport=transport, timeout=30) as client:
        while time.monotonic() < stop:
            curie, label = rng.choice(data["entities"])
            kind = rng.choices(["home", "entity", "document", "search", "query"], [1, 3, 2, 3, 2])[0]
            params = None
            if kind == "home":
                path = "/"
            elif kind == "entity":
                path = "/entity/" + quote(curie, safe=":")
            elif kind == "document":
                path = "/document/" + quote(rng.choice(data["documents"]), safe="")
            elif kind == "search":
                word = label.lower()
                if rng.random() < 0.3 and len(word) > 4:
                    i = rng.randrange(len(word))
                    word = word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1:]
                else:
                    word = word[: rng.randint(3, max(3, len(word)))]
                path, params = "/search", {"q": word}
            else:
                query = rng.choice(CHEAP_QUERIES).format(curie=curie.replace('"', ""))
                path, params = "/sparql", {"query": query, "format": "json"}
            began = time.monotonic()
            try:
                ok = client.get(path, params=params).status_code == 200
            except httpx.HTTPError:
                ok = False
            results.append((kind, ok, time.monotonic() - began))
            time.sleep(rng.uniform(0.2, 1.0))


def costly(url: str, address: str, stop: float, seed: int, results: list) -> None:
    """One client looping costly queries, back to back (it honours Retry-After, up to 2 s)."""
    rng = random.Random(seed)
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=url, transport=transport, timeout=60) as client:
        while time.monotonic() < stop:
            began = time.monotonic()
            try:
                response = client.get("/sparql", params={"query": rng.choice(COSTLY_QUERIES)})
                status = response.status_code
                if status == 503 and response.headers.get("retry-after"):
                    time.sleep(min(float(response.headers["retry-after"]), 2))
            except httpx.HTTPError:
                status = 0
            results.append(("costly", status, time.monotonic() - began))


def _group_entry(url: str, data: dict, members: list, stop_wall: float) -> tuple[list, list]:
    stop = time.monotonic() + max(0.0, stop_wall - time.time())
    return client_group(url, data, members, stop)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def client_group(url: str, data: dict, members: list[tuple[str, str, int]], stop: float) -> tuple[list, list]:
    """Run some clients as threads of one process (the load is spread over processes, so
    the clients' own interpreter lock does not add to the latencies measured)."""
    results: list = []
    heavy: list = []
    threads = []
    for kind, address, seed in members:
        if kind == "costly":
            threads.append(threading.Thread(target=costly, args=(url, address, stop, seed, heavy)))
        else:
            threads.append(threading.Thread(target=browse, args=(url, address, data, stop, seed, results)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, heavy


def run(url: str, data: dict, clients: int, costly_clients: int, duration: float, processes: int = 5) -> dict:
    """Run the clients for ``duration`` seconds; summarise the cheap requests."""
    members = [("costly", f"127.0.1.{10 + i}", 1000 + i) for i in range(costly_clients)]
    members += [("browse", f"127.0.0.{10 + i}", i) for i in range(clients)]
    groups = [members[i::processes] for i in range(processes)]
    stop_in = time.time() + duration + 2  # a wall-clock end the processes share (2 s to start)
    with concurrent.futures.ProcessPoolExecutor(processes) as pool:
        futures = [pool.submit(_group_entry, url, data, group, stop_in) for group in groups if group]
        outcomes = [f.result() for f in futures]
    results = [r for rs, _ in outcomes for r in rs]
    heavy = [h for _, hs in outcomes for h in hs]
    by_kind = defaultdict(list)
    for kind, ok, seconds in results:
        by_kind[kind].append((ok, seconds))
    times = [s for _, ok, s in results if ok]
    summary = {
        "requests": len(results),
        "success_rate": round(sum(ok for _, ok, _ in results) / max(1, len(results)), 4),
        "p50_ms": round(1000 * percentile(times, 0.5), 1),
        "p99_ms": round(1000 * percentile(times, 0.99), 1),
        "search_p99_ms": round(1000 * percentile([s for ok, s in by_kind["search"] if ok], 0.99), 1),
        "by_kind": {k: {"n": len(v), "ok": round(sum(o for o, _ in v) / len(v), 4),
                        "p50_ms": round(1000 * percentile([s for o, s in v if o], 0.5), 1),
                        "p99_ms": round(1000 * percentile([s for o, s in v if o], 0.99), 1)}
                    for k, v in sorted(by_kind.items())},
    }
    if costly_clients:
        statuses: dict[str, int] = defaultdict(int)
        for _, status, _ in heavy:
            statuses[str(status)] += 1
        summary["costly"] = {"requests": len(heavy), "statuses": dict(statuses),
                             "median_s": round(statistics.median([s for *_, s in heavy]), 2) if heavy else None}
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--costly", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's query time limit")
    parser.add_argument("--workers", type=int, default=4, help="query workers")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "pharmgraph-server-load")
    parser.add_argument("--skip-index", action="store_true", help="skip the 100,000-document index test")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    store = build_store(args.cache)
    report: dict = {"store": str(store)}
    report["guard"] = guard_cost()
    if not args.skip_index:
        report["index_at_100k_documents"] = index_at_scale()
    port = free_port()
    server = start_server(store, port, args.timeout, args.workers)
    url = f"http://127.0.0.1:{port}"
    try:
        data = sample(url)
        report["store_entities_sampled"] = len(data["entities"])
        report["store_documents_sampled"] = len(data["documents"])
        report["baseline"] = run(url, data, args.clients, 0, args.duration)
        report["with_costly_clients"] = run(url, data, args.clients, args.costly, args.duration)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"store: {store} ({report['store_documents_sampled']} documents sampled)")
    print("guard:", report["guard"])
    if "index_at_100k_documents" in report:
        print("label index at 100,000 documents:", report["index_at_100k_documents"])
    for name in ("baseline", "with_costly_clients"):
        r = report[name]
        print(f"{name}: {r['requests']} cheap requests, success {100 * r['success_rate']:.2f}%, "
              f"p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, /search p99 {r['search_p99_ms']} ms")
        for kind, k in r["by_kind"].items():
            print(f"    {kind:9s} n={k['n']:5d} ok={100 * k['ok']:.2f}% p50={k['p50_ms']} ms p99={k['p99_ms']} ms")
        if "costly" in r:
            print("    costly:", r["costly"])


if __name__ == "__main__":
    main()
