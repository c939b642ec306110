"""How many entities each drug's target profile holds, kept beside an embedded store.

The order of :func:`pharmgraph.analysis.shared_targets` breaks ties in the number of meeting
points by the Jaccard index of the two drugs' profiles (their targets rolled up through
``broader``). Around a hub drug that needs the size of every tied drug's whole profile, and
reading those profiles is most of the work (at Hetionet scale 68 drugs, 10,000 entities, 5 s).
The intersection of two profiles is known from what the question reads anyway (the other
drugs' statements onto what the given drug's profile can meet), so only the sizes are
missing: this module keeps them in a small table, :data:`FILE` inside the store folder.

What a size depends on: the drug's non-negated statements onto entities whose most specific
type is a ``Target``, the roles those statements give the targets
(:func:`pharmgraph.vocabulary.target_role`, which reads the target's name), and the hierarchy
above the targets. Since a size counts entities of the rolled-up profile for a *set* of
roles, the table keeps for every drug a histogram: for each combination of roles (a bit mask
over :data:`pharmgraph.vocabulary.TARGET_ROLES`), how many entities of the profile are reached
by statements of exactly those roles. The size for roles ``R`` is the sum over the masks that
meet ``R``. Four histograms per drug: rolled up or not (``level``), every statement or the
asserted ones only (``asserted_only``).

The table is counted from the store with the same reader and rules as the answers
(:class:`pharmgraph.analysis.local.LocalGraph`), by a reader that opened the store read-only,
and saved with the signature of the store's files as that reader opened them
(:func:`pharmgraph.store.store_signature`: names, sizes and modification times). Any write
changes the files, so a table counted before a write no longer matches and is not used,
unless the writer kept it: the writes of :meth:`pharmgraph.store.OxigraphStore.ingest`,
``replace_documents`` and ``remove_document`` are followed (:class:`Follower`: the drugs they
can change are counted again when the writer closes, and the table saved for the files as
they are then). After any other write (raw RDF, the bulk path) the next question counts the
table again (23 s at Hetionet scale; ``$PHARMGRAPH_PROFILE_TABLE=off`` answers by reading the
profiles instead). Questions restricted to some documents, and questions asked of writable,
in-memory or remote stores, never use it.

Examples
--------
>>> from pharmgraph.model import Entity, Statement
>>> from pharmgraph.store import open_store
>>> store = open_store(":memory:")
>>> d = Entity("x:d", "d", "Drug")
>>> t1, t2 = Entity("x:t1", "T1", "Protein"), Entity("x:t2", "CYP3A4", "Enzyme")
>>> _ = store.ingest([Statement(d, "inhibits", t1), Statement(d, "binds", t2)])
>>> sizes = count(store)  # any store can be counted; only read-only folders keep the table
>>> sizes.size("x:d", ("mechanism",)), sizes.size("x:d", ("mechanism", "metabolism"))
(1, 2)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pharmgraph.analysis import queries as q
from pharmgraph.analysis.local import LocalGraph
from pharmgraph.analysis.projection import edge_attributes
from pharmgraph.rdf import PG
from pharmgraph.store import GraphStore
from pharmgraph.store_files import read_json, write_json
from pharmgraph.vocabulary import ENTITY_TYPES, PREDICATES, TARGET_ROLES, is_subtype

FILE = "pharmgraph-profiles.json"  # pharmgraph.store.PROFILES_FILE
"""The table's file, inside the store folder (left out of the store's signature)."""

VERSION = 1
"""Format of the table; a file of another version is counted again."""

LIKENESS = frozenset({"similar_to", "enantiomer_of"})
"""Predicates that never put an entity in a target profile (as in
:func:`pharmgraph.analysis.shared._role_edge`)."""

_BITS = {role: 1 << i for i, role in enumerate(TARGET_ROLES)}

_VARIANTS = ("level", "direct", "level_asserted", "direct_asserted")


def role_mask(roles: Iterable[str]) -> int:
    """Return the bit mask of some roles of :data:`pharmgraph.vocabulary.TARGET_ROLES`.

    >>> role_mask(["mechanism"]), role_mask(TARGET_ROLES)
    (1, 15)
    """
    mask = 0
    for role in roles:
        mask |= _BITS[role]
    return mask


class Table:
    """Per-drug histograms of profile entities by role mask (see the module notes).

    Parameters
    ----------
    drugs : dict
        ``{drug CURIE: {variant: {mask: count}}}`` with the variants ``level``, ``direct``,
        ``level_asserted`` and ``direct_asserted``.
    """

    def __init__(self, drugs: dict[str, dict[str, dict[int, int]]]) -> None:
        self.drugs = drugs

    def size(self, drug: str, roles: Sequence[str], level: bool = True,
             asserted_only: bool = False) -> int | None:
        """The number of entities in ``drug``'s target profile for these roles (None: the
        table does not know the drug, which then has no target profile at all)."""
        entry = self.drugs.get(drug)
        if entry is None:
            return None
        variant = ("level" if level else "direct") + ("_asserted" if asserted_only else "")
        wanted = role_mask(roles)
        return sum(n for mask, n in entry[variant].items() if mask & wanted)

    def to_dict(self) -> dict[str, Any]:
        """The table as JSON data."""
        return {d: {v: {str(m): n for m, n in h.items()} for v, h in e.items()} for d, e in self.drugs.items()}

    @classmethod
    def from_dict(cls, data: Any) -> Table | None:
        """The table of a file's ``drugs`` entry (None when malformed)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls({d: {v: {int(m): int(n) for m, n in e[v].items()} for v in _VARIANTS}
                        for d, e in data.items()})
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def _histograms(closures: dict[str, dict[str, int]]) -> dict[int, int]:
    out: dict[int, int] = {}
    for mask in closures.values():
        if mask:
            out[mask] = out.get(mask, 0) + 1
    return out


