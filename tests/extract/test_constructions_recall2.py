"""General constructions behind statements missed on text nobody tuned the rules for (issue 9).

Each test states one reading in short sentences of our own: an agent noun after a copula
whose subject is further left ("X has affinity for A and is an antagonist at B"), a relative
clause after a parenthetical abbreviation, "that acts as" after a description, comparative
qualifiers ("a more selective A inhibitor"), a negation that belongs to an earlier verb
phrase, "reduced the risk of A, B and C", "reported by N patients on X", sentences that list
adverse events by frequency or incidence, curated names (the gastric proton pump,
hypersensitivity reactions, thromboxane A2), and a co-medication that does not take over
"the drug".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pharmgraph.extract import extract_path, extract_text, relations

Claim = tuple[str, str, str, bool, str]


def claims(text: str) -> set[Claim]:
    """(subject, predicate, object, negated, certainty) labels of the statements in ``text``."""
    return {
        (s.subject.label, s.predicate, s.object.label, s.negated, s.certainty)
        for s in extract_text(text)
    }


def pairs(text: str) -> set[tuple[str, str]]:
    """(subject, object) labels of the statements in ``text``."""
    return {(s.subject.label, s.object.label) for s in extract_text(text)}


# -- agent nouns ------------------------------------------------------------------------------
def test_agent_noun_after_a_coordinated_copula_takes_the_verbs_subject() -> None:
    found = claims(
        "Quetiapine has modest affinity for the D2 receptor and is a potent antagonist at 5-HT2A receptors."
    )
    assert ("quetiapine", "antagonist_of", "HTR2A", False, "asserted") in found
    assert ("quetiapine", "binds", "DRD2", False, "asserted") in found


def test_relative_clause_after_an_abbreviation_speaks_of_the_metabolite() -> None:
    found = claims(
        "Codeine is converted to morphine (M1), which is formed by CYP2D6 and is a much more potent agonist of the mu opioid receptor."
    )
    assert ("morphine", "agonist_of", "OPRM1", False, "asserted") in found
    assert ("codeine", "agonist_of", "OPRM1", False, "asserted") not in found


def test_that_acts_as_after_an_apposition_gives_the_statement_to_the_described_drug() -> None:
    found = claims(
        "Esketamine, the S-enantiomer of ketamine, is a rapid-acting antidepressant that acts as an antagonist of the NMDA receptor."
    )
    assert ("esketamine", "antagonist_of", "NMDA receptor", False, "asserted") in found
    assert not any(s == "ketamine" and o == "NMDA receptor" for s, _, o, _, _ in found)


def test_comparative_qualifier_in_an_apposition() -> None:
    found = claims("Acalabrutinib, a more selective BTK inhibitor, was given to twenty patients.")
    assert ("acalabrutinib", "inhibits", "BTK", False, "asserted") in found


# -- negation scope ----------------------------------------------------------------------------
def test_a_negation_in_an_earlier_verb_phrase_does_not_reach_the_next_verb() -> None:
    found = claims(
        "Labetalol blocks beta-1 adrenergic receptors without intrinsic sympathomimetic activity "
        "and also antagonises alpha-1 adrenergic receptors."
    )
    assert ("labetalol", "antagonist_of", "alpha-1 adrenergic receptor", False, "asserted") in found
    assert (
        "labetalol",
        "antagonist_of",
        "alpha-1 adrenergic receptor",
        True,
        "asserted",
    ) not in found


def test_a_verbs_own_negation_stays_and_or_keeps_it() -> None:
    found = claims("Ketoconazole does not inhibit CYP1A2 and blocks CYP3A4.")
    assert ("ketoconazole", "inhibits", "CYP1A2", True, "asserted") in found
    assert ("ketoconazole", "blocks", "CYP3A4", False, "asserted") in found
    found = claims("Fluconazole does not inhibit CYP3A4 or block P-glycoprotein.")
    assert ("fluconazole", "blocks", "ABCB1", True, "asserted") in found
    assert ("fluconazole", "blocks", "ABCB1", False, "asserted") not in found


# -- uses and adverse events ---------------------------------------------------------------------
def test_reduced_the_risk_of_a_list_treats_each_named_disease() -> None:
    found = claims(
        "Atorvastatin reduced the risk of stroke, coronary death and myocardial infarction by a third in patients with diabetes."
    )
    assert ("atorvastatin", "treats", "myocardial infarction", False, "asserted") in found
    assert ("atorvastatin", "treats", "cerebrovascular accident", False, "asserted") in found
    # the population is not a use
    assert not any(o.startswith("diabetes") for _, p, o, _, _ in found if p == "treats")


def test_a_negated_risk_reduction_stays_negated() -> None:
    found = claims("Atorvastatin did not reduce the risk of stroke.")
    assert ("atorvastatin", "treats", "cerebrovascular accident", True, "asserted") in found
    assert ("atorvastatin", "treats", "cerebrovascular accident", False, "asserted") not in found


def test_reported_by_patients_on_each_drug() -> None:
    found = claims(
        "Insomnia was reported by seven patients on sertraline and by three on mirtazapine."
    )
    assert ("sertraline", "causes_adverse_event", "sleeplessness", False, "asserted") in found
    assert ("mirtazapine", "causes_adverse_event", "sleeplessness", False, "asserted") in found


def test_sentences_listing_adverse_events_by_frequency_or_incidence() -> None:
    text = (
        "Olanzapine\n\nOlanzapine blocks dopamine D2 receptors. Weight gain and dry mouth are frequent. "
        "Neutropenia occurs in about 2% of patients. Hyperglycaemia, dyslipidaemia and akathisia are "
        "other recognised hazards."
    )
    found = {(s, o) for s, p, o, neg, _ in claims(text) if p == "causes_adverse_event" and not neg}
    for event in (
        "weight gain",
        "aptyalism",
        "neutropenia",
        "hyperglycemia",
        "dyslipidaemia",
        "akathisia",
    ):
        assert ("olanzapine", event) in found


def test_a_common_disease_is_not_an_adverse_event() -> None:
    found = claims(
        "Sertraline\n\nSertraline inhibits the serotonin transporter. Depression is common."
    )
    assert not any(p == "causes_adverse_event" for _, p, _, _, _ in found)


def test_the_principal_risk_is_an_adverse_event_and_a_placebo_rate_is_not() -> None:
    found = claims(
        "Olanzapine\n\nOlanzapine blocks dopamine D2 receptors. The principal risk is weight gain."
    )
    assert ("olanzapine", "causes_adverse_event", "weight gain", False, "asserted") in found
    found = claims(
        "Olanzapine\n\nOlanzapine blocks dopamine D2 receptors. Neutropenia occurred in 3% of patients given placebo."
    )
    assert ("olanzapine", "neutropenia") not in {(s, o) for s, _, o, _, _ in found}


# -- curated names -------------------------------------------------------------------------------
def test_the_gastric_proton_pump_and_acid_production() -> None:
    found = pairs(
        "Lansoprazole binds covalently to the hydrogen-potassium ATPase and suppresses acid production."
    )
    assert ("lansoprazole", "ATP4A") in found
    assert ("lansoprazole", "gastric acid secretion") in found
    assert not any(o == "DNAH8" for _, o in found)


def test_hypersensitivity_is_a_condition_not_a_drug() -> None:
    text = (
        "LINAGLIPTIN tablets\n\n5 WARNINGS AND PRECAUTIONS\n"
        "5.2 Hypersensitivity Reactions: anaphylaxis and angioedema have been reported.\n"
    )
    found = claims(text)
    assert not any(s == "hypersensitivity" for s, _, _, _, _ in found)


def test_thromboxane_a2_is_an_object() -> None:
    assert ("acetylsalicylic acid", "thromboxane A2") in pairs(
        "Aspirin reduces thromboxane A2 in platelets."
    )


# -- the drug in focus ---------------------------------------------------------------------------
def test_a_co_medication_does_not_become_the_drug() -> None:
    text = (
        "SIMVASTATIN tablets\n\n5 WARNINGS AND PRECAUTIONS\n"
        "5.1 Myopathy: the risk is higher with concomitant ciclosporin.\n\n"
        "12 CLINICAL PHARMACOLOGY\n12.1 Mechanism of Action\n"
        "The drug competitively inhibits HMG-CoA reductase.\n"
    )
    found = pairs(text)
    assert ("simvastatin", "HMGCR") in found
    assert ("cyclosporine", "HMGCR") not in found


# -- pharmacokinetics and weak capacity ----------------------------------------------------------
def test_little_capacity_to_inhibit_is_a_negation_and_stays_with_its_drug() -> None:
    found = claims("Unlike omeprazole, lansoprazole has little capacity to inhibit CYP2C19.")
    assert ("lansoprazole", "inhibits", "CYP2C19", True, "asserted") in found
    assert ("lansoprazole", "inhibits", "CYP2C19", False, "asserted") not in found
    assert not any(s == "omeprazole" and neg for s, _, _, neg, _ in found)


def test_little_effect_is_not_a_negation_cue_by_itself() -> None:
    found = claims("Lansoprazole has little effect on CYP2C19.")
    assert not any(neg for _, _, o, neg, _ in found if o == "CYP2C19")


def test_uptake_and_secretion_carried_out_by_a_transporter() -> None:
    text = (
        "PRAVASTATIN tablets\n\n12.3 Pharmacokinetics\n"
        "Uptake into hepatocytes is carried out largely by the organic anion transporting polypeptide OATP1B1.\n"
        "Renal secretion involves the organic anion transporter OAT3.\n"
    )
    found = claims(text)
    assert ("pravastatin", "transported_by", "SLCO1B1", False, "asserted") in found
    assert ("pravastatin", "transported_by", "SLC22A8", False, "asserted") in found


def test_a_process_of_another_substance_is_not_transport_of_the_drug() -> None:
    found = claims("Glucose uptake via GLUT4 is raised by insulin, and pioglitazone enhances it.")
    assert not any(p == "transported_by" for _, p, _, _, _ in found)


def test_a_fraction_of_the_dose_after_a_semicolon_is_the_drug() -> None:
    found = claims(
        "Pitavastatin is barely metabolised; about 5% is converted, mainly by CYP2C9, to a lactone."
    )
    assert ("pitavastatin", "metabolised_by", "CYP2C9", False, "asserted") in found


def test_a_negation_before_but_does_not_reach_the_second_verb() -> None:
    found = claims(
        "Sofosbuvir is not metabolised by CYP enzymes but is transported by P-glycoprotein."
    )
    assert ("sofosbuvir", "transported_by", "ABCB1", False, "asserted") in found
    assert ("sofosbuvir", "transported_by", "ABCB1", True, "asserted") not in found
    assert any(p == "metabolised_by" and neg for _, p, _, neg, _ in found)


# -- "both" and "neither" ------------------------------------------------------------------------
def test_both_drugs_speaks_of_the_pair_just_named() -> None:
    text = (
        "Valacyclovir, the ester prodrug of acyclovir, is absorbed well. "
        "Both are used for herpes zoster, and both can cause nephrotoxicity."
    )
    found = claims(text)
    for drug in ("aciclovir", "valaciclovir"):
        assert (drug, "treats", "herpes zoster", False, "asserted") in found
        assert (drug, "causes_adverse_event", "nephrotoxicity", False, "asserted") in found


def test_neither_drug_negates_the_statement_for_each() -> None:
    found = claims(
        "Fluoxetine and sertraline were compared. Neither antidepressant caused QT prolongation."
    )
    assert ("fluoxetine", "causes_adverse_event", "QT prolongation", True, "asserted") in found
    assert ("sertraline", "causes_adverse_event", "QT prolongation", True, "asserted") in found
    assert not any(p == "causes_adverse_event" and not neg for _, p, _, neg, _ in found)


def test_both_before_a_named_pair_or_other_nouns_is_no_anaphor() -> None:
    found = claims(
        "Sertraline and paroxetine inhibit SERT. Both enantiomers of citalopram bind SERT."
    )
    binders = {s for s, p, o, _, _ in found if p == "binds"}
    assert binders == {"citalopram"}


# -- links, reversal and metabolites formed by an enzyme -----------------------------------------
def test_linked_to_a_disease_is_an_adverse_event_of_coordinated_subjects() -> None:
    found = claims(
        "Olanzapine and clozapine cause the most weight gain and are linked to type 2 diabetes."
    )
    for drug in ("olanzapine", "clozapine"):
        assert (
            drug,
            "causes_adverse_event",
            "type 2 diabetes mellitus",
            False,
            "asserted",
        ) in found


def test_not_linked_stays_negated() -> None:
    found = claims("Fexofenadine has not been linked to torsades de pointes.")
    assert any(
        s == "fexofenadine" and p == "causes_adverse_event" and neg for s, p, _, neg, _ in found
    )
    assert not any(
        s == "fexofenadine" and p == "causes_adverse_event" and not neg for s, p, _, neg, _ in found
    )


def test_reversing_a_condition_treats_it_but_an_unnamed_reverser_does_not() -> None:
    assert ("naloxone", "treats", "overdose", False, "asserted") in claims(
        "Naloxone is used to reverse opioid overdose."
    )
    found = claims(
        "Naloxone displaces it only partially, and larger doses may be required to reverse an overdose."
    )
    assert not any(p == "treats" for _, p, _, _, _ in found)


def test_a_metabolite_formed_by_an_enzyme_names_its_parent() -> None:
    found = claims(
        "Tramadol acts largely through O-desmethyltramadol (M1), which is formed by CYP2D6."
    )
    assert ("tramadol", "metabolised_by", "CYP2D6", False, "asserted") in found
    assert ("O-desmethyltramadol", "product_of", "tramadol", False, "asserted") in found
    found = claims("Norclozapine is formed from clozapine by CYP1A2.")
    assert ("clozapine", "metabolised_by", "CYP1A2", False, "asserted") in found


def test_a_metabolite_without_its_parent_in_sight_gives_no_metabolism() -> None:
    found = claims("Hydroxybupropion, formed by CYP2B6, circulates at high levels.")
    assert not any(p == "metabolised_by" for _, p, _, _, _ in found)


# -- contrasts (relations.STATE_CONTRASTS, off by default) ---------------------------------------
@pytest.fixture
def contrasts(monkeypatch: pytest.MonkeyPatch) -> None:
    """State what a contrast implies for the comparison drug."""
    monkeypatch.setattr(relations, "STATE_CONTRASTS", True)


def test_by_default_the_comparison_drug_takes_nothing() -> None:
    found = claims("In contrast to aspirin, ticagrelor does not inhibit cyclooxygenase.")
    assert ("ticagrelor", "inhibits", "cyclooxygenase", True, "asserted") in found
    assert not any(s == "acetylsalicylic acid" for s, *_ in found)


@pytest.mark.usefixtures("contrasts")
def test_the_drug_set_against_a_denial_does_what_is_denied() -> None:
    found = claims("In contrast to aspirin, ticagrelor does not inhibit cyclooxygenase.")
    assert ("ticagrelor", "inhibits", "cyclooxygenase", True, "asserted") in found
    assert ("acetylsalicylic acid", "inhibits", "cyclooxygenase", False, "asserted") in found
    # the negation never moves onto the comparison drug
    assert ("acetylsalicylic acid", "inhibits", "cyclooxygenase", True, "asserted") not in found


@pytest.mark.usefixtures("contrasts")
def test_contrast_with_coordinated_drugs_and_a_mid_sentence_opener() -> None:
    found = claims("Unlike fluoxetine and paroxetine, sertraline does not block CYP2D6.")
    assert ("fluoxetine", "blocks", "CYP2D6", False, "asserted") in found
    assert ("paroxetine", "blocks", "CYP2D6", False, "asserted") in found
    found = claims("Sertraline, unlike paroxetine, does not inhibit CYP2D6.")
    assert ("paroxetine", "inhibits", "CYP2D6", False, "asserted") in found
    assert ("sertraline", "inhibits", "CYP2D6", True, "asserted") in found


@pytest.mark.usefixtures("contrasts")
def test_no_contrast_statement_for_classes_comparisons_of_degree_or_positive_claims() -> None:
    found = claims("Unlike the SSRIs, bupropion does not inhibit the serotonin transporter.")
    assert {s for s, *_ in found} == {"bupropion"}
    found = claims("Sertraline is less potent than paroxetine and does not inhibit CYP2D6.")
    assert not any(s == "paroxetine" for s, *_ in found)
    found = claims("Unlike loratadine, levocetirizine is a weak inhibitor of CYP3A4.")
    assert not any(s == "loratadine" for s, *_ in found)


@pytest.mark.usefixtures("contrasts")
def test_a_contrast_in_another_stretch_of_the_sentence_gives_nothing() -> None:
    found = claims(
        "Unlike fluoxetine, sertraline does not block CYP2D6; it is not metabolised by CYP3A4."
    )
    assert ("fluoxetine", "blocks", "CYP2D6", False, "asserted") in found
    assert not any(s == "fluoxetine" and p == "metabolised_by" for s, p, *_ in found)


def test_as_are_carries_the_statement_to_the_drugs_named() -> None:
    found = claims("Diclofenac is metabolised mainly by CYP2C9, as are ibuprofen and celecoxib.")
    for drug in ("diclofenac", "ibuprofen", "celecoxib"):
        assert (drug, "metabolised_by", "CYP2C9", False, "asserted") in found
    found = claims("Sertraline inhibits CYP2D6, as does fluoxetine.")
    assert ("fluoxetine", "inhibits", "CYP2D6", False, "asserted") in found


def test_its_active_metabolite_formed_by_an_enzyme_is_metabolism_of_the_drug() -> None:
    found = claims(
        "Prasugrel is a prodrug; its active metabolite is formed mainly by CYP3A4 and CYP2B6."
    )
    assert ("prasugrel", "metabolised_by", "CYP3A4", False, "asserted") in found
    assert ("prasugrel", "metabolised_by", "CYP2B6", False, "asserted") in found
    assert not any(p == "product_of" for _, p, *_ in found)


# -- tables, curated infections and hedged section events -----------------------------------------
def test_a_head_word_name_stays_inside_its_table_cell(tmp_path: Path) -> None:
    review = tmp_path / "antivirals.md"
    review.write_text(
        "# Antivirals\n\n| Drug | Target | Indication | Adverse effects |\n|---|---|---|---|\n"
        "| Sofosbuvir | NS5B polymerase | Chronic hepatitis C | Fatigue |\n",
        encoding="utf-8",
    )
    found = {
        (s.subject.label, s.predicate, s.object.label, s.negated) for s in extract_path(review)
    }
    assert ("sofosbuvir", "treats", "chronic hepatitis C", False) in found
    assert ("sofosbuvir", "causes_adverse_event", "fatigue", False) in found
    assert not any("Sofosbuvir" in o for _, _, o, _ in found)


def test_clostridioides_difficile_and_the_30s_subunit_are_named() -> None:
    assert ("vancomycin", "Clostridioides difficile infection") in pairs(
        "Oral vancomycin is used for Clostridioides difficile infection."
    )
    assert ("doxycycline", "30S ribosomal subunit") in pairs(
        "Doxycycline binds the 30S ribosomal subunit."
    )


def test_a_hedged_event_under_a_warnings_heading_stays_hedged() -> None:
    text = (
        "LANSOPRAZOLE capsules\n\n5 WARNINGS AND PRECAUTIONS\n"
        "5.3 Clostridioides difficile-Associated Diarrhea: therapy with the drug may be associated with an increased risk.\n"
    )
    found = claims(text)
    events = {(s, o, c) for s, p, o, neg, c in found if p == "causes_adverse_event" and not neg}
    assert ("lansoprazole", "Clostridioides difficile infection", "hedged") in events
    assert ("lansoprazole", "Clostridioides difficile infection", "asserted") not in events


def test_uric_acid_is_endogenous_and_both_drugs_skips_a_chemical_family() -> None:
    text = (
        "Febuxostat, a non-purine inhibitor of xanthine oxidase, is an alternative to allopurinol. "
        "Both drugs lowered serum urate."
    )
    found = claims(text)
    assert ("allopurinol", "decreases", "uric acid", False, "asserted") in found
    assert ("febuxostat", "decreases", "uric acid", False, "asserted") in found
    assert not any(s in ("uric acid", "purine") for s, *_ in found)


def test_a_dose_reduction_in_a_disease_is_no_treatment() -> None:
    found = claims(
        "Unlike allopurinol, febuxostat does not require dose reduction in renal impairment."
    )
    assert not any(p == "treats" for _, p, *_ in found)


def test_a_frequency_compared_with_another_drug_is_not_that_drugs_event() -> None:
    text = (
        "Tacrolimus\n\nTacrolimus inhibits calcineurin. Nephrotoxicity, tremor and hyperkalaemia are "
        "frequent, and diabetes is more common than with ciclosporin."
    )
    found = claims(text)
    assert not any(s == "cyclosporine" for s, *_ in found)
