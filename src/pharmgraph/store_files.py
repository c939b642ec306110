"""pharmgraph's own JSON files kept beside an embedded store's data (the stats ledger, the
profile sizes table): written atomically, read back only when whole."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_json(folder: Path, name: str, data: dict[str, Any]) -> bool:
    """Write ``data`` to ``folder / name`` through a ``.part`` file and a rename, so a reader
    never sees half a file.

    Parameters
    ----------
    folder : Path
        The store folder.
    name : str
        The file's name in it.
    data : dict
        What to write (JSON-serialisable).

    Returns
    -------
    bool
        False when the file could not be written (the old one, if any, is left as it was).
    """
    target = folder / name
    temporary = target.with_name(target.name + ".part")
    try:
        temporary.write_text(json.dumps(data, separators=(",", ":")), "utf-8")
        os.replace(temporary, target)
    except OSError:
        return False
    return True


def read_json(folder: Path, name: str) -> dict[str, Any] | None:
    """The object in ``folder / name``; None when the file is missing, unreadable, not JSON or
    not an object."""
    try:
        data = json.loads((folder / name).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
