"""Names of entity types, predicates and certainties, with their hierarchy and direction.

This module mirrors ``ontology/pharmgraph.ttl`` so that code does not parse the ontology at
import time; a test checks that both say the same thing.

Examples
--------
>>> is_subtype("IonChannel", "Target")
True
>>> ancestors("blocks")
['inhibits', 'decreases', 'affects']
>>> direction("blocks"), direction("opens"), direction("binds")
(-1, 1, 0)
"""

from __future__ import annotations

ONTOLOGY_IRI = "https://w3id.org/pharmgraph/ontology#"
"""Namespace of pharmgraph's classes and properties (prefix ``pg:``)."""

BASE_IRI = "https://w3id.org/pharmgraph/"
"""Base of the IRIs pharmgraph mints for statements, evidence, documents and local entities."""

#: Entity types and their parent type (``None`` for the root).
ENTITY_TYPES: dict[str, str | None] = {
    "Entity": None,
    "Drug": "Entity",
    "Target": "Entity",
    "Protein": "Target",
    "ProteinFamily": "Target",
    "IonChannel": "Target",
    "Receptor": "Target",
    "Enzyme": "Target",
    "Transporter": "Target",
    "BindingSite": "Target",
    "IonCurrent": "Target",
    "Effect": "Entity",
    "BiologicalProcess": "Effect",
    "PhysiologicalEffect": "Effect",
    "Disease": "Entity",
    "AdverseEvent": "Entity",
    "DrugClass": "Entity",
    "EndogenousSubstance": "Entity",
}

#: The broad families a view or an analysis groups types into.
TYPE_GROUPS = ("Drug", "Target", "Effect", "Disease", "AdverseEvent")

#: Predicates and their parent predicates (the first parent is the main line).
PREDICATES: dict[str, tuple[str, ...]] = {
    "affects": (),
    "decreases": ("affects",),
    "inhibits": ("decreases",),
    "blocks": ("inhibits",),
    "negatively_modulates": ("decreases", "modulates"),
    "antagonist_of": ("decreases", "binds"),
    "inverse_agonist_of": ("decreases", "binds"),
    "increases": ("affects",),
    "activates": ("increases",),
    "opens": ("activates",),
    "positively_modulates": ("increases", "modulates"),
    "agonist_of": ("activates", "binds"),
    "modulates": ("affects",),
    "interacts_with": (),
    "binds": ("interacts_with",),
    "substrate_of": ("interacts_with",),
    "metabolised_by": ("substrate_of",),
    "transported_by": ("substrate_of",),
    "product_of": ("interacts_with",),
    "treats": (),
    "causes": (),
    "causes_adverse_event": ("causes",),
    "enantiomer_of": (),
    "part_of": (),
    "participates_in": (),
    "contributes_to": (),
}

#: Sign of each predicate's effect on its object: +1 up, -1 down, 0 neither or unknown.
_SIGNS = {"increases": 1, "decreases": -1}

CERTAINTIES = ("asserted", "hedged")

#: How each predicate is shown and grouped in views ("increase", "decrease", ...).
EDGE_KINDS = {
    1: "increase",
    -1: "decrease",
}


def is_subtype(kind: str, parent: str) -> bool:
    """Return True when entity type ``kind`` is ``parent`` or lies below it."""
    while kind is not None:
        if kind == parent:
            return True
        kind = ENTITY_TYPES.get(kind)
    return False


def type_group(kind: str) -> str:
    """Return the broad family (one of :data:`TYPE_GROUPS`) of an entity type, or ``Entity``."""
    for group in TYPE_GROUPS:
        if is_subtype(kind, group):
            return group
    return "Entity"


def ancestors(predicate: str) -> list[str]:
    """Return every predicate above ``predicate``, nearest first, main line before others."""
    seen: list[str] = []
    queue = list(PREDICATES[predicate])
    while queue:
        current = queue.pop(0)
        if current not in seen:
            seen.append(current)
            queue.extend(PREDICATES[current])
    return seen


def is_subpredicate(predicate: str, parent: str) -> bool:
    """Return True when ``predicate`` is ``parent`` or one of its sub-predicates."""
    return predicate == parent or parent in ancestors(predicate)


def direction(predicate: str) -> int:
    """Return +1 when ``predicate`` increases its object, -1 when it decreases it, else 0."""
    for name in [predicate, *ancestors(predicate)]:
        if name in _SIGNS:
            return _SIGNS[name]
    return 0


def edge_kind(predicate: str) -> str:
    """Return the family a predicate is drawn as: increase, decrease, binding, treats, causes,
    enantiomer or other."""
    sign = direction(predicate)
    if sign:
        return EDGE_KINDS[sign]
    if is_subpredicate(predicate, "interacts_with"):
        return "binding"
    if predicate == "treats":
        return "treats"
    if is_subpredicate(predicate, "causes"):
        return "causes"
    if predicate == "enantiomer_of":
        return "enantiomer"
    return "other"
