"""Headings of drug labels, monographs and reviews: found on their own line even inside a
run of lines, in plain text, Markdown and HTML."""

from __future__ import annotations

import pytest

from pharmgraph.documents import parse_markdown, parse_text
from pharmgraph.documents.html import parse_html
from pharmgraph.documents.plaintext import is_label_heading

LABEL = """TABLETS OF EXAMPLOL
1 INDICATIONS AND USAGE
Examplol lowers blood pressure.
- hypertension
5 WARNINGS AND PRECAUTIONS
5.1 Bradycardia
Slow heart rate may occur.
12.1 Mechanism of Action
It blocks a receptor.
"""


def test_numbered_and_capital_headings_split_a_run_of_lines():
    doc = parse_text(LABEL, "label.txt")
    headings = [s.text for s in doc.sentences if s.kind == "heading"]
    assert headings == ["TABLETS OF EXAMPLOL", "1 INDICATIONS AND USAGE", "5 WARNINGS AND PRECAUTIONS", "5.1 Bradycardia", "12.1 Mechanism of Action"]
    by_text = {s.text: s for s in doc.sentences}
    assert by_text["Examplol lowers blood pressure."].section == "1 INDICATIONS AND USAGE"
    assert by_text["hypertension"].kind == "bullet"
    assert by_text["hypertension"].section == "1 INDICATIONS AND USAGE"
    assert by_text["It blocks a receptor."].section == "12.1 Mechanism of Action"
    assert doc.title == "TABLETS OF EXAMPLOL"


def test_offsets_still_hold():
    doc = parse_text(LABEL, "label.txt")
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        assert len(s.clean) == len(s.text)


def test_known_section_name_in_sentence_case_is_a_heading():
    doc = parse_text("Examplol\nAdverse reactions\n- dizziness\nContraindications:\n- asthma\n", "x.txt")
    sections = {s.text: s.section for s in doc.sentences if s.kind == "bullet"}
    assert sections == {"dizziness": "Adverse reactions", "asthma": "Contraindications"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("6 ADVERSE REACTIONS", True),
        ("12.1 Mechanism of Action", True),
        ("CLINICAL PHARMACOLOGY", True),
        ("Mechanism of action:", True),
        ("2 tablets were taken daily", False),
        ("It blocks sodium channels.", False),
        ("the most common events", False),
    ],
)
def test_is_label_heading(line, expected):
    assert is_label_heading(line) is expected


def test_markdown_and_html_headings_name_their_sections():
    md = parse_markdown("# Examplol\n\n## Side effects\n\n* dizziness\n", "x.md")
    assert [(s.kind, s.section) for s in md.sentences if s.text == "dizziness"] == [("bullet", "Side effects")]
    html = parse_html("<h1>Examplol</h1><h2>Indications</h2><ul><li>hypertension</li></ul>", "x.html")
    assert [(s.kind, s.section) for s in html.sentences if s.text == "hypertension"] == [("bullet", "Indications")]


def test_a_wrapped_paragraph_is_not_cut_at_a_capital_line():
    text = "Examplol was given to\nPATIENTS WITH ASTHMA\nwho tolerated it well.\n"
    doc = parse_text(text, "x.txt")
    assert [s.kind for s in doc.sentences] == ["sentence"]
