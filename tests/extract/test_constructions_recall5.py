"""Constructions of trial reports and labels that hold for any drug class: adverse events
counted among the takers of a drug ("in 9% of women taking X", "of those on X", "of its
recipients", "D affected 30% of ..."), events that follow a drug, and drugs a sentence names as
an earlier or background treatment ("after progression on X", "X-based chemotherapy",
"androgen deprivation therapy"), which are never the subject of what the text says next.
Every sentence is written for this file; the built-in lexicon is used."""

from __future__ import annotations

import pytest

from pharmgraph.documents import parse_text
from pharmgraph.extract.pipeline import extract_document, extract_text
from pharmgraph.extract.prior_therapy import named_as_prior_therapy
from pharmgraph.extract.title_drug import title_drug


def _facts(text: str) -> set[tuple[str, str, str, bool]]:
    return {
        (s.subject.label.lower(), s.predicate, s.object.label.lower(), s.negated)
        for s in extract_text(text, "t.txt")
    }


def _doc_facts(text: str, name: str = "note.txt") -> set[tuple[str, str, str, bool]]:
    statements = extract_document(parse_text(text, name))
    return {
        (s.subject.label.lower(), s.predicate, s.object.label.lower(), s.negated)
        for s in statements
    }


def _events(found, subject: str) -> set[str]:
    return {o for s, p, o, neg in found if s == subject and p == "causes_adverse_event" and not neg}


# -- adverse events counted among the takers of a drug -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Constipation was recorded in 7% of women taking verapamil.",
        "Constipation was noted in 12% of men receiving verapamil.",
        "Constipation occurred in a fifth of those on verapamil.",
        "Verapamil was well tolerated, although constipation was seen in 6% of its recipients.",
        "Constipation affected 15% of the participants given verapamil.",
    ],
)
def test_an_event_counted_among_the_takers_is_caused_by_the_drug(text: str) -> None:
    assert "constipation" in _events(_facts(text), "verapamil")


def test_affected_takes_every_event_of_its_share_list() -> None:
    found = _facts("Headache affected 20% and constipation 9% of those on nifedipine.")
    assert {"headache", "constipation"} <= _events(found, "nifedipine")


def test_a_share_without_a_drug_names_no_cause() -> None:
    found = _facts("Constipation affected 15% of the participants in the survey.")
    assert not any(p == "causes_adverse_event" for _s, p, _o, _n in found)


# -- events that follow a drug ---------------------------------------------------------------


def test_an_event_that_followed_a_drug_is_caused_by_it() -> None:
    found = _facts("Hallucinations followed dextromethorphan in 4% of the volunteers.")
    assert "hallucinations" in _events(found, "dextromethorphan")


def test_an_event_more_common_after_one_drug_is_caused_by_that_drug() -> None:
    found = _facts("Nausea was more frequent after morphine than after fentanyl.")
    assert "nausea" in _events(found, "morphine")
    assert "nausea" not in _events(found, "fentanyl")


def test_relief_that_followed_a_drug_is_no_adverse_event() -> None:
    found = _facts("Relief of migraine followed sumatriptan within an hour.")
    assert "migraine" not in _events(found, "sumatriptan")


# -- drugs named as an earlier or background treatment ---------------------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("melanoma after progression on ipilimumab", "ipilimumab"),
        ("melanoma after progression on nivolumab or ipilimumab", "ipilimumab"),
        ("leukaemia refractory to imatinib", "imatinib"),
        ("tumours previously treated with docetaxel", "docetaxel"),
        ("cancer that responded to cisplatin-based chemotherapy", "cisplatin"),
        ("men on androgen deprivation therapy", "androgen"),
    ],
)
def test_a_prior_or_background_treatment_is_recognised(text: str, drug: str) -> None:
    start = text.index(drug)
    assert named_as_prior_therapy(text, start, start + len(drug))


def test_the_subject_of_a_sentence_is_no_prior_treatment() -> None:
    text = "Cabozantinib inhibits MET after binding."
    assert not named_as_prior_therapy(text, 0, len("Cabozantinib"))


