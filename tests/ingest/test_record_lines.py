"""Database-record lines read and written the fast way give exactly what the general path
gives: the same statement, the same quads; anything else is left to the general path."""

from __future__ import annotations

import json
import random

import pytest

from pharmgraph import stats_ledger
from pharmgraph.errors import InputError
from pharmgraph.grounding import default_grounder
from pharmgraph.model import statement_from_line
from pharmgraph.rdf import nquads_lines
from pharmgraph.record_lines import RecordLines, document_lines

_ENTITIES = [
    {"id": "drugbank:DB00564", "label": "carbamazepine", "type": "Drug"},
    {"id": "CHEBI:6367", "label": "lamotrigine", "type": "Drug"},
    {"id": "ncbigene:6323", "label": "SCN1A", "type": "Protein"},
    {"id": "NCBIGene:6326", "label": "SCN2A", "type": "Protein"},
    {"id": "UBERON:0000955", "label": "brain", "type": "Entity"},
    {"id": "GO:0006814", "type": "BiologicalProcess"},
    {"id": "mesh:D004827", "label": "epilepsy"},
]


def _line(rng: random.Random, document: str, i: int) -> str:
    data = {
        "subject": rng.choice(_ENTITIES[:2]),
        "predicate": rng.choice(["binds", "inhibits", "decreases", "part_of", "participates_in"]),
        "object": rng.choice(_ENTITIES[2:]),
    }
    if rng.random() < 0.3:
        data["negated"] = rng.random() < 0.5
    if rng.random() < 0.3:
        data["certainty"] = rng.choice(["asserted", "hedged"])
    ev = {"document": document, "record": f"r{i}"}
    for field, values in (("source", ["infores:hetionet", "infores:drugcentral"]),
                          ("source_version", ["1.0", "2.0"]),
                          ("knowledge_level", ["knowledge_assertion", "prediction"])):
        if rng.random() < 0.8:
            ev[field] = values[0] if rng.random() < 0.8 else values[1]
    if rng.random() < 0.3:
        ev.update(text="", start=None, end=None, references=[])
    data["evidence"] = [ev]
    return json.dumps(data)


@pytest.mark.parametrize("seed", range(6))
def test_record_documents_give_the_general_paths_quads(seed):
    rng = random.Random(seed)
    grounder = default_grounder()
    reader = RecordLines(grounder)
    lines = [_line(rng, "db/part", i) for i in range(rng.randrange(1, 40))]
    # Records of one claim in one document (a claim twice, three times) are part of the mix.
    lines += lines[: rng.randrange(0, 5)]
    records = [reader.read(line) for line in lines]
    assert all(r is not None for r in records)
    statements = [grounder.statement(statement_from_line(line)) for line in lines]
    assert [r.statement() for r in records] == statements
    fast = document_lines("db/part", records)
    general = nquads_lines("db/part", statements, entities_apart=True)
    assert set(fast) == set(general)


@pytest.mark.parametrize("seed", range(6))
def test_a_record_document_is_counted_for_the_ledger_as_its_lines_count(seed):
    # The bulk path counts a document of records while writing it; the ledger must get what
    # splitting and counting the written lines gives, duplicated records and all.
    rng = random.Random(100 + seed)
    reader = RecordLines(default_grounder())
    lines = [_line(rng, "db/part", i) for i in range(rng.randrange(1, 40))]
    lines += lines[: rng.randrange(0, 5)]
    records = [reader.read(line) for line in lines]
    counts: list = []
    written = document_lines("db/part", records, counts)
    assert written == document_lines("db/part", records)
    ((graph, entry, plain, negated),) = counts
    ((line_graph, triples),) = stats_ledger.line_terms(written).items()
    assert graph == line_graph
    assert (entry, plain, negated) == stats_ledger.graph_counts(triples, graph)


@pytest.mark.parametrize("text", [
    '{"subject": {"id": "CHEBI:6367", "id": "CHEBI:1", "label": "x", "type": "Drug"}, ',
    '{"subject": {"id": "CHEBI:6367", "label": "x", "type": "Drug", "type" : "Protein"}, ',
    '{"subject" : {"id": "CHEBI:6367", "label": "x", "type": "Drug"}, "subject": {"id": "CHEBI:1"}, ',
    '{"predicate": "inhibits", "subject": {"id": "CHEBI:6367", "label": "a\\": b", "type": "Drug"}, ',
])
def test_a_key_named_twice_is_left_to_the_strict_reader(text):
    line = (text + '"predicate": "binds", "object": {"id": "ncbigene:6323", "label": "SCN1A", '
            '"type": "Protein"}, "evidence": [{"document": "db", "record": "CbG:1"}]}')
    assert RecordLines(default_grounder()).read(line) is None
    with pytest.raises(InputError, match="appears twice"):
        statement_from_line(line)


def test_colons_and_quotes_inside_names_do_not_stop_a_record():
    line = json.dumps({"subject": {"id": "CHEBI:6367", "label": 'x": y ":', "type": "Drug"},
                       "predicate": "binds", "object": {"id": "ncbigene:6323", "label": " SCN1A", "type": "Protein"},
                       "evidence": [{"document": "db", "record": "CbG:1 \": 2"}]})
    record = RecordLines(default_grounder()).read(line)
    assert record is not None and record.record == 'CbG:1 ": 2'


@pytest.mark.parametrize("change", [
    {"evidence": [{"document": "d", "text": "Carbamazepine binds SCN1A.", "record": "r1"}]},
    {"evidence": [{"document": "d", "start": 0, "end": 4, "record": "r1"}]},
    {"evidence": [{"document": "d"}]},
    {"evidence": [{"document": "d", "record": "r1"}, {"document": "e", "record": "r2"}]},
    {"evidence": []},
    {"qualifiers": {"species": "rat"}},
    {"predicate": "treats"},
    {"predicate": "pg:binds"},
    {"negated": "no"},
    {"subject": {"id": "drugbank:DB00564", "synonyms": ["tegretol"]}},
    {"subject": {"label": "carbamazepine"}},
    {"subject": {"id": "not a curie"}},
])
def test_lines_that_are_not_plain_records_go_to_the_general_path(change):
    data = {"subject": _ENTITIES[0], "predicate": "binds", "object": _ENTITIES[2],
            "evidence": [{"document": "d", "record": "r1", "source": "infores:hetionet"}]}
    data.update(change)
    assert RecordLines(default_grounder()).read(json.dumps(data)) is None


def test_escapes_and_repeated_keys_go_to_the_general_path():
    reader = RecordLines(default_grounder())
    base = ('{"subject": {"id": "CHEBI:6367", "label": "%s"}, "predicate": "binds", '
            '"object": {"id": "ncbigene:6323"}, "evidence": [{"document": "d", "record": "r"}]}')
    assert reader.read(base % "lamotrigine") is not None
    assert reader.read(base % "lamo\\u0074rigine") is None
    assert reader.read(base.replace('"predicate": "binds"', '"predicate": "binds", "predicate": "blocks"')
                       % "lamotrigine") is None
    assert reader.read("[1, 2]") is None and reader.read("{not json") is None
