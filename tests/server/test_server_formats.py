"""Result serialisation and content negotiation, without a server."""

from __future__ import annotations

import csv
import io
import json
import xml.dom.minidom

import pyoxigraph
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode

from pharmgraph.server.html import Markup, escape, link, render
from pharmgraph.server.negotiation import NotAcceptable, choose, parse_accept
from pharmgraph.server.protocol import is_update
from pharmgraph.server.results import boolean_bytes, solutions_bytes, triples_bytes

XSD = "http://www.w3.org/2001/XMLSchema#"
ROWS = [
    [NamedNode("http://e/a"), Literal("say \"hi\",\tthen\nleave", language="en")],
    [BlankNode("b0"), Literal("3.5", datatype=NamedNode(XSD + "decimal"))],
    [None, Literal("x & <y>")],
]


def _store_results(fmt: pyoxigraph.QueryResultsFormat) -> list[list]:
    """Our serialisation parsed back by pyoxigraph's own result parser."""
    ours = solutions_bytes({pyoxigraph.QueryResultsFormat.JSON: "json", pyoxigraph.QueryResultsFormat.XML: "xml",
                            pyoxigraph.QueryResultsFormat.TSV: "tsv"}[fmt], ["s", "o"], ROWS)
    parsed = pyoxigraph.parse_query_results(ours, format=fmt)
    return [[sol["s"], sol["o"]] for sol in parsed]


@pytest.mark.parametrize("fmt", [pyoxigraph.QueryResultsFormat.JSON, pyoxigraph.QueryResultsFormat.XML,
                                 pyoxigraph.QueryResultsFormat.TSV])
def test_results_round_trip_through_pyoxigraphs_parser(fmt):
    back = _store_results(fmt)
    assert back[0] == ROWS[0]
    assert back[1][1] == ROWS[1][1] and isinstance(back[1][0], BlankNode)
    assert back[2] == ROWS[2]


def test_csv_follows_the_w3c_note():
    rows = list(csv.reader(io.StringIO(solutions_bytes("csv", ["s", "o"], ROWS).decode(), newline="")))
    assert rows[0] == ["s", "o"]
    assert rows[1] == ["http://e/a", "say \"hi\",\tthen\nleave"]
    assert rows[2] == ["_:b0", "3.5"]
    assert rows[3] == ["", "x & <y>"]
    assert solutions_bytes("csv", ["s"], []).endswith(b"\r\n")


def test_xml_is_well_formed_even_with_control_characters():
    data = solutions_bytes("xml", ["o"], [[Literal("bad \x01 char")]])
    document = xml.dom.minidom.parseString(data)
    assert document.getElementsByTagName("literal")[0].firstChild.data == "bad \ufffd char"


def test_booleans_and_triples():
    assert json.loads(boolean_bytes("json", False)) == {"head": {}, "boolean": False}
    assert b"<boolean>true</boolean>" in boolean_bytes("xml", True)
    triple = pyoxigraph.Triple(NamedNode("https://w3id.org/pharmgraph/ontology#x"),
                               NamedNode("http://e/p"), Literal("1"))
    turtle = triples_bytes("turtle", [triple], {"pg": "https://w3id.org/pharmgraph/ontology#"})
    assert b"pg:x" in turtle
    assert [q.triple for q in pyoxigraph.parse(triples_bytes("jsonld", [triple]), format=pyoxigraph.RdfFormat.JSON_LD)] == [triple]
    assert triples_bytes("ntriples", [triple]).strip().endswith(b" .")


def test_negotiation():
    assert choose("select", [], None) == ("json", "application/sparql-results+json")
    assert choose("select", [], "application/sparql-results+xml;q=0.9, text/csv;q=0.95")[0] == "csv"
    assert choose("select", [], "text/*")[0] == "csv"
    assert choose("select", [], "*/*, application/sparql-results+json;q=0")[0] == "xml"
    assert choose("select", ["tsv", "text/tab-separated-values"], "application/json")[0] == "tsv"
    assert choose("graph", ["xml"], None)[0] == "rdfxml"
    assert choose("graph", [], "application/turtle,text/turtle,application/n-triples")[0] == "turtle"
    assert choose("graph", [], "application/n-triples")[0] == "ntriples"
    with pytest.raises(NotAcceptable):
        choose("graph", ["csv"], None)
    with pytest.raises(NotAcceptable):
        choose("select", [], "text/html")
    assert parse_accept("a/b;q=0.5, c/d, */*;q=0.1") == [("c/d", 1.0), ("a/b", 0.5), ("*/*", 0.1)]


def test_update_detection():
    assert is_update("PREFIX a: <http://a/>\n# INSERT? no\nINSERT DATA { a:b a:c a:d }")
    assert is_update("with <http://g> delete { ?s ?p ?o } where { ?s ?p ?o }")
    assert not is_update("SELECT * WHERE { ?s ?p 'INSERT' }")
    assert not is_update("BASE <http://x/> DESCRIBE <a>")


def test_html_helper_escapes_everything_but_markup():
    assert render("<p title=\"{t}\">{b}</p>", t='"><x>', b=Markup("<i>ok</i>")) == \
        '<p title="&quot;&gt;&lt;x&gt;"><i>ok</i></p>'
    assert escape(None) == ""
    assert link("/document", "a b/c.txt") == "/document/a%20b%2Fc.txt"
    assert link("/view/entity", "CHEBI:1", radius=2) == "/view/entity/CHEBI:1?radius=2"
