"""GO annotations as a source: gene participates_in process, with the annotation as record."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.errors import InputError
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.sources import go_annotations
from pharmgraph.store import open_store

# PTGS2 (5743) and SCN1A (6323) with two processes each; 999999 is no gene the store holds.
ANNOTATIONS = (
    "# gene<TAB>GO numbers\n"
    "5743\t0006954 0001525\n"
    "6323\t0019228 0086010\n"
    "999999\t0006954\n"
)


@pytest.fixture
def annotation_file(tmp_path: Path) -> Path:
    path = tmp_path / "gene_go.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(ANNOTATIONS)
    return path


def held_store_statements() -> list[Statement]:
    """Two genes a drug acts on, and one process linked to a disease (our own words)."""
    drug = Entity("drugbank:DB00564", "carbamazepine", "Drug")
    said = (Evidence("a.txt", "Our own sentence.", 0, 17),)
    return [
        Statement(drug, "inhibits", Entity("NCBIGene:5743", "PTGS2", "Enzyme"), evidence=said),
        Statement(drug, "blocks", Entity("NCBIGene:6323", "SCN1A", "IonChannel"), evidence=said),
        Statement(Entity("GO:0006954", "inflammatory response", "BiologicalProcess"), "contributes_to",
                  Entity("mesh:D010146", "pain", "Disease"), evidence=said),
    ]


def held_store():
    """An in-memory store of :func:`held_store_statements`."""
    store = open_store(":memory:")
    store.ingest(held_store_statements())
    return store


def participation(store) -> set[tuple[str, str]]:
    rows = store.select("""SELECT ?g ?p WHERE { GRAPH <https://w3id.org/pharmgraph/document/source%3Ago> {
        ?a pg:participates_in ?b . ?a pg:curie ?g . ?b pg:curie ?p } }""")
    return {(r["g"], r["p"]) for r in rows}


def test_by_default_only_links_among_what_the_store_holds(annotation_file):
    store = held_store()
    summary = go_annotations.import_source(store, annotation_file)
    assert participation(store) == {("NCBIGene:5743", "GO:0006954")}
    assert summary.records == 5 and summary.statements == 1
    assert summary.skipped["outside the store"] == 4


def test_scope_all_imports_every_annotation_and_reimport_replaces(annotation_file):
    store = held_store()
    go_annotations.import_source(store, annotation_file, scope="all")
    assert len(participation(store)) == 5
    go_annotations.import_source(store, annotation_file)
    # The store-scoped import replaces the graph; the genes and processes GO itself brought
    # do not count as held by the store.
    assert participation(store) == {("NCBIGene:5743", "GO:0006954")}


def test_each_statement_carries_the_annotation_record(annotation_file):
    [s] = go_annotations.process_annotations([("NCBIGene:6323", "GO:0019228")])
    assert (s.subject.label, s.predicate, s.object.type) == ("SCN1A", "participates_in", "BiologicalProcess")
    [ev] = s.evidence
    assert (ev.source, ev.record, ev.document) == ("infores:go", "NCBIGene:6323|GO:0019228", "source:go")
    assert ev.knowledge_level == "knowledge_assertion" and ev.source_version.startswith("GO ")


def test_bad_input_is_refused_with_one_sentence(tmp_path, annotation_file):
    with pytest.raises(InputError, match="scope"):
        go_annotations.import_source(held_store(), annotation_file, scope="some")
    with pytest.raises(InputError, match="no such file"):
        go_annotations.import_source(held_store(), tmp_path / "missing.tsv.gz")
    with pytest.raises(InputError, match="holds no genes"):
        go_annotations.import_source(open_store(":memory:"), annotation_file)
    bad = tmp_path / "bad.tsv.gz"
    with gzip.open(bad, "wt") as handle:
        handle.write("SCN1A\tseizures\n")
    with pytest.raises(InputError, match="not a gene-to-GO"):
        list(go_annotations.read_annotations(bad))


def test_cli_import_go_links_a_target_to_a_process_for_path(tmp_path, annotation_file):
    location = tmp_path / "kg"
    store = open_store(location)
    store.ingest(list(held_store_statements()))
    store.close()
    runner = CliRunner()
    result = runner.invoke(main, ["--store", str(location), "import", "go", str(annotation_file),
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.output)
    assert summary["document"] == "source:go" and summary["statements"] == 1
    result = runner.invoke(main, ["--store", str(location), "path", "carbamazepine", "pain",
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    [chain] = json.loads(result.output)
    assert chain["kind"] == "mechanism"
    assert [h["predicate"] for h in chain["hops"]] == ["inhibits", "participates_in", "contributes_to"]
    assert chain["hops"][1]["evidence"]["record"] == "NCBIGene:5743|GO:0006954"
    assert [h["origin"] for h in chain["hops"]] == ["text-mined", "curated", "text-mined"]
