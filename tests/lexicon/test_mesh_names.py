"""MeSH names as the lexicon's last, lowest-ranked source (``data/lexicon/mesh_names.tsv.gz``)."""

from __future__ import annotations

import pytest

from pharmgraph.lexicon import Lexicon, builtin_paths, default_lexicon
from pharmgraph.lexicon.core import _read_builtin


def _mesh_file():
    found = [p for p in builtin_paths() if p.name.startswith("mesh_names")]
    if not found:
        pytest.skip("data/lexicon/mesh_names.tsv.gz is absent (scripts/build_mesh_names.py builds it)")
    return found[0]


@pytest.fixture(scope="module")
def without_mesh() -> Lexicon:
    """The built-in lexicon as it is without the MeSH names file."""
    _mesh_file()
    lexicon = Lexicon()
    for path in builtin_paths():
        if not path.name.startswith("mesh_names"):
            lexicon._add_rows(_read_builtin(path), lexicon.next_source() - 1)
    return lexicon


def test_a_mesh_only_disease_is_found_in_text_with_its_mesh_id(without_mesh: Lexicon) -> None:
    assert without_mesh.lookup("placental abruption") == []  # only MeSH knows it
    lexicon = default_lexicon()
    hits = [(m.text, m.entity.id, m.entity.type) for m in lexicon.matcher().find(
        "She was admitted with placental abruption after the second dose."
    )]
    assert ("placental abruption", "mesh:D000037", "Disease") in hits


def test_mesh_names_never_change_what_a_known_name_means(without_mesh: Lexicon) -> None:
    lexicon = default_lexicon()
    checked = 0
    for row in _read_builtin(_mesh_file()):
        for name in (row[1], *filter(None, row[3].split("|"))):
            before = without_mesh.lookup(name)
            if before:
                assert lexicon.lookup(name)[0].id == before[0].id, name
                checked += 1
    # names everyone already knows keep their entity, and their rank, too
    for name, ident in (("seizures", "mesh:D012640"), ("lamotrigine", "drugbank:DB00555")):
        assert lexicon.lookup(name)[0].id == without_mesh.lookup(name)[0].id == ident
        assert lexicon.name_rank(ident, name) == without_mesh.name_rank(ident, name)
    assert checked < 1000  # the file holds names the lexicon lacks, nearly all of them


def test_mesh_rows_rank_below_every_other_source() -> None:
    _mesh_file()
    lexicon = default_lexicon()
    curated, generated = lexicon.rank("drugbank:DB00555"), lexicon.rank("mesh:D056486")
    assert curated < generated < lexicon.rank("mesh:D000037") < 99
    assert lexicon.name_rank("mesh:D000037", "abruptio placentae") == lexicon.rank("mesh:D000037")
