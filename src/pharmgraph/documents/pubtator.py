"""PubTator: ``PMID|t|title`` and ``PMID|a|abstract`` lines, then tab-separated annotations.

Annotation lines are ``PMID<TAB>start<TAB>end<TAB>mention<TAB>type[<TAB>identifier]``, with
offsets into the title, one space, and the abstract. Relation lines
(``PMID<TAB>type<TAB>id1<TAB>id2``) are kept in ``metadata["relations"]``. One document per
PMID, named by the PMID; its text is the title, a line break (one character, like PubTator's
space), and the abstract, so the file's offsets hold unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pharmgraph.documents.building import Block, build_document
from pharmgraph.documents.model import Annotation, Document
from pharmgraph.documents.reading import decode_bytes, read_bytes
from pharmgraph.errors import InputError

_TEXT_LINE = re.compile(r"([^|\t]{1,40})\|([ta])\|(.*)")
_OFFSET = re.compile(r"[0-9]{1,9}")
_NUMERIC = re.compile(r"[\d\W]*\d[\d\W]*")


def record_document(
    pmid: str,
    title: str,
    abstract: str,
    annotations: list[tuple[int, int, str, str, str | None]],
    metadata: dict[str, Any],
) -> Document:
    """Build the document of one title-and-abstract record, keeping only annotations whose
    offsets match their text (the number dropped goes to ``metadata["annotations_dropped"]``)."""
    text = f"{title}\n{abstract}" if abstract else title
    blocks = [Block("title", 0, len(title), section="title")]
    if abstract:
        blocks.append(Block("paragraph", len(title) + 1, len(text), section="abstract"))
    kept: list[Annotation] = []
    dropped = 0
    for start, end, mention, kind, identifier in annotations:
        if 0 <= start < end <= len(text) and text[start:end] == mention:
            kept.append(Annotation(start, end, mention, kind, identifier))
        else:
            dropped += 1
    meta = dict(metadata)
    if dropped:
        meta["annotations_dropped"] = dropped
    return build_document(
        pmid, text, blocks, markdown=False, title=title or None, metadata=meta, annotations=kept
    )


def parse_pubtator(
    text: str, name: str = "pubtator", *, metadata: dict | None = None
) -> list[Document]:
    """Read PubTator text: one document per PMID, in file order.

    Raises
    ------
    InputError
        For a line that is neither a title/abstract line nor an annotation or relation line.

    Examples
    --------
    >>> data = "1|t|Ethosuximide blocks T-type channels.\\n1|a|It treats absences.\\n"
    >>> data += "1\\t0\\t12\\tEthosuximide\\tChemical\\tMESH:D005013\\n"
    >>> doc = parse_pubtator(data)[0]
    >>> doc.name, [s.text for s in doc.sentences], doc.annotations[0].identifier
    ('1', ['Ethosuximide blocks T-type channels.', 'It treats absences.'], 'MESH:D005013')
    """
    records: dict[str, dict[str, Any]] = {}

    def record(pmid: str) -> dict[str, Any]:
        return records.setdefault(pmid, {"t": "", "a": "", "annotations": [], "relations": []})

    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if match := _TEXT_LINE.fullmatch(line):
            record(match.group(1).strip())[match.group(2)] = match.group(3)
            continue
        fields = line.split("\t")
        if len(fields) >= 5 and _OFFSET.fullmatch(fields[1].strip()) and _OFFSET.fullmatch(fields[2].strip()):
            identifier = fields[5].strip() if len(fields) > 5 and fields[5].strip() else None
            record(fields[0].strip())["annotations"].append(
                (int(fields[1]), int(fields[2]), fields[3], fields[4].strip(), identifier)
            )
        elif len(fields) >= 5 and (_NUMERIC.fullmatch(fields[1].strip()) or _NUMERIC.fullmatch(fields[2].strip())):
            raise InputError(
                f"{name}, line {number}: the annotation offsets {fields[1].strip()[:20]!r} and "
                f"{fields[2].strip()[:20]!r} are not plain numbers of at most 9 digits (0-9)."
            )
        elif len(fields) >= 4:
            record(fields[0].strip())["relations"].append(tuple(f.strip() for f in fields[1:]))
        else:
            raise InputError(
                f"{name}, line {number}, is not PubTator: expected 'PMID|t|title', "
                "'PMID|a|abstract' or a tab-separated annotation."
            )
    documents = []
    for pmid, rec in records.items():
        meta: dict[str, Any] = {"format": "pubtator", "pmid": pmid, **(metadata or {})}
        if rec["relations"]:
            meta["relations"] = rec["relations"]
        documents.append(record_document(pmid, rec["t"], rec["a"], rec["annotations"], meta))
    return documents


def read_pubtator(path: str | Path) -> list[Document]:
    """Read a PubTator file (see :func:`parse_pubtator`); an empty file gives no documents."""
    path = Path(path)
    text = decode_bytes(read_bytes(path), path.name)
    return parse_pubtator(text, path.name, metadata={"path": str(path)})
