"""``pharmgraph import``: one command per source, a summary, JSON for programs."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from source_fixtures import write_sif

from pharmgraph.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_import_hetionet_prints_a_summary_and_json(runner, hetionet_dir, tmp_path):
    store = tmp_path / "kg"
    result = runner.invoke(main, ["--store", str(store), "import", "hetionet", str(hetionet_dir)])
    assert result.exit_code == 0, result.output
    assert "statements" in result.output and "source:hetionet" in result.output
    result = runner.invoke(
        main, ["--store", str(store), "import", "hetionet", str(hetionet_dir), "--metaedges", "CbG,CtD", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.output)
    assert summary["statements"] == 5 and summary["document"] == "source:hetionet"
    assert summary["skipped"]["not selected CcSE"] == 1


def test_import_refuses_unknown_metaedges_with_one_sentence(runner, hetionet_dir, tmp_path):
    result = runner.invoke(main, ["--store", str(tmp_path / "kg"), "import", "hetionet", str(hetionet_dir), "--metaedges", "XyZ"])
    assert result.exit_code != 0
    assert "Error: 'XyZ' is not a Hetionet metaedge" in result.output


def test_import_drugmechdb_and_kgx(runner, drugmechdb_file, kgx_pair, tmp_path):
    store = str(tmp_path / "kg")
    result = runner.invoke(main, ["--store", store, "import", "drugmechdb", str(drugmechdb_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["records"] == 2
    result = runner.invoke(main, ["--store", store, "import", "kgx", *map(str, kgx_pair), "--name", "partner"])
    assert result.exit_code == 0, result.output
    assert "source:partner" in result.output


def test_import_of_a_missing_path_says_so(runner, tmp_path):
    result = runner.invoke(main, ["--store", str(tmp_path / "kg"), "import", "drugmechdb", str(tmp_path / "nope.json")])
    assert result.exit_code != 0 and "no such file" in result.output


def test_imported_ids_are_grounded_to_the_ids_text_gets(runner, tmp_path):
    # Hetionet names epilepsy DOID:1826 and lamotrigine DB00555; text extraction names them
    # through the lexicon. After import both must be one entity each, the given id kept.
    folder = tmp_path / "het"
    folder.mkdir()
    (folder / "hetionet-v1.0-nodes.tsv").write_text(
        "id\tname\tkind\nCompound::DB00555\tLamotrigine\tCompound\nDisease::DOID:1826\tepilepsy syndrome\tDisease\n",
        encoding="utf-8",
    )
    write_sif(folder / "hetionet-v1.0-edges.sif.gz", [("Compound::DB00555", "CtD", "Disease::DOID:1826")])
    store = str(tmp_path / "kg")
    result = runner.invoke(main, ["--store", store, "import", "hetionet", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.output)
    assert summary["grounding"]["mapped"] >= 1
    text = tmp_path / "note.txt"
    text.write_text("Lamotrigine is used to treat epilepsy.\n", encoding="utf-8")
    assert runner.invoke(main, ["--store", store, "ingest", str(text)]).exit_code == 0
    query = (
        "SELECT DISTINCT ?d WHERE { ?drug pg:treats ?d . ?drug rdfs:label ?l "
        "FILTER(LCASE(STR(?l)) = 'lamotrigine') }"
    )
    result = runner.invoke(main, ["--store", store, "sparql", "--format", "json", query])
    assert result.exit_code == 0, result.output
    diseases = {b["d"]["value"] for b in json.loads(result.output)["results"]["bindings"]}
    assert len(diseases) == 1, diseases
    given = runner.invoke(
        main, ["--store", store, "sparql", "--format", "json",
               "ASK { ?d skos:exactMatch ?x . FILTER(STRENDS(STR(?x), 'DOID_1826')) }"],
    )
    assert json.loads(given.output)["boolean"] is True
