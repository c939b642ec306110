"""Readers refuse odd inputs in one sentence; mention selection is linear; damaged stores are named."""

from __future__ import annotations

import random
import shutil

import pytest
from helpers import run

from pharmgraph.errors import InputError
from pharmgraph.store import open_store


@pytest.mark.parametrize(
    "annotation",
    ["1\t\u0661\t\u0662\tLa\tChemical", "1\t" + "9" * 5000 + "\t" + "9" * 5001 + "\tLa\tChemical", "1\t\u00b2\t3\tLa\tChemical"],
)
def test_pubtator_offsets_that_are_not_plain_numbers_are_refused(annotation):
    from pharmgraph.documents.pubtator import parse_pubtator

    with pytest.raises(InputError, match="line 2: the annotation offsets"):
        parse_pubtator("1|t|Lamotrigine\n" + annotation + "\n", "x.pubtator")


@pytest.mark.parametrize("encoding", ["UTF-7", "no-such-encoding", "UTF-32"])
def test_xml_declaring_an_unreadable_encoding_is_one_sentence(tmp_path, encoding):
    from pharmgraph.documents import read_documents

    path = tmp_path / "x.xml"
    path.write_bytes(f'<?xml version="1.0" encoding="{encoding}"?><collection></collection>'.encode())
    with pytest.raises(InputError, match=f"declares '{encoding}'"):
        read_documents(path)


def test_medline_lines_that_are_not_medline_are_refused():
    from pharmgraph.documents.medline import parse_medline

    with pytest.raises(InputError, match="line 2, is not MEDLINE"):
        parse_medline("PMID- 1\nthis is prose\n", "x.nbib")
    with pytest.raises(InputError, match="has no PMID field"):
        parse_medline("TI  - A title\n", "x.nbib")


def _old_select(spans):
    taken, out = [], []
    for (start, end), _ in sorted(spans.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        out.append((start, end))
    return sorted(out)


def test_mention_selection_keeps_what_the_quadratic_version_kept():
    from pharmgraph.lexicon import default_lexicon

    matcher = default_lexicon().matcher()
    rng = random.Random(7)
    text = "x" * 400
    entity = next(iter(matcher._entities)) if isinstance(matcher._entities, dict) else 0
    for _ in range(50):
        spans = {}
        for _ in range(rng.randint(1, 40)):
            start = rng.randrange(0, 390)
            spans[(start, start + rng.randint(1, 10))] = [(0, entity, 1.0)]
        chosen = [(m.start, m.end) for m in matcher._select(text, {k: list(v) for k, v in spans.items()})]
        assert chosen == _old_select(spans)


def test_matching_a_long_text_is_fast_enough_to_be_linear():
    import time

    from pharmgraph.lexicon import default_lexicon

    matcher = default_lexicon().matcher()
    sentence = "Lamotrigine and carbamazepine block voltage-gated sodium channels; phenytoin too. "
    start = time.perf_counter()
    found = matcher.find(sentence * 5000)  # 400 kB in one string: quadratic selection took minutes
    assert len(found) >= 15000 and time.perf_counter() - start < 30


def test_lock_message_is_not_mistaken_for_damage_and_back():
    from pharmgraph.store import _LOCKED, is_damage

    checksum = "Corruption: block checksum mismatch: stored = 1, computed = 2"
    assert not _LOCKED.search(checksum) and is_damage(RuntimeError(checksum))
    assert _LOCKED.search("IO error: While lock file: /x/LOCK: Resource temporarily unavailable")


def _damaged_copy(tmp_path, statements, in_a_document=False):
    """A store with one flipped byte in a data block that reading every graph trips over."""
    from pharmgraph.store import check_store

    source = tmp_path / "kg"
    with open_store(source) as store:
        store.ingest(statements)
        store.raw.optimize()
    files = sorted(p for p in source.iterdir() if p.suffix == ".sst")
    rng = random.Random(3)
    for attempt in range(60):
        target = tmp_path / f"damaged{attempt}"
        shutil.copytree(source, target)
        victim = target / rng.choice(files).name
        data = bytearray(victim.read_bytes())
        data[rng.randrange(len(data))] ^= 0xFF
        victim.write_bytes(bytes(data))
        report = check_store(target, memory_mb=2048)
        if not report["ok"] and (report["damaged"] or not in_a_document):
            return target, report
        shutil.rmtree(target)
    pytest.skip("no flipped byte hit a checked block")


def test_a_damaged_store_is_named_in_one_sentence_and_doctor_reports_it(tmp_path, statements):
    damaged, _report = _damaged_copy(tmp_path, statements)
    for args in (["stats"], ["export", "--format", "nquads"], ["validate"]):
        result = run("--store", damaged, *args)
        assert result.exit_code == 1, args
        assert "damaged" in result.output and "in use by another process" not in result.output
        assert "Traceback" not in result.output
    doctor = run("--store", damaged, "doctor", "--format", "json")
    assert doctor.exit_code == 1
    import json

    data = json.loads(doctor.output)
    assert data["ok"] is False and (data["damaged"] or data["index_damaged"] or data["unreadable"])
    sound = run("--store", tmp_path / "kg", "doctor")
    assert sound.exit_code == 0 and "is sound" in sound.output


def test_doctor_names_damaged_documents_and_salvages_the_rest(tmp_path, statements):
    damaged, report = _damaged_copy(tmp_path, statements, in_a_document=True)
    result = run("--store", damaged, "doctor", "--salvage", tmp_path / "saved.nq")
    assert result.exit_code == 1 and report["damaged"][0] in result.output
    assert (tmp_path / "saved.nq").exists()


def test_validate_reports_a_stored_nan_instead_of_crashing(tmp_path):
    from pharmgraph.model import Entity, Evidence, Statement

    stmt = Statement(Entity("CHEBI:1", "a", "Drug"), "binds", Entity("CHEBI:2", "b", "Protein"),
                     evidence=(Evidence("d.txt", "t", 0, 1, confidence=float("nan")),))
    with open_store(tmp_path / "kg") as store:
        store.ingest([stmt])
    result = run("--store", tmp_path / "kg", "validate")
    assert result.exit_code == 1 and "not a finite number" in result.output
    assert "Traceback" not in result.output


def test_a_store_written_cleanly_is_not_checked_again_but_one_of_unknown_state_is(tmp_path, statements):
    from pharmgraph.store import CHECK_FILE, _checked_clean

    location = tmp_path / "kg"
    with open_store(location) as store:  # created by this process
        store.ingest(statements)
    assert _checked_clean(location)  # the first read-only command starts at once
    assert run("--store", location, "stats").exit_code == 0
    # A store whose files changed since its last check is not vouched for by a writer.
    (location / CHECK_FILE).write_text("[]", "utf-8")
    with open_store(location) as store:
        store.ingest(statements[:1])
    assert not _checked_clean(location)
    assert run("--store", location, "stats").exit_code == 0  # checked, then remembered
    assert _checked_clean(location)
