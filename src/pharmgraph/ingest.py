"""Turn the paths a user names into statements and store them, one document at a time.

JSON Lines files (``.jsonl``) hold statements already; N-Quads and TriG files (``.nq``,
``.trig``, e.g. from ``pharmgraph export``) are bulk-loaded as they are; every other file is a
document that goes through extraction (:func:`pharmgraph.extract.extract_path`). Folders are
walked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.model import Statement, read_jsonl
from pharmgraph.store import GraphStore

STATEMENT_SUFFIXES = {".jsonl", ".ndjson"}
RDF_SUFFIXES = {".nq", ".trig"}
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
                if p.is_file() and p.suffix.lower() in STATEMENT_SUFFIXES | DOCUMENT_SUFFIXES | RDF_SUFFIXES
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


def load_rdf_file(store: GraphStore, path: Path) -> dict[str, int]:
    """Load an N-Quads or TriG export (from ``pharmgraph export``) into the store as it is.

    Returns the statements per document found in the store afterwards for the file's graphs.
    """
    load = getattr(store, "load_rdf", None)
    if load is None:
        raise InputError(f"{path}: RDF files can be loaded into the embedded store only; load it with the server's own tools.")
    before = set(store.documents())
    load(path)
    counts = {}
    for document in sorted(set(store.documents()) - before):
        counts[document] = 0
    return counts or {path.name: 0}


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
        if path.suffix.lower() in RDF_SUFFIXES:
            yield path, load_rdf_file(store, path)
            continue
        statements = statements_from_path(path)
        counts = store.ingest(statements, default_document=path.name)
        yield path, counts
