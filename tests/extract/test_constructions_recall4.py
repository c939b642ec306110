"""Constructions and names that carry over to drug classes the rules were not written for:
comparison drugs named through their class ("unlike loop diuretics such as X"), the patients
a use is for, classes and endogenous mediators that are never agents, lists of adverse events
written with commas, lengthened ECG intervals, metabolite names built on the parent's name,
newer drug-name stems. Every sentence is written for this file; the built-in lexicon is used."""

from __future__ import annotations

import pytest

from pharmgraph.documents import parse_markdown, parse_text
from pharmgraph.extract.inn import inn_drugs
from pharmgraph.extract.intervals import interval_mentions
from pharmgraph.extract.metabolites import derived_drugs
from pharmgraph.extract.pipeline import extract_document, extract_text
from pharmgraph.model import Entity


def _facts(text: str) -> set[tuple[str, str, str, bool]]:
    return {(s.subject.label.lower(), s.predicate, s.object.label.lower(), s.negated) for s in extract_text(text, "t.txt")}


def _doc_facts(text: str, name: str = "note.txt") -> set[tuple[str, str, str, bool]]:
    statements = extract_document(parse_text(text, name))
    return {(s.subject.label.lower(), s.predicate, s.object.label.lower(), s.negated) for s in statements}


def _subjects(facts) -> set[str]:
    return {s for s, *_ in facts}


# -- comparison drugs named through their class ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Unlike loop diuretics such as furosemide, indapamide does not inhibit NKCC2.",
        "In contrast to older antiepileptics like phenytoin, lacosamide does not induce CYP3A4.",
        "Unlike the first-generation antihistamines, including diphenhydramine, fexofenadine does not block muscarinic receptors.",
    ],
)
def test_the_member_of_a_compared_class_never_takes_the_negation(text: str) -> None:
    found = _facts(text)
    negated_subjects = {s for s, _p, _o, neg in found if neg}
    assert negated_subjects, found
    assert not negated_subjects & {"furosemide", "phenytoin", "diphenhydramine"}


def test_a_class_phrase_without_members_still_lets_the_main_drug_keep_its_negation() -> None:
    found = _facts("Unlike loop diuretics, indapamide does not inhibit NKCC2.")
    assert any(neg and s == "indapamide" for s, _p, _o, neg in found)


# -- the patients a use is for are not a use --------------------------------------------------


def test_a_population_after_the_use_is_not_an_indication() -> None:
    text = "Indications\n\nNovadrine is preferred for atrial fibrillation in patients with heart failure.\n"
    found = _doc_facts("Novadrine\n\n" + text)
    uses = {o for s, p, o, _ in found if p == "treats"}
    assert "heart failure" not in uses and "congestive heart failure" not in uses


def test_patients_with_a_condition_and_no_other_use_named_stay_an_indication() -> None:
    found = _doc_facts("Amiodarone\n\nIndications\n\n- For patients with ventricular fibrillation.\n")
    assert any(p == "treats" and "fibrillation" in o for s, p, o, _ in found)


# -- classes and endogenous mediators are not agents ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Anaphylaxis has occurred in patients given beta-lactams.",
        "Thiazides cause hypokalaemia.",
        "Loop diuretics cause ototoxicity.",
    ],
)
def test_a_drug_class_is_not_the_agent(text: str) -> None:
    assert _facts(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Nitric oxide activates guanylate cyclase.",
        "Angiotensin II activates the AT1 receptor.",
        "Substance P activates the NK1 receptor.",
    ],
)
def test_an_endogenous_mediator_in_mid_sentence_is_not_an_agent(text: str) -> None:
    # written after another clause, as a mechanism text does: only the drug acts
    found = _facts("Vardenafil inhibits PDE5, whereas " + text[0].lower() + text[1:])
    assert _subjects(found) <= {"vardenafil"}


def test_target_names_of_pharmacology_are_known() -> None:
    found = _facts("Aprepitant blocks the NK1 receptor. Hydrochlorothiazide inhibits the sodium-chloride cotransporter.")
    assert ("aprepitant", "blocks", "tacr1", False) in found
    assert ("hydrochlorothiazide", "inhibits", "slc12a3", False) in found


# -- adverse events written as a comma list ---------------------------------------------------


