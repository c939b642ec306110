"""Trigger words of chemical–protein relations, grouped into classes.

The classes are features for the relation model: they let it generalise from one trigger to
its synonyms (``inhibits``, ``blocks``, ``abolishes``). Words are matched by prefix on the
lower-cased stem, longest prefix first, so ``inhibitor`` (a noun) and ``inhibit`` (a verb)
fall into different classes.
"""

from __future__ import annotations

from functools import lru_cache

TRIGGERS: dict[str, tuple[str, ...]] = {
    "INHIBITOR_N": ("inhibitor", "blocker", "inactivator"),
    "INHIBIT": (
        "inhibit",
        "block",
        "abolish",
        "abrogat",
        "prevent",
        "impair",
        "inactivat",
        "silenc",
        "interfer",
        "ic00",
        "ki",
        "irreversibl",
    ),
    "ANTAGONIST": ("antagonist", "antagoniz", "antagonis"),
    "AGONIST": ("agonist", "agonism"),
    "INVERSE": ("inverse", "partial"),
    "ACTIVATOR_N": ("activator", "opener", "inducer", "stimulator", "enhancer"),
    "ACTIVATE": ("activat", "stimulat", "potentiat", "trigger", "transactivat", "agonistic"),
    "UP": (
        "increas",
        "upregul",
        "up-regul",
        "elevat",
        "induc",
        "augment",
        "enhanc",
        "rais",
        "promot",
        "overexpress",
        "accumulat",
        "restor",
    ),
    "DOWN": (
        "decreas",
        "downregul",
        "down-regul",
        "reduc",
        "lower",
        "diminish",
        "attenuat",
        "suppress",
        "declin",
        "depress",
        "deplet",
        "loss",
        "repress",
        "counteract",
        "revers",
    ),
    "EXPRESSION": (
        "express",
        "mrna",
        "level",
        "transcript",
        "secret",
        "content",
        "abundanc",
        "protein",
        "gene",
    ),
    "SUBSTRATE": (
        "substrate",
        "metaboli",
        "transport",
        "uptak",
        "hydroxyl",
        "oxid",
        "efflux",
        "clearanc",
        "glucuronid",
        "demethyl",
        "sulfat",
        "conjugat",
        "hydroly",
        "cleav",
        "degrad",
        "carri",
        "import",
        "export",
        "influx",
        "reduct",
    ),
    "PRODUCT": (
        "product",
        "produc",
        "generat",
        "synthes",
        "biosynth",
        "form",
        "releas",
        "yield",
        "liberat",
    ),
    "CATALYSE": ("cataly", "convert", "conver", "enzym"),
    "BIND": (
        "bind",
        "bound",
        "affinit",
        "ligand",
        "interact",
        "occup",
        "displac",
        "selectiv",
        "dock",
        "recogni",
        "kd",
        "potenc",
    ),
    "PART": (
        "residu",
        "domain",
        "site",
        "contain",
        "moiet",
        "cofactor",
        "pocket",
        "motif",
        "phosphorylat",
        "prenylat",
        "glycosylat",
        "structur",
        "compos",
        "linked",
    ),
    "REGULATE": (
        "modulat",
        "regulat",
        "target",
        "mediat",
        "depend",
        "affect",
        "alter",
        "control",
        "respons",
        "sensitiv",
        "action",
    ),
    "HEDGE": ("may", "might", "could", "possibl", "suggest", "potential", "putativ"),
}

_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        ((prefix, cls) for cls, prefixes in TRIGGERS.items() for prefix in prefixes),
        key=lambda item: -len(item[0]),
    )
)
_EXACT = frozenset({"ki", "kd", "ic00", "may", "form", "loss"})


@lru_cache(maxsize=65536)
def trigger_class(word: str) -> str | None:
    """Return the trigger class of a lower-cased word or stem, or None.

    Examples
    --------
    >>> trigger_class("inhibitor"), trigger_class("inhibit"), trigger_class("the")
    ('INHIBITOR_N', 'INHIBIT', None)
    """
    for prefix, cls in _PREFIXES:
        if word.startswith(prefix):
            if prefix in _EXACT and word != prefix:
                continue
            return cls
    return None
