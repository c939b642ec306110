"""Parsing XML safely: entity declarations and external references are refused, not expanded."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from pharmgraph.errors import InputError

_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']{0,40})["']""")


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
    except (LookupError, ValueError) as error:
        # expat refuses multi-byte encodings (UTF-7, UTF-32) and unknown encoding names.
        declared = _ENCODING.search(data[:200] if isinstance(data, bytes) else data[:200].encode("utf-8", "replace"))
        encoding = declared.group(1).decode("ascii", "replace") if declared else "an encoding"
        raise InputError(
            f"{name} declares {encoding!r}, which pharmgraph cannot read ({error}); save it as UTF-8."
        ) from None
    except RecursionError:
        raise InputError(f"{name} nests its XML elements too deeply to read.") from None


def local_name(tag: object) -> str:
    """The tag without its namespace (``{ns}collection`` -> ``collection``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def element_text(element: Element | None) -> str:
    """All text inside ``element`` (inline markup such as ``<i>`` dropped), white space collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
