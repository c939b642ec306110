"""Names to CURIEs, and the messages users get for unknown or ambiguous names."""

from __future__ import annotations

import pytest

from pharmgraph.analysis import resolve_entity
from pharmgraph.errors import EntityNotFound, InputError


@pytest.mark.parametrize(
    ("name", "curie"),
    [
        ("lamotrigine", "CHEBI:6367"),
        ("LAMICTAL", "CHEBI:6367"),
        ("chebi:6367", "CHEBI:6367"),
        ("AO-33", "pharmgraph:losigamone"),
        (" VGSC ", "mesh:D062528"),
        ("persistent sodium current", "pharmgraph:persistent_sodium_current"),
    ],
)
def test_names_synonyms_and_curies_resolve_ignoring_case(graph, name, curie):
    assert resolve_entity(graph, name) == curie


def test_a_label_beats_a_synonym(graph):
    # "sodium channel" is a synonym of the channel only; "sodium current" of the current only.
    assert resolve_entity(graph, "sodium channel") == "mesh:D062528"


def test_unknown_name_lists_closest_candidates(graph):
    with pytest.raises(EntityNotFound) as info:
        resolve_entity(graph, "lamotrigin")
    assert str(info.value) == "No entity is named 'lamotrigin'; did you mean lamotrigine (CHEBI:6367)?"


def test_ambiguous_name_lists_the_candidates(graph):
    graph.nodes["CHEBI:3387"]["synonyms"] = ["L-drug"]
    graph.nodes["CHEBI:6367"]["synonyms"] = ["LTG", "Lamictal", "L-drug"]
    with pytest.raises(EntityNotFound) as info:
        resolve_entity(graph, "l-drug")
    message = str(info.value)
    assert message.startswith("The name 'l-drug' matches 2 entities: ")
    assert "carbamazepine (CHEBI:3387)" in message and "lamotrigine (CHEBI:6367)" in message


def test_type_filter_rejects_the_wrong_kind_of_entity(graph):
    with pytest.raises(EntityNotFound, match=r"epilepsy \(mesh:D004827\) is a Disease, not a Drug"):
        resolve_entity(graph, "epilepsy", types="Drug")
    assert resolve_entity(graph, "Nav1.1", types=["Target"]) == "pharmgraph:nav1_1"


def test_unknown_type_name_is_an_input_error(graph):
    with pytest.raises(InputError, match="Unknown entity type 'Protien'"):
        resolve_entity(graph, "Nav1.1", types="Protien")


def test_nothing_similar(graph):
    with pytest.raises(EntityNotFound, match="none has a similar name"):
        resolve_entity(graph, "zzzzqqq")
