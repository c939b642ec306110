"""The embedded store: transactional, idempotent ingest and safe queries."""

from __future__ import annotations

import pytest

from pharmgraph.errors import QueryError, StoreError
from pharmgraph.grounding import canonical_id
from pharmgraph.identifiers import entity_iri
from pharmgraph.model import Statement
from pharmgraph.store import open_store

from pg_fixtures import CARBAMAZEPINE, LAMOTRIGINE, VGSC, ev

BLOCKERS = "SELECT ?d WHERE { ?d pg:blocks ?t } ORDER BY ?d"


def test_ingest_then_query_union_of_documents(tmp_path, statements):
    with open_store(tmp_path / "kg") as store:
        assert store.ingest(statements, ground=True) == {"a.txt": 2, "b.txt": 2}
        # Stored under each drug's canonical id (the CHEBI ids given are kept as xrefs).
        assert sorted(r["d"] for r in store.select(BLOCKERS)) == sorted(
            entity_iri(canonical_id(e.id)) for e in (CARBAMAZEPINE, LAMOTRIGINE)
        )
        assert canonical_id(LAMOTRIGINE.id) != LAMOTRIGINE.id
        assert store.documents() == ["a.txt", "b.txt"]
        assert not store.ask("ASK { ?s pg:binds ?o }")  # negated: no plain triple


def test_reingest_replaces_the_document_graph(tmp_path, statements):
    with open_store(tmp_path / "kg") as store:
        store.ingest(statements, ground=True)
        before = store.count()
        store.ingest(statements, ground=True)
        assert store.count() == before
        replacement = Statement(LAMOTRIGINE, "inhibits", VGSC, evidence=(ev("a.txt", "New text."),))
        store.ingest([replacement], ground=True)
        drug = entity_iri(canonical_id(LAMOTRIGINE.id))
        rows = store.select(f"SELECT ?p WHERE {{ <{drug}> ?p ?o . FILTER(STRSTARTS(STR(?p), STR(pg:))) }}")
        assert {r["p"].rsplit("#", 1)[1] for r in rows} == {"inhibits", "curie"}
        assert store.documents() == ["a.txt", "b.txt"]


def test_store_survives_reopening(tmp_path, statements):
    with open_store(tmp_path / "kg") as store:
        store.ingest(statements)
        count = store.count()
    with open_store(tmp_path / "kg") as store:
        assert store.count() == count
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.stats()["statements"] == 4


def test_failed_document_leaves_store_unchanged(tmp_path, statements):
    with open_store(tmp_path / "kg") as store:
        store.ingest(statements)
        before = store.export("nquads")

        def broken():
            yield Statement(CARBAMAZEPINE, "blocks", VGSC, evidence=(ev("b.txt", "Half written."),))
            raise RuntimeError("reader crashed")

        with pytest.raises(RuntimeError):
            store.ingest(broken())
        assert store.export("nquads") == before


def test_stats_counts_negated_and_hedged(statements):
    store = open_store(":memory:")
    store.ingest(statements)
    stats = store.stats()
    assert stats["documents"] == 2
    assert (stats["statements"], stats["negated"], stats["hedged"]) == (4, 1, 1)
    assert stats["entities"]["Drug"] == 3
    assert stats["predicates"] == {"binds": 1, "blocks": 2, "treats": 1}


@pytest.mark.parametrize(
    "query, message",
    [
        ("SELEC ?x WHERE {}", "malformed"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
        ("select * where { service <http://example.org/> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ],
)
def test_bad_queries_get_one_sentence(query, message):
    with pytest.raises(QueryError, match=message):
        open_store(":memory:").select(query)


def test_the_word_service_inside_strings_and_iris_is_fine():
    store = open_store(":memory:")
    assert store.select('SELECT ?x WHERE { BIND("SERVICE LOAD" AS ?x) }') == [{"x": "SERVICE LOAD"}]
    assert store.select("SELECT ?service WHERE { BIND(<http://x/SERVICE> AS ?service) }")


def test_damaged_or_foreign_folders_are_refused(tmp_path):
    file_path = tmp_path / "file"
    file_path.write_text("x")
    with pytest.raises(StoreError, match="it is a file"):
        open_store(file_path)
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not a pharmgraph store"):
        open_store(foreign)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "CURRENT").write_text("garbage")
    with pytest.raises(StoreError, match="looks damaged"):
        open_store(damaged)


def test_second_writer_is_told_the_store_is_in_use(tmp_path):
    first = open_store(tmp_path / "kg")
    with pytest.raises(StoreError, match="in use by another process"):
        open_store(tmp_path / "kg")
    first.close()


def test_export_formats_round_trip(statements):
    from rdflib import Dataset

    store = open_store(":memory:")
    store.ingest(statements)
    data = Dataset()
    data.parse(data=store.export("trig"), format="trig")
    assert len([g for g in data.graphs() if len(g)]) == 2
    assert b"@prefix" in store.export("turtle") or b"<http" in store.export("turtle")


def test_interrupted_replacement_leaves_old_graph_and_is_cleaned_up(tmp_path, statements):
    import pyoxigraph

    from pharmgraph.identifiers import digest
    from pharmgraph.store import STAGING_BASE

    with open_store(tmp_path / "kg") as store:
        store.ingest(statements)
        before = store.export("nquads")
        # What a crash between staging and the swap leaves behind:
        staging = pyoxigraph.NamedNode(STAGING_BASE + digest("a.txt"))
        store.raw.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://x/s"), pyoxigraph.NamedNode("http://x/p"),
                                      pyoxigraph.Literal("half"), staging))
    with open_store(tmp_path / "kg") as store:
        assert store.export("nquads") == before
        assert store.documents() == ["a.txt", "b.txt"]


def test_exported_nquads_load_back_into_a_fresh_store(tmp_path, statements):
    from pharmgraph.ingest import ingest_paths

    with open_store(tmp_path / "one") as store:
        store.ingest(statements)
        (tmp_path / "dump.nq").write_bytes(store.export("nquads"))
        expected = store.stats()
    with open_store(tmp_path / "two") as store:
        results = list(ingest_paths(store, [tmp_path / "dump.nq"]))
        assert sorted(results[0].documents) == ["a.txt", "b.txt"]
        assert store.stats() == expected


def test_stats_are_counted_once_for_an_unchanged_store_and_again_after_a_write(tmp_path, statements):
    from pharmgraph.store import STATS_FILE

    location = tmp_path / "kg"
    with open_store(location) as store:
        store.ingest(statements[:1])
        first = store.stats()
        store.ingest(statements[1:])  # the same open store, written again
        second = store.stats()
    assert first["statements"] < second["statements"]
    with open_store(location, read_only=True) as store:
        third = store.stats()
    assert third == second and (location / STATS_FILE).exists()
    with open_store(location, read_only=True) as store:
        assert store.stats() == third  # from the saved counts
        third["statements"] += 1  # a caller changing its copy changes nothing saved
        assert store.stats() != third
    with open_store(location) as store:
        store.remove_document(store.documents()[0])
    with open_store(location, read_only=True) as store:
        assert store.stats()["documents"] == second["documents"] - 1


def test_the_quad_count_is_the_named_graphs_as_sparql_counts_them(tmp_path, statements):
    import pyoxigraph as ox

    with open_store(tmp_path / "kg") as store:
        store.ingest(statements)
        store.raw.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"),
                              ox.Literal("in the default graph")))
        by_sparql = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]
        assert store.count() == int(by_sparql) == len(store.raw) - 1 > 0
