"""The ``view`` command: write an interactive HTML view of the graph, or of part of it."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from pharmgraph.errors import EntityNotFound, InputError, StoreError

MAX_NODES = 500
"""Entities a focus view draws at most by default (a page of more is slow to lay out and read)."""


def _check_drawable(graph) -> None:
    """Refuse to draw nothing, with one sentence saying why."""
    if graph.number_of_nodes() == 0:
        if graph.graph.get("negated"):
            raise StoreError("Every statement left is negated; add --show-negated to draw them.")
        raise StoreError("No statements are left after the --document/--asserted-only filters.")


@click.command(
    epilog="""
\b
Examples:
  pharmgraph view -o graph.html                       # the whole graph
  pharmgraph view --focus lamotrigine --radius 2 -o ltg.html --open
  pharmgraph view --focus SCN1A --radius 2 --max-nodes 300   # a hub: the 300 nearest
  pharmgraph view --shared-targets lamotrigine -o shared.html
  pharmgraph view --path losigamone epilepsy -o path.html
  pharmgraph view --show-negated --document paper.txt -o paper.html
\b
The page is one self-contained HTML file: it works offline and loads nothing from the
network. Click a node or an edge for its identifier, statements and evidence sentences.
"""
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("pharmgraph-view.html"),
              show_default=True, help="HTML file to write.")
@click.option("--focus", "focus", multiple=True, metavar="NAME",
              help="Only the neighbourhood of this entity (name, synonym or CURIE; repeatable).")
@click.option("--radius", type=click.IntRange(min=0), default=1, show_default=True,
              help="Steps out from the --focus entities.")
@click.option("--max-nodes", type=click.IntRange(min=0), default=MAX_NODES, show_default=True,
              help="With --focus: draw at most this many entities, the nearest and best connected "
                   "(0: all of the neighbourhood).")
@click.option("--shared-targets", "shared", metavar="DRUG",
              help="The drug, the drugs sharing a target with it and the targets they meet at.")
@click.option("--path", "path", nargs=2, metavar="FROM TO",
              help="The shortest path(s) from one entity to another, highlighted.")
@click.option("-k", "--paths", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many shortest paths to draw with --path.")
@click.option("--show-negated", is_flag=True, help="Also draw negated statements (grey, dotted, '✕ NOT').")
@click.option("--asserted-only", is_flag=True, help="Leave out hedged statements ('may block').")
@click.option("--document", "documents", multiple=True, metavar="DOC",
              help="Only statements read in this document (repeatable).")
@click.option("--layout", type=click.Choice(["force", "grouped", "physics"]), default="force", show_default=True,
              help="force: computed positions; grouped: rings by type; physics: settle in the browser.")
@click.option("--title", help="Page title (default: says what is shown).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.pass_context
def view(
    ctx: click.Context,
    output: Path,
    focus: tuple[str, ...],
    radius: int,
    max_nodes: int,
    shared: str | None,
    path: tuple[str, str] | None,
    k: int,
    show_negated: bool,
    asserted_only: bool,
    documents: tuple[str, ...],
    layout: str,
    title: str | None,
    open_browser: bool,
) -> None:
    """Write an interactive HTML view of the graph: all of it, the neighbourhood of some
    entities, the drugs sharing a target with a drug, or a path between two entities."""
    from pharmgraph import analysis
    from pharmgraph.commands.analysis import question_store
    from pharmgraph.views import render_html  # numpy and the page assets: only when used
    from pharmgraph.views.subgraphs import focus_view, path_view, shared_target_view

    modes = sum(bool(x) for x in (focus, shared, path))
    if modes > 1:
        raise click.UsageError("Give at most one of --focus, --shared-targets and --path.")
    highlight = None
    heading = "pharmgraph: whole graph"
    filters = {"documents": list(documents) or None, "asserted_only": asserted_only}
    with question_store(ctx, documents) as store:
        if focus:
            graph, ids = focus_view(store, focus, radius, show_negated=show_negated,
                                    max_nodes=max_nodes or None, **filters)
            names = ", ".join(graph.nodes[i].get("label", i) for i in ids)
            heading = f"pharmgraph: {names} (radius {radius})"
            if graph.graph.get("not_drawn"):
                heading += f", the {len(graph)} nearest of {graph.graph['reached']:,} entities"
        elif shared:
            graph, drug, rows = shared_target_view(store, shared, show_negated=show_negated,
                                                   **filters)
            label = graph.nodes[drug].get("label", drug)
            if not rows:
                raise EntityNotFound(f"No other drug shares a target with {label}.")
            heading = f"pharmgraph: drugs sharing a target with {label}"
        elif path:
            source, target = path
            paths = analysis.shortest_paths(store, source, target, k=k, **filters)
            if not paths:
                raise EntityNotFound(f"No path leads from {source!r} to {target!r} along the statements' directions.")
            graph = path_view(store, paths, show_negated=show_negated, **filters)
            highlight = paths
            heading = f"pharmgraph: {paths[0].labels[0]} → {paths[0].labels[-1]}"
        else:
            graph = analysis.project(store, include_negated=show_negated, **filters)
            _check_drawable(graph)
    page = render_html(
        graph, title=title or heading, highlight_path=highlight, show_negated=show_negated, layout=layout
    )
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"Cannot write {output}: {exc.strerror or exc}.") from exc
    click.echo(f"Wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges).")
    if graph.graph.get("not_drawn"):
        click.echo(f"The neighbourhood reaches {graph.graph['reached']:,} entities; "
                   f"{graph.graph['not_drawn']:,} further out or less connected were left out "
                   "(--max-nodes 0 draws them all).")
    if open_browser:
        webbrowser.open(output.resolve().as_uri())


COMMANDS = [view]
