"""The drug a monograph or a label is titled by, when the lexicon does not know it.

A monograph's title is often the drug's name alone ("Sugammadex"), and a label's title the
name in capitals before its dosage form ("ZORBATIDE injection, for intravenous use"). When no
lexicon name and no drug-name stem covers that word, the document still says what it is: its
first sentences open with the word ("Sugammadex is a modified cyclodextrin ...") or name it
again and again. Such a word is read as a drug of its own (a local identifier), so that the
document has a drug in focus and its statements have a subject.

Examples
--------
>>> title_drug("Zorbatide", ["Zorbatide is a modified cyclodextrin.", "It binds X."]).label
'zorbatide'
>>> title_drug("Hypertension", ["Hypertension is a disease of the arteries."]) is None
True
>>> title_drug("Drug treatment of gout", ["Gout is common."]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pharmgraph.identifiers import local_id
from pharmgraph.model import Entity

# A title word, then optionally what a label adds after it ("tablets, for oral use")
_TITLE_RE = re.compile(
    r"^\s*(?P<name>[A-Za-z][a-z]{4,}|[A-Z]{5,})(?:\s+(?:injection|tablets?|capsules?|for|oral|solution|suspension|"
    r"extended-release|delayed-release|cream|gel|patch|inhalation|powder|use|intravenous|subcutaneous|ophthalmic|"
    r"topical|and|,)\b[\s,]*)*(?:\(\w+\))?\s*$"
)
# A defining opening: "W is a ...", "W (brand) is an ...", "W, a ..."
_DEFINES = r"^\s*{name}\b(?:\s*\([^)]*\))?(?:\s+is\s+an?\b|\s+is\s+the\b|,\s+an?\b)"
# What a defining sentence says a drug is, or what it is for
_DRUG_WORDS = re.compile(
    r"\b(?:inhibitors?|antagonists?|agonists?|blockers?|antibod(?:y|ies)|analog(?:ue)?s?|derivatives?|agents?|"
    r"drugs?|medicines?|medications?|compounds?|prodrugs?|modulators?|cyclodextrins?|salts?|antidotes?|vaccines?|"
    r"antibiotics?|antivirals?|antifungals?|used to|used for|"
    r"indicated|given (?:to|for))\b",
    re.IGNORECASE,
)
_CACHE: dict[str, Entity] = {}


def title_drug(title: str | None, first_sentences: Sequence[str]) -> Entity | None:
    """Return a drug entity for the title word the document's first sentences define, or None.

    Parameters
    ----------
    title : str or None
        The document's title.
    first_sentences : sequence of str
        The clean text of the document's first few sentences.

    Notes
    -----
    The caller asks only when the lexicon matched nothing in the title, so a known disease or
    drug name never gets here. The defining sentence must open with the title word itself:
    "Hypertension is common" would pass this test, which is why only a title with no lexicon
    match is offered.
    """
    if not title:
        return None
    match = _TITLE_RE.match(title)
    if match is None:
        return None
    name = match.group("name")
    pattern = re.compile(_DEFINES.format(name=re.escape(name)), re.IGNORECASE)
    if not any(pattern.match(text) and _DRUG_WORDS.search(text) for text in first_sentences[:4]):
        return None
    low = name.lower()
    entity = _CACHE.get(low)
    if entity is None:
        entity = _CACHE.setdefault(low, Entity(local_id(low), low, "Drug"))
    return entity
