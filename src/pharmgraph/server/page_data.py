"""The data behind the web pages: SPARQL queries run on the worker pool, grouped for display.

User input never goes into query text as typed: document names are passed as pyoxigraph
``substitutions`` (bound variables), and entity IRIs are written in only after pyoxigraph has
parsed and re-serialised them (:func:`sparql_iri`), so they cannot change a query's meaning.
pyoxigraph only substitutes variables that the query projects, hence ``?g`` in the SELECT
clauses. A remote SPARQL server has no substitutions: there the bindings become a ``VALUES``
clause at the start of the query's ``WHERE`` group, each term serialised by pyoxigraph
(:func:`bind_values`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pharmgraph.identifiers import entity_iri, iri_to_curie
from pharmgraph.rdf import document_iri, document_name
from pharmgraph.vocabulary import ONTOLOGY_IRI

PAGE_ROWS = 5000
SEARCH_ROWS = 200


def local_name(iri: str | None) -> str:
    """Return the part of a pharmgraph ontology IRI after ``#``."""
    if not iri:
        return ""
    return iri[len(ONTOLOGY_IRI):] if iri.startswith(ONTOLOGY_IRI) else iri.rsplit("#", 1)[-1]


COUNTS = """
SELECT ?documents ?statements ?negated ?hedged WHERE {
  { SELECT (COUNT(DISTINCT ?g) AS ?documents) WHERE { GRAPH ?g { ?g a pg:Document } } }
  { SELECT (COUNT(DISTINCT ?st) AS ?statements) WHERE { ?st rdf:subject ?s } }
  { SELECT (COUNT(DISTINCT ?n) AS ?negated) WHERE { ?n pg:negated true } }
  { SELECT (COUNT(DISTINCT ?h) AS ?hedged) WHERE { ?h pg:certainty "hedged" } }
}
"""
# (Negated and hedged statements are looked up by value, not joined with every statement:
# 0.1 s instead of 34 s on 240,000 statements. Both models write pg:negated true and
# pg:certainty "hedged" on the statement node.)

TYPES = """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?t ; pg:curie ?c . BIND(STRAFTER(STR(?t), "#") AS ?type)
} GROUP BY ?type ORDER BY DESC(?n) ?type
"""

PREDICATES = """
SELECT ?predicate (COUNT(DISTINCT ?st) AS ?n) WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p . BIND(STRAFTER(STR(?p), "#") AS ?predicate)
} GROUP BY ?predicate ORDER BY DESC(?n) ?predicate
"""

DOCUMENTS = """
SELECT ?doc (COUNT(DISTINCT ?st) AS ?n) WHERE {
  GRAPH ?doc { ?doc a pg:Document . OPTIONAL { ?st rdf:subject ?s } }
} GROUP BY ?doc ORDER BY ?doc LIMIT 500
"""

SEARCH = """
SELECT ?q ?e (SAMPLE(?c) AS ?curie) (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type)
       (SAMPLE(?name) AS ?matched) WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } UNION { ?e pg:curie ?name }
  FILTER(CONTAINS(LCASE(STR(?name)), LCASE(?q)))
  ?e pg:curie ?c .
  OPTIONAL { ?e rdfs:label ?l }
  OPTIONAL { ?e a ?type_iri . BIND(STRAFTER(STR(?type_iri), "#") AS ?t) }
} GROUP BY ?q ?e ORDER BY STRLEN(STR(?label)) LCASE(STR(?label)) LIMIT 200
"""

# The entity queries name their entity inline (``%E%``, see :func:`entity_job`): pyoxigraph
# applies substitutions after the pattern is evaluated, which on a store of a thousand
# documents made these pages take seconds. Each property comes from its own UNION branch and
# rows are DISTINCT: in the union default graph every document that mentions an entity holds
# its own copy of the label, type and synonym triples, and joining them multiplied the rows
# (8 million rows for a disease named in 31 documents).
ENTITY = """
SELECT DISTINCT ?curie ?label ?type ?alt ?broader ?broader_label ?broader_curie WHERE {
  { %E% pg:curie ?curie } UNION { %E% rdfs:label ?label }
  UNION { %E% a ?t . BIND(STRAFTER(STR(?t), "#") AS ?type) }
  UNION { %E% skos:altLabel ?alt }
  UNION { %E% skos:broader ?broader }
  UNION { %E% skos:broader ?broader . ?broader rdfs:label ?broader_label }
  UNION { %E% skos:broader ?broader . ?broader pg:curie ?broader_curie }
}
"""

