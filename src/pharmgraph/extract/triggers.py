"""Trigger words of pharmacology prose: verbs, nominalisations, agent nouns, property adjectives.

Each word form maps to a :class:`Trigger` that says which predicate it expresses and in which
grammatical form it appears, so the relation rules (:mod:`pharmgraph.extract.relations`) can
pick the right pattern: ``blocks`` (active verb), ``blocked`` (passive participle or past
tense), ``blockade`` (nominalisation), ``blocker`` (agent noun).

The word lists were written from general pharmacology usage and checked against the trigger
words of the DrugProt and BC5CDR training abstracts.

Examples
--------
>>> [(t.predicate, t.form) for t in TRIGGERS["inhibits"]]
[('inhibits', 'verb')]
>>> [t.form for t in TRIGGERS["decrease"]], TRIGGERS["openers"][0].form
(['verb', 'noun'], 'agent')
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means.

    Attributes
    ----------
    lemma : str
        The base word (``inhibit``).
    predicate : str
        The predicate it expresses towards a target or effect (``inhibits``).
    form : str
        ``verb`` (finite or infinitive), ``participle`` (``-ed``: passive or past),
        ``gerund`` (``-ing``), ``noun`` (nominalisation), ``agent`` (``-or``/``-er`` noun).
    """

    lemma: str
    predicate: str
    form: str


# lemma -> predicate towards targets and effects. "treats"/"causes" lemmas are handled by
# object type in relations.predicate_for().
VERB_LEMMAS: dict[str, str] = {
    "inhibit": "inhibits",
    "block": "blocks",
    "antagonize": "antagonist_of",
    "antagonise": "antagonist_of",
    "inactivate": "inhibits",
    "reduce": "decreases",
    "decrease": "decreases",
    "diminish": "decreases",
    "attenuate": "decreases",
    "lower": "decreases",
    "suppress": "decreases",
    "depress": "decreases",
    "abolish": "decreases",
    "prevent": "decreases",
    "limit": "decreases",
    "abrogate": "decreases",
    "counteract": "decreases",
    "downregulate": "decreases",
    "down-regulate": "decreases",
    "dampen": "decreases",
    "curtail": "decreases",
    "blunt": "decreases",
    "impair": "decreases",
    "activate": "activates",
    "open": "opens",
    "stimulate": "activates",
    "enhance": "increases",
    "increase": "increases",
    "augment": "increases",
    "elevate": "increases",
    "raise": "increases",
    "facilitate": "increases",
    "promote": "increases",
    "upregulate": "increases",
    "up-regulate": "increases",
    "amplify": "increases",
    "potentiate": "positively_modulates",
    "prolong": "increases",
    "induce": "increases",
    "evoke": "increases",
    "modulate": "modulates",
    "regulate": "modulates",
    "affect": "affects",
    "alter": "affects",
    "influence": "affects",
    "act": "affects",
    "close": "inhibits",
    "bind": "binds",
    "attach": "binds",
    "interact": "interacts_with",
    "treat": "treats",
    "alleviate": "treats",
    "ameliorate": "treats",
    "relieve": "treats",
    "reverse": "treats",
    "cause": "causes_adverse_event",
    "provoke": "causes_adverse_event",
    "elicit": "causes_adverse_event",
    "precipitate": "causes_adverse_event",
    "trigger": "causes_adverse_event",
    "exacerbate": "causes_adverse_event",
    "worsen": "causes_adverse_event",
    "aggravate": "causes_adverse_event",
    "produce": "causes_adverse_event",
    "metabolize": "substrate_of",
    "metabolise": "substrate_of",
}

#: Lemmas whose meaning towards a disease is "treats" (reduce seizures, prevent migraine).
DECREASING = {
    lemma for lemma, pred in VERB_LEMMAS.items() if pred in {"inhibits", "blocks", "decreases", "antagonist_of"}
} - {"impair"}
#: Lemmas that mean "causes" towards a disease or adverse event (induce seizures).
CAUSING = {"prolong", "induce", "evoke", "increase", "promote", "cause", "provoke", "elicit", "precipitate", "trigger",
           "exacerbate", "worsen", "aggravate", "produce", "facilitate", "enhance", "raise", "elevate"}  # fmt: skip
