"""Where statements live: an embedded on-disk Oxigraph store, or any SPARQL 1.1 server.

:func:`open_store` takes a folder path (the default, embedded Oxigraph through pyoxigraph) or
an ``http(s)://`` URL of a SPARQL 1.1 query endpoint (updates go to the matching update
endpoint). Both kinds answer the same methods:

* :meth:`GraphStore.replace_document` loads one document's statements in one transaction,
  replacing whatever that document had before (re-ingest is idempotent);
* :meth:`GraphStore.select` / :meth:`GraphStore.query_bytes` run SPARQL queries, with the
  union of the document graphs as the default graph;
* :meth:`GraphStore.export`, :meth:`GraphStore.stats`, :meth:`GraphStore.documents`;
* :meth:`GraphStore.replace_documents` writes several document graphs (and removes others)
  in one transaction: ``pharmgraph ingest`` lands each input file this way, whole or not at
  all. Large JSON Lines files go through the bulk loader instead (:mod:`pharmgraph.bulk`),
  whose graphs are listed as pending until the file is complete: read-only opens hide them,
  and the next writable open removes what a crash left. Staging graphs an older version left
  after a crash are removed the same way.

A damaged embedded store is named in one sentence: :func:`check_store` reads every graph in a
child process whose memory is capped (a flipped byte can make RocksDB allocate without bound),
and :func:`ensure_sound` runs it before the full scans of ``stats`` and ``export`` on a
read-only store, once per change of the store's files.

Queries that would make the store fetch other URLs (``SERVICE``) are refused, and nothing but
pharmgraph's own loaders writes to the store.

Examples
--------
>>> from pharmgraph.model import Entity, Evidence, Statement
>>> store = open_store(":memory:")
>>> s = Statement(Entity("CHEBI:6367", "lamotrigine", "Drug"), "blocks",
...               Entity("mesh:D062528", "sodium channel", "IonChannel"),
...               evidence=(Evidence("a.txt", "It blocks them.", 0, 15),))
>>> store.ingest([s])
{'a.txt': 1}
>>> store.select("SELECT ?o WHERE { ?s pg:blocks ?o }")
[{'o': 'https://bioregistry.io/mesh:D062528'}]
"""

from __future__ import annotations

import io
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from pharmgraph.errors import QueryError, StoreError
from pharmgraph.model import Statement
from pharmgraph.rdf import (
    SPARQL_PREFIXES,
    UNATTRIBUTED,
    document_iri,
    document_name,
    group_by_document,
    oxigraph_quads,
)
from pharmgraph.vocabulary import ENTITY_TYPES, PREDICATES

ENV_STORE = "PHARMGRAPH_STORE"
STAGING_BASE = "https://w3id.org/pharmgraph/staging/"
DESCRIBES = "https://w3id.org/pharmgraph/ontology#describesEntitiesOf"
"""``<entity graph> pg:describesEntitiesOf <document>``: the documents a bulk load's entity
graph describes entities for (see :mod:`pharmgraph.bulk`)."""

#: Result formats for SELECT/ASK and for CONSTRUCT/DESCRIBE/export, with their media types.
RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
RDF_MEDIA = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def default_store_path() -> Path:
    """Return the store folder used when neither ``--store`` nor ``PHARMGRAPH_STORE`` is set."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "pharmgraph" / "store"


def check_query(sparql: str, *, strict: bool = False) -> None:
    """Refuse queries that would make the store fetch other URLs (``SERVICE``, ``LOAD``).

    By default this is the cheap token scan of :func:`pharmgraph.sparql_guard.check_tokens`
    (for the many small queries analyses send through ``select``/``ask``); ``strict=True``
    adds the parse of :func:`pharmgraph.sparql_guard.check_query`, for queries a user wrote.

    Raises
    ------
    QueryError
        When the query uses ``SERVICE`` or ``LOAD`` (outside strings, IRIs, comments and
        variable names); with ``strict``, also for updates and texts the parser cannot read.

    Examples
    --------
    >>> check_query('SELECT * WHERE { ?s ?p "SERVICE" }')
    >>> check_query('SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }')
    Traceback (most recent call last):
    ...
    pharmgraph.sparql_guard.ForbiddenQuery: SERVICE is not allowed: pharmgraph does not fetch other URLs on a query's behalf.
    """
    from pharmgraph import sparql_guard

    if strict:
        sparql_guard.check_query(sparql)
    else:
        sparql_guard.check_tokens(sparql)


def _grounded(statements: Iterable[Statement]) -> Iterable[Statement]:
    """Statements with every id mapped to its concept's canonical one, as they are stored."""
    from pharmgraph.grounding import default_grounder

    return default_grounder().statements(statements)


def _plain(term: Any) -> str | None:
    if term is None:
        return None
    return term.value


