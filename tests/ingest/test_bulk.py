"""The bulk path for large JSON Lines files stores what the ordinary path stores, refuses
the same lines with the same sentences, and never leaves part of a file behind."""

from __future__ import annotations

import json

import pytest
from fuzz_cases import jsonl_lines, valid_jsonl_lines
from helpers import graphs_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from pharmgraph import bulk
from pharmgraph.ingest import Input, ingest_file, ingest_file_ordinary
from pharmgraph.rdf import ENTITY_GRAPH_BASE, PG
from pharmgraph.store import DESCRIBES, STAGING_BASE, open_store


def _line(i: int, document: str, **extra) -> str:
    data = {
        "subject": {"id": f"drugbank:DB{i % 7:05d}", "label": f"drug {i % 7}", "type": "Drug"},
        "predicate": ["binds", "inhibits", "treats"][i % 3],
        "object": {"id": f"NCBIGene:{i}", "label": f"gene {i}", "type": "Protein"} if i % 3 != 2
        else {"id": "MONDO:0005027", "label": "epilepsy", "type": "Disease"},
        "negated": i % 11 == 0,
        "evidence": [{"document": document, "text": "", "record": f"r{i}", "source": "infores:hetionet",
                      "source_version": "1.0", "knowledge_level": "knowledge_assertion"}],
        **extra,
    }
    return json.dumps(data)


def _file(path, lines):
    # surrogatepass: generated lines may hold lone surrogates, as the fuzz files do.
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    return path


@pytest.fixture(scope="module")
def monkeypatch_bulk():
    saved = bulk.BULK_BYTES, bulk.BATCH
    bulk.BULK_BYTES, bulk.BATCH = 0, 2
    yield
    bulk.BULK_BYTES, bulk.BATCH = saved


@pytest.fixture
def always_bulk(monkeypatch):
    monkeypatch.setattr(bulk, "BULK_BYTES", 0)
    monkeypatch.setattr(bulk, "BATCH", 4)


def _store_graphs(location):
    with open_store(location, read_only=True) as store:
        return graphs_of(store.export("nquads")), store.stats()


def _split(graphs):
    """Document graphs without entity descriptions, and every entity description (the bulk
    path describes each entity once, in its file's entity graph)."""
    from rdflib import RDF, RDFS, SKOS, Graph, URIRef

    curie = URIRef(PG + "curie")
    describing = {RDF.type, RDFS.label, curie, SKOS.altLabel, SKOS.broader, SKOS.exactMatch}
    documents, entities = {}, set()
    for name, graph in graphs.items():
        described = set(graph.subjects(curie, None))
        kept = Graph()
        for triple in graph:
            if triple[0] in described and triple[1] in describing:
                entities.add(triple)
            else:
                kept.add(triple)
        if not name.startswith(ENTITY_GRAPH_BASE):
            documents[name] = kept
        else:  # entity descriptions, and the documents they are for
            assert {p for _, p, _ in kept} <= {URIRef(DESCRIBES)}, "an entity graph holds only entity descriptions"
    return documents, entities


def _same(a, b):
    one, two = _split(_store_graphs(a)[0]), _split(_store_graphs(b)[0])
    assert one[0].keys() == two[0].keys()
    for name in one[0]:
        assert isomorphic(one[0][name], two[0][name]), name
    assert one[1] == two[1]


def test_bulk_stores_what_the_ordinary_path_stores(tmp_path, always_bulk):
    lines = [_line(i, f"het/part-{i // 5}") for i in range(23)]
    lines.append(json.dumps({"subject": {"id": "CHEBI:6367", "label": "lamotrigine", "type": "Drug"},
                             "predicate": "blocks", "object": {"label": "zorbulin quux channel", "type": "IonChannel"},
                             "certainty": "hedged", "qualifiers": {"species": "rat"},
                             "evidence": [{"document": "text", "text": "It may block them.", "start": 0, "end": 18},
                                          {"document": "text", "text": "Again.", "start": 20, "end": 26}]}))
    path = _file(tmp_path / "s.jsonl", lines)
    with open_store(tmp_path / "bulk") as store:
        result = ingest_file(store, Input(path, "s.jsonl"))
    with open_store(tmp_path / "plain") as store:
        plain = ingest_file_ordinary(store, Input(path, "s.jsonl"))
    assert result.kind == plain.kind == "statements" and result.documents == plain.documents
    assert result.local_ids == plain.local_ids == 1
    _same(tmp_path / "bulk", tmp_path / "plain")
    graphs, stats = _store_graphs(tmp_path / "bulk")
    assert stats["statements"] == 24 and stats["documents"] == 6
    assert not any(g.startswith(STAGING_BASE) for g in graphs)


