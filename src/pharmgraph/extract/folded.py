"""Case-insensitive patterns that run as case-sensitive ones on lower-cased ASCII text.

Python's ``re`` cannot skip ahead to the first letter a case-insensitive pattern can start
with, so such a pattern tries every position of a sentence. Written in lower case and run on
the lower-cased sentence, the same pattern skips ahead and finds the same matches at the same
offsets, as long as the sentence is ASCII (lower-casing then keeps every offset, and no other
character folds to an ASCII letter). A :class:`FoldedPattern` does that for ASCII text and
falls back to the case-insensitive pattern for any other text.

Examples
--------
>>> p = FoldedPattern(r"\\bmechanisms?\\b")
>>> p.search("Its MECHANISM is unknown.").span()
(4, 13)
>>> p.search("Ce mécanisme; its Mechanisms").span()
(18, 28)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ESCAPE = re.compile(r"\\.")


class FoldedPattern:
    """A case-insensitive regular expression, fast on ASCII text.

    Parameters
    ----------
    pattern : str
        The expression, in lower-case ASCII (escapes such as ``\\b``, ``\\s``, ``\\W`` are
        fine).
    flags : int, optional
        Other ``re`` flags (``re.IGNORECASE`` is always added for non-ASCII text).

    Raises
    ------
    ValueError
        When the pattern holds an upper-case or non-ASCII character outside an escape (it
        would not match lower-cased text the way the case-insensitive pattern matches).

    Notes
    -----
    On ASCII text the returned match is one over ``text.lower()``: use its offsets, not its
    ``group()``, when the case of the text matters.
    """

    __slots__ = ("_folded", "_insensitive", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        bare = _ESCAPE.sub("", pattern)
        if not pattern.isascii() or bare != bare.lower():
            raise ValueError(f"a folded pattern is written in lower-case ASCII: {pattern!r}")
        self.pattern = pattern
        self._insensitive = re.compile(pattern, flags | re.IGNORECASE)
        self._folded = re.compile(pattern, flags & ~re.IGNORECASE)

    def search(self, text: str, low: str | None = None) -> re.Match | None:
        """Return the first match in ``text`` (``low``: ``text.lower()`` when the caller has it)."""
        if text.isascii():
            return self._folded.search(text.lower() if low is None else low)
        return self._insensitive.search(text)

    def match(self, text: str, low: str | None = None) -> re.Match | None:
        """Return the match at the start of ``text``, or None."""
        if text.isascii():
            return self._folded.match(text.lower() if low is None else low)
        return self._insensitive.match(text)

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match]:
        """Return the non-overlapping matches in ``text``, left to right."""
        if text.isascii():
            return self._folded.finditer(text.lower() if low is None else low)
        return self._insensitive.finditer(text)
