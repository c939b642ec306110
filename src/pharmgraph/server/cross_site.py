"""Cross-site safety and opt-in CORS, as one ASGI middleware.

Refused (403, one sentence):

* a ``POST`` whose ``Origin`` is neither the server's own (``http://`` + the ``Host`` header)
  nor one given with ``--cors``; ``Origin: null`` (sandboxed frames, files) counts as foreign;
* a ``POST`` with a body type an HTML form can send (``application/x-www-form-urlencoded``,
  ``multipart/form-data``, ``text/plain``) that a browser marks as cross-site
  (``Sec-Fetch-Site: cross-site`` or ``same-site``) while sending no ``Origin``.

Programs that send neither ``Origin`` nor ``Sec-Fetch-Site`` (curl, SPARQLWrapper, rdflib)
are not browsers running someone else's page, and are let through.

CORS (``--cors ORIGIN``, repeatable; ``*`` for any origin) is off by default. For a listed
origin, ``/sparql`` answers ``GET`` and ``POST`` (form or ``application/sparql-query``, the
two ways YASGUI sends queries) with ``Access-Control-Allow-Origin`` and exposes the
``X-Pharmgraph-*`` headers; ``OPTIONS`` preflights get 204 with the allowed methods and
headers. Credentials are never allowed. Pages other than ``/sparql`` get no CORS headers.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, Response

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")
CORS_PATHS = ("/sparql",)
ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = {"accept", "content-type", "accept-language", "content-language", "x-requested-with",
                   "cache-control", "pragma"}
EXPOSED_HEADERS = "X-Pharmgraph-Truncated, X-Pharmgraph-Result-Limit, X-Pharmgraph-Distinct, Retry-After"


def own_origin(headers: Headers, scheme: str) -> str | None:
    """The origin a page served by this server has (from the ``Host`` header)."""
    host = headers.get("host")
    if not host:
        return None
    return f"{scheme}://{host.strip().lower()}"


def _default_port(origin: str) -> str:
    """``http://h:80`` -> ``http://h`` (browsers omit default ports in ``Origin``)."""
    if origin.startswith("http://") and origin.endswith(":80"):
        return origin[:-3]
    if origin.startswith("https://") and origin.endswith(":443"):
        return origin[:-4]
    return origin


class CrossSite:
    """ASGI middleware enforcing the rules of this module.

    Parameters
    ----------
    app : ASGI application
    cors : iterable of str
        Origins allowed to read ``/sparql`` from a browser (``*`` for any).
    """

    def __init__(self, app, cors: Iterable[str] = ()) -> None:
        self.app = app
        self.cors = {_default_port(o.strip().rstrip("/").lower()) for o in cors if o.strip()}

    def _cors_allows(self, origin: str | None) -> bool:
        return origin is not None and origin != "null" and ("*" in self.cors or origin in self.cors)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        method = scope["method"]
        path = scope["path"]
        origin_header = headers.get("origin")
        origin = _default_port(origin_header.strip().lower()) if origin_header else None
        own = own_origin(headers, scope.get("scheme", "http"))
        same = origin is not None and own is not None and origin == _default_port(own)
        cors_path = path in CORS_PATHS
        allowed = cors_path and self._cors_allows(origin)

        if method == "OPTIONS" and cors_path:
            response = self._preflight(headers, origin, allowed)
            await response(scope, receive, send)
            return
        if method == "POST":
            refusal = self._refuse_post(headers, origin, same, allowed)
            if refusal is not None:
                await PlainTextResponse(refusal + "\n", status_code=403,
                                        headers={"Cache-Control": "no-store"})(scope, receive, send)
                return
        if not allowed or same:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                raw.append((b"access-control-allow-origin", origin.encode("latin-1")))
                raw.append((b"access-control-expose-headers", EXPOSED_HEADERS.encode()))
                raw.append((b"vary", b"Origin"))
                message = dict(message, headers=raw)
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def _refuse_post(self, headers: Headers, origin: str | None, same: bool, allowed: bool) -> str | None:
        if origin is not None:
            if same or allowed:
                return None
            return (
                f"Cross-site POST refused: requests from {origin} may not post to this server "
                "(start it with --cors ORIGIN to allow a web application)."
            )
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        site = headers.get("sec-fetch-site", "").strip().lower()
        if media in FORM_TYPES and site in ("cross-site", "same-site"):
            return "Cross-site form POST refused: this server only takes forms from its own pages."
        return None

    def _preflight(self, headers: Headers, origin: str | None, allowed: bool) -> Response:
        if origin is None:
            return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})
        if not allowed:
            return PlainTextResponse(
                f"CORS is not enabled for {origin}; start the server with --cors {origin} to allow it.\n",
                status_code=403,
            )
        method = headers.get("access-control-request-method", "GET").strip().upper()
        if method not in ("GET", "POST"):
            return PlainTextResponse(f"{method} is not allowed here.\n", status_code=403)
        asked = {h.strip().lower() for h in headers.get("access-control-request-headers", "").split(",") if h.strip()}
        refused = sorted(asked - ALLOWED_HEADERS)
        if refused:
            return PlainTextResponse(f"The header {refused[0]} is not allowed here.\n", status_code=403)
        return Response(status_code=204, headers={
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": ALLOWED_METHODS,
            "Access-Control-Allow-Headers": ", ".join(sorted(asked)) if asked else "Content-Type, Accept",
            "Access-Control-Max-Age": "600",
            "Vary": "Origin",
        })
