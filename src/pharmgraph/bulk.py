"""The bulk path for large JSON Lines files: streamed, checked, written as N-Quads text and
loaded with Oxigraph's bulk loader.

``pharmgraph ingest`` takes this path for a JSON Lines file of at least :data:`BULK_BYTES`
(``$PHARMGRAPH_BULK_BYTES``) going into the embedded store, when none of its documents is in
the store yet. The file is read line by line (:func:`pharmgraph.model.iter_jsonl`: the same
checks and sentences as the strict reader), grounded with a grounder whose cache lives for the
run, grouped by document, and every ``batch`` statements the documents read so far are written
by :func:`pharmgraph.rdf.nquads_lines` and handed to ``pyoxigraph.Store.bulk_load`` in a
background thread, while the next batch is read. Memory is bounded by the batch (and the
document being read), not by the file.

The bulk loader has no transactions, so the file is kept all-or-nothing by hand:

* before a batch is loaded, its graphs are listed, in one transaction, in the pending graph
  :data:`PENDING_GRAPH` (under :data:`pharmgraph.store.STAGING_BASE`);
* read-only opens of the store hide the graphs listed there (and the list itself), so readers
  never see a file half loaded;
* a refused line, a failed load or a document that comes back after it was written (the file
  is then read the ordinary way instead) removes every graph loaded so far; a crash leaves the
  list, and the next writable open removes the graphs it names;
* once everything is loaded and flushed, the list is removed in one transaction.

Examples
--------
>>> import json, tempfile, pathlib
>>> from pharmgraph.store import open_store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> line = {"subject": {"id": "x:1", "type": "Drug"}, "predicate": "binds",
...         "object": {"id": "x:2", "type": "Protein"},
...         "evidence": [{"document": "d1", "text": "x binds y", "start": 0, "end": 9}]}
>>> _ = (folder / "s.jsonl").write_text(json.dumps(line) + "\\n")
>>> store = open_store(folder / "kg")
>>> bulk_ingest(store, folder / "s.jsonl", "s.jsonl").counts
{'d1': 1}
>>> store.stats()["statements"]
1
"""

from __future__ import annotations

import os
import queue
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pharmgraph.errors import InputError, StoreError
from pharmgraph.model import Entity, Statement, jsonl_lines, statement_from_line
from pharmgraph.rdf import (
    PG,
    document_iri,
    entity_graph_iri,
    entity_lines,
    nquads_lines,
    nquads_terms,
)
from pharmgraph.record_lines import Record, RecordLines, document_lines
from pharmgraph.stats_ledger import LineCounter
from pharmgraph.store import DESCRIBES, STAGING_BASE, OxigraphStore

BULK_BYTES = int(os.environ.get("PHARMGRAPH_BULK_BYTES", 8_000_000))
"""JSON Lines files at least this large take the bulk path (``$PHARMGRAPH_BULK_BYTES``)."""

BATCH = int(os.environ.get("PHARMGRAPH_BULK_BATCH", 50_000))
"""Statements read before the documents read so far are written (bounds memory;
``$PHARMGRAPH_BULK_BATCH``)."""

PENDING_GRAPH = STAGING_BASE + "pending"
"""Lists the document graphs a bulk load is writing (``<graph> pg:loading "token"``)."""

LOADING = PG + "loading"

_GROUNDERS: dict[int, Any] = {}


class Fallback(Exception):
    """The file cannot take the bulk path (a document already stored, or one that comes back
    after it was written); nothing of it is left in the store."""


@dataclass
class BulkResult:
    """What a bulk load stored: statements per document, and entities with a local id."""

    counts: dict[str, int] = field(default_factory=dict)
    local_ids: int = 0
    quads: int = 0


def eligible(store: Any, path: Path) -> bool:
    """Whether a file should take the bulk path into ``store``."""
    from pharmgraph.ingest import STATEMENT_SUFFIXES

    if not isinstance(store, OxigraphStore) or store.read_only:
        return False
    if path.suffix.lower() not in STATEMENT_SUFFIXES:
        return False
    try:
        return path.stat().st_size >= BULK_BYTES
    except OSError:
        return False


