"""A 20-entry lexicon written for the lexicon tests (not the built-in one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pharmgraph.lexicon import Lexicon, load_lexicon

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"

FIXTURE_TSV = """\
id\tlabel\ttype\tsynonyms\tbroader\txrefs
drugbank:DB00555\tlamotrigine\tDrug\tLamictal|LTG\t\tCHEBI:6367
pharmgraph:losigamone\tlosigamone\tDrug\tAO-33\t\t
pharmgraph:s_losigamone\tS(+)-losigamone\tDrug\tS-losigamone\tpharmgraph:losigamone\t
pharmgraph:r_losigamone\tR(-)-losigamone\tDrug\tR-losigamone\tpharmgraph:losigamone\t
drugbank:DB00564\tcarbamazepine\tDrug\tTegretol\t\tmesh:D002220
mesh:D062528\tvoltage-gated sodium channel\tIonChannel\tsodium channel|Na+ channel|VGSC\t\t
pharmgraph:persistent_sodium_current\tpersistent sodium current\tIonCurrent\tINaP\tmesh:D062528\t
mesh:D011963\tGABA-A receptor\tReceptor\tgamma-aminobutyric acid type A receptor\t\t
pharmgraph:benzodiazepine_site\tbenzodiazepine site\tBindingSite\t\tmesh:D011963\t
mesh:D018118\tchloride channel\tIonChannel\tCl- channel\t\t
mesh:D015221\tpotassium channel\tIonChannel\tK+ channel\t\t
NCBIGene:6323\tSCN1A\tIonChannel\tNav1.1\tmesh:D062528\t
NCBIGene:781\tCACNA2D1\tIonChannel\tα2δ-1 subunit\t\t
NCBIGene:847\tCAT\tEnzyme\tcatalase\t\t
NCBIGene:6418\tSET\tProtein\t\t\t
GO:0014047\tglutamate secretion\tBiologicalProcess\tglutamate release\t\t
mesh:D004827\tepilepsy\tDisease\t\t\t
mesh:D004828\tfocal epilepsy\tDisease\tpartial seizures\tmesh:D004827\t
mesh:D020195\taudiogenic seizures\tDisease\t\t\t
pharmgraph:opioid_mu\tmu-opioid receptor\tReceptor\tμ-opioid receptor\t\t
"""


@pytest.fixture
def fixture_tsv(tmp_path: Path) -> Path:
    path = tmp_path / "fixture_lexicon.tsv"
    path.write_text(FIXTURE_TSV, encoding="utf-8")
    return path


@pytest.fixture
def lexicon(fixture_tsv: Path) -> Lexicon:
    return load_lexicon([fixture_tsv], builtin=False)


@pytest.fixture
def corpora() -> Path:
    path = SHARED / "corpora"
    if not path.is_dir():
        pytest.skip("../shared/corpora is absent")
    return path
