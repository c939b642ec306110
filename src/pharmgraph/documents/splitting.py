"""Sentence boundaries in cleaned text (citation markers already blanked).

A boundary is a run of ``.``, ``!`` or ``?`` followed by closing quotes or brackets, then white
space, then a capital letter, a digit or an opening bracket. A period does not end a sentence
after a known abbreviation (``e.g.``, ``i.p.``, ``et al.``, ``Fig.``, ``vs.``), after dotted
initialisms (``U.S.``), or after a single capital initial. Decimal numbers (``3.3%``) and names
such as ``S(+)-losigamone`` never contain a boundary because no white space follows the period.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    e.g i.e i.p i.v i.m s.c p.o i.c.v i.t et al vs v fig figs approx ca cf no nos vol vols ref
    refs dr mr mrs ms prof st sp spp eq eqs resp min max wt tab suppl inc ltd co corp jr sr dept
    univ ed eds p pp chap sect art viz e.m s.e.m s.d s.e conc temp est avg mol mmol
    """.split()
)

_PUNCT = re.compile(r"[.!?…]+")
_CLOSERS = "\"')]’”»"
_OPENERS = "\"'([“‘«"
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _is_abbreviation(clean: str, dot: int, floor: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation rather than a sentence."""
    begin = dot
    limit = max(floor, dot - 30)
    while begin > limit and not clean[begin - 1].isspace() and clean[begin - 1] not in "([{":
        begin -= 1
    token = clean[begin:dot]
    if not token:
        return False
    lowered = token.lower()
    if lowered in ABBREVIATIONS:
        return True
    if _DOTTED.fullmatch(token):
        return True
    return len(token) == 1 and token.isupper()


def split_sentences(clean: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``clean[start:end]`` into sentence spans (absolute offsets).

    Parameters
    ----------
    clean : str
        Cleaned text (see :func:`pharmgraph.documents.markup.scan_markup`).
    start, end : int
        The block to split.

    Returns
    -------
    list of (int, int)
        Each span runs from a sentence's first character to the next sentence's first
        character, so citation markers after a period stay with their sentence; trim trailing
        white space against the original text (blanked markers are spaces in ``clean``).

    Examples
    --------
    >>> text = "Doses (e.g. 20 mg/kg i.p.) were given. It worked in 3.3% of mice. Fig. 2 shows it."
    >>> [text[a:b].strip() for a, b in split_sentences(text, 0, len(text))]
    ['Doses (e.g. 20 mg/kg i.p.) were given.', 'It worked in 3.3% of mice.', 'Fig. 2 shows it.']
    """
    starts = [start]
    for match in _PUNCT.finditer(clean, start, end):
        position = match.end()
        while position < end and clean[position] in _CLOSERS:
            position += 1
        if position < end and not clean[position].isspace():
            continue
        following = position
        while following < end and clean[following].isspace():
            following += 1
        if following >= end:
            break
        nxt = clean[following]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            continue
        if match.group() == "." and _is_abbreviation(clean, match.start(), start):
            continue
        starts.append(following)
    spans: list[tuple[int, int]] = []
    for index, begin in enumerate(starts):
        finish = starts[index + 1] if index + 1 < len(starts) else end
        spans.append((begin, finish))
    return spans
