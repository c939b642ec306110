"""The statement model: entities, evidence and statements, and their JSON Lines form.

Every reader, extractor and importer produces :class:`Statement` values; everything downstream
(RDF, store, analyses, views) consumes them. A statement's :meth:`Statement.key` is its claim
(subject, predicate, object, negated): the same claim found in many documents is one statement
with many pieces of evidence (see :func:`merge_statements`).

Examples
--------
>>> drug = Entity("CHEBI:6367", "lamotrigine", "Drug")
>>> target = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel")
>>> ev = Evidence("doc1.txt", "Lamotrigine blocks sodium channels.", 0, 35)
>>> s = Statement(drug, "blocks", target, evidence=(ev,))
>>> s.key()
('CHEBI:6367', 'blocks', 'mesh:D062528', False)
>>> Statement.from_json(s.to_json()) == s
True
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from pharmgraph.errors import InputError
from pharmgraph.vocabulary import CERTAINTIES, ENTITY_TYPES, PREDICATES


@dataclass(frozen=True)
class Entity:
    """A thing statements talk about: a drug, a target, an effect, a disease.

    Parameters
    ----------
    id : str
        A CURIE (``CHEBI:6367``, ``mesh:D062528``) or a local id (``pharmgraph:...``).
    label : str
        The preferred name.
    type : str
        One of :data:`pharmgraph.vocabulary.ENTITY_TYPES` (``Drug``, ``IonChannel``, ...).
    synonyms : tuple of str
        Other names, brand names, code names.
    broader : tuple of str
        Ids of broader entities: a channel subtype's family, a current's channel, a site's
        receptor. Analyses roll targets up along these links.
    xrefs : tuple of str
        Other CURIEs of the same concept (the ids a text, a source or a user gave before
        grounding mapped them to ``id``); stored as ``skos:exactMatch``.
    """

    id: str
    label: str
    type: str = "Entity"
    synonyms: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.id or not isinstance(self.id, str):
            raise ValueError("an entity needs a non-empty id")
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.type!r}")
        if not isinstance(self.synonyms, tuple):
            object.__setattr__(self, "synonyms", tuple(self.synonyms))
        if not isinstance(self.broader, tuple):
            object.__setattr__(self, "broader", tuple(self.broader))
        if not isinstance(self.xrefs, tuple):
            object.__setattr__(self, "xrefs", tuple(self.xrefs))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: ``{"id", "label", "type"}`` plus synonyms when there are any."""
        out: dict[str, Any] = {"id": self.id, "label": self.label, "type": self.type}
        if self.synonyms:
            out["synonyms"] = list(self.synonyms)
        if self.broader:
            out["broader"] = list(self.broader)
        if self.xrefs:
            out["xrefs"] = list(self.xrefs)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        """Build an entity from its JSON form (``label`` defaults to the id)."""
        if not isinstance(data, Mapping) or not data.get("id"):
            raise ValueError("an entity must be an object with an 'id'")
        return cls(
            id=str(data["id"]),
            label=str(data.get("label") or data["id"]),
            type=str(data.get("type") or "Entity"),
            synonyms=_strings(data.get("synonyms"), "synonyms"),
            broader=_strings(data.get("broader"), "broader"),
            xrefs=_strings(data.get("xrefs"), "xrefs"),
        )


