"""pharmgraph: documents about drugs to a traceable drug-target-effect knowledge graph.

The Python API mirrors the CLI::

    from pharmgraph import open_store, Statement, Entity, Evidence
    store = open_store("kg")            # embedded Oxigraph folder, or a SPARQL endpoint URL
    store.ingest(statements)            # one transaction per document
    store.select("SELECT ?d ?t WHERE { ?d pg:blocks ?t }")
"""

from pharmgraph.errors import (
    EntityNotFound,
    InputError,
    PharmgraphError,
    QueryError,
    StoreError,
)
from pharmgraph.model import Entity, Evidence, Statement, merge_statements, read_jsonl, write_jsonl
from pharmgraph.rdf import document_graph, to_dataset
from pharmgraph.store import GraphStore, open_store

__version__ = "0.1.0"

__all__ = [
    "Entity",
    "EntityNotFound",
    "Evidence",
    "GraphStore",
    "InputError",
    "PharmgraphError",
    "QueryError",
    "Statement",
    "StoreError",
    "document_graph",
    "merge_statements",
    "open_store",
    "read_jsonl",
    "to_dataset",
    "write_jsonl",
]
