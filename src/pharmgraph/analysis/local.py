"""The part of the store a question needs, read with SPARQL and shaped like :func:`project`.

A :class:`LocalGraph` asks the store for what one question touches - the statements leaving or
reaching some entities, the entities' names and types, the ``broader`` hierarchy above or below
them, the evidence of the rows shown - and assembles a :class:`networkx.MultiDiGraph` with the
same node and edge attributes as :func:`pharmgraph.analysis.project`, so that every analysis
runs the same code on it. Nothing else of the store is read.

Topology comes from the plain triples ``S pg:<predicate> O`` (only non-negated statements have
one): one index scan per entity, no joins. Hedged and negated statements, which are few, are
read once per question from their own index; evidence only for the edges an answer shows.

Examples
--------
>>> from pharmgraph.model import Entity, Statement
>>> from pharmgraph.store import open_store
>>> store = open_store(":memory:")
>>> d, t = Entity("x:d", "drug d", "Drug"), Entity("x:t", "target t", "Protein")
>>> _ = store.ingest([Statement(d, "inhibits", t)])
>>> local = LocalGraph(store)
>>> sorted(local.curie(i) for i in local.expand([local.iri("x:d")], "out"))
['x:t']
>>> g = local.to_graph()
>>> g.edges["x:d", "x:t", "inhibits"]["sign"], g.nodes["x:t"]["group"]
(-1, 'Target')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import networkx as nx

from pharmgraph.analysis import queries as q
from pharmgraph.analysis.projection import _depth, edge_attributes
from pharmgraph.identifiers import digest, entity_iri, iri_to_curie
from pharmgraph.rdf import PG, STATEMENT_BASE, document_iri, document_name
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import ENTITY_TYPES, PREDICATES, is_subtype, type_group

Key = tuple[str, str, str, bool]
"""An edge: subject IRI, predicate name, object IRI, negated."""

_EVIDENCE_PROPERTIES = {
    "http://www.w3.org/ns/prov#wasDerivedFrom": "doc",
    PG + "sentence": "text",
    PG + "start": "start",
    PG + "end": "end",
    PG + "source": "src",
    PG + "record": "rec",
    PG + "citesReference": "ref",
}


_HAS_EVIDENCE = PG + "hasEvidence"


def _predicate_name(iri: str) -> str:
    return iri[len(PG):] if iri.startswith(PG) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def origin_of(curated: bool, text: bool) -> str:
    """Return ``curated``, ``text-mined`` or ``both`` for an edge's evidence."""
    if curated and text:
        return "both"
    return "curated" if curated else "text-mined"


