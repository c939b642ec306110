"""CSV files for ``neo4j-admin database import full``: one nodes file, one relationships file.

Headers follow the admin-import format: nodes ``id:ID``, ``:LABEL`` (``;``-separated: the type
group and the type, e.g. ``Target;IonChannel``) and typed properties; relationships
``:START_ID``, ``:END_ID``, ``:TYPE`` and typed properties (``negated:boolean``,
``evidence_count:int``, ``documents:string[]``). The relationship type is the predicate in
upper case (``INHIBITS``); a negated claim is ``NOT_INHIBITS`` so that a plain
``MATCH ()-[:INHIBITS]->()`` never returns what a text denies. Import with::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
"""

from __future__ import annotations

import csv
from pathlib import Path

from pharmgraph.exports.graphs import edge_values
from pharmgraph.exports.rows import NodeRow, edge_rows, entity_rows
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import type_group

NODE_HEADER = ["id:ID", "name", "type", "group", "synonyms:string[]", "xrefs:string[]", "broader:string[]", ":LABEL"]
RELATIONSHIP_HEADER = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "predicate",
    "kind",
    "sign:int",
    "role",
    "negated:boolean",
    "certainty",
    "evidence_count:int",
    "document_count:int",
    "documents:string[]",
    "evidence",
    "sources:string[]",
    "knowledge_level",
]


def _array(values: list[str]) -> str:
    # ";" separates array items in neo4j-admin import.
    return ";".join(" ".join(v.split()).replace(";", ",") for v in values)


def _text(value: str) -> str:
    return " ".join(str(value).split())


def relationship_type(predicate: str, negated: bool) -> str:
    """Return the Neo4j relationship type of a claim (``INHIBITS``, ``NOT_INHIBITS``)."""
    return ("NOT_" if negated else "") + predicate.upper()


def neo4j_paths(output: str | Path) -> tuple[Path, Path]:
    """Return the nodes and relationships files for ``-o``: ``x_nodes.csv`` /
    ``x_relationships.csv`` names the pair, anything else is a folder for ``nodes.csv`` and
    ``relationships.csv``."""
    output = Path(output)
    for part in ("_nodes.csv", "_relationships.csv"):
        if output.name.endswith(part):
            stem = output.name[: -len(part)]
            return output.with_name(f"{stem}_nodes.csv"), output.with_name(f"{stem}_relationships.csv")
    return output / "nodes.csv", output / "relationships.csv"


def write_neo4j(store: GraphStore, output: str | Path) -> tuple[Path, Path, int, int]:
    """Write the store as neo4j-admin import CSV; return the two paths and the counts."""
    nodes_path, rels_path = neo4j_paths(output)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    nodes: dict[str, NodeRow] = {}
    with nodes_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(NODE_HEADER)
        for node in entity_rows(store):
            nodes[node.id] = node
            group = type_group(node.type)
            labels = [group] if group == node.type else [group, node.type]
            writer.writerow(
                [node.id, _text(node.label), node.type, group, _array(node.synonyms), _array(node.xrefs),
                 _array(node.broader), ";".join(labels)]
            )
    count = 0
    with rels_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(RELATIONSHIP_HEADER)
        for edge in edge_rows(store):
            values = edge_values(edge, nodes)
            writer.writerow(
                [edge.subject, edge.object, relationship_type(edge.predicate, edge.negated), edge.predicate,
                 values["kind"], values["sign"], values["role"], "true" if edge.negated else "false",
                 edge.certainty, edge.evidence_count, len(edge.documents), _array(edge.documents),
                 _text(values["evidence"]), _array(edge.sources), values["knowledge_level"]]
            )
            count += 1
    return nodes_path, rels_path, len(nodes), count
