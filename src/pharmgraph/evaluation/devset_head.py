"""Choosing and training how the learned side joins the rules, on the devset's gold.

Two things are fitted here, both measured by leave-one-set-out cross-validation over the six
studied parts of ``benchmarks/devset`` (``benchmarks/devset_cv.py``):

* per-head acceptance thresholds for :func:`pharmgraph.extract.combine.combined_relations`
  (:func:`choose_thresholds`), and
* a *statement head* (:func:`fit_statement_head`): a linear classifier over the same pair
  features the DrugProt head reads (:func:`pharmgraph.extract.learned.pair_features`, set
  ``"argument"``, the rules' reading included) plus the object's type, trained on the gold
  statements aligned to candidate pairs: a pair is labelled with the predicate that matches the
  most gold relation classes stated in its document for its two entities (both ends resolved
  through the gold's aliases and CURIEs, as the shared scorer resolves them), NONE otherwise.

The pairs are those :func:`pharmgraph.extract.combine.candidates` offers in each sentence, with
the pipeline's own mentions and ids, so training and ``extract`` read the same pairs. The pairs
the rules speak of are learned from (their reading is a feature) but never added.

``scripts/train_statement_head.py`` trains the heads on all six parts into a model file of the
usual format (gzip JSON, :class:`pharmgraph.extract.learned.RelationModel`); ``extract`` reads
it when ``$PHARMGRAPH_STATEMENT_MODEL`` names it. It is not on by default: leave-one-set-out
raised the mean held-out F1 and core recall but added one forbidden reading on one part.
"""

from __future__ import annotations

import itertools
import math
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pharmgraph.extract.combine import WARNED, candidates, head_scores, object_features, warns
from pharmgraph.extract.learned import RelationHead, RelationModel, load_model, pair_features, role
from pharmgraph.extract.tokens import group_of

PREDICATES: tuple[str, ...] = (
    "binds", "inhibits", "increases", "activates", "treats", "causes", "metabolised_by", "transported_by",
    "product_of", "antagonist_of", "agonist_of", "decreases", "modulates",
)
"""What a statement head may say of a pair, in order of preference when two match equally (the
plainest first: a pair the gold says is inhibited is labelled ``inhibits``, not ``antagonist_of``,
though the scorer would accept either)."""
GRID: tuple[float, ...] = (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)
"""Acceptance thresholds tried (1.01: the head adds nothing)."""
PENALTY = float(os.environ.get("PHARMGRAPH_CV_PENALTY", "0.03"))
"""What one forbidden hit or one certainty error more than the rules' costs in the objective (F1 units)."""


@dataclass
class PairRow:
    """One candidate pair of one sentence, with what every head says of it.

    Attributes
    ----------
    doc : str
        The document's file name.
    silent : bool
        Whether the rules found nothing in the sentence.
    hedged : bool
        Whether the pair lies in a hedged stretch.
    subjects, objects : list of dict
        The two mentions' entities (``Entity.to_dict``).
    roles : tuple of str
        The two mentions' roles (``C``, ``G``, ``D``).
    heads : dict of str to tuple
        Shipped head name -> (class, confidence, predicate or None).
    features : list of str
        The pair's features for a statement head.
    """

    doc: str
    silent: bool
    hedged: bool
    subjects: list[dict]
    objects: list[dict]
    roles: tuple[str, str]
    heads: dict[str, tuple[str, float, str | None]]
    features: list[str] = field(default_factory=list)
    read: bool = False
    warns: bool = False


