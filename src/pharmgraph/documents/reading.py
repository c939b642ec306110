"""Reading files: bytes to text with clear errors, and the choice of reader for a file.

:func:`read_documents` picks the reader by suffix and, for ``.txt`` and ``.xml``, by content:
a ``.txt`` file whose first line is ``PMID|t|...`` is PubTator, one that starts ``PMID- 123``
is MEDLINE (as are ``.nbib`` files); an XML file whose root is
``<collection>`` is BioC, ``<PubmedArticleSet>`` PubMed, ``<html>`` a web page.

Empty files: a text-like file (plain text, Markdown, HTML) always gives exactly one document,
with no sentences when the file is empty; record formats (PubTator, BioC, PubMed XML) give one
document per record, so an empty file gives an empty list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pharmgraph.documents.model import Document
from pharmgraph.errors import InputError

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
XML_SUFFIXES = {".xml", ".bioc", ".nxml"}
PUBTATOR_SUFFIXES = {".pubtator", ".pubtator3"}
MEDLINE_SUFFIXES = {".nbib", ".medline"}
DOCUMENT_SUFFIXES = (
    TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | XML_SUFFIXES | PUBTATOR_SUFFIXES | MEDLINE_SUFFIXES
)
"""Every suffix :func:`read_documents` reads."""

_PUBTATOR_HEAD = re.compile(r"\s*[^|\s]{1,40}\|[ta]\|")
_MEDLINE_HEAD = re.compile(r"PMID- ?\d")
_HTML_HEAD = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b|head\b|body\b)", re.I | re.S
)
_XML_ROOT = re.compile(r"<([A-Za-z_][\w:.-]*)")
_XML_PROLOG = re.compile(
    r"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*", re.S
)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 bytes (a leading byte-order mark is dropped).

    Raises
    ------
    InputError
        When the bytes hold a NUL (binary data) or are not UTF-8.

    Examples
    --------
    >>> decode_bytes(b"caf\\xe9", "x.txt")
    Traceback (most recent call last):
    ...
    pharmgraph.errors.InputError: x.txt is not UTF-8 text (byte 0xe9 at offset 3).
    """
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"{name} is binary data, not text (NUL byte at offset {nul}).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name} is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})."
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes, turning a missing file, a folder or a refusal into InputError."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file; name the files inside it.")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except PermissionError:
        raise InputError(f"{path} cannot be read (permission denied).") from None
    except OSError as error:
        raise InputError(f"{path} cannot be read ({error.strerror or error}).") from None


def xml_kind(data: bytes, name: str) -> str:
    """Name the XML dialect of ``data`` from its root element: ``bioc``, ``pubmed`` or ``html``."""
    head = data[:65536].decode("utf-8", errors="replace")
    prolog = _XML_PROLOG.match(head)
    root = _XML_ROOT.match(head, prolog.end() if prolog else 0)
    if not root:
        raise InputError(f"{name} is not XML (no root element found).")
    tag = root.group(1).split(":")[-1]
    if tag == "collection":
        return "bioc"
    if tag in {"PubmedArticleSet", "PubmedArticle", "PubmedBookArticle", "MedlineCitation"}:
        return "pubmed"
    if tag.lower() == "html":
        return "html"
    raise InputError(
        f"{name} is XML with root <{tag}>, which pharmgraph cannot read "
        "(it reads BioC <collection> and PubMed <PubmedArticleSet> files)."
    )


def detect_format(path: str | Path, data: bytes) -> str:
    """Choose the reader for a file: ``text``, ``markdown``, ``html``, ``pubtator``,
    ``medline``, ``bioc`` or ``pubmed`` (``empty`` for an XML file with nothing in it)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in PUBTATOR_SUFFIXES:
        return "pubtator"
    if suffix in MEDLINE_SUFFIXES:
        return "medline"
    stripped = data.lstrip()
    if suffix in XML_SUFFIXES:
        return xml_kind(data, path.name) if stripped else "empty"
    head = stripped[:4096].decode("utf-8", errors="replace")
    if _PUBTATOR_HEAD.match(head):
        return "pubtator"
    if _MEDLINE_HEAD.match(head):
        return "medline"
    if _HTML_HEAD.match(head):
        return "html"
    if head.startswith("<?xml") or head.startswith("<collection"):
        return xml_kind(data, path.name)
    return "text"


def read_documents(path: str | Path) -> list[Document]:
    """Read the documents of one file, choosing the reader by suffix and content.

    Parameters
    ----------
    path : str or Path
        A ``.txt``, ``.md``, ``.html``, ``.pubtator``, ``.nbib`` (MEDLINE), ``.xml`` (BioC or
        PubMed) file.

    Returns
    -------
    list of Document
        One document for text-like files (even when empty); one per record for PubTator, BioC
        and PubMed XML (none for an empty file).

    Raises
    ------
    InputError
        For a missing file, a folder, binary data, text that is not UTF-8, malformed or unsafe
        XML (entity declarations are refused, never expanded), or XML of an unknown kind.
    """
    from pharmgraph.documents.bioc import parse_bioc
    from pharmgraph.documents.html import parse_html
    from pharmgraph.documents.plaintext import parse_markdown, parse_text
    from pharmgraph.documents.pubmed import parse_pubmed_xml
    from pharmgraph.documents.pubtator import parse_pubtator

    path = Path(path)
    data = read_bytes(path)
    name = path.name
    fmt = detect_format(path, data)
    meta = {"path": str(path)}
    if fmt == "empty":
        decode_bytes(data, name)
        return []
    if fmt in ("bioc", "pubmed"):
        nul = data.find(b"\x00")
        if nul != -1:
            raise InputError(f"{name} is binary data, not text (NUL byte at offset {nul}).")
        xml_reader: Callable[..., list[Document]] = (
            parse_bioc if fmt == "bioc" else parse_pubmed_xml
        )
        return xml_reader(data, name, metadata=meta)
    text = decode_bytes(data, name)
    if fmt == "pubtator":
        return parse_pubtator(text, name, metadata=meta)
    if fmt == "medline":
        from pharmgraph.documents.medline import parse_medline

        return parse_medline(text, name, metadata=meta)
    if fmt == "html":
        return [parse_html(text, name, metadata=meta)]
    if fmt == "markdown":
        return [parse_markdown(text, name, metadata=meta)]
    return [parse_text(text, name, metadata=meta)]
