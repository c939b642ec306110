"""The lexicon: entities by id, their names, cross-references, and how to load them.

The built-in lexicon is a set of TSV files in ``pharmgraph/data/lexicon``: ``curated.tsv``
(hand-written, loaded first, so its labels and types win) and ``generated.tsv.gz``, built
from public resources by ``scripts/build_lexicon.py`` (which records its sources and their
versions in ``sources.json``). Beside them: ``stopwords.txt`` (names never matched in free
text), ``accepted.tsv`` (findings of ``pharmgraph lexicon check`` accepted with a reason) and
``gene_go.tsv.gz`` (GO processes of human genes, see :mod:`pharmgraph.lexicon.annotations`).
Canonical ids and cross-references are resolved by :mod:`pharmgraph.grounding`. Users add their own TSV files with
:func:`load_lexicon` or the ``PHARMGRAPH_LEXICON`` environment variable.

Examples
--------
>>> lex = Lexicon()
>>> lex.add(Term("CHEBI:6367", "lamotrigine", "Drug", ("Lamictal",), xrefs=("mesh:D000077213",)))
>>> [e.id for e in lex.lookup("LAMICTAL")], [e.id for e in lex.lookup("mesh:D000077213")]
(['CHEBI:6367'], ['CHEBI:6367'])
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pharmgraph.identifiers import canonical_curie
from pharmgraph.lexicon.normalize import key_variants, name_key
from pharmgraph.model import Entity
from pharmgraph.vocabulary import type_group

if TYPE_CHECKING:
    from pharmgraph.lexicon.matcher import Matcher

ENV_VAR = "PHARMGRAPH_LEXICON"
"""Environment variable naming extra lexicon TSV files (separated by ``os.pathsep``)."""

#: Built-in files, in the order they are loaded (earlier files win on labels and types).
#: ``mesh_names.tsv.gz`` (``scripts/build_mesh_names.py``) holds only MeSH names the others lack.
BUILTIN_FILES = ("curated.tsv", "generated.tsv", "mesh_names.tsv")

# When one name belongs to several entities, the matcher prefers (after the source) this order.
GROUP_ORDER = {"Drug": 0, "Target": 1, "Disease": 2, "Effect": 3, "AdverseEvent": 4, "Entity": 5}


def name_forms(name: str) -> frozenset[str]:
    """Return a name's key with and without a plural ending (how lookups compare names).

    Examples
    --------
    >>> sorted(name_forms("Tonic-clonic seizures"))
    [' tonic clonic seizure', ' tonic clonic seizures']
    """
    key = name_key(name)
    forms = {key}
    if len(key) < 5:  # "Ts", "MS": too short to tell a plural from a symbol
        return frozenset(forms)
    if key.endswith("ies"):
        forms.add(key[:-3] + "y")
    if key.endswith("es"):
        forms.add(key[:-2])
    if key.endswith("s"):
        forms.add(key[:-1])
    return frozenset(forms)


@dataclass(frozen=True)
class Term(Entity):
    """An :class:`~pharmgraph.model.Entity` as an importer reads it, with cross-references.

    The lexicon stores the plain entity and keeps ``xrefs`` beside it; ids in ``xrefs`` (other
    CURIEs for the same thing) find the entity in :meth:`Lexicon.lookup`.
    """

    xrefs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.xrefs, tuple):
            object.__setattr__(self, "xrefs", tuple(self.xrefs))

    def entity(self) -> Entity:
        """Return the plain entity (without cross-references)."""
        return Entity(self.id, self.label, self.type, self.synonyms, self.broader)


def _plain(entity: Entity) -> Entity:
    if type(entity) is Entity:
        return entity
    return Entity(entity.id, entity.label, entity.type, entity.synonyms, entity.broader)


class Lexicon:
    """Entities by id, with name and cross-reference lookup and a text matcher.

    Parameters
    ----------
    entities : iterable of Entity, optional
        Entities to add (a :class:`Term` brings its cross-references along).
    """

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self._entities: dict[str, Entity] = {}
        self._xrefs: dict[str, tuple[str, ...]] = {}
        self._rank: dict[str, int] = {}
        # names merged into an entity from a less trusted source than the entity's own keep
        # that source's rank: entity id -> name form -> rank (see :meth:`name_rank`)
        self._weak: dict[str, dict[str, int]] = {}
        self._by_xref: dict[str, str] = {}  # lower-case CURIE -> entity id
        self._by_name: dict[str, list[str]] | None = None
        self._lookups: dict[str, tuple[Entity, ...]] = {}  # name -> lookup result
        self._matcher: Matcher | None = None
        self._source = 0
        self._origin: tuple[tuple[str, int, int], ...] | None = None
        for entity in entities:
            self.add(entity)

    # -- building -------------------------------------------------------------------------
    def add(self, entity: Entity, xrefs: Iterable[str] = (), rank: int | None = None) -> None:
        """Add an entity, or merge it into the entity it names.

        An entity whose id (or one of whose cross-references) is already known is merged into
        the known entity: its synonyms, broader ids and cross-references are added; the known
        label and type are kept.

        Parameters
        ----------
        entity : Entity
            The entity (a :class:`Term` brings its ``xrefs``).
        xrefs : iterable of str
            More cross-references.
        rank : int, optional
            Preference when names are shared: lower wins (built-in curated entries are 0).
        """
        xrefs = tuple(getattr(entity, "xrefs", ())) + tuple(xrefs)
        rank = self._source if rank is None else rank
        target = entity.id if entity.id in self._entities else self._by_xref.get(entity.id.lower())
        if target is None:
            for x in xrefs:
                found = self._by_xref.get(x.lower())
                if found is not None and type_group(self._entities[found].type) == type_group(
                    entity.type
                ):
                    target = found
                    break
        if target is None:
            plain = _plain(entity)
            self._entities[plain.id] = plain
            self._rank[plain.id] = rank
            self._by_xref.setdefault(plain.id.lower(), plain.id)
            new_xrefs = tuple(dict.fromkeys(x for x in xrefs if x != plain.id))
            self._xrefs[plain.id] = new_xrefs
            for x in new_xrefs:
                self._by_xref.setdefault(x.lower(), plain.id)
        else:
            old = self._entities[target]
            names = [n for n in (entity.label, *entity.synonyms) if n and n != old.label]
            self._note_weak(old, names, rank)
            synonyms = tuple(dict.fromkeys((*old.synonyms, *names)))
            broader = tuple(
                dict.fromkeys(b for b in (*old.broader, *entity.broader) if b != target)
            )
            if synonyms != old.synonyms or broader != old.broader:
                self._entities[target] = Entity(old.id, old.label, old.type, synonyms, broader)
            extra = [x for x in (*xrefs, entity.id) if x != target]
            merged = tuple(dict.fromkeys((*self._xrefs.get(target, ()), *extra)))
            self._xrefs[target] = merged
            for x in merged:
                self._by_xref.setdefault(x.lower(), target)
            self._rank[target] = min(self._rank[target], rank)
        self._by_name = None
        self._matcher = None
        self._origin = None

    def _note_weak(self, old: Entity, names: list[str], rank: int) -> None:
        """Record the rank of names merged into ``old`` from a source of another rank."""
        own = self._rank[old.id]
        if rank == own:
            return
        weak = self._weak.setdefault(old.id, {})
        if rank > own:  # less trusted names: keep their rank for them
            strong = {f for n in self.names(old) for f in name_forms(n)} - weak.keys()
            for name in names:
                for form in name_forms(name):
                    if form not in strong:
                        weak.setdefault(form, rank)
        else:  # a more trusted source names the entity: its names win, the old ones keep theirs
            for name in self.names(old):
                for form in name_forms(name):
                    weak.setdefault(form, own)
            for name in names:
                for form in name_forms(name):
                    weak.pop(form, None)
        if not weak:
            del self._weak[old.id]

    def _add_rows(self, rows: Iterable[tuple[str, ...]], rank: int) -> None:
        """Add rows ``(id, label, type, synonyms, broader, xrefs)`` of a trusted file quickly."""
        entities, xref_index, ranks, all_xrefs = (
            self._entities,
            self._by_xref,
            self._rank,
            self._xrefs,
        )
        new = object.__new__
        setattr_ = object.__setattr__
        for ident, label, kind, synonyms, broader, xrefs in rows:
            syn = tuple(synonyms.split("|")) if synonyms else ()
            bro = tuple(broader.split("|")) if broader else ()
            xr = tuple(xrefs.split("|")) if xrefs else ()
            if ident in entities or ident.lower() in xref_index:
                self.add(Term(ident, label, kind, syn, bro, xrefs=xr), rank=rank)
                continue
            entity = new(Entity)
            setattr_(entity, "id", ident)
            setattr_(entity, "label", label)
            setattr_(entity, "type", kind)
            setattr_(entity, "synonyms", syn)
            setattr_(entity, "broader", bro)
            entities[ident] = entity
            ranks[ident] = rank
            xref_index.setdefault(ident.lower(), ident)
            if xr:
                all_xrefs[ident] = xr
                for x in xr:
                    xref_index.setdefault(x.lower(), ident)
        self._by_name = None
        self._matcher = None
        self._origin = None

    def update(self, entities: Iterable[Entity], rank: int | None = None) -> None:
        """Add many entities (see :meth:`add`)."""
        for entity in entities:
            self.add(entity, rank=rank)

    @property
    def origin(self) -> tuple[tuple[str, int, int], ...] | None:
        """The files this lexicon was loaded from, in order, as (path, size, modification
        time in ns); None when it was built or changed in memory. A saved matcher is used
        only for a lexicon with an origin (:mod:`pharmgraph.lexicon.matcher_cache`)."""
        return self._origin

    def next_source(self) -> int:
        """Start a new source: entities added after this rank below those added before."""
        self._source += 1
        return self._source

    # -- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    @property
    def entities(self) -> dict[str, Entity]:
        """The entities by id (do not modify; use :meth:`add`)."""
        return self._entities

    def get(self, entity_id: str) -> Entity | None:
        """Return the entity with this id or cross-reference, or None."""
        found = self._entities.get(entity_id)
        if found is not None:
            return found
        target = self._by_xref.get(entity_id.strip().lower())
        if target is None:
            try:
                target = self._by_xref.get(canonical_curie(entity_id).lower())
            except ValueError:
                return None
        return self._entities.get(target) if target else None

    def xrefs(self, entity_id: str) -> tuple[str, ...]:
        """Return the cross-references of an entity (other CURIEs for it)."""
        return self._xrefs.get(entity_id, ())

    def rank(self, entity_id: str) -> int:
        """Return the source rank of an entity (0 for built-in curated entries)."""
        return self._rank.get(entity_id, 99)

    def name_rank(self, entity_id: str, name: str) -> int:
        """Return the rank of the source that gave an entity this name.

        A name that a less trusted source merged into an entity (a training annotation that
        called tonic-clonic seizures just "seizures") keeps that source's rank, so it does not
        outrank the entity a curated row gives the same name.
        """
        weak = self._weak.get(entity_id)
        if weak:
            ranks = [weak[f] for f in name_forms(name) if f in weak]
            if ranks:
                return min(ranks)
        return self.rank(entity_id)

    def names(self, entity: Entity) -> list[str]:
        """Return an entity's label and synonyms, label first, without repeats."""
        return list(dict.fromkeys((entity.label, *entity.synonyms)))

    def _name_index(self) -> dict[str, list[str]]:
        """Name keys -> entity ids: the saved copy of a lexicon loaded from files, when there
        is one (:mod:`pharmgraph.lexicon.matcher_cache`), else built (and saved)."""
        if self._by_name is None:
            from pharmgraph.lexicon import matcher_cache

            key = matcher_cache.cache_key(self)
            index = matcher_cache.load_names(key) if key is not None else None
            if index is None:
                index = {}
                for entity in self._entities.values():
                    for name in self.names(entity):
                        for variant in key_variants(name):
                            ids = index.setdefault(variant, [])
                            if entity.id not in ids:
                                ids.append(entity.id)
                if key is not None:
                    matcher_cache.save_names(key, index)
            self._by_name = index
            self._lookups = {}
        return self._by_name

    def lookup(self, name: str) -> list[Entity]:
        """Return the entities a name or CURIE stands for, best first.

        Case, hyphens, spaces, Greek letters and a plural ``-s``/``-es`` are ignored. A CURIE
        (``drugbank:DB00555``) finds the entity with that id or cross-reference.
        """
        name = name.strip()
        if not name:
            return []
        if ":" in name and " " not in name:
            hit = self.get(name)
            if hit is not None:
                return [hit]
        index = self._name_index()
        cached = self._lookups.get(name)
        if cached is not None:
            return list(cached)
        if len(self._lookups) > 200_000:
            self._lookups = {}
        key = name_key(name)
        forms = [key]
        for suffix in ("s", "es"):
            if key.endswith(suffix):
                forms.append(key[: -len(suffix)])
        if key.endswith("ies"):
            forms.append(key[:-3] + "y")
        ids = list(dict.fromkeys(i for form in forms for i in index.get(form, ())))
        found = tuple(sorted((self._entities[i] for i in ids), key=lambda e: self.preference(e, name)))
        self._lookups[name] = found
        return list(found)

    def preference(self, entity: Entity, name: str) -> tuple[int, int, int]:
        """Return a sort key: which entity a shared name most likely means (lower first)."""
        is_label = 0 if name_forms(entity.label) & name_forms(name) else 1
        return (self.name_rank(entity.id, name), is_label, GROUP_ORDER.get(type_group(entity.type), 5))

    def matcher(self) -> Matcher:
        """Return the text matcher over this lexicon's names (built once, then cached)."""
        if self._matcher is None:
            from pharmgraph.lexicon.matcher import Matcher

            self._matcher = Matcher(self)
            if any(self is lex for lex in _DEFAULT.values()):
                freeze_loaded()
        return self._matcher

    def counts(self) -> dict[str, int]:
        """Return the number of entities of each type."""
        out: dict[str, int] = {}
        for entity in self._entities.values():
            out[entity.type] = out.get(entity.type, 0) + 1
        return dict(sorted(out.items()))


