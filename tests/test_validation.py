"""SHACL validation catches broken statements and evidence."""

from __future__ import annotations

from rdflib import Literal, Namespace, URIRef

from pharmgraph.rdf import document_iri, statement_iri, to_dataset
from pharmgraph.store import open_store
from pharmgraph.validation import validate_graph, validate_statements

PG = Namespace("https://w3id.org/pharmgraph/ontology#")


def test_good_statements_conform(statements):
    assert validate_statements(statements) == []


def test_store_contents_conform(statements):
    from pharmgraph.validation import validate_store

    store = open_store(":memory:")
    store.ingest(statements)
    assert validate_store(store) == []


def test_broken_statement_is_reported(statements):
    dataset = to_dataset(statements)
    graph = dataset.graph(URIRef(document_iri("a.txt")))
    node = URIRef(statement_iri(statements[0], "a.txt"))
    graph.add((node, PG.negated, Literal("perhaps")))  # not an xsd:boolean
    graph.add((node, PG.certainty, Literal("probably")))
    findings = validate_graph(dataset)
    messages = {f.message for f in findings if f.focus == str(node)}
    assert any("negated" in m for m in messages)
    assert any("certainty" in m for m in messages)
    assert all(f.severity == "Violation" for f in findings)


def test_evidence_with_reversed_offsets_is_reported(statements):
    dataset = to_dataset(statements)
    graph = dataset.graph(URIRef(document_iri("b.txt")))
    evidence = next(graph.subjects(PG.sentence, Literal("Carbamazepine blocks them too.")))
    graph.set((evidence, PG.start, Literal(100)))
    findings = validate_graph(dataset)
    assert [f.focus for f in findings] == [str(evidence)]
    assert "start no greater than end" in findings[0].message


def test_statement_without_evidence_is_a_warning_only(statements):
    from dataclasses import replace

    findings = validate_statements([replace(statements[0], evidence=())])
    assert findings and {f.severity for f in findings} == {"Warning"}
