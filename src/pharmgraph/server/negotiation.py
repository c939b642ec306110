"""Choosing a result format: the ``format`` parameter first, then the ``Accept`` header.

SELECT and ASK results come as SPARQL JSON (default), SPARQL XML, CSV or TSV; CONSTRUCT and
DESCRIBE results as Turtle (default), N-Triples, JSON-LD or RDF/XML. A ``format`` (or
``output``) parameter may name a format (``json``, ``csv``, ``turtle``, ``json-ld``...) or a
media type; it wins over ``Accept``. The short names that SPARQLWrapper sends are understood
(``xml`` for a CONSTRUCT means RDF/XML, ``n3`` means Turtle).

Examples
--------
>>> choose("select", [], "text/csv, */*;q=0.1")
('csv', 'text/csv')
>>> choose("graph", ["json-ld"], "text/turtle")
('jsonld', 'application/ld+json')
>>> choose("select", [], "text/html,application/xhtml+xml,*/*;q=0.8")
('json', 'application/sparql-results+json')
"""

from __future__ import annotations

from pharmgraph.store import RDF_MEDIA, RESULT_MEDIA

#: Formats per query form ("select" covers SELECT and ASK; "graph" CONSTRUCT and DESCRIBE),
#: default first.
FORMATS: dict[str, dict[str, str]] = {
    "select": {k: RESULT_MEDIA[k] for k in ("json", "xml", "csv", "tsv")},
    "graph": {k: RDF_MEDIA[k] for k in ("turtle", "ntriples", "jsonld", "rdfxml")},
}

_NAMES: dict[str, dict[str, str]] = {
    "select": {
        "json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
        "application/json": "json", "text/javascript": "json", "application/javascript": "json",
        "application/xml": "xml", "text/xml": "xml",
    },
    "graph": {
        "turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples",
        "n-triples": "ntriples", "nt": "ntriples", "jsonld": "jsonld", "json-ld": "jsonld",
        "json": "jsonld", "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml",
        "application/turtle": "turtle", "application/x-turtle": "turtle", "text/n3": "turtle",
        "text/rdf+n3": "turtle", "application/n3": "turtle", "text/plain": "ntriples",
        "application/x-json+ld": "jsonld", "application/json": "jsonld",
        "application/xml": "rdfxml", "text/xml": "rdfxml",
    },
}
for _form, _table in FORMATS.items():
    for _key, _media in _table.items():
        _NAMES[_form][_media] = _key

FORM_LABEL = {"select": "SELECT and ASK", "graph": "CONSTRUCT and DESCRIBE"}


class NotAcceptable(ValueError):
    """No format the client accepts fits the query's form."""


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Parse an ``Accept`` header into ``(media range, q)`` pairs, best first.

    Ties on ``q`` go to the more specific range, then to the earlier one.
    """
    if not header:
        return []
    entries = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        entries.append((-q, -specificity, index, media, q))
    entries.sort()
    return [(media, q) for _, _, _, media, q in entries]


def choose(form: str, format_values: list[str], accept: str | None) -> tuple[str, str]:
    """Pick the result format for a query form.

    Parameters
    ----------
    form : {"select", "graph"}
        The kind of result: solutions/boolean, or triples.
    format_values : list of str
        Values of the ``format``/``output`` parameters, in order (empty when absent).
    accept : str or None
        The ``Accept`` header.

    Returns
    -------
    tuple of str
        The format key (``json``, ``turtle``...) and its media type.

    Raises
    ------
    NotAcceptable
        When the ``format`` parameter names no format of this form, or ``Accept`` allows none.
    """
    table, names = FORMATS[form], _NAMES[form]
    given = [v.strip().lower() for v in format_values if v and v.strip()]
    for value in given:
        key = names.get(value.split(";")[0].strip())
        if key is not None:
            return key, table[key]
    if given:
        raise NotAcceptable(
            f"The format {given[0]!r} does not apply to {FORM_LABEL[form]} queries; "
            f"use one of {', '.join(table)}."
        )
    ranges = parse_accept(accept)
    if not ranges:
        key = next(iter(table))
        return key, table[key]
    refused = {media for media, q in ranges if q == 0}
    for media, q in ranges:
        if q == 0:
            continue
        if media == "*/*" or media.endswith("/*"):
            major = media[:-1]
            for key, offered in table.items():
                if (media == "*/*" or offered.startswith(major)) and offered not in refused:
                    return key, offered
            continue
        key = names.get(media)
        if key is not None and table[key] not in refused:
            return key, table[key]
    raise NotAcceptable(
        f"None of the accepted media types fits {FORM_LABEL[form]} results; "
        f"this endpoint offers {', '.join(table.values())}."
    )