def test_nausea_comma_vomiting_are_two_events() -> None:
    found = _doc_facts(
        "Rivastigmine patch: a trial\n\nRivastigmine was given for twelve weeks. "
        "The most common adverse events were nausea, vomiting and dizziness.\n"
    )
    events = {o for s, p, o, _ in found if p == "causes_adverse_event" and s == "rivastigmine"}
    assert {"nausea", "vomiting"} <= events
    assert "postoperative nausea and vomiting" not in events


# -- lengthened ECG intervals ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Sotalol prolongs the QT interval.", "qt prolongation"),
        ("Citalopram can prolong the QTc interval at high doses.", "qt prolongation"),
        ("Lacosamide caused a dose-related prolongation of the PR interval.", "pr prolongation"),
    ],
)
def test_a_drug_that_lengthens_an_interval_causes_its_prolongation(text: str, label: str) -> None:
    found = _facts(text)
    assert any(p == "causes_adverse_event" and o == label and not neg for _s, p, o, neg in found), found


def test_an_interval_that_is_only_measured_is_no_adverse_event() -> None:
    assert interval_mentions("The QT interval was measured at baseline.") == []
    assert not any(p == "causes_adverse_event" for _s, p, *_ in _facts("Ondansetron was given; the QT interval was measured."))


def test_a_denied_prolongation_is_negated() -> None:
    found = _facts("Fexofenadine does not prolong the QT interval.")
    assert ("fexofenadine", "causes_adverse_event", "qt prolongation", True) in found


# -- metabolite names built on the parent's name -----------------------------------------------


def test_metabolite_names_are_drugs_with_their_parent_as_broader() -> None:
    parent = Entity("x:p", "venlafaxine", "Drug")
    found = derived_drugs("O-desmethylvenlafaxine is active.", {"venlafaxine": parent}.get)
    assert [(e.label, e.broader) for _s, _e, e in found] == [("o-desmethylvenlafaxine", ("x:p",))]
    # a prefix on a word that is no drug gives nothing
    assert derived_drugs("Hydroxyapatite and methylation.", {"venlafaxine": parent}.get) == []


def test_a_metabolite_named_after_its_parent_takes_its_own_statement() -> None:
    found = _facts("Its active metabolite, N-desmethyl clozapine, activates the M1 receptor.")
    assert any(s == "n-desmethyl clozapine" and p in ("activates", "increases") for s, p, *_ in found), found
    found = _facts("Desethylamiodarone blocks potassium channels.")
    assert ("desethylamiodarone", "blocks", "potassium channel", False) in found


# -- drug-name stems of more classes ------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["omidenepag", "tafluprost", "netarsudil", "rolapitant", "ubrogepant", "cetilistat", "tebipenem",
     "opicapone", "tafenoquine"],
)  # fmt: skip
def test_newer_drugs_are_known_by_their_stem(word: str) -> None:
    names = [e.label for _s, _e, e in inn_drugs(f"Patients received {word} daily.")]
    assert names == ([] if word == "omidenepag" else [word])


def test_ordinary_words_with_a_stem_like_ending_are_no_drugs() -> None:
    assert inn_drugs("The ghrelin level and the myosin chain were normal.") == []


# -- adverse events named with their drug after the noun ------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Peripheral oedema was the leading adverse event in the nifedipine group.", ("nifedipine", "edema")),
        ("Constipation was the commonest complaint with diltiazem.", ("diltiazem", "constipation")),
        ("Dizziness was the most frequent adverse event during treatment with pregabalin.", ("pregabalin", "dizziness")),
    ],
)
def test_the_commonest_adverse_event_with_a_drug(text: str, fact: tuple[str, str]) -> None:
    found = _facts(text)
    drug, event = fact
    assert (drug, "causes_adverse_event", event, False) in found


def test_a_listing_clause_keeps_the_document_drug_when_a_comparison_follows() -> None:
    found = _doc_facts(
        "Everolimus\n\nEverolimus inhibits mTOR. Stomatitis, rash and hyperglycaemia are frequent, and "
        "pneumonitis is more common than with sirolimus.\n"
    )
    events = {o for s, p, o, _ in found if p == "causes_adverse_event" and s == "everolimus"}
    assert {"stomatitis", "exanthema"} & events or "stomatitis" in events
    assert not any(s == "sirolimus" and p == "causes_adverse_event" for s, p, *_ in found)


