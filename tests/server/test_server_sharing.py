"""Cross-site safety, CORS, the /query results table, DISTINCT by default, the label index,
fair admission and the "being served" marker, on a real `pharmgraph serve`."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

import httpx
import pytest
from server_kg import XSS, Server

from pharmgraph.errors import StoreError
from pharmgraph.server.admission import Admission, Overloaded, WaitedTooLong
from pharmgraph.server.label_index import LabelIndex
from pharmgraph.serving import MARKER, refuse_if_served, served_by, serving_marker

YASGUI = "https://yasgui.example"
EVIL = "https://evil.example"
SLOW = ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
        "FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l))) < 0) }")
BLOCKERS = "SELECT ?d WHERE { ?d pg:blocks ?t }"


@pytest.fixture(scope="module")
def shared(store_path):
    running = Server(store_path, "--timeout", "4", "--workers", "1", "--queue", "0", "--cors", YASGUI)
    yield running
    running.stop()


def form(server, query: str, **headers: str) -> httpx.Response:
    return httpx.post(server.endpoint, data={"query": query}, headers=headers, timeout=30)


# -- cross-site safety and CORS ------------------------------------------------------------
def test_cross_site_posts_are_refused(shared):
    assert form(shared, BLOCKERS, Origin=EVIL).status_code == 403
    assert form(shared, BLOCKERS, Origin="null").status_code == 403
    direct = httpx.post(shared.endpoint, content=BLOCKERS, headers={
        "Content-Type": "application/sparql-query", "Origin": EVIL})
    assert direct.status_code == 403
    assert "Cross-site POST refused" in direct.text
    # A browser form post that hides its Origin but says it is cross-site.
    hidden = form(shared, BLOCKERS, **{"Sec-Fetch-Site": "cross-site"})
    assert hidden.status_code == 403
    text_plain = httpx.post(shared.endpoint, content="query=" + BLOCKERS, headers={
        "Content-Type": "text/plain", "Origin": EVIL})
    assert text_plain.status_code == 403
    page_form = httpx.post(shared.url + "/query", data={"query": BLOCKERS}, headers={"Origin": EVIL})
    assert page_form.status_code == 403


def test_own_origin_and_programs_without_origin_may_post(shared):
    assert form(shared, BLOCKERS, Origin=shared.url).status_code == 200
    assert form(shared, BLOCKERS).status_code == 200  # curl, SPARQLWrapper
    own = httpx.post(shared.url + "/query", data={"query": BLOCKERS},
                     headers={"Origin": shared.url, "Sec-Fetch-Site": "same-origin"})
    assert own.status_code == 200


def test_cors_is_opt_in_with_a_correct_preflight(shared):
    preflight = httpx.options(shared.endpoint, headers={
        "Origin": YASGUI, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, accept"})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == YASGUI
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    refused = httpx.options(shared.endpoint, headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"})
    assert refused.status_code == 403
    assert "access-control-allow-origin" not in refused.headers
    # YASGUI's own request styles: form POST and GET, read cross-origin.
    posted = form(shared, BLOCKERS, Origin=YASGUI, Accept="application/sparql-results+json")
    assert posted.status_code == 200
    assert posted.headers["access-control-allow-origin"] == YASGUI
    assert "X-Pharmgraph-Truncated" in posted.headers["access-control-expose-headers"]
    got = httpx.get(shared.endpoint, params={"query": BLOCKERS}, headers={"Origin": YASGUI})
    assert got.headers["access-control-allow-origin"] == YASGUI
    other = httpx.get(shared.endpoint, params={"query": BLOCKERS}, headers={"Origin": EVIL})
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers


def test_a_server_without_cors_sends_no_cors_headers(server):
    got = httpx.get(server.endpoint, params={"query": BLOCKERS}, headers={"Origin": YASGUI})
    assert "access-control-allow-origin" not in got.headers
    preflight = httpx.options(server.endpoint, headers={"Origin": YASGUI, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 403


# -- SPARQL users ----------------------------------------------------------------------------
def rows(response: httpx.Response) -> list[dict]:
    return response.json()["results"]["bindings"]


def test_distinct_by_default_and_distinct_false(shared):
    added = httpx.get(shared.endpoint, params={"query": BLOCKERS})
    assert added.headers["x-pharmgraph-distinct"] == "added"
    kept = httpx.get(shared.endpoint, params={"query": BLOCKERS, "distinct": "false"})
    assert kept.headers["x-pharmgraph-distinct"] == "no"
    # lamotrigine blocks the channel in two documents, phenytoin in one.
    assert len(rows(added)) == 2 and len(rows(kept)) == 3
    grouped = httpx.get(shared.endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?d pg:blocks ?t }"})
    assert grouped.headers["x-pharmgraph-distinct"] == "no" and rows(grouped)[0]["n"]["value"] == "3"
    dataset = httpx.get(shared.endpoint, params={"query": BLOCKERS, "default-graph-uri": "https://w3id.org/x"})
    assert dataset.headers["x-pharmgraph-distinct"] == "no"


def test_service_description(shared):
    described = httpx.get(shared.endpoint, headers={"Accept": "text/turtle"})
    assert described.status_code == 200 and described.headers["content-type"].startswith("text/turtle")
    assert f"sd:endpoint <{shared.endpoint}>" in described.text
    assert "sd:UnionDefaultGraph" in described.text


def test_query_page_shows_an_html_table_with_curies_and_links(shared):
    query = "SELECT ?drug ?p ?label WHERE { ?drug pg:blocks ?t ; rdfs:label ?label . BIND(pg:blocks AS ?p) }"
    page = httpx.post(shared.url + "/query", data={"query": query}, headers={"Origin": shared.url})
    assert page.status_code == 200
    html = page.text
    assert '<table id="result-table">' in html
    assert '<a href="/entity/CHEBI:6367"' in html and '<code class="curie">CHEBI:6367</code>' in html
    assert ">pg:blocks</code>" in html
    assert "2 rows" in html and "DISTINCT was added" in html
    linked = httpx.get(shared.url + "/query", params={"query": query, "distinct": "false"})
    kept = re.search(r"(\d+) rows in", linked.text)
    assert kept and int(kept.group(1)) > 2  # one row per document holding each triple


def test_query_page_escapes_everything_and_shows_refusals(shared):
    hostile = httpx.get(shared.url + "/query", params={"query": "SELECT ?l WHERE { ?e rdfs:label ?l }"})
    assert XSS not in hostile.text and "&lt;script&gt;" in hostile.text
    refused = httpx.get(shared.url + "/query", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }"})
    assert refused.status_code == 403 and "SERVICE is not allowed" in refused.text


def test_search_uses_the_index(shared):
    prefix = httpx.get(shared.url + "/search", params={"q": "lamo"})
    assert "/entity/CHEBI:6367" in prefix.text
    fuzzy = httpx.get(shared.url + "/search", params={"q": "lamictl"})
    assert "/entity/CHEBI:6367" in fuzzy.text and "close match" in fuzzy.text
    curie = httpx.get(shared.url + "/search", params={"q": "hgnc:10588"})
    assert "/entity/HGNC:10588" in curie.text
    hostile = httpx.get(shared.url + "/search", params={"q": "script"})
    assert XSS not in hostile.text and "&lt;script&gt;" in hostile.text
    nothing = httpx.get(shared.url + "/search", params={"q": "qqqqzzzz"})
    assert "No entity matches" in nothing.text


def test_label_index_ranks_exact_prefix_word_substring_fuzzy():
    index = LabelIndex()
    index.add("e:1", "X:1", "sodium channel", "IonChannel", ["Nav"])
    index.add("e:2", "X:2", "channel", "IonChannel", [])
    index.add("e:3", "X:3", "channelopathy", "Disease", [])
    index.add("e:4", "X:4", "epithelial sodium channel", "IonChannel", [])
    index.add("e:5", "X:5", "chanel", "Drug", [])
    index.finish()
    hits = index.search("channel", limit=10)
    assert [h.curie for h in hits][:3] == ["X:2", "X:3", "X:1"]
    assert [h.kind for h in hits][:4] == ["exact", "prefix", "word", "word"]
    assert any(h.curie == "X:5" and h.kind == "fuzzy" for h in hits)
    assert index.search("nav")[0].matched == "Nav"
    assert index.entity("e:1") == ("X:1", "sodium channel") and index.entity("e:9") is None


# -- fairness ----------------------------------------------------------------------------------
def test_a_slow_query_does_not_hold_up_pages_and_a_second_one_gets_503(shared):
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        slow = pool.submit(httpx.get, shared.endpoint, params={"query": SLOW}, timeout=30)
        time.sleep(0.5)
        began = time.monotonic()
        entity = httpx.get(shared.url + "/entity/CHEBI:6367", timeout=30)
        document = httpx.get(shared.url + "/document/doc-a.txt", timeout=30)
        search = httpx.get(shared.url + "/search", params={"q": "pheny"}, timeout=30)
        pages_took = time.monotonic() - began
        second = httpx.get(shared.endpoint, params={"query": BLOCKERS}, timeout=30)
        assert slow.result().status_code == 503  # stopped at the time limit
    assert entity.status_code == document.status_code == search.status_code == 200
    assert pages_took < 2.0
    assert second.status_code == 503 and second.headers["retry-after"].isdigit()


def test_admission_is_bounded_and_takes_turns():
    async def scenario() -> list[str]:
        gate = Admission(slots=1, per_client=1, queue_per_client=1, queue_total=2)
        order: list[str] = []
        far = time.monotonic() + 5
        await gate.acquire("a", far)

        async def wait(name: str) -> None:
            await gate.acquire(name, far)
            order.append(name)

        a2 = asyncio.ensure_future(wait("a"))
        await asyncio.sleep(0)
        b = asyncio.ensure_future(wait("b"))
        await asyncio.sleep(0)
        with pytest.raises(Overloaded):
            await gate.acquire("a", far)  # a already has one waiting
        with pytest.raises(Overloaded):
            await gate.acquire("c", far)  # two waiting in all
        gate.release("a")
        await asyncio.sleep(0.01)
        gate.release(order[0])
        await asyncio.sleep(0.01)
        await asyncio.gather(a2, b)
        with pytest.raises(WaitedTooLong):
            await gate.acquire("d", time.monotonic() + 0.05)
        return order

    assert asyncio.run(scenario()) == ["b", "a"]  # b has not been served yet: its turn first


# -- one writer, many readers -----------------------------------------------------------------
def test_the_server_marks_the_store_and_unmarks_it_on_exit(tmp_path, store_path):
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(store_path, copy, ignore=shutil.ignore_patterns(MARKER + ".*"))
    running = Server(copy, "--workers", "1")
    second = Server(copy, "--workers", "1")  # many readers: a second server is fine
    try:
        pids = {json.loads(m.read_text())["pid"] for m in copy.glob(MARKER + ".*")}
        assert pids == {running.process.pid, second.process.pid}
        assert served_by(copy) in pids
        with pytest.raises(StoreError, match=r"is being served by pharmgraph serve \(pid \d+\); stop the server"):
            refuse_if_served(copy)
        second.stop()
        with pytest.raises(StoreError):
            refuse_if_served(copy)
    finally:
        running.stop()
        second.stop()
    assert not list(copy.glob(MARKER + "*"))
    refuse_if_served(copy)


def test_a_stale_marker_is_ignored_and_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{MARKER}.{dead.pid}"
    stale.write_text(json.dumps({"pid": dead.pid, "process_started": None}))
    assert served_by(tmp_path) is None
    refuse_if_served(tmp_path)
    assert not stale.exists()
    (tmp_path / f"{MARKER}.1").write_text("not json")
    assert served_by(tmp_path) is None


def test_serving_marker_is_removed_even_after_an_error(tmp_path):
    with pytest.raises(RuntimeError), serving_marker(tmp_path):
        assert served_by(tmp_path) == os.getpid()
        refuse_if_served(tmp_path)  # the serving process itself is not refused
        raise RuntimeError("boom")
    assert not list(tmp_path.glob(MARKER + "*"))
