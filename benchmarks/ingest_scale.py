"""``pharmgraph ingest`` of Hetionet-shaped JSON Lines at growing sizes, beside the old path.

Hetionet's SIF edges (``../shared/corpora/hetionet``) become statements as
``benchmarks/hetionet_scale.py`` makes them (one database record each, source
``infores:hetionet``, 10,000 to a document), written to one JSON Lines file per size:
``--fractions`` of the SIF edges, and with ``--generated N`` all of them plus N generated
statements of the same shape (each SIF edge again with its ends replaced by random nodes of
the same kinds, under new record ids). Each file is then ingested by the ``pharmgraph ingest``
command in a fresh process, into a fresh store, and the wall time, CPU time (all threads)
and peak memory of that process are printed.

Beside it, in the same run:

* **old**: the same command run by the code of commit ``--old-commit`` (before RDF model 2
  and the bulk path: model 1, schema-checked reading, transactional writes), extracted with
  ``git archive`` into a temporary folder, for the sizes in ``--old`` (it is slow: 143 s at
  10 %);
* **parts**: on a sample of ``--sample`` statements, the cost per statement of each step,
  new beside old: reading (``read_jsonl`` with the schema check against the fast check),
  generating (model 1 pyoxigraph quads against model 2 N-Quads text) and loading
  (transactional ``Store.extend`` against ``Store.bulk_load``);
* **queries**: with ``--queries``, ``benchmarks/hetionet_scale.py --store <largest store>
  --no-baseline`` on the store just built (shared-targets, path, view, stats).

The load average is printed at the start and the end: on a shared machine every figure is a
loaded one, and the old path measured in the same run is the baseline.

Usage::

    nice .venv/bin/python benchmarks/ingest_scale.py                          # 10 % and 30 %
    nice .venv/bin/python benchmarks/ingest_scale.py --fractions 0.1,0.3,1 --generated 2250000
    nice .venv/bin/python benchmarks/ingest_scale.py --fractions 0.1 --old 0.1 --queries
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import hetionet_scale  # noqa: E402

SHARED = hetionet_scale.SHARED
OLD_COMMIT = "f7d6665"
"""The last commit before RDF model 2 and the bulk path."""


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def generated(count: int, seed: int = 11):
    """Yield ``count`` statements shaped like Hetionet's: each SIF edge again (cycling), its
    ends replaced by random nodes of the same kinds, under new record ids."""
    import gzip

    from pharmgraph.model import Evidence, Statement

    nodes = hetionet_scale.read_nodes(SHARED)
    by_kind: dict[str, list] = {}
    for node, entity in nodes.items():
        by_kind.setdefault(node.split("::", 1)[0], []).append(entity)
    rng = random.Random(seed)
    path = SHARED / "hetionet-v1.0-edges.18-of-24-metaedges.sif.gz"
    made = 0
    while made < count:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            next(handle)
            for line in handle:
                source, metaedge, target = line.rstrip("\n").split("\t")
                predicate, flip = hetionet_scale.METAEDGES[metaedge]
                s = rng.choice(by_kind[source.split("::", 1)[0]])
                o = rng.choice(by_kind[target.split("::", 1)[0]])
                if flip:
                    s, o = o, s
                document = f"generated/part-{made // 10_000:04d}"
                yield Statement(s, predicate, o, evidence=(Evidence(
                    document, "", source="infores:hetionet", record=f"gen{made}:{metaedge}",
                    source_version="1.0", knowledge_level="knowledge_assertion"),))
                made += 1
                if made >= count:
                    return


def write_input(folder: Path, fraction: float, extra: int) -> tuple[Path, int]:
    """Write the JSON Lines file of one size; return it and its number of lines."""
    name = f"hetionet-{fraction:g}" + (f"+{extra}" if extra else "") + ".jsonl"
    path = folder / name
    counted = path.with_suffix(".count")
    if path.exists() and counted.exists():  # kept in a --folder by an earlier run
        return path, int(counted.read_text())
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        stream = hetionet_scale.statements(SHARED, fraction, 10_000)
        if extra:
            stream = itertools.chain(stream, generated(extra))
        for stmt in stream:
            handle.write(stmt.to_json() + "\n")
            count += 1
    counted.write_text(str(count))
    return path, count


def _popen_usage(command: list[str], env: dict, cwd: Path) -> tuple[int, object, bytes, bytes, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage, out, err, time.perf_counter() - start


def run_ingest(store: Path, path: Path, pythonpath: str | None = None) -> dict:
    """Like :func:`ingest`, with the child's own resource usage (``os.wait4``)."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    code, usage, out, err, wall = _popen_usage(
        [sys.executable, "-m", "pharmgraph.cli", "--store", str(store), "ingest", str(path), "--format", "json"],
        env, path.parent)
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
              "ok": code == 0}
    try:
        result["summary"] = json.loads(out)["summary"]
    except ValueError:
        result["summary"] = {}
        result["error"] = (out.decode()[-300:] + err.decode()[-500:]).strip()
    return result


