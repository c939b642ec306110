"""Extraction spread over a Dask cluster, written as N-Quads shards for a bulk loader.

For corpora too large for one machine's ingest (PubMed has about 36 million abstracts), the
work splits in two steps that scale apart:

1. :func:`extract_shards` sends batches of files to the workers of a ``dask.distributed``
   cluster (a :class:`~dask.distributed.LocalCluster` on this machine by default, or any
   scheduler address). Each worker reads and extracts its batch with the same pipeline as
   ``pharmgraph extract`` and writes one N-Quads shard (one named graph per document, exactly
   the quads ``pharmgraph ingest`` would store) plus a small JSON manifest.
2. :func:`bulk_load_shards` loads the shards into the embedded store with Oxigraph's bulk
   loader; a SPARQL server loads them with its own loader (Virtuoso: ``ld_dir`` and
   ``rdf_loader_run``; see ``docs/scaling.md``).

Shards are written to a temporary name and renamed when complete, so a killed worker never
leaves a half shard that looks whole; a rerun skips the batches whose shard exists.

Examples
--------
>>> from pathlib import Path
>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> report = extract_shards(["data/examples"], out, n_workers=1)  # doctest: +SKIP
>>> report.documents  # doctest: +SKIP
6
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pharmgraph.errors import InputError, PharmgraphError, StoreError

SHARD_PREFIX = "shard-"
MANIFEST_SUFFIX = ".json"


@dataclass
class ShardReport:
    """What a sharded extraction did.

    Attributes
    ----------
    shards : list of Path
        The N-Quads shards, in batch order.
    files, documents, statements : int
        Counts over all shards (skipped batches included, from their manifests).
    empty_documents : int
        Documents that gave no statement (stored as a document node only).
    refused : list of (str, str)
        Files a worker could not read, with the one-sentence reason.
    reused : int
        Batches whose shard already existed and was kept.
    """

    shards: list[Path] = field(default_factory=list)
    files: int = 0
    documents: int = 0
    statements: int = 0
    empty_documents: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    reused: int = 0

    def to_dict(self) -> dict:
        """Return the report as JSON-ready data."""
        return {
            "shards": [str(p) for p in self.shards],
            "files": self.files,
            "documents": self.documents,
            "statements": self.statements,
            "empty_documents": self.empty_documents,
            "refused": [{"file": f, "reason": r} for f, r in self.refused],
            "reused": self.reused,
        }


def _batches(files: Sequence[Path], size: int) -> list[list[Path]]:
    return [list(files[i : i + size]) for i in range(0, len(files), size)]


def extract_batch(files: Sequence[str], shard: str) -> dict:
    """Extract a batch of files and write their quads as one N-Quads shard.

    Runs on a worker; also callable directly. Returns the shard's manifest.

    Parameters
    ----------
    files : sequence of str
        Paths of documents or JSON Lines files.
    shard : str
        Path of the ``.nq`` file to write.
    """
    import pyoxigraph

    from pharmgraph.ingest import statements_from_path
    from pharmgraph.rdf import group_by_document, oxigraph_quads

    shard_path = Path(shard)
    manifest = {"files": [], "documents": {}, "refused": []}
    quads: list = []
    for name in files:
        path = Path(name)
        try:
            statements = statements_from_path(path)
        except PharmgraphError as exc:
            manifest["refused"].append([str(path), str(exc)])
            continue
        manifest["files"].append(str(path))
        groups = group_by_document(statements, default=path.name) or {path.name: []}
        for document, stmts in groups.items():
            quads.extend(oxigraph_quads(document, stmts))
            manifest["documents"][document] = len(stmts)
    tmp = shard_path.with_suffix(".nq.part")
    with tmp.open("wb") as handle:
        pyoxigraph.serialize(quads, handle, format=pyoxigraph.RdfFormat.N_QUADS)
    manifest_path = shard_path.with_suffix(MANIFEST_SUFFIX)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(tmp, shard_path)
    return manifest


def extract_shards(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    files_per_task: int = 200,
    progress=None,
) -> ShardReport:
    """Extract files on a Dask cluster into N-Quads shards.

    Parameters
    ----------
    paths : iterable of path
        Files and folders, as for ``pharmgraph ingest``.
    out_dir : path
        Folder for the shards (created when missing).
    scheduler : str, optional
        Address of a running ``dask.distributed`` scheduler (``tcp://host:8786``). Without
        one, a local cluster of ``n_workers`` processes (default: all cores) runs the work.
    n_workers : int, optional
        Worker processes of the local cluster.
    files_per_task : int
        Files a task extracts into one shard.
    progress : callable, optional
        Called with the number of batches done after each batch finishes.

    Returns
    -------
    ShardReport

    Raises
    ------
    InputError
        When a path does not exist or holds nothing readable.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    from pharmgraph.ingest import expand_paths

    if files_per_task < 1:
        raise InputError("--files-per-task must be at least 1.")
    files = expand_paths(paths)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob("*.nq.part"):
        leftover.unlink()
    batches = _batches(files, files_per_task)
    report = ShardReport()
    todo: list[tuple[list[str], str]] = []
    shards = []
    for index, batch in enumerate(batches):
        shard = out / f"{SHARD_PREFIX}{index:06d}.nq"
        shards.append(shard)
        manifest = shard.with_suffix(MANIFEST_SUFFIX)
        if shard.exists() and manifest.exists():
            report.reused += 1
            _count(report, json.loads(manifest.read_text(encoding="utf-8")))
        else:
            todo.append(([str(p) for p in batch], str(shard)))
    report.shards = shards
    if todo:
        cluster = None
        if scheduler is None:
            workers = n_workers or os.cpu_count() or 1
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=40,
            )
            client = Client(cluster)
        else:
            client = Client(scheduler)
        try:
            futures = [client.submit(extract_batch, batch, shard, pure=False) for batch, shard in todo]
            done = report.reused
            for future in as_completed(futures):
                _count(report, future.result())
                done += 1
                if progress is not None:
                    progress(done)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return report


