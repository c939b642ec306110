"""``pharmgraph serve`` in front of a remote SPARQL 1.1 server: forwarding checked queries.

When the store is a URL, the server's workers hold a :class:`RemoteSource` instead of an
embedded store. A query goes through the same checks as on the embedded store first (the
token scan in the server, the full parse in the worker, DISTINCT by default), and only then
is it sent to the remote endpoint with the SPARQL 1.1 Protocol: a form POST with the
predeclared prefixes in front, and the ``default-graph-uri`` / ``named-graph-uri`` of the
request. Nothing else is ever sent: no update, and no query that the guard refused.

The answer is read as a stream: SELECT and ASK results as SPARQL JSON, CONSTRUCT and
DESCRIBE results as N-Triples, both parsed by pyoxigraph into the same terms the embedded
store yields, so the row limit, the result formats and the HTML table work unchanged. The
worker stops reading at the row limit (and drops the connection), so a remote that would send
millions of rows costs no more than the limit.

Failures are one sentence with a gateway status: 502 when the server cannot be reached,
answers an error, or sends something that is not SPARQL results; 504 when it does not answer
within the time left of the request; 400 when it refuses the query itself (after the guard
accepted it, this means the engine does not support something the query uses). The remote's
address is not shown to clients (it is logged by the server).

Examples
--------
>>> source = RemoteSource("http://127.0.0.1:7878/query")
>>> source.host, source.port, source.path
('127.0.0.1', 7878, '/query')
>>> RemoteSource("ftp://example.org/")
Traceback (most recent call last):
...
ValueError: the SPARQL endpoint must be an http:// or https:// URL
"""

from __future__ import annotations

import http.client
import io
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from typing import Any

from pharmgraph.errors import StoreError
from pharmgraph.rdf import PG, SPARQL_PREFIXES

JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
DEFAULT_TIMEOUT = 30.0
DRAIN_BYTES = 1 << 16
"""At most this much of an answer left unread is read to keep the connection for the next job."""


def is_url(location: str) -> bool:
    """Tell whether a store location is a SPARQL endpoint URL.

    Examples
    --------
    >>> is_url("http://127.0.0.1:8890/sparql"), is_url("kg")
    (True, False)
    """
    return str(location).startswith(("http://", "https://"))


class RemoteError(OSError):
    """The remote endpoint failed; ``status`` is the HTTP status to answer with (400/502/504)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _detail(text: str) -> str:
    """The first line of a remote's error text, shortened."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " ".join(lines[0].split())[:200].rstrip(".") if lines else ""


class _Reader(io.RawIOBase):
    """A response body as a file for pyoxigraph's parsers, with the request's deadline.

    Timeouts and broken connections while reading become :class:`RemoteError`, which the
    parsers pass through unchanged.
    """

    def __init__(self, response: http.client.HTTPResponse, connection: http.client.HTTPConnection,
                 deadline: float) -> None:
        super().__init__()
        self.response = response
        self.connection = connection
        self.deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise RemoteError(504, "The SPARQL server did not send its whole answer in time.")
        if self.connection.sock is not None:
            self.connection.sock.settimeout(left)
        try:
            return self.response.readinto(buffer)
        except TimeoutError:
            raise RemoteError(504, "The SPARQL server did not send its whole answer in time.") from None
        except (OSError, http.client.HTTPException) as exc:
            raise RemoteError(502, f"The connection to the SPARQL server broke while reading its answer ({exc}).") from None


class RemoteTriples:
    """The triples of a CONSTRUCT or DESCRIBE answer, read as they arrive."""

    def __init__(self, quads) -> None:
        self._quads = quads

    def __iter__(self) -> Iterator[Any]:
        for quad in self._quads:
            yield quad.triple


