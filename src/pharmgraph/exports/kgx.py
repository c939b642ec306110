"""KGX export: Biolink 4 nodes and edges files (TSV or JSON Lines) that ``kgx validate`` accepts.

Predicates go through :func:`pharmgraph.exports.biolink.to_biolink` (``inhibits`` ->
``biolink:affects`` + ``object_direction_qualifier=decreased`` +
``object_aspect_qualifier=activity``), with the pharmgraph predicate kept as
``original_predicate`` (``pg:inhibits``). Text-mined claims are attributed to
``infores:pharmgraph`` (``knowledge_assertion``, ``text_mining_agent``); claims from an imported
source to that source, with its knowledge level and pharmgraph as aggregator. ``negated`` is
Biolink's slot. pharmgraph adds ``pharmgraph_type`` to nodes and ``evidence_count``,
``documents`` and ``evidence_text`` to edges.

:func:`validate_kgx` runs the ``kgx`` package's validator offline: the Biolink model that the
``biolink-model`` package ships replaces the copy ``bmt`` would download.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from pharmgraph.exports.biolink import ORIGINAL_PREFIX, biolink_curie, category, to_biolink
from pharmgraph.exports.rows import EdgeRow, NodeRow, edge_rows, entity_rows
from pharmgraph.identifiers import digest
from pharmgraph.store import GraphStore

PHARMGRAPH_INFORES = "infores:pharmgraph"

NODE_COLUMNS = ["id", "category", "name", "synonym", "xref", "provided_by", "pharmgraph_type"]
EDGE_COLUMNS = [
    "id",
    "subject",
    "predicate",
    "object",
    "object_direction_qualifier",
    "object_aspect_qualifier",
    "negated",
    "original_predicate",
    "primary_knowledge_source",
    "aggregator_knowledge_source",
    "knowledge_level",
    "agent_type",
    "evidence_count",
    "documents",
    "evidence_text",
]


def _flat(text: str) -> str:
    # TSV cells hold no tabs or newlines, and "|" separates list items.
    return " ".join(str(text).split()).replace("|", "/")


def node_record(node: NodeRow, node_id: str | None = None) -> dict[str, Any]:
    """Return a node as a KGX record (lists as lists), its id in Biolink's spelling."""
    return {
        "id": node_id or biolink_curie(node.id) or node.id,
        "category": [category(node.type, node.id)],
        "name": node.label,
        "synonym": list(node.synonyms),
        "xref": [x for x in (biolink_curie(x) for x in node.xrefs) if x],
        "provided_by": [PHARMGRAPH_INFORES],
        "pharmgraph_type": node.type,
    }


def edge_record(edge: EdgeRow, ids: dict[str, str] | None = None) -> dict[str, Any]:
    """Return a claim as a KGX edge record (lists as lists); ``ids`` maps CURIEs to Biolink's."""
    ids = ids or {}
    predicate, qualifiers = to_biolink(edge.predicate, edge.qualifiers)
    curated = [s for s in edge.sources if s != PHARMGRAPH_INFORES]
    texts = [d for d in edge.documents if not d.startswith("source:")]
    if curated and not texts:
        primary, aggregators = curated[0], [PHARMGRAPH_INFORES]
        level = edge.knowledge_levels[0] if edge.knowledge_levels else "not_provided"
        agent = "not_provided"
    else:
        primary, aggregators = PHARMGRAPH_INFORES, []
        level, agent = "knowledge_assertion", "text_mining_agent"
    return {
        "id": "urn:pharmgraph:" + digest(*edge.key),
        "subject": ids.get(edge.subject) or biolink_curie(edge.subject) or edge.subject,
        "predicate": predicate,
        "object": ids.get(edge.object) or biolink_curie(edge.object) or edge.object,
        "object_direction_qualifier": qualifiers.get("object_direction_qualifier", ""),
        "object_aspect_qualifier": qualifiers.get("object_aspect_qualifier", ""),
        "negated": edge.negated,
        "original_predicate": ORIGINAL_PREFIX + edge.predicate,
        "primary_knowledge_source": primary,
        "aggregator_knowledge_source": aggregators,
        "knowledge_level": level,
        "agent_type": agent,
        "evidence_count": edge.evidence_count,
        "documents": edge.documents,
        "evidence_text": edge.evidence_text(),
    }


def _tsv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list):
        return "|".join(_flat(v) for v in value)
    return _flat(value) if isinstance(value, str) else str(value)


def _write_tsv(out: IO[str], columns: list[str], records: Iterable[dict[str, Any]]) -> int:
    # KGX reads TSV without quoting (pandas, quoting=3): cells are written as they are, with
    # tabs and newlines flattened by _flat.
    out.write("\t".join(columns) + "\n")
    count = 0
    for record in records:
        out.write("\t".join(_tsv_cell(record.get(c, "")) for c in columns) + "\n")
        count += 1
    return count


def _write_jsonl(out: IO[str], records: Iterable[dict[str, Any]]) -> int:
    count = 0
    for record in records:
        clean = {k: v for k, v in record.items() if v not in ("", [], None)}
        out.write(json.dumps(clean, ensure_ascii=False) + "\n")
        count += 1
    return count


