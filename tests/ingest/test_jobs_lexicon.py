"""Worker processes ground with the lexicon the user gave, for documents and JSON Lines alike."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.store import open_store


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extra_lexicon_reaches_every_worker(tmp_path, jobs):
    lex = tmp_path / "terms.tsv"
    lex.write_text("name\tid\ttype\nquorvidane\tpubchem.compound:99999999\tDrug\n", encoding="utf-8")
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("Quorvidane inhibits the NMDA receptor.\n", encoding="utf-8")
    line = {"subject": {"label": "quorvidane", "type": "Drug"}, "predicate": "treats",
            "object": {"id": "mesh:D004827", "label": "epilepsy", "type": "Disease"}}
    (docs / "b.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    store = tmp_path / "kg"
    result = CliRunner().invoke(main, ["--store", str(store), "ingest", str(docs), "--jobs", jobs,
                                       "--lexicon", str(lex)])
    assert result.exit_code == 0, result.output
    kg = open_store(store, read_only=True)
    for predicate in ("inhibits", "treats"):
        rows = kg.select(f"SELECT DISTINCT ?c WHERE {{ ?s pg:{predicate} ?o . ?s pg:curie ?c }}")
        assert [r["c"] for r in rows] == ["pubchem.compound:99999999"], predicate
