"""Import time and peak memory for Hetionet and DrugMechDB, beside a plain-triples baseline.

Each measurement runs in a child process of its own (so each peak RSS is its own), into a
fresh on-disk store in a temporary folder:

* ``hetionet``: ``pharmgraph.sources.hetionet.import_source`` on every SIF file in
  ``../shared/corpora/hetionet`` (default metaedges; ``--metaedges all`` adds gene-gene);
* ``drugmechdb``: ``pharmgraph.sources.drugmechdb.import_source`` on the JSON paths;
* ``*-baseline``: the same facts as plain ``subject predicate object`` triples (no statement
  nodes, no evidence), written as N-Triples and loaded with pyoxigraph's ``bulk_load``: what
  the facts alone cost, against what pharmgraph's provenance model costs.

After the Hetionet import, ``pharmgraph shared-targets lamotrigine`` runs as a command on the
new store (all roles, then mechanism targets only) and is compared with the answer computed
straight from the SIF files' Compound-binds-Gene edges; its wall-clock time is printed beside
the time Python takes to start and import the CLI.

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
LAMOTRIGINE = "DB00555"


def _statements(kind: str, metaedges: list[str] | None):
    if kind == "hetionet":
        from pharmgraph.sources import hetionet

        chosen = hetionet.check_metaedges(metaedges) if metaedges else list(hetionet.DEFAULT_METAEDGES)
        return hetionet.read_hetionet(HETIONET, chosen)
    from pharmgraph.sources import drugmechdb

    return drugmechdb.read_drugmechdb(DRUGMECHDB)


def reference_shared_targets(drug: str = LAMOTRIGINE) -> dict[str, dict[str, int | float]]:
    """What ``shared-targets`` must answer, computed straight from Hetionet's SIF files.

    From the Compound-binds-Gene edges: for every other compound binding a gene the drug
    binds, the genes shared (all roles) and the Jaccard index of the two gene sets, and the
    genes shared among the drug's mechanism targets only (each gene's role read from its
    symbol, as :func:`pharmgraph.vocabulary.target_role` reads it for a ``binds`` edge).
    """
    import csv
    import gzip

    from pharmgraph.vocabulary import label_role, target_role

    names: dict[str, str] = {}
    with (HETIONET / "hetionet-v1.0-nodes.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            names[row["id"]] = row["name"]
    binds: dict[str, set[str]] = {}
    for sif in sorted(HETIONET.glob("*.sif.gz")):
        with gzip.open(sif, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row["metaedge"] == "CbG":
                    binds.setdefault(row["source"], set()).add(row["target"])

    def role(gene: str) -> str:
        family = label_role(names[gene])
        kind = {"metabolism": "Enzyme", "transport": "Transporter"}.get(family or "", "Protein")
        return target_role("binds", kind, names[gene])

    mine = binds[f"Compound::{drug}"]
    mechanism = {g for g in mine if role(g) == "mechanism"}
    out: dict[str, dict[str, int | float]] = {}
    for compound, genes in binds.items():
        shared = genes & mine
        if compound == f"Compound::{drug}" or not shared:
            continue
        out["drugbank:" + compound.split("::", 1)[1]] = {
            "shared": len(shared),
            "jaccard": round(len(shared) / len(genes | mine), 4),
            "mechanism": len(shared & mechanism),
        }
    return out


def check_shared_targets(store: Path) -> dict:
    """Run ``pharmgraph shared-targets lamotrigine`` on the imported store as a command and
    compare it with :func:`reference_shared_targets`; time each command (wall clock)."""
    reference = reference_shared_targets()
    command = [sys.executable, "-c", "from pharmgraph.cli import main; main()", "--store", str(store),
               "shared-targets", "lamotrigine", "--exact", "--limit", "0", "--format", "json"]
    answers, seconds = {}, {}
    for roles in ("all", "mechanism"):
        start = time.perf_counter()
        done = subprocess.run([*command, "--roles", roles], capture_output=True, text=True, check=True)
        seconds[roles] = round(time.perf_counter() - start, 2)
        answers[roles] = {r["other"]: r for r in json.loads(done.stdout)}
    # The interpreter's start and imports, measured alone, beside it.
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pharmgraph.cli"], check=True)
    baseline = round(time.perf_counter() - start, 2)
    got_all = {o: (r["shared"], r["jaccard"]) for o, r in answers["all"].items()}
    want_all = {o: (r["shared"], r["jaccard"]) for o, r in reference.items()}
    got_mech = {o: r["shared"] for o, r in answers["mechanism"].items()}
    want_mech = {o: r["mechanism"] for o, r in reference.items() if r["mechanism"]}
    roles = {item["role"] for r in answers["all"].values() for item in r["items"]}
    return {
        "others_all_roles": len(want_all),
        "agree_all_roles": got_all == want_all,
        "differ_all_roles": sorted(set(got_all.items()) ^ set(want_all.items()))[:5],
        "others_mechanism": len(want_mech),
        "agree_mechanism": got_mech == want_mech,
        "differ_mechanism": sorted(set(got_mech.items()) ^ set(want_mech.items()))[:5],
        "roles_seen": sorted(roles),
        "command_seconds": seconds,
        "python_start_seconds": baseline,
    }


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
        if kind == "hetionet":
            result["shared_targets"] = check_shared_targets(folder / "store")
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
        if "shared_targets" in row:
            check = row["shared_targets"]
            print(f"  shared-targets lamotrigine against the SIF file's CbG edges: all roles "
                  f"{'agree' if check['agree_all_roles'] else 'DIFFER'} ({check['others_all_roles']} compounds), "
                  f"mechanism targets {'agree' if check['agree_mechanism'] else 'DIFFER'} "
                  f"({check['others_mechanism']} compounds); roles seen {', '.join(check['roles_seen'])}")
            print(f"  command wall clock {check['command_seconds']} s (python start and imports alone "
                  f"{check['python_start_seconds']} s)")
            for key in ("differ_all_roles", "differ_mechanism"):
                if check[key]:
                    print(f"  {key}: {check[key]}")


if __name__ == "__main__":
    main()
