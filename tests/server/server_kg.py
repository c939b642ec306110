"""Helpers for the server tests: hand-made statements and a real `pharmgraph serve` process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from pharmgraph.model import Entity, Evidence, Statement

XSS = "<script>alert(1)</script>"
XSS_DOC = "odd <b>name</b> & more.txt"

LAMOTRIGINE = Entity("CHEBI:6367", "lamotrigine", "Drug", synonyms=("Lamictal",))
PHENYTOIN = Entity("CHEBI:8107", "phenytoin", "Drug")
LOSIGAMONE = Entity("pharmgraph:losigamone", "losigamone", "Drug")
VGSC = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel")
NAV12 = Entity("HGNC:10588", "Nav1.2", "IonChannel", broader=("mesh:D062528",))
GABA_A = Entity("pharmgraph:gaba_a_receptor", "GABA-A receptor", "Receptor")
EPILEPSY = Entity("MONDO:0005027", "epilepsy", "Disease")
RASH = Entity("pharmgraph:rash", "rash", "AdverseEvent")
EVIL = Entity("pharmgraph:evil", XSS, "Drug", synonyms=(f"alias {XSS}",))


def _ev(doc: str, text: str, start: int, section: str | None = None) -> Evidence:
    return Evidence(doc, text, start, start + len(text), section=section, extractor="test")


def statements() -> list[Statement]:
    """Hand-made statements over three documents; one negated, one hedged, one hostile label."""
    return [
        Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(
            _ev("doc-a.txt", "In our hands the drug shut sodium channels.", 0, "Results"),
            _ev("doc-b.txt", "Sodium channel block was seen with lamotrigine.", 120),
        )),
        Statement(LAMOTRIGINE, "inhibits", NAV12, evidence=(_ev("doc-a.txt", "Nav1.2 currents fell.", 50),)),
        Statement(LAMOTRIGINE, "binds", GABA_A, negated=True,
                  evidence=(_ev("doc-a.txt", "No binding to the GABA-A receptor was found.", 80),)),
        Statement(LAMOTRIGINE, "treats", EPILEPSY, certainty="hedged",
                  evidence=(_ev("doc-b.txt", "It might be useful against seizures.", 10),)),
        Statement(LAMOTRIGINE, "causes_adverse_event", RASH,
                  evidence=(_ev("doc-b.txt", "A rash appeared in some patients.", 200),)),
        Statement(PHENYTOIN, "blocks", VGSC, evidence=(_ev("doc-b.txt", "**Phenytoin** acted alike.[7][8]", 300),)),
        Statement(LOSIGAMONE, "binds", GABA_A, certainty="hedged",
                  evidence=(_ev("doc-b.txt", "Perhaps it binds there.", 400),)),
        Statement(EVIL, "inhibits", VGSC, evidence=(_ev(XSS_DOC, f"A sentence with {XSS} inside.", 0),)),
        Statement(LAMOTRIGINE, "interacts_with", EVIL, evidence=(_ev(XSS_DOC, "They meet.", 60),)),
    ]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `pharmgraph serve` subprocess on a free loopback port."""

    def __init__(self, store: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = self.url + "/sparql"
        self.log = tempfile.TemporaryFile()
        self.final_output: str | None = None
        command = [sys.executable, "-m", "pharmgraph.cli", "--store", str(store), "serve",
                   "--port", str(self.port), "--no-access-log", *options]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self._wait_ready()

    def output(self) -> str:
        """What the server printed so far."""
        if self.final_output is not None:
            return self.final_output
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def _wait_ready(self, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited early:\n{self.output()}")
            try:
                if httpx.get(self.endpoint, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not start:\n{self.output()}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and close its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.final_output is None:
            self.final_output = self.output()
            self.log.close()