def sentence_pairs(sentences: Sequence[tuple], model: RelationModel | None = None, keep_read: bool = False) -> list[PairRow]:
    """Every candidate pair of recorded sentences ``(doc, clean, mentions, relations)``.

    With ``keep_read``, the pairs the rules spoke of too (:attr:`PairRow.read`), to learn from.
    """
    model = model if model is not None else load_model()
    out: list[PairRow] = []
    for doc, clean, mentions, relations in sentences:
        found = candidates(clean, mentions, relations, keep_read)
        if found is None:
            continue
        tokens, stems, pairs = found
        rows = []
        for c in pairs:
            s, o = tokens[c.first].mention, tokens[c.second].mention
            feats = pair_features(tokens, c.first, c.second, c.reading, stems, "argument") + object_features(o)
            rows.append(PairRow(doc, not relations, c.hedged, [e.to_dict() for e in s.entities],
                                [e.to_dict() for e in o.entities], (role(s), role(o)), {}, feats, c.read, warns(clean) or c.population))
        if model is not None:
            by_head: dict[str, list[int]] = {}
            for k in range(len(pairs)):
                head = model.head_for(*rows[k].roles)
                if head is not None:
                    by_head.setdefault(head.name, []).append(k)
            for name, ks in by_head.items():
                head = model.heads[name]
                scores = head_scores(head, tokens, stems, [pairs[k] for k in ks])
                for k, sc in zip(ks, scores, strict=True):
                    kind, p = head.decide(sc)
                    rows[k].heads[name] = (kind, p, head.predicates.get(kind) if kind != "NONE" else None)
        out.extend(rows)
    return out


def part_documents(folder: Path) -> list[Path]:
    """A devset part's documents, by name (never its README or gold)."""
    if folder.name == "heldout6":
        raise ValueError("heldout6 is blind: nothing is run on it")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in ("README.md", "gold.json"))


def collect(folder: Path) -> dict:
    """Extract a part's documents, recording every sentence the model is offered.

    Returns
    -------
    dict
        ``statements``: the pipeline's output (JSON form); ``sentences``: one
        ``(doc, clean, mentions, relations)`` per sentence the model was offered.
    """
    import pharmgraph.extract.pipeline as pipeline
    from pharmgraph.extract.pipeline import extract_path

    original = pipeline.combined_relations
    sentences: list[tuple] = []
    current = {"doc": ""}

    def recorder(clean, mentions, relations, *args):
        sentences.append((current["doc"], clean, tuple(mentions), tuple(relations)))
        return original(clean, mentions, relations, *args)

    pipeline.combined_relations = recorder
    statements = []
    try:
        for path in part_documents(folder):
            current["doc"] = path.name
            statements.extend(s.to_dict() for s in extract_path(path))
    finally:
        pipeline.combined_relations = original
    return {"statements": statements, "sentences": sentences}


def statement(doc: str, subject: dict, predicate: str, obj: dict, hedged: bool) -> dict:
    """A statement in the JSON Lines form the scorer reads."""
    if predicate == "causes" and group_of(obj["type"]) == "AdverseEvent":
        predicate = "causes_adverse_event"
    return {"subject": subject, "predicate": predicate, "object": obj, "negated": False,
            "certainty": "hedged" if hedged else "asserted", "evidence": [{"document": doc}]}


def _additions(chosen: Sequence[tuple[PairRow, str]], base: Sequence[dict]) -> list[dict]:
    have = {(s["evidence"][0]["document"].rsplit("/", 1)[-1], s["subject"]["id"], s["predicate"], s["object"]["id"])
            for s in base if not s["negated"] and s["evidence"]}
    out, seen = [], set()
    for row, predicate in chosen:
        for a, b in itertools.product(row.subjects, row.objects):
            key = (row.doc, a["id"], b["id"])
            st = statement(row.doc, a, predicate, b, row.hedged)
            if key in seen or (row.doc, a["id"], st["predicate"], b["id"]) in have:
                continue
            seen.add(key)
            out.append(st)
    return out


def model_additions(rows: Sequence[PairRow], base: Sequence[dict], thresholds: Mapping[str, Mapping[str, float]]) -> list[dict]:
    """Statements the shipped heads add under per-head ``thresholds`` (``silent``/``spoken``)."""
    chosen = []
    for row in rows:
        if row.read:
            continue
        for name, (_kind, p, predicate) in row.heads.items():
            limit = thresholds.get(name, {}).get("silent" if row.silent else "spoken", 1.01)
            if predicate is not None and p >= limit:
                chosen.append((row, predicate))
    return _additions(chosen, base)


# -- fast scoring: each statement's effect on the scorer's measures, computed once ----------


