"""The store read for export: one row per entity, one row per claim, by SPARQL, streamed.

Every exporter reads the store through :func:`entity_rows` and :func:`edge_rows`. Each is a
few SPARQL queries whose solutions are streamed from the embedded store (and fetched whole
from a remote one); a claim (subject, predicate, object, negated) stated in many documents and
sources is one row with counts, document names, a few sentences, sources and knowledge levels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pharmgraph.identifiers import iri_to_curie
from pharmgraph.rdf import SPARQL_PREFIXES, document_name
from pharmgraph.store import STAGING_BASE, GraphStore
from pharmgraph.vocabulary import ENTITY_TYPES, ONTOLOGY_IRI

SEP = "\u001f"
_NOT_STAGING = f'FILTER(!STRSTARTS(STR(?g), "{STAGING_BASE}"))'


@dataclass
class NodeRow:
    """One entity: CURIE, label, most specific type, synonyms, cross-references, broader ids."""

    id: str
    label: str
    type: str
    synonyms: list[str] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)


@dataclass
class EdgeRow:
    """One claim with its evidence summarised."""

    subject: str
    predicate: str
    object: str
    negated: bool
    certainty: str
    evidence_count: int
    documents: list[str]
    sentences: list[str]
    sources: list[str]
    knowledge_levels: list[str]
    qualifiers: dict[str, str]

    @property
    def key(self) -> tuple[str, str, str, bool]:
        """The claim key, as :meth:`pharmgraph.model.Statement.key` gives it."""
        return (self.subject, self.predicate, self.object, self.negated)

    def evidence_text(self, limit: int = 3, width: int = 1000) -> str:
        """Return up to ``limit`` sentences joined by `` | `` (tabs and newlines flattened)."""
        text = " | ".join(" ".join(s.split()) for s in self.sentences[:limit])
        return text if len(text) <= width else text[: width - 1] + "…"


def stream(store: GraphStore, sparql: str) -> Iterator[dict[str, str | None]]:
    """Yield a SELECT query's solutions as dicts of plain strings.

    The embedded store's solutions are read one at a time; other stores answer with
    :meth:`GraphStore.select`.
    """
    from pharmgraph.store import OxigraphStore

    if not isinstance(store, OxigraphStore):
        yield from store.select(sparql)
        return
    result = store.reader.query(SPARQL_PREFIXES + sparql)
    names = [v.value for v in result.variables]
    for solution in result:
        yield {n: (None if solution[n] is None else solution[n].value) for n in names}


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(SEP) if v]


def _depth(kind: str) -> int:
    depth = 0
    while kind and ENTITY_TYPES.get(kind):
        kind = ENTITY_TYPES[kind]
        depth += 1
    return depth


def _grouped(store: GraphStore, predicate: str) -> dict[str, list[str]]:
    rows = stream(
        store,
        f"""SELECT ?e (GROUP_CONCAT(DISTINCT STR(?v); separator="{SEP}") AS ?values)
            WHERE {{ GRAPH ?g {{ ?e pg:curie ?c ; {predicate} ?v }} {_NOT_STAGING} }} GROUP BY ?e""",
    )
    return {r["e"]: sorted(_split(r["values"])) for r in rows}


def entity_rows(store: GraphStore) -> Iterator[NodeRow]:
    """Yield every entity of the store once, with its most specific type.

    An entity described by several graphs (a text and a source) gets one label (the shortest
    of those given, ties alphabetical) and the deepest of its types.
    """
    synonyms = _grouped(store, "skos:altLabel")
    xrefs = _grouped(store, "skos:exactMatch")
    broader = _grouped(store, "skos:broader")
    rows = stream(
        store,
        f"""SELECT ?e (SAMPLE(?c) AS ?curie) (GROUP_CONCAT(DISTINCT ?l; separator="{SEP}") AS ?labels)
                   (GROUP_CONCAT(DISTINCT STR(?t); separator="{SEP}") AS ?types)
            WHERE {{ GRAPH ?g {{ ?e pg:curie ?c ; rdfs:label ?l ; a ?t }} {_NOT_STAGING} }} GROUP BY ?e""",
    )
    for row in rows:
        iri = row["e"]
        types = [t[len(ONTOLOGY_IRI):] for t in _split(row["types"]) if t.startswith(ONTOLOGY_IRI)]
        types = [t for t in types if t in ENTITY_TYPES] or ["Entity"]
        labels = sorted(_split(row["labels"]), key=lambda s: (len(s), s))
        yield NodeRow(
            id=row["curie"] or iri_to_curie(iri),
            label=labels[0] if labels else row["curie"] or iri,
            type=max(types, key=lambda t: (_depth(t), t)),
            synonyms=[s for s in synonyms.get(iri, []) if s not in labels[:1]],
            xrefs=[iri_to_curie(x) for x in xrefs.get(iri, [])],
            broader=[iri_to_curie(b) for b in broader.get(iri, [])],
        )


def edge_rows(store: GraphStore, sentences: bool = True) -> Iterator[EdgeRow]:
    """Yield one row per claim (subject, predicate, object, negated) over every graph.

    Parameters
    ----------
    store : GraphStore
    sentences : bool
        Also gather the evidence sentences (the GraphML/GEXF/KGX joined text).
    """
    curies = {}
    for row in stream(store, f"SELECT DISTINCT ?e ?c WHERE {{ GRAPH ?g {{ ?e pg:curie ?c }} {_NOT_STAGING} }}"):
        curies[row["e"]] = row["c"]
    text = f'(GROUP_CONCAT(DISTINCT ?text; separator="{SEP}") AS ?texts)' if sentences else ""
    text_pattern = "OPTIONAL { ?ev pg:sentence ?text }" if sentences else ""
    rows = stream(
        store,
        f"""SELECT ?s ?p ?o ?neg (MIN(?cert) AS ?certainty) (COUNT(DISTINCT ?ev) AS ?n)
                   (GROUP_CONCAT(DISTINCT STR(?g); separator="{SEP}") AS ?graphs)
                   (GROUP_CONCAT(DISTINCT STR(?src); separator="{SEP}") AS ?sources)
                   (GROUP_CONCAT(DISTINCT ?kl; separator="{SEP}") AS ?levels)
                   (GROUP_CONCAT(DISTINCT CONCAT(?qn, "=", ?qv); separator="{SEP}") AS ?quals) {text}
            WHERE {{ GRAPH ?g {{
                ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                OPTIONAL {{ ?st pg:negated ?negated }} OPTIONAL {{ ?st pg:certainty ?certain }}
                BIND(COALESCE(?negated, false) AS ?neg) BIND(COALESCE(?certain, "asserted") AS ?cert)
                OPTIONAL {{ {{ ?st pg:hasEvidence ?ev }}
                           UNION {{ {{ ?st pg:sentence ?own }} UNION {{ ?st pg:record ?own }} FILTER NOT EXISTS {{ ?st pg:hasEvidence ?other }}
                                   BIND(?st AS ?ev) }}
                           OPTIONAL {{ ?ev pg:source ?own_src }} OPTIONAL {{ ?g pg:source ?doc_src }}
                           OPTIONAL {{ ?ev pg:knowledgeLevel ?own_kl }} OPTIONAL {{ ?g pg:knowledgeLevel ?doc_kl }}
                           BIND(COALESCE(?own_src, ?doc_src) AS ?src) BIND(COALESCE(?own_kl, ?doc_kl) AS ?kl)
                           {text_pattern} }}
                OPTIONAL {{ ?st pg:hasQualifier ?q . ?q pg:qualifierName ?qn ; pg:qualifierValue ?qv }}
              }} {_NOT_STAGING} }}
            GROUP BY ?s ?p ?o ?neg""",
    )
    for row in rows:
        predicate = (row["p"] or "").rsplit("#", 1)[-1]
        qualifiers = dict(q.split("=", 1) for q in _split(row["quals"]) if "=" in q)
        yield EdgeRow(
            subject=curies.get(row["s"]) or iri_to_curie(row["s"]),
            predicate=predicate,
            object=curies.get(row["o"]) or iri_to_curie(row["o"]),
            negated=(row["neg"] or "").lower() in ("true", "1"),
            certainty=row["certainty"] or "asserted",
            evidence_count=int(row["n"] or 0),
            documents=sorted(document_name(g) for g in _split(row["graphs"])),
            sentences=sorted(_split(row.get("texts"))) if sentences else [],
            sources=sorted(iri_to_curie(s) for s in _split(row["sources"])),
            knowledge_levels=sorted(_split(row["levels"])),
            qualifiers=qualifiers,
        )


def as_dict(row: Any) -> dict[str, Any]:
    """Return a row as a plain dict."""
    from dataclasses import asdict

    return asdict(row)
