"""One writer, many readers: a marker in the store folder while ``pharmgraph serve`` runs.

The server opens the store read-only (every query worker holds its own read-only handle), and
Oxigraph lets a writer open the same folder at the same time. The readers would not see what
the writer adds, and a worker restarted later would, so two workers could give two answers to
the same query. pharmgraph therefore chooses to **refuse writes while the store is served**:

* :func:`serving_marker` (a context manager used by the server) writes ``SERVED_BY.<pid>`` into
  the store folder with the server's process id and start time, and removes it on exit
  (several servers may read one store at once; each has its own marker);
* :func:`refuse_if_served` (called before opening a store for writing) raises
  :class:`~pharmgraph.errors.StoreError` with one sentence when a live server holds the store.

A marker left behind by a server that was killed (its process no longer exists, or a
different program now has that process id) is ignored and removed by the next writer.

Examples
--------
>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> with serving_marker(folder):
...     served_by(folder) == os.getpid()
True
>>> served_by(folder) is None
True
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from pharmgraph.errors import StoreError

MARKER = "SERVED_BY"


def _marker(path: str | Path, pid: int | None = None) -> Path:
    return Path(path) / f"{MARKER}.{os.getpid() if pid is None else pid}"


def markers(path: str | Path) -> list[Path]:
    """The marker files in a store folder (live or stale)."""
    try:
        return sorted(Path(path).glob(f"{MARKER}.*"))
    except OSError:
        return []


def _process_start(pid: int) -> float | None:
    """When a process started (seconds since the epoch), or None when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        boot = next(
            float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _alive(pid: int, started: float | None) -> bool:
    """Tell whether process ``pid`` exists and (when both times are known) is the one that
    started at ``started``, not a later process that reused the id."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    except OSError:
        return False
    actual = _process_start(pid)
    if started is not None and actual is not None and abs(actual - started) > 5.0:
        return False
    return True


def _live(marker: Path) -> int | None:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        pid = int(data["pid"])
        started = data.get("process_started")
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if pid == os.getpid() or _alive(pid, float(started) if started is not None else None):
        return pid
    return None


def served_by(path: str | Path) -> int | None:
    """Return the pid of a live server holding the store at ``path``, or None.

    Stale markers (dead process, reused pid, unreadable content) count as none.
    """
    for marker in markers(path):
        pid = _live(marker)
        if pid is not None:
            return pid
    return None


def refuse_if_served(path: str | Path) -> None:
    """Refuse to write into a store that ``pharmgraph serve`` is serving.

    Removes stale markers (left by servers that no longer run) on the way.

    Raises
    ------
    StoreError
        When a live server (other than this process) holds the store.
    """
    for marker in markers(path):
        pid = _live(marker)
        if pid is None:
            with contextlib.suppress(OSError):
                marker.unlink()
        elif pid != os.getpid():
            raise StoreError(
                f"The store at {path} is being served by pharmgraph serve (pid {pid}); "
                "stop the server before ingesting."
            )


@contextlib.contextmanager
def serving_marker(path: str | Path) -> Iterator[Path]:
    """Mark the store at ``path`` as served by this process until the block ends."""
    marker = _marker(path)
    data = {
        "pid": os.getpid(),
        "process_started": _process_start(os.getpid()),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    tmp = marker.with_name(f".{marker.name}.tmp")
    tmp.write_text(json.dumps(data) + "\n", encoding="utf-8")
    os.replace(tmp, marker)
    try:
        yield marker
    finally:
        with contextlib.suppress(OSError):
            marker.unlink()
