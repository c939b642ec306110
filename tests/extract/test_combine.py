"""How learned heads join the rules pair by pair (pharmgraph.extract.combine)."""

from __future__ import annotations

import numpy as np
import pytest

from pharmgraph.errors import InputError
from pharmgraph.extract.combine import (
    combined_relations,
    load_statement_heads,
    names_population,
    warns,
)
from pharmgraph.extract.learned import RelationHead, RelationModel
from pharmgraph.extract.relations import Relation
from pharmgraph.extract.tokens import Mention, tokenize
from pharmgraph.model import Entity

ASPIRIN = Entity("drugbank:DB00945", "aspirin", "Drug")
COX1 = Entity("NCBIGene:5742", "COX-1", "Enzyme")


def _head(name: str, obj: str, feature: str, predicate: str) -> RelationHead:
    """A head that gives ``predicate`` to every pair whose object has ``feature``."""
    return RelationHead(
        name=name, subject="C", object=obj, classes=("NONE", predicate), predicates={predicate: predicate},
        features={feature: 0}, weights=np.array([[-4.0, 4.0]], dtype=np.float32),
        intercept=np.zeros(2, dtype=np.float32), threshold=0.5, feature_set="argument",
    )


@pytest.fixture
def heads() -> RelationModel:
    gene = _head("devset-gene", "G", "ogroup=Target", "inhibits")
    disease = _head("devset-disease", "D", "ogroup=Disease", "treats")
    return RelationModel({h.name: h for h in (gene, disease)})


def _mentions(text: str, *named: tuple[str, Entity]) -> list[Mention]:
    out = []
    for surface, entity in named:
        start = text.index(surface)
        out.append(Mention(start, start + len(surface), surface, (entity,)))
    return sorted(out, key=lambda m: m.start)


def _disease(label: str) -> Entity:
    return Entity(f"x:{label}", label, "Disease")


def test_a_head_adds_a_pair_beside_the_rules_in_a_sentence_they_read(heads):
    text = "Aspirin inhibits COX-1 and helps in arthritis."
    arthritis = _disease("arthritis")
    mentions = _mentions(text, ("Aspirin", ASPIRIN), ("COX-1", COX1), ("arthritis", arthritis))
    rules = [Relation(ASPIRIN, "inhibits", COX1)]
    got = combined_relations(text, mentions, rules, None, heads)
    assert [(r.subject.label, r.predicate, r.object.label) for r in got] == [("aspirin", "treats", "arthritis")]
    assert got[0].rule == "model:devset-disease" and got[0].confidence < 0.8


def test_the_rules_keep_the_pairs_they_speak_of(heads):
    text = "Aspirin does bind COX-1."
    mentions = _mentions(text, ("Aspirin", ASPIRIN), ("COX-1", COX1))
    assert combined_relations(text, mentions, [], None, heads)[0].predicate == "inhibits"
    assert combined_relations(text, mentions, [Relation(ASPIRIN, "binds", COX1)], None, heads) == []
    denied = [Relation(ASPIRIN, "inhibits", COX1, negated=True)]
    assert combined_relations(text, mentions, denied, None, heads) == []


def test_a_sentence_that_negates_or_compares_gets_nothing(heads):
    for text in ("Aspirin does not help in arthritis.", "Unlike ibuprofen, aspirin helps in arthritis.",
                 "Aspirin lacks any effect in arthritis.", "Aspirin was unable to help in arthritis.",
                 "Aspirin doesn't help in arthritis."):
        mentions = _mentions(text, ("spirin", ASPIRIN), ("arthritis", _disease("arthritis")))
        assert combined_relations(text, mentions, [], None, heads) == []


def test_no_use_where_the_sentence_warns_or_the_disease_names_the_patients(heads):
    warned = "Aspirin is contraindicated in asthma."
    mentions = _mentions(warned, ("Aspirin", ASPIRIN), ("asthma", _disease("asthma")))
    assert warns(warned) and combined_relations(warned, mentions, [], None, heads) == []
    text = "Aspirin is preferred in patients with heart failure."
    mentions = _mentions(text, ("Aspirin", ASPIRIN), ("heart failure", _disease("heart failure")))
    assert names_population(tokenize(text, mentions), 6)
    assert combined_relations(text, mentions, [], None, heads) == []
    renal = "Aspirin dosing is adjusted in renal impairment."
    mentions = _mentions(renal, ("Aspirin", ASPIRIN), ("renal impairment", _disease("renal impairment")))
    assert combined_relations(renal, mentions, [], None, heads) == []


def test_a_pair_in_a_hedged_stretch_is_hedged(heads):
    text = "Aspirin is thought to act on COX-1."
    mentions = _mentions(text, ("Aspirin", ASPIRIN), ("COX-1", COX1))
    assert [r.certainty for r in combined_relations(text, mentions, [], None, heads)] == ["hedged"]


def test_no_pair_across_a_clause_of_consequence(heads):
    text = "Aspirin thins the blood, so arthritis patients bleed."
    mentions = _mentions(text, ("Aspirin", ASPIRIN), ("arthritis", _disease("arthritis")))
    assert combined_relations(text, mentions, [], None, heads) == []


def test_statement_heads_load_only_when_named(tmp_path, monkeypatch, heads):
    monkeypatch.delenv("PHARMGRAPH_STATEMENT_MODEL", raising=False)
    assert load_statement_heads() is None
    path = tmp_path / "statements.json.gz"
    heads.save(path)
    monkeypatch.setenv("PHARMGRAPH_STATEMENT_MODEL", str(path))
    loaded = load_statement_heads()
    assert set(loaded.heads) == {"devset-gene", "devset-disease"}
    monkeypatch.setenv("PHARMGRAPH_STATEMENT_MODEL", "none")
    assert load_statement_heads() is None
    with pytest.raises(InputError):
        load_statement_heads(tmp_path / "missing.json.gz")


def test_extract_reads_the_named_statement_heads(tmp_path, monkeypatch, heads):
    from pharmgraph.extract.pipeline import extract_text

    text = "Celecoxib was studied with COX-2 in the volunteers."
    monkeypatch.delenv("PHARMGRAPH_STATEMENT_MODEL", raising=False)
    before = {(s.subject.label, s.predicate, s.object.label) for s in extract_text(text)}
    path = tmp_path / "statements.json.gz"
    heads.save(path)
    monkeypatch.setenv("PHARMGRAPH_STATEMENT_MODEL", str(path))
    after = {(s.subject.label, s.predicate, s.object.label, s.certainty) for s in extract_text(text)}
    added = {a for a in after if a[:3] not in before}
    assert {(a[0], a[1], a[3]) for a in added} == {("celecoxib", "inhibits", "asserted")}
