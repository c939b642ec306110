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

import functools
import re

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
    "similar_to": (),
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
    return list(_ancestors(predicate))


@functools.cache
def _ancestors(predicate: str) -> tuple[str, ...]:
    # Extraction asks this millions of times on a long document; the hierarchy never changes.
    seen: list[str] = []
    queue = list(PREDICATES[predicate])
    while queue:
        current = queue.pop(0)
        if current not in seen:
            seen.append(current)
            queue.extend(PREDICATES[current])
    return tuple(seen)


def is_subpredicate(predicate: str, parent: str) -> bool:
    """Return True when ``predicate`` is ``parent`` or one of its sub-predicates."""
    return predicate == parent or parent in _ancestors(predicate)


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


# -- target roles ----------------------------------------------------------------------------

#: What a target is to a drug: what it acts through (``mechanism``), what breaks it down
#: (``metabolism``), what moves it across membranes (``transport``), what carries it in plasma
#: (``carrier``).
TARGET_ROLES = ("mechanism", "metabolism", "transport", "carrier")

_ROLE_PREDICATES = {"metabolised_by": "metabolism", "transported_by": "transport"}

# Types whose label alone may place a target in a pharmacokinetic family. A channel, a receptor,
# a binding site or a current is always a mechanism target, whatever its name.
_FAMILY_TYPES = {
    "metabolism": {"Enzyme", "Protein", "ProteinFamily", "Target", "Entity"},
    "transport": {"Transporter", "Protein", "ProteinFamily", "Target", "Entity"},
    "carrier": {"Protein", "ProteinFamily", "Target", "Entity"},
}

# Drug-metabolising enzymes. Cytochromes P450 count only in families 1-3 (the xenobiotic
# ones): CYP51, CYP19, CYP17 or CYP11B are the mechanism targets of azoles, aromatase
# inhibitors, abiraterone and metyrapone. Catechol-O-methyltransferase, monoamine oxidases,
# alcohol and aldehyde dehydrogenases are left out on purpose: drugs act through them.
_METABOLISM = [
    r"\bcyp\s?-?[123][a-z]{0,2}\d*\b",
    r"\bcytochromes?\s+p-?\s?450\b(?!\s*(?:family\s*)?(?:[4-9]|\d\d))",
    r"\bp-?450\s+(?:[123][a-z]|enzymes?\b|isoenzymes?\b|isoforms?\b)",
    r"\bugt\s?\d",
    r"\budp-?\s?glucuronosyl\s?-?transferases?\b",
    r"\bglucuronosyltransferases?\b",
    r"\bfmo\d",
    r"\bflavin[- ]containing mono-?oxygenases?\b",
    r"\bsult\d",
    r"\bsulfotransferases?\b",
    r"\bnat[12]\b",
    r"\b(?:aryl(?:amine)?\s+)?n-acetyltransferases?\b",
    r"\btpmt\b",
    r"\bthiopurine s-methyltransferase\b",
    r"\bgst[a-z]\d",
    r"\bglutathione s-transferases?\b",
    r"\bces[12]\b",
    r"\bcarboxylesterases?\b",
    r"\bephx[12]\b",
    r"\bepoxide hydrolases?\b",
    r"\baox1\b",
    r"\baldehyde oxidase\b",
    r"\bdpyd\b",
    r"\bdihydropyrimidine dehydrogenase\b",
    r"\bnudt15\b",
]
# Drug transporters: the ABC efflux pumps and the SLC uptake families that handle drugs
# (OATPs, OATs, OCTs, MATEs, PEPTs, NTCP). Transporters that drugs act *through* stay
# mechanism targets: SLC6 (SERT, NET, DAT, GAT-1), SLC18 (VMAT), SLC12 (NKCC, NCC), SLC5A2
# (SGLT2), SLC22A12 (URAT1, the urate transporter uricosurics block), and the ABC proteins CFTR (ABCC7) and the sulfonylurea receptors (ABCC8, ABCC9).
_TRANSPORT = [
    r"\babc(?:b\d+|c(?!7\b|8\b|9\b)\d+|g2)\b",
    r"\bslco\d",
    r"\bslc22a(?!12\b)\d",
    r"\bslc47a\d",
    r"\bslc15a[12]\b",
    r"\bslc10a1\b",
    r"\bp-?\s?glycoproteins?\b",
    r"\bp-?gp\b",
    r"\bmdr1\b",
    r"\bbcrp\b",
    r"\bbreast cancer resistance protein\b",
    r"\bmrp\d",
    r"\bmultidrug resistance(?:-associated)?\s+proteins?\b",
    r"\bbsep\b",
    r"\bbile salt export pump\b",
    r"\boatp\s?\d",
    r"\borganic (?:anion|cation)(?:[- ]transporting polypeptides?| transporters?)\b",
    r"\boct[123]\b",
    r"\boat[1-4]\b",
    r"\bmate[12](?:-?k)?\b",
    r"\bpept[12]\b",
    r"\bntcp\b",
]
# Plasma carriers that bind drugs without being acted on.
_CARRIER = [
    r"\b(?:serum |plasma )?albumins?\b",
    r"\balb\b",
    r"\b(?:alpha|α)[- ]?1[- ]acid glycoproteins?\b",
    r"\borosomucoids?\b",
    r"\borm[12]\b",
    r"\bagp\b",
]


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_FAMILIES = (
    ("carrier", _compile(_CARRIER)),
    ("metabolism", _compile(_METABOLISM)),
    ("transport", _compile(_TRANSPORT)),
)


