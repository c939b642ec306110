"""Leaner RDF models for statements, each measured beside the current one (issue 13, item 2).

The same statements are written under each candidate model, bulk-loaded into a fresh Oxigraph
store on disk, and asked the same questions, each written for the model. Two workloads:

* ``records``: Hetionet-shaped database records made from the SIF edges in
  ``../shared/corpora/hetionet`` as ``benchmarks/hetionet_scale.py`` makes them (one record
  evidence each, source ``infores:hetionet``, 10,000 statements a document); one statement in
  ``--negated-every`` is marked negated so that question (c) has rows;
* ``text``: statements that :func:`pharmgraph.extract.extract_document` reads in the first
  ``--abstracts`` DrugProt *training* abstracts (one graph per abstract), repeated
  ``--copies`` times under other document names to reach a measurable size (same shape:
  sentences shared by several statements, negated and hedged ones, offsets, confidence).

Models (``--models``; ``current`` is always run, as the baseline):

``current``
    :func:`pharmgraph.rdf.oxigraph_quads`, the code that ships.
``star``
    ``current`` with the claim as an RDF 1.2 triple term, ``?st rdf:reifies <<( S P O )>>``,
    instead of ``rdf:type pg:Statement`` and ``rdf:subject/predicate/object``. (pyoxigraph 0.5
    is RDF 1.2: a triple term may only be an object, so RDF-star's ``<< S P O >> pg:x y``
    with the triple as subject cannot be stored; the reifier is its RDF 1.2 form.)
``lean``
    reification without the triples other triples imply (``rdf:type pg:Statement``,
    ``pg:statedIn`` = the graph, ``rdf:type pg:Evidence``, ``prov:wasDerivedFrom`` = the
    graph), without defaults (``pg:negated false``, ``pg:certainty "asserted"``, empty
    sentences), and with the values every evidence of a document shares (``pg:extractor``,
    ``pg:source``, ``pg:sourceVersion``, ``pg:knowledgeLevel``) stated once on the document
    node (on each evidence when they differ within the document).
``shared``
    ``lean`` with one evidence node per sentence, shared by the statements read in it; the
    extractor's confidence moves to the statement node (text workload only: a record is
    the evidence of one statement).
``flat``
    ``lean`` with the evidence of a statement written on the statement node itself when the
    statement has one evidence in the document (a record id, or a sentence with its offsets):
    no evidence node; statements with several evidence keep evidence nodes.
``star-flat``
    ``flat`` with the claim as a triple term (``rdf:reifies``).
``flat-once``
    ``flat`` with each entity described once per store, in one graph
    (``https://w3id.org/pharmgraph/entities``), instead of in every document graph that
    mentions it.
``flat-once-nq`` (any model but ``current`` with ``-nq``)
    the same quads written as N-Quads text by the same triple code (a term factory of
    strings) and loaded with ``Store.bulk_load``: the writer, not the model, differs.

Every model keeps the plain triple ``S pg:<predicate> O`` for non-negated statements, and
all but ``flat-once`` the entities' descriptions per document graph. Figures per model and
workload:

* quads per statement, and how many of them describe entities;
* bytes of the store on disk after the bulk load and ``flush()`` (what pharmgraph leaves),
  and after ``optimize()``;
* Python time to generate the quads;
* ingest time (generation streamed into ``Store.bulk_extend``, or ``Store.bulk_load`` for
  ``-nq``) with its CPU time over all threads, and the loader's share of the wall time;
* peak memory of the process, and how much ingest added to it;
* the best of ``--repeat`` runs of the questions, each answer checked against the
  baseline's.

The questions:

(a) the shared targets of one drug (plain triples, negated statements excluded);
(b) the evidence (sentences or records) of the rows of (a): the drug's target claims and up
    to ``--claims`` claims of the drugs sharing them, found by claim;
(b') the same evidence found by the statement IRIs pharmgraph mints (how
    ``LocalGraph.load_evidence`` reads it);
(c) the negated statements about a drug;
(d) records only: every statement of one source with its record id;
(e) the counts ``stats`` shows: statements, negated, hedged.

The ``flat-once`` questions are also asked of the ``current`` store. This checks that
readers of the new model read stores written today (``--no-v1-check`` skips it). The
header of each workload gives the cost of reading its statements back from JSON Lines with
:func:`pharmgraph.model.read_jsonl`, measured on a sample.

Each model runs in a fresh process (so that peak memory is its own). Usage::

    nice .venv/bin/python benchmarks/rdf_models.py                  # 3.5 minutes, loaded
    nice .venv/bin/python benchmarks/rdf_models.py --records 200000 --copies 20
    nice .venv/bin/python benchmarks/rdf_models.py --workloads records --models current,flat
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import itertools
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent / ".." / "shared" / "corpora"
HETIONET = CORPORA / "hetionet"
DRUGPROT = CORPORA / "drugprot" / "training" / "drugprot_training_abstracs.tsv"
SIF_EDGES = 770_182
"""Edges in the 18-metaedge SIF file (to pick a sampling fraction)."""

MODELS = ("current", "star", "lean", "shared", "flat", "star-flat", "flat-once", "flat-once-nq")
"""The models run by default; any of them but ``current`` also with ``-nq`` (written as
N-Quads text by this script and loaded with ``Store.bulk_load`` instead of pyoxigraph terms
and ``Store.bulk_extend``)."""
TEXT_ONLY = {"shared"}
QUESTIONS = ("a", "b", "b'", "c", "d", "e")
HETIONET_SOURCE = "infores:hetionet"
CONSTANTS = ("extractor", "source", "source_version", "knowledge_level")
"""Evidence fields that ``lean`` states once per document when its evidence share them."""


# -- workloads -----------------------------------------------------------------------------
def record_statements(count: int, negated_every: int, per_document: int = 10_000) -> list:
    """Return ``count`` Hetionet-shaped statements with record evidence, one in
    ``negated_every`` marked negated."""
    sys.path.insert(0, str(HERE))
    import hetionet_scale

    fraction = min(1.0, 1.05 * count / SIF_EDGES)
    made = itertools.islice(hetionet_scale.statements(HETIONET, fraction, per_document), count)
    return [
        dataclasses.replace(s, negated=True) if negated_every and i % negated_every == negated_every - 1 else s
        for i, s in enumerate(made)
    ]


def text_statements(abstracts: int, copies: int) -> list:
    """Return the statements extracted from the first ``abstracts`` DrugProt training
    abstracts, repeated ``copies`` times under other document names (``name~k``)."""
    from pharmgraph.documents.plaintext import parse_text
    from pharmgraph.extract import extract_document
    from pharmgraph.lexicon import default_lexicon

    lexicon = default_lexicon()
    read: list = []
    with open(DRUGPROT, encoding="utf-8") as handle:
        for line in itertools.islice(handle, abstracts):
            pmid, title, abstract = line.rstrip("\n").split("\t")
            doc = parse_text(f"{title}\n\n{abstract}", name=f"drugprot/{pmid}")
            read.extend(extract_document(doc, lexicon))
    out = list(read)
    for k in range(1, copies):
        for s in read:
            out.append(dataclasses.replace(s, evidence=tuple(
                dataclasses.replace(e, document=f"{e.document}~{k}") for e in s.evidence)))
    return out


# -- models --------------------------------------------------------------------------------
def _constants(document: str, statements: list) -> dict[str, Any]:
    """The evidence fields of :data:`CONSTANTS` that all evidence of a document share."""
    seen: dict[str, set] = defaultdict(set)
    for stmt in statements:
        for ev in stmt.evidence:
            if ev.document == document:
                for name in CONSTANTS:
                    seen[name].add(getattr(ev, name))
    return {n: next(iter(v)) for n, v in seen.items() if len(v) == 1 and next(iter(v))}


def model_triples(name: str, document: str, statements: list, t, entities: bool = True) -> Iterator[tuple]:
    """Yield the triples of one document graph under a candidate model (not ``current``);
    the entities' descriptions only with ``entities``."""
    from pyoxigraph import Triple

    from pharmgraph.identifiers import digest, entity_iri
    from pharmgraph.rdf import (
        PG,
        PROV,
        RDF,
        UNATTRIBUTED,
        document_iri,
        document_triples,
        entity_triples,
        evidence_iri,
        statement_iri,
    )

    star = name.startswith("star")
    lean = name != "star"
    flat = "flat" in name
    shared = name == "shared"
    a = t.node(RDF + "type")
    doc_node = t.node(document_iri(document))
    constants = _constants(document, statements) if lean else {}
    yield from document_triples(document, t)
    properties = {"extractor": "extractor", "source": "source", "source_version": "sourceVersion",
                  "knowledge_level": "knowledgeLevel"}
    for field, value in constants.items():
        obj = t.node(entity_iri(value)) if field == "source" else t.lit(value)
        yield doc_node, t.node(PG + properties[field]), obj
    subject_p, predicate_p, object_p = t.node(RDF + "subject"), t.node(RDF + "predicate"), t.node(RDF + "object")
    reifies = t.node(RDF + "reifies")
    has_evidence = t.node(PG + "hasEvidence")
    for stmt in statements:
        if entities:
            yield from entity_triples(stmt.subject, t)
            yield from entity_triples(stmt.object, t)
        node_iri = statement_iri(stmt, document)
        node = t.node(node_iri)
        subject = t.node(entity_iri(stmt.subject.id))
        obj = t.node(entity_iri(stmt.object.id))
        predicate = t.node(PG + stmt.predicate)
        if star:
            yield node, reifies, getattr(t, "triple", Triple)(subject, predicate, obj)
        else:
            yield node, subject_p, subject
            yield node, predicate_p, predicate
            yield node, object_p, obj
        if stmt.negated or not lean:
            yield node, t.node(PG + "negated"), t.lit(stmt.negated)
        if stmt.certainty != "asserted" or not lean:
            yield node, t.node(PG + "certainty"), t.lit(stmt.certainty)
        if not lean:
            yield node, t.node(PG + "statedIn"), doc_node
        for key, value in stmt.qualifiers:
            qnode = t.node(f"{node_iri}/qualifier/{key}")
            yield node, t.node(PG + "hasQualifier"), qnode
            yield qnode, t.node(PG + "qualifierName"), t.lit(key)
            yield qnode, t.node(PG + "qualifierValue"), t.lit(value)
        evidence = [ev for ev in stmt.evidence if ev.document == document or document == UNATTRIBUTED]
        if shared:
            scores = [ev.confidence for ev in evidence if ev.confidence is not None]
            if scores:
                yield node, t.node(PG + "confidence"), t.lit(float(max(scores)))
        for ev in evidence:
            if flat and len(evidence) == 1:
                enode = node
            elif shared:
                enode = t.node(f"{document_iri(document)}/sentence/{digest(ev.start, ev.end, ev.text)}")
                yield node, has_evidence, enode
            else:
                enode = t.node(evidence_iri(stmt, ev))
                yield node, has_evidence, enode
            if not lean:
                yield enode, a, t.node(PG + "Evidence")
            if ev.document != document or not lean:
                yield enode, t.node(PROV + "wasDerivedFrom"), t.node(document_iri(ev.document))
            if ev.text or not lean:
                yield enode, t.node(PG + "sentence"), t.lit(ev.text)
            if ev.start is not None:
                yield enode, t.node(PG + "start"), t.lit(int(ev.start))
            if ev.end is not None:
                yield enode, t.node(PG + "end"), t.lit(int(ev.end))
            if ev.section:
                yield enode, t.node(PG + "section"), t.lit(ev.section)
            for ref in ev.references:
                yield enode, t.node(PG + "citesReference"), t.lit(ref)
            if ev.confidence is not None and not shared:
                yield enode, t.node(PG + "confidence"), t.lit(float(ev.confidence))
            if ev.record:
                yield enode, t.node(PG + "record"), t.lit(ev.record)
            for field in CONSTANTS:
                value = getattr(ev, field)
                if value and field not in constants:
                    term = t.node(entity_iri(value)) if field == "source" else t.lit(value)
                    yield enode, t.node(PG + properties[field]), term
        if not stmt.negated:
            yield subject, predicate, obj