# -- enzymes coordinated across adverbial phrases --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Apixaban is cleared mainly by CYP3A4 and to a lesser extent by CYP2C9.",
        "Apixaban is metabolised chiefly by CYP3A4 and in part by CYP2C9.",
        "Apixaban is metabolised by several cytochrome P450 enzymes, chiefly CYP3A4, with a smaller role for CYP2C9.",
    ],
)
def test_every_enzyme_of_a_metabolism_clause_is_found(text: str) -> None:
    found = _facts(text)
    assert ("apixaban", "metabolised_by", "cyp3a4", False) in found
    assert ("apixaban", "metabolised_by", "cyp2c9", False) in found


def test_a_second_by_phrase_of_another_verb_is_no_enzyme() -> None:
    found = _facts("Apixaban is metabolised by CYP3A4 and is blocked by andexanet.")
    assert not any(p == "metabolised_by" and o == "andexanet alfa" for _s, p, o, _n in found)


# -- uses: lists of "for" phrases, routes, "the drug for", co-medication ------------------------


def test_every_for_phrase_of_a_recommendation_is_a_use() -> None:
    found = _facts("Azithromycin is recommended for trachoma, for chancroid and for chlamydial urethritis.")
    uses = {o for s, p, o, _ in found if s == "azithromycin" and p == "treats"}
    assert {"trachoma", "chancroid", "urethritis"} <= uses


def test_a_co_medication_inside_a_use_list_does_not_end_it() -> None:
    found = _facts("Tobramycin is used for sepsis, for pyelonephritis and, together with a penicillin, for endocarditis.")
    uses = {o for s, p, o, _ in found if s == "tobramycin" and p == "treats"}
    assert "endocarditis" in uses
    assert not any(p == "treats" and s != "tobramycin" for s, p, *_ in found)


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("Zafirlukast is taken by mouth for asthma.", "asthma"),
        ("Rizatriptan is taken for the acute relief of migraine attacks.", "migraine disorders"),
        ("Ropinirole remains an effective drug for the motor symptoms of Parkinson's disease.", "parkinson's disease"),
        ("Procainamide is also given intravenously for ventricular arrhythmias.", "ventricular arrhythmia"),
    ],
)
def test_a_use_after_a_route_or_a_use_noun(text: str, use: str) -> None:
    found = _facts(text)
    assert any(p == "treats" and o == use and not neg for _s, p, o, neg in found), found


def test_given_in_patients_with_a_condition_is_no_use() -> None:
    found = _facts("Apixaban was given in patients with renal impairment.")
    assert not any(p == "treats" for _s, p, *_ in found)


# -- a trial's population names the drug's use -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drugs", "use"),
    [
        ("In this trial, 310 adults with plaque psoriasis received secukinumab 300 mg.", {"secukinumab"}, "plaque psoriasis"),
        ("Patients with acute migraine were randomised to rizatriptan or placebo.", {"rizatriptan"}, "acute migraine"),
        ("We randomly assigned 400 people aged 70 or more with atrial fibrillation to apixaban 5 mg or warfarin.",
         {"apixaban", "warfarin"}, "atrial fibrillation"),
    ],
)  # fmt: skip
def test_the_population_of_a_trial_is_what_its_drugs_treat(text: str, drugs: set[str], use: str) -> None:
    found = _facts(text)
    treated = {s for s, p, o, neg in found if p == "treats" and o == use and not neg}
    assert drugs <= treated, found


@pytest.mark.parametrize(
    "text",
    [
        "Patients with renal impairment received apixaban.",
        "Patients with epilepsy who received valproate were excluded.",
        "Patients with asthma did not receive propranolol.",
    ],
)
def test_a_qualifying_or_excluded_population_is_no_use(text: str) -> None:
    assert not any(p == "treats" for _s, p, *_ in _facts(text))


def test_a_condition_adjective_before_another_condition_is_not_one_of_its_own() -> None:
    found = _facts("Adults with convulsive status epilepticus received lorazepam.")
    assert ("lorazepam", "treats", "status epilepticus", False) in found
    assert not any(o == "seizures" for _s, _p, o, _n in found)


# -- two named targets coordinated, each with its own head -----------------------------------------


def test_two_full_target_names_are_two_targets() -> None:
    found = _facts("Dronedarone blocks cardiac sodium channels and L-type calcium channels.")
    objects = {o for s, p, o, _ in found if s == "dronedarone" and p == "blocks"}
    assert {"scn5a", "l-type calcium channel"} <= objects
    assert not any("channels channel" in o for o in objects)


