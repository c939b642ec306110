"""Drug names the lexicon does not know, recognised by their international nonproprietary stem.

The WHO's naming scheme gives drugs of one class a common ending: "-gliptin" for DPP-4
inhibitors, "-glutide" for GLP-1 analogues, "-mab" for monoclonal antibodies, "-tinib" for
kinase inhibitors, "-sartan", "-pril", "-olol", "-dipine", "-prazole", "-floxacin",
"-triptan", "-setron", "-xaban"... A word with such an ending that no lexicon name covers is
read as a drug of its own, with a local identifier (``pharmgraph:<name>``), so that a drug
newer than the lexicon's sources still takes its statements.

Examples
--------
>>> [(start, end, e.label, e.type) for start, end, e in inn_drugs("Semaglutide lowers glucose.")]
[(0, 11, 'semaglutide', 'Drug')]
>>> inn_drugs("The statin class and April data.")
[]
"""

from __future__ import annotations

import re

from pharmgraph.extract.entities import local_entity
from pharmgraph.model import Entity

STEMS = (
    "glutide", "natide", "gliptin", "gliflozin", "glitazone", "mab", "tinib", "rafenib", "ciclib", "parib",
    "zomib", "lisib", "degib", "sartan", "pril", "olol", "dipine", "vastatin", "prazole", "floxacin", "cycline",
    "cillin", "conazole", "fungin", "triptan", "setron", "xaban", "gatran", "parin", "dronate", "caine",
    "oxetine", "afil", "azepam", "zolam", "barbital", "platin", "rubicin", "taxel", "tecan", "fenac", "profen",
    "coxib", "lukast", "terol", "tropium", "thiazide", "peridol", "navir", "previr", "buvir", "asvir",
    "tegravir", "clovir", "vudine", "plase", "ercept", "kinra", "semide", "tidine", "oprazole", "apine",
    "olone", "sonide", "pramine", "triptyline", "setine", "azosin", "lamide", "cainide",
    # more classes: prostaglandin analogues, alpha-2 agonists, Rho kinase inhibitors, NK1 and
    # CGRP antagonists, lipase inhibitors, carbapenems, beta-lactamase inhibitors, antimalarials,
    # antiarrhythmics, COMT and MAO-B inhibitors, cholinesterase inhibitors, opioids, SNRIs ...
    "prost", "onidine", "sudil", "pitant", "gepant", "listat", "penem", "bactam", "mycin", "micin", "planin",
    "nidazole", "quine", "darone", "capone", "giline", "pexole", "stigmine", "nicline", "fenacin", "begron",
    "xostat", "paratide", "sentan", "ciguat", "vaptan", "limus", "trexed", "citabine", "relix", "lutamide",
    "trozole", "mestane", "racetam", "gabalin", "glinide", "formin", "fibrate", "oxicam", "curonium",
    "flurane", "codone", "morphone", "fentanil", "trexone", "mivir", "fovir", "virine", "tadine", "astine",
    "tirizine", "faxine", "traline", "opram", "azodone", "peridone", "rasidone", "sulosin", "etanide",
    "grel", "grelor", "methasone", "nisone", "casone", "melanotide", "relin", "tocin", "pressin",
)  # fmt: skip
"""Name endings of drug classes (WHO INN stems), each long enough not to end ordinary words."""

# Words with a stem's ending that are not drugs.
_NOT_DRUGS = frozenset({
    "april", "statin", "mab", "caine", "afil", "apine", "olone", "terol", "tidine", "histidine", "cytidine",
    "thymidine", "pyrimidine", "guanidine", "lamide", "platin", "semide", "amycin", "myocardin", "alpine",
    "sapine", "uridine", "deoxycytidine", "deoxythymidine", "aminopyrimidine", "cholesterol",
    "ergosterol", "sterol", "glycerol", "cortisol", "estradiol", "oxytocin", "glucagon", "insulin",
})  # fmt: skip
_WORD_RE = re.compile(r"[A-Za-z]{5,}")
_STEM_TUPLE = tuple(sorted(STEMS, key=len, reverse=True))
_LAST3 = frozenset(stem[-3:] for stem in STEMS)


def inn_drugs(text: str) -> list[tuple[int, int, Entity]]:
    """Return ``(start, end, entity)`` for each word of ``text`` with a drug-name stem.

    A word in capitals ("SEMAGLUTIDE", a label's title) counts as well; mixed-case words
    ("SemaGlutide") and words joined to others by a hyphen do not.
    """
    out = []
    for match in _WORD_RE.finditer(text):
        word = match.group()
        low = word.lower()
        if low[-3:] not in _LAST3 or not low.endswith(_STEM_TUPLE):
            continue
        start, end = match.span()
        if (start and (text[start - 1].isalnum() or text[start - 1] in "-_")) or (end < len(text) and (text[end].isalnum() or text[end] in "-_")):
            continue  # part of a longer token ("anti-sartan", "x2")
        if not (word[1:].islower() or word.isupper()) or low in _NOT_DRUGS:
            continue
        stem = next(s for s in _STEM_TUPLE if low.endswith(s))
        if len(low) - len(stem) < 3:
            continue  # the stem with too little before it ("April", "statin")
        entity = local_entity(low, "Drug")
        out.append((start, end, entity))
    return out
