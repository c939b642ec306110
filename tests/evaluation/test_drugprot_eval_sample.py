"""On the organisers' evaluation sample, the command agrees with score_drugprot.py.

The sample has entities and gold relations for five development PMIDs but no abstracts, so
the test takes those five abstracts' text from the development file (only to run the
extractor; nothing is learned from them).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DRUGPROT = SHARED / "corpora" / "drugprot"
SAMPLE = DRUGPROT / "eval-sample"
SCORER = SHARED / "tools" / "score_drugprot.py"


def micro(text: str) -> tuple[str, str, str]:
    match = re.search(r"drugprot micro P=(\S+) R=(\S+) F1=(\S+)", text)
    assert match, text
    return match.groups()


@pytest.fixture
def sample_folder(tmp_path: Path) -> Path:
    dev_abstracts = DRUGPROT / "development" / "drugprot_development_abstracs.tsv"
    if not (SAMPLE.is_dir() and SCORER.is_file() and dev_abstracts.is_file()):
        pytest.skip("../shared/corpora/drugprot is not available")
    pmids = set((SAMPLE / "pmids.txt").read_text(encoding="utf-8").split())
    folder = tmp_path / "sample"
    folder.mkdir()
    with dev_abstracts.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.split("\t", 1)[0] in pmids]
    (folder / "sample_abstracs.tsv").write_text("".join(lines), encoding="utf-8")
    (folder / "sample_entities.tsv").write_bytes((SAMPLE / "gs_entities.tsv").read_bytes())
    (folder / "sample_relations.tsv").write_bytes((SAMPLE / "gs_relations.tsv").read_bytes())
    return folder


def scorer(*args: Path | str) -> str:
    done = subprocess.run(
        [sys.executable, str(SCORER), *map(str, args)], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_command_agrees_with_the_official_style_scorer(sample_folder: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.tsv"
    gold = SAMPLE / "gs_relations.tsv"
    # Every abstract of the folder counts, as with the scorer's --pmids (the shared task's way).
    result = CliRunner().invoke(main, ["evaluate", "drugprot", str(sample_folder), "-p", str(pred)])
    assert result.exit_code == 0, result.output
    assert micro(result.output) == micro(scorer(gold, pred, "--pmids", SAMPLE / "pmids.txt"))
    assert float(micro(result.output)[2]) > 0.3
    # --scope gold scores only PMIDs with a gold relation, as the scorer does without --pmids.
    result = CliRunner().invoke(
        main, ["evaluate", "drugprot", str(sample_folder), "--scope", "gold"]
    )
    assert result.exit_code == 0, result.output
    assert micro(result.output) == micro(scorer(gold, pred))


def test_score_command_agrees_on_the_toy_predictions() -> None:
    if not (SAMPLE.is_dir() and SCORER.is_file()):
        pytest.skip("../shared/corpora/drugprot is not available")
    gold, pred = SAMPLE / "gs_relations.tsv", SAMPLE / "pred_relations.tsv"
    result = CliRunner().invoke(main, ["evaluate", "drugprot-score", str(gold), str(pred)])
    assert result.exit_code == 0, result.output
    assert micro(result.output) == micro(scorer(gold, pred))
