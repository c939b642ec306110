"""Constructions behind missed statements on the development documents (issue 9).

Each test states one general reading in sentences of our own words: curated names of
coagulation factors, bacterial targets and infections; bare stereo descriptors ("S-warfarin");
ligand-named receptors in coordinated lists; a drug name modifying a class noun; clearance
by an enzyme; active metabolites.
"""

from __future__ import annotations

import pytest

from pharmgraph.extract import extract_text


def triples(text: str) -> set[tuple[str, str, str, bool]]:
    """(subject, predicate, object, negated) labels of the statements in ``text``."""
    return {(s.subject.label, s.predicate, s.object.label, s.negated) for s in extract_text(text)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Fondaparinux acts through antithrombin.", "SERPINC1"),
        ("Rivaroxaban inhibits factor Xa.", "F10"),
        ("Argatroban inhibits thrombin.", "F2"),
        ("Clindamycin binds the 23S ribosomal RNA.", "23S rRNA"),
    ],
)
def test_coagulation_factors_and_bacterial_targets_are_targets(sentence: str, expected: str) -> None:
    objects = {s.object.label for s in extract_text(sentence)}
    assert expected in objects


def test_mrsa_is_an_infection_not_a_transporter() -> None:
    found = triples("Vancomycin is used for MRSA pneumonia.")
    assert ("vancomycin", "treats", "MRSA infection", False) in found
    assert not any(o == "SLC9A6" for _, _, o, _ in found)


def test_ldl_cholesterol_is_lowered_not_an_agent() -> None:
    found = triples("Rosuvastatin lowers LDL cholesterol and raises insulin secretion.")
    assert ("rosuvastatin", "decreases", "LDL cholesterol", False) in found
    assert not any(s == "LDL cholesterol" for s, _, _, _ in found)


def test_acts_on_names_what_the_drug_acts_on_and_keeps_the_negation() -> None:
    found = triples("Unlike heparin, rivaroxaban does not act on antithrombin.")
    assert ("rivaroxaban", "affects", "SERPINC1", True) in found
    assert not any(s == "heparin" for s, _, _, _ in found)
    assert not triples("Dabigatran acts as a reminder of older anticoagulants.")


def test_bare_descriptor_names_an_enantiomer() -> None:
    found = triples("Ketamine is a racemate. S-ketamine is cleared by CYP3A4, whereas R-ketamine is cleared by CYP2B6.")
    assert ("(S)-ketamine", "metabolised_by", "CYP3A4", False) in found
    assert ("(R)-ketamine", "metabolised_by", "CYP2B6", False) in found
    assert ("(S)-ketamine", "enantiomer_of", "ketamine", False) in found
    assert not any(s == "ketamine" and p == "metabolised_by" for s, p, _, _ in found)


def test_cleared_by_an_enzyme_is_metabolism() -> None:
    found = triples("Sertraline is cleared mainly by CYP2B6 and CYP2C19.")
    assert {("sertraline", "metabolised_by", "CYP2B6", False), ("sertraline", "metabolised_by", "CYP2C19", False)} <= found


def test_coordinated_receptors_named_by_their_ligand() -> None:
    found = triples("Cariprazine is a partial agonist at dopamine D3 and serotonin 5-HT1A receptors.")
    assert ("cariprazine", "agonist_of", "HTR1A", False) in found
    assert not any(o == "serotonin" for _, _, o, _ in found)


def test_a_drug_naming_a_chemical_family_is_not_the_subject() -> None:
    found = triples("Acenocoumarol is an oral coumarin anticoagulant used to prevent and treat deep vein thrombosis and pulmonary embolism.")
    assert ("acenocoumarol", "treats", "deep vein thrombosis", False) in found
    assert not any(s == "coumarin" for s, _, _, _ in found)


@pytest.mark.parametrize(
    ("sentence", "metabolite", "parent"),
    [
        ("Paliperidone, the active metabolite of risperidone, blocks D2 receptors.", "paliperidone", "risperidone"),
        ("Risperidone is cleared by CYP2D6; its main active metabolite, paliperidone, blocks D2 receptors.", "paliperidone", "risperidone"),
        ("- Cetirizine: a metabolite of hydroxyzine; it blocks H1 receptors.", "cetirizine", "hydroxyzine"),
        ("Codeine is metabolised by CYP2D6 to morphine.", "morphine", "codeine"),
        ("Loratadine is converted by CYP3A4 to desloratadine, its active metabolite.", "desloratadine", "loratadine"),
    ],
)
def test_active_metabolites_are_products_of_their_parent(sentence: str, metabolite: str, parent: str) -> None:
    found = triples(sentence)
    assert (metabolite, "product_of", parent, False) in found
    assert (parent, "product_of", metabolite, False) not in found


def test_conversion_by_an_enzyme_is_metabolism_of_the_parent() -> None:
    found = triples("Loratadine is converted by CYP3A4 and CYP2D6 to desloratadine.")
    assert {("loratadine", "metabolised_by", "CYP3A4", False), ("loratadine", "metabolised_by", "CYP2D6", False)} <= found


def test_condition_named_as_the_adverse_effect_of_a_drug() -> None:
    found = triples("Tremor was the most common adverse effect of lithium, whereas weight gain predominated with valproate.")
    assert ("lithium", "causes_adverse_event", "tremor", False) in found
    assert ("valproate", "causes_adverse_event", "tremor", False) not in found


def test_event_reported_in_a_share_of_patients_taking_a_drug() -> None:
    found = triples("Thrombocytopenia developed in 12% of patients treated with linezolid.")
    assert ("linezolid", "causes_adverse_event", "thrombocytopenic disorder", False) in found


