"""The SPARQL 1.1 Protocol endpoint of a real `pharmgraph serve`, spoken to with SPARQLWrapper."""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import time
import urllib.error

import httpx
import pyoxigraph
import pytest
from server_kg import statements
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    POST,
    POSTDIRECTLY,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from pharmgraph.rdf import PG, document_iri

BLOCKS = "SELECT DISTINCT ?drug ?target WHERE { ?drug pg:blocks ?target } ORDER BY ?drug"
DRUGS = {"http://purl.obolibrary.org/obo/CHEBI_6367", "http://purl.obolibrary.org/obo/CHEBI_8107"}
SODIUM_CHANNEL = "https://bioregistry.io/mesh:D062528"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
STREAMING_SLOW = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l))) < 0) }"

STYLES = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]

pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::RuntimeWarning:SPARQLWrapper.Wrapper"),
]


def wrapper(server, query: str, fmt: str, method: str = GET, request_method: str = URLENCODED) -> SPARQLWrapper:
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    client.setTimeout(30)
    return client


def graph_size(query: str) -> int:
    """Triples the hand-made statements give for a CONSTRUCT query, computed without the server."""
    store = pyoxigraph.Store()
    from pharmgraph.rdf import oxigraph_quads

    for doc in ("doc-a.txt", "doc-b.txt", "odd <b>name</b> & more.txt"):
        store.extend(oxigraph_quads(doc, [s for s in statements() if doc in s.documents]))
    return len(list(store.query(query, use_default_graph_as_union=True, prefixes={"pg": PG})))


@pytest.mark.parametrize(("method", "request_method"), STYLES)
def test_select_json_in_every_request_style(server, method, request_method):
    result = wrapper(server, BLOCKS, JSON, method, request_method).query()
    assert result.response.headers["Content-Type"].startswith("application/sparql-results+json")
    data = result.convert()
    assert data["head"]["vars"] == ["drug", "target"]
    rows = {(b["drug"]["value"], b["target"]["value"]) for b in data["results"]["bindings"]}
    assert rows == {(d, SODIUM_CHANNEL) for d in DRUGS}


def test_select_xml(server):
    document = wrapper(server, BLOCKS, XML, POST).query().convert()
    results = document.getElementsByTagName("result")
    assert len(results) == 2
    uris = {u.firstChild.data for u in document.getElementsByTagName("uri")}
    assert uris == DRUGS | {SODIUM_CHANNEL}


def test_select_csv_and_tsv(server):
    query = 'SELECT DISTINCT ?label WHERE { ?e pg:curie "CHEBI:6367" ; rdfs:label ?label }'
    raw = wrapper(server, query, CSV).query().convert()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert rows == [["label"], ["lamotrigine"]]
    raw = wrapper(server, BLOCKS, TSV, POST, POSTDIRECTLY).query().convert().decode("utf-8")
    lines = raw.strip("\n").split("\n")
    assert lines[0] == "?drug\t?target"
    assert {tuple(line.split("\t")) for line in lines[1:]} == {(f"<{d}>", f"<{SODIUM_CHANNEL}>") for d in DRUGS}


def test_csv_quotes_awkward_values(server):
    query = "SELECT ?label ?n WHERE { ?e pg:curie \"pharmgraph:evil\" ; skos:altLabel ?label BIND(1 AS ?n) }"
    response = httpx.get(server.endpoint, params={"query": query}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(response.text))) == [["label", "n"], ["alias <script>alert(1)</script>", "1"]]


def test_ask(server):
    assert wrapper(server, "ASK { ?d pg:blocks ?t }", JSON).query().convert()["boolean"] is True
    assert wrapper(server, "ASK { ?d pg:binds ?t . ?d pg:curie 'CHEBI:6367' }", JSON).query().convert()["boolean"] is False


@pytest.mark.parametrize(("method", "request_method"), STYLES)
def test_construct_turtle(server, method, request_method):
    query = "CONSTRUCT { ?d pg:blocks ?t } WHERE { ?d pg:blocks ?t }"
    result = wrapper(server, query, TURTLE, method, request_method).query()
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    triples = list(pyoxigraph.parse(result.convert(), format=pyoxigraph.RdfFormat.TURTLE))
    assert {(t.subject.value, t.object.value) for t in triples} == {(d, SODIUM_CHANNEL) for d in DRUGS}


def test_construct_ntriples_and_jsonld(server):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a pg:Evidence ; ?p ?o }"
    expected = graph_size(query)
    client = wrapper(server, query, TURTLE)
    client.setOnlyConneg(True)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    result = client.query()
    assert result.response.headers["Content-Type"].startswith("application/n-triples")
    lines = [line for line in result.convert().decode("utf-8").splitlines() if line.strip()]
    assert len(lines) == expected
    assert all(line.endswith(" .") for line in lines)

    graph = wrapper(server, query, JSONLD, POST).query().convert()  # SPARQLWrapper parses JSON-LD
    assert len(graph) == expected