class GraphStore(ABC):
    """What every pharmgraph store can do. Use :func:`open_store` to get one."""

    location: str

    # -- writing -------------------------------------------------------------------------
    @abstractmethod
    def _replace_graph(self, document: str, quads: list) -> None:
        """Atomically replace a document graph with the given quads."""

    def replace_document(self, document: str, statements: Iterable[Statement]) -> int:
        """Replace a document's graph with these statements, in one transaction.

        Returns
        -------
        int
            The number of statements stored for the document.
        """
        statements = list(statements)
        quads = oxigraph_quads(document, statements)
        self._replace_graph(document, quads)
        return len(statements)

    @abstractmethod
    def replace_documents(self, graphs: Mapping[str, list], remove: Iterable[str] = ()) -> None:
        """Replace several document graphs, and remove others, in one transaction.

        Parameters
        ----------
        graphs : mapping of str to list of pyoxigraph.Quad
            Document name to the complete new content of its graph (the quads' graph must be
            the document's graph, :func:`pharmgraph.rdf.document_iri`).
        remove : iterable of str
            Documents whose graphs are dropped in the same transaction.

        Notes
        -----
        Nothing is staged in the store: either every graph is written, or (on any failure,
        a crash or ``kill -9`` included) the store is as it was.
        """

    def ingest(
        self, statements: Iterable[Statement], default_document: str = UNATTRIBUTED, progress=None,
        *, ground: bool = False,
    ) -> dict[str, int]:
        """Store statements, one transaction per document, replacing earlier versions.

        Parameters
        ----------
        statements : iterable of Statement
        default_document : str
            Document name for statements without evidence.
        progress : callable or None
            Called with each document name once it is stored.
        ground : bool
            Map every id to its concept's canonical one first (:mod:`pharmgraph.grounding`),
            as ``pharmgraph ingest`` and :func:`pharmgraph.ingest.ingest_paths` always do.
            Statements from :mod:`pharmgraph.extract` are grounded already.

        Returns
        -------
        dict
            Statements stored per document.
        """
        counts = {}
        if ground:
            statements = _grounded(statements)
        for document, stmts in group_by_document(statements, default_document).items():
            counts[document] = self.replace_document(document, stmts)
            if progress is not None:
                progress(document)
        return counts

    @abstractmethod
    def remove_document(self, document: str) -> None:
        """Delete a document's graph."""

    # -- reading -------------------------------------------------------------------------
    @abstractmethod
    def query_bytes(self, sparql: str, fmt: str = "json") -> bytes:
        """Run a query and return its results serialised.

        ``fmt`` is one of :data:`RESULT_MEDIA` for SELECT/ASK, of :data:`RDF_MEDIA` for
        CONSTRUCT/DESCRIBE.
        """

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, str | None]]:
        """Run a SELECT query; return rows as dicts of plain strings (IRIs, literal values)."""

    @abstractmethod
    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def export(self, fmt: str = "trig") -> bytes:
        """Serialise everything in the store (``trig``, ``nquads``; other formats get the
        union of the graphs)."""

    def documents(self, prefix: str | None = None) -> list[str]:
        """Return the names of the documents in the store, sorted.

        Parameters
        ----------
        prefix : str or None
            Only the documents whose name starts with this.
        """
        where = ""
        if prefix:
            where = f'FILTER(STRSTARTS(STR(?g), "{_sparql_string(document_iri(prefix))}"))'
        rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a pg:Document }} {where} }} ORDER BY ?g")
        return [document_name(r["g"]) for r in rows]

    def document_counts(self) -> list[dict[str, Any]]:
        """Return every document with its number of statements, sorted by name."""
        rows = self.select(
            """SELECT ?g (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { ?g a pg:Document
                 OPTIONAL { ?st rdf:subject ?s } } } GROUP BY ?g ORDER BY ?g"""
        )
        return [{"document": document_name(r["g"]), "statements": int(r["n"] or 0)} for r in rows]

    def count(self) -> int:
        """Return the number of quads in the store."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def _count(self, pattern: str) -> int:
        """Count the solutions of a graph pattern (or of a subquery)."""
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0]["n"] or 0) if rows else 0

    def stats(self) -> dict[str, Any]:
        """Return counts: quads, documents, statements (negated, hedged), entities by type."""
        out: dict[str, Any] = {"quads": self.count(), "documents": len(self.documents())}
        empty = self.select(
            """SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a pg:Document
                 FILTER NOT EXISTS { ?st rdf:subject ?s } } }"""
        )
        out["documents_without_statements"] = int(empty[0]["n"] or 0) if empty else 0
        # Each count is one index scan or lookup, with no join over all statements: a
        # statement node lives in one document graph, so counting within GRAPH ?g is exact.
        # Every statement node, of either model (see pharmgraph.rdf), has one rdf:subject.
        out["statements"] = self._count("GRAPH ?g { ?st rdf:subject ?s }")
        out["negated"] = self._count("GRAPH ?g { ?st pg:negated true }")
        out["hedged"] = self._count('GRAPH ?g { ?st pg:certainty "hedged" }')
        # Claims: the plain triples are exactly the claims that are not negated.
        predicate_list = " ".join(f"pg:{p}" for p in PREDICATES)
        out["claims"] = self._count(
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {predicate_list} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        ) + self._count(
            "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?st pg:negated true ; rdf:subject ?s ; "
            "rdf:predicate ?p ; rdf:object ?o } }"
        )
        out["entities"] = self._entity_counts()
        predicates = self.select(
            """SELECT ?pred (COUNT(*) AS ?n) WHERE {
                 GRAPH ?g { ?st rdf:predicate ?p }
                 BIND(STRAFTER(STR(?p), "#") AS ?pred) } GROUP BY ?pred ORDER BY ?pred"""
        )
        out["predicates"] = {r["pred"]: int(r["n"]) for r in predicates}
        return out

    def _entity_counts(self) -> dict[str, int]:
        """Distinct entities by type, over every graph's descriptions."""
        type_list = " ".join(f"pg:{t}" for t in ENTITY_TYPES)
        types = self.select(
            f"""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
                 VALUES ?t {{ {type_list} }} GRAPH ?g {{ ?e a ?t }} BIND(STRAFTER(STR(?t), "#") AS ?type)
               }} GROUP BY ?type ORDER BY ?type"""
        )
        return {r["type"]: int(r["n"]) for r in types if int(r["n"] or 0)}

    def close(self) -> None:  # noqa: B027 - optional for remote stores
        """Flush and release the store."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class WriteFollower(Protocol):
    """What follows an embedded store's writer to keep a file beside the store up to date
    (the stats ledger, :class:`pharmgraph.stats_ledger.Follower`; the profile sizes table,
    :class:`pharmgraph.analysis.profile_sizes.Follower`).

    A writer tells each follower about every write it makes through its own methods; a
    write it cannot tell them about (raw RDF loads, ``raw`` writes) gives them all up, and
    the next question counts the files again.
    """

    def before(self, store: GraphStore, raw: Any, removed: list[str], added: list[list]) -> Any:
        """Note what a write will touch (``raw``: the pyoxigraph store; ``removed``: IRIs of
        the graphs it drops; ``added``: lists of pyoxigraph quads); returns what
        :meth:`after` takes."""

    def after(self, store: GraphStore, noted: Any) -> bool:
        """Take in a write that went through; False when it cannot follow it."""

    def finish(self, store: GraphStore) -> Any:
        """At close, after a clean flush and while the store is still open: what to save."""

    def save(self, folder: Path, result: Any) -> None:
        """Save what :meth:`finish` returned, for the store's files after it closed."""


