"""The learned relation model: a safe file format, training on tiny corpora, use in extract."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.errors import InputError
from pharmgraph.evaluation import read_drugprot
from pharmgraph.evaluation.extractor import train_drugprot_head
from pharmgraph.extract.learned import (
    MODEL_ENV,
    MODEL_PATH,
    RelationHead,
    RelationModel,
    load_model,
    model_relations,
)
from pharmgraph.extract.tokens import Mention
from pharmgraph.model import Entity

CDR = Path(__file__).resolve().parent / "fixtures" / "cdr"


def tiny_head(threshold: float = 0.5) -> RelationHead:
    """A hand-set chemical–gene head: 'inhibit' or 'quell' between the two mean INHIBITOR."""
    features = {"bw=inhibit": 0, "bw=spare": 1, "bw=quell": 2}
    weights = np.array([[0.0, 3.0], [2.0, -2.0], [0.0, 3.0]], dtype=np.float32)
    return RelationHead(
        "chemical-gene", "C", "G", ("NONE", "INHIBITOR"), {"INHIBITOR": "inhibits"},
        features, weights, np.array([1.0, 0.0], dtype=np.float32), threshold=threshold,
    )


def test_model_round_trips_through_gzipped_json(tmp_path: Path) -> None:
    path = tmp_path / "m.json.gz"
    size = RelationModel({"chemical-gene": tiny_head()}).save(path)
    assert size == path.stat().st_size > 0
    data = json.loads(gzip.decompress(path.read_bytes()))
    assert data["format"] == "pharmgraph-relation-model" and data["version"] == 1
    head = RelationModel.load(path).heads["chemical-gene"]
    assert head.predict(["bw=inhibit"])[0] == "INHIBITOR"
    assert head.predict(["bw=spare"])[0] == "NONE"
    assert head.predict(["unknown feature"])[0] == "NONE"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x80\x04\x95 pickle bytes", "not gzip'd JSON"),
        (gzip.compress(b'{"heads": []}'), "format tag"),
        (gzip.compress(b"[1, 2, 3]"), "format tag"),
        (
            gzip.compress(json.dumps({"format": "pharmgraph-relation-model", "version": 1,
                                      "heads": [{"name": "x"}]}).encode()),
            "malformed",
        ),
    ],
)
def test_a_file_of_another_shape_is_refused_in_one_sentence(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.json.gz"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        RelationModel.load(path)
    message = str(info.value)
    assert "is not a pharmgraph relation model" in message and reason in message
    assert message.count(". ") == 0 and message.endswith(".")


def test_weights_of_the_wrong_size_are_refused(tmp_path: Path) -> None:
    data = RelationModel({"chemical-gene": tiny_head()}).heads["chemical-gene"].to_dict()
    data["weights"]["base64"] = base64.b64encode(b"\x00\x00").decode()
    path = tmp_path / "short.json.gz"
    path.write_bytes(gzip.compress(json.dumps({"format": "pharmgraph-relation-model", "version": 1, "heads": [data]}).encode()))
    with pytest.raises(InputError, match="malformed"):
        RelationModel.load(path)


def test_shipped_model_loads_small_and_has_its_heads() -> None:
    assert MODEL_PATH.stat().st_size < 10_000_000
    model = RelationModel.load(MODEL_PATH)
    assert {"chemical-gene", "chemical-disease", "chemical-disease-document"} <= set(model.heads)


def test_environment_variable_switches_the_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(MODEL_ENV, "none")
    assert load_model() is None
    path = tmp_path / "m.json.gz"
    RelationModel({"chemical-gene": tiny_head()}).save(path)
    monkeypatch.setenv(MODEL_ENV, str(path))
    assert set(load_model().heads) == {"chemical-gene"}
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "absent.json.gz"))
    with pytest.raises(InputError, match="cannot be read"):
        load_model()


def mentions(text: str, drug: str, target: str) -> list[Mention]:
    d, t = text.index(drug), text.index(target)
    return [
        Mention(d, d + len(drug), drug, (Entity("x:drug", drug.lower(), "Drug"),)),
        Mention(t, t + len(target), target, (Entity("x:target", target, "Enzyme"),)),
    ]


def test_model_adds_a_pair_only_where_the_rules_are_silent_and_nothing_negates() -> None:
    model = RelationModel({"chemical-gene": tiny_head()})
    text = "Zorbital strongly inhibited FAKE1 in cells."
    found = model_relations(text, mentions(text, "Zorbital", "FAKE1"), [], model)
    assert [(r.subject.id, r.predicate, r.object.id, r.negated) for r in found] == [("x:drug", "inhibits", "x:target", False)]
    assert found[0].rule == "model:chemical-gene" and found[0].confidence < 0.8
    text = "Zorbital did not inhibit FAKE1 in cells."
    assert model_relations(text, mentions(text, "Zorbital", "FAKE1"), [], model) == []
    text = "Unlike others, zorbital inhibited FAKE1 in cells."
    assert model_relations(text, mentions(text, "zorbital", "FAKE1"), [], model) == []
    text = "Zorbital was given; later inhibition of FAKE1 was seen."
    assert model_relations(text, mentions(text, "Zorbital", "FAKE1"), [], model) == []


def test_threshold_holds_back_unsure_pairs() -> None:
    model = RelationModel({"chemical-gene": tiny_head(threshold=0.99)})
    text = "Zorbital strongly inhibited FAKE1 in cells."
    assert model_relations(text, mentions(text, "Zorbital", "FAKE1"), [], model) == []


def test_extract_uses_the_model_and_marks_its_evidence() -> None:
    from pharmgraph.documents import parse_text
    from pharmgraph.extract.pipeline import extract_document
    from pharmgraph.lexicon import Lexicon

    lexicon = Lexicon([Entity("x:drug", "zorbital", "Drug"), Entity("x:target", "FAKE1", "Enzyme")])
    # The rules do not know "quelled"; the (hand-set) model does.
    doc = parse_text("In liver cells, zorbital quelled FAKE1 within an hour.", "n.txt")
    model = RelationModel({"chemical-gene": tiny_head()})
    found = extract_document(doc, lexicon, model=model)
    assert [(s.subject.id, s.predicate, s.object.id) for s in found] == [("x:drug", "inhibits", "x:target")]
    assert found[0].evidence[0].extractor == "pharmgraph-model"
    assert extract_document(doc, lexicon, model=False) == []


def test_training_on_a_tiny_drugprot_folder_recalls_its_own_relations(tiny_folder: Path) -> None:
    from pharmgraph.evaluation import predict_relations, score

    corpus = read_drugprot(tiny_folder)
    head = train_drugprot_head(corpus, c=1.0, min_count=1)
    model = RelationModel({head.name: head})
    result = score(corpus.relations, predict_relations(corpus, model), corpus.abstracts)
    assert result["recall"] >= 0.5 and result["precision"] >= 0.5


def test_train_command_reads_pubtator_and_bioc(tmp_path: Path) -> None:
    out = tmp_path / "cid.json.gz"
    args = ["train", str(CDR / "tiny.pubtator"), str(CDR / "tiny.bioc.xml"), "-o", str(out), "--base", "none"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert set(RelationModel.load(out).heads) == {"chemical-disease", "chemical-disease-document"}


def test_train_command_refuses_a_corpus_without_relations(tmp_path: Path) -> None:
    path = tmp_path / "plain.pubtator"
    path.write_text("1|t|Cisplatin and the kidney.\n1|a|Nothing here.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(path), "-o", str(tmp_path / "m.json.gz")])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "no CID relations" in result.output


def test_train_command_tunes_the_chemical_disease_heads_on_a_development_file(tmp_path: Path) -> None:
    out = tmp_path / "cid.json.gz"
    args = ["train", str(CDR / "tiny.pubtator"), "--tune-on", str(CDR / "tiny.bioc.xml"), "-o", str(out),
            "--base", "none"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Tuned on" in result.output
    document = RelationModel.load(out).heads["chemical-disease-document"]
    assert document.about.get("entities") == "ours" and document.about.get("tuned_on")


def test_tune_on_without_a_chemical_disease_corpus_is_refused(tmp_path: Path, tiny_folder: Path) -> None:
    args = ["train", str(tiny_folder), "--tune-on", str(CDR / "tiny.bioc.xml"), "-o", str(tmp_path / "m.json.gz")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and result.output.startswith("Error:")
    assert "--tune-on needs" in result.output and not (tmp_path / "m.json.gz").exists()