def test_an_indication_bullet_speaks_of_the_label_drug_not_the_earlier_treatment() -> None:
    text = (
        "RUCAPARIB tablets\n\n1 INDICATIONS AND USAGE\n\nRucaparib is a PARP inhibitor indicated for:\n\n"
        "- Ovarian cancer: maintenance treatment of recurrent ovarian cancer that responded to platinum-based chemotherapy\n"
        "- Prostate cancer: metastatic prostate cancer after progression on docetaxel or enzalutamide\n\n"
        "5 WARNINGS AND PRECAUTIONS\n\n5.1 Myelodysplastic Syndrome\n\n"
        "Myelodysplastic syndrome has occurred in patients treated with the drug.\n"
    )
    found = _doc_facts(text, "rucaparib_label.txt")
    uses = {(s, o) for s, p, o, neg in found if p == "treats" and not neg}
    assert not {s for s, _o in uses} & {"platinum", "docetaxel", "enzalutamide"}
    assert any(s == "rucaparib" and "ovarian" in o for s, o in uses), uses
    assert "myelodysplastic syndrome" in _events(found, "rucaparib")
    assert not _events(found, "enzalutamide")


def test_a_deprived_hormone_is_no_agent() -> None:
    found = _facts(
        "Hot flushes occurred in men receiving androgen deprivation therapy with leuprorelin."
    )
    assert "androgens" not in {s for s, *_ in found}


# -- metabolism written with the atom it acts on, a process noun or "to form" -------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tramadol is O-demethylated by CYP2D6 to O-desmethyltramadol.",
        "Tramadol undergoes extensive metabolism by CYP2D6 to O-desmethyltramadol.",
    ],
)
def test_a_reaction_named_with_its_position_or_as_a_noun_gives_enzyme_and_product(
    text: str,
) -> None:
    found = _facts(text)
    assert ("tramadol", "metabolised_by", "cyp2d6", False) in found
    assert ("o-desmethyltramadol", "product_of", "tramadol", False) in found


def test_the_hydrolysis_of_a_prodrug_names_its_product() -> None:
    found = _facts("Hydrolysis of fosphenytoin to phenytoin is rapid.")
    assert ("phenytoin", "product_of", "fosphenytoin", False) in found


def test_a_drug_that_needs_an_enzyme_to_form_a_metabolite() -> None:
    found = _facts("Codeine relies on CYP2D6 to form morphine.")
    assert ("morphine", "product_of", "codeine", False) in found
    assert ("codeine", "metabolised_by", "cyp2d6", False) in found


def test_forming_a_non_drug_is_no_product() -> None:
    found = _facts("Clopidogrel forms no clots in vitro.")
    assert not any(p == "product_of" for _s, p, _o, _n in found)


def test_a_word_named_as_a_metabolite_by_apposition_is_a_drug() -> None:
    found = _facts("Primidone is partly converted to zorbanide, its active metabolite.")
    assert ("zorbanide", "product_of", "primidone", False) in found


def test_the_apposition_of_a_common_word_names_no_metabolite() -> None:
    found = _facts(
        "Levetiracetam is hydrolysed in blood; the product, an inactive metabolite, is excreted."
    )
    assert not any(s == "product" for s, *_ in found)


# -- a drug newer than the lexicon, named by the title -----------------------------------------


def test_a_monograph_titled_by_an_unknown_drug_speaks_of_that_drug() -> None:
    text = (
        "Quorbamide\n\nQuorbamide is a synthetic cyclodextrin used to reverse neuromuscular blockade.\n\n"
        "Adverse effects. Nausea and vomiting are the commonest events. It may cause bradycardia.\n"
    )
    found = _doc_facts(text, "quorbamide_monograph.txt")
    assert {"nausea", "vomiting", "bradycardia"} <= _events(found, "quorbamide")


def test_title_drug_needs_a_defining_first_sentence() -> None:
    assert title_drug("Quorbamide", ["Quorbamide is a synthetic cyclodextrin."]) is not None
    assert title_drug("Quorbamide", ["Patients were followed for a year."]) is None
    assert title_drug("Drug treatment of gout", ["Drug treatment is a choice."]) is None
    label = title_drug("QUORBAMIDE injection, for intravenous use", ["Quorbamide is an antidote."])
    assert label is not None and label.label == "quorbamide"


