"""HTML pages: furniture dropped, structure kept, hostile nesting survived."""

from __future__ import annotations

from docs_helpers import check_offsets

from pharmgraph.documents import parse_html

PAGE = """<!DOCTYPE html>
<html><head><title>Valproate page</title>
<style>.x { color: red }</style>
<script>var secret = "SCRIPTTEXT must never appear";</script></head>
<body>
<header><nav><a href="/">Home</a><a href="/a">All drugs</a></nav></header>
<div class="cookie-consent">We use cookies. <button>OK</button></div>
<div id="main-content">
  <h1>Valproate</h1>
  <p>Valproate inhibits GABA transaminase.<sup>1</sup> It blocks T-type channels.<sup><a href="#r2">2,3</a></sup></p>
  <p>Doses of 10 mm<sup>2</sup> are not citations.</p>
  <ul><li>First item: Valproate treats absence seizures.</li><li>Second item.</li></ul>
  <p><a href="/buy">Buy now</a> <a href="/quote">Get a quote</a></p>
  <table><tr><th>Drug</th><th>Target</th></tr><tr><td>Valproate</td><td>GABA <b>transaminase</b></td></tr></table>
  <noscript>NOSCRIPT text</noscript>
  <h2>References</h2>
  <ol><li>Alpha A. First paper.</li><li>Beta B. Second paper.</li></ol>
  <h2>Disclaimer</h2><p>Nothing here is advice.</p>
  <h2>Mechanism</h2><p>An explicit heading ends the back matter.</p>
</div>
<footer>Footer text &copy; 2026</footer>
<script>document.write("more SCRIPTTEXT")</script>
</body></html>"""


def test_html_structure_and_furniture():
    doc = parse_html(PAGE, "v.html")
    check_offsets(doc)
    assert doc.title == "Valproate page"
    assert "SCRIPTTEXT" not in doc.text and "NOSCRIPT" not in doc.text
    assert "Home" not in doc.text and "cookies" not in doc.text and "Footer" not in doc.text
    got = [(s.kind, s.text, s.references) for s in doc.sentences]
    assert got == [
        ("heading", "Valproate", ()),
        ("sentence", "Valproate inhibits GABA transaminase.[1]", ("1",)),
        ("sentence", "It blocks T-type channels.[2,3]", ("2", "3")),
        ("sentence", "Doses of 10 mm2 are not citations.", ()),
        ("heading", "First item:", ()),
        ("bullet", "Valproate treats absence seizures.", ()),
        ("bullet", "Second item.", ()),
        ("table_row", "Drug\tTarget", ()),
        ("table_row", "Valproate\tGABA transaminase", ()),
        ("heading", "Mechanism", ()),
        ("sentence", "An explicit heading ends the back matter.", ()),
    ]
    assert doc.references == {"1": "Alpha A. First paper.", "2": "Beta B. Second paper."}
    assert doc.sentences[1].section == "Valproate"


def test_main_element_restricts_content():
    page = "<body><p>Outside text here.</p><main><p>Inside text here.</p></main></body>"
    doc = parse_html(page, "m.html")
    assert [s.text for s in doc.sentences] == ["Inside text here."]


def test_deep_nesting_and_mismatched_tags_do_not_crash():
    depth = 100_000
    doc = parse_html("<div>" * depth + "Phenytoin blocks channels." + "</div>" * depth, "deep.html")
    assert [s.text for s in doc.sentences] == ["Phenytoin blocks channels."]
    doc = parse_html("<b>" * 20_000 + "Broken markup here." + "</i>" * 20_000, "bad.html")
    assert [s.text for s in doc.sentences] == ["Broken markup here."]
    doc = parse_html("<p>Unclosed <b>bold <li>item one<li>item two", "u.html")
    check_offsets(doc)
    assert [s.text for s in doc.sentences][-2:] == ["item one", "item two"]


def test_entities_and_empty_page():
    doc = parse_html("<p>GABA&#8209;A &amp; &alpha;2&delta; subunits.</p>", "e.html")
    assert doc.text == "GABA\u2011A & α2δ subunits."
    assert parse_html("", "empty.html").sentences == []
