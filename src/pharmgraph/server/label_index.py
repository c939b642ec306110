"""An in-memory label index for ``/search``: prefix, substring and fuzzy matches in milliseconds.

Built once when the server starts, by streaming the ``rdfs:label``, ``skos:altLabel``,
``pg:curie`` and ``rdf:type`` triples of every document graph (each entity once, however many
documents mention it); the store does not change while it is served (see
:mod:`pharmgraph.serving`), so the index never goes stale. In front of a remote SPARQL
server the same triples are read with paged SELECTs (:func:`build_remote`); nothing stops
others writing to that server, so names added after the start show in ``/search`` only
after a restart (entity pages are always current). ``/search`` reads only this index
and never queries the store.

Matching, best first: the whole name, a prefix of the name, a prefix of a word in it, a
substring (all ignoring case), then, when fewer than ``limit`` were found, fuzzy matches:
the :data:`FUZZY_CANDIDATES` names sharing the most letter trigrams with the query (counted
with NumPy over the trigram posting arrays), kept when their
:class:`difflib.SequenceMatcher` ratio is at least 0.6. Substring candidates are the
intersection of the postings of the query's rarest trigrams. At most :data:`VERIFY`
candidates are checked per stage, so very short or very common queries stay cheap (their
ranking is then over the first candidates found).

Examples
--------
>>> index = LabelIndex()
>>> index.add("https://e/1", "CHEBI:6367", "lamotrigine", "Drug", ["Lamictal"])
>>> index.add("https://e/2", "CHEBI:8107", "phenytoin", "Drug", [])
>>> index.finish()
>>> [h.label for h in index.search("lamo")]
['lamotrigine']
>>> [h.matched for h in index.search("lamictl")]
['Lamictal']
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import re
from collections import defaultdict
from dataclasses import dataclass

from pharmgraph.rdf import PG, RDF, RDFS, SKOS

_SPACE = re.compile(r"\s+")
_WORD_START = re.compile(r"(?:^|[\s\-_/(,.;:+])(\w)")


def normalise(text: str) -> str:
    """Lower case with runs of white space made single spaces."""
    return _SPACE.sub(" ", text.strip().lower())


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True)
class Hit:
    """One search result: the entity and the name that matched."""

    iri: str
    curie: str
    label: str
    type: str
    matched: str
    kind: str  # "exact", "prefix", "word", "substring" or "fuzzy"


class LabelIndex:
    """Names of entities (labels, synonyms, CURIEs) with prefix, substring and fuzzy search."""

    def __init__(self) -> None:
        self._entities: list[tuple[str, str, str, str]] = []  # iri, curie, label, type
        self._by_iri: dict[str, int] = {}
        self._names: list[tuple[str, str, int]] = []  # normalised, original, entity
        self._seen: set[tuple[str, int]] = set()
        self._sorted: list[tuple[str, int]] = []
        self._keys: list[str] = []
        self._postings: dict = {}
        self._rank: list[tuple[int, str]] = []
        self.ready = False

    def __len__(self) -> int:
        return len(self._entities)

    @property
    def names(self) -> int:
        """How many distinct (name, entity) pairs the index holds."""
        return len(self._names)

    def entity(self, iri: str) -> tuple[str, str] | None:
        """The CURIE and display label of an entity IRI, or None when it is no entity."""
        index = self._by_iri.get(iri)
        if index is None:
            return None
        _, curie, label, _ = self._entities[index]
        return curie, label

    def add(self, iri: str, curie: str, label: str, type_: str, synonyms: list[str]) -> None:
        """Add an entity with its names (call :meth:`finish` after the last one)."""
        index = self._by_iri.get(iri)
        if index is None:
            index = self._by_iri[iri] = len(self._entities)
            self._entities.append((iri, curie, label or curie, type_))
        for name in (label, curie, *synonyms):
            if not name:
                continue
            key = normalise(name)
            if key and (key, index) not in self._seen:
                self._seen.add((key, index))
                self._names.append((key, name, index))

    def finish(self) -> None:
        """Sort the names and build the trigram postings (sorted arrays of name ids)."""
        import numpy as np

        self._sorted = sorted((key, i) for i, (key, _, _) in enumerate(self._names))
        self._keys = [key for key, _ in self._sorted]
        postings: dict[str, list[int]] = defaultdict(list)
        for i, (key, _, _) in enumerate(self._names):
            for gram in _trigrams(key):
                postings[gram].append(i)
        self._postings = {g: np.asarray(ids, dtype=np.int32) for g, ids in postings.items()}
        self._rank = [(len(label), label.lower()) for _, _, label, _ in self._entities]
        self._seen = set()
        self.ready = True

    # -- search ---------------------------------------------------------------------------
    def _hit(self, name_id: int, kind: str) -> Hit:
        _, original, entity = self._names[name_id]
        iri, curie, label, type_ = self._entities[entity]
        return Hit(iri, curie, label, type_, original, kind)

    def _posting(self, gram: str):
        import numpy as np

        found = self._postings.get(gram)
        return found if found is not None else np.empty(0, dtype=np.int32)

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Return up to ``limit`` entities whose names match ``query``, best first."""
        import numpy as np

        q = normalise(query)[:200]
        if not q or not self.ready:
            return []
        found: dict[int, tuple[tuple, int, str]] = {}  # entity -> (rank key, name id, kind)

        ranks = self._rank

        def offer(name_id: int, kind_rank: int, kind: str, score: float = 0.0) -> None:
            entity = self._names[name_id][2]
            rank = (kind_rank, -score, *ranks[entity])
            old = found.get(entity)
            if old is None or rank < old[0]:
                found[entity] = (rank, name_id, kind)

        # Whole names and prefixes, from the sorted keys.
        start = bisect.bisect_left(self._keys, q)
        for position in range(start, min(start + VERIFY, len(self._keys))):
            key, name_id = self._sorted[position]
            if not key.startswith(q):
                break
            offer(name_id, 0 if key == q else 1, "exact" if key == q else "prefix")
        if len(q) >= 3 and len(found) < limit:  # otherwise nothing below a prefix match can show
            # Substrings: names holding the query's rarest inner trigrams, then checked.
            inner = sorted({q[i:i + 3] for i in range(len(q) - 2)}, key=lambda g: len(self._posting(g)))
            candidates = self._posting(inner[0])
            for gram in inner[1:3]:
                if len(candidates) <= 64:
                    break
                candidates = np.intersect1d(candidates, self._posting(gram), assume_unique=True)
            for name_id in candidates[:VERIFY_SUBSTRING].tolist():
                key = self._names[name_id][0]
                at = key.find(q)
                if at > 0:
                    word = key[at - 1] in " -_/(,.;:+"
                    offer(name_id, 2 if word else 3, "word" if word else "substring")
            if len(found) < limit:
                self._fuzzy(q, offer)
        ranked = heapq.nsmallest(limit, found.values())
        return [self._hit(name_id, kind) for _, name_id, kind in ranked]

    def _fuzzy(self, q: str, offer) -> None:
        """Offer names sharing the most trigrams with ``q`` whose similarity is at least 0.6."""
        import numpy as np

        grams = _trigrams(q)
        arrays = [self._posting(g) for g in grams]
        arrays = [a for a in arrays if len(a)]
        if not arrays:
            return
        counts = np.bincount(np.concatenate(arrays), minlength=len(self._names))
        need = max(1, len(grams) - 6)  # one or two edits change up to six trigrams
        eligible = np.flatnonzero(counts >= need)
        if len(eligible) > FUZZY_CANDIDATES:
            top = np.argpartition(counts[eligible], -FUZZY_CANDIDATES)[-FUZZY_CANDIDATES:]
            eligible = eligible[top]
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(q)
        for name_id in eligible.tolist():
            key = self._names[name_id][0]
            if abs(len(key) - len(q)) > max(3, len(q) // 2):
                continue
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
                continue
            ratio = matcher.ratio()
            if ratio >= 0.6:
                offer(name_id, 4, "fuzzy", ratio)


VERIFY = 2000
"""Most prefix candidates checked per query (bounds the work on short queries)."""
VERIFY_SUBSTRING = 2000
"""Most substring candidates checked per query."""
FUZZY_CANDIDATES = 300
"""Names sharing the most trigrams with the query that are scored for a fuzzy match."""


LABEL = RDFS + "label"
ALT_LABEL = SKOS + "altLabel"
CURIE = PG + "curie"
TYPE = RDF + "type"


def build(store) -> LabelIndex:
    """Build the index from a pyoxigraph store (every graph), one pass per property."""
    import pyoxigraph

    def stream(predicate: str):
        for quad in store.quads_for_pattern(None, pyoxigraph.NamedNode(predicate), None, None):
            if isinstance(quad.subject, pyoxigraph.NamedNode):
                yield quad.subject.value, quad.object

    return _assemble(stream(CURIE), stream(LABEL), stream(ALT_LABEL), stream(TYPE))


def _assemble(curie_pairs, label_pairs, synonym_pairs, type_pairs) -> LabelIndex:
    """Build the index from four streams of ``(subject IRI, object term)``, read in this order."""
    import pyoxigraph

    curies: dict[str, str] = {}
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    synonyms: dict[str, set[str]] = defaultdict(set)
    extra_labels: dict[str, set[str]] = defaultdict(set)

    for subject, obj in curie_pairs:
        curies.setdefault(subject, obj.value)
    for subject, obj in label_pairs:
        if subject in curies:
            current = labels.get(subject)
            if current is None:
                labels[subject] = obj.value
            elif current != obj.value:
                # Keep the shortest (then alphabetically first) label as the display label.
                first, other = sorted((current, obj.value), key=lambda t: (len(t), t))
                labels[subject] = first
                extra_labels[subject].add(other)
    for subject, obj in synonym_pairs:
        if subject in curies:
            synonyms[subject].add(obj.value)
    for subject, obj in type_pairs:
        if subject in curies and isinstance(obj, pyoxigraph.NamedNode) and obj.value.startswith(PG):
            types.setdefault(subject, obj.value[len(PG):])
    index = LabelIndex()
    for subject, curie in curies.items():
        names = sorted(synonyms.get(subject, set()) | extra_labels.get(subject, set()))
        index.add(subject, curie, labels.get(subject, curie), types.get(subject, ""), names)
    index.finish()
    return index


REMOTE_PAGE = 10_000
"""Rows per request when the index is read from a remote SPARQL server (Virtuoso's default
``ResultSetMaxRows``)."""

_REMOTE_QUERIES = {
    "curie": "SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s pg:curie ?o } FILTER(isIRI(?s)) }",
    "label": "SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s rdfs:label ?o } FILTER(isIRI(?s)) }",
    "synonym": "SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s skos:altLabel ?o } FILTER(isIRI(?s)) }",
    # Only the types of entities (statements and evidence nodes carry pg: types too).
    "type": "SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s a ?o ; pg:curie ?c } "
            'FILTER(isIRI(?s) && isIRI(?o) && STRSTARTS(STR(?o), "' + PG + '")) }',
}


def paged(source, query: str, page: int = REMOTE_PAGE, timeout: float | None = None):
    """Every solution of a SELECT from a remote server, ``page`` rows per request.

    Pages are ``LIMIT``/``OFFSET`` slices without ``ORDER BY`` (sorting the whole answer for
    each page costs more than it gives; Oxigraph and Virtuoso return the same order for the
    same query on unchanged data). The offset moves by the rows actually received and paging
    stops at the first empty page, so a server that caps its answers below ``page`` (a
    ``ResultSetMaxRows``) still gives everything.

    Parameters
    ----------
    source : pharmgraph.server.remote.RemoteSource
        The remote endpoint.
    query : str
        A SELECT without LIMIT or OFFSET.
    page : int
        Rows asked for per request.
    timeout : float or None
        Seconds each request may take (the source's own limit when None).

    Yields
    ------
    tuple
        One tuple of pyoxigraph terms per solution.
    """
    if page < 1:
        raise ValueError("a page holds at least one row")
    offset = 0
    while True:
        received = 0
        for row in source.rows(f"{query} LIMIT {page} OFFSET {offset}", timeout=timeout):
            received += 1
            yield row
        if received == 0:
            return
        offset += received


def build_remote(source, page: int = REMOTE_PAGE, timeout: float | None = None) -> LabelIndex:
    """Build the index from a remote SPARQL server with paged SELECTs (see :func:`paged`).

    Raises
    ------
    pharmgraph.server.remote.RemoteError
        When the server fails or does not answer a page in time.
    """
    import pyoxigraph

    def stream(kind: str):
        for subject, obj in paged(source, _REMOTE_QUERIES[kind], page, timeout):
            if isinstance(subject, pyoxigraph.NamedNode) and obj is not None:
                yield subject.value, obj

    return _assemble(stream("curie"), stream("label"), stream("synonym"), stream("type"))
