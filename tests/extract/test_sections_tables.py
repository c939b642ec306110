"""Label and monograph structure: sections give list items their drug and relation, tables are
read by their header, in plain text, Markdown and HTML alike.

Documents here are written for these tests; the lexicon is a small one of our own.
"""

from __future__ import annotations

import pytest

from pharmgraph.documents import parse_markdown, parse_text
from pharmgraph.documents.html import parse_html
from pharmgraph.extract.pipeline import extract_document
from pharmgraph.extract.sections import section_role
from pharmgraph.extract.tables import header_roles
from pharmgraph.lexicon import Lexicon, Term

TERMS = [
    Term("t:meto", "metoprolol", "Drug"),
    Term("t:prop", "propranolol", "Drug"),
    Term("t:carv", "carvedilol", "Drug"),
    Term("t:rosu", "rosuvastatin", "Drug"),
    Term("t:pant", "pantoprazole", "Drug"),
    Term("t:lans", "lansoprazole", "Drug"),
    Term("t:b1", "beta-1 adrenergic receptor", "Receptor"),
    Term("t:b2", "beta-2 adrenergic receptor", "Receptor"),
    Term("t:a1", "alpha-1 adrenergic receptor", "Receptor"),
    Term("t:hmgcr", "HMG-CoA reductase", "Enzyme"),
    Term("t:pump", "proton pump", "Transporter", ("H+/K+ ATPase",)),
    Term("t:cyp2c19", "CYP2C19", "Enzyme"),
    Term("t:htn", "hypertension", "Disease"),
    Term("t:ang", "angina pectoris", "Disease", ("angina",)),
    Term("t:hf", "heart failure", "Disease"),
    Term("t:mig", "migraine", "Disease"),
    Term("t:hyper", "hypercholesterolemia", "Disease"),
    Term("t:gerd", "gastroesophageal reflux disease", "Disease", ("GERD",)),
    Term("t:brady", "bradycardia", "AdverseEvent"),
    Term("t:fat", "fatigue", "AdverseEvent"),
    Term("t:diz", "dizziness", "AdverseEvent"),
    Term("t:bron", "bronchospasm", "AdverseEvent"),
    Term("t:myal", "myalgia", "AdverseEvent"),
    Term("t:rhab", "rhabdomyolysis", "AdverseEvent"),
    Term("t:head", "headache", "AdverseEvent"),
    Term("t:hmg", "hypomagnesemia", "AdverseEvent"),
    Term("t:liver", "liver disease", "Disease"),
]


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon(TERMS)


def claims(doc, lexicon):
    return {(s.subject.label, s.predicate, s.object.label, s.negated) for s in extract_document(doc, lexicon)}


LABEL = """ROSUVA TABLETS (rosuvastatin)

1 INDICATIONS AND USAGE
Rosuvastatin is a lipid-lowering medicine for adults.
- primary hypercholesterolemia
4 CONTRAINDICATIONS
- active liver disease
6 ADVERSE REACTIONS
The most frequent adverse reactions were:
- headache
- myalgia
Rhabdomyolysis has been reported rarely.
12 CLINICAL PHARMACOLOGY
12.1 Mechanism of Action
- Competitively inhibits HMG-CoA reductase.
"""


def test_label_sections_give_items_the_labels_drug_and_relation(lexicon):
    got = claims(parse_text(LABEL, "label.txt"), lexicon)
    assert ("rosuvastatin", "treats", "hypercholesterolemia", False) in got
    assert ("rosuvastatin", "causes_adverse_event", "headache", False) in got
    assert ("rosuvastatin", "causes_adverse_event", "myalgia", False) in got
    assert ("rosuvastatin", "causes_adverse_event", "rhabdomyolysis", False) in got
    assert ("rosuvastatin", "inhibits", "HMG-CoA reductase", False) in got


def test_contraindications_are_neither_uses_nor_adverse_events(lexicon):
    got = claims(parse_text(LABEL, "label.txt"), lexicon)
    assert not {c for c in got if c[2] == "liver disease"}


def test_section_items_negated_in_their_own_clause(lexicon):
    text = "Metoprolol tartrate\n\nADVERSE REACTIONS\n- No bronchospasm was seen.\n- dizziness\n"
    got = claims(parse_text(text, "m.txt"), lexicon)
    assert ("metoprolol", "causes_adverse_event", "bronchospasm", True) in got
    assert ("metoprolol", "causes_adverse_event", "dizziness", False) in got


def test_sections_of_a_document_about_several_drugs_do_not_guess_a_drug(lexicon):
    text = "Beta blockers compared\n\nMetoprolol and carvedilol are reviewed.\n\nAdverse reactions\n\n- fatigue\n"
    got = claims(parse_text(text, "m.txt"), lexicon)
    assert not {c for c in got if c[2] == "fatigue"}


MARKDOWN = """# Beta blockers: a comparison

Metoprolol and its relatives are compared below.

| Drug | Receptor | Indications | Adverse effects |
|---|---|---|---|
| metoprolol | beta-1 adrenergic receptor antagonist | hypertension | bradycardia |
| propranolol | beta-1 and beta-2 adrenergic receptors | angina, migraine | bronchospasm |
| carvedilol | alpha-1 adrenergic receptor | heart failure | none |
"""


