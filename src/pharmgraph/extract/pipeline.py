"""Documents to statements: mentions, relations, enantiomers, then one statement per claim.

Each sentence of a :class:`pharmgraph.documents.Document` goes through the mention finder
(:mod:`.mentions`) and the relation rules (:mod:`.relations`, :mod:`.tables` for table rows);
every relation becomes a :class:`~pharmgraph.model.Statement` whose evidence is the sentence
(its text, offsets in the document, section and cited references). Within a document, a
generic claim ("X modulates Y") is folded into a more specific one about the same pair ("X
inhibits Y"), keeping its evidence, and equal claims are merged
(:func:`~pharmgraph.model.merge_statements`).

Document structure (:mod:`.sections`): in a document about one drug (its title names it, or
it is named twice as often as any other), list items and drugless sentences under "Adverse
reactions", "Indications", "Mechanism of action" or "Pharmacokinetics" (numbered label headings
and subsections included) speak of that drug, and the conditions they name are its adverse
events or uses; contraindications are neither. Tables are read by their header
(:mod:`.tables`).

A sentence with no drug of its own speaks of the drug in focus only when its subject points
back to it ("It ...", "The drug ...", "This effect ...", "A proposed mechanism ...") or it is a
list item under a heading that names the drug, and only once the reader has met that drug.
Sentences that hold no subject or nothing to act on skip the relation rules (they still feed
the document's memory: abbreviations, the drug in focus). The lexicon scans the sentences of
a document together, in runs of about 64 KB (:meth:`~pharmgraph.lexicon.matcher.Matcher.find_table`).

Extraction runs in two stages: mentions (:class:`~pharmgraph.extract.mention_stage.MentionStage`,
which reads nothing the relations produce) and relations. On a long document, with a CPU to
spare, the mention stage runs in a forked child process while this one reads the relations
(:mod:`pharmgraph.extract.mention_stage`); the statements are the same either way. The cyclic
garbage collector is paused while a document is read (extraction makes no reference cycles).

Examples
--------
>>> statements = extract_text("Lamotrigine blocks voltage-gated sodium channels.", "note.txt")
>>> [(s.subject.label, s.predicate, s.object.label) for s in statements]
[('lamotrigine', 'blocks', 'voltage-gated sodium channel')]
>>> ev = statements[0].evidence[0]
>>> (ev.document, ev.start, ev.end, ev.extractor)
('note.txt', 0, 49, 'pharmgraph-rules')
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from pharmgraph.errors import InputError
from pharmgraph.extract.combine import combined_relations, load_statement_heads
from pharmgraph.extract.entities import EntityResolver
from pharmgraph.extract.folded import FoldedPattern
from pharmgraph.extract.inn import inn_drugs
from pharmgraph.extract.learned import EXTRACTOR as MODEL_EXTRACTOR
from pharmgraph.extract.learned import load_model
from pharmgraph.extract.mention_stage import ForkedMentions, MentionStage, WorkerFailed, fork_helps
from pharmgraph.extract.prior_therapy import named_as_prior_therapy
from pharmgraph.extract.relations import SentenceContext, find_relations
from pharmgraph.extract.scope import compared_drugs, may_compare
from pharmgraph.extract.sections import (
    inherits_drug,
    lists_adverse_events,
    lists_uses,
    section_relations,
    section_role,
    section_roles,
)
from pharmgraph.extract.tables import TableState, table_relations
from pharmgraph.extract.title_drug import title_drug
from pharmgraph.extract.tokens import tokenize
from pharmgraph.extract.triggers import CONDITION_HEADS, PROPERTY_ADJECTIVES, TOXIC_ADJECTIVES
from pharmgraph.lexicon.matcher import Match
from pharmgraph.model import Entity, Evidence, Statement, merge_statements
from pharmgraph.vocabulary import ancestors, direction, is_subpredicate

MAX_FILE_MB = 25
"""Largest file :func:`extract_path` reads, in megabytes (about 15,000 abstracts of text)."""

EXTRACTOR = "pharmgraph-rules"
"""The name written in :attr:`Evidence.extractor` for statements found by these rules."""

# The whole heading, so that "Reference table" or "Funding of the trials" are content.
_SKIP_SECTIONS = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?(references?(?: and notes)?|bibliography|literature cited|"
    r"acknowledge?ments?|disclaimers?|funding(?: sources?)?|conflicts? of interest(?: statement)?|"
    r"competing interests?)\s*:?\s*$", re.IGNORECASE)
_DOSE_RE = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*(?:mg/kg(?:/day)?|mg/day|mg|g/day|μ\s?M|µ\s?M|nM|mM|mmol/l)(?![A-Za-z])"
)
# "Long-term use has been associated with D": the use of the drug in focus
_REPORT_HINT = re.compile(r"\b(?:occurred|occurs?|reported|observed|noted|recorded|seen)\b")
# "About 80% of a dose is oxidised by CYP3A4", "The liver converts it, through CYP1A2, to M",
# "Renal secretion involves OAT3": metabolism and transport in a document about one drug
_METABOLISM_HINT = FoldedPattern(
    r"metaboli[sz]|oxidi[sz]|hydroly[sz]|glucuronid|broken down|breaks down|\bcleared\b|conjugat|reduced by|"
    r"\bconverts?\b|convert(?:ed)? (?:to|into)|transport|substrate|\buptake\b|\befflux\b|secretion|inactivat"
)  # case-insensitive: searched in the lower-cased sentence when it is ASCII (five times faster)
_USE_START = FoldedPattern(r"^\W*(?:its\s+)?(?:long-term|chronic|prolonged|regular)?\s*use\b")
_MECHANISM_HINT = FoldedPattern(r"\b(?:mechanisms?|modes?|pathways?)\b")
# A sentence whose subject points back to the drug in focus: "It ...", "Its ...", "This drug",
# "The compound", "This blockade", "A proposed mechanism", "An additional mechanism", after an
# optional connective ("In addition, ..."). Numerals and quantifiers ("Two mechanisms",
# "Several drugs") speak of something else and do not match.
_ANAPHORIC_START = FoldedPattern(
    r"^\W*(?:(?:additionally|in addition|furthermore|moreover|however|also|finally|importantly|"
    r"notably|similarly|likewise|thus|therefore|hence|first(?:ly)?|second(?:ly)?|third(?:ly)?|"
    r"in particular|in contrast|by contrast)\s*,?\s+)?"
    r"(?:it|its|this|these|the|such|another|(?:long-term|chronic|prolonged|regular)\s+use|(?:an?\s+|other\s+)?(?:additional|further|second|third|"
    r"alternative|proposed|putative|suggested|possible|likely|plausible|potential))\b"
)
# Words that let a sentence state a relation with no object mention of its own: property
# adjectives ("antiepileptic effects") and adverse-effect phrases named by their head word.
# Words of sentences that name only drugs and still state something: "X is a metabolite of
# Y", "Y is converted to X", "X is the prodrug of Y".
_DRUG_ONLY_WORDS = frozenset(
    {"metabolite", "metabolites", "converted", "prodrug", "hydrolysis", "hydrolysed", "hydrolyzed", "bind", "binds",
     *TOXIC_ADJECTIVES}
)
_OBJECTLESS_HINT = FoldedPattern(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(PROPERTY_ADJECTIVES, key=len, reverse=True)) + r")\b"
    r"|\bmood[- ]stabili|\b(?:" + "|".join(sorted(CONDITION_HEADS)) + r")\b|(?:enantiomer|isomer)s?(?:\s+of\b|\s*,)"
    r"|\b(?:" + "|".join(sorted(_DRUG_ONLY_WORDS)) + r")\b"
)
# The same test by words: the one-word alternatives of _OBJECTLESS_HINT are looked up among
# the sentence's words; the pattern itself runs only when a sentence holds the first word of a
# longer one ("anti-epileptic", "mood stabilizing"), "isomer" or "enantiomer", or is not ASCII.
_OBJECTLESS_WORDS = frozenset(w for w in (*PROPERTY_ADJECTIVES, *CONDITION_HEADS, *_DRUG_ONLY_WORDS)
                              if re.fullmatch(r"\w+", w))
_OBJECTLESS_FIRST = frozenset(re.match(r"\w+", w).group() for w in PROPERTY_ADJECTIVES if w not in _OBJECTLESS_WORDS) | {"mood"}
_WORD_RE = re.compile(r"\w+")
_GENERIC = ("modulates", "affects", "interacts_with", "binds", "decreases", "increases")


def _objectless_hint(text: str) -> bool:
    """Same answer as ``_OBJECTLESS_HINT.search(text) is not None``, with less work."""
    if not text.isascii():
        return _OBJECTLESS_HINT.search(text) is not None
    low = text.lower()
    words = _WORD_RE.findall(low)
    if not _OBJECTLESS_WORDS.isdisjoint(words):
        return True
    if "isomer" in low or "enantiomer" in low or not _OBJECTLESS_FIRST.isdisjoint(words):
        return _OBJECTLESS_HINT.search(text, low) is not None
    return False


_LABEL_VERBS = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did",
                          "can", "may", "might", "will", "would", "should", "must", "not", "no"})
_RUN_IN_LABEL = re.compile(r"^\s*([A-Z][A-Za-z ,/&-]{2,40}?)\s*[.:]?\s*$")
_LABEL_SPAN = 41
"""The most characters the label of :data:`_RUN_IN_LABEL` spans (its capital and 40 more)."""


def _run_in_label(text: str) -> str | None:
    """The role of a sentence that is only a short heading ("Uses.", "Adverse effects.",
    "Class and action."), or None for any other sentence.

    Examples
    --------
    >>> _run_in_label("Adverse effects."), _run_in_label("Disposition."), _run_in_label("It is safe.")
    ('adverse', 'pharmacokinetics', None)
    """
    tail = text.lstrip()[_LABEL_SPAN:].strip()
    if tail and tail not in (".", ":"):
        return None  # longer than any label: what follows one is at most a full stop or colon
    match = _RUN_IN_LABEL.match(text)
    if match is None or len(match.group(1).split()) > 4:
        return None
    words = match.group(1).lower().split()
    if any(w in _LABEL_VERBS or (w.endswith("ed") and len(w) > 4) for w in words):
        return None  # "Side effects were mild.": a sentence, not a heading
    return section_role(match.group(1))


def _uncompared_drugs(clean: str, mentions: list) -> list:
    """The drug mentions of a sentence that are not set against it ("more common than with
    X", "unlike X") nor named as an earlier treatment ("after progression on X"): those a
    section's list may speak of."""
    drugs = [m for m in mentions if m.is_drug and not named_as_prior_therapy(clean, m.start, m.end)]
    if not drugs or not may_compare(clean):
        return drugs
    tokens = tokenize(clean, mentions)
    compared = {id(tokens[k].mention) for k in compared_drugs(tokens)}
    return [m for m in drugs if id(m) not in compared]


def _section_names(section: str | None, drug: Entity, matcher, cache: dict[str, set[str]]) -> bool:
    """True when a section heading names ``drug`` (bullets under it speak of that drug)."""
    if not section:
        return False
    if section not in cache:
        cache[section] = {m.entity.id for m in matcher.find(section)}
    return drug.id in cache[section]


def _evidence(doc, sentence, confidence: float, extractor: str = EXTRACTOR) -> Evidence:
    refs = tuple(doc.resolve_reference(k) for k in sentence.references) if hasattr(doc, "resolve_reference") else ()
    return Evidence(
        document=doc.name,
        text=sentence.text,
        start=sentence.start,
        end=sentence.end,
        section=sentence.section,
        references=refs,
        extractor=extractor,
        confidence=confidence,
    )


def refine(statements: Iterable[Statement]) -> list[Statement]:
    """Fold generic claims into specific ones about the same pair, keeping all evidence.

    "X modulates Y" or "X affects Y" joins "X inhibits Y" (any directed predicate), and a
    predicate joins its sub-predicates ("decreases" into "inhibits", "binds" into
    "antagonist_of"), when subject, object and negation agree.
    """
    statements = list(statements)
    by_pair: dict[tuple[str, str, bool], list[int]] = {}
    for i, s in enumerate(statements):
        by_pair.setdefault((s.subject.id, s.object.id, s.negated), []).append(i)
    absorbed: dict[int, int] = {}
    for idxs in by_pair.values():
        if len(idxs) < 2:
            continue
        # Only which predicates a pair has matters, so the choice is made once per predicate
        # (a long document stating one pair many times stays linear).
        first_of: dict[str, int] = {}
        for i in idxs:
            first_of.setdefault(statements[i].predicate, i)
        if len(first_of) < 2:
            continue
        for generic in first_of:
            if generic not in _GENERIC:
                continue
            best = None
            for specific in first_of:  # in order of first appearance: ties go to the first
                if specific == generic:
                    continue
                if is_subpredicate(specific, generic) or (generic in ("modulates", "affects") and direction(specific) != 0):
                    if best is None or len(ancestors(specific)) > len(ancestors(best)):
                        best = specific
            if best is not None:
                for i in idxs:
                    if statements[i].predicate == generic:
                        absorbed[i] = first_of[best]
    targets: dict[int, int] = {}
    for i in range(len(statements)):
        target = i
        seen = set()
        while target in absorbed and target not in seen:
            seen.add(target)
            target = absorbed[target]
        targets[i] = target
    extra: dict[int, list] = {}
    for i, target in targets.items():
        if target != i:
            extra.setdefault(target, []).extend(statements[i].evidence)
    out = []
    for i, s in enumerate(statements):
        if targets[i] != i:
            continue
        if i in extra:
            s = replace(s, evidence=tuple(dict.fromkeys(s.evidence + tuple(extra[i]))))
        out.append(s)
    return out


def extract_document(doc, lexicon=None, model=None) -> list[Statement]:
    """Return the statements one document makes, with their evidence.

    Parameters
    ----------
    doc : pharmgraph.documents.Document
        A read document (sentences with clean text and offsets).
    lexicon : Lexicon, optional
        Names to recognise; the built-in lexicon when omitted.
    model : RelationModel or False, optional
        The learned relation model (:mod:`pharmgraph.extract.learned`); by default
        ``$PHARMGRAPH_MODEL`` or the shipped one; ``False`` for the rules alone.

    Returns
    -------
    list of Statement
        One statement per claim (negated ones included, flagged), each with the sentences
        that state it as evidence.

    Notes
    -----
    Python's cyclic garbage collector is paused while the document is read (and set back as
    it was after): extraction makes no reference cycles, and on a long document each full
    collection would walk every sentence and statement held so far. A long document's
    mentions may be found in a forked child process while this one reads the relations
    (:func:`pharmgraph.extract.mention_stage.fork_helps` decides; ``PHARMGRAPH_EXTRACT_FORK=0``
    switches it off); the statements are the same either way.
    """
    with _cyclic_gc_paused():
        return _extract(doc, lexicon, model)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Switch the cyclic garbage collector off for the block, if it was on."""
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _extract(doc, lexicon, model) -> list[Statement]:
    """:func:`extract_document` itself: the mention stage here or in a child process."""
    if lexicon is None:
        from pharmgraph.lexicon import default_lexicon

        lexicon = default_lexicon()
    learned = None if model is False else (model if model is not None else load_model())  # learned model
    sentences = list(doc.sentences)
    title_matches = lexicon.matcher().find(doc.title) if getattr(doc, "title", None) else []
    if title_matches is not None and getattr(doc, "title", None):
        title_matches = list(title_matches) + [  # "SEMAGLUTIDE injection": a drug newer than the lexicon
            Match(start, end, doc.title[start:end], entity, entity.label)
            for start, end, entity in inn_drugs(doc.title)
            if not any(m.start < end and start < m.end for m in title_matches)
        ]
        if not title_matches:
            # "Sugammadex" over "Sugammadex is a modified cyclodextrin ...": a drug newer than
            # the lexicon, named by the title and defined by the first sentences
            entity = title_drug(doc.title, [s.clean for s in sentences[:6] if s.kind != "heading"])
            if entity is not None:
                start = doc.title.lower().index(entity.label)
                end = start + len(entity.label)
                title_matches = [Match(start, end, doc.title[start:end], entity, entity.label)]

    def stage(matches=None) -> MentionStage:
        return MentionStage(doc, lexicon, sentences, title_matches, matches)

    if fork_helps(len(sentences)):
        try:
            forked = ForkedMentions(stage, EntityResolver(lexicon), [s.clean for s in sentences], lexicon.matcher())
        except WorkerFailed:
            forked = None
        if forked is not None:
            try:
                return _relations(doc, lexicon, learned, sentences, title_matches, forked)
            except WorkerFailed:
                pass  # the child stopped early: read the document here instead
            finally:
                forked.close()
    return _relations(doc, lexicon, learned, sentences, title_matches, stage())


def _relations(doc, lexicon, learned, sentences: list, title_matches: list, mentions_of) -> list[Statement]:
    """The relation stage: statements from each sentence's mentions (``mentions_of``, a
    :class:`MentionStage` or :class:`ForkedMentions`, yields them in order)."""
    matcher = lexicon.matcher()
    statement_heads = load_statement_heads() if learned is not None else None
    main, one_drug = mentions_of.main, mentions_of.one_drug
    resolver = mentions_of.resolver
    context = SentenceContext(disease=resolver.disease, condition=resolver.condition)
    table = TableState()
    statements: list[Statement] = []
    # drugs the reader has met so far (title, earlier sentences): only these can be carried
    introduced = {m.entity.id for m in title_matches}
    section_drugs: dict[str, set[str]] = {}
    label_role: str | None = None  # the role of a run-in label ("Side effects:") in force
    label_section: str | None = None
    roles = section_roles(getattr(doc, "sections", None) or [])
    doc_title = getattr(doc, "title", None)
    if doc_title:
        roles[doc_title] = None  # an article's title ("Hepatotoxicity of X") is no section role
    for sentence, (mentions, found_topic) in zip(sentences, mentions_of, strict=False):
        if sentence.kind != "table_row":
            table.end()  # a table ends at the first line that is not one of its rows
        if sentence.kind == "heading" or (sentence.section and _SKIP_SECTIONS.match(sentence.section)):
            introduced.update(e.id for m in mentions for e in m.entities)
            if sentence.kind == "heading" and sentence.text.strip() != (sentence.section or ""):
                label_role, label_section = section_role(sentence.clean), sentence.section
            elif sentence.kind == "heading":
                label_role = None
                inherited = roles.get(sentence.section or "")
                if inherited in ("adverse", "indication") and section_role(sentence.section) is None and one_drug and main.id in introduced:
                    # "1.1 Hypertension" under "1 INDICATIONS AND USAGE" names a use
                    for rel in section_relations(sentence.clean, mentions, inherited, main, []):
                        statements.append(Statement(rel.subject, rel.predicate, rel.object, rel.negated, rel.certainty, {}, (_evidence(doc, sentence, rel.confidence),)))
            continue
        if label_section != sentence.section:
            label_role = None
        if sentence.kind == "sentence" and (run_in := _run_in_label(sentence.clean)) is not None:
            # "Uses.", "Adverse effects.", "Pharmacokinetics": a monograph's run-in heading
            # written as a sentence of its own; what follows has its role
            label_role, label_section = run_in, sentence.section
            continue
        role = label_role or (roles.get(sentence.section) if sentence.section in roles else section_role(sentence.section))
        topic = found_topic or main
        has_drug = False
        has_object = False
        for m in mentions:
            if m.is_drug:
                has_drug = True
            else:
                has_object = True
        context.carry = None
        context.carry_any = False
        context.document_drug = main if one_drug and main is not None and main.id in introduced else None
        if not has_drug and topic is not None and topic.id in introduced:
            if sentence.kind in ("bullet", "table_row") and _section_names(sentence.section, topic, matcher, section_drugs):
                context.carry, context.carry_any = topic, True
            elif _ANAPHORIC_START.match(sentence.clean):
                context.carry = topic
        if not has_drug and one_drug and inherits_drug(role) and sentence.kind != "table_row" and main.id in introduced:
            # a list item or a drugless sentence under "Mechanism of action" (or any section
            # with a role) of a document about one drug speaks of that drug
            context.carry, context.carry_any = main, True
        introduced.update(e.id for m in mentions if m.kind != "anaphor" for e in m.entities)
        qualifiers: dict[str, str] = {}
        if sentence.kind == "table_row":
            relations, qualifiers = table_relations(sentence.clean, mentions, table, context, main if one_drug else None)
        elif (
            has_drug
            or (context.carry is not None and (context.carry_any or _MECHANISM_HINT.search(sentence.clean) or _USE_START.match(sentence.clean)))
            or (context.document_drug is not None and (_REPORT_HINT.search(sentence.clean) or _METABOLISM_HINT.search(sentence.clean)))
            or (mentions and mentions[0].entities and mentions[0].entities[0].type == "EndogenousSubstance")
        ) and (has_object or _objectless_hint(sentence.clean)):
            relations = find_relations(sentence.clean, mentions, context)
        elif has_drug or context.carry is not None:
            relations = []  # a subject but nothing it could act on
        else:
            relations = []  # no drug, no mechanism: no subject for any relation
            dose = _DOSE_RE.search(sentence.clean)
            if dose:
                qualifiers = {"dose": re.sub(r"\s+", " ", dose.group())}
        if role not in ("adverse", "indication") and sentence.kind != "table_row" and (lists_adverse_events(sentence.clean) or lists_uses(sentence.clean)):
            # "Adverse events included A, B and C", "Indications include A and B": about the
            # drug in focus
            role = "indication" if lists_uses(sentence.clean) else "adverse"
            listing = True
            focus = main if one_drug or (topic is not None and main is not None and topic.id == main.id) else None
            focus = focus if focus is not None and focus.id in introduced else None
        else:
            listing = False
            focus = main if one_drug and main is not None and main.id in introduced else None
        if role in ("adverse", "indication") and sentence.kind != "table_row" and main is not None:
            listed = mentions
            if listing and (semi := sentence.clean.find(";")) > 0 and any(m.is_drug and m.start > semi for m in mentions):
                # "D was the commonest adverse event; a mouthwash of X eased it": a drug named
                # after the list's clause is not the list's drug, nor are its events listed
                listed = [m for m in mentions if m.end <= semi]
            drugs = {e.id: e for m in _uncompared_drugs(sentence.clean, listed) for e in m.entities}
            subject = next(iter(drugs.values())) if len(drugs) == 1 else (focus if not drugs else None)
            if subject is not None:
                relations = [*relations, *section_relations(sentence.clean, listed, role, subject, relations, whole_clause=listing)]
        if role == "indication" and relations:
            # "Indicated for edema associated with heart failure": the condition the use is
            # for, not an adverse event of the drug
            relations = [r for r in relations if not (r.predicate == "causes_adverse_event" and r.rule == "associated")]
        for rel in relations:
            evidence = (_evidence(doc, sentence, rel.confidence),)
            statements.append(
                Statement(rel.subject, rel.predicate, rel.object, rel.negated, rel.certainty, qualifiers, evidence)
            )
        # -- learned heads (pharmgraph.extract.combine): the corpus heads add pairs in sentences
        # the rules leave silent, the statement heads pairs the rules say nothing about; a pair
        # the rules speak of is theirs. model=None: $PHARMGRAPH_MODEL or the shipped model;
        # model=False: rules only.
        if learned is not None and sentence.kind != "table_row":
            for rel in combined_relations(sentence.clean, mentions, relations, learned, statement_heads):
                evidence = (_evidence(doc, sentence, rel.confidence, MODEL_EXTRACTOR),)
                statements.append(Statement(rel.subject, rel.predicate, rel.object, certainty=rel.certainty, evidence=evidence))
    for enantiomer, parent, idx, _score in mentions_of.enantiomers.values():
        if enantiomer.id == parent.id or not 0 <= idx < len(sentences):
            continue
        statements.append(Statement(enantiomer, "enantiomer_of", parent, evidence=(_evidence(doc, sentences[idx], 0.9),)))
    return merge_statements(refine(statements))


def extract_text(text: str, name: str = "text", lexicon=None) -> list[Statement]:
    """Return the statements of a plain-text (or Markdown-lite) string.

    Examples
    --------
    >>> [s.predicate for s in extract_text("Veratridine (a sodium channel activator) was added.")]
    ['activates']
    """
    from pharmgraph.documents import parse_text

    return extract_document(parse_text(text, name), lexicon)


def extract_path(path: str | os.PathLike, lexicon=None) -> list[Statement]:
    """Read a file (any format :func:`pharmgraph.documents.read_documents` knows) and return
    the statements of all its documents.

    Raises
    ------
    pharmgraph.errors.InputError
        When the file is missing, binary, not readable text, or larger than
        :data:`MAX_FILE_MB` megabytes.
    """
    from pharmgraph.documents import read_documents

    path = Path(path)
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        size = 0
    if size > MAX_FILE_MB * 1_000_000:
        raise InputError(
            f"{path.name} is {size / 1e6:.0f} MB; extraction reads files up to {MAX_FILE_MB} MB, so split it into smaller files."
        )
    with _cyclic_gc_paused():  # the readers make no reference cycles either
        documents = read_documents(path)
    statements: list[Statement] = []
    for doc in documents:
        statements.extend(extract_document(doc, lexicon))
    return statements
