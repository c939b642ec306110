"""Score extracted statements against a hand-made reference file (``gold.json``).

The reference format is the one of the seeds' ``gold.json`` and of
``../shared/tools/score_statements.py``; this module scores the same way, in our own code, so
that pharmgraph can measure itself without the shared tools:

- ``relation_classes`` maps a coarse relation class to the predicates that count for it;
- ``entities`` maps an entity key to its ``type`` and ``aliases`` (surface forms and CURIEs);
- ``statements`` lists ``{"doc", "s", "r", "o", "neg", "core"}`` (optionally ``"hedged"``);
- ``forbidden`` lists statements a system must *not* make.

A system statement matches a gold one when both of its ends resolve to the gold entities (by
label, id or synonym, ignoring case, spaces, hyphens, underscores and a plural *-s*), its
predicate is in the gold relation class, its negation agrees and its document is the gold one.
Precision counts only statements whose two ends both resolve to gold entities. Certainty is
checked where the gold says ``hedged``; identifiers where the gold entity lists CURIEs.

Examples
--------
>>> gold = parse_gold({
...     "relation_classes": {"decreases": ["inhibits", "blocks"]},
...     "entities": {"aspirin": {"type": "Drug", "aliases": ["aspirin", "drugbank:DB00945"]},
...                  "COX-1": {"type": "Target", "aliases": ["COX-1", "PTGS1"]}},
...     "statements": [{"doc": "a.txt", "s": "aspirin", "r": "decreases", "o": "COX-1",
...                     "neg": False, "core": True}],
...     "forbidden": []})
>>> found = {"subject": {"id": "drugbank:DB00945", "label": "aspirin"}, "predicate": "inhibits",
...          "object": {"id": "NCBIGene:5742", "label": "PTGS1"}, "negated": False,
...          "evidence": [{"document": "a.txt"}]}
>>> result = score_statements(gold, [found])
>>> result.recall, result.precision, result.forbidden_hits
(1.0, 1.0, [])
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pharmgraph.errors import InputError

__all__ = [
    "GoldStandard",
    "StatementScores",
    "candidate_entities",
    "collect_statements",
    "document_of",
    "normalise_name",
    "parse_gold",
    "predicate_name",
    "read_gold",
    "score_statements",
]

_CURIE = re.compile(r"^[A-Za-z][\w.]*:\S+$")
_LOCAL_PREFIXES = frozenset({"pharmgraph", "pg", "local"})
_NODE_FIELDS = ("id", "label", "name", "curie", "iri")


def normalise_name(text: Any) -> str:
    """Return the comparison form of a name: lower case, no spaces, hyphens or underscores,
    no leading IRI namespace, and no plural *-s* on words longer than three letters.

    Examples
    --------
    >>> normalise_name("GABA-A Receptors"), normalise_name("Nav")
    ('gabaareceptor', 'nav')
    """
    text = str(text).strip().lower()
    if text.startswith("http"):
        text = re.sub(r"^(https?://\S+[/#])", "", text)
    text = re.sub(r"[\s\-_]+", "", text)
    return text[:-1] if text.endswith("s") and len(text) > 3 else text


def predicate_name(predicate: Any) -> str:
    """Return the bare snake-case name of a predicate given as a name, CURIE or IRI.

    Examples
    --------
    >>> predicate_name("https://w3id.org/pharmgraph/ontology#antagonistOf")
    'antagonist_of'
    >>> predicate_name("pg:inhibits")
    'inhibits'
    """
    predicate = str(predicate)
    for sep in ("#", "/", ":"):
        if sep in predicate:
            predicate = predicate.rsplit(sep, 1)[1]
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", predicate).lower()


def document_of(statement: Mapping[str, Any]) -> str:
    """Return the file name of the first evidence's document (``""`` when there is none)."""
    for ev in statement.get("evidence") or []:
        doc = ev.get("document") or ev.get("source") or ""
        if doc:
            return str(doc).rsplit("/", 1)[-1]
    return ""


@dataclass(frozen=True)
class GoldStandard:
    """A parsed reference file.

    Attributes
    ----------
    relation_classes : dict of str to frozenset of str
        Predicates (bare names) counted for each relation class.
    entities : dict
        Entity key to ``{"type": ..., "aliases": [...]}``.
    statements, forbidden : list of dict
        Reference statements and statements a system must not make.
    """

    relation_classes: dict[str, frozenset[str]]
    entities: dict[str, dict[str, Any]]
    statements: list[dict[str, Any]]
    forbidden: list[dict[str, Any]]
    table: dict[str, frozenset[str]] = field(repr=False, default_factory=dict)

    @property
    def documents(self) -> list[str]:
        """The documents the reference speaks of, in order of first appearance."""
        return list(dict.fromkeys(g["doc"] for g in self.statements + self.forbidden))

    def curies(self, key: str) -> set[str]:
        """The normalised CURIEs listed for entity ``key``."""
        return {normalise_name(a) for a in self.entities[key]["aliases"] if _CURIE.match(a)}