class LocalGraph:
    """Reads parts of a store for one question; see the module docstring.

    Parameters
    ----------
    store : GraphStore
    documents : sequence of str, optional
        Only statements read in these documents.
    asserted_only : bool
        Leave out edges that no document asserts (only hedged).
    """

    def __init__(
        self, store: GraphStore, documents: Sequence[str] | None = None, asserted_only: bool = False
    ) -> None:
        self.store = store
        self.documents = None if documents is None else list(dict.fromkeys(documents))
        self.graph_iris = None if self.documents is None else [document_iri(d) for d in self.documents]
        self.asserted_only = asserted_only
        self.info: dict[str, dict[str, Any]] = {}
        self.edges: dict[Key, dict[str, Any]] = {}
        self.expanded: dict[str, set[str]] = {"out": set(), "in": set()}
        self.evidence_of: dict[Key, list[dict[str, Any]]] = {}
        self._hedged: set[tuple[str, str, str, str]] | None = None
        self._negated: dict[tuple[str, str, str], list[tuple[str, str]]] | None = None
        self._types: dict[str, set[str]] = {}
        self._adjacent: dict[str, dict[str, set[str]]] = {"out": {}, "in": {}}
        self._by_node: dict[str, set[Key]] = {}
        self._hierarchy: bool | None = None
        self._of_types: dict[tuple[str, ...], set[str]] = {}
        self.names_only = False
        """Whether :meth:`load_entities` reads only names unless told otherwise (for graphs
        that are counted, not shown)."""

    # -- names -------------------------------------------------------------------------
    @staticmethod
    def iri(curie: str) -> str:
        """Return the IRI of an entity from its CURIE."""
        return entity_iri(curie)

    def curie(self, iri: str) -> str:
        """Return the CURIE of an entity IRI (the stored ``pg:curie`` when read)."""
        info = self.info.get(iri)
        if info is not None and info.get("id"):
            return info["id"]
        return iri_to_curie(iri)

    def _rows(self, query: str, names: Sequence[str]):
        return q.rows(self.store, query, names)

    def resolve(self, name: str, types: Iterable[str] | str | None = None) -> str:
        """Return the IRI of the entity a CURIE, label or synonym names, ignoring case.

        Same rules and messages as :func:`pharmgraph.analysis.resolve_entity`: exact strings
        are looked up in the store's indexes first, then names are compared ignoring case;
        every name is read only when nothing matches, to suggest the closest ones.
        """
        from pharmgraph.analysis.resolve import check_types, resolve_entity

        types = check_types(types)
        text = name.strip()
        variants = {text, text.casefold(), text.lower(), text.upper(), text.title(),
                    text.capitalize()}
        if ":" in text:
            prefix, _, rest = text.partition(":")
            variants |= {f"{prefix.upper()}:{rest}", f"{prefix.lower()}:{rest}"}
        query = q.render("resolve_exact", names=" ".join(q.literal(v) for v in sorted(variants)))
        found = [e for (e,) in self._rows(query, ("e",))]
        if not found:
            query = q.render("resolve_folded", name=q.literal(text.casefold()))
            found = [e for (e,) in self._rows(query, ("e",))]
        if found:
            self.load_entities(found)
            candidates = {e: self.node(e) for e in found}
        else:
            candidates = self._all_names()
        mini = nx.MultiDiGraph()
        by_curie = {}
        for iri, node in candidates.items():
            mini.add_node(node["id"], **node)
            by_curie[node["id"]] = iri
        return by_curie[resolve_entity(mini, text, types)]

    def _all_names(self) -> dict[str, dict[str, Any]]:
        props: dict[str, dict[str, set[str]]] = {}
        for e, k, v in self._rows(q.load("names"), ("e", "k", "v")):
            props.setdefault(e, {}).setdefault(k, set()).add(v)
        out = {}
        for e, p in props.items():
            kinds = {t[len(PG):] for t in p.get("type", ()) if t[len(PG):] in ENTITY_TYPES}
            kind = min(kinds or {"Entity"}, key=lambda k: (-_depth(k), k))
            curie = min(p.get("curie") or {iri_to_curie(e)})
            out[e] = {"id": curie, "label": min(p.get("label") or {curie}), "type": kind,
                      "group": type_group(kind), "synonyms": sorted(p.get("synonym", ())),
                      "broader": []}
        return out

    # -- statements ----------------------------------------------------------------------
    def hedged(self) -> set[tuple[str, str, str, str]]:
        """``(s, p, o, graph)`` of every hedged statement (read once)."""
        if self._hedged is None:
            query = q.render("hedged", graphs=q.graphs_clause(self.graph_iris))
            self._hedged = set(self._rows(query, ("s", "p", "o", "g")))
        return self._hedged

    def negated(self) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
        """``{(s, p, o): [(graph, certainty), ...]}`` of every negated statement (read once)."""
        if self._negated is None:
            out: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
            query = q.render("negated", graphs=q.graphs_clause(self.graph_iris))
            for s, p, o, g, cert in self._rows(query, ("s", "p", "o", "g", "cert")):
                out.setdefault((s, p, o), []).append((g, cert or "asserted"))
            self._negated = out
        return self._negated

    def _add(self, s: str, p: str, o: str, g: str, negated: bool, cert: str) -> None:
        key = (s, _predicate_name(p), o, negated)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = {"graphs": set(), "certainty": cert}
        edge["graphs"].add(g)
        self._by_node.setdefault(s, set()).add(key)
        self._by_node.setdefault(o, set()).add(key)
        if not negated:
            self._adjacent["out"].setdefault(s, set()).add(o)
            self._adjacent["in"].setdefault(o, set()).add(s)
        if cert == "asserted":
            edge["certainty"] = "asserted"

    def expand(
        self,
        entities: Iterable[str],
        way: str,
        *,
        subject_type: str | None = None,
        predicates: Sequence[str] | None = None,
        object_types: Sequence[str] | None = None,
    ) -> set[str]:
        """Read the non-negated statements leaving (``"out"``) or reaching (``"in"``) some
        entities; return the IRIs of the entities at their other end.

        ``subject_type`` (with ``"in"``) keeps only statements whose subject has that type
        (``Drug``); ``object_types`` (with ``"out"``) only those whose object has one of these
        types or a subtype; ``predicates`` only those predicates. An entity expanded with a
        restriction is not marked as fully expanded.
        """
        entities = list(entities)
        restricted = bool(subject_type or predicates or object_types)
        wanted = [e for e in dict.fromkeys(entities) if e not in self.expanded[way]]
        found: set[str] = set()
        if not restricted:
            for e in self.expanded[way].intersection(entities):
                found |= self._ends(e, way)
        else:
            wanted = list(dict.fromkeys(entities))
        if not wanted:
            return found
        hedged = self.hedged()
        values = ", ".join(f"<{PG}{p}>" for p in predicates) if predicates else q.PREDICATE_VALUES
        allowed = {f"{PG}{p}" for p in (predicates or PREDICATES)}
        # Types are checked against the entities of those types, read once: a FILTER EXISTS
        # per row costs a lookup in every graph (110 us a row at 15 M quads).
        # Subjects of a type (with "in") are checked by the engine, joined once with a
        # sub-select of the entities of that type (edges_in_typed.rq).
        subjects = self.of_types((subject_type,)) if subject_type and way == "out" else None
        typed = f"<{PG}{subject_type}>" if subject_type and way == "in" else ""
        objects = None
        if object_types:
            objects = self.of_types(tuple(k for k in ENTITY_TYPES if any(is_subtype(k, t) for t in object_types)))
        name = "edges_out" if way == "out" else ("edges_in_typed" if typed else "edges_in")
        var, pattern = ("?s", "GRAPH ?g { {e} ?p ?o }") if way == "out" else ("?o", "GRAPH ?g { ?s ?p {e} }")
        for batch in q.batches(wanted):
            query = q.render(name, branches=q.branches(var, batch, pattern), predicates=values,
                             graphs=q.graphs_clause(self.graph_iris), type=typed)
            for s, p, o, g in self._rows(query, ("s", "p", "o", "g")):
                if (subjects is not None and s not in subjects) or (objects is not None and o not in objects):
                    continue
                if typed and p not in allowed:
                    continue
                cert = "hedged" if (s, p, o, g) in hedged else "asserted"
                self._add(s, p, o, g, False, cert)
                found.add(o if way == "out" else s)
        if not restricted:
            self.expanded[way].update(wanted)
        return found

    def link_counts(self, entities: Sequence[str]) -> dict[str, int]:
        """For every entity one non-negated statement away from ``entities`` (one query: a
        few hundred entities at most): how many distinct statements (subject, predicate,
        object) link it to them, counted by the engine (the statements are not read)."""
        batch = list(dict.fromkeys(entities))
        branches = " UNION ".join((
            q.branches("?y", batch, "GRAPH ?g { {e} ?p ?x } BIND(1 AS ?dir)"),
            q.branches("?y", batch, "GRAPH ?g { ?x ?p {e} } BIND(0 AS ?dir)")))
        query = q.render("link_counts", branches=branches, predicates=q.PREDICATE_VALUES,
                         graphs=q.graphs_clause(self.graph_iris))
        return {x: int(n) for x, n in self._rows(query, ("x", "n"))}

    def expand_between(self, entities: Sequence[str], others: Iterable[str]) -> None:
        """Read the non-negated statements, either way, between ``entities`` and ``others``
        (the entities are not marked as expanded)."""
        hedged = self.hedged()
        wanted = q.iris(sorted(set(others)))
        for batch in q.batches(list(dict.fromkeys(entities))):
            branches = " UNION ".join((
                q.branches("?s", batch, "GRAPH ?g { {e} ?p ?o } BIND(?o AS ?x)"),
                q.branches("?o", batch, "GRAPH ?g { ?s ?p {e} } BIND(?s AS ?x)")))
            query = q.render("edges_between", branches=branches, predicates=q.PREDICATE_VALUES,
                             graphs=q.graphs_clause(self.graph_iris), others=wanted)
            for s, p, o, g in self._rows(query, ("s", "p", "o", "g")):
                self._add(s, p, o, g, False, "hedged" if (s, p, o, g) in hedged else "asserted")

    def of_types(self, kinds: tuple[str, ...]) -> set[str]:
        """The IRIs of every entity with one of these types (exactly these; read once)."""
        cached = self._of_types.get(kinds)
        if cached is None:
            query = "SELECT DISTINCT ?e WHERE { " + q.branches("?t", [PG + k for k in kinds], "?e rdf:type {e}") + " }"
            cached = self._of_types[kinds] = {e for (e,) in self._rows(query, ("e",))}
        return cached

    def steps(self, entities: Iterable[str], include_negated: bool = False) -> set[str]:
        """Entities one edge away from ``entities`` (among the edges read), either way,
        over the edges that survive the filters."""
        out: set[str] = set()
        for e in entities:
            for key in self._by_node.get(e, ()):
                if (include_negated or not key[3]) and self.keep(key):
                    out.add(key[2] if key[0] == e else key[0])
        return out

    def _ends(self, entity: str, way: str) -> set[str]:
        return set(self._adjacent[way].get(entity, ()))

    def add_negated(self, entities: Iterable[str] | None = None, *, both_ends: bool = False) -> set[str]:
        """Add the negated statements touching ``entities`` (all with None); with
        ``both_ends`` only those whose subject and object are both among them. Returns the
        entities they reach."""
        wanted = None if entities is None else set(entities)
        reached: set[str] = set()
        for (s, p, o), found in self.negated().items():
            if wanted is not None:
                hit = (s in wanted and o in wanted) if both_ends else (s in wanted or o in wanted)
                if not hit:
                    continue
            for g, cert in found:
                self._add(s, p, o, g, True, cert)
            reached.update((s, o))
        return reached

    # -- entities ------------------------------------------------------------------------
    def load_entities(self, entities: Iterable[str], names_only: bool | None = None) -> None:
        """Read the CURIE, type, labels, synonyms, broader links and xrefs of entities
        (``names_only``: not synonyms and xrefs, for entities that are counted, not shown;
        by default :attr:`names_only`)."""
        if names_only is None:
            names_only = self.names_only
        wanted = [e for e in dict.fromkeys(entities) if e not in self.info]
        raw: dict[str, dict[str, list[str]]] = {e: {} for e in wanted}
        for batch in q.batches(wanted):
            query = q.render("entity_names" if names_only else "entities", entities=q.iris(batch))
            for e, k, v in self._rows(query, ("e", "k", "v")):
                raw[e].setdefault(k, []).append(v)
        for e, props in raw.items():
            kinds = {t[len(PG):] for t in props.get("type", ()) if t.startswith(PG)}
            kinds = {k for k in kinds if k in ENTITY_TYPES} or {"Entity"}
            self._types[e] = kinds
            kind = min(kinds, key=lambda k: (-_depth(k), k))
            curie = min(props["curie"]) if props.get("curie") else iri_to_curie(e)
            labels = props.get("label")
            self.info[e] = {
                "id": curie,
                "label": min(labels) if labels else curie,
                "type": kind,
                "group": type_group(kind),
                "synonyms": sorted(set(props.get("synonym", ()))),
                "_broader": sorted(set(props.get("broader", ()))),
                "_xrefs": sorted(set(props.get("xref", ()))),
                "known": bool(props),
            }

    def types(self, entities: Iterable[str]) -> dict[str, str]:
        """Return the most specific type of each entity, reading only ``rdf:type``."""
        wanted = [e for e in dict.fromkeys(entities) if e not in self._types]
        found: dict[str, set[str]] = {e: set() for e in wanted}
        for batch in q.batches(wanted):
            for e, t in self._rows(q.render("types", entities=q.iris(batch)), ("e", "t")):
                if t.startswith(PG) and t[len(PG):] in ENTITY_TYPES:
                    found[e].add(t[len(PG):])
        for e, kinds in found.items():
            self._types[e] = kinds or {"Entity"}
        out = {}
        for e in entities:
            kinds = self._types.get(e) or {"Entity"}
            out[e] = min(kinds, key=lambda k: (-_depth(k), k))
        return out

    def has_hierarchy(self) -> bool:
        """Whether any entity of the store has a broader one (asked once)."""
        if self._hierarchy is None:
            self._hierarchy = self.store.ask("ASK { ?x skos:broader ?y }")
        return self._hierarchy

    def ancestors(self, entities: Iterable[str]) -> set[str]:
        """Read the ``broader`` hierarchy above entities; return every entity above them."""
        wanted = list(dict.fromkeys(entities))
        if not self.has_hierarchy():
            self.load_entities(wanted)
            return set()
        # The broader links of entities already read are known (load_entities reads them);
        # only the others are asked for, a frontier at a time.
        links: dict[str, set[str]] = {}
        frontier, seen = list(wanted), set(wanted)
        while frontier:
            found: list[str] = []
            unread = [e for e in frontier if e not in self.info]
            for e in frontier:
                if e in self.info:
                    for y in self.info[e]["_broader"]:
                        links.setdefault(e, set()).add(y)
                        if y not in seen:
                            seen.add(y)
                            found.append(y)
            for batch in q.batches(unread):
                for x, y in self._rows(q.render("ancestors", entities=q.iris(batch)), ("x", "y")):
                    links.setdefault(x, set()).add(y)
                    if y not in seen:
                        seen.add(y)
                        found.append(y)
            frontier = found
        self.load_entities({*wanted, *links, *(y for ys in links.values() for y in ys)})
        above = self.above(wanted)
        self.load_entities(above)
        return above

    def above(self, entities: Iterable[str]) -> set[str]:
        """Every entity above some entities through the ``broader`` links read so far."""
        out: set[str] = set()
        stack = list(entities)
        while stack:
            for parent in self.info.get(stack.pop(), {}).get("_broader", ()):
                if parent not in out:
                    out.add(parent)
                    stack.append(parent)
        return out

    def descendants(self, entities: Iterable[str]) -> set[str]:
        """Return every entity below some entities through ``broader``."""
        out: set[str] = set()
        if not self.has_hierarchy():
            return out
        frontier = list(dict.fromkeys(entities))
        seen = set(frontier)
        while frontier:
            found: list[str] = []
            for batch in q.batches(frontier):
                for (d,) in self._rows(q.render("descendants", entities=q.iris(batch)), ("d",)):
                    out.add(d)
                    if d not in seen:
                        seen.add(d)
                        found.append(d)
            frontier = found
        return out

    # -- evidence ------------------------------------------------------------------------
    def load_evidence(self, keys: Iterable[Key] | None = None) -> None:
        """Read the evidence (sentences or database records) of some edges (all with None)."""
        wanted = [k for k in (self.edges if keys is None else keys)
                  if k in self.edges and k not in self.evidence_of]
        by_claim: dict[tuple[str, str, str], list[Key]] = {}
        for key in wanted:
            by_claim.setdefault((key[0], key[1], key[2]), []).append(key)
            self.evidence_of[key] = []
        found: dict[Key, dict[str, dict[str, Any]]] = {k: {} for k in wanted}
        props: dict[tuple[str, str], dict[str, list[str]]] = {}
        nodes = self._statement_nodes(wanted, props)
        shared = self._shared_sources({g for _, g in nodes.values()}) if props else {}
        for (st, ev), p in props.items():
            key, g = nodes[st]
            items = found[key]
            if ev in items:
                continue
            doc, text = p.get("doc", [None])[0], p.get("text", [""])[0]
            start, end = p.get("start", [None])[0], p.get("end", [None])[0]
            item = items[ev] = {
                "document": document_name(doc) if doc else document_name(g),
                "text": text or "",
                "start": int(start) if start is not None else None,
                "end": int(end) if end is not None else None,
                "references": sorted(p.get("ref", ())),
            }
            source = p["src"][0] if p.get("src") else shared.get(g)
            if source:
                item["source"] = iri_to_curie(source)
                item["record"] = p.get("rec", [None])[0]
        for key, items in found.items():
            ordered = sorted(
                items.values(),
                key=lambda e: (e["document"], e["start"] if e["start"] is not None else -1, e["text"],
                               e.get("record") or ""),
            )
            for item in ordered:
                item["references"].sort()
            self.evidence_of[key] = ordered

    def _shared_sources(self, graphs: Iterable[str]) -> dict[str, str]:
        """The source each of some graphs states for all its evidence (model 2), by graph."""
        out: dict[str, str] = {}
        for batch in q.batches(sorted(graphs)):
            query = ("SELECT ?g ?src WHERE { VALUES ?g { " + q.iris(batch) + " } "
                     "GRAPH ?g { ?g pg:source ?src } }")
            for g, src in self._rows(query, ("g", "src")):
                out.setdefault(g, src)
        return out

    def _evidence_rows(self, statements: Sequence[str],
                       props: dict[tuple[str, str], dict[str, list[str]]]) -> set[str]:
        """Read the evidence properties of some statement nodes into ``props``
        (``{(node, evidence node): {property: values}}``); return the nodes that have
        evidence (a node the store holds without any is found again by a search)."""
        held: set[str] = set()
        rows: list[tuple[str, str, str, str]] = []
        pieces: dict[str, list[str]] = {}  # evidence node -> the statement nodes it backs
        for batch in q.batches(list(statements)):
            for st, k, v in self._rows(q.render("evidence", statements=q.iris(batch)), ("st", "k", "v")):
                held.add(st)
                if k == _HAS_EVIDENCE:
                    pieces.setdefault(v, []).append(st)
                else:
                    rows.append((st, st, k, v))
        for batch in q.batches(list(pieces)):
            for ev, k, v in self._rows(q.render("evidence_nodes", nodes=q.iris(batch)), ("ev", "k", "v")):
                rows.extend((st, ev, k, v) for st in pieces[ev])
        for st, ev, k, v in rows:
            name = _EVIDENCE_PROPERTIES.get(k)
            if name is not None and st in held:
                values = props.setdefault((st, ev), {}).setdefault(name, [])
                if v not in values:
                    values.append(v)
        return held

    def _statement_nodes(self, keys: Sequence[Key],
                         props: dict[tuple[str, str], dict[str, list[str]]]) -> dict[str, tuple[Key, str]]:
        """Find the statement nodes of some edges, ``{node IRI: (edge, graph)}``, and read
        their evidence properties into ``props`` (see :meth:`_evidence_rows`).

        pharmgraph names a statement node after its claim and document
        (:func:`pharmgraph.rdf.statement_iri`), so the evidence is first read for the named
        nodes, whether the store holds them or not; claims none of whose named nodes has
        evidence (a store written otherwise, or statements without evidence) are searched.
        """
        self.load_entities({e for k in keys for e in (k[0], k[2])})
        named: dict[str, tuple[Key, str]] = {}
        for key in keys:
            s, predicate, o, negated = key
            claim = (self.curie(s), predicate, self.curie(o), negated)
            for g in self.edges[key]["graphs"]:
                named[STATEMENT_BASE + digest(*claim, document_name(g))] = (key, g)
        nodes = {st: named[st] for st in self._evidence_rows(list(named), props)}
        seen = {key for key, _ in nodes.values()}
        missing = [k for k in keys if k not in seen]
        searched: dict[str, tuple[Key, str]] = {}
        for batch in q.batches([(k[0], k[1], k[2]) for k in missing], 150):
            claims = " ".join(f"(<{s}> <{PG}{p}> <{o}>)" for s, p, o in batch)
            query = q.render("statement_nodes", claims=claims, graphs=q.graphs_clause(self.graph_iris))
            for s, p, o, neg, g, st in self._rows(query, ("s", "p", "o", "neg", "g", "st")):
                key = (s, _predicate_name(p), o, neg in ("true", "1"))
                if key in self.edges:
                    searched[st] = (key, g)
        if searched:
            self._evidence_rows(list(searched), props)  # held: found by their claim
            nodes.update(searched)
        return nodes

    # -- assembling ----------------------------------------------------------------------
    def node(self, iri: str) -> dict[str, Any]:
        """Return the node attributes of an entity, as :func:`project` writes them."""
        info = self.info.get(iri)
        if info is None:
            curie = iri_to_curie(iri)
            return {"id": curie, "label": curie, "type": "Entity", "group": "Entity",
                    "synonyms": [], "broader": []}
        return {
            "id": info["id"],
            "label": info["label"],
            "type": info["type"],
            "group": info["group"],
            "synonyms": list(info["synonyms"]),
            "broader": sorted({self.curie(b) for b in info["_broader"]}),
        }

    def keep(self, key: Key) -> bool:
        """Whether an edge survives the ``asserted_only`` filter."""
        return not (self.asserted_only and self.edges[key]["certainty"] != "asserted")

    def to_graph(
        self,
        *,
        include_negated: bool = False,
        evidence: bool = False,
        nodes: Iterable[str] | None = None,
        edge_ok: Callable[[Key], bool] | None = None,
    ) -> nx.MultiDiGraph:
        """Return the edges read so far as a graph shaped like :func:`project`'s.

        Parameters
        ----------
        include_negated : bool
            Add negated statements as edges keyed ``not_<predicate>``.
        evidence : bool
            Read and attach the evidence of every edge (else ``evidence`` is empty and
            ``evidence_count`` counts the graphs that state the edge).
        nodes : iterable of str, optional
            Only edges between these entity IRIs.
        edge_ok : callable, optional
            Only edges whose key it accepts.
        """
        allowed = None if nodes is None else set(nodes)
        keys = [k for k in self.edges if self.keep(k)
                and (allowed is None or (k[0] in allowed and k[2] in allowed))
                and (edge_ok is None or edge_ok(k))]
        self.load_entities({e for k in keys for e in (k[0], k[2])})
        if evidence:
            self.load_evidence([k for k in keys if include_negated or not k[3]])
        graph = nx.MultiDiGraph()
        negated_rows: list[dict[str, Any]] = []
        seen_graphs: set[str] = set()
        names: dict[str, str] = {}  # document names of graph IRIs (few graphs, many edges)
        for key in sorted(keys):
            s_iri, predicate, o_iri, neg = key
            edge = self.edges[key]
            seen_graphs |= edge["graphs"]
            s, o = self.curie(s_iri), self.curie(o_iri)
            obj = self.node(o_iri)
            items = [dict(e) for e in self.evidence_of.get(key, ())]
            count = len(items) if key in self.evidence_of else len(edge["graphs"])
            data = {
                "predicate": predicate,
                **edge_attributes(predicate, obj["type"], obj["label"]),
                "certainty": edge["certainty"],
                "negated": neg,
                "evidence": items,
                "documents": sorted({names.get(g) or names.setdefault(g, document_name(g))
                                     for g in edge["graphs"]}),
                "evidence_count": count,
            }
            if key in self.evidence_of:
                data["origin"] = origin_of(any("source" in e for e in items),
                                           any("source" not in e for e in items) or not items)
            if neg:
                negated_rows.append({
                    "subject": s, "subject_label": self.node(s_iri)["label"],
                    "predicate": predicate, "object": o, "object_label": obj["label"],
                    "certainty": data["certainty"], "evidence": items,
                    "documents": data["documents"], "evidence_count": count,
                })
                if not include_negated:
                    continue
            for iri, curie in ((s_iri, s), (o_iri, o)):
                if curie not in graph:
                    graph.add_node(curie, **self.node(iri))
            graph.add_edge(s, o, key=("not_" + predicate) if neg else predicate, **data)
        negated_rows.sort(key=lambda n: (n["subject_label"], n["predicate"], n["object_label"]))
        graph.graph.update(
            negated=negated_rows,
            entities={info["id"]: self.node(iri) for iri, info in sorted(self.info.items())
                      if info.get("known")},
            documents=self.documents if self.documents is not None
            else sorted(document_name(g) for g in seen_graphs),
            asserted_only=self.asserted_only,
            local=True,
        )
        return graph


