"""Plain text and Markdown: blocks from lines.

Plain text saved from web pages is often Markdown-lite, so both formats share one reader:
blank lines separate blocks; ``#`` lines are headings; ``-``, ``*``, ``+``, ``•`` and ``1.``
lines open list items (indented lines continue them); lines holding a tab, or Markdown
``| a | b |`` lines, are table rows; a short line standing alone with no closing period is an
inferred heading; several short unpunctuated lines in a row are a menu and are dropped. A
paragraph that stops without punctuation and resumes after a blank line in lower case is one
paragraph (a page break). Markdown mode also skips fenced code and reads ``===``/``---``
underlined headings.
"""

from __future__ import annotations

import re

from pharmgraph.documents.building import Block, build_document
from pharmgraph.documents.markup import blank_spans, scan_markup
from pharmgraph.documents.model import Document

_BULLET = re.compile(r"[ \t]*(?:[-*+•‣◦▪●]|(\d{1,3})[.)])[ \t]+(?=\S)")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
_RULE = re.compile(r"[ \t]*([-*_=])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"[ \t]*(=+|-+)[ \t]*$")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")
_PIPE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*$")
_PIPE_SEPARATOR = re.compile(
    r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$"
)

_MAX_HEADING_WORDS = 14

# Section names of drug labels, monographs and reviews: a line holding only one of them is a
# heading even inside a run of lines ("6 ADVERSE REACTIONS", "12.1 Mechanism of Action").
SECTION_NAMES = re.compile(
    r"(?:boxed warning|highlights of prescribing information|full prescribing information|"
    r"indications?(?: and usage| and uses?)?|(?:therapeutic |clinical )?uses?|"
    r"adverse (?:reactions?|effects?|events?|drug reactions?)|side[- ]effects?|toxicity|"
    r"(?:molecular )?mechanisms? of action|mode of action|(?:clinical )?pharmacology|"
    r"pharmacodynamics?|pharmacokinetics?|metabolism(?: and excretion| and elimination)?|"
    r"contraindications?|warnings?(?: and precautions)?|precautions?|drug interactions?|"
    r"interactions?|dosage(?: and administration| forms? and strengths?)?|overdosage|overdose|"
    r"description|clinical studies|how supplied|use in specific populations|pregnancy|"
    r"summary|background|introduction|conclusions?|discussion|results|methods|abstract|"
    r"targets?|molecular targets?|efficacy|safety|tolerability|actions?)",
    re.IGNORECASE,
)
_NUMBERED_HEADING = re.compile(r"\s*\d{1,2}(?:\.\d{1,2}){0,2}\.?[ \t]+(?=[A-Z])")
_TITLE_SMALL_WORDS = {"and", "of", "in", "the", "for", "with", "to", "or", "on", "a", "an", "by", "as", "at"}


