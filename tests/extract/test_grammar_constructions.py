"""Clause grammar across drug classes: coordination, comparison, apposition, passive and
nominal forms, means clauses, anaphora, substrates, enantiomers and reports of events.

Every sentence here is written for these tests; the lexicon is a small one of our own.
"""

from __future__ import annotations

import pytest

from pharmgraph.extract import extract_text
from pharmgraph.lexicon import Lexicon, Term

TERMS = [
    Term("t:atv", "atorvastatin", "Drug"),
    Term("t:sim", "simvastatin", "Drug"),
    Term("t:evo", "evolocumab", "Drug"),
    Term("t:vgb", "vigabatrin", "Drug"),
    Term("t:zns", "zonisamide", "Drug"),
    Term("t:lev", "levetiracetam", "Drug"),
    Term("t:ltg", "lamotrigine", "Drug"),
    Term("t:pht", "phenytoin", "Drug"),
    Term("t:prop", "propranolol", "Drug"),
    Term("t:ibu", "ibuprofen", "Drug"),
    Term("t:ser", "sertraline", "Drug"),
    Term("t:eso", "esomeprazole", "Drug"),
    Term("t:ome", "omeprazole", "Drug"),
    Term("t:flu", "fluconazole", "Drug"),
    Term("t:ena", "enalapril", "Drug"),
    Term("t:ket", "ketoconazole", "Drug"),
    Term("t:clo", "clopidogrel", "Drug"),
    Term("t:tic", "ticagrelor", "Drug"),
    Term("t:dab", "dabigatran", "Drug"),
    Term("t:ima", "imatinib", "Drug"),
    Term("t:lcz", "levocetirizine", "Drug"),
    Term("t:cz", "cetirizine", "Drug"),
    Term("t:gaba", "GABA", "EndogenousSubstance"),
    Term("t:chol", "LDL cholesterol", "EndogenousSubstance", ("cholesterol",)),
    Term("t:statins", "statins", "DrugClass", ("statin",)),
    Term("t:ppi", "proton pump inhibitor", "DrugClass"),
    Term("t:pump", "proton pump", "Transporter"),
    Term("t:hmgcr", "HMG-CoA reductase", "Enzyme"),
    Term("t:pcsk9", "PCSK9", "Protein"),
    Term("t:gabat", "GABA transaminase", "Enzyme"),
    Term("t:cav3", "T-type calcium channel", "IonChannel"),
    Term("t:ca", "carbonic anhydrase", "Enzyme"),
    Term("t:vgsc", "voltage-gated sodium channel", "IonChannel", ("sodium channel",)),
    Term("t:sv2a", "SV2A", "Protein"),
    Term("t:b1", "beta-1 adrenergic receptor", "Receptor", ("beta-1 receptor",)),
    Term("t:b2", "beta-2 adrenergic receptor", "Receptor", ("beta-2 receptor",)),
    Term("t:ht1a", "5-HT1A receptor", "Receptor"),
    Term("t:cox", "cyclooxygenase", "Enzyme"),
    Term("t:sert", "serotonin transporter", "Transporter"),
    Term("t:cyp3a4", "CYP3A4", "Enzyme"),
    Term("t:cyp2d6", "CYP2D6", "Enzyme"),
    Term("t:pgp", "P-glycoprotein", "Transporter", ("P-gp",)),
    Term("t:p2y12", "P2Y12 receptor", "Receptor"),
    Term("t:abl", "BCR-ABL", "Protein"),
    Term("t:egfr", "EGFR", "Protein"),
    Term("t:h1", "H1 receptor", "Receptor"),
    Term("t:ang", "angioedema", "AdverseEvent"),
    Term("t:hep", "hepatotoxicity", "AdverseEvent"),
    Term("t:thr", "thrombosis", "Disease"),
]


