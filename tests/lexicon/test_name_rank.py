"""A name merged into an entity from a less trusted source never outranks a curated name."""

from __future__ import annotations

from pharmgraph.lexicon import Lexicon, Term


def _lexicon() -> Lexicon:
    lex = Lexicon()
    lex.add(Term("mesh:D012640", "seizures", "Disease", ("convulsions",)), rank=0)
    lex.add(Term("mesh:D004830", "tonic-clonic epilepsy", "Disease", ("tonic-clonic seizure",)), rank=0)
    # an annotated corpus (rank 1) once called a tonic-clonic seizure just "seizures"
    lex.add(Term("mesh:D012640", "seizures", "Disease", ("tonic-clonic seizure", "fits")), rank=1)
    return lex


def test_a_curated_name_beats_the_same_name_merged_from_annotations() -> None:
    lex = _lexicon()
    assert next(e.id for e in lex.lookup("tonic-clonic seizure")) == "mesh:D004830"
    assert next(e.id for e in lex.lookup("Tonic-clonic seizures")) == "mesh:D004830"
    assert lex.name_rank("mesh:D012640", "tonic-clonic seizure") == 1
    assert lex.name_rank("mesh:D012640", "seizures") == 0


def test_the_text_matcher_agrees_with_lookup() -> None:
    lex = _lexicon()
    matches = lex.matcher().find("A tonic-clonic seizure followed.")
    assert [(m.text, m.entity.id) for m in matches] == [("tonic-clonic seizure", "mesh:D004830")]


def test_names_merged_from_annotations_still_match_where_nothing_competes() -> None:
    lex = _lexicon()
    assert [e.id for e in lex.lookup("fits")] == ["mesh:D012640"]