def kgx_paths(output: str | Path, jsonl: bool = False) -> tuple[Path, Path]:
    """Return the nodes and edges files for ``-o``.

    ``x_nodes.tsv`` or ``x_edges.tsv`` (``.jsonl``) name the pair ``x_nodes``/``x_edges``;
    any other path is a folder that gets ``nodes.tsv`` and ``edges.tsv`` (``.jsonl``).
    """
    output = Path(output)
    for suffix in (".tsv", ".jsonl"):
        for part in ("_nodes", "_edges"):
            if output.name.endswith(part + suffix):
                stem = output.name[: -len(part + suffix)]
                return output.with_name(f"{stem}_nodes{suffix}"), output.with_name(f"{stem}_edges{suffix}")
    suffix = ".jsonl" if jsonl else ".tsv"
    return output / f"nodes{suffix}", output / f"edges{suffix}"


def write_kgx(
    store: GraphStore, output: str | Path, jsonl: bool | None = None, keep_unregistered: bool = False
) -> dict[str, Any]:
    """Write the store as a KGX nodes/edges pair.

    Biolink tools accept only CURIEs whose prefix Biolink knows: entities with a local
    ``pharmgraph:`` id or another unknown prefix, and the claims that touch them, are left out
    and counted, unless ``keep_unregistered`` (the files then fail ``kgx validate``).

    Parameters
    ----------
    store : GraphStore
    output : path
        See :func:`kgx_paths`.
    jsonl : bool or None
        JSON Lines instead of TSV (default: from the file name, else TSV).
    keep_unregistered : bool
        Write entities whose prefix Biolink does not know, with their own CURIE.

    Returns
    -------
    dict
        ``nodes_path``, ``edges_path``, ``nodes``, ``edges``, ``left_out_nodes``,
        ``left_out_edges``.
    """
    if jsonl is None:
        jsonl = str(output).endswith(".jsonl")
    nodes_path, edges_path = kgx_paths(output, jsonl)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    jsonl = nodes_path.suffix == ".jsonl"
    ids: dict[str, str] = {}
    left_out = {"nodes": 0, "edges": 0}

    def nodes():
        for node in entity_rows(store):
            node_id = biolink_curie(node.id) or (node.id if keep_unregistered else None)
            if node_id is None:
                left_out["nodes"] += 1
                continue
            ids[node.id] = node_id
            yield node_record(node, node_id)

    def edges():
        for edge in edge_rows(store):
            if edge.subject not in ids or edge.object not in ids:
                left_out["edges"] += 1
                continue
            yield edge_record(edge, ids)

    with nodes_path.open("w", encoding="utf-8", newline="") as out:
        n_nodes = _write_jsonl(out, nodes()) if jsonl else _write_tsv(out, NODE_COLUMNS, nodes())
    with edges_path.open("w", encoding="utf-8", newline="") as out:
        n_edges = _write_jsonl(out, edges()) if jsonl else _write_tsv(out, EDGE_COLUMNS, edges())
    return {
        "nodes_path": nodes_path,
        "edges_path": edges_path,
        "nodes": n_nodes,
        "edges": n_edges,
        "left_out_nodes": left_out["nodes"],
        "left_out_edges": left_out["edges"],
    }


def _offline_kgx() -> None:
    """Point ``bmt`` and ``kgx`` at the Biolink model and prefix maps installed locally."""
    import json as _json
    from importlib import resources

    import bmt.toolkit

    schema = str(resources.files("biolink_model") / "schema" / "biolink_model.yaml")
    defaults = list(bmt.toolkit.Toolkit.__init__.__defaults__ or ())
    if defaults and defaults[0] != schema:
        bmt.toolkit.Toolkit.__init__.__defaults__ = (schema, {"predicate mappings": []})
    import kgx.config

    contexts = kgx.config.jsonld_context_map
    if "biolink" not in contexts:
        prefix_map = resources.files("biolink_model") / "prefixmaps" / "biolink_model_prefix_map.json"
        contexts["biolink"] = _json.loads(prefix_map.read_text())
    for name in ("monarch_context", "obo_context"):
        if name not in contexts:
            path = resources.files("prefixcommons") / "registry" / f"{name}.jsonld"
            contexts[name] = _json.loads(path.read_text())["@context"]


def validate_kgx(nodes: str | Path, edges: str | Path) -> dict[str, Any]:
    """Validate a KGX pair with the ``kgx`` package; return its errors (empty when valid).

    Raises
    ------
    ImportError
        When ``kgx`` is not installed.
    """
    _offline_kgx()
    from kgx.transformer import Transformer
    from kgx.validator import Validator

    fmt = "jsonl" if str(nodes).endswith(".jsonl") else "tsv"
    validator = Validator()
    transformer = Transformer(stream=True)
    transformer.transform(
        input_args={"filename": [str(nodes), str(edges)], "format": fmt},
        output_args={"format": "null"},
        inspector=validator,
    )
    return validator.get_errors()