#: Head nouns that make a phrase name a condition ("blue discoloration of the skin",
#: "gingival overgrowth") when a drug causes it; used when the lexicon does not know the phrase.
CONDITION_HEADS = {
    "discoloration", "discolouration", "pigmentation", "hyperpigmentation", "rash", "rashes",
    "toxicity", "toxicities", "damage", "injury", "injuries", "failure", "dysfunction",
    "hyperplasia", "hypertrophy", "overgrowth", "atrophy", "loss", "syndrome", "lesion",
    "lesions", "edema", "oedema", "swelling", "bleeding", "hemorrhage", "haemorrhage",
    "necrosis", "ulceration", "ulcers", "fibrosis", "inflammation", "impairment", "deficits",
    "disorder", "disorders", "dyskinesia", "dyskinesias", "pain", "weakness", "abnormalities",
    "abnormality", "changes", "disturbances", "disturbance", "alterations", "reactions",
    "eruption", "eruptions", "deposits", "opacities", "prolongation", "retention", "gain",
}  # fmt: skip
#: Condition heads too general to name a condition without a modifier ("hepatic damage").
WEAK_CONDITION_HEADS = {"loss", "gain", "damage", "pain", "deposits", "retention", "prolongation",
                        "weakness", "disorder", "disorders", "injury", "failure", "dysfunction"}  # fmt: skip
#: Condition heads that name a condition only beside a clearer one ("skin discoloration and
#: retinal pigment changes"; but not "rapid changes in firing").
VAGUE_CONDITION_HEADS = {"changes", "abnormalities", "abnormality", "disturbances", "disturbance",
                         "alterations", "reactions"}  # fmt: skip
#: Lemmas after which a phrase with a condition head is an adverse event the subject causes.
CONDITION_CAUSING = {"cause", "induce", "provoke", "elicit", "precipitate", "trigger", "produce"}
#: Adjectives that say a drug harms an organ or a process ("X is hepatotoxic"): the condition
TOXIC_ADJECTIVES = {"hepatotoxic": "hepatotoxicity", "nephrotoxic": "nephrotoxicity", "ototoxic": "ototoxicity",
                    "cardiotoxic": "cardiotoxicity", "neurotoxic": "neurotoxicity", "teratogenic": "birth defects",
                    "myelotoxic": "myelosuppression", "myelosuppressive": "myelosuppression",
                    "photosensitising": "photosensitivity", "photosensitizing": "photosensitivity",
                    "phototoxic": "photosensitivity", "ulcerogenic": "peptic ulcer", "emetogenic": "vomiting",
                    "proarrhythmic": "arrhythmia", "arrhythmogenic": "arrhythmia", "embryotoxic": "birth defects"}  # fmt: skip
#: Nouns for taking a drug ("long-term use caused ..."): the subject is the drug in focus.
USE_NOUNS = {"use", "usage", "treatment", "therapy", "administration", "exposure", "intake",
             "dosing", "medication", "ingestion", "overdose", "withdrawal"}  # fmt: skip

#: Verbs that report a finding about an adverse event ("shows significant impairment").
SHOWING = {"show", "shows", "showed", "shown", "demonstrate", "demonstrates", "demonstrated",
           "exhibit", "exhibits", "exhibited", "display", "displays", "displayed", "have", "has",
           "had", "cause", "causes", "caused", "produce", "produces", "produced", "induce",
           "induces", "induced", "result", "results", "resulted", "lead", "leads", "led",
           "associated", "elicit", "elicits", "elicited"}  # fmt: skip

_IRREGULAR = {
    "bind": ("binds", "bound", "binding"),
    "open": ("opens", "opened", "opening"),
    "lower": ("lowers", "lowered", "lowering"),
    "alter": ("alters", "altered", "altering"),
    "trigger": ("triggers", "triggered", "triggering"),
    "worsen": ("worsens", "worsened", "worsening"),
    "dampen": ("dampens", "dampened", "dampening"),
    "limit": ("limits", "limited", "limiting"),
    "inhibit": ("inhibits", "inhibited", "inhibiting"),
    "prevent": ("prevents", "prevented", "preventing"),
    "interact": ("interacts", "interacted", "interacting"),
    "counteract": ("counteracts", "counteracted", "counteracting"),
    "amplify": ("amplifies", "amplified", "amplifying"),
}