def is_type(kind: str, types: Iterable[str]) -> bool:
    """Whether entity type ``kind`` is one of ``types`` or below one."""
    return any(is_subtype(kind, t) for t in types)



RING_LIMIT = 300
"""Largest outer ring of a focus view whose statements among themselves are read."""


def drugs_graph(
    store: GraphStore,
    drugs: Sequence[str],
    object_types: Sequence[str],
    *,
    level: bool = True,
    documents: Sequence[str] | None = None,
    asserted_only: bool = False,
    evidence: bool = False,
    include_negated: bool = False,
    edge_ok: Callable[[str, str, str], bool] | None = None,
    top: int | None = None,
    min_shared: int = 1,
    contenders: Callable[[nx.MultiDiGraph, str], set[str]] | None = None,
    whole_profiles: bool = True,
) -> tuple[nx.MultiDiGraph, list[str], LocalGraph]:
    """Read what the drug-to-drug questions need about some drugs, and nothing more.

    That is: the statements of the given drugs; the entities of ``object_types`` they act
    on, the hierarchy above those and everything below it; the other drugs acting on any of
    these; the statements of those drugs and the hierarchy above their objects (for the
    Jaccard index of whole profiles); the negated statements of all these drugs (edges too
    with ``include_negated``). ``evidence`` reads the evidence of every edge (for views).
    ``edge_ok(predicate, object type, object label)`` says which statements of the given
    drugs count (target roles): the others' objects are looked for only from those.

    ``top`` (one given drug, with ``edge_ok``): only the best ``top`` other drugs will be
    shown, so the profiles are read only of the other drugs that can meet the given one as
    often as the ``top``-th best surely does (and ``min_shared`` times): the rest cannot be
    among the rows shown, whatever their Jaccard index (see :func:`_best_met`). With
    ``contenders(graph, given CURIE)`` too, that function is given the graph of the given
    drug's statements and the others' statements onto the given drug's targets, their
    hierarchy and what lies below (enough to count every pair's meeting points exactly), and
    returns the CURIEs of the other drugs whose whole profiles are then read (those that can be
    shown: the rest meet the given drug fewer times than the ``top``-th best).

    ``whole_profiles=False``: the other drugs' whole profiles are not read at all; the graph
    holds the given drugs' statements, the others' statements onto what the given drugs'
    profiles can meet (their targets, the hierarchy above them and everything below it) and
    the negated statements of all of them. Every meeting point, and the intersection of any
    two profiles of a given and another drug, is then known; the sizes of the others'
    profiles are not (:mod:`pharmgraph.analysis.profile_sizes` keeps them).

    Returns
    -------
    (graph, given, local)
        The graph (shaped like :func:`project`'s), the CURIEs of the given drugs in order,
        and the :class:`LocalGraph` it was read with.
    """
    local = LocalGraph(store, documents, asserted_only)
    given_iris = list(dict.fromkeys(local.resolve(d, types="Drug") for d in drugs))
    # Without the whole profiles the graph is only counted, never shown: names suffice.
    local.names_only = not whole_profiles
    objects = local.expand(given_iris, "out")
    local.load_entities({*given_iris, *objects})
    pool = {o for o in objects if is_type(local.info[o]["type"], object_types)}
    if edge_ok is not None:
        given_set = set(given_iris)
        pool = {k[2] for k in local.edges if k[0] in given_set and not k[3] and k[2] in pool
                and local.keep(k)
                and edge_ok(k[1], local.info[k[2]]["type"], local.info[k[2]]["label"])}
    targets = set(pool)
    if level:
        pool |= local.ancestors(pool)
        pool |= local.descendants(pool)
    others = local.expand(pool, "in", subject_type="Drug") - set(given_iris)
    if top and edge_ok is not None and len(given_iris) == 1 and others:
        others = _best_met(local, others, pool, targets, edge_ok, object_types, level, top, min_shared)
    if not whole_profiles:
        given_set = set(given_iris)
        local.load_entities(others, names_only=True)
        local.add_negated({*given_iris, *others})
        graph = local.to_graph(evidence=evidence, include_negated=include_negated,
                               edge_ok=lambda k: k[0] in given_set or (k[0] in others and k[2] in pool))
        return graph, [local.curie(i) for i in given_iris], local
    if top and edge_ok is not None and len(given_iris) == 1 and others:
        if contenders is not None and len(others) > top:
            given_set = set(given_iris)
            partial = local.to_graph(edge_ok=lambda k: k[0] in given_set or (k[0] in others and k[2] in pool))
            keep = contenders(partial, local.curie(given_iris[0]))
            others = {o for o in others if local.curie(o) in keep}
    # The other drugs' profiles need only their statements onto entities of these types;
    # with a limit, the objects that are only counted (outside the pool) without synonyms.
    objects = local.expand(others, "out", object_types=object_types)
    local.load_entities(others)
    local.load_entities(objects, names_only=bool(top))
    if level:
        local.ancestors({o for o in objects if is_type(local.info[o]["type"], object_types)})
    local.add_negated({*given_iris, *others})
    graph = local.to_graph(evidence=evidence, include_negated=include_negated,
                           edge_ok=lambda k: k[0] in others or k[0] in given_iris)
    return graph, [local.curie(i) for i in given_iris], local


