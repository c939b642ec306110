"""SPARQL results as an HTML table for the ``/query`` page.

IRIs are shown short: an entity of the store as a link to its page, labelled with its label
and its CURIE (``CHEBI:6367``, as bioregistry writes it); other IRIs as CURIEs of the store's
prefixes (``pg:blocks``, ``rdfs:label``) with the full IRI as the tooltip; the rest in full.
Literals show their text, with the language tag or a shortened datatype. All text is escaped.

Examples
--------
>>> shorten("https://w3id.org/pharmgraph/ontology#blocks")
'pg:blocks'
>>> shorten("http://example.org/x") is None
True
"""

from __future__ import annotations

import json
from typing import Any

from pharmgraph.rdf import PREFIXES
from pharmgraph.server.html import Markup, join, link, render

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def shorten(iri: str) -> str | None:
    """The CURIE of ``iri`` under the store's prefixes, or None when none fits."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if local and all(c.isalnum() or c in "_-." for c in local):
                return f"{prefix}:{local}"
    return None


def render_term(term: dict[str, Any] | None, index) -> Markup:
    """One cell of the table (a SPARQL JSON results term)."""
    if term is None:
        return Markup("")
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        known = index.entity(value) if index is not None else None
        if known is not None:
            curie, label = known
            return render('<a href="{u}" title="{iri}">{l}</a> <code class="curie">{c}</code>',
                          u=link("/entity", curie), iri=value, l=label, c=curie)
        short = shorten(value)
        if short is not None:
            return render('<code title="{iri}">{s}</code>', iri=value, s=short)
        return render("<code>{v}</code>", v=value)
    if kind == "bnode":
        return render("<code>_:{v}</code>", v=value)
    if kind == "triple":
        inner = value if isinstance(value, dict) else {}
        return render("&lt;&lt; {s} {p} {o} &gt;&gt;", s=render_term(inner.get("subject"), index),
                      p=render_term(inner.get("predicate"), index), o=render_term(inner.get("object"), index))
    suffix: Markup | str = ""
    if term.get("xml:lang"):
        suffix = render(' <span class="meta">@{l}</span>', l=term["xml:lang"])
    elif term.get("datatype") and term["datatype"] != XSD_STRING:
        datatype = term["datatype"]
        suffix = render(' <span class="meta" title="{d}">{s}</span>', d=datatype, s=shorten(datatype) or datatype)
    return render("{v}{s}", v=value, s=suffix)


def render_results(reply: dict[str, Any], index, seconds: float) -> Markup:
    """The results part of the ``/query`` page for a worker reply."""
    media = reply.get("media", "")
    body = reply.get("body", b"")
    notes = []
    if reply.get("distinct"):
        notes.append("DISTINCT was added (tick the box to keep duplicate rows)")
    if reply.get("truncated"):
        notes.append("the results were cut off at the row limit")
    note = render(" · {n}", n="; ".join(notes)) if notes else ""
    if "sparql-results+json" not in media:
        text = body.decode("utf-8", "replace")
        return render('<p class="meta" id="result-summary">{n} triples in {t} s{note}</p><pre>{x}</pre>',
                      n=reply.get("count", 0), t=f"{seconds:.2f}", note=note, x=text)
    data = json.loads(body)
    if "boolean" in data:
        return render('<p id="result-summary">ASK: <strong id="result-boolean">{b}</strong></p>',
                      b="true" if data["boolean"] else "false")
    variables = data["head"]["vars"]
    rows = data["results"]["bindings"]
    head = join(render("<th>?{v}</th>", v=v) for v in variables)
    lines = join(
        render("<tr>{cells}</tr>", cells=join(render("<td>{c}</td>", c=render_term(row.get(v), index))
                                              for v in variables))
        for row in rows
    )
    return render(
        '<p class="meta" id="result-summary">{n} rows in {t} s{note}</p>'
        '<table id="result-table"><thead><tr>{h}</tr></thead><tbody>{r}</tbody></table>',
        n=len(rows), t=f"{seconds:.2f}", note=note, h=head, r=lines,
    )