ENTITIES_GRAPH = "https://w3id.org/pharmgraph/entities"
"""The one graph of the entities' descriptions under ``flat-once``."""


def document_quads(name: str, document: str, statements: list, described: set | None = None) -> list:
    """Return the quads of one document graph under model ``name``.

    Under ``flat-once`` the entities not yet in ``described`` (CURIEs, updated) are described
    once, in :data:`ENTITIES_GRAPH`, instead of in every document graph that mentions them.
    """
    from pyoxigraph import NamedNode, Quad

    from pharmgraph.rdf import _oxigraph_terms, document_iri, entity_triples, oxigraph_quads

    if name == "current":
        return oxigraph_quads(document, statements)
    t = _oxigraph_terms()
    graph = NamedNode(document_iri(document))
    once = name.endswith("-once")
    seen: set = set()
    out = []
    for triple in model_triples(name, document, statements, t, entities=not once):
        if triple not in seen:
            seen.add(triple)
            out.append(Quad(*triple, graph))
    if once:
        described = set() if described is None else described
        shared_graph = NamedNode(ENTITIES_GRAPH)
        for stmt in statements:
            for entity in (stmt.subject, stmt.object):
                if entity.id not in described:
                    described.add(entity.id)
                    out.extend(Quad(*triple, shared_graph) for triple in entity_triples(entity, t))
    return out


