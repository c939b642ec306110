"""Hetionet importer: metaedge mapping, record evidence, whole-graph replacement."""

from __future__ import annotations

from collections import Counter

import pytest
from source_fixtures import HETIONET_EDGES, write_sif

from pharmgraph.errors import InputError
from pharmgraph.sources import hetionet
from pharmgraph.store import open_store


def _claims(store):
    rows = store.select(
        """SELECT ?sc ?p ?oc WHERE { GRAPH ?g { ?st rdf:subject ?s ; rdf:predicate ?p ;
             rdf:object ?o . ?s pg:curie ?sc . ?o pg:curie ?oc } }"""
    )
    return {(r["sc"], r["p"].rsplit("#", 1)[1], r["oc"]) for r in rows}


def test_read_hetionet_maps_metaedges_onto_predicates_and_ids(hetionet_dir):
    skipped = Counter()
    statements = list(hetionet.read_hetionet(hetionet_dir, skipped=skipped))
    claims = {(s.subject.id, s.predicate, s.object.id) for s in statements}
    assert ("drugbank:DB00555", "binds", "NCBIGene:6323") in claims
    assert ("drugbank:DB00555", "treats", "DOID:1826") in claims
    assert ("drugbank:DB00555", "causes_adverse_event", "UMLS:C0012833") in claims
    # Associations read gene -> disease; class membership compound -> class.
    assert ("NCBIGene:6323", "contributes_to", "DOID:1826") in claims
    assert ("drugbank:DB00555", "part_of", "ndfrt:N0000175753") in claims
    assert ("NCBIGene:6323", "participates_in", "GO:0035725") in claims
    assert ("DOID:1826", "causes", "mesh:D012640") in claims
    # The sample file repeats two edges: each edge is read once.
    assert len(statements) == sum(1 for e in HETIONET_EDGES if hetionet.METAEDGES[e[1]] is not None)
    assert skipped["unmapped GcG"] == 1 and skipped["unmapped CrC"] == 1


def test_expression_and_palliation_edges_keep_their_qualifiers(hetionet_dir):
    statements = {(s.subject.id, s.predicate, s.object.id): s for s in hetionet.read_hetionet(hetionet_dir)}
    up = statements[("drugbank:DB00555", "increases", "NCBIGene:7157")]
    assert up.qualifier_dict == {"object_aspect": "expression"}
    palliates = statements[("drugbank:DB00564", "treats", "DOID:1826")]
    assert palliates.qualifier_dict == {"intent": "palliative"}


def test_genes_in_drug_handling_families_get_enzyme_and_transporter_types(hetionet_dir):
    nodes = hetionet.read_nodes(hetionet_dir / hetionet.NODES_FILE)
    assert nodes["Gene::1576"].type == "Enzyme"
    assert nodes["Gene::5243"].type == "Transporter"
    assert nodes["Gene::6323"].type == "Protein"
    assert nodes["Symptom::D012640"].id == "mesh:D012640"


def test_evidence_names_the_record_source_version_and_knowledge_level(hetionet_dir):
    store = open_store(":memory:")
    summary = hetionet.import_source(store, hetionet_dir)
    assert summary.document == "source:hetionet" and summary.statements > 0
    rows = store.select(
        """SELECT ?src ?rec ?ver ?kl WHERE { GRAPH ?g { ?ev pg:source ?src ; pg:record ?rec ;
             pg:sourceVersion ?ver ; pg:knowledgeLevel ?kl } }"""
    )
    records = {r["rec"]: r for r in rows}
    cbg = records["Compound::DB00555|CbG|Gene::6323"]
    assert cbg["src"].endswith("infores:hetionet") and cbg["ver"] == "1.0"
    assert cbg["kl"] == "knowledge_assertion"
    assert records["Disease::DOID:1826|DaG|Gene::6323"]["kl"] == "statistical_association"
    assert "source:hetionet" in store.documents()


def test_gene_gene_edges_and_expression_signatures_come_only_when_asked_for(hetionet_dir):
    store = open_store(":memory:")
    default = hetionet.import_source(store, hetionet_dir)
    assert ("NCBIGene:6323", "interacts_with", "NCBIGene:7157") not in _claims(store)
    assert default.skipped["not selected GiG"] == 1
    # A gene whose expression lamotrigine raises is not one of its targets.
    assert ("drugbank:DB00555", "increases", "NCBIGene:7157") not in _claims(store)
    assert default.skipped["not selected CuG"] == 1
    hetionet.import_source(store, hetionet_dir, ["all"])
    assert ("NCBIGene:6323", "interacts_with", "NCBIGene:7157") in _claims(store)
    assert ("drugbank:DB00555", "increases", "NCBIGene:7157") in _claims(store)


@pytest.mark.parametrize("location", [":memory:", "disk"])
def test_reimport_replaces_the_source_graph_whole(hetionet_dir, tmp_path, location):
    store = open_store(tmp_path / "kg" if location == "disk" else ":memory:")
    hetionet.import_source(store, hetionet_dir)
    before = _claims(store)
    assert ("drugbank:DB00555", "treats", "DOID:1826") in before
    summary = hetionet.import_source(store, hetionet_dir, ["CbG"])
    after = _claims(store)
    assert {p for _, p, _ in after} == {"binds"}
    assert summary.statements == len(after) == 4
    store.close()


def test_unknown_or_unmapped_metaedges_are_refused_with_one_sentence():
    with pytest.raises(InputError, match="not a Hetionet metaedge"):
        hetionet.check_metaedges(["CxG"])
    with pytest.raises(InputError, match="GcG has no pharmgraph predicate"):
        hetionet.check_metaedges(["GcG"])


def test_a_sif_file_without_its_nodes_table_is_refused(tmp_path):
    sif = write_sif(tmp_path / "edges.sif.gz", HETIONET_EDGES)
    with pytest.raises(InputError, match="no Hetionet nodes table"):
        list(hetionet.read_hetionet(sif))
    (tmp_path / "not_nodes.tsv").write_text("a\tb\tc\n1\t2\t3\n")
    with pytest.raises(InputError, match="not a Hetionet nodes table"):
        list(hetionet.read_hetionet(sif))


def test_a_bad_file_is_refused_before_the_old_source_is_touched(hetionet_dir, tmp_path):
    store = open_store(":memory:")
    hetionet.import_source(store, hetionet_dir)
    before = _claims(store)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / hetionet.NODES_FILE).write_text("id\tname\tkind\n", encoding="utf-8")
    (bad / "edges.sif.gz").write_bytes(b"not gzip")
    with pytest.raises(InputError, match="cannot be read as a Hetionet SIF file"):
        hetionet.import_source(store, bad)
    assert _claims(store) == before
