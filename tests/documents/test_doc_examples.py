"""The example documents shipped in pharmgraph/data/examples."""

from __future__ import annotations

import pytest
from docs_helpers import EXAMPLES, SHARED, check_offsets

from pharmgraph.documents import read_documents


def _all():
    return {path.name: read_documents(path) for path in sorted(EXAMPLES.iterdir())}


def test_examples_read_in_every_format():
    docs = _all()
    suffixes = {name.rsplit(".", 1)[1] for name in docs}
    assert {"md", "txt", "html", "pubtator"} <= suffixes
    for name, documents in docs.items():
        assert documents, name
        for doc in documents:
            check_offsets(doc)
            assert len(doc.sentences) >= 5, name
    assert len(docs["anticonvulsant_abstracts.pubtator"]) == 2
    assert all(d.annotations for d in docs["anticonvulsant_abstracts.pubtator"])
    md = docs["sodium_channel_blockers.md"][0]
    assert len(md.references) == 6
    assert any(s.references for s in md.sentences)


def test_examples_state_negated_and_hedged_claims():
    sentences = [s.clean for docs in _all().values() for d in docs for s in d.sentences]
    assert any("does not bind" in s for s in sentences)
    assert any("is thought to" in s for s in sentences)


def test_examples_share_no_sentence_with_the_seeds():
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    seed_text = " ".join(" ".join(p.read_text().split()) for p in seeds.glob("*.txt")).lower()
    for documents in _all().values():
        for doc in documents:
            for sentence in doc.sentences:
                words = " ".join(sentence.clean.split()).lower()
                if len(words.split()) >= 6:
                    assert words not in seed_text, sentence.text
