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


def test_for_which_names_the_drug_used_for_the_condition():
    found = _facts("Isotretinoin is not effective in plaque psoriasis, for which the related retinoid acitretin is used.")
    assert {("acitretin", "treats", "plaque psoriasis", False), ("isotretinoin", "treats", "plaque psoriasis", True)} <= found
    assert ("acitretin", "treats", "plaque psoriasis", True) not in found
    assert ("naloxone", "treats", "overdose", False) in _facts(
        "Naltrexone must not be used for acute opioid overdose, for which naloxone is used.")


def test_its_use_is_restricted_to_a_condition():
    found = _facts("Isotretinoin is a retinoid. Its use is restricted to severe nodular acne.")
    assert {f for f in found if f[1] == "treats"} == {("isotretinoin", "treats", "acne vulgaris", False)}
    assert not {f for f in _facts("Isotretinoin is a retinoid. Its use is restricted in patients with renal failure.")
                if f[1] == "treats"}


def test_what_the_action_on_a_target_accounts_for_is_the_drugs():
    found = _facts("Diphenhydramine also blocks muscarinic receptors, which accounts for dry mouth and urinary retention.")
    events = {o for s, p, o, neg in found if s == "diphenhydramine" and p == "causes_adverse_event"}
    assert events == {"aptyalism", "urinary retention"}
    found = _facts("Spironolactone also blocks androgen receptors, which explains its gynaecomastia.")
    assert {o for s, p, o, neg in found if p == "causes_adverse_event"} == {"gynaecomastia"}


def test_ineffective_in_a_condition_is_a_negated_use():
    assert ("levodopa", "treats", "multiple system atrophy", True) in _facts("Levodopa is ineffective in multiple system atrophy.")
    assert ("ceftriaxone", "treats", "mrsa infection", True) in _facts("Ceftriaxone is ineffective against MRSA infections.")
