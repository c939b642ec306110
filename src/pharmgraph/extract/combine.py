"""How the learned heads join the rules, pair by pair.

The corpus heads (DrugProt, BC5CDR) speak as
:func:`pharmgraph.extract.learned.model_relations` lets them: only in sentences the rules leave
silent, at their own thresholds. Statement heads (:mod:`pharmgraph.evaluation.devset_head`,
read when ``$PHARMGRAPH_STATEMENT_MODEL`` names a file) decide per pair instead: in any
sentence, a candidate pair (a drug and a target, disease or adverse event, both in one clause,
no ", so" between them, at most :data:`~pharmgraph.extract.learned.MAX_GAP` tokens apart) that
neither the rules nor the corpus heads speak of is added when a statement head's confidence
reaches its threshold, and never as ``treats`` where the sentence warns or the object names the
patients. The rules win wherever they speak of the pair (stated or denied), a sentence that
negates or compares gets nothing from a statement head (negation scope and comparisons are the
rules'), and a pair inside a hedged stretch of the sentence
(:meth:`pharmgraph.extract.context.Clauses.hedged`) is added as hedged.

Every choice here was measured by leave-one-set-out cross-validation over the six studied
parts of ``benchmarks/devset`` (``benchmarks/devset_cv.py``): chosen on five parts, measured on
the sixth.

Examples
--------
>>> from pharmgraph.model import Entity
>>> from pharmgraph.extract.tokens import Mention
>>> a = Mention(0, 7, "Aspirin", (Entity("x:1", "aspirin", "Drug"),))
>>> b = Mention(17, 22, "COX-1", (Entity("x:2", "COX-1", "Enzyme"),))
>>> [c.first for c in candidates("Aspirin inhibits COX-1.", [a, b], [])[2]]
[0]
>>> candidates("Aspirin does not inhibit COX-1.", [a, b], [])
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.extract.context import Clauses
from pharmgraph.extract.learned import (
    MAX_GAP,
    RelationHead,
    RelationModel,
    _crosses_clause,
    _SentenceRows,
    candidate_pairs,
    masked_stems,
    model_relations,
    negates_or_compares,
    reading_for,
    role,
    rule_readings,
)
from pharmgraph.extract.populations import _QUALIFYING
from pharmgraph.extract.relations import Relation
from pharmgraph.extract.tokens import Mention, Token, group_of, tokenize
from pharmgraph.extract.triggers import NEGATION_CUES

STATEMENTS_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / "statements.json.gz"
"""Where ``scripts/train_statement_head.py`` writes the statement heads by default."""
STATEMENTS_ENV = "PHARMGRAPH_STATEMENT_MODEL"
"""Environment variable naming a statement-head file for ``extract`` to read beside the corpus
heads. Unset (or ``"none"``): no statement heads. They are not on by default: in
leave-one-set-out over the six studied devset parts they raised the mean F1 (0.821 -> 0.826) and
core recall (0.871 -> 0.877) but added a forbidden reading on one part."""

_NEGATION_WORDS = frozenset({*NEGATION_CUES, "lack"})
_WARNING = re.compile(r"contraindicat|exclud|should not|must not|avoid|caution|unless|except|without\b|warn|precaution|risk", re.IGNORECASE)
WARNED: frozenset[str] = frozenset({"treats"})
"""Predicates a statement head does not add in a sentence that warns (:func:`warns`), nor to an
object that names the patients (:func:`names_population`): a contraindication, a caution or a
population names no use."""


@dataclass(frozen=True)
class Candidate:
    """A pair the model may classify.

    Attributes
    ----------
    first, second : int
        Token positions of the subject (a drug) and the object.
    reading : str or None
        The rules' reading of the pair (:func:`~pharmgraph.extract.learned.reading_for`): None,
        or ``"other"`` when they related the subject to something else.
    hedged : bool
        Whether a hedging cue lies in the pair's stretch of the sentence.
    read : bool
        Whether the rules spoke of the pair (only offered when asked for, to learn from).
    population : bool
        Whether the object names the patients ("in patients with D", "people who have D"),
        not a use (:func:`names_population`).
    """

    first: int
    second: int
    reading: str | None
    hedged: bool
    read: bool = False
    population: bool = False


def guarded(clean: str) -> bool:
    """True when the sentence negates or compares (a statement head then adds nothing to it).

    Any negation cue of the rules (:data:`pharmgraph.extract.triggers.NEGATION_CUES`: "lacks",
    "unable", "devoid"...) or "n't" counts, as does a comparison ("unlike", "than").

    Examples
    --------
    >>> guarded("Unlike X, Y binds Z."), guarded("Y binds Z."), guarded("Y does not bind Z.")
    (True, False, True)
    >>> guarded("Y lacks agonist activity at Z."), guarded("Y doesn't bind Z.")
    (True, True)
    """
    return negates_or_compares(clean, _NEGATION_WORDS)


def warns(clean: str) -> bool:
    """True when the sentence warns or excludes ("contraindicated in", "avoid in", "caution").

    Examples
    --------
    >>> warns("It is contraindicated in severe asthma."), warns("It treats severe asthma.")
    (True, False)
    """
    return bool(_WARNING.search(clean))


_POPULATION = frozenset({"patients", "patient", "people", "adults", "children", "subjects", "participants", "individuals",
                         "women", "men", "those", "anyone", "someone"})  # fmt: skip
_LINKS = frozenset({"with", "who", "have", "has", "had", "already", "a", "an", "the", "known", "severe", "history", "of"})


def _result_clause(tokens: Sequence[Token], i: int, j: int) -> bool:
    """True when ", so" (a clause of consequence) lies between tokens ``i`` and ``j``."""
    lo, hi = min(i, j), max(i, j)
    return any(tokens[k].low == "," and tokens[k + 1].low in ("so", "hence", "thus") for k in range(lo + 1, hi - 1))


def names_population(tokens: Sequence[Token], j: int) -> bool:
    """True when the mention at ``j`` says who the patients are ("patients with D", "people who have D").

    A condition that only qualifies patients (renal or hepatic impairment, pregnancy, a history
    of something: :mod:`pharmgraph.extract.populations`) always does.

    Examples
    --------
    >>> from pharmgraph.model import Entity
    >>> text = "It is preferred for arrhythmias in patients with heart failure."
    >>> d = Mention(49, 62, "heart failure", (Entity("x:3", "heart failure", "Disease"),))
    >>> toks = tokenize(text, [d])
    >>> names_population(toks, len(toks) - 2)
    True
    """
    if _QUALIFYING.search(tokens[j].text):
        return True  # renal or hepatic impairment, a history of: who the patients are
    k = j - 1
    while k >= 0 and j - k <= 5 and tokens[k].mention is None and tokens[k].low in _LINKS:
        k -= 1
    return k < j - 1 and k >= 0 and tokens[k].mention is None and tokens[k].low in _POPULATION


def candidates(
    clean: str, mentions: Sequence[Mention], relations: Sequence[Relation], keep_read: bool = False
) -> tuple[list[Token], list[str], list[Candidate]] | None:
    """The sentence's tokens, their masked stems and the pairs the model may add.

    Parameters
    ----------
    clean : str
        The sentence's clean text.
    mentions : sequence of Mention
        Its mentions, as the rules read them.
    relations : sequence of Relation
        What the rules found in it (their pairs are theirs).
    keep_read : bool
        Offer the pairs the rules spoke of too, flagged :attr:`Candidate.read` (for training).

    Returns
    -------
    tuple or None
        ``(tokens, stems, candidates)``; None when the sentence offers no pair (no drug, no
        target or disease, or a negation or comparison).
    """
    if len(mentions) < 2:
        return None
    roles = {role(m) for m in mentions}
    if "C" not in roles or not roles & {"G", "D"} or not any(m.is_drug for m in mentions):
        return None
    if guarded(clean):
        return None
    tokens = tokenize(clean, mentions)
    pairs = candidate_pairs(tokens)
    if not pairs:
        return None
    low = clean.lower()
    readings = rule_readings(relations)
    subjects = {r.subject.id for r in relations}
    clauses: Clauses | None = None
    out: list[Candidate] = []
    for i, j, _ri, _rj in pairs:
        s = tokens[i].mention
        if not s.is_drug or abs(i - j) > MAX_GAP or _crosses_clause(tokens, i, j) or _result_clause(tokens, i, j):
            continue  # endogenous substances and classes are not agents; one clause only
        if low[max(0, tokens[i].start - 4) : tokens[i].start] in ("non-", "non "):
            continue  # "a non-purine inhibitor of A": the purine is what the inhibitor is not
        reading = reading_for(readings, subjects, s, tokens[j].mention)
        read = bool(reading and reading != "other")
        if read and not keep_read:
            continue  # the rules spoke of this pair: theirs
        if clauses is None:
            clauses = Clauses(tokens)
        out.append(Candidate(i, j, reading, clauses.hedged(i) or clauses.hedged(j), read, names_population(tokens, j)))
    if not out:
        return None
    return tokens, masked_stems(tokens), out


def object_features(mention: Mention) -> list[str]:
    """Features of the object's type that a statement head reads beside the pair's own."""
    entity = mention.entities[0]
    return [f"otype={entity.type}", f"ogroup={group_of(entity.type)}"]


def head_scores(head: RelationHead, tokens: Sequence[Token], stems: Sequence[str],
                chosen: Sequence[Candidate], extra: bool = False):
    """A head's raw class scores of the ``chosen`` pairs, ``(n_pairs, n_classes)``."""
    helper = _SentenceRows(head, tokens, stems)
    get = head.features.get
    batch = []
    for c in chosen:
        rows = helper.rows(c.first, c.second, c.reading)
        if extra:
            rows += [r for r in map(get, object_features(tokens[c.second].mention)) if r is not None]
        batch.append(rows)
    return head.batch_row_scores(batch)


