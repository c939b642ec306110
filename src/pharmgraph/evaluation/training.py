"""Fit a relation head with scikit-learn: multinomial logistic regression on binary features.

Training happens here only; applying a model (:mod:`pharmgraph.extract.learned`) needs numpy
alone. Features seen fewer than ``min_count`` times are dropped, which keeps the shipped file
small. The NONE bias is chosen on a held-out part of the training data
(:func:`tune_none_bias`), never on a measuring split.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from pharmgraph.extract.learned import HiddenLayer, RelationHead

Example = tuple[Sequence[str], int]
"""``(features, class index)``."""


def fold_of(doc_id: str, folds: int = 5) -> int:
    """The stable hash fold (``0`` to ``folds - 1``) a document falls in.

    Examples
    --------
    >>> 0 <= fold_of("12345") < 5
    True
    """
    return int(hashlib.md5(doc_id.encode("utf-8")).hexdigest(), 16) % folds


def is_held_out(doc_id: str, fold: int = 5) -> bool:
    """True for the documents kept aside for tuning (a stable 1-in-``fold`` hash split).

    Examples
    --------
    >>> is_held_out("12345") == (fold_of("12345") == 0)
    True
    """
    return fold_of(doc_id, fold) == 0


def vocabulary(examples: Sequence[Example], min_count: int = 2) -> dict[str, int]:
    """Feature name -> column, for features seen at least ``min_count`` times."""
    counts: Counter[str] = Counter()
    for feats, _ in examples:
        counts.update(set(feats))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    return {f: i for i, f in enumerate(names)}


def matrix(feature_lists: Sequence[Sequence[str]], vocab: dict[str, int]):
    """A sparse binary matrix (scipy CSR) of feature lists over ``vocab``."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[int] = []
    for feats in feature_lists:
        cols = sorted({vocab[f] for f in feats if f in vocab})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(feature_lists), len(vocab)))


def fit_head(
    name: str,
    roles: tuple[str, str],
    classes: Sequence[str],
    predicates: dict[str, str],
    examples: Sequence[Example],
    c: float = 0.5,
    min_count: int = 2,
    max_iter: int = 300,
    about: dict | None = None,
    algorithm: str = "logistic",
    feature_set: str = "base",
) -> RelationHead:
    """Train one head.

    Parameters
    ----------
    name : str
        Head name (``chemical-gene``, ``chemical-disease``).
    roles : (str, str)
        Subject and object roles.
    classes : sequence of str
        ``"NONE"`` first.
    predicates : dict
        Class -> pharmgraph predicate.
    examples : sequence of (features, class index)
        Training pairs.
    c : float
        Inverse regularisation strength.
    min_count : int
        Least number of examples a feature must occur in.
    max_iter : int
        Solver iterations.
    about : dict, optional
        Facts to record in the model file.
    algorithm : str
        ``"logistic"`` (multinomial logistic regression) or ``"svm"`` (one-vs-rest linear SVM;
        its margins stand in for log-odds).
    feature_set : str
        The :func:`pharmgraph.extract.learned.pair_features` set the examples were computed
        in; the head records it and is applied with it.

    Returns
    -------
    RelationHead
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    if not examples:
        raise ValueError("no training pairs")
    vocab = vocabulary(examples, min_count)
    x = matrix([f for f, _ in examples], vocab)
    y = np.asarray([k for _, k in examples])
    present = sorted(set(y.tolist()))
    if len(present) < 2:
        raise ValueError("the training pairs hold only one class")
    if algorithm == "svm":
        clf = LinearSVC(C=c, max_iter=max_iter * 10)
    else:
        clf = LogisticRegression(C=c, max_iter=max_iter, solver="lbfgs")
    clf.fit(x, y)
    n_classes = len(classes)
    weights = np.zeros((len(vocab), n_classes), dtype=np.float32)
    intercept = np.full(n_classes, -30.0, dtype=np.float32)
    coef = clf.coef_
    if len(clf.classes_) == 2:  # binary: one row for the positive class
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        icpt = np.array([0.0, clf.intercept_[0]])
    else:
        icpt = clf.intercept_
    for row, k in enumerate(clf.classes_):
        weights[:, int(k)] = coef[row]
        intercept[int(k)] = icpt[row]
    return RelationHead(
        name=name,
        subject=roles[0],
        object=roles[1],
        classes=tuple(classes),
        predicates=dict(predicates),
        features=vocab,
        weights=weights.astype(np.float16).astype(np.float32),
        intercept=intercept,
        about={"pairs": len(examples), "features": len(vocab), "c": c, "algorithm": algorithm, **(about or {})},
        feature_set=feature_set,
    )


def batch_scores(head: RelationHead, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Class scores (before the NONE bias) of many pairs at once (hidden layer included)."""
    x = matrix(feature_lists, head.features)
    s = np.asarray(x @ head.weights) + head.intercept
    if head.hidden is not None:
        s = s + head.hidden.batch_log_probabilities(x)
    return s