# -- a drug that binds another drug; an inverted negation ------------------------------------


def test_a_reversal_agent_binds_the_drug_it_reverses() -> None:
    found = _facts("Idarucizumab binds dabigatran and neutralises its anticoagulant effect.")
    assert ("idarucizumab", "binds", "dabigatran", False) in found


def test_nor_does_it_negates_the_second_clause() -> None:
    found = _facts("Idarucizumab does not bind rivaroxaban, nor does it bind apixaban.")
    assert ("idarucizumab", "binds", "apixaban", True) in found
    assert ("idarucizumab", "binds", "apixaban", False) not in found


def test_only_binding_takes_a_drug_object() -> None:
    found = _facts("Rifampicin lowers dabigatran exposure.")
    assert not any(o == "dabigatran" for _s, _p, o, _n in found)


# -- a label's report of several events among a population; raised risks ---------------------

_LABEL_HEAD = "NIZATIDINE capsules\n\n1 INDICATIONS AND USAGE\n\nNizatidine is a histamine H2 receptor antagonist.\n\n"


def test_every_event_reported_before_the_population_is_an_adverse_event() -> None:
    text = _LABEL_HEAD + (
        "5 WARNINGS AND PRECAUTIONS\n\n5.1 Nervous system reactions\n\n"
        "Headache, dizziness and confusion have been reported in patients with severe renal impairment.\n"
    )
    found = _doc_facts(text, "nizatidine_label.txt")
    assert {"headache", "dizziness", "confusion"} <= _events(found, "nizatidine")


def test_a_population_with_a_condition_is_still_no_event_of_the_label_drug() -> None:
    text = (
        _LABEL_HEAD
        + "5 WARNINGS AND PRECAUTIONS\n\n5.1 Use in renal disease\n\nLower the dose in patients with gout.\n"
    )
    found = _doc_facts(text, "nizatidine_label.txt")
    assert "gout" not in _events(found, "nizatidine")


def test_a_drug_that_raised_the_incidence_of_events_causes_each() -> None:
    found = _facts("Raloxifene raised the incidence of hot flushes and of deep vein thrombosis.")
    events = _events(found, "raloxifene")
    assert "deep vein thrombosis" in events and len(events) == 2, events


def test_a_repeated_preposition_joins_two_uses() -> None:
    found = _facts("Valproate is used for epilepsy and for migraine.")
    uses = {o for s, p, o, neg in found if s == "valproic acid" and p == "treats"}
    assert len(uses) == 2, found


# -- enantiomers named through their owner; dosage forms; names filed under another drug ------


def test_its_enantiomer_in_apposition_is_an_enantiomer_of_the_drug() -> None:
    found = _doc_facts(
        "Citalopram\n\nCitalopram is an SSRI. Its S-enantiomer, escitalopram, is also marketed.\n"
    )
    assert ("escitalopram", "enantiomer_of", "citalopram", False) in found


def test_a_use_given_as_a_dosage_form_is_still_a_use() -> None:
    found = _facts("Sumatriptan is given as a nasal spray for migraine.")
    assert any(s == "sumatriptan" and p == "treats" and "migraine" in o for s, p, o, _ in found), (
        found
    )
    found = _facts("Sumatriptan is given subcutaneously for cluster headache.")
    assert any(s == "sumatriptan" and p == "treats" for s, p, _o, _ in found), found


def test_a_dosage_form_is_no_drug() -> None:
    found = _facts("The nasal spray causes epistaxis.")
    assert not any(p == "causes_adverse_event" for _s, p, _o, _n in found)


def test_a_name_built_on_another_drug_is_labelled_as_written() -> None:
    found = _facts("Tenofovir alafenamide is hydrolysed by cathepsin A.")
    assert "tenofovir alafenamide" in {s for s, *_ in found}, found


def test_an_event_larger_with_a_drug_is_caused_by_it() -> None:
    found = _facts("Weight gain was larger with olanzapine than with aripiprazole.")
    assert "weight gain" in _events(found, "olanzapine")
    assert "weight gain" not in _events(found, "aripiprazole")


def test_a_benefit_greater_with_a_drug_is_no_adverse_event() -> None:
    found = _facts("Relief of migraine was greater with rizatriptan.")
    assert not _events(found, "rizatriptan")


