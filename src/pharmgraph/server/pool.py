"""A pool of query worker processes with a hard time limit per job.

pyoxigraph cannot interrupt a query, and a query that sorts or groups computes everything
before its first solution, so checking a clock between solutions is not enough. Each job goes
to a worker process holding its own read-only handle on the store; if the reply has not come
by the deadline, the worker is killed (which frees its memory at once) and a fresh one is
started in the background. The event loop never blocks: waiting on a worker happens in a
small thread pool, one thread per busy worker.

The deadline counts from when the request arrived, so time spent waiting for a free worker is
part of the limit.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pharmgraph.errors import StoreError

READY_TIMEOUT = 60.0


class QueryTimeout(Exception):
    """The job did not finish within the time limit (the worker was stopped)."""


class ServerBusy(Exception):
    """No worker became free before the deadline."""


class WorkerCrashed(Exception):
    """The worker died while running the job (out of memory, or a crash in the engine)."""


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context, location: str, niceness: int = 0, preload: bool = False, name: str = "query") -> None:
        from pharmgraph.server import worker

        parent, child = context.Pipe()
        self.process = context.Process(
            target=worker.main, args=(child, location, niceness, preload), name=f"pharmgraph-{name}-worker",
            daemon=True,
        )
        self.process.start()
        child.close()
        self.conn = parent

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has opened the store; raise StoreError if it could not."""
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"A query worker did not start within {timeout:.0f} s.")
        try:
            reply = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise StoreError("A query worker stopped while opening the store.") from None
        if not reply.get("ready"):
            self.kill()
            raise StoreError(reply.get("message", "A query worker could not open the store."))

    def kill(self) -> None:
        """Stop the process at once and release its pipe."""
        try:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(timeout=5)
        finally:
            self.conn.close()


class WorkerPool:
    """Runs jobs (see :mod:`pharmgraph.server.worker`) in worker processes, with deadlines.

    Parameters
    ----------
    location : str
        The store folder; every worker opens it read-only.
    size : int
        Number of worker processes (queries that can run at the same time).
    niceness : int
        Added to the workers' scheduling niceness (a query lane at 10 yields the CPU to pages).
    preload : bool
        Load the SPARQL safety parser when a worker starts (workers that answer user queries).
    name : str
        Shown in process names (``pharmgraph-<name>-worker``).
    """

    def __init__(self, location: str, size: int = 2, niceness: int = 0, preload: bool = False,
                 name: str = "query") -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.location = location
        self.size = size
        self.niceness = niceness
        self.preload = preload
        self.name = name
        self._context = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="pharmgraph-wait")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0

    # -- life cycle ------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the workers and wait until each has opened the store.

        Raises
        ------
        StoreError
            When the store cannot be opened read-only.
        """
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(
            *(self._loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size)),
            return_exceptions=True,
        )
        failures = [w for w in workers if isinstance(w, BaseException)]
        if failures:
            await self.close()
            raise failures[0]
        for worker in workers:
            self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.location, self.niceness, self.preload, self.name)
        with self._lock:
            self._all.add(worker)
        try:
            worker.wait_ready(READY_TIMEOUT)
        except BaseException:
            with self._lock:
                self._all.discard(worker)
            raise
        return worker

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._threads.shutdown(wait=False, cancel_futures=True)

    # -- running jobs ----------------------------------------------------------------------
    async def run(self, job: dict[str, Any], deadline: float) -> dict[str, Any]:
        """Run a job on a free worker, by ``deadline`` (a :func:`time.monotonic` time).

        Raises
        ------
        ServerBusy
            No worker became free in time.
        QueryTimeout
            The job ran past the deadline; its worker was killed and is being replaced.
        WorkerCrashed
            The worker died during the job; it is being replaced.
        """
        assert self._idle is not None and self._loop is not None, "start() the pool first"
        remaining = deadline - time.monotonic()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=max(remaining, 0.001))
        except TimeoutError:
            raise ServerBusy() from None
        if deadline - time.monotonic() < 0.05:  # no time left to run anything: keep the worker
            self._idle.put_nowait(worker)
            raise ServerBusy()
        # The thread owns the worker from here: it gives it back or replaces it even if this
        # coroutine is cancelled (a client that hangs up cannot leak a worker).
        outcome = await self._loop.run_in_executor(self._threads, self._call, worker, job, deadline)
        if outcome is QueryTimeout:
            raise QueryTimeout()
        if outcome is WorkerCrashed:
            raise WorkerCrashed()
        return outcome

    def _call(self, worker: _Worker, job: dict[str, Any], deadline: float):
        # The worker is told the deadline, a little early, so that a worker waiting on a remote
        # SPARQL server gives up and answers (504) before it would be killed here.
        margin = min(0.2, max(deadline - time.monotonic(), 0.0) / 4)
        try:
            worker.conn.send(dict(job, deadline=deadline - margin))
            if worker.conn.poll(max(deadline - time.monotonic(), 0.0)):
                reply = worker.conn.recv()
                self._release(worker)
                return reply
            self._retire(worker)
            return QueryTimeout
        except (EOFError, OSError):
            self._retire(worker)
            return WorkerCrashed

    def _release(self, worker: _Worker) -> None:
        assert self._loop is not None and self._idle is not None
        try:
            self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)
        except RuntimeError:  # the loop is closing
            worker.kill()

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and start its replacement in the background."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if self._closed:
            return
        self.restarts += 1
        try:
            self._threads.submit(self._replace)
        except RuntimeError:  # shutting down
            pass

    def _replace(self) -> None:
        delay = 0.5
        while not self._closed:
            try:
                worker = self._spawn()
            except StoreError:
                time.sleep(delay)  # e.g. the store is briefly unreadable: try again, slower
                delay = min(delay * 2, 30.0)
                continue
            if self._closed:
                worker.kill()
                return
            self._release(worker)
            return

    @property
    def live_workers(self) -> int:
        """How many worker processes exist now (busy, idle or starting)."""
        with self._lock:
            return sum(1 for w in self._all if w.process.is_alive())
