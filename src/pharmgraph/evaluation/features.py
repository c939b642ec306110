"""Candidate chemical–gene pairs of a DrugProt abstract and the features that describe them.

A candidate is a CHEMICAL and a GENE mention in the same sentence whose spans do not overlap
(in the training split, 6 of 5,703 overlapping pairs and 5 of 17,073 related pairs across
sentences carry a relation, so both are left out). Each candidate is described by sparse string
features over the sentence with the two mentions masked (``@C``, ``@G``) and the other mentions
replaced by their type (``#C``, ``#G``): the words between the mentions, windows around them,
their order and distance, trigger-word classes, and the mention heads.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pharmgraph.evaluation.drugprot import Abstract, Mention
from pharmgraph.evaluation.sentences import split_sentences, tokenize
from pharmgraph.evaluation.triggers import trigger_class

_DIGITS = re.compile(r"\d")
_SUFFIXES = ("ations", "ation", "ities", "ity", "ings", "ing", "ed", "es", "s")
_COORD = frozenset({",", "and", "or", "#C", "#G", "/", "(", ")", "as", "well", "nor", "both"})
_NEGATION = frozenset({"not", "no", "neither", "nor", "without", "lack", "failed", "unaffected"})


@dataclass(frozen=True)
class Candidate:
    """A chemical–gene pair in one sentence, with its features.

    Attributes
    ----------
    pmid : str
        The abstract.
    chemical, gene : str
        Mention ids (``Arg1`` and ``Arg2``).
    features : tuple of str
        Sparse binary features.
    """

    pmid: str
    chemical: str
    gene: str
    features: tuple[str, ...]


def normalise(word: str) -> str:
    """Lower-case a token and replace digits by ``0``.

    Examples
    --------
    >>> normalise("IC50")
    'ic00'
    """
    return _DIGITS.sub("0", word.lower())


def stem(word: str) -> str:
    """Strip one common English suffix from a lower-cased word (a crude stemmer).

    Examples
    --------
    >>> stem("inhibits"), stem("inhibited"), stem("antagonists")
    ('inhibit', 'inhibit', 'antagonist')
    """
    if len(word) > 4 and word.isalpha():
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
    return word


def _bucket(n: int) -> str:
    if n <= 4:
        return str(n)
    if n <= 6:
        return "5-6"
    if n <= 9:
        return "7-9"
    if n <= 14:
        return "10-14"
    if n <= 20:
        return "15-20"
    return "21+"


@dataclass
class _Sentence:
    tokens: list[str]  # normalised
    stems: list[str]
    spans: list[tuple[int, int]]
    mentions: list[tuple[Mention, int, int]]  # mention, first token, last token + 1


def _sentences(abstract: Abstract) -> Iterator[_Sentence]:
    text = abstract.text
    mentions = sorted(abstract.mentions.values(), key=lambda m: (m.start, -m.end))
    protected = [(m.start, m.end) for m in mentions]
    for start, end in split_sentences(text, protected):
        inside = [m for m in mentions if start <= m.start < end]
        if not inside:
            continue
        toks = tokenize(text, start, end)
        spans = [(a, b) for _, a, b in toks]
        words = [normalise(t) for t, _, _ in toks]
        placed = []
        for m in inside:
            first = next((i for i, (a, b) in enumerate(spans) if b > m.start), len(spans))
            last = first
            while last < len(spans) and spans[last][0] < m.end:
                last += 1
            if last > first:
                placed.append((m, first, last))
        yield _Sentence(words, [stem(w) for w in words], spans, placed)


def _masked(
    sentence: _Sentence, chem: tuple[Mention, int, int], gene: tuple[Mention, int, int]
) -> tuple[list[str], list[str], int, int]:
    """Masked token and stem sequences, and the positions of the two target symbols."""
    n = len(sentence.tokens)
    owner: list[tuple[str, str] | None] = [None] * n
    # Other mentions first (shortest first so outer spans win), then the targets on top.
    others = sorted(
        (x for x in sentence.mentions if x[0] is not chem[0] and x[0] is not gene[0]),
        key=lambda x: x[2] - x[1],
    )
    for m, a, b in others:
        symbol = "#C" if m.type == "CHEMICAL" else "#G"
        for i in range(a, b):
            owner[i] = (symbol, m.id)
    for (m, a, b), symbol in ((chem, "@C"), (gene, "@G")):
        for i in range(a, b):
            owner[i] = (symbol, m.id)
    words: list[str] = []
    stems: list[str] = []
    positions = {"@C": -1, "@G": -1}
    previous = None
    for i in range(n):
        mark = owner[i]
        if mark is not None:
            if mark == previous:
                continue
            symbol = mark[0]
            if symbol in positions:
                positions[symbol] = len(words)
            words.append(symbol)
            stems.append(symbol)
        else:
            words.append(sentence.tokens[i])
            stems.append(sentence.stems[i])
        previous = mark
    return words, stems, positions["@C"], positions["@G"]


def pair_features(words: list[str], stems: list[str], ci: int, gi: int) -> list[str]:
    """Features of one pair, from the masked sentence and the two target positions.

    Parameters
    ----------
    words, stems : list of str
        The masked sentence: normalised tokens and their stems, with ``@C`` and ``@G`` for
        the two targets and ``#C``/``#G`` for the other mentions.
    ci, gi : int
        Positions of ``@C`` and ``@G``.

    Returns
    -------
    list of str
        Feature strings.
    """
    order = "CG" if ci < gi else "GC"
    lo, hi = min(ci, gi), max(ci, gi)
    between = stems[lo + 1 : hi]
    feats = [f"o={order}", f"d={order}{_bucket(len(between))}"]
    add = feats.append
    for w in set(between):
        add(f"bw={w}")
        add(f"bwo={order}{w}")
    seq = ["<", *between, ">"]
    for a, b in itertools.pairwise(seq):
        add(f"bb={order}{a}_{b}")
    if len(between) <= 6:
        add(f"bs={order}{' '.join(between)}")
    reduced = [w for w in between if w not in _COORD]
    if len(reduced) <= 5:
        add(f"br={order}{' '.join(reduced)}")
    if not reduced:
        add(f"coord={order}")
    add(f"nc={min(between.count('#C'), 3)}")
    add(f"ng={min(between.count('#G'), 3)}")
    # Trigger-word classes between the mentions (first, last, all) and outside them.
    classes = [c for c in (trigger_class(w) for w in between) if c]
    if classes:
        add(f"t1={order}{classes[0]}")
        add(f"tL={order}{classes[-1]}")
        for c in set(classes):
            add(f"tb={c}")
    else:
        add(f"t1={order}none")
    # Windows: three tokens before the first mention and after the second.
    for k in (1, 2, 3):
        left = stems[lo - k] if lo - k >= 0 else "<s>"
        right = stems[hi + k] if hi + k < len(stems) else "</s>"
        add(f"l{k}={left}")
        add(f"r{k}={right}")
    if lo >= 2:
        add(f"l12={stems[lo - 2]}_{stems[lo - 1]}")
    if hi + 2 < len(stems):
        add(f"r12={stems[hi + 1]}_{stems[hi + 2]}")
    for symbol, i in (("C", ci), ("G", gi)):
        before = stems[i - 1] if i > 0 else "<s>"
        after = stems[i + 1] if i + 1 < len(stems) else "</s>"
        after2 = stems[i + 2] if i + 2 < len(stems) else "</s>"
        add(f"{symbol}-1={before}")
        add(f"{symbol}+1={after}")
        add(f"{symbol}+12={after}_{after2}")
        cls = trigger_class(after2 if after == "-" else after)
        if cls:
            add(f"{symbol}+t={cls}")
        cls = trigger_class(before)
        if cls:
            add(f"{symbol}-t={cls}")
    for w in stems[max(0, lo - 6) : lo]:
        cls = trigger_class(w)
        if cls:
            add(f"tl={cls}")
    for w in stems[hi + 1 : hi + 7]:
        cls = trigger_class(w)
        if cls:
            add(f"tr={cls}")
    if any(w in _NEGATION for w in words):
        add("neg")
    return feats


def candidates(abstract: Abstract) -> Iterator[Candidate]:
    """Yield the candidate pairs of an abstract with their features.

    Parameters
    ----------
    abstract : Abstract
        An abstract with its gold mentions.

    Yields
    ------
    Candidate
        One per CHEMICAL–GENE pair in the same sentence whose spans do not overlap.
    """
    for sentence in _sentences(abstract):
        chems = [x for x in sentence.mentions if x[0].type == "CHEMICAL"]
        genes = [x for x in sentence.mentions if x[0].type == "GENE"]
        for chem in chems:
            c = chem[0]
            for gene in genes:
                g = gene[0]
                if c.start < g.end and g.start < c.end:
                    continue
                if chem[1] < gene[2] and gene[1] < chem[2]:
                    continue  # the two mentions share a token
                words, stems, ci, gi = _masked(sentence, chem, gene)
                feats = pair_features(words, stems, ci, gi)
                feats += _mention_features(c, g)
                yield Candidate(abstract.pmid, c.id, g.id, tuple(feats))


def _mention_features(chem: Mention, gene: Mention) -> list[str]:
    gene_words = [stem(normalise(t)) for t, _, _ in tokenize(gene.text)]
    chem_words = [stem(normalise(t)) for t, _, _ in tokenize(chem.text)]
    feats = [f"gh={gene_words[-1] if gene_words else ''}", f"ch={normalise(chem.text)}"]
    for w in gene_words:
        if w.isalpha() and len(w) > 2:
            add = f"gw={w}"
            feats.append(add)
    if chem_words:
        feats.append(f"cl={chem_words[-1]}")
    return feats