NARROWER = """
SELECT DISTINCT ?n ?curie ?label WHERE {
  ?n skos:broader %E% ; pg:curie ?curie . OPTIONAL { ?n rdfs:label ?label }
} ORDER BY ?label LIMIT 200
"""

ENTITY_STATEMENTS = """
SELECT DISTINCT ?direction ?p ?other ?st ?negated ?certainty ?doc ?sentence ?section ?start WHERE {
  GRAPH ?doc {
    { ?st rdf:subject %E% ; rdf:object ?other . BIND("out" AS ?direction) }
    UNION
    { ?st rdf:object %E% ; rdf:subject ?other . BIND("in" AS ?direction) }
    ?st rdf:predicate ?p .
    OPTIONAL { ?st pg:negated ?n } OPTIONAL { ?st pg:certainty ?c }
    BIND(COALESCE(?n, false) AS ?negated) BIND(COALESCE(?c, "asserted") AS ?certainty)
    OPTIONAL { { ?st pg:sentence ?sentence BIND(?st AS ?ev) }
               UNION { ?st pg:hasEvidence ?ev . ?ev pg:sentence ?sentence }
               FILTER(STRLEN(?sentence) > 0)
               OPTIONAL { ?ev pg:section ?section } OPTIONAL { ?ev pg:start ?start } }
  }
}
"""
# (No type pattern for ?st: Oxigraph then starts from every statement in the store, 100 times
# slower; rdf:subject only occurs on statements anyway. The graph is the document; model 1
# also says so with pg:statedIn, model 2 does not. Negation and certainty are written only
# when not the default by model 2, always by model 1. A statement's single evidence sits on
# the statement node in model 2; records have no sentence, model 1 an empty one.)

NAMES = """
SELECT DISTINCT ?other ?label ?curie WHERE {
  VALUES ?other { %OTHERS% }
  { ?other rdfs:label ?label } UNION { ?other pg:curie ?curie }
}
"""

DOCUMENT = """
SELECT ?g ?label WHERE { GRAPH ?g { ?g a pg:Document . OPTIONAL { ?g rdfs:label ?label } } } LIMIT 1
"""

DOCUMENT_STATEMENTS = """
SELECT ?g ?st ?s ?s_label ?s_curie ?p ?o ?o_label ?o_curie ?negated ?certainty ?sentence ?section
       ?start WHERE {
  GRAPH ?g {
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?st pg:negated ?n } OPTIONAL { ?st pg:certainty ?c }
    BIND(COALESCE(?n, false) AS ?negated) BIND(COALESCE(?c, "asserted") AS ?certainty)
    OPTIONAL { ?s rdfs:label ?s_label_here } OPTIONAL { ?s pg:curie ?s_curie_here }
    OPTIONAL { ?o rdfs:label ?o_label_here } OPTIONAL { ?o pg:curie ?o_curie_here }
    OPTIONAL { { ?st pg:sentence ?sentence BIND(?st AS ?ev) }
               UNION { ?st pg:hasEvidence ?ev . ?ev pg:sentence ?sentence }
               FILTER(STRLEN(?sentence) > 0)
               OPTIONAL { ?ev pg:section ?section } OPTIONAL { ?ev pg:start ?start } }
  }
  OPTIONAL { FILTER(!BOUND(?s_curie_here)) GRAPH ?sg { ?s pg:curie ?s_curie_there ; rdfs:label ?s_label_there }
             FILTER(STRSTARTS(STR(?sg), "https://w3id.org/pharmgraph/entities/")) }
  OPTIONAL { FILTER(!BOUND(?o_curie_here)) GRAPH ?og { ?o pg:curie ?o_curie_there ; rdfs:label ?o_label_there }
             FILTER(STRSTARTS(STR(?og), "https://w3id.org/pharmgraph/entities/")) }
  BIND(COALESCE(?s_label_here, ?s_label_there) AS ?s_label) BIND(COALESCE(?s_curie_here, ?s_curie_there) AS ?s_curie)
  BIND(COALESCE(?o_label_here, ?o_label_there) AS ?o_label) BIND(COALESCE(?o_curie_here, ?o_curie_there) AS ?o_curie)
}
"""
# (A document's entities are described in its own graph, or, for a bulk-loaded file, once in
# the file's entity graph: the second is read only where the first says nothing.)


