"""The saved matcher (pharmgraph.lexicon.matcher_cache): same matches, used only when sound."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pharmgraph.lexicon import matcher_cache
from pharmgraph.lexicon.core import builtin_dir
from pharmgraph.lexicon.core import load_lexicon as _load_lexicon
from pharmgraph.lexicon.matcher import Matcher
from pharmgraph.model import Entity

TEXTS = [
    "Lamotrigine blocks voltage-gated sodium channels and is used for epilepsy.",
    "Atorvastatin inhibits HMG-CoA reductase; myalgia and raised CK were reported.",
    "SCN1A variants and GABA(A) receptors; the LTG dose was halved with valproic acid.",
    "Omeprazole, a proton pump inhibitor, is metabolised by CYP2C19 to 5-hydroxyomeprazole.",
]


def _extra(tmp_path: Path, name: str = "extra.tsv") -> Path:
    path = tmp_path / name
    path.write_text("zorbafylline\tpharmgraph:zorba\tDrug\n", encoding="utf-8")
    return path


def load_lexicon(extra: list[Path], builtin: bool = False):
    """The curated lexicon file (small: quick to build) plus ``extra``, or everything built in."""
    if builtin:
        return _load_lexicon(extra)
    return _load_lexicon([builtin_dir() / "curated.tsv", *extra], builtin=False)


def _found(matcher: Matcher) -> list[list[tuple[int, int, str, str, tuple[str, ...]]]]:
    return [
        [
            (m.start, m.end, m.entity.id, m.name, tuple(c.id for c in m.candidates))
            for m in matcher.find(t)
        ]
        for t in TEXTS
    ]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PHARMGRAPH_CACHE_DIR", str(folder))
    monkeypatch.delenv("PHARMGRAPH_MATCHER_CACHE", raising=False)
    monkeypatch.setattr(matcher_cache, "MIN_KEYS", 0)  # the small test lexicons are saved too
    return folder


def test_loaded_matcher_finds_what_a_built_one_finds(cache: Path, tmp_path: Path) -> None:
    extra = _extra(tmp_path)
    first = load_lexicon([extra], builtin=True).matcher()  # builds and saves
    assert len(list(cache.glob("matcher-*.aho"))) == 1
    second = load_lexicon([extra], builtin=True).matcher()  # loads
    assert second._decode is not None  # loaded
    assert first._decode is None  # built
    assert _found(second) == _found(first)
    assert [m.entity.id for m in second.find("Zorbafylline was given.")] == ["pharmgraph:zorba"]
    assert len(second) == len(first)
    # aliases on top of a loaded matcher work as on a built one
    aliased = second.with_aliases({"LMT": Entity("drugbank:DB00555", "lamotrigine", "Drug")})
    assert [m.entity.id for m in aliased.find("LMT was stopped.")] == ["drugbank:DB00555"]


def test_a_changed_lexicon_file_gets_a_new_copy(cache: Path, tmp_path: Path) -> None:
    extra = _extra(tmp_path)
    load_lexicon([extra]).matcher()
    extra.write_text("zorbafylline\tpharmgraph:zorba2\tDrug\n", encoding="utf-8")
    os.utime(extra, ns=(1, 1))  # a different modification time as well as content
    matcher = load_lexicon([extra]).matcher()
    assert [m.entity.id for m in matcher.find("Zorbafylline was given.")] == ["pharmgraph:zorba2"]
    assert len(list(cache.glob("matcher-*.aho"))) == 2


def test_a_lexicon_changed_in_memory_is_never_cached(cache: Path, tmp_path: Path) -> None:
    lexicon = load_lexicon([_extra(tmp_path)])
    assert lexicon.origin is not None
    lexicon.add(Entity("pharmgraph:quib", "quibbletrine", "Drug"))
    assert lexicon.origin is None
    matcher = lexicon.matcher()
    assert not cache.exists() or not list(cache.glob("matcher-*"))
    assert [m.entity.id for m in matcher.find("Quibbletrine helps.")] == ["pharmgraph:quib"]


@pytest.mark.parametrize("damage", ["automaton", "entries", "header", "truncated"])
def test_a_damaged_copy_is_built_again(cache: Path, tmp_path: Path, damage: str) -> None:
    extra = _extra(tmp_path)
    reference = _found(load_lexicon([extra]).matcher())
    (auto,) = cache.glob("matcher-*.aho")
    stem = auto.name[: -len(".aho")]
    if damage == "automaton":
        data = bytearray(auto.read_bytes())
        data[len(data) // 2] ^= 0xFF
        auto.write_bytes(bytes(data))
    elif damage == "entries":
        (cache / f"{stem}.jsonl").write_bytes(b"[1,false,[]]\n")
    elif damage == "header":
        (cache / f"{stem}.json").write_text("{not json", encoding="utf-8")
    else:
        auto.write_bytes(auto.read_bytes()[:1000])
    assert matcher_cache.load(stem[len("matcher-") :]) is None
    rebuilt = load_lexicon([extra]).matcher()
    assert rebuilt._decode is None  # built, not loaded
    assert _found(rebuilt) == reference
    # and saved again, soundly
    assert matcher_cache.load(stem[len("matcher-") :]) is not None


def test_small_lexicons_are_not_saved(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matcher_cache, "MIN_KEYS", 20_000)
    matcher = load_lexicon([_extra(tmp_path)]).matcher()
    assert len(matcher) < 20_000
    assert not cache.exists()


def test_switched_off_writes_nothing(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PHARMGRAPH_MATCHER_CACHE", "off")
    matcher = load_lexicon([_extra(tmp_path)]).matcher()
    assert not cache.exists()
    assert [m.entity.id for m in matcher.find("Zorbafylline was given.")] == ["pharmgraph:zorba"]


def test_an_unwritable_cache_folder_only_means_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("PHARMGRAPH_CACHE_DIR", str(blocker / "cache"))
    matcher = load_lexicon([_extra(tmp_path)]).matcher()
    assert [m.entity.id for m in matcher.find("Zorbafylline was given.")] == ["pharmgraph:zorba"]


def test_old_copies_are_pruned(cache: Path, tmp_path: Path) -> None:
    for i in range(matcher_cache.KEEP + 2):
        load_lexicon([_extra(tmp_path, f"extra{i}.tsv")]).matcher()
    assert len(list(cache.glob("matcher-*.json"))) == matcher_cache.KEEP
    assert len(list(cache.glob("matcher-*.aho"))) == matcher_cache.KEEP
    assert not list(cache.glob(".matcher-*"))  # no temporary files left behind


def test_the_name_index_is_saved_and_loaded(cache: Path, tmp_path: Path) -> None:
    extra = _extra(tmp_path)
    built = load_lexicon([extra])
    names = ["lamotrigine", "Zorbafylline", "SCN1A", "valproic acid", "CYP2C19", "no such thing"]
    expected = [[e.id for e in built.lookup(n)] for n in names]
    (saved,) = cache.glob("matcher-*.names")
    loaded = load_lexicon([extra])
    key = matcher_cache.cache_key(loaded)
    assert matcher_cache.load_names(key) == built._name_index()
    assert [[e.id for e in loaded.lookup(n)] for n in names] == expected
    assert expected[1] == ["pharmgraph:zorba"]
    # a damaged copy is not read: the index is built again, with the same answers
    data = bytearray(saved.read_bytes())
    data[-5] ^= 0x01
    saved.write_bytes(bytes(data))
    assert matcher_cache.load_names(key) is None
    again = load_lexicon([extra])
    assert [[e.id for e in again.lookup(n)] for n in names] == expected
    assert matcher_cache.load_names(key) is not None  # saved again


def test_name_indexes_alone_are_pruned_too(cache: Path, tmp_path: Path) -> None:
    """A lexicon only looked up (no matcher built) leaves a name index, which counts among
    the copies kept."""
    for i in range(matcher_cache.KEEP + 2):
        load_lexicon([_extra(tmp_path, f"names{i}.tsv")]).lookup("zorbafylline")
    assert len(list(cache.glob("matcher-*.names"))) == matcher_cache.KEEP
    assert not list(cache.glob("matcher-*.json"))  # no matcher was saved
    assert not list(cache.glob(".matcher-*"))
