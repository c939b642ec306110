"""Enantiomers: "S(+)-losigamone", "the R(-)-enantiomer", "the S(+) isomer", "(S)-citalopram".

An enantiomer is a drug of its own, linked to its parent drug by an ``enantiomer_of``
statement. Names that carry the parent ("S(+)-losigamone") name it directly; bare forms
("the S(+)-enantiomer") mean the document's drug, or the parent of the last enantiomer named.

Examples
--------
>>> [descriptor_parts(m) for m in DESCRIPTOR_RE.finditer("S(+)-losigamone and (R)-x, S1 and R2")]
[('S', '+'), ('R', None)]
>>> is_enantiomer_name("S(+)-losigamone"), is_enantiomer_name("losigamone")
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from pharmgraph.identifiers import local_id
from pharmgraph.model import Entity

_SIGN = r"[+\-−–]"
#: A stereo descriptor: "S(+)", "R(-)", "(S)", "(R)-(-)", "(+)" / "(-)".
DESCRIPTOR_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?:(?P<letter>[RS])\s*\(\s*(?P<sign>{_SIGN})\s*\)"
    rf"|\(\s*(?P<letter2>[RS])\s*\)(?:\s*-?\s*\(\s*(?P<sign2>{_SIGN})\s*\))?"
    rf"|\(\s*(?P<sign3>[+\-−])\s*\)(?=\s*-))"
)
#: "enantiomer"/"isomer"/"form" after a descriptor.
BARE_RE = re.compile(r"\s*-?\s*(?:enantiomer|isomer|stereoisomer|form)s?\b", re.IGNORECASE)
_NAME_RE = re.compile(rf"^\s*(?:\(?[RS]\)?\s*(?:\(\s*{_SIGN}\s*\))?|\(\s*{_SIGN}\s*\))\s*-\s*\S")


@lru_cache(maxsize=65536)
def is_enantiomer_name(name: str) -> bool:
    """Return True when a name starts with a stereo descriptor ("S(+)-x", "(R)-x")."""
    return bool(_NAME_RE.match(name))


def descriptor_parts(match: re.Match) -> tuple[str | None, str | None]:
    """Return (letter, sign) of a descriptor match, signs folded to ``+``/``-``."""
    letter = match.group("letter") or match.group("letter2")
    sign = match.group("sign") or match.group("sign2") or match.group("sign3")
    if sign is not None:
        sign = "+" if sign == "+" else "-"
    return letter, sign


def enantiomer_label(letter: str | None, sign: str | None, parent: Entity) -> str:
    """Return the label of an enantiomer: ``S(+)-losigamone``, ``(R)-x``, ``(+)-x``."""
    if letter and sign:
        return f"{letter}({sign})-{parent.label}"
    if letter:
        return f"({letter})-{parent.label}"
    return f"({sign})-{parent.label}"


def make_enantiomer(letter: str | None, sign: str | None, parent: Entity, resolver) -> Entity:
    """Return the enantiomer entity: the lexicon's when it knows the name, else a local one."""
    label = enantiomer_label(letter, sign, parent)
    names = [label]
    if letter:
        names += [f"{letter}-{parent.label}", f"({letter})-{parent.label}"]
    for name in names:
        found = resolver.lookup(name, "Drug")
        if found is not None and found.id != parent.id:
            return found
    key = f"{letter or ''}{'' if letter else ('plus' if sign == '+' else 'minus')}-{parent.label}"
    synonyms = tuple(n for n in names[1:] if n != label)
    return Entity(local_id(key), label, "Drug", synonyms, (parent.id,))