def test_a_bad_line_refuses_the_file_with_the_strict_sentence_and_leaves_nothing(tmp_path, always_bulk):
    good = [_line(i, f"het/part-{i // 3}") for i in range(12)]
    bad = _line(12, "het/part-9").replace('"negated": false', '"negated": "no"')
    path = _file(tmp_path / "s.jsonl", [*good, bad])
    with open_store(tmp_path / "kg") as store:
        store.ingest([])  # an existing store
        result = ingest_file(store, Input(path, "s.jsonl"))
        assert result.kind == "refused"
        assert result.error == f'{path}, line 13, field negated: must be boolean, not "no".'
        assert store.count() == 0 and list(store.raw.named_graphs()) == []
    with open_store(tmp_path / "plain") as store:
        assert ingest_file_ordinary(store, Input(path, "s.jsonl")).error == result.error


def test_a_document_that_comes_back_or_is_stored_already_takes_the_ordinary_path(tmp_path, always_bulk):
    lines = [_line(i, "het/a" if i % 2 else "het/b") for i in range(12)]
    path = _file(tmp_path / "s.jsonl", lines)
    with open_store(tmp_path / "kg") as store:
        result = ingest_file(store, Input(path, "s.jsonl"))
        assert result.documents == {"het/b": 6, "het/a": 6}
    with open_store(tmp_path / "plain") as store:
        ingest_file_ordinary(store, Input(path, "s.jsonl"))
    _same(tmp_path / "kg", tmp_path / "plain")
    # Ingesting again replaces the documents (they are in the store: the ordinary path).
    with open_store(tmp_path / "kg") as store:
        assert ingest_file(store, Input(path, "s.jsonl")).documents == {"het/b": 6, "het/a": 6}
    _same(tmp_path / "kg", tmp_path / "plain")


def test_an_interrupted_load_is_hidden_from_readers_and_removed_by_the_next_writer(tmp_path):
    import pyoxigraph as ox

    from pharmgraph.model import Entity, Evidence, Statement
    from pharmgraph.rdf import document_iri, nquads_lines

    location = tmp_path / "kg"
    stmt = Statement(Entity("x:a", "a", "Drug"), "binds", Entity("x:b", "b", "Protein"),
                     evidence=(Evidence("kept", "A binds B.", 0, 10),))
    with open_store(location) as store:
        store.ingest([stmt])
        half = Statement(stmt.subject, "inhibits", stmt.object, evidence=(Evidence("torn", "x", 0, 1),))
        # What a crash in the middle of a bulk load leaves: the pending list and its graph.
        store.raw.extend([ox.Quad(ox.NamedNode(document_iri("torn")), ox.NamedNode(bulk.LOADING),
                                  ox.Literal("t"), ox.NamedNode(bulk.PENDING_GRAPH))])
        store.raw.bulk_load(input="".join(nquads_lines("torn", [half])).encode(), format=ox.RdfFormat.N_QUADS)
    with open_store(location, read_only=True) as store:
        assert store.documents() == ["kept"]
        assert store.stats()["statements"] == 1
        assert not store.ask("ASK { ?s pg:inhibits ?o }")
        assert b"torn" not in store.export("nquads")
    with open_store(location) as store:
        names = {g.value for g in store.raw.named_graphs()}
        assert names == {document_iri("kept")}


def test_the_cli_takes_the_bulk_path_for_large_files(tmp_path, monkeypatch):
    from helpers import ingest_json

    monkeypatch.setattr(bulk, "BULK_BYTES", 0)
    calls = []
    real = bulk.bulk_ingest
    monkeypatch.setattr(bulk, "bulk_ingest", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    path = _file(tmp_path / "s.jsonl", [_line(i, "het/part-0") for i in range(5)])
    code, data, output = ingest_json(tmp_path / "kg", path)
    assert code == 0, output
    assert data["summary"]["statements"] == 5 and calls == [path]


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(jsonl_lines(), valid_jsonl_lines()), min_size=1, max_size=4))
def test_generated_files_land_or_are_refused_alike_on_both_paths(tmp_path_factory, monkeypatch_bulk, lines):
    folder = tmp_path_factory.mktemp("case")
    path = _file(folder / "s.jsonl", lines)
    with open_store(folder / "bulk") as store:
        bulk_result = ingest_file(store, Input(path, "s.jsonl"))
    with open_store(folder / "plain") as store:
        plain = ingest_file_ordinary(store, Input(path, "s.jsonl"))
    assert (bulk_result.kind, bulk_result.error, bulk_result.documents) == (plain.kind, plain.error, plain.documents)
    _same(folder / "bulk", folder / "plain")


