"""Grounding: one canonical identifier per concept, whoever named it.

Text, curated sources and users' files name one concept with different CURIEs (lamotrigine
is ``drugbank:DB00555``, ``CHEBI:6367`` and ``mesh:D000077213``) or with a name only. Every
entity passes :func:`ground_entity` before it is stored: a CURIE the lexicon knows (as an id
or a cross-reference) becomes the lexicon's canonical id, with the lexicon's label and type,
and the CURIE that was given is kept in :attr:`~pharmgraph.model.Entity.xrefs` (written as
``skos:exactMatch``), followed by the lexicon's other CURIEs for the concept (MeSH, CHEBI,
PubChem, UMLS, UniProt...), so a query by any of them finds it. An entity with a local ``pharmgraph:`` id, or only a label, is grounded
by its label and synonyms through the lexicon, within its family of types; what cannot be
grounded keeps (or gets) a local id.

Primary namespaces (see ``scripts/build_lexicon.py``): drugs DrugBank, genes and proteins
NCBI Gene, processes GO, diseases MeSH (DOID, MONDO, UMLS, HP as cross-references), adverse
events the UMLS ids Hetionet uses, joined to the MeSH disease of the same name.

:func:`ground_statements` grounds both ends of every statement and checks the object of
``treats``: a condition typed ``AdverseEvent`` there is re-grounded to the disease (or
retyped); any other non-disease object is reported in the counts.

The lexicon is loaded once, on first use (:func:`pharmgraph.lexicon.default_lexicon`); each
entity is grounded once per :class:`Grounder` (results are cached), so grounding costs a few
dictionary look-ups per statement.

Examples
--------
>>> from pharmgraph.model import Entity
>>> canonical_id("CHEBI:6367")
'drugbank:DB00555'
>>> e = ground_entity(Entity("CHEBI:6367", "Lamotrigine", "Drug"))
>>> e.id, e.label, e.xrefs[:2]
('drugbank:DB00555', 'lamotrigine', ('CHEBI:6367', 'mesh:D000077213'))
>>> ground_entity(Entity("pharmgraph:cox_2", "COX-2", "Protein")).id
'NCBIGene:5743'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pharmgraph.identifiers import LOCAL_PREFIX, canonical_curie, local_id
from pharmgraph.model import Entity, Statement
from pharmgraph.vocabulary import type_group

if TYPE_CHECKING:
    from pharmgraph.lexicon.core import Lexicon

#: Families of types that may ground to each other (a drug class or an endogenous substance
#: is named like a drug; a condition like a disease).
_FAMILY = {
    "Drug": "chemical",
    "DrugClass": "chemical",
    "EndogenousSubstance": "chemical",
    "Disease": "condition",
    "AdverseEvent": "condition",
}
_EXAMPLES = 10


def family(kind: str) -> str:
    """Return the family of an entity type within which grounding may move an entity."""
    if kind in _FAMILY:
        return _FAMILY[kind]
    group = type_group(kind)
    return _FAMILY.get(group, group)


@dataclass
class GroundingCounts:
    """What grounding did to the distinct entities it saw.

    Attributes
    ----------
    grounded : int
        Entities whose id was already the canonical one.
    mapped : int
        Entities whose CURIE was mapped to another (canonical) id.
    named : int
        Entities grounded by label or synonym (a local id, or no id).
    local : int
        Entities left with a local ``pharmgraph:`` id (nothing in the lexicon matched).
    unknown : int
        Entities with a standard CURIE the lexicon does not know (kept as given).
    retyped : int
        ``treats`` objects typed as adverse events, re-grounded or retyped as diseases.
    type_errors : int
        Statements whose object does not fit the predicate (a ``treats`` object that is not
        a disease), left as they are.
    examples : dict of str to list of str
        A few examples of each kind of change, for reports.
    """

    grounded: int = 0
    mapped: int = 0
    named: int = 0
    local: int = 0
    unknown: int = 0
    retyped: int = 0
    type_errors: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, example: str) -> None:
        """Count one entity of ``kind`` and keep the first few examples."""
        setattr(self, kind, getattr(self, kind) + 1)
        shown = self.examples.setdefault(kind, [])
        if len(shown) < _EXAMPLES:
            shown.append(example)

    def to_dict(self) -> dict[str, object]:
        """Return the counts (and examples) as a plain dict."""
        return {
            "grounded": self.grounded,
            "mapped": self.mapped,
            "named": self.named,
            "local": self.local,
            "unknown": self.unknown,
            "retyped": self.retyped,
            "type_errors": self.type_errors,
            "examples": {k: list(v) for k, v in self.examples.items()},
        }

    def summary(self) -> str:
        """Return one line for the end of an ingest."""
        return (
            f"grounded {self.grounded + self.mapped + self.named} entities "
            f"({self.mapped} mapped to a canonical id, {self.named} by name); "
            f"{self.local} left with a local id, {self.unknown} unknown ids kept; "
            f"{self.retyped} retyped, {self.type_errors} type errors"
        )


class Grounder:
    """Ground entities and statements against one lexicon, caching each answer.

    Parameters
    ----------
    lexicon : Lexicon, optional
        Where canonical ids come from (default: the built-in lexicon, loaded on first use).
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon
        self._cache: dict[Entity, tuple[Entity, str]] = {}
        self._minted: set[Entity] = set()  # entities given by label only
        self.counts = GroundingCounts()

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon (the built-in one unless another was given)."""
        if self._lexicon is None:
            from pharmgraph.lexicon import default_lexicon

            self._lexicon = default_lexicon()
        return self._lexicon

    # -- identifiers ------------------------------------------------------------------------
    def canonical_id(self, curie: str) -> str:
        """Return the canonical id of a CURIE (the CURIE itself, prefix tidied, if unknown)."""
        found = self.lexicon.get(curie)
        if found is not None:
            return found.id
        try:
            return canonical_curie(curie)
        except ValueError:
            return curie.strip()

    # -- entities ---------------------------------------------------------------------------
    def _by_name(self, names: Iterable[str], kind: str) -> Entity | None:
        want = family(kind)
        for name in names:
            if not name:
                continue
            for candidate in self.lexicon.lookup(name):
                if want == "Entity" or family(candidate.type) == want:
                    return candidate
        return None

    def _resolve(self, entity: Entity) -> tuple[Entity, str]:
        """Return the grounded entity and what happened (a :class:`GroundingCounts` field)."""
        given = entity.id.strip()
        local = not given or given.lower().startswith(LOCAL_PREFIX + ":")
        found = self.lexicon.entities.get(given) if local else self.lexicon.get(given)
        if local and found is not None and family(found.type) == family(entity.type):
            return self._grounded(entity, found), "grounded"  # a curated local entity
        if local:
            found = None
        if (
            found is not None
            and entity.type != "Entity"
            and family(found.type) != family(entity.type)
        ):
            # the id names something of another kind: trust the name within the given kind
            found = self._by_name((entity.label, *entity.synonyms), entity.type) or None
            if found is None:
                return self._keep(entity, given), "unknown"
            return self._grounded(entity, found), "mapped"
        if found is not None:
            outcome = "grounded" if found.id == given else "mapped"
            return self._grounded(entity, found), outcome
        found = self._by_name((entity.label, *entity.synonyms), entity.type)
        if found is not None:
            return self._grounded(entity, found), "named"
        if local:
            ident = given or local_id(entity.label)
            return self._keep(entity, ident), "local"
        return self._keep(entity, given), "unknown"

    def _grounded(self, entity: Entity, found: Entity) -> Entity:
        given = [entity.id.strip(), *entity.xrefs]
        if entity in self._minted:
            given = list(entity.xrefs)
        known = self.lexicon.xrefs(found.id)  # the concept's other CURIEs, from the lexicon
        xrefs = tuple(dict.fromkeys(x for x in (*given, *known) if x and x != found.id))
        broader = tuple(
            dict.fromkeys(
                b
                for b in (*found.broader, *(self.canonical_id(b) for b in entity.broader))
                if b != found.id
            )
        )
        kind = found.type
        if kind == "Entity" and entity.type != "Entity":
            kind = entity.type
        return Entity(found.id, found.label, kind, found.synonyms, broader, xrefs)

    def _keep(self, entity: Entity, ident: str) -> Entity:
        try:
            ident = canonical_curie(ident)
        except ValueError:
            ident = local_id(entity.label or ident)
        if ident == entity.id:
            return entity
        xrefs = entity.xrefs
        if entity.id and entity.id != ident:
            xrefs = tuple(dict.fromkeys((*xrefs, entity.id)))
        return replace(entity, id=ident, xrefs=xrefs)

    def entity(self, entity: Entity) -> Entity:
        """Return ``entity`` grounded (see the module docstring); count it once."""
        cached = self._cache.get(entity)
        if cached is None:
            cached = self._resolve(entity)
            self._cache[entity] = cached
            grounded, outcome = cached
            self.counts.note(outcome, f"{entity.id or '-'} {entity.label!r} -> {grounded.id}")
        return cached[0]

    def label(self, label: str, type: str = "Entity", synonyms: Iterable[str] = ()) -> Entity:
        """Return the entity a label (and synonyms) of a given type grounds to.

        Used for entities given with a label and no id (a JSON Lines record); what cannot be
        grounded gets a local id.
        """
        entity = Entity(local_id(label), label, type, tuple(synonyms))
        self._minted.add(entity)
        return self.entity(entity)

    # -- statements -------------------------------------------------------------------------
    def _treats_object(self, obj: Entity) -> Entity:
        if family(obj.type) != "condition":
            return obj
        if obj.type == "Disease" or type_group(obj.type) == "Disease":
            return obj
        # an adverse-event id for a condition a drug treats: the disease of that name, if any
        disease = next(
            (
                c
                for name in (obj.label, *obj.synonyms)
                for c in self.lexicon.lookup(name)
                if type_group(c.type) == "Disease"
            ),
            None,
        )
        if disease is not None:
            fixed = self._grounded(obj, disease)
        else:
            fixed = replace(obj, type="Disease")
        self.counts.note("retyped", f"{obj.id} {obj.label!r} -> {fixed.id} ({fixed.type})")
        return fixed

    def statement(self, statement: Statement) -> Statement:
        """Return a statement with both ends grounded and its ``treats`` object checked."""
        subject = self.entity(statement.subject)
        obj = self.entity(statement.object)
        if statement.predicate == "treats":
            fixed = self._treats_object(obj)
            if type_group(fixed.type) != "Disease":
                self.counts.note(
                    "type_errors", f"treats object {fixed.id} {fixed.label!r} is a {fixed.type}"
                )
            obj = fixed
        if subject is statement.subject and obj is statement.object:
            return statement
        return replace(statement, subject=subject, object=obj)

    def statements(self, statements: Iterable[Statement]) -> Iterator[Statement]:
        """Yield grounded statements (counts fill in as the iterator is consumed)."""
        for statement in statements:
            yield self.statement(statement)


_DEFAULT: list[Grounder] = []


def default_grounder() -> Grounder:
    """Return the shared grounder over the built-in lexicon (its cache lives as long)."""
    if not _DEFAULT:
        _DEFAULT.append(Grounder())
    return _DEFAULT[0]


def canonical_id(curie: str, lexicon: Lexicon | None = None) -> str:
    """Return the canonical id of a CURIE (itself, prefix tidied, when the lexicon lacks it).

    Examples
    --------
    >>> canonical_id("DOID:1826"), canonical_id("uniprot:P35354")
    ('mesh:D004827', 'NCBIGene:5743')
    """
    grounder = default_grounder() if lexicon is None else Grounder(lexicon)
    return grounder.canonical_id(curie)


def ground_entity(entity: Entity, lexicon: Lexicon | None = None) -> Entity:
    """Return the entity under its canonical id, label and type, the given id in ``xrefs``."""
    grounder = default_grounder() if lexicon is None else Grounder(lexicon)
    return grounder.entity(entity)


def ground_label(label: str, type: str = "Entity", lexicon: Lexicon | None = None) -> Entity:
    """Return the entity a bare label grounds to (a local id when nothing matches)."""
    grounder = default_grounder() if lexicon is None else Grounder(lexicon)
    return grounder.label(label, type)


def ground_statements(
    statements: Iterable[Statement], lexicon: Lexicon | None = None
) -> tuple[list[Statement], GroundingCounts]:
    """Ground every statement's subject and object; return them with the counts.

    Parameters
    ----------
    statements : iterable of Statement
        From any reader, extractor or importer.
    lexicon : Lexicon, optional
        Default: the built-in lexicon plus ``$PHARMGRAPH_LEXICON`` files.

    Returns
    -------
    list of Statement, GroundingCounts
        The grounded statements, in order, and what grounding did to the distinct entities
        (each counted once per call).
    """
    grounder = Grounder(lexicon if lexicon is not None else default_grounder().lexicon)
    out = [grounder.statement(s) for s in statements]
    return out, grounder.counts