def test_markdown_table_read_by_its_header(lexicon):
    statements = extract_document(parse_markdown(MARKDOWN, "b.md"), lexicon)
    got = {(s.subject.label, s.predicate, s.object.label, s.negated) for s in statements}
    assert ("metoprolol", "antagonist_of", "beta-1 adrenergic receptor", False) in got
    assert ("metoprolol", "treats", "hypertension", False) in got
    assert ("metoprolol", "causes_adverse_event", "bradycardia", False) in got
    assert ("propranolol", "treats", "angina pectoris", False) in got
    assert ("propranolol", "treats", "migraine", False) in got
    assert ("propranolol", "causes_adverse_event", "bronchospasm", False) in got
    assert ("carvedilol", "treats", "heart failure", False) in got
    assert not {c for c in got if c[0] == "carvedilol" and c[1] == "causes_adverse_event"}
    row = next(s for s in statements if s.object.label == "migraine")
    assert "propranolol" in row.evidence[0].text
    assert row.qualifier_dict.get("table_header") == "Drug | Receptor | Indications | Adverse effects"


def test_text_table_with_tabs_reads_the_same(lexicon):
    text = "Proton pump inhibitors\n\nDrug\tTarget\tAdverse effect\npantoprazole\tproton pump\thypomagnesemia\nlansoprazole\tproton pump\theadache\n"
    got = claims(parse_text(text, "p.txt"), lexicon)
    assert ("pantoprazole", "causes_adverse_event", "hypomagnesemia", False) in got
    assert ("lansoprazole", "causes_adverse_event", "headache", False) in got
    assert {c[0] for c in got if c[2] == "proton pump"} == {"pantoprazole", "lansoprazole"}


def test_html_table_and_lists(lexicon):
    html = (
        "<html><head><title>Pantoprazole</title></head><body><h1>Pantoprazole</h1>"
        "<p>Pantoprazole is taken once daily.</p>"
        "<h2>Indications</h2><ul><li>GERD</li></ul>"
        "<h2>Side effects</h2><ul><li>headache</li></ul>"
        "<table><tr><th>Drug</th><th>Mechanism</th><th>Metabolism</th></tr>"
        "<tr><td>pantoprazole</td><td>inhibits the proton pump</td><td>CYP2C19</td></tr></table>"
        "</body></html>"
    )
    got = claims(parse_html(html, "p.html"), lexicon)
    assert ("pantoprazole", "treats", "gastroesophageal reflux disease", False) in got
    assert ("pantoprazole", "causes_adverse_event", "headache", False) in got
    assert ("pantoprazole", "inhibits", "proton pump", False) in got
    assert ("pantoprazole", "metabolised_by", "CYP2C19", False) in got


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("6 ADVERSE REACTIONS", "adverse"),
        ("Side effects", "adverse"),
        ("1 INDICATIONS AND USAGE", "indication"),
        ("Therapeutic uses", "indication"),
        ("12.1 Mechanism of Action", "mechanism"),
        ("CONTRAINDICATIONS", "contraindication"),
        ("7 DRUG INTERACTIONS", "interaction"),
        ("12.3 Pharmacokinetics", "pharmacokinetics"),
        ("Results", None),
    ],
)
def test_section_roles(title, role):
    assert section_role(title) == role


def test_header_roles_need_a_column_that_says_something():
    assert header_roles(["Drug", "Class"]) is None
    assert header_roles(["Agent", "Molecular target", "Mechanism of action"]) == ["drug", "target", "mechanism"]


def test_subsection_headings_inherit_their_parents_role(lexicon):
    text = (
        "METOPROLOL TABLETS\n\n1 INDICATIONS AND USAGE\n1.1 Hypertension\nTo lower blood pressure.\n"
        "1.2 Angina Pectoris\nFor long-term use.\n5 WARNINGS AND PRECAUTIONS\n5.1 Abrupt cessation\n"
        "Severe angina has followed sudden discontinuation.\n"
    )
    got = claims(parse_text(text, "m.txt"), lexicon)
    assert ("metoprolol", "treats", "hypertension", False) in got
    assert ("metoprolol", "treats", "angina pectoris", False) in got
    assert ("metoprolol", "causes_adverse_event", "angina pectoris", False) not in got


def test_agentless_passive_in_a_mechanism_section_takes_the_labels_drug(lexicon):
    text = "ROSUVASTATIN TABLETS\n\n12.1 Mechanism of Action\nHMG-CoA reductase is inhibited competitively.\n"
    got = claims(parse_text(text, "r.txt"), lexicon)
    assert ("rosuvastatin", "inhibits", "HMG-CoA reductase", False) in got


def test_agentless_passive_outside_such_a_section_has_no_subject(lexicon):
    text = "Rosuvastatin lowers lipids. HMG-CoA reductase is inhibited in the liver.\n"
    got = claims(parse_text(text, "r.txt"), lexicon)
    assert not {c for c in got if c[2] == "HMG-CoA reductase"}


def test_an_article_title_is_not_a_section_role(lexicon):
    text = "Safety and tolerability of pantoprazole in reflux\n\nPantoprazole was given to adults with GERD for eight weeks.\n"
    got = claims(parse_text(text, "a.txt"), lexicon)
    assert ("pantoprazole", "causes_adverse_event", "gastroesophageal reflux disease", False) not in got
