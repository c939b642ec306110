"""Reading and writing lexicon files: pharmgraph TSV, simple TSV, OBO, Hetionet nodes.

The pharmgraph lexicon TSV has the header ``id, label, type, synonyms, broader, xrefs``;
multiple values are separated by ``|``; lines starting with ``#`` are comments. The simple TSV
is ``name<TAB>id<TAB>type`` (header optional); rows sharing an id are one entity. Files ending
in ``.gz`` are read through gzip.

Examples
--------
>>> import io
>>> terms = parse_tsv(io.StringIO("name\\tid\\ttype\\nLamictal\\tCHEBI:6367\\tDrug\\n"), "x.tsv")
>>> terms[0].id, terms[0].label
('CHEBI:6367', 'Lamictal')
"""

from __future__ import annotations

import gzip
import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pharmgraph.errors import InputError
from pharmgraph.identifiers import canonical_curie
from pharmgraph.lexicon.core import Term
from pharmgraph.vocabulary import ENTITY_TYPES

COLUMNS = ("id", "label", "type", "synonyms", "broader", "xrefs")
SIMPLE_COLUMNS = ("name", "id", "type")

#: Entity type of terms from an ontology, by its CURIE prefix (upper case).
OBO_TYPES = {
    "CHEBI": "Drug",
    "DRUGBANK": "Drug",
    "MONDO": "Disease",
    "DOID": "Disease",
    "HP": "PhysiologicalEffect",
    "GO": "BiologicalProcess",
    "PR": "Protein",
    "NCIT": "Entity",
}

#: Entity type of each Hetionet node kind (kinds not listed are skipped).
HETIONET_TYPES = {
    "Compound": "Drug",
    "Gene": "Protein",
    "Disease": "Disease",
    "Side Effect": "AdverseEvent",
    "Biological Process": "BiologicalProcess",
    "Symptom": "Disease",
}
#: CURIE prefix of each Hetionet node kind's identifiers.
HETIONET_PREFIXES = {
    "Compound": "drugbank",
    "Gene": "NCBIGene",
    "Side Effect": "UMLS",
    "Symptom": "mesh",
}


def _open_text(path: Path) -> IO[str]:
    try:
        if path.suffix == ".gz":
            return io.TextIOWrapper(gzip.open(path), encoding="utf-8")
        return open(path, encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"Lexicon file {path} does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"Lexicon path {path} is a folder, not a file.") from None
    except OSError as exc:
        raise InputError(f"Cannot read lexicon file {path}: {exc.strerror or exc}.") from None


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip()) if value else ()


def _check_type(kind: str, where: str) -> str:
    if kind not in ENTITY_TYPES:
        raise InputError(
            f"{where}: unknown entity type {kind!r} (use one of {', '.join(ENTITY_TYPES)})."
        )
    return kind


def _curie(value: str, where: str) -> str:
    try:
        return canonical_curie(value)
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a CURIE (prefix:identifier).") from None


# -- pharmgraph / simple TSV ---------------------------------------------------------------


def parse_tsv(lines: Iterable[str], source: str = "<string>") -> list[Term]:
    """Parse a lexicon TSV (pharmgraph columns or ``name, id, type``) from lines of text.

    Raises
    ------
    InputError
        Naming ``source`` and the line number, when a line has the wrong number of columns,
        an empty id or name, or an unknown type.
    """
    terms: list[Term] = []
    simple: dict[str, list] = {}
    layout: tuple[str, ...] | None = None
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{source}, line {number}"
        if layout is None:
            head = tuple(c.strip().lower() for c in cells)
            if head[: len(COLUMNS)] == COLUMNS or head == COLUMNS[:3]:
                layout = COLUMNS
                continue
            if head == SIMPLE_COLUMNS:
                layout = SIMPLE_COLUMNS
                continue
            layout = SIMPLE_COLUMNS if len(cells) == 3 else COLUMNS
        if layout == COLUMNS:
            if not 3 <= len(cells) <= 6:
                raise InputError(
                    f"{where}: expected 3 to 6 tab-separated columns "
                    f"({', '.join(COLUMNS)}), found {len(cells)}."
                )
            cells += [""] * (6 - len(cells))
            ident, label, kind, synonyms, broader, xrefs = (c.strip() for c in cells)
            if not ident or not label:
                raise InputError(f"{where}: the id and the label must not be empty.")
            terms.append(
                Term(
                    _curie(ident, where),
                    label,
                    _check_type(kind or "Entity", where),
                    _split(synonyms),
                    tuple(_curie(b, where) for b in _split(broader)),
                    xrefs=tuple(_curie(x, where) for x in _split(xrefs)),
                )
            )
        else:
            if len(cells) != 3:
                raise InputError(
                    f"{where}: expected 3 tab-separated columns (name, id, type), found {len(cells)}."
                )
            name, ident, kind = (c.strip() for c in cells)
            if not name or not ident:
                raise InputError(f"{where}: the name and the id must not be empty.")
            ident = _curie(ident, where)
            kind = _check_type(kind or "Entity", where)
            entry = simple.setdefault(ident, [name, kind, []])
            if name != entry[0] and name not in entry[2]:
                entry[2].append(name)
    for ident, (label, kind, synonyms) in simple.items():
        terms.append(Term(ident, label, kind, tuple(synonyms)))
    return terms


