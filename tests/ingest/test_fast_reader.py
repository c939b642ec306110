"""The fast JSON Lines check gives exactly the strict reader's verdicts and sentences."""

from __future__ import annotations

import json

from fuzz_cases import jsonl_lines, valid_jsonl_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pharmgraph.errors import InputError
from pharmgraph.model import iter_jsonl, parse_statement_line, read_jsonl, statement_from_line


def _verdict(parse, line: str):
    try:
        return "ok", parse(line, "f.jsonl, line 1")
    except InputError as exc:
        return "refused", str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(jsonl_lines(), valid_jsonl_lines()))
def test_fast_and_strict_agree_on_every_line(line):
    assert _verdict(statement_from_line, line) == _verdict(parse_statement_line, line)


def test_nulls_and_near_misses_are_refused_with_the_strict_sentence():
    base = {"subject": {"id": "CHEBI:6367"}, "predicate": "binds", "object": {"id": "x:2"}}
    cases = [
        {**base, "evidence": None}, {**base, "qualifiers": None}, {**base, "negated": None},
        {**base, "subject": {"id": "CHEBI:6367", "label": None}}, {**base, "object": {"id": "x:2", "type": None}},
        {**base, "subject": {"id": "CHEBI:6367", "type": "Planet"}}, {**base, "predicate": "pg:binds"},
        {**base, "evidence": [{"document": "d", "start": 5, "end": 2}]},
        {**base, "evidence": [{"document": "d", "start": True}]},
        {**base, "evidence": [{"document": "d", "confidence": True}]},
        {**base, "evidence": [{"document": "d", "start": 3.0, "end": 4}]},
        {**base, "subject": {"label": "lamotrigine"}},
        {**base, "object": {"id": "x:2", "broader": "x:3"}},
    ]
    for data in cases:
        line = json.dumps(data)
        assert _verdict(statement_from_line, line) == _verdict(parse_statement_line, line), line
    for text in ('{"subject": {"id": "x:1", "id": "x:1"}, "predicate": "binds", "object": {"id": "x:2"}}',
                 '{"subject": {"id": "x:1", "label": "\\ud800"}, "predicate": "binds", "object": {"id": "x:2"}}',
                 '[1, 2]', '{"subject": '):
        assert _verdict(statement_from_line, text) == _verdict(parse_statement_line, text), text


def test_streaming_reader_reads_what_the_whole_file_reader_reads(tmp_path):
    good = '{"subject": {"id": "x:1"}, "predicate": "binds", "object": {"id": "x:2"}}'
    path = tmp_path / "s.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + f"{good}\r\n\n  \n{good}".encode())
    assert list(iter_jsonl(path)) == list(read_jsonl(path))
    path.write_text(f"{good}\n{good[:-1]}\n", encoding="utf-8")
    streamed = iter_jsonl(path)
    assert next(streamed).predicate == "binds"
    try:
        next(streamed)
    except InputError as exc:
        assert str(exc).startswith(f"{path}, line 2: not valid JSON")
    else:
        raise AssertionError("the broken line was read")
