"""The same answers from the embedded store and from a SPARQL 1.1 server (`oxigraph serve`)."""

from __future__ import annotations

import pytest
from analysis_kg import fixture_statements

from pharmgraph.analysis import (
    centrality,
    known_or_new,
    neighbors,
    opposite_actions,
    resolve_entity,
    shared_targets,
    shortest_paths,
    similar,
)
from pharmgraph.store import SparqlEndpointStore, open_store

from engines import oxigraph_server


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    """A running `oxigraph serve` holding the fixture statements, stopped afterwards."""
    with oxigraph_server(tmp_path_factory.mktemp("served")) as url:
        store = open_store(url)
        assert isinstance(store, SparqlEndpointStore)
        store.ingest(fixture_statements())
        yield store


def test_the_server_answers_as_the_embedded_store(remote, store):
    for drug in ("lamotrigine", "losigamone", "diazepam"):
        assert shared_targets(remote, drug) == shared_targets(store, drug)
        assert similar(remote, drug) == similar(store, drug)
        assert opposite_actions(remote, drug) == opposite_actions(store, drug)
    assert shared_targets(remote) == shared_targets(store)
    assert centrality(remote) == centrality(store)
    assert neighbors(remote, "VGSC") == neighbors(store, "VGSC")
    assert resolve_entity(remote, "lamictal") == "CHEBI:6367"
    assert [p.to_dict() for p in shortest_paths(remote, "LTG", "losigamone", undirected=True, k=2)] == [
        p.to_dict() for p in shortest_paths(store, "LTG", "losigamone", undirected=True, k=2)]
    assert known_or_new(remote) == known_or_new(store)
