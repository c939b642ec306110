"""A small hand-made knowledge graph about antiepileptic drugs (sentences in our own words)."""

from __future__ import annotations

from pharmgraph.model import Entity, Evidence, Statement

LTG = Entity("CHEBI:6367", "lamotrigine", "Drug", synonyms=("LTG", "Lamictal"))
CBZ = Entity("CHEBI:3387", "carbamazepine", "Drug")
VER = Entity("mesh:D014702", "veratrine", "Drug")
LSG = Entity("pharmgraph:losigamone", "losigamone", "Drug", synonyms=("AO-33",))
PHT = Entity("CHEBI:8107", "phenytoin", "Drug")
DZP = Entity("CHEBI:49575", "diazepam", "Drug")
VGSC = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel",
              synonyms=("sodium channel", "VGSC"))
NAV11 = Entity("pharmgraph:nav1_1", "Nav1.1", "IonChannel", broader=("mesh:D062528",))
INAP = Entity("pharmgraph:persistent_sodium_current", "persistent sodium current",
              "IonCurrent", synonyms=("INaP", "sodium current"), broader=("mesh:D062528",))
GABAA = Entity("mesh:D011963", "GABA-A receptor", "Receptor")
BZS = Entity("pharmgraph:benzodiazepine_site", "benzodiazepine site", "BindingSite",
             broader=("mesh:D011963",))
GLU = Entity("GO:0014047", "glutamate release", "BiologicalProcess")
EPI = Entity("mesh:D004827", "epilepsy", "Disease", synonyms=("seizures",))
BIP = Entity("mesh:D001714", "bipolar disorder", "Disease")


def said(document: str, text: str, start: int = 0, refs: tuple[str, ...] = ()) -> tuple:
    """One piece of evidence (sentences are our own words)."""
    return (Evidence(document, text, start, start + len(text), references=refs),)


def fixture_statements() -> list[Statement]:
    """Statements of three small documents."""
    return [
        Statement(LTG, "blocks", VGSC, evidence=said("a.txt", "Drug L blocks the channel.", 0, ("ref1",))),
        Statement(LTG, "decreases", GLU, evidence=said("a.txt", "Drug L lowers glutamate output.", 30)),
        Statement(LTG, "treats", EPI, evidence=said("a.txt", "Drug L is used against seizures.", 70)),
        Statement(LTG, "treats", BIP, certainty="hedged",
                  evidence=said("a.txt", "Drug L may help in mood disorders.", 110)),
        Statement(CBZ, "modulates", VGSC, evidence=said("a.txt", "Drug C acts on the channel too.", 150)),
        Statement(VER, "opens", VGSC, evidence=said("a.txt", "Drug V holds the channel open.", 190)),
        Statement(LSG, "inhibits", INAP, evidence=said("b.txt", "Drug S reduces the slow current.", 0)),
        Statement(LSG, "decreases", GLU, evidence=said("b.txt", "Drug S lowers glutamate output.", 40)),
        Statement(LSG, "positively_modulates", GABAA, certainty="hedged",
                  evidence=said("b.txt", "Drug S might enhance receptor function.", 80)),
        Statement(LSG, "binds", BZS, negated=True,
                  evidence=said("b.txt", "Drug S shows no affinity for that site.", 130)),
        Statement(LSG, "treats", EPI, evidence=said("b.txt", "Drug S reduced seizure counts.", 180)),
        Statement(DZP, "binds", BZS, evidence=said("b.txt", "Drug D occupies the site.", 220)),
        Statement(PHT, "blocks", NAV11, evidence=said("c.txt", "Drug P blocks the subtype.", 0)),
    ]


