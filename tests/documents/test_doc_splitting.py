"""Sentence splitting, citation markers, bullets, tables and furniture in plain text."""

from __future__ import annotations

from docs_helpers import check_offsets

from pharmgraph.documents import parse_markdown, parse_text


def texts(doc, kind=None):
    return [s.text for s in doc.sentences if kind is None or s.kind == kind]


def test_abbreviations_and_decimals_do_not_split():
    text = (
        "Mice received 20 mg/kg i.p. and were tested after 30 min. "
        "Drugs (e.g. phenytoin, i.e. a sodium channel blocker) were compared with placebo vs. "
        "Vehicle groups as in Smith et al. (2003) and Fig. 2, with approx. 3.5% loss (cf. Table 1). "
        "S(+)-losigamone was more potent than R(-)-losigamone. It reduced release by 12.5%."
    )
    doc = parse_text(text, "a.txt")
    check_offsets(doc)
    assert texts(doc) == [
        "Mice received 20 mg/kg i.p. and were tested after 30 min.",
        "Drugs (e.g. phenytoin, i.e. a sodium channel blocker) were compared with placebo vs. "
        "Vehicle groups as in Smith et al. (2003) and Fig. 2, with approx. 3.5% loss (cf. Table 1).",
        "S(+)-losigamone was more potent than R(-)-losigamone.",
        "It reduced release by 12.5%.",
    ]


def test_bracket_markers_stay_with_their_sentence_and_are_blanked():
    text = (
        "Valproate inhibits GABA transaminase.[2][3] It also blocks T-type channels."
        "[\\[13\\]](#)[\\[14\\]](#) Diazepam enhances GABA-A currents.^[1] Ranges work [4-6]."
    )
    doc = parse_text(text, "b.txt")
    check_offsets(doc)
    assert [s.references for s in doc.sentences] == [
        ("2", "3"),
        ("13", "14"),
        ("1",),
        ("4", "5", "6"),
    ]
    first = doc.sentences[0]
    assert first.text.endswith(".[2][3]")
    assert first.clean == "Valproate inhibits GABA transaminase.      "
    assert "[" not in doc.sentences[1].clean and "#" not in doc.sentences[1].clean


def test_trailing_reference_numbers_after_a_line():
    text = (
        "Mechanism\n\n"
        "Lamotrigine blocks voltage-gated sodium channels and stabilizes neuronal membranes. 1\n\n"
        "  • Lamotrigine reduces the release of glutamate and aspartate from neurons 3, 4\n"
        "  • Patients were randomised in three arms for phase 3\n"
    )
    doc = parse_text(text, "c.txt")
    check_offsets(doc)
    refs = {s.text: s.references for s in doc.sentences}
    assert refs[
        "Lamotrigine blocks voltage-gated sodium channels and stabilizes neuronal membranes. 1"
    ] == ("1",)
    assert refs["Lamotrigine reduces the release of glutamate and aspartate from neurons 3, 4"] == (
        "3",
        "4",
    )
    assert refs["Patients were randomised in three arms for phase 3"] == ()
    bullet = next(s for s in doc.sentences if s.text.endswith("3, 4"))
    assert (
        bullet.clean.rstrip()
        == "Lamotrigine reduces the release of glutamate and aspartate from neurons"
    )
    assert bullet.kind == "bullet"


def test_bullet_label_is_split_from_its_body():
    text = (
        "Effects\n\n"
        "- Potentiation of Chloride Flux: Experimental work shows that **drugX** opens the "
        "channel.[2] It also raises flux further.[2][3]\n"
        "- **Model:** Cortical slices from mice.\n"
        "- Protocol:\n"
        " - Slices are washed twice.\n"
        "- Animals were watched for a seizure sequence: running, then clonus.\n"
    )
    doc = parse_text(text, "d.txt")
    check_offsets(doc)
    kinds = [(s.kind, s.text) for s in doc.sentences]
    assert kinds == [
        ("heading", "Effects"),
        ("heading", "Potentiation of Chloride Flux:"),
        ("bullet", "Experimental work shows that **drugX** opens the channel.[2]"),
        ("bullet", "It also raises flux further.[2][3]"),
        ("heading", "**Model:**"),
        ("bullet", "Cortical slices from mice."),
        ("heading", "Protocol:"),
        ("bullet", "Slices are washed twice."),
        ("bullet", "Animals were watched for a seizure sequence: running, then clonus."),
    ]
    assert all(s.section == "Effects" for s in doc.sentences)
    assert doc.sentences[2].clean == "Experimental work shows that   drugX   opens the channel.   "


