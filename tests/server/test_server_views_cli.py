"""Graph views served by `pharmgraph serve`, and the command's own behaviour."""

from __future__ import annotations

import urllib.parse

import httpx
import pytest
from click.testing import CliRunner
from server_kg import XSS, XSS_DOC

from pharmgraph.cli import main
from pharmgraph.commands.serve import is_loopback

pytest.importorskip("pharmgraph.views")
pytest.importorskip("pharmgraph.analysis")


def test_entity_view_is_a_standalone_page_of_the_neighbourhood(server):
    from pharmgraph.views import iter_external_urls

    near = httpx.get(server.url + "/view/entity/CHEBI:6367?radius=1", timeout=60)
    assert near.status_code == 200, near.text
    page = near.text
    assert page.startswith("<!DOCTYPE html>")
    assert list(iter_external_urls(page)) == []
    assert "voltage-gated sodium channel" in page and "epilepsy" in page
    assert "phenytoin" not in page  # two steps away: phenytoin blocks the channel lamotrigine blocks
    far = httpx.get(server.url + "/view/entity/CHEBI:6367?radius=2", timeout=60).text
    assert "phenytoin" in far
    assert XSS not in page and XSS not in far
    assert httpx.get(server.url + "/view/entity/CHEBI:6367?radius=7").status_code == 400
    assert httpx.get(server.url + "/view/entity/CHEBI:999999999").status_code == 404


def test_document_view(server):
    from pharmgraph.views import iter_external_urls

    response = httpx.get(server.url + "/view/document/" + urllib.parse.quote(XSS_DOC, safe=""), timeout=60)
    assert response.status_code == 200, response.text
    assert list(iter_external_urls(response.text)) == []
    assert XSS not in response.text
    assert "voltage-gated sodium channel" in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert httpx.get(server.url + "/view/document/nothing.txt").status_code == 404


def test_serve_help_has_examples():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "--max-results" in result.output and "--timeout" in result.output


def test_serve_refuses_what_it_cannot_serve(tmp_path):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "nothing"), "serve"])
    assert result.exit_code != 0
    assert "There is no pharmgraph store" in result.output
    result = CliRunner().invoke(main, ["--store", "http://127.0.0.1:9/sparql", "serve"])
    assert result.exit_code != 0 and "could not be reached" in result.output


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("10.1.2.3")
    assert not is_loopback("example.org")


def test_warns_when_not_on_loopback(store_path):
    import subprocess
    import sys

    from server_kg import free_port

    # 192.0.2.1 is a documentation address no machine has: the warning is printed, then the
    # bind fails, so nothing is ever exposed.
    done = subprocess.run(
        [sys.executable, "-m", "pharmgraph.cli", "--store", str(store_path), "serve",
         "--host", "192.0.2.1", "--port", str(free_port()), "--workers", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert "Warning: listening on 192.0.2.1, not on a loopback address" in done.stderr
    assert done.returncode != 0
