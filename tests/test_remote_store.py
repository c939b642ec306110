"""The remote mode against a real SPARQL 1.1 server (Oxigraph's `oxigraph serve`)."""

from __future__ import annotations

import pytest

from pharmgraph.errors import QueryError, StoreError
from pharmgraph.model import Statement
from pharmgraph.store import SparqlEndpointStore, open_store

from engines import free_port, oxigraph_server
from pg_fixtures import LAMOTRIGINE, VGSC, ev


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


def test_url_opens_a_remote_store(endpoint):
    store = open_store(endpoint)
    assert isinstance(store, SparqlEndpointStore)
    assert store.update_url.endswith("/update")


def test_remote_ingest_query_and_idempotent_reingest(endpoint, statements):
    store = open_store(endpoint)
    for document in store.documents():
        store.remove_document(document)
    assert store.ingest(statements) == {"a.txt": 2, "b.txt": 2}
    count = store.count()
    store.ingest(statements)
    assert store.count() == count
    rows = store.select("SELECT ?d WHERE { ?d pg:blocks ?t } ORDER BY ?d")
    assert len(rows) == 2
    assert not store.ask("ASK { ?s pg:binds ?o }")
    stats = store.stats()
    assert (stats["statements"], stats["negated"], stats["hedged"]) == (4, 1, 1)
    store.ingest([Statement(LAMOTRIGINE, "inhibits", VGSC, evidence=(ev("a.txt", "Replaced."),))])
    assert store.stats()["statements"] == 3
    assert b"<https://w3id.org/pharmgraph/document/b.txt>" in store.export("nquads")


def test_remote_errors_are_one_sentence(endpoint):
    store = open_store(endpoint)
    with pytest.raises(QueryError, match="rejected"):
        store.select("SELEC nothing")
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.select("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    port = free_port()
    with pytest.raises(StoreError, match="Cannot reach the SPARQL server"):
        open_store(f"http://127.0.0.1:{port}/query").count()
