"""Refusing SPARQL that would make the store fetch other URLs (``SERVICE``, ``LOAD``).

pyoxigraph has no switch to turn its HTTP client off: a query with ``SERVICE <url>`` makes
it send the inner query to ``url`` and use the answer. pharmgraph therefore refuses such
queries before they reach Oxigraph, with two independent layers; a query is run only when
both pass.

Layer 1, the token scan (:func:`check_tokens`, cheap: microseconds per query)
    The query text is read with a small lexer that follows the SPARQL 1.1 terminals exactly
    where they decide what is code: comments end at a line feed *or* a carriage return;
    prefixed names may hold ``\\'``, ``\\#`` and the other ``PN_LOCAL_ESC`` escapes; short
    strings cannot cross a line end; IRIs are ``<...>`` without spaces, quotes or braces.
    The query is refused when the letters ``SERVICE`` or ``LOAD`` (any case) appear in any
    piece of code, that is anywhere except inside a string literal, an IRI in angle brackets,
    a comment or a variable name. The test is on substrings of words and prefixed names, not
    on whole keywords, so no reading of word boundaries can hide the keyword
    (``SERVICE:x{...}``, ``1SERVICE``). To fail closed where readings may differ, the scan
    is repeated on several versions of the text and refuses if any version shows the word:

    * the text as sent, and the text after decoding ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes
      (SPARQL decodes them before parsing), repeated until nothing changes;
    * when an ``<...>`` span holds a ``'`` or a ``#`` (a ``<`` may be a less-than sign, so
      the span may not be an IRI at all), the text is scanned a second time with ``<``
      read as an operator, so a quote or ``#`` inside it cannot hide what follows.

    False positives: a query is refused for the words ``service`` or ``load`` outside
    strings, IRIs, comments and variables, e.g. a prefixed name ``ex:workload`` or a prefix
    named ``load:``; words in strings (``"viral load"``), IRIs, comments and variable names
    (``?load``) are fine. Over the project's own queries (pages, analyses, tests) the scan
    refuses none.

Layer 2, the parse (:func:`check_query`, strict: 2-30 ms per query)
    The query, with pharmgraph's predeclared prefixes (:data:`pharmgraph.rdf.SPARQL_PREFIXES`)
    in front, is parsed by rdflib's SPARQL 1.1 parser and translated to its algebra; the parse
    tree and the algebra are walked and any ``ServiceGraphPattern`` or ``Load`` node, at any
    depth (subqueries, ``OPTIONAL``, ``UNION``, ``MINUS``, ``FILTER EXISTS``, nested groups)
    is refused. A text rdflib cannot read is refused too, so a disagreement between rdflib
    and Oxigraph fails closed; so is an update.

Where each layer applies: the strict :func:`check_query` guards every query a user sends
(the server's ``/sparql`` and ``/query``, and :meth:`pharmgraph.store.GraphStore.query_bytes`,
which the ``pharmgraph sparql`` command uses). :func:`pharmgraph.store.check_query`, run on
every query the store answers (``select``/``ask``, used by analyses with many small queries of
their own), applies the cheap layer only.

Examples
--------
>>> check_query('SELECT ?s WHERE { ?s rdfs:label "service and load" }')
>>> check_query('SELECT * WHERE { ?s ?p ?o } # a note\\r SERVICE <http://x/> { ?a ?b ?c }')
Traceback (most recent call last):
...
pharmgraph.sparql_guard.ForbiddenQuery: SERVICE is not allowed: pharmgraph does not fetch other URLs on a query's behalf.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pharmgraph.errors import QueryError

__all__ = ["ForbiddenQuery", "QueryShape", "add_distinct", "analyse", "check_query", "check_tokens", "code_words", "distinct_by_default"]

_WORDS = re.compile(r"service|load", re.IGNORECASE)

# One alternative per token kind, tried at the current position in this order.
_IRI = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_LEXER = [
    ("space", re.compile(r"\s+")),
    ("comment", re.compile(r"#[^\r\n]*")),
    ("string", re.compile(r'"""(?:"{0,2}(?:[^"\\]|\\[\s\S]))*"""')),
    ("string", re.compile(r"'''(?:'{0,2}(?:[^'\\]|\\[\s\S]))*'''")),
    ("string", re.compile(r'"(?:[^"\\\n\r]|\\[^\n\r])*"')),
    ("string", re.compile(r"'(?:[^'\\\n\r]|\\[^\n\r])*'")),
    ("var", re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+")),
    # A prefixed name: optional prefix, colon, local part with %-escapes and \-escapes.
    ("pname", re.compile(
        r"(?:[^\W\d_][\w.\-\u00b7]*)?:"
        r"(?:[\w.\-:\u00b7]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])*"
    )),
    ("word", re.compile(r"\w+")),
]
_IRI_RE = re.compile(_IRI)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

class ForbiddenQuery(QueryError):
    """A query refused because it would fetch other URLs (``SERVICE``, ``LOAD``)."""


REFUSAL = "{word} is not allowed: pharmgraph does not fetch other URLs on a query's behalf."


def _decode_escapes(text: str) -> str:
    def expand(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        try:
            return chr(code)
        except (ValueError, OverflowError):
            return match.group(0)

    return _ESCAPE.sub(expand, text)


def _tokens(text: str, iris: bool) -> Iterator[tuple[str, str, bool]]:
    """Yield ``(kind, text, iri_is_doubtful)`` for each token; unknown characters are "char"."""
    position, end = 0, len(text)
    while position < end:
        if iris and text[position] == "<":
            match = _IRI_RE.match(text, position)
            if match:
                body = match.group(0)
                yield "iri", body, ("'" in body or "#" in body)
                position = match.end()
                continue
        for kind, pattern in _LEXER:
            match = pattern.match(text, position)
            if match and match.end() > position:
                yield kind, match.group(0), False
                position = match.end()
                break
        else:
            yield "char", text[position], False
            position += 1


def code_words(text: str, iris: bool = True) -> list[str]:
    """Return the pieces of ``text`` that are code: words, prefixed names and other characters.

    Strings, IRIs (when ``iris``), comments, variables and spaces are left out.

    Examples
    --------
    >>> code_words("SELECT ?x WHERE { ?x pg:p 'SERVICE' } # LOAD")
    ['SELECT', 'WHERE', '{', 'pg:p', '}']
    >>> code_words("SELECT * { pg:x\\\\' ?p ?o } # \\r SERVICE")
    ['SELECT', '*', '{', "pg:x\\\\'", '}', 'SERVICE']
    """
    return [t for kind, t, _ in _tokens(text, iris) if kind in ("word", "pname", "char")]


def _versions(text: str) -> Iterator[str]:
    """The text as sent, then after each round of escape decoding (at most 4 rounds)."""
    yield text
    for _ in range(4):
        decoded = _decode_escapes(text)
        if decoded == text:
            return
        text = decoded
        yield text


def _scan(text: str) -> str | None:
    """Return the forbidden word found in code, or None."""
    for version in _versions(text):
        doubtful = False
        for kind, token, unsure in _tokens(version, iris=True):
            doubtful = doubtful or unsure
            if kind in ("word", "pname") and (match := _WORDS.search(token)):
                return match.group(0).upper()
        if doubtful:
            for kind, token, _ in _tokens(version, iris=False):
                if kind in ("word", "pname") and (match := _WORDS.search(token)):
                    return match.group(0).upper()
    return None


def check_tokens(query: str) -> None:
    """The cheap layer: refuse ``SERVICE``/``LOAD`` anywhere in the code of a query text.

    Raises
    ------
    QueryError
        When the word appears outside strings, IRIs, comments and variable names, in the text
        or in its ``\\u``-decoded form (see the module docstring for the exact rule).

    Examples
    --------
    >>> check_tokens('SELECT * WHERE { ?s ?p "LOAD" }')
    >>> check_tokens("SELECT * WHERE { \\\\u0053ERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    pharmgraph.sparql_guard.ForbiddenQuery: SERVICE is not allowed: pharmgraph does not fetch other URLs on a query's behalf.
    """
    word = _scan(query)
    if word is not None:
        raise ForbiddenQuery(REFUSAL.format(word=word))


# -- the parse layer ---------------------------------------------------------------------------
_REFUSED_NODES = {"ServiceGraphPattern": "SERVICE", "Service": "SERVICE", "Load": "LOAD"}


@dataclass(frozen=True)
class QueryShape:
    """What the parse says about a query, for the server's DISTINCT-by-default rule.

    Attributes
    ----------
    form : str
        ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    modifier : str or None
        ``DISTINCT`` or ``REDUCED`` on the top-level SELECT, else None.
    aggregates : bool
        The query groups (GROUP BY) or uses an aggregate at its top level.
    graphs : bool
        The query names graphs anywhere: ``GRAPH``, ``FROM`` or ``FROM NAMED``.
    """

    form: str
    modifier: str | None
    aggregates: bool
    graphs: bool


def _children(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        yield from node.values()
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        yield from node


def _names(node: Any, depth: int = 0) -> Iterator[str]:
    """Every CompValue name in a parse tree or algebra, at any depth."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 500:
        raise QueryError("The query is nested too deeply to check.")
    if isinstance(node, CompValue):
        yield node.name
    for child in _children(node):
        if isinstance(child, (dict, list, tuple)) or type(child).__name__ == "ParseResults":
            yield from _names(child, depth + 1)


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200]


