"""pharmgraph's predicates and types in Biolink 4 terms, both ways (KGX export and import).

Biolink 4 dropped ``decreases_activity_of`` and its kin; a directed effect is ``biolink:affects``
with an ``object_direction_qualifier`` (``increased``/``decreased``) and an
``object_aspect_qualifier`` (``activity``, ``expression``...). Predicates finer than Biolink's
(``blocks``, ``agonist_of``) keep their own name in ``original_predicate`` (``pg:blocks``), so a
KGX file pharmgraph wrote imports back to the same predicates.

Examples
--------
>>> to_biolink("inhibits")
('biolink:affects', {'object_direction_qualifier': 'decreased', 'object_aspect_qualifier': 'activity'})
>>> from_biolink("biolink:affects", {"object_direction_qualifier": "decreased",
...                                  "object_aspect_qualifier": "activity"})
('inhibits', False, ())
>>> from_biolink("biolink:affects", {"original_predicate": "pg:blocks"})
('blocks', False, ())
"""

from __future__ import annotations

from collections.abc import Mapping

from pharmgraph.vocabulary import PREDICATES

_DOWN = {"object_direction_qualifier": "decreased", "object_aspect_qualifier": "activity"}
_UP = {"object_direction_qualifier": "increased", "object_aspect_qualifier": "activity"}

#: pharmgraph predicate -> (Biolink predicate, qualifiers).
PREDICATE_TO_BIOLINK: dict[str, tuple[str, dict[str, str]]] = {
    "affects": ("biolink:affects", {}),
    "decreases": ("biolink:affects", {"object_direction_qualifier": "decreased"}),
    "inhibits": ("biolink:affects", _DOWN),
    "blocks": ("biolink:affects", _DOWN),
    "negatively_modulates": ("biolink:affects", _DOWN),
    "antagonist_of": ("biolink:affects", _DOWN),
    "inverse_agonist_of": ("biolink:affects", _DOWN),
    "increases": ("biolink:affects", {"object_direction_qualifier": "increased"}),
    "activates": ("biolink:affects", _UP),
    "opens": ("biolink:affects", _UP),
    "positively_modulates": ("biolink:affects", _UP),
    "agonist_of": ("biolink:affects", _UP),
    "modulates": ("biolink:affects", {"object_aspect_qualifier": "activity"}),
    "interacts_with": ("biolink:interacts_with", {}),
    # biolink:binds is deprecated in Biolink 4.
    "binds": ("biolink:directly_physically_interacts_with", {}),
    "substrate_of": ("biolink:is_substrate_of", {}),
    "metabolised_by": ("biolink:is_substrate_of", {}),
    "transported_by": ("biolink:is_substrate_of", {}),
    "product_of": ("biolink:related_to", {}),
    "treats": ("biolink:treats", {}),
    "causes": ("biolink:causes", {}),
    "causes_adverse_event": ("biolink:has_adverse_event", {}),
    "enantiomer_of": ("biolink:chemically_similar_to", {}),
    "similar_to": ("biolink:chemically_similar_to", {}),
    "part_of": ("biolink:part_of", {}),
    "participates_in": ("biolink:participates_in", {}),
    "contributes_to": ("biolink:contributes_to", {}),
}

#: Biolink predicates (other than ``affects``) -> (pharmgraph predicate, reversed?).
BIOLINK_TO_PREDICATE: dict[str, tuple[str, bool]] = {
    "treats": ("treats", False),
    "treats_or_applied_or_studied_to_treat": ("treats", False),
    "ameliorates_condition": ("treats", False),
    "treated_by": ("treats", True),
    "causes": ("causes", False),
    "caused_by": ("causes", True),
    "has_adverse_event": ("causes_adverse_event", False),
    "interacts_with": ("interacts_with", False),
    "physically_interacts_with": ("interacts_with", False),
    "directly_physically_interacts_with": ("binds", False),
    "molecularly_interacts_with": ("interacts_with", False),
    "binds": ("binds", False),
    "is_substrate_of": ("substrate_of", False),
    "has_substrate": ("substrate_of", True),
    "part_of": ("part_of", False),
    "has_part": ("part_of", True),
    "participates_in": ("participates_in", False),
    "actively_involved_in": ("participates_in", False),
    "has_participant": ("participates_in", True),
    "contributes_to": ("contributes_to", False),
    "chemically_similar_to": ("similar_to", False),
    "gene_associated_with_condition": ("contributes_to", False),
    "affected_by": ("affects", True),
    "regulates": ("affects", False),
    # Biolink 3 names, still found in older KGX files.
    "positively_regulates": ("increases", False),
    "negatively_regulates": ("decreases", False),
    "entity_positively_regulates_entity": ("increases", False),
    "entity_negatively_regulates_entity": ("decreases", False),
    "increases_activity_of": ("activates", False),
    "decreases_activity_of": ("inhibits", False),
    "increases_abundance_of": ("increases", False),
    "decreases_abundance_of": ("decreases", False),
}

