"""Drugs a sentence names as an earlier or background treatment, not as its subject.

Labels and trial reports place the drug they speak of against the treatment the patients had
before or have beside it: "cancer that has responded to platinum-based chemotherapy", "after
progression on enzalutamide", "previously treated with a taxane", "refractory to
methotrexate", "men receiving androgen deprivation therapy". Such a drug is neither the drug in
focus of what follows nor the subject of an indication or adverse-event list.

Examples
--------
>>> text = "Prostate cancer after progression on enzalutamide"
>>> start = text.index("enzalutamide")
>>> named_as_prior_therapy(text, start, start + len("enzalutamide"))
True
>>> named_as_prior_therapy("Olaparib is a PARP inhibitor", 0, 8)
False
"""

from __future__ import annotations

import re

# Words just before the drug: what the patients had already received, or failed on.
_PRIOR_BEFORE = re.compile(
    r"(?:progression (?:on|after|following|during|with)|progressed (?:on|after|following|during)|"
    r"(?:previously|prior|already|heavily) (?:treated|pretreated) with|pre-?treated with|"
    r"(?:failure|failed|failing) (?:of|on|with)|refractory to|resistant to|intolerant (?:of|to)|"
    r"(?:prior|previous|earlier|first-line|second-line) (?:treatment|therapy) with|despite)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+(?:\s*,\s*|\s+(?:or|and|and/or)\s+)){0,3}$",
    re.IGNORECASE,
)
# Words just after the drug: a regimen built on it, or the absence of it.
_PRIOR_AFTER = re.compile(
    r"^(?:-based\b|\s+deprivation\b|-containing\b|\s+withdrawal\b)", re.IGNORECASE
)


def named_as_prior_therapy(clean: str, start: int, end: int) -> bool:
    """True when the drug at ``clean[start:end]`` is an earlier or background treatment.

    Parameters
    ----------
    clean : str
        The sentence's text.
    start, end : int
        The drug mention's offsets in ``clean``.
    """
    if _PRIOR_AFTER.match(clean, end) or _PRIOR_AFTER.match(clean[end : end + 16]):
        return True
    return _PRIOR_BEFORE.search(clean[max(0, start - 40) : start]) is not None