class OxigraphStore(GraphStore):
    """The embedded store: a pyoxigraph ``Store`` in a folder (or in memory for ``:memory:``).

    Parameters
    ----------
    location : str or Path
        A folder (created when missing) or ``":memory:"``.
    read_only : bool
        Open an existing folder without write access (several readers may share it).
    """

    def __init__(self, location: str | Path, read_only: bool = False) -> None:
        import pyoxigraph

        self._ox = pyoxigraph
        self.location = str(location)
        self.read_only = read_only
        self._hidden = False
        # What follows this writer's writes to keep the files beside the store up to date:
        # "ledger" (pharmgraph.stats_ledger) and "profiles" (pharmgraph.analysis.profile_sizes).
        self._followers: dict[str, WriteFollower] = {}
        try:
            if self.location == ":memory:":
                self._store = pyoxigraph.Store()
            elif read_only:
                if Path(location).is_file():
                    raise StoreError(f"Cannot open the store at {location}: it is a file, not a folder.")
                if not (Path(location) / "CURRENT").exists():
                    raise StoreError(f"There is no pharmgraph store at {location}; ingest documents into it first.")
                # The files as this reader sees them: tables kept beside the store
                # (pharmgraph.analysis.profile_sizes) are counted for this signature.
                self.opened_signature = store_signature(Path(location))
                self._store = pyoxigraph.Store.read_only(str(location))
                self._hidden = bool(self._staging_graphs())
            else:
                path = Path(location)
                if path.exists() and not path.is_dir():
                    raise StoreError(f"Cannot open the store at {location}: it is a file, not a folder.")
                if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
                    raise StoreError(
                        f"Cannot open the store at {location}: the folder holds other files, "
                        "not a pharmgraph store."
                    )
                path.parent.mkdir(parents=True, exist_ok=True)
                # A store this process creates, or one a clean check vouched for as it is now,
                # is still sound when this process closes it after a clean flush: the check's
                # marker is then written for the files as they are (see close).
                self._vouch = not (path / "CURRENT").exists() or _checked_clean(path)
                # The stats ledger and the profile sizes table are kept up to date by this
                # writer when they match the files as they are, or the store is new.
                self._followers = _open_followers(path)
                self._store = pyoxigraph.Store(str(path))
                if self._staging_graphs():
                    self._stop_following()
                self._drop_staging()
        except StoreError:
            raise
        except (OSError, RuntimeError) as exc:
            text = str(exc)
            if _LOCKED.search(text):
                raise StoreError(
                    f"The store at {location} is in use by another process "
                    "(a running 'pharmgraph serve'?); stop it or open the store read-only."
                ) from None
            raise StoreError(
                f"Cannot open the store at {location}: it looks damaged ({_first_line(text)}); "
                "run 'pharmgraph doctor' to see what can be saved."
            ) from None

    @property
    def raw(self):
        """The underlying ``pyoxigraph.Store``, for bulk work.

        Writes through it are not counted in the stats ledger, so on a writable store the
        ledger is given up (the next :meth:`stats` counts the store again); read with
        :attr:`reader`.
        """
        if not self.read_only:
            self._stop_following()
        return self._store

    @property
    def reader(self):
        """The underlying ``pyoxigraph.Store``, for reading only (queries, quad patterns)."""
        return self._store

    def _stop_following(self) -> None:
        """Give up the stats ledger and the profile sizes table: after a write they cannot
        follow, the next question counts them again."""
        self._followers = {}

    def _ledger(self):
        """The stats ledger this writer keeps up to date, or None."""
        follower = self.__dict__.get("_followers", {}).get("ledger")
        return None if follower is None else follower.ledger

    def bulk_writer(self):
        """The underlying ``pyoxigraph.Store`` and the stats ledger (or None), for a writer
        that counts what it writes (:mod:`pharmgraph.bulk`). The profile sizes table cannot
        follow such a writer: when this writer kept one, it is counted again at close
        (:class:`pharmgraph.analysis.profile_sizes.Recount`)."""
        if "profiles" in self._followers:
            from pharmgraph.analysis.profile_sizes import Recount

            self._followers["profiles"] = Recount()
        return self._store, self._ledger()

    def _replace_graph(self, document: str, quads: list) -> None:
        self.replace_documents({document: quads})

    def replace_documents(self, graphs: Mapping[str, list], remove: Iterable[str] = ()) -> None:
        ox = self._ox
        if self.read_only:
            raise StoreError(f"The store at {self.location} is open read-only.")
        names = [ox.NamedNode(document_iri(d)) for d in (*graphs, *remove)]
        try:
            if not any(self._store.contains_named_graph(g) for g in names):
                # Only new graphs: one transactional extend.
                noted = self._before_write([], graphs.values())
                self._store.extend(q for quads in graphs.values() for q in quads)
                self._after_write(noted)
                return
            gone = {document_iri(d) for d in remove if d not in graphs}
            names += [ox.NamedNode(g) for g in self._orphaned_entity_graphs(gone)]
            noted = self._before_write([g.value for g in names if self._store.contains_named_graph(g)],
                                       graphs.values())
            # Replacing: one SPARQL update request is one transaction (drop, then insert).
            parts = [f"DROP SILENT GRAPH {g}" for g in names]
            body = _insert_body(graphs)
            if body:
                parts.append(f"INSERT DATA {{\n{body}\n}}")
            self._store.update(" ;\n".join(parts))
            self._after_write(noted)
        except (OSError, RuntimeError, SyntaxError) as exc:
            self._stop_following()
            first = next(iter(graphs), None) or next(iter(remove), "?")
            raise StoreError(f"Could not write {first} to the store: {exc}") from None

    def ingest(
        self, statements: Iterable[Statement], default_document: str = UNATTRIBUTED, progress=None,
        *, ground: bool = False,
    ) -> dict[str, int]:
        """Store statements, replacing earlier versions of their documents (``ground``: see
        :meth:`GraphStore.ingest`).

        New documents are written in batches, each batch one transaction holding whole
        documents; a document already in the store is replaced in its own transaction.
        """
        ox = self._ox
        counts: dict[str, int] = {}
        batch: list = []
        batch_docs: list[str] = []

        def flush() -> None:
            if batch:
                noted = self._before_write([], [batch])
                try:
                    self._store.extend(batch)
                except (OSError, RuntimeError) as exc:
                    self._stop_following()
                    raise StoreError(f"Could not write {batch_docs[0]}… to the store: {exc}") from None
                self._after_write(noted)
                if progress is not None:
                    for doc in batch_docs:
                        progress(doc)
                batch.clear()
                batch_docs.clear()

        if ground:
            statements = _grounded(statements)
        for document, stmts in group_by_document(statements, default_document).items():
            quads = oxigraph_quads(document, stmts)
            counts[document] = len(stmts)
            if self.read_only:
                raise StoreError(f"The store at {self.location} is open read-only.")
            if self._store.contains_named_graph(ox.NamedNode(document_iri(document))):
                flush()
                self._replace_graph(document, quads)
                if progress is not None:
                    progress(document)
            else:
                batch.extend(quads)
                batch_docs.append(document)
                if len(batch) >= 200_000:
                    flush()
        flush()
        return counts

    def _before_write(self, removed: list[str], added: Iterable[list]) -> dict[str, Any]:
        """Before a write: let each follower note what it will touch (``removed``: IRIs of
        the graphs dropped; ``added``: lists of quads). Returns what :meth:`_after_write`
        hands back to them once the write went through."""
        added = list(added)  # each follower reads it
        return {name: follower.before(self, self._store, removed, added)
                for name, follower in self._followers.items()}

    def _after_write(self, noted: Mapping[str, Any]) -> None:
        """After a write went through: each follower takes it in, or is given up."""
        for name, note in noted.items():
            follower = self._followers.get(name)
            if follower is not None and follower.after(self, note) is False:
                del self._followers[name]

    def _drop_staging(self) -> None:
        """Remove staging graphs an older pharmgraph may have left after a crash, and the
        graphs an interrupted bulk load (:mod:`pharmgraph.bulk`) lists as pending."""
        if not self._staging_graphs():
            return
        from pharmgraph.bulk import clear_pending

        clear_pending(self._store)
        for graph in self._staging_graphs():
            self._store.remove_graph(graph)

    def _staging_graphs(self) -> list:
        return [g for g in self._store.named_graphs() if g.value.startswith(STAGING_BASE)]

    def _visible_graphs(self) -> list | None:
        """The named graphs readers see when leftovers must be hidden (read-only), else None."""
        if not self._hidden:
            return None
        from pharmgraph.bulk import pending_graphs

        pending = set(pending_graphs(self._store))
        return [g for g in self._store.named_graphs()
                if not g.value.startswith(STAGING_BASE) and g.value not in pending]

    def load_rdf(self, path: str | Path, fmt: str | None = None) -> None:
        """Bulk-load an RDF file (N-Quads or TriG keep their graphs) without a transaction.

        Meant for filling a store from an earlier ``pharmgraph export``; use :meth:`ingest`
        for documents and statements.
        """
        path = Path(path)
        if fmt is None:
            fmt = {".nq": "nquads", ".trig": "trig", ".nt": "ntriples", ".ttl": "turtle"}.get(path.suffix.lower())
        if fmt is None:
            raise StoreError(f"{path}: unknown RDF file type; give .nq, .trig, .nt or .ttl.")
        self._stop_following()
        try:
            self._store.bulk_load(path=str(path), format=rdf_format(fmt))
            if self.location != ":memory:":
                self._store.flush()
        except SyntaxError as exc:
            raise StoreError(f"{path}: not valid {fmt} ({exc}).") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"Could not load {path}: {exc}") from None

    def bulk_add(self, quads: Iterable) -> None:
        """Add quads without a transaction (fast, for loading new data into a fresh store)."""
        self._stop_following()
        self._store.bulk_extend(quads)

    def remove_document(self, document: str) -> None:
        self.replace_documents({}, remove=[document])

    def _orphaned_entity_graphs(self, removed: set[str]) -> list[str]:
        """Entity graphs of bulk loads that describe entities only for documents among
        ``removed`` (or already gone): they go with them."""
        if not removed:
            return []
        values = " ".join(f"<{g}>" for g in removed)
        rows = self._store.query(
            f"SELECT DISTINCT ?eg WHERE {{ VALUES ?d {{ {values} }} GRAPH ?eg {{ ?eg <{DESCRIBES}> ?d }} }}")
        out = []
        for row in rows:
            eg = row["eg"]
            described = {q.object.value for q in self._store.quads_for_pattern(eg, self._ox.NamedNode(DESCRIBES), None, eg)}
            if all(d in removed or not self._store.contains_named_graph(self._ox.NamedNode(d)) for d in described):
                out.append(eg.value)
        return out

    def _query(self, sparql: str):
        check_query(sparql)
        try:
            visible = self._visible_graphs()
            if visible is not None:
                return self._store.query(
                    sparql, default_graph=visible, named_graphs=visible, prefixes=_prefix_dict()
                )
            return self._store.query(
                sparql, use_default_graph_as_union=True, prefixes=_prefix_dict()
            )
        except SyntaxError as exc:
            raise QueryError(f"The SPARQL query is malformed: {exc}.") from None
        except (OSError, RuntimeError, ValueError) as exc:
            self._raise_if_damaged(exc)
            raise QueryError(f"The query failed: {exc}.") from None

    def _raise_if_damaged(self, exc: BaseException) -> None:
        if is_damage(exc):
            raise StoreError(damage_sentence(self.location, exc)) from None

    def query_bytes(self, sparql: str, fmt: str = "json") -> bytes:
        check_query(sparql, strict=True)  # a user's query: parsed, not only scanned
        result = self._query(sparql)
        ox = self._ox
        if isinstance(result, ox.QueryTriples):
            return result.serialize(format=rdf_format(fmt if fmt in RDF_MEDIA else "turtle"))
        formats = {
            "json": ox.QueryResultsFormat.JSON,
            "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
        }
        if fmt not in formats:
            raise QueryError(f"Unknown result format {fmt!r}; use one of {', '.join(formats)}.")
        return result.serialize(format=formats[fmt])

    def select(self, sparql: str) -> list[dict[str, str | None]]:
        result = self._query(sparql)
        if not isinstance(result, self._ox.QuerySolutions):
            raise QueryError("Expected a SELECT query.")
        names = [v.value for v in result.variables]
        try:
            return [{n: _plain(sol[n]) for n in names} for sol in result]
        except (OSError, RuntimeError) as exc:
            self._raise_if_damaged(exc)
            raise QueryError(f"The query failed: {exc}.") from None

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql))

    def count(self) -> int:
        """Return the number of quads in the named graphs (Oxigraph counts them itself, three
        times faster than a SPARQL count; not while staging graphs are hidden)."""
        if self._hidden:
            return super().count()
        try:
            default = sum(1 for _ in self._store.quads_for_pattern(None, None, None, self._ox.DefaultGraph()))
            return len(self._store) - default
        except (OSError, RuntimeError) as exc:
            self._raise_if_damaged(exc)
            raise StoreError(f"Could not count the quads of the store at {self.location}: {exc}") from None

    def stats(self) -> dict[str, Any]:
        """Counts as :meth:`GraphStore.stats`. On disk they come from the stats ledger beside
        the store (:mod:`pharmgraph.stats_ledger`, kept up to date by the writers), so only
        the entities are counted per call; a store the ledger does not match (written by an
        older pharmgraph, or by raw RDF loads) is counted once, graph by graph, and the
        ledger written for it."""
        from pharmgraph import stats_ledger

        if self.read_only:
            ensure_sound(self.location)
        if self.location == ":memory:" or self._hidden:
            return super().stats()
        folder = Path(self.location)
        ledger = None if self.read_only else self._ledger()
        try:
            if ledger is None:
                signature = _store_signature(folder)
                data = stats_ledger.read(folder, signature)
                ledger = stats_ledger.Ledger.from_dict(data.get("ledger")) if data else None
                if ledger is None:
                    ledger = stats_ledger.recount(self.select)
                    if self.read_only:
                        stats_ledger.save(folder, signature, ledger)
                    else:  # this writer keeps it up to date from now on
                        self._followers["ledger"] = stats_ledger.Follower(ledger)
            return ledger.stats(self._entity_counts())
        except (OSError, RuntimeError) as exc:
            self._raise_if_damaged(exc)
            raise

    def export(self, fmt: str = "trig") -> bytes:
        if self.read_only:
            ensure_sound(self.location)
        try:
            return self._export(fmt)
        except (OSError, RuntimeError) as exc:
            self._raise_if_damaged(exc)
            raise StoreError(f"Could not export the store at {self.location}: {exc}") from None

    def _export(self, fmt: str) -> bytes:
        buffer = io.BytesIO()
        if fmt in ("trig", "nquads") and not self._hidden:
            self._store.dump(buffer, format=rdf_format(fmt))
            return buffer.getvalue()
        if fmt in ("trig", "nquads"):
            dataset = self._ox.Dataset()
            for graph in self._visible_graphs() or []:
                for quad in self._store.quads_for_pattern(None, None, None, graph):
                    dataset.add(quad)
            return self._ox.serialize(dataset, format=rdf_format(fmt))
        triples = self._query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return triples.serialize(format=rdf_format(fmt))

    def close(self) -> None:
        """Flush to disk and release the folder's lock (the object is unusable afterwards)."""
        store = self.__dict__.get("_store")
        if store is None:
            return
        flushed = False
        finished: list[tuple[WriteFollower, Any]] = []
        if self.location != ":memory:" and not self.read_only:
            try:
                store.flush()
                flushed = True
            except (OSError, RuntimeError):
                pass
            for follower in self.__dict__.get("_followers", {}).values() if flushed else ():
                try:  # counted while the store is open, saved once it is closed
                    finished.append((follower, follower.finish(self)))
                except (OSError, RuntimeError, StoreError):
                    pass
        self._store = _Closed(self.location)
        del store
        import gc

        gc.collect()
        if flushed and self.__dict__.get("_vouch"):
            _mark_checked(Path(self.location))
        for follower, result in finished:
            follower.save(Path(self.location), result)


