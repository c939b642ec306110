"""Statement heads trained on devset gold (pharmgraph.evaluation.devset_head)."""

from __future__ import annotations

import types

from pharmgraph.evaluation.devset_head import PairRow, pair_label, statement_choices, train_heads
from pharmgraph.extract.learned import RelationModel

GOLD = {
    "relation_classes": {
        "decreases": ["inhibits", "blocks", "antagonist_of", "decreases"],
        "binds": ["binds", "antagonist_of", "agonist_of"],
        "treats": ["treats"],
    },
    "entities": {"aspirin": {"type": "Drug", "aliases": ["aspirin"]}, "COX-1": {"type": "Target", "aliases": ["COX-1"]},
                 "arthritis": {"type": "Disease", "aliases": ["arthritis"]}},
    "statements": [],
}


def _scorer():
    def norm(text):
        return str(text).lower()

    def resolver(entities):
        return {norm(a): {k} for k, e in entities.items() for a in [k, *e["aliases"]]}

    def candidates(table, node):
        return table.get(norm(node.get("label", "")), set())

    return types.SimpleNamespace(resolver=resolver, candidates=candidates)


def _row(obj: str, role: str, feats: list[str], doc: str = "d.txt") -> PairRow:
    return PairRow(doc, True, False, [{"id": "x:1", "label": "aspirin", "type": "Drug"}],
                   [{"id": "x:2", "label": obj, "type": "Enzyme" if role == "G" else "Disease"}], ("C", role), {}, feats)


def test_a_pair_is_labelled_with_the_plainest_predicate_that_matches_the_gold():
    sc = _scorer()
    classes = {k: set(v) for k, v in GOLD["relation_classes"].items()}
    table = sc.resolver(GOLD["entities"])
    gold = dict(GOLD, statements=[{"doc": "d.txt", "s": "aspirin", "r": "decreases", "o": "COX-1", "neg": False}])
    assert pair_label(_row("COX-1", "G", []), gold, sc, classes, table) == "inhibits"
    both = dict(gold, statements=[*gold["statements"], {"doc": "d.txt", "s": "aspirin", "r": "binds", "o": "COX-1", "neg": False}])
    assert pair_label(_row("COX-1", "G", []), both, sc, classes, table) == "antagonist_of"
    assert pair_label(_row("COX-1", "G", [], doc="other.txt"), both, sc, classes, table) == "NONE"


def test_trained_heads_learn_their_classes_and_survive_the_model_file(tmp_path):
    rows = [_row("arthritis", "D", ["bw=treat", "x"]) for _ in range(6)] + [_row("arthritis", "D", ["bw=caus", "x"]) for _ in range(6)]
    labels = ["treats"] * 6 + ["NONE"] * 6
    model = train_heads(rows, labels, c=10.0, threshold=0.6)
    assert set(model.heads) == {"devset-disease"}
    path = tmp_path / "s.json.gz"
    model.save(path)
    loaded = RelationModel.load(path)
    chosen = statement_choices(loaded, [_row("arthritis", "D", ["bw=treat"]), _row("arthritis", "D", ["bw=caus"])])
    assert [(r.features, kind) for r, kind, _p in chosen] == [(["bw=treat"], "treats")]
    assert loaded.heads["devset-disease"].threshold == 0.6
