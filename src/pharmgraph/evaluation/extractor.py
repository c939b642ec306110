"""Predict DrugProt relations between given chemical and gene mentions.

Every CHEMICAL–GENE pair in a sentence (see :mod:`pharmgraph.evaluation.features`) is
classified by a linear model trained on the DrugProt training split into one of the 13
relation types or none. The shipped model is ``data/models/drugprot_perceptron.json.gz``;
:func:`train_model` rebuilds it from a training folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.evaluation.drugprot import (
    RELATION_TYPES,
    Abstract,
    DrugProtCorpus,
    Mention,
    Relation,
)
from pharmgraph.evaluation.features import candidates
from pharmgraph.evaluation.perceptron import Perceptron

CLASSES: tuple[str, ...] = ("NONE", *RELATION_TYPES)
"""Model classes: no relation, then the 13 DrugProt types."""

MODEL_PATH = (
    Path(__file__).resolve().parent.parent / "data" / "models" / "drugprot_perceptron.json.gz"
)
"""Where the shipped model lives."""

DEFAULT_EPOCHS = 8
DEFAULT_BIAS = -1.0
"""Score added to "no relation" at prediction time, chosen on a held-out part of training."""


@lru_cache(maxsize=4)
def load_model(path: str | Path | None = None) -> Perceptron:
    """Load a relation model (by default the shipped one); cached per path.

    Raises
    ------
    InputError
        If the file is missing or is not a relation model.
    """
    return Perceptron.load(path or MODEL_PATH)


def predict_abstract(abstract: Abstract, model: Perceptron) -> list[Relation]:
    """Predict the relations of one abstract.

    Parameters
    ----------
    abstract : Abstract
        An abstract with its mentions.
    model : Perceptron
        A relation model.

    Returns
    -------
    list of Relation
        ``(pmid, type, chemical_id, gene_id)`` tuples.
    """
    found = []
    for candidate in candidates(abstract):
        k = model.predict(candidate.features)
        if k:
            found.append((candidate.pmid, model.classes[k], candidate.chemical, candidate.gene))
    return found


def predict_relations(
    corpus: DrugProtCorpus | Iterable[Abstract],
    model: Perceptron | str | Path | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> list[Relation]:
    """Predict DrugProt relations between the given mentions of each abstract.

    Parameters
    ----------
    corpus : DrugProtCorpus or iterable of Abstract
        Abstracts with their (gold) mentions.
    model : Perceptron, str or Path, optional
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
    if not isinstance(model, Perceptron):
        model = load_model(model)
    abstracts = corpus.abstracts.values() if isinstance(corpus, DrugProtCorpus) else corpus
    if progress is not None:
        abstracts = progress(abstracts)
    found: list[Relation] = []
    for abstract in abstracts:
        found.extend(predict_abstract(abstract, model))
    return found


def training_examples(corpus: DrugProtCorpus) -> list[tuple[tuple[str, ...], int]]:
    """Turn a corpus with gold relations into ``(features, class_index)`` examples.

    A pair with several gold types is labelled with the most frequent of them.
    """
    rank = {kind: i for i, kind in enumerate(RELATION_TYPES)}
    gold: dict[tuple[str, str, str], str] = {}
    for pmid, kind, a1, a2 in corpus.relations or ():
        key = (pmid, a1, a2)
        if kind in rank and (key not in gold or rank[kind] < rank[gold[key]]):
            gold[key] = kind
    examples = []
    for abstract in corpus.abstracts.values():
        for c in candidates(abstract):
            label = gold.get((c.pmid, c.chemical, c.gene), "NONE")
            examples.append((c.features, CLASSES.index(label)))
    return examples


def train_model(
    corpus: DrugProtCorpus,
    epochs: int = DEFAULT_EPOCHS,
    bias: float = DEFAULT_BIAS,
    progress: Callable[[int], None] | None = None,
) -> Perceptron:
    """Train a relation model on a DrugProt corpus with gold relations.

    Parameters
    ----------
    corpus : DrugProtCorpus
        The training split (it must have relations).
    epochs : int
        Perceptron passes over the data.
    bias : float
        Score added to "no relation" at prediction time.
    progress : callable, optional
        Called with the epoch number after each pass.

    Returns
    -------
    Perceptron
        The trained model; save it with :meth:`Perceptron.save`.
    """
    if corpus.relations is None:
        raise InputError(f"{corpus.folder or 'the corpus'} has no relations file to train on.")
    model = Perceptron(CLASSES, bias=bias)
    return model.fit(training_examples(corpus), epochs=epochs, progress=progress)


__all__ = [
    "CLASSES",
    "MODEL_PATH",
    "Mention",
    "load_model",
    "predict_abstract",
    "predict_relations",
    "train_model",
    "training_examples",
]
