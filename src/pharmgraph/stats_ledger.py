"""The counts of an embedded store, kept up to date by the writers that change it.

At Hetionet scale counting a store reads every quad (a minute for 15 M quads), so
:meth:`pharmgraph.store.OxigraphStore.stats` keeps its counts in a ledger beside the store
(:data:`pharmgraph.store.STATS_FILE`): one entry per named graph (quads, statements, negated
and hedged statements, statements by predicate, whether it is a document graph) and the number
of distinct claims. A writer that found the ledger matching the store's files, or created the
store, changes the ledger as it writes and saves it, for the files as they are then, when it
closes after a clean flush; any other write (a raw RDF load, an interrupted writer) leaves the
ledger not matching, and the next ``stats`` counts the whole store again, once.

Graph entries are counted from the quads a writer writes, as N-Triples terms
(:func:`graph_counts`): the same for pyoxigraph quads and for the bulk path's N-Quads text.
Claims are the distinct plain triples (non-negated statements) plus the distinct
``(subject, predicate, object)`` of negated statements, over all graphs: a writer looks up
whether the claims it touches are in the store before and after it writes
(:meth:`Ledger.claims_before`, :meth:`Ledger.claims_after`).

Examples
--------
>>> partial, plain, negated = graph_counts([
...     ("<https://e/d>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
...      "<https://w3id.org/pharmgraph/ontology#Document>"),
...     ("<https://e/a>", "<https://w3id.org/pharmgraph/ontology#binds>", "<https://e/b>"),
... ], "<https://e/d>")
>>> partial["quads"], partial["document"], sorted(plain)
(2, True, [('<https://e/a>', '<https://w3id.org/pharmgraph/ontology#binds>', '<https://e/b>')])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pharmgraph.rdf import ENTITY_GRAPH_BASE, PG
from pharmgraph.store_files import read_json, write_json
from pharmgraph.vocabulary import PREDICATES

VERSION = 1
"""Format of the ledger in the stats file; another version is counted again."""

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = f"<{_RDF}type>"
_SUBJECT = f"<{_RDF}subject>"
_PREDICATE = f"<{_RDF}predicate>"
_OBJECT = f"<{_RDF}object>"
_NEGATED = f"<{PG}negated>"
_CERTAINTY = f"<{PG}certainty>"
_TRUE = '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
_HEDGED = '"hedged"'
_DOCUMENT = f"<{PG}Document>"
_ENTITY_GRAPHS = f"<{ENTITY_GRAPH_BASE}"
_PLAIN = frozenset(f"<{PG}{p}>" for p in PREDICATES)

Triple = tuple[str, str, str]
"""Subject, predicate and object as N-Triples terms."""


def split_nquad(line: str) -> tuple[str, str, str, str]:
    """Return the four terms of one N-Quads line that names its graph.

    Subjects, predicates and graph names are IRIs or blank nodes, which hold no spaces; the
    object is what lies between.

    >>> split_nquad('<a> <b> "x y" <g> .\\n')
    ('<a>', '<b>', '"x y"', '<g>')
    """
    s, p, rest = line.split(" ", 2)
    o, g = rest.rstrip("\n")[:-2].rstrip().rsplit(" ", 1)
    return s, p, o, g


def graph_counts(triples: Iterable[Triple], graph: str, seen: set[Triple] | None = None
                 ) -> tuple[dict[str, Any], set[Triple], set[Triple]]:
    """Count one graph's triples (N-Triples terms; ``graph`` is its name as a term), leaving
    out those in ``seen`` (the graph's triples counted before; updated).

    Returns
    -------
    (partial, plain, negated)
        The graph's entry (``quads``, ``statements``, ``negated``, ``hedged``,
        ``predicates`` by local name, ``document``), its plain triples and the
        ``(subject, predicate, object)`` of its negated statements.
    """
    before = 0 if seen is None else len(seen)
    seen = set() if seen is None else seen
    statements = negated = hedged = 0
    predicates: dict[str, int] = {}
    document = False
    plain: set[Triple] = set()
    negated_nodes: set[str] = set()
    parts: dict[str, list] = {}
    for triple in triples:
        if triple in seen:
            continue
        seen.add(triple)
        s, p, o = triple
        if p in _PLAIN:
            plain.add(triple)
        elif p == _SUBJECT:
            statements += 1
            parts.setdefault(s, [None, None, None])[0] = o
        elif p == _PREDICATE:
            name = o[1:-1].rpartition("#")[2]
            predicates[name] = predicates.get(name, 0) + 1
            parts.setdefault(s, [None, None, None])[1] = o
        elif p == _OBJECT:
            parts.setdefault(s, [None, None, None])[2] = o
        elif p == _NEGATED:
            if o == _TRUE:
                negated += 1
                negated_nodes.add(s)
        elif p == _CERTAINTY:
            hedged += o == _HEDGED
        elif p == _TYPE and o == _DOCUMENT and s == graph:
            document = True
    negated_keys = {tuple(parts[n]) for n in negated_nodes if n in parts and None not in parts[n]}
    partial = {"quads": len(seen) - before, "statements": statements, "negated": negated, "hedged": hedged,
               "predicates": predicates, "document": document}
    return partial, plain, negated_keys


def quad_terms(quads: Iterable) -> dict[str, list[Triple]]:
    """Group pyoxigraph quads by graph as N-Triples terms: ``{graph term: [triples]}``."""
    out: dict[str, list[Triple]] = {}
    for q in quads:
        out.setdefault(str(q.graph_name), []).append((str(q.subject), str(q.predicate), str(q.object)))
    return out


def line_terms(lines: Iterable[str]) -> dict[str, list[Triple]]:
    """Group N-Quads lines by graph as N-Triples terms: ``{graph term: [triples]}``."""
    out: dict[str, list[Triple]] = {}
    for line in lines:
        s, p, o, g = split_nquad(line)
        out.setdefault(g, []).append((s, p, o))
    return out


def _merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = {k: a[k] + b[k] for k in ("quads", "statements", "negated", "hedged")}
    out["predicates"] = dict(a["predicates"])
    for name, n in b["predicates"].items():
        out["predicates"][name] = out["predicates"].get(name, 0) + n
    out["document"] = a["document"] or b["document"]
    return out


class Ledger:
    """Per-graph counts and distinct claims of one store (see the module notes).

    Parameters
    ----------
    graphs : dict
        ``{graph IRI: entry}`` (entries as :func:`graph_counts` makes them).
    plain_claims, negated_claims : int
        Distinct plain triples, and distinct triples of negated statements, over all graphs.
    """

    def __init__(self, graphs: dict[str, dict[str, Any]] | None = None, plain_claims: int = 0,
                 negated_claims: int = 0) -> None:
        self.graphs = graphs or {}
        self.plain_claims = plain_claims
        self.negated_claims = negated_claims

    # -- the file -------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Any) -> Ledger | None:
        """The ledger of a stats file's ``ledger`` entry (None when absent or of another
        version)."""
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return None
        try:
            return cls(dict(data["graphs"]), int(data["plain_claims"]), int(data["negated_claims"]))
        except (KeyError, TypeError, ValueError):
            return None

    def to_dict(self) -> dict[str, Any]:
        """The ledger as JSON data."""
        return {"version": VERSION, "graphs": self.graphs, "plain_claims": self.plain_claims,
                "negated_claims": self.negated_claims}

    def copy(self) -> Ledger:
        """A copy to roll back to (entries are replaced, never changed in place)."""
        return Ledger(dict(self.graphs), self.plain_claims, self.negated_claims)

    # -- changes --------------------------------------------------------------------------
    def add(self, graph: str, partial: dict[str, Any]) -> None:
        """Count more quads of a graph (a new graph, or more of one being written)."""
        old = self.graphs.get(graph)
        self.graphs[graph] = partial if old is None else _merge(old, partial)

    def remove(self, graph: str) -> bool:
        """Forget a removed graph; False when the ledger did not know it (it is then wrong)."""
        return self.graphs.pop(graph, None) is not None

    def claims_change(self, before: tuple[int, int], after: tuple[int, int]) -> None:
        """Apply how many of the claims a write touched were in the store before and after."""
        self.plain_claims += after[0] - before[0]
        self.negated_claims += after[1] - before[1]

    def absorb(self, delta: Ledger) -> None:
        """Count what a writer counted apart (graphs and claims new to the store)."""
        for graph, partial in delta.graphs.items():
            self.add(graph, partial)
        self.plain_claims += delta.plain_claims
        self.negated_claims += delta.negated_claims

    # -- answers --------------------------------------------------------------------------
    def stats(self, entities: dict[str, int]) -> dict[str, Any]:
        """The counts of :meth:`pharmgraph.store.GraphStore.stats` (``entities`` by type is
        counted by the store: it is a distinct count over the graphs' descriptions)."""
        total = {"quads": 0, "statements": 0, "negated": 0, "hedged": 0}
        predicates: dict[str, int] = {}
        documents = empty = 0
        for entry in self.graphs.values():
            for k in total:
                total[k] += entry[k]
            for name, n in entry["predicates"].items():
                predicates[name] = predicates.get(name, 0) + n
            if entry["document"]:
                documents += 1
                empty += entry["statements"] == 0
        return {"quads": total["quads"], "documents": documents,
                "documents_without_statements": empty, "statements": total["statements"],
                "negated": total["negated"], "hedged": total["hedged"],
                "claims": self.plain_claims + self.negated_claims,
                "entities": dict(sorted(entities.items())),
                "predicates": dict(sorted((k, v) for k, v in predicates.items() if v))}


class ClaimLookup:
    """Whether claims are in a pyoxigraph store (any graph), for :class:`Ledger`."""

    def __init__(self, raw) -> None:
        import pyoxigraph as ox

        self.raw = raw
        self.ox = ox

    def _node(self, term: str):
        return self.ox.NamedNode(term[1:-1])

    def plain(self, triple: Triple) -> bool:
        """Whether a plain triple is in some graph."""
        s, p, o = triple
        if not (s.startswith("<") and o.startswith("<")):
            return False
        pattern = self.raw.quads_for_pattern(self._node(s), self._node(p), self._node(o), None)
        return next(iter(pattern), None) is not None

    def negated(self, triple: Triple) -> bool:
        """Whether some graph holds a negated statement of this triple."""
        s, p, o = triple
        return bool(self.raw.query(
            f"ASK {{ GRAPH ?g {{ ?st <{PG}negated> true ; <{_RDF}subject> {s} ; "
            f"<{_RDF}predicate> {p} ; <{_RDF}object> {o} }} }}"))

    def count(self, plain: Iterable[Triple], negated: Iterable[Triple]) -> tuple[int, int]:
        """How many of these claims are in the store now."""
        return sum(map(self.plain, plain)), sum(map(self.negated, negated))


def save(folder: Path, signature: list, ledger: Ledger, stats: dict[str, Any] | None = None) -> None:
    """Write the stats file (atomically) for the store's files as ``signature`` describes them."""
    from pharmgraph.store import STATS_FILE

    data: dict[str, Any] = {"signature": signature, "ledger": ledger.to_dict()}
    if stats is not None:
        data["stats"] = stats
    write_json(folder, STATS_FILE, data)


def read(folder: Path, signature: list) -> dict[str, Any] | None:
    """The stats file's data when it was written for the files as they are, else None."""
    from pharmgraph.store import STATS_FILE

    data = read_json(folder, STATS_FILE)
    if data is None or data.get("signature") != signature:
        return None
    return data


def recount(select: Callable[[str], list[dict[str, str | None]]], graphs: Iterable[str] | None = None) -> Ledger:
    """Build a ledger by counting a store, graph by graph, with SPARQL (``select`` runs a
    query over the store). Claims are counted over the whole store."""
    entries: dict[str, dict[str, Any]] = {}

    def entry(g: str) -> dict[str, Any]:
        return entries.setdefault(g, {"quads": 0, "statements": 0, "negated": 0, "hedged": 0,
                                      "predicates": {}, "document": False})

    def per_graph(pattern: str, key: str) -> None:
        for row in select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }} GROUP BY ?g"):
            entry(row["g"])[key] = int(row["n"] or 0)

    per_graph("?s ?p ?o", "quads")
    per_graph("?st rdf:subject ?s", "statements")
    per_graph("?st pg:negated true", "negated")
    per_graph('?st pg:certainty "hedged"', "hedged")
    for row in select("SELECT ?g ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st rdf:predicate ?p } } GROUP BY ?g ?p"):
        name = (row["p"] or "").rpartition("#")[2]
        predicates = entry(row["g"])["predicates"]
        predicates[name] = predicates.get(name, 0) + int(row["n"] or 0)
    for row in select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a pg:Document } }"):
        entry(row["g"])["document"] = True
    if graphs is not None:
        keep = set(graphs)
        entries = {g: e for g, e in entries.items() if g in keep}
    predicate_list = " ".join(f"pg:{p}" for p in PREDICATES)

    def count(query: str) -> int:
        rows = select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {query} }}")
        return int(rows[0]["n"] or 0) if rows else 0

    plain = count(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {predicate_list} }} GRAPH ?g {{ ?s ?p ?o }} }}")
    negated = count("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?st pg:negated true ; rdf:subject ?s ; "
                    "rdf:predicate ?p ; rdf:object ?o } }")
    return Ledger(entries, plain, negated)


