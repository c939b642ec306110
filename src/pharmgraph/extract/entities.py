"""Entities the text defines itself: names built from a head word, looked up in the lexicon
first and given a local id otherwise.

Examples
--------
>>> from pharmgraph.lexicon import Lexicon
>>> resolver = EntityResolver(Lexicon())
>>> e = resolver.named("KCNQ-like potassium currents", "IonCurrent")
>>> e.id, e.label, e.type
('pharmgraph:kcnq_like_potassium_current', 'KCNQ-like potassium current', 'IonCurrent')
>>> head_type("transporters"), head_type("phosphodiesterase"), head_type("release")
('Transporter', 'Enzyme', None)
"""

from __future__ import annotations

import re
from functools import lru_cache

from pharmgraph.extract.tokens import group_of
from pharmgraph.identifiers import local_id
from pharmgraph.model import Entity
from pharmgraph.vocabulary import is_subtype

#: Head words that say what a phrase names ("... receptor" is a receptor).
HEAD_TYPES: dict[str, str] = {
    "receptor": "Receptor",
    "channel": "IonChannel",
    "current": "IonCurrent",
    "site": "BindingSite",
    "transporter": "Transporter",
    "pump": "Transporter",
    "exchanger": "Transporter",
    "cotransporter": "Transporter",
    "symporter": "Transporter",
    "antiporter": "Transporter",
    "kinase": "Enzyme",
    "enzyme": "Enzyme",
    "isoenzyme": "Enzyme",
    "isozyme": "Enzyme",
    "proteasome": "Protein",
    "antigen": "Protein",
}
# Words ending in -ase that are not enzymes.
_NOT_ENZYMES = {"release", "increase", "decrease", "phase", "base", "case", "disease", "ease",
                "cease", "erase", "purchase", "phrase", "chase", "database", "lease", "please",
                "vase", "showcase", "suitcase", "crease", "biphase", "alkalase"}  # fmt: skip

_SPACES = re.compile(r"\s+")
_PLURALS = [("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("s", "")]


def singular(word: str) -> str:
    """Return the singular of a head noun ("channels" -> "channel", "currents" -> "current")."""
    low = word.lower()
    if low.endswith(("ss", "us", "is", "sis")) or len(low) <= 3:
        return word
    for suffix, repl in _PLURALS:
        if low.endswith(suffix):
            return word[: len(word) - len(suffix)] + repl
    return word


def head_type(word: str) -> str | None:
    """Return the entity type a head word implies, or None."""
    low = singular(word.lower())
    if low in HEAD_TYPES:
        return HEAD_TYPES[low]
    if len(low) > 5 and low.endswith("ase") and low not in _NOT_ENZYMES:
        return "Enzyme"
    return None


def singular_phrase(phrase: str) -> str:
    """Singularise the last word of a phrase."""
    words = phrase.split(" ")
    words[-1] = singular(words[-1])
    return " ".join(words)


class EntityResolver:
    """Turn names into entities: the lexicon's when it knows the name, local ones otherwise.

    Parameters
    ----------
    lexicon : Lexicon
        Anything with ``lookup(name) -> list[Entity]``.
    """

    def __init__(self, lexicon) -> None:
        self.lexicon = lexicon
        self._cache: dict[tuple[str, str | None], Entity | None] = {}

    def lookup(self, name: str, group: str | None = None) -> Entity | None:
        """Return the lexicon's entity for a name (of a type family, when given), or None."""
        key = (name, group)
        if key in self._cache:
            return self._cache[key]
        found = None
        try:
            hits = self.lexicon.lookup(name) if name.strip() else []
        except (AttributeError, ValueError):
            hits = []
        for entity in hits:
            if group is None or group_of(entity.type) == group:
                found = entity
                break
        self._cache[key] = found
        return found

    def named(self, name: str, kind: str, broader: tuple[str, ...] = ()) -> Entity:
        """Return the entity a phrase names: the lexicon's, or a local one of type ``kind``."""
        name = _SPACES.sub(" ", name).strip()
        label = singular_phrase(name)
        group = group_of(kind)
        for candidate in (name, label):
            found = self.lookup(candidate, group)
            if found is not None:
                return found
        return Entity(local_id(label), label, kind, (), broader)

    def disease(self, name: str) -> Entity:
        """Return the disease a name means (the lexicon's, or a local one)."""
        return self.lookup(name, "Disease") or self.lookup(name) or Entity(local_id(name), name, "Disease")

    def condition(self, name: str) -> Entity | None:
        """Return the lexicon's adverse event or disease of this name, or None."""
        return self.lookup(name, "AdverseEvent") or self.lookup(name, "Disease")

    def process(self, thing: str, head: str) -> Entity:
        """Return the process "<thing> <head>" ("glutamate release"), looked up or local."""
        thing = _SPACES.sub(" ", thing).strip()
        for candidate in (f"{thing} {head}", f"{head} of {thing}", f"{singular_phrase(thing)} {head}"):
            found = self.lookup(candidate, "Effect")
            if found is not None:
                return found
        label = f"{singular_phrase(thing)} {head}"
        return Entity(local_id(label), label, "BiologicalProcess")

    def impairment(self, thing: str) -> Entity:
        """Return the adverse effect "impairment of <thing>", looked up or local."""
        thing = _SPACES.sub(" ", thing).strip()
        one = singular_phrase(thing)
        for candidate in (f"impairment of {thing}", f"impairment of {one}", f"{one} impairment",
                          f"impaired {one}", f"{one} deficit"):  # fmt: skip
            found = self.lookup(candidate)
            if found is not None and group_of(found.type) in ("Effect", "AdverseEvent", "Disease"):
                return found
        label = f"{one} impairment"
        return Entity(local_id(label), label, "AdverseEvent")


def is_target_type(kind: str) -> bool:
    """Return True for target types (receptor, channel, enzyme...)."""
    return is_subtype(kind, "Target")


@lru_cache(maxsize=65536)
def local_entity(label: str, kind: str) -> Entity:
    """Return the entity with a local id for a name the lexicon lacks, one object per name and
    type (the rules that find such names meet the same ones again and again)."""
    return Entity(local_id(label), label, kind)
