"""Server-rendered HTML pages: home, search, entity, document, query form and graph views.

Every piece of text that comes from documents or the store is escaped (see
:mod:`pharmgraph.server.html`). Pages load nothing from elsewhere: one small inline stylesheet,
no scripts; a Content-Security-Policy header enforces that in the browser. The graph views are
the standalone pages of :func:`pharmgraph.views.render_html` (inline scripts, nothing fetched).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from pharmgraph.documents.markup import readable_text
from pharmgraph.server import page_data as data
from pharmgraph.server import results_view
from pharmgraph.server.html import Markup, join, link, render
from pharmgraph.server.protocol import ProtocolError, build_job, read_request, run_job

PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
VIEW_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; worker-src blob:; base-uri 'none'; frame-ancestors 'none'"
)

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;background:#fbfbfa}
header{background:#213547;color:#fff;padding:.6em 1.2em;display:flex;gap:1.2em;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;font-weight:600}
header form{margin-left:auto}
main{max-width:70em;margin:0 auto;padding:1em 1.2em 3em}
a{color:#0b5cad}
h1{font-size:1.6em;margin:.4em 0}
h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}
h3{font-size:1.05em;margin:1.2em 0 .3em}
table{border-collapse:collapse;margin:.5em 0}
td,th{padding:.2em .8em;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code{background:#eef1f4;padding:0 .25em;border-radius:3px}
.meta{color:#555}
ul.claims,ol.claims{padding-left:1.2em}
li.claim{margin:.5em 0}
li.claim.negated>.head{color:#8a1c1c}
.pred{font-family:ui-monospace,monospace;background:#eef1f4;padding:0 .3em;border-radius:3px}
.flag{font-size:.75em;font-weight:700;padding:.05em .4em;border-radius:3px;margin:0 .3em;vertical-align:1px}
.flag.not{background:#b3261e;color:#fff}
.flag.hedged{background:#f3d98b;color:#4a3b00}
ul.evidence{list-style:none;padding-left:1em;margin:.2em 0;border-left:3px solid #d7dde3}
ul.evidence li{margin:.25em 0}
q{font-style:italic}
.source{color:#555;font-size:.9em}
textarea{width:100%;font:14px ui-monospace,monospace}
input[type=search]{padding:.25em .4em;min-width:16em}
.notice{background:#fff4d6;border:1px solid #e7cf7d;padding:.4em .8em}
"""

LAYOUT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · pharmgraph</title><style>{style}</style></head>
<body><header><a href="/">pharmgraph</a><a href="/query">SPARQL query</a>
<form action="/search" method="get" role="search"><input type="search" name="q" value="{q}"
 placeholder="drug, target, CURIE" aria-label="Search entities"> <button>Search</button></form>
</header><main>{body}</main></body></html>
"""

EXAMPLE_QUERY = """SELECT ?drug ?drugLabel ?target ?targetLabel WHERE {
  ?drug pg:blocks ?target .
  ?drug rdfs:label ?drugLabel .
  ?target rdfs:label ?targetLabel .
}
LIMIT 100"""

SEARCH_LIMIT = 100
QUERY_PAGE_ROWS = 1000

FORMAT_CHOICES = [
    ("json", "SPARQL JSON (SELECT, ASK)"),
    ("xml", "SPARQL XML (SELECT, ASK)"),
    ("csv", "CSV (SELECT)"),
    ("tsv", "TSV (SELECT)"),
    ("turtle", "Turtle (CONSTRUCT, DESCRIBE)"),
    ("ntriples", "N-Triples (CONSTRUCT, DESCRIBE)"),
    ("jsonld", "JSON-LD (CONSTRUCT, DESCRIBE)"),
]


def page(title: str, body: Markup, *, status: int = 200, q: str = "") -> HTMLResponse:
    """Wrap a page body in the common layout."""
    html = render(LAYOUT, title=title, style=Markup(STYLE), body=body, q=q)
    return HTMLResponse(
        html,
        status_code=status,
        headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"},
    )


def error_page(status: int, message: str) -> HTMLResponse:
    """An error page with one sentence."""
    titles = {400: "Bad request", 404: "Not found", 500: "Server error", 502: "Bad gateway",
              503: "Unavailable", 504: "Gateway timeout"}
    title = titles.get(status, "Error")
    return page(title, render("<h1>{t}</h1><p>{m}</p>", t=title, m=message), status=status)


async def _select(request: Request, job: dict[str, Any], started: float) -> dict[str, Any]:
    return await run_job(request, job, started)


def entity_link(ref: dict[str, str]) -> Markup:
    """A link to an entity's page."""
    return render('<a href="{u}" title="{c}">{l}</a>', u=link("/entity", ref["curie"]), c=ref["curie"], l=ref["label"])


