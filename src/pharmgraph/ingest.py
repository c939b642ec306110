"""Turn the paths a user names into statements and store them, one file at a time, whole.

What each file is
-----------------
* **JSON Lines** (``.jsonl``, ``.ndjson``): statements, checked strictly against
  ``schemas/statement.schema.json`` (:func:`pharmgraph.model.read_jsonl`).
* **RDF** (``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``, or a file whose first lines are
  RDF): pharmgraph's own export goes back into its document graphs; foreign RDF becomes one
  graph of its own (:mod:`pharmgraph.documents.rdf_files`).
* **Documents** (text, Markdown, HTML, PubTator, MEDLINE/``.nbib``, BioC, PubMed XML): read
  (:func:`pharmgraph.documents.read_documents`) and extracted.
* Anything else is **unknown**: named in the summary, and the exit status is non-zero unless
  ``--skip-unknown`` is given. Hidden files and folders (names starting with ``.``) are not
  walked into; the summary counts them.

Document keys
-------------
A document is named by its file's path as typed from the current directory
(``papers/a/review.md``; ``a/review.md`` and ``b/review.md`` are two documents), or, for a file
outside the current directory, the folder named on the command line followed by the path
inside it (``papers/a/review.md`` for ``ingest ~/papers``), or else its absolute path.
``--relative-to DIR`` makes keys relative to ``DIR`` instead, so they do not depend on where
the command runs. A file holding records (PubTator, MEDLINE, BioC, PubMed XML) gives one
document per record, ``<file key>#<record id>`` (``corpus/set1.pubtator#12345``). Ingesting the
same file again replaces its documents, and records that vanished from it are removed.
Statements from JSON Lines keep the documents their evidence names.

All or nothing
--------------
A file is read and extracted completely before anything is written; then all its documents
(and the removal of its vanished records) are written in one transaction. A file that fails
leaves the store exactly as it was; nothing is ever staged inside the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pharmgraph.errors import InputError, PharmgraphError, StoreError
from pharmgraph.model import Statement, read_jsonl
from pharmgraph.store import GraphStore

STATEMENT_SUFFIXES = {".jsonl", ".ndjson"}


def _rdf_suffixes() -> dict[str, str]:
    from pharmgraph.documents.rdf_files import RDF_SUFFIXES

    return RDF_SUFFIXES


def _document_suffixes() -> set[str]:
    from pharmgraph.documents.reading import DOCUMENT_SUFFIXES

    return DOCUMENT_SUFFIXES


RDF_SUFFIXES = set(_rdf_suffixes())
DOCUMENT_SUFFIXES = _document_suffixes()
READABLE_SUFFIXES = STATEMENT_SUFFIXES | RDF_SUFFIXES | DOCUMENT_SUFFIXES


@dataclass(frozen=True)
class Input:
    """One file to ingest: where it is and the document key it is stored under."""

    path: Path
    key: str


@dataclass
class FileResult:
    """What happened to one input file.

    Attributes
    ----------
    path : Path
    key : str
        The file's document key.
    kind : str
        ``document``, ``records``, ``statements``, ``rdf``, ``foreign rdf``, ``unknown`` or
        ``refused``.
    documents : dict
        Document key to the statements stored for it (empty for unknown and refused files).
    removed : list of str
        Records of an earlier version of the file that it no longer holds, removed.
    error : str or None
        The one-sentence reason a file was refused.
    internal : bool
        True when the refusal comes from an unexpected failure inside pharmgraph (a bug).
    local_ids : int
        Distinct entities with only a local id (``pharmgraph:...``), awaiting grounding.
    """

    path: Path
    key: str
    kind: str
    documents: dict[str, int] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    error: str | None = None
    internal: bool = False
    local_ids: int = 0


@dataclass
class IngestSummary:
    """Counts over a whole ingest run (what the end-of-ingest summary shows)."""

    files: int = 0
    documents: int = 0
    documents_without_statements: int = 0
    statements: int = 0
    local_id_entities: int = 0
    removed_documents: int = 0
    refused: list[dict[str, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        """Count one file's result."""
        self.files += 1
        if result.kind == "refused":
            self.refused.append({"file": str(result.path), "reason": result.error or ""})
            return
        if result.kind == "unknown":
            self.unknown.append(str(result.path))
            return
        self.documents += len(result.documents)
        self.documents_without_statements += sum(1 for n in result.documents.values() if n == 0)
        self.statements += sum(result.documents.values())
        self.local_id_entities += result.local_ids
        self.removed_documents += len(result.removed)

    def failed(self, skip_unknown: bool = False) -> bool:
        """True when the run should end with a non-zero exit status."""
        return bool(self.refused) or (bool(self.unknown) and not skip_unknown)

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain data."""
        return {
            "files": self.files,
            "documents": self.documents,
            "documents_without_statements": self.documents_without_statements,
            "statements": self.statements,
            "local_id_entities": self.local_id_entities,
            "removed_documents": self.removed_documents,
            "refused": list(self.refused),
            "unknown": list(self.unknown),
            "hidden_skipped": len(self.hidden),
        }


def document_key(path: str | Path, root: str | Path | None = None, relative_to: str | Path | None = None) -> str:
    """Return the document key of a file (see the module notes).

    Parameters
    ----------
    path : str or Path
        The file.
    root : str or Path or None
        The folder named on the command line that ``path`` was found in.
    relative_to : str or Path or None
        Make the key relative to this folder instead of the current directory.

    Examples
    --------
    >>> import os
    >>> document_key(os.path.join("a", "review.md"))
    'a/review.md'
    """
    resolved = Path(os.path.abspath(path))
    base = Path(os.path.abspath(relative_to if relative_to is not None else os.getcwd()))
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        pass
    if root is not None:
        top = Path(os.path.abspath(root))
        try:
            return f"{top.name or top.as_posix()}/{resolved.relative_to(top).as_posix()}"
        except ValueError:
            pass
    return resolved.as_posix()


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand_inputs(
    paths: Iterable[str | Path], relative_to: str | Path | None = None
) -> tuple[list[Input], list[Path]]:
    """Expand folders into every file they hold (sorted), each with its document key.

    Returns
    -------
    inputs : list of Input
        Every file, readable or not (unknown ones are named later, never dropped).
    hidden : list of Path
        Hidden files and files in hidden folders, which are not ingested.

    Raises
    ------
    InputError
        When a path does not exist, or a folder holds no file at all.
    """
    inputs: list[Input] = []
    hidden: list[Path] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder.")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
            visible = [p for p in found if not _hidden(p, path)]
            hidden.extend(p for p in found if _hidden(p, path))
            if not visible:
                raise InputError(f"{path}: the folder holds no file to ingest.")
            pairs = [(p, document_key(p, path, relative_to)) for p in visible]
        else:
            pairs = [(path, document_key(path, None, relative_to))]
        for file, key in pairs:
            if key not in seen:  # the same file named twice is ingested once
                seen.add(key)
                inputs.append(Input(file, key))
    return inputs, hidden


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
                if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES and not _hidden(p, path)
            )
            if not found:
                raise InputError(f"{path}: the folder holds no file pharmgraph can read.")
            out.extend(found)
        else:
            out.append(path)
    return out


def file_kind(path: Path, data: bytes | None = None) -> str | None:
    """Say what a file is: ``statements``, ``rdf:<format>``, ``documents``, or None (unknown).

    The suffix decides; a ``.txt`` file whose first lines are RDF is read as RDF.
    """
    from pharmgraph.documents.rdf_files import RDF_SUFFIXES as RDF_FORMATS
    from pharmgraph.documents.rdf_files import sniff_rdf

    suffix = path.suffix.lower()
    if suffix in STATEMENT_SUFFIXES:
        return "statements"
    if suffix in RDF_FORMATS:
        return f"rdf:{RDF_FORMATS[suffix]}"
    if suffix in DOCUMENT_SUFFIXES:
        if suffix in (".txt", ".text"):
            if data is None:
                with path.open("rb") as handle:
                    data = handle.read(4096)
            fmt = sniff_rdf(data)
            if fmt is not None:
                return f"rdf:{fmt}"
        return "documents"
    return None


def statements_from_path(path: Path) -> list[Statement]:
    """Read or extract the statements of one file (documents named as the file reader does)."""
    if path.suffix.lower() in STATEMENT_SUFFIXES:
        return list(read_jsonl(path))
    from pharmgraph.extract import extract_path

    return extract_path(path)


@dataclass
class PreparedFile:
    """One file read and turned into quads, not yet written."""

    kind: str
    graphs: dict[str, list]
    counts: dict[str, int]
    record_prefix: str | None = None
    local_ids: int = 0


@dataclass
class ReadFile:
    """One file read into statements per document (picklable: what a worker process returns)."""

    kind: str
    groups: dict[str, list[Statement]]
    record_prefix: str | None = None
    local_ids: int = 0


def _local_ids(statements: Iterable[Statement]) -> int:
    from pharmgraph.identifiers import LOCAL_PREFIX

    ids = {e.id for s in statements for e in (s.subject, s.object)}
    return sum(1 for i in ids if i.startswith(LOCAL_PREFIX + ":"))


def _grounded(statements: list[Statement], lexicon=None) -> list[Statement]:
    """Every id mapped to its concept's canonical id (the given one kept as an xref), labels
    without ids grounded by name, and the object of ``treats`` checked to be a disease."""
    from pharmgraph.grounding import ground_statements

    return ground_statements(statements, lexicon)[0]


def _quads(document: str, statements: list[Statement], where: str) -> list:
    from pharmgraph.rdf import oxigraph_quads

    try:
        return oxigraph_quads(document, statements)
    except (ValueError, TypeError, UnicodeError, OverflowError) as exc:
        raise InputError(f"{where}: a statement cannot be stored ({exc}).") from None


def _document_names(documents: list, key: str) -> list[str]:
    """Name each record ``key#id`` (a second record with the same id gets ``#id#2``)."""
    names: list[str] = []
    used: dict[str, int] = {}
    for doc in documents:
        base = f"{key}#{doc.name}"
        used[base] = used.get(base, 0) + 1
        names.append(base if used[base] == 1 else f"{base}#{used[base]}")
    return names