def iri(value: str) -> tuple[str, str]:
    """A substitution binding for an IRI."""
    return ("iri", value)


def literal(value: str) -> tuple[str, str]:
    """A substitution binding for a plain string literal."""
    return ("literal", value)


def select_job(query: str, max_results: int = PAGE_ROWS, **bindings: tuple[str, str]) -> dict[str, Any]:
    """Return a worker job for a page query."""
    return {"op": "select", "query": query, "bindings": bindings, "max_results": max_results}


def entity_ref(iri_value: str | None, curie: str | None, label: str | None) -> dict[str, str]:
    """A reference to an entity for display: its CURIE and a label (the CURIE if none)."""
    curie = curie or (iri_to_curie(iri_value) if iri_value else "")
    return {"curie": curie, "label": label or curie}


def _bool(value: str | None) -> bool:
    return value in ("true", "1")


NO_START = 1 << 62
"""The ``start`` given to evidence without a recorded offset (it sorts last)."""


def _start(value: str | None) -> int:
    try:
        return int(value) if value is not None else NO_START
    except ValueError:
        return NO_START


@dataclass
class Claim:
    """One claim about an entity or in a document, with all its evidence."""

    subject: dict[str, str]
    predicate: str
    object: dict[str, str]
    negated: bool
    hedged_in: set[str] = field(default_factory=set)
    asserted_in: set[str] = field(default_factory=set)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hedged(self) -> bool:
        """True when every document that states the claim hedges it."""
        return bool(self.hedged_in) and not self.asserted_in

    @property
    def documents(self) -> list[str]:
        """The documents that state the claim, sorted."""
        return sorted(self.hedged_in | self.asserted_in)


def _add_evidence(claim: Claim, row: dict[str, Any], document: str) -> None:
    hedged = row.get("certainty") == "hedged"
    (claim.hedged_in if hedged else claim.asserted_in).add(document)
    if row.get("sentence") is None:
        return
    item = {
        "document": document,
        "sentence": row["sentence"],
        "section": row.get("section"),
        "hedged": hedged,
        "start": _start(row.get("start")),
    }
    if item not in claim.evidence:
        claim.evidence.append(item)


def entity_header(rows: list[dict[str, Any]], curie: str) -> dict[str, Any] | None:
    """Fold the ENTITY rows into label, types, synonyms and broader entities."""
    if not rows:
        return None
    labels = sorted({r["label"] for r in rows if r.get("label")})
    curies = sorted({r["curie"] for r in rows if r.get("curie")})
    broader = {}
    for r in rows:
        if r.get("broader"):
            ref = entity_ref(r["broader"], r.get("broader_curie"), r.get("broader_label"))
            broader[ref["curie"]] = ref
    return {
        "curie": curies[0] if curies else curie,
        "label": labels[0] if labels else curie,
        "other_labels": labels[1:],
        "types": sorted({r["type"] for r in rows if r.get("type")}),
        "synonyms": sorted({r["alt"] for r in rows if r.get("alt")}, key=str.lower),
        "broader": sorted(broader.values(), key=lambda e: e["label"].lower()),
    }


def group_entity_statements(rows: list[dict[str, Any]], me: dict[str, str]) -> dict[tuple[str, str], list[Claim]]:
    """Group an entity's statements by (predicate, direction), one :class:`Claim` per claim."""
    claims: dict[tuple[str, str, str, bool], Claim] = {}
    for row in rows:
        predicate = local_name(row["p"])
        other = entity_ref(row["other"], row.get("other_curie"), row.get("other_label"))
        key = (row["direction"], predicate, other["curie"], _bool(row["negated"]))
        claim = claims.get(key)
        if claim is None:
            subject, obj = (me, other) if row["direction"] == "out" else (other, me)
            claim = claims[key] = Claim(subject, predicate, obj, key[3])
        _add_evidence(claim, row, document_name(row["doc"]))
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for (direction, predicate, _, _), claim in claims.items():
        groups[(predicate, direction)].append(claim)
    for group in groups.values():
        group.sort(key=lambda c: ((c.object if c.subject is me else c.subject)["label"].lower(), c.negated))
        for claim in group:
            claim.evidence.sort(key=lambda e: (e["document"], e["start"]))
    return dict(sorted(groups.items(), key=lambda item: (item[0][1] != "out", item[0][0])))


