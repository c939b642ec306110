"""Hetionet v1.0: its nodes table and SIF edge files as pharmgraph statements.

Hetionet node ids are ``<Kind>::<identifier>``; each kind maps onto a CURIE prefix and an
entity type (:data:`NODE_KINDS`). Each metaedge maps onto a pharmgraph predicate, a direction
and a Biolink knowledge level (:data:`METAEDGES`); metaedges with no faithful pharmgraph
predicate are skipped and counted. The choices, in short:

* ``CbG`` (binds) stays ``binds``: Hetionet merges DrugBank targets, enzymes, transporters and
  carriers with BindingDB affinities and does not say which an edge is, so the importer does
  not guess ``metabolised_by``. :func:`pharmgraph.vocabulary.target_role` reads the role from
  the gene's family instead (CYP3A4 -> metabolism, ABCB1 -> transport, ALB -> carrier); genes
  in a drug-metabolising or drug-transporter family are typed ``Enzyme`` or ``Transporter``.
* ``CuG``/``CdG``, ``DuG``/``DdG`` (LINCS and disease expression signatures) become
  ``increases``/``decreases`` with the qualifier ``object_aspect=expression``; ``Gr>G``
  (knock-down signatures) becomes ``affects`` with the same qualifier.
* ``CtD`` is ``treats``; ``CpD`` (palliates) is ``treats`` with ``intent=palliative``.
* ``CcSE`` is ``causes_adverse_event``; ``DpS`` (presents) is ``causes``.
* ``DaG`` (associates) becomes gene ``contributes_to`` disease, flagged
  ``statistical_association``: an association, read in the gene-to-disease direction that
  mechanism paths follow.
* ``GpBP`` and ``GpPW`` are ``participates_in``; ``GiG`` is ``interacts_with``; ``PCiC``
  (class includes compound) is compound ``part_of`` class.
* ``GiG`` and ``Gr>G`` (:data:`GENE_GENE`), ``CuG`` and ``CdG`` (:data:`SIGNATURES`) are
  mapped but imported only when asked for.
* Skipped: ``AdG``, ``AeG``, ``AuG`` (anatomy expression), ``DlA`` (localises), ``CrC``,
  ``DrD`` (resemblance), ``GcG`` (covariation), ``GpCC``, ``GpMF`` (cellular component,
  molecular function).

Examples
--------
>>> nodes = {"Compound::DB00555": node_entity("Compound::DB00555", "Lamotrigine"),
...          "Gene::1576": node_entity("Gene::1576", "CYP3A4")}
>>> [s] = process_edges([("Compound::DB00555", "CbG", "Gene::1576")], nodes)
>>> s.subject.id, s.predicate, s.object.id, s.object.type
('drugbank:DB00555', 'binds', 'NCBIGene:1576', 'Enzyme')
>>> s.evidence[0].record, s.evidence[0].source
('Compound::DB00555|CbG|Gene::1576', 'infores:hetionet')
"""

from __future__ import annotations

import csv
import gzip
import io
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.identifiers import canonical_curie, local_id
from pharmgraph.model import Entity, Statement
from pharmgraph.sources.records import (
    ImportSummary,
    Resolver,
    record_evidence,
    source_document,
    timed,
    write_source,
)
from pharmgraph.vocabulary import label_role

NAME = "hetionet"
INFORES = "infores:hetionet"
VERSION = "1.0"
DOCUMENT = source_document(NAME)

#: Hetionet node kind -> (CURIE prefix, pharmgraph entity type). ``None`` as prefix: the id
#: already is a CURIE (GO, DOID, UBERON).
NODE_KINDS: dict[str, tuple[str | None, str]] = {
    "Compound": ("drugbank", "Drug"),
    "Gene": ("NCBIGene", "Protein"),
    "Disease": (None, "Disease"),
    "Side Effect": ("UMLS", "AdverseEvent"),
    "Biological Process": (None, "BiologicalProcess"),
    "Molecular Function": (None, "Entity"),
    "Cellular Component": (None, "Entity"),
    "Pathway": ("pathway", "BiologicalProcess"),
    "Pharmacologic Class": ("ndfrt", "DrugClass"),
    "Anatomy": (None, "Entity"),
    # MeSH symptoms (seizures, tremor): typed as the lexicon types the same MeSH terms.
    "Symptom": ("mesh", "Disease"),
}


