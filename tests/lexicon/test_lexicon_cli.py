"""The ``pharmgraph lexicon`` commands."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pharmgraph.cli import main


def test_lookup_json() -> None:
    result = CliRunner().invoke(main, ["lexicon", "lookup", "Lamictal", "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["id"] == "drugbank:DB00555" and "CHEBI:6367" in row["xrefs"]


def test_lookup_unknown_name_fails_with_a_sentence() -> None:
    result = CliRunner().invoke(main, ["lexicon", "lookup", "qwertyuiopium"])
    assert result.exit_code == 1
    assert "No entity is named 'qwertyuiopium'" in result.output


def test_stats_json() -> None:
    result = CliRunner().invoke(main, ["lexicon", "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["type"]: r["entities"] for r in json.loads(result.output)}
    assert rows["Drug"] >= 1000 and rows["total"] == sum(v for k, v in rows.items() if k != "total")


def test_import_then_use(tmp_path: Path) -> None:
    obo = tmp_path / "x.obo"
    obo.write_text('[Term]\nid: CHEBI:999999\nname: snorkelamine\nsynonym: "SNK-7" EXACT []\n')
    out = tmp_path / "x.tsv"
    runner = CliRunner()
    result = runner.invoke(main, ["lexicon", "import", str(obo), "--kind", "obo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[1].startswith("CHEBI:999999\tsnorkelamine\tDrug\tSNK-7")
    result = runner.invoke(
        main, ["lexicon", "lookup", "SNK-7", "--lexicon", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["id"] == "CHEBI:999999"


def test_import_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "lexicon",
            "import",
            str(tmp_path / "no.obo"),
            "--kind",
            "obo",
            "-o",
            str(tmp_path / "o.tsv"),
        ],
    )
    assert result.exit_code == 1
    assert "does not exist" in result.output