def prune_head(head: RelationHead, least: float = 0.005) -> RelationHead:
    """Drop the features whose every class weight is below ``least`` in size (a smaller file).

    Features the hidden layer reads are kept. The head is changed in place and returned.

    Examples
    --------
    >>> h = RelationHead("x", "C", "G", ("NONE", "A"), {}, {"a": 0, "b": 1},
    ...                  np.array([[0.0, 0.001], [0.0, 0.5]], dtype=np.float32), np.zeros(2, dtype=np.float32))
    >>> sorted(prune_head(h).features)
    ['b']
    """
    keep = np.abs(head.weights).max(axis=1) >= least
    if head.hidden is not None:
        keep |= head.hidden.index >= 0
    rows = np.flatnonzero(keep)
    names = sorted(head.features, key=head.features.__getitem__)
    head.features = {names[r]: i for i, r in enumerate(rows)}
    head.weights = head.weights[rows]
    if head.hidden is not None:
        head.hidden.index = head.hidden.index[rows]
    head.about["pruned_below"] = least
    return head


def fit_hidden(
    head: RelationHead,
    examples: Sequence[Example],
    hidden: int = 32,
    epochs: int = 4,
    rate: float = 1e-3,
    dropout: float = 0.5,
    min_count: int = 5,
    batch: int = 64,
    weight: float = 0.3,
    seed: int = 0,
) -> HiddenLayer:
    """Train a one-hidden-layer network over a head's features (numpy; Adam, dropout).

    The network reads the features of ``head`` seen in at least ``min_count`` examples, has
    ``hidden`` ReLU units and a softmax over the head's classes, and is trained with
    cross-entropy by Adam (lazy on the feature rows a batch touches) with dropout on the
    hidden units, for ``epochs`` passes in a fixed random order (``seed``): the same data
    give the same network. Its first layer is rounded to int8 (as stored) before it is
    returned.

    Parameters
    ----------
    head : RelationHead
        The linear head the network is added to (its vocabulary and classes).
    examples : sequence of (features, class index)
        Training pairs.
    hidden, epochs, rate, dropout, min_count, batch : int or float
        Units, passes, Adam step, dropout rate, least feature count, batch size.
    weight : float
        :attr:`pharmgraph.extract.learned.HiddenLayer.weight`.
    seed : int
        Seed of the initial weights, the order and the dropout.

    Returns
    -------
    HiddenLayer
    """
    from scipy.sparse import csr_matrix

    counts: Counter[int] = Counter()
    lists = []
    for feats, _ in examples:
        cols = {head.features[f] for f in feats if f in head.features}
        counts.update(cols)
        lists.append(cols)
    kept = np.array(sorted(c for c, n in counts.items() if n >= min_count), dtype=np.int64)
    index = np.full(len(head.features), -1, dtype=np.int32)
    index[kept] = np.arange(len(kept), dtype=np.int32)
    indptr, indices = [0], []
    for cols in lists:
        row = sorted(int(index[c]) for c in cols if index[c] >= 0)
        indices.extend(row)
        indptr.append(len(indices))
    n_classes = len(head.classes)
    x = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(lists), len(kept)))
    y = np.eye(n_classes, dtype=np.float32)[[k for _, k in examples]]
    rng = np.random.default_rng(seed)
    w1 = (rng.standard_normal((len(kept), hidden)) * 0.02).astype(np.float32)
    m1, v1, t1 = np.zeros_like(w1), np.zeros_like(w1), np.zeros(len(kept), dtype=np.int64)
    dense = [np.zeros(hidden, np.float32), (rng.standard_normal((hidden, n_classes)) / np.sqrt(hidden)).astype(np.float32),
             np.zeros(n_classes, np.float32)]
    moments = [[np.zeros_like(p), np.zeros_like(p)] for p in dense]
    beta1, beta2, eps, step = 0.9, 0.999, 1e-8, 0
    for _ in range(epochs):
        order = rng.permutation(x.shape[0])
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            xb = x[rows]
            cols, inverse = np.unique(xb.indices, return_inverse=True)
            xs = csr_matrix((xb.data, inverse, xb.indptr), shape=(len(rows), len(cols)))
            b1, w2, b2 = dense
            wc = w1[cols]
            z = xs @ wc + b1
            mask = (rng.random(z.shape) > dropout) / (1.0 - dropout)
            h = np.maximum(z, 0.0) * mask
            o = h @ w2 + b2
            o -= o.max(axis=1, keepdims=True)
            p = np.exp(o)
            p /= p.sum(axis=1, keepdims=True)
            g = (p - y[rows]) / len(rows)
            dh = (g @ w2.T) * (z > 0) * mask
            grads = (dh.sum(axis=0), h.T @ g, g.sum(axis=0))
            step += 1
            for param, grad, moment in zip(dense, grads, moments, strict=True):
                moment[0] = beta1 * moment[0] + (1 - beta1) * grad
                moment[1] = beta2 * moment[1] + (1 - beta2) * grad * grad
                param -= rate * (moment[0] / (1 - beta1**step)) / (np.sqrt(moment[1] / (1 - beta2**step)) + eps)
            gw = np.asarray(xs.T @ dh)
            t1[cols] += 1
            tc = t1[cols][:, None]
            m1[cols] = beta1 * m1[cols] + (1 - beta1) * gw
            v1[cols] = beta2 * v1[cols] + (1 - beta2) * gw * gw
            w1[cols] = wc - rate * (m1[cols] / (1 - beta1**tc)) / (np.sqrt(v1[cols] / (1 - beta2**tc)) + eps)
    layer = HiddenLayer(index, w1, dense[0], dense[1], dense[2], float(weight))
    return HiddenLayer.from_dict(layer.to_dict(), len(head.features), n_classes)  # as stored


