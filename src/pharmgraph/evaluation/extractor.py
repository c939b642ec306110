"""Predict DrugProt relations between given chemical and gene mentions, and train the head.

Every CHEMICAL–GENE pair of a sentence (:mod:`pharmgraph.evaluation.pairs`: the shared
sentence splitter, tokeniser and relation rules) is classified by the ``chemical-gene`` head of
a relation model (:mod:`pharmgraph.extract.learned`) into one of the 13 DrugProt types or
none. The shipped model is ``data/models/relations.json.gz``; :func:`train_drugprot_head`
rebuilds the head from a training folder. A head is applied with the feature set it was trained
on (:attr:`pharmgraph.extract.learned.RelationHead.feature_set`); the shipped chemical–gene head
reads the ``"argument"`` set and adds a small network to its linear scores
(:class:`pharmgraph.extract.learned.HiddenLayer`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from pharmgraph.errors import InputError
from pharmgraph.evaluation.drugprot import (
    RELATION_TYPES,
    Abstract,
    DrugProtCorpus,
    Mention,
    Relation,
)
from pharmgraph.evaluation.pairs import (
    Candidate,
    Span,
    sentence_candidates,
)
from pharmgraph.extract.learned import (
    DRUGPROT_PREDICATES,
    MODEL_PATH,
    RelationHead,
    RelationModel,
)
from pharmgraph.extract.learned import load_model as _load_model

CLASSES: tuple[str, ...] = ("NONE", *RELATION_TYPES)
"""Classes of the chemical–gene head: no relation, then the 13 DrugProt types."""
HEAD = "chemical-gene"
FEATURE_SET = "argument"
"""The feature set :func:`train_drugprot_head` trains on by default."""


def load_model(path: str | Path | None = None) -> RelationModel:
    """Load a relation model with a chemical–gene head (by default the shipped one).

    Raises
    ------
    InputError
        If the file is missing, is not a relation model, or has no chemical–gene head.
    """
    model = _load_model(path if path is not None else MODEL_PATH)
    if model is None or HEAD not in model.heads:
        raise InputError(f"{path or MODEL_PATH} has no {HEAD} head; train one with 'pharmgraph train'.")
    return model


def spans_of(abstract: Abstract) -> list[Span]:
    """The abstract's mentions as spans (role ``C`` for chemicals, ``G`` for genes)."""
    return [
        Span(m.id, "C" if m.type == "CHEMICAL" else "G", m.start, m.end, m.text)
        for m in abstract.mentions.values()
    ]


def candidates(abstract: Abstract, feature_set: str = "base") -> list[Candidate]:
    """The chemical–gene candidate pairs of one abstract with their features.

    Parameters
    ----------
    abstract : Abstract
        The abstract and its mentions.
    feature_set : str
        Which :func:`pharmgraph.extract.learned.pair_features` set to compute.

    Returns
    -------
    list of Candidate
        One per chemical–gene pair of one sentence.
    """
    spans = spans_of(abstract)
    return list(sentence_candidates(abstract.pmid, abstract.title, abstract.abstract, spans,
                                    feature_set=feature_set))


def predict_abstract(abstract: Abstract, head: RelationHead) -> list[Relation]:
    """Predict the relations of one abstract with a chemical–gene head (in its feature set)."""
    found = []
    for c in candidates(abstract, head.feature_set):
        kind, _p = head.predict(c.features)
        if kind != "NONE":
            found.append((c.doc, kind, c.subject, c.object))
    return found