class RemoteSource:
    """A remote SPARQL 1.1 query endpoint, spoken to over one kept-alive HTTP connection.

    Parameters
    ----------
    url : str
        The query endpoint (``http://host:7878/query`` for ``oxigraph serve``,
        ``http://host:8890/sparql`` for Virtuoso).
    timeout : float
        Seconds a request may take when its job carries no deadline.

    Notes
    -----
    The endpoint must treat its default graph as the union of its named graphs (Oxigraph:
    ``--union-default-graph``; Virtuoso does by default): user queries and the pages' own
    queries rely on it, as on the embedded store. :func:`check_endpoint` checks this.
    """

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("the SPARQL endpoint must be an http:// or https:// URL")
        self.url = url
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.timeout = timeout
        self._connection: http.client.HTTPConnection | None = None
        self._last: http.client.HTTPResponse | None = None
        self._graph_store = None

    # -- the connection ---------------------------------------------------------------------
    def close(self) -> None:
        """Drop the connection (a later request opens a new one)."""
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._last = None

    def _connect(self, timeout: float) -> tuple[http.client.HTTPConnection, bool]:
        """The connection to use and whether it was used before; a half-read answer is dropped."""
        if self._last is not None and not self._last.isclosed():
            try:
                self._last.read(DRAIN_BYTES)
            except (OSError, http.client.HTTPException):
                pass
            if not self._last.isclosed():
                self.close()
        self._last = None
        if self._connection is None:
            kind = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
            self._connection = kind(self.host, self.port, timeout=timeout)
            return self._connection, False
        if self._connection.sock is not None:
            self._connection.sock.settimeout(timeout)
        return self._connection, True

    def request(self, query: str, accept: str, *, default_graphs: Sequence[str] = (),
                named_graphs: Sequence[str] = (), deadline: float | None = None) -> _Reader:
        """Send a query (the predeclared prefixes are put in front) and return its answer's body.

        Raises
        ------
        RemoteError
            400 when the server refuses the query, 502 when it cannot be reached or answers
            an error, 504 when it does not answer by ``deadline``.
        """
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        fields = [("query", SPARQL_PREFIXES + query)]
        fields += [("default-graph-uri", g) for g in default_graphs]
        fields += [("named-graph-uri", g) for g in named_graphs]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept,
                   "User-Agent": "pharmgraph-serve"}
        for attempt in (0, 1):
            left = deadline - time.monotonic()
            if left <= 0:
                raise RemoteError(504, "The SPARQL server did not answer in time.")
            connection, reused = self._connect(left)
            try:
                connection.request("POST", self.path, body=body, headers=headers)
                response = connection.getresponse()
                break
            except TimeoutError:
                self.close()
                raise RemoteError(504, "The SPARQL server did not answer in time.") from None
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
                self.close()  # a kept-alive connection the server had closed: try once afresh
                if reused and attempt == 0:
                    continue
                raise RemoteError(502, f"The SPARQL server closed the connection ({exc}).") from None
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                raise RemoteError(502, f"The SPARQL server could not be reached ({reason}).") from None
        if response.status != 200:
            try:
                text = response.read(DRAIN_BYTES).decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                text = ""
            self.close()
            detail = _detail(text) or response.reason or "no reason given"
            if response.status == 400:
                raise RemoteError(400, f"The SPARQL server refused the query: {detail}.")
            raise RemoteError(502, f"The SPARQL server answered {response.status} ({detail}).")
        if response.will_close:
            self._connection = None  # the server closes it after this answer
        else:
            self._last = response
        return _Reader(response, connection, deadline)

    # -- queries ----------------------------------------------------------------------------
    def solutions(self, query: str, *, deadline: float | None = None, default_graphs: Sequence[str] = (),
                  named_graphs: Sequence[str] = ()):
        """Run a SELECT or ASK; return pyoxigraph ``QuerySolutions`` or ``QueryBoolean``.

        Raises
        ------
        RemoteError
            As :meth:`request`; 502 when the answer is not SPARQL JSON results.
        """
        import pyoxigraph

        reader = self.request(query, JSON_RESULTS, default_graphs=default_graphs, named_graphs=named_graphs,
                              deadline=deadline)
        try:
            return pyoxigraph.parse_query_results(reader, pyoxigraph.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            self.close()
            raise RemoteError(502, f"The SPARQL server's answer is not SPARQL JSON results ({exc}).") from None

    def triples(self, query: str, *, deadline: float | None = None, default_graphs: Sequence[str] = (),
                named_graphs: Sequence[str] = ()) -> RemoteTriples:
        """Run a CONSTRUCT or DESCRIBE; return its triples, parsed as they arrive."""
        import pyoxigraph

        reader = self.request(query, N_TRIPLES, default_graphs=default_graphs, named_graphs=named_graphs,
                              deadline=deadline)
        return RemoteTriples(pyoxigraph.parse(reader, pyoxigraph.RdfFormat.N_TRIPLES))

    def execute(self, job: dict[str, Any]):
        """Start a worker job's query (``query``, ``form``, ``bindings``, ``default_graphs``,
        ``named_graphs``, ``deadline``); return the pyoxigraph result or an error reply."""
        import pyoxigraph

        from pharmgraph.server.page_data import bind_values

        try:
            default_graphs = [pyoxigraph.NamedNode(g).value for g in job.get("default_graphs") or ()]
            named_graphs = [pyoxigraph.NamedNode(g).value for g in job.get("named_graphs") or ()]
            query = bind_values(job["query"], job.get("bindings") or {})
        except ValueError as exc:
            return {"status": 400, "message": f"An IRI in the request is not valid: {exc}."}
        deadline = job.get("deadline")
        form = job.get("form", "SELECT")
        try:
            if form in ("CONSTRUCT", "DESCRIBE"):
                return self.triples(query, deadline=deadline, default_graphs=default_graphs,
                                    named_graphs=named_graphs)
            return self.solutions(query, deadline=deadline, default_graphs=default_graphs,
                                  named_graphs=named_graphs)
        except RemoteError as exc:
            return {"status": exc.status, "message": exc.message}

    def failure(self, exc: BaseException) -> dict[str, Any]:
        """The error reply for an exception raised while reading an answer."""
        self.close()
        if isinstance(exc, RemoteError):
            return {"status": exc.status, "message": exc.message}
        if isinstance(exc, SyntaxError):
            return {"status": 502, "message": f"The SPARQL server's answer could not be read ({exc.msg})."}
        return {"status": 502, "message": f"The answer of the SPARQL server could not be read ({exc})."}

    def graph_store(self, deadline: float | None = None):
        """A :class:`~pharmgraph.store.SparqlEndpointStore` on the same endpoint (for the graph
        views, which run pharmgraph's analysis queries), timed to ``deadline``."""
        from pharmgraph.store import SparqlEndpointStore

        if self._graph_store is None:
            self._graph_store = SparqlEndpointStore(self.url, timeout=self.timeout)
        if deadline is not None:
            self._graph_store.timeout = max(deadline - time.monotonic(), 0.1)
        return self._graph_store

    def rows(self, query: str, timeout: float | None = None) -> Iterator[tuple]:
        """The solutions of a SELECT as tuples of pyoxigraph terms (None when unbound)."""
        result = self.solutions(query, deadline=time.monotonic() + (timeout or self.timeout))
        try:
            for solution in result:
                yield tuple(solution)
        except SyntaxError as exc:
            self.close()
            raise RemoteError(502, f"The SPARQL server's answer could not be read ({exc.msg}).") from None


def check_endpoint(url: str, timeout: float = 10.0) -> None:
    """Check that a remote endpoint answers and that its default graph is the union of its graphs.

    Raises
    ------
    StoreError
        In one sentence, when the server cannot be reached, fails, or keeps pharmgraph's
        documents only in named graphs that queries without ``GRAPH`` would not see.
    """
    source = RemoteSource(url, timeout)
    try:
        named = bool(source.solutions(f"ASK {{ GRAPH ?g {{ ?g a <{PG}Document> }} }}"))
        union = bool(source.solutions(f"ASK {{ ?g a <{PG}Document> }}"))
    except RemoteError as exc:
        raise StoreError(f"Cannot serve {url}: {exc.message[0].lower()}{exc.message[1:-1]}.") from None
    finally:
        source.close()
    if named and not union:
        raise StoreError(
            f"The SPARQL server at {url} does not treat its default graph as the union of its "
            "named graphs, so queries without GRAPH would find nothing; start it with that option "
            "(oxigraph serve --union-default-graph)."
        )
