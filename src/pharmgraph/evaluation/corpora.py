"""Read a user's annotated corpus for training: a DrugProt folder, PubTator or BioC with CID.

:func:`read_training_corpus` decides the format from the path: a folder holding
``*_entities.tsv`` is DrugProt (chemical–gene relations, 13 types); a file whose first
non-blank character is ``<`` is BioC XML; anything else is PubTator. PubTator and BioC
corpora train the chemical-induced disease heads and must carry CID relations (PubTator
``PMID<TAB>CID<TAB>chemical<TAB>disease`` lines; BioC ``<relation>`` elements whose infons
name ``relation=CID``, ``Chemical`` and ``Disease``).
"""

from __future__ import annotations

from pathlib import Path

from pharmgraph.documents.bioc import parse_bioc
from pharmgraph.documents.reading import decode_bytes, read_bytes
from pharmgraph.documents.xmlsafe import local_name, parse_xml
from pharmgraph.errors import InputError
from pharmgraph.evaluation.bc5cdr import CdrRecord, parse_bc5cdr, record_from_document
from pharmgraph.evaluation.drugprot import DrugProtCorpus, read_drugprot


def bioc_relations(data: bytes | str, name: str) -> dict[str, list[tuple[str, str, str]]]:
    """CID relations of a BioC collection: document id -> ``("CID", chemical, disease)``."""
    root = parse_xml(data, name)
    out: dict[str, list[tuple[str, str, str]]] = {}
    for doc in root.iter():
        if local_name(doc.tag) != "document":
            continue
        doc_id = (doc.findtext("id") or "").strip()
        for rel in doc:
            if local_name(rel.tag) != "relation":
                continue
            infons = {i.get("key", ""): (i.text or "").strip() for i in rel if local_name(i.tag) == "infon"}
            if infons.get("relation", infons.get("type", "")).upper() == "CID":
                chem, dis = infons.get("Chemical", ""), infons.get("Disease", "")
                if chem and dis:
                    out.setdefault(doc_id, []).append(("CID", chem, dis))
    return out


def read_bioc_cdr(path: Path) -> list[CdrRecord]:
    """Read a BioC XML file with chemical and disease annotations and CID relations."""
    data = read_bytes(path)
    relations = bioc_relations(data, path.name)
    records = []
    for doc in parse_bioc(data, path.name):
        title = doc.title or ""
        if not (title and doc.text.startswith(title) and doc.text[len(title) : len(title) + 1].isspace()):
            first = doc.text.split("\n", 1)[0]
            title = first if len(first) < len(doc.text) else ""
        doc.title = title or None
        records.append(record_from_document(doc, relations.get(doc.name, ())))
    return records


def read_training_corpus(path: str | Path) -> DrugProtCorpus | list[CdrRecord]:
    """Read an annotated corpus for :command:`pharmgraph train`.

    Returns
    -------
    DrugProtCorpus or list of CdrRecord
        A DrugProt corpus (folder) or chemical–disease records (PubTator, BioC).

    Raises
    ------
    InputError
        If the path is missing, or holds no relations to learn from.
    """
    path = Path(path)
    if path.is_dir():
        corpus = read_drugprot(path)
        if not corpus.relations:
            raise InputError(f"{path} has no *_relations.tsv with relations; training needs gold relations.")
        return corpus
    if not path.is_file():
        raise InputError(f"{path} does not exist; give a DrugProt folder, a PubTator file or a BioC XML file.")
    raw = read_bytes(path)
    head = raw.lstrip()[:1]
    if head == b"<":
        records = read_bioc_cdr(path)
    else:
        records = parse_bc5cdr(decode_bytes(raw, path.name), path.name)
    if not records:
        raise InputError(f"{path} holds no documents.")
    if not any(r.relations for r in records):
        raise InputError(f"{path} has no CID relations (PMID<TAB>CID<TAB>chemical<TAB>disease); training needs them.")
    return records


__all__ = ["bioc_relations", "read_bioc_cdr", "read_training_corpus"]
