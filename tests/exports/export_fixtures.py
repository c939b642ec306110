"""Statements for the export tests: text statements, source records, a negated claim, a local id."""

from __future__ import annotations

from pharmgraph.model import Entity, Evidence, Statement

LAMOTRIGINE = Entity("drugbank:DB00555", "lamotrigine", "Drug", synonyms=("Lamictal",), xrefs=("CHEBI:6367",))
SCN1A = Entity("NCBIGene:6323", "SCN1A", "IonChannel")
CYP = Entity("NCBIGene:1576", "CYP3A4", "Enzyme")
EPILEPSY = Entity("mesh:D004827", "epilepsy", "Disease")
CURRENT = Entity("pharmgraph:sodium_current", "sodium current", "IonCurrent", broader=("NCBIGene:6323",))
LOSIGAMONE = Entity("pharmgraph:losigamone", "losigamone", "Drug")


def text(doc: str, sentence: str) -> tuple[Evidence, ...]:
    return (Evidence(doc, sentence, 0, len(sentence), extractor="test"),)


def record(rec: str) -> tuple[Evidence, ...]:
    return (
        Evidence("source:hetionet", f"Hetionet edge {rec}", extractor="hetionet", source="infores:hetionet",
                 record=rec, source_version="1.0", knowledge_level="knowledge_assertion"),
    )


STATEMENTS = [
    Statement(LAMOTRIGINE, "blocks", SCN1A, evidence=text("a.txt", "Lamotrigine blocks Nav1.1;\tit\nslows firing.")),
    Statement(LAMOTRIGINE, "blocks", SCN1A, evidence=text("b.txt", "It blocks the channel | strongly.")),
    Statement(LAMOTRIGINE, "metabolised_by", CYP, certainty="hedged", evidence=text("a.txt", "It may be metabolised by CYP3A4.")),
    Statement(LAMOTRIGINE, "treats", EPILEPSY, evidence=record("Compound::DB00555|CtD|Disease::DOID:1826")),
    Statement(LAMOTRIGINE, "inhibits", CURRENT, evidence=text("a.txt", "It inhibits the sodium current.")),
    Statement(LAMOTRIGINE, "increases", CYP, qualifiers={"object_aspect": "expression"}, evidence=record("r2")),
    Statement(LAMOTRIGINE, "activates", SCN1A, negated=True, evidence=text("b.txt", "It does not activate Nav1.1.")),
]
