"""Citation markers and Markdown-lite markup, found in one pass and blanked to the same length.

Documents copied from web pages mix prose with Markdown (``**bold**``, ``[text](url)``,
``^[1]``, ``[\\[13\\]](#)``). :func:`scan_markup` finds citation markers (recorded as
:class:`Citation`) and the markup characters to blank; :func:`blank_spans` turns the text into
its ``clean`` twin, the same length, so offsets found in ``clean`` are offsets in the text.

Every repetition in the patterns is bounded, so pathological input (a million ``[``) stays
linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Keys inside a citation marker: "6", "6,7", "3-5", "3–5, 8".
_KEYS = r"\d{1,4}(?:\s{0,2}[,–-]\s{0,2}\d{1,4}){0,30}"

_CITATION_PATTERNS = [
    # [\[13\]](#): an escaped-bracket link, as web-page-to-Markdown converters write it.
    rf"\[\\\[(?P<k1>{_KEYS})\\\]\](?:\([^)\s]{{0,500}}\))?",
    # ^[1]: Pandoc-style superscript.
    rf"\^\[(?P<k2>{_KEYS})\]",
    # [6](#ref6) and plain [6], [2,3], [3-5].
    # A letter right after the bracket makes it part of a name: [1,2,4]triazole.
    rf"\[(?P<k3>{_KEYS})\](?:\([^)\s]{{0,500}}\))?(?![A-Za-z])",
]

_MARKDOWN_PATTERNS = [
    r"(?P<image>!\[[^\]\n]{0,300}\]\([^)\s]{0,500}\))",
    r"(?P<link_open>\[)(?=[^\[\]\n]{0,300}\]\([^)\s]{0,500}\))",
    r"(?P<link_close>\]\([^)\s]{0,500}\))",
    r"(?P<strong>\*\*|__)",
    r"(?P<em>(?<![\w*])\*(?=\w)|(?<=[\w.)%])\*(?![\w*]))",
    r"(?P<escape>\\(?=[\[\]()*_`#!^\\|]))",
    r"(?P<code>`)",
    r"(?P<tag></?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,200})?/?>)",
    r"(?P<glyph>[•‣◦▪●])",
]

_MARKDOWN_RE = re.compile("|".join(_CITATION_PATTERNS + _MARKDOWN_PATTERNS))
_PLAIN_RE = re.compile("|".join([*_CITATION_PATTERNS, r"(?P<glyph>[•‣◦▪●])"]))
_HEADING_MARK_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]", re.MULTILINE)
# Every pattern above starts with one of these characters: trying the alternation only where
# one occurs is many times faster than letting it scan every position of a long text.
_MARKDOWN_TRIGGER = re.compile(r"[\[\^!\]*_\\`<•‣◦▪●]")
_PLAIN_TRIGGER = re.compile(r"[\[\^•‣◦▪●]")

# Trailing reference numbers after a line's last word or period ("... aspartate. 1",
# "... neuron 3, 4"), as some web articles print superscripts.
_TRAILING_RE = re.compile(r"(?<=[A-Za-z.)%\]])[ \t]+(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3}){0,10})[ \t]*$")
# Words after which a trailing number is part of the prose, not a citation.
_NUMBER_WORDS = frozenset(
    "a an and or of to in at on by from than was were is are be n no number type grade phase "
    "stage class step level day days week weeks month months year years hour hours figure fig "
    "table tables version dose doses group groups cohort patient patients ph about approximately "
    "over under between kv nav cav gaba chapter section page pages item items mg ml kg".split()
)


@dataclass(frozen=True)
class Citation:
    """A citation marker: where it is and which reference keys it names."""

    start: int
    end: int
    keys: tuple[str, ...]


def expand_keys(raw: str) -> tuple[str, ...]:
    """Expand ``"2, 3"`` and ``"3-5"`` into reference keys.

    Examples
    --------
    >>> expand_keys("3-5, 8")
    ('3', '4', '5', '8')
    """
    keys: list[str] = []
    for part in re.split(r"\s*,\s*", raw.strip()):
        bounds = re.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if low < high <= low + 50:
                keys.extend(str(k) for k in range(low, high + 1))
                continue
        keys.extend(b for b in bounds if b.isdigit())
    return tuple(dict.fromkeys(str(int(k)) for k in keys))


def scan_markup(text: str, markdown: bool = True) -> tuple[list[Citation], list[tuple[int, int]]]:
    """Find citation markers and markup to blank.

    Parameters
    ----------
    text : str
        The whole document text.
    markdown : bool
        Also blank Markdown emphasis, link syntax, inline HTML tags, heading marks and
        escapes; otherwise only citation markers and bullet glyphs.

    Returns
    -------
    citations : list of Citation
        In text order.
    blanks : list of (int, int)
        Spans to replace with spaces (citations included), in text order, not overlapping.
    """
    pattern = _MARKDOWN_RE if markdown else _PLAIN_RE
    trigger = _MARKDOWN_TRIGGER if markdown else _PLAIN_TRIGGER
    citations: list[Citation] = []
    blanks: list[tuple[int, int]] = []
    last_end = 0
    for hit in trigger.finditer(text):
        if hit.start() < last_end:
            continue
        match = pattern.match(text, hit.start())
        if match is None or match.end() == match.start():
            continue
        start, end = match.span()
        last_end = end
        raw = match.group("k1") or match.group("k2") or match.group("k3")
        if raw:
            keys = expand_keys(raw)
            if keys:
                citations.append(Citation(start, end, keys))
        blanks.append((start, end))
    if markdown:
        blanks.extend(m.span() for m in _HEADING_MARK_RE.finditer(text))
        blanks.sort()
    return citations, blanks


def trailing_citation(text: str, start: int, end: int) -> Citation | None:
    """Return the trailing reference numbers of ``text[start:end]``, if it ends with some.

    Only the last 120 characters are searched; the number must follow a word or a period and
    the word before it must not be one that takes a number (``dose 2``, ``type 2``).

    Examples
    --------
    >>> line = "This blockade stabilizes the presynaptic membrane 3, 4"
    >>> trailing_citation(line, 0, len(line)).keys
    ('3', '4')
    >>> trailing_citation("Patients received phase 3", 0, 25) is None
    True
    """
    window_start = max(start, end - 120)
    window = text[window_start:end]
    match = _TRAILING_RE.search(window)
    if not match:
        return None
    before = window[: match.start()].rstrip()
    words = text[start:end].split()
    if len(words) < 5:
        return None
    previous = re.findall(r"[A-Za-z]+\.?$", before)
    if previous and not previous[0].endswith("."):
        if previous[0].lower() in _NUMBER_WORDS or len(previous[0]) < 3:
            return None
    elif not before.endswith((".", ")", "]", "%")):
        return None
    keys = expand_keys(match.group(1))
    if not keys or any(int(k) == 0 or int(k) > 400 for k in keys):
        return None
    return Citation(window_start + match.start(1), window_start + match.end(1), keys)


def blank_spans(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Replace each ``(start, end, fill)`` span of ``text`` by ``fill`` repeated, keeping length.

    Spans must be sorted and must not overlap; line breaks become spaces everywhere.
    """
    pieces: list[str] = []
    position = 0
    for start, end, fill in spans:
        if start < position:
            start = position
        if start >= end:
            continue
        pieces.append(text[position:start])
        pieces.append(fill * (end - start))
        position = end
    pieces.append(text[position:])
    clean = "".join(pieces)
    # str.replace per character is much faster than str.translate on long non-ASCII text.
    for char in _LINE_BREAKS:
        if char in clean:
            clean = clean.replace(char, " ")
    return clean


