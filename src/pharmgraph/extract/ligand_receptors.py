"""Receptors named by their ligand before "agonist" or "antagonist".

"A dopamine antagonist", "an opioid agonist", "a muscarinic antagonist", "an alpha-2 adrenergic
agonist", "has no opioid agonist activity": the word before the action noun names the receptor
by its ligand (an endogenous substance) or by the ligand's adjective, and what the drug acts on
is that receptor, never the ligand itself. :func:`ligand_receptors` replaces such a word with a
mention of the receptor the lexicon knows as ``"<word> receptor"`` (or the ligand's own name
with "receptor"), so that the grammar rules see the receptor.

Examples
--------
>>> from pharmgraph.extract.mentions import replace
>>> from pharmgraph.lexicon import Lexicon, Term
>>> lex = Lexicon([Term("x:d", "dopamine", "EndogenousSubstance"),
...                Term("x:dr", "dopamine receptor", "ProteinFamily")])
>>> text = "Haloperidol is a dopamine antagonist."
>>> found = ligand_receptors(text, text.lower(), [], lex, replace)
>>> [(m.text, m.entities[0].label) for m in found]
[('dopamine', 'dopamine receptor')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pharmgraph.extract.tokens import Mention, group_of
from pharmgraph.model import Entity

_ACTION = re.compile(r"\b(?:partial |inverse |full )?(?:ant)?agonis(?:t|ts|m|tic)\b")
# One or two words before the action noun: "opioid", "alpha-2 adrenergic", "beta adrenergic"
_BEFORE = re.compile(r"([A-Za-z0-9][\w-]*(?: [A-Za-z][\w-]*)?) $")
# What may sit before the action noun and name a receptor: an adjective of a ligand, or a
# word the lexicon knows as an endogenous substance
_ADJECTIVE = re.compile(r"(?:ergic|oid|inic|amine|amic|ine|in|ate|ide|al)$")
_RECEPTOR_GROUPS = ("Target",)


def _receptor(lexicon, words: str) -> Entity | None:
    """The receptor ``"<words> receptor"`` names in the lexicon, if any (the lexicon caches
    its lookups)."""
    for name in (f"{words} receptor", f"{words} receptors"):
        entities = [e for e in lexicon.lookup(name) if group_of(e.type) in _RECEPTOR_GROUPS]
        if entities:
            return entities[0]
    return None


def ligand_receptors(
    clean: str, low: str, mentions: list[Mention], lexicon,
    replace: Callable[[list[Mention], Mention], list[Mention]],
) -> list[Mention]:
    """Return ``mentions`` with the ligand word before each "agonist"/"antagonist" of the
    sentence replaced by a mention of its receptor (see the module notes).

    Parameters
    ----------
    clean, low : str
        The sentence's clean text and its lower-cased form.
    mentions : list of Mention
        The sentence's mentions so far, in text order.
    lexicon : Lexicon
        Where receptor names are looked up.
    replace : callable
        How a new mention replaces those it overlaps
        (:func:`pharmgraph.extract.mentions.replace`).
    """
    out = list(mentions)
    for action in _ACTION.finditer(low):
        before = _BEFORE.search(low, 0, action.start())
        if before is None:
            continue
        start, end = before.start(1), before.end(1)
        covering = [m for m in out if m.start < end and m.end > start]
        if any(group_of(m.entities[0].type) in _RECEPTOR_GROUPS for m in covering if m.entities):
            continue  # "a 5-HT3 receptor antagonist", "an H1 antagonist": named already
        if any(m.is_drug for m in covering):
            continue  # "a naloxone-like antagonist": a drug, not a receptor
        words = low[start:end]
        entity = None
        # the two words ("alpha-2 adrenergic"), else the last one ("opioid")
        for first in (start, start + words.find(" ") + 1 if " " in words else None):
            if first is None:
                continue
            part = low[first:end]
            named = [m for m in covering if m.start >= first]
            ligand = any(m.entities and m.entities[0].type == "EndogenousSubstance" for m in named)
            if not ligand and not _ADJECTIVE.search(part):
                continue
            entity = _receptor(lexicon, part)
            if entity is not None:
                start = first
                break
        if entity is None:
            continue
        out = replace(out, Mention(start, end, clean[start:end], (entity,), "ligand"))
    return out


__all__: Sequence[str] = ["ligand_receptors"]