def document_link(name: str) -> Markup:
    """A link to a document's page."""
    return render('<a href="{u}">{n}</a>', u=link("/document", name), n=name)


def _flags(negated: bool, hedged: bool) -> Markup:
    parts = []
    if negated:
        parts.append(Markup('<span class="flag not" title="the text says this does not hold">NOT</span>'))
    if hedged:
        parts.append(Markup('<span class="flag hedged" title="stated with uncertainty">hedged</span>'))
    return join(parts)


def render_claim(claim: data.Claim, *, show_sources: bool = True) -> Markup:
    """One claim: subject, predicate, object, its flags and its evidence sentences."""
    head = render(
        '<div class="head">{s} {neg}<span class="pred">{p}</span> {o}{hedged}</div>',
        neg=_flags(claim.negated, False),
        s=entity_link(claim.subject),
        p=claim.predicate,
        o=entity_link(claim.object),
        hedged=_flags(False, claim.hedged),
    )
    items = []
    for ev in claim.evidence:
        where = [render(", {s}", s=ev["section"])] if ev.get("section") else []
        if isinstance(ev.get("start"), int) and ev["start"] < data.NO_START:
            where.append(render(", characters {a}–{b}", a=ev["start"], b=ev["start"] + len(ev["sentence"])))
        source = (
            render(" <span class=\"source\">— {d}{w}</span>", d=document_link(ev["document"]), w=join(where))
            if show_sources
            else render(" <span class=\"source\">{w}</span>", w=Markup(join(where).removeprefix(", ")))
        )
        # Shown without citation markers and Markdown; the exact source text is the tooltip.
        items.append(render('<li><q title="{exact}">{t}</q>{src}{h}</li>', exact=ev["sentence"],
                            t=readable_text(ev["sentence"]), src=source, h=_flags(False, ev["hedged"])))
    documents_without_sentence = [d for d in claim.documents if all(e["document"] != d for e in claim.evidence)]
    if show_sources and documents_without_sentence:
        items.append(render(
            '<li class="source">stated in {docs} (no sentence recorded)</li>',
            docs=join((document_link(d) for d in documents_without_sentence), ", "),
        ))
    evidence = render('<ul class="evidence">{i}</ul>', i=join(items)) if items else Markup("")
    css = "claim" + (" negated" if claim.negated else "") + (" hedged" if claim.hedged else "")
    return render('<li class="{c}">{head}{ev}</li>', c=css, head=head, ev=evidence)