def _strings(value: Any, name: str) -> tuple[str, ...]:
    """A list of strings as a tuple; a lone string is refused, not split into characters."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValueError(f"{name} must be a list of strings")
    if not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of strings")
    return tuple(value)


def _boolean(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, not {value!r}")
    return value


def _offset(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, not {value!r}")
    return value


RECORD_FIELDS = ("source", "record", "source_version", "knowledge_level")
"""Evidence fields that name a database record rather than a sentence."""


@dataclass(frozen=True)
class Evidence:
    """Where a statement was read: document, sentence, character span, cited references.

    Parameters
    ----------
    document : str
        The document's name (file name, PMID).
    text : str
        The sentence that supports the statement.
    start, end : int or None
        Character offsets of the sentence in the document text (end exclusive).
    section : str or None
        The heading the sentence sits under.
    references : tuple of str
        Reference keys cited by the sentence (resolved to the reference list where possible).
    extractor : str or None
        What produced the statement (``rules``, ``jsonl``, an importer's name).
    confidence : float or None
        The extractor's confidence in [0, 1].
    source : str or None
        For a statement taken from a database record: the source as a Biolink infores CURIE
        (``infores:hetionet``). ``document`` is then the source's graph name.
    record : str or None
        The record's id in that source (an edge id, a DrugMechDB path id).
    source_version : str or None
        The version of the source the record was read from.
    knowledge_level : str or None
        Biolink knowledge level (``knowledge_assertion``, ``prediction``...).
    """

    document: str
    text: str = ""
    start: int | None = None
    end: int | None = None
    section: str | None = None
    references: tuple[str, ...] = ()
    extractor: str | None = None
    confidence: float | None = None
    source: str | None = None
    record: str | None = None
    source_version: str | None = None
    knowledge_level: str | None = None

    def __post_init__(self) -> None:
        if not self.document:
            raise ValueError("evidence needs a document")
        if not isinstance(self.references, tuple):
            object.__setattr__(self, "references", tuple(self.references))
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("evidence end lies before its start")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form, leaving out empty optional fields."""
        out: dict[str, Any] = {
            "document": self.document,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "references": list(self.references),
        }
        for name in ("section", "extractor", "confidence", *RECORD_FIELDS):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        """Build evidence from its JSON form."""
        if not isinstance(data, Mapping):
            raise ValueError("evidence must be an object")
        document = data.get("document") or data.get("source")
        if not document:
            raise ValueError("evidence needs a 'document'")
        start, end = _offset(data.get("start"), "start"), _offset(data.get("end"), "end")
        confidence = data.get("confidence")
        if confidence is not None:
            if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
                raise ValueError("confidence must be a number")
            if not (math.isfinite(confidence) and 0.0 <= confidence <= 1.0):
                raise ValueError(f"confidence must lie in [0, 1], not {confidence!r}")
        return cls(
            document=str(document),
            text=str(data.get("text") or ""),
            start=start,
            end=end,
            section=data.get("section"),
            references=_strings(data.get("references"), "references"),
            extractor=data.get("extractor"),
            confidence=None if confidence is None else float(confidence),
            **{name: data.get(name) for name in RECORD_FIELDS},
        )


@dataclass(frozen=True)
class Statement:
    """A typed, directed claim with its epistemic flags and its evidence.

    Parameters
    ----------
    subject, object : Entity
        What acts and what is acted on.
    predicate : str
        A name from :data:`pharmgraph.vocabulary.PREDICATES` (``inhibits``, ``treats``...).
    negated : bool
        True when the text says the relation does *not* hold ("does not bind").
    certainty : str
        ``asserted`` or ``hedged`` ("is thought to bind").
    qualifiers : mapping
        Extra context: dose, species, enantiomer, model.
    evidence : tuple of Evidence
        Where the claim was read.
    """

    subject: Entity
    predicate: str
    object: Entity
    negated: bool = False
    certainty: str = "asserted"
    qualifiers: tuple[tuple[str, str], ...] = ()
    evidence: tuple[Evidence, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.predicate not in PREDICATES:
            raise ValueError(f"unknown predicate {self.predicate!r}")
        if self.certainty not in CERTAINTIES:
            raise ValueError(f"certainty must be one of {', '.join(CERTAINTIES)}")
        quals = self.qualifiers
        if isinstance(quals, Mapping):
            quals = tuple(sorted((str(k), str(v)) for k, v in quals.items()))
        object.__setattr__(self, "qualifiers", tuple(quals))
        object.__setattr__(self, "evidence", tuple(self.evidence))
        object.__setattr__(self, "negated", bool(self.negated))

    def key(self) -> tuple[str, str, str, bool]:
        """Return the claim key ``(subject id, predicate, object id, negated)``."""
        return (self.subject.id, self.predicate, self.object.id, self.negated)

    @property
    def qualifier_dict(self) -> dict[str, str]:
        """The qualifiers as a plain dict."""
        return dict(self.qualifiers)

    @property
    def documents(self) -> list[str]:
        """The distinct documents of the evidence, in order of first appearance."""
        return list(dict.fromkeys(ev.document for ev in self.evidence))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON Lines contract form of the statement."""
        return {
            "subject": self.subject.to_dict(),
            "predicate": self.predicate,
            "object": self.object.to_dict(),
            "negated": self.negated,
            "certainty": self.certainty,
            "qualifiers": self.qualifier_dict,
            "evidence": [ev.to_dict() for ev in self.evidence],
        }

    def to_json(self) -> str:
        """Return the statement as one JSON line."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Statement:
        """Build a statement from its JSON form.

        Raises
        ------
        ValueError
            If a field is missing or has an unknown value.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a statement must be a JSON object")
        for name in ("subject", "predicate", "object"):
            if name not in data:
                raise ValueError(f"missing field {name!r}")
        predicate = str(data["predicate"])
        for sep in ("#", "/"):
            predicate = predicate.rsplit(sep, 1)[-1]
        if ":" in predicate:
            predicate = predicate.split(":", 1)[1]
        return cls(
            subject=Entity.from_dict(data["subject"]),
            predicate=predicate,
            object=Entity.from_dict(data["object"]),
            negated=_boolean(data.get("negated", False), "negated"),
            certainty=str(data.get("certainty") or "asserted"),
            qualifiers=dict(data.get("qualifiers") or {}),
            evidence=tuple(Evidence.from_dict(e) for e in data.get("evidence") or ()),
        )

    @classmethod
    def from_json(cls, line: str) -> Statement:
        """Parse one JSON line."""
        return cls.from_dict(json.loads(line))


def merge_statements(statements: Iterable[Statement]) -> list[Statement]:
    """Merge statements with the same claim key, keeping every distinct evidence.

    A hedged and an asserted statement of one claim merge into an asserted one: one document
    asserting a claim outweighs another hedging it. Qualifiers of the first one are kept.

    Parameters
    ----------
    statements : iterable of Statement

    Returns
    -------
    list of Statement
        One statement per claim key, in order of first appearance.

    Examples
    --------
    >>> a, b = Entity("x:1", "a", "Drug"), Entity("x:2", "b", "Protein")
    >>> s1 = Statement(a, "inhibits", b, evidence=(Evidence("d1", "s1"),))
    >>> s2 = Statement(a, "inhibits", b, certainty="hedged", evidence=(Evidence("d2", "s2"),))
    >>> [(m.certainty, len(m.evidence)) for m in merge_statements([s1, s2])]
    [('asserted', 2)]
    """
    first: dict[tuple[str, str, str, bool], Statement] = {}
    evidence: dict[tuple[str, str, str, bool], dict[tuple, Evidence]] = {}
    asserted: dict[tuple[str, str, str, bool], bool] = {}
    changed: set[tuple[str, str, str, bool]] = set()
    for stmt in statements:
        key = stmt.key()
        if key not in first:
            first[key] = stmt
            evidence[key] = {}
            asserted[key] = stmt.certainty == "asserted"
        else:
            changed.add(key)
            asserted[key] = asserted[key] or stmt.certainty == "asserted"
        spans = evidence[key]
        for ev in stmt.evidence:
            # One sentence read twice for one claim is one piece of evidence: keep the
            # reading with the higher confidence.
            span = (ev.document, ev.start, ev.end, ev.text)
            seen = spans.get(span)
            if seen is None:
                spans[span] = ev
            elif (ev.confidence or 0.0) > (seen.confidence or 0.0):
                spans[span] = ev
                changed.add(key)
            else:
                changed.add(key)
    merged = []
    for key, stmt in first.items():
        if key not in changed:
            merged.append(stmt)
            continue
        certainty = "asserted" if asserted[key] else "hedged"
        merged.append(replace(stmt, evidence=tuple(evidence[key].values()), certainty=certainty))
    return merged


MAX_DEPTH = 16
"""Deepest nesting of arrays and objects a JSON Lines statement may have."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _LineError(key, f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _LineError("", f"the number {text[:20]} is too large")
    return value


def _bounded_int(text: str) -> int:
    if len(text) > 30:
        raise _LineError("", f"the number {text[:20]}... has {len(text)} digits, too many for an offset or a count")
    return int(text)


def _refuse_constant(name: str) -> float:
    raise _LineError("", f"{name} is not a JSON number")


class _LineError(ValueError):
    """A JSON Lines problem with the field it is in."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _json_field(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _check_tree(value: Any) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and strings with lone surrogates."""
    stack: list[tuple[Any, tuple, int]] = [(value, (), 0)]
    while stack:
        node, where, depth = stack.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                raise _LineError(_json_field(where), "holds a lone surrogate (\\ud800-\\udfff), not text")
            continue
        if depth > MAX_DEPTH:
            raise _LineError(_json_field(where), f"nests more than {MAX_DEPTH} levels deep")
        if isinstance(node, dict):
            for key, item in node.items():
                if _SURROGATE.search(key):
                    raise _LineError(_json_field(where), "has a key with a lone surrogate")
                stack.append((item, (*where, key), depth + 1))
        elif isinstance(node, list):
            stack.extend((item, (*where, i), depth + 1) for i, item in enumerate(node))


@lru_cache(maxsize=1)
def statement_schema() -> dict[str, Any]:
    """Return the JSON Schema of one JSON Lines statement (``schemas/statement.schema.json``)."""
    from importlib import resources

    text = (resources.files("pharmgraph") / "schemas" / "statement.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(statement_schema())


def _schema_sentence(error) -> tuple[str, str]:
    field = _json_field(error.absolute_path)
    value = error.instance
    shown = json.dumps(value, ensure_ascii=False)[:60] if not isinstance(value, dict) else "an object"
    kind = error.validator
    if kind == "type":
        want = error.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        return field, f"must be {want}, not {shown}"
    if kind == "required":
        missing = next((k for k in error.validator_value if k not in (value or {})), "")
        return (f"{field}.{missing}" if field else missing), "is missing"
    if kind == "additionalProperties":
        return field, f"has an unknown key ({error.message.split('(')[-1].rstrip(')')})"
    if kind in ("minimum", "maximum"):
        return field, f"is {shown}, outside the allowed range"
    if kind == "pattern":
        return field, f"is {shown}, not a CURIE (prefix:identifier, both non-empty, no spaces)"
    if kind == "enum":
        return field, f"is {shown}, not one of {', '.join(map(str, error.validator_value))}"
    if kind == "anyOf" and field.endswith("source"):
        return field, f"is {shown}, not a CURIE (prefix:identifier) or null"
    if kind == "anyOf" and field.endswith(("subject", "object")):
        return field, "needs an 'id' or a 'label'"
    if kind in ("minLength", "maxLength"):
        return field, f"is {'empty' if kind == 'minLength' else 'too long'}"
    return field, error.message[:200]


def parse_statement_line(line: str, where: str = "line") -> Statement:
    """Parse and check one JSON Lines statement against the schema.

    The checks: valid JSON with no duplicate keys, no ``NaN``/``Infinity``, no number too large
    for a float, no lone surrogates, at most :data:`MAX_DEPTH` levels of nesting; then the JSON
    Schema (booleans as booleans, offsets non-negative integers, confidence in [0, 1],
    synonyms a list of strings, ids ``prefix:identifier``); then known entity types and
    predicates. An entity with a label and no id gets a local id
    (:func:`pharmgraph.identifiers.local_id`).

    Raises
    ------
    InputError
        ``"<where>, field <field>: <problem>."``

    Examples
    --------
    >>> parse_statement_line('{"subject": {"id": "x:1"}, "predicate": "binds", '
    ...                      '"object": {"id": "x:2"}, "negated": "false"}', "s.jsonl, line 1")
    Traceback (most recent call last):
    ...
    pharmgraph.errors.InputError: s.jsonl, line 1, field negated: must be boolean, not "false".
    """
    from pharmgraph.identifiers import entity_iri, local_id

    def fail(field: str, message: str) -> InputError:
        place = f"{where}, field {field}" if field else where
        return InputError(f"{place}: {message}.")

    try:
        data = json.loads(
            line,
            object_pairs_hook=_no_duplicates,
            parse_float=_finite_float,
            parse_int=_bounded_int,
            parse_constant=_refuse_constant,
        )
    except _LineError as exc:
        raise fail(exc.field, exc.message) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg}).") from None
    except RecursionError:
        raise fail("", f"nests more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:
        raise fail("", str(exc)[:200]) from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: not a statement (a JSON object is expected).")
    try:
        _check_tree(data)
    except _LineError as exc:
        raise fail(exc.field, exc.message) from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        raise fail(*_schema_sentence(errors[0]))
    for role in ("subject", "object"):
        entity = data[role]
        if "id" not in entity:
            entity["id"] = local_id(entity["label"])
        if entity.get("type", "Entity") not in ENTITY_TYPES:
            raise fail(f"{role}.type", f"is {entity['type']!r}, not a pharmgraph entity type")
        for key in ("id", "broader", "xrefs"):
            values = entity.get(key)
            for i, curie in enumerate([values] if isinstance(values, str) else values or ()):
                try:
                    entity_iri(curie)
                except (ValueError, UnicodeError):
                    field = f"{role}.{key}" + ("" if key == "id" else f"[{i}]")
                    raise fail(field, f"is {curie!r}, not a usable CURIE") from None
    for i, ev in enumerate(data.get("evidence") or ()):
        start, end = ev.get("start"), ev.get("end")
        if start is not None and end is not None and end < start:
            raise fail(f"evidence[{i}].end", f"is {end}, before its start {start}")
    try:
        return Statement.from_dict(data)
    except (ValueError, TypeError) as exc:
        field = "predicate" if "predicate" in str(exc) else ""
        raise fail(field, str(exc)) from None


# -- the fast check of one line ------------------------------------------------------------
#
# jsonschema costs about 1.5 ms a line, ten times the rest of reading it. Most lines are
# well-formed: :func:`statement_from_line` checks them by hand against the same schema and,
# at the first thing it is not sure of, hands the line to :func:`parse_statement_line`, which
# then refuses it with the strict reader's exact sentence (or accepts it). The hand check may
# only ever be stricter than the schema, never looser.

_CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:\S+$")
_TOP_KEYS = frozenset(("subject", "predicate", "object", "negated", "certainty", "qualifiers", "evidence"))
_ENTITY_KEYS = frozenset(("id", "label", "type", "synonyms", "broader", "xrefs"))
_EVIDENCE_KEYS = frozenset(("document", "text", "start", "end", "section", "references", "extractor",
                            "confidence", "source", "record", "source_version", "knowledge_level"))
_OPTIONAL_TEXT = ("section", "extractor", "record", "source_version", "knowledge_level")


class _Unsure(Exception):
    """The hand check cannot vouch for a line: the strict reader decides."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Unsure
    return out


def _curie_ok(value: Any) -> bool:
    return type(value) is str and len(value) <= 2000 and _CURIE.search(value) is not None


@lru_cache(maxsize=100_000)
def _usable_curie(curie: str) -> bool:
    from pharmgraph.identifiers import entity_iri

    try:
        entity_iri(curie)
    except (ValueError, UnicodeError):
        return False
    return True


def _strings_ok(value: Any, curies: bool = False) -> bool:
    if type(value) is not list:
        return False
    for item in value:
        if curies:
            if not _curie_ok(item) or not _usable_curie(item):
                return False
        elif type(item) is not str or not item:
            return False
    return True


def _entity_ok(data: Any) -> bool:
    if type(data) is not dict or not data.keys() <= _ENTITY_KEYS:
        return False
    ident = data.get("id")
    if ident is None:
        return False  # a label alone gets a local id: the strict reader mints it
    if not _curie_ok(ident) or not _usable_curie(ident):
        return False
    if "label" in data:
        label = data["label"]
        if type(label) is not str or not 1 <= len(label) <= 100_000:
            return False
    if "type" in data and (type(data["type"]) is not str or data["type"] not in ENTITY_TYPES):
        return False
    for key in ("synonyms", "broader", "xrefs"):
        if key in data and not _strings_ok(data[key], curies=key != "synonyms"):
            return False
    return True


def _offset_ok(value: Any) -> bool:
    return value is None or (type(value) is int and 0 <= value <= 1_000_000_000_000)


def _evidence_ok(data: Any) -> bool:
    if type(data) is not dict or not data.keys() <= _EVIDENCE_KEYS:
        return False
    document = data.get("document")
    if type(document) is not str or not 1 <= len(document) <= 2000:
        return False
    if "text" in data and type(data["text"]) is not str:
        return False
    start, end = data.get("start"), data.get("end")
    if not _offset_ok(start) or not _offset_ok(end) or (start is not None and end is not None and end < start):
        return False
    for key in _OPTIONAL_TEXT:
        value = data.get(key)
        if value is not None and type(value) is not str:
            return False
    if "references" in data and not (type(data["references"]) is list
                                     and all(type(r) is str for r in data["references"])):
        return False
    confidence = data.get("confidence")
    if confidence is not None and not (type(confidence) in (int, float) and 0 <= confidence <= 1):
        return False
    source = data.get("source")
    return source is None or _curie_ok(source)


def _plainly_valid(data: Any) -> bool:
    """True only when ``data`` certainly passes :func:`parse_statement_line`'s checks."""
    if type(data) is not dict or not data.keys() <= _TOP_KEYS:
        return False
    predicate = data.get("predicate")
    if type(predicate) is not str or predicate not in PREDICATES:
        return False  # full IRIs and prefixed names are normalised by the strict reader
    if not _entity_ok(data.get("subject")) or not _entity_ok(data.get("object")):
        return False
    if "negated" in data and type(data["negated"]) is not bool:
        return False
    if "certainty" in data and data["certainty"] not in ("asserted", "hedged"):
        return False
    if "qualifiers" in data:
        qualifiers = data["qualifiers"]
        if type(qualifiers) is not dict:
            return False
        for key, value in qualifiers.items():
            if not 1 <= len(key) <= 200 or type(value) is not str or len(value) > 100_000:
                return False
    if "evidence" in data:
        evidence = data["evidence"]
        if type(evidence) is not list:
            return False
        for item in evidence:
            if not _evidence_ok(item):
                return False
    return True


def statement_from_line(line: str, where: str = "line") -> Statement:
    """Parse one JSON Lines statement as :func:`parse_statement_line` does, faster.

    A line that the hand check finds plainly valid is built straight away; any other goes
    to the strict reader, so a malformed line is refused with exactly its sentence.

    Raises
    ------
    InputError
        ``"<where>, field <field>: <problem>."``, as :func:`parse_statement_line`.

    Examples
    --------
    >>> line = '{"subject": {"id": "x:1"}, "predicate": "binds", "object": {"id": "x:2"}}'
    >>> statement_from_line(line) == parse_statement_line(line)
    True
    """
    # Escapes may hide lone surrogates; large or odd numbers, NaN and deep nesting all fail
    # the hand check's types and ranges.
    if "\\u" in line:
        return parse_statement_line(line, where)
    try:
        data = json.loads(line, object_pairs_hook=_pairs)
    except (_Unsure, ValueError, RecursionError):
        return parse_statement_line(line, where)
    if not _plainly_valid(data):
        return parse_statement_line(line, where)
    try:
        return Statement.from_dict(data)
    except (ValueError, TypeError):
        return parse_statement_line(line, where)


def iter_jsonl(path: str | Path) -> Iterator[Statement]:
    """Stream the statements of a JSON Lines file, line by line, checked as strictly as
    :func:`read_jsonl` (same sentences), but without holding the file: a bad line raises
    when it is reached, after the statements before it were yielded.

    Raises
    ------
    InputError
        For a missing file or a malformed line (file, line and field named).
    """
    for where, line in jsonl_lines(path):
        yield statement_from_line(line, where)


def jsonl_lines(path: str | Path) -> Iterator[tuple[str, str]]:
    """Yield ``(where, line)`` for each non-blank line of a JSON Lines file, decoded (a
    leading byte-order mark dropped); ``where`` names the file and line for error sentences.

    Raises
    ------
    InputError
        For a missing or unreadable file, or a line that is not UTF-8 text.
    """
    path = Path(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a JSON Lines file.") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raw = raw.rstrip(b"\n")
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{path}, line {lineno}: not UTF-8 text.") from None
            yield f"{path}, line {lineno}", line


def read_jsonl(path: str | Path) -> Iterator[Statement]:
    """Read statements from a JSON Lines file, one statement a line, checked strictly.

    Every line is checked against ``schemas/statement.schema.json`` (see
    :func:`parse_statement_line`; well-formed lines by the faster hand check of
    :func:`statement_from_line`, with the same verdicts and sentences). The whole file is read before the first statement is
    yielded, so a bad line anywhere refuses the file whole.

    Raises
    ------
    InputError
        One sentence naming the file, the line and the field, when a line is not a valid
        statement.
    """
    yield from list(iter_jsonl(path))


def write_jsonl(statements: Iterable[Statement], path: str | Path) -> int:
    """Write statements as JSON Lines; return how many were written."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for stmt in statements:
            handle.write(stmt.to_json() + "\n")
            count += 1
    return count
