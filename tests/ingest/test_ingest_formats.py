"""RDF files are read as RDF, MEDLINE as records, unknown files are named; the summary counts."""

from __future__ import annotations

import pytest
from helpers import graphs_of, ingest_json, run, union_of
from rdflib.compare import isomorphic

from pharmgraph.model import write_jsonl
from pharmgraph.store import open_store


@pytest.fixture
def source_store(tmp_path, statements):
    path = tmp_path / "src"
    with open_store(path) as store:
        store.ingest(statements)
    return path


@pytest.mark.parametrize("fmt, suffix", [("trig", "trig"), ("nquads", "nq")])
def test_own_dataset_export_round_trips_graph_by_graph(tmp_path, source_store, fmt, suffix):
    exported = tmp_path / f"export.{suffix}"
    assert run("--store", source_store, "export", "--format", fmt, "-o", exported).exit_code == 0
    code, data, output = ingest_json(tmp_path / "fresh", exported)
    assert code == 0, output
    assert data["summary"]["statements"] == 4 and data["summary"]["documents"] == 2
    with open_store(source_store, read_only=True) as store:
        before = graphs_of(store.export("nquads"))
    with open_store(tmp_path / "fresh", read_only=True) as store:
        after = graphs_of(store.export("nquads"))
        assert store.stats()["statements"] == 4
    assert before.keys() == after.keys()
    for name in before:
        assert isomorphic(before[name], after[name]), name


@pytest.mark.parametrize("fmt, suffix", [("turtle", "ttl"), ("ntriples", "nt"), ("jsonld", "jsonld")])
def test_own_merged_export_round_trips_to_the_same_union(tmp_path, source_store, fmt, suffix):
    exported = tmp_path / f"export.{suffix}"
    assert run("--store", source_store, "export", "--format", fmt, "-o", exported).exit_code == 0
    code, data, output = ingest_json(tmp_path / "fresh", exported)
    assert code == 0, output
    assert sorted(r["document"] for r in data["documents"]) == ["a.txt", "b.txt"]
    with open_store(source_store, read_only=True) as store:
        before = store.export("nquads")
    with open_store(tmp_path / "fresh", read_only=True) as store:
        after = store.export("nquads")
        stats = store.stats()
    assert isomorphic(union_of(before), union_of(after))
    assert (stats["statements"], stats["negated"], stats["hedged"]) == (4, 1, 1)
    # Each statement comes back in the graph it was stated in.
    assert graphs_of(before).keys() == graphs_of(after).keys()


def test_own_export_in_a_txt_file_is_sniffed_as_rdf(tmp_path, source_store):
    exported = tmp_path / "dump.txt"
    assert run("--store", source_store, "export", "--format", "ntriples", "-o", exported).exit_code == 0
    code, data, _ = ingest_json(tmp_path / "fresh", exported)
    assert code == 0 and data["summary"]["statements"] == 4


def test_foreign_turtle_becomes_its_own_listed_graph(tmp_path):
    foreign = tmp_path / "onto.ttl"
    foreign.write_text("@prefix ex: <http://example.org/> .\nex:a ex:knows ex:b .\nex:b ex:knows ex:c .\n")
    code, data, output = ingest_json(tmp_path / "kg", "onto.ttl", cwd=tmp_path)
    assert code == 0, output
    assert data["documents"] == [{"file": "onto.ttl", "document": "onto.ttl", "statements": 0}]
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.documents() == ["onto.ttl"]
        assert store.select("SELECT ?o WHERE { <http://example.org/a> <http://example.org/knows> ?o }") == [
            {"o": "http://example.org/b"}
        ]
    # Ingesting it again replaces it.
    foreign.write_text("@prefix ex: <http://example.org/> .\nex:a ex:knows ex:z .\n")
    assert ingest_json(tmp_path / "kg", "onto.ttl", cwd=tmp_path)[0] == 0
    with open_store(tmp_path / "kg", read_only=True) as store:
        rows = store.select("SELECT ?o WHERE { ?s <http://example.org/knows> ?o }")
    assert rows == [{"o": "http://example.org/z"}]