def read_tsv(path: str | os.PathLike) -> list[Term]:
    """Read a lexicon TSV file (pharmgraph columns, or ``name<TAB>id<TAB>type``).

    Raises
    ------
    InputError
        When the file is missing or a line is malformed (the message names file and line).
    """
    path = Path(path)
    with _open_text(path) as handle:
        return parse_tsv(handle, str(path))


def _cell(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ").replace("|", "/").strip()


def write_tsv(terms: Iterable[Term], path: str | os.PathLike) -> int:
    """Write terms as a pharmgraph lexicon TSV (gzip when the name ends in ``.gz``).

    Returns
    -------
    int
        The number of rows written.
    """
    path = Path(path)
    opener = (
        gzip.open(path, "wt", encoding="utf-8")
        if path.suffix == ".gz"
        else open(path, "w", encoding="utf-8")
    )
    n = 0
    with opener as out:
        out.write("\t".join(COLUMNS) + "\n")
        for term in terms:
            row = [
                term.id,
                _cell(term.label),
                term.type,
                "|".join(_cell(s) for s in term.synonyms if _cell(s)),
                "|".join(term.broader),
                "|".join(getattr(term, "xrefs", ())),
            ]
            out.write("\t".join(row) + "\n")
            n += 1
    return n


# -- OBO -----------------------------------------------------------------------------------

_SYNONYM_RE = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*(\w+)?')
_OBO_TYPES_BY_NAMESPACE = {"biological_process": "BiologicalProcess"}


def _obo_stanzas(handle: IO[str], source: str) -> Iterator[tuple[int, dict[str, list[str]]]]:
    current: dict[str, list[str]] | None = None
    start = 0
    for number, raw in enumerate(handle, 1):
        line = raw.strip()
        if line.startswith("["):
            if current is not None:
                yield start, current
            current = {} if line == "[Term]" else None
            start = number
            continue
        if current is None or not line or line.startswith("!"):
            continue
        tag, sep, value = line.partition(":")
        if not sep:
            raise InputError(f"{source}, line {number}: expected 'tag: value' in an OBO stanza.")
        value = re.sub(r"\s!\s.*$", "", value.strip())  # trailing comment
        current.setdefault(tag.strip(), []).append(value)
    if current is not None:
        yield start, current


def read_obo(path: str | os.PathLike, type: str | None = None) -> list[Term]:
    """Read the terms of an OBO ontology (ChEBI, MONDO, GO, ...), streaming stanza by stanza.

    Parameters
    ----------
    path : path
        The ``.obo`` file (or ``.obo.gz``).
    type : str, optional
        The entity type of every term. By default it comes from the term's prefix (CHEBI ->
        Drug, MONDO/DOID -> Disease, GO -> BiologicalProcess, ...); terms whose type cannot be
        told are skipped.

    Returns
    -------
    list of Term
        One per non-obsolete ``[Term]`` stanza with an id and a name: synonyms from
        ``synonym`` lines (EXACT, RELATED, NARROW, BROAD; quoted text), ``broader`` from
        ``is_a``, ``xrefs`` from ``xref`` lines that are CURIEs.
    """
    if type is not None:
        _check_type(type, str(path))
    path = Path(path)
    terms: list[Term] = []
    with _open_text(path) as handle:
        for number, stanza in _obo_stanzas(handle, str(path)):
            if stanza.get("is_obsolete", ["false"])[0].lower() == "true":
                continue
            ids, names = stanza.get("id"), stanza.get("name")
            if not ids or not names:
                continue
            where = f"{path}, line {number}"
            ident = _curie(ids[0], where)
            kind = type
            if kind is None:
                namespace = stanza.get("namespace", [""])[0]
                kind = _OBO_TYPES_BY_NAMESPACE.get(namespace) or OBO_TYPES.get(
                    ident.split(":")[0].upper()
                )
                if kind is None or (
                    ident.upper().startswith("GO:")
                    and namespace
                    and namespace != "biological_process"
                ):
                    continue
            synonyms = []
            for value in stanza.get("synonym", []):
                m = _SYNONYM_RE.match(value)
                if m:
                    text = m.group(1).replace('\\"', '"').strip()
                    if text and text != names[0]:
                        synonyms.append(text)
            broader = []
            for value in stanza.get("is_a", []):
                target = value.split()[0] if value.split() else ""
                if ":" in target:
                    broader.append(canonical_curie(target))
            xrefs = []
            for value in stanza.get("xref", []):
                target = value.split()[0] if value.split() else ""
                prefix, _, local = target.partition(":")
                if prefix and local and "/" not in prefix and not local.startswith("//"):
                    xrefs.append(canonical_curie(target))
            terms.append(
                Term(
                    ident,
                    names[0],
                    kind,
                    tuple(dict.fromkeys(synonyms)),
                    tuple(broader),
                    xrefs=tuple(xrefs),
                )
            )
    return terms


# -- Hetionet ------------------------------------------------------------------------------


def read_hetionet(path: str | os.PathLike, kinds: Iterable[str] | None = None) -> list[Term]:
    """Read Hetionet's node table (``id, name, kind``; ids like ``Compound::DB00555``).

    Parameters
    ----------
    path : path
        ``hetionet-v1.0-nodes.tsv`` (or ``.gz``).
    kinds : iterable of str, optional
        Node kinds to keep (default: every kind in :data:`HETIONET_TYPES`).

    Returns
    -------
    list of Term
        Compounds as ``drugbank:`` Drugs, Genes as ``NCBIGene:`` Proteins (named by their
        symbol), Diseases as ``DOID:``, Side Effects as ``UMLS:`` AdverseEvents, Biological
        Processes as ``GO:``, Symptoms as ``mesh:`` terms.
    """
    path = Path(path)
    wanted = set(kinds) if kinds is not None else set(HETIONET_TYPES)
    unknown = wanted - set(HETIONET_TYPES)
    if unknown:
        raise InputError(f"Unknown Hetionet node kind(s): {', '.join(sorted(unknown))}.")
    terms: list[Term] = []
    with _open_text(path) as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\r\n")
            if not line:
                continue
            cells = line.split("\t")
            if number == 1 and [c.lower() for c in cells] == ["id", "name", "kind"]:
                continue
            where = f"{path}, line {number}"
            if len(cells) != 3 or "::" not in cells[0]:
                raise InputError(f"{where}: expected 'Kind::identifier<TAB>name<TAB>kind'.")
            node_id, name, kind = cells
            if kind not in wanted or not name.strip():
                continue
            ident = node_id.split("::", 1)[1]
            prefix = HETIONET_PREFIXES.get(kind)
            curie = f"{prefix}:{ident}" if prefix else ident
            terms.append(Term(_curie(curie, where), name.strip(), HETIONET_TYPES[kind]))
    return terms


# -- any file -------------------------------------------------------------------------------


def read_lexicon_file(path: str | os.PathLike, kind: str | None = None) -> list[Term]:
    """Read a lexicon file of any supported kind (``tsv``, ``obo``, ``hetionet``).

    Without ``kind``, an ``.obo`` name means OBO, a Hetionet header (``id, name, kind`` with
    ``Kind::`` ids) means Hetionet, and anything else is read as TSV.
    """
    path = Path(path)
    if kind is None:
        stem = path.name[:-3] if path.name.endswith(".gz") else path.name
        if stem.endswith(".obo"):
            kind = "obo"
        else:
            with _open_text(path) as handle:
                first, second = handle.readline(), handle.readline()
            head = first.rstrip("\r\n").lower().split("\t")
            kind = "hetionet" if head == ["id", "name", "kind"] and "::" in second else "tsv"
    if kind == "obo":
        return read_obo(path)
    if kind == "hetionet":
        return read_hetionet(path)
    if kind == "tsv":
        return read_tsv(path)
    raise InputError(f"Unknown lexicon file kind {kind!r} (use obo, hetionet or tsv).")
