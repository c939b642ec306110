"""Table rows, and the evidence every statement carries."""

from __future__ import annotations

from pharmgraph.documents import parse_text
from pharmgraph.extract import extract_document
from pharmgraph.extract.tables import classify_result

TABLE = (
    "Table 4: Seizure protection\n\n"
    "Model\tDrug\tDose\tOutcome\tResult\n"
    "Maximal electroshock\tzonisamide\t30 mg/kg\tProtection from seizures\t80% Protection\n"
    "(Swiss mice)\ttopiramate\t30 mg/kg\tProtection from seizures\tNo Protection\n"
    "Slices\tphenytoin\t100 μM\t↓ Glutamate Release\tSignificant Reduction\n"
    "Slices\tdiazepam\t100 μM\t↓ Glutamate Release\tNo Effect\n"
    "Slices\tcarbamazepine\t100 μM\t↓ Glutamate Release\n"
)


def test_result_cells():
    assert classify_result("No Effect") == ("", True)
    assert classify_result("91% Protection") == ("protect", False)
    assert classify_result("No Protection") == ("protect", True)
    assert classify_result("Significant Reduction (P<0.01)") == ("down", False)
    assert classify_result("12.5%") is None


def test_table_rows(claims):
    found = claims(TABLE)
    assert ("zonisamide", "treats", "seizures", False) in found
    assert ("topiramate", "treats", "seizures", True) in found
    assert ("topiramate", "treats", "seizures", False) not in found
    assert ("phenytoin", "decreases", "glutamate release", False) in found
    assert ("diazepam", "decreases", "glutamate release", True) in found
    assert not any(s == "carbamazepine" for s, *_ in found)  # no result cell: no claim


def test_table_rows_carry_the_dose(statements):
    zns = next(s for s in statements(TABLE) if s.subject.label == "zonisamide")
    assert zns.qualifier_dict == {"dose": "30 mg/kg"}


def test_evidence_spans_point_into_the_document(lexicon):
    text = (
        "# Notes on zonisamide\n\n"
        "Zonisamide blocks **sodium channels**.[1] It also inhibits carbonic anhydrase [2].\n\n"
        "- In rats, zonisamide does not bind the GABA-A receptor.\n\n"
        "## References\n\n1. Smith J. Zonisamide and sodium channels. 2001.\n2. Doe A. Carbonic anhydrase. 2003.\n"
    )
    doc = parse_text(text, "notes.md")
    statements = extract_document(doc, lexicon)
    assert statements
    for s in statements:
        for ev in s.evidence:
            assert doc.text[ev.start : ev.end] == ev.text
            assert ev.document == "notes.md"
            assert ev.extractor == "pharmgraph-rules"
            assert 0 < ev.confidence <= 1
    blocks = next(s for s in statements if s.predicate == "blocks")
    assert blocks.evidence[0].text.startswith("Zonisamide blocks")
    assert any("Smith" in ref for ref in blocks.evidence[0].references)


def test_markup_does_not_hide_relations(claims):
    assert ("zonisamide", "blocks", "voltage-gated sodium channel", False) in claims("Zonisamide blocks **sodium channels**.[3]")