@dataclass(frozen=True)
class EdgeMapping:
    """How one Hetionet metaedge becomes a statement."""

    predicate: str
    verb: str
    knowledge_level: str
    reverse: bool = False
    qualifiers: tuple[tuple[str, str], ...] = ()


_EXPRESSION = (("object_aspect", "expression"),)

#: Metaedge abbreviation -> mapping, or ``None`` for metaedges that are not imported.
METAEDGES: dict[str, EdgeMapping | None] = {
    "CbG": EdgeMapping("binds", "binds", "knowledge_assertion"),
    "CuG": EdgeMapping("increases", "upregulates", "statistical_association", qualifiers=_EXPRESSION),
    "CdG": EdgeMapping("decreases", "downregulates", "statistical_association", qualifiers=_EXPRESSION),
    "CtD": EdgeMapping("treats", "treats", "knowledge_assertion"),
    "CpD": EdgeMapping("treats", "palliates", "knowledge_assertion", qualifiers=(("intent", "palliative"),)),
    "CcSE": EdgeMapping("causes_adverse_event", "causes", "knowledge_assertion"),
    "CrC": None,
    "PCiC": EdgeMapping("part_of", "includes", "knowledge_assertion", reverse=True),
    "DaG": EdgeMapping("contributes_to", "associates", "statistical_association", reverse=True),
    "DuG": EdgeMapping("increases", "upregulates", "statistical_association", qualifiers=_EXPRESSION),
    "DdG": EdgeMapping("decreases", "downregulates", "statistical_association", qualifiers=_EXPRESSION),
    "DpS": EdgeMapping("causes", "presents", "statistical_association"),
    "DlA": None,
    "DrD": None,
    "GpBP": EdgeMapping("participates_in", "participates in", "knowledge_assertion"),
    "GpPW": EdgeMapping("participates_in", "participates in", "knowledge_assertion"),
    "GpCC": None,
    "GpMF": None,
    "GiG": EdgeMapping("interacts_with", "interacts with", "knowledge_assertion"),
    "GcG": None,
    "Gr>G": EdgeMapping("affects", "regulates", "statistical_association", qualifiers=_EXPRESSION),
    "AdG": None,
    "AeG": None,
    "AuG": None,
}

GENE_GENE = ("GiG", "Gr>G")
"""Mapped metaedges left out unless asked for: 413 k gene-gene edges, five times the rest,
that answer no drug question and would make every path search wander through the interactome."""

SIGNATURES = ("CuG", "CdG")
"""Compound expression signatures (LINCS L1000: the genes whose expression a compound raises or
lowers in cell lines), also left out unless asked for. They are not targets: beside ``binds``
they would make ``shared-targets`` count 40 k expression changes as shared targets, and
mechanism chains start on a gene the drug merely changes the expression of."""

DEFAULT_METAEDGES = tuple(k for k, v in METAEDGES.items()
                          if v is not None and k not in GENE_GENE + SIGNATURES)
"""What ``pharmgraph import hetionet`` imports by default (``--metaedges all`` adds
:data:`GENE_GENE` and :data:`SIGNATURES`)."""

NODES_FILE = "hetionet-v1.0-nodes.tsv"


def node_curie(node_id: str) -> str:
    """Return the CURIE of a Hetionet node id (``Compound::DB00555`` -> ``drugbank:DB00555``).

    Raises
    ------
    ValueError
        For an id that is not ``<Kind>::<identifier>`` of a known kind.

    Examples
    --------
    >>> node_curie("Gene::6323"), node_curie("Disease::DOID:1826"), node_curie("Symptom::D012640")
    ('NCBIGene:6323', 'DOID:1826', 'mesh:D012640')
    >>> node_curie("Pathway::WP100_r74146"), node_curie("Pathway::PC7_10399")
    ('wikipathways:WP100', 'pharmgraph:hetionet_pathway_pc7_10399')
    """
    kind, sep, ident = node_id.partition("::")
    if not sep or kind not in NODE_KINDS or not ident:
        raise ValueError(f"{node_id!r} is not a Hetionet node id (Kind::identifier)")
    prefix = NODE_KINDS[kind][0]
    if prefix is None:
        return canonical_curie(ident)
    if prefix == "pathway":
        # WikiPathways ids carry a revision (WP100_r74146); Pathway Commons v7 ids have no
        # registered prefix and become local ids.
        if ident.startswith("WP"):
            return "wikipathways:" + ident.split("_", 1)[0]
        return local_id(f"hetionet pathway {ident}")
    return canonical_curie(f"{prefix}:{ident}")


