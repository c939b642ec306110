"""GO biological processes of human genes, built from Bioconductor's org.Hs.eg.db.

``data/lexicon/gene_go.tsv.gz`` holds the direct annotations (evidence other than ``ND``) of
human protein-coding genes to GO biological processes, one gene a line:
``<NCBI Gene id><TAB><GO numbers separated by spaces>``. The analysis side reads it to put
genes into processes (``participates_in``) on mechanism paths.

Examples
--------
>>> processes = gene_processes()
>>> "GO:0006954" in processes["NCBIGene:5743"]  # PTGS2, inflammatory response
True
>>> "NCBIGene:5743" in genes_in_process("GO:0006954")
True
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from pharmgraph.lexicon.core import builtin_dir

GENE_GO_FILE = "gene_go.tsv.gz"


def gene_go_path() -> Path:
    """Return the built-in file of gene -> GO process annotations."""
    return builtin_dir() / GENE_GO_FILE


def iter_gene_go(path: str | Path | None = None) -> Iterator[tuple[str, str]]:
    """Yield ``(NCBIGene CURIE, GO CURIE)`` pairs from the annotation file."""
    path = Path(path) if path is not None else gene_go_path()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            gene, _, terms = line.rstrip("\n").partition("\t")
            for term in terms.split():
                yield f"NCBIGene:{gene}", f"GO:{term}"


@cache
def gene_processes() -> dict[str, frozenset[str]]:
    """Return NCBIGene CURIE -> the GO biological processes it is annotated to (loaded once)."""
    out: dict[str, set[str]] = {}
    for gene, term in iter_gene_go():
        out.setdefault(gene, set()).add(term)
    return {gene: frozenset(terms) for gene, terms in out.items()}


@cache
def _by_process() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for gene, terms in gene_processes().items():
        for term in terms:
            out.setdefault(term, set()).add(gene)
    return {term: frozenset(genes) for term, genes in out.items()}


def genes_in_process(go_id: str) -> frozenset[str]:
    """Return the genes directly annotated to a GO biological process (empty if none)."""
    return _by_process().get(go_id, frozenset())
