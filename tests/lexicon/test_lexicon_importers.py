"""Reading lexicon files: OBO, Hetionet nodes, TSV; and the errors a user sees."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from pharmgraph.errors import InputError
from pharmgraph.lexicon import (
    Lexicon,
    Term,
    load_lexicon,
    read_hetionet,
    read_lexicon_file,
    read_obo,
    read_tsv,
    write_tsv,
)

OBO = """\
format-version: 1.2
ontology: tiny

[Term]
id: MONDO:0005027
name: epilepsy
synonym: "epileptic disorder" EXACT []
synonym: "seizure disorder" RELATED [MONDO:x]
xref: MESH:D004827 {source="MONDO:equivalentTo"}
xref: http://example.org/not-a-curie
is_a: MONDO:0005071 ! nervous system disorder

[Term]
id: MONDO:0000001
name: old epilepsy term
is_obsolete: true

[Typedef]
id: part_of
name: part of

[Term]
id: MONDO:0005071
name: nervous system disorder
"""

HETIONET = (
    "id\tname\tkind\r\n"
    "Compound::DB00555\tLamotrigine\tCompound\r\n"
    "Gene::6323\tSCN1A\tGene\r\n"
    "Anatomy::UBERON:0000955\tbrain\tAnatomy\r\n"
    "Side Effect::C0014544\tEpilepsy\tSide Effect\r\n"
    "Biological Process::GO:0014047\tglutamate secretion\tBiological Process\r\n"
)


def test_read_obo_skips_obsolete_terms_and_typedefs(tmp_path: Path) -> None:
    path = tmp_path / "tiny.obo"
    path.write_text(OBO, encoding="utf-8")
    terms = {t.id: t for t in read_obo(path)}
    assert sorted(terms) == ["MONDO:0005027", "MONDO:0005071"]
    epilepsy = terms["MONDO:0005027"]
    assert (epilepsy.label, epilepsy.type) == ("epilepsy", "Disease")
    assert epilepsy.synonyms == ("epileptic disorder", "seizure disorder")
    assert epilepsy.broader == ("MONDO:0005071",)
    assert epilepsy.xrefs == ("mesh:D004827",)


def test_read_obo_with_a_given_type_and_gzip(tmp_path: Path) -> None:
    path = tmp_path / "tiny.obo.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(OBO)
    assert {t.type for t in read_obo(path, type="AdverseEvent")} == {"AdverseEvent"}
    with pytest.raises(InputError, match="unknown entity type 'Disorder'"):
        read_obo(path, type="Disorder")


def test_obo_terms_extend_a_lexicon_through_xrefs(tmp_path: Path, lexicon: Lexicon) -> None:
    path = tmp_path / "tiny.obo"
    path.write_text(OBO, encoding="utf-8")
    lexicon.update(read_obo(path))
    epilepsy = lexicon.get("MONDO:0005027")
    assert epilepsy.id == "mesh:D004827"  # merged into the known entity via its MeSH xref
    assert [e.id for e in lexicon.lookup("seizure disorder")] == ["mesh:D004827"]


def test_read_hetionet_nodes(tmp_path: Path) -> None:
    path = tmp_path / "nodes.tsv"
    path.write_text(HETIONET, encoding="utf-8")
    terms = read_hetionet(path)
    assert [(t.id, t.label, t.type) for t in terms] == [
        ("drugbank:DB00555", "Lamotrigine", "Drug"),
        ("NCBIGene:6323", "SCN1A", "Protein"),
        ("UMLS:C0014544", "Epilepsy", "AdverseEvent"),
        ("GO:0014047", "glutamate secretion", "BiologicalProcess"),
    ]
    assert [t.id for t in read_hetionet(path, kinds=["Gene"])] == ["NCBIGene:6323"]
    assert read_lexicon_file(path)[0].id == "drugbank:DB00555"  # recognised by its header


def test_read_hetionet_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "nodes.tsv"
    path.write_text("id\tname\tkind\nCompound::DB1\tX\tCompound\nbroken line\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"nodes\.tsv, line 3"):
        read_hetionet(path)


def test_simple_tsv_with_and_without_header(tmp_path: Path) -> None:
    with_header = tmp_path / "a.tsv"
    with_header.write_text("name\tid\ttype\nLTG\tCHEBI:6367\tDrug\nlamotrigine\tCHEBI:6367\tDrug\n")
    (term,) = read_tsv(with_header)
    assert (term.id, term.label, term.synonyms) == ("CHEBI:6367", "LTG", ("lamotrigine",))
    bare = tmp_path / "b.tsv"
    bare.write_text("zonisamide\tdrugbank:DB00909\tDrug\n")
    assert [t.label for t in read_tsv(bare)] == ["zonisamide"]


def test_full_tsv_round_trip(tmp_path: Path, fixture_tsv: Path) -> None:
    terms = read_tsv(fixture_tsv)
    out = tmp_path / "out.tsv.gz"
    assert write_tsv(terms, out) == len(terms) == 20
    assert read_tsv(out) == terms


def test_user_files_extend_the_builtin_lexicon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pharmgraph.lexicon import core

    path = tmp_path / "mine.tsv"
    path.write_text("name\tid\ttype\nflibbertigibbet\tpharmgraph:flib\tDrug\n")
    lex = load_lexicon([path])
    assert [e.id for e in lex.lookup("Flibbertigibbet")] == ["pharmgraph:flib"]
    monkeypatch.setenv(core.ENV_VAR, str(path))
    assert core.default_lexicon().get("pharmgraph:flib") is not None
    own = load_lexicon([path], builtin=False)
    assert [m.text for m in own.matcher().find("A flibbertigibbet.")] == ["flibbertigibbet"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id\tlabel\ttype\nCHEBI:1\tx\tDrug\nCHEBI:2\n", r"bad\.tsv, line 3: expected 3 to 6"),
        (
            "id\tlabel\ttype\nCHEBI:1\tx\tPotion\n",
            r"bad\.tsv, line 2: unknown entity type 'Potion'",
        ),
        (
            "id\tlabel\ttype\nnot a curie\tx\tDrug\n",
            r"bad\.tsv, line 2: 'not a curie' is not a CURIE",
        ),
        ("name\tid\ttype\nx\tCHEBI:1\n", r"bad\.tsv, line 2: expected 3 tab-separated columns"),
        (
            "id\tlabel\ttype\n\tx\tDrug\n",
            r"bad\.tsv, line 2: the id and the label must not be empty",
        ),
    ],
)
def test_malformed_tsv_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_tsv(path)
    with pytest.raises(InputError, match=message):
        load_lexicon([path], builtin=False)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.tsv does not exist"):
        load_lexicon([tmp_path / "missing.tsv"])
    with pytest.raises(InputError, match="is a folder"):
        read_tsv(tmp_path)


def test_term_is_an_entity_with_xrefs() -> None:
    term = Term("CHEBI:6367", "lamotrigine", "Drug", xrefs=["mesh:D000077213"])
    lex = Lexicon([term])
    assert type(lex.get("CHEBI:6367")).__name__ == "Entity"
    assert lex.xrefs("CHEBI:6367") == ("mesh:D000077213",)
    assert lex.get("MESH:D000077213").id == "CHEBI:6367"