def _count(report: ShardReport, manifest: dict) -> None:
    report.files += len(manifest["files"])
    report.documents += len(manifest["documents"])
    report.statements += sum(manifest["documents"].values())
    report.empty_documents += sum(1 for n in manifest["documents"].values() if n == 0)
    report.refused.extend((f, r) for f, r in manifest["refused"])


def shard_documents(shard_dir: str | Path) -> dict[str, int]:
    """Return the documents the complete shards of a folder hold, with their statement counts."""
    docs: dict[str, int] = {}
    for manifest in sorted(Path(shard_dir).glob(f"{SHARD_PREFIX}*{MANIFEST_SUFFIX}")):
        if manifest.with_suffix(".nq").exists():
            docs.update(json.loads(manifest.read_text(encoding="utf-8"))["documents"])
    return docs


def bulk_load_shards(store, shard_dir: str | Path, *, progress=None) -> dict[str, int]:
    """Load the shards of a folder into an embedded store with Oxigraph's bulk loader.

    The bulk loader writes without per-document transactions, so it refuses documents the
    store already holds (re-ingest those with ``pharmgraph ingest``, which replaces them).

    Returns
    -------
    dict
        Documents loaded, with their statement counts.

    Raises
    ------
    StoreError
        When the store is not the embedded one, or already holds one of the documents.
    InputError
        When the folder holds no complete shard.
    """
    import pyoxigraph

    from pharmgraph.rdf import document_iri

    raw = getattr(store, "raw", None)
    if raw is None:
        raise StoreError(
            "Shards bulk-load into the embedded store only; load them into a SPARQL server "
            "with its own bulk loader (see docs/scaling.md)."
        )
    shard_dir = Path(shard_dir)
    shards = sorted(p for p in shard_dir.glob(f"{SHARD_PREFIX}*.nq") if p.with_suffix(MANIFEST_SUFFIX).exists())
    if not shards:
        raise InputError(f"{shard_dir}: holds no complete shard (shard-*.nq with its manifest).")
    documents = shard_documents(shard_dir)
    existing = [d for d in documents if raw.contains_named_graph(pyoxigraph.NamedNode(document_iri(d)))]
    if existing:
        raise StoreError(
            f"The store already holds {len(existing)} of these documents (e.g. {existing[0]}); "
            "bulk loading would mix old and new statements, so ingest those with 'pharmgraph ingest'."
        )
    for done, shard in enumerate(shards, start=1):
        raw.bulk_load(path=str(shard), format=pyoxigraph.RdfFormat.N_QUADS)
        if progress is not None:
            progress(done)
    if getattr(store, "location", ":memory:") != ":memory:":
        raw.flush()
    return documents
