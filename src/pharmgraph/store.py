"""Where statements live: an embedded on-disk Oxigraph store, or any SPARQL 1.1 server.

:func:`open_store` takes a folder path (the default, embedded Oxigraph through pyoxigraph) or
an ``http(s)://`` URL of a SPARQL 1.1 query endpoint (updates go to the matching update
endpoint). Both kinds answer the same methods:

* :meth:`GraphStore.replace_document` loads one document's statements in one transaction,
  replacing whatever that document had before (re-ingest is idempotent);
* :meth:`GraphStore.select` / :meth:`GraphStore.query_bytes` run SPARQL queries, with the
  union of the document graphs as the default graph;
* :meth:`GraphStore.export`, :meth:`GraphStore.stats`, :meth:`GraphStore.documents`.

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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pharmgraph.errors import QueryError, StoreError
from pharmgraph.identifiers import digest
from pharmgraph.model import Statement
from pharmgraph.rdf import (
    SPARQL_PREFIXES,
    UNATTRIBUTED,
    document_iri,
    document_name,
    group_by_document,
    oxigraph_quads,
)

ENV_STORE = "PHARMGRAPH_STORE"
STAGING_BASE = "https://w3id.org/pharmgraph/staging/"

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


_STRIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
)
_FORBIDDEN = re.compile(r"(?<![\w?$:])(SERVICE|LOAD)(?![\w:-])", re.IGNORECASE)


def check_query(sparql: str) -> None:
    """Refuse queries that would make the store fetch other URLs.

    Raises
    ------
    QueryError
        When the query uses ``SERVICE`` or ``LOAD`` (outside strings, IRIs and comments).

    Examples
    --------
    >>> check_query('SELECT * WHERE { ?s ?p "SERVICE" }')
    >>> check_query('SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }')
    Traceback (most recent call last):
    ...
    pharmgraph.errors.QueryError: SERVICE is not allowed: pharmgraph does not fetch other URLs on a query's behalf.
    """
    bare = _STRIP.sub(" ", sparql)
    match = _FORBIDDEN.search(bare)
    if match:
        raise QueryError(
            f"{match.group(1).upper()} is not allowed: pharmgraph does not fetch other URLs "
            "on a query's behalf."
        )


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

    def ingest(
        self, statements: Iterable[Statement], default_document: str = UNATTRIBUTED, progress=None
    ) -> dict[str, int]:
        """Store statements, one transaction per document, replacing earlier versions.

        Parameters
        ----------
        statements : iterable of Statement
        default_document : str
            Document name for statements without evidence.
        progress : callable or None
            Called with each document name once it is stored.

        Returns
        -------
        dict
            Statements stored per document.
        """
        counts = {}
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

    def documents(self) -> list[str]:
        """Return the names of the documents in the store, sorted."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a pg:Document } } ORDER BY ?g")
        return [document_name(r["g"]) for r in rows]

    def count(self) -> int:
        """Return the number of quads in the store."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def stats(self) -> dict[str, Any]:
        """Return counts: quads, documents, statements (negated, hedged), entities by type."""
        out: dict[str, Any] = {"quads": self.count(), "documents": len(self.documents())}
        row = self.select(
            """SELECT (COUNT(DISTINCT ?st) AS ?n) (COUNT(DISTINCT ?neg) AS ?negated)
                      (COUNT(DISTINCT ?hedged) AS ?hedged)
               WHERE { GRAPH ?g { ?st a pg:Statement ; pg:negated ?flag ; pg:certainty ?c .
                       BIND(IF(?flag, ?st, ?unbound) AS ?neg)
                       BIND(IF(?c = "hedged", ?st, ?unbound) AS ?hedged) } }"""
        )[0]
        out["statements"] = int(row["n"] or 0)
        out["negated"] = int(row["negated"] or 0)
        out["hedged"] = int(row["hedged"] or 0)
        claims = self.select(
            """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o ?neg WHERE {
                 GRAPH ?g { ?st a pg:Statement ; rdf:subject ?s ; rdf:predicate ?p ;
                            rdf:object ?o ; pg:negated ?neg } } }"""
        )
        out["claims"] = int(claims[0]["n"] or 0)
        types = self.select(
            """SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
                 GRAPH ?g { ?e a ?t ; pg:curie ?c } BIND(STRAFTER(STR(?t), "#") AS ?type)
               } GROUP BY ?type ORDER BY ?type"""
        )
        out["entities"] = {r["type"]: int(r["n"]) for r in types}
        predicates = self.select(
            """SELECT ?pred (COUNT(DISTINCT ?st) AS ?n) WHERE {
                 GRAPH ?g { ?st a pg:Statement ; rdf:predicate ?p }
                 BIND(STRAFTER(STR(?p), "#") AS ?pred) } GROUP BY ?pred ORDER BY ?pred"""
        )
        out["predicates"] = {r["pred"]: int(r["n"]) for r in predicates}
        return out

    def close(self) -> None:  # noqa: B027 - optional for remote stores
        """Flush and release the store."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
        try:
            if self.location == ":memory:":
                self._store = pyoxigraph.Store()
            elif read_only:
                if Path(location).is_file():
                    raise StoreError(f"Cannot open the store at {location}: it is a file, not a folder.")
                if not (Path(location) / "CURRENT").exists():
                    raise StoreError(f"There is no pharmgraph store at {location}; ingest documents into it first.")
                self._store = pyoxigraph.Store.read_only(str(location))
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
                self._store = pyoxigraph.Store(str(path))
                self._drop_staging()
        except StoreError:
            raise
        except (OSError, RuntimeError) as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreError(
                    f"The store at {location} is in use by another process "
                    "(a running 'pharmgraph serve'?); stop it or open the store read-only."
                ) from None
            raise StoreError(f"Cannot open the store at {location}: it looks damaged ({text}).") from None

    @property
    def raw(self):
        """The underlying ``pyoxigraph.Store``, for bulk work."""
        return self._store

    def _replace_graph(self, document: str, quads: list) -> None:
        ox = self._ox
        graph = ox.NamedNode(document_iri(document))
        if self.read_only:
            raise StoreError(f"The store at {self.location} is open read-only.")
        try:
            if not self._store.contains_named_graph(graph):
                # A new document: one transactional extend is all it takes.
                self._store.extend(quads)
                return
            # Replacing: stage the new graph in one transaction, then swap it in with one
            # SPARQL MOVE (another transaction). A crash in between leaves the old graph
            # intact and a staging graph that the next writer removes.
            staging = ox.NamedNode(STAGING_BASE + digest(document))
            self._store.extend(ox.Quad(q.subject, q.predicate, q.object, staging) for q in quads)
            self._store.update(f"MOVE SILENT {staging} TO {graph}")
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"Could not write {document} to the store: {exc}") from None

    def ingest(
        self, statements: Iterable[Statement], default_document: str = UNATTRIBUTED, progress=None
    ) -> dict[str, int]:
        """Store statements, replacing earlier versions of their documents.

        New documents are written in batches, each batch one transaction holding whole
        documents; a document already in the store is replaced in its own transaction.
        """
        ox = self._ox
        counts: dict[str, int] = {}
        batch: list = []
        batch_docs: list[str] = []

        def flush() -> None:
            if batch:
                try:
                    self._store.extend(batch)
                except (OSError, RuntimeError) as exc:
                    raise StoreError(f"Could not write {batch_docs[0]}… to the store: {exc}") from None
                if progress is not None:
                    for doc in batch_docs:
                        progress(doc)
                batch.clear()
                batch_docs.clear()

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

    def _drop_staging(self) -> None:
        for graph in list(self._store.named_graphs()):
            if graph.value.startswith(STAGING_BASE):
                self._store.remove_graph(graph)

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
        self._store.bulk_extend(quads)

    def remove_document(self, document: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{document_iri(document)}>")

    def _query(self, sparql: str):
        check_query(sparql)
        try:
            return self._store.query(
                sparql, use_default_graph_as_union=True, prefixes=_prefix_dict()
            )
        except SyntaxError as exc:
            raise QueryError(f"The SPARQL query is malformed: {exc}.") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"The query failed: {exc}.") from None

    def query_bytes(self, sparql: str, fmt: str = "json") -> bytes:
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
            raise QueryError(f"The query failed: {exc}.") from None

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql))

    def export(self, fmt: str = "trig") -> bytes:
        buffer = io.BytesIO()
        if fmt in ("trig", "nquads"):
            self._store.dump(buffer, format=rdf_format(fmt))
            return buffer.getvalue()
        triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return triples.serialize(format=rdf_format(fmt))

    def close(self) -> None:
        """Flush to disk and release the folder's lock (the object is unusable afterwards)."""
        store = self.__dict__.get("_store")
        if store is None:
            return
        if self.location != ":memory:" and not self.read_only:
            try:
                store.flush()
            except (OSError, RuntimeError):
                pass
        self._store = _Closed(self.location)
        del store
        import gc

        gc.collect()


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

    def query_bytes(self, sparql: str, fmt: str = "json") -> bytes:
        check_query(sparql)
        media = RESULT_MEDIA.get(fmt) or RDF_MEDIA.get(fmt)
        if media is None:
            raise QueryError(f"Unknown result format {fmt!r}.")
        return self._post(self.query_url, "query", SPARQL_PREFIXES + sparql, accept=media)

    def _json(self, sparql: str) -> dict:
        import json

        raw = self.query_bytes(sparql, "json")
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
                nt = self.query_bytes(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}", "ntriples")
                for triple in pyoxigraph.parse(nt, format=pyoxigraph.RdfFormat.N_TRIPLES):
                    dataset.add(pyoxigraph.Quad(triple.subject, triple.predicate, triple.object, pyoxigraph.NamedNode(g)))
            return pyoxigraph.serialize(dataset, format=rdf_format(fmt))
        return self.query_bytes("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", fmt)


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
    return OxigraphStore(location, read_only=read_only)
