"""What every importer shares: record evidence, the source's graph, and writing it whole.

A source's statements are written to the store by :func:`write_source`, which streams them in
batches instead of holding a whole database's quads in memory. Oxigraph's transactions keep
every change in memory and its deletes are slow (a ``MOVE`` or ``DROP`` of a million quads
took minutes here), so a large source is not swapped in atomically: its old graph is removed,
the new one is bulk-loaded, and the graph's document node is written last.

Examples
--------
>>> ev = record_evidence("hetionet", "Hetionet edge", source="infores:hetionet", record="r1",
...                      version="1.0", knowledge_level="knowledge_assertion")
>>> ev.document, ev.source, ev.extractor
('source:hetionet', 'infores:hetionet', 'hetionet')
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pharmgraph.errors import StoreError
from pharmgraph.identifiers import entity_iri
from pharmgraph.model import Evidence, Statement
from pharmgraph.store import GraphStore

SOURCE_PREFIX = "source:"
"""Documents whose name starts with this hold a curated source, not a text."""

KNOWLEDGE_LEVELS = (
    "knowledge_assertion",
    "logical_entailment",
    "prediction",
    "statistical_association",
    "text_co_occurrence",
    "observation",
    "not_provided",
)
"""Biolink 4 knowledge levels (``KnowledgeLevelEnum``)."""

DCTERMS = "http://purl.org/dc/terms/"

Resolver = Callable[[Iterable[Statement]], Iterable[Statement]]
"""A grounding step applied to statements before they are stored."""


def source_document(name: str) -> str:
    """Return the document (and graph) name of a source: ``source:<name>``."""
    return SOURCE_PREFIX + name


def is_source_document(document: str) -> bool:
    """Return True when a document name is a curated source's graph."""
    return document.startswith(SOURCE_PREFIX)


def record_evidence(
    name: str,
    text: str,
    *,
    source: str,
    record: str,
    version: str | None = None,
    knowledge_level: str | None = None,
    references: tuple[str, ...] = (),
) -> Evidence:
    """Return the evidence of one database record.

    Parameters
    ----------
    name : str
        The source's short name (``hetionet``); the evidence's document is
        :func:`source_document` of it and its extractor is the name.
    text : str
        A one-line description of the record (shown where a sentence would be).
    source : str
        The Biolink infores CURIE (``infores:hetionet``).
    record : str
        The record's id in the source.
    version, knowledge_level : str or None
        The source's version and the Biolink knowledge level of the record.
    references : tuple of str
        Publications or pages the record cites.
    """
    return Evidence(
        document=source_document(name),
        text=text,
        references=references,
        extractor=name,
        source=source,
        record=record,
        source_version=version,
        knowledge_level=knowledge_level,
    )


@dataclass
class ImportSummary:
    """What an import did: records read, statements stored, what was skipped and why."""

    source: str
    document: str
    path: str
    records: int = 0
    statements: int = 0
    skipped: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as a plain dict (``skipped`` as reason -> count)."""
        return {
            "source": self.source,
            "document": self.document,
            "path": self.path,
            "version": self.version,
            "records": self.records,
            "statements": self.statements,
            "skipped": dict(sorted(self.skipped.items())),
            "seconds": round(self.seconds, 2),
        }


def write_source(
    store: GraphStore,
    document: str,
    statements: Iterable[Statement],
    *,
    source: str | None = None,
    version: str | None = None,
    resolve: Resolver | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 200_000,
) -> int:
    """Replace a source's graph with these statements; return how many were stored.

On the embedded store the old graph is removed and the statements are bulk-loaded in
    batches, the graph's document node last: an interrupted import leaves a graph that is not
    listed as a document, and importing the source again replaces it. Queries running during
    an import see part of the source. Other stores get one
    :meth:`GraphStore.replace_document` (one update request).

    Parameters
    ----------
    store : GraphStore
    document : str
        The source's document name (:func:`source_document`).
    statements : iterable of Statement
        Each statement's evidence should come from ``document``.
    source, version : str or None
        The infores CURIE and version, recorded on the graph's document node
        (``dcterms:source``, ``dcterms:hasVersion``) on the embedded store.
    resolve : callable or None
        Grounding applied to the statements before they are written.
    progress : callable or None
        Called with the number of statements written so far, once per batch.
    batch_size : int
        Quads per bulk write.
    """
    if resolve is not None:
        statements = resolve(statements)
    from pharmgraph.store import OxigraphStore

    if not isinstance(store, OxigraphStore):
        statements = list(statements)
        # A remote server gets the statements in one update; the source and version are
        # recorded on the evidence, not on the document node.
        store.replace_document(document, statements)
        return len(statements)
    if store.read_only:
        raise StoreError(f"The store at {store.location} is open read-only.")
    return _stream_into(store, document, statements, source, version, progress, batch_size)


def _stream_into(store, document, statements, source, version, progress, batch_size) -> int:
    import pyoxigraph as ox

    from pharmgraph.rdf import _oxigraph_terms, document_iri, document_triples, statement_triples

    raw = store.raw
    graph = ox.NamedNode(document_iri(document))
    t = _oxigraph_terms()
    count = 0
    batch: list = []

    def flush() -> None:
        if batch:
            raw.bulk_extend(batch)
            batch.clear()

    # Read the first statement before touching the store: a missing or malformed file is
    # refused while the old source is still whole.
    iterator = iter(statements)
    first = next(iterator, None)
    try:
        if raw.contains_named_graph(graph):
            raw.remove_graph(graph)
        written: set[str] = set()
        for stmt in itertools.chain([first] if first is not None else [], iterator):
            for s, p, o in _new_triples(stmt, document, t, statement_triples, written):
                batch.append(ox.Quad(s, p, o, graph))
            count += 1
            if len(batch) >= batch_size:
                flush()
                if progress is not None:
                    progress(count)
        # The document node goes last: a graph an interrupted import left behind is not
        # listed as a document, and the next import of the source removes it.
        for s, p, o in _document_description(document, source, version, t, document_triples):
            batch.append(ox.Quad(s, p, o, graph))
        flush()
        if store.location != ":memory:":
            raw.flush()
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"Could not write {document} to the store: {exc}") from None
    if progress is not None:
        progress(count)
    return count


def _new_triples(stmt: Statement, document: str, t, statement_triples, written: set[str]) -> Iterator:
    """Yield a statement's triples, leaving out the description of entities already written."""
    skip = {stmt.subject.id, stmt.object.id} & written
    if not skip:
        written.add(stmt.subject.id)
        written.add(stmt.object.id)
        yield from statement_triples(stmt, document, t)
        return
    skip_nodes = {t.node(entity_iri(e)) for e in skip}
    started = False
    for triple in statement_triples(stmt, document, t):
        # Entity descriptions come first (subject, then object): skip the leading run that
        # describes entities already written, keep everything from the first other triple.
        if not started and triple[0] in skip_nodes:
            continue
        started = True
        yield triple
    written.add(stmt.subject.id)
    written.add(stmt.object.id)


def _document_description(document, source, version, t, document_triples) -> Iterator:
    from pharmgraph.rdf import document_iri

    yield from document_triples(document, t)
    node = t.node(document_iri(document))
    if source:
        yield node, t.node(DCTERMS + "source"), t.node(entity_iri(source))
    if version:
        yield node, t.node(DCTERMS + "hasVersion"), t.lit(version)


def timed(summary: ImportSummary, start: float) -> ImportSummary:
    """Set the summary's elapsed time from ``start`` (a ``time.perf_counter`` value)."""
    summary.seconds = time.perf_counter() - start
    return summary
