"""Turn a text and its blocks (headings, paragraphs, list items, table rows) into a Document.

Every reader finds the *blocks* of its format (lines of plain text, elements of HTML, passages
of BioC) and hands them to :func:`build_document`, which does the rest the same way for all:
blank markup into ``clean``, collect citation markers, follow headings into sections, drop
furniture and boilerplate sections, read the reference list, and split sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pharmgraph.documents.furniture import (
    is_back_matter_heading,
    is_furniture_line,
    is_link_only,
    is_references_heading,
)
from pharmgraph.documents.markup import Citation, blank_spans, scan_markup, trailing_citation
from pharmgraph.documents.model import Annotation, Document, Section, Sentence
from pharmgraph.documents.splitting import split_sentences

BLOCK_KINDS = ("heading", "paragraph", "bullet", "table_row", "title")


@dataclass
class Block:
    """A structural piece of a document's text, found by a reader.

    Parameters
    ----------
    kind : str
        ``"heading"``, ``"paragraph"``, ``"bullet"`` (a list item), ``"table_row"`` or
        ``"title"`` (an article title that reads as a sentence: PubMed, PubTator, BioC).
    start, end : int
        The block's content in the document text (after any bullet glyph or heading mark).
    level : int
        Heading level (1 = top).
    explicit : bool
        True for headings the format marks as such (Markdown ``#``, HTML ``<h2>``), False for
        headings inferred from short plain-text lines.
    ordinal : int or None
        Position in an ordered list (HTML ``<ol>``), used as the key of reference entries that
        carry no number of their own.
    section : str or None
        A section name to give the block's sentences instead of the current heading
        (``"title"``, ``"abstract"`` in record formats).
    furniture : bool
        True when the reader knows the block is page furniture (an HTML paragraph made only
        of links); it yields no sentences, but still counts in a reference list.
    """

    kind: str
    start: int
    end: int
    level: int = 2
    explicit: bool = False
    ordinal: int | None = None
    section: str | None = None
    furniture: bool = False


# A run-in label at the start of a list item: "Objective: ...", "Persistent Sodium Current
# (INaP) Inhibition: ...".
_LABEL = re.compile(r"\s*([A-Z][^:.!?\n]{0,80}?):(?=\s|$)")
_ENTRY = re.compile(r"\s*(?:\[(\d{1,4})\]|\^?(\d{1,4})[.)]|\^(\d{1,4}))\s*(\S.*)", re.DOTALL)
_HAS_WORD = re.compile(r"[^\W_]")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_reference_entries(raw: str, ordinal: int | None = None) -> list[tuple[str, str]]:
    """Read ``(key, entry)`` pairs from the text of a reference-list block.

    Lines starting ``1.``, ``1)``, ``[1]`` or ``^1`` open an entry; other lines continue the
    previous one. A block without numbers takes ``ordinal`` (its place in an ordered list).

    Examples
    --------
    >>> parse_reference_entries("[1] Smith J. Sodium channels.\\n[2] Doe A.\\n   Second line.")
    [('1', 'Smith J. Sodium channels.'), ('2', 'Doe A. Second line.')]
    """
    entries: list[list[str]] = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        match = _ENTRY.match(line)
        if match:
            key = match.group(1) or match.group(2) or match.group(3)
            entries.append([str(int(key)), match.group(4)])
        elif entries:
            entries[-1][1] += " " + line.strip()
        elif ordinal is not None:
            entries.append([str(ordinal), line.strip()])
    return [(key, " ".join(entry.split())) for key, entry in entries]


class _Builder:
    def __init__(self, text: str, clean: str, citations: list[Citation]) -> None:
        self.text = text
        self.clean = clean
        self.citations = citations
        self.citation_starts = [c.start for c in citations]
        self.sentences: list[Sentence] = []

    def keys_between(self, start: int, end: int) -> tuple[str, ...]:
        index = bisect_left(self.citation_starts, start)
        if index == len(self.citations) or self.citations[index].start >= end:
            return ()
        keys: list[str] = []
        while index < len(self.citations) and self.citations[index].start < end:
            if self.citations[index].end <= end:
                keys.extend(self.citations[index].keys)
            index += 1
        return tuple(dict.fromkeys(keys))

    def emit(self, start: int, end: int, kind: str, section: str | None) -> None:
        start, end = _trim(self.text, start, end)
        if start >= end:
            return
        clean = self.clean[start:end]
        if not _HAS_WORD.search(clean):
            return
        self.sentences.append(
            Sentence(
                text=self.text[start:end],
                start=start,
                end=end,
                clean=clean,
                section=section,
                references=self.keys_between(start, end),
                kind=kind,
            )
        )

    def emit_prose(self, block: Block, section: str | None) -> None:
        kind = "bullet" if block.kind == "bullet" else "sentence"
        start, end = block.start, block.end
        if block.kind in ("bullet", "paragraph"):
            label = _LABEL.match(self.clean, start, min(end, start + 100))
            limit = 8 if block.kind == "bullet" else 4
            after = self.clean[label.end() : min(end, label.end() + 20)].lstrip() if label else ""
            if (
                label
                and len(label.group(1).split()) <= limit
                and (not after or after[0].isupper() or after[0].isdigit())
            ):
                label_end = label.end()
                # Take a closing "**" after the colon into the label: "**Model:** ...".
                while (
                    label_end < end
                    and self.text[label_end] in "*_"
                    and self.clean[label_end] == " "
                ):
                    label_end += 1
                self.emit(start, label_end, "heading", section)
                start = label_end
        for a, b in split_sentences(self.clean, start, end, self.text):
            self.emit(a, b, kind, section)


def build_document(
    name: str,
    text: str,
    blocks: Iterable[Block],
    *,
    markdown: bool = True,
    title: str | None = None,
    metadata: dict[str, Any] | None = None,
    annotations: list[Annotation] | None = None,
    fills: Iterable[tuple[int, int, str]] = (),
    scanned: tuple[list[Citation], list[tuple[int, int]]] | None = None,
) -> Document:
    """Build a :class:`Document` from a text and the blocks a reader found in it.

    Parameters
    ----------
    name : str
        Document name (file name, PMID).
    text : str
        The document text all offsets refer to.
    blocks : iterable of Block
        In text order.
    markdown : bool
        Blank Markdown markup in ``clean`` (plain text and Markdown); citation markers are
        handled either way.
    title : str, optional
        The title when the format states it; otherwise the first content heading.
    metadata : dict, optional
        Reader facts to keep.
    annotations : list of Annotation, optional
        Entity mentions given by the file.
    fills : iterable of (int, int, str)
        Extra spans to overwrite in ``clean`` with the given character (table pipes -> tabs).
    scanned : tuple, optional
        The result of :func:`~pharmgraph.documents.markup.scan_markup` for ``text`` when the
        reader already has it.

    Returns
    -------
    Document
    """
    blocks = list(blocks)
    citations, blanks = scanned if scanned is not None else scan_markup(text, markdown=markdown)
    citations = list(citations)
    spans = [(start, end, " ") for start, end in blanks]
    spans.extend(fills)
    for block in blocks:
        if block.kind in ("paragraph", "bullet"):
            trailing = trailing_citation(text, block.start, block.end)
            if trailing:
                citations.append(trailing)
                spans.append((trailing.start, trailing.end, " "))
    spans.sort()
    citations.sort(key=lambda c: c.start)
    clean = blank_spans(text, spans)
    builder = _Builder(text, clean, citations)

    sections: list[list[Any]] = []
    references: dict[str, str] = {}
    current: str | None = None
    boilerplate = False
    in_references = False
    back_matter = False
    first_heading: str | None = None
    for block in blocks:
        if block.kind == "heading":
            heading = " ".join(clean[block.start : block.end].split()).rstrip(":").strip()
            if not heading:
                continue
            in_references = is_references_heading(heading)
            if in_references or is_back_matter_heading(heading):
                back_matter = True
            elif block.explicit:
                back_matter = False
            boilerplate = back_matter or is_furniture_line(heading)
            if sections:
                sections[-1][2] = block.start
            sections.append([heading, block.start, len(text), block.level, boilerplate])
            current = heading
            if not boilerplate:
                first_heading = first_heading or heading
                builder.emit(block.start, block.end, "heading", current)
            continue
        if boilerplate:
            if in_references:
                raw = text[block.start : block.end]
                for key, entry in parse_reference_entries(raw, block.ordinal):
                    references.setdefault(key, entry)
            continue
        block_clean = clean[block.start : block.end]
        if (
            block.furniture
            or is_furniture_line(block_clean)
            or is_link_only(text[block.start : block.end])
        ):
            continue
        section = block.section or current
        if block.kind == "table_row":
            builder.emit(block.start, block.end, "table_row", section)
        else:
            builder.emit_prose(block, section)

    return Document(
        name=name,
        text=text,
        sentences=builder.sentences,
        sections=[Section(t, s, e, level, b) for t, s, e, level, b in sections],
        references=references,
        title=title or first_heading,
        metadata=dict(metadata or {}),
        annotations=list(annotations or []),
    )
