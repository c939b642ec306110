"""Statements and answers as pandas DataFrames; graph views inline in a notebook."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from export_fixtures import STATEMENTS

from pharmgraph.frames import STATEMENT_COLUMNS, store_dataframe, to_dataframe
from pharmgraph.views.notebook import NotebookView, view


def test_to_dataframe_has_one_row_per_statement():
    frame = to_dataframe(STATEMENTS)
    assert list(frame.columns) == STATEMENT_COLUMNS and len(frame) == len(STATEMENTS)
    negated = frame[frame["negated"]]
    assert negated["predicate"].tolist() == ["activates"]
    treats = frame[frame["predicate"] == "treats"].iloc[0]
    assert treats["sources"] == ["infores:hetionet"] and treats["documents"] == ["source:hetionet"]


def test_to_dataframe_takes_analysis_rows_and_refuses_other_things():
    @dataclass
    class Answer:
        target: str
        drugs: int

    frame = to_dataframe([Answer("SCN1A", 3), {"target": "CYP3A4", "drugs": 2}])
    assert frame.to_dict("records") == [{"target": "SCN1A", "drugs": 3}, {"target": "CYP3A4", "drugs": 2}]
    with pytest.raises(TypeError, match="cannot make a table row of int"):
        to_dataframe([1])


def test_store_dataframe_merges_a_claim_over_documents(store):
    frame = store_dataframe(store)
    blocks = frame[frame["predicate"] == "blocks"].iloc[0]
    assert blocks["evidence_count"] == 2 and blocks["documents"] == ["a.txt", "b.txt"]
    assert blocks["subject_label"] == "lamotrigine" and blocks["object_type"] == "IonChannel"


class _Frames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.frames = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.frames.append(dict(attrs))


def test_notebook_view_is_an_iframe_holding_the_offline_page():
    page_view = view(STATEMENTS, title="lamotrigine <b>", height=420)
    assert isinstance(page_view, NotebookView)
    parser = _Frames()
    parser.feed(page_view._repr_html_())
    [frame] = parser.frames
    assert frame["sandbox"] == "allow-scripts" and "420px" in frame["style"]
    # The srcdoc attribute, once unescaped by the HTML parser, is the whole standalone page.
    assert frame["srcdoc"] == page_view.html
    assert frame["srcdoc"].startswith("<!DOCTYPE html>") and "Content-Security-Policy" in frame["srcdoc"]
    assert "lamotrigine &lt;b&gt;" in frame["title"] or frame["title"] == "lamotrigine <b>"
