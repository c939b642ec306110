"""The fast paths of extraction give the answers of the plain code they stand in for.

Each shortcut (a folded pattern, a word-set test before a regular expression, a lookup table,
a cached token list, a compact match table) is checked against the straightforward form it
replaced, on sentences written to hit its edge cases.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from pharmgraph.extract import context as context_module
from pharmgraph.extract import mentions, pipeline
from pharmgraph.extract.context import Clauses
from pharmgraph.extract.folded import FoldedPattern
from pharmgraph.extract.learned import _EXACT, _PREFIXES, trigger_class
from pharmgraph.extract.tokens import Mention, tokenize
from pharmgraph.lexicon import Lexicon, Term
from pharmgraph.lexicon import matcher as matcher_module
from pharmgraph.lexicon.matcher import MatchTable
from pharmgraph.model import Entity

SENTENCES = [
    "It blocks the channel.",
    "Its MECHANISM remains unclear; these effects are distinct.",
    "  The drug was given.",
    "xthe drug and the_drug are words; so is Itself.",
    "The main metabolite and a major form were seen.",
    "ICI182780 and AO-33 bind; HEK293 cells do not count.",
    "D2 and 5-HT2A antagonism, H1 blockade, mu agonists, vitamin D3.",
    "Mood stabilizing and anti-epileptic properties; x-anti-epileptic is not one.",
    "The S-enantiomers of X and the R-isomer of Y.",
    "Sjögren syndrome and rash; İstanbul ſ K.",
    "ANTICONVULSANT effects and DIZZINESS were reported.",
    "",
]


def test_folded_pattern_finds_what_the_case_insensitive_one_finds() -> None:
    pattern = r"\b(?:mechanisms?|anti-?convulsant|use)\b|isomers?\s+of\b"
    folded = FoldedPattern(pattern)
    insensitive = re.compile(pattern, re.IGNORECASE)
    for text in [*SENTENCES, "ANTI-CONVULSANT USE", "mécanisme; Mechanisms of USE", "K ſ"]:
        assert [m.span() for m in folded.finditer(text)] == [m.span() for m in insensitive.finditer(text)]
        expected = insensitive.search(text)
        found = folded.search(text)
        assert (found.span() if found else None) == (expected.span() if expected else None)
        start = insensitive.match(text)
        assert bool(folded.match(text)) == bool(start)


def test_folded_pattern_must_be_lower_case_ascii() -> None:
    with pytest.raises(ValueError):
        FoldedPattern(r"\bGABA\b")
    with pytest.raises(ValueError):
        FoldedPattern("µ-opioid")
    FoldedPattern(r"\W\S\b\d")  # upper-case escapes are fine


@pytest.mark.parametrize("text", SENTENCES)
def test_sentence_tests_agree_with_their_patterns(text: str) -> None:
    assert mentions._may_have_anaphor(text) == (mentions._ANAPHOR_HINT.search(text) is not None)
    assert mentions._has_digit_code(text) == (mentions._CODE_RE.search(text) is not None)
    assert mentions._has_subtype(text) == (mentions._SUBTYPE_RE.search(text) is not None)
    assert pipeline._objectless_hint(text) == (pipeline._OBJECTLESS_HINT.search(text) is not None)


def test_alias_spans_are_the_whole_word_matches() -> None:
    text = "AD ADs ADes AD-1 xAD AD_ _AD ADss ADess (AD). ADs-x NOs NOes Na+s Å Ås"
    for name in ("AD", "NO", "Na+", "Å", "s", "x"):
        pattern = re.compile(r"(?<![\w\-])" + re.escape(name) + r"(?:s|es)?(?![\w\-])")
        assert mentions._alias_spans(text, name) == [m.span() for m in pattern.finditer(text)]


def _trigger_class_by_scan(word: str) -> str | None:
    for prefix, cls in _PREFIXES:
        if word.startswith(prefix) and not (prefix in _EXACT and word != prefix):
            return cls
    return None


def test_trigger_class_table_matches_a_scan_of_the_prefixes() -> None:
    words = {"", "k", "ki", "kix", "form", "forms", "side", "sideways", "inhibitor", "inhibit", "the"}
    for prefix, _ in _PREFIXES:
        words.update({prefix, prefix + "ed", prefix[:-1]})
    for word in words:
        assert trigger_class(word) == _trigger_class_by_scan(word), word


def test_tokens_follow_the_mention_objects_given() -> None:
    text = "Lamotrigine blocks sodium channels."
    drug = Mention(0, 11, "Lamotrigine", (Entity("x:1", "lamotrigine", "Drug"),))
    first = tokenize(text, [drug])
    again = tokenize(text, [drug])
    assert again == first and again is not first
    twin = replace(drug)  # equal, but another object: its tokens must point to it
    assert tokenize(text, [twin])[0].mention is twin
    wider = Mention(19, 34, "sodium channels", (Entity("x:2", "sodium channel", "IonChannel"),))
    assert [t.text for t in tokenize(text, [drug, wider])] == ["Lamotrigine", "blocks", "sodium channels", "."]
    assert [t.text for t in tokenize(text, [drug])] == ["Lamotrigine", "blocks", "sodium", "channels", "."]


def test_match_table_gives_what_find_gives() -> None:
    lexicon = Lexicon(
        [
            Term("x:ltg", "lamotrigine", "Drug", synonyms=("LTG",)),
            Term("x:na", "voltage-gated sodium channel", "IonChannel"),
            Term("x:nach", "sodium channel", "IonChannel"),
            Term("x:gaba", "GABA-A receptor", "Receptor"),
        ]
    )
    matcher = lexicon.matcher().with_aliases({"VGSC": "x:na"})
    texts = [
        "Lamotrigine blocks voltage-gated sodium channels (VGSCs).",
        "",
        "No names here.",
        "LTG and ltg; GABA(A) receptors and sodium channels, VGSC.",
        "sodium channel",
    ]
    expected = [matcher.find(t) for t in texts]
    assert matcher.find_all(texts) == expected
    table = matcher.find_table(texts)
    assert len(table) == len(texts)
    assert [table[i] for i in range(len(texts))] == expected
    assert table.entities() == [m.entity for found in expected for m in found]
    assert [m.text for m in expected[3]] == ["LTG", "GABA(A) receptors", "sodium channels", "VGSC"]


@pytest.mark.parametrize("run_chars", [1, 30, 70, 1 << 16])
def test_match_table_scanned_in_runs_gives_what_find_gives(monkeypatch, run_chars: int) -> None:
    lexicon = Lexicon(
        [
            Term("x:ltg", "lamotrigine", "Drug", synonyms=("LTG",)),
            Term("x:na", "voltage-gated sodium channel", "IonChannel"),
            Term("x:nach", "sodium channel", "IonChannel"),
        ]
    )
    matcher = lexicon.matcher()
    texts = ["", "Lamotrigine blocks sodium channels.", "", "", "LTG, voltage-gated sodium channels and lamotrigine"]
    texts = texts * 7 + ["sodium channel " * 20, ""]
    expected = [matcher.find(t) for t in texts]
    monkeypatch.setattr(matcher_module, "SCAN_CHARS", run_chars)
    table = matcher.find_table(texts)
    assert len(table) == len(texts)
    assert [table[i] for i in range(len(texts))] == expected
    assert table.entities() == [m.entity for found in expected for m in found]
    assert len(matcher.find_table([])) == 0


class _Meets(frozenset):
    """A word set that claims to meet every other: Clauses then always walks the tokens."""

    def isdisjoint(self, other) -> bool:
        return False


@pytest.mark.parametrize(
    "text",
    [
        *SENTENCES,
        "Lamotrigine blocks sodium channels, which are (in part) open; it binds SV2A, but not GABA.",
        "To determine whether it binds, we aimed to assess it.",
        "It was designed to test binding [12] whereas others were not.",
        ") it binds ( and ] closes",
    ],
)
def test_clauses_shortcut_gives_what_the_walk_gives(monkeypatch, text: str) -> None:
    tokens = tokenize(text)
    quick = Clauses(tokens)
    monkeypatch.setattr(context_module, "_STRUCTURE_WORDS", _Meets(context_module._STRUCTURE_WORDS))
    walked = Clauses(tokens)
    for name in ("clause", "segment", "paren", "start", "end", "antecedent"):
        assert getattr(quick, name) == getattr(walked, name), name
    assert [quick.is_aim(i) for i in range(len(tokens))] == [walked.is_aim(i) for i in range(len(tokens))]
    monkeypatch.setattr(walked, "_no_to", False)
    walked._aim.clear()
    assert [quick.is_aim(i) for i in range(len(tokens))] == [walked.is_aim(i) for i in range(len(tokens))]


def test_match_table_halves_joined_give_the_whole_table() -> None:
    lexicon = Lexicon([Term("x:ltg", "lamotrigine", "Drug", synonyms=("LTG",)), Term("x:na", "sodium channel", "IonChannel")])
    matcher = lexicon.matcher()
    texts = ["LTG blocks sodium channels.", "", "lamotrigine", "No names.", "sodium channel and LTG", ""]
    whole = matcher.find_table(texts)
    for cut in range(len(texts) + 1):
        first = matcher.find_table(texts[:cut])
        rebuilt = MatchTable.from_parts(texts[:cut], first.parts(), matcher)
        joined = rebuilt.joined(matcher.find_table(texts[cut:]))
        assert len(joined) == len(texts)
        assert [joined[i] for i in range(len(texts))] == [whole[i] for i in range(len(texts))]
        assert joined.entities() == whole.entities()
        got = [m.candidates for i in range(len(texts)) for m in joined[i]]
        assert got == [m.candidates for i in range(len(texts)) for m in whole[i]]
        assert all(a is b for a, b in zip(joined.entities(), whole.entities(), strict=True))  # the lexicon's own