@pytest.fixture(scope="module")
def found():
    lexicon = Lexicon(TERMS)

    def run(text: str) -> set[tuple[str, str, str, bool]]:
        return {(s.subject.label, s.predicate, s.object.label, s.negated) for s in extract_text(text, "g.txt", lexicon)}

    return run


def test_coordinated_verbs_share_their_subject_past_an_endogenous_word(found):
    got = found("Zonisamide blocks T-type calcium channels, raises GABA levels and inhibits carbonic anhydrase.")
    assert ("zonisamide", "blocks", "T-type calcium channel", False) in got
    assert ("zonisamide", "inhibits", "carbonic anhydrase", False) in got
    assert not {c for c in got if c[0] == "GABA"}


def test_a_verb_after_but_keeps_the_subject_and_its_own_negation(found):
    got = found("Imatinib inhibits BCR-ABL but does not inhibit EGFR.")
    assert ("imatinib", "inhibits", "BCR-ABL", False) in got
    assert ("imatinib", "inhibits", "EGFR", True) in got


def test_coordinated_receptor_list_gives_one_statement_each(found):
    got = found("Propranolol antagonises beta-1, beta-2 and 5-HT1A receptors.")
    objects = {c[2] for c in got if c[0] == "propranolol" and c[1] == "antagonist_of"}
    assert {"beta-1 adrenergic receptor", "beta-2 adrenergic receptor", "5-HT1A receptor"} <= objects
    assert not any("receptors receptor" in c[2] for c in got)


@pytest.mark.parametrize(
    "text",
    [
        "Unlike lamotrigine, levetiracetam does not block sodium channels.",
        "Levetiracetam, unlike lamotrigine, does not block sodium channels.",
        "Levetiracetam binds SV2A. In contrast to lamotrigine, it does not block sodium channels.",
    ],
)
def test_comparison_drug_never_takes_the_statement_or_its_negation(found, text):
    got = found(text)
    assert ("levetiracetam", "blocks", "voltage-gated sodium channel", True) in got
    assert not {c for c in got if c[0] == "lamotrigine"}


def test_more_potent_than_leaves_the_compared_drug_out(found):
    got = found("Ticagrelor is more potent than clopidogrel at blocking the P2Y12 receptor.")
    assert ("ticagrelor", "blocks", "P2Y12 receptor", False) in got
    assert not {c for c in got if c[0] == "clopidogrel"}


def test_passive_and_nominal_forms_find_their_agent(found):
    assert ("atorvastatin", "inhibits", "HMG-CoA reductase", False) in found("HMG-CoA reductase is inhibited by atorvastatin.")
    got = found("Inhibition of cyclooxygenase by ibuprofen lowers fever.")
    assert ("ibuprofen", "inhibits", "cyclooxygenase", False) in got


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Atorvastatin lowers LDL cholesterol by inhibiting HMG-CoA reductase.", ("atorvastatin", "inhibits", "HMG-CoA reductase", False)),
        ("Vigabatrin raises brain GABA by inhibiting GABA transaminase.", ("vigabatrin", "inhibits", "GABA transaminase", False)),
        ("Evolocumab lowers LDL cholesterol by binding PCSK9.", ("evolocumab", "binds", "PCSK9", False)),
    ],
)
def test_means_clause_attaches_to_the_drug_not_the_endogenous_word(found, text, claim):
    got = found(text)
    assert claim in got
    assert not {c for c in got if c[0] in ("GABA", "LDL cholesterol")}


def test_means_clause_subject_even_when_the_lowered_thing_is_typed_a_drug():
    lexicon = Lexicon([*TERMS[:3], Term("t:tg", "triglycerides", "Drug"), Term("t:hmgcr", "HMG-CoA reductase", "Enzyme")])
    got = {(s.subject.label, s.predicate, s.object.label) for s in extract_text("Atorvastatin lowers triglycerides by inhibiting HMG-CoA reductase.", "g.txt", lexicon)}
    assert ("atorvastatin", "inhibits", "HMG-CoA reductase") in got
    assert not {c for c in got if c[0] == "triglycerides"}


