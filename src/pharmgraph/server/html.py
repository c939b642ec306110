"""A tiny escaping template helper for the server's pages.

Every value put into a page goes through :func:`html.escape` unless it is already
:class:`Markup` (HTML built by this module). Templates are ordinary ``str.format`` strings, so
there is no template language to learn and nothing can be interpolated unescaped by accident.

Examples
--------
>>> render("<p>{name}</p>", name="<script>alert(1)</script>")
Markup('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
>>> render("<ul>{items}</ul>", items=join(render("<li>{x}</li>", x=x) for x in ["a&b", "c"]))
Markup('<ul><li>a&amp;b</li><li>c</li></ul>')
>>> render('<a href="{url}">x</a>', url=link("/entity", "CHEBI:6367"))
Markup('<a href="/entity/CHEBI:6367">x</a>')
"""

from __future__ import annotations

import html
import urllib.parse
from collections.abc import Iterable
from typing import Any


class Markup(str):
    """A string that is already safe HTML and must not be escaped again."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Markup({str.__repr__(self)})"


def escape(value: Any) -> Markup:
    """Return ``value`` as safe HTML: Markup as is, anything else escaped (quotes included).

    ``None`` becomes the empty string.
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(html.escape(str(value), quote=True))


def render(template: str, **values: Any) -> Markup:
    """Fill a ``str.format`` template, escaping every value that is not :class:`Markup`.

    Parameters
    ----------
    template : str
        Trusted HTML with ``{name}`` placeholders (written in this package, never user data).
    **values
        Values for the placeholders.
    """
    return Markup(template.format(**{k: escape(v) for k, v in values.items()}))


def join(parts: Iterable[Any], separator: str = "") -> Markup:
    """Join pieces of HTML, escaping those that are not :class:`Markup`."""
    return Markup(escape(separator).join(escape(p) for p in parts))


def link(base: str, *segments: str, **query: Any) -> str:
    """Build a same-site URL: path segments percent-encoded, optional query parameters.

    The result is a plain string; :func:`render` escapes it when it goes into an attribute.
    """
    path = base.rstrip("/")
    for segment in segments:
        path += "/" + urllib.parse.quote(str(segment), safe=":@!$'()*+,;=")
    params = {k: v for k, v in query.items() if v is not None}
    if params:
        path += "?" + urllib.parse.urlencode(params)
    return path