_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# Markup that readable_text leaves alone: inline HTML is shown as the literal text it is (the
# pages escape it), images keep their alt text and bullet glyphs are prose.
_KEPT_GROUPS = ("tag", "image", "glyph")
_WHITESPACE_RE = re.compile(r"\s+")
_CLOSING = ",.;:)]"


def readable_text(text: str) -> str:
    """Return ``text`` as people should read it: citation markers and Markdown syntax removed.

    Citation markers (``[2][3]``, ``^[1]``, ``[\\[13\\]](#)``), emphasis marks, link brackets
    and targets, backslash escapes, code ticks and heading marks found by
    :func:`scan_markup` are blanked; then runs of whitespace become one space and the ends are
    trimmed. Nothing else changes: inline HTML tags, angle brackets and other text stay as
    they are, so a page that escapes the result shows them literally. Use it for display
    only; evidence keeps the exact source slice.

    Parameters
    ----------
    text : str
        A sentence or passage as it appears in its source.

    Returns
    -------
    str
        The display form.

    Examples
    --------
    >>> readable_text("Racemic **losigamone** reduces glutamate release.[9][10]")
    'Racemic losigamone reduces glutamate release.'
    >>> readable_text("It opens potassium channels.[\\[13\\]](#)[\\[14\\]](#)")
    'It opens potassium channels.'
    >>> readable_text("See [the review](#ref2) and ^[1]  for   more.")
    'See the review and for more.'
    >>> readable_text("Its **R**-enantiomer acts [4], as shown^[5] 2-fold.")
    'Its R-enantiomer acts, as shown 2-fold.'
    >>> readable_text("<script>alert(1)</script> and a < b > c")
    '<script>alert(1)</script> and a < b > c'
    """
    _, blanks = scan_markup(text, markdown=True)
    pieces: list[str] = []
    position = 0
    for start, end in blanks:
        if start < position:
            continue
        match = _MARKDOWN_RE.match(text, start)
        if match is not None and match.end() == end and any(match.group(g) for g in _KEPT_GROUPS):
            continue
        before = text[position:start]
        after = text[end : end + 1]
        citation = match is not None and match.group("k1", "k2", "k3") != (None, None, None)
        if citation and after and after in _CLOSING:
            before = before.rstrip()  # "release [9], and" reads "release, and"
        pieces.append(before)
        # A marker between two words keeps them apart; emphasis and link syntax join.
        pieces.append(" " if citation and after.isalnum() else "")
        position = end
    pieces.append(text[position:])
    return _WHITESPACE_RE.sub(" ", "".join(pieces)).strip()