RECORD_FORMATS = {"pubtator", "medline", "bioc", "pubmed"}


def read_statements(path: Path, key: str, lexicon=None) -> ReadFile:
    """Read a JSON Lines file, or read and extract a document file, into statements per document.

    Raises
    ------
    InputError
        When the file cannot be read or is not valid.
    """
    if lexicon is None:
        lexicon = _WORKER_LEXICON  # in a worker: the parent's, with the user's --lexicon files
    if path.suffix.lower() in STATEMENT_SUFFIXES:
        from pharmgraph.rdf import group_by_document

        statements = _grounded(list(read_jsonl(path)), lexicon)
        return ReadFile("statements", group_by_document(statements, key), None, _local_ids(statements))
    from pharmgraph.documents.reading import read_documents
    from pharmgraph.extract import extract_document
    from pharmgraph.extract.pipeline import MAX_FILE_MB

    size = path.stat().st_size
    if size > MAX_FILE_MB * 1_000_000:
        raise InputError(
            f"{path} is {size / 1e6:.0f} MB; pharmgraph reads documents up to {MAX_FILE_MB} MB, "
            "so split it into smaller files."
        )
    documents = read_documents(path)
    records = len(documents) != 1 or documents[0].metadata.get("format") in RECORD_FORMATS
    names = _document_names(documents, key) if records else [key]
    if lexicon is None:
        from pharmgraph.lexicon import default_lexicon

        lexicon = default_lexicon()
    groups: dict[str, list[Statement]] = {}
    for doc, name in zip(documents, names, strict=True):
        doc.name = name
        groups[name] = _grounded(extract_document(doc, lexicon), lexicon)
    everything = [s for stmts in groups.values() for s in stmts]
    return ReadFile("records" if records else "document", groups, key + "#" if records else None, _local_ids(everything))


