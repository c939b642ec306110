"""``evaluate bc5cdr``: CID pairs and mention normalisation, scored as the shared task did."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.evaluation.bc5cdr import (
    DOCUMENT_HEAD,
    SENTENCE_HEAD,
    CdrRecord,
    Span,
    entity_mesh,
    extra_mesh_xrefs,
    predict_cid,
    read_bc5cdr,
    score_cid,
    score_ner,
    write_cid,
)
from pharmgraph.extract.learned import RelationHead, RelationModel
from pharmgraph.model import Entity

TINY = Path(__file__).resolve().parent / "fixtures" / "cdr" / "tiny.pubtator"
SCORER = Path(__file__).resolve().parents[2] / ".." / "shared" / "tools" / "score_bc5cdr.py"


def cid(text: str) -> tuple[str, str, str]:
    match = re.search(r"bc5cdr CID P=(\S+) R=(\S+) F1=(\S+)", text)
    assert match, text
    return match.groups()


def test_reader_keeps_mentions_ids_and_relations() -> None:
    records = read_bc5cdr(TINY)
    assert [r.pmid for r in records] == ["810001", "810002"]
    first = records[0]
    assert first.relations == {("D008012", "D012640"), ("D008012", "D007022")}
    text = f"{first.title} {first.abstract}"
    assert all(text[s.start : s.end] == s.text for s in first.spans)
    assert sorted({first.ids[s.id] for s in first.spans if s.role == "C"}) == [("D003975",), ("D008012",)]


def test_cid_score_matches_a_hand_count() -> None:
    gold = read_bc5cdr(TINY)  # 3 gold pairs
    predicted = {
        "810001": {("D008012", "D012640"), ("D003975", "D012640")},  # 1 right, 1 wrong
        "810002": set(),  # 1 missed
        "999999": {("D1", "D2")},  # not a gold PMID: ignored
    }
    result = score_cid(gold, predicted)
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 2)
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(1 / 3)
    assert result["f1"] == pytest.approx(0.4)


def test_predictions_file_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    if not SCORER.is_file():
        pytest.skip("../shared/tools/score_bc5cdr.py is not available")
    out = tmp_path / "cid.txt"
    result = CliRunner().invoke(main, ["evaluate", "bc5cdr", str(TINY), "--entities", "gold", "-p", str(out)])
    assert result.exit_code == 0, result.output
    assert all(line.split("\t")[1] == "CID" for line in out.read_text().splitlines())
    done = subprocess.run([sys.executable, str(SCORER), str(TINY), str(out)], capture_output=True, text=True, check=True)
    assert cid(result.output) == cid(done.stdout)


def test_written_pairs_read_back_the_same(tmp_path: Path) -> None:
    out = tmp_path / "cid.txt"
    assert write_cid({"1": {("D1", "D2")}, "2": set()}, out) == 1
    assert out.read_text() == "1\tCID\tD1\tD2\n"


def test_ner_score_matches_a_hand_count() -> None:
    gold = CdrRecord("1", "Lidocaine seizures.", "Diazepam.", [
        Span("g1", "C", 0, 9, "Lidocaine"), Span("g2", "D", 10, 18, "seizures"),
        Span("g3", "C", 20, 28, "Diazepam")],
        {"g1": ("D008012",), "g2": ("D012640",), "g3": ("D003975",)})
    ours = CdrRecord("1", gold.title, gold.abstract, [
        Span("n1", "C", 0, 9, "Lidocaine"),  # right
        Span("n2", "D", 10, 17, "seizure"),  # wrong span
        Span("n3", "C", 20, 28, "Diazepam")],  # wrong id
        {"n1": ("D008012",), "n2": ("D012640",), "n3": ("D000001",)})
    result = score_ner([gold], [ours])
    chem, dis = result["Chemical"]["mention"], result["Disease"]["mention"]
    assert (chem["tp"], chem["fp"], chem["fn"]) == (1, 1, 1)
    assert (dis["tp"], dis["fp"], dis["fn"]) == (0, 1, 1)
    # Document level compares the sets of ids: the disease id is found despite the span.
    assert result["Disease"]["document"]["f1"] == pytest.approx(1.0)


def test_mesh_ids_come_from_the_id_or_the_cross_references() -> None:
    assert entity_mesh(Entity("mesh:D008012", "lidocaine", "Drug")) == ("D008012",)
    assert entity_mesh(Entity("drugbank:DB00281", "lidocaine", "Drug", xrefs=("MESH:D008012",))) == ("D008012",)
    assert entity_mesh(Entity("drugbank:DB00281", "lidocaine", "Drug")) == ()


def test_an_entity_without_mesh_takes_the_built_cross_reference() -> None:
    # naloxone's curated entity carries no MeSH id; BC5CDR training links the name to D009270
    if "drugbank:DB01183" not in extra_mesh_xrefs():
        pytest.skip("data/lexicon/mesh_xrefs.tsv does not list naloxone")
    naloxone = Entity("drugbank:DB01183", "naloxone", "Drug")
    assert entity_mesh(naloxone) == ("D009270",)
    assert entity_mesh(naloxone, extra=False) == ()
    # an entity with its own MeSH id keeps it
    assert entity_mesh(Entity("drugbank:DB01183", "naloxone", "Drug", xrefs=("mesh:D000001",))) == ("D000001",)


def _heads(margin: float, threshold: float) -> RelationModel:
    import numpy as np

    def head(name: str, roles: tuple[str, str], rows: dict[str, int], weights: list) -> RelationHead:
        return RelationHead(name, *roles, ("NONE", "CID"), {"CID": "causes"}, rows,
                            np.asarray(weights, dtype=np.float32).reshape(len(rows), 2), np.zeros(2, dtype=np.float32))

    sentence = head(SENTENCE_HEAD, ("C", "D"), {}, [])
    document = head(DOCUMENT_HEAD, ("docC", "docD"), {"bias": 0, "ct=True": 1}, [[0.0, margin], [0.0, 0.5]])
    document.threshold = threshold
    return RelationModel({SENTENCE_HEAD: sentence, DOCUMENT_HEAD: document})


def _record() -> CdrRecord:
    title, abstract = "Seizures after a drug.", "Cocaine was given and seizures followed; so did coma."
    offset = len(title) + 1
    record = CdrRecord("1", title, abstract)
    for sid, role, word, mesh in (("c", "C", "Cocaine", "D003042"), ("s", "D", "seizures", "D012640"),
                                  ("k", "D", "coma", "D003128")):
        start = offset + abstract.index(word)
        record.spans.append(Span(sid, role, start, start + len(word), word))
        record.ids[sid] = (mesh,)
    return record


def test_document_head_decides_pairs_and_falls_back_to_the_best_one() -> None:
    record = _record()
    assert predict_cid(record, _heads(1.0, 0.5)) == {("D003042", "D012640"), ("D003042", "D003128")}
    # NONE wins everywhere: nothing, unless the threshold lets the best pair through
    assert predict_cid(record, _heads(-1.0, 0.5)) == set()
    assert len(predict_cid(record, _heads(-1.0, 0.2))) == 1
    assert predict_cid(record, _heads(-3.0, 0.2)) == set()


def test_ner_mode_prints_both_types() -> None:
    result = CliRunner().invoke(main, ["evaluate", "bc5cdr", str(TINY), "--ner"])
    assert result.exit_code == 0, result.output
    assert "bc5cdr NER Chemical" in result.output and "bc5cdr NER Disease" in result.output


def test_missing_file_is_one_sentence(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "bc5cdr", str(tmp_path / "absent.txt")])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "is not a file" in result.output


def test_shared_sample_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    sample = SCORER.parent.parent / "corpora" / "bc5cdr" / "CDR_sample.PubTator.txt"
    if not (SCORER.is_file() and sample.is_file()):
        pytest.skip("../shared/corpora/bc5cdr is not available")
    out = tmp_path / "cid.txt"
    # The sample lies inside the training split: this checks agreement, not quality.
    result = CliRunner().invoke(main, ["evaluate", "bc5cdr", str(sample), "--entities", "gold", "-p", str(out)])
    assert result.exit_code == 0, result.output
    done = subprocess.run([sys.executable, str(SCORER), str(sample), str(out)], capture_output=True, text=True, check=True)
    assert cid(result.output) == cid(done.stdout)
    assert float(cid(result.output)[2]) > 0.3
