"""Every reader answers the same on a store written in RDF model 1 as on one written in
model 2, and ``pharmgraph migrate`` turns the first into the second."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from helpers import graphs_of, run
from rdflib.compare import isomorphic

from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.rdf import ENTITY_GRAPH_BASE, group_by_document, oxigraph_quads
from pharmgraph.store import open_store

from pg_fixtures import BZD_SITE, CARBAMAZEPINE, EPILEPSY, LAMOTRIGINE, LOSIGAMONE, ev

SCN1A = Entity("NCBIGene:6323", "SCN1A", "Protein", xrefs=("uniprot:P35498",))
NAV = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel", broader=("mesh:D007473",))


def _record(record: str, version: str = "1.0") -> Evidence:
    return Evidence("source:db", "", record=record, source="infores:hetionet", source_version=version,
                    knowledge_level="knowledge_assertion")


def _statements() -> list[Statement]:
    """Every shape the writers treat apart: one evidence or several, hedged, negated,
    qualifiers, records sharing their source, a claim twice in a document, evidence in two
    documents, a statement without evidence."""
    return [
        Statement(LAMOTRIGINE, "blocks", NAV, evidence=(ev("a.txt", "Lamotrigine blocks sodium channels."),)),
        Statement(LAMOTRIGINE, "treats", EPILEPSY, certainty="hedged",
                  evidence=(ev("a.txt", "It may help in epilepsy.", 40),)),
        Statement(CARBAMAZEPINE, "blocks", NAV, qualifiers={"species": "rat"},
                  evidence=(ev("b.txt", "Carbamazepine blocks them too."), ev("b.txt", "So does it here.", 31),
                            replace(ev("a.txt", "Carbamazepine also blocks them.", 70), extractor="other"))),
        Statement(LOSIGAMONE, "binds", BZD_SITE, negated=True, evidence=(ev("b.txt", "Losigamone does not bind."),)),
        Statement(LAMOTRIGINE, "binds", SCN1A, evidence=(_record("CbG:1"),)),
        Statement(CARBAMAZEPINE, "binds", SCN1A, evidence=(_record("CbG:2", "2.0"),)),
        Statement(CARBAMAZEPINE, "binds", SCN1A, evidence=(_record("CbG:3", "2.0"),)),
        Statement(LOSIGAMONE, "binds", SCN1A, negated=True, evidence=(_record("CbG:4"),)),
        Statement(LAMOTRIGINE, "inhibits", SCN1A),
    ]


def _write(path, version: int):
    store = open_store(path)
    for document, stmts in group_by_document(_statements(), "unattributed").items():
        store.replace_documents({document: oxigraph_quads(document, stmts, version=version)})
    return store


@pytest.fixture
def stores(tmp_path):
    v1, v2 = _write(tmp_path / "v1", 1), _write(tmp_path / "v2", 2)
    yield v1, v2
    v1.close()
    v2.close()


def _write_bulk(path, folder):
    """The statements through the bulk path (entities described once, in the file's entity
    graph, records written by :mod:`pharmgraph.record_lines`)."""
    from pharmgraph.bulk import bulk_ingest
    from pharmgraph.lexicon.core import Lexicon

    source = folder / "statements.jsonl"
    source.write_text("".join(s.to_json() + "\n" for s in _statements()), encoding="utf-8")
    store = open_store(path)
    bulk_ingest(store, source, "unattributed", lexicon=Lexicon([]))  # ids as given
    return store


@pytest.fixture(params=["model 1", "bulk path"])
def pair(request, tmp_path):
    """A store written another way (model 1, or the bulk path), and the model 2 store."""
    v2 = _write(tmp_path / "v2", 2)
    other = _write(tmp_path / "v1", 1) if request.param == "model 1" else _write_bulk(tmp_path / "bulk", tmp_path)
    yield other, v2
    other.close()
    v2.close()


def _plain(value):
    return json.loads(json.dumps(value, sort_keys=True, default=sorted))


def _edges(graph):
    return sorted(_plain([u, v, k, d]) for u, v, k, d in graph.edges(keys=True, data=True))


def test_the_two_models_differ_on_disk(stores):
    v1, v2 = stores
    assert v2.count() < 0.75 * v1.count()
    assert v2.ask("ASK { GRAPH ?g { ?g pg:modelVersion 2 } }")
    assert not v1.ask("ASK { GRAPH ?g { ?g pg:modelVersion ?v } }")
    assert not v2.ask("ASK { GRAPH ?g { ?st a pg:Statement } }")


def test_store_counts_and_fingerprints_are_the_same(pair):
    from pharmgraph.analysis.cache import fingerprints

    v1, v2 = pair
    one, two = v1.stats(), v2.stats()
    one.pop("quads")
    two.pop("quads")
    assert one == two and one["statements"] == 9 and one["negated"] == 2 and one["hedged"] == 1
    assert v1.documents() == v2.documents() == ["a.txt", "b.txt", "source:db", "unattributed"]
    assert v1.document_counts() == v2.document_counts()
    documents = {g: fp for g, fp in fingerprints(v1).items() if not g.startswith(ENTITY_GRAPH_BASE)}
    assert documents == fingerprints(v2)


def test_projections_and_local_graphs_read_the_same_evidence(pair):
    from pharmgraph.analysis import LocalGraph, negated_statements, project, saved_projection

    v1, v2 = pair
    assert _edges(project(v1)) == _edges(project(v2))
    assert _edges(project(v1, include_negated=True)) == _edges(project(v2, include_negated=True))
    assert _plain(negated_statements(project(v1, include_negated=True))) == _plain(
        negated_statements(project(v2, include_negated=True)))
    assert _edges(saved_projection(v1)) == _edges(saved_projection(v2))
    found = []
    for store in (v1, v2):
        local = LocalGraph(store)
        entities = [local.iri(e.id) for e in (LAMOTRIGINE, CARBAMAZEPINE, LOSIGAMONE)]
        local.expand(entities, "out")
        local.add_negated(entities)
        local.load_evidence()
        found.append(sorted(_plain([list(k), v]) for k, v in local.evidence_of.items()))
        found.append((sorted(local.hedged()), sorted(_plain([list(k), v]) for k, v in local.negated().items())))
        found.append(_edges(local.to_graph()))
    assert found[:3] == found[3:]
    evidence = dict((tuple(k), v) for k, v in found[0])
    records = evidence[(local.iri("CHEBI:3387"), "binds", local.iri("NCBIGene:6323"), False)]
    assert [(e["source"], e["record"]) for e in records] == [("infores:hetionet", "CbG:2"), ("infores:hetionet", "CbG:3")]
    assert len(evidence[(local.iri("CHEBI:3387"), "blocks", local.iri("mesh:D062528"), False)]) == 3


def test_analyses_answer_the_same(pair):
    from pharmgraph.analysis import (
        known_or_new,
        neighbors,
        shared_targets,
        similar,
        statement_status,
    )

    answers = []
    for store in pair:
        answers.append([
            _plain(list(shared_targets(store, ["CHEBI:6367", "CHEBI:3387"]))),
            _plain(list(neighbors(store, "CHEBI:3387"))),
            _plain(list(similar(store, "CHEBI:6367"))),
            _plain(list(known_or_new(store))),
            _plain(statement_status(store, "CHEBI:6367", "binds", "NCBIGene:6323")),
            _plain(statement_status(store, "pharmgraph:losigamone", "binds", "NCBIGene:6323", negated=True)),
        ])
    assert answers[0] == answers[1]
    assert answers[0][4]["status"] != answers[0][5]["status"] or answers[0][4] != answers[0][5]


def test_exports_and_pages_read_the_same(pair):
    from pharmgraph.exports.rows import as_dict, edge_rows, entity_rows
    from pharmgraph.server import page_data as data

    got = []
    for store in pair:
        entity = data.ENTITY_STATEMENTS.replace("%E%", data.sparql_iri("https://bioregistry.io/ncbigene:6323"))
        rows = store.select(entity)
        grouped = data.group_entity_statements(rows, data.entity_ref(None, "NCBIGene:6323", "SCN1A"))
        per_document = {}
        for name in store.documents():
            query = data.bind_values(data.DOCUMENT_STATEMENTS, data.document_bindings(name))
            per_document[name] = data.group_document_statements(store.select(query), name)
        got.append([
            sorted((_plain(as_dict(r)) for r in entity_rows(store)), key=json.dumps),
            sorted((_plain(as_dict(r)) for r in edge_rows(store)), key=json.dumps),
            _plain(store.select(data.COUNTS)), _plain(store.select(data.PREDICATES)),
            _plain(store.select(data.DOCUMENTS)),
            repr(sorted(grouped.items())), repr(sorted(per_document.items())),
        ])
    assert got[0] == got[1]
    assert any(r["sources"] == ["infores:hetionet"] for r in got[0][1])


def test_both_models_conform_to_the_shapes(pair):
    from pharmgraph.validation import validate_store

    for store in pair:
        findings = validate_store(store)
        assert {f.severity for f in findings} <= {"Warning"}, findings
        assert len(findings) == 1  # the statement without evidence


def test_a_source_without_record_is_caught_on_the_document_node_too():
    from pharmgraph.validation import validate_statements

    stmt = Statement(LAMOTRIGINE, "binds", SCN1A, evidence=(Evidence("db", "a row", source="infores:x"),))
    assert any("must name its record" in f.message for f in validate_statements([stmt]))


def test_migrate_rewrites_version_1_graphs_and_is_restartable(stores, tmp_path):
    from pharmgraph.migration import migrate

    v1, v2 = stores
    foreign = tmp_path / "onto.ttl"
    foreign.write_text("@prefix : <http://example.org/> .\n:a :b :c .\n", encoding="utf-8")
    from pharmgraph.documents.rdf_files import read_rdf_file

    v1.replace_documents(read_rdf_file(foreign, "onto.ttl").graphs)
    v2.replace_documents(read_rdf_file(foreign, "onto.ttl").graphs)
    before = v1.count()
    summary = migrate(v1)
    # The foreign graph was written by this version: its document node says model 2.
    assert (summary["graphs"], summary["migrated"], summary["already"], summary["other"]) == (5, 4, 1, 0)
    assert summary["quads_before"] > summary["quads_after"] and summary["statements"] == 9
    assert v1.count() < before
    one, two = graphs_of(v1.export("nquads")), graphs_of(v2.export("nquads"))
    assert one.keys() == two.keys()
    for name in one:
        assert isomorphic(one[name], two[name]), name
    again = migrate(v1)
    assert (again["migrated"], again["already"], again["other"]) == (0, 5, 0)


def test_migrate_command_reports_in_json(tmp_path):
    _write(tmp_path / "kg", 1).close()
    result = run("--store", tmp_path / "kg", "migrate", "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["migrated"] == 4
    result = run("--store", tmp_path / "kg", "migrate", "--format", "json")
    assert json.loads(result.output)["migrated"] == 4
    result = run("--store", tmp_path / "kg", "migrate")
    assert result.exit_code == 0 and "0 rewritten" in result.output and "4 already in model 2" in result.output
    assert "Examples:" in run("migrate", "--help").output