def inflect(lemma: str) -> tuple[str, str, str]:
    """Return the third-person, past participle and gerund forms of a regular verb.

    Examples
    --------
    >>> inflect("reduce"), inflect("block"), inflect("abolish")
    (('reduces', 'reduced', 'reducing'), ('blocks', 'blocked', 'blocking'), ('abolishes', 'abolished', 'abolishing'))
    """
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return lemma + "es", lemma + "ed", lemma + "ing"
    return lemma + "s", lemma + "ed", lemma + "ing"


#: Nominalisations: noun -> (lemma, predicate).
NOUNS: dict[str, tuple[str, str]] = {
    "inhibition": ("inhibit", "inhibits"),
    "blockade": ("block", "blocks"),
    "blocking": ("block", "blocks"),
    "antagonism": ("antagonize", "antagonist_of"),
    "inactivation": ("inactivate", "inhibits"),
    "reduction": ("reduce", "decreases"),
    "decrease": ("decrease", "decreases"),
    "suppression": ("suppress", "decreases"),
    "attenuation": ("attenuate", "decreases"),
    "prevention": ("prevent", "decreases"),
    "downregulation": ("downregulate", "decreases"),
    "activation": ("activate", "activates"),
    "opening": ("open", "opens"),
    "stimulation": ("stimulate", "activates"),
    "enhancement": ("enhance", "increases"),
    "potentiation": ("potentiate", "positively_modulates"),
    "increase": ("increase", "increases"),
    "augmentation": ("augment", "increases"),
    "facilitation": ("facilitate", "increases"),
    "elevation": ("elevate", "increases"),
    "upregulation": ("upregulate", "increases"),
    "induction": ("induce", "increases"),
    "modulation": ("modulate", "modulates"),
    "regulation": ("regulate", "modulates"),
    "binding": ("bind", "binds"),
    "interaction": ("interact", "interacts_with"),
    "metabolism": ("metabolize", "substrate_of"),
}

#: Agent nouns: noun -> (lemma, predicate). "X, a Y blocker" means X blocks Y.
AGENTS: dict[str, tuple[str, str]] = {
    "inhibitor": ("inhibit", "inhibits"),
    "blocker": ("block", "blocks"),
    "antagonist": ("antagonize", "antagonist_of"),
    "agonist": ("agonist", "agonist_of"),
    "activator": ("activate", "activates"),
    "opener": ("open", "opens"),
    "stimulator": ("stimulate", "activates"),
    "stimulant": ("stimulate", "activates"),
    "enhancer": ("enhance", "increases"),
    "potentiator": ("potentiate", "positively_modulates"),
    "modulator": ("modulate", "modulates"),
    "ligand": ("bind", "binds"),
    "binder": ("bind", "binds"),
    "substrate": ("substrate", "substrate_of"),
    "inducer": ("induce", "increases"),
    "inactivator": ("inactivate", "inhibits"),
    "suppressor": ("suppress", "decreases"),
}

#: Words before an agent noun that refine its predicate ("positive allosteric modulator").
AGENT_QUALIFIERS: dict[tuple[str, str], str] = {
    ("positive", "modulator"): "positively_modulates",
    ("negative", "modulator"): "negatively_modulates",
    ("inverse", "agonist"): "inverse_agonist_of",
}

#: Adjectives that turn a generic effect noun into a directed one ("inhibitory effect on").
EFFECT_ADJECTIVES: dict[str, str] = {
    "inhibitory": "inhibits",
    "suppressive": "decreases",
    "blocking": "blocks",
    "antagonistic": "antagonist_of",
    "stimulatory": "activates",
    "stimulating": "activates",
    "activating": "activates",
    "potentiating": "positively_modulates",
    "facilitatory": "increases",
    "agonistic": "agonist_of",
    "modulatory": "modulates",
    "enhancing": "increases",
}

#: Generic effect nouns: "effect of X on Y" means X affects Y.
EFFECT_NOUNS = {"effect", "effects", "action", "actions", "influence", "impact", "activity"}