class _Closed:
    """Stands in for a closed pyoxigraph store: any use says so in one sentence."""

    def __init__(self, location: str) -> None:
        self._location = location

    def __getattr__(self, name: str):
        raise StoreError(f"The store at {self._location} has been closed.")


class SparqlEndpointStore(GraphStore):
    """A remote SPARQL 1.1 server, spoken to with the SPARQL 1.1 Protocol.

    Parameters
    ----------
    query_url : str
        The query endpoint (``http://host:7878/query``).
    update_url : str or None
        The update endpoint; by default ``query_url`` with a trailing ``/query`` or
        ``/sparql`` replaced by ``/update`` (Oxigraph, Fuseki), else ``query_url`` itself.
    timeout : float
        Seconds to wait for the server.

    Notes
    -----
    The server should treat its default graph as the union of the named graphs (Oxigraph:
    ``--union-default-graph``) for user queries without ``GRAPH``; pharmgraph's own queries
    name graphs explicitly and work either way.
    """

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60.0) -> None:
        self.location = query_url
        self.query_url = query_url
        if update_url is None:
            update_url = re.sub(r"/(query|sparql)/?$", "/update", query_url)
        self.update_url = update_url
        self.timeout = timeout

    def _post(self, url: str, field: str, text: str, accept: str = "*/*") -> bytes:
        data = urllib.parse.urlencode({field: text}).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=data,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            message = exc.read().decode("utf-8", "replace").strip().splitlines()
            detail = message[0] if message else exc.reason
            if exc.code == 400:
                raise QueryError(f"The SPARQL server rejected the request: {detail}") from None
            raise StoreError(f"The SPARQL server at {url} answered {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"Cannot reach the SPARQL server at {url} ({reason}).") from None

    def _replace_graph(self, document: str, quads: list) -> None:
        graph = f"<{document_iri(document)}>"
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._post(
            self.update_url, "update", f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
        )

    def remove_document(self, document: str) -> None:
        self._post(self.update_url, "update", f"DROP SILENT GRAPH <{document_iri(document)}>")

    def replace_documents(self, graphs: Mapping[str, list], remove: Iterable[str] = ()) -> None:
        # One update request; whether the server applies it atomically is the server's affair
        # (Oxigraph and Fuseki do).
        parts = [f"DROP SILENT GRAPH <{document_iri(d)}>" for d in (*graphs, *remove)]
        body = _insert_body(graphs)
        if body:
            parts.append(f"INSERT DATA {{\n{body}\n}}")
        if parts:
            self._post(self.update_url, "update", " ;\n".join(parts))

    def query_bytes(self, sparql: str, fmt: str = "json") -> bytes:
        check_query(sparql, strict=True)  # a user's query: parsed, not only scanned
        return self._request(sparql, fmt)

    def _request(self, sparql: str, fmt: str) -> bytes:
        check_query(sparql)
        media = RESULT_MEDIA.get(fmt) or RDF_MEDIA.get(fmt)
        if media is None:
            raise QueryError(f"Unknown result format {fmt!r}.")
        return self._post(self.query_url, "query", SPARQL_PREFIXES + sparql, accept=media)

    def _json(self, sparql: str) -> dict:
        import json

        raw = self._request(sparql, "json")
        try:
            return json.loads(raw)
        except ValueError:
            raise QueryError("The SPARQL server did not answer with SPARQL JSON results.") from None

    def select(self, sparql: str) -> list[dict[str, str | None]]:
        data = self._json(sparql)
        names = data.get("head", {}).get("vars", [])
        rows = []
        for binding in data.get("results", {}).get("bindings", []):
            rows.append({n: binding[n]["value"] if n in binding else None for n in names})
        return rows

    def ask(self, sparql: str) -> bool:
        return bool(self._json(sparql).get("boolean"))

    def export(self, fmt: str = "trig") -> bytes:
        if fmt in ("trig", "nquads"):
            import pyoxigraph

            graphs = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            dataset = pyoxigraph.Dataset()
            for row in graphs:
                g = row["g"]
                nt = self._request(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}", "ntriples")
                for triple in pyoxigraph.parse(nt, format=pyoxigraph.RdfFormat.N_TRIPLES):
                    dataset.add(pyoxigraph.Quad(triple.subject, triple.predicate, triple.object, pyoxigraph.NamedNode(g)))
            return pyoxigraph.serialize(dataset, format=rdf_format(fmt))
        return self._request("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", fmt)


def _prefix_dict() -> dict[str, str]:
    from pharmgraph.rdf import PREFIXES

    return PREFIXES


def rdf_format(fmt: str):
    """Return the pyoxigraph ``RdfFormat`` for a format name (``turtle``, ``trig``, ...).

    Raises
    ------
    QueryError
        For a name that is not one of :data:`RDF_MEDIA`.
    """
    import pyoxigraph

    formats = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
        "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
    }
    if fmt not in formats:
        raise QueryError(f"Unknown RDF format {fmt!r}; use one of {', '.join(formats)}.")
    return formats[fmt]