def histograms(local: LocalGraph, drugs: Iterable[str]) -> dict[str, dict[str, dict[int, int]]]:
    """The histograms of some drugs (IRIs) from what ``local`` has read: their statements,
    their objects' descriptions and the hierarchy above those.

    The rules are those of :func:`pharmgraph.analysis.shared.profiles` on
    :meth:`LocalGraph.to_graph`'s graph: subjects whose type group is ``Drug``, non-negated
    statements onto entities whose type is a ``Target``, the role of each statement by
    :func:`pharmgraph.analysis.projection.edge_attributes`, entities rolled up through
    ``broader``, entities counted by CURIE.
    """
    wanted = set(drugs)
    direct: dict[str, dict[str, list[int]]] = {}  # drug -> object -> [mask all, mask asserted]
    for key, edge in local.edges.items():
        s, predicate, o, negated = key
        if negated or s not in wanted or predicate in LIKENESS:
            continue
        info = local.info.get(s)
        if info is None or info["group"] != "Drug":
            continue
        obj = local.node(o)
        if not is_subtype(obj["type"], "Target"):
            continue
        role = edge_attributes(predicate, obj["type"], obj["label"]).get("role") or "mechanism"
        masks = direct.setdefault(s, {}).setdefault(o, [0, 0])
        masks[0] |= _BITS[role]
        if edge["certainty"] == "asserted":
            masks[1] |= _BITS[role]
    out: dict[str, dict[str, dict[int, int]]] = {}
    for drug, objects in direct.items():
        closures: list[dict[str, int]] = [{}, {}, {}, {}]
        for o, (every, asserted) in objects.items():
            above = [local.curie(a) for a in local.above([o])]
            own = local.curie(o)
            for index, mask in ((0, every), (2, asserted)):
                if not mask:
                    continue
                level, flat = closures[index], closures[index + 1]
                flat[own] = flat.get(own, 0) | mask
                for node in (own, *above):
                    level[node] = level.get(node, 0) | mask
        out[local.curie(drug)] = {variant: _histograms(closures[i]) for i, variant in enumerate(_VARIANTS)}
    return out


def _target_type_values() -> str:
    return " ".join(f"<{PG}{k}>" for k in ENTITY_TYPES if is_subtype(k, "Target"))


def count(store: GraphStore, drugs: Iterable[str] | None = None) -> Table:
    """Count the table of a store (every drug, or some drug IRIs), with SPARQL.

    The drugs are the subjects typed ``pg:Drug`` (as the drug questions find the other
    drugs); their statements are read onto entities with a target type (the most specific
    type is checked here, with every other description of the object).
    """
    local = LocalGraph(store)
    if drugs is None:
        drugs = local.of_types(("Drug",))
    drugs = sorted(set(drugs))
    types = _target_type_values()
    hedged = local.hedged()
    found: set[str] = set()
    for batch in q.batches(drugs, 200):
        query = q.render("profile_edges", types=types, predicates=q.PREDICATE_VALUES,
                         branches=q.branches("?s", batch, "GRAPH ?g { {e} ?p ?o }"))
        for s, p, o, g in local._rows(query, ("s", "p", "o", "g")):
            cert = "hedged" if (s, p, o, g) in hedged else "asserted"
            local._add(s, p, o, g, False, cert)
            found.add(o)
    local.load_entities(drugs, names_only=True)
    local.load_entities(found, names_only=True)
    local.ancestors(found)
    return Table(histograms(local, drugs))


