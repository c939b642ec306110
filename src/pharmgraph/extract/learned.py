"""A learned relation model applied to the candidate pairs of a sentence.

The rules (:mod:`pharmgraph.extract.relations`) are careful but narrow; a linear model trained on
annotated corpora (DrugProt for chemical–gene relations, BC5CDR for chemical-induced disease)
adds the pairs they miss. Both read the same tokens (:func:`pharmgraph.extract.tokens.tokenize`,
mentions folded into one token each) and the model reads the rules' own verdict on the pair as a
feature, so ``extract`` and ``evaluate`` measure one pipeline.

A model file is gzip-compressed JSON (never pickle)::

    {"format": "pharmgraph-relation-model", "version": 1,
     "heads": [{"name": "chemical-gene", "subject": "Drug", "object": "Target",
                "classes": ["NONE", "INHIBITOR", ...], "predicates": {"INHIBITOR": "inhibits"},
                "features": ["bw=inhibit", ...], "intercept": [...],
                "weights": {"dtype": "float16", "shape": [n_features, n_classes],
                            "base64": "..."},
                "threshold": 0.5, "none_bias": 0.0, "about": {...},
                "feature_set": "context",
                "hidden": {"rows": "...", "w1": {"dtype": "int8", ...}, "b1": [...],
                           "w2": [[...]], "b2": [...], "weight": 0.3}}]}

A head scores a pair with ``softmax(x @ weights + intercept)`` over its classes, ``x`` the
pair's binary features in the head's ``feature_set`` (``"base"`` when a file names none); a
head with a ``hidden`` layer (:class:`HiddenLayer`) adds that network's weighted
log-probabilities to the linear scores. How
these corpus heads join the rules inside ``extract`` (:func:`model_relations`, called by
:func:`pharmgraph.extract.combine.combined_relations`, which also applies the optional
statement heads): in a sentence where the rules state (or deny) any relation they win
outright; in a sentence they leave silent, the model adds a pair's best class when its
confidence against NONE reaches the head's ``threshold``, unless the sentence negates (any of
the rules' negation cues) or compares (negation scope and comparisons are the rules').

Examples
--------
>>> from pharmgraph.model import Entity
>>> from pharmgraph.extract.tokens import Mention, tokenize
>>> a = Mention(0, 7, "Aspirin", (Entity("x:1", "aspirin", "Drug"),))
>>> b = Mention(17, 22, "COX-1", (Entity("x:2", "COX-1", "Enzyme"),))
>>> tokens = tokenize("Aspirin inhibits COX-1.", [a, b])
>>> sorted(f for f in pair_features(tokens, 0, 2) if f.startswith("bw="))
['bw=inhibit']
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import math
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from pharmgraph.errors import InputError
from pharmgraph.extract.folded import FoldedPattern
from pharmgraph.extract.relations import Relation
from pharmgraph.extract.tokens import Mention, Token, group_of, tokenize
from pharmgraph.extract.triggers import NEGATION_CUES

_add_rows = np.add.reduce  # what ndarray.sum and ndarray.max call, without their Python wrappers
_max_of = np.maximum.reduce
_add_at = np.add.reduceat

FORMAT = "pharmgraph-relation-model"
VERSION = 1
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / "relations.json.gz"
"""The shipped model (DrugProt and BC5CDR training splits)."""
MODEL_ENV = "PHARMGRAPH_MODEL"
"""Environment variable naming a model file to use instead of the shipped one ("none": rules only)."""
MAX_GAP = 40
"""Pairs further apart than this many tokens are left to the rules (the model rarely finds them)."""
FEATURE_SETS: tuple[str, ...] = ("base", "context", "rich", "argument")
"""Feature sets a head may ask for (:func:`pair_features`); ``"base"`` when a file names none.

Each set extends the one before it: ``"context"`` adds :func:`context_features`, ``"rich"``
adds :func:`rich_features` as well, ``"argument"`` adds :func:`argument_features`."""
EXTRACTOR = "pharmgraph-model"
"""The name written in :attr:`Evidence.extractor` for statements the model adds."""

DRUGPROT_PREDICATES: dict[str, str] = {
    "INHIBITOR": "inhibits",
    "ACTIVATOR": "activates",
    "AGONIST": "agonist_of",
    "ANTAGONIST": "antagonist_of",
    "DIRECT-REGULATOR": "binds",
    "INDIRECT-UPREGULATOR": "increases",
    "INDIRECT-DOWNREGULATOR": "decreases",
    "SUBSTRATE": "substrate_of",
    "PRODUCT-OF": "product_of",
    "PART-OF": "part_of",
    "AGONIST-ACTIVATOR": "agonist_of",
    "AGONIST-INHIBITOR": "agonist_of",
    "SUBSTRATE_PRODUCT-OF": "substrate_of",
}
"""DrugProt relation type -> pharmgraph predicate (subject the chemical, object the gene)."""

PREDICATE_TYPES: dict[str, str] = {
    "inhibits": "INHIBITOR",
    "blocks": "INHIBITOR",
    "negatively_modulates": "INHIBITOR",
    "decreases": "INDIRECT-DOWNREGULATOR",
    "activates": "ACTIVATOR",
    "opens": "ACTIVATOR",
    "positively_modulates": "ACTIVATOR",
    "increases": "INDIRECT-UPREGULATOR",
    "agonist_of": "AGONIST",
    "antagonist_of": "ANTAGONIST",
    "inverse_agonist_of": "ANTAGONIST",
    "binds": "DIRECT-REGULATOR",
    "interacts_with": "DIRECT-REGULATOR",
    "modulates": "DIRECT-REGULATOR",
    "affects": "DIRECT-REGULATOR",
    "substrate_of": "SUBSTRATE",
    "metabolised_by": "SUBSTRATE",
    "transported_by": "SUBSTRATE",
    "product_of": "PRODUCT-OF",
    "part_of": "PART-OF",
}
"""A rule's predicate read back as a DrugProt type (to score the rules alone on DrugProt)."""

# Trigger-word classes: they let the model generalise from one trigger to its synonyms.
# Matched by prefix on the stem, longest first, so "inhibitor" (noun) and "inhibit" differ.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "INHIBITOR_N": ("inhibitor", "blocker", "inactivator"),
    "INHIBIT": ("inhibit", "block", "abolish", "abrogat", "prevent", "impair", "inactivat",
                "silenc", "interfer", "ic00", "ki", "irreversibl"),
    "ANTAGONIST": ("antagonist", "antagoniz", "antagonis"),
    "AGONIST": ("agonist", "agonism"),
    "INVERSE": ("inverse", "partial"),
    "ACTIVATOR_N": ("activator", "opener", "inducer", "stimulator", "enhancer"),
    "ACTIVATE": ("activat", "stimulat", "potentiat", "trigger", "transactivat", "agonistic"),
    "UP": ("increas", "upregul", "up-regul", "elevat", "induc", "augment", "enhanc", "rais",
           "promot", "overexpress", "accumulat", "restor"),
    "DOWN": ("decreas", "downregul", "down-regul", "reduc", "lower", "diminish", "attenuat",
             "suppress", "declin", "depress", "deplet", "loss", "repress", "counteract", "revers"),
    "EXPRESSION": ("express", "mrna", "level", "transcript", "secret", "content", "abundanc",
                   "protein", "gene"),
    "SUBSTRATE": ("substrate", "metaboli", "transport", "uptak", "hydroxyl", "oxid", "efflux",
                  "clearanc", "glucuronid", "demethyl", "sulfat", "conjugat", "hydroly", "cleav",
                  "degrad", "carri", "import", "export", "influx", "reduct"),
    "PRODUCT": ("product", "produc", "generat", "synthes", "biosynth", "form", "releas",
                "yield", "liberat"),
    "CATALYSE": ("cataly", "convert", "conver", "enzym"),
    "BIND": ("bind", "bound", "affinit", "ligand", "interact", "occup", "displac", "selectiv",
             "dock", "recogni", "kd", "potenc"),
    "PART": ("residu", "domain", "site", "contain", "moiet", "cofactor", "pocket", "motif",
             "phosphorylat", "prenylat", "glycosylat", "structur", "compos", "linked"),
    "REGULATE": ("modulat", "regulat", "target", "mediat", "depend", "affect", "alter",
                 "control", "respons", "sensitiv", "action"),
    "CAUSE": ("caus", "associat", "relat", "develop", "occur", "onset", "toxic", "adverse",
              "side", "complicat", "risk", "follow", "after", "during", "exposur", "overdos"),
    "TREAT": ("treat", "therap", "efficac", "protect", "manag", "allevi", "relie", "improv",
              "benefi", "prophyla", "ameliorat"),
    "HEDGE": ("may", "might", "could", "possibl", "suggest", "potential", "putativ"),
}
_PREFIXES = tuple(
    sorted(((p, c) for c, ps in TRIGGERS.items() for p in ps), key=lambda item: -len(item[0]))
)
_EXACT = frozenset({"ki", "kd", "ic00", "may", "form", "loss", "side", "after"})
# The same prefixes by length, longest first, each with the class it first has in _PREFIXES:
# a word is looked up once per length instead of tested against every prefix.
_PREFIX_LENGTHS = tuple(sorted({len(p) for p, _ in _PREFIXES}, reverse=True))
_PREFIX_CLASS: dict[str, str] = {}
for _prefix, _cls in _PREFIXES:
    _PREFIX_CLASS.setdefault(_prefix, _cls)