def _grounder(lexicon):
    from pharmgraph.grounding import Grounder, default_grounder

    if lexicon is None:
        return default_grounder()
    found = _GROUNDERS.get(id(lexicon))
    if found is None or found[0] is not lexicon:
        found = _GROUNDERS[id(lexicon)] = (lexicon, Grounder(lexicon))
    return found[1]


class _Loader:
    """Loads N-Quads batches in a background thread (the bulk loader releases the GIL, so
    reading the next batch and loading this one share the cores)."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import pyoxigraph as ox

        while True:
            data = self.queue.get()
            if data is None:
                return
            if self.error is not None:
                continue
            try:
                # lenient: the IRIs were checked when the text was written (rdf.nquads_terms).
                self.raw.bulk_load(input=data, format=ox.RdfFormat.N_QUADS, lenient=True)
            except BaseException as exc:  # re-raised in the reading thread
                self.error = exc

    def put(self, data: bytes) -> None:
        self.check()
        self.queue.put(data)

    def check(self) -> None:
        if self.error is not None:
            raise StoreError(f"The bulk load failed: {self.error}")

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()


def bulk_ingest(store: OxigraphStore, path: str | Path, key: str, *, lexicon=None,
                batch: int | None = None) -> BulkResult:
    """Load one JSON Lines file through the bulk path (see the module notes).

    Parameters
    ----------
    store : OxigraphStore
        A writable embedded store.
    path : str or Path
        The JSON Lines file.
    key : str
        The file's document key (the document of statements without evidence).
    lexicon : Lexicon or None
        For grounding (default: the built-in lexicon).
    batch : int or None
        Statements read before the documents read so far are written (default :data:`BATCH`).

    Raises
    ------
    InputError
        For a malformed line (the store is then as it was).
    Fallback
        When a document of the file is already in the store, or comes back after it was
        written (nothing of the file is left).
    StoreError
        When the store cannot be written.
    """
    import pyoxigraph as ox

    from pharmgraph.identifiers import LOCAL_PREFIX

    path = Path(path)
    batch = batch or BATCH
    raw, ledger = store.bulk_writer()
    counter = None if ledger is None else LineCounter(raw, fresh=not ledger.graphs)
    grounder = _grounder(lexicon)
    token = uuid.uuid4().hex
    pending = ox.NamedNode(PENDING_GRAPH)
    loading = ox.NamedNode(LOADING)
    result = BulkResult()
    open_docs: dict[str, list[Record | Statement]] = {}
    written: set[str] = set()
    local: set[str] = set()
    buffered = 0
    last: str | None = None
    terms = nquads_terms()
    reader = RecordLines(grounder)
    # Entities are described once for the whole file, in a graph of this load's own (removed
    # with the rest on a roll-back), not in every document graph that mentions them.
    entity_graph = entity_graph_iri(f"{key}/{token}")
    described: set[Entity] = set()
    loader = _Loader(raw)

    def flush(keep: str | None) -> None:
        nonlocal buffered
        documents = [d for d in open_docs if d != keep]
        if not documents:
            return
        graphs = [ox.NamedNode(document_iri(d)) for d in documents]
        for graph in graphs:
            if raw.contains_named_graph(graph):
                raise Fallback(f"{graph.value} is already in the store")
        if not written:
            graphs.append(ox.NamedNode(entity_graph))
        # Listed as pending (one transaction) before any of their quads is loaded.
        raw.extend(ox.Quad(g, loading, ox.Literal(token), pending) for g in graphs)
        lines: list[str] = []
        # Lines of documents counted while written (documents of records), and the rest.
        counted: list = []
        uncounted: list[str] = []
        new: list[Entity] = []
        for document in documents:
            items = open_docs.pop(document)
            buffered -= len(items)
            try:
                if all(type(i) is Record for i in items):
                    lines.extend(document_lines(document, items, counted if counter is not None else None))
                else:
                    statements = [i.statement() if type(i) is Record else i for i in items]
                    written_lines = nquads_lines(document, statements, terms, entities_apart=True)
                    lines.extend(written_lines)
                    uncounted.extend(written_lines)
            except (ValueError, TypeError, UnicodeError, OverflowError) as exc:
                raise InputError(f"{path}: a statement cannot be stored ({exc}).") from None
            for item in items:
                for entity in (item.subject, item.object):
                    if entity not in described:
                        described.add(entity)
                        new.append(entity)
            # The entity graph names the documents it describes entities for: it is removed
            # with the last of them (OxigraphStore.replace_documents, remove_document).
            describes = f"<{entity_graph}> <{DESCRIBES}> <{document_iri(document)}> <{entity_graph}> .\n"
            lines.append(describes)
            uncounted.append(describes)
            written.add(document)
        try:
            entities = entity_lines(new, entity_graph, terms)
        except (ValueError, TypeError, UnicodeError, OverflowError) as exc:
            raise InputError(f"{path}: an entity cannot be stored ({exc}).") from None
        lines.extend(entities)
        result.quads += len(lines)
        if counter is not None:
            for entry in counted:
                counter.counted(*entry)
            counter.lines(uncounted + entities)
        try:
            data = "".join(lines).encode("utf-8")
        except UnicodeError as exc:
            raise InputError(f"{path}: a statement cannot be stored ({exc}).") from None
        loader.put(data)

    try:
        for where, line in jsonl_lines(path):
            item = reader.read(line)
            if item is not None:
                documents = (item.document,)
            else:
                item = grounder.statement(statement_from_line(line, where))
                for entity in (item.subject, item.object):
                    if entity.id.startswith(LOCAL_PREFIX + ":"):
                        local.add(entity.id)
                documents = item.documents or [key]
            for document in documents:
                if document in written:
                    raise Fallback(f"{document} comes back after it was written")
                open_docs.setdefault(document, []).append(item)
                result.counts[document] = result.counts.get(document, 0) + 1
                buffered += 1
                last = document
            if buffered >= batch:
                flush(keep=last)
        flush(keep=None)
        loader.close()
        loader.check()
        if store.location != ":memory:":
            raw.flush()
        _finish(raw, token)
        if counter is not None:
            ledger.absorb(counter.delta)
    except BaseException:
        loader.close()
        _roll_back(raw, token, written, entity_graph)
        raise
    result.local_ids = len(local | reader.local)
    return result


def _finish(raw, token: str) -> None:
    """Remove this load's pending list, in one transaction."""
    import pyoxigraph as ox

    raw.update(f'DELETE WHERE {{ GRAPH <{PENDING_GRAPH}> {{ ?g <{LOADING}> "{token}" }} }}')
    if not any(True for _ in raw.quads_for_pattern(None, None, None, ox.NamedNode(PENDING_GRAPH))):
        raw.remove_graph(ox.NamedNode(PENDING_GRAPH))