class Effects:
    """The shared scorer's measures of a part, from statements' precomputed effects.

    Parameters
    ----------
    gold : dict
        The part's gold.
    sc : module
        The shared scorer.
    base : sequence of dict
        The rules' statements (always there).
    """

    def __init__(self, gold: dict, sc, base: Sequence[dict]) -> None:
        self.gold, self.sc = gold, sc
        self.classes = {k: set(v) for k, v in gold["relation_classes"].items()}
        self.table = sc.resolver(gold["entities"])
        self._by_doc: dict[str, list[int]] = {}
        for k, g in enumerate(gold["statements"]):
            self._by_doc.setdefault(g["doc"], []).append(k)
        self._forbidden_by_doc: dict[str, list[int]] = {}
        for k, g in enumerate(gold["forbidden"]):
            self._forbidden_by_doc.setdefault(g["doc"], []).append(k)
        self.base = [self.effect(s) for s in base]
        self.base_score = self.score([])

    def _docs(self, stmt: dict, index: Mapping[str, list[int]], items: Sequence[dict]) -> list[int]:
        d = self.sc.doc_of(stmt)
        if not d:
            return [k for ks in index.values() for k in ks]
        return [k for doc, ks in index.items() if d == doc or d.startswith(doc.split(".")[0]) for k in ks]

    def effect(self, stmt: dict) -> tuple[bool, bool, frozenset, frozenset, str]:
        """(relevant, correct, gold matched, forbidden matched, certainty) of one statement."""
        sc, gold = self.sc, self.gold
        relevant = bool(sc.candidates(self.table, stmt["subject"]) and sc.candidates(self.table, stmt["object"]))
        golds = frozenset(k for k in self._docs(stmt, self._by_doc, gold["statements"])
                          if sc.matches(stmt, gold["statements"][k], self.classes, self.table))
        bad = frozenset(k for k in self._docs(stmt, self._forbidden_by_doc, gold["forbidden"])
                        if sc.matches(stmt, gold["forbidden"][k], self.classes, self.table))
        return relevant, bool(golds) and relevant, golds, bad, stmt.get("certainty", "asserted")

    def score(self, extra: Sequence[tuple]) -> dict:
        """The measures of the base statements plus statements of effects ``extra``."""
        gold = self.gold["statements"]
        relevant = correct = 0
        hits: dict[int, set[str]] = {}
        bad: set[int] = set()
        for rel, cor, gs, fs, cert in itertools.chain(self.base, extra):
            relevant += rel
            correct += cor
            for g in gs:
                hits.setdefault(g, set()).add(cert)
            bad |= fs
        found = list(hits)
        certainty = sum(1 for g in found if "hedged" in gold[g]
                        and ("hedged" if gold[g]["hedged"] else "asserted") not in hits[g])
        core = [g for g in gold if g["core"]]
        recall = len(found) / len(gold) if gold else 0.0
        precision = correct / relevant if relevant else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"P": precision, "R": recall, "F1": f1,
                "core": sum(gold[g]["core"] for g in found) / len(core) if core else 0.0,
                "forbidden": len(bad), "certainty": certainty}


def objective(effects: Mapping[str, Effects], extra: Mapping[str, Sequence[tuple]]) -> float:
    """Mean F1 over parts, less :data:`PENALTY` per forbidden hit or certainty error beyond the base's."""
    total = 0.0
    for part, eff in effects.items():
        m = eff.score(extra.get(part, ()))
        b = eff.base_score
        total += m["F1"] - PENALTY * (max(0, m["forbidden"] - b["forbidden"]) + max(0, m["certainty"] - b["certainty"]))
    return total / len(effects)


def choose_thresholds(rows: Mapping[str, Sequence[PairRow]], effects: Mapping[str, Effects],
                      heads: Sequence[str] = ("chemical-gene", "chemical-disease")) -> dict[str, dict[str, float]]:
    """Per-head ``silent``/``spoken`` thresholds that maximise :func:`objective` on these parts.

    Coordinate ascent over :data:`GRID`, two rounds, from the heads' shipped setting.
    """
    model = load_model()
    thresholds = {h: {"silent": model.heads[h].threshold if model and h in model.heads else 1.01, "spoken": 1.01}
                  for h in heads}
    # each row's statements per head, computed once; a threshold only selects among them
    options: dict[str, list[tuple[str, str, float, list[tuple]]]] = {}
    for part, part_rows in rows.items():
        eff = effects[part]
        opts = []
        for row in part_rows:
            if row.read:
                continue
            for name, (_kind, p, predicate) in row.heads.items():
                if predicate is None or name not in thresholds:
                    continue
                sts = _additions([(row, predicate)], [])
                opts.append((name, "silent" if row.silent else "spoken", p, [eff.effect(s) for s in sts]))
        options[part] = opts

    def value(th):
        extra = {part: [e for name, where, p, es in opts if p >= th[name][where] for e in es]
                 for part, opts in options.items()}
        return objective(effects, extra)

    best = value(thresholds)
    for _ in range(2):
        for name in heads:
            for where in ("silent", "spoken"):
                for t in GRID:
                    trial = {h: dict(v) for h, v in thresholds.items()}
                    trial[name][where] = t
                    v = value(trial)
                    if v > best + 1e-9:
                        best, thresholds = v, trial
    return thresholds


