"""Entity mentions of a document, sentence by sentence.

:class:`MentionFinder` keeps what a document has said so far and finds, in each sentence:

1. lexicon names (:meth:`pharmgraph.lexicon.Lexicon.matcher`) and the file's own annotations
   (PubTator, BioC);
2. abbreviations the document defines ("voltage-gated sodium channel (VGSC)": later "VGSC"
   means that entity);
3. enantiomers ("S(+)-losigamone", "the R(-)-enantiomer", "the S(+) isomer");
4. drug code names ("AO-33", "ICI182780") and targets the text names by their head word
   ("... receptor(s)", "... channel(s)", "... current", "... binding site", "... transporter",
   "...ase"), with shared heads distributed over coordinations ("the GABA, benzodiazepine, or
   picrotoxin recognition sites" -> three sites; "glutamate and aspartate release");
5. processes: "release of the excitatory amino acids glutamate and aspartate" -> glutamate
   release, aspartate release; "impairment in arousal and cognitive functions";
6. anaphora: "it"/"its", "the drug", "This blockade ..." (the drug in focus), "these channels"
   (the channels named last), "these excitatory neurotransmitters" inside a release phrase.

Examples
--------
>>> from pharmgraph.lexicon import Lexicon, Term
>>> lex = Lexicon([Term("x:ltg", "lamotrigine", "Drug"),
...                Term("x:na", "voltage-gated sodium channel", "IonChannel")])
>>> finder = MentionFinder(lex)
>>> [m.text for m in finder.find("Lamotrigine blocks the voltage-gated sodium channel (VGSC).")]
['Lamotrigine', 'voltage-gated sodium channel', 'VGSC']
>>> [(m.text, m.entities[0].label) for m in finder.find("It inhibits VGSCs.")]
[('It', 'lamotrigine'), ('VGSCs', 'voltage-gated sodium channel')]
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import attrgetter

from pharmgraph.extract.abbreviations import find_definitions
from pharmgraph.extract.condition_words import HINT as _CONDITION_HINT
from pharmgraph.extract.condition_words import condition_words
from pharmgraph.extract.enantiomers import (
    BARE_RE,
    DESCRIPTOR_RE,
    descriptor_parts,
    is_enantiomer_name,
    make_enantiomer,
)
from pharmgraph.extract.entities import (
    HEAD_TYPES,
    EntityResolver,
    head_type,
    singular,
    singular_phrase,
)
from pharmgraph.extract.folded import FoldedPattern
from pharmgraph.extract.inn import inn_drugs
from pharmgraph.extract.intervals import interval_mentions
from pharmgraph.extract.ligand_receptors import ligand_receptors
from pharmgraph.extract.metabolites import HINT as _DERIVED_HINT
from pharmgraph.extract.metabolites import derived_drugs
from pharmgraph.extract.named_metabolites import appositive_metabolites
from pharmgraph.extract.prior_therapy import named_as_prior_therapy
from pharmgraph.extract.residues import AMINO_ACIDS, drop_residues
from pharmgraph.extract.scope import compared_drugs, may_compare
from pharmgraph.extract.shared_heads import distribute_disease_heads
from pharmgraph.extract.tokens import Mention, Token, group_of, tokenize
from pharmgraph.extract.triggers import AGENTS, PROPERTY_ADJECTIVES, PROPERTY_NOUNS, TRIGGERS
from pharmgraph.identifiers import canonical_curie, local_id
from pharmgraph.model import Entity

RELEASE_HEADS = {"release", "secretion", "efflux", "influx", "uptake", "reuptake", "outflow", "overflow"}
IMPAIRMENT_HEADS = {"impairment", "impairments", "deficit", "deficits", "dysfunction"}
_ENUM_CUES = {"particularly", "especially", "including", "namely", "notably", "mainly", "primarily",
              "chiefly", "e.g.", "e.g", "specifically", "such", "as", "like", "i.e."}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "this", "these", "those", "its", "their", "both", "all", "each",
                "any", "some", "such", "other", "that"}  # fmt: skip
_COORD = {"and", "or", "&", "and/or", "nor"}
_ACTION_NOUNS = {"blockade", "block", "effect", "effects", "action", "actions", "inhibition",
                 "activity", "potentiation", "stabilization", "stabilisation", "modulation",
                 "antagonism", "activation", "enhancement", "suppression"}  # fmt: skip
_DRUG_NOUNS = {"drug", "compound", "agent", "medication", "molecule", "medicine", "metabolite", "antibody", "prodrug"}
# Adjectives allowed between "the" and a drug noun in an anaphor ("the parent drug").
_DRUG_NOUN_ADJECTIVES = {"parent", "same", "study", "racemic", "oral", "original"}
_PLURAL_CLASSES = {
    "channels": "IonChannel", "receptors": "Receptor", "currents": "IonCurrent",
    "sites": "BindingSite", "transporters": "Transporter", "enzymes": "Enzyme",
}  # fmt: skip
# Words that never modify a head noun into a name ("the distinct site", "these channels").
_NOT_MODIFIERS = _DETERMINERS | _COORD | {
    "of", "in", "on", "at", "to", "for", "from", "by", "with", "into", "via", "through", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "not", "no", "distinct",
    "different", "specific", "key", "major", "important", "several", "many", "multiple",
    "various", "novel", "new", "same", "putative", "potential", "possible", "certain",
    "particular", "functional", "single", "main", "primary", "additional", "most", "relevant",
    "critical", "corresponding", "respective", "which", "whose", "than", "more", "less",
    "other", "two", "three", "both", "only", "also", "further", "native", "known", "unknown",
    "allosteric", "one", "selective", "ion", "neuronal", "recognition", "binding",
    "cell", "membrane", "cellular", "oral", "recombinant", "human", "rat", "mouse", "murine",
    "bovine", "purified", "endogenous", "exogenous", "total", "intracellular", "extracellular",
    "active", "inactive", "mutant", "wild-type", "soluble", "isolated", "brain", "hepatic",
}  # fmt: skip
_CODE_RE = re.compile(r"(?<![\w\-/])([A-Z]{2,5}-?\d{2,7}[A-Z]?)(?![\w\-/])")
_NOT_CODES = {
    "CA", "IL", "CD", "CYP", "HLA", "TLR", "GPR", "SLC", "KCN", "SCN", "ABC", "MMP", "TNF",
    "HEK", "PC", "CHO", "COS", "SH", "MCF", "HT", "NCI", "DBA", "BALB", "ICR", "SD", "WT", "KO",
    "EC", "IC", "ED", "LD", "TD", "ID", "AUC", "CI", "SE", "SEM", "OR", "HR", "RR", "USA", "UK",
    "DSM", "ICD", "WHO", "FDA", "EEG", "ECG", "MRI", "CT", "PET", "DNA", "RNA", "ATP", "GTP",
    "AMP", "COVID", "SARS", "MERS", "HIV", "HPV", "HCV", "HBV", "NYHA", "GABA", "TM", "AD", "BC",
    "CE", "NCT", "ISRCTN", "PMID", "DOI", "ISO", "UGT", "ALDH", "ADH", "MAO", "COX", "PDE",
    "HSP", "ERK", "JNK", "MAPK", "PKA", "PKC", "CB", "MT", "NK", "GLP", "GIP", "PPAR", "ER",
    "AR", "GR", "PR", "TRPV", "TRPA", "TRPM", "ASIC", "HCN", "GLUT", "OATP", "OCT", "MRP",
    "BCRP", "MDR", "SERT", "NET", "DAT", "VMAT", "NMDA", "AMPA", "LTP", "EPSC", "IPSC", "EPSP",
    "IPSP", "RCT", "QT", "CL", "VD", "BMI", "ICU", "IV", "IM", "SC", "PO", "BID", "TID",
    "QD", "ANOVA", "SPSS", "MCAO", "CCI", "SNL", "CFA", "LPS", "STZ", "MPTP", "PTZ", "MES",
}  # fmt: skip
# Cheap tests that let a sentence skip the token passes it cannot need.
_HEAD_HINT = FoldedPattern(
    r"(?:receptor|channel|current|site|transporter|pump|exchanger|porter|kinase|ase|zyme|release|"
    r"secretion|flux|uptake|outflow|overflow|proteasome|antigen)s?\b"
)
_PROCESS_HINT = FoldedPattern(
    r"\b(?:release|secretion|efflux|influx|uptake|reuptake|outflow|overflow|impairments?|deficits?|dysfunction)\s+(?:of|in)\b"
)
_ANAPHOR_HINT = re.compile(
    r"\b(?:[Ii]ts?|[Tt]hese|[Tt]hose|distinct|different|separate|novel|unique|allosteric)\b|^\s*(?:This|The|Such)\b|\b(?:the|this) (?:(?:parent|same|study|racemic|oral|original) )?(?:drug|compound|agent|medication|molecule|medicine|antibody|prodrug)\b|\b(?:active|main|major|principal) (?:metabolite|form|moiety)\b"
)
_LETTERS = re.compile(r"[A-Z]+")
# Receptor subtypes written bare, their class word left out or shared ("D2 and 5-HT2A
# antagonist", "H1 blockade", "mu agonist").
_SUBTYPE_RE = re.compile(r"(?<![\w\-/.])(D[1-5]|H[1-4]|M[1-5]|5-HT[1-7][A-F]?|CB[12]|NK[1-3]|AT[12]|A[123][AB]?|mu|kappa|delta|μ|κ|δ)(?![\w\-/])")
_SUBTYPE_CONTEXT = re.compile(
    r"^\s*(?:(?:and|or|,|/)\s*(?:[\w\-]+\s*){0,1}(?:and|or|,)?\s*)*(?:receptors?|antagonis\w*|agonis\w*|blocke\w*|blockade|"
    r"occupancy|inverse|partial|affinity|binding|activity|activation|stimulation)\b",
    re.IGNORECASE,
)
_COORD_START = re.compile(r"\s*(?:,|and\b|or\b|/)")
_RECEPTOR_AHEAD = re.compile(r"[^.;:()]{0,50}?\breceptors?\b", re.IGNORECASE)
_OPIOID_SUBTYPES = {"mu": "mu", "μ": "mu", "kappa": "kappa", "κ": "kappa", "delta": "delta", "δ": "delta"}
_HEAD_WORDS = ("recept", "channel", "current", "site", "transport", "pump", "exchang", "ase",
               "zyme", "release", "secretion", "flux", "uptake", "outflow", "overflow", "proteasome", "antigen")  # fmt: skip
_PROCESS_WORDS = ("release", "secretion", "flux", "uptake", "outflow", "overflow", "impairment",
                  "deficit", "dysfunction")  # fmt: skip


def _contains_any(text: str, pieces: tuple[str, ...]) -> bool:
    """True when any of ``pieces`` occurs in ``text``: what a regular expression that is an
    alternation of the pieces finds, three times faster (``re`` tries every piece at almost
    every character; ``in`` skips ahead)."""
    for piece in pieces:
        if piece in text:
            return True
    return False


def _literal_pieces(compiled: re.Pattern) -> tuple[str, ...] | None:
    """The pieces of a pattern that is only an alternation of plain words (``a|b|c`` or
    ``(?:a|b|c)``, no flags), or None for any other pattern."""
    pattern = compiled.pattern
    if compiled.flags & ~re.UNICODE:
        return None
    if pattern.startswith("(?:") and pattern.endswith(")"):
        pattern = pattern[3:-1]
    pieces = tuple(pattern.split("|"))
    if all(p and _PLAIN_PIECE.fullmatch(p) for p in pieces):
        return pieces
    return None


_PLAIN_PIECE = re.compile(r"[A-Za-z0-9 ]+")
# The derived-drug and condition prefilters (other modules' alternations of words), tested
# with ``in`` when they are plain words (else searched as patterns)
_DERIVED_PIECES = _literal_pieces(_DERIVED_HINT)
_CONDITION_PIECES = _literal_pieces(_CONDITION_HINT)


# What every code name and every bare subtype holds, found fast (no look-behind to try at each
# character): the exact patterns run only on the sentences these find something in.
_CODE_HINT = re.compile(r"[A-Z]-?\d\d")
_SUBTYPE_HINT = re.compile(r"D[1-5]|H[1-4]|M[1-5]|5-HT[1-7]|CB[12]|NK[1-3]|AT[12]|A[123]|mu|kappa|delta|μ|κ|δ")
# _ANAPHOR_HINT by parts: its single words, its sentence openers, and the nouns its two-word
# phrases end with (a sentence with none of these words cannot match it).
_WORD_RE = re.compile(r"\w+")
_ANAPHOR_WORDS = frozenset({"it", "It", "its", "Its", "these", "These", "those", "Those", "distinct",
                            "different", "separate", "novel", "unique", "allosteric", "Both", "both",
                            "Neither", "neither", "All", "all"})  # fmt: skip
# "All three agents cause bleeding", "All four are used for D": the last drugs the text named
_COUNT_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6}
# "Both drugs reduced ...", "both can cause ...", "Neither antihistamine prolonged ...": the two
# drugs the text has just named together.
_PAIR_NOUNS = {"drugs", "agents", "compounds", "medicines", "medications", "molecules", "antibodies", "prodrugs",
               "analogues", "analogs", "derivatives", "products", "preparations", "treatments", "therapies"}  # fmt: skip
_PAIR_NOUN = {"drug", "agent", "compound", "medicine", "medication", "molecule", "antibody", "prodrug",
              "analogue", "analog", "derivative", "product", "preparation", "treatment", "therapy"}  # fmt: skip
_PAIR_VERBS = {"are", "were", "can", "could", "may", "might", "have", "had", "did", "do", "cause", "caused",
               "reduce", "reduced", "lower", "lowered", "increase", "increased", "inhibit", "inhibited", "block",
               "blocked", "produce", "produced", "act", "bind", "share", "improved", "prolonged", "carry"}  # fmt: skip
_RESIDUE_WORDS = tuple(sorted(AMINO_ACIDS))
_ANAPHOR_OPENING = re.compile(r"\s*(?:This|The|Such)\b")
_ANAPHOR_NOUNS = frozenset({"drug", "compound", "agent", "medication", "molecule", "medicine",
                            "metabolite", "form", "moiety", "antibody", "prodrug"})  # fmt: skip


def _has_digit_code(text: str) -> bool:
    return _CODE_HINT.search(text) is not None and _CODE_RE.search(text) is not None


def _has_subtype(text: str) -> bool:
    return _SUBTYPE_HINT.search(text) is not None and _SUBTYPE_RE.search(text) is not None


def _may_have_anaphor(text: str) -> bool:
    """Same answer as ``_ANAPHOR_HINT.search(text) is not None``, with less work."""
    if text.isascii():
        # the words of _WORD_RE, as bytes: every other character made a space, then split
        # (three times faster than the pattern)
        words = text.encode("ascii").translate(_ASCII_NON_WORD).split()
        anaphor_words, anaphor_nouns = _ANAPHOR_WORDS_BYTES, _ANAPHOR_NOUNS_BYTES
    else:
        words = _WORD_RE.findall(text)
        anaphor_words, anaphor_nouns = _ANAPHOR_WORDS, _ANAPHOR_NOUNS
    if not anaphor_words.isdisjoint(words) or _ANAPHOR_OPENING.match(text):
        return True
    return not anaphor_nouns.isdisjoint(words) and _ANAPHOR_HINT.search(text) is not None


# A byte table that keeps ASCII word characters (what \w matches in ASCII text) and makes
# every other byte a space; the word sets above as bytes
_END = attrgetter("end")
_ASCII_NON_WORD = bytes(c if chr(c).isascii() and (chr(c).isalnum() or chr(c) == "_") else 32 for c in range(256))
_ANAPHOR_WORDS_BYTES = frozenset(w.encode("ascii") for w in _ANAPHOR_WORDS)
_ANAPHOR_NOUNS_BYTES = frozenset(w.encode("ascii") for w in _ANAPHOR_NOUNS)


_HYPHEN_GAP = re.compile(r"\s*-?\s*")
_COORD_GAP = re.compile(r"\s*(?:and|or|,|&)\s*")
_BIND_TO_A = re.compile(r"\bbind\w*\s+(?:\w+\s+)?to\s+an?$")
_EXPLETIVE_AFTER = {"is", "was", "has", "had", "seems", "appears", "remains", "becomes", "should"}


def _outside_word(text: str, i: int) -> bool:
    """True when no word character or hyphen stands at ``text[i]`` (or ``i`` is past the end)."""
    if i >= len(text):
        return True
    c = text[i]
    return not (c.isalnum() or c == "_" or c == "-")


def _alias_spans(text: str, name: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each whole-word occurrence of ``name``, left to right, without
    overlaps: the matches of ``(?<![\\w\\-])NAME(?:s|es)?(?![\\w\\-])``, or of ``NAME`` before a
    hyphen and a lower-case word ("NTG-induced"), found with ``str.find`` (a document's
    abbreviations are new names: compiling a pattern for each costs more)."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(name)
    while (start := text.find(name, pos)) != -1:
        pos = start + 1
        if start > 0 and not _outside_word(text, start - 1):
            continue
        end = start + n
        if text.startswith("s", end) and _outside_word(text, end + 1):
            end += 1
        elif text.startswith("es", end) and _outside_word(text, end + 2):
            end += 2
        elif not _outside_word(text, end) and not _joined_modifier(text, end):
            continue
        out.append((start, end))
        pos = end
    return out


def _joined_modifier(text: str, i: int) -> bool:
    """True when a hyphen and a lower-case word follow at ``text[i]``: "NTG-induced",
    "VGSC-mediated" (the abbreviation is still a word of its own)."""
    return text.startswith("-", i) and i + 1 < len(text) and text[i + 1].islower()


def _alias_hits(text: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Whole-word occurrences of the names (plural -s/-es allowed), left to right, without
    overlaps; where two start at one place the longer name wins."""
    hits = [
        (start, -len(name), end, name)
        for name in names
        if name in text
        for start, end in _alias_spans(text, name)
    ]
    out: list[tuple[int, int, str]] = []
    pos = 0
    for start, _, end, name in sorted(hits):
        if start >= pos:
            out.append((start, end, name))
            pos = end
    return out