def test_minor_contributions_to_metabolism_are_metabolism_too() -> None:
    found = triples("Quetiapine is metabolised mainly by CYP3A4, with a small contribution from CYP2D6.")
    assert {("quetiapine", "metabolised_by", "CYP3A4", False), ("quetiapine", "metabolised_by", "CYP2D6", False)} <= found


def test_a_share_converted_by_an_enzyme() -> None:
    assert ("pravastatin", "metabolised_by", "CYP3A4", False) in triples("Little pravastatin is converted, mostly by CYP3A4.")


def test_events_in_drug_treated_patients() -> None:
    found = triples("Hypertension developed in 8% of ibrutinib-treated patients.")
    assert ("ibrutinib", "causes_adverse_event", "hypertension", False) in found


def test_the_principal_risk_of_a_drug_is_a_condition() -> None:
    assert ("bupropion", "causes_adverse_event", "seizures", False) in triples("The principal risk of bupropion is seizures.")
    assert not triples("The risk of bleeding is higher in elderly patients.")


def test_a_relative_clause_on_the_predicate_noun_speaks_of_the_drug() -> None:
    found = triples("Brexpiprazole is an atypical antipsychotic that acts as a partial agonist at D2 receptors.")
    assert ("brexpiprazole", "agonist_of", "DRD2", False) in found


def test_a_salt_is_part_of_the_drug_name() -> None:
    found = triples("Oseltamivir phosphate is a prodrug that is hydrolysed in the liver by carboxylesterase 1.")
    assert ("oseltamivir", "metabolised_by", "CES1", False) in found
    assert not any(s.startswith("phosphate") for s, _, _, _ in found)


def test_transport_into_a_cell_by_a_transporter() -> None:
    assert ("metformin", "transported_by", "SLC22A1", False) in triples("Metformin is taken up into hepatocytes by OCT1 and is transported into hepatocytes by OCT1.")


def test_closing_a_channel_inhibits_it_but_close_monitoring_does_not() -> None:
    assert ("glipizide", "inhibits", "ATP-sensitive potassium channel", False) in triples("Glipizide closes the K-ATP channel.")
    assert not triples("Patients taking glipizide need close monitoring of K-ATP channel variants.")


def test_the_antibody_points_back_to_the_drug_in_focus() -> None:
    found = triples("Alirocumab binds PCSK9. In contrast to statins, the antibody does not inhibit HMG-CoA reductase.")
    assert ("alirocumab", "inhibits", "HMGCR", True) in found


def test_a_repeated_by_phrase_adds_an_enzyme() -> None:
    found = triples("Lansoprazole is metabolised by CYP2C19 to a hydroxy metabolite and by CYP3A4 to the sulfone.")
    assert {("lansoprazole", "metabolised_by", "CYP2C19", False), ("lansoprazole", "metabolised_by", "CYP3A4", False)} <= found
    assert ("lansoprazole", "metabolised_by", "CYP3A4", False) not in triples("Lansoprazole is metabolised by CYP2C19 and inhibited by nothing else than CYP3A4 mutants.")


def test_a_comments_section_of_a_review_is_content_but_reader_comments_are_not() -> None:
    from pharmgraph.documents.furniture import is_back_matter_heading

    text = "# Statins\n\n## Comments\n\nPravastatin inhibits HMG-CoA reductase.\n"
    assert ("pravastatin", "inhibits", "HMGCR", False) in triples(text)
    assert is_back_matter_heading("12 Comments") and is_back_matter_heading("Leave a comment")
    assert not is_back_matter_heading("Comments")


def test_plasma_glucose_is_lowered_not_a_drug() -> None:
    found = triples("Dapagliflozin lowers plasma glucose by increasing urinary glucose excretion.")
    assert ("dapagliflozin", "decreases", "blood glucose", False) in found
    assert ("dapagliflozin", "increases", "urinary glucose excretion", False) in found


def test_the_parent_drug_points_back_to_the_drug_in_focus() -> None:
    found = triples("Venlafaxine is an antidepressant. The parent drug inhibits the reuptake of serotonin and noradrenaline.")
    objects = {o for s, p, o, _ in found if s == "venlafaxine" and p == "inhibits"}
    assert "serotonin reuptake" in objects and len(objects) == 2


def test_an_inhibitor_of_btk_is_an_agent_phrase_not_the_ibtk_gene() -> None:
    found = triples("Ibrutinib, an irreversible inhibitor of Bruton's tyrosine kinase (BTK), was given. Acalabrutinib blocks BTK.")
    assert ("ibrutinib", "inhibits", "BTK", False) in found
    assert ("acalabrutinib", "blocks", "BTK", False) in found
    assert not any(o == "IBTK" for _, _, o, _ in found)


def test_active_metabolites_are_named() -> None:
    found = triples("Buprenorphine undergoes N-dealkylation by CYP3A4 to norbuprenorphine.")
    assert ("norbuprenorphine", "product_of", "buprenorphine", False) in found
    assert ("buprenorphine", "metabolised_by", "CYP3A4", False) in found


def test_associated_with_less_of_an_event_is_a_comparison_not_a_cause() -> None:
    assert not any(p == "causes_adverse_event" for _, p, _, _ in triples("Acalabrutinib was associated with less atrial fibrillation than ibrutinib."))
    assert ("ibrutinib", "causes_adverse_event", "atrial fibrillation", False) in triples("Ibrutinib was associated with atrial fibrillation.")


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Cetirizine is a metabolite of hydroxyzine.", ("cetirizine", "product_of", "hydroxyzine")),
        ("Loratadine is converted to desloratadine.", ("desloratadine", "product_of", "loratadine")),
    ],
)
def test_a_sentence_that_names_only_drugs_still_reaches_the_rules(text, claim):
    assert claim in {(s.subject.label, s.predicate, s.object.label) for s in extract_text(text)}