def test_content_negotiation_and_format_parameter(server):
    def get(query: str, **kwargs) -> httpx.Response:
        return httpx.get(server.endpoint, params={"query": query, **kwargs.pop("params", {})}, **kwargs)

    assert get(BLOCKS).headers["content-type"] == "application/sparql-results+json"
    assert get(BLOCKS, headers={"Accept": "text/tab-separated-values;q=0.5, text/csv"}).headers[
        "content-type"].startswith("text/csv")
    assert get(BLOCKS, params={"format": "xml"}, headers={"Accept": "text/csv"}).headers[
        "content-type"] == "application/sparql-results+xml"
    describe = "DESCRIBE ?d WHERE { ?d pg:curie 'CHEBI:6367' }"
    assert get(describe).headers["content-type"].startswith("text/turtle")
    assert get(describe, params={"format": "json-ld"}).headers["content-type"] == "application/ld+json"
    refused = get(BLOCKS, headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert "application/sparql-results+json" in refused.text
    assert get(describe, params={"format": "csv"}).status_code == 406


@pytest.mark.parametrize("request_method", [URLENCODED, POSTDIRECTLY])
def test_updates_are_refused_with_403(server, request_method):
    client = wrapper(server, f"INSERT DATA {{ GRAPH <{document_iri('x')}> {{ <http://e/a> <http://e/b> <http://e/c> }} }}",
                     JSON, POST, request_method)
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    assert "read-only" in caught.value.read().decode()
    count = httpx.get(server.endpoint, params={"query": "ASK { <http://e/a> ?p ?o }"}).json()
    assert count["boolean"] is False


def test_update_parameter_on_get_and_form_is_refused(server):
    assert httpx.get(server.endpoint, params={"update": "CLEAR ALL"}).status_code == 403
    response = httpx.post(server.endpoint, data={"update": "CLEAR ALL"})
    assert response.status_code == 403


def test_update_sent_as_query_is_400(server):
    response = httpx.post(server.endpoint, data={"query": "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert "update" in response.text
    assert httpx.get(server.endpoint, params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}).json()[
        "results"]["bindings"][0]["n"]["value"] != "0"


def test_service_and_load_are_refused(server):
    response = httpx.get(server.endpoint, params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert response.status_code == 403
    assert "SERVICE is not allowed" in response.text
    client = wrapper(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", JSON, POST, POSTDIRECTLY)
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    assert httpx.post(server.endpoint, data={"query": "LOAD <http://127.0.0.1:9/x.ttl>"}).status_code in (400, 403)


def test_malformed_query_gets_400_with_the_parser_message(server):
    response = httpx.get(server.endpoint, params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert response.text.startswith("The SPARQL query is malformed: error at 1:")
    assert "Traceback" not in response.text
    with pytest.raises(QueryBadFormed) as caught:
        wrapper(server, "SELEKT * WHERE { ?s ?p ?o }", JSON, POST).query()
    assert "malformed" in str(caught.value)


def test_requests_without_a_query(server):
    assert httpx.post(server.endpoint, data={"format": "json"}).status_code == 400
    assert httpx.post(server.endpoint, content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    assert httpx.put(server.endpoint, content=b"x").status_code == 405
    description = httpx.get(server.endpoint)
    assert description.headers["content-type"].startswith("text/turtle")
    assert "sd:SPARQL11Query" in description.text


def test_default_graph_is_the_union_and_graph_works(server):
    query = "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st rdf:subject ?s }"
    total = int(httpx.get(server.endpoint, params={"query": query}).json()["results"]["bindings"][0]["n"]["value"])
    per_doc = {doc: sum(doc in s.documents for s in statements()) for doc in ("doc-a.txt", "doc-b.txt")}
    assert total == sum(len(s.documents) for s in statements())
    query = "SELECT ?g (COUNT(?st) AS ?n) WHERE { GRAPH ?g { ?st rdf:subject ?s } } GROUP BY ?g"
    rows = httpx.get(server.endpoint, params={"query": query}).json()["results"]["bindings"]
    counts = {r["g"]["value"]: int(r["n"]["value"]) for r in rows}
    assert counts[document_iri("doc-a.txt")] == per_doc["doc-a.txt"]


def test_default_and_named_graph_parameters(server):
    doc_a, doc_b = document_iri("doc-a.txt"), document_iri("doc-b.txt")
    count = "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st rdf:subject ?s }"
    expected = {doc: sum(doc in s.documents for s in statements()) for doc in ("doc-a.txt", "doc-b.txt")}

    def number(response: httpx.Response) -> int:
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    assert number(httpx.get(server.endpoint, params={"query": count, "default-graph-uri": doc_a})) == expected["doc-a.txt"]
    both = [("query", count), ("default-graph-uri", doc_a), ("default-graph-uri", doc_b)]
    assert number(httpx.post(server.endpoint, data=dict(both[:1]) | {}, params=both[1:])) == sum(expected.values())
    client = wrapper(server, count, JSON, POST, POSTDIRECTLY)
    client.addDefaultGraph(doc_b)
    assert int(client.query().convert()["results"]["bindings"][0]["n"]["value"]) == expected["doc-b.txt"]

    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    rows = httpx.get(server.endpoint, params={"query": named, "named-graph-uri": doc_b}).json()["results"]["bindings"]
    assert [r["g"]["value"] for r in rows] == [doc_b]
    # Only named graphs given: the default graph is empty (SPARQL 1.1 Protocol, 2.1.4).
    assert number(httpx.get(server.endpoint, params={"query": count, "named-graph-uri": doc_b})) == 0
    bad = httpx.get(server.endpoint, params={"query": count, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400


def test_slow_query_is_stopped_and_the_server_keeps_answering(server):
    for query in (SLOW, STREAMING_SLOW):
        started = time.monotonic()
        response = httpx.get(server.endpoint, params={"query": query}, timeout=30)
        elapsed = time.monotonic() - started
        assert response.status_code == 503
        assert "limit of 3 s" in response.text
        assert elapsed < 8, elapsed
        assert httpx.get(server.endpoint, params={"query": "ASK { ?s ?p ?o }"}, timeout=10).json()["boolean"] is True


def test_slow_queries_do_not_wedge_the_other_workers(server):
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        slow = [pool.submit(httpx.post, server.endpoint, data={"query": SLOW}, timeout=30) for _ in range(2)]
        assert [f.result().status_code for f in slow] == [503, 503]
    # Both workers were killed; the replacements answer.
    deadline = time.monotonic() + 30
    while True:
        response = httpx.get(server.endpoint, params={"query": BLOCKS}, timeout=30)
        if response.status_code == 200 or time.monotonic() > deadline:
            break
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 2


def test_result_cap_truncates_and_says_so(server):
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    response = httpx.get(server.endpoint, params={"query": everything})
    assert response.headers["X-Pharmgraph-Truncated"] == "false"
    total = len(response.json()["results"]["bindings"])
    assert total < 1000
    capped = httpx.get(server.endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"})
    assert capped.headers["X-Pharmgraph-Truncated"] == "true"
    assert capped.headers["X-Pharmgraph-Result-Limit"] == "1000"
    assert len(capped.json()["results"]["bindings"]) == 1000
    for accept, count in [("text/csv", lambda t: len(t.strip().splitlines()) - 1),
                          ("text/tab-separated-values", lambda t: len(t.strip().splitlines()) - 1),
                          ("application/sparql-results+xml", lambda t: t.count("<result>"))]:
        r = httpx.get(server.endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"}, headers={"Accept": accept})
        assert r.headers["X-Pharmgraph-Truncated"] == "true"
        assert count(r.text) == 1000
    graph = httpx.get(server.endpoint, params={"query": "CONSTRUCT { ?s ?p ?a } WHERE { ?s ?p ?o . ?a ?b ?c }"},
                      headers={"Accept": "application/n-triples"})
    assert graph.headers["X-Pharmgraph-Truncated"] == "true"
    assert len(graph.text.strip().splitlines()) <= 1000


def test_results_keep_literal_datatypes_and_languages(server):
    query = 'SELECT ?i ?l ?s WHERE { BIND(42 AS ?i) BIND("chat"@fr AS ?l) BIND("plain" AS ?s) }'
    binding = httpx.get(server.endpoint, params={"query": query}).json()["results"]["bindings"][0]
    assert binding["i"] == {"type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert binding["l"] == {"type": "literal", "value": "chat", "xml:lang": "fr"}
    assert binding["s"] == {"type": "literal", "value": "plain"}
    xml = httpx.get(server.endpoint, params={"query": query, "format": "xml"}).text
    assert '<literal xml:lang="fr">chat</literal>' in xml
    tsv = httpx.get(server.endpoint, params={"query": query, "format": "tsv"}).text.splitlines()[1]
    assert tsv.split("\t") == ['"42"^^<http://www.w3.org/2001/XMLSchema#integer>', '"chat"@fr', '"plain"']
    parsed = json.loads(httpx.get(server.endpoint, params={"query": "ASK {}", "format": "json"}).text)
    assert parsed == {"head": {}, "boolean": True}


def test_foreign_host_names_are_refused_on_loopback(server):
    # A page whose domain was re-pointed at 127.0.0.1 (DNS rebinding) must not read the store.
    response = httpx.get(server.endpoint, params={"query": "ASK {}"}, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert httpx.get(server.endpoint, params={"query": "ASK {}"}, headers={"Host": f"localhost:{server.port}"}).status_code == 200