def _best_met(local: LocalGraph, others: set[str], pool: set[str], targets: set[str],
              edge_ok: Callable[[str, str, str], bool], object_types: Sequence[str], level: bool,
              top: int, min_shared: int) -> set[str]:
    """The other drugs that can be among the ``top`` best meeting the given drug.

    A pair's meeting points (:func:`pharmgraph.analysis.shared_targets`) number at least the
    targets both act on directly (``low``) and at most the nodes of the given drug's closure
    (its targets and, with ``level``, everything above them) that the other's closure holds
    (``high``). A drug whose ``high`` is below the ``top``-th best ``low`` cannot be shown.
    """
    local.load_entities(pool)

    closure = set(targets)
    if level:
        closure |= local.above(targets)
    direct: dict[str, set[str]] = {}
    for key in local.edges:
        s, p, o, negated = key
        if negated or s not in others or o not in pool or not local.keep(key):
            continue
        info = local.info[o]
        if is_type(info["type"], object_types) and edge_ok(p, info["type"], info["label"]):
            direct.setdefault(s, set()).add(o)
    low = {s: len(v & targets) for s, v in direct.items()}
    high = {}
    for s, v in direct.items():
        reach = v | local.above(v) if level else v
        high[s] = len(reach & closure)
    best = sorted(low.values(), reverse=True)
    floor = max(min_shared, 1, best[top - 1] if len(best) >= top else 0)
    return {s for s, n in high.items() if n >= floor}