# RocksDB says "While lock file: .../LOCK: Resource temporarily unavailable" when another
# process holds the store; "block checksum mismatch" (damage) must not read as a lock.
_LOCKED = re.compile(r"(?<![A-Za-z])lock(?![A-Za-z])|Resource temporarily unavailable", re.IGNORECASE)


def _first_line(text: str) -> str:
    return " ".join(text.split())[:200]


def is_damage(exc: BaseException) -> bool:
    """True when an error from the embedded store means its files are damaged."""
    text = str(exc)
    return "Corruption" in text or "checksum" in text.lower() or "corrupt" in text.lower()


def damage_sentence(location: str, exc: BaseException | str) -> str:
    """The one sentence a user gets for a damaged store."""
    return (
        f"The store at {location} is damaged ({_first_line(str(exc))}); run 'pharmgraph doctor' "
        "to see which documents are affected and can be re-ingested."
    )


def _sparql_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _insert_body(graphs: Mapping[str, list]) -> str:
    """The quad data of a SPARQL ``INSERT DATA``, one ``GRAPH`` block per graph."""
    by_graph: dict[str, list[str]] = {}
    for quads in graphs.values():
        for q in quads:
            by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


def open_store(location: str | Path | None = None, read_only: bool = False) -> GraphStore:
    """Open the store at ``location``: a folder, ``:memory:``, or a SPARQL endpoint URL.

    With no location, ``PHARMGRAPH_STORE`` is used, then :func:`default_store_path`.

    Raises
    ------
    StoreError
        When the store cannot be opened (damaged, locked, not a store).
    """
    if location is None or str(location) == "":
        location = os.environ.get(ENV_STORE) or default_store_path()
    text = str(location)
    if text.startswith(("http://", "https://")):
        return SparqlEndpointStore(text)
    if not read_only and text != ":memory:":
        from pharmgraph.serving import refuse_if_served

        refuse_if_served(location)
    return OxigraphStore(location, read_only=read_only)