# -- N-Quads text writer (the "-nq" models) -------------------------------------------------
def _nt_literal(value: str, datatype: str | None) -> str:
    """A literal in N-Triples syntax."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    return f'"{escaped}"' if datatype is None else f'"{escaped}"^^{datatype}'


def _nt_terms():
    """A term factory of :mod:`pharmgraph.rdf` that makes N-Triples strings."""
    from pharmgraph.rdf import _Terms

    terms = _Terms(lambda iri: f"<{iri}>", _nt_literal)
    terms.triple = lambda s, p, o: f"<<( {s} {p} {o} )>>"  # RDF 1.2 N-Quads
    return terms


def document_lines(name: str, document: str, statements: list, described: set | None = None) -> list[str]:
    """Return the N-Quads lines of one document graph under a model ``<model>-nq`` (the
    entities not in ``described`` go to :data:`ENTITIES_GRAPH` under ``flat-once-nq``)."""
    from pharmgraph.rdf import document_iri, entity_triples

    base = name[: -len("-nq")]
    once = base.endswith("-once")
    t = _nt_terms()
    graph = f"<{document_iri(document)}>"
    seen: set = set()
    out = []
    for s, p, o in model_triples(base, document, statements, t, entities=not once):
        line = f"{s} {p} {o} {graph} .\n"
        if line not in seen:
            seen.add(line)
            out.append(line)
    if once:
        described = set() if described is None else described
        for stmt in statements:
            for entity in (stmt.subject, stmt.object):
                if entity.id not in described:
                    described.add(entity.id)
                    out.extend(f"{s} {p} {o} <{ENTITIES_GRAPH}> .\n" for s, p, o in entity_triples(entity, t))
    return out


class _LinesReader(io.RawIOBase):
    """A binary file over generated lines, so that the bulk loader streams them."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._buffer = b""
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if self._position >= len(self._buffer):
            chunk = "".join(itertools.islice(self._lines, 2000))
            if not chunk:
                return 0
            self._buffer, self._position = chunk.encode("utf-8"), 0
        size = min(len(target), len(self._buffer) - self._position)
        target[:size] = self._buffer[self._position:self._position + size]
        self._position += size
        return size


