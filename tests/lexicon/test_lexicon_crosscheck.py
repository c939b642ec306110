"""Cross-check the built-in lexicon against Hetionet, DrugMechDB and BC5CDR (training, development).

These tests read ../shared/corpora and skip when it is absent. Each fails on a contradiction:
an identifier we use for a name that the resource gives another name, or a name that the
resource links to another identifier.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict

import pytest

from pharmgraph.lexicon import default_lexicon, name_key
from pharmgraph.vocabulary import type_group


@pytest.fixture(scope="module")
def builtin():
    return default_lexicon()


def _curies(lex, entity) -> set[str]:
    return {entity.id, *lex.xrefs(entity.id)}


def _name_keys(entity) -> set[str]:
    return {name_key(n) for n in (entity.label, *entity.synonyms)}


def _by_curie(lex) -> dict[str, list]:
    index = defaultdict(list)
    for entity in lex:
        for curie in _curies(lex, entity):
            index[curie.lower()].append(entity)
    return index


def test_drugbank_and_gene_ids_carry_hetionet_names(builtin, corpora) -> None:
    index = _by_curie(builtin)
    bad = []
    with open(corpora / "hetionet" / "hetionet-v1.0-nodes.tsv", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            node, name, kind = line.rstrip("\r\n").split("\t")
            prefix = {"Compound": "drugbank", "Gene": "ncbigene"}.get(kind)
            if prefix is None:
                continue
            curie = f"{prefix}:{node.split('::', 1)[1]}"
            for entity in index.get(curie, ()):
                if name_key(name) not in _name_keys(entity) and not _withheld(builtin, name):
                    bad.append((curie, name, entity.label))
    assert bad == []


def _withheld(lex, name: str) -> bool:
    """Return True when the build kept a source's name away from its entity on purpose.

    Curated entities claim their names (Hetionet calls MT-CO1 "COX1", which text uses for
    PTGS1), and common words (stopwords.txt) are never names.
    """
    from pharmgraph.lexicon.matcher import stopwords

    if name.lower() in stopwords():
        return True
    return any(lex.rank(e.id) == 0 for e in lex.lookup(name))


def test_drugmechdb_drugs_and_proteins_agree(builtin, corpora) -> None:
    index = _by_curie(builtin)
    with gzip.open(corpora / "drugmechdb" / "indication_paths.reassembled.json.gz") as handle:
        records = json.load(handle)
    bad = []
    for record in records:
        graph = record["graph"]
        drugbank = str(graph.get("drugbank") or "").removeprefix("DB:")
        mesh = str(graph.get("drug_mesh") or "")
        for entity in index.get(f"drugbank:{drugbank}".lower(), ()):
            meshes = {c.lower() for c in _curies(builtin, entity) if c.startswith("mesh:")}
            theirs = {
                f"mesh:{m.strip()[5:]}".lower()
                for m in mesh.split(",")
                if m.strip().upper().startswith("MESH:")
            }
            if theirs and meshes and not theirs & meshes:
                bad.append((drugbank, mesh, entity.id, sorted(meshes)))
    assert bad == []


def test_drugmechdb_proteins_have_one_id_each(builtin, corpora) -> None:
    """A UniProt accession of a human protein finds its NCBI Gene entity, and only that one.

    DrugMechDB's own protein names are not trusted blindly: one record calls ADRB1's
    accession "Beta-2 adrenergic receptor", so the name most of its records give is used, and
    only where no other entity has it. Most names still arrive.
    """
    with gzip.open(corpora / "drugmechdb" / "indication_paths.reassembled.json.gz") as handle:
        records = json.load(handle)
    index = _by_curie(builtin)
    nodes = {
        (n["id"].split(":", 1)[1], n["name"])
        for r in records
        for n in r["nodes"]
        if n["id"].startswith("UniProt:") and n["label"] == "Protein"
    }
    named = 0
    for accession, name in nodes:
        owners = index.get(f"uniprot:{accession}".lower(), [])
        assert len(owners) <= 1, (accession, [e.id for e in owners])
        if owners and name_key(name) in _name_keys(owners[0]):
            named += 1
    assert named >= 0.85 * len(nodes)
    adrb1 = builtin.get("uniprot:P08588")
    assert adrb1.id == "NCBIGene:153"
    assert name_key("beta-2 adrenergic receptor") not in _name_keys(adrb1)
    assert builtin.get("uniprot:P35354").id == "NCBIGene:5743"  # COX-2 is PTGS2


def test_mesh_ids_agree_with_bc5cdr_training_and_development(builtin, corpora) -> None:
    mentions: dict[str, set[str]] = defaultdict(set)
    seen: Counter = Counter()
    # the build learns from the training and development splits (never the test split)
    for split in ("CDR_TrainingSet.PubTator.txt", "CDR_DevelopmentSet.PubTator.txt"):
        with open(corpora / "bc5cdr" / split, encoding="utf-8") as handle:
            for line in handle:
                cells = line.rstrip("\n").split("\t")
                if len(cells) >= 6 and cells[1] != "CID":
                    kind = "Drug" if cells[4] == "Chemical" else "Disease"
                    mentions[(kind, name_key(cells[3]))].add(cells[5])
                    seen[(kind, name_key(cells[3]))] += 1
    by_name = defaultdict(list)
    for entity in builtin:
        kind = "Drug" if type_group(entity.type) == "Drug" else "Disease"
        for key in _name_keys(entity):
            by_name[(kind, key)].append(entity)
    bad = []
    checked = 0
    # BC5CDR's chemicals are our drugs; its diseases are our diseases, adverse events, effects.
    for key, ids in mentions.items():
        if len(ids) != 1 or seen[key] < 2:
            continue  # ambiguous in BC5CDR itself, or annotated only once (weak evidence)
        (mesh,) = ids
        if mesh == "-1" or "|" in mesh:
            continue
        for entity in by_name.get(key, ()):
            ours = {c.lower() for c in _curies(builtin, entity) if c.startswith("mesh:")}
            if ours:
                checked += 1
                if f"mesh:{mesh}".lower() not in ours:
                    bad.append((key[1].strip(), mesh, entity.id, sorted(ours)))
    assert checked > 500
    assert bad == []
