"""Open a view in headless Chromium, cut off from the network, for tests and benchmarks.

:func:`headless` loads a page with no network at all when it can (``unshare -n`` as root),
and always through an unreachable proxy, so a page that tried to fetch anything would fail
visibly; it returns the DOM after the page script ran (``--dump-dom``) or writes a screenshot.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> str | None:
    """Return the path of a Chromium or Chrome binary (``$PHARMGRAPH_CHROMIUM`` first), or None."""
    given = os.environ.get("PHARMGRAPH_CHROMIUM")
    if given:
        return shutil.which(given)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@cache
def offline_prefix() -> tuple[str, ...]:
    """Return ``("unshare", "-n")`` when this process may run commands without a network."""
    unshare = shutil.which("unshare")
    if not unshare or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ()
    try:
        ok = subprocess.run([unshare, "-n", "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (unshare, "-n") if ok else ()


def headless(
    page: str | Path,
    *,
    fragment: str = "",
    screenshot: str | Path | None = None,
    window: tuple[int, int] = (1400, 900),
    budget_ms: int = 5000,
    timeout: float = 180.0,
    binary: str | None = None,
    realtime: bool = False,
) -> str:
    """Load ``page`` in headless Chromium without network; return the DOM it ends with.

    Parameters
    ----------
    page : str or Path
        The HTML file to open.
    fragment : str
        URL fragment to add (``"select=x"``, read by the page script).
    screenshot : str or Path, optional
        Write a PNG of the window instead of dumping the DOM (the return value is then "").
    window : (int, int)
        Window size in pixels.
    budget_ms : int
        Virtual time the page gets before the DOM is read or the picture taken.
    timeout : float
        Wall-clock seconds before Chromium is given up on.
    binary : str, optional
        The browser to run (default: :func:`find_chromium`).
    realtime : bool
        Give the page ``budget_ms`` of wall-clock time (``--timeout``) instead of virtual time,
        so that ``performance.now()`` in the page measures real time (benchmarks).
    """
    binary = binary or find_chromium()
    if binary is None:
        raise FileNotFoundError("no Chromium or Chrome binary was found")
    url = Path(page).resolve().as_uri() + (f"#{fragment}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="pharmgraph-chromium-") as profile:
        command = [
            *offline_prefix(),
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            f"--user-data-dir={profile}",
            f"--window-size={window[0]},{window[1]}",
            f"--timeout={budget_ms}" if realtime else f"--virtual-time-budget={budget_ms}",
        ]
        if screenshot is not None:
            command.append(f"--screenshot={Path(screenshot).resolve()}")
        else:
            command.append("--dump-dom")
        command.append(url)
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited with status {done.returncode}: {done.stderr[-2000:]}")
    return "" if screenshot is not None else done.stdout
