"""KGX importer: Biolink predicates and qualifiers back onto pharmgraph's, negation kept."""

from __future__ import annotations

from collections import Counter

import pytest

from pharmgraph.errors import InputError
from pharmgraph.sources import kgx
from pharmgraph.store import open_store


def test_biolink_edges_map_back_onto_pharmgraph_predicates(kgx_pair):
    skipped = Counter()
    statements = list(kgx.read_kgx([kgx_pair[0]], skipped=skipped))
    claims = {(s.subject.id, s.predicate, s.object.id, s.negated) for s in statements}
    assert ("CHEBI:6367", "inhibits", "NCBIGene:6323", False) in claims
    assert ("CHEBI:6367", "treats", "MONDO:0005027", False) in claims
    # UniProtKB is Biolink's spelling; negated edges stay negated.
    assert ("CHEBI:6367", "activates", "uniprot:P08183", True) in claims
    # has_participant is read the other way round.
    assert ("NCBIGene:6323", "participates_in", "MONDO:0005027", False) in claims
    assert skipped == Counter({"unmapped biolink:related_to": 1})


def test_nodes_give_types_names_and_synonyms(kgx_pair):
    nodes = kgx.read_nodes(kgx_pair[0])
    assert nodes["CHEBI:6367"].type == "Drug" and nodes["CHEBI:6367"].synonyms == ("Lamictal",)
    assert nodes["MONDO:0005027"].type == "Disease"


def test_evidence_is_the_edge_record(kgx_pair):
    statements = {s.predicate: s for s in kgx.read_kgx(kgx_pair)}
    ev = statements["inhibits"].evidence[0]
    assert (ev.document, ev.source, ev.record, ev.knowledge_level) == (
        "source:kgx-partner", "infores:partner", "e1", "knowledge_assertion",
    )
    # An edge without a knowledge source is attributed to the file's own name.
    assert statements["participates_in"].evidence[0].source == "infores:kgx-partner"


def test_import_uses_the_given_name_and_refuses_a_bad_one(kgx_pair):
    store = open_store(":memory:")
    summary = kgx.import_source(store, kgx_pair[1], name="partner")
    assert summary.document == "source:partner" and summary.statements == 4
    with pytest.raises(InputError, match="not a usable source name"):
        kgx.import_source(store, kgx_pair[1], name="bad name!")


def test_a_lone_file_without_its_partner_is_refused(tmp_path):
    lone = tmp_path / "x_nodes.tsv"
    lone.write_text("id\tname\n", encoding="utf-8")
    with pytest.raises(InputError, match="no KGX nodes and edges pair"):
        kgx.find_files([lone])
