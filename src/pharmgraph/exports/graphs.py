"""GraphML (Cytoscape, yEd) and GEXF (Gephi): the store as one directed multigraph of scalars.

Nodes are entities keyed by CURIE; edges are claims. Every attribute is a scalar, as both
formats require: lists become ``; ``-joined text and evidence becomes counts plus a joined
text of up to three sentences. Both files are written while the store is read, element by
element, never as one in-memory graph.

Node attributes: ``label``, ``curie``, ``type``, ``group``, ``synonyms``, ``xrefs``,
``broader``. Edge attributes: ``predicate``, ``kind`` (increase, decrease, binding...),
``sign`` (+1, -1, 0), ``role`` (mechanism, metabolism, transport, carrier; see
:func:`pharmgraph.vocabulary.target_role`), ``negated``, ``certainty``, ``evidence_count``,
``document_count``, ``documents``, ``evidence``, ``sources``, ``knowledge_level``,
``qualifiers``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from pharmgraph.exports.rows import EdgeRow, NodeRow, edge_rows, entity_rows
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import direction, edge_kind, target_role, type_group

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"

NODE_ATTRIBUTES = [
    ("label", "string"),
    ("curie", "string"),
    ("type", "string"),
    ("group", "string"),
    ("synonyms", "string"),
    ("xrefs", "string"),
    ("broader", "string"),
]
EDGE_ATTRIBUTES = [
    ("predicate", "string"),
    ("kind", "string"),
    ("sign", "int"),
    ("role", "string"),
    ("negated", "boolean"),
    ("certainty", "string"),
    ("evidence_count", "int"),
    ("document_count", "int"),
    ("documents", "string"),
    ("evidence", "string"),
    ("sources", "string"),
    ("knowledge_level", "string"),
    ("qualifiers", "string"),
]

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _ILLEGAL_XML.sub(" ", str(value))


def node_values(node: NodeRow) -> dict[str, Any]:
    """Return a node's scalar attributes."""
    return {
        "label": node.label,
        "curie": node.id,
        "type": node.type,
        "group": type_group(node.type),
        "synonyms": "; ".join(node.synonyms),
        "xrefs": "; ".join(node.xrefs),
        "broader": "; ".join(node.broader),
    }


def edge_values(edge: EdgeRow, nodes: dict[str, NodeRow]) -> dict[str, Any]:
    """Return an edge's scalar attributes (the role needs the object's type and label)."""
    target = nodes.get(edge.object)
    return {
        "predicate": edge.predicate,
        "kind": edge_kind(edge.predicate),
        "sign": direction(edge.predicate),
        "role": target_role(edge.predicate, target.type if target else "Entity", target.label if target else None),
        "negated": edge.negated,
        "certainty": edge.certainty,
        "evidence_count": edge.evidence_count,
        "document_count": len(edge.documents),
        "documents": "; ".join(edge.documents),
        "evidence": edge.evidence_text(),
        "sources": "; ".join(edge.sources),
        "knowledge_level": "; ".join(edge.knowledge_levels),
        "qualifiers": "; ".join(f"{k}={v}" for k, v in sorted(edge.qualifiers.items())),
    }


def _graph(store: GraphStore) -> tuple[dict[str, NodeRow], Iterator[EdgeRow]]:
    nodes = {n.id: n for n in entity_rows(store)}
    return nodes, edge_rows(store)


