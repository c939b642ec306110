"""What training documents say about chemical–disease concepts, as document-level features.

Some chemical-induced diseases recur from abstract to abstract (a drug and its known adverse
effect), and some concepts are mostly named as causes (drugs) or as effects while others are
mostly context (the disease being treated, a solvent). :class:`CidPrior` counts, over
training documents with gold CID pairs, how often each pair was related and how often each
chemical (disease) that a document names takes part in one of its CID pairs. It is learned
from a training split only; while the document head is trained, each training document sees
the counts of the *other* documents (:meth:`CidPrior.without`), so the head learns how much
an unseen document can trust them.

The prior travels inside the document head's ``about`` (plain JSON: lists and numbers).

Examples
--------
>>> prior = CidPrior.from_documents([({"C1", "C2"}, {"D1"}, {("C1", "D1")}),
...                                  ({"C1"}, {"D1", "D2"}, {("C1", "D1")})])
>>> prior.pairs[("C1", "D1")], prior.chemicals["C1"], prior.chemicals["C2"]
(2, (2, 2), (0, 1))
>>> prior.features("C1", "D1")
['kb=2', 'kbc=hi', 'kbd=hi', 'kbc=hi|kbd=hi']
>>> prior.without({"C1", "C2"}, {"D1"}, {("C1", "D1")}).features("C1", "D1")
['kb=1', 'kbc=once1', 'kbd=once1', 'kbc=once1|kbd=once1']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

Document = tuple[set[str], set[str], set[tuple[str, str]]]
"""A document's chemical ids, disease ids and CID pairs."""


def _rate(counts: tuple[int, int] | None) -> str:
    """A concept's share of documents in which it takes part in a CID pair, binned."""
    if counts is None or counts[1] == 0:
        return "new"
    related, named = counts
    if named < 2:
        return "once1" if related else "once0"
    share = related / named
    return "hi" if share >= 0.6 else "mid" if share >= 0.3 else "lo" if share > 0 else "never"


@dataclass
class CidPrior:
    """Counts over training documents.

    Attributes
    ----------
    pairs : dict of (str, str) to int
        ``(chemical, disease)`` -> documents in which the pair is a CID pair.
    chemicals, diseases : dict of str to (int, int)
        Concept -> (documents in which it takes part in a CID pair, documents naming it).
    """

    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    chemicals: dict[str, tuple[int, int]] = field(default_factory=dict)
    diseases: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def from_documents(cls, documents: Iterable[Document]) -> CidPrior:
        """Count the pairs and concepts of ``(chemicals, diseases, relations)`` documents."""
        pairs: Counter[tuple[str, str]] = Counter()
        chem: dict[str, list[int]] = {}
        dis: dict[str, list[int]] = {}
        for chemicals, diseases, relations in documents:
            pairs.update(set(relations))
            for table, names, side in ((chem, chemicals, 0), (dis, diseases, 1)):
                related = {p[side] for p in relations}
                for name in set(names) | related:
                    slot = table.setdefault(name, [0, 0])
                    slot[0] += name in related
                    slot[1] += 1
        return cls(dict(pairs), {k: (a, b) for k, (a, b) in chem.items()}, {k: (a, b) for k, (a, b) in dis.items()})

    def without(self, chemicals: set[str], diseases: set[str], relations: set[tuple[str, str]]) -> CidPrior:
        """The counts with one of the counted documents taken out (for leave-one-out)."""
        pairs = dict(self.pairs)
        for p in relations:
            pairs[p] = pairs.get(p, 0) - 1
        chem, dis = dict(self.chemicals), dict(self.diseases)
        for table, names, side in ((chem, chemicals, 0), (dis, diseases, 1)):
            related = {p[side] for p in relations}
            for name in set(names) | related:
                a, b = table.get(name, (0, 0))
                table[name] = (a - (name in related), b - 1)
        return CidPrior(pairs, chem, dis)

    def features(self, chemical: str, disease: str) -> list[str]:
        """The document-level features of one concept pair."""
        c, d = _rate(self.chemicals.get(chemical)), _rate(self.diseases.get(disease))
        return [f"kb={min(self.pairs.get((chemical, disease), 0), 2)}", f"kbc={c}", f"kbd={d}", f"kbc={c}|kbd={d}"]

    def to_dict(self) -> dict:
        """The JSON form (sorted, so that the model file is stable)."""
        return {
            "pairs": [[a, b, n] for (a, b), n in sorted(self.pairs.items()) if n > 0],
            "chemicals": [[k, a, b] for k, (a, b) in sorted(self.chemicals.items())],
            "diseases": [[k, a, b] for k, (a, b) in sorted(self.diseases.items())],
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> CidPrior | None:
        """Rebuild from :meth:`to_dict`'s form; None when ``data`` is empty or malformed."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                {(str(a), str(b)): int(n) for a, b, n in data.get("pairs", [])},
                {str(k): (int(a), int(b)) for k, a, b in data.get("chemicals", [])},
                {str(k): (int(a), int(b)) for k, a, b in data.get("diseases", [])},
            )
        except (TypeError, ValueError):
            return None


__all__ = ["CidPrior"]
