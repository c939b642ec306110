"""Statements to RDF, compared as graphs."""

from __future__ import annotations

from dataclasses import replace

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


def _entities_and_document(doc):
    return [
        (doc, RDF.type, PG.Document), (doc, RDFS.label, Literal("a.txt")),
        (LTG, RDF.type, PG.Drug), (LTG, RDFS.label, Literal("lamotrigine")),
        (LTG, PG.curie, Literal("CHEBI:6367")),
        (LTG, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"), Literal("Lamictal")),
        (NAV, RDF.type, PG.IonChannel), (NAV, RDFS.label, Literal("voltage-gated sodium channel")),
        (NAV, PG.curie, Literal("mesh:D062528")),
        (LTG, PG.blocks, NAV),
    ]


def test_statement_maps_to_expected_graph():
    # Model 2: the single evidence on the statement node, the shared extractor on the
    # document node, no defaults and nothing the graph already says.
    evidence = ev("a.txt", "Lamotrigine blocks sodium channels.")
    stmt = Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(evidence,))
    got = document_graph("a.txt", [stmt])

    doc = URIRef(document_iri("a.txt"))
    node = URIRef(statement_iri(stmt, "a.txt"))
    expected = Graph()
    for triple in [
        *_entities_and_document(doc),
        (doc, PG.modelVersion, Literal(2)), (doc, PG.extractor, Literal("test")),
        (node, RDF.subject, LTG), (node, RDF.predicate, PG.blocks), (node, RDF.object, NAV),
        (node, PG.sentence, Literal("Lamotrigine blocks sodium channels.")),
        (node, PG.start, Literal(0, datatype=XSD.integer)),
        (node, PG.end, Literal(35, datatype=XSD.integer)),
        (node, PG.citesReference, Literal("1")),
    ]:
        expected.add(triple)
    assert isomorphic(got, expected)


def test_statement_maps_to_the_version_1_graph_on_request():
    evidence = ev("a.txt", "Lamotrigine blocks sodium channels.")
    stmt = Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(evidence,))
    got = document_graph("a.txt", [stmt], version=1)

    doc = URIRef(document_iri("a.txt"))
    node = URIRef(statement_iri(stmt, "a.txt"))
    expected = Graph()
    evidence_node = next(got.objects(node, PG.hasEvidence))
    for triple in [
        *_entities_and_document(doc),
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
    ]:
        expected.add(triple)
    assert isomorphic(got, expected)


def test_several_evidence_get_nodes_and_values_that_differ_stay_on_them():
    first = ev("a.txt", "Lamotrigine blocks sodium channels.")
    second = replace(ev("a.txt", "It blocks them.", 40), extractor="other")
    stmt = Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(first, second))
    got = document_graph("a.txt", [stmt])
    node = URIRef(statement_iri(stmt, "a.txt"))
    doc = URIRef(document_iri("a.txt"))
    nodes = set(got.objects(node, PG.hasEvidence))
    assert len(nodes) == 2 and (node, PG.sentence, None) not in got
    assert {str(got.value(n, PG.extractor)) for n in nodes} == {"test", "other"}
    assert (doc, PG.extractor, None) not in got
    assert not any(got.triples((None, PROV.wasDerivedFrom, None)))
    # The same claim twice in a document: its evidence is kept apart, not merged on the node.
    twice = document_graph("a.txt", [Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(first,)),
                                     Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(second,))])
    assert len(set(twice.objects(node, PG.hasEvidence))) == 2


def test_record_evidence_shares_its_source_on_the_document_node():
    from pharmgraph.model import Evidence

    records = [
        Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(Evidence(
            "db", "", record="r1", source="infores:hetionet", source_version="1.0"),)),
        Statement(LOSIGAMONE, "binds", BZD_SITE, evidence=(Evidence(
            "db", "", record="r2", source="infores:hetionet", source_version="2.0"),)),
    ]
    got = document_graph("db", records)
    doc = URIRef(document_iri("db"))
    assert str(got.value(doc, PG.source)) == "https://bioregistry.io/infores:hetionet"
    assert {str(o) for o in got.objects(None, PG.sourceVersion)} == {"1.0", "2.0"}
    assert (doc, PG.sourceVersion, None) not in got
    assert (None, PG.sentence, None) not in got
    assert {str(o) for o in got.objects(None, PG.record)} == {"r1", "r2"}


def test_nquads_text_is_the_same_graph_as_the_quads(statements):
    import pyoxigraph

    from pharmgraph.rdf import nquads_lines, oxigraph_quads

    for version in (1, 2):
        for document in ("a.txt", "b.txt"):
            stmts = [s for s in statements if document in s.documents]
            text = "".join(nquads_lines(document, stmts, version=version)).encode()
            parsed = list(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS))
            assert set(parsed) == set(oxigraph_quads(document, stmts, version=version))
            assert len(parsed) == len(set(parsed))


def test_nquads_text_refuses_what_the_store_would_refuse():
    import pytest

    from pharmgraph.model import Entity
    from pharmgraph.rdf import nquads_lines

    tricky = Statement(Entity("x:a", 'quote " back \\ new\nline', "Drug"), "binds", VGSC,
                       evidence=(ev("a.txt", "tab\t and \r return"),))
    import pyoxigraph

    text = "".join(nquads_lines("a.txt", [tricky])).encode()
    labels = {q.object.value for q in pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS)
              if q.predicate.value.endswith("#label")}
    assert 'quote " back \\ new\nline' in labels
    with pytest.raises(ValueError):
        nquads_lines("a.txt", [replace(tricky, subject=Entity("local:a b", "x", "Drug"))],
                     t=_broken_iri_terms())


def _broken_iri_terms():
    from pharmgraph.rdf import nquads_terms

    terms = nquads_terms()
    plain = terms.iri
    terms.iri = lambda iri: plain(iri.replace("%20", " "))
    return terms


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
