"""BioC XML: a ``<collection>`` of ``<document>`` elements made of ``<passage>`` elements.

Passage and annotation offsets in BioC are document-wide. Each passage's text is placed at its
offset (short gaps filled with line breaks), so annotation offsets hold unchanged; passages
whose offsets overlap or jump far ahead are placed after the previous one and their annotations
shifted with them. Passage types map to blocks: ``title``/``front`` (first) -> the title,
``title_1``... -> headings, ``ref`` -> reference entries (keyed 1, 2, ... in order), ``table`` -> table rows, anything else
-> paragraphs. One document per ``<document>``, named by its ``<id>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from pharmgraph.documents.building import Block, build_document
from pharmgraph.documents.model import Annotation, Document
from pharmgraph.documents.reading import read_bytes
from pharmgraph.documents.xmlsafe import local_name, parse_xml
from pharmgraph.errors import InputError

_MAX_GAP = 1000


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if local_name(c.tag) == name), None)


def _children(element: Element, name: str) -> list[Element]:
    return [c for c in element if local_name(c.tag) == name]


def _infons(element: Element) -> dict[str, str]:
    return {i.get("key", ""): (i.text or "").strip() for i in _children(element, "infon")}


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def _passage_text(passage: Element, offset: int) -> str:
    """The passage text, or its sentences laid out at their offsets when it has no <text>."""
    text_el = _child(passage, "text")
    if text_el is not None:
        return text_el.text or ""
    out = ""
    for sentence in _children(passage, "sentence"):
        relative = _int(sentence.findtext("offset")) - offset
        pad = relative - len(out)
        if 0 <= pad <= _MAX_GAP:
            out += " " * pad
        elif out:
            out += " "
        out += (_child(sentence, "text") is not None and _child(sentence, "text").text) or ""
    return out


def _annotations(element: Element) -> list[Element]:
    found = _children(element, "annotation")
    for sentence in _children(element, "sentence"):
        found.extend(_children(sentence, "annotation"))
    return found


def _document(doc_el: Element, index: int, name: str, metadata: dict[str, Any]) -> Document:
    doc_id = (doc_el.findtext("id") or "").strip() or f"{name}#{index}"
    text = ""
    blocks: list[Block] = []
    raw_annotations: list[tuple[int, int, str, str, str | None]] = []
    title: str | None = None
    references: dict[str, str] = {}
    for passage in _children(doc_el, "passage"):
        infons = _infons(passage)
        offset = _int(passage.findtext("offset"))
        body = _passage_text(passage, offset)
        if not body.strip():
            continue
        gap = offset - len(text)
        if not text:
            placed = offset if 0 <= offset <= _MAX_GAP else 0
        elif 1 <= gap <= _MAX_GAP:
            placed = offset
        else:
            placed = len(text) + 1
        text += "\n" * (placed - len(text)) + body
        start, end = placed, placed + len(body)
        shift = placed - offset
        kind = infons.get("type", "").lower()
        section_type = infons.get("section_type", "").upper()
        if kind in ("title", "front") and title is None:
            title = " ".join(body.split())
            blocks.append(Block("title", start, end, section="title"))
        elif kind.startswith("title"):
            level = _int(kind.rpartition("_")[2], 1) if "_" in kind else 1
            blocks.append(Block("heading", start, end, level, explicit=True))
        elif kind == "ref" or section_type == "REF":
            references[str(len(references) + 1)] = " ".join(body.split())
        elif kind.startswith("table") and "caption" not in kind:
            row_start = start
            for line in body.split("\n"):
                if line.strip():
                    blocks.append(Block("table_row", row_start, row_start + len(line)))
                row_start += len(line) + 1
        else:
            section = "abstract" if kind == "abstract" or section_type == "ABSTRACT" else None
            blocks.append(Block("paragraph", start, end, section=section))
        for annotation in _annotations(passage):
            location = _child(annotation, "location")
            if location is None:
                continue
            a_start = _int(location.get("offset"), -1) + shift
            a_end = a_start + _int(location.get("length"), 0)
            a_infons = _infons(annotation)
            a_type = a_infons.get("type") or a_infons.get("Type") or "Entity"
            identifier = (
                a_infons.get("identifier")
                or a_infons.get("Identifier")
                or a_infons.get("MESH")
                or None
            )
            raw_annotations.append(
                (a_start, a_end, annotation.findtext("text") or "", a_type, identifier)
            )
    kept = [
        Annotation(s, e, t, k, i)
        for s, e, t, k, i in raw_annotations
        if 0 <= s < e <= len(text) and text[s:e] == t
    ]
    meta: dict[str, Any] = {"format": "bioc", **metadata, **_infons(doc_el)}
    if len(kept) < len(raw_annotations):
        meta["annotations_dropped"] = len(raw_annotations) - len(kept)
    document = build_document(
        doc_id, text, blocks, markdown=False, title=title, metadata=meta, annotations=kept
    )
    document.references.update(references)
    return document


def parse_bioc(
    data: bytes | str, name: str = "bioc.xml", *, metadata: dict | None = None
) -> list[Document]:
    """Read a BioC XML collection: one document per ``<document>``.

    Raises
    ------
    InputError
        For malformed XML, entity declarations (never expanded) or a root other than
        ``<collection>``.

    Examples
    --------
    >>> xml = (
    ...     "<collection><source>x</source><document><id>7</id><passage>"
    ...     "<infon key='type'>title</infon><offset>0</offset>"
    ...     "<text>Levetiracetam binds SV2A.</text><annotation id='1'>"
    ...     "<infon key='type'>Chemical</infon><location offset='0' length='13'/>"
    ...     "<text>Levetiracetam</text></annotation></passage></document></collection>"
    ... )
    >>> doc = parse_bioc(xml)[0]
    >>> doc.name, doc.title, doc.annotations[0].text
    ('7', 'Levetiracetam binds SV2A.', 'Levetiracetam')
    """
    root = parse_xml(data, name)
    if local_name(root.tag) != "collection":
        raise InputError(f"{name} is not BioC XML (the root element is <{local_name(root.tag)}>).")
    meta = {"source": (root.findtext("source") or "").strip(), **(metadata or {})}
    return [
        _document(doc_el, index, name, meta)
        for index, doc_el in enumerate(_children(root, "document"))
    ]


def read_bioc(path: str | Path) -> list[Document]:
    """Read a BioC XML file (see :func:`parse_bioc`)."""
    path = Path(path)
    return parse_bioc(read_bytes(path), path.name, metadata={"path": str(path)})
