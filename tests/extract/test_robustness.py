"""Odd input: empty, huge, deeply nested, random. Extraction never raises; spans stay valid."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pharmgraph.documents import parse_text
from pharmgraph.errors import InputError
from pharmgraph.extract import extract_document, extract_path, extract_text


def test_empty_text(lexicon):
    assert extract_text("", "e.txt", lexicon) == []
    assert extract_text("   \n\n  ", "e.txt", lexicon) == []


def test_binary_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)))
    with pytest.raises(InputError):
        extract_path(path)


def test_deeply_nested_html(tmp_path):
    path = tmp_path / "deep.html"
    depth = 5000
    path.write_text("<html><body>" + "<div>" * depth + "Zonisamide blocks sodium channels." + "</div>" * depth + "</body></html>", encoding="utf-8")
    try:
        statements = extract_path(path)
    except InputError as exc:  # refused with a sentence is fine too
        assert str(exc)
        return
    assert all(ev.text for s in statements for ev in s.evidence)


def test_large_file_gets_a_clear_message(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: the size is checked before anything is read
    with pytest.raises(InputError, match=r"big.txt is 50 MB; .*split it"):
        extract_path(path)


def test_many_sentences(lexicon):
    text = "Zonisamide blocks sodium channels in cortical neurons of adult rats. " * 2000
    statements = extract_text(text, "long.txt", lexicon)
    assert [s.predicate for s in statements] == ["blocks"]
    assert len(statements[0].evidence) == 2000  # one piece of evidence per sentence
WORDS = st.sampled_from(
    "Zonisamide lamotrigine blocks inhibits does not bind may the GABA-A receptor sodium channels "
    "( ) , . ; : and or S(+)-zonisamide R(-) enantiomer it its this release of glutamate "
    "impairment in these receptors by -induced no effect on treatment epilepsy (VGSC) 91% "
    "Protection \t | ** [1] ↓ μM".split()
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=40))
def test_random_text_never_raises(lexicon, words):
    text = " ".join(words)
    doc = parse_text(text, "r.txt")
    for statement in extract_document(doc, lexicon):
        for ev in statement.evidence:
            assert doc.text[ev.start : ev.end] == ev.text
            assert 0 <= ev.start <= ev.end <= len(doc.text)
        assert not (statement.negated and statement.predicate == "enantiomer_of")
