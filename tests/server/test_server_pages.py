"""The web pages of a real `pharmgraph serve`: content, links, escaping, and a headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.parse
from html.parser import HTMLParser

import httpx
import pytest
from server_kg import XSS, XSS_DOC

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


class _Tags(HTMLParser):
    """Collects start tags and link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [v for k, v in attrs if k == "href" and v]

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def get(server, path: str, status: int = 200) -> str:
    response = httpx.get(server.url + path, timeout=30)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def entity_path(curie: str) -> str:
    return "/entity/" + urllib.parse.quote(curie, safe=":")


def test_home_shows_counts_by_type_and_documents(server):
    html = get(server, "/")
    text = " ".join(parse(html).text)
    assert "IonChannel" in text and "Drug" in text and "AdverseEvent" in text
    assert re.search(r"<td>Drug</td><td class=\"n\">4</td>", html)  # lamotrigine, phenytoin, losigamone, evil
    assert re.search(r"<td>negated statements</td><td class=\"n\">1</td>", html)
    links = parse(html).links
    assert "/document/doc-a.txt" in links
    assert "/document/" + urllib.parse.quote(XSS_DOC, safe="") in links
    assert 'action="/search"' in html


def test_search_by_label_synonym_and_curie(server):
    for q in ("LAMOT", "lamictal", "chebi:6367"):
        links = parse(get(server, "/search?q=" + urllib.parse.quote(q))).links
        assert "/entity/CHEBI:6367" in links, q
    html = get(server, "/search?q=zzzz-nothing")
    assert "No entity matches" in html
    # Search text is data, not SPARQL: quotes and braces cannot break the query.
    html = get(server, "/search?q=" + urllib.parse.quote('"} ?s ?p ?o { "'))
    assert "No entity matches" in html


def test_entity_page_groups_statements_with_evidence(server):
    html = get(server, entity_path("CHEBI:6367"))
    assert "<h1>lamotrigine</h1>" in html
    assert "Lamictal" in html
    sections = re.findall(r"<section>(.*?)</section>", html, re.S)
    by_predicate = {re.search(r'class="pred">([a-z_]+)<', s).group(1): s for s in sections}
    assert set(by_predicate) >= {"blocks", "inhibits", "binds", "treats", "causes_adverse_event", "interacts_with"}
    blocks = by_predicate["blocks"]
    assert "In our hands the drug shut sodium channels." in blocks
    assert "Sodium channel block was seen with lamotrigine." in blocks
    assert 'href="/document/doc-a.txt"' in blocks and 'href="/document/doc-b.txt"' in blocks
    assert 'href="/entity/mesh:D062528"' in blocks
    binds = by_predicate["binds"]
    assert 'class="claim negated"' in binds and ">NOT</span>" in binds
    assert ">NOT</span>" not in blocks
    treats = by_predicate["treats"]
    assert 'class="claim hedged"' in treats and ">hedged</span>" in treats
    assert 'href="/view/entity/CHEBI:6367?radius=1"' in html


def test_entity_page_shows_incoming_statements_and_hierarchy(server):
    html = get(server, entity_path("mesh:D062528"))
    assert "… <span class=\"pred\">blocks</span> voltage-gated sodium channel" in html
    assert 'href="/entity/CHEBI:8107"' in html  # phenytoin blocks it
    assert "Narrower:" in html and 'href="/entity/HGNC:10588"' in html
    html = get(server, entity_path("HGNC:10588"))
    assert "Broader:" in html and 'href="/entity/mesh:D062528"' in html


def test_document_page_lists_what_was_extracted(server):
    html = get(server, "/document/doc-b.txt")
    assert "5 statements (0 negated, 2 hedged)" in html
    claims = re.findall(r'<li class="claim[^"]*">', html)
    assert len(claims) == 5
    assert html.index("It might be useful against seizures.") < html.index("A rash appeared in some patients.")
    assert 'href="/view/document/doc-b.txt"' in html
    html = get(server, "/document/doc-a.txt")
    assert ">NOT</span>" in html and "No binding to the GABA-A receptor was found." in html


