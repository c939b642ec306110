"""Database-record statements read and written without building statement objects.

Most of a large JSON Lines load is database records: two entities given by id, label and
type, a predicate, and one piece of evidence that names a source and a record id (a Hetionet
edge, a DrugMechDB hop). The bulk path (:mod:`pharmgraph.bulk`) reads such a line with
:meth:`RecordLines.read` into a :class:`Record` (a named tuple whose entities are already
grounded, each distinct entity grounded once per run) and writes a document made only of
records with :meth:`RecordLines.document_lines`, straight as N-Quads text.

What comes out is exactly what the general path makes of the same line
(:func:`pharmgraph.model.statement_from_line`, the grounder, :func:`pharmgraph.rdf.nquads_lines`
with entities described apart): ``tests/ingest/test_record_lines.py`` checks it statement by
statement and quad by quad. Any line that is not plainly a record of that shape (text
evidence, offsets, qualifiers, synonyms, several pieces of evidence, ``treats``, anything the
hand check cannot vouch for) is left to the general path, which reads it with the strict
checks and their sentences.

Examples
--------
>>> from pharmgraph.grounding import default_grounder
>>> reader = RecordLines(default_grounder())
>>> line = ('{"subject": {"id": "CHEBI:6367", "label": "lamotrigine", "type": "Drug"}, '
...         '"predicate": "binds", "object": {"id": "ncbigene:6323", "label": "SCN1A", '
...         '"type": "Protein"}, "evidence": [{"document": "db", "source": "infores:hetionet", '
...         '"record": "CbG:1"}]}')
>>> record = reader.read(line)
>>> record.predicate, record.document, record.record
('binds', 'db', 'CbG:1')
>>> reader.read('{"subject": {"id": "x:1"}, "predicate": "binds", "object": {"id": "x:2"}}') is None
True
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from pharmgraph.identifiers import LOCAL_PREFIX, digest
from pharmgraph.model import (
    _TOP_KEYS,
    Entity,
    Evidence,
    Statement,
    _entity_ok,
    _evidence_ok,
    _pairs,
    _Unsure,
)
from pharmgraph.rdf import (
    EVIDENCE_BASE,
    PG,
    RDF,
    SHARED_FIELDS,
    STATEMENT_BASE,
    XSD,
    _nt_iri,
    _nt_literal,
    document_iri,
    document_triples,
    entity_iri,
    nquads_terms,
)
from pharmgraph.vocabulary import PREDICATES

_LIGHT_ENTITY_KEYS = frozenset(("id", "label", "type"))
_LIGHT_EVIDENCE_KEYS = frozenset(
    ("document", "text", "start", "end", "references", "source", "record", "source_version", "knowledge_level")
)
_SUBJECT = f"<{RDF}subject>"
_PREDICATE = f"<{RDF}predicate>"
_OBJECT = f"<{RDF}object>"
_NEGATED = f'<{PG}negated> "true"^^<{XSD}boolean>'
_HEDGED = f'<{PG}certainty> "hedged"'
_RECORD = f"<{PG}record>"
_HAS_EVIDENCE = f"<{PG}hasEvidence>"
_SHARED = {field: f"<{PG}{name}>" for field, name in SHARED_FIELDS}
_PREDICATE_IRIS = {p: f"<{PG}{p}>" for p in PREDICATES}


class Record(NamedTuple):
    """One database-record statement, its entities grounded (see the module notes)."""

    subject: Entity
    subject_nt: str
    predicate: str
    object: Entity
    object_nt: str
    negated: bool
    certainty: str
    document: str
    record: str
    source: str | None
    source_version: str | None
    knowledge_level: str | None

    def statement(self) -> Statement:
        """The :class:`~pharmgraph.model.Statement` the general path builds from the line."""
        return Statement(self.subject, self.predicate, self.object, negated=self.negated,
                         certainty=self.certainty,
                         evidence=(Evidence(self.document, "", record=self.record, source=self.source,
                                            source_version=self.source_version,
                                            knowledge_level=self.knowledge_level),))

    def key(self) -> tuple[str, str, str, bool]:
        """The claim key, as :meth:`Statement.key`."""
        return (self.subject.id, self.predicate, self.object.id, self.negated)


def _unique_keys(line: str, keys: int) -> bool:
    """Whether the JSON object on ``line``, whose objects hold ``keys`` keys once parsed, names
    no key twice (objects left out of ``keys`` only make the answer slower).

    A key is written as a string followed by a colon. When no quote is followed by
    whitespace, each key is one ``":`` of the text, and every other ``":`` lies inside a
    string: the text holds at least as many ``":`` as keys were written, and exactly as many
    as were parsed only when none was written twice (a repeated key parses once). Otherwise,
    and when the counts differ, the line is parsed again with a check of every object.
    """
    if line.count('":') == keys and not ('" ' in line or '"\t' in line or '"\n' in line or '"\r' in line):
        return True
    try:
        json.loads(line, object_pairs_hook=_pairs)
    except (_Unsure, ValueError, RecursionError):
        return False
    return True


class RecordLines:
    """Reads record lines and writes documents of records as N-Quads text.

    Parameters
    ----------
    grounder : Grounder
        Grounds each distinct entity once (its counts note it once, as on the general path).
    """

    def __init__(self, grounder: Any) -> None:
        self.grounder = grounder
        self._entities: dict[tuple, tuple[Entity, str] | None] = {}
        self.local: set[str] = set()
        """Ids of grounded entities that got a local id."""

    def _entity(self, data: Any) -> tuple[Entity, str] | None:
        if type(data) is not dict or not data.keys() <= _LIGHT_ENTITY_KEYS:
            return None
        key = (data.get("id"), data.get("label"), data.get("type"))
        try:
            return self._entities[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable value: not a record line
            return None
        found = None
        if _entity_ok(data):
            try:
                entity = self.grounder.entity(Entity.from_dict(data))
                found = (entity, _nt_iri(entity_iri(entity.id)))
            except ValueError:
                found = None
            else:
                if entity.id.startswith(LOCAL_PREFIX + ":"):
                    self.local.add(entity.id)
        self._entities[key] = found
        return found

    def read(self, line: str) -> Record | None:
        """Return the line's :class:`Record`, or None when the general path must read it."""
        if "\\u" in line:
            return None
        try:
            data = json.loads(line)
        except (ValueError, RecursionError):
            return None
        if type(data) is not dict or not data.keys() <= _TOP_KEYS:
            return None
        predicate = data.get("predicate")
        if type(predicate) is not str or predicate not in _PREDICATE_IRIS or predicate == "treats":
            return None
        negated = data.get("negated", False)
        certainty = data.get("certainty", "asserted")
        if type(negated) is not bool or certainty not in ("asserted", "hedged"):
            return None
        if data.get("qualifiers", {}) != {}:
            return None
        evidence = data.get("evidence")
        if type(evidence) is not list or len(evidence) != 1:
            return None
        ev = evidence[0]
        if type(ev) is not dict or not ev.keys() <= _LIGHT_EVIDENCE_KEYS or not _evidence_ok(ev):
            return None
        record = ev.get("record")
        if (not record or ev.get("text") or ev.get("start") is not None or ev.get("end") is not None
                or ev.get("references")):
            return None
        if not _unique_keys(line, len(data) + len(data.get("subject") or ()) + len(data.get("object") or ())
                            + len(ev)):
            return None
        subject = self._entity(data.get("subject"))
        obj = self._entity(data.get("object"))
        if subject is None or obj is None:
            return None
        return Record(subject[0], subject[1], predicate, obj[0], obj[1], negated, certainty,
                      ev["document"], record, ev.get("source"), ev.get("source_version"),
                      ev.get("knowledge_level"))


