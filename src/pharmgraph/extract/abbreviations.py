"""Abbreviations a document defines: "voltage-gated sodium channel (VGSC)".

A short form in parentheses right after a long form becomes an alias of the long form's
entity for the rest of the document. The short form must look like an abbreviation (one word,
at most ten characters, a capital letter or digit among its first characters), and either its
letters appear in order in the long form, starting a word (Schwartz & Hearst, 2003), or the
long form is a name the lexicon already knows (``persistent sodium current (INaP)``, where
the symbol follows a field convention rather than the words).

Examples
--------
>>> schwartz_hearst("VGSC", "the voltage-gated sodium channel")
'voltage-gated sodium channel'
>>> schwartz_hearst("HPLC", "by high-performance liquid chromatography")
'high-performance liquid chromatography'
>>> schwartz_hearst("XYZ", "sodium channel") is None
True
>>> [(a.short, a.long_form) for a in find_definitions("blocks the sodium channel (NaC1) and ion channels (IC).")]
[('NaC1', None), ('IC', 'ion channels')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DEF_RE = re.compile(r"\(\s*([A-Za-z0-9][A-Za-z0-9αβγδκμ+\-/.,]{0,11}?)\s*\)")
_CITATION_RE = re.compile(r"^[0-9,\-–\s]+$|^(?:i|ii|iii|iv|v|vi|e\.g\.?|i\.e\.?|ref|fig)$", re.IGNORECASE)


@dataclass(frozen=True)
class Definition:
    """A short form and where its long form may lie (offsets in the sentence)."""

    short: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    long_form: str | None


def looks_like_abbreviation(short: str) -> bool:
    """Return True for strings such as ``VGSC``, ``INaP``, ``AO-33``, ``5-HT3``."""
    if not 2 <= len(short) <= 10 or " " in short:
        return False
    if _CITATION_RE.match(short):
        return False
    if not any(c.isalpha() for c in short):
        return False
    if sum(c.isupper() for c in short) < 1 and not any(c.isdigit() for c in short):
        return False
    return short[0].isalnum()


def schwartz_hearst(short: str, text_before: str) -> str | None:
    """Return the long form of ``short`` at the end of ``text_before``, or None.

    Walks the short form's letters from the end, finding each in the candidate text going
    backwards; the first letter must start a word.
    """
    chars = [c.lower() for c in short if c.isalnum()]
    if not chars:
        return None
    words = text_before.split()
    window = " ".join(words[-min(len(chars) + 5, len(chars) * 2) :])
    s_idx, l_idx = len(chars) - 1, len(window) - 1
    while s_idx >= 0:
        c = chars[s_idx]
        while l_idx >= 0 and (
            window[l_idx].lower() != c or (s_idx == 0 and l_idx > 0 and window[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = window.rfind(" ", 0, l_idx + 1) + 1
    long_form = window[start:].strip()
    if len(long_form) <= len(short):
        return None
    return long_form


def find_definitions(text: str) -> list[Definition]:
    """Return the candidate abbreviation definitions of a sentence.

    The long form is not decided here: the caller checks which mention ends right before the
    parenthesis; :attr:`Definition.long_form` holds the Schwartz–Hearst long form when found.
    """
    out = []
    for m in _DEF_RE.finditer(text):
        short = m.group(1).rstrip(".,")
        if not looks_like_abbreviation(short):
            continue
        before = text[: m.start()].rstrip()
        if not before or (not before[-1].isalnum() and before[-1] not in "+)-"):
            continue
        long_form = schwartz_hearst(short, before)
        long_start = len(before) - len(long_form) if long_form else len(before)
        out.append(Definition(short, m.start(1), m.start(1) + len(short), long_start, len(before), long_form))
    return out
