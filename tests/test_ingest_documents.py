"""`pharmgraph ingest` on documents: extraction, storage, idempotence, bad files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pharmgraph.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "pharmgraph" / "data" / "examples"


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_examples_are_ingested_and_reingest_is_idempotent(tmp_path):
    store = str(tmp_path / "kg")
    first = _run("--store", store, "ingest", str(EXAMPLES), "--format", "json")
    assert first.exit_code == 0, first.output
    rows = json.loads(first.output)["documents"]
    assert {Path(r["file"]).name for r in rows} >= {"sodium_channel_blockers.md", "sv2a_and_kcnq.md"}
    stats = json.loads(_run("--store", store, "stats", "--format", "json").output)
    assert stats["documents"] == len(rows)
    assert stats["statements"] > 20 and stats["negated"] >= 1
    export = _run("--store", store, "export", "--format", "nquads").output
    assert _run("--store", store, "ingest", str(EXAMPLES)).exit_code == 0
    assert _run("--store", store, "export", "--format", "nquads").output == export
    # What a user asks first: which drugs block or inhibit sodium channels.
    query = """SELECT DISTINCT ?label WHERE { VALUES ?p { pg:blocks pg:inhibits }
               ?st rdf:subject ?d ; rdf:predicate ?p ;
               rdf:object ?t . FILTER NOT EXISTS { ?st pg:negated true } ?d rdfs:label ?label . ?t rdfs:label ?tl .
               FILTER(CONTAINS(LCASE(?tl), "sodium")) } ORDER BY ?label"""
    labels = _run("--store", store, "sparql", query, "--format", "csv").output.split()
    assert "lamotrigine" in labels and "carbamazepine" in labels
    assert _run("--store", store, "validate").exit_code == 0


def test_bad_document_is_refused_and_store_kept(tmp_path):
    store = str(tmp_path / "kg")
    assert _run("--store", store, "ingest", str(EXAMPLES / "sv2a_and_kcnq.md")).exit_code == 0
    before = _run("--store", store, "export", "--format", "nquads").output
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02binary")
    latin = tmp_path / "notes.txt"
    latin.write_bytes("Caf\xe9 au lait".encode("latin-1"))
    for bad, message in ((binary, "binary"), (latin, "not UTF-8")):
        result = _run("--store", store, "ingest", str(bad))
        assert result.exit_code == 1
        assert message in result.output and "Traceback" not in result.output
    assert _run("--store", store, "export", "--format", "nquads").output == before