def _where(exc: BaseException, prologue: str) -> str:
    """``error at LINE:COLUMN: message`` in the user's own lines (the prologue removed)."""
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "col", None)
    message = " ".join(str(getattr(exc, "msg", "") or exc).split())[:200]
    if isinstance(line, int) and isinstance(column, int):
        line -= prologue.count("\n")
        if line >= 1:
            return f"error at {line}:{column}: {message} (read by the safety check's SPARQL 1.1 parser)"
    return f"{message} (read by the safety check's SPARQL 1.1 parser)"


def analyse(query: str) -> QueryShape:
    """Check a user's query with both layers and say what kind of query it is.

    Raises
    ------
    QueryError
        For ``SERVICE`` or ``LOAD`` anywhere, for updates, and for any text rdflib's SPARQL 1.1
        parser cannot read (one sentence, with the parser's message).
    """
    check_tokens(query)
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    from pharmgraph.rdf import SPARQL_PREFIXES

    text = SPARQL_PREFIXES + query
    try:
        tree = parseQuery(text)
    except (ParseException, ValueError, TypeError, RecursionError) as exc:
        try:
            parseUpdate(text)
        except Exception:
            raise QueryError(f"The SPARQL query is malformed: {_where(exc, SPARQL_PREFIXES)}.") from None
        raise QueryError(
            "This is a SPARQL update, not a query; only SELECT, ASK, CONSTRUCT and DESCRIBE run here."
        ) from None
    names = set(_names(tree))
    try:
        algebra = translateQuery(tree)
    except QueryError:
        raise
    except Exception as exc:
        raise QueryError(f"The SPARQL query could not be checked: {_first_line(exc)}.") from None
    names |= set(_names(algebra.algebra))
    for name, word in _REFUSED_NODES.items():
        if name in names:
            raise ForbiddenQuery(REFUSAL.format(word=word))
    body = tree[1]
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(body.name, body.name)
    parts = dict(body)
    modifier = parts.get("modifier") if form == "SELECT" else None
    top = set(_names([parts.get("projection"), parts.get("having"), parts.get("orderby")]))
    aggregates = parts.get("groupby") is not None or any(n.startswith("Aggregate_") for n in top)
    graphs = "GraphGraphPattern" in names or bool(parts.get("datasetClause"))
    return QueryShape(form=form, modifier=str(modifier).upper() if modifier else None,
                      aggregates=aggregates, graphs=graphs)


