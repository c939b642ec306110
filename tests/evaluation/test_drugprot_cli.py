"""``pharmgraph evaluate drugprot`` and friends on the tiny fixture folder."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.evaluation import read_drugprot, read_relations, score

SCORER = Path(__file__).resolve().parents[2] / ".." / "shared" / "tools" / "score_drugprot.py"
LINE = re.compile(r"^\d+\t[A-Z_-]+\tArg1:T\d+\tArg2:T\d+$")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def micro(text: str) -> tuple[str, str, str]:
    match = re.search(r"drugprot micro P=(\S+) R=(\S+) F1=(\S+)", text)
    assert match, text
    return match.groups()


def test_writes_predictions_in_the_corpus_format(tiny_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "pred.tsv"
    result = run("evaluate", "drugprot", str(tiny_folder), "--predictions", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines, "the fixture's plain 'X inhibited Y' sentences should yield predictions"
    assert all(LINE.match(line) for line in lines), lines
    corpus = read_drugprot(tiny_folder)
    for pmid, _kind, a1, a2 in read_relations(out, corpus.abstracts):
        assert corpus.abstracts[pmid].mentions[a1].type == "CHEMICAL"
        assert corpus.abstracts[pmid].mentions[a2].type == "GENE"
    # The figures printed are those of the Python API on the same files.
    expected = score(corpus.relations, read_relations(out), corpus.abstracts)
    assert micro(result.output) == tuple(
        f"{expected[k]:.3f}" for k in ("precision", "recall", "f1")
    )
    assert "INHIBITOR" in result.output and "micro" in result.output


def test_agrees_with_the_shared_scorer(tiny_folder: Path, tmp_path: Path) -> None:
    if not SCORER.is_file():
        import pytest

        pytest.skip("../shared/tools/score_drugprot.py is not available")
    out = tmp_path / "pred.tsv"
    result = run("evaluate", "drugprot", str(tiny_folder), "-p", str(out))
    assert result.exit_code == 0, result.output
    scorer = subprocess.run(
        [sys.executable, str(SCORER), str(tiny_folder / "tiny_relations.tsv"), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert micro(result.output) == micro(scorer.stdout)


def test_json_output(tiny_folder: Path) -> None:
    result = run("evaluate", "drugprot", str(tiny_folder), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["abstracts"] == 2
    assert 0.0 <= data["f1"] <= 1.0
    assert data["tp"] + data["fn"] == 6
    assert {row["type"] for row in data["per_type"]} >= {"INHIBITOR", "SUBSTRATE"}


def test_folder_without_relations_only_predicts(copy_of_tiny: Path, tmp_path: Path) -> None:
    (copy_of_tiny / "tiny_relations.tsv").unlink()
    out = tmp_path / "pred.tsv"
    result = run("evaluate", "drugprot", str(copy_of_tiny), "-p", str(out))
    assert result.exit_code == 0, result.output
    assert "no relations file" in result.output
    assert "micro" not in result.output
    assert out.is_file()


def test_missing_folder_is_one_sentence_and_non_zero(tmp_path: Path) -> None:
    result = run("evaluate", "drugprot", str(tmp_path / "absent"))
    assert result.exit_code != 0
    assert (
        result.output.strip()
        == f"Error: {tmp_path / 'absent'} is not a folder; give a DrugProt folder."
    )


def test_folder_without_abstracts_says_so(tmp_path: Path) -> None:
    result = run("evaluate", "drugprot", str(tmp_path))
    assert result.exit_code == 1
    assert "Error:" in result.output and "_abstracs.tsv" in result.output
    assert "Traceback" not in result.output


def test_malformed_line_names_file_and_line(copy_of_tiny: Path) -> None:
    with (copy_of_tiny / "tiny_relations.tsv").open("a", encoding="utf-8") as handle:
        handle.write("900001\tINHIBITOR\tArg1:T1\n")
    result = run("evaluate", "drugprot", str(copy_of_tiny))
    assert result.exit_code == 1
    assert "tiny_relations.tsv, line 8: expected 4 tab-separated columns" in result.output


def test_score_command_matches_api(tiny_folder: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.tsv"
    pred.write_text("900001\tINHIBITOR\tArg1:T1\tArg2:T2\n900002\tAGONIST\tArg1:T5\tArg2:T6\n")
    result = run("evaluate", "drugprot-score", str(tiny_folder / "tiny_relations.tsv"), str(pred))
    assert result.exit_code == 0, result.output
    # 1 tp, 1 fp, 5 fn.
    assert micro(result.output) == ("0.500", "0.167", "0.250")


def test_train_command_writes_a_usable_model(tiny_folder: Path, tmp_path: Path) -> None:
    model = tmp_path / "m.json.gz"
    result = run("train", str(tiny_folder), "-o", str(model), "--base", "none")
    assert result.exit_code == 0, result.output
    assert "chemical-gene" in result.output and model.is_file()
    result = run(
        "evaluate", "drugprot", str(tiny_folder), "--model", str(model), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    # Trained and tested on the same two abstracts, the model recalls most of them.
    assert json.loads(result.output)["recall"] >= 0.5


def test_bad_model_file_is_one_sentence(tiny_folder: Path, tmp_path: Path) -> None:
    model = tmp_path / "m.json.gz"
    model.write_text("not a model")
    result = run("evaluate", "drugprot", str(tiny_folder), "--model", str(model))
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "relation model" in result.output


def test_help_has_examples() -> None:
    result = run("evaluate", "drugprot", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output and "--predictions" in result.output
