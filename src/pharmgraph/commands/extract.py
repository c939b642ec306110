"""The ``extract`` command: print the statements documents make, without storing them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pharmgraph.commands._common import emit, lexicon_option, model_option, progress, use_model
from pharmgraph.errors import InputError

FORMATS = ["jsonl", "table", "turtle"]


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def statement_rows(statements) -> list[dict[str, str]]:
    """Rows for the table view: subject, predicate, object, flags, document, sentence."""
    rows = []
    for s in statements:
        flags = [name for name, on in (("negated", s.negated), ("hedged", s.certainty == "hedged")) if on]
        ev = s.evidence[0] if s.evidence else None
        rows.append({
            "subject": s.subject.label,
            "predicate": s.predicate,
            "object": s.object.label,
            "flags": ",".join(flags),
            "document": ev.document if ev else "",
            "evidence": len(s.evidence),
            "sentence": _clip(ev.text) if ev else "",
        })  # fmt: skip
    return rows


@click.command(
    epilog="""
\b
Examples:
  pharmgraph extract paper.txt
  pharmgraph extract notes/ --format jsonl -o statements.jsonl
  pharmgraph extract abstracts.pubtator --format turtle --lexicon my_terms.tsv
  pharmgraph extract paper.md --model my_model.json.gz     # or --model none: rules only
JSON Lines output is what `pharmgraph ingest` reads; Turtle output is TriG, one named graph
per document.
"""
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@lexicon_option
@model_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of stdout.")
def extract(files: tuple[Path, ...], fmt: str, lexicons: tuple[Path, ...], model: str | None, output: Path | None) -> None:
    """Read documents (text, Markdown, HTML, PubTator, BioC, PubMed XML) and print the
    drug-target-effect statements they make, with their evidence. Nothing is stored."""
    use_model(model)
    from pharmgraph.extract import extract_path
    from pharmgraph.ingest import STATEMENT_SUFFIXES, expand_paths
    from pharmgraph.lexicon import lexicon_with

    lexicon = lexicon_with(lexicons)
    paths = expand_paths(files)
    statements = []
    for path in progress(paths, "extract"):
        if path.suffix.lower() in STATEMENT_SUFFIXES:
            raise InputError(f"{path}: holds statements, not a document; load it with `pharmgraph ingest`.")
        statements.extend(extract_path(path, lexicon))
    if fmt == "jsonl":
        text = "".join(s.to_json() + "\n" for s in statements)
    elif fmt == "turtle":
        from pharmgraph.rdf import to_dataset

        text = to_dataset(statements).serialize(format="trig")
    else:
        text = None
    if text is None:
        rows = statement_rows(statements)
        columns = ["subject", "predicate", "object", "flags", "document", "evidence", "sentence"]
        if output is not None:
            from pharmgraph.commands._common import render_table

            output.write_text(render_table(rows, columns) + "\n", encoding="utf-8")
        else:
            emit(rows, "table", columns)
        return
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


COMMANDS = [extract]
