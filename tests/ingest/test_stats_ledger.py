"""``stats`` answers from the ledger its writers keep, and the ledger is always what a full
count of the store finds: after ordinary and bulk loads, into new and non-empty stores,
replacements, removals, raw writes and reopening."""

from __future__ import annotations

import json

import pytest

from pharmgraph import bulk, stats_ledger
from pharmgraph.ingest import Input, ingest_file, ingest_file_ordinary
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import STATS_FILE, GraphStore, open_store


def _line(i: int, document: str, negated: bool = False) -> str:
    return json.dumps({
        "subject": {"id": f"drugbank:DB{i % 5:05d}", "label": f"drug {i % 5}", "type": "Drug"},
        "predicate": ["binds", "inhibits", "treats"][i % 3],
        "object": {"id": f"NCBIGene:{i % 9 + 1}", "label": f"gene {i % 9}", "type": "Protein"} if i % 3 != 2
        else {"id": "MONDO:0005027", "label": "epilepsy", "type": "Disease"},
        "negated": negated or i % 7 == 0,
        "evidence": [{"document": document, "text": "", "record": f"r{i}", "source": "infores:hetionet",
                      "source_version": "1.0", "knowledge_level": "knowledge_assertion"}],
    })


def _text_statements(document: str, hedged: bool = True) -> list[Statement]:
    drug = Entity("drugbank:DB00555", "lamotrigine", "Drug")
    channel = Entity("NCBIGene:6323", "SCN1A", "IonChannel")
    other = Entity("NCBIGene:1", "gene 0", "Protein")
    ev = Evidence(document, "Lamotrigine blocks SCN1A.", 0, 25)
    return [Statement(drug, "blocks", channel, certainty="hedged" if hedged else "asserted", evidence=(ev,)),
            Statement(drug, "binds", other, negated=True, evidence=(ev,)),
            Statement(drug, "inhibits", other, evidence=(ev,))]


def _counted(location) -> dict:
    """What a full count of the store finds (no ledger involved)."""
    with open_store(location, read_only=True) as store:
        return GraphStore.stats(store)


def _ledger_stats(location) -> dict:
    with open_store(location, read_only=True) as store:
        return store.stats()


def _no_recount(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("stats counted the whole store again")

    monkeypatch.setattr(stats_ledger, "recount", refuse)


@pytest.fixture
def always_bulk(monkeypatch):
    monkeypatch.setattr(bulk, "BULK_BYTES", 0)
    monkeypatch.setattr(bulk, "BATCH", 4)


def test_every_kind_of_write_keeps_the_counts_a_full_count_finds(tmp_path, monkeypatch, always_bulk):
    location = tmp_path / "kg"
    first = tmp_path / "a.jsonl"
    first.write_text("\n".join(_line(i, f"het/part-{i // 6}") for i in range(20)) + "\n")
    second = tmp_path / "b.jsonl"  # claims that are already in the store, and new ones
    second.write_text("\n".join(_line(i, f"more/part-{i // 6}") for i in range(10, 34)) + "\n")
    with open_store(location) as store:
        assert ingest_file(store, Input(first, "a.jsonl")).documents  # bulk, new store
        store.ingest(_text_statements("paper-1"))  # ordinary, the same process
    expected = _counted(location)
    assert expected["negated"] and expected["hedged"] and expected["claims"] < expected["statements"]
    with monkeypatch.context() as m:
        _no_recount(m)
        assert _ledger_stats(location) == expected
    with open_store(location) as store:
        ingest_file(store, Input(second, "b.jsonl"))  # bulk into a store that holds claims
        store.ingest(_text_statements("paper-2", hedged=False))
        store.replace_document("paper-1", _text_statements("paper-1", hedged=False)[:1])
        store.remove_document("het/part-1")
        store.remove_document("no such document")
    with monkeypatch.context() as m:
        _no_recount(m)
        assert _ledger_stats(location) == _counted(location)
    with open_store(location) as store:
        ingest_file_ordinary(store, Input(first, "again.jsonl"))  # replaces het/part-*
        for name in store.documents("more/"):
            store.remove_document(name)  # the last of a bulk load: its entity graph goes too
    with monkeypatch.context() as m:
        _no_recount(m)
        assert _ledger_stats(location) == _counted(location)


def test_a_write_the_ledger_cannot_follow_makes_the_next_stats_count_again(tmp_path, monkeypatch):
    location = tmp_path / "kg"
    with open_store(location) as store:
        store.ingest(_text_statements("paper-1"))
    assert _ledger_stats(location) == _counted(location)
    saved = json.loads((location / STATS_FILE).read_text())
    with open_store(location) as store:
        import pyoxigraph as ox

        store.raw.add(ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                              ox.Literal("o"), ox.NamedNode("https://example.org/g")))
    stale = _counted(location)
    assert stale["quads"] == sum(g["quads"] for g in saved["ledger"]["graphs"].values()) + 1
    with monkeypatch.context() as m:
        _no_recount(m)
        with pytest.raises(AssertionError, match="counted the whole store again"):
            _ledger_stats(location)
    assert _ledger_stats(location) == _counted(location)  # counted once, then remembered
    with monkeypatch.context() as m:
        _no_recount(m)
        assert _ledger_stats(location)["quads"] == stale["quads"]