def node_entity(node_id: str, name: str) -> Entity:
    """Return the entity of a Hetionet node.

    Genes in a drug-metabolising enzyme family are typed ``Enzyme``, genes in a drug-transporter
    family ``Transporter`` (see :func:`pharmgraph.vocabulary.label_role`), other genes
    ``Protein``.
    """
    kind = node_id.partition("::")[0]
    curie = node_curie(node_id)
    kind_type = NODE_KINDS[kind][1]
    if kind == "Gene":
        kind_type = {"metabolism": "Enzyme", "transport": "Transporter"}.get(label_role(name) or "", "Protein")
    return Entity(curie, name or curie, kind_type)


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def read_nodes(path: str | Path) -> dict[str, Entity]:
    """Read Hetionet's nodes table (``id``, ``name``, ``kind``) into entities by node id.

    Raises
    ------
    InputError
        When the file is missing or is not a Hetionet nodes table.
    """
    path = Path(path)
    nodes: dict[str, Entity] = {}
    try:
        with _open_text(path) as handle:
            reader = csv.reader(handle, delimiter="\t")
            header = [h.strip() for h in next(reader, [])]
            if header[:3] != ["id", "name", "kind"]:
                raise InputError(f"{path}: not a Hetionet nodes table (expected the columns id, name, kind).")
            for lineno, row in enumerate(reader, start=2):
                if not row:
                    continue
                node_id, name = row[0].strip(), row[1].strip() if len(row) > 1 else ""
                try:
                    nodes[node_id] = node_entity(node_id, name)
                except ValueError as exc:
                    raise InputError(f"{path}, line {lineno}: {exc}.") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as a Hetionet nodes table ({exc}).") from None
    return nodes


def read_edges(path: str | Path) -> Iterator[tuple[str, str, str]]:
    """Yield ``(source, metaedge, target)`` from a Hetionet SIF file (gzipped or not).

    Raises
    ------
    InputError
        When the file is missing or has no ``source, metaedge, target`` header.
    """
    path = Path(path)
    try:
        with _open_text(path) as handle:
            reader = csv.reader(handle, delimiter="\t")
            header = [h.strip() for h in next(reader, [])]
            if header[:3] != ["source", "metaedge", "target"]:
                raise InputError(f"{path}: not a Hetionet SIF file (expected the columns source, metaedge, target).")
            for row in reader:
                if len(row) >= 3:
                    yield row[0].strip(), row[1].strip(), row[2].strip()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as a Hetionet SIF file ({exc}).") from None


def process_edges(
    edges: Iterable[tuple[str, str, str]],
    nodes: dict[str, Entity],
    metaedges: Iterable[str] | None = None,
    skipped: Counter | None = None,
    version: str = VERSION,
) -> Iterator[Statement]:
    """Turn Hetionet edges into statements with record evidence.

    Parameters
    ----------
    edges : iterable of (source, metaedge, target)
    nodes : dict
        Node id -> entity (:func:`read_nodes`).
    metaedges : iterable of str or None
        Only these metaedge abbreviations (default: every mapped one).
    skipped : Counter or None
        Counts the edges left out, by reason (``unmapped GcG``, ``unknown node``...).
    version : str
        The Hetionet version recorded on the evidence.
    """
    wanted = set(metaedges) if metaedges is not None else None
    skipped = skipped if skipped is not None else Counter()
    for source, metaedge, target in edges:
        mapping = METAEDGES.get(metaedge)
        if mapping is None:
            skipped[f"{'unmapped' if metaedge in METAEDGES else 'unknown metaedge'} {metaedge}"] += 1
            continue
        if wanted is not None and metaedge not in wanted:
            skipped[f"not selected {metaedge}"] += 1
            continue
        subject, obj = nodes.get(source), nodes.get(target)
        if subject is None or obj is None:
            skipped["unknown node"] += 1
            continue
        text = f"Hetionet {version} {metaedge} edge: {subject.label} {mapping.verb} {obj.label}."
        evidence = record_evidence(
            NAME,
            text,
            source=INFORES,
            record=f"{source}|{metaedge}|{target}",
            version=version,
            knowledge_level=mapping.knowledge_level,
        )
        if mapping.reverse:
            subject, obj = obj, subject
        yield Statement(subject, mapping.predicate, obj, qualifiers=mapping.qualifiers, evidence=(evidence,))


