"""The chemical–gene head's hidden layer: scored as trained, stored compactly, refused when malformed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from pharmgraph.errors import InputError
from pharmgraph.evaluation.training import batch_scores, fit_head, fit_hidden
from pharmgraph.extract.learned import RelationHead, RelationModel, argument_features

CLASSES = ("NONE", "INHIBITOR", "AGONIST")
EXAMPLES = [
    (["bw=inhibit", "o=S"], 1), (["bw=inhibit", "o=O"], 1), (["bw=agonist", "o=S"], 2),
    (["bw=agonist", "o=O"], 2), (["bw=and", "o=S"], 0), (["bw=and", "o=O"], 0),
] * 10


def trained() -> RelationHead:
    head = fit_head("chemical-gene", ("C", "G"), CLASSES, {"INHIBITOR": "inhibits", "AGONIST": "agonist_of"},
                    EXAMPLES, c=1.0, min_count=1, algorithm="svm", feature_set="argument")
    head.hidden = fit_hidden(head, EXAMPLES, hidden=8, epochs=20, min_count=1, weight=0.5)
    return head


def test_the_network_adds_to_the_linear_scores_one_pair_as_many() -> None:
    head = trained()
    feats = ["bw=agonist", "o=S", "never-seen"]
    one = head.scores(feats)
    many = batch_scores(head, [feats])[0]
    many[0] += head.none_bias
    assert np.allclose(one, many, atol=1e-4)  # extract and the benchmark score alike
    linear = head.weights[[head.features["bw=agonist"], head.features["o=S"]]].sum(axis=0) + head.intercept
    assert not np.allclose(one, linear)  # the network changes the scores
    assert head.predict(feats)[0] == "AGONIST" and head.predict(["bw=inhibit"])[0] == "INHIBITOR"


def test_the_hidden_layer_round_trips_through_the_file(tmp_path: Path) -> None:
    head = trained()
    path = tmp_path / "m.json.gz"
    RelationModel({"chemical-gene": head}).save(path)
    back = RelationModel.load(path).heads["chemical-gene"]
    for feats in (["bw=inhibit", "o=O"], ["bw=and"], []):
        assert np.allclose(back.scores(feats), head.scores(feats), atol=1e-4)


def test_a_hidden_layer_of_the_wrong_size_is_refused(tmp_path: Path) -> None:
    data = {"format": "pharmgraph-relation-model", "version": 1,
            "heads": [trained().to_dict()]}
    data["heads"][0]["hidden"]["b1"] = [0.0]  # fewer hidden biases than units
    path = tmp_path / "m.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(InputError, match="is not a pharmgraph relation model"):
        RelationModel.load(path)


def test_argument_features_read_nominalisations_and_mention_shape() -> None:
    stems = ["inhibit", "of", "@G", "by", "the", "@C", "."]
    feats = argument_features(stems, 5, 2, "LY2", ["hmg", "reductase"])
    assert "zpO=of|INHIBIT" in feats and "zpS=by|@G" in feats
    assert "zcu=11" in feats and "zgs3=ase" in feats
    # another target between the trigger and this one: the trigger's argument is the other
    blocked = argument_features(["@C", "inhibit", "#G", "and", "@G"], 0, 4, "aspirin", ["cox"])
    free = argument_features(["@C", "inhibit", "@G"], 0, 2, "aspirin", ["cox"])
    assert "zblk=S01" in blocked and "zblk=S00" in free