# -- the statement head -------------------------------------------------------------------


def pair_label(row: PairRow, gold: dict, sc, classes: Mapping[str, set], table: Mapping) -> str:
    """The predicate that matches the most gold classes stated for the pair's entities, or NONE."""
    wanted: set[str] = set()
    for a, b in itertools.product(row.subjects, row.objects):
        subs, objs = sc.candidates(table, a), sc.candidates(table, b)
        if not subs or not objs:
            continue
        for g in gold["statements"]:
            if g["doc"] == row.doc and not g["neg"] and g["s"] in subs and g["o"] in objs:
                wanted.add(g["r"])
    if not wanted:
        return "NONE"
    best, cover = "NONE", 0
    for p in PREDICATES:
        got = sum(1 for r in wanted if p in classes[r] or (p == "causes" and "causes_adverse_event" in classes[r]))
        if got > cover:
            best, cover = p, got
    return best


def labels(rows: Sequence[PairRow], gold: dict, sc) -> list[str]:
    """:func:`pair_label` of every row."""
    classes = {k: set(v) for k, v in gold["relation_classes"].items()}
    table = sc.resolver(gold["entities"])
    return [pair_label(r, gold, sc, classes, table) for r in rows]


OBJECT_ROLES: dict[str, str] = {"devset-gene": "G", "devset-disease": "D"}
"""Statement heads by name and the object role each classifies."""