def test_tab_and_pipe_tables_give_one_sentence_per_row():
    text = "Table 1: Doses[6]\n\nDrug\tDose\tEffect\nDrugA\t20 mg/kg, i.p.\tNo effect. Really.\n"
    doc = parse_text(text, "t.txt")
    check_offsets(doc)
    rows = [s for s in doc.sentences if s.kind == "table_row"]
    assert [r.text for r in rows] == [
        "Drug\tDose\tEffect",
        "DrugA\t20 mg/kg, i.p.\tNo effect. Really.",
    ]
    assert all(r.section == "Table 1: Doses" for r in rows)
    assert doc.sentences[0].references == ("6",)

    md = parse_markdown("| Drug | Target |\n|---|---|\n| Ethosuximide | Cav3.1 |\n", "t.md")
    check_offsets(md)
    assert [s.text for s in md.sentences] == ["| Drug | Target |", "| Ethosuximide | Cav3.1 |"]
    assert md.sentences[1].clean.split("\t")[1:3] == [" Ethosuximide ", " Cav3.1 "]


def test_boilerplate_sections_yield_nothing_and_references_are_parsed():
    text = (
        "Drug Notes\n\nCarbamazepine blocks sodium channels.[1] It causes hyponatremia.[2]\n\n"
        "Need Custom Synthesis?\n\nWe make any compound for you.\n\n"
        "References\n\n- 1. First entry about channels.\n\n- 2. Second entry.\n"
        "- To cite this page: nothing.\n\n"
        "Disclaimer & Terms:\n\nThis text is for research use only.\n\n"
        "ExampleCorp\n\nOur mission is to sell chemicals.\n\n"
        "Contact\n\nAddress: 1 Main St\nPhone: 555\n"
    )
    doc = parse_text(text, "r.txt")
    check_offsets(doc)
    assert texts(doc) == [
        "Drug Notes",
        "Carbamazepine blocks sodium channels.[1]",
        "It causes hyponatremia.[2]",
    ]
    assert doc.references == {"1": "First entry about channels.", "2": "Second entry."}
    assert doc.resolve_reference("1") == "[1] First entry about channels."
    assert doc.resolve_reference("9") == "9"
    flagged = {sec.title: sec.boilerplate for sec in doc.sections}
    assert flagged["References"] and flagged["Contact"] and flagged["ExampleCorp"]
    assert not flagged["Drug Notes"]


def test_other_reference_list_styles():
    doc = parse_text(
        "Body text here.\n\nReferences\n\n[1] Alpha A. One.\n[2] Beta B. Two\ncontinued.\n", "x"
    )
    assert doc.references == {"1": "Alpha A. One.", "2": "Beta B. Two continued."}
    doc = parse_markdown("Body.\n\n## Bibliography\n\n1. Gamma.\n2. Delta.\n", "x.md")
    assert doc.references == {"1": "Gamma.", "2": "Delta."}


def test_page_furniture_lines_are_dropped():
    text = (
        "What does drugX do?\n\n"
        "Last updated: May 1, 2025View editorial policy\n\n"
        "Personalize\n\nHelp us tailor your experience\n\nWhich best describes you? Pick one.\n\n"
        "Status\nSubmitted\nApproved\n\n"
        "[Get Quote](#)\n\n"
        "Author: Some Team. **Date:** 2025\n\n"
        "Overview\n\nDrugX inhibits the enzyme.\n\n"
        "[Click to download full resolution via product page](#)\n\n"
        "Email: info@example.org or [Request Quote Online](#).\n\n"
        "Have a follow-up question?\n\nAsk our assistant anything.\n"
    )
    doc = parse_text(text, "f.txt")
    check_offsets(doc)
    assert texts(doc) == ["What does drugX do?", "Overview", "DrugX inhibits the enzyme."]
    assert doc.title == "What does drugX do?"


def test_paragraph_broken_by_a_blank_line_is_rejoined():
    text = "Its ability to reduce release and modulate key voltage-gated ion channels\n\nprovides a rationale.\n"
    doc = parse_text(text, "p.txt")
    check_offsets(doc)
    assert len(doc.sentences) == 1
    assert doc.sentences[0].clean.split() == text.split()


def test_markdown_headings_code_and_links():
    text = (
        "Title Here\n==========\n\nIntro with a [link text](http://x.org) and `code`.\n\n"
        "```\nNot. A. Sentence.\n```\n\n## Section *two*\n\nSecond paragraph.\n"
    )
    doc = parse_markdown(text, "m.md")
    check_offsets(doc)
    assert doc.title == "Title Here"
    assert [(s.kind, s.section) for s in doc.sentences] == [
        ("heading", "Title Here"),
        ("sentence", "Title Here"),
        ("heading", "Section two"),
        ("sentence", "Section two"),
    ]
    link = "(http://x.org)"
    assert doc.sentences[1].clean == "Intro with a  link text " + " " * len(link) + " and  code ."
    assert "Not. A." not in " ".join(texts(doc))


def test_empty_and_whitespace_text():
    for text in ("", "\n\n  \n", "\t"):
        doc = parse_text(text, "e.txt")
        assert doc.sentences == []
        assert doc.text == text


def test_brackets_inside_chemical_names_are_not_citations():
    doc = parse_text("A [1,2,4]triazolo ring binds the site.[3]", "n.txt")
    assert doc.sentences[0].references == ("3",)
    assert doc.sentences[0].clean.startswith("A [1,2,4]triazolo")
