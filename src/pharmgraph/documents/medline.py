"""MEDLINE / ``.nbib``: PubMed's tagged citation format, read as records.

Each record is a run of ``TAG - value`` lines (the tag left-justified in four columns, then
``- ``); a value that goes on over several lines continues on lines indented by spaces;
records are separated by blank lines. Every record becomes one document named by its PMID,
with the title (``TI``) and the abstract (``AB``) as its text, laid out as in
:mod:`pharmgraph.documents.pubtator` (title, line break, abstract). Journal (``TA``/``JT``),
year (from ``DP``), authors (``AU``) and MeSH headings (``MH``) go into the metadata.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pharmgraph.documents.model import Document
from pharmgraph.documents.pubtator import record_document
from pharmgraph.documents.reading import decode_bytes, read_bytes
from pharmgraph.errors import InputError

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)")
_HEAD = re.compile(r"\s*PMID- ?\d")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_REPEATED = {"AU", "FAU", "MH", "OT", "PT", "AID", "LID", "IS", "RN"}


def looks_like_medline(head: str) -> bool:
    """True when text starts like a MEDLINE record (``PMID- 123``)."""
    return bool(_HEAD.match(head))


def _records(text: str, name: str) -> list[tuple[int, list[tuple[str, str]]]]:
    records: list[tuple[int, list[tuple[str, str]]]] = []
    fields: list[tuple[str, str]] = []
    first_line = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if fields:
                records.append((first_line, fields))
                fields = []
            continue
        if line[:1] in (" ", "\t"):
            if not fields:
                raise InputError(f"{name}, line {number}, continues a MEDLINE field that was never started.")
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}")
            continue
        match = _TAG_LINE.fullmatch(line.rstrip())
        if not match:
            raise InputError(
                f"{name}, line {number}, is not MEDLINE: expected 'TAG - value' "
                "(a tag of 2-4 capitals, e.g. 'PMID- 12345', 'TI  - title')."
            )
        if not fields:
            first_line = number
        fields.append((match.group(1), match.group(2).strip()))
    if fields:
        records.append((first_line, fields))
    return records


def parse_medline(text: str, name: str = "medline", *, metadata: dict | None = None) -> list[Document]:
    """Read MEDLINE text: one document per record, named by its PMID, in file order.

    Raises
    ------
    InputError
        For a line that is neither ``TAG - value`` nor a continuation, or a record with no
        ``PMID`` field.

    Examples
    --------
    >>> data = "PMID- 1\\nTI  - Ethosuximide blocks T-type\\n      channels.\\nAB  - It treats absences.\\n"
    >>> doc = parse_medline(data)[0]
    >>> doc.name, doc.title, [s.text for s in doc.sentences][1]
    ('1', 'Ethosuximide blocks T-type channels.', 'It treats absences.')
    """
    documents = []
    for line, fields in _records(text, name):
        values: dict[str, list[str]] = {}
        for tag, value in fields:
            values.setdefault(tag, []).append(value)
        pmids = values.get("PMID") or []
        if not pmids or not pmids[0]:
            raise InputError(f"{name}, line {line}: this MEDLINE record has no PMID field.")
        pmid = pmids[0]
        meta: dict[str, Any] = {"format": "medline", "pmid": pmid, **(metadata or {})}
        journal = (values.get("TA") or values.get("JT") or [None])[0]
        if journal:
            meta["journal"] = journal
        year = _YEAR.search((values.get("DP") or [""])[0])
        if year:
            meta["year"] = year.group(1)
        for tag, key in (("AU", "authors"), ("MH", "mesh")):
            if values.get(tag):
                meta[key] = list(values[tag])
        for tag, items in values.items():
            if len(items) > 1 and tag not in _REPEATED and tag in ("TI", "AB"):
                meta.setdefault("repeated_fields", []).append(tag)
        title = " ".join(values.get("TI") or [])
        abstract = " ".join(values.get("AB") or [])
        documents.append(record_document(pmid, title, abstract, [], meta))
    return documents


def read_medline(path: str | Path) -> list[Document]:
    """Read a MEDLINE / ``.nbib`` file (see :func:`parse_medline`)."""
    path = Path(path)
    text = decode_bytes(read_bytes(path), path.name)
    return parse_medline(text, path.name, metadata={"path": str(path)})
