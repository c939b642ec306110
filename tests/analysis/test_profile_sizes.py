"""The profile sizes table beside a store answers shared-targets exactly as reading the
profiles does, and is never used when it does not match the store."""

from __future__ import annotations

import itertools
import random

import pytest

from pharmgraph.analysis import local, profile_sizes, project, shared_targets
from pharmgraph.analysis.shared import _role_edge, _target_object, profiles
from pharmgraph.model import Entity, Evidence, Statement
from pharmgraph.store import open_store
from pharmgraph.vocabulary import TARGET_ROLES

HUB = Entity("CHEBI:6367", "lamotrigine", "Drug")
FAMILY = Entity("mesh:D062528", "voltage-gated sodium channel", "IonChannel")
SUBTYPES = [Entity(f"x:nav1_{i}", f"Nav1.{i}", "IonChannel", broader=("mesh:D062528",)) for i in range(1, 4)]
CURRENT = Entity("x:inap", "persistent sodium current", "IonCurrent", broader=("x:nav1_1",))
RECEPTOR = Entity("mesh:D011963", "GABA-A receptor", "Receptor")
SITE = Entity("x:bzs", "benzodiazepine site", "BindingSite", broader=("mesh:D011963",))
PK = [Entity("NCBIGene:1576", "CYP3A4", "Enzyme"), Entity("NCBIGene:5243", "ABCB1", "Transporter"),
      Entity("NCBIGene:213", "serum albumin", "Protein"), Entity("NCBIGene:1565", "CYP2D6", "Protein")]
PLAIN = [Entity(f"NCBIGene:{900 + i}", f"GENE{i}", "Protein") for i in range(12)]
EFFECT = Entity("GO:0014047", "glutamate release", "BiologicalProcess")
OBJECTS = [FAMILY, *SUBTYPES, CURRENT, RECEPTOR, SITE, *PK, *PLAIN]
PREDICATES = ["binds", "inhibits", "blocks", "opens", "metabolised_by", "transported_by",
              "substrate_of", "similar_to", "increases"]
OTHERS = [Entity(f"drugbank:DB{i:05d}", f"drug{i:02d}", "Drug") for i in range(30)]


def _statements(seed: int = 5) -> list[Statement]:
    rng = random.Random(seed)
    out = []
    for i, drug in enumerate([HUB, *OTHERS]):
        document = f"doc{i % 4}.txt"
        for obj in rng.sample(OBJECTS, rng.randint(1, 8)):
            predicate = rng.choice(PREDICATES)
            out.append(Statement(drug, predicate, obj, certainty="hedged" if rng.random() < 0.15 else "asserted",
                                 evidence=(Evidence(document, f"Sentence {len(out)}.", 0, 10),)))
        if rng.random() < 0.2:
            out.append(Statement(drug, "binds", rng.choice(OBJECTS), negated=True,
                                 evidence=(Evidence(document, f"Not {len(out)}.", 0, 5),)))
        out.append(Statement(drug, "decreases", EFFECT, evidence=(Evidence(document, "It lowers it.", 0, 5),)))
    for obj in OBJECTS[:6]:
        out.append(Statement(HUB, "binds", obj, evidence=(Evidence("hub.txt", "The hub binds it.", 0, 5),)))
    return out


@pytest.fixture(scope="module")
def location(tmp_path_factory):
    path = tmp_path_factory.mktemp("sizes") / "kg"
    with open_store(path) as store:
        store.ingest(_statements())
    return path


def _exact(monkeypatch, store, *args, **kwargs):
    """The answer with the table out of the way (the other drugs' profiles are read)."""
    with monkeypatch.context() as m:
        m.setattr(profile_sizes, "table", lambda store, build=None: None)
        return shared_targets(store, *args, **kwargs)


def test_the_table_holds_every_profile_size(location):
    with open_store(location, read_only=True) as store:
        table = profile_sizes.count(store)
        graph = project(store)
    for roles in itertools.chain.from_iterable(itertools.combinations(TARGET_ROLES, n) for n in range(1, 5)):
        for level, asserted in itertools.product((True, False), repeat=2):
            view = graph
            if asserted:
                view = graph.copy()
                view.remove_edges_from([(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True)
                                        if d["certainty"] != "asserted"])
            prof = profiles(view, _target_object, _role_edge(roles), level)
            for drug in [HUB, *OTHERS]:
                size = table.size(drug.id, roles, level, asserted)
                assert (size or 0) == len(prof[drug.id].closure if drug.id in prof else ()), (drug.id, roles, level)


