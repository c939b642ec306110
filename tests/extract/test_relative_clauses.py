"""A relative clause speaks of its antecedent, a comparison drug too ("unlike Y, which does not
bind A, X ..."), and of every drug of a plural antecedent ("Y and Z, which activate A"); what
follows the clause's closing comma is never the comparison drug's. Every sentence is written
for this file; the built-in lexicon is used."""

from __future__ import annotations

from pharmgraph.extract.pipeline import extract_text


def _facts(text: str) -> set[tuple[str, str, str, bool]]:
    return {(s.subject.label.lower(), s.predicate, s.object.label.lower(), s.negated)
            for s in extract_text(text, "t.txt")}


def test_the_relative_clause_of_a_comparison_drug_is_its_own():
    found = _facts("Unlike warfarin, which inhibits VKORC1, apixaban inhibits factor Xa.")
    assert {("warfarin", "inhibits", "vkorc1", False), ("apixaban", "inhibits", "f10", False)} <= found
    assert ("warfarin", "binds", "f10", True) in _facts(
        "Unlike warfarin, which does not bind factor Xa, apixaban inhibits it directly.")


def test_the_main_clause_after_the_relative_clause_is_not_the_comparison_drugs():
    found = _facts("Colchicine, unlike allopurinol, which inhibits xanthine oxidase, does not lower urate.")
    assert ("allopurinol", "inhibits", "xdh", False) in found
    assert not {f for f in found if f[0] == "allopurinol" and f[3]}


def test_a_plural_antecedent_gives_every_drug_the_clause():
    found = _facts("Cinacalcet differs from calcitriol and paricalcitol, which activate the vitamin D receptor.")
    assert {("calcitriol", "activates", "vdr", False), ("paricalcitol", "activates", "vdr", False)} <= found
    single = _facts("Cinacalcet differs from calcitriol and paricalcitol, which activates the vitamin D receptor.")
    assert ("calcitriol", "activates", "vdr", False) not in single
