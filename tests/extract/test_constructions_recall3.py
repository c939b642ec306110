"""Constructions that hold across drug classes: run-in headings, enzymes acting on a drug,
drugless metabolism sentences, drug names newer than the lexicon, families that are not the
drug in focus. Every sentence is written for this file."""

from __future__ import annotations

import pytest

from pharmgraph.documents import parse_text
from pharmgraph.extract.inn import inn_drugs
from pharmgraph.extract.pipeline import _run_in_label, extract_document, extract_text


def _facts(statements):
    return {(s.subject.label.lower(), s.predicate, s.object.label.lower(), s.negated) for s in statements}


def _doc_facts(text: str, name: str = "note.txt"):
    return _facts(extract_document(parse_text(text, name)))


# -- run-in headings written as sentences -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [("Adverse effects.", "adverse"), ("Uses.", "indication"), ("Disposition.", "pharmacokinetics"),
     ("Class and action.", "mechanism"), ("Safety", "adverse"), ("Side effects were mild.", None),
     ("It is used widely.", None)],
)  # fmt: skip
def test_a_short_heading_sentence_has_a_role_and_a_sentence_has_none(text, role):
    assert _run_in_label(text) == role


def test_items_after_a_run_in_adverse_heading_are_adverse_events_of_the_document_drug():
    text = (
        "Ropinirole\n\nRopinirole is a dopamine agonist used in Parkinson's disease.\n\n"
        "Adverse effects.\n\nNausea, dizziness and somnolence are the usual complaints.\n\n"
        "Hallucinations are uncommon.\n"
    )
    facts = _doc_facts(text, "ropinirole.txt")
    for event in ("nausea", "dizziness", "somnolence"):
        assert any(s == "ropinirole" and p == "causes_adverse_event" and event in o and not n for s, p, o, n in facts), event


def test_a_contraindication_under_a_safety_heading_is_no_adverse_event():
    text = (
        "Zolmitriptan\n\nZolmitriptan is a triptan for migraine.\n\nSafety.\n\n"
        "Because the drug narrows coronary arteries, it is contraindicated in ischaemic heart disease.\n"
    )
    facts = _doc_facts(text, "zolmitriptan.txt")
    assert not any(p == "causes_adverse_event" and "ischemi" in o for _, p, o, _ in facts)


# -- an enzyme acting on a drug, active voice -------------------------------------------------


def test_an_enzyme_as_subject_metabolises_the_drug_it_acts_on():
    facts = _facts(extract_text("Irbesartan blocks the AT1 receptor; CYP2C9 oxidises it to an inactive acid."))
    assert ("irbesartan", "metabolised_by", "cyp2c9", False) in facts


def test_an_enzyme_hydrolysing_a_prodrug_gives_the_product_and_the_enzyme():
    facts = _facts(extract_text("Ramipril is a prodrug: carboxylesterase 1 hydrolyses ramipril to ramiprilat."))
    assert ("ramipril", "metabolised_by", "ces1", False) in facts
    assert ("ramiprilat", "product_of", "ramipril", False) in facts
    assert not any(p == "product_of" and o == "ces1" for _, p, o, _ in facts)


def test_enzymes_that_do_not_metabolise_the_drug_give_a_negated_statement():
    text = "Oxazepam is a benzodiazepine. Oxazepam is given for anxiety. Cytochrome P450 enzymes do not metabolise it."
    facts = _facts(extract_text(text))
    assert ("oxazepam", "metabolised_by", "cytochrome p450", True) in facts
    assert ("oxazepam", "metabolised_by", "cytochrome p450", False) not in facts


def test_the_liver_converting_a_drug_through_enzymes_names_the_enzymes():
    text = "Mexiletine is an antiarrhythmic. Mexiletine is taken orally. The liver converts it, through CYP1A2 and CYP2D6, to inactive products."
    facts = _facts(extract_text(text))
    assert {("mexiletine", "metabolised_by", "cyp1a2", False), ("mexiletine", "metabolised_by", "cyp2d6", False)} <= facts


# -- passive metabolism words and drugless dose sentences --------------------------------------


