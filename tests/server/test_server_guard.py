"""SERVICE and LOAD bypasses, sent through a real server and through the CLI, against a
loopback listener that counts connections: it must get none."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from click.testing import CliRunner
from server_kg import statements

from pharmgraph.cli import main
from pharmgraph.errors import QueryError
from pharmgraph.sparql_guard import (
    add_distinct,
    analyse,
    check_query,
    check_tokens,
    distinct_by_default,
)
from pharmgraph.store import open_store


class Listener:
    """A TCP listener on 127.0.0.1 that accepts, counts and closes every connection."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


# Each text holds {U}, the listener's URL. The first two are the bypasses of issue 12.
BYPASSES: dict[str, str] = {
    "comment ended by CR": "SELECT * WHERE { ?s ?p ?o # a note\r SERVICE <{U}> { ?a ?b ?c } }",
    "prefixed-name escape": "SELECT * WHERE { { ?s pg:x\\' ?o } UNION { SERVICE <{U}> { ?a ?b ?c } } UNION { ?s pg:y\\' ?o } }",
    "lower case": "select * where { service <{U}> { ?a ?b ?c } }",
    "mixed case": "SeLeCt * { SeRvIcE <{U}> { ?a ?b ?c } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{U}> { ?a ?b ?c } }",
    "no spaces": "SELECT*{SERVICE<{U}>{?a ?b ?c}}",
    "tabs and line feeds": "SELECT *\n{\tSERVICE\t<{U}>\n{ ?a ?b ?c } }",
    "u escape of a letter": "SELECT * WHERE { \\u0053ERVICE <{U}> { ?a ?b ?c } }",
    "u escapes of every letter": "SELECT * WHERE { \\u0053\\u0045\\u0052\\u0056\\u0049\\u0043\\u0045 <{U}> { ?a ?b ?c } }",
    "U escape": "SELECT * WHERE { \\U00000073ervice <{U}> { ?a ?b ?c } }",
    "comment between keyword and IRI": "SELECT * WHERE { SERVICE # hidden?\n <{U}> { ?a ?b ?c } }",
    "CR comment before a quote": "SELECT * WHERE { ?s ?p ?o # it's\r SERVICE <{U}> { ?a ?b 'x' } }",
    "escaped hash in a name": "SELECT * WHERE { ?s pg:a\\# ?o . SERVICE <{U}> { ?a ?b ?c } }",
    "less-than before a quote": "SELECT * WHERE { { ?s ?p ?o FILTER(?o<'x>') } UNION { SERVICE <{U}> { ?a ?b ?c } } UNION { ?s ?p '' } }",
    "in OPTIONAL": "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{U}> { ?s ?b ?c } } }",
    "in UNION": "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <{U}> { ?a ?b ?c } } }",
    "in MINUS": "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <{U}> { ?s ?b ?c } } }",
    "in FILTER EXISTS": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{U}> { ?s ?b ?c } } }",
    "in FILTER NOT EXISTS": "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <{U}> { ?s ?b ?c } } }",
    "in a subquery": "SELECT * WHERE { { SELECT ?a WHERE { SERVICE <{U}> { ?a ?b ?c } } } }",
    "in nested groups": "SELECT * WHERE { { { { SERVICE <{U}> { ?a ?b ?c } } } } }",
    "in GRAPH": "SELECT * WHERE { GRAPH ?g { SERVICE <{U}> { ?a ?b ?c } } }",
    "endpoint from VALUES": "SELECT * WHERE { SERVICE ?e { ?a ?b ?c } VALUES ?e { <{U}> } }",
    "property path inside": "SELECT * WHERE { SERVICE <{U}> { ?a pg:blocks/pg:inhibits* ?c } }",
    "prefixed endpoint": "PREFIX evil: <{U}> SELECT * WHERE { SERVICE evil: { ?a ?b ?c } }",
    "prefixed endpoint, no space": "PREFIX : <{U}> SELECT * WHERE { ?s ?p ?o . SERVICE:{ ?a ?b ?c } }",
    "ASK": "ASK { SERVICE <{U}> { ?a ?b ?c } }",
    "CONSTRUCT": "CONSTRUCT { ?a ?b ?c } WHERE { SERVICE <{U}> { ?a ?b ?c } }",
    "DESCRIBE": "DESCRIBE ?a WHERE { SERVICE <{U}> { ?a ?b ?c } }",
    "after a long string": "SELECT * WHERE { { ?s ?p '''it''' } UNION { SERVICE <{U}> { ?a ?b ?c } } }",
    "LOAD as a query": "LOAD <{U}>",
    "LOAD after a prologue": "PREFIX ex: <http://e/> LOAD <{U}> INTO GRAPH ex:g",
}

# Which of the texts above pyoxigraph, unguarded, really sends to the URL (checked below).
CONNECTS = ["comment ended by CR", "prefixed-name escape", "CR comment before a quote",
            "less-than before a quote", "in FILTER EXISTS", "in MINUS", "in a subquery",
            "prefixed endpoint, no space", "ASK", "after a long string"]


def text(name: str, listener: Listener) -> str:
    return BYPASSES[name].replace("{U}", listener.url)


def test_the_listener_counts_connections(listener):
    before = listener.connections
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    deadline = time.monotonic() + 2
    while listener.connections == before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert listener.connections == before + 1
    listener.connections = 0


