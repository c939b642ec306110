"""Table rows: read by their header, or as a drug, an outcome and a result.

A table whose first row is a header that names what its columns hold (:func:`header_roles`:
a column of drugs, of targets or receptors, of mechanisms, of indications, of adverse effects)
is read cell by cell: each row's drug (its drug cell, else the document's drug) treats the
diseases of its indication cell, causes those of its adverse-effect cell, acts on the targets
of its target cell (with the action its cell or mechanism cell words: "antagonist",
"inhibitor"...) and does what its mechanism cell says. Text tables (tabs), Markdown pipes and
HTML ``<tr>`` rows all arrive here as tab-separated rows.

Other tables keep the trial layout: a row states a relation when it names exactly one drug and ends in a result cell that says
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
from dataclasses import dataclass, field, replace

from pharmgraph.extract.relations import Relation, SentenceContext, find_relations
from pharmgraph.extract.tokens import Mention, group_of
from pharmgraph.model import Entity

_NEG_RE = re.compile(r"^\s*(?:no|none|not|n\.?\s?s\.?|ineffective|inactive|unchanged)\b", re.IGNORECASE)
_PROTECT_RE = re.compile(r"protect", re.IGNORECASE)
_DOWN_RE = re.compile(r"↓|reduc|decreas|inhibit|suppress|attenuat|lower|block|abolish", re.IGNORECASE)
_UP_RE = re.compile(r"↑|increas|enhanc|potentiat|stimulat|elevat|activat", re.IGNORECASE)
_DOSE_RE = re.compile(r"\d\s*(?:-\s*\d+\s*)?(?:mg|μ\s?M|µ\s?M|nM|mM|g/|ml|mL|%\s*w)|up to \d", re.IGNORECASE)


@dataclass
class TableState:
    """What the rows above said: the model (disease) a continuation row inherits, and the
    header's column roles (None until a header is read; :meth:`end` forgets it)."""

    model: list[Entity] = field(default_factory=list)
    roles: list[str | None] | None = None
    header: str = ""
    rows: int = 0

    def end(self) -> None:
        """Forget the table: the next row starts a new one."""
        self.roles, self.header, self.rows = None, "", 0


_COLUMN_ROLES: list[tuple[str, re.Pattern]] = [
    ("adverse", re.compile(r"adverse|side[- ]?effects?|toxicit|safety|warnings?|undesirable", re.IGNORECASE)),
    ("indication", re.compile(r"indicat|\buses?\b|approved|therapeutic|disease|conditions?|clinical use", re.IGNORECASE)),
    ("mechanism", re.compile(r"mechanism|\baction|\bmode\b|pharmacolog", re.IGNORECASE)),
    ("target", re.compile(r"target|receptor|enzyme|channel|transporter|binding|affinity|site", re.IGNORECASE)),
    ("metabolism", re.compile(r"metabol|\bcyp|clearance|eliminat", re.IGNORECASE)),
    ("drug", re.compile(r"^(?:drugs?|agents?|compounds?|medications?|medicines?|molecules?|names?|"
                        r"(?:generic|drug|brand) names?|treatments?|active (?:ingredient|substance)s?|inhibitors?|"
                        r"antagonists?|agonists?|blockers?|statins?|examples?)$", re.IGNORECASE)),
    ("class", re.compile(r"\bclass|\bgroup|\bfamily|\btype", re.IGNORECASE)),
]
# Words of a cell that say how a drug acts on the target its row names.
_ACTION_CUES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"inverse agonis", re.IGNORECASE), "inverse_agonist_of"),
    (re.compile(r"positive allosteric|\bPAM\b|potentiat", re.IGNORECASE), "positively_modulates"),
    (re.compile(r"negative allosteric|\bNAM\b", re.IGNORECASE), "negatively_modulates"),
    (re.compile(r"antagonis", re.IGNORECASE), "antagonist_of"),
    (re.compile(r"agonis", re.IGNORECASE), "agonist_of"),
    (re.compile(r"block", re.IGNORECASE), "blocks"),
    (re.compile(r"inhibit|suppress", re.IGNORECASE), "inhibits"),
    (re.compile(r"open", re.IGNORECASE), "opens"),
    (re.compile(r"activat|stimulat", re.IGNORECASE), "activates"),
    (re.compile(r"substrate", re.IGNORECASE), "substrate_of"),
    (re.compile(r"modulat", re.IGNORECASE), "modulates"),
    (re.compile(r"bind", re.IGNORECASE), "binds"),
]
_EMPTY_CELL = re.compile(r"^\s*(?:[-–—/]|n/?a|none|nil|not (?:known|reported|applicable))?\s*$", re.IGNORECASE)