class _Timed:
    """Streams the quads (or N-Quads lines) of every document graph, timing their generation
    and counting them by kind, so that one pass feeds the loader and gives both figures."""

    def __init__(self, name: str, groups: list[tuple[str, list]]) -> None:
        self.name, self.groups = name, groups
        self.generate = self.counting = 0.0
        self.quads = 0
        self.kinds: Counter = Counter()

    def __iter__(self) -> Iterator:
        described: set = set()
        text = self.name.endswith("-nq")
        for document, statements in self.groups:
            start = time.perf_counter()
            if text:
                items = document_lines(self.name, document, statements, described)
            else:
                items = document_quads(self.name, document, statements, described)
            self.generate += time.perf_counter() - start
            start = time.perf_counter()
            self.quads += len(items)
            self.kinds.update(quad_kinds(items, text))
            self.counting += time.perf_counter() - start
            yield from items


# -- questions -----------------------------------------------------------------------------
def _claim(name: str) -> str:
    """The pattern binding ``?st`` to its claim ``?s ?p ?o`` under a model."""
    if name.startswith("star"):
        return "?st rdf:reifies <<( ?s ?p ?o )>> ."
    return "?st rdf:object ?o ; rdf:subject ?s ; rdf:predicate ?p ."


def _evidence_props(name: str) -> str:
    """The pattern binding ``?ev ?k ?v`` to the evidence properties of ``?st``."""
    if "flat" in name:
        return "{ ?st ?k ?v BIND(?st AS ?ev) } UNION { ?st pg:hasEvidence ?ev . ?ev ?k ?v }"
    if name == "shared":
        return ("{ ?st pg:confidence ?v BIND(pg:confidence AS ?k) BIND(?st AS ?ev) } "
                "UNION { ?st pg:hasEvidence ?ev . ?ev ?k ?v }")
    return "?st pg:hasEvidence ?ev . ?ev ?k ?v"


