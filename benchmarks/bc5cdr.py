"""BC5CDR test: chemical-induced disease end to end, with gold entities, and mention NER.

Usage::

    .venv/bin/python benchmarks/bc5cdr.py [TEST_FILE] [--model MODEL] [--out DIR]

TEST_FILE defaults to ``<repo>/../shared/corpora/bc5cdr/CDR_TestSet.PubTator.txt``. Prints:

- CID P/R/F1 end to end (our mention finder and lexicon MeSH ids), and the same figure from
  ``../shared/tools/score_bc5cdr.py`` on the written predictions;
- CID P/R/F1 with the file's gold mentions (the relation heads alone);
- mention-level and document-level MeSH normalisation of chemicals and diseases;
- documents per second.

The test split is only measured here: nothing is tuned on it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pharmgraph.evaluation.bc5cdr import (
    predict_cid,
    read_bc5cdr,
    recognise,
    score_cid,
    score_ner,
    write_cid,
)
from pharmgraph.extract.learned import MODEL_PATH, RelationModel
from pharmgraph.lexicon import default_lexicon

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
DEFAULT = SHARED / "corpora" / "bc5cdr" / "CDR_TestSet.PubTator.txt"
SCORER = SHARED / "tools" / "score_bc5cdr.py"


def line(name: str, r: dict) -> str:
    return f"{name:<28} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"corpus not found: {args.file}", file=sys.stderr)
        return 1
    records = read_bc5cdr(args.file)
    model = RelationModel.load(args.model)
    lexicon = default_lexicon()
    lexicon.matcher()
    started = time.perf_counter()
    ours = [recognise(r, lexicon) for r in records]
    ner_s = time.perf_counter() - started
    started = time.perf_counter()
    end_to_end = {r.pmid: predict_cid(r, model) for r in ours}
    rel_s = time.perf_counter() - started
    with_gold = {r.pmid: predict_cid(r, model) for r in records}
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "bc5cdr_cid_predictions.txt"
    write_cid(end_to_end, out)
    print(line("CID end to end", score_cid(records, end_to_end)))
    if SCORER.is_file():
        done = subprocess.run([sys.executable, str(SCORER), str(args.file), str(out)],
                              capture_output=True, text=True, check=True)
        print(f"{'  score_bc5cdr.py says':<28} {done.stdout.strip().splitlines()[-1]}")
    print(line("CID with gold mentions", score_cid(records, with_gold)))
    for kind, levels in score_ner(records, ours).items():
        for level, r in levels.items():
            print(line(f"NER {kind} ({level})", r))
    print(f"documents: {len(records)}; mentions {len(records) / ner_s:.0f} docs/s; "
          f"relations {len(records) / rel_s:.0f} docs/s; predictions in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
