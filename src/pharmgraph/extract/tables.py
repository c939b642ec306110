"""Table rows: a drug, an outcome and a result ("91% Protection", "No Effect").

A row states a relation when it names exactly one drug and ends in a result cell that says
what happened: a protection (the drug treats the model's disease), a reduction or an increase
(of the outcome cell's effect), or nothing ("No Effect", "No Protection": the same relation,
negated). Rows that continue a model from the row above ("(DBA/2 Mice)") inherit its disease.

Examples
--------
>>> classify_result("91% Protection"), classify_result("No Effect"), classify_result("P<0.01")
(('protect', False), ('', True), None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pharmgraph.extract.relations import Relation, SentenceContext
from pharmgraph.extract.tokens import Mention
from pharmgraph.model import Entity
from pharmgraph.vocabulary import type_group

_NEG_RE = re.compile(r"^\s*(?:no|none|not|n\.?\s?s\.?|ineffective|inactive|unchanged)\b", re.IGNORECASE)
_PROTECT_RE = re.compile(r"protect", re.IGNORECASE)
_DOWN_RE = re.compile(r"↓|reduc|decreas|inhibit|suppress|attenuat|lower|block|abolish", re.IGNORECASE)
_UP_RE = re.compile(r"↑|increas|enhanc|potentiat|stimulat|elevat|activat", re.IGNORECASE)
_DOSE_RE = re.compile(r"\d\s*(?:-\s*\d+\s*)?(?:mg|μ\s?M|µ\s?M|nM|mM|g/|ml|mL|%\s*w)|up to \d", re.IGNORECASE)


@dataclass
class TableState:
    """What the rows above said: the model (disease) a continuation row inherits."""

    model: list[Entity] = field(default_factory=list)


def classify_result(cell: str) -> tuple[str, bool] | None:
    """Return (direction, negated) of a result cell: direction is ``protect``, ``down``,
    ``up`` or ``""`` (no change); None when the cell states no result."""
    negated = bool(_NEG_RE.match(cell))
    if _PROTECT_RE.search(cell):
        return "protect", negated
    if negated:
        return "", True
    if _DOWN_RE.search(cell):
        return "down", False
    if _UP_RE.search(cell):
        return "up", False
    return None


def _cells(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for part in re.split(r"(\t| \| )", text):
        if part in ("\t", " | "):
            pos += len(part)
            continue
        spans.append((pos, pos + len(part)))
        pos += len(part)
    return spans


def table_relations(
    text: str, mentions: Sequence[Mention], state: TableState, context: SentenceContext | None = None
) -> tuple[list[Relation], dict[str, str]]:
    """Return the relations of one table row and its qualifiers (the dose cell).

    Parameters
    ----------
    text : str
        The row's clean text, cells separated by tabs.
    mentions : sequence of Mention
        The row's mentions.
    state : TableState
        Carries the model disease from row to row (updated here).
    """
    cells = _cells(text)
    if len(cells) < 2:
        return [], {}

    def cell_of(m: Mention) -> int:
        for idx, (a, b) in enumerate(cells):
            if a <= m.start < b:
                return idx
        return -1

    by_cell: dict[int, list[Mention]] = {}
    for m in mentions:
        by_cell.setdefault(cell_of(m), []).append(m)
    drugs = {m.entities[0].id: (cell_of(m), m) for m in mentions if m.is_drug and m.kind != "anaphor"}
    first = text[cells[0][0] : cells[0][1]].strip()
    model_cell = [e for m in by_cell.get(0, []) for e in m.entities if type_group(e.type) in ("Disease", "AdverseEvent")]
    drug_cells = {c for c, _ in drugs.values()}
    if not first.startswith("(") and 0 not in drug_cells:
        state.model = model_cell  # a new model starts here; "(...)" rows continue the last
    if len(drugs) != 1:
        return [], {}
    drug_cell, drug_mention = next(iter(drugs.values()))
    result_idx = max(i for i, (a, b) in enumerate(cells) if text[a:b].strip()) if any(text[a:b].strip() for a, b in cells) else -1
    if result_idx <= drug_cell:
        return [], {}
    result_text = text[cells[result_idx][0] : cells[result_idx][1]]
    verdict = classify_result(result_text)
    if verdict is None:
        return [], {}
    kind, negated = verdict
    dose = ""
    outcome_idx: list[int] = []
    for idx in range(len(cells)):
        if idx in (drug_cell, result_idx):
            continue
        cell_text = text[cells[idx][0] : cells[idx][1]]
        if not dose and _DOSE_RE.search(cell_text) and not by_cell.get(idx):
            dose = cell_text.strip()
            continue
        if idx > drug_cell:
            outcome_idx.append(idx)
    outcome_text = " ".join(text[cells[i][0] : cells[i][1]] for i in outcome_idx)
    subject = drug_mention.entities[0]
    found: list[tuple[str, Entity]] = []
    if kind == "protect":
        diseases = [e for i in outcome_idx for m in by_cell.get(i, []) for e in m.entities if type_group(e.type) in ("Disease", "AdverseEvent")]
        for e in diseases or state.model:
            found.append(("treats", e))
    else:
        if kind == "down" or (not kind and _DOWN_RE.search(outcome_text)):
            base = "decreases"
        elif kind == "up" or (not kind and _UP_RE.search(outcome_text)):
            base = "increases"
        else:
            base = "affects"
        for i in outcome_idx:
            for m in by_cell.get(i, []):
                for e in m.entities:
                    group = type_group(e.type)
                    if group in ("Target", "Effect"):
                        found.append((base, e))
                    elif group in ("Disease", "AdverseEvent") and base == "decreases":
                        found.append(("treats", e))
    start, end = cells[result_idx]
    out = []
    seen = set()
    for predicate, entity in found:
        if predicate == "affects" and context is not None:
            predicate = context.previous.get(entity.id, predicate)
        key = (predicate, entity.id)
        if key in seen or entity.id == subject.id:
            continue
        seen.add(key)
        out.append(Relation(subject, predicate, entity, negated, "asserted", 0.6, "table", (start, end)))
    return out, ({"dose": dose} if dose else {})
