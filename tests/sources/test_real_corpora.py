"""The importers on the real Hetionet and DrugMechDB files in ../shared (skipped when absent)."""

from __future__ import annotations

import csv
import gzip
from collections import Counter

from pharmgraph.sources import drugmechdb, hetionet
from pharmgraph.store import open_store
from pharmgraph.vocabulary import target_role

EDGES = "corpora/hetionet/hetionet-v1.0-edges.18-of-24-metaedges.sif.gz"


def test_hetionet_lamotrigine_targets_agree_with_the_sif_file_and_roles_split(shared_dir):
    sif = shared_dir / EDGES
    with gzip.open(sif, "rt", encoding="utf-8") as handle:
        reference = {
            row["target"].split("::", 1)[1]
            for row in csv.DictReader(handle, delimiter="\t")
            if row["source"] == "Compound::DB00555" and row["metaedge"] == "CbG"
        }
    store = open_store(":memory:")
    hetionet.import_source(store, sif, ["CbG"])
    rows = store.select(
        """SELECT ?curie ?label ?type WHERE { ?d pg:curie "drugbank:DB00555" ; pg:binds ?t .
             ?t pg:curie ?curie ; rdfs:label ?label ; a ?tt . BIND(STRAFTER(STR(?tt), "#") AS ?type) }"""
    )
    assert {r["curie"].split(":", 1)[1] for r in rows} == reference
    roles = {r["label"]: target_role("binds", r["type"], r["label"]) for r in rows}
    # Hetionet v1.0 lists sodium channels, two UGTs and P-glycoprotein for lamotrigine.
    assert {roles[g] for g in roles if g.startswith("SCN")} == {"mechanism"}
    assert {roles[g] for g in roles if g.startswith("UGT")} == {"metabolism"}
    assert roles["ABCB1"] == "transport"


def test_every_drugmechdb_link_is_mapped_or_counted_and_every_path_yields_its_indication(shared_dir):
    path = shared_dir / "corpora/drugmechdb/indication_paths.reassembled.json.gz"
    records = drugmechdb.read_paths(path)
    skipped = Counter()
    links = sum(len(r["links"]) for r in records)
    statements = [s for r in records for s in drugmechdb.process_path(r, skipped)]
    indications = [s for s in statements if s.evidence[0].text.endswith(f"is indicated for {s.object.label}.")]
    assert len(indications) == len(records)
    assert len(statements) - len(indications) + sum(skipped.values()) == links
    assert all(k.startswith("unmapped") for k in skipped)
    with_drugbank = sum(1 for r in records if drugmechdb.drugbank_curie(r["graph"].get("drugbank")))
    assert with_drugbank >= len(records) - 10
    assert sum(1 for s in indications if s.subject.id.startswith("drugbank:DB")) >= with_drugbank