# -- plural subjects of an agent noun; a population on a drug ----------------------------------


def test_every_drug_of_a_plural_subject_is_the_agent() -> None:
    found = _facts("Quinidine and terbinafine are strong inhibitors of CYP2D6.")
    assert ("quinidine", "inhibits", "cyp2d6", False) in found
    assert ("terbinafine", "inhibits", "cyp2d6", False) in found


def test_a_population_on_a_drug_names_its_use() -> None:
    found = _facts("We followed 400 adults with schizophrenia on clozapine for two years.")
    assert any(
        s == "clozapine" and p == "treats" and "schizophrenia" in o for s, p, o, _ in found
    ), found


def test_staying_on_a_drug_is_not_the_population_phrase() -> None:
    found = _facts("Adults with asthma were told to stay on montelukast.")
    assert not any(p == "treats" for _s, p, _o, _n in found)


def test_a_drug_coordinated_into_a_new_clause_is_not_a_taker() -> None:
    found = _facts("Nausea was larger with exenatide, and insulin rose by a third.")
    assert "nausea" in _events(found, "exenatide")
    assert not any(s == "insulin" for s, *_ in found)


# -- targets named by their own head word -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Zidovudine inhibits HIV-1 reverse transcriptase.", "hiv-1 reverse transcriptase"),
        ("Ixazomib reversibly inhibits the 20S proteasome.", "20s proteasome"),
        ("Isoniazid inhibits the mycolyltransferases of the cell wall.", "mycolyltransferase"),
        ("Dutasteride inhibits type 1 5-alpha-reductase.", "type 1 5-alpha-reductase"),
        ("Abiraterone lowers prostate-specific antigen.", "prostate-specific antigen"),
    ],
)
def test_a_target_named_by_its_head_word_is_an_object(text: str, target: str) -> None:
    found = _facts(text)
    assert any(o == target and not neg for _s, _p, o, neg in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Metaphase arrest followed colchicine in cultured cells.",
        "Extended-release tablets are taken once a day.",
        "Both isoenzymes are found in the liver.",
    ],
)
def test_words_that_only_end_like_enzymes_are_no_targets(text: str) -> None:
    found = _facts(text)
    assert not any(o in ("metaphase", "extended-release", "isoenzyme") for _s, _p, o, _n in found)


# -- conditions named by their ending; an event in apposition; "with it" -----------------------


def test_a_condition_named_by_its_ending_is_an_event() -> None:
    found = _facts("Pembrolizumab caused hypophysitis and autoimmune nephritis in a few patients.")
    assert "hypophysitis" in _events(found, "pembrolizumab"), found


def test_ordinary_words_with_such_endings_are_no_conditions() -> None:
    found = _facts(
        "Sympathy for the patient and nostalgia were common with nurses given haloperidol."
    )
    assert not _events(found, "haloperidol")


def test_an_event_in_apposition_to_a_known_effect_of_a_drug() -> None:
    found = _facts(
        "Gingival hyperplasia, a known adverse effect of phenytoin, was seen in three children."
    )
    assert "gingival hyperplasia" in _events(found, "phenytoin"), found


def test_an_event_that_occurs_with_it_is_caused_by_the_drug_in_focus() -> None:
    found = _facts("Nifedipine lowers blood pressure; ankle oedema occurs mainly with it.")
    assert any(
        s == "nifedipine" and p == "causes_adverse_event" and "edema" in o for s, p, o, _ in found
    ), found


def test_combined_with_it_stays_an_object() -> None:
    found = _facts("Lithium levels rise when hydrochlorothiazide is combined with it.")
    assert not any(s == "hydrochlorothiazide" and o == "lithium" for s, _p, o, _n in found)


# -- a trial's title: drugs compared in a population with a condition ------------------------


def test_drugs_compared_in_a_population_treat_its_condition() -> None:
    text = "Note\n\nSolifenacin versus tolterodine in women aged 40 years or older with overactive bladder: a randomised trial.\n"
    uses = {(s, o) for s, p, o, neg in _doc_facts(text) if p == "treats" and not neg}
    assert {s for s, _o in uses} >= {"solifenacin", "tolterodine"}, uses