_DIGITS = re.compile(r"\d")
_SUFFIXES = ("ations", "ation", "ities", "ity", "ings", "ing", "ed", "es", "s")
_COORD = frozenset({",", "and", "or", "#C", "#G", "#D", "#E", "/", "(", ")", "as", "well", "nor",
                    "both"})
_NEGATION = frozenset({"not", "no", "neither", "nor", "without", "lack", "failed", "unaffected",
                       "unlike", "absence", "none", "never", "cannot"})
_STOP = frozenset({"the", "a", "an", "of", "in", "to", "by", "with", "for", "on", "at", "that",
                   "this", "these", "is", "was", "are", "were", "be", "been", "which", "from"})
_BREAKS = frozenset({";", "which", "while", "wherea", "but", "although", "however", ":"})
_WORDS = re.compile(r"[a-z][a-z-]*")
# Negation cues that keep the model out of a sentence ("patients who cannot take X" negates
# nothing the sentence says about X)
_MODEL_NEGATION = frozenset(NEGATION_CUES - {"cannot", "n't"})
_CONTRAST = FoldedPattern(r"\b(?:unlike|in contrast to|compared (?:with|to)|whereas|rather than)\b")


@lru_cache(maxsize=65536)
def trigger_class(word: str) -> str | None:
    """Return the trigger class of a lower-cased word or stem, or None.

    Examples
    --------
    >>> trigger_class("inhibitor"), trigger_class("inhibit"), trigger_class("the")
    ('INHIBITOR_N', 'INHIBIT', None)
    """
    n = len(word)
    for length in _PREFIX_LENGTHS:
        if length > n:
            continue
        prefix = word[:length]
        cls = _PREFIX_CLASS.get(prefix)
        if cls is not None and not (prefix in _EXACT and word != prefix):
            return cls
    return None


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """Lower-case, digits to ``0``, and strip one common English suffix (a crude stemmer).

    Examples
    --------
    >>> stem("Inhibits"), stem("IC50"), stem("antagonists")
    ('inhibit', 'ic00', 'antagonist')
    """
    word = _DIGITS.sub("0", word.lower())
    if len(word) > 4 and word.isalpha():
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
    return word


_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=16384)
def _word_stems(text: str) -> tuple[str, ...]:
    """Stems of the words of a mention's text (a mention is met many times in a document)."""
    return tuple(stem(w) for w in _WORD_RE.findall(text))


def _bucket(n: int) -> str:
    for top, name in ((4, None), (6, "5-6"), (9, "7-9"), (14, "10-14"), (20, "15-20")):
        if n <= top:
            return name or str(n)
    return "21+"


def role(mention: Mention) -> str:
    """The symbol a mention stands as in the features: C(hemical), G(ene), D(isease), E(lse)."""
    group = mention.group
    if group in ("Drug", "EndogenousSubstance", "DrugClass"):
        return "C"
    if group == "Target":
        return "G"
    if group in ("Disease", "AdverseEvent"):
        return "D"
    return "E"


def masked_stems(tokens: Sequence[Token]) -> list[str]:
    """Stems of a sentence's tokens, each mention replaced by ``#`` and its role."""
    return ["#" + role(t.mention) if t.mention is not None else stem(t.low) for t in tokens]


def _symbols(tokens: Sequence[Token], first: int, second: int, base: Sequence[str] | None) -> list[str]:
    out = list(base) if base is not None else masked_stems(tokens)
    out[first] = "@" + role(tokens[first].mention)
    out[second] = "@" + role(tokens[second].mention)
    return out


def pair_features(
    tokens: Sequence[Token],
    first: int,
    second: int,
    rule: str | None = None,
    base: Sequence[str] | None = None,
    feature_set: str = "base",
) -> list[str]:
    """Features of a pair of mention tokens in one sentence.

    Parameters
    ----------
    tokens : sequence of Token
        The sentence from :func:`pharmgraph.extract.tokens.tokenize`.
    first, second : int
        Token positions of the pair's subject (the chemical) and object.
    rule : str, optional
        What the rules said about the pair: a predicate, ``"not:<predicate>"`` for a negated
        one, ``"other"`` when they related the subject to something else, or None.
    base : sequence of str, optional
        :func:`masked_stems` of ``tokens``, when the caller already has them.
    feature_set : str
        ``"base"`` (what every head read until the ``"context"`` set came), ``"context"``:
        the base features followed by those of :func:`context_features`, ``"rich"``: those
        followed by :func:`rich_features`, or ``"argument"``: those followed by
        :func:`argument_features`. A head names its set
        (:attr:`RelationHead.feature_set`), so a head trained on one set is applied with it.

    Returns
    -------
    list of str
        Binary features: words and bigrams between the two (stemmed, other mentions masked as
        ``#C``/``#G``/``#D``), order, distance, trigger classes between and around, windows,
        mention words, negation, and the rules' reading.

    Raises
    ------
    ValueError
        If ``feature_set`` is not one of :data:`FEATURE_SETS`.
    """
    if feature_set not in FEATURE_SETS:
        raise ValueError(f"unknown feature set {feature_set!r}")
    stems = _symbols(tokens, first, second, base)
    subject = tokens[first].text
    words = _word_stems(tokens[second].text)
    lo, hi = min(first, second), max(first, second)
    feats = _base_pair(stems, first, second, words, rule)
    feats += _base_left(stems, lo)
    feats += _base_right(stems, hi)
    feats += _base_subject(subject)
    feats += _base_object(words)
    feats += _base_sentence(stems)
    if feature_set != "base":
        feats.extend(context_features(stems, first, second))
        if feature_set != "context":
            feats.extend(rich_features(stems, first, second, subject, words, rule))
            if feature_set == "argument":
                feats.extend(argument_features(stems, first, second, subject, words))
    return feats


# The parts of the feature sets. Each set's features split by what they read: the pair (the
# gap and both ends), only what lies left of the pair (``_left``: before its first token),
# only what lies right of it (``_right``), the subject's or the object's words, or the whole
# sentence. The model inside ``extract`` (:class:`_SentenceRows`) computes the last four once
# per sentence (or per mention text) and shares them among the sentence's pairs.


