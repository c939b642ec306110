"""shared-targets on Hetionet's Compound-binds-Gene edges agrees with the SIF file itself."""

from __future__ import annotations

import gzip
from collections import defaultdict
from pathlib import Path

import pytest

from pharmgraph.analysis import shared_targets
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import open_store

HETIONET = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "hetionet"
LAMOTRIGINE = "Compound::DB00555"


@pytest.fixture(scope="module")
def binds():
    """``{compound: {gene, ...}}`` of every CbG edge, and the node names."""
    edges = HETIONET / "hetionet-v1.0-edges.18-of-24-metaedges.sif.gz"
    if not edges.is_file():
        pytest.skip("../shared/corpora/hetionet is absent")
    names = {}
    with open(HETIONET / "hetionet-v1.0-nodes.tsv", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            node, name, _ = line.rstrip("\n").split("\t")
            names[node] = name
    out: dict[str, set[str]] = defaultdict(set)
    with gzip.open(edges, "rt", encoding="utf-8") as handle:
        for line in handle:
            source, metaedge, target = line.rstrip("\n").split("\t")
            if metaedge == "CbG":
                out[source].add(target)
    return out, names


def _entity(node: str, names: dict[str, str]) -> Entity:
    kind, _, ident = node.partition("::")
    if kind == "Compound":
        return Entity(f"drugbank:{ident}", names[node], "Drug")
    return Entity(f"ncbigene:{ident}", names[node], "Protein")


def test_lamotrigine_shares_what_the_sif_file_says(binds):
    edges, names = binds
    mine = edges[LAMOTRIGINE]
    others = {c for c, genes in edges.items() if c != LAMOTRIGINE and genes & mine}
    store = open_store(":memory:")
    store.ingest([
        Statement(_entity(c, names), "binds", _entity(g, names),
                  evidence=(Evidence("hetionet", "", source="infores:hetionet",
                                     record=f"CbG:{c}:{g}"),))
        for c in sorted(others | {LAMOTRIGINE}) for g in sorted(edges[c])
    ])
    rows = shared_targets(store, "lamotrigine", roles="all", limit=None)
    expected = {
        f"drugbank:{c.partition('::')[2]}": (len(edges[c] & mine),
                                             round(len(edges[c] & mine) / len(edges[c] | mine), 4))
        for c in others
    }
    assert {r["other"]: (r["shared"], r["jaccard"]) for r in rows} == expected
    # Enzymes and transporters are told apart from mechanism targets...
    # (lamotrigine binds sodium channels, UGT1A3/1A4 and ABCB1 in Hetionet).
    roles = {item["label"]: item["role"] for r in rows for item in r["items"]}
    assert (roles["UGT1A4"], roles["ABCB1"], roles["SCN1A"]) == ("metabolism", "transport",
                                                                 "mechanism")
    # ...and by default only mechanism targets count.
    mechanism = shared_targets(store, "lamotrigine", limit=None)
    assert all(item["role"] == "mechanism" for r in mechanism for item in r["items"])
    assert len(mechanism) < len(rows)
