"""Render a projected graph as one standalone, offline HTML page drawn with vis-network.

The page holds everything it needs: vis-network (the copy pyvis ships for its ``in_line``
pages), a stylesheet, the graph as JSON and a small script. It loads nothing from the network,
and a Content-Security-Policy forbids it to: scripts run only when their hash matches, so
even text that slipped past escaping could not execute.

All text from documents (labels, sentences, document names) enters the page either through
:func:`html.escape` (title, legend) or inside a ``<script type="application/json">`` block with
``<``, ``>`` and ``&`` written as ``\\u003c``, ``\\u003e`` and ``\\u0026``; the page script reads it
with ``JSON.parse`` and writes it with ``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import cache
from html import escape
from html.parser import HTMLParser
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx

from pharmgraph.documents.markup import readable_text
from pharmgraph.errors import InputError
from pharmgraph.views.layout import force_layout, grouped_layout, positions_from, remove_overlaps
from pharmgraph.views.style import legend_html, node_category, style_table
from pharmgraph.vocabulary import edge_kind, type_group

LAYOUTS = ("force", "grouped", "physics")
"""Names accepted by ``render_html(layout=...)``; a mapping of node -> (x, y) is accepted too."""

MAX_EVIDENCE = 25
"""Evidence sentences embedded per edge; the panel says how many more the store holds."""

EDGE_LABEL_LIMIT = 150
"""Edges are labelled with their predicate when a view has at most this many."""

CURVE_LIMIT = 3000
"""Parallel edges are drawn as separate curves when a view has at most this many edges."""

OVERLAP_LIMIT = 400
"""Node and label boxes are pushed apart when a view has at most this many nodes."""


@cache
def _vis_assets() -> tuple[str, str]:
    """Return vis-network's script and stylesheet as pyvis bundles them for in-line pages."""
    import importlib.util

    # Found, not imported: importing pyvis imports IPython and Jinja (half a second).
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis, which carries the vis-network bundle, is not installed")
    lib = Path(next(iter(spec.submodule_search_locations))).resolve() / "lib" / "vis-9.1.2"
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    lowered = script.lower()
    if "</script" in lowered or "<!--" in lowered or "</style" in css.lower():
        raise RuntimeError("the vis-network bundle cannot be embedded in a <script> element as is")
    return script, css


@cache
def _page_assets() -> tuple[str, str]:
    here = resources.files("pharmgraph.views")
    return (here / "page.js").read_text(encoding="utf-8"), (here / "page.css").read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """Serialise ``value`` as JSON that is inert inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _strings(values: Any) -> list[str]:
    if type(values) is list and all(type(v) is str for v in values):
        return values
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values]


def _int_or_none(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


_EVIDENCE_KEYS = {"document", "text", "start", "end", "references"}


def _evidence(items: Any) -> list[dict[str, Any]]:
    out = []
    for item in items or ():
        if type(item) is dict and item.keys() == _EVIDENCE_KEYS:
            if (type(item["text"]) is str and type(item["document"]) is str
                    and type(item["references"]) is list):
                out.append(item)  # already in the page's form, as project() gives it
                continue
        if hasattr(item, "to_dict"):
            item = item.to_dict()
        if not isinstance(item, Mapping):
            continue
        out.append(
            {
                "document": _text(item.get("document")),
                "text": _text(item.get("text")),
                "start": _int_or_none(item.get("start")),
                "end": _int_or_none(item.get("end")),
                "references": _strings(item.get("references")),
            }
        )
    return out


def _with_display(item: dict[str, Any]) -> dict[str, Any]:
    """The page's evidence item: the exact ``text`` and its ``display`` form for people."""
    return {**item, "display": readable_text(item["text"])}


def _kind(predicate: str, given: Any) -> str:
    if isinstance(given, str) and given:
        return given
    try:
        return edge_kind(predicate)
    except KeyError:
        return "other"