_OLD_EXPRESSION = {"increases_expression_of": "increases", "decreases_expression_of": "decreases"}

#: pharmgraph entity type -> Biolink category.
TYPE_TO_CATEGORY = {
    "Entity": "biolink:NamedThing",
    "Drug": "biolink:Drug",
    "Target": "biolink:Protein",
    "Protein": "biolink:Protein",
    "ProteinFamily": "biolink:GeneFamily",
    "IonChannel": "biolink:Protein",
    "Receptor": "biolink:Protein",
    "Enzyme": "biolink:Protein",
    "Transporter": "biolink:Protein",
    "BindingSite": "biolink:ProteinDomain",
    "IonCurrent": "biolink:BiologicalProcess",
    "Effect": "biolink:BiologicalProcessOrActivity",
    "BiologicalProcess": "biolink:BiologicalProcess",
    "PhysiologicalEffect": "biolink:PhysiologicalProcess",
    "Disease": "biolink:Disease",
    "AdverseEvent": "biolink:PhenotypicFeature",
    "DrugClass": "biolink:ChemicalEntity",
    "EndogenousSubstance": "biolink:SmallMolecule",
}

#: Biolink category (without prefix) -> pharmgraph type, for files pharmgraph did not write.
CATEGORY_TO_TYPE = {
    "Drug": "Drug",
    "SmallMolecule": "Drug",
    "ChemicalEntity": "Drug",
    "MolecularMixture": "Drug",
    "ChemicalMixture": "Drug",
    "Gene": "Protein",
    "Protein": "Protein",
    "GeneProduct": "Protein",
    "Polypeptide": "Protein",
    "GeneFamily": "ProteinFamily",
    "ProteinFamily": "ProteinFamily",
    "ProteinDomain": "BindingSite",
    "Disease": "Disease",
    "DiseaseOrPhenotypicFeature": "Disease",
    "PhenotypicFeature": "Disease",
    "BiologicalProcess": "BiologicalProcess",
    "BiologicalProcessOrActivity": "BiologicalProcess",
    "Pathway": "BiologicalProcess",
    "MolecularActivity": "BiologicalProcess",
    "PhysiologicalProcess": "PhysiologicalEffect",
}

#: Gene prefixes: their entities are ``biolink:Gene`` rather than ``biolink:Protein``.
GENE_PREFIXES = {"NCBIGene", "HGNC", "ENSEMBL", "MGI", "RGD"}

#: pharmgraph's spelling of a prefix (lower-cased) -> the spelling of Biolink's JSON-LD
#: context, which ``kgx validate`` requires. Prefixes not listed (``pharmgraph:`` local ids,
#: ``ndfrt:``) have no Biolink spelling.
BIOLINK_PREFIXES = {
    p.lower(): p
    for p in (
        "CHEBI", "DOID", "GO", "HP", "MONDO", "UBERON", "CL", "PR", "SO", "NCIT", "EFO", "MESH",
        "DRUGBANK", "UMLS", "NCBIGene", "HGNC", "UniProtKB", "NCBITaxon", "REACT", "PFAM",
        "interpro", "TIGRFAM", "WIKIPATHWAYS", "PUBCHEM.COMPOUND", "CHEMBL.COMPOUND",
        "CHEMBL.TARGET", "PMID", "OMIM", "ORDO", "MEDDRA", "RXCUI", "UNII", "KEGG.COMPOUND",
        "KEGG.DRUG", "IUPHAR.FAMILY", "GTOPDB", "ENSEMBL", "HMDB", "CAS", "EC", "MP", "PATO",
    )
} | {"uniprot": "UniProtKB", "reactome": "REACT", "pubmed": "PMID"}

#: Biolink spelling (lower-cased) -> pharmgraph's, for importing.
FROM_BIOLINK_PREFIXES = {"uniprotkb": "uniprot", "react": "reactome", "pmid": "pubmed"}

