"""Reading off the event loop: a message is read (and its answer built) in a worker thread, a few
at a time per worker process, within a time budget per request.

Owns: the reader threads of one worker process, the queue in front of them and the budget. Never:
the event loop waiting on a reader (every other request, a probe or a page, goes on meanwhile), or
an unbounded queue (past MAX_WAITING, or past the budget, the answer is 503 with Retry-After).
"""

from __future__ import annotations

import asyncio
import functools
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import Request

from pregback.interfaces.api.problems import ApiProblem

T = TypeVar("T")
#: Requests waiting for a reader in one worker process before new ones are turned away at once.
MAX_WAITING = 32
RETRY_AFTER = "5"
#: How long a reader may hold the interpreter lock while the event loop waits for it.
SWITCH_SECONDS = 0.001


class Readers:
    """`threads` reader threads; each call waits at most `budget` seconds, queueing included."""

    def __init__(self, threads: int, budget: float) -> None:
        self.threads = threads
        self.budget = budget
        self._pool: ThreadPoolExecutor | None = None
        self._waiting = 0

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            # The event loop waits at most this long for the interpreter lock while a reader
            # holds it (Python's default is 5 ms, which a request pays at every hand-over).
            sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_SECONDS))
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="pregback-read")
        return self._pool

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a reader thread; 503 `busy` when it cannot be done within the budget
        (a call still queued then is dropped; one already running finishes, bounded by the
        message limit, and its answer is not used)."""
        if self._waiting >= MAX_WAITING:
            raise _busy("The service is reading many messages at once; try again shortly.")
        self._waiting += 1
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(self._executor(), functools.partial(fn, *args))
        try:
            return await asyncio.wait_for(job, self.budget)
        except TimeoutError:
            raise _busy(
                f"Reading the message took longer than {self.budget:g} seconds; try again shortly."
            ) from None
        finally:
            self._waiting -= 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _busy(detail: str) -> ApiProblem:
    return ApiProblem("busy", detail, headers={"Retry-After": RETRY_AFTER})


def readers(request: Request) -> Readers:
    """The reader threads of this app (one set per worker process)."""
    found: Readers = request.app.state.readers
    return found
