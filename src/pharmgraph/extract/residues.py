"""Amino-acid residues of a protein are places on it, not chemicals.

"Osimertinib binds covalently to cysteine 797 of EGFR", "aspirin acetylates serine 530 of
COX-1", "the Cys797Ser mutation": an amino acid followed by its position names a residue of the
protein after it. The lexicon knows the amino acids as chemicals (L-serine, L-cysteine), and a
chemical there would take the statement meant for the protein, or be read as a part of it.
:func:`drop_residues` removes such mentions, so that the rules reach the protein.

Examples
--------
>>> from pharmgraph.extract.tokens import Mention
>>> from pharmgraph.model import Entity
>>> text = "It binds to cysteine 797 of EGFR."
>>> cys = Mention(12, 20, "cysteine", (Entity("x:cys", "L-cysteine", "EndogenousSubstance"),))
>>> [m.text for m in drop_residues(text, [cys])]
[]
"""

from __future__ import annotations

import re

from pharmgraph.extract.tokens import Mention

AMINO_ACIDS = frozenset({
    "alanine", "arginine", "asparagine", "aspartate", "aspartic acid", "cysteine", "glutamate", "glutamic acid",
    "glutamine", "glycine", "histidine", "isoleucine", "leucine", "lysine", "methionine", "phenylalanine",
    "proline", "serine", "threonine", "tryptophan", "tyrosine", "valine", "selenocysteine",
})
_POSITION = re.compile(r"\s*(?:residue\s+)?-?\d{1,4}\b")


def drop_residues(clean: str, mentions: list[Mention]) -> list[Mention]:
    """Return ``mentions`` without the amino acids that a position number follows (see the
    module notes)."""
    out = []
    for m in mentions:
        name = m.text.lower()
        if name.startswith("l-"):
            name = name[2:]
        if name in AMINO_ACIDS and _POSITION.match(clean, m.end):
            continue
        out.append(m)
    return out


__all__ = ["AMINO_ACIDS", "drop_residues"]
