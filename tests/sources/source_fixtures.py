"""Tiny source files for the importer tests: Hetionet, DrugMechDB and KGX, written here."""

from __future__ import annotations

import gzip
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

HETIONET_NODES = """id\tname\tkind\r
Compound::DB00555\tLamotrigine\tCompound\r
Compound::DB00564\tCarbamazepine\tCompound\r
Gene::6323\tSCN1A\tGene\r
Gene::1576\tCYP3A4\tGene\r
Gene::5243\tABCB1\tGene\r
Gene::7157\tTP53\tGene\r
Disease::DOID:1826\tepilepsy syndrome\tDisease\r
Side Effect::C0012833\tDizziness\tSide Effect\r
Biological Process::GO:0035725\tsodium ion transmembrane transport\tBiological Process\r
Pharmacologic Class::N0000175753\tAnticonvulsant\tPharmacologic Class\r
Symptom::D012640\tSeizures\tSymptom\r
"""

HETIONET_EDGES = [
    ("Compound::DB00555", "CbG", "Gene::6323"),
    ("Compound::DB00555", "CbG", "Gene::1576"),
    ("Compound::DB00555", "CbG", "Gene::5243"),
    ("Compound::DB00564", "CbG", "Gene::1576"),
    ("Compound::DB00555", "CtD", "Disease::DOID:1826"),
    ("Compound::DB00564", "CpD", "Disease::DOID:1826"),
    ("Compound::DB00555", "CuG", "Gene::7157"),
    ("Compound::DB00555", "CcSE", "Side Effect::C0012833"),
    ("Disease::DOID:1826", "DaG", "Gene::6323"),
    ("Disease::DOID:1826", "DpS", "Symptom::D012640"),
    ("Gene::6323", "GpBP", "Biological Process::GO:0035725"),
    ("Pharmacologic Class::N0000175753", "PCiC", "Compound::DB00555"),
    ("Gene::6323", "GiG", "Gene::7157"),
    ("Gene::6323", "GcG", "Gene::7157"),
    ("Compound::DB00555", "CrC", "Compound::DB00564"),
]


def write_sif(path: Path, edges) -> Path:
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        handle.write("source\tmetaedge\ttarget\n")
        for edge in edges:
            handle.write("\t".join(edge) + "\n")
    return path


def _path(path_id, drugbank, drug_mesh, disease, links, nodes):
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"_id": path_id, "drug": nodes[0][2], "drug_mesh": drug_mesh, "drugbank": drugbank,
                  "disease": nodes[-1][2], "disease_mesh": disease},
        "links": [{"key": k, "source": s, "target": t} for s, k, t in links],
        "nodes": [{"id": i, "label": label, "name": name} for i, label, name in nodes],
        "references": ["https://example.org/ref"],
    }


DRUGMECHDB = [
    _path(
        "DB00555_MESH_D004827_1", "DB:DB00555", "MESH:D017953", "MESH:D004827",
        [
            ("MESH:D017953", "decreases activity of", "UniProt:P35498"),
            ("UniProt:P35498", "positively regulates", "GO:0035725"),
            ("GO:0035725", "positively correlated with", "MESH:D004827"),
        ],
        [("MESH:D017953", "Drug", "lamotrigine"), ("UniProt:P35498", "Protein", "Sodium channel protein type 1"),
         ("GO:0035725", "BiologicalProcess", "sodium ion transmembrane transport"),
         ("MESH:D004827", "Disease", "Epilepsy")],
    ),
    _path(
        "DB00555_MESH_D004827_2", "DB:DB00555", "MESH:D017953", "MESH:D004827",
        [
            ("MESH:D017953", "decreases activity of", "UniProt:P35498"),
            ("HP:0001250", "caused by", "UniProt:P35498"),
            ("HP:0001250", "manifestation of", "MESH:D004827"),
            ("MESH:D017953", "coexists with", "MESH:D004827"),
        ],
        [("MESH:D017953", "Drug", "lamotrigine"), ("UniProt:P35498", "Protein", "Sodium channel protein type 1"),
         ("HP:0001250", "PhenotypicFeature", "Seizure"), ("MESH:D004827", "Disease", "Epilepsy")],
    ),
]


KGX_NODES = """id\tcategory\tname\tsynonym
CHEBI:6367\tbiolink:SmallMolecule\tlamotrigine\tLamictal
NCBIGene:6323\tbiolink:Gene\tSCN1A\t
UniProtKB:P08183\tbiolink:Protein\tP-glycoprotein\t
MONDO:0005027\tbiolink:Disease\tepilepsy\t
"""

KGX_EDGES = """id\tsubject\tpredicate\tobject\tobject_direction_qualifier\tobject_aspect_qualifier\tnegated\tprimary_knowledge_source\tknowledge_level
e1\tCHEBI:6367\tbiolink:affects\tNCBIGene:6323\tdecreased\tactivity\t\tinfores:partner\tknowledge_assertion
e2\tCHEBI:6367\tbiolink:treats\tMONDO:0005027\t\t\t\tinfores:partner\tknowledge_assertion
e3\tCHEBI:6367\tbiolink:affects\tUniProtKB:P08183\tincreased\tactivity\tTrue\tinfores:partner\tprediction
e4\tCHEBI:6367\tbiolink:related_to\tMONDO:0005027\t\t\t\tinfores:partner\tknowledge_assertion
e5\tMONDO:0005027\tbiolink:has_participant\tNCBIGene:6323\t\t\t\t\t
"""