@pytest.mark.parametrize("limit", [None, 1, 3, 8, 50])
@pytest.mark.parametrize("roles", [None, "all", "metabolism,transport"])
@pytest.mark.parametrize("level", [True, False])
def test_answers_with_the_table_are_the_exact_ones(location, monkeypatch, limit, roles, level):
    with open_store(location, read_only=True) as store:
        used = []
        real = local.drugs_graph
        monkeypatch.setattr("pharmgraph.analysis.shared.drugs_graph",
                            lambda *a, **k: used.append(k.get("whole_profiles", True)) or real(*a, **k))
        for min_shared, asserted in itertools.product((1, 2), (False, True)):
            kwargs = {"limit": limit, "roles": roles, "level": level, "min_shared": min_shared,
                      "asserted_only": asserted}
            mine = shared_targets(store, "lamotrigine", **kwargs)
            assert used.pop() is False  # the table was used
            assert mine == _exact(monkeypatch, store, "lamotrigine", **kwargs)
            graph = project(store, asserted_only=asserted)
            assert mine == shared_targets(graph, "lamotrigine", **kwargs)
        assert (location / profile_sizes.FILE).exists()


def test_a_write_the_table_cannot_follow_voids_it(tmp_path, monkeypatch):
    path = tmp_path / "kg"
    with open_store(path) as store:
        store.ingest(_statements()[:60])
    with open_store(path, read_only=True) as store:
        before = shared_targets(store, "lamotrigine")
        assert profile_sizes.read(store) is not None
    with open_store(path) as store:  # a new drug, and a known one acting on more targets
        assert store.raw is not None  # a writer using the raw store gives the table up
        store.ingest([Statement(Entity("x:new", "newdrug", "Drug"), "binds", obj,
                                evidence=(Evidence("late.txt", "It binds.", 0, 5),)) for obj in OBJECTS[:5]]
                     + [Statement(OTHERS[0], "binds", obj, evidence=(Evidence("late.txt", "It binds.", 0, 5),))
                        for obj in PLAIN])
    with open_store(path, read_only=True) as store:
        assert profile_sizes.read(store) is None  # counted before the write
        after = shared_targets(store, "lamotrigine")
        assert after != before
        assert after == _exact(monkeypatch, store, "lamotrigine") == shared_targets(project(store), "lamotrigine")
        assert profile_sizes.read(store) is not None  # counted again for the files as they are


def test_a_table_that_does_not_match_is_not_used(tmp_path, monkeypatch):
    path = tmp_path / "kg"
    with open_store(path) as store:
        store.ingest(_statements())
    with open_store(path, read_only=True) as store:
        right = shared_targets(store, "lamotrigine", limit=5)
        table = profile_sizes.read(store)
        for entry in table.drugs.values():  # every size wrong, for the same files
            for histogram in entry.values():
                for mask in histogram:
                    histogram[mask] += 7
        profile_sizes.save(store, table)
        assert shared_targets(store, "lamotrigine", limit=5) != right  # it is trusted when it matches
    (path / profile_sizes.FILE).write_text((path / profile_sizes.FILE).read_text().replace('"signature":[', '"signature":[["x",1,1],'))
    with open_store(path, read_only=True) as store:
        assert profile_sizes.read(store) is None
        monkeypatch.setenv("PHARMGRAPH_PROFILE_TABLE", "off")
        assert profile_sizes.table(store) is None
        assert shared_targets(store, "lamotrigine", limit=5) == right


def test_only_read_only_folders_keep_a_table(location):
    with open_store(location) as store:
        assert profile_sizes.table(store) is None
    memory = open_store(":memory:")
    memory.ingest(_statements())
    assert profile_sizes.table(memory) is None
    assert shared_targets(memory, "lamotrigine", limit=3) == shared_targets(project(memory), "lamotrigine", limit=3)


def test_questions_about_some_documents_read_the_profiles(location, monkeypatch):
    with open_store(location, read_only=True) as store:
        calls = []
        monkeypatch.setattr(profile_sizes, "table", lambda store, build=None: calls.append(1))
        rows = shared_targets(store, "lamotrigine", documents=["hub.txt", "doc1.txt"])
        assert not calls
        assert rows == shared_targets(project(store, documents=["hub.txt", "doc1.txt"]), "lamotrigine")


def _recounted(path) -> dict:
    with open_store(path, read_only=True) as store:
        saved = profile_sizes.read(store)
        assert saved is not None, "the writer kept no table"
        return saved.drugs, profile_sizes.count(store).drugs


