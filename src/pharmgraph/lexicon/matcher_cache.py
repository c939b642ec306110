"""A saved copy of a lexicon's matcher, so that a new process need not build it again.

Building the matcher of the built-in lexicon (about 190,000 names, each folded and analysed
into its match keys, then one Aho-Corasick automaton over them) takes a few seconds: most of
what a short ``pharmgraph extract`` waits for, and a serial head start every ``ingest`` pays
before its workers start. The first process that builds it saves it in the user's cache
folder; later processes load it in a fraction of that time.

What is saved, per lexicon:

- the automaton, in pyahocorasick's own file format, holding for each key the index of its
  entries (integers only: loading it runs no unpickling);
- the entries of each key as one line of compact JSON (decoded the first time a text needs
  them, so a short run decodes only the names it meets);
- a small JSON header with a checksum of both files, checked before the automaton is read;
- the lexicon's name index (what :meth:`~pharmgraph.lexicon.core.Lexicon.lookup` reads), as
  one JSON object after a header line with its checksum (2 s to build, 0.4 s to load).

A copy is used only for a lexicon loaded from files by
:func:`pharmgraph.lexicon.core.load_lexicon` and not changed since, with at least
:data:`MIN_KEYS` match keys (a smaller one is built faster than it loads) (:attr:`Lexicon.origin`),
whose files (path, size, modification time), and the code that turns names into keys, are
those the copy was made from: any change gives another key and a new copy. A copy that is
missing, unreadable or damaged is built again and saved again; a cache folder that cannot be
written only means the matcher is built in each process, as before.

Environment:

``PHARMGRAPH_CACHE_DIR``
    The cache folder (default ``$XDG_CACHE_HOME/pharmgraph``, else ``~/.cache/pharmgraph``).
``PHARMGRAPH_MATCHER_CACHE=off``
    Never read or write a saved matcher.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from pharmgraph.store_files import write_json

FORMAT = 1
"""Bumped when the saved layout changes."""
KEEP = 4
"""Saved matchers kept in the cache folder (the most recently used)."""
MIN_KEYS = 20_000
"""Matchers with fewer keys are not saved: they are built faster than they load."""
_CODE = ("core.py", "matcher.py", "normalize.py", "matcher_cache.py")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when saved matchers are switched off."""
    if os.environ.get("PHARMGRAPH_MATCHER_CACHE", "").strip().lower() in {
        "off",
        "0",
        "no",
        "false",
    }:
        return None
    chosen = os.environ.get("PHARMGRAPH_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pharmgraph"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Digest of the code and data that turn lexicon names into match keys (read once per
    process: the matcher and the name index both ask)."""
    from importlib import resources

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(str(FORMAT).encode())
    for name in _CODE:
        digest.update((here / name).read_bytes())
    digest.update((here.parent / "vocabulary.py").read_bytes())
    stop = resources.files("pharmgraph") / "data" / "lexicon" / "stopwords.txt"
    try:
        digest.update(stop.read_bytes())
    except FileNotFoundError:
        pass
    return digest.hexdigest()


def cache_key(lexicon) -> str | None:
    """Return the key of a lexicon's saved matcher, or None when it cannot have one.

    Parameters
    ----------
    lexicon : Lexicon
        A lexicon; only one with an :attr:`~pharmgraph.lexicon.core.Lexicon.origin` (loaded
        from files and unchanged since) has a key.
    """
    origin = getattr(lexicon, "origin", None)
    if origin is None:
        return None
    payload = json.dumps([_code_digest(), list(origin)], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            crc = zlib.crc32(chunk, crc)
    return crc


class LazyValues:
    """The entries of each automaton key, decoded from their JSON line when first asked for.

    ``values[i]`` is ``(length of the key, whether an entry keeps its case, entries)``, each
    entry ``((rank, is_label, group), entity id, name, cased or None)``: what
    :class:`~pharmgraph.lexicon.matcher.Matcher` keeps per key. A decoded value is kept, so
    the same tuple comes back each time (the matcher ranks entries by its identity).
    """

    __slots__ = ("_lines", "decoded")

    def __init__(self, lines: Sequence[bytes]) -> None:
        self._lines = lines
        self.decoded: list[Any] = [None] * len(lines)
        """The entries decoded so far (None where not yet)."""

    def __len__(self) -> int:
        """Return the number of keys."""
        return len(self._lines)

    def __getitem__(self, index: int) -> tuple:
        """Return the entries of key ``index``."""
        value = self.decoded[index]
        if value is None:
            length, cased, entries = json.loads(self._lines[index])
            value = self.decoded[index] = (
                length,
                cased,
                tuple(((p[0], p[1], p[2]), ident, name, case) for p, ident, name, case in entries),
            )
        return value


def load(key: str) -> tuple[ahocorasick.Automaton, LazyValues] | None:
    """Return the saved automaton and entries under ``key``, or None when there is no sound copy."""
    folder = cache_dir()
    if folder is None:
        return None
    head, auto, lines = (
        folder / f"matcher-{key}{suffix}" for suffix in (".json", ".aho", ".jsonl")
    )
    try:
        header = json.loads(head.read_text(encoding="utf-8"))
        if header.get("format") != FORMAT or header.get("key") != key:
            return None
        if _crc(auto) != header["automaton_crc"]:
            return None
        raw = lines.read_bytes()
        if zlib.crc32(raw) != header["entries_crc"]:
            return None
        entries = raw.split(b"\n")
        if entries and not entries[-1]:
            entries.pop()
        automaton = ahocorasick.load(str(auto), bytes)
        if len(automaton) != len(entries) or len(entries) != header["keys"]:
            return None
        os.utime(head)  # most recently used: kept longest
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return automaton, LazyValues(entries)


def save(key: str, automaton: ahocorasick.Automaton, values: Sequence[tuple]) -> bool:
    """Save an automaton (integer values) and its entries under ``key``; False when it cannot.

    The files are written under temporary names and renamed into place, the header last, so
    a reader never sees a half-written copy. Older copies beyond :data:`KEEP` are removed.
    """
    folder = cache_dir()
    if folder is None or len(values) < MIN_KEYS:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        auto_tmp = _temporary(folder, ".aho")
        lines_tmp = _temporary(folder, ".jsonl")
        try:
            automaton.save(str(auto_tmp))
            text = "".join(
                json.dumps(v, separators=(",", ":"), ensure_ascii=False) + "\n" for v in values
            )
            raw = text.encode("utf-8")
            lines_tmp.write_bytes(raw)
            header = {
                "format": FORMAT,
                "key": key,
                "keys": len(values),
                "automaton_crc": _crc(auto_tmp),
                "entries_crc": zlib.crc32(raw),
            }
            os.replace(auto_tmp, folder / f"matcher-{key}.aho")
            os.replace(lines_tmp, folder / f"matcher-{key}.jsonl")
            if not write_json(folder, f"matcher-{key}.json", header):
                return False
        finally:
            for leftover in (auto_tmp, lines_tmp):
                leftover.unlink(missing_ok=True)
        _prune(folder)
    except (OSError, ValueError):
        return False
    return True


def load_names(key: str) -> dict[str, list[str]] | None:
    """Return the saved name index (:meth:`Lexicon.lookup`'s keys -> entity ids) under
    ``key``, or None when there is no sound copy."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        path = folder / f"matcher-{key}.names"
        raw = path.read_bytes()
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        if (
            header.get("format") != FORMAT
            or header.get("key") != key
            or zlib.crc32(body) != header.get("crc")
        ):
            return None
        index = json.loads(body)
        os.utime(path)  # most recently used: kept longest
    except (OSError, ValueError, AttributeError):
        return None
    return index if isinstance(index, dict) else None


def save_names(key: str, index: dict[str, list[str]]) -> bool:
    """Save a lexicon's name index under ``key`` (atomically); False when it cannot."""
    folder = cache_dir()
    if folder is None or len(index) < MIN_KEYS:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        body = json.dumps(index, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        head = json.dumps({"format": FORMAT, "key": key, "crc": zlib.crc32(body)}).encode()
        temporary = _temporary(folder, ".names")
        try:
            temporary.write_bytes(head + b"\n" + body)
            os.replace(temporary, folder / f"matcher-{key}.names")
        finally:
            temporary.unlink(missing_ok=True)
        _prune(folder)
    except (OSError, ValueError):
        return False
    return True


def _temporary(folder: Path, suffix: str) -> Path:
    """A new empty file in ``folder``, written under this temporary name and then renamed."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".matcher-", suffix=suffix)
    os.close(handle)
    return Path(name)


_SUFFIXES = (".json", ".aho", ".jsonl", ".names")


def _prune(folder: Path) -> None:
    """Remove the saved copies beyond the :data:`KEEP` most recently used lexicons (a
    lexicon's copy is its header, automaton, entries and name index, whichever exist)."""
    used: dict[str, float] = {}
    for path in folder.glob("matcher-*"):
        stem, suffix = os.path.splitext(path.name)
        if suffix in (".json", ".names"):  # the files a load touches
            with contextlib.suppress(OSError):
                used[stem] = max(used.get(stem, 0.0), path.stat().st_mtime)
    for stem in sorted(used, key=used.__getitem__, reverse=True)[KEEP:]:
        for suffix in _SUFFIXES:
            (folder / (stem + suffix)).unlink(missing_ok=True)


__all__ = [
    "FORMAT",
    "KEEP",
    "MIN_KEYS",
    "LazyValues",
    "cache_dir",
    "cache_key",
    "load",
    "load_names",
    "save",
    "save_names",
]
