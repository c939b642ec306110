"""Clauses, negation and hedging: a compact NegEx/ConText-style rule engine.

A sentence's tokens are grouped into clauses. A clause ends at a semicolon or colon, at a
contrast word ("but", "whereas", "instead"...) and before a relative pronoun that follows a
comma (", which"); text in parentheses is a clause of its own. Negation cues ("not", "no",
"without", "failed") look forward within their clause; hedging cues ("may", "is thought to",
"proposed", "suggests") cover the stretch of the sentence up to a contrast word.

A statement is negated when a cue lies between its first element (subject or trigger) and its
object in the same clause; it is hedged when a hedging cue lies in the same stretch. Flags are
only ever added: a negated finding is kept, flagged, never turned into a positive one.

Examples
--------
>>> from pharmgraph.extract.tokens import tokenize
>>> toks = tokenize("It does not bind the site, but it binds the pore.")
>>> c = Clauses(toks)
>>> c.negated(0, 4), c.negated(8, 11)
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from pharmgraph.extract.tokens import Token
from pharmgraph.extract.triggers import (
    AIM_VERBS,
    CONTRAST_WORDS,
    HEDGE_CUES,
    NEGATION_CUES,
    PSEUDO_NEGATION_AFTER,
    RELATIVE_PRONOUNS,
)

_STRONG_BREAKS = {";", "?", "!"}
_CLAUSE_BREAKS = {";", ":", "?", "!"}
# Every word that opens or closes a clause or a segment in Clauses (the rest never do).
_STRUCTURE_WORDS = frozenset({"(", "[", ")", "]", *_CLAUSE_BREAKS, *CONTRAST_WORDS, *RELATIVE_PRONOUNS})
# Words that join a second verb phrase to the first ("... without B and antagonises C"); "or"
# and "nor" keep the negation ("does not inhibit or bind").
_VERB_COORDINATORS = frozenset({"and", "but", "then", "while", "whereas", "yet"})
# "little capacity to inhibit", "negligible potential for": as good as a negation.
_ABILITY_NOUNS = frozenset({"capacity", "ability", "potential", "propensity", "tendency", "capability"})
# A negation cue reaches this many tokens forward.
NEGATION_REACH = 8


def is_negation_cue(tokens: Sequence[Token], i: int) -> bool:
    """Return True when token ``i`` negates what follows it."""
    tok = tokens[i]
    if tok.mention is not None:
        return False
    low = tok.low
    if low.endswith("n't"):
        return True
    if low == "little" or low == "negligible":
        # "has little capacity to inhibit Y": the drug does not, for practical purposes
        return i + 2 < len(tokens) and tokens[i + 1].low in _ABILITY_NOUNS and tokens[i + 2].low in ("to", "for")
    if low not in NEGATION_CUES:
        return False
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if nxt in PSEUDO_NEGATION_AFTER:
        return False
    if low == "no" and nxt in {"longer"}:
        return True
    return True


class Clauses:
    """Clause and hedging-segment boundaries of one sentence's tokens.

    Attributes
    ----------
    clause : list of int
        Clause id of every token.
    start, end : dict of int to int
        First token index and one past the last of each clause.
    antecedent : dict of int to int
        For a relative clause (", which ..."), the index of the token just before the comma.
    """

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self._hedged: dict[int, bool] = {}
        self._aim: dict[int, bool] = {}
        n = len(tokens)
        self.clause: list[int] = [0] * n
        self.segment: list[int] = [0] * n
        self.start: dict[int, int] = {0: 0}
        self.end: dict[int, int] = {}
        self.antecedent: dict[int, int] = {}
        self.paren: list[int] = [0] * n  # nesting depth
        lows = [tok.low for tok in tokens if tok.mention is None]
        self._no_to = "to" not in lows  # then no segment holds an aim clause
        if _STRUCTURE_WORDS.isdisjoint(lows):
            # no bracket, break, contrast word or relative pronoun: one clause, one segment
            # (what the loop below would find, without walking the tokens)
            self.end[0] = n
            return
        stack: list[int] = []  # clause ids outside open parentheses
        current, next_id, segment, depth = 0, 1, 0, 0
        for i, tok in enumerate(tokens):
            low = tok.low if tok.mention is None else ""
            new_clause = False
            if low == "(" or low == "[":
                stack.append(current)
                current, next_id = next_id, next_id + 1
                self.start[current] = i + 1
                depth += 1
                self.clause[i] = stack[-1]
                self.segment[i] = segment
                self.paren[i] = depth
                continue
            if (low == ")" or low == "]") and stack:
                self.end.setdefault(current, i)
                self.clause[i] = current
                self.segment[i] = segment
                self.paren[i] = depth
                current = stack.pop()
                depth -= 1
                continue
            if low in _CLAUSE_BREAKS or low in CONTRAST_WORDS:
                new_clause = True
                if low in _STRONG_BREAKS or low in CONTRAST_WORDS:
                    segment += 1
            elif low in RELATIVE_PRONOUNS and i > 0 and tokens[i - 1].low == ",":
                new_clause = True
                if i > 1:
                    self.antecedent[next_id] = i - 2
            if new_clause:
                self.end.setdefault(current, i)
                current, next_id = next_id, next_id + 1
                self.start[current] = i
            self.clause[i] = current
            self.segment[i] = segment
            self.paren[i] = depth
        for cid in self.start:
            self.end.setdefault(cid, n)

    def bounds(self, i: int) -> tuple[int, int]:
        """Return the first index and one past the last index of the clause of token ``i``."""
        cid = self.clause[i]
        return self.start[cid], self.end[cid]

    def same(self, i: int, j: int) -> bool:
        """Return True when tokens ``i`` and ``j`` lie in one clause."""
        return self.clause[i] == self.clause[j]

    def negated(self, lo: int, hi: int, verb: int | None = None) -> bool:
        """Return True when a negation cue in ``[lo, hi)`` reaches token ``hi``.

        The cue must lie in the clause of ``hi`` (or of ``lo``: a cue right before a verb
        reaches the verb's object) and at most :data:`NEGATION_REACH` tokens before ``hi``
        unless the stretch between holds no other word than modifiers. With ``verb`` (the
        index of the relation's verb), a cue that belongs to an earlier verb phrase joined
        to it by "and"/"but" does not reach it ("X blocks A without B and antagonises C").
        """
        tokens = self.tokens
        hi = min(hi, len(tokens) - 1)
        lo = max(lo, 0)
        for c in range(lo, hi):
            if not is_negation_cue(tokens, c):
                continue
            if verb is not None and c < verb and any(
                tokens[k].mention is None and tokens[k].low in _VERB_COORDINATORS for k in range(c + 1, verb)
            ):
                continue
            if not (self.clause[c] == self.clause[hi] or self.clause[c] == self.clause[lo]):
                continue
            if self.paren[c] > min(self.paren[lo], self.paren[hi]):
                continue  # a cue inside parentheses negates only them
            if hi - c <= NEGATION_REACH or self.clause[c] == self.clause[hi]:
                return True
        return False

    def hedged(self, i: int) -> bool:
        """Return True when a hedging cue lies in the segment of token ``i``."""
        seg = self.segment[i]
        if seg not in self._hedged:
            self._hedged[seg] = self._hedged_segment(seg)
        return self._hedged[seg]

    def _hedged_segment(self, seg: int) -> bool:
        for j, tok in enumerate(self.tokens):
            if self.segment[j] == seg and tok.mention is None and tok.low in HEDGE_CUES:
                if tok.low == "thought" and (j == 0 or self.tokens[j - 1].low not in {"is", "are", "was", "were", "been", "be"}):
                    continue
                if tok.low in {"potential", "possible"} and j + 1 < len(self.tokens) and self.tokens[j + 1].low in {"side", "adverse", "interactions"}:
                    continue
                if tok.low == "likely" and j > 0 and self.tokens[j - 1].low in {"more", "less"}:
                    continue  # "more likely in people with X": a difference in risk, not a hedge
                return True
        return False

    def is_aim(self, i: int) -> bool:
        """Return True when token ``i`` lies in an aim clause ("To determine whether ...")."""
        seg = self.segment[i]
        if seg not in self._aim:
            self._aim[seg] = self._aim_segment(seg)
        return self._aim[seg]

    def _aim_segment(self, seg: int) -> bool:
        if self._no_to:
            return False
        words = [t for j, t in enumerate(self.tokens) if self.segment[j] == seg and t.mention is None and t.is_word]
        for a, b in pairwise(words):
            if a.low == "to" and b.low in AIM_VERBS:
                # "To determine ..." at the start, or "... aimed to / was to determine"
                idx = words.index(a)
                before = {w.low for w in words[max(0, idx - 3) : idx]}
                if idx == 0 or before & {"aim", "aimed", "aims", "objective", "purpose", "goal", "designed", "sought", "was", "is"}:
                    return True
        return False