def header_roles(cells: Sequence[str]) -> list[str | None] | None:
    """Return the role of each header cell, or None when the row is not such a header.

    A header names at least two columns by what they hold, one of them not the drug column.

    Examples
    --------
    >>> header_roles(["Drug", "Receptor", "Indications", "Adverse effects"])
    ['drug', 'target', 'indication', 'adverse']
    >>> header_roles(["Model", "Dose", "Result"]) is None
    True
    """
    roles: list[str | None] = []
    for cell in cells:
        text = " ".join(cell.split())
        role = None
        if text and len(text.split()) <= 6:
            for name, pattern in _COLUMN_ROLES:
                if pattern.search(text):
                    role = name
                    break
        roles.append(role)
    known = [r for r in roles if r is not None]
    if len(known) < 2 and not (len(known) == 1 and known[0] not in ("drug", "class") and len(cells) == 2):
        return None
    if not any(r in ("adverse", "indication", "mechanism", "target", "metabolism") for r in known):
        return None
    return roles


def _action(text: str) -> str | None:
    for pattern, predicate in _ACTION_CUES:
        if pattern.search(text):
            return predicate
    return None


def _header_relations(
    text: str,
    cells: list[tuple[int, int]],
    mentions: Sequence[Mention],
    state: TableState,
    context: SentenceContext | None,
    drug: Entity | None,
) -> list[Relation]:
    roles = state.roles or []
    by_cell: dict[int, list[Mention]] = {}
    for m in mentions:
        for idx, (a, b) in enumerate(cells):
            if a <= m.start < b:
                by_cell.setdefault(idx, []).append(m)
                break
    drug_cols = [i for i, r in enumerate(roles) if r == "drug"]
    subjects: list[Entity] = []
    for i in drug_cols or range(len(cells)):
        if i < len(roles) and roles[i] not in (None, "drug", "class") and not drug_cols:
            continue
        subjects.extend(e for m in by_cell.get(i, []) if m.is_drug and m.kind != "anaphor" for e in m.entities)
        if subjects:
            break
    if not subjects and drug is not None and not drug_cols:
        subjects = [drug]
    subjects = list({e.id: e for e in subjects}.values())
    if not subjects:
        return []
    cell_text = [text[a:b] for a, b in cells]
    mechanism = " ".join(cell_text[i] for i, r in enumerate(roles) if r == "mechanism" and i < len(cells))
    header_cells = state.header.split("\t")
    found: list[tuple[str, Entity, int]] = []
    out: list[Relation] = []
    for idx, role in enumerate(roles):
        if idx >= len(cells) or role in (None, "drug", "class") or _EMPTY_CELL.match(cell_text[idx]):
            continue
        negated = bool(_NEG_RE.match(cell_text[idx]))
        cell_mentions = [m for m in by_cell.get(idx, []) if not m.is_drug]
        if role in ("adverse", "indication"):
            predicate = "causes_adverse_event" if role == "adverse" else "treats"
            for m in cell_mentions:
                for e in m.entities:
                    if group_of(e.type) in ("Disease", "AdverseEvent"):
                        found.append((predicate, e, idx))
        elif role in ("target", "metabolism"):
            head = header_cells[idx] if idx < len(header_cells) else ""
            cue = _action(cell_text[idx]) or _action(head) or _action(mechanism)
            for m in cell_mentions:
                for e in m.entities:
                    group = group_of(e.type)
                    if group == "Effect" and role == "target":
                        # "Noradrenaline release" in a target column: what the drug acts on
                        found.append((cue or "affects", e, idx))
                        continue
                    if group != "Target":
                        continue
                    if role == "metabolism" or (cue == "substrate_of" and e.type == "Enzyme"):
                        found.append(("metabolised_by" if e.type in ("Enzyme", "Protein") else "substrate_of", e, idx))
                        continue
                    predicate = cue
                    if predicate is None and context is not None:
                        predicate = context.previous.get(e.id)
                    found.append((predicate or "binds", e, idx))
        elif role == "mechanism":
            a = cells[idx][0]
            shifted = [replace(m, start=m.start - a, end=m.end - a) for m in cell_mentions]
            ctx = SentenceContext(carry=subjects[0], carry_any=True, previous=context.previous if context else {},
                                  disease=context.disease if context else None,
                                  condition=context.condition if context else None)  # fmt: skip
            before = len(out)
            for rel in find_relations(cell_text[idx], shifted, ctx):
                for subject in subjects:
                    out.append(replace(rel, subject=subject, confidence=0.6, rule="table", trigger=(rel.trigger[0] + a, rel.trigger[1] + a)))
            if len(out) == before:
                cue = _action(cell_text[idx])
                for m in cell_mentions:
                    for e in m.entities:
                        if group_of(e.type) == "Target" and cue:
                            found.append((cue, e, idx))
            continue
        if negated:
            found = [(p, e, i) if i != idx else (p, e, -1 - i) for p, e, i in found]
    seen = {(r.subject.id, r.predicate, r.object.id) for r in out}
    for predicate, entity, idx in found:
        negated = idx < 0
        idx = -1 - idx if negated else idx
        a, b = cells[idx]
        for subject in subjects:
            key = (subject.id, predicate, entity.id)
            if key in seen or subject.id == entity.id:
                continue
            seen.add(key)
            out.append(Relation(subject, predicate, entity, negated, "asserted", 0.6, "table", (a, b)))
    return out


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
    text: str,
    mentions: Sequence[Mention],
    state: TableState,
    context: SentenceContext | None = None,
    drug: Entity | None = None,
) -> tuple[list[Relation], dict[str, str]]:
    """Return the relations of one table row and its qualifiers (the dose cell, the header).

    Parameters
    ----------
    text : str
        The row's clean text, cells separated by tabs.
    mentions : sequence of Mention
        The row's mentions.
    state : TableState
        Carries the header and the model disease from row to row (updated here).
    context : SentenceContext, optional
        Earlier predicates and lookups.
    drug : Entity, optional
        The document's drug, the subject of rows of a table with no drug column.
    """
    cells = _cells(text)
    # Markdown rows "| a | b |" begin and end with an empty cell: drop those edges
    while len(cells) > 1 and not text[cells[0][0] : cells[0][1]].strip() and not any(cells[0][0] <= m.start < cells[0][1] for m in mentions):
        cells = cells[1:]
    while len(cells) > 1 and not text[cells[-1][0] : cells[-1][1]].strip():
        cells = cells[:-1]
    if len(cells) < 2:
        return [], {}
    state.rows += 1
    if state.rows == 1:
        roles = header_roles([text[a:b] for a, b in cells])
        if roles is not None and not any(m.is_drug and m.kind != "anaphor" for m in mentions):
            state.roles = roles
            state.header = "\t".join(" ".join(text[a:b].split()) for a, b in cells)
            return [], {}
    if state.roles is not None:
        relations = _header_relations(text, cells, mentions, state, context, drug)
        return relations, ({"table_header": state.header.replace("\t", " | ")} if relations else {})

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
    model_cell = [e for m in by_cell.get(0, []) for e in m.entities if group_of(e.type) in ("Disease", "AdverseEvent")]
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
    if any(not m.is_drug for m in by_cell.get(result_idx, [])):
        return [], {}  # the last cell names an outcome ("↓ Glutamate &"), not a result
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
        diseases = [e for i in outcome_idx for m in by_cell.get(i, []) for e in m.entities if group_of(e.type) in ("Disease", "AdverseEvent")]
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
                    group = group_of(e.type)
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
