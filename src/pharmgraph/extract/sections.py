"""What a section of a label, monograph or review says about the document's drug.

Drug labels and monographs name their drug once, in the title, and then list facts under
headings: the items under "Adverse reactions" are adverse events of the drug, those under
"Indications" its uses, those under "Mechanism of action" its actions. :func:`section_role`
reads a heading (or a run-in label such as "Side effects:") into one of these roles, and
:func:`section_relations` turns the conditions a list item or a short sentence names into
statements about the drug when the grammar rules found none.

Examples
--------
>>> section_role("6 ADVERSE REACTIONS"), section_role("1 INDICATIONS AND USAGE")
('adverse', 'indication')
>>> section_role("12.1 Mechanism of Action"), section_role("4 CONTRAINDICATIONS")
('mechanism', 'contraindication')
>>> section_role("Results") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pharmgraph.extract.context import Clauses
from pharmgraph.extract.folded import FoldedPattern
from pharmgraph.extract.relations import Relation
from pharmgraph.extract.tokens import Mention, group_of, tokenize
from pharmgraph.model import Entity

ROLES = ("adverse", "indication", "mechanism", "pharmacokinetics", "contraindication", "interaction")
"""The roles a section can have; only the first four let statements inherit the drug."""

_ROLE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("contraindication", re.compile(r"\bcontra-?indicat", re.IGNORECASE)),
    ("interaction", re.compile(r"\binteractions?\b", re.IGNORECASE)),
    (
        "adverse",
        re.compile(
            r"\badverse\b|\bside[- ]effects?\b|\btoxicit|\bundesirable effects?\b|\bsafety\b|"
            r"\btolerability\b|\bwarnings?\b|\bprecautions?\b|\boverdos",
            re.IGNORECASE,
        ),
    ),
    (
        "indication",
        re.compile(
            r"\bindicat|\b(?:therapeutic|clinical|approved|medical) uses?\b|^uses?\b|\bused for\b|"
            r"\btherapeutic (?:applications?|indications?)\b|\bapproved for\b",
            re.IGNORECASE,
        ),
    ),
    (
        "mechanism",
        re.compile(
            r"\bmechanisms?\b|\bmode of action\b|\bpharmacodynamic|\bactions?\b|"
            r"\b(?:molecular )?targets?\b|\bpharmacology\b",
            re.IGNORECASE,
        ),
    ),
    (
        "pharmacokinetics",
        re.compile(r"\bpharmacokinetic|\bmetabolism\b|\belimination\b|\bdisposition\b|\babsorption\b|\bexcretion\b",
                   re.IGNORECASE),
    ),
]
_NUMBER_PREFIX = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,2}\.?\s+")
# Words that make a sentence in an adverse-reaction section speak of something else: a
# population ("patients with renal impairment"), a comparison or an absence.
_NOT_EVENT_CONTEXT = FoldedPattern(
    r"\b(?:patients|subjects|individuals|people|children|adults|women|men)\s+with\b|\bhistory of\b|"
    r"\brisk factors?\b|\bpredispos|\bmonitor|\bcessation\b|\bdiscontinu|\bwithdrawal\b|\bstopping\b|\bcontra-?indicat"
)

# "... have been reported in", "... occurred mostly among": a report of the events named before it
_REPORTED_BEFORE = re.compile(
    r"\b(?:(?:has|have) been|was|were|is|are)\s+(?:\w+ly\s+)?(?:reported|observed|seen|noted|described)\b"
    r"|\b(?:occurred|developed)\b",
    re.IGNORECASE,
)


def section_role(title: str | None) -> str | None:
    """Return the role of a section heading (one of :data:`ROLES`), or None.

    Parameters
    ----------
    title : str or None
        The heading as the document writes it, numbering and case as they come.
    """
    if not title:
        return None
    text = _NUMBER_PREFIX.sub("", title).strip().rstrip(":")
    if len(text.split()) > 10:
        return None
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(text):
            return role
    return None


_EVENT_LIST = FoldedPattern(
    r"\b(?:adverse|side|undesirable|unwanted)[- ](?:events?|effects?|reactions?)\b.{0,40}?\b(?:include[sd]?|were|are|was|is|comprised?|consisted of)\b"
    r"|\b(?:include[sd]?|were|are|is|was)\b.{0,30}\b(?:adverse|side|undesirable|unwanted)[- ](?:events?|effects?|reactions?)\b"
    r"|\b(?:is|are|was|were) (?:(?:the|a|an|other|further|also|well)\s+){1,2}(?:(?:main|major|principal|chief|commonest|most common|common|"
    r"serious|recognised|recognized|known|important|frequent|typical|dose-limiting)\s+){1,2}(?:hazards?|risks?|complications?|toxicit(?:y|ies))\b"
    # "The principal risk is D", "the main toxicities are D and E"
    r"|\b(?:main|major|principal|chief|commonest|most common|most frequent|dose-limiting|serious) (?:hazards?|risks?|complications?|toxicit(?:y|ies))"
    r" (?:is|are|was|were|include[sd]?)\b(?! (?:not|no|lower|higher|greater|increased|reduced|that|whether)\b)"
)
# "D, E and F are frequent;": a list of conditions said to be common, ending its clause.
_FREQUENT_END = FoldedPattern(
    r"^[^;:]*(?:,| and )[^;:]* (?:are|were) (?:(?:very|also|fairly|relatively|less|more) )?(?:frequent|common|infrequent|uncommon|usual)\s*(?:[;.,]|$)"
)
_COUNTED = (" patients", " participants", " subjects", " people", " children", " adults", " men", " infants", " volunteers")
# "D occurs in about 1% of patients", "D developed in 10% of treated patients", "D was recorded
# in 22 patients": an incidence.
_INCIDENCE = FoldedPattern(
    r"\b(?:occur(?:s|red)?|develop(?:s|ed)?|(?:is|are|was|were|has been|have been) (?:reported|observed|seen|noted|recorded|documented))"
    r" in (?:(?:about|approximately|around|roughly|nearly|almost|up|to|slightly|just|under|over|fewer|than|less|more|some|an estimated)\s+){0,3}"
    r"(?:\d+(?:\.\d+)?\s*%|\d+ (?:of (?:the|our|these) \d+ )?(?:patients|participants|subjects|people|children|adults|women|men|infants|volunteers)\b)"
)


_BENEFIT_BEFORE = FoldedPattern(
    r"\b(?:relief|improvement|remission|resolution|response|responses|reduction|control|recovery|healing|clearance|"
    r"cure|benefit|disappearance|regression)\b"
)
_COMPARED = FoldedPattern(r"\b(?:than|unlike|compared|versus|vs)\b")
# Words that make a sentence speak of a use ("Depression is common in ...; X treats it").
_INDICATION_WORDS = FoldedPattern(r"\b(?:treat|treats|treated|treatment|indicat|prescribed|therapy for|used for|used in)")


def lists_adverse_events(text: str) -> bool:
    """True for a sentence that lists adverse events ("Adverse events included A, B and C",
    "A and B are the commonest side effects").

    Examples
    --------
    >>> lists_adverse_events("The most common adverse reactions were nausea and headache.")
    True
    >>> lists_adverse_events("Nausea was reported in two patients.")
    False
    """
    low = text.lower()
    if "placebo" not in low and ("%" in low or any(word in low for word in _COUNTED)):
        incidence = _INCIDENCE.search(text, low)
        # "Relief of pain was noted in 60%": a benefit counted, not an event
        if incidence and not _BENEFIT_BEFORE.search(text[: incidence.start()], low[: incidence.start()]):
            return True
    if " frequent" in low or " common" in low or " usual" in low:
        # "D is more common than with X": a comparison, whose drug is not the one in question
        frequent = _FREQUENT_END.search(text, low)
        if frequent:
            # only the listing clause counts: "D and E are frequent, and F is more common than with Y"
            head, head_low = text[: frequent.end()], low[: frequent.end()]
            if not _INDICATION_WORDS.search(head, head_low) and not _COMPARED.search(head, head_low):
                return True
    if "adverse" not in low and "side" not in low and "undesirable" not in low and "unwanted" not in low and " hazard" not in low and " risk" not in low and "complication" not in low and "toxicit" not in low:
        return False
    return bool(_EVENT_LIST.search(text, low))


_USE_LIST = FoldedPattern(
    r"^\W*(?:its |the )?(?:main |principal |approved |licensed |labelled |labeled |other )?(?:indications|uses)\b[^.;:]{0,30}?\b(?:include[sd]?|are|were|comprise[sd]?)\b"
)


def lists_uses(text: str) -> bool:
    """True for a sentence that lists uses ("Indications include A, B and C").

    Examples
    --------
    >>> lists_uses("Indications include complicated urinary tract infections and typhoid fever.")
    True
    >>> lists_uses("Contraindications include severe renal failure.")
    False
    """
    return _USE_LIST.search(text) is not None


def section_roles(sections: Sequence) -> dict[str, str | None]:
    """Map each section title to its role, a subsection taking its parent's role when it has
    none of its own ("1.1 Hypertension" under "1 INDICATIONS AND USAGE" is an indication).

    Parameters
    ----------
    sections : sequence of pharmgraph.documents.Section
        The document's sections in order (their ``level`` gives the nesting).

    Examples
    --------
    >>> from pharmgraph.documents.model import Section
    >>> roles = section_roles([Section("1 INDICATIONS AND USAGE", 0, 10, 1), Section("1.1 Hypertension", 10, 20, 3)])
    >>> roles["1.1 Hypertension"]
    'indication'
    """
    out: dict[str, str | None] = {}
    stack: list[tuple[int, str | None]] = []
    for section in sections:
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        own = section_role(section.title)
        role = own if own is not None else (stack[-1][1] if stack else None)
        out.setdefault(section.title, role)
        stack.append((section.level, role))
    return out


def own_role(title: str | None) -> str | None:
    """The role a heading names itself (no inheritance): :func:`section_role`."""
    return section_role(title)


def inherits_drug(role: str | None) -> bool:
    """True when list items and drugless sentences of a section with this role speak of the
    document's drug."""
    return role in ("adverse", "indication", "mechanism", "pharmacokinetics")