def tune_none_bias(
    scores: np.ndarray,
    gold: Sequence[int],
    evaluate: Callable[[np.ndarray], float] | None = None,
    grid: Sequence[float] = tuple(np.arange(-3.0, 3.01, 0.25)),
) -> tuple[float, float]:
    """Choose the NONE bias that maximises micro-F1 of held-out pairs.

    Parameters
    ----------
    scores : numpy.ndarray
        ``(n_pairs, n_classes)`` scores of held-out pairs.
    gold : sequence of int
        Their gold classes (0 = NONE).
    evaluate : callable, optional
        Predicted class indices -> F1; by default pair-level micro-F1 over non-NONE classes.
    grid : sequence of float
        Biases to try.

    Returns
    -------
    (float, float)
        The best bias and its F1.
    """
    gold_arr = np.asarray(gold)

    def pair_f1(pred: np.ndarray) -> float:
        tp = int(((pred == gold_arr) & (pred != 0)).sum())
        fp = int(((pred != 0) & (pred != gold_arr)).sum())
        fn = int(((gold_arr != 0) & (pred != gold_arr)).sum())
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    evaluate = evaluate or pair_f1
    best = (0.0, -1.0)
    for bias in grid:
        s = scores.copy()
        s[:, 0] += bias
        f1 = evaluate(s.argmax(axis=1))
        if f1 > best[1]:
            best = (float(bias), f1)
    return best