def test_evidence_is_shown_readable_with_exact_text_and_offsets(server):
    exact = "**Phenytoin** acted alike.[7][8]"
    for path in (entity_path("CHEBI:8107"), "/document/doc-b.txt"):
        html = get(server, path)
        assert f'<q title="{exact}">Phenytoin acted alike.</q>' in html, path
        assert f"characters 300–{300 + len(exact)}" in html, path
    # Inline HTML is not markup to remove: it is shown, escaped, as the text it is.
    html = get(server, entity_path("pharmgraph:evil"))
    assert f"<q title=\"A sentence with {ESCAPED} inside.\">A sentence with {ESCAPED} inside.</q>" in html


def test_missing_things_are_404(server):
    get(server, entity_path("CHEBI:999999999"), 404)
    get(server, "/entity/not-a-curie", 404)
    get(server, "/document/nothing.txt", 404)
    get(server, "/no/such/page", 404)


def test_query_form_posts_to_the_endpoint(server):
    html = get(server, "/query")
    assert '<form action="/sparql" method="post">' in html
    assert '<textarea name="query"' in html
    assert '<option value="csv">' in html
    response = httpx.post(server.endpoint, data={"query": "SELECT DISTINCT ?d WHERE { ?d pg:blocks ?t }", "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    redirect = httpx.get(server.endpoint, headers={"Accept": "text/html"})
    assert redirect.status_code == 303 and redirect.headers["location"].endswith("/query")


def test_document_text_is_escaped_on_every_page(server):
    pages = [
        "/",
        "/search?q=script",
        "/search?q=" + urllib.parse.quote(XSS),
        entity_path("pharmgraph:evil"),
        entity_path("CHEBI:6367"),
        entity_path("mesh:D062528"),
        "/document/" + urllib.parse.quote(XSS_DOC, safe=""),
        "/query",
    ]
    for path in pages:
        html = get(server, path)
        assert XSS not in html, path
        assert "<b>name</b>" not in html, path
        tags = parse(html).tags
        assert "script" not in tags and "b" not in tags, path
        assert not EXTERNAL.search(html), path
    assert ESCAPED in get(server, entity_path("pharmgraph:evil"))
    assert f"<h1>{ESCAPED}</h1>" in get(server, entity_path("pharmgraph:evil"))
    assert "odd &lt;b&gt;name&lt;/b&gt; &amp; more.txt" in get(server, "/")
    assert ESCAPED in get(server, "/search?q=" + urllib.parse.quote(XSS))


def test_pages_forbid_external_resources(server):
    response = httpx.get(server.url + "/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy


# -- headless browser ------------------------------------------------------------------------
def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def dump_dom(url: str, tmp_path) -> str:
    binary = _chromium()
    if binary is None:
        pytest.skip("no chromium binary")
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path}", "--dump-dom", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow
def test_entity_page_in_a_browser(server, tmp_path):
    dom = dump_dom(server.url + entity_path("CHEBI:6367"), tmp_path)
    assert "<h1>lamotrigine</h1>" in dom
    assert "In our hands the drug shut sodium channels." in dom
    assert re.search(r'<span class="flag not"[^>]*>NOT</span>', dom)
    assert re.search(r'<span class="flag hedged"[^>]*>hedged</span>', dom)
    # The hostile label is text in the DOM, not an element.
    assert ESCAPED in dom
    assert "<script>" not in dom


@pytest.mark.slow
def test_hostile_entity_page_in_a_browser(server, tmp_path):
    dom = dump_dom(server.url + entity_path("pharmgraph:evil"), tmp_path)
    assert f"<h1>{ESCAPED}</h1>" in dom
    assert "<script" not in dom
    assert "A sentence with " + ESCAPED + " inside." in dom