def _base_pair(
    stems: Sequence[str], first: int, second: int, words: Sequence[str], rule: str | None
) -> list[str]:
    order = "S" if first < second else "O"
    lo, hi = min(first, second), max(first, second)
    between = stems[lo + 1 : hi]
    feats = [f"o={order}", f"d={order}{_bucket(len(between))}"]
    add = feats.append
    for w in set(between):
        add(f"bw={w}")
        add(f"bwo={order}{w}")
    padded = ["<", *between, ">"]
    feats.extend([f"bb={order}{a}_{b}" for a, b in itertools.pairwise(padded)])
    for a, b, c in zip(padded, padded[1:], [*between[1:], ">", ">"], strict=False):
        if c != ">" or b != ">":
            add(f"b3={order}{a}_{b}_{c}")
    if len(between) <= 6:
        add(f"bs={order}{' '.join(between)}")
    reduced = [w for w in between if w not in _COORD]
    if len(reduced) <= 5:
        add(f"br={order}{' '.join(reduced)}")
    if not reduced:
        add(f"coord={order}")
    for symbol in ("#C", "#G", "#D"):
        add(f"n{symbol}={min(between.count(symbol), 3)}")
    between_classes = [trigger_class(w) for w in between]
    classes = [c for c in between_classes if c]
    if classes:
        add(f"t1={order}{classes[0]}")
        add(f"tL={order}{classes[-1]}")
        for c in set(classes):
            add(f"tb={c}")
    else:
        add(f"t1={order}none")
    n = len(stems)
    for symbol, i in (("S", first), ("O", second)):
        before = stems[i - 1] if i > 0 else "<s>"
        after = stems[i + 1] if i + 1 < n else "</s>"
        after2 = stems[i + 2] if i + 2 < n else "</s>"
        add(f"{symbol}-1={before}")
        add(f"{symbol}+1={after}")
        add(f"{symbol}+12={after}_{after2}")
        cls = trigger_class(after2 if after == "-" else after)
        if cls:
            add(f"{symbol}+t={cls}")
        cls = trigger_class(before)
        if cls:
            add(f"{symbol}-t={cls}")
    # Content words nearest each end of the gap, trigger words themselves, clause breaks.
    content = [w for w in reduced if w not in _STOP and not w.startswith("#")]
    if content:
        add(f"bf={order}{content[0]}")
        add(f"bl={order}{content[-1]}")
    triggered = [w for w, c in zip(between, between_classes, strict=True) if c]
    if triggered:
        add(f"tw1={order}{triggered[0]}")
        add(f"twL={order}{triggered[-1]}")
        add(f"tc={order}{classes[0]}|{words[-1] if words else ''}")
    breaks = sum(1 for w in between if w in _BREAKS)
    add(f"brk={order}{min(breaks, 2)}")
    if (lo > 0 and stems[lo - 1] == "(") or (
        hi + 1 < n and stems[hi + 1] == ")" and "(" in between
    ):
        add("paren")
    add(f"rule={rule or 'none'}")
    if rule and rule not in ("other",):
        add(f"rule={rule}|{order}")
    return feats


def _base_left(stems: Sequence[str], lo: int) -> list[str]:
    out = [f"l{k}={stems[lo - k] if lo - k >= 0 else '<s>'}" for k in (1, 2, 3)]
    if lo >= 2:
        out.append(f"l12={stems[lo - 2]}_{stems[lo - 1]}")
    for w in stems[max(0, lo - 6) : lo]:
        cls = trigger_class(w)
        if cls:
            out.append(f"tl={cls}")
    return out


def _base_right(stems: Sequence[str], hi: int) -> list[str]:
    n = len(stems)
    out = [f"r{k}={stems[hi + k] if hi + k < n else '</s>'}" for k in (1, 2, 3)]
    if hi + 2 < n:
        out.append(f"r12={stems[hi + 1]}_{stems[hi + 2]}")
    for w in stems[hi + 1 : hi + 7]:
        cls = trigger_class(w)
        if cls:
            out.append(f"tr={cls}")
    return out


def _base_subject(subject: str) -> list[str]:
    return [f"sh={stem(subject)}"]


def _base_object(words: Sequence[str]) -> list[str]:
    if not words:
        return []
    return [f"oh={words[-1]}", *(f"ow={w}" for w in words if len(w) > 2 and w.isalpha())]


def _base_sentence(stems: Sequence[str]) -> list[str]:
    return [] if _NEGATION.isdisjoint(stems) else ["neg"]

_PREPOSITIONS = frozenset({"of", "by", "to", "with", "in", "on", "for", "from", "via", "through",
                           "as", "at", "into", "against"})
_SKELETON_KEEP = frozenset({"#C", "#G", "(", ")", ",", "and", "or"})


def context_features(stems: Sequence[str], first: int, second: int) -> list[str]:
    """The ``"context"`` feature set's additions to :func:`pair_features` (``x`` prefixed).

    Parameters
    ----------
    stems : sequence of str
        The sentence's masked stems with the pair marked (``@C``, ``@G``/``@D``).
    first, second : int
        Positions of the pair's subject and object.

    Returns
    -------
    list of str
        The gap's skeleton (trigger classes, prepositions, other mentions, commas), the
        trigger word nearest each end on either side, the trigger classes and mention counts
        of the whole sentence, whether each end is the other's nearest partner, the words
        from each end to the gap's first and last trigger, two-word windows, and the content
        words left and right of the pair (near and far).

    Examples
    --------
    >>> stems = ["@C", "inhibit", "#G", "and", "@G", "."]
    >>> [f for f in context_features(stems, 0, 4) if f.startswith("xsk=")]
    ['xsk=SINHIBIT #G and']
    """
    lo, hi = min(first, second), max(first, second)
    classes = list(map(trigger_class, stems))
    positions = _mention_positions(stems)
    out = _context_pair(stems, first, second, classes, positions)
    out += _context_sentence(classes, positions)
    out += _context_left(stems, lo)
    out += _context_right(stems, hi)
    return out


def _mention_positions(stems: Sequence[str]) -> dict[str, list[int]]:
    """Positions of the mentions (stems ``#X`` or ``@X``) by their symbol ``X``, in order."""
    out: dict[str, list[int]] = {}
    for k, w in enumerate(stems):
        head = w[:1]
        if head == "#" or head == "@":
            out.setdefault(w[1:], []).append(k)
    return out


