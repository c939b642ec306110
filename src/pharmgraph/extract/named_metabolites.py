"""Metabolites the lexicon does not know, recognised by the apposition that names them.

A text that brings in a metabolite usually says so beside its name: "to endoxifen, its most
potent metabolite", "M2, an inactive metabolite", "norfoo, the main circulating metabolite".
A single word in that place that no lexicon name covers is read as a drug of its own (a local
identifier, ``pharmgraph:<name>``), so that what the text says of it, and what it comes from,
can be stated.

Examples
--------
>>> text = "Tamoxifen depends on CYP2D6 to form endoxifen, its most potent metabolite."
>>> [(text[s:e], d.label, d.type) for s, e, d in appositive_metabolites(text)]
[('endoxifen', 'endoxifen', 'Drug')]
>>> appositive_metabolites("The drug, an active metabolite of X, acts.")
[]
"""

from __future__ import annotations

import re

from pharmgraph.extract.entities import local_entity
from pharmgraph.model import Entity

# "W, its (most potent|active|major) metabolite", "W, an inactive metabolite"
_APPOSITION = re.compile(
    r"(?<![\w-])(?P<name>[A-Za-z][a-z0-9]*(?:-[a-z0-9]+)*),\s+(?:its|an?|the|their)\s+"
    r"(?:[a-z-]+\s+){0,3}metabolites?\b"
)
# Words that may stand before such an apposition and are not names
_NOT_NAMES = frozenset({
    "drug", "drugs", "compound", "compounds", "agent", "product", "products", "form", "forms", "it", "this",
    "that", "which", "and", "or", "acid", "ester", "salt", "moiety", "derivative", "substance", "prodrug",
    "molecule", "enzyme", "liver", "kidney", "plasma", "urine", "bile", "faeces", "feces", "parent", "one",
    "two", "three", "first", "second", "both", "each", "also", "however", "example", "instance",
})  # fmt: skip


def appositive_metabolites(text: str) -> list[tuple[int, int, Entity]]:
    """Return ``(start, end, entity)`` for each word ``text`` names as a metabolite by apposition.

    Parameters
    ----------
    text : str
        A sentence's clean text.

    Returns
    -------
    list of (int, int, Entity)
        Offsets of each such word and a drug entity with a local identifier. The caller keeps
        only those that no lexicon mention overlaps.
    """
    out = []
    for match in _APPOSITION.finditer(text):
        name = match.group("name")
        low = name.lower()
        if len(low) < 5 or low in _NOT_NAMES or low.endswith(("ly", "ing", "ed", "ion", "ase")):
            continue
        entity = local_entity(low, "Drug")
        out.append((match.start("name"), match.end("name"), entity))
    return out
