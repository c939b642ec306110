"""The two seed documents, read from ../shared/seeds at test time (skipped when absent)."""

from __future__ import annotations

from docs_helpers import check_offsets

from pharmgraph.documents import read_documents


def _seed(seeds_dir, prefix):
    return read_documents(next(seeds_dir.glob(f"{prefix}_*.txt")))[0]


def test_losigamone_guide(seeds_dir):
    doc = _seed(seeds_dir, "004")
    check_offsets(doc)
    assert len(doc.references) == 19
    assert set(doc.references) == {str(n) for n in range(1, 20)}
    assert "losigamone" in doc.resolve_reference("6").lower()

    by_text = {s.text: s for s in doc.sentences}
    enantiomer = [
        s for s in doc.sentences if "R(-)-enantiomer shows no significant effect" in s.text
    ]
    assert len(enantiomer) == 1
    assert enantiomer[0].text.startswith("In contrast, the R(-)-enantiomer")
    assert enantiomer[0].references == ("6", "7")
    assert enantiomer[0].kind == "bullet"

    not_bind = [s for s in doc.sentences if "does not bind directly" in s.text]
    assert len(not_bind) == 1
    assert not_bind[0].text.startswith("It does not bind") and not_bind[0].text.endswith(".[2]")

    escaped = [s for s in doc.sentences if "activation of potassium channels" in s.text]
    assert escaped[0].references == ("13", "14")
    assert "[" not in escaped[0].clean

    furniture = (
        "Get Quote",
        "Click to download",
        "info@benchchem.com",
        "Ontario",
        "RUO",
        "custom synthesis",
        "Our mission",
        "To cite this document",
    )
    for sentence in doc.sentences:
        assert not any(f.lower() in sentence.text.lower() for f in furniture), sentence.text
    assert doc.sentences[-1].section == "Conclusion and Future Directions"
    assert any(s.kind == "table_row" and "S(+) -losigamone" in s.text for s in doc.sentences)
    assert by_text  # every sentence text is unique enough to index


def test_lamotrigine_article(seeds_dir):
    doc = _seed(seeds_dir, "000")
    check_offsets(doc)
    assert doc.title and "lamotrigine" in doc.title.lower()
    refs = [s.references for s in doc.sentences if s.kind == "bullet"]
    assert ("3", "4") in refs and all(r for r in refs)
    for sentence in doc.sentences:
        assert not sentence.clean.rstrip()[-1:].isdigit(), sentence.text
        lowered = sentence.text.lower()
        for furniture in (
            "personalize",
            "tailor your experience",
            "best describes you",
            "advisory board",
            "editorial policy",
            "liability",
            "follow-up question",
            "medical a.i.",
        ):
            assert furniture not in lowered, sentence.text
