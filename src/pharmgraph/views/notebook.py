"""Graph views that display inline in Jupyter.

:class:`NotebookView` wraps the offline page of :func:`pharmgraph.views.render.render_html` in
an ``<iframe srcdoc=...>``: the page keeps its Content-Security-Policy and needs no server
and no network, and the sandbox (scripts only, no same-origin access) keeps it away from the
notebook. :func:`view` builds one from a projected graph or from statements.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("x:d", label="drug", type="Drug")
>>> g.add_node("x:t", label="target", type="Protein")
>>> g.add_edge("x:d", "x:t", key="inhibits", predicate="inhibits")
'inhibits'
>>> html = NotebookView(g, title="demo")._repr_html_()
>>> html.startswith("<iframe") and "srcdoc=" in html
True
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx


class NotebookView:
    """A graph drawn inline in a notebook (and savable as a standalone page).

    Parameters
    ----------
    graph : networkx.Graph
        Usually a projection (:func:`pharmgraph.analysis.project`) or a view of it.
    height : int
        Height of the frame in pixels.
    **options
        Passed to :func:`pharmgraph.views.render.render_html` (``title``, ``layout``,
        ``highlight_path``, ``show_negated``).
    """

    def __init__(self, graph: nx.Graph, height: int = 600, **options: Any) -> None:
        self.graph = graph
        self.height = int(height)
        self.options = options
        self._page: str | None = None

    @property
    def html(self) -> str:
        """The standalone page."""
        if self._page is None:
            from pharmgraph.views.render import render_html

            self._page = render_html(self.graph, **self.options)
        return self._page

    def _repr_html_(self) -> str:
        title = escape(str(self.options.get("title") or "pharmgraph"))
        return (
            f'<iframe title="{title}" srcdoc="{escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd;"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the standalone page to ``path`` and return it."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target

    def __repr__(self) -> str:
        return f"NotebookView({self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges)"


def view(source: nx.Graph | Iterable[Any], height: int = 600, **options: Any) -> NotebookView:
    """Return an inline view of a graph, or of statements (projected through an in-memory store)."""
    if isinstance(source, nx.Graph):
        return NotebookView(source, height, **options)
    from pharmgraph.analysis import project
    from pharmgraph.store import open_store

    store = open_store(":memory:")
    store.ingest(list(source))
    return NotebookView(project(store), height, **options)