def relation_f1(gold: Sequence[int], relations: int) -> Callable[[np.ndarray], float]:
    """Micro-F1 over the relation classes as the task scores it, for :func:`tune_none_bias`.

    A pair predicted with its gold class is a hit; every other pair predicted with a relation
    class is a false positive; the misses are all ``relations`` gold relations of the
    documents less the hits, so gold relations that no candidate pair holds (their mentions in
    two sentences) count as misses, as the DrugProt scorer counts them.

    Parameters
    ----------
    gold : sequence of int
        The pairs' gold classes (0 = NONE).
    relations : int
        How many gold relations the pairs' documents hold (at least the related pairs).

    Returns
    -------
    callable
        Predicted class indices -> F1.

    Examples
    --------
    >>> f1 = relation_f1([0, 1, 2], relations=4)
    >>> round(f1(np.array([1, 1, 0])), 4)  # one hit, one false positive, three misses
    0.3333
    """
    gold_arr = np.asarray(gold)
    total = max(int(relations), int((gold_arr != 0).sum()))

    def evaluate(pred: np.ndarray) -> float:
        tp = int(((pred == gold_arr) & (pred != 0)).sum())
        return 2 * tp / (int((pred != 0).sum()) + total) if tp else 0.0

    return evaluate


def choose_threshold(
    scores: np.ndarray,
    gold: Sequence[int],
    none_bias: float,
    least_precision: float = 0.5,
    band: float = 0.05,
) -> float:
    """The least confidence at which ``extract`` should add a head's relation.

    A head's confidence (:meth:`pharmgraph.extract.learned.RelationHead.predict`) passes 0.5
    exactly where a relation class beats NONE, which is what the benchmark scores; but
    ``extract`` states what it adds as a fact, so it keeps only the confidences where the
    held-out pairs come out right at least ``least_precision`` of the time. The threshold is the
    lowest ``0.5 + i * band`` whose band ``[t, t + band)`` of held-out predictions reaches that
    precision (1.0 if none does).

    Parameters
    ----------
    scores : numpy.ndarray
        ``(n_pairs, n_classes)`` held-out (e.g. out-of-fold) scores before the NONE bias.
    gold : sequence of int
        Their gold classes (0 = NONE).
    none_bias : float
        The head's NONE bias.
    least_precision : float
        Precision a band must reach.
    band : float
        Width of a band of confidence.

    Returns
    -------
    float

    Examples
    --------
    >>> s = np.array([[0.0, 0.1], [0.0, 0.1], [0.0, 2.0], [0.0, 2.0]])
    >>> choose_threshold(s, [0, 0, 1, 1], 0.0)
    0.85
    """
    s = np.asarray(scores, dtype=float).copy()
    s[:, 0] += none_bias
    best = s.argmax(axis=1)
    margin = s[np.arange(len(s)), best] - s[:, 0]
    confidence = 1.0 / (1.0 + np.exp(-margin))
    right = best == np.asarray(gold)
    related = best > 0
    for i in range(round(0.5 / band)):
        low = round(0.5 + i * band, 4)
        inside = related & (confidence >= low) & (confidence < low + band)
        if inside.any() and right[inside].mean() >= least_precision:
            return low
    return 1.0


__all__ = ["batch_scores", "choose_threshold", "fit_head", "fit_hidden", "fold_of", "is_held_out", "matrix", "prune_head", "relation_f1", "tune_none_bias", "vocabulary"]
