"""Checks of a lexicon, the build report users of a knowledge graph ask for.

Four kinds of finding:

``unresolved-id``
    A broader id that names no entity of the lexicon, or a CURIE (id, broader or
    cross-reference) that bioregistry does not accept.
``shared-label``
    One label (as matched: case, hyphens, Greek letters folded) under several entities of the
    same family of types, so a name in text cannot tell them apart.
``conflicting-type``
    One CURIE given to entities of different families of types (as an id or a
    cross-reference), or written with different types in different files.
``alias-collision``
    A synonym that the matcher finds in free text and that is the label of another entity
    (another gene's symbol, say), or a common word (``stopwords.txt``) that a name still
    matches because of its case.

A finding is *accepted* when the file of accepted findings (``accepted.tsv`` beside the
built-in lexicon, columns ``kind``, ``key``, ``reason``) lists its kind and key; only
findings not accepted make ``pharmgraph lexicon check`` fail.

Examples
--------
>>> from pharmgraph.lexicon.core import Lexicon, Term
>>> lex = Lexicon([Term("NCBIGene:1", "ABC1", "Protein"), Term("NCBIGene:2", "ABC1", "Protein")])
>>> [(f.kind, f.key) for f in check_lexicon(lex, validate=False)]
[('shared-label', 'abc 1')]
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.lexicon.core import Lexicon, builtin_dir
from pharmgraph.lexicon.matcher import match_policy, stopwords
from pharmgraph.lexicon.normalize import cased_tokens, name_key
from pharmgraph.vocabulary import type_group

KINDS = ("unresolved-id", "shared-label", "conflicting-type", "alias-collision")
ACCEPTED_FILE = "accepted.tsv"


@dataclass(frozen=True)
class Finding:
    """One problem found in a lexicon.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    key : str
        What the finding is about (a CURIE or a folded name); with ``kind``, what an accepted
        finding names.
    ids : tuple of str
        The entities involved.
    detail : str
        One readable sentence.
    """

    kind: str
    key: str
    ids: tuple[str, ...]
    detail: str

    def to_dict(self) -> dict[str, object]:
        """Return the JSON form."""
        return {"kind": self.kind, "key": self.key, "ids": list(self.ids), "detail": self.detail}


_PATTERNS: dict[str, re.Pattern | bool | None] = {}


def valid_curie(curie: str) -> bool:
    """Return True when bioregistry knows the prefix and the local id fits its pattern.

    Same answer as :func:`pharmgraph.identifiers.check_curie` for canonical CURIEs, with one
    pattern look-up per prefix (fast enough for a whole lexicon).
    """
    from pharmgraph.identifiers import LOCAL_PREFIX, canonical_curie

    try:
        canon = canonical_curie(curie)
    except ValueError:
        return False
    if canon != curie:
        return False
    prefix, ident = curie.split(":", 1)
    if prefix == LOCAL_PREFIX:
        return True
    if prefix not in _PATTERNS:
        import bioregistry

        norm = bioregistry.normalize_prefix(prefix)
        if norm is None:
            _PATTERNS[prefix] = False
        else:
            pattern = bioregistry.get_pattern(norm)
            _PATTERNS[prefix] = re.compile(pattern) if pattern else None
    pattern = _PATTERNS[prefix]
    if pattern is False:
        return False
    return pattern is None or bool(pattern.fullmatch(ident))


def cased_apart(a: str, b: str) -> bool:
    """Return True when two names are both matched by exact case and written differently.

    The matcher tells such names apart (``CCl4``, carbon tetrachloride, and ``CCL4``, a gene).
    """
    return (
        match_policy(a) == "exact"
        and match_policy(b) == "exact"
        and "".join(cased_tokens(a)) != "".join(cased_tokens(b))
    )


def _family(kind: str) -> str:
    if kind in ("Drug", "DrugClass", "EndogenousSubstance"):
        return "chemical"
    group = type_group(kind)
    return "condition" if group in ("Disease", "AdverseEvent") else group


def check_lexicon(
    lexicon: Lexicon,
    rows: Iterable[tuple[str, str]] = (),
    validate: bool = True,
) -> list[Finding]:
    """Return the findings of a lexicon, sorted by kind and key.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon to check.
    rows : iterable of (id, type)
        The ids and types as written in the lexicon's files (to find an id written with two
        types); optional.
    validate : bool
        Check every CURIE with bioregistry (slower; default True).
    """
    entities = lexicon.entities
    findings: list[Finding] = []

    # unresolved ids
    for entity in entities.values():
        for b in entity.broader:
            if lexicon.get(b) is None:
                findings.append(
                    Finding(
                        "unresolved-id",
                        b,
                        (entity.id,),
                        f"{entity.id} has broader {b}, which names no entity",
                    )
                )
        if validate:
            for curie in (entity.id, *entity.broader, *lexicon.xrefs(entity.id)):
                if not valid_curie(curie):
                    findings.append(
                        Finding(
                            "unresolved-id",
                            curie,
                            (entity.id,),
                            f"{curie} (of {entity.id}) is not a valid CURIE",
                        )
                    )

    # one CURIE, entities of different families
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities.values():
        for curie in (entity.id, *lexicon.xrefs(entity.id)):
            owners[curie.lower()].add(entity.id)
    for curie, ids in owners.items():
        if len(ids) > 1:
            families = {_family(entities[i].type) for i in ids}
            kind = "conflicting-type" if len(families) > 1 else "shared-label"
            if kind == "shared-label":
                kind = "conflicting-type"  # same family, still one CURIE for two entities
            findings.append(
                Finding(
                    "conflicting-type",
                    curie,
                    tuple(sorted(ids)),
                    f"{curie} names {len(ids)} entities: "
                    + ", ".join(f"{i} ({entities[i].type})" for i in sorted(ids)),
                )
            )
    written: dict[str, set[str]] = defaultdict(set)
    for ident, kind in rows:
        written[ident].add(kind)
    for ident, kinds in written.items():
        if len({_family(k) for k in kinds}) > 1:
            findings.append(
                Finding(
                    "conflicting-type",
                    ident.lower(),
                    (ident,),
                    f"{ident} is written with types {', '.join(sorted(kinds))}",
                )
            )

    # one label, several entities of one family
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entity in entities.values():
        labels[(_family(entity.type), name_key(entity.label))].append(entity.id)
    for (fam, key), ids in labels.items():
        if len(ids) > 1:
            findings.append(
                Finding(
                    "shared-label",
                    key.strip(),
                    tuple(sorted(ids)),
                    f"the {fam} label {entities[ids[0]].label!r} names {', '.join(sorted(ids))}",
                )
            )

    # aliases that collide with another entity's label, or common words matched by case
    label_owner: dict[str, list[str]] = defaultdict(list)
    for (_fam, key), ids in labels.items():
        label_owner[key].extend(ids)
    common = stopwords()
    for entity in entities.values():
        for name in entity.synonyms:
            if match_policy(name) is None:
                continue  # never matched in free text
            key = name_key(name)
            others = [
                i
                for i in label_owner.get(key, ())
                if i != entity.id and not cased_apart(name, entities[i].label)
            ]
            if others:
                findings.append(
                    Finding(
                        "alias-collision",
                        key.strip(),
                        tuple(sorted((entity.id, *others))),
                        f"{name!r}, a synonym of {entity.id}, is the label of {', '.join(sorted(others))}",
                    )
                )
            elif name.lower() in common:
                findings.append(
                    Finding(
                        "alias-collision",
                        key.strip(),
                        (entity.id,),
                        f"{name!r} ({entity.id}) is a common word, matched with its exact case",
                    )
                )
        if entity.label.lower() in common and match_policy(entity.label) is not None:
            findings.append(
                Finding(
                    "alias-collision",
                    name_key(entity.label).strip(),
                    (entity.id,),
                    f"{entity.label!r} ({entity.id}) is a common word, matched with its exact case",
                )
            )
    unique = {(f.kind, f.key, f.ids): f for f in findings}
    return sorted(unique.values(), key=lambda f: (KINDS.index(f.kind), f.key, f.ids))


def accepted_path() -> Path:
    """Return the built-in file of accepted findings."""
    return builtin_dir() / ACCEPTED_FILE


def read_accepted(path: str | os.PathLike | None = None) -> dict[tuple[str, str], str]:
    """Return (kind, key) -> reason from a file of accepted findings (TSV, ``#`` comments).

    Raises
    ------
    InputError
        When a line has no reason, or names an unknown kind.
    """
    path = Path(path) if path is not None else accepted_path()
    if not path.exists():
        return {}
    out: dict[tuple[str, str], str] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 3 or not cells[2].strip():
                raise InputError(
                    f"{path}, line {number}: an accepted finding needs a kind, a key and a reason."
                )
            if cells[0] not in KINDS:
                raise InputError(f"{path}, line {number}: unknown kind {cells[0]!r}.")
            out[(cells[0], cells[1])] = cells[2]
    return out


def builtin_rows() -> list[tuple[str, str]]:
    """Return (id, type) of every row of the built-in lexicon files."""
    from pharmgraph.lexicon.core import _read_builtin, builtin_paths

    return [(row[0], row[2]) for path in builtin_paths() for row in _read_builtin(path)]
