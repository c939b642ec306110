"""Analysis commands: shared targets, effects and indications, opposite actions, paths,
neighbours, similar drugs, central entities, and what the documents say that no database does.

Each command asks the store (embedded or a SPARQL server) for what its question touches,
with SPARQL, and prints what one function of :mod:`pharmgraph.analysis` returns; ``central``
and the all-pairs questions use the projection saved beside the store.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from pharmgraph.commands._common import EMPTY_STORE, FORMAT_CHOICE, emit, store_from
from pharmgraph.errors import InputError, StoreError
from pharmgraph.store import GraphStore


def graph_options(function: Callable) -> Callable:
    """Add the options every analysis command shares."""
    function = click.option(
        "--format", "fmt", type=FORMAT_CHOICE, default="table", show_default=True,
        help="Output format.",
    )(function)
    function = click.option(
        "--document", "documents", multiple=True, metavar="DOC",
        help="Only statements read in this document (repeatable).",
    )(function)
    function = click.option(
        "--asserted-only", is_flag=True, help="Leave out hedged statements ('may block').",
    )(function)
    return function


def _analysis():
    """The analysis package, imported when a command runs (networkx and numpy are slow to
    import, and every pharmgraph command pays for what the CLI imports)."""
    from pharmgraph import analysis

    return analysis


@contextlib.contextmanager
def question_store(ctx: click.Context, documents: Sequence[str] = ()) -> Iterator[GraphStore]:
    """Open the store read-only for a question; refuse an empty store and unknown documents."""
    with store_from(ctx, read_only=True) as store:
        if not store.ask("ASK { GRAPH ?g { ?st rdf:subject ?s } }"):
            raise StoreError(EMPTY_STORE)
        if documents:
            known = set(store.documents())
            missing = [d for d in documents if d not in known]
            if missing:
                raise InputError(
                    f"The store holds no document named {missing[0]!r}; "
                    "'pharmgraph stats' counts the documents it holds."
                )
        yield store


def _filters(documents: Sequence[str], asserted_only: bool) -> dict[str, Any]:
    return {"documents": list(documents) or None, "asserted_only": asserted_only}


def _emit_shared(rows: list[dict[str, Any]], fmt: str, column: str, roles: bool = False) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    flat = [
        {
            "drug": r["drug_label"],
            "other": r["other_label"],
            "shared": r["shared"],
            "jaccard": r["jaccard"],
            column: r["names"],
            "roles": [item.get("role", "") for item in r["items"]],
            "opposite": r["opposite"],
            "contradicted_by": r["contradictions"],
        }
        for r in rows
    ]
    columns = ["drug", "other", "shared", "jaccard", column]
    if roles:
        columns.append("roles")
    emit(flat, fmt, [*columns, "opposite", "contradicted_by"])


def _shared_command(name: str, function_name: str, column: str, what: str, example: str,
                    roles: bool = False):
    extra = (f"  pharmgraph {name} {example} --roles all     # also enzymes, transporters, carriers\n"
             if roles else "")
    @click.command(
        name,
        epilog=f"""
\b
Examples:
  pharmgraph {name} {example}
  pharmgraph {name} {example} --format json
  pharmgraph {name}                       # the 50 best pairs of drugs
  pharmgraph {name} --limit 0 --min-shared 2   # every pair meeting twice or more
  pharmgraph {name} {example} --exact --asserted-only
{extra}""",
    )
    @click.argument("drugs", nargs=-1)
    @click.option("--exact", is_flag=True, help="Only identical entities count; no roll-up "
                  "through broader families.")
    @click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
                  help="Show at most this many pairs, best first; 0 shows them all.")
    @click.option("--min-shared", type=click.IntRange(min=1), default=1, show_default=True,
                  help="Only pairs meeting at this many entities or more.")
    @graph_options
    @click.pass_context
    def command(ctx, drugs, exact, limit, min_shared, asserted_only, documents, fmt, **more):
        options = dict(level=not exact, limit=limit or None, min_shared=min_shared,
                       **_filters(documents, asserted_only))
        if roles:
            options["roles"] = more["roles"]
        with question_store(ctx, documents) as store:
            rows = getattr(_analysis(), function_name)(store, list(drugs) or None, **options)
        _emit_shared(rows, fmt, column, roles)

    if roles:
        command = click.option(
            "--roles", default="mechanism", show_default=True, metavar="ROLES",
            help="What the targets are to the drugs: 'all', or some of mechanism, metabolism, "
            "transport, carrier (comma-separated). Each target's role is printed beside it.",
        )(command)
    command.help = (
        f"Drugs that share {what} with the given drugs, or every pair of drugs that do. "
        "Pairs are ranked by the number of shared entities, then by Jaccard index; each "
        "says at which level the drugs meet (exact, or a broader family), flags opposite "
        "actions and lists negated statements that contradict them."
    )
    if roles:
        command.help += (
            " Targets count by their role for the drugs: mechanism targets by default, not "
            "the enzymes that metabolise them, their transporters or plasma carriers "
            "(--roles)."
        )
    return command


shared_targets_command = _shared_command(
    "shared-targets", "shared_targets", "targets", "a target", "lamotrigine", roles=True
)
shared_effects_command = _shared_command(
    "shared-effects", "shared_effects", "effects", "an effect", "lamotrigine"
)
shared_indications_command = _shared_command(
    "shared-indications", "shared_indications", "indications", "an indication",
    "lamotrigine",
)


@click.command(
    "opposite-actions",
    epilog="""
