"""Open the app's knowledge base in the background while Streamlit starts, and hand it to the app's first session.

`kennisgraaf serve` calls start() before it imports Streamlit. A thread then starts the embedded engine (a separate
process, so it boots on the other core), imports the core, loads the seed into an empty graph and builds the
answerer's indexes: the work the first question would otherwise wait for, one after the other. The app's get_kg()
calls take(): it waits for that thread and gets its Kennisgraaf, if it was opened with the same settings; otherwise
(or when opening failed: the app opens it again itself and shows the error) it gets None and opens its own.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from kennisgraaf.background import Background

if TYPE_CHECKING:
    from kennisgraaf.api import Kennisgraaf
    from kennisgraaf.settings import Settings

TAKE_TIMEOUT_S = 120.0


class Warmup:
    """One background opening of a Kennisgraaf for the given settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._opening: Background[Kennisgraaf] | None = None

    def start(self) -> Warmup:
        self._opening = Background(self._open, "kennisgraaf-warmup")
        return self

    @property
    def done(self) -> threading.Event:
        assert self._opening is not None, "start() first"
        return self._opening.done

    @property
    def kg(self) -> Kennisgraaf | None:
        return self._opening.result if self._opening is not None else None

    @property
    def error(self) -> BaseException | None:  # the app opens the knowledge base again itself and shows the error
        return self._opening.error if self._opening is not None else None

    def _open(self) -> Kennisgraaf:
        if self.settings.backend == "embedded":
            # First the engine: it boots in its own process while this thread imports the core.
            from kennisgraaf.stores.embedded_server import EmbeddedServer

            EmbeddedServer(self.settings.data_dir, self.settings.query_timeout_ms).ensure_running()
        from kennisgraaf.api import Kennisgraaf

        kg = Kennisgraaf(settings=self.settings)
        try:
            kg.ensure_loaded()
            kg.warm_up()
        except BaseException:
            kg.close()
            raise
        return kg


_lock = threading.Lock()
_pending: Warmup | None = None


def start(settings: Settings) -> Warmup:
    """Begin opening a Kennisgraaf for these settings in the background (one at a time per process)."""
    global _pending
    with _lock:
        cancel_locked()
        _pending = Warmup(settings).start()
        return _pending


def take(settings: Settings, timeout_s: float = TAKE_TIMEOUT_S) -> Kennisgraaf | None:
    """The Kennisgraaf opened in the background for these settings (waiting for it), once; else None."""
    global _pending
    with _lock:
        warmup, _pending = _pending, None
    if warmup is None:
        return None
    if not warmup.done.wait(timeout_s):
        return None  # still opening: the caller opens its own; the thread's result is dropped with it
    if warmup.kg is not None and warmup.settings == settings:
        return warmup.kg
    if warmup.kg is not None:
        warmup.kg.close()
    return None


def cancel(wait_s: float = 0.0) -> None:
    """Forget a background opening that no session took, closing what it opened (waiting up to wait_s for an
    opening still under way, e.g. when the server is stopped while it starts)."""
    with _lock:
        cancel_locked(wait_s)


def cancel_locked(wait_s: float = 0.0) -> None:
    global _pending
    warmup, _pending = _pending, None
    if warmup is not None and warmup.done.wait(wait_s) and warmup.kg is not None:
        with contextlib.suppress(Exception):
            warmup.kg.close()
