"""Finding lexicon names in text: longest, non-overlapping, whole-word matches.

The matcher folds text the way :mod:`pharmgraph.lexicon.normalize` folds names and runs one
Aho-Corasick automaton (pyahocorasick) over it, so its cost grows with the text, not with the
number of names. Offsets in each :class:`Match` point into the string given to
:meth:`Matcher.find`.

Short and ambiguous names are held back from plain prose:

- names of one or two letters or digits (``K+``, ``GS``) are not matched (they can still be
  looked up, and a document's own abbreviations can be added with :meth:`Matcher.with_aliases`);
- symbols (upper case after the first letter, such as ``LTG``, ``SCN1A``, ``Nav``, ``CAT``)
  match only with the same case (a name of several words may change the case of its first
  letter, as at the start of a sentence: ``Alpha-1A adrenergic receptor``);
- names that are common English words, and lower-case names of three letters or fewer, are
  not matched.

Examples
--------
>>> from pharmgraph.lexicon.core import Lexicon, Term
>>> lex = Lexicon([Term("mesh:D011963", "GABA-A receptor", "Receptor")])
>>> [(m.start, m.end, m.text) for m in lex.matcher().find("two GABA(A) receptors")]
[(4, 21, 'GABA(A) receptors')]
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

import ahocorasick

from pharmgraph.lexicon.core import GROUP_ORDER
from pharmgraph.lexicon.normalize import (
    analyze_name,
    cased_tokens,
    key_variants,
    tokenize,
)
from pharmgraph.model import Entity
from pharmgraph.vocabulary import type_group

_SYMBOL_RE = re.compile(r"[A-Z0-9+\-]+")
SCAN_CHARS = 1 << 16
"""About how many characters :meth:`Matcher.find_table` scans at once."""
_NON_ALNUM_RE = re.compile(r"[\W_]+")
_PLUS_ONE = (1).__add__


@dataclass(frozen=True)
class Match:
    """A lexicon name found in text.

    Attributes
    ----------
    start, end : int
        Offsets of the match in the text (end exclusive).
    text : str
        The matched text as written (``text[start:end]``).
    entity : Entity
        The entity the name most likely means.
    name : str
        The lexicon name (label or synonym) that matched.
    candidates : tuple of Entity
        Every entity with this name, best first (``entity`` is the first).
    """

    start: int
    end: int
    text: str
    entity: Entity
    name: str
    candidates: tuple[Entity, ...] = field(default=(), compare=False, repr=False)

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        entity: Entity,
        name: str,
        candidates: tuple[Entity, ...] = (),
    ) -> None:
        # through the instance's dict: the generated __init__ of a frozen dataclass calls
        # object.__setattr__ once a field (a document's matches are made one by one)
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text
        fields["entity"] = entity
        fields["name"] = name
        fields["candidates"] = candidates


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Return the names never matched in free text (common words; see ``stopwords.txt``)."""
    path = resources.files("pharmgraph") / "data" / "lexicon" / "stopwords.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    words = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(w for w in words if w)


def match_policy(name: str) -> str | None:
    """Return how a name is matched in free text: ``"any"`` case, ``"exact"`` case, or None.

    Examples
    --------
    >>> match_policy("lamotrigine"), match_policy("LTG"), match_policy("K+"), match_policy("set")
    ('any', 'exact', None, None)
    """
    if len(name) > 8 and name.islower():
        return None if name in stopwords() else "any"
    alnum = len(_NON_ALNUM_RE.sub("", name))
    if alnum <= 2:
        return None
    symbol = any(c.isupper() for c in name[1:]) or (name[:1].isupper() and alnum <= 3)
    if symbol and (alnum <= 5 or _SYMBOL_RE.fullmatch(name) or any(c.isdigit() for c in name)):
        return "exact"
    lowered = name.lower()
    if lowered in stopwords() or (alnum <= 3 and not symbol):
        return None
    return "any"


# An automaton entry: (preference, entity id, name, cased tokens joined or None). The
# automaton's value for a key is (length of the key, whether an entry is cased, entries).
_Entry = tuple[tuple[int, int, int], str, str, str | None]


