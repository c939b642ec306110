"""Extraction: documents to drug–target–effect statements with evidence.

The rules read each sentence of a document as mentions (lexicon names, the document's own
abbreviations, enantiomers, targets named by their head word, processes, anaphora) and
relations between them (verbs, passives, nominalisations, agent nouns, appositions, treatment
and adverse-event phrases, table rows), flagged for negation and hedging.

Examples
--------
>>> from pharmgraph.extract import extract_text
>>> [(s.subject.label, s.predicate, s.object.label, s.negated)
...  for s in extract_text("Carbamazepine does not bind the GABA-A receptor.")]
[('carbamazepine', 'binds', 'GABA-A receptor', True)]
"""

from pharmgraph.extract.mentions import MentionFinder
from pharmgraph.extract.pipeline import (
    EXTRACTOR,
    extract_document,
    extract_path,
    extract_text,
    refine,
)
from pharmgraph.extract.relations import Relation, SentenceContext, find_relations
from pharmgraph.extract.tokens import Mention

__all__ = [
    "EXTRACTOR",
    "Mention",
    "MentionFinder",
    "Relation",
    "SentenceContext",
    "extract_document",
    "extract_path",
    "extract_text",
    "find_relations",
    "refine",
]
