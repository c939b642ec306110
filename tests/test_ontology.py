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
    assert {str(p).rsplit("#", 1)[1] for p in declared} - {"hasEvidence", "statedIn", "hasQualifier", "source", "describesEntitiesOf"} == set(PREDICATES)
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


def test_record_evidence_properties_are_declared_as_rdf_py_writes_them():
    graph = _ontology()
    assert (PG.source, RDF.type, OWL.ObjectProperty) in graph
    for name in ("record", "sourceVersion", "knowledgeLevel"):
        assert (PG[name], RDF.type, OWL.DatatypeProperty) in graph, name
        # Evidence nodes, and statement or document nodes carrying evidence (model 2).
        domain = graph.value(PG[name], RDFS.domain)
        members = set(graph.items(graph.value(domain, OWL.unionOf)))
        assert {PG.Evidence, PG.Statement} <= members, name


def _record_statement(**evidence):
    from pharmgraph.model import Entity, Evidence, Statement

    return Statement(
        Entity("drugbank:DB00555", "Lamotrigine", "Drug", xrefs=("CHEBI:6367",)),
        "binds",
        Entity("NCBIGene:6323", "SCN1A", "Protein"),
        evidence=(Evidence("source:hetionet", "Hetionet edge CbG", **evidence),),
    )


def test_shapes_accept_database_record_evidence():
    from pharmgraph.validation import validate_statements

    stmt = _record_statement(
        source="infores:hetionet", record="Compound::DB00555|CbG|Gene::6323",
        source_version="1.0", knowledge_level="knowledge_assertion",
    )
    assert [f for f in validate_statements([stmt]) if f.severity == "Violation"] == []


def test_shapes_reject_a_source_without_record_and_an_unknown_knowledge_level():
    from pharmgraph.validation import validate_statements

    no_record = validate_statements([_record_statement(source="infores:hetionet")])
    assert any("must name its record" in f.message for f in no_record)
    bad_level = validate_statements(
        [_record_statement(source="infores:hetionet", record="r1", knowledge_level="hearsay")]
    )
    assert any("knowledge level" in f.message for f in bad_level)


def test_target_role_tells_mechanism_targets_from_enzymes_transporters_and_carriers():
    from pharmgraph.vocabulary import TARGET_ROLES, target_role

    cases = {
        ("metabolised_by", "Enzyme", "CYP3A4"): "metabolism",
        ("transported_by", "Transporter", None): "transport",
        ("binds", "Protein", "CYP2C9"): "metabolism",
        ("inhibits", "Enzyme", "cytochrome P450 2D6"): "metabolism",
        ("increases", "Enzyme", "UGT1A4"): "metabolism",
        ("substrate_of", "Enzyme", "some esterase"): "metabolism",
        ("binds", "Protein", "ABCB1"): "transport",
        ("inhibits", "Transporter", "P-glycoprotein"): "transport",
        ("binds", "Protein", "SLCO1B1"): "transport",
        ("binds", "Protein", "ALB"): "carrier",
        ("binds", "Protein", "alpha-1-acid glycoprotein"): "carrier",
        # Drugs act through these, although their families hold drug-handling members.
        ("inhibits", "Enzyme", "CYP19A1"): "mechanism",
        ("inhibits", "Enzyme", "CYP51A1"): "mechanism",
        ("inhibits", "Transporter", "SLC6A4"): "mechanism",
        ("binds", "Protein", "ABCC8"): "mechanism",
        ("inhibits", "Enzyme", "COMT"): "mechanism",
        # A channel is a mechanism target whatever it is called.
        ("blocks", "IonChannel", "CYP-like channel CYP3A4"): "mechanism",
        ("blocks", "IonChannel", "Nav1.2"): "mechanism",
        ("binds", "Protein", None): "mechanism",
    }
    for (predicate, kind, label), role in cases.items():
        assert target_role(predicate, kind, label) == role, (predicate, kind, label)
        assert role in TARGET_ROLES
