"""Helpers for the view tests: hand-made graphs with the attributes project() gives."""

from __future__ import annotations

import json
import re

import networkx as nx

HOSTILE_LABEL = '<script>document.title="pwned"</script><img src=x onerror="document.body.setAttribute(\'data-pwned\',\'1\')">"onmouseover="alert(1)'
HOSTILE_SENTENCE = '<script>document.body.setAttribute("data-pwned","2")</script> & <b>bold</b>'
HOSTILE_DOCUMENT = '<img src=y onerror=alert(3)>.txt'
TITLE = 'Views <script>alert("title")</script>'


def add_entity(graph: nx.MultiDiGraph, curie: str, label: str, kind: str, group: str, **extra) -> None:
    """Add a node with the attributes :func:`pharmgraph.analysis.project` gives."""
    graph.add_node(curie, id=curie, label=label, type=kind, group=group,
                   synonyms=list(extra.get("synonyms", ())), broader=list(extra.get("broader", ())))


def add_statement(graph: nx.MultiDiGraph, s: str, predicate: str, o: str, kind: str, sign: int = 0, *,
                  certainty: str = "asserted", negated: bool = False, text: str = "A sentence of ours.",
                  document: str = "a.txt") -> None:
    """Add an edge with the attributes :func:`pharmgraph.analysis.project` gives."""
    evidence = [{"document": document, "text": text, "start": 10, "end": 10 + len(text), "references": ["12"]}]
    graph.add_edge(s, o, key=("not_" if negated else "") + predicate, predicate=predicate, sign=sign, kind=kind,
                   certainty=certainty, negated=negated, evidence=evidence, documents=[document],
                   evidence_count=len(evidence))



def small_graph() -> nx.MultiDiGraph:
    """Drugs, an enantiomer pair, targets, an effect, a disease, an adverse event; one hedged,
    one negated statement, two parallel edges and a node and sentence full of markup."""
    g = nx.MultiDiGraph()
    add_entity(g, "CHEBI:6367", "lamotrigine", "Drug", "Drug", synonyms=["Lamictal"])
    add_entity(g, "CHEBI:3387", "carbamazepine", "Drug", "Drug")
    add_entity(g, "pharmgraph:losigamone", "losigamone", "Drug", "Drug")
    add_entity(g, "pharmgraph:s_losigamone", "(S)-losigamone", "Drug", "Drug")
    add_entity(g, "mesh:D062528", "voltage-gated sodium channel", "IonChannel", "Target")
    add_entity(g, "pharmgraph:nav1_1", "Nav1.1", "IonChannel", "Target", broader=["mesh:D062528"])
    add_entity(g, "pharmgraph:bzd_site", "benzodiazepine site", "BindingSite", "Target")
    add_entity(g, "GO:0014047", "glutamate release", "BiologicalProcess", "Effect")
    add_entity(g, "mesh:D004827", "epilepsy", "Disease", "Disease")
    add_entity(g, "mesh:D005076", "rash", "AdverseEvent", "AdverseEvent")
    add_entity(g, "pharmgraph:hostile", HOSTILE_LABEL, "Protein", "Target")
    add_statement(g, "CHEBI:6367", "blocks", "mesh:D062528", "decrease", -1)
    add_statement(g, "CHEBI:6367", "binds", "mesh:D062528", "binding")
    add_statement(g, "CHEBI:3387", "blocks", "pharmgraph:nav1_1", "decrease", -1)
    add_statement(g, "mesh:D062528", "increases", "GO:0014047", "increase", 1)
    add_statement(g, "CHEBI:6367", "treats", "mesh:D004827", "treats", certainty="hedged")
    add_statement(g, "CHEBI:3387", "causes_adverse_event", "mesh:D005076", "causes")
    add_statement(g, "pharmgraph:s_losigamone", "enantiomer_of", "pharmgraph:losigamone", "enantiomer")
    add_statement(g, "pharmgraph:losigamone", "binds", "pharmgraph:bzd_site", "binding", negated=True)
    add_statement(g, "pharmgraph:losigamone", "inhibits", "pharmgraph:hostile", "decrease", -1,
                  text=HOSTILE_SENTENCE, document=HOSTILE_DOCUMENT)
    return g


def page_data(page: str) -> dict:
    """Return the JSON the page script draws from."""
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page, re.S)
    assert match, "the page has no data block"
    return json.loads(match.group(1))