#: Words naming a treatment relation when a disease follows (with of/for/in/against/from).
TREAT_WORDS = {
    "treatment", "treatments", "therapy", "therapies", "management", "treat", "treating",
    "protection", "protect", "protects", "protected", "protecting", "protective", "prophylaxis",
    "efficacy", "effective", "efficacious", "effectiveness", "indicated", "indication", "used",
    "useful", "beneficial", "benefit", "benefits", "approved", "prescribed", "effects",
    "effect", "properties", "activity", "recommended", "given", "taken", "administered", "preferred", "reserved",
    "restricted", "ineffective",
    "drug", "agent", "choice", "option", "control",
}  # fmt: skip
TREAT_PREPOSITIONS = {"of", "for", "in", "against", "from"}

#: Property adjectives -> the disease they mean ("antiepileptic properties" -> epilepsy).
PROPERTY_ADJECTIVES: dict[str, str] = {
    "antiepileptic": "epilepsy",
    "anti-epileptic": "epilepsy",
    "anticonvulsant": "seizures",
    "anticonvulsive": "seizures",
    "anti-convulsant": "seizures",
    "antiseizure": "seizures",
    "anti-seizure": "seizures",
    "antidepressant": "major depressive disorder",
    "antipsychotic": "psychosis",
    "anxiolytic": "anxiety",
    "analgesic": "pain",
    "antinociceptive": "pain",
    "antihypertensive": "hypertension",
    "antiarrhythmic": "arrhythmia",
    "mood-stabilizing": "bipolar disorder",
    "mood-stabilising": "bipolar disorder",
    "antimanic": "mania",
    "antiemetic": "vomiting",
    "antiparkinsonian": "Parkinson disease",
    "antimigraine": "migraine disorders",
    "antidiabetic": "diabetes mellitus",
    "anti-inflammatory": "inflammation",
    "antiinflammatory": "inflammation",
    "antitumor": "cancer",
    "antitumour": "cancer",
    "anticancer": "cancer",
    "antiasthmatic": "asthma",
    "antianginal": "angina pectoris",
    "antiobesity": "obesity",
}
#: Nouns a property adjective qualifies ("anticonvulsant activity", "antiepileptic drug").
PROPERTY_NOUNS = {
    "property", "properties", "effect", "effects", "activity", "activities", "action",
    "actions", "efficacy", "agent", "agents", "drug", "drugs", "potential", "profile",
    "medication", "medications", "therapy", "treatment", "compound", "effectiveness",
}  # fmt: skip

#: Negation cues (NegEx style, looking forward to the trigger within the clause).
NEGATION_CUES = {
    "not", "no", "never", "neither", "nor", "without", "cannot", "n't", "none", "lack",
    "lacks", "lacked", "lacking", "failed", "fails", "fail", "unable", "devoid", "nonsignificant",
    "ineffective", "absent", "non-significant",
}  # fmt: skip
#: Words after a negation cue that undo it ("not only", "no longer" is still a negation).
PSEUDO_NEGATION_AFTER = {"only", "just", "merely", "necessarily", "surprisingly", "doubt"}

#: Hedging cues: the statement is a hypothesis, not a finding.
HEDGE_CUES = {
    "may", "might", "could", "would", "possibly", "possible", "perhaps", "putative",
    "putatively", "presumably", "presumed", "probably", "likely", "appear", "appears",
    "appeared", "seem", "seems", "seemed", "suggest", "suggests", "suggested", "suggesting",
    "suggestive", "propose", "proposed", "proposes", "hypothesize", "hypothesized",
    "hypothesise", "hypothesised", "hypothesis", "speculate", "speculated", "thought",
    "believed", "potential", "potentially", "postulated", "postulate", "unclear", "whether",
    "conceivably", "plausibly", "hypothetical",
}  # fmt: skip

#: Words that end a clause for subject/object search and for negation scope.
CONTRAST_WORDS = {"but", "whereas", "although", "though", "however", "instead", "while",
                  "unlike", "nevertheless", "yet", "conversely"}  # fmt: skip
#: Relative pronouns that start a clause whose subject is the mention before them.
RELATIVE_PRONOUNS = {"which", "who", "whose"}

#: Aim clauses ("To determine the effect of X on Y") state no finding.
AIM_VERBS = {"determine", "assess", "evaluate", "investigate", "examine", "test", "explore",
             "study", "compare", "characterize", "characterise", "establish", "clarify",
             "identify", "measure", "elucidate", "delineate", "quantify", "analyze",
             "analyse"}  # fmt: skip