class Follower:
    """Keeps a writer's :class:`Ledger` up to date (a follower of the writer's writes, see
    :class:`pharmgraph.store.WriteFollower`).

    Before each write it counts what the write adds and removes, and looks up whether the
    claims it touches are in the store; after the write it looks them up again and changes
    the ledger; at close the ledger is saved for the files as they then are.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    @staticmethod
    def _graph_terms(raw, graph: str) -> list[Triple]:
        """The triples of one stored graph as N-Triples terms."""
        import pyoxigraph as ox

        return [(str(q.subject), str(q.predicate), str(q.object))
                for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(graph))]

    def before(self, store: Any, raw, removed: list[str], added: Iterable[list]) -> tuple:
        """Count a write before it happens (``removed``: IRIs of the graphs it drops;
        ``added``: lists of pyoxigraph quads)."""
        plain: set[Triple] = set()
        negated: set[Triple] = set()
        for graph in removed:
            _, p, n = graph_counts(self._graph_terms(raw, graph), f"<{graph}>")
            plain |= p
            negated |= n
        partials = {}
        for quads in added:
            for term, triples in quad_terms(quads).items():
                partial, p, n = graph_counts(triples, term)
                partials[term[1:-1]] = partial
                plain |= p
                negated |= n
        return removed, partials, plain, negated, ClaimLookup(raw).count(plain, negated)

    def after(self, store: Any, noted: tuple) -> bool:
        """Take in a write that went through; False when the ledger cannot follow it (a
        removed graph it did not know)."""
        removed, partials, plain, negated, before = noted
        for graph in removed:
            if not self.ledger.remove(graph):
                return False
        for graph, partial in partials.items():
            self.ledger.add(graph, partial)
        self.ledger.claims_change(before, ClaimLookup(store.reader).count(plain, negated))
        return True

    def finish(self, store: Any) -> Ledger:
        """The ledger as the writes left it (nothing to count at close)."""
        return self.ledger

    def save(self, folder: Path, ledger: Ledger) -> None:
        """Save the ledger for the store's files as they are after the writer closed it."""
        from pharmgraph.store import store_signature

        save(folder, store_signature(folder), ledger)


