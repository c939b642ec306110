"""The store signature tolerates files that a writer's compaction deletes while it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from pharmgraph.store import store_signature


def test_a_file_deleted_between_listing_and_stat_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "000001.sst").write_bytes(b"a")
    (tmp_path / "000002.sst").write_bytes(b"bb")
    real_iterdir = Path.iterdir

    def listing_with_a_vanished_file(self: Path):
        yield from real_iterdir(self)
        if self == tmp_path:
            yield self / "000003.sst"  # listed, then removed by a compaction

    real_is_file = Path.is_file

    def still_there_when_checked(self: Path) -> bool:
        return self.name == "000003.sst" or real_is_file(self)

    monkeypatch.setattr(Path, "iterdir", listing_with_a_vanished_file)
    monkeypatch.setattr(Path, "is_file", still_there_when_checked)
    signature = store_signature(tmp_path)
    assert [row[:2] for row in signature] == [["000001.sst", 1], ["000002.sst", 2]]


def test_any_change_of_a_data_file_changes_the_signature(tmp_path: Path) -> None:
    (tmp_path / "000001.sst").write_bytes(b"a")
    before = store_signature(tmp_path)
    (tmp_path / "000001.sst").write_bytes(b"ab")
    assert store_signature(tmp_path) != before
