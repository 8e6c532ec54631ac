"""Rate limits: how many requests (or sign-ups) one client address may make, as token buckets.

Owns: the buckets of one worker process and the time until the next request is allowed. Never:
a client's address in a log, or unbounded memory (the least recently seen clients are forgotten
first). The limits are per worker process: with N workers a client may get up to N times the
rate, which is the price of keeping no shared state; a proxy in front can hold an exact limit.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

#: Clients remembered at once; past this, the least recently seen are forgotten (a forgotten client
#: starts again with a full bucket, so forgetting never refuses anyone).
MAX_CLIENTS = 20_000


class RateLimiter:
    """`per_window` requests per `window` seconds for each key, in bursts of up to `burst`.

    A limiter with `per_window` 0 allows everything. Not thread-safe: use it from the event loop.
    """

    def __init__(
        self,
        per_window: int,
        window: float,
        burst: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = per_window > 0
        self.rate = per_window / window if self.enabled else 0.0  # tokens per second
        self.burst = float(max(1, burst if burst is not None else per_window))
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, at)

    def take(self, key: str) -> float:
        """Take one token for `key`: 0.0 when allowed, else the seconds until one is free."""
        if not self.enabled:
            return 0.0
        now = self.clock()
        tokens, at = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - at) * self.rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            wait = 0.0
        else:
            self._buckets[key] = (tokens, now)
            wait = (1.0 - tokens) / self.rate
        while len(self._buckets) > MAX_CLIENTS:
            self._buckets.popitem(last=False)
        return wait


def retry_after(wait: float) -> str:
    """A Retry-After header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(wait)))


def client_key(scope: Mapping[str, Any]) -> str:
    """The client address of an ASGI scope (uvicorn puts the proxy's X-Forwarded-For there when
    the proxy is trusted, see --forwarded-allow-ips); "-" when unknown."""
    client = scope.get("client")
    if isinstance(client, list | tuple) and client:
        return str(client[0])
    return "-"