def test_a_qualifying_condition_of_the_population_is_no_use() -> None:
    text = "Note\n\nApixaban versus warfarin in adults with severe renal impairment: a cohort study of bleeding.\n"
    assert not any(p == "treats" for _s, p, _o, _n in _doc_facts(text))


def test_a_drug_after_a_verb_is_no_title() -> None:
    found = _facts("We gave metformin in adults with obesity to see how weight changed.")
    assert not any(s == "metformin" and p == "treats" and o == "obesity" for s, p, o, _ in found)


# -- binding a site of a target; competing for a target ------------------------------------


def test_a_drug_that_binds_a_site_of_a_target_binds_the_target() -> None:
    found = _facts("Zolpidem binds the benzodiazepine site of the GABA-A receptor.")
    assert ("zolpidem", "binds", "gaba-a receptor", False) in found, found


def test_a_drug_that_competes_for_a_target_binds_it() -> None:
    found = _facts("Naloxone competes with morphine for the mu opioid receptor.")
    assert any(s == "naloxone" and p == "binds" for s, p, _o, _n in found), found
    assert not any(s == "morphine" and p == "binds" for s, p, _o, _n in found)


def test_competing_for_something_else_binds_nothing() -> None:
    found = _facts("Clinics competed for funding to give warfarin.")
    assert not any(p == "binds" for _s, p, _o, _n in found)


# -- a tumour named with its organ ------------------------------------------------------------


def test_a_tumour_with_its_organ_adjective_is_that_tumour() -> None:
    found = _facts("Avelumab is used for urothelial carcinoma.")
    assert any(
        s == "avelumab" and p == "treats" and o == "urothelial carcinoma" for s, p, o, _ in found
    ), found


def test_a_spread_adjective_does_not_make_a_new_tumour() -> None:
    found = _facts("Docetaxel is used for refractory carcinoma.")
    assert not any(o == "refractory carcinoma" for _s, _p, o, _n in found)


def test_a_blood_lipid_filed_as_a_drug_is_never_an_agent() -> None:
    text = "Ezetimibe and low-density lipoprotein cholesterol were measured. Both drugs are used for sitosterolaemia."
    found = _facts(text)
    assert not any(s == "low-density lipoprotein cholesterol" for s, *_ in found), found
    found = _facts("Rosuvastatin lowers low-density lipoprotein cholesterol.")
    assert any(
        s == "rosuvastatin" and o == "low-density lipoprotein cholesterol" for s, _p, o, _n in found
    ), found


# -- "this enzyme", "that channel"; a negation inside a relative clause -------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Simvastatin is metabolised by CYP3A4. Itraconazole strongly inhibits this enzyme.",
            ("itraconazole", "inhibits", "cyp3a4", False),
        ),
        (
            "Digoxin is carried out of cells by P-glycoprotein. Quinidine, which blocks that transporter, raises digoxin levels.",
            ("quinidine", "blocks", "abcb1", False),
        ),
    ],
)
def test_a_target_named_before_is_what_this_noun_means(text: str, fact: tuple) -> None:
    assert fact in _facts(text)


def test_a_target_anaphor_without_an_earlier_target_names_nothing() -> None:
    found = _facts("Little is known of this enzyme in children given valproate.")
    assert not any(p in ("inhibits", "decreases") for _s, p, _o, _n in found)


def test_a_negation_inside_a_relative_clause_does_not_reach_the_main_verb() -> None:
    found = _facts(
        "Benserazide, which does not cross the blood-brain barrier, inhibits DOPA decarboxylase."
    )
    assert any(s == "benserazide" and p == "inhibits" and not neg for s, p, _o, neg in found), found
    found = _facts("Benserazide, which crosses little, does not inhibit CYP2D6.")
    assert ("benserazide", "inhibits", "cyp2d6", True) in found


def test_neither_nor_verbs_share_their_object_and_negation() -> None:
    found = _facts("Levetiracetam neither induces nor inhibits CYP3A4.")
    assert ("levetiracetam", "inhibits", "cyp3a4", True) in found
    assert any(s == "levetiracetam" and p == "increases" and neg for s, p, _o, neg in found), found
    assert not any(s == "levetiracetam" and not neg for s, _p, _o, neg in found)
