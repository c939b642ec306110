"""kill -9 in the middle of an ingest: every document is whole (old or new), none lost or doubled."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from pharmgraph.store import STAGING_BASE, open_store

CHILD = r"""
import sys
from pharmgraph.ingest import ingest_paths
from pharmgraph.store import open_store
store = open_store(sys.argv[1])
for result in ingest_paths(store, [sys.argv[2]]):
    print(result.key, flush=True)
"""


def _write(folder, documents, version):
    folder.mkdir(exist_ok=True)
    for n in range(documents):
        doc = f"doc{n:03d}"
        lines = [
            json.dumps({"subject": {"id": "CHEBI:6367", "label": "lamotrigine", "type": "Drug"},
                        "predicate": "blocks",
                        "object": {"id": f"pharmgraph:t{i}_{version}", "label": f"t{i}", "type": "Protein"},
                        "evidence": [{"document": doc, "text": f"v{version} s{i}", "start": i, "end": i + 1}]})
            for i in range(version + 1)
        ]
        (folder / f"{doc}.jsonl").write_text("\n".join(lines) + "\n")


def _graphs(path):
    with open_store(path, read_only=True) as store:
        out = {}
        for graph in store.raw.named_graphs():
            quads = list(store.raw.quads_for_pattern(None, None, None, graph))
            out[graph.value] = len(quads)
        return out


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_mid_ingest_leaves_every_document_whole(tmp_path):
    documents = 40
    _write(tmp_path / "docs", documents, 1)
    store = tmp_path / "kg"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, "-c", CHILD, str(store), "docs"], cwd=tmp_path, env=env, check=True,
                   capture_output=True)
    old = _graphs(store)
    # What a clean re-ingest of version 2 gives, in a copy:
    import shutil

    shutil.copytree(store, tmp_path / "clean")
    _write(tmp_path / "docs", documents, 2)
    subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "clean"), "docs"], cwd=tmp_path, env=env,
                   check=True, capture_output=True)
    new = _graphs(tmp_path / "clean")
    assert len(old) == len(new) == documents
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(store), "docs"], cwd=tmp_path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for _ in range(documents // 2):
        child.stdout.readline()
    child.send_signal(signal.SIGKILL)
    child.wait()
    seen = _graphs(store)
    assert not any(g.startswith(STAGING_BASE) for g in seen)
    assert set(seen) == set(old)
    whole = [g for g in seen if seen[g] in (old[g], new[g])]
    assert len(whole) == documents
    replaced = sum(1 for g in seen if seen[g] == new[g] != old[g])
    assert documents // 2 <= replaced < documents
    with open_store(store, read_only=True) as opened:
        stats = opened.stats()
    assert stats["documents"] == documents
    assert stats["statements"] == 2 * (documents - replaced) + 3 * replaced
