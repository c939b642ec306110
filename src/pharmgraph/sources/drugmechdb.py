"""DrugMechDB: curated drug -> target -> process -> disease paths as pharmgraph statements.

DrugMechDB ships a list of indication paths, each a networkx node-link multigraph (``graph``
with the path id, drug and disease; ``nodes`` with CURIE, Biolink class and name; ``links``
with a predicate phrase). Every link becomes a statement whose evidence is the path record
(record id = the path id), and every path also yields the indication it explains, drug
``treats`` disease. The same link in many paths is one claim with one evidence per path.

Mappings (:data:`PREDICATES`, :data:`CATEGORIES`):

* activity phrases keep their direction: ``decreases activity of`` -> ``inhibits``,
  ``increases activity of`` -> ``activates``; ``positively``/``negatively regulates`` ->
  ``increases``/``decreases``; abundance, expression, synthesis phrases -> ``increases`` /
  ``decreases`` (expression with ``object_aspect=expression``).
* links towards a disease or phenotype: ``positively correlated with``, ``correlated with``,
  ``contributes to``, ``affects risk for``, ``predisposes``, ``precedes`` -> ``contributes_to``;
  ``negatively correlated with``, ``prevents`` -> ``decreases``; ``causes`` -> ``causes``.
* membership and place (``part of``, ``located in``, ``occurs in``, ``in taxon``,
  ``manifestation of``, ``phenotype of``, ``subclass of``, ``expressed in``) -> ``part_of``;
  ``participates in``, ``capable of``, ``enables``, ``actively involved in`` ->
  ``participates_in``; interaction phrases -> ``interacts_with``.
* passive phrases are turned round (``caused by`` -> reversed ``causes``, ``has participant``
  -> reversed ``participates_in``...), so every statement reads in the direction the
  mechanism runs.
* ``has metabolite``, ``produces``, ``derives into``, ``has output`` -> ``increases``: the
  drug or process raises the level of what it yields, and the path keeps running forward.
* ``chemically similar to``, ``similar to`` -> ``similar_to``: the drug is a form or an analogue
  of the node (a recombinant enzyme of the enzyme it replaces), which acts for it.
* left out (counted): ``coexists with``, ``contraindicated for``.

Drugs get their DrugBank id (``drugbank:DB00619``) from the path's ``drugbank`` field, with
the MeSH id DrugMechDB uses in ``nodes`` as a cross-reference; other node ids keep their own
prefixes, spelled the usual way (``UniProt`` -> ``uniprot``, ``taxonomy`` -> ``NCBITaxon``).

Examples
--------
>>> record = {"graph": {"_id": "DB00619_MESH_D015464_1", "drug": "imatinib",
...     "drug_mesh": "MESH:D000068877", "drugbank": "DB:DB00619", "disease": "CML",
...     "disease_mesh": "MESH:D015464"},
...     "nodes": [{"id": "MESH:D000068877", "label": "Drug", "name": "imatinib"},
...               {"id": "UniProt:P00519", "label": "Protein", "name": "BCR/ABL"},
...               {"id": "MESH:D015464", "label": "Disease", "name": "CML"}],
...     "links": [{"key": "decreases activity of", "source": "MESH:D000068877",
...                "target": "UniProt:P00519"},
...               {"key": "causes", "source": "UniProt:P00519", "target": "MESH:D015464"}]}
>>> [(s.subject.id, s.predicate, s.object.id) for s in process_path(record)]
[('drugbank:DB00619', 'inhibits', 'uniprot:P00519'), ('uniprot:P00519', 'causes', 'mesh:D015464'), ('drugbank:DB00619', 'treats', 'mesh:D015464')]
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pharmgraph.errors import InputError
from pharmgraph.identifiers import canonical_curie
from pharmgraph.model import Entity, Statement
from pharmgraph.sources.records import (
    ImportSummary,
    Resolver,
    record_evidence,
    source_document,
    timed,
    write_source,
)
from pharmgraph.vocabulary import label_role

NAME = "drugmechdb"
INFORES = "infores:drugmechdb"
VERSION = "2.0.1"
DOCUMENT = source_document(NAME)
KNOWLEDGE_LEVEL = "knowledge_assertion"

#: DrugMechDB link phrase -> (pharmgraph predicate, reversed?, qualifiers); None: left out.
PREDICATES: dict[str, tuple[str, bool, tuple[tuple[str, str], ...]] | None] = {
    "decreases activity of": ("inhibits", False, ()),
    "increases activity of": ("activates", False, ()),
    "positively regulates": ("increases", False, ()),
    "negatively regulates": ("decreases", False, ()),
    "regulates": ("affects", False, ()),
    "increases abundance of": ("increases", False, ()),
    "decreases abundance of": ("decreases", False, ()),
    "increases expression of": ("increases", False, (("object_aspect", "expression"),)),
    "decreases expression of": ("decreases", False, (("object_aspect", "expression"),)),
    "decreases synthesis of": ("decreases", False, ()),
    "increases degradation of": ("decreases", False, ()),
    "increases stability of": ("increases", False, ()),
    "increases transport of": ("increases", False, ()),
    "decreases uptake of": ("decreases", False, ()),
    "increases response to": ("increases", False, ()),
    "decreases response to": ("decreases", False, ()),
    "disrupts": ("decreases", False, ()),
    "disrupted by": ("decreases", True, ()),
    "affected by": ("affects", True, ()),
    "positively correlated with": ("contributes_to", False, ()),
    "correlated with": ("contributes_to", False, ()),
    "contributes to": ("contributes_to", False, ()),
    "affects risk for": ("contributes_to", False, ()),
    "predisposes": ("contributes_to", False, ()),
    "precedes": ("contributes_to", False, ()),
    "exacerbates": ("contributes_to", False, ()),
    "negatively correlated with": ("decreases", False, ()),
    "prevents": ("decreases", False, ()),
    "causes": ("causes", False, ()),
    "caused by": ("causes", True, ()),
    "has phenotype": ("causes", False, ()),
    "phenotype of": ("part_of", False, ()),
    "treats": ("treats", False, ()),
    "ameliorates": ("treats", False, ()),
    "participates in": ("participates_in", False, ()),
    "actively involved in": ("participates_in", False, ()),
    "capable of": ("participates_in", False, ()),
    "enables": ("participates_in", False, ()),
    "has participant": ("participates_in", True, ()),
    "part of": ("part_of", False, ()),
    "has part": ("part_of", True, ()),
    "located in": ("part_of", False, ()),
    "location of": ("part_of", True, ()),
    "occurs in": ("part_of", False, ()),
    "in taxon": ("part_of", False, ()),
    "expressed in": ("part_of", False, ()),
    "expresses": ("part_of", True, ()),
    "manifestation of": ("part_of", False, ()),
    "subclass of": ("part_of", False, ()),
    "superclass of": ("part_of", True, ()),
    "has active ingredient": ("part_of", True, ()),
    "has metabolite": ("increases", False, ()),
    "is metabolite of": ("increases", True, ()),
    "produces": ("increases", False, ()),
    "produced by": ("increases", True, ()),
    "derives into": ("increases", False, ()),
    "derives from": ("increases", True, ()),
    "has output": ("increases", False, ()),
    "molecularly interacts with": ("interacts_with", False, ()),
    "directly interacts with": ("interacts_with", False, ()),
    "physically interacts with": ("interacts_with", False, ()),
    "interacts with": ("interacts_with", False, ()),
    "in complex with": ("interacts_with", False, ()),
    "chemically similar to": ("similar_to", False, ()),
    "similar to": ("similar_to", False, ()),
    "coexists with": None,
    "contraindicated for": None,
}

#: Biolink class DrugMechDB gives a node -> pharmgraph entity type.
CATEGORIES = {
    "Drug": "Drug",
    "Protein": "Protein",
    "GeneFamily": "ProteinFamily",
    "MacromolecularComplex": "ProteinFamily",
    "ChemicalSubstance": "EndogenousSubstance",
    "BiologicalProcess": "BiologicalProcess",
    "MolecularActivity": "BiologicalProcess",
    "Pathway": "BiologicalProcess",
    "Disease": "Disease",
    "PhenotypicFeature": "Disease",
    "OrganismTaxon": "Entity",
    "GrossAnatomicalStructure": "Entity",
    "Cell": "Entity",
    "CellularComponent": "Entity",
}

#: How DrugMechDB spells prefixes -> how pharmgraph writes them.
PREFIXES = {
    "MESH": "mesh",
    "UniProt": "uniprot",
    "taxonomy": "NCBITaxon",
    "InterPro": "interpro",
    "Pfam": "pfam",
    "reactome": "reactome",
    "DB": "drugbank",
    "TIGR": "tigrfam",
}

_DRUGBANK = re.compile(r"^DB\d{5}$")


def node_curie(node_id: str) -> str:
    """Return a DrugMechDB node id in pharmgraph's spelling.

    Examples
    --------
    >>> node_curie("UniProt:P00519"), node_curie("MESH:D015464"), node_curie("taxonomy:1773")
    ('uniprot:P00519', 'mesh:D015464', 'NCBITaxon:1773')
    >>> node_curie("GO:0006954"), node_curie("reactome:R-HSA-109582")
    ('GO:0006954', 'reactome:R-HSA-109582')
    """
    prefix, sep, ident = node_id.strip().partition(":")
    if not sep:
        raise ValueError(f"{node_id!r} is not a CURIE")
    return canonical_curie(f"{PREFIXES.get(prefix, prefix)}:{ident}")


def drugbank_curie(value: str | None) -> str | None:
    """Return ``drugbank:DB…`` for a path's ``drugbank`` field, or None when it is not one.

    A few records lost the ``D`` of the id (``DB:B02362``); those are restored.

    Examples
    --------
    >>> drugbank_curie("DB:DB00619"), drugbank_curie("DB:B02362"), drugbank_curie("DB:DBSALT001")
    ('drugbank:DB00619', 'drugbank:DB02362', None)
    """
    if not value:
        return None
    ident = value.split(":", 1)[-1].strip()
    if re.fullmatch(r"B\d{5}", ident):
        ident = "D" + ident
    return f"drugbank:{ident}" if _DRUGBANK.match(ident) else None


def _entity_type(category: str, name: str) -> str:
    kind = CATEGORIES.get(category, "Entity")
    if kind == "Protein":
        return {"metabolism": "Enzyme", "transport": "Transporter"}.get(label_role(name) or "", "Protein")
    return kind


def _drug_node_ids(graph: Mapping[str, Any]) -> list[str]:
    """The node ids a path may use for its drug: its MeSH ids, then its DrugBank field."""
    ids = [d.strip() for d in str(graph.get("drug_mesh") or "").split(",") if d.strip()]
    if graph.get("drugbank"):
        ids.append(str(graph["drugbank"]).strip())
    return ids


def path_entities(record: Mapping[str, Any]) -> dict[str, Entity]:
    """Return the entities of one path, by the node id DrugMechDB uses in its links."""
    graph = record.get("graph") or {}
    drug_ids = set(_drug_node_ids(graph))
    drugbank = drugbank_curie(graph.get("drugbank"))
    entities: dict[str, Entity] = {}
    for node in record.get("nodes") or ():
        node_id = str(node.get("id") or "").strip()
        if not node_id:
            continue
        name = str(node.get("name") or node_id)
        curie = node_curie(node_id)
        kind = _entity_type(str(node.get("label") or ""), name)
        if node_id in drug_ids and drugbank:
            xrefs = tuple(sorted({node_curie(d) for d in drug_ids if not d.startswith("DB:")} - {drugbank}))
            entities[node_id] = Entity(drugbank, name, "Drug", xrefs=xrefs)
        else:
            entities[node_id] = Entity(curie, name, kind)
    return entities


def process_path(
    record: Mapping[str, Any], skipped: Counter | None = None, version: str = VERSION
) -> Iterator[Statement]:
    """Yield the statements of one DrugMechDB path: one per link, then the indication.

    Parameters
    ----------
    record : mapping
        One element of DrugMechDB's list (node-link form).
    skipped : Counter or None
        Counts the links left out, by reason.
    version : str
        The DrugMechDB version recorded on the evidence.
    """
    skipped = skipped if skipped is not None else Counter()
    graph = record.get("graph") or {}
    path_id = str(graph.get("_id") or "")
    if not path_id:
        skipped["path without _id"] += 1
        return
    entities = path_entities(record)
    references = tuple(str(r) for r in record.get("references") or ())
    names = {node_id: entity.label for node_id, entity in entities.items()}

    def evidence(text: str):
        return (
            record_evidence(
                NAME, text, source=INFORES, record=path_id, version=version,
                knowledge_level=KNOWLEDGE_LEVEL, references=references,
            ),
        )

    for link in record.get("links") or ():
        phrase = str(link.get("key") or "").strip()
        source, target = str(link.get("source") or ""), str(link.get("target") or "")
        if phrase not in PREDICATES:
            skipped[f"unknown predicate {phrase}"] += 1
            continue
        mapping = PREDICATES[phrase]
        if mapping is None:
            skipped[f"unmapped {phrase}"] += 1
            continue
        if source not in entities or target not in entities:
            skipped["link to an undeclared node"] += 1
            continue
        predicate, reverse, qualifiers = mapping
        text = f"DrugMechDB path {path_id}: {names[source]} {phrase} {names[target]}."
        subject, obj = entities[source], entities[target]
        if reverse:
            subject, obj = obj, subject
        yield Statement(subject, predicate, obj, qualifiers=qualifiers, evidence=evidence(text))
    drug = next((entities[i] for i in _drug_node_ids(graph) if i in entities), None)
    disease_id = str(graph.get("disease_mesh") or "")
    disease = entities.get(disease_id)
    if drug is None or disease is None:
        skipped["path without drug or disease node"] += 1
        return
    text = f"DrugMechDB path {path_id}: {drug.label} is indicated for {disease.label}."
    yield Statement(drug, "treats", disease, evidence=evidence(text))


def read_paths(path: str | Path) -> list[dict[str, Any]]:
    """Read DrugMechDB's indication paths from JSON or YAML (gzipped or not).

    Raises
    ------
    InputError
        When the file is missing, unreadable, or not a list of paths.
    """
    path = Path(path)
    if path.is_dir():
        candidates = sorted(path.glob("indication_paths*.json*")) or sorted(path.glob("indication_paths*.y*ml*"))
        if not candidates:
            raise InputError(f"{path}: no DrugMechDB file (indication_paths*.json or .yaml) in the folder.")
        path = candidates[0]
    name = path.name.lower()
    try:
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as handle:
            if ".json" in name:
                data = json.load(handle)
            elif ".yaml" in name or ".yml" in name:
                try:
                    import yaml
                except ImportError:
                    raise InputError(f"{path}: reading YAML needs PyYAML; install it or give the JSON file.") from None

                data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            else:
                raise InputError(f"{path}: give DrugMechDB as .json, .json.gz, .yaml or .yaml.gz.")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read as DrugMechDB ({exc}).") from None
    except Exception as exc:  # yaml.YAMLError and friends
        if exc.__class__.__module__.startswith("yaml"):
            raise InputError(f"{path}: not valid YAML ({exc}).") from None
        raise
    if not isinstance(data, list) or not all(isinstance(r, dict) and "links" in r for r in data[:5]):
        raise InputError(f"{path}: not DrugMechDB indication paths (expected a list of node-link graphs).")
    return data


def read_drugmechdb(
    path: str | Path, skipped: Counter | None = None, counter: Callable[[], None] | None = None
) -> Iterator[Statement]:
    """Yield the statements of every path in a DrugMechDB file."""
    for record in read_paths(path):
        if counter is not None:
            counter()
        yield from process_path(record, skipped)


def import_source(
    store,
    path: str | Path,
    *,
    resolve: Resolver | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import DrugMechDB into the store, replacing the ``source:drugmechdb`` graph whole.

    Parameters
    ----------
    store : GraphStore
    path : str or Path
        ``indication_paths.json`` (or ``.json.gz``, ``.yaml``, ``.yaml.gz``), or its folder.
    resolve : callable or None
        Grounding applied to the statements before they are stored.
    progress : callable or None
        Called with the number of statements written so far.
    """
    start = time.perf_counter()
    summary = ImportSummary(NAME, DOCUMENT, str(path), version=VERSION)

    def count() -> None:
        summary.records += 1

    statements = read_drugmechdb(path, summary.skipped, count)
    summary.statements = write_source(
        store, DOCUMENT, statements, source=INFORES, version=VERSION, resolve=resolve, progress=progress
    )
    return timed(summary, start)


def indications(path: str | Path) -> Iterable[tuple[str, str, str]]:
    """Yield ``(path id, drug CURIE, disease CURIE)`` for every path (for checks and benchmarks)."""
    for record in read_paths(path):
        graph = record.get("graph") or {}
        drug = drugbank_curie(graph.get("drugbank"))
        disease = graph.get("disease_mesh")
        if drug and disease:
            yield str(graph.get("_id")), drug, node_curie(str(disease))