class Matcher:
    """Find a lexicon's names in text.

    Parameters
    ----------
    lexicon : Lexicon
        Where names come from. Built once; use :meth:`Lexicon.matcher` for the cached one.
    aliases : mapping of str to Entity, optional
        Extra names (a document's abbreviations), matched with the same case when they have
        an upper-case letter and never held back as short or common.
    """

    def __init__(self, lexicon, aliases: Mapping[str, Entity] | None = None) -> None:
        self.lexicon = lexicon
        self._entities = dict(lexicon.entities)
        self._automaton, self._values, self._decode = self._lexicon_automaton(lexicon)
        self._aliases: Mapping[str, Entity] = {}
        self._alias_automaton = None
        self._alias_values: list[tuple] = []
        if aliases:
            other = self.with_aliases(aliases)
            self._aliases, self._alias_automaton, self._alias_values = (
                other._aliases,
                other._alias_automaton,
                other._alias_values,
            )
            self._entities = other._entities

    @classmethod
    def _lexicon_automaton(cls, lexicon) -> tuple[ahocorasick.Automaton | None, list, Any]:
        """The lexicon's automaton, its entries per key index and, for a loaded copy, what
        decodes an index's entries the first time they are met (None when all are decoded):
        loaded from the saved copy when there is one (:mod:`pharmgraph.lexicon.matcher_cache`),
        else built (and saved when it can be)."""
        from pharmgraph.lexicon import matcher_cache

        key = matcher_cache.cache_key(lexicon)
        if key is not None:
            saved = matcher_cache.load(key)
            if saved is not None:
                automaton, lazy = saved
                return automaton, lazy.decoded, lazy.__getitem__
        automaton, values = _automaton(cls._entries(lexicon))
        if key is not None and automaton is not None:
            matcher_cache.save(key, automaton, values)
        return automaton, values, None

    @staticmethod
    def _entries(lexicon) -> dict[str, list[_Entry]]:
        """Every match key of the lexicon's names with the entries it names."""
        entries: dict[str, list[_Entry]] = {}
        entities = lexicon.entities
        for entity in entities.values():
            group = GROUP_ORDER.get(type_group(entity.type), 5)
            seen: set[tuple[str, str | None]] = set()
            is_label = 0
            for name in lexicon.names(entity):
                policy = match_policy(name)
                if policy is not None:
                    keys, cased = analyze_name(name, policy == "exact")
                    pref = (lexicon.name_rank(entity.id, name), is_label, group)
                    for key in keys:
                        if (key, cased) not in seen:
                            seen.add((key, cased))
                            entries.setdefault(key, []).append((pref, entity.id, name, cased))
                is_label = 1
        return entries

    def with_aliases(self, aliases: Mapping[str, Entity | str]) -> Matcher:
        """Return a matcher that also finds ``aliases`` (name -> entity or entity id).

        The lexicon's automaton is shared, so this is cheap enough to call per document.

        Raises
        ------
        KeyError
            When an alias names an entity id the lexicon does not know.
        """
        resolved: dict[str, Entity] = dict(self._aliases)
        for name, value in aliases.items():
            if isinstance(value, str):
                found = self.lexicon.get(value)
                if found is None:
                    raise KeyError(f"no entity with id {value!r} for alias {name!r}")
                value = found
            resolved[name] = value
        clone = object.__new__(Matcher)
        clone.lexicon = self.lexicon
        clone._automaton = self._automaton
        clone._entities = dict(self._entities)
        clone._aliases = resolved
        entries: dict[str, list[_Entry]] = {}
        for name, entity in resolved.items():
            clone._entities.setdefault(entity.id, entity)
            cased = "".join(cased_tokens(name)) if any(c.isupper() for c in name) else None
            for key in key_variants(name):
                entries.setdefault(key, []).append(((-1, 0, 0), entity.id, name, cased))
        clone._values, clone._decode = self._values, self._decode
        clone._alias_automaton, clone._alias_values = _automaton(entries)
        return clone

    @property
    def aliases(self) -> Mapping[str, Entity]:
        """The aliases this matcher adds to the lexicon."""
        return self._aliases

    def __len__(self) -> int:
        """Return the number of keys the matcher looks for."""
        n = len(self._automaton) if self._automaton is not None else 0
        return n + (len(self._alias_automaton) if self._alias_automaton is not None else 0)

    def find(self, text: str) -> list[Match]:
        """Return the longest non-overlapping whole-word matches in ``text``, in text order.

        Where two matches overlap, the longer one is kept (the earlier one on a tie); where one
        name belongs to several entities, :attr:`Match.entity` is the most likely one and
        :attr:`Match.candidates` lists all of them.
        """
        return self._select(text, self._spans(text))

    def find_all(self, texts: Sequence[str]) -> list[list[Match]]:
        """Return :meth:`find` of each text, scanning them all in one pass.

        The result is the same as ``[find(t) for t in texts]`` (no match spans two texts),
        with less overhead per text: use it for the sentences of a document.
        """
        table = self.find_table(texts)
        return [table[i] for i in range(len(table))]

    def find_table(self, texts: Sequence[str]) -> MatchTable:
        """Return what :meth:`find_all` finds, held compactly until each text's turn comes.

        ``table[i]`` is ``find(texts[i])``, built when asked for. A long document's matches
        then cost a few arrays of integers rather than one object per match for as long as
        the document is read (which keeps Python's garbage collector off them).

        The texts are scanned in runs of about :data:`SCAN_CHARS` characters (no match spans
        two texts, so the runs find what one scan of them all would): the token lists of a
        scan then stay small however long the document is.
        """
        starts = array("q")
        ends = array("q")
        which = array("q")
        first = array("q", [0])
        bests: list[tuple[Entity, str, tuple[Entity, ...]]] = []
        best_index: dict[int, int] = {}  # id of a best -> its index (bests keeps it alive)
        n_texts = len(texts)
        lo = 0
        while lo < n_texts:
            hi, size = lo, 0
            while hi < n_texts and (hi == lo or size + len(texts[hi]) <= SCAN_CHARS):
                size += len(texts[hi]) + 1
                hi += 1
            run = texts[lo:hi] if isinstance(texts, list) else list(texts[lo:hi])
            joined = "\n".join(run)  # a line break is never inside a token
            offsets = list(accumulate([len(t) + 1 for t in run], initial=0))
            spans = self._spans(joined, offsets)
            # The chosen spans come in text order, so the text each lies in only moves forward.
            idx, base, nxt = 0, 0, offsets[1]
            for start, end, best in self._chosen(spans):
                while start >= nxt:
                    idx += 1
                    first.append(len(starts))
                    base, nxt = nxt, offsets[idx + 1]
                k = best_index.get(id(best))
                if k is None:
                    k = best_index[id(best)] = len(bests)
                    bests.append(best)
                starts.append(start - base)
                ends.append(end - base)
                which.append(k)
            for _ in range(idx + 1, len(run) + 1):
                first.append(len(starts))
            lo = hi
        return MatchTable(texts, bests, starts, ends, which, first)

    def _spans(self, text: str, bounds: list[int] | None = None) -> dict[int, Any]:
        """Return every name found: ``start << 32 | end`` -> the automaton entries that name it.

        A value is the automaton's own tuple of ``(preference, entity id, name, cased)``
        entries when every entry of one key holds there; else a list of the entries that do
        (names that must keep their case), and a list of such parts where several keys end at
        one span. Integer keys and shared tuples keep a long document's spans out of the
        garbage collector's way. ``bounds`` lists where the texts joined in ``text`` begin; a
        match may not cross one.
        """
        tokens = tokenize(text)
        spans: dict[int, Any] = {}
        if not tokens.norm:
            return spans
        norm, starts, ends = tokens.norm, tokens.starts, tokens.ends
        n_tokens = len(norm)
        key_text = tokens.key()
        # offset in key_text of the space before each token
        token_pos = list(accumulate(map(_PLUS_ONE, map(len, norm)), initial=0))
        token_pos.pop()
        start_of = dict(zip(token_pos, range(n_tokens), strict=True))
        several: set[int] = set()  # spans named by more than one key
        lexicon_keys = (self._automaton, self._values, self._decode)
        for automaton, values, decode in (lexicon_keys, (self._alias_automaton, self._alias_values, None)):
            if automaton is None:
                continue
            n_key = len(key_text)
            for last, index in automaton.iter(key_text):
                if last + 1 < n_key and key_text[last + 1] != " ":
                    # ends inside a token: only a plural -s/-es may follow (cheap reject of
                    # short symbols met as the start of words, "ACT" in "activity")
                    if key_text[last + 1] not in "se":
                        continue
                    tail = key_text[last + 1 : last + 4]
                    if not (
                        tail == "s" or tail[:2] == "s " or tail == "es" or tail[:3] == "es "
                    ):
                        continue
                value = values[index]
                if value is None:  # a saved matcher's entries, met for the first time
                    value = decode(index)
                length, any_cased, entries = value
                first_tok = start_of.get(last - length + 1)
                if first_tok is None:
                    continue
                # a match may not begin or end inside a word (Tokens.glued, written out)
                if (
                    first_tok > 0
                    and starts[first_tok] == ends[first_tok - 1]
                    and norm[first_tok] != "+"
                    and norm[first_tok - 1] != "+"
                ):
                    continue
                end_tok = bisect_right(token_pos, last) - 1
                token_end = token_pos[end_tok] + len(norm[end_tok])  # index of last char
                if last != token_end:
                    rest = norm[end_tok][len(norm[end_tok]) - (token_end - last) :]
                    if rest not in ("s", "es"):
                        continue
                else:
                    rest = ""
                after = end_tok + 1
                if (
                    after < n_tokens
                    and starts[after] == ends[end_tok]
                    and norm[after] != "+"
                    and norm[end_tok] != "+"
                ):
                    continue
                start = starts[first_tok]
                end = ends[end_tok]
                if bounds is not None and bisect_right(bounds, start) != bisect_right(bounds, end):
                    continue  # runs from one text into the next
                part: Any = entries
                if any_cased:
                    written = "".join(tokens.cased[first_tok : end_tok + 1])
                    if rest:
                        written = written[: len(written) - len(rest)]
                    kept = [
                        e for e in entries
                        if e[3] is None or written == e[3] or _capitalised(written, e[3], e[2])
                    ]  # fmt: skip
                    if not kept:
                        continue
                    if len(kept) < len(entries):
                        part = kept
                key = start << 32 | end
                found = spans.get(key)
                if found is None:
                    spans[key] = part
                elif key in several:
                    found.append(part)
                else:
                    spans[key] = [found, part]
                    several.add(key)
        for key in several:
            spans[key] = _Parts(spans[key])
        return spans

    def _select(self, text: str, spans) -> list[Match]:
        if spans and type(next(iter(spans))) is tuple:
            # the older form, (start, end) -> [(preference, entity id, name)]: one part each
            spans = {start << 32 | end: hits for (start, end), hits in spans.items()}
        return [
            Match(start, end, text[start:end], entity, name, candidates)
            for start, end, (entity, name, candidates) in self._chosen(spans)
        ]

    def _chosen(self, spans: dict[int, Any]) -> Iterator[tuple[int, int, tuple[Entity, str, tuple[Entity, ...]]]]:
        """Yield the kept spans as ``(start, end, (entity, name, candidates))``, in text order.

        Longest spans first (leftmost among equals), each kept when it overlaps no span kept
        so far. The kept spans are disjoint, so marking their characters in a byte array
        makes each overlap test cost the candidate's own length: the whole selection is a
        sort plus linear work, however long the text.
        """
        if not spans:
            return
        mask = (1 << 32) - 1
        taken = bytearray(max(key & mask for key in spans) + 1)
        # A name met many times is found by the same automaton entries each time: rank them
        # once (by the identity of the automaton's tuple, which lives as long as it does).
        ranked: dict[int, tuple[Entity, str, tuple[Entity, ...]]] = {}
        kept: dict[int, tuple[Entity, str, tuple[Entity, ...]]] = {}
        entities = self._entities
        # longest first, then leftmost: sort (start - end, start, key) without a key function
        for _width, start, key in sorted([((key >> 32) - (key & mask), key >> 32, key) for key in spans]):
            end = key & mask
            if taken.find(1, start, end) != -1:
                continue
            part = spans[key]
            single = type(part) is tuple
            best = ranked.get(id(part)) if single else None
            if best is None:
                parts = (part,) if type(part) is not _Parts else part
                hits = sorted((e[0], e[1], e[2]) for p in parts for e in p)
                candidates = tuple(entities[i] for i in dict.fromkeys(h[1] for h in hits))
                best = (candidates[0], hits[0][2], candidates)
                if single:
                    ranked[id(part)] = best
            taken[start:end] = b"\x01" * (end - start)
            kept[key] = best
        for key in sorted(kept):
            yield key >> 32, key & mask, kept[key]


