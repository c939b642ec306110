"""The SPARQL 1.1 Protocol query operation at ``/sparql``, read-only.

Accepted requests (W3C SPARQL 1.1 Protocol, section 2.1):

* ``GET /sparql?query=...``
* ``POST /sparql`` with ``Content-Type: application/x-www-form-urlencoded`` and ``query=...``
* ``POST /sparql`` with ``Content-Type: application/sparql-query`` and the query as the body

with optional ``default-graph-uri`` and ``named-graph-uri`` parameters (repeatable). Without
them the default graph is the union of the document graphs and every document graph is
available to ``GRAPH``; with them the dataset is exactly what they name.

DISTINCT by default: in the union default graph a triple held by several documents matches
once per document, so a plain SELECT would repeat each answer once per document. The server
adds ``DISTINCT`` to a query whose top-level SELECT has no DISTINCT or REDUCED, no GROUP BY
and no aggregate, when the query has no GRAPH, FROM or FROM NAMED and the request names no
dataset (see :func:`pharmgraph.sparql_guard.distinct_by_default`). This also merges rows that
differ only in variables the query does not select. ``distinct=false`` (a request parameter)
keeps every row; the response header ``X-Pharmgraph-Distinct`` says ``added`` or ``no``.

Every query is checked by :mod:`pharmgraph.sparql_guard` (a token scan here, then a full
parse in the worker) before it runs. Queries run on the query workers behind per-client
admission (:mod:`pharmgraph.server.admission`); a GET without a query answers the SPARQL 1.1
Service Description in Turtle (a browser asking for HTML is sent to the ``/query`` form).

Status codes:

====  ===========================================================================================
200   results (``X-Pharmgraph-Truncated: true`` when the row limit cut them short)
400   malformed query (the parser's message), a SPARQL update sent as a query, missing ``query``;
      a ``Host`` header that is not a loopback name when the server listens on loopback
403   the update operation (``update=`` or an ``application/sparql-update`` body): the endpoint
      is read-only; queries using ``SERVICE`` or ``LOAD`` (the server fetches no URLs);
      cross-site POSTs (see :mod:`pharmgraph.server.cross_site`)
406   no offered result format fits the ``format`` parameter or ``Accept`` header
413   request body over 1 MB
415   POST body that is neither a form nor ``application/sparql-query``
500   the query failed while running
502   (in front of a remote SPARQL server) the server cannot be reached, answered an error, or
      sent something that is not SPARQL results
503   the query ran past the time limit and was stopped, no worker was free in time, or the
      client (or the server) already has as many queries waiting as allowed (``Retry-After``)
504   (in front of a remote SPARQL server) it did not answer within the time limit
====  ===========================================================================================

Error bodies are one plain-text sentence.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from pharmgraph.errors import QueryError
from pharmgraph.server.admission import Overloaded, WaitedTooLong
from pharmgraph.server.pool import QueryTimeout, ServerBusy, WorkerCrashed
from pharmgraph.sparql_guard import check_tokens

MAX_BODY = 1 << 20

TRUNCATED_HEADER = "X-Pharmgraph-Truncated"
LIMIT_HEADER = "X-Pharmgraph-Result-Limit"
DISTINCT_HEADER = "X-Pharmgraph-Distinct"

_UPDATE_KEYWORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
_PROLOGUE = re.compile(
    r"\A(?:\s+|#[^\n]*\n?|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)*", re.IGNORECASE
)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


class ProtocolError(Exception):
    """A request the endpoint refuses, with its HTTP status and one sentence."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def error_response(status: int, message: str, retry_after: int | None = None) -> Response:
    """Return a plain-text error response (with ``Retry-After`` when given)."""
    headers = {"Cache-Control": "no-store"}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def is_update(sparql: str) -> bool:
    """Tell whether a request string is a SPARQL update (its first keyword after the prologue).

    Examples
    --------
    >>> is_update("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update("# delete nothing\\nSELECT * WHERE { ?s ?p ?o }")
    False
    """
    rest = sparql[_PROLOGUE.match(sparql).end():]
    word = _FIRST_WORD.match(rest)
    return bool(word) and word.group(0).lower() in _UPDATE_KEYWORDS


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise ProtocolError(413, f"The request body is larger than {MAX_BODY // 1024} KB.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ProtocolError(413, f"The request body is larger than {MAX_BODY // 1024} KB.")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise ProtocolError(400, "The request body is not valid UTF-8 text.") from None


def _content_type(request: Request) -> tuple[str, str | None]:
    raw = request.headers.get("content-type", "")
    media, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media.strip().lower(), charset


async def read_request(request: Request) -> tuple[str | None, dict[str, list[str]]]:
    """Return the query string (or None) and all protocol parameters of a request.

    Raises
    ------
    ProtocolError
        For updates (403), bodies of the wrong type (415) or size (413), bad encodings (400).
    """
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    query: str | None = None
    if request.method == "POST":
        media, charset = _content_type(request)
        if media == "application/sparql-update":
            raise ProtocolError(403, "This endpoint is read-only: SPARQL updates are refused.")
        body = await _read_body(request)
        if media == "application/x-www-form-urlencoded":
            text = _decode(body, charset)
            for key, value in urllib.parse.parse_qsl(text, keep_blank_values=True):
                params.setdefault(key, []).append(value)
        elif media == "application/sparql-query":
            query = _decode(body, charset)
        else:
            raise ProtocolError(
                415,
                "Send the query as application/sparql-query or as a form "
                "(application/x-www-form-urlencoded) with a query field.",
            )
    if "update" in params:
        raise ProtocolError(403, "This endpoint is read-only: SPARQL updates are refused.")
    queries = params.get("query", [])
    if query is not None and queries:
        raise ProtocolError(400, "Give the query once: in the body or as a query parameter, not both.")
    if len(queries) > 1:
        raise ProtocolError(400, "Give exactly one query parameter.")
    if queries:
        query = queries[0]
    return query, params


def build_job(query: str, params: dict[str, list[str]], accept: str | None, max_results: int) -> dict[str, Any]:
    """Check a query and turn it into a worker job.

    Raises
    ------
    ProtocolError
        400 for an empty query or an update, 403 for SERVICE or LOAD.
    """
    if not query.strip():
        raise ProtocolError(400, "The query is empty.")
    if is_update(query):
        raise ProtocolError(
            400,
            "This is a SPARQL update, not a query; the endpoint is read-only and answers "
            "SELECT, ASK, CONSTRUCT and DESCRIBE only.",
        )
    try:
        check_tokens(query)  # the cheap layer now; the worker parses the query too
    except QueryError as exc:
        raise ProtocolError(403, str(exc)) from None
    distinct = [v.strip().lower() for v in params.get("distinct", [])]
    if any(v not in ("true", "false", "") for v in distinct):
        raise ProtocolError(400, "The distinct parameter must be true or false.")
    named_dataset = bool(params.get("default-graph-uri") or params.get("named-graph-uri"))
    return {
        "op": "query",
        "query": query,
        "distinct": "false" not in distinct and not named_dataset,
        "format": params.get("format", []) + params.get("output", []),
        "accept": accept,
        "default_graphs": params.get("default-graph-uri", []),
        "named_graphs": params.get("named-graph-uri", []),
        "max_results": max_results,
    }


def remote_timeout_message(limit: float) -> str:
    """The sentence sent with a 504 when a remote SPARQL server did not answer in time."""
    return (
        f"The SPARQL server behind this endpoint did not answer within the limit of {limit:g} s; "
        "narrow the query (LIMIT, more specific patterns) or try again later."
    )


def timeout_message(limit: float) -> str:
    """The sentence sent with a 503 for a query stopped at the time limit."""
    return (
        f"The query ran longer than the server's limit of {limit:g} s and was stopped; "
        "narrow it (LIMIT, more specific patterns) or ask for a longer --timeout."
    )


def client_name(request: Request) -> str:
    """The client a request counts against: its IP address."""
    return request.client.host if request.client else "unknown"


async def run_job(request: Request, job: dict[str, Any], started: float, lane: str = "pages") -> dict[str, Any]:
    """Run a job with the configured deadline; raise ProtocolError on failure.

    ``lane`` is ``"pages"`` (the page workers, for the pages' own small queries) or
    ``"queries"`` (the query workers, behind per-client admission, for users' queries and
    graph views).
    """
    state = request.app.state
    config = state.config
    deadline = started + config.timeout
    remote = config.remote
    if lane != "queries":
        return await _run_on(state.page_pool, job, deadline, config.timeout, remote)
    client = client_name(request)
    try:
        await state.admission.acquire(client, deadline)
    except Overloaded as exc:
        raise ProtocolError(503, exc.message, retry_after=exc.retry_after) from None
    except WaitedTooLong:
        raise ProtocolError(
            503, f"The server is busy: no query slot became free within {config.timeout:g} s.", retry_after=10
        ) from None
    try:
        return await _run_on(state.query_pool, job, deadline, config.timeout, remote)
    finally:
        state.admission.release(client)


async def _run_on(pool, job: dict[str, Any], deadline: float, limit: float, remote: bool = False) -> dict[str, Any]:
    try:
        reply = await pool.run(job, deadline)
    except QueryTimeout:
        if remote:
            raise ProtocolError(504, remote_timeout_message(limit)) from None
        raise ProtocolError(503, timeout_message(limit)) from None
    except ServerBusy:
        raise ProtocolError(
            503, f"The server is busy: no worker became free within {limit:g} s.", retry_after=10
        ) from None
    except WorkerCrashed:
        raise ProtocolError(500, "The query stopped its worker process (out of memory?).") from None
    if reply.get("status") != 200:
        raise ProtocolError(int(reply.get("status", 500)), reply.get("message", "The query failed."))
    return reply


def service_description(request: Request) -> Response:
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    endpoint = str(request.url_for("sparql"))
    formats = [
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
        "Turtle", "N-Triples", "JSON-LD", "RDF_XML",
    ]
    body = (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        "@prefix fmt: <http://www.w3.org/ns/formats/> .\n"
        f"[] a sd:Service ;\n  sd:endpoint <{endpoint}> ;\n"
        "  sd:supportedLanguage sd:SPARQL11Query ;\n  sd:feature sd:UnionDefaultGraph ;\n"
        + "".join(f"  sd:resultFormat fmt:{f} ;\n" for f in formats)
        + "  sd:defaultDataset [ a sd:Dataset ] .\n"
    )
    return Response(body, media_type="text/turtle; charset=utf-8")


async def sparql(request: Request) -> Response:
    """Handle ``GET`` and ``POST`` on ``/sparql``."""
    started = time.monotonic()
    config = request.app.state.config
    try:
        query, params = await read_request(request)
        if query is None:
            if request.method == "GET" and not params:
                accept = request.headers.get("accept", "")
                if "text/html" in accept:
                    return RedirectResponse(str(request.url_for("query_form")), status_code=303)
                return service_description(request)
            raise ProtocolError(400, "The request has no query parameter.")
        job = build_job(query, params, request.headers.get("accept"), config.max_results)
        reply = await run_job(request, job, started, lane="queries")
    except ProtocolError as exc:
        return error_response(exc.status, exc.message, exc.retry_after)
    media = reply["media"]
    if media.startswith("text/"):
        media += "; charset=utf-8"
    headers = {
        TRUNCATED_HEADER: "true" if reply["truncated"] else "false",
        LIMIT_HEADER: str(config.max_results),
        DISTINCT_HEADER: "added" if reply.get("distinct") else "no",
        "Vary": "Accept",
        "Cache-Control": "no-store",
    }
    return Response(reply["body"], media_type=media, headers=headers)
