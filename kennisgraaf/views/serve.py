"""`kennisgraaf serve`: run the Streamlit app on localhost only, with nothing that phones home."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from kennisgraaf.settings import PROJECT_ROOT, get_settings
from kennisgraaf.stores.embedded_server import CONSOLE_DIR, CONSOLE_NAME, EmbeddedServer

APP_PATH = PROJECT_ROOT / "app" / "streamlit_app.py"


def command(port: int, headless: bool = True, app_path: Path = APP_PATH, address: str = "127.0.0.1") -> list[str]:
    """The streamlit command line: bound to 127.0.0.1 (unless told otherwise, e.g. in a container), no usage
    statistics, no external help links."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
        "--browser.serverAddress", "127.0.0.1",
        "--server.showEmailPrompt", "false",
        "--client.showErrorLinks", "false",
        "--client.toolbarMode", "minimal",
        "--global.developmentMode", "false",
        # No file watcher: it polls every source file and walks every loaded module after each rerun, which was
        # the largest single cost under load (py-spy); a deployed app does not change under its feet.
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--runner.magicEnabled", "false",
        # No full garbage collection (gc.collect(2)) after every rerun: with pandas, pydantic and the caches in the
        # heap it held the GIL for a large share of each rerun; Python's own generational collection still runs.
        "--runner.postScriptGC", "false",
    ]


def environment() -> dict[str, str]:
    """The current environment, with Streamlit's telemetry switched off there too."""
    env = dict(os.environ)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env["STREAMLIT_SERVER_SHOW_EMAIL_PROMPT"] = "false"
    return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def embedded_engine() -> EmbeddedServer | None:
    """The embedded engine this app would use; on Neo4j the FalkorDB server of the console's copy (None when the
    operator runs the console on Neo4j itself)."""
    settings = get_settings()
    if settings.backend == "embedded":
        return EmbeddedServer(settings.data_dir)
    if settings.console_on_neo4j:
        return None
    return EmbeddedServer(settings.data_dir / CONSOLE_DIR, name=CONSOLE_NAME, persistent=False)


def stop_engine_if_ours(engine: EmbeddedServer | None, was_running: bool, grace_s: float = 2.0) -> bool:
    """Stop the embedded engine when this serve started it and no other process is connected; True if stopped.

    The app's own connections close when its process exits; the server may take a moment to notice, hence the
    short grace period before another connection counts as another user.
    """
    if engine is None or was_running or not engine.is_healthy():
        return False
    deadline = time.monotonic() + grace_s
    while engine.other_clients() > 0:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    engine.stop()
    return True


def serve(port: int = 8501, headless: bool = True, address: str = "127.0.0.1") -> int:
    """Run the app on http://127.0.0.1:PORT until it stops; return streamlit's exit code.

    Ctrl-C (SIGINT) and SIGTERM stop streamlit too, and then count as a clean stop (exit code 0). The embedded
    engine that the app started is stopped with it, unless another process (another app, a CLI command) is
    still connected to it; an engine that was already running before is left running.
    """
    engine = embedded_engine()
    was_running = engine is not None and engine.is_healthy()
    process = subprocess.Popen(command(port, headless, address=address), cwd=PROJECT_ROOT, env=environment())
    previous = None

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, on_term)
    try:
        return process.wait()
    except KeyboardInterrupt:
        _stop(process)
        return 0
    finally:
        # a second Ctrl-C while stopping leaves the engine running; it keeps its data (AOF) either way
        with contextlib.suppress(KeyboardInterrupt):
            stop_engine_if_ours(engine, was_running)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