def _fail(where: str, message: str) -> InputError:
    return InputError(f"{where}: {message}")


def parse_gold(data: Any, where: str = "gold") -> GoldStandard:
    """Check and index a reference already loaded from JSON.

    Raises
    ------
    InputError
        One sentence saying which part of the reference is missing or malformed.
    """
    if not isinstance(data, Mapping):
        raise _fail(where, "the reference must be a JSON object.")
    for name in ("relation_classes", "entities", "statements"):
        if name not in data:
            raise _fail(where, f"the reference has no {name!r} member.")
    classes = data["relation_classes"]
    entities = data["entities"]
    if not isinstance(classes, Mapping) or not all(
        isinstance(v, list) and all(isinstance(p, str) for p in v) for v in classes.values()
    ):
        raise _fail(where, "'relation_classes' must map each class to a list of predicate names.")
    if not isinstance(entities, Mapping):
        raise _fail(where, "'entities' must be an object of entity keys.")
    for key, entity in entities.items():
        aliases = entity.get("aliases") if isinstance(entity, Mapping) else None
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise _fail(where, f"entity {key!r} needs a list of 'aliases'.")
    rows: dict[str, list[dict[str, Any]]] = {}
    for name in ("statements", "forbidden"):
        items = data.get(name, [])
        if not isinstance(items, list):
            raise _fail(where, f"{name!r} must be a list.")
        rows[name] = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, Mapping):
                raise _fail(where, f"{name} item {number} is not an object.")
            for member in ("doc", "s", "r", "o"):
                if not isinstance(item.get(member), str):
                    raise _fail(where, f"{name} item {number} has no string {member!r}.")
            if item["s"] not in entities or item["o"] not in entities:
                missing = item["s"] if item["s"] not in entities else item["o"]
                raise _fail(
                    where,
                    f"{name} item {number} names entity {missing!r}, which 'entities' does not define.",
                )
            if item["r"] not in classes:
                raise _fail(
                    where,
                    f"{name} item {number} names relation class {item['r']!r}, which 'relation_classes' does not define.",
                )
            if "hedged" in item and not isinstance(item["hedged"], bool):
                raise _fail(where, f"{name} item {number}: 'hedged' must be true or false.")
            row = dict(item)
            row["neg"] = bool(item.get("neg", False))
            row["core"] = bool(item.get("core", False))
            rows[name].append(row)
    table: dict[str, set[str]] = {}
    for key, entity in entities.items():
        for alias in [key, *entity["aliases"]]:
            table.setdefault(normalise_name(alias), set()).add(key)
    return GoldStandard(
        relation_classes={k: frozenset(v) for k, v in classes.items()},
        entities={k: dict(v) for k, v in entities.items()},
        statements=rows["statements"],
        forbidden=rows["forbidden"],
        table={k: frozenset(v) for k, v in table.items()},
    )


