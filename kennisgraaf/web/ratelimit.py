"""A per-client token bucket: `burst` requests at once, refilled at `rate_per_minute`; 429 with Retry-After."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from kennisgraaf.web.problems import problem_response

MAX_CLIENTS = 10_000  # buckets kept; the full ones are forgotten first


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """Thread-safe token buckets keyed by client address."""

    def __init__(self, rate_per_minute: float, burst: int) -> None:
        self.rate = rate_per_minute / 60.0
        self.burst = burst
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """Take one token; return 0 when allowed, else the seconds until one is available."""
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= MAX_CLIENTS:
                    self._forget_full(now)
                bucket = self._buckets[client] = _Bucket(float(self.burst), now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate if self.rate else math.inf

    def _forget_full(self, now: float) -> None:
        for key in [k for k, b in self._buckets.items() if b.tokens + (now - b.stamp) * self.rate >= self.burst]:
            del self._buckets[key]
        if len(self._buckets) >= MAX_CLIENTS:
            self._buckets.clear()


class RateLimit:
    """ASGI middleware: every HTTP request under /api costs one token of its client's bucket."""

    def __init__(self, app: ASGIApp, rate_per_minute: float, burst: int) -> None:
        self.app = app
        self.buckets = TokenBuckets(rate_per_minute, burst) if rate_per_minute > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.buckets is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("onbekend", 0))[0]
        wait = self.buckets.take(client)
        if wait == 0:
            await self.app(scope, receive, send)
            return
        from starlette.requests import Request

        retry = max(1, math.ceil(min(wait, 3600)))
        response = problem_response(
            Request(scope),
            429,
            "te-veel-verzoeken",
            f"Te veel verzoeken van dit adres; probeer het over {retry} seconde(n) opnieuw.",
            headers={"Retry-After": str(retry)},
        )
        await response(scope, receive, send)
