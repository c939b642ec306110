"""Parsing XML safely: entity declarations and external references are refused, not expanded."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from pharmgraph.errors import InputError


def parse_xml(data: bytes | str, name: str) -> Element:
    """Parse XML with defusedxml (no entity expansion, no external DTDs or entities).

    Raises
    ------
    InputError
        For malformed XML, or XML that declares entities or external references.
    """
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(
            f"{name} declares XML entities or external references, which pharmgraph refuses "
            "to expand; remove the DOCTYPE's entity declarations."
        ) from None
    except ParseError as error:
        raise InputError(f"{name} is not well-formed XML ({error}).") from None


def local_name(tag: object) -> str:
    """The tag without its namespace (``{ns}collection`` -> ``collection``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def element_text(element: Element | None) -> str:
    """All text inside ``element`` (inline markup such as ``<i>`` dropped), white space collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