def find_files(path: str | Path) -> tuple[Path, list[Path]]:
    """Return the nodes table and the SIF edge files for a folder or a SIF file.

    A folder gives its ``hetionet-v1.0-nodes.tsv`` (or ``*nodes*.tsv``) and every ``*.sif``
    or ``*.sif.gz`` in it; a SIF file gives itself and the nodes table beside it.

    Raises
    ------
    InputError
        When the path does not exist or no nodes table or edge file is found.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder.")
    folder = path if path.is_dir() else path.parent
    if path.is_dir():
        edges = sorted(p for p in folder.iterdir() if p.name.endswith((".sif", ".sif.gz")))
    else:
        edges = [path]
    nodes = folder / NODES_FILE
    if not nodes.exists():
        candidates = sorted(p for p in folder.iterdir() if "nodes" in p.name and p.name.endswith((".tsv", ".tsv.gz")))
        if not candidates:
            raise InputError(f"{folder}: no Hetionet nodes table ({NODES_FILE}) beside the edges.")
        nodes = candidates[0]
    if not edges:
        raise InputError(f"{folder}: no Hetionet edge file (*.sif or *.sif.gz).")
    return nodes, edges


def _unique(edge_files: Iterable[Path]) -> Iterator[tuple[str, str, str]]:
    """Yield the edges of several SIF files, each edge once (the 5k sample repeats edges)."""
    files = list(edge_files)
    if len(files) == 1:
        yield from read_edges(files[0])
        return
    seen: set[int] = set()
    for file in files:
        for edge in read_edges(file):
            key = hash(edge)
            if key in seen:
                continue
            seen.add(key)
            yield edge


def read_hetionet(
    path: str | Path,
    metaedges: Iterable[str] | None = None,
    skipped: Counter | None = None,
    counter: Callable[[], None] | None = None,
) -> Iterator[Statement]:
    """Yield the statements of a Hetionet folder or SIF file (see :func:`find_files`)."""
    nodes_file, edge_files = find_files(path)
    nodes = read_nodes(nodes_file)
    edges: Iterable[tuple[str, str, str]] = _unique(edge_files)
    if counter is not None:
        edges = _counting(edges, counter)
    yield from process_edges(edges, nodes, metaedges=metaedges, skipped=skipped)


def _counting(items: Iterable, counter: Callable[[], None]) -> Iterator:
    for item in items:
        counter()
        yield item


def check_metaedges(metaedges: Iterable[str]) -> list[str]:
    """Return the metaedges if each is one pharmgraph imports (``all``: every mapped one).

    Raises
    ------
    InputError
        Naming the first unknown or unmapped metaedge.
    """
    chosen = list(metaedges)
    if "all" in chosen:
        return [k for k, v in METAEDGES.items() if v is not None]
    for name in chosen:
        if name not in METAEDGES:
            raise InputError(f"{name!r} is not a Hetionet metaedge; known: {', '.join(METAEDGES)}.")
        if METAEDGES[name] is None:
            mapped = ", ".join(k for k, v in METAEDGES.items() if v)
            raise InputError(f"{name} has no pharmgraph predicate and is not imported; choose among {mapped}.")
    return chosen


def import_source(
    store,
    path: str | Path,
    metaedges: Iterable[str] | None = None,
    *,
    resolve: Resolver | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import Hetionet into the store, replacing the ``source:hetionet`` graph whole.

    Parameters
    ----------
    store : GraphStore
    path : str or Path
        The Hetionet folder (nodes table + SIF files) or one SIF file.
    metaedges : iterable of str or None
        Only these metaedges (``["CbG", "CtD"]``, ``["all"]`` for every mapped one); by
        default :data:`DEFAULT_METAEDGES`.
    resolve : callable or None
        Grounding applied to the statements before they are stored.
    progress : callable or None
        Called with the number of statements written so far.

    Returns
    -------
    ImportSummary
    """
    start = time.perf_counter()
    metaedges = check_metaedges(metaedges) if metaedges is not None else list(DEFAULT_METAEDGES)
    summary = ImportSummary(NAME, DOCUMENT, str(path), version=VERSION)

    def count() -> None:
        summary.records += 1

    statements = read_hetionet(path, metaedges, skipped=summary.skipped, counter=count)
    summary.statements = write_source(
        store, DOCUMENT, statements, source=INFORES, version=VERSION, resolve=resolve, progress=progress
    )
    return timed(summary, start)
