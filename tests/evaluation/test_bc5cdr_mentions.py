"""BC5CDR end to end: mentions read as the annotators mark them, and MeSH ids from MeSH names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pharmgraph.evaluation.bc5cdr import CdrRecord, _annotated_role, mention_cues, recognise
from pharmgraph.extract.mentions import MentionFinder
from pharmgraph.lexicon.core import Lexicon, Term

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_mesh_xrefs.py"


def _lexicon() -> Lexicon:
    lex = Lexicon()
    # made-up names with MeSH-shaped ids
    lex.add(Term("pharmgraph:zorbamycin", "zorbamycin", "Drug", xrefs=("mesh:D004409",)))
    lex.add(Term("pharmgraph:zorbamycin-receptor", "zorbamycin receptor", "Receptor"))
    lex.add(Term("pharmgraph:plinkitis", "plinkitis", "Disease", xrefs=("mesh:D012640",)))
    lex.add(Term("pharmgraph:zip", "zorbamycin-induced plinkitis", "Disease", xrefs=("mesh:D003128",)))
    lex.add(Term("pharmgraph:quorbemia", "quorbemia", "Disease", xrefs=("mesh:D006973",)))
    return lex


def _spans(abstract: str) -> list[tuple[str, str, tuple[str, ...]]]:
    record = recognise(CdrRecord("7", "A made-up title.", abstract), _lexicon(), unannotated=())
    return [(s.text, s.role, record.ids[s.id]) for s in record.spans]


def test_a_chemical_that_opens_a_receptor_name_is_a_mention_of_its_own() -> None:
    assert _spans("Binding to the zorbamycin receptor was measured.") == [("zorbamycin", "C", ("D004409",))]


def test_a_chemical_induced_disease_is_two_mentions() -> None:
    found = _spans("Patients had zorbamycin-induced plinkitis.")
    assert found == [("zorbamycin", "C", ("D004409",)), ("plinkitis", "D", ("D012640",))]


def test_a_disease_adjective_is_read_as_its_noun() -> None:
    assert _spans("Quorbemic rats were given saline.") == [("Quorbemic", "D", ("D006973",))]
    # a word no disease noun answers stays unmarked
    assert _spans("Gribblic rats were given saline.") == []


def test_the_annotators_role_of_a_mesh_id_wins_over_the_lexicon_type() -> None:
    roles = {"D006967": "D", "D003042": "C"}
    assert _annotated_role("C", ("D006967",), roles) == "D"
    assert _annotated_role("C", ("D003042",), roles) == "C"
    assert _annotated_role("C", ("D000001",), roles) == "C"  # unknown ids keep the type's role


def test_cues_around_mentions() -> None:
    record = recognise(
        CdrRecord("7", "A made-up title.", "Patients with plinkitis were treated with zorbamycin-induced rats."),
        _lexicon(),
        unannotated=(),
    )
    cues = mention_cues(record)
    assert "bpatients" in cues["D012640"]
    assert "bwith" in cues["D004409"]


def test_a_defined_abbreviation_outweighs_a_gene_symbol_of_the_same_letters() -> None:
    lex = Lexicon()
    lex.add(Term("pharmgraph:nitroglycerin", "nitroglycerin", "Drug"))
    lex.add(Term("NCBIGene:4976", "OPA1", "Protein", ("NTG",)))
    finder = MentionFinder(lex)
    first = finder.find("Nitroglycerin (NTG) was infused.")
    assert [(m.text, m.entities[0].id) for m in first] == [
        ("Nitroglycerin", "pharmgraph:nitroglycerin"),
        ("NTG", "pharmgraph:nitroglycerin"),
    ]
    later = finder.find("NTG-induced headache was common after NTG.")
    assert [(m.text, m.entities[0].id) for m in later if m.text == "NTG"] == [("NTG", "pharmgraph:nitroglycerin")] * 2


def _script():
    spec = importlib.util.spec_from_file_location("build_mesh_xrefs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mesh_names_give_ids_to_entities_without_one(tmp_path: Path) -> None:
    table = tmp_path / "mesh.tsv"
    table.write_text(
        "D000001\tZorbamycin\tZorbamycine|Zorbacin\tD02.100\t\n"
        "D000002\tPlinkitis\tPlinkosis\tC10.200\t\n"
        "D000003\tGribble\t\tC01.100\t\n"
        "D000004\tGribble Disease\tgribble\tF03.100\t\n"
        "D000005\tPlinkase\t\tD08.100|D12.100\t\n",
        encoding="utf-8",
    )
    module = _script()
    names = module.mesh_names(table)
    lex = Lexicon()
    lex.add(Term("pharmgraph:zorbacin", "zorbacin", "Drug"))
    lex.add(Term("pharmgraph:plinkosis", "plinkosis", "Disease"))
    lex.add(Term("pharmgraph:gribble", "gribble", "Disease"))  # two descriptors: left alone
    lex.add(Term("pharmgraph:owned", "zorbamycine", "Drug", xrefs=("mesh:D009999",)))  # has its own
    lex.add(Term("pharmgraph:plinkase", "plinkase", "Enzyme"))  # neither chemical nor disease here
    rows = module.name_rows(lex, names, taken=set())
    assert [(r[0], r[1]) for r in rows] == [
        ("pharmgraph:plinkosis", "mesh:D000002"),
        ("pharmgraph:zorbacin", "mesh:D000001"),
    ]
    # entities the annotations already map are not touched
    assert module.name_rows(lex, names, taken={"pharmgraph:zorbacin"})[0][0] == "pharmgraph:plinkosis"