def test_writers_keep_the_table(tmp_path):
    """Ingest, replace and remove keep the table equal to counting it again."""
    path = tmp_path / "kg"
    statements = _statements()
    with open_store(path) as store:  # a new store: the writer counts what it wrote
        store.ingest(statements[:80])
    saved, counted = _recounted(path)
    assert saved == counted and saved
    with open_store(path) as store:
        store.ingest(statements[80:])
    saved, counted = _recounted(path)
    assert saved == counted
    ev = (Evidence("late.txt", "It binds.", 0, 5),)
    renamed = Entity(PLAIN[0].id, "CYP2C9", "Protein")  # another label: a metabolism target now
    below = Entity(PLAIN[1].id, PLAIN[1].label, "Protein", broader=(FAMILY.id,))  # now under the family
    with open_store(path) as store:
        store.ingest([Statement(Entity("x:new", "newdrug", "Drug"), "binds", renamed, evidence=ev),
                      Statement(OTHERS[3], "inhibits", below, evidence=ev),
                      Statement(Entity(OTHERS[5].id, OTHERS[5].label, "Enzyme"), "binds", PLAIN[2], evidence=ev)])
    saved, counted = _recounted(path)
    assert saved == counted
    with open_store(path) as store:  # replacing a document, then removing one
        store.ingest([Statement(HUB, "binds", PLAIN[3], evidence=(Evidence("late.txt", "Now this.", 0, 5),))])
    saved, counted = _recounted(path)
    assert saved == counted
    with open_store(path) as store:
        store.remove_document("doc1.txt")
    saved, counted = _recounted(path)
    assert saved == counted
    with open_store(path, read_only=True) as store:
        assert shared_targets(store, "lamotrigine") == shared_targets(project(store), "lamotrigine")


def test_writes_the_table_cannot_follow_give_it_up(tmp_path):
    path = tmp_path / "kg"
    with open_store(path) as store:
        store.ingest(_statements()[:40])
    with open_store(path) as store:
        store.raw.update("INSERT DATA { GRAPH <urn:x> { <https://e/a> <https://e/b> <https://e/c> } }")
    with open_store(path, read_only=True) as store:
        assert profile_sizes.read(store) is None


def test_a_new_stores_writer_keeps_the_table_through_description_changes(tmp_path):
    """A writer of a new store does not note description changes; the table is still exact."""
    path = tmp_path / "kg"
    statements = _statements()
    ev = (Evidence("late.txt", "It binds.", 0, 5),)
    renamed = Entity(PLAIN[0].id, "CYP2C9", "Protein")
    below = Entity(PLAIN[1].id, PLAIN[1].label, "Protein", broader=(FAMILY.id,))
    with open_store(path) as store:  # one session: write, re-describe, replace, remove
        store.ingest(statements[:80])
        store.ingest([Statement(Entity("x:new", "newdrug", "Drug"), "binds", renamed, evidence=ev),
                      Statement(OTHERS[3], "inhibits", below, evidence=ev)])
        store.ingest(statements[80:])
        store.remove_document("doc1.txt")
    saved, counted = _recounted(path)
    assert saved == counted and saved


def test_a_bulk_load_leaves_a_table_counted_at_close(tmp_path, monkeypatch):
    """The bulk path streams past the follower's hooks; the writer then counts the table at
    close, so the first question after a bulk load finds it ready and exact."""
    from pharmgraph import bulk
    from pharmgraph.ingest import Input, ingest_file
    from pharmgraph.model import write_jsonl

    monkeypatch.setattr(bulk, "BULK_BYTES", 0)
    path = tmp_path / "kg"
    lines = tmp_path / "statements.jsonl"
    statements = _statements()
    write_jsonl(statements[:90], lines)
    with open_store(path) as store:
        store.ingest(statements[90:], ground=True)  # the ordinary path: the follower follows it
        result = ingest_file(store, Input(lines, "statements.jsonl"))
        assert result.kind == "statements" and sum(result.documents.values()) == 90
    saved, counted = _recounted(path)
    assert saved == counted and saved
    with open_store(path, read_only=True) as store, monkeypatch.context() as m:
        m.setattr(profile_sizes, "count", lambda *a, **k: pytest.fail("the table was counted again"))
        rows = shared_targets(store, "lamotrigine")
    with open_store(path, read_only=True) as store:
        assert rows == _exact(monkeypatch, store, "lamotrigine")