def test_a_shared_head_is_still_distributed() -> None:
    found = _facts("Zonisamide blocks sodium and T-type calcium channels.")
    objects = {o for s, p, o, _ in found if p == "blocks"}
    assert {"voltage-gated sodium channel", "t-type calcium channel"} <= objects


# -- adverse-event sentences: a population clause after the event, "followed by" -------------------


def test_the_principal_risk_before_a_population_clause_is_the_drugs() -> None:
    found = _doc_facts(
        "Tramadol\n\nTramadol is an opioid analgesic. The principal risk is seizures, which are more likely "
        "in people with epilepsy.\n"
    )
    assert ("tramadol", "causes_adverse_event", "seizures", False) in found
    assert not any(o == "epilepsy" and p == "causes_adverse_event" for _s, p, o, _n in found)


def test_more_likely_is_a_difference_in_risk_not_a_hedge() -> None:
    statements = extract_document(parse_text(
        "Tramadol\n\nTramadol is an opioid analgesic. The principal risk is seizures, which are more likely in older people.\n",
        "note.txt",
    ))  # fmt: skip
    certainty = {s.certainty for s in statements if s.object.label == "seizures"}
    assert certainty == {"asserted"}


def test_events_after_followed_by_are_adverse_events_too() -> None:
    found = _facts("Nausea was the commonest adverse effect of cytisine, followed by abnormal dreams and insomnia.")
    events = {o for s, p, o, _ in found if p == "causes_adverse_event" and s == "cytisine"}
    assert {"nausea", "abnormal dreams", "sleeplessness"} <= events


def test_a_sentence_listing_indications_names_the_documents_uses() -> None:
    found = _doc_facts("Levofloxacin\n\nLevofloxacin inhibits DNA gyrase. Indications include pyelonephritis and typhoid fever.\n")
    uses = {o for s, p, o, _ in found if s == "levofloxacin" and p == "treats"}
    assert {"pyelonephritis", "typhoid fever"} <= uses
    found = _doc_facts("Levofloxacin\n\nLevofloxacin inhibits DNA gyrase. Contraindications include myasthenia gravis.\n")
    assert not any(p == "treats" for _s, p, *_ in found)


# -- "its metabolite M" after the drug it belongs to --------------------------------------------------


def test_its_metabolite_belongs_to_the_drug_just_named() -> None:
    found = _facts("Classes: tetracyclines (doxycycline), antiarrhythmics (amiodarone, its metabolite desethylamiodarone, dronedarone).")
    assert ("desethylamiodarone", "product_of", "amiodarone", False) in found
    assert not any(p == "product_of" and o == "doxycycline" for _s, p, o, _n in found)
    assert not any(s == "dronedarone" and p == "product_of" for s, p, *_ in found)


def test_a_metabolite_named_before_its_stays_the_metabolite() -> None:
    found = _facts("Loratadine is converted by CYP3A4 to desloratadine, its active metabolite.")
    assert ("desloratadine", "product_of", "loratadine", False) in found


# -- appositions, classes in subject position, safety populations ---------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Fosphenytoin, a prodrug of phenytoin, is an inhibitor of sodium channels.", "fosphenytoin"),
        ("Escitalopram, the S-enantiomer of citalopram, is an inhibitor of the serotonin transporter.", "escitalopram"),
    ],
)
def test_the_drug_an_apposition_describes_is_the_agent(text: str, subject: str) -> None:
    found = _facts(text)
    assert any(s == subject and p == "inhibits" for s, p, *_ in found), found
    assert not any(s in ("phenytoin", "citalopram") and p == "inhibits" for s, p, *_ in found)


def test_a_class_in_subject_position_takes_the_verb_from_the_drug_in_focus() -> None:
    found = _doc_facts(
        "Travoprost\n\nTravoprost lowers intraocular pressure. It can be used in patients with asthma, "
        "in whom topical beta-blockers may provoke bronchospasm.\n"
    )
    assert not any(o == "bronchospasm" for _s, _p, o, _n in found)
    assert not any(p == "treats" and o == "asthma" for _s, p, o, _n in found)


def test_a_drug_described_by_its_class_keeps_its_uses() -> None:
    found = _facts("Nebivolol is a beta-blocker used for hypertension and for heart failure.")
    assert ("nebivolol", "treats", "hypertension", False) in found


