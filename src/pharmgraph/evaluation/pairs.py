"""Candidate pairs of annotated corpora, read through the shared extraction pipeline.

An annotated abstract (DrugProt entities, BC5CDR/PubTator annotations) becomes a
:class:`pharmgraph.documents.Document` (the same sentence splitter ``extract`` uses); each
sentence's annotated mentions become :class:`pharmgraph.extract.tokens.Mention` tokens, the
relation rules read the sentence (:func:`pharmgraph.extract.relations.find_relations`), and
every chemical–gene or chemical–disease pair in a sentence gets the features of
:func:`pharmgraph.extract.learned.pair_features`. What is trained and measured is what
``extract`` applies.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pharmgraph.documents.pubtator import record_document
from pharmgraph.extract.learned import masked_stems, pair_features, reading_for, role, rule_readings
from pharmgraph.extract.relations import SentenceContext, find_relations
from pharmgraph.extract.tokens import Mention, tokenize
from pharmgraph.model import Entity

ROLE_TYPES = {"C": "Drug", "G": "Protein", "D": "Disease"}
"""Role of an annotated mention -> the entity type the rules see."""


@dataclass(frozen=True)
class Span:
    """An annotated mention: an id, a role (``C``, ``G``, ``D``) and document offsets."""

    id: str
    role: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    """One subject–object pair in one sentence, with its features.

    Attributes
    ----------
    doc : str
        Document id (PMID).
    subject, object : str
        The two :class:`Span` ids.
    sentence : int
        Sentence index in the document.
    features : tuple of str
        Sparse binary features.
    """

    doc: str
    subject: str
    object: str
    sentence: int
    features: tuple[str, ...]


def _entity(span: Span) -> Entity:
    return Entity(f"span:{span.id}", span.text, ROLE_TYPES.get(span.role, "Entity"))


def _non_overlapping(spans: Sequence[Span]) -> list[Span]:
    kept: list[Span] = []
    for s in sorted(spans, key=lambda x: (-(x.end - x.start), x.start)):
        if all(s.end <= k.start or k.end <= s.start for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda x: x.start)


def _mentions(spans: Sequence[Span], offset: int, clean: str) -> list[Mention]:
    return [
        Mention(s.start - offset, s.end - offset, clean[s.start - offset : s.end - offset], (_entity(s),), "annotation")
        for s in spans
    ]


def sentence_candidates(
    doc_id: str,
    title: str,
    abstract: str,
    spans: Sequence[Span],
    roles: tuple[str, str] = ("C", "G"),
    feature_set: str = "base",
) -> Iterator[Candidate]:
    """Yield the candidate pairs of one annotated title-and-abstract record.

    Parameters
    ----------
    doc_id : str
        The record's id.
    title, abstract : str
        Its text; span offsets count in ``title + one character + abstract``.
    spans : sequence of Span
        Annotated mentions.
    roles : (str, str)
        Subject and object roles to pair (``("C", "G")`` or ``("C", "D")``).
    feature_set : str
        The features to compute (:func:`pharmgraph.extract.learned.pair_features`), those of
        the head the candidates are for.

    Yields
    ------
    Candidate
        One per subject–object pair of one sentence whose spans do not overlap.
    """
    doc = record_document(doc_id, title, abstract, [], {"format": "annotated"})
    ordered = sorted(spans, key=lambda s: s.start)
    for index, sentence in enumerate(doc.sentences):
        inside = [s for s in ordered if sentence.start <= s.start and s.end <= sentence.end]
        subjects = [s for s in inside if s.role == roles[0]]
        objects = [s for s in inside if s.role == roles[1]]
        if not subjects or not objects:
            continue
        clean = sentence.clean
        base = _non_overlapping(inside)
        base_ids = {s.id for s in base}
        mentions = _mentions(base, sentence.start, clean)
        tokens = tokenize(clean, mentions)
        relations = find_relations(clean, mentions, SentenceContext())
        readings = rule_readings(relations)
        said = {r.subject.id for r in relations}
        where = {t.mention.entities[0].id: i for i, t in enumerate(tokens) if t.mention is not None}
        base_stems = masked_stems(tokens)
        for s in subjects:
            for o in objects:
                if s.start < o.end and o.start < s.end:
                    continue
                if s.id in base_ids and o.id in base_ids:
                    toks, positions, stems = tokens, where, base_stems
                else:
                    chosen = [s, o] + [b for b in base if (b.end <= s.start or s.end <= b.start) and (b.end <= o.start or o.end <= b.start)]
                    toks = tokenize(clean, _mentions(_non_overlapping(chosen), sentence.start, clean))
                    positions = {t.mention.entities[0].id: i for i, t in enumerate(toks) if t.mention is not None}
                    stems = None
                i, j = positions.get(f"span:{s.id}"), positions.get(f"span:{o.id}")
                if i is None or j is None:
                    continue
                reading = reading_for(readings, said, toks[i].mention, toks[j].mention)
                feats = pair_features(toks, i, j, reading, stems, feature_set)
                yield Candidate(doc_id, s.id, o.id, index, tuple(feats))


__all__ = ["ROLE_TYPES", "Candidate", "Span", "role", "sentence_candidates"]
