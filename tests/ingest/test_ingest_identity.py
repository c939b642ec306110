"""Document keys never collide; a file lands whole or not at all; staging is never seen."""

from __future__ import annotations

import json

import pytest
from helpers import ingest_json, run

from pharmgraph.errors import InputError
from pharmgraph.ingest import document_key, expand_inputs
from pharmgraph.store import open_store

PUBTATOR = (
    "1|t|Lamotrigine blocks sodium channels.\n1|a|It is used in epilepsy.\n\n"
    "2|t|Carbamazepine blocks sodium channels.\n2|a|It is an anticonvulsant.\n"
)


def test_same_name_in_two_folders_is_two_documents(tmp_path):
    for folder, drug in (("a", "Lamotrigine"), ("b", "Carbamazepine")):
        (tmp_path / "papers" / folder).mkdir(parents=True)
        (tmp_path / "papers" / folder / "review.md").write_text(f"{drug} blocks sodium channels.\n")
    code, data, output = ingest_json(tmp_path / "kg", "papers", cwd=tmp_path)
    assert code == 0, output
    assert [r["document"] for r in data["documents"]] == ["papers/a/review.md", "papers/b/review.md"]
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.documents() == ["papers/a/review.md", "papers/b/review.md"]
    listing = run("--store", tmp_path / "kg", "stats", "--documents", "--format", "json")
    assert [r["document"] for r in json.loads(listing.output)] == ["papers/a/review.md", "papers/b/review.md"]
    # The same file named directly has the same key, and replaces its document.
    code, data, _ = ingest_json(tmp_path / "kg", "papers/a/review.md", cwd=tmp_path)
    assert code == 0 and [r["document"] for r in data["documents"]] == ["papers/a/review.md"]
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.stats()["documents"] == 2


def test_keys_outside_the_current_directory_and_relative_to(tmp_path, monkeypatch):
    (tmp_path / "work").mkdir()
    (tmp_path / "papers" / "a").mkdir(parents=True)
    paper = tmp_path / "papers" / "a" / "x.md"
    paper.write_text("text")
    monkeypatch.chdir(tmp_path / "work")
    inputs, _ = expand_inputs([tmp_path / "papers"])
    assert [i.key for i in inputs] == ["papers/a/x.md"]
    assert document_key(paper) == paper.as_posix()
    assert document_key(paper, relative_to=tmp_path) == "papers/a/x.md"


def test_hidden_files_are_counted_not_read(tmp_path):
    (tmp_path / "in" / ".git").mkdir(parents=True)
    (tmp_path / "in" / ".git" / "config").write_text("x")
    (tmp_path / "in" / "a.md").write_text("Lamotrigine blocks sodium channels.")
    code, data, _ = ingest_json(tmp_path / "kg", "in", cwd=tmp_path)
    assert code == 0 and data["summary"]["hidden_skipped"] == 1 and data["summary"]["files"] == 1


def test_records_are_keyed_by_file_and_vanished_records_removed(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "set.pubtator").write_text(PUBTATOR)
    (tmp_path / "y" / "set.pubtator").write_text(PUBTATOR)
    code, data, _ = ingest_json(tmp_path / "kg", "x", "y", cwd=tmp_path)
    assert code == 0
    names = [r["document"] for r in data["documents"]]
    assert names == ["x/set.pubtator#1", "x/set.pubtator#2", "y/set.pubtator#1", "y/set.pubtator#2"]
    (tmp_path / "x" / "set.pubtator").write_text(PUBTATOR.split("\n\n")[0] + "\n")
    code, data, _ = ingest_json(tmp_path / "kg", "x/set.pubtator", cwd=tmp_path)
    assert code == 0 and data["summary"]["removed_documents"] == 1
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.documents() == ["x/set.pubtator#1", "y/set.pubtator#1", "y/set.pubtator#2"]