def _folder(store: GraphStore) -> Path | None:
    """The folder of an embedded store open read-only (a writer's files change under it)."""
    location = getattr(store, "location", "")
    if (not location or location == ":memory:" or "://" in location
            or getattr(store, "opened_signature", None) is None):
        return None
    return Path(location)


def _current(store: GraphStore, folder: Path) -> list | None:
    """The store's signature when its files are still those the reader opened, else None."""
    from pharmgraph.store import store_signature

    now = store_signature(folder)
    return now if now == store.opened_signature else None


def read(store: GraphStore) -> Table | None:
    """The saved table of an embedded store open read-only, when it was counted on the
    store's files as they are, and this reader sees those files; else None."""
    folder = _folder(store)
    if folder is None:
        return None
    data = read_json(folder, FILE)
    if data is None or data.get("version") != VERSION:
        return None
    if data.get("signature") != store.opened_signature or _current(store, folder) is None:
        return None
    return Table.from_dict(data.get("drugs"))


def save(store: GraphStore, table_: Table) -> bool:
    """Save a table counted by a read-only reader, for the files it opened (atomically);
    False when it cannot be written, or the files changed since the reader opened them."""
    folder = _folder(store)
    if folder is None:
        return False
    signature = _current(store, folder)
    if signature is None:
        return False
    return _write(folder, signature, table_)


def _write(folder: Path, signature: list, table_: Table) -> bool:
    """Write the table with the signature of the files it was counted on, atomically;
    False when it cannot be written."""
    return write_json(folder, FILE, {"version": VERSION, "signature": signature, "drugs": table_.to_dict()})


def table(store: GraphStore, build: bool | None = None) -> Table | None:
    """The table of an embedded store open read-only that matches its files: the saved one,
    or (with ``build``, the default unless ``$PHARMGRAPH_PROFILE_TABLE`` is ``off``) one
    counted now and saved. None for remote, in-memory and writable stores (whose files
    change as they are written), or when it does not match and may not be counted."""
    found = read(store)
    if found is not None or _folder(store) is None:
        return found
    if build is False or (build is None and os.environ.get("PHARMGRAPH_PROFILE_TABLE") == "off"):
        return None
    counted = count(store)
    save(store, counted)
    return counted


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DESCRIBING = frozenset({"http://www.w3.org/2000/01/rdf-schema#label", PG + "curie",
                         "http://www.w3.org/2004/02/skos/core#broader"})
_ENTITY_TYPE_IRIS = frozenset(PG + k for k in ENTITY_TYPES)
_PLAIN_NAMES = frozenset(PREDICATES)


def _facts(local: LocalGraph, entities: Iterable[str]) -> dict[str, tuple]:
    """What a profile size depends on of each entity: CURIE, label, type and broader links."""
    fresh = LocalGraph(local.store)
    wanted = list(entities)
    fresh.load_entities(wanted, names_only=True)
    return {e: (fresh.info[e]["id"], fresh.info[e]["label"], fresh.info[e]["type"],
                tuple(fresh.info[e]["_broader"])) for e in wanted}