def test_an_older_store_without_a_ledger_is_counted_once_and_then_kept_by_its_writers(tmp_path, monkeypatch):
    location = tmp_path / "kg"
    with open_store(location) as store:
        store.ingest(_text_statements("paper-1"))
    (location / STATS_FILE).unlink()
    with open_store(location) as store:  # a writer that finds no ledger keeps none...
        store.ingest(_text_statements("paper-2"))
    assert not (location / STATS_FILE).exists()
    with open_store(location) as store:  # ...until a count makes one, which it then keeps
        assert store.stats() == GraphStore.stats(store)
        store.ingest(_text_statements("paper-3"))
    with monkeypatch.context() as m:
        _no_recount(m)
        assert _ledger_stats(location) == _counted(location)
        assert _ledger_stats(location)["documents"] == 3


def test_a_failed_bulk_load_leaves_the_ledger_as_it_was(tmp_path, monkeypatch, always_bulk):
    location = tmp_path / "kg"
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(_line(i, f"het/part-{i // 6}") for i in range(12)) + "\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([_line(i, f"x/part-{i // 6}") for i in range(12)] + ["{not json"]) + "\n")
    with open_store(location) as store:
        ingest_file(store, Input(good, "good.jsonl"))
        refused = ingest_file(store, Input(bad, "bad.jsonl"))
        assert refused.error
    with monkeypatch.context() as m:
        _no_recount(m)
        assert _ledger_stats(location) == _counted(location)


def test_an_entity_named_twice_in_one_bulk_file_is_counted_once(tmp_path, monkeypatch, always_bulk):
    lines = [_line(i, f"het/part-{i // 6}") for i in range(12)]
    # Hetionet names one MeSH disease twice (a disease "obesity", a side effect "Obesity" typed as an effect):
    # the same id, described again under its other name, in a later batch.
    renamed = json.loads(_line(2, "het/part-9"))
    renamed["object"] = {"id": "mesh:D009765", "label": "Obesity", "type": "PhysiologicalEffect"}
    lines[2] = lines[2].replace('"MONDO:0005027", "label": "epilepsy"', '"mesh:D009765", "label": "obesity"')
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([*lines, json.dumps(renamed)]) + "\n")
    with open_store(tmp_path / "kg") as store:
        ingest_file(store, Input(path, "a.jsonl"))
    with monkeypatch.context() as m:
        _no_recount(m)
        assert _ledger_stats(tmp_path / "kg") == _counted(tmp_path / "kg")
