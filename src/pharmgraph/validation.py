"""Check statements against pharmgraph's SHACL shapes (``ontology/shapes.ttl``) with pyshacl.

Examples
--------
>>> from pharmgraph.model import Entity, Evidence, Statement
>>> s = Statement(Entity("CHEBI:6367", "lamotrigine", "Drug"), "blocks",
...               Entity("mesh:D062528", "sodium channel", "IonChannel"),
...               evidence=(Evidence("a.txt", "Lamotrigine blocks sodium channels.", 0, 35),))
>>> validate_statements([s])
[]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pharmgraph.errors import InputError, PharmgraphError
from pharmgraph.model import Statement, read_jsonl
from pharmgraph.rdf import to_dataset
from pharmgraph.store import GraphStore

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Finding:
    """One SHACL result: severity (Violation, Warning, Info), focus node, path, message."""

    severity: str
    focus: str
    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Return the finding as a plain dict."""
        return asdict(self)


def ontology_path(name: str = "pharmgraph.ttl") -> Path:
    """Return the path of a file in the packaged ontology folder."""
    return Path(str(resources.files("pharmgraph") / "ontology" / name))


@lru_cache(maxsize=1)
def _shapes():
    from rdflib import Graph

    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


def validate_graph(data) -> list[Finding]:
    """Validate an rdflib Graph or Dataset (all graphs together); return the findings."""
    from pyshacl import validate
    from rdflib import Graph, Literal, URIRef

    union = Graph()
    findings = []
    for s, p, o in (data.triples((None, None, None)) if not hasattr(data, "quads") else
                    ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))):
        if isinstance(o, Literal) and _not_finite(o):
            # pyshacl cannot compare NaN or infinite numbers with a range: report them here
            # and leave them out of what it checks.
            findings.append(Finding("Violation", str(s), str(p), f"The value {o} is not a finite number."))
            continue
        union.add((s, p, o))
    if hasattr(data, "quads"):
        _spread_shared_values(data, union)
    try:
        _conforms, report, _text = validate(union, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    except (ValueError, TypeError, ArithmeticError, RecursionError) as exc:
        raise PharmgraphError(
            f"The SHACL check could not finish ({type(exc).__name__}: {str(exc)[:120]})."
        ) from None
    for result in report.subjects(URIRef(SH + "resultSeverity"), None):
        severity = report.value(result, URIRef(SH + "resultSeverity"))
        focus = report.value(result, URIRef(SH + "focusNode"))
        path = report.value(result, URIRef(SH + "resultPath"))
        message = report.value(result, URIRef(SH + "resultMessage"))
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=str(focus),
                path=str(path) if path is not None else "",
                message=str(message) if isinstance(message, Literal) else str(message or ""),
            )
        )
    return sorted(findings, key=lambda f: (f.severity, f.focus, f.path))


def _spread_shared_values(dataset, union) -> None:
    """Copy the evidence values a model 2 document node states for all its evidence onto
    each piece of evidence in the union, so that the evidence shapes see them (the union
    alone cannot tell which document a statement node belongs to)."""
    from rdflib import URIRef

    from pharmgraph.rdf import PG, RDF, SHARED_FIELDS

    has_evidence, subject = URIRef(PG + "hasEvidence"), URIRef(RDF + "subject")
    names = [URIRef(PG + name) for _, name in SHARED_FIELDS]
    for graph in dataset.graphs():
        node = graph.identifier
        shared = [(p, o) for p in names for o in graph.objects(node, p)]
        if not shared:
            continue
        carriers = set(graph.objects(None, has_evidence))
        carriers |= {st for st in graph.subjects(subject, None) if (st, has_evidence, None) not in graph}
        for carrier in carriers:
            for p, o in shared:
                union.add((carrier, p, o))


def _not_finite(literal) -> bool:
    import math

    datatype = str(literal.datatype or "")
    if not datatype.endswith(("#double", "#float", "#decimal")):
        return False
    text = str(literal).strip().lower()
    if text in ("nan", "inf", "-inf", "+inf"):
        return True
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return False


def validate_statements(statements: Iterable[Statement]) -> list[Finding]:
    """Validate statements as they would be stored."""
    return validate_graph(to_dataset(statements))


def validate_store(store: GraphStore) -> list[Finding]:
    """Validate everything in a store."""
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=store.export("nquads"), format="nquads")
    return validate_graph(dataset)


_RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}


def validate_path(path: str | Path) -> list[Finding]:
    """Validate a JSON Lines statements file or an RDF file (Turtle, TriG, N-Quads, ...).

    Raises
    ------
    InputError
        When the file is missing or cannot be parsed.
    """
    from rdflib import Dataset

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file.")
    if path.suffix in (".jsonl", ".ndjson"):
        return validate_statements(read_jsonl(path))
    fmt = _RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown file type; give .jsonl, .ttl, .trig, .nq, .nt, .jsonld or .rdf.")
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(f"{path}: not valid {fmt} ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}).") from None
    return validate_graph(dataset)