def test_foreign_named_graphs_and_broken_rdf_are_refused_in_one_sentence(tmp_path):
    trig = tmp_path / "other.trig"
    trig.write_text("<http://example.org/g> { <http://example.org/a> <http://example.org/p> 1 . }\n")
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:p \n")
    for path, message in ((trig, "named graphs that are not pharmgraph documents"), (broken, "is not valid Turtle")):
        result = run("--store", tmp_path / "kg", "ingest", path)
        assert result.exit_code == 1
        assert message in result.output and "Traceback" not in result.output


def test_medline_records_are_read_as_records(tmp_path):
    nbib = tmp_path / "export.nbib"
    nbib.write_text(
        "PMID- 111\nTI  - Lamotrigine blocks voltage-gated sodium\n      channels.\n"
        "AB  - Carbamazepine also blocks sodium channels.\nDP  - 2001 Jan\n\n"
        "PMID- 222\nTI  - A record about nothing pharmacological.\n"
    )
    code, data, output = ingest_json(tmp_path / "kg", nbib, cwd=tmp_path)
    assert code == 0, output
    docs = {r["document"]: r["statements"] for r in data["documents"]}
    assert set(docs) == {"export.nbib#111", "export.nbib#222"}
    assert docs["export.nbib#111"] >= 2 and docs["export.nbib#222"] == 0
    assert data["summary"]["documents_without_statements"] == 1
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.stats()["documents_without_statements"] == 1
        sentences = store.select("SELECT ?t WHERE { ?e pg:sentence ?t }")
    assert all("PMID-" not in r["t"] and "TI  -" not in r["t"] for r in sentences)


def test_unknown_files_are_named_and_fail_unless_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "paper.md").write_text("Lamotrigine blocks sodium channels.\n")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "empty.txt").write_text("")
    code, data, _ = ingest_json(tmp_path / "kg", "in", cwd=tmp_path)
    assert code == 1
    assert data["summary"]["unknown"] == ["in/scan.pdf"]
    assert data["summary"]["files"] == 3 and data["summary"]["documents"] == 2
    assert data["summary"]["documents_without_statements"] == 1
    table = run("--store", tmp_path / "kg", "ingest", "in", cwd=tmp_path)
    assert "scan.pdf" in table.output and table.exit_code == 1
    assert ingest_json(tmp_path / "kg", "in", cwd=tmp_path, extra=("--skip-unknown",))[0] == 0


def test_summary_counts_statements_and_local_ids(tmp_path, statements):
    jsonl = tmp_path / "s.jsonl"
    write_jsonl(statements, jsonl)
    with jsonl.open("a") as handle:
        handle.write('{"subject": {"label": "Compound X", "type": "Drug"}, "predicate": "binds", '
                     '"object": {"id": "CHEBI:1"}, "evidence": [{"document": "c.txt"}]}\n')
    code, data, _ = ingest_json(tmp_path / "kg", jsonl)
    assert code == 0
    already = {e.id for s in statements for e in (s.subject, s.object) if e.id.startswith("pharmgraph:")}
    assert data["summary"]["statements"] == 5
    assert data["summary"]["local_id_entities"] == len(already) + 1
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.select('SELECT ?c WHERE { ?e rdfs:label "Compound X" ; pg:curie ?c }') == [
            {"c": "pharmgraph:compound_x"}
        ]


def test_prose_that_starts_like_a_keyword_is_not_taken_for_rdf(tmp_path):
    from pharmgraph.ingest import file_kind

    prose = tmp_path / "notes.txt"
    prose.write_text("Base rates of epilepsy differ. Prefix: none.\n")
    assert file_kind(prose) == "documents"
    turtle = tmp_path / "data.txt"
    turtle.write_text("@prefix : <http://example.org/> .\n:a :b :c .\n")
    assert file_kind(turtle) == "rdf:turtle"