#: Prefix for pharmgraph's own predicate names in ``original_predicate``.
ORIGINAL_PREFIX = "pg:"


def biolink_curie(curie: str) -> str | None:
    """Return a CURIE with Biolink's spelling of its prefix, or None when Biolink has none.

    Examples
    --------
    >>> biolink_curie("drugbank:DB00555"), biolink_curie("uniprot:P00519"), biolink_curie("pharmgraph:x")
    ('DRUGBANK:DB00555', 'UniProtKB:P00519', None)
    """
    prefix, sep, ident = curie.partition(":")
    spelled = BIOLINK_PREFIXES.get(prefix.lower())
    return f"{spelled}:{ident}" if sep and spelled else None


def from_biolink_curie(curie: str) -> str:
    """Return a Biolink-spelled CURIE in pharmgraph's spelling (``UniProtKB:P1`` -> ``uniprot:P1``)."""
    from pharmgraph.identifiers import canonical_curie

    prefix, sep, ident = curie.strip().partition(":")
    if not sep:
        return curie.strip()
    return canonical_curie(f"{FROM_BIOLINK_PREFIXES.get(prefix.lower(), prefix)}:{ident}")


def to_biolink(predicate: str, qualifiers: Mapping[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """Return the Biolink predicate and qualifiers of a pharmgraph predicate.

    A statement qualifier ``object_aspect`` (``expression`` on Hetionet's expression edges)
    becomes the ``object_aspect_qualifier``.
    """
    biolink, fixed = PREDICATE_TO_BIOLINK[predicate]
    out = dict(fixed)
    aspect = (qualifiers or {}).get("object_aspect")
    if aspect and biolink == "biolink:affects":
        out["object_aspect_qualifier"] = aspect
    return biolink, out


def category(kind: str, curie: str) -> str:
    """Return the Biolink category of an entity of type ``kind`` with this CURIE."""
    prefix = curie.split(":", 1)[0]
    if prefix in GENE_PREFIXES and TYPE_TO_CATEGORY.get(kind) == "biolink:Protein":
        return "biolink:Gene"
    return TYPE_TO_CATEGORY.get(kind, "biolink:NamedThing")


def from_category(categories: list[str] | str) -> str:
    """Return the pharmgraph type of the first known Biolink category, else ``Entity``."""
    if isinstance(categories, str):
        categories = [categories]
    for value in categories:
        name = value.split(":", 1)[-1]
        if name in CATEGORY_TO_TYPE:
            return CATEGORY_TO_TYPE[name]
    return "Entity"


def from_biolink(predicate: str, edge: Mapping[str, str]) -> tuple[str, bool, tuple[tuple[str, str], ...]] | None:
    """Return ``(pharmgraph predicate, reversed?, qualifiers)`` for a KGX edge, or None.

    ``original_predicate`` naming a pharmgraph predicate (``pg:blocks``) wins; otherwise
    ``biolink:affects`` is read through its direction and aspect qualifiers, and other
    predicates through :data:`BIOLINK_TO_PREDICATE`. None for predicates with no pharmgraph
    counterpart.
    """
    original = str(edge.get("original_predicate") or "")
    if original.startswith(ORIGINAL_PREFIX) and original[len(ORIGINAL_PREFIX):] in PREDICATES:
        name = original[len(ORIGINAL_PREFIX):]
        aspect = edge.get("object_aspect_qualifier")
        quals = (("object_aspect", str(aspect)),) if aspect and aspect != "activity" else ()
        return name, False, quals
    name = predicate.split(":", 1)[-1]
    if name == "affects":
        direction = str(edge.get("object_direction_qualifier") or "")
        aspect = str(edge.get("object_aspect_qualifier") or "")
        sign = {"increased": 1, "upregulated": 1, "decreased": -1, "downregulated": -1}.get(direction, 0)
        quals = (("object_aspect", aspect),) if aspect and aspect != "activity" else ()
        if aspect == "activity":
            return {1: "activates", -1: "inhibits", 0: "modulates"}[sign], False, ()
        return {1: "increases", -1: "decreases", 0: "affects"}[sign], False, quals
    if name in _OLD_EXPRESSION:
        return _OLD_EXPRESSION[name], False, (("object_aspect", "expression"),)
    if name in BIOLINK_TO_PREDICATE:
        mapped, reverse = BIOLINK_TO_PREDICATE[name]
        return mapped, reverse, ()
    return None
