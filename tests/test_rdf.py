"""Statements to RDF, compared as graphs."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from pharmgraph.model import Statement
from pharmgraph.rdf import document_graph, document_iri, statement_iri, to_dataset

from pg_fixtures import BZD_SITE, LAMOTRIGINE, LOSIGAMONE, VGSC, ev

PG = Namespace("https://w3id.org/pharmgraph/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
LTG = URIRef("http://purl.obolibrary.org/obo/CHEBI_6367")
NAV = URIRef("https://bioregistry.io/mesh:D062528")


def test_statement_maps_to_expected_graph():
    evidence = ev("a.txt", "Lamotrigine blocks sodium channels.")
    stmt = Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(evidence,))
    got = document_graph("a.txt", [stmt])

    doc = URIRef(document_iri("a.txt"))
    node = URIRef(statement_iri(stmt, "a.txt"))
    expected = Graph()
    evidence_node = next(got.objects(node, PG.hasEvidence))
    for triple in [
        (doc, RDF.type, PG.Document), (doc, RDFS.label, Literal("a.txt")),
        (LTG, RDF.type, PG.Drug), (LTG, RDFS.label, Literal("lamotrigine")),
        (LTG, PG.curie, Literal("CHEBI:6367")),
        (LTG, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"), Literal("Lamictal")),
        (NAV, RDF.type, PG.IonChannel), (NAV, RDFS.label, Literal("voltage-gated sodium channel")),
        (NAV, PG.curie, Literal("mesh:D062528")),
        (node, RDF.type, PG.Statement), (node, RDF.subject, LTG), (node, RDF.predicate, PG.blocks),
        (node, RDF.object, NAV), (node, PG.negated, Literal(False)),
        (node, PG.certainty, Literal("asserted")), (node, PG.statedIn, doc),
        (node, PG.hasEvidence, evidence_node),
        (evidence_node, RDF.type, PG.Evidence), (evidence_node, PROV.wasDerivedFrom, doc),
        (evidence_node, PG.sentence, Literal("Lamotrigine blocks sodium channels.")),
        (evidence_node, PG.start, Literal(0, datatype=XSD.integer)),
        (evidence_node, PG.end, Literal(35, datatype=XSD.integer)),
        (evidence_node, PG.citesReference, Literal("1")),
        (evidence_node, PG.extractor, Literal("test")),
        (LTG, PG.blocks, NAV),
    ]:
        expected.add(triple)
    assert isomorphic(got, expected)


def test_negated_statement_never_yields_the_plain_triple():
    stmt = Statement(LOSIGAMONE, "binds", BZD_SITE, negated=True, evidence=(ev("b.txt", "No binding."),))
    graph = document_graph("b.txt", [stmt])
    subject = URIRef("https://w3id.org/pharmgraph/entity/losigamone")
    assert (subject, PG.binds, None) not in graph
    node = URIRef(statement_iri(stmt, "b.txt"))
    assert (node, PG.negated, Literal(True)) in graph


def test_hedged_statement_keeps_plain_triple_and_flag():
    stmt = Statement(LAMOTRIGINE, "blocks", VGSC, certainty="hedged", evidence=(ev("a.txt", "x"),))
    graph = document_graph("a.txt", [stmt])
    assert (LTG, PG.blocks, NAV) in graph
    assert (URIRef(statement_iri(stmt, "a.txt")), PG.certainty, Literal("hedged")) in graph


def test_one_named_graph_per_document_with_only_its_evidence(statements):
    dataset = to_dataset(statements)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {document_iri("a.txt"), document_iri("b.txt")}
    graph_a = dataset.graph(URIRef(document_iri("a.txt")))
    sentences = {str(o) for o in graph_a.objects(None, PG.sentence)}
    assert sentences == {"Lamotrigine blocks sodium channels.", "It may help in epilepsy."}


def test_iris_are_deterministic(statements):
    first = to_dataset(statements)
    second = to_dataset(list(statements))
    for graph in first.graphs():
        assert isomorphic(graph, second.graph(graph.identifier))