@pytest.mark.parametrize("name", CONNECTS)
def test_unguarded_oxigraph_would_call_the_url(name):
    """The cases are real: pyoxigraph alone does connect (so the guard is what stops them)."""
    probe = Listener()
    try:
        code = (
            "import pyoxigraph, sys\n"
            "from pharmgraph.rdf import PREFIXES\n"
            "store = pyoxigraph.Store()\n"
            "n = pyoxigraph.NamedNode\n"
            "store.add(pyoxigraph.Quad(n('http://a/'), n('http://b/'), n('http://c/')))\n"
            "try:\n"
            "    list(store.query(sys.argv[1], prefixes=PREFIXES))\n"
            "except Exception:\n"
            "    pass\n"
        )
        subprocess.run([sys.executable, "-c", code, text(name, probe)], timeout=60, check=False,
                       capture_output=True)
        time.sleep(0.2)
        assert probe.connections >= 1
    finally:
        probe.close()


@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_the_guard_refuses(name, listener):
    with pytest.raises(QueryError):
        check_query(text(name, listener))


@pytest.fixture(scope="module")
def guarded_server(store_path):
    from server_kg import Server

    running = Server(store_path, "--timeout", "5", "--workers", "1", "--queue", "64")
    yield running
    running.stop()


def test_no_bypass_reaches_the_listener_through_the_server(guarded_server, listener):
    listener.connections = 0
    statuses = {}
    with httpx.Client(timeout=30) as client:
        for name in BYPASSES:
            query = text(name, listener)
            get = client.get(guarded_server.endpoint, params={"query": query})
            post = client.post(guarded_server.endpoint, content=query.encode(),
                               headers={"Content-Type": "application/sparql-query"})
            form = client.post(guarded_server.url + "/query", data={"query": query},
                               headers={"Origin": guarded_server.url})
            statuses[name] = (get.status_code, post.status_code, form.status_code)
    time.sleep(0.3)
    assert listener.connections == 0
    assert all(200 not in codes for codes in statuses.values()), statuses
    assert statuses["comment ended by CR"] == (403, 403, 403)
    assert statuses["prefixed-name escape"] == (403, 403, 403)


def test_no_bypass_reaches_the_listener_through_the_cli(tmp_path, listener):
    store = open_store(tmp_path / "kg")
    store.ingest(statements()[:2])
    store.close()
    listener.connections = 0
    runner = CliRunner()
    for name in BYPASSES:
        result = runner.invoke(main, ["--store", str(tmp_path / "kg"), "sparql", "--format", "json",
                                      text(name, listener)])
        assert result.exit_code != 0, (name, result.output)
        assert "Error:" in result.output
    time.sleep(0.3)
    assert listener.connections == 0


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s rdfs:label "viral load" }',
    "SELECT ?load ?service WHERE { ?load rdfs:label ?service }",
    "SELECT * WHERE { ?s ?p <http://example.org/service/load> }",
    "SELECT * WHERE { ?s ?p ?o } # load the service later",
    "SELECT * WHERE { ?s ?p 'SERVICE <http://x/> { }' }",
    'SELECT * WHERE { ?s ?p """a "quoted" SERVICE""" }',
])
def test_the_words_in_strings_iris_comments_and_variables_are_fine(query):
    check_query(query)


def test_every_query_the_pages_send_passes_the_guard():
    from pharmgraph.server import page_data

    iri = "<https://bioregistry.io/mesh:D062528>"
    for name in ("COUNTS", "TYPES", "PREDICATES", "DOCUMENTS", "ENTITY", "NARROWER",
                 "ENTITY_STATEMENTS", "NAMES", "DOCUMENT", "DOCUMENT_STATEMENTS"):
        check_query(getattr(page_data, name).replace("%E%", iri).replace("%OTHERS%", iri))


def test_updates_and_unreadable_texts_are_refused():
    for query in ("INSERT DATA { <http://a/> <http://b/> <http://c/> }", "DROP ALL", "SELECT ?x WHERE {"):
        with pytest.raises(QueryError):
            check_query(query)


def test_the_cheap_layer_alone_stops_the_two_issue_bypasses(listener):
    for name in ("comment ended by CR", "prefixed-name escape", "less-than before a quote"):
        with pytest.raises(QueryError):
            check_tokens(text(name, listener))


def test_distinct_rule():
    def adds(query: str) -> bool:
        return distinct_by_default(analyse(query))

    assert adds("SELECT ?d WHERE { ?d pg:blocks ?t }")
    assert adds("SELECT ?x WHERE { { SELECT (COUNT(*) AS ?x) WHERE { ?a ?b ?c } } }")
    assert not adds("SELECT DISTINCT ?d WHERE { ?d pg:blocks ?t }")
    assert not adds("SELECT REDUCED ?d WHERE { ?d pg:blocks ?t }")
    assert not adds("SELECT (COUNT(*) AS ?n) WHERE { ?d pg:blocks ?t }")
    assert not adds("SELECT ?d (SAMPLE(?t) AS ?x) WHERE { ?d pg:blocks ?t } GROUP BY ?d")
    assert not adds("SELECT ?g WHERE { GRAPH ?g { ?d pg:blocks ?t } }")
    assert not adds("SELECT ?d FROM <http://g/> WHERE { ?d pg:blocks ?t }")
    assert not adds("ASK { ?d pg:blocks ?t }")
    assert add_distinct("# SELECT\nselect ?d { ?d ?p 'SELECT' }") == "# SELECT\nselect DISTINCT ?d { ?d ?p 'SELECT' }"
