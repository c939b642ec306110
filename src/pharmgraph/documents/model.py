"""The values every document reader returns: documents, sections, sentences, annotations.

Offsets are character offsets into :attr:`Document.text`. Every sentence satisfies
``doc.text[s.start:s.end] == s.text`` and ``len(s.clean) == len(s.text)``; every annotation
satisfies ``doc.text[a.start:a.end] == a.text``.

Examples
--------
>>> from pharmgraph.documents import parse_text
>>> doc = parse_text("Lamotrigine blocks sodium channels.[1] It is **well** tolerated.", "x.txt")
>>> [s.text for s in doc.sentences]
['Lamotrigine blocks sodium channels.[1]', 'It is **well** tolerated.']
>>> doc.sentences[0].references
('1',)
>>> doc.sentences[1].clean
'It is   well   tolerated.'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SENTENCE_KINDS = ("sentence", "heading", "bullet", "table_row")


@dataclass(frozen=True)
class Annotation:
    """An entity mention supplied by the file itself (PubTator, BioC).

    Parameters
    ----------
    start, end : int
        Offsets into :attr:`Document.text`.
    text : str
        The mention, ``document.text[start:end]``.
    type : str
        The file's entity type (``Chemical``, ``Gene``, ``Disease``...).
    identifier : str or None
        The file's identifier (``MESH:D000077213``, ``6323``), as written; ``None`` when absent.
    """

    start: int
    end: int
    text: str
    type: str
    identifier: str | None = None


@dataclass(frozen=True)
class Section:
    """A run of the document that sits under one heading.

    Parameters
    ----------
    title : str
        The heading, stripped of markup.
    start, end : int
        The heading's start and the start of the next heading (or the end of the text).
    level : int
        1 for top-level headings; inferred headings in plain text get 2.
    boilerplate : bool
        True for references, disclaimers, contact blocks and similar page furniture: such
        sections yield no sentences.
    """

    title: str
    start: int
    end: int
    level: int = 1
    boilerplate: bool = False


@dataclass(frozen=True)
class Sentence:
    """One sentence, heading, list item or table row of a document.

    Parameters
    ----------
    text : str
        Exactly ``document.text[start:end]``, markup and citation markers included.
    start, end : int
        Offsets into :attr:`Document.text`.
    clean : str
        The same length as ``text``, with citation markers, Markdown emphasis and link syntax,
        bullet glyphs and line breaks replaced by spaces (table cells are separated by tabs).
        Match against this string: an offset in ``clean`` is an offset in ``text``.
    section : str or None
        Title of the heading the sentence sits under.
    references : tuple of str
        Keys of the references cited in the sentence (``("2", "3")``); resolve them with
        :meth:`Document.resolve_reference`.
    kind : str
        ``"sentence"``, ``"heading"`` (also run-in labels such as ``"Objective:"``),
        ``"bullet"`` (a sentence of a list item) or ``"table_row"`` (one row, cells split by
        tabs).
    """

    text: str
    start: int
    end: int
    clean: str
    section: str | None = None
    references: tuple[str, ...] = ()
    kind: str = "sentence"


@dataclass
class Document:
    """A document read from a file or a string.

    Parameters
    ----------
    name : str
        The file name, or the PMID / BioC id for record formats.
    text : str
        The text all offsets refer to: the file itself for plain text and Markdown, the
        rendered text for HTML, title and abstract for PubTator/PubMed, passages for BioC.
    sentences : list of Sentence
        Sentences in text order, page furniture and boilerplate sections left out.
    sections : list of Section
        Every heading, boilerplate ones included (flagged).
    references : dict of str to str
        Reference key (``"6"``) to the entry text, from the document's reference list.
    title : str or None
        The document title when one is known.
    metadata : dict
        Reader-specific facts: ``format``, ``path``, ``pmid``, ``journal``, ``year``...
    annotations : list of Annotation
        Entity mentions given by the file (PubTator, BioC); empty otherwise.
    """

    name: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)

    def resolve_reference(self, key: str) -> str:
        """Return ``"[key] entry"`` when the reference list has ``key``, else ``key`` itself.

        Examples
        --------
        >>> doc = Document("d", "", references={"6": "Smith 2001. Losigamone enantiomers."})
        >>> doc.resolve_reference("6")
        '[6] Smith 2001. Losigamone enantiomers.'
        >>> doc.resolve_reference("7")
        '7'
        """
        entry = self.references.get(key)
        return f"[{key}] {entry}" if entry else key

    def __repr__(self) -> str:
        return (
            f"Document(name={self.name!r}, chars={len(self.text)}, "
            f"sentences={len(self.sentences)}, references={len(self.references)})"
        )
