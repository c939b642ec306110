"""Known or new: what a curated source says about each statement read in text.

A statement read in a document is

* ``supported`` when a curated source (a statement whose evidence names a ``pg:source``, as
  the Hetionet, DrugMechDB and KGX importers write them) makes the same claim about the same
  subject (or one it ``skos:exactMatch``-es), on the same object or one above or below it
  through ``broader``, with a predicate of the same direction: the same predicate, one above
  or below it ("binds" supports "antagonist_of"), the same sign ("inhibits" and "decreases"),
  or a plain interaction against a signed one ("binds" supports "blocks");
* ``contradicted`` when a source says the opposite direction ("activates" against "blocks"),
  or when one of the two is negated and the other not; a negation stays where it was said,
  so it contradicts only a claim on the same object, never one above or below it;
* ``novel`` when no source says anything of the kind: what the documents add.

Examples
--------
>>> from pharmgraph.model import Entity, Evidence, Statement
>>> from pharmgraph.store import open_store
>>> d, t = Entity("x:d", "drug d", "Drug"), Entity("x:t", "target t", "Protein")
>>> u = Entity("x:u", "target u", "Protein")
>>> text = Evidence("paper.txt", "D blocks T.", 0, 11)
>>> record = Evidence("hetionet", "", source="infores:hetionet", record="CbG:1")
>>> store = open_store(":memory:")
>>> _ = store.ingest([Statement(d, "blocks", t, evidence=(text,)),
...                   Statement(d, "blocks", u, evidence=(text,)),
...                   Statement(d, "binds", t, evidence=(record,))])
>>> [(r["object_label"], r["status"]) for r in known_or_new(store)]
[('target t', 'supported'), ('target u', 'novel')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pharmgraph.analysis import queries as q
from pharmgraph.analysis.answers import Rows
from pharmgraph.analysis.local import LocalGraph
from pharmgraph.analysis.projection import negation_text
from pharmgraph.errors import InputError
from pharmgraph.identifiers import iri_to_curie
from pharmgraph.rdf import PG, document_name
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import PREDICATES, direction, is_subpredicate

STATUSES = ("supported", "contradicted", "novel")
"""What a curated source says about a text statement."""

# Predicates that say only that a drug acts on something, without saying how: a curated
# "binds" backs a text "blocks", and the other way round.
_GENERIC = {"affects", "modulates", "interacts_with", "binds"}


def _main_root(predicate: str) -> str:
    while PREDICATES.get(predicate):
        predicate = PREDICATES[predicate][0]
    return predicate


def relation(text_predicate: str, source_predicate: str) -> str | None:
    """Return how two predicates relate: ``"same"`` direction, ``"opposite"``, or None.

    Examples
    --------
    >>> relation("blocks", "inhibits"), relation("blocks", "binds"), relation("blocks", "opens")
    ('same', 'same', 'opposite')
    >>> relation("treats", "causes") is None
    True
    """
    p, r = text_predicate, source_predicate
    if p not in PREDICATES or r not in PREDICATES:
        return "same" if p == r else None
    a, b = direction(p), direction(r)
    if a and b and a != b:
        return "opposite"
    if p == r or is_subpredicate(p, r) or is_subpredicate(r, p):
        return "same"
    acting = {"affects", "interacts_with"}
    if _main_root(p) in acting and _main_root(r) in acting:
        if a and b:
            return "same"
        if p in _GENERIC or r in _GENERIC:
            return "same"
    return None


def _classify(
    claim: tuple[str, str, str, bool],
    curated: Iterable[tuple[str, str, str, bool, str, str | None]],
    same: set[str],
    above: dict[str, set[str]],
) -> tuple[list, list]:
    """Return the curated claims that support and those that contradict ``claim``.

    ``same`` holds the object and its exact matches; ``above[e]`` everything above ``e``.
    """
    _, predicate, _obj, negated = claim
    supports, contradicts = [], []
    up = set().union(*(above.get(e, set()) for e in same))
    for row in curated:
        _, r_predicate, r_obj, r_negated, _, _ = row
        if r_obj in same:
            where = "same"
        elif r_obj in up:
            where = "broader"
        elif same & above.get(r_obj, set()):
            where = "narrower"
        else:
            continue
        how = relation(predicate, r_predicate)
        if how is None:
            continue
        if negated == r_negated:
            if how == "same":
                supports.append((row, where))
            elif not negated:
                contradicts.append((row, where))
        elif how == "same" and where == "same":
            contradicts.append((row, where))
    return supports, contradicts


class _Sources:
    """Curated claims about some subjects, with exact matches and the hierarchy above."""

    def __init__(self, local: LocalGraph) -> None:
        self.local = local
        self.matches: dict[str, set[str]] = {}
        self.by_subject: dict[str, list[tuple]] = {}
        self.above: dict[str, set[str]] = {}

    def equivalents(self, entities: Iterable[str]) -> None:
        wanted = [e for e in dict.fromkeys(entities) if e not in self.matches]
        for e in wanted:
            self.matches[e] = {e}
        for batch in q.batches(wanted):
            for e, m in self.local._rows(q.render("exact_matches", entities=q.iris(batch)), ("e", "m")):
                self.matches[e].add(m)

    def curated(self, subjects: Iterable[str]) -> None:
        wanted = {m for s in subjects for m in self.matches.get(s, {s})} - set(self.by_subject)
        for s in wanted:
            self.by_subject[s] = []
        names = ("s", "p", "o", "neg", "src", "rec")
        for batch in q.batches(sorted(wanted)):
            pattern = "\n".join(line for line in q.load("curated_statement").splitlines()
                                 if not line.startswith("#"))
            query = q.render("curated_statements", branches=q.branches("?s", batch, pattern))
            for s, p, o, neg, src, rec in self.local._rows(query, names):
                predicate = p[len(PG):] if p.startswith(PG) else p
                self.by_subject[s].append((s, predicate, o, neg in ("true", "1"),
                                           iri_to_curie(src), rec))

    def hierarchy(self, entities: Iterable[str]) -> None:
        wanted = [e for e in dict.fromkeys(entities) if e not in self.above]
        if not wanted:
            return
        self.local.ancestors(wanted)
        for e in wanted:
            out: set[str] = set()
            stack = [e]
            while stack:
                node = stack.pop()
                for parent in self.local.info.get(node, {}).get("_broader", ()):
                    if parent not in out:
                        out.add(parent)
                        stack.append(parent)
            self.above[e] = out

    def about(self, subject: str) -> list[tuple]:
        return [row for m in self.matches.get(subject, {subject})
                for row in self.by_subject.get(m, ())]


def _describe(local: LocalGraph, rows: list[tuple[tuple, str]]) -> list[str]:
    out = []
    for (s, p, o, neg, src, rec), where in rows:
        local.load_entities([s, o])
        claim = (negation_text(local.node(s)["label"], p, local.node(o)["label"]) if neg
                 else f"{local.node(s)['label']} {p} {local.node(o)['label']}")
        note = "" if where == "same" else f" ({where})"
        out.append(f"{src} {rec}: {claim}{note}" if rec else f"{src}: {claim}{note}")
    return sorted(set(out))


def _text_claims(
    local: LocalGraph, drug: str | None, entity: str | None
) -> dict[tuple[str, str, str, bool], dict[str, Any]]:
    """The claims read in text (no evidence with a source), grouped over documents."""
    if drug is not None:
        values = [f"VALUES ?s {{ <{local.resolve(drug, types='Drug')}> }}"]
    elif entity is not None:
        iri = local.resolve(entity)
        values = [f"VALUES ?s {{ <{iri}> }}", f"VALUES ?o {{ <{iri}> }}"]
    else:
        values = [""]
    claims: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
    for clause in values:
        query = q.render("text_statements", values=clause, graphs=q.graphs_clause(local.graph_iris))
        for g, _st, s, p, o, neg, cert in local._rows(query, ("g", "st", "s", "p", "o", "neg", "cert")):
            negated = neg in ("true", "1")
            cert = cert or "asserted"
            local._add(s, p, o, g, negated, cert)
            key = (s, p[len(PG):] if p.startswith(PG) else p, o, negated)
            found = claims.setdefault(key, {"graphs": set(), "certainty": cert})
            found["graphs"].add(g)
            if cert == "asserted":
                found["certainty"] = "asserted"
    return claims


def known_or_new(
    store: GraphStore,
    *,
    drug: str | None = None,
    entity: str | None = None,
    status: str | Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
    asserted_only: bool = False,
) -> Rows:
    """Say for each statement read in text whether a curated source supports it,
    contradicts it or is silent (``novel``).

    Parameters
    ----------
    store : GraphStore
    drug : str, optional
        Only statements whose subject is this drug (name or CURIE).
    entity : str, optional
        Only statements about this entity, as subject or object (for entity pages).
    status : str or sequence of str, optional
        Only rows of these statuses (:data:`STATUSES`); all by default.
    documents : sequence of str, optional
        Only statements read in these documents.
    asserted_only : bool
        Leave out hedged statements.

    Returns
    -------
    Rows
        ``subject``, ``subject_label``, ``predicate``, ``object``, ``object_label``,
        ``negated``, ``certainty``, ``status``, ``documents``, ``evidence`` (the first
        sentence), ``evidence_count``, ``supported_by`` and ``contradicted_by`` (curated
        claims as ``"<source> <record>: <claim>"``, with "(broader)" or "(narrower)" when
        the object differs), sorted by subject, predicate and object labels.
    """
    wanted = _statuses(status)
    local = LocalGraph(store, documents, asserted_only)
    claims = _text_claims(local, drug, entity)
    if asserted_only:
        claims = {k: v for k, v in claims.items() if v["certainty"] == "asserted"}
    sources = _Sources(local)
    sources.equivalents({e for k in claims for e in (k[0], k[2])})
    sources.curated({k[0] for k in claims})
    curated_objects = {row[2] for rows in sources.by_subject.values() for row in rows}
    sources.hierarchy({*(m for k in claims for m in sources.matches[k[2]]), *curated_objects})
    local.load_entities({e for k in claims for e in (k[0], k[2])})
    local.load_evidence(list(claims))
    rows = Rows()
    for key, found in claims.items():
        s, predicate, o, negated = key
        supports, contradicts = _classify(key, sources.about(s), sources.matches[o], sources.above)
        verdict = "contradicted" if contradicts else "supported" if supports else "novel"
        if verdict not in wanted:
            continue
        evidence = [e for e in local.evidence_of.get(key, ()) if "source" not in e]
        rows.append({
            "subject": local.curie(s),
            "subject_label": local.node(s)["label"],
            "predicate": predicate,
            "object": local.curie(o),
            "object_label": local.node(o)["label"],
            "negated": negated,
            "certainty": found["certainty"],
            "status": verdict,
            "documents": sorted({document_name(g) for g in found["graphs"]}),
            "evidence": evidence[0]["text"] if evidence else "",
            "evidence_count": len(evidence),
            "supported_by": _describe(local, supports),
            "contradicted_by": _describe(local, contradicts),
        })
    rows.sort(key=lambda r: (r["subject_label"], r["predicate"], r["object_label"],
                             r["negated"], r["subject"], r["object"]))
    return rows


def statement_status(
    store: GraphStore, subject: str, predicate: str, obj: str, negated: bool = False
) -> dict[str, Any]:
    """Say what the curated sources of a store say about one claim.

    Parameters
    ----------
    store : GraphStore
    subject, obj : str
        CURIEs or names.
    predicate : str
        A pharmgraph predicate (``blocks``, ``treats``...).
    negated : bool
        Whether the claim is negated ("does not bind").

    Returns
    -------
    dict
        ``status`` (one of :data:`STATUSES`), ``supported_by`` and ``contradicted_by``.
    """
    if predicate not in PREDICATES:
        raise InputError(f"Unknown predicate {predicate!r}.")
    local = LocalGraph(store)
    s, o = local.resolve(subject), local.resolve(obj)
    sources = _Sources(local)
    sources.equivalents([s, o])
    sources.curated([s])
    curated_objects = {row[2] for rows in sources.by_subject.values() for row in rows}
    sources.hierarchy({*sources.matches[o], *curated_objects})
    supports, contradicts = _classify((s, predicate, o, negated), sources.about(s),
                                      sources.matches[o], sources.above)
    verdict = "contradicted" if contradicts else "supported" if supports else "novel"
    return {"status": verdict, "supported_by": _describe(local, supports),
            "contradicted_by": _describe(local, contradicts)}


def _statuses(status: str | Sequence[str] | None) -> set[str]:
    if status is None or status == "all":
        return set(STATUSES)
    chosen = [status] if isinstance(status, str) else list(status)
    for value in chosen:
        if value not in STATUSES:
            raise InputError(f"Unknown status {value!r}; use all or one of {', '.join(STATUSES)}.")
    return set(chosen)


def has_sources(store: GraphStore) -> bool:
    """Whether the store holds any statement from a curated source."""
    return store.ask("ASK { GRAPH ?g { ?ev pg:source ?src } }")


def annotate_known(store: GraphStore, graph) -> None:
    """Set ``status`` (:data:`STATUSES`) and ``supported_by`` / ``contradicted_by`` on the
    edges of a projected graph that text states (``origin`` text-mined or both, or unknown).

    Edges only curated are left as they are; views and pages show the attribute.
    """
    from pharmgraph.identifiers import entity_iri

    local = LocalGraph(store)
    edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)
             if d.get("origin") != "curated" and k != "broader"]
    if not edges:
        return
    iri = {n: entity_iri(n) for u, v, _, _ in edges for n in (u, v)}
    sources = _Sources(local)
    sources.equivalents(iri.values())
    sources.curated({iri[u] for u, _, _, _ in edges})
    curated_objects = {row[2] for rows in sources.by_subject.values() for row in rows}
    sources.hierarchy({*(m for _, v, _, _ in edges for m in sources.matches[iri[v]]),
                       *curated_objects})
    for u, v, _, data in edges:
        claim = (iri[u], data.get("predicate", ""), iri[v], bool(data.get("negated")))
        supports, contradicts = _classify(claim, sources.about(iri[u]), sources.matches[iri[v]],
                                          sources.above)
        # A curated statement is its own support: only other sources count for the text.
        data["status"] = "contradicted" if contradicts else "supported" if supports else "novel"
        data["supported_by"] = _describe(local, supports)
        data["contradicted_by"] = _describe(local, contradicts)
