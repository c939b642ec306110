"""Analysis commands: shared targets, effects and indications, opposite actions, paths,
neighbours, similar drugs and central entities.

Each command projects the store into a networkx graph (:func:`pharmgraph.analysis.project`)
and prints what one function of :mod:`pharmgraph.analysis` returns.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from pharmgraph import analysis
from pharmgraph.commands._common import FORMAT_CHOICE, emit, project_store
from pharmgraph.errors import InputError, StoreError


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


def load_graph(
    ctx: click.Context, documents: Sequence[str], asserted_only: bool, evidence: bool = True
):
    """Project the store for a command; refuse an empty store, an unknown document, or
    filters that leave nothing."""
    graph = project_store(ctx, documents, asserted_only, evidence=evidence)
    if graph.number_of_edges() == 0 and not graph.graph.get("negated"):
        raise StoreError("No statements are left after the --document/--asserted-only filters.")
    return graph


def _emit_shared(rows: list[dict[str, Any]], fmt: str, column: str) -> None:
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
            "opposite": r["opposite"],
            "contradicted_by": r["contradictions"],
        }
        for r in rows
    ]
    emit(flat, fmt, ["drug", "other", "shared", "jaccard", column, "opposite", "contradicted_by"])


def _shared_command(name: str, function: Callable, column: str, what: str, example: str):
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
""",
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
    def command(ctx, drugs, exact, limit, min_shared, asserted_only, documents, fmt):
        graph = load_graph(ctx, documents, asserted_only, evidence=False)
        rows = function(graph, list(drugs) or None, level=not exact, limit=limit or None,
                        min_shared=min_shared)
        _emit_shared(rows, fmt, column)

    command.help = (
        f"Drugs that share {what} with the given drugs, or every pair of drugs that do. "
        "Pairs are ranked by the number of shared entities, then by Jaccard index; each "
        "says at which level the drugs meet (exact, or a broader family), flags opposite "
        "actions and lists negated statements that contradict them."
    )
    return command


shared_targets_command = _shared_command(
    "shared-targets", analysis.shared_targets, "targets", "a target", "lamotrigine"
)
shared_effects_command = _shared_command(
    "shared-effects", analysis.shared_effects, "effects", "an effect", "lamotrigine"
)
shared_indications_command = _shared_command(
    "shared-indications", analysis.shared_indications, "indications", "an indication",
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
    graph = load_graph(ctx, documents, asserted_only, evidence=False)
    rows = analysis.opposite_actions(
        graph, list(drugs) or None, group="Effect" if effects else "Target"
    )
    emit(rows, fmt, ["drug_label", "drug_predicates", "other_label", "other_predicates",
                     "target_label", "level"])


@click.command(
    "path",
    epilog="""
\b
Examples:
  pharmgraph path lamotrigine epilepsy
  pharmgraph path lamotrigine "glutamate release" -k 3 --via Target
  pharmgraph path losigamone carbamazepine --undirected --format json
Each hop shows its predicate, direction, certainty and one sentence of evidence; the
path's sign is the product of its hops' signs (unsigned when a hop has none).
""",
)
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many shortest paths.")
@click.option("--via", multiple=True, metavar="TYPE",
              help="Entity type every intermediate node must have, e.g. Target (repeatable: "
              "any of them).")
@click.option("--undirected", is_flag=True, help="Also follow statements backwards.")
@graph_options
@click.pass_context
def path_command(ctx, source, target, k, via, undirected, asserted_only, documents, fmt):
    """Shortest paths from one entity to another, hop by hop, with evidence."""
    graph = load_graph(ctx, documents, asserted_only)
    paths = analysis.shortest_paths(graph, source, target, k=k, via=list(via) or None,
                                    undirected=undirected)
    if not paths:
        src = graph.nodes[analysis.resolve_entity(graph, source)]["label"]
        dst = graph.nodes[analysis.resolve_entity(graph, target)]["label"]
        hint = "" if undirected else " (try --undirected)"
        raise InputError(f"No path leads from {src} to {dst}{hint}.")
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in paths], indent=2, ensure_ascii=False))
        return
    rows = []
    for number, path in enumerate(paths, start=1):
        for step, hop in enumerate(path.hops, start=1):
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
                    "document": hop.document or "",
                    "evidence": (hop.evidence or {}).get("text", ""),
                }
            )
    columns = ["path", "sign", "hop", "from", "predicate", "to", "direction", "certainty",
               "document", "evidence"]
    if fmt == "csv":
        emit(rows, fmt, columns)
        return
    for number, path in enumerate(paths, start=1):
        click.echo(f"{number}. {path.text()}  [{path.length} hops, {path.sign_label}]")
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
    graph = load_graph(ctx, documents, asserted_only)
    rows = analysis.neighbors(graph, entity, types=list(types) or None)
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
    graph = load_graph(ctx, documents, asserted_only, evidence=False)
    rows = analysis.similar(graph, drug, top=top, metric=metric)
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
    graph = load_graph(ctx, documents, asserted_only, evidence=False)
    rows = analysis.centrality(graph, by_type=not overall, top=top)
    emit(rows, fmt, ["group", "rank", "label", "type", "degree", "pagerank"])


COMMANDS = [
    shared_targets_command,
    shared_effects_command,
    shared_indications_command,
    opposite_actions_command,
    path_command,
    neighbors_command,
    similar_command,
    central_command,
]
