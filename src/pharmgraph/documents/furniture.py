"""Page furniture: headings and lines that belong to the web page, not to the document.

Documents saved from web pages carry buttons ("Get Quote"), review badges, personalisation
prompts, contact details, disclaimers and reference lists. Sections under a boilerplate heading
yield no sentences; a references section is parsed into :attr:`Document.references` instead.

Back-matter headings (references, disclaimers, contact, sales prompts) are *sticky* for headings
inferred from plain-text lines: after them, a short line such as a company name does not start
a content section again. An explicit heading (Markdown ``#``, HTML ``<h2>``) does.
"""

from __future__ import annotations

import re

_REFERENCES = re.compile(
    r"^(?:\d+\.?\s*)?(?:references?(?: and notes)?|bibliography|literature(?: cited)?|"
    r"works cited|cited literature|sources|citations|reference list)\s*:?\s*$",
    re.IGNORECASE,
)

_BACK_MATTER = re.compile(
    r"disclaimer|^(?:have a (?:follow-up )?question|need (?:custom|industrial|bulk|help|more)|"
    r"looking for|request a quote|related (?:articles|products|posts|content)|you may also like)|"
    r"^(?:\d+\.?\s*)?(?:contact(?: us| information)?|acknowledg(?:e)?ments?|funding|"
    r"conflicts? of interest|competing interests?|declaration of interests?|author contributions?|"
    r"author information|about (?:us|the authors?)|copyright|privacy|terms (?:of use|and conditions)|"
    r"cookies?|newsletter|subscribe|"
    r"recommended|see also|share this|(?:\d+ |reader |user |readers' |post a |leave a )comments?|comments? \(\d+\)|"
    r"footnotes|notes|supplementary (?:material|data|"
    r"information)|data availability|ethics statement)\s*[:?.!]?\s*$",
    re.IGNORECASE,
)

# Lines (and headings) that are page furniture wherever they appear.
_FURNITURE_LINE = re.compile(
    r"^(?:get (?:a )?quote|request (?:a )?(?:custom )?(?:synthesis )?quote|add to (?:cart|basket)|"
    r"buy now|click (?:here )?to (?:download|view|enlarge|see|open)|download (?:full|pdf|"
    r"citation|high-res)|view (?:editorial policy|larger|full|figure|table)|"
    r"personali[sz]e|help us tailor|which best describes you|medical advisory board|"
    r"educational purpose only|article review status|last (?:updated|reviewed|modified)\b|"
    r"(?:published|updated|posted|reviewed) (?:on|by)\b|share (?:this|on|via)\b|print(?: this)?(?: page)?$|"
    r"back to top|skip to (?:main )?content|sign (?:in|up)\b|log ?in\b|subscribe\b|"
    r"accept (?:all )?cookies|we use cookies|advertisement$|all rights reserved|©|copyright\b|"
    r"(?:author|authors|date|cat\.? ?no\.?|catalog (?:no\.?|number)|compound name|e-?mail|phone|"
    r"tel|fax|address|doi|pmid|keywords|tags|categories|source|website)\s*:)",
    re.IGNORECASE,
)

_LINK_ONLY = re.compile(r"^(?:!?\[[^\]\n]{0,300}\]\([^)\s]{0,500}\)[\s.,;|]*)+$")


def is_references_heading(title: str) -> bool:
    """True for "References", "Literature cited", "5. References" and the like.

    Examples
    --------
    >>> is_references_heading("References"), is_references_heading("Referenced drugs")
    (True, False)
    """
    return bool(_REFERENCES.match(title.strip()))


def is_back_matter_heading(title: str) -> bool:
    """True for headings after which a web page holds only furniture (disclaimers, contact...).

    Examples
    --------
    >>> is_back_matter_heading("Professional Medical Disclaimer")
    True
    >>> is_back_matter_heading("Need Custom Synthesis?")
    True
    >>> is_back_matter_heading("Clinical Implications")
    False
    """
    title = title.strip()
    return is_references_heading(title) or bool(_BACK_MATTER.search(title))


def is_furniture_line(text: str) -> bool:
    """True for a line that is page furniture: a button, a badge, a contact or metadata line.

    ``text`` is the cleaned line (markup blanked); only its start is examined.

    Examples
    --------
    >>> is_furniture_line("Get Quote"), is_furniture_line("Email: info@example.org")
    (True, True)
    >>> is_furniture_line("Lamotrigine blocks sodium channels.")
    False
    """
    head = " ".join(text[:300].split())
    return bool(_FURNITURE_LINE.match(head))


def is_link_only(raw: str) -> bool:
    """True when a raw Markdown line is nothing but links (``[Get Quote](#)``): a UI element."""
    raw = raw.strip()
    return len(raw) <= 2000 and bool(_LINK_ONLY.match(raw))
