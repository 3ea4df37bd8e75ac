"""One call run in a daemon thread, with its result or its error once it is done.

Used where a slow piece of work must not hold up its caller: opening the knowledge base while Streamlit starts
(views/warm.py) and copying the graph for the console (stores/console_sandbox.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """Runs `call` in a daemon thread named `name`; `done` is set when it returned (`result`) or raised (`error`)."""

    def __init__(self, call: Callable[[], T], name: str) -> None:
        self.done = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None
        threading.Thread(target=self._run, args=(call,), name=name, daemon=True).start()

    def _run(self, call: Callable[[], T]) -> None:
        try:
            self.result = call()
        except BaseException as exc:  # handed to whoever waits for it
            self.error = exc
        finally:
            self.done.set()