def question_texts(name: str, params: dict) -> dict[str, str]:
    """The SPARQL of each question under model ``name``."""
    drug, negated_drug, source = f"<{params['drug']}>", f"<{params['negated_drug']}>", f"<{params['source']}>"
    targets = ", ".join(f"pg:{p}" for p in params["target_predicates"])
    claims = " ".join(f"(<{s}> pg:{p} <{o}>)" for s, p, o in params["claims"])
    named = " ".join(f"(<{s}> pg:{p} <{o}> <{g}> <{st}>)" for s, p, o, g, st in params["named"])
    name = name.removesuffix("-nq").removesuffix("-once")
    star = name.startswith("star")
    current = name in ("current", "star")
    out = {
        "a": f"""SELECT DISTINCT ?other ?t WHERE {{
  {drug} ?p ?t . FILTER(?p IN ({targets}))
  ?other ?q ?t . FILTER(?q IN ({targets}) && ?other != {drug})
  FILTER EXISTS {{ ?other rdf:type pg:Drug }} }}""",
        "b": f"""SELECT ?s ?p ?o ?g ?ev ?k ?v WHERE {{
  VALUES (?s ?p ?o) {{ {claims} }}
  GRAPH ?g {{ {_claim(name)} {_evidence_props(name)} }} }}""",
        "b'": f"""SELECT ?s ?p ?o ?g ?ev ?k ?v WHERE {{
  VALUES (?s ?p ?o ?g ?st) {{ {named} }}
  GRAPH ?g {{ {_evidence_props(name)} }} }}""",
    }
    if not current:
        out["b:constants"] = """SELECT ?g ?k ?v WHERE { VALUES ?g { {{graphs}} } GRAPH ?g {
  ?g ?k ?v FILTER(?k IN (pg:source, pg:extractor, pg:sourceVersion, pg:knowledgeLevel)) } }"""
    if star:
        out["c"] = f"""SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{
  ?st pg:negated true ; rdf:reifies ?claim .
  FILTER(SUBJECT(?claim) = {negated_drug}) BIND(PREDICATE(?claim) AS ?p) BIND(OBJECT(?claim) AS ?o) }} }}"""
    else:
        out["c"] = f"""SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{
  ?st rdf:subject {negated_drug} ; pg:negated true ; rdf:predicate ?p ; rdf:object ?o }} }}"""
    spo = ("?st rdf:reifies ?claim . BIND(SUBJECT(?claim) AS ?s) BIND(PREDICATE(?claim) AS ?p) "
           "BIND(OBJECT(?claim) AS ?o)") if star else "?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ."
    if current:
        out["d"] = f"""SELECT ?s ?p ?o ?rec WHERE {{ GRAPH ?g {{
  ?ev pg:source {source} ; pg:record ?rec . ?st pg:hasEvidence ?ev . {spo} }} }}"""
    else:
        # The values a document's evidence share are on its node (v2), else on the evidence
        # or, flattened, on the statement (v1 and mixed documents). The document-level
        # branch starts from the few document nodes: joined inside one GRAPH block,
        # Oxigraph crossed every record with every evidence of v1 data.
        out["d"] = f"""SELECT ?s ?p ?o ?rec WHERE {{
  {{ GRAPH ?g {{ ?g pg:source {source} }}
     GRAPH ?g {{ {{ ?st pg:record ?rec }} UNION {{ ?st pg:hasEvidence ?ev . ?ev pg:record ?rec }} }} }}
  UNION {{ GRAPH ?g {{ ?x pg:source {source} ; pg:record ?rec . FILTER(?x != ?g)
                      OPTIONAL {{ ?via pg:hasEvidence ?x }} BIND(COALESCE(?via, ?x) AS ?st) }} }}
  GRAPH ?g {{ {spo} }} }}"""
    statements = "?st a pg:Statement" if current and not star else (
        "?st rdf:reifies ?claim" if star else "?st rdf:subject ?s")
    out["e"] = f"""SELECT ?n ?neg ?hedged WHERE {{
  {{ SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {statements} }} }} }}
  {{ SELECT (COUNT(*) AS ?neg) WHERE {{ GRAPH ?g {{ ?st pg:negated true }} }} }}
  {{ SELECT (COUNT(*) AS ?hedged) WHERE {{ GRAPH ?g {{ ?st pg:certainty "hedged" }} }} }} }}"""
    return out


_EVIDENCE_FIELDS = {
    "http://www.w3.org/ns/prov#wasDerivedFrom": "document",
    "sentence": "text", "start": "start", "end": "end", "source": "source", "record": "record",
    "extractor": "extractor", "sourceVersion": "version", "knowledgeLevel": "level",
}


def _field(key: str) -> str | None:
    from pharmgraph.rdf import PG

    return _EVIDENCE_FIELDS.get(key[len(PG):] if key.startswith(PG) else key)


def evidence_rows(rows: list[tuple], constants: list[tuple]) -> list[tuple]:
    """Pivot ``(s, p, o, g, ev, k, v)`` rows of question (b) into one sorted tuple per
    evidence: claim, document, text, start, end, source, record, extractor, version, level."""
    by_graph: dict[str, dict[str, str]] = defaultdict(dict)
    for g, k, v in constants:
        field = _field(k)
        if field:
            by_graph[g][field] = v
    found: dict[tuple, dict[str, str]] = defaultdict(dict)
    for s, p, o, g, ev, k, v in rows:
        field = _field(k)
        if field:
            found[(s, p, o, g, ev)][field] = v
    out = []
    for (s, p, o, g, _ev), fields in found.items():
        merged = {**by_graph.get(g, {}), "document": g, **fields}
        out.append((s, p, o, *(merged.get(f) or "" for f in (
            "document", "text", "start", "end", "source", "record", "extractor", "version", "level"))))
    return sorted(set(out))


