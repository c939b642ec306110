"""Build ``src/pharmgraph/data/lexicon/mesh_xrefs.tsv``: MeSH ids for lexicon entities that lack one.

Some lexicon entities (curated drugs such as naloxone, DrugBank compounds) carry no MeSH
cross-reference, so a mention of them cannot be normalised to MeSH. BC5CDR's *training and
development* annotations (never the test split) link names to MeSH ids: for every annotated
chemical or disease name, the lexicon entity the name finds first is given the annotation's
MeSH id when the entity has none of its own, the name was annotated at least ``--min-count``
times and at least ``--agreement`` of those annotations agree.

Usage::

    .venv/bin/python scripts/build_mesh_xrefs.py --corpora ../shared/corpora
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from pharmgraph.evaluation.bc5cdr import _mention_role, entity_mesh, read_bc5cdr
from pharmgraph.lexicon import load_lexicon

SPLITS = ("CDR_TrainingSet.PubTator.txt", "CDR_DevelopmentSet.PubTator.txt")
OUT = Path(__file__).resolve().parents[1] / "src" / "pharmgraph" / "data" / "lexicon" / "mesh_xrefs.tsv"


def build(corpora: Path, min_count: int = 2, agreement: float = 0.8) -> list[tuple[str, str, int, int]]:
    """Rows ``(entity id, MeSH CURIE, agreeing annotations, all annotations)``."""
    lexicon = load_lexicon()
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in SPLITS:
        for record in read_bc5cdr(corpora / "bc5cdr" / name):
            for span in record.spans:
                ids = record.ids.get(span.id, ())
                if len(ids) != 1:
                    continue  # composite or unlinked mentions say nothing about one entity
                entity = next((e for e in lexicon.lookup(span.text) if _mention_role(e) == span.role), None)
                if entity is None or entity_mesh(entity, lexicon, extra=False):
                    continue
                votes[entity.id][ids[0]] += 1
    rows = []
    for ident, counter in sorted(votes.items()):
        mesh, n = counter.most_common(1)[0]
        total = sum(counter.values())
        if n >= min_count and n / total >= agreement:
            rows.append((ident, f"mesh:{mesh}", n, total))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--agreement", type=float, default=0.8)
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.corpora, args.min_count, args.agreement)
    lines = ["# entity id\tMeSH id\tagreeing BC5CDR training+development annotations\tall of them"]
    lines += ["\t".join(map(str, row)) for row in rows]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} MeSH cross-references to {args.output}")


if __name__ == "__main__":
    main()