def test_a_drug_class_is_not_an_agent(found):
    assert found("Statins inhibit HMG-CoA reductase.") == set()


def test_a_class_name_made_of_a_target_and_an_agent_noun_names_the_target(found):
    assert ("omeprazole", "inhibits", "proton pump", False) in found("Omeprazole is a proton pump inhibitor.")


def test_apposition_gives_the_statement_to_the_drug_it_describes(found):
    got = found("Levocetirizine, the R-enantiomer of cetirizine, blocks H1 receptors.")
    assert ("levocetirizine", "blocks", "H1 receptor", False) in got
    assert ("levocetirizine", "enantiomer_of", "cetirizine", False) in got
    assert not {c for c in got if c[0] == "cetirizine"}


def test_enantiomer_of(found):
    assert ("esomeprazole", "enantiomer_of", "omeprazole", False) in found("Esomeprazole is the S-enantiomer of omeprazole.")


def test_graded_agent_noun(found):
    assert ("fluconazole", "inhibits", "CYP3A4", False) in found("Fluconazole is a moderate inhibitor of CYP3A4.")


def test_irreversible_inhibitor_apposition(found):
    got = found("Clopidogrel, an irreversible inhibitor of the P2Y12 receptor, prevents thrombosis.")
    assert ("clopidogrel", "inhibits", "P2Y12 receptor", False) in got


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Angioedema has occurred with enalapril.", ("enalapril", "causes_adverse_event", "angioedema", False)),
        ("Cases of hepatotoxicity have been reported in patients taking ketoconazole.", ("ketoconazole", "causes_adverse_event", "hepatotoxicity", False)),
        ("No cases of angioedema have been reported with fluconazole.", ("fluconazole", "causes_adverse_event", "angioedema", True)),
    ],
)
def test_events_reported_with_a_drug(found, text, claim):
    assert claim in found(text)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Simvastatin is metabolised by CYP3A4.", ("simvastatin", "metabolised_by", "CYP3A4", False)),
        ("Simvastatin is extensively metabolized via CYP3A4.", ("simvastatin", "metabolised_by", "CYP3A4", False)),
        ("Dabigatran is a substrate of P-glycoprotein.", ("dabigatran", "transported_by", "P-glycoprotein", False)),
        ("Sertraline is not a substrate of CYP2D6.", ("sertraline", "metabolised_by", "CYP2D6", True)),
    ],
)
def test_metabolism_and_transport(found, text, claim):
    assert claim in found(text)


def test_the_drug_points_to_the_previous_sentences_focus(found):
    got = found("Sertraline selectively inhibits the serotonin transporter. The drug is metabolised by CYP3A4.")
    assert ("sertraline", "metabolised_by", "CYP3A4", False) in got


def test_asserted_text_gets_no_hedge():
    lexicon = Lexicon(TERMS)
    statements = extract_text("Atorvastatin inhibits HMG-CoA reductase.", "g.txt", lexicon)
    assert [s.certainty for s in statements] == ["asserted"]


MORE_TERMS = [
    *TERMS,
    Term("t:quet", "quetiapine", "Drug"),
    Term("t:d2", "D2 receptor", "Receptor", ("dopamine D2 receptor",)),
    Term("t:h1b", "histamine H1 receptor", "Receptor"),
    Term("t:mor", "mu-opioid receptor", "Receptor"),
    Term("t:bup", "buprenorphine", "Drug"),
    Term("t:theb", "thebaine", "Drug"),
    Term("t:pain", "pain", "Disease"),
    Term("t:gabaa", "GABA-A receptor", "Receptor"),
    Term("t:tgb", "tiagabine", "Drug"),
    Term("t:bzd", "benzodiazepine site", "BindingSite"),
    Term("t:diz", "dizziness", "AdverseEvent"),
    Term("t:trem", "tremor", "AdverseEvent"),
    Term("t:nau", "nausea", "AdverseEvent"),
    Term("t:vom", "vomiting", "AdverseEvent"),
    Term("t:nv", "nausea and vomiting", "AdverseEvent"),
    Term("t:oselt", "oseltamivir", "Drug"),
    Term("t:nana", "neuraminidase", "Enzyme"),
    Term("t:rhab", "rhabdomyolysis", "AdverseEvent"),
]


