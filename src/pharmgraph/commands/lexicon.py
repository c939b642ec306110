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
  pharmgraph lexicon check --format json
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


@lexicon.command(
    epilog="""
\b
Examples:
  pharmgraph lexicon check
  pharmgraph lexicon check --format json
  pharmgraph lexicon check --lexicon my_names.tsv --show 50
  pharmgraph lexicon check --accepted my_accepted.tsv
Exit status: 0 when every finding is accepted, 1 otherwise.
"""
)
@lexicon_option
@click.option(
    "--accepted",
    "accepted_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="File of accepted findings (kind, key, reason); default: the built-in one.",
)
@click.option("--show", default=10, show_default=True, help="Examples shown per kind (table).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def check(lexicons: tuple[Path, ...], accepted_file: Path | None, show: int, fmt: str) -> None:
    """Report unresolved ids, shared labels, conflicting types and colliding aliases."""
    from pharmgraph.lexicon.check import KINDS, builtin_rows, check_lexicon, read_accepted

    lex = lexicon_with(lexicons)
    rows = builtin_rows()
    for path in lexicons:
        rows.extend((t.id, t.type) for t in read_lexicon_file(path))
    findings = check_lexicon(lex, rows)
    accepted = read_accepted(accepted_file)
    open_findings = [f for f in findings if (f.kind, f.key) not in accepted]
    counts = {
        kind: {
            "found": sum(f.kind == kind for f in findings),
            "accepted": sum(f.kind == kind and (f.kind, f.key) in accepted for f in findings),
        }
        for kind in KINDS
    }
    if fmt == "json":
        report = {
            "entities": len(lex),
            "counts": counts,
            "unaccepted": [f.to_dict() for f in open_findings],
            "accepted": [
                {**f.to_dict(), "reason": accepted[(f.kind, f.key)]}
                for f in findings
                if (f.kind, f.key) in accepted
            ],
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        emit(
            [
                {
                    "kind": k,
                    "found": v["found"],
                    "accepted": v["accepted"],
                    "unaccepted": v["found"] - v["accepted"],
                }
                for k, v in counts.items()
            ],
            "table",
            ["kind", "found", "accepted", "unaccepted"],
        )
        for kind in KINDS:
            shown = [f for f in open_findings if f.kind == kind][:show]
            if shown:
                click.echo(f"\n{kind} (unaccepted, first {len(shown)}):")
                for f in shown:
                    click.echo(f"  {f.key}: {f.detail}")
        click.echo(f"\n{len(open_findings)} unaccepted findings in {len(lex)} entities.")
    if open_findings:
        raise SystemExit(1)


COMMANDS = [lexicon]