# -- handlers ------------------------------------------------------------------------------
async def home(request: Request) -> HTMLResponse:
    """``/``: what the store holds, and ways in (computed once: the store does not change
    while it is served)."""
    started = time.monotonic()
    state = request.app.state
    if getattr(state, "home_lock", None) is None:
        state.home_lock = asyncio.Lock()
    async with state.home_lock:  # the first request computes, the others wait for it
        cached = getattr(state, "home_cache", None)
        if cached is None:
            try:
                counts = (await _select(request, data.select_job(data.COUNTS), started))["rows"][0]
                types = (await _select(request, data.select_job(data.TYPES), started))["rows"]
                predicates = (await _select(request, data.select_job(data.PREDICATES), started))["rows"]
                documents = await _select(request, data.select_job(data.DOCUMENTS), started)
            except ProtocolError as exc:
                return error_page(exc.status, exc.message)
            cached = state.home_cache = (counts, types, predicates, documents)
    counts, types, predicates, documents = cached

    def table(rows: list[tuple[Any, Any]], heading: tuple[str, str]) -> Markup:
        body = join(render('<tr><td>{a}</td><td class="n">{b}</td></tr>', a=a, b=b) for a, b in rows)
        return render("<table><tr><th>{h1}</th><th>{h2}</th></tr>{b}</table>", h1=heading[0], h2=heading[1], b=body)

    summary = table(
        [("documents", counts.get("documents") or 0), ("statements", counts.get("statements") or 0),
         ("negated statements", counts.get("negated") or 0), ("hedged statements", counts.get("hedged") or 0)],
        ("what", "count"),
    )
    doc_rows = [(document_link(data.document_name(r["doc"])), r["n"]) for r in documents["rows"]]
    body = render(
        """<h1>pharmgraph knowledge graph</h1>
<p>Drug–target–effect statements read from documents, each with its evidence.
Search for an entity above, browse the documents below, or run a <a href="/query">SPARQL query</a>
(endpoint <code>/sparql</code>).</p>
<form action="/search" method="get"><input type="search" name="q" placeholder="e.g. lamotrigine"
 aria-label="Search entities"> <button>Search</button></form>
<h2>Contents</h2>{summary}
<h2>Entities by type</h2>{types}
<h2>Statements by predicate</h2>{predicates}
<h2>Documents</h2>{documents}{more}""",
        summary=summary,
        types=table([(r["type"], r["n"]) for r in types], ("type", "entities")),
        predicates=table([(Markup(render('<span class="pred">{p}</span>', p=r["predicate"])), r["n"]) for r in predicates],
                         ("predicate", "statements")),
        documents=table(doc_rows, ("document", "statements")) if doc_rows else Markup("<p>No documents yet.</p>"),
        more=Markup('<p class="meta">Only the first 500 documents are listed.</p>') if len(doc_rows) >= 500 else "",
    )
    return page("Home", body)


async def search(request: Request) -> HTMLResponse:
    """``/search?q=``: entities whose label, synonym or CURIE matches ``q``: whole name, prefix,
    word prefix, substring, then fuzzy (from the label index; the store is not queried)."""
    q = request.query_params.get("q", "").strip()
    if not q:
        return page("Search", Markup("<h1>Search</h1><p>Type part of a name, synonym or CURIE.</p>"))
    hits = request.app.state.index.search(q[:200], limit=SEARCH_LIMIT)
    if not hits:
        results = render("<p>No entity matches <q>{q}</q>.</p>", q=q)
    else:
        results = render(
            "<table><tr><th>entity</th><th>CURIE</th><th>type</th><th>matched</th></tr>{rows}</table>",
            rows=join(
                render(
                    '<tr><td>{e}</td><td><code>{c}</code></td><td>{t}</td><td>{m}{f}</td></tr>',
                    e=entity_link(data.entity_ref(h.iri, h.curie, h.label)),
                    c=h.curie, t=h.type, m=h.matched,
                    f=Markup(' <span class="meta">(close match)</span>') if h.kind == "fuzzy" else "",
                )
                for h in hits
            ),
        )
    more = render('<p class="meta">Showing the first {n} matches.</p>', n=SEARCH_LIMIT) if len(hits) >= SEARCH_LIMIT else ""
    body = render("<h1>Entities matching <q>{q}</q></h1>{r}{m}", q=q, r=results, m=more)
    return page(f"Search: {q}", body, q=q)


