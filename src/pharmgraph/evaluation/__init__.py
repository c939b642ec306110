"""Evaluation on shared-task corpora: DrugProt relation extraction between given entities.

Read a DrugProt folder, predict relations between its gold chemical and gene mentions, and
score them as the BioCreative VII shared task did::

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
    train_model,
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
    "train_model",
    "write_relations",
]