def _context_pair(
    stems: Sequence[str],
    first: int,
    second: int,
    classes: Sequence[str | None],
    positions: dict[str, list[int]],
) -> list[str]:
    order = "S" if first < second else "O"
    lo, hi = min(first, second), max(first, second)
    n = len(stems)
    out: list[str] = []
    add = out.append
    skeleton: list[str] = []
    plain: list[str] = []
    for k in range(lo + 1, hi):
        w, c = stems[k], classes[k]
        if c or w in _PREPOSITIONS:
            plain.append(w)
        symbol = c or (w if w in _PREPOSITIONS or w in _SKELETON_KEEP else None)
        if symbol and (not skeleton or skeleton[-1] != symbol):
            skeleton.append(symbol)
    if len(skeleton) <= 7:
        add(f"xsk={order}{' '.join(skeleton)}")
    if len(plain) <= 5:
        add(f"xskw={order}{' '.join(plain)}")
    for symbol, i in (("S", first), ("O", second)):
        for side, span in (
            ("L", range(i - 1, max(-1, i - 6), -1)),
            ("R", range(i + 1, min(n, i + 6))),
        ):
            for k in span:
                if classes[k]:
                    add(f"xn{symbol}{side}={stems[k]}|{'in' if lo < k < hi else 'out'}")
                    add(f"xn{symbol}{side}c={classes[k]}|{order}|{min(abs(k - i), 3)}")
                    break
    others = [k for k in positions.get(stems[second][1:], ()) if k != first]
    nearest_object = min(others, key=lambda k: abs(k - first)) == second if others else False
    subjects = [k for k in positions.get("C", ()) if k != second]
    nearest_subject = min(subjects, key=lambda k: abs(k - second)) == first if subjects else False
    closest = f"{int(nearest_object)}{int(nearest_subject)}"
    add(f"xcl={closest}")
    add(f"xcl={closest}|{order}{min(hi - lo - 1, 6)}")
    inside = [k for k in range(lo + 1, hi) if classes[k]]
    if inside:
        k0, k1 = inside[0], inside[-1]
        left = [w for w in stems[lo + 1 : k0 + 1] if w not in _STOP or w in _PREPOSITIONS]
        right = [w for w in stems[k1:hi] if w not in _STOP or w in _PREPOSITIONS]
        if len(left) <= 4:
            add(f"xpl={order}{' '.join(left)}")
        if len(right) <= 4:
            add(f"xpr={order}{' '.join(right)}")
        add(f"xtt={order}{classes[k0]}_{classes[k1]}|{len(inside) > 1}")
    for symbol, i in (("S", first), ("O", second)):
        before2 = stems[i - 2] if i >= 2 else "<s>"
        before = stems[i - 1] if i >= 1 else "<s>"
        after = stems[i + 1] if i + 1 < n else "</s>"
        add(f"x{symbol}-21={before2}_{before}")
        add(f"x{symbol}lr={before}_{after}")
    return out


def _context_sentence(classes: Sequence[str | None], positions: dict[str, list[int]]) -> list[str]:
    out = [f"xs={c}" for c in set(classes) if c]
    out.append(f"xnm={min(len(positions.get('C', ())), 4)}_{min(len(positions.get('G', ())), 4)}")
    return out


def _context_left(stems: Sequence[str], lo: int) -> list[str]:
    near: set[str] = set()
    far: set[str] = set()
    for k in range(lo):
        w = stems[k]
        if w not in _STOP and w.isalpha():
            (near if k >= lo - 10 else far).add(w)
    return [*(f"xlw={w}" for w in near), *(f"xlw2={w}" for w in far)]


def _context_right(stems: Sequence[str], hi: int) -> list[str]:
    near: set[str] = set()
    far: set[str] = set()
    for k in range(hi + 1, len(stems)):
        w = stems[k]
        if w not in _STOP and w.isalpha():
            (near if k <= hi + 10 else far).add(w)
    return [*(f"xrw={w}" for w in near), *(f"xrw2={w}" for w in far)]

_HEDGES = frozenset({"may", "might", "could", "possibl", "suggest", "potential", "putativ", "likely",
                     "perhap", "whether", "propos", "hypothes", "presum", "appear"})
_GENE_KINDS = (("ase", "ENZYME"), ("receptor", "RECEPTOR"), ("channel", "CHANNEL"),
               ("transporter", "TRANSPORTER"), ("factor", "FACTOR"), ("in", "IN"))


def _gene_kind(words: Sequence[str]) -> str:
    for w in reversed(words):
        if not w.isalpha():
            continue
        for suffix, kind in _GENE_KINDS:
            if w.endswith(suffix):
                return kind
    return "OTHER"


def rich_features(
    stems: Sequence[str],
    first: int,
    second: int,
    subject: str,
    object_words: Sequence[str],
    rule: str | None,
) -> list[str]:
    """The ``"rich"`` feature set's additions to the ``"context"`` set (``y`` prefixed).

    Parameters
    ----------
    stems : sequence of str
        The sentence's masked stems with the pair marked (``@C``, ``@G``/``@D``).
    first, second : int
        Positions of the pair's subject and object.
    subject : str
        The subject mention's text.
    object_words : sequence of str
        Stems of the object mention's words.
    rule : str or None
        The rules' reading of the pair (see :func:`pair_features`).

    Returns
    -------
    list of str
        Where negation and hedge cues stand (inside the gap, or just left or right of the
        pair), the subject's own words and head, the object's kind (enzyme, receptor, channel,
        transporter... from its head noun), the words within three tokens of each end inside
        the gap, the gap's bigrams once coordination and other mentions are dropped, and
        conjunctions: gap length and first trigger class, the object's kind with the trigger
        classes nearest it, the trigger classes nearest each end, and the rules' reading with
        the first trigger class.

    Examples
    --------
    >>> stems = ["@C", "did", "not", "inhibit", "@G", "."]
    >>> [f for f in rich_features(stems, 0, 4, "aspirin", ["cox"], None) if f.startswith("yneg")]
    ['yneg=in']
    """
    lo, hi = min(first, second), max(first, second)
    out = _rich_pair(stems, first, second, object_words, rule)
    out += _rich_left(stems, lo)
    out += _rich_right(stems, hi)
    out += _rich_subject(subject)
    out += _rich_object(object_words)
    return out


def _rich_pair(
    stems: Sequence[str], first: int, second: int, object_words: Sequence[str], rule: str | None
) -> list[str]:
    order = "S" if first < second else "O"
    lo, hi = min(first, second), max(first, second)
    n = len(stems)
    out: list[str] = []
    add = out.append
    between = stems[lo + 1 : hi]
    for name, cues in (("yneg", _NEGATION), ("yhed", _HEDGES)):
        if not cues.isdisjoint(between):
            add(f"{name}=in")
    kind = _gene_kind(object_words)
    for w in between[:3]:
        if w not in _STOP:
            add(f"yl3={order}{w}")
    for w in between[-3:]:
        if w not in _STOP:
            add(f"yr3={order}{w}")
    reduced = [w for w in between if w not in _COORD and w not in _STOP and not w.startswith("#")]
    for a, b in itertools.pairwise(["<", *reduced, ">"]):
        add(f"yrb={order}{a}_{b}")
    classes = [c for c in map(trigger_class, between) if c]
    t1 = classes[0] if classes else "none"
    add(f"yq1={order}{_bucket(len(between))}|{t1}")
    add(f"yq4={rule or 'none'}|{t1}")

    def nearest(i: int) -> str:
        for d in range(1, 6):
            for k in (i - d, i + d):
                if 0 <= k < n and k not in (first, second):
                    c = trigger_class(stems[k])
                    if c:
                        return c
        return "none"

    near_o, near_s = nearest(second), nearest(first)
    add(f"yq2={kind}|{near_o}")
    add(f"yq3={order}{near_s}|{near_o}")
    return out


def _rich_left(stems: Sequence[str], lo: int) -> list[str]:
    window = stems[max(0, lo - 5) : lo]
    return [f"{name}=L" for name, cues in (("yneg", _NEGATION), ("yhed", _HEDGES)) if not cues.isdisjoint(window)]


def _rich_right(stems: Sequence[str], hi: int) -> list[str]:
    window = stems[hi + 1 : hi + 6]
    return [f"{name}=R" for name, cues in (("yneg", _NEGATION), ("yhed", _HEDGES)) if not cues.isdisjoint(window)]


def _rich_subject(subject: str) -> list[str]:
    chem = _word_stems(subject)
    out = [f"ycw={w}" for w in chem if len(w) > 2 and w.isalpha()]
    if chem:
        out.append(f"ych={chem[-1]}")
    return out


def _rich_object(object_words: Sequence[str]) -> list[str]:
    return [f"yok={_gene_kind(object_words)}"]