def path_node_lists(highlight_path: Any) -> list[list[str]]:
    """Normalise what ``highlight_path`` may be into a list of node-id lists.

    Accepted: a sequence of node ids; an object with a ``nodes`` attribute (such as a
    :class:`pharmgraph.analysis.Path` from :func:`pharmgraph.analysis.shortest_paths`) or a
    mapping with a ``"nodes"`` entry; or a sequence of any of these (several paths).
    """
    return [nodes for nodes, _ in _paths(highlight_path)]


def _paths(highlight_path: Any) -> list[tuple[list[str], list[tuple[str, str, str]] | None]]:
    """Return (nodes, statements followed or None) for every path in ``highlight_path``."""
    if highlight_path is None:
        return []
    if isinstance(highlight_path, str):
        return [([highlight_path], None)]
    nodes = getattr(highlight_path, "nodes", None)
    hops = getattr(highlight_path, "hops", None)
    if nodes is None and isinstance(highlight_path, Mapping):
        nodes = highlight_path.get("nodes")
        hops = highlight_path.get("hops")
    if nodes is not None and not callable(nodes):
        followed = None
        if hops:
            followed = []
            for hop in hops:
                get = hop.get if isinstance(hop, Mapping) else lambda name, hop=hop: getattr(hop, name, None)
                followed.append((_text(get("source")), _text(get("predicate")), _text(get("target"))))
        return [([_text(getattr(n, "id", n)) for n in nodes], followed)]
    items = list(highlight_path)
    if all(isinstance(item, str) for item in items):
        return [(items, None)] if items else []
    out: list[tuple[list[str], list[tuple[str, str, str]] | None]] = []
    for item in items:
        out.extend(_paths(item))
    return out


def _prepare(graph: nx.Graph, *, show_negated: bool, highlight_path: Any) -> dict[str, Any]:
    """Turn the graph into the JSON the page script draws (positions not yet set)."""
    multi = graph.is_multigraph()
    raw_edges = graph.edges(keys=True, data=True) if multi else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    node_ids = {node: _text(node) for node in graph.nodes}

    edges: list[dict[str, Any]] = []
    enantiomers: set[Hashable] = set()
    for u, v, key, attrs in raw_edges:
        negated = bool(attrs.get("negated", False))
        if negated and not show_negated:
            continue
        predicate = _text(attrs.get("predicate") or key or "related_to")
        if negated and predicate.startswith("not_"):
            predicate = predicate[4:]
        kind = _kind(predicate, attrs.get("kind"))
        if kind == "enantiomer" and not negated:
            enantiomers.add(u)
        evidence = _evidence(attrs.get("evidence"))
        documents = _strings(attrs.get("documents")) or sorted({e["document"] for e in evidence if e["document"]})
        count = _int_or_none(attrs.get("evidence_count"))
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": node_ids[u],
                "to": node_ids[v],
                "key": _text(key if key is not None else predicate),
                "predicate": predicate,
                "kind": kind,
                "certainty": _text(attrs.get("certainty") or "asserted"),
                "negated": negated,
                "documents": documents,
                "evidence": [_with_display(e) for e in evidence[:MAX_EVIDENCE]],
                "evidence_count": count if count is not None else len(evidence),
            }
        )

    nodes: list[dict[str, Any]] = []
    for node, attrs in graph.nodes(data=True):
        kind = _text(attrs.get("type") or "Entity")
        group = _text(attrs.get("group") or type_group(kind))
        nodes.append(
            {
                "id": node_ids[node],
                "label": _text(attrs.get("label") or node_ids[node]),
                "type": kind,
                "group": group,
                "category": node_category(group, enantiomer=node in enantiomers),
                "synonyms": _strings(attrs.get("synonyms")),
                "broader": _strings(attrs.get("broader")),
            }
        )

    known = {n["id"] for n in nodes}
    path_nodes: list[str] = []
    path_pairs: set[frozenset[str]] = set()
    path_statements: set[tuple[str, str, str]] = set()
    for path, followed in _paths(highlight_path):
        missing = [n for n in path if n not in known]
        if missing:
            raise InputError(f"The path to highlight names {missing[0]!r}, which is not in the graph.")
        path_nodes.extend(n for n in path if n not in path_nodes)
        if followed:
            path_statements.update(followed)
        else:
            path_pairs.update(frozenset(pair) for pair in pairwise(path))
    for edge in edges:
        edge["path"] = not edge["negated"] and (
            (edge["from"], edge["predicate"], edge["to"]) in path_statements
            or frozenset((edge["from"], edge["to"])) in path_pairs
        )

    if len(edges) <= CURVE_LIMIT:
        _curve_parallel(edges)
    return {"nodes": nodes, "edges": edges, "path": path_nodes}