# -- files ----------------------------------------------------------------------------------


def builtin_dir() -> Path:
    """Return the folder holding the built-in lexicon files."""
    return Path(str(resources.files("pharmgraph") / "data" / "lexicon"))


def builtin_paths() -> list[Path]:
    """Return the built-in lexicon files that are present, in load order."""
    folder = builtin_dir()
    paths = []
    for name in BUILTIN_FILES:
        for candidate in (folder / name, folder / (name + ".gz")):
            if candidate.exists():
                paths.append(candidate)
                break
    return paths


def load_lexicon(extra_paths: Iterable[str | os.PathLike] = (), builtin: bool = True) -> Lexicon:
    """Load the built-in lexicon and extra lexicon files.

    Parameters
    ----------
    extra_paths : iterable of path
        Lexicon files (TSV with the built-in columns, or ``name<TAB>id<TAB>type``; OBO and
        Hetionet node files are read too, by their extension or header).
    builtin : bool
        Load the built-in files (default True).

    Returns
    -------
    Lexicon
        Curated entries rank first, then the extra files in order, then the generated files.

    Raises
    ------
    InputError
        When a file is missing or a line cannot be read.
    """
    from pharmgraph.lexicon.importers import read_lexicon_file

    extra_paths = list(extra_paths)
    lexicon = Lexicon()
    paths = builtin_paths() if builtin else []
    curated = [p for p in paths if p.name.startswith("curated")]
    generated = [p for p in paths if p not in curated]
    for path in curated:
        lexicon._add_rows(_read_builtin(path), lexicon.next_source() - 1)
    for path in extra_paths:
        lexicon.update(read_lexicon_file(path), rank=lexicon.next_source() - 1)
    for path in generated:
        lexicon._add_rows(_read_builtin(path), lexicon.next_source() - 1)
    lexicon._origin = _file_origin([*curated, *extra_paths, *generated])
    return lexicon


