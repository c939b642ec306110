"""The ``pharmgraph extract`` command: each output format and each way input can be wrong."""

from __future__ import annotations

import json

import pytest
import rdflib
from click.testing import CliRunner

from pharmgraph.cli import main

TEXT = "Lamotrigine blocks voltage-gated sodium channels. Lamotrigine does not bind the GABA-A receptor.\n"


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def test_jsonl(doc):
    result = run(doc, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    claims = {(r["subject"]["label"], r["predicate"], r["object"]["label"], r["negated"]) for r in rows}
    assert ("lamotrigine", "blocks", "voltage-gated sodium channel", False) in claims
    assert ("lamotrigine", "binds", "GABA-A receptor", True) in claims
    assert all(r["evidence"][0]["document"] == "note.txt" for r in rows)


def test_table(doc):
    result = run(doc)
    assert result.exit_code == 0, result.output
    assert "subject" in result.output.splitlines()[0]
    line = next(x for x in result.output.splitlines() if "binds" in x)
    assert "negated" in line and "note.txt" in line


def test_turtle_is_trig_with_a_graph_per_document(doc):
    result = run(doc, "--format", "turtle")
    assert result.exit_code == 0, result.output
    ds = rdflib.Dataset()
    ds.parse(data=result.output, format="trig")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert "https://w3id.org/pharmgraph/document/note.txt" in graphs


def test_output_file(doc, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run(doc, "--format", "jsonl", "-o", out)
    assert result.exit_code == 0 and result.output == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_extra_lexicon(tmp_path):
    lex = tmp_path / "terms.tsv"
    lex.write_text("name\tid\ttype\nquorvidane\tpharmgraph:quorvidane\tDrug\n", encoding="utf-8")
    doc = tmp_path / "q.txt"
    doc.write_text("Quorvidane inhibits the NMDA receptor.\n", encoding="utf-8")
    result = run(doc, "--format", "jsonl", "--lexicon", lex)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[0])["subject"]["id"] == "pharmgraph:quorvidane"


def test_folder(tmp_path, doc):
    result = run(tmp_path, "--format", "jsonl")
    assert result.exit_code == 0 and result.output.count("\n") == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"caf\xe9 au lait blocks", "UTF-8"),
    ],
)
def test_bad_bytes(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run(path)
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and message in result.output
    assert "Traceback" not in result.output


def test_missing_file(tmp_path):
    result = run(tmp_path / "nope.txt")
    assert result.exit_code == 1 and "no such file" in result.output


def test_statements_file_is_refused(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    result = run(path)
    assert result.exit_code == 1 and "pharmgraph ingest" in result.output


def test_missing_lexicon(doc, tmp_path):
    result = run(doc, "--lexicon", tmp_path / "none.tsv")
    assert result.exit_code == 1 and result.output.startswith("Error:")


def test_large_file(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(60_000_000)
    result = run(path)
    assert result.exit_code == 1 and "split it" in result.output


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    result = run(path, "--format", "jsonl")
    assert result.exit_code == 0 and result.output == ""


def test_help_has_examples():
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0 and "Examples" in result.output


def test_model_option_chooses_rules_only_or_refuses_a_bad_file(tmp_path, monkeypatch):
    import gzip

    from pharmgraph.extract.learned import MODEL_ENV

    monkeypatch.setenv(MODEL_ENV, "")  # the command sets it; teardown restores the old state
    doc = tmp_path / "note.txt"
    doc.write_text("Osimertinib inhibits EGFR in lung cancer cells.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(doc), "--model", "none", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    extractors = {ev["extractor"] for line in result.output.splitlines() for ev in json.loads(line)["evidence"]}
    assert "pharmgraph-model" not in extractors
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(gzip.compress(b'{"weights": []}'))
    result = runner.invoke(main, ["extract", str(doc), "--model", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "not a pharmgraph relation model" in result.output
    assert len(result.output.strip().splitlines()) == 1
