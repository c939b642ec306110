"""Read and write the DrugProt corpus format (BioCreative VII Track 1).

A DrugProt folder holds three tab-separated files without a header row:

- ``*_abstracs.tsv`` (the official spelling; ``*_abstracts.tsv`` is accepted too):
  PMID, title, abstract. Offsets count in the string ``title + "\\t" + abstract``.
- ``*_entities.tsv``: PMID, entity id (``T1``), type (``CHEMICAL``, ``GENE-Y``, ``GENE-N`` or
  ``GENE``), start, end (0-based, end-exclusive), mention text.
- ``*_relations.tsv`` (optional): PMID, relation type, ``Arg1:Tn`` (a chemical),
  ``Arg2:Tm`` (a gene).

Relations are handled as plain tuples ``(pmid, type, arg1, arg2)`` with bare entity ids
(``"T15"``); :func:`write_relations` adds the ``Arg1:``/``Arg2:`` prefixes the scorer expects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pharmgraph.errors import InputError

RELATION_TYPES: tuple[str, ...] = (
    "INHIBITOR",
    "DIRECT-REGULATOR",
    "SUBSTRATE",
    "ACTIVATOR",
    "INDIRECT-UPREGULATOR",
    "INDIRECT-DOWNREGULATOR",
    "ANTAGONIST",
    "PRODUCT-OF",
    "PART-OF",
    "AGONIST",
    "AGONIST-ACTIVATOR",
    "SUBSTRATE_PRODUCT-OF",
    "AGONIST-INHIBITOR",
)
"""The 13 DrugProt relation types, most frequent first."""

ENTITY_TYPES: dict[str, str] = {
    "CHEMICAL": "CHEMICAL",
    "GENE": "GENE",
    "GENE-Y": "GENE",
    "GENE-N": "GENE",
}
"""Entity type in the files -> the coarse type used here (the dev split has only ``GENE``)."""

Relation = tuple[str, str, str, str]
"""``(pmid, type, arg1_id, arg2_id)``, ids without the ``Arg1:``/``Arg2:`` prefix."""


@dataclass(frozen=True)
class Mention:
    """One entity mention of an abstract.

    Attributes
    ----------
    id : str
        Identifier within the abstract, such as ``"T3"``.
    type : str
        ``"CHEMICAL"`` or ``"GENE"``.
    start, end : int
        Character offsets in :attr:`Abstract.text` (end-exclusive).
    text : str
        The mention as written.
    """

    id: str
    type: str
    start: int
    end: int
    text: str


@dataclass
class Abstract:
    """A PubMed abstract with its gold entity mentions.

    Attributes
    ----------
    pmid : str
        PubMed identifier.
    title, abstract : str
        The two text fields; :attr:`text` joins them with a tab, as the offsets expect.
    mentions : dict of str to Mention
        Mentions by id.
    """

    pmid: str
    title: str
    abstract: str
    mentions: dict[str, Mention] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The text the offsets count in: ``title + "\\t" + abstract``."""
        return f"{self.title}\t{self.abstract}"


@dataclass
class DrugProtCorpus:
    """A DrugProt folder: abstracts with mentions, and gold relations when present.

    Attributes
    ----------
    abstracts : dict of str to Abstract
        Abstracts by PMID, in file order.
    relations : set of Relation or None
        Gold relations (duplicates removed), or None when the folder has no relations file.
    folder : Path or None
        Where the corpus was read from.
    """

    abstracts: dict[str, Abstract]
    relations: set[Relation] | None = None
    folder: Path | None = None

    def __len__(self) -> int:
        return len(self.abstracts)


def _find(folder: Path, suffixes: Iterable[str], required: bool) -> Path | None:
    found = sorted({p for s in suffixes for p in folder.glob(f"*{s}") if p.is_file()})
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise InputError(f"{folder} holds several files of one kind ({names}); keep one.")
    if not found:
        if required:
            wanted = " or ".join(f"*{s}" for s in suffixes)
            raise InputError(f"{folder} has no {wanted} file; is it a DrugProt folder?")
        return None
    return found[0]


