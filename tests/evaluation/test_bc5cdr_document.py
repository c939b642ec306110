"""BC5CDR document-level CID pairs: the training prior and the document features."""

from __future__ import annotations

import json

import numpy as np

from pharmgraph.evaluation.bc5cdr import (
    DOCUMENT_HEAD,
    SENTENCE_HEAD,
    CdrRecord,
    Span,
    document_pairs,
    predict_cid,
)
from pharmgraph.evaluation.cdr_prior import CidPrior
from pharmgraph.extract.learned import RelationHead, RelationModel


def _record(words: list[tuple[str, str, str]], abstract: str) -> CdrRecord:
    title = "A made-up report."
    record = CdrRecord("9", title, abstract)
    offset = len(title) + 1
    for k, (role, word, mesh) in enumerate(words):
        start = offset + abstract.index(word)
        record.spans.append(Span(f"s{k}", role, start, start + len(word), word))
        record.ids[f"s{k}"] = (mesh,)
    return record


def _model(weights: dict[str, float], prior: CidPrior | None) -> RelationModel:
    def head(name: str, roles: tuple[str, str], rows: dict[str, float]) -> RelationHead:
        w = np.asarray([[0.0, v] for v in rows.values()], dtype=np.float32).reshape(len(rows), 2)
        return RelationHead(name, *roles, ("NONE", "CID"), {"CID": "causes"},
                            {f: i for i, f in enumerate(rows)}, w, np.zeros(2, dtype=np.float32))

    document = head(DOCUMENT_HEAD, ("docC", "docD"), weights)
    document.threshold = 0.5  # no fallback
    if prior is not None:
        document.about["prior"] = prior.to_dict()
    return RelationModel({SENTENCE_HEAD: head(SENTENCE_HEAD, ("C", "D"), {}), DOCUMENT_HEAD: document})


def test_prior_counts_pairs_and_how_often_concepts_take_part() -> None:
    docs = [({"C1", "C2"}, {"D1"}, {("C1", "D1")}), ({"C1"}, {"D1", "D2"}, {("C1", "D1")}), ({"C2"}, {"D2"}, set())]
    prior = CidPrior.from_documents(docs)
    assert prior.pairs == {("C1", "D1"): 2}
    assert prior.chemicals == {"C1": (2, 2), "C2": (0, 2)}
    assert prior.diseases == {"D1": (2, 2), "D2": (0, 2)}
    assert prior.features("C1", "D1")[:3] == ["kb=2", "kbc=hi", "kbd=hi"]
    assert prior.features("C2", "D2")[:3] == ["kb=0", "kbc=never", "kbd=never"]
    assert prior.features("C9", "D9")[:3] == ["kb=0", "kbc=new", "kbd=new"]


def test_leaving_a_document_out_gives_the_counts_of_the_others() -> None:
    docs = [({"C1"}, {"D1"}, {("C1", "D1")}), ({"C1"}, {"D2"}, set())]
    prior = CidPrior.from_documents(docs)
    assert prior.without(*docs[0]).features("C1", "D1") == CidPrior.from_documents(docs[1:]).features("C1", "D1")


def test_prior_survives_the_json_model_format() -> None:
    prior = CidPrior.from_documents([({"C1"}, {"D1"}, {("C1", "D1")})])
    again = CidPrior.from_dict(json.loads(json.dumps(prior.to_dict())))
    assert again == prior
    assert CidPrior.from_dict(None) is None and CidPrior.from_dict({"pairs": [["only one"]]}) is None


def test_a_pair_training_documents_related_is_predicted_from_the_head_prior() -> None:
    record = _record([("C", "Zorbamycin", "C1"), ("D", "plinkitis", "D1"), ("D", "gribble", "D2")],
                     "Zorbamycin was given; plinkitis and gribble were seen.")
    known = CidPrior.from_documents([({"C1"}, {"D1", "D2"}, {("C1", "D1")})])
    model = _model({"bias": -1.0, "kb=1": 2.0}, known)
    assert predict_cid(record, model) == {("C1", "D1")}
    # the same head without the prior in its file knows nothing and predicts nothing
    assert predict_cid(record, _model({"bias": -1.0, "kb=1": 2.0}, None)) == set()


def test_a_disease_named_inside_a_longer_disease_name_is_marked_broader() -> None:
    record = _record([("C", "Zorbamycin", "C1"), ("D", "pulmonary plinkitis", "D1"), ("D", "plinkitis", "D2")],
                     "Zorbamycin caused pulmonary plinkitis; plinkitis is rare.")
    # offsets: the second "plinkitis" must be the standalone one
    text = f"{record.title} {record.abstract}"
    record.spans[2] = Span("s2", "D", text.rindex("plinkitis"), text.rindex("plinkitis") + 9, "plinkitis")
    feats = document_pairs(record, _model({}, None).heads[SENTENCE_HEAD])
    assert "dbroad" in feats[("C1", "D2")]
    assert "dbroad" not in feats[("C1", "D1")]