def section_relations(
    text: str,
    mentions: Sequence[Mention],
    role: str,
    drug: Entity,
    found: Sequence[Relation],
    confidence: float = 0.6,
    whole_clause: bool = False,
) -> list[Relation]:
    """Relations a sentence of an adverse-reaction or indication section states by its place.

    Every disease or adverse event the sentence names, and that the grammar rules did not
    already relate to a drug, becomes an adverse event (``adverse``) or a use (``indication``)
    of ``drug``; a negation cue before it in its clause ("no cases of hepatitis") negates it.

    Parameters
    ----------
    text : str
        The sentence's clean text.
    mentions : sequence of Mention
        Its mentions.
    role : str
        The section's role; other roles than ``adverse`` and ``indication`` give nothing.
    drug : Entity
        The drug the section speaks of.
    found : sequence of Relation
        What the grammar rules found in the sentence already.
    confidence : float
        The confidence given to each relation.
    whole_clause : bool
        Let a negation cue after the mention negate it too ("Rash is not an adverse effect").

    Examples
    --------
    >>> from pharmgraph.model import Entity
    >>> d = Entity("x:d", "drugx", "Drug"); h = Entity("x:h", "headache", "AdverseEvent")
    >>> rels = section_relations("headache", [Mention(0, 8, "headache", (h,))], "adverse", d, [])
    >>> [(r.subject.label, r.predicate, r.object.label, r.negated) for r in rels]
    [('drugx', 'causes_adverse_event', 'headache', False)]
    """
    if role not in ("adverse", "indication"):
        return []
    limit = len(text)
    if role == "adverse":
        context = _NOT_EVENT_CONTEXT.search(text)
        if context is not None:
            # "The principal risk is seizures, which are more likely in patients with X": the
            # events named before the clause that brings in the population still count
            def events_before(end: int) -> bool:
                return any(m.end <= end and group_of(m.entities[0].type) in ("Disease", "AdverseEvent")
                           for m in mentions if m.entities)

            comma = text.rfind(",", 0, context.start())
            report = _REPORTED_BEFORE.search(text, 0, context.start())
            if report is not None and events_before(report.start()):
                # "A, B and C have been reported in patients with D": the events reported are
                # the subject of the report, D the population
                limit = report.start()
            elif comma < 0 or not events_before(comma):
                return []
            else:
                limit = comma
    predicate = "causes_adverse_event" if role == "adverse" else "treats"
    taken = {r.object.id for r in found}
    tokens = tokenize(text, mentions)
    clauses: Clauses | None = None
    out: list[Relation] = []
    seen: set[str] = set()
    use_named = False  # a use named earlier in the sentence: a later "patients with D" is a population
    for i, tok in enumerate(tokens):
        mention = tok.mention
        if mention is None or mention.kind == "anaphor":
            continue
        if tok.start >= limit:
            break
        if role == "indication" and use_named and _after_population(tokens, i):
            continue  # "for arrhythmias in patients with heart failure": who, not what for
        for entity in mention.entities:
            if group_of(entity.type) in ("Disease", "AdverseEvent") and _after_use_word(tokens, i):
                use_named = True
            if group_of(entity.type) not in ("Disease", "AdverseEvent") or entity.id in taken or entity.id in seen:
                continue
            seen.add(entity.id)
            if clauses is None:
                clauses = Clauses(tokens)
            start, end = clauses.bounds(i)
            negated = clauses.negated(start, i) or (whole_clause and clauses.negated(i, end - 1))
            # "D may follow any course", "therapy may be associated with D": a hedged event
            certainty = "hedged" if clauses.hedged(i) else "asserted"
            out.append(Relation(drug, predicate, entity, negated, certainty, confidence, "section", (tok.start, tok.end)))
    return out


