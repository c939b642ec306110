"""Turn the paths a user names into statements and store them, one document at a time.

JSON Lines files (``.jsonl``) hold statements already; every other file is a document that
goes through extraction (:func:`pharmgraph.extract.extract_path`). Folders are walked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.model import Statement, read_jsonl
from pharmgraph.store import GraphStore

STATEMENT_SUFFIXES = {".jsonl", ".ndjson"}
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xml", ".bioc", ".pubtator"}


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the files they hold that pharmgraph can read, sorted.

    Raises
    ------
    InputError
        When a path does not exist, or a folder holds nothing readable.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder.")
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in STATEMENT_SUFFIXES | DOCUMENT_SUFFIXES
            )
            if not found:
                raise InputError(f"{path}: the folder holds no file pharmgraph can read.")
            out.extend(found)
        else:
            out.append(path)
    return out


def statements_from_path(path: Path) -> list[Statement]:
    """Read or extract the statements of one file."""
    if path.suffix.lower() in STATEMENT_SUFFIXES:
        return list(read_jsonl(path))
    from pharmgraph.extract import extract_path

    return extract_path(path)


def ingest_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
) -> Iterator[tuple[Path, dict[str, int]]]:
    """Ingest files into the store; yield each file with the statements stored per document.

    Each file is read completely before anything is written, and each document is written in
    one transaction, so a bad file leaves the store as it was.
    """
    files = expand_paths(paths)
    iterable = progress(files) if progress else files
    for path in iterable:
        statements = statements_from_path(path)
        counts = store.ingest(statements, default_document=path.name)
        yield path, counts
