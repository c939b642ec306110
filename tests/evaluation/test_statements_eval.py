"""Scoring extracted statements against a gold.json reference, and ``evaluate statements``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pharmgraph.cli import main
from pharmgraph.errors import InputError
from pharmgraph.evaluation.statements import (
    candidate_entities,
    collect_statements,
    parse_gold,
    read_gold,
    score_statements,
)
from pharmgraph.model import Entity, Evidence, Statement

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
SCORER = SHARED / "tools" / "score_statements.py"
DEVSET = REPO / "benchmarks" / "devset"

GOLD = {
    "relation_classes": {
        "decreases": ["inhibits", "blocks", "antagonist_of"],
        "binds": ["binds"],
        "causes": ["causes", "causes_adverse_event"],
    },
    "entities": {
        "tiagabine": {"type": "Drug", "aliases": ["tiagabine", "drugbank:DB00906"]},
        "vigabatrin": {"type": "Drug", "aliases": ["vigabatrin", "drugbank:DB01080"]},
        "GAT-1": {"type": "Target", "aliases": ["GAT-1", "SLC6A1", "NCBIGene:6529"]},
        "GABA transaminase": {"type": "Target", "aliases": ["GABA transaminase", "NCBIGene:18"]},
        "benzodiazepine site": {"type": "Target", "aliases": ["benzodiazepine site"]},
        "GABA": {"type": "EndogenousSubstance", "aliases": ["GABA"]},
        "dizziness": {"type": "AdverseEvent", "aliases": ["dizziness", "mesh:D004244"]},
    },
    "statements": [
        {"doc": "t.txt", "s": "tiagabine", "r": "decreases", "o": "GAT-1", "neg": False,
         "core": True, "hedged": False},
        {"doc": "t.txt", "s": "tiagabine", "r": "binds", "o": "benzodiazepine site",
         "neg": True, "core": True},
        {"doc": "t.txt", "s": "tiagabine", "r": "causes", "o": "dizziness", "neg": False,
         "core": False},
        {"doc": "v.txt", "s": "vigabatrin", "r": "decreases", "o": "GABA transaminase",
         "neg": False, "core": True, "hedged": False},
    ],
    "forbidden": [
        {"doc": "v.txt", "s": "GABA", "r": "decreases", "o": "GABA transaminase", "neg": False,
         "why": "endogenous substance as agent"},
        {"doc": "t.txt", "s": "tiagabine", "r": "binds", "o": "benzodiazepine site",
         "neg": False, "why": "negated in the text"},
    ],
}  # fmt: skip


def stmt(subject, predicate, obj, doc="t.txt", negated=False, certainty="asserted", **ids):
    """A statement dict as ``pharmgraph extract --format jsonl`` writes it."""
    return {
        "subject": {
            "id": ids.get("sid", "pharmgraph:" + subject.replace(" ", "_")),
            "label": subject,
        },
        "predicate": predicate,
        "object": {"id": ids.get("oid", "pharmgraph:" + obj.replace(" ", "_")), "label": obj},
        "negated": negated,
        "certainty": certainty,
        "evidence": [{"document": doc, "text": "..."}],
    }


@pytest.fixture
def gold():
    return parse_gold(GOLD)


def test_a_statement_matches_by_label_id_or_synonym_ignoring_case_hyphens_and_plural(gold):
    assert candidate_entities(gold, {"label": "Gat 1s"}) == {"GAT-1"}
    assert candidate_entities(gold, {"id": "NCBIGene:6529", "label": "solute carrier"}) == {"GAT-1"}
    assert candidate_entities(gold, {"label": "x", "synonyms": ["SLC6A1"]}) == {"GAT-1"}
    assert candidate_entities(gold, {"label": "carbamazepine"}) == frozenset()
    result = score_statements(
        gold, [stmt("Tiagabine", "blocks", "GAT1s", sid="drugbank:DB00906", oid="NCBIGene:6529")]
    )
    assert len(result.found) == 1 and result.wrong_ids == [] and result.ungrounded == []


def test_predicate_negation_and_document_must_all_agree(gold):
    wrong_class = stmt("tiagabine", "binds", "GAT-1")
    wrong_negation = stmt("tiagabine", "inhibits", "GAT-1", negated=True)
    wrong_document = stmt("tiagabine", "inhibits", "GAT-1", doc="v.txt")
    result = score_statements(gold, [wrong_class, wrong_negation, wrong_document])
    assert result.found == [] and result.correct == 0 and result.relevant == 3
    # a predicate given as an IRI in camel case still counts
    iri = stmt("tiagabine", "https://w3id.org/pharmgraph/ontology#antagonistOf", "GAT-1")
    assert len(score_statements(gold, [iri]).found) == 1


def test_precision_counts_only_statements_whose_ends_are_gold_entities(gold):
    statements = [
        stmt("tiagabine", "inhibits", "GAT-1"),
        stmt("tiagabine", "causes", "somnolence"),  # object not in the reference: ignored
        stmt("tiagabine", "causes", "GABA"),  # both ends known, no such gold statement: wrong
    ]
    result = score_statements(gold, statements)
    assert (result.statements, result.relevant, result.correct) == (3, 2, 1)
    assert result.precision == 0.5
    assert result.recall == 0.25
    assert result.core_recall == pytest.approx(1 / 3)
    assert result.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert [s["object"]["label"] for s in result.unmatched] == ["GABA"]


def test_forbidden_statements_are_reported(gold):
    result = score_statements(
        gold,
        [
            stmt("GABA", "inhibits", "GABA transaminase", doc="v.txt"),
            stmt("tiagabine", "binds", "benzodiazepine site"),
        ],
    )
    assert [g["s"] for g in result.forbidden_hits] == ["GABA", "tiagabine"]
    assert result.summary()["forbidden"] == 2


def test_certainty_is_checked_only_where_the_gold_says_hedged(gold):
    hedged = stmt("tiagabine", "inhibits", "GAT-1", certainty="hedged")
    hedged_negation = stmt(
        "tiagabine", "binds", "benzodiazepine site", negated=True, certainty="hedged"
    )
    result = score_statements(gold, [hedged, hedged_negation])
    assert [(g["s"], g["o"]) for g in result.certainty_errors] == [("tiagabine", "GAT-1")]
    # one asserted reading among the hits is enough
    both = score_statements(gold, [hedged, stmt("tiagabine", "inhibits", "GAT-1")])
    assert both.certainty_errors == []


def test_identifiers_wrong_local_or_from_another_namespace(gold):
    wrong = stmt("tiagabine", "inhibits", "GAT-1", sid="drugbank:DB00564", oid="NCBIGene:6529")
    local = stmt("vigabatrin", "inhibits", "GABA transaminase", doc="v.txt",
                 sid="drugbank:DB01080", oid="pharmgraph:gaba_transaminase")  # fmt: skip
    other = stmt("tiagabine", "causes", "dizziness", sid="drugbank:DB00906", oid="HP:0002321")
    result = score_statements(gold, [wrong, local, other])
    assert [g["s"] for g in result.wrong_ids] == ["tiagabine"]
    assert [g["s"] for g in result.ungrounded] == ["vigabatrin"]
    assert len(result.found) == 3  # a wrong id still finds the statement


def test_per_document_rows_and_doc_filter(gold):
    statements = [
        stmt("tiagabine", "inhibits", "GAT-1"),
        stmt("vigabatrin", "inhibits", "GABA transaminase", doc="v.txt"),
        stmt("GABA", "inhibits", "GABA transaminase", doc="v.txt"),
    ]
    rows = {r["document"]: r for r in score_statements(gold, statements).per_document}
    assert rows["t.txt"]["gold"] == 3 and rows["t.txt"]["found"] == 1
    assert rows["v.txt"]["precision"] == 0.5 and rows["v.txt"]["forbidden"] == 1
    only_v = score_statements(gold, statements, document="v.txt")
    assert only_v.gold == 1 and only_v.recall == 1.0
    assert [r["document"] for r in only_v.per_document] == ["v.txt"]


def test_statement_objects_are_scored_like_their_dicts(gold):
    s = Statement(
        Entity("drugbank:DB00906", "tiagabine", "Drug"),
        "inhibits",
        Entity("NCBIGene:6529", "SLC6A1", "Transporter"),
        evidence=(Evidence(document="t.txt", text="Tiagabine inhibits GAT-1."),),
    )
    assert score_statements(gold, [s]).summary() == score_statements(gold, [s.to_dict()]).summary()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.pop("entities"), "no 'entities' member"),
        (lambda g: g["statements"][0].update(s="carbamazepine"), "entity 'carbamazepine'"),
        (lambda g: g["statements"][0].update(r="treats"), "relation class 'treats'"),
        (lambda g: g["statements"][0].update(hedged="yes"), "'hedged' must be true or false"),
        (lambda g: g["entities"]["GABA"].update(aliases="GABA"), "list of 'aliases'"),
    ],
)
def test_malformed_references_are_refused_with_one_sentence(change, message):
    data = json.loads(json.dumps(GOLD))
    change(data)
    with pytest.raises(InputError, match=re.escape(message)):
        parse_gold(data, "gold.json")


def test_read_gold_refuses_missing_and_non_json_files(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_gold(tmp_path / "absent.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        read_gold(bad)


def run(*args):
    return CliRunner().invoke(main, ["evaluate", "statements", *map(str, args)])


@pytest.fixture
def scored_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A reference and a folder holding it with a file of statements already extracted."""
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    lines = [
        stmt("tiagabine", "inhibits", "GAT-1", sid="drugbank:DB00906", oid="NCBIGene:6529"),
        stmt("tiagabine", "binds", "benzodiazepine site"),
    ]
    (folder / "t.jsonl").write_text(
        "".join(Statement.from_dict(s).to_json() + "\n" for s in lines), encoding="utf-8"
    )
    return folder / "gold.json", folder