_POPULATION_NOUNS = frozenset({"patients", "subjects", "individuals", "people", "children", "adults", "women", "men", "those"})
_POPULATION_MODIFIERS = frozenset({"severe", "mild", "moderate", "advanced", "known", "established", "chronic", "acute",
                                   "concomitant", "underlying", "coexisting", "co-existing", "a", "an", "the", "history", "of"})


def _after_population(tokens: Sequence, i: int) -> bool:
    """True when the mention at ``i`` follows "patients with" (a few modifiers between)."""
    k = i - 1
    while k >= 0 and k > i - 5 and tokens[k].mention is None and tokens[k].low in _POPULATION_MODIFIERS:
        k -= 1
    return k >= 1 and tokens[k].mention is None and tokens[k].low == "with" and tokens[k - 1].mention is None and tokens[k - 1].low in _POPULATION_NOUNS


_USE_PREPOSITIONS = frozenset({"for", "of", "treat", "treating", "against", "prevent", "preventing"})


def _after_use_word(tokens: Sequence, i: int) -> bool:
    """True when the condition at ``i`` is what a use is for ("for arrhythmias", "treatment of
    D"), not the thing a drug lowers ("to reduce elevated intraocular pressure in patients
    with glaucoma", where the population's condition is the use)."""
    k = i - 1
    while k >= 0 and k > i - 4 and tokens[k].mention is None and tokens[k].low not in _USE_PREPOSITIONS and tokens[k].is_word:
        k -= 1
    return k >= 0 and tokens[k].mention is None and tokens[k].low in _USE_PREPOSITIONS
