"""GraphML and GEXF: scalars only, read back by networkx, GraphML structurally checked."""

from __future__ import annotations

import networkx as nx

from pharmgraph.exports import export_store
from pharmgraph.exports.graphs import check_graphml


def test_graphml_reads_back_with_scalar_attributes(store, tmp_path):
    [path] = export_store(store, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(path)
    assert graph.nodes["drugbank:DB00555"]["label"] == "lamotrigine"
    assert graph.nodes["drugbank:DB00555"]["xrefs"] == "CHEBI:6367"
    edges = {(u, v, d["predicate"], d["negated"]): d for u, v, d in graph.edges(data=True)}
    blocks = edges[("drugbank:DB00555", "NCBIGene:6323", "blocks", False)]
    assert blocks["evidence_count"] == 2 and blocks["document_count"] == 2
    assert blocks["kind"] == "decrease" and blocks["sign"] == -1
    # Sentences are joined on one line.
    assert "\n" not in blocks["evidence"] and "\t" not in blocks["evidence"]
    assert ("drugbank:DB00555", "NCBIGene:6323", "activates", True) in edges
    assert edges[("drugbank:DB00555", "NCBIGene:1576", "metabolised_by", False)]["role"] == "metabolism"
    assert edges[("drugbank:DB00555", "mesh:D004827", "treats", False)]["sources"] == "infores:hetionet"
    for _, _, data in graph.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


def test_graphml_passes_the_structural_check_and_a_broken_file_does_not(store, tmp_path):
    [path] = export_store(store, "graphml", tmp_path / "g.graphml")
    assert check_graphml(path) == []
    broken = tmp_path / "broken.graphml"
    text = path.read_text(encoding="utf-8")
    broken.write_text(text.replace('target="NCBIGene:6323"', 'target="nowhere"', 1), encoding="utf-8")
    assert any("is not a node" in p for p in check_graphml(broken))
    bad_type = tmp_path / "bad_type.graphml"
    bad_type.write_text(text.replace('<data key="e_evidence_count">2', '<data key="e_evidence_count">two', 1), encoding="utf-8")
    assert any("is not a int" in p for p in check_graphml(bad_type))


def test_gexf_reads_back_in_networkx(store, tmp_path):
    [path] = export_store(store, "gexf", tmp_path / "g.gexf")
    graph = nx.read_gexf(path)
    assert graph.nodes["NCBIGene:6323"]["label"] == "SCN1A"
    assert graph.nodes["NCBIGene:6323"]["type"] == "IonChannel"
    predicates = sorted(d["predicate"] for _, _, d in graph.edges(data=True))
    assert predicates == sorted(["blocks", "metabolised_by", "treats", "inhibits", "increases", "activates"])
