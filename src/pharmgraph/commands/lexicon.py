"""Lexicon commands: look a name up, count the lexicon, import an ontology or a node table."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pharmgraph.commands._common import emit, lexicon_option
from pharmgraph.errors import EntityNotFound, InputError
from pharmgraph.lexicon import ENV_VAR, lexicon_with, read_lexicon_file, write_tsv


@click.group(
    epilog=f"""
\b
Examples:
  pharmgraph lexicon lookup lamotrigine
  pharmgraph lexicon lookup 'GABA(A) receptor' --format json
  pharmgraph lexicon stats
  pharmgraph lexicon import chebi.obo --kind obo -o chebi.tsv
  {ENV_VAR}=chebi.tsv pharmgraph lexicon lookup 'some ChEBI name'
"""
)
def lexicon() -> None:
    """Names pharmgraph recognises: the built-in lexicon plus files in $PHARMGRAPH_LEXICON."""


@lexicon.command(
    epilog="""
\b
Examples:
  pharmgraph lexicon lookup LTG
  pharmgraph lexicon lookup drugbank:DB00555 --format json
  pharmgraph lexicon lookup 'K+ channel' --lexicon my_names.tsv
"""
)
@click.argument("name")
@lexicon_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def lookup(name: str, lexicons: tuple[Path, ...], fmt: str) -> None:
    """Show the entities a NAME or CURIE stands for (case, hyphens and plurals ignored)."""
    lex = lexicon_with(lexicons)
    found = lex.lookup(name)
    if not found:
        raise EntityNotFound(f"No entity is named {name!r}; try another spelling or a CURIE.")
    rows = []
    for entity in found:
        row = entity.to_dict()
        row["xrefs"] = list(lex.xrefs(entity.id))
        rows.append(row)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    emit(
        [
            {
                **r,
                "synonyms": ", ".join(r.get("synonyms", [])[:8]),
                "xrefs": ", ".join(r["xrefs"][:6]),
            }
            for r in rows
        ],
        "table",
        ["id", "label", "type", "synonyms", "xrefs"],
    )


@lexicon.command(
    epilog="""
\b
Examples:
  pharmgraph lexicon stats
  pharmgraph lexicon stats --format json
"""
)
@lexicon_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def stats(lexicons: tuple[Path, ...], fmt: str) -> None:
    """Count the lexicon's entities and names by type."""
    lex = lexicon_with(lexicons)
    counts: dict[str, list[int]] = {}
    for entity in lex:
        row = counts.setdefault(entity.type, [0, 0])
        row[0] += 1
        row[1] += 1 + len(entity.synonyms)
    rows = [{"type": t, "entities": n, "names": m} for t, (n, m) in sorted(counts.items())]
    rows.append(
        {
            "type": "total",
            "entities": sum(r["entities"] for r in rows),
            "names": sum(r["names"] for r in rows),
        }
    )
    emit(rows, fmt, ["type", "entities", "names"])


@lexicon.command(
    "import",
    epilog="""
\b
Examples:
  pharmgraph lexicon import mondo.obo --kind obo -o mondo.tsv
  pharmgraph lexicon import chebi.obo --kind obo --type Drug -o chebi.tsv
  pharmgraph lexicon import hetionet-v1.0-nodes.tsv --kind hetionet -o hetionet.tsv
  pharmgraph lexicon import names.tsv --kind tsv -o names_checked.tsv
Pass the output back with --lexicon, or list it in $PHARMGRAPH_LEXICON.
""",
)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--kind", type=click.Choice(["obo", "hetionet", "tsv"]), required=True, help="What FILE holds."
)
@click.option(
    "--type",
    "entity_type",
    default=None,
    help="Entity type for every OBO term (default: from the prefix).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The lexicon TSV to write.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def import_(file: Path, kind: str, entity_type: str | None, output: Path, fmt: str) -> None:
    """Convert an OBO ontology, a Hetionet node table or a TSV into a lexicon TSV."""
    from pharmgraph.lexicon import read_obo

    if entity_type is not None and kind != "obo":
        raise InputError("--type only applies to --kind obo.")
    terms = (
        read_obo(file, type=entity_type) if kind == "obo" else read_lexicon_file(file, kind=kind)
    )
    try:
        n = write_tsv(terms, output)
    except OSError as exc:
        raise InputError(f"Cannot write {output}: {exc.strerror or exc}.") from None
    emit(
        [{"file": str(file), "output": str(output), "entities": n}],
        fmt,
        ["file", "output", "entities"],
    )


COMMANDS = [lexicon]
