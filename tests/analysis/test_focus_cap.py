"""A focus view around a hub keeps the nearest and best-connected entities, says how many
it left out, and reads nothing more for them."""

from __future__ import annotations

from click.testing import CliRunner

from pharmgraph.analysis import focus_graph
from pharmgraph.cli import main
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import open_store

HUB = Entity("CHEBI:6367", "lamotrigine", "Drug")
TARGETS = [Entity(f"NCBIGene:{600 + i}", f"TGT{i}", "Protein") for i in range(5)]
OTHERS = [Entity(f"drugbank:DB{i:05d}", f"otherdrug{i}", "Drug") for i in range(15)]


def _statements() -> list[Statement]:
    ev = (Evidence("hub.txt", "A made-up sentence for the hub.", 0, 30),)
    out = [Statement(HUB, "binds", t, evidence=ev) for t in TARGETS]
    for i, drug in enumerate(OTHERS):
        out.append(Statement(drug, "binds", TARGETS[i % 5], evidence=ev))
        if i < 3:  # three other drugs bind a second target: the best connected of ring 2
            out.append(Statement(drug, "inhibits", TARGETS[(i + 1) % 5], evidence=ev))
    return out


def test_a_capped_neighbourhood_keeps_the_nearest_and_best_connected(tmp_path):
    with open_store(tmp_path / "kg") as store:
        store.ingest(_statements())
        full, _ = focus_graph(store, ["lamotrigine"], 2)
        capped, ids = focus_graph(store, ["lamotrigine"], 2, max_nodes=9)
    assert len(full) == 21 and full.graph["not_drawn"] == 0
    assert ids == ["CHEBI:6367"]
    assert capped.graph["reached"] == 21 and capped.graph["not_drawn"] == 12 and len(capped) == 9
    kept = set(capped)
    assert {"CHEBI:6367", *(t.id for t in TARGETS)} <= kept
    assert {d.id for d in OTHERS[:3]} <= kept  # two statements each to the targets kept
    # Every edge drawn is one of the full view's, with its evidence.
    for u, v, k, data in capped.edges(keys=True, data=True):
        assert full.edges[u, v, k]["evidence"] == data["evidence"] != []


def test_view_says_how_many_entities_it_left_out(tmp_path):
    with open_store(tmp_path / "kg") as store:
        store.ingest(_statements())
    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "kg"), "view", "--focus", "lamotrigine",
                                       "--radius", "2", "--max-nodes", "9", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "(9 nodes" in result.output and "reaches 21 entities; 12 further out" in result.output
    assert "the 9 nearest of 21 entities" in out.read_text("utf-8")
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "kg"), "view", "--focus", "lamotrigine",
                                       "--radius", "2", "--max-nodes", "0", "-o", str(out)])
    assert result.exit_code == 0 and "(21 nodes" in result.output and "left out" not in result.output


def _graph_facts(graph) -> tuple:
    return (sorted(graph.nodes(data=True)), sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True)),
            sorted(graph.graph.items()))


def test_the_last_ring_counted_by_the_engine_gives_the_same_graph(tmp_path, monkeypatch):
    """Cutting the last ring from the engine's counts draws what reading the ring draws."""
    import random

    from pharmgraph.analysis.local import LocalGraph

    counted = []
    real = LocalGraph.link_counts
    monkeypatch.setattr(LocalGraph, "link_counts", lambda self, e: counted.append(1) or real(self, e))

    rng = random.Random(3)
    entities = [HUB, *TARGETS, *OTHERS] + [Entity(f"x:e{i}", f"entity{i}", "Protein") for i in range(40)]
    out = []
    for i in range(260):
        s, o = rng.sample(entities, 2)
        out.append(Statement(s, rng.choice(["binds", "inhibits", "increases", "interacts_with"]), o,
                             certainty="hedged" if rng.random() < 0.1 else "asserted", negated=rng.random() < 0.05,
                             evidence=(Evidence(f"doc{i % 7}.txt", f"Sentence {i}.", 0, 9),)))
    with open_store(tmp_path / "kg") as store:
        store.ingest(out + _statements())
    with open_store(tmp_path / "kg", read_only=True) as store:
        for radius in (1, 2, 3):
            for cap in (3, 9, 25, 60, None):
                for options in ({}, {"asserted_only": True}, {"documents": ["doc1.txt", "doc2.txt", "hub.txt"]},
                                {"include_negated": True}, {"ring_limit": 4}):
                    fast, _ = focus_graph(store, ["lamotrigine"], radius, max_nodes=cap, **options)
                    slow, _ = focus_graph(store, ["lamotrigine"], radius, max_nodes=cap, count_last_ring=False,
                                          **options)
                    assert _graph_facts(fast) == _graph_facts(slow), (radius, cap, options)
                    assert list(fast) == list(slow)
    assert len(counted) > 20  # the engine counted the last ring in most of them