def to_prepared(read: ReadFile, where: str) -> PreparedFile:
    """Turn statements per document into the quads of each document graph."""
    graphs = {doc: _quads(doc, stmts, where) for doc, stmts in read.groups.items()}
    counts = {doc: len(stmts) for doc, stmts in read.groups.items()}
    return PreparedFile(read.kind, graphs, counts, read.record_prefix, read.local_ids)


def prepare_file(path: Path, key: str, lexicon=None) -> PreparedFile:
    """Read one file completely and turn it into the quads of its documents.

    Raises
    ------
    InputError
        When the file cannot be read, is not valid, or is unknown.
    """
    kind = file_kind(path)
    if kind is None:
        raise InputError(f"{path}: pharmgraph does not know this kind of file.")
    if kind.startswith("rdf:"):
        from pharmgraph.documents.rdf_files import read_rdf_file

        content = read_rdf_file(path, key, kind.split(":", 1)[1])
        return PreparedFile("foreign rdf" if content.foreign else "rdf", content.graphs, content.statements)
    return to_prepared(read_statements(path, key, lexicon), str(path))


def _refusal(item: Input, exc: BaseException) -> FileResult:
    """The result of a file that could not be prepared (one sentence; a bug is flagged)."""
    if isinstance(exc, InputError):
        unknown = item.path.is_file() and file_kind(item.path) is None
        return FileResult(item.path, item.key, "unknown" if unknown else "refused", error=str(exc))
    if isinstance(exc, PharmgraphError):
        return FileResult(item.path, item.key, "refused", error=str(exc))
    if isinstance(exc, RecursionError | MemoryError):
        reason = "nests too deeply to read" if isinstance(exc, RecursionError) else "is too large to hold in memory"
        return FileResult(item.path, item.key, "refused", error=f"{item.path} {reason}.")
    detail = " ".join(str(exc).split())[:160]
    return FileResult(
        item.path, item.key, "refused", internal=True,
        error=f"{item.path} could not be read ({type(exc).__name__}: {detail}); this is a pharmgraph bug.",
    )