def argument_features(
    stems: Sequence[str],
    first: int,
    second: int,
    subject: str,
    object_words: Sequence[str],
) -> list[str]:
    """The ``"argument"`` feature set's additions to the ``"rich"`` set (``z`` prefixed).

    Parameters
    ----------
    stems : sequence of str
        The sentence's masked stems with the pair marked (``@C``, ``@G``/``@D``).
    first, second : int
        Positions of the pair's subject and object.
    subject : str
        The subject mention's text.
    object_words : sequence of str
        Stems of the object mention's words.

    Returns
    -------
    list of str
        How each end is governed by a preposition ("inhibition of @G", "by the @C": the
        preposition with the trigger class, or the word, before it), whether another mention of
        an end's role stands between that end and the gap's nearest trigger (the trigger's
        argument is then more likely the other mention), and the shape of the two mentions:
        the last three letters and first four of the chemical's head word, the first and last
        three letters of the object's words, and whether the chemical is written in capitals
        and short (an abbreviation).

    Examples
    --------
    >>> stems = ["inhibit", "of", "@G", "by", "@C", "."]
    >>> sorted(f for f in argument_features(stems, 4, 2, "lovastatin", ["hmg"]) if f.startswith("zp"))
    ['zpO=of|INHIBIT', 'zpS=by|@G']
    """
    out = _argument_pair(stems, first, second)
    out += _argument_subject(subject)
    out += _argument_object(object_words)
    return out


def _argument_pair(stems: Sequence[str], first: int, second: int) -> list[str]:
    out: list[str] = []
    add = out.append
    order = "S" if first < second else "O"
    for symbol, i in (("S", first), ("O", second)):
        if i >= 2 and stems[i - 1] in _PREPOSITIONS:
            add(f"zp{symbol}={stems[i - 1]}|{trigger_class(stems[i - 2]) or stems[i - 2]}")
        if i >= 3 and stems[i - 1] == "the" and stems[i - 2] in _PREPOSITIONS:
            add(f"zp{symbol}={stems[i - 2]}|{trigger_class(stems[i - 3]) or stems[i - 3]}")
    lo, hi = min(first, second), max(first, second)
    triggers = [k for k in range(lo + 1, hi) if trigger_class(stems[k])]
    if triggers:
        low_role, high_role = "#" + stems[lo][1:], "#" + stems[hi][1:]
        blocked_low = low_role in stems[lo + 1 : triggers[0]]
        blocked_high = high_role in stems[triggers[-1] + 1 : hi]
        add(f"zblk={order}{int(blocked_low)}{int(blocked_high)}")
    return out


def _argument_subject(subject: str) -> list[str]:
    out = []
    chemical = [w for w in _word_stems(subject) if w.isalpha()]
    if chemical:
        out.append(f"zcs3={chemical[-1][-3:]}")
        out.append(f"zcp4={chemical[-1][:4]}")
    out.append(f"zcu={int(subject.isupper())}{int(len(subject) <= 4)}")
    return out


def _argument_object(object_words: Sequence[str]) -> list[str]:
    target = [w for w in object_words if w.isalpha()]
    return [f"zgp3={target[0][:3]}", f"zgs3={target[-1][-3:]}"] if target else []

@dataclass
class HiddenLayer:
    """A one-hidden-layer network a head adds to its linear scores.

    The network reads the same binary features as the head's linear part (a subset of its
    vocabulary): ``h = relu(x @ w1 + b1)``, and adds ``weight * log_softmax(h @ w2 + b2)`` to
    the head's class scores, so the two are one classifier (trained and measured together).

    Attributes
    ----------
    index : numpy.ndarray
        ``(n_features,)`` int32: for each row of the head's weights, its row of :attr:`w1`,
        or ``-1`` when the network does not read the feature (stored as a bitmap of the rows
        read, :attr:`w1` in their order).
    w1 : numpy.ndarray
        ``(n_rows, n_hidden)`` float32 (stored as int8 with one scale per column).
    b1 : numpy.ndarray
        ``(n_hidden,)``.
    w2 : numpy.ndarray
        ``(n_hidden, n_classes)``.
    b2 : numpy.ndarray
        ``(n_classes,)``.
    weight : float
        Weight of the network's log-probabilities in the head's scores.
    """

    index: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    weight: float
    quantized: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False, compare=False)
    """``(q, scale)`` with ``w1 == q * scale`` (int8 rows, float32 column scales) when the layer
    was read from a file; :meth:`RelationHead.scores` then sums the int8 rows (None: unknown)."""

    def log_probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Weighted class log-probabilities of one pair, given its rows in the head's weights."""
        picked = self.index.take(rows)
        picked = picked[picked >= 0]
        z = _add_rows(self.w1.take(picked, axis=0), axis=0) + self.b1 if len(picked) else self.b1.copy()
        o = np.maximum(z, 0.0) @ self.w2 + self.b2
        top = float(_max_of(o))
        return self.weight * (o - (top + math.log(float(_add_rows(np.exp(o - top))))))

    def batch_log_probabilities(self, x) -> np.ndarray:
        """The same for many pairs: ``x`` a sparse ``(n_pairs, n_features)`` binary matrix."""
        keep = np.flatnonzero(self.index >= 0)
        z = np.asarray(x[:, keep] @ self.w1[self.index[keep]]) + self.b1
        o = np.maximum(z, 0.0) @ self.w2 + self.b2
        o = o - o.max(axis=1, keepdims=True)
        return self.weight * (o - np.log(np.exp(o).sum(axis=1, keepdims=True)))

    def to_dict(self) -> dict:
        """The JSON form: the rows read as a base64 bitmap, ``w1`` as base64 int8 with column scales."""
        rows = np.flatnonzero(self.index >= 0)  # ascending: w1 is stored in this order
        w1 = self.w1[self.index[rows]]
        scale = np.abs(w1).max(axis=0) / 127.0 if len(w1) else np.ones(w1.shape[1], dtype=np.float32)
        scale[scale == 0] = 1.0
        q = np.clip(np.rint(w1 / scale), -127, 127).astype(np.int8)
        mask = np.zeros(len(self.index), dtype=bool)
        mask[rows] = True
        return {
            "rows": base64.b64encode(np.packbits(mask).tobytes()).decode("ascii"),
            "w1": {"dtype": "int8", "shape": list(q.shape), "scale": [float(x) for x in scale],
                   "base64": base64.b64encode(q.tobytes()).decode("ascii")},
            "b1": [round(float(x), 6) for x in self.b1],
            "w2": [[round(float(x), 6) for x in row] for row in self.w2],
            "b2": [round(float(x), 6) for x in self.b2],
            "weight": self.weight,
        }

    @classmethod
    def from_dict(cls, data: dict, n_features: int, n_classes: int) -> HiddenLayer:
        """Rebuild the layer from :meth:`to_dict`'s form (ValueError when it does not fit)."""
        w = data["w1"]
        shape = tuple(int(x) for x in w["shape"])
        raw = base64.b64decode(w["base64"], validate=True)
        bits = np.frombuffer(base64.b64decode(data["rows"], validate=True), dtype=np.uint8)
        if len(bits) != (n_features + 7) // 8:
            raise ValueError("hidden layer rows")
        listed = np.flatnonzero(np.unpackbits(bits, count=n_features))
        scale = np.asarray([float(x) for x in w["scale"]], dtype=np.float32)
        if (w["dtype"] != "int8" or len(shape) != 2 or len(raw) != shape[0] * shape[1]
                or len(listed) != shape[0] or scale.shape != (shape[1],)):
            raise ValueError("hidden layer shape")
        q = np.frombuffer(raw, dtype=np.int8).reshape(shape)
        w1 = q.astype(np.float32) * scale
        index = np.full(n_features, -1, dtype=np.int32)
        index[listed] = np.arange(len(listed), dtype=np.int32)
        b1 = np.asarray([float(x) for x in data["b1"]], dtype=np.float32)
        w2 = np.asarray([[float(x) for x in row] for row in data["w2"]], dtype=np.float32)
        b2 = np.asarray([float(x) for x in data["b2"]], dtype=np.float32)
        if b1.shape != (shape[1],) or w2.shape != (shape[1], n_classes) or b2.shape != (n_classes,):
            raise ValueError("hidden layer shape")
        return cls(index, w1, b1, w2, b2, float(data["weight"]), (q, scale))


