"""A trial's population names the use of the drug it was given: "patients with D received X".

Abstracts state a drug's use through whom it was given to more often than through a use word:
"201 patients with T790M-positive lung cancer received osimertinib", "adults with type 2
diabetes were randomly assigned to X or placebo", "people with D started on X". The condition
that defines the population is what the drug is for (``treats``), unless it only qualifies
the patients (renal or hepatic impairment, a history of something), the sentence denies or
warns ("contraindicated", "excluded"), or another use is named in the same clause.

:func:`population_use` is one rule of :mod:`pharmgraph.extract.relations`, called at the word
that gives the drug (``received``, ``assigned``, ``started``...).
"""

from __future__ import annotations

import re

GIVING_WORDS = frozenset({"received", "receiving", "assigned", "allocated", "randomised", "randomized", "started",
                          "treated", "took", "taking", "given", "on"})  # fmt: skip
"""Words after which a trial names the drug its population was given."""

_BEFORE_DRUG = frozenset({"to", "on", "with", "either", "oral", "intravenous", "subcutaneous", "inhaled", "open-label",
                          "a", "an", "the", "daily", "once-daily", "twice-daily", "extended-release"})  # fmt: skip
_POPULATION = frozenset({"patients", "adults", "people", "children", "subjects", "participants", "individuals", "women",
                         "men", "adolescents", "volunteers", "outpatients", "inpatients"})  # fmt: skip
# Conditions that say who the patients are, not what the drug is for.
_QUALIFYING = re.compile(r"impairment|insufficiency|renal|hepatic|kidney disease|liver disease|pregnan|history", re.IGNORECASE)
_WARNING = re.compile(r"contraindicat|exclud|should not|must not|avoid|caution|unless|except|without\b", re.IGNORECASE)


def population_use(rules, i: int) -> bool:
    """"(N) patients with D (...) received X": X treats D. ``rules`` is the sentence's
    :class:`pharmgraph.extract.relations._Rules`; ``i`` the index of the giving word."""
    j = i + 1
    while rules.low(j) in _BEFORE_DRUG:
        j += 1
    if not rules.is_drug(j):
        return _assigned_population(rules, i)
    if rules.low(i) == "on" and rules.low(i - 1) in ("stay", "stayed", "remain", "remained", "kept", "based", "depends", "depend"):
        return False  # "on X" as the drug the patients take, not "stay on X" or "based on X"
    start, _ = rules.c.bounds(i)
    k = i - 1
    conditions: list[int] = []
    while k >= start:
        if rules.is_drug(k):
            return False  # another drug between: its own statement
        if rules.low(k) == "with" and rules.low(k - 1) in _POPULATION:
            conditions = [x for x in range(k + 1, i) if _condition(rules, x)]
            break
        k -= 1
    if not conditions or rules.c.negated(start, i):
        return False
    if _WARNING.search(" ".join(t.text for t in rules.t)):
        return False
    return _add(rules, conditions, j, i)


_TITLE_JOINS = frozenset({"versus", "vs", "vs.", "or", "and", "plus", "with", ",", "compared", "to", "from", "than"})
_TITLE_OPENERS = frozenset({"switching", "switch", "adding", "add-on", "the", "a", "an", "from", "to", "oral", "intravenous",
                            "subcutaneous", "inhaled", "low-dose", "high-dose", "once-weekly", "once-daily"})  # fmt: skip


