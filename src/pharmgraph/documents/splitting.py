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
    refs dr mr mrs ms prof st sp spp eq eqs resp wt tab suppl inc ltd co corp jr sr dept
    univ ed eds p pp chap sect art viz e.m s.e.m s.d s.e conc temp
    """.split()
)

# Sentence-final punctuation, closing quotes or brackets, white space, then the next character.
_BOUNDARY = re.compile(r"([.!?…]+)[\"')\]’”»]*(\s+)(?=(\S))")
_TOKEN_BEFORE = re.compile(r"[^\s(\[{]+$")
_OPENERS = "\"'([“‘«"
_OPENING_MARKUP = "*_`[\\"
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _is_abbreviation(clean: str, dot: int, floor: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation rather than a sentence."""
    match = _TOKEN_BEFORE.search(clean, max(floor, dot - 30), dot)
    if not match:
        return False
    token = match.group()
    if token.lower() in ABBREVIATIONS or _DOTTED.fullmatch(token):
        return True
    return len(token) == 1 and token.isupper()


def split_sentences(
    clean: str, start: int, end: int, text: str | None = None
) -> list[tuple[int, int]]:
    """Split ``clean[start:end]`` into sentence spans (absolute offsets).

    Parameters
    ----------
    clean : str
        Cleaned text (see :func:`pharmgraph.documents.markup.scan_markup`).
    start, end : int
        The block to split.
    text : str, optional
        The original text; when given, a sentence starts at the opening markup
        (``**``, ``[``) just before its first word rather than after it.

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
    for match in _BOUNDARY.finditer(clean, start, end):
        nxt = match.group(3)
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            continue
        if match.group(1) == "." and _is_abbreviation(clean, match.start(1), start):
            continue
        following = match.end()
        if text is not None:
            while following > match.start(2) and text[following - 1] in _OPENING_MARKUP:
                following -= 1
        starts.append(following)
    spans: list[tuple[int, int]] = []
    for index, begin in enumerate(starts):
        finish = starts[index + 1] if index + 1 < len(starts) else end
        spans.append((begin, finish))
    return spans
