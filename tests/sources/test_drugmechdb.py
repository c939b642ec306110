"""DrugMechDB importer: link phrases, drug ids, indications, one evidence per path."""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest
from source_fixtures import DRUGMECHDB

from pharmgraph.errors import InputError
from pharmgraph.model import merge_statements
from pharmgraph.sources import drugmechdb
from pharmgraph.store import open_store


def test_paths_become_statements_read_in_mechanism_order(drugmechdb_file):
    skipped = Counter()
    statements = list(drugmechdb.read_drugmechdb(drugmechdb_file, skipped))
    claims = {(s.subject.id, s.predicate, s.object.id) for s in statements}
    assert ("drugbank:DB00555", "inhibits", "uniprot:P35498") in claims
    assert ("uniprot:P35498", "increases", "GO:0035725") in claims
    assert ("GO:0035725", "contributes_to", "mesh:D004827") in claims
    # "HP caused by protein" is turned round, "manifestation of" is membership.
    assert ("uniprot:P35498", "causes", "HP:0001250") in claims
    assert ("HP:0001250", "part_of", "mesh:D004827") in claims
    # Each path also yields the indication it explains.
    assert ("drugbank:DB00555", "treats", "mesh:D004827") in claims
    assert skipped == Counter({"unmapped coexists with": 1})


def test_drug_gets_its_drugbank_id_with_the_mesh_id_as_cross_reference(drugmechdb_file):
    drug = next(s.subject for s in drugmechdb.read_drugmechdb(drugmechdb_file) if s.predicate == "inhibits")
    assert drug.id == "drugbank:DB00555" and drug.type == "Drug"
    assert drug.xrefs == ("mesh:D017953",)


def test_a_link_in_two_paths_is_one_claim_with_one_evidence_per_path(drugmechdb_file):
    merged = {s.key(): s for s in merge_statements(drugmechdb.read_drugmechdb(drugmechdb_file))}
    inhibits = merged[("drugbank:DB00555", "inhibits", "uniprot:P35498", False)]
    assert sorted(ev.record for ev in inhibits.evidence) == ["DB00555_MESH_D004827_1", "DB00555_MESH_D004827_2"]
    assert all(ev.source == "infores:drugmechdb" and ev.knowledge_level == "knowledge_assertion" for ev in inhibits.evidence)
    assert inhibits.evidence[0].references == ("https://example.org/ref",)


def test_import_stores_the_paths_in_their_own_graph(drugmechdb_file):
    store = open_store(":memory:")
    summary = drugmechdb.import_source(store, drugmechdb_file)
    assert summary.records == 2 and summary.document == "source:drugmechdb"
    rows = store.select(
        """SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE { GRAPH <https://w3id.org/pharmgraph/document/source%3Adrugmechdb>
             { ?st rdf:predicate pg:inhibits ; pg:hasEvidence ?ev } }"""
    )
    assert rows[0]["n"] == "2"
    assert store.ask("ASK { ?d pg:inhibits ?t }")


def test_a_drug_chemically_similar_to_a_protein_is_a_similar_to_statement():
    from source_fixtures import _path

    record = _path(
        "DB00103_MESH_D000795_1", "DB:DB00103", "MESH:D000069461", "MESH:D000795",
        [("MESH:D000069461", "chemically similar to", "UniProt:P06280"),
         ("UniProt:P06280", "decreases abundance of", "MESH:D006027"),
         ("MESH:D006027", "contributes to", "MESH:D000795")],
        [("MESH:D000069461", "Drug", "agalsidase beta"), ("UniProt:P06280", "Protein", "Alpha-galactosidase A"),
         ("MESH:D006027", "ChemicalSubstance", "Glycosphingolipids"), ("MESH:D000795", "Disease", "Fabry disease")],
    )
    skipped = Counter()
    claims = [(s.subject.id, s.predicate, s.object.id) for s in drugmechdb.process_path(record, skipped)]
    assert claims[0] == ("drugbank:DB00103", "similar_to", "uniprot:P06280")
    assert not skipped


def test_yaml_is_read_like_json(tmp_path):
    yaml = pytest.importorskip("yaml")
    path = tmp_path / "paths.yaml"
    path.write_text(yaml.safe_dump(DRUGMECHDB), encoding="utf-8")
    json_path = tmp_path / "paths.json"
    json_path.write_text(json.dumps(DRUGMECHDB), encoding="utf-8")
    assert list(drugmechdb.read_drugmechdb(path)) == list(drugmechdb.read_drugmechdb(json_path))


def test_a_file_that_is_not_drugmechdb_is_refused(tmp_path):
    bad = tmp_path / "paths.json.gz"
    with gzip.open(bad, "wt") as handle:
        json.dump({"nodes": []}, handle)
    with pytest.raises(InputError, match="not DrugMechDB indication paths"):
        drugmechdb.read_paths(bad)
    with pytest.raises(InputError, match="no such file"):
        drugmechdb.read_paths(tmp_path / "missing.json")