def ask(store, query: str) -> list[tuple]:
    """Run a query with the union default graph; return its rows as tuples of strings."""
    from pharmgraph.rdf import SPARQL_PREFIXES

    result = store.query(SPARQL_PREFIXES + query, use_default_graph_as_union=True)
    return [tuple(None if t is None else _text(t) for t in row) for row in result]


def _text(term) -> str:
    """The plain string of a term (a triple term in N-Triples syntax)."""
    value = getattr(term, "value", None)
    return str(term) if value is None else str(value)


def run_questions(store, name: str, params: dict, repeat: int) -> dict[str, dict]:
    """Time each question (best of ``repeat``); return seconds, rows and the answer's hash."""
    texts = question_texts(name, params)
    out: dict[str, dict] = {}
    for q in QUESTIONS:
        if q == "d" and params["workload"] != "records":
            continue
        best, answer = float("inf"), None
        for _ in range(1 if q == "d" else repeat):
            start = time.perf_counter()
            rows = ask(store, texts[q])
            if q.startswith("b"):
                graphs = sorted({r[3] for r in rows})
                constants = []
                if "b:constants" in texts and graphs:
                    constants = ask(store, texts["b:constants"].replace(
                        "{{graphs}}", " ".join(f"<{g}>" for g in graphs)))
                rows = evidence_rows(rows, constants)
            took = time.perf_counter() - start
            if took < best:
                best = took
            answer = sorted(set(rows))
        out[q] = {"seconds": best, "rows": len(answer), "hash": hash_rows(answer)}
    return out


def hash_rows(rows: list[tuple]) -> str:
    """A short digest of a sorted answer, to compare models' answers."""
    import hashlib

    return hashlib.sha1(repr(rows).encode("utf-8")).hexdigest()[:12]


# -- one model, in its own process ----------------------------------------------------------
def folder_bytes(folder: Path) -> int:
    """Bytes of the files under a folder."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def quad_kinds(quads: Iterable, text: bool = False) -> Counter:
    """Count quads (or N-Quads lines, with ``text``) by what they describe: ``entity``,
    ``plain`` (the triple ``S pg:p O``), ``statement`` (statement, evidence and document
    nodes)."""
    from pharmgraph.rdf import PG, RDF, RDFS, SKOS
    from pharmgraph.vocabulary import ENTITY_TYPES, PREDICATES

    plain = {PG + p for p in PREDICATES}
    types = {PG + k for k in ENTITY_TYPES}
    described = {PG + "curie", SKOS + "altLabel", SKOS + "broader", SKOS + "exactMatch"}
    out: Counter = Counter()
    for q in quads:
        if text:
            subject, predicate, rest = q.split(" ", 2)
            p, o = predicate[1:-1], rest.split(" ", 1)[0][1:-1]
            own = rest.endswith(f" {subject} .\n")
        else:
            p, o, own = q.predicate.value, getattr(q.object, "value", ""), q.subject == q.graph_name
        if p in plain:
            out["plain"] += 1
        elif p in described or (p == RDF + "type" and o in types) or (p == RDFS + "label" and not own):
            out["entity"] += 1
        else:
            out["statement"] += 1
    return out


def _cpu() -> float:
    """CPU seconds of this process so far, all threads (the bulk loader runs several)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, statements_file: Path, params: dict, folder: Path, repeat: int) -> dict:
    """Generate, load and query one model; return its figures."""
    from pyoxigraph import RdfFormat, Store

    from pharmgraph.rdf import group_by_document

    with open(statements_file, "rb") as handle:
        statements = pickle.load(handle)
    groups = list(group_by_document(statements).items())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stream = _Timed(name, groups)
    store = Store(str(folder))
    start, cpu = time.perf_counter(), _cpu()
    if name.endswith("-nq"):
        store.bulk_load(_LinesReader(iter(stream)), RdfFormat.N_QUADS)
    else:
        store.bulk_extend(stream)
    wall = time.perf_counter() - start - stream.counting
    cpu = _cpu() - cpu - stream.counting
    store.flush()
    size = folder_bytes(folder)
    start = time.perf_counter()
    store.optimize()
    compact = time.perf_counter() - start
    optimized = folder_bytes(folder)
    answers = run_questions(store, name, params, repeat)
    v1_check = {}
    if name == "current" and params.get("v1_check"):
        theirs = run_questions(store, params["v1_check"], params, 1)
        v1_check = {q: theirs[q]["hash"] == answers[q]["hash"] for q in answers}
    return {
        "model": name, "statements": len(statements), "quads": stream.quads, "bytes": size,
        "optimized_bytes": optimized,
        "generate_s": stream.generate, "ingest_s": wall, "ingest_cpu_s": cpu, "compact_s": compact,
        "kinds": dict(stream.kinds), "v1_check": v1_check, "before_mb": before,
        "v1_check_model": params.get("v1_check"),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "questions": answers,
    }