def test_a_use_named_by_what_the_drug_lowers_keeps_the_population_condition() -> None:
    found = _doc_facts(
        "TRAVOPROST eye drops\n\n1 INDICATIONS AND USAGE\n\nTravoprost is indicated to reduce elevated intraocular "
        "pressure in patients with open-angle glaucoma.\n"
    )
    assert ("travoprost", "treats", "open-angle glaucoma", False) in found


# -- acids of ester prodrugs, newer stems, conditions of antiemetic use -----------------------------


def test_the_acid_of_an_ester_prodrug_is_its_product() -> None:
    found = _facts("Bimatoprost is hydrolysed by corneal esterases to bimatoprost acid.")
    assert ("bimatoprost acid", "product_of", "bimatoprost", False) in found
    assert ("bimatoprost", "metabolised_by", "esterase", False) in found


def test_an_acid_that_is_a_drug_of_its_own_keeps_its_name() -> None:
    found = _facts("Valproic acid inhibits CYP2C9.")
    assert ("valproic acid", "inhibits", "cyp2c9", False) in found


def test_improving_the_control_of_a_condition_is_a_use() -> None:
    found = _facts("Netupitant improves the control of chemotherapy-induced nausea and vomiting.")
    assert ("netupitant", "treats", "chemotherapy-induced nausea and vomiting", False) in found
    assert not any(p == "treats" for _s, p, *_ in _facts("Poor control of epilepsy was seen with valproate."))


def test_an_effect_in_a_target_column_is_what_the_drug_acts_on() -> None:
    text = (
        "# Review\n\n| Drug | Target | Indication | Adverse effects |\n|---|---|---|---|\n"
        "| Phentermine | Noradrenaline release | Obesity | Insomnia |\n"
        "| Orlistat | Pancreatic lipase | Obesity | Steatorrhoea |\n"
    )
    statements = extract_document(parse_markdown(text, "review.md"))
    found = {(s.subject.label.lower(), s.object.label.lower()) for s in statements}
    assert ("phentermine", "noradrenaline release") in found, found


# -- "all three agents", "both drugs" after a comparison, co-medication in a use -------------------


def test_all_three_agents_are_the_last_three_drugs_named() -> None:
    found = _doc_facts(
        "Gliptins\n\nSitagliptin, saxagliptin and linagliptin inhibit DPP-4. All three agents can cause "
        "nasopharyngitis.\n"
    )
    subjects = {s for s, p, o, _ in found if p == "causes_adverse_event" and o == "nasopharyngitis"}
    assert subjects == {"sitagliptin", "saxagliptin", "linagliptin"}, found


def test_all_four_needs_four_drugs_in_memory() -> None:
    found = _doc_facts("Note\n\nSitagliptin inhibits DPP-4. All four are used for type 2 diabetes.\n")
    assert not any(s != "sitagliptin" and p == "treats" for s, p, *_ in found)


def test_both_drugs_after_a_comparison_means_the_two_compared() -> None:
    found = _doc_facts(
        "Review\n\nDulaglutide gives less weight loss than semaglutide. Both drugs can cause gallstones.\n"
    )
    subjects = {s for s, p, o, _ in found if p == "causes_adverse_event" and o == "gallstones"}
    assert subjects == {"dulaglutide", "semaglutide"}, found


def test_a_drug_used_together_with_another_shares_the_use() -> None:
    found = _facts("Golimumab is used for rheumatoid arthritis, usually together with methotrexate.")
    assert ("golimumab", "treats", "rheumatoid arthritis", False) in found
    assert ("methotrexate", "treats", "rheumatoid arthritis", False) in found


# -- metabolism and transport verbs of more kinds -------------------------------------------------


def test_a_decarboxylation_names_the_enzyme_and_the_endogenous_product() -> None:
    found = _facts("Carbidopa aside, levodopa is decarboxylated to dopamine by aromatic L-amino acid decarboxylase.")
    assert ("levodopa", "metabolised_by", "ddc", False) in found
    assert ("dopamine", "product_of", "levodopa", False) in found


@pytest.mark.parametrize(
    ("text", "transporter"),
    [
        ("Gabapentin is carried into the brain by the large neutral amino acid transporter LAT1.", "slc7a5"),
        ("Metformin is secreted by OCT2 and MATE1.", "slc22a2"),
    ],
)
def test_carried_and_secreted_by_a_transporter(text: str, transporter: str) -> None:
    found = _facts(text)
    assert any(p == "transported_by" and o == transporter for _s, p, o, _n in found), found