def _roll_back(raw, token: str, documents: Iterable[str], entity_graph: str | None = None) -> None:
    """Remove the graphs a failed bulk load wrote (its documents and its entity graph), then
    its pending list."""
    import pyoxigraph as ox

    graphs = [document_iri(d) for d in documents] + ([entity_graph] if entity_graph else [])
    for iri in graphs:
        graph = ox.NamedNode(iri)
        if raw.contains_named_graph(graph):
            raw.remove_graph(graph)
    _finish(raw, token)


def pending_graphs(raw) -> list[str]:
    """The document graphs that an unfinished bulk load lists (hidden from readers)."""
    import pyoxigraph as ox

    pending = ox.NamedNode(PENDING_GRAPH)
    if not raw.contains_named_graph(pending):
        return []
    return sorted({q.subject.value for q in raw.quads_for_pattern(None, ox.NamedNode(LOADING), None, pending)})


def clear_pending(raw) -> list[str]:
    """Remove the graphs an interrupted bulk load left, and its list; return the graphs."""
    import pyoxigraph as ox

    graphs = pending_graphs(raw)
    for graph in graphs:
        raw.remove_graph(ox.NamedNode(graph))
    pending = ox.NamedNode(PENDING_GRAPH)
    if raw.contains_named_graph(pending):
        raw.remove_graph(pending)
    return graphs