def train_heads(rows: Sequence[PairRow], y: Sequence[str], c: float = 0.5, min_count: int = 2,
                threshold: float = 0.5) -> RelationModel:
    """Fit one linear statement head per object role on labelled rows."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    heads = {}
    for name, obj_role in OBJECT_ROLES.items():
        keep = [k for k, r in enumerate(rows) if r.roles[1] == obj_role]
        if not keep:
            continue
        counts = Counter(f for k in keep for f in set(rows[k].features))
        vocab = sorted(f for f, n in counts.items() if n >= min_count)
        index = {f: i for i, f in enumerate(vocab)}
        ys = [y[k] for k in keep]
        classes = ["NONE", *sorted({v for v in ys if v != "NONE"}, key=PREDICATES.index)]
        if len(classes) < 2:
            continue
        data, ind, ptr = [], [], [0]
        for k in keep:
            feats = Counter(index[f] for f in rows[k].features if f in index)
            ind.extend(feats)
            data.extend(float(v) for v in feats.values())
            ptr.append(len(ind))
        x = csr_matrix((data, ind, ptr), shape=(len(keep), len(vocab)), dtype=np.float32)
        target = np.array([classes.index(v) for v in ys])
        clf = LogisticRegression(C=c, max_iter=2000)
        clf.fit(x, target)
        w = clf.coef_.T.astype(np.float32)
        b = clf.intercept_.astype(np.float32)
        if len(classes) == 2:  # binary: sklearn keeps one column; spread it over two
            w = np.hstack([-w / 2, w / 2])
            b = np.array([-b[0] / 2, b[0] / 2], dtype=np.float32)
        heads[name] = RelationHead(
            name=name, subject="C", object=obj_role, classes=tuple(classes),
            predicates={k: k for k in classes[1:]}, features=index, weights=w, intercept=b,
            threshold=threshold, none_bias=0.0, feature_set="argument",
            about={"trained_on": "benchmarks/devset gold", "pairs": len(keep),
                   "positives": int(sum(v != "NONE" for v in ys)), "C": c, "min_count": min_count},
        )
    return RelationModel(heads)


def _scores(model: RelationModel, rows: Sequence[PairRow]) -> list[tuple[str, float]]:
    out = []
    for r in rows:
        head = model.head_for(*r.roles)
        if head is None:
            out.append(("NONE", 1.0))
            continue
        out.append(head.decide(head.scores(r.features)))
    return out


def statement_choices(model: RelationModel, rows: Sequence[PairRow]) -> list[tuple[PairRow, str, float]]:
    """(row, predicate, confidence) of the rows a statement head gives a class."""
    return [(r, kind, p) for r, (kind, p) in zip(rows, _scores(model, rows), strict=True)
            if kind != "NONE" and not r.read and not (r.warns and kind in WARNED)]


def fit_statement_head(rows: Mapping[str, Sequence[PairRow]], golds: Mapping[str, dict], effects: Mapping[str, Effects],
                       sc, c: float = 0.5, inner: bool = True) -> RelationModel:
    """Train statement heads on these parts, with a threshold chosen by leave-one-part-out inside them."""
    parts = list(rows)
    ys = {p: labels(rows[p], golds[p], sc) for p in parts}
    threshold = 0.5
    if inner and len(parts) > 1:
        oof: dict[str, list[tuple[float, list[tuple]]]] = {}
        for held in parts:
            train = [p for p in parts if p != held]
            m = train_heads([r for p in train for r in rows[p]], [v for p in train for v in ys[p]], c)
            oof[held] = [(p, [effects[held].effect(s) for s in _additions([(r, kind)], [])])
                         for r, kind, p in statement_choices(m, rows[held])]
        best = -math.inf
        for t in GRID:
            v = objective(effects, {p: [e for q, es in oof[p] if q >= t for e in es] for p in parts})
            if v > best + 1e-9:
                best, threshold = v, t
    return train_heads([r for p in parts for r in rows[p]], [v for p in parts for v in ys[p]], c, threshold=threshold)


def shipped_thresholds(model: RelationModel | None = None) -> dict[str, dict[str, float]]:
    """The corpus heads' setting inside ``extract``: their own threshold in silent sentences only."""
    model = model if model is not None else load_model()
    return {n: {"silent": h.threshold, "spoken": 1.01} for n, h in (model.heads.items() if model else ())}


def fit_for_extract(rows: Mapping[str, Sequence[PairRow]], golds: Mapping[str, dict], base: Mapping[str, Sequence[dict]],
                    sc, c: float = 0.5) -> RelationModel:
    """Statement heads as ``extract`` uses them: beside the corpus heads at their shipped setting.

    Parameters
    ----------
    rows : mapping of str to sequence of PairRow
        Per part, :func:`sentence_pairs` with ``keep_read=True`` (the rules' pairs are learned
        from, never added).
    golds : mapping of str to dict
        Per part, its gold.
    base : mapping of str to sequence of dict
        Per part, the rules' statements.
    sc : module
        The shared scorer.
    c : float
        Inverse regularisation of the logistic regression.
    """
    thresholds = shipped_thresholds()
    effects = {p: Effects(golds[p], sc, [*base[p], *model_additions(rows[p], base[p], thresholds)]) for p in rows}
    return fit_statement_head(rows, golds, effects, sc, c=c)


def statement_additions(rows: Sequence[PairRow], base: Sequence[dict], model: RelationModel) -> list[dict]:
    """Statements the statement heads add to the base at their thresholds."""
    chosen = []
    for r, kind, p in statement_choices(model, rows):
        head = model.head_for(*r.roles)
        if p >= head.threshold:
            chosen.append((r, kind))
    return _additions(chosen, base)


__all__ = [
    "GRID",
    "OBJECT_ROLES",
    "PENALTY",
    "PREDICATES",
    "Effects",
    "PairRow",
    "choose_thresholds",
    "collect",
    "fit_for_extract",
    "fit_statement_head",
    "labels",
    "model_additions",
    "objective",
    "pair_label",
    "part_documents",
    "sentence_pairs",
    "shipped_thresholds",
    "statement",
    "statement_additions",
    "statement_choices",
    "train_heads",
]
