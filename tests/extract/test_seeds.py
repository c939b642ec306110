"""The seed documents scored with the project's scorer (../shared/tools/score_statements.py)."""

from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout

from pharmgraph.extract import extract_path


def _scorer(shared):
    path = shared / "tools" / "score_statements.py"
    spec = importlib.util.spec_from_file_location("score_statements", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_documents_meet_the_targets(shared_dir, tmp_path):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert seeds
    out = tmp_path / "seeds.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for seed in seeds:
            for statement in extract_path(seed):
                handle.write(statement.to_json() + "\n")
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        _scorer(shared_dir).main(["score", str(shared_dir / "seeds" / "gold.json"), str(out)])
    last = buffer.getvalue().strip().splitlines()[-1]
    fields = dict(part.split("=") for part in last.split() if "=" in part)
    assert float(fields["F1"]) >= 0.85, last
    assert float(fields["core-recall"]) >= 0.90, last
    assert int(fields["forbidden"]) == 0, last


def test_seed_evidence_is_exact(shared_dir):
    from pharmgraph.documents import read_documents

    for seed in sorted((shared_dir / "seeds").glob("*.txt")):
        doc = read_documents(seed)[0]
        for statement in extract_path(seed):
            for ev in statement.evidence:
                assert doc.text[ev.start : ev.end] == ev.text
                json.dumps(statement.to_dict())