def store_facts(store: Path, pythonpath: str | None = None) -> dict:
    """Quads, statements and bytes on disk of a store (read in a fresh process)."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    code = ("import json,sys,pyoxigraph as ox; s=ox.Store.read_only(sys.argv[1]); "
            "n=len(s); st=next(iter(s.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s "
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?o } }')))[0].value; "
            "print(json.dumps({'quads': n, 'statements': int(st)}))")
    done = subprocess.run([sys.executable, "-c", code, str(store)], capture_output=True, text=True, env=env)
    facts = json.loads(done.stdout) if done.returncode == 0 else {"quads": 0, "statements": 0}
    facts["mb"] = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 1e6
    return facts


def old_code(commit: str, folder: Path) -> Path:
    """Extract ``src`` of an older commit (read-only ``git archive``); return its src path."""
    target = folder / f"old-{commit}"
    target.mkdir(exist_ok=True)
    archive = subprocess.run(["git", "archive", commit, "src"], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def parts(sample: int, folder: Path) -> None:
    """Cost per statement of reading, generating and loading, old beside new."""
    import pyoxigraph as ox

    from pharmgraph.model import parse_statement_line, read_jsonl, statement_from_line, write_jsonl
    from pharmgraph.rdf import group_by_document, nquads_lines, oxigraph_quads

    statements = list(itertools.islice(hetionet_scale.statements(SHARED, min(1.0, 1.2 * sample / 770_182), 10_000), sample))
    path = folder / "sample.jsonl"
    write_jsonl(statements, path)
    lines = [line for line in path.read_text("utf-8").splitlines() if line]
    n = len(lines)

    def per(seconds: float, count: int = n) -> str:
        return f"{1e6 * seconds / count:7.1f} us/st"

    def clock(function) -> float:
        start = time.process_time()
        function()
        return time.process_time() - start

    print(f"\nparts, on {n:,} statements (CPU of this process; the bulk loader's threads included)")
    strict = clock(lambda: [parse_statement_line(line, "x") for line in lines])
    fast = clock(lambda: [statement_from_line(line, "x") for line in lines])
    print(f"  read a line: schema-checked (old) {per(strict)}   fast check (new) {per(fast)}   {strict / fast:5.1f}x")
    assert list(read_jsonl(path)) == [statement_from_line(line, "x") for line in lines]
    groups = group_by_document(statements)
    old_quads: list = []
    generate_old = clock(lambda: [old_quads.extend(oxigraph_quads(d, s, version=1)) for d, s in groups.items()])
    text: list = []
    generate_new = clock(lambda: [text.extend(nquads_lines(d, s)) for d, s in groups.items()])
    print(f"  generate: model 1 pyoxigraph quads {per(generate_old)} ({len(old_quads) / n:.1f} quads/st)   "
          f"model 2 N-Quads text {per(generate_new)} ({len(text) / n:.1f} quads/st)")
    from pharmgraph.grounding import default_grounder
    from pharmgraph.record_lines import RecordLines, document_lines

    grounder = default_grounder()
    grounded_read = clock(lambda: [grounder.statement(statement_from_line(line, "x")) for line in lines])
    reader = RecordLines(grounder)
    records: list = []
    record_read = clock(lambda: records.extend(reader.read(line) for line in lines))
    general = sum(r is None for r in records)  # treats (its object is checked) and the like
    by_doc: dict = {}
    for record in records:
        if record is not None:
            by_doc.setdefault(record.document, []).append(record)
    record_text: list = []
    record_write = clock(lambda: [record_text.extend(document_lines(d, r)) for d, r in by_doc.items()])
    print(f"  records (bulk path now): read and ground {per(record_read)} (fast check and grounder "
          f"{per(grounded_read)})   write {per(record_write)} ({len(record_text) / n:.1f} quads/st, "
          f"entities described apart; {general} lines left to the general path)")
    data = "".join(text).encode("utf-8")
    old_store = ox.Store(str(folder / "parts-old"))
    new_store = ox.Store(str(folder / "parts-new"))
    wall = time.perf_counter()
    load_old = clock(lambda: old_store.extend(old_quads))
    wall_old = time.perf_counter() - wall
    wall = time.perf_counter()
    load_new = clock(lambda: new_store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS))
    wall_new = time.perf_counter() - wall
    print(f"  load: model 1 quads, Store.extend (transaction) {per(load_old)} CPU, {per(wall_old)} wall   "
          f"model 2 text, Store.bulk_load {per(load_new)} CPU, {per(wall_new)} wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fractions", default="0.1,0.3", help="fractions of the SIF edges, comma-separated")
    parser.add_argument("--generated", type=int, default=0,
                        help="with a fraction of 1: add this many generated statements (2250000 for the issue's 3.05 M)")
    parser.add_argument("--old", default="0.1", help="fractions also ingested by the old code ('' for none)")
    parser.add_argument("--old-commit", default=OLD_COMMIT)
    parser.add_argument("--sample", type=int, default=20_000, help="statements of the parts measurement (0: skip)")
    parser.add_argument("--queries", action="store_true", help="run hetionet_scale.py on the largest store")
    parser.add_argument("--folder", type=Path,
                        help="work folder (kept, inputs reused by the next run); default a temporary one")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent")
    folder = args.folder or Path(tempfile.mkdtemp(prefix="pg-ingest-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average at the start: {load()} (2 cores); work folder {folder}")
    fractions = [float(f) for f in args.fractions.split(",") if f]
    old = {float(f) for f in args.old.split(",") if f}
    old_src = old_code(args.old_commit, folder) if old else None
    print(f"\n{'input':<28} {'code':<5} {'statements':>10} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} "
          f"{'us/st wall':>10} {'us/st CPU':>9} {'quads/st':>8} {'MB':>7}")
    largest = None
    per_statement: list[tuple[int, float]] = []
    for fraction in fractions:
        extra = args.generated if fraction >= 1 else 0
        path, lines = write_input(folder, fraction, extra)
        runs = [("new", None)] + ([("old", str(old_src))] if fraction in old else [])
        for label, pythonpath in runs:
            store = folder / f"store-{label}-{path.stem}"
            shutil.rmtree(store, ignore_errors=True)
            result = run_ingest(store, path, pythonpath)
            facts = store_facts(store, pythonpath)
            stored = result["summary"].get("statements", 0)
            print(f"{path.name:<28} {label:<5} {stored:>10,} {result['wall']:>8.1f} {result['cpu']:>8.1f} "
                  f"{result['peak_mb']:>8.0f} {1e6 * result['wall'] / max(lines, 1):>10.1f} "
                  f"{1e6 * result['cpu'] / max(lines, 1):>9.1f} {facts['quads'] / max(facts['statements'], 1):>8.2f} "
                  f"{facts['mb']:>7.0f}" + ("" if result["ok"] else f"  FAILED {result.get('error', '')[:200]}"),
                  flush=True)
            if label == "new":
                largest = store
                per_statement.append((lines, result["wall"]))
            elif label == "old":
                shutil.rmtree(store, ignore_errors=True)
        if args.folder is None:
            path.unlink()
    if len(per_statement) > 1:
        base_lines, base_wall = per_statement[0]
        growth = ", ".join(f"{lines / base_lines:.1f}x data -> {wall / base_wall:.1f}x time"
                           for lines, wall in per_statement[1:])
        print(f"\nlinearity (new code, wall time against the smallest input): {growth}")
    if args.sample:
        # Last: a child's peak memory (wait4) starts from this process's size when it forks.
        parts(args.sample, folder)
    print(f"load average at the end: {load()}")
    if args.queries and largest is not None:
        print(f"\nqueries on {largest.name} (benchmarks/hetionet_scale.py --no-baseline):", flush=True)
        subprocess.run([sys.executable, str(HERE / "hetionet_scale.py"), "--store", str(largest), "--no-baseline"],
                       check=False)
    if args.folder is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
