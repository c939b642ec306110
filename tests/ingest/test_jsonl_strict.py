"""Strict JSON Lines: every violation is one sentence naming file, line and field."""

from __future__ import annotations

import json

import pytest
from helpers import run

from pharmgraph.errors import InputError
from pharmgraph.model import read_jsonl, statement_schema
from pharmgraph.store import open_store

SUBJECT = '{"id": "CHEBI:6367", "label": "lamotrigine", "type": "Drug"}'
OBJECT = '{"id": "mesh:D062528", "label": "sodium channel", "type": "IonChannel"}'


def line(subject: str = SUBJECT, extra: str = "", evidence: str = '{"document": "a.txt", "text": "t"}') -> str:
    return f'{{"subject": {subject}, "predicate": "blocks", "object": {OBJECT}, "evidence": [{evidence}]{extra}}}'


CASES = [
    (line(extra=', "negated": "false"'), "field negated: must be boolean"),
    (line(extra=', "negated": 0'), "field negated: must be boolean"),
    (line(subject='{"id": "CHEBI:6367", "id": "CHEBI:1"}'), "the key 'id' appears twice"),
    (line(subject='{"id": "CHEBI:6367", "synonyms": "Lamictal"}'), "field subject.synonyms: must be array"),
    (line(subject='{"id": "CHEBI:6367", "synonyms": [["Lamictal"]]}'), "field subject.synonyms[0]: must be string"),
    (line(evidence='{"document": "a.txt", "start": -4}'), "field evidence[0].start"),
    (line(evidence='{"document": "a.txt", "start": 1.5}'), "field evidence[0].start: must be integer"),
    (line(evidence='{"document": "a.txt", "start": true}'), "field evidence[0].start: must be integer"),
    (line(evidence='{"document": "a.txt", "start": 1e999}'), "too large"),
    (line(evidence='{"document": "a.txt", "start": ' + "9" * 5000 + "}"), "5000 digits"),
    (line(evidence='{"document": "a.txt", "confidence": NaN}'), "NaN is not a JSON number"),
    (line(evidence='{"document": "a.txt", "confidence": Infinity}'), "Infinity is not a JSON number"),
    (line(evidence='{"document": "a.txt", "confidence": 7}'), "field evidence[0].confidence"),
    (line(evidence='{"document": "a.txt", "start": 9, "end": 3}'), "field evidence[0].end: is 3, before its start 9"),
    (line(subject='{"id": "nocolon"}'), "field subject.id: is \"nocolon\", not a CURIE"),
    (line(subject='{"id": "CHEBI:"}'), "field subject.id: is \"CHEBI:\", not a CURIE"),
    (line(subject='{"id": ":123"}'), "field subject.id"),
    (line(subject='{"id": "CHEBI:CHEBI:"}'), "field subject.id: is 'CHEBI:CHEBI:', not a usable CURIE"),
    (line(subject='{"id": "CHEBI:1", "label": "\\ud800x"}'), "field subject.label: holds a lone surrogate"),
    (line(extra=', "qualifiers": ' + '{"a": ' * 40 + "1" + "}" * 40), "nests more than 16 levels"),
    (line(extra=', "qualifiers": ' + "[" * 100000 + "]" * 100000), "levels deep"),
    (line(subject='{"id": "CHEBI:1", "type": "Gizmo"}'), "field subject.type: is 'Gizmo'"),
    (line(extra=', "colour": "red"'), "unknown key ('colour'"),
    (line(subject="{}"), "field subject: needs an 'id' or a 'label'"),
    (line().replace('"blocks"', '"teleports"'), "field predicate: unknown predicate 'teleports'"),
    (line(extra=', "certainty": "maybe"'), "field certainty: is \"maybe\""),
    ('["not", "an", "object"]', "a JSON object is expected"),
]


@pytest.mark.parametrize("text, message", CASES)
def test_each_violation_is_one_sentence_naming_file_line_and_field(tmp_path, text, message):
    path = tmp_path / "in.jsonl"
    path.write_text(line() + "\n" + text + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_jsonl(path))
    sentence = str(info.value)
    assert f"{path}, line 2" in sentence and message in sentence
    assert sentence.endswith(".") and "\n" not in sentence and len(sentence) < 400


def test_the_whole_file_is_refused_by_ingest_and_validate_names_it(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(line() + "\n" + line(extra=', "negated": "false"') + "\n")
    store = tmp_path / "kg"
    result = run("--store", store, "ingest", path)
    assert result.exit_code == 1 and "line 2, field negated" in result.output
    assert "Traceback" not in result.output
    with open_store(store) as opened:
        assert opened.stats()["statements"] == 0
    checked = run("validate", path)
    assert checked.exit_code == 1 and "field negated" in checked.output


def test_label_only_entities_get_a_local_id():
    from pharmgraph.model import parse_statement_line

    stmt = parse_statement_line(line(subject='{"label": "Compound 7", "type": "Drug"}'))
    assert stmt.subject.id == "pharmgraph:compound_7" and stmt.subject.label == "Compound 7"


def test_valid_lines_round_trip(tmp_path, statements):
    from pharmgraph.model import write_jsonl

    path = tmp_path / "ok.jsonl"
    write_jsonl(statements, path)
    assert list(read_jsonl(path)) == statements


def test_the_published_schema_is_a_valid_json_schema_that_the_reader_uses():
    from importlib import resources

    from jsonschema import Draft202012Validator

    schema = json.loads((resources.files("pharmgraph") / "schemas" / "statement.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    assert schema == statement_schema()
