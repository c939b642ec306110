"""PubMed XML (``efetch`` output): a ``<PubmedArticleSet>`` of articles with title and abstract.

Each ``<PubmedArticle>`` (or ``<PubmedBookArticle>``) becomes one document named by its PMID:
the title, then the abstract. Structured abstracts keep their labels (``BACKGROUND``,
``METHODS``...) as headings, so sentences carry them as their section. Inline markup
(``<i>``, ``<sup>``) is flattened to its text. Journal, year and DOI go to the metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from pharmgraph.documents.building import Block, build_document
from pharmgraph.documents.model import Document
from pharmgraph.documents.reading import read_bytes
from pharmgraph.documents.xmlsafe import element_text, local_name, parse_xml
from pharmgraph.errors import InputError

_RECORDS = {"PubmedArticle", "PubmedBookArticle"}


def _find(element: Element, name: str) -> Element | None:
    return next((e for e in element.iter() if local_name(e.tag) == name), None)


def _article(record: Element, index: int, name: str, metadata: dict[str, Any]) -> Document:
    pmid = element_text(_find(record, "PMID")) or f"{name}#{index}"
    title = element_text(_find(record, "ArticleTitle")) or element_text(_find(record, "BookTitle"))
    text = title
    blocks = [Block("title", 0, len(title), section="title")] if title else []
    abstract = _find(record, "Abstract")
    parts = (
        [e for e in abstract if local_name(e.tag) == "AbstractText"] if abstract is not None else []
    )
    for part in parts:
        label = (part.get("Label") or "").strip()
        body = element_text(part)
        if label:
            text += "\n" if text else ""
            blocks.append(Block("heading", len(text), len(text) + len(label), 2, explicit=True))
            text += label
        if body:
            text += "\n" if text else ""
            section = None if label else "abstract"
            blocks.append(Block("paragraph", len(text), len(text) + len(body), section=section))
            text += body
    meta: dict[str, Any] = {"format": "pubmed", "pmid": pmid, **metadata}
    journal = element_text(_find(record, "Title"))
    if journal:
        meta["journal"] = journal
    pub_date = _find(record, "PubDate")
    if pub_date is not None:
        year = (
            element_text(_find(pub_date, "Year"))
            or element_text(_find(pub_date, "MedlineDate"))[:4]
        )
        if year:
            meta["year"] = year
    for article_id in record.iter():
        if local_name(article_id.tag) == "ArticleId" and article_id.get("IdType") == "doi":
            meta["doi"] = element_text(article_id)
            break
    return build_document(pmid, text, blocks, markdown=False, title=title or None, metadata=meta)


def parse_pubmed_xml(
    data: bytes | str, name: str = "pubmed.xml", *, metadata: dict | None = None
) -> list[Document]:
    """Read PubMed XML: one document per article, named by its PMID.

    Raises
    ------
    InputError
        For malformed XML, entity declarations (never expanded), or XML that holds no PubMed
        records.

    Examples
    --------
    >>> xml = (
    ...     "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>99</PMID><Article>"
    ...     "<ArticleTitle>Lacosamide and slow inactivation.</ArticleTitle><Abstract>"
    ...     "<AbstractText Label='RESULTS'>Lacosamide enhanced slow inactivation.</AbstractText>"
    ...     "</Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    ... )
    >>> doc = parse_pubmed_xml(xml)[0]
    >>> doc.name, [(s.section, s.text) for s in doc.sentences][-1]
    ('99', ('RESULTS', 'Lacosamide enhanced slow inactivation.'))
    """
    root = parse_xml(data, name)
    tag = local_name(root.tag)
    if tag in _RECORDS or tag == "MedlineCitation":
        records = [root]
    elif tag == "PubmedArticleSet":
        records = [e for e in root if local_name(e.tag) in _RECORDS]
    else:
        raise InputError(f"{name} is not PubMed XML (the root element is <{tag}>).")
    meta = dict(metadata or {})
    return [_article(record, index, name, meta) for index, record in enumerate(records)]


def read_pubmed_xml(path: str | Path) -> list[Document]:
    """Read a PubMed XML file (see :func:`parse_pubmed_xml`)."""
    path = Path(path)
    return parse_pubmed_xml(read_bytes(path), path.name, metadata={"path": str(path)})
