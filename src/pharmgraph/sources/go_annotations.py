"""GO annotations of human genes: gene ``participates_in`` biological process, as a source.

The lexicon ships the direct GO biological-process annotations of human genes from
Bioconductor's ``org.Hs.eg.db`` (``gene_go.tsv.gz``, see
:mod:`pharmgraph.lexicon.annotations`). Imported as a source of its own (graph ``source:go``),
each annotation becomes the statement *gene* ``participates_in`` *process* whose evidence is
the annotation record (source ``infores:go``, record ``NCBIGene:<id>|GO:<id>``, the GO
release date of the package as version). They are what joins a drug's targets (from
Hetionet's ``binds``, DrugMechDB, text) to the processes that DrugMechDB or text link to
diseases, so that ``path DRUG DISEASE`` finds drug -> target -> process -> disease chains whose
every hop is a real record.

By default (``scope="store"``) only the annotations whose gene and process are both already
in the store are imported: the links among what the store holds, not 135,000 statements about
genes and processes nothing else mentions. Import the other sources first; importing GO again
after them replaces its graph with the links among what the store then holds.
``scope="all"`` imports every annotation.

Examples
--------
>>> [s] = process_annotations([("NCBIGene:5743", "GO:0006954")])
>>> s.subject.label, s.predicate, s.object.label
('PTGS2', 'participates_in', 'inflammatory response')
>>> s.evidence[0].source, s.evidence[0].record
('infores:go', 'NCBIGene:5743|GO:0006954')
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.model import Entity, Statement
from pharmgraph.sources.records import (
    ImportSummary,
    Resolver,
    record_evidence,
    source_document,
    timed,
    write_source,
)

NAME = "go"
INFORES = "infores:go"
DOCUMENT = source_document(NAME)
KNOWLEDGE_LEVEL = "knowledge_assertion"
SCOPES = ("store", "all")

_PACKAGE = "bioconductor org.Hs.eg.db"


def default_path() -> Path:
    """Return the built-in annotation file (``gene_go.tsv.gz`` of the lexicon)."""
    from pharmgraph.lexicon.annotations import gene_go_path

    return gene_go_path()


def release() -> str | None:
    """Return the GO release the built-in annotations come from (``GO 2022-07-01``), or None."""
    from pharmgraph.lexicon.core import builtin_dir

    try:
        sources = json.loads((builtin_dir() / "sources.json").read_text(encoding="utf-8"))["sources"]
        return f"GO {sources[_PACKAGE]['GOSOURCEDATE']}"
    except (OSError, KeyError, ValueError, TypeError):
        return None


def read_annotations(path: str | Path | None = None) -> Iterator[tuple[str, str]]:
    """Yield ``(NCBIGene CURIE, GO CURIE)`` from an annotation file (the built-in one by default).

    Raises
    ------
    InputError
        When the file is missing or not ``gene<TAB>GO numbers`` lines (gzipped).
    """
    from pharmgraph.lexicon.annotations import iter_gene_go

    path = Path(path) if path is not None else default_path()
    if not path.is_file():
        raise InputError(f"{path}: no such file.")
    try:
        for gene, term in iter_gene_go(path):
            if not gene[len("NCBIGene:"):].isdigit() or not term[len("GO:"):].isdigit():
                raise InputError(f"{path}: not a gene-to-GO annotation file (bad line for {gene}).")
            yield gene, term
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as gzipped gene-to-GO annotations ({exc}).") from None


def _entity(curie: str, kind: str, lexicon) -> Entity:
    found = lexicon.get(curie) if lexicon is not None else None
    if found is not None:
        return Entity(found.id, found.label, found.type)
    return Entity(curie, curie, kind)


def process_annotations(
    pairs: Iterable[tuple[str, str]],
    *,
    keep: Callable[[str, str], bool] | None = None,
    skipped: Counter | None = None,
    version: str | None = None,
    lexicon=None,
) -> Iterator[Statement]:
    """Turn ``(gene, process)`` annotations into ``participates_in`` statements.

    Parameters
    ----------
    pairs : iterable of (str, str)
        NCBIGene and GO CURIEs.
    keep : callable or None
        ``keep(gene, process)`` says which annotations to import (canonical ids); the others
        are counted in ``skipped`` as ``outside the store``.
    skipped : Counter or None
        Counts the annotations left out, by reason.
    version : str or None
        Recorded on the evidence (default: :func:`release`).
    lexicon : Lexicon or None
        Gives each gene and process its name and type (default: the built-in lexicon).
    """
    from pharmgraph.lexicon import default_lexicon

    lexicon = default_lexicon() if lexicon is None else lexicon
    version = version if version is not None else release()
    skipped = skipped if skipped is not None else Counter()
    for gene_id, go_id in pairs:
        gene = _entity(gene_id, "Protein", lexicon)
        process = _entity(go_id, "BiologicalProcess", lexicon)
        if keep is not None and not keep(gene.id, process.id):
            skipped["outside the store"] += 1
            continue
        text = f"GO annotation: {gene.label} participates in {process.label}."
        evidence = record_evidence(
            NAME, text, source=INFORES, record=f"{gene_id}|{go_id}", version=version,
            knowledge_level=KNOWLEDGE_LEVEL,
        )
        yield Statement(gene, "participates_in", process, evidence=(evidence,))


def store_curies(store) -> set[str]:
    """Return the CURIEs of the entities the store describes outside ``source:go``."""
    from pharmgraph.rdf import document_iri

    query = f"""SELECT DISTINCT ?c WHERE {{
      GRAPH ?g {{ ?e pg:curie ?c }}
      FILTER(?g != <{document_iri(DOCUMENT)}>)
    }}"""
    return {row["c"] for row in store.select(query)}


def import_source(
    store,
    path: str | Path | None = None,
    *,
    scope: str = "store",
    resolve: Resolver | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import GO annotations into the store, replacing the ``source:go`` graph whole.

    Parameters
    ----------
    store : GraphStore
    path : str or Path or None
        An annotation file like the built-in one (default).
    scope : {"store", "all"}
        ``store``: only annotations whose gene and process the store already holds;
        ``all``: every annotation.
    resolve : callable or None
        Grounding applied to the statements before they are stored.
    progress : callable or None
        Called with the number of statements written so far.

    Raises
    ------
    InputError
        For an unknown scope, or a missing or malformed file.
    """
    if scope not in SCOPES:
        raise InputError(f"{scope!r} is not a GO import scope; choose {' or '.join(SCOPES)}.")
    start = time.perf_counter()
    source_path = Path(path) if path is not None else default_path()
    go_release = release()
    summary = ImportSummary(NAME, DOCUMENT, str(source_path), version=go_release)
    keep = None
    if scope == "store":
        held = store_curies(store)
        if not held:
            raise InputError("The store holds no genes or processes: import the other sources "
                             "first, or import GO with scope all.")

        def keep(gene: str, process: str) -> bool:
            return gene in held and process in held

    def counted() -> Iterator[tuple[str, str]]:
        for pair in read_annotations(source_path):
            summary.records += 1
            yield pair

    statements = process_annotations(counted(), keep=keep, skipped=summary.skipped, version=go_release)
    summary.statements = write_source(
        store, DOCUMENT, statements, source=INFORES, version=go_release, resolve=resolve, progress=progress
    )
    return timed(summary, start)
