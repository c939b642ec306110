"""Conditions the lexicon does not know, recognised by the ending of their name.

Medical names of conditions are built from a few Greek and Latin endings: inflammation
("hypophysitis", "pneumonitis"), disease ("tubulopathy"), pain ("coccydynia", "glossalgia"),
too few cells ("lymphopenia"), something in the blood or urine ("hyperkalaemia",
"myoglobinuria"), paralysis ("ophthalmoplegia"). A word with such an ending that no lexicon
name covers is read as a condition of its own (a local identifier), with the adjective of place
before it when there is one ("proximal tubulopathy"), so that the drug that causes or treats it
keeps its statement.

Examples
--------
>>> [(text[s:e], d.type) for text in ["Ipilimumab caused hypophysitis."] for s, e, d in condition_words(text)]
[('hypophysitis', 'Disease')]
>>> [e.label for _, _, e in condition_words("Six developed proximal tubulopathy.")]
['proximal tubulopathy']
>>> condition_words("Sympathy and nostalgia are no conditions.")
[]
"""

from __future__ import annotations

import re

from pharmgraph.extract.entities import local_entity
from pharmgraph.model import Entity

_ENDINGS = (
    "itis",
    "pathy",
    "algia",
    "dynia",
    "penia",
    "cytosis",
    "aemia",
    "emia",
    "uria",
    "plegia",
    "paresis",
)
_WORD_RE = re.compile(
    r"(?<![\w-])(?:(?P<adj>[a-z]{4,}(?:al|ic|ous|ary|ile|ar))\s+)?(?P<name>[a-z]{4,}(?:"
    + "|".join(_ENDINGS)
    + r"))\b"
)
# Words with those endings that name no condition
_NOT_CONDITIONS = frozenset({
    "sympathy", "empathy", "telepathy", "antipathy", "homeopathy", "homoeopathy", "naturopathy", "osteopathy",
    "nostalgia", "academia", "bohemia",
})  # fmt: skip
# Adjectives that qualify the patients or the course, not the name
_NOT_PLACE = frozenset({"clinical", "typical", "atypical", "several", "usual", "unusual", "severe", "mild", "chronic",
                        "acute", "serious", "occasional", "fatal", "general", "initial", "additional", "potential",
                        "dangerous", "various", "numerous", "previous", "rare"})  # fmt: skip
HINT = re.compile("|".join(_ENDINGS))
"""Cheap test: a sentence without any of these endings names no such condition."""


def condition_words(text: str) -> list[tuple[int, int, Entity]]:
    """Return ``(start, end, entity)`` for each condition named by its ending in ``text``.

    Parameters
    ----------
    text : str
        A sentence's clean text.

    Returns
    -------
    list of (int, int, Entity)
        Offsets and a ``Disease`` entity with a local identifier; the caller keeps those that
        no lexicon mention overlaps (the lexicon's name wins).
    """
    out = []
    low_text = text.lower()
    for match in _WORD_RE.finditer(low_text):
        name = match.group("name")
        if name in _NOT_CONDITIONS:
            continue
        adj = match.group("adj")
        start = match.start("adj") if adj and adj not in _NOT_PLACE else match.start("name")
        end = match.end("name")
        label = low_text[start:end]
        entity = local_entity(label, "Disease")
        out.append((start, end, entity))
    return out
