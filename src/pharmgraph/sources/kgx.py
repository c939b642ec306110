"""KGX files (Biolink nodes and edges, as TSV or JSON Lines) as pharmgraph statements.

A KGX graph is a nodes file and an edges file: ``*_nodes.tsv``/``*_edges.tsv`` (lists
separated by ``|``) or ``*_nodes.jsonl``/``*_edges.jsonl``. Biolink predicates and qualifiers
map back onto pharmgraph predicates with :func:`pharmgraph.exports.biolink.from_biolink`
(``biolink:affects`` + ``decreased`` + ``activity`` -> ``inhibits``; ``original_predicate``
``pg:blocks`` -> ``blocks``), categories onto types with
:func:`~pharmgraph.exports.biolink.from_category` (or the ``pharmgraph_type`` column
pharmgraph's own export writes). Each edge's evidence is the edge record: its
``primary_knowledge_source`` (``infores:<name>`` when missing), its ``id`` (or
``subject|predicate|object``), its ``knowledge_level``; ``negated`` edges stay negated.

Examples
--------
>>> nodes = {"CHEBI:6367": Entity("CHEBI:6367", "lamotrigine", "Drug"),
...          "NCBIGene:6323": Entity("NCBIGene:6323", "SCN1A", "Protein")}
>>> edge = {"subject": "CHEBI:6367", "predicate": "biolink:affects", "object": "NCBIGene:6323",
...         "object_direction_qualifier": "decreased", "object_aspect_qualifier": "activity"}
>>> [s] = process_edges([edge], nodes, name="kgx-demo")
>>> s.predicate, s.evidence[0].source, s.evidence[0].document
('inhibits', 'infores:kgx-demo', 'source:kgx-demo')
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pharmgraph.errors import InputError
from pharmgraph.exports.biolink import from_biolink, from_biolink_curie, from_category
from pharmgraph.model import Entity, Statement
from pharmgraph.sources.records import (
    KNOWLEDGE_LEVELS,
    ImportSummary,
    Resolver,
    record_evidence,
    source_document,
    timed,
    write_source,
)
from pharmgraph.vocabulary import ENTITY_TYPES

_LIST_FIELDS = {"category", "synonym", "xref", "publications", "provided_by", "aggregator_knowledge_source"}
_TRUE = {"true", "1", "yes", "t"}


def _field_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value if str(v)]
    return [v for v in str(value).split("|") if v]


def _first(value: Any) -> str | None:
    items = _field_list(value)
    return items[0] if items else None


def _curie(value: str) -> str:
    try:
        return from_biolink_curie(value)
    except ValueError:
        return value.strip()


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the rows of a KGX TSV or JSON Lines file as dicts (lists kept as ``|`` text in TSV).

    Raises
    ------
    InputError
        When the file is missing or a JSON line is malformed.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    with handle:
        if path.name.endswith(".jsonl") or path.name.endswith(".json"):
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}, line {lineno}: not valid JSON ({exc.msg}).") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}, line {lineno}: a KGX record must be a JSON object.")
                yield row
        else:
            csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
            # KGX writes TSV without quoting: a quote is an ordinary character.
            yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def node_entity(row: Mapping[str, Any]) -> Entity:
    """Return the entity of one KGX node row."""
    curie = _curie(str(row.get("id") or ""))
    if not curie:
        raise ValueError("a KGX node needs an id")
    kind = str(row.get("pharmgraph_type") or "")
    if kind not in ENTITY_TYPES:
        kind = from_category(_field_list(row.get("category")))
    xrefs = tuple(_curie(x) for x in _field_list(row.get("xref")) if ":" in x and _curie(x) != curie)
    return Entity(curie, str(row.get("name") or curie), kind, synonyms=tuple(_field_list(row.get("synonym"))), xrefs=xrefs)


def read_nodes(path: str | Path) -> dict[str, Entity]:
    """Read a KGX nodes file into entities by their id as written in the file."""
    nodes: dict[str, Entity] = {}
    for lineno, row in enumerate(read_records(path), start=2):
        try:
            nodes[str(row.get("id") or "").strip()] = node_entity(row)
        except ValueError as exc:
            raise InputError(f"{path}, record {lineno - 1}: {exc}.") from None
    return nodes


def process_edges(
    edges: Iterable[Mapping[str, Any]],
    nodes: Mapping[str, Entity],
    name: str,
    skipped: Counter | None = None,
) -> Iterator[Statement]:
    """Turn KGX edge rows into statements with record evidence.

    Parameters
    ----------
    edges : iterable of mapping
        KGX edge rows (``subject``, ``predicate``, ``object``, qualifiers, provenance).
    nodes : mapping
        Node id -> entity (:func:`read_nodes`); ids missing from it become plain entities.
    name : str
        The source's name: its graph is ``source:<name>``; edges without a
        ``primary_knowledge_source`` are attributed to ``infores:<name>``.
    skipped : Counter or None
        Counts edges left out, by reason.
    """
    skipped = skipped if skipped is not None else Counter()
    for edge in edges:
        subject_id, object_id = str(edge.get("subject") or "").strip(), str(edge.get("object") or "").strip()
        predicate = str(edge.get("predicate") or "").strip()
        if not subject_id or not object_id or not predicate:
            skipped["edge without subject, predicate or object"] += 1
            continue
        mapped = from_biolink(predicate, {k: _first(v) if k in _LIST_FIELDS else v for k, v in edge.items()})
        if mapped is None:
            skipped[f"unmapped {predicate}"] += 1
            continue
        ours, reverse, qualifiers = mapped
        subject = nodes.get(subject_id) or Entity(_curie(subject_id), subject_id)
        obj = nodes.get(object_id) or Entity(_curie(object_id), object_id)
        level = str(edge.get("knowledge_level") or "") or None
        if level not in KNOWLEDGE_LEVELS:
            level = "not_provided" if level else None
        record = str(edge.get("id") or "") or f"{subject_id}|{predicate}|{object_id}"
        source = _first(edge.get("primary_knowledge_source")) or f"infores:{name}"
        text = f"KGX edge {record}: {subject.label} {predicate.split(':', 1)[-1]} {obj.label}."
        evidence = record_evidence(
            name, text, source=source, record=record, knowledge_level=level,
            references=tuple(_field_list(edge.get("publications"))),
        )
        negated = str(edge.get("negated") or "").strip().lower() in _TRUE or edge.get("negated") is True
        if reverse:
            subject, obj = obj, subject
        yield Statement(subject, ours, obj, negated=negated, qualifiers=qualifiers, evidence=(evidence,))


def find_files(paths: Iterable[str | Path]) -> tuple[Path, Path]:
    """Return the nodes and edges files for a folder, one of the two files, or both.

    Raises
    ------
    InputError
        When the pair cannot be found.
    """
    given = [Path(p) for p in paths]
    if not given:
        raise InputError("Give a KGX folder, or its nodes and edges files.")
    for path in given:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder.")
    if len(given) == 1 and given[0].is_dir():
        files = sorted(p for p in given[0].iterdir() if p.suffix in (".tsv", ".jsonl"))
    elif len(given) == 1:
        other = Path(re.sub(r"nodes(?=[^/]*$)", "edges", str(given[0])))
        if other == given[0]:
            other = Path(re.sub(r"edges(?=[^/]*$)", "nodes", str(given[0])))
        files = [given[0], other]
    else:
        files = given
    nodes = next((p for p in files if "nodes" in p.name and p.exists()), None)
    edges = next((p for p in files if "edges" in p.name and p.exists()), None)
    if nodes is None or edges is None:
        raise InputError(
            f"{given[0]}: no KGX nodes and edges pair (files named *nodes*.tsv|jsonl and *edges*.tsv|jsonl)."
        )
    return nodes, edges


def default_name(nodes_file: Path) -> str:
    """Return the source name for a KGX file: ``kgx-<stem>`` (``graph_nodes.tsv`` -> ``kgx-graph``)."""
    stem = re.sub(r"[_.-]?nodes$", "", nodes_file.name.split(".")[0]) or nodes_file.parent.name
    return "kgx-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "graph")


def read_kgx(
    paths: Iterable[str | Path],
    name: str | None = None,
    skipped: Counter | None = None,
    counter: Callable[[], None] | None = None,
) -> Iterator[Statement]:
    """Yield the statements of a KGX graph (see :func:`find_files`)."""
    nodes_file, edges_file = find_files(paths)
    nodes = read_nodes(nodes_file)
    edges: Iterable[Mapping[str, Any]] = read_records(edges_file)
    if counter is not None:
        edges = _counting(edges, counter)
    yield from process_edges(edges, nodes, name or default_name(nodes_file), skipped)


def _counting(items: Iterable, counter: Callable[[], None]) -> Iterator:
    for item in items:
        counter()
        yield item


def import_source(
    store,
    paths: Iterable[str | Path] | str | Path,
    name: str | None = None,
    *,
    resolve: Resolver | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import a KGX graph, replacing the ``source:<name>`` graph whole.

    Parameters
    ----------
    store : GraphStore
    paths : path or iterable of paths
        A folder holding one KGX pair, one of its two files, or both.
    name : str or None
        The source's name (default :func:`default_name` of the nodes file).
    """
    start = time.perf_counter()
    if isinstance(paths, str | Path):
        paths = [paths]
    paths = list(paths)
    nodes_file, _ = find_files(paths)
    name = name or default_name(nodes_file)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise InputError(f"{name!r} is not a usable source name; use letters, digits, '.', '_' and '-'.")
    document = source_document(name)
    summary = ImportSummary(name, document, str(paths[0]))

    def count() -> None:
        summary.records += 1

    statements = read_kgx(paths, name, summary.skipped, count)
    summary.statements = write_source(store, document, statements, resolve=resolve, progress=progress)
    return timed(summary, start)
