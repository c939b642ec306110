"""Build ``src/pharmgraph/data/lexicon/mesh_xrefs.tsv``: MeSH ids for lexicon entities that lack one.

Some lexicon entities (curated drugs such as naloxone, DrugBank compounds) carry no MeSH
cross-reference, so a mention of them cannot be normalised to MeSH. BC5CDR's *training and
development* annotations (never the test split) link names to MeSH ids: for every annotated
chemical or disease name, the lexicon entity the name finds first is given the annotation's
MeSH id when the entity has none of its own, the name was annotated at least ``--min-count``
times and at least ``--agreement`` of those annotations agree.

It also writes ``mesh_usage.tsv``: how many annotated mentions each MeSH id has, so that a
mention of an entity with several MeSH ids is linked to the one the annotators use
(:func:`pharmgraph.evaluation.bc5cdr.mesh_usage`), and ``bc5cdr_unannotated.tsv``: names our
mention finder links to MeSH that the annotators mostly leave unmarked
(:func:`pharmgraph.evaluation.bc5cdr.unannotated_names`).

Usage::

    .venv/bin/python scripts/build_mesh_xrefs.py --corpora ../shared/corpora
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from pharmgraph.evaluation.bc5cdr import (
    _mention_role,
    entity_mesh,
    name_key_of,
    read_bc5cdr,
    recognise,
)
from pharmgraph.lexicon import load_lexicon

SPLITS = ("CDR_TrainingSet.PubTator.txt", "CDR_DevelopmentSet.PubTator.txt")
DATA = Path(__file__).resolve().parents[1] / "src" / "pharmgraph" / "data" / "lexicon"
OUT = DATA / "mesh_xrefs.tsv"
USAGE_OUT = DATA / "mesh_usage.tsv"
UNANNOTATED_OUT = DATA / "bc5cdr_unannotated.tsv"


def build(
    corpora: Path, min_count: int = 2, agreement: float = 0.8, splits: tuple[str, ...] = SPLITS
) -> list[tuple[str, str, int, int]]:
    """Rows ``(entity id, MeSH CURIE, agreeing annotations, all annotations)``."""
    lexicon = load_lexicon()
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in splits:
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


def usage(corpora: Path, splits: tuple[str, ...] = SPLITS) -> list[tuple[str, int]]:
    """Rows ``(MeSH id, mentions linked to it)`` of the annotations, most used first."""
    counts: collections.Counter = collections.Counter()
    for name in splits:
        for record in read_bc5cdr(corpora / "bc5cdr" / name):
            for span in record.spans:
                counts.update(record.ids.get(span.id, ()))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def unannotated(corpora: Path, splits: tuple[str, ...] = SPLITS, least: int = 3, share: float = 0.25) -> list[tuple[str, str, int, int]]:
    """Rows ``(role, name, annotated, seen)``: names our finder links to MeSH in the splits'
    text at least ``least`` times, less than ``share`` of them inside an annotated mention of
    the same role."""
    lexicon = load_lexicon()
    counts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    for name in splits:
        for record in read_bc5cdr(corpora / "bc5cdr" / name):
            ours = recognise(record, lexicon, unannotated=())
            for span in ours.spans:
                if not ours.ids.get(span.id):
                    continue
                hit = any(g.role == span.role and g.start < span.end and span.start < g.end for g in record.spans)
                slot = counts[(span.role, name_key_of(span.text))]
                slot[0] += hit
                slot[1] += 1
    return sorted((role, text, a, n) for (role, text), (a, n) in counts.items() if n >= least and a / n < share)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--agreement", type=float, default=0.8)
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument("--usage-output", type=Path, default=USAGE_OUT)
    parser.add_argument("--unannotated-output", type=Path, default=UNANNOTATED_OUT)
    parser.add_argument("--splits", nargs="+", default=list(SPLITS), help="BC5CDR files to learn from (never the test split).")
    args = parser.parse_args()
    if any("test" in name.lower() for name in args.splits):
        parser.error("the BC5CDR test split is for measuring only; build from training and development.")
    splits = tuple(args.splits)
    used = usage(args.corpora, splits)
    head = "# MeSH id\tBC5CDR training+development mentions linked to it (picks one id of an entity with several)"
    args.usage_output.write_text("\n".join([head, *(f"{m}\t{n}" for m, n in used)]) + "\n", encoding="utf-8")
    print(f"wrote {len(used)} MeSH ids to {args.usage_output}")
    left = unannotated(args.corpora, splits)
    head = "# role (C chemical, D disease)\tname\tinside an annotation\tnamed (BC5CDR training+development)"
    args.unannotated_output.write_text("\n".join([head, *("\t".join(map(str, r)) for r in left)]) + "\n", encoding="utf-8")
    print(f"wrote {len(left)} unannotated names to {args.unannotated_output}")
    rows = build(args.corpora, args.min_count, args.agreement, splits)
    lines = ["# entity id\tMeSH id\tagreeing BC5CDR training+development annotations\tall of them"]
    lines += ["\t".join(map(str, row)) for row in rows]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} MeSH cross-references to {args.output}")


if __name__ == "__main__":
    main()