def _defines_over_other_sense(definition, long_mention: Mention, other: Entity) -> bool:
    """True when a document's own definition of a short form outweighs the lexicon's other
    sense of it: the short form's letters spell the long form (Schwartz–Hearst), the long form
    is the whole mention before the parenthesis, and the other sense is a gene or protein
    symbol ("nitroglycerin (NTG)" although NTG is a gene alias; "cyclophosphamide (CP)")."""
    if definition.long_form is None or group_of(other.type) != "Target":
        return False
    return long_mention.start >= definition.long_start


def _overlaps(a: Mention, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def replace(mentions: list[Mention], new: Mention) -> list[Mention]:
    """Return mentions with ``new`` added and every mention it overlaps removed."""
    kept = [m for m in mentions if not _overlaps(m, new.start, new.end)]
    kept.append(new)
    kept.sort(key=lambda m: m.start)
    return kept


def _is_chemical(mention: Mention | None) -> bool:
    """A drug or an endogenous substance (GABA, glutamate): what a release phrase is made of."""
    return mention is not None and mention.kind != "anaphor" and bool(mention.entities) and _chemical(mention.entities[0])


def _chemical(entity: Entity) -> bool:
    return entity.type == "EndogenousSubstance" or group_of(entity.type) == "Drug"


class MentionFinder:
    """Find entity mentions sentence by sentence, remembering what the document defined.

    Parameters
    ----------
    lexicon : Lexicon
        Names to match (its :meth:`matcher`) and look up.
    main : Entity, optional
        The document's drug: what "the S(+)-enantiomer" and an unresolved "it" refer to.
    """

    def __init__(self, lexicon, main: Entity | None = None) -> None:
        self.lexicon = lexicon
        self.matcher = lexicon.matcher()
        self.resolver = EntityResolver(lexicon)
        self.main = main
        self.topic: Entity | None = main
        self.aliases: dict[str, Entity] = {}
        self.enantiomer_parent: Entity | None = None
        #: enantiomer id -> (enantiomer, parent, sentence index of the best evidence, score)
        self.enantiomers: dict[str, tuple[Entity, Entity, int, int]] = {}
        self.sentence_index = -1
        self.chemicals: list[Entity] = []
        self._cells_text = ""
        #: the two drugs the last sentence naming exactly two drugs named ("Both drugs ...")
        self.pair: tuple[Entity, ...] = ()
        #: the drugs named most recently, oldest first (what "all three agents" means)
        self.recent: list[Entity] = []
        self.impaired: list[str] = []
        #: (text, entity) of the targets named most recently, oldest first ("this enzyme")
        self.recent_targets: list[tuple[str, Entity]] = []
        self.last_by_type: dict[str, tuple[Entity, ...]] = {}

    # -- public ---------------------------------------------------------------------------
    def find(
        self, clean: str, annotations: Iterable[tuple[int, int, Entity]] = (), matches: list | None = None
    ) -> list[Mention]:
        """Return the mentions of one sentence, in text order, without overlaps.

        Parameters
        ----------
        clean : str
            The sentence's clean text.
        annotations : iterable of (start, end, Entity)
            Mentions given by the file, in sentence offsets; they win over lexicon matches.
        matches : list of Match, optional
            The lexicon matcher's result for ``clean`` when the caller has it already.
        """
        self.sentence_index += 1
        mentions = self._lexicon_mentions(clean, matches)
        for start, end, entity in annotations:
            if 0 <= start < end <= len(clean):
                mentions = replace(mentions, Mention(start, end, clean[start:end], (entity,), "annotation"))
        if "interval" in clean or "QRS" in clean:
            mentions = self._intervals(clean, mentions)
        mentions = self._abbreviations(clean, mentions)
        mentions = self._enantiomers(clean, mentions)
        if _has_digit_code(clean):
            mentions = self._code_names(clean, mentions)
        if _has_subtype(clean):
            mentions = self._subtypes(clean, mentions)
        low = clean.lower()
        if _contains_any(low, _HEAD_WORDS):
            ends = {m.end() for m in _HEAD_HINT.finditer(clean, low)}
            if ends:
                mentions = self._heads(clean, mentions, ends)
        if _contains_any(low, _PROCESS_WORDS) and _PROCESS_HINT.search(clean, low):
            mentions = self._processes(clean, mentions)
        if any(ch.isdigit() for ch in clean) and _contains_any(low, _RESIDUE_WORDS):
            mentions = drop_residues(clean, mentions)  # "cysteine 797 of EGFR": a place on EGFR
        if "agonis" in low:
            # "a dopamine antagonist", "no opioid agonist activity": the ligand's receptor
            mentions = ligand_receptors(clean, low, mentions, self.lexicon, replace)
        if _may_have_anaphor(clean):
            mentions = self._anaphora(clean, mentions)
        if _contains_any(clean, _TARGET_NOUNS) and _TARGET_ANAPHOR.search(clean):
            mentions = self._target_anaphora(clean, mentions)
        if (" and " in low or " or " in low) and any(m.group == "Disease" for m in mentions):
            mentions = distribute_disease_heads(clean, mentions, self._disease_named)
        self._remember(clean, mentions)
        return mentions

    def _disease_named(self, name: str) -> Entity | None:
        return self.resolver.lookup(name, "Disease")

    def note_topic(self, entity: Entity | None) -> None:
        """Set the drug in focus (what "it" refers to next)."""
        if entity is not None:
            self.topic = entity

    # -- 1. lexicon -----------------------------------------------------------------------
    def _lexicon_mentions(self, clean: str, matches: list | None = None) -> list[Mention]:
        out: list[Mention] = []
        for m in self.matcher.find(clean) if matches is None else matches:
            low = m.text.lower()
            words = low.split()
            if words and words[0] in PROPERTY_ADJECTIVES and all(w in PROPERTY_NOUNS for w in words[1:]):
                continue  # "anticonvulsant effects" is a property of a drug, not an entity
            if words and words[0] in PROPERTY_ADJECTIVES and len(words) == 1 and low.endswith("s"):
                continue
            if ": " in m.text:
                # "Prostate cancer: metastatic ...": a run-in label and its text are not one name
                for part_start, part in _colon_parts(m.text):
                    for sub in self.matcher.find(part):
                        out.append(Mention(m.start + part_start + sub.start, m.start + part_start + sub.end, sub.text, (sub.entity,), "name"))
                continue
            if group_of(m.entity.type) == "Drug" and (_DEPRIVATION_AFTER.match(clean, m.end) or _DOSAGE_FORM.match(low)):
                continue  # "androgen deprivation therapy", "a nasal spray": no drug named
            if m.entity.type == "Drug" and _names_blood_lipid(m.entity.label):
                # "low-density lipoprotein cholesterol" filed as a drug: a lipid the body makes
                lipid = _ENDOGENOUS_LIPIDS.setdefault(m.entity.id, dataclasses.replace(m.entity, type="EndogenousSubstance"))
                out.append(Mention(m.start, m.end, m.text, (lipid,), "name"))
                continue
            if " " in low and group_of(m.entity.type) == "Drug" and (own := self._named_on_other_drug(m)) is not None:
                # "tenofovir alafenamide" filed under another drug: a form of tenofovir
                out.append(Mention(m.start, m.end, m.text, (own,), "name"))
                continue
            head = low.split(" ", 1)[0]
            if ((head in RELEASE_HEADS or head in IMPAIRMENT_HEADS) and " of " in low) or low.startswith(("impairment in ", "impairments in ")):
                # "release of glutamate": parsed as a process phrase; keep the names inside
                offset = m.start + low.index(" ", len(head) + 1) + 1 if " " in low[len(head) + 1 :] else m.end
                for sub in self.matcher.find(clean[offset : m.end]):
                    out.append(Mention(offset + sub.start, offset + sub.end, sub.text, (sub.entity,), "name"))
                continue
            if m.entity.type == "DrugClass":
                target = self._class_target(m.text)
                if target is not None:
                    # "a proton pump inhibitor": the class names its target; keep the target
                    # so the agent rule reads "X is a [proton pump] inhibitor"
                    out.append(Mention(m.start, m.start + len(target[0]), target[0], (target[1],), "name"))
                    continue
            if (" and " in low or ", " in low) and group_of(m.entity.type) in ("Disease", "AdverseEvent"):
                # "nausea and vomiting", "Nausea, vomiting, ...": two events, not one name
                parts = self._split_conditions(m.text, m.start, " and " if " and " in low else ", ")
                if parts:
                    out.extend(parts)  # "nausea and vomiting": two events, each its own
                    continue
            out.append(Mention(m.start, m.end, m.text, (m.entity,), "name"))
        lowered = clean.lower()  # what the prefilters below search
        if _contains_any(lowered, _DERIVED_PIECES) if _DERIVED_PIECES else _DERIVED_HINT.search(lowered):
            for start, end, entity in derived_drugs(clean, self._known_drug):
                # "desethylamiodarone", "N-desmethyl sildenafil": a metabolite of a known drug
                if not any(x.start < end and start < x.end and x.end - x.start >= end - start for x in out):
                    out = [x for x in out if not (x.start < end and start < x.end)]
                    out.append(Mention(start, end, clean[start:end], (entity,), "name"))
        if "metabolite" in clean:
            for start, end, entity in appositive_metabolites(clean):
                # "to endoxifen, its most potent metabolite": a metabolite newer than the lexicon
                if not any(x.start < end and start < x.end for x in out):
                    out.append(Mention(start, end, clean[start:end], (entity,), "name"))
        if _contains_any(clean, _CONDITION_PIECES) if _CONDITION_PIECES else _CONDITION_HINT.search(clean):
            for start, end, entity in condition_words(clean):
                # "hypophysitis", "proximal tubulopathy": a condition named by its ending
                if not any(x.start < end and start < x.end for x in out):
                    out.append(Mention(start, end, clean[start:end], (entity,), "name"))
        for start, end, entity in inn_drugs(clean):
            # a drug newer than the lexicon, known by its name's stem ("semaglutide")
            if not any(x.start < end and start < x.end for x in out):
                out.append(Mention(start, end, clean[start:end], (entity,), "name"))
        out.sort(key=lambda x: x.start)
        if _contains_any(lowered, _TUMOUR_WORDS) and _TUMOUR_HEAD_HINT.search(lowered):
            out = [self._with_organ(clean, x) for x in out]
        return _drop_adjective_conditions(clean, out)

    def _with_organ(self, clean: str, m: Mention) -> Mention:
        """"urothelial carcinoma" where the lexicon matched "carcinoma" alone: the tumour of the
        organ the adjective before it names (the lexicon's entity for the phrase, else a local
        one)."""
        if m.kind != "name" or m.text.lower() not in _TUMOUR_HEADS or group_of(m.entities[0].type) != "Disease":
            return m
        before = _ORGAN_BEFORE.search(clean, 0, m.start)
        if before is None or before.group(1).lower() in _NOT_ORGANS:
            return m
        name = f"{before.group(1)} {m.text}"
        entity = self.resolver.named(name.lower(), "Disease")
        return Mention(before.start(1), m.end, clean[before.start(1) : m.end], (entity,), "name")

    def _named_on_other_drug(self, m) -> Entity | None:
        """The entity of a matched name that opens with the name of another drug than the one
        the lexicon's label gives ("tenofovir alafenamide" under a record labelled with an
        unrelated drug's name): the record's identifier with the name as its label, and the
        drug it is named on as its broader entity. None when the name and its label agree."""
        low = m.text.lower()
        label = m.entity.label.lower()
        first = low.split(" ", 1)[0]
        if len(first) < 5 or label.startswith(first) or low == label:
            return None
        base = self._known_drug(first)
        if base is None or base.id == m.entity.id or base.label.lower() != first:
            return None
        entity = _FORMS_OF_DRUGS.get(low)
        if entity is None:
            own = Entity(m.entity.id, low, "Drug", m.entity.synonyms, (base.id,), m.entity.xrefs)
            entity = _FORMS_OF_DRUGS.setdefault(low, own)
        return entity

    def _known_drug(self, name: str) -> Entity | None:
        """The lexicon's drug of this name (a metabolite name's parent), or None."""
        entity = self.resolver.lookup(name, "Drug")
        return entity if entity is not None and entity.type == "Drug" else None

    def _intervals(self, clean: str, mentions: list[Mention]) -> list[Mention]:
        """"prolongs the QT interval": the interval as a mention of QT prolongation."""
        for start, end, label in interval_mentions(clean):
            entity = self.resolver.lookup(label, "Disease") or self.resolver.named(label, "AdverseEvent")
            mentions = replace(mentions, Mention(start, end, clean[start:end], (entity,), "name"))
        return mentions

    def _split_conditions(self, text: str, start: int, joint: str = " and ") -> list[Mention] | None:
        """The two conditions of a name written as "A and B" or "A, B" when the lexicon
        knows each part, else None (the name is one condition)."""
        left, _, right = text.partition(joint)
        found = []
        offset = 0
        for part in (left, right):
            entity = self.resolver.lookup(part, "Disease") or self.resolver.lookup(part, "AdverseEvent")
            if entity is None:
                return None
            pos = text.index(part, offset)
            found.append(Mention(start + pos, start + pos + len(part), part, (entity,), "name"))
            offset = pos + len(part)
        return found

    def _class_target(self, text: str) -> tuple[str, Entity] | None:
        """(prefix, target) of a drug-class name made of a target and an agent noun."""
        words = text.split()
        if len(words) < 2:
            return None
        last = words[-1].lower()
        noun = last[:-1] if last.endswith("s") and last[:-1] in AGENTS else last
        if noun not in AGENTS:
            return None
        prefix = text[: text.rstrip().rfind(words[-1])].rstrip(" -")
        entity = self.resolver.lookup(prefix, "Target") or self.resolver.lookup(singular_phrase(prefix), "Target")
        if entity is None:
            kind = head_type(prefix.split()[-1].lower())
            if kind is None:
                return None
            entity = self.resolver.named(prefix, kind)
        return prefix, entity

    # -- 2. abbreviations -----------------------------------------------------------------
    def _abbreviations(self, clean: str, mentions: list[Mention]) -> list[Mention]:
        for d in find_definitions(clean):
            if d.short in self.aliases:
                continue
            long_mention = next((m for m in mentions if m.end == d.long_end and m.kind != "anaphor"), None)
            if long_mention is None or len(long_mention.entities) != 1:
                continue
            entity = long_mention.entities[0]
            other = self.resolver.lookup(d.short)
            if other is not None and other.id != entity.id and group_of(other.type) != group_of(entity.type):
                if not _defines_over_other_sense(d, long_mention, other):
                    continue
            self.aliases[d.short] = entity
        if self.aliases:
            for start, end, name in _alias_hits(clean, self.aliases):
                entity = self.aliases[name]
                covered = [x for x in mentions if _overlaps(x, start, end)]
                if any(x.entities and x.entities[0].id == entity.id for x in covered):
                    continue
                if any(x.end - x.start > end - start for x in covered):
                    continue
                mentions = replace(mentions, Mention(start, end, clean[start:end], (entity,), "abbreviation"))
        return mentions

    # -- 3. enantiomers -------------------------------------------------------------------
    def _enantiomers(self, clean: str, mentions: list[Mention]) -> list[Mention]:
        for m in mentions:
            entity = m.entities[0]
            if m.is_drug and is_enantiomer_name(entity.label) and entity.broader:
                parent = self.resolver.lexicon.get(entity.broader[0]) if hasattr(self.lexicon, "get") else None
                if parent is not None and group_of(parent.type) == "Drug":
                    self._note_enantiomer(entity, parent, clean, mentions)
        # "S-warfarin", "R-citalopram": a bare descriptor letter joined to the drug by a hyphen
        if "S-" in clean or "R-" in clean:
            for m in list(mentions):
                if not m.is_drug or m.kind in ("anaphor", "enantiomer") or m.start < 2:
                    continue
                if clean[m.start - 1] != "-" or clean[m.start - 2] not in "RS":
                    continue
                if m.start > 2 and (clean[m.start - 3].isalnum() or clean[m.start - 3] in "-()"):
                    continue
                parent = self._parent_of(m.entities[0])
                if is_enantiomer_name(parent.label):
                    continue
                enantiomer = make_enantiomer(clean[m.start - 2], None, parent, self.resolver)
                mentions = replace(mentions, Mention(m.start - 2, m.end, clean[m.start - 2 : m.end], (enantiomer,), "enantiomer"))
                self._note_enantiomer(enantiomer, parent, clean, mentions)
        bare: list[tuple[re.Match, int]] = []
        # every descriptor holds a bracket: a sentence without one has none to read
        for d in DESCRIPTOR_RE.finditer(clean) if "(" in clean else ():
            if any(_overlaps(m, d.start(), d.end()) for m in mentions):
                continue
            letter, sign = descriptor_parts(d)
            tail = clean[d.end() :]
            drug = next((m for m in mentions if m.start >= d.end() and m.is_drug and m.kind != "anaphor"), None)
            gap = clean[d.end() : drug.start] if drug else ""
            if drug is not None and _HYPHEN_GAP.fullmatch(gap):
                parent = self._parent_of(drug.entities[0])
                enantiomer = make_enantiomer(letter, sign, parent, self.resolver)
                mentions = replace(mentions, Mention(d.start(), drug.end, clean[d.start() : drug.end], (enantiomer,), "enantiomer"))
                self._note_enantiomer(enantiomer, parent, clean, mentions)
                continue
            bare_match = BARE_RE.match(tail)
            if bare_match:
                parent = self.enantiomer_parent or self.main
                if parent is None:
                    continue
                end = d.end() + bare_match.end()
                enantiomer = make_enantiomer(letter, sign, parent, self.resolver)
                mentions = replace(mentions, Mention(d.start(), end, clean[d.start() : end], (enantiomer,), "enantiomer"))
                self._note_enantiomer(enantiomer, parent, clean, mentions)
                continue
            bare.append((d, 0))
        # "S(+) or R(-)-losigamone", "the S(+) and R(-) enantiomers": the form of the next one
        for d, _ in bare:
            nxt = next((m for m in mentions if m.start > d.end() and m.kind == "enantiomer"), None)
            if nxt is None or not _COORD_GAP.fullmatch(clean[d.end() : nxt.start]):
                continue
            if not (nxt.text.lower().endswith(("enantiomers", "isomers")) or nxt.entities[0].broader):
                continue
            letter, sign = descriptor_parts(d)
            parent = self.enantiomer_parent or self.main
            if nxt.entities[0].broader and self.lexicon.get(nxt.entities[0].broader[0]) is not None:
                parent = self.lexicon.get(nxt.entities[0].broader[0])
            if parent is None:
                continue
            enantiomer = make_enantiomer(letter, sign, parent, self.resolver)
            mentions = replace(mentions, Mention(d.start(), d.end(), clean[d.start() : d.end()], (enantiomer,), "enantiomer"))
        return mentions

    def _parent_of(self, entity: Entity) -> Entity:
        if entity.broader and hasattr(self.lexicon, "get"):
            parent = self.lexicon.get(entity.broader[0])
            if parent is not None and group_of(parent.type) == "Drug":
                return parent
        return entity

    def _note_enantiomer(self, enantiomer: Entity, parent: Entity, clean: str, mentions: Sequence[Mention]) -> None:
        self.enantiomer_parent = parent
        low = clean.lower()
        score = 1
        if "racem" in low or "enantiomers" in low or "isomers" in low:
            score = 3
        elif any(m.entities and m.entities[0].id == parent.id for m in mentions):
            score = 2
        seen = self.enantiomers.get(enantiomer.id)
        if seen is None or score > seen[3]:
            self.enantiomers[enantiomer.id] = (enantiomer, parent, self.sentence_index, score)

    # -- 4. code names and head-word names ------------------------------------------------
    def _code_names(self, clean: str, mentions: list[Mention]) -> list[Mention]:
        for m in _CODE_RE.finditer(clean):
            code = m.group(1)
            prefix = _LETTERS.match(code).group()
            if prefix in _NOT_CODES or any(_overlaps(x, m.start(), m.end()) for x in mentions):
                continue
            entity = self.resolver.lookup(code) or Entity(local_id(code), code, "Drug")
            mentions = replace(mentions, Mention(m.start(1), m.end(1), code, (entity,), "pattern"))
        return mentions

    def _subtypes(self, clean: str, mentions: list[Mention]) -> list[Mention]:
        """Bare receptor subtypes ("D2", "H1", "mu") before a receptor word or coordinated
        with one: the lexicon's receptor of that name."""
        for m in _SUBTYPE_RE.finditer(clean):
            if any(_overlaps(x, m.start(), m.end()) for x in mentions):
                continue
            if clean[max(0, m.start() - 8) : m.start()].lower().strip().endswith("vitamin"):
                continue
            tail = clean[m.end() : m.end() + 60]
            if not _SUBTYPE_CONTEXT.match(tail) and not (_COORD_START.match(tail) and _RECEPTOR_AHEAD.match(tail)):
                continue
            name = m.group(1)
            names = [f"{name} receptor"]
            if name in _OPIOID_SUBTYPES:
                names = [f"{_OPIOID_SUBTYPES[name]}-opioid receptor", f"{_OPIOID_SUBTYPES[name]} opioid receptor", f"{_OPIOID_SUBTYPES[name]} receptor"]
            entity = next((e for e in (self.resolver.lookup(n, "Target") for n in names) if e is not None), None)
            if entity is not None:
                mentions = replace(mentions, Mention(m.start(), m.end(), name, (entity,), "pattern"))
        return mentions

    def _heads(self, clean: str, mentions: list[Mention], ends: set[int] | None = None) -> list[Mention]:
        if ends is None:
            ends = {m.end() for m in _HEAD_HINT.finditer(clean)}
        self._cells_text = clean if "\t" in clean else ""  # a table row: a name stays in its cell
        tokens = tokenize(clean, mentions)
        new: list[Mention] = []
        # only the tokens that end where a head word does (tokens end in increasing order)
        token_ends = list(map(_END, tokens))
        at = sorted({k for e in ends for k in (bisect_left(token_ends, e),) if k < len(tokens) and token_ends[k] == e})
        for i in at:
            tok = tokens[i]
            found = None
            if tok.mention is None and tok.is_word:
                kind = head_type(tok.low)
                if kind is not None or tok.low in RELEASE_HEADS:
                    found = self._head_phrase(tokens, i, kind)
            elif tok.mention is not None and tok.mention.kind in ("name", "annotation"):
                last = tok.mention.text.split()[-1].lower() if tok.mention.text.split() else ""
                if head_type(last) is not None or last in RELEASE_HEADS:
                    found = self._distribute(tokens, i)
            if found is not None:
                new.append(Mention(found.start, found.end, clean[found.start : found.end], found.entities, found.kind))
        for mention in new:
            mentions = replace(mentions, mention)
        return mentions

    def _modifier(self, tok: Token) -> bool:
        if tok.mention is not None:
            return (tok.mention.group in ("Drug", "Target") or _is_chemical(tok.mention) or tok.mention.entities[0].type == "DrugClass") and tok.mention.kind != "anaphor"
        low = tok.low
        if not tok.is_word or low in _NOT_MODIFIERS or low in TRIGGERS or low.endswith("ly"):
            return False
        if "-" not in low and (low.endswith("ing") or low.endswith("ed")) and not any(c.isupper() for c in tok.text):
            return False
        return not low.isdigit()

    def _chunks_left(self, tokens: Sequence[Token], first: int) -> list[int] | None:
        """Single-token chunks coordinated before index ``first`` ("A, B, or" + head)."""
        chunks: list[int] = []
        k = first - 1
        saw_coord = False
        while k >= 1:
            if tokens[k].low in _COORD or tokens[k].low == ",":
                step = k - 1
                if tokens[k].low in _COORD:
                    saw_coord = True
                    if tokens[step].low == ",":
                        step -= 1
                cand = tokens[step]
                if cand.mention is not None and cand.mention.text.split() and head_type(cand.mention.text.split()[-1].lower()) is not None and len(cand.mention.text.split()) > 1:
                    break  # "cardiac sodium channels and L-type calcium channels": two names, each with its head
                if self._modifier(cand) and not (cand.mention is None and cand.low.endswith("s") and not any(c.isupper() for c in cand.text)):
                    chunks.insert(0, step)
                    k = step - 1
                    continue
            break
        return chunks if chunks and saw_coord else None

    def _head_phrase(self, tokens: Sequence[Token], h: int, kind: str | None) -> Mention | None:
        head = tokens[h]
        head_words = [singular(head.text)]
        k = h - 1
        if head_type(head.low) == "BindingSite" and k >= 0 and tokens[k].low in ("recognition", "binding", "agonist", "antagonist"):
            head_words.insert(0, tokens[k].text)
            k -= 1
        if singular(head.low) == "transcriptase" and k >= 0 and tokens[k].low == "reverse":
            head_words.insert(0, tokens[k].text)  # "reverse transcriptase": one name, not a verb
            k -= 1
        mods: list[int] = []
        if k >= 1 and tokens[k].mention is None and tokens[k].low.isdigit() and tokens[k - 1].low == "type":
            mods = [k - 1, k]  # "type 2 5-alpha-reductase": the isoform's number is part of its name
            k -= 2
        while k >= 0 and len(mods) < 3 and self._modifier(tokens[k]):
            if self._cells_text and "\t" in self._cells_text[tokens[k].end : tokens[k + 1].start]:
                break  # "Sofosbuvir <tab> NS5B polymerase": the cell before is another column
            mods.insert(0, k)
            k -= 1
            if mods and tokens[mods[0]].mention is not None:
                break
        if not mods:
            if kind == "Enzyme" and (len(head_words) > 1 or _names_enzyme_alone(head.low)):
                # "arabinosyltransferases", "5-alpha-reductase", "reverse transcriptase": an
                # enzyme's own name, with no modifier before it
                name = " ".join(head_words)
                return Mention(tokens[k + 1].start, head.end, "", (self.resolver.named(name, "Enzyme"),), "pattern")
            return None
        if kind is None:  # a process head ("release"): only after a chemical
            if not all(_is_chemical(tokens[j].mention) for j in mods[-1:]):
                return None
        head_text = " ".join(head_words)
        phrase_start = mods[0]
        chunk_names: list[str] = []
        if len(mods) == 1:
            coordinated = self._chunks_left(tokens, mods[0])
            if coordinated:
                chunk_names = [self._name_of(tokens[j]) for j in coordinated]
                phrase_start = coordinated[0]
        own = " ".join(self._name_of(tokens[j]) for j in mods)
        entities = [self._head_entity(n, head_text, kind) for n in [*chunk_names, own]]
        if len(mods) == 1 and len(head_words) == 1:
            # "KCNQ3 channels": a named channel with its class word is that channel
            named = tokens[mods[0]].mention
            if named is not None and len(named.entities) == 1 and named.entities[0].type == kind:
                entities[-1] = named.entities[0]
        start, end = tokens[phrase_start].start, head.end
        return Mention(start, end, "", tuple(entities), "pattern" if len(entities) == 1 else "group")

    def _name_of(self, tok: Token) -> str:
        if tok.mention is not None and tok.mention.entities:
            return tok.mention.text
        return tok.text

    def _head_entity(self, modifier: str, head: str, kind: str | None) -> Entity:
        if kind is None:
            return self.resolver.process(modifier, singular(head).lower())
        return self.resolver.named(f"{modifier} {head}", kind)

    def _distribute(self, tokens: Sequence[Token], i: int) -> Mention | None:
        """A named head ("picrotoxin recognition sites") shared by coordinated modifiers."""
        mention = tokens[i].mention
        words = mention.text.split()
        if len(words) < 2:
            return None
        tail = [words[-1]]
        if head_type(words[-1]) == "BindingSite" and len(words) >= 3 and words[-2].lower() in ("recognition", "binding"):
            tail.insert(0, words[-2])
        chunks = self._chunks_left(tokens, i)
        if not chunks:
            return None
        kind = head_type(words[-1])
        head_text = " ".join([*tail[:-1], singular(tail[-1])])
        entities = [self._head_entity(self._name_of(tokens[j]), head_text, kind) for j in chunks]
        entities.append(mention.entities[0])
        start = tokens[chunks[0]].start
        return Mention(start, mention.end, "", tuple(entities), "group")

    # -- 5. processes ---------------------------------------------------------------------
    def _processes(self, clean: str, mentions: list[Mention]) -> list[Mention]:
        tokens = tokenize(clean, mentions)
        new: list[Mention] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.mention is None and i + 1 < len(tokens) and tokens[i + 1].low in ("of", "in"):
                if tok.low in RELEASE_HEADS and tokens[i + 1].low == "of":
                    found = self._release_of(tokens, i)
                elif tok.low in IMPAIRMENT_HEADS:
                    found = self._impairment(tokens, i)
                else:
                    found = None
                if found is not None:
                    mention, last = found
                    new.append(Mention(mention.start, mention.end, clean[mention.start : mention.end], mention.entities, mention.kind))
                    i = last + 1
                    continue
            i += 1
        for mention in new:
            mentions = replace(mentions, mention)
        return mentions

    def _release_of(self, tokens: Sequence[Token], i: int) -> tuple[Mention, int] | None:
        head = tokens[i].low
        j = i + 2
        members: list[Entity] = []
        names: list[str] = []
        class_words: list[str] = []
        chem_idx: list[int] = []
        enum_at = None
        last = None
        k = j
        while k < len(tokens) and k < j + 14:
            tok = tokens[k]
            low = tok.low
            if tok.mention is not None:
                if tok.mention.kind == "anaphor":
                    break
                if _is_chemical(tok.mention) or tok.mention.group in ("Drug", "Effect", "Entity"):
                    chem_idx.append(k)
                    last = k
                    k += 1
                    continue
                break
            if low in ("these", "those") and not chem_idx:
                if self.chemicals:
                    members = list(self.chemicals)
                    m = k + 1
                    while m < len(tokens) and tokens[m].is_word and tokens[m].mention is None and tokens[m].low not in _NOT_MODIFIERS and len(tokens[m].low) > 2 and m < k + 4:
                        m += 1
                    if m == k + 1 and not (m < len(tokens) and tokens[m].mention is not None):
                        return None
                    last = m - 1 if tokens[m - 1].mention is None or m == k + 1 else m
                    if m < len(tokens) and tokens[m].mention is not None and _is_chemical(tokens[m].mention):
                        last = m
                    entities = tuple(self.resolver.process(self._label(e), head) for e in members)
                    return Mention(tokens[i].start, tokens[last].end, "", entities, "group"), last
                return None
            if (low in _ENUM_CUES and chem_idx) or low in _ENUM_CUES - {"as", "like", "such"}:
                enum_at = len(chem_idx)
                k += 1
                continue
            if low in _COORD or low == ",":
                if low == "," and not (k + 1 < len(tokens) and (tokens[k + 1].mention is not None or tokens[k + 1].low in _ENUM_CUES | _COORD)):
                    break
                k += 1
                continue
            if low in ("the", "endogenous", "excessive", "basal", "evoked", "stimulated", "synaptic", "vesicular", "neuronal") and not chem_idx:
                k += 1
                continue
            if tok.is_word and not chem_idx and low not in _NOT_MODIFIERS and low not in TRIGGERS and len(class_words) < 3:
                class_words.append(tok.text)
                last = k
                k += 1
                continue
            break
        if chem_idx:
            picks = chem_idx
            if enum_at is not None and enum_at < len(chem_idx):
                picks = chem_idx[enum_at:]
            elif len(chem_idx) >= 2 and chem_idx[1] == chem_idx[0] + 1:
                picks = chem_idx[1:]  # "the excitatory amino acids glutamate and aspartate"
            for c in picks:
                mention = tokens[c].mention
                for e in mention.entities:
                    members.append(e)
                    names.append(self._label(e) if len(mention.entities) > 1 else mention.text)
            last = chem_idx[-1] if enum_at is not None or picks != chem_idx or last is None else max(last, chem_idx[-1])
            last = max(chem_idx[-1], picks[-1])
            entities = tuple(self.resolver.process(n.lower() if not any(c.isupper() for c in n[1:]) else n, head) for n in names)
            self.chemicals = [e for e in members if _chemical(e)] or self.chemicals
            return Mention(tokens[i].start, tokens[last].end, "", entities, "group"), last
        if class_words and last is not None:
            entity = self.resolver.process(" ".join(class_words).lower(), head)
            return Mention(tokens[i].start, tokens[last].end, "", (entity,), "group"), last
        return None

    @staticmethod
    def _label(entity: Entity) -> str:
        return entity.label

    def _impairment(self, tokens: Sequence[Token], i: int) -> tuple[Mention, int] | None:
        k = i + 2
        items: list[str] = []
        current: list[str] = []
        last = None
        while k < len(tokens) and k < i + 20:
            tok = tokens[k]
            low = tok.low
            if tok.mention is not None:
                if tok.mention.group in ("Drug", "Disease") or tok.mention.kind == "anaphor":
                    break
                current.append(self._label(tok.mention.entities[0]))
                last = k
            elif low in ("these", "those") and not items and not current:
                if self.impaired and k + 1 < len(tokens) and tokens[k + 1].is_word:
                    entities = tuple(self.resolver.impairment(x) for x in self.impaired)
                    return Mention(tokens[i].start, tokens[k + 1].end, "", entities, "adverse"), k + 1
                return None
            elif low == "," or low in _COORD:
                if current:
                    items.append(" ".join(current))
                    current = []
            elif tok.is_word and low not in _NOT_MODIFIERS - {"cognitive"} and low not in TRIGGERS and not low.isdigit() and len(current) < 3:
                current.append(tok.text)
                last = k
            else:
                break
            k += 1
        if current:
            items.append(" ".join(current))
        if not items or last is None:
            return None
        items = [singular_phrase(x.lower()) for x in items]
        self.impaired = items
        entities = tuple(self.resolver.impairment(x) for x in items)
        return Mention(tokens[i].start, tokens[last].end, "", entities, "adverse"), last

    # -- 6. anaphora ----------------------------------------------------------------------
    def _anaphora(self, clean: str, mentions: list[Mention]) -> list[Mention]:
        tokens = tokenize(clean, mentions)
        new: list[Mention] = []
        first_drug = None
        compared = compared_drugs(tokens) if any(m.is_drug for m in mentions) and may_compare(clean) else set()
        for i, tok in enumerate(tokens):
            if tok.mention is not None:
                if first_drug is None and tok.mention.is_drug and i not in compared:
                    first_drug = tok.mention.entities[0]
                continue
            low = tok.low
            target: tuple[Entity, ...] | None = None
            end = i
            if low in ("it", "its"):
                if low == "it" and self._expletive(tokens, i):
                    continue
                before = tokens[i - 1] if i > 0 else None
                if low == "it" and before is not None and before.mention is None and (
                    before.low.endswith("ing") or before.low in TRIGGERS or before.low in ("to", "from", "with", "into", "on", "converts", "convert")
                ) and not _reported_with(tokens, i):
                    continue  # "preventing it from ...", "converts it to": an object, not the drug
                drug = first_drug or self.topic or self.main
                if low == "its" and i >= 2 and tokens[i - 1].low in (",", "and", "or", "(") and tokens[i - 2].mention is not None and tokens[i - 2].mention.is_drug and i - 2 not in compared and _names_metabolite_after(tokens, i):
                    drug = tokens[i - 2].mention.entities[0]  # "..., amiodarone, its metabolite M": the drug just named
                if drug is not None:
                    target = (drug,)
            elif low in ("the", "this") and i + 1 < len(tokens) and tokens[i + 1].low in _DRUG_NOUNS:
                drug = (first_drug if i > 0 else None) or self.topic or self.main
                if drug is not None:
                    target, end = (drug,), i + 1
            elif (
                low in ("the", "this") and i + 2 < len(tokens) and tokens[i + 1].low in _DRUG_NOUN_ADJECTIVES
                and tokens[i + 2].low in _DRUG_NOUNS and tokens[i + 1].mention is None
            ):
                # "The parent drug inhibits ...", "the same compound": the drug in focus (or
                # the drug this sentence is about: "M is more potent than the parent drug")
                drug = (first_drug if i > 0 else None) or self.topic or self.main
                if drug is not None:
                    target, end = (drug,), i + 2
            elif (
                low in ("the", "this", "its")
                and i + 2 < len(tokens)
                and tokens[i + 1].low in ("active", "main", "major", "principal")
                and tokens[i + 2].low in ("metabolite", "form", "moiety")
                and tokens[i + 2].mention is None
            ):
                # "its active metabolite", "the active form": the drug in focus acts through it
                drug = self.topic or self.main
                if i >= 2 and tokens[i - 1].low == "," and tokens[i - 2].mention is not None and tokens[i - 2].mention.is_drug and low == "the":
                    drug = None  # "to latanoprost acid, the active form": a description of the drug just named
                if drug is not None and not (i + 3 < len(tokens) and tokens[i + 3].low == "of"):
                    target, end = (drug,), i + 2
            elif i == 0 and low in ("this", "these", "the", "such"):
                k = i + 1
                while k < len(tokens) and k <= i + 3 and tokens[k].mention is None and tokens[k].low not in _ACTION_NOUNS and tokens[k].is_word:
                    k += 1
                if k < len(tokens) and tokens[k].low in _ACTION_NOUNS and tokens[k].mention is None:
                    nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
                    words = {t.low for t in tokens[i + 1 : k]}
                    if nxt not in ("of", "on") and not words & set(PROPERTY_ADJECTIVES):
                        drug = self.topic or self.main
                        if drug is not None:
                            target, end = (drug,), k
            elif low in ("these", "those") and i + 1 < len(tokens):
                k = i + 1
                while k < len(tokens) and k <= i + 3 and tokens[k].mention is None and tokens[k].low not in _PLURAL_CLASSES and tokens[k].is_word:
                    k += 1
                if k < len(tokens) and tokens[k].low in _PLURAL_CLASSES:
                    found = self.last_by_type.get(_PLURAL_CLASSES[tokens[k].low])
                    if found:
                        target, end = found, k
            elif low == "all" and i + 1 < len(tokens) and tokens[i + 1].low in _COUNT_WORDS and (i == 0 or tokens[i - 1].low in (",", ";", "and", "but")):
                count = _COUNT_WORDS[tokens[i + 1].low]
                if len(self.recent) >= count:
                    nxt = tokens[i + 2] if i + 2 < len(tokens) else None
                    plural = nxt is not None and nxt.mention is None and (nxt.low in _PAIR_NOUNS or (nxt.low.startswith("anti") and nxt.low.endswith("s")) or nxt.low.endswith(("inhibitors", "antagonists", "agonists", "blockers")))
                    target, end = tuple(self.recent[-count:]), (i + 2 if plural else i + 1)
            elif low in ("both", "neither") and self.pair and (i == 0 or tokens[i - 1].low in (",", ";", "and", "but")):
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if nxt is not None and nxt.mention is None:
                    if low == "both" and (nxt.low in _PAIR_NOUNS or nxt.low in _PAIR_VERBS or (nxt.low.startswith("anti") and nxt.low.endswith("s"))):
                        target, end = self.pair, (i + 1 if nxt.low in _PAIR_NOUNS or nxt.low.startswith("anti") else i)
                    elif low == "neither" and (nxt.low in _PAIR_NOUN or (nxt.low.startswith("anti") and len(nxt.low) > 6)):
                        # the noun only: "Neither" stays a negation cue
                        new.append(Mention(nxt.start, nxt.end, clean[nxt.start : nxt.end], self.pair, "anaphor"))
                        continue
            elif low in ("distinct", "different", "separate", "novel", "unique", "allosteric") and i + 1 < len(tokens) and tokens[i + 1].low == "site":
                before = " ".join(t.low for t in tokens[max(0, i - 4) : i])
                receptor = self.last_by_type.get("Receptor")
                if receptor and _BIND_TO_A.search(before):
                    target, end = receptor, i + 1
            if target:
                new.append(Mention(tok.start, tokens[end].end, clean[tok.start : tokens[end].end], target, "anaphor"))
                if first_drug is None and group_of(target[0].type) == "Drug":
                    first_drug = target[0]
        for mention in new:
            mentions = replace(mentions, mention)
        return mentions

    @staticmethod
    def _expletive(tokens: Sequence[Token], i: int) -> bool:
        nxt = [t.low for t in tokens[i + 1 : i + 5]]
        if nxt and nxt[0] in _EXPLETIVE_AFTER and "that" in nxt:
            return True
        return bool(nxt) and nxt[0] in ("is", "was") and len(nxt) > 1 and nxt[1] in ("possible", "likely", "unlikely", "unclear", "known", "important", "necessary", "clear")

    def _target_anaphora(self, clean: str, mentions: list[Mention]) -> list[Mention]:
        """"inhibits this enzyme", "which blocks that channel", "the same transporter": the
        target of that kind named last (earlier in the sentence, else before it)."""
        for match in _TARGET_ANAPHOR.finditer(clean):
            start, end = match.span()
            if any(m.start < end and start < m.end for m in mentions):
                continue
            noun = singular(match.group(1).lower())
            earlier = [(m.text.lower(), m.entities[0]) for m in mentions if m.end <= start and m.kind != "anaphor" and m.group == "Target"]
            target = next((e for text, e in reversed([*self.recent_targets, *earlier]) if _is_kind_of(text, e, noun)), None)
            if target is not None:
                mentions = replace(mentions, Mention(start, end, clean[start:end], (target,), "anaphor"))
        return mentions

    # -- memory ---------------------------------------------------------------------------
    def _remember(self, clean: str, mentions: Sequence[Mention]) -> None:
        for m in mentions:
            if m.kind != "anaphor" and m.entities and m.group == "Target" and len(m.entities) == 1:
                self.recent_targets.append((m.text.lower(), m.entities[0]))
        del self.recent_targets[:-12]
        first = None
        compared: set[int] = set()
        if may_compare(clean) and any(m.is_drug for m in mentions):
            tokens = tokenize(clean, mentions)
            compared = {tokens[i].start for i in compared_drugs(tokens)}
        for m in mentions:
            if m.is_drug and first is None and m.start not in compared and not (m.kind == "enantiomer" and self.main is not None and m.entities[0].broader):
                if not _side_drug(clean, m):
                    first = m.entities[0]
            if m.kind == "anaphor":
                continue
            if len(m.entities) == 1:  # the usual case, without the sets and lists below
                self.last_by_type[m.entities[0].type] = tuple(m.entities)
                continue
            kinds = {e.type for e in m.entities}
            for kind in kinds:
                self.last_by_type[kind] = tuple(e for e in m.entities if e.type == kind)
            chems = [e for e in m.entities if _chemical(e)]
            if len(chems) >= 2:
                self.chemicals = chems
        if first is not None:
            self.topic = first
        named = {
            m.entities[0].id: m.entities[0] for m in mentions
            if m.is_drug and m.kind != "anaphor" and not _NAMES_CLASS.match(clean, m.end)
            and not clean[max(0, m.start - 4) : m.start].lower().endswith("non-")
        }  # fmt: skip
        # a comparison names the pair as well ("X gives more weight loss than Y. Both drugs ...")
        if len(named) == 2:
            self.pair = tuple(named.values())
        for entity in named.values():
            if entity in self.recent:
                self.recent.remove(entity)
            self.recent.append(entity)
        del self.recent[:-8]


# A drug named only as a modifier or a co-medication does not become the drug in focus
# ("glucose-dependent", "with concomitant ciclosporin"): "the drug" still means the earlier one.
_SIDE_DRUG_BEFORE = re.compile(
    r"(?:concomitant|concurrent|co-?administered|co-?medication with|combined with|combination with|"
    r"(?:concomitant|concurrent|simultaneous|combined)\s+(?:use|administration|treatment|therapy|intake)\s+(?:of|with))\s+$",
    re.IGNORECASE,
)


# "a purine analogue", "a quinolone derivative": a chemical named as the family of the drug.
_NAMES_CLASS = re.compile(r"\s*(?:analogues?|analogs?|derivatives?|congeners?|scaffold|class)\b", re.IGNORECASE)


# "D occurs mainly with it", "D was more frequent with it": the drug an event is reported with
_REPORTED_WITH = frozenset({"occurs", "occur", "occurred", "seen", "reported", "observed", "common", "frequent", "commoner",
                            "likelier", "likely", "noted", "recorded"})  # fmt: skip


def _reported_with(tokens: Sequence[Token], i: int) -> bool:
    """True for the "it" of "D occurs (mainly) with it" at ``i``: the drug, not an object."""
    if i < 2 or tokens[i - 1].low != "with":
        return False
    k = i - 2
    while k > 0 and tokens[k].mention is None and tokens[k].low.endswith("ly") and tokens[k].low not in _REPORTED_WITH:
        k -= 1
    return tokens[k].mention is None and tokens[k].low in _REPORTED_WITH


def _names_metabolite_after(tokens: Sequence[Token], i: int) -> bool:
    """True for "its (active) metabolite M" at ``i``: the metabolite's name follows the noun
    (not "M, its active metabolite", where the name came first)."""
    k = i + 1
    while k < len(tokens) and k <= i + 3 and tokens[k].mention is None and tokens[k].low not in ("metabolite", "metabolites"):
        k += 1
    return k + 1 < len(tokens) and tokens[k].low in ("metabolite", "metabolites") and tokens[k + 1].mention is not None and tokens[k + 1].mention.is_drug


_ADJECTIVE_ENDINGS = ("ive", "ic", "ical", "al", "ary", "ous", "oid")


def _drop_adjective_conditions(clean: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a one-word condition adjective written just before another condition: in
    "convulsive status epilepticus" or "psychotic depression" the adjective qualifies the
    condition after it and names no condition of its own."""
    if len(mentions) < 2:
        return mentions
    out: list[Mention] = []
    for k, m in enumerate(mentions):
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if (
            nxt is not None
            and m.group in ("Disease", "AdverseEvent")
            and nxt.group in ("Disease", "AdverseEvent")
            and " " not in m.text
            and m.text.lower().endswith(_ADJECTIVE_ENDINGS)
            and clean[m.end : nxt.start] == " "
        ):
            continue
        out.append(m)
    return out


def _plural_of_singular(m: Mention) -> bool:
    """True when a mention writes its entity's singular name in the plural ("aminoglycosides"
    for aminoglycoside): a family of compounds rather than one drug."""
    text = m.text.lower()
    label = m.entities[0].label.lower() if m.entities else ""
    return len(text) > 4 and text.endswith("s") and not label.endswith("s") and text.rstrip("s").startswith(label[: max(3, len(label) - 2)])


_FORMS_OF_DRUGS: dict[str, Entity] = {}
# "this enzyme", "that channel", "the same transporter": a target named before
_TARGET_NOUNS = ("enzyme", "channel", "transporter", "receptor", "kinase", "pump", "isoenzyme", "isozyme")
_TARGET_ANAPHOR = re.compile(rf"\b(?:[Tt]his|[Tt]hat|[Tt]he same)\s+({'|'.join(_TARGET_NOUNS)})\b")
_KIND_OF_NOUN = {"enzyme": "Enzyme", "isoenzyme": "Enzyme", "isozyme": "Enzyme", "kinase": "Enzyme", "channel": "IonChannel",
                 "transporter": "Transporter", "pump": "Transporter", "receptor": "Receptor"}  # fmt: skip


def _is_kind_of(text: str, entity: Entity, noun: str) -> bool:
    """True when a target mention (its text and entity) is of the kind a noun names."""
    if noun in text or noun in entity.label.lower():
        return True
    return entity.type == _KIND_OF_NOUN.get(noun) or (noun in ("enzyme", "isoenzyme", "isozyme") and text.endswith("ase"))
# Lipids measured in the blood, which a lexicon may file as drugs: never agents
_BLOOD_LIPID = re.compile(r"\b(?:lipoproteins?|cholesterol|triglycerides?)\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _names_blood_lipid(label: str) -> bool:
    """``_BLOOD_LIPID`` found in a drug's label (asked for each match of the drug)."""
    return _BLOOD_LIPID.search(label) is not None

_ENDOGENOUS_LIPIDS: dict[str, Entity] = {}
# Bare tumour names that an organ adjective before them makes specific ("urothelial carcinoma")
_TUMOUR_HEADS = frozenset({"carcinoma", "carcinomas", "adenocarcinoma", "adenocarcinomas", "cancer", "cancers", "sarcoma",
                           "lymphoma", "tumour", "tumor", "neoplasm"})  # fmt: skip
# Searched in the lower-cased sentence: six times faster than the same alternation IGNORECASE
_TUMOUR_WORDS = ("carcinoma", "cancer", "sarcoma", "lymphoma", "tumor", "tumour", "neoplasm")
_TUMOUR_HEAD_HINT = re.compile(rf"(?:{'|'.join(_TUMOUR_WORDS)})s?\b")  # (one of the words is in the sentence)
_ORGAN_BEFORE = re.compile(r"\b([A-Za-z]{4,}(?:al|ic|ar|ary|ine|ous))\s+$")
# Adjectives before a tumour name that say how far it spread or how it behaves, not where it is
_NOT_ORGANS = frozenset({"metastatic", "clinical", "typical", "atypical", "several", "chronic", "acute", "advanced", "local",
                         "original", "initial", "residual", "potential", "malignant", "invasive", "progressive", "serious",
                         "fatal", "secondary", "primary", "solid", "general", "various", "previous", "particular", "epithelial",
                         "germline", "sporadic", "familial", "hereditary", "inoperable", "refractory", "radical"})  # fmt: skip


def _names_enzyme_alone(low: str) -> bool:
    """True for one word that names an enzyme by itself: long, ending in -ase, not a general
    head ("isoenzymes") nor a phase of the cell cycle ("metaphase")."""
    word = singular(low)
    last = word.rsplit("-", 1)[-1]  # "extended-release" is no enzyme, "5-alpha-reductase" is
    return len(word) >= 9 and not word.endswith("phase") and word not in HEAD_TYPES and head_type(last) == "Enzyme"
# A dosage form alone ("as a nasal spray", "the tablets") names how a drug is given, not a drug
_DOSAGE_FORM = re.compile(
    r"^(?:(?:nasal|oral|topical|transdermal|vaginal|rectal|ophthalmic|eye|ear|skin)\s+)?"
    r"(?:sprays?|tablets?|capsules?|patch(?:es)?|creams?|solutions?|inhalers?|drops|gels?|ointments?|"
    r"suppositor(?:y|ies)|lozenges?|pessar(?:y|ies))$"
)
_DEPRIVATION_AFTER = re.compile(r"\s+(?:deprivation|depletion|withdrawal)\b", re.IGNORECASE)


def _colon_parts(text: str) -> list[tuple[int, str]]:
    """The pieces of a matched name on either side of its ": " (offset, text)."""
    head, _, tail = text.partition(": ")
    return [(0, head), (len(head) + 2, tail)]


def _side_drug(clean: str, m: Mention) -> bool:
    """True for a drug mention written as a modifier ("X-dependent") or a co-medication."""
    if clean[m.end : m.end + 1] == "-":
        return True
    if _plural_of_singular(m):
        return True  # "aminoglycosides", "sterols": a family named, not the drug in focus
    if named_as_prior_therapy(clean, m.start, m.end):
        return True  # "after progression on X", "X deprivation therapy": not the drug in focus
    return _SIDE_DRUG_BEFORE.search(clean, max(0, m.start - 30), m.start) is not None


def annotation_entity(resolver: EntityResolver, lexicon, text: str, kind: str, identifier: str | None) -> Entity:
    """Return the entity a file annotation names: the lexicon's (by id, then name) or a local one.

    Parameters
    ----------
    kind : str
        The file's type (``Chemical``, ``Disease``, ``Gene``, ``GENE-Y``, ``CHEMICAL``...).
    identifier : str or None
        The file's identifier (``MESH:D000077213``, ``D000077213``, ``6323``).
    """
    low = kind.lower()
    if "chem" in low or "drug" in low:
        etype = "Drug"
    elif "disease" in low or "disorder" in low:
        etype = "Disease"
    elif "gene" in low or "protein" in low:
        etype = "Protein"
    else:
        etype = "Entity"
    group = group_of(etype)
    if identifier and identifier not in ("-", "-1"):
        ident = identifier.split("|")[0].strip()
        candidates = []
        if ":" in ident:
            try:
                candidates.append(canonical_curie(ident))
            except ValueError:
                pass
        elif ident[:1] in "CD" and ident[1:].isdigit():
            candidates.append(f"mesh:{ident}")
        elif ident.isdigit() and etype == "Protein":
            candidates.append(f"NCBIGene:{ident}")
        for curie in candidates:
            found = lexicon.get(curie) if hasattr(lexicon, "get") else None
            if found is not None:
                return found
        by_name = resolver.lookup(text, group if group != "Entity" else None)
        if by_name is not None:
            return by_name
        if candidates:
            return Entity(candidates[0], text, etype)
    return resolver.lookup(text, group if group != "Entity" else None) or Entity(local_id(text), text, etype)