def read_gold(path: str | Path) -> GoldStandard:
    """Read a reference file (``gold.json``).

    Raises
    ------
    InputError
        When the file is missing, not JSON, or not in the reference format.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a reference file (gold.json).") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path} cannot be read ({getattr(exc, 'strerror', None) or exc})."
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON ({exc.msg} at line {exc.lineno}).") from None
    return parse_gold(data, str(path))


def candidate_entities(gold: GoldStandard, node: Any) -> frozenset[str]:
    """Return the keys of the gold entities an extracted entity (dict or label) resolves to."""
    if isinstance(node, str):
        node = {"label": node}
    if not isinstance(node, Mapping):
        return frozenset()
    found: set[str] = set()
    for name in _NODE_FIELDS:
        value = node.get(name)
        if value:
            found |= gold.table.get(normalise_name(value), frozenset())
            if isinstance(value, str) and ":" in value:
                found |= gold.table.get(normalise_name(value.split(":", 1)[1]), frozenset())
    for alias in node.get("synonyms") or []:
        found |= gold.table.get(normalise_name(alias), frozenset())
    return frozenset(found)


@dataclass
class StatementScores:
    """What :func:`score_statements` measured.

    ``found``, ``missed``, ``forbidden_hits``, ``certainty_errors``, ``wrong_ids`` and
    ``ungrounded`` hold gold statements; ``unmatched`` holds system statements (as dicts) whose
    two ends resolve to gold entities but which match no gold statement.
    """

    statements: int
    relevant: int
    correct: int
    gold: int
    core: int
    found: list[dict[str, Any]]
    missed: list[dict[str, Any]]
    core_found: int
    forbidden_hits: list[dict[str, Any]]
    certainty_errors: list[dict[str, Any]]
    wrong_ids: list[dict[str, Any]]
    ungrounded: list[dict[str, Any]]
    unmatched: list[dict[str, Any]]
    per_document: list[dict[str, Any]]

    @property
    def recall(self) -> float:
        """Found gold statements over gold statements."""
        return len(self.found) / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        """Correct statements over statements whose two ends resolve to gold entities."""
        return self.correct / self.relevant if self.relevant else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def core_recall(self) -> float:
        """Found core statements over core statements."""
        return self.core_found / self.core if self.core else 0.0

    def summary(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict (rounded to four places)."""
        return {
            "statements": self.statements,
            "relevant": self.relevant,
            "correct": self.correct,
            "gold": self.gold,
            "found": len(self.found),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "core": self.core,
            "core_found": self.core_found,
            "core_recall": round(self.core_recall, 4),
            "forbidden": len(self.forbidden_hits),
            "certainty_errors": len(self.certainty_errors),
            "wrong_ids": len(self.wrong_ids),
            "ungrounded": len(self.ungrounded),
        }


def _as_dict(statement: Any) -> dict[str, Any]:
    if isinstance(statement, Mapping):
        return dict(statement)
    to_dict = getattr(statement, "to_dict", None)
    if to_dict is None:
        raise TypeError(
            f"cannot score a {type(statement).__name__}; give statements or their dicts"
        )
    return to_dict()


def _same_doc(doc: str, gold_doc: str) -> bool:
    # A statement without a document may match any; a document named with another suffix
    # (paper.txt read as paper.xml) still matches by its stem, as the shared scorer does.
    return not doc or doc == gold_doc or doc.startswith(gold_doc.split(".")[0])


class _Scorer:
    def __init__(self, gold: GoldStandard, statements: Sequence[dict[str, Any]]) -> None:
        self.gold = gold
        self.statements = statements
        self.ends = [
            (
                candidate_entities(gold, s.get("subject") or {}),
                candidate_entities(gold, s.get("object") or {}),
            )
            for s in statements
        ]
        self.docs = [document_of(s) for s in statements]
        self.preds = [predicate_name(s.get("predicate", "")) for s in statements]
        self.negs = [bool(s.get("negated", False)) for s in statements]

    def matches(self, i: int, g: Mapping[str, Any]) -> bool:
        subs, objs = self.ends[i]
        return (
            _same_doc(self.docs[i], g["doc"])
            and g["s"] in subs
            and g["o"] in objs
            and self.preds[i] in self.gold.relation_classes[g["r"]]
            and self.negs[i] == g["neg"]
        )

    def hits(self, g: Mapping[str, Any]) -> list[int]:
        return [i for i in range(len(self.statements)) if self.matches(i, g)]

    def id_verdict(self, i: int, g: Mapping[str, Any]) -> str:
        verdict = "ok"
        for end, key in (("subject", "s"), ("object", "o")):
            wanted = self.gold.curies(g[key])
            node = self.statements[i].get(end)
            given = str(node.get("id") or "") if isinstance(node, Mapping) else ""
            if not wanted or not given or normalise_name(given) in wanted:
                continue
            prefix = given.split(":", 1)[0].lower()
            if prefix in _LOCAL_PREFIXES:
                verdict = "ungrounded" if verdict == "ok" else verdict
            elif prefix in {w.split(":", 1)[0] for w in wanted}:
                verdict = "wrong"
        return verdict