@dataclass(frozen=True)
class _Compact:
    """What :meth:`RelationHead.compact` builds: the identity of the arrays it was built from
    and the hidden layer's ``(int8 rows, scales)`` or None."""

    key: tuple[int, int, int]
    hidden: tuple[np.ndarray, np.ndarray] | None
    mentions: dict[tuple[str, str], list[int]]
    """Rows of the features of a subject's (``("S", text)``) or an object's (``("O", text)``)
    words, filled by :class:`_SentenceRows`."""


@dataclass
class RelationHead:
    """One classifier of a model: a pair of argument groups and its classes.

    Attributes
    ----------
    name : str
        ``"chemical-gene"`` (DrugProt types) or ``"chemical-disease"`` (``CID``).
    subject, object : str
        Roles of the two arguments (``"C"``, ``"G"``, ``"D"``; see :func:`role`).
    classes : tuple of str
        ``"NONE"`` first, then the relation types.
    predicates : dict of str to str
        Relation type -> pharmgraph predicate.
    features : dict of str to int
        Feature name -> row of :attr:`weights`.
    weights : numpy.ndarray
        ``(n_features, n_classes)`` float32.
    intercept : numpy.ndarray
        ``(n_classes,)``.
    threshold : float
        Least probability at which ``extract`` adds a relation.
    none_bias : float
        Added to the NONE score before the best class is chosen (tuned on held-out training).
    about : dict
        Training facts: corpus, sizes, held-out scores.
    feature_set : str
        The :func:`pair_features` set the head was trained on (one of :data:`FEATURE_SETS`);
        a file that names none means ``"base"``.
    hidden : HiddenLayer or None
        A network whose weighted log-probabilities are added to the linear scores (None: the
        head is linear).
    """

    name: str
    subject: str
    object: str
    classes: tuple[str, ...]
    predicates: dict[str, str]
    features: dict[str, int]
    weights: np.ndarray
    intercept: np.ndarray
    threshold: float = 0.5
    none_bias: float = 0.0
    about: dict = field(default_factory=dict)
    feature_set: str = "base"
    hidden: HiddenLayer | None = None

    def scores(self, feats: Iterable[str]) -> np.ndarray:
        """Raw class scores of one feature set (NONE bias included)."""
        return self.row_scores([r for r in map(self.features.get, feats) if r is not None])

    def row_scores(self, rows: Sequence[int]) -> np.ndarray:
        """Raw class scores of a pair given its features' rows of :attr:`weights` (NONE bias included)."""
        return self.batch_row_scores([rows])[0]

    def batch_row_scores(self, pairs: Sequence[Sequence[int]]) -> np.ndarray:
        """:meth:`row_scores` of several pairs at once, ``(n_pairs, n_classes)``.

        One gather of all the pairs' rows and one segmented sum (:func:`numpy.add.reduceat`);
        a loaded hidden layer is read from :meth:`compact`'s int8 rows.
        """
        flat: list[int] = []
        starts: list[int] = []
        kept: list[int] = []  # the pairs with rows (reduceat has no empty segments)
        for k, rows in enumerate(pairs):
            if rows:
                kept.append(k)
                starts.append(len(flat))
                flat.extend(rows)
        index = np.array(flat, dtype=np.intp)
        at = np.array(starts, dtype=np.intp)

        def sums(matrix: np.ndarray) -> np.ndarray:
            if len(kept) == len(pairs):
                return _add_at(
                    matrix.take(index, axis=0).astype(np.float32, copy=False), at, axis=0
                )
            out = np.zeros((len(pairs), matrix.shape[1]), dtype=np.float32)
            if kept:
                out[kept] = _add_at(
                    matrix.take(index, axis=0).astype(np.float32, copy=False), at, axis=0
                )
            return out

        s = sums(self.weights)
        s += self.intercept
        hidden = self.hidden
        if hidden is not None:
            spread = self.compact().hidden
            if spread is None:
                s += np.vstack(
                    [hidden.log_probabilities(np.array(r, dtype=np.intp)) for r in pairs]
                )
            else:
                q, scale = spread
                z = sums(q)  # sums of int8 values: exact in float32
                z *= scale
                z += hidden.b1
                o = np.maximum(z, 0.0, out=z) @ hidden.w2
                o += hidden.b2
                o -= _max_of(o, axis=1, keepdims=True)
                o -= np.log(_add_rows(np.exp(o), axis=1, keepdims=True))
                o *= hidden.weight
                s += o
        s[:, 0] += self.none_bias
        return s

    def compact(self) -> _Compact:
        """What :meth:`batch_row_scores` reads beside :attr:`weights` (built once, rebuilt if they change).

        A loaded hidden layer's int8 rows spread over all of the head's rows (zero where the
        layer reads nothing: a quarter of the memory of its float32 ``w1``, and no index to
        look up), with its column scales.
        """
        hidden = self.hidden
        key = (id(self.weights), id(hidden), id(hidden.index) if hidden is not None else 0)
        cached = self.__dict__.get("_compact")
        if cached is not None and cached.key == key:
            return cached
        spread = None
        if hidden is not None and hidden.quantized is not None:
            q, scale = hidden.quantized
            if q.shape == hidden.w1.shape and len(hidden.index) == len(self.weights):
                full = np.zeros((len(hidden.index), q.shape[1]), dtype=np.int8)
                read = np.flatnonzero(hidden.index >= 0)
                full[read] = q[hidden.index[read]]
                spread = (full, scale)
        self.__dict__["_compact"] = cached = _Compact(key, spread, {})
        return cached

    def predict(self, feats: Iterable[str]) -> tuple[str, float]:
        """The best class of one pair and its confidence against NONE.

        The confidence is ``sigmoid(score(best) - score(NONE))`` (NONE bias included), so it
        passes 0.5 exactly when a relation class beats NONE; for NONE it is 1 - that of the
        runner-up.
        """
        return self.decide(self.scores(feats))

    def decide(self, s: np.ndarray) -> tuple[str, float]:
        """:meth:`predict`'s answer for a pair's :meth:`scores` ``s``."""
        k = int(s.argmax())
        if k == 0:
            runner = float(_max_of(s[1:]))
            return "NONE", float(1.0 / (1.0 + math.exp(runner - float(s[0]))))
        return self.classes[k], float(1.0 / (1.0 + math.exp(float(s[0]) - float(s[k]))))

    def positive_probability(self, feats: Iterable[str]) -> float:
        """Probability that the pair holds any relation (1 - P(NONE))."""
        s = self.scores(feats)
        e = np.exp(s - s.max())
        return float(1.0 - e[0] / e.sum())

    def to_dict(self) -> dict:
        """The JSON form of the head (weights as base64 float16)."""
        names = sorted(self.features, key=self.features.__getitem__)
        data = np.ascontiguousarray(self.weights, dtype="<f2").tobytes()
        return {
            "name": self.name,
            "subject": self.subject,
            "object": self.object,
            "classes": list(self.classes),
            "predicates": dict(self.predicates),
            "features": names,
            "weights": {
                "dtype": "float16",
                "shape": [len(names), len(self.classes)],
                "base64": base64.b64encode(data).decode("ascii"),
            },
            "intercept": [round(float(x), 6) for x in self.intercept],
            "threshold": self.threshold,
            "none_bias": self.none_bias,
            "about": self.about,
            "feature_set": self.feature_set,
            **({"hidden": self.hidden.to_dict()} if self.hidden is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict, where: str) -> RelationHead:
        """Rebuild a head from its JSON form, checking every field's shape.

        Raises
        ------
        InputError
            If a field is missing or has the wrong type or size.
        """
        try:
            classes = tuple(str(c) for c in data["classes"])
            names = data["features"]
            w = data["weights"]
            shape = tuple(int(x) for x in w["shape"])
            if (
                w["dtype"] != "float16"
                or shape != (len(names), len(classes))
                or len(classes) < 2
                or classes[0] != "NONE"
                or not all(isinstance(n, str) for n in names)
            ):
                raise ValueError("shape")
            raw = base64.b64decode(w["base64"], validate=True)
            if len(raw) != 2 * shape[0] * shape[1]:
                raise ValueError("size")
            weights = np.frombuffer(raw, dtype="<f2").reshape(shape).astype(np.float32)
            intercept = np.asarray([float(x) for x in data["intercept"]], dtype=np.float32)
            if intercept.shape != (len(classes),):
                raise ValueError("intercept")
            predicates = {str(k): str(v) for k, v in dict(data.get("predicates", {})).items()}
            feature_set = data.get("feature_set", "base")
            if feature_set not in FEATURE_SETS:
                raise ValueError(f"unknown feature set {feature_set!r}")
            hidden = data.get("hidden")
            if hidden is not None:
                hidden = HiddenLayer.from_dict(hidden, len(names), len(classes))
            return cls(
                name=str(data["name"]),
                subject=str(data["subject"]),
                object=str(data["object"]),
                classes=classes,
                predicates=predicates,
                features={n: i for i, n in enumerate(names)},
                weights=weights,
                intercept=intercept,
                threshold=float(data.get("threshold", 0.5)),
                none_bias=float(data.get("none_bias", 0.0)),
                about=dict(data.get("about", {})),
                feature_set=feature_set,
                hidden=hidden,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(
                f"{where} is not a pharmgraph relation model (a head is malformed: {exc})."
            ) from None


@dataclass
class RelationModel:
    """A model file: one head per pair of argument roles.

    Attributes
    ----------
    heads : dict of str to RelationHead
        By name.
    """

    heads: dict[str, RelationHead]

    def head_for(self, subject: str, obj: str) -> RelationHead | None:
        """The head that classifies pairs of these roles, or None."""
        for head in self.heads.values():
            if head.subject == subject and head.object == obj:
                return head
        return None

    def save(self, path: str | os.PathLike) -> int:
        """Write the model as gzip-compressed JSON; return the file size in bytes."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "heads": [h.to_dict() for h in self.heads.values()],
        }
        payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
        path = Path(path)
        try:
            with gzip.open(path, "wb", compresslevel=9) as handle:
                handle.write(payload)
        except OSError as exc:
            raise InputError(f"{path} cannot be written ({exc.strerror}).") from None
        return path.stat().st_size

    @classmethod
    def load(cls, path: str | os.PathLike) -> RelationModel:
        """Read a model file written by :meth:`save` (JSON only; nothing is executed).

        Raises
        ------
        InputError
            If the file is missing, not gzip'd JSON, or not of the expected shape.
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path} cannot be read ({exc.strerror}).") from None
        try:
            text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
            data = json.loads(text)
        except (OSError, EOFError, ValueError):
            raise InputError(f"{path} is not a pharmgraph relation model (not gzip'd JSON).") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(f"{path} is not a pharmgraph relation model (no '{FORMAT}' format tag).")
        if data.get("version") != VERSION or not isinstance(data.get("heads"), list):
            raise InputError(f"{path} is a relation model of an unknown version; retrain it with 'pharmgraph train'.")
        heads = [RelationHead.from_dict(h, str(path)) for h in data["heads"] if isinstance(h, dict)]
        if not heads:
            raise InputError(f"{path} is not a pharmgraph relation model (it has no heads).")
        return cls({h.name: h for h in heads})


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime: float) -> RelationModel:
    from pharmgraph.lexicon.core import freeze_loaded

    model = RelationModel.load(path)
    freeze_loaded()  # long-lived: keep it out of the garbage collector's scans
    return model


