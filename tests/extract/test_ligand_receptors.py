"""A receptor named by its ligand before "agonist" or "antagonist" ("a dopamine antagonist",
"an opioid agonist", "an alpha-2 adrenergic agonist") is the receptor, never the ligand. Every
sentence is written for this file; the built-in lexicon is used."""

from __future__ import annotations

import pytest

from pharmgraph.extract.pipeline import extract_text


def _facts(text: str) -> set[tuple[str, str, str, bool]]:
    return {(s.subject.label.lower(), s.predicate, s.object.label.lower(), s.negated)
            for s in extract_text(text, "t.txt")}


@pytest.mark.parametrize(("text", "fact"), [
    ("Haloperidol is a dopamine antagonist.", ("haloperidol", "antagonist_of", "dopamine receptor", False)),
    ("Naloxone is an opioid antagonist.", ("naloxone", "antagonist_of", "opioid receptor", False)),
    ("Atropine is a muscarinic antagonist.", ("atropine", "antagonist_of", "muscarinic acetylcholine receptor", False)),
    ("Tizanidine, an alpha-2 adrenergic agonist, eases spasticity.",
     ("tizanidine", "agonist_of", "alpha-2 adrenergic receptor", False)),
    ("Buprenorphine is a partial opioid agonist.", ("buprenorphine", "agonist_of", "opioid receptor", False)),
])
def test_the_ligand_names_its_receptor(text, fact):
    found = _facts(text)
    assert fact in found
    assert not {f for f in found if f[2] in ("dopamine", "serotonin", "acetylcholine")}


def test_a_receptor_named_already_is_kept():
    assert ("naloxone", "antagonist_of", "oprm1", False) in _facts("Naloxone is a mu-opioid receptor antagonist.")


@pytest.mark.parametrize("text", [
    "Naltrexone has no agonist activity at opioid receptors.",
    "Naltrexone lacks agonist activity at opioid receptors.",
    "Naltrexone has no opioid agonist activity.",
    "Naltrexone doesn't have agonist activity at opioid receptors.",
])
def test_no_agonist_activity_is_a_negated_agonism(text):
    found = _facts(text)
    assert ("naltrexone", "agonist_of", "opioid receptor", True) in found
    assert ("naltrexone", "agonist_of", "opioid receptor", False) not in found


def test_agonist_activity_at_a_receptor():
    found = _facts("Buprenorphine has partial agonist activity at the mu-opioid receptor "
                   "and antagonist activity at the kappa-opioid receptor.")
    assert {("buprenorphine", "agonist_of", "oprm1", False), ("buprenorphine", "antagonist_of", "oprk1", False)} <= found


@pytest.mark.parametrize("text", [
    "Osimertinib binds covalently to cysteine 797 of EGFR.",
    "Osimertinib binds covalently to cysteine residue 797 of EGFR.",
])
def test_a_residue_is_a_place_on_its_protein(text):
    found = _facts(text)
    assert ("osimertinib", "binds", "egfr", False) in found
    assert not {f for f in found if "cysteine" in f[2] or "cysteine" in f[0]}
