"""HTML web pages: readable text with headings, list items and table rows as structure.

The page is tokenised with :class:`html.parser.HTMLParser` (no tree, no recursion, so a
hundred thousand nested ``<div>`` cost nothing special). Dropped: ``<head>`` (its ``<title>``
becomes the title), ``<script>``, ``<style>``, ``<nav>``, ``<footer>``, ``<aside>``, forms,
buttons, elements whose role or class marks navigation, menus, cookie banners, sharing or
advertising, and paragraphs made only of links. When the page has ``<main>`` or ``<article>``,
only their content is kept. ``<h1>``-``<h6>`` become headings, ``<li>`` list items, ``<tr>``
one table row with cells joined by tabs; numeric ``<sup>`` citations become ``[n]``.

:attr:`Document.text` is the rendered text: one block per line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pharmgraph.documents.building import Block, build_document
from pharmgraph.documents.model import Document

_SKIP = frozenset(
    "head script style noscript template nav footer aside form button svg iframe select "
    "object embed canvas map dialog menu textarea".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCKS = frozenset(
    "p div section article main header blockquote ul ol dl dt dd figure figcaption caption "
    "address details summary center table thead tbody tfoot pre body html fieldset legend "
    "hgroup".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SKIP_ROLES = frozenset(
    "navigation banner contentinfo complementary search menu menubar dialog alert alertdialog "
    "toolbar".split()
)
_SKIP_CLASSES = frozenset(
    "nav navbar navigation menu footer sidebar breadcrumb breadcrumbs cookie cookies consent "
    "share sharing social advert ads advertisement banner newsletter subscribe popup modal "
    "related comments toolbar skip-link sr-only visually-hidden".split()
)
_SUP_CITATION = re.compile(r"\[?(\d{1,4}(?:\s*[,–-]\s*\d{1,4}){0,30})\]?")


class _Frame:
    __slots__ = ("context", "link", "list", "main", "skip", "sup", "tag")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.skip = self.main = self.context = self.list = self.sup = self.link = False


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Frame] = []
        self.open_counts: dict[str, int] = {}
        self.skipping = 0
        self.in_main = 0
        self.contexts: list[tuple[str, int | None]] = []
        self.lists: list[list[int]] = []
        self.pieces: list[str] = []
        self.link_chars = 0
        self.links: list[int] = []
        self.sups: list[tuple[int, bool]] = []
        self.row: list[str] | None = None
        self.rows: list[list[str] | None] = []
        self.blocks: list[tuple[str, str, int, int | None, bool, bool]] = []
        self.title_parts: list[str] | None = None
        self.title = ""
        self.saw_main = False

    # -- text ---------------------------------------------------------------------------
    def _text(self) -> str:
        joined = "".join(self.pieces)
        lines = (" ".join(line.split()) for line in joined.split("\n"))
        return "\n".join(line for line in lines if line)

    def flush(self) -> None:
        if self.contexts and self.contexts[-1][0] == "td":
            self.pieces.append(" ")
            return
        text = self._text()
        furniture = bool(text) and self.link_chars >= len(text.replace("\n", "")) - 2
        self.pieces, self.link_chars = [], 0
        if not text:
            return
        kind, value = self.contexts[-1] if self.contexts else ("p", None)
        if kind == "h":
            self.blocks.append(
                ("heading", " ".join(text.split()), value or 1, None, False, self.in_main > 0)
            )
        elif kind == "li":
            self.blocks.append(("bullet", text, 2, value, furniture, self.in_main > 0))
        else:
            self.blocks.append(("paragraph", text, 2, None, furniture, self.in_main > 0))

    # -- tags ---------------------------------------------------------------------------
    def _skips(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP:
            return True
        values = dict(attrs)
        if "hidden" in values or (values.get("aria-hidden") or "").lower() == "true":
            return True
        if (values.get("role") or "").lower() in _SKIP_ROLES:
            return True
        words = f"{values.get('class') or ''} {values.get('id') or ''}".lower().split()
        return any(w in _SKIP_CLASSES or set(re.split(r"[-_]", w)) & _SKIP_CLASSES for w in words)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and self.title_parts is None and not self.title:
            self.title_parts = []
        if tag in _VOID:
            if tag == "br" and not self.skipping:
                self.pieces.append("\n")
            elif tag == "hr" and not self.skipping:
                self.flush()
            return
        frame = _Frame(tag)
        self.stack.append(frame)
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
        if self.skipping or self._skips(tag, attrs):
            frame.skip = True
            self.skipping += 1
            return
        if tag in ("main", "article"):
            frame.main = True
            self.in_main += 1
            self.saw_main = True
        if tag in _HEADINGS:
            self.flush()
            self.contexts.append(("h", _HEADINGS[tag]))
            frame.context = True
        elif tag == "li":
            self.flush()
            ordinal = None
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                ordinal = self.lists[-1][1]
            self.contexts.append(("li", ordinal))
            frame.context = True
        elif tag == "tr":
            self.flush()
            self.rows.append(self.row)
            self.row = []
            self.contexts.append(("tr", None))
            frame.context = True
        elif tag in ("td", "th"):
            self.flush()
            self.contexts.append(("td", None))
            frame.context = True
        elif tag in _BLOCKS:
            self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([1 if tag == "ol" else 0, 0])
            frame.list = True
        elif tag == "sup":
            self.sups.append((len(self.pieces), False))
            frame.sup = True
        elif tag == "a":
            self.links.append(len(self.pieces))
            frame.link = True
            if self.sups:
                self.sups[-1] = (self.sups[-1][0], True)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split())
            self.title_parts = None
        if not self.open_counts.get(tag):
            return
        while self.stack:
            frame = self.stack.pop()
            self.open_counts[frame.tag] -= 1
            self._close(frame)
            if frame.tag == tag:
                break

    def _close(self, frame: _Frame) -> None:
        if frame.skip:
            self.skipping -= 1
            return
        if frame.link and self.links:
            start = self.links.pop()
            self.link_chars += sum(len(" ".join(p.split())) for p in self.pieces[start:])
        if frame.sup and self.sups:
            start, linked = self.sups.pop()
            inside = "".join(self.pieces[start:]).strip()
            before = "".join(self.pieces[max(0, start - 3) : start]).rstrip()
            match = _SUP_CITATION.fullmatch(inside)
            if match and (
                linked or before[-1:] in tuple(".,;:)]") or re.search(r"[A-Za-z]{4}$", before)
            ):
                self.pieces[start:] = [f"[{match.group(1)}]"]
        if frame.context:
            kind, _ = self.contexts[-1]
            if kind == "td":
                cell = self._text().replace("\n", " ")
                self.pieces, self.link_chars = [], 0
                self.contexts.pop()
                if self.row is not None:
                    self.row.append(cell)
                return
            if kind == "tr":
                self.flush()
                self.contexts.pop()
                if self.row and any(c.strip() for c in self.row):
                    cells = [c.replace("\t", " ") for c in self.row]
                    self.blocks.append(
                        ("table_row", "\t".join(cells), 0, None, False, self.in_main > 0)
                    )
                self.row = self.rows.pop() if self.rows else None
                return
            self.flush()
            self.contexts.pop()
        elif frame.tag in _BLOCKS:
            self.flush()
        if frame.list and self.lists:
            self.lists.pop()
        if frame.main:
            self.in_main -= 1

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
        if not self.skipping:
            self.pieces.append(" ".join(data.split()) if data.strip() else " ")
            if data[:1].isspace():
                self.pieces[-1] = " " + self.pieces[-1]
            if data[-1:].isspace() and data.strip():
                self.pieces[-1] += " "

    def close(self) -> None:
        super().close()
        while self.stack:
            frame = self.stack.pop()
            self._close(frame)
        self.flush()


def parse_html(html: str, name: str = "page.html", *, metadata: dict | None = None) -> Document:
    """Read an HTML page into a document of its readable text.

    Parameters
    ----------
    html : str
        The page.
    name : str
        Its name (usually the file name).
    metadata : dict, optional
        Extra facts to keep.

    Returns
    -------
    Document
        ``text`` is the rendered text, one block per line; the title is the page's
        ``<title>`` or its first ``<h1>``.

    Examples
    --------
    >>> page = (
    ...     "<html><head><title>Phenytoin</title><script>var x = 1;</script></head><body>"
    ...     "<nav><a href='/'>Home</a></nav><h2>Targets</h2><p>Phenytoin blocks "
    ...     "Na<sub>v</sub>1.2 channels.<sup>3</sup></p><table><tr><th>Drug</th><th>Target</th>"
    ...     "</tr></table><footer>Contact us</footer></body></html>"
    ... )
    >>> doc = parse_html(page)
    >>> doc.title, doc.text
    ('Phenytoin', 'Targets\\nPhenytoin blocks Nav1.2 channels.[3]\\nDrug\\tTarget')
    >>> [(s.kind, s.references) for s in doc.sentences]
    [('heading', ()), ('sentence', ('3',)), ('table_row', ())]
    """
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    raw = parser.blocks
    if parser.saw_main and any(block[5] for block in raw):
        raw = [block for block in raw if block[5]]
    pieces: list[str] = []
    blocks: list[Block] = []
    position = 0
    first_h1 = None
    for kind, text, level, ordinal, furniture, _ in raw:
        if pieces:
            pieces.append("\n")
            position += 1
        blocks.append(
            Block(
                kind,
                position,
                position + len(text),
                level,
                explicit=kind == "heading",
                ordinal=ordinal,
                furniture=furniture,
            )
        )
        if kind == "heading" and level == 1 and first_h1 is None:
            first_h1 = text
        pieces.append(text)
        position += len(text)
    meta = {"format": "html", **(metadata or {})}
    return build_document(
        name, "".join(pieces), blocks, markdown=False, title=parser.title or first_h1, metadata=meta
    )
