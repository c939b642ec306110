"""ECG intervals that a drug lengthens: "prolongs the QT interval" names QT prolongation.

An adverse effect on the heart's rhythm is often written as a verb and an interval rather than
as a condition's name: "may prolong the QT interval", "lengthened the QTc interval",
"prolongation of the PR interval". :func:`interval_mentions` finds those places; the
interval becomes a mention of the condition (QT, PR or QRS prolongation), so that the verb
before it reads as causing it ("prolong" is a causing lemma, :data:`~.triggers.CAUSING`).

Examples
--------
>>> text = "Drug X may prolong the QTc interval."
>>> [(text[s:e], label) for s, e, label in interval_mentions(text)]
[('the QTc interval', 'QT prolongation')]
>>> text = "It caused prolongation of the PR interval."
>>> [(text[s:e], label) for s, e, label in interval_mentions(text)]
[('prolongation of the PR interval', 'PR prolongation')]
"""

from __future__ import annotations

import re

_NAMES = {"qt": "QT prolongation", "qtc": "QT prolongation", "pr": "PR prolongation", "qrs": "QRS prolongation"}

_INTERVAL = r"(?:the\s+|a\s+)?(?:(?:rate-|heart[- ]rate[- ])?corrected\s+)?(?P<which>QTc?|PR|QRS)(?:\s*-?\s*(?:interval|duration|complex))"
# "prolongs the QT interval" (the verb stays a token: the mention is the interval)
_VERB_RE = re.compile(r"\b(?:prolong(?:s|ed|ing)?)\s+(?P<span>" + _INTERVAL + r")\b")
# "prolongation of the QT interval", "lengthening of the QTc interval" (one name)
_NOUN_RE = re.compile(r"\b(?P<span>(?:prolongation|lengthening|widening)\s+of\s+" + _INTERVAL + r")\b")


def interval_mentions(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, condition label)`` for each lengthened ECG interval in ``text``.

    Parameters
    ----------
    text : str
        A sentence's clean text.
    """
    out: list[tuple[int, int, str]] = []
    for pattern in (_NOUN_RE, _VERB_RE):
        for m in pattern.finditer(text):
            start, end = m.span("span")
            if any(s < end and start < e for s, e, _ in out):
                continue
            out.append((start, end, _NAMES[m.group("which").lower()]))
    out.sort()
    return out