def shared_record_values(records: Sequence[Record]) -> dict[str, str]:
    """:func:`pharmgraph.rdf.shared_values` for a document of records."""
    out = {}
    for field in ("source", "source_version", "knowledge_level"):
        values = {getattr(r, field) for r in records}
        if len(values) == 1:
            value = next(iter(values))
            if value:
                out[field] = value
    return out


def document_lines(document: str, records: Sequence[Record], entries: list | None = None) -> list[str]:
    """Return the N-Quads lines of a document made only of records, entities left out (they
    are described apart): the lines :func:`pharmgraph.rdf.nquads_lines` writes for the same
    statements. A record whose claim no other record of the document makes carries its
    evidence on its statement node; records of one claim share the node, each with an
    evidence node of its own.

    With ``entries`` (a list), the document's entry for the store's ledger is appended to it as
    ``(graph term, entry, plain triples, negated triples)``: what
    :func:`pharmgraph.stats_ledger.graph_counts` counts from these lines, counted while they
    are written instead of by splitting them again.

    Raises
    ------
    ValueError
        When a value cannot be written as N-Quads (an IRI that is not one).
    """
    graph = _nt_iri(document_iri(document))
    shared = shared_record_values(records)
    lines = [f"{s} {p} {o} {graph} .\n" for s, p, o in document_triples(document, nquads_terms(), shared)]
    counts: dict[tuple, int] = {}
    for r in records:
        key = r.key()
        counts[key] = counts.get(key, 0) + 1
    sources: dict[str, str] = {}
    tail = f" {graph} .\n"
    seen_nodes: set[str] = set()
    hedged_nodes: set[str] = set()
    predicates: dict[str, int] = {}
    plain: set[tuple[str, str, str]] = set()
    negated: set[tuple[str, str, str]] = set()
    for r in records:
        key = r.key()
        st = f"<{STATEMENT_BASE}{digest(*key, document)}>"
        p = _PREDICATE_IRIS[r.predicate]
        if st not in seen_nodes:
            seen_nodes.add(st)
            lines.append(f"{st} {_SUBJECT} {r.subject_nt}{tail}")
            lines.append(f"{st} {_PREDICATE} {p}{tail}")
            lines.append(f"{st} {_OBJECT} {r.object_nt}{tail}")
            predicates[r.predicate] = predicates.get(r.predicate, 0) + 1
            if r.negated:
                lines.append(f"{st} {_NEGATED}{tail}")
                negated.add((r.subject_nt, p, r.object_nt))
            else:
                lines.append(f"{r.subject_nt} {p} {r.object_nt}{tail}")
                plain.add((r.subject_nt, p, r.object_nt))
        if r.certainty != "asserted":
            # Records of one claim with different certainties: each statement says its own.
            lines.append(f"{st} {_HEDGED}{tail}")
            hedged_nodes.add(st)
        if counts[key] == 1:
            node = st
        else:
            node = f"<{EVIDENCE_BASE}{digest(*key, document, None, None, '', r.record)}>"
            lines.append(f"{st} {_HAS_EVIDENCE} {node}{tail}")
        lines.append(f"{node} {_RECORD} {_nt_literal(r.record, None)}{tail}")
        if r.source and "source" not in shared:
            term = sources.get(r.source)
            if term is None:
                term = sources[r.source] = _nt_iri(entity_iri(r.source))
            lines.append(f"{node} {_SHARED['source']} {term}{tail}")
        if r.source_version and "source_version" not in shared:
            lines.append(f"{node} {_SHARED['source_version']} {_nt_literal(r.source_version, None)}{tail}")
        if r.knowledge_level and "knowledge_level" not in shared:
            lines.append(f"{node} {_SHARED['knowledge_level']} {_nt_literal(r.knowledge_level, None)}{tail}")
    if entries is not None:
        # Two records of one claim and one record id write the same evidence lines twice:
        # the store holds each quad once, so distinct lines are counted.
        entry = {"quads": len(set(lines)), "statements": len(seen_nodes),
                 "negated": len(negated), "hedged": len(hedged_nodes),
                 "predicates": predicates, "document": True}
        entries.append((graph, entry, plain, negated))
    return lines
