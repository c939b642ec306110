"""The statement model and its JSON Lines contract."""

from __future__ import annotations

import json

import pytest

from pharmgraph.errors import InputError
from pharmgraph.model import Entity, Evidence, Statement, merge_statements, read_jsonl, write_jsonl

from pg_fixtures import LAMOTRIGINE, VGSC, ev


def test_jsonl_round_trip_keeps_every_field(tmp_path, statements):
    path = tmp_path / "s.jsonl"
    assert write_jsonl(statements, path) == 4
    assert list(read_jsonl(path)) == statements


def test_json_line_follows_the_contract(statements):
    data = json.loads(statements[2].to_json())
    assert set(data) == {"subject", "predicate", "object", "negated", "certainty", "qualifiers", "evidence"}
    assert data["negated"] is True
    assert data["subject"] == {"id": "pharmgraph:losigamone", "label": "losigamone", "type": "Drug"}
    assert set(data["evidence"][0]) >= {"document", "text", "start", "end", "references"}


def test_predicate_given_as_iri_or_curie_is_read_as_its_name():
    line = {"subject": {"id": "x:1"}, "predicate": "https://w3id.org/pharmgraph/ontology#inhibits",
            "object": {"id": "x:2"}}
    assert Statement.from_dict(line).predicate == "inhibits"
    line["predicate"] = "pg:binds"
    assert Statement.from_dict(line).predicate == "binds"


def test_claim_key_merges_evidence_across_documents():
    a = Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(ev("a.txt", "one"),))
    b = Statement(LAMOTRIGINE, "blocks", VGSC, certainty="hedged", evidence=(ev("b.txt", "two"),))
    negated = Statement(LAMOTRIGINE, "blocks", VGSC, negated=True, evidence=(ev("c.txt", "three"),))
    merged = merge_statements([a, b, negated])
    assert len(merged) == 2
    assert merged[0].certainty == "asserted"
    assert merged[0].documents == ["a.txt", "b.txt"]
    assert merged[1].negated


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"predicate": "cures"}, "unknown predicate"),
        ({"certainty": "likely"}, "certainty"),
    ],
)
def test_invalid_values_are_refused(kwargs, message):
    base = {"subject": LAMOTRIGINE, "predicate": "blocks", "object": VGSC}
    with pytest.raises(ValueError, match=message):
        Statement(**(base | kwargs))


def test_unknown_entity_type_and_bad_evidence_are_refused():
    with pytest.raises(ValueError, match="entity type"):
        Entity("x:1", "x", "Gizmo")
    with pytest.raises(ValueError, match="end lies before"):
        Evidence("d", "t", 10, 5)


def test_malformed_jsonl_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = Statement(LAMOTRIGINE, "blocks", VGSC).to_json()
    path.write_text(good + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl, line 3: not valid JSON"):
        list(read_jsonl(path))
    path.write_text('{"subject": {"id": "x:1"}, "object": {"id": "x:2"}}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1, field predicate: is missing"):
        list(read_jsonl(path))


def test_missing_and_non_utf8_jsonl(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_jsonl(tmp_path / "nope.jsonl"))
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"a": "\xe9"}\n')
    with pytest.raises(InputError, match="not UTF-8"):
        list(read_jsonl(path))