def load_model(path: str | os.PathLike | None = None) -> RelationModel | None:
    """Load a relation model: ``path``, else ``$PHARMGRAPH_MODEL``, else the shipped one.

    Returns None when the choice is ``"none"`` (rules only) or no model is shipped.
    """
    chosen = path if path is not None else os.environ.get(MODEL_ENV) or None
    if chosen is not None and str(chosen).lower() == "none":
        return None
    # one stat call: extract asks for the model once per document
    if chosen is None:
        try:
            found = os.stat(MODEL_PATH)
        except OSError:
            return None
        if not stat.S_ISREG(found.st_mode):
            return None
        return _load_cached(str(MODEL_PATH), found.st_mtime)
    chosen = Path(chosen)
    try:
        mtime = chosen.stat().st_mtime
    except OSError:
        raise InputError(f"{chosen} cannot be read (no such file).") from None
    return _load_cached(str(chosen), mtime)


def rule_readings(relations: Iterable[Relation]) -> dict[tuple[str, str], str]:
    """What the rules said per (subject id, object id): a predicate or ``not:<predicate>``."""
    out: dict[tuple[str, str], str] = {}
    for r in relations:
        key = (r.subject.id, r.object.id)
        reading = f"not:{r.predicate}" if r.negated else r.predicate
        out.setdefault(key, reading)
    return out


def reading_for(readings: dict[tuple[str, str], str], subjects: set[str], s: Mention, o: Mention) -> str | None:
    """The rules' reading for a mention pair (see :func:`pair_features`)."""
    for a in s.entities:
        for b in o.entities:
            got = readings.get((a.id, b.id))
            if got:
                return got
    if any(a.id in subjects for a in s.entities):
        return "other"
    return None


def candidate_pairs(tokens: Sequence[Token]) -> list[tuple[int, int, str, str]]:
    """Mention-token pairs a head may classify: ``(subject_index, object_index, role, role)``."""
    positions = [(i, role(t.mention)) for i, t in enumerate(tokens) if t.mention is not None]
    out = []
    for i, ri in positions:
        if ri != "C":
            continue
        for j, rj in positions:
            if j != i and rj in ("G", "D"):
                a, b = tokens[i].mention, tokens[j].mention
                if {e.id for e in a.entities} & {e.id for e in b.entities}:
                    continue
                out.append((i, j, ri, rj))
    return out