def test_broken_down_by_an_enzyme_is_metabolism():
    facts = _facts(extract_text("Rizatriptan is a triptan. The drug is broken down mainly by monoamine oxidase A."))
    assert ("rizatriptan", "metabolised_by", "maoa", False) in facts


def test_cleared_by_oxidation_through_enzymes_is_metabolism_by_each():
    facts = _facts(extract_text("Venlafaxine is an SNRI. The drug is cleared by hepatic oxidation through CYP2D6 and CYP3A4."))
    assert {("venlafaxine", "metabolised_by", "cyp2d6", False), ("venlafaxine", "metabolised_by", "cyp3a4", False)} <= facts


def test_a_drugless_dose_sentence_in_a_one_drug_document_speaks_of_that_drug():
    text = "Quetiapine is an antipsychotic. Quetiapine is taken at night. Most of a dose is oxidised by CYP3A4."
    facts = _facts(extract_text(text))
    assert ("quetiapine", "metabolised_by", "cyp3a4", False) in facts


def test_reduced_by_is_metabolism_only_when_an_enzyme_does_it():
    facts = _facts(extract_text("Quetiapine is an antipsychotic. Quetiapine is taken at night. Its exposure is reduced by food."))
    assert not any(p == "metabolised_by" for _, p, _, _ in facts)


# -- drugs newer than the lexicon ---------------------------------------------------------------


def test_a_drug_name_with_a_class_stem_is_a_drug_even_when_the_lexicon_lacks_it():
    found = inn_drugs("Efpeglenatide and zilebesiran differ; TIRZEPATIDE aside, velsartan was tried.")
    labels = [e.label for _, _, e in found]
    assert "velsartan" in labels and all(e.type == "Drug" and e.id.startswith("pharmgraph:") for _, _, e in found)


def test_ordinary_words_with_a_stem_like_ending_are_not_drugs():
    assert inn_drugs("In April the statin class was compared with cholesterol and histidine levels.") == []


def test_an_unknown_stem_drug_in_a_label_title_is_the_drug_of_the_label():
    text = (
        "ZORBAGLUTIDE injection\n\n12.1 Mechanism of Action\n\n"
        "It acts as an agonist of the GLP-1 receptor.\n"
    )
    facts = _doc_facts(text, "zorbaglutide_label.txt")
    assert any(s == "zorbaglutide" and p == "agonist_of" and o == "glp1r" for s, p, o, _ in facts)


# -- families and conditions that are not the drug in focus ----------------------------------------


def test_a_chemical_family_after_the_copula_does_not_take_the_relative_clause():
    facts = _facts(extract_text("Nifedipine is a dihydropyridine that blocks L-type calcium channels."))
    assert any(s == "nifedipine" and p == "blocks" for s, p, _, _ in facts)
    assert not any(s == "dihydropyridine" for s, _, _, _ in facts)


def test_a_plural_family_does_not_become_what_the_drug_refers_to():
    text = (
        "Bumetanide\n\nBumetanide is a loop diuretic. Hearing loss has been reported when aminoglycosides are given too.\n"
        "The drug inhibits the cotransporter NKCC2.\n"
    )
    facts = _doc_facts(text, "bumetanide.txt")
    assert ("bumetanide", "inhibits", "slc12a1", False) in facts
    assert not any(s.startswith("aminoglycoside") and o == "slc12a1" for s, _, o, _ in facts)


def test_hypersensitivity_is_an_adverse_event_not_a_drug():
    text = "Pregabalin\n\nContraindications\n\n- Known hypersensitivity to the drug\n\nThe drug binds the alpha2delta subunit.\n"
    statements = extract_document(parse_text(text, "pregabalin.txt"))
    assert not any(s.subject.label == "hypersensitivity" for s in statements)


def test_conditions_an_indication_is_associated_with_are_not_adverse_events():
    text = (
        "TORSEMIDE tablets\n\n1 INDICATIONS AND USAGE\n1.1 Edema\n"
        "Indicated for edema associated with heart failure and renal disease.\n"
    )
    facts = _doc_facts(text, "torsemide_label.txt")
    assert any(s in ("torsemide", "torasemide") and p == "treats" and o == "edema" for s, p, o, _ in facts)
    assert not any(p == "causes_adverse_event" for _, p, _, _ in facts)
