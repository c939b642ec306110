"""The mention stage gives the same answers in a forked child as in this process.

A long document's mentions may be found in a child process (:mod:`pharmgraph.extract.mention_stage`)
while this one reads relations; what comes back (mentions, the drug in focus, enantiomers) and
the statements made from it must be exactly what the in-process stage gives, and a child that
fails must leave extraction to this process without changing its answer.
"""

from __future__ import annotations

import gc
import os

import pytest

from pharmgraph.documents import parse_markdown
from pharmgraph.extract import extract_document
from pharmgraph.extract import mention_stage as stage_module
from pharmgraph.extract.entities import EntityResolver
from pharmgraph.extract.mention_stage import ForkedMentions, MentionStage, WorkerFailed, fork_helps

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _fork_allowed() -> None:
    """Skip when extraction would not fork here (another thread runs in the test process)."""
    if not stage_module._only_daemon_threads():
        pytest.skip("a thread that is not a daemon runs here, so extraction does not fork")

# Written for this test: abbreviations defined then used, an enantiomer, anaphora ("It", "the
# drug"), a release phrase, coordinated heads, a negation and a hedge, over several sections.
PARAGRAPHS = [
    "Lamotrigine blocks voltage-gated sodium channels (VGSC). It does not bind GABA-A receptors.",
    "Carbamazepine inhibits VGSCs. The drug may reduce the release of glutamate and aspartate.",
    "S(+)-zonisamide blocks T-type calcium channels; the R(-)-enantiomer is weaker.",
    "Diazepam acts at GABA-A receptors. Patients treated with diazepam reported somnolence.",
    "Topiramate and phenytoin block sodium and calcium channels in study {n}.",
]


def _document(paragraphs: int):
    parts = ["# A review written for the test\n"]
    for n in range(paragraphs):
        if n % 7 == 0:
            parts.append(f"## Part {n // 7}\n")
        parts.append(PARAGRAPHS[n % len(PARAGRAPHS)].replace("{n}", str(n)) + "\n")
    return parse_markdown("\n".join(parts), "review.md")


def _plain(pairs):
    return [([(m.start, m.end, m.text, m.entities, m.kind) for m in mentions], topic) for mentions, topic in pairs]


@pytest.mark.parametrize("shared_scan", [False, True])
def test_forked_stage_sends_what_the_stage_finds(lexicon, shared_scan):
    doc = _document(60)
    sentences = list(doc.sentences)
    here = MentionStage(doc, lexicon, sentences, [])
    expected = _plain(list(here))
    texts = [s.clean for s in sentences] if shared_scan else None
    forked = ForkedMentions(
        lambda matches: MentionStage(doc, lexicon, sentences, [], matches),
        EntityResolver(lexicon),
        texts,
        lexicon.matcher(),
    )
    try:
        assert (forked.main, forked.one_drug) == (here.main, here.one_drug)
        got = _plain(list(forked))
        assert forked.enantiomers == here.enantiomers
    finally:
        forked.close()
    assert got == expected
    assert any(kind == "abbreviation" for mentions, _ in got for *_, kind in mentions)
    assert forked.enantiomers  # the S(+)/R(-) forms were found and came back


def test_extraction_with_the_forked_stage_gives_the_same_statements(lexicon, monkeypatch):
    _fork_allowed()
    doc = _document(80)
    monkeypatch.setenv(stage_module.FORK_ENV, "0")
    alone = extract_document(doc, lexicon)
    started = []
    real = ForkedMentions.__init__

    def counting(self, *args, **kwargs):
        started.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(ForkedMentions, "__init__", counting)
    monkeypatch.setenv(stage_module.FORK_ENV, "1")
    forked = extract_document(doc, lexicon)
    assert started, "the mention stage did not run in a child"
    assert [s.to_json() for s in forked] == [s.to_json() for s in alone]
    assert alone


def test_a_child_that_fails_is_reported_and_extraction_carries_on(lexicon, monkeypatch):
    def broken(matches):
        raise RuntimeError("no stage")

    with pytest.raises(WorkerFailed):
        ForkedMentions(broken, EntityResolver(lexicon))
    _fork_allowed()
    doc = _document(20)
    monkeypatch.setenv(stage_module.FORK_ENV, "0")
    alone = extract_document(doc, lexicon)
    monkeypatch.setenv(stage_module.FORK_ENV, "1")

    class Dying(MentionStage):
        def __iter__(self):
            for k, item in enumerate(super().__iter__()):
                if k == 5 and os.getpid() != parent:
                    os._exit(3)  # the child dies halfway through
                yield item

    parent = os.getpid()
    monkeypatch.setattr("pharmgraph.extract.pipeline.MentionStage", Dying)
    assert [s.to_json() for s in extract_document(doc, lexicon)] == [s.to_json() for s in alone]


def test_fork_is_a_choice_the_environment_can_switch_off(monkeypatch):
    monkeypatch.setenv(stage_module.FORK_ENV, "0")
    assert not fork_helps(10**6)
    monkeypatch.setenv(stage_module.FORK_ENV, "1")
    assert fork_helps(1) == stage_module._only_daemon_threads()
    monkeypatch.delenv(stage_module.FORK_ENV)
    assert not fork_helps(stage_module.FORK_MIN_SENTENCES - 1)  # too short to be worth a process


def test_extraction_leaves_the_garbage_collector_as_it_found_it(lexicon):
    doc = _document(3)
    assert gc.isenabled()
    extract_document(doc, lexicon)
    assert gc.isenabled()
    gc.disable()
    try:
        extract_document(doc, lexicon)
        assert not gc.isenabled()
    finally:
        gc.enable()