class MatchTable:
    """The matches of several texts (:meth:`Matcher.find_table`), as integers until asked for.

    ``table[i]`` is the list of :class:`Match` of text ``i``, the same as
    ``matcher.find(texts[i])``; :meth:`entities` gives the entity of every match of every
    text, in text order, without building them.
    """

    __slots__ = ("_bests", "_ends", "_first", "_starts", "_texts", "_which")

    def __init__(self, texts, bests, starts, ends, which, first) -> None:
        self._texts = texts
        self._bests = bests  # (entity, name, candidates), shared by equal matches
        self._starts = starts  # offsets in their own text, all texts one after the other
        self._ends = ends
        self._which = which  # index in bests of each match
        self._first = first  # index of the first match of each text (and one past the end)

    def __len__(self) -> int:
        """Return the number of texts."""
        return len(self._first) - 1

    def __getitem__(self, idx: int) -> list[Match]:
        """Return the matches of text ``idx``, in text order."""
        lo, hi = self._first[idx], self._first[idx + 1]
        if lo == hi:
            return []
        text, bests = self._texts[idx], self._bests
        return [
            Match(start, end, text[start:end], *bests[k])
            for start, end, k in zip(self._starts[lo:hi], self._ends[lo:hi], self._which[lo:hi], strict=True)
        ]

    def entities(self) -> list[Entity]:
        """Return the (most likely) entity of every match, text after text."""
        bests = self._bests
        return [bests[k][0] for k in self._which]

    def parts(self) -> tuple:
        """Return the table as plain values (entities by id), for :meth:`from_parts` in
        another process that holds the same lexicon."""
        bests = [(e.id, name, tuple(c.id for c in candidates)) for e, name, candidates in self._bests]
        return bests, self._starts, self._ends, self._which, self._first

    @classmethod
    def from_parts(cls, texts: Sequence[str], parts: tuple, matcher: Matcher) -> MatchTable:
        """Rebuild a table from :meth:`parts` (``matcher``: one of the same lexicon).

        Raises
        ------
        KeyError
            When an entity id is not the matcher's.
        """
        entities = matcher._entities
        ids, starts, ends, which, first = parts
        bests = [(entities[e], name, tuple(entities[c] for c in candidates)) for e, name, candidates in ids]
        return cls(texts, bests, starts, ends, which, first)

    def joined(self, later: MatchTable) -> MatchTable:
        """Return the table of this table's texts followed by ``later``'s."""
        shift = len(self._bests)
        base = len(self._starts)
        which = array("q", self._which)
        which.extend(k + shift for k in later._which)
        first = array("q", self._first)
        first.extend(f + base for f in later._first[1:])
        return MatchTable(
            [*self._texts, *later._texts],
            [*self._bests, *later._bests],
            self._starts + later._starts,
            self._ends + later._ends,
            which,
            first,
        )


class _Parts(list):
    """The parts of a span that several automaton keys name (see :meth:`Matcher._spans`)."""

    __slots__ = ()


def _capitalised(written: str, cased: str, name: str) -> bool:
    """Return True when ``written`` is the name ``cased`` with only its first letter's case changed.

    Allowed for names of several words (``Alpha-1A adrenergic receptor`` at the start of a
    sentence), never for one-word symbols (``CAMP`` the gene is not ``cAMP``).
    """
    return (
        len(cased) > 6
        and (" " in name or "-" in name)
        and written[1:] == cased[1:]
        and written[:1].lower() == cased[:1].lower()
    )


def _automaton(entries: dict[str, list[_Entry]]) -> tuple[ahocorasick.Automaton | None, list[tuple]]:
    """Return an automaton whose value for each key is the index of its entries, and the
    entries: ``(length of the key, whether an entry is cased, entries)`` per index."""
    if not entries:
        return None, []
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    values: list[tuple] = []
    for key, found in entries.items():
        automaton.add_word(key, len(values))
        values.append((len(key), any(v[3] is not None for v in found), tuple(found)))
    automaton.make_automaton()
    return automaton, values