class LineCounter:
    """Counts N-Quads lines a bulk writer loads into a store, for its ledger.

    Claims are new when this writer has not counted them yet and, unless the store was empty
    when it started (``fresh``), when the store did not hold them. Claims already counted
    are remembered by their hash (a 64-bit hash: a collision, about one in 10**12 at a few
    million claims, would leave one claim uncounted).
    """

    def __init__(self, raw, fresh: bool) -> None:
        self.delta = Ledger()
        self.fresh = fresh
        self.lookup = None if fresh else ClaimLookup(raw)
        self._plain: set[int] = set()
        self._negated: set[int] = set()
        self._entity_triples: dict[str, set[Triple]] = {}

    def lines(self, lines: Iterable[str]) -> None:
        """Count some lines: whole document graphs (each written once), or more of an entity
        graph (written batch by batch; its triples are remembered, as one entity can be
        described twice under two names)."""
        for graph, triples in line_terms(lines).items():
            seen = self._entity_triples.setdefault(graph, set()) if graph.startswith(_ENTITY_GRAPHS) else None
            self.counted(graph, *graph_counts(triples, graph, seen))

    def counted(self, graph: str, partial: dict[str, Any], plain: Iterable[Triple],
                negated: Iterable[Triple]) -> None:
        """Count one graph's entry and claims (``graph`` as a term; the entry, plain and
        negated triples as :func:`graph_counts` returns them): a document graph its writer
        counted while writing it, or lines counted by :meth:`lines`."""
        self.delta.add(graph[1:-1], partial)
        for triple in plain:
            key = hash(triple)
            if key not in self._plain:
                self._plain.add(key)
                self.delta.plain_claims += self.fresh or not self.lookup.plain(triple)
        for triple in negated:
            key = hash(triple)
            if key not in self._negated:
                self._negated.add(key)
                self.delta.negated_claims += self.fresh or not self.lookup.negated(triple)