def score_statements(
    gold: GoldStandard, statements: Iterable[Any], document: str | None = None
) -> StatementScores:
    """Score system statements against a reference.

    Parameters
    ----------
    gold : GoldStandard
        From :func:`read_gold` or :func:`parse_gold`.
    statements : iterable of Statement or dict
        System output; dicts in the JSON Lines form (``Statement.to_dict()``).
    document : str, optional
        Score only the gold statements of this document (as ``--doc`` of the shared scorer).

    Returns
    -------
    StatementScores
        Overall figures and one row per gold document.
    """
    stmts = [_as_dict(s) for s in statements]
    scorer = _Scorer(gold, stmts)
    golds = [g for g in gold.statements if document is None or g["doc"] == document]
    forbidden = [g for g in gold.forbidden if document is None or g["doc"] == document]
    gold_hits = [scorer.hits(g) for g in golds]
    found = [g for g, hits in zip(golds, gold_hits, strict=True) if hits]
    missed = [g for g, hits in zip(golds, gold_hits, strict=True) if not hits]
    relevant = [i for i, (subs, objs) in enumerate(scorer.ends) if subs and objs]
    correct = {i for i in relevant if any(scorer.matches(i, g) for g in golds)}
    bad = [g for g in forbidden if scorer.hits(g)]
    certainty_errors, wrong_ids, ungrounded = [], [], []
    for g, hits in zip(golds, gold_hits, strict=True):
        if not hits:
            continue
        if "hedged" in g and not any(
            (stmts[i].get("certainty", "asserted") == "hedged") == g["hedged"] for i in hits
        ):
            certainty_errors.append(g)
        verdicts = {scorer.id_verdict(i, g) for i in hits}
        if "ok" not in verdicts:
            (wrong_ids if "wrong" in verdicts else ungrounded).append(g)
    result = StatementScores(
        statements=len(stmts),
        relevant=len(relevant),
        correct=len(correct),
        gold=len(golds),
        core=sum(1 for g in golds if g["core"]),
        found=found,
        missed=missed,
        core_found=sum(1 for g in found if g["core"]),
        forbidden_hits=bad,
        certainty_errors=certainty_errors,
        wrong_ids=wrong_ids,
        ungrounded=ungrounded,
        unmatched=[stmts[i] for i in relevant if i not in correct],
        per_document=[],
    )
    result.per_document = _per_document(gold, scorer, result, golds, forbidden, relevant, correct)
    return result


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def _per_document(
    gold, scorer, result, golds, forbidden, relevant, correct
) -> list[dict[str, Any]]:
    rows = []
    found_ids = {id(g) for g in result.found}
    flagged = {
        name: [id(g) for g in getattr(result, name)]
        for name in ("certainty_errors", "wrong_ids", "ungrounded")
    }
    bad_ids = {id(g) for g in result.forbidden_hits}
    for doc in dict.fromkeys(g["doc"] for g in golds + forbidden):
        mine = [g for g in golds if g["doc"] == doc]
        # A statement belongs to the document its evidence names; one without a document is
        # counted for every document, as the matching does.
        doc_relevant = [i for i in relevant if _same_doc(scorer.docs[i], doc)]
        doc_correct = [i for i in doc_relevant if i in correct]
        found = sum(1 for g in mine if id(g) in found_ids)
        core = [g for g in mine if g["core"]]
        p, r = _ratio(len(doc_correct), len(doc_relevant)), _ratio(found, len(mine))
        rows.append({
            "document": doc,
            "gold": len(mine),
            "found": found,
            "relevant": len(doc_relevant),
            "correct": len(doc_correct),
            "precision": p,
            "recall": r,
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "core_recall": _ratio(sum(1 for g in core if id(g) in found_ids), len(core)),
            "forbidden": sum(1 for g in forbidden if g["doc"] == doc and id(g) in bad_ids),
            "certainty_errors": sum(1 for g in mine if id(g) in flagged["certainty_errors"]),
            "wrong_ids": sum(1 for g in mine if id(g) in flagged["wrong_ids"]),
            "ungrounded": sum(1 for g in mine if id(g) in flagged["ungrounded"]),
        })  # fmt: skip
    return rows


def collect_statements(
    paths: Iterable[str | Path],
    lexicon=None,
    exclude: Iterable[str | Path] = (),
    progress: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> list[Any]:
    """Return the statements of documents, extracted as ``pharmgraph extract`` does.

    Folders are expanded to the files pharmgraph reads; JSON Lines files (``.jsonl``) are read
    as statements already extracted (by pharmgraph or any other system), every other file goes
    through :func:`pharmgraph.extract.extract_path`. Paths in ``exclude`` (the reference file
    itself, when a shell glob passed it along) are skipped. ``progress`` wraps the list of files
    (a progress bar).

    Raises
    ------
    InputError
        When a path does not exist or a file cannot be read.
    """
    from pharmgraph.extract import extract_path
    from pharmgraph.ingest import STATEMENT_SUFFIXES, expand_paths
    from pharmgraph.model import read_jsonl

    skip = {Path(p).resolve() for p in exclude}
    out: list[Any] = []
    files = [p for p in expand_paths(paths) if p.resolve() not in skip]
    for path in progress(files) if progress else files:
        if path.suffix.lower() in STATEMENT_SUFFIXES:
            out.extend(read_jsonl(path))
        else:
            out.extend(extract_path(path, lexicon))
    return out
