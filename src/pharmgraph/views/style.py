"""How each kind of node and edge is drawn, and the legend that explains it.

Nodes fall into categories (drug, enantiomer, target, effect, disease, adverse event, other),
each with its own colour and shape; edges are coloured by their kind (increase, decrease,
binding, treats, causes, enantiomer, other), dashed when hedged, and negated statements are
drawn grey and dotted with a red "✕ NOT" label. The same tables feed the page script (through
the page's JSON data) and the legend, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

#: Node categories, in legend order: label, vis-network shape, fill and border colours.
NODE_STYLES: dict[str, dict[str, str]] = {
    "drug": {"label": "Drug", "shape": "dot", "color": "#2f6db5", "border": "#1b3f6b"},
    "enantiomer": {"label": "Enantiomer (drug)", "shape": "diamond", "color": "#8e5cc2", "border": "#4f2f73"},
    "target": {"label": "Target", "shape": "square", "color": "#f0a030", "border": "#8a5608"},
    "effect": {"label": "Effect", "shape": "triangle", "color": "#3aa655", "border": "#1d5e2d"},
    "disease": {"label": "Disease", "shape": "star", "color": "#d64541", "border": "#7a1f1c"},
    "adverse_event": {"label": "Adverse event", "shape": "triangleDown", "color": "#e377c2", "border": "#8a3473"},
    "other": {"label": "Other entity", "shape": "dot", "color": "#9a9a9a", "border": "#555555"},
}

#: Type group (see :func:`pharmgraph.vocabulary.type_group`) -> node category.
GROUP_CATEGORY = {
    "Drug": "drug",
    "Target": "target",
    "Effect": "effect",
    "Disease": "disease",
    "AdverseEvent": "adverse_event",
}

#: Edge kinds (see :func:`pharmgraph.vocabulary.edge_kind`): label, colour, arrow head.
EDGE_STYLES: dict[str, dict[str, str]] = {
    "increase": {"label": "increases / activates", "color": "#2e9e4a", "arrow": "arrow"},
    "decrease": {"label": "decreases / inhibits / blocks", "color": "#d2322d", "arrow": "bar"},
    "binding": {"label": "binds / interacts", "color": "#2f6db5", "arrow": "circle"},
    "treats": {"label": "treats", "color": "#13a3b5", "arrow": "arrow"},
    "causes": {"label": "causes", "color": "#e07b10", "arrow": "arrow"},
    "enantiomer": {"label": "enantiomer of", "color": "#8e5cc2", "arrow": "arrow"},
    "other": {"label": "other relation", "color": "#7a7a7a", "arrow": "arrow"},
}

#: How hedged and negated statements and highlighted paths are drawn.
MODIFIER_STYLES: dict[str, dict[str, object]] = {
    "hedged": {"label": "hedged (may, is thought to…)", "dashes": [8, 6]},
    "negated": {"label": "negated: ✕ NOT (shown on request)", "color": "#9a9a9a", "dashes": [2, 5], "mark": "#d0021b"},
    "path": {"label": "highlighted path", "color": "#ffb000"},
}


def node_category(group: str, *, enantiomer: bool = False) -> str:
    """Return the node category for a type group; drugs with an enantiomer_of edge are
    ``enantiomer``."""
    category = GROUP_CATEGORY.get(group, "other")
    if category == "drug" and enantiomer:
        return "enantiomer"
    return category


def style_table() -> dict[str, object]:
    """Return the style tables as one JSON-ready mapping for the page script."""
    return {"nodes": NODE_STYLES, "edges": EDGE_STYLES, "modifiers": MODIFIER_STYLES}


def _node_icon(shape: str, fill: str, border: str) -> str:
    attrs = f'fill="{fill}" stroke="{border}" stroke-width="1.5"'
    if shape == "dot":
        body = f'<circle cx="9" cy="9" r="6.5" {attrs}/>'
    elif shape == "diamond":
        body = f'<polygon points="9,1.5 16.5,9 9,16.5 1.5,9" {attrs}/>'
    elif shape == "square":
        body = f'<rect x="3" y="3" width="12" height="12" {attrs}/>'
    elif shape == "triangle":
        body = f'<polygon points="9,2 16.5,15.5 1.5,15.5" {attrs}/>'
    elif shape == "triangleDown":
        body = f'<polygon points="1.5,2.5 16.5,2.5 9,16" {attrs}/>'
    elif shape == "star":
        body = (
            '<polygon points="9,1 11.2,6.6 17,6.9 12.5,10.6 14,16.4 9,13.2 4,16.4 5.5,10.6 1,6.9 6.8,6.6" '
            f"{attrs}/>"
        )
    else:  # pragma: no cover - every shape above is covered by NODE_STYLES
        body = f'<circle cx="9" cy="9" r="6.5" {attrs}/>'
    return f'<svg class="pg-icon" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">{body}</svg>'


def _edge_icon(color: str, arrow: str = "arrow", dashes: list[int] | None = None, mark: str | None = None, width: float = 2) -> str:
    dash = f' stroke-dasharray="{",".join(str(d) for d in dashes)}"' if dashes else ""
    line = f'<line x1="2" y1="9" x2="34" y2="9" stroke="{color}" stroke-width="{width}"{dash}/>'
    if arrow == "bar":
        head = f'<line x1="37" y1="3" x2="37" y2="15" stroke="{color}" stroke-width="3"/>'
    elif arrow == "circle":
        head = f'<circle cx="37" cy="9" r="3.5" fill="{color}"/>'
    else:
        head = f'<polygon points="33,4 41,9 33,14" fill="{color}"/>'
    cross = ""
    if mark:
        cross = (
            f'<line x1="14" y1="4" x2="22" y2="14" stroke="{mark}" stroke-width="2.5"/>'
            f'<line x1="22" y1="4" x2="14" y2="14" stroke="{mark}" stroke-width="2.5"/>'
        )
    return f'<svg class="pg-icon" width="44" height="18" viewBox="0 0 44 18" aria-hidden="true">{line}{head}{cross}</svg>'


def legend_html(
    node_counts: Mapping[str, int],
    edge_counts: Mapping[str, int],
    *,
    hedged: int = 0,
    negated: int = 0,
    show_negated: bool = False,
    path: bool = False,
) -> str:
    """Return the legend as HTML: node categories and edge kinds present, with counts.

    Parameters
    ----------
    node_counts, edge_counts : mapping of str to int
        How many nodes of each category and edges of each kind the view draws; categories and
        kinds with no members are left out (all of them when the graph is empty).
    hedged, negated : int
        How many hedged and negated edges are drawn.
    show_negated : bool
        List the negated style even when no negated edge is drawn, so a reader knows they
        would be shown.
    path : bool
        Add the highlighted-path entry.
    """
    show_all = not node_counts and not edge_counts
    rows = ['<h2>Nodes</h2><ul class="pg-legend-list">']
    for key, style in NODE_STYLES.items():
        count = node_counts.get(key, 0)
        if count or show_all:
            icon = _node_icon(style["shape"], style["color"], style["border"])
            rows.append(
                f'<li data-category="{key}">{icon}<span>{escape(style["label"])}</span>'
                f'<span class="pg-count">{count}</span></li>'
            )
    rows.append('</ul><h2>Edges</h2><ul class="pg-legend-list">')
    for key, style in EDGE_STYLES.items():
        count = edge_counts.get(key, 0)
        if count or show_all:
            icon = _edge_icon(style["color"], style["arrow"])
            rows.append(
                f'<li data-kind="{key}">{icon}<span>{escape(style["label"])}</span>'
                f'<span class="pg-count">{count}</span></li>'
            )
    hedge = MODIFIER_STYLES["hedged"]
    rows.append(
        f'<li data-kind="hedged">{_edge_icon("#555555", dashes=hedge["dashes"])}'
        f'<span>{escape(str(hedge["label"]))}</span><span class="pg-count">{hedged}</span></li>'
    )
    if show_negated or negated:
        neg = MODIFIER_STYLES["negated"]
        icon = _edge_icon(str(neg["color"]), dashes=neg["dashes"], mark=str(neg["mark"]))
        rows.append(
            f'<li data-kind="negated">{icon}<span>{escape(str(neg["label"]))}</span>'
            f'<span class="pg-count">{negated}</span></li>'
        )
    if path:
        icon = _edge_icon(str(MODIFIER_STYLES["path"]["color"]), width=5)
        rows.append(f'<li data-kind="path">{icon}<span>{escape(str(MODIFIER_STYLES["path"]["label"]))}</span></li>')
    rows.append("</ul>")
    return "".join(rows)
