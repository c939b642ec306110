"""Extraction over the DrugProt, ChemProt and BC5CDR abstracts: one local process against a
Dask LocalCluster writing N-Quads shards, in one run, with the statements compared.

The abstracts (title + abstract, no annotations) are written as PubTator files of
``--per-file`` abstracts each under a temporary folder. The baseline extracts every file in
this process; the cluster run sends the same files to ``--workers`` worker processes through
:func:`pharmgraph.distributed.extract_shards`. Both results are compared quad for quad, and
loading the shards into an embedded store with the bulk loader is timed too.

Usage::

    .venv/bin/python benchmarks/dask_corpora.py [--workers 2] [--limit N]

The shards are the same quads ``pharmgraph ingest`` stores, so the figures give the arithmetic
for larger corpora in ``docs/scaling.md``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
TSV_ABSTRACTS = [
    SHARED / "drugprot" / "training" / "drugprot_training_abstracs.tsv",
    SHARED / "drugprot" / "development" / "drugprot_development_abstracs.tsv",
    SHARED / "chemprot" / "chemprot_training" / "chemprot_training_abstracts.tsv",
    SHARED / "chemprot" / "chemprot_development" / "chemprot_development_abstracts.tsv",
    SHARED / "chemprot" / "chemprot_test_gs" / "chemprot_test_abstracts_gs.tsv",
]
PUBTATOR = [
    SHARED / "bc5cdr" / "CDR_TrainingSet.PubTator.txt",
    SHARED / "bc5cdr" / "CDR_DevelopmentSet.PubTator.txt",
    SHARED / "bc5cdr" / "CDR_TestSet.PubTator.txt",
]


def abstracts(limit: int | None) -> dict[str, tuple[str, str]]:
    """Return PMID -> (title, abstract) over the three corpora, each PMID once."""
    out: dict[str, tuple[str, str]] = {}
    for path in TSV_ABSTRACTS:
        for line in path.open(encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                out.setdefault(parts[0], (parts[1], parts[2]))
    for path in PUBTATOR:
        title = None
        for line in path.open(encoding="utf-8"):
            if "|t|" in line[:20]:
                pmid, _, title = line.rstrip("\n").split("|", 2)
            elif "|a|" in line[:20] and title is not None:
                pmid, _, text = line.rstrip("\n").split("|", 2)
                out.setdefault(pmid, (title, text))
    if limit:
        out = dict(list(out.items())[:limit])
    return out


def write_files(docs: dict[str, tuple[str, str]], folder: Path, per_file: int) -> list[Path]:
    """Write the abstracts as PubTator files (title and abstract lines only)."""
    files = []
    items = list(docs.items())
    for n in range(0, len(items), per_file):
        path = folder / f"abstracts-{n // per_file:05d}.pubtator"
        with path.open("w", encoding="utf-8") as handle:
            for pmid, (title, text) in items[n : n + per_file]:
                handle.write(f"{pmid}|t|{title.replace('|', ' ')}\n{pmid}|a|{text.replace('|', ' ')}\n\n")
        files.append(path)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N abstracts")
    parser.add_argument("--per-file", type=int, default=50, help="abstracts per PubTator file")
    args = parser.parse_args(argv)
    if not all(p.exists() for p in TSV_ABSTRACTS + PUBTATOR):
        print(f"corpora not found under {SHARED}", file=sys.stderr)
        return 1

    from pharmgraph.distributed import bulk_load_shards, extract_shards
    from pharmgraph.ingest import statements_from_path
    from pharmgraph.lexicon import default_lexicon
    from pharmgraph.rdf import group_by_document, oxigraph_quads
    from pharmgraph.store import open_store

    docs = abstracts(args.limit)
    work = Path(tempfile.mkdtemp(prefix="pg-dask-"))
    (work / "in").mkdir()
    files = write_files(docs, work / "in", args.per_file)
    print(f"{len(docs)} abstracts in {len(files)} files, {args.workers} workers, load {os.getloadavg()[0]:.1f}")

    default_lexicon().matcher()
    t0 = time.perf_counter()
    local: set[str] = set()
    statements = 0
    for path in files:
        groups = group_by_document(statements_from_path(path), default=path.name)
        for document, stmts in groups.items():
            statements += len(stmts)
            local.update(str(q) for q in oxigraph_quads(document, stmts))
    local_s = time.perf_counter() - t0
    print(f"baseline, one local process:  {local_s:7.1f} s  {len(docs) / local_s:6.0f} abstracts/s  {statements} statements")

    t0 = time.perf_counter()
    report = extract_shards([work / "in"], work / "shards", n_workers=args.workers, files_per_task=4)
    cluster_s = time.perf_counter() - t0
    print(
        f"Dask LocalCluster, {args.workers} workers: {cluster_s:7.1f} s  {len(docs) / cluster_s:6.0f} abstracts/s  "
        f"{report.statements} statements  ({local_s / cluster_s:.2f}x, cluster start-up included)"
    )

    store = open_store(work / "kg")
    t0 = time.perf_counter()
    bulk_load_shards(store, work / "shards")
    load_s = time.perf_counter() - t0
    stored = {str(q) for q in store.raw.quads_for_pattern(None, None, None, None)}
    store.close()
    same = stored == local
    print(f"bulk load of the shards:      {load_s:7.1f} s  {len(stored)} quads  ({len(stored) / load_s:,.0f} quads/s)")
    print(f"same quads as the local run: {same} (local {len(local)}, cluster {len(stored)})")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
