"""The core commands and the messages users get for their mistakes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.model import write_jsonl


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def loaded(tmp_path, runner, statements):
    path = tmp_path / "s.jsonl"
    write_jsonl(statements, path)
    store = tmp_path / "kg"
    result = runner.invoke(main, ["--store", str(store), "ingest", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return store


def test_ingest_reports_statements_per_document(loaded, runner, tmp_path):
    result = runner.invoke(main, ["--store", str(loaded), "stats", "--format", "json"])
    data = json.loads(result.output)
    assert data["statements"] == 4 and data["documents"] == 2


def test_sparql_formats(loaded, runner):
    query = "SELECT ?t WHERE { ?d pg:blocks ?t } LIMIT 1"
    table = runner.invoke(main, ["--store", str(loaded), "sparql", query])
    assert table.exit_code == 0 and "mesh:D062528" in table.output
    as_json = runner.invoke(main, ["--store", str(loaded), "sparql", query, "--format", "json"])
    assert json.loads(as_json.output)["results"]["bindings"][0]["t"]["type"] == "uri"
    as_csv = runner.invoke(main, ["--store", str(loaded), "sparql", query, "--format", "csv"])
    assert as_csv.output.splitlines()[0] == "t"
    ask = runner.invoke(main, ["--store", str(loaded), "sparql", "ASK { ?s pg:binds ?o }"])
    assert ask.output.strip() == "no"
    construct = runner.invoke(main, ["--store", str(loaded), "sparql", "CONSTRUCT WHERE { ?s pg:blocks ?o }", "--format", "ntriples"])
    assert construct.output.count(" .\n") == 2


def test_sparql_from_file_and_stdin(loaded, runner, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s pg:blocks ?o }")
    result = runner.invoke(main, ["--store", str(loaded), "sparql", "-f", str(query_file), "--format", "csv"])
    assert result.output.splitlines() == ["n", "2"]
    result = runner.invoke(main, ["--store", str(loaded), "sparql", "-f", "-", "--format", "tsv"], input="ASK { ?s ?p ?o }")
    assert "true" in result.output


def test_export_and_validate(loaded, runner, tmp_path):
    out = tmp_path / "kg.trig"
    assert runner.invoke(main, ["--store", str(loaded), "export", "--format", "trig", "-o", str(out)]).exit_code == 0
    result = runner.invoke(main, ["--store", str(loaded), "validate", str(out)])
    assert result.exit_code == 0 and "No violations" in result.output
    assert runner.invoke(main, ["--store", str(loaded), "validate"]).exit_code == 0


def test_validate_exits_1_on_violations(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix pg: <https://w3id.org/pharmgraph/ontology#> .\n"
        "<http://example.org/s> a pg:Statement ; pg:certainty \"maybe\" .\n"
    )
    result = runner.invoke(main, ["validate", str(bad), "--format", "json"])
    assert result.exit_code == 1
    assert any("certainty" in f["message"] for f in json.loads(result.output))


@pytest.mark.parametrize(
    "args, message, code",
    [
        (["ingest", "missing.jsonl"], "missing.jsonl: no such file or folder.", 1),
        (["sparql", "SELEC ?x"], "The SPARQL query is malformed", 2),
        (["sparql", "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"], "SERVICE is not allowed", 2),
        (["sparql"], "Give a query", 2),
        (["validate", "nothing.ttl"], "nothing.ttl: no such file.", 1),
    ],
)
def test_user_mistakes_get_one_sentence(runner, loaded, args, message, code):
    result = runner.invoke(main, ["--store", str(loaded), *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_malformed_jsonl_line_is_named_and_store_untouched(runner, tmp_path, loaded):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"subject": {"id": "x:1"}, "predicate": "blocks", "object": {"id": "x:2"}, "evidence": [{"document": "a.txt"}]}\n{oops\n')
    before = runner.invoke(main, ["--store", str(loaded), "export", "--format", "nquads"]).output
    result = runner.invoke(main, ["--store", str(loaded), "ingest", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl, line 2: not valid JSON" in result.output
    assert runner.invoke(main, ["--store", str(loaded), "export", "--format", "nquads"]).output == before


def test_reading_a_store_that_does_not_exist_creates_nothing(runner, tmp_path):
    for args in (["stats"], ["sparql", "ASK {}"], ["export"], ["validate"]):
        result = runner.invoke(main, ["--store", str(tmp_path / "nowhere"), *args])
        assert result.exit_code == 1, args
        assert "There is no pharmgraph store at" in result.output
    assert not (tmp_path / "nowhere").exists()


def test_unopenable_store_is_one_sentence(runner, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(main, ["--store", str(blocker), "stats"])
    assert result.exit_code == 1
    assert "it is a file, not a folder" in result.output


def _command_paths(group, prefix=()):
    import click

    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _command_paths(command, (*prefix, name))


def test_every_command_has_help_with_examples(runner):
    paths = list(_command_paths(main))
    assert {("ingest",), ("sparql",), ("export",), ("stats",), ("validate",)} <= set(paths)
    for path in paths:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Examples" in result.output, path
