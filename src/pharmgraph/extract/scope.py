"""Which drugs of a sentence a statement may be about: comparison drugs are left out.

"Unlike X, Y does not block A", "in contrast to X, it ...", "more potent than X",
"compared with X": X is named to be set against the statement, so it never takes it, neither
as the subject of a relation nor as the antecedent of "it". :func:`compared_drugs` finds those
mentions; the relation rules and the anaphora resolver skip them.

Examples
--------
>>> from pharmgraph.model import Entity
>>> from pharmgraph.extract.tokens import Mention, tokenize
>>> x, y = Entity("x:1", "drugx", "Drug"), Entity("x:2", "drugy", "Drug")
>>> text = "Unlike drugx, drugy does not block it."
>>> toks = tokenize(text, [Mention(7, 12, "drugx", (x,)), Mention(14, 19, "drugy", (y,))])
>>> sorted(compared_drugs(toks))
[1]
"""

from __future__ import annotations

from collections.abc import Sequence

from pharmgraph.extract.folded import FoldedPattern
from pharmgraph.extract.tokens import Token

# Phrases that introduce the drug a statement is set against.
_OPENERS: tuple[tuple[str, ...], ...] = (
    ("unlike",),
    ("in", "contrast", "to"),
    ("in", "contrast", "with"),
    ("by", "contrast", "with"),
    ("contrary", "to"),
    ("compared", "with"),
    ("compared", "to"),
    ("in", "comparison", "with"),
    ("in", "comparison", "to"),
    ("as", "opposed", "to"),
    ("relative", "to"),
    ("similar", "to"),
    ("similarly", "to"),
    ("as", "with"),
    ("than",),
    ("instead", "of"),
    ("rather", "than"),
)
# Openers of a sentence whose drugs up to the first comma are co-medications, not agents.
_COMEDICATION_OPENERS = ("combined with", "when combined with", "in combination with", "together with",
                         "co-administered with", "coadministered with")
_SKIP = {"the", "a", "an", "other", "older", "classical", "conventional", "first-generation",
         "second-generation", "traditional", "that", "those", "of", "with"}  # fmt: skip
_COORD = {"and", "or", ",", "and/or", "nor"}
_DESCRIPTOR_BITS = {"r", "s", "-", "(", ")", "+", "l", "d", "racemic"}  # "than R-omeprazole", "(S)-"
# "unlike loop diuretics such as X", "in contrast to older agents like X": a class named
# first, then its members; the members are the comparison drugs.
_EXAMPLE_OPENERS: tuple[tuple[str, ...], ...] = (("such", "as"), ("like",), ("including",), ("e.g.",), ("e.g", "."), ("for", "example"))


_HINT = FoldedPattern(r"\b(?:unlike|contrast|contrary|compared|comparison|opposed|relative|similar(?:ly)?|as with|than|instead|combined|combination|together|co-?administered|coadministered)\b")


# What each phrase of _HINT holds (as a lower-cased ASCII sentence does, when it matches)
_HINT_PIECES = ("unlike", "contra", "compar", "opposed", "relative", "similar", "as with", "than", "instead",
                "combin", "together", "administered")  # fmt: skip


def may_compare(text: str) -> bool:
    """Cheap test: False when ``text`` holds no comparison phrase at all."""
    if text.isascii():
        low = text.lower()
        if not any(piece in low for piece in _HINT_PIECES):
            return False
        return _HINT.search(text, low) is not None
    return _HINT.search(text) is not None


def compared_drugs(tokens: Sequence[Token]) -> set[int]:
    """Return the indices of the drug mentions a comparison phrase introduces.

    Parameters
    ----------
    tokens : sequence of Token
        A sentence's tokens (mentions folded, :func:`pharmgraph.extract.tokens.tokenize`).

    Returns
    -------
    set of int
        Token indices of drugs named after "unlike", "in contrast to", "than", "compared
        with"... (with the drugs coordinated with them).
    """
    out: set[int] = set()
    n = len(tokens)
    lead = [t.low for t in tokens[:4] if t.mention is None]
    if " ".join(lead).startswith(_COMEDICATION_OPENERS):
        # "Combined with organic nitrates such as X, Y can cause ...": X is the co-medication
        for k, tok in enumerate(tokens):
            if tok.mention is None and tok.low in (",", ";", ":"):
                break
            if tok.mention is not None and tok.mention.is_drug:
                out.add(k)
    for i, tok in enumerate(tokens):
        if tok.mention is not None or tok.low not in ("unlike", "in", "by", "contrary", "compared", "as", "relative", "similar", "similarly", "than", "instead", "rather"):
            continue
        for opener in _OPENERS:
            end = i + len(opener)
            if end <= n and all(tokens[i + k].mention is None and tokens[i + k].low == w for k, w in enumerate(opener)):
                break
        else:
            continue
        k = _members_start(tokens, end)
        out.update(x for x in range(end, k) if tokens[x].mention is not None and tokens[x].mention.is_drug)
        skipped = 0
        while k < n and tokens[k].mention is None and (tokens[k].low in _SKIP or tokens[k].low in _DESCRIPTOR_BITS) and skipped < 6:
            k += 1
            skipped += 1
        while k < n and tokens[k].mention is not None and tokens[k].mention.is_drug:
            out.add(k)
            step = k + 1
            while step < n and tokens[step].mention is None and tokens[step].low in _COORD:
                step += 1
            words = {tokens[x].low for x in range(k + 1, step)}
            if step > k + 1 and step < n and tokens[step].mention is not None and tokens[step].mention.is_drug:
                if words - {","} or _list_goes_on(tokens, step):
                    k = step
                    continue
            break
    return out


def _members_start(tokens: Sequence[Token], k: int) -> int:
    """Where the compared drugs start after an opener ending at ``k``: past a class phrase
    and its "such as" ("unlike loop diuretics such as X" -> X), else ``k`` itself.

    A class phrase is at most five words or non-drug mentions (a class the lexicon knows, such
    as "loop diuretics"), with a comma allowed before "including". A drug mention ends the
    search unless the example word follows it at once (a class the lexicon types as a drug);
    the caller counts such a mention among the compared drugs too.
    """
    n = len(tokens)
    j = k
    while j < n and j < k + 6:
        tok = tokens[j]
        if j > k:
            at = j + 1 if tok.mention is None and tok.low == "," else j
            for example in _EXAMPLE_OPENERS:
                stop = at + len(example)
                if stop <= n and all(tokens[at + x].mention is None and tokens[at + x].low == w for x, w in enumerate(example)):
                    return stop
        if tok.mention is not None and tok.mention.is_drug and j > k:
            return k
        if tok.mention is None and (not tok.is_word or tok.low in _COORD):
            return k
        j += 1
    return k


def _list_goes_on(tokens: Sequence[Token], k: int) -> bool:
    """True when the drug at ``k`` is followed by "and"/"or" and another drug (a list
    "X, Y and Z"), not by the rest of the sentence ("Unlike X, Y blocks ...")."""
    n = len(tokens)
    step = k + 1
    while step < n and tokens[step].mention is None and tokens[step].low in _COORD:
        step += 1
    return step > k + 1 and step < n and tokens[step].mention is not None and tokens[step].mention.is_drug
