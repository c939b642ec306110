"""The /query form in a real headless Chromium: type a query, submit the form, read the table.

Chromium is driven over the DevTools protocol (a debugging port on 127.0.0.1) and cut off
from every other host: a dead proxy for everything, and a host resolver that resolves
nothing but 127.0.0.1. Skipped when no Chromium binary is installed.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from pharmgraph.views.browser import find_chromium

pytestmark = pytest.mark.slow

QUERY = "SELECT ?drug ?label WHERE { ?drug pg:blocks ?t ; rdfs:label ?label }"
HOSTILE = "SELECT ?l WHERE { ?e rdfs:label ?l }"


class DevTools:
    """A minimal DevTools protocol client for one page."""

    def __init__(self, url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.next_id = 0

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 30.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                value = self.evaluate(expression)
            except RuntimeError:
                value = None  # the page is navigating
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"the page never satisfied {expression!r}")

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def browser(tmp_path: Path):
    pytest.importorskip("websocket")
    binary = find_chromium()
    if binary is None:
        pytest.skip("no chromium binary (apt-get install chromium)")
    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-extensions", "--disable-sync", "--no-first-run",
         "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
         f"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        end = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > end or process.poll() is not None:
                pytest.fail("chromium did not open its debugging port")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(t for t in targets if t.get("type") == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        yield tools
        tools.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def submit(browser: DevTools, url: str, query: str) -> None:
    browser.call("Page.navigate", url=url + "/query")
    browser.wait_for("document.readyState === 'complete' && !!document.getElementById('query-form')")
    browser.evaluate("window.__before = true")
    browser.evaluate(
        "document.querySelector('textarea[name=query]').value = " + json.dumps(query) + ";"
        "document.getElementById('query-form').submit(); true"
    )
    # A new document (the form's answer) replaces the one we marked.
    browser.wait_for("!window.__before && document.readyState === 'complete'")


def test_the_query_form_shows_an_html_table(server, browser):
    submit(browser, server.url, QUERY)
    summary = browser.wait_for("document.getElementById('result-summary')?.textContent")
    assert summary.startswith("2 rows") and "DISTINCT was added" in summary
    headers = browser.evaluate("[...document.querySelectorAll('#result-table th')].map(t => t.textContent)")
    assert headers == ["?drug", "?label"]
    cells = browser.evaluate("[...document.querySelectorAll('#result-table tbody tr')]"
                             ".map(r => [...r.cells].map(c => c.textContent.trim()))")
    assert sorted(cells) == [["lamotrigine CHEBI:6367", "lamotrigine"], ["phenytoin CHEBI:8107", "phenytoin"]]
    links = browser.evaluate("[...document.querySelectorAll('#result-table a')].map(a => a.getAttribute('href'))")
    assert sorted(links) == ["/entity/CHEBI:6367", "/entity/CHEBI:8107"]
    # The textarea keeps the query, so it can be edited and run again.
    assert browser.evaluate("document.querySelector('textarea[name=query]').value") == QUERY


def test_hostile_labels_stay_text_in_the_table(server, browser):
    submit(browser, server.url, HOSTILE)
    browser.wait_for("!!document.getElementById('result-table')")
    texts = browser.evaluate("[...document.querySelectorAll('#result-table td')].map(c => c.textContent)")
    assert "<script>alert(1)</script>" in texts
    assert browser.evaluate("document.querySelectorAll('#result-table script, #result-table b').length") == 0