# -- the run --------------------------------------------------------------------------------
def question_params(workload: str, statements: list, claims_cap: int) -> dict:
    """Pick the drug of (a)-(c) and the claims of (b) from the statements themselves."""
    from pharmgraph.identifiers import entity_iri
    from pharmgraph.rdf import document_iri, statement_iri
    from pharmgraph.vocabulary import PREDICATES, edge_kind

    targets = sorted(p for p in PREDICATES if edge_kind(p) in ("decrease", "increase", "binding"))
    drugs = {s.subject.id for s in statements if s.subject.type == "Drug"}
    asserted = [s for s in statements if not s.negated and s.predicate in targets]
    by_target: dict[str, set] = defaultdict(set)
    for s in asserted:
        if s.subject.id in drugs:
            by_target[s.object.id].add((s.subject.id, s.predicate, s.object.id))
    own = Counter(s.subject.id for s in asserted if s.subject.id in drugs)
    drug = "drugbank:DB00555" if workload == "records" and "drugbank:DB00555" in own else own.most_common(1)[0][0]
    mine = sorted({(s.subject.id, s.predicate, s.object.id) for s in asserted if s.subject.id == drug})
    others = sorted({c for _, _, t in mine for c in by_target[t] if c[0] != drug})
    claims = (mine + others)[:claims_cap]
    wanted = set(claims)
    named = sorted({(entity_iri(s.subject.id), s.predicate, entity_iri(s.object.id), document_iri(d),
                     statement_iri(s, d)) for s in statements
                    if not s.negated and (s.subject.id, s.predicate, s.object.id) in wanted
                    for d in s.documents})
    negated = Counter(s.subject.id for s in statements if s.negated)
    negated_drug = negated.most_common(1)[0][0] if negated else drug
    return {
        "workload": workload,
        "drug": entity_iri(drug), "drug_curie": drug,
        "negated_drug": entity_iri(negated_drug), "negated_curie": negated_drug,
        "source": entity_iri(HETIONET_SOURCE),
        "target_predicates": targets,
        "claims": [(entity_iri(s), p, entity_iri(o)) for s, p, o in claims],
        "named": named,
    }


def read_cost(statements: list, workdir: Path) -> float:
    """Microseconds a statement to read statements back from JSON Lines (the input of
    ``ingest`` for generated statements), measured on a sample."""
    from pharmgraph.model import read_jsonl, write_jsonl

    path = workdir / "sample.jsonl"
    write_jsonl(statements, path)
    start = time.perf_counter()
    count = sum(1 for _ in read_jsonl(path))
    took = time.perf_counter() - start
    path.unlink()
    return 1e6 * took / max(count, 1)