def test_a_parallel_run_streams_large_statement_files_through_the_bulk_path(tmp_path, always_bulk, monkeypatch):
    from pharmgraph.ingest import ingest_paths

    calls = []
    real = bulk.bulk_ingest
    monkeypatch.setattr(bulk, "bulk_ingest", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Lamotrigine blocks voltage-gated sodium channels.\n", encoding="utf-8")
    path = _file(tmp_path / "s.jsonl", [_line(i, "het/part-0") for i in range(6)])
    with open_store(tmp_path / "kg") as store:
        results = list(ingest_paths(store, [tmp_path / "a.txt", tmp_path / "b.txt", path], jobs=2))
        assert [r.kind for r in results] == ["document", "document", "statements"]
        assert results[2].documents == {"het/part-0": 6} and calls == [path]
        assert store.stats()["documents"] == 3


CHILD = r"""
import sys
from pharmgraph.ingest import ingest_paths
from pharmgraph.store import open_store
from pharmgraph.grounding import default_grounder
from pharmgraph.model import Entity
default_grounder().entity(Entity("CHEBI:6367", "lamotrigine", "Drug"))  # the lexicon, loaded first
store = open_store(sys.argv[1])
print("open", flush=True)
for result in ingest_paths(store, [sys.argv[2]]):
    print(result.kind, flush=True)
"""


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("delay", [2.5, 4.5])
def test_kill_9_during_a_bulk_load_leaves_the_file_out_whole(tmp_path, delay):
    import os
    import signal
    import subprocess
    import sys
    import time

    path = _file(tmp_path / "s.jsonl", [_line(i, f"het/part-{i // 40}") for i in range(6000)])
    location = tmp_path / "kg"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), PHARMGRAPH_BULK_BYTES="0",
               PHARMGRAPH_BULK_BATCH="300")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(location), str(path)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout.readline().strip() == b"open"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    complete = child.returncode == 0
    if (location / "CURRENT").exists():
        # A reader sees the file whole or not at all, whatever the moment of the kill.
        with open_store(location, read_only=True) as store:
            seen = len(store.documents())
            assert seen in (0, 150), seen
            assert store.ask("ASK { ?s pg:binds ?o }") == (seen == 150)
            assert seen == 150 or not complete
    with open_store(location) as store:
        names = {g.value for g in store.raw.named_graphs()}
        assert not any(n.startswith(STAGING_BASE) for n in names)
        entity_graphs = {n for n in names if n.startswith(ENTITY_GRAPH_BASE)}
        assert (len(names - entity_graphs), len(entity_graphs)) in ((0, 0), (150, 1))


def test_an_entity_graph_goes_with_the_last_of_its_documents(tmp_path, always_bulk):
    lines = [_line(i, f"het/part-{i // 5}") for i in range(12)]
    path = _file(tmp_path / "s.jsonl", lines)
    with open_store(tmp_path / "kg") as store:
        ingest_file(store, Input(path, "s.jsonl"))
        entity_graphs = [g.value for g in store.raw.named_graphs() if g.value.startswith(ENTITY_GRAPH_BASE)]
        assert len(entity_graphs) == 1 and store.documents() == ["het/part-0", "het/part-1", "het/part-2"]
        store.remove_document("het/part-0")
        store.replace_documents({}, remove=["het/part-1"])
        # Still describing the entities of het/part-2, which names them.
        assert [g.value for g in store.raw.named_graphs() if g.value.startswith(ENTITY_GRAPH_BASE)] == entity_graphs
        assert store.ask('ASK { ?e pg:curie "drugbank:DB00003" ; rdfs:label ?l }')
        store.remove_document("het/part-2")
        assert list(store.raw.named_graphs()) == []
        assert store.stats()["entities"] == {}