def check_query(query: str) -> None:
    """Refuse a user's query unless both layers pass (see the module docstring).

    Raises
    ------
    QueryError
        For ``SERVICE`` or ``LOAD`` anywhere, updates, and texts the parser cannot read.
    """
    analyse(query)


def add_distinct(query: str) -> str | None:
    """Return ``query`` with ``DISTINCT`` after its first ``SELECT`` keyword, or None.

    None when no ``SELECT`` keyword appears as code (e.g. it is written with ``\\u`` escapes).

    Examples
    --------
    >>> add_distinct("# SELECT in a comment\\nSELECT ?s WHERE { ?s ?p 'SELECT' }")
    "# SELECT in a comment\\nSELECT DISTINCT ?s WHERE { ?s ?p 'SELECT' }"
    """
    position = 0
    for kind, token, _ in _tokens(query, iris=True):
        if kind == "word" and token.lower() == "select":
            end = position + len(token)
            return query[:end] + " DISTINCT" + query[end:]
        position += len(token)
    return None


def distinct_by_default(shape: QueryShape) -> bool:
    """Tell whether the server adds ``DISTINCT`` to a query of this shape.

    The rule: a top-level SELECT with no DISTINCT or REDUCED, no GROUP BY and no aggregate,
    and no GRAPH, FROM or FROM NAMED anywhere (the default graph is then the union of the
    document graphs, where a triple held by several documents gives one row per document).
    The server also leaves the query alone when the request names its dataset
    (``default-graph-uri``, ``named-graph-uri``) or passes ``distinct=false``.
    """
    return shape.form == "SELECT" and shape.modifier is None and not shape.aggregates and not shape.graphs
