"""Evaluation on shared-task corpora, through the same pipeline ``extract`` runs.

- DrugProt (:mod:`.drugprot`, :mod:`.extractor`): relations between the gold chemical and gene
  mentions, by the ``chemical-gene`` head of the learned model.
- BC5CDR (:mod:`.bc5cdr`): chemical-induced disease pairs end to end from raw text, and the
  MeSH normalisation of our chemical and disease mentions.
- Training (:mod:`.training`, :mod:`.corpora`): scikit-learn fits of the model's heads on
  annotated corpora (``pharmgraph train``).

Candidate pairs of every corpus come from :mod:`.pairs`: the shared sentence splitter
(:mod:`pharmgraph.documents`), tokeniser (:mod:`pharmgraph.extract.tokens`), relation rules
and features (:mod:`pharmgraph.extract.learned`). For DrugProt::

    from pharmgraph.evaluation import read_drugprot, predict_relations, score

    corpus = read_drugprot("drugprot/development")
    predicted = predict_relations(corpus)
    result = score(corpus.relations, predicted, pmids=corpus.abstracts)
    print(result["precision"], result["recall"], result["f1"])
"""

from pharmgraph.evaluation.drugprot import (
    RELATION_TYPES,
    Abstract,
    DrugProtCorpus,
    Mention,
    Relation,
    format_relation,
    read_drugprot,
    read_relations,
    write_relations,
)
from pharmgraph.evaluation.extractor import (
    MODEL_PATH,
    load_model,
    predict_relations,
    train_drugprot_head,
)
from pharmgraph.evaluation.scoring import score

__all__ = [
    "MODEL_PATH",
    "RELATION_TYPES",
    "Abstract",
    "DrugProtCorpus",
    "Mention",
    "Relation",
    "format_relation",
    "load_model",
    "predict_relations",
    "read_drugprot",
    "read_relations",
    "score",
    "train_drugprot_head",
    "write_relations",
]
