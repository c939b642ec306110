"""Disease names whose head noun is shared by coordinated modifiers.

"focal and generalized epilepsy" names two diseases, focal epilepsy and generalized
epilepsy, and "acute, subacute or chronic pain" three. The lexicon matches only the last
phrase (or only the head), so the modifiers written before it are distributed over the head:
each "<modifier> <head>" resolves through the lexicon when it knows the name, else to the
disease the head alone names.

Examples
--------
>>> from pharmgraph.extract.shared_heads import modifier_chunks
>>> from pharmgraph.extract.tokens import tokenize
>>> tokens = tokenize("used for focal and generalized epilepsy")
>>> [tokens[i].text for i in modifier_chunks(tokens, 5)]
['focal', 'generalized']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pharmgraph.extract.tokens import Mention, Token, tokenize
from pharmgraph.model import Entity

_COORD = {"and", "or", "and/or"}
# Endings of adjectives that qualify a disease ("focal", "generalized", "chronic", "bipolar").
_ADJ_SUFFIXES = ("al", "ed", "ic", "ive", "ous", "ar", "ary", "ile", "ent", "ant", "oid", "ial")
_ADJECTIVES = {"acute", "chronic", "mild", "severe", "primary", "secondary", "early", "late",
               "juvenile", "adult", "childhood", "infantile", "major", "minor", "simple",
               "complex", "absence", "tonic", "clonic", "myoclonic", "atonic", "type"}  # fmt: skip
# Adjective-looking words that do not name a kind of disease.
_NOT_KINDS = {"used", "approved", "indicated", "treated", "managed", "controlled", "combined",
              "associated", "related", "induced", "caused", "mediated", "reported", "observed",
              "needed", "required", "effective", "potential", "clinical", "several", "different",
              "patient", "frequent", "present", "current", "recent", "subsequent", "significant",
              "additional", "general", "useful", "beneficial", "harmful", "dangerous", "serious",
              "special", "typical", "usual", "essential", "initial", "final", "total", "normal",
              "equal", "various", "previous", "similar", "particular", "certain", "safe",
              "active", "positive", "negative", "relative", "respective", "alternative",
              "adjunctive", "preventive", "protective", "constant", "important", "relevant",
              "expected", "selected", "established", "recommended", "preferred", "licensed",
              "marketed", "prescribed", "tested", "studied", "evaluated", "compared"}  # fmt: skip


def _is_kind(tok: Token) -> bool:
    """True for a lower-case adjective that can name a kind of disease ("focal")."""
    low = tok.low
    if tok.mention is not None or not tok.is_word or tok.text != low or low in _NOT_KINDS:
        return False
    if not all(part.isalpha() for part in low.split("-")):
        return False
    return low in _ADJECTIVES or (len(low) > 3 and low.endswith(_ADJ_SUFFIXES))


def modifier_chunks(tokens: Sequence[Token], k: int) -> list[int]:
    """Indices of the modifiers coordinated before the disease at token ``k``.

    Reads "A and B", "A, B, and C" or "A or B" written right before ``k``, where each of A,
    B, C is a single adjective and the last one may already be part of the mention (then it
    is not returned). Returns an empty list when no coordinator joins at least two modifiers.
    """
    chunks: list[int] = []
    j = k - 1
    if j >= 0 and _is_kind(tokens[j]):
        chunks.append(j)  # "generalized" right before "epilepsy"
        j -= 1
    saw_coord = False
    while j >= 1:
        step = j
        low = tokens[step].low
        if low in _COORD:
            saw_coord = True
            step -= 1
            if tokens[step].low == ",":
                step -= 1
        elif low == "," and chunks:
            step -= 1
        else:
            break
        if step < 0 or not _is_kind(tokens[step]):
            return [] if low in _COORD else chunks if saw_coord else []
        chunks.insert(0, step)
        j = step - 1
    return chunks if saw_coord else []


def distribute_disease_heads(
    clean: str,
    mentions: Sequence[Mention],
    lookup: Callable[[str], Entity | None],
) -> list[Mention]:
    """Widen each disease mention over the modifiers coordinated before it.

    Parameters
    ----------
    clean : str
        The sentence's clean text.
    mentions : sequence of Mention
        The sentence's mentions, in text order, without overlaps.
    lookup : callable
        Returns the lexicon's disease (or condition) for a name, or None.

    Returns
    -------
    list of Mention
        The mentions, with "focal and generalized epilepsy" as one mention of every disease
        it names (an unknown "<modifier> <head>" falls back to the head's disease).
    """
    tokens = tokenize(clean, mentions)
    widened: dict[int, Mention] = {}
    for k, tok in enumerate(tokens):
        mention = tok.mention
        if mention is None or mention.group != "Disease" or mention.kind == "anaphor" or len(mention.entities) != 1:
            continue
        chunks = modifier_chunks(tokens, k)
        if not chunks:
            continue
        words = mention.text.split()
        inside = chunks[-1] != k - 1  # the last modifier is inside the lexicon's own match
        if inside and len(words) < 2:
            continue  # "tolerated and epilepsy": no head is shared
        head = words[-1].lower()
        # "focal and generalized epilepsy" (the lexicon matched "generalized epilepsy"): the
        # modifiers share the head; "early and metastatic breast cancer": they share the
        # whole name the lexicon matched, and an unknown one is still that disease
        fallback = (lookup(head) or mention.entities[0]) if inside else mention.entities[0]
        entities: list[Entity] = []
        for j in chunks:
            if inside:
                found = lookup(f"{tokens[j].low} {head}") or lookup(f"{tokens[j].low} {mention.text.lower()}")
            else:
                found = lookup(f"{tokens[j].low} {mention.text.lower()}") or (lookup(f"{tokens[j].low} {head}") if len(words) < 2 else None)
            entities.append(found or fallback)
        if inside:
            entities.append(mention.entities[0])
        unique = tuple(dict.fromkeys(entities))
        start = tokens[chunks[0]].start
        widened[id(mention)] = Mention(start, mention.end, clean[start : mention.end], unique, "group")
    if not widened:
        return list(mentions)
    out: list[Mention] = []
    for mention in mentions:
        new = widened.get(id(mention))
        out.append(new if new is not None else mention)
    return out