@lru_cache(maxsize=4)
def _load_statements(path: str, mtime: float) -> RelationModel:
    return RelationModel.load(path)


def load_statement_heads(path: str | os.PathLike | None = None) -> RelationModel | None:
    """The statement heads: ``path``, else the file ``$PHARMGRAPH_STATEMENT_MODEL`` names, else None.

    Raises
    ------
    InputError
        If the file named cannot be read or is not a relation model.
    """
    chosen = path if path is not None else os.environ.get(STATEMENTS_ENV) or None
    if chosen is None or str(chosen).lower() == "none":
        return None
    chosen = Path(chosen)
    try:
        mtime = chosen.stat().st_mtime
    except OSError:
        raise InputError(f"{chosen} cannot be read (no such file).") from None
    return _load_statements(str(chosen), mtime)


def combined_relations(
    clean: str,
    mentions: Sequence[Mention],
    relations: Sequence[Relation],
    model: RelationModel | None,
    statements: RelationModel | None = None,
) -> list[Relation]:
    """Relations the learned heads add to a sentence beside the rules' ``relations``.

    Parameters
    ----------
    clean : str
        The sentence's clean text.
    mentions : sequence of Mention
        Its mentions (non-overlapping), as the rules read them.
    relations : sequence of Relation
        What the rules found in it; a pair they speak of is left to them.
    model : RelationModel or None
        The corpus heads (DrugProt, BC5CDR), applied by
        :func:`~pharmgraph.extract.learned.model_relations`.
    statements : RelationModel or None
        Statement heads, applied pair by pair to the pairs ``model`` left.

    Returns
    -------
    list of Relation
        Relations with ``rule="model:<head>"`` and the head's confidence (capped below the
        rules' usual 0.8); a statement head's are hedged where the pair's stretch is.
    """
    out = model_relations(clean, mentions, relations, model) if model is not None else []
    if statements is None:
        return out
    found = candidates(clean, mentions, relations)
    if found is None:
        return out
    tokens, stems, pairs = found
    warned = warns(clean)
    seen = {(r.subject.id, r.object.id) for r in out}
    by_head: dict[str, list[Candidate]] = {}
    for c in pairs:
        s, o = tokens[c.first].mention, tokens[c.second].mention
        if any((a.id, b.id) in seen for a in s.entities for b in o.entities):
            continue  # the corpus heads took it
        head = statements.head_for(role(s), role(o))
        if head is not None:
            by_head.setdefault(head.name, []).append(c)
    for name, chosen in by_head.items():
        head = statements.heads[name]
        for c, sc in zip(chosen, head_scores(head, tokens, stems, chosen, True), strict=True):
            kind, p = head.decide(sc)
            predicate = head.predicates.get(kind)
            if kind == "NONE" or p < head.threshold or predicate is None:
                continue
            if predicate in WARNED and (warned or c.population):
                continue
            for a in tokens[c.first].mention.entities:
                for b in tokens[c.second].mention.entities:
                    if (a.id, b.id) in seen:
                        continue
                    seen.add((a.id, b.id))
                    pred = "causes_adverse_event" if predicate == "causes" and group_of(b.type) == "AdverseEvent" else predicate
                    out.append(Relation(a, pred, b, certainty="hedged" if c.hedged else "asserted",
                                        confidence=round(min(p, 0.79), 3), rule=f"model:{head.name}",
                                        trigger=(tokens[c.first].start, tokens[c.second].end)))
    return out


__all__ = ["STATEMENTS_ENV", "STATEMENTS_PATH", "WARNED", "Candidate", "candidates", "combined_relations", "guarded", "head_scores", "load_statement_heads", "names_population", "object_features", "warns"]