# -- checking a store's files ----------------------------------------------------------------

CHECK_FILE = "pharmgraph-check.json"
"""Written into a store folder after a clean check, so an unchanged store is not checked again."""

STATS_FILE = "pharmgraph-stats.json"
"""The counts of :meth:`OxigraphStore.stats`, with the store's files they were counted on."""

_CHECK_CHILD = r"""
import json, resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
skip = set(json.loads(sys.argv[3]))
import pyoxigraph
def say(*parts):
    sys.stdout.write(json.dumps(parts) + "\n"); sys.stdout.flush()
store = pyoxigraph.Store.read_only(sys.argv[1])
graphs = [g for g in store.named_graphs()]
say("graphs", len(graphs))
predicates = set()
for g in graphs:
    if g.value in skip:
        continue
    say("start", g.value)
    try:
        n = 0
        for q in store.quads_for_pattern(None, None, None, g):
            n += 1
            predicates.add(q.predicate.value)
        say("done", g.value, n)
    except (OSError, RuntimeError) as exc:
        say("bad", g.value, str(exc))
say("start", "*index*")
try:
    for p in sorted(predicates):
        for _ in store.quads_for_pattern(None, pyoxigraph.NamedNode(p), None, None):
            pass
    for _ in store.quads_for_pattern(None, None, None, None):
        pass
    say("done", "*index*", 0)
except (OSError, RuntimeError) as exc:
    say("bad", "*index*", str(exc))
say("end")
"""


