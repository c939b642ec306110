"""The ontology parses, is consistent under OWL-RL reasoning, and agrees with the code."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from pharmgraph.validation import ontology_path
from pharmgraph.vocabulary import ENTITY_TYPES, PREDICATES

PG = Namespace("https://w3id.org/pharmgraph/ontology#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


def _ontology() -> Graph:
    return Graph().parse(ontology_path("pharmgraph.ttl"), format="turtle")


def test_classes_and_hierarchy_match_the_vocabulary_module():
    graph = _ontology()
    for name, parent in ENTITY_TYPES.items():
        assert (PG[name], RDF.type, OWL.Class) in graph, name
        parents = set(graph.objects(PG[name], RDFS.subClassOf))
        assert parents == ({PG[parent]} if parent else set()), name
    for name in ("Document", "Statement", "Evidence"):
        assert (PG[name], RDF.type, OWL.Class) in graph


def test_predicates_and_hierarchy_match_the_vocabulary_module():
    graph = _ontology()
    declared = {s for s in graph.subjects(RDF.type, OWL.ObjectProperty) if str(s).startswith(str(PG))}
    assert {str(p).rsplit("#", 1)[1] for p in declared} - {"hasEvidence", "statedIn", "hasQualifier"} == set(PREDICATES)
    for name, parents in PREDICATES.items():
        assert set(graph.objects(PG[name], RDFS.subPropertyOf)) == {PG[p] for p in parents}, name


def test_every_predicate_has_a_label_and_the_main_ones_map_to_biolink_or_ro():
    graph = _ontology()
    for name in PREDICATES:
        assert graph.value(PG[name], RDFS.label) is not None, name
    for name in ("affects", "inhibits", "activates", "binds", "treats", "agonist_of", "antagonist_of", "part_of"):
        targets = set(graph.objects(PG[name], SKOS.exactMatch)) | set(graph.objects(PG[name], SKOS.closeMatch))
        assert any("biolink" in str(t) or "RO_" in str(t) or "BFO_" in str(t) for t in targets), name


def test_ontology_is_consistent_under_owl_rl_reasoning():
    import owlrl

    graph = _ontology()
    # A small instance graph that uses every class and predicate must not make anything
    # an owl:Nothing nor trip a disjointness axiom.
    ex = Namespace("http://example.org/")
    graph.add((ex.drug, RDF.type, PG.Drug))
    graph.add((ex.channel, RDF.type, PG.IonChannel))
    graph.add((ex.disease, RDF.type, PG.Disease))
    for name in PREDICATES:
        if name in ("treats",):
            graph.add((ex.drug, PG[name], ex.disease))
        elif name == "enantiomer_of":
            graph.add((ex.drug, PG[name], ex.drug))
        else:
            graph.add((ex.drug, PG[name], ex.channel))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = list(graph.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")))
    errors += [s for s in graph.subjects(RDF.type, OWL.Nothing)]
    assert errors == []
    # The hierarchy is used: blocks entails inhibits, decreases and affects.
    for parent in ("inhibits", "decreases", "affects"):
        assert (ex.drug, PG[parent], ex.channel) in graph


def test_reasoner_catches_a_disjointness_clash():
    import owlrl

    graph = _ontology()
    ex = Namespace("http://example.org/")
    graph.add((ex.thing, RDF.type, PG.Drug))
    graph.add((ex.thing, RDF.type, PG.IonChannel))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = list(graph.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")))
    assert errors, "a Drug that is also a Target must be reported"