class _Deferred:
    """A large JSON Lines file left to the writer, which streams it through the bulk path."""


_WRITER_STORE = None
"""The store the parallel writer writes to (to decide which files it streams itself)."""


def _write(store: GraphStore, item: Input, prepared: PreparedFile | _Deferred) -> FileResult:
    if isinstance(prepared, _Deferred):
        return _bulk(store, item, _WORKER_LEXICON) or ingest_file_ordinary(store, item, _WORKER_LEXICON)
    removed: list[str] = []
    if prepared.record_prefix:
        removed = [d for d in store.documents(prefix=prepared.record_prefix) if d not in prepared.graphs]
    store.replace_documents(prepared.graphs, removed)
    return FileResult(
        item.path, item.key, prepared.kind, dict(prepared.counts), removed, local_ids=prepared.local_ids
    )


def _bulk(store: GraphStore, item: Input, lexicon=None) -> FileResult | None:
    """Ingest a large JSON Lines file through :mod:`pharmgraph.bulk` (whole or not at all);
    None when the file should go the ordinary way instead."""
    from pharmgraph import bulk

    if not bulk.eligible(store, item.path):
        return None
    try:
        done = bulk.bulk_ingest(store, item.path, item.key, lexicon=lexicon)  # type: ignore[arg-type]
    except bulk.Fallback:
        return None
    except StoreError:
        raise
    except Exception as exc:  # a bug must refuse the file, never tear the run
        return _refusal(item, exc)
    return FileResult(item.path, item.key, "statements", done.counts, [], local_ids=done.local_ids)


def ingest_file(store: GraphStore, item: Input, lexicon=None) -> FileResult:
    """Ingest one file whole, in one transaction (large JSON Lines files: through the bulk
    loader, see :mod:`pharmgraph.bulk`), or refuse it and leave the store as it was.

    Raises
    ------
    StoreError
        When the store cannot be written (the run should stop).
    """
    bulked = _bulk(store, item, lexicon)
    if bulked is not None:
        return bulked
    return ingest_file_ordinary(store, item, lexicon)


def ingest_file_ordinary(store: GraphStore, item: Input, lexicon=None) -> FileResult:
    """Ingest one file whole in one transaction (never the bulk path)."""
    try:
        prepared = prepare_file(item.path, item.key, lexicon)
    except Exception as exc:  # a bug must refuse the file, never tear the run
        return _refusal(item, exc)
    return _write(store, item, prepared)


# -- worker processes -------------------------------------------------------------------------

_WORKER_LEXICON = None
"""The lexicon worker processes use: set in the parent before the pool forks."""


def _warm_for_workers(lexicon) -> None:
    """Load, once in the parent, what every worker's extraction needs (the lexicon's matcher
    and name index, the relation model, the document readers and extraction modules): forked
    workers share it, instead of each building its own copy (the name index alone is 2 s)."""
    import pharmgraph.documents.reading  # noqa: F401  (the readers, imported before the fork)
    from pharmgraph.extract import extract_text
    from pharmgraph.extract.learned import load_model

    lexicon.matcher()
    lexicon.lookup("aspirin")  # builds the name index the mention resolver reads
    load_model()
    extract_text("Warming up: aspirin inhibits cyclooxygenase.", lexicon=lexicon)


def _worker_read(path: str, key: str) -> tuple[str, object]:
    """Run in a worker: read and extract one file; never raise (errors travel as values)."""
    try:
        return "ok", read_statements(Path(path), key)
    except Exception as exc:  # sent back to the parent, which words the refusal
        if isinstance(exc, PharmgraphError):
            return "error", (type(exc).__name__, str(exc))
        return "error", ("internal", f"{type(exc).__name__}: {exc}")


