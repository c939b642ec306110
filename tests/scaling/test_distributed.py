"""Extraction on a real Dask LocalCluster gives the same quads as a local ingest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.distributed import bulk_load_shards, extract_batch, extract_shards
from pharmgraph.errors import InputError, StoreError
from pharmgraph.ingest import statements_from_path
from pharmgraph.rdf import group_by_document, oxigraph_quads
from pharmgraph.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"


def _local_quads(files: list[Path]) -> set[str]:
    quads: set[str] = set()
    for path in files:
        groups = group_by_document(statements_from_path(path), default=path.name) or {path.name: []}
        for document, stmts in groups.items():
            quads.update(str(q) for q in oxigraph_quads(document, stmts))
    return quads


def _store_quads(store) -> set[str]:
    return {str(q) for q in store.raw.quads_for_pattern(None, None, None, None)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for f in sorted(EXAMPLES.iterdir()):
        shutil.copy(f, root / f.name)
    (root / "own.txt").write_text(
        "Fluoxetine inhibits the serotonin transporter. Atorvastatin does not block the hERG channel.\n",
        encoding="utf-8",
    )
    return root


def test_local_cluster_shards_hold_the_quads_of_a_local_run(corpus, tmp_path):
    files = sorted(corpus.iterdir())
    report = extract_shards([corpus], tmp_path / "shards", n_workers=2, files_per_task=2)
    assert report.files == len(files)
    assert len(report.shards) == (len(files) + 1) // 2
    assert report.statements > 0 and not report.refused
    store = open_store(":memory:")
    loaded = bulk_load_shards(store, tmp_path / "shards")
    assert sum(loaded.values()) == report.statements
    assert _store_quads(store) == _local_quads(files)


def test_rerun_keeps_finished_shards_and_redoes_missing_ones(corpus, tmp_path):
    out = tmp_path / "shards"
    first = extract_shards([corpus], out, n_workers=1, files_per_task=3)
    victim = first.shards[0]
    before = victim.read_bytes()
    first.shards[-1].unlink()
    (out / "shard-000099.nq.part").write_text("torn", encoding="utf-8")
    again = extract_shards([corpus], out, n_workers=1, files_per_task=3)
    assert again.reused == len(first.shards) - 1
    assert victim.read_bytes() == before
    assert again.statements == first.statements
    assert not list(out.glob("*.part"))


def test_bulk_load_refuses_documents_already_stored(corpus, tmp_path):
    shard = tmp_path / "shard-000000.nq"
    extract_batch([str(corpus / "own.txt")], str(shard))
    store = open_store(":memory:")
    bulk_load_shards(store, tmp_path)
    count = len(_store_quads(store))
    with pytest.raises(StoreError, match="already holds 1"):
        bulk_load_shards(store, tmp_path)
    assert len(_store_quads(store)) == count


def test_unreadable_file_is_refused_in_the_manifest_not_fatal(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Omeprazole inhibits the gastric proton pump.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    manifest = extract_batch([str(bad), str(good)], str(tmp_path / "out" / "shard-000000.nq"))
    assert manifest["files"] == [str(good)]
    assert manifest["refused"][0][0] == str(bad)
    saved = json.loads((tmp_path / "out" / "shard-000000.json").read_text())
    assert saved == manifest
    assert pyoxigraph.parse(path=str(tmp_path / "out" / "shard-000000.nq"), format=pyoxigraph.RdfFormat.N_QUADS)


def test_bulk_load_of_an_empty_folder_is_one_sentence(tmp_path):
    with pytest.raises(InputError, match="no complete shard"):
        bulk_load_shards(open_store(":memory:"), tmp_path)


def test_cli_shard_then_bulk_load(corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "shards"
    result = runner.invoke(main, ["shard", str(corpus / "own.txt"), "-o", str(out), "--workers", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["files"] == 1 and report["statements"] >= 1
    store_dir = tmp_path / "kg"
    result = runner.invoke(main, ["--store", str(store_dir), "bulk-load", str(out)])
    assert result.exit_code == 0, result.output
    assert "Loaded 1 documents" in result.output
    result = runner.invoke(main, ["--store", str(store_dir), "bulk-load", str(out)])
    assert result.exit_code != 0
    assert "already holds" in result.output
