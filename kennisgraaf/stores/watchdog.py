"""A watchdog that ends what overruns: it calls `kill` when a watched call passes its deadline, or when the watched
process grows past its memory cap. Engines check their own timeouts only at certain points of execution; killing
the process is the one thing that always works."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

OVERRUN = "overrun"  # this call ran past its deadline
MEMORY = "memory"  # the process grew past its memory cap while this call ran
OTHER = "other"  # another call's overrun killed the process under this one


@dataclass(eq=False)
class Ticket:
    """One watched call; `reason` is set when the watchdog killed the process while it ran."""

    deadline: float
    reason: str | None = None


class Watchdog:
    """One thread per watchdog, polling only while calls are being watched."""

    def __init__(
        self,
        kill: Callable[[], None],
        memory_mb: Callable[[], float | None] | None = None,
        memory_cap_mb: float | None = None,
        interval_s: float = 0.05,
    ) -> None:
        self._kill = kill
        self._memory_mb = memory_mb
        self._memory_cap_mb = memory_cap_mb
        self._interval_s = interval_s
        self._by_id: dict[int, Ticket] = {}
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self.kills = 0

    @contextmanager
    def watch(self, seconds: float) -> Iterator[Ticket]:
        """Watch the body: if it is still running after `seconds`, the process is killed."""
        ticket = Ticket(time.monotonic() + seconds)
        with self._lock:
            self._by_id[id(ticket)] = ticket
            self._start_thread()
            self._wake.notify_all()
        try:
            yield ticket
        finally:
            with self._lock:
                self._by_id.pop(id(ticket), None)

    def _start_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="kennisgraaf-console-watchdog", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._lock:
                while not self._by_id:
                    self._wake.wait()
                now = time.monotonic()
                overrun = [t for t in self._by_id.values() if t.reason is None and now >= t.deadline]
                over_memory = self._over_memory()
                if overrun or over_memory:
                    for ticket in self._by_id.values():
                        if ticket.reason is None:
                            own = any(ticket is t for t in overrun)
                            ticket.reason = OVERRUN if own else MEMORY if over_memory else OTHER
                    self.kills += 1
                    self._kill()
            time.sleep(self._interval_s)

    def _over_memory(self) -> bool:
        if self._memory_mb is None or self._memory_cap_mb is None:
            return False
        rss = self._memory_mb()
        return rss is not None and rss > self._memory_cap_mb
