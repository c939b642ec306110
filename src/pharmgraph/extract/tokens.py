"""Mentions and the token sequence the relation rules walk over.

A sentence becomes a list of :class:`Token`: words and punctuation, where every entity
mention is folded into one token that carries its :class:`Mention`. The rules then read
"MENTION blocks MENTION" rather than characters.

Examples
--------
>>> from pharmgraph.model import Entity
>>> drug = Mention(0, 11, "Lamotrigine", (Entity("x:1", "lamotrigine", "Drug"),))
>>> [t.text for t in tokenize("Lamotrigine blocks it.", [drug])]
['Lamotrigine', 'blocks', 'it', '.']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter, is_

from pharmgraph.model import Entity
from pharmgraph.vocabulary import type_group


@cache
def group_of(kind: str) -> str:
    """:func:`pharmgraph.vocabulary.type_group`, remembered per type (the hierarchy is fixed)."""
    return type_group(kind)


_group_of = group_of


@dataclass(frozen=True)
class Mention:
    """Entities named at one place of a sentence.

    Attributes
    ----------
    start, end : int
        Offsets in the sentence's text (end exclusive).
    text : str
        The words as written.
    entities : tuple of Entity
        One entity, or several for a distributed phrase ("glutamate and aspartate release").
    kind : str
        How it was found: ``name`` (lexicon), ``annotation``, ``abbreviation``, ``pattern``,
        ``enantiomer``, ``group`` (release of ..., impairment in ...) or ``anaphor``.
    group : str
        The broad type family of the (first) entity: Drug, Target, Effect, Disease...
        (``Entity`` when there is none). Not a field: set from ``entities``.
    is_drug : bool
        True when the mention names a drug (a possible subject). Not a field either.
    """

    start: int
    end: int
    text: str
    entities: tuple[Entity, ...]
    kind: str = "name"

    def __init__(
        self, start: int, end: int, text: str, entities: tuple[Entity, ...], kind: str = "name"
    ) -> None:
        # Filled through the instance's dict: the generated __init__ of a frozen dataclass
        # calls object.__setattr__ once a field, and the rules ask a mention's group (and
        # whether it is a drug) many times, so both are worked out here once.
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text
        fields["entities"] = entities
        fields["kind"] = kind
        group = _group_of(entities[0].type) if entities else "Entity"
        fields["group"] = group
        fields["is_drug"] = group == "Drug" and bool(entities)


@dataclass(slots=True)
class Token:
    """A word, a punctuation mark, or a whole mention.

    Attributes
    ----------
    text : str
        As written.
    low : str
        Lower case (for trigger lookup).
    start, end : int
        Offsets in the sentence.
    mention : Mention or None
        Set when the token is a mention.
    """

    text: str
    low: str
    start: int
    end: int
    mention: Mention | None = None
    is_word: bool = False
    """True for a word (letters or digits), False for punctuation and mentions."""


# Words keep inner hyphens and apostrophes ("voltage-gated", "mood-stabilizing"); a
# possessive "'s" is its own token; everything else is one character of punctuation.
_WORD_RE = re.compile(r"['’]s\b|\w+(?:[-‐‑'’.]\w+)*|\S")


def tokenize(text: str, mentions: Sequence[Mention] = ()) -> list[Token]:
    """Split a sentence into tokens, each mention folded into one token.

    Parameters
    ----------
    text : str
        The sentence (its clean form).
    mentions : sequence of Mention
        Non-overlapping mentions, any order.

    Notes
    -----
    The steps that read a sentence (mention passes, relation rules, the learned model) often
    ask for the tokens of the same text and the same mention objects one after the other, so
    the last answer is kept and handed out again (as a new list) while they do not change.
    """
    words = _word_tokens(text)
    if not isinstance(mentions, (list, tuple)):
        mentions = tuple(mentions)
    if not mentions:
        return list(words)
    last = _LAST[0]
    if (
        last is not None
        and last[0] == text
        and len(last[1]) == len(mentions)
        and all(map(is_, last[1], mentions))
    ):
        return list(last[2])
    tokens = _fold_mentions(text, words, mentions)
    _LAST[0] = (text, tuple(mentions), tuple(tokens))
    return tokens


_START = attrgetter("start")
_LAST: list[tuple[str, tuple[Mention, ...], tuple[Token, ...]] | None] = [None]
"""The last :func:`tokenize` call with mentions, ``(text, mentions, tokens)``, in a list so
that it is replaced in one step."""


def _fold_mentions(text: str, words: tuple[Token, ...], mentions: Sequence[Mention]) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    w = 0
    for mention in sorted(mentions, key=_START):
        if mention.start < pos:
            continue
        w = _words_until(text, words, w, pos, mention.start, tokens)
        tokens.append(Token(mention.text, mention.text.lower(), mention.start, mention.end, mention))
        pos = mention.end
    _words_until(text, words, w, pos, len(text), tokens)
    return tokens


def _words_until(text: str, words: tuple[Token, ...], w: int, start: int, end: int, out: list[Token]) -> int:
    """Append the words lying in [start, end); re-split words cut by a mention boundary."""
    n = len(words)
    while w < n and words[w].end <= start:
        w += 1
    if w < n and words[w].start < start:  # a word cut by the mention before ("-induced")
        _split(text, start, min(words[w].end, end), out)
        w += 1
    while w < n and words[w].end <= end:
        out.append(words[w])
        w += 1
    if w < n and words[w].start < end:  # a word cut by the mention after
        _split(text, words[w].start, end, out)
    return w


@lru_cache(maxsize=256)
def _word_tokens(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    _split(text, 0, len(text), out)
    return tuple(out)


def _split(text: str, start: int, end: int, out: list[Token]) -> None:
    append = out.append
    token = Token
    for m in _WORD_RE.finditer(text, start, end):
        word = m.group()
        low = word.lower()
        first, last = m.span()
        append(token(word, "'s" if low == "’s" else low, first, last, None, word[0].isalnum()))