def _file_origin(paths: Iterable[str | os.PathLike]) -> tuple[tuple[str, int, int], ...] | None:
    """(absolute path, size, modification time in ns) of each file; None when one is gone."""
    origin = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            return None
        origin.append((str(Path(path).resolve()), info.st_size, info.st_mtime_ns))
    return tuple(origin)


def _read_builtin(path: Path) -> Iterator[tuple[str, ...]]:
    """Yield the rows of a built-in lexicon file (trusted: checked by the test suite)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(("#", "id\t")):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) == 6:
                yield tuple(cells)


_DEFAULT: dict[str, Lexicon] = {}


def env_paths() -> list[str]:
    """Return the extra lexicon files named by ``PHARMGRAPH_LEXICON``."""
    value = os.environ.get(ENV_VAR, "")
    return [p for p in value.split(os.pathsep) if p.strip()]


def lexicon_with(extra_paths: Iterable[str | os.PathLike] = ()) -> Lexicon:
    """Return :func:`default_lexicon` plus the given files (the default itself when none)."""
    extra = list(extra_paths)
    return load_lexicon([*env_paths(), *extra]) if extra else default_lexicon()


def default_lexicon() -> Lexicon:
    """Return the built-in lexicon plus the files in ``PHARMGRAPH_LEXICON`` (loaded once)."""
    key = os.environ.get(ENV_VAR, "")
    if key not in _DEFAULT:
        _DEFAULT[key] = load_lexicon(env_paths())
        freeze_loaded()
    return _DEFAULT[key]


def freeze_loaded() -> None:
    """Move everything allocated so far out of the garbage collector's sight.

    The lexicon, its matcher and the relation model are a few hundred thousand long-lived
    objects; without this, every full collection during extraction walks all of them (a
    tenth of extraction time on long documents). Frozen objects are still freed normally
    when nothing refers to them; they are only never scanned for reference cycles.
    """
    import gc

    gc.freeze()
