"""readable_text: evidence sentences as people read them, markup removed and nothing else."""

from __future__ import annotations

import pytest

from pharmgraph.documents import readable_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Valproate raised GABA levels.[2][3]", "Valproate raised GABA levels."),
        ("It opens potassium channels.[\\[13\\]](#)[\\[14\\]](#) Then", "It opens potassium channels. Then"),
        ("Tiagabine blocks GAT-1^[1] in neurons.", "Tiagabine blocks GAT-1 in neurons."),
        ("Racemic **losigamone** lowers release.", "Racemic losigamone lowers release."),
        ("See [the review](#) for details.", "See the review for details."),
        ("Effects were small [4], and brief.", "Effects were small, and brief."),
        ("*Italic* and __strong__ words", "Italic and strong words"),
        ("  spread \n over\tlines  ", "spread over lines"),
    ],
)
def test_markers_and_markdown_are_removed(raw, shown):
    assert readable_text(raw) == shown


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "a < b > c",
        "Its <b>R</b> form & the <i>S</i> form differ.",
        "The [1,2,4]triazole ring; 3 mg/kg; p < 0.05.",
        "Plain prose stays exactly as it is.",
    ],
)
def test_everything_that_is_not_markup_survives_unchanged(text):
    assert readable_text(text) == text


def test_hostile_text_inside_markup_keeps_its_tags():
    assert readable_text("**<script>alert(1)</script>**[5]") == "<script>alert(1)</script>"


def test_empty_and_marker_only_text():
    assert readable_text("") == ""
    assert readable_text("[1][2]") == ""