def is_label_heading(line: str) -> bool:
    """True for a line that is a section heading of a label or monograph on its own.

    Three shapes: a known section name ("ADVERSE REACTIONS", "Mechanism of action:"), a
    numbered heading in title or upper case ("6 ADVERSE REACTIONS", "12.1 Mechanism of
    Action"), or a short line in capitals ("CLINICAL PHARMACOLOGY").

    Examples
    --------
    >>> is_label_heading("6 ADVERSE REACTIONS"), is_label_heading("12.1 Mechanism of Action")
    (True, True)
    >>> is_label_heading("Contraindications:"), is_label_heading("2 tablets were taken daily")
    (True, False)
    """
    line = " ".join(line.split())
    if not line or len(line) > 90 or line[-1] in ".,;!?" or not line[0].isalnum():
        return False
    body = line.rstrip(":").strip()
    numbered = _NUMBERED_HEADING.match(body)
    if numbered:
        body = body[numbered.end() :]
    if not body or not body[0].isupper():
        return False
    if SECTION_NAMES.fullmatch(body):
        return True
    words = body.split()
    if len(words) > 10:
        return False
    letters = [c for c in body if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and (numbered or len(words) >= 1):
        return True
    if numbered and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS or not w[0].isalpha() for w in words):
        return True
    return False


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, line break excluded."""
    spans = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        spans.append((position, position + len(stripped)))
        position += len(line)
    return spans


def _looks_like_heading(clean_line: str) -> bool:
    """A short line that names what follows rather than saying something."""
    line = " ".join(clean_line.split())
    if not line or len(line) > 120:
        return False
    words = line.split()
    if len(words) > _MAX_HEADING_WORDS:
        return False
    first = next((c for c in line if c.isalnum()), "")
    if not first or not (first.isupper() or first.isdigit()):
        return False
    if line[-1] in ".,;!" or ". " in line:
        return False
    if line[-1] == ":" and len(words) > 8:
        return False
    return True


def _is_menu(clean: str, lines: list[tuple[int, int]]) -> bool:
    """Several short lines with no punctuation at all: navigation, badges, status lists."""
    if len(lines) < 2 or len(lines) > 30:
        return False
    for start, end in lines:
        line = clean[start:end].strip()
        if len(line.split()) > 5 or (line and line[-1] in ".!?;,:"):
            return False
    return True


def text_blocks(
    text: str, markdown: bool = False, scanned: tuple[list, list] | None = None
) -> tuple[list[Block], list[tuple[int, int, str]]]:
    """Find the blocks of a plain-text or Markdown document.

    Parameters
    ----------
    text : str
        The document.
    markdown : bool
        Markdown mode: fenced code skipped, setext headings and pipe tables read.
    scanned : tuple, optional
        ``scan_markup(text)`` when already computed.

    Returns
    -------
    blocks : list of Block
    fills : list of (int, int, str)
        Pipes of Markdown table rows, to become tabs in ``clean``.
    """
    _, blanks = scanned if scanned is not None else scan_markup(text, markdown=True)
    view = blank_spans(text, [(s, e, " ") for s, e in blanks])
    lines = _lines(text)
    raw_blocks: list[tuple[str, list[tuple[int, int]], int, bool]] = []
    ordinals: dict[int, int] = {}
    fills: list[tuple[int, int, str]] = []
    paragraph: list[tuple[int, int]] = []
    bullet: list[tuple[int, int]] | None = None

    def flush() -> None:
        nonlocal paragraph, bullet
        if paragraph:
            raw_blocks.append(("paragraph", paragraph, 2, False))
        if bullet:
            raw_blocks.append(("bullet", bullet, 2, False))
        paragraph, bullet = [], None

    index = 0
    in_fence: str | None = None
    while index < len(lines):
        start, end = lines[index]
        line = text[start:end]
        index += 1
        if markdown and in_fence:
            if line.strip().startswith(in_fence):
                in_fence = None
            continue
        if markdown and (fence := _FENCE.match(line)):
            flush()
            in_fence = fence.group(1)
            continue
        if not line.strip():
            flush()
            raw_blocks.append(("blank", [], 0, False))
            continue
        if atx := _ATX.match(line):
            flush()
            content_start = start + atx.end()
            raw_blocks.append(("heading", [(content_start, end)], len(atx.group(1)), True))
            continue
        if (
            markdown
            and not paragraph
            and bullet is None
            and index < len(lines)
            and _SETEXT.match(text[lines[index][0] : lines[index][1]])
            and not _BULLET.match(line)
            and "\t" not in line
        ):
            underline = text[lines[index][0] : lines[index][1]].strip()
            raw_blocks.append(("heading", [(start, end)], 1 if underline[0] == "=" else 2, True))
            index += 1
            continue
        if _RULE.match(line):
            flush()
            continue
        if (
            (bullet is None or line[:1] not in " \t")
            and is_label_heading(view[start:end])
            and not _BULLET.match(line)
            and not _mid_sentence(view, paragraph if not _names_section(view[start:end]) else [], lines, index)
        ):
            flush()
            level = 3 if re.match(r"\s*\d{1,2}\.\d", line) else 1
            raw_blocks.append(("heading", [(start, end)], level, True))
            continue
        if "\t" in line.lstrip() or (markdown and _PIPE_ROW.match(line)):
            flush()
            if _PIPE_SEPARATOR.match(line):
                continue
            if markdown and _PIPE_ROW.match(line):
                fills.extend(
                    (start + i, start + i + 1, "\t") for i, c in enumerate(line) if c == "|"
                )
            raw_blocks.append(("table_row", [(start, end)], 0, False))
            continue
        if marker := _BULLET.match(line):
            flush()
            bullet = [(start + marker.end(), end)]
            if marker.group(1):
                ordinals[start + marker.end()] = int(marker.group(1))
            continue
        if bullet is not None and line[:1] in (" ", "\t"):
            bullet.append((start, end))
            continue
        if bullet is not None:
            flush()
        paragraph.append((start, end))
    flush()

    # A paragraph that resumes in lower case after a blank line continues the open-ended
    # paragraph before it (a page or column break in text copied from a PDF or web page).
    merged: list[tuple[str, list[tuple[int, int]], int, bool]] = []
    previous: list[tuple[int, int]] | None = None
    for kind, spans, level, explicit in raw_blocks:
        if kind == "blank":
            continue
        if (
            kind == "paragraph"
            and previous is not None
            and view[spans[0][0] : spans[0][1]].strip()[:1].islower()
            and _open_ended(view, previous[0][0], previous[-1][1])
        ):
            previous.extend(spans)
            continue
        merged.append((kind, spans, level, explicit))
        previous = spans if kind == "paragraph" else None

    blocks: list[Block] = []
    for kind, spans, level, explicit in merged:
        block_start, block_end = spans[0][0], spans[-1][1]
        if kind == "paragraph":
            if len(spans) == 1 and _looks_like_heading(view[block_start:block_end]):
                blocks.append(Block("heading", block_start, block_end, 2, False))
            elif not _is_menu(view, spans):
                blocks.append(Block("paragraph", block_start, block_end))
        else:
            blocks.append(
                Block(kind, block_start, block_end, level or 2, explicit, ordinals.get(block_start))
            )
    return blocks, fills


def _names_section(line: str) -> bool:
    body = " ".join(line.split()).rstrip(":").strip()
    numbered = _NUMBERED_HEADING.match(body)
    return bool(SECTION_NAMES.fullmatch(body[numbered.end() :] if numbered else body))


def _mid_sentence(view: str, paragraph: list[tuple[int, int]], lines: list[tuple[int, int]], index: int) -> bool:
    """True when a line sits inside a sentence wrapped over lines: the paragraph before it
    stops without punctuation, or the next line goes on in lower case."""
    if index < len(lines):
        nxt = view[lines[index][0] : lines[index][1]].strip()
        if nxt[:1].islower():
            return True
    if paragraph:
        last = view[paragraph[-1][0] : paragraph[-1][1]].rstrip()
        return bool(last) and last[-1] not in ".:;!?)"
    return False


def _open_ended(view: str, start: int, end: int) -> bool:
    tail = view[max(start, end - 200) : end].rstrip()
    return tail[-1:].isalnum() and len(view[start : min(end, start + 2000)].split()) >= 8


def parse_text(text: str, name: str = "text", *, metadata: dict | None = None) -> Document:
    """Read a plain-text document (Markdown-lite markup and citation markers understood).

    Parameters
    ----------
    text : str
        The document.
    name : str
        Its name (usually the file name).
    metadata : dict, optional
        Extra facts to keep in :attr:`Document.metadata`.

    Returns
    -------
    Document
        One document; an empty text gives a document with no sentences.

    Examples
    --------
    >>> doc = parse_text("Mechanism\\n\\n- Blockade: Phenytoin blocks Nav1.2 [1].", "x.txt")
    >>> [(s.kind, s.section, s.text) for s in doc.sentences]
    [('heading', 'Mechanism', 'Mechanism'), ('heading', 'Mechanism', 'Blockade:'), ('bullet', 'Mechanism', 'Phenytoin blocks Nav1.2 [1].')]
    """
    scanned = scan_markup(text, markdown=True)
    blocks, fills = text_blocks(text, markdown=False, scanned=scanned)
    meta = {"format": "text", **(metadata or {})}
    return build_document(
        name, text, blocks, markdown=True, metadata=meta, fills=fills, scanned=scanned
    )


def parse_markdown(text: str, name: str = "markdown", *, metadata: dict | None = None) -> Document:
    """Read a Markdown document: like :func:`parse_text`, plus fenced code, setext headings and
    pipe tables.

    Examples
    --------
    >>> doc = parse_markdown("# Valproate\\n\\nValproate *inhibits* GABA transaminase.", "v.md")
    >>> doc.title, doc.sentences[1].clean
    ('Valproate', 'Valproate  inhibits  GABA transaminase.')
    """
    scanned = scan_markup(text, markdown=True)
    blocks, fills = text_blocks(text, markdown=True, scanned=scanned)
    meta = {"format": "markdown", **(metadata or {})}
    return build_document(
        name, text, blocks, markdown=True, metadata=meta, fills=fills, scanned=scanned
    )