def _rows(path: Path, columns: int, split_all: bool = True) -> Iterable[tuple[int, list[str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, line in enumerate(handle, 1):
                line = line.rstrip("\r\n")
                if not line.strip():
                    continue
                parts = line.split("\t") if split_all else line.split("\t", columns - 1)
                if len(parts) != columns:
                    raise InputError(
                        f"{path}, line {number}: expected {columns} tab-separated columns, "
                        f"found {len(parts)}."
                    )
                yield number, parts
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text ({exc.reason}).") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror}).") from None


def read_abstracts(path: Path) -> dict[str, Abstract]:
    """Read a ``*_abstracs.tsv`` file.

    Parameters
    ----------
    path : Path
        The file.

    Returns
    -------
    dict of str to Abstract
        Abstracts by PMID, without mentions.

    Raises
    ------
    InputError
        If a line does not have three columns or a PMID repeats.
    """
    abstracts: dict[str, Abstract] = {}
    for number, (pmid, title, abstract) in _rows(path, 3, split_all=False):
        pmid = pmid.strip()
        if not pmid:
            raise InputError(f"{path}, line {number}: the PMID column is empty.")
        if pmid in abstracts:
            raise InputError(f"{path}, line {number}: PMID {pmid} appears twice.")
        abstracts[pmid] = Abstract(pmid, title, abstract)
    return abstracts


def read_entities(path: Path, abstracts: dict[str, Abstract]) -> None:
    """Read a ``*_entities.tsv`` file into the mentions of ``abstracts``.

    Parameters
    ----------
    path : Path
        The file.
    abstracts : dict of str to Abstract
        Abstracts by PMID; each line's mention is added to its abstract.

    Raises
    ------
    InputError
        If a line is malformed, names an unknown PMID or type, or its offsets do not point
        at its mention text.
    """
    for number, (pmid, tid, kind, start, end, text) in _rows(path, 6):
        where = f"{path}, line {number}"
        abstract = abstracts.get(pmid.strip())
        if abstract is None:
            raise InputError(f"{where}: PMID {pmid} is not in the abstracts file.")
        coarse = ENTITY_TYPES.get(kind.strip())
        if coarse is None:
            raise InputError(f"{where}: unknown entity type {kind!r}.")
        try:
            begin, stop = int(start), int(end)
        except ValueError:
            raise InputError(f"{where}: offsets {start!r}, {end!r} are not integers.") from None
        full = abstract.text
        if not 0 <= begin < stop <= len(full) or full[begin:stop] != text:
            raise InputError(f"{where}: offsets {begin}-{stop} do not point at {text!r}.")
        tid = tid.strip()
        if tid in abstract.mentions:
            raise InputError(f"{where}: entity {tid} appears twice in PMID {pmid}.")
        abstract.mentions[tid] = Mention(tid, coarse, begin, stop, text)


def read_relations(path: Path, abstracts: dict[str, Abstract] | None = None) -> set[Relation]:
    """Read a ``*_relations.tsv`` file (gold or predicted).

    Parameters
    ----------
    path : Path
        The file.
    abstracts : dict of str to Abstract, optional
        When given, every relation must name a known PMID and known entities.

    Returns
    -------
    set of Relation
        ``(pmid, type, arg1, arg2)`` tuples; duplicate lines count once.

    Raises
    ------
    InputError
        If a line is malformed or, with ``abstracts``, names an unknown abstract or entity.
    """
    relations: set[Relation] = set()
    for number, (pmid, kind, arg1, arg2) in _rows(path, 4):
        where = f"{path}, line {number}"
        pmid, kind, arg1, arg2 = pmid.strip(), kind.strip(), arg1.strip(), arg2.strip()
        if not (arg1.startswith("Arg1:") and arg2.startswith("Arg2:")):
            raise InputError(f"{where}: arguments must look like Arg1:Tn and Arg2:Tm.")
        a1, a2 = arg1[5:], arg2[5:]
        if abstracts is not None:
            abstract = abstracts.get(pmid)
            if abstract is None:
                raise InputError(f"{where}: PMID {pmid} is not in the abstracts file.")
            for tid in (a1, a2):
                if tid not in abstract.mentions:
                    raise InputError(f"{where}: entity {tid} is not defined for PMID {pmid}.")
        relations.add((pmid, kind, a1, a2))
    return relations


def read_drugprot(folder: str | Path) -> DrugProtCorpus:
    """Read a DrugProt folder: abstracts, entities and, when present, relations.

    Parameters
    ----------
    folder : str or Path
        A folder holding one ``*_abstracs.tsv`` (or ``*_abstracts.tsv``), one
        ``*_entities.tsv`` and optionally one ``*_relations.tsv``.

    Returns
    -------
    DrugProtCorpus
        The abstracts with their mentions, and the gold relations or None.

    Raises
    ------
    InputError
        If the folder or a required file is missing, or a line is malformed (the message
        names the file and line).

    Examples
    --------
    >>> corpus = read_drugprot("training")  # doctest: +SKIP
    >>> len(corpus), len(corpus.relations)  # doctest: +SKIP
    (3500, 17274)
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder; give a DrugProt folder.")
    abstracts = read_abstracts(_find(folder, ("_abstracs.tsv", "_abstracts.tsv"), True))
    read_entities(_find(folder, ("_entities.tsv",), True), abstracts)
    relations_path = _find(folder, ("_relations.tsv",), False)
    relations = read_relations(relations_path, abstracts) if relations_path else None
    return DrugProtCorpus(abstracts, relations, folder)


def format_relation(relation: Relation) -> str:
    """Format one relation as a corpus line (without the newline).

    Examples
    --------
    >>> format_relation(("123", "INHIBITOR", "T1", "T2"))
    '123\\tINHIBITOR\\tArg1:T1\\tArg2:T2'
    """
    pmid, kind, a1, a2 = relation
    return f"{pmid}\t{kind}\tArg1:{_bare(a1)}\tArg2:{_bare(a2)}"


def write_relations(relations: Iterable[Relation], path: str | Path) -> int:
    """Write relations in the corpus format, one per line, sorted and de-duplicated.

    Parameters
    ----------
    relations : iterable of Relation
        ``(pmid, type, arg1, arg2)`` tuples.
    path : str or Path
        The output file.

    Returns
    -------
    int
        How many lines were written.
    """
    lines = sorted({format_relation(r) for r in relations})
    try:
        Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path} cannot be written ({exc.strerror}).") from None
    return len(lines)


def _bare(arg: str) -> str:
    return arg.split(":", 1)[1] if arg[:5] in ("Arg1:", "Arg2:") else arg
