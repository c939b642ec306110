"""Per-client admission for SPARQL queries: fair turns, bounded waiting, 503 beyond.

Each client (its IP address) may have ``per_client`` queries running at once; further queries
from it wait in its own queue of at most ``queue_per_client``, and all waiting queries
together are bounded by ``queue_total``. A query beyond either bound is refused at once with
503 and a ``Retry-After`` header, instead of piling up. When a query slot frees, it goes to the
waiting client with the fewest queries running, then to the one served least recently (turn
by turn), so one client looping costly queries takes at most ``per_client`` slots and
everybody else keeps the rest.

Pages do not come through here: they run on their own worker lane (see
:mod:`pharmgraph.server.app`), so they never wait behind a query.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from dataclasses import dataclass, field


class Overloaded(Exception):
    """The client's queue or the server's queue is full; retry after ``retry_after`` s."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class WaitedTooLong(Exception):
    """No slot became free before the request's deadline."""


@dataclass
class _Client:
    running: int = 0
    waiting: deque = field(default_factory=deque)
    last_granted: int = -1


class Admission:
    """Hands out query slots to clients fairly (see the module docstring).

    Parameters
    ----------
    slots : int
        Queries that may run at once (the query workers).
    per_client : int
        Queries one client may have running at once.
    queue_per_client : int
        Queries one client may have waiting.
    queue_total : int
        Queries that may wait, all clients together.
    """

    def __init__(self, slots: int, per_client: int = 1, queue_per_client: int = 4, queue_total: int = 64) -> None:
        if min(slots, per_client) < 1 or min(queue_per_client, queue_total) < 0:
            raise ValueError("admission bounds must be positive")
        self.slots = slots
        self.per_client = per_client
        self.queue_per_client = queue_per_client
        self.queue_total = queue_total
        self.free = slots
        self.waiting = 0
        self.refused = 0
        self._clients: dict[str, _Client] = {}
        self._order = itertools.count()

    def _client(self, name: str) -> _Client:
        client = self._clients.get(name)
        if client is None:
            client = self._clients[name] = _Client()
        return client

    def _forget(self, name: str) -> None:
        client = self._clients.get(name)
        if client is not None and client.running == 0 and not client.waiting:
            del self._clients[name]

    async def acquire(self, name: str, deadline: float) -> None:
        """Wait for a slot for client ``name`` until ``deadline`` (:func:`time.monotonic`).

        Raises
        ------
        Overloaded
            The client, or the server, already has as many queries waiting as allowed.
        WaitedTooLong
            No slot became free in time.
        """
        client = self._client(name)
        if self.free > 0 and client.running < self.per_client and not client.waiting:
            self.free -= 1
            client.running += 1
            client.last_granted = next(self._order)
            return
        if len(client.waiting) >= self.queue_per_client:
            self.refused += 1
            raise Overloaded(
                f"You already have {client.running} queries running and {len(client.waiting)} waiting; "
                "wait for them to finish before sending more.",
                retry_after=2,
            )
        if self.waiting >= self.queue_total:
            self.refused += 1
            raise Overloaded("The server's query queue is full; try again shortly.", retry_after=5)
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (next(self._order), future)
        client.waiting.append(entry)
        self.waiting += 1
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout=max(deadline - time.monotonic(), 0.001))
        except (TimeoutError, asyncio.CancelledError):
            if future.done() and not future.cancelled():
                self.release(name)  # granted just as we gave up: hand the slot on
            else:
                future.cancel()
                with_entry = entry in client.waiting
                if with_entry:
                    client.waiting.remove(entry)
                    self.waiting -= 1
                self._forget(name)
            raise WaitedTooLong() from None

    def release(self, name: str) -> None:
        """Give back a slot held by client ``name`` and hand it to the next fair waiter."""
        client = self._clients.get(name)
        if client is not None and client.running > 0:
            client.running -= 1
        self.free += 1
        self._forget(name)
        self._dispatch()

    def _dispatch(self) -> None:
        while self.free > 0:
            best = None
            for cname, client in self._clients.items():
                if client.waiting and client.running < self.per_client:
                    key = (client.running, client.last_granted, client.waiting[0][0])
                    if best is None or key < best[0]:
                        best = (key, cname, client)
            if best is None:
                return
            _, cname, client = best
            _, future = client.waiting.popleft()
            self.waiting -= 1
            if future.cancelled():
                continue
            self.free -= 1
            client.running += 1
            client.last_granted = next(self._order)
            future.set_result(None)

    def snapshot(self) -> dict[str, int]:
        """Counts for monitoring: free slots, waiting queries, clients, refusals so far."""
        return {"free": self.free, "waiting": self.waiting, "clients": len(self._clients), "refused": self.refused}
