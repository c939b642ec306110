"""How names and text are reduced to comparable keys.

Names and text go through the same tokenizer, so that the spellings a reader meets for one
name reduce to one key:

- case is folded (``GABA`` and ``gaba``); accents are dropped (``Sjögren`` -> ``sjogren``);
- Greek letters become their names (``α1`` and ``alpha1`` -> ``alpha 1``; ``µ``/``μ`` -> ``mu``);
- letters and digits are split apart (``Nav1.1`` and ``Nav 1.1`` -> ``nav 1.1``);
- hyphens, spaces, brackets and other punctuation only separate tokens (``GABA-A``,
  ``GABA(A)`` and ``GABA A`` -> ``gaba a``);
- a ``+`` sign is a token of its own (``Na+``, ``Na(+)`` -> ``na +``); a ``-`` sign is a
  separator like a hyphen (``R(-)-losigamone`` -> ``r losigamone``);
- a possessive ``'s`` is dropped (``Alzheimer's`` -> ``alzheimer``).

A key is the tokens joined by single spaces, with one leading space so that a key can only
match at the start of a token.

Examples
--------
>>> name_key("GABA(A) receptor") == name_key("GABA-A receptor") == " gaba a receptor"
True
>>> name_key("S(+) -losigamone")
' s + losigamone'
>>> name_key("α1 subunit"), name_key("Nav1.1")
(' alpha 1 subunit', ' nav 1.1')
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import not_

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "µ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma",
    "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "ϐ": "beta", "ϑ": "theta", "ϕ": "phi", "ϵ": "epsilon",
}  # fmt: skip
GREEK.update({k.upper(): v for k, v in list(GREEK.items()) if k.upper() != k and k != "ς"})
_GREEK_CLASS = "".join(sorted(GREEK))

# One token: a Greek letter, a run of other letters, a number (with decimal point or comma
# between digits), or a plus sign. Everything else separates tokens.
TOKEN_RE = re.compile(rf"[{_GREEK_CLASS}]|[^\W\d_{_GREEK_CLASS}]+|\d+(?:[.,]\d+)*|[+＋⁺]")
_APOSTROPHES = "'’`´"


@dataclass(frozen=True)
class Tokens:
    """The tokens of a string with where each lies in it.

    Attributes
    ----------
    norm : list of str
        Folded tokens (lower case, Greek spelled out, accents dropped).
    cased : list of str
        The same tokens with their case kept (for names matched case-sensitively).
    starts, ends : list of int
        Character offsets of each token in the original string (end exclusive).
    """

    norm: list[str]
    cased: list[str]
    starts: list[int]
    ends: list[int]

    def key(self) -> str:
        """Return the tokens as a key: each token preceded by one space."""
        return " " + " ".join(self.norm) if self.norm else ""

    def glued(self, i: int) -> bool:
        """Return True when token ``i`` touches token ``i - 1`` and both are alphanumeric.

        Such a pair is one word in the original (``SCN`` + ``1`` in ``SCN1A``), so a match may
        not begin or end between them.
        """
        return (
            0 < i < len(self.norm)
            and self.starts[i] == self.ends[i - 1]
            and self.norm[i] != "+"
            and self.norm[i - 1] != "+"
        )


def _fold(token: str) -> str:
    if token.isascii():
        return token.lower()
    if token in GREEK:
        return GREEK[token]
    if token in "＋⁺":
        return "+"
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _cased(token: str) -> str:
    if token.isascii():
        return token
    if token in GREEK:
        return GREEK[token]
    if token in "＋⁺":
        return "+"
    return token


# The token pattern as one group: splitting on it gives separator, token, separator, ...
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
# The same for ASCII text, where a letter is [A-Za-z] and a digit [0-9] (a third faster)
_ASCII_SPLIT_RE = re.compile(r"([A-Za-z]+|[0-9]+(?:[.,][0-9]+)*|\+)")
_POSSESSIVE_RE = re.compile(rf"[{_APOSTROPHES}][sS]")


def _drop_possessives(text: str, cased: list[str], starts: list[int], ends: list[int]) -> None:
    """Remove possessive ``'s`` tokens (an ``s`` after an apostrophe, ending the word) in place."""
    drop = []
    for m in _POSSESSIVE_RE.finditer(text):
        start = m.start() + 1
        i = bisect_left(starts, start)
        if i < len(starts) and starts[i] == start and ends[i] == start + 1:
            end = start + 1
            if end == len(text) or not text[end].isalnum():
                drop.append(i)
    for i in reversed(drop):
        del cased[i], starts[i], ends[i]