class _SentenceRows:
    """The rows of a head's features for the pairs of one sentence (what ``extract`` scores).

    A pair's features are those of :func:`pair_features` in the head's set (the same
    multiset, in another order): the pair's own are computed for each pair, those that read
    only the sentence, only what lies left or right of the pair, or only one mention's words
    are computed once per sentence, per left or right end, or per mention text (kept with the
    head: a drug or gene is named many times), and looked up once.

    Parameters
    ----------
    head : RelationHead
        The head whose rows are wanted.
    tokens : sequence of Token
        The sentence.
    base : sequence of str
        :func:`masked_stems` of ``tokens``.
    """

    def __init__(self, head: RelationHead, tokens: Sequence[Token], base: Sequence[str]) -> None:
        feature_set = head.feature_set
        if feature_set not in FEATURE_SETS:
            raise ValueError(f"unknown feature set {feature_set!r}")
        self._get = head.features.get
        self._tokens = tokens
        self._base = base
        self._context = feature_set != "base"
        self._rich = feature_set in ("rich", "argument")
        self._argument = feature_set == "argument"
        self._memo = head.compact().mentions
        shared = _base_sentence(base)
        if self._context:
            self._classes = list(map(trigger_class, base))
            self._positions = _mention_positions(base)
            shared += _context_sentence(self._classes, self._positions)
        self._shared = self._rows(shared)
        self._left: dict[int, list[int]] = {}
        self._right: dict[int, list[int]] = {}

    def _rows(self, feats: Iterable[str]) -> list[int]:
        return [r for r in map(self._get, feats) if r is not None]

    def rows(self, first: int, second: int, rule: str | None = None) -> list[int]:
        """The rows of the features of the pair (subject ``first``, object ``second``).

        Parameters
        ----------
        first, second : int
            Token positions of the subject and the object.
        rule : str, optional
            The rules' reading of the pair (see :func:`pair_features`).

        Returns
        -------
        list of int
            Rows of the head's weights, one per feature the head knows (repeated features
            repeated, as :meth:`RelationHead.scores` counts them).
        """
        tokens, base = self._tokens, self._base
        stems = _symbols(tokens, first, second, base)
        subject, obj = tokens[first].text, tokens[second].text
        memo = self._memo
        if len(memo) > 100_000:
            memo.clear()
        words = _word_stems(obj)
        feats = _base_pair(stems, first, second, words, rule)
        if self._context:
            feats += _context_pair(stems, first, second, self._classes, self._positions)
            if self._rich:
                feats += _rich_pair(stems, first, second, words, rule)
                if self._argument:
                    feats += _argument_pair(stems, first, second)
        out = self._rows(feats)
        out += self._shared
        lo, hi = min(first, second), max(first, second)
        left = self._left.get(lo)
        if left is None:
            part = _base_left(base, lo)
            if self._context:
                part += _context_left(base, lo)
                if self._rich:
                    part += _rich_left(base, lo)
            left = self._left[lo] = self._rows(part)
        out += left
        right = self._right.get(hi)
        if right is None:
            part = _base_right(base, hi)
            if self._context:
                part += _context_right(base, hi)
                if self._rich:
                    part += _rich_right(base, hi)
            right = self._right[hi] = self._rows(part)
        out += right
        key = ("S", subject)
        rows = memo.get(key)
        if rows is None:
            part = _base_subject(subject)
            if self._rich:
                part += _rich_subject(subject)
                if self._argument:
                    part += _argument_subject(subject)
            rows = memo[key] = self._rows(part)
        out += rows
        key = ("O", obj)
        rows = memo.get(key)
        if rows is None:
            part = _base_object(words)
            if self._rich:
                part += _rich_object(words)
                if self._argument:
                    part += _argument_object(words)
            rows = memo[key] = self._rows(part)
        out += rows
        return out


_CLAUSE_WORDS = frozenset({";", "whereas", "while", "which", "but", "although", "whilst"})


def _crosses_clause(tokens: Sequence[Token], i: int, j: int) -> bool:
    """True when a clause boundary (";", ", and", "whereas", "which"...) lies between i and j."""
    lo, hi = min(i, j), max(i, j)
    for k in range(lo + 1, hi):
        low = tokens[k].low
        if low in _CLAUSE_WORDS:
            return True
        if low == "," and k + 1 < hi and tokens[k + 1].low in ("and", "or", "but") and tokens[k + 2 if k + 2 < len(tokens) else k].mention is None:
            return True
    return False


def negates_or_compares(clean: str, cues: frozenset[str]) -> bool:
    """True when a sentence negates (one of ``cues``, or n't) or compares ("unlike", "than"):
    a learned head then leaves it to the rules, whose clause logic scopes both.

    Examples
    --------
    >>> negates_or_compares("Y lacks agonist activity at Z.", _MODEL_NEGATION)
    True
    >>> negates_or_compares("Patients who cannot take Y were excluded.", _MODEL_NEGATION)
    False
    """
    low = clean.lower()
    if _CONTRAST.search(clean, low) or " than " in low or "n't" in low:
        return True
    return not cues.isdisjoint(_WORDS.findall(low))


def model_relations(
    clean: str,
    mentions: Sequence[Mention],
    relations: Sequence[Relation],
    model: RelationModel,
) -> list[Relation]:
    """Relations the model adds to a sentence beside the rules' ``relations``.

    Parameters
    ----------
    clean : str
        The sentence's clean text.
    mentions : sequence of Mention
        Its mentions (non-overlapping), as the rules read them.
    relations : sequence of Relation
        What the rules found in it. When they found anything the sentence is theirs and the
        model adds nothing: their clause logic (comparisons, appositions, agents) decides.
    model : RelationModel
        The heads to apply.

    Returns
    -------
    list of Relation
        Asserted relations with ``rule="model:<head>"`` and the model's confidence (capped
        below the rules' usual 0.8). Sentences that negate or compare get none (negation
        scope is the rules'), and a pair must lie within one clause.
    """
    if relations or len(mentions) < 2:
        return []  # the rules read this sentence: their clause logic decides its pairs
    roles = {role(m) for m in mentions}
    if "C" not in roles or not roles & {"G", "D"} or not any(m.is_drug for m in mentions):
        return []
    if negates_or_compares(clean, _MODEL_NEGATION):
        return []  # "lacks agonist activity at R", "was unable to inhibit T": the rules' to read
    low = clean.lower()
    tokens = tokenize(clean, mentions)
    pairs = candidate_pairs(tokens)
    if not pairs:
        return []
    readings = rule_readings(relations)
    subjects = {r.subject.id for r in relations}
    out: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    base = masked_stems(tokens)
    chosen: list[tuple[int, int, RelationHead]] = []
    rows: dict[str, list[list[int]]] = {}
    helpers: dict[str, _SentenceRows] = {}
    for i, j, ri, rj in pairs:
        head = model.head_for(ri, rj)
        if head is None:
            continue
        s = tokens[i].mention
        reading = reading_for(readings, subjects, s, tokens[j].mention)
        if reading and reading != "other":
            continue
        if not s.is_drug or _crosses_clause(tokens, i, j):
            continue  # endogenous substances and classes are not agents; one clause only
        if low[max(0, tokens[i].start - 4) : tokens[i].start] in ("non-", "non "):
            continue  # "a non-purine inhibitor of A": the purine is what the inhibitor is not
        if abs(i - j) > MAX_GAP:
            continue
        helper = helpers.get(head.name)
        if helper is None:
            helper = helpers[head.name] = _SentenceRows(head, tokens, base)
        rows.setdefault(head.name, []).append(helper.rows(i, j, reading))
        chosen.append((i, j, head))
    # Each head scores all its pairs of the sentence at once; the pairs are then read in order.
    decided = {name: iter(model.heads[name].batch_row_scores(batch)) for name, batch in rows.items()}
    for i, j, head in chosen:
        s, o = tokens[i].mention, tokens[j].mention
        kind, p = head.decide(next(decided[head.name]))
        if kind == "NONE" or p < head.threshold:
            continue
        predicate = head.predicates.get(kind)
        if predicate is None:
            continue
        for a in s.entities:
            for b in o.entities:
                if (a.id, b.id) in seen:
                    continue
                seen.add((a.id, b.id))
                if head.object == "D" and group_of(b.type) == "AdverseEvent" and predicate == "causes":
                    pred = "causes_adverse_event"
                else:
                    pred = predicate
                out.append(Relation(a, pred, b, confidence=round(min(p, 0.79), 3), rule=f"model:{head.name}",
                                    trigger=(tokens[i].start, tokens[j].end)))
    return out


__all__ = [
    "DRUGPROT_PREDICATES",
    "EXTRACTOR",
    "FEATURE_SETS",
    "MODEL_ENV",
    "MODEL_PATH",
    "PREDICATE_TYPES",
    "HiddenLayer",
    "RelationHead",
    "RelationModel",
    "argument_features",
    "candidate_pairs",
    "context_features",
    "load_model",
    "masked_stems",
    "model_relations",
    "pair_features",
    "reading_for",
    "rich_features",
    "role",
    "rule_readings",
    "stem",
    "trigger_class",
]
