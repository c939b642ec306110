"""``pharmgraph lexicon check``: findings, accepted findings, exit status; gene -> GO data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.errors import InputError
from pharmgraph.lexicon import Lexicon, Term
from pharmgraph.lexicon.annotations import gene_processes, genes_in_process, iter_gene_go
from pharmgraph.lexicon.check import check_lexicon, read_accepted, valid_curie


def _kinds(findings) -> set[tuple[str, str]]:
    return {(f.kind, f.key) for f in findings}


def test_each_kind_of_finding() -> None:
    lex = Lexicon(
        [
            Term("NCBIGene:1", "ABC1", "Protein", ("XYZ2",)),
            Term("NCBIGene:2", "ABC1", "Protein"),
            Term("NCBIGene:3", "XYZ2", "Protein"),
            Term("drugbank:DB00001", "fakeamine", "Drug", xrefs=("mesh:D000001",)),
            Term("NCBIGene:4", "SET", "Protein", broader=("NCBIGene:999",)),
            Term("nonsense:1", "oddity", "Protein"),
        ]
    )
    lex.add(Term("mesh:D000002", "fake disease", "Disease", xrefs=("mesh:D000001",)))
    found = _kinds(check_lexicon(lex, rows=[("NCBIGene:3", "Protein"), ("NCBIGene:3", "Drug")]))
    assert ("shared-label", "abc 1") in found
    assert ("alias-collision", "xyz 2") in found  # a synonym that is another gene's symbol
    assert ("alias-collision", "set") in found  # a common word matched by its case
    assert ("unresolved-id", "NCBIGene:999") in found
    assert ("unresolved-id", "nonsense:1") in found
    assert ("conflicting-type", "ncbigene:3") in found


def test_valid_curie_agrees_with_bioregistry() -> None:
    assert valid_curie("CHEBI:6367") and valid_curie("NCBIGene:5743")
    assert valid_curie("interpro:IPR002233") and valid_curie("pharmgraph:x")
    assert not valid_curie("CHEBI:abc") and not valid_curie("nonsense:1")
    assert not valid_curie("chebi:6367")  # not in pharmgraph's spelling


def test_accepted_findings_need_a_reason(tmp_path: Path) -> None:
    good = tmp_path / "ok.tsv"
    good.write_text("kind\tkey\treason\nshared-label\tabc 1\ttwo loci, one symbol\n")
    assert read_accepted(good) == {("shared-label", "abc 1"): "two loci, one symbol"}
    bad = tmp_path / "bad.tsv"
    bad.write_text("shared-label\tabc 1\t\n")
    with pytest.raises(InputError, match="needs a kind, a key and a reason"):
        read_accepted(bad)


def test_check_command_fails_on_unaccepted_findings(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "id\tlabel\ttype\tsynonyms\tbroader\txrefs\n"
        "pharmgraph:zz_one\tzorblatine\tDrug\t\t\t\n"
        "pharmgraph:zz_two\tzorblatine\tDrug\t\t\t\n"
    )
    runner = CliRunner()
    result = runner.invoke(main, ["lexicon", "check", "--lexicon", str(extra), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    keys = {(f["kind"], f["key"]) for f in report["unaccepted"]}
    assert keys == {("shared-label", "zorblatine")}
    accepted = tmp_path / "accepted.tsv"
    builtin = Path(__file__).resolve().parents[2] / "src/pharmgraph/data/lexicon/accepted.tsv"
    accepted.write_text(
        builtin.read_text() + "shared-label\tzorblatine\ttwo test entries, one name\n"
    )
    result = runner.invoke(
        main, ["lexicon", "check", "--lexicon", str(extra), "--accepted", str(accepted)]
    )
    assert result.exit_code == 0, result.output
    assert "0 unaccepted findings" in result.output


def test_builtin_lexicon_has_no_unaccepted_findings() -> None:
    result = CliRunner().invoke(main, ["lexicon", "check", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["unaccepted"] == []
    assert all(f["reason"] for f in report["accepted"])


def test_gene_go_annotations() -> None:
    processes = gene_processes()
    assert len(processes) > 15_000
    assert "GO:0006954" in processes["NCBIGene:5743"]  # PTGS2, inflammatory response
    assert "NCBIGene:5743" in genes_in_process("GO:0006954")
    assert genes_in_process("GO:9999999") == frozenset()
    first = next(iter_gene_go())
    assert first[0].startswith("NCBIGene:") and first[1].startswith("GO:")