def _curve_parallel(edges: list[dict[str, Any]]) -> None:
    """Give edges that join the same two nodes their own curves, so none hides another."""
    bundles: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        a, b = sorted((edge["from"], edge["to"]))
        bundles[(a, b)].append(edge)
    for (a, _b), bundle in bundles.items():
        if len(bundle) < 2:
            continue
        middle = (len(bundle) - 1) / 2
        for i, edge in enumerate(bundle):
            offset = i - middle
            if offset == 0:
                continue
            clockwise = offset > 0
            if edge["from"] != a:  # drawn the other way round: mirror the bend
                clockwise = not clockwise
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(min(0.9, 0.22 * abs(offset)), 3),
            }


def _positions(data: dict[str, Any], layout: Any) -> bool:
    """Set x and y on every node; return True when the browser should run physics."""
    ids = [n["id"] for n in data["nodes"]]
    groups = [n["group"] for n in data["nodes"]]
    pairs = [(e["from"], e["to"]) for e in data["edges"]]
    physics = False
    if isinstance(layout, Mapping):
        positions = positions_from({_text(k): v for k, v in layout.items()}, ids)
    elif layout in (None, "force", "physics"):
        positions = force_layout(ids, pairs, groups=groups)
        physics = layout == "physics"
        if len(ids) <= OVERLAP_LIMIT:
            # Room for each label: about 8.5 px per character at the page's 15 px font.
            sizes = {n["id"]: (max(40.0, 8.5 * min(len(n["label"]), 40)) + 12, 62.0) for n in data["nodes"]}
            positions = remove_overlaps(positions, sizes)
    elif layout == "grouped":
        positions = grouped_layout(ids, pairs, groups)
    else:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)} or a mapping of node -> (x, y), not {layout!r}")
    for node in data["nodes"]:
        node["x"], node["y"] = positions[node["id"]]
    return physics


