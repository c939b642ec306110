"""Typed, directed relations between the mentions of one sentence.

The rules start from a trigger word (:mod:`pharmgraph.extract.triggers`) and look for its
subject and object among the mentions around it, within its clause:

========================  ====================================================================
pattern                   example (subject -> object)
========================  ====================================================================
active verb               X blocks Y; X has been shown to reduce the release of Y
passive verb              Y is blocked by X
nominalisation            inhibition of Y by X; X-induced inhibition of Y; Y blockade by X;
                          X produced a reduction in Y; its inhibition of Y
agent noun                X, a Y blocker; X (a Y opener); Y blockers such as X; X is a Y
                          modulator; As a Y modulator, X ...; the Y antagonist X
effect noun               X had no effect on Y; the inhibitory effect of X on Y
treatment                 X ... for the treatment of D; efficacy of X in D; X protects from D
property                  its antiepileptic properties; X is an anticonvulsant agent
adverse event             X-induced D; X causes D; X shows significant impairment in F;
                          long-term use (of X) caused blue discoloration of the skin and
                          retinal pigment changes (phrases named by a condition head);
                          D has occurred with X; D was reported in patients taking X
metabolism, transport     X is metabolised by CYP3A4; X is a substrate of P-glycoprotein;
                          CYP3A4 is responsible for the metabolism of X (metabolised_by for
                          enzymes, transported_by for transporters)
enantiomer                X is the S-enantiomer of Y; X, the R-enantiomer of Y, ...
affinity                  X showed no affinity for Y (binds, negated)
========================  ====================================================================

Clause structure decides the subject: coordinated verbs share theirs ("X blocks A, raises B and
inhibits C", "X inhibits A but does not inhibit B"); a means clause ("X lowers Y by inhibiting
A") takes the subject of the clause it modifies; an apposition ("X, the R-enantiomer of Y,
blocks A") gives the statement to X; a comparison drug ("Unlike Y, X does not ...", "more
potent than Y", :mod:`.scope`) never takes it. Endogenous substances and drug classes are not
drugs; an endogenous substance is an agent only when it opens a sentence that names no drug
("GABA activates GABA-A receptors").

Coordinated objects ("glutamate and aspartate", "KCNQ2/KCNQ3") each get the relation. Subjects
must be drugs; objects must not be. When a clause has no subject of its own, the caller may
supply one (:class:`SentenceContext.carry`, the drug in focus, given only when the sentence's
subject points back to it or the sentence is a list item under its heading), which is used
only for clauses that speak of a mechanism (any clause, for such a list item). Negation and hedging come from :class:`pharmgraph.extract.context.Clauses`.

Examples
--------
>>> from pharmgraph.model import Entity
>>> from pharmgraph.extract.tokens import Mention
>>> x = Entity("x:1", "drugx", "Drug"); y = Entity("y:1", "Y receptor", "Receptor")
>>> text = "Y receptor is not blocked by drugx."
>>> rels = find_relations(text, [Mention(0, 10, "Y receptor", (y,)), Mention(28, 33, "drugx", (x,))])
>>> [(r.subject.label, r.predicate, r.object.label, r.negated) for r in rels]
[('drugx', 'blocks', 'Y receptor', True)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pharmgraph.extract.context import Clauses, is_negation_cue
from pharmgraph.extract.populations import GIVING_WORDS, compared_in_population, population_use
from pharmgraph.extract.scope import compared_drugs
from pharmgraph.extract.tokens import Mention, Token, group_of, tokenize
from pharmgraph.extract.triggers import (
    AGENT_LEFT_LINKS,
    AGENT_QUALIFIERS,
    AGENT_RIGHT_LINKS,
    BE_FORMS,
    CAUSING,
    CONDITION_CAUSING,
    CONDITION_HEADS,
    DECREASING,
    EFFECT_ADJECTIVES,
    EFFECT_NOUNS,
    MECHANISM_WORDS,
    OBJECT_STOPS,
    PROPERTY_ADJECTIVES,
    PROPERTY_NOUNS,
    SHOWING,
    TOXIC_ADJECTIVES,
    TREAT_PREPOSITIONS,
    TREAT_WORDS,
    TRIGGERS,
    USE_NOUNS,
    VAGUE_CONDITION_HEADS,
    WEAK_CONDITION_HEADS,
    Trigger,
)
from pharmgraph.identifiers import local_id
from pharmgraph.model import Entity
from pharmgraph.vocabulary import direction


@dataclass(frozen=True)
class Relation:
    """One typed, directed relation read in a sentence.

    Attributes
    ----------
    subject, object : Entity
    predicate : str
        A :data:`pharmgraph.vocabulary.PREDICATES` name.
    negated : bool
    certainty : str
        ``asserted`` or ``hedged``.
    confidence : float
        How much the rule that found it is trusted, in [0, 1].
    rule : str
        The pattern that found it (``verb``, ``passive``, ``nominal``, ``agent``...).
    trigger : tuple of int
        Offsets of the trigger word in the sentence.
    """

    subject: Entity
    predicate: str
    object: Entity
    negated: bool = False
    certainty: str = "asserted"
    confidence: float = 0.8
    rule: str = ""
    trigger: tuple[int, int] = (0, 0)


@dataclass
class SentenceContext:
    """What the document tells the rules beyond the sentence.

    Attributes
    ----------
    carry : Entity or None
        The drug an agentless clause about a mechanism speaks of: the drug in focus, when the
        sentence's subject points back to it ("It", "The drug", "This effect", "The proposed
        mechanism") or the sentence is a list item under a heading that names it.
    carry_any : bool
        True when ``carry`` is the subject of every agentless clause, mechanism or not (a list
        item under the drug's heading: "- Blocks sodium channels.").
    previous : dict of str to str
        Object id -> the last directed predicate seen for it in the document; a negated
        "no effect on Y" takes that predicate (it denies the change discussed).
    disease : callable or None
        Name -> disease entity, for property adjectives ("antiepileptic" -> epilepsy).
    condition : callable or None
        Phrase -> the lexicon's disease or adverse event of that name, or None.
    label_end : int
        Offset where a run-in label ("Potassium Channel Activation:") ends; triggers before it
        state no relation.
    """

    carry: Entity | None = None
    carry_any: bool = False
    previous: dict[str, str] = field(default_factory=dict)
    disease: Callable[[str], Entity | None] | None = None
    condition: Callable[[str], Entity | None] | None = None
    label_end: int = 0
    document_drug: Entity | None = None
    """The drug of a document about one drug: what a drugless report of an event ("Two
    cases of rhabdomyolysis occurred") speaks of."""


@dataclass
class _Found:
    subjects: list[Entity]
    objects: list[Mention]
    base: str
    lemma: str
    rule: str
    confidence: float
    trigger: int
    lo: int  # first token of the relation (for negation scope)
    hi: int  # token the negation must reach (the object, or the trigger)
    carried: bool = False


_DETERMINERS = {"the", "a", "an", "this", "these", "that", "those", "its", "their", "both", "all",
                "each", "any", "some", "such", "other"}  # fmt: skip
_COORD = {"and", "or", "&", "and/or", "nor", "plus"}
_REPEATED_PREPOSITIONS = {"of", "for", "to", "with", "on", "at", "in"}
_AGENT_SUFFIXES = ("-induced", "-mediated", "-evoked", "-elicited", "-triggered", "-dependent",
                   "-stimulated", "-associated", "-related")  # fmt: skip
_SALT_WORDS = {"phosphate", "hydrochloride", "sodium", "potassium", "calcium", "mesylate", "maleate", "citrate",
               "sulfate", "sulphate", "tartrate", "succinate", "fumarate", "acetate", "besylate", "bromide",
               "chloride", "magnesium", "hydrobromide", "oxalate", "tosylate", "lactate", "carboxylate"}  # fmt: skip
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half", "third", "quarter"}
_COMPARATIVES = {"less", "more", "greater", "lower", "higher", "smaller", "larger", "weaker", "stronger"}
# Nouns after "A/B" that make it one thing, not two ("PI3K/Akt pathway", "ADP/ATP ratio").
_SLASH_CHAIN_NOUNS = {"pathway", "pathways", "cascade", "signaling", "signalling", "axis",
                      "ratio", "ratios", "balance", "exchange", "exchanger", "loop"}  # fmt: skip
# Degree and quality words left out of a condition's name ("marked lesions" -> lesions).
_CONDITION_SKIP = {"significant", "marked", "severe", "mild", "moderate", "visible", "apparent",
                   "prominent", "slight", "pronounced", "substantial", "considerable", "rapid",
                   "transient", "persistent", "exaggerated", "notable", "obvious", "irreversible",
                   "reversible", "dose-dependent", "progressive", "extensive", "serious"}  # fmt: skip
_COMPARISON_WORDS = {"unlike", "contrast", "contrary", "compared", "comparison", "opposed", "relative", "similar",
                     "similarly", "with", "than", "instead"}  # fmt: skip
_OF_HEADS = {"derivative", "derivatives", "analogue", "analog", "analogues", "analogs", "prodrug", "salt",
             "ester", "congener", "homologue", "metabolite", "metabolites"}  # fmt: skip
# Class nouns a chemical family names ("a coumarin anticoagulant", "a quinolone derivative");
# words starting with "anti" (antibiotic, antidepressant ...) count as well.
_CLASS_NOUNS = {"agent", "agents", "derivative", "derivatives", "analogue", "analogues", "analog", "analogs",
                "drug", "compound", "class", "family", "scaffold"}  # fmt: skip
_RESPONSE_NOUNS = {"sensitivity", "affinity", "responsiveness", "response", "responses", "selectivity", "exposure", "tolerance", "resistance"}
_SUBSTRATE_WORDS = {"metabolised", "metabolized", "transported", "metabolism", "substrate", "substrates", "hydrolysed",
                    "hydrolyzed", "oxidised", "oxidized", "glucuronidated", "demethylated", "bioactivated",
                    "cleared", "hydroxylated", "converted", "dealkylated", "glucuronidation", "dealkylation",
                    "n-dealkylation", "demethylation", "n-demethylation", "o-demethylation", "hydroxylation",
                    "broken", "degraded", "inactivated", "catabolised", "catabolized", "deaminated", "acetylated",
                    "sulfated", "sulphated", "conjugated", "biotransformed", "reduced", "decarboxylated", "deiodinated",
                    "phosphorylated", "carried", "pumped", "secreted"}  # fmt: skip
# "CYP2C9 oxidises it", "carboxylesterase 1 hydrolyses enalapril to enalaprilat", "CYP enzymes do
# not metabolise it", "the liver converts it, through CYP1A2, to M": an enzyme acting on a drug.
_ACTIVE_METABOLISM = {"metabolises", "metabolizes", "metabolise", "metabolize", "oxidises", "oxidizes", "oxidise",
                      "oxidize", "hydrolyses", "hydrolyzes", "hydrolyse", "hydrolyze", "converts", "convert",
                      "glucuronidates", "demethylates", "inactivates", "degrades", "deaminates", "acetylates",
                      "clears", "activates", "bioactivates", "transforms", "breaks"}  # fmt: skip
# "reduced by aldehyde oxidase": read as metabolism only when the agent is an enzyme
_PROCESS_NOUNS = {"oxidation", "metabolism", "hydrolysis", "conjugation", "glucuronidation", "reduction", "demethylation"}
_ENZYME_ONLY_WORDS = {"reduced", "cleared", "inactivated", "degraded"}
_ENANTIOMER_WORDS = ("enantiomer", "isomer", "stereoisomer", "enantiomers", "isomers")
_REPORTED = {"occurred", "reported", "observed", "seen", "described", "noted", "occur", "occurs", "common", "frequent", "commoner",
             "developed", "predominated", "recorded", "affected", "followed", "larger", "greater", "higher"}  # fmt: skip
# Verbs of a relative clause whose antecedent is plural ("Y and Z, which are / have ...")
_PLURAL_VERB_FORMS = {"are", "were", "have", "do"}
# What the takers of a drug went on to have ("patients on X developed D")
_DEVELOP_VERBS = {"developed", "develop", "develops", "experienced", "experience", "experiences", "suffered"}
# Words a run of toxic adjectives is made of besides them ("is nephrotoxic and highly ototoxic")
_TOXIC_RUN = {"and", "or", ",", "also", "both", "potentially", "highly", "very", "mildly", "not", "neither", "nor", "either"}
# Between the takers and the drug ("patients who stayed on X", "those who were given X")
_TAKER_LINKS = {"who", "were", "was", "stayed", "remained", "continued", "still", "had", "been", "all", "already"}
# "X blocks R, which accounts for / explains / causes D": what the action leads to
_EXPLAIN_WORDS = {"accounts", "account", "explains", "explain", "underlies", "underlie", "causes", "cause",
                  "produces", "produce", "leads", "lead", "results", "result"}  # fmt: skip
# Use words of "D, for which X is used / the drug of choice"
_FOR_WHICH_WORDS = {"used", "given", "prescribed", "indicated", "preferred", "recommended", "approved", "choice",
                    "reserved", "effective"}  # fmt: skip
# Nouns that make "agonist", "antagonist" a property of the drug ("has agonist activity at R")
_ACTIVITY_NOUNS = {"activity", "activities", "action", "actions", "properties", "property", "effects", "effect"}
# Asides between a coordinator and its second member ("by CYP3A4 and, to a lesser extent, by CYP2D6")
_ASIDES = tuple(tuple(a.split()) for a in (
    "to a lesser extent", "to a lesser degree", "to a smaller extent", "to a minor extent", "to a greater extent",
    "to some extent", "to a small extent", "in part", "partly", "more weakly", "less potently", "less strongly",
    "more slowly", "less often", "less commonly", "less frequently", "more rarely", "occasionally", "rarely",
    "in some patients", "at higher doses", "at high doses", "at higher concentrations", "at high concentrations",
    "likewise", "similarly", "also",
))
# How a drug is given, between the takers and the drug ("patients on oral X")
_ROUTE_ADJECTIVES = {"oral", "intravenous", "intrathecal", "intramuscular", "subcutaneous", "topical", "inhaled", "transdermal",
                     "intranasal", "rectal", "sublingual", "low-dose", "high-dose", "long-term", "daily", "weekly"}  # fmt: skip
# The people a share of reports is counted among ("in 9% of women taking X")
_POPULATION_NOUNS = {"patients", "subjects", "people", "individuals", "children", "adults", "women", "men", "participants",
                     "recipients", "users", "infants", "neonates", "volunteers", "persons", "cases"}  # fmt: skip
_BENEFIT_NOUNS = {"improvement", "improvements", "remission", "relief", "resolution", "response", "control", "reduction",
                  "reductions", "recovery", "fewer", "decline", "disappearance", "healing", "regression", "fall", "efficacy",
                  "benefit", "benefits", "survival", "success", "cure", "cures", "protection", "effectiveness"}  # fmt: skip
# Words after a noun that make it the subject of a clause of its own
_CLAUSE_VERBS = {"rose", "fell", "increased", "decreased", "was", "were", "is", "are", "had", "has", "remained", "improved",
                 "worsened", "declined", "dropped", "doubled", "halved", "stayed", "levels", "concentrations"}  # fmt: skip
# Words between the comma and the noun of "D, a known adverse effect of X"
_APPOSITION_WORDS = {"a", "an", "the", "known", "recognised", "recognized", "well-known", "common", "frequent", "rare",
                     "serious", "typical", "class", "adverse", "side", "toxic", "unwanted", "dose-related", "main",
                     "major", "leading", "late", "early", "rarer", "commoner"}  # fmt: skip
_COMPETE_WORDS = {"competes", "compete", "competing", "competed"}
_GREATER_WORDS = {"larger", "greater", "higher"}
_RECIPIENT_NOUNS = {"recipients", "users", "takers"}
_TAKING_WORDS = {"taking", "receiving", "treated", "given", "on", "using", "exposed", "assigned", "randomised", "randomized"}
_SHARE_WORDS = {"%", "of", "the", "those", "these", "all", "most", "some", "many", "few", "per", "cent", "one", "in", "a", "an",
                "fifth", "tenth", "quarter", "third", "half", "about", "nearly", "almost", "over", "under", "roughly"}  # fmt: skip
# "D was the most common adverse effect of X"
_ADVERSE_NOUNS = {"effect", "effects", "event", "events", "reaction", "reactions", "complaint", "complaints"}
_RISK_NOUNS = {"risk", "risks", "hazard", "hazards", "complication", "complications", "toxicity", "toxicities"}
_ADVERSE_MODIFIERS = {"adverse", "side", "unwanted", "undesirable", "toxic"}
# Words that make a drug out of another: "P is converted to M", "hydrolysed to M".
_CONVERSION_WORDS = {"converted", "convert", "converts", "metabolised", "metabolized", "hydrolysed", "hydrolyzed",
                     "oxidised", "oxidized", "demethylated", "biotransformed", "transformed", "glucuronidated",
                     "hydroxylated", "dealkylated", "n-dealkylated", "dealkylation", "n-dealkylation",
                     "demethylation", "n-demethylation", "o-demethylation", "hydroxylation", "glucuronidation",
                     "decarboxylated", "deiodinated", "phosphorylated", "metabolism", "oxidation", "hydrolysis"}  # fmt: skip
_METABOLITE_WORDS = {"metabolite", "metabolites"}
_IMPROVING = {"improves", "improved", "improve", "improving", "better", "achieves", "achieved", "gives", "gave", "provides",
              "provided"}  # fmt: skip
_MODALS = {"may", "might", "can", "could", "will", "would", "should", "must", "also", "not", "do", "does", "did", "often",
           "rarely", "sometimes", "to", "is", "are", "was", "were", "be", "been", "have", "has"}  # fmt: skip
# Use words that may open a list of uses ("recommended for A, for B and for C")
_USE_LIST_WORDS = {"used", "indicated", "approved", "licensed", "prescribed", "recommended", "given", "taken", "preferred",
                   "reserved"}  # fmt: skip
# Use words that say "for" what a drug is ("given for D", "the drug for D"): never "given in patients with D"
_FOR_ONLY_WORDS = {"given", "taken", "administered", "drug", "agent", "choice", "option", "recommended", "preferred",
                   "reserved"}  # fmt: skip
# How and how often a drug is taken, between the use word and "for" ("taken by mouth for D")
_ROUTE_WORDS = {"orally", "intravenously", "subcutaneously", "intramuscularly", "topically", "also", "once", "twice",
                "daily", "weekly", "mainly", "mostly", "chiefly", "widely", "commonly", "often", "usually", "locally",
                "systemically"}  # fmt: skip
_DOSAGE_NOUNS = {"spray", "tablet", "tablets", "capsule", "capsules", "injection", "injections", "infusion", "patch",
                 "solution", "suspension", "inhaler", "implant", "depot", "cream", "gel", "drops", "bolus"}  # fmt: skip
_ROUTES = {"mouth", "inhalation", "injection", "infusion", "nebuliser", "nebulizer", "mouth,"}
# Words passed over between "for" and the use ("for the acute relief of migraine attacks")
_USE_ALLOW = ("patients", "subjects", "children", "adults", "people", "individuals", "with", "in", "of", "the", "add-on",
              "adjunctive", "refractory", "moderate", "severe", "mild", "to", "chronic", "acute", "maintenance",
              "relief", "prevention", "treatment", "management", "control", "symptoms", "symptom", "motor", "signs",
              "early", "short-term", "long-term", "secondary", "primary", "prophylaxis", "first-line", "second-line")  # fmt: skip
# "enzymes, chiefly CYP3A4": the word that names the members of a family just named
_NAMELY = {"chiefly", "mainly", "mostly", "especially", "particularly", "notably", "principally", "primarily",
           "predominantly", "largely", "namely", "including", "above"}  # fmt: skip
_METABOLITE_ADJECTIVES = {"active", "main", "major", "principal", "primary", "minor", "inactive", "pharmacologically",
                          "circulating", "predominant", "only", "key", "chief", "own", "n-desmethyl", "desmethyl"}  # fmt: skip
STATE_CONTRASTS = False
"""Whether "Unlike X, Y does not block A" also states "X blocks A" (asserted). Off: the
comparison drug takes no statement at all (tests/extract/test_grammar_constructions.py holds
the rules to that); the devset gold lists the comparison drug's positive statement, so turning
this on raises recall there (see :meth:`_Rules._contrasted`)."""
# ", as are Y and Z", ", as does Y": the verbs that carry a statement over to other drugs.
_LIKEWISE_VERBS = {"is", "are", "was", "were", "does", "do", "did", "has", "have"}
# Words between a contrast opener and the drug it sets against ("unlike the older X and Y").
_CONTRAST_SKIP = {"the", "a", "an", "other", "older", "classical", "conventional", "traditional", "first-generation",
                  "second-generation", ",", "and", "or", "-", "(", ")", "r", "s", "racemic"}  # fmt: skip
# "O-desmethyltramadol, which is formed by CYP2D6": a metabolite made by an enzyme.
_FORMED_WORDS = {"formed", "generated", "produced"}
# "nor does it", "neither is it": the auxiliary of an inverted negated clause
_INVERSION_AUXILIARIES = {"does", "do", "did", "is", "are", "was", "were", "can", "could", "will", "has", "have"}
# "P ... to form M", "P yields M": the drug made from the subject
_FORM_VERBS = {"form", "forms", "yield", "yields"}
# "Hepatic uptake is carried out by OATP1B1", "renal secretion involves OAT3": the drug in
# question is transported by the transporter named.
_TRANSPORT_NOUNS = {"uptake", "efflux", "secretion", "reabsorption", "transport", "excretion"}
_TRANSPORT_LINKS = {"by", "via", "through", "involves", "involve", "involved", "requires", "require", "mediated",
                    "depends", "relies", "on", "upon"}  # fmt: skip
# "about 10% is converted", "a small fraction is metabolised": part of a dose of the drug.
_DOSE_PART_WORDS = {"%", "fraction", "proportion", "portion", "part", "most", "some", "remainder", "rest", "half", "third"}
# "reduced the risk / composite / incidence of A, B and C": a list of conditions prevented.
_RISK_LIST_HEADS = {"risk", "risks", "composite", "incidence", "rate", "rates", "occurrence", "frequency",
                    "number", "recurrence", "odds", "hazard"}  # fmt: skip
_RISK_LIST_STOPS = {"by", "in", "among", "compared", "versus", "vs", "vs.", "than", "at", "from", "over", "after",
                    "during", "when", "unless", "except", "without", "relative", "(", ";", ":"}  # fmt: skip
_CAUSE_PARTICIPLES = {"induced", "mediated", "evoked", "elicited", "triggered", "associated", "linked",
                      "related", "dependent", "stimulated", "caused"}  # fmt: skip
# Every word some rule of :meth:`_Rules.run` starts from (besides the enantiomer words, which
# are matched by their ending): other tokens are passed over at once.
_RULE_WORDS = frozenset(
    {*_SUBSTRATE_WORDS, *PROPERTY_ADJECTIVES, "mood", *TRIGGERS, *TREAT_WORDS, *EFFECT_NOUNS,
     *_CAUSE_PARTICIPLES, *_REPORTED, "affinity", *SHOWING, *_ADVERSE_NOUNS, *_RISK_NOUNS, *_CONVERSION_WORDS, "in", *_COMPETE_WORDS,
     *_METABOLITE_WORDS, *_TRANSPORT_NOUNS, *_FORMED_WORDS, *_FORM_VERBS, *_ACTIVE_METABOLISM, *GIVING_WORDS,
     *_DEVELOP_VERBS, *BE_FORMS, *_EXPLAIN_WORDS}
)  # fmt: skip
_HANDLERS = {"verb": "verb_rule", "participle": "verb_rule", "gerund": "verb_rule",
             "noun": "nominal_rule", "agent": "agent_rule"}  # fmt: skip


def find_relations(
    text: str, mentions: Sequence[Mention], context: SentenceContext | None = None
) -> list[Relation]:
    """Return the relations a sentence states between its mentions.

    Parameters
    ----------
    text : str
        The sentence (clean form: same length as the original, markup blanked).
    mentions : sequence of Mention
        Non-overlapping mentions in the sentence.
    context : SentenceContext, optional
        Document knowledge: the carried-over drug, earlier predicates, disease lookup.

    Returns
    -------
    list of Relation
        In trigger order, without duplicates.
    """
    tokens = tokenize(text, mentions)
    return _Rules(tokens, context or SentenceContext()).run()


def predicate_for(base: str, lemma: str, obj: Mention, entity: Entity) -> str | None:
    """Return the predicate a trigger expresses towards an object of this type, or None.

    Decreasing a disease means treating it; inducing one means causing it; a treatment word
    cannot relate a drug to a target; drugs are objects only of binding ("sugammadex binds
    rocuronium": a reversal agent, a chelator or an antibody that binds another drug).
    """
    group = group_of(entity.type)
    if group == "Drug":
        return "binds" if base == "binds" and lemma == "bind" and entity.type != "EndogenousSubstance" else None
    if group in ("Disease", "AdverseEvent") or (obj.kind == "adverse" and base == "causes_adverse_event"):
        if base == "treats" or lemma in DECREASING:
            return "treats"
        if base == "causes_adverse_event" or lemma in CAUSING:
            return "causes_adverse_event"
        return None
    if base in ("treats", "causes_adverse_event"):
        return None
    if base in ("substrate_of", "metabolised_by", "transported_by"):
        if group != "Target":
            return None
        return substrate_predicate(entity)
    return base


_TRANSPORTER_NAMES = ("p-glycoprotein", "p-gp", "pgp", "abcb1", "mdr1", "bcrp", "abcg2", "oatp", "oct1", "oct2",
                      "mate", "slco", "slc22", "slc47", "mrp2", "abcc")  # fmt: skip
_ENZYME_NAMES = ("cyp", "cytochrome", "ugt", "udp-glucuronosyl", "esterase", "monoamine oxidase", "mao-",
                 "aldehyde oxidase", "xanthine oxidase", "n-acetyltransferase", "nat2", "tpmt", "flavin")  # fmt: skip


def substrate_predicate(entity: Entity) -> str:
    """``metabolised_by`` for an enzyme, ``transported_by`` for a transporter (by type, then by
    name: CYP, UGT; P-glycoprotein, OATP, BCRP), else ``substrate_of``.

    Examples
    --------
    >>> substrate_predicate(Entity("x:1", "CYP3A4", "Enzyme"))
    'metabolised_by'
    >>> substrate_predicate(Entity("x:2", "P-glycoprotein", "Protein"))
    'transported_by'
    """
    low = entity.label.lower()
    if entity.type == "Transporter" or low.startswith(_TRANSPORTER_NAMES):
        return "transported_by"
    if entity.type == "Enzyme" or low.startswith(_ENZYME_NAMES):
        return "metabolised_by"
    return "substrate_of"


_POSITION_PREFIX = re.compile(r"^(?:[nos]|\d{1,2}(?:'|′)?)-([a-z]+)$")


def _unpositioned(low: str) -> str | None:
    """The metabolism word of a token that names the atom it acts on ("n-demethylated" ->
    "demethylated", "4-hydroxylation" -> "hydroxylation"), or None."""
    match = _POSITION_PREFIX.match(low)
    if match is None:
        return None
    word = match.group(1)
    return word if word in _CONVERSION_WORDS or word in _SUBSTRATE_WORDS or word in _PROCESS_NOUNS else None


class _Rules:
    def __init__(self, tokens: list[Token], context: SentenceContext) -> None:
        self.t = tokens
        self.n = len(tokens)
        # "N-demethylated", "O-dealkylation", "4-hydroxylated": the reaction word without the
        # position it names
        self._positioned = {
            k: word for k, tok in enumerate(tokens)
            if tok.mention is None and "-" in tok.low and (word := _unpositioned(tok.low)) is not None
        }  # fmt: skip
        self.ctx = context
        self.c = Clauses(tokens)
        self.found: list[_Found] = []
        self.extra: list[Relation] = []  # relations between two drugs (enantiomer_of)
        has_drug = any(t.mention is not None and t.mention.is_drug for t in tokens)
        self.compared = compared_drugs(tokens) if has_drug and self._has_comparison() else set()
        # an endogenous substance is an agent only as the subject that opens a sentence with
        # no drug in it ("GABA activates GABA-A receptors")
        self.endogenous = None if has_drug else self._endogenous_subject()
        # "oseltamivir phosphate", "sertraline hydrochloride": the salt is part of the drug's name
        self.salts = {
            k for k in range(1, self.n)
            if has_drug and tokens[k].mention is not None and tokens[k].low in _SALT_WORDS
            and tokens[k - 1].mention is not None and tokens[k - 1].mention.is_drug
        }
        self._depth = 0

    # -- helpers --------------------------------------------------------------------------
    def m(self, i: int) -> Mention | None:
        return self.t[i].mention if 0 <= i < self.n else None

    def low(self, i: int) -> str:
        if 0 <= i < self.n and self.t[i].mention is None:
            return self._positioned.get(i) or self.t[i].low
        return ""

    def is_drug(self, i: int) -> bool:
        """True for a drug mention that may take a statement (comparison drugs may not)."""
        mention = self.m(i)
        if mention is None:
            return False
        return (mention.is_drug and i not in self.compared and i not in self.salts) or i == self.endogenous

    def _has_comparison(self) -> bool:
        return any(t.mention is None and t.low in _COMPARISON_WORDS for t in self.t)

    def _endogenous_subject(self) -> int | None:
        k = 0
        while k < self.n and self.low(k) in ("the", "endogenous", "extracellular", "synaptic", "brain"):
            k += 1
        mention = self.m(k)
        if mention is None or not mention.entities or mention.entities[0].type != "EndogenousSubstance":
            return None
        nxt = k + 1
        if self.low(nxt) == ",":
            return k  # "GABA, which accumulates, activates ..."
        while self.low(nxt).endswith("ly") or self.low(nxt) in ("also", "itself", "then"):
            nxt += 1
        low = self.low(nxt)
        if low in TRIGGERS and any(tr.form == "verb" for tr in TRIGGERS[low]):
            return k
        return None

    def is_object(self, i: int) -> bool:
        mention = self.m(i)
        return mention is not None and not mention.is_drug

    def is_event(self, i: int) -> bool:
        """True for an object mention that is a disease or an adverse event."""
        return self.is_object(i) and self.m(i).group in ("Disease", "AdverseEvent")

    def is_slash(self, k: int) -> bool:
        """True for a "/" written between two mentions with no space ("KCNQ2/KCNQ3"), unless
        the chain names a pathway or a ratio ("PI3K/Akt pathway", "ADP/ATP ratio")."""
        if not (
            0 < k < self.n - 1
            and self.low(k) == "/"
            and self.t[k - 1].mention is not None
            and self.t[k + 1].mention is not None
            and self.t[k - 1].end == self.t[k].start
            and self.t[k].end == self.t[k + 1].start
        ):
            return False
        end = k + 1
        while self.low(end + 1) == "/" and self.m(end + 2) is not None:
            end += 2
        return self.low(end + 1) not in _SLASH_CHAIN_NOUNS

    def close_paren(self, i: int) -> int:
        """Index after the parenthetical opening at ``i``."""
        depth = 0
        for j in range(i, self.n):
            if self.low(j) in ("(", "["):
                depth += 1
            elif self.low(j) in (")", "]"):
                depth -= 1
                if depth == 0:
                    return j + 1
        return self.n

    def open_paren(self, i: int) -> int:
        """Index of the "(" matching the ")" at ``i``."""
        depth = 0
        for j in range(i, -1, -1):
            if self.low(j) in (")", "]"):
                depth += 1
            elif self.low(j) in ("(", "["):
                depth -= 1
                if depth == 0:
                    return j
        return -1

    def coordinated(self, j: int, hi: int, want_drug: bool) -> list[int]:
        """Indices of the mentions coordinated with the mention at ``j``, going right."""
        out = [j]
        k = j + 1
        while k < hi:
            step = k
            if self.low(step) == ",":
                step += 1
            if self.low(step) in _COORD or (step == k and not want_drug and self.is_slash(step)):
                step = self._past_aside(step + 1)
            elif self.low(step) == "as" and self.low(step + 1) == "well" and self.low(step + 2) == "as":
                step += 3
            elif step == k:
                break
            if self.low(step) in _REPEATED_PREPOSITIONS and self.low(step) == self.low(j - 1):
                step += 1  # "the incidence of A and of B": the preposition said again
            while self.low(step) in _DETERMINERS:
                step += 1
            if not want_drug and self._names_receptor(step):
                step += 1  # "dopamine D2 and serotonin 5-HT1A receptors": the receptor, not its ligand
            if step < hi and self.m(step) is not None and self.is_drug(step) == want_drug:
                out.append(step)
                k = step + 1
                continue
            break
        return out

    def _past_aside(self, k: int) -> int:
        """The index after an aside between a coordinator and what it joins ("A and, to a
        lesser extent, B"), or ``k`` when there is none."""
        if self.low(k) != ",":
            return k
        for aside in _ASIDES:
            end = k + 1 + len(aside)
            if all(self.low(k + 1 + x) == word for x, word in enumerate(aside)) and self.low(end) == ",":
                return end + 1
        return k

    def coordinated_left(self, j: int, lo: int, want_drug: bool) -> list[int]:
        """Indices of the mentions coordinated with the mention at ``j``, going left."""
        out = [j]
        k = j - 1
        while k >= lo:
            step = k
            if self.low(step) in _COORD or (not want_drug and self.is_slash(step)):
                step -= 1
            elif self.low(step) != ",":
                break
            if self.low(step) == ",":
                step -= 1
            if step >= lo and self.m(step) is not None and self.is_drug(step) == want_drug:
                out.insert(0, step)
                k = step - 1
                continue
            break
        return out

    def right_objects(self, j: int, max_gap: int = 6, allow: tuple[str, ...] = ()) -> list[int]:
        """Mentions a trigger acts on, starting the search at token ``j``."""
        _, hi = self.c.bounds(max(0, min(j, self.n - 1))) if j < self.n else (0, self.n)
        gap = 0
        k = j
        while k < hi and gap <= max_gap:
            tok = self.t[k]
            if tok.mention is not None:
                if self.low(k + 1) == "-" and self.low(k + 2) in _CAUSE_PARTICIPLES:
                    k += 3  # "depolarization-induced release": a modifier of what follows
                    continue
                if tok.mention.is_drug:
                    return []
                nxt = self.m(k + 1)
                if nxt is not None and nxt.group == "Target" and tok.mention.group != "Target" and self.t[k + 1].start - tok.end <= 1:
                    k += 1  # "histamine H1 receptor": the ligand names the receptor it sits before
                    continue
                return self.coordinated(k, hi, want_drug=False)
            low = tok.low
            if low in ("(", "["):
                k = self.close_paren(k)
                continue
            if low in allow:
                k += 1
                continue
            if low in OBJECT_STOPS or (not tok.is_word and low not in ("-", "'s", "/")):
                return []
            if low in _RESPONSE_NOUNS and self.low(k + 1) in ("to", "for", "towards"):
                return []  # "increases the channel's sensitivity to Y": Y is not the object
            if low in TRIGGERS and gap > 0:
                return []  # another trigger starts its own relation ("facilitate the reduction of")
            gap += 1
            k += 1
        return []

    def left_drug(self, i: int, lo: int | None = None) -> int | None:
        """Nearest drug mention left of ``i`` in its clause, parentheticals skipped."""
        start, _ = self.c.bounds(i)
        lo = start if lo is None else lo
        k = i - 1
        while k > lo and self.m(k) is None and (self.low(k) in _MODALS or self.low(k).endswith("ly")):
            k -= 1
        if k >= lo and self._names_a_class(k):
            return None  # "in whom topical beta-blockers may provoke D": the class is the subject
        k = i - 1
        while k >= lo:
            if self.low(k) in (")", "]"):
                k = self.open_paren(k) - 1
                continue
            if self.is_drug(k) and self.c.paren[k] == self.c.paren[i] and not self.modifies_target(k):
                if self.names_class(k):
                    k -= 1  # "X is an oral coumarin anticoagulant used to ...": X is described
                    continue
                if self.low(k - 1) == "of" and self.low(k - 2) in _OF_HEADS:
                    k -= 2  # "a derivative of thebaine used for ...": thebaine describes the drug
                    continue
                return self._apposition_head(k, i, lo)
            k -= 1
        return None

    def _apposition_head(self, k: int, i: int, lo: int) -> int:
        """The drug an apposition describes when the drug at ``k`` sits inside one:
        "X, the R-enantiomer of Y, blocks A" -> X (not Y) for the trigger at ``i``."""
        if not any(self.low(j) == "," for j in range(k + 1, i)):
            return k
        j = k - 1
        while j > lo and j > k - 10:
            low = self.low(j)
            if low == "," and self.low(j + 1) in ("a", "an", "the") and self.is_drug(j - 1):
                return j - 1
            if low in (",", ";", ":") or (low in TRIGGERS and any(tr.form == "verb" for tr in TRIGGERS[low])):
                break
            j -= 1
        return k

    def _names_receptor(self, k: int) -> bool:
        """True for a non-target mention written just before a target mention: the ligand that
        names a receptor ("serotonin 5-HT1A receptors", "histamine H1 receptor")."""
        here, nxt = self.m(k), self.m(k + 1)
        return (
            here is not None and nxt is not None and here.group != "Target" and nxt.group == "Target"
            and self.t[k + 1].start - self.t[k].end <= 1
        )

    def names_class(self, k: int) -> bool:
        """True for a drug named as the chemical family of a class noun in a description: "an
        oral coumarin anticoagulant", "a benzodiazepine derivative" (the drug described is
        another one)."""
        nxt = self.low(k + 1)
        if self.m(k + 1) is not None or not (nxt in _CLASS_NOUNS or (nxt.startswith("anti") and len(nxt) > 7)):
            return False
        j = k - 1
        while j >= 0 and j > k - 4 and self.m(j) is None and self.t[j].is_word and self.low(j) not in ("a", "an"):
            j -= 1
        return self.low(j) in ("a", "an")

    def modifies_target(self, k: int) -> bool:
        """True for a drug that names a target it sits before ("serotonin 5-HT3 receptor")."""
        nxt = self.m(k + 1)
        return nxt is not None and nxt.group == "Target" and self.t[k + 1].start - self.t[k].end <= 1

    def subject_for(self, i: int, lo_hint: int | None = None) -> tuple[list[Entity], int, bool]:
        """Subject of the trigger at ``i``: the main subject of a means clause ("X lowers Y by
        inhibiting A") or of a coordinated verb ("X blocks A and inhibits B", "... but does
        not inhibit C"), the left drug, a relative antecedent, a fronted clause, or the
        carried drug. Returns (entities, index of the first element, carried?)."""
        shared = self._shared_subject(i)
        if shared is not None:
            return shared
        k = self.left_drug(i if lo_hint is None else lo_hint)
        if k is None and self.compared:
            # "X, unlike Y, does not ...": the comparison opens a clause; the subject is before it
            start, _ = self.c.bounds(i)
            if start > 0 and any(start <= c < i for c in self.compared):
                k = self.left_drug(i if lo_hint is None else lo_hint, lo=self.c.bounds(start - 1)[0])
        if k is not None:
            idx = self.coordinated_left(k, self.c.bounds(k)[0], want_drug=True)
            first = idx[0] - 1 if self.low(idx[0] - 1) == "neither" else idx[0]  # the cue stays in reach
            return [e for x in idx for e in self.subject_entities(x)], first, False
        cid = self.c.clause[i]
        ante = self.c.antecedent.get(cid)
        if ante is not None and self.low(ante) in (")", "]"):
            ante = self.open_paren(ante) - 1  # "M (M1), which is formed by ..."
        if ante is not None and (self.is_drug(ante) or self._compared_antecedent(ante, i)):
            # "X, which ...", "unlike Y, which does not bind A, X ...": the relative clause is
            # about its antecedent, a comparison drug too; "Y and Z, which activate A": both
            if self.t[i].low in _PLURAL_VERB_FORMS or (self.t[i].low.isalpha() and self.t[i].low in TRIGGERS
                                                       and not self.t[i].low.endswith(("s", "ed"))):
                idx = self.coordinated_left(ante, self.c.bounds(ante)[0], want_drug=True)
                if len(idx) > 1 and all(self.m(x) is not None and self.m(x).is_drug for x in idx):
                    return [self.m(x).entities[0] for x in idx], idx[0], False
            return [self.m(ante).entities[0]], ante, False
        start, end = self.c.bounds(i)
        # a fronted gerund or noun phrase ("Blocking Y, X reduces ...") takes the main subject
        before = [self.t[k] for k in range(start, i) if self.t[k].is_word]
        if all(tok.low in _DETERMINERS or tok.low in ("by", "through", "via", "upon") for tok in before):
            for k in range(i + 1, end):
                if self.low(k) == "," and k + 1 < end and self.is_drug(k + 1):
                    return [self.m(k + 1).entities[0]], start, False
        carry = self.ctx.carry
        if carry is not None and self._speaks_of_mechanism(i):
            return [carry], start, True
        return [], start, False

    def _compared_antecedent(self, k: int, i: int) -> bool:
        """True for a comparison drug at ``k`` that a relative clause holding the trigger at
        ``i`` follows ("unlike Y, which does not bind A, ..."): what the clause says is said of
        it; once a comma closes the clause ("unlike Y, which binds A, X does not ...") the
        words are the main clause's, never the comparison drug's."""
        mention = self.m(k)
        if mention is None or not mention.is_drug or k not in self.compared or k in self.salts:
            return False
        if self.low(k + 1) != "," or self.low(k + 2) not in ("which", "that", "who"):
            return False
        return all(self.low(x) not in (",", ";", ":") for x in range(k + 3, i))

    def subject_entities(self, k: int) -> tuple[Entity, ...]:
        """The drugs the subject mention at ``k`` names: one, or both of a pair ("Both drugs")."""
        mention = self.m(k)
        if mention.kind == "anaphor" and len(mention.entities) > 1:
            return mention.entities
        return mention.entities[:1]

    def _main_verb_before(self, i: int, lo: int) -> int | None:
        """Index of the nearest verb trigger (or "is"/"was") left of ``i``, from ``lo``."""
        for j in range(i - 1, lo - 1, -1):
            low = self.low(j)
            if low in (";",):
                return None
            if low in TRIGGERS and any(tr.form == "verb" for tr in TRIGGERS[low]) and self.low(j - 1) != "-":
                return j
            if low in ("is", "was", "are", "were", "has", "have"):
                return j
        return None

    def _shared_subject(self, i: int) -> tuple[list[Entity], int, bool] | None:
        """Subject a means clause or a coordinated verb shares with the main verb."""
        if self._depth > 2:
            return None
        prev = i - 1
        while prev >= 0 and (self.low(prev).endswith("ly") or self.low(prev) in ("not", "also", "further", "then", "thereby", "does", "do", "did", "may", "can", "could", "might", "will", "would", "to", "is", "are", "was", "were", "has", "have", "had", "been", "be")):
            if self.low(prev) in ("is", "are", "was", "were") and self.t[i].low.endswith("ing") is False and self.low(prev + 1) == "":
                break
            prev -= 1
        link = self.low(prev)
        gerund = self.t[i].low.endswith("ing")
        if gerund and link in ("by", "through", "via", "thereby"):
            # a means clause: the drug is the subject of the clause it modifies
            start = 0
            for j in range(prev - 1, -1, -1):
                if self.low(j) in (";", ":"):
                    start = j + 1
                    break
            for j in range(start, prev):
                if self.is_drug(j) and self.c.paren[j] == self.c.paren[i] and not self.modifies_target(j):
                    return [self.m(j).entities[0]], j, False
            return None
        if link in ("and", "but", "or", ",", "while", "whereas", "yet") and not gerund and prev >= 1:
            if self.m(prev + 1) is not None:
                return None
            j = self._main_verb_before(prev, 0)
            if j is None:
                return None
            # the verb before must have no drug of its own between it and this verb
            if any(self.is_drug(x) for x in range(j + 1, prev)):
                return None
            self._depth += 1
            try:
                subjects, lo, carried = self.subject_for(j)
            finally:
                self._depth -= 1
            if subjects and lo in self.compared:
                # "unlike Y, which binds A, does not ...": the verb before is the comparison
                # drug's relative clause; what follows its closing comma is not Y's
                return None
            if subjects:
                return subjects, lo, carried
        return None

    def _speaks_of_mechanism(self, i: int) -> bool:
        if any(self.is_drug(k) for k in range(self.n)):
            return False
        if self.ctx.carry_any:
            return True
        seg = self.c.segment[i]
        return any(self.c.segment[k] == seg and self.low(k) in MECHANISM_WORDS for k in range(self.n))

    def add(self, subjects, objects, base, lemma, rule, conf, trig, lo, hi, carried=False) -> bool:
        objs = [self.m(k) for k in objects if self.m(k) is not None]
        if not subjects or not objs:
            return False
        self.found.append(_Found(list(subjects), objs, base, lemma, rule, conf, trig, lo, hi, carried))
        return True

    # -- driver ---------------------------------------------------------------------------
    def run(self) -> list[Relation]:
        skip_before = self.ctx.label_end
        for i, tok in enumerate(self.t):
            if tok.mention is not None or not tok.is_word or tok.start < skip_before:
                continue
            low = self._positioned.get(i) or tok.low
            if low not in _RULE_WORDS and not low.endswith(_ENANTIOMER_WORDS):
                continue
            if self.c.is_aim(i):
                continue
            if low in _TRANSPORT_NOUNS:
                if self.transport_rule(i):
                    continue
            if low in _FORMED_WORDS and self.formed_rule(i):
                continue
            if low in _FORM_VERBS and self.form_rule(i):
                continue
            if low in _METABOLITE_WORDS:
                self.metabolite_rule(i)
            elif low in _CONVERSION_WORDS:
                self.conversion_rule(i)
            if low in _ACTIVE_METABOLISM and self.active_metabolism_rule(i):
                continue
            if (low in _SUBSTRATE_WORDS and self.substrate_rule(i)) or (low.endswith(_ENANTIOMER_WORDS) and self.enantiomer_rule(i)):
                continue
            if low in PROPERTY_ADJECTIVES or (low == "mood" and self.low(i + 1) in ("stabilizing", "stabilising")):
                if self.property_rule(i):
                    continue
            if low in _EXPLAIN_WORDS and self.low(i - 1) == "which" and self.low(i - 2) == "," and self.mechanism_effect_rule(i):
                continue
            done = False
            for trig in TRIGGERS.get(low, ()):
                if getattr(self, _HANDLERS[trig.form])(i, trig):
                    done = True
                    break
            if done:
                continue
            if low in TREAT_WORDS and self.treat_rule(i):
                continue
            if low in EFFECT_NOUNS and self.effect_rule(i):
                continue
            if low in _CAUSE_PARTICIPLES and self.induced_rule(i):
                continue
            if low in _DEVELOP_VERBS and self.took_then_developed(i):
                continue
            if low in BE_FORMS and self.toxic_rule(i):
                continue
            if low in _REPORTED and self.reported_rule(i):
                continue
            if (low in _ADVERSE_NOUNS or low in _RISK_NOUNS) and self.adverse_of_rule(i):
                continue
            if low == "affinity" and self.low(i + 1) in ("for", "to") and self.affinity_rule(i):
                continue
            if low in GIVING_WORDS and population_use(self, i):
                continue
            if low == "in" and self.is_drug(i - 1) and compared_in_population(self, i):
                continue
            if low in _COMPETE_WORDS and self.compete_rule(i):
                continue
            if low in SHOWING:
                self.showing_rule(i)
        return self.finish()

    # -- rules ----------------------------------------------------------------------------
    def substrate_rule(self, i: int) -> bool:
        """"X is metabolised by CYP3A4", "X undergoes metabolism via CYP2C9", "X is a
        substrate of P-glycoprotein", "a CYP3A4 substrate": X is metabolised by (an enzyme)
        or transported by (a transporter) the object."""
        low = self.low(i)
        j = i + 1
        while self.low(j).endswith("ly") or self.low(j) in ("mainly", "mostly", "largely", "partly", "in", "the", "liver", "hepatic", "predominantly", "almost", "exclusively", "down", "plasma", "blood") or (self.low(j) == "," and j == i + 1):
            j += 1
        objs: list[int] = []
        subject: int | None = None
        if low in ("substrate", "substrates"):
            if self.low(i + 1) in ("of", "for"):
                objs = self.right_objects(i + 2, max_gap=3)
            else:
                k = i - 1
                if self.is_object(k):
                    objs = self.coordinated_left(k, self.c.bounds(k)[0], want_drug=False)
        elif low == "metabolism" and self.low(i + 1) == "of" and self.is_drug(i + 2):
            subject = i + 2
            k = i + 3
            if self.low(k) in ("by", "via", "through"):
                objs = self.right_objects(k + 1, max_gap=3)
            else:
                # "CYP3A4 is the major enzyme responsible for the metabolism of X"
                start, _ = self.c.bounds(i)
                objs = [x for x in range(start, i) if self.is_object(x) and self.m(x).group == "Target"][:1]
                if objs:
                    objs = self.coordinated(objs[0], i, want_drug=False)
        else:
            if self.low(j) in ("into", "across", "out", "within", "to", "from"):
                # "transported into hepatocytes by OCT1", "hydrolysed to X by CES1"
                k = j + 1
                while k < j + 5 and self.low(k) not in ("by", "via", "through") and (
                    (self.t[k].is_word and not self.is_drug(k) and not self.is_object(k)) or self._is_product(k)
                ):
                    k += 1  # "decarboxylated to dopamine by AADC": the product, then the enzyme
                if self.low(k) in ("by", "via", "through"):
                    j = k
            if self.low(j) in ("by", "via", "through") and self.low(j + 1) in _PROCESS_NOUNS and self.low(j + 2) in ("through", "via", "by", "of"):
                j += 2  # "cleared by hepatic oxidation through CYP1A2"
            elif self.low(j) in ("by", "via", "through") and self.low(j + 1) in ("hepatic", "renal") and self.low(j + 2) in _PROCESS_NOUNS and self.low(j + 3) in ("through", "via", "by", "of"):
                j += 3
            if self.low(j) in ("by", "via", "through"):
                objs = self.right_objects(j + 1, max_gap=3)
        objs = [k for k in objs if self.m(k).group == "Target"]
        if low in _ENZYME_ONLY_WORDS or low == "broken":
            objs = [k for k in objs if substrate_predicate(self.m(k).entities[0]) == "metabolised_by"]
        if not objs:
            return False
        objs = objs + self._contributions(objs[-1] + 1)
        if subject is not None:
            return self.add([self.m(subject).entities[0]], objs, "substrate_of", "substrate", "substrate", 0.8, i, subject, objs[0])
        subjects, lo, carried = self.subject_for(i)
        if not subjects and self.ctx.document_drug is not None and not any(self.is_drug(k) for k in range(self.n)):
            subjects, lo, carried = [self.ctx.document_drug], self.c.bounds(i)[0], True  # "85% of a dose is hydrolysed by CES1"
        if not subjects:
            start, _ = self.c.bounds(i)
            if start > 0 and self.low(start) == ";" and any(self.low(k) in _DOSE_PART_WORDS for k in range(start, i)):
                # "X is not extensively metabolised; about 10% is converted by CYP2C9"
                k = self.left_drug(start, lo=0)
                if k is not None:
                    subjects, lo, carried = [self.m(k).entities[0]], start, False
        return self.add(subjects, objs, "substrate_of", "substrate", "substrate", 0.8, i, lo, objs[0], carried)

    def active_metabolism_rule(self, i: int) -> bool:
        """"CYP2C9 oxidises it (to M)", "carboxylesterase 1 hydrolyses P to M", "cytochrome P450
        enzymes do not metabolise it", "the liver converts it, through A and B, to M": the drug
        is metabolised by the enzymes (named before the verb, or after "through"/"via"/"by"), and
        M, when named, is its product."""
        lo, hi = self.c.bounds(i)
        if self.low(i) == "breaks" and self.low(i + 1) != "down":
            return False
        k = i - 1
        while k >= lo and (self.low(k).endswith("ly") or self.low(k) in ("not", "also", "then", "do", "does", "did", "can", "may", "further", "n't")):
            k -= 1
        enzymes: list[int] = []
        if k >= lo and self.is_object(k) and substrate_predicate(self.m(k).entities[0]) == "metabolised_by":
            enzymes = self.coordinated_left(k, lo, want_drug=False)
        j = i + 1 + (self.low(i + 1) == "down")
        drug: Entity | None = None
        first = j
        if self.is_drug(j):
            drug = self.m(j).entities[0]
        elif self.low(j) in ("it", "them"):
            drug = self.ctx.document_drug or self.ctx.carry
        if drug is None:
            return False
        j += 1
        while j < hi and j < i + 12 and self.low(j) not in ("to", "into", ";"):
            if self.low(j) in ("through", "via", "by") and not enzymes:
                found = [x for x in self.right_objects(j + 1, max_gap=2) if self.m(x).group == "Target"]
                enzymes = [x for x in found if substrate_predicate(self.m(x).entities[0]) == "metabolised_by"]
            j += 1
        if not enzymes:
            return False
        if self.low(j) in ("to", "into"):
            m = j + 1
            while self.low(m) in _DETERMINERS or self.low(m) in _METABOLITE_ADJECTIVES:
                m += 1
            if self.is_drug(m) and self.m(m).kind != "anaphor" and self.m(m).entities[0].id != drug.id:
                self._product(m, drug, i)
        return self.add([drug], enzymes, "substrate_of", "substrate", "substrate", 0.75, i, min(enzymes[0], first), max(enzymes[-1], first))

    def form_rule(self, i: int) -> bool:
        """"P depends on CYP2D6 to form M", "P is hydrolysed in the gut wall to yield M", "it
        forms M, an active metabolite": M product_of P, and P is metabolised by the enzymes
        named before the verb."""
        k = i + 1
        while self.low(k) in _DETERMINERS or self.low(k) in _METABOLITE_ADJECTIVES or self.low(k) in ("potent", "most"):
            k += 1
        if not self.is_drug(k) or self.m(k).kind == "anaphor":
            return False
        subjects, lo, _carried = self.subject_for(i)
        if not subjects or group_of(subjects[0].type) != "Drug":
            return False
        parent = subjects[0]
        metabolite = self.m(k).entities[0]
        if metabolite.id == parent.id:
            return False
        self._product(k, parent, i)
        if self.low(i - 1) == "to":
            enzymes = [
                x for x in range(lo + 1, i)
                if self.is_object(x) and self.m(x).group == "Target" and substrate_predicate(self.m(x).entities[0]) == "metabolised_by"
            ]  # fmt: skip
            if enzymes:
                self.add([parent], enzymes, "substrate_of", "substrate", "substrate", 0.7, i, lo, enzymes[0])
        return True

    def formed_rule(self, i: int) -> bool:
        """"M (M1), which is formed by CYP2D6", "M, formed from P by CYP3A4": a metabolite
        named after its parent (O-desmethyl-P, hydroxy-P, nor-P) is made from that parent, and
        the parent is metabolised by the enzyme."""
        j = i + 1
        parent: Entity | None = None
        if self.low(j) == "from" and self.is_drug(j + 1):
            parent = self.m(j + 1).entities[0]
            j += 2
        while self.low(j).endswith("ly"):
            j += 1
        if self.low(j) not in ("by", "via", "through"):
            return False
        enzymes = [k for k in self.right_objects(j + 1, max_gap=3) if self.m(k).group == "Target"]
        enzymes = [k for k in enzymes if substrate_predicate(self.m(k).entities[0]) == "metabolised_by"]
        if not enzymes:
            return False
        subjects, lo, carried = self.subject_for(i)
        if not subjects or carried or self.m(lo) is None:
            return False
        metabolite = subjects[0]
        head = lo + 1
        while self.low(head) in _METABOLITE_ADJECTIVES:
            head += 1
        if parent is None and self.m(lo).kind == "anaphor" and ("metabolite" in self.m(lo).text.lower() or self.low(head) in _METABOLITE_WORDS):
            # "its active metabolite is formed by CYP3A4": the anaphor names the parent drug
            return self.add([metabolite], enzymes, "substrate_of", "substrate", "substrate", 0.7, i, lo, enzymes[0])
        if parent is None:
            name = metabolite.label.lower()
            drugs = [t.mention.entities[0] for t in self.t if t.mention is not None and t.mention.is_drug]
            if self.ctx.document_drug is not None:
                drugs.append(self.ctx.document_drug)
            parent = next((d for d in drugs if d.id != metabolite.id and len(name) - len(d.label) >= 3 and d.label.lower() in name), None)
        if parent is None or parent.id == metabolite.id:
            return False
        self._product(lo, parent, i)
        return self.add([parent], enzymes, "substrate_of", "substrate", "substrate", 0.7, i, lo, enzymes[0])

    def transport_rule(self, i: int) -> bool:
        """"Hepatic uptake (of X) is carried out mainly by OATP1B1", "renal secretion involves
        the transporter OAT3", "efflux via P-glycoprotein": X is transported by it."""
        if self.low(i - 1) == "-" or (self.m(i - 1) is not None and not self.is_drug(i - 1)):
            return False  # "insulin secretion", "glucose uptake": a process of something else
        _, hi = self.c.bounds(i)
        subject: int | None = None
        k = i + 1
        if self.low(k) == "of" and self.is_drug(k + 1):
            subject = k + 1
            k += 2
        linked = False
        obj: int | None = None
        while k < hi and k < i + 16:
            if self.m(k) is not None:
                if self.is_drug(k):
                    return False
                if linked and self.m(k).group == "Target":
                    if self.m(k + 1) is not None and self.m(k + 1).group == "Target" and self.t[k + 1].start - self.t[k].end <= 1:
                        k += 1  # "the organic anion transporter OAT3": the name after the class
                    if substrate_predicate(self.m(k).entities[0]) != "transported_by":
                        return False
                    obj = k
                    break
                k += 1  # "into hepatocytes": a place, not the carrier
                continue
            low = self.low(k)
            if low in _TRANSPORT_LINKS:
                linked = True
            elif low in (";", ":", "but", "whereas", "while") or low in TRIGGERS:
                return False
            k += 1
        if obj is None:
            return False
        objs = self.coordinated(obj, hi, want_drug=False)
        objs = [x for x in objs if self.m(x).group == "Target"]
        if subject is not None:
            return self.add([self.m(subject).entities[0]], objs, "substrate_of", "substrate", "substrate", 0.7, i, subject, objs[0])
        subjects, lo, carried = self.subject_for(i)
        return self.add(subjects, objs, "substrate_of", "substrate", "substrate", 0.7, i, lo, objs[0], carried)

    def _described_drug(self, rel: int) -> int | None:
        """The drug a relative clause describes through its predicate noun: "X is an atypical
        antipsychotic that ..." -> X (``rel`` is the index of "that"/"which")."""
        k = rel - 1
        while k >= 0 and k > rel - 6 and self.m(k) is None and self.t[k].is_word and self.low(k) not in ("a", "an", "the"):
            k -= 1
        if self.low(k) not in ("a", "an", "the") or k == rel - 1 or self.low(k - 1) not in BE_FORMS:
            return None
        if self.is_drug(k - 2):
            return k - 2
        # "X, the R-enantiomer of Y, is a ... antihistamine that ...": the copula's subject
        subjects, lo, carried = self.subject_for(k - 1)
        return lo if subjects and not carried and self.is_drug(lo) else None

    def _contributions(self, k: int) -> list[int]:
        """More enzymes of a metabolism clause: "X is metabolised by A, with (smaller)
        contributions from B and C" -> B and C; "by A to M1 and by B to M2" -> B."""
        while k < self.n and k < 40 and self.low(k) not in (";", ".", "whereas", "but", "while"):
            if self.low(k) == "," and self.low(k + 1) in _NAMELY and self.is_object(k + 2) and self.m(k + 2).group == "Target":
                # "by several cytochrome P450 enzymes, chiefly CYP3A4, ...": the members named
                found = self.coordinated(k + 2, self.n, want_drug=False)
                return found + self._contributions(found[-1] + 1)
            if (self.low(k) in ("contribution", "contributions", "involvement", "participation") and self.low(k + 1) in ("from", "of", "by")) or (
                self.low(k) in ("role", "roles", "part", "parts", "share") and self.low(k + 1) in ("for", "of", "by")
            ):
                # "with smaller contributions from B", "with smaller roles for B and C"
                found = self.right_objects(k + 2, max_gap=2)
                return [x for x in found if self.m(x).group == "Target"]
            if self.low(k) == "by" and self._and_then_by(k):
                # "metabolised by CYP2C19 to A and by CYP3A4 to B"
                found = [x for x in self.right_objects(k + 1, max_gap=2) if self.m(x).group == "Target"]
                return found + self._contributions(found[-1] + 1) if found else []
            k += 1
        return []

    def _and_then_by(self, k: int) -> bool:
        """True when "by" at ``k`` opens a second agent phrase: "and by B", "and partly by B",
        "and in part by B", "and to a minor extent by B", "and, to a lesser degree, by B"."""
        j = k - 1
        while j > k - 8 and self.m(j) is None and (self.t[j].is_word or self.low(j) == ",") and self.low(j) not in ("and", "or") and self.low(j) not in TRIGGERS:
            j -= 1
        return j >= 0 and self.low(j) in ("and", "or")

    def enantiomer_rule(self, i: int) -> bool:
        """"X is the S-enantiomer of Y", "X, the active isomer of Y": X enantiomer_of Y."""
        j = i + 2
        while self.low(j) in ("racemic", "the", "its", "parent"):
            j += 1
        if self.low(i + 1) != "of" and self.is_drug(i - 1):
            return self._possessed_enantiomer(i)
        if self.low(i + 1) != "of" or not self.is_drug(j):
            return False
        parent = self.m(j).entities[0]
        subjects, lo, carried = self.subject_for(i)
        if carried:
            return False
        negated = self.c.negated(lo, i)
        tok = self.t[i]
        for subject in subjects:
            if subject.id != parent.id:
                self.extra.append(Relation(subject, "enantiomer_of", parent, negated, "hedged" if self.c.hedged(i) else "asserted", 0.85, "enantiomer", (tok.start, tok.end)))
        return bool(subjects)

    def _possessed_enantiomer(self, i: int) -> bool:
        """"Its S-enantiomer, E, ...", "E, its S-enantiomer", "X's R-isomer E": E enantiomer_of
        the owner (the drug or the anaphor before the noun at ``i``)."""
        owner = i - 1
        if self.low(owner) == "'s":
            owner -= 1
        if not self.is_drug(owner):
            return False
        parent = self.m(owner).entities[0]
        k = i + 2 if self.low(i + 1) == "," else i + 1
        if not (self.is_drug(k) and self.m(k).kind != "anaphor"):
            k = owner - 2 if self.low(owner - 1) == "," else -1
            if not (self.is_drug(k) and self.m(k).kind != "anaphor"):
                return False
        enantiomer = self.m(k).entities[0]
        if enantiomer.id == parent.id:
            return False
        tok = self.t[i]
        negated = self.c.negated(min(owner, k), i)
        certainty = "hedged" if self.c.hedged(i) else "asserted"
        self.extra.append(Relation(enantiomer, "enantiomer_of", parent, negated, certainty, 0.85, "enantiomer", (tok.start, tok.end)))
        return True

    def affinity_rule(self, i: int) -> bool:
        """"X has high affinity for Y", "it showed no affinity for A, B or C sites": X binds."""
        objs = self.right_objects(i + 2, max_gap=2)
        objs = [k for k in objs if self.m(k).group == "Target"]
        if not objs:
            return False
        subjects, lo, carried = self.subject_for(i)
        return self.add(subjects, objs, "binds", "bind", "affinity", 0.75, i, lo, objs[0], carried)

    def reported_rule(self, i: int) -> bool:
        """"D has occurred with X", "cases of D have been reported in patients taking X",
        "D was observed during treatment with X": X causes D."""
        j = i + 1
        if self.low(i) in _GREATER_WORDS and (self.low(j) != "with" or any(self.low(k) in _BENEFIT_NOUNS for k in range(self.c.bounds(i)[0], i))):
            return False  # "D was larger with X" only: not "relief of D was greater with X"
        while j < i + 3 and (self.low(j) in ("rarely", "frequently", "commonly", "occasionally", "also") or (self.low(j).endswith("ly") and self.low(j) != "only")):
            j += 1  # "occurs mainly with X", "was reported only rarely in ..."
        if self.low(j) in ("in", "among"):
            # "in 31% of patients", "in two of the patients": a share of the population
            k = self._past_share(j + 1)
            if self.is_drug(k) and self.low(k + 1) == "-" and self.low(k + 2) in ("treated", "exposed") and self.low(k + 3) in _POPULATION_NOUNS:
                j = k  # "in 10% of X-treated patients"
            elif self.is_drug(k) and self.low(k + 1) in _RECIPIENT_NOUNS:
                j = k  # "in 8% of its recipients", "in 3% of X users"
            elif self.low(k) in _POPULATION_NOUNS:
                j = k + 1
            elif self.low(k - 1) in ("those", "these") and self.low(k) in _TAKING_WORDS:
                j = k  # "in 12% of those on X"
            else:
                return False
            if self.is_drug(j):
                pass
            elif self.low(j) in _TAKING_WORDS:
                j += 1
                if self.low(j) == "with":
                    j += 1
            else:
                return False
        elif self.low(i) == "affected" and self.low(j).replace(".", "").isdigit():
            # "D affected 38% (and E 14%) of those on X": the share of the takers
            return self.affected_rule(i)
        elif self.low(j) == "by" and self.low(i) in ("reported", "noted", "described", "experienced"):
            # "D was reported by five patients on X and by two on Y"
            start, _ = self.c.bounds(i)
            objs = [k for k in range(start, i) if self.is_event(k)]
            drugs = self._takers(j)
            if not objs or not drugs:
                return False
            return self.add([self.m(x).entities[0] for x in drugs], objs, "causes_adverse_event", "cause", "reported", 0.7, i, start, i)
        elif self.low(j) in ("during", "after", "following") and self.low(j + 1) in ("treatment", "therapy", "use", "administration", "exposure"):
            j += 2
            if self.low(j) not in ("with", "of"):
                return False
            j += 1
        elif (self.low(i) == "followed" or self.low(j) in ("after", "following")) and (self.is_drug(j if self.low(i) == "followed" else j + 1)):
            # "D followed X in 12% of patients", "D was more common after X" (not "relief of D
            # followed X")
            j = j if self.low(i) == "followed" else j + 1
            if any(self.low(k) in _BENEFIT_NOUNS for k in range(self.c.bounds(i)[0], i)):
                return False
        elif self.low(j) == "with":
            j += 1
            if self.low(j) in ("the", "use", "of"):
                j += 1
                if self.low(j) == "of":
                    j += 1
        elif self.ctx.document_drug is not None and not any(self.is_drug(k) for k in range(self.n)) and self.low(i) in ("occurred", "reported", "observed", "noted"):
            # a report of an event in a document about one drug ("Two cases of D occurred")
            start, _ = self.c.bounds(i)
            objs = [k for k in range(start, i) if self.is_event(k)]
            return self.add([self.ctx.document_drug], objs, "causes_adverse_event", "cause", "reported", 0.6, i, start, i, True)
        else:
            return False
        while self.low(j) in _DETERMINERS or self.low(j) in _ROUTE_ADJECTIVES:
            j += 1  # "in 12% of those on oral X"
        if not self.is_drug(j):
            return False
        start, _ = self.c.bounds(i)
        objs = [k for k in range(start, i) if self.is_event(k)]
        if not objs:
            return False
        subjects = [self.m(x).entities[0] for x in self._taken_drugs(j)]
        return self.add(subjects, objs, "causes_adverse_event", "cause", "reported", 0.75, i, start, i)

    def toxic_rule(self, k: int) -> bool:
        """"X is hepatotoxic and teratogenic", "it is not nephrotoxic" (``k``: the copula): X
        causes (or does not cause) the condition each adjective names, whether the lexicon
        matched the adjective ("nephrotoxic": nephrotoxicity) or not. Only the copula's
        predicate counts ("a nephrotoxic drug such as X" says nothing of X alone)."""
        j = k + 1
        mentions: list[int] = []
        names: list[str] = []
        while j < self.n:
            mention = self.m(j)
            text = mention.text.lower() if mention is not None else self.low(j)
            if text in TOXIC_ADJECTIVES:
                if mention is not None and mention.group in ("Disease", "AdverseEvent"):
                    mentions.append(j)
                elif mention is None:
                    names.append(TOXIC_ADJECTIVES[text])
                else:
                    return False
            elif mention is not None or not (self.low(j) in _TOXIC_RUN or self.low(j).endswith("ly")):
                break
            elif self.low(j) in (",", "and", "or", "nor") and not self._toxic_ahead(j + 1):
                break  # "is hepatotoxic, and blood counts ...": the run ends at the comma
            j += 1
        if not mentions and not names:
            return False
        if self.low(j) in PROPERTY_NOUNS or (self.t[j].is_word and self.m(j) is None
                                              and self.low(j) not in ("in", "at", "to", "when", "if", "and", "but", "so", "as", "because", "during")):
            return False  # "is a hepatotoxic drug", "is nephrotoxic agents": an attribute
        subjects, lo, carried = self.subject_for(k)
        if not subjects:
            return False
        found = self.add(subjects, mentions, "causes_adverse_event", "cause", "adverse", 0.7, k + 1, lo, j - 1, carried) if mentions else False
        entities = list(dict.fromkeys(e for e in (self.ctx.condition(name) for name in names) if e is not None)) if self.ctx.condition else []
        if entities:
            self._add_entities(subjects, entities, "causes_adverse_event", "adverse", 0.7, k + 1, lo, j - 1, carried)
            found = True
        return found

    def _toxic_ahead(self, j: int) -> bool:
        """True when a toxic adjective follows at ``j``, past coordinators and adverbs."""
        while j < self.n and self.m(j) is None and (self.low(j) in _TOXIC_RUN or self.low(j).endswith("ly")):
            j += 1
        mention = self.m(j) if j < self.n else None
        return j < self.n and (mention.text.lower() if mention is not None else self.low(j)) in TOXIC_ADJECTIVES

    def took_then_developed(self, i: int) -> bool:
        """"Patients on (oral) X developed D", "six patients who stayed on X developed D", "no
        patient treated with X experienced D", "those taking X often develop D": X causes D
        (or does not)."""
        k = i - 1
        while k >= 0 and (self.low(k).endswith("ly") or self.low(k) in ("later", "subsequently", "then", "also", "eventually", "soon", "often", "sometimes", "may", "can", "did", "still", "not", "never")):
            k -= 1
        if not self.is_drug(k):
            return False
        drug = k
        k -= 1
        while k >= 0 and (self.low(k) in _ROUTE_ADJECTIVES or self.low(k) in _DETERMINERS):
            k -= 1
        if self.low(k) == "with" and self.low(k - 1) in ("treated", "managed"):
            k -= 2
        elif self.low(k) in ("on", "taking", "receiving", "given", "using"):
            k -= 1
        else:
            return False
        while k >= 0 and self.low(k) in _TAKER_LINKS:
            k -= 1
        if self.low(k) not in _POPULATION_NOUNS and self.low(k) not in ("patient", "subject", "participant", "those", "child", "adult"):
            return False
        while k > 0 and (self.low(k - 1) in _DETERMINERS or self.low(k - 1) in _NUMBER_WORDS or self.low(k - 1) in ("no", "none", "of", "%")
                         or self.low(k - 1).replace(".", "").isdigit()):
            k -= 1  # "no patient", "six of the patients", "12% of patients"
        objs = [x for x in self.right_objects(i + 1, max_gap=2) if self.is_event(x)]
        if not objs:
            return False
        return self.add([self.m(drug).entities[0]], objs, "causes_adverse_event", "cause", "reported", 0.75, i, k, objs[0])

    def _taken_drugs(self, j: int) -> list[int]:
        """The drug at ``j`` and those coordinated with it, short of one that opens a clause
        of its own ("larger with X, and LDL cholesterol rose")."""
        members = self.coordinated(j, self.n, want_drug=True)
        while len(members) > 1 and self.low(members[-1] + 1) in _CLAUSE_VERBS:
            members.pop()
        return members

    def _past_share(self, k: int) -> int:
        """The index after a share of a population starting at ``k`` ("31% of the", "two of")."""
        start = k
        while k < start + 5 and (self.low(k) in _SHARE_WORDS or self.low(k).replace(".", "").isdigit() or self.low(k) in _NUMBER_WORDS):
            k += 1
        return k

    def affected_rule(self, i: int) -> bool:
        """"D affected 38% and E 14% of those on X", "D affected one in ten patients taking X":
        X causes D (and E)."""
        k = i + 1
        hi = self.n
        while k < hi and (self.low(k) in _SHARE_WORDS or self.low(k) in ("and", ",", "in") or self.low(k).replace(".", "").isdigit() or self.low(k) in _NUMBER_WORDS or self.is_event(k)):
            k += 1
        if self.low(k) in _POPULATION_NOUNS:
            k += 1
        if self.low(k) not in _TAKING_WORDS:
            return False
        k += 1
        if self.low(k) == "with":
            k += 1
        while self.low(k) in _DETERMINERS or self.low(k) in _ROUTE_ADJECTIVES:
            k += 1
        if not self.is_drug(k):
            return False
        start, _ = self.c.bounds(i)
        objs = [x for x in range(start, k) if self.is_event(x)]
        if not objs:
            return False
        subjects = [self.m(x).entities[0] for x in self._taken_drugs(k)]
        return self.add(subjects, objs, "causes_adverse_event", "cause", "reported", 0.7, i, start, i)

    def _takers(self, j: int) -> list[int]:
        """Drugs of "by five patients on X (and by two on Y)" starting at "by" (index ``j``)."""
        out: list[int] = []
        while self.low(j) == "by":
            k = j + 1
            while k < j + 5 and (self.low(k).isdigit() or self.low(k) in _NUMBER_WORDS or self.low(k) in ("of", "the", "those", "patients", "subjects", "people", "participants", "children", "adults", "%")):
                k += 1
            if self.low(k) not in ("on", "taking", "receiving", "given", "using"):
                break
            k += 1
            while self.low(k) in _DETERMINERS or self.low(k) in _ROUTE_ADJECTIVES:
                k += 1
            if not self.is_drug(k):
                break
            out.append(k)
            j = k + 1
            while j < self.n and j < k + 4 and self.low(j) not in ("by", ";", "."):
                j += 1  # "5 mg", ", and"
        return out

    def adverse_of_rule(self, i: int) -> bool:
        """"D was the most common adverse effect of X", "D and E are known side effects of X":
        X causes D (and E)."""
        if self.low(i + 1) == "of" and self.low(i) in _ADVERSE_NOUNS and self._apposed_adverse(i):
            return True
        if self.low(i - 1) not in _ADVERSE_MODIFIERS and self.low(i) not in _RISK_NOUNS and self.low(i) not in ("complaint", "complaints"):
            return False
        j = self._adverse_drug(i)
        if j is None:
            return False
        start, end = self.c.bounds(i)
        after = self.coordinated(j, self.n, want_drug=True)[-1] + 1
        if self.low(i + 1) != "of":
            pass  # "D was the leading adverse event with X / in the X group": D is named before
        elif self.low(after) in BE_FORMS:
            # "The principal risk of X is D", "the main adverse effects of X are D and E"
            k = after + 1
            while k < end and self.m(k) is None and self.t[k].is_word and self.low(k) not in ("of", "in", "with"):
                k += 1
            if self.is_event(k):
                objs = self.coordinated(k, end, want_drug=False)
                subjects = [self.m(x).entities[0] for x in self.coordinated(j, self.n, want_drug=True)]
                return self.add(subjects, objs, "causes_adverse_event", "cause", "adverse", 0.75, i, j, k)
            return False
        if self.low(i) in _RISK_NOUNS:
            return False
        k = i - 2
        while k > start and self.m(k) is None and self.t[k].is_word and self.low(k) not in BE_FORMS:
            k -= 1
        if self.low(k) not in BE_FORMS:
            return False
        k -= 1
        while k > start and self.m(k) is None and (self.low(k) in ("also", "not", "often") or self.low(k).endswith("ly")):
            k -= 1
        if not self.is_event(k):
            return False
        objs = self.coordinated_left(k, start, want_drug=False) + self._followed_by(j)
        subjects = [self.m(x).entities[0] for x in self.coordinated(j, self.n, want_drug=True)]
        return self.add(subjects, objs, "causes_adverse_event", "cause", "adverse", 0.75, i, objs[0], j)

    def _apposed_adverse(self, i: int) -> bool:
        """"D, a known effect of X, ...", "D, a recognised adverse reaction to X": X causes D
        (the noun at ``i`` in apposition to the condition before its comma)."""
        k = i - 1
        while k > 0 and self.m(k) is None and self.low(k) in _APPOSITION_WORDS:
            k -= 1
        if self.low(k) != "," or self.low(k + 1) not in ("a", "an", "the") or not self.is_event(k - 1):
            return False
        j = i + 2
        while self.low(j) in _DETERMINERS:
            j += 1
        if not self.is_drug(j):
            return False
        objs = self.coordinated_left(k - 1, self.c.bounds(k - 1)[0], want_drug=False)
        subjects = [self.m(x).entities[0] for x in self.coordinated(j, self.n, want_drug=True)]
        return self.add(subjects, objs, "causes_adverse_event", "cause", "adverse", 0.7, i, objs[0], j)

    def _followed_by(self, j: int) -> list[int]:
        """Conditions of ", followed by D and E" after the drug at ``j`` (a ranked list of events)."""
        k = j + 1
        while k < self.n and k < j + 4 and self.low(k) != "followed":
            k += 1
        if self.low(k) != "followed" or self.low(k + 1) != "by":
            return []
        found = self.right_objects(k + 2, max_gap=2)
        return [x for x in found if self.m(x).group in ("Disease", "AdverseEvent")]

    def _adverse_drug(self, i: int) -> int | None:
        """The drug of "adverse event(s) of X", "... with X", "... on X", "... in the X group"
        after the noun at ``i``, or None."""
        low = self.low(i + 1)
        j = i + 2
        if low == "in" and self.low(j) == "the" and self.is_drug(j + 1) and self.low(j + 2) in ("group", "arm", "groups", "arms"):
            return j + 1
        if low not in ("of", "with", "on", "after", "during"):
            return None
        if low in ("after", "during") and self.low(j) in ("treatment", "therapy", "use") and self.low(j + 1) in ("with", "of"):
            j += 2
        while self.low(j) in _DETERMINERS:
            j += 1
        return j if self.is_drug(j) else None

    def _product(self, metabolite: int, parent: Entity, i: int) -> None:
        """Record "the drug at ``metabolite`` is a product of ``parent``" (and of its coordinated drugs)."""
        tok = self.t[i]
        negated = self.c.negated(min(metabolite, i), max(metabolite, i))
        certainty = "hedged" if self.c.hedged(i) else "asserted"
        members = self.coordinated(metabolite, self.n, want_drug=True)
        if len(members) > 1 and not any(self.low(x) in ("and", "or") for x in range(members[0], members[-1])):
            members = members[:1]  # "its metabolite M, D)": a comma alone ends the name, not a list
        for k in members:
            entity = self.m(k).entities[0]
            if entity.id != parent.id and group_of(parent.type) == "Drug":
                self.extra.append(Relation(entity, "product_of", parent, negated, certainty, 0.8, "metabolite", (tok.start, tok.end)))

    def _metabolite_np_start(self, i: int) -> int:
        """First token of "its main active metabolite" ending at the noun ``i``."""
        k = i - 1
        while k >= 0 and self.m(k) is None and (self.low(k) in _METABOLITE_ADJECTIVES or self.low(k) in ("a", "an", "the", "one", "two", "-")):
            k -= 1
        return k + 1

    def metabolite_rule(self, i: int) -> bool:
        """"M, the active metabolite of P", "M is a metabolite of P", "its active metabolite,
        M", "P's main metabolite M", "to M, its active metabolite": M product_of P."""
        np = self._metabolite_np_start(i)
        if self.low(i + 1) == "of":
            j = i + 2
            while self.low(j) in _DETERMINERS or self.low(j) in ("racemic", "parent"):
                j += 1
            if not self.is_drug(j):
                return False
            parent = self.m(j).entities[0]
            k = np - 1
            if self.low(k) in BE_FORMS:
                k -= 1
            elif self.low(k) in (",", ":"):
                k -= 1  # "M, the active metabolite of P", "M: a metabolite of P" (a run-in label)
            else:
                return False
            if not self.is_drug(k):
                return False
            self._product(self.coordinated_left(k, self.c.bounds(k)[0], want_drug=True)[0], parent, i)
            return True
        # the parent: "its" / "X's" before the noun phrase
        owner = np - 1
        if self.low(owner) == "'s":
            owner -= 1
        if not self.is_drug(owner):
            return False
        parent = self.m(owner).entities[0]
        j = i + 1
        if self.low(j) == ",":
            j += 1
        if self.is_drug(j) and self.m(j).kind != "anaphor":
            self._product(j, parent, i)
            return True
        # "P is converted to M, its active metabolite"
        k = owner - 1
        if self.low(k) == "," and self.is_drug(k - 1):
            self._product(k - 1, parent, i)
            return True
        return False

    def conversion_rule(self, i: int) -> bool:
        """"P is converted (by esterases) to M", "CYP3A4 metabolises P to M", "esterases
        convert it to M": M product_of P."""
        _, hi = self.c.bounds(i)
        j = i + 1
        parent: Entity | None = None
        if self.low(i) in ("convert", "converts") and self.is_drug(i + 1):
            parent = self.m(i + 1).entities[0]
            j = i + 2
        elif self.low(i) in _PROCESS_NOUNS and self.low(i + 1) == "of" and self.is_drug(i + 2):
            # "hydrolysis of enalapril to enalaprilat", "the metabolism of P to M"
            parent = self.m(i + 2).entities[0]
            if parent.type == "EndogenousSubstance":
                return False
            j = i + 3
        target = None
        while j < hi and j < i + 8:
            if self.low(j) in ("to", "into") and not self.is_drug(j):
                k = j + 1
                while self.low(k) in _DETERMINERS or self.low(k) in _METABOLITE_ADJECTIVES:
                    k += 1
                if (self.is_drug(k) or self._is_product(k)) and self.m(k).kind != "anaphor":
                    target = k  # "levodopa is decarboxylated to dopamine": an endogenous product too
                break
            if self.is_drug(j) or self.low(j) in (";", ":", "."):
                break
            j += 1
        if target is None:
            return False
        if parent is None:
            subjects, _, carried = self.subject_for(i)
            if not subjects or carried:
                return False
            parent = subjects[0]
        self._product(target, parent, i)
        return True

    def verb_rule(self, i: int, trig: Trigger) -> bool:
        prev = i - 1
        while prev >= 0 and (self.low(prev).endswith("ly") or self.low(prev) in ("not", "also", "further", "then")):
            prev -= 1
        nxt = i + 1
        while nxt < self.n and self.low(nxt).endswith("ly"):
            nxt += 1
        if self.low(i - 1) == "-":
            return False  # "X-induced", "depolarization-evoked": a modifier, not a verb
        if trig.lemma == "reverse" and self.low(i - 1) == "to" and self.low(i - 2) not in ("used", "given", "administered", "indicated"):
            return False  # "doses may be required to reverse D": the reverser is not named here
        predicate = trig.predicate
        if trig.lemma == "modulate" and self.low(i - 1) in ("positively", "negatively"):
            predicate = "positively_modulates" if self.low(i - 1) == "positively" else "negatively_modulates"
        if trig.form == "participle":
            passive_aux = self.low(prev) in BE_FORMS
            if self.low(nxt) == "by":
                agent = nxt + 1
                while self.low(agent) in _DETERMINERS:
                    agent += 1
                if not self.is_drug(agent):
                    return False
                subj_idx = self.coordinated(agent, self.c.bounds(agent)[1], want_drug=True)
                obj_end = prev if passive_aux else i
                k = obj_end - 1
                while k >= 0 and (self.low(k) in BE_FORMS or self.low(k) in ("not", "also") or self.low(k).endswith("ly") or self.low(k) in ("has", "have", "had", "can", "could", "may", "might", "will", "would", "be")):
                    k -= 1
                if self.is_object(k) and self.c.same(k, i):
                    objs = self.coordinated_left(k, self.c.bounds(k)[0], want_drug=False)
                    subjects = [self.m(x).entities[0] for x in subj_idx]
                    return self.add(subjects, objs, predicate, trig.lemma, "passive", 0.85, i, objs[0], agent)
                return False
            if passive_aux:
                return self.agentless_passive(i, prev, predicate, trig)
        if trig.lemma == "bind" or trig.lemma == "interact":
            allow: tuple[str, ...] = ("to", "with", "at", "directly", "selectively", "preferentially")
        elif trig.lemma == "close":
            # "closes the K-ATP channel"; "close to", "close monitoring" are not this verb
            if self.low(nxt) in ("to", "monitoring", "attention", "relatives", "contact") or self.low(i - 1) in ("a", "the", "very", "in", "at"):
                return False
            allow = ()
        elif trig.lemma == "act":
            # "acts on / at / through Y": Y is what the drug acts on ("acts as a ..." names none)
            if self.low(nxt) not in ("on", "upon", "at", "through", "via"):
                return False
            allow = ("on", "upon", "at", "through", "via", "directly", "selectively", "mainly", "primarily")
        else:
            allow = ("of", "on", "to")
        if trig.lemma in CONDITION_CAUSING and trig.form != "gerund" and self.condition_rule(i, nxt):
            return True
        if trig.lemma in DECREASING and self.risk_list_rule(i, nxt):
            return True
        objs = self.right_objects(i + 1, max_gap=6, allow=allow)
        if not objs and trig.lemma == "bind" and trig.form != "gerund":
            return self.bound_drug_rule(i, predicate)
        if trig.lemma == "bind":
            objs = objs + self._site_owners(objs)
        if not objs and self.low(nxt) in ("nor", "or") and trig.form != "gerund":
            objs = self._shared_object(nxt)  # "neither induces nor inhibits CYP3A4"
        if not objs:
            return False
        subjects, lo, carried = self.subject_for(i)
        if not subjects and trig.lemma in CONDITION_CAUSING and all(self.low(k) != "of" for k in range(i + 1, objs[0])):
            subjects, lo, carried = self.use_subject(i)  # "long-term use caused hepatotoxicity"
        conf = 0.85 if trig.form != "gerund" else 0.75
        return self.add(subjects, objs, predicate, trig.lemma, "verb", conf, i, lo, objs[0], carried)

    def compete_rule(self, i: int) -> bool:
        """"X competes with oestradiol for the oestrogen receptor", "a modulator that competes
        with ATP for the kinase's binding site": X binds what it competes for."""
        _, hi = self.c.bounds(i)
        j = i + 1
        while j < min(hi, i + 8) and self.low(j) != "for":
            j += 1
        if self.low(j) != "for":
            return False
        objs = [k for k in self.right_objects(j + 1, max_gap=3) if self.m(k).group == "Target"]
        if not objs:
            return False
        subjects, lo, carried = self.subject_for(i)
        return self.add(subjects, objs, "binds", "bind", "compete", 0.7, i, lo, objs[0], carried)

    def _shared_object(self, k: int) -> list[int]:
        """The objects of the verb after "nor"/"or" at ``k`` ("neither induces nor inhibits A",
        "neither inhibits nor is cleared by E"), which the verb before shares."""
        j = k + 1
        while j < min(self.n, k + 6) and self.m(j) is None and self.low(j) not in (",", ";", ".", ":", "and", "but"):
            j += 1
        if not self.is_object(j) or not self.c.same(j, k):
            return []
        return self.coordinated(j, self.c.bounds(j)[1], want_drug=False)

    def _site_owners(self, objs: list[int]) -> list[int]:
        """The targets of "the lysine-binding sites of plasminogen", "the colchicine site of
        tubulin": what a drug binding a named site binds (each site among ``objs``)."""
        out = []
        for k in objs:
            mention = self.m(k)
            if mention is None or mention.entities[0].type != "BindingSite" or self.low(k + 1) != "of":
                continue
            j = k + 2
            while self.low(j) in _DETERMINERS:
                j += 1
            if self.is_object(j) and self.m(j).group == "Target" and self.m(j).entities[0].type != "BindingSite" and j not in objs:
                out.append(j)
        return out

    def bound_drug_rule(self, i: int, predicate: str) -> bool:
        """"S binds rocuronium", "it does not bind the blockers A and B": a drug that binds
        another drug (a reversal agent, a chelator, an antibody fragment) binds it."""
        _, hi = self.c.bounds(i)
        k = i + 1
        while k < min(hi, i + 5) and self.m(k) is None and self.low(k) not in (",", ";", ":", "(", "and", "or", "by", "in"):
            k += 1
        if not self.is_drug(k) or self.m(k).kind == "anaphor":
            return False
        objs = self.coordinated(k, hi, want_drug=True)
        subjects, lo, carried = self.subject_for(i)
        subjects = [e for e in subjects if all(e.id != self.m(x).entities[0].id for x in objs)]
        if not subjects:
            return False
        return self.add(subjects, objs, predicate, "bind", "verb", 0.75, i, lo, objs[0], carried)

    def risk_list_rule(self, i: int, j: int) -> bool:
        """"X reduced the risk of A, B and C", "lowers the composite of cardiovascular death,
        A and B by 15%": X treats every disease of the list, unnamed items passed over, up
        to a population, a measure or a comparison."""
        if self.low(j) in ("the", "a"):
            j += 1
        if self.low(j) in ("relative", "absolute", "overall", "annual", "cumulative", "primary", "combined"):
            j += 1
        if self.low(j) not in _RISK_LIST_HEADS or self.low(j + 1) != "of":
            return False
        _, hi = self.c.bounds(i)
        objs: list[int] = []
        k = j + 2
        while k < hi:
            low = self.low(k)
            if low in _RISK_LIST_STOPS or self.is_drug(k) or (low in ("patients", "subjects", "people", "adults", "children") and self.low(k + 1) == "with"):
                break
            if self.is_event(k):
                objs.append(k)
            k += 1
        if not objs:
            return False
        subjects, lo, carried = self.subject_for(i)
        return self.add(subjects, objs, "treats", "treat", "treat", 0.7, i, lo, objs[0], carried)

    def agentless_passive(self, i: int, aux: int, predicate: str, trig: Trigger) -> bool:
        """"Two kinases are inhibited as well: A and B", "A is also blocked": in a list item
        or a mechanism section of a one-drug document (``carry_any``), the document's drug is
        the agent; elsewhere an agentless passive names no subject."""
        carry = self.ctx.carry
        if carry is None or not self.ctx.carry_any or any(self.is_drug(k) for k in range(self.n)):
            return False
        objs: list[int] = []
        k = aux - 1
        while k >= 0 and (self.low(k) in ("also", "not", "further", "then") or self.low(k).endswith("ly")):
            k -= 1
        if self.is_object(k):
            objs = self.coordinated_left(k, self.c.bounds(k)[0], want_drug=False)
        j = i + 1
        while j < self.n and self.low(j) in ("as", "well", "too", "also"):
            j += 1
        if self.low(j) == ":":
            j += 1
            while self.low(j) in _DETERMINERS:
                j += 1
            if self.is_object(j):
                objs = self.coordinated(j, self.n, want_drug=False)
        if not objs:
            return False
        start, _ = self.c.bounds(i)
        return self.add([carry], objs, predicate, trig.lemma, "passive", 0.6, i, min(objs[0], start), objs[0], True)

    def condition_rule(self, i: int, j: int) -> bool:
        """"X caused blue discoloration of the skin and retinal pigment changes": each
        coordinated phrase that names a condition (a lexicon disease or adverse event, or a
        phrase with a condition head such as "discoloration") is an adverse event of X.

        Only used when at least one phrase is not a lexicon mention (the plain verb rule
        handles lists of known names). A general head ("changes", "alterations") counts only
        beside a clearer condition; comparisons ("fewer lesions than") state no event.
        """
        _, hi = self.c.bounds(i)
        objs: list[tuple[Mention, bool]] = []  # (mention, named by a general head only)
        first: int | None = None
        k = j
        while k < hi:
            while self.low(k) in _DETERMINERS or self.low(k) in _CONDITION_SKIP or self.low(k) in ("no", "any"):
                k += 1
            if self.low(k) in _COMPARATIVES or self.low(k) in ("fewer", "worse"):
                return False
            if first is None:
                first = k
            mention = self.m(k)
            if mention is not None:
                if mention.group not in ("Disease", "AdverseEvent") and mention.kind != "adverse":
                    break
                objs.append((mention, False))
                k += 1
            else:
                phrase = self._condition_phrase(k, hi)
                if phrase is None:
                    break
                mention, weak, k = phrase
                objs.append((mention, weak))
            if self.low(k) in ("of", "in", "than"):
                if self.low(k) != "in" or objs[-1][1]:
                    objs.pop()  # "death of cancer cells", "changes in FRET": not a condition
                break
            if self.low(k) == ",":
                k += 1
            if self.low(k) in _COORD:
                k += 1
            elif self.low(k - 1) != ",":
                break
        fresh = [m for m, _ in objs if m.kind == "adverse" and m.text]
        clear = [m for m, weak in objs if not weak]
        if not fresh or not clear or first is None:
            return False
        subjects, lo, carried = self.subject_for(i)
        if not subjects:
            subjects, lo, carried = self.use_subject(i)
        if not subjects:
            return False
        mentions = [m for m, _ in objs]
        self.found.append(_Found(list(subjects), mentions, "causes_adverse_event", "cause", "condition", 0.7, i, lo, first, carried))
        return True

    def _condition_phrase(self, k: int, hi: int) -> tuple[Mention, bool, int] | None:
        """A plain phrase naming a condition at token ``k``: (its mention, whether only a
        vague head names it, index after it)."""
        words: list[int] = []
        head: int | None = None
        while k < hi:
            tok = self.t[k]
            low = self.low(k)
            if tok.mention is not None or not tok.is_word or low.isdigit() or low in BE_FORMS:
                break
            if low in OBJECT_STOPS or (low in TRIGGERS and low not in CONDITION_HEADS):
                break
            if low == "of" and head is None and words and self.low(words[-1]) in CONDITION_HEADS and self.m(k + 1) is None:
                after = k + 1
                while self.low(after) in _DETERMINERS:
                    after += 1
                if self.t[after].is_word if after < hi else False:
                    head = words[-1]
                    words.append(after)  # "discoloration of the skin": one noun after "of"
                    k = after + 1
                    break
            if low == "of":
                break
            words.append(k)
            k += 1
            if len(words) > 5:
                return None
        if not words:
            return None
        if head is None:
            head = words[-1]
        head_low = self.low(head)
        mods = [self.low(w) for w in words if w < head and self.low(w) not in _CONDITION_SKIP]
        after = [self.low(w) for w in words if w > head]
        text = " ".join(self.t[w].text for w in range(words[0], words[-1] + 1))
        label = " ".join([*mods, *after, head_low])
        found = None
        if self.ctx.condition is not None and len(words) > 1:
            # one word the matcher left alone is a common word ("a fall in pressure")
            found = self.ctx.condition(label) or self.ctx.condition(text)
        weak = head_low in VAGUE_CONDITION_HEADS
        if found is None:
            if head_low not in CONDITION_HEADS or ((weak or head_low in WEAK_CONDITION_HEADS) and not mods):
                return None
            found = Entity(local_id(label), label, "AdverseEvent")
        else:
            weak = False
        start, end = self.t[words[0]].start, self.t[words[-1]].end
        return Mention(start, end, text, (found,), "adverse"), weak, k

    def use_subject(self, i: int) -> tuple[list[Entity], int, bool]:
        """Subject of a clause headed by taking a drug ("long-term use caused ..."): the drug
        of "use of X", else the sentence's drug named before the clause, else the carried drug."""
        start, _ = self.c.bounds(i)
        words = [k for k in range(start, i) if self.m(k) is None and self.t[k].is_word]
        use = next((k for k in words if self.low(k) in USE_NOUNS), None)
        if use is None:
            return [], start, False
        if self.low(use + 1) == "of":
            if self.is_drug(use + 2):
                return [self.m(use + 2).entities[0]], use + 2, False
            return [], start, False
        for k in range(start - 1, -1, -1):
            if self.is_drug(k) and not self.modifies_target(k):
                return [self.m(k).entities[0]], start, False
        if self.ctx.carry is not None:
            return [self.ctx.carry], start, True
        return [], start, False

    def _agent_prefix(self, k: int) -> int | None:
        """Index of a drug written as "X-induced"/"X's" right before token ``k``."""
        if self.low(k - 1) == "'s" and self.is_drug(k - 2):
            return k - 2
        if self.low(k - 1) in _CAUSE_PARTICIPLES and self.low(k - 2) == "-" and self.is_drug(k - 3):
            return k - 3
        return None

    def nominal_rule(self, i: int, trig: Trigger) -> bool:
        # "decrease"/"block"/"increase" are verbs after "to", a modal, or a drug
        if any(tr.form == "verb" for tr in TRIGGERS.get(self.low(i), ())) and (
            self.low(i - 1) in ("to", "may", "might", "can", "could", "did", "does", "do", "not", "will", "would")
            or self.is_drug(i - 1)
        ):
            verb = next(tr for tr in TRIGGERS[self.low(i)] if tr.form == "verb")
            return self.verb_rule(i, verb)
        if self.low(i - 1) in ("dose", "dosage", "dosing"):
            return False  # "dose reduction in renal impairment": an adjustment, not an effect
        objs: list[int] = []
        j = i + 1
        if self.low(j) in ("of", "in", "at", "to", "on"):
            objs = self.right_objects(j + 1, max_gap=4, allow=())
        left_end = i
        if not objs:
            k = i - 1
            if self.low(k) in (")", "]"):
                k = self.open_paren(k) - 1
            if self.low(k) == "-":
                k -= 1
            if self.is_object(k):
                objs = self.coordinated_left(k, self.c.bounds(k)[0], want_drug=False)
                left_end = objs[0]
        if not objs:
            return False
        # explicit agent: "by X" after the object, "X-induced"/"X's" before
        after = max(objs[-1], i) + 1
        for step in range(after, min(after + 3, self.n)):
            if self.low(step) == "by":
                agent = step + 1
                while self.low(agent) in _DETERMINERS:
                    agent += 1
                if self.is_drug(agent):
                    subj = self.coordinated(agent, self.c.bounds(agent)[1], want_drug=True)
                    return self.add([self.m(x).entities[0] for x in subj], objs, trig.predicate, trig.lemma, "nominal", 0.8, i, left_end, agent)
                if agent < self.n and self.t[agent].is_word:
                    return False  # "by Tomudex": an agent is named, one we do not know
                break
            if self.low(step) not in ("-", ","):
                break
        k = left_end
        while self.low(k - 1) in _DETERMINERS - {"its", "their"} or self.low(k - 1).endswith("ly") or self.low(k - 1) in ("significant", "marked", "potent", "complete", "partial", "strong", "weak", "direct", "selective", "dose-dependent", "concentration-dependent"):
            k -= 1
        prefix = self._agent_prefix(k)
        if prefix is None and self.is_drug(k - 1) and self.low(k - 1) != "":
            prefix = k - 1  # "its inhibition of Y" (its is an anaphor mention)
        if prefix is not None:
            return self.add([self.m(prefix).entities[0]], objs, trig.predicate, trig.lemma, "nominal", 0.8, i, prefix, objs[0])
        subjects, lo, carried = self.subject_for(i, lo_hint=left_end)
        return self.add(subjects, objs, trig.predicate, trig.lemma, "nominal", 0.7, i, lo, objs[0], carried)

    def agent_rule(self, i: int, trig: Trigger) -> bool:
        predicate = trig.predicate
        noun = self.low(i).rstrip("s")
        k = i - 1
        while k >= 0 and self.m(k) is None and (self.low(k) in ("positive", "negative", "inverse", "allosteric", "partial", "full", "selective", "potent", "-", "competitive", "noncompetitive", "non-competitive", "specific", "direct", "use-dependent", "state-dependent") or self.low(k).endswith("ly")):
            predicate = AGENT_QUALIFIERS.get((self.low(k), noun), predicate)
            k -= 1
        objs: list[int] = []
        np_start, np_end = i, i
        if self.low(k) in (")", "]"):
            inner = self.open_paren(k)
            if inner > 0 and self.is_object(inner - 1):
                k = inner - 1
        # "has partial agonist activity at R", "has no opioid agonist activity": the drug's
        # property, said of it as "has affinity for R" is
        activity = self.low(i + 1) in _ACTIVITY_NOUNS
        after = i + 2 if activity else i + 1
        if self.is_object(k):
            objs = self.coordinated_left(k, self.c.bounds(k)[0], want_drug=False)
            np_start = objs[0]
        elif self.low(after) in ("of", "at", "for", "to") or (activity and self.low(after) in ("on", "against", "towards", "toward")):
            objs = self.right_objects(after + 1, max_gap=3)
            if objs:
                np_end = objs[-1]
        if not objs:
            return False
        if activity:
            subjects, lo, carried = self.subject_for(i)
            return self.add(subjects, objs, predicate, trig.lemma, "agent", 0.75, i, min(lo, objs[0]), objs[-1], carried)
        q = np_start - 1
        while q >= 0 and self.m(q) is None and self.low(q) in ("positive", "negative", "inverse", "allosteric", "partial", "full", "selective", "potent", "specific", "direct"):
            predicate = AGENT_QUALIFIERS.get((self.low(q), noun), predicate)
            q -= 1
        np_start = q + 1
        # the drug the noun phrase describes: left through link words, else right
        steps, k = 0, np_start - 1
        links: set[str] = set()
        copula: int | None = None
        while k >= 0 and steps < 8:
            if self.is_drug(k) and k == np_start - 1 and self.t[np_start].start - self.t[k].end <= 1:
                k -= 1  # "serotonin 5-HT3 receptor antagonist": the drug names the target
                continue
            if self.is_drug(k):
                if "," in links and not links & {"a", "an", "the", "which", "is", "was", "are", "(", "as"}:
                    break  # "A, B, C inhibitors": a list, not an apposition
                head = self._apposition_owner(k)
                if head is not None:
                    k = head  # "X, a prodrug of Y, is an inhibitor of A": X, not Y
                if links & {"are", "were"}:
                    # "X and Y are strong inhibitors of A": every drug of the plural subject
                    members = self.coordinated_left(k, self.c.bounds(k)[0], want_drug=True)
                    return self.add([self.m(x).entities[0] for x in members], objs, predicate, trig.lemma, "agent", 0.8, i, members[0], objs[0])
                return self.add([self.m(k).entities[0]], objs, predicate, trig.lemma, "agent", 0.8, i, k, objs[0])
            low = self.low(k)
            links.add(low)
            if low in ("that", "which"):
                described = self._described_drug(k)
                if described is not None:
                    # "X is an atypical antipsychotic that acts as a partial agonist at Y"
                    return self.add([self.m(described).entities[0]], objs, predicate, trig.lemma, "agent", 0.75, i, described, objs[0])
            if low in BE_FORMS and copula is None:
                copula = k
            if low not in AGENT_LEFT_LINKS and not low.endswith("ly"):
                break
            if low == "," and self.low(k - 1) in (")", "]"):
                break
            k -= 1
            steps += 1
        steps, k = 0, np_end + 1
        while k < self.n and steps < 5:
            if self.is_drug(k):
                subj = self.coordinated(k, self.n, want_drug=True)
                return self.add([self.m(x).entities[0] for x in subj], objs, predicate, trig.lemma, "agent", 0.8, i, np_start, k)
            if self.low(k) not in AGENT_RIGHT_LINKS:
                break
            k += 1
            steps += 1
        if copula is not None and self.low(copula + 1) in ("a", "an", "the", "also", "both", "not"):
            # "It has affinity for A and is a potent antagonist at B", "M (M1), which is formed
            # by E and is a more potent agonist of B": the copula's subject, found as a verb's
            subjects, lo, carried = self.subject_for(copula)
            if subjects and not carried:
                return self.add(subjects, objs, predicate, trig.lemma, "agent", 0.75, i, lo, objs[0])
        return False

    def _is_product(self, k: int) -> bool:
        """True for a chemical mention (a drug or an endogenous substance) at ``k``."""
        mention = self.m(k)
        return mention is not None and bool(mention.entities) and (mention.is_drug or mention.entities[0].type == "EndogenousSubstance")

    def _names_a_class(self, k: int) -> bool:
        """True for a drug-class mention at ``k`` that is not compared ("like other statins")."""
        mention = self.m(k)
        if mention is None or not mention.entities or mention.entities[0].type != "DrugClass":
            return False
        if not mention.text.lower().endswith("s"):
            return False  # "X is a beta-blocker used for D": the class describes X
        return self.low(k - 1) not in ("like", "other", "as", "unlike", "than", "with", "a", "an", "the", "is", "are")

    def _apposition_owner(self, k: int) -> int | None:
        """The drug an apposition "X, a prodrug / an analogue / the S-enantiomer of Y," that ends
        with the drug at ``k`` (Y) describes: X's index, or None."""
        if self.low(k - 1) != "of" or not (self.low(k - 2) in _OF_HEADS or self.low(k - 2).endswith(_ENANTIOMER_WORDS)):
            return None
        if self.low(k + 1) != ",":
            return None
        j = k - 3
        while j >= 0 and j > k - 9 and self.m(j) is None and self.low(j) != ",":
            j -= 1
        return j - 1 if self.low(j) == "," and self.is_drug(j - 1) else None

    def property_rule(self, i: int) -> bool:
        diseases: list[str] = []
        k = i
        while k < self.n:
            low = self.low(k)
            if low in PROPERTY_ADJECTIVES:
                diseases.append(PROPERTY_ADJECTIVES[low])
                k += 1
            elif low == "mood" and self.low(k + 1) in ("stabilizing", "stabilising"):
                diseases.append("bipolar disorder")
                k += 2
            elif low in _COORD or low == ",":
                k += 1
            else:
                break
        if self.low(k) not in PROPERTY_NOUNS or self.ctx.disease is None:
            return False
        noun = k
        entities = [e for e in (self.ctx.disease(name) for name in diseases) if e is not None]
        if not entities:
            return False
        extra: list[int] = []
        if self.low(noun + 1) in ("in", "against", "for") and self.m(noun + 2) is not None and self.m(noun + 2).group in ("Disease", "AdverseEvent"):
            extra = self.coordinated(noun + 2, self.c.bounds(noun + 2)[1], want_drug=False)
        # subject: its/X's before, "of X" after, "X is a ... agent" before, else left drug
        j = i - 1
        while self.low(j) in ("both", "the", "a", "an", "novel", "new", "potent", "known", "broad-spectrum", "strong", "weak", "significant", "marked", "pronounced", "clinical", "in", "vivo", "vitro", "robust", "possible", "putative", "potential"):
            j -= 1
        subject: Entity | None = None
        lo = i
        if self.is_drug(j):
            subject, lo = self.m(j).entities[0], j
        elif self.low(j) == "'s" and self.is_drug(j - 1):
            subject, lo = self.m(j - 1).entities[0], j - 1
        elif self.low(noun + 1) == "of" and self.is_drug(noun + 2):
            subject = self.m(noun + 2).entities[0]
        carried = False
        if subject is None:
            subjects, lo, carried = self.subject_for(i)
            if not subjects:
                return False
            subject = subjects[0]
        if "-like" in self.t[noun - 1].low:
            return False
        if self.low(j) in ("no", "not", "without", "lacks", "lacking"):
            lo = min(lo, j)  # "has no analgesic effect of its own": the cue before the phrase
        self._add_entities([subject], entities, "treats", "property", 0.6, i, lo, noun, carried)
        if extra:
            self.add([subject], extra, "treats", "treat", "treat", 0.7, i, lo, noun, carried)
        return True

    def _add_entities(self, subjects, entities, base, rule, conf, trig, lo, hi, carried=False) -> None:
        tok = self.t[trig]
        objs = [Mention(tok.start, tok.end, tok.text, (e,), "property") for e in entities]
        self.found.append(_Found(list(subjects), objs, base, base, rule, conf, trig, lo, hi, carried))

    def use_list_rule(self, i: int) -> bool:
        """"X is used after D1 and for prevention after D2 and in D3", "indicated for D1 and
        D2": every disease named in the clause after the use word, up to a population ("in
        patients with ...") or a contrast, is treated by the subject."""
        _, hi = self.c.bounds(i)
        objs: list[int] = []
        k = i + 1
        while k < hi:
            low = self.low(k)
            if low in ("patients", "subjects", "people", "adults", "children", "individuals", "women", "men") and self.low(k + 1) == "with":
                break
            if low in ("unless", "except", "not", "without", "but", "than", "despite", "excluding"):
                break
            if self.is_drug(k):
                w = k - 2 if self.low(k - 1) in ("a", "an", "the") else k - 1
                if self.low(w) == "with" and self.low(w - 1) in ("together", "combined", "combination"):
                    k += 1  # "and, together with a penicillin, for endocarditis": a co-medication
                    continue
                break
            if self.is_event(k):
                objs.append(k)
            k += 1
        if len(objs) < 2:
            return False
        subjects, lo, carried = self.subject_for(i)
        return self.add(subjects, objs, "treats", "treat", "treat", 0.7, i, lo, objs[0], carried)

    def _permitted_in_population(self, i: int) -> bool:
        """"It can (safely) be used in patients with asthma": a population the drug is safe in,
        not a use."""
        k = i - 1
        if self.low(k) in ("safely", "also", "still"):
            k -= 1
        if self.low(k) != "be" or self.low(k - 1) not in ("can", "may", "could", "might"):
            return False
        return self.low(i + 1) in ("in", "by", "for") and self.low(i + 2) in ("patients", "people", "those", "children", "adults", "women", "individuals")

    def _dosage_form_end(self, k: int) -> int | None:
        """Index after "a nasal spray", "an intravenous infusion", "tablets" starting at ``k``."""
        for end in range(k, min(k + 4, self.n)):
            if self.m(end) is not None:
                return None
            if self.low(end) in _DOSAGE_NOUNS:
                return end + 1
        return None

    def treat_rule(self, i: int) -> bool:
        if self.low(i) in _FOR_WHICH_WORDS and self._for_which_use(i):
            return True
        if self.low(i) in ("used", "given", "taken", "prescribed") and self._permitted_in_population(i):
            return False
        if self.low(i) == "control" and not (self.low(i - 1) in _IMPROVING or (self.low(i - 1) in ("the", "better") and self.low(i - 2) in _IMPROVING)):
            return False  # only "improves (the) control of D"
        if self.low(i) in _USE_LIST_WORDS and self.use_list_rule(i):
            return True
        j = i + 1
        while True:
            if self.low(j) in _ROUTE_WORDS or (self.low(j).endswith("ly") and len(self.low(j)) > 5):
                j += 1  # "given intravenously for", "given intranasally for"
            elif self.low(j) == "by" and self.low(j + 1) in _ROUTES:
                j += 2  # "taken by mouth for"
            elif self.low(j) == "as" and (end := self._dosage_form_end(j + 1)) is not None:
                j = end  # "given as a nasal spray for", "given as an infusion for"
            else:
                break
        if self.low(j) == "to" and self.low(j + 1) in ("treat", "prevent", "manage", "control"):
            j += 2
        elif self.low(i) == "restricted":
            if self.low(j) != "to" or self.low(i - 1) not in BE_FORMS or self.low(i - 2) not in ("use", "indication", "prescription"):
                return False  # only "its use is restricted to D"
            j += 1
        elif self.low(j) in TREAT_PREPOSITIONS and (self.low(i) not in _FOR_ONLY_WORDS or self.low(j) in ("for", "against")):
            j += 1
        else:
            return False
        objs = self.right_objects(j, max_gap=5, allow=_USE_ALLOW)
        objs = [k for k in objs if self.m(k).group in ("Disease", "AdverseEvent")]
        if not objs:
            return False
        k = i
        while self.low(k - 1) in _DETERMINERS - {"its", "their"} or self.low(k - 1) in ("add-on", "adjunctive", "clinical", "significant", "long-term", "first-line", "effective", "potential") or self.low(k - 1).endswith("ly"):
            k -= 1
        if self.is_drug(k - 1) and not (self.low(k - 2) == "of" and self.low(k - 3) in _OF_HEADS):
            return self.add([self.m(k - 1).entities[0]], objs, "treats", "treat", "treat", 0.75, i, k - 1, objs[0])
        if self.low(k - 1) == "'s" and self.is_drug(k - 2):
            return self.add([self.m(k - 2).entities[0]], objs, "treats", "treat", "treat", 0.75, i, k - 2, objs[0])
        for step in range(objs[-1] + 1, min(objs[-1] + 4, self.n)):
            if self.low(step) == "with" and self.is_drug(step + 1):
                return self.add([self.m(step + 1).entities[0]], objs, "treats", "treat", "treat", 0.75, i, i, objs[0])
        subjects, lo, carried = self.subject_for(i)
        partner = self._used_together_with(objs[-1] + 1)
        if partner is not None and subjects:
            # "All four are used for D, usually together with methotrexate": the partner too
            subjects = [*subjects, *(e for e in self.m(partner).entities[:1] if e not in subjects)]
        return self.add(subjects, objs, "treats", "treat", "treat", 0.7, i, lo, objs[0], carried)

    def mechanism_effect_rule(self, i: int) -> bool:
        """"X blocks muscarinic receptors, which accounts for dry mouth and urinary retention",
        "X blocks H1 receptors, which causes sedation": the events the action leads to are the
        drug's (``i``: the verb after ", which"; the antecedent is a target the clause before
        acts on)."""
        if not self.is_object(i - 3) or self.m(i - 3).group != "Target":
            return False
        j = self._main_verb_before(i - 2, 0)
        if j is None:
            return False
        subjects, lo, carried = self.subject_for(j)
        if not subjects or carried:
            return False
        k = i + 1
        if self.low(k) in ("for", "to", "in"):
            k += 1
        if self.m(k) is not None and self.m(k).kind == "anaphor" and self.m(k).text.lower() in ("its", "their"):
            k += 1  # "which explains its dry mouth"
        objs = [x for x in self.right_objects(k, max_gap=3, allow=("its", "their", "the", "much", "most", "some", "of"))
                if self.is_event(x)]
        if not objs:
            return False
        return self.add(subjects, objs, "causes_adverse_event", "cause", "adverse", 0.7, i, lo, objs[0])

    def _for_which_use(self, i: int) -> bool:
        """"D, for which X is used", "E and F, for which X is the drug of choice": X treats D
        (the use word at ``i``; a "not" after X negates it, the clause before the comma does
        not)."""
        w = i - 1
        while w > i - 9 and w >= 3 and self.low(w) != "which":
            w -= 1
        if self.low(w) != "which" or self.low(w - 1) != "for" or self.low(w - 2) != ",":
            return False
        drugs = [k for k in range(w + 1, i) if self.is_drug(k)]
        if len(drugs) != 1 or not self.is_event(w - 3):
            return False
        objs = self.coordinated_left(w - 3, self.c.bounds(w - 3)[0], want_drug=False)
        objs = [k for k in objs if self.is_event(k)]
        return self.add([self.m(drugs[0]).entities[0]], objs, "treats", "treat", "treat", 0.75, i, drugs[0], i)

    def _used_together_with(self, k: int) -> int | None:
        """The drug of ", (usually) together with / in combination with X" starting near ``k``."""
        _, hi = self.c.bounds(min(k, self.n - 1)) if k < self.n else (0, self.n)
        j = k
        while j < min(hi, k + 4) and (self.low(j) in (",", "usually", "often", "mostly", "generally", "typically") or self.low(j).endswith("ly")):
            j += 1
        if self.low(j) == "together" and self.low(j + 1) == "with":
            j += 2
        elif self.low(j) == "in" and self.low(j + 1) == "combination" and self.low(j + 2) == "with":
            j += 3
        elif self.low(j) == "combined" and self.low(j + 1) == "with":
            j += 2
        else:
            return None
        while self.low(j) in ("a", "an", "the", "low-dose", "oral"):
            j += 1
        return j if self.is_drug(j) else None

    def effect_rule(self, i: int) -> bool:
        j = i + 1
        subject: int | None = None
        if self.low(j) == "of" and self.is_drug(j + 1):
            subject = j + 1
            j = self.coordinated(j + 1, self.n, want_drug=True)[-1] + 1
        if self.low(j) != "on":
            return False
        objs = self.right_objects(j + 1, max_gap=4)
        if not objs:
            return False
        if self.low(i - 1) in _COMPARATIVES or self.low(i - 2) in _COMPARATIVES:
            return False  # "less impact on Y than Z": a comparison, not a finding
        base = "affects"
        k = i - 1
        while k >= 0 and self.m(k) is None and (self.low(k) in EFFECT_ADJECTIVES or self.low(k).endswith("ly") or self.low(k) in ("significant", "marked", "potent", "strong", "weak", "direct", "any", "no", "little", "clear", "measurable", "appreciable", "statistically", "major", "minor")):
            base = EFFECT_ADJECTIVES.get(self.low(k), base)
            k -= 1
        if subject is not None:
            subjects, lo, carried = [self.m(subject).entities[0]], subject, False
        elif self.is_drug(k) and self.m(k).kind == "anaphor":
            subjects, lo, carried = [self.m(k).entities[0]], k, False
        elif self.low(k) == "'s" and self.is_drug(k - 1):
            subjects, lo, carried = [self.m(k - 1).entities[0]], k - 1, False
        else:
            subjects, lo, carried = self.subject_for(i)
        return self.add(subjects, objs, base, "affect", "effect", 0.7, i, lo, objs[0], carried)

    def induced_rule(self, i: int) -> bool:
        """"X-induced D" (X causes D) and "D associated with X"."""
        if self.low(i - 1) == "-" and self.is_drug(i - 2):
            k = i + 1
            while self.low(k) in ("acute", "chronic", "severe", "mild", "transient") or self.low(k).endswith("ly"):
                k += 1
            if self.is_event(k):
                objs = self.coordinated(k, self.n, want_drug=False)
                return self.add([self.m(i - 2).entities[0]], objs, "causes_adverse_event", "cause", "induced", 0.8, i, i - 2, k)
        if (self.low(i) == "associated" and self.low(i + 1) == "with") or (self.low(i) == "linked" and self.low(i + 1) in ("to", "with")):
            if self.low(i + 2) in _COMPARATIVES | {"fewer", "reduced", "decreased"}:
                return False  # "was associated with less D": a comparison, not a cause
            objs = [k for k in self.right_objects(i + 2, max_gap=3) if self.m(k).group in ("Disease", "AdverseEvent")]
            if objs:
                subjects, lo, carried = self.subject_for(i)
                if not subjects:
                    subjects, lo, carried = self.use_subject(i)  # "Long-term use has been associated with D"
                return self.add(subjects, objs, "causes_adverse_event", "cause", "associated", 0.6, i, lo, objs[0], carried)
        return False

    def showing_rule(self, i: int) -> bool:
        """"X shows (no) significant impairment in F" -> X causes F impairment."""
        if self.low(i - 1) == "-":
            return False  # "NSAID-associated ulcers": a modifier naming another cause
        objs = self.right_objects(i + 1, max_gap=0, allow=("no", "not", "any", "significant", "statistically", "clinically", "marked", "severe", "mild", "a", "an"))
        objs = [k for k in objs if self.m(k).kind == "adverse" or (self.m(k).group == "AdverseEvent" and self.low(i) not in ("has", "have", "had"))]
        if not objs:
            return False
        subjects, lo, carried = self.subject_for(i)
        return self.add(subjects, objs, "causes_adverse_event", "cause", "adverse", 0.7, i, lo, objs[0], carried)

    # -- output ---------------------------------------------------------------------------
    def _likewise(self) -> list[tuple[int, list[Entity]]]:
        """"X is metabolised by CYP2C9, as are Y and Z": (index of "as", [Y, Z]), the drugs
        said to share the statement before."""
        out: list[tuple[int, list[Entity]]] = []
        for k in range(2, self.n - 2):
            if self.low(k) == "as" and self.low(k - 1) == "," and self.low(k + 1) in _LIKEWISE_VERBS and self.is_drug(k + 2):
                out.append((k, [self.m(x).entities[0] for x in self.coordinated(k + 2, self.n, want_drug=True)]))
        return out

    def _negation_in_relative_only(self, lo: int, trigger: int) -> bool:
        """True when every negation cue between the subject at ``lo`` and the verb at
        ``trigger`` lies in a relative clause set off by commas after the subject (", which
        does not enter the brain,"), so the negation is the clause's, not the verb's."""
        if not (0 <= lo < trigger) or self.low(lo + 1) != "," or self.low(lo + 2) not in ("which", "who", "that"):
            return False
        close = next((k for k in range(lo + 3, trigger) if self.low(k) == ","), None)
        if close is None:
            return False
        cues = [k for k in range(lo, trigger) if is_negation_cue(self.t, k)]
        return bool(cues) and all(lo + 2 < k < close for k in cues)

    def _inverted_negation(self, lo: int, trigger: int) -> bool:
        """"..., nor does it bind C", "neither is it metabolised by E": a negation word and an
        auxiliary before the subject at ``lo`` negate the verb at ``trigger`` after it."""
        if not 0 < lo < trigger or self.low(lo - 1) not in _INVERSION_AUXILIARIES:
            return False
        return self.low(lo - 2) in ("nor", "neither") and self.c.same(lo - 2, trigger)

    def finish(self) -> list[Relation]:
        out: dict[tuple, Relation] = {}
        likewise = self._likewise() if any(t.low == "as" and t.mention is None for t in self.t) else []
        for f in self.found:
            for k, drugs in likewise:
                if f.trigger < k and not f.carried and all(self.low(x) not in (";", ".") for x in range(f.trigger, k)):
                    f.subjects = f.subjects + [d for d in drugs if d not in f.subjects]
            # the trigger's own negation only: "X blocks A without B and antagonises C", "X is
            # not metabolised by CYP enzymes but is transported by P-glycoprotein"
            verb = f.trigger if f.lo < f.trigger < f.hi else None
            negated = self.c.negated(f.lo, f.hi, verb) or self._inverted_negation(f.lo, f.trigger)
            if negated and self._negation_in_relative_only(f.lo, f.trigger):
                negated = False  # "X, which does not enter the brain, inhibits A": A is inhibited
            if not negated and f.hi < f.trigger:
                negated = self.c.negated(f.hi, f.trigger)
            hedged = self.c.hedged(f.trigger)
            tok = self.t[f.trigger]
            for obj in f.objects:
                for entity in obj.entities:
                    predicate = predicate_for(f.base, f.lemma, obj, entity)
                    if predicate is None:
                        continue
                    if predicate == "affects" and negated:
                        predicate = self.ctx.previous.get(entity.id, predicate)
                    for subject in f.subjects:
                        if subject.id == entity.id or (group_of(subject.type) != "Drug" and subject.type != "EndogenousSubstance"):
                            continue
                        conf = f.confidence * (0.75 if f.carried else 1.0) * (0.9 if hedged else 1.0)
                        rel = Relation(subject, predicate, entity, negated, "hedged" if hedged else "asserted",
                                       round(conf, 3), f.rule, (tok.start, tok.end))  # fmt: skip
                        key = (subject.id, predicate, entity.id, negated)
                        if key not in out or out[key].confidence < rel.confidence:
                            out[key] = rel
                        if not negated and direction(predicate) != 0:
                            self.ctx.previous[entity.id] = predicate
        for rel in self.extra:
            out.setdefault((rel.subject.id, rel.predicate, rel.object.id, rel.negated), rel)
        result = list(out.values())
        if self.compared and STATE_CONTRASTS:
            result.extend(self._contrasted(result, out))
        return result

    def _contrasted(self, result: list[Relation], out: dict[tuple, Relation]) -> list[Relation]:
        """"Unlike X, Y does not block A", "in contrast to X and Z, Y is not metabolised by
        CYP3A4": the drugs set against a negated statement do what it denies (asserted, with the
        statement's certainty), when the contrast opens the same stretch of the sentence."""
        openers = self._contrast_openers()
        if not openers:
            return []
        extra: list[Relation] = []
        for rel in result:
            if not rel.negated or rel.rule in ("enantiomer", "metabolite"):
                continue
            trig = next((k for k in range(self.n) if self.t[k].start == rel.trigger[0]), None)
            if trig is None:
                continue
            for drug, opener in openers.items():
                if self.c.segment[opener] != self.c.segment[trig]:
                    continue
                for entity in self.m(drug).entities[:1]:
                    if entity.type != "Drug" or entity.id == rel.subject.id:
                        continue
                    key = (entity.id, rel.predicate, rel.object.id, False)
                    if key in out:
                        continue
                    out[key] = Relation(entity, rel.predicate, rel.object, False, rel.certainty, round(rel.confidence * 0.8, 3), "contrast", rel.trigger)
                    extra.append(out[key])
        return extra

    def _contrast_openers(self) -> dict[int, int]:
        """Compared drug index -> index of the "unlike" / "contrast" / "contrary" / "opposed"
        word that sets it against the statement (comparisons of degree are left out)."""
        found: dict[int, int] = {}
        for k in sorted(self.compared):
            j = k - 1
            while j >= 0 and j > k - 10 and ((self.m(j) is not None and self.is_drug(j) is False and self.m(j).is_drug) or self.low(j) in _CONTRAST_SKIP):
                j -= 1
            low = self.low(j)
            if low == "unlike":
                found[k] = j
            elif low in ("to", "with") and self.low(j - 1) in ("contrast", "contrary", "opposed"):
                found[k] = j - 1
        return found
