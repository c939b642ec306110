"""Reading and writing the DrugProt TSV format."""

from __future__ import annotations

from pathlib import Path

import pytest

from pharmgraph.errors import InputError
from pharmgraph.evaluation import read_drugprot, read_relations, write_relations


def test_reads_abstracts_entities_and_relations(tiny_folder: Path) -> None:
    corpus = read_drugprot(tiny_folder)
    assert list(corpus.abstracts) == ["900001", "900002"]
    abstract = corpus.abstracts["900001"]
    assert abstract.text.startswith("Zorbital blocks the kinase FAKE1 in liver cells.\tIn rat")
    assert len(abstract.mentions) == 8
    t1 = abstract.mentions["T1"]
    assert (t1.type, t1.start, t1.end, t1.text) == ("CHEMICAL", 0, 8, "Zorbital")
    # GENE-Y and GENE-N both become GENE, as in the development split.
    assert {m.type for m in abstract.mentions.values()} == {"CHEMICAL", "GENE"}
    for m in abstract.mentions.values():
        assert abstract.text[m.start : m.end] == m.text
    # The duplicate AGONIST line counts once.
    assert len(corpus.relations) == 6
    assert ("900002", "ANTAGONIST", "T5", "T6") in corpus.relations


def test_relations_file_is_optional(copy_of_tiny: Path) -> None:
    (copy_of_tiny / "tiny_relations.tsv").unlink()
    corpus = read_drugprot(copy_of_tiny)
    assert corpus.relations is None
    assert len(corpus) == 2


def test_accepts_the_correct_spelling_of_abstracts(copy_of_tiny: Path) -> None:
    (copy_of_tiny / "tiny_abstracs.tsv").rename(copy_of_tiny / "tiny_abstracts.tsv")
    assert len(read_drugprot(copy_of_tiny)) == 2


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is not a folder"):
        read_drugprot(tmp_path / "nowhere")


def test_missing_entities_file_is_named(copy_of_tiny: Path) -> None:
    (copy_of_tiny / "tiny_entities.tsv").unlink()
    with pytest.raises(InputError, match=r"no \*_entities\.tsv file"):
        read_drugprot(copy_of_tiny)


def test_short_entity_line_names_file_and_line(copy_of_tiny: Path) -> None:
    path = copy_of_tiny / "tiny_entities.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = "900001\tT3\tCHEMICAL\t69"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"tiny_entities\.tsv, line 3: expected 6"):
        read_drugprot(copy_of_tiny)


def test_offsets_that_miss_the_mention_are_refused(copy_of_tiny: Path) -> None:
    path = copy_of_tiny / "tiny_entities.tsv"
    text = path.read_text(encoding="utf-8").replace("\t0\t8\tZorbital", "\t1\t9\tZorbital")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: offsets 1-9 do not point at 'Zorbital'"):
        read_drugprot(copy_of_tiny)


def test_relation_to_unknown_entity_names_the_line(copy_of_tiny: Path) -> None:
    with (copy_of_tiny / "tiny_relations.tsv").open("a", encoding="utf-8") as handle:
        handle.write("900002\tAGONIST\tArg1:T3\tArg2:T99\n")
    with pytest.raises(InputError, match=r"line 8: entity T99 is not defined for PMID 900002"):
        read_drugprot(copy_of_tiny)


def test_relation_without_arg_prefix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.tsv"
    path.write_text("1\tINHIBITOR\tT1\tT2\n", encoding="utf-8")
    with pytest.raises(InputError, match="Arg1:Tn"):
        read_relations(path)


def test_write_relations_round_trips(tmp_path: Path) -> None:
    relations = [("2", "AGONIST", "T1", "T4"), ("1", "INHIBITOR", "T3", "T2")]
    path = tmp_path / "pred.tsv"
    assert write_relations(relations + relations, path) == 2
    assert path.read_text(encoding="utf-8") == (
        "1\tINHIBITOR\tArg1:T3\tArg2:T2\n2\tAGONIST\tArg1:T1\tArg2:T4\n"
    )
    assert read_relations(path) == set(relations)