\b
Examples:
  pharmgraph opposite-actions
  pharmgraph opposite-actions lamotrigine --format json
  pharmgraph opposite-actions --effects
""",
)
@click.argument("drugs", nargs=-1)
@click.option("--effects", is_flag=True, help="Compare actions on effects instead of targets.")
@graph_options
@click.pass_context
def opposite_actions_command(ctx, drugs, effects, asserted_only, documents, fmt):
    """Pairs of drugs that act in opposite directions on the same target (a blocker and an
    opener), also across a target family."""
    with question_store(ctx, documents) as store:
        rows = _analysis().opposite_actions(
            store, list(drugs) or None, group="Effect" if effects else "Target",
            **_filters(documents, asserted_only),
        )
    emit(rows, fmt, ["drug_label", "drug_predicates", "other_label", "other_predicates",
                     "target_label", "level"])


@click.command(
    "path",
    epilog="""
\b
Examples:
  pharmgraph path lamotrigine epilepsy
  pharmgraph path lamotrigine epilepsy -k 3 --format json
  pharmgraph path lamotrigine "glutamate release" -k 3 --via Target
  pharmgraph path losigamone carbamazepine --undirected --format json
  pharmgraph path imatinib "chronic myeloid leukemia" --max-length 8
\b
From a drug to a disease the answer is the direct statements (treats) and then the k
shortest mechanism chains: drug -> target -> process ... -> disease. A chain reaches a
mechanism target of the drug (directly, or through a substance such as an active
metabolite; the drug's enzymes and transporters do not count), never passes through another
drug's indication or side effects, and once at a condition goes on only through conditions
(--no-mechanism gives plain shortest paths). Each hop shows its
predicate, direction, certainty, one sentence or database record of evidence, and whether it
is curated, text-mined or both; a path's sign is the product of its hops' signs (unsigned
when a hop has none).
""",
)
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many shortest paths (mechanism chains from a drug to a disease).")
@click.option("--via", multiple=True, metavar="TYPE",
              help="Entity type every intermediate node must have, e.g. Target (repeatable: "
              "any of them).")
@click.option("--undirected", is_flag=True, help="Also follow statements backwards.")
@click.option("--mechanism/--no-mechanism", default=True, show_default=True,
              help="From a drug to a disease, look for mechanism chains through a target.")
@click.option("--max-length", type=click.IntRange(min=1, max=12), default=None,
              help="Longest path searched for, in hops  [default: 7 for mechanism chains, 6 "
              "otherwise].")
@graph_options
@click.pass_context
def path_command(ctx, source, target, k, via, undirected, mechanism, max_length, asserted_only,
                 documents, fmt):
    """Shortest paths from one entity to another, hop by hop, with evidence; from a drug to
    a disease, its mechanism chains."""
    from pharmgraph.analysis.local import LocalGraph
    from pharmgraph.analysis.resolve import check_types
    from pharmgraph.vocabulary import is_subtype

    filters = _filters(documents, asserted_only)
    if max_length is not None:
        filters["max_length"] = max_length
    check_types(list(via) or None)
    with question_store(ctx, documents) as store:
        local = LocalGraph(store, filters["documents"], asserted_only)
        src, dst = local.resolve(source), local.resolve(target)
        local.load_entities([src, dst])
        kinds = (local.info[src]["type"], local.info[dst]["type"])
        chains = (mechanism and not via and not undirected and kinds[0] == "Drug"
                  and is_subtype(kinds[1], "Disease"))
        if chains:
            paths = _analysis().mechanism_paths(store, source, target, k=k, **filters)
        else:
            paths = _analysis().shortest_paths(store, source, target, k=k, via=list(via) or None,
                                            undirected=undirected, **filters)
    if not paths:
        hint = "" if undirected else " (try --undirected)"
        raise InputError(
            f"No path leads from {local.info[src]['label']} to {local.info[dst]['label']}{hint}."
        )
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in paths], indent=2, ensure_ascii=False))
        return
    rows = []
    for number, path in enumerate(paths, start=1):
        for step, hop in enumerate(path.hops, start=1):
            evidence = hop.evidence or {}
            text = evidence.get("text") or ""
            if not text and evidence.get("record"):
                text = f"{evidence.get('source', '')} record {evidence['record']}".strip()
            rows.append(
                {
                    "path": number,
                    "sign": path.sign_label,
                    "hop": step,
                    "from": hop.source_label,
                    "predicate": hop.predicate,
                    "to": hop.target_label,
                    "direction": hop.direction,
                    "certainty": hop.certainty,
                    "origin": hop.origin or "",
                    "document": hop.document or "",
                    "evidence": text,
                }
            )
    columns = ["path", "sign", "hop", "from", "predicate", "to", "direction", "certainty",
               "origin", "document", "evidence"]
    if fmt == "csv":
        emit(rows, fmt, columns)
        return
    for number, path in enumerate(paths, start=1):
        kind = ", mechanism" if path.kind == "mechanism" else ""
        click.echo(f"{number}. {path.text()}  [{path.length} hops, {path.sign_label}{kind}]")
    click.echo()
    emit(rows, fmt, columns)


@click.command(
    "neighbors",
    epilog="""
\b
Examples:
  pharmgraph neighbors lamotrigine
  pharmgraph neighbors "voltage-gated sodium channel" --type Drug
  pharmgraph neighbors CHEBI:6367 --format json
""",
)
@click.argument("entity")
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Only neighbours of this entity type (repeatable).")
@graph_options
@click.pass_context
def neighbors_command(ctx, entity, types, asserted_only, documents, fmt):
    """Every statement that links an entity to another, with its evidence."""
    with question_store(ctx, documents) as store:
        rows = _analysis().neighbors(store, entity, types=list(types) or None,
                                  **_filters(documents, asserted_only))
    columns = ["direction", "predicate", "neighbor_label", "neighbor_type", "certainty",
               "evidence_count", "documents"]
    if fmt == "json":
        emit(rows, fmt)
    else:
        emit(rows, fmt, columns)


@click.command(
    "similar",
    epilog="""
\b
Examples:
  pharmgraph similar lamotrigine
  pharmgraph similar lamotrigine --metric cosine --top 5 --format json
""",
)
@click.argument("drug")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--metric", type=click.Choice(["jaccard", "cosine"]), default="jaccard",
              show_default=True)
@graph_options
@click.pass_context
def similar_command(ctx, drug, top, metric, asserted_only, documents, fmt):
    """Drugs whose targets and effects (rolled up through broader families) are most like
    those of DRUG."""
    with question_store(ctx, documents) as store:
        rows = _analysis().similar(store, drug, top=top, metric=metric,
                                **_filters(documents, asserted_only))
    emit(rows, fmt, ["label", "score", "shared_count", "shared"])


@click.command(
    "central",
    epilog="""
\b
Examples:
  pharmgraph central
  pharmgraph central --top 5 --all --format csv
""",
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many entities per type.")
@click.option("--all", "overall", is_flag=True, help="One ranking over all types.")
@graph_options
@click.pass_context
def central_command(ctx, top, overall, asserted_only, documents, fmt):
    """The most connected entities by degree and PageRank, per entity type."""
    with question_store(ctx, documents) as store:
        rows = _analysis().centrality(store, by_type=not overall, top=top,
                                   **_filters(documents, asserted_only))
    emit(rows, fmt, ["group", "rank", "label", "type", "degree", "pagerank"])


@click.command(
    "novel",
    epilog="""
\b
Examples:
  pharmgraph novel                              # what no curated source says
  pharmgraph novel --drug lamotrigine
  pharmgraph novel --status contradicted --format json
  pharmgraph novel --status all --format csv
\b
A statement read in text is supported when a curated source (an imported Hetionet,
DrugMechDB or KGX file) says the same thing about the same drug, on the same entity or one
above or below it, in the same direction; contradicted when a source says the opposite
direction, or negates what the text asserts (or the other way round, on the same entity);
novel otherwise.
""",
)
@click.option("--drug", metavar="DRUG", help="Only statements about this drug (name or CURIE).")
@click.option("--status", type=click.Choice(["novel", "supported", "contradicted", "all"]),
              default="novel", show_default=True, help="Which statements to list.")
@graph_options
@click.pass_context
def novel_command(ctx, drug, status, asserted_only, documents, fmt):
    """What the documents say that no curated source does (or what sources support or
    contradict), with the evidence sentence."""
    with question_store(ctx, documents) as store:
        rows = _analysis().known_or_new(store, drug=drug, status=status,
                                     **_filters(documents, asserted_only))
    columns = ["status", "subject_label", "predicate", "object_label", "negated", "certainty",
               "documents", "evidence"]
    if status != "novel":
        columns += ["supported_by", "contradicted_by"]
    emit(rows, fmt, None if fmt == "json" else columns)


COMMANDS = [
    shared_targets_command,
    shared_effects_command,
    shared_indications_command,
    opposite_actions_command,
    path_command,
    neighbors_command,
    similar_command,
    central_command,
    novel_command,
]
