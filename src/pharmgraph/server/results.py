"""Serialising (possibly truncated) query results in the SPARQL 1.1 result formats.

pyoxigraph's own serialisers only take a whole result set; the endpoint stops after a row
limit, so it writes the SPARQL JSON, XML, CSV and TSV formats itself from lists of pyoxigraph
terms, following the W3C recommendations. Triples (CONSTRUCT/DESCRIBE) go through
:func:`pyoxigraph.serialize`.

Examples
--------
>>> from pyoxigraph import Literal, NamedNode
>>> rows = [[NamedNode("http://example.org/a"), Literal("x", language="en")]]
>>> solutions_bytes("json", ["s", "o"], rows).decode()
'{"head":{"vars":["s","o"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://example.org/a"},"o":{"type":"literal","value":"x","xml:lang":"en"}}]}}'
>>> solutions_bytes("csv", ["s", "o"], rows)
b's,o\\r\\nhttp://example.org/a,x\\r\\n'
>>> boolean_bytes("json", True)
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

# Characters XML 1.0 cannot carry at all; replaced so the document stays well formed.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _kind(term: Any) -> str:
    return type(term).__name__


def json_term(term: Any) -> dict[str, Any]:
    """Return the SPARQL 1.1 JSON results form of a pyoxigraph term."""
    kind = _kind(term)
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    if kind == "Literal":
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            direction = getattr(term, "direction", None)
            if direction is not None:
                out["its:dir"] = str(getattr(direction, "value", direction)).lower()
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if kind == "Triple":
        return {
            "type": "triple",
            "value": {
                "subject": json_term(term.subject),
                "predicate": json_term(term.predicate),
                "object": json_term(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_text(text: str) -> str:
    text = _XML_INVALID.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(text: str) -> str:
    return _xml_text(text).replace('"', "&quot;")


def xml_term(term: Any) -> str:
    """Return the SPARQL 1.1 XML results form of a pyoxigraph term."""
    kind = _kind(term)
    if kind == "NamedNode":
        return f"<uri>{_xml_text(term.value)}</uri>"
    if kind == "BlankNode":
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if kind == "Literal":
        if term.language:
            return f'<literal xml:lang="{_xml_attr(term.language)}">{_xml_text(term.value)}</literal>'
        if term.datatype.value != XSD_STRING:
            return f'<literal datatype="{_xml_attr(term.datatype.value)}">{_xml_text(term.value)}</literal>'
        return f"<literal>{_xml_text(term.value)}</literal>"
    if kind == "Triple":
        return (
            f"<triple><subject>{xml_term(term.subject)}</subject>"
            f"<predicate>{xml_term(term.predicate)}</predicate>"
            f"<object>{xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {term!r}")


def csv_value(term: Any) -> str:
    """Return the SPARQL CSV form of a term: lexical forms and IRIs without markup."""
    if term is None:
        return ""
    kind = _kind(term)
    if kind in ("NamedNode", "Literal"):
        return term.value
    if kind == "BlankNode":
        return f"_:{term.value}"
    return str(term)


def tsv_value(term: Any) -> str:
    """Return the SPARQL TSV form of a term (its N-Triples/Turtle syntax, tabs escaped)."""
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def solutions_bytes(fmt: str, variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Serialise SELECT solutions.

    Parameters
    ----------
    fmt : {"json", "xml", "csv", "tsv"}
    variables : sequence of str
        The projected variable names (without ``?``).
    rows : iterable of sequences
        One sequence of pyoxigraph terms (``None`` when unbound) per solution.
    """
    if fmt == "json":
        bindings = [
            {v: json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows
        ]
        data = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt == "xml":
        parts = [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<sparql xmlns="{SPARQL_RESULTS_NS}"><head>',
            *(f'<variable name="{_xml_attr(v)}"/>' for v in variables),
            "</head><results>",
        ]
        for row in rows:
            parts.append("<result>")
            for v, t in zip(variables, row, strict=True):
                if t is not None:
                    parts.append(f'<binding name="{_xml_attr(v)}">{xml_term(t)}</binding>')
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([csv_value(t) for t in row])
        return buffer.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join(tsv_value(t) for t in row) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown results format {fmt!r}")


def boolean_bytes(fmt: str, value: bool) -> bytes:
    """Serialise an ASK answer (CSV and TSV carry the bare word, as Oxigraph writes it)."""
    word = "true" if value else "false"
    if fmt == "json":
        return b'{"head":{},"boolean":' + word.encode() + b"}"
    if fmt == "xml":
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}">'
            f"<head></head><boolean>{word}</boolean></sparql>\n"
        ).encode()
    if fmt in ("csv", "tsv"):
        return word.encode()
    raise ValueError(f"unknown results format {fmt!r}")


def triples_bytes(fmt: str, triples: Sequence[Any], prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise CONSTRUCT/DESCRIBE triples as Turtle, N-Triples, JSON-LD or RDF/XML."""
    import pyoxigraph

    from pharmgraph.store import rdf_format

    if fmt not in ("turtle", "ntriples", "jsonld", "rdfxml"):
        raise ValueError(f"unknown RDF format {fmt!r}")
    rdf = rdf_format(fmt)
    if fmt == "turtle" and prefixes:
        return pyoxigraph.serialize(triples, format=rdf, prefixes=prefixes)
    return pyoxigraph.serialize(triples, format=rdf)
