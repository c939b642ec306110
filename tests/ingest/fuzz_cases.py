"""Generated inputs for every reader, and the judge of what ingest did with each.

Shared by the fuzz tests (few examples) and ``benchmarks/fuzz_inputs.py`` (tens of thousands).
Each strategy yields the bytes of one file; :func:`outcome` reads it the way ``ingest`` does
and says which of four things happened:

* ``landed``: accepted, and what would be stored is what the file says (checked per format);
* ``refused``: one-sentence :class:`~pharmgraph.errors.InputError`;
* ``traceback``: any other exception, or a refusal flagged as a pharmgraph bug;
* ``silent``: accepted, but what would be stored differs from the file (a silent change).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from hypothesis import strategies as st

from pharmgraph.errors import InputError

WORDS = ["Lamotrigine", "blocks", "sodium", "channels", "carbamazepine", "does", "not", "bind",
         "GABA-A", "receptor", ".", ",", "[1]", "(", ")", "**", "#", "-", "|", "\t", "\n", "\n\n",
         "é", "\u2028", "\u0661", "&amp;", "<b>", "</b>", "<", ">", "&", "\x0b", "\r", "μ", "\ufeff"]

prose = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=40).map(" ".join)
texts = st.one_of(prose, st.text(max_size=200))
numbers = st.one_of(
    st.integers(-5, 400).map(str), st.sampled_from(["", "x", "\u0661", "\u00b2", "9" * 40, "1e3", " 3", "-0"])
)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@st.composite
def pubtator_files(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        pmid = draw(st.sampled_from(["1", "2", "123", "", "a b"]))
        lines.append(f"{pmid}|t|{draw(prose)}")
        if draw(st.booleans()):
            lines.append(f"{pmid}|a|{draw(prose)}")
        for _ in range(draw(st.integers(0, 3))):
            fields = [pmid, draw(numbers), draw(numbers), draw(prose), draw(st.sampled_from(["Chemical", "Gene", ""]))]
            if draw(st.booleans()):
                fields.append(draw(st.sampled_from(["MESH:D1", "-", "", "123"])))
            lines.append("\t".join(fields))
        if draw(st.booleans()):
            lines.append(draw(st.text(max_size=30)))
        lines.append("")
    return _encode("\n".join(lines))


@st.composite
def medline_files(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 9)):
            lines.append(f"PMID- {draw(st.sampled_from(['1', '22', '333', '']))}")
        for _ in range(draw(st.integers(0, 5))):
            tag = draw(st.sampled_from(["TI", "AB", "AU", "DP", "MH", "TA", "XX", "ti", "PMID"]))
            lines.append(f"{tag:<4}- {draw(prose)}")
            if draw(st.booleans()):
                lines.append("      " + draw(prose))
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.text(max_size=20)))
        lines.append("")
    return _encode("\n".join(lines))


def _xml_text(draw) -> str:
    raw = draw(prose)
    if draw(st.integers(0, 3)):
        raw = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return raw


@st.composite
def bioc_files(draw) -> bytes:
    encoding = draw(st.sampled_from(["UTF-8", "utf-8", "UTF-7", "latin-1", "bogus", "UTF-16", None]))
    head = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else ""
    docs = []
    for i in range(draw(st.integers(0, 3))):
        passages = []
        for _ in range(draw(st.integers(0, 3))):
            offset = draw(numbers)
            annotation = ""
            if draw(st.booleans()):
                annotation = (f'<annotation id="a"><infon key="type">Chemical</infon>'
                              f'<location offset="{draw(numbers)}" length="{draw(numbers)}"/>'
                              f"<text>{_xml_text(draw)}</text></annotation>")
            passages.append(f"<passage><offset>{offset}</offset><text>{_xml_text(draw)}</text>{annotation}</passage>")
        docs.append(f"<document><id>{draw(st.sampled_from([str(i), '', 'x'])) }</id>{''.join(passages)}</document>")
    body = f"<collection><source>x</source>{''.join(docs)}</collection>"
    if draw(st.integers(0, 5)) == 0:
        body = body[: draw(st.integers(0, len(body)))]
    if draw(st.integers(0, 8)) == 0:
        body = '<!DOCTYPE c [<!ENTITY e "boom">]>' + body.replace("<source>x", "<source>&e;")
    return _encode(head + body)


@st.composite
def pubmed_files(draw) -> bytes:
    articles = []
    for _ in range(draw(st.integers(0, 3))):
        abstract = "".join(
            f'<AbstractText Label="{draw(st.sampled_from(["", "METHODS", "&amp;"]))}">{_xml_text(draw)}</AbstractText>'
            for _ in range(draw(st.integers(0, 3)))
        )
        articles.append(
            f"<PubmedArticle><MedlineCitation><PMID>{draw(st.sampled_from(['1', '', '12']))}</PMID>"
            f"<Article><ArticleTitle>{_xml_text(draw)}</ArticleTitle><Abstract>{abstract}</Abstract>"
            f"</Article></MedlineCitation></PubmedArticle>"
        )
    body = f"<PubmedArticleSet>{''.join(articles)}</PubmedArticleSet>"
    if draw(st.integers(0, 5)) == 0:
        body = body[: draw(st.integers(0, len(body)))]
    return _encode('<?xml version="1.0"?>' + body)


@st.composite
def html_files(draw) -> bytes:
    parts = ["<html><body>"]
    for _ in range(draw(st.integers(0, 6))):
        tag = draw(st.sampled_from(["p", "h1", "h2", "li", "td", "script", "nav", "table", "b", "div"]))
        parts.append(f"<{tag}>{draw(prose)}</{tag}>" if draw(st.integers(0, 4)) else f"<{tag}>{draw(prose)}")
    parts.append("</body></html>")
    return _encode("".join(parts))


_TERMS = ["<http://example.org/a>", "<http://example.org/p>", "_:b1", '"lit"', '"x"@en', "1", "true",
          "<https://w3id.org/pharmgraph/ontology#Statement>", "a", "ex:q", "<bad iri>", '"unterminated',
          "<https://w3id.org/pharmgraph/document/d>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"]


@st.composite
def rdf_files(draw) -> tuple[bytes, str]:
    suffix = draw(st.sampled_from([".ttl", ".nt", ".nq", ".trig", ".jsonld"]))
    if suffix == ".jsonld":
        node = {"@id": draw(st.sampled_from(["http://example.org/a", "_:b", "", "rel"])),
                "http://example.org/p": draw(st.one_of(st.text(max_size=10), st.integers(), st.booleans()))}
        doc = {"@context": {"ex": "http://example.org/"}, "@graph": [node]} if draw(st.booleans()) else node
        text = json.dumps(doc)
        if draw(st.integers(0, 4)) == 0:
            text = text[: draw(st.integers(0, len(text)))]
        return text.encode(), suffix
    lines = ["@prefix ex: <http://example.org/> ."] if suffix in (".ttl", ".trig") and draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 6))):
        triple = [draw(st.sampled_from(_TERMS)) for _ in range(3)]
        if suffix == ".nq" and draw(st.booleans()):
            triple.append(draw(st.sampled_from(_TERMS[:1] + _TERMS[12:13])))
        line = " ".join(triple) + " ."
        if suffix == ".trig" and draw(st.booleans()):
            line = f"{draw(st.sampled_from(_TERMS[:1] + _TERMS[12:13]))} {{ {line} }}"
        lines.append(line)
    return _encode("\n".join(lines) + "\n"), suffix


_KEYS = ["id", "label", "type", "synonyms", "broader", "xrefs", "document", "text", "start", "end",
         "confidence", "negated", "certainty", "qualifiers", "evidence", "references", "extra", "predicate"]
_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-3, 10**6), st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(["CHEBI:1", "nocolon", "CHEBI:", "x:y", "Drug", "Protein", "blocks", "false", "\ud800", ""]),
        st.text(max_size=10),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4)),
    max_leaves=12,
)

_BASE = {
    "subject": {"id": "CHEBI:6367", "label": "lamotrigine", "type": "Drug", "synonyms": ["Lamictal"]},
    "predicate": "blocks",
    "object": {"id": "mesh:D062528", "label": "sodium channel", "type": "IonChannel"},
    "negated": False,
    "certainty": "asserted",
    "qualifiers": {"dose": "1 mg"},
    "evidence": [{"document": "a.txt", "text": "t", "start": 0, "end": 1, "confidence": 0.5, "references": ["1"]}],
}
_PATHS = [("subject",), ("object",), ("subject", "id"), ("subject", "synonyms"), ("object", "type"), ("negated",),
          ("certainty",), ("qualifiers",), ("evidence",), ("evidence", 0, "start"), ("evidence", 0, "end"),
          ("evidence", 0, "confidence"), ("evidence", 0, "document"), ("predicate",), ("subject", "label"),
          ("evidence", 0, "references")]


@st.composite
def jsonl_lines(draw) -> str:
    data = json.loads(json.dumps(_BASE))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_PATHS))
        node = data
        for step in path[:-1]:
            node = node[step] if isinstance(node, dict | list) and (step in node if isinstance(node, dict) else step < len(node)) else None
            if node is None:
                break
        if isinstance(node, dict) or (isinstance(node, list) and isinstance(path[-1], int) and path[-1] < len(node)):
            if draw(st.integers(0, 5)) == 0 and isinstance(node, dict):
                node.pop(path[-1], None)
            else:
                node[path[-1]] = draw(_VALUES)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    mutation = draw(st.integers(0, 9))
    if mutation == 0:
        text = text.replace('"label"', '"label": "dup", "label"', 1)
    elif mutation == 1:
        cut = draw(st.integers(0, len(text)))
        text = text[:cut]
    elif mutation == 2:
        text = text.replace("0.5", draw(st.sampled_from(["NaN", "1e999", "-Infinity", "7", "1" * 5000])))
    elif mutation == 3:
        text = text.replace('"dose": "1 mg"', '"dose": ' + "[" * 3000 + "]" * 3000)
    return text


@st.composite
def valid_jsonl_lines(draw) -> str:
    """Lines that are valid, with values varied inside what the schema allows."""
    data = json.loads(json.dumps(_BASE))
    data["negated"] = draw(st.booleans())
    data["subject"]["synonyms"] = draw(st.lists(st.text(min_size=1, max_size=6).filter(lambda t: not _has_surrogate(t)), max_size=3))
    if draw(st.booleans()):
        data["subject"].pop("id")
    start = draw(st.integers(0, 10**9))
    evidence = data["evidence"][0]
    evidence.update(start=start, end=start + draw(st.integers(0, 10**6)),
                    confidence=draw(st.one_of(st.none(), st.floats(0, 1))))
    if draw(st.booleans()):
        evidence["start"] = float(evidence["start"])
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


@st.composite
def jsonl_files(draw) -> bytes:
    lines = draw(st.lists(st.one_of(jsonl_lines(), valid_jsonl_lines()), min_size=1, max_size=3))
    return _encode("\n".join(lines) + "\n")


STRATEGIES = {
    "text": st.tuples(texts.map(_encode), st.just(".txt")),
    "markdown": st.tuples(texts.map(_encode), st.just(".md")),
    "bytes": st.tuples(st.binary(max_size=200), st.sampled_from([".txt", ".md", ".xml", ".jsonl", ".ttl"])),
    "html": st.tuples(html_files(), st.just(".html")),
    "pubtator": st.tuples(pubtator_files(), st.just(".pubtator")),
    "medline": st.tuples(medline_files(), st.just(".nbib")),
    "bioc": st.tuples(bioc_files(), st.just(".xml")),
    "pubmed": st.tuples(pubmed_files(), st.just(".xml")),
    "rdf": rdf_files(),
    "jsonl": st.tuples(jsonl_files(), st.just(".jsonl")),
}
"""Reader name to a strategy of ``(file bytes, suffix)``."""


def _one_sentence(message: str) -> bool:
    return bool(message) and "\n" not in message and "Traceback" not in message and len(message) < 600


def _same_number(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b))


def _jsonl_faithful(data: bytes, statements) -> str | None:
    """Compare what the reader made of each line with the line itself; None when faithful."""
    lines = [line for line in data.decode("utf-8", "surrogatepass").lstrip("\ufeff").split("\n") if line.strip()]
    if len(lines) != len(statements):
        return f"{len(lines)} lines became {len(statements)} statements"
    for line, stmt in zip(lines, statements, strict=True):
        raw = json.loads(line)
        if raw.get("negated", False) is not stmt.negated:
            return f"negated {raw.get('negated')!r} became {stmt.negated!r}"
        for role, entity in (("subject", stmt.subject), ("object", stmt.object)):
            given = raw[role]
            if "id" in given and given["id"] != entity.id:
                return f"{role} id {given['id']!r} became {entity.id!r}"
            if "label" in given and given["label"] != entity.label:
                return f"{role} label {given['label']!r} became {entity.label!r}"
            if list(given.get("synonyms") or []) != list(entity.synonyms):
                return f"{role} synonyms changed"
        for ev_raw, ev in zip(raw.get("evidence") or [], stmt.evidence, strict=True):
            for name in ("start", "end", "confidence"):
                if not _same_number(ev_raw.get(name), getattr(ev, name)):
                    return f"evidence {name} {ev_raw.get(name)!r} became {getattr(ev, name)!r}"
    return None


def outcome(data: bytes, suffix: str, folder: Path, name: str = "case") -> tuple[str, str]:
    """Ingest-read one generated file; return ``(kind, detail)`` (see the module notes)."""
    from pharmgraph.ingest import prepare_file
    from pharmgraph.rdf import document_iri

    path = folder / f"{name}{suffix}"
    path.write_bytes(data)
    try:
        prepared = prepare_file(path, path.name)
    except InputError as exc:
        return ("refused", str(exc)) if _one_sentence(str(exc)) else ("traceback", f"not one sentence: {exc!r}")
    except Exception as exc:
        return "traceback", f"{type(exc).__name__}: {exc}"
    for document, quads in prepared.graphs.items():
        graph = document_iri(document)
        if any(q.graph_name.value != graph for q in quads):
            return "silent", f"a quad of {document} lies outside its graph"
    if prepared.kind == "statements":
        from pharmgraph.model import read_jsonl

        problem = _jsonl_faithful(data, list(read_jsonl(path)))
        if problem:
            return "silent", problem
    if prepared.kind == "foreign rdf":
        from pharmgraph.documents.rdf_files import RDF_SUFFIXES, parse_rdf

        parsed = parse_rdf(data, RDF_SUFFIXES.get(suffix, "turtle"), path.name)
        if len(set(parsed)) > sum(len(q) for q in prepared.graphs.values()):
            return "silent", "foreign triples were dropped"
    if prepared.kind == "document" and len(prepared.graphs) != 1:
        return "silent", "a document file gave no document"
    return "landed", prepared.kind
