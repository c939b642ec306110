"""The same store on three engines answers the same: embedded Oxigraph, ``oxigraph serve``
and Virtuoso. Ingest, counts, SPARQL and the analysis commands are compared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main

from engines import oxigraph_server, virtuoso_server

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"

QUESTIONS = [
    ["stats", "--format", "json"],
    ["shared-targets", "lamotrigine", "--format", "json"],
    ["shared-targets", "--format", "json"],
    ["shared-effects", "--format", "json"],
    ["shared-indications", "--format", "json"],
    ["neighbors", "lamotrigine", "--format", "json"],
    ["path", "lamotrigine", "epilepsy", "--format", "json"],
    ["similar", "lamotrigine", "--format", "json"],
    ["opposite-actions", "--format", "json"],
    ["central", "--format", "json"],
]


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, f"{args}: {result.output}"
    return result.output


def _answers(store: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for question in QUESTIONS:
        data = json.loads(_run([*store, *question]))
        if question[0] == "stats":
            data.pop("quads", None)  # servers keep graphs of their own beside ours
        out[" ".join(question)] = data
    out["sparql"] = sorted(
        json.dumps(row, sort_keys=True)
        for row in json.loads(_run([*store, "sparql", "--format", "json",
                                    "SELECT DISTINCT ?d ?t WHERE { ?d pg:blocks ?t }"]))["results"]["bindings"]
    )
    return out


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("embedded") / "kg"
    _run(["--store", str(folder), "ingest", str(EXAMPLES)])
    return _answers(["--store", str(folder)])


def test_oxigraph_server_answers_like_the_embedded_store(embedded, tmp_path):
    with oxigraph_server(tmp_path) as url:
        store = ["--store", url]
        _run([*store, "ingest", str(EXAMPLES)])
        assert _answers(store) == embedded


@pytest.mark.slow
def test_virtuoso_answers_like_the_embedded_store(embedded, tmp_path):
    with virtuoso_server(tmp_path) as url:
        store = ["--store", url, "--update-url", url]
        _run([*store, "ingest", str(EXAMPLES)])
        assert _answers(store) == embedded
        # Re-ingesting replaces each document rather than doubling it.
        _run([*store, "ingest", str(EXAMPLES)])
        assert _answers(store) == embedded
