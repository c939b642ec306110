"""Document readers: files and strings to :class:`Document` values with sentences and offsets.

One module per format, all returning the same values:

- :func:`parse_text`, :func:`parse_markdown` (:mod:`.plaintext`): plain text, Markdown-lite.
- :func:`parse_html` (:mod:`.html`): web pages, furniture dropped, tables kept row by row.
- :func:`read_pubtator` / :func:`parse_pubtator` (:mod:`.pubtator`): one document per PMID.
- :func:`read_bioc` / :func:`parse_bioc` (:mod:`.bioc`): BioC XML collections.
- :func:`read_pubmed_xml` / :func:`parse_pubmed_xml` (:mod:`.pubmed`): PubMed article sets.
- :func:`read_documents` (:mod:`.reading`): any file, format chosen by suffix and content.
- :func:`readable_text` (:mod:`.markup`): a sentence without citation markers and Markdown,
  for display.

Examples
--------
>>> from pharmgraph.documents import parse_text
>>> doc = parse_text("Diazepam enhances GABA-A receptor currents.[2][3]", "d.txt")
>>> s = doc.sentences[0]
>>> s.references, s.clean
(('2', '3'), 'Diazepam enhances GABA-A receptor currents.      ')
"""

from pharmgraph.documents.bioc import parse_bioc, read_bioc
from pharmgraph.documents.html import parse_html
from pharmgraph.documents.markup import readable_text
from pharmgraph.documents.model import Annotation, Document, Section, Sentence
from pharmgraph.documents.plaintext import parse_markdown, parse_text
from pharmgraph.documents.pubmed import parse_pubmed_xml, read_pubmed_xml
from pharmgraph.documents.pubtator import parse_pubtator, read_pubtator
from pharmgraph.documents.reading import decode_bytes, read_documents

__all__ = [
    "Annotation",
    "Document",
    "Section",
    "Sentence",
    "decode_bytes",
    "parse_bioc",
    "parse_html",
    "parse_markdown",
    "parse_pubmed_xml",
    "parse_pubtator",
    "parse_text",
    "read_bioc",
    "read_documents",
    "read_pubmed_xml",
    "read_pubtator",
    "readable_text",
]