def _open_followers(folder: Path) -> dict[str, WriteFollower]:
    """The followers of a writer opening ``folder`` (before it opens the store): the stats
    ledger (empty for a new store, the saved one when it matches the files) and the profile
    sizes table (likewise); one that does not match is left out (the next question counts
    it again)."""
    from pharmgraph import stats_ledger
    from pharmgraph.analysis import profile_sizes

    followers: dict[str, WriteFollower] = {}
    ledger = None
    if not (folder / "CURRENT").exists():
        ledger = stats_ledger.Ledger()
    else:
        data = stats_ledger.read(folder, _store_signature(folder))
        ledger = stats_ledger.Ledger.from_dict(data.get("ledger")) if data else None
    if ledger is not None:
        followers["ledger"] = stats_ledger.Follower(ledger)
    profiles = profile_sizes.follow(folder)
    if profiles is not None:
        followers["profiles"] = profiles
    return followers


PROFILES_FILE = "pharmgraph-profiles.json"
"""The profile sizes of :mod:`pharmgraph.analysis.profile_sizes`, with the store's files they
were counted on."""


def store_signature(folder: Path) -> list:
    """The names, sizes and modification times of a store folder's data files: any write
    changes them (pharmgraph's own files beside the data, RocksDB's logs and lock are left out).

    A file that a writer's compaction deletes between the listing and its ``stat`` is left out:
    the signature of a store that is being written matches no saved one either way.
    """
    out = []
    for item in sorted(folder.iterdir()):
        if (item.name in (CHECK_FILE, STATS_FILE, STATS_FILE + ".part", PROFILES_FILE, PROFILES_FILE + ".part")
                or item.name.startswith("LOG") or item.name == "LOCK"):
            continue
        try:
            if not item.is_file():
                continue
            stat = item.stat()
        except FileNotFoundError:
            continue
        out.append([item.name, stat.st_size, stat.st_mtime_ns])
    return out


