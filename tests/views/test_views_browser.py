"""Views opened in a real headless Chromium with the network cut off.

The page script writes what it drew into ``#pg-status`` and ``#pg-drawn`` once vis-network has
drawn the graph; these tests read them back from the DOM Chromium dumps. Skipped when no
Chromium binary is installed.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

import networkx as nx
import pytest
from views_helpers import (
    HOSTILE_DOCUMENT,
    HOSTILE_LABEL,
    HOSTILE_SENTENCE,
    TITLE,
    add_entity,
    add_statement,
    page_data,
)

from pharmgraph.views import write_html
from pharmgraph.views.browser import headless

pytestmark = pytest.mark.slow


def _status(dom: str) -> dict[str, str]:
    match = re.search(r'<div id="pg-status"([^>]*)>', dom)
    assert match, "the page script never ran"
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', match.group(1)))


def _drawn(dom: str) -> dict:
    match = re.search(r'<pre id="pg-drawn">(.*?)</pre>', dom, re.S)
    assert match and match.group(1), "the page wrote no list of what it drew"
    return json.loads(html.unescape(match.group(1)))


def _details_text(dom: str) -> str:
    match = re.search(r'<section id="pg-details"[^>]*>(.*?)</section>', dom, re.S)
    assert match
    return match.group(1)


def test_every_node_and_edge_is_drawn_and_hostile_text_stays_text(tmp_path, chromium, small_graph):
    page = write_html(small_graph, tmp_path / "view.html", title=TITLE, show_negated=True)
    dom = headless(page, fragment="select=" + quote("pharmgraph:hostile"), binary=chromium)
    status = _status(dom)
    assert status["state"] == "drawn"
    assert int(status["nodes"]) == small_graph.number_of_nodes()
    assert int(status["edges"]) == small_graph.number_of_edges()
    assert status["resources"] == "0"  # nothing was fetched
    drawn = _drawn(dom)
    assert set(drawn["nodes"]) == set(small_graph.nodes)
    assert sorted(map(tuple, drawn["edges"])) == sorted((u, k, v) for u, v, k in small_graph.edges(keys=True))
    # The hostile markup did not run: the title and body are untouched ...
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)
    assert html.unescape(re.search(r"<title>(.*?)</title>", dom).group(1)) == TITLE
    assert not re.search(r"<body[^>]*data-pwned", dom)
    assert "data-pwned=" not in dom.split("<body", 1)[1].split(">", 1)[0]
    # ... and the panel shows it as literal text.
    details = _details_text(dom)
    assert html.escape(HOSTILE_LABEL, quote=False) in details
    assert "<img" not in details and "<script" not in details


def test_edge_panel_shows_evidence_sentence_and_document_as_text(tmp_path, chromium, small_graph):
    page = write_html(small_graph, tmp_path / "view.html")
    data = page_data(page.read_text(encoding="utf-8"))
    edge_id = next(e["id"] for e in data["edges"] if e["to"] == "pharmgraph:hostile")
    dom = headless(page, fragment="select=" + edge_id, binary=chromium)
    assert _status(dom)["state"] == "drawn"
    details = _details_text(dom)
    assert html.escape(HOSTILE_SENTENCE, quote=False) in details
    assert html.escape(HOSTILE_DOCUMENT, quote=False) in details
    assert "inhibits" in details and "asserted" in details
    assert not re.search(r"<body[^>]*data-pwned", dom)


def test_negated_edge_is_drawn_only_when_asked(tmp_path, chromium, small_graph):
    page = write_html(small_graph, tmp_path / "hidden.html")
    status = _status(headless(page, binary=chromium))
    assert int(status["edges"]) == small_graph.number_of_edges() - 1


def test_large_view_is_drawn_completely(tmp_path, chromium):
    g = nx.MultiDiGraph()
    n = 1500
    for i in range(n):
        kind, group = ("Drug", "Drug") if i % 4 == 0 else ("Receptor", "Target")
        add_entity(g, f"x:{i}", f"entity {i}", kind, group)
    for i in range(1, n):
        add_statement(g, f"x:{(i * 7) % (i if i > 1 else 2)}", "agonist_of", f"x:{i}", "increase", 1)
    page = write_html(g, tmp_path / "large.html")
    dom = headless(page, binary=chromium, budget_ms=20000)
    status = _status(dom)
    assert (int(status["nodes"]), int(status["edges"])) == (n, g.number_of_edges())
    assert status["resources"] == "0"


def test_screenshot(tmp_path, chromium, small_graph):
    page = write_html(small_graph, tmp_path / "view.html", title="pharmgraph view test", show_negated=True,
                      highlight_path=["CHEBI:6367", "mesh:D062528", "GO:0014047"])
    shot = tmp_path / "view.png"
    headless(page, screenshot=shot, binary=chromium)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a drawn graph and legend, not a blank page


def test_the_request_counter_would_catch_a_leak(tmp_path, chromium, small_graph):
    # The same page with one image added: the count the page reports must see it, so the
    # zero in the other tests means something.
    page = (tmp_path / "v.html")
    text = write_html(small_graph, page).read_text(encoding="utf-8")
    page.write_text(text.replace("<body>", '<body><img src="missing.png" alt="">', 1), encoding="utf-8")
    assert int(_status(headless(page, binary=chromium))["resources"]) >= 1
