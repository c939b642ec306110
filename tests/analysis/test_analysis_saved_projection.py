"""The projection saved beside a store folder follows the store, document by document."""

from __future__ import annotations

from analysis_kg import CBZ, LTG, VGSC, fixture_statements, said

from pharmgraph.analysis import centrality, project, saved_projection
from pharmgraph.analysis.cache import fingerprints, projection_path, update
from pharmgraph.model import Statement
from pharmgraph.store import open_store


def _same(store):
    saved = saved_projection(store)
    fresh = project(store, evidence=False)
    assert sorted(saved.edges(keys=True, data="documents")) == sorted(
        fresh.edges(keys=True, data="documents"))
    assert dict(saved.nodes(data=True)) == dict(fresh.nodes(data=True))
    assert saved.graph["negated"] == fresh.graph["negated"]


def test_saved_beside_the_folder_and_updated_per_document(tmp_path):
    store = open_store(tmp_path / "kg")
    store.ingest(fixture_statements())
    _same(store)
    path = projection_path(store)
    assert path == tmp_path / "kg.projection" and path.is_file()
    saved = update(store)["graphs"]
    before = {g: part["fp"] for g, part in saved.items()}
    # A new document, and a changed one: only those two graphs are read again.
    store.ingest([Statement(CBZ, "blocks", VGSC, evidence=said("d.txt", "C blocks it."))])
    store.replace_document("c.txt", [
        Statement(LTG, "binds", VGSC, evidence=said("c.txt", "L binds it."))])
    after = fingerprints(store)
    changed = {g for g in after if before.get(g) != after[g]}
    assert {g.rsplit("/", 1)[-1] for g in changed} == {"d.txt", "c.txt"}
    _same(store)
    store.remove_document("a.txt")
    _same(store)
    assert centrality(store) == centrality(project(store, evidence=False))
    store.close()


def test_a_damaged_file_is_rebuilt(tmp_path):
    store = open_store(tmp_path / "kg")
    store.ingest(fixture_statements())
    projection_path(store).write_bytes(b"not a pickle")
    _same(store)
    # A file holding anything but plain data is refused, not run.
    import pickle

    projection_path(store).write_bytes(pickle.dumps({"version": 1, "graphs": {"x": object()}}))
    _same(store)
    graph_file = projection_path(store).with_name("kg.projection-graph")
    assert graph_file.is_file()
    graph_file.write_bytes(b"\x80\x05garbage")
    _same(store)
    store.close()


def test_documents_filter(tmp_path):
    store = open_store(tmp_path / "kg")
    store.ingest(fixture_statements())
    saved = saved_projection(store, documents=["b.txt"], asserted_only=True)
    fresh = project(store, documents=["b.txt"], asserted_only=True, evidence=False)
    assert sorted(saved.edges(keys=True)) == sorted(fresh.edges(keys=True))
    store.close()
