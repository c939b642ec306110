"""What runs inside a query worker process.

Each worker opens the store read-only, then answers jobs sent over a pipe, one at a time, until
the pipe closes. The server kills a worker whose job runs past the time limit and starts a new
one; that is the only way to stop a pyoxigraph query that is still computing (sorting,
grouping) before its first solution.

Jobs are plain dicts (see :func:`handle`); replies are plain dicts with a ``status`` (an HTTP
status code) and either the payload or a one-sentence ``message``.

When the store is a SPARQL endpoint URL, a worker holds a
:class:`~pharmgraph.server.remote.RemoteSource` instead: the same handlers run, the same
checks come first, and the query is forwarded to the remote server, whose answer is parsed
back into pyoxigraph terms (see :mod:`pharmgraph.server.remote`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

from pharmgraph import sparql_guard
from pharmgraph.errors import PharmgraphError, QueryError, StoreError
from pharmgraph.rdf import PREFIXES
from pharmgraph.server.negotiation import NotAcceptable, choose
from pharmgraph.server.remote import RemoteSource, is_url
from pharmgraph.server.results import boolean_bytes, solutions_bytes, triples_bytes
from pharmgraph.store import OxigraphStore

Source = OxigraphStore | RemoteSource
"""What a worker answers from: the embedded store, or a remote SPARQL endpoint."""


def error(status: int, message: str) -> dict[str, Any]:
    """Return an error reply."""
    return {"status": status, "message": message}


def _term(spec: tuple[str, str]):
    import pyoxigraph

    kind, value = spec
    if kind == "iri":
        return pyoxigraph.NamedNode(value)
    return pyoxigraph.Literal(value)


def _failed(store: Source, exc: BaseException) -> dict[str, Any]:
    """The reply for an error raised while reading a result."""
    if isinstance(store, RemoteSource):
        return store.failure(exc)
    return error(500, f"The query failed: {exc}")


def _execute(store: Source, job: dict[str, Any]):
    """Start a query; return the pyoxigraph result or an error reply."""
    import pyoxigraph

    if isinstance(store, RemoteSource):
        return store.execute(job)

    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    try:
        default_graphs = [pyoxigraph.NamedNode(g) for g in job.get("default_graphs") or ()]
        named_graphs = [pyoxigraph.NamedNode(g) for g in job.get("named_graphs") or ()]
        substitutions = {
            pyoxigraph.Variable(name): _term(spec) for name, spec in (job.get("bindings") or {}).items()
        }
    except ValueError as exc:
        return error(400, f"An IRI in the request is not valid: {exc}.")
    if default_graphs or named_graphs:
        if default_graphs:
            kwargs["default_graph"] = default_graphs
        if named_graphs:
            kwargs["named_graphs"] = named_graphs
    else:
        kwargs["use_default_graph_as_union"] = True
    if substitutions:
        kwargs["substitutions"] = substitutions
    try:
        return store.reader.query(job["query"], **kwargs)
    except SyntaxError as exc:
        return error(400, f"The SPARQL query is malformed: {exc}")
    except (OSError, RuntimeError, ValueError) as exc:
        return error(500, f"The query failed: {exc}")


def _take(iterator, limit: int) -> tuple[list, bool]:
    """Take up to ``limit`` items; say whether more were left."""
    items = []
    for item in iterator:
        if len(items) == limit:
            return items, True
        items.append(item)
    return items, False


@functools.lru_cache(maxsize=2048)
def _analyse(query: str) -> sparql_guard.QueryShape:
    """:func:`pharmgraph.sparql_guard.analyse`, remembered per query text (a refusal raises
    again each time: exceptions are not cached)."""
    return sparql_guard.analyse(query)


def run_query(store: Source, job: dict[str, Any]) -> dict[str, Any]:
    """Answer a protocol query job.

    Job keys: ``query``, ``format`` (list of ``format``/``output`` parameter values),
    ``accept`` (the header), ``default_graphs``, ``named_graphs``, ``max_results``,
    ``distinct`` (False to keep duplicate rows). The query is checked with
    :func:`pharmgraph.sparql_guard.analyse` first (403 for SERVICE/LOAD, 400 for texts it
    cannot read), and gets ``DISTINCT`` when :func:`pharmgraph.sparql_guard.distinct_by_default`
    says so. The reply carries ``media``, ``body`` (bytes), ``truncated``, ``count`` and
    ``distinct`` (whether DISTINCT was added).
    """
    import pyoxigraph

    # The strict guard runs here, in the worker process, so its parse (milliseconds of
    # pure Python) never holds up the server's event loop or the page lane.
    try:
        shape = _analyse(job["query"])
    except sparql_guard.ForbiddenQuery as exc:
        return error(403, str(exc))
    except QueryError as exc:
        return error(400, str(exc))
    distinct_added = False
    if job.get("distinct", True) and sparql_guard.distinct_by_default(shape):
        rewritten = sparql_guard.add_distinct(job["query"])
        if rewritten is not None:
            job = dict(job, query=rewritten)
            distinct_added = True
    result = _execute(store, dict(job, form=shape.form))
    if isinstance(result, dict):
        return result
    form = "select" if isinstance(result, (pyoxigraph.QuerySolutions, pyoxigraph.QueryBoolean)) else "graph"
    try:
        fmt, media = choose(form, job.get("format") or [], job.get("accept"))
    except NotAcceptable as exc:
        return error(406, str(exc))
    limit = int(job["max_results"])
    try:
        if isinstance(result, pyoxigraph.QueryBoolean):
            return {"status": 200, "media": media, "body": boolean_bytes(fmt, bool(result)),
                    "truncated": False, "count": 1, "distinct": False}
        if isinstance(result, pyoxigraph.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows, truncated = _take(result, limit)
            body = solutions_bytes(fmt, variables, [list(sol) for sol in rows])
        else:
            rows, truncated = _take(result, limit)
            body = triples_bytes(fmt, rows, PREFIXES)
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        return _failed(store, exc)
    return {"status": 200, "media": media, "body": body, "truncated": truncated, "count": len(rows),
            "distinct": distinct_added}


def run_select(store: Source, job: dict[str, Any]) -> dict[str, Any]:
    """Answer a page's SELECT job with rows of plain strings (``None`` when unbound).

    Job keys: ``query``, ``bindings`` (``{var: ("iri"|"literal", value)}``), ``max_results``.
    """
    import pyoxigraph

    result = _execute(store, job)
    if isinstance(result, dict):
        return result
    if not isinstance(result, pyoxigraph.QuerySolutions):
        return error(500, "The page query is not a SELECT query.")
    names = [v.value for v in result.variables]
    try:
        rows, truncated = _take(result, int(job["max_results"]))
        plain = [{n: (t.value if t is not None else None) for n, t in zip(names, sol, strict=True)} for sol in rows]
    except (OSError, RuntimeError, SyntaxError) as exc:
        return _failed(store, exc)
    return {"status": 200, "rows": plain, "truncated": truncated}


def run_entity_page(store: Source, job: dict[str, Any]) -> dict[str, Any]:
    """Run all the queries of an entity page in one job (one round trip to the worker).

    Job keys: ``bindings`` (from :func:`pharmgraph.server.page_data.entity_bindings`).
    The reply carries ``header``, ``narrower`` and ``statements`` rows (``header`` empty when
    the store has no such entity), and ``truncated``.
    """
    from pharmgraph.server import page_data as data

    bindings = job["bindings"]
    deadline = {"deadline": job["deadline"]} if "deadline" in job else {}

    def select(page_job: dict[str, Any]) -> dict[str, Any]:
        return run_select(store, dict(page_job, **deadline))

    header = select(data.entity_job(data.ENTITY, bindings))
    if header["status"] != 200 or not header["rows"]:
        return header if header["status"] != 200 else {"status": 200, "header": [], "narrower": [],
                                                         "statements": [], "truncated": False}
    narrower = select(data.entity_job(data.NARROWER, bindings))
    statements = select(data.entity_job(data.ENTITY_STATEMENTS, bindings))
    for reply in (narrower, statements):
        if reply["status"] != 200:
            return reply
    names_job = data.names_job([r["other"] for r in statements["rows"]])
    names = select(names_job) if names_job else {"status": 200, "rows": []}
    if names["status"] != 200:
        return names
    data.add_names(statements["rows"], names["rows"])
    return {"status": 200, "header": header["rows"], "narrower": narrower["rows"],
            "statements": statements["rows"], "truncated": statements["truncated"]}


def run_view(store: Source, job: dict[str, Any]) -> dict[str, Any]:
    """Render an interactive graph view of an entity's neighbourhood or of a document.

    Job keys: ``kind`` (``entity`` or ``document``), ``id``, ``radius``, ``title``.
    """
    try:
        from pharmgraph.analysis import project
        from pharmgraph.views import render_html
    except ImportError as exc:
        return error(501, f"Graph views are not available in this installation ({exc}).")
    graph_store = store.graph_store(job.get("deadline")) if isinstance(store, RemoteSource) else store
    try:
        if job["kind"] == "entity":
            graph = project(graph_store, entities=[job["id"]], radius=int(job["radius"]), include_negated=True)
        else:
            graph = project(graph_store, documents=[job["id"]], include_negated=True)
        page = render_html(graph, title=job["title"], show_negated=True)
    except StoreError as exc:
        if isinstance(store, RemoteSource):  # the remote failed, the entity may well exist
            return error(502, str(exc))
        return error(404, str(exc))
    except PharmgraphError as exc:
        return error(404, str(exc))
    return {"status": 200, "html": page, "nodes": graph.number_of_nodes()}


HANDLERS: dict[str, Callable[[Source, dict[str, Any]], dict[str, Any]]] = {
    "query": run_query,
    "select": run_select,
    "entity_page": run_entity_page,
    "view": run_view,
}


def handle(store: Source, job: dict[str, Any]) -> dict[str, Any]:
    """Run one job; never raises (an unexpected error becomes a 500 reply)."""
    handler = HANDLERS.get(job.get("op", ""))
    if handler is None:
        return error(500, f"Unknown job {job.get('op')!r}.")
    try:
        return handler(store, job)
    except MemoryError:
        return error(500, "The query needed more memory than the server has.")
    except Exception as exc:  # a worker must answer, whatever happened
        return error(500, f"The query failed unexpectedly: {type(exc).__name__}: {exc}")


def main(conn, location: str, niceness: int = 0, preload: bool = False) -> None:
    """Worker process entry point: open the store (or name the remote endpoint), say ready,
    answer jobs until EOF."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which stops us
    if niceness:
        try:
            os.nice(niceness)  # query lane: the page lane and the server get the CPU first
        except OSError:
            pass
    if preload:
        sparql_guard.check_query("ASK { ?s ?p ?o }")  # import and warm up the parser now
    try:
        store: Source = RemoteSource(location) if is_url(location) else OxigraphStore(location, read_only=True)
    except (PharmgraphError, ValueError) as exc:
        conn.send(error(500, str(exc)))
        return
    conn.send({"status": 200, "ready": True})
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            conn.send(handle(store, job))
        except (BrokenPipeError, OSError):
            return