def predict_relations(
    corpus: DrugProtCorpus | Iterable[Abstract],
    model: RelationModel | str | Path | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> list[Relation]:
    """Predict DrugProt relations between the given mentions of each abstract.

    Parameters
    ----------
    corpus : DrugProtCorpus or iterable of Abstract
        Abstracts with their (gold) mentions.
    model : RelationModel, str or Path, optional
        A model or the path of a saved one; by default the shipped model.
    progress : callable, optional
        Wraps the iterable of abstracts (for a progress bar).

    Returns
    -------
    list of Relation
        ``(pmid, type, chemical_id, gene_id)`` tuples with bare entity ids, in corpus order.

    Examples
    --------
    >>> text = "Aspirin inhibits COX-1."
    >>> abstract = Abstract("1", text, "", {
    ...     "T1": Mention("T1", "CHEMICAL", 0, 7, "Aspirin"),
    ...     "T2": Mention("T2", "GENE", 17, 22, "COX-1")})
    >>> predict_relations([abstract])
    [('1', 'INHIBITOR', 'T1', 'T2')]
    """
    if not isinstance(model, RelationModel):
        model = load_model(model)
    head = model.heads[HEAD]
    abstracts = corpus.abstracts.values() if isinstance(corpus, DrugProtCorpus) else corpus
    if progress is not None:
        abstracts = progress(abstracts)
    found: list[Relation] = []
    for abstract in abstracts:
        found.extend(predict_abstract(abstract, head))
    return found


def gold_labels(corpus: DrugProtCorpus) -> dict[tuple[str, str, str], str]:
    """(pmid, chemical, gene) -> gold type; a pair with several types takes the most frequent."""
    rank = {kind: i for i, kind in enumerate(RELATION_TYPES)}
    gold: dict[tuple[str, str, str], str] = {}
    for pmid, kind, a1, a2 in corpus.relations or ():
        key = (pmid, a1, a2)
        if kind in rank and (key not in gold or rank[kind] < rank[gold[key]]):
            gold[key] = kind
    return gold


def training_examples(
    corpus: DrugProtCorpus, feature_set: str = FEATURE_SET
) -> list[tuple[str, tuple[str, ...], int]]:
    """``(pmid, features, class_index)`` for every candidate pair of a corpus with relations."""
    gold = gold_labels(corpus)
    out = []
    for abstract in corpus.abstracts.values():
        for c in candidates(abstract, feature_set):
            out.append((c.doc, c.features, CLASSES.index(gold.get((c.doc, c.subject, c.object), "NONE"))))
    return out


def train_drugprot_head(
    corpus: DrugProtCorpus,
    c: float = 0.01,
    min_count: int = 2,
    examples: list[tuple[str, tuple[str, ...], int]] | None = None,
    feature_set: str = FEATURE_SET,
    folds: int = 5,
    hidden: int = 32,
    weights: tuple[float, ...] = (0.0, 0.2, 0.3, 0.5),
) -> RelationHead:
    """Train the chemical–gene head on a DrugProt corpus with gold relations.

    The NONE bias is tuned on out-of-fold scores: the corpus's abstracts fall in ``folds``
    stable hash folds (:func:`pharmgraph.evaluation.training.fold_of`), each fold is scored
    by a head trained on the others, and the bias (in steps of 0.05) that maximises the task's
    micro-F1 over the 13 types on all of them is kept (every gold relation of the corpus
    counted, those of mentions in two sentences as misses:
    :func:`pharmgraph.evaluation.training.relation_f1`); then the head is refitted on every
    abstract. The same
    out-of-fold scores set the head's ``threshold`` for ``extract``
    (:func:`pharmgraph.evaluation.training.choose_threshold`); the DrugProt evaluation
    ignores it and takes every pair whose best class beats NONE.

    With ``hidden`` units, each fold's linear head also gets a network
    (:func:`pharmgraph.evaluation.training.fit_hidden`) trained on the same abstracts, and the
    network's weight in the head's scores is chosen with the bias, on the same out-of-fold
    scores, from ``weights`` (0: the head stays linear). Features whose weights are all
    below 0.005 in size are dropped at the end
    (:func:`pharmgraph.evaluation.training.prune_head`).

    Parameters
    ----------
    corpus : DrugProtCorpus
        Abstracts with gold mentions and relations.
    c : float
        The linear SVM's inverse regularisation strength.
    min_count : int
        Least number of pairs a feature must occur in.
    examples : list, optional
        Precomputed :func:`training_examples` (in ``feature_set``).
    feature_set : str
        The :func:`pharmgraph.extract.learned.pair_features` set; recorded in the head.
    folds : int
        Folds for tuning the NONE bias (a fold whose complement holds a single class is
        left out).
    hidden : int
        Hidden units of the network added to the linear head (0: none).
    weights : tuple of float
        The network weights to choose from.

    Returns
    -------
    RelationHead

    Raises
    ------
    InputError
        If the corpus has no relations or no candidate pairs.
    """
    from pharmgraph.evaluation.training import (
        batch_scores,
        choose_threshold,
        fit_head,
        fit_hidden,
        fold_of,
        prune_head,
        relation_f1,
        tune_none_bias,
    )

    if corpus.relations is None:
        raise InputError(f"{corpus.folder or 'the corpus'} has no relations file to train on.")
    examples = examples if examples is not None else training_examples(corpus, feature_set)
    if not any(k for _, _, k in examples):
        raise InputError(f"{corpus.folder or 'the corpus'} has no related chemical–gene pair in one sentence to learn from.")
    about: dict = {"corpus": str(corpus.folder or ""), "abstracts": len(corpus), "feature_set": feature_set}
    fold = [fold_of(d, folds) for d, _, _ in examples]
    scored: list[np.ndarray] = []
    networked: list[np.ndarray] = []
    gold: list[int] = []
    skipped: set[int] = set()
    for r in range(folds):
        train = [(f, k) for (_, f, k), g in zip(examples, fold, strict=True) if g != r]
        held = [(f, k) for (_, f, k), g in zip(examples, fold, strict=True) if g == r]
        if not held or len({k for _, k in train}) < 2:
            skipped.add(r)
            continue
        head = fit_head(HEAD, ("C", "G"), CLASSES, DRUGPROT_PREDICATES, train, c=c, min_count=min_count,
                        algorithm="svm", feature_set=feature_set)
        linear = batch_scores(head, [f for f, _ in held])
        scored.append(linear)
        if hidden:
            head.hidden = fit_hidden(head, train, hidden=hidden, weight=1.0)
            networked.append(batch_scores(head, [f for f, _ in held]) - linear)
        gold.extend(k for _, k in held)
    bias, threshold, weight = 0.0, 0.5, 0.0
    if scored and any(gold):
        grid = tuple(round(x, 2) for x in np.arange(-2.0, 1.01, 0.05))
        linear = np.vstack(scored)
        task_f1 = relation_f1(gold, sum(1 for r in corpus.relations if r[1] in CLASSES and fold_of(r[0], folds) not in skipped))
        best = (-1.0, 0.0, 0.0)
        for w in weights if networked else (0.0,):
            combined = linear + w * np.vstack(networked) if w else linear
            b, f1 = tune_none_bias(combined, gold, task_f1, grid=grid)
            if f1 > best[0] + 1e-9:
                best = (f1, b, w)
        f1, bias, weight = best
        combined = linear + weight * np.vstack(networked) if weight else linear
        threshold = choose_threshold(combined, gold, bias)
        about["out_of_fold_f1"] = round(f1, 4)
        about["folds"] = len(scored)
        if networked:
            about["hidden"] = {"units": hidden, "weight": weight}
    head = fit_head(
        HEAD, ("C", "G"), CLASSES, DRUGPROT_PREDICATES, [(f, k) for _, f, k in examples],
        c=c, min_count=min_count, algorithm="svm", about=about, feature_set=feature_set,
    )
    if weight:
        head.hidden = fit_hidden(head, [(f, k) for _, f, k in examples], hidden=hidden, weight=weight)
    head.none_bias = bias
    head.threshold = threshold
    return prune_head(head)


__all__ = [
    "CLASSES",
    "FEATURE_SET",
    "HEAD",
    "MODEL_PATH",
    "Mention",
    "candidates",
    "gold_labels",
    "load_model",
    "predict_abstract",
    "predict_relations",
    "spans_of",
    "train_drugprot_head",
    "training_examples",
]