_store_signature = store_signature


def check_store(location: str | Path, memory_mb: int | None = None, timeout: float | None = None) -> dict[str, Any]:
    """Read every graph of an embedded store in a child process whose memory is capped.

    A damaged RocksDB file can make a reader allocate without bound (one flipped byte made a
    plain count grow to 18 GB); the child is limited to ``memory_mb`` (by default three times
    the store's size plus 2 GB), so a damaged store costs a refusal, not the machine, and to
    ``timeout`` seconds (by default ten minutes and half a second per MB of the store).

    Returns
    -------
    dict
        ``ok`` (bool), ``graphs`` (number of named graphs), ``damaged`` (document names whose
        graphs cannot be read), ``index_damaged`` (bool: the graphs read but another index
        does not), ``error`` (the first error text, or None), ``unreadable`` (bool: the store
        cannot even list its graphs).
    """
    import json
    import subprocess
    import sys

    folder = Path(location)
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    limit = (memory_mb or (2048 + 3 * size // 1_000_000)) * 1024 * 1024
    if timeout is None:
        # Reading every quad of a 5 GB store (15 M quads) takes minutes on a busy machine:
        # ten minutes, and half a second more per MB.
        timeout = 600.0 + 0.5 * size / 1_000_000
    skip: list[str] = []
    report: dict[str, Any] = {"ok": True, "graphs": 0, "damaged": [], "index_damaged": False, "error": None, "unreadable": False}
    for _attempt in range(50):
        try:
            proc = subprocess.run(
                [sys.executable, "-c", _CHECK_CHILD, str(folder), str(limit), json.dumps(skip)],
                capture_output=True, text=True, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            report.update(ok=False, timed_out=True,
                          error=f"reading the store took more than {timeout:.0f} s")
            return report
        current = None
        finished = False
        for line in proc.stdout.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if item[0] == "graphs":
                report["graphs"] = item[1]
            elif item[0] == "start":
                current = item[1]
            elif item[0] == "done":
                current = None
            elif item[0] == "bad":
                current = None
                report["ok"] = False
                report["error"] = report["error"] or item[2]
                if item[1] == "*index*":
                    report["index_damaged"] = True
                else:
                    report["damaged"].append(document_name(item[1]))
                    skip.append(item[1])
            elif item[0] == "end":
                finished = True
        if finished:
            break
        report["ok"] = False
        died = _first_line(proc.stderr.strip().splitlines()[-1]) if proc.stderr.strip() else f"exit status {proc.returncode}"
        if "memory" in proc.stderr.lower() or proc.returncode in (-6, -9, 134, 137):
            died = f"reading it needed more than {limit // (1024 * 1024)} MB of memory, which only damage causes"
        report["error"] = report["error"] or died
        if current is None:
            report["unreadable"] = True
            break
        if current == "*index*":
            report["index_damaged"] = True
            break
        report["damaged"].append(document_name(current))
        skip.append(current)
    return report


def _checked_clean(folder: Path, signature: list | None = None) -> bool:
    """Whether the check's marker matches the store's files (as they are now, or as
    ``signature`` describes them)."""
    import json

    try:
        marker = json.loads((folder / CHECK_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return marker == (_store_signature(folder) if signature is None else signature)


def _mark_checked(folder: Path, signature: list | None = None) -> None:
    """Write the check's marker for the store's files (as they are now, or as ``signature``
    describes them; see :func:`ensure_sound`)."""
    import json

    try:
        if (folder / "CURRENT").exists():
            text = json.dumps(_store_signature(folder) if signature is None else signature)
            (folder / CHECK_FILE).write_text(text, "utf-8")
    except OSError:
        pass


def ensure_sound(location: str | Path) -> None:
    """Refuse, in one sentence, to read a damaged embedded store (see :func:`check_store`).

    A clean result is remembered in the store folder (:data:`CHECK_FILE`) together with the
    sizes and times of its files, so an unchanged store is checked once.

    Raises
    ------
    StoreError
        When the store is damaged.
    """
    folder = Path(location)
    if str(location) == ":memory:" or not (folder / "CURRENT").exists():
        return
    # The files as they were before the check: the marker vouches for what was read.
    signature = _store_signature(folder)
    if _checked_clean(folder, signature):
        return
    report = check_store(folder)
    if report.get("timed_out"):
        raise StoreError(f"The store at {location} could not be checked: {report['error']} "
                         "(a damaged file can do that, or a very busy machine); run 'pharmgraph doctor'.")
    if not report["ok"]:
        raise StoreError(damage_sentence(str(location), report["error"] or "unreadable"))
    _mark_checked(folder, signature)
