"""Real SPARQL servers started for tests on 127.0.0.1 and stopped afterwards.

``oxigraph serve`` (from the ``oxigraph`` package) is the quick one; Virtuoso (Debian's
``virtuoso-opensource``) is the engine a lab runs beyond one machine. Each helper skips the
calling test cleanly when its binary is missing.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"{what} did not start")
            time.sleep(0.3)


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """Run ``oxigraph serve`` on a folder; yield its query URL."""
    local = Path(sys.executable).parent / "oxigraph"
    binary = str(local) if local.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait(url, process, 20, "oxigraph serve")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Run a Virtuoso 7 server in a folder of its own, bound to 127.0.0.1; yield its /sparql URL.

    Updates through /sparql are granted to the SPARQL user, as a lab's own server would.
    """
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None or not VIRTUOSO_INI.exists():
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    sql_port, http_port = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = re.sub(r"(\[Parameters\][^\[]*?ServerPort\s*=\s*)\S+", rf"\g<1>127.0.0.1:{sql_port}", ini, flags=re.S)
    ini = re.sub(r"(\[HTTPServer\][^\[]*?ServerPort\s*=\s*)\S+", rf"\g<1>127.0.0.1:{http_port}", ini, flags=re.S)
    config = folder / "virtuoso.ini"
    config.write_text(ini, encoding="utf-8")
    process = subprocess.Popen(
        [binary, "+configfile", str(config), "+foreground"], cwd=folder,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        _wait(url, process, 60, "Virtuoso")
        subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            check=True, capture_output=True, timeout=30,
        )
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
