"""Import time and peak memory for Hetionet and DrugMechDB, beside a plain-triples baseline.

Each measurement runs in a child process of its own (so each peak RSS is its own), into a
fresh on-disk store in a temporary folder:

* ``hetionet``: ``pharmgraph.sources.hetionet.import_source`` on every SIF file in
  ``../shared/corpora/hetionet`` (default metaedges; ``--metaedges all`` adds gene-gene);
* ``drugmechdb``: ``pharmgraph.sources.drugmechdb.import_source`` on the JSON paths;
* ``*-baseline``: the same facts as plain ``subject predicate object`` triples (no statement
  nodes, no evidence), written as N-Triples and loaded with pyoxigraph's ``bulk_load``: what
  the facts alone cost, against what pharmgraph's provenance model costs.

Usage::

    nice python benchmarks/import_sources.py
    nice python benchmarks/import_sources.py --metaedges all
    python benchmarks/import_sources.py --only drugmechdb
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HETIONET = SHARED / "corpora" / "hetionet"
DRUGMECHDB = SHARED / "corpora" / "drugmechdb" / "indication_paths.reassembled.json.gz"


def _statements(kind: str, metaedges: list[str] | None):
    if kind == "hetionet":
        from pharmgraph.sources import hetionet

        chosen = hetionet.check_metaedges(metaedges) if metaedges else list(hetionet.DEFAULT_METAEDGES)
        return hetionet.read_hetionet(HETIONET, chosen)
    from pharmgraph.sources import drugmechdb

    return drugmechdb.read_drugmechdb(DRUGMECHDB)


def run_one(kind: str, folder: Path, metaedges: list[str] | None) -> dict:
    """Run one measurement in this process and return its figures."""
    start = time.perf_counter()
    if kind.endswith("-baseline"):
        import pyoxigraph as ox

        from pharmgraph.identifiers import entity_iri
        from pharmgraph.vocabulary import ONTOLOGY_IRI

        source = kind.removesuffix("-baseline")
        nt = folder / "facts.nt"
        facts = 0
        with nt.open("w", encoding="utf-8") as out:
            for stmt in _statements(source, metaedges):
                out.write(f"<{entity_iri(stmt.subject.id)}> <{ONTOLOGY_IRI}{stmt.predicate}> <{entity_iri(stmt.object.id)}> .\n")
                facts += 1
        store = ox.Store(str(folder / "store"))
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        quads = len(store)
        result = {"statements": facts}
    else:
        from pharmgraph.sources import drugmechdb, hetionet
        from pharmgraph.store import open_store

        store = open_store(folder / "store")
        if kind == "hetionet":
            summary = hetionet.import_source(store, HETIONET, metaedges)
        else:
            summary = drugmechdb.import_source(store, DRUGMECHDB)
        quads = store.count()
        store.close()
        result = {"statements": summary.statements, "records": summary.records}
    result.update(
        kind=kind,
        seconds=round(time.perf_counter() - start, 1),
        quads=quads,
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--metaedges", help="Hetionet metaedges (comma-separated, or 'all').")
    parser.add_argument("--only", choices=["hetionet", "drugmechdb"], help="Measure one source.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    metaedges = args.metaedges.split(",") if args.metaedges else None
    if args.child:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(run_one(args.child, Path(tmp), metaedges)))
        return
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: nothing to measure.")
    kinds = [k for k in ("hetionet", "drugmechdb") if args.only in (None, k)]
    print(f"{'run':<22}{'statements':>12}{'quads':>12}{'seconds':>10}{'peak RSS MB':>13}")
    for kind in [k for base in kinds for k in (base, base + "-baseline")]:
        command = [sys.executable, __file__, "--child", kind] + (["--metaedges", args.metaedges] if args.metaedges else [])
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{kind:<22} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{kind:<22}{row['statements']:>12,}{row['quads']:>12,}{row['seconds']:>10}{row['peak_rss_mb']:>13,}")


if __name__ == "__main__":
    main()
