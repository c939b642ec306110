"""BC5CDR end to end: how our own mentions get (or lose) their MeSH ids."""

from __future__ import annotations

import pytest

from pharmgraph.evaluation.bc5cdr import CdrRecord, mesh_usage, recognise, unannotated_names
from pharmgraph.lexicon.core import Lexicon, Term


def _lexicon() -> Lexicon:
    lex = Lexicon()
    # made-up names; the ids are MeSH-shaped so the rules about MeSH numbering apply
    lex.add(Term("pharmgraph:zorbamycin", "zorbamycin", "Drug", xrefs=("mesh:D000071057", "mesh:D004409")))
    lex.add(Term("pharmgraph:quellamide", "quellamide", "Drug", xrefs=("mesh:D000090001",)))
    lex.add(Term("pharmgraph:plinkitis", "plinkitis", "Disease", xrefs=("mesh:D012640",)))
    lex.add(Term("pharmgraph:reflex-plinkitis", "reflex plinkitis", "Disease"))
    lex.add(Term("pharmgraph:gribble", "gribble", "Disease", xrefs=("mesh:D003128",)))
    return lex


def _ours(abstract: str, **kw) -> dict[str, tuple[str, ...]]:
    record = recognise(CdrRecord("7", "A made-up title.", abstract), _lexicon(), **kw)
    return {s.text: record.ids[s.id] for s in record.spans}


def test_an_entity_with_several_mesh_ids_is_linked_to_one() -> None:
    # the classic descriptor wins over the one numbered after 2015
    assert _ours("Zorbamycin was given.")["Zorbamycin"] == ("D004409",)


def test_a_descriptor_the_annotations_never_use_is_dropped() -> None:
    if not mesh_usage():
        pytest.skip("data/lexicon/mesh_usage.tsv is absent: nothing is known to be unused")
    assert "D000090001" not in mesh_usage()
    assert _ours("Quellamide was given.")["Quellamide"] == ()


def test_a_name_without_mesh_is_read_as_its_head_that_has_one() -> None:
    found = _ours("Patients had reflex plinkitis.")
    assert found == {"plinkitis": ("D012640",)}


def test_names_the_annotators_leave_unmarked_are_left_out() -> None:
    text = "Zorbamycin caused gribble."
    assert set(_ours(text, unannotated=())) == {"Zorbamycin", "gribble"}
    assert set(_ours(text, unannotated={("D", "gribble")})) == {"Zorbamycin"}
    # role and name must both agree
    assert set(_ours(text, unannotated={("C", "gribble")})) == {"Zorbamycin", "gribble"}


def test_the_shipped_unannotated_names_are_role_and_lower_case_name() -> None:
    names = unannotated_names()
    assert all(role in ("C", "D") and name == name.lower() for role, name in names)