def focus_graph(
    store: GraphStore,
    names: Sequence[str],
    radius: int = 1,
    *,
    documents: Sequence[str] | None = None,
    asserted_only: bool = False,
    include_negated: bool = False,
    evidence: bool = True,
    ring_limit: int | None = RING_LIMIT,
    max_nodes: int | None = None,
    count_last_ring: bool = True,
) -> tuple[nx.MultiDiGraph, list[str]]:
    """Return the neighbourhood of some entities, ``radius`` steps out in either direction.

    A breadth-first search run as frontier queries; negated statements are steps only with
    ``include_negated`` (as in a projected graph that draws them). The same graph as
    :func:`neighbourhood` cuts from the whole projection, except that statements between
    two entities of the outer ring are read only when that ring holds at most
    ``ring_limit`` entities (None: always): around a hub they would be most of the work and
    of the drawing. ``graph.graph["outer_ring_edges"]`` says whether they were read.

    With ``max_nodes``, a neighbourhood reaching more entities keeps that many: the nearest
    first and, within the ring that does not fit whole, those with the most statements to the
    entities kept nearer (then by IRI); entities, evidence and the outer ring's statements
    are read only for those. When that ring is the last (and negated statements are not
    drawn), its entities' statements to the ring before are counted by the engine
    (:meth:`LocalGraph.link_counts`) and read only for the entities kept (``count_last_ring``;
    False reads them all, the same graph). ``graph.graph["reached"]`` is the number of entities the search
    reached, ``graph.graph["not_drawn"]`` how many were left out.

    Returns
    -------
    (graph, ids)
        The graph and the CURIEs of the entities asked about.
    """
    local = LocalGraph(store, documents, asserted_only)
    start = list(dict.fromkeys(local.resolve(n) for n in names))
    seen = dict.fromkeys(start, 0)
    frontier = list(start)
    limit = None if max_nodes is None else max(max_nodes, len(start))
    counted = False
    for depth in range(radius):
        if (count_last_ring and limit is not None and depth == radius - 1 and frontier and len(seen) < limit
                and len(frontier) <= q.BATCH and not include_negated
                and not (asserted_only and local.hedged())):
            # The last ring: when it does not fit, the engine counts each entity's links to
            # the frontier (what _nearest ranks by) and only the kept ones' are read.
            links = local.link_counts(frontier)
            ring = sorted(e for e in links if e not in seen)
            if len(seen) + len(ring) > limit:
                reached_count = len(seen) + len(ring)
                ring.sort(key=lambda e: (-links[e], e))
                frontier = ring[: limit - len(seen)]
                seen.update(dict.fromkeys(frontier, depth + 1))
                local.expand_between(list(e for e, d in seen.items() if d == depth), seen)
                counted = True
                break
        local.expand(frontier, "out")
        local.expand(frontier, "in")
        if include_negated:
            local.add_negated(frontier)
        reached = local.steps(frontier, include_negated)
        frontier = [r for r in sorted(reached) if r not in seen]
        for r in frontier:
            seen[r] = depth + 1
        if not frontier:
            break
    if not counted:
        reached_count = len(seen)
    if not counted and max_nodes is not None and len(seen) > max(max_nodes, len(start)):
        seen = _nearest(local, seen, max(max_nodes, len(start)), include_negated)
        outer = max(seen.values())
        frontier = [e for e, d in seen.items() if d == outer and d > 0]
    # Statements between two entities of the outer ring were not read yet.
    ring_edges = ring_limit is None or len(frontier) <= ring_limit
    if ring_edges:
        local.expand(frontier, "out")
    if include_negated:
        local.add_negated(seen, both_ends=True)
    local.load_entities(seen)
    graph = local.to_graph(include_negated=include_negated, evidence=evidence, nodes=seen)
    for iri in seen:
        curie = local.curie(iri)
        if curie not in graph:
            graph.add_node(curie, **local.node(iri))
    graph.graph["outer_ring_edges"] = ring_edges
    graph.graph["reached"] = reached_count
    graph.graph["not_drawn"] = reached_count - len(seen)
    return graph, [local.curie(i) for i in start]


def _nearest(local: LocalGraph, seen: dict[str, int], limit: int, include_negated: bool) -> dict[str, int]:
    """The ``limit`` entities of a breadth-first search to keep (see :func:`focus_graph`)."""
    kept: dict[str, int] = {}
    for depth in range(max(seen.values()) + 1):
        ring = [e for e, d in seen.items() if d == depth]
        if len(kept) + len(ring) <= limit:
            kept.update(dict.fromkeys(ring, depth))
            continue
        links: dict[str, int] = {}
        for e in ring:
            n = 0
            for key in local._by_node.get(e, ()):
                if (include_negated or not key[3]) and local.keep(key):
                    other = key[2] if key[0] == e else key[0]
                    n += other in kept
            links[e] = n
        ring.sort(key=lambda e: (-links[e], e))
        kept.update(dict.fromkeys(ring[: limit - len(kept)], depth))
        break
    return kept

