"""Interactive, standalone HTML views of a projected graph (vis-network, works offline).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("CHEBI:6367", label="lamotrigine", type="Drug")
>>> g.add_node("mesh:D062528", label="sodium channel", type="IonChannel")
>>> g.add_edge("CHEBI:6367", "mesh:D062528", key="blocks", predicate="blocks")
'blocks'
>>> page = render_html(g, title="lamotrigine")
>>> page.startswith("<!DOCTYPE html>") and "lamotrigine" in page
True
"""

from pharmgraph.views.layout import force_layout, grouped_layout
from pharmgraph.views.render import (
    LAYOUTS,
    iter_external_urls,
    path_node_lists,
    render_html,
    write_html,
)

__all__ = [
    "LAYOUTS",
    "force_layout",
    "grouped_layout",
    "iter_external_urls",
    "path_node_lists",
    "render_html",
    "write_html",
]