def test_cli_prints_figures_and_rows_and_skips_the_gold_file(scored_folder):
    gold_path, folder = scored_folder
    result = run(gold_path, *sorted(folder.iterdir()))  # as a shell glob dir/* passes them
    assert result.exit_code == 0, result.output
    assert "P=0.50 R=0.25 (1/4) F1=0.33 core-recall=0.33 forbidden=1" in result.output
    assert "FORBIDDEN t.txt: tiagabine binds benzodiazepine site" in result.output
    assert re.search(r"^t\.txt\s+3\s+1\s", result.output, re.M)


def test_cli_json_output(scored_folder):
    gold_path, folder = scored_folder
    result = run(gold_path, folder, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["found"], data["gold"], data["forbidden"]) == (1, 4, 1)
    assert {r["document"] for r in data["per_document"]} == {"t.txt", "v.txt"}
    assert [g["o"] for g in data["missed"]][:2] == ["benzodiazepine site", "dizziness"]


def test_cli_scores_what_extract_gives_and_writes_it(tmp_path: Path):
    doc = tmp_path / "t.txt"
    doc.write_text(
        "Tiagabine inhibits GAT-1. Tiagabine does not bind the benzodiazepine site.\n",
        encoding="utf-8",
    )
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    result = run(gold_path, doc, "--predictions", out, "--format", "json")
    assert result.exit_code == 0, result.output
    from pharmgraph.extract import extract_path

    expected = [s.to_json() for s in extract_path(doc)]
    assert out.read_text(encoding="utf-8").splitlines() == expected
    assert json.loads(result.output)["statements"] == len(expected)