class Follower:
    """Keeps a writer's table up to date (see :meth:`pharmgraph.store.OxigraphStore.close`).

    Before each write the writer names the graphs it removes or replaces and gives the quads
    it adds (:meth:`before`); after it, :meth:`after`. The drugs whose profile a write can
    change are the subjects of the statements written or removed, the entities whose
    description (CURIE, label, type, broader links) the write changed, and the drugs with
    statements onto those entities or anything below them; :meth:`finish` counts those drugs
    again. Writes the follower is not told about must drop it (the table is then no longer
    saved, and the next question counts it again).

    Parameters
    ----------
    table : Table
        The table that matched the store's files when the writer opened it.
    new_store : bool
        The writer opened a new store. Every drug with a statement in it then has its
        statements written by this writer, so it is among the subjects :meth:`finish` counts,
        and changes of entity descriptions need not be noted (that note costs a read of the
        written entities before and after every write).
    """

    def __init__(self, table: Table, new_store: bool = False) -> None:
        self.table = table
        self.new_store = new_store
        self.subjects: set[str] = set()
        self.changed: set[str] = set()
        self.curies: set[str] = set()

    @staticmethod
    def _scan(triples: Iterable[tuple[str, str, str]], subjects: set[str], described: set[str]) -> None:
        for s, p, o in triples:
            if p.startswith(PG) and p[len(PG):] in _PLAIN_NAMES:
                subjects.add(s)
            elif (p == _RDF_TYPE and o in _ENTITY_TYPE_IRIS) or p in _DESCRIBING:
                described.add(s)

    def before(self, store: GraphStore, raw, removed: Iterable[str], added: Iterable[list]) -> tuple:
        """Note what a write will touch (``raw``: the pyoxigraph store; ``removed``: IRIs of
        graphs dropped; ``added``: lists of pyoxigraph quads). Returns what :meth:`after`
        takes."""
        import pyoxigraph as ox

        subjects: set[str] = set()
        described: set[str] = set()
        for graph in removed:
            self._scan(((q.subject.value, q.predicate.value, q.object.value)
                        for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(graph))), subjects, described)
        for quads in added:
            self._scan(((q.subject.value, q.predicate.value, q.object.value) for q in quads), subjects, described)
        if self.new_store:
            return subjects, {}
        return subjects, _facts(LocalGraph(store), described)

    def after(self, store: GraphStore, noted: tuple) -> bool:
        """Take in a write that went through (always possible: True)."""
        subjects, before = noted
        now = _facts(LocalGraph(store), before)
        self.subjects |= subjects
        for entity, facts in before.items():
            if now[entity] != facts:
                self.changed.add(entity)
                self.curies.update((facts[0], now[entity][0]))
        return True

    def finish(self, store: GraphStore) -> Table:
        """Count again the drugs the writes may have changed; return the table as it now is."""
        if not (self.subjects or self.changed):
            return self.table
        local = LocalGraph(store)
        reaching = set(self.changed)
        if reaching and local.has_hierarchy():
            reaching |= local.descendants(reaching)
        affected = self.subjects | self.changed
        if reaching:
            affected |= local.expand(reaching, "in", subject_type="Drug")
        drugs = local.of_types(("Drug",)) & affected
        fresh = count(store, drugs)
        local.load_entities(affected, names_only=True)
        gone = {local.curie(e) for e in affected} | self.curies
        entries = {d: e for d, e in self.table.drugs.items() if d not in gone}
        entries.update(fresh.drugs)
        return Table(entries)

    def save(self, folder: Path, table_: Table) -> None:
        """Save the table for the store's files as they are after the writer closed it."""
        save_for(folder, table_)


class Recount:
    """Stands in for a :class:`Follower` after a write it could not follow, one that
    :mod:`pharmgraph.bulk` made (it streams N-Quads text past the hooks): :meth:`finish`
    counts the whole table again at close, so the first question after a bulk load does not
    wait for it (at Hetionet scale, 23 s of the ingest instead of the question)."""

    def before(self, store: GraphStore, raw, removed: Iterable[str], added: Iterable[list]) -> tuple:
        """Nothing to note: everything is counted at :meth:`finish`."""
        return ()

    def after(self, store: GraphStore, noted: tuple) -> bool:
        """Nothing to take in (see :meth:`finish`)."""
        return True

    def finish(self, store: GraphStore) -> Table:
        """Count the table of the store as it now is."""
        return count(store)

    save = Follower.save


def follow(folder: Path) -> Follower | None:
    """The follower of a writer opening ``folder`` (before it opens the store): the table
    saved for the files as they are, an empty one for a new store, else None."""
    from pharmgraph.store import store_signature

    if not (folder / "CURRENT").exists():
        return Follower(Table({}), new_store=True)
    data = read_json(folder, FILE)
    if data is None or data.get("version") != VERSION or data.get("signature") != store_signature(folder):
        return None
    found = Table.from_dict(data.get("drugs"))
    return None if found is None else Follower(found)


def save_for(folder: Path, table_: Table) -> None:
    """Save a writer's table for the files as they are after it closed the store."""
    from pharmgraph.store import store_signature

    _write(folder, store_signature(folder), table_)
