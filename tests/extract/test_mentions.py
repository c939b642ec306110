"""Mentions the document defines: abbreviations, enantiomers, code names, head-word targets."""

from __future__ import annotations

from pharmgraph.extract import MentionFinder
from pharmgraph.extract.abbreviations import find_definitions, schwartz_hearst


def labels(mentions):
    return [[e.label for e in m.entities] for m in mentions]


def test_schwartz_hearst_long_forms():
    assert schwartz_hearst("NMDA", "blocks the N-methyl-D-aspartate") == "N-methyl-D-aspartate"
    assert schwartz_hearst("CBZ", "no match here at all") is None
    assert [d.short for d in find_definitions("in mice (n = 12) and rats (P<0.01) (ref 3)")] == []


def test_abbreviation_is_an_alias_for_the_rest_of_the_document(lexicon):
    finder = MentionFinder(lexicon)
    finder.find("Topiramate blocks the voltage-gated sodium channel (VGSC).")
    later = finder.find("Blocking VGSCs lowers excitability.")
    assert labels(later) == [["voltage-gated sodium channel"]]


def test_enantiomers_are_drugs_of_their_own(statements):
    found = statements(
        "Zonisamide is a racemic mixture of S(+)-zonisamide and R(-)-zonisamide. "
        "The S(+)-enantiomer blocks sodium channels, whereas the R(-) isomer has no effect on sodium channels."
    )
    claims = {(s.subject.label, s.predicate, s.object.label, s.negated) for s in found}
    assert ("S(+)-zonisamide", "enantiomer_of", "zonisamide", False) in claims
    assert ("R(-)-zonisamide", "enantiomer_of", "zonisamide", False) in claims
    assert ("S(+)-zonisamide", "blocks", "voltage-gated sodium channel", False) in claims
    assert ("R(-)-zonisamide", "blocks", "voltage-gated sodium channel", True) in claims
    enantiomer = next(s for s in found if s.predicate == "enantiomer_of")
    assert "racemic" in enantiomer.evidence[0].text
    assert enantiomer.subject.type == "Drug"


def test_code_names_become_drugs(claims):
    assert ("XZ-3317", "inhibits", "NMDA receptor", False) in claims("XZ-3317 inhibits the NMDA receptor.")


def test_unknown_targets_found_by_head_word(statements):
    found = statements("Topiramate inhibits carbonic anhydrase and blocks kainate receptors.")
    by_label = {s.object.label: s.object for s in found}
    assert by_label["carbonic anhydrase"].type == "Enzyme"
    assert by_label["kainate receptor"].type == "Receptor"
    assert by_label["kainate receptor"].id == "pharmgraph:kainate_receptor"


def test_these_channels_refers_back(claims):
    found = claims("Sodium channels shape firing. Zonisamide inhibits these channels.")
    assert ("zonisamide", "inhibits", "voltage-gated sodium channel", False) in found


def test_impairment_in_coordinated_functions(claims):
    found = claims("Topiramate shows significant impairment in verbal fluency and working memory.")
    assert ("topiramate", "causes_adverse_event", "verbal fluency impairment", False) in found
    assert ("topiramate", "causes_adverse_event", "working memory impairment", False) in found