def run_model(name: str, statements_file: Path, params_file: Path, workdir: Path, repeat: int) -> dict:
    """Measure one model in a fresh process; return its figures."""
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=workdir))
    command = [sys.executable, __file__, "--child", name, str(statements_file), str(params_file),
               str(folder), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    subprocess.run(["rm", "-rf", str(folder)], check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(workload: str, results: list[dict]) -> None:
    """Print the figures of one workload, the baseline first, ratios against it."""
    base = results[0]
    n = base["statements"]

    def label(r: dict) -> str:
        return "current/2" if r is not base and r["model"] == "current" else r["model"]

    print(f"\n{workload}: {n:,} statements, ratios against {base['model']} in brackets")
    head = (f"{'model':<12} {'quads/st':>9} {'entity':>6} {'B/st':>14} {'opt.':>6} {'gen us/st':>14} "
            f"{'ingest s':>14} {'cpu s':>6} {'load s':>7} {'peak MB':>8} {'+ingest':>7}")
    print(head)
    for r in results:
        def ratio(key: str, r: dict = r) -> str:
            return f"({r[key] / base[key]:.2f})" if base[key] else ""

        load = r["ingest_s"] - r["generate_s"]
        print(f"{label(r):<12} {r['quads'] / n:9.2f} {r['kinds'].get('entity', 0) / n:6.2f} "
              f"{r['bytes'] / n:7.0f} {ratio('bytes'):>6} {r['optimized_bytes'] / n:6.0f} "
              f"{1e6 * r['generate_s'] / n:7.1f} {ratio('generate_s'):>6} {r['ingest_s']:7.1f} "
              f"{ratio('ingest_s'):>6} {r['ingest_cpu_s']:6.1f} {load:7.1f} {r['peak_mb']:8.0f} "
              f"{r['peak_mb'] - r['before_mb']:7.0f}")
    questions = [q for q in QUESTIONS if q in base["questions"]]
    print(f"\n{'model':<12} " + " ".join(f"{'(' + q + ') ms':>16}" for q in questions)
          + "   rows: " + " ".join(f"{q}={base['questions'][q]['rows']}" for q in questions))
    for r in results:
        cells = []
        for q in questions:
            mine, theirs = r["questions"][q], base["questions"][q]
            same = "=" if mine["hash"] == theirs["hash"] else "DIFF"
            cells.append(f"{1000 * mine['seconds']:9.1f} {same:>4}  ")
        print(f"{label(r):<12} " + " ".join(f"{c:>16}" for c in cells))
    if base.get("v1_check"):
        same = ", ".join(f"{q} {'same' if ok else 'DIFFERENT'}" for q, ok in base["v1_check"].items())
        print(f"\n{base['v1_check_model']}'s questions on the {base['model']} store (readers of the "
              f"new model on old data): {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workloads", default="records,text")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--records", type=int, default=40_000, help="record statements")
    parser.add_argument("--negated-every", type=int, default=100)
    parser.add_argument("--abstracts", type=int, default=500, help="DrugProt training abstracts")
    parser.add_argument("--copies", type=int, default=10, help="copies of the text statements")
    parser.add_argument("--claims", type=int, default=200, help="claims whose evidence (b) reads")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each question (d: one)")
    parser.add_argument("--no-v1-check", action="store_true",
                        help="do not ask flat-once's questions of the current store")
    parser.add_argument("--no-end-baseline", action="store_true",
                        help="do not run the baseline again at the end (it shows the drift of the load)")
    parser.add_argument("--child", nargs=4, metavar=("MODEL", "STATEMENTS", "PARAMS", "FOLDER"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, statements_file, params_file, folder = args.child
        params = json.loads(Path(params_file).read_text(encoding="utf-8"))
        print(json.dumps(measure(name, Path(statements_file), params, Path(folder), args.repeat)))
        return
    models = ["current", *[m for m in args.models.split(",") if m and m != "current"]]
    if not args.no_end_baseline:
        models.append("current")
    known = {*MODELS, *(f"{m}-nq" for m in MODELS if m != "current")}
    unknown = set(models) - known
    if unknown:
        sys.exit(f"unknown models: {', '.join(sorted(unknown))} (known: {', '.join(MODELS)})")
    import pyoxigraph

    print(f"pyoxigraph {pyoxigraph.__version__}, {os.cpu_count()} cores, load average at start "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    builders: dict[str, Callable[[], list]] = {
        "records": lambda: record_statements(args.records, args.negated_every),
        "text": lambda: text_statements(args.abstracts, args.copies),
    }
    with tempfile.TemporaryDirectory(prefix="pharmgraph-rdf-models-") as tmp:
        workdir = Path(tmp)
        for workload in args.workloads.split(","):
            if workload not in builders:
                sys.exit(f"unknown workload {workload!r} (records, text)")
            if (workload == "records" and not HETIONET.is_dir()) or (workload == "text" and not DRUGPROT.exists()):
                print(f"\n{workload}: skipped, its corpus is absent under {CORPORA}")
                continue
            start = time.perf_counter()
            statements = builders[workload]()
            made = time.perf_counter() - start
            params = question_params(workload, statements, args.claims)
            params["v1_check"] = None if args.no_v1_check else "flat-once"
            reading = read_cost(statements[: min(len(statements), 20_000)], workdir)
            statements_file = workdir / f"{workload}.pickle"
            with open(statements_file, "wb") as handle:
                pickle.dump(statements, handle)
            params_file = workdir / f"{workload}.json"
            params_file.write_text(json.dumps(params), encoding="utf-8")
            evidence = sum(len(s.evidence) for s in statements)
            print(f"\n{workload}: made {len(statements):,} statements ({evidence:,} evidence, "
                  f"{sum(s.negated for s in statements):,} negated) in {made:.1f} s; drug "
                  f"{params['drug_curie']}, negated drug {params['negated_curie']}, "
                  f"{len(params['claims'])} claims for (b); reading them from JSON Lines "
                  f"(pharmgraph.model.read_jsonl): {reading:.0f} us a statement")
            del statements
            results = []
            for name in models:
                if name in TEXT_ONLY and workload != "text":
                    continue
                results.append(run_model(name, statements_file, params_file, workdir, args.repeat))
                print(f"  {name}: done, load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
                      flush=True)
            report(workload, results)
    print("\nload average at the end " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
