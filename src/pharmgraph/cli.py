"""The ``pharmgraph`` command line: a thin layer of click commands over the Python API.

Commands live in :mod:`pharmgraph.commands`; each module there lists its commands in
``COMMANDS`` and is added here, so a new family of commands is one new module. Mistakes a user
can make surface as one sentence on stderr and exit status 1 (findings, bad input) or 2 (usage,
malformed queries), never as a traceback.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from pharmgraph import commands
from pharmgraph.errors import PharmgraphError

EXAMPLES = """
\b
Examples:
  pharmgraph --store kg ingest data/examples/
  pharmgraph --store kg shared-targets lamotrigine
  pharmgraph --store kg sparql 'SELECT ?d ?t WHERE { ?d pg:blocks ?t }'
"""


class _Group(click.Group):
    """A group that turns pharmgraph's errors into one clear sentence and an exit status."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PharmgraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)


@click.group(cls=_Group, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="PHARMGRAPH_STORE",
    metavar="PATH|URL",
    help="Store folder (embedded Oxigraph) or SPARQL 1.1 endpoint URL. "
    "Default: $PHARMGRAPH_STORE, else ~/.local/share/pharmgraph/store.",
)
@click.option(
    "--update-url",
    envvar="PHARMGRAPH_UPDATE_URL",
    metavar="URL",
    help="SPARQL update endpoint of a remote store, where it is not the query URL with "
    "/query replaced by /update (Virtuoso: the same /sparql URL).",
)
@click.version_option(package_name="pharmgraph")
@click.pass_context
def main(ctx: click.Context, store: str | None, update_url: str | None) -> None:
    """Turn documents about drugs into a knowledge graph of drug-target-effect
    relations, with evidence for every statement, and ask it questions."""
    ctx.ensure_object(dict)
    ctx.obj["store"] = store
    ctx.obj["update_url"] = update_url


def _register() -> None:
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
