"""The chemical–gene head's "context" and "rich" feature sets: chosen per head, stored, applied as trained."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.errors import InputError
from pharmgraph.evaluation import Abstract, Mention, predict_relations, read_drugprot, score
from pharmgraph.evaluation.extractor import spans_of
from pharmgraph.evaluation.pairs import sentence_candidates
from pharmgraph.extract.learned import (
    FEATURE_SETS,
    MODEL_PATH,
    RelationHead,
    RelationModel,
    model_relations,
    pair_features,
    rich_features,
)
from pharmgraph.extract.tokens import Mention as TextMention
from pharmgraph.extract.tokens import tokenize
from pharmgraph.model import Entity

SENTENCE = "In rat liver, lovastatin strongly inhibits the HMG-CoA reductase and COX-2 activity."


def sentence_tokens() -> tuple[list, int, int, int]:
    """Tokens of SENTENCE with one drug and two targets; positions of drug and both targets."""
    names = {"lovastatin": "Drug", "HMG-CoA reductase": "Enzyme", "COX-2": "Enzyme"}
    mentions = [
        TextMention(SENTENCE.index(n), SENTENCE.index(n) + len(n), n, (Entity(f"x:{i}", n, kind),))
        for i, (n, kind) in enumerate(names.items())
    ]
    tokens = tokenize(SENTENCE, mentions)
    where = [i for i, t in enumerate(tokens) if t.mention is not None]
    return tokens, where[0], where[1], where[2]


def head_on(feature: str, feature_set: str) -> RelationHead:
    """A hand-set chemical–gene head that says INHIBITOR exactly when ``feature`` is present."""
    return RelationHead(
        "chemical-gene", "C", "G", ("NONE", "INHIBITOR"), {"INHIBITOR": "inhibits"},
        {feature: 0}, np.array([[0.0, 4.0]], dtype=np.float32), np.array([1.0, 0.0], dtype=np.float32),
        feature_set=feature_set,
    )


def test_the_base_set_is_what_pair_features_always_gave_and_context_only_adds() -> None:
    tokens, drug, first, second = sentence_tokens()
    for target in (first, second):
        base = pair_features(tokens, drug, target, "other")
        assert pair_features(tokens, drug, target, "other", feature_set="base") == base
        context = pair_features(tokens, drug, target, "other", feature_set="context")
        assert context[: len(base)] == base  # the base features, in order, untouched
        added = context[len(base) :]
        assert added and all(f.startswith("x") for f in added)
    # the nearer target is the drug's nearest partner, the further one is not
    near = pair_features(tokens, drug, first, None, feature_set="context")
    far = pair_features(tokens, drug, second, None, feature_set="context")
    assert "xcl=11" in near and "xcl=11" not in far


def test_an_unknown_feature_set_is_refused() -> None:
    tokens, drug, target, _ = sentence_tokens()
    with pytest.raises(ValueError, match="unknown feature set"):
        pair_features(tokens, drug, target, feature_set="deep")
    assert FEATURE_SETS == ("base", "context", "rich", "argument")


def test_the_rich_set_keeps_the_context_features_and_reads_negation_inside_the_gap() -> None:
    tokens, drug, target, _ = sentence_tokens()
    context = pair_features(tokens, drug, target, None, feature_set="context")
    rich = pair_features(tokens, drug, target, None, feature_set="rich")
    assert rich[: len(context)] == context  # the context features, in order, untouched
    added = rich[len(context) :]
    assert added and all(f.startswith("y") for f in added)
    assert not any(f.startswith("yneg") for f in added)  # nothing negates the pair here
    stems = ["@C", "did", "not", "inhibit", "@G", "."]
    assert "yneg=in" in rich_features(stems, 0, 4, "aspirin", ["cox"], None)
    assert "yneg=in" not in rich_features(["@C", "inhibit", "@G", "."], 0, 2, "aspirin", ["cox"], None)


def test_the_feature_set_round_trips_and_a_file_without_one_means_base(tmp_path: Path) -> None:
    path = tmp_path / "m.json.gz"
    RelationModel({"chemical-gene": head_on("xs=INHIBIT", "context")}).save(path)
    assert RelationModel.load(path).heads["chemical-gene"].feature_set == "context"
    data = json.loads(gzip.decompress(path.read_bytes()))
    del data["heads"][0]["feature_set"]  # a file written before heads named their set
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    assert RelationModel.load(path).heads["chemical-gene"].feature_set == "base"


def test_a_head_naming_an_unknown_feature_set_is_refused_in_one_sentence(tmp_path: Path) -> None:
    data = {"format": "pharmgraph-relation-model", "version": 1,
            "heads": [head_on("bw=inhibit", "base").to_dict()]}
    data["heads"][0]["feature_set"] = "deep"
    path = tmp_path / "m.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(InputError) as info:
        RelationModel.load(path)
    message = str(info.value)
    assert "is not a pharmgraph relation model" in message and "unknown feature set" in message
    assert message.endswith(".") and message.count(". ") == 0


def test_extract_applies_each_head_with_its_own_feature_set() -> None:
    tokens, drug, target, _ = sentence_tokens()
    mentions = [t.mention for t in tokens if t.mention is not None]
    context_only = next(f for f in pair_features(tokens, drug, target, None, feature_set="context")
                        if f.startswith("xs="))
    trained_on_context = RelationModel({"chemical-gene": head_on(context_only, "context")})
    found = model_relations(SENTENCE, mentions, [], trained_on_context)
    assert {(r.subject.label, r.predicate, r.object.label) for r in found} >= {
        ("lovastatin", "inhibits", "HMG-CoA reductase")
    }
    # the same weights read with the base set never see the feature, so nothing is added
    assert model_relations(SENTENCE, mentions, [], RelationModel({"chemical-gene": head_on(context_only, "base")})) == []


def test_the_context_set_only_appends_to_the_candidates_base_features(tiny_folder: Path) -> None:
    corpus = read_drugprot(tiny_folder)
    for a in corpus.abstracts.values():
        shared = list(sentence_candidates(a.pmid, a.title, a.abstract, spans_of(a)))
        assert shared
        context = list(sentence_candidates(a.pmid, a.title, a.abstract, spans_of(a), feature_set="context"))
        assert [(c.subject, c.object, c.sentence) for c in context] == [(c.subject, c.object, c.sentence) for c in shared]
        assert all(c.features[: len(s.features)] == s.features for c, s in zip(context, shared, strict=True))


def test_the_shipped_chemical_gene_head_reads_argument_and_the_others_keep_base() -> None:
    data = json.loads(gzip.decompress(MODEL_PATH.read_bytes()))  # plain JSON, nothing executed
    sets = {h["name"]: h.get("feature_set", "base") for h in data["heads"]}
    assert sets["chemical-gene"] == "argument"
    assert all(s == "base" for name, s in sets.items() if name != "chemical-gene")
    hidden = {h["name"] for h in data["heads"] if "hidden" in h}
    assert hidden == {"chemical-gene"}  # the disease heads stay linear
    assert MODEL_PATH.stat().st_size < 11_000_000


def test_the_shipped_head_finds_a_relation_stated_two_ways() -> None:
    text = "Inhibition of HMG-CoA reductase by lovastatin lowers cholesterol synthesis. Lovastatin inhibits it."
    mentions = {"T1": Mention("T1", "CHEMICAL", text.index("lovastatin"), text.index("lovastatin") + 10, "lovastatin"),
                "T2": Mention("T2", "GENE", 14, 31, "HMG-CoA reductase")}
    assert predict_relations([Abstract("7", text, "", mentions)]) == [("7", "INHIBITOR", "T1", "T2")]


def test_train_command_writes_a_context_head_and_keeps_the_other_heads(tmp_path: Path, tiny_folder: Path) -> None:
    base = tmp_path / "base.json.gz"
    disease = head_on("bw=caus", "base")
    disease.name, disease.object, disease.classes = "chemical-disease", "D", ("NONE", "CID")
    disease.predicates = {"CID": "causes"}
    RelationModel({"chemical-disease": disease}).save(base)
    out = tmp_path / "m.json.gz"
    result = CliRunner().invoke(main, ["train", str(tiny_folder), "--base", str(base), "-o", str(out), "-C", "1.0"])
    assert result.exit_code == 0, result.output
    model = RelationModel.load(out)
    head = model.heads["chemical-gene"]
    assert head.feature_set == "argument" and head.about["feature_set"] == "argument"
    kept = model.heads["chemical-disease"]
    assert kept.feature_set == "base" and kept.features == disease.features
    assert np.array_equal(kept.weights, disease.weights)
    corpus = read_drugprot(tiny_folder)
    result = score(corpus.relations, predict_relations(corpus, model), corpus.abstracts)
    assert result["recall"] >= 0.5 and result["precision"] >= 0.5


def test_extract_threshold_starts_where_held_out_predictions_are_mostly_right() -> None:
    from pharmgraph.evaluation.training import choose_threshold

    # margins 0.1 (confidence 0.52), 0.7 (0.67) and 2.0 (0.88): wrong, half right, right
    scores = np.array([[0.0, 0.1], [0.0, 0.1], [0.0, 0.7], [0.0, 0.7], [0.0, 2.0]])
    assert choose_threshold(scores, [0, 0, 1, 0, 1], none_bias=0.0) == 0.65
    # the NONE bias is part of the confidence: with -0.6 the half-right pairs sit at 0.79
    assert choose_threshold(scores, [0, 0, 1, 0, 1], none_bias=-0.6) == 0.75
    assert choose_threshold(scores, [0, 0, 0, 0, 0], none_bias=0.0) == 1.0


def test_training_records_how_the_bias_and_threshold_were_chosen(tiny_folder: Path) -> None:
    from pharmgraph.evaluation.extractor import train_drugprot_head

    head = train_drugprot_head(read_drugprot(tiny_folder), c=1.0, min_count=1, folds=2)
    assert head.feature_set == "argument"
    assert 0.5 <= head.threshold <= 1.0
    assert head.about["feature_set"] == "argument"