def write_graphml(store: GraphStore, out: IO[str]) -> tuple[int, int]:
    """Write the store as GraphML to a text stream; return (nodes, edges) written."""
    nodes, edges = _graph(store)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">\n'
    )
    for name, kind in NODE_ATTRIBUTES:
        out.write(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
    for name, kind in EDGE_ATTRIBUTES:
        out.write(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="pharmgraph" edgedefault="directed">\n')
    for node in nodes.values():
        out.write(f"    <node id={quoteattr(_clean(node.id))}>\n")
        for name, value in node_values(node).items():
            if value != "":
                out.write(f'      <data key="n_{name}">{escape(_clean(value))}</data>\n')
        out.write("    </node>\n")
    count = 0
    for count, edge in enumerate(edges, start=1):
        for end in (edge.subject, edge.object):
            if end not in nodes:
                # A claim whose entity carries no description still needs its node.
                nodes[end] = NodeRow(end, end, "Entity")
                out.write(f"    <node id={quoteattr(_clean(end))}/>\n")
        out.write(
            f'    <edge id="e{count}" source={quoteattr(_clean(edge.subject))} target={quoteattr(_clean(edge.object))}>\n'
        )
        for name, value in edge_values(edge, nodes).items():
            if value != "":
                out.write(f'      <data key="e_{name}">{escape(_clean(value))}</data>\n')
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")
    return len(nodes), count


_GEXF_TYPES = {"string": "string", "int": "integer", "boolean": "boolean"}


def write_gexf(store: GraphStore, out: IO[str]) -> tuple[int, int]:
    """Write the store as GEXF 1.2 to a text stream; return (nodes, edges) written."""
    nodes, edges = _graph(store)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<gexf xmlns="{GEXF_NS}" version="1.2">\n')
    out.write('  <meta><creator>pharmgraph</creator></meta>\n')
    out.write('  <graph defaultedgetype="directed" mode="static">\n')
    out.write('    <attributes class="node" mode="static">\n')
    for i, (name, kind) in enumerate(NODE_ATTRIBUTES[1:]):
        out.write(f'      <attribute id="n{i}" title="{name}" type="{_GEXF_TYPES[kind]}"/>\n')
    out.write("    </attributes>\n")
    out.write('    <attributes class="edge" mode="static">\n')
    for i, (name, kind) in enumerate(EDGE_ATTRIBUTES):
        out.write(f'      <attribute id="e{i}" title="{name}" type="{_GEXF_TYPES[kind]}"/>\n')
    out.write("    </attributes>\n")
    node_ids = {name: f"n{i}" for i, (name, _) in enumerate(NODE_ATTRIBUTES[1:])}
    edge_ids = {name: f"e{i}" for i, (name, _) in enumerate(EDGE_ATTRIBUTES)}
    # GEXF wants every node before the first edge. Every entity rdf.py writes carries its
    # CURIE, label and type, so the entity rows hold both ends of every claim.
    out.write("    <nodes>\n")
    for node in nodes.values():
        _gexf_node(out, node, node_ids)
    out.write("    </nodes>\n    <edges>\n")
    count = 0
    for count, edge in enumerate(edges, start=1):
        values = edge_values(edge, nodes)
        out.write(
            f'      <edge id="{count}" source={quoteattr(_clean(edge.subject))} target={quoteattr(_clean(edge.object))} '
            f"label={quoteattr(_clean(edge.predicate))} weight=\"{max(1, edge.evidence_count)}\">\n"
        )
        _attvalues(out, values, edge_ids, "        ")
        out.write("      </edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    return len(nodes), count


def _gexf_node(out: IO[str], node: NodeRow, ids: dict[str, str]) -> None:
    out.write(f"      <node id={quoteattr(_clean(node.id))} label={quoteattr(_clean(node.label))}>\n")
    values = node_values(node)
    values.pop("label")
    _attvalues(out, values, ids, "        ")
    out.write("      </node>\n")


def _attvalues(out: IO[str], values: dict[str, Any], ids: dict[str, str], indent: str) -> None:
    present = [(ids[k], v) for k, v in values.items() if v != ""]
    if not present:
        return
    out.write(f"{indent}<attvalues>\n")
    for key, value in present:
        out.write(f'{indent}  <attvalue for="{key}" value={quoteattr(_clean(value))}/>\n')
    out.write(f"{indent}</attvalues>\n")


def check_graphml(path) -> list[str]:
    """Check a GraphML file's structure; return the problems found (empty when it is sound).

    No GraphML XSD is available offline, so this checks what the schema requires and what
    Cytoscape relies on: the GraphML namespace, ``key`` elements (unique ids, ``for`` one of
    node/edge/graph/all, a known ``attr.type``) before the graph, one ``graph`` with
    ``edgedefault``, unique node ids, edges whose ends are declared nodes, ``data`` elements
    that name a declared key of the right domain and hold a value of the key's type.
    """
    from defusedxml import ElementTree

    problems: list[str] = []
    ns = "{" + GRAPHML_NS + "}"
    try:
        root = ElementTree.parse(str(path)).getroot()
    except Exception as exc:  # defusedxml raises several parse error types
        return [f"not well-formed XML: {exc}"]
    if root.tag != ns + "graphml":
        return [f"root element is {root.tag}, not graphml in the GraphML namespace"]
    keys: dict[str, tuple[str, str]] = {}
    seen_graph = False
    for child in root:
        if child.tag == ns + "key":
            if seen_graph:
                problems.append("a key element follows the graph")
            key_id, domain = child.get("id"), child.get("for", "all")
            kind = child.get("attr.type", "string")
            if not key_id or key_id in keys:
                problems.append(f"key id {key_id!r} missing or repeated")
            if domain not in ("node", "edge", "graph", "all", "graphml", "hyperedge", "port", "endpoint"):
                problems.append(f"key {key_id}: for={domain!r} is not a GraphML domain")
            if kind not in ("boolean", "int", "long", "float", "double", "string"):
                problems.append(f"key {key_id}: attr.type={kind!r} is not a GraphML type")
            keys[key_id or ""] = (domain, kind)
        elif child.tag == ns + "graph":
            seen_graph = True
            if child.get("edgedefault") not in ("directed", "undirected"):
                problems.append("graph has no edgedefault of directed or undirected")
    graphs = root.findall(ns + "graph")
    if len(graphs) != 1:
        problems.append(f"{len(graphs)} graph elements, expected 1")
        return problems
    graph = graphs[0]
    node_ids: set[str] = set()
    for node in graph.iter(ns + "node"):
        node_id = node.get("id")
        if not node_id or node_id in node_ids:
            problems.append(f"node id {node_id!r} missing or repeated")
        node_ids.add(node_id or "")
        problems.extend(_check_data(node, "node", keys, ns))
    for edge in graph.iter(ns + "edge"):
        for end in ("source", "target"):
            if edge.get(end) not in node_ids:
                problems.append(f"edge {edge.get('id')}: {end} {edge.get(end)!r} is not a node")
        problems.extend(_check_data(edge, "edge", keys, ns))
    return problems


def _check_data(element, domain: str, keys: dict[str, tuple[str, str]], ns: str) -> list[str]:
    problems = []
    for data in element.findall(ns + "data"):
        key = data.get("key")
        if key not in keys:
            problems.append(f"{domain} {element.get('id')}: data key {key!r} is not declared")
            continue
        key_domain, kind = keys[key]
        if key_domain not in (domain, "all"):
            problems.append(f"{domain} {element.get('id')}: key {key} is declared for {key_domain}")
        text = data.text or ""
        try:
            if kind in ("int", "long"):
                int(text)
            elif kind in ("float", "double"):
                float(text)
            elif kind == "boolean" and text not in ("true", "false"):
                raise ValueError(text)
        except ValueError:
            problems.append(f"{domain} {element.get('id')}: {text!r} is not a {kind} for key {key}")
    return problems