def label_role(label: str | None) -> str | None:
    """Return the pharmacokinetic family a target's name or symbol places it in, or None.

    Examples
    --------
    >>> label_role("CYP3A4"), label_role("cytochrome P450 2C19"), label_role("CYP51A1")
    ('metabolism', 'metabolism', None)
    >>> label_role("ABCB1"), label_role("P-glycoprotein"), label_role("SLC6A4")
    ('transport', 'transport', None)
    >>> label_role("SLC22A8"), label_role("SLC22A12")
    ('transport', None)
    >>> label_role("serum albumin"), label_role("SCN1A")
    ('carrier', None)
    """
    if not label:
        return None
    for role, pattern in _FAMILIES:
        if pattern.search(label):
            return role
    return None


def target_role(predicate: str, object_type: str, object_label: str | None = None) -> str:
    """Return what a target is to a drug: one of :data:`TARGET_ROLES`.

    ``metabolised_by`` and ``transported_by`` say it outright. ``substrate_of`` and
    ``product_of`` onto an enzyme mean metabolism, ``substrate_of`` onto a transporter means
    transport. Any other edge (binds, inhibits, induces...) onto a drug-metabolising enzyme
    (CYP1-3, UGT, FMO, SULT, NAT, TPMT, GST, CES...), a drug transporter (ABC efflux pumps,
    OATP/OAT/OCT/MATE) or a plasma carrier (albumin, alpha-1-acid glycoprotein) takes that
    family's role: a drug that binds CYP3A4 is metabolised by it or alters its metabolism of
    other drugs, it does not act through it. Everything else is a mechanism target.

    Parameters
    ----------
    predicate : str
        A name from :data:`PREDICATES`.
    object_type : str
        The object's entity type (``Enzyme``, ``Transporter``, ``Protein``...).
    object_label : str or None
        The object's name or gene symbol; the family is read from it.

    Examples
    --------
    >>> target_role("metabolised_by", "Enzyme", "CYP3A4")
    'metabolism'
    >>> target_role("binds", "Protein", "CYP3A4"), target_role("inhibits", "Transporter", "ABCB1")
    ('metabolism', 'transport')
    >>> target_role("blocks", "IonChannel", "Nav1.1"), target_role("inhibits", "Enzyme", "CYP19A1")
    ('mechanism', 'mechanism')
    >>> target_role("binds", "Protein", "albumin")
    'carrier'
    """
    role = _ROLE_PREDICATES.get(predicate)
    if role is not None:
        return role
    family = label_role(object_label)
    if family is not None and object_type in _FAMILY_TYPES[family]:
        return family
    if predicate in ("substrate_of", "product_of") and is_subtype(object_type, "Enzyme"):
        return "metabolism"
    if predicate == "substrate_of" and is_subtype(object_type, "Transporter"):
        return "transport"
    return "mechanism"