async def entity(request: Request) -> HTMLResponse:
    """``/entity/{curie}``: an entity and every statement about it, grouped by predicate."""
    started = time.monotonic()
    curie = request.path_params["curie"]
    bindings = data.entity_bindings(curie)
    if bindings is None:
        return error_page(404, f"{curie} is not a CURIE (prefix:identifier).")
    try:
        found = await _select(request, {"op": "entity_page", "bindings": bindings}, started)
    except ProtocolError as exc:
        return error_page(404 if exc.status == 400 else exc.status, exc.message)
    info = data.entity_header(found["header"], curie)
    if info is None:
        return error_page(404, f"The store has no entity {curie}.")
    narrower = found["narrower"]
    reply = {"rows": found["statements"], "truncated": found["truncated"]}
    me = {"curie": info["curie"], "label": info["label"]}
    groups = data.group_entity_statements(reply["rows"], me)
    sections = []
    for (predicate, direction), claims in groups.items():
        heading = (
            render('{me} <span class="pred">{p}</span> …', me=me["label"], p=predicate)
            if direction == "out"
            else render('… <span class="pred">{p}</span> {me}', me=me["label"], p=predicate)
        )
        sections.append(render(
            '<section><h3>{h} <span class="meta">({n})</span></h3><ul class="claims">{c}</ul></section>',
            h=heading, n=len(claims), c=join(render_claim(c) for c in claims),
        ))

    def refs(items: list[dict[str, str]]) -> Markup:
        return join((entity_link(r) for r in items), ", ")

    facts = []
    if info["other_labels"]:
        facts.append(render("<p>Also labelled: {l}</p>", l=", ".join(info["other_labels"])))
    if info["synonyms"]:
        facts.append(render("<p>Synonyms: {s}</p>", s=", ".join(info["synonyms"])))
    if info["broader"]:
        facts.append(render("<p>Broader: {b}</p>", b=refs(info["broader"])))
    if narrower:
        facts.append(render("<p>Narrower: {n}</p>", n=refs([data.entity_ref(None, r["curie"], r["label"]) for r in narrower])))
    views = render(
        '<p>Graph view: <a href="{v1}">neighbours</a> · <a href="{v2}">two steps out</a></p>',
        v1=link("/view/entity", me["curie"], radius=1), v2=link("/view/entity", me["curie"], radius=2),
    )
    truncated = (
        Markup('<p class="notice">This entity has more statements than one page shows; '
               "use the SPARQL endpoint for all of them.</p>")
        if reply["truncated"] else ""
    )
    body = render(
        '<h1>{label}</h1><p class="meta"><code>{curie}</code> · {types}</p>{facts}{views}'
        "<h2>Statements</h2>{truncated}{sections}",
        label=info["label"], curie=info["curie"], types=", ".join(info["types"]) or "Entity",
        facts=join(facts), views=views, truncated=truncated,
        sections=join(sections) if sections else Markup("<p>No statements mention this entity.</p>"),
    )
    return page(info["label"], body)


async def document(request: Request) -> HTMLResponse:
    """``/document/{name}``: the statements extracted from one document, in reading order."""
    started = time.monotonic()
    name = request.path_params["name"]
    bindings = data.document_bindings(name)
    try:
        found = (await _select(request, data.select_job(data.DOCUMENT, **bindings), started))["rows"]
        if not found:
            return error_page(404, f"The store has no document {name}.")
        reply = await _select(request, data.select_job(data.DOCUMENT_STATEMENTS, **bindings), started)
    except ProtocolError as exc:
        return error_page(404 if exc.status == 400 else exc.status, exc.message)
    claims = data.group_document_statements(reply["rows"], name)
    negated = sum(c.negated for c in claims)
    hedged = sum(c.hedged for c in claims)
    body = render(
        '<h1>Document <q>{name}</q></h1><p class="meta">{n} statements ({neg} negated, {h} hedged) · '
        '<a href="{view}">graph view</a></p>{truncated}<ol class="claims">{claims}</ol>',
        name=name, n=len(claims), neg=negated, h=hedged, view=link("/view/document", name),
        truncated=Markup('<p class="notice">Only part of this document\'s statements is shown.</p>')
        if reply["truncated"] else "",
        claims=join(render_claim(c, show_sources=False) for c in claims),
    )
    return page(name, body)


