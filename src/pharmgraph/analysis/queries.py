"""The named SPARQL queries of the analyses, kept as ``.rq`` files in ``pharmgraph/queries``.

A query file is plain SPARQL with ``{{name}}`` slots that :func:`render` fills: lists of
terms for ``VALUES`` blocks, graph restrictions, filters. Every query reads the union of the
document graphs (the store's default graph), so the same text runs on the embedded store and
on any SPARQL 1.1 server.

Examples
--------
>>> "{{branches}}" in load("edges_out")
True
>>> render("types", entities=iris(["https://example.org/a"]))  # doctest: +ELLIPSIS
'...VALUES ?e { <https://example.org/a> }...'
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources

from pharmgraph.rdf import PG, SPARQL_PREFIXES
from pharmgraph.store import GraphStore
from pharmgraph.vocabulary import PREDICATES

BATCH = 400
"""Terms per ``VALUES`` block: small enough for any server's request limits."""

PREDICATE_VALUES = ", ".join(f"<{PG}{p}>" for p in PREDICATES)
"""The statement predicates, as the list of a ``FILTER(?p IN (...))``."""

_SLOT = re.compile(r"\{\{(\w+)\}\}")


@functools.cache
def load(name: str) -> str:
    """Return the text of ``queries/<name>.rq``."""
    return (resources.files("pharmgraph") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def render(query: str, /, **slots: str) -> str:
    """Return query ``query`` with its ``{{slot}}`` markers replaced (missing ones empty)."""
    return _SLOT.sub(lambda m: slots.get(m.group(1), ""), load(query))


def iris(values: Iterable[str]) -> str:
    """Return IRIs as SPARQL terms separated by spaces."""
    return " ".join(f"<{v}>" for v in values)


def branches(var: str, values: Iterable[str], pattern: str) -> str:
    """Return one ``UNION`` branch per IRI: ``pattern`` with ``{e}`` replaced by the IRI,
    and the IRI bound to ``var``. Engines scan an index once per branch, where a ``VALUES``
    block joined with a quad pattern can make them scan every quad.

    >>> branches("?s", ["https://e/a", "https://e/b"], "GRAPH ?g { {e} ?p ?o }")
    '{ GRAPH ?g { <https://e/a> ?p ?o } BIND(<https://e/a> AS ?s) } UNION { GRAPH ?g { <https://e/b> ?p ?o } BIND(<https://e/b> AS ?s) }'
    """
    return " UNION ".join("{ " + pattern.replace("{e}", f"<{v}>") + f" BIND(<{v}> AS {var}) }}"
                          for v in values)


def literal(text: str) -> str:
    """Return a string as a SPARQL literal (JSON escaping is valid SPARQL escaping)."""
    return json.dumps(text, ensure_ascii=False)


def graphs_clause(graph_iris: Sequence[str] | None) -> str:
    """Return ``VALUES ?g {...}`` restricting a query to some graphs, or nothing."""
    if graph_iris is None:
        return ""
    return f"VALUES ?g {{ {iris(graph_iris) or '<urn:pharmgraph:none>'} }}"


def batches(items: Iterable[str], size: int = BATCH) -> Iterator[list[str]]:
    """Yield the items in lists of at most ``size``, in order."""
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def rows(store: GraphStore, query: str, names: Sequence[str]) -> Iterator[tuple]:
    """Run a SELECT query; yield rows as tuples of plain strings (None when unbound).

    On the embedded store the solutions stream straight from pyoxigraph; on a remote store
    they come through :meth:`GraphStore.select`.
    """
    raw = getattr(store, "reader", None)
    if raw is not None:
        result = raw.query(SPARQL_PREFIXES + query, use_default_graph_as_union=True)
        index = [[v.value for v in result.variables].index(n) for n in names]
        for solution in result:
            values = tuple(solution)
            yield tuple(None if values[i] is None else values[i].value for i in index)
        return
    for row in store.select(query):
        yield tuple(row.get(n) for n in names)
