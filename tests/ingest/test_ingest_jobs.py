"""``ingest --jobs N``: extraction in worker processes gives exactly what one process gives."""

from __future__ import annotations

from helpers import ingest_json

from pharmgraph.store import open_store


def test_parallel_ingest_matches_serial_ingest_in_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"d{i}.md").write_text(f"Lamotrigine blocks sodium channels in study {i}.\n")
    (folder / "bad.jsonl").write_text('{"subject": {"id": "x:1"}, "predicate": "binds", "object": {"id": "x:2"}, "negated": "no"}\n')
    (folder / "e.pubtator").write_text("7|t|Carbamazepine blocks sodium channels.\n7|a|It treats epilepsy.\n")
    serial = ingest_json(tmp_path / "one", "in", cwd=tmp_path, extra=("--jobs", "1"))
    parallel = ingest_json(tmp_path / "two", "in", cwd=tmp_path, extra=("--jobs", "2", "--batch", "2"))
    assert serial[0] == parallel[0] == 1  # the bad file is refused either way
    assert serial[1] == parallel[1]
    assert [r["document"] for r in parallel[1]["documents"]][:2] == ["in/d0.md", "in/d1.md"]
    assert "field negated" in parallel[1]["summary"]["refused"][0]["reason"]
    with open_store(tmp_path / "one", read_only=True) as one, open_store(tmp_path / "two", read_only=True) as two:
        assert sorted(one.export("nquads").splitlines()) == sorted(two.export("nquads").splitlines())