def tokenize(text: str) -> Tokens:
    """Split ``text`` into tokens (see the module docstring) with their offsets."""
    # separators and tokens alternate (separators first and last, maybe empty), so the
    # offsets are the running sums of their lengths
    ascii_only = text.isascii()
    parts = (_ASCII_SPLIT_RE if ascii_only else _SPLIT_RE).split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    cased = parts[1::2]
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    if _POSSESSIVE_RE.search(text) is not None:
        _drop_possessives(text, cased, starts, ends)
    norm = list(map(str.lower, cased))
    if not ascii_only:
        for i in compress(range(len(cased)), map(not_, map(str.isascii, cased))):
            tok = cased[i]
            norm[i] = _fold(tok)
            cased[i] = _cased(tok)
    return Tokens(norm, cased, starts, ends)


_PLAIN_RE = re.compile(r"[a-z]+(?: [a-z]+)*")


def _name_tokens(name: str) -> list[str]:
    """Return a name's tokens with their case kept, possessive 's dropped."""
    if _PLAIN_RE.fullmatch(name):
        return name.split(" ")
    out = []
    for m in TOKEN_RE.finditer(name):
        tok = m.group()
        if (tok == "s" or tok == "S") and _is_possessive(name, m):
            continue
        out.append(tok)
    return out


def name_key(name: str) -> str:
    """Return the key of a name: its folded tokens, each preceded by one space."""
    if _PLAIN_RE.fullmatch(name):
        return " " + name
    return "".join(" " + _fold(t) for t in _name_tokens(name))


def _is_possessive(text: str, m: re.Match) -> bool:
    start = m.start()
    return (
        start > 0
        and text[start - 1] in _APOSTROPHES
        and (m.end() == len(text) or not text[m.end()].isalnum())
    )


def key_variants(name: str) -> list[str]:
    """Return the keys a name is matched under: its key, plus spelling variants.

    A single-letter token after a word is also joined to it (``GABA-A`` -> ``gabaa``), and a
    name ending in ``y`` also gets its ``-ies`` plural (``-s``/``-es`` plurals are handled
    when matching).

    Examples
    --------
    >>> key_variants("GABA-A receptor")
    [' gaba a receptor', ' gabaa receptor']
    >>> key_variants("ion channel family")
    [' ion channel family', ' ion channel families']
    """
    return variants_of([_fold(t) for t in _name_tokens(name)])


def variants_of(tokens: list[str]) -> list[str]:
    """Return the keys for a name's folded tokens (see :func:`key_variants`)."""
    if not tokens:
        return []
    keys = ["".join(" " + t for t in tokens)]
    if any(len(t) == 1 for t in tokens[1:]):
        joined: list[str] = []
        for tok in tokens:
            if (
                joined
                and len(tok) == 1
                and tok.isalpha()
                and joined[-1].isalpha()
                and len(joined[-1]) > 1
            ):
                joined[-1] += tok
            else:
                joined.append(tok)
        if len(joined) != len(tokens):
            keys.append("".join(" " + t for t in joined))
    last = tokens[-1]
    if len(last) > 3 and last[-1] == "y" and last[-2] not in "aeiou":
        keys.extend(k[:-1] + "ies" for k in list(keys))
    return keys


def analyze_name(name: str, exact: bool = False) -> tuple[list[str], str | None]:
    """Return a name's keys and, when ``exact``, its case-kept tokens joined (else None)."""
    tokens = _name_tokens(name)
    cased = "".join(_cased(t) for t in tokens) if exact else None
    return variants_of([_fold(t) for t in tokens]), cased


def cased_tokens(name: str) -> tuple[str, ...]:
    """Return a name's tokens with their case kept (used for case-sensitive matching)."""
    return tuple(_cased(t) for t in _name_tokens(name))