def compared_in_population(rules, i: int) -> bool:
    """"X versus Y in adults aged 65 years or older with D: a randomised trial", "Switching
    from X to Y in adults with D": a trial's title, its drugs before "in" (index ``i``) and the
    population with the condition they are for after it: each drug treats D."""
    k = i - 1
    drugs: list[int] = []
    while k >= 0:
        if rules.is_drug(k):
            drugs.insert(0, k)
        elif rules.m(k) is not None or rules.low(k) not in _TITLE_JOINS:
            break
        k -= 1
    if not drugs:
        return False
    while k >= 0 and rules.low(k) in _TITLE_OPENERS:
        k -= 1
    if k >= 0:
        return False  # the drugs open the sentence (a title), with no verb before them
    j = i + 1
    while j < rules.n and (rules.low(j).isdigit() or rules.low(j) in ("older", "elderly", "young", "adult")):
        j += 1
    if rules.low(j) not in _POPULATION:
        return False
    end = min(rules.n, j + 10)
    while j < end and rules.low(j) != "with":
        if rules.m(j) is not None:
            return False
        j += 1
    if rules.low(j) != "with":
        return False
    conditions: list[int] = []
    j += 1
    while j < rules.n and rules.low(j) not in (":", ";", ".", "(") and not rules.is_drug(j):
        if _condition(rules, j):
            conditions.append(j)
        j += 1
    if not conditions or rules.c.negated(0, i) or _WARNING.search(" ".join(t.text for t in rules.t)):
        return False
    conditions = [x for x in conditions if not _QUALIFYING.search(rules.m(x).entities[0].label) and not _QUALIFYING.search(rules.m(x).text)]
    if not conditions:
        return False
    return rules.add([rules.m(x).entities[0] for x in drugs], conditions, "treats", "treat", "population", 0.6, i, conditions[0], drugs[-1])


def _assigned_population(rules, i: int) -> bool:
    """"We randomly assigned 540 people with D to X or Y": X and Y treat D."""
    if rules.low(i) not in ("assigned", "allocated", "randomised", "randomized"):
        return False
    start, end = rules.c.bounds(i)
    k = i + 1
    seen_population = False
    while k < end and k < i + 14 and not (rules.low(k) == "with" and seen_population):
        if rules.m(k) is not None:
            return False
        seen_population = seen_population or rules.low(k) in _POPULATION  # "540 people aged 65 or more with D"
        k += 1
    if rules.low(k) != "with":
        return False
    conditions: list[int] = []
    j = k + 1
    while j < end and rules.low(j) != "to":
        if rules.is_drug(j):
            return False
        if _condition(rules, j):
            conditions.append(j)
        j += 1
    j += 1
    while rules.low(j) in _BEFORE_DRUG:
        j += 1
    if not conditions or not rules.is_drug(j) or rules.c.negated(start, j) or _WARNING.search(" ".join(t.text for t in rules.t)):
        return False
    return _add(rules, conditions, j, i)


def _condition(rules, x: int) -> bool:
    """True for a disease or adverse-event mention at ``x``."""
    return rules.is_object(x) and rules.m(x).group in ("Disease", "AdverseEvent")


def _add(rules, conditions: list[int], j: int, i: int) -> bool:
    """Record that the drugs coordinated at ``j`` treat the first condition that is a use."""
    conditions = [x for x in conditions if not _QUALIFYING.search(rules.m(x).entities[0].label) and not _QUALIFYING.search(rules.m(x).text)]
    if not conditions:
        return False
    drugs = _arms(rules, j)
    return rules.add([rules.m(x).entities[0] for x in drugs], conditions[:1], "treats", "treat", "population", 0.6, i, conditions[0], j)


_DOSE_WORDS = frozenset({"mg", "g", "mcg", "µg", "ug", "ml", "mg/kg", "iu", "units", "to", "daily", "once", "twice", "a", "day",
                         "per", "weekly", "nightly", "-", "extended-release", "modified-release", "oral", "intravenous",
                         "subcutaneous", "inhaled", ",", "or", "and", "either"})  # fmt: skip


def _arms(rules, j: int) -> list[int]:
    """The drugs of a trial's arms from ``j``: "X 4 mg or Y 10 mg", "X 5 to 10 mg or extended-release Y"."""
    out = [j]
    k = j + 1
    while k < rules.n:
        low = rules.low(k)
        if rules.is_drug(k) and any(rules.low(x) in ("or", "and") for x in range(out[-1] + 1, k)):
            out.append(k)
        elif rules.m(k) is not None or not (low in _DOSE_WORDS or low.replace(".", "").isdigit()):
            break
        k += 1
    return out
