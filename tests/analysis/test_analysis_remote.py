"""The same answers from the embedded store and from a SPARQL 1.1 server (`oxigraph serve`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


def _binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    """A running `oxigraph serve` holding the fixture statements, stopped afterwards."""
    binary = _binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    location = tmp_path_factory.mktemp("served")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.2)
    store = open_store(url)
    assert isinstance(store, SparqlEndpointStore)
    store.ingest(fixture_statements())
    yield store
    process.terminate()
    process.wait(timeout=10)


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