async def query_form(request: Request) -> HTMLResponse:
    """``/query``: a form for a SPARQL query; with a query (GET ``?query=`` or the form's
    POST), its results below the form as an HTML table."""
    started = time.monotonic()
    config = request.app.state.config
    try:
        query, params = await read_request(request)
    except ProtocolError as exc:
        return error_page(exc.status, exc.message)
    distinct = "false" not in [v.lower() for v in params.get("distinct", [])]
    results: Markup | str = ""
    status = 200
    if query is not None and query.strip():
        try:
            job = build_job(query, params, "application/sparql-results+json, text/turtle;q=0.9",
                            min(config.max_results, QUERY_PAGE_ROWS))
            reply = await run_job(request, job, started, lane="queries")
            results = results_view.render_results(reply, request.app.state.index, time.monotonic() - started)
        except ProtocolError as exc:
            status = exc.status
            results = render('<p class="notice" role="alert"><strong>{t}</strong> {m}</p>',
                             t="Refused:" if exc.status == 403 else "Error:", m=exc.message)
    body = render(
        """<h1>SPARQL query</h1>
<form action="/query" method="post" id="query-form">
<p><textarea name="query" rows="14" spellcheck="false" aria-label="SPARQL query">{example}</textarea></p>
<p><label><input type="checkbox" name="distinct" value="false"{nodistinct}> keep duplicate rows</label>
<button type="submit">Run query</button></p></form>
<div id="results">{results}</div>
<details><summary>Download the results in another format</summary>
<form action="/sparql" method="post">
<input type="hidden" name="query" value="{query}">
<p><label>Result format <select name="format">{options}</select></label>
<button type="submit">Download</button></p></form></details>
<p class="meta">SPARQL 1.1 queries only (SELECT, ASK, CONSTRUCT, DESCRIBE); the endpoint is read-only
and refuses SERVICE and LOAD. The prefixes <code>pg</code>, <code>rdf</code>, <code>rdfs</code>, <code>xsd</code>,
<code>skos</code>, <code>prov</code>, <code>dcterms</code> and <code>obo</code> are predeclared, and the
default graph is the union of the document graphs. A SELECT without DISTINCT, aggregates or GRAPH
gets DISTINCT, so an answer found in several documents is shown once (tick the box to keep every row).
Each query may run {timeout} s; this page shows at most {shown} rows (the endpoint
<code>/sparql</code> returns up to {limit}).</p>""",
        example=query if query else EXAMPLE_QUERY, query=query or EXAMPLE_QUERY,
        nodistinct=Markup("" if distinct else " checked"), results=results,
        options=join(render('<option value="{v}">{l}</option>', v=v, l=label) for v, label in FORMAT_CHOICES),
        timeout=f"{config.timeout:g}", limit=f"{config.max_results:,}",
        shown=f"{min(config.max_results, QUERY_PAGE_ROWS):,}",
    )
    return page("SPARQL query", body, status=status)


def _view_response(reply: dict[str, Any]) -> HTMLResponse:
    return HTMLResponse(
        reply["html"], headers={"Content-Security-Policy": VIEW_CSP, "X-Content-Type-Options": "nosniff"}
    )


async def view_entity(request: Request) -> HTMLResponse:
    """``/view/entity/{curie}?radius=1|2``: an interactive graph of an entity's neighbourhood."""
    started = time.monotonic()
    curie = request.path_params["curie"]
    radius_text = request.query_params.get("radius", "1")
    if radius_text not in ("1", "2"):
        return error_page(400, "The radius must be 1 or 2.")
    bindings = data.entity_bindings(curie)
    if bindings is None:
        return error_page(404, f"{curie} is not a CURIE (prefix:identifier).")
    try:
        info = data.entity_header(
            (await _select(request, data.entity_job(data.ENTITY, bindings), started))["rows"], curie
        )
        if info is None:
            return error_page(404, f"The store has no entity {curie}.")
        job = {"op": "view", "kind": "entity", "id": info["curie"], "radius": int(radius_text),
               "title": f"{info['label']} ({info['curie']}): neighbourhood, radius {radius_text}"}
        reply = await run_job(request, job, started, lane="queries")
    except ProtocolError as exc:
        return error_page(exc.status, exc.message)
    return _view_response(reply)


async def view_document(request: Request) -> HTMLResponse:
    """``/view/document/{name}``: an interactive graph of what one document states."""
    started = time.monotonic()
    name = request.path_params["name"]
    try:
        found = (await _select(request, data.select_job(data.DOCUMENT, **data.document_bindings(name)), started))["rows"]
        if not found:
            return error_page(404, f"The store has no document {name}.")
        job = {"op": "view", "kind": "document", "id": name, "radius": 1, "title": f"Document {name}"}
        reply = await run_job(request, job, started, lane="queries")
    except ProtocolError as exc:
        return error_page(exc.status, exc.message)
    return _view_response(reply)
