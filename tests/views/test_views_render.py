"""The HTML page itself: self-contained, escaped, styled by type and kind (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import math
import re
from types import SimpleNamespace

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

from pharmgraph.errors import InputError
from pharmgraph.views import (
    force_layout,
    grouped_layout,
    iter_external_urls,
    render_html,
    write_html,
)


def test_page_loads_nothing_from_outside(small_graph):
    page = render_html(small_graph, show_negated=True)
    assert page.startswith("<!DOCTYPE html>")
    assert list(iter_external_urls(page)) == []
    assert "<link" not in page.lower()
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert "bootstrap" not in page.lower()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_every_inline_script_is_allowed_by_its_hash(small_graph):
    page = render_html(small_graph)
    csp = re.search(r'content="(default-src[^"]+)"', page).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2  # vis-network and the page script
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_hostile_text_never_appears_as_markup(small_graph):
    page = render_html(small_graph, title=TITLE, show_negated=True)
    for raw in ("<script>document", "<img src=x", "<img src=y", "<script>alert", "<b>bold"):
        assert raw not in page
    assert "<title>Views &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;</title>" in page
    # The text itself survives intact for the page script to show as text.
    data = page_data(page)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["pharmgraph:hostile"] == HOSTILE_LABEL
    [edge] = [e for e in data["edges"] if e["to"] == "pharmgraph:hostile"]
    assert edge["evidence"][0]["text"] == HOSTILE_SENTENCE
    assert edge["evidence"][0]["display"] == HOSTILE_SENTENCE  # tags are text, not markup to drop
    assert edge["documents"] == [HOSTILE_DOCUMENT]


def test_nodes_and_edges_carry_what_the_panel_shows(small_graph):
    data = page_data(render_html(small_graph))
    assert {n["id"] for n in data["nodes"]} == set(small_graph.nodes)
    [blocks] = [e for e in data["edges"] if e["from"] == "CHEBI:6367" and e["predicate"] == "blocks"]
    assert blocks["kind"] == "decrease" and blocks["certainty"] == "asserted"
    assert blocks["evidence"] == [
        {"document": "a.txt", "text": "A sentence of ours.", "display": "A sentence of ours.", "start": 10,
         "end": 29, "references": ["12"]}
    ]
    [treats] = [e for e in data["edges"] if e["predicate"] == "treats"]
    assert treats["certainty"] == "hedged"
    lamotrigine = next(n for n in data["nodes"] if n["id"] == "CHEBI:6367")
    assert lamotrigine["synonyms"] == ["Lamictal"] and lamotrigine["type"] == "Drug"


def test_evidence_carries_a_readable_display_form():
    g = nx.MultiDiGraph()
    add_entity(g, "x:a", "a", "Drug", "Drug")
    add_entity(g, "x:b", "b", "Receptor", "Target")
    exact = "Racemic **a** reduces [b](#) release.[\\[13\\]](#)[\\[14\\]](#)"
    add_statement(g, "x:a", "inhibits", "x:b", "decrease", -1, text=exact)
    [edge] = page_data(render_html(g))["edges"]
    [evidence] = edge["evidence"]
    assert evidence["text"] == exact
    assert evidence["display"] == "Racemic a reduces b release."
    assert (evidence["start"], evidence["end"]) == (10, 10 + len(exact))


def test_negated_statements_only_on_request(small_graph):
    hidden = render_html(small_graph)
    assert not any(e["negated"] for e in page_data(hidden)["edges"])
    assert 'data-kind="negated"' not in hidden
    shown = render_html(small_graph, show_negated=True)
    [negated] = [e for e in page_data(shown)["edges"] if e["negated"]]
    assert (negated["from"], negated["predicate"], negated["to"]) == (
        "pharmgraph:losigamone", "binds", "pharmgraph:bzd_site")
    assert negated["key"] == "not_binds"
    assert 'data-kind="negated"' in shown and "NOT" in shown


def test_node_categories_and_legend(small_graph):
    page = render_html(small_graph)
    category = {n["id"]: n["category"] for n in page_data(page)["nodes"]}
    assert category["pharmgraph:s_losigamone"] == "enantiomer"
    assert category["pharmgraph:losigamone"] == "drug"
    assert category["mesh:D062528"] == "target"
    assert category["GO:0014047"] == "effect"
    assert category["mesh:D004827"] == "disease"
    assert category["mesh:D005076"] == "adverse_event"
    legend = page.split('<section id="pg-legend">', 1)[1].split("</section>", 1)[0]
    for key in ("drug", "enantiomer", "target", "effect", "disease", "adverse_event"):
        assert f'data-category="{key}"' in legend
    for key in ("increase", "decrease", "binding", "treats", "causes", "hedged"):
        assert f'data-kind="{key}"' in legend


def test_parallel_edges_get_separate_curves(small_graph):
    edges = page_data(render_html(small_graph))["edges"]
    pair = [e for e in edges if e["from"] == "CHEBI:6367" and e["to"] == "mesh:D062528"]
    assert len(pair) == 2
    curves = [e.get("smooth") for e in pair]
    assert curves[0] != curves[1]


def test_highlight_path_given_as_node_ids(small_graph):
    data = page_data(render_html(small_graph, highlight_path=["CHEBI:6367", "mesh:D062528", "GO:0014047"]))
    assert data["path"] == ["CHEBI:6367", "mesh:D062528", "GO:0014047"]
    on_path = {(e["from"], e["predicate"], e["to"]) for e in data["edges"] if e["path"]}
    assert on_path == {
        ("CHEBI:6367", "blocks", "mesh:D062528"),
        ("CHEBI:6367", "binds", "mesh:D062528"),
        ("mesh:D062528", "increases", "GO:0014047"),
    }


def test_highlight_path_object_marks_only_the_statements_followed(small_graph):
    hop1 = SimpleNamespace(source="CHEBI:6367", predicate="blocks", target="mesh:D062528")
    hop2 = SimpleNamespace(source="mesh:D062528", predicate="increases", target="GO:0014047")
    path = SimpleNamespace(nodes=["CHEBI:6367", "mesh:D062528", "GO:0014047"], hops=[hop1, hop2])
    data = page_data(render_html(small_graph, highlight_path=[path]))
    on_path = {(e["from"], e["predicate"], e["to"]) for e in data["edges"] if e["path"]}
    assert on_path == {("CHEBI:6367", "blocks", "mesh:D062528"), ("mesh:D062528", "increases", "GO:0014047")}


def test_highlight_path_with_unknown_node_is_refused(small_graph):
    with pytest.raises(InputError, match="not in the graph"):
        render_html(small_graph, highlight_path=["CHEBI:6367", "nowhere:1"])


def test_graph_without_attributes_still_renders():
    g = nx.DiGraph([("a", "b"), ("b", "c")])
    data = page_data(render_html(g))
    assert [n["label"] for n in data["nodes"]] == ["a", "b", "c"]
    assert {n["category"] for n in data["nodes"]} == {"other"}
    assert {e["kind"] for e in data["edges"]} == {"other"}


def test_empty_graph_renders_a_page_with_a_full_legend():
    page = render_html(nx.MultiDiGraph())
    assert page_data(page)["nodes"] == [] and "0 nodes" in page
    assert 'data-category="drug"' in page


def test_write_html(tmp_path, small_graph):
    path = write_html(small_graph, tmp_path / "v.html", title="x")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_layouts_are_deterministic_and_finite(small_graph):
    first = page_data(render_html(small_graph))
    second = page_data(render_html(small_graph))
    assert [(n["x"], n["y"]) for n in first["nodes"]] == [(n["x"], n["y"]) for n in second["nodes"]]
    points = {(n["x"], n["y"]) for n in first["nodes"]}
    assert len(points) == len(first["nodes"])
    assert all(math.isfinite(v) for p in points for v in p)


def test_grouped_layout_puts_drugs_inside(small_graph):
    data = page_data(render_html(small_graph, layout="grouped"))
    radius = {n["id"]: math.hypot(n["x"], n["y"]) for n in data["nodes"]}
    drugs = [radius[n["id"]] for n in data["nodes"] if n["group"] == "Drug"]
    targets = [radius[n["id"]] for n in data["nodes"] if n["group"] == "Target"]
    assert max(drugs) < min(targets)


def test_layout_given_as_positions_and_bad_layouts(small_graph):
    positions = {node: (i * 10.0, -i * 5.0) for i, node in enumerate(small_graph)}
    data = page_data(render_html(small_graph, layout=positions))
    assert [(n["x"], n["y"]) for n in data["nodes"]] == list(positions.values())
    with pytest.raises(ValueError, match="layout must be"):
        render_html(small_graph, layout="spiral")
    with pytest.raises(ValueError, match="no position"):
        render_html(small_graph, layout={"CHEBI:6367": (0, 0)})


def test_force_layout_spreads_a_large_graph():
    g = nx.MultiDiGraph()
    n = 2500  # above the all-pairs limit: the grid repulsion is used
    for i in range(n):
        add_entity(g, f"x:{i}", f"n{i}", "Drug" if i % 3 == 0 else "Protein", "Drug" if i % 3 == 0 else "Target")
    for i in range(1, n):
        add_statement(g, f"x:{i // 3}", "binds", f"x:{i}", "binding")
    positions = force_layout(list(g.nodes), list(g.edges()))
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    assert all(math.isfinite(v) for v in xs + ys)
    assert len(set(positions.values())) > 0.95 * n
    # Linked nodes end up much closer than the graph is wide.
    width = max(xs) - min(xs)
    lengths = sorted(math.dist(positions[u], positions[v]) for u, v in g.edges())
    assert lengths[len(lengths) // 2] < width / 10


def test_grouped_layout_orders_every_ring():
    positions = grouped_layout(["d", "t1", "t2"], [("d", "t1")], ["Drug", "Target", "Target"])
    assert positions["d"] == (0.0, 0.0)
    assert math.hypot(*positions["t1"]) == pytest.approx(math.hypot(*positions["t2"]))