#: Words meaning "mechanism" that let an agentless clause speak of the document's drug.
MECHANISM_WORDS = {"mechanism", "mechanisms", "mode", "modes", "pathway", "pathways"}

#: Link words between a drug and an agent noun phrase ("X is a potent Y blocker").
AGENT_LEFT_LINKS = {
    "(", ",", "a", "an", "the", "is", "was", "are", "were", "be", "been", "being", "as", "acts",
    "act", "acting", "acted", "functions", "function", "functioning", "serves", "serve",
    "behaves", "behave", "primarily", "mainly", "also", "potent", "selective", "novel",
    "known", "well-known", "highly", "specific", "reversible", "irreversible", "competitive",
    "noncompetitive", "non-competitive", "uncompetitive", "weak", "strong", "classical",
    "typical", "prototypical", "prototypic", "atypical", "new", "nonselective",
    "non-selective", "which", "that", "both", "partial", "full", "direct", "indirect",
    "allosteric", "positive", "negative", "orally", "active", "effective", "powerful", "mixed",
    "broad-spectrum", "first", "second", "third-generation", "second-generation", "centrally",
    "peripherally", "long-acting", "short-acting", "specifically", "widely", "used",
    "commonly", "clinically", "established", "recognized", "recognised", "considered",
    "described", "identified", "characterized", "characterised", "classified", "investigational",
    "experimental", "marketed", "approved", "use-dependent", "state-dependent", "voltage-dependent",
    "moderate", "mild", "dual", "pan", "multi-targeted", "multitargeted", "oral", "injectable",
    "very", "relatively", "time-dependent", "mechanism-based", "sensitive", "major", "minor",
    "substantial", "clinically-relevant", "small-molecule", "tyrosine", "kinase", "itself",
    "not", "never", "neither", "more", "less", "far", "much", "most", "even", "equally",
}  # fmt: skip
AGENT_RIGHT_LINKS = {",", "such", "as", "like", "including", "e.g.", "eg", "namely", "(",
                     "particularly", "especially", "notably", "e", "g", ".", "the", "drug",
                     "drugs", "agent", "agents", "compound", "compounds"}  # fmt: skip

#: Words that never sit between a verb and its object (they start another phrase).
OBJECT_STOPS = {"in", "into", "from", "at", "during", "after", "before", "with", "than", "via",
                "through", "by", "within", "between", "among", "because", "since", "when",
                "where", "if", "that", "which", "who", "whose", "and", "or", "as", "while",
                "whereas", "but", "thereby", "thus", "leading", "resulting", "whether", "over",
                "under", "compared", "versus", "vs", "relative", "despite", "following", "until",
                "upon", "per", "without"}  # fmt: skip

#: Modal and auxiliary words that mark a passive ("is blocked by").
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"}


def _build() -> dict[str, tuple[Trigger, ...]]:
    out: dict[str, list[Trigger]] = {}

    def add(word: str, trigger: Trigger) -> None:
        found = out.setdefault(word, [])
        if trigger not in found:
            found.append(trigger)

    for lemma, pred in VERB_LEMMAS.items():
        third, past, gerund = inflect(lemma)
        add(lemma, Trigger(lemma, pred, "verb"))
        add(third, Trigger(lemma, pred, "verb"))
        add(past, Trigger(lemma, pred, "participle"))
        add(gerund, Trigger(lemma, pred, "gerund"))
    add("bound", Trigger("bind", "binds", "participle"))
    for noun, (lemma, pred) in NOUNS.items():
        add(noun, Trigger(lemma, pred, "noun"))
        add(noun + ("es" if noun.endswith("s") else "s"), Trigger(lemma, pred, "noun"))
    for noun in ("blockade", "blockades", "block"):
        add(noun, Trigger("block", "blocks", "noun"))
    for noun, (lemma, pred) in AGENTS.items():
        add(noun, Trigger(lemma, pred, "agent"))
        add(noun + "s", Trigger(lemma, pred, "agent"))
    return {word: tuple(triggers) for word, triggers in out.items()}


TRIGGERS: dict[str, tuple[Trigger, ...]] = _build()
"""Every trigger word form (lower case) and the readings it has (``decrease``: verb, noun)."""