def render_html(
    graph: nx.Graph,
    *,
    title: str = "pharmgraph",
    highlight_path: Any = None,
    show_negated: bool = False,
    layout: str | Mapping[Hashable, Sequence[float]] | None = None,
) -> str:
    """Return a complete, standalone HTML page that draws ``graph`` interactively.

    Parameters
    ----------
    graph : networkx.Graph
        Usually the ``MultiDiGraph`` from :func:`pharmgraph.analysis.project`: nodes keyed by
        CURIE with ``label``, ``type``, ``group``, ``synonyms``, ``broader``; edges keyed by
        predicate with ``predicate``, ``kind``, ``certainty``, ``negated``, ``evidence``,
        ``documents``, ``evidence_count``. Missing attributes get sensible defaults.
    title : str
        Shown in the page header and the browser tab (escaped).
    highlight_path : optional
        A path to highlight: node ids in order, a path object with ``nodes``, or a list of
        such paths. Its nodes and the edges between consecutive nodes are emphasised, the
        rest is dimmed.
    show_negated : bool
        Draw negated statements (grey, dotted, labelled "✕ NOT predicate"). Off by default:
        they are left out even when the graph holds them.
    layout : {"force", "grouped", "physics"} or mapping, optional
        ``"force"`` (the default): positions from a scalable force-directed layout computed
        in Python, physics off in the browser. ``"grouped"``: rings by type group.
        ``"physics"``: the force layout, then a short vis-network stabilisation (small graphs
        only). A mapping gives each node's (x, y) directly.

    Returns
    -------
    str
        The page. It references no external resource and works offline.

    Raises
    ------
    pharmgraph.errors.InputError
        When ``highlight_path`` names a node that is not in the graph.
    ValueError
        When ``layout`` is not one of the accepted values.
    """
    data = _prepare(graph, show_negated=show_negated, highlight_path=highlight_path)
    physics = _positions(data, layout)
    data["physics"] = physics
    data["style"] = style_table()
    data["edgeLabels"] = 0 < len(data["edges"]) <= EDGE_LABEL_LIMIT

    node_counts = Counter(n["category"] for n in data["nodes"])
    edge_counts = Counter(e["kind"] for e in data["edges"] if not e["negated"])
    hedged = sum(1 for e in data["edges"] if e["certainty"] == "hedged" and not e["negated"])
    negated = sum(1 for e in data["edges"] if e["negated"])
    legend = legend_html(
        node_counts, edge_counts, hedged=hedged, negated=negated, show_negated=show_negated, path=bool(data["path"])
    )

    vis_js, vis_css = _vis_assets()
    page_js, page_css = _page_assets()
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )
    n_nodes, n_edges = len(data["nodes"]), len(data["edges"])
    summary = f"{n_nodes:,} node{'s' if n_nodes != 1 else ''} · {n_edges:,} edge{'s' if n_edges != 1 else ''}"
    if negated:
        summary += f" ({negated:,} negated)"
    safe_title = escape(title or "pharmgraph")
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp, quote=False)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="pharmgraph">\n',
        f"<title>{safe_title}</title>\n",
        f"<style>{vis_css}</style>\n<style>{page_css}</style>\n",
        "</head>\n<body>\n",
        f'<header id="pg-header"><h1>{safe_title}</h1><span class="pg-summary">{escape(summary)}</span>',
        '<form id="pg-search-form" autocomplete="off"><input id="pg-search" type="search" '
        'placeholder="Find a node by name or id" aria-label="Find a node"><button type="submit">Find</button>'
        '<button type="button" id="pg-fit">Fit</button></form><span id="pg-search-msg"></span></header>\n',
        '<div id="pg-main"><div id="pg-network"></div>\n',
        f'<aside id="pg-side"><section id="pg-legend">{legend}</section>\n<section id="pg-details"></section></aside></div>\n',
        '<div id="pg-status" data-state="loading"></div><pre id="pg-drawn"></pre>\n',
        f'<script type="application/json" id="pg-data">{_script_json(data)}</script>\n',
        f"<script>{vis_js}</script>\n<script>{page_js}</script>\n",
        "</body>\n</html>\n",
    ]
    return "".join(parts)


def write_html(graph: nx.Graph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_html`'s page for ``graph`` to ``path`` (UTF-8) and return the path.

    Keyword arguments are those of :func:`render_html`.
    """
    target = Path(path)
    target.write_text(render_html(graph, **kwargs), encoding="utf-8")
    return target


def iter_external_urls(page: str) -> Iterable[str]:
    """Yield every ``src``/``href``/``url(...)`` in ``page`` that would reach the network.

    Used by the tests and handy for anyone checking a page is self-contained: script and
    JSON bodies are skipped (their text is inert), attributes and CSS ``url()`` are checked.
    """
    found: list[str] = []

    class _Scan(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.in_style = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.in_style = tag == "style"
            for name, value in attrs:
                if name in ("src", "href", "action", "poster", "data", "srcset", "background") and value:
                    if not value.startswith(("#", "data:")):
                        found.append(value)

        def handle_endtag(self, tag: str) -> None:
            if tag == "style":
                self.in_style = False

        def handle_data(self, text: str) -> None:
            if self.in_style:
                for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
                    if not url.startswith("data:"):
                        found.append(url)
                for url in re.findall(r"@import\s+['\"]([^'\"]+)", text):
                    found.append(url)

    _Scan().feed(page)
    return found
