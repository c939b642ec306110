"""The analysis commands, run through the CLI as a user would."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main

COMMANDS = ["shared-targets", "shared-effects", "shared-indications", "opposite-actions",
            "path", "neighbors", "similar", "central"]


@pytest.fixture
def run(disk_store):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--store", str(disk_store), *args])

    return invoke


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_examples_and_common_options(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    for option in ("--asserted-only", "--document", "--format"):
        assert option in result.output


@pytest.mark.parametrize(
    "args",
    [["shared-targets", "lamotrigine"], ["shared-effects"], ["shared-indications"],
     ["opposite-actions"], ["path", "lamotrigine", "epilepsy"], ["neighbors", "lamotrigine"],
     ["similar", "lamotrigine"], ["central"]],
)
def test_empty_store_says_to_ingest(empty_disk_store, args):
    result = CliRunner().invoke(main, ["--store", str(empty_disk_store), *args])
    assert result.exit_code == 1
    assert "The store holds no statements; ingest documents first." in result.output


def test_shared_targets_table(run):
    result = run("shared-targets", "lamotrigine")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # Each target's role (mechanism, metabolism, ...) is printed beside it.
    assert lines[0].split() == ["drug", "other", "shared", "jaccard", "targets", "roles",
                                "opposite", "contradicted_by"]
    assert [line.split()[1] for line in lines[2:]] == [
        "carbamazepine", "veratrine", "phenytoin", "losigamone"]
    assert "voltage-gated sodium channel (family via Nav1.1)" in result.output


def test_shared_targets_json_and_contradictions(run):
    result = run("shared-targets", "AO-33", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["other_label"]: r for r in json.loads(result.output)}
    assert rows["diazepam"]["contradictions"] == ["losigamone does not bind benzodiazepine site"]
    assert rows["diazepam"]["items"][0]["description"] == (
        "family: GABA-A receptor via benzodiazepine site")


def test_shared_targets_csv_exact_and_limit(run):
    result = run("shared-targets", "lamotrigine", "--exact", "--format", "csv", "--limit", "1")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["other"], r["targets"]) for r in rows] == [
        ("carbamazepine", "voltage-gated sodium channel")]


def test_asserted_only_and_document_filters(run):
    result = run("shared-indications", "lamotrigine", "--document", "a.txt", "--format", "json")
    assert json.loads(result.output) == []
    result = run("shared-indications", "--document", "a.txt", "--document", "b.txt",
                 "--format", "json")
    assert [r["names"] for r in json.loads(result.output)] == [["epilepsy"]]
    result = run("neighbors", "lamotrigine", "--asserted-only", "--format", "json")
    assert "bipolar disorder" not in result.output
    result = run("neighbors", "lamotrigine", "--format", "json")
    assert "bipolar disorder" in result.output


def test_unknown_document(run):
    result = run("central", "--document", "nope.txt")
    assert result.exit_code == 1
    assert "The store holds no document named 'nope.txt'" in result.output


def test_shared_effects_and_opposite_actions(run):
    result = run("shared-effects", "lamotrigine", "--format", "json")
    assert [r["names"] for r in json.loads(result.output)] == [["glutamate release"]]
    result = run("opposite-actions", "--format", "json")
    assert [(r["drug_label"], r["other_label"]) for r in json.loads(result.output)] == [
        ("lamotrigine", "veratrine"), ("losigamone", "veratrine"), ("phenytoin", "veratrine")]


def test_path_table_and_json(run):
    result = run("path", "lamotrigine", "epilepsy")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1. lamotrigine -treats-> epilepsy  [1 hops, unsigned]")
    assert "Drug L is used against seizures." in result.output
    result = run("path", "LTG", "losigamone", "--undirected", "-k", "2", "--format", "json")
    paths = json.loads(result.output)
    assert [p["labels"] for p in paths] == [
        ["lamotrigine", "epilepsy", "losigamone"], ["lamotrigine", "glutamate release", "losigamone"]]
    assert [h["direction"] for h in paths[0]["hops"]] == ["forward", "backward"]
    assert all(h["evidence"]["text"] for p in paths for h in p["hops"])


def test_path_via_and_no_path(run):
    result = run("path", "lamotrigine", "losigamone", "--undirected", "--via", "Effect",
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["from"], r["to"], r["direction"]) for r in rows] == [
        ("lamotrigine", "glutamate release", "forward"),
        ("losigamone", "glutamate release", "backward")]
    result = run("path", "epilepsy", "lamotrigine")
    assert result.exit_code == 1
    assert "No path leads from epilepsy to lamotrigine (try --undirected)." in result.output


def test_path_max_length_bounds_the_search(run):
    result = run("path", "LTG", "losigamone", "--undirected", "--max-length", "1")
    assert result.exit_code == 1
    assert "No path leads from lamotrigine to losigamone" in result.output
    result = run("path", "LTG", "losigamone", "--undirected", "--max-length", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    assert all(p["length"] == 2 for p in json.loads(result.output))


def test_unknown_and_ambiguous_names_give_one_sentence(run):
    result = run("path", "lamotrigin", "epilepsy")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: No entity is named 'lamotrigin'; did you mean lamotrigine (CHEBI:6367)?")
    result = run("similar", "epilepsy")
    assert "is a Disease, not a Drug" in result.output
    result = run("path", "lamotrigine", "epilepsy", "--via", "Thing")
    assert result.exit_code == 1
    assert "Unknown entity type 'Thing'" in result.output


def test_neighbors_similar_and_central(run):
    result = run("neighbors", "voltage-gated sodium channel", "--type", "Drug", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["neighbor_label"] for r in rows] == ["lamotrigine", "carbamazepine", "veratrine"]
    result = run("similar", "lamotrigine", "--top", "1", "--format", "json")
    assert [r["label"] for r in json.loads(result.output)] == ["carbamazepine"]
    result = run("central", "--top", "1", "--format", "json")
    assert [r["label"] for r in json.loads(result.output)] == [
        "lamotrigine", "voltage-gated sodium channel", "glutamate release", "epilepsy"]
    result = run("central", "--all", "--top", "2")
    assert result.exit_code == 0 and "PageRank" not in result.output
    assert result.output.splitlines()[0].split() == ["group", "rank", "label", "type", "degree",
                                                     "pagerank"]
