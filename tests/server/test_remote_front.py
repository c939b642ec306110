"""``pharmgraph --store URL serve``: the same server in front of a real ``oxigraph serve``.

The front and the embedded server hold the same statements; their answers and pages are
compared. A counting proxy between the front and the remote shows that refused queries never
reach the remote, and stands in for a remote that is down or slow.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph
import pytest
from click.testing import CliRunner
from remote_front import CountingProxy
from server_kg import Server, free_port, statements

from pharmgraph.cli import main
from pharmgraph.errors import StoreError
from pharmgraph.server.label_index import build, build_remote
from pharmgraph.server.remote import RemoteSource, check_endpoint
from pharmgraph.store import OxigraphStore, SparqlEndpointStore

from engines import oxigraph_server, virtuoso_server

LIMIT = 50
SELECTS = [
    "SELECT ?d ?t WHERE { ?d pg:blocks ?t }",
    "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label",
    "SELECT ?st ?doc ?sentence WHERE { ?st pg:hasEvidence ?ev ; pg:statedIn ?doc . ?ev pg:sentence ?sentence }",
    "SELECT ?p (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st rdf:predicate ?p } GROUP BY ?p",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    'SELECT ?e WHERE { ?e skos:altLabel ?a FILTER(CONTAINS(?a, "Lamic")) }',
]
# Virtuoso's default graph also holds its own graphs (OWL, its schemas): only our data here.
VIRTUOSO_SELECTS = [*(q for q in SELECTS if "GRAPH" not in q and "?s rdfs:label" not in q),
                    "SELECT ?s ?label WHERE { ?s pg:curie ?c ; rdfs:label ?label } ORDER BY ?label"]
PAGES = ["/", "/entity/CHEBI:6367", "/entity/mesh:D062528", "/entity/pharmgraph:evil",
         "/document/doc-a.txt", "/document/odd <b>name</b> & more.txt",
         "/search?q=lamo", "/search?q=lamictl", "/search?q=CHEBI", "/entity/CHEBI:0000", "/document/nothing"]


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``oxigraph serve`` holding the same statements as the embedded store."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-remote")) as url:
        SparqlEndpointStore(url).ingest(statements())
        yield url


@pytest.fixture(scope="module")
def proxy(remote: str) -> Iterator[CountingProxy]:
    running = CountingProxy(remote)
    yield running
    running.close()


@pytest.fixture(scope="module")
def front(proxy: CountingProxy) -> Iterator[Server]:
    """``pharmgraph serve`` in front of the remote (through the proxy), 3 s and 50 rows."""
    running = Server(proxy.url, "--timeout", "3", "--max-results", str(LIMIT), "--workers", "2")  # type: ignore[arg-type]
    yield running
    running.stop()


def _rows(server: Server, query: str, **params: str) -> list[str]:
    response = httpx.get(server.endpoint, params={"query": query, **params},
                         headers={"Accept": "application/sparql-results+json"}, timeout=10)
    assert response.status_code == 200, response.text
    data = response.json()
    return sorted(json.dumps(b, sort_keys=True) for b in data["results"]["bindings"])


def _triples(server: Server, query: str) -> set[str]:
    response = httpx.get(server.endpoint, params={"query": query, "format": "ntriples"}, timeout=10)
    assert response.status_code == 200, response.text
    return {str(t) for t in pyoxigraph.parse(response.content, pyoxigraph.RdfFormat.N_TRIPLES)}


@pytest.mark.parametrize("query", SELECTS)
def test_a_select_answers_the_same_rows_as_the_embedded_server(front, server, query):
    assert _rows(front, query) == _rows(server, query)
    assert _rows(front, query, distinct="false") == _rows(server, query, distinct="false")


def test_every_result_format_matches_the_embedded_server(front, server):
    query = "SELECT ?d ?label WHERE { ?d pg:blocks ?t ; rdfs:label ?label }"
    for media in ("text/csv", "text/tab-separated-values", "application/sparql-results+xml"):
        here = httpx.get(front.endpoint, params={"query": query}, headers={"Accept": media}, timeout=10)
        there = httpx.get(server.endpoint, params={"query": query}, headers={"Accept": media}, timeout=10)
        assert here.status_code == there.status_code == 200
        assert here.headers["content-type"] == there.headers["content-type"]
        assert here.headers["x-pharmgraph-distinct"] == there.headers["x-pharmgraph-distinct"] == "added"
        if media == "text/csv":
            first, second = (list(csv.reader(io.StringIO(r.text))) for r in (here, there))
            assert first[0] == second[0] and sorted(first[1:]) == sorted(second[1:]) and len(first) == 3
        elif media == "text/tab-separated-values":
            first, second = (r.text.splitlines() for r in (here, there))
            assert first[0] == second[0] and sorted(first[1:]) == sorted(second[1:])
        else:
            assert here.text.count("<result>") == there.text.count("<result>") == 2
    ask = "ASK { ?d pg:blocks ?t }"
    assert httpx.get(front.endpoint, params={"query": ask}).json() == {"head": {}, "boolean": True}
    construct = "CONSTRUCT { ?d pg:blocks ?t } WHERE { ?d pg:blocks ?t }"
    assert _triples(front, construct) == _triples(server, construct)
    assert len(_triples(front, "DESCRIBE <http://purl.obolibrary.org/obo/CHEBI_8107>")) > 0


def test_the_row_limit_cuts_the_remote_answer_short(front):
    response = httpx.get(front.endpoint, params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=10)
    assert response.status_code == 200
    assert response.headers["x-pharmgraph-truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == LIMIT


def test_a_dataset_named_in_the_request_is_forwarded(front, server):
    query = "SELECT ?s WHERE { ?s pg:curie ?c }"
    graph = "https://w3id.org/pharmgraph/document/doc-a.txt"
    assert _rows(front, query, **{"default-graph-uri": graph}) == _rows(server, query, **{"default-graph-uri": graph})
    assert len(_rows(front, query, **{"default-graph-uri": graph})) == 4


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_the_same_as_the_embedded_servers(front, server, path):
    here, there = httpx.get(front.url + path, timeout=10), httpx.get(server.url + path, timeout=10)
    assert here.status_code == there.status_code
    assert here.text == there.text


def test_the_query_page_and_the_graph_view_work(front):
    page = httpx.get(front.url + "/query", params={"query": "SELECT ?d WHERE { ?d pg:blocks ?t }"}, timeout=10)
    assert page.status_code == 200
    assert 'id="result-table"' in page.text and "lamotrigine" in page.text and "2 rows" in page.text
    view = httpx.get(front.url + "/view/entity/CHEBI:6367", timeout=20)
    assert view.status_code == 200 and "Nav1.2" in view.text


def test_refused_queries_never_reach_the_remote(front, proxy, remote):
    before_data = SparqlEndpointStore(remote).count()
    before = proxy.count
    endpoint = front.endpoint
    answers = [
        httpx.get(endpoint, params={"query": f"SELECT * WHERE {{ SERVICE <{proxy.url}> {{ ?s ?p ?o }} }}"}),
        httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o . { SELECT ?s WHERE { SERVICE <http://x/> {} } } }"}),
        httpx.post(endpoint, data={"query": "LOAD <http://example.org/data.ttl>"}),
        httpx.post(endpoint, data={"query": "INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/b> <http://e/c> } }"}),
        httpx.post(endpoint, data={"update": "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"}),
        httpx.post(endpoint, content=b"DELETE WHERE { ?s ?p ?o }", headers={"Content-Type": "application/sparql-update"}),
        httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p }"}),  # malformed: refused by the parser
        httpx.post(front.url + "/query", data={"query": "DELETE WHERE { ?s ?p ?o }"}),
    ]
    assert [a.status_code for a in answers] == [403, 403, 400, 400, 403, 403, 400, 400]
    assert "SERVICE is not allowed" in answers[0].text
    assert proxy.count == before, proxy.queries[before:]
    assert SparqlEndpointStore(remote).count() == before_data


def test_the_label_index_is_read_in_pages(remote, store_path: Path):
    embedded = OxigraphStore(store_path, read_only=True)
    try:
        expected = build(embedded.raw)
    finally:
        embedded.close()
    source = RemoteSource(remote)
    try:
        paged = build_remote(source, page=2)
    finally:
        source.close()
    assert len(paged) == len(expected) == 9 and paged.names == expected.names
    for query in ("lamo", "lamictl", "sodium", "CHEBI:8107", "gaba"):
        assert [(h.curie, h.label, h.type, h.matched) for h in paged.search(query)] == \
               [(h.curie, h.label, h.type, h.matched) for h in expected.search(query)]


def test_a_slow_remote_gives_504_and_one_that_is_down_gives_502(front, proxy):
    proxy.delay = 5.0
    try:
        began = time.monotonic()
        slow = httpx.get(front.endpoint, params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
        assert time.monotonic() - began < 4.5
    finally:
        proxy.delay = 0.0
    assert slow.status_code == 504
    assert slow.text.count(".") == 1 and "did not answer" in slow.text
    proxy.down()
    try:
        query = httpx.get(front.endpoint, params={"query": "SELECT ?s WHERE { ?s pg:curie ?c }"}, timeout=10)
        page = httpx.get(front.url + "/entity/CHEBI:6367", timeout=10)
        form = httpx.get(front.url + "/query", params={"query": "ASK {}"}, timeout=10)
    finally:
        proxy.up()
    assert query.status_code == page.status_code == form.status_code == 502
    assert query.text.strip() == "The SPARQL server could not be reached (Connection refused)."
    assert "<h1>Bad gateway</h1><p>The SPARQL server could not be reached (Connection refused).</p>" in page.text
    assert "Traceback" not in query.text + page.text + form.text
    # Back up: the front answers again, without a restart.
    assert httpx.get(front.endpoint, params={"query": "ASK { ?s pg:curie ?c }"}).json()["boolean"] is True


def test_serve_refuses_a_remote_that_cannot_be_reached():
    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(main, ["--store", url, "serve", "--port", str(free_port())])
    assert result.exit_code != 0
    assert result.output.strip() == (
        f"Error: Cannot serve {url}: the SPARQL server could not be reached (Connection refused)."
    )


@pytest.mark.slow
def test_in_front_of_virtuoso(server, store_path: Path, tmp_path: Path):
    with virtuoso_server(tmp_path) as url:
        SparqlEndpointStore(url, url).ingest(statements())
        front = Server(url, "--timeout", "10", "--max-results", str(LIMIT))  # type: ignore[arg-type]
        try:
            for query in VIRTUOSO_SELECTS:
                assert _rows(front, query) == _rows(server, query), query
            for path in PAGES:
                here, there = httpx.get(front.url + path, timeout=10), httpx.get(server.url + path, timeout=10)
                assert (here.status_code, here.text) == (there.status_code, there.text), path
            refused = httpx.post(front.endpoint, data={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"})
            assert refused.status_code == 403
            before = SparqlEndpointStore(url).count()
            update = httpx.post(front.endpoint, data={"update": "CLEAR ALL"})
            assert update.status_code == 403 and SparqlEndpointStore(url).count() == before
        finally:
            front.stop()
        source = RemoteSource(url)
        try:
            paged = build_remote(source, page=3)
        finally:
            source.close()
        embedded = OxigraphStore(store_path, read_only=True)
        try:
            expected = build(embedded.raw)
        finally:
            embedded.close()
        assert len(paged) == len(expected) and paged.names == expected.names
        assert [h.curie for h in paged.search("lamictl")] == [h.curie for h in expected.search("lamictl")]


def test_serve_refuses_a_remote_whose_default_graph_is_not_the_union(tmp_path: Path):
    import shutil
    import subprocess
    import sys

    with oxigraph_server(tmp_path) as url:
        SparqlEndpointStore(url).ingest(statements())
    local = Path(sys.executable).parent / "oxigraph"
    binary = str(local) if local.exists() else shutil.which("oxigraph")
    assert binary is not None  # oxigraph_server above skips when it is missing
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(url, params={"query": "ASK {}"}, timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and process.poll() is None, "oxigraph serve did not start"
                time.sleep(0.2)
        with pytest.raises(StoreError, match="does not treat its default graph as the union"):
            check_endpoint(url)
    finally:
        process.terminate()
        process.wait(timeout=10)
