"""``pharmgraph view``: whole graph, neighbourhood, shared targets, paths, errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from views_helpers import page_data

from pharmgraph.cli import main
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import open_store

LTG = Entity("CHEBI:6367", "lamotrigine", "Drug", synonyms=("Lamictal",))
CBZ = Entity("CHEBI:3387", "carbamazepine", "Drug")
LSG = Entity("pharmgraph:losigamone", "losigamone", "Drug")
VGSC = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel")
NAV = Entity("pharmgraph:nav1_1", "Nav1.1", "IonChannel", broader=("mesh:D062528",))
BZS = Entity("pharmgraph:benzodiazepine_site", "benzodiazepine site", "BindingSite")
EXC = Entity("pharmgraph:excitability", "neuronal excitability", "PhysiologicalEffect")
EPI = Entity("mesh:D004827", "epilepsy", "Disease")


def said(doc: str, text: str) -> tuple[Evidence, ...]:
    return (Evidence(doc, text, 0, len(text), references=("3",)),)


STATEMENTS = [
    Statement(LTG, "blocks", VGSC, evidence=said("a.txt", "Our note: lamotrigine blocks the channel.")),
    Statement(CBZ, "blocks", NAV, evidence=said("b.txt", "Our note: carbamazepine blocks Nav1.1.")),
    Statement(VGSC, "increases", EXC, evidence=said("a.txt", "Our note: the channel raises excitability.")),
    Statement(LTG, "treats", EPI, certainty="hedged", evidence=said("a.txt", "Our note: it may help in epilepsy.")),
    Statement(LSG, "binds", BZS, negated=True, evidence=said("b.txt", "Our note: losigamone does not bind there.")),
    Statement(LSG, "decreases", EXC, evidence=said("b.txt", "Our note: losigamone lowers excitability.")),
]


@pytest.fixture
def kg(tmp_path):
    """A store folder holding the statements above."""
    location = tmp_path / "kg"
    store = open_store(location)
    store.ingest(STATEMENTS)
    store.close()
    return location


def run(kg, *args):
    return CliRunner().invoke(main, ["--store", str(kg), "view", *args], catch_exceptions=False)


def test_whole_graph(kg, tmp_path):
    out = tmp_path / "all.html"
    result = run(kg, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} >= {"CHEBI:6367", "CHEBI:3387", "mesh:D062528", "mesh:D004827"}
    assert not any(e["negated"] for e in data["edges"])
    assert "pharmgraph:benzodiazepine_site" not in {n["id"] for n in data["nodes"]}


def test_show_negated(kg, tmp_path):
    out = tmp_path / "neg.html"
    assert run(kg, "-o", str(out), "--show-negated").exit_code == 0
    [negated] = [e for e in page_data(out.read_text(encoding="utf-8"))["edges"] if e["negated"]]
    assert (negated["from"], negated["predicate"]) == ("pharmgraph:losigamone", "binds")


def test_focus_neighbourhood(kg, tmp_path):
    out = tmp_path / "focus.html"
    result = run(kg, "-o", str(out), "--focus", "Lamictal", "--radius", "1")
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {"CHEBI:6367", "mesh:D062528", "mesh:D004827"}
    assert "lamotrigine (radius 1)" in out.read_text(encoding="utf-8")


def test_asserted_only_and_document(kg, tmp_path):
    out = tmp_path / "a.html"
    assert run(kg, "-o", str(out), "--asserted-only", "--document", "a.txt").exit_code == 0
    edges = page_data(out.read_text(encoding="utf-8"))["edges"]
    assert {(e["from"], e["predicate"]) for e in edges} == {("CHEBI:6367", "blocks"), ("mesh:D062528", "increases")}


def test_shared_targets(kg, tmp_path):
    out = tmp_path / "shared.html"
    result = run(kg, "-o", str(out), "--shared-targets", "lamotrigine")
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {"CHEBI:6367", "CHEBI:3387", "mesh:D062528", "pharmgraph:nav1_1"}
    # carbamazepine reaches the family through Nav1.1's broader link.
    assert {(e["from"], e["predicate"], e["to"]) for e in data["edges"]} == {
        ("CHEBI:6367", "blocks", "mesh:D062528"),
        ("CHEBI:3387", "blocks", "pharmgraph:nav1_1"),
        ("pharmgraph:nav1_1", "broader", "mesh:D062528"),
    }


def test_path_is_highlighted(kg, tmp_path):
    out = tmp_path / "path.html"
    result = run(kg, "-o", str(out), "--path", "lamotrigine", "neuronal excitability")
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["path"] == ["CHEBI:6367", "mesh:D062528", "pharmgraph:excitability"]
    assert {(e["from"], e["to"]) for e in data["edges"] if e["path"]} == {
        ("CHEBI:6367", "mesh:D062528"), ("mesh:D062528", "pharmgraph:excitability")}


def test_open_hands_the_file_to_the_browser(kg, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    out = tmp_path / "o.html"
    assert run(kg, "-o", str(out), "--open").exit_code == 0
    assert opened == [out.resolve().as_uri()]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "valproate"], "No entity is named 'valproate'"),
        (["--shared-targets", "epilepsy"], "not a Drug"),
        (["--path", "epilepsy", "lamotrigine"], "No path leads"),
        (["--document", "missing.txt"], "no document named 'missing.txt'"),
    ],
)
def test_user_mistakes_give_one_sentence(kg, tmp_path, args, message):
    result = run(kg, "-o", str(tmp_path / "x.html"), *args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_empty_store(tmp_path):
    empty = tmp_path / "empty"
    open_store(empty).close()
    result = run(empty, "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1
    assert "Error: The store holds no statements" in result.output


def test_two_modes_at_once_is_a_usage_error(kg, tmp_path):
    result = run(kg, "--focus", "lamotrigine", "--shared-targets", "lamotrigine")
    assert result.exit_code == 2 and "at most one of" in result.output


def test_help_has_examples():
    result = CliRunner().invoke(main, ["view", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "--shared-targets" in result.output and "--path" in result.output