def group_document_statements(rows: list[dict[str, Any]], document: str) -> list[Claim]:
    """Fold a document's statement rows into claims, in reading order."""
    claims: dict[str, Claim] = {}
    for row in rows:
        claim = claims.get(row["st"])
        if claim is None:
            claim = claims[row["st"]] = Claim(
                entity_ref(row["s"], row.get("s_curie"), row.get("s_label")),
                local_name(row["p"]),
                entity_ref(row["o"], row.get("o_curie"), row.get("o_label")),
                _bool(row["negated"]),
            )
        _add_evidence(claim, row, document)
    for claim in claims.values():
        claim.evidence.sort(key=lambda e: e["start"])
    return sorted(
        claims.values(),
        key=lambda c: (min((e["start"] for e in c.evidence), default=1 << 62), c.subject["label"].lower()),
    )


def sparql_iri(value: str) -> str:
    """An IRI written for a query: checked and serialised by pyoxigraph, never pasted as is.

    Raises
    ------
    ValueError
        When ``value`` is not a valid IRI.
    """
    import pyoxigraph

    return str(pyoxigraph.NamedNode(value))


def entity_job(query: str, bindings: dict[str, tuple[str, str]], max_results: int = PAGE_ROWS) -> dict[str, Any]:
    """A page job for one of the entity queries, with the entity's IRI written in."""
    return select_job(query.replace("%E%", sparql_iri(bindings["e"][1])), max_results)


def names_job(iris: list[str]) -> dict[str, Any] | None:
    """A job fetching labels and CURIEs of these IRIs (None when there are none)."""
    if not iris:
        return None
    values = " ".join(sparql_iri(i) for i in sorted(set(iris)))
    return select_job(NAMES.replace("%OTHERS%", values), PAGE_ROWS)


def add_names(rows: list[dict[str, Any]], name_rows: list[dict[str, Any]]) -> None:
    """Fill ``other_label`` and ``other_curie`` of statement rows from :data:`NAMES` rows."""
    labels: dict[str, str] = {}
    curies: dict[str, str] = {}
    for r in name_rows:
        if r.get("label") and (r["other"] not in labels or r["label"] < labels[r["other"]]):
            labels[r["other"]] = r["label"]
        if r.get("curie"):
            curies.setdefault(r["other"], r["curie"])
    for row in rows:
        row["other_label"] = labels.get(row["other"])
        row["other_curie"] = curies.get(row["other"])


def entity_bindings(curie: str) -> dict[str, tuple[str, str]] | None:
    """Bindings that name an entity, or None when the text is not a CURIE."""
    try:
        value = entity_iri(curie)
        sparql_iri(value)
    except ValueError:
        return None
    return {"e": iri(value)}


def document_bindings(name: str) -> dict[str, tuple[str, str]]:
    """Bindings that name a document's graph."""
    return {"g": iri(document_iri(name))}


_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def sparql_term(spec: tuple[str, str]) -> str:
    """A binding (``("iri"|"literal", value)``) written for a query by pyoxigraph.

    Raises
    ------
    ValueError
        When the value is not a valid IRI.

    Examples
    --------
    >>> print(sparql_term(literal('say "hi"')))
    "say \\"hi\\""
    """
    import pyoxigraph

    kind, value = spec
    if kind == "iri":
        return str(pyoxigraph.NamedNode(value))
    return str(pyoxigraph.Literal(value))


def bind_values(query: str, bindings: dict[str, tuple[str, str]]) -> str:
    """Bind variables of one of the page queries with ``VALUES``, for a remote SPARQL server.

    The clause goes at the start of the first ``WHERE {`` group (all page queries have one),
    which joins each solution with the bound value exactly as pyoxigraph's substitutions do.

    Raises
    ------
    ValueError
        For a value that is not a valid IRI, or a variable name that is not a plain name.

    Examples
    --------
    >>> bind_values(DOCUMENT, document_bindings("a.txt")).split("WHERE", 1)[1][:70]
    ' { VALUES ?g { <https://w3id.org/pharmgraph/document/a.txt> } GRAPH ?g'
    """
    if not bindings:
        return query
    clauses = []
    for name, spec in sorted(bindings.items()):
        if not _VARIABLE.fullmatch(name):
            raise ValueError(f"{name!r} is not a variable name")
        clauses.append(f"VALUES ?{name} {{ {sparql_term(spec)} }}")
    at = query.index("WHERE {") + len("WHERE {")
    return query[:at] + " " + " ".join(clauses) + query[at:]