def _from_worker(item: Input, answer: tuple[str, object]) -> PreparedFile | FileResult:
    status, value = answer
    if status == "ok":
        try:
            return to_prepared(value, str(item.path))  # type: ignore[arg-type]
        except Exception as exc:
            return _refusal(item, exc)
    kind, message = value  # type: ignore[misc]
    if kind == "InputError":
        return _refusal(item, InputError(message))
    if kind == "internal":
        return _refusal(item, RuntimeError(message))
    return _refusal(item, PharmgraphError(message))


def _parallel(inputs: Iterable[Input], jobs: int, window: int) -> Iterator[tuple[Input, PreparedFile | FileResult]]:
    """Prepare files in ``jobs`` forked worker processes, at most ``window`` at a time, in order."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from pharmgraph import bulk

    context = multiprocessing.get_context("fork")
    pending: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for item in inputs:
            kind = file_kind(item.path) if item.path.is_file() else None
            if kind == "statements" and bulk.eligible(_WRITER_STORE, item.path):
                pending.append((item, None))  # the writer streams it (pharmgraph.bulk)
            elif kind in ("statements", "documents"):
                pending.append((item, pool.submit(_worker_read, str(item.path), item.key)))
            else:
                pending.append((item, None))
            while len(pending) >= window:
                yield _settle(*pending.popleft())
        while pending:
            yield _settle(*pending.popleft())


def _settle(item: Input, future) -> tuple[Input, PreparedFile | FileResult]:
    if future is None:
        from pharmgraph import bulk

        if bulk.eligible(_WRITER_STORE, item.path):
            return item, _Deferred()
        try:
            return item, prepare_file(item.path, item.key)
        except Exception as exc:
            return item, _refusal(item, exc)
    try:
        return item, _from_worker(item, future.result())
    except Exception as exc:  # a worker that died (killed, out of memory)
        return item, _refusal(item, RuntimeError(f"its worker process failed ({type(exc).__name__})"))


def ingest_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    progress: Callable[[Iterable[Input]], Iterable[Input]] | None = None,
    *,
    lexicon=None,
    relative_to: str | Path | None = None,
    summary: IngestSummary | None = None,
    jobs: int = 1,
    batch: int | None = None,
) -> Iterator[FileResult]:
    """Ingest files and folders; yield what happened to each file, in order.

    A refused or unknown file does not stop the run: it is yielded with its reason, and the
    store keeps whatever it had for that file. Pass ``summary`` to collect the counts.

    Parameters
    ----------
    jobs : int
        Worker processes that read and extract files (the parent alone writes the store, in
        file order). 1 reads in this process.
    batch : int or None
        Files read ahead of the writer at most (memory is bounded by this many files' results);
        by default ``4 * jobs``.

    Raises
    ------
    InputError
        When a named path does not exist (before anything is written).
    StoreError
        When the store cannot be written.
    """
    global _WORKER_LEXICON, _WRITER_STORE
    inputs, hidden = expand_inputs(paths, relative_to)
    if summary is not None:
        summary.hidden.extend(str(p) for p in hidden)
    iterable = progress(inputs) if progress else inputs
    # Workers pay off for extraction; JSON Lines and RDF are read faster than a pool starts.
    extractable = sum(1 for i in inputs if i.path.suffix.lower() in DOCUMENT_SUFFIXES)
    if jobs > 1 and extractable > 1:
        if lexicon is None:
            from pharmgraph.lexicon import default_lexicon

            lexicon = default_lexicon()
        _warm_for_workers(lexicon)
        _WORKER_LEXICON = lexicon
        _WRITER_STORE = store
        try:
            for item, prepared in _parallel(iterable, jobs, batch or 4 * jobs):
                result = prepared if isinstance(prepared, FileResult) else _write(store, item, prepared)
                if summary is not None:
                    summary.add(result)
                yield result
        finally:
            _WORKER_LEXICON = None
            _WRITER_STORE = None
        return
    for item in iterable:
        result = ingest_file(store, item, lexicon)
        if summary is not None:
            summary.add(result)
        yield result


__all__ = [
    "DOCUMENT_SUFFIXES",
    "RDF_SUFFIXES",
    "STATEMENT_SUFFIXES",
    "FileResult",
    "IngestSummary",
    "Input",
    "document_key",
    "expand_inputs",
    "expand_paths",
    "file_kind",
    "ingest_file",
    "ingest_paths",
    "prepare_file",
    "read_statements",
    "statements_from_path",
    "to_prepared",
]
