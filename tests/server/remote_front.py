"""Helpers for the tests of ``pharmgraph serve`` in front of a remote SPARQL server.

:class:`CountingProxy` sits between the front and the real remote server (``oxigraph serve``
or Virtuoso): it forwards every request and remembers the queries it forwarded, so a test can
tell that a refused query never reached the remote; it can also be taken down (connections
refused) or made slow (answers after a delay) to check the front's 502 and 504.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class CountingProxy:
    """A forwarding HTTP proxy on 127.0.0.1 in front of one SPARQL endpoint."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.queries: list[str] = []
        self.delay = 0.0
        self._lock = threading.Lock()
        self._server = self._serve(0)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}{urllib.parse.urlsplit(target).path}"

    def _serve(self, port: int) -> ThreadingHTTPServer:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._forward(None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._forward(self.rfile.read(length))

            def _forward(self, body: bytes | None) -> None:
                query = urllib.parse.urlsplit(self.path).query
                fields = urllib.parse.parse_qs(query)
                if body is not None:
                    fields.update(urllib.parse.parse_qs(body.decode("utf-8", "replace")))
                with proxy._lock:
                    proxy.queries.extend(fields.get("query", []) + fields.get("update", []))
                if proxy.delay:
                    time.sleep(proxy.delay)
                url = proxy.target + (f"?{query}" if query else "")
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                request = urllib.request.Request(url, data=body, headers=headers, method=self.command)
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status, media, data = response.status, response.headers.get("Content-Type"), response.read()
                except urllib.error.HTTPError as exc:
                    status, media, data = exc.code, exc.headers.get("Content-Type"), exc.read()
                except OSError as exc:  # the remote itself is gone (e.g. stopped after the tests)
                    status, media, data = 502, "text/plain", str(exc).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", media or "text/plain")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the front gave up waiting
                    pass

        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    @property
    def count(self) -> int:
        """How many queries (and updates) were forwarded so far."""
        with self._lock:
            return len(self.queries)

    def down(self) -> None:
        """Stop listening: connections to the proxy are refused."""
        self._server.shutdown()
        self._server.server_close()

    def up(self) -> None:
        """Listen again on the same port."""
        self._server = self._serve(self.port)

    def close(self) -> None:
        """Stop for good."""
        self.down()