@pytest.fixture(scope="module")
def more():
    lexicon = Lexicon(MORE_TERMS)

    def run(text: str, name: str = "g.txt") -> set[tuple[str, str, str, bool]]:
        return {(s.subject.label, s.predicate, s.object.label, s.negated) for s in extract_text(text, name, lexicon)}

    return run


def test_bare_receptor_subtypes_coordinated_before_an_agent_noun(more):
    got = more("Quetiapine is a D2 and H1 antagonist.")
    assert ("quetiapine", "antagonist_of", "D2 receptor", False) in got
    assert ("quetiapine", "antagonist_of", "H1 receptor", False) in got


def test_opioid_subtype_word(more):
    assert ("buprenorphine", "agonist_of", "mu-opioid receptor", False) in more("Buprenorphine is a partial mu agonist.")


def test_a_drug_named_inside_of_a_derivative_phrase_is_not_the_subject(more):
    got = more("Buprenorphine is a semisynthetic derivative of thebaine used for severe pain.")
    assert ("buprenorphine", "treats", "pain", False) in got
    assert not {c for c in got if c[0] == "thebaine"}


def test_no_affinity_for_is_a_negated_binding(more):
    got = more("Tiagabine inhibits GAT-1. In binding assays it showed no affinity for the benzodiazepine site.")
    assert ("tiagabine", "binds", "benzodiazepine site", True) in got


def test_itself_is_not_an_agonist(more):
    got = more("Tiagabine itself is not a GABA-A receptor agonist.")
    assert ("tiagabine", "agonist_of", "GABA-A receptor", True) in got


def test_an_endogenous_substance_opening_a_drugless_sentence_is_an_agent(more):
    got = more("Tiagabine slows GABA reuptake. GABA activates GABA-A receptors.")
    assert ("GABA", "activates", "GABA-A receptor", False) in got


def test_an_endogenous_substance_is_not_an_agent_beside_a_drug(more):
    got = more("GABA levels rise and tiagabine activates GABA-A receptors.")
    assert not {c for c in got if c[0] == "GABA"}


def test_a_sentence_listing_adverse_events_speaks_of_the_drug_in_focus(more):
    got = more("Tiagabine inhibits GAT-1. Dizziness and tremor are the commonest adverse effects.")
    assert ("tiagabine", "causes_adverse_event", "dizziness", False) in got
    assert ("tiagabine", "causes_adverse_event", "tremor", False) in got


def test_a_negated_listing_stays_negated(more):
    got = more("Tiagabine inhibits GAT-1. Tremor is not a known adverse effect.")
    assert ("tiagabine", "causes_adverse_event", "tremor", True) in got


def test_coordinated_condition_name_is_split_into_its_events(more):
    got = more("Oseltamivir inhibits neuraminidase. Nausea and vomiting were the commonest adverse effects.")
    assert ("oseltamivir", "causes_adverse_event", "nausea", False) in got
    assert ("oseltamivir", "causes_adverse_event", "vomiting", False) in got


def test_its_active_metabolite_points_to_the_drug(more):
    got = more("Oseltamivir is a prodrug. By blocking neuraminidase, the active metabolite prevents viral release.")
    assert ("oseltamivir", "blocks", "neuraminidase", False) in got


def test_a_drugless_report_in_a_document_about_one_drug(more):
    got = more("Oseltamivir in adults\n\nOseltamivir inhibits neuraminidase. Two cases of rhabdomyolysis occurred.", "o.txt")
    assert ("oseltamivir", "causes_adverse_event", "rhabdomyolysis", False) in got
