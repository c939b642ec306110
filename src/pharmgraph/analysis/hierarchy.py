"""The ``broader`` hierarchy of entities: channel subtypes under their family, currents under
their channel, binding sites under their receptor.

The links come from the nodes of a projected graph, and for entities that are not nodes (a
family no statement names directly) from ``graph.graph["entities"]``.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("nav11", label="Nav1.1", broader=["vgsc"])
>>> g.add_node("vgsc", label="voltage-gated sodium channel", broader=["channel"])
>>> ancestors(g, "nav11")
{'vgsc': 1, 'channel': 2}
>>> label_of(g, "vgsc"), label_of(g, "channel")
('voltage-gated sodium channel', 'channel')
"""

from __future__ import annotations

from collections import deque

import networkx as nx


def _info(graph: nx.Graph, node: str) -> dict:
    if node in graph:
        return graph.nodes[node]
    return graph.graph.get("entities", {}).get(node) or {}


def broader(graph: nx.Graph, node: str) -> list[str]:
    """Return the CURIEs directly broader than ``node``."""
    return list(_info(graph, node).get("broader") or ())


def ancestors(graph: nx.Graph, node: str) -> dict[str, int]:
    """Return every entity above ``node`` with its distance (1 for direct parents)."""
    out: dict[str, int] = {}
    queue = deque((parent, 1) for parent in broader(graph, node))
    while queue:
        current, dist = queue.popleft()
        if current in out or current == node:
            continue
        out[current] = dist
        queue.extend((parent, dist + 1) for parent in broader(graph, current))
    return out


def label_of(graph: nx.Graph, node: str) -> str:
    """Return the label of an entity, or its CURIE when the graph does not know it."""
    return _info(graph, node).get("label") or node


def type_of(graph: nx.Graph, node: str) -> str:
    """Return the type of an entity (``Entity`` when unknown)."""
    return _info(graph, node).get("type") or "Entity"
