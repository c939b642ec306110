"""Grounding measured on pharmgraph's own development documents (issue 10's first target).

Three figures per gold file (``benchmarks/devset/*/gold.json`` by default):

``gold entities with a standard CURIE``
    For every gold entity that lists CURIEs, its surface names are grounded the way ingest
    grounds a bare label (:func:`pharmgraph.grounding.ground_label`). It counts as *right*
    when the first name that grounds gives one of the listed CURIEs (or an entity whose
    cross-references include one), *wrong* when it gives another standard CURIE, and *local*
    when nothing grounds. Entities whose gold lists no CURIE (metabolites, local concepts) are
    counted apart: no standard id exists to give them.
``extracted ends``
    The same three outcomes for the ends of the statements ``extract`` gives on the documents
    that resolve to a gold entity, read from the predictions (``--predictions`` of
    ``evaluate statements``) when given, else extracted here through the shared pipeline.
``concepts under two ids``
    The documents are ingested into an in-memory store; a name that two stored entity ids
    carry (as label or alternative label) is one concept under two ids.

An id is *right* when the gold lists it, *wrong* when the gold lists another id of the same
namespace, *other namespace* when the gold lists ids of other namespaces only (it cannot say),
and *local* for pharmgraph's own ids.

With ``--baseline DIR`` (an older lexicon's ``curated.tsv`` and ``generated.tsv[.gz]``, e.g.
from ``git archive`` of an earlier commit), the first figure is printed for that lexicon too, in
the same run.

Run: ``nice .venv/bin/python benchmarks/grounding_devset.py [--baseline DIR] [GOLD DOCS ...]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pharmgraph.evaluation.statements import (  # noqa: E402
    _CURIE,
    candidate_entities,
    normalise_name,
    read_gold,
)
from pharmgraph.grounding import (  # noqa: E402
    default_grounder,
    ground_statements,
)
from pharmgraph.identifiers import LOCAL_PREFIX  # noqa: E402
from pharmgraph.ingest import statements_from_path  # noqa: E402
from pharmgraph.store import open_store  # noqa: E402


def is_local(curie: str) -> bool:
    """Whether a CURIE is one of pharmgraph's local ids."""
    return curie.startswith(LOCAL_PREFIX + ":")


def _outcome(entity_id: str, xrefs: tuple[str, ...], listed: set[str]) -> str:
    ids = {normalise_name(entity_id)} | {normalise_name(x) for x in xrefs}
    if ids & listed:
        return "right"
    if is_local(entity_id):
        return "local"
    prefixes = {c.split(":", 1)[0] for c in listed}
    if {i.split(":", 1)[0] for i in ids} & prefixes:
        return "wrong"
    return "other namespace"


def gold_grounding(gold, grounder) -> dict[str, list[str]]:
    """Ground each gold entity's surface names; return outcome -> entity keys."""
    out: dict[str, list[str]] = defaultdict(list)
    for key, entity in gold.entities.items():
        listed = gold.curies(key)
        if not listed:
            out["no standard id in gold"].append(key)
            continue
        names = [key] + [a for a in entity["aliases"] if not _CURIE.match(a)]
        result = "local"
        for name in names:
            grounded = grounder.label(name, entity.get("type", "Entity"))
            if not is_local(grounded.id):
                result = _outcome(grounded.id, grounded.xrefs, listed)
                break
        out[result].append(key)
    return out


def extracted_grounding(gold, statements) -> dict[str, set[str]]:
    """Outcome -> entity ids, for statement ends resolving to exactly one gold entity."""
    out: dict[str, set[str]] = defaultdict(set)
    for st in statements:
        for end in (st.subject, st.object):
            keys = candidate_entities(gold, {"label": end.label, "synonyms": list(end.synonyms)})
            if len(keys) != 1:
                continue
            (key,) = keys
            listed = gold.curies(key)
            if not listed:
                continue
            out[_outcome(end.id, end.xrefs, listed)].add(f"{key} -> {end.id}")
    return out


def two_ids(statements) -> list[tuple[str, list[str]]]:
    """Names that the store holds under two entity ids or more (one concept, two ids).

    The statements are ingested into an in-memory store and every stored entity's label and
    alternative labels are read back by SPARQL; a name (case, hyphens, spaces and a plural -s
    ignored) given to two ids is a concept split in two.
    """
    store = open_store(":memory:")
    store.ingest(statements)
    rows = store.select(
        "SELECT DISTINCT ?curie ?name WHERE { ?e pg:curie ?curie . "
        "{ ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } }"
    )
    by_name: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_name[normalise_name(row["name"])].add(row["curie"])
    return sorted((k, sorted(v)) for k, v in by_name.items() if len(v) > 1)


def _report(head: str, outcome: dict[str, list[str]], tail: str, examples: int, unit: str = "") -> None:
    """Print the outcome counts (right with its share, wrong, other namespace, local), then
    the first ``examples`` of each kind that is not right."""
    total = sum(len(v) for v in outcome.values())
    right = len(outcome.get("right", []))
    print(
        f"{head} {total}{unit}; {'grounded ' if not unit else ''}right {right} "
        f"({right / max(total, 1):.1%}), wrong {len(outcome.get('wrong', []))}, "
        f"other namespace {len(outcome.get('other namespace', []))}, "
        f"local {len(outcome.get('local', []))}{tail}"
    )
    for kind in ("wrong", "other namespace", "local"):
        if outcome.get(kind):
            print(f"  {kind}: {', '.join(outcome[kind][:examples])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="*", help="GOLD DOCS pairs (default: the devset parts)")
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--baseline", default=None, help="Folder with an older lexicon's files.")
    args = parser.parse_args(argv)
    pairs = list(zip(args.pairs[::2], args.pairs[1::2], strict=True)) or [
        (str(p / "gold.json"), str(p))
        for p in sorted((ROOT / "benchmarks" / "devset").iterdir())
        if (p / "gold.json").exists()
    ]
    grounders = [("built-in lexicon", default_grounder())]
    if args.baseline:
        from pharmgraph.grounding import Grounder
        from pharmgraph.lexicon import load_lexicon

        folder = Path(args.baseline)
        files = [folder / "curated.tsv", *sorted(folder.glob("generated.tsv*"))]
        grounders.append((f"baseline {folder}", Grounder(load_lexicon(files, builtin=False))))
    for gold_path, docs in pairs:
        gold = read_gold(gold_path)
        print(f"== {gold_path}")
        for name, grounder in grounders:
            outcome = gold_grounding(gold, grounder)
            unlisted = len(outcome.pop("no standard id in gold", []))
            _report(f"[{name}] gold entities with a standard CURIE in gold:", outcome,
                    f"; no standard id in gold: {unlisted}", args.examples)
        files = sorted(p for p in Path(docs).iterdir() if p.suffix != ".json")
        statements = ground_statements([st for p in files for st in statements_from_path(p)])[0]
        label = "extracted and grounded"
        ends = {kind: sorted(found) for kind, found in extracted_grounding(gold, statements).items()}
        _report(f"extracted ends ({label}):", ends, "", args.examples, unit=" distinct (gold entity, id)")
        dup = two_ids(statements)
        print(f"  concepts under two ids in the store ({label}): {len(dup)}")
        for key, ids in dup[: args.examples]:
            print(f"    {key}: {', '.join(ids)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
