"""Neo4j admin-import CSV, RDF with prefixes, and the export command's format choice."""

from __future__ import annotations

import csv

from click.testing import CliRunner
from export_fixtures import STATEMENTS
from rdflib import Dataset, Graph

from pharmgraph.cli import main
from pharmgraph.exports import export_store
from pharmgraph.store import open_store


def test_neo4j_csv_headers_follow_the_admin_import_format(store, tmp_path):
    nodes, rels = export_store(store, "neo4j-csv", tmp_path / "neo")
    with nodes.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "id:ID" and rows[0][-1] == ":LABEL"
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["NCBIGene:6323"][-1] == "Target;IonChannel"
    assert by_id["drugbank:DB00555"][rows[0].index("synonyms:string[]")] == "Lamictal"
    with rels.open(encoding="utf-8") as handle:
        rel_rows = list(csv.DictReader(handle))
    assert list(rel_rows[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"evidence_count:int", "negated:boolean", "documents:string[]"} <= set(rel_rows[0])
    types = {(r[":TYPE"], r["negated:boolean"]) for r in rel_rows}
    assert ("BLOCKS", "false") in types and ("NOT_ACTIVATES", "true") in types
    blocks = next(r for r in rel_rows if r[":TYPE"] == "BLOCKS")
    assert blocks["documents:string[]"] == "a.txt;b.txt"


def test_turtle_has_prefix_lines_and_trig_keeps_the_graphs(store, tmp_path):
    [ttl] = export_store(store, "turtle", tmp_path / "g.ttl")
    text = ttl.read_text(encoding="utf-8")
    assert text.startswith("@prefix") and "@prefix pg: <https://w3id.org/pharmgraph/ontology#>" in text
    # The union of the graphs, and the graph each statement was read in (pg:statedIn, which
    # model 2 graphs leave to the graph's name).
    distinct = int(store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")[0]["n"])
    statements = int(store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st rdf:subject ?s } }")[0]["n"])
    assert len(Graph().parse(ttl, format="turtle")) == distinct + statements
    [trig] = export_store(store, "trig", tmp_path / "g.trig")
    dataset = Dataset().parse(trig, format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {n.rsplit("/", 1)[1] for n in names} >= {"a.txt", "b.txt", "source%3Ahetionet"}


def test_the_output_suffix_picks_the_format(tmp_path):
    runner = CliRunner()
    location = tmp_path / "kg"

    disk = open_store(location)
    disk.ingest(STATEMENTS)
    disk.close()
    for name, start in (("g.ttl", "@prefix"), ("g.graphml", "<?xml"), ("g.nq", "<")):
        result = runner.invoke(main, ["--store", str(location), "export", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    result = runner.invoke(main, ["--store", str(location), "export", "-o", str(tmp_path / "x_edges.tsv")])
    assert result.exit_code == 0 and (tmp_path / "x_nodes.tsv").exists()
    assert "Left out 1 entities" in result.output
    result = runner.invoke(main, ["--store", str(location), "export", "--format", "kgx"])
    assert result.exit_code != 0 and "give -o FOLDER" in result.output
