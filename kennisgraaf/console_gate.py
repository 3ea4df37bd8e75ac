"""Fairness for the console: at most one running query per session, and a small number over all sessions."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from kennisgraaf.errors import ConsoleBusy


class ConsoleGate:
    """Slots for console queries in this process; refuses at once (never queues) when none is free."""

    def __init__(self, max_running: int) -> None:
        self.max_running = max_running
        self._lock = threading.Lock()
        self._running = 0
        self._sessions: set[str] = set()

    @contextmanager
    def slot(self, session: str | None) -> Iterator[None]:
        """Hold a slot while the body runs; `session` None (the CLI) takes only a global slot."""
        with self._lock:
            if session is not None and session in self._sessions:
                raise ConsoleBusy("U heeft al een query lopen in de console. Wacht tot die klaar is.")
            if self._running >= self.max_running:
                raise ConsoleBusy(
                    f"De console is bezet: er lopen al {self._running} queries van andere gebruikers. "
                    "Probeer het over enkele seconden opnieuw."
                )
            self._running += 1
            if session is not None:
                self._sessions.add(session)
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if session is not None:
                    self._sessions.discard(session)
