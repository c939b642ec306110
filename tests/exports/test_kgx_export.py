"""KGX export: Biolink 4 predicates and qualifiers, accepted by the kgx validator."""

from __future__ import annotations

import csv

import pytest

from pharmgraph.exports.biolink import PREDICATE_TO_BIOLINK, TYPE_TO_CATEGORY
from pharmgraph.exports.kgx import write_kgx
from pharmgraph.sources import kgx as kgx_source


def _edges(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_directed_predicates_become_affects_with_qualifiers(store, tmp_path):
    result = write_kgx(store, tmp_path / "kg_nodes.tsv")
    edges = {(e["original_predicate"], e["negated"]): e for e in _edges(result["edges_path"])}
    blocks = edges[("pg:blocks", "False")]
    assert blocks["predicate"] == "biolink:affects"
    assert (blocks["object_direction_qualifier"], blocks["object_aspect_qualifier"]) == ("decreased", "activity")
    assert blocks["subject"] == "DRUGBANK:DB00555" and blocks["evidence_count"] == "2"
    expression = edges[("pg:increases", "False")]
    assert (expression["object_direction_qualifier"], expression["object_aspect_qualifier"]) == ("increased", "expression")
    assert expression["primary_knowledge_source"] == "infores:hetionet"
    assert edges[("pg:activates", "True")]["predicate"] == "biolink:affects"
    assert edges[("pg:blocks", "False")]["agent_type"] == "text_mining_agent"
    # The local current is left out, with its claim.
    assert result["left_out_nodes"] == 1 and result["left_out_edges"] == 1
    assert "pg:inhibits" not in {e["original_predicate"] for e in _edges(result["edges_path"])}


def test_kgx_round_trip_gives_back_the_same_claims(store, tmp_path):
    result = write_kgx(store, tmp_path / "out", jsonl=True)
    statements = list(kgx_source.read_kgx([result["nodes_path"], result["edges_path"]]))
    got = {s.key() for s in statements}
    expected = {
        ("drugbank:DB00555", "blocks", "NCBIGene:6323", False),
        ("drugbank:DB00555", "metabolised_by", "NCBIGene:1576", False),
        ("drugbank:DB00555", "treats", "mesh:D004827", False),
        ("drugbank:DB00555", "increases", "NCBIGene:1576", False),
        ("drugbank:DB00555", "activates", "NCBIGene:6323", True),
    }
    assert got == expected
    types = {s.object.id: s.object.type for s in statements}
    assert types["NCBIGene:6323"] == "IonChannel"


@pytest.fixture(scope="module")
def toolkit():
    pytest.importorskip("kgx")
    pytest.importorskip("biolink_model")
    from pharmgraph.exports.kgx import _offline_kgx

    _offline_kgx()
    from kgx.utils.kgx_utils import get_toolkit

    return get_toolkit()


def test_kgx_validate_accepts_the_export_tsv_and_jsonl(store, tmp_path, toolkit):
    from pharmgraph.exports.kgx import validate_kgx

    for name in ("kg_nodes.tsv", "kj_nodes.jsonl"):
        result = write_kgx(store, tmp_path / name)
        assert validate_kgx(result["nodes_path"], result["edges_path"]) == {}


def test_kgx_validate_rejects_a_biolink_3_predicate(store, tmp_path, toolkit):
    from pharmgraph.exports.kgx import validate_kgx

    result = write_kgx(store, tmp_path / "kg_nodes.tsv")
    edges = result["edges_path"]
    edges.write_text(edges.read_text(encoding="utf-8").replace("biolink:affects", "biolink:decreases_activity_of"), encoding="utf-8")
    errors = validate_kgx(result["nodes_path"], edges)
    assert "INVALID_EDGE_PREDICATE" in errors.get("ERROR", {})


def test_every_biolink_term_pharmgraph_writes_is_current(toolkit):
    for predicate, _ in PREDICATE_TO_BIOLINK.values():
        element = toolkit.get_element(predicate)
        assert element is not None and not element.deprecated, predicate
    for category in TYPE_TO_CATEGORY.values():
        assert toolkit.is_category(category), category
