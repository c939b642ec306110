"""Split DrugProt abstracts into sentences and tokens, keeping entity mentions whole.

The splitter is a small rule set tuned for PubMed prose: a sentence ends at ``.``, ``!`` or
``?`` followed by white space and a capital letter, digit or opening bracket, unless the full
stop belongs to a common abbreviation or falls inside an entity mention. The tab between title
and abstract always ends a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BOUNDARY = re.compile(r"[.!?][\"')\]]?(?=\s+[\"'(\[]?[A-Z0-9])|\t")
_ABBREVIATIONS = frozenset(
    "e.g i.e vs al fig figs ref refs no nos approx ca cf dr eq etc resp sp spp st var viz".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")
TOKEN = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")
"""Tokens: runs of letters, numbers (with decimal points or commas), single other characters."""


def split_sentences(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``.

    Parameters
    ----------
    text : str
        The text (for DrugProt, ``title + "\\t" + abstract``).
    protected : sequence of (int, int)
        Spans (entity mentions) that a sentence boundary must not cut.

    Returns
    -------
    list of (int, int)
        Sentence spans in text order, stripped of surrounding white space.

    Examples
    --------
    >>> text = "Aspirin inhibits COX-1. It was given, e.g. daily. Done"
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['Aspirin inhibits COX-1.', 'It was given, e.g. daily.', 'Done']
    """
    inside = bytearray(len(text) + 1)
    for start, end in protected:
        for i in range(max(start, 0), min(end, len(text))):
            inside[i] = 1
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _BOUNDARY.finditer(text):
        cut = match.end()
        if match.group() != "\t":
            if inside[match.start()]:
                continue
            before = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
            if before:
                word = before.group(1).lower().rstrip(".")
                # "al.", "e.g.", single capitals ("J. Smith") are not sentence ends.
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        _add(text, begin, cut, spans)
        begin = cut
    _add(text, begin, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Return ``(token, start, end)`` triples of ``text[start:end]`` with absolute offsets.

    Examples
    --------
    >>> [t for t, _, _ in tokenize("IC50 = 2.5 uM (COX-2)")]
    ['IC', '50', '=', '2.5', 'uM', '(', 'COX', '-', '2', ')']
    """
    end = len(text) if end is None else end
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]