def test_cli_user_mistakes(scored_folder, tmp_path: Path):
    gold_path, folder = scored_folder
    missing = run(tmp_path / "none.json", folder)
    assert missing.exit_code != 0 and "no such file" in missing.output
    unknown = run(gold_path, folder, "--doc", "x.txt")
    assert unknown.exit_code != 0 and "no statements for document 'x.txt'" in unknown.output
    no_docs = run(gold_path, tmp_path / "nowhere")
    assert no_docs.exit_code != 0 and "no such file or folder" in no_docs.output


def test_devset_references_are_well_formed():
    docs = 0
    for part in ("dev", "heldout"):
        folder = DEVSET / part
        gold = read_gold(folder / "gold.json")
        files = sorted(p.name for p in folder.iterdir() if p.name != "gold.json")
        assert sorted(gold.documents) == files, part
        stems = [name.split(".")[0] for name in files]
        # the scorer matches a document by its stem: no stem may begin another one
        assert not [(a, b) for a in stems for b in stems if a != b and b.startswith(a)]
        assert all(any(g["core"] for g in gold.statements if g["doc"] == f) for f in files)
        docs += len(files)
    assert docs >= 36


def _shared_figures(gold_path: Path, jsonl: Path) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold_path), str(jsonl)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return dict(re.findall(r"([a-z-]+(?: F1)?)=([\d.]+)", out))


def _our_figures(result) -> dict[str, str]:
    s = result.summary()
    return {
        "statements": str(s["statements"]),
        "relevant": str(s["relevant"]),
        "correct": str(s["correct"]),
        "recall": f"{result.recall:.2f}",
        "precision": f"{result.precision:.2f}",
        "seed-gold F1": f"{result.f1:.2f}",
        "core-recall": f"{result.core_recall:.2f}",
        "forbidden": str(s["forbidden"]),
        "certainty-errors": str(s["certainty_errors"]),
        "wrong-ids": str(s["wrong_ids"]),
        "ungrounded": str(s["ungrounded"]),
    }


def _perturbed(statements: list[dict]) -> list[dict]:
    """Altered statements, so that every counter of both scorers moves: negated copies added,
    certainty flipped with a local subject id, objects given a wrong id of their namespace."""
    out = []
    for i, s in enumerate(statements):
        t = json.loads(json.dumps(s))
        if i % 4 == 0:
            t["negated"] = not t["negated"]
            out.append(s)
        elif i % 4 == 1:
            t["certainty"] = "hedged" if t.get("certainty") != "hedged" else "asserted"
            t["subject"]["id"] = "pharmgraph:" + t["subject"]["label"].replace(" ", "_")
        elif i % 4 == 2:
            t["object"]["id"] = t["object"]["id"].split(":", 1)[0] + ":0000000"
        out.append(t)
    return out


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/tools/score_statements.py is absent")
@pytest.mark.parametrize(
    ("gold_path", "docs"),
    [
        (SHARED / "seeds" / "gold.json", SHARED / "seeds"),
        (DEVSET / "dev" / "gold.json", DEVSET / "dev"),
    ],
    ids=["seeds", "devset-dev"],
)
def test_figures_agree_with_the_shared_scorer(gold_path: Path, docs: Path, tmp_path: Path):
    extracted = [s.to_dict() for s in collect_statements([docs], exclude=[gold_path])]
    gold = read_gold(gold_path)
    for statements in (extracted, _perturbed(extracted)):
        jsonl = tmp_path / "statements.jsonl"
        jsonl.write_text("".join(json.dumps(s) + "\n" for s in statements), encoding="utf-8")
        assert _our_figures(score_statements(gold, statements)) == _shared_figures(gold_path, jsonl)
