"""Score predicted DrugProt relations against gold ones, as the shared task did.

Relations match on the exact ``(pmid, type, arg1, arg2)`` tuple. Duplicates count once,
predictions for PMIDs outside the evaluated set are ignored, and precision, recall and F1
are micro-averaged over all relation types.
"""

from __future__ import annotations

from collections.abc import Iterable

from pharmgraph.evaluation.drugprot import Relation


def _normalise(relation: Iterable[str]) -> Relation:
    pmid, kind, a1, a2 = (str(part).strip() for part in relation)
    if a1.startswith("Arg1:"):
        a1 = a1[5:]
    if a2.startswith("Arg2:"):
        a2 = a2[5:]
    return (pmid, kind, a1, a2)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def score(
    gold: Iterable[Iterable[str]],
    predicted: Iterable[Iterable[str]],
    pmids: Iterable[str] | None = None,
) -> dict:
    """Micro-averaged precision, recall and F1 of predicted relations, with a per-type table.

    Parameters
    ----------
    gold, predicted : iterable of tuple
        ``(pmid, type, arg1, arg2)`` tuples; arguments may carry the ``Arg1:``/``Arg2:``
        prefixes or not. Duplicates count once.
    pmids : iterable of str, optional
        The PMIDs to evaluate. By default, those of the gold relations (as the official
        scorer does); relations of other PMIDs are ignored on both sides.

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1``, ``tp``, ``fp``, ``fn``, and ``per_type``: a list of
        dicts (``type``, ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1``) sorted by
        type name, for every type seen in gold or predictions.

    Examples
    --------
    >>> gold = [("1", "INHIBITOR", "T1", "T2"), ("1", "AGONIST", "T3", "T2")]
    >>> pred = [("1", "INHIBITOR", "Arg1:T1", "Arg2:T2"), ("9", "AGONIST", "T1", "T2")]
    >>> result = score(gold, pred)
    >>> result["tp"], result["fp"], result["fn"], result["precision"], result["recall"]
    (1, 0, 1, 1.0, 0.5)
    """
    gold_set = {_normalise(r) for r in gold}
    keep = {str(p).strip() for p in pmids} if pmids is not None else {g[0] for g in gold_set}
    gold_set = {g for g in gold_set if g[0] in keep}
    pred_set = {p for p in (_normalise(r) for r in predicted) if p[0] in keep}
    counts: dict[str, list[int]] = {}
    for relation in pred_set:
        counts.setdefault(relation[1], [0, 0, 0])[0 if relation in gold_set else 1] += 1
    for relation in gold_set - pred_set:
        counts.setdefault(relation[1], [0, 0, 0])[2] += 1
    per_type = []
    for kind in sorted(counts):
        tp, fp, fn = counts[kind]
        p, r, f1 = _prf(tp, fp, fn)
        per_type.append(
            {"type": kind, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f1}
        )
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    p, r, f1 = _prf(tp, fp, fn)
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "per_type": per_type,
    }
