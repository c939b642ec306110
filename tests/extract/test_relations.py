"""Relation patterns on hand-written sentences: one pattern per test, each claim checked."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # active verbs, with auxiliaries and adverbs between subject and verb
        ("Zonisamide blocks voltage-gated sodium channels.", ("zonisamide", "blocks", "voltage-gated sodium channel", False)),
        ("Phenytoin has been shown to markedly reduce glutamate release.", ("phenytoin", "decreases", "glutamate release", False)),
        ("Diazepam positively modulates the GABA-A receptor.", ("diazepam", "positively_modulates", "GABA-A receptor", False)),
        ("Topiramate binds selectively to the GABA-A receptor.", ("topiramate", "binds", "GABA-A receptor", False)),
        # passive
        ("The NMDA receptor is inhibited by topiramate.", ("topiramate", "inhibits", "NMDA receptor", False)),
        ("Potassium channels were opened by zonisamide in these cells.", ("zonisamide", "opens", "potassium channel", False)),
        # nominalisations
        ("We saw inhibition of CYP3A4 by ketoconazole.", ("ketoconazole", "inhibits", "CYP3A4", False)),
        ("Lamotrigine-induced inhibition of the persistent sodium current was weak.", ("lamotrigine", "inhibits", "persistent sodium current", False)),
        ("Sodium channel blockade by phenytoin was use-dependent.", ("phenytoin", "blocks", "voltage-gated sodium channel", False)),
        ("Carbamazepine produced a reduction in glutamate release.", ("carbamazepine", "decreases", "glutamate release", False)),
        # agent nouns and appositions
        ("Veratridine (a sodium channel activator) was applied.", ("veratridine", "activates", "voltage-gated sodium channel", False)),
        ("Zonisamide, a potassium channel opener, was tested.", ("zonisamide", "opens", "potassium channel", False)),
        ("Other NMDA receptor antagonists such as topiramate were compared.", ("topiramate", "antagonist_of", "NMDA receptor", False)),
        ("As a sodium channel blocker, phenytoin slows firing.", ("phenytoin", "blocks", "voltage-gated sodium channel", False)),
        ("Diazepam is a positive allosteric modulator of the GABA-A receptor.", ("diazepam", "positively_modulates", "GABA-A receptor", False)),
        ("Ketoconazole is a potent CYP3A4 inhibitor.", ("ketoconazole", "inhibits", "CYP3A4", False)),
        # treatment, properties, adverse events
        ("Lamotrigine is used for the treatment of bipolar disorder.", ("lamotrigine", "treats", "bipolar disorder", False)),
        ("Topiramate is effective in migraine.", ("topiramate", "treats", "migraine", False)),
        ("The anticonvulsant activity of zonisamide was confirmed.", ("zonisamide", "treats", "seizures", False)),
        ("Carbamazepine causes skin rash in some patients.", ("carbamazepine", "causes_adverse_event", "skin rash", False)),
        ("Ketoconazole-induced hepatotoxicity is rare.", ("ketoconazole", "causes_adverse_event", "hepatotoxicity", False)),
        ("Phenytoin reduces seizures in rats.", ("phenytoin", "treats", "seizures", False)),
        # relative clause subject
        ("This differs from drugs like carbamazepine, which inhibits glutamate release.", ("carbamazepine", "inhibits", "glutamate release", False)),
    ],
)
def test_pattern(claims, text, claim):
    assert claim in claims(text)


def test_coordinated_objects_each_get_the_relation(claims):
    found = claims("Zonisamide inhibits the NMDA receptor and the GABA-A receptor.")
    assert ("zonisamide", "inhibits", "NMDA receptor", False) in found
    assert ("zonisamide", "inhibits", "GABA-A receptor", False) in found


def test_release_of_coordinated_chemicals(claims):
    found = claims("Phenytoin prevents the release of excitatory amino acids, especially glutamate and aspartate.")
    assert ("phenytoin", "decreases", "glutamate release", False) in found
    assert ("phenytoin", "decreases", "aspartate release", False) in found


def test_shared_head_is_distributed(claims):
    found = claims("Diazepam does not bind the GABA, glycine, or strychnine recognition sites.")
    labels = {o for _s, p, o, neg in found if p == "binds" and neg}
    assert labels == {"GABA recognition site", "glycine recognition site", "strychnine recognition site"}


def test_carried_subject_from_pronoun(claims):
    found = claims("Zonisamide was studied in cortical neurons. It inhibits the persistent sodium current.")
    assert ("zonisamide", "inhibits", "persistent sodium current", False) in found


def test_carried_subject_from_action_anaphor(claims):
    found = claims("Lamotrigine blocks sodium channels. This blockade reduces glutamate release.")
    assert ("lamotrigine", "decreases", "glutamate release", False) in found


def test_agentless_mechanism_sentence_speaks_of_the_documents_drug(claims):
    found = claims("Topiramate is reviewed here. A proposed mechanism is the activation of potassium channels.")
    assert ("topiramate", "activates", "potassium channel", False) in found


def test_agentless_sentence_without_mechanism_states_nothing(claims):
    assert claims("Topiramate is reviewed here. The activation of potassium channels hyperpolarises cells.") == set()


def test_generic_claim_folds_into_specific_one(statements):
    found = statements("As a sodium channel modulator, phenytoin acts widely. Phenytoin inhibits sodium channels.")
    vgsc = [s for s in found if s.object.label == "voltage-gated sodium channel"]
    assert [s.predicate for s in vgsc] == ["inhibits"]
    assert len(vgsc[0].evidence) == 2


def test_drugs_are_never_objects(claims):
    assert claims("Ketoconazole inhibits carbamazepine.") == set()


def test_aim_clauses_state_nothing(claims):
    assert claims("To determine the effect of phenytoin on glutamate release.") == set()


def test_a_drug_naming_a_target_is_not_its_agent(claims):
    found = claims("Palonosetron is a serotonin 5-HT3 receptor antagonist.")
    assert ("palonosetron", "antagonist_of", "5-HT3 receptor", False) in found
    assert not any(s == "serotonin" for s, *_ in found)


def test_a_list_of_drugs_is_no_apposition(claims):
    assert claims("We compared ketoconazole, CYP3A4 inhibitors and placebo.") == set()


def test_an_unknown_agent_is_not_replaced_by_another_drug(claims):
    # "zafrenol" is no name the lexicon or a drug-name stem knows
    assert claims("Ketoconazole was given, and inhibition of CYP3A4 by zafrenol was measured.") == set()
    # a drug known by its stem ("-mycin") is an agent of its own, never replaced by ketoconazole
    found = claims("Ketoconazole was given, and inhibition of CYP3A4 by troleandomycin was measured.")
    assert not any(s == "ketoconazole" for s, *_ in found)