def test_a_file_failing_halfway_leaves_the_store_exactly_as_it_was(tmp_path, monkeypatch):
    (tmp_path / "set.pubtator").write_text(PUBTATOR)
    assert ingest_json(tmp_path / "kg", "set.pubtator", cwd=tmp_path)[0] == 0
    with open_store(tmp_path / "kg", read_only=True) as store:
        before = store.export("nquads")
    changed = PUBTATOR.replace("Lamotrigine", "Phenytoin").replace("Carbamazepine", "Valproate")
    (tmp_path / "set.pubtator").write_text(changed)

    import pharmgraph.extract as extract

    real = extract.extract_document
    calls = []

    def second_record_fails(doc, lexicon=None):
        calls.append(doc.name)
        if len(calls) == 2:
            raise InputError("the second record cannot be read.")
        return real(doc, lexicon)

    monkeypatch.setattr(extract, "extract_document", second_record_fails)
    code, data, _ = ingest_json(tmp_path / "kg", "set.pubtator", cwd=tmp_path)
    assert code == 1 and "second record" in data["summary"]["refused"][0]["reason"]
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.export("nquads") == before


def test_a_bad_jsonl_line_refuses_the_whole_file(tmp_path, statements):
    from pharmgraph.model import write_jsonl

    good = tmp_path / "good.jsonl"
    write_jsonl(statements, good)
    assert ingest_json(tmp_path / "kg", good)[0] == 0
    with open_store(tmp_path / "kg", read_only=True) as store:
        before = store.export("nquads")
    bad = tmp_path / "bad.jsonl"
    lines = good.read_text().splitlines()
    bad.write_text("\n".join([lines[0].replace("lamotrigine", "LTG"), lines[1], '{"subject": 1}']) + "\n")
    code, _data, output = ingest_json(tmp_path / "kg", bad)
    assert code == 1 and "bad.jsonl, line 3" in output and "Traceback" not in output
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.export("nquads") == before


def test_leftover_staging_graph_is_invisible_to_read_only_readers(tmp_path, statements):
    import pyoxigraph

    from pharmgraph.store import STAGING_BASE

    with open_store(tmp_path / "kg") as store:
        store.ingest(statements)
        expected = (store.stats(), sorted(store.export("nquads").splitlines()), store.documents())
        # What an older pharmgraph's crash between staging and swap left behind:
        store.raw.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://x/s"), pyoxigraph.NamedNode(
            "https://w3id.org/pharmgraph/ontology#negated"), pyoxigraph.Literal("half"),
            pyoxigraph.NamedNode(STAGING_BASE + "abc")))
        store.raw.add(pyoxigraph.Quad(pyoxigraph.NamedNode(STAGING_BASE + "abc"), pyoxigraph.NamedNode(
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), pyoxigraph.NamedNode(
            "https://w3id.org/pharmgraph/ontology#Document"), pyoxigraph.NamedNode(STAGING_BASE + "abc")))
        store.raw.flush()
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert (store.stats(), sorted(store.export("nquads").splitlines()), store.documents()) == expected
        assert store.select("SELECT ?s WHERE { ?s pg:negated \"half\" }") == []
    with open_store(tmp_path / "kg") as store:  # a writable open cleans it up
        assert not any(g.value.startswith(STAGING_BASE) for g in store.raw.named_graphs())


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
def test_replacing_one_document_is_one_transaction_without_staging(tmp_path, suffix, monkeypatch):
    path = tmp_path / f"doc{suffix}"
    path.write_text("Lamotrigine blocks sodium channels.")
    with open_store(tmp_path / "kg") as store:
        from pharmgraph.ingest import ingest_paths

        list(ingest_paths(store, [path]))
        seen: list[str] = []
        path.write_text("Carbamazepine blocks sodium channels.")
        raw = store.raw
        store._store = _Spy(raw, seen)
        list(ingest_paths(store, [path]))
        store._store = raw
        assert len(seen) == 1 and "staging" not in seen[0]
        assert [r["statements"] for r in store.document_counts()] == [1]


class _Spy:
    """Wraps a pyoxigraph store and records the update requests sent to it."""

    def __init__(self, raw, seen):
        self._raw, self._seen = raw, seen

    def update(self, text, *args, **kwargs):
        self._seen.append(text)
        return self._raw.update(text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._raw, name)


def test_ingest_help_documents_the_key_and_the_exit_status():
    result = run("ingest", "--help")
    assert "Document keys" in result.output and "--skip-unknown" in result.output
    assert "one transaction" in result.output
