"""Property tests: any text, markup or HTML parses without error and keeps the offset promises."""

from __future__ import annotations

from docs_helpers import check_offsets
from hypothesis import given, settings
from hypothesis import strategies as st

from pharmgraph.documents import parse_html, parse_markdown, parse_text

PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "\n\n",
        "\t",
        ".",
        ". ",
        "? ",
        "e.g. ",
        "i.p. ",
        "et al. ",
        "3.5",
        "**",
        "*",
        "_",
        "[1]",
        "[2][3]",
        "[\\[13\\]](#)",
        "^[4]",
        "[Get Quote](#)",
        "[link](http://x)",
        "- ",
        "• ",
        "1. ",
        "# ",
        "## ",
        "|",
        "| a | b |",
        "---",
        "```",
        "References\n\n",
        "Disclaimer\n\n",
        "Lamotrigine",
        "blocks",
        "sodium",
        "channels",
        "S(+)-",
        "R(-)-",
        " 3, 4",
        ":",
        "Label: ",
        "<",
        ">",
        "&",
        "\r\n",
        "\u2028",
        "é",
        "\\",
    ]
)
MARKUPISH = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join)
TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<li>",
        "</li>",
        "<ol>",
        "<ul>",
        "<h2>",
        "</h2>",
        "<tr>",
        "<td>",
        "</td>",
        "</tr>",
        "<table>",
        "<sup>",
        "</sup>",
        "<a href='#r1'>",
        "</a>",
        "<script>",
        "</script>",
        "<nav>",
        "</nav>",
        "<br>",
        "<main>",
        "</main>",
        "<title>",
        "</title>",
        "&amp;",
        "&#x41;",
        "<!-- c -->",
        "<b",
        "</",
    ]
)
HTMLISH = st.lists(st.one_of(TAGS, PIECES, st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(MARKUPISH)
def test_parse_text_and_markdown_keep_offsets(text):
    for parse in (parse_text, parse_markdown):
        doc = parse(text, "random")
        assert doc.text == text
        check_offsets(doc)
        for sentence in doc.sentences:
            assert set(sentence.references) <= {str(n) for n in range(10_000)}


@settings(max_examples=150, deadline=None)
@given(HTMLISH)
def test_parse_html_keeps_offsets(html):
    doc = parse_html(html, "random.html")
    check_offsets(doc)
    assert "<script" not in doc.text.lower() or "<script" in html.lower()
